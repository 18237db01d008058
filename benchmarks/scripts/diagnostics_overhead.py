"""
Attached-vs-detached throughput of a saturated .NET target for each diagnostics command (see diagnostics-overhead.sh),
and the target's CPU time per request in the same windows: on a shared machine others take cpu0 too, which moves
throughput but not the CPU a request costs the target, so the CPU figure is the steadier measure of our cost.

An attached window is the command's whole session as the target sees it: from the moment the runtime starts the
session's streaming thread (".NET EventPipe", one more than the diagnostics server's own) to the moment the last
such thread is gone, so the session's start, its rundown and any part-time session (blocking's sample profiler) are
all inside it. Events per request come from the command's own JSON report: a count that does not depend on how busy
the machine is.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AIOTOOLS = os.path.join(ROOT, "cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools")
TARGET = os.path.join(ROOT, "tests/targets/AsyncIoTools.LagTarget/bin/Release/net10.0/AsyncIoTools.LagTarget")
# How often the target's threads are looked at for the session's start and end.
POLL = 0.02
STREAMING_THREAD = ".NET EventPipe"


def tool_command(name, pid, seconds, scratch):
    """The command line of one attached window: a session as long as a detached window."""
    d = f"{seconds:g}s"
    p = str(pid)
    return {
        "lag": ["lag", "-p", p, "-d", d, "--json"],
        "lag-continuous": ["lag", "-p", p, "-d", d, "--continuous", "--json"],
        "blocking": ["blocking", "-p", p, "-d", d, "--json"],
        "hotspots": ["hotspots", "-p", p, "--trace", "-d", d, "--json"],
        # Rules far above what the healthy target shows: the watch's steady cost, not a capture's.
        "watch": ["watch", "-p", p, "-d", d, "-o", os.path.join(scratch, "incidents"), "--p99-over", "10s", "--oldest-over", "10s"],
    }[name]


def coverage_in(name, report):
    """The fraction of the session the command captured per-event (lag samples by default), None when not said."""
    if report is None or not name.startswith("lag"):
        return None
    return report["summary"].get("coverage")


def events_in(name, report):
    """The events the session carried, as the command's JSON report counts them (None when it has no report)."""
    if report is None:
        return None
    if name.startswith("lag"):
        return report["events"]["enqueues"] + report["events"]["dequeues"] + report["events"]["lostEvents"]
    if name == "blocking":
        return report["waitEvents"] + report["profilerSamples"]
    if name == "hotspots":
        return report["events"]
    return None


class Target:
    def __init__(self, concurrency, iterations):
        # A fixed amount of arithmetic per request (not a spin by the clock): pre-empted, a request still costs
        # the same CPU, so the CPU per request moves only with what an observer adds.
        args = ["taskset", "-c", "0", TARGET, "--mode", "none", "--rate", "0", "--concurrency", str(concurrency),
                "--io-delay-ms", "0", "--subscriptions", "0", "--readers", "0", "--work-iterations", str(iterations)]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(self.process.stdout.readline())
        self.pid = ready["pid"]
        self.cgroup = self.account()

    def account(self):
        """
        A cpuacct cgroup of the target's own, when the kernel offers one (root, cgroup v1 cpuacct): nanosecond CPU
        time including threads that have exited (each session's streaming thread does). Otherwise /proc's clock
        ticks, 10 ms each: a few percent of a short window when others share cpu0.
        """
        path = f"/sys/fs/cgroup/cpuacct/aiotools-overhead-{self.pid}"
        try:
            os.mkdir(path)
            with open(os.path.join(path, "cgroup.procs"), "w") as f:
                f.write(str(self.pid))
            return path
        except OSError:
            try:
                os.rmdir(path)
            except OSError:
                pass
            return None

    def completed(self):
        self.process.stdin.write("stats\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["completed"], time.monotonic(), self.cpu_seconds()

    def cpu_seconds(self):
        """The target's user + system CPU time: robust to others sharing cpu0, unlike its throughput."""
        if self.cgroup:
            with open(os.path.join(self.cgroup, "cpuacct.usage")) as f:
                return int(f.read()) / 1e9
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rate(self, seconds):
        """Requests per second over the window, and the target's CPU microseconds per request."""
        first = self.completed()
        time.sleep(seconds)
        return self.between(first, self.completed())

    @staticmethod
    def between(first, second):
        (c0, t0, u0), (c1, t1, u1) = first, second
        return (c1 - c0) / (t1 - t0), (u1 - u0) * 1e6 / max(1, c1 - c0), c1 - c0

    def streaming_threads(self):
        """How many EventPipe threads the target has: the diagnostics server's, plus one per streaming session."""
        count = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/comm") as f:
                    count += f.read().strip() == STREAMING_THREAD
            except FileNotFoundError:
                pass
        return count

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=10)
        if self.cgroup:
            os.rmdir(self.cgroup)


