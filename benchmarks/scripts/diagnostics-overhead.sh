#!/usr/bin/env bash
# What a live diagnostics session costs a saturated target (issue 16 item 5, issue 18's "watched vs not"): the lag
# target in closed loop (a fixed amount of arithmetic per request) pinned to cpu0, each command pinned to cpu1,
# throughput and the target's CPU per request in alternating windows (detached, attached, detached, ...) in one run,
# an attached window being the whole session as the target sees it; the events each session carried per request
# (from the command's report: independent of how busy the machine is); per command the median cost with its
# confidence interval, and the load average. About 9 minutes with the defaults; the controls "none" (nothing
# attached) and "spin" (a busy loop on cpu1) check the method.
#
#   benchmarks/scripts/diagnostics-overhead.sh [--trials 8] [--window 8] [--iterations 18000] [--commands lag,blocking,hotspots,watch,none,spin]
#
# Where a session's cost goes, slice by slice (its start, its stop, the target's threads):
#   python3 benchmarks/scripts/diagnostics_slices.py --command lag
#
# Not run in CI (it measures speed); the machine is shared, so read the load average it prints.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v taskset >/dev/null || { echo "needs taskset (apt-get install util-linux)" >&2; exit 2; }
dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
dotnet build tests/targets/AsyncIoTools.LagTarget -c Release --nologo -v quiet >&2
exec python3 benchmarks/scripts/diagnostics_overhead.py "$@"
