#!/usr/bin/env bash
# Installs what the Pester suite runs on, idempotent: PowerShell 7.6.10 from the repository's dotnet tool manifest
# (.config/dotnet-tools.json; `dotnet pwsh` runs it; any other version, or none, fails here at once, exit 3) and
# Pester 5.7.1 from NuGet, laid out as artifacts/tools/modules/Pester (the folder run.sh puts first on PSModulePath).
# Prints that folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

pester_version=5.7.1
modules="$PWD/artifacts/tools/modules"

dotnet tool restore >/dev/null
expected="PowerShell 7.6.10"
actual="$(dotnet pwsh -NoLogo -NoProfile -Command '"PowerShell $($PSVersionTable.PSVersion)"' 2>&1 || true)"
if [[ "$actual" != "$expected" ]]; then
  echo "pester: need $expected from the tool manifest (.config/dotnet-tools.json, 'dotnet pwsh'), got: $actual" >&2
  exit 3
fi

if [[ ! -f "$modules/Pester/Pester.psd1" ]] || ! grep -q "ModuleVersion *= *'$pester_version'" "$modules/Pester/Pester.psd1"; then
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  dotnet package download "Pester@$pester_version" -o "$download" >/dev/null
  rm -rf "$modules/Pester"
  mkdir -p "$modules"
  cp -r "$download/pester/$pester_version/tools" "$modules/Pester"
fi

echo "$modules"
