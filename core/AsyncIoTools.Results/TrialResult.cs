namespace AsyncIoTools.Results;

/// <summary>One trial: what the client saw, what the server process spent, what the engine counted, and the machine.</summary>
public sealed record TrialResult(int Index, ClientMeasurement Client, ServerMeasurement Server, CounterMeasurement Counters, SystemMeasurement? System = null);
