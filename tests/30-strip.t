#!/bin/sh
# dcm-strip end to end: usage, errors, manifest, layout, keys, kept and
# computed attributes, dates, --id-map, crosswalk, --explain, pixel data,
# burned-in refusal, dciodvfy, -0, a closed stdout.
. "$(dirname "$0")/lib.sh"

R=1.2.826.0.1.3680043.9999.31
PYDATA=/usr/lib/python3/dist-packages/pydicom/data/test_files

# ---- fixtures -------------------------------------------------------------
cat >"$tmp/spec" <<EOF
$tmp/in/a1.dcm PatientID=PIDA PatientName=ALPHA^ANN StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.1 StudyDate=20200110 SeriesDate=20200110 ContentDate=20200115 PatientAge=045Y PatientSex=F px=1
$tmp/in/a2.dcm PatientID=PIDA PatientName=ALPHA^ANN StudyInstanceUID=$R.2 SeriesInstanceUID=$R.2.1 SOPInstanceUID=$R.2.1.1 StudyDate=20210301 SeriesDate=20210301 ContentDate=20210301 PatientAge=046Y PatientSex=F px=2
$tmp/in/b1.dcm class=mr PatientID=PIDB PatientName=BETA^BOB PatientBirthDate=19500620 StudyDate=20200110 PatientAge=- PatientSex=M StudyInstanceUID=$R.3 SeriesInstanceUID=$R.3.1 SOPInstanceUID=$R.3.1.1 px=3
$tmp/in/c1.dcm PatientID=PIDC PatientName=GAMMA^CY PatientAge=095Y StudyInstanceUID=$R.4 SeriesInstanceUID=$R.4.1 SOPInstanceUID=$R.4.1.1 px=4
$tmp/in/d1.dcm PatientID=PIDD PatientName=DELTA^DI PatientBirthDate=19191231 StudyDate=20200110 PatientAge=- StudyInstanceUID=$R.5 SeriesInstanceUID=$R.5.1 SOPInstanceUID=$R.5.1.1 px=5
$tmp/bad/burned.dcm PatientID=PIDE BurnedInAnnotation=YES StudyInstanceUID=$R.6 SeriesInstanceUID=$R.6.1 SOPInstanceUID=$R.6.1.1 px=6
$tmp/bad/us.dcm class=us PatientID=PIDE StudyInstanceUID=$R.6 SeriesInstanceUID=$R.6.2 SOPInstanceUID=$R.6.2.1 px=7
$tmp/noid/e1.dcm PatientID= PatientName=EPSILON^EVE StudyInstanceUID=$R.7 SeriesInstanceUID=$R.7.1 SOPInstanceUID=$R.7.1.1 px=8
$tmp/many/m01.dcm PatientID=PIDM SOPInstanceUID=$R.9.1.1 StudyInstanceUID=$R.9 SeriesInstanceUID=$R.9.1
EOF
i=2
while [ $i -le 40 ]; do
	echo "$tmp/many/m$i.dcm PatientID=PIDM StudyInstanceUID=$R.9 SeriesInstanceUID=$R.9.1 SOPInstanceUID=$R.9.1.$i InstanceNumber=$i px=$i" >>"$tmp/spec"
	i=$((i + 1))
done
gen_dcm "$tmp/spec" || bail "cannot generate the fixtures"
printf 'this is not DICOM at all\n' >"$tmp/bad/notdicom.txt"
head -c 300 "$tmp/in/a1.dcm" >"$tmp/bad/trunc.dcm"
mkkey "$tmp/key1" $KEY1
mkkey "$tmp/key2" $KEY2
K="-k $tmp/key1"
(cd "$tmp" && find in bad many noid -type f | LC_ALL=C sort | xargs sha256sum) >"$tmp/inputs.sum"

# records of a manifest file, without the header
records() { grep -v '^#' "$1"; }

# ---- usage errors -----------------------------------------------------------
run u1 "$STRIP" $K "$tmp/in"
is "$rc" 2 "no -o: exit 2"
like "$err" '^usage: dcm-strip' "no -o: usage on stderr"
is "$out" "" "no -o: nothing on stdout"

run u2 "$STRIP" $K -O no-such-option -o "$tmp/u2" "$tmp/in"
is "$rc" 2 "unknown -O: exit 2"
like "$err" 'no-such-option' "unknown -O: named on stderr"
like "$err" '^usage: dcm-strip' "unknown -O: usage on stderr"

run u3 "$STRIP" $K -O retain-long-full-dates -O retain-long-modified-dates -o "$tmp/u3" "$tmp/in"
is "$rc" 2 "both date options: exit 2"
like "$err" '^usage: dcm-strip' "both date options: usage on stderr"
is "$(find "$tmp/u3" -type f 2>/dev/null | wc -l)" 0 "both date options: nothing written"

