#!/bin/sh
# dcm-convert on the real series of ../shared/data/dcm_qa (skipped where
# absent): voxels identical to dcm2niix's reference (its manifest's hash of
# the stored values, or its NIfTI), affine within 1e-4 mm (2e-4 against the
# manifest, which rounds to 5 decimals); NRRD and MetaImage hold the same
# values and geometry as the NIfTI; a tilted CT keeps the shear of its
# ImagePositionPatient; non-uniform spacing is refused, never averaged.
. "$(dirname "$0")/lib.sh"

CONVERT=$BIN/dcm-convert
qa=$root/../shared/data/dcm_qa
[ -x "$CONVERT" ] || bail "$CONVERT: not built"
[ -d "$qa" ] || skip_all "../shared/data/dcm_qa is absent"
py -c 'import nibabel' 2>/dev/null || skip_all "python3-nibabel is not installed"

# compare OUTDIR REFKIND REF...: every reference must be matched by one output
compare() {
	py - "$@" <<'PY'
import sys, glob, json, hashlib
import numpy as np, nibabel as nib
out, kind, refs = sys.argv[1], sys.argv[2], sys.argv[3:]
want = {}
if kind == "manifest":
    m = json.load(open(refs[0]))["files"]
    for name in refs[1:]:
        v = m[name]
        want[name] = (tuple(v["shape"]), v["raw_sha256"], np.array(v["sform"]), 2e-4)
else:
    for r in refs:
        im = nib.load(r)
        want[r] = (im.shape, hashlib.sha256(im.dataobj.get_unscaled().tobytes(order="C")).hexdigest(),
                   im.affine[:3], 1e-4)
got = []
for x in glob.glob(out + "/**/*.nii*", recursive=True):
    im = nib.load(x)
    got.append((im.shape, hashlib.sha256(im.dataobj.get_unscaled().tobytes(order="C")).hexdigest(),
                im.affine[:3], x))
bad = 0
for name, (shape, sha, sform, tol) in want.items():
    ok = [g for g in got if g[0] == shape and g[1] == sha]
    if not ok:
        print("no output with the voxels of", name); bad += 1; continue
    d = np.abs(ok[0][2] - sform).max()
    if d > tol:
        print("affine of", name, "off by", d); bad += 1
print("matched", len(want) - bad, "of", len(want))
sys.exit(1 if bad else 0)
PY
}

run ct "$CONVERT" -q -f nii -o "$tmp/ct" "$qa/dcm_qa_ct/In/Philips/S21570"
is "$rc" 0 "Philips CT: exit 0"
compare "$tmp/ct" manifest "$qa/dcm_qa_ct/Ref_manifest_debian_dcm2niix_v1.0.20220720.json" \
    1A_TRAUMA_PLAIN_HEAD_DM_Head_201.nii >"$tmp/c1" 2>&1
ok $? "Philips CT: voxels and affine of dcm2niix's reference ($(tail -n1 "$tmp/c1"))"

run dec "$CONVERT" -q -f nii -o "$tmp/dec" "$qa/dcm_qa_decubitus/In"
# In/ also holds a text file, refused as not DICOM: exit 1
is "$rc" 1 "decubitus MR: exit 1 (the text file beside the series is refused)"
compare "$tmp/dec" manifest "$qa/dcm_qa_decubitus/Ref_manifest_debian_dcm2niix_v1.0.20220720.json" \
    t1_fl2d_sag_20220407152351.nii >"$tmp/c2" 2>&1
ok $? "decubitus MR (HFDL): geometry from IOP/IPP only ($(tail -n1 "$tmp/c2"))"

run ge "$CONVERT" -q -f nii.gz -o "$tmp/ge" "$qa/dcm_qa_nih/In/20180918GE"
compare "$tmp/ge" nifti "$qa/dcm_qa_nih/Ref/DCM2NIIX_regression_test_4.nii" >"$tmp/c3" 2>&1
ok $? "GE EPI, 150 single-slice files, nii.gz: voxels and affine ($(tail -n1 "$tmp/c3"))"
have nifti_tool && {
	f=$(find "$tmp/ge" -name '*.nii.gz' | head -n1)
	nifti_tool -check_hdr -infiles "$f" >"$tmp/nt" 2>&1
	ok $? "nifti_tool reads the nii.gz header"
}

# NRRD and MetaImage: the same real values and the same LPS geometry as the NIfTI
for f in nrrd nhdr mha mhd; do
	run "f$f" "$CONVERT" -q -f "$f" -o "$tmp/$f" "$qa/dcm_qa_ct/In/Philips/S21570"
	is "$rc" 0 "-f $f: exit 0"
done
py - "$tmp" <<'PY' >"$tmp/fmt" 2>&1
import sys, glob, gzip, re
import numpy as np, nibabel as nib
t = sys.argv[1]
def biggest(d, ext):
    return max(glob.glob(d + "/**/*" + ext, recursive=True), key=lambda p: len(open(p, "rb").read()))
nii = nib.load(max(glob.glob(t + "/ct/**/*.nii", recursive=True), key=lambda p: nib.load(p).shape[2]))
ref = np.asanyarray(nii.dataobj).astype(np.float64)
ras = nii.affine
lps = np.diag([-1, -1, 1, 1]) @ ras
types = {"short": "<i2", "ushort": "<u2", "int": "<i4", "float": "<f4", "uchar": "u1",
         "MET_SHORT": "<i2", "MET_USHORT": "<u2", "MET_INT": "<i4", "MET_FLOAT": "<f4"}
