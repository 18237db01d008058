#!/usr/bin/env bash
# Runs every test of AsyncIoTools: the benchmark scripts' helpers, every micro-benchmark once (a dry job), the xunit
# suites of all projects (unit, integration over loopback, module metadata, the module in an in-process PowerShell),
# the iocp engine's conformance cases under Wine, and the Pester suite in PowerShell 7.6.10 from the tool manifest
# (tests/pester/run.sh installs it and Pester if missing).
#   AIOTOOLS_NO_WINE=1     skip preparing Wine: the iocp cases then skip with the reason (never in CI)
#   AIOTOOLS_NO_NATIVE=1   skip publishing the NativeAOT host (needs clang and lld): its bench test then skips (never in CI)
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="${TEST_RESULTS:-artifacts/test-results}"
mkdir -p "$results"

dotnet build AsyncIoTools.sln -c "$configuration" --nologo -v quiet

# The benchmark scripts' own helpers (Python's unittest; the scripts themselves need the built servers and minutes).
python3 -m unittest discover -s tests/scripts

# The README's micro-benchmark line as a dry job: every case built and run once, nothing measured. A case that no
# longer builds, throws or fails BenchmarkDotNet's validators fails the run here rather than in reports/regenerate.sh.
# Run before xunit, whose test hosts would otherwise share the cores with it. BenchmarkDotNet refuses a Debug build.
micro=0
if [[ "$configuration" == "Release" ]]; then
  dotnet run -c Release --no-build --project benchmarks/AsyncIoTools.Micro -- --filter '*' --job dry \
    --artifacts "$results/micro" >"$results/micro.log" 2>&1 || micro=$?
  if ((micro != 0)); then
    tail -n 40 "$results/micro.log"
  fi
  echo "micro-benchmarks (dry job): exit $micro, log in $results/micro.log"
else
  echo "micro-benchmarks: not run in a $configuration build (BenchmarkDotNet needs Release)"
fi

# hdr-histogram-js (pinned), the independent reader our .hlog tests check against, into artifacts/ (never committed).
if [[ ! -f artifacts/node/node_modules/hdr-histogram-js/package.json ]]; then
  npm install --prefix artifacts/node --no-save --no-audit --no-fund --silent hdr-histogram-js@3.0.1
fi

if [[ "${AIOTOOLS_NO_WINE:-0}" != "1" ]]; then
  # A fresh prefix and a self-contained win-x64 publish; from here an unprepared Wine fails the iocp cases.
  eval "$(CONFIGURATION="$configuration" tests/wine/prepare.sh)"
  export AIOTOOLS_WINE_REQUIRED=1
  # One wineserver for the whole run: by default it exits a few seconds after its last client, and a server
  # started while it is going away fails at once (exit 1, nothing on stderr). Its services (winedevice.exe) are
  # started here, writing to /dev/null: started by a test's first Wine process they would inherit that
  # process's output pipes and hold them open for the whole run.
  WINEPREFIX="$AIOTOOLS_WINEPREFIX" wineserver -p
  trap 'WINEPREFIX="$AIOTOOLS_WINEPREFIX" wineserver -k 2>/dev/null || true' EXIT
  WINEPREFIX="$AIOTOOLS_WINEPREFIX" WINEDEBUG=-all wine cmd /c exit </dev/null >/dev/null 2>&1
fi

if [[ "${AIOTOOLS_NO_NATIVE:-0}" != "1" ]]; then
  # The NativeAOT host of serve and load, for the bench test with native children; from here its absence fails it.
  AIOTOOLS_NATIVE_HOST="$(realpath "$(benchmarks/scripts/publish-native.sh "$results/native")")"
  export AIOTOOLS_NATIVE_HOST AIOTOOLS_NATIVE_REQUIRED=1
fi

# A test that hangs (the longest take ~30 s) is stopped after 5 minutes and named, so a hang fails CI in time.
# A failed xunit run still runs Pester, and the run ends with the failed tests' names (they scroll away otherwise).
started="$results/.run-started"
touch "$started"
xunit=0
dotnet test AsyncIoTools.sln -c "$configuration" --no-build --nologo \
  --blame-hang-timeout 5m --blame-hang-dump-type none \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$results" || xunit=$?

pester=0
tests/pester/run.sh || pester=$?

if ((xunit != 0)); then
  echo "xunit failed (exit $xunit):"
  mapfile -t trx < <(find "$results" -name '*.trx' -newer "$started")
  python3 tests/failed-tests.py "${trx[@]}" || true
fi
((pester == 0)) || echo "pester failed (exit $pester): its summary is above"
((micro == 0)) || echo "micro-benchmarks failed (exit $micro): the end of their log is above"
((xunit == 0 && pester == 0 && micro == 0))
