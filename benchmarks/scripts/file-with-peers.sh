#!/usr/bin/env bash
# The file-64m table of issue 16 with its ground truth in the same run: read/write, sendfile and splice served by
# the C anchor (benchmarks/peers/file-server.c), by aiotools epoll and by aiotools io_uring (read/write, splice
# through the ring, SEND_ZC), every server pinned to CPU 0, our load generator on CPU 1, interleaved trials, medians
# (a ratio: the median of its per-trial ratios).
#
#   benchmarks/scripts/file-with-peers.sh [--trials 5] [--seconds 5] [--warmup 3] [--file-mib 64] [--servers ...]
#       [--before PATH/aiotools]   (another build, e.g. main's: its epoll and io_uring rows too, A/B in one run)
#
# Prints a markdown table (MiB/s, server CPU µs per MiB, spread over trials, TCP retransmissions) and the ratios
# item 4 of the issue sets, and writes it with a JSON file under results/. This machine is shared: the table gives
# the load average and what other processes used; run it when nothing else runs for figures to quote.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in taskset python3 gcc; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install util-linux python3 gcc liburing-dev)" >&2; exit 2; }
done

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
benchmarks/peers/build.sh
exec python3 benchmarks/scripts/file_with_peers.py "$@"
