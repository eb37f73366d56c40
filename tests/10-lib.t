#!/bin/sh
# Unit tests of lib/ (input, output, manifest): the TAP of t-lib, run in a
# scratch directory so that nothing lands in the source tree.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
bin=${DCMSCRUB_TESTBIN:-$root/build/tests}
if [ ! -x "$bin/t-lib" ]; then
	echo "1..0 # SKIP $bin/t-lib not built (run make)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/10-lib.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
cd "$tmp" && TMPDIR=$tmp "$bin/t-lib"
