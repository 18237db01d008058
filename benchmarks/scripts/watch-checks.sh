#!/usr/bin/env bash
# Issue 18's must-show checks, run by hand (not in CI: one takes a minute of healthy watching):
#   1. a target healthy for 10 s that then blocks its pool threads (sync over async) without restarting: the watch
#      fires within the rule's window + 5 s of the switch, and the incident's first line names the blocking method;
#   2. the same target left healthy for 60 s: no incident;
#   3. the one-shot diagnosis of three targets (healthy, sleeping on pool threads, sync over async): verdicts and
#      exit codes (0 healthy, 21 lagging or starved).
# The throughput watched vs not is diagnostics-overhead.sh --commands watch. Exit 0 when every check passes.
#
#   benchmarks/scripts/watch-checks.sh [--healthy-seconds 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
dotnet build tests/targets/AsyncIoTools.LagTarget -c Release --nologo -v quiet >&2
exec python3 benchmarks/scripts/watch_checks.py "$@"
