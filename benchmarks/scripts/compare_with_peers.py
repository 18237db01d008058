"""The peer table of issue 16 in one run, and the zero-error check of every server.

table: nginx, our C twins (epoll, io_uring), Kestrel and our epoll, io_uring and dotnet engines, all running at
once, each pinned to CPU 0 and one loop; clients on CPU 1. Rows: wrk -t1 at 100, 1,000 and 10,000 connections, and
h2load --h1 -m16 (really pipelined) at 1,000 connections, and our load generator at 10,000 connections and one
constant rate for all (--rate; wrk -t1 is the bottleneck at 10,000 and holds servers to different rates). One client
for every server of a row. Trials are interleaved (trial 1 of every row and server, then trial 2, ...; the server
order rotates each trial) and each figure is the median of the trials: server CPU µs per request (/proc/PID/stat
user + system over the client's run ÷ the requests it counted) and p99 (wrk's --latency, our generator's corrected
latency; h2load prints none). Writes a markdown table and a JSON file, and prints the ratios the issue sets targets
for, each the median of its per-trial ratios (the two servers of a trial ran minutes apart; the host drifts more
between trials) with the lowest and highest trial; a ratio marked † compares two servers that the client held to
rates more than 15% apart while the slower had CPU to spare (THROUGHPUT_MISMATCH).

Warm-up: each server gets every row's client for a second and wrk -c100 for --warmup seconds; a .NET server then
gets rounds of every row's client until its JIT tiering worker (thread ".NET Tiered Com") has gone quiet, so that
the measured runs time the steady state rather than the JIT recompiling hot methods (it used 190-200 ms of CPU in
the first measured run after a fixed 3 s warm-up). The tiering CPU of each measured run is recorded beside it.
--before PATH adds another build's epoll and io_uring (an A/B of the hot path in one interleaved run); a server
named NAME+KEY=VALUE runs with DOTNET_KEY=VALUE (TieredPGO=0, TieredCompilation=0, ...) and NAME+fixed is warmed
up the old way, without waiting for its tiering worker.

errors: wrk and h2load -m16 against every peer and every engine variant available here; errors must be zero.
"""
import argparse
import datetime
import json
import os
import time
import subprocess
import sys

import peers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AIOTOOLS = os.path.join(ROOT, "cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools")
PEERS_BIN = os.path.join(ROOT, "benchmarks/peers/bin")

# name, column label; the order of the table.
SERVERS = [
    ("nginx", "nginx"),
    ("c-epoll", "C epoll"),
    ("c-io_uring", "C io_uring"),
    ("kestrel", "Kestrel"),
    ("epoll", "aiotools epoll"),
    ("epoll:edge", "aiotools epoll edge"),
    ("io_uring", "aiotools io_uring"),
    ("dotnet", "aiotools dotnet"),
]

# With --native PATH (benchmarks/scripts/publish-native.sh): our engines from the NativeAOT host, beside the JIT ones.
NATIVE_SERVERS = [
    ("native-epoll", "aiotools epoll (AOT)"),
    ("native-io_uring", "aiotools io_uring (AOT)"),
]
NATIVE = None

# name, label, client (wrk, h2load, or rate: our load generator at --rate), connections, pipeline
ROWS = [
    ("c100", "100 conns", "wrk", 100, 1),
    ("c1000", "1,000 conns", "wrk", 1000, 1),
    ("c10000", "10,000 conns", "wrk", 10000, 1),
    # The same 10,000 connections at one constant rate for every server (--rate): wrk -t1 is the bottleneck at
    # 10,000 and holds servers to different rates, so their CPU per request compares batch sizes; here each server
    # handles the same requests per second (one that cannot is marked saturated), and p99 is the corrected latency.
    ("c10000r", "10,000 conns, constant rate", "rate", 10000, 1),
    ("p16", "pipelined ×16, 1,000 conns", "h2load", 1000, 16),
]

