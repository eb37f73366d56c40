#!/bin/sh
# 64-colour.t: dcm-convert on colour.  Synthetic RGB series (5 slices of
# 20 rows x 24 columns on an oblique grid, R, G and B all different) in
# planar configuration 0 and 1, explicit and implicit VR, RLE, JPEG
# lossless, JPEG-LS, JPEG baseline (YBR_FULL_422), YBR_FULL, one enhanced
# multi-frame file and a 4-D series; to NIfTI (RGB24), NRRD (RGB-color
# axis) and MetaImage (3 channels): every voxel where dcm2niix puts it
# (rows reversed), the affine of a grey series of the same geometry, the
# voxels of dcm2niix.  Palette colour and 16-bit colour are refused.  Then
# pydicom's colour files, given a geometry.
. "$(dirname "$0")/lib.sh"

CONVERT=$BIN/dcm-convert
TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
T=$TB/t-dcmscan
[ -x "$CONVERT" ] && [ -x "$T" ] || bail "$CONVERT or $T: not built"
py -c 'import nibabel, numpy' 2>/dev/null || skip_all "python3-nibabel or numpy absent"

cat >"$tmp/colour.py" <<'PY'
# colour.py: fixtures and readers of tests/64-colour.t.
#   colour.py gen DIR KIND [planar=0|1] [ts=explicit|implicit] [series=N] [nt=1|2]
#	KIND: rgb grey ybr pal rgb16 enhanced; 5 slices of 20 rows x 24 columns
#	on an oblique grid, instance numbers against the normal
#   colour.py voxels FILE [ref=DIR] [tol=N] [nt=N]: the RGB voxels of a nii,
#	nii.gz, nrrd, nhdr, mha or mhd are the pattern (or the RGB pixels of the
#	native DICOM files in DIR), rows reversed, within tol (0)
#   colour.py geometry FILE OTHER: the same LPS affine (to 1e-6)
#   colour.py same NII OTHER: the same RGB voxels, affines within 1e-4
#   colour.py kind FILE: "rgb", or "grey" and its type
#   colour.py mutate NII OUT how=rows|swap: a copy with rows as stored, or R and B swapped
import gzip, os, sys, zlib
import numpy as np

R, C, Z = 20, 24, 5
ROW = np.array([0.9396926, 0.3420201, 0.0])
COL = np.array([-0.3368241, 0.9254166, -0.1736482])
NORMAL = np.cross(ROW, COL)

def pattern(t=0):
    """RGB of slice z (along the normal), row y, column x: R, G, B all differ."""
    z, y, x = np.mgrid[0:Z, 0:R, 0:C]
    p = np.zeros((Z, R, C, 3), np.uint8)
    p[..., 0] = (x * 10 + z * 3 + t * 50) % 256
    p[..., 1] = (y * 12 + 7 + z) % 256
    p[..., 2] = (200 - z * 40 + (x * y) % 13 + t * 20) % 256
    return p

def ipp(z):
    return [float("%.4f" % v) for v in np.array([-30.0, 12.5, 40.0]) + NORMAL * 2.5 * z]

