#!/usr/bin/env bash
# Runs the module's Pester suite (tests/pester/*.Tests.ps1) in PowerShell 7.6.10 from the repository's tool manifest,
# with Pester 5.7.1 (install.sh fetches both if missing). Build first: the suite imports the laid-out module.
# A missing pwsh or Pester, a file that does not parse, a failed test or no test at all fails the run (non-zero exit).
set -euo pipefail
cd "$(dirname "$0")/../.."

modules="$(tests/pester/install.sh)"

export PSModulePath="$modules${PSModulePath:+:$PSModulePath}"
exec dotnet pwsh -NoLogo -NoProfile -NonInteractive -File tests/pester/run.ps1 "$@"
