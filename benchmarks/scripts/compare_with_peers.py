"""The peer table of issue 16 in one run, and the zero-error check of every server.

table: nginx, our C twins (epoll, io_uring), Kestrel and our epoll, io_uring and dotnet engines, all running at
once, each pinned to CPU 0 and one loop; clients on CPU 1. Rows: wrk -t1 at 100, 1,000 and 10,000 connections, and
h2load --h1 -m16 (really pipelined) at 1,000 connections; one client for every server of a row. Trials are
interleaved (trial 1 of every row and server, then trial 2, ...; the server order rotates each trial) and each
figure is the median of the trials: server CPU µs per request (/proc/PID/stat user + system over the client's run ÷
the requests it counted) and p99 (wrk's --latency; h2load prints no percentiles). Writes a markdown table and a
JSON file, and prints the ratios the issue sets targets for.

errors: wrk and h2load -m16 against every peer and every engine variant available here; errors must be zero.
"""
import argparse
import datetime
import json
import os
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
    ("io_uring", "aiotools io_uring"),
    ("dotnet", "aiotools dotnet"),
]

# With --native PATH (benchmarks/scripts/publish-native.sh): our engines from the NativeAOT host, beside the JIT ones.
NATIVE_SERVERS = [
    ("native-epoll", "aiotools epoll (AOT)"),
    ("native-io_uring", "aiotools io_uring (AOT)"),
]
NATIVE = None

# name, label, client, connections, pipeline
ROWS = [
    ("c100", "100 conns", "wrk", 100, 1),
    ("c1000", "1,000 conns", "wrk", 1000, 1),
    ("c10000", "10,000 conns", "wrk", 10000, 1),
    ("p16", "pipelined ×16, 1,000 conns", "h2load", 1000, 16),
]

# The targets: (label, numerator, denominator, metric, limit by row kind (plain, pipelined)).
RATIOS = [
    ("aiotools epoll ÷ C epoll, CPU/req", "epoll", "c-epoll", "cpu", (1.05, 1.15)),
    ("aiotools io_uring ÷ C io_uring, CPU/req", "io_uring", "c-io_uring", "cpu", (1.05, 1.15)),
    ("aiotools epoll ÷ nginx, CPU/req", "epoll", "nginx", "cpu", (0.8, 0.8)),
    ("aiotools io_uring ÷ nginx, CPU/req", "io_uring", "nginx", "cpu", (0.8, 0.8)),
    ("aiotools io_uring ÷ aiotools epoll, CPU/req", "io_uring", "epoll", "cpu", (0.9, 0.9)),
    ("aiotools epoll ÷ C epoll, p99", "epoll", "c-epoll", "p99", (1.3, None)),
    ("aiotools io_uring ÷ C io_uring, p99", "io_uring", "c-io_uring", "p99", (1.3, None)),
    ("C io_uring ÷ C epoll, CPU/req", "c-io_uring", "c-epoll", "cpu", (None, None)),
    ("aiotools dotnet ÷ Kestrel, CPU/req", "dotnet", "kestrel", "cpu", (None, None)),
    ("aiotools epoll AOT ÷ JIT, CPU/req", "native-epoll", "epoll", "cpu", (None, None)),
    ("aiotools io_uring AOT ÷ JIT, CPU/req", "native-io_uring", "io_uring", "cpu", (None, None)),
]


def start(name, label):
    if name == "nginx":
        return peers.start_nginx()
    if name == "c-epoll":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/epoll-server", "--port", "0"])
    if name == "c-io_uring":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/uring-server", "--port", "0"])
    if name == "kestrel":
        return peers.start_listening(name, label, [f"{PEERS_BIN}/kestrel/AsyncIoTools.KestrelPeer", "--port", "0"])
    program, selection = (NATIVE, name[len("native-"):]) if name.startswith("native-") else (AIOTOOLS, name)
    engine, _, variant = selection.partition(":")
    command = [program, "serve", "--engine", engine, "--loops", "1", "--port", "0"] + (["--variant", variant] if variant else [])
    return peers.start_listening(name, label, command)


def client_for(row, seconds):
    _, _, client, connections, pipeline = row
    if client == "wrk":
        return lambda url: peers.wrk(url, connections, seconds)
    return lambda url: peers.h2load(url, connections, seconds, pipeline)


def describe_clients():
    return {row[0]: (f"wrk -t1 -c{row[3]} --latency" if row[2] == "wrk" else f"h2load --h1 -t1 -c{row[3]} -m{row[4]}") for row in ROWS}


