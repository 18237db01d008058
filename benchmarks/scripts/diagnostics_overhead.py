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
    def __init__(self, concurrency):
        args = ["taskset", "-c", "0", TARGET, "--mode", "none", "--rate", "0", "--concurrency", str(concurrency),
                "--io-delay-ms", "0", "--subscriptions", "0", "--readers", "0"]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(self.process.stdout.readline())
        self.pid = ready["pid"]

    def completed(self):
        self.process.stdin.write("stats\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["completed"], time.monotonic(), self.cpu_seconds()

    def cpu_seconds(self):
        """The target's user + system CPU time: robust to others sharing cpu0, unlike its throughput."""
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
    events = events_in(name, json.loads(out) if out.strip().startswith("{") else None)
    return rate, cpu, None if events is None else events / max(1, requests)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--window", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--commands", default="lag,blocking,hotspots,watch")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    load_before = os.getloadavg()
    target = Target(args.concurrency)
    # The script's own polling stays off the target's core.
    os.sched_setaffinity(0, {1})
    figures = {c: {"detached": [], "attached": [], "detachedCpu": [], "attachedCpu": [], "eventsPerRequest": []} for c in commands}
    try:
        time.sleep(5)  # tiering and the pool's thread count settle
        with tempfile.TemporaryDirectory(prefix="aiotools-overhead-") as scratch:
            for trial in range(args.trials):
                for name in commands:
                    # Alternate which window comes first, so a drift in the machine's load does not favour one side.
                    order = ["detached", "attached"] if trial % 2 == 0 else ["attached", "detached"]
                    for side in order:
                        if side == "detached":
                            rate, cpu, _ = target.rate(args.window)
                            events = ""
                        else:
                            rate, cpu, per_request = attached_rate(target, name, args.window, scratch)
                            if per_request is not None:
                                figures[name]["eventsPerRequest"].append(per_request)
                                events = f" {per_request:8.2f} events/request"
                            else:
                                events = ""
                        figures[name][side].append(rate)
                        figures[name][side + "Cpu"].append(cpu)
                        print(f"trial {trial + 1} {name:9} {side:8} {rate:12,.0f} req/s {cpu:8.1f} µs CPU/request{events}  load {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        target.close()
    load_after = os.getloadavg()
    print()
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"{'command':10} {'detached req/s':>15} {'attached req/s':>15} {'cost':>7} {'µs/req detached':>16} {'attached':>9} {'cost':>7} {'events/req':>11}   (medians of {args.trials} windows of {args.window:g} s; target cpu0, tool cpu1)")
    summary = {}
    for name in commands:
        d = statistics.median(figures[name]["detached"])
        a = statistics.median(figures[name]["attached"])
        cost = 1 - a / d
        dc = statistics.median(figures[name]["detachedCpu"])
        ac = statistics.median(figures[name]["attachedCpu"])
        cpu_cost = ac / dc - 1
        epr = statistics.median(figures[name]["eventsPerRequest"]) if figures[name]["eventsPerRequest"] else None
        summary[name] = {"detachedMedian": d, "attachedMedian": a, "cost": cost, "cpuPerRequestDetached": dc, "cpuPerRequestAttached": ac, "cpuCost": cpu_cost, "eventsPerRequestMedian": epr, **figures[name]}
        print(f"{name:10} {d:15,.0f} {a:15,.0f} {cost:7.1%} {dc:16.1f} {ac:9.1f} {cpu_cost:7.1%} {'-' if epr is None else f'{epr:.2f}':>11}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"loadBefore": load_before, "loadAfter": load_after, "window": args.window, "trials": args.trials, "commands": summary}, f, indent=2)


if __name__ == "__main__":
    main()
