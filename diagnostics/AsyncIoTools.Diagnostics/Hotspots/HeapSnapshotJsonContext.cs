using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>The heap-snapshot helper's answer line (a contract between two processes of one build).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HeapSnapshotOutcome))]
internal sealed partial class HeapSnapshotJsonContext : JsonSerializerContext;
