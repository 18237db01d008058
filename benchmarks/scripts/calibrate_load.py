"""Calibrates our load generator (`aiotools load`) against ground truth rather than against wrk (issue 16, item 6).

delay: a server that answers every request exactly D after it reached the server's socket (the kernel's receive
  timestamp, so the server's own wake-up is inside D; timerfd armed early, the last stretch spun; it reports how late
  its answers really went). Our p50, closed loop and at a constant rate below saturation, must lie within 5% + 50 µs
  of D; wrk's closed-loop p50 is shown beside it. The server's median lateness is shown too, and our p50 is judged
  against D + that lateness as well (what a client could at best see): the exit status follows the judgement
  against D alone.
stall: a server that answers at once but stops for 100 ms every second. At a constant rate below saturation from
  few connections, the p99 counted from each request's intended start (coordinated omission corrected) must be
  >= 80 ms (a tenth of all requests are due during a stall: their p99 is ~90 ms), while the p99 counted from the send
  stays far below (only the requests already in flight see the stall): the coordinated-omission gap.
throughput: `aiotools load --threads 1` and `wrk -t1` against the same nginx (one worker, CPU 0), from CPU 1, at
  100 and 1,000 connections, interleaved: our req/s must be at least wrk's. Where both reach the same req/s (within
  5%), something other than the clients held both back (nginx, or the wake-ups of a ping-pong between idle vCPUs)
  and req/s cannot tell them apart: then our client CPU per request must be at most wrk's. nginx's CPU and what other
  processes used are shown beside each, to say which bound it was.

Every figure is the median of interleaved trials. Prints a report ending in one table of the checks (target,
measured, pass/FAIL), writes it as markdown and JSON under results/, and exits 0 only when every check run passed.
"""
import argparse
import datetime
import json
import os
import re
import sys

import peers
from compare_with_peers import AIOTOOLS, PEERS_BIN, ROOT

SERVER = f"{PEERS_BIN}/calibration-server"


def ours(url, seconds, connections, rate=None, aiotools=AIOTOOLS):
    command = [aiotools, "load", "--target", url, "--connections", str(connections), "--duration", f"{seconds}s",
               "--warmup", "1s", "--threads", "1", "--json"]
    if rate:
        command += ["--rate", str(rate)]
    run = peers.run_client(command)
    measurement = json.loads(run.output)["measurement"]
    corrected = measurement.get("correctedLatency")
    return {
        "requestsPerSecond": round(measurement["requestsPerSecond"]),
        "p50Micros": measurement["latency"]["p50Micros"],
        "p99Micros": measurement["latency"]["p99Micros"],
        "correctedP50Micros": corrected["p50Micros"] if corrected else None,
        "correctedP99Micros": corrected["p99Micros"] if corrected else None,
        "errors": measurement["errors"]["total"],
        "clientCpuPercent": round(run.client_cpu_micros / 1e4 / run.wall_seconds, 1),
        "clientCpuMicros": run.client_cpu_micros, "wallSeconds": round(run.wall_seconds, 3),
        # Over the measuring window only (the process's own account): start-up and warm-up left out.
        "clientCpuMicrosPerRequest": round(measurement["loadGeneratorCpuMicros"] / max(1, measurement["requests"]), 2),
    }


def theirs(url, seconds, connections):
    run = peers.wrk(url, connections, seconds)
    return {"requestsPerSecond": round(run.requests_per_second), "p50Micros": run.p50_micros, "p99Micros": run.p99_micros,
            "errors": run.errors, "clientCpuPercent": round(run.client_cpu_micros / 1e4 / run.wall_seconds, 1),
            "clientCpuMicros": run.client_cpu_micros, "wallSeconds": round(run.wall_seconds, 3),
            "clientCpuMicrosPerRequest": round(run.client_cpu_micros / max(1, run.requests), 2)}


def with_server_cpu(server, client):
    """Runs `client()` (ours or theirs) and adds how busy the server was meanwhile and what other processes used of the
    two CPUs, in % of one CPU: which side held the run back (a server near 100% is the bottleneck; neither near 100%,
    the round trips' wake-ups are)."""
    server_before, census_before, ours_before = peers.cpu_micros(server.pid), peers.cpu_census(), peers.our_processes()
    result = client()
    server_cpu, others = peers.cpu_micros(server.pid) - server_before, peers.others_since(census_before, ours_before=ours_before)
    result["serverCpuPercent"] = round(server_cpu / 1e4 / result["wallSeconds"], 1)
    result["otherCpuPercent"] = round(others / 1e4 / result["wallSeconds"], 1)
    return result


def server_lateness(server):
    """The calibration server's own account, printed when it stops (µs): how late its answers went after their
    deadlines (p50, p99, max) and how long after a request reached its socket the server's read returned (readP50,
    readP99: its own wake-up, inside D)."""
    server.process.terminate()
    _, stderr = server.process.communicate(timeout=10)
    return parse_lateness(stderr)


