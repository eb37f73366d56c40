#!/bin/sh
# 70-merge-frames.t: dcm-merge-frames, classic single-frame CT and MR series
# to Legacy Converted Enhanced multi-frame images and back (--split).
#
# On the synthetic head (CT, 12-bit MR, CBCT, an oblique MR, a sagittal CT
# stored against its normal): one valid file per series (dciodvfy), the same
# voxels and affine as the slices through dcm-convert and dcm2niix, one
# per-frame item per slice in the order of the slice normal naming its
# source, --split back to the same pixels and positions under new UIDs, the
# same bytes for the same key whatever the order or names of the inputs,
# RLE and JPEG-LS holding the same pixels, refusals (two slices at one
# position, a text file) that keep every record, non-images passed through,
# inputs never touched, and nothing of the PHI of de-identified inputs.
# Then the real series of ../shared/data (skipped where absent): the
# Philips CT of dcm_qa_ct and the cardiac MR of heads merge into one file
# each, with no dciodvfy Error the source files do not have and the same
# volume for dcm-convert.  dcm_qa_12bit holds three Siemens mosaics (a whole
# volume in one frame each, under one SOP instance UID): they are passed
# through; their real 12-bit pixels (garbage high bits, signed values) are
# merged once each mosaic is cut into classic slices here.
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
MERGE=$BIN/dcm-merge-frames
CONVERT=$BIN/dcm-convert
shared=${DCMSCRUB_SHARED:-$root/../shared/data}
[ -x "$MERGE" ] || bail "$MERGE: not built"
[ -x "$CONVERT" ] || bail "$CONVERT: not built"
[ -x "$GEN" ] || bail "$GEN: not built"
py -c 'import numpy, nibabel' 2>/dev/null || skip_all "python3-numpy or python3-nibabel is not installed"

LEGACY_CT=1.2.840.10008.5.1.4.1.1.2.2
LEGACY_MR=1.2.840.10008.5.1.4.1.1.4.4
TAB=$(printf '\t')

head -c 32 /dev/urandom >"$tmp/key" && chmod 600 "$tmp/key"
head -c 32 /dev/urandom >"$tmp/key2" && chmod 600 "$tmp/key2"

# ---- helpers ----------------------------------------------------------------

# The .dcm files under a tree, sorted, one a line.
dcms() { find "$@" -type f -name '*.dcm' | LC_ALL=C sort; }
ndcm() { dcms "$@" | wc -l | tr -d ' '; }

# ioderrs FILE...: dciodvfy's Error lines on the files, each once, with the
# quoted values and the module names left out (a module of the classic IOD
# is another of the enhanced one), so that sets from two IODs compare.
ioderrs() {
	for f; do dciodvfy "$f" 2>&1; done | grep '^Error' |
	    sed -e 's/"[^"]*"/"..."/g' -e 's/ *Module=<[^>]*>//g' | LC_ALL=C sort -u
}

# newerrs MERGED-LIST SOURCE-LIST: the Error lines of the first files that
# none of the second has (the lists are files of paths).
newerrs() {
	# shellcheck disable=SC2046
	ioderrs $(cat "$1") >"$tmp/ne.a"
	# shellcheck disable=SC2046
	ioderrs $(cat "$2") >"$tmp/ne.b"
	LC_ALL=C comm -23 "$tmp/ne.a" "$tmp/ne.b"
}

# A field of the record (non-comment line) N of a manifest: field FILE COL [N]
field() { grep -v '^#' "$1" | sed -n "${3:-1}p" | cut -f "$2"; }

# niicmp DIR-A DIR-B: the one .nii of each: the same stored voxels in the same
# order, the same scaling, affines within 1e-4 mm.
cat >"$tmp/niicmp.py" <<'PY'
import sys, glob
import numpy as np, nibabel as nib
def one(d):
    g = sorted(glob.glob(d + "/**/*.nii", recursive=True))
    if len(g) != 1:
        print("%s: %d NIfTI files, not 1" % (d, len(g))); sys.exit(1)
    return nib.load(g[0])
a, b = one(sys.argv[1]), one(sys.argv[2])
da, db = a.dataobj.get_unscaled(), b.dataobj.get_unscaled()
msg = []
if da.shape != db.shape:
    msg.append("shape %s vs %s" % (da.shape, db.shape))
elif not np.array_equal(da, db):
    msg.append("%d voxels differ" % np.count_nonzero(da != db))
if (a.dataobj.slope, a.dataobj.inter) != (b.dataobj.slope, b.dataobj.inter):
    msg.append("scaling %s vs %s" % ((a.dataobj.slope, a.dataobj.inter), (b.dataobj.slope, b.dataobj.inter)))
e = np.abs(a.affine - b.affine).max()
if e > 1e-4:
    msg.append("affine off by %g mm" % e)
print("; ".join(msg) if msg else "same voxels %s, affine within %.1e mm" % (da.shape, e))
sys.exit(1 if msg else 0)
PY

