#!/usr/bin/env bash
# Measures aiotools against real peers on this machine, as issue 2 asks:
#   1. wrk, ab and h2load against `aiotools serve --engine epoll`: socket errors and non-2xx must be zero.
#   2. `aiotools load` and wrk against the same nginx (1 worker, access_log off): req/s and p50, at 100 and 1,000,
#      with each client's CPU (user+sys ÷ wall time, % of its one core) and nginx's: a client at ~100% measures
#      itself, not nginx.
#   3. Server CPU per request (user+sys from /proc over the run ÷ requests), the epoll engine against nginx, under
#      the same wrk command at 100, 1,000 and 10,000 connections.
#   4. wrk and h2load (pipelined) against every engine and variant available here: errors must be zero.
# Servers are pinned to CPU 0 and clients to CPU 1; trials are interleaved and medians printed, because this
# machine is shared: run it when nothing else runs (it prints the load average before and after).
#
#   benchmarks/scripts/compare-with-peers.sh [TRIALS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."

trials="${1:-5}"
seconds="${2:-5}"
for tool in wrk ab h2load nginx taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk apache2-utils nghttp2-client nginx util-linux time)" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)"

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
aiotools="$PWD/cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The first wrk line matching PATTERN, its second field (10.5us, 1.2ms, 2s) in microseconds.
wrk_micros() { awk "$1"' && !seen { seen = 1; v = $2; if (v ~ /us$/) v += 0; else if (v ~ /ms$/) v *= 1000; else if (v ~ /s$/) v *= 1000000; print v }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # user + system, in 1/100 s

# Our server: the epoll engine, one loop, pinned to CPU 0.
taskset -c 0 "$aiotools" serve --engine epoll --loops 1 --port 0 >"$work/serve.out" 2>"$work/serve.err" &
ours_pid=$!
until grep -q '^listening on ' "$work/serve.out" 2>/dev/null; do sleep 0.1; done
ours="http://$(sed 's/^listening on //' "$work/serve.out")/"

# nginx: one worker, pinned to CPU 0, answering "Hello, World!" like our plaintext protocol.
mkdir -p "$work/logs"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
worker_cpu_affinity 01;
worker_rlimit_nofile 20000;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 19000; use epoll; multi_accept on; }
http {
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  server { listen 127.0.0.1:18765 backlog=65535; location / { default_type text/plain; return 200 "Hello, World!"; } }
}
EOF
nginx -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log"
until [[ -s "$work/nginx.pid" ]] && pgrep -P "$(cat "$work/nginx.pid")" >/dev/null; do sleep 0.1; done
nginx_worker=$(pgrep -P "$(cat "$work/nginx.pid")")
theirs="http://127.0.0.1:18765/"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## 1. Real peers against aiotools serve --engine epoll (errors must be zero)"
taskset -c 1 wrk -t1 -c1000 -d"${seconds}s" "$ours" | grep -E 'Requests/sec|Socket errors|Non-2xx|requests in' | sed 's/^/wrk -c1000:  /'
taskset -c 1 ab -k -q -n 100000 -c 100 "$ours" 2>&1 | grep -E 'Complete requests|Failed requests|Non-2xx|Requests per second' | sed 's/^/ab -k:       /'
taskset -c 1 h2load --h1 -n 100000 -c 100 -m 16 "$ours" | grep -E 'requests:|status codes:|finished in' | sed 's/^/h2load -m16: /'

echo
echo "## 2. aiotools load vs wrk against nginx (medians of $trials interleaved trials of ${seconds}s)"
# little_us = connections / (req/s): the mean time a request spends in the closed loop (Little's law), the same
# for any client that reaches that rate; p50 differs with how the client batches its reads and writes.
# client_cpu and nginx_cpu: % of one core over the client's run (the client's includes its start and warm-up).
printf '%-12s %-6s %12s %12s %12s %12s %11s %10s\n' client conns req/s p50_us wrk_avg_us little_us client_cpu nginx_cpu
# timed NAME COMMAND...: runs a client, appending its CPU and nginx's over its wall time to NAME.cpu and NAME.ncpu.
timed() {
  local name=$1 before
  shift
  before=$(cpu_ticks "$nginx_worker")
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@"
  awk -v b="$before" -v a="$(cpu_ticks "$nginx_worker")" '{ printf "%.0f\n", (a - b) / $1 }' "$work/time" >>"$work/$name.ncpu"
  awk '{ printf "%.0f\n", ($2 + $3) * 100 / $1 }' "$work/time" >>"$work/$name.cpu"
}
for c in 100 1000; do
  for f in ours.rps ours.p50 ours.cpu ours.ncpu wrk.rps wrk.p50 wrk.avg wrk.cpu wrk.ncpu; do : >"$work/$f"; done
  for ((t = 1; t <= trials; t++)); do
    timed ours "$aiotools" load --target "$theirs" --connections "$c" --duration "${seconds}s" --warmup 1s --threads 1 --cpus 1 --json >"$work/load.json"
    python3 -c "import json,sys; p=json.load(open(sys.argv[1]))['summary'][0]; print(p['requestsPerSecond']); print(p['p50Micros'], file=sys.stderr)" "$work/load.json" >>"$work/ours.rps" 2>>"$work/ours.p50"
    timed wrk taskset -c 1 wrk --latency -t1 -c"$c" -d"${seconds}s" "$theirs" >"$work/wrk.out"
    awk '/Requests\/sec/ { print $2 }' "$work/wrk.out" >>"$work/wrk.rps"
    wrk_micros '$1 == "50%"' <"$work/wrk.out" >>"$work/wrk.p50"
    wrk_micros '$1 == "Latency"' <"$work/wrk.out" >>"$work/wrk.avg"
  done
  ours_rps=$(median <"$work/ours.rps"); wrk_rps=$(median <"$work/wrk.rps")
  printf '%-12s %-6s %12.0f %12.0f %12s %12.0f %10s%% %9s%%\n' aiotools "$c" "$ours_rps" "$(median <"$work/ours.p50")" - "$(awk -v c="$c" -v r="$ours_rps" 'BEGIN { print c * 1000000 / r }')" "$(median <"$work/ours.cpu")" "$(median <"$work/ours.ncpu")"
  printf '%-12s %-6s %12.0f %12.0f %12.0f %12.0f %10s%% %9s%%\n' wrk "$c" "$wrk_rps" "$(median <"$work/wrk.p50")" "$(median <"$work/wrk.avg")" "$(awk -v c="$c" -v r="$wrk_rps" 'BEGIN { print c * 1000000 / r }')" "$(median <"$work/wrk.cpu")" "$(median <"$work/wrk.ncpu")"
