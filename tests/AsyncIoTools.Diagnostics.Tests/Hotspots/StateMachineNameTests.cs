using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

public sealed class StateMachineNameTests
{
    [Theory]
    [InlineData("System.Runtime.CompilerServices.AsyncTaskMethodBuilder<System.Int32>+AsyncStateMachineBox<Shop.SessionReader+<ReadAsync>d__3>", "Shop.SessionReader+<ReadAsync>d__3")]
    [InlineData("System.Runtime.CompilerServices.AsyncTaskMethodBuilder<System.Threading.Tasks.VoidTaskResult>+AsyncStateMachineBox<Shop.Pump+<RunAsync>d__1>", "Shop.Pump+<RunAsync>d__1")]
    [InlineData("System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1+AsyncStateMachineBox<System.Int32, Shop.Pump+<RunAsync>d__1>", "Shop.Pump+<RunAsync>d__1")]
    public void FromBoxType_FindsTheStateMachine(string box, string expected) =>
        Assert.Equal(expected, StateMachineName.FromBoxType(box));

    [Fact]
    public void FromBoxType_OrdinaryType_IsNull() =>
        Assert.Null(StateMachineName.FromBoxType("System.Threading.Tasks.Task+DelayPromise"));

    [Fact]
    public void Split_NestedType_GivesDeclaringTypeAndMethod() =>
        Assert.Equal(("Shop.Outer+Inner", "LoadAsync"), StateMachineName.Split("Shop.Outer+Inner+<LoadAsync>d__12"));

    [Fact]
    public void Display_DropsTheNamespace() =>
        Assert.Equal("SessionReader.ReadAsync", StateMachineName.Display("Shop.Net.SessionReader", "ReadAsync"));
}
