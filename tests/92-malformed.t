#!/bin/sh
# 92-malformed.t: malformed DICOM beside good series, through every tool that
# reads DICOM (dcm-strip, dcm-convert, dcm-merge-frames, dcm-deface,
# dcm-crosswalk audit): each bad file gets a clear error naming it, the exit
# status is 1, the good series of the batch are processed all the same, no
# tool crashes (no status from a signal, no sanitizer report), and no input
# changes.
#
# The bad files (written here, fake identities only):
#   trunc-*       a good file cut in its preamble, meta group, an element's
#                 header, a value, its pixel data
#   badlen        an element whose length runs over the elements after it
#   pastend       a last element whose length runs 4 GB past the end
#   openseq       a sequence and item of undefined length, never closed
#   deep          20,000 nested sequences (dcmtk recurses: its stack)
#   deepopen      the same, cut before its delimiters
#   ts-implicit   the meta says explicit VR, the data set is implicit
#   ts-unknown    a transfer syntax UID that is none
#   ts-jpeg       the meta says JPEG baseline, the pixels are native
#   nometa        a bare data set: no preamble, no meta group
#   text.dcm, png.dcm, empty.dcm, zeros.dcm   not DICOM, named .dcm
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
[ -x "$GEN" ] || bail "$GEN: not built"
py -c 'import pydicom' 2>/dev/null || skip_all "python3-pydicom is not installed"
mkkey "$tmp/key" "$KEY1"

# the good series: a synthetic head CT at 6 mm (40 slices), and a copy to break
"$GEN" --spacing 6 --fov 240 -o "$tmp/good" </dev/null 2>"$tmp/gen.err" || bail "gen-head: $(cat "$tmp/gen.err")"
rm -f "$tmp/good/labels.nii.gz" "$tmp/good/labels.txt"
# the file to cut: of another series (a cut copy of a good slice would be a
# second image at its position, which no tool can stack)
"$GEN" --spacing 12 --fov 240 --seed 2 --series 2 -o "$tmp/other" </dev/null 2>"$tmp/gen.err" ||
    bail "gen-head: $(cat "$tmp/gen.err")"
ngood=$(find "$tmp/good" -name '*.dcm' | wc -l | tr -d ' ')
# a crosswalk of the good series, for the audit
"$BIN/dcm-strip" -q -k "$tmp/key" -c "$tmp/cw.tsv" -o "$tmp/stripped" "$tmp/good" >/dev/null 2>&1 ||
    bail "dcm-strip of the good series failed"

mkdir -p "$tmp/bad"
py - "$tmp/other/IM0001.dcm" "$tmp/bad" <<'PY' || bail "cannot write the malformed files"
import os, struct, sys, zlib
src, out = sys.argv[1:3]
good = open(src, "rb").read()

def w(name, b):
    open(os.path.join(out, name + ("" if name.endswith(".dcm") else ".dcm")), "wb").write(b)

def el(g, e, vr, val, ln=None):
    ln = len(val) if ln is None else ln
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2s2xI", g, e, vr.encode(), ln) + val
    return struct.pack("<HH2sH", g, e, vr.encode(), ln) + val

def iel(g, e, val, ln=None):
    return struct.pack("<HHI", g, e, len(val) if ln is None else ln) + val

SOP = b"1.2.840.10008.5.1.4.1.1.7\0"
def meta(ts, sop=b"2.25.1234\0"):
    body = el(2, 1, "OB", b"\0\1") + el(2, 2, "UI", SOP) + el(2, 3, "UI", sop) + el(2, 0x10, "UI", ts)
    return b"\0" * 128 + b"DICM" + el(2, 0, "UL", struct.pack("<I", len(body))) + body

