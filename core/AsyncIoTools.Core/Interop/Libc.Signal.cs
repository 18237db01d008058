using System.Runtime.InteropServices;

namespace AsyncIoTools.Interop;

internal static partial class Libc
{
    internal const int SIGCONT = 18;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int kill(int pid, int sig);
}