def gen(out, kind, opt):
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian
    planar = int(opt.get("planar", "0"))
    implicit = opt.get("ts", "explicit") == "implicit"
    nt = int(opt.get("nt", "1"))
    uid = "1.2.826.0.1.3680043.9999.64"
    series = opt.get("series", str(zlib.crc32(repr((kind, planar, implicit, nt)).encode()) % 100000))
    os.makedirs(out, exist_ok=True)

    def colour(ds, im):
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "RGB"
        ds.PlanarConfiguration = planar
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
        if kind == "ybr":
            from pydicom.pixel_data_handlers.util import convert_color_space
            ds.PhotometricInterpretation = "YBR_FULL"
            im = convert_color_space(im, "RGB", "YBR_FULL")
        if kind == "rgb16":
            ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
            im = im.astype("<u2") * 257
        return (np.ascontiguousarray(np.moveaxis(im, -1, -3)) if planar else im).tobytes()

    def base(ds, sop, n):
        ds.SOPClassUID = sop
        ds.SOPInstanceUID = "%s.3.%s.%d" % (uid, series, n)
        ds.StudyInstanceUID = uid + ".1"
        ds.SeriesInstanceUID = "%s.2.%s" % (uid, series)
        ds.FrameOfReferenceUID = uid + ".9"
        ds.Modality, ds.PatientID, ds.PatientName = "OT", "PCOL", "COLOUR^TEST"
        ds.SeriesNumber = 3
        ds.Rows, ds.Columns = R, C

    def write(ds, name):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = ds.SOPClassUID
        meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
        meta.ImplementationClassUID = "1.2.826.0.1.3680043.9999.1"
        ds.file_meta = meta
        ds.is_little_endian, ds.is_implicit_VR = True, implicit
        ds.preamble = b"\0" * 128
        pydicom.dcmwrite(os.path.join(out, name), ds, write_like_original=False)

    iop = [float("%.7f" % v) for v in list(ROW) + list(COL)]
    if kind == "enhanced":
        # one multi-frame file, its frames against the normal
        ds = Dataset()
        base(ds, "1.2.840.10008.5.1.4.1.1.7.4", 1)
        ds.InstanceNumber = 1
        ds.NumberOfFrames = Z
        sh = Dataset()
        pm = Dataset()
        pm.PixelSpacing, pm.SliceThickness = [0.8, 0.6], 2.5
        po = Dataset()
        po.ImageOrientationPatient = iop
        sh.PixelMeasuresSequence = Sequence([pm])
        sh.PlaneOrientationSequence = Sequence([po])
        ds.SharedFunctionalGroupsSequence = Sequence([sh])
        frames, pf = [], []
        for z in reversed(range(Z)):
            g, pp = Dataset(), Dataset()
            pp.ImagePositionPatient = ipp(z)
            g.PlanePositionSequence = Sequence([pp])
            pf.append(g)
            frames.append(colour(ds, pattern()[z]))
        ds.PerFrameFunctionalGroupsSequence = Sequence(pf)
        ds.PixelData = b"".join(frames)
        write(ds, "mf.dcm")
        return
    n = 0
    for t in range(nt):
        p = pattern(t)
        for z in range(Z):
            n += 1
            ds = Dataset()
            base(ds, "1.2.840.10008.5.1.4.1.1.7", n)
            ds.InstanceNumber = nt * Z - n + 1
            ds.AcquisitionNumber = t + 1
            ds.ImageOrientationPatient = iop
            ds.ImagePositionPatient = ipp(z)
            ds.PixelSpacing = [0.8, 0.6]
            ds.SliceThickness = 2.5
            if kind in ("grey", "pal"):
                ds.SamplesPerPixel = 1
                ds.PhotometricInterpretation = "MONOCHROME2" if kind == "grey" else "PALETTE COLOR"
                ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
                if kind == "pal":
                    for c in ("Red", "Green", "Blue"):
                        setattr(ds, c + "PaletteColorLookupTableDescriptor", [256, 0, 8])
                        setattr(ds, c + "PaletteColorLookupTableData", bytes(range(256)))
                ds.PixelData = p[z, :, :, 0].tobytes()
            else:
                ds.PixelData = colour(ds, p[z])
            write(ds, "%02d.dcm" % n)

