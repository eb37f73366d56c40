#!/bin/sh
# Unit tests of the NIfTI reader and writer (lib/nifti.c): every type on an
# oblique grid written and read back (nii, nii.gz, from memory), read by
# nibabel; nibabel's files read; malformed files refused; and the real
# NIfTI files of ../shared/data (dcm2niix's references of dcm_qa) read as
# nibabel reads them, when they are there.  The TAP of t-nifti, run in a
# scratch directory so that nothing lands in the tree.
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
bin=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
if [ ! -x "$bin/t-nifti" ]; then
	echo "1..0 # SKIP $bin/t-nifti not built (run make)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/15-nifti.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
data=$root/../shared/data
list=
if [ -d "$data" ]; then
	find "$data" -type f \( -name '*.nii' -o -name '*.nii.gz' \) | sort >"$tmp/real.list"
	[ -s "$tmp/real.list" ] && list=$tmp/real.list
fi
cd "$tmp" && TMPDIR=$tmp "$bin/t-nifti" $list