def parse_lateness(text):
    found = {}
    if late := re.search(r"late p50 (\d+) µs p99 (\d+) µs max (\d+) µs", text):
        found.update(zip(("p50", "p99", "max"), map(int, late.groups())))
    if read := re.search(r"read p50 (\d+) µs p99 (\d+) µs", text):
        found.update(zip(("readP50", "readP99"), map(int, read.groups())))
    return found


def medians(trials, keys):
    return {k: peers.median([t[k] for t in trials]) for k in keys}


def delay_check(delay_micros, args):
    server = peers.start_listening("delay", f"delay {delay_micros} µs", [SERVER, "--delay-us", str(delay_micros), "--spin-us", str(args.spin), "--port", "0"])
    connections = 10
    # Well below saturation: a quarter of what `connections` closed-loop clients would reach (D = 0: a modest
    # 2,000/s). A connection has one request out at a time, so nearer saturation a late answer puts its schedule
    # behind for good and the corrected latency measures the backlog, not the server.
    rate = round(0.25 * connections * 1e6 / delay_micros) if delay_micros else 2000
    closed, constant, wrk, before, before_constant = [], [], [], [], []
    try:
        for _ in range(args.trials):
            closed.append(ours(server.url, args.seconds, connections))
            constant.append(ours(server.url, args.seconds, connections, rate))
            wrk.append(theirs(server.url, args.seconds, connections))
            if args.baseline:
                before.append(ours(server.url, args.seconds, connections, aiotools=args.baseline))
                before_constant.append(ours(server.url, args.seconds, connections, rate, aiotools=args.baseline))
    finally:
        late = server_lateness(server)
    keys = ["p50Micros", "p99Micros", "correctedP50Micros", "correctedP99Micros", "requestsPerSecond", "errors"]
    result = {
        "delayMicros": delay_micros, "connections": connections, "rate": rate, "toleranceMicros": tolerance(delay_micros),
        "serverLateMicros": late,
        "ours": medians(closed, keys), "oursAtRate": medians(constant, keys), "wrk": medians(wrk, ["p50Micros", "p99Micros", "requestsPerSecond", "errors"]),
        "trials": {"ours": closed, "oursAtRate": constant, "wrk": wrk},
    }
    if args.baseline:
        result["baseline"], result["baselineAtRate"] = medians(before, keys), medians(before_constant, keys)
        result["trials"].update(baseline=before, baselineAtRate=before_constant)
    # D = 0 is the floor (the loopback round trip with its wake-ups), shown, not judged.
    if delay_micros:
        late = result["serverLateMicros"].get("p50", 0)
        for k in ("ours", "oursAtRate"):
            p50 = result[k]["p50Micros"]
            result[k]["passed"] = within(p50, delay_micros)
            result[k]["passedWithServerLate"] = within(p50, delay_micros + late, tolerance(delay_micros))
    return result


def tolerance(delay_micros):
    """The issue's bound on |p50 - D|: 5% of D + 50 µs."""
    return delay_micros * 0.05 + 50


def within(p50, expected, allowed=None):
    return p50 is not None and abs(p50 - expected) <= (tolerance(expected) if allowed is None else allowed)


def stall_check(args):
    server = peers.start_listening("stall", "stall 100 ms every 1 s", [SERVER, "--stall-ms", "100", "--every-ms", "1000", "--port", "0"])
    runs = []
    try:
        for _ in range(args.trials):
            runs.append(ours(server.url, max(args.seconds, 10), args.stall_connections, args.stall_rate))
    finally:
        server_lateness(server)
    m = medians(runs, ["p50Micros", "p99Micros", "correctedP50Micros", "correctedP99Micros", "requestsPerSecond", "errors"])
    return {"stallMillis": 100, "everyMillis": 1000, "connections": args.stall_connections, "rate": args.stall_rate, "ours": m, "trials": runs,
            "correctedPassed": m["correctedP99Micros"] >= 80_000, "gapPassed": m["p99Micros"] <= m["correctedP99Micros"] / 2}


def throughput_check(args):
    nginx = peers.start_nginx()
    found = []
    try:
        for connections in (100, 1000):
            mine, wrk = [], []
            for _ in range(args.trials):
                mine.append(with_server_cpu(nginx, lambda: ours(nginx.url, args.seconds, connections)))
                wrk.append(with_server_cpu(nginx, lambda: theirs(nginx.url, args.seconds, connections)))
            keys = ["requestsPerSecond", "p50Micros", "clientCpuPercent", "clientCpuMicrosPerRequest", "serverCpuPercent", "otherCpuPercent", "errors"]
            row = {"connections": connections, "ours": medians(mine, keys), "wrk": medians(wrk, keys), "trials": {"ours": mine, "wrk": wrk}}
            row.update(judge_throughput(row["ours"], row["wrk"]))
            found.append(row)
    finally:
        nginx.stop()
    return found


