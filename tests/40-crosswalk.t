#!/bin/sh
# dcm-crosswalk: keygen, merge (union, order, conflicts, malformed rows),
# lookup (both ways, -t, stdin, the environment), export (csv/tsv, -t uid,
# RFC 4180 quoting), reidentify (originals back, references restored,
# removed attributes stay removed, foreign files refused) and usage errors.
. "$(dirname "$0")/lib.sh"
CROSSWALK=$BIN/dcm-crosswalk
[ -x "$CROSSWALK" ] || bail "$CROSSWALK not built (run make)"
unset DCMSCRUB_CROSSWALK
# Relative paths everywhere: the crosswalk's path rows and the messages
# then hold the names as written here.
cd "$tmp" || bail "cannot cd to $tmp"

HDR=$(printf '#kind\toriginal\tpseudonym')
TAB=$(printf '\t')
mode() { stat -c %a "$1"; }
# the rows of crosswalk files/dirs, comments out, sorted, unique
rows() {
	for f in "$@"; do
		if [ -d "$f" ]; then cat "$f"/*.tsv; else cat "$f"; fi
	done | grep -v '^#' | LC_ALL=C sort -u
}
# the pseudonym of ORIGINAL of KIND, from crosswalk files
pseud() { k=$1; v=$2; shift 2; rows "$@" | awk -F'\t' -v k="$k" -v v="$v" '$1 == k && $2 == v { print $3 }'; }

# ---- keygen ------------------------------------------------------------------
run kg1 "$CROSSWALK" keygen -o k1.key
is "$rc" 0 "keygen -o: exit 0"
is "$out" "" "keygen: nothing on stdout"
is "$(wc -c <k1.key 2>/dev/null)" 32 "keygen: 32 bytes"
is "$(mode k1.key 2>/dev/null)" 600 "keygen: mode 0600"
sum1=$(sha256sum <k1.key)
run kg2 "$CROSSWALK" keygen -o k1.key
is "$rc" 2 "keygen over an existing file: exit 2"
like "$err" 'k1\.key' "keygen over an existing file: the message names it"
is "$(sha256sum <k1.key)" "$sum1" "keygen over an existing file: the file is unchanged"
run kg3 "$CROSSWALK" keygen -o k2.key
is "$rc" 0 "a second keygen: exit 0"
[ -s k1.key ] && [ -s k2.key ] && ! cmp -s k1.key k2.key
ok $? "two keygens give different keys"
mkdir kd && cd kd && run kg4 "$CROSSWALK" keygen
cd "$tmp"
is "$rc" 0 "keygen without -o: exit 0"
is "$(wc -c <kd/project.key 2>/dev/null)" 32 "keygen without -o: ./project.key, 32 bytes"
is "$(mode kd/project.key 2>/dev/null)" 600 "keygen without -o: mode 0600"
# (dcm-strip's warning on a group/world-readable key is tested in 30-strip.t)

# ---- fixtures: a tree, stripped with a keygen key -------------------------
gen_tree in 2 2 3 || bail "cannot generate the fixtures"
# a file of patient 1 that refers to another one (i1 of p1/s1) in a sequence
REF_TARGET=1.2.826.0.1.3680043.9999.30.1.1.1
py - <<'EOF' || bail "cannot make the referring file"
import pydicom
from pydicom.dataset import Dataset
ds = pydicom.dcmread("in/p1/s1/i2.dcm")
ds.SOPInstanceUID = "1.2.826.0.1.3680043.9999.30.1.1.77"
ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
ds.InstanceNumber = "77"
it = Dataset()
it.ReferencedSOPClassUID = ds.SOPClassUID
it.ReferencedSOPInstanceUID = "1.2.826.0.1.3680043.9999.30.1.1.1"
ds.ReferencedImageSequence = [it]
ds.save_as("in/p1/s1/ref.dcm", write_like_original=False)
EOF
K="-k k1.key"
mkdir cwA cwB cwR
run sA "$STRIP" -q $K -c cwA/ -o anonA in/p1
run sB "$STRIP" -q $K -c cwB/ -o anonB in/p2
run sF "$STRIP" -q $K -c cwF.tsv -o anonF in/p1/s1
run sR "$STRIP" -q $K -c cwR/ -o anon in
is "$rc" 0 "dcm-strip with a keygen key and -c: exit 0"
[ -s "$(ls cwA/*.tsv | head -n1)" ] && [ -s "$(ls cwB/*.tsv | head -n1)" ] && [ -s cwF.tsv ] && [ -s "$(ls cwR/*.tsv | head -n1)" ]
r=$?; ok $r "the fixtures' crosswalks are written"; [ $r -eq 0 ] || bail "no crosswalk to work on"

# ---- merge -------------------------------------------------------------------
{ echo "$HDR"; rows cwA cwB cwF.tsv; } >want.merge
run m1 "$CROSSWALK" merge -o merged.tsv cwA cwB cwF.tsv
is "$rc" 0 "merge of two dirs and a file: exit 0"
is "$out" "" "merge -o: nothing on stdout"
[ -s merged.tsv ] && cmp -s merged.tsv want.merge
ok $? "merge: the sorted unique union with one header line"
is "$(head -n1 merged.tsv)" "$HDR" "merge: the header comes first"
is "$(grep -c '^#' merged.tsv)" 1 "merge: exactly one comment line"
grep -v '^#' merged.tsv | LC_ALL=C sort -c 2>/dev/null
ok $? "merge: rows in LC_ALL=C order"
is "$(grep -v '^#' merged.tsv | LC_ALL=C sort | uniq -d | wc -l)" 0 "merge: no duplicate row"
nin=$(cat cwA/*.tsv cwB/*.tsv cwF.tsv | grep -vc '^#')
nout=$(grep -vc '^#' merged.tsv)
[ "$nout" -gt 0 ] && [ "$nout" -lt "$nin" ]
ok $? "merge: the duplicated rows (p1/s1 twice) are gone ($nin rows in, $nout out)"
is "$(mode merged.tsv)" 600 "merge -o: mode 0600"
run m2 "$CROSSWALK" merge cwF.tsv cwB cwA
is "$rc" 0 "merge to stdout: exit 0"
cmp -s "$tmp/m2.out" want.merge
ok $? "merge to stdout: the same bytes, whatever the order of the inputs"
run m3 "$CROSSWALK" merge merged.tsv merged.tsv cwA
cmp -s "$tmp/m3.out" want.merge
ok $? "merge of a merged file (with its header) again: unchanged"

# merging into one of its inputs (a group-readable one: it becomes 0600)
cp cwF.tsv into.tsv && chmod 644 into.tsv
{ echo "$HDR"; rows cwF.tsv cwB; } >want.into
run m4 "$CROSSWALK" merge -o into.tsv into.tsv cwB
is "$rc" 0 "merge -o into one of its inputs: exit 0"
cmp -s into.tsv want.into
ok $? "merge -o into one of its inputs: the union"
is "$(mode into.tsv)" 600 "merge -o into an input: mode 0600"
is "$(leftovers . | grep -v '^./anon' )" "" "merge: no temp file left"

# conflicts: one sop_uid original with two pseudonyms, across two files
printf 'patient_id\tQ1\tPAAAAAAAAAAAA\nsop_uid\t1.2.3.4\t2.25.111\nstudy_uid\t1.2.3\t2.25.5\n' >c1.tsv
printf 'patient_id\tQ1\tPAAAAAAAAAAAA\nstudy_uid\t1.2.3\t2.25.5\nsop_uid\t1.2.3.4\t2.25.222\n' >c2.tsv
cp merged.tsv keep.tsv
run c1 "$CROSSWALK" merge -o new1.tsv c1.tsv c2.tsv
is "$rc" 1 "conflict (a sop_uid with two pseudonyms): exit 1"
like "$err" 'c1\.tsv:2' "conflict: stderr names c1.tsv:2"
like "$err" 'c2\.tsv:3' "conflict: stderr names c2.tsv:3"
unlike "$err" 'c[12]\.tsv:1([^0-9]|$)' "conflict: the agreeing rows are not named"
[ ! -e new1.tsv ]
ok $? "conflict: the -o file is not created"
run c1b "$CROSSWALK" merge -o keep.tsv keep.tsv c1.tsv c2.tsv
is "$rc" 1 "conflict with an existing -o: exit 1"
cmp -s keep.tsv merged.tsv
ok $? "conflict: the existing -o file is unchanged"
is "$(ls -A | grep -c '^\.dcmscrub\.')" 0 "conflict: no temp file left"
# two patient_ids with one pseudonym, in one file
printf 'patient_id\tA1\tPBBBBBBBBBBBB\npatient_name\tX^Y\tPBBBBBBBBBBBB\npatient_id\tA2\tPBBBBBBBBBBBB\n' >c3.tsv
run c3 "$CROSSWALK" merge -o new3.tsv c3.tsv
is "$rc" 1 "conflict (two patient_ids, one pseudonym): exit 1"
like "$err" 'c3\.tsv:1' "conflict: stderr names c3.tsv:1"
like "$err" 'c3\.tsv:3' "conflict: stderr names c3.tsv:3"
[ ! -e new3.tsv ]
ok $? "conflict: nothing written"
# a real row against a planted one with another pseudonym
cwa=$(ls cwA/*.tsv | head -n1)
sop=$(awk -F'\t' '$1 == "sop_uid" { print $2; exit }' "$cwa")
line=$(grep -n "^sop_uid	$sop	" "$cwa" | cut -d: -f1)
printf 'sop_uid\t%s\t2.25.999\n' "$sop" >c4.tsv
run c4 "$CROSSWALK" merge c4.tsv cwA
is "$rc" 1 "conflict with a dcm-strip crosswalk: exit 1"
like "$err" "c4\\.tsv:1" "conflict: names the planted row"
like "$err" "crosswalk\\.[^/]*\\.tsv:$line([^0-9]|\$)" "conflict: names the dcm-strip row ($cwa:$line)"
is "$out" "" "conflict: nothing on stdout"
# not conflicts: two spellings of a name, two patients with one name, two copies
printf 'patient_id\tZ1\tPCCCCCCCCCCCC\npatient_name\tDOE^JOHN\tPCCCCCCCCCCCC\npatient_name\tDoe^John\tPCCCCCCCCCCCC\npatient_id\tZ2\tPDDDDDDDDDDDD\npatient_name\tDOE^JOHN\tPDDDDDDDDDDDD\npath\ta/x.dcm\tP/1.dcm\npath\tb/x.dcm\tP/1.dcm\n' >n1.tsv
run n1 "$CROSSWALK" merge n1.tsv
is "$rc" 0 "two name spellings, two patients with one name, two copies: not a conflict"
is "$(printf '%s\n' "$out" | grep -c '^patient_name	')" 3 "all three patient_name rows kept"
is "$(printf '%s\n' "$out" | grep -c '^path	')" 2 "both path rows kept"
# malformed rows
printf 'patient_id\tM1\tPEEEEEEEEEEEE\n# a comment\nsop_uid\tonly-two\n' >bad1.tsv
printf 'patient_id\tM1\tPEEEEEEEEEEEE\ncolour\tred\tblue\n' >bad2.tsv
printf 'sop_uid\t\t2.25.1\n' >bad3.tsv
for b in bad1.tsv:3 bad2.tsv:2 bad3.tsv:1; do
	f=${b%:*}
	run bad "$CROSSWALK" merge -o newbad.tsv cwA "$f"
	is "$rc" 1 "malformed row ($b): exit 1"
	like "$err" "$(echo "$b" | sed 's/\./\\./')" "malformed row: stderr names $b"
	[ ! -e newbad.tsv ]
	ok $? "malformed row ($b): nothing written"
done
# the other kinds: accession and date_offset conflict one way only, series
# UIDs both ways, birth_date never
printf 'accession\tA9\t2.25.1\naccession\tA9\t2.25.2\n' >k1.tsv
printf 'accession\tA8\t2.25.1\naccession\tA9\t2.25.1\n' >k2.tsv
printf 'date_offset\tQ1\t-100\ndate_offset\tQ1\t-200\n' >k3.tsv
printf 'date_offset\tQ1\t-100\ndate_offset\tQ2\t-100\n' >k4.tsv
printf 'series_uid\t1.2.5\t2.25.7\nseries_uid\t1.2.6\t2.25.7\n' >k5.tsv
printf 'birth_date\t19600101\tPAAAAAAAAAAAA\nbirth_date\t19600101\tPBBBBBBBBBBBB\nbirth_date\t19700101\tPAAAAAAAAAAAA\n' >k6.tsv
for c in "k1.tsv 1 an accession with two pseudonyms" \
    "k2.tsv 0 two accessions with one pseudonym (one study)" \
    "k3.tsv 1 a date_offset with two values" \
    "k4.tsv 0 two patients with one date_offset" \
    "k5.tsv 1 two series_uids with one pseudonym" \
    "k6.tsv 0 birth_date rows (never a conflict)"; do
	set -- $c
	f=$1 want=$2
	shift 2
	run k "$CROSSWALK" merge "$f"
	is "$rc" "$want" "merge: $* -> exit $want"
	if [ "$want" = 1 ]; then
		like "$err" "$(echo "$f" | sed 's/\./\\./'):1" "merge: $*: $f:1 named"
		like "$err" "$(echo "$f" | sed 's/\./\\./'):2" "merge: $*: $f:2 named"
	else
		is "$(printf '%s\n' "$out" | grep -vc '^#')" "$(wc -l <"$f")" "merge: $*: every row kept"
	fi
done
# a directory: its *.tsv files only, not recursive
mkdir -p dd/sub
cp cwF.tsv dd/a.tsv
cp c1.tsv dd/sub/conflict.tsv
cp bad1.tsv dd/notes.txt
run dd "$CROSSWALK" merge dd
is "$rc" 0 "merge of a directory: exit 0 (a subdirectory and a .txt file are not read)"
is "$out" "$( { echo "$HDR"; rows cwF.tsv; } )" "merge of a directory: the rows of its *.tsv files"
run mm "$CROSSWALK" merge cwA no-such.tsv
is "$rc" 2 "merge of a missing input: exit 2"

# ---- lookup ------------------------------------------------------------------
# an output of p1/s1/i1 and of p2, by the crosswalk's path rows
o11=anon/$(awk -F'\t' '$1 == "path" && $2 == "in/p1/s1/i1.dcm" { print $3 }' cwR/*.tsv)
o21=anon/$(awk -F'\t' '$1 == "path" && $2 == "in/p2/s1/i1.dcm" { print $3 }' cwR/*.tsv)
[ -f "$o11" ] && [ -f "$o21" ]
r=$?; ok $r "the outputs of p1/s1/i1 and p2/s1/i1 are found"; [ $r -eq 0 ] || bail "no output to compare with"
set -- $(dget "$o11" PatientID StudyInstanceUID SeriesInstanceUID SOPInstanceUID)
P1=$1 ST1=$2 SE1=$3 SOP1=$4
P2=$(dget "$o21" PatientID)
OST1=1.2.826.0.1.3680043.9999.30.1
run l1 "$CROSSWALK" lookup -c merged.tsv PID1
is "$rc" 0 "lookup of a PatientID: exit 0"
is "$out" "$P1" "lookup PID1: the PatientID of its de-identified file"
run l2 "$CROSSWALK" lookup -c cwR "$OST1" 1.2.826.0.1.3680043.9999.30.1.1 "$REF_TARGET" PID2
is "$rc" 0 "lookup of UIDs in a crosswalk directory: exit 0"
is "$out" "$(printf '%s\n' "$ST1" "$SE1" "$SOP1" "$P2")" "lookup: study, series, sop UID and a PatientID, one line each, in order"
run l3 "$CROSSWALK" lookup -r -c merged.tsv "$P1" "$ST1"
is "$out" "$(printf '%s\n' PID1 "$OST1")" "lookup -r: the originals back (patient_id before patient_name, study_uid before accession)"
run l4 "$CROSSWALK" lookup -r -t accession -c merged.tsv "$ST1"
is "$out" "ACC1" "lookup -r -t accession: the AccessionNumber"
run l5 "$CROSSWALK" lookup -r -t patient_name -c merged.tsv "$P1"
is "$out" "DOE^PAT1" "lookup -r -t patient_name: the name"
run l6 "$CROSSWALK" lookup -t patient_id -c merged.tsv PID1
is "$out" "$P1" "lookup -t patient_id PID1"
run l7 "$CROSSWALK" lookup -t sop_uid -c merged.tsv PID1
is "$rc" 1 "lookup -t sop_uid of a PatientID: exit 1 (not of that kind)"
is "$(wc -l <"$tmp/l7.out")" 1 "lookup -t sop_uid of a PatientID: one (empty) line"
is "$out" "" "lookup -t sop_uid of a PatientID: the line is empty"
run l8 "$CROSSWALK" lookup -t colour -c merged.tsv PID1
is "$rc" 2 "lookup -t with a bad kind: exit 2"
# several spellings of one patient's name, joined by '\'
{ cat merged.tsv; printf 'patient_name\tDoe^Pat1\t%s\n' "$P1"; } >spell.tsv
run l9 "$CROSSWALK" lookup -r -t patient_name -c spell.tsv "$P1"
like "$out" '^(DOE\^PAT1\\Doe\^Pat1|Doe\^Pat1\\DOE\^PAT1)$' "lookup -r of a patient with two spellings: both, joined by '\\'"
# values on stdin, an unknown one among them
printf '%s\n' PID1 NOPE-NOT-THERE "$OST1" >vals
run_in l10 vals "$CROSSWALK" lookup -c merged.tsv
is "$rc" 1 "lookup from stdin with an unknown value: exit 1"
is "$(cat "$tmp/l10.out")" "$(printf '%s\n' "$P1" "" "$ST1")" "lookup from stdin: known values answered, an empty line for the unknown one"
is "$(wc -l <"$tmp/l10.out")" 3 "lookup from stdin: three lines"
like "$err" '^dcm-crosswalk: NOPE-NOT-THERE: not in the crosswalk$' "lookup: the message names the unknown value"
printf '%s\n' PID1 PID2 >vals2
run_in l11 vals2 "$CROSSWALK" lookup -c merged.tsv
is "$rc" 0 "lookup from stdin, all known: exit 0"
is "$out" "$(printf '%s\n' "$P1" "$P2")" "lookup from stdin: one line per value"
run l12 env DCMSCRUB_CROSSWALK=merged.tsv "$CROSSWALK" lookup PID2
is "$rc" 0 "lookup with DCMSCRUB_CROSSWALK: exit 0"
is "$out" "$P2" "lookup with DCMSCRUB_CROSSWALK: the pseudonym"
run l13 env DCMSCRUB_CROSSWALK=no-such.tsv "$CROSSWALK" lookup -c merged.tsv PID2
is "$out" "$P2" "lookup: -c wins over DCMSCRUB_CROSSWALK"
run l15 "$CROSSWALK" lookup -c merged.tsv ACC1 in/p1/s1/i1.dcm
is "$out" "$(printf '%s\n' "$ST1" "${o11#anon/}")" "lookup of an AccessionNumber (its study's UID) and of an input path (its output)"
run l14 "$CROSSWALK" lookup PID1
is "$rc" 2 "lookup with no crosswalk: exit 2"
is "$out" "" "lookup with no crosswalk: nothing on stdout"

# ---- export ------------------------------------------------------------------
grep -v '^#' merged.tsv | tr '\t' , | LC_ALL=C sort >want.csv
run x1 "$CROSSWALK" export -f csv -c merged.tsv
is "$rc" 0 "export -f csv: exit 0"
is "$(head -n1 "$tmp/x1.out")" "kind,id_old,id_new" "export csv: the header"
tail -n +2 "$tmp/x1.out" | LC_ALL=C sort >got.csv
[ -s want.csv ] && cmp -s got.csv want.csv
ok $? "export csv: every row, as kind,id_old,id_new"
run x2 "$CROSSWALK" export -f csv -t uid -c merged.tsv
is "$(head -n1 "$tmp/x2.out")" "id_old,id_new" "export -t uid: the header id_old,id_new"
awk -F'\t' '$1 ~ /^(study|series|sop)_uid$/ { print $2 "," $3 }' merged.tsv | LC_ALL=C sort >want.uid
tail -n +2 "$tmp/x2.out" | LC_ALL=C sort >got.uid
[ -s want.uid ] && cmp -s got.uid want.uid
ok $? "export -t uid: exactly the study, series and sop rows"
is "$(wc -l <got.uid)" "$(awk -F'\t' '$1 ~ /_uid$/' merged.tsv | wc -l)" "export -t uid: as many rows as the crosswalk's UID rows"
run x3 "$CROSSWALK" export -f csv -t patient_id -c merged.tsv
is "$(head -n1 "$tmp/x3.out")" "id_old,id_new" "export -t patient_id: the header id_old,id_new"
is "$(tail -n +2 "$tmp/x3.out" | LC_ALL=C sort)" "$(printf 'PID1,%s\nPID2,%s' "$P1" "$P2")" "export -t patient_id: only the patient_id rows"
# RFC 4180 quoting
printf 'patient_id\tDOE, JOHN\tPFFFFFFFFFFFF\npatient_id\tsay "hi"\tPGGGGGGGGGGGG\npatient_id\tplain\tPHHHHHHHHHHHH\n' >q.tsv
run x4 "$CROSSWALK" export -f csv -t patient_id -c q.tsv
is "$rc" 0 "export of values with a comma and a quote: exit 0"
printf '%s\n' "$out" | tail -n +2 | LC_ALL=C sort >got.q
printf '%s\n' '"DOE, JOHN",PFFFFFFFFFFFF' '"say ""hi""",PGGGGGGGGGGGG' 'plain,PHHHHHHHHHHHH' | LC_ALL=C sort >want.q
cmp -s got.q want.q
r=$?; ok $r "export csv: a comma or a quote is quoted, quotes doubled (RFC 4180)"
[ $r -eq 0 ] || sed 's/^/# got: /' got.q
run x5 "$CROSSWALK" export -f tsv -c merged.tsv
is "$(head -n1 "$tmp/x5.out")" "kind${TAB}id_old${TAB}id_new" "export -f tsv: the header with TABs"
tail -n +2 "$tmp/x5.out" | LC_ALL=C sort >got.tsv
grep -v '^#' merged.tsv | LC_ALL=C sort >want.tsv
[ -s want.tsv ] && cmp -s got.tsv want.tsv
ok $? "export -f tsv: every row"
run x6 "$CROSSWALK" export -f csv -c merged.tsv -o export.csv
is "$rc" 0 "export -o: exit 0"
is "$out" "" "export -o: nothing on stdout"
cmp -s export.csv "$tmp/x1.out"
ok $? "export -o: the same bytes as on stdout"
is "$(mode export.csv)" 600 "export -o: mode 0600"
run x7 "$CROSSWALK" export -f xml -c merged.tsv
is "$rc" 2 "export -f xml: exit 2"
run x8 "$CROSSWALK" export -c merged.tsv
is "$rc" 2 "export without -f: exit 2"

# ---- reidentify ------------------------------------------------------------
run r1 "$CROSSWALK" reidentify -c cwR -o reid anon
is "$rc" 0 "reidentify a stripped tree: exit 0"
nin=$(find in -type f | wc -l)
is "$(nrecords "$tmp/r1.out")" "$nin" "reidentify: a record per file"
is "$(find reid -type f | wc -l)" "$nin" "reidentify: a file per input"
n=0
for p in $(grep -v '^#' "$tmp/r1.out" | cut -f1); do [ -f "$p" ] || n=$((n + 1)); done
[ "$(nrecords "$tmp/r1.out")" -gt 0 ] && [ $n -eq 0 ]
ok $? "reidentify: every record names an existing file ($n missing)"
is "$(find reid -type f ! -perm 600 | wc -l)" 0 "reidentify: files mode 0600"
is "$(find reid -mindepth 1 -type d ! -perm 700 | wc -l)" 0 "reidentify: directories mode 0700"
# each input against its re-identified copy (at the default layout, with
# originals): one line per problem, "category path detail"
py - <<'EOF' >reid.check
import os, pydicom
n = 0
def bad(cat, p, d=""):
    print(cat, p, d)
for dp, dn, fn in os.walk("in"):
    for f in sorted(fn):
        n += 1
        src = pydicom.dcmread(os.path.join(dp, f))
        p = os.path.join("reid", str(src.PatientID), src.StudyInstanceUID,
                         src.SeriesInstanceUID, src.SOPInstanceUID + ".dcm")
        if not os.path.isfile(p):
            bad("missing", p); continue
        r = pydicom.dcmread(p)
        for kw in ("PatientID", "PatientName", "StudyInstanceUID",
                   "SeriesInstanceUID", "SOPInstanceUID"):
            if str(r.get(kw, "<absent>")) != str(src.get(kw)):
                bad("ids", p, "%s %r != %r" % (kw, r.get(kw), src.get(kw)))
        if r.file_meta.get("MediaStorageSOPInstanceUID") != src.SOPInstanceUID:
            bad("meta", p, r.file_meta.get("MediaStorageSOPInstanceUID"))
        if r.PixelData != src.PixelData:
            bad("pixels", p)
        if str(r.get("PatientIdentityRemoved", "<absent>")) != "NO":
            bad("pir", p, r.get("PatientIdentityRemoved", "<absent>"))
        for kw in ("InstitutionName", "StudyDescription"):
            if kw in r:
                bad("removed", p, kw)
        for kw in ("PatientBirthDate", "AccessionNumber", "ReferringPhysicianName"):
            if str(r.get(kw, "")) != "":
                bad("removed", p, kw)
print("files", n)
EOF
cat_n() { grep -c "^$1 " reid.check; }
is "$(tail -n1 reid.check)" "files $nin" "reidentify: every input checked"
is "$(cat_n missing)" 0 "reidentify: every input's copy at <PatientID>/<study>/<series>/<sop>.dcm (originals)"
is "$(cat_n ids)" 0 "reidentify: PatientID, PatientName, Study/Series/SOP Instance UID equal the originals"
is "$(cat_n meta)" 0 "reidentify: MediaStorageSOPInstanceUID restored too"
is "$(cat_n pixels)" 0 "reidentify: pixel data identical"
is "$(cat_n pir)" 0 "reidentify: PatientIdentityRemoved is NO"
is "$(cat_n removed)" 0 "reidentify: removed/emptied attributes (InstitutionName, StudyDescription, PatientBirthDate, AccessionNumber, ReferringPhysicianName) stay so"
grep -v '^files ' reid.check | head -n 10 | sed 's/^/# /'
rref=reid/PID1/$OST1/1.2.826.0.1.3680043.9999.30.1.1/1.2.826.0.1.3680043.9999.30.1.1.77.dcm
is "$(dget "$rref" ReferencedImageSequence[0].ReferencedSOPInstanceUID 2>/dev/null)" "$REF_TARGET" "reidentify: a referenced SOP Instance UID in a sequence is restored"
is "$(dget "$rref" InstitutionName PatientBirthDate 2>/dev/null | tr '\n' ' ')" "<absent>  " "reidentify: InstitutionName stays removed, PatientBirthDate stays empty"
# from a manifest on stdin (dcm-strip's stdout)
run_in r2 "$tmp/sR.out" "$CROSSWALK" reidentify -c cwR -o reid2
is "$rc" 0 "reidentify from dcm-strip's manifest on stdin: exit 0"
[ -s reid.sums ] || tree_sums reid >reid.sums
tree_sums reid2 >reid2.sums
[ -s reid.sums ] && cmp -s reid.sums reid2.sums
ok $? "reidentify from a manifest: the same files as from the tree"

# a file stripped with another key: unknown pseudonyms, refused
mkkey k9.key $KEY2
run sX "$STRIP" -q -k k9.key -o anonX in/p2/s1/i1.dcm
fx=$(grep -v '^#' "$tmp/sX.out" | cut -f1)
[ -f "$fx" ]
r=$?; ok $r "a file stripped with another key"; [ $r -eq 0 ] || fx=anonX/missing.dcm
run r3 "$CROSSWALK" reidentify -c cwR -o reid3 "$fx" "$o11"
is "$rc" 1 "reidentify of a file of another key: exit 1"
like "$err" "$(basename "$fx" | sed 's/\./\\./g')" "reidentify: the message names the refused file"
is "$(nrecords "$tmp/r3.out")" 1 "reidentify: a record for the good file only"
is "$(find reid3 -type f 2>/dev/null | wc -l)" 1 "reidentify: nothing written for the refused file"
[ -f "reid3/PID1/$OST1/1.2.826.0.1.3680043.9999.30.1.1/$REF_TARGET.dcm" ]
ok $? "reidentify: the good file is still written"
# --layout, a bad layout, a non-DICOM input
run r5 "$CROSSWALK" reidentify -c cwR --layout '<sop_uid>.dcm' -o reid5 "$o11"
is "$rc" 0 "reidentify --layout '<sop_uid>.dcm': exit 0"
[ -f "reid5/$REF_TARGET.dcm" ] && [ "$(find reid5 -type f | wc -l)" -eq 1 ]
ok $? "reidentify --layout: the file at <original sop_uid>.dcm"
run r6 "$CROSSWALK" reidentify -c cwR --layout '../<sop_uid>.dcm' -o reid6 "$o11"
is "$rc" 2 "reidentify --layout with ..: exit 2"
[ ! -e "$REF_TARGET.dcm" ] && [ "$(find reid6 -type f 2>/dev/null | wc -l)" -eq 0 ]
ok $? "reidentify --layout with ..: nothing written"
echo 'not DICOM at all' >notdicom.dcm
run r7 "$CROSSWALK" reidentify -c cwR -o reid7 notdicom.dcm "$o21"
is "$rc" 1 "reidentify of a non-DICOM file among good ones: exit 1"
like "$err" 'notdicom\.dcm' "reidentify: the non-DICOM file is named"
is "$(nrecords "$tmp/r7.out")" 1 "reidentify: the good file is still written and recorded"
run r4 "$CROSSWALK" reidentify -o reid4 anon
is "$rc" 2 "reidentify with no crosswalk: exit 2"

# ---- usage -------------------------------------------------------------------
run u1 "$CROSSWALK"
is "$rc" 2 "no command: exit 2"
like "$err" '^usage: dcm-crosswalk' "no command: usage on stderr"
is "$out" "" "no command: nothing on stdout"
run u2 "$CROSSWALK" frobnicate
is "$rc" 2 "unknown command: exit 2"
like "$err" 'usage: dcm-crosswalk' "unknown command: usage on stderr"
run u3 "$CROSSWALK" --version
is "$rc" 0 "--version: exit 0"
like "$out" '[0-9]' "--version: a version on stdout"

# identified files are never written into the de-identified tree they come from
run rin "$CROSSWALK" reidentify -c cwR -o anon/reid anon
is "$rc" 2 "reidentify -o inside its input: exit 2"
like "$err" 'inside the input' "reidentify -o inside its input: says why"
[ ! -e anon/reid ]
ok $? "reidentify -o inside its input: nothing made there"

done_testing
