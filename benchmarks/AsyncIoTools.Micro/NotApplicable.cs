using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace AsyncIoTools.Micro;

/// <summary>
/// A case that cannot run on its mechanism (select past FD_SETSIZE, io_uring on a kernel without it) ends its
/// benchmark process from its setup, with the reason on standard error (the console's, which BenchmarkDotNet does not
/// redirect) and an exit code of its own: BenchmarkDotNet prints the row as NA, which is the finding, and Program,
/// seeing the exit code, does not count the case as failed. An exception would print the same, but BenchmarkDotNet
/// keeps no trace of it that Program could tell from a broken case.
/// </summary>
public static class NotApplicable
{
    /// <summary>The benchmark process's exit code for a case that is not applicable (EX_CONFIG in sysexits.h).</summary>
    public const int ExitCode = 78;

    [DoesNotReturn]
    public static void Exit(string why)
    {
        Console.Error.WriteLine($"not applicable: {why}");
        Console.Error.Flush();
        Environment.Exit(ExitCode);
        throw new UnreachableException();
    }
}
