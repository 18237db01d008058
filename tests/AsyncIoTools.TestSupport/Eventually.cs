using Xunit.Sdk;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// Waits for a condition the system under test reaches on its own (a close the server sees after the client's, a
/// counter that catches up). It never returns silently: on timeout it fails, naming what it waited for and the last
/// value it saw, so a test reads as "the server never counted the close" rather than a puzzling assert further on.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds of the value, and returns that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var value = await read();
        while (!done(value))
        {
            if (clock.Elapsed >= limit)
            {
                throw new XunitException($"waited {limit.TotalSeconds:0.#} s for {what}; the last value read was {(describe is null ? Describe(value) : describe(value))}");
            }

            await Task.Delay(Interval);
            value = await read();
        }

        return value;
    }

    /// <summary>As <see cref="UntilAsync{T}(Func{Task{T}}, Func{T, bool}, string, TimeSpan?)"/> for a value read synchronously.</summary>
    public static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        return UntilAsync(() => Task.FromResult(read()), done, what, timeout, describe);
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), held => held, what, timeout);
    }

    /// <summary>The blocking form, for tests that are not async.</summary>
    public static T Until<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(read, done, what, timeout).GetAwaiter().GetResult();

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Take(20))}]",
        _ => value.ToString() ?? "",
    };
}
