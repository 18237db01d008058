using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>The sleeping culprit: a synchronous "flush" that parks a pool thread in <see cref="Thread.Sleep(int)"/>.</summary>
internal static class AuditLog
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteSync(int millis) => Thread.Sleep(millis);
}