run u4 "$STRIP" $K --keep PatientAge,NoSuchKeyword -o "$tmp/u4" "$tmp/in"
is "$rc" 2 "bad --keep name: exit 2"
like "$err" 'NoSuchKeyword' "bad --keep name: named on stderr"

run u5 "$STRIP" $K --layout '../<sop_uid>.dcm' -o "$tmp/u5" "$tmp/in"
is "$rc" 2 "--layout with ..: exit 2"
run u6 "$STRIP" $K --layout '<patient>/../../<sop_uid>.dcm' -o "$tmp/u6/o" "$tmp/in"
is "$rc" 2 "--layout with .. in the middle: exit 2"
n=$(find "$tmp" -maxdepth 3 -name '2.25.*.dcm' | wc -l)
is "$n" 0 "--layout with ..: nothing written anywhere"

# ---- bad inputs among good ones -------------------------------------------
run e1 "$STRIP" $K -o "$tmp/e1" "$tmp/in/a1.dcm" "$tmp/bad/notdicom.txt" "$tmp/bad/trunc.dcm" "$tmp/in/b1.dcm"
is "$rc" 1 "a non-DICOM and a truncated file: exit 1"
like "$err" 'dcm-strip: [^ ]*bad/notdicom\.txt: ' "message names the non-DICOM file"
like "$err" 'dcm-strip: [^ ]*bad/trunc\.dcm: ' "message names the truncated file"
is "$(records "$tmp/e1.out" | wc -l)" 2 "the two good inputs have a record each"
is "$(find "$tmp/e1" -type f -name '*.dcm' | wc -l)" 2 "the two good inputs are written"

# ---- the main run -------------------------------------------------------------
mkdir "$tmp/cw"
run m "$STRIP" $K -c "$tmp/cw" -o "$tmp/out" "$tmp/in"
is "$rc" 0 "main run: exit 0"
is "$(grep -c '^#' "$tmp/m.out")" 1 "stdout has exactly one # header"
is "$(head -n1 "$tmp/m.out" | cut -c1)" "#" "the header comes first"
is "$(records "$tmp/m.out" | wc -l)" 5 "one record per input file"
is "$(find "$tmp/out" -type f | wc -l)" 5 "one file written per record"

py - "$tmp/m.out" "$tmp/out" >"$tmp/m.check" <<'EOF'
import os, sys, pydicom
man, out = sys.argv[1], sys.argv[2]
bad = {"missing": 0, "ids": 0, "layout": 0, "modality": 0, "fields": 0}
paths = []
for line in open(man):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    f = line.split("\t")
    if len(f) != 7:
        bad["fields"] += 1
        continue
    paths.append(f[0])
    if not os.path.isfile(f[0]):
        bad["missing"] += 1
        continue
    ds = pydicom.dcmread(f[0])
    if [ds.PatientID, ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID] != f[2:6]:
        bad["ids"] += 1
        print("ids: %s" % line, file=sys.stderr)
    if ds.Modality != f[1]:
        bad["modality"] += 1
    rel = os.path.relpath(f[0], out)
    if rel != "%s/%s/%s/%s.dcm" % (f[2], f[3], f[4], f[5]):
        bad["layout"] += 1
        print("layout: %s" % rel, file=sys.stderr)
if not paths:
    bad = dict((k, 1) for k in bad)
all_files = sorted(os.path.join(d, n) for d, _, ns in os.walk(out) for n in ns)
print("unlisted %d" % len(set(all_files) - set(os.path.normpath(p) for p in paths)))
for k, v in sorted(bad.items()):
    print("%s %d" % (k, v))
EOF
c() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/m.check"; }
is "$(c fields)" 0 "every record has the 7 fields"
is "$(c missing)" 0 "every record's path exists"
is "$(c ids)" 0 "fields 3-6 are the file's PatientID, Study, Series and SOP Instance UIDs"
is "$(c modality)" 0 "field 2 is the file's Modality"
is "$(c layout)" 0 "paths are <patient>/<study_uid>/<series_uid>/<sop_uid>.dcm"
is "$(c unlisted)" 0 "no file under -o without a record"
unlike "$(cut -f2- "$tmp/m.out")" 'PID[A-E]|ALPHA|BETA|GAMMA|DELTA|1\.2\.826\.0\.1\.3680043\.9999' \
    "no original ID, name or UID in the manifest"

