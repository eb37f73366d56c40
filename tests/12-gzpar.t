#!/bin/sh
# Unit tests of the parallel gzip writer (lib/gzpar.c): round trips through
# zlib, determinism over thread counts, size against zlib -6, failures, and
# the readers (gzip, Python's gzip, nibabel, nifticlib) on a gzipped NIfTI.
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${DCMSCRUB_TESTBIN:-$root/build/tests}
if [ ! -x "$bin/t-gzpar" ]; then
	echo "1..0 # SKIP $bin/t-gzpar not built (run make)"
	exit 0
fi
exec "$bin/t-gzpar"