done

echo
echo "## 3. Server CPU per request under the same wrk command (medians of $trials interleaved trials of ${seconds}s)"
printf '%-8s %-6s %12s %14s\n' server conns req/s cpu_us/req
for c in 100 1000 10000; do
  for name in ours nginx; do : >"$work/$name.cpu"; : >"$work/$name.rate"; done
  for ((t = 1; t <= trials; t++)); do
    for name in ours nginx; do
      if [[ $name == ours ]]; then pid=$ours_pid; url=$ours; else pid=$nginx_worker; url=$theirs; fi
      before=$(cpu_ticks "$pid")
      taskset -c 1 wrk -t1 -c"$c" -d"${seconds}s" "$url" >"$work/wrk.out"
      after=$(cpu_ticks "$pid")
      requests=$(awk '/requests in/ { print $1 }' "$work/wrk.out")
      awk -v b="$before" -v a="$after" -v r="$requests" 'BEGIN { print (a - b) * 10000 / r }' >>"$work/$name.cpu"
      awk '/Requests\/sec/ { print $2 }' "$work/wrk.out" >>"$work/$name.rate"
    done
  done
  ours_cpu=$(median <"$work/ours.cpu"); nginx_cpu=$(median <"$work/nginx.cpu")
  printf '%-8s %-6s %12.0f %14.2f\n' aiotools "$c" "$(median <"$work/ours.rate")" "$ours_cpu"
  printf '%-8s %-6s %12.0f %14.2f\n' nginx "$c" "$(median <"$work/nginx.rate")" "$nginx_cpu"
  awk -v o="$ours_cpu" -v n="$nginx_cpu" -v c="$c" 'BEGIN { printf "ratio at %s connections: aiotools / nginx CPU per request = %.2f\n", c, o / n }'
done

echo
echo "## 4. wrk -t1 -c100 and h2load --h1 -m16 against every engine and variant available here (errors must be zero)"
printf '%-28s %12s %10s %14s %10s\n' engine wrk_req/s wrk_errors h2load_ok h2load_fail
python3 -c "import json,sys; [print(e['engine'], e['variant']) for e in json.load(sys.stdin) if e['available']]" \
  < <("$aiotools" engines --json) | while read -r engine variant; do
  taskset -c 0 "$aiotools" serve --engine "$engine" --variant "$variant" --port 0 >"$work/each.out" 2>"$work/each.err" &
  each_pid=$!
  until grep -q '^listening on ' "$work/each.out" 2>/dev/null; do
    kill -0 "$each_pid" 2>/dev/null || { echo "$engine:$variant did not start: $(head -1 "$work/each.err")"; continue 2; }
    sleep 0.1
  done
  url="http://$(sed 's/^listening on //' "$work/each.out")/"
  taskset -c 1 wrk -t1 -c100 -d"${seconds}s" "$url" >"$work/wrk.out"
  taskset -c 1 h2load --h1 -n 100000 -c 100 -m 16 "$url" >"$work/h2load.out" 2>&1
  kill -TERM "$each_pid"; wait "$each_pid" 2>/dev/null || true  # TERM: a background job of a script ignores INT
  wrk_errors=$(awk '/Socket errors/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } /Non-2xx/ { e += $5 } END { print e + 0 }' "$work/wrk.out")
  printf '%-28s %12s %10s %14s %10s\n' "$engine:$variant" "$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")" "$wrk_errors" \
    "$(awk '/^requests:/ { print $8 }' "$work/h2load.out")" "$(awk '/^requests:/ { print $10 + $12 + $14 }' "$work/h2load.out")"
done

echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
