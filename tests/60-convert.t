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

# compare OUTDIR REFKIND REF...: every reference must be matched by one output:
# the same stored values at the same patient positions (both brought to the
# closest RAS orientation, since some references were made by a dcm2niix
# that reorients), and an affine within 1e-4 mm (2e-4 against a manifest,
# which rounds to 5 decimals).
compare() {
	py - "$@" <<'PY'
import sys, os, glob, json, hashlib
import numpy as np, nibabel as nib
out, kind, refs = sys.argv[1], sys.argv[2], sys.argv[3:]
def canon(im):
    # the stored values (never the scaled ones) in the closest RAS order
    from nibabel.orientations import io_orientation, apply_orientation, inv_ornt_aff
    d = im.dataobj.get_unscaled() if hasattr(im.dataobj, "get_unscaled") else np.asanyarray(im.dataobj)
    o = io_orientation(im.affine)
    return apply_orientation(d, o), im.affine @ inv_ornt_aff(o, im.shape[:3])
want = {}
if kind == "manifest":
    m = json.load(open(refs[0]))["files"]
    for name in refs[1:]:
        v = m[name]
        want[name] = ("sha", tuple(v["shape"]), v["raw_sha256"], np.array(v["sform"]), 2e-4)
else:
    for r in refs:
        want[r] = ("img", nib.load(r), None, None, float(os.environ.get("TOL", "1e-4")))
got = [nib.load(x) for x in glob.glob(out + "/**/*.nii*", recursive=True)]
bad = 0
for name, (how, a, b, c, tol) in want.items():
    found = None
    for g in got:
        if how == "sha":
            if g.shape == a and hashlib.sha256(g.dataobj.get_unscaled().tobytes(order="C")).hexdigest() == b:
                found = np.abs(g.affine[:3] - c).max()
                break
        else:
            if sorted(g.shape[:3]) != sorted(a.shape[:3]) or g.shape[3:] != a.shape[3:]:
                continue
            gd, ga = canon(g)
            rd, ra = canon(a)
            if gd.shape == rd.shape and np.array_equal(gd, rd):
                found = np.abs(ga - ra).max()
                break
    if found is None:
        print("no output with the voxels of", name); bad += 1
    elif found > tol:
        print("affine of", name, "off by", found); bad += 1
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

# Siemens mosaics in eight transfer syntaxes (explicit, implicit, big endian,
# RLE, JPEG lossless twice, JPEG-LS twice): the same volume every time
run ts "$CONVERT" -q -f nii -o "$tmp/ts" "$qa/dcm_qa_ts/In/1.dcm" "$qa/dcm_qa_ts/In/2.dcm" \
    "$qa/dcm_qa_ts/In/3.dcm" "$qa/dcm_qa_ts/In/4.dcm" "$qa/dcm_qa_ts/In/5.dcm" \
    "$qa/dcm_qa_ts/In/6.dcm" "$qa/dcm_qa_ts/In/7.dcm" "$qa/dcm_qa_ts/In/8.dcm"
is "$rc" 0 "mosaics in 8 transfer syntaxes: exit 0"
compare "$tmp/ts" nifti "$qa"/dcm_qa_ts/Ref/[1-8].nii >"$tmp/c4" 2>&1
ok $? "mosaics in 8 transfer syntaxes: the reference's voxels and affine ($(tail -n1 "$tmp/c4"))"

# 12-bit: masked high bits, sign extension from bit 11
run b12 "$CONVERT" -q -f nii -o "$tmp/b12" "$qa/dcm_qa_12bit/In"
compare "$tmp/b12" nifti "$qa"/dcm_qa_12bit/Ref/*.nii >"$tmp/c5" 2>&1
ok $? "12-bit unsigned with garbage high bits, and signed 12-bit ($(tail -n1 "$tmp/c5"))"

# axial, coronal, sagittal mosaics; ascending, descending, interleaved
run or "$CONVERT" -q -f nii -o "$tmp/or" "$qa/dcm_qa_orientation/In/Orientation/ax" \
    "$qa/dcm_qa_orientation/In/Orientation/cor" "$qa/dcm_qa_orientation/In/Orientation/sag"
# ax/ holds a NIfTI beside the DICOM files: refused as not DICOM, exit 1
is "$rc" 1 "orientation mosaics: exit 1 (a NIfTI file among them is refused)"
compare "$tmp/or" nifti $(ls "$qa"/dcm_qa_orientation/Ref/*.nii | grep -v fMRI_MB) >"$tmp/c6" 2>&1
ok $? "axial, coronal and sagittal mosaics in every slice order ($(tail -n1 "$tmp/c6"))"

run nih "$CONVERT" -q -f nii -o "$tmp/nih" "$qa/dcm_qa_nih/In"
compare "$tmp/nih" nifti "$qa"/dcm_qa_nih/Ref/*.nii >"$tmp/c7" 2>&1
ok $? "Siemens EPI in four phase encodings and GE EPI ($(tail -n1 "$tmp/c7"))"

# The reference's slice step (2.000107 mm) is not that of the files' IPPs
# (190.0001 mm over 95 steps): its affine is 0.01 mm off at the far end, so
# the affine is held to 0.02 mm here, the voxels to identity.
run frag "$CONVERT" -q -f nii -o "$tmp/frag" "$qa/dcm_qa_frag/In"
TOL=0.02 compare "$tmp/frag" nifti "$qa"/dcm_qa_frag/Ref/*.nii >"$tmp/c8" 2>&1
ok $? "JPEG lossless with every frame in three fragments ($(tail -n1 "$tmp/c8"))"

# enhanced MR multi-frame: the functional groups' geometry, 4-D time series,
# frames of two echoes or types as two stacks
run xa "$CONVERT" -q -f nii -o "$tmp/xa" "$qa/dcm_qa_xa30/In"
is "$rc" 0 "Siemens XA30 enhanced MR: exit 0"
# the 3D T1's far corner: 1.07e-4 mm from dcm2niix's, which steps by the first
# two frames where dcm-convert takes the mean step over all 96: 2e-4 here
TOL=2e-4 compare "$tmp/xa" nifti "$qa"/dcm_qa_xa30/Ref/*.nii >"$tmp/c9" 2>&1
ok $? "XA30: 3D T1 of 96 frames, ASL 4-D, field map magnitudes and phase ($(tail -n1 "$tmp/c9"))"
run enh "$CONVERT" -q -f nii -o "$tmp/enh" "$qa/dcm_qa_enh/In/Siemens"
compare "$tmp/enh" nifti "$qa"/dcm_qa_enh/Ref/Siemens*.nii >"$tmp/c10" 2>&1
ok $? "XA10 enhanced MR, 4 files of 6 frames: a 4-D series ($(tail -n1 "$tmp/c10"))"
# Philips enhanced field map: 64 frames of two types (magnitude, field map in Hz),
# each with its own rescale: two stacks of 32.  dcm2niix stores the columns
# mirrored here (with an affine to match), so the voxels are compared in RAS order.
run enhp "$CONVERT" -q -f nii -o "$tmp/enhp" "$qa/dcm_qa_enh/In/Philips"
is "$rc:$(nrecords "$tmp/enhp.out")" 0:2 "Philips enhanced field map: exit 0, two volumes"
compare "$tmp/enhp" nifti "$qa"/dcm_qa_enh/Ref/Philips*.nii >"$tmp/c11" 2>&1
ok $? "Philips field map: magnitude and field map, the stored voxels and affine of dcm2niix ($(tail -n1 "$tmp/c11"))"
py - "$tmp/enhp" "$qa/dcm_qa_enh/Ref" <<'PY' >"$tmp/c12" 2>&1
import sys, glob
import numpy as np, nibabel as nib
from nibabel.orientations import io_orientation, apply_orientation
def real(p):
    im = nib.load(p)
    return apply_orientation(im.get_fdata(), io_orientation(im.affine)), im
outs = [real(p) for p in sorted(glob.glob(sys.argv[1] + "/**/*.nii", recursive=True))]
fm, fmref = real(sys.argv[2] + "/Philips_WIP_B0_NS_801_e2_fieldmaphz.nii")
mag = [o for o in outs if o[0].min() >= 0]
fms = [o for o in outs if o[0].min() < 0]
bad = 0
# the field map: dcm2niix uses the public rescale too (to float32 precision)
if len(fms) != 1 or np.abs(fms[0][0] - fm).max() > 1e-5 * np.ptp(fm):
    print("field map: real values differ from dcm2niix's"); bad = 1
# the magnitude: the public RescaleSlope 1.2798535 (dcm2niix: Philips' private scale)
if len(mag) != 1 or abs(float(mag[0][1].header["scl_slope"]) - 1.2798535) > 1e-6:
    print("magnitude: scl_slope is not the frames' RescaleSlope"); bad = 1
print("field map within %.1e Hz of dcm2niix's" % (np.abs(fms[0][0] - fm).max() if fms else -1))
sys.exit(bad)
PY
ok $? "Philips field map: its Hz as dcm2niix's; the magnitude keeps the public rescale ($(tail -n1 "$tmp/c12"))"

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

# the sidecar: valid JSON, acquisition keys, nothing that identifies anyone
run js "$CONVERT" -q --json -f nii.gz -o "$tmp/js" "$qa/dcm_qa_nih/In/20180918GE/mr_0004"
is "$rc" 1 "--json: exit 1 (the README beside the series is refused)"
py - "$tmp/js" "$qa/dcm_qa_nih/In/20180918GE" <<'PY' >"$tmp/js.out" 2>&1
import sys, glob, json, pydicom
js = glob.glob(sys.argv[1] + "/**/*.json", recursive=True)
assert len(js) == 1, js
j = json.load(open(js[0]))
assert j["Modality"] == "MR" and abs(j["EchoTime"] - 0.03) < 1e-9 and j["RepetitionTime"] == 5, j
d = pydicom.dcmread(sorted(glob.glob(sys.argv[2] + "/**/*", recursive=True))[-1])
text = open(js[0]).read()
for kw in ("PatientName", "PatientID", "StudyDate", "InstitutionName", "DeviceSerialNumber",
           "SeriesDescription", "StudyInstanceUID"):
    v = str(d.get(kw, "") or "")
    assert len(v) < 3 or v not in text, kw
    assert kw not in j, kw
print("ok", len(j), "keys")
PY
ok $? "--json: BIDS keys in seconds, no identifying attribute ($(tail -n1 "$tmp/js.out"))"

# -f dicom: the series in RLE and JPEG-LS (checked by decoding again), back to NIfTI
# with the same voxels; and the NIfTI back to DICOM in the reference's study
for ts in rle jpeg-ls; do
	run "t$ts" "$CONVERT" -q -f dicom --ts "$ts" -o "$tmp/t$ts" "$qa/dcm_qa_ct/In/Philips/S21570/S2010"
	# the DICOMDIR beside the series is not an instance: refused, exit 1
	is "$rc" 1 "-f dicom --ts $ts: exit 1 (the DICOMDIR beside the series refused)"
	run "n$ts" "$CONVERT" -q -f nii -o "$tmp/n$ts" "$tmp/t$ts"
	compare "$tmp/n$ts" manifest "$qa/dcm_qa_ct/Ref_manifest_debian_dcm2niix_v1.0.20220720.json" \
	    1A_TRAUMA_PLAIN_HEAD_DM_Head_201.nii >"$tmp/c$ts" 2>&1
	ok $? "-f dicom --ts $ts, then -f nii: dcm2niix's voxels and affine ($(tail -n1 "$tmp/c$ts"))"
done
ref=$(ls "$qa"/dcm_qa_ct/In/Philips/S21570/S2010/* | grep -v DIRFILE | head -n1)
nii=$(find "$tmp/ct" -name '*.nii' | while read -r f; do [ "$(wc -c <"$f")" -gt 1000000 ] && echo "$f"; done | head -n1)
mkkey "$tmp/key" "$KEY1"
run like "$CONVERT" -q -f dicom --like "$ref" -k "$tmp/key" -o "$tmp/like" "$nii"
is "$rc" 0 "-f dicom --like: NIfTI back to DICOM, exit 0"
is "$(nrecords "$tmp/like.out")" 28 "-f dicom --like: one instance a slice"
run back "$CONVERT" -q -f nii -o "$tmp/back" "$tmp/like"
compare "$tmp/back" nifti "$nii" >"$tmp/cback" 2>&1
ok $? "NIfTI -> DICOM -> NIfTI: the same voxels and affine ($(tail -n1 "$tmp/cback"))"

run bad "$CONVERT" -f png -o "$tmp/x" "$qa/dcm_qa_ct/In/GE"
is "$rc" 2 "unknown format: exit 2"

done_testing
