"""The file-64m table of issue 16 in one run: read/write, sendfile and splice in C and in aiotools, side by side.

Every server runs at once, pinned to CPU 0 with one loop, serving one file (64 MiB of random bytes, written, synced
and read once so that it sits clean in the page cache): the C anchor (benchmarks/peers/file-server.c) once per
transfer method, aiotools epoll once per method, aiotools io_uring with read/write, its zero-copy path (splice file →
pipe → socket through the ring) and SEND_ZC. The client is our load generator (`aiotools load --protocol file`,
4 connections, one thread, bodies discarded in the kernel with MSG_TRUNC) pinned to CPU 1. Each server is warmed up
(JIT tiers, TCP windows), then trials are interleaved (trial 1 of every server, then trial 2, ...; the order
rotates each trial). A figure is the median of the trials: MiB/s as the client counted it, and the server's CPU
(/proc/PID/stat user + system over the client's run) per MiB; a ratio is the median of its per-trial ratios (two
servers of one trial ran seconds apart; the host's bandwidth drifts more between trials). The spread is
(max − min) ÷ median over the trials; TCP retransmissions (/proc/net/snmp RetransSegs, machine-wide) are counted
per run, because spurious retransmissions on loopback (packets reordered between the two CPUs' backlogs, or held
past the 200 ms RTO on a busy machine) stall a connection and were what made trials disagree.

The table runs under cubic congestion control unless told otherwise (the machine's setting is put back after).
Under BBR, the bulk transfer over loopback is paced by BBR's own bandwidth estimate (TCP's internal pacing, with no
fq qdisc on lo): on this VM that held every server near 3,500–4,500 MiB/s whatever it did, sendfile no faster than
read/write, and the estimate wandered from trial to trial (spreads of 25–65%). Under cubic the same servers in the
same minute moved 9,600 MiB/s by sendfile at under half read/write's CPU per MiB, with spreads of 1–17%.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

import peers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AIOTOOLS = os.path.join(ROOT, "cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools")
PEERS_BIN = os.path.join(ROOT, "benchmarks/peers/bin")
FILE_NAME = "file.bin"

# With --before PATH (another build's aiotools): its epoll and io_uring servers too, as an A/B in the same run.
BEFORE = None
BEFORE_SUFFIX = "@before"

# name, label, kind (c | aiotools), engine, variant, transfer
SERVERS = [
    ("c-readwrite", "C read/write", "c", None, None, "readwrite"),
    ("c-sendfile", "C sendfile", "c", None, None, "sendfile"),
    ("c-splice", "C splice", "c", None, None, "splice"),
    ("epoll-readwrite", "epoll read/write", "aiotools", "epoll", None, "readwrite"),
    ("epoll-sendfile", "epoll sendfile", "aiotools", "epoll", None, "sendfile"),
    ("epoll-splice", "epoll splice", "aiotools", "epoll", None, "splice"),
    ("io_uring-readwrite", "io_uring read/write", "aiotools", "io_uring", None, "readwrite"),
    ("io_uring-splice", "io_uring splice (ring)", "aiotools", "io_uring", None, "splice"),
    ("io_uring-send-zc", "io_uring read + SEND_ZC", "aiotools", "io_uring", "send-zc", "readwrite"),
]

# What the issue asks (item 4): label, numerator, denominator, metric, (lowest, highest) allowed.
RATIOS = [
    ("C: sendfile ÷ read/write, MiB/s", "c-sendfile", "c-readwrite", "mibPerSecond", (2.0, None)),
    ("C: sendfile ÷ read/write, CPU/MiB", "c-sendfile", "c-readwrite", "cpuMicrosPerMib", (None, 0.5)),
    ("epoll: sendfile ÷ read/write, MiB/s", "epoll-sendfile", "epoll-readwrite", "mibPerSecond", (2.0, None)),
    ("epoll: sendfile ÷ read/write, CPU/MiB", "epoll-sendfile", "epoll-readwrite", "cpuMicrosPerMib", (None, 0.5)),
    ("epoll: splice ÷ read/write, MiB/s", "epoll-splice", "epoll-readwrite", "mibPerSecond", (None, None)),
    ("epoll: splice ÷ read/write, CPU/MiB", "epoll-splice", "epoll-readwrite", "cpuMicrosPerMib", (None, None)),
    ("io_uring: splice ÷ read/write, MiB/s", "io_uring-splice", "io_uring-readwrite", "mibPerSecond", (None, None)),
    ("io_uring: splice ÷ read/write, CPU/MiB", "io_uring-splice", "io_uring-readwrite", "cpuMicrosPerMib", (None, None)),
    ("epoll sendfile ÷ C sendfile, CPU/MiB", "epoll-sendfile", "c-sendfile", "cpuMicrosPerMib", (None, None)),
    ("epoll read/write ÷ C read/write, CPU/MiB", "epoll-readwrite", "c-readwrite", "cpuMicrosPerMib", (None, None)),
]


def make_file(size):
    """A folder with FILE_NAME of `size` random bytes, synced (no writeback during the runs) and read once (cached)."""
    folder = tempfile.mkdtemp(prefix="aiotools-file-peers-")
    path = os.path.join(folder, FILE_NAME)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            chunk = os.urandom(min(left, 1 << 20))
            f.write(chunk)
            left -= len(chunk)
        f.flush()
        os.fsync(f.fileno())
    with open(path, "rb") as f:
        while f.read(1 << 20):
            pass
    return folder


def start(server, root):
    name, label, kind, engine, variant, transfer = server
    if kind == "c":
        command = [f"{PEERS_BIN}/file-server", "--port", "0", "--root", root, "--transfer", transfer]
    else:
        program = BEFORE if name.endswith(BEFORE_SUFFIX) else AIOTOOLS
        command = [program, "serve", "--engine", engine, "--loops", "1", "--port", "0", "--protocol", "file", "--root", root,
                   "--transfer", transfer] + (["--variant", variant] if variant else [])
    return peers.start_listening(name, label, command)


def load(url, connections, seconds):
    """One run of our load generator on CPU 1; returns bytes, seconds, requests and errors as it counted them."""
    run = peers.run_client([AIOTOOLS, "load", "--target", url + FILE_NAME, "--protocol", "file", "--connections", str(connections),
                            "--duration", f"{seconds}s", "--warmup", "0s", "--threads", "1", "--timeout", "30s", "--json"])
    document = json.loads(run.output[run.output.index("{"):])
    measured = document["measurement"]
    run.seconds = measured["durationSeconds"]
    run.requests = measured["requests"]
    run.errors = measured["errors"]["total"]
    run.bytes = measured["bytesReceived"]
    return run


def measure(server, connections, seconds):
    cpu_before, census_before, ours_before = peers.cpu_micros(server.pid), peers.cpu_census(), peers.our_processes()
    steal_before, network_before = peers.steal_micros(), peers.network_counters()
    run = load(server.url, connections, seconds)
    cpu, others, steal = peers.cpu_micros(server.pid) - cpu_before, peers.others_since(census_before, ours_before=ours_before), peers.steal_micros() - steal_before
    network = peers.network_since(network_before)
    if server.process.poll() is not None:
        raise RuntimeError(f"{server.label} exited during the run")
    mib = run.bytes / (1 << 20)
    wall = max(run.wall_seconds, 1e-9)
    return {
        "mib": round(mib, 1),
        "seconds": round(run.seconds, 3),
        "mibPerSecond": round(mib / max(run.seconds, 1e-9), 1),
        "cpuMicrosPerMib": round(cpu / max(mib, 1e-9), 1),
        "serverCpuPercent": round(cpu / 1e4 / wall, 1),
        "clientCpuPercent": round(run.client_cpu_micros / 1e4 / wall, 1),
        "otherCpuPercent": round(others / 1e4 / wall, 1),
        "stealPercent": round(steal / 1e4 / wall, 1),
        "requests": run.requests,
        "errors": run.errors,
        **network,
    }


def spread(values):
    middle = peers.median(values)
    return (max(values) - min(values)) / middle if middle else 0.0


def summarize(runs):
    summary = {}
    for name, trials in runs.items():
        summary[name] = {
            "mibPerSecond": peers.median([t["mibPerSecond"] for t in trials]),
            "cpuMicrosPerMib": peers.median([t["cpuMicrosPerMib"] for t in trials]),
            "mibPerSecondSpread": spread([t["mibPerSecond"] for t in trials]),
            "cpuSpread": spread([t["cpuMicrosPerMib"] for t in trials]),
            **{key: sum(t.get(key, 0) for t in trials) for key in peers.NETWORK_COUNTERS},
            "otherCpuPercent": peers.median([t["otherCpuPercent"] for t in trials]),
            # The worst trial's: one stolen trial is enough to widen the spread.
            "stealPercent": max(t.get("stealPercent", 0.0) for t in trials),
            "errors": sum(t["errors"] for t in trials),
        }
    return summary


def ratios(summary, runs=None):
    """Each ratio: with the trials' `runs`, the median of its per-trial ratios (peers.paired_ratio) with the lowest and
    highest trial; without them, the ratio of the two medians."""
    found = []
    for label, numerator, denominator, metric, (low, high) in RATIOS:
        if numerator in summary and denominator in summary and summary[denominator][metric]:
            value, fields = peers.trial_ratio((runs or {}).get(numerator, []), (runs or {}).get(denominator, []), metric,
                                              summary[numerator][metric] / summary[denominator][metric])
            met = None if low is None and high is None else ((low is None or value >= low) and (high is None or value <= high))
            target = f"≥ {low}" if low is not None else (f"≤ {high}" if high is not None else None)
            found.append({"ratio": label, "value": round(value, 3), "target": target, "met": met, **fields})
    return found


def render(document):
    lines = [
        f"# Files: a {document['fileBytes'] >> 20} MiB file over {document['connections']} connections (medians of "
        f"{document['trials']} interleaved trials of {document['secondsPerRun']} s)",
        "",
        f"{document['startedAt'][:19]}Z, commit {document['commit']}, Linux {document['kernel']}; servers pinned to CPU "
        f"{document['pinning']['servers']} (one loop), `aiotools load --protocol file` on CPU {document['pinning']['clients']}; "
        f"load average {document['loadAverageBefore']} before, {document['loadAverageAfter']} after.",
        "",
        peers.describe_sysctls(document),
        "",
        "| server | MiB/s | server CPU µs/MiB | spread MiB/s | spread CPU | softnet drops | retransmitted segments | RTO timeouts | others' CPU | steal (max) | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, label in document["servers"].items():
        m = document["medians"].get(name)
        if m:
            lines.append(f"| {label} | {m['mibPerSecond']:,.0f} | {m['cpuMicrosPerMib']:,.0f} | {100 * m['mibPerSecondSpread']:.0f}% | "
                         f"{100 * m['cpuSpread']:.0f}% | {m.get('softnetDrops', '—')} | {m['retransmittedSegments']} | {m.get('tcpTimeouts', '—')} | "
                         f"{m['otherCpuPercent']:.0f}% | {m.get('stealPercent', 0.0):.0f}% | {m['errors']} |")
    paired = any(r.get("pairedTrials", 0) > 1 for r in document["ratios"])
    lines += ["", "| ratio | value | lowest–highest trial | target |" if paired else "| ratio | value | target |",
              "|---|---|---|---|" if paired else "|---|---|---|"]
    for r in document["ratios"]:
        mark = "" if r["met"] is None else (" ✓" if r["met"] else " ✗")
        trials = (f" {r['trialLow']:.2f}–{r['trialHigh']:.2f} |" if r.get("pairedTrials", 0) > 1 else " — |") if paired else ""
        lines.append(f"| {r['ratio']} | {r['value']:.2f}{mark} |{trials} {r['target'] or '—'} |")
    lines += ["", "Spread is (max − min) ÷ median over the trials; others' CPU is what other processes used of the two CPUs "
                  "during a run, in % of one CPU: figures taken while others work are noise. Steal is what the hypervisor took from "
                  "the CPUs during the worst trial (this is a virtual machine on a shared host; a trial with steal ran slower for "
                  "a reason no process here can see). " + peers.NETWORK_NOTE]
    return "\n".join(lines) + "\n"


def table(args):
    servers, runs = [], {}
    sysctls, changed = peers.network_preflight(args.set_sysctls)
    try:
        changed.update(peers.use_congestion_control(args.congestion_control, args.set_sysctls))
    except ValueError as e:
        peers.restore_sysctls(changed)
        print(f"file-with-peers: {e}", file=sys.stderr)
        sys.exit(2)
    sysctls[peers.CONGESTION_CONTROL] = peers.read_sysctl(peers.CONGESTION_CONTROL)
    folder = make_file(args.file_mib << 20)
    load_before = peers.load_average()
    try:
        chosen = [s for s in SERVERS if not args.servers or s[0] in args.servers]
        if BEFORE:
            chosen += [(f"{n}{BEFORE_SUFFIX}", f"{l} (before)", *rest) for n, l, *rest in chosen if rest[0] == "aiotools"]
        for server in chosen:
            servers.append(start(server, folder))
        print(f"load average before: {load_before}; servers: {', '.join(s.label for s in servers)}", flush=True)
        for server in servers:  # JIT tiers, TCP windows, the page cache: not measured
            load(server.url, args.connections, args.warmup)
        for trial, order in peers.interleaved(servers, args.trials):
            for server in order:
                figures = measure(server, args.connections, args.seconds)
                figures["trial"] = trial
                runs.setdefault(server.name, []).append(figures)
                print(f"trial {trial} {server.label:>24}: {figures['mibPerSecond']:8.0f} MiB/s {figures['cpuMicrosPerMib']:6.0f} µs/MiB"
                      f"  drops {figures['softnetDrops']:>4}  retrans {figures['retransmittedSegments']:>4}  RTOs {figures['tcpTimeouts']:>3}  errors {figures['errors']}  client {figures['clientCpuPercent']}%"
                      f"  others {figures['otherCpuPercent']}%  steal {figures['stealPercent']}%", flush=True)
    finally:
        for server in servers:
            server.stop()
        subprocess.run(["rm", "-rf", folder], check=False)
        peers.restore_sysctls(changed)

    summary = summarize(runs)
    document = {
        **peers.result_header("file-table", args, ROOT, load_before),
        "sysctls": sysctls,
        "fileBytes": args.file_mib << 20,
        "connections": args.connections,
        "servers": {s.name: s.label for s in servers},
        "before": BEFORE,
        "runs": runs,
        "medians": summary,
        "ratios": ratios(summary, runs),
    }
    peers.write_result(args.out, f"{args.started:%Y%m%d-%H%M%S}-file-peers", document, render(document))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load against each server before measuring")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--file-mib", type=int, default=64)
    parser.add_argument("--servers", type=lambda s: s.split(","), help="of " + ",".join(s[0] for s in SERVERS) + " (default: all)")
    parser.add_argument("--before", help="another build's aiotools (e.g. main's): its epoll and io_uring rows beside this one's")
    parser.add_argument("--set-sysctls", action=argparse.BooleanOptionalAction, default=True, help="as root, raise "
                        + ", ".join(n for n, _, _ in peers.NETWORK_SYSCTLS) + " to what the table needs for its duration and put them "
                        "back after (default); --no-set-sysctls only says what is short")
    parser.add_argument("--congestion-control", default="cubic", help="TCP congestion control for the table's connections, set "
                        "as root for its duration (default cubic: BBR paces loopback bulk transfers by its own estimate; see above); "
                        "keep: the machine's")
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    args = parser.parse_args()
    global BEFORE
    BEFORE = os.path.abspath(args.before) if args.before else None
    args.started = datetime.datetime.now(datetime.timezone.utc)
    peers.end_on_sigterm()
    peers.raise_open_files()
    table(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
