using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>A named combination of <see cref="IoUringFeatures"/>, with the probe that says whether this kernel has them all.</summary>
internal sealed record IoUringVariant(string Name, string Description, IoUringFeatures Features)
{
    public EngineVariant ToEngineVariant() => new(Name, Description, Probe);

    public IoUringSetup SetupFlags
    {
        get
        {
            var flags = IoUringSetup.SubmitAll;
            if (Features.HasFlag(IoUringFeatures.SubmissionPolling))
            {
                flags |= IoUringSetup.SubmissionQueuePolling;
            }

            if (Features.HasFlag(IoUringFeatures.DeferTaskRun))
            {
                flags |= IoUringSetup.SingleIssuer | IoUringSetup.DeferTaskRun | IoUringSetup.TaskRunFlag;
            }
            else if (Features.HasFlag(IoUringFeatures.CooperativeTaskRun))
            {
                flags |= IoUringSetup.CooperativeTaskRun | IoUringSetup.TaskRunFlag;
            }

            return flags;
        }
    }

    /// <summary>The first reason this kernel cannot run the variant, naming the flag or opcode and the errno.</summary>
    public EngineAvailability Probe()
    {
        var kernel = IoUringCapabilities.Current;
        var reason = kernel.SetupRefusal(SetupFlags);
        if (reason is null && Features.HasFlag(IoUringFeatures.MultishotAccept) && kernel.BufferRingRefusal is { } pbuf)
        {
            // Multishot accept and buffer rings both came in Linux 5.19; REGISTER_PROBE cannot see accept's flags.
            reason = $"IORING_ACCEPT_MULTISHOT (Linux 5.19) judged missing with IORING_REGISTER_PBUF_RING of the same release: {pbuf}";
        }

        if (reason is null && Features.HasFlag(IoUringFeatures.MultishotReceive))
        {
            reason = kernel.BufferRingRefusal ?? (kernel.Supports(IoUringOperation.SendZeroCopy)
                ? null
                : "IORING_RECV_MULTISHOT (Linux 6.0) judged missing: IORING_OP_SEND_ZC of the same release is not supported (IORING_REGISTER_PROBE)");
        }

        if (reason is null && Features.HasFlag(IoUringFeatures.RegisteredFiles))
        {
            reason = kernel.FixedFilesRefusal ?? kernel.SocketOptionRefusal;
        }

        if (reason is null && Features.HasFlag(IoUringFeatures.ZeroCopySend))
        {
            reason = kernel.MissingOperation(IoUringOperation.SendZeroCopy);
        }

        if (reason is null && Features.HasFlag(IoUringFeatures.QuietSend))
        {
            reason = kernel.QuietSendRefusal;
        }

        return reason is null ? EngineAvailability.Available : EngineAvailability.Unavailable(reason);
    }
}