# The targets: (label, numerator, denominator, metric, limit by row kind (plain, pipelined)).
RATIOS = [
    ("aiotools epoll ÷ C epoll, CPU/req", "epoll", "c-epoll", "cpu", (1.05, 1.15)),
    ("aiotools io_uring ÷ C io_uring, CPU/req", "io_uring", "c-io_uring", "cpu", (1.05, 1.15)),
    ("aiotools epoll edge ÷ C epoll, CPU/req", "epoll:edge", "c-epoll", "cpu", (1.05, 1.15)),
    ("aiotools epoll ÷ nginx, CPU/req", "epoll", "nginx", "cpu", (0.8, 0.8)),
    ("aiotools epoll edge ÷ nginx, CPU/req", "epoll:edge", "nginx", "cpu", (0.8, 0.8)),
    ("aiotools io_uring ÷ nginx, CPU/req", "io_uring", "nginx", "cpu", (0.8, 0.8)),
    ("aiotools io_uring ÷ aiotools epoll, CPU/req", "io_uring", "epoll", "cpu", (0.9, 0.9)),
    ("aiotools epoll ÷ C epoll, p99", "epoll", "c-epoll", "p99", (1.3, None)),
    ("aiotools epoll edge ÷ C epoll, p99", "epoll:edge", "c-epoll", "p99", (1.3, None)),
    ("aiotools io_uring ÷ C io_uring, p99", "io_uring", "c-io_uring", "p99", (1.3, None)),
    ("C io_uring ÷ C epoll, CPU/req", "c-io_uring", "c-epoll", "cpu", (None, None)),
    # What "≤ 0.8× nginx" asks of a server with C's cost: the floor the epoll targets above stand on.
    ("C epoll ÷ nginx, CPU/req", "c-epoll", "nginx", "cpu", (None, None)),
    ("aiotools dotnet ÷ Kestrel, CPU/req", "dotnet", "kestrel", "cpu", (None, None)),
    ("aiotools epoll AOT ÷ JIT, CPU/req", "native-epoll", "epoll", "cpu", (None, None)),
    ("aiotools io_uring AOT ÷ JIT, CPU/req", "native-io_uring", "io_uring", "cpu", (None, None)),
]


# With --before PATH (another build's aiotools, e.g. main's): its epoll and io_uring beside ours, for a hot-path A/B.
BEFORE_SERVERS = [
    ("before-epoll", "before epoll"),
    ("before-io_uring", "before io_uring"),
]
BEFORE = None

# The .NET runtime's tiering worker: while it recompiles hot methods it takes CPU from the server it lives in.
TIERING_THREAD = ".NET Tiered Com"


def variant_of(name):
    """'io_uring+TieredPGO=0+fixed': the server 'io_uring' run with DOTNET_TieredPGO=0 and warmed up without settling."""
    base, *options = name.split("+")
    env = {f"DOTNET_{k}": v for k, _, v in (o.partition("=") for o in options if "=" in o)}
    return base, env, "fixed" in options


def label_of(name):
    base, _, _ = variant_of(name)
    known = dict(SERVERS + NATIVE_SERVERS + BEFORE_SERVERS)
    if base not in known:
        raise SystemExit(f"unknown server '{base}' (of {', '.join(known)})")
    extra = name[len(base) + 1:].replace("+", ", ")
    return known[base] + (f" ({extra})" if extra else "")


def start(name, label):
    """Starts server `name` (a variant keeps its whole name, 'io_uring+fixed', so its results stay apart)."""
    base, env, _ = variant_of(name)
    env = {**os.environ, **env} if env else None
    if base == "nginx":
        return peers.start_nginx()
    if base == "c-epoll":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/epoll-server", "--port", "0"])
    if base == "c-io_uring":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/uring-server", "--port", "0"])
    if base == "kestrel":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/kestrel/AsyncIoTools.KestrelPeer", "--port", "0"], env)
    program, selection = AIOTOOLS, base
    for prefix, path in (("native-", NATIVE), ("before-", BEFORE)):
        if base.startswith(prefix):
            program, selection = path, base[len(prefix):]
    engine, _, variant = selection.partition(":")
    command = [program, "serve", "--engine", engine, "--loops", "1", "--port", "0"] + (["--variant", variant] if variant else [])
    return peers.start_listening(name, label, command, env)


CLIENTS = {r[0]: r[2] for r in ROWS}

# Requests per second over all connections of the constant-rate row (--rate).
RATE = 20000


