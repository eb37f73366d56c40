#!/bin/sh
# dcm-crosswalk audit: a correct dcm-strip output is clean; originals planted
# in copies of a stripped file (a kept attribute, a sequence two levels deep,
# a private element, the meta header, the file name) are each reported with
# the right tag path and kind, never with the value itself; names match
# case-insensitively, values only at word boundaries; archives, a manifest
# on stdin and -0 give the same hits.
. "$(dirname "$0")/lib.sh"
CROSSWALK=$BIN/dcm-crosswalk
[ -x "$CROSSWALK" ] || bail "$CROSSWALK not built (run make)"
cd "$tmp" || bail "cannot cd to $tmp"

AHDR=$(printf '#path\ttag_path\tkind')
U=1.2.826.0.1.3680043.9999.30
R=1.2.826.0.1.3680043.9999.41

# ---- fixtures --------------------------------------------------------------
gen_tree in 2 1 2 || bail "cannot generate the fixtures"
echo "in/m/m1.dcm PatientID=MRN123 PatientName=ROE^JANE AccessionNumber=ACC777 StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.1 px=7" >spec41
gen_dcm spec41 || bail "cannot generate the MRN fixture"
mkkey key $KEY1
mkdir cw
run s "$STRIP" -q -k key -c cw/ -o out in
is "$rc" 0 "dcm-strip of the fixtures: exit 0"
cat cw/*.tsv >cw.tsv
outof() { awk -F'\t' -v n="$1" '$1 == "path" && $2 == n { print "out/" $3 }' cw.tsv; }
o1=$(outof in/p1/s1/i1.dcm)
om=$(outof in/m/m1.dcm)
[ -f "$o1" ] && [ -f "$om" ]
r=$?
ok $r "the stripped files are found by the crosswalk's path rows"
[ $r -eq 0 ] || bail "no stripped file to plant in"

# ---- a correct output is clean ---------------------------------------------
run a0 "$CROSSWALK" audit cw.tsv out
is "$rc" 0 "audit of a correct dcm-strip output: exit 0"
is "$out" "$AHDR" "audit of a correct output: only the header line"
run a0d "$CROSSWALK" audit cw out
is "$rc" 0 "audit with a crosswalk directory: exit 0"
is "$out" "$AHDR" "audit with a crosswalk directory: only the header line"

# ---- planted originals -------------------------------------------------------
SOP22=$U.2.1.2		# the original SOPInstanceUID of p2/s1/i2
mkdir planted
py - "$o1" "$om" "$SOP22" <<'EOF' || bail "cannot plant"
import shutil, sys, pydicom
from pydicom.dataset import Dataset
src, srcm, sop = sys.argv[1:4]
def load(p=src):
    return pydicom.dcmread(p)
# the original PatientID in a kept attribute
ds = load(); ds.ImageComments = "seen as PID1 at intake"; ds.save_as("planted/comment.dcm")
# an original UID two sequence levels deep
ds = load()
inner = Dataset(); inner.ReferencedSOPClassUID = ds.SOPClassUID; inner.ReferencedSOPInstanceUID = sop
outer = Dataset(); outer.SeriesInstanceUID = ds.SeriesInstanceUID; outer.ReferencedSOPSequence = [inner]
ds.ReferencedSeriesSequence = [outer]
ds.save_as("planted/nested.dcm")
# a name component, lower case, in a private element
ds = load()
ds.private_block(0x0009, "FAKE CREATOR", create=True).add_new(0x10, "LO", "seen by pat1 today")
ds.save_as("planted/private.dcm")
# the original PatientID in the meta header
ds = load(); ds.file_meta.SourceApplicationEntityTitle = "PID1"; ds.save_as("planted/meta.dcm")
# an original inside a longer word is no hit; at a boundary it is
ds = load(srcm); ds.ImageComments = "XMRN1234Y"; ds.save_as("planted/boundary.dcm")
ds = load(srcm); ds.ImageComments = "ref MRN123."; ds.save_as("planted/bounded.dcm")
# in the preamble (outside any element: "-"), an AccessionNumber in a
# description, an ID in a private OB value, an original UID in a text value,
# and a longer UID that only starts with an original one
b = bytearray(open(src, "rb").read()); b[10:14] = b"PID1"
open("planted/preamble.dcm", "wb").write(b)
ds = load(); ds.StudyDescription = "acc ACC1"; ds.save_as("planted/acc.dcm")
ds = load()
ds.private_block(0x0011, "FAKE CREATOR", create=True).add_new(0x20, "OB", b"\x00PID1\x00\x00")
ds.save_as("planted/ob.dcm")
ds = load(); ds.ImageComments = "1.2.826.0.1.3680043.9999.30.1.1.1"; ds.save_as("planted/uid.dcm")
ds = load(); ds.ImageComments = "1.2.826.0.1.3680043.9999.30.1.1.10"; ds.save_as("planted/uidlonger.dcm")
# untouched, and the original PatientID of patient 2 in the file name
shutil.copyfile(src, "planted/clean.dcm")
shutil.copyfile(src, "planted/PID2-copy.dcm")
EOF
run a1 "$CROSSWALK" audit cw.tsv planted
is "$rc" 1 "audit of planted originals: exit 1"
is "$(head -n1 "$tmp/a1.out")" "$AHDR" "audit: the header first"
hit() {	# hit FILE TAG_PATH KIND DESC
	grep -Fqx "$1	$2	$3" "$tmp/a1.out"
	r=$?
	ok $r "$4"
	[ $r -eq 0 ] || grep -F "$1" "$tmp/a1.out" | sed 's/^/#   got: /'
}
nlines() { grep -Fc "$1	" "$tmp/a1.out"; }
hit planted/comment.dcm 0020,4000 patient_id "PatientID in ImageComments: reported at 0020,4000 as patient_id"
is "$(nlines planted/comment.dcm)" 1 "PatientID in ImageComments: one line for that file"
hit planted/nested.dcm "0008,1115[0]/0008,1199[0]/0008,1155" sop_uid "a UID two levels deep: reported at 0008,1115[0]/0008,1199[0]/0008,1155 as sop_uid"
hit planted/private.dcm 0009,1010 patient_name "a lower-case name component in a private element: reported at 0009,1010 as patient_name"
is "$(nlines planted/private.dcm)" 1 "private element: one line for that file"
hit planted/meta.dcm 0002,0016 patient_id "PatientID in the meta header: reported at 0002,0016"
# the path may be printed with the original masked (the value is never printed)
grep -E '^planted/(PID2|\*+)-copy\.dcm	' "$tmp/a1.out" >pathhit
is "$(cut -f2- pathhit)" "(path)	patient_id" "PatientID in the file name: reported as (path), patient_id"
is "$(wc -l <pathhit)" 1 "PatientID in the file name: one line for that file"
[ -s pathhit ] && ! grep -q PID2 pathhit && diag "(the file name is printed masked: $(cut -f1 pathhit))"
hit planted/bounded.dcm 0020,4000 patient_id "MRN123 at a word boundary: reported"
is "$(nlines planted/boundary.dcm)" 0 "MRN123 inside XMRN1234Y: not reported"
is "$(nlines planted/clean.dcm)" 0 "an untouched stripped copy: not reported"
hit planted/preamble.dcm - patient_id "PatientID in the preamble (raw bytes outside any element): reported at -"
hit planted/acc.dcm 0008,1030 accession "AccessionNumber in StudyDescription: reported at 0008,1030 as accession"
hit planted/ob.dcm 0011,1020 patient_id "PatientID inside a private OB value: reported at 0011,1020"
hit planted/uid.dcm 0020,4000 sop_uid "an original SOP UID in a text value: reported as sop_uid"
is "$(nlines planted/uidlonger.dcm)" 0 "a longer UID that starts with an original (…1.1.10): not reported"
awk -F'\t' '!/^#/ && NF != 3' "$tmp/a1.out" >odd
is "$(wc -l <odd)" 0 "audit: every line has three TAB-separated fields"
# the originals never printed (PID2 is in a reported path, so not checked)
both=$(cat "$tmp/a1.out" "$tmp/a1.err")
unlike "$both" 'PID1' "the planted PatientID is on neither stdout nor stderr"
unlike "$both" '[Pp][Aa][Tt]1' "the planted name component is on neither stdout nor stderr"
unlike "$both" "$(echo "$SOP22" | sed 's/\./\\./g')" "the planted UID is on neither stdout nor stderr"
unlike "$both" 'MRN123' "the planted MRN123 is on neither stdout nor stderr"
unlike "$both" 'ACC1' "the planted AccessionNumber is on neither stdout nor stderr"
unlike "$both" '9999\.30\.1\.1\.1' "the UID planted in a text value is on neither stdout nor stderr"

# the same hits from a zip of the planted tree, a manifest, -0
grep -v '^#' "$tmp/a1.out" | LC_ALL=C sort >hits.dir
py - <<'EOF' || bail "cannot zip"
import os, zipfile
with zipfile.ZipFile("planted.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir("planted")):
        z.write(os.path.join("planted", f))
EOF
run a2 "$CROSSWALK" audit cw.tsv planted.zip
is "$rc" 1 "audit of a zip of the planted tree: exit 1"
grep '^planted\.zip:' "$tmp/a2.out" | sed 's/^planted\.zip://' | LC_ALL=C sort >hits.zip
[ -s hits.dir ] && cmp -s hits.dir hits.zip
r=$?; ok $r "audit of the zip: the same hits, named archive:member"
[ $r -eq 0 ] || diff hits.dir hits.zip | head -n 8 | sed 's/^/# /'
find planted -type f >list
run_in a3 list "$CROSSWALK" audit cw.tsv
is "$rc" 1 "audit of a manifest on stdin: exit 1"
grep -v '^#' "$tmp/a3.out" | LC_ALL=C sort >hits.man
[ -s hits.dir ] && cmp -s hits.dir hits.man
ok $? "audit of a manifest on stdin: the same hits"
find planted -type f -print0 >list0
run_in a4 list0 "$CROSSWALK" audit -0 cw.tsv
is "$rc" 1 "audit -0 of a NUL-separated manifest: exit 1"
tr '\0' '\n' <"$tmp/a4.out" | grep -v '^#' | grep -v '^$' | LC_ALL=C sort >hits.nul
[ -s hits.dir ] && cmp -s hits.dir hits.nul
ok $? "audit -0: the same hits"
run a5 "$CROSSWALK" audit cw.tsv planted/clean.dcm planted/comment.dcm
is "$rc" 1 "audit of file operands: exit 1"
is "$(grep -vc '^#' "$tmp/a5.out")" 1 "audit of file operands: one hit (the comment)"

# ---- short values, errors ------------------------------------------------------
{ cat cw.tsv; printf 'patient_id\tAB\tPZZZZZZZZZZZZ\n'; } >cwshort.tsv
run a6 "$CROSSWALK" audit cwshort.tsv out
is "$rc" 0 "a 2-character original: not searched, exit 0"
is "$out" "$AHDR" "a 2-character original: no hit"
like "$err" '(^|[^0-9])1([^0-9]|$)' "a note on stderr counts the 1 value not searched"
unlike "$(cat "$tmp/a6.out" "$tmp/a6.err")" '(^|[^A-Za-z])AB([^A-Za-z]|$)' "the short value itself is not printed"
run a7 "$CROSSWALK" audit cw.tsv out planted/no-such.dcm
is "$rc" 1 "audit with an unreadable input: exit 1"
like "$err" 'no-such\.dcm' "audit: the unreadable input is named"
run a8 "$CROSSWALK" audit no-such.tsv out
is "$rc" 2 "audit with an unreadable crosswalk: exit 2"
run a9 "$CROSSWALK" audit
is "$rc" 2 "audit without a crosswalk: exit 2"

done_testing