# frames.py MERGED ORIGINAL...: the multi-frame file against its slices
# sorted along the slice normal: pixel_array (frames, rows, cols) equal to
# theirs frame by frame, one per-frame item per slice with its position and
# InStackPositionNumber k, and a conversion source naming that slice (each
# original once).
cat >"$tmp/frames.py" <<'PY'
import sys
import numpy as np, pydicom
m = pydicom.dcmread(sys.argv[1])
orig = [pydicom.dcmread(f) for f in sys.argv[2:]]
iop = np.array(orig[0].ImageOrientationPatient, float)
nrm = np.cross(iop[:3], iop[3:])
orig.sort(key=lambda d: float(np.dot(nrm, np.array(d.ImagePositionPatient, float))))
bad = []
n = int(m.NumberOfFrames)
pf = m.get("PerFrameFunctionalGroupsSequence", [])
if n != len(orig) or len(pf) != n:
    bad.append("NumberOfFrames %d, %d per-frame items, %d originals" % (n, len(pf), len(orig)))
px = m.pixel_array
if n == 1:
    px = px[np.newaxis]
if px.shape != (len(orig), orig[0].Rows, orig[0].Columns):
    bad.append("pixel_array shape %s, want %s" % (px.shape, (len(orig), orig[0].Rows, orig[0].Columns)))
srcs = []
for k, it in enumerate(pf):
    if k >= len(orig):
        break
    o = orig[k]
    if px.shape[0] > k and not np.array_equal(px[k], o.pixel_array):
        bad.append("frame %d: pixels are not those of slice %d along the normal" % (k + 1, k + 1))
    try:
        ipp = np.array(it.PlanePositionSequence[0].ImagePositionPatient, float)
    except (AttributeError, IndexError):
        bad.append("frame %d: no PlanePositionSequence" % (k + 1)); continue
    want = np.array(o.ImagePositionPatient, float)
    if np.abs(ipp - want).max() > 1e-4:
        bad.append("frame %d: IPP %s, slice %d along the normal is at %s" % (k + 1, list(ipp), k + 1, list(want)))
    try:
        isp = int(it.FrameContentSequence[0].InStackPositionNumber)
    except (AttributeError, IndexError):
        isp = None
    if isp != k + 1:
        bad.append("frame %d: InStackPositionNumber %s" % (k + 1, isp))
    cs = it.get("ConversionSourceAttributesSequence", [])
    srcs += [c.ReferencedSOPInstanceUID for c in cs]
    if len(cs) != 1 or cs[0].ReferencedSOPInstanceUID != o.SOPInstanceUID or \
            cs[0].ReferencedSOPClassUID != o.SOPClassUID:
        bad.append("frame %d: ConversionSourceAttributesSequence does not name slice %d" % (k + 1, k + 1))
if sorted(srcs) != sorted(d.SOPInstanceUID for d in orig):
    bad.append("the conversion sources are not each original once (%d named, %d distinct)" % (len(srcs), len(set(srcs))))
print("; ".join(bad[:4]) if bad else "%d frames: pixels, positions, stack positions and sources of the slices" % n)
sys.exit(1 if bad else 0)
PY

# split.py SPLITDIR ORIGINAL...: the classic files written by --split
# against the originals, matched by position: as many, pixel arrays,
# position, orientation, spacing and rescale equal, each original matched
# once, every SOP instance UID new and distinct.
cat >"$tmp/split.py" <<'PY'
import sys, glob
import numpy as np, pydicom
got = [pydicom.dcmread(f) for f in sorted(glob.glob(sys.argv[1] + "/**/*.dcm", recursive=True))]
orig = [pydicom.dcmread(f) for f in sys.argv[2:]]
bad = []
if len(got) != len(orig):
    bad.append("%d files, %d originals" % (len(got), len(orig)))
uids = [g.SOPInstanceUID for g in got]
if len(set(uids)) != len(uids):
    bad.append("SOP instance UIDs repeat")
if set(uids) & set(o.SOPInstanceUID for o in orig):
    bad.append("SOP instance UIDs of the originals kept")
if set(g.SeriesInstanceUID for g in got) & set(o.SeriesInstanceUID for o in orig if "SeriesInstanceUID" in o):
    bad.append("the series UID of the originals kept")
def num(d, kw, dflt):
    return float(d.get(kw, dflt)) if d.get(kw, None) not in (None, "") else dflt