# Two clients whose req/s lie this close were held back by the same bound, not by themselves (the lead's quiet run:
# nginx's one worker at 1,000 connections, 48,505 against 49,103): req/s cannot tell them apart, the client's CPU per
# request can (the one that costs less gives out later once the client is the bottleneck).
SAME_RATE = 0.05


def judge_throughput(mine, wrk):
    """Ours against wrk on one server: more req/s passes; req/s within SAME_RATE (the same bound held both back) is
    judged by the client's CPU per request instead."""
    ratio = round(mine["requestsPerSecond"] / wrk["requestsPerSecond"], 3)
    cpu_ratio = round(mine["clientCpuMicrosPerRequest"] / wrk["clientCpuMicrosPerRequest"], 3)
    same_bound = abs(ratio - 1) <= SAME_RATE
    return {"ratio": ratio, "cpuRatio": cpu_ratio, "sameBound": same_bound, "passed": cpu_ratio <= 1.0 if same_bound else ratio >= 1.0}


def fmt(micros):
    return "—" if micros is None else (f"{micros / 1000:.2f} ms" if micros >= 1000 else f"{micros:.0f} µs")


def checks(doc):
    """One row per check: (check, target, measured, passed)."""
    rows = []
    for d in doc["delay"]:
        if not d["delayMicros"]:
            continue
        late = d["serverLateMicros"].get("p50", 0)
        for key, how in (("ours", "closed loop"), ("oursAtRate", f"at {d['rate']:,}/s")):
            r = d[key]
            rows.append((f"delay {fmt(d['delayMicros'])}, p50 {how}", f"{fmt(d['delayMicros'])} ± {fmt(d['toleranceMicros'])}",
                         f"{fmt(r['p50Micros'])} ({r['p50Micros'] - d['delayMicros']:+.0f} µs; server late {late} µs, "
                         f"against D + late: {'pass' if r['passedWithServerLate'] else 'FAIL'})", r["passed"]))
    if s := doc["stall"]:
        rows.append(("stall: p99 from the intended start", "≥ 80 ms", fmt(s["ours"]["correctedP99Micros"]), s["correctedPassed"]))
        rows.append(("stall: coordinated-omission gap", "p99 from the send ≤ ½ the corrected",
                     f"{fmt(s['ours']['p99Micros'])} vs {fmt(s['ours']['correctedP99Micros'])}", s["gapPassed"]))
    for t in doc["throughput"]:
        rates = f"req/s ours ÷ wrk {t['ratio']:.3f} ({t['ours']['requestsPerSecond']:,.0f} vs {t['wrk']['requestsPerSecond']:,.0f})"
        cpu = (f"client CPU/req ours ÷ wrk {t['cpuRatio']:.3f} ({t['ours']['clientCpuMicrosPerRequest']:.2f} vs "
               f"{t['wrk']['clientCpuMicrosPerRequest']:.2f} µs)")
        if t["sameBound"]:
            rows.append((f"vs wrk, {t['connections']:,} connections (req/s within {SAME_RATE:.0%}: the same bound held both back)",
                         "client CPU/req ours ÷ wrk ≤ 1.00", f"{cpu}; {rates}", t["passed"]))
        else:
            rows.append((f"vs wrk, {t['connections']:,} connections", "req/s ours ÷ wrk ≥ 1.00", f"{rates}; {cpu}", t["passed"]))
    return rows