def read_lps(path):
    """(voxels, 4x4 LPS affine, what): voxels (X, Y, Z, T, 3) for colour."""
    if path.endswith(".nii") or path.endswith(".nii.gz"):
        import nibabel as nib
        im = nib.load(path)
        h = im.header
        d = np.asanyarray(im.dataobj)
        aff = np.diag([-1.0, -1, 1, 1]) @ im.affine
        if d.dtype.names is None:
            return d, aff, "grey datatype %d" % h["datatype"]
        assert h["datatype"] == 128 and h["bitpix"] == 24, "datatype %d bitpix %d" % (h["datatype"], h["bitpix"])
        d = np.stack([d["R"], d["G"], d["B"]], -1)
        if d.ndim == 4:
            d = d[:, :, :, None, :]
        return d, aff, "rgb"
    raw = open(path, "rb").read()
    if path.endswith((".nrrd", ".nhdr")):
        head, _, data = raw.partition(b"\n\n")
        f = {}
        for line in head.decode().split("\n")[1:]:
            if line.startswith("#"):
                continue
            k, _, v = line.partition(": ")
            f[k] = v
        if "data file" in f:
            data = open(os.path.join(os.path.dirname(path), f["data file"]), "rb").read()
        if f["encoding"] == "gzip":
            data = gzip.decompress(data)
        sizes = [int(x) for x in f["sizes"].split()]
        kinds = f["kinds"].split()
        dirs = f["space directions"].split()
        rgb = kinds[0] == "RGB-color"
        if rgb:
            assert f["type"] == "uchar", f["type"]
            assert sizes[0] == 3 and dirs[0] == "none", (sizes, dirs)
            assert kinds[1:4] == ["domain"] * 3 and int(f["dimension"]) == len(sizes), (kinds, f["dimension"])
            sizes, dirs = sizes[1:], dirs[1:]
        aff = np.eye(4)
        for a in range(3):
            aff[:3, a] = [float(x) for x in dirs[a].strip("()").split(",")]
        aff[:3, 3] = [float(x) for x in f["space origin"].strip("()").split(",")]
        if not rgb:
            return np.frombuffer(data, np.uint8).reshape(sizes[::-1]).T, aff, "grey " + f["type"]
        d = np.frombuffer(data, np.uint8).reshape(sizes[::-1] + [3])
        d = np.moveaxis(d, -1, 0).T    # X Y Z [T] 3
        if d.ndim == 4:
            d = d[:, :, :, None, :]
        return d, aff, "rgb"
    # MetaImage
    f, pos = {}, 0
    while True:
        end = raw.index(b"\n", pos)
        k, _, v = raw[pos:end].decode().partition(" = ")
        f[k] = v
        pos = end + 1
        if k == "ElementDataFile":
            break
    data = raw[pos:] if f["ElementDataFile"] == "LOCAL" else \
        open(os.path.join(os.path.dirname(path), f["ElementDataFile"]), "rb").read()
    dims = [int(x) for x in f["DimSize"].split()]
    tm = np.array([float(x) for x in f["TransformMatrix"].split()]).reshape(3, 3)
    sp = [float(x) for x in f["ElementSpacing"].split()]
    aff = np.eye(4)
    for a in range(3):
        aff[:3, a] = tm[a] * sp[a]
    aff[:3, 3] = [float(x) for x in f["Offset"].split()]
    if "ElementNumberOfChannels" not in f:
        return np.frombuffer(data, np.uint8).reshape(dims[::-1]).T, aff, "grey " + f["ElementType"]
    assert f["ElementNumberOfChannels"] == "3" and f["ElementType"] == "MET_UCHAR", f
    assert int(f["NDims"]) == len(dims), f
    d = np.moveaxis(np.frombuffer(data, np.uint8).reshape(dims[::-1] + [3]), -1, 0).T
    if d.ndim == 4:
        d = d[:, :, :, None, :]
    return d, aff, "rgb"

def expected(opt):
    """(X, Y, Z, T, 3): the pattern, or the native files of ref=, as dcm2niix orders voxels."""
    if "ref" in opt:
        import pydicom
        ds = [pydicom.dcmread(os.path.join(opt["ref"], f)) for f in sorted(os.listdir(opt["ref"]))]
        ds.sort(key=lambda d: float(np.dot(NORMAL, [float(v) for v in d.ImagePositionPatient])))
        imgs = np.stack([d.pixel_array for d in ds])[None]
    else:
        imgs = np.stack([pattern(t) for t in range(int(opt.get("nt", "1")))])
    # (T, Z, rows, cols, 3) -> rows reversed -> (cols, rows, Z, T, 3)
    return imgs[:, :, ::-1].transpose(3, 2, 1, 0, 4)

