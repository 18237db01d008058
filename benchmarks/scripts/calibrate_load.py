"""Calibrates our load generator (`aiotools load`) against ground truth rather than against wrk (issue 16, item 6).

delay: a server that answers every request exactly D after the read that brought it (timerfd; it reports how late
  its answers really went). Our p50, closed loop and at a constant rate below saturation, must lie within 5% + 50 µs
  of D; wrk's closed-loop p50 is shown beside it. What the server itself was late by is shown too: on a shared VM an
  idle CPU takes tens of µs to wake, which no client can remove.
stall: a server that answers at once but stops for 100 ms every second. At a constant rate below saturation from
  few connections, the p99 counted from each request's intended start (coordinated omission corrected) must be
  >= 80 ms (a tenth of all requests are due during a stall: their p99 is ~90 ms), while the p99 counted from the send
  stays far below (only the requests already in flight see the stall): the coordinated-omission gap.
throughput: `aiotools load --threads 1` and `wrk -t1` against the same nginx (one worker, CPU 0), from CPU 1, at
  100 and 1,000 connections, interleaved: our req/s must be at least wrk's.

Every figure is the median of interleaved trials. Prints a report and writes it as markdown and JSON under results/.
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


def ours(url, seconds, connections, rate=None):
    command = [AIOTOOLS, "load", "--target", url, "--connections", str(connections), "--duration", f"{seconds}s",
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
    }


def theirs(url, seconds, connections):
    run = peers.wrk(url, connections, seconds)
    return {"requestsPerSecond": round(run.requests_per_second), "p50Micros": run.p50_micros, "p99Micros": run.p99_micros,
            "errors": run.errors, "clientCpuPercent": round(run.client_cpu_micros / 1e4 / run.wall_seconds, 1)}


def server_lateness(server):
    """The calibration server's own account, printed when it stops: how late its answers went (µs)."""
    server.process.terminate()
    _, stderr = server.process.communicate(timeout=10)
    found = {k: int(v) for k, v in re.findall(r"(p50|p99|max) (\d+) µs", stderr)}
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
    closed, constant, wrk = [], [], []
    try:
        for _ in range(args.trials):
            closed.append(ours(server.url, args.seconds, connections))
            constant.append(ours(server.url, args.seconds, connections, rate))
            wrk.append(theirs(server.url, args.seconds, connections))
    finally:
        late = server_lateness(server)
    bound = delay_micros * 1.05 + 50
    keys = ["p50Micros", "p99Micros", "correctedP50Micros", "correctedP99Micros", "requestsPerSecond", "errors"]
    result = {
        "delayMicros": delay_micros, "connections": connections, "rate": rate, "boundMicros": bound,
        "serverLateMicros": late,
        "ours": medians(closed, keys), "oursAtRate": medians(constant, keys), "wrk": medians(wrk, ["p50Micros", "p99Micros", "requestsPerSecond", "errors"]),
        "trials": {"ours": closed, "oursAtRate": constant, "wrk": wrk},
    }
    # D = 0 is the floor (the loopback round trip with its wake-ups), shown, not judged.
    result["passed"] = None if delay_micros == 0 else all(abs(result[k]["p50Micros"] - delay_micros) <= bound - delay_micros for k in ("ours", "oursAtRate"))
    return result


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
            "passed": m["correctedP99Micros"] >= 80_000 and m["p99Micros"] <= m["correctedP99Micros"] / 2}


def throughput_check(args):
    nginx = peers.start_nginx()
    found = []
    try:
        for connections in (100, 1000):
            mine, wrk = [], []
            for _ in range(args.trials):
                mine.append(ours(nginx.url, args.seconds, connections))
                wrk.append(theirs(nginx.url, args.seconds, connections))
            keys = ["requestsPerSecond", "p50Micros", "clientCpuPercent", "errors"]
            row = {"connections": connections, "ours": medians(mine, keys), "wrk": medians(wrk, keys), "trials": {"ours": mine, "wrk": wrk}}
            row["ratio"] = round(row["ours"]["requestsPerSecond"] / row["wrk"]["requestsPerSecond"], 3)
            row["passed"] = row["ratio"] >= 1.0
            found.append(row)
    finally:
        nginx.stop()
    return found


