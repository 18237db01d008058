#!/usr/bin/env bash
# Regenerates reports/catalogue/: the committed report (README.md, with its SVG charts) and the result files it is
# made from, by running the scenario catalogue on this machine. Run it on a quiet machine: nothing else building or
# serving (it prints the load average before and after; the results also record it).
#
#   reports/regenerate.sh            the full catalogue (about 40 minutes on 2 cores), for committing
#   reports/regenerate.sh --quick    1 trial of 2 s per point, to try the pipeline; never commit its output
#
# Needs every engine (issue 3) and the scenario catalogue with --scenario/--sweep (issue 4). A benchmark that fails
# is reported and the others go on; the report then says "not measured" for the claims it would have decided.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=()
if [[ "${1:-}" == "--quick" ]]; then
  quick=(--trials 1 --duration 2s --warmup 1s)
fi

dotnet build cli/AsyncIoTools.Cli -c Release --nologo -v quiet || exit 1
aiotools="$PWD/cli/AsyncIoTools.Cli/bin/Release/net10.0/aiotools"
out=reports/catalogue
results="$out/results"
rm -rf "$out"
mkdir -p "$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

failed=()
bench() {
  echo "+ aiotools bench $*" >&2
  "$aiotools" bench "$@" "${quick[@]}" --out "$results" >&2 || failed+=("aiotools bench $*")
}

# Every engine on the main job; threads holds one thread per connection (the seeds' "Apache prefork").
bench --scenario c10k --engine poll,epoll,io_uring,threads,dotnet
# The seeds' experiment: 100 active among 100 → 10,000 open connections; select only where FD_SETSIZE allows.
bench --scenario c10k-idle --engine poll,epoll,io_uring --sweep connections=100,1000,10000
bench --scenario c10k-idle --engine select --sweep connections=100,1000
# select past FD_SETSIZE: refused before the run, with the reason (the claim is checked from what is recorded).
echo "+ aiotools bench --engine select --connections 2000 (expected to be refused: FD_SETSIZE)" >&2
"$aiotools" bench --engine select --connections 2000 "${quick[@]}" --out "$results" >&2 || true
# "ab -n 10000 -c 1000" without keep-alive: event loop against thread-per-connection.
bench --scenario churn --engine epoll,threads --connections 1000
bench --scenario c100k-idle --engine epoll,io_uring
bench --scenario file-64m
bench --scenario nagle
bench --scenario echo-4k

# The O(n) against O(1) claim at the level of one wait call (BenchmarkDotNet; its JSON export is read by the report).
echo "+ micro-benchmarks" >&2
(cd "$results" && dotnet run -c Release --project "$OLDPWD/benchmarks/AsyncIoTools.Micro" -- \
  --filter '*' --exporters json --artifacts micro >&2) || failed+=("micro-benchmarks")
find "$results/micro" -type f ! -name '*-report-full-compressed.json' -delete 2>/dev/null

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$aiotools" report "$results" --out "$out/README.md" --reference-engine epoll \
  --title "AsyncIoTools on this machine: the seeds' claims, measured" \
  --regenerate-command "reports/regenerate.sh" || exit $?

if ((${#failed[@]} > 0)); then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