def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    opt = dict(a.split("=", 1) for a in args if "=" in a and not a.startswith("/"))
    pos = [a for a in args if not ("=" in a and not a.startswith("/"))]
    if cmd == "gen":
        gen(pos[0], pos[1], opt)
        return 0
    if cmd == "kind":
        print(read_lps(pos[0])[2])
        return 0
    if cmd == "voxels":
        d, _, what = read_lps(pos[0])
        if what != "rgb":
            print("not RGB:", what)
            return 1
        e = expected(opt)
        if d.shape != e.shape:
            print("shape", d.shape, "want", e.shape)
            return 1
        diff = np.abs(d.astype(int) - e.astype(int))
        tol = int(opt.get("tol", "0"))
        if diff.max() > tol:
            i = np.unravel_index(diff.argmax(), diff.shape)
            print("voxel", i, "is", d[i[:4]], "want", e[i[:4]], "(%d voxels off by more than %d)" %
                  ((diff.max(-1) > tol).sum(), tol))
            return 1
        print("every voxel right (max difference %d, mean %.3f)" % (diff.max(), diff.mean()))
        return 0
    if cmd == "geometry":
        a, b = read_lps(pos[0])[1], read_lps(pos[1])[1]
        off = np.abs(a - b).max()
        print("affines differ by %.3g" % off)
        return 0 if off < 1e-6 else 1
    if cmd == "mutate":
        # a copy of a colour NIfTI gone wrong: rows as stored, or R and B swapped
        import nibabel as nib
        im = nib.load(pos[0])
        d = np.asanyarray(im.dataobj).copy()
        if opt.get("how") == "rows":
            d = d[:, ::-1]
        else:
            d["R"], d["B"] = d["B"].copy(), d["R"].copy()
        nib.save(nib.Nifti1Image(d, im.affine, im.header), pos[1])
        return 0
    if cmd == "same":
        (a, aa, wa), (b, ab, wb) = read_lps(pos[0]), read_lps(pos[1])
        if wa != wb or a.shape != b.shape or not np.array_equal(a, b):
            print("voxels differ:", wa, a.shape, wb, b.shape)
            return 1
        off = np.abs(aa - ab).max()
        print("same voxels, affines differ by %.3g" % off)
        return 0 if off < 1e-4 else 1
    return 2

sys.exit(main())
PY

col() { py "$tmp/colour.py" "$@"; }
# skips N REASON: N tests skipped
skips() {
	s_n=$1
	shift
	while [ "$s_n" -gt 0 ]; do
		skip "$*"
		s_n=$((s_n - 1))
	done
}
# conv NAME FORMAT INPUT...: dcm-convert into $tmp/o/NAME/v.FORMAT
conv() {
	c_name=$1 c_fmt=$2
	shift 2
	run "conv-$c_name-$c_fmt" "$CONVERT" -f "$c_fmt" -o "$tmp/o/$c_name" --layout "v.$c_fmt" "$@"
}

# ---- fixtures ----
g=$tmp/g
col gen "$g/rgb0" rgb planar=0 &&
col gen "$g/rgb1" rgb planar=1 &&
col gen "$g/rgb1i" rgb planar=1 ts=implicit &&
col gen "$g/grey" grey &&
col gen "$g/ybr0" ybr planar=0 &&
col gen "$g/ybr1" ybr planar=1 ts=implicit &&
col gen "$g/mf0" enhanced planar=0 &&
col gen "$g/mf1" enhanced planar=1 &&
col gen "$g/rgb4d" rgb nt=4 planar=1 &&
col gen "$g/pal" pal &&
col gen "$g/rgb16" rgb16 &&
col gen "$g/mixed-rgb" rgb series=777 && col gen "$g/mixed-grey" grey series=777 2>"$tmp/gen.err" ||
    bail "cannot generate the fixtures: $(cat "$tmp/gen.err")"