used = set()
for g in got:
    if g.SOPClassUID != orig[0].SOPClassUID:
        bad.append("SOPClassUID %s" % g.SOPClassUID); break
    ipp = np.array(g.ImagePositionPatient, float)
    m = [i for i, o in enumerate(orig) if np.abs(np.array(o.ImagePositionPatient, float) - ipp).max() < 1e-4]
    if len(m) != 1:
        bad.append("IPP %s: %d originals there" % (list(ipp), len(m))); continue
    o = orig[m[0]]
    if m[0] in used:
        bad.append("IPP %s twice" % list(ipp))
    used.add(m[0])
    if not np.array_equal(g.pixel_array, o.pixel_array):
        bad.append("IPP %s: pixels differ" % list(ipp))
    if np.abs(np.array(g.ImageOrientationPatient, float) - np.array(o.ImageOrientationPatient, float)).max() > 1e-6:
        bad.append("IPP %s: orientation differs" % list(ipp))
    if np.abs(np.array(g.PixelSpacing, float) - np.array(o.PixelSpacing, float)).max() > 1e-6:
        bad.append("IPP %s: pixel spacing differs" % list(ipp))
    if abs(num(g, "RescaleSlope", 1) - num(o, "RescaleSlope", 1)) > 1e-9 or \
            abs(num(g, "RescaleIntercept", 0) - num(o, "RescaleIntercept", 0)) > 1e-9:
        bad.append("IPP %s: rescale differs" % list(ipp))
print("; ".join(bad[:4]) if bad else "%d files: the originals' pixels and geometry, new UIDs" % len(got))
sys.exit(1 if bad else 0)
PY

# pixeq.py A B: the same pixel_array in both files.
cat >"$tmp/pixeq.py" <<'PY'
import sys
import numpy as np, pydicom
a, b = (pydicom.dcmread(f).pixel_array for f in sys.argv[1:3])
ok = a.shape == b.shape and np.array_equal(a, b)
print("same pixels %s" % (a.shape,) if ok else "pixels differ: %s vs %s" % (a.shape, b.shape))
sys.exit(0 if ok else 1)
PY

