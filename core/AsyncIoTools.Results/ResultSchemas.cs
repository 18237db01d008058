using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace AsyncIoTools.Results;

/// <summary>
/// JSON Schemas (draft 2020-12) of the two documents the tool writes for others to read: a result file
/// (<see cref="BenchmarkResult"/>) and the report of <c>aiotools load --json</c> (<see cref="LoadReport"/>). They are
/// derived from the records through the contract's own serializer options, so they say what is written, and are
/// committed under <c>docs/schema/</c> for readers in other languages; a test keeps the committed files equal to these.
/// <para>
/// Objects stay open (no <c>additionalProperties: false</c>): the contract only ever adds fields, and a reader checked
/// against this version must still accept a file from a newer build of the same schema id.
/// </para>
/// </summary>
public static class ResultSchemas
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The schema of a result file, <c>schema: "aiotools.result/1"</c>.</summary>
    public static JsonObject Result() =>
        Export(typeof(BenchmarkResult), BenchmarkResult.CurrentSchema, "AsyncIoTools result file",
            "One `aiotools bench` run: what ran, where, with which command, every trial's raw figures, and the summary.");

    /// <summary>The schema of <c>aiotools load --json</c>, <c>schema: "aiotools.load/1"</c>.</summary>
    public static JsonObject Load() =>
        Export(typeof(LoadReport), LoadReport.CurrentSchema, "AsyncIoTools load report",
            "One `aiotools load` run against a server: the load, the ramp, what the client measured, and the summary.");

    /// <summary>The file name a schema is committed under: <c>aiotools.result-1.schema.json</c> for <c>aiotools.result/1</c>.</summary>
    public static string FileName(string schemaId)
    {
        ArgumentNullException.ThrowIfNull(schemaId);
        return schemaId.Replace('/', '-') + ".schema.json";
    }

    /// <summary>The text committed for a schema: indented, one trailing newline.</summary>
    public static string ToText(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        // Relaxed escaping: the committed file is read by people too (backquotes and apostrophes as they are).
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>
    /// The contract writes no nulls (<c>WhenWritingNull</c>): a member that is required in C# but may be null is absent
    /// from the file when it is null, so the schema must not require it.
    /// </summary>
    private static void OmitNullablesFromRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties && obj["required"] is JsonArray required)
                {
                    foreach (var name in required.Select(n => n!.GetValue<string>()).Where(n => AdmitsNull(properties[n])).ToList())
                    {
                        required.Remove(required.First(n => n!.GetValue<string>() == name));
                    }

                    if (required.Count == 0)
                    {
                        obj.Remove("required");
                    }
                }

                foreach (var (_, value) in obj)
                {
                    OmitNullablesFromRequired(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    OmitNullablesFromRequired(item);
                }

                break;
        }
    }

    private static bool AdmitsNull(JsonNode? property) => property?["type"] switch
    {
        JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonValue type => type.GetValue<string>() == "null",
        _ => false,
    };

    private static JsonObject Export(Type type, string schemaId, string title, string description)
    {
        var exported = ResultsJsonContext.Default.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        var root = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = $"https://asyncio.tools/schema/{FileName(schemaId)}",
            ["title"] = title,
            ["description"] = description,
        };
        foreach (var (name, value) in exported.AsObject().ToList())
        {
            exported.AsObject().Remove(name);
            root[name] = value;
        }

        OmitNullablesFromRequired(root);

        // The one field a reader must check first: which version of the contract the file is.
        root["properties"]!["schema"] = new JsonObject { ["const"] = schemaId };
        var required = root["required"] as JsonArray ?? [];
        if (!required.Any(n => n?.GetValue<string>() == "schema"))
        {
            required.Insert(0, "schema");
        }

        root["required"] = required;
        return root;
    }
}
