#!/bin/sh
# 80-deface.t: dcm-deface, the face removed from head CT, MR and CBCT series.
#
# On the synthetic head (tests/gen-head.c, whose labels.nii.gz says what
# each voxel is), for CT, MR and CBCT, three axis orders, two obliques, a
# child and anisotropic voxels: exit 0, one output file per input of the
# same geometry and pixel format, every brain voxel unchanged, nothing
# changed posterior to the head's centre, the nose and the lips removed, the
# bone and the teeth kept in soft-tissue mode (-m soft-tissue, and the
# default for CBCT); every changed voxel set to one value, the air's; the
# bytes of every other pixel as they were.  The changed region in patient
# coordinates is the same whatever the axis order and whatever a linear
# change of the stored values (a * I + b).  One key gives the same bytes
# (whatever the order of the inputs), another key other UIDs; the header
# says DERIVED, with a DerivationDescription and the code 113101 (DCM), of
# one new series, with no dciodvfy Error the inputs do not have.  Refusals:
# a head whose header puts the face at the back (exit 1, the orientation),
# a tiny volume that is no head (exit 1), a text file (exit 1); a CHEST
# series passed through untouched; usage errors (exit 2); inputs never
# touched.
#
# DCMSCRUB_TESTBIN names the directory of gen-head (default build/tests).
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
DEFACE=$BIN/dcm-deface
[ -x "$DEFACE" ] || bail "$DEFACE: not built"
[ -x "$GEN" ] || bail "$GEN: not built"
py -c 'import numpy, nibabel' 2>/dev/null || skip_all "python3-numpy or python3-nibabel is not installed"