def table(args):
    servers, results = [], {}
    load_before = peers.load_average()
    try:
        for name, label in SERVERS + (NATIVE_SERVERS if NATIVE else []):
            if args.servers and name not in args.servers:
                continue
            servers.append(start(name, label))
        rows = [r for r in ROWS if not args.rows or r[0] in args.rows]
        print(f"load average before: {load_before}; servers: {', '.join(s.label for s in servers)}", flush=True)
        idle_rss = {s.name: peers.rss_bytes(s.pid) for s in servers}
        for server in servers:  # JIT, TCP and page warm-up, not measured
            peers.wrk(server.url, 100, args.warmup)
        for trial, order in peers.interleaved(servers, args.trials):
            for row in rows:
                client = client_for(row, args.seconds)
                for server in order:
                    figures = peers.measure(server, lambda: client(server.url))
                    figures["trial"] = trial
                    results.setdefault(row[0], {}).setdefault(server.name, []).append(figures)
                    print(f"trial {trial} {row[1]:>28} {server.label:>18}: {figures['serverCpuMicrosPerRequest']:7.2f} µs/req"
                          f"  p99 {fmt_latency(figures['p99Micros']):>9}  {figures['requestsPerSecond']:>8} req/s"
                          f"  errors {figures['errors']}  client {figures['clientCpuPercent']}%  others {figures['otherCpuPercent']}%", flush=True)
        rss = {s.name: {"idleBytes": idle_rss[s.name], "afterBytes": peers.rss_bytes(s.pid)} for s in servers}
    finally:
        for server in servers:
            server.stop()

    summary = summarize(results)
    document = {
        **peers.result_header("peer-table", args, ROOT, load_before),
        "clients": describe_clients(),
        "servers": {s.name: s.label for s in servers},
        "memory": rss,
        "runs": results,
        "medians": summary,
        "ratios": ratios(summary),
    }
    peers.write_result(args.out, f"peers-{args.started:%Y%m%d-%H%M%S}", document, render(document))

def summarize(results):
    summary = {}
    for row, by_server in results.items():
        for server, runs in by_server.items():
            cpu = [r["serverCpuMicrosPerRequest"] for r in runs]
            middle = peers.median(cpu)
            summary.setdefault(row, {})[server] = {
                "cpuMicrosPerRequest": middle,
                "p99Micros": peers.median([r["p99Micros"] for r in runs]),
                "requestsPerSecond": peers.median([r["requestsPerSecond"] for r in runs]),
                "errors": sum(r["errors"] for r in runs),
                # (max - min) ÷ median of the CPU per request: above 10% the trials disagree.
                "cpuSpread": round((max(cpu) - min(cpu)) / middle, 3) if middle else None,
                "otherCpuPercent": peers.median([r["otherCpuPercent"] for r in runs]),
            }
    return summary


def ratios(summary):
    found = []
    for label, numerator, denominator, metric, limits in RATIOS:
        for row, by_server in summary.items():
            if numerator not in by_server or denominator not in by_server:
                continue
            key = "cpuMicrosPerRequest" if metric == "cpu" else "p99Micros"
            a, b = by_server[numerator][key], by_server[denominator][key]
            if a is None or not b:
                continue
            limit = limits[1 if row == "p16" else 0]
            value = a / b
            found.append({"ratio": label, "row": row, "value": round(value, 3), "target": limit,
                          "met": None if limit is None else value <= limit})
    return found


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
            cells.append(cell)
        lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    lines += ["", "Requests per second (median) and the spread of CPU per request over the trials ((max − min) ÷ median):", "",
              "| workload | " + " | ".join(servers.values()) + " |", "|---|" + "---|" * len(servers)]
    for row, by_server in document["medians"].items():
        cells = [f"{by_server[n]['requestsPerSecond']:,.0f} ({100 * by_server[n]['cpuSpread']:.0f}%)" if n in by_server else "—" for n in servers]
        lines.append(f"| {row_labels[row]} | " + " | ".join(cells) + " |")
    lines += ["", "| ratio | " + " | ".join(row_labels[r] for r in document["medians"]) + " | target |",
              "|---|" + "---|" * (len(document["medians"]) + 1)]
    for label, *_ in RATIOS:
        found = {r["row"]: r for r in document["ratios"] if r["ratio"] == label}
        if not found:
            continue
        cells = []
        for row in document["medians"]:
            r = found.get(row)
            cells.append("—" if r is None else f"{r['value']:.2f}" + ("" if r["met"] is None else (" ✓" if r["met"] else " ✗")))
        targets = sorted({f"≤ {r['target']}" for r in found.values() if r["target"] is not None})
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {', '.join(targets) or '—'} |")
    others = [m["otherCpuPercent"] for by in document["medians"].values() for m in by.values() if m["otherCpuPercent"] is not None]
    if others:
        lines += ["", f"Other processes used a median {peers.median(others):.0f}% of one CPU during the runs (max of medians "
                      f"{max(others):.0f}%): figures taken while others work are noise."]
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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", choices=["table", "errors"], default="table")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk -c100 against each server before measuring")
    parser.add_argument("--rows", type=lambda s: s.split(","), help="of c100,c1000,c10000,p16 (default: all)")
    parser.add_argument("--servers", type=lambda s: s.split(","), help="of " + ",".join(n for n, _ in SERVERS) + " (default: all)")
    parser.add_argument("--native", help="the NativeAOT aiotools (publish-native.sh): adds its epoll and io_uring columns")
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    args = parser.parse_args()
    global NATIVE
    NATIVE = os.path.abspath(args.native) if args.native else None
    args.started = datetime.datetime.now(datetime.timezone.utc)
    peers.raise_open_files()
    if args.mode == "errors":
        return errors(args)
    table(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
