#!/usr/bin/env bash
# Issue 16 item 3 in one command: `aiotools bench --scenario c100k` with JIT children and with NativeAOT children
# (server workers and load processes from benchmarks/scripts/publish-native.sh's host), interleaved round by round,
# and optionally another build's bench (--before, e.g. main's, whose children are always JIT). Prints per host the
# medians of: the ramp (and its slowest load process, the load processes' start-up before it, the two together, as a
# build from before 2026-12-05 measured its ramp, listen drops, SYN retransmits), the server's RSS over all its
# workers before any connection (and its PSS, shared pages counted once), its RSS growth per connection, and the load
# processes' RSS.
#
#   benchmarks/scripts/c100k-hosts.sh [--rounds 3] [--scenario c100k|c100k-idle] [--engine io_uring] [--seconds 2] [--native artifacts/native]
#       [--before PATH/aiotools]
#
# The bench pins the server to CPU 0 and the load processes to CPU 1 itself. This machine is shared: the table
# gives the load average before and after; quote figures from a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 2; }
dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
exec python3 benchmarks/scripts/c100k_hosts.py "$@"
