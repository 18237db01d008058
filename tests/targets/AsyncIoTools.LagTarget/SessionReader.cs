namespace AsyncIoTools.LagTarget;

/// <summary>Readers parked on a message that never comes: pending async calls that await a plain task.</summary>
internal static class SessionReader
{
    public const string MethodName = "SessionReader.ReadAsync";

    private static readonly TaskCompletionSource<string> NeverArrives = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = ReadAsync();
        }
    }

    private static async Task<int> ReadAsync()
    {
        InFlight.Enter(MethodName);
        try
        {
            var message = await NeverArrives.Task;
            return message.Length;
        }
        finally
        {
            InFlight.Exit(MethodName);
        }
    }
}