def client_for(row, seconds):
    """A function of the server to load: runs the row's client against it for `seconds`."""
    _, _, client, connections, pipeline = row
    if client == "wrk":
        return lambda server: peers.wrk(server.url, connections, seconds)
    if client == "rate":
        return lambda server: peers.aiotools_load(AIOTOOLS, server.url, connections, seconds, RATE, server.pid)
    return lambda server: peers.h2load(server.url, connections, seconds, pipeline)


def describe_client(row):
    _, _, client, connections, pipeline = row
    if client == "wrk":
        return f"wrk -t1 -c{connections} --latency"
    if client == "rate":
        return f"aiotools load --threads 1 -c{connections} -R{RATE}, 1 s warm-up, server CPU read over the measured window only (p99 corrected)"
    return f"h2load --h1 -t1 -c{connections} -m{pipeline}"


def describe_clients():
    return {row[0]: describe_client(row) for row in ROWS}


def tiering_nanos(pid):
    """CPU time (ns, /proc/PID/task/TID/schedstat) of each of the process's tiering worker threads, by thread id."""
    found = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return found
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if f.read().strip() != TIERING_THREAD:
                    continue
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                found[tid] = int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return found


def tiering_since(pid, before):
    """Tiering CPU in µs since `before` (a worker that exited meanwhile is lost with what it used after `before`)."""
    after = tiering_nanos(pid)
    return sum(ns - before.get(tid, 0) for tid, ns in after.items()) // 1000, after


def warm_up(server, rows, args):
    """
    Every row's client for a second (each code path runs before it is measured: 10,000 accepts, pipelining), then
    wrk -c100 for --warmup seconds; then, for a .NET server, rounds of every row's client for a second each until
    its tiering worker used less than --quiet-ms in a round (at most --warmup-cap seconds): the measured runs see
    the code the server runs in its steady state, not the JIT recompiling it. The rounds run every row because a
    path only one row takes (pipelining's held input) is recompiled only once that row has called it often
    enough. A server with no tiering worker (C, nginx, NativeAOT) stops after the fixed part; one started '+fixed'
    is warmed up as before this settling existed: wrk -c100 for --warmup seconds, nothing else.
    """
    started = time.monotonic()
    fixed = variant_of(server.name)[2]
    tiering, total = tiering_nanos(server.pid), 0
    hung = 0
    for row in rows if not fixed else []:
        hung += warm_with(row, server)
    peers.wrk(server.url, 100, args.warmup)
    used, tiering = tiering_since(server.pid, tiering)
    total, seen = total + used, total + used > 0 or bool(tiering)
    # The runtime ends its tiering worker once it has been idle a while: no worker left is quiet too.
    rounds, settled = 0, not tiering or fixed or args.warmup_cap == 0
    while not settled and time.monotonic() - started < args.warmup_cap:
        for row in rows:
            hung += warm_with(row, server)
        used, tiering = tiering_since(server.pid, tiering)
        total, rounds = total + used, rounds + 1
        settled = used < args.quiet_ms * 1000 or not tiering
    return {"seconds": round(time.monotonic() - started, 1), "settleRounds": rounds, "tieringMicros": total,
            "settled": bool(settled) and not fixed, "fixed": fixed, "hasTieringWorker": seen, "hungClients": hung}


def warm_with(row, server):
    """One second of the row's client; a hung client (killed) only warms less, so it is counted, not fatal."""
    try:
        client_for(row, 1)(server)
        return 0
    except peers.ClientHung as hung:
        print(f"warm-up {server.label}: {row[1]}: {hung}", file=sys.stderr, flush=True)
        return 1


def measure_with_retry(server, client):
    """A hung client is killed and the run made once more; a second hang ends the table with the reason."""
    try:
        return peers.measure(server, lambda: client(server))
    except peers.ClientHung as hung:
        print(f"{server.label}: {hung}; running it once more", file=sys.stderr, flush=True)
        return peers.measure(server, lambda: client(server))


def chosen_servers(args):
    if args.servers:
        return [(name, label_of(name)) for name in args.servers]
    return SERVERS + (NATIVE_SERVERS if NATIVE else []) + (BEFORE_SERVERS if BEFORE else [])


