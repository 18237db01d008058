using System.CommandLine;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Hosting;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// The core names settings abstractly in its errors; each face spells them as its user typed them. Every setting
/// must be a real CLI option and a real cmdlet parameter, and the CLI prints its own spelling.
/// </summary>
public sealed class SettingSpellingTests
{
    [Fact]
    public void EverySetting_IsAnOptionOfACliCommand()
    {
        var options = CommandPairs.All.SelectMany(p => p.Create().Options).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        Assert.All(Enum.GetValues<Setting>(), s => Assert.Contains(OptionSpelling.Of(s), options));
    }

    [Fact]
    public void EverySetting_IsAParameterOfACmdlet()
    {
        // The runner's settings (--backlog, --connect-concurrency, --control) are for its child processes, not for people.
        var advanced = new[] { ServeSettings.Table.Rules.Where(r => r.Advanced).Select(r => r.Setting), LoadSettings.Table.Rules.Where(r => r.Advanced).Select(r => r.Setting) }.SelectMany(s => s).ToHashSet();
        var parameters = ModuleMetadata.Cmdlets.SelectMany(c => c.Parameters).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(Enum.GetValues<Setting>().Where(s => !advanced.Contains(s)), s => Assert.Contains(ParameterSpelling.Name(s), parameters));
    }

    [Fact]
    public async Task Cli_SpellsTheSettingsOfACoreError_AsItsOptions()
    {
        var root = new RootCommand { Cli.Commands.LoadCommand.Create() };
        using var error = new StringWriter();
        var code = await CommandHost.RunAsync(root, ["load", "--target", "127.0.0.1:9", "--rate", "100", "--pipeline", "2", "--duration", "1s"], error);
        Assert.Equal(2, code);
        Assert.Equal("aiotools: --rate measures each request from its intended start and cannot be combined with --pipeline", error.ToString().TrimEnd());
    }
}