def attached_rate(target, name, seconds, scratch):
    """Rate and CPU per request over the command's whole session, and the events it carried per request."""
    idle = target.streaming_threads()
    tool = subprocess.Popen(["taskset", "-c", "1", AIOTOOLS, *tool_command(name, target.pid, seconds, scratch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while target.streaming_threads() <= idle:
        if tool.poll() is not None:
            raise SystemExit(f"aiotools {name} ended before its session started ({tool.returncode}): {tool.stderr.read()}")
        time.sleep(POLL)
    first = target.completed()
    # Events per request count the requests while the providers were on; a slow reader makes the session's thread
    # outlive them (it drains the buffers after the stop), which the CPU figure keeps but the count must not.
    enabled = None
    while target.streaming_threads() > idle and tool.poll() is None:
        if enabled is None and time.monotonic() - first[1] >= seconds:
            enabled = target.completed()
        time.sleep(POLL)
    last = target.completed()
    rate, cpu, _ = Target.between(first, last)
    requests = (enabled or last)[0] - first[0]
    out, err = tool.communicate(timeout=300)
    if tool.returncode not in (0, 20, 21):
        raise SystemExit(f"aiotools {name} failed ({tool.returncode}): {err}")
    report = json.loads(out) if out.strip().startswith("{") else None
    events = events_in(name, report)
    return rate, cpu, None if events is None else events / max(1, requests), coverage_in(name, report)


def spread(values):
    """The middle and the range of paired ratios, as "+1.2% (-0.3..+2.9)"."""
    m = statistics.median(values)
    return f"{m:+6.1%} ({min(values):+.1%}..{max(values):+.1%})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--window", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--iterations", type=int, default=18000, help="arithmetic per request half (18000: ~100 µs CPU per request here)")
    parser.add_argument("--commands", default="lag,lag-continuous,blocking,hotspots,watch")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    load_before = os.getloadavg()
    target = Target(args.concurrency, args.iterations)
    # The script's own polling stays off the target's core, beside the tool's.
    os.sched_setaffinity(0, {1})
    keys = ["detached", "attached", "detachedCpu", "attachedCpu", "eventsPerRequest", "coverage", "rateCost", "cpuCost"]
    figures = {c: {k: [] for k in keys} for c in commands}
    try:
        time.sleep(5)  # tiering and the pool's thread count settle
        with tempfile.TemporaryDirectory(prefix="aiotools-overhead-") as scratch:
            for trial in range(args.trials):
                for name in commands:
                    # Alternate which window comes first, so a drift in the machine's load does not favour one side;
                    # each trial's pair of adjacent windows gives one ratio, and the ratios' median is the figure.
                    order = ["detached", "attached"] if trial % 2 == 0 else ["attached", "detached"]
                    pair = {}
                    for side in order:
                        if side == "detached":
                            rate, cpu, _ = target.rate(args.window)
                            extra = ""
                        else:
                            rate, cpu, per_request, coverage = attached_rate(target, name, args.window, scratch)
                            extra = ""
                            if per_request is not None:
                                figures[name]["eventsPerRequest"].append(per_request)
                                extra += f" {per_request:8.2f} events/request"
                            if coverage is not None:
                                figures[name]["coverage"].append(coverage)
                                extra += f" coverage {coverage:.0%}"
                        pair[side] = (rate, cpu)
                        figures[name][side].append(rate)
                        figures[name][side + "Cpu"].append(cpu)
                        print(f"trial {trial + 1} {name:15} {side:8} {rate:10,.0f} req/s {cpu:7.1f} µs CPU/request{extra}  load {os.getloadavg()[0]:.2f}", flush=True)
                    figures[name]["rateCost"].append(1 - pair["attached"][0] / pair["detached"][0])
                    figures[name]["cpuCost"].append(pair["attached"][1] / pair["detached"][1] - 1)
    finally:
        target.close()
    load_after = os.getloadavg()
    print()
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"target CPU from {'its cpuacct cgroup (ns)' if target.cgroup else '/proc clock ticks (10 ms)'}")
    print(f"target: AsyncIoTools.LagTarget --mode none --rate 0 --concurrency {args.concurrency} --work-iterations {args.iterations} on cpu0; tool and this script on cpu1")
    print(f"{args.trials} pairs of adjacent {args.window:g} s windows per command; costs are the median of the pairs' ratios (range in brackets)")
    print(f"{'command':15} {'req/s detached':>14} {'attached':>9} {'throughput cost':>26} {'µs/req detached':>16} {'attached':>9} {'CPU/request cost':>26} {'events/req':>10} {'µs/event':>9} {'coverage':>9}")
    summary = {}
    for name in commands:
        f = figures[name]
        d, a = statistics.median(f["detached"]), statistics.median(f["attached"])
        dc, ac = statistics.median(f["detachedCpu"]), statistics.median(f["attachedCpu"])
        epr = statistics.median(f["eventsPerRequest"]) if f["eventsPerRequest"] else None
        cov = statistics.median(f["coverage"]) if f["coverage"] else None
        # What one event costs the target (its writing threads and the session's streaming thread, all on cpu0).
        per_event = (statistics.median(f["cpuCost"]) * dc) / epr if epr else None
        summary[name] = {"detachedMedian": d, "attachedMedian": a, "cost": statistics.median(f["rateCost"]),
                         "cpuPerRequestDetached": dc, "cpuPerRequestAttached": ac, "cpuCost": statistics.median(f["cpuCost"]),
                         "eventsPerRequestMedian": epr, "microsPerEvent": per_event, "coverageMedian": cov, **f}
        print(f"{name:15} {d:14,.0f} {a:9,.0f} {spread(f['rateCost']):>26} {dc:16.1f} {ac:9.1f} {spread(f['cpuCost']):>26} "
              f"{'-' if epr is None else f'{epr:.2f}':>10} {'-' if per_event is None else f'{per_event:.2f}':>9} {'-' if cov is None else f'{cov:.0%}':>9}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"loadBefore": load_before, "loadAfter": load_after, "window": args.window, "trials": args.trials,
                       "iterations": args.iterations, "commands": summary}, out, indent=2)


if __name__ == "__main__":
    main()
