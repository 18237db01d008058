"""
Attached-vs-detached throughput of a saturated .NET target for each diagnostics command (see diagnostics-overhead.sh),
and the target's CPU time per request in the same windows: on a shared machine others take cpu0 too, which moves
throughput but not the CPU a request costs the target, so the CPU figure is the steadier measure of our cost.

An attached window is the command's whole session as the target sees it: from the moment the runtime starts the
session's streaming thread (".NET EventPipe", one more than the diagnostics server's own) to the moment the last
such thread is gone, so the session's start, its rundown and any part-time session (blocking's sample profiler) are
all inside it. Events per request come from the command's own JSON report: a count that does not depend on how busy
the machine is.

Each attached window is compared with the detached windows on both sides of it (D A D A D ...: a drift in the
machine's load cancels), and the figure per command is the median of those ratios with a distribution-free
confidence interval (order statistics of the median, at least 90%): a cost is told from 0 when its interval is
clear of 0. Two controls check the method: "none" (an attached window with nothing attached: the interval must hold
0) and "spin" (a busy loop on cpu1, the tool's core: what the tool's own CPU does to the target).
"""
import argparse
import json
import math
import os
import signal
import statistics
import subprocess
import sys
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
        "blocking": ["blocking", "-p", p, "-d", d, "--json"],
        "hotspots": ["hotspots", "-p", p, "--trace", "-d", d, "--json"],
        # Rules far above what the healthy target shows: the watch's steady cost, not a capture's.
        "watch": ["watch", "-p", p, "-d", d, "-o", os.path.join(scratch, "incidents"), "--p99-over", "10s", "--oldest-over", "10s"],
    }[name]


def events_in(name, report):
    """The events the session carried, as the command's JSON report counts them (None when it has no report)."""
    if report is None:
        return None
    if name == "lag":
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


CONTROLS = ("none", "spin")