def table(args):
    servers, results, warm = [], {}, {}
    sysctls, changed = peers.network_preflight(args.set_sysctls)
    load_before = peers.load_average()
    try:
        for name, label in chosen_servers(args):
            servers.append(start(name, label))
        rows = [r for r in ROWS if not args.rows or r[0] in args.rows]
        print(f"load average before: {load_before}; servers: {', '.join(s.label for s in servers)}", flush=True)
        idle_rss = {s.name: peers.rss_bytes(s.pid) for s in servers}
        for server in servers:  # JIT, TCP and page warm-up, not measured
            warm[server.name] = warm_up(server, rows, args)
            w = warm[server.name]
            print(f"warm-up {server.label:>18}: {w['seconds']} s, tiering worker {w['tieringMicros'] / 1000:.0f} ms"
                  + ("" if not w["hasTieringWorker"] else ", not waited for (+fixed)" if w["fixed"]
                     else f", {'quiet' if w['settled'] else 'NOT quiet'} after {w['settleRounds']} more rounds of every row")
                  + (f", {w['hungClients']} hung client(s) killed" if w["hungClients"] else ""), flush=True)
        for trial, order in peers.interleaved(servers, args.trials):
            for row in rows:
                client = client_for(row, args.seconds)
                for server in order:
                    tiering = tiering_nanos(server.pid)
                    figures = measure_with_retry(server, client)
                    figures["tieringMicros"] = tiering_since(server.pid, tiering)[0]
                    figures["trial"] = trial
                    results.setdefault(row[0], {}).setdefault(server.name, []).append(figures)
                    print(f"trial {trial} {row[1]:>28} {server.label:>18}: {figures['serverCpuMicrosPerRequest']:7.2f} µs/req"
                          f"  p99 {fmt_latency(figures['p99Micros']):>9}  {figures['requestsPerSecond']:>8} req/s"
                          f"  errors {figures['errors']}  client {figures['clientCpuPercent']}%  others {figures['otherCpuPercent']}%  steal {figures['stealPercent']}%"
                          f"  tiering {figures['tieringMicros'] / 1000:.0f} ms  drops {figures['softnetDrops']}"
                          f"  retrans {figures['retransmittedSegments']}  RTOs {figures['tcpTimeouts']}  listen overflows {figures['listenOverflows']}", flush=True)
        rss = {s.name: {"idleBytes": idle_rss[s.name], "afterBytes": peers.rss_bytes(s.pid)} for s in servers}
    finally:
        for server in servers:
            server.stop()
        peers.restore_sysctls(changed)

    summary = summarize(results)
    document = {
        **peers.result_header("peer-table", args, ROOT, load_before),
        "sysctls": sysctls,
        "clients": describe_clients(),
        "constantRate": RATE,
        "servers": {s.name: s.label for s in servers},
        "memory": rss,
        "warmUp": warm,
        "runs": results,
        "medians": summary,
        "ratios": ratios(summary, results),
    }
    peers.write_result(args.out, f"peers-{args.started:%Y%m%d-%H%M%S}", document, render(document))

def closed_loop_mean_micros(connections, requests_per_second):
    """
    Little's law for a closed loop (every connection sends its next request when the answer comes): the mean latency
    is connections ÷ throughput, whatever the server does with its time. At 10,000 connections and 80,000 req/s that
    is 125 ms: a p99 near it is the queue every closed loop has, not a stall; p99 ÷ this says how unfair the server
    was between connections (1 is perfectly fair round-robin).
    """
    return connections / requests_per_second * 1e6 if requests_per_second else None


