#!/usr/bin/env bash
# Whether a network setting changes the file and peer tables: net.core.netdev_max_backlog (the per-CPU input backlog
# loopback delivers through) by default, or loopback's RPS mask (lo.rps_cpus). Every trial runs each setting,
# interleaved; softnet drops, retransmissions, RTO timeouts, loss probes, SACK reordering, D-SACKs and listen-queue
# overflows per run; medians; every setting put back at the end. Needs root.
#
#   benchmarks/scripts/network-ab.sh [--settings net.core.netdev_max_backlog=1000,net.core.netdev_max_backlog=65536]
#       [--trials 3] [--seconds 5] [--rows c100,c1000,c10000]
#       [--file-servers c-readwrite,c-sendfile,epoll-readwrite,epoll-sendfile] [--peer-servers c-epoll,epoll,c-io_uring,io_uring]
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in wrk taskset python3 gcc; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk util-linux python3 gcc liburing-dev)" >&2; exit 2; }
done

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
benchmarks/peers/build.sh
exec python3 benchmarks/scripts/network_ab.py "$@"