# the values of the main run's outputs, by input
out_of() {	# input-path -> output path, from the crosswalk's path rows
	awk -F'\t' -v n="$1" '$1 == "path" && $2 == n { print $3 }' "$tmp"/cw/crosswalk.*.tsv |
	    head -n1 | sed "s|^|$tmp/out/|"
}
A1=$(out_of "$tmp/in/a1.dcm")
B1=$(out_of "$tmp/in/b1.dcm")
[ -f "$A1" ] && [ -f "$B1" ]
ok $? "the crosswalk's path rows lead to the outputs"

dtab PatientID,PatientName,PatientBirthDate,PatientAge,StudyDate,LongitudinalTemporalInformationModified,PatientIdentityRemoved "$A1" >"$tmp/m.a1"
f() { cut -f"$1" "$tmp/m.a1"; }
pid=$(f 2) pname=$(f 3) bdate=$(f 4) age=$(f 5) sdate=$(f 6) ltim=$(f 7) pir=$(f 8)
like "$pid" '^P[A-Z2-7]{12}$' "PatientID becomes P + 12 base32 letters"
printf '%s\n' "$pname" | grep -Eq '^P[A-Z2-7]{12}$' && [ "$pname" = "$pid" ]
ok $? "PatientName becomes the same pseudonym"
like "$bdate" '^(<absent>|)$' "basic profile: PatientBirthDate emptied or removed"
is "$age" "<absent>" "basic profile: PatientAge removed"
like "$sdate" '^(<absent>|)$' "basic profile: StudyDate emptied or removed"
is "$ltim" REMOVED "basic profile: LongitudinalTemporalInformationModified REMOVED"
is "$pir" YES "PatientIdentityRemoved YES"

