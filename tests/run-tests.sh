#!/usr/bin/env bash
# Runs every test of AsyncIoTools: the xunit suites of all projects (unit, integration over loopback, module
# metadata), and the Pester suites where pwsh exists (otherwise it says loudly that they did not run).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="${TEST_RESULTS:-artifacts/test-results}"
mkdir -p "$results"

dotnet build AsyncIoTools.sln -c "$configuration" --nologo -v quiet
dotnet test AsyncIoTools.sln -c "$configuration" --no-build --nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$results"