# ---- the lean reader: PlanarConfiguration read as US in implicit VR too ----
run scan "$T" "$g"/rgb0/*.dcm "$g"/rgb1/*.dcm "$g"/rgb1i/*.dcm "$g"/ybr1/*.dcm "$g"/pal/*.dcm
is "$(grep '^not ok' "$tmp/scan.out" | head -n 3)" "" "t-dcmscan: dcmscan reads colour files as dcmtk does"
is "$(grep -c '(scanned)$' "$tmp/scan.out")" 25 "t-dcmscan: every native colour file is read by dcmscan"

# ---- RGB, both planar configurations, in every format ----
for f in nii nii.gz nrrd nhdr mha mhd; do
	conv grey "$f" "$g/grey"
	is "$rc" 0 "grey, -f $f: exit 0 ($err)"
	for k in rgb0 rgb1; do
		conv "$k" "$f" "$g/$k"
		is "$rc" 0 "$k, -f $f: exit 0 ($err)"
		col voxels "$tmp/o/$k/v.$f" >"$tmp/v" 2>&1
		ok $? "$k, -f $f: every voxel's RGB is the pattern's, rows reversed ($(tail -n1 "$tmp/v"))"
		col geometry "$tmp/o/$k/v.$f" "$tmp/o/grey/v.$f" >"$tmp/v" 2>&1
		ok $? "$k, -f $f: the affine of the grey series of the same geometry ($(tail -n1 "$tmp/v"))"
	done
done
is "$(col kind "$tmp/o/grey/v.nii")" "grey datatype 2" "the grey series stays grey (uint8)"
py - "$tmp/o/rgb0/v.nii" <<'PY' >"$tmp/v" 2>&1
import sys, nibabel as nib
# the header as written (nibabel's loaded header says nan for the rescale of RGB)
h = nib.Nifti1Header.from_fileobj(open(sys.argv[1], "rb"), check=False)
print(h["datatype"], h["bitpix"], list(h["dim"][:4]), h["scl_slope"], h["scl_inter"])
PY
is "$(cat "$tmp/v")" "128 24 [3, 24, 20, 5] 1.0 0.0" "NIfTI: DT_RGB24, bitpix 24, 24x20x5, no rescale"
like "$(head -c 400 "$tmp/o/rgb1/v.nhdr")" 'type: uchar
dimension: 4' "NRRD: uchar, dimension 4"
like "$(head -c 400 "$tmp/o/rgb1/v.nhdr")" 'sizes: 3 24 20 5' "NRRD: sizes 3 24 20 5"
like "$(head -c 400 "$tmp/o/rgb1/v.nhdr")" 'kinds: RGB-color domain domain domain' "NRRD: kinds RGB-color domain domain domain"
like "$(head -c 400 "$tmp/o/rgb1/v.nhdr")" 'space directions: none \(' "NRRD: no space direction for the colour axis"
like "$(head -c 700 "$tmp/o/rgb1/v.mha")" 'ElementNumberOfChannels = 3
ElementType = MET_UCHAR' "MetaImage: ElementNumberOfChannels = 3, MET_UCHAR"
is "$(sed -n 's/^ElementDataFile = //p' "$tmp/o/rgb1/v.mhd") $(sed -n 's/^data file: //p' "$tmp/o/rgb1/v.nhdr")" \
    "v.raw v.raw" "mhd and nhdr: the data file is named after the header"
cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/rgb1/v.nii"
ok $? "planar configuration 0 and 1: the same NIfTI bytes"

# the checks can fail: the rows as stored, or R and B swapped
col mutate "$tmp/o/rgb0/v.nii" "$tmp/rows.nii" how=rows && col mutate "$tmp/o/rgb0/v.nii" "$tmp/swap.nii" how=swap ||
    fail "cannot write the mutants"
col voxels "$tmp/rows.nii" >/dev/null 2>&1
isnt "$?" 0 "the voxel check catches rows not reversed"
col voxels "$tmp/swap.nii" >/dev/null 2>&1
isnt "$?" 0 "the voxel check catches R and B swapped"

# ---- implicit VR, compressed, YBR_FULL ----
conv rgb1i nii "$g/rgb1i"
is "$rc" 0 "implicit VR, planar 1: exit 0 ($err)"
cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/rgb1i/v.nii"
ok $? "implicit VR, planar 1 (read by dcmscan): the same NIfTI bytes"
# name TOOL [OPTION]: every file of rgb0 and rgb1 compressed
for z in rle:dcmcrle jpeg-lossless:dcmcjpeg:+e1 jpeg-ls:dcmcjpls; do
	name=${z%%:*} rest=${z#*:} tool=${rest%%:*} opt=
	[ "$rest" != "$tool" ] && opt=${rest#*:}
	if ! have "$tool"; then
		skips 2 "$tool absent (dcmtk)"
		continue
	fi
	for k in rgb0 rgb1; do
		mkdir -p "$g/$k-$name"
		for f in "$g/$k"/*.dcm; do
			# shellcheck disable=SC2086
			"$tool" $opt "$f" "$g/$k-$name/${f##*/}" || fail "$tool $f"
		done
		conv "$k-$name" nii "$g/$k-$name"
		cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/$k-$name/v.nii"
		ok $? "$k in $name ($tool${opt:+ $opt}): exit $rc, the same NIfTI bytes as uncompressed $err"
	done
