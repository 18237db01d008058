using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AsyncIoTools.Reports.Tests;

/// <summary>
/// The committed JSON Schemas of the result file and the load report (<c>docs/schema/</c>) are the ones the records
/// give today, and every document the tool wrote (now, and by earlier builds) is valid against them; a document that
/// breaks the contract is not. <c>AIOTOOLS_UPDATE_GOLDEN=1</c> rewrites the committed files (review the diff).
/// </summary>
public sealed class ResultSchemaTests
{
    private static readonly string SchemaFolder = Path.Combine(RepositoryLayout.Root, "docs", "schema");

    public static TheoryData<string> SchemaIds => [BenchmarkResult.CurrentSchema, LoadReport.CurrentSchema];

    [Theory]
    [MemberData(nameof(SchemaIds))]
    public void CommittedSchema_IsWhatTheRecordsGive(string schemaId)
    {
        var path = Path.Combine(SchemaFolder, ResultSchemas.FileName(schemaId));
        var actual = ResultSchemas.ToText(Generated(schemaId));
        if (Environment.GetEnvironmentVariable("AIOTOOLS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(SchemaFolder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no committed schema {path}; run with AIOTOOLS_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void ResultFiles_OfEveryBuild_AreValid()
    {
        var schema = Committed(BenchmarkResult.CurrentSchema);
        var files = Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "reports", "catalogue", "results"), "*.json")
            .Append(FixturePaths.Sample)
            .Append(FixturePaths.Catalogue)
            .ToList();
        Assert.True(files.Count >= 10, $"expected the catalogue's result files, found {files.Count}");

        foreach (var file in files)
        {
            AssertValid(schema, File.ReadAllText(file), Path.GetFileName(file));
        }
    }

    [Fact]
    public void ResultFile_WrittenNow_IsValid()
    {
        var result = FixtureResults.Result("c10k", [FixtureResults.Run("epoll", "level"), FixtureResults.Run("io_uring", connections: 100)]);

        AssertValid(Committed(BenchmarkResult.CurrentSchema), ResultFiles.Serialize(result), "written now");
    }

    [Fact]
    public async Task LoadReport_OfARealRun_IsValid()
    {
        using var server = Aiotools.Start("serve", "--port", "0", "--loops", "1");
        var line = await server.StandardOutput.ReadLineAsync();
        try
        {
            var run = await Aiotools.RunAsync("load", "--target", line!["listening on ".Length..], "--connections", "4", "--duration", "300ms", "--warmup", "0s", "--json");

            Assert.Equal(0, run.ExitCode);
            AssertValid(Committed(LoadReport.CurrentSchema), run.Output, "aiotools load --json");
        }
        finally
        {
            TestProcesses.Stop(server);
        }
    }

    [Theory]
    [InlineData("schema", "\"aiotools.result/2\"")]
    [InlineData("runs", "\"none\"")]
    [InlineData("startedAt", "12")]
    [InlineData("commandLine", null)]
    public void ResultFile_BreakingTheContract_IsInvalid(string field, string? value)
    {
        var document = JsonNode.Parse(File.ReadAllText(FixturePaths.Sample))!.AsObject();
        if (value is null)
        {
            document.Remove(field);
        }
        else
        {
            document[field] = JsonNode.Parse(value);
        }

        using var parsed = JsonDocument.Parse(document.ToJsonString());
        var evaluation = Committed(BenchmarkResult.CurrentSchema).Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(evaluation.IsValid, $"a result file with {field} = {value ?? "(missing)"} passed the schema");
    }

    [Fact]
    public void Schema_NamesItsVersion_AndLeavesObjectsOpenForAddedFields()
    {
        var schema = Generated(BenchmarkResult.CurrentSchema);

        Assert.Equal(BenchmarkResult.CurrentSchema, schema["properties"]!["schema"]!["const"]!.GetValue<string>());
        Assert.Contains("schema", schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("\"additionalProperties\": false", ResultSchemas.ToText(schema), StringComparison.Ordinal);
    }

    private static JsonObject Generated(string schemaId) =>
        schemaId == BenchmarkResult.CurrentSchema ? ResultSchemas.Result() : ResultSchemas.Load();

    // Parsed once: JsonSchema.Net registers a schema under its $id and refuses a second registration.
    private static readonly Lazy<Dictionary<string, JsonSchema>> CommittedSchemas = new(() => new[] { BenchmarkResult.CurrentSchema, LoadReport.CurrentSchema }.ToDictionary(
        id => id,
        id => JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder, ResultSchemas.FileName(id))))));

    private static JsonSchema Committed(string schemaId) => CommittedSchemas.Value[schemaId];

    private static void AssertValid(JsonSchema schema, string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (evaluation.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(5);
        Assert.True(evaluation.IsValid, $"{name} is not valid against its schema: {string.Join("; ", errors)}");
    }
}
