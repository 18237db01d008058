#!/usr/bin/env bash
# What keeping time costs a server that is only holding connections: CONNECTIONS idle keep-alive connections (each
# answered once, then quiet) held by each build's server, and the server's CPU (user + system, /proc/PID/stat) over
# SECONDS of nothing else happening, interleaved over TRIALS. A build with per-connection deadlines pays for its timer
# here and only here; the head and keep-alive timeouts are raised past the window so that nothing expires in it.
#
#   benchmarks/scripts/idle-cpu-ab.sh TRIALS SECONDS CONNECTIONS "ENGINES" LABEL=AIOTOOLS [LABEL=AIOTOOLS...]
set -euo pipefail
trials=$1 seconds=$2 connections=$3 engines=$4
shift 4
tick=$(getconf CLK_TCK)
ulimit -n "$(ulimit -Hn)"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cpu_micros() { awk -v t="$tick" '{ print ($14 + $15) * 1000000 / t }' "/proc/$1/stat"; }

cat >"$work/hold.py" <<'EOF'
import socket, sys, time
port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
socks = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET / HTTP/1.1\r\nHost: idle\r\n\r\n"); socks.append(s)
for s in socks:
    s.recv(4096)
print("held", flush=True)
time.sleep(hold)
EOF

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-8s %-10s %8s %14s\n' trial build engine conns "cpu_us/s idle"
for ((trial = 1; trial <= trials; trial++)); do
  for build in "$@"; do
    label=${build%%=*} aiotools=${build#*=}
    for engine in $engines; do
      # Old builds have no timeouts to raise: an unknown option is retried without them.
      taskset -c 0 "$aiotools" serve --engine "$engine" --port 0 --loops 1 --head-timeout 1h --keepalive-timeout 1h >"$work/serve.out" 2>&1 &
      pid=$!
      sleep 1
      if ! kill -0 "$pid" 2>/dev/null; then
        taskset -c 0 "$aiotools" serve --engine "$engine" --port 0 --loops 1 >"$work/serve.out" 2>&1 &
        pid=$!
      fi
      until grep -q '^listening on ' "$work/serve.out"; do sleep 0.1; done
      port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/serve.out")
      taskset -c 1 python3 "$work/hold.py" "$port" "$connections" $((seconds + 5)) >"$work/hold.out" &
      holder=$!
      until grep -q held "$work/hold.out" 2>/dev/null; do sleep 0.2; done
      sleep 2
      before=$(cpu_micros "$pid"); sleep "$seconds"; after=$(cpu_micros "$pid")
      kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true
      kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
      printf '%-6s %-8s %-10s %8s %14.0f\n' "$trial" "$label" "$engine" "$connections" "$(awk -v a="$after" -v b="$before" -v s="$seconds" 'BEGIN { print (a - b) / s }')"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
