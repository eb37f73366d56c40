#!/bin/bash
# convert-bench.sh: time dcm-convert beside dcm2niix on the same series.
#
#   usage: bash bench/convert-bench.sh        (after make; not part of make check)
#
# Series:
#   ct300     one CT series of 300 slices of 512x512, 16-bit (about 158 MB),
#             generated with pydicom: a body of smooth anatomy (soft tissue,
#             fat, lungs, a ring of bone) that changes along the table, CT
#             noise of about 12 HU, padding outside the round field of view;
#             not random bytes, so that the sizes of .nii.gz mean something
#   dcm_qa    the dcm_qa series that dcm-convert converts, from
#             ../shared/data/dcm_qa (left out when absent):
#             dcm_qa_ct/In/Philips/S21570, dcm_qa_decubitus/In,
#             dcm_qa_nih/In/20180918GE
# and four runs on each:
#   dcm2niix     -z n -o out in      dcm-convert -f nii -o out in
#   dcm2niix     -z y -o out in      dcm-convert -f nii.gz -o out in
# (dcm2niix -z y uses pigz when pigz is on the PATH, as here; otherwise its
# internal compressor.)  Each is run once to warm the page cache and the
# binaries, then BENCH_RUNS times (default 3), in rounds of one run of each,
# reporting the median wall time (date +%s.%N) and CPU time (bash's time).
# Every timed run ends with sync(1), because dcm-convert syncs its output
# before renaming it into place and dcm2niix does not; BENCH_SYNC=0 leaves
# the final sync out.  The size is that of the image files written (.nii,
# .nii.gz; not dcm2niix's JSON sidecars).
#
# Environment: BENCH_DIR (work directory, default a new one under $TMPDIR or
# /tmp; removed at the end unless KEEP=1), BENCH_SLICES (300), BENCH_RUNS (3),
# BENCH_SYNC (1), BENCH_QA (the dcm_qa directory, default
# ../shared/data/dcm_qa), BENCH_SETS ("ct300 qa_ct qa_decubitus qa_nih", or a
# subset), DCMCONVERT (the binary, default bin/dcm-convert), DCM2NIIX
# (default dcm2niix).
set -eu
set -o pipefail

cd "$(dirname "$0")/.."
top=$PWD
convert=${DCMCONVERT:-$top/bin/dcm-convert}
d2n=${DCM2NIIX:-dcm2niix}
py=/usr/bin/python3
nslices=${BENCH_SLICES:-300}
nruns=${BENCH_RUNS:-3}
dosync=${BENCH_SYNC:-1}
qa=${BENCH_QA:-$top/../shared/data/dcm_qa}
sets=${BENCH_SETS:-ct300 qa_ct qa_decubitus qa_nih}
[[ $nruns =~ ^[1-9][0-9]*$ ]] || { echo "convert-bench: BENCH_RUNS: not a number" >&2; exit 2; }

die() { echo "convert-bench: $*" >&2; exit 2; }
note() { echo "convert-bench: $*" >&2; }

[ -x "$convert" ] || die "$convert not found: run make first"
command -v "$d2n" >/dev/null 2>&1 || die "$d2n not found: apt-get install dcm2niix pigz"
"$py" -c 'import pydicom, numpy' 2>/dev/null ||
	die "$py with pydicom and numpy is needed: sh scripts/install-deps"
command -v pigz >/dev/null 2>&1 ||
	note "warning: no pigz: dcm2niix -z y falls back to its internal compressor"

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
rng = np.random.default_rng(20240315)     # the same series on every run
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
    lungs = (((x - 180) / 60) ** 2 + ((y - 250) / (80 - k / 10.0)) ** 2 < 1) | \
            (((x - 332) / 60) ** 2 + ((y - 250) / (80 - k / 10.0)) ** 2 < 1)
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
    ds.ImagePositionPatient = [-179.65, -179.65, -150.0 + k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SliceLocation = -150.0 + k
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

declare -A input
for set in $sets; do
	case $set in
	ct300) input[$set]=$work/ct300 ;;
	qa_ct) input[$set]=$qa/dcm_qa_ct/In/Philips/S21570 ;;
	qa_decubitus) input[$set]=$qa/dcm_qa_decubitus/In ;;
	qa_nih) input[$set]=$qa/dcm_qa_nih/In/20180918GE ;;
	*) die "BENCH_SETS: $set: not a set (ct300 qa_ct qa_decubitus qa_nih)" ;;
	esac