# ---- 1. the synthetic head, merged ------------------------------------------
# ct: CT LPS; mr: 12-bit MR; cbct; obl: MR rotated 20 degrees about L-R;
# sag: CT stored sagittally with the slices against the normal (ASL).
sets="ct mr cbct obl sag"
: >"$tmp/gen.err"
"$GEN" --modality ct --spacing 5 --fov 200 -o "$tmp/g/ct" 2>>"$tmp/gen.err"
"$GEN" --modality mr --bits 12 --spacing 5 --fov 200 -o "$tmp/g/mr" 2>>"$tmp/gen.err"
"$GEN" --modality cbct --spacing 5 --fov 200 -o "$tmp/g/cbct" 2>>"$tmp/gen.err"
"$GEN" --modality mr --spacing 5 --fov 200 --oblique 20 --oblique-axis x -o "$tmp/g/obl" 2>>"$tmp/gen.err"
"$GEN" --modality ct --spacing 5 --fov 200 --orient ASL -o "$tmp/g/sag" 2>>"$tmp/gen.err"
for s in $sets; do
	mkdir -p "$tmp/in/$s"
	mv "$tmp/g/$s"/*.dcm "$tmp/in/$s/" 2>>"$tmp/gen.err"
done
is "$(cat "$tmp/gen.err")" "" "gen-head wrote the five series"
tree_sums "$tmp/in" >"$tmp/in.sums"

for s in $sets; do
	n=$(ndcm "$tmp/in/$s")
	case $s in mr | obl) want=$LEGACY_MR mod=MR ;; *) want=$LEGACY_CT mod=CT ;; esac
	run "m-$s" "$MERGE" -q -k "$tmp/key" -o "$tmp/m/$s" "$tmp/in/$s"
	is "$rc" 0 "$s: exit 0 ($err)"
	is "$(head -n 1 "$tmp/m-$s.out")" "$(printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes')" \
	    "$s: the manifest header"
	is "$(nrecords "$tmp/m-$s.out"):$(ndcm "$tmp/m/$s")" 1:1 "$s: one record, one file written"
	is "$(field "$tmp/m-$s.out" 7)" "$n" "$s: frames field = the $n inputs"
	f=$(dcms "$tmp/m/$s" | head -n 1)
	eval "m_$s=\$f"
	p=$(field "$tmp/m-$s.out" 1)
	is "$p" "$f" "$s: the record names the file written"
	v=$(dtab Modality,PatientID,StudyInstanceUID,SeriesInstanceUID,SOPInstanceUID "$f" | cut -f 2-)
	is "$(field "$tmp/m-$s.out" 2-6)" "$v" "$s: the record's fields are the file's"
	is "$p" "$tmp/m/$s/$(printf '%s' "$v" | cut -f 2)/$(printf '%s' "$v" | cut -f 3)/$(printf '%s' "$v" | cut -f 4)/$(printf '%s' "$v" | cut -f 5).dcm" \
	    "$s: the path is out/patient/study/series/sop.dcm"
	is "$(dtab SOPClassUID,NumberOfFrames,Modality "$f" | cut -f 2-)" "$(printf '%s\t%s\t%s' "$want" "$n" "$mod")" \
	    "$s: the Legacy Converted Enhanced $mod class, NumberOfFrames $n"
	orig_series=$(dtab SeriesInstanceUID "$tmp/in/$s/IM0001.dcm" | cut -f 2)
	isnt "$(printf '%s' "$v" | cut -f 4)" "$orig_series" "$s: a new series UID"
	if have dciodvfy; then
		is "$(ioderrs "$f")" "" "$s: dciodvfy reports no Error"
	else
		skip "dciodvfy absent"
	fi
done

# ---- 2. geometry: dcm-convert and dcm2niix see the slices' volume -------------
for s in $sets; do
	eval "f=\$m_$s"
	run "cm-$s" "$CONVERT" -q -f nii -o "$tmp/c/$s/m" "$f"
	run "co-$s" "$CONVERT" -q -f nii -o "$tmp/c/$s/o" "$tmp/in/$s"
	py "$tmp/niicmp.py" "$tmp/c/$s/m" "$tmp/c/$s/o" >"$tmp/nc-$s" 2>&1
	ok $? "$s: dcm-convert, merged vs slices: $(tail -n 1 "$tmp/nc-$s")"
	if have dcm2niix; then
		mkdir -p "$tmp/d/$s/m" "$tmp/d/$s/o"
		dcm2niix -z n -o "$tmp/d/$s/m" "$tmp/m/$s" >"$tmp/d2n-$s.log" 2>&1
		dcm2niix -z n -o "$tmp/d/$s/o" "$tmp/in/$s" >>"$tmp/d2n-$s.log" 2>&1
		py "$tmp/niicmp.py" "$tmp/d/$s/m" "$tmp/d/$s/o" >"$tmp/nd-$s" 2>&1
		ok $? "$s: dcm2niix, merged vs slices: $(tail -n 1 "$tmp/nd-$s")"
	else
		skip "dcm2niix absent"
	fi
	if have dcmdump; then
		dcmdump "$f" >"$tmp/dump-$s" 2>&1 && ! grep -qi '^E:' "$tmp/dump-$s"
		ok $? "$s: dcmdump reads the merged file"
	else
		skip "dcmdump absent"
	fi
done

# ---- 3. per-frame content ------------------------------------------------------
for s in $sets; do
	eval "f=\$m_$s"
	# shellcheck disable=SC2046
	py "$tmp/frames.py" "$f" $(dcms "$tmp/in/$s") >"$tmp/fr-$s" 2>&1
	ok $? "$s: per-frame groups, pydicom: $(tail -n 1 "$tmp/fr-$s")"
done

# ---- 4. --split: back to classic files ----------------------------------------
for s in $sets; do
	eval "f=\$m_$s"
	n=$(ndcm "$tmp/in/$s")
	run "sp-$s" "$MERGE" -q -k "$tmp/key" --split -o "$tmp/sp/$s" "$f"
	is "$rc:$(nrecords "$tmp/sp-$s.out"):$(ndcm "$tmp/sp/$s")" "0:$n:$n" "$s --split: exit 0, $n records, $n files ($err)"
	is "$(grep -v '^#' "$tmp/sp-$s.out" | cut -f 7 | LC_ALL=C sort -u)" 1 "$s --split: frames field 1"
	# shellcheck disable=SC2046
	py "$tmp/split.py" "$tmp/sp/$s" $(dcms "$tmp/in/$s") >"$tmp/spc-$s" 2>&1
	ok $? "$s --split: $(tail -n 1 "$tmp/spc-$s")"
	if have dciodvfy; then
		dcms "$tmp/sp/$s" >"$tmp/sp-$s.list"
		dcms "$tmp/in/$s" >"$tmp/in-$s.list"
		is "$(newerrs "$tmp/sp-$s.list" "$tmp/in-$s.list")" "" "$s --split: no dciodvfy Error the originals do not have"
	else
		skip "dciodvfy absent"
	fi
done
run sp2 "$MERGE" -q -k "$tmp/key" --split -o "$tmp/sp2" "$m_ct"
(cd "$tmp/sp/ct" && tree_sums .) >"$tmp/sp1.sums"
(cd "$tmp/sp2" && tree_sums .) >"$tmp/sp2.sums"
cmp -s "$tmp/sp1.sums" "$tmp/sp2.sums"
ok $? "ct --split twice with one key: the same names and bytes"

# ---- 5. determinism --------------------------------------------------------------
run det "$MERGE" -q -k "$tmp/key" -o "$tmp/det" "$tmp/in/ct"
cmp -s "$m_ct" "$(dcms "$tmp/det" | head -n 1)"
ok $? "ct: a second run with the key: byte-identical"
is "$(field "$tmp/det.out" 2-)" "$(field "$tmp/m-ct.out" 2-)" "ct: ... and the same record"
dcms "$tmp/in/ct" | LC_ALL=C sort -r >"$tmp/rev.list"
run_in rev "$tmp/rev.list" "$MERGE" -q -k "$tmp/key" -o "$tmp/rev"
is "$rc:$(nrecords "$tmp/rev.out")" 0:1 "ct, a manifest in reverse order on stdin: exit 0, one record"
cmp -s "$m_ct" "$(dcms "$tmp/rev" | head -n 1)"
ok $? "ct, inputs in reverse order: the same bytes"
# the same files under other names, whose order is the reverse of the slices'
mkdir "$tmp/renamed"
i=1000
for f in $(dcms "$tmp/in/ct"); do
	i=$((i - 1))
	cp "$f" "$tmp/renamed/s$i.dcm"
done
run ren "$MERGE" -q -k "$tmp/key" -o "$tmp/ren" "$tmp/renamed"
cmp -s "$m_ct" "$(dcms "$tmp/ren" | head -n 1)"
ok $? "ct, the files renamed and in another directory: the same bytes"
run k2 "$MERGE" -q -k "$tmp/key2" -o "$tmp/k2" "$tmp/in/ct"
is "$rc" 0 "ct, another key: exit 0"
isnt "$(field "$tmp/k2.out" 5-6)" "$(field "$tmp/m-ct.out" 5-6)" "ct, another key: other series and instance UIDs"
run nokey "$MERGE" -o "$tmp/nokey" "$tmp/in/ct"
is "$rc:$(nrecords "$tmp/nokey.out"):$(ndcm "$tmp/nokey")" 0:1:1 "ct, no key: exit 0, one file"
like "$err" 'random key' "ct, no key: says so on stderr"
isnt "$(field "$tmp/nokey.out" 6)" "$(field "$tmp/m-ct.out" 6)" "ct, no key: not the UIDs of the key"

# ---- 6. --ts rle, --ts jpeg-ls -----------------------------------------------------
for s in ct mr; do
	eval "f=\$m_$s"
	for ts in rle jpeg-ls; do
		case $ts in
		rle) uid=1.2.840.10008.1.2.5 name=RLELossless dec=dcmdrle ;;
		jpeg-ls) uid=1.2.840.10008.1.2.4.80 name=JPEGLSLossless dec=dcmdjpls ;;
		esac
		run "ts-$s-$ts" "$MERGE" -q -k "$tmp/key" --ts "$ts" -o "$tmp/ts/$s-$ts" "$tmp/in/$s"
		is "$rc:$(nrecords "$tmp/ts-$s-$ts.out"):$(ndcm "$tmp/ts/$s-$ts")" 0:1:1 "$s --ts $ts: exit 0, one file ($err)"
		g=$(dcms "$tmp/ts/$s-$ts" | head -n 1)
		if have dcmdump && have "$dec"; then
			like "$(dcmdump "$g" 2>&1 | grep '(0002,0010)')" "=$name|\\[$uid\\]" \
			    "$s --ts $ts: dcmdump shows the transfer syntax"
			"$dec" "$g" "$tmp/ts/$s-$ts.dec.dcm" >"$tmp/dec.log" 2>&1
			ok $? "$s --ts $ts: $dec decodes it ($(head -c 200 "$tmp/dec.log"))"
			py "$tmp/pixeq.py" "$tmp/ts/$s-$ts.dec.dcm" "$f" >"$tmp/pq" 2>&1
			ok $? "$s --ts $ts: decoded, the explicit output's pixels ($(tail -n 1 "$tmp/pq"))"
		else
			skip "dcmdump or $dec absent (dcmtk)"
		fi
		if have dciodvfy; then
			is "$(ioderrs "$g")" "" "$s --ts $ts: dciodvfy reports no Error"
		else
			skip "dciodvfy absent"
		fi
	done
done
run tsbad "$MERGE" -q -k "$tmp/key" --ts jpeg2000 -o "$tmp/tsbad" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/tsbad" 2>/dev/null)" 2:0 "--ts jpeg2000: usage error, exit 2, nothing written"

# ---- 7. refusals and pass-through --------------------------------------------------
# two slices at one position: a copy of IM0005 under a new SOPInstanceUID
mkdir "$tmp/dup"
cp "$tmp"/in/ct/*.dcm "$tmp/dup/"
py - "$tmp/in/ct/IM0005.dcm" "$tmp/dup/IM0005b.dcm" <<'PY'
import sys, pydicom
d = pydicom.dcmread(sys.argv[1])
d.SOPInstanceUID = d.file_meta.MediaStorageSOPInstanceUID = "2.25.99887766554433221100"
d.save_as(sys.argv[2], write_like_original=False)
PY
tree_sums "$tmp/dup" >"$tmp/dup.sums"
n=$(ndcm "$tmp/dup")
run dup "$MERGE" -q -k "$tmp/key" -o "$tmp/dupo" "$tmp/dup"
is "$rc" 1 "two slices at one position: exit 1"
like "$err" 'IM0005b?\.dcm.*(same position|position)' "... a message naming the file"
is "$(ndcm "$tmp/dupo" 2>/dev/null)" 0 "... no output file for that stack"
is "$(grep -v '^#' "$tmp/dup.out" | cut -f 1 | LC_ALL=C sort)" "$(dcms "$tmp/dup")" \
    "... the $n files' records passed through"
tree_sums "$tmp/dup" | cmp -s - "$tmp/dup.sums"
ok $? "... the inputs unchanged"

# a non-image DICOM: an SR made with pydicom; a CT header without Pixel Data
mkdir "$tmp/nonimg"
py - "$tmp/nonimg/sr.dcm" "$tmp/in/ct/IM0001.dcm" "$tmp/nonimg/nopixels.dcm" <<'PY'
import sys, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
ds = Dataset()
ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.11"
ds.SOPInstanceUID = "2.25.1234567890123"
ds.Modality = "SR"
ds.PatientName = "XYZZY^PLUGH"
ds.PatientID = "FAKE-HEAD-001"
ds.StudyInstanceUID = "2.25.1234567890124"
ds.SeriesInstanceUID = "2.25.1234567890125"
ds.ValueType = "CONTAINER"
ds.ContinuityOfContent = "SEPARATE"
fm = FileMetaDataset()
fm.MediaStorageSOPClassUID = ds.SOPClassUID
fm.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
fm.TransferSyntaxUID = "1.2.840.10008.1.2.1"
ds.file_meta = fm
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(sys.argv[1], write_like_original=False)
d = pydicom.dcmread(sys.argv[2])
del d.PixelData
d.save_as(sys.argv[3], write_like_original=False)
PY
tree_sums "$tmp/nonimg" >"$tmp/nonimg.sums"
run sr "$MERGE" -q -k "$tmp/key" -o "$tmp/sro" "$tmp/nonimg/sr.dcm" "$tmp/in/ct"
is "$rc" 0 "an SR among the slices: exit 0 ($err)"
is "$(grep -c "^$tmp/nonimg/sr.dcm$TAB" "$tmp/sr.out")" 1 "... its record passed through"
is "$(nrecords "$tmp/sr.out"):$(ndcm "$tmp/sro")" 2:1 "... beside the merged file's record"
printf '%s\tSR\tPSEUDO1\t2.25.1\t2.25.2\t2.25.3\t1\n' "$tmp/nonimg/sr.dcm" >"$tmp/sr.tsv"
run_in srm "$tmp/sr.tsv" "$MERGE" -q -k "$tmp/key" -o "$tmp/srm"
is "$rc:$(grep -v '^#' "$tmp/srm.out")" "0:$(cat "$tmp/sr.tsv")" "an SR given by a manifest record: exit 0, the record as it came"
# a multi-frame file from a manifest (not merged again): one record, as it came
printf '%s\tCT\tPSEUDO1\t2.25.1\t2.25.2\t2.25.4\t%s\n' "$m_ct" "$(dcmdump -q +P NumberOfFrames "$m_ct" | sed 's/.*\[\([0-9]*\)\].*/\1/')" >"$tmp/mf.tsv"
run_in mfm "$tmp/mf.tsv" "$MERGE" -q -k "$tmp/key" -o "$tmp/mfm"
is "$rc:$(grep -v '^#' "$tmp/mfm.out")" "0:$(cat "$tmp/mf.tsv")" "a merged file given by a manifest record: exit 0, its one record as it came"
run nopx "$MERGE" -q -k "$tmp/key" -o "$tmp/nopxo" "$tmp/nonimg/nopixels.dcm"
is "$(grep -v '^#' "$tmp/nopx.out" | cut -f 1)" "$tmp/nonimg/nopixels.dcm" "a file without pixel data: its record passed through"
# a CT image without its pixels is a broken image, not a non-image: refused (exit 1), passed through
is "$rc:$(ndcm "$tmp/nopxo" 2>/dev/null)" 1:0 "a CT image without pixel data: exit 1, nothing written"
like "$err" 'nopixels.dcm.*not merged' "... saying it is not merged"
tree_sums "$tmp/nonimg" | cmp -s - "$tmp/nonimg.sums"
ok $? "the non-image inputs unchanged"

