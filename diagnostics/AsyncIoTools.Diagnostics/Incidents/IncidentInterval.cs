using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>One lag interval of an incident's timeline, with its delays (ns) kept for the interval log.</summary>
public sealed record IncidentInterval(LagInterval Figures, [property: System.Text.Json.Serialization.JsonIgnore] LatencyHistogram Delays);
