#!/bin/bash
# strip-bench.sh: time dcm-strip beside its peers on the same inputs.
#
#   usage: bash bench/strip-bench.sh        (after make; not part of make check)
#
# Two data sets, generated with pydicom (fake PHI, random pixels):
#   small  1000 CT slices of 64x64, 16-bit, over 20 patients
#   large  one CT series of 300 slices of 512x512, 16-bit (about 150 MB)
# and four tools on each:
#   dcm-strip  bin/dcm-strip -k key -o out dir     (basic profile, keyed UIDs)
#   gdcmanon   gdcmanon -c cert.pem --continue -r -i in -o out  (basic profile)
#   dcmodify   dcmodify -nb -ie -imt -ea ... -ma ... on a copy  (20 fixed
#              attributes, no profile: a lower bound for a dcmtk-based tool)
#   cp         cp -r in out                                    (the I/O floor)
# Each is run once to warm the page cache and the binaries, then once more
# (or BENCH_RUNS times, in rounds of one run of each tool, reporting the
# median), timed with date +%s.%N; the
# CPU time (user + system) comes from bash's time.  Dropping the caches
# needs root and is not done, so the inputs are read from memory: the
# figures are the tools' own cost plus the writes.  Every timed run ends
# with sync(1), so that the tools that do not sync (all but dcm-strip) pay
# for getting their output to disk too.  dcmodify rewrites its files in
# place (no new files, not atomic), which makes its writes the cheapest.
#
# Environment: BENCH_DIR (work directory, default a new one under $TMPDIR or
# /tmp; removed at the end unless KEEP=1), BENCH_SMALL (1000), BENCH_SLICES
# (300), BENCH_RUNS (1), BENCH_SYNC (1; 0 leaves out the final sync),
# DCMSTRIP (the binary, default bin/dcm-strip).
set -eu
set -o pipefail

cd "$(dirname "$0")/.."
top=$PWD
strip=${DCMSTRIP:-$top/bin/dcm-strip}
py=/usr/bin/python3
nsmall=${BENCH_SMALL:-1000}
nslices=${BENCH_SLICES:-300}
dosync=${BENCH_SYNC:-1}
nruns=${BENCH_RUNS:-1}
[[ $nruns =~ ^[1-9][0-9]*$ ]] || { echo "strip-bench: BENCH_RUNS: not a number" >&2; exit 2; }

die() { echo "strip-bench: $*" >&2; exit 2; }
note() { echo "strip-bench: $*" >&2; }

