#!/usr/bin/env bash
# Server CPU per request of two (or more) builds, interleaved: each trial runs every build, engine and connection
# count in turn, so the machine's other load falls on all alike; medians of the trials are printed. The server is
# pinned to CPU 0 with one loop, wrk to CPU 1; CPU is the server's user + system time from /proc/PID/stat over the
# measured run, divided by wrk's request count. A restructuring must not cost the hot path: build the old tree
# apart (git archive REV | tar -x -C DIR; dotnet build DIR/cli/AsyncIoTools.Cli -c Release -o DIR/out) and compare.
#
#   benchmarks/scripts/cpu-per-request-ab.sh TRIALS SECONDS "ENGINES" "CONNECTIONS" LABEL=AIOTOOLS [LABEL=AIOTOOLS...]
#   benchmarks/scripts/cpu-per-request-ab.sh 5 5 "epoll epoll:edge io_uring" "100 1000" main=/tmp/base/out/aiotools new=cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools
set -euo pipefail
trials=$1 seconds=$2 engines=$3 connections=$4
shift 4
tick=$(getconf CLK_TCK)
table="$(mktemp)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -f "$table"' EXIT
cpu_micros() { awk -v t="$tick" '{ print ($14 + $15) * 1000000 / t }' "/proc/$1/stat"; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-10s %-10s %6s %10s %12s %10s %8s\n' trial build engine conns requests cpu_us us/req load1
for ((trial = 1; trial <= trials; trial++)); do
  for build in "$@"; do
    label=${build%%=*} aiotools=${build#*=}
    for engine in $engines; do
      for c in $connections; do
        log=$(mktemp)
        variant=()
        [[ "$engine" == *:* ]] && variant=(--variant "${engine#*:}")   # epoll:edge
        taskset -c 0 "$aiotools" serve --engine "${engine%%:*}" "${variant[@]}" --port 0 --loops 1 >"$log" 2>&1 &
        pid=$!
        until grep -q '^listening on ' "$log" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
        url="http://$(sed 's/^listening on //' "$log")/"
        taskset -c 1 wrk -t1 -c"$c" -d1s "$url" >/dev/null   # warm-up: JIT, connections, caches
        before=$(cpu_micros "$pid")
        requests=$(taskset -c 1 wrk -t1 -c"$c" -d"${seconds}s" "$url" | awk '/requests in/ { print $1 }')
        after=$(cpu_micros "$pid" 2>/dev/null || echo "$before")
        kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true   # TERM: a background job of a script ignores INT
        if [[ -z "$requests" || "$requests" == 0 ]]; then
          echo "$trial $label $engine $c: no requests answered; the server said: $(head -c 400 "$log" | tr '\n' ' ')"
          rm -f "$log"
          continue
        fi
        rm -f "$log"
        per=$(awk -v a="$after" -v b="$before" -v r="$requests" 'BEGIN { printf "%.3f", (a - b) / r }')
        printf '%-6s %-10s %-10s %6s %10s %12.0f %10s %8s\n' "$trial" "$label" "$engine" "$c" "$requests" "$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" "$per" "$(cut -d' ' -f1 /proc/loadavg)"
        echo "$label $engine $c $per" >>"$table"
      done
    done
  done
done
echo
echo "medians of $trials trials (µs of server CPU per request):"
while read -r label engine c; do
  values=$(awk -v l="$label" -v e="$engine" -v c="$c" '$1 == l && $2 == e && $3 == c { print $4 }' "$table" | sort -g)
  median=$(echo "$values" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%-10s %-10s %6s %8.3f   (%s)\n' "$label" "$engine" "$c" "$median" "$(echo $values)"
done < <(cut -d' ' -f1-3 "$table" | sort -u -k2,2 -k3,3n -k1,1)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
