using AsyncIoTools.Benchmarks.Runner;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

public sealed class CapacityPlanTests
{
    [Theory]
    [InlineData(6, 4096, 6, 4096)]
    [InlineData(1, 4096, 2, 2048)]
    [InlineData(1, 4096, 1, 4096)]
    [InlineData(1, 10, 100, 1)]
    public void ConnectConcurrency_SharesTheServersQueuesAmongTheLoadThreads(int workers, int queueLength, int loadThreads, int expected)
    {
        Assert.Equal(expected, CapacityPlan.ConnectConcurrency(workers, queueLength, loadThreads));
    }

    [Fact]
    public void ConnectConcurrency_OfAPlan_NeverExceedsWhatTheBacklogAllows()
    {
        var plan = CapacityPlan.For(100_000);

        Assert.Equal(plan.Workers * 16 / plan.LoadProcesses, plan.ConnectConcurrency(backlog: 16, threadsPerLoadProcess: 1));
        Assert.True(plan.ConnectConcurrency(backlog: 65535, threadsPerLoadProcess: 4) >= 1);
    }
}