EXPL = b"1.2.840.10008.1.2.1\0"
px = struct.pack("<64H", *range(64))
# the first elements of a data set, whole
FIRST = el(8, 0x16, "UI", SOP) + el(8, 0x18, "UI", b"2.25.1234\0") + el(8, 0x60, "CS", b"OT")
def ds_explicit(extra=b""):
    return (el(8, 0x16, "UI", SOP) + el(8, 0x18, "UI", b"2.25.1234\0") + el(8, 0x60, "CS", b"OT") +
            el(0x10, 0x10, "PN", b"FAKE^MALFORMED") + el(0x10, 0x20, "LO", b"FAKE-MAL-1") + extra +
            el(0x20, 0x0d, "UI", b"2.25.99\0") + el(0x20, 0x0e, "UI", b"2.25.98\0") +
            el(0x28, 2, "US", struct.pack("<H", 1)) + el(0x28, 4, "CS", b"MONOCHROME2 ") +
            el(0x28, 0x10, "US", struct.pack("<H", 8)) + el(0x28, 0x11, "US", struct.pack("<H", 8)) +
            el(0x28, 0x100, "US", struct.pack("<H", 16)) + el(0x28, 0x101, "US", struct.pack("<H", 16)) +
            el(0x28, 0x102, "US", struct.pack("<H", 15)) + el(0x28, 0x103, "US", struct.pack("<H", 0)) +
            el(0x7fe0, 0x10, "OW", px))

# a good file cut at five places
hdr_end = 132 + 12 + struct.unpack("<I", good[140:144])[0]
for name, at in (("trunc-preamble", 60), ("trunc-meta", 150), ("trunc-header", hdr_end + 5),
                 ("trunc-value", hdr_end + 40), ("trunc-pixels", len(good) - 1000)):
    w(name, good[:at])
# lengths that do not add up
body = ds_explicit()
i = body.index(b"FAKE^MALFORMED") - 2
w("badlen", meta(EXPL) + body[:i] + struct.pack("<H", 0xfff0) + body[i + 2:])
w("pastend", meta(EXPL) + ds_explicit()[:-len(px) - 12] + struct.pack("<HH2s2xI", 0x7fe0, 0x10, b"OW", 0xfffffff0) + px)
# a sequence and an item of undefined length, never closed
w("openseq", meta(EXPL) + FIRST + struct.pack("<HH2s2xI", 0x0008, 0x1115, b"SQ", 0xffffffff) +
  struct.pack("<HHI", 0xfffe, 0xe000, 0xffffffff) + el(8, 0x1150, "UI", SOP))
# nested thousands deep
n = 20000
nest = (struct.pack("<HH2s2xI", 0x0008, 0x1115, b"SQ", 0xffffffff) + struct.pack("<HHI", 0xfffe, 0xe000, 0xffffffff)) * n
close = (struct.pack("<HHI", 0xfffe, 0xe00d, 0) + struct.pack("<HHI", 0xfffe, 0xe0dd, 0)) * n
w("deep", meta(EXPL) + FIRST + nest + close)
w("deepopen", meta(EXPL) + FIRST + nest)
# transfer syntaxes that lie
impl = (iel(8, 0x16, SOP) + iel(8, 0x18, b"2.25.1234\0") + iel(0x10, 0x10, b"FAKE^MALFORMED") +
        iel(0x28, 0x10, struct.pack("<H", 8)) + iel(0x28, 0x11, struct.pack("<H", 8)) + iel(0x7fe0, 0x10, px))
