using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>Options with every setting drawn at random within its bounds (a seed from FsCheck, so a failure repeats).</summary>
public static class RandomOptions
{
    public static ServeOptions Serve(int seed)
    {
        var r = new Random(seed);
        return new ServeOptions
        {
            Server = new ServerSettings
            {
                Engine = Pick(r, "epoll", "select", "poll", "io_uring", "threads", "dotnet"),
                Variant = r.Next(2) == 0 ? null : Pick(r, "edge", "level", "sqpoll"),
                Protocol = new ProtocolSettings
                {
                    Kind = Pick(r, Enum.GetValues<ProtocolKind>()),
                    MessageBytes = r.Next(1, 1 << 20),
                    FileRoot = r.Next(2) == 0 ? null : $"/srv/files/{r.Next(1000)}",
                    SplitWrites = r.Next(2) == 0,
                },
                Tuning = new SocketTuning
                {
                    NoDelay = r.Next(2) == 0,
                    Cork = r.Next(2) == 0,
                    SendBufferBytes = MaybeInt(r, 1),
                    ReceiveBufferBytes = MaybeInt(r, 1),
                    KeepAliveIdleSeconds = MaybeInt(r, 1),
                    FastOpenQueueLength = MaybeInt(r, 1),
                    CongestionControl = r.Next(2) == 0 ? null : Pick(r, "cubic", "reno", "bbr", "dctcp", "htcp"),
                },
                Limits = new ServerLimits
                {
                    MaxHeadBytes = r.Next(ServeSettings.MinHeadBytes, ServeSettings.MaxHeadBytes + 1),
                    MaxBodyBytes = r.NextInt64(0, long.MaxValue),
                    HeadTimeout = Duration(r, TimeSpan.FromDays(1)),
                    KeepAliveTimeout = Duration(r, TimeSpan.FromDays(1)),
                    MinReceiveRate = r.Next(0, int.MaxValue),
                    MinReceiveRateGrace = Duration(r, TimeSpan.FromDays(1)),
                    MaxConnections = r.Next(0, int.MaxValue),
                },
                Transfer = Pick(r, Enum.GetValues<FileTransfer>()),
                Workers = r.Next(1, ServeSettings.MaxWorkers + 1),
                Endpoint = new IPEndPoint(Address(r), r.Next(0, 65536)),
                Loops = r.Next(0, ServeSettings.MaxLoops + 1),
                Accept = Pick(r, Enum.GetValues<AcceptMode>()),
                SharePort = r.Next(2) == 0,
                Backlog = r.Next(1, int.MaxValue),
            },
            Host = new ServerHostOptions
            {
                Cpus = r.Next(2) == 0 ? null : Enumerable.Range(0, 64).Where(_ => r.Next(4) == 0).DefaultIfEmpty(r.Next(64)).ToArray(),
                Control = r.Next(2) == 0,
            },
        };
    }

    public static LoadOptions Load(int seed)
    {
        var r = new Random(seed);
        var connections = r.Next(1, 1_000_000);
        return new LoadOptions
        {
            Target = new IPEndPoint(Address(r), r.Next(1, 65536)),
            Path = r.Next(2) == 0 ? "/" : $"/api/{r.Next(1000)}/items",
            Connections = connections,
            Active = r.Next(2) == 0 ? null : r.Next(0, connections + 1),
            Duration = Duration(r, TimeSpan.FromDays(1)),
            Warmup = Duration(r, TimeSpan.FromHours(1)),
            Rate = r.Next(2) == 0 ? null : LoadSettings.MinRate + r.NextDouble() * 1e7,
            Protocol = Pick(r, Enum.GetValues<ProtocolKind>()),
            MessageBytes = r.Next(1, 1 << 20),
            Pipeline = r.Next(1, 1000),
            RequestsPerConnection = r.Next(0, 1000),
            Threads = r.Next(4) == 0 ? 0 : r.Next(1, LoadSettings.MaxThreads + 1), // 0 (one per CPU) is a value of its own
            Timeout = Duration(r, TimeSpan.FromMinutes(10)),
            NoDelay = r.Next(2) == 0,
            FastOpen = r.Next(2) == 0,
            SourceAddresses = r.Next(2) == 0 ? null : Enumerable.Range(0, r.Next(1, 5)).Select(_ => Address(r)).ToArray(),
            ConnectConcurrency = r.Next(1, 100_000),
        };
    }

    private static T Pick<T>(Random r, params T[] values) => values[r.Next(values.Length)];

    private static int? MaybeInt(Random r, int minimum) => r.Next(2) == 0 ? null : r.Next(minimum, int.MaxValue);

    /// <summary>Any tick count up to <paramref name="maximum"/>, so sub-millisecond precision is exercised.</summary>
    private static TimeSpan Duration(Random r, TimeSpan maximum) => TimeSpan.FromTicks(r.NextInt64(1, maximum.Ticks));

    private static IPAddress Address(Random r) => r.Next(4) == 0 ? IPAddress.IPv6Loopback : new IPAddress([127, (byte)r.Next(256), (byte)r.Next(256), (byte)r.Next(1, 255)]);
}