TAB=$(printf '\t')
HEADER=$(printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes')

head -c 32 /dev/urandom >"$tmp/key" && chmod 600 "$tmp/key"
head -c 32 /dev/urandom >"$tmp/key2" && chmod 600 "$tmp/key2"

# ---- helpers ----------------------------------------------------------------

# The .dcm files under a tree, sorted, one a line.
dcms() { find "$@" -type f -name '*.dcm' 2>/dev/null | LC_ALL=C sort; }
ndcm() { dcms "$@" | wc -l | tr -d ' '; }

# A field of the record (non-comment line) N of a manifest: field FILE COL [N]
field() { grep -v '^#' "$1" | sed -n "${3:-1}p" | cut -f "$2"; }

# val FILE KEY [COL]: column COL (default 2) of the line of eval.py's report
# starting with KEY.
val() { awk -v k="$1" -v c="${3:-2}" '$1 == k { print $c; exit }' "$2"; }

# lab LABEL COL FILE: column COL of eval.py's line of label LABEL.
lab() { awk -v l="$1" -v c="$2" '$1 == "label" && $2 == l { print $c; exit }' "$3"; }

# ge X MIN: X >= MIN, as numbers (false when X is empty).
ge() { awk -v x="$1" -v m="$2" 'BEGIN { exit !(x != "" && x + 0 >= m + 0) }'; }

# sums DIR: the sha256 of each file under DIR, by relative name (tree_sums,
# in one sha256sum).
sums() { (cd "$1" && find . -type f -print | LC_ALL=C sort | xargs -r sha256sum); }

# dciodvfy's Error lines on the files, each once, the quoted values left out.
ioderrs() {
	for f; do dciodvfy "$f" 2>&1; done | grep '^Error' |
	    sed -e 's/"[^"]*"/"..."/g' | LC_ALL=C sort -u
}

# eval.py IN-DIR LABELS OUT-DIR KEYS.npy: the output series against its
# input, slice by slice (matched by InstanceNumber; file IM<k+1>.dcm of the
# input is slice k of the label grid, its column i and row j the voxel
# i,j,k).  Prints one line a fact:
#   files NIN NOUT NMATCHED
#   problem TEXT                       (geometry, pixel format, raw bytes)
#   fill VALUE NVALUES LO HI           (the values the changed voxels got; the
#                                       range of the input's air)
#   label N NAME NVOXELS NCHANGED PCT
#   posterior NCHANGED MEDIAN-Y MAX-Y  (patient y > median y of the head)
#   bone NCHANGED                      (skull, mandible, maxilla, teeth)
#   changed N
#   face NVOXELS PCT                   (the face's soft tissue, for diag)
# and saves the patient positions (0.1 mm) of the changed voxels.
cat >"$tmp/eval.py" <<'PY'
import sys, glob
import numpy as np, pydicom, nibabel as nib
ind, labf, outd, keysf = sys.argv[1:5]
# the anatomy's scale (gen-head --child: 0.7), for the box of the face below
sc = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
lab = np.asanyarray(nib.load(labf).dataobj).astype(np.int32)
ins = sorted(glob.glob(ind + "/IM*.dcm"))
outs, nout = {}, 0
for f in glob.glob(outd + "/**/*.dcm", recursive=True):
    nout += 1
    d = pydicom.dcmread(f)
    outs.setdefault(int(d.InstanceNumber), []).append(d)
problems = []
def problem(s):
    if len(problems) < 6:
        problems.append(s)
nx, ny, nz = lab.shape
if nz != len(ins):
    problem("labels %s for %d files" % (lab.shape, len(ins)))
changed = np.zeros(lab.shape, bool)
P = np.zeros((3,) + lab.shape)
inval = np.zeros(lab.shape)
fills = set()
matched = 0
I, J = np.meshgrid(np.arange(nx), np.arange(ny), indexing="ij")
def num(d, kw, dflt):
    v = d.get(kw, None)
    return float(v) if v not in (None, "") else dflt
for k, f in enumerate(ins[:nz]):
    a = pydicom.dcmread(f)
    bs = outs.get(int(a.InstanceNumber), [])
    if len(bs) != 1:
        problem("%s: %d output files of InstanceNumber %s" % (f, len(bs), a.InstanceNumber))
        continue
    b = bs[0]
    matched += 1
    if (a.Rows, a.Columns) != (ny, nx):
        problem("%s: %dx%d, the labels %dx%d" % (f, a.Rows, a.Columns, ny, nx))
        continue
    for kw in ("Rows", "Columns", "SamplesPerPixel", "PhotometricInterpretation", "BitsAllocated",
               "BitsStored", "HighBit", "PixelRepresentation", "SOPClassUID", "Modality"):
        if a.get(kw) != b.get(kw):
            problem("%s: %s %s, the input's %s" % (f, kw, b.get(kw), a.get(kw)))
    if a.file_meta.TransferSyntaxUID != b.file_meta.TransferSyntaxUID:
        problem("%s: transfer syntax %s, the input's %s" % (f, b.file_meta.TransferSyntaxUID, a.file_meta.TransferSyntaxUID))
    for kw, tol in (("ImagePositionPatient", 1e-4), ("ImageOrientationPatient", 1e-6), ("PixelSpacing", 1e-6)):
        va, vb = np.array(a.get(kw, []), float), np.array(b.get(kw, []), float)
        if va.shape != vb.shape or (va.size and np.abs(va - vb).max() > tol):
            problem("%s: %s %s, the input's %s" % (f, kw, list(vb), list(va)))
    for kw, dflt in (("RescaleSlope", 1), ("RescaleIntercept", 0)):
        if abs(num(a, kw, dflt) - num(b, kw, dflt)) > 1e-9:
            problem("%s: %s %s, the input's %s" % (f, kw, b.get(kw), a.get(kw)))
    pa, pb = a.pixel_array, b.pixel_array
    if pa.shape != pb.shape:
        problem("%s: pixel_array %s, the input's %s" % (f, pb.shape, pa.shape))
        continue
    vd = pa != pb
    changed[:, :, k] = vd.T
    inval[:, :, k] = pa.T
    fills.update(np.unique(pb[vd]).tolist())
    # the raw words: none differs but where the value differs, no byte past them
    dt = {8: "u1", 16: "<u2", 32: "<u4"}[int(a.BitsAllocated)]
    ra, rb = bytes(a.PixelData), bytes(b.PixelData)
    if len(ra) != len(rb):
        problem("%s: PixelData of %d bytes, the input's %d" % (f, len(rb), len(ra)))
        continue
    npx = a.Rows * a.Columns
    w = np.dtype(dt).itemsize
    wa = np.frombuffer(ra[:npx * w], dt).reshape(a.Rows, a.Columns)
    wb = np.frombuffer(rb[:npx * w], dt).reshape(a.Rows, a.Columns)
    out_of = (wa != wb) & ~vd
    if out_of.any():
        problem("%s: %d stored words differ where the pixel values do not" % (f, out_of.sum()))
    if ra[npx * w:] != rb[npx * w:]:
        problem("%s: the bytes after the pixels differ" % f)
    # patient coordinates of the voxels of this file
    ipp = np.array(a.ImagePositionPatient, float)
    iop = np.array(a.ImageOrientationPatient, float)
    ps = np.array(a.PixelSpacing, float)
    for d in range(3):
        P[d, :, :, k] = ipp[d] + iop[d] * ps[1] * I + iop[3 + d] * ps[0] * J
print("files %d %d %d" % (len(ins), nout, matched))
for p in problems:
    print("problem " + p)
air = inval[lab == 0]
print("fill %s %d %g %g" % (min(fills) if fills else "none", len(fills),
                            air.min() if air.size else 0, air.max() if air.size else 0))
names = {1: "skin", 2: "soft", 3: "skull", 4: "brain", 5: "eyes", 6: "nose", 7: "lips", 8: "ears",
         9: "mandible", 10: "maxilla", 11: "teeth", 12: "sinus", 13: "mouth"}
for l, nm in names.items():
    m = lab == l
    if m.sum():
        print("label %d %s %d %d %.2f" % (l, nm, m.sum(), changed[m].sum(), 100.0 * changed[m].mean()))
y = P[1]
head = lab > 0
med = float(np.median(y[head])) if head.any() else 0.0
print("posterior %d %.1f %.1f" % ((changed & (y > med)).sum(), med, y[changed].max() if changed.any() else float("nan")))
bone = np.isin(lab, (3, 9, 10, 11))
print("bone %d" % (changed & bone).sum())
print("changed %d" % changed.sum())
# the face's soft tissue (skin, soft tissue, nose, lips, the eyelids and
# cheeks) in front of the facial bones, chin to the upper eyelids, within
# 12 mm of the front surface: columns along y binned over (x, z) in patient
# coordinates, whatever the grid; the box scales with the anatomy
s = float(max(np.array(pydicom.dcmread(ins[0]).PixelSpacing, float).max(), 1.0))
u, x, z = -P[1], P[0], P[2]
bx = np.round(x / s).astype(np.int64)
bz = np.round(z / s).astype(np.int64)
bx -= bx.min(); bz -= bz.min()
col = bx * (bz.max() + 1) + bz
ncol = int(col.max()) + 1
bu = np.full(ncol, -1e9); np.maximum.at(bu, col[bone], u[bone])
fr = np.full(ncol, -1e9); np.maximum.at(fr, col[head], u[head])
soft = np.isin(lab, (1, 2, 6, 7))
face = (np.isin(lab, (6, 7)) | (soft & (fr[col] - u <= 12))) & (bu[col] > -1e8) & (u > bu[col]) & \
    (abs(x) < 45 * sc) & (z > -80 * sc) & (z < 17 * sc)
print("face %d %.2f" % (face.sum(), 100.0 * changed[face].mean() if face.any() else 0))
# the same, of the voxels the image shows (not the padding outside a field of view)
vis = face & (inval > inval.min())
print("vface %d %.2f" % (vis.sum(), 100.0 * changed[vis].mean() if vis.any() else 0))
print("maxy %.1f" % (y[changed].max() if changed.any() else float("-inf")))
np.save(keysf, np.round(P[:, changed].T * 10).astype(np.int64))
# and those of the face's labels (nose, lips, eyes, mandible), to check the mapping
np.save(keysf[:-4] + ".ref.npy", np.round(P[:, np.isin(lab, (5, 6, 7, 9))].T * 10).astype(np.int64))
PY

# dice.py A.npy B.npy: Dice of two sets of positions.
cat >"$tmp/dice.py" <<'PY'
import sys
import numpy as np
a, b = (set(map(tuple, np.load(f).tolist())) for f in sys.argv[1:3])
# nothing changed in either is no agreement
d = 2.0 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
print("%.4f %d %d %d" % (d, len(a), len(b), len(a & b)))
PY

# ---- 1. the synthetic head, defaced --------------------------------------------
# (with, from eval.py, the geometry and pixel format of every output file and
# its raw pixel words: none changed outside the changed pixels)
# name|mode option|gen-head arguments|soft when soft-tissue mode is expected
cases='ct||--modality ct|
ct2||--modality ct --spacing 2|
mr||--modality mr|
cbct||--modality cbct|soft
ctsoft|-m soft-tissue|=ct|soft
psr||--modality ct --orient PSR|
sla||--modality ct --orient SLA|
irp||--modality mr --orient IRP|
obl||--modality ct --oblique 25|
oblx||--modality mr --oblique -20 --oblique-axis x|
child||--modality ct --child|
aniso||--modality ct --spacing 1.5,1.5,3|'

: >"$tmp/gen.err"
while IFS='|' read -r name mopt gargs soft; do
	case $gargs in =*) continue ;; esac
	# shellcheck disable=SC2086
	case " $gargs " in
	*" --spacing "*) "$GEN" --fov 240 $gargs -o "$tmp/g/$name" </dev/null 2>>"$tmp/gen.err" ;;
	*) "$GEN" --spacing 3 --fov 240 $gargs -o "$tmp/g/$name" </dev/null 2>>"$tmp/gen.err" ;;
	esac || echo "gen-head $gargs: exit $?" >>"$tmp/gen.err"
	mkdir -p "$tmp/in/$name"
	mv "$tmp/g/$name"/*.dcm "$tmp/in/$name/" 2>>"$tmp/gen.err"
done <<EOF
$cases
EOF
is "$(cat "$tmp/gen.err")" "" "gen-head wrote the series"
sums "$tmp/in" >"$tmp/in.sums"

while IFS='|' read -r name mopt gargs soft; do
	src=$name
	case $gargs in =*) src=${gargs#=} ;; esac
	n=$(ndcm "$tmp/in/$src")
	# shellcheck disable=SC2086
	run "d-$name" "$DEFACE" -q -k "$tmp/key" $mopt -o "$tmp/o/$name" "$tmp/in/$src"
	is "$rc" 0 "$name: exit 0 ($(printf '%s' "$err" | head -c 300))"
	is "$(head -n 1 "$tmp/d-$name.out")" "$HEADER" "$name: the manifest header"
	is "$(nrecords "$tmp/d-$name.out"):$(ndcm "$tmp/o/$name")" "$n:$n" \
	    "$name: $n records, $n files written, one per input"
	scale=1
	case " $gargs " in *" --child "*) scale=0.7 ;; esac
	py "$tmp/eval.py" "$tmp/in/$src" "$tmp/g/$src/labels.nii.gz" "$tmp/o/$name" "$tmp/o/$name.keys.npy" \
	    "$scale" >"$tmp/e-$name" 2>&1
	is "$(val files "$tmp/e-$name" 4)" "$n" "$name: each of the $n inputs has its output slice (InstanceNumber)"
	is "$(grep '^problem' "$tmp/e-$name")" "" \
	    "$name: the same geometry and pixel format, no stored word changed but the changed pixels'"
	grep -q '^changed' "$tmp/e-$name" || sed 's/^/#   /' "$tmp/e-$name" | tail -n 5
	diag "$name: $(awk '$1 == "label" { printf "%s %s%% ", $3, $6 }' "$tmp/e-$name")"
	diag "$name: $(grep -E '^(changed|posterior|bone|face|fill)' "$tmp/e-$name" | tr '\n' ';')"
	brain=$(lab 4 4 "$tmp/e-$name")
	is "$([ "${brain:-0}" -gt 0 ] && echo "$brain"):$(lab 4 5 "$tmp/e-$name")" "$brain:0" \
	    "$name: 100% of the brain unchanged (${brain:-no} voxels of it)"
	is "$(val posterior "$tmp/e-$name")" 0 "$name: no voxel changed posterior to the head's centre"
	nose=$(lab 6 6 "$tmp/e-$name")
	lips=$(lab 7 6 "$tmp/e-$name")
	ge "$nose" 99
	ok $? "$name: the nose >= 99% changed ($nose%)"
	ge "$lips" 85
	ok $? "$name: the lips >= 85% changed ($lips%)"
	face=$(val face "$tmp/e-$name" 3)
	ge "$face" 99
	ok $? "$name: the face's soft tissue (nose, lips, eyelids, chin, cheeks) >= 99% changed ($face% of $(val face "$tmp/e-$name") voxels)"
	# every changed voxel set to one value, within the range of the input's air
	set -- $(grep '^fill' "$tmp/e-$name")
	[ "$#" -eq 5 ] && [ "$3" = 1 ] && awk -v v="$2" -v lo="$4" -v hi="$5" 'BEGIN { exit !(v >= lo && v <= hi) }'
	ok $? "$name: the changed voxels set to one value, the air's ($(grep '^fill' "$tmp/e-$name"))"
	case "$mopt:$soft:$gargs" in
	::*ct*)
		# face mode in CT: the bones and teeth in front go with the face
		mand=$(lab 9 6 "$tmp/e-$name") maxi=$(lab 10 6 "$tmp/e-$name") teeth=$(lab 11 6 "$tmp/e-$name")
		ge "$mand" 25 && ge "$maxi" 25 && ge "$teeth" 50
		ok $? "$name (face mode): the front of the mandible and maxilla (>= 25%) and the teeth (>= 50%) removed too ($mand%, $maxi%, $teeth%)"
		;;
	esac
	if [ -n "$soft" ]; then
		is "$(val bone "$tmp/e-$name")" 0 \
		    "$name (soft-tissue): 100% of skull, mandible, maxilla and teeth unchanged ($(val bone "$tmp/e-$name") changed)"
	fi
done <<EOF
$cases
EOF

c_ct=$(val changed "$tmp/e-ct")
c_soft=$(val changed "$tmp/e-ctsoft")
[ -n "$c_soft" ] && [ -n "$c_ct" ] && [ "$c_soft" -lt "$c_ct" ]
ok $? "ct: -m soft-tissue changes fewer voxels than the face mode ($c_soft < $c_ct)"
like "$(dget "$(dcms "$tmp/o/cbct" | head -n 1)" DerivationDescription)" 'soft.tissue' \
    "cbct: soft-tissue mode by default, says its DerivationDescription"

# ---- 1b. a dental CBCT's small field of view at 0.2 mm -------------------------
# 100 mm about the lower face (chin to eyes, the back of the head and the ears
# outside the grid, the cylinder's padding beyond 45 mm), 0.2 x 0.2 x 2 mm:
# the head is cut behind the face, so its proportions are an adult's
"$GEN" --modality cbct --spacing 0.2,0.2,2 --fov 100 --centre 0,-55,-30 -o "$tmp/g/small" </dev/null \
    2>"$tmp/gen-small.err" && mkdir -p "$tmp/in/small" && mv "$tmp/g/small"/*.dcm "$tmp/in/small/"
ok $? "gen-head: a 500 x 500 x 50 CBCT of the lower face at 0.2 mm ($(head -c 200 "$tmp/gen-small.err"))"
sums "$tmp/in/small" >"$tmp/small.sums"
run d-small "$DEFACE" -k "$tmp/key" -o "$tmp/o/small" "$tmp/in/small"
is "$rc:$(ndcm "$tmp/o/small")" "0:50" "small fov: exit 0, 50 files written"
like "$err" 'cut by the grid behind the face' "small fov: a note says the head is cut behind the face"
py "$tmp/eval.py" "$tmp/in/small" "$tmp/g/small/labels.nii.gz" "$tmp/o/small" "$tmp/o/small.keys.npy" \
    >"$tmp/e-small" 2>&1
diag "small: $(awk '$1 == "label" { printf "%s %s%% ", $3, $6 }' "$tmp/e-small")"
diag "small: $(grep -E '^(changed|maxy|bone|vface|fill)' "$tmp/e-small" | tr '\n' ';')"
is "$(grep '^problem' "$tmp/e-small")" "" "small fov: the same geometry and pixel format, no other stored word changed"
is "$(lab 4 5 "$tmp/e-small"):$(val bone "$tmp/e-small")" "0:0" \
    "small fov (soft-tissue): no voxel of the brain, bone or teeth changed"
ge "$(val vface "$tmp/e-small" 3)" 99
ok $? "small fov: the face's soft tissue in the field of view >= 99% changed ($(val vface "$tmp/e-small" 3)%)"
ge "$(lab 6 6 "$tmp/e-small")" 99
ok $? "small fov: the nose >= 99% changed ($(lab 6 6 "$tmp/e-small")%)"
awk -v y="$(val maxy "$tmp/e-small")" 'BEGIN { exit !(y != "" && y + 0 < 0) }'
ok $? "small fov: nothing changed behind the centre of the whole head (the most posterior change at y $(val maxy "$tmp/e-small"))"

# ---- 2. the same region whatever the axis order --------------------------------
for s in psr sla; do
	d=$(py "$tmp/dice.py" "$tmp/o/ct.keys.ref.npy" "$tmp/o/$s.keys.ref.npy" 2>&1)
	ge "${d%% *}" 0.9999
	ok $? "$s vs axial ct: the evaluation maps the labels of eyes, nose, lips and mandible to the same positions ($d)"
	d=$(py "$tmp/dice.py" "$tmp/o/ct.keys.npy" "$tmp/o/$s.keys.npy" 2>&1)
	ge "${d%% *}" 0.98
	ok $? "$s vs axial ct: the changed region in patient coordinates, Dice >= 0.98 ($d: dice, voxels, voxels, common)"
done

# ---- 3. intensity invariance: stored values a * I + b, the rescale unchanged -----
cat >"$tmp/lin.py" <<'PY'
import sys, glob, os
import numpy as np, pydicom
src, dst, a, b = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
os.makedirs(dst, exist_ok=True)
for f in sorted(glob.glob(src + "/*.dcm")):
    d = pydicom.dcmread(f)
    v = d.pixel_array.astype(np.float64) * a + b
    d.PixelData = np.clip(np.round(v), -32768, 32767).astype("<i2").tobytes()
    d.save_as(os.path.join(dst, os.path.basename(f)), write_like_original=False)
PY
for ab in "0.5 700" "2 -300"; do
	set -- $ab
	nm=lin$1_$2
	py "$tmp/lin.py" "$tmp/in/ct" "$tmp/lin/$nm" "$1" "$2" >"$tmp/$nm.log" 2>&1
	ok $? "ct, the stored values made $1 * I + $2 ($(tail -n 1 "$tmp/$nm.log"))"
	run "d-$nm" "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/$nm" "$tmp/lin/$nm"
	is "$rc:$(ndcm "$tmp/o/$nm")" "0:$(ndcm "$tmp/in/ct")" "ct $1 * I + $2: exit 0, every slice ($(printf '%s' "$err" | head -c 300))"
	py "$tmp/eval.py" "$tmp/lin/$nm" "$tmp/g/ct/labels.nii.gz" "$tmp/o/$nm" "$tmp/o/$nm.keys.npy" >"$tmp/e-$nm" 2>&1
	is "$(grep '^problem' "$tmp/e-$nm")" "" "ct $1 * I + $2: the same geometry and pixel format, only changed pixels' words changed"
	diag "ct $1 * I + $2: $(awk '$1 == "label" { printf "%s %s%% ", $3, $6 }' "$tmp/e-$nm")"
	d=$(py "$tmp/dice.py" "$tmp/o/ct.keys.npy" "$tmp/o/$nm.keys.npy" 2>&1)
	ge "${d%% *}" 0.99
	ok $? "ct $1 * I + $2: the changed region's Dice with the original's >= 0.99 ($d)"
done

# ---- 4. keys, determinism, the header ---------------------------------------------
run again "$DEFACE" -q -k "$tmp/key" -o "$tmp/again" "$tmp/in/ct"
is "$rc" 0 "ct again with the key: exit 0"
(cd "$tmp/o/ct" && find . -type f | LC_ALL=C sort) >"$tmp/names1"
(cd "$tmp/again" && find . -type f | LC_ALL=C sort) >"$tmp/names2"
n=$(ndcm "$tmp/in/ct")
[ "$(wc -l <"$tmp/names1")" -eq "$n" ] && cmp -s "$tmp/names1" "$tmp/names2"
ok $? "ct again: the same $n file names ($(wc -l <"$tmp/names1" | tr -d ' ') and $(wc -l <"$tmp/names2" | tr -d ' '))"
ndiff=0
while IFS= read -r f; do
	cmp -s "$tmp/o/ct/$f" "$tmp/again/$f" || ndiff=$((ndiff + 1))
done <"$tmp/names1"
is "$ndiff:$(wc -l <"$tmp/names2" | tr -d ' ')" "0:$n" "ct again: every file byte-identical (cmp)"
is "$(sed "s|$tmp/again/|OUT/|" "$tmp/again.out")" "$(sed "s|$tmp/o/ct/|OUT/|" "$tmp/d-ct.out")" \
    "ct again: the same manifest"
dcms "$tmp/in/ct" | LC_ALL=C sort -r >"$tmp/rev.list"
run_in rev "$tmp/rev.list" "$DEFACE" -q -k "$tmp/key" -o "$tmp/rev"
is "$rc" 0 "ct, the paths on stdin in reverse order: exit 0"
sums "$tmp/rev" >"$tmp/rev.sums"
sums "$tmp/o/ct" >"$tmp/ct.sums"
[ "$(wc -l <"$tmp/ct.sums")" -eq "$n" ] && cmp -s "$tmp/rev.sums" "$tmp/ct.sums"
ok $? "ct, the paths on stdin in reverse order: the same names and bytes"

run k2 "$DEFACE" -q -k "$tmp/key2" -o "$tmp/k2" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/k2")" "0:$(ndcm "$tmp/in/ct")" "ct, another key: exit 0, every slice"
u1=$(field "$tmp/d-ct.out" 5)
u2=$(field "$tmp/k2.out" 5)
[ -n "$u1" ] && [ -n "$u2" ] && [ "$u1" != "$u2" ]
ok $? "ct, another key: another series UID ($u2, not $u1)"
grep -v '^#' "$tmp/d-ct.out" | cut -f 6 | LC_ALL=C sort >"$tmp/sop1"
grep -v '^#' "$tmp/k2.out" | cut -f 6 | LC_ALL=C sort >"$tmp/sop2"
is "$(LC_ALL=C sort -u "$tmp/sop1" "$tmp/sop2" | grep -c .)" $((2 * n)) \
    "ct, another key: $n SOP instance UIDs each, none in common"

# the header of every output of the CT
dcms "$tmp/o/ct" >"$tmp/ct.list"
# shellcheck disable=SC2046
dtab ImageType,DerivationDescription,SeriesInstanceUID,SOPInstanceUID,StudyInstanceUID,Modality,PatientID $(cat "$tmp/ct.list") >"$tmp/ct.tab"
# shellcheck disable=SC2046
dtab SeriesInstanceUID,SOPInstanceUID $(dcms "$tmp/in/ct") >"$tmp/ctin.tab"
is "$(cut -f 2 "$tmp/ct.tab" | grep -c '^DERIVED\\')" "$n" "ct: every ImageType (of $n) starts with DERIVED"
is "$(cut -f 3 "$tmp/ct.tab" | grep -Evc '^(<absent>)?$')" "$n" "ct: every file (of $n) has a DerivationDescription"
diag "ct: DerivationDescription: $(cut -f 3 "$tmp/ct.tab" | head -n 1)"
is "$(cut -f 4 "$tmp/ct.tab" | LC_ALL=C sort -u | grep -c .)" 1 "ct: the outputs share one series UID"
s_out=$(cut -f 4 "$tmp/ct.tab" | head -n 1)
s_in=$(cut -f 2 "$tmp/ctin.tab" | head -n 1)
[ -n "$s_out" ] && [ "$s_out" != "$s_in" ] && [ "$s_out" != "<absent>" ]
ok $? "ct: ... a new one ($s_out), not the input's ($s_in)"
cut -f 3 "$tmp/ctin.tab" | LC_ALL=C sort >"$tmp/sopin"
is "$(cut -f 5 "$tmp/ct.tab" | LC_ALL=C sort -u | cat - "$tmp/sopin" | LC_ALL=C sort -u | grep -c .)" $((2 * n)) \
    "ct: a distinct new SOP instance UID each, none of the input's"
f1=$(head -n 1 "$tmp/ct.list")
[ -n "$f1" ] || f1=$tmp/missing.dcm
is "$(dget "$f1" 'DerivationCodeSequence[0].CodeValue' 'DerivationCodeSequence[0].CodingSchemeDesignator' | tr '\n' ' ')" \
    "113101 DCM " "ct: DerivationCodeSequence 113101 (DCM)"
is "$(py -c 'import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); print(d.file_meta.MediaStorageSOPInstanceUID, d.SOPInstanceUID)' "$f1" 2>&1 |
    awk '$1 == $2 { print "same" }')" same "ct: MediaStorageSOPInstanceUID = SOPInstanceUID"
# the manifest's records are the files'
awk -F '\t' '!/^#/ { print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }' "$tmp/d-ct.out" | LC_ALL=C sort >"$tmp/rec.a"
awk -F '\t' '{ print $1 "\t" $7 "\t" $8 "\t" $6 "\t" $4 "\t" $5 }' "$tmp/ct.tab" | LC_ALL=C sort >"$tmp/rec.b"
[ "$(wc -l <"$tmp/rec.a")" -eq "$n" ] && cmp -s "$tmp/rec.a" "$tmp/rec.b"
ok $? "ct: each record names a file written, with its modality, patient and UIDs"
is "$(grep -v '^#' "$tmp/d-ct.out" | cut -f 7 | LC_ALL=C sort -u)" 1 "ct: frames field 1"

if have dciodvfy; then
	# every file of the CT, every 8th of the MR and the CBCT
	for s in ct mr cbct; do
		case $s in ct) every=1 ;; *) every=8 ;; esac
		# shellcheck disable=SC2046
		ioderrs $(dcms "$tmp/in/$s" | awk -v e=$every 'NR % e == 1 || e == 1') >"$tmp/ioderr-in-$s"
		# shellcheck disable=SC2046
		ioderrs $(dcms "$tmp/o/$s" | awk -v e=$every 'NR % e == 1 || e == 1') >"$tmp/ioderr-out-$s"
		is "$(ndcm "$tmp/o/$s"):$(LC_ALL=C comm -23 "$tmp/ioderr-out-$s" "$tmp/ioderr-in-$s")" "$(ndcm "$tmp/in/$s"):" \
		    "$s: dciodvfy reports no Error in the outputs that the inputs do not have"
	done
else
	skip "dciodvfy absent"
fi

# ---- 4b. multi-frame input: the CT merged into one Legacy Converted Enhanced file --
# (and again encoded RLE): the same voxels changed as in the single-frame CT,
# one file out with every frame, DERIVED in ImageType and in every FrameType
MERGE=$BIN/dcm-merge-frames
for ts in '' rle; do
	name=mf${ts:+-$ts}
	run "m-$name" "$MERGE" -q -k "$tmp/key" ${ts:+--ts "$ts"} -o "$tmp/in/$name" "$tmp/in/ct"
	sums "$tmp/in/$name" >"$tmp/$name.sums"
	run "d-$name" "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/$name" "$tmp/in/$name"
	is "$rc:$(ndcm "$tmp/o/$name"):$(nrecords "$tmp/d-$name.out"):$(sums "$tmp/in/$name" | cmp -s - "$tmp/$name.sums"; echo $?)" \
	    "0:1:1:0" \
	    "${ts:-native} multi-frame: exit 0, one file and one record, the input unchanged ($(printf '%s' "$err" | head -c 200))"
	cat >"$tmp/mf.py" <<'PY2'
import sys, glob
import numpy as np, pydicom
mi, mo, si, so = sys.argv[1:5]
one = lambda d: pydicom.dcmread(glob.glob(d + "/**/*.dcm", recursive=True)[0])
a, b = one(mi), one(mo)
pa, pb = a.pixel_array, b.pixel_array
# the single-frame slices, by position along the normal (the merged file's frame order)
def stack(d):
    fs = [pydicom.dcmread(f) for f in glob.glob(d + "/**/*.dcm", recursive=True)]
    fs.sort(key=lambda f: float(f.ImagePositionPatient[2]))
    return np.array([f.pixel_array for f in fs])