def control_rate(target, name, seconds):
    """A control window: nothing attached ("none"), or a busy loop on cpu1 where the tool runs ("spin")."""
    if name == "none":
        return target.rate(seconds) + (None,)
    spin = subprocess.Popen(["taskset", "-c", "1", "python3", "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        return target.rate(seconds) + (None,)
    finally:
        spin.kill()
        spin.wait()


def attached_rate(target, name, seconds, scratch):
    """Rate and CPU per request over the command's whole session, and the events it carried per request."""
    if name in CONTROLS:
        rate, cpu, _, _ = control_rate(target, name, seconds)
        return rate, cpu, None
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
    # Until the tool exits, not until the first session's thread goes: a sampled session has gaps between windows.
    enabled = None
    while tool.poll() is None:
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
    return rate, cpu, None if events is None else events / max(1, requests)


def median_interval(values, level=0.90):
    """
    A distribution-free confidence interval of the median: the k-th smallest and k-th largest value, k the largest
    for which the binomial(n, 1/2) tails outside them leave at least `level`; with under 5 values, the range.
    """
    ordered = sorted(values)
    n = len(ordered)
    k = 0
    while True:
        outside = 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
        if 1 - outside < level:
            break
        k += 1
    if k == 0:
        return ordered[0], ordered[-1], 1 - 2 / 2 ** n
    return ordered[k - 1], ordered[n - k], 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n


def spread(values):
    """The median and its confidence interval, as "+1.2% [-0.3..+2.9]"."""
    low, high, _ = median_interval(values)
    return f"{statistics.median(values):+6.1%} [{low:+.1%}..{high:+.1%}]"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--window", type=float, default=8.0, help="seconds per window; an attached window is one session this long")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--iterations", type=int, default=18000, help="arithmetic per request half (18000: ~80 µs CPU per request here)")
    parser.add_argument("--commands", default="lag,blocking,hotspots", help="of lag, blocking, hotspots, watch, and the controls none, spin")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    # Stopped (timeout, kill), the run still ends its target and removes the target's cgroup.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load_before = os.getloadavg()
    loads = []
    target = Target(args.concurrency, args.iterations)
    # The script's own polling stays off the target's core, beside the tool's.
    os.sched_setaffinity(0, {1})
    keys = ["detached", "attached", "detachedCpu", "attachedCpu", "eventsPerRequest", "rateCost", "cpuCost"]
    figures = {c: {k: [] for k in keys} for c in commands}
    try:
        time.sleep(5)  # tiering and the pool's thread count settle
        with tempfile.TemporaryDirectory(prefix="aiotools-overhead-") as scratch:
            # One session of each command first, not counted: the target JITs the code paths a session turns on
            # (tens of milliseconds on its tiering thread) once in its life, not at every attach.
            for name in commands:
                attached_rate(target, name, 1.0, scratch)
            before = target.rate(args.window)
            for trial in range(args.trials):
                # A different order each trial, so no command always follows the same one.
                order = commands[trial % len(commands):] + commands[:trial % len(commands)]
                for name in order:
                    rate, cpu, per_request = attached_rate(target, name, args.window, scratch)
                    after = target.rate(args.window)
                    load = os.getloadavg()[0]
                    loads.append(load)
                    f = figures[name]
                    detached_rate = (before[0] + after[0]) / 2
                    detached_cpu = (before[1] + after[1]) / 2
                    f["detached"].append(detached_rate)
                    f["attached"].append(rate)
                    f["detachedCpu"].append(detached_cpu)
                    f["attachedCpu"].append(cpu)
                    f["rateCost"].append(1 - rate / detached_rate)
                    f["cpuCost"].append(cpu / detached_cpu - 1)
                    extra = ""
                    if per_request is not None:
                        f["eventsPerRequest"].append(per_request)
                        extra = f" {per_request:8.2f} events/request"
                    print(f"trial {trial + 1} {name:9} attached {rate:8,.0f} req/s {cpu:6.1f} µs/req; detached around it "
                          f"{detached_rate:8,.0f} req/s {detached_cpu:6.1f} µs/req{extra}  load {load:.2f}", flush=True)
                    before = after
    finally:
        target.close()
    load_after = os.getloadavg()
    low, high, coverage = median_interval(list(range(args.trials)))
    print()
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; during (1 min) median {statistics.median(loads):.2f}, "
          f"max {max(loads):.2f}; after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"target CPU from {'its cpuacct cgroup (ns)' if target.cgroup else '/proc clock ticks (10 ms)'}")
    print(f"target: AsyncIoTools.LagTarget --mode none --rate 0 --concurrency {args.concurrency} --work-iterations {args.iterations} on cpu0; tool and this script on cpu1")
    print(f"{args.trials} attached {args.window:g} s windows per command, each against the mean of the detached windows on its two sides; "
          f"cost = median of those ratios [{coverage:.0%} confidence interval of the median]")
    print(f"{'command':9} {'req/s detached':>14} {'attached':>9} {'throughput cost':>26} {'µs/req detached':>16} {'attached':>9} {'CPU/request cost':>26} {'events/req':>10} {'µs/event':>9}")
    summary = {}
    for name in commands:
        f = figures[name]
        d, a = statistics.median(f["detached"]), statistics.median(f["attached"])
        dc, ac = statistics.median(f["detachedCpu"]), statistics.median(f["attachedCpu"])
        epr = statistics.median(f["eventsPerRequest"]) if f["eventsPerRequest"] else None
        # What one event costs the target (its writing threads and the session's streaming thread, all on cpu0).
        per_event = (statistics.median(f["cpuCost"]) * dc) / epr if epr else None
        rate_low, rate_high, _ = median_interval(f["rateCost"])
        cpu_low, cpu_high, _ = median_interval(f["cpuCost"])
        summary[name] = {"detachedMedian": d, "attachedMedian": a, "cost": statistics.median(f["rateCost"]), "costInterval": [rate_low, rate_high],
                         "cpuPerRequestDetached": dc, "cpuPerRequestAttached": ac, "cpuCost": statistics.median(f["cpuCost"]), "cpuCostInterval": [cpu_low, cpu_high],
                         "eventsPerRequestMedian": epr, "microsPerEvent": per_event, **f}
        print(f"{name:9} {d:14,.0f} {a:9,.0f} {spread(f['rateCost']):>26} {dc:16.1f} {ac:9.1f} {spread(f['cpuCost']):>26} "
              f"{'-' if epr is None else f'{epr:.2f}':>10} {'-' if per_event is None else f'{per_event:.2f}':>9}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"loadBefore": load_before, "loadAfter": load_after, "loads": loads, "window": args.window, "trials": args.trials,
                       "iterations": args.iterations, "commands": summary}, out, indent=2)


if __name__ == "__main__":
    main()