def summarize(results):
    summary = {}
    # Little's law gives a closed loop's mean latency; a constant-rate row is no closed loop.
    connections = {r[0]: r[3] for r in ROWS if r[2] != "rate"}
    for row, by_server in results.items():
        for server, runs in by_server.items():
            cpu = [r["serverCpuMicrosPerRequest"] for r in runs]
            middle = peers.median(cpu)
            mean = closed_loop_mean_micros(connections[row], peers.median([r["requestsPerSecond"] for r in runs])) if row in connections else None
            p99 = peers.median([r["p99Micros"] for r in runs])
            summary.setdefault(row, {})[server] = {
                "cpuMicrosPerRequest": middle,
                "p99Micros": p99,
                "closedLoopMeanMicros": round(mean, 1) if mean else None,
                "p99OverClosedLoopMean": round(p99 / mean, 3) if p99 and mean else None,
                "requestsPerSecond": peers.median([r["requestsPerSecond"] for r in runs]),
                "serverCpuPercent": peers.median(busy) if (busy := [r["serverCpuPercent"] for r in runs if "serverCpuPercent" in r]) else None,
                "errors": sum(r["errors"] for r in runs),
                # (max - min) ÷ median of the CPU per request: above 10% the trials disagree.
                "cpuSpread": round((max(cpu) - min(cpu)) / middle, 3) if middle else None,
                "otherCpuPercent": peers.median([r["otherCpuPercent"] for r in runs]),
                "unchargedCpuMicrosPerRequest": peers.median([r.get("unchargedCpuMicrosPerRequest") for r in runs]),
                "stealPercent": max(r.get("stealPercent", 0.0) for r in runs),
                "tieringMicros": sum(r.get("tieringMicros", 0) for r in runs),
                **{key: sum(r.get(key, 0) for r in runs) for key in peers.NETWORK_COUNTERS},
            }
    return summary


def twin_ratios(summary):
    """For each 'before-X' or 'X+...' column: the same ratios as X's, against X's C twin, and against X itself."""
    names = {n for by in summary.values() for n in by}
    extra = []
    for name in sorted(names):
        base = variant_of(name)[0]
        engine = base[len("before-"):] if base.startswith("before-") else base
        if name == engine or engine not in ("epoll", "io_uring"):
            continue
        label = label_of(name)
        extra += [(f"{label} ÷ C {engine}, CPU/req", name, f"c-{engine}", "cpu", (1.05, 1.15)),
                  (f"{label} ÷ C {engine}, p99", name, f"c-{engine}", "p99", (1.3, None)),
                  (f"aiotools {engine} ÷ {label}, CPU/req", engine, name, "cpu", (None, None))]
    return extra


# Two servers whose median req/s differ by more than this, the slower one with CPU to spare (under SATURATED
# percent of its core), were held to different rates by the client, not by their own cost: each handled a different
# number of requests per epoll_wait or io_uring_enter, so their CPU per request compares batch sizes. At 10,000
# connections wrk -t1 is the bottleneck here, each trial lands near 55k or near 38k req/s, and every server's CPU
# per request follows (r = -0.68 over 30 trials, 2026-12-04). A saturated slower server (nginx pipelined) set its
# own rate: its ratio is a cost and stays unmarked.
THROUGHPUT_MISMATCH = 0.15
SATURATED = 90.0


def held_apart_by_client(a, b):
    """True when two servers' medians ({requestsPerSecond, serverCpuPercent}) differ in rate by more than
    THROUGHPUT_MISMATCH of the larger and the slower one was not saturated."""
    ra, rb = a.get("requestsPerSecond"), b.get("requestsPerSecond")
    if not ra or not rb or abs(ra - rb) / max(ra, rb) <= THROUGHPUT_MISMATCH:
        return False
    slower = a if ra < rb else b
    return slower.get("serverCpuPercent") is not None and slower["serverCpuPercent"] < SATURATED


# A server at a constant rate that used this much of its core, or whose measured rate strayed this far from the
# asked one (it fell behind and caught up), was saturated: its figures are those of a server at capacity.
RATE_STRAY = 0.05


def saturated_at_rate(median, rate):
    """True when a server's medians in the constant-rate row ({requestsPerSecond, serverCpuPercent}) show it could
    not keep the rate with CPU to spare."""
    busy, measured = median.get("serverCpuPercent"), median.get("requestsPerSecond")
    if busy is not None and busy >= SATURATED:
        return True
    return bool(rate and measured and abs(measured - rate) / rate > RATE_STRAY)


