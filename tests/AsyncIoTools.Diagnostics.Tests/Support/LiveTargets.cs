namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>
/// Tests that start target processes run one after another: on two cores, parallel targets would only add noise
/// to each other's figures (nothing is asserted on timing, but the comparisons with ground truth stay meaningful).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTargets
{
    public const string Name = "Live targets";
}
