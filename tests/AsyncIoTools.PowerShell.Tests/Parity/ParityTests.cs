using System.CommandLine;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// The CLI's options, from its real factories, against the cmdlets' parameters: kebab-case matches PascalCase
/// (or an alias), types and mandatory flags agree, and every difference is one of <see cref="CommandPairs.Differences"/>.
/// </summary>
public sealed class ParityTests
{
    public static TheoryData<string> Commands() => [.. CommandPairs.All.Select(p => p.Command)];

    [Fact]
    public void EveryCliCommand_HasACmdlet_AndEveryCmdletACommandOrAReason()
    {
        var factories = ModuleMetadata.Context.LoadFromAssemblyPath(Repository.CliAssembly).GetTypes()
            .Where(t => t.Namespace?.StartsWith("AsyncIoTools.Cli.Commands", StringComparison.Ordinal) == true && t.GetMethod("Create") is { ReturnType.Name: "Command" })
            .Select(t => t.FullName!)
            .ToHashSet();
        Assert.Equal(factories.Order(StringComparer.Ordinal), CommandPairs.All.Select(p => p.CliTypes[0]).Order(StringComparer.Ordinal));
        var paired = CommandPairs.All.Select(p => p.Cmdlet).Concat(CommandPairs.ModuleOnly.Keys);
        Assert.Equal(ModuleMetadata.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), paired.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void CliOptions_MatchCmdletParameters_ExceptTheDocumentedDifferences(string commandName)
    {
        var pair = CommandPairs.All.Single(p => p.Command == commandName);
        var command = pair.Create();
        Assert.Equal(commandName, command.Name);
        var cmdlet = ModuleMetadata.Cmdlet(pair.Cmdlet);
        var found = new List<Difference>();
        var matched = new HashSet<string>(StringComparer.Ordinal);

        var inputs = command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version"))
            .Select(o => (Name: o.Name.TrimStart('-'), o.ValueType, Required: o.Required))
            .Concat(command.Arguments.Select(a => (Name: a.Name, a.ValueType, Required: a.Arity.MinimumNumberOfValues > 0)));
        foreach (var (name, valueType, required) in inputs)
        {
            var parameter = cmdlet.Parameters.FirstOrDefault(p => Normalize(p.Name) == Normalize(name) || p.Aliases.Any(a => Normalize(a) == Normalize(name)));
            if (parameter is null)
            {
                found.Add(new(commandName, name, DifferenceKind.NotInCmdlet, string.Empty));
                continue;
            }

            matched.Add(parameter.Name);
            if (ExpectedParameterType(valueType) != parameter.TypeName)
            {
                found.Add(new(commandName, name, DifferenceKind.Type, string.Empty));
            }

            if (required != parameter.Sets.Any(s => s.Mandatory))
            {
                found.Add(new(commandName, name, DifferenceKind.Mandatory, string.Empty));
            }
        }

        found.AddRange(cmdlet.Parameters.Where(p => !matched.Contains(p.Name)).Select(p => new Difference(commandName, p.Name, DifferenceKind.CmdletOnly, string.Empty)));
        var documented = CommandPairs.Differences.Where(d => d.Command == commandName).Select(d => (d.Name, d.Kind)).ToHashSet();
        Assert.Equal(documented.Order(), found.Select(d => (d.Name, d.Kind)).Order());
        Assert.All(CommandPairs.Differences.Where(d => d.Command == commandName), d => Assert.False(string.IsNullOrWhiteSpace(d.Why)));
    }

    private static string Normalize(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The parameter type that carries what a CLI option of this value type carries.</summary>
    private static string ExpectedParameterType(Type cliType)
    {
        var type = Nullable.GetUnderlyingType(cliType) ?? cliType;
        if (type == typeof(bool))
        {
            return "System.Management.Automation.SwitchParameter";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return type.GetGenericArguments()[0].FullName + "[]";
        }

        return type.FullName!;
    }
}
