#!/bin/sh
# dcm-convert on the synthetic head (tests/gen-head.c) in all 48 axis orders
# and two oblique orientations: the affine is the one the generator knows
# (its label volume's, with dcm2niix's row order), every voxel lands on the
# same patient position as its label, and NRRD and MetaImage hold the same
# values and geometry as the NIfTI.
. "$(dirname "$0")/lib.sh"

CONVERT=$BIN/dcm-convert
GEN=${DCMSCRUB_TESTBIN:-$root/build/tests}/gen-head
[ -x "$CONVERT" ] || bail "$CONVERT: not built"
[ -x "$GEN" ] || bail "$GEN: not built"
py -c 'import nibabel' 2>/dev/null || skip_all "python3-nibabel is not installed"

orders=""
for p in "L P S" "L S P" "P L S" "P S L" "S L P" "S P L"; do
	set -- $p
	for a in $1 $(echo "$1" | tr LPS RAI); do
		for b in $2 $(echo "$2" | tr LPS RAI); do
			for c in $3 $(echo "$3" | tr LPS RAI); do
				orders="$orders $a$b$c"
			done
		done
	done
done
n=0
for o in $orders; do
	n=$((n + 1))
	"$GEN" --orient "$o" --spacing 6 --fov 216 -o "$tmp/in/$o" 2>>"$tmp/gen.err" || echo "gen $o failed" >>"$tmp/gen.err"
done
is "$n" 48 "48 axis orders"
"$GEN" --oblique 30 --spacing 6 --fov 216 -o "$tmp/in/obl-z30" 2>>"$tmp/gen.err"
"$GEN" --oblique -25 --oblique-axis x --spacing 6 --fov 216 -o "$tmp/in/obl-x25" 2>>"$tmp/gen.err"
is "$(cat "$tmp/gen.err")" "" "the generator wrote 50 series"