done
todo=()
for set in $sets; do
	if [ "$set" = ct300 ]; then
		note "work directory $work ($fstype); generating $nslices CT slices"
		gen_ct "$work/ct300" "$nslices"
	elif [ ! -d "${input[$set]}" ]; then
		note "${input[$set]} not found: $set left out"
		continue
	fi
	todo+=("$set")
done
[ "${#todo[@]}" -gt 0 ] || die "no series to convert"

mb() { du -sbL "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
nfiles() { find "$1" -type f | wc -l; }
# The image files a run wrote: count and bytes (no JSON, no temp files).
images() {
	find "$2" -type f \( -name '*.nii' -o -name '*.nii.gz' \) ! -name '.dcmscrub.*' -printf '%s\n' 2>/dev/null |
	    awk -v what="$1" '{ n++; s += $1 } END { print (what == "n" ? n + 0 : s + 0) }'
}
TIMEFORMAT='%3R %3U %3S'

# --- the runs -----------------------------------------------------------------
# Each tool function converts $1 into the new directory $2 and fails on error.
run_d2n_nii() { mkdir -p "$2"; "$d2n" -z n -o "$2" "$1" > /dev/null; }
run_d2n_gz() { mkdir -p "$2"; "$d2n" -z y -o "$2" "$1" > /dev/null; }
run_dc_nii() { "$convert" -q -f nii -o "$2" "$1" > "$work/convert.tsv"; }
run_dc_gz() { "$convert" -q -f nii.gz -o "$2" "$1" > "$work/convert.tsv"; }
# the same .nii work without any flush to disk: dcm2niix never syncs, dcm-convert --no-sync
run_d2n_ns() { run_d2n_nii "$@"; }
run_dc_ns() { "$convert" -q --no-sync -f nii -o "$2" "$1" > "$work/convert.tsv"; }
tools=(d2n_nii dc_nii d2n_gz dc_gz d2n_ns dc_ns)
declare -A label=([d2n_nii]="dcm2niix -z n" [dc_nii]="dcm-convert nii"
    [d2n_gz]="dcm2niix -z y" [dc_gz]="dcm-convert nii.gz"
    [d2n_ns]="dcm2niix -z n nosync" [dc_ns]="dcm-convert --no-sync")

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A walls cpus status nout bytes gzbad
nrun=0
once() {	# once SET TOOL: one run, timed
	local set=$1 tool=$2 out st=0 t0 t1 user sys
	nrun=$((nrun + 1))
	out=$work/out-$set-$tool-$nrun
	sync
	t0=$(date +%s.%N)
	{ time "run_$tool" "${input[$set]}" "$out" 2> "$work/$tool.err" || st=$? ; } 2> "$work/time"
	case $tool in *_ns) ;; *) [ "$dosync" = 0 ] || sync ;; esac
	t1=$(date +%s.%N)
	read -r _ user sys < "$work/time"
	walls[$set $tool]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
	cpus[$set $tool]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') "
	status[$set $tool]=$st
	nout[$set $tool]=$(images n "$out")
	bytes[$set $tool]=$(images s "$out")
	# every gzip file must be whole: gzip -t
	gzbad[$set $tool]=0
	if [ "$tool" = dc_gz ] || [ "$tool" = d2n_gz ]; then
		while IFS= read -r -d '' f; do
			gzip -t "$f" 2>/dev/null || gzbad[$set $tool]=$((${gzbad[$set $tool]} + 1))
		done < <(find "$out" -type f -name '*.nii.gz' -print0)
	fi
	rm -rf "$out"
}

