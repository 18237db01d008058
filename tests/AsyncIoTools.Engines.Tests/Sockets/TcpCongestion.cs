using System.Diagnostics;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Engines.Tests.Sockets;

/// <summary>This machine's TCP congestion controls, and what a connection in another process uses (read with ss).</summary>
public static class TcpCongestion
{
    /// <summary>net.ipv4.tcp_congestion_control: what a socket gets unless told otherwise.</summary>
    public static string Default => HostEnvironment.ReadSysctl(CongestionControls.DefaultSysctl)
        ?? throw new InvalidOperationException("no net.ipv4.tcp_congestion_control: not Linux?");

    /// <summary>
    /// A control this process may choose that is not the default, so a test sees it was set rather than inherited
    /// from the machine. reno is built into every kernel; root may choose any loaded one.
    /// </summary>
    public static string OtherThanTheDefault()
    {
        var choosable = CongestionControls.Listed(Environment.IsPrivilegedProcess ? CongestionControls.AvailableSysctl : CongestionControls.AllowedSysctl);
        var others = choosable.Where(c => c != Default).OrderBy(c => c == "reno" ? 0 : 1).ToList();
        Assert.True(others.Count > 0, $"this test needs a congestion control other than the default {Default} that it may choose; it may choose: {string.Join(' ', choosable)}");
        return others[0];
    }

    /// <summary>The control of the server's end of the connection from <paramref name="clientPort"/> to <paramref name="serverPort"/>, as ss reports it.</summary>
    public static string ServerEnd(int serverPort, int clientPort)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-tinH", "state", "established", $"( sport = :{serverPort} and dport = :{clientPort} )"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        Assert.True(ss.ExitCode == 0, $"ss failed: {ss.StandardError.ReadToEnd()}");
        var known = CongestionControls.Listed(CongestionControls.AvailableSysctl);
        var words = output.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return Assert.Single(words, known.Contains);
    }
}
