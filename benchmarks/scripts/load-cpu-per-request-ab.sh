#!/usr/bin/env bash
# Load-generator CPU per request of two (or more) builds, interleaved: the twin of cpu-per-request-ab.sh for the
# client side (a restructuring of the load generator must not cost its hot path either). One server (the first
# build's, pinned to CPU 0, one loop) serves every trial; each build's `aiotools load` runs pinned to CPU 1 with one
# thread, and its CPU per request is the load generator's own figure over the measured window
# (measurement.loadGeneratorCpuMicros / measurement.requests of load --json). Medians of the trials are printed.
#
#   benchmarks/scripts/load-cpu-per-request-ab.sh TRIALS SECONDS ENGINE "CONNECTIONS" LABEL=AIOTOOLS [LABEL=AIOTOOLS...]
#   benchmarks/scripts/load-cpu-per-request-ab.sh 5 5 epoll "100 1000" main=/tmp/base/out/aiotools new=cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools
set -euo pipefail
trials=$1 seconds=$2 engine=$3 connections=$4
shift 4
table="$(mktemp)" log="$(mktemp)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -f "$table" "$log"' EXIT

server=${1#*=}
taskset -c 0 "$server" serve --engine "$engine" --port 0 --loops 1 >"$log" 2>&1 &
pid=$!
until grep -q '^listening on ' "$log" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
kill -0 "$pid" 2>/dev/null || { echo "the server did not start: $(head -c 400 "$log" | tr '\n' ' ')"; exit 1; }
target=$(sed 's/^listening on //' "$log")

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-10s %6s %10s %12s %10s %8s\n' trial build conns requests cpu_us us/req load1
for ((trial = 1; trial <= trials; trial++)); do
  for build in "$@"; do
    label=${build%%=*} aiotools=${build#*=}
    for c in $connections; do
      json=$(taskset -c 1 "$aiotools" load --target "$target" --connections "$c" --threads 1 --duration "${seconds}s" --warmup 1s --json 2>/dev/null || true)
      read -r requests cpu < <(python3 -c 'import json,sys
try:
    m = json.loads(sys.stdin.read())["measurement"]; print(m["requests"], m["loadGeneratorCpuMicros"])
except Exception:
    print(0, 0)' <<<"$json")
      if [[ "$requests" == 0 ]]; then
        echo "$trial $label $c: no requests measured"
        continue
      fi
      per=$(awk -v a="$cpu" -v r="$requests" 'BEGIN { printf "%.3f", a / r }')
      printf '%-6s %-10s %6s %10s %12s %10s %8s\n' "$trial" "$label" "$c" "$requests" "$cpu" "$per" "$(cut -d' ' -f1 /proc/loadavg)"
      echo "$label $c $per" >>"$table"
    done
  done
done
kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
echo
echo "medians of $trials trials (µs of load-generator CPU per request, server: $engine):"
while read -r label c; do
  values=$(awk -v l="$label" -v c="$c" '$1 == l && $2 == c { print $3 }' "$table" | sort -g)
  median=$(echo "$values" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%-10s %6s %8.3f   (%s)\n' "$label" "$c" "$median" "$(echo $values)"
done < <(cut -d' ' -f1-2 "$table" | sort -u -k2,2n -k1,1)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
