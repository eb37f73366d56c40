#!/bin/sh
# 13-dcmscan.t: lib/dcmscan, the lean header reader of dcm-convert, against
# dcmtk (tests/t-dcmscan.c) on the synthetic head in explicit and implicit VR,
# on every pydicom test file and on the dcm_qa series (skipped where absent).
# Each file: dcmscan reads the values dcmtk reads and locates the pixels
# dcmtk decodes, or declines the file (dcmtk then reads it); truncated and
# altered copies stay inside their bytes.  And dcm-convert's output does not
# depend on which reader read a file.
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
T=$TB/t-dcmscan
GEN=$TB/gen-head
CONVERT=$BIN/dcm-convert
[ -x "$T" ] && [ -x "$GEN" ] || bail "$T or $GEN: not built"

# scan SET FILE...: t-dcmscan's verdict on the files, as assertions
scan() {
	s_set=$1
	shift
	run "scan-$s_set" "$T" "$@"
	is "$(grep '^not ok' "$tmp/scan-$s_set.out" | head -n 5)" "" "$s_set: dcmscan agrees with dcmtk on every file"
	is "$rc" 0 "$s_set: t-dcmscan exit status"
	scanned=$(grep -c '(scanned)$' "$tmp/scan-$s_set.out")
	declined=$(grep -c ': declined$' "$tmp/scan-$s_set.out")
	diag "$s_set: $# files, $scanned scanned, $declined declined"
}

# ---- the synthetic head: explicit VR as written, implicit VR through dcmconv ----
"$GEN" --modality ct --spacing 8 --fov 200 -o "$tmp/ct" 2>"$tmp/gen.err" || bail "gen-head: $(cat "$tmp/gen.err")"
"$GEN" --modality mr --bits 12 --spacing 8 --fov 200 --oblique 20 -o "$tmp/mr" 2>>"$tmp/gen.err" ||
    bail "gen-head: $(cat "$tmp/gen.err")"
set -- "$tmp"/ct/*.dcm
ngen=$#
scan head-ct "$@"
is "$scanned" "$ngen" "synthetic CT (explicit VR): every file read by dcmscan"
if have dcmconv; then
	mkdir "$tmp/ct-implicit"
	for f in "$tmp"/ct/*.dcm; do
		dcmconv +ti "$f" "$tmp/ct-implicit/${f##*/}" || fail "dcmconv +ti $f"
	done
	scan head-ct-implicit "$tmp"/ct-implicit/*.dcm
	is "$scanned" "$ngen" "synthetic CT (implicit VR): every file read by dcmscan"
	mkdir "$tmp/ct-rle"
	for f in "$tmp"/ct/*.dcm; do
		dcmcrle "$f" "$tmp/ct-rle/${f##*/}" || fail "dcmcrle $f"
	done
	scan head-ct-rle "$tmp"/ct-rle/*.dcm
	is "$declined" "$ngen" "synthetic CT (RLE): every file declined (dcmtk decodes it)"
	# dcm-convert: the same NIfTI whichever reader read the slices
	for v in ct ct-implicit ct-rle; do
		run "conv-$v" "$CONVERT" -q -f nii -o "$tmp/out-$v" --layout 'v.nii' "$tmp/$v"/*.dcm
		is "$rc" 0 "dcm-convert $v: exit status ($err)"
	done
	cmp -s "$tmp/out-ct/v.nii" "$tmp/out-ct-implicit/v.nii"
	ok $? "dcm-convert: explicit and implicit VR (dcmscan) give the same bytes"
	cmp -s "$tmp/out-ct/v.nii" "$tmp/out-ct-rle/v.nii"
	ok $? "dcm-convert: dcmscan and dcmtk (RLE) give the same bytes"
	run conv-nosync "$CONVERT" -q --no-sync -f nii -o "$tmp/out-nosync" --layout 'v.nii' "$tmp/ct"/*.dcm
	is "$rc$(leftovers "$tmp/out-nosync")" 0 "dcm-convert --no-sync: exit status 0, no temp file left"
	cmp -s "$tmp/out-ct/v.nii" "$tmp/out-nosync/v.nii"
	ok $? "dcm-convert --no-sync: the same bytes"
else
	skip "dcmconv absent (dcmtk)" 10
fi
scan head-mr-12bit "$tmp"/mr/*.dcm
is "$scanned" "$(ls "$tmp"/mr/*.dcm | wc -l | tr -d ' ')" "synthetic MR (12 bits, oblique): every file read by dcmscan"

# ---- files that are not DICOM: said so without dcmtk, and dcmtk agrees ----
printf '# a README\n' >"$tmp/README.txt"
printf '\211PNG\r\n\032\n' >"$tmp/x.png"
: >"$tmp/empty"
run notdicom "$T" "$tmp/README.txt" "$tmp/x.png" "$tmp/empty"
is "$(grep -c 'not DICOM, and dcmtk agrees' "$tmp/notdicom.out")" 3 "text, PNG and empty files: plainly not DICOM"
run conv-readme "$CONVERT" -f nii -o "$tmp/out-readme" "$tmp/README.txt"
is "$rc" 1 "dcm-convert on a text file: exit status 1"
like "$err" 'README.txt: not a DICOM file' "... saying it is not DICOM"

# ---- pydicom's test files ----
data=${PYDICOM_DATA:-/usr/lib/python3/dist-packages/pydicom/data}
if [ -d "$data" ]; then
	find "$data" -type f \( -name '*.dcm' -o -name '*[0-9]' \) | LC_ALL=C sort >"$tmp/pyd.list"
	# shellcheck disable=SC2046
	scan pydicom $(cat "$tmp/pyd.list")
	[ "$scanned" -ge 20 ]
	ok $? "pydicom: dcmscan reads a good share of the files ($scanned)"
else
	skip "python3-pydicom absent" 3
fi

# ---- dcm_qa ----
qa=${DCM_QA:-$root/../shared/data/dcm_qa}
if [ -d "$qa" ]; then
	find "$qa" -path '*/In/*' -type f | LC_ALL=C sort | awk 'NR % 7 == 1' >"$tmp/qa.list"
	# shellcheck disable=SC2046
	scan dcm_qa $(cat "$tmp/qa.list")
	[ "$scanned" -ge 50 ]
	ok $? "dcm_qa: dcmscan reads most uncompressed files ($scanned)"
else
	skip "../shared/data/dcm_qa absent" 3
fi

done_testing
