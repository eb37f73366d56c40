#!/bin/sh
# 91-hostile.t: hostile archives and names through every tool that reads
# inputs (dcm-strip, dcm-convert, dcm-merge-frames, dcm-deface, dcm-crosswalk
# audit).  Each is refused or neutralised with a message, never a write
# outside -o, never a crash:
#   - tar members that are links (symbolic, hard), devices (character,
#     block) and fifos, beside a good member;
#   - a zip whose member says it is encrypted;
#   - a zip bomb (30 MB of zeros, about 1000:1), under the caps of
#     DCMSCRUB_MAX_RATIO, DCMSCRUB_MAX_TOTAL and DCMSCRUB_MAX_MEMBER, and a
#     cap that is not a number;
#   - 3000 tiny members that are not DICOM, around two good ones;
#   - member names that are not UTF-8, or hold a TAB or a newline;
#   - attribute values that would make a path (PatientID "../../../evil",
#     Modality "../..", UIDs with "/"), through the output layout.
# (32-archive.t has the zip-slip and absolute member names, and symbolic
# links in zip.)
. "$(dirname "$0")/lib.sh"

py -c 'import pydicom' 2>/dev/null || skip_all "python3-pydicom is not installed"
mkkey "$tmp/key" "$KEY1"
K="-k $tmp/key"
R=1.2.826.0.1.3680043.9999.91
cat >"$tmp/spec" <<EOF
$tmp/p/good1.dcm PatientID=FAKE-HOSTILE-1 PatientName=FAKE^HOSTILE StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.1 px=11
$tmp/p/good2.dcm PatientID=FAKE-HOSTILE-1 PatientName=FAKE^HOSTILE StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.2 px=12
$tmp/p/good3.dcm PatientID=FAKE-HOSTILE-1 PatientName=FAKE^HOSTILE StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.3 px=13
EOF
gen_dcm "$tmp/spec" || bail "cannot generate the fixtures"

py - "$tmp" <<'EOF' || bail "cannot make the archives"
import io, os, sys, tarfile, zipfile
tmp = sys.argv[1]
good = [open(os.path.join(tmp, "p", n), "rb").read() for n in ("good1.dcm", "good2.dcm")]

def member(t, name, data=None, kind=None, link=""):
    ti = tarfile.TarInfo(name)
    if kind is not None:
        ti.type = kind
        ti.linkname = link
        ti.devmajor, ti.devminor = 1, 3
        t.addfile(ti)
    else:
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))

with tarfile.open(os.path.join(tmp, "kinds.tar"), "w", format=tarfile.GNU_FORMAT) as t:
    member(t, "good.dcm", good[0])
    member(t, "hard.dcm", kind=tarfile.LNKTYPE, link="good.dcm")
    member(t, "sym.dcm", kind=tarfile.SYMTYPE, link="/etc/passwd")
    member(t, "chr.dcm", kind=tarfile.CHRTYPE)
    member(t, "blk.dcm", kind=tarfile.BLKTYPE)
    member(t, "fifo.dcm", kind=tarfile.FIFOTYPE)

# encrypted: the flag bit 0 set in the local and central headers of a stored member
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
    z.writestr("secret.dcm", good[1])
z = bytearray(b.getvalue())
assert z[:4] == b"PK\x03\x04"
z[6] |= 1
c = z.find(b"PK\x01\x02")
z[c + 8] |= 1
open(os.path.join(tmp, "enc.zip"), "wb").write(bytes(z))

