using System.Diagnostics;
using System.Text.Json;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// Runs servers from the win-x64 build under Wine, driven by this (native) test process over loopback. Wine is
/// ready when <c>wine</c> is on PATH and <c>tests/wine/prepare.sh</c> has set up a prefix and a publish, named
/// by the environment variables it prints. Which engines run there is the Windows build's own probe's call.
/// </summary>
public static class WineHost
{
    /// <summary>Folder holding the self-contained win-x64 publish (aiotools.exe).</summary>
    public const string PublishVariable = "AIOTOOLS_WINE_PUBLISH";

    /// <summary>The WINEPREFIX to run it in.</summary>
    public const string PrefixVariable = "AIOTOOLS_WINEPREFIX";

    /// <summary>Set (to 1) where Wine must be ready, as in CI: an unprepared Wine then fails the cases instead of skipping them.</summary>
    public const string RequiredVariable = "AIOTOOLS_WINE_REQUIRED";

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<EngineAvailability> Readiness = new(CheckReadiness);
    private static readonly Lazy<IReadOnlyList<EngineVariantInfo>?> WindowsEngines = new(QueryWindowsEngines);

    /// <summary>Why Wine cannot run the Windows build here, or available.</summary>
    public static EngineAvailability Ready => Readiness.Value;

    /// <summary>What the Windows build's own <c>engines --json</c> says under Wine; null when it could not be asked.</summary>
    public static IReadOnlyList<EngineVariantInfo>? WindowsEngineVariants => WindowsEngines.Value;

    private static string Publish => Environment.GetEnvironmentVariable(PublishVariable) ?? string.Empty;

    private static string Prefix => Environment.GetEnvironmentVariable(PrefixVariable) ?? string.Empty;

    private static string Executable => Path.Combine(Publish, "aiotools.exe");

    /// <summary>
    /// The launch: Wine with quiet logs, and winedbg disabled — with it, a crash of the Windows process is
    /// caught by the debugger and Wine exits 0; without it the crash is a non-zero exit the tests see. The
    /// test host's own .NET settings (DOTNET_*, COREHOST_*) are not passed on: they describe the Linux runtime
    /// running the tests, and the self-contained Windows build fails to load its assemblies with them.
    /// </summary>
    public static ServerLaunch Launch()
    {
        var variables = new Dictionary<string, string?>
        {
            ["WINEPREFIX"] = Prefix,
            ["WINEDEBUG"] = "-all",
            ["WINEDLLOVERRIDES"] = "winedbg.exe=d",
        };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("COREHOST_", StringComparison.Ordinal))
            {
                variables[name] = null;
            }
        }

        return new ServerLaunch("wine", [Executable], variables);
    }

    /// <summary>Whether <paramref name="engine"/>/<paramref name="variant"/> can run under Wine here, and if not why.</summary>
    public static EngineAvailability Probe(string engine, string variant)
    {
        if (!Readiness.Value.IsAvailable)
        {
            return Environment.GetEnvironmentVariable(RequiredVariable) == "1"
                ? throw new InvalidOperationException($"{RequiredVariable}=1 but {Readiness.Value.Reason}")
                : Readiness.Value;
        }

        // If the Windows build cannot even list its engines, run the cases: they fail loudly, never skip.
        var verdict = WindowsEngines.Value?.FirstOrDefault(e =>
            string.Equals(e.Engine, engine, StringComparison.OrdinalIgnoreCase) && string.Equals(e.Variant, variant, StringComparison.OrdinalIgnoreCase));
        return verdict is { Available: false }
            ? EngineAvailability.Unavailable($"under Wine: {verdict.Reason}")
            : EngineAvailability.Available;
    }

    private static EngineAvailability CheckReadiness()
    {
        if (Publish.Length == 0 || Prefix.Length == 0)
        {
            return EngineAvailability.Unavailable($"Wine is not prepared: {PublishVariable} and {PrefixVariable} are not set (tests/wine/prepare.sh prints them)");
        }

        if (!File.Exists(Executable))
        {
            return EngineAvailability.Unavailable($"no win-x64 build at {Executable} (tests/wine/prepare.sh publishes it)");
        }

        if (!Directory.Exists(Prefix))
        {
            return EngineAvailability.Unavailable($"no WINEPREFIX at {Prefix} (tests/wine/prepare.sh creates it)");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "wine")));
        return onPath ? EngineAvailability.Available : EngineAvailability.Unavailable("wine is not installed (tests/wine/prepare.sh installs it)");
    }

    private static IReadOnlyList<EngineVariantInfo>? QueryWindowsEngines()
    {
        var launch = Launch();
        var start = TestProcesses.StartInfo(launch.FileName, launch.PrefixArguments.Concat(["engines", "--json"]));
        foreach (var (name, value) in launch.EnvironmentVariables!)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(QueryTimeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        Task.WaitAll(output, error);
        return process.ExitCode == 0
            ? JsonSerializer.Deserialize<List<EngineVariantInfo>>(output.Result, JsonSerializerOptions.Web)
            : null;
    }
}
