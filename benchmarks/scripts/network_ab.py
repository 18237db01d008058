"""Does a network setting (net.core.netdev_max_backlog, loopback's RPS mask) change the file and peer tables? An A/B.

Every server of both tables runs at once, pinned to CPU 0; clients on CPU 1. Each trial runs every setting (the
order rotates each trial: --settings net.core.netdev_max_backlog=1000,net.core.netdev_max_backlog=65536 by
default; lo.rps_cpus=0,lo.rps_cpus=1 steers every loopback packet to CPU 0's backlog), and for each one sets it, then
measures the file table's servers (our
load generator, 4 connections, the 64 MiB file) and the peer table's rows (wrk -t1 at 100, 1,000, 10,000). Each run
records the machine-wide softnet drops (column 2 of /proc/net/softnet_stat, summed over CPUs), TCP retransmissions,
RTO timeouts and listen-queue overflows over it. Medians of the trials per setting, and what the drops and
retransmissions added up to. Every setting is put back when the script ends, whatever happens. Needs root.
"""
import argparse
import datetime
import os
import sys

import compare_with_peers
import file_with_peers
import peers

ROOT = file_with_peers.ROOT


def setting(text):
    name, _, value = text.partition("=")
    if not value:
        raise argparse.ArgumentTypeError(f"'{text}' is not NAME=VALUE")
    return name, value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", type=lambda s: [setting(v) for v in s.split(",")],
                        default=[("net.core.netdev_max_backlog", "1000"), ("net.core.netdev_max_backlog", "65536")])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--file-servers", type=lambda s: [v for v in s.split(",") if v],
                        default=["c-readwrite", "c-sendfile", "epoll-readwrite", "epoll-sendfile"])
    parser.add_argument("--peer-servers", type=lambda s: [v for v in s.split(",") if v], default=["c-epoll", "epoll", "c-io_uring", "io_uring"])
    parser.add_argument("--rows", type=lambda s: s.split(","), default=["c100", "c1000", "c10000"])
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("needs root: it writes " + ", ".join(dict(args.settings)), file=sys.stderr)
        return 2
    args.started = datetime.datetime.now(datetime.timezone.utc)
    peers.end_on_sigterm()
    peers.raise_open_files()
    original = {name: peers.read_sysctl(name) for name, _ in args.settings}
    load_before = peers.load_average()
    folder = file_with_peers.make_file(64 << 20)
    servers, runs = [], []
    try:
        files = [s for s in file_with_peers.SERVERS if s[0] in args.file_servers]
        file_servers = [file_with_peers.start(s, folder) for s in files]
        peer_servers = [compare_with_peers.start(n, compare_with_peers.label_of(n)) for n in args.peer_servers]
        servers = file_servers + peer_servers
        rows = [r for r in compare_with_peers.ROWS if r[0] in args.rows]
        print(f"load average before: {load_before}; settings were {original}", flush=True)
        for server in file_servers:
            file_with_peers.load(server.url, 4, 3)
        for server in peer_servers:
            for row in rows:
                compare_with_peers.client_for(row, 1)(server)
            peers.wrk(server.url, 100, 3)
        for trial in range(1, args.trials + 1):
            turn = (trial - 1) % len(args.settings)
            for name, value in args.settings[turn:] + args.settings[:turn]:
                peers.write_sysctl(name, value)
                chosen = f"{name}={value}"
                for server in file_servers:
                    f = file_with_peers.measure(server, 4, args.seconds)
                    runs.append({"trial": trial, "setting": chosen, "table": "file", "row": "file-64m", "server": server.name, **f})
                    print(f"trial {trial} {chosen} file {server.label:>20}: {f['mibPerSecond']:7.0f} MiB/s {f['cpuMicrosPerMib']:5.0f} µs/MiB"
                          f"  drops {f['softnetDrops']:>5} retrans {f['retransmittedSegments']:>5} RTOs {f['tcpTimeouts']:>4} TLP {f['lossProbes']:>4}"
                          f" reorder {f['sackReorder']:>4} D-SACK {f['dsackReceived']:>4}"
                          f"  others {f['otherCpuPercent']}%", flush=True)
                for row in rows:
                    client = compare_with_peers.client_for(row, args.seconds)
                    for server in peer_servers:
                        p = compare_with_peers.measure_with_retry(server, client)
                        runs.append({"trial": trial, "setting": chosen, "table": "peers", "row": row[0], "server": server.name, **p})
                        print(f"trial {trial} {chosen} {row[1]:>12} {server.label:>18}: p99 {compare_with_peers.fmt_latency(p['p99Micros']):>9}"
                              f" {p['requestsPerSecond']:>7} req/s {p['serverCpuMicrosPerRequest']:6.2f} µs/req  drops {p['softnetDrops']:>6}"
                              f" retrans {p['retransmittedSegments']:>5} RTOs {p['tcpTimeouts']:>4} TLP {p['lossProbes']:>4} listen overflows {p['listenOverflows']:>5}"
                              f"  others {p['otherCpuPercent']}%", flush=True)
    finally:
        peers.restore_sysctls({name: value for name, value in original.items() if value is not None})
        for server in servers:
            server.stop()
        file_with_peers.subprocess.run(["rm", "-rf", folder], check=False)

    document = {**peers.result_header("network-setting-ab", args, ROOT, load_before),
                "original": original, "settings": [f"{n}={v}" for n, v in args.settings], "runs": runs, "medians": summarize(runs)}
    peers.write_result(args.out, f"{args.started:%Y%m%d-%H%M%S}-network-ab", document, render(document))
    return 0