for d in "$tmp"/in/*; do
	b=$(basename "$d")
	"$CONVERT" -q -f nii --layout "$b.nii" -o "$tmp/nii" "$d"/IM*.dcm >/dev/null 2>>"$tmp/conv.err" ||
	    echo "$b: exit $?" >>"$tmp/conv.err"
done
is "$(grep -c 'exit' "$tmp/conv.err")" 0 "every series converted"

py - "$tmp" <<'PY' >"$tmp/check" 2>&1
import sys, glob, os
import numpy as np, nibabel as nib
t = sys.argv[1]
bad = 0
for d in sorted(glob.glob(t + "/in/*")):
    b = os.path.basename(d)
    lab = nib.load(d + "/labels.nii.gz")
    img = nib.load(t + "/nii/" + b + ".nii")
    # dcm2niix's order: rows reversed, so the label grid with its j axis flipped
    L = np.asanyarray(lab.dataobj)[:, ::-1, :]
    flip = np.eye(4)
    flip[1, 1] = -1
    flip[1, 3] = lab.shape[1] - 1
    # slices ascend along the image plane's normal: where the generator's k
    # axis runs against it, the k axis flips too
    A = lab.affine
    if np.dot(np.cross(A[:3, 0], A[:3, 1]), A[:3, 2]) < 0:
        L = L[:, :, ::-1]
        flip[2, 2] = -1
        flip[2, 3] = lab.shape[2] - 1
    want = A @ flip
    if img.shape != L.shape:
        print(b, "shape", img.shape, L.shape); bad += 1; continue
    if np.abs(img.affine - want).max() > 1e-3:
        print(b, "affine off by", np.abs(img.affine - want).max()); bad += 1
    # every voxel where its label says: bone > 700 HU, brain 0..80, outside air
    v = np.asanyarray(img.dataobj)
    if not ((v[L == 3] > 700).all() and ((v[L == 4] >= 0) & (v[L == 4] <= 80)).all()
            and (v[L == 0] < -900).all()):
        print(b, "values do not sit on their labels"); bad += 1
print("bad", bad, "of", len(glob.glob(t + "/in/*")))
sys.exit(1 if bad else 0)
PY
ok $? "48 axis orders and 2 obliques: the generator's affine, each voxel on its label ($(tail -n1 "$tmp/check"))"

# the same patient point, whatever the axis order: a canonical RAS grid is the same
py - "$tmp" <<'PY' >"$tmp/canon" 2>&1
import sys, glob, os
import numpy as np, nibabel as nib
t = sys.argv[1]
ref = nib.as_closest_canonical(nib.load(t + "/nii/LPS.nii"))
rv = np.asanyarray(ref.dataobj)
bad = 0
for f in sorted(glob.glob(t + "/nii/*.nii")):
    if "obl" in f:
        continue
    c = nib.as_closest_canonical(nib.load(f))
    if c.shape != ref.shape or not np.array_equal(np.asanyarray(c.dataobj), rv) or \
            np.abs(c.affine - ref.affine).max() > 1e-3:
        print(os.path.basename(f), "differs from LPS"); bad += 1
print("bad", bad)
sys.exit(1 if bad else 0)
PY
ok $? "all 48 orders hold the same head in RAS ($(tail -n1 "$tmp/canon"))"

# NRRD and MetaImage against the NIfTI, on an oblique series
for f in nrrd mha; do
	"$CONVERT" -q -f "$f" --layout "obl.$f" -o "$tmp/$f" "$tmp/in/obl-z30"/IM*.dcm >/dev/null 2>&1
	ok $? "-f $f of the oblique series: exit 0"
done
py - "$tmp" <<'PY' >"$tmp/fmt" 2>&1
import sys, gzip
import numpy as np, nibabel as nib
t = sys.argv[1]
nii = nib.load(t + "/nii/obl-z30.nii")
ref = np.asanyarray(nii.dataobj).astype(np.float64)
lps = np.diag([-1, -1, 1, 1]) @ nii.affine
raw = open(t + "/nrrd/obl.nrrd", "rb").read()
head, _, body = raw.partition(b"\n\n")
h = dict(l.split(": ", 1) for l in head.decode().splitlines()[1:] if ": " in l)
a = np.frombuffer(gzip.decompress(body), {"short": "<i2", "int": "<i4", "float": "<f4"}[h["type"]])
a = a.reshape([int(x) for x in h["sizes"].split()][::-1]).transpose(2, 1, 0)
dirs = np.array([list(map(float, v.strip("()").split(","))) for v in h["space directions"].split()]).T
ok = np.array_equal(a, ref) and np.abs(dirs - lps[:3, :3]).max() < 1e-4
raw = open(t + "/mha/obl.mha", "rb").read()
j = raw.index(b"\n", raw.index(b"ElementDataFile")) + 1
m = dict(l.split(" = ", 1) for l in raw[:j].decode().splitlines())
b = np.frombuffer(raw[j:], {"MET_SHORT": "<i2", "MET_INT": "<i4", "MET_FLOAT": "<f4"}[m["ElementType"]])
b = b.reshape([int(x) for x in m["DimSize"].split()][::-1]).transpose(2, 1, 0)
tm = np.array(list(map(float, m["TransformMatrix"].split()))).reshape(3, 3).T
sp = np.array(list(map(float, m["ElementSpacing"].split())))
off = np.array(list(map(float, m["Offset"].split())))
ok = ok and np.array_equal(b, ref) and np.abs(tm * sp - lps[:3, :3]).max() < 1e-4 and \
    np.abs(off - lps[:3, 3]).max() < 1e-4
print("agree" if ok else "differ")
sys.exit(0 if ok else 1)
PY
ok $? "NRRD and MetaImage: the NIfTI's values and LPS geometry on an oblique grid ($(tail -n1 "$tmp/fmt"))"

# A one-frame Legacy Converted image (what dcm-merge-frames makes of a single
# slice, a localizer say) has its geometry in its functional groups only: from
# dcm-merge-frames' manifest it converts to the NIfTI of the slice itself.
MERGE=$BIN/dcm-merge-frames
mkkey "$tmp/key" "$KEY1"
one=$(ls "$tmp/in/obl-z30"/IM*.dcm | sed -n 10p)
"$MERGE" -q -k "$tmp/key" -o "$tmp/m1" "$one" >"$tmp/m1.tsv" 2>"$tmp/m1.err"
is "$?:$(grep -v '^#' "$tmp/m1.tsv" | cut -f 7)" "0:1" "one slice merged: a one-frame file"
run_in one1 "$tmp/m1.tsv" "$CONVERT" -f nii -o "$tmp/one1"
is "$rc" 0 "... converted from the manifest: exit 0 ($err)"
is "$(find "$tmp/one1" -name '*.nii' | wc -l | tr -d ' ')" 1 "... one NIfTI, not the record passed on"
"$CONVERT" -q -f nii -o "$tmp/one0" "$one" >/dev/null 2>&1
py - "$(find "$tmp/one1" -name '*.nii')" "$(find "$tmp/one0" -name '*.nii')" >"$tmp/one.out" 2>&1 <<'PY'
import sys, numpy as np, nibabel as nib
a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
same = a.shape == b.shape and np.abs(a.affine - b.affine).max() < 1e-4 and \
    np.array_equal(np.asarray(a.dataobj), np.asarray(b.dataobj))
print(a.shape, "same" if same else "differ")
sys.exit(0 if same else 1)
PY
ok $? "... the voxels and affine of the slice converted itself ($(tail -n1 "$tmp/one.out"))"

# An image with no geometry, from a manifest: its record goes on, with a note
py - "$one" "$tmp/nogeo.dcm" <<'PY'
import sys, pydicom
d = pydicom.dcmread(sys.argv[1])
del d.ImagePositionPatient, d.ImageOrientationPatient
d.save_as(sys.argv[2])
PY
printf '%s\n' "$tmp/nogeo.dcm" >"$tmp/nogeo.tsv"
run_in nogeo "$tmp/nogeo.tsv" "$CONVERT" -f nii -o "$tmp/nogeo"
is "$rc:$(grep -v '^#' "$tmp/nogeo.out" | cut -f 1)" "0:$tmp/nogeo.dcm" "an image without geometry: its record passed on, exit 0"
like "$err" 'nogeo\.dcm: no geometry.*passed on, not converted' "... with a note that it was not converted"

done_testing
