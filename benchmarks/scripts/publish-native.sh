#!/usr/bin/env bash
# Publishes the NativeAOT host of `aiotools serve` and `aiotools load` (benchmarks/AsyncIoTools.NativeHost) into
# artifacts/native/ (or $1) as `aiotools`: its worker processes and load shards start themselves, natively. The JIT
# build (dotnet build, the tests, the full CLI) does not depend on it. Needs clang and lld (apt-get install clang lld).
#
#   benchmarks/scripts/publish-native.sh [OUT_DIR]     then e.g. artifacts/native/aiotools serve --engine io_uring
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-artifacts/native}"
for tool in clang ld.lld; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install clang lld)" >&2; exit 2; }
done
dotnet publish benchmarks/AsyncIoTools.NativeHost -c Release -p:Native=true -o "$out" --nologo -v quiet >&2
echo "$out/aiotools"
