#!/bin/bash
# merge-bench.sh: time dcm-merge-frames against the I/O floor, and weigh
# its peak memory against the pixels of the stack it merges.
#
#   usage: bash bench/merge-bench.sh        (after make; not part of make check)
#
# Series:
#   ct500     one CT series of 500 slices of 512x512, 16-bit (about 263 MB),
#             generated with pydicom and numpy from a fixed seed, as ct300 of
#             convert-bench.sh: a trunk of smooth anatomy that changes along
#             the table, CT noise of about 12 HU, padding outside the round
#             field of view; not random bytes
# and two commands on it, each writing anew:
#   cat               cat inputs/* > one-file   (every byte read and written
#                     once: the I/O floor of any merger)
#   dcm-merge-frames  dcm-merge-frames -q -k key -o out inputs
# (BENCH_TS="explicit rle jpeg-ls", or some of them, adds a run of
# dcm-merge-frames --ts for each transfer syntax other than explicit.)
# Each is run once to warm the page cache and the binaries, then BENCH_RUNS
# times (default 3), in rounds of one run of each, reporting the median wall
# time (date +%s.%N, with a sync(1) after each run, since dcm-merge-frames
# syncs its output before renaming it into place and cat does not) and CPU
# time, and the largest peak resident set size of the timed runs
# (/usr/bin/time -f %M, GNU time).  A run that fails, or whose output is not
# what it should be (cat: the inputs' bytes; dcm-merge-frames: one file, one
# record of BENCH_SLICES frames, at least the pixel bytes), is noted.
#
# Environment: BENCH_DIR (work directory, default a new one under $TMPDIR or
# /tmp; removed at the end unless KEEP=1), BENCH_SLICES (500), BENCH_RUNS (3),
# BENCH_SYNC (1; 0 leaves the final sync out), BENCH_TS (explicit),
# DCMMERGE (the binary, default bin/dcm-merge-frames).
set -eu
set -o pipefail

cd "$(dirname "$0")/.."
top=$PWD
merge=${DCMMERGE:-$top/bin/dcm-merge-frames}
py=/usr/bin/python3
gtime=/usr/bin/time
nslices=${BENCH_SLICES:-500}
nruns=${BENCH_RUNS:-3}
dosync=${BENCH_SYNC:-1}
tslist=${BENCH_TS:-explicit}
[[ $nruns =~ ^[1-9][0-9]*$ ]] || { echo "merge-bench: BENCH_RUNS: not a number" >&2; exit 2; }
[[ $nslices =~ ^[1-9][0-9]*$ ]] || { echo "merge-bench: BENCH_SLICES: not a number" >&2; exit 2; }

die() { echo "merge-bench: $*" >&2; exit 2; }
note() { echo "merge-bench: $*" >&2; }

[ -x "$merge" ] || die "$merge not found: run make first"
"$py" -c 'import pydicom, numpy' 2>/dev/null ||
	die "$py with pydicom and numpy is needed: sh scripts/install-deps"
"$gtime" -f %M true 2>/dev/null >/dev/null || die "$gtime (GNU time) is needed: apt-get install time"
for ts in $tslist; do
	case $ts in explicit | rle | jpeg-ls) ;; *) die "BENCH_TS: $ts: not explicit, rle or jpeg-ls" ;; esac
done

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-bench.XXXXXX")
fi
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

fstype=$(df -PT "$work" | awk 'NR == 2 { print $2 }')
[ "$fstype" != tmpfs ] || note "warning: $work is on tmpfs: syncs cost nothing there"

