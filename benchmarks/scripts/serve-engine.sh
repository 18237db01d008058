# Sourced by the benchmark scripts that run one of our servers per engine (churn-rss.sh, slowloris-with-peers.sh).
#
#   start_engine ENGINE AIOTOOLS OUT ERR [SERVE_OPTIONS...]
#
# Starts `aiotools serve --engine ENGINE --port 0 --loops 1` pinned to CPU 0 (iocp: the Wine publish, when
# tests/wine/prepare.sh has been eval'd), its output in OUT and ERR, and waits for its "listening on" line. Sets
# server_pid (the launcher: under Wine, wine's process, not the Windows one) and server_url. Returns 1, having said
# why, when the engine is skipped or does not start; the caller goes on to the next engine.
start_engine() {
  local engine=$1 aiotools=$2 out=$3 err=$4
  shift 4
  rm -f "$out" "$err" # else the previous server's "listening on" line may be read before this one truncates it
  if [[ $engine == iocp ]]; then
    [[ -n "${AIOTOOLS_WINE_PUBLISH:-}" ]] || { echo "iocp: skipped, Wine is not prepared (eval \"\$(tests/wine/prepare.sh)\")"; return 1; }
    WINEPREFIX="$AIOTOOLS_WINEPREFIX" WINEDEBUG=-all taskset -c 0 wine "$AIOTOOLS_WINE_PUBLISH/aiotools.exe" serve --engine iocp --port 0 --loops 1 "$@" >"$out" 2>"$err" &
  else
    taskset -c 0 "$aiotools" serve --engine "$engine" --port 0 --loops 1 "$@" >"$out" 2>"$err" &
  fi
  server_pid=$!
  until grep -q 'listening on ' "$out" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "$engine did not start: $(head -1 "$err")"; return 1; }
    sleep 0.1
  done
  server_url="http://$(sed -n 's/.*listening on \([0-9.:]*\).*/\1/p' "$out")/"
}
