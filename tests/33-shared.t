#!/bin/sh
# dcm-strip on the real vendor series in ../shared/data (skipped where
# absent): every DICOM file is written, dciodvfy finds no error in an output
# that it did not find in its input, the pixel data is byte for byte the
# same, and none of the original IDs, names or UIDs of the crosswalk is left.
. "$(dirname "$0")/lib.sh"

shared=$root/../shared/data
[ -d "$shared/dcm_qa" ] || skip_all "../shared/data/dcm_qa is absent"
[ -x "$STRIP" ] || bail "$STRIP: not built"
mkkey "$tmp/key" "$KEY1"

run qa "$STRIP" -q -k "$tmp/key" -c "$tmp/cw/" -o "$tmp/out" "$shared/dcm_qa" "$shared/heads"
# non-DICOM files (README, NIfTI, JSON) are refused, so exit 1 is expected
is "$rc" 1 "dcm_qa and heads: exit 1 (the non-DICOM files are refused)"
ndicom=$(find "$shared/dcm_qa" "$shared/heads" -type f -exec sh -c \
    'for f; do [ "$(dd if="$f" bs=1 skip=128 count=4 2>/dev/null)" = DICM ] && echo "$f"; done' sh {} + |
    wc -l)
nrec=$(nrecords "$tmp/qa.out")
ndir=$(grep -c 'a DICOMDIR (media directory)' "$tmp/qa.err")
[ "$ndir" -ge 1 ] && [ "$((nrec + ndir))" -eq "$ndicom" ]
ok $? "a record for every DICOM file but the DICOMDIRs ($nrec records, $ndir DICOMDIRs refused, $ndicom files with a DICM preamble)"
grep -v -e 'not a DICOM file' -e 'a DICOMDIR' "$tmp/qa.err" >"$tmp/other.err"
is "$(wc -l <"$tmp/other.err")" 0 "no other refusal"
cat "$tmp"/cw/*.tsv >"$tmp/cw.tsv"
nbad=0
grep -v '^#' "$tmp/qa.out" | cut -f1 | while IFS= read -r f; do
	[ -f "$f" ] || echo "$f"
done >"$tmp/missing"
is "$(wc -l <"$tmp/missing")" 0 "every record names a file that is there"

# dciodvfy: no new error, on every third file (it takes ~20 ms a file)
if have dciodvfy; then
	awk -F'\t' '$1 == "path" && NR % 3 == 0 { print $2 "\t" $3 }' "$tmp/cw.tsv" >"$tmp/pairs"
	n=0
	: >"$tmp/new-errors"
	while IFS="$(printf '\t')" read -r src rel; do
		n=$((n + 1))
		dciodvfy "$src" 2>&1 | grep '^Error' | sed 's/= <[^>]*>//g' | LC_ALL=C sort -u >"$tmp/a"
		dciodvfy "$tmp/out/$rel" 2>&1 | grep '^Error' | sed 's/= <[^>]*>//g' | LC_ALL=C sort -u >"$tmp/b"
		LC_ALL=C comm -13 "$tmp/a" "$tmp/b" | sed "s|^|$src: |" >>"$tmp/new-errors"
	done <"$tmp/pairs"
	[ "$n" -gt 50 ] && [ ! -s "$tmp/new-errors" ]
	ok $? "dciodvfy: no error in $n outputs that their inputs did not have"
	[ -s "$tmp/new-errors" ] && head -n 5 "$tmp/new-errors" | sed 's/^/# /'
else
	skip "dciodvfy (dicom3tools) is not installed"
fi

# pixel data byte for byte, on a sample of transfer syntaxes
awk -F'\t' '$1 == "path" && NR % 7 == 0 { print $2 "\t" $3 }' "$tmp/cw.tsv" >"$tmp/pix"
py - "$tmp/pix" "$tmp/out" >"$tmp/pix.out" 2>&1 <<'PY'
import sys, pydicom
bad = n = 0
for line in open(sys.argv[1]):
    src, rel = line.rstrip("\n").split("\t")
    a = pydicom.dcmread(src)
    b = pydicom.dcmread(sys.argv[2] + "/" + rel)
    n += 1
    if ("PixelData" in a) != ("PixelData" in b) or ("PixelData" in a and a.PixelData != b.PixelData):
        bad += 1
        print("differs:", src)
    if a.file_meta.TransferSyntaxUID != b.file_meta.TransferSyntaxUID:
        bad += 1
        print("transfer syntax changed:", src)
print("checked", n, "bad", bad)
sys.exit(1 if bad or n < 20 else 0)
PY
ok $? "pixel data and transfer syntax unchanged ($(tail -n1 "$tmp/pix.out"))"

# no original value of the crosswalk in any output byte (UIDs, IDs, names)
awk -F'\t' '($1 == "patient_id" || $1 == "study_uid" || $1 == "series_uid" || $1 == "sop_uid") && length($2) >= 6 { print $2 }' \
    "$tmp/cw.tsv" | LC_ALL=C sort -u >"$tmp/originals"
[ -s "$tmp/originals" ] && ! grep -r -a -F -q -f "$tmp/originals" "$tmp/out"
ok $? "none of $(wc -l <"$tmp/originals") original IDs and UIDs is in the output"

done_testing
