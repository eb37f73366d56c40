#!/bin/bash
# deface-bench.sh: seconds and peak memory of dcm-deface per volume.
#
#   usage: bash bench/deface-bench.sh        (after make; not part of make check)
#
# Volumes, made by the project's synthetic head (build/tests/gen-head):
#   mr256    MR, 256 x 256 x 180 at 1 mm (the size of a 1 mm T1 head)
#   cbct512  CBCT-like, 510 x 510 x 400 at 0.47 mm (the size of a large dental
#            CBCT), with its cylindrical field of view padded outside
# Each is defaced once to warm the page cache, then BENCH_RUNS times (3),
# reporting the median wall and CPU time and the largest peak resident set
# (GNU time %M), against the targets of issue 6: the CBCT in at most 10 s,
# peak memory at most 3x the volume's bytes.  No peer is run: the defacers
# in use (pydeface, mri_deface, fsl_deface) are not in Debian; for scale,
# pydeface takes about 3 minutes and mri_deface about 4 per 1 mm MR.
# Every timed run ends with sync: dcm-deface syncs its outputs.
#
# Environment: BENCH_DIR (work directory, default a new one under $TMPDIR or
# /tmp; removed unless KEEP=1), BENCH_RUNS (3), BENCH_SETS ("mr256 cbct512"),
# DCMDEFACE (default bin/dcm-deface).
set -eu
set -o pipefail

cd "$(dirname "$0")/.."
top=$PWD
deface=${DCMDEFACE:-$top/bin/dcm-deface}
gen=$top/build/tests/gen-head
gtime=/usr/bin/time
nruns=${BENCH_RUNS:-3}
sets=${BENCH_SETS:-mr256 cbct512}

die() { echo "deface-bench: $*" >&2; exit 2; }
note() { echo "deface-bench: $*" >&2; }

[ -x "$deface" ] && [ -x "$gen" ] || die "$deface or $gen not found: run make first"
"$gtime" -f %M true >/dev/null 2>&1 || die "$gtime (GNU time) is needed: apt-get install time"
[[ $nruns =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS: not a number"

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-deface-bench.XXXXXX")
fi
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
head -c 32 /dev/urandom > "$work/key"
chmod 600 "$work/key"

declare -A args=(
	[mr256]="--modality mr --spacing 1 --fov 256,256,180 --centre 0,0,0"
	[cbct512]="--modality cbct --spacing 0.47 --fov 240,240,188 --centre 0,-30,-25"
)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '# deface-bench: %s, %s CPU (%s)\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '# a warm-up run, then %s timed run(s) (medians; peak RSS: the largest); sync included\n' "$nruns"
printf '%-9s %14s %10s %8s %8s %10s %12s %s\n' set voxels vol_MB wall_s cpu_s peak_MB "peak/vol" note
for s in $sets; do
	[ -n "${args[$s]:-}" ] || die "BENCH_SETS: $s: not mr256 or cbct512"
	# shellcheck disable=SC2086
	"$gen" ${args[$s]} -o "$work/$s" 2>/dev/null || die "gen-head failed for $s"
	dims=$(find "$work/$s" -name 'IM*.dcm' | wc -l)
	walls='' cpus='' peak=0 st=0 nout=0
	for ((r = 0; r <= nruns; r++)); do
		rm -rf "$work/out"
		sync
		t0=$(date +%s.%N)
		"$gtime" -f '%e %U %S %M' -o "$work/time" "$deface" -q -k "$work/key" -o "$work/out" \
		    "$work/$s"/IM*.dcm > "$work/out.tsv" 2> "$work/err" || st=$?
		sync
		t1=$(date +%s.%N)
		read -r _ u sy m < <(tail -n1 "$work/time")
		nout=$(grep -vc '^#' "$work/out.tsv" || :)
		[ "$r" -eq 0 ] && continue
		walls+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
		cpus+="$(awk -v a="$u" -v b="$sy" 'BEGIN { printf "%.3f", a + b }') "
		[ "$m" -gt "$peak" ] && peak=$m
	done
	# the volume: rows x columns x slices x 2 bytes, from the first file
	vox=$(/usr/bin/python3 -c 'import sys, pydicom; d = pydicom.dcmread(sys.argv[1], stop_before_pixels=True); print(d.Rows * d.Columns * int(sys.argv[2]))' \
	    "$work/$s/IM0001.dcm" "$dims")
	noteline=''
	[ "$st" -eq 0 ] || noteline="exit $st: $(head -n1 "$work/err")"
	[ "$nout" -eq "$dims" ] || noteline="$noteline $nout of $dims files written"
	# shellcheck disable=SC2086
	awk -v s="$s" -v vox="$vox" -v w="$(printf '%s\n' $walls | median)" -v c="$(printf '%s\n' $cpus | median)" \
	    -v m="$peak" -v n="$noteline" 'BEGIN {
		vb = vox * 2 / 1e6
		printf "%-9s %14d %10.1f %8.2f %8.2f %10.1f %11.2fx %s\n", s, vox, vb, w, c, m / 1024, m * 1024 / (vox * 2), n
	}'
	rm -rf "$work/$s" "$work/out"
done
echo "# targets: cbct512 at most 10 s; peak at most 3x the volume's bytes"