# --- data ------------------------------------------------------------------
# The generator of convert-bench.sh's ct300, for any number of slices.
gen_ct() {	# gen_ct DIR NSLICES
	"$py" - "$@" <<'EOF'
import os, sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, nz = sys.argv[1], int(sys.argv[2])
n = 512
CT = "1.2.840.10008.5.1.4.1.1.2"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20240315)     # the same pixels on every run
y, x = np.mgrid[0:n, 0:n].astype(np.float32)
outside = (x - 255.5) ** 2 + (y - 255.5) ** 2 > 256.0 ** 2
study, series, frame = generate_uid(), generate_uid(), generate_uid()
for k in range(nz):
    # a trunk whose section changes along the table
    a = 200 + 20 * np.sin(k / 40.0)
    b = 150 + 10 * np.cos(k / 50.0)
    r = ((x - 256) / a) ** 2 + ((y - 270) / b) ** 2
    hu = np.full((n, n), -1000.0, np.float32)                  # air
    body = r < 1
    hu[body] = 40 + 10 * np.sin(x[body] / 30) * np.cos(y[body] / 25 + k / 60.0)
    hu[body & (r > 0.85)] = -100                               # fat
    ring = (r > 0.6) & (r < 0.66)
    hu[ring] = 600 + 200 * np.sin(x[ring] / 10)                # ribs
    lh = max(80 - k / 10.0, 10.0)
    lungs = (((x - 180) / 60) ** 2 + ((y - 250) / lh) ** 2 < 1) | \
            (((x - 332) / 60) ** 2 + ((y - 250) / lh) ** 2 < 1)
    hu[lungs & body] = -850
    hu += rng.normal(0, 12, (n, n)).astype(np.float32)         # quantum noise
    v = np.round(hu + 1024).clip(0, 4095).astype(np.uint16)
    v[outside] = 0                                             # padding
    sop = generate_uid()
    fm = FileMetaDataset()
    fm.MediaStorageSOPClassUID = CT
    fm.MediaStorageSOPInstanceUID = sop
    fm.TransferSyntaxUID = ExplicitVRLittleEndian
    fm.ImplementationClassUID = "1.2.826.0.1.3680043.9.7433.1.1"
    ds = Dataset()
    ds.file_meta = fm
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = CT
    ds.SOPInstanceUID = sop
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20240315"
    ds.StudyTime = "101500"; ds.SeriesTime = "101700"; ds.ContentTime = "101712"
    ds.AccessionNumber = "ACC000001"
    ds.Modality = "CT"
    ds.Manufacturer = "Bench Medical"
    ds.ManufacturerModelName = "Bench 64"
    ds.StudyDescription = "CT CHEST W/O CONTRAST"
    ds.SeriesDescription = "AXIAL 1.0"
    ds.ProtocolName = "CHEST ROUTINE"
    ds.PatientName = "Doe^Jane"
    ds.PatientID = "MRN1234000"
    ds.PatientBirthDate = "19500101"
    ds.PatientSex = "F"
    ds.PatientPosition = "HFS"
    ds.SliceThickness = "1.0"
    ds.KVP = "120"
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame
    ds.StudyID = "S0001"
    ds.SeriesNumber = 1
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = [-179.65, -179.65, -250.0 + k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SliceLocation = -250.0 + k
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = n; ds.Columns = n
    ds.PixelSpacing = [0.7, 0.7]
    ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = "-1024"; ds.RescaleSlope = "1"; ds.RescaleType = "HU"
    ds.WindowCenter = "40"; ds.WindowWidth = "400"
    ds.PixelData = v.tobytes()
    ds.save_as(os.path.join(out, "IM%05d.dcm" % (k + 1)), write_like_original=False)
EOF
}