printf 'not DICOM\n' >"$tmp/notes.txt"
run txt "$MERGE" -q -k "$tmp/key" -o "$tmp/txto" "$tmp/notes.txt" "$tmp/in/ct"
is "$rc" 1 "a text file among the slices: exit 1"
like "$err" 'notes.txt.*not a DICOM' "... saying it is not DICOM"
is "$(nrecords "$tmp/txt.out"):$(ndcm "$tmp/txto")" 2:1 \
    "... the slices merged all the same, the text file's record passed through"
run usage "$MERGE" -k "$tmp/key" "$tmp/in/ct"
is "$rc" 2 "no -o: exit 2"

tree_sums "$tmp/in" | cmp -s - "$tmp/in.sums"
ok $? "every input series unchanged by every run (checksums)"

# ---- 8. de-identified input ----------------------------------------------------------
run strip "$STRIP" -q -k "$tmp/key" -o "$tmp/anon" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/anon")" "0:$(ndcm "$tmp/in/ct")" "dcm-strip of the CT: exit 0, every slice"
run an "$MERGE" -q -k "$tmp/key" -o "$tmp/anonm" "$tmp/anon"
is "$rc:$(nrecords "$tmp/an.out"):$(ndcm "$tmp/anonm")" 0:1:1 "merge of the de-identified CT: exit 0, one file ($err)"
a=$(dcms "$tmp/anonm" | head -n 1)
# the generator's fake PHI, and every original UID
py - "$tmp/in/ct" >"$tmp/phi" <<'PY'
import sys, glob, pydicom
vals = {"XYZZY", "PLUGH", "XYZZY^PLUGH", "FAKE-HEAD-001", "FAKEACC-HEAD", "FAKE HOSPITAL",
        "FAKE^REFERRER", "FAKESTUDY1", "19800101"}
