using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// The io_uring engine: completion-based loops, one ring each. Requests are written into the mapped submission
/// queue, handed to the kernel in one io_uring_enter per loop iteration that also waits, and completions are read
/// from the mapped completion queue. Variants turn on one technique each over the plain request-per-operation
/// baseline; <c>default</c> is the combination that measured best here.
/// </summary>
public static class IoUringEngine
{
    public const string Name = "io_uring";

    private const IoUringFeatures Multishot = IoUringFeatures.MultishotAccept | IoUringFeatures.MultishotReceive;

    internal static IReadOnlyList<IoUringVariant> Variants { get; } =
    [
        new("default", "Multishot accept and receive with a provided-buffer ring, fixed files, SINGLE_ISSUER | DEFER_TASKRUN, quiet sends: the best measured here.", Multishot | IoUringFeatures.DeferTaskRun | IoUringFeatures.RegisteredFiles | IoUringFeatures.QuietSend),
        new("baseline", "One request per operation: accept, receive into the connection's buffer, send.", IoUringFeatures.None),
        new("multishot-accept", "One multishot accept for all connections; receives and sends one request each.", IoUringFeatures.MultishotAccept | IoUringFeatures.CooperativeTaskRun),
        new("multishot-recv", "Multishot accept, and one multishot receive per connection into a provided-buffer ring.", Multishot | IoUringFeatures.CooperativeTaskRun),
        new("sqpoll", "multishot-recv with IORING_SETUP_SQPOLL: a kernel thread submits; the loop enters only to wait or wake it.", Multishot | IoUringFeatures.SubmissionPolling),
        new("registered-files", "multishot-recv with connections accepted straight into the fixed-file table (no descriptors).", Multishot | IoUringFeatures.RegisteredFiles | IoUringFeatures.CooperativeTaskRun),
        new("defer-taskrun", "multishot-recv with SINGLE_ISSUER | DEFER_TASKRUN: completion work runs only when the loop waits.", Multishot | IoUringFeatures.DeferTaskRun),
        new("send-completions", "default with a completion for every send: one more io_uring_enter per wait when answers go out (what quiet sends save).", Multishot | IoUringFeatures.DeferTaskRun | IoUringFeatures.RegisteredFiles),
        new("send-zc", "multishot-recv with zero-copy sends (IORING_OP_SEND_ZC) and their notification completions.", Multishot | IoUringFeatures.ZeroCopySend | IoUringFeatures.CooperativeTaskRun),
    ];

    public static EngineDefinition Definition { get; } = new(
        Name,
        "Linux io_uring: requests written into a mapped ring, completions read from another; one io_uring_enter per iteration.",
        Variants.Select(v => v.ToEngineVariant()).ToArray(),
        Probe,
        Create)
    {
        // sendfile has no io_uring request (the registry refuses it, naming these two); splice and read/write go
        // through the ring.
        FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Splice],
    };

    internal static EngineAvailability Probe()
    {
        var kernel = IoUringCapabilities.Current;
        var reason = kernel.Unavailable
            ?? kernel.MissingOperation(IoUringOperation.Accept, IoUringOperation.Receive, IoUringOperation.Send, IoUringOperation.Cancel, IoUringOperation.Close, IoUringOperation.Shutdown, IoUringOperation.Read)
            ?? (kernel.WaitTimeouts ? null : "io_uring_enter takes no timeout here (IORING_FEAT_EXT_ARG, Linux 5.11)")
            ?? (kernel.KeepsOverflow ? null : "the kernel may drop completions (no IORING_FEAT_NODROP, Linux 5.5)");
        return reason is null ? EngineAvailability.Available : EngineAvailability.Unavailable(reason);
    }

    private static IServerEngine Create(ServerSettings settings)
    {
        if (settings.Protocol.Kind == ProtocolKind.File && settings.Transfer == FileTransfer.Splice
            && IoUringCapabilities.Current.MissingOperation(IoUringOperation.Splice) is { } missing)
        {
            // Only splice needs it: the engine serves HTTP, echo and read/write file bodies without it.
            throw new AsyncIoToolsException(FailureKind.EngineUnavailable, $"engine '{Name}' cannot send files with splice: {missing}");
        }

        var variant = Variants.FirstOrDefault(v => string.Equals(v.Name, settings.Variant, StringComparison.OrdinalIgnoreCase)) ?? Variants[0];
        return new IoUringServer(variant, settings);
    }
}
