#!/usr/bin/env bash
# Issue 14's leak check over a long run: CYCLES connect / request / close cycles against each engine (ab without
# keep-alive: HTTP/1.0, so the server closes each connection after its answer), the server's resident memory,
# kernel objects (descriptors that are not files: sockets, pipes, rings) and threads read after the first 10% of
# the cycles and again at the end. A server that leaks per connection grows; one that does not stays within a few
# percent of where it was after the first tenth. Server pinned to CPU 0, ab to CPU 1.
# AIOTOOLS=path runs another build (say, main's) the same way, to compare before and after a change. iocp runs under
# Wine when tests/wine/prepare.sh has been run (eval its output first): slow, a behaviour check.
#
#   benchmarks/scripts/churn-rss.sh [CYCLES] [ENGINES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/scripts/serve-engine.sh

cycles="${1:-1000000}"
if (($# > 1)); then shift; engines=("$@"); else engines=(select poll epoll io_uring threads dotnet); fi
for tool in ab taskset; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install apache2-utils util-linux)" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)"
if [[ -z "${AIOTOOLS:-}" ]]; then
  dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
  AIOTOOLS="$PWD/cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools"
fi
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
threads() { ls "/proc/$1/task" | wc -l; }
kernel_objects() { local n=0 fd; for fd in /proc/"$1"/fd/*; do [[ "$(readlink "$fd")" == /* ]] || n=$((n + 1)); done; echo "$n"; }
run_ab() { taskset -c 1 ab -q -r -s 30 -n "$2" -c 32 "$1" 2>&1 | awk '/^Complete requests/ { c = $3 } /^Failed requests/ { f = $3 } /^Requests per second/ { r = $4 } END { printf "%s %s %.0f ", c, f, r }'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $cycles cycles per engine; $AIOTOOLS"
printf '%-10s %12s %12s %8s %14s %14s %12s %12s  %s\n' engine rss@10%_KiB rss@end_KiB ratio objects@10% objects@end threads@10% threads@end "ab (done failed req/s)"
for engine in "${engines[@]}"; do
  start_engine "$engine" "$AIOTOOLS" "$work/serve.out" "$work/serve.err" || continue
  launcher=$server_pid url=$server_url
  # Under Wine the server is the Windows process Wine started, not the launcher: the process listening on the port.
  pid=$launcher
  if [[ $engine == iocp ]]; then pid=$(pgrep -f 'aiotools.exe serve --engine iocp' | tail -1); fi
  first=$((cycles / 10))
  out1=$(run_ab "$url" "$first")
  sleep 1
  rss1=$(rss_kib "$pid"); obj1=$(kernel_objects "$pid"); thr1=$(threads "$pid")
  out2=$(run_ab "$url" $((cycles - first)))
  sleep 1
  rss2=$(rss_kib "$pid"); obj2=$(kernel_objects "$pid"); thr2=$(threads "$pid")
  printf '%-10s %12s %12s %8s %14s %14s %12s %12s  %s| %s\n' "$engine" "$rss1" "$rss2" "$(awk -v a="$rss2" -v b="$rss1" 'BEGIN { printf "%.3f", a / b }')" \
    "$obj1" "$obj2" "$thr1" "$thr2" "$out1" "$out2"
  kill -TERM "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