done
if have dcmcjpeg && have dcmdjpeg; then
	# lossy: YBR_FULL_422, which dcmtk's decoder makes RGB and says so
	mkdir -p "$g/jpeg" "$g/jpeg-dec"
	for f in "$g/rgb1"/*.dcm; do
		dcmcjpeg +eb +q 95 "$f" "$g/jpeg/${f##*/}" && dcmdjpeg "$g/jpeg/${f##*/}" "$g/jpeg-dec/${f##*/}" ||
		    fail "dcmcjpeg +eb $f"
	done
	is "$(dget "$g/jpeg/01.dcm" PhotometricInterpretation)" YBR_FULL_422 "JPEG baseline: YBR_FULL_422 in the file"
	conv jpeg nii "$g/jpeg"
	is "$rc" 0 "JPEG baseline (YBR_FULL_422): exit 0 ($err)"
	col voxels "$tmp/o/jpeg/v.nii" ref="$g/jpeg-dec" >"$tmp/v" 2>&1
	ok $? "JPEG baseline: the voxels of dcmdjpeg's RGB ($(tail -n1 "$tmp/v"))"
	col voxels "$tmp/o/jpeg/v.nii" tol=16 >"$tmp/v" 2>&1
	ok $? "JPEG baseline: within 16 of the pattern, so RGB, not YCbCr ($(tail -n1 "$tmp/v"))"
else
	skips 4 "dcmcjpeg or dcmdjpeg absent (dcmtk)"
fi
conv ybr0 nii "$g/ybr0"
is "$rc" 0 "YBR_FULL, planar 0: exit 0 ($err)"
col voxels "$tmp/o/ybr0/v.nii" tol=1 >"$tmp/v" 2>&1
ok $? "YBR_FULL, planar 0: made RGB, within 1 of the pattern ($(tail -n1 "$tmp/v"))"
conv ybr1 nii "$g/ybr1"
cmp -s "$tmp/o/ybr0/v.nii" "$tmp/o/ybr1/v.nii"
ok $? "YBR_FULL, planar 1, implicit VR: exit $rc, the same NIfTI bytes $err"
if have dcmcrle; then
	mkdir -p "$g/ybr1-rle"
	for f in "$g/ybr1"/*.dcm; do dcmcrle "$f" "$g/ybr1-rle/${f##*/}" || fail "dcmcrle $f"; done
	conv ybr1-rle nii "$g/ybr1-rle"
	cmp -s "$tmp/o/ybr0/v.nii" "$tmp/o/ybr1-rle/v.nii"
	ok $? "YBR_FULL in RLE: exit $rc, the same NIfTI bytes $err"
else
	skip "dcmcrle absent (dcmtk)"
fi

# ---- archive members (bytes in memory): a series and a multi-frame file ----
for k in rgb1 mf1; do
	tar -cf "$tmp/$k.tar" -C "$g" "$k" || fail "tar $k"
	conv "$k-tar" nii "$tmp/$k.tar"
	cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/$k-tar/v.nii"
	ok $? "$k in a tar archive: exit $rc, the same NIfTI bytes $err"
done

# ---- one enhanced multi-frame file; 4-D ----
for k in mf0 mf1; do
	conv "$k" nii "$g/$k"
	cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/$k/v.nii"
	ok $? "enhanced multi-frame, $k: exit $rc, the same NIfTI bytes as the single-frame series $err"
done
if have dcmcrle; then
	mkdir -p "$g/mf1-rle"
	dcmcrle "$g/mf1/mf.dcm" "$g/mf1-rle/mf.dcm" || fail "dcmcrle mf.dcm"
	conv mf1-rle nii "$g/mf1-rle"
	cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/mf1-rle/v.nii"
	ok $? "enhanced multi-frame, planar 1, RLE: exit $rc, the same NIfTI bytes $err"
else
	skip "dcmcrle absent (dcmtk)"
fi
for f in nii nrrd mha; do
	conv rgb4d "$f" "$g/rgb4d"
	col voxels "$tmp/o/rgb4d/v.$f" nt=4 >"$tmp/v" 2>&1
	ok $? "4-D (4 volumes, 20 files: two reading threads), -f $f: exit $rc, every voxel of each volume ($(tail -n1 "$tmp/v")) $err"
done
like "$(head -c 500 "$tmp/o/rgb4d/v.nrrd")" 'sizes: 3 24 20 5 4' "4-D NRRD: sizes 3 24 20 5 4"
like "$(head -c 500 "$tmp/o/rgb4d/v.nrrd")" 'kinds: RGB-color domain domain domain list' "4-D NRRD: the kinds"

