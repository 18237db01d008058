namespace AsyncIoTools.Cli.Tests.Docs;

/// <summary>Tests that load both cores (benches at full rate) run after the others of this project, alone.</summary>
[CollectionDefinition(nameof(WholeMachine), DisableParallelization = true)]
public sealed class WholeMachine;