[ -x "$strip" ] || die "$strip not found: run make first"
"$py" -c 'import pydicom' 2>/dev/null ||
	die "$py with pydicom is needed: sh scripts/install-deps"

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
# tests/gen-dicom.py (the test fixtures' generator) makes a small sample
# study; the sizes here are the benchmark's own, so it has its own snippet.
gen() {	# gen DIR NFILES ROWS SERIES_PER_PATIENT PATIENTS
	"$py" - "$@" <<'EOF'
import os, sys, datetime
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

out, n, rows, nser, npat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
CT = "1.2.840.10008.5.1.4.1.1.2"
pix = os.urandom(rows * rows * 2)   # the same random slice everywhere: cheap to make
studies = {}
for i in range(n):
    p = i % npat
    s = (i // npat) % nser
    if p not in studies:
        studies[p] = (generate_uid(), [generate_uid() for _ in range(nser)], generate_uid())
    study, series, frame = studies[p]
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
    ds.StudyDate = "20240315"; ds.SeriesDate = "20240315"; ds.ContentDate = "20240315"
    ds.StudyTime = "101500"; ds.SeriesTime = "101700"; ds.ContentTime = "101712"
    ds.AccessionNumber = "ACC%06d" % p
    ds.Modality = "CT"
    ds.Manufacturer = "Bench Medical"
    ds.InstitutionName = "St. Example Hospital"
    ds.InstitutionAddress = "1 Example Road, Exampleton"
    ds.ReferringPhysicianName = "Referrer^Rita"
    ds.StationName = "CT-ROOM-3"
    ds.StudyDescription = "CT CHEST W/O CONTRAST"
    ds.SeriesDescription = "AXIAL 1.0"
    ds.OperatorsName = "Tech^Tom"
    ds.ManufacturerModelName = "Bench 64"
    ds.PatientName = "Doe%02d^Jane^Q" % p
    ds.PatientID = "MRN%07d" % (1234000 + p)
    ds.IssuerOfPatientID = "EXAMPLE-HOSP"
    ds.PatientBirthDate = "19500101"
    ds.PatientSex = "F" if p % 2 else "M"
    ds.PatientAge = "074Y"
    ds.PatientAddress = "2 Private Lane, Exampleton"
    ds.OtherPatientIDs = "OLD%05d" % p
    ds.DeviceSerialNumber = "SN-998877"
    ds.SoftwareVersions = "1.0"
    ds.ProtocolName = "CHEST ROUTINE"
    ds.SliceThickness = "1.0"
    ds.KVP = "120"
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series[s]
    ds.FrameOfReferenceUID = frame
    ds.StudyID = "S%04d" % p
    ds.SeriesNumber = s + 1
    ds.InstanceNumber = i // (npat * nser) + 1
    ds.ImagePositionPatient = [0, 0, float(ds.InstanceNumber)]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows; ds.Columns = rows
    ds.PixelSpacing = [0.7, 0.7]
    ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = "-1024"; ds.RescaleSlope = "1"
    ds.BurnedInAnnotation = "NO"
    ds.PixelData = pix
    d = os.path.join(out, "pat%02d" % p, "ser%d" % s)
    os.makedirs(d, exist_ok=True)
    ds.save_as(os.path.join(d, "IM%05d.dcm" % i), write_like_original=False)
EOF
}

mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
nfiles() {
	if [ -d "$1" ]; then find "$1" -type f ! -name '.dcmscrub.*' | wc -l; else echo 0; fi
}
# Wall time from date +%s.%N; CPU time (user and system seconds of the tool
# and its children) from bash's time.
TIMEFORMAT='%3R %3U %3S'

note "work directory $work ($fstype); generating data"
gen "$work/small" "$nsmall" 64 2 20
gen "$work/large" "$nslices" 512 1 1
head -c 32 /dev/urandom > "$work/key"
chmod 600 "$work/key"

have_gdcm=0
if command -v gdcmanon >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" \
	    -out "$work/cert.pem" -subj /CN=t -days 2 >/dev/null 2>&1 && have_gdcm=1
fi
[ "$have_gdcm" = 1 ] || note "gdcmanon or openssl missing: gdcmanon is left out"
have_dcmodify=0
command -v dcmodify >/dev/null 2>&1 && have_dcmodify=1

# The attributes dcmodify erases or replaces: the usual suspects, not a profile.
# Tags, not keywords: some (Other Patient IDs) are retired in dcmtk's dictionary.
dcmodify_args=(-nb -ie -imt -ma "(0010,0010)=ANON" -ma "(0010,0020)=ANON")
#   PatientBirthDate PatientAddress OtherPatientIDs IssuerOfPatientID
#   AccessionNumber InstitutionName InstitutionAddress ReferringPhysicianName
#   StationName OperatorsName DeviceSerialNumber StudyID
#   StudyDate SeriesDate ContentDate StudyTime SeriesTime ContentTime
for t in 0010,0030 0010,1040 0010,1000 0010,0021 \
    0008,0050 0008,0080 0008,0081 0008,0090 \
    0008,1010 0008,1070 0018,1000 0020,0010 \
    0008,0020 0008,0021 0008,0023 0008,0030 0008,0031 0008,0033; do
	dcmodify_args+=(-ea "($t)")
done

# --- the runs -----------------------------------------------------------------
# Each tool function writes its output to $2 from input $1 and fails on error.
run_strip() { "$strip" ${BENCH_STRIP_ARGS:-} -q -k "$work/key" -o "$2" "$1" > "$work/strip.tsv"; }
run_gdcmanon() { mkdir -p "$2"; gdcmanon -c "$work/cert.pem" --continue -r -i "$1" -o "$2"; }
run_dcmodify() {	# in place, on a copy made beforehand by prep_dcmodify
	find "$2" -type f -print0 | xargs -0 -r dcmodify "${dcmodify_args[@]}" >/dev/null
}
prep_dcmodify() { cp -r "$1" "$2"; sync; }
run_cp() { cp -r "$1" "$2"; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A walls cpus status written	# by "set tool": lists of times, last status

# Every run writes a new directory, and the outputs are removed only after
# the set: on ext4, creating files just after thousands were deleted makes
# the inode allocator skip the recently deleted ones, a cost of the
# benchmark's own making that would swamp the tools' differences.
nrun=0
once() {	# once SET TOOL: one run, timed; appends to walls and cpus
	local set=$1 tool=$2 in=$work/$1 out st=0 t0 t1 user sys
	nrun=$((nrun + 1))
	out=$work/out-$1-$2-$nrun
	if [ "$tool" = dcmodify ]; then
		prep_dcmodify "$in" "$out"
	else
		sync
	fi
	t0=$(date +%s.%N)
	{ time "run_$tool" "$in" "$out" 2> "$work/$tool.err" || st=$? ; } 2> "$work/time"
	[ "$dosync" = 0 ] || sync
	t1=$(date +%s.%N)
	read -r _ user sys < "$work/time"
	walls[$set $tool]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
	cpus[$set $tool]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') "
	status[$set $tool]=$st
	written[$set $tool]=$(nfiles "$out")
}

tools=(strip)
[ "$have_gdcm" = 0 ] || tools+=(gdcmanon)
[ "$have_dcmodify" = 0 ] || tools+=(dcmodify)
tools+=(cp)

# Round robin: every round runs each tool once, so a change in the load of
# the machine during the benchmark hits all the tools alike.
results=()	# "set tool files mb wall cpu status written"
for set in small large; do
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
		if [ "${status[$k]}" -ne 0 ] || [ "${written[$k]}" -ne "$(nfiles "$work/$set")" ]; then
			note "$tool on $set: exit status ${status[$k]}," \
			    "${written[$k]} of $(nfiles "$work/$set") files written; stderr:"
			head -n 5 "$work/$tool.err" | sed 's/^/    /' >&2
		fi
		# shellcheck disable=SC2086	# one time a word
		wall=$(printf '%s\n' ${walls[$k]} | median)
		# shellcheck disable=SC2086
		cpu=$(printf '%s\n' ${cpus[$k]} | median)
		results+=("$k $(nfiles "$work/$set") $(mb "$work/$set") $wall $cpu ${status[$k]} ${written[$k]}")
	done
	rm -rf "$work"/out-"$set"-*
	sleep "${BENCH_SETTLE:-30}"	# let the deleted inodes age before the next set
done

# --- the report ---------------------------------------------------------------
echo "# strip-bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $fstype"
# shellcheck disable=SC2016	# a literal $ in the sed script
echo "# $("$strip" --version 2>&1 | head -n 1)," \
    "$(gdcmanon --version 2>&1 | head -n 1 | sed 's/ \$Date\$//')," \
    "$(dcmodify --version 2>&1 | sed -n 's/^\$dcmtk: \(.*\) \$$/\1/p' | head -n 1)"
echo "# a warm-up round, then $nruns timed round(s) of one run per tool (medians);" \
    "final sync included: $([ "$dosync" = 0 ] && echo no || echo yes)"
printf '%-6s %-10s %6s %8s %8s %8s %9s %8s %s\n' set tool files MB wall_s cpu_s files/s MB/s note
for r in "${results[@]}"; do
	read -r set tool files mbytes wall cpu st n <<< "$r"
	awk -v set="$set" -v tool="${tool/strip/dcm-strip}" -v f="$files" -v m="$mbytes" -v w="$wall" \
	    -v c="$cpu" -v st="$st" -v n="$n" 'BEGIN {
		note = (st != 0 || n != f) ? sprintf("exit %d, %d files out", st, n) : ""
		printf "%-6s %-10s %6d %8.1f %8.3f %8.3f %9.1f %8.1f %s\n", set, tool, f, m, w, c, f / w, m / w, note
	}'
done
echo "# wall_s: elapsed$([ "$dosync" = 0 ] || echo ", with the final sync"); cpu_s: user + system of the tool alone;" \
    "files/s and MB/s: of the input, by wall time"
echo
for set in small large; do
	ws=$(printf '%s\n' "${results[@]}" | awk -v s="$set" '$1 == s && $2 == "strip" { print $5 }')
	wg=$(printf '%s\n' "${results[@]}" | awk -v s="$set" '$1 == s && $2 == "gdcmanon" { print $5 }')
	wc=$(printf '%s\n' "${results[@]}" | awk -v s="$set" '$1 == s && $2 == "cp" { print $5 }')
	# Same files on both sides, so the files/s ratio is the inverse ratio of wall times.
	[ -z "$wg" ] || awk -v s="$set" -v a="$ws" -v b="$wg" \
	    'BEGIN { printf "%-6s dcm-strip vs gdcmanon: %.2fx the files/s\n", s, b / a }'
	[ -z "$wc" ] || awk -v s="$set" -v a="$ws" -v b="$wc" \
	    'BEGIN { printf "%-6s dcm-strip vs cp -r:    %.2fx the wall time\n", s, a / b }'
done
