using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>The kernel's names of <see cref="IoUringSetup"/> flags, for messages a user can look up.</summary>
internal static class IoUringSetupNames
{
    public static string Of(IoUringSetup flags)
    {
        if (flags == IoUringSetup.None)
        {
            return "no setup flags";
        }

        var names = Enum.GetValues<IoUringSetup>()
            .Where(flag => flag != IoUringSetup.None && flags.HasFlag(flag))
            .Select(flag => flag switch
            {
                IoUringSetup.SubmissionQueuePolling => "IORING_SETUP_SQPOLL",
                IoUringSetup.PollingThreadAffinity => "IORING_SETUP_SQ_AFF",
                IoUringSetup.SubmitAll => "IORING_SETUP_SUBMIT_ALL",
                IoUringSetup.CooperativeTaskRun => "IORING_SETUP_COOP_TASKRUN",
                IoUringSetup.TaskRunFlag => "IORING_SETUP_TASKRUN_FLAG",
                IoUringSetup.SingleIssuer => "IORING_SETUP_SINGLE_ISSUER",
                IoUringSetup.DeferTaskRun => "IORING_SETUP_DEFER_TASKRUN",
                _ => flag.ToString(),
            });
        return string.Join(" | ", names);
    }
}