# ---- a colour and a grey stack of one series; the sidecar ----
run mixed "$CONVERT" -f nii -o "$tmp/o/mixed" --layout 'v.nii' --json "$g/mixed-rgb" "$g/mixed-grey"
is "$rc" 0 "one series, colour and grey: exit 0 ($err)"
is "$(col kind "$tmp/o/mixed/v_stack1.nii") / $(col kind "$tmp/o/mixed/v_stack2.nii")" "grey datatype 2 / rgb" \
    "one series, colour and grey: two stacks, grey and RGB"
cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/mixed/v_stack2.nii"
ok $? "the colour stack: the NIfTI of the colour series alone"
like "$(cat "$tmp/o/mixed/v_stack2.json" 2>&1)" '"Modality": "OT"' "--json: the colour stack's sidecar"

# ---- dcm2niix: the same voxels ----
if have dcm2niix; then
	for k in rgb0 rgb1 mf1; do
		mkdir -p "$tmp/d2n/$k"
		dcm2niix -z n -o "$tmp/d2n/$k" "$g/$k" >"$tmp/d2n/$k.log" 2>&1
		set -- "$tmp/d2n/$k"/*.nii
		col same "$tmp/o/$k/v.nii" "$1" >"$tmp/v" 2>&1
		ok $? "$k: dcm2niix's voxels, affine within 1e-4 ($(tail -n1 "$tmp/v"))"
	done
	# not asserted: dcm2niix 1.0.20220720 writes YBR_FULL's samples as if they were RGB
	mkdir -p "$tmp/d2n/ybr0"
	dcm2niix -z n -o "$tmp/d2n/ybr0" "$g/ybr0" >"$tmp/d2n/ybr0.log" 2>&1
	set -- "$tmp/d2n/ybr0"/*.nii
	col voxels "$1" tol=1 >"$tmp/v" 2>&1 && diag "dcm2niix makes YBR_FULL RGB now" ||
	    diag "dcm2niix leaves YBR_FULL as it is: $(tail -n1 "$tmp/v")"
else
	skips 3 "dcm2niix absent"
fi

# ---- refused: palette colour, 16-bit colour ----
for k in pal rgb16; do
	conv "$k" nii "$g/$k"
	is "$rc" 1 "$k: exit 1"
	is "$(find "$tmp/o/$k" -type f 2>/dev/null)" "" "$k: no output file"
	is "$(grep -c '^#' "$tmp/conv-$k-nii.out") $(grep -vc '^#' "$tmp/conv-$k-nii.out")" "1 0" "$k: no record"
done
like "$(cat "$tmp/conv-pal-nii.err")" '01.dcm: palette colour \(PhotometricInterpretation PALETTE COLOR\): not converted' \
    "palette colour: said so, file by file"
like "$(cat "$tmp/conv-rgb16-nii.err")" '01.dcm: colour of 16 bits a sample \(RGB\): not converted' \
    "16-bit colour: said so, file by file"
run q "$CONVERT" -q -f nii -o "$tmp/o/q" "$g/pal"
is "$rc:$(grep -c 'palette colour' "$tmp/q.err")" "1:5" "palette colour: an error even with -q"
# a refused series beside a good one: the good one is still written
run beside "$CONVERT" -f nii -o "$tmp/o/beside" --layout 'v.nii' "$g/pal" "$g/rgb0"
is "$rc" 1 "palette beside RGB: exit 1"
cmp -s "$tmp/o/rgb0/v.nii" "$tmp/o/beside/v.nii"
ok $? "palette beside RGB: the RGB series is still written"

# ---- pydicom's colour files, given a geometry ----
data=${PYDICOM_DATA:-/usr/lib/python3/dist-packages/pydicom/data}/test_files
if [ -f "$data/SC_rgb_rle.dcm" ]; then
	py - "$data" "$tmp/pyd" <<'PY' || fail "cannot give pydicom's files a geometry"
import os, sys, pydicom
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
for f in ("SC_rgb_rle SC_rgb_jpeg_gdcm SC_rgb_gdcm_KY SC_rgb_dcmtk_+eb+cr SC_rgb_dcmtk_+eb+cy+n1 "
          "SC_rgb_dcmtk_+eb+cy+np SC_rgb_dcmtk_+eb+cy+s2 SC_rgb_jpeg_dcmtk SC_rgb_jpeg_lossy_gdcm "
          "SC_rgb_small_odd SC_rgb_small_odd_jpeg SC_ybr_full_422_uncompressed SC_rgb_rle_16bit "
          "SC_rgb_rle_2frame").split():
    ds = pydicom.dcmread(os.path.join(src, f + ".dcm"))
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.ImagePositionPatient = [0, 0, 0]
    if "PixelSpacing" not in ds:
        ds.PixelSpacing = [1, 1]
    ds.save_as(os.path.join(out, f + ".dcm"))
PY
	run pydnogeo "$CONVERT" -f nii -o "$tmp/o/pydnogeo" "$data/SC_rgb_rle.dcm" "$data/SC_rgb_jpeg_dcmtk.dcm"
	is "$rc:$(find "$tmp/o/pydnogeo" -type f | wc -l | tr -d ' ')" "0:0" "pydicom's colour files as they are: no geometry, passed over"
	like "$err" 'SC_rgb_rle.dcm: no geometry' "... saying so"
	for f in "$tmp"/pyd/*.dcm; do
		b=$(basename "$f" .dcm)
		run "pyd-$b" "$CONVERT" -f nii -o "$tmp/o/pyd/$b" --layout v.nii "$f"
		echo "$b $rc $err" >>"$tmp/pyd.log"
	done
	is "$(awk '$2 != 0 { print $1 }' "$tmp/pyd.log" | tr '\n' ' ')" "SC_rgb_rle_16bit SC_ybr_full_422_uncompressed " \
	    "pydicom: only 16-bit colour and uncompressed YBR_FULL_422 fail"
	like "$(cat "$tmp/pyd-SC_ybr_full_422_uncompressed.err")" 'PhotometricInterpretation YBR_FULL_422 uncompressed: not converted' \
	    "uncompressed YBR_FULL_422: refused, naming it"
	like "$(cat "$tmp/pyd-SC_rgb_rle_2frame.err")" 'without per-frame functional groups: passed over' \
	    "a classic multi-frame colour file: passed over"
	# lossless: the same image as RLE; lossy within a few levels of it
	for b in SC_rgb_jpeg_gdcm SC_rgb_gdcm_KY; do
		cmp -s "$tmp/o/pyd/SC_rgb_rle/v.nii" "$tmp/o/pyd/$b/v.nii"
		ok $? "pydicom $b (lossless): the voxels of SC_rgb_rle"
	done
	py - "$tmp/o/pyd" <<'PY' >"$tmp/v" 2>&1
import sys, numpy as np, nibabel as nib
def rgb(b):
    d = np.asanyarray(nib.load("%s/%s/v.nii" % (sys.argv[1], b)).dataobj)
    return np.stack([d["R"], d["G"], d["B"]], -1).astype(int)
ref, bad = rgb("SC_rgb_rle"), 0
for b in ("SC_rgb_dcmtk_+eb+cr SC_rgb_dcmtk_+eb+cy+n1 SC_rgb_dcmtk_+eb+cy+np SC_rgb_dcmtk_+eb+cy+s2 "
          "SC_rgb_jpeg_dcmtk").split():
    m = np.abs(rgb(b) - ref).mean()
    print(b, "%.2f" % m)
    bad += m > 4
m = np.abs(rgb("SC_rgb_small_odd_jpeg") - rgb("SC_rgb_small_odd")).mean()
print("small_odd %.2f" % m)
sys.exit(1 if bad or m > 4 else 0)
PY
	ok $? "pydicom's lossy JPEGs (RGB, YBR_FULL, YBR_FULL_422): within 4 levels on average of the lossless image"
	# GDCM's lossy JPEG says RGB but holds YCbCr (component ids 1 2 3, no Adobe
	# marker): dcmtk's decoder trusts the header (EDC_photometricInterpretation)
	py - "$tmp/o/pyd" <<'PY' >"$tmp/v" 2>&1
import sys, numpy as np, nibabel as nib
def rgb(b):
    d = np.asanyarray(nib.load("%s/%s/v.nii" % (sys.argv[1], b)).dataobj)
    return np.stack([d["R"], d["G"], d["B"]], -1).astype(int)
m = np.abs(rgb("SC_rgb_jpeg_lossy_gdcm") - rgb("SC_rgb_rle")).mean()
print("mean difference %.2f" % m)
sys.exit(1 if m > 4 else 0)
PY
	ok $? "pydicom SC_rgb_jpeg_lossy_gdcm (labelled RGB, holds YCbCr): within 4 levels of the RLE copy ($(tail -n1 "$tmp/v"))"
else
	skips 10 "pydicom's test files absent"
fi

done_testing
