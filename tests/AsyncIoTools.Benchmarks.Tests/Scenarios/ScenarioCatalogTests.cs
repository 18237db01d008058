using System.Reflection;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Scenarios;

public sealed class ScenarioCatalogTests
{
    private static readonly string[] Required =
        ["c10k", "c100k", "c10k-idle", "c100k-idle", "churn", "echo-4k", "file-1m", "file-64m", "nagle", "bufsize", "cork", "keepalive", "tfo", "reuseport"];

    [Fact]
    public void BuiltIn_HoldsTheWholeCatalogueAndEveryScenarioIsValid()
    {
        var names = ScenarioCatalog.BuiltIn.Select(s => s.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Empty(Required.Except(names));
        Assert.All(ScenarioCatalog.BuiltIn, s => Assert.Null(ScenarioValidator.FindProblem(s)));
        Assert.All(ScenarioCatalog.BuiltIn, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), s.Name));
    }

    [Fact]
    public void BuiltIn_FilesLeftOutKeepTheirDefaults()
    {
        // The c10k file says nothing of pipeline or message size: the scenario's defaults apply, not zero.
        var c10k = ScenarioCatalog.Load("c10k");

        Assert.Equal(1, c10k.Pipeline);
        Assert.Equal(64, c10k.MessageBytes);
        Assert.Equal(1, c10k.Seed);
    }

    [Fact]
    public void Schema_DescribesExactlyTheFieldsTheToolReads()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "benchmarks", "scenarios", "scenario.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");

        Assert.Equal(JsonNames(typeof(BenchmarkScenario)), properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var caseProperties = properties.GetProperty("cases").GetProperty("items").GetProperty("properties");
        Assert.Equal(JsonNames(typeof(ScenarioCase)), caseProperties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"conections\": 10 }", "unknown field 'conections'")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"connections\": \"many\" }", "field 'connections'")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"connections\": -5 }", "connections: must be 1 to 1,000,000 (got -5)")]
    [InlineData("{ \"version\": 2, \"name\": \"x\" }", "version: only version 1 is known (got 2)")]
    [InlineData("{ \"version\": 1, \"name\": \"Bad Name\" }", "name: use lowercase letters")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"protocol\": \"file\" }", "file: the file protocol needs a file")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"protocol\": 7 }", "field 'protocol': wrong type or value")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"protocol\": \"7\" }", "field 'protocol': wrong type or value")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"cases\": [ { \"name\": \"a\", \"transfer\": 1 } ] }", "field 'cases[0].transfer': wrong type or value")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"sweep\": { \"parameter\": \"colour\", \"values\": [1] } }", "sweep.parameter")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"connections\": 100, \"sweep\": { \"parameter\": \"active\", \"values\": [10, 500] } }", "sweep.values[1] → active: must be 0 to connections (100) (got 500)")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"cases\": [ { \"name\": \"a\" }, { \"name\": \"a\" } ] }", "cases[1].name")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"cases\": [ { \"name\": \"a\", \"nodelay\": true } ] }", "unknown field 'cases[0].nodelay'")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"engines\": [\"Epoll Edge\"] }", "engines[0]")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"cases\": [ { \"name\": \"a\", \"congestionControl\": \"tcp-cubic\" } ] }", "cases[0].congestionControl: a name of 1 to 15 letters, digits or '_', such as cubic (got 'tcp-cubic')")]
    [InlineData("{ \"version\": 1, \"name\": \"x\", \"cases\": [ { \"name\": \"a\", \"congestionControl\": \"cubiccubiccubic1\" } ] }", "cases[0].congestionControl")]
    [InlineData("{ \"version\": 1, ", "not valid JSON")]
    public void Parse_BadScenario_NamesTheFieldAndTheValue(string json, string expected)
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => ScenarioCatalog.Parse(json, "bad.json"));

        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.StartsWith("bad.json: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void Load_UnknownName_IsAUsageErrorListingTheCatalogue()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => ScenarioCatalog.Load("c1m"));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Contains("c10k-idle", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsBadInput()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => ScenarioCatalog.Load("/nowhere/scenario.json"));
        Assert.Equal(FailureKind.BadInput, failure.Kind);
    }

    [Fact]
    public void Sweep_Apply_ChangesOnlyItsParameter()
    {
        var scenario = ScenarioCatalog.Load("c10k-idle");

        var point = scenario.Sweep!.Apply(scenario, 2500);

        Assert.Equal(2500, point.Connections);
        Assert.Equal(100, point.Active);
        Assert.Equal(scenario with { Connections = 2500 }, point);
    }

    private static IEnumerable<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .Select(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal);
}