for f in glob.glob(sys.argv[1] + "/*.dcm"):
    d = pydicom.dcmread(f)
    for kw in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID",
               "PatientID", "AccessionNumber", "PatientBirthDate"):
        if kw in d and str(d[kw].value):
            vals.add(str(d[kw].value))
for v in sorted(vals):
    print(v)
PY
[ "$(wc -l <"$tmp/phi")" -gt 40 ]
ok $? "the originals' PHI strings and UIDs: $(wc -l <"$tmp/phi" | tr -d ' ') to look for"
grep -aoF -f "$tmp/phi" "$a" | LC_ALL=C sort -u >"$tmp/phi.bytes"
is "$(cat "$tmp/phi.bytes")" "" "the merged de-identified file: none of them in its bytes"
if have dcmdump; then
	dcmdump "$a" 2>&1 | grep -oF -f "$tmp/phi" | LC_ALL=C sort -u >"$tmp/phi.dump"
	is "$(cat "$tmp/phi.dump")" "" "... nor in dcmdump's text"
else
	skip "dcmdump absent"
fi
grep -v '^#' "$tmp/an.out" | grep -oF -f "$tmp/phi" >"$tmp/phi.rec"
is "$(cat "$tmp/phi.rec")" "" "... nor in its record"
if have dciodvfy; then
	is "$(ioderrs "$a")" "" "the merged de-identified file: dciodvfy reports no Error"
