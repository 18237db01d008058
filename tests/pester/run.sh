#!/usr/bin/env bash
# Runs the module's Pester suite (tests/pester/run.ps1) when pwsh is on the PATH. Without pwsh it says loudly
# that the Pester tests were NOT run, never that they passed; exit 0 then, unless REQUIRE_PESTER=1 (exit 3).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v pwsh >/dev/null 2>&1; then
  line=$(printf '#%.0s' {1..100})
  {
    echo "$line"
    echo "### PESTER TESTS WERE NOT RUN: pwsh is not on the PATH (no package registry here serves PowerShell)."
    echo "### The module's metadata, manifest, help, parity and load-context tests ran in xunit; the cmdlets"
    echo "### themselves were not executed in PowerShell. Do not read this as a pass."
    echo "$line"
  } >&2
  if [[ "${REQUIRE_PESTER:-0}" == "1" ]]; then
    exit 3
  fi
  exit 0
fi

exec pwsh -NoLogo -NoProfile -NonInteractive -File tests/pester/run.ps1 "$@"