def render(doc):
    mark = lambda ok: "pass" if ok else "FAIL"
    lines = [f"# Load-generator calibration (medians of {doc['trials']} interleaved trials)", "",
             f"{doc['startedAt'][:19]}Z, commit {doc['commit']}; servers on CPU 0, clients on CPU 1; load average "
             f"{doc['loadAverageBefore']} before, {doc['loadAverageAfter']} after.", ""]
    if doc["delay"]:
        lines += ["## Delay server (answers exactly D after the request reached its socket; spins the last "
                  f"{doc['spinMicros']} µs)", "",
                  "D = 0 is the floor under every D: the loopback round trip with the wake-ups of an idle CPU on each side. "
                  "Server late: after the deadline; server read: from reaching the socket to the server's read (inside D).", "",
                  "| D | ours closed loop p50 | ours at rate p50 (corrected) | wrk p50 | server late p50 / p99 | server read p50 / p99 |"
                  + (" baseline closed loop p50 | baseline at rate p50 |" if doc["baseline"] else ""),
                  "|---|---|---|---|---|---|" + ("---|---|" if doc["baseline"] else "")]
        for d in doc["delay"]:
            late = d["serverLateMicros"]
            baseline = f" {fmt(d['baseline']['p50Micros'])} | {fmt(d['baselineAtRate']['p50Micros'])} |" if doc["baseline"] else ""
            lines.append(f"| {fmt(d['delayMicros'])} | {fmt(d['ours']['p50Micros'])} | "
                         f"{fmt(d['oursAtRate']['p50Micros'])} ({fmt(d['oursAtRate']['correctedP50Micros'])}) at {d['rate']:,}/s | "
                         f"{fmt(d['wrk']['p50Micros'])} | {late.get('p50', '?')} / {late.get('p99', '?')} µs | "
                         f"{late.get('readP50', '?')} / {late.get('readP99', '?')} µs |{baseline}")
        lines.append("")
    if s := doc["stall"]:
        lines += [f"## Stalling server (100 ms every second), {s['connections']} connections at {s['rate']:,} req/s", "",
                  "| p50 | p99 from the send | p99 from the intended start |", "|---|---|---|",
                  f"| {fmt(s['ours']['p50Micros'])} | {fmt(s['ours']['p99Micros'])} | {fmt(s['ours']['correctedP99Micros'])} |", ""]
    if doc["throughput"]:
        lines += ["## Against wrk on the same nginx (one worker, CPU 0)", "",
                  "Client CPU per request: ours over its measuring window, wrk's over its run. CPU %: of one CPU, over the client's run; "
                  "others: what other processes used of both CPUs meanwhile. A side near 100% is the bottleneck; with neither, the "
                  "round trips' wake-ups are (this VM halts an idle vCPU at once: a client that sleeps between answers, as wrk does, "
                  "waits for its CPU to wake each time; ours polls around the answers it expects). Where the two clients' req/s lie within "
                  f"{SAME_RATE:.0%}, the same bound held both back and req/s cannot tell them apart: the check compares their CPU per request.", "",
                  "| connections | ours req/s (client CPU µs/req, client % · nginx % · others %) | wrk req/s (client CPU µs/req, client % · nginx % · others %) | req/s ours ÷ wrk |",
                  "|---|---|---|---|"]
        for t in doc["throughput"]:
            side = lambda r: (f"{r['requestsPerSecond']:,.0f} ({r['clientCpuMicrosPerRequest']:.2f}, {r['clientCpuPercent']:.0f} · "
                              f"{r.get('serverCpuPercent', 0):.0f} · {r.get('otherCpuPercent', 0):.0f})")
            lines.append(f"| {t['connections']:,} | {side(t['ours'])} | {side(t['wrk'])} | {t['ratio']:.3f} |")
        lines.append("")
    lines += ["## Checks", "", "| check | target | measured | result |", "|---|---|---|---|"]
    lines += [f"| {check} | {target} | {measured} | {mark(ok)} |" for check, target, measured, ok in doc["checks"]]
    failed = sum(1 for *_, ok in doc["checks"] if not ok)
    lines += ["", f"{len(doc['checks']) - failed} of {len(doc['checks'])} checks pass" + (f"; {failed} FAIL." if failed else ".")]
    return "\n".join(lines) + "\n"


CHECKS = ("delay", "stall", "throughput")


def only(text):
    names = text.split(",")
    if unknown := [n for n in names if n not in CHECKS]:
        raise argparse.ArgumentTypeError(f"unknown check {', '.join(unknown)} (known: {', '.join(CHECKS)})")
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--spin", type=int, default=200, help="µs the delay server spins before each deadline")
    parser.add_argument("--stall-connections", type=int, default=4)
    parser.add_argument("--stall-rate", type=int, default=1000)
    parser.add_argument("--only", type=only, default=list(CHECKS), help="which checks to run, comma-separated: " + ",".join(CHECKS))
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    parser.add_argument("--baseline", metavar="AIOTOOLS", help="another build's aiotools, run interleaved in the delay check (an A/B of a change)")
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    peers.raise_open_files()
    doc = {"kind": "load-calibration", "startedAt": started.isoformat(), "trials": args.trials, "spinMicros": args.spin, "baseline": args.baseline,
           "commit": peers.commit(ROOT),
           "loadAverageBefore": peers.load_average()}
    print(f"load average before: {doc['loadAverageBefore']}", flush=True)
    doc["delay"] = [delay_check(d, args) for d in (0, 1000, 10000)] if "delay" in args.only else []
    doc["stall"] = stall_check(args) if "stall" in args.only else None
    doc["throughput"] = throughput_check(args) if "throughput" in args.only else []
    doc["loadAverageAfter"] = peers.load_average()
    doc["checks"] = checks(doc)
    doc["passed"] = all(ok for *_, ok in doc["checks"])
    peers.write_result(args.out, f"calibration-{started:%Y%m%d-%H%M%S}", doc, render(doc))
    return 0 if doc["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