else
	skip "dciodvfy absent"
fi

# ---- 9. real series -------------------------------------------------------------------
# real NAME SOURCE-DIR-OR-FILES...: merge, one file of as many frames as the
# source has slices, no new dciodvfy Error, dcm-convert's volume unchanged,
# the per-frame groups as the slices.
real() {
	r_name=$1
	shift
	# the source images: the files that are classic CT or MR images
	# shellcheck disable=SC2046
	dtab SOPClassUID $(find "$@" -type f | LC_ALL=C sort) |
	    awk -F '\t' '$2 == "1.2.840.10008.5.1.4.1.1.2" || $2 == "1.2.840.10008.5.1.4.1.1.4" { print $1 }' \
	    >"$tmp/real-$r_name.src"
	r_n=$(wc -l <"$tmp/real-$r_name.src" | tr -d ' ')
	run "real-$r_name" "$MERGE" -q -k "$tmp/key" -o "$tmp/real/$r_name" "$@"
	is "$rc" 0 "$r_name: merge, exit 0 ($(printf '%s' "$err" | head -c 300))"
	is "$(ndcm "$tmp/real/$r_name"):$(grep -v '^#' "$tmp/real-$r_name.out" | awk -F '\t' '$7 > 1' | cut -f 7)" \
	    "1:$r_n" "$r_name: one merged file of the $r_n slices"
	dcms "$tmp/real/$r_name" >"$tmp/real-$r_name.merged"
	r_f=$(head -n 1 "$tmp/real-$r_name.merged")
	if have dciodvfy; then
		newerrs "$tmp/real-$r_name.merged" "$tmp/real-$r_name.src" >"$tmp/real-$r_name.new"
		is "$(cat "$tmp/real-$r_name.new")" "" "$r_name: no dciodvfy Error in the merged file that the sources do not have"
	else
		skip "dciodvfy absent"
	fi
	# shellcheck disable=SC2046
	run "realc-$r_name" "$CONVERT" -q -f nii -o "$tmp/realc/$r_name/o" $(cat "$tmp/real-$r_name.src")
	run "realm-$r_name" "$CONVERT" -q -f nii -o "$tmp/realc/$r_name/m" "$r_f"
	py "$tmp/niicmp.py" "$tmp/realc/$r_name/m" "$tmp/realc/$r_name/o" >"$tmp/realnc-$r_name" 2>&1
	ok $? "$r_name: dcm-convert, merged vs slices: $(tail -n 1 "$tmp/realnc-$r_name")"
	# shellcheck disable=SC2046
	py "$tmp/frames.py" "$r_f" $(cat "$tmp/real-$r_name.src") >"$tmp/realfr-$r_name" 2>&1
	ok $? "$r_name: per-frame groups: $(tail -n 1 "$tmp/realfr-$r_name")"
}