def summarize(runs):
    groups = {}  # (table, row, server, setting)
    for r in runs:
        groups.setdefault((r["table"], r["row"], r["server"], r["setting"]), []).append(r)
    summary = []
    for (table, row, server, chosen), group in groups.items():
        entry = {"table": table, "row": row, "server": server, "setting": chosen, "trials": len(group)}
        for key in ("mibPerSecond", "cpuMicrosPerMib", "p99Micros", "requestsPerSecond", "serverCpuMicrosPerRequest", "otherCpuPercent"):
            values = [g[key] for g in group if g.get(key) is not None]
            if values:
                entry[key] = peers.median(values)
                if key in ("mibPerSecond", "requestsPerSecond"):
                    entry[key + "Spread"] = round(file_with_peers.spread(values), 3)
        for key in peers.NETWORK_COUNTERS:
            entry[key] = sum(g[key] for g in group)
        summary.append(entry)
    return summary


def render(document):
    lines = [f"# {' vs '.join(document['settings'])} (medians of {document['trials']} interleaved trials of "
             f"{document['secondsPerRun']} s)", "",
             f"{document['startedAt'][:19]}Z, commit {document['commit']}, Linux {document['kernel']}; load average "
             f"{document['loadAverageBefore']} before, {document['loadAverageAfter']} after; the settings were "
             + ", ".join(f"{k} = {v}" for k, v in document["original"].items()) + " and are again.", "",
             "| table · row | server | setting | MiB/s or req/s (spread) | CPU µs per MiB or request | p99 | softnet drops | retransmitted | RTO timeouts | loss probes | SACK reorder | D-SACKs | listen overflows | others' CPU |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for m in document["medians"]:
        rate = m.get("mibPerSecond", m.get("requestsPerSecond"))
        spread = m.get("mibPerSecondSpread", m.get("requestsPerSecondSpread"))
        cpu = m.get("cpuMicrosPerMib", m.get("serverCpuMicrosPerRequest"))
        p99 = compare_with_peers.fmt_latency(m.get("p99Micros"))
        lines.append(f"| {m['table']} · {m['row']} | {m['server']} | {m['setting']} | {rate:,.0f} ({100 * spread:.0f}%) | {cpu:,.2f} | {p99} | "
                     f"{m['softnetDrops']} | {m['retransmittedSegments']} | {m['tcpTimeouts']} | {m['lossProbes']} | {m['sackReorder']} | {m['dsackReceived']} | "
                     f"{m['listenOverflows']} | {m['otherCpuPercent']:.0f}% |")
    lines += ["", "Counters are machine-wide, summed over the trials; spread is (max − min) ÷ median."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
