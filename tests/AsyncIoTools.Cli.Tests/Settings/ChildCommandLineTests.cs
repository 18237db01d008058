using System.CommandLine;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Engines.Hosting;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Sdk;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// Options → the child's command line → the real CLI parser → options is the identity, setting by setting: a
/// setting the writer leaves out, rounds, or the CLI does not read back fails here, named.
/// </summary>
public sealed class ChildCommandLineTests
{
    private static readonly Config Checks = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Serve_RoundTripsEverySetting()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var options = RandomOptions.Serve(seed);
            var arguments = ServeArguments.For(options.Server, options.Host.Cpus, options.Host.Control);
            var parsed = Parse(ServeCommand.Create(), arguments);
            Require(SettingValues.Differences(ServeSettings.Table, options, ServeCommand.Bind(parsed)), arguments);
        }).Check(Checks);
    }

    [Fact]
    public void Load_RoundTripsEverySetting()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var options = RandomOptions.Load(seed);
            var arguments = LoadSettings.CommandLine(options);
            var parsed = Parse(LoadCommand.Create(), arguments);
            Require(SettingValues.Differences(LoadSettings.Table, options, LoadCommand.Bind(parsed)), arguments);
        }).Check(Checks);
    }

    [Fact]
    public void Generators_VaryEverySetting()
    {
        // A setting the generator never changes would round-trip by luck: adding one to a table means adding it here.
        var seeds = Enumerable.Range(0, 200).ToList();
        Assert.Empty(SettingValues.NeverVaried(ServeSettings.Table, seeds.Select(RandomOptions.Serve)));
        Assert.Empty(SettingValues.NeverVaried(LoadSettings.Table, seeds.Select(RandomOptions.Load)));
    }

    private static ParseResult Parse(Command command, IReadOnlyList<string> arguments)
    {
        var result = new RootCommand { command }.Parse(arguments.ToArray());
        if (result.Errors.Count > 0)
        {
            throw new XunitException($"the CLI refuses its child's command line: {string.Join("; ", result.Errors.Select(e => e.Message))}\n  {string.Join(' ', arguments)}");
        }

        return result;
    }

    private static void Require(IReadOnlyList<string> differences, IReadOnlyList<string> arguments)
    {
        if (differences.Count > 0)
        {
            throw new XunitException($"lost on the way through the child's command line: {string.Join("; ", differences)}\n  {string.Join(' ', arguments)}");
        }
    }
}
