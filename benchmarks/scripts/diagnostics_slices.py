"""
What one diagnostics session does to a saturated target moment by moment (issue 16 item 5): the target's requests
and CPU in short slices while a command runs, each slice marked with how many EventPipe sessions were streaming,
so a session's start and stop (sampled lag's bursts) show as dips or CPU per request spikes around the edges.

    python3 benchmarks/scripts/diagnostics_slices.py [--command lag] [--seconds 6] [--slice 0.1]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ left beside the scripts
import diagnostics_overhead as overhead  # noqa: E402


def thread_ticks(pid):
    """Each thread's user + system clock ticks (10 ms), by (tid, name): who spends the CPU of a costly slice."""
    ticks = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
            fields = rest.split()
            ticks[(task, head.split("(", 1)[1])] = int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return ticks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--command", default="lag")
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--slice", type=float, default=0.1)
    parser.add_argument("--iterations", type=int, default=18000)
    parser.add_argument("--warmups", type=int, default=1, help="sessions run first, not shown (0: the first session in the target's life, its JIT work included)")
    args = parser.parse_args()
    target = overhead.Target(64, args.iterations)
    os.sched_setaffinity(0, {1})
    try:
        time.sleep(5)
        for _ in range(args.warmups):
            # Sessions first, not shown: the code a session runs in the target is JIT-compiled, and promoted to
            # tier 1 once called often enough, over its first sessions only.
            subprocess.run(["taskset", "-c", "1", overhead.AIOTOOLS, *overhead.tool_command(args.command, target.pid, 1, "/tmp")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            time.sleep(1)
        idle = target.streaming_threads()
        tool = subprocess.Popen(["taskset", "-c", "1", overhead.AIOTOOLS, *overhead.tool_command(args.command, target.pid, args.seconds, "/tmp")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows = []
        threads = thread_ticks(target.pid)
        last = target.completed()
        start = last[1]
        while tool.poll() is None or time.monotonic() - start < args.seconds + 2:
            time.sleep(args.slice)
            now = target.completed()
            rate, cpu, _ = overhead.Target.between(last, now)
            ticks = thread_ticks(target.pid)
            busiest = sorted(((v - threads.get(k, 0), k[1]) for k, v in ticks.items()), reverse=True)[:3]
            threads = ticks
            rows.append((now[1] - start, rate, cpu, target.streaming_threads() - idle, busiest))
            last = now
        tool.wait()
    finally:
        target.close()
    on = [r for r in rows if r[3] > 0]
    off = [r for r in rows if r[3] == 0]
    for t, rate, cpu, sessions, busiest in rows:
        names = ", ".join(f"{name} {ms * 10} ms" for ms, name in busiest if ms)
        print(f"{t:6.2f} s {rate:9,.0f} req/s {cpu:7.1f} µs/req sessions {sessions} {'#' * int(rate / 500):26} {names}")
    for label, part in (("streaming", on), ("not streaming", off)):
        if part:
            print(f"{label:14} slices {len(part):3}  median {statistics.median(r[1] for r in part):9,.0f} req/s {statistics.median(r[2] for r in part):6.1f} µs/req")


if __name__ == "__main__":
    main()