bad = 0
for ext in ("nrrd", "nhdr"):
    p = [x for x in glob.glob(t + "/" + ext + "/**/*." + ext, recursive=True)]
    p = max(p, key=lambda x: open(x, "rb").read().count(b"\n") and len(open(x, "rb").read()))
    raw = open(p, "rb").read()
    head, _, body = raw.partition(b"\n\n")
    h = dict(l.split(": ", 1) for l in head.decode().splitlines()[1:] if ": " in l)
    sizes = [int(x) for x in h["sizes"].split()]
    if "data file" in h:
        import os
        body = open(os.path.join(os.path.dirname(p), h["data file"]), "rb").read()
    if h["encoding"] == "gzip":
        body = gzip.decompress(body)
    a = np.frombuffer(body, types[h["type"]]).reshape(sizes[::-1]).transpose(2, 1, 0)
    dirs = [list(map(float, v.strip("()").split(","))) for v in h["space directions"].split()]
    org = list(map(float, h["space origin"].strip("()").split(",")))
    if a.shape != ref.shape or not np.array_equal(a.astype(np.float64), ref):
        print(ext, "values differ"); bad += 1
    if np.abs(np.array(dirs).T - lps[:3, :3]).max() > 1e-4 or np.abs(np.array(org) - lps[:3, 3]).max() > 1e-4:
        print(ext, "geometry differs"); bad += 1
for ext in ("mha", "mhd"):
    p = max(glob.glob(t + "/" + ext + "/**/*." + ext, recursive=True), key=lambda x: len(open(x, "rb").read()))
    raw = open(p, "rb").read()
    i = raw.index(b"ElementDataFile")
    j = raw.index(b"\n", i) + 1
    h = dict(l.split(" = ", 1) for l in raw[:j].decode().splitlines())
    body = raw[j:]
    if h["ElementDataFile"] != "LOCAL":
        import os
        body = open(os.path.join(os.path.dirname(p), h["ElementDataFile"]), "rb").read()
    sizes = [int(x) for x in h["DimSize"].split()]
    a = np.frombuffer(body, types[h["ElementType"]]).reshape(sizes[::-1]).transpose(2, 1, 0)
    sp = np.array(list(map(float, h["ElementSpacing"].split())))
    tm = np.array(list(map(float, h["TransformMatrix"].split()))).reshape(3, 3)
    off = np.array(list(map(float, h["Offset"].split())))
    if a.shape != ref.shape or not np.array_equal(a.astype(np.float64), ref):
        print(ext, "values differ"); bad += 1
    if np.abs(tm.T * sp - lps[:3, :3]).max() > 1e-4 or np.abs(off - lps[:3, 3]).max() > 1e-4:
        print(ext, "geometry differs"); bad += 1
print("bad", bad)
sys.exit(1 if bad else 0)
PY
ok $? "NRRD, NHDR, MHA, MHD: the NIfTI's real values and LPS geometry ($(tail -n1 "$tmp/fmt"))"

# tilt: the sheared geometry of the IPPs, kept in NIfTI; MetaImage refuses it
run tilt "$CONVERT" -q -f nii -o "$tmp/tilt" "$qa/dcm_qa_ct/In/Philips/S21610/S3010"
is "$rc" 0 "tilted CT (16.5 degrees): exit 0"
py - "$tmp/tilt" "$qa/dcm_qa_ct/In/Philips/S21610/S3010" <<'PY' >"$tmp/tl" 2>&1
import sys, glob
import numpy as np, nibabel as nib, pydicom
im = nib.load(glob.glob(sys.argv[1] + "/**/*.nii", recursive=True)[0])
ds = [pydicom.dcmread(f) for f in glob.glob(sys.argv[2] + "/*") if not f.endswith("DIRFILE")]
iop = np.array(ds[0].ImageOrientationPatient, float)
n = np.cross(iop[:3], iop[3:])
ds.sort(key=lambda d: np.dot(n, np.array(d.ImagePositionPatient, float)))
first, last = (np.array(d.ImagePositionPatient, float) for d in (ds[0], ds[-1]))
k = (last - first) / (len(ds) - 1)
lps = np.diag([-1, -1, 1, 1]) @ im.affine
ok = np.abs(lps[:3, 2] - k).max() < 1e-4
# voxel (0, rows-1, 0) is the first image's first pixel: its IPP
corner = lps @ np.array([0, im.shape[1] - 1, 0, 1])
ok = ok and np.abs(corner[:3] - first).max() < 1e-4
print("slice axis", k, "sform", lps[:3, 2])
sys.exit(0 if ok else 1)
PY
ok $? "tilted CT: the sform's slice axis and origin are those of the IPPs"
run tiltm "$CONVERT" -f mha -o "$tmp/tiltm" "$qa/dcm_qa_ct/In/Philips/S21610/S3010"
is "$rc" 1 "tilted CT to MetaImage: refused, exit 1"
like "$err" 'gantry tilt' "tilted CT to MetaImage: says why"

run var "$CONVERT" -f nii -o "$tmp/var" "$qa/dcm_qa_ct/In/GE"
is "$rc" 1 "GE CT with slice spacing from 1.1 to 7.4 mm: exit 1"
like "$err" 'spacing varies' "variable spacing: refused, never averaged"

run bad "$CONVERT" -f png -o "$tmp/x" "$qa/dcm_qa_ct/In/GE"
is "$rc" 2 "unknown format: exit 2"

done_testing
