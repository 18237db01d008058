"""Issue 18's must-show checks for watch and diagnose (see watch-checks.sh)."""
import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AIOTOOLS = os.path.join(ROOT, "cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools")
TARGET = os.path.join(ROOT, "tests/targets/AsyncIoTools.LagTarget/bin/Release/net10.0/AsyncIoTools.LagTarget")
RULE_WINDOW = 3.0  # watch's default --for
BLOCKING_METHOD = "InventoryClient.GetStockSync"


def start_target(*args):
    process = subprocess.Popen([TARGET, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    ready = json.loads(process.stdout.readline())
    return process, ready["pid"]


def stop(process):
    if process.poll() is None:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def check_fires(scratch):
    target, pid = start_target("--mode", "none", "--then", "sync-over-async", "--switch-after-ms", "10000")
    switched = {}

    def read_target():
        for line in target.stdout:
            event = json.loads(line)
            if event.get("event") == "switched":
                switched["at"] = parse_time(event["at"])

    threading.Thread(target=read_target, daemon=True).start()
    out = os.path.join(scratch, "fires")
    watch = subprocess.Popen([AIOTOOLS, "watch", "-p", str(pid), "-o", out, "--capture", "3s", "--json", "-d", "60s"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = watch.stdout.readline()
        incident = json.loads(line)
        watch.send_signal(signal.SIGINT)
        watch.wait(timeout=60)
    finally:
        stop(target)
    delay = parse_time(incident["triggeredAt"]) - switched["at"]
    with open(incident["report"]) as f:
        first = f.readline().rstrip()
    ok = delay <= RULE_WINDOW + 5 and BLOCKING_METHOD in first
    print(f"1. fires: switched to sync-over-async, incident triggered {delay:.1f} s later (limit {RULE_WINDOW + 5:.0f} s) by rule '{incident['rule']}'")
    print(f"   first line: {first}")
    print(f"   files: {sorted(os.listdir(os.path.dirname(incident['report'])))}; watch exit after Ctrl+C: {watch.returncode}")
    print(f"   {'PASS' if ok else 'FAIL'}")
    return ok


def check_quiet(scratch, seconds):
    target, pid = start_target("--mode", "none")
    out = os.path.join(scratch, "quiet")
    try:
        result = subprocess.run([AIOTOOLS, "watch", "-p", str(pid), "-o", out, "-d", f"{seconds}s", "--json"], capture_output=True, text=True, timeout=seconds + 120)
    finally:
        stop(target)
    incidents = [l for l in result.stdout.splitlines() if l.strip()]
    written = [d for d in os.listdir(out)] if os.path.isdir(out) else []
    ok = result.returncode == 0 and not incidents and not written
    print(f"2. healthy {seconds} s: {len(incidents)} incident(s), {len(written)} folder(s) written, exit {result.returncode}: {'PASS' if ok else 'FAIL'}")
    return ok


def check_diagnose():
    ok = True
    print("3. diagnose -d 10s:")
    for mode, expected in (("none", 0), ("heavy-sleep", 21), ("sync-over-async", 21)):
        target, pid = start_target("--mode", mode)
        try:
            result = subprocess.run([AIOTOOLS, "diagnose", "-p", str(pid), "-d", "10s"], capture_output=True, text=True, timeout=180)
        finally:
            stop(target)
        verdict = result.stdout.splitlines()[0] if result.stdout else result.stderr.strip()
        passed = result.returncode == expected
        ok &= passed
        print(f"   {mode:16} exit {result.returncode} (expected {expected}) {'PASS' if passed else 'FAIL'}: {verdict}")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--healthy-seconds", type=int, default=60)
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="aiotools-watch-checks-") as scratch:
        results = [check_fires(scratch), check_quiet(scratch, args.healthy_seconds), check_diagnose()]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