def ratios(summary, runs=None):
    """
    Each ratio the issue sets a target for, row by row. With the trials' `runs` (as table() has them), a ratio is
    the median of its per-trial ratios (peers.paired_ratio), with the lowest and highest trial; without them, the
    ratio of the two medians.
    """
    found = []
    for label, numerator, denominator, metric, limits in RATIOS + twin_ratios(summary):
        for row, by_server in summary.items():
            if numerator not in by_server or denominator not in by_server:
                continue
            key = "cpuMicrosPerRequest" if metric == "cpu" else "p99Micros"
            a, b = by_server[numerator][key], by_server[denominator][key]
            if a is None or not b:
                continue
            limit = limits[1 if row == "p16" else 0]
            trial_runs = (runs or {}).get(row, {})
            value, fields = peers.trial_ratio(trial_runs.get(numerator, []), trial_runs.get(denominator, []),
                                              "serverCpuMicrosPerRequest" if metric == "cpu" else "p99Micros", a / b)
            found.append({"ratio": label, "row": row, "value": round(value, 3), "target": limit,
                          "met": None if limit is None else value <= limit,
                          "heldApartByClient": held_apart_by_client(by_server[numerator], by_server[denominator]),
                          **fields})
    return found


def ratio_cell(r):
    """'1.03 ✓ (0.97–1.08)' (the lowest and highest trial), '1.33 ✗ †' (held to different rates by the client), or '—'
    for a ratio not measured."""
    if r is None:
        return "—"
    cell = f"{r['value']:.2f}" + ("" if r["met"] is None else (" ✓" if r["met"] else " ✗"))
    if r.get("pairedTrials", 0) > 1:
        cell += f" ({r['trialLow']:.2f}–{r['trialHigh']:.2f})"
    return cell + (" †" if r.get("heldApartByClient") else "")


def fmt_latency(value):
    if value is None:
        return "—"
    return f"{value / 1000:.2f} ms" if value >= 1000 else f"{value:.0f} µs"