sa, sb = stack(si), stack(so)
pos = [float(f.PlanePositionSequence[0].ImagePositionPatient[2]) for f in a.PerFrameFunctionalGroupsSequence]
order = np.argsort(pos)
ftypes = set()
for g in list(b.PerFrameFunctionalGroupsSequence) + list(b.SharedFunctionalGroupsSequence):
    for kw in ("CTImageFrameTypeSequence", "MRImageFrameTypeSequence"):
        if kw in g:
            ftypes.add(g[kw][0].FrameType[0])
print("frames %d %d" % (pa.shape[0], pb.shape[0]))
print("same %d" % int(np.array_equal(pa[order] != pb[order], sa != sb)))
print("changed %d %d" % ((pa != pb).sum(), (sa != sb).sum()))
print("types %s %s" % (b.ImageType[0], ",".join(sorted(ftypes))))
print("uids %d" % int(b.SeriesInstanceUID != a.SeriesInstanceUID and b.SOPInstanceUID != a.SOPInstanceUID))
PY2
	py "$tmp/mf.py" "$tmp/in/$name" "$tmp/o/$name" "$tmp/in/ct" "$tmp/o/ct" >"$tmp/e-$name" 2>&1
	is "$(val frames "$tmp/e-$name" 3):$(val same "$tmp/e-$name")" "$(ndcm "$tmp/in/ct"):1" \
	    "${ts:-native} multi-frame: the same voxels changed as in the single-frame series ($(val changed "$tmp/e-$name") and $(val changed "$tmp/e-$name" 3); $(head -c 300 "$tmp/e-$name" | tr '\n' ' '))"
	is "$(val types "$tmp/e-$name"):$(val types "$tmp/e-$name" 3):$(val uids "$tmp/e-$name")" "DERIVED:DERIVED:1" \
	    "${ts:-native} multi-frame: ImageType and every FrameType DERIVED, new series and instance UIDs"
	if have dciodvfy; then
		ioderrs $(dcms "$tmp/in/$name") >"$tmp/ioderr-in-$name"
		ioderrs $(dcms "$tmp/o/$name") >"$tmp/ioderr-out-$name"
		is "$(LC_ALL=C comm -23 "$tmp/ioderr-out-$name" "$tmp/ioderr-in-$name")" "" \
		    "${ts:-native} multi-frame: dciodvfy reports no Error the merged input does not have"
	else
		skip "dciodvfy absent"
	fi