input=$work/ct$nslices
note "work directory $work ($fstype); generating $nslices CT slices of 512x512"
gen_ct "$input" "$nslices"
pixbytes=$((nslices * 512 * 512 * 2))
inbytes=$(find "$input" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
head -c 32 /dev/urandom > "$work/key"
chmod 600 "$work/key"

# --- the runs -----------------------------------------------------------------
# run_TOOL OUT: the command, under GNU time (peak RSS in $work/rss), with
# stdout in $work/TOOL.tsv and stderr in $work/TOOL.err.
run_cat() {
	# shellcheck disable=SC2016	# expanded by that sh
	"$gtime" -o "$work/rss" -f '%M %U %S' sh -c 'cat "$1"/* > "$2"' sh "$input" "$1"
}
run_merge() {
	local ts=$1 out=$2 tsopt=()
	[ "$ts" = explicit ] || tsopt=(--ts "$ts")
	"$gtime" -o "$work/rss" -f '%M %U %S' "$merge" -q -k "$work/key" "${tsopt[@]}" -o "$out" "$input"
}
tools=(cat)
for ts in $tslist; do
	tools+=("merge_$ts")
done
declare -A label=([cat]="cat inputs/* > file")
for ts in $tslist; do
	if [ "$ts" = explicit ]; then
		label[merge_$ts]="dcm-merge-frames"
	else
		label[merge_$ts]="dcm-merge-frames --ts $ts"
	fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A walls cpus peak outbytes check
nrun=0
once() {	# once TOOL: one run, timed, checked, removed
	local tool=$1 out st=0 t0 t1 rss user sys bad=""
	nrun=$((nrun + 1))
	out=$work/out-$tool-$nrun
	sync
	t0=$(date +%s.%N)
	case $tool in
	cat) run_cat "$out" > "$work/$tool.tsv" 2> "$work/$tool.err" || st=$? ;;
	merge_*) run_merge "${tool#merge_}" "$out" > "$work/$tool.tsv" 2> "$work/$tool.err" || st=$? ;;
	esac
	[ "$dosync" = 0 ] || sync
	t1=$(date +%s.%N)
	read -r rss user sys < "$work/rss" || { rss=0 user=0 sys=0; }
	walls[$tool]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
	cpus[$tool]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') "
	[ "${peak[$tool]:-0}" -ge "$rss" ] || peak[$tool]=$rss
	# is the output what it should be?
	if [ "$tool" = cat ]; then
		outbytes[$tool]=$(stat -c %s "$out" 2>/dev/null || echo 0)
		[ "${outbytes[$tool]}" -eq "$inbytes" ] || bad="$bad ${outbytes[$tool]} bytes, not $inbytes"
	else
		local nf frames
		nf=$(find "$out" -type f -name '*.dcm' 2>/dev/null | wc -l)
		outbytes[$tool]=$(find "$out" -type f -name '*.dcm' -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
		frames=$(grep -v '^#' "$work/$tool.tsv" | cut -f 7 | paste -sd, -)
		[ "$nf" -eq 1 ] || bad="$bad $nf files written"
		[ "$frames" = "$nslices" ] || bad="$bad frames field '$frames', not $nslices"
		if [ "${tool#merge_}" = explicit ] && [ "${outbytes[$tool]}" -lt "$pixbytes" ]; then
			bad="$bad ${outbytes[$tool]} bytes, fewer than the $pixbytes of the pixels"
		fi
	fi
	[ "$st" -eq 0 ] || bad="exit status $st;$bad"
	if [ -n "$bad" ]; then
		check[$tool]="FAIL"
		note "${label[$tool]}, run $nrun:$bad; stderr:"
		head -n 5 "$work/$tool.err" | sed 's/^/    /' >&2
	fi
	rm -rf "$out"
}

note "timing: a warm-up round, then $nruns"
for tool in "${tools[@]}"; do
	once "$tool"
done
for tool in "${tools[@]}"; do
	walls[$tool]=''
	cpus[$tool]=''
	peak[$tool]=0
done
for ((i = 1; i <= nruns; i++)); do
	for tool in "${tools[@]}"; do
		once "$tool"
	done
done

# --- the report ---------------------------------------------------------------
echo "# merge-bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $fstype"
echo "# $("$merge" --version 2>&1 | head -n 1), $(cat --version | head -n 1)"
echo "# ct$nslices: $nslices slices of 512x512, 16-bit: $inbytes bytes in, $pixbytes bytes of pixels;" \
    "a warm-up round, then $nruns timed round(s) (medians; peak RSS: the largest);" \
    "final sync included: $([ "$dosync" = 0 ] && echo no || echo yes)"
printf '%-30s %8s %8s %10s %12s %s\n' tool wall_s cpu_s peak_MiB out_bytes note
for tool in "${tools[@]}"; do
	# shellcheck disable=SC2086	# one time a word
	wall=$(printf '%s\n' ${walls[$tool]} | median)
	# shellcheck disable=SC2086
	cpu=$(printf '%s\n' ${cpus[$tool]} | median)
	walls[$tool]=$wall
	awk -v t="${label[$tool]}" -v w="$wall" -v c="$cpu" -v m="${peak[$tool]}" -v b="${outbytes[$tool]}" \
	    -v n="${check[$tool]:-}" 'BEGIN {
		printf "%-30s %8.3f %8.3f %10.1f %12d %s\n", t, w, c, m / 1024, b, n
	}'
done
echo "# wall_s: elapsed$([ "$dosync" = 0 ] || echo ", with the final sync"); cpu_s: user + system;" \
    "peak_MiB: maximum resident set (GNU time %M, KiB / 1024)"
echo
printf '%-30s %24s %28s\n' tool "wall / cat (target <= 2x)" "peak RSS / pixels (<= 1.2x)"
for tool in "${tools[@]}"; do
	[ "$tool" != cat ] || continue
	awk -v t="${label[$tool]}" -v a="${walls[$tool]}" -v b="${walls[cat]}" -v m="${peak[$tool]}" \
	    -v p="$pixbytes" 'BEGIN {
		printf "%-30s %23.2fx %27.3fx\n", t, (b > 0 ? a / b : 0), m * 1024 / p
	}'
done