def fmt(micros):
    return "—" if micros is None else (f"{micros / 1000:.2f} ms" if micros >= 1000 else f"{micros:.0f} µs")


def render(doc):
    mark = lambda ok: "floor" if ok is None else "pass" if ok else "FAIL"
    lines = [f"# Load-generator calibration (medians of {doc['trials']} interleaved trials)", "",
             f"{doc['startedAt'][:19]}Z, commit {doc['commit']}; servers on CPU 0, clients on CPU 1; load average "
             f"{doc['loadAverageBefore']} before, {doc['loadAverageAfter']} after.", "",
             "## Delay server (answers exactly D after the request's read; spins the last "
             f"{doc['spinMicros']} µs)", "",
             "D = 0 is the floor under every D: the loopback round trip with the wake-ups of an idle CPU on each side.", "",
             "| D | bound | ours closed loop p50 | ours at rate p50 (corrected) | wrk p50 | server late p50 / p99 | result |",
             "|---|---|---|---|---|---|---|"]
    for d in doc["delay"]:
        late = d["serverLateMicros"]
        lines.append(f"| {fmt(d['delayMicros'])} | {'—' if d['passed'] is None else '± ' + fmt(d['boundMicros'] - d['delayMicros'])} | {fmt(d['ours']['p50Micros'])} | "
                     f"{fmt(d['oursAtRate']['p50Micros'])} ({fmt(d['oursAtRate']['correctedP50Micros'])}) at {d['rate']:,}/s | "
                     f"{fmt(d['wrk']['p50Micros'])} | {late.get('p50', '?')} / {late.get('p99', '?')} µs | {mark(d['passed'])} |")
    s = doc["stall"]
    lines += ["", f"## Stalling server (100 ms every second), {s['connections']} connections at {s['rate']:,} req/s", "",
              "| p50 | p99 from the send | p99 from the intended start | result |", "|---|---|---|---|",
              f"| {fmt(s['ours']['p50Micros'])} | {fmt(s['ours']['p99Micros'])} | {fmt(s['ours']['correctedP99Micros'])} (≥ 80 ms) | {mark(s['passed'])} |",
              "", "## Against wrk on the same nginx (one worker, CPU 0)", "",
              "| connections | ours req/s (client CPU) | wrk req/s (client CPU) | ours ÷ wrk | result |", "|---|---|---|---|---|"]
    for t in doc["throughput"]:
        lines.append(f"| {t['connections']:,} | {t['ours']['requestsPerSecond']:,.0f} ({t['ours']['clientCpuPercent']:.0f}%) | "
                     f"{t['wrk']['requestsPerSecond']:,.0f} ({t['wrk']['clientCpuPercent']:.0f}%) | {t['ratio']:.3f} | {mark(t['passed'])} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--spin", type=int, default=200, help="µs the delay server spins before each deadline")
    parser.add_argument("--stall-connections", type=int, default=4)
    parser.add_argument("--stall-rate", type=int, default=1000)
    parser.add_argument("--only", type=lambda s: s.split(","), default=["delay", "stall", "throughput"])
    parser.add_argument("--out", default=os.path.join(ROOT, "results"))
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    peers.raise_open_files()
    doc = {"kind": "load-calibration", "startedAt": started.isoformat(), "trials": args.trials, "spinMicros": args.spin,
           "commit": peers.commit(ROOT),
           "loadAverageBefore": peers.load_average()}
    print(f"load average before: {doc['loadAverageBefore']}", flush=True)
    doc["delay"] = [delay_check(d, args) for d in (0, 1000, 10000)] if "delay" in args.only else []
    doc["stall"] = stall_check(args) if "stall" in args.only else None
    doc["throughput"] = throughput_check(args) if "throughput" in args.only else []
    doc["loadAverageAfter"] = peers.load_average()
    doc["passed"] = all(d["passed"] is not False for d in doc["delay"]) and (doc["stall"] is None or doc["stall"]["passed"]) and all(t["passed"] for t in doc["throughput"])
    markdown = render(doc) if doc["stall"] and doc["delay"] and doc["throughput"] else json.dumps(doc, indent=2, ensure_ascii=False)
    peers.write_result(args.out, f"calibration-{started:%Y%m%d-%H%M%S}", doc, markdown)
    return 0 if doc["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