results=()	# "set tool files mb wall cpu status nout bytes gzbad"
for set in "${todo[@]}"; do
	note "timing on $set: a warm-up round, then $nruns"
	for tool in "${tools[@]}"; do
		once "$set" "$tool"
	done
	for tool in "${tools[@]}"; do
		walls[$set $tool]=''
		cpus[$set $tool]=''
	done
	for ((i = 1; i <= nruns; i++)); do
		for tool in "${tools[@]}"; do
			once "$set" "$tool"
		done
	done
	for tool in "${tools[@]}"; do
		k="$set $tool"
		if [ "${status[$k]}" -ne 0 ] || [ "${nout[$k]}" -eq 0 ] || [ "${gzbad[$k]}" -ne 0 ]; then
			note "$tool on $set: exit status ${status[$k]}, ${nout[$k]} images," \
			    "${gzbad[$k]} failing gzip -t; stderr:"
			head -n 5 "$work/$tool.err" | sed 's/^/    /' >&2
		fi
		# shellcheck disable=SC2086	# one time a word
		wall=$(printf '%s\n' ${walls[$k]} | median)
		# shellcheck disable=SC2086
		cpu=$(printf '%s\n' ${cpus[$k]} | median)
		r="$k $(nfiles "${input[$set]}") $(mb "${input[$set]}") $wall $cpu"
		results+=("$r ${status[$k]} ${nout[$k]} ${bytes[$k]} ${gzbad[$k]}")
	done
done

# --- the report ---------------------------------------------------------------
echo "# convert-bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $fstype"
echo "# $("$convert" --version 2>&1 | head -n 1), dcm2niix $({ "$d2n" -v 2>&1 || true; } | grep -m1 -o 'v[0-9][0-9.]*')," \
    "$({ pigz --version 2>&1 || echo 'no pigz'; } | head -n 1)"
echo "# a warm-up round, then $nruns timed round(s) of one run per tool (medians);" \
    "final sync included: $([ "$dosync" = 0 ] && echo no || echo yes)"
printf '%-13s %-19s %6s %8s %8s %8s %6s %12s %s\n' set tool files MB wall_s cpu_s images out_bytes note
for r in "${results[@]}"; do
	read -r set tool files mbytes wall cpu st n b bad <<< "$r"
	awk -v set="$set" -v tool="${label[$tool]}" -v f="$files" -v m="$mbytes" -v w="$wall" \
	    -v c="$cpu" -v st="$st" -v n="$n" -v b="$b" -v bad="$bad" 'BEGIN {
		note = st != 0 ? sprintf("exit %d", st) : ""
		if (bad > 0)
			note = note sprintf(" %d fail gzip -t", bad)
		printf "%-13s %-19s %6d %8.1f %8.3f %8.3f %6d %12d %s\n", set, tool, f, m, w, c, n, b, note
	}'
done
echo "# wall_s: elapsed$([ "$dosync" = 0 ] || echo ", with the final sync"); cpu_s: user + system;" \
    "out_bytes: the .nii/.nii.gz files written"
echo
printf '%-13s %18s %18s %18s %18s\n' set "nii wall (<=0.5x)" "nii, no sync" "nii.gz wall" "nii.gz size (<=1.02x)"
for set in "${todo[@]}"; do
	get() { printf '%s\n' "${results[@]}" | awk -v s="$set" -v t="$1" -v f="$2" '$1 == s && $2 == t { print $f }'; }
	awk -v s="$set" -v a="$(get dc_nii 5)" -v b="$(get d2n_nii 5)" -v c="$(get dc_gz 5)" \
	    -v d="$(get d2n_gz 5)" -v e="$(get dc_gz 9)" -v f="$(get d2n_gz 9)" \
	    -v g="$(get dc_ns 5)" -v h="$(get d2n_ns 5)" 'BEGIN {
		printf "%-13s %17.2fx %17.2fx %17.2fx %17.4fx\n", s, a / b, g / h, c / d, (f > 0 ? e / f : 0)
	}'
done
echo "# dcm-convert / dcm2niix: wall time for .nii (with the flush to disk, and without any)" \
    "and .nii.gz, bytes written for .nii.gz"
