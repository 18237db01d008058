#!/usr/bin/env bash
# Builds the peers of the comparison script into benchmarks/peers/bin/ (or $1): the C twins of our epoll and
# io_uring engines and the file-serving anchor of the zero-copy scenarios (warning-clean: -O2 -Wall -Wextra -Werror), the Kestrel plaintext app (dotnet publish), and the
# load-generator calibration server of tests/targets/calibration (it answers with the twins' bytes).
# Rebuilds only what changed. Not part of the solution: the unit-test build never builds these.
#
#   benchmarks/peers/build.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/bin}"
mkdir -p "$out"

command -v gcc >/dev/null || { echo "needs gcc (apt-get install gcc)" >&2; exit 2; }
[[ -f /usr/include/liburing.h ]] || { echo "needs liburing (apt-get install liburing-dev)" >&2; exit 2; }

cflags=(-O2 -Wall -Wextra -Werror)
build_c() {  # SOURCE [LIBS...]: SOURCE.c and the shared headers into OUT/NAME, if any of them is newer
  local source=$1 name
  name="$(basename "$source")"
  shift
  if [[ ! -x "$out/$name" || -n "$(find "$source.c" "$here"/*.h -newer "$out/$name")" ]]; then
    gcc "${cflags[@]}" -I "$here" -o "$out/$name" "$source.c" "$@"
  fi
}
build_c "$here/epoll-server"
build_c "$here/uring-server" -luring
build_c "$here/file-server"
build_c "$here/../../tests/targets/calibration/calibration-server"

kestrel="$here/AsyncIoTools.KestrelPeer"
if [[ ! -x "$out/kestrel/AsyncIoTools.KestrelPeer" || -n "$(find "$kestrel" -name '*.cs*' -newer "$out/kestrel/AsyncIoTools.KestrelPeer")" ]]; then
  dotnet publish "$kestrel" -c Release -o "$out/kestrel" --nologo -v quiet >&2
  touch "$out/kestrel/AsyncIoTools.KestrelPeer"
fi