# ---- the crosswalk directory ---------------------------------------------------
host=$(hostname)
set -- "$tmp"/cw/crosswalk.*.tsv
[ $# -eq 1 ] && [ -f "$1" ]
ok $? "-c DIR: one crosswalk file"
like "$(basename "$1")" "^crosswalk\\.$host\\.[0-9]+\\.tsv\$" "-c DIR: named crosswalk.<host>.<pid>.tsv"
is "$(stat -c %a "$1")" 600 "-c DIR: crosswalk mode 0600"
CW=$1
for kind in patient_id patient_name study_uid series_uid sop_uid path; do
	grep -q "^$kind	" "$CW"
	ok $? "crosswalk has $kind rows"
done
py - "$CW" "$tmp/out" >"$tmp/cw.check" 2>&1 <<'EOF'
import os, sys, pydicom
cw, out = sys.argv[1], sys.argv[2]
rows = set(tuple(l.rstrip("\n").split("\t")) for l in open(cw))
bad = 0
n = 0
for r in rows:
    if r[0] != "path":
        continue
    n += 1
    i = pydicom.dcmread(r[1])
    o = pydicom.dcmread(os.path.join(out, r[2]))
    want = [("patient_id", i.PatientID, o.PatientID),
            ("patient_name", str(i.PatientName), str(o.PatientName)),
            ("study_uid", i.StudyInstanceUID, o.StudyInstanceUID),
            ("series_uid", i.SeriesInstanceUID, o.SeriesInstanceUID),
            ("sop_uid", i.SOPInstanceUID, o.SOPInstanceUID)]
    for w in want:
        if w not in rows:
            bad += 1
            print("missing row %r" % (w,))
print("paths %d bad %d" % (n, bad))
EOF
like "$(cat "$tmp/cw.check")" '^paths 5 bad 0$' "crosswalk pseudonyms equal the outputs' values (patient, UIDs) for every path"
[ -s "$CW" ] && [ -z "$(awk -F'\t' 'NF != 3 || $1 == "" || $2 == "" || $3 == ""' "$CW")" ]
ok $? "crosswalk rows have three fields, none empty"

# the pid in the crosswalk's name is the writing process's
mkdir "$tmp/cwpid"
"$STRIP" $K -c "$tmp/cwpid" -o "$tmp/cwpid.out" "$tmp/in/a1.dcm" >/dev/null 2>"$tmp/cwpid.err" &
cpid=$!
wait $cpid
t_note_san "$tmp/cwpid.err"
[ -f "$tmp/cwpid/crosswalk.$host.$cpid.tsv" ]
ok $? "-c DIR: the file is crosswalk.$host.<the pid of the process>.tsv"

# a manifest of dcm-strip (header, 7 fields) is a valid input manifest
run_in mi "$tmp/m.out" "$STRIP" $K -O retain-uids -o "$tmp/mi"
is "$rc" 0 "a dcm-strip manifest on stdin: exit 0"
is "$(nrecords "$tmp/mi.out")" 5 "a dcm-strip manifest on stdin: its 5 files are read"
records "$tmp/m.out" | cut -f6 | LC_ALL=C sort >"$tmp/mi.want"
records "$tmp/mi.out" | cut -f6 | LC_ALL=C sort >"$tmp/mi.got"
[ -s "$tmp/mi.want" ] && cmp -s "$tmp/mi.want" "$tmp/mi.got"
ok $? "a dcm-strip manifest on stdin: the files of field 1 (UIDs kept with retain-uids)"

# ---- keys ------------------------------------------------------------------------
cp "$tmp/key1" "$tmp/key644" && chmod 644 "$tmp/key644"
run k1 "$STRIP" -k "$tmp/key644" -o "$tmp/k1" "$tmp/in/a1.dcm"
is "$rc" 0 "key file mode 0644: still runs"
like "$err" 'key644.*(group|others)' "key file mode 0644: a warning names it"
run k1q "$STRIP" -q -k "$tmp/key644" -o "$tmp/k1q" "$tmp/in/a1.dcm"
is "$err" "" "-q silences the key mode warning"
run k2 "$STRIP" -o "$tmp/k2" "$tmp/in/a1.dcm"
is "$rc" 0 "no key: still runs"
like "$err" 'random key' "no key: a warning about a random key"
run k2b "$STRIP" -o "$tmp/k2b" "$tmp/in/a1.dcm"
isnt "$(records "$tmp/k2.out" | cut -f3)" "$(records "$tmp/k2b.out" | cut -f3)" \
    "two runs without a key: different pseudonyms"
run k3 env DCMSCRUB_KEY="$tmp/key1" "$STRIP" -o "$tmp/k3" "$tmp/in/a1.dcm"
is "$(records "$tmp/k3.out" | cut -f3)" "$pid" "DCMSCRUB_KEY names the key"
unlike "$err" 'random key' "DCMSCRUB_KEY: no random key warning"

run s1 "$STRIP" -k "$tmp/key1" -o "$tmp/s1" "$tmp/in"
run s2 "$STRIP" -k "$tmp/key1" -o "$tmp/s2" "$tmp/in"
run s3 "$STRIP" -k "$tmp/key2" -o "$tmp/s3" "$tmp/in"
records "$tmp/s1.out" | cut -f2- | LC_ALL=C sort >"$tmp/s1.f"
records "$tmp/s2.out" | cut -f2- | LC_ALL=C sort >"$tmp/s2.f"
records "$tmp/m.out" | cut -f2- | LC_ALL=C sort >"$tmp/m.f"
records "$tmp/s3.out" | cut -f2- | LC_ALL=C sort >"$tmp/s3.f"
[ -s "$tmp/s1.f" ] && cmp -s "$tmp/s1.f" "$tmp/s2.f" && cmp -s "$tmp/s1.f" "$tmp/m.f"
ok $? "same key, separate runs: the same pseudonyms (fields 2-7)"
n=$(records "$tmp/s1.out" | cut -f3 | sort -u | wc -l)
is "$n" 4 "four patients, four pseudonyms"
comm -12 "$tmp/s1.f" "$tmp/s3.f" >"$tmp/s13.common"
[ -s "$tmp/s1.f" ] && [ -s "$tmp/s3.f" ] && [ ! -s "$tmp/s13.common" ]
ok $? "different key: no record in common"
for f in 3 4 5 6; do
	records "$tmp/s1.out" | cut -f$f | sort -u >"$tmp/x1"
	records "$tmp/s3.out" | cut -f$f | sort -u >"$tmp/x3"
	[ -s "$tmp/x1" ] && [ -z "$(comm -12 "$tmp/x1" "$tmp/x3")" ]
	ok $? "different key: field $f differs for every file"
done

# ---- --keep, computed and capped ages ------------------------------------------------
run kp "$STRIP" $K --keep PatientAge,PatientSex -c "$tmp/kp.cw" -o "$tmp/kp" "$tmp/in"
is "$rc" 0 "--keep PatientAge,PatientSex: exit 0"
for n in a1 b1 c1 d1; do
	o=$(awk -F'\t' -v n="$tmp/in/$n.dcm" '$1 == "path" && $2 == n { print $3 }' "$tmp/kp.cw")
	dtab PatientAge,PatientSex,PatientID,PatientName,PatientBirthDate,PatientWeight "$tmp/kp/$o" |
	    sed "s|^[^	]*|$n|"
done >"$tmp/kp.tab"
v() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$tmp/kp.tab"; }
is "$(v a1 2)" 045Y "--keep: PatientAge kept"
is "$(v a1 3)" F "--keep: PatientSex kept"
is "$(v b1 3)" M "--keep: PatientSex kept (second patient)"
is "$(v a1 4)" "$pid" "--keep: PatientID still the pseudonym"
is "$(v a1 5)" "$pid" "--keep: PatientName still the pseudonym"
like "$(v a1 6)" '^(<absent>|)$' "--keep: PatientBirthDate emptied or removed"
is "$(v b1 2)" 069Y "--keep PatientAge: age computed from PatientBirthDate and StudyDate"
like "$(v b1 6)" '^(<absent>|)$' "--keep: PatientBirthDate gone after computing the age"
is "$(v c1 2)" 090Y "--keep PatientAge: 095Y becomes 090Y"
is "$(v d1 2)" 090Y "--keep PatientAge: a computed 100Y becomes 090Y"
# the tag form of an attribute (the man page: a keyword or gggg,eeee)
run kt "$STRIP" $K --keep 0010,0040 -o "$tmp/kt" "$tmp/in/a1.dcm"
is "$rc" 0 "--keep 0010,0040 (the tag form): exit 0"
is "$(dtab PatientSex $(records "$tmp/kt.out" | cut -f1) | cut -f2)" F "--keep 0010,0040: PatientSex kept"
run kt2 "$STRIP" $K --keep 0010,0040,PatientAge -o "$tmp/kt2" "$tmp/in/a1.dcm"
is "$rc" 0 "--keep 0010,0040,PatientAge (a tag in a list): exit 0"
run kx "$STRIP" $K --keep PatientAge --keep-exact-age -o "$tmp/kx" "$tmp/in/c1.dcm" "$tmp/in/d1.dcm"
is "$rc" 0 "--keep-exact-age: exit 0"
dtab PatientAge $(records "$tmp/kx.out" | cut -f1) | cut -f2 | LC_ALL=C sort >"$tmp/kx.ages"
is "$(tr '\n' ' ' <"$tmp/kx.ages")" "095Y 100Y " "--keep-exact-age: 095Y stays, 100Y computed and kept"

# ---- dates ---------------------------------------------------------------------------
run dm "$STRIP" $K -O retain-long-modified-dates -c "$tmp/dm.cw" -o "$tmp/dm" "$tmp/in/a1.dcm" "$tmp/in/a2.dcm" "$tmp/in/b1.dcm" "$tmp/noid/e1.dcm"
is "$rc" 0 "retain-long-modified-dates: exit 0"
[ -s "$tmp/dm.cw" ] && [ -z "$(awk -F'\t' 'NF != 3 || $1 == "" || $2 == "" || $3 == ""' "$tmp/dm.cw")" ]
ok $? "retain-long-modified-dates: no crosswalk row with an empty field (a file with an empty PatientID)"
awk -F'\t' 'NF != 3 || $1 == "" || $2 == "" || $3 == ""' "$tmp/dm.cw" | sed 's/^/#   /' 
for n in a1 a2 b1; do
	o=$(awk -F'\t' -v n="$tmp/in/$n.dcm" '$1 == "path" && $2 == n { print $3 }' "$tmp/dm.cw")
	echo "$n $tmp/in/$n.dcm $tmp/dm/$o"
done >"$tmp/dm.pairs"
py - "$tmp/dm.pairs" >"$tmp/dm.check" 2>&1 <<'EOF'
import sys, datetime, pydicom
def d(s):
    return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
for line in open(sys.argv[1]):
    n, i, o = line.split()
    di, do = pydicom.dcmread(i), pydicom.dcmread(o)
    s1 = (d(do.StudyDate) - d(di.StudyDate)).days
    s2 = (d(do.ContentDate) - d(di.ContentDate)).days
    print(n, "study_shift", s1)
    print(n, "content_shift", s2)
    print(n, "interval_in", (d(di.ContentDate) - d(di.StudyDate)).days)
    print(n, "interval_out", (d(do.ContentDate) - d(do.StudyDate)).days)
    print(n, "ltim", do.get("LongitudinalTemporalInformationModified", "<absent>"))
EOF
g() { awk -v n="$1" -v k="$2" '$1 == n && $2 == k { print $3 }' "$tmp/dm.check"; }
sa1=$(g a1 study_shift)
like "$sa1" '^-[0-9]+$' "retain-long-modified-dates: StudyDate shifted back"
[ -n "$sa1" ] && [ "$sa1" -le -365 ] && [ "$sa1" -ge -3650 ]
ok $? "the shift ($sa1 days) is between -3650 and -365 days"
[ -n "$sa1" ] && [ "$(g a2 study_shift)" = "$sa1" ]
ok $? "the same shift for two files of the same patient"
[ -n "$sa1" ] && [ "$(g a1 content_shift)" = "$sa1" ]
ok $? "the same shift for StudyDate and ContentDate"
[ "$(g a1 interval_in)" = 5 ] && [ "$(g a1 interval_out)" = 5 ]
ok $? "the interval between two dates (5 days) survives"
is "$(g a1 ltim)" MODIFIED "retain-long-modified-dates: LongitudinalTemporalInformationModified MODIFIED"
grep -q '^date_offset	PIDA	'"$sa1"'$' "$tmp/dm.cw"
ok $? "the crosswalk has the patient's date_offset row"

run df "$STRIP" $K -O retain-long-full-dates -o "$tmp/df" "$tmp/in/a1.dcm"
is "$rc" 0 "retain-long-full-dates: exit 0"
dtab StudyDate,ContentDate,LongitudinalTemporalInformationModified $(records "$tmp/df.out" | cut -f1) >"$tmp/df.tab"
is "$(cut -f2- "$tmp/df.tab")" "20200110	20200115	UNMODIFIED" "retain-long-full-dates: dates kept, UNMODIFIED"

# ---- --id-map ------------------------------------------------------------------------
printf '# original\tpseudonym\nPIDA\tSUBJ-A\nPIDB\tSUBJ-B\n' >"$tmp/idmap"
run im "$STRIP" $K --id-map "$tmp/idmap" -o "$tmp/im" "$tmp/in/a1.dcm" "$tmp/in/c1.dcm" "$tmp/in/b1.dcm"
is "$rc" 1 "--id-map: a patient not in the map: exit 1"
like "$err" 'c1\.dcm: .*id-map' "--id-map: the message names the file and the map"
is "$(records "$tmp/im.out" | cut -f3 | LC_ALL=C sort | tr '\n' ' ')" "SUBJ-A SUBJ-B " \
    "--id-map: the mapped patients are written with their pseudonyms"
dtab PatientID,PatientName $(records "$tmp/im.out" | grep 'SUBJ-A' | cut -f1) >"$tmp/im.tab"
is "$(cut -f2- "$tmp/im.tab")" "SUBJ-A	SUBJ-A" "--id-map: PatientID and PatientName are the given pseudonym"

# ---- -c FILE appended by two runs --------------------------------------------------
run cf1 "$STRIP" $K -c "$tmp/cw.tsv" -o "$tmp/cf" "$tmp/in/a1.dcm"
n1=$(wc -l <"$tmp/cw.tsv")
run cf2 "$STRIP" $K -c "$tmp/cw.tsv" -o "$tmp/cf" "$tmp/in/b1.dcm"
n2=$(wc -l <"$tmp/cw.tsv")
[ "$n1" -gt 0 ] && [ "$n2" -gt "$n1" ]
ok $? "-c FILE: the second run appends ($n1 then $n2 rows)"
grep -q "^sop_uid	$R.1.1.1	" "$tmp/cw.tsv" && grep -q "^sop_uid	$R.3.1.1	" "$tmp/cw.tsv"
ok $? "-c FILE: the rows of both runs are there"
is "$(stat -c %a "$tmp/cw.tsv")" 600 "-c FILE: mode 0600"

# ---- --explain -------------------------------------------------------------------------
mkdir "$tmp/ex" && cd "$tmp/ex" || bail "cd"
run ex "$STRIP" $K --keep PatientAge --explain "$tmp/in/a1.dcm"
cd "$tmp" || bail "cd"
is "$rc" 0 "--explain: exit 0"
is "$(grep -c '^#' "$tmp/ex.out")" 1 "--explain: one header comment"
[ "$(grep -vc '^#' "$tmp/ex.out")" -ge 20 ] && [ "$(grep -v '^#' "$tmp/ex.out" | awk -F'\t' 'NF != 5' | wc -l)" -eq 0 ]
ok $? "--explain: a line per element, each with 5 TAB-separated fields"
like "$out" '^0010,0010	PatientName	PN	pseudonym	' "--explain: PatientName with action pseudonym"
like "$out" '^0010,1010	PatientAge	AS	keep	--keep' "--explain: --keep PatientAge is explained"
like "$out" '^0020,000[Dd]	StudyInstanceUID	UI	uid	' "--explain: StudyInstanceUID with action uid"
unlike "$(grep -v '^#' "$tmp/ex.out" | cut -f4)" '^$' "--explain: no empty action"
is "$(ls -A "$tmp/ex")" "" "--explain: writes no file"
run ex3 "$STRIP" $K --explain "$tmp/in/a1.dcm" -c "$tmp/ex3.cw"
[ ! -e "$tmp/ex3.cw" ]
ok $? "--explain with -c: no crosswalk written"
run ex2 "$STRIP" $K --explain "$tmp/in/a1.dcm" -o "$tmp/ex2"
is "$rc" 2 "--explain with -o: a usage error"

# ---- pixel data -------------------------------------------------------------------------
pix_pairs=$tmp/pix.pairs
: >"$pix_pairs"
for f in "$tmp/in/a1.dcm" "$tmp/in/b1.dcm" "$PYDATA/CT_small.dcm" "$PYDATA/MR_small_RLE.dcm" \
    "$PYDATA/MR_small_jpeg_ls_lossless.dcm" "$PYDATA/MR_small_bigendian.dcm"; do
	[ -f "$f" ] || continue
	b=$(basename "$f" .dcm)
	run "px-$b" "$STRIP" $K -o "$tmp/px-$b" "$f"
	echo "$rc $f $(records "$tmp/px-$b.out" | cut -f1)" >>"$pix_pairs"
done
py - "$pix_pairs" >"$tmp/pix.check" 2>&1 <<'EOF'
import sys, pydicom
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) != 3 or w[0] != "0":
        print("notwritten", w[1])
        continue
    i, o = pydicom.dcmread(w[1]), pydicom.dcmread(w[2])
    same = (i.PixelData == o.PixelData and
            i.file_meta.TransferSyntaxUID == o.file_meta.TransferSyntaxUID)
    print("same" if same else "differ", w[1])