qa=$shared/dcm_qa
if [ -d "$qa/dcm_qa_ct/In/Philips/S21570/S2010" ]; then
	tree_sums "$qa/dcm_qa_ct/In/Philips/S21570/S2010" >"$tmp/qact.sums"
	real philips-ct "$qa/dcm_qa_ct/In/Philips/S21570/S2010"
	is "$(grep -c "/DIRFILE$TAB" "$tmp/real-philips-ct.out")" 1 "philips-ct: the DIRFILE beside the slices passed through"
	tree_sums "$qa/dcm_qa_ct/In/Philips/S21570/S2010" | cmp -s - "$tmp/qact.sums"
	ok $? "philips-ct: the source files unchanged"
else
	skip "../shared/data/dcm_qa/dcm_qa_ct absent"
fi

if [ -d "$qa/dcm_qa_12bit/In" ]; then
	# Each file is a Siemens mosaic (a whole volume of 35 images in one frame),
	# the three with one SOP instance UID: no classic slices to merge; passed
	# through, with their records.
	run b12 "$MERGE" -q -k "$tmp/key" -o "$tmp/b12" "$qa/dcm_qa_12bit/In"
	is "$(nrecords "$tmp/b12.out"):$(ndcm "$tmp/b12" 2>/dev/null)" 3:0 \
	    "dcm_qa_12bit: three mosaics passed through with their records, nothing written"
	is "$rc" 0 "dcm_qa_12bit mosaics: exit 0 ($err)"
	# The same pixels as classic slices: each mosaic cut into its 35 64x64
	# images (the stored words as they are, garbage high bits and the signed
	# 12-bit values included), one 12-bit MR series each.
	py - "$tmp/tiles" "$qa"/dcm_qa_12bit/In/*.dcm <<'PY' >"$tmp/tiles.log" 2>&1
import sys, os, hashlib
import numpy as np, pydicom
out = sys.argv[1]
for f in sys.argv[2:]:
    d = pydicom.dcmread(f)
    name = os.path.basename(f).rsplit(".", 1)[0]
    raw = np.frombuffer(d.PixelData, "<u2").reshape(d.Rows, d.Columns)
    R, C, m, ntiles = d.Rows, d.Columns, 6, 35
    r, c = R // m, C // m
    iop = np.array(d.ImageOrientationPatient, float)
    ps = np.array(d.PixelSpacing, float)
    nrm = np.cross(iop[:3], iop[3:])
    sp = float(d.get("SpacingBetweenSlices", d.SliceThickness))
    # the first image's corner: the mosaic's, moved by half the grid less one image
    p0 = np.array(d.ImagePositionPatient, float) + iop[:3] * ps[1] * (C - c) / 2 + iop[3:] * ps[0] * (R - r) / 2
    def uid(*a):
        return "2.25.%d" % int(hashlib.sha256("/".join(("demosaic", name) + a).encode()).hexdigest()[:30], 16)
    series = uid("series")
    os.makedirs(os.path.join(out, name), exist_ok=True)
    for k in range(ntiles):
        t = d.copy()
        for tag in list(t.keys()):
            if tag.group % 2 == 1:
                del t[tag]
        t.ImageType = list(d.ImageType)[:4]
        t.SeriesInstanceUID = series
        t.SOPInstanceUID = t.file_meta.MediaStorageSOPInstanceUID = uid("sop", str(k))
        t.InstanceNumber = k + 1
        t.Rows, t.Columns = r, c
        p = p0 + k * sp * nrm
        t.ImagePositionPatient = ["%.6f" % v for v in p]
        t.SliceLocation = "%.6f" % float(np.dot(p, nrm))
        for kw in ("SmallestImagePixelValue", "LargestImagePixelValue"):
            if kw in t:
                delattr(t, kw)
        ty, tx = divmod(k, m)
        t.PixelData = np.ascontiguousarray(raw[ty * r:(ty + 1) * r, tx * c:(tx + 1) * c]).tobytes()
        t.save_as(os.path.join(out, name, "IM%04d.dcm" % (k + 1)), write_like_original=False)
PY
	ok $? "dcm_qa_12bit: the mosaics cut into classic slices ($(tail -n 1 "$tmp/tiles.log"))"
	for t in 12bitUnsigned 12bitUnsigned_0x0F0F 12bitSigned_0x0F0F; do
		real "$t" "$tmp/tiles/$t"
	done
else
	skip "../shared/data/dcm_qa/dcm_qa_12bit absent"
fi

if [ -d "$shared/heads/seg3d_cardiac_MR_dicom" ]; then
	real cardiac-mr "$shared/heads/seg3d_cardiac_MR_dicom"
else
	skip "../shared/data/heads/seg3d_cardiac_MR_dicom absent"
fi

done_testing