w("ts-implicit", meta(EXPL) + impl)
w("ts-unknown", meta(b"1.2.3.4.5.6.7\0") + ds_explicit())
w("ts-jpeg", meta(b"1.2.840.10008.1.2.4.50\0") + ds_explicit())
w("nometa", impl)
# not DICOM, named .dcm
w("text.dcm", b"Patient: FAKE^TEXT\nthis is not a DICOM file\n")
w("png.dcm", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
w("empty.dcm", b"")
w("zeros.dcm", b"\0" * 4096)
PY
nbad=$(find "$tmp/bad" -type f | wc -l | tr -d ' ')
is "$nbad" 18 "18 malformed files written"
sums() { (cd "$1" && find . -type f -print | LC_ALL=C sort | xargs -r sha256sum); }
sums "$tmp/bad" >"$tmp/bad.sums"
sums "$tmp/good" >"$tmp/good.sums"

ndcm() { find "$1" -name '*.dcm' -type f 2>/dev/null | wc -l | tr -d ' '; }

# named TOOL ERRFILE: every bad file named in the errors (not those a tool
# may read as DICOM, nometa, ts-*, badlen, trunc-pixels; nor, for the tools
# that read headers only and pass over what is not an image with geometry,
# pastend, whose pixel data they never reach)
named() {
	missing=
	for f in "$tmp"/bad/*.dcm; do
		b=${f##*/}
		case $b in nometa.dcm | ts-implicit.dcm | ts-unknown.dcm | ts-jpeg.dcm | badlen.dcm | trunc-pixels.dcm) continue ;; esac
		case $1:$b in convert:pastend.dcm | deface:pastend.dcm) continue ;; esac
		grep -qF "$b" "$2" || missing="$missing $b"
	done
	echo "$missing"
}

for tool in strip convert merge deface audit; do
	case $tool in
	strip) set -- "$BIN/dcm-strip" -q -k "$tmp/key" -o "$tmp/o-$tool" ;;
	convert) set -- "$BIN/dcm-convert" -q -f nii -o "$tmp/o-$tool" ;;
	merge) set -- "$BIN/dcm-merge-frames" -q -k "$tmp/key" -o "$tmp/o-$tool" ;;
	deface) set -- "$BIN/dcm-deface" -q -k "$tmp/key" -m face -o "$tmp/o-$tool" ;;
	audit) set -- "$BIN/dcm-crosswalk" audit "$tmp/cw.tsv" ;;
	esac
	[ -x "$1" ] || { fail "$1: not built"; continue; }
	run "$tool" "$@" "$tmp/bad" "$tmp/good"
	[ "$rc" -lt 128 ] && [ "$rc" -ne 0 ]
	ok $? "dcm-$tool: exit status $rc, an error, no crash ($(grep -c . "$tmp/$tool.err") lines on stderr)"
	case $tool in
	strip)
		# every good file out, and the bad files that still parse
		n=$(ndcm "$tmp/o-$tool")
		[ "$n" -ge "$ngood" ]
		ok $? "dcm-strip: the $ngood good files written all the same ($n files)"
		;;
	convert)
		n=$(find "$tmp/o-$tool" -name '*.nii' | wc -l | tr -d ' ')
		[ "$n" -ge 1 ]
		ok $? "dcm-convert: the good series converted all the same ($n volumes)"
		;;
	merge)
		n=$(ndcm "$tmp/o-$tool")
		[ "$n" -ge 1 ]
		ok $? "dcm-merge-frames: the good series merged all the same ($n files)"
		;;
	deface)
		n=$(ndcm "$tmp/o-$tool")
		[ "$n" -ge "$ngood" ]
		ok $? "dcm-deface: the good series defaced all the same ($n files)"
		;;
	audit)
		# the audit searches the bytes of what it cannot parse: no file is an error
		n=$(grep -c "/good/IM0040.dcm	.*patient_id" "$tmp/$tool.out")
		[ "$n" -ge 1 ]
		ok $? "dcm-crosswalk audit: the good series' originals reported all the same"
		grep -q "/bad/trunc-pixels.dcm	-	patient_id" "$tmp/$tool.out"
		ok $? "dcm-crosswalk audit: a file it cannot parse searched as bytes (tag path -)"
		continue
		;;
	esac
	is "$(named "$tool" "$tmp/$tool.err")" "" "dcm-$tool: each unreadable bad file named in an error"
	grep -q 'nested deeper' "$tmp/$tool.err"
	ok $? "dcm-$tool: deep.dcm refused for its nesting"
done
sums "$tmp/bad" | cmp -s - "$tmp/bad.sums" && sums "$tmp/good" | cmp -s - "$tmp/good.sums"
ok $? "no input changed by any tool"

done_testing
