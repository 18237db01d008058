using System.Text.Json.Serialization;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics;

/// <summary>
/// The JSON of every diagnostics report (a stable contract for scripts, README): camelCase names and enum values,
/// nulls written, NaN and infinities as named literals (a method's timing can be NaN). Indented; a renderer writes
/// JSON lines through a compact writer.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(CamelCaseEnumConverter<LagVerdict>), typeof(CamelCaseEnumConverter<CaptureEnd>), typeof(CamelCaseEnumConverter<BlockingKind>)])]
[JsonSerializable(typeof(LagReport))]
[JsonSerializable(typeof(LagInterval))]
[JsonSerializable(typeof(LagProcessInterval))]
[JsonSerializable(typeof(LagFleetDocument))]
[JsonSerializable(typeof(BlockingReport))]
[JsonSerializable(typeof(HotspotsReport))]
[JsonSerializable(typeof(AsyncCallTraceReport))]
[JsonSerializable(typeof(IReadOnlyList<DotNetProcess>))]
[JsonSerializable(typeof(Diagnosis))]
[JsonSerializable(typeof(IncidentLine))]
public sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