done

# ---- 4c. NRRD in, NRRD out ----------------------------------------------------------
# the CT as dcm-convert writes it (.nrrd, .nhdr) and as NIfTI: each defaced,
# the same volume out; the .nhdr without its space, with --axes, the same voxels
CONVERT=$BIN/dcm-convert
TNRRD=$TB/t-nrrd
for f in nrrd nhdr nii.gz; do
	"$CONVERT" -q -f "$f" -o "$tmp/nrrd-$f" "$tmp/in/ct" >/dev/null 2>"$tmp/conv-$f.err" ||
	    echo "dcm-convert -f $f: exit $?" >>"$tmp/conv-$f.err"
	find "$tmp/nrrd-$f" -name "*.$f" -exec mv {} "$tmp/nrrd-$f/ct.$f" \;
	find "$tmp/nrrd-$f" -name '*.raw' -exec mv {} "$tmp/nrrd-$f/" \;
done
is "$(cat "$tmp"/conv-*.err)" "" "dcm-convert wrote the CT as .nrrd, .nhdr and .nii.gz"
for f in nrrd nhdr nii.gz; do
	sums "$tmp/nrrd-$f" >"$tmp/nrrd-$f.sums"
	run "v-$f" "$DEFACE" -q -k "$tmp/key" -o "$tmp/vo-$f" "$tmp/nrrd-$f/ct.$f"
	out=$tmp/vo-$f/ct.$f
	[ "$f" = nhdr ] && out=$tmp/vo-$f/ct.nrrd
	is "$rc:$(find "$tmp/vo-$f" -type f | wc -l | tr -d ' '):$([ -f "$out" ] && echo "${out##*/}")" "0:1:${out##*/}" \
	    "$f: exit 0, one volume written, ${out##*/} ($(printf '%s' "$err" | head -c 200))"
	sums "$tmp/nrrd-$f" | cmp -s - "$tmp/nrrd-$f.sums"
	ok $? "$f: the input unchanged"
done
for f in nrrd nhdr; do
	"$TNRRD" cmp-nifti "$tmp/vo-$f/ct.nrrd" "$tmp/vo-nii.gz/ct.nii.gz" >"$tmp/cmp-$f" 2>&1
	ok $? "$f: the defaced NRRD holds the defaced NIfTI's volume: geometry and every value ($(head -c 200 "$tmp/cmp-$f"))"
done
# the QC picture of a volume is the series': its "before" from the input's values
run qc-dcm "$DEFACE" -q -k "$tmp/key" --qc "$tmp/qc-dcm.png" -o "$tmp/qo-dcm" "$tmp/in/ct"
run qc-nii "$DEFACE" -q -k "$tmp/key" --qc "$tmp/qc-nii.png" -o "$tmp/qo-nii" "$tmp/nrrd-nii.gz/ct.nii.gz"
run qc-nrrd "$DEFACE" -q -k "$tmp/key" --qc "$tmp/qc-nrrd.png" -o "$tmp/qo-nrrd" "$tmp/nrrd-nrrd/ct.nrrd"
[ -s "$tmp/qc-dcm.png" ] && cmp -s "$tmp/qc-dcm.png" "$tmp/qc-nii.png" && cmp -s "$tmp/qc-dcm.png" "$tmp/qc-nrrd.png"
ok $? "--qc: the same picture from the series, its NIfTI and its NRRD"
py - "$tmp/qc-dcm.png" >"$tmp/qc.out" 2>&1 <<'PY2'
import sys, zlib, struct
# the picture's rows (8-bit RGB, filter bytes undone) and, across the
# "front" and "front defaced" panels (the first two fifths of a row band
# below the captions), how many pixels differ
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(b):
    n, t = struct.unpack(">I4s", b[pos:pos + 8])
    if t == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", b[pos + 8:pos + 18])
    if t == b"IDAT":
        idat += b[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 3 if ctype == 2 else 4
stride = w * bpp
rows, prev = [], bytearray(stride)
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        c = prev[x - bpp] if x >= bpp else 0
        up = prev[x]
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + up) & 255
        elif f == 3: line[x] = (line[x] + (a + up) // 2) & 255
        elif f == 4:
            p = a + up - c; pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
    rows.append(line); prev = line
# the panels: columns of the lit part of the picture below its captions, in runs
lit = [any(rows[y][x * bpp] > 40 for y in range(h // 4, h)) for x in range(w)]
runs, x = [], 0
while x < w:
    if lit[x]:
        x0 = x
        while x < w and lit[x]: x += 1
        runs.append((x0, x))
    else:
        x += 1
a0, a1 = runs[0]; b0, b1 = runs[1]
n = min(a1 - a0, b1 - b0)
diff = sum(rows[y][(a0 + i) * bpp] != rows[y][(b0 + i) * bpp] for y in range(h // 4, h) for i in range(n))
print("panels %d diff %d" % (len(runs), diff))
PY2
set -- $(cat "$tmp/qc.out")
[ "${1:-}" = panels ] && [ "${2:-0}" -ge 4 ] && [ "${4:-0}" -gt 500 ]
ok $? "--qc: the front before and after differ ($(cat "$tmp/qc.out" | head -c 200))"
"$TNRRD" same "$tmp/vo-nrrd/ct.nrrd" "$tmp/nrrd-nrrd/ct.nrrd" >/dev/null 2>&1
is "$?" 1 "nrrd: the defaced volume differs from its input"
# without its space: refused, then with --axes (dcm-convert's voxel axes: L, A, S)
mkdir -p "$tmp/bare"
sed -e '/^space/d' -e 's/^kinds: .*/spacings: 3 3 3/' "$tmp/nrrd-nhdr/ct.nhdr" >"$tmp/bare/ct.nhdr"
cp "$tmp"/nrrd-nhdr/*.raw "$tmp/bare/"
run bare0 "$DEFACE" -q -k "$tmp/key" -o "$tmp/bo0" "$tmp/bare/ct.nhdr"
is "$rc:$(find "$tmp/bo0" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" "a NRRD without an anatomical space: exit 1, nothing written"
like "$err" 'no anatomical orientation.*--axes' "... the message asks for --axes"
run bare "$DEFACE" -q -k "$tmp/key" --axes LAS -o "$tmp/bo" "$tmp/bare/ct.nhdr"
"$TNRRD" dump "$tmp/bo/ct.nrrd" >"$tmp/bare.vox" 2>/dev/null
"$TNRRD" dump "$tmp/vo-nhdr/ct.nrrd" >"$tmp/nhdr.vox" 2>/dev/null
[ "$rc" = 0 ] && [ -s "$tmp/bare.vox" ] && cmp -s "$tmp/bare.vox" "$tmp/nhdr.vox"
ok $? "--axes LAS: exit 0, the same voxels changed as with its space ($(printf '%s' "$err" | head -c 200))"
run bare2 "$DEFACE" -q -k "$tmp/key" --axes LAP -o "$tmp/bo2" "$tmp/bare/ct.nhdr"
is "$rc:$(find "$tmp/bo2" -type f 2>/dev/null | wc -l | tr -d ' ')" "2:0" "--axes LAP (A and P both along y): exit 2, nothing written"

# ---- 5. refusals and pass-through -------------------------------------------------
# a head whose header says the face is at the back: the grid turned 180
# degrees about S in the header only (x and y of every vector negated)
cat >"$tmp/edit.py" <<'PY'
import sys, glob, os
import pydicom
what, src, dst = sys.argv[1:4]
os.makedirs(dst, exist_ok=True)
for f in sorted(glob.glob(src + "/*.dcm")):
    d = pydicom.dcmread(f)
    if what == "flip":
        o = [float(v) for v in d.ImageOrientationPatient]
        p = [float(v) for v in d.ImagePositionPatient]
        d.ImageOrientationPatient = ["%g" % v for v in (-o[0], -o[1], o[2], -o[3], -o[4], o[5])]
        d.ImagePositionPatient = ["%g" % v for v in (-p[0], -p[1], p[2])]
    elif what == "chest":
        d.BodyPartExamined = "CHEST"
    d.save_as(os.path.join(dst, os.path.basename(f)), write_like_original=False)
PY
py "$tmp/edit.py" flip "$tmp/in/ct" "$tmp/in/flip" >"$tmp/flip.log" 2>&1
ok $? "a copy of the CT turned 180 degrees about S in its header ($(tail -n 1 "$tmp/flip.log"))"
py "$tmp/edit.py" chest "$tmp/in/ct" "$tmp/in/chest" >"$tmp/chest.log" 2>&1
ok $? "a copy of the CT with Body Part Examined CHEST ($(tail -n 1 "$tmp/chest.log"))"

# a 20x20x20 uniform cube, and a 24^3 grid of air with a 12^3 cube of water in it
py - "$tmp/in" <<'PY' >"$tmp/cube.log" 2>&1
import sys, os
import numpy as np, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
def series(dst, vol, tag):
    os.makedirs(dst, exist_ok=True)
    st = "2.25.%d" % (9100 + tag)
    se = "2.25.%d" % (9200 + tag)
    for k in range(vol.shape[0]):
        ds = Dataset()
        ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        ds.SOPInstanceUID = "2.25.%d%03d" % (9300 + tag, k + 1)
        ds.Modality = "CT"
        ds.PatientName = "CUBE^TEST"
        ds.PatientID = "CUBE-%d" % tag
        ds.StudyInstanceUID = st
        ds.SeriesInstanceUID = se
        ds.FrameOfReferenceUID = "2.25.%d" % (9400 + tag)
        ds.BodyPartExamined = "HEAD"
        ds.SeriesNumber = 1
        ds.InstanceNumber = k + 1
        ds.ImagePositionPatient = [-30, -30, -30 + 3 * k]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [3, 3]
        ds.SliceThickness = 3
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows, ds.Columns = vol.shape[1], vol.shape[2]
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = 0, 1
        ds.PixelData = vol[k].astype("<i2").tobytes()
        fm = FileMetaDataset()
        fm.MediaStorageSOPClassUID = ds.SOPClassUID
        fm.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        fm.TransferSyntaxUID = "1.2.840.10008.1.2.1"
        ds.file_meta = fm
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(os.path.join(dst, "IM%04d.dcm" % (k + 1)), write_like_original=False)
series(sys.argv[1] + "/cube", np.full((20, 20, 20), 40, np.int16), 1)
v = np.full((24, 24, 24), -1000, np.int16)
v[6:18, 6:18, 6:18] = 0
series(sys.argv[1] + "/block", v, 2)
PY
ok $? "two tiny non-head series made with pydicom ($(tail -n 1 "$tmp/cube.log"))"
printf 'not DICOM\n' >"$tmp/in/notes.txt"
# A slab through the face (20 slices of 2 mm, Body Part Examined HEAD) and a
# localizer (five slices): they cannot show a face, and pass through with a note.
"$GEN" --spacing 2 --fov 240,240,40 -o "$tmp/in/slab" </dev/null >/dev/null 2>&1 &&
    "$GEN" --spacing 2 --fov 240,240,10 -o "$tmp/in/scout" </dev/null >/dev/null 2>&1
ok $? "a 40 mm slab of the CT and a five-slice scout, made with gen-head"
rm -f "$tmp/in/slab"/labels.* "$tmp/in/scout"/labels.*
sums "$tmp/in" >"$tmp/in2.sums"

run flip "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/flip" "$tmp/in/flip"
is "$rc" 1 "the face at the back by the header: exit 1"
like "$err" 'orientation' "... a message about the orientation"
is "$(ndcm "$tmp/o/flip")" 0 "... no output file"

n=$(ndcm "$tmp/in/chest")
run chest "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/chest" "$tmp/in/chest"
is "$rc" 0 "Body Part Examined CHEST: exit 0 ($(printf '%s' "$err" | head -c 200))"
is "$(grep -v '^#' "$tmp/chest.out" | cut -f 1 | LC_ALL=C sort)" "$(dcms "$tmp/in/chest")" \
    "... the $n files' records passed through, naming the inputs"
is "$(ndcm "$tmp/o/chest")" 0 "... no output file"

for c in slab scout; do
	run "$c" "$DEFACE" -k "$tmp/key" -o "$tmp/o/$c" "$tmp/in/$c"
	is "$rc" 0 "$c: exit 0"
	like "$err" 'too thin to show a face.*left as it is' "$c: ... a note that it is too thin to show a face"
	is "$(grep -v '^#' "$tmp/$c.out" | cut -f 1 | LC_ALL=C sort)" "$(dcms "$tmp/in/$c")" \
	    "$c: ... the $(ndcm "$tmp/in/$c") files' records passed through, naming the inputs"
	is "$(ndcm "$tmp/o/$c")" 0 "$c: ... no output file"
done

for c in cube block; do
	run "$c" "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/$c" "$tmp/in/$c"
	is "$rc" 1 "$c, a tiny volume that is no head: exit 1"
	like "$err" 'no face found|no head' "$c: ... 'no face found' or 'no head'"
	is "$(ndcm "$tmp/o/$c")" 0 "$c: ... no output file"
done

run txt "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/txt" "$tmp/in/notes.txt"
is "$rc:$(ndcm "$tmp/o/txt")" 1:0 "a text file: exit 1, nothing written"
like "$err" 'notes\.txt' "... a message naming it"
run txtct "$DEFACE" -q -k "$tmp/key" -o "$tmp/o/txtct" "$tmp/in/notes.txt" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/o/txtct")" "1:$(ndcm "$tmp/in/ct")" "a text file beside the CT: exit 1, the CT defaced all the same"
[ "$(wc -l <"$tmp/ct.sums")" -eq "$(ndcm "$tmp/in/ct")" ] && sums "$tmp/o/txtct" | cmp -s - "$tmp/ct.sums"
ok $? "... the same bytes as the CT alone"

run usage "$DEFACE" -k "$tmp/key" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/o/usage")" 2:0 "no -o: exit 2"
run badm "$DEFACE" -k "$tmp/key" -m nose -o "$tmp/o/badm" "$tmp/in/ct"
is "$rc:$(ndcm "$tmp/o/badm")" 2:0 "-m nose: exit 2, nothing written"

sums "$tmp/in" | cmp -s - "$tmp/in2.sums"
ok $? "every input unchanged by every run (checksums)"
sums "$tmp/in" | grep -v -e ' ./flip/' -e ' ./chest/' -e ' ./cube/' -e ' ./block/' -e ' ./slab/' -e ' ./scout/' -e ' ./notes.txt$' -e ' ./small/' -e ' ./mf' |
    cmp -s - "$tmp/in.sums"
ok $? "... the generated series as gen-head wrote them"
sums "$tmp/in/small" | cmp -s - "$tmp/small.sums"
ok $? "... and the small field of view's"

done_testing