EOF
n=$(wc -l <"$pix_pairs")
[ "$n" -ge 2 ] && ! grep -qv '^same ' "$tmp/pix.check"
ok $? "pixel data and transfer syntax copied byte for byte ($n files)"
grep -v '^same ' "$tmp/pix.check" | sed 's/^/# /'

# ---- burned-in ------------------------------------------------------------------------
run bi "$STRIP" $K -o "$tmp/bi" "$tmp/in/a1.dcm" "$tmp/bad/burned.dcm" "$tmp/bad/us.dcm"
is "$rc" 1 "BurnedInAnnotation YES: exit 1"
like "$err" 'burned\.dcm: .*burned' "BurnedInAnnotation YES: a message names the file"
like "$err" 'us\.dcm: ' "ultrasound without BurnedInAnnotation NO: refused with a message"
is "$(records "$tmp/bi.out" | wc -l)" 1 "only the clean file is written"
is "$(find "$tmp/bi" -type f | wc -l)" 1 "no file for the refused ones"
run bia "$STRIP" $K --allow-burned-in -o "$tmp/bia" "$tmp/in/a1.dcm" "$tmp/bad/burned.dcm" "$tmp/bad/us.dcm"
is "$rc" 0 "--allow-burned-in: exit 0"
is "$(records "$tmp/bia.out" | wc -l)" 3 "--allow-burned-in: all three written"

