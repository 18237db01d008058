#!/usr/bin/env bash
# Measures aiotools against its peers on this machine (issue 16): nginx, our C twins of the epoll and io_uring
# engines, Kestrel, and our epoll, io_uring and dotnet engines, every server pinned to CPU 0 and the client to CPU 1.
#
#   benchmarks/scripts/compare-with-peers.sh [table] [--trials 3] [--seconds 5] [--rows c100,...] [--servers ...]
#       server CPU µs per request and p99 at 100, 1,000, 10,000 connections (wrk -t1) and pipelined ×16 at 1,000
#       (h2load --h1 -m16), 10,000 at one constant rate for every server (aiotools load -R, --rate 20000: wrk -t1
#       is the bottleneck at 10,000), interleaved trials, medians; the ratios the issue sets targets for (each the
#       median of its per-trial ratios); a markdown table and a JSON file under results/. .NET servers are warmed
#       up until the JIT's tiering worker is quiet (--warmup-cap 30 s at most); --before PATH adds another build's
#       epoll and io_uring columns (hot-path A/B);
#       --servers io_uring+TieredPGO=0 runs a server with DOTNET_TieredPGO=0, io_uring+fixed warms it up without
#       waiting for the tiering worker.
#   benchmarks/scripts/compare-with-peers.sh errors [--seconds 5]
#       wrk and h2load -m16 against every peer and every engine variant available here: errors must be zero.
#
# This machine is shared: the table prints the load average before and after and what other processes used of the
# CPUs during each run. Run it when nothing else runs for figures to quote.
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in wrk h2load nginx taskset python3 gcc; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nghttp2-client nginx util-linux python3 gcc liburing-dev)" >&2; exit 2; }
done

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
benchmarks/peers/build.sh
exec python3 benchmarks/scripts/compare_with_peers.py "$@"
