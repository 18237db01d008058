namespace AsyncIoTools.Results;

/// <summary>How opening the connections went.</summary>
public sealed record RampResult(int Requested, int Connected, TimeSpan Elapsed, long ConnectErrors, int Threads, int SourceAddresses);