# ---- dciodvfy ---------------------------------------------------------------------------
if have dciodvfy && [ -d "$PYDATA" ]; then
	mask() { grep '^Error' | sed -E 's/"[^"]*"/""/g; s/[0-9]+(\.[0-9]+)+/N/g' | LC_ALL=C sort -u; }
	nd=0 ntried=0
	for b in CT_small MR_small rtstruct waveform_ecg; do
		f=$PYDATA/$b.dcm
		[ -f "$f" ] || continue
		ntried=$((ntried + 1))
		run "dv-$b" "$STRIP" $K -o "$tmp/dv-$b" "$f"
		o=$(records "$tmp/dv-$b.out" | cut -f1)
		if [ "$rc" -ne 0 ] || [ ! -f "$o" ]; then
			fail "dciodvfy: $b de-identified (exit $rc)"
			continue
		fi
		dciodvfy "$f" 2>&1 | mask >"$tmp/dv-$b.in"
		dciodvfy "$o" 2>&1 | mask >"$tmp/dv-$b.o"
		LC_ALL=C comm -13 "$tmp/dv-$b.in" "$tmp/dv-$b.o" >"$tmp/dv-$b.new"
		is "$(cat "$tmp/dv-$b.new")" "" "dciodvfy: no new Error on the output of $b"
		nd=$((nd + 1))
	done
	[ "$ntried" -gt 0 ] || skip "dciodvfy: no pydicom test files"
