namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Reads one EventCounters event (the System.Runtime source polled once a second): its payload is a dictionary
/// under "Payload" with the counter's "Name" and its "Mean" (polling counters) or "Increment" (rates).
/// </summary>
internal static class RuntimeCounterPayload
{
    public const string QueueLength = "threadpool-queue-length";
    public const string ThreadCount = "threadpool-thread-count";
    public const string CompletedItems = "threadpool-completed-items-count";

    public static bool TryRead(object? payload, out string name, out double value)
    {
        name = string.Empty;
        value = 0;
        if (payload is not IDictionary<string, object> outer || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> fields)
        {
            return false;
        }

        if (!fields.TryGetValue("Name", out var counterName) || counterName is not string text)
        {
            return false;
        }

        var figure = fields.TryGetValue("Mean", out var mean) ? mean : fields.TryGetValue("Increment", out var increment) ? increment : null;
        if (figure is not IConvertible convertible)
        {
            return false;
        }

        name = text;
        value = convertible.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
