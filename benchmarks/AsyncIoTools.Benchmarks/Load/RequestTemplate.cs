using System.Text;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>The bytes a connection sends, built once: the same HTTP request as wrk's, or an echo message.</summary>
internal sealed class RequestTemplate
{
    private RequestTemplate(byte[] single, byte[] closing)
    {
        Single = single;
        Closing = closing;
    }

    /// <summary>One request.</summary>
    public byte[] Single { get; }

    /// <summary>One request that asks the server to close afterwards (the last of a connection in churn mode).</summary>
    public byte[] Closing { get; }

    public static RequestTemplate For(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Protocol == ProtocolKind.Echo)
        {
            var message = new byte[options.MessageBytes];
            for (var i = 0; i < message.Length; i++)
            {
                message[i] = (byte)('a' + (i % 26));
            }

            return new RequestTemplate(message, message);
        }

        var host = options.Target.Address.ToString();
        host = options.Target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        var request = $"GET {options.Path} HTTP/1.1\r\nHost: {host}:{options.Target.Port}\r\n\r\n";
        var closing = $"GET {options.Path} HTTP/1.1\r\nHost: {host}:{options.Target.Port}\r\nConnection: close\r\n\r\n";
        return new RequestTemplate(Encoding.ASCII.GetBytes(request), Encoding.ASCII.GetBytes(closing));
    }
}