# a bomb: 30 MB of zeros in one member, and a good member after it
with zipfile.ZipFile(os.path.join(tmp, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("zeros.dcm", b"\0" * (30 << 20))
    z.writestr("good.dcm", good[0])

# thousands of tiny members
with tarfile.open(os.path.join(tmp, "many.tar"), "w", format=tarfile.GNU_FORMAT) as t:
    member(t, "a-good.dcm", good[0])
    for i in range(3000):
        member(t, "tiny/%04d.dcm" % i, b"tiny %04d\n" % i)
    member(t, "z-good.dcm", good[1])

# names that are not UTF-8, with a TAB, with a newline
with tarfile.open(os.path.join(tmp, "names.tar"), "w", format=tarfile.GNU_FORMAT,
                  encoding="utf-8", errors="surrogateescape") as t:
    member(t, "bad\udcff\udcfe.dcm", good[0])
    member(t, "tab\tname.dcm", good[1])
EOF
mkdir -p "$tmp/nl" && cp "$tmp/p/good3.dcm" "$tmp/nl/new
line.dcm"

# the values that would make a path
py - "$tmp/p/good1.dcm" "$tmp/evil" <<'EOF' || bail "cannot write the evil files"
import os, sys, pydicom
src, out = sys.argv[1:3]
os.makedirs(out, exist_ok=True)
for i, (pid, mod) in enumerate((("../../../evil", "../.."), ("/abs/evil", "CT/../x"),
                                 ("..", "."), ("a\\b", "..\\.."))):
    d = pydicom.dcmread(src)
    d.PatientID = pid
    d.Modality = mod
    d.StudyInstanceUID = "../../study"
    d.SeriesInstanceUID = "/series/%d" % i
    d.SOPInstanceUID = "../sop/%d" % i
    d.file_meta.MediaStorageSOPInstanceUID = d.SOPInstanceUID
    d.save_as(os.path.join(out, "evil%d.dcm" % i))
EOF

sums() { (cd "$1" && find . -type f -print | LC_ALL=C sort | xargs -r sha256sum); }
for a in kinds.tar enc.zip bomb.zip many.tar names.tar; do sha256sum "$tmp/$a"; done >"$tmp/in.sums"

# run_tool NAME TOOL ARGS...: TOOL's usual options, -o $tmp/o-NAME
tool_cmd() {
	case $1 in
	strip) echo "$BIN/dcm-strip -q $K -c $tmp/cw-$2 -o $tmp/o-$2" ;;
	convert) echo "$BIN/dcm-convert -q -f nii -o $tmp/o-$2" ;;
	merge) echo "$BIN/dcm-merge-frames -q $K -o $tmp/o-$2" ;;
	deface) echo "$BIN/dcm-deface -q $K -o $tmp/o-$2" ;;
	esac
}

# the files under $tmp, but a run's own outputs
listing() {
	find "$tmp" -print | grep -v -e "^$tmp/o-" -e "^$tmp/cw-" -e "^$tmp/lists" -e '\.out$' -e '\.err$' |
	    LC_ALL=C sort
}
mkdir -p "$tmp/lists"

# ---- link, device and fifo members ------------------------------------------------
for t in strip convert merge deface; do
	mkdir -p "$tmp/cw-kinds-$t"
	# shellcheck disable=SC2046
	run "kinds-$t" $(tool_cmd "$t" "kinds-$t") "$tmp/kinds.tar"
	[ "$rc" -eq 1 ]
	ok $? "dcm-$t kinds.tar: exit 1 (status $rc)"
	missing=
	for m in hard sym chr blk fifo; do
		grep -q "kinds.tar:$m.dcm: .*refused" "$tmp/kinds-$t.err" || missing="$missing $m"
	done
	is "$missing" "" "dcm-$t kinds.tar: the hard link, symbolic link, devices and fifo each refused by name"
done
is "$(find "$tmp/o-kinds-strip" -name '*.dcm' -type f | wc -l | tr -d ' ')" 1 "dcm-strip kinds.tar: the good member written"

# ---- encrypted ------------------------------------------------------------------------
mkdir -p "$tmp/cw-enc"
run enc "$BIN/dcm-strip" -q $K -c "$tmp/cw-enc" -o "$tmp/o-enc" "$tmp/enc.zip"
is "$rc:$(find "$tmp/o-enc" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" "enc.zip: exit 1, nothing written"
like "$err" 'enc.zip(:secret.dcm)?: .*(encrypt|Encrypt|passphrase)' "enc.zip: the encrypted member refused by name"

# ---- the bomb under each cap ------------------------------------------------------------
for cap in DCMSCRUB_MAX_RATIO=100 DCMSCRUB_MAX_TOTAL=8M DCMSCRUB_MAX_MEMBER=1M; do
	n=${cap%%=*}
	mkdir -p "$tmp/cw-$n"
	run "bomb-$n" env "$cap" "$BIN/dcm-strip" -q $K -c "$tmp/cw-$n" -o "$tmp/o-$n" "$tmp/bomb.zip"
	is "$rc:$(find "$tmp/o-$n" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" \
	    "bomb.zip, $cap: exit 1, nothing written (the rest of the archive skipped)"
	case $n in
	*RATIO) like "$err" 'bomb.zip:zeros.dcm: .*ratio limit' "... refused by the ratio ($(printf '%s' "$err" | head -c 160))" ;;
	*TOTAL) like "$err" 'bomb.zip:zeros.dcm: archive expands beyond the limit' "... refused by the total" ;;
	*MEMBER) like "$err" 'bomb.zip:zeros.dcm: member larger than the limit' "... refused by the member's size" ;;
	esac
