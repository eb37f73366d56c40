#!/bin/sh
# Unit tests of lib/qcpng.c (the defacer's quality-control picture): the TAP
# of t-qcpng, run in a scratch directory where it writes its pictures.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
bin=${DCMSCRUB_TESTBIN:-$root/build/tests}
if [ ! -x "$bin/t-qcpng" ]; then
	echo "1..0 # SKIP $bin/t-qcpng not built (run make)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/14-qcpng.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
cd "$tmp" && TMPDIR=$tmp "$bin/t-qcpng"
