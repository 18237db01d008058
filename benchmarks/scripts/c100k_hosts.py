"""c100k with JIT and NativeAOT children, interleaved; see c100k-hosts.sh."""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

AIOTOOLS = os.path.abspath("cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools")


def seconds(text):
    """A .NET TimeSpan as JSON writes it ("00:00:09.5123456") in seconds."""
    hours, minutes, rest = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def bench(program, host, args, out):
    command = [program, "bench", "--scenario", args.scenario, "--engine", args.engine, "--trials", "1",
               "--duration", f"{args.seconds}s", "--warmup", "0s", "--out", out, "--format", "json"]
    if host == "native":
        command += ["--child-host", "native", "--native-host", os.path.abspath(args.native)]
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    files = sorted(glob.glob(os.path.join(out, "*.json")))
    if not files:
        sys.exit(f"{host}: bench wrote no result (exit {done.returncode}): {done.stderr.strip()[-400:]}")
    run = json.load(open(files[-1], encoding="utf-8"))["runs"][0]
    if str(run.get("status")).lower() != "completed" or "ramp" not in run:
        # A failed run records no ramp: said, and left out of the medians, so one bad round does not lose the rest.
        print(f"{host}: {run.get('status')}: {run.get('reason')}", file=sys.stderr, flush=True)
        return None
    ramp, memory = run["ramp"], run["memory"]
    return {
        "ramp s": seconds(ramp["elapsed"]),
        "slowest load process s": seconds(ramp["slowestProcess"]) if "slowestProcess" in ramp else None,
        "load processes' start-up s": seconds(ramp["loadStartup"]) if "loadStartup" in ramp else None,
        # Comparable with a build from before the start-up was left out of the ramp (--before), whose ramp holds it.
        "ramp + start-up s": seconds(ramp["elapsed"]) + (seconds(ramp["loadStartup"]) if "loadStartup" in ramp else 0),
        "connected": ramp["connected"],
        "listen drops": ramp.get("listenDrops"),
        "SYN retransmits": ramp.get("synRetransmits"),
        "server RSS before connections MB": memory["idleRssBytes"] / 1e6,
        "server PSS before connections MB": memory["idlePssBytes"] / 1e6 if memory.get("idlePssBytes") is not None else None,
        "server RSS per connection B": memory["rssBytesPerConnection"],
        "load processes RSS MB": ramp["loadRssBytes"] / 1e6 if "loadRssBytes" in ramp else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", default="io_uring")
    parser.add_argument("--scenario", default="c100k", help="c100k (all send) or c100k-idle (1,000 of them send)")
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--native", default="artifacts/native", help="the NativeAOT host's folder (publish-native.sh)")
    parser.add_argument("--before", help="another build's aiotools (e.g. main's), run with its own (JIT) children")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.native, "aiotools")):
        sys.exit(f"no native host in {args.native}: run benchmarks/scripts/publish-native.sh {args.native}")

    hosts = ([("before (jit)", args.before, "jit")] if args.before else []) + [("jit", AIOTOOLS, "jit"), ("native", AIOTOOLS, "native")]
    load_before = os.getloadavg()
    figures = {name: [] for name, _, _ in hosts}
    with tempfile.TemporaryDirectory(prefix="c100k-") as folder:
        for round_ in range(args.rounds):
            for name, program, host in hosts:
                figures[name].append(bench(program, host, args, os.path.join(folder, f"{round_}-{host}-{len(figures[name])}-{name[0]}")))
    load_after = os.getloadavg()

    completed = [f for runs in figures.values() for f in runs if f is not None]
    if not completed:
        sys.exit("no run completed")
    keys = list(completed[0].keys())
    print(f"{args.scenario}, engine {args.engine}, medians of {args.rounds} interleaved round(s); load average {load_before[0]:.1f} before, {load_after[0]:.1f} after\n")
    print("| figure | " + " | ".join(name for name, _, _ in hosts) + " |")
    print("|---|" + "---|" * len(hosts))
    for key in keys:
        cells = []
        for name, _, _ in hosts:
            values = [f[key] for f in figures[name] if f is not None and f[key] is not None]
            cells.append(f"{statistics.median(values):,.1f}" if values else "n/a")
        print(f"| {key} | " + " | ".join(cells) + " |")
    print("| runs completed | " + " | ".join(f"{sum(f is not None for f in figures[name])}/{args.rounds}" for name, _, _ in hosts) + " |")


if __name__ == "__main__":
    main()
