"""
Attached-vs-detached throughput of a saturated .NET target for each diagnostics command (see diagnostics-overhead.sh),
and the target's CPU time per request in the same windows: on a shared machine others take cpu0 too, which moves
throughput but not the CPU a request costs the target, so the CPU figure is the steadier measure of our cost.
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
# Seconds a session takes to set up before its window opens (attach, session start, first buffers).
SETTLE = 3.0


def tool_command(name, pid, seconds, scratch):
    """The command line of one attached window: the session outlasts the window by the settle time and a margin."""
    d = f"{int(seconds + SETTLE + 2)}s"
    p = str(pid)
    return {
        "lag": ["lag", "-p", p, "-d", d, "--json"],
        "blocking": ["blocking", "-p", p, "-d", d, "--json"],
        "hotspots": ["hotspots", "-p", p, "--trace", "-d", d, "--json"],
        # Rules far above what the healthy target shows: the watch's steady cost, not a capture's.
        "watch": ["watch", "-p", p, "-d", d, "-o", os.path.join(scratch, "incidents"), "--p99-over", "10s", "--oldest-over", "10s"],
    }[name]


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
        c0, t0, u0 = self.completed()
        time.sleep(seconds)
        c1, t1, u1 = self.completed()
        return (c1 - c0) / (t1 - t0), (u1 - u0) * 1e6 / max(1, c1 - c0)

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=10)


def attached_rate(target, name, seconds, scratch):
    tool = subprocess.Popen(["taskset", "-c", "1", AIOTOOLS, *tool_command(name, target.pid, seconds, scratch)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(SETTLE)
    if tool.poll() is not None:
        raise SystemExit(f"aiotools {name} ended early ({tool.returncode}): {tool.stderr.read()}")
    rate = target.rate(seconds)
    _, err = tool.communicate(timeout=120)
    if tool.returncode not in (0, 20, 21):
        raise SystemExit(f"aiotools {name} failed ({tool.returncode}): {err}")
    return rate


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
    figures = {c: {"detached": [], "attached": [], "detachedCpu": [], "attachedCpu": []} for c in commands}
    try:
        time.sleep(5)  # tiering and the pool's thread count settle
        with tempfile.TemporaryDirectory(prefix="aiotools-overhead-") as scratch:
            for trial in range(args.trials):
                for name in commands:
                    # Alternate which window comes first, so a drift in the machine's load does not favour one side.
                    order = ["detached", "attached"] if trial % 2 == 0 else ["attached", "detached"]
                    for side in order:
                        rate, cpu = target.rate(args.window) if side == "detached" else attached_rate(target, name, args.window, scratch)
                        figures[name][side].append(rate)
                        figures[name][side + "Cpu"].append(cpu)
                        print(f"trial {trial + 1} {name:9} {side:8} {rate:12,.0f} req/s {cpu:8.1f} µs CPU/request", flush=True)
    finally:
        target.close()
    load_after = os.getloadavg()
    print()
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"{'command':10} {'detached req/s':>15} {'attached req/s':>15} {'cost':>7} {'µs/req detached':>16} {'attached':>9} {'cost':>7}   (medians of {args.trials} windows of {args.window:g} s; target cpu0, tool cpu1)")
    summary = {}
    for name in commands:
        d = statistics.median(figures[name]["detached"])
        a = statistics.median(figures[name]["attached"])
        cost = 1 - a / d
        dc = statistics.median(figures[name]["detachedCpu"])
        ac = statistics.median(figures[name]["attachedCpu"])
        cpu_cost = ac / dc - 1
        summary[name] = {"detachedMedian": d, "attachedMedian": a, "cost": cost, "cpuPerRequestDetached": dc, "cpuPerRequestAttached": ac, "cpuCost": cpu_cost, **figures[name]}
        print(f"{name:10} {d:15,.0f} {a:15,.0f} {cost:7.1%} {dc:16.1f} {ac:9.1f} {cpu_cost:7.1%}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"loadBefore": load_before, "loadAfter": load_after, "window": args.window, "trials": args.trials, "commands": summary}, f, indent=2)


if __name__ == "__main__":
    main()
