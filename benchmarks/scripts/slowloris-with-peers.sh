#!/usr/bin/env bash
# Issue 14's slowloris check, with real peers: 2,000 slow clients (part of a request head, then one byte every 5 s,
# reopened when the server closes them) beside `wrk -t1 -c100` against each engine and against nginx with its
# compiled-in defaults (worker_processes 1, worker_connections 512, client_header_timeout 60s; nothing tuned), in one
# run. For each: wrk's req/s and p99 alone and with the slow clients, then the slow clients are left on past the head
# timeout and their closes are counted (how many the server closed, how soon after they opened).
# Servers are pinned to CPU 0, wrk and the slow clients to CPU 1. Open files: each process may hold 20,000, so the
# server (2,100 connections), wrk (100) and the slow clients (2,000) each fit.
#
# iocp runs under Wine when tests/wine/prepare.sh has been run (eval its output first); Wine is slow, so its figures
# show behaviour (are the slow clients closed, are the honest ones served), not speed.
#
#   benchmarks/scripts/slowloris-with-peers.sh [SECONDS] [SLOW_CLIENTS] [ENGINES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/scripts/serve-engine.sh

seconds="${1:-10}"
slow="${2:-2000}"
if (($# > 2)); then shift 2; engines=("$@"); else engines=(select poll epoll io_uring threads dotnet iocp); fi
for tool in wrk nginx taskset python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)"

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet >&2
aiotools="$PWD/cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

# The slow clients: one process, non-blocking sockets, one selector. On SIGTERM it prints what it met as JSON.
cat >"$work/slow.py" <<'EOF'
import json, selectors, signal, socket, sys, time
host, port, count, interval = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
head = b"GET / HTTP/1.1\r\nHost: slow\r\nX-Slow: "
sel = selectors.DefaultSelector()
clients = [{"sock": None, "opened": 0.0, "due": time.monotonic() + i * min(interval, 1.0) / count} for i in range(count)]
closed_after, opened, errors, stop = [], 0, 0, False
def close(c, now):
    closed_after.append(now - c["opened"])
    sel.unregister(c["sock"]); c["sock"].close(); c["sock"] = None
def on_term(*_):
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_term)
while not stop:
    now = time.monotonic()
    for key, _ in sel.select(timeout=0.1):
        c = key.data
        try:
            if c["sock"].recv(4096) == b"":
                close(c, now)
        except BlockingIOError:
            pass
        except OSError:
            close(c, now)
    for c in clients:
        if c["due"] > now:
            continue
        c["due"] = now + interval
        if c["sock"] is None:
            s = socket.socket(); s.setblocking(False)
            try:
                s.connect((host, port))
            except BlockingIOError:
                pass
            except OSError:
                errors += 1; s.close(); continue
            c["sock"], c["opened"], c["fresh"] = s, now, True
            sel.register(s, selectors.EVENT_READ, c)
            opened += 1
            continue
        try:
            c["sock"].send(head if c.pop("fresh", False) else b"a")
        except BlockingIOError:
            pass
        except OSError:
            close(c, now)
closed_after.sort()
n = len(closed_after)
print(json.dumps({"clients": count, "opened": opened, "closedByServer": n,
                  "closedWithinOneSecond": sum(1 for t in closed_after if t < 1),
                  "medianSecondsToClose": round(closed_after[n // 2], 1) if n else None,
                  "openAtEnd": sum(1 for c in clients if c["sock"] is not None), "connectErrors": errors}))
EOF

# wrk's Requests/sec and its 99% latency in µs, from its --latency output.
wrk_rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
wrk_p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) v += 0; else if (v ~ /ms$/) v *= 1000; else if (v ~ /s$/) v *= 1000000; print v }' "$1"; }
wrk_errors() { awk '/Socket errors/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } /Non-2xx/ { e += $5 } END { print e + 0 }' "$1"; }

# measure NAME URL PID HEAD_TIMEOUT_SECONDS: one server, without then with the slow clients.
measure() {
  local name=$1 url=$2 pid=$3 timeout=$4 port before after
  port="${url##*:}"; port="${port%%/*}"
  taskset -c 1 wrk -t1 -c100 -d2s "$url" >/dev/null
  taskset -c 1 wrk --latency -t1 -c100 -d"${seconds}s" "$url" >"$work/alone.out"
  taskset -c 1 python3 "$work/slow.py" 127.0.0.1 "$port" "$slow" 5 >"$work/slow.json" &
  local slow_pid=$!
  sleep 7   # every slow client has opened and sent its head
  taskset -c 1 wrk --latency -t1 -c100 -d"${seconds}s" --timeout 5s "$url" >"$work/with.out"
  sleep $((timeout + 5 - 7 - seconds > 0 ? timeout + 5 - 7 - seconds : 0))   # past the head timeout since the slow clients opened
  kill -TERM "$slow_pid"; wait "$slow_pid" || true
  printf '%-16s %10s %10s %7s %10s %10s %7s   %s\n' "$name" "$(wrk_rps "$work/alone.out")" "$(wrk_p99 "$work/alone.out")" "$(wrk_errors "$work/alone.out")" \
    "$(wrk_rps "$work/with.out")" "$(wrk_p99 "$work/with.out")" "$(wrk_errors "$work/with.out")" "$(cat "$work/slow.json")"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $slow slow clients, wrk -t1 -c100 -d${seconds}s; open-files limit $(ulimit -n) per process"
printf '%-16s %10s %10s %7s %10s %10s %7s   %s\n' server "req/s" "p99_us" errors "req/s+slow" "p99+slow" errors "slow clients"
for engine in "${engines[@]}"; do
  start_engine "$engine" "$aiotools" "$work/serve.out" "$work/serve.err" || continue
  pid=$server_pid
  measure "$engine" "$server_url" "$pid" 30
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true  # TERM: a background job of a script ignores INT
done

# nginx, its compiled-in defaults: only where to listen, what to answer, and where to keep its files.
mkdir -p "$work/logs"
cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { }
http {
  access_log off;
  server { listen 127.0.0.1:18766; location / { default_type text/plain; return 200 "Hello, World!"; } }
}
EOF
taskset -c 0 nginx -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log"
until [[ -s "$work/nginx.pid" ]]; do sleep 0.1; done
measure "nginx(defaults)" "http://127.0.0.1:18766/" "$(cat "$work/nginx.pid")" 60
kill "$(cat "$work/nginx.pid")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