else
	skip "dciodvfy (dicom3tools) or pydicom's test files absent"
fi

# ---- -0 --------------------------------------------------------------------------------
mkdir -p "$tmp/z"
cp "$tmp/in/a1.dcm" "$tmp/z/with space.dcm"
cp "$tmp/in/b1.dcm" "$tmp/z/with
newline.dcm"
printf '%s\0%s\0' "$tmp/z/with space.dcm" "$tmp/z/with
newline.dcm" >"$tmp/z.in"
run_in z "$tmp/z.in" "$STRIP" -0 $K -o "$tmp/zout"
is "$rc" 0 "-0: exit 0 with a space and a newline in the input names"
is "$(tr -cd '\n' <"$tmp/z.out" | wc -c)" 0 "-0: no newline on stdout"
is "$(tr -cd '\000' <"$tmp/z.out" | wc -c)" 3 "-0: header and two records, NUL-terminated"
py - "$tmp/z.out" >"$tmp/z.check" <<'EOF'
import os, sys
recs = open(sys.argv[1], "rb").read().split(b"\0")
ok = recs[-1] == b"" and recs[0].startswith(b"#path\t")
ok = ok and all(os.path.isfile(r.split(b"\t")[0]) and r.count(b"\t") == 6 for r in recs[1:-1])
print("good" if ok else "bad")
EOF
is "$(cat "$tmp/z.check")" good "-0: header first, each record's path exists"