def render(document):
    servers = document["servers"]
    row_labels = {r[0]: r[1] for r in ROWS}
    lines = [
        f"# Peers: server CPU µs per request · p99 (medians of {document['trials']} interleaved trials of {document['secondsPerRun']} s)",
        "",
        f"{document['startedAt'][:19]}Z, commit {document['commit']}, Linux {document['kernel']}; servers pinned to CPU "
        f"{document['pinning']['servers']}, clients to CPU {document['pinning']['clients']}; load average "
        f"{document['loadAverageBefore']} before, {document['loadAverageAfter']} after.",
        "Clients: " + "; ".join(f"{row_labels[k]}: `{v}`" for k, v in document["clients"].items() if k in document["medians"]) + ".",
        peers.describe_sysctls(document),
        "",
        "| workload | " + " | ".join(servers.values()) + " |",
        "|---|" + "---|" * len(servers),
    ]
    for row, by_server in document["medians"].items():
        cells = []
        for name in servers:
            m = by_server.get(name)
            if not m:
                cells.append("—")
                continue
            cell = f"{m['cpuMicrosPerRequest']:.2f}"
            if m["p99Micros"] is not None:
                cell += f" · {fmt_latency(m['p99Micros'])}"
            if m["errors"]:
                cell += f" ({m['errors']} errors)"
            if CLIENTS[row] == "rate" and saturated_at_rate(m, document.get("constantRate")):
                cell += " (saturated)"
            cells.append(cell)
        lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    lines += ["", "Requests per second (median) and the spread of CPU per request over the trials ((max − min) ÷ median):", "",
              "| workload | " + " | ".join(servers.values()) + " |", "|---|" + "---|" * len(servers)]
    for row, by_server in document["medians"].items():
        cells = [f"{by_server[n]['requestsPerSecond']:,.0f} ({100 * by_server[n]['cpuSpread']:.0f}%)" if n in by_server else "—" for n in servers]
        lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    paired = any(r.get("pairedTrials", 0) > 1 for r in document["ratios"])
    lines += ["", "Each ratio is the median of its per-trial ratios, in brackets the lowest and highest trial: in a trial the "
                  "two servers ran minutes apart at most, while the host's speed drifts more than that between trials."
              if paired else "Each ratio is the ratio of the two medians.",
              "", "| ratio | " + " | ".join(row_labels[r] for r in document["medians"]) + " | target |",
              "|---|" + "---|" * (len(document["medians"]) + 1)]
    for label in dict.fromkeys(r["ratio"] for r in document["ratios"]):
        found = {r["row"]: r for r in document["ratios"] if r["ratio"] == label}
        if not found:
            continue
        cells = []
        for row in document["medians"]:
            r = found.get(row)
            cells.append(ratio_cell(r))
        targets = sorted({f"≤ {r['target']}" for r in found.values() if r["target"] is not None})
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {', '.join(targets) or '—'} |")
    if any(CLIENTS[row] == "rate" and saturated_at_rate(m, document.get("constantRate"))
           for row, by_server in document["medians"].items() for m in by_server.values()):
        lines += ["", f"(saturated): at the constant rate the server used {SATURATED:.0f}% or more of its core, or its measured rate "
                      f"strayed more than {RATE_STRAY:.0%} from the rate asked (it fell behind and caught up): its figures are those of a "
                      "server at capacity, not of one at that load."]
    if any(r.get("heldApartByClient") for r in document["ratios"]):
        lines += ["", f"† the two servers' median req/s differ by more than {THROUGHPUT_MISMATCH:.0%} and the slower one had "
                      f"CPU to spare (under {SATURATED:.0f}% of its core): the client held them to different rates, so each "
                      "handled a different number of requests per wake-up, and the ratio compares batch sizes as much as cost."]
    lines += ["", "p99 ÷ the mean latency a closed loop must have (Little's law: connections ÷ req/s); near 1 the tail is the queue "
                  "of connections waiting their turn, above it some connections waited longer than others:", "",
              "| workload | " + " | ".join(servers.values()) + " |", "|---|" + "---|" * len(servers)]
    for row, by_server in document["medians"].items():
        if CLIENTS[row] != "wrk":
            continue
        cells = [f"{by_server[n]['p99OverClosedLoopMean']:.2f} (mean {fmt_latency(by_server[n]['closedLoopMeanMicros'])})"
                 if by_server.get(n, {}).get("p99OverClosedLoopMean") else "—" for n in servers]
        lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    if any(m.get("unchargedCpuMicrosPerRequest") is not None for by in document["medians"].values() for m in by.values()):
        lines += ["", "CPU µs per request that no process was charged for (median): the kernel's softirq threads and softirq work "
                      "on idle CPUs, on loopback the traffic's own network work, in neither the server's column above nor the "
                      "client's. A server that leaves more of it here looks cheaper above by as much:", "",
                  "| workload | " + " | ".join(servers.values()) + " |", "|---|" + "---|" * len(servers)]
        for row, by_server in document["medians"].items():
            cells = [f"{m['unchargedCpuMicrosPerRequest']:.2f}" if (m := by_server.get(n)) and m.get("unchargedCpuMicrosPerRequest") is not None
                     else "—" for n in servers]
            lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    lines += ["", "What the network stack did during each row's runs (machine-wide, summed over the trials and servers): " + peers.NETWORK_NOTE, "",
              "| workload | " + " | ".join(peers.NETWORK_LABELS) + " |", "|---|" + "---|" * len(peers.NETWORK_LABELS)]
    for row, by_server in document["medians"].items():
        totals = [sum(m.get(key, 0) for m in by_server.values()) for key in peers.NETWORK_COUNTERS]
        lines.append(f"| {row_labels[row]} | " + " | ".join(f"{t:,}" for t in totals) + " |")
    warm = document.get("warmUp", {})
    if warm:
        lines += ["", "Warm-up (not measured) and the JIT's tiering worker: CPU it used in the warm-up, and in all measured runs:", "",
                  "| server | warm-up | tiering in warm-up | tiering in measured runs |", "|---|---|---|---|"]
        for name, w in warm.items():
            measured = sum(by[name]["tieringMicros"] for by in document["medians"].values() if name in by)
            state = ("no tiering worker" if not w["hasTieringWorker"] else "tiering not waited for" if w["fixed"]
                     else "quiet" if w["settled"] else "not quiet at the cap")
            lines.append(f"| {servers[name]} | {w['seconds']} s, {state} | {w['tieringMicros'] / 1000:.0f} ms | {measured / 1000:.0f} ms |")
    others = [m["otherCpuPercent"] for by in document["medians"].values() for m in by.values() if m["otherCpuPercent"] is not None]
    if others:
        lines += ["", f"Other processes used a median {peers.median(others):.0f}% of one CPU during the runs (max of medians "
                      f"{max(others):.0f}%): figures taken while others work are noise."]
    steal = [m.get("stealPercent", 0.0) for by in document["medians"].values() for m in by.values()]
    if steal:
        lines += ["", f"The hypervisor took (steal) at most {max(steal):.0f}% of one CPU during a run (this is a virtual machine on a "
                      "shared host; a run with steal is slower for a reason no process here can see)."]
    return "\n".join(lines) + "\n"