done
run bomb-bad env DCMSCRUB_MAX_RATIO=lots "$BIN/dcm-strip" -q $K -o "$tmp/o-bad" "$tmp/bomb.zip"
is "$rc:$(find "$tmp/o-bad" -type f 2>/dev/null | wc -l | tr -d ' ')" "2:0" "DCMSCRUB_MAX_RATIO=lots: exit 2, nothing written"
like "$err" 'DCMSCRUB_MAX_RATIO=lots: not a positive number' "... the message says why"
run bomb-unit env DCMSCRUB_MAX_TOTAL=8Q "$BIN/dcm-strip" -q $K -o "$tmp/o-unit" "$tmp/bomb.zip"
is "$rc" 2 "DCMSCRUB_MAX_TOTAL=8Q: exit 2"
mkdir -p "$tmp/cw-bomb0"
run bomb0 "$BIN/dcm-strip" -q $K -c "$tmp/cw-bomb0" -o "$tmp/o-bomb0" "$tmp/bomb.zip"
is "$rc:$(find "$tmp/o-bomb0" -type f | wc -l | tr -d ' ')" "1:0" \
    "bomb.zip under the default caps (1000:1): refused too, exit 1, nothing written"
like "$err" 'bomb.zip:zeros.dcm: .*ratio limit' "... by the ratio"

# ---- thousands of tiny members --------------------------------------------------------------
for t in strip deface; do
	mkdir -p "$tmp/cw-many-$t"
	# shellcheck disable=SC2046
	run "many-$t" $(tool_cmd "$t" "many-$t") "$tmp/many.tar"
	is "$rc" 1 "dcm-$t many.tar: exit 1"
	is "$(grep -c 'many.tar:tiny/' "$tmp/many-$t.err")" 3000 "dcm-$t many.tar: each of the 3000 tiny members reported"
done
is "$(find "$tmp/o-many-strip" -name '*.dcm' -type f | wc -l | tr -d ' ')" 2 "dcm-strip many.tar: the two good members written"

# ---- names: not UTF-8, a TAB, a newline -------------------------------------------------------
mkdir -p "$tmp/cw-names"
run names "$BIN/dcm-strip" $K -c "$tmp/cw-names" -o "$tmp/o-names" "$tmp/names.tar" "$tmp/nl"
is "$rc" 0 "names.tar and a newline in a file name: exit 0 ($(printf '%s' "$err" | head -c 200))"
is "$(find "$tmp/o-names" -name '*.dcm' -type f | wc -l | tr -d ' '):$(nrecords "$tmp/names.out")" "3:3" \
    "... three files written, three records"
is "$(awk -F '\t' 'NF != 7' "$tmp/names.out" | wc -l | tr -d ' ')" 0 "... every record of 7 fields"
is "$(cat "$tmp"/cw-names/crosswalk.*.tsv | awk -F '\t' 'NF != 3 && !/^#/' | wc -l | tr -d ' ')" 0 \
    "... every crosswalk row of 3 fields (a TAB or newline in a name is a space there)"
is "$(find "$tmp/o-names" -type f -print0 | tr '\0\t\n' '\n##' | grep -c '#')" 0 "... no output name holds a TAB or newline"

# ---- values that would make a path --------------------------------------------------------------
listing >"$tmp/lists/before"
for t in strip convert merge deface; do
	mkdir -p "$tmp/cw-evil-$t"
	# shellcheck disable=SC2046
	(cd "$tmp/evil" && run "evil-$t" $(tool_cmd "$t" "evil-$t") "$tmp/evil")
	[ -s "$tmp/evil-$t.err" ] && grep -Eq 'AddressSanitizer|runtime error:' "$tmp/evil-$t.err" && t_san="$t_san evil-$t"
done
listing >"$tmp/lists/after"
is "$(LC_ALL=C comm -13 "$tmp/lists/before" "$tmp/lists/after")" "" \
    "attribute values with ../ and /: no tool wrote anything outside its -o"
for p in /evil /abs "$tmp/evil.dcm" /tmp/evil; do [ ! -e "$p" ] || fail "$p exists"; done
n=0
for t in strip convert merge deface; do
	bad=$(find "$tmp/o-evil-$t" -mindepth 1 2>/dev/null | sed "s|^$tmp/o-evil-$t/||" | grep -E '(^|/)\.\.?(/|$)|^/')
	[ -z "$bad" ] || { fail "dcm-$t: a path component . or .. under -o: $bad"; n=1; }
done
is "$n" 0 "no output path has a . or .. component"
is "$(find "$tmp/o-evil-strip" -name '*.dcm' -type f | wc -l | tr -d ' ')" 4 "dcm-strip: the four evil files written, under -o"

for a in kinds.tar enc.zip bomb.zip many.tar names.tar; do sha256sum "$tmp/$a"; done | cmp -s - "$tmp/in.sums"
ok $? "no archive changed"

done_testing