# ---- a closed stdout ------------------------------------------------------------------
# The reader is gone before anything is written: a write error (EPIPE).
( sleep 0.3; "$STRIP" $K -o "$tmp/pipe" "$tmp/many" 2>"$tmp/pipe.err"; echo $? >"$tmp/pipe.rc" ) | true
prc=$(cat "$tmp/pipe.rc")
t_note_san "$tmp/pipe.err"
is "$prc" 2 "stdout closed: exit 2 (a fatal write error), not a crash"
like "$(cat "$tmp/pipe.err")" 'stdout' "stdout closed: a message on stderr"
like "$(cat "$tmp/pipe.err")" 'stdout: .*(Broken pipe|EPIPE)' "stdout closed: the message gives the reason (a broken pipe)"
# and the real thing, where head goes away at some point of the run
{ "$STRIP" $K -o "$tmp/head" "$tmp/many" 2>"$tmp/head.err"; echo $? >"$tmp/head.rc"; } | head -n1 >"$tmp/head.out"
hrc=$(cat "$tmp/head.rc")
t_note_san "$tmp/head.err"
like "$hrc" '^[02]$' "dcm-strip | head -n1: exit 0 or 2, no crash (got $hrc)"
is "$(cat "$tmp/head.out")" "$(printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes')" \
    "dcm-strip | head -n1: the header line"
for d in pipe head; do
	find "$tmp/$d" -type f -name '*.dcm' ! -name '.dcmscrub.*' >"$tmp/$d.files" 2>/dev/null
	py - "$tmp/$d.files" >"$tmp/$d.complete" <<'EOF'
import sys, pydicom
bad = 0
for p in open(sys.argv[1]).read().splitlines():
    try:
        ds = pydicom.dcmread(p)
        if len(ds.PixelData) != 128:
            bad += 1
    except Exception:
        bad += 1
print(bad)
EOF
	is "$(cat "$tmp/$d.complete")" 0 "closed stdout ($d): every output file present is complete"
	run "re-$d" "$STRIP" $K -o "$tmp/$d" "$tmp/many"
	is "$rc" 0 "closed stdout ($d): the re-run succeeds"
	is "$(leftovers "$tmp/$d")" "" "closed stdout ($d): no .dcmscrub.* temp file after the re-run"
	is "$(find "$tmp/$d" -type f -name '*.dcm' | wc -l)" 40 "closed stdout ($d): all 40 files after the re-run"
done

# ---- an output never replaces an input ------------------------------------------------
# With the UIDs kept and the patient mapped to its own pseudonym, the second
# run's target is its input.
run ov1 "$STRIP" $K -O retain-uids -o "$tmp/ov" "$tmp/in/a1.dcm"
p=$(records "$tmp/ov1.out" | cut -f3)
printf '%s\t%s\n' "$p" "$p" >"$tmp/ov.map"
tree_sums "$tmp/ov" >"$tmp/ov.sums1"
run ov2 "$STRIP" $K -O retain-uids -O retain-long-full-dates --id-map "$tmp/ov.map" -o "$tmp/ov" "$tmp/ov"
isnt "$rc" 0 "an output that would replace its input: refused (exit $rc)"
like "$err" 'is one of the inputs' "an output that would replace its input: a message says so"
tree_sums "$tmp/ov" >"$tmp/ov.sums2"
cmp -s "$tmp/ov.sums1" "$tmp/ov.sums2"
ok $? "an output that would replace its input: the input is unchanged"
is "$(leftovers "$tmp/ov")" "" "an output that would replace its input: no temp file left"

# ---- inputs unchanged -----------------------------------------------------------------
(cd "$tmp" && find in bad many noid -type f | LC_ALL=C sort | xargs sha256sum) >"$tmp/inputs.sum2"
cmp -s "$tmp/inputs.sum" "$tmp/inputs.sum2"
ok $? "inputs unchanged after every run (sha256)"

done_testing
