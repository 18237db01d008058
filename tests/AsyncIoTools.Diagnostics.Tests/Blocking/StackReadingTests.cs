using AsyncIoTools.Diagnostics.Blocking;

namespace AsyncIoTools.Diagnostics.Tests.Blocking;

public sealed class StackReadingTests
{
    private static readonly CallFrame Dispatch = new("System.Threading.ThreadPoolWorkQueue.Dispatch()", "System.Private.CoreLib");
    private static readonly CallFrame Worker = new("System.Threading.PortableThreadPool+WorkerThread.WorkerThreadStart()", "System.Private.CoreLib");

    [Fact]
    public void Attribute_GetResultOnAPoolThread_NamesTheCallerAsSyncOverAsync()
    {
        CallFrame[] frames =
        [
            new("System.Threading.Monitor.Wait(class System.Object,int32)", "System.Private.CoreLib"),
            new("System.Threading.ManualResetEventSlim.Wait(int32,value class System.Threading.CancellationToken)", "System.Private.CoreLib"),
            new("System.Threading.Tasks.Task.InternalWaitCore(int32,value class System.Threading.CancellationToken)", "System.Private.CoreLib"),
            new("System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification(class System.Threading.Tasks.Task)", "System.Private.CoreLib"),
            new("Shop.InventoryClient.GetStockSync()", "Shop"),
            new("Shop.OrderHandler.Handle()", "Shop"),
            Dispatch,
            Worker,
        ];

        var culprit = StackReading.Attribute(frames, BlockingKind.Wait);

        Assert.True(StackReading.IsPoolWorker(frames));
        Assert.Equal(("Shop.InventoryClient.GetStockSync", "System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification", BlockingKind.SyncOverAsync), culprit);
    }

    [Fact]
    public void Attribute_LockSlowPath_IsALockEvenThoughItWaitsOnAnEvent()
    {
        CallFrame[] frames =
        [
            new("System.Threading.WaitHandle.WaitOneNoCheck(int32)", "System.Private.CoreLib"),
            new("System.Threading.Lock.EnterAndGetCurrentThreadId()", "System.Private.CoreLib"),
            new("Shop.PriceCache.Lookup()", "Shop"),
            Dispatch,
        ];

        Assert.Equal(BlockingKind.Lock, StackReading.Attribute(frames, BlockingKind.Wait)?.Kind);
    }

    [Fact]
    public void IsSleeping_ThreadSleepFrame_IsRecognised()
    {
        CallFrame[] frames =
        [
            new(string.Empty, "libcoreclr"),
            new("System.Threading.Thread.Sleep(int32)", "System.Private.CoreLib"),
            new("Shop.AuditLog.WriteSync(int32)", "Shop"),
            Dispatch,
        ];

        Assert.True(StackReading.IsSleeping(frames));
        Assert.Equal("Shop.AuditLog.WriteSync", StackReading.Attribute(frames, BlockingKind.Sleep)?.Method);
    }

    [Fact]
    public void Attribute_SpinSleepInsideATaskWait_IsSyncOverAsync()
    {
        CallFrame[] frames =
        [
            new("System.Threading.Thread.Sleep(int32)", "System.Private.CoreLib"),
            new("System.Threading.SpinWait.SpinOnceCore(int32)", "System.Private.CoreLib"),
            new("System.Threading.Tasks.Task.SpinWait(int32)", "System.Private.CoreLib"),
            new("System.Threading.Tasks.Task.InternalWaitCore(int32,value class System.Threading.CancellationToken)", "System.Private.CoreLib"),
            new("Shop.InventoryClient.GetStockSync()", "Shop"),
            Dispatch,
        ];

        Assert.Equal(BlockingKind.SyncOverAsync, StackReading.Attribute(frames, BlockingKind.Sleep)?.Kind);
    }

    [Fact]
    public void Attribute_OnlyFrameworkFrames_FindsNoCulprit()
    {
        CallFrame[] frames =
        [
            new("System.Threading.LowLevelLifoSemaphore.Wait(int32,bool)", "System.Private.CoreLib"),
            Worker,
        ];

        Assert.Null(StackReading.Attribute(frames, BlockingKind.Wait));
    }

    [Fact]
    public void ShortName_AsyncStateMachine_IsTheMethodPeopleWrote() =>
        Assert.Equal("Shop.OrderHandler.HandleAsync", new CallFrame("Shop.OrderHandler+<HandleAsync>d__7.MoveNext()", "Shop").ShortName);

    [Fact]
    public void IsPoolWorker_TimerThread_IsNot()
    {
        CallFrame[] frames = [new("System.Threading.TimerQueue.TimerThread()", "System.Private.CoreLib")];

        Assert.False(StackReading.IsPoolWorker(frames));
    }
}
