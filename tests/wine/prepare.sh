#!/usr/bin/env bash
# Prepares Wine for the iocp engine's conformance tests: installs Wine if it is missing, creates a fresh
# WINEPREFIX (once), publishes aiotools for win-x64 (self-contained), and prints on stdout the environment
# variables the tests read, as `export` lines:   eval "$(tests/wine/prepare.sh)"
# Everything else goes to stderr. Idempotent: a second run reuses the prefix and republishes incrementally.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Outside the repository: a prefix maps / as drive Z:, and tools that walk the tree (BenchmarkDotNet looking for
# its project) would wander through it into /proc. CI sets AIOTOOLS_WINE_ROOT to a fresh folder.
root="${AIOTOOLS_WINE_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/aiotools/wine-$(pwd | md5sum | cut -c1-8)}"
prefix="$root/prefix"
publish="$root/publish"
configuration="${CONFIGURATION:-Release}"

if ! command -v wine >/dev/null 2>&1; then
  echo "prepare.sh: installing Wine" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends wine wine64 >&2
fi

export WINEPREFIX="$prefix" WINEDEBUG=-all
if [[ ! -f "$prefix/system.reg" ]]; then
  echo "prepare.sh: creating WINEPREFIX $prefix" >&2
  mkdir -p "$root"
  # mscoree/mshtml off while booting only: wineboot would offer to download Wine Mono and Gecko, which .NET does
  # not need (at run time mscoree must stay on: Wine's loader needs it to map .NET assemblies).
  WINEDLLOVERRIDES="mscoree=d;mshtml=d" wineboot --init >&2 2>&1
  # .NET 10 supports Windows 10 and later; Wine 8 reports Windows 7 unless told otherwise.
  wine winecfg -v win10 >&2 2>&1
  wineserver -w
fi

echo "prepare.sh: publishing aiotools for win-x64 into $publish" >&2
dotnet publish cli/AsyncIoTools.Cli -c "$configuration" -r win-x64 --self-contained -o "$publish" --nologo -v quiet >&2

echo "export AIOTOOLS_WINEPREFIX=$prefix"
echo "export AIOTOOLS_WINE_PUBLISH=$publish"