def errors(args):
    """wrk -c100 and h2load -m16 against every peer and every engine variant here: errors must be zero."""
    engines = json.loads(subprocess.run([AIOTOOLS, "engines", "--json"], capture_output=True, text=True, check=True).stdout)
    names = [(n, l) for n, l in SERVERS if "-" in n or n == "nginx" or n == "kestrel"]
    names += [(f"{e['engine']}:{e['variant']}", f"aiotools {e['engine']}:{e['variant']}") for e in engines if e["available"]]
    failed = 0
    print(f"{'server':<36} {'wrk req/s':>10} {'wrk errors':>10} {'h2load ok':>10} {'h2load errors':>13}")
    for name, label in names:
        try:
            server = start(name, label)
        except RuntimeError as e:
            print(f"{label:<36} did not start: {e}")
            failed += 1
            continue
        try:
            w = peers.wrk(server.url, 100, args.seconds)
            h = peers.h2load(server.url, 100, args.seconds, 16)
        finally:
            server.stop()
        failed += (w.errors + h.errors) > 0
        print(f"{label:<36} {w.requests_per_second:>10.0f} {w.errors:>10} {h.requests:>10} {h.errors:>13}", flush=True)
    print("errors: none" if not failed else f"errors: {failed} server(s) with errors")
    return 1 if failed else 0


def main():
    global NATIVE, BEFORE, RATE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", choices=["table", "errors"], default="table")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk -c100 against each server before measuring "
                        "(after a second of each row's client)")
    parser.add_argument("--warmup-cap", type=int, default=30, help="seconds a .NET server's warm-up may last while its "
                        "JIT tiering worker is still busy (0: never wait for it)")
    parser.add_argument("--quiet-ms", type=float, default=2, help="tiering CPU in a round (every row's client for 1 s) below which the worker counts as quiet")
    parser.add_argument("--before", help="another build's aiotools (e.g. main's): adds 'before epoll' and 'before io_uring' columns")
    parser.add_argument("--rows", type=lambda s: s.split(","), help="of " + ",".join(r[0] for r in ROWS) + " (default: all)")
    parser.add_argument("--rate", type=int, default=RATE, help="requests/s of the constant-rate row (c10000r); a server "
                        "saturated at it (Kestrel and our dotnet engine at 20,000 here) falls behind and catches up, and its "
                        "figures are those of a saturated server")
    parser.add_argument("--servers", type=lambda s: s.split(","), help="of " + ",".join(n for n, _ in SERVERS + NATIVE_SERVERS + BEFORE_SERVERS)
                        + " (default: all); NAME+KEY=VALUE runs a .NET server with DOTNET_KEY=VALUE, NAME+fixed warms it up "
                        "without waiting for its tiering worker")
    parser.add_argument("--native", help="the NativeAOT aiotools (publish-native.sh): adds its epoll and io_uring columns")
    parser.add_argument("--set-sysctls", action=argparse.BooleanOptionalAction, default=True, help="as root, raise "
                        + ", ".join(n for n, _, _ in peers.NETWORK_SYSCTLS) + " to what the table needs for its duration and put them "
                        "back after (default); --no-set-sysctls only says what is short")
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    args = parser.parse_args()
    NATIVE = os.path.abspath(args.native) if args.native else None
    BEFORE = os.path.abspath(args.before) if args.before else None
    if unknown := [r for r in args.rows or [] if r not in CLIENTS]:
        parser.error(f"unknown row(s) {', '.join(unknown)} (of {', '.join(CLIENTS)})")
    if args.rate <= 0:
        parser.error("--rate must be a positive number of requests per second")
    RATE = args.rate
    args.started = datetime.datetime.now(datetime.timezone.utc)
    peers.end_on_sigterm()
    peers.raise_open_files()
    if args.mode == "errors":
        return errors(args)
    table(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
