using System.Diagnostics;
using System.Text.Json;

namespace AsyncIoTools.Tests.Hdr;

/// <summary>
/// Runs hdr-histogram-js (npm, installed by tests/run-tests.sh into artifacts/node) over an .hlog file through
/// tests/hdr/hlog-summary.js: the independent reader that proves our logs are standard HdrHistogram.
/// </summary>
public static class HdrHistogramJs
{
    public static JsonElement Summarize(string hlogPath)
    {
        var root = AsyncIoTools.Tests.Support.RepositoryLayout.Root;
        var modules = Environment.GetEnvironmentVariable("AIOTOOLS_NODE_MODULES") ?? Path.Combine(root, "artifacts", "node", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "hdr-histogram-js")))
        {
            throw new InvalidOperationException($"hdr-histogram-js is not installed in {modules}: run tests/run-tests.sh (it installs it) or npm install --prefix artifacts/node hdr-histogram-js@3.0.1");
        }

        var info = AsyncIoTools.Tests.Support.TestProcesses.StartInfo("node", [Path.Combine(root, "tests", "hdr", "hlog-summary.js"), hlogPath]);
        info.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("node hlog-summary.js did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hdr-histogram-js could not read {hlogPath}: {error.Result}");
        }

        return JsonDocument.Parse(output.Result).RootElement.Clone();
    }

    /// <summary>
    /// True when <paramref name="ourMicros"/> (a figure of our JSON, in µs, maybe cut to whole µs) lies in the bucket
    /// the reader's value (ns) stands for: HdrHistogram reports a bucket's highest value, we report its middle.
    /// </summary>
    public static bool SameBucket(JsonElement readerValue, double ourMicros)
    {
        var lowest = readerValue.GetProperty("lowest").GetDouble() / 1000;
        var highest = readerValue.GetProperty("highest").GetDouble() / 1000;
        return ourMicros >= lowest - 1 && ourMicros <= highest + 1;
    }
}
