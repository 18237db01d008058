#!/usr/bin/env bash
# Regenerates reports/catalogue/: the committed report (README.md, with its SVG charts) and the result files it is
# made from, by running the scenario catalogue (benchmarks/scenarios/*.json) on this machine. Run it on a quiet
# machine: nothing else building or serving. It prints the load average before and after; every result also
# records, per trial, the CPU other processes used, and the report flags the trials where that passed 10% of a CPU.
#
#   reports/regenerate.sh            the whole catalogue as its files define it, for committing
#                                    (about 35 minutes on 2 cores once every engine is in the build; see below)
#   reports/regenerate.sh --quick    1 trial of 2 s after 1 s of warm-up per run, micro-benchmarks as a dry job,
#                                    to try the pipeline (about 10 minutes; 13 measured on a loaded machine);
#                                    never commit its output
#
# Machine settings it does not change: tfo needs net.ipv4.tcp_fastopen=3 (sysctl -w net.ipv4.tcp_fastopen=3, as
# root; the default 1 lets only clients use Fast Open). Without it the preflight refuses tfo and it is listed as
# failed; the rest goes on.
#
# Engines: each scenario runs the engines its file names, or every engine of the registry when it names none, so
# an engine not in this build, or one this machine cannot run (iocp on Linux), is recorded as unavailable, with
# why, and the claims that need it stay "not measured". select is refused, and recorded so, at every point past
# what FD_SETSIZE leaves it (about 960 connections: 1,024 less the descriptors its server holds); it is run once
# more by name below that limit.
#
# Running time of the full catalogue, from the scenario files: per run, warm-up + trials x duration, plus about 3 s
# to start the server and open the connections (10 s for 100,000). With the six Linux engines of the registry
# (select, poll, epoll, io_uring, threads, dotnet; select refused past FD_SETSIZE, iocp unavailable here):
#   c10k 5 runs x 20 s; c10k-idle 16 runs x 3 trials x 9 s, interleaved (select at 100 only); select below FD_SETSIZE 3 x 20 s;
#   c100k-idle and c100k 2 x 42 s each; churn at 1,000 connections 5 x 19 s; echo-4k 6 x 19 s; file-64m and
#   file-1m interleaved, a server per trial: 5 runs x 5 trials x 11 s and 5 x 3 x 9 s; nagle 2 x 19 s; cork 3 x 19 s;
#   bufsize 4 x 19 s; keepalive 2 x 24 s; tfo and reuseport 2 x 19 s each: 60 runs, about 28 minutes; with the
#   build (2-4 minutes on a loaded machine) and the micro-benchmarks (BenchmarkDotNet's short job over 23 cases,
#   about 4 minutes), about 36 minutes.
# A benchmark that fails is listed at the end and the others go on; the report is written last either way.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=()
micro_job=(--job short)
if [[ "${1:-}" == "--quick" ]]; then
  quick=(--trials 1 --duration 2s --warmup 1s)
  micro_job=(--job dry)
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

# The main job, every engine: 10,000 busy connections (io_uring's claims against epoll; threads' memory).
bench --scenario c10k
# The same at 100 and 1,000 connections, where every engine (select too) can run: req/s, p99, CPU and syscalls
# per request side by side.
bench --scenario c10k --sweep connections=100,1000
# The seeds' experiment: 100 active among 100 → 10,000 open, as c10k-idle sweeps by itself. select runs where
# FD_SETSIZE allows and is recorded as unavailable past it (the select-fd-setsize claim reads that record)...
# Interleaved: the flat-cost claims compare the sweep's points, and run in turn the points fell on different phases of
# the host (CPU per request 21 µs at 1,000 and 2,500 connections, 14 at 5,000 and 10.5 at 10,000, trials within a
# point agreeing to 5%, with the same syscalls and context switches per request at every point).
bench --scenario c10k-idle --interleave
# ...and once more by name, at points below its limit, so that its own cost curve shows.
bench --scenario c10k-idle --engine select --sweep connections=250,500,750
bench --scenario c100k-idle
bench --scenario c100k
# "ab -n 10000 -c 1000" without keep-alive: event loops against thread-per-connection.
bench --scenario churn --connections 1000
bench --scenario echo-4k
# Zero-copy: read/write against sendfile and splice, case against case of each engine.
# The zero-copy claims divide one engine's cases: interleaved, so that a slow phase of the host (minutes long here)
# falls on every case's trial alike instead of on one case's trials in a row.
bench --scenario file-64m --interleave
bench --scenario file-1m --interleave
# TCP settings: the delayed-ACK stall, corked writes, socket buffers, keepalive probes, Fast Open, SO_REUSEPORT.
bench --scenario nagle
bench --scenario cork
bench --scenario bufsize
bench --scenario keepalive
bench --scenario tfo
bench --scenario reuseport

# The O(n) against O(1) claim at the level of one wait call (BenchmarkDotNet; its JSON export is read by the report).
echo "+ micro-benchmarks" >&2
(cd "$results" && dotnet run -c Release --project "$OLDPWD/benchmarks/AsyncIoTools.Micro" -- \
  --filter '*' --exporters json --artifacts micro "${micro_job[@]}" >&2) || failed+=("micro-benchmarks")
find "$results/micro" -type f ! -name '*-report-full-compressed.json' -delete 2>/dev/null

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$aiotools" report "$results" --out "$out/README.md" --reference-engine epoll \
  --title "AsyncIoTools on this machine: the seeds' claims, measured" \
  --regenerate-command "reports/regenerate.sh" || exit $?

if ((${#failed[@]} > 0)); then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
