#!/usr/bin/env bash
# Calibrates `aiotools load` against ground truth (issue 16, item 6): a server that answers exactly D late (1 ms,
# 10 ms), a server that stalls 100 ms every second (the coordinated-omission gap), and wrk on the same nginx.
# Prints the figures and ends in one table: each check, its target, what was measured, pass/FAIL. Exit 0 when every
# check passes, 1 otherwise; the report goes to results/calibration-*.md and .json as well.
#
#   benchmarks/scripts/calibrate-load.sh [--trials 3] [--seconds 5] [--only delay,stall,throughput] [--baseline AIOTOOLS]
#
# Timing on a shared machine is noise: run it when nothing else runs (it prints the load average).
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in wrk nginx taskset python3 gcc; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nginx util-linux python3 gcc liburing-dev)" >&2; exit 2; }
done

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
benchmarks/peers/build.sh
exec python3 benchmarks/scripts/calibrate_load.py "$@"
