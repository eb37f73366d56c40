#!/bin/sh
# JPEG 2000 decoding (lib/dcm.cc), verified transcoding and NIfTI -> DICOM
# (lib/transcode.c), through the helper tests/t-transcode; dcm_qa data where
# ../shared is present, synthetic fixtures everywhere.
. "$(dirname "$0")/lib.sh"

TT=${DCMSCRUB_TESTBIN:-$root/build/tests}/t-transcode
case $TT in /*) ;; *) TT=$root/$TT ;; esac
[ -x "$TT" ] || skip_all "$TT not built (run make)"
CONVERT=$BIN/dcm-convert
QA=$root/../shared/data/dcm_qa
[ -d "$QA/dcm_qa_ts/In" ] && have_qa=1 || have_qa=

# px FILE: sha256 of the decoded pixels; tsof FILE: the transfer syntax it was read in
px() { "$TT" pixels "$1" 2>>"$tmp/px.err" | cut -f2; }
tsof() { "$TT" pixels "$1" 2>>"$tmp/px.err" | cut -f1; }
# dciodvfy's Error lines, sorted (the file's own errors, to compare input and output)
verrors() { dciodvfy "$1" 2>&1 | grep '^Error' | LC_ALL=C sort -u; }
# the one .nii file under a directory
nii_in() { find "$1" -name '*.nii' | head -n 1; }

# ---- fixtures: an oblique 5-slice CT series, an MR slice, a Secondary Capture ----
# (gen_dcm splits its lines with shlex: a DS separator is written \\)
: >"$tmp/spec"
for k in 0 1 2 3 4; do
	# IOP rows (0.866, 0.5, 0), columns (0, 0, -1): the normal is (-0.5, 0.866, 0)
	ipp=$(awk -v k="$k" 'BEGIN { printf "%.6f\\\\%.6f\\\\%.6f", -10 - 0.5 * 2.5 * k, 20 + 0.8660254 * 2.5 * k, 3 }')
	u=1.2.826.0.1.3680043.9999.61
	printf '%s %s %s %s\n' "$tmp/ct/s$k.dcm class=ct StudyInstanceUID=$u.1 SeriesInstanceUID=$u.1.2" \
	    "SOPInstanceUID=$u.1.2.$k FrameOfReferenceUID=$u.9 InstanceNumber=$((k + 1)) px=$((k + 3))" \
	    "ImageOrientationPatient=0.8660254\\\\0.5\\\\0\\\\0\\\\0\\\\-1 ImagePositionPatient=$ipp" \
	    "PixelSpacing=0.7\\\\0.9 SliceThickness=2.5 RescaleIntercept=-1024 RescaleSlope=1" >>"$tmp/spec"
done
printf '%s\n' "$tmp/mr.dcm class=mr StudyInstanceUID=$u.2 SeriesInstanceUID=$u.2.1 SOPInstanceUID=$u.2.1.1 px=7" >>"$tmp/spec"
printf '%s\n' "$tmp/sc.dcm class=sc StudyInstanceUID=$u.3 SeriesInstanceUID=$u.3.1 SOPInstanceUID=$u.3.1.1 px=8" >>"$tmp/spec"
gen_dcm "$tmp/spec" || bail "cannot generate the fixtures"
mkkey "$tmp/key" "$KEY1"

# ---- 1. JPEG 2000 ----
if [ -n "$have_qa" ]; then
	want=$(px "$QA/dcm_qa_ts/In/1.dcm")
	for i in 2 3 4 5 6 7 8 9; do
		is "$(px "$QA/dcm_qa_ts/In/$i.dcm")" "$want" "dcm_qa_ts series $i ($(tsof "$QA/dcm_qa_ts/In/$i.dcm")) decodes to the pixels of series 1"
	done
	is "$(tsof "$QA/dcm_qa_ts/In/9.dcm")" 1.2.840.10008.1.2.4.90 "series 9 is JPEG 2000 lossless"
	# multi-frame J2K three ways (frame = fragment; offset table; codestream starts), and broken ones
	want3=$(py - "$QA/dcm_qa_ts/In" "$tmp" <<'EOF'
import sys, copy, hashlib, pydicom
from pydicom.encaps import generate_pixel_data_frame, encapsulate
ds = pydicom.dcmread(sys.argv[1] + "/9.dcm")
cs = next(generate_pixel_data_frame(ds.PixelData, 1))
for name, per, bot in (("mf-bot", 1, True), ("mf-split-bot", 2, True), ("mf-split-nobot", 2, False)):
    d = copy.deepcopy(ds)
    d.NumberOfFrames = 3
    d.PixelData = encapsulate([cs, cs, cs], fragments_per_frame=per, has_bot=bot)
    d.save_as(sys.argv[2] + "/%s.dcm" % name)
for name, data in (("trunc", cs[:len(cs) // 2 & ~1]), ("garbage", b"\xff\x4f\xff\x51" + bytes(100))):
    d = copy.deepcopy(ds)
    d.PixelData = encapsulate([data])
    d.save_as(sys.argv[2] + "/%s.dcm" % name)
print(hashlib.sha256(pydicom.dcmread(sys.argv[1] + "/1.dcm").PixelData * 3).hexdigest())
EOF
)
	for f in mf-bot mf-split-bot mf-split-nobot; do
		is "$(px "$tmp/$f.dcm")" "$want3" "3-frame J2K ($f): every frame decoded"
	done
	run mf-jls "$TT" transcode jpeg-ls "$tmp/mf-split-nobot.dcm" "$tmp/mf-jls.dcm"
	is "$rc:$(px "$tmp/mf-jls.dcm")" "0:$want3" "3-frame J2K -> JPEG-LS, the same pixels"
	for f in trunc garbage; do
		run "$f" "$TT" pixels "$tmp/$f.dcm"
		is "$rc" 1 "a $f JPEG 2000 codestream fails"
		like "$err" "JPEG 2000 frame 1: " "... saying why"
	done
	mb=$QA/dcm_qa_orientation/In/Orientation/axmb/AxInt36mb
	if have gdcmconv; then
		for f in "$mb"/jp2k1.dcm "$mb"/jp2k2.dcm; do
			gdcmconv --raw "$f" "$tmp/gdcm.dcm" 2>/dev/null
			is "$(px "$f")" "$(px "$tmp/gdcm.dcm")" "$(basename "$f"): OpenJPEG through dcm_pixels gives what gdcmconv --raw gives"
		done
	else
		skip "gdcmconv absent"
	fi
	ref=$QA/dcm_qa_orientation/Ref/fMRI_MB_int_26.nii
	if [ -x "$CONVERT" ] && [ -f "$ref" ]; then
		run conv-j2k "$CONVERT" -q -f nii -o "$tmp/j2k" "$mb"
		run cmp-j2k "$TT" niicmp "$(nii_in "$tmp/j2k")" "$ref"
		ok $rc "dcm-convert of the J2K multiband mosaic: the voxels and affine of dcm2niix's Ref ($err)"
	else
		skip "dcm-convert or the Ref NIfTI absent"
	fi
else
	skip "../shared/data/dcm_qa absent: no JPEG 2000 input"
fi

# ---- 2. transcoding ----
inputs="$tmp/ct/s0.dcm $tmp/mr.dcm"
[ -n "$have_qa" ] && inputs="$inputs $QA/dcm_qa_ts/In/1.dcm $QA/dcm_qa_ts/In/3.dcm $QA/dcm_qa_ts/In/4.dcm
    $QA/dcm_qa_ts/In/7.dcm $QA/dcm_qa_ts/In/9.dcm $QA/dcm_qa_12bit/In/12bitSigned_0x0F0F.dcm
    $QA/dcm_qa_ct/In/Philips/S21570/S2010/I10 $QA/dcm_qa_enh/In/Siemens/XA10/6_1.dcm"
n=0
for ts in explicit:1.2.840.10008.1.2.1 rle:1.2.840.10008.1.2.5 jpeg-ls:1.2.840.10008.1.2.4.80; do
	name=${ts%%:*}
	uid=${ts#*:}
	bad=""
	for f in $inputs; do
		n=$((n + 1))
		dst=$tmp/tc.$n.dcm	# not $out: run sets that
		run tc "$TT" transcode "$name" "$f" "$dst"
		if [ "$rc" -ne 0 ]; then
			bad="$bad $f($err)"
		elif [ "$(tsof "$dst")" != "$uid" ] || [ "$(px "$dst")" != "$(px "$f")" ]; then
			bad="$bad $f(ts $(tsof "$dst") or pixels differ)"
		fi
	done
	is "$bad" "" "--ts $name: every input written in $uid with identical decoded pixels"
done
run tc-mem "$TT" transcode rle "$tmp/ct/s1.dcm" "$tmp/mem.dcm" mem
ok $rc "transcode from a memory buffer"
is "$(px "$tmp/mem.dcm")" "$(px "$tmp/ct/s1.dcm")" "... with the same pixels"
if have dciodvfy; then
	vin="$tmp/ct/s0.dcm"
	[ -n "$have_qa" ] && vin="$vin $QA/dcm_qa_ts/In/9.dcm $QA/dcm_qa_ts/In/4.dcm"
	for f in $vin; do
		for name in explicit rle jpeg-ls; do
			"$TT" transcode "$name" "$f" "$tmp/v.dcm" 2>/dev/null
			verrors "$f" >"$tmp/v.in"
			verrors "$tmp/v.dcm" >"$tmp/v.out"
			is "$(comm -13 "$tmp/v.in" "$tmp/v.out")" "" "dciodvfy: no new Error in $(basename "$f") as $name"
		done
	done
else
	skip "dciodvfy absent"
fi
run tc-bad "$TT" transcode jpeg2000 "$tmp/ct/s0.dcm" "$tmp/bad.dcm"
is "$rc" 1 "an unknown transfer syntax fails"
like "$err" "unknown transfer syntax 'jpeg2000'" "... saying so"
[ ! -e "$tmp/bad.dcm" ]
ok $? "... and writes nothing"
printf 'not dicom\n' >"$tmp/junk.dcm"
run tc-junk "$TT" transcode rle "$tmp/junk.dcm" "$tmp/bad.dcm"
is "$rc" 1 "a file that is not DICOM fails"
like "$err" "not a DICOM file" "... saying so"

# ---- 3. NIfTI -> DICOM ----
# roundtrip NAME SERIES-DIR REF [KEY]: dcm-convert, nifti_to_dicom, dcm-convert; compare
roundtrip() {
	rm -rf "$tmp/$1.a" "$tmp/$1.d" "$tmp/$1.b"
	mkdir "$tmp/$1.d"
	"$CONVERT" -q -f nii -o "$tmp/$1.a" "$2" >/dev/null 2>"$tmp/$1.err"
	run "$1.n2d" "$TT" nifti2dcm "$(nii_in "$tmp/$1.a")" "$3" "$tmp/$1.d" $4
	ok $rc "$1: NIfTI -> DICOM series ($err)"
	"$CONVERT" -q -f nii -o "$tmp/$1.b" "$tmp/$1.d" >/dev/null 2>>"$tmp/$1.err"
	run "$1.cmp" "$TT" niicmp "$(nii_in "$tmp/$1.a")" "$(nii_in "$tmp/$1.b")"
	ok $rc "$1: back through dcm-convert: the same voxels, affine within 1e-4 mm ($err)"
	if have dciodvfy; then
		e=$(for f in "$tmp/$1.d"/*.dcm; do dciodvfy "$f" 2>&1 | grep '^Error'; done | sort -u)
		is "$e" "" "$1: dciodvfy reports no Error on the series"
	fi
}
if [ -x "$CONVERT" ]; then
	roundtrip ct "$tmp/ct" "$tmp/ct/s0.dcm"
	is "$(ls "$tmp/ct.d" | wc -l | tr -d ' ')" 5 "ct: one file per slice"
	dtab PatientName,PatientID,StudyInstanceUID,FrameOfReferenceUID,AccessionNumber "$tmp/ct/s0.dcm" |
	    cut -f2- >"$tmp/ref.tab"
	dtab PatientName,PatientID,StudyInstanceUID,FrameOfReferenceUID,AccessionNumber "$tmp/ct.d"/*.dcm |
	    cut -f2- | sort -u >"$tmp/out.tab"
	is "$(cat "$tmp/out.tab")" "$(cat "$tmp/ref.tab")" "ct: the reference's patient, study and frame of reference"
	dtab SOPClassUID,Modality,ImageType "$tmp/ct.d"/*.dcm | cut -f2- | sort -u >"$tmp/cls.tab"
	is "$(cat "$tmp/cls.tab")" "$(printf '1.2.840.10008.5.1.4.1.1.2\tCT\tDERIVED\\SECONDARY\\AXIAL')" \
	    "ct: CT Image Storage, DERIVED\\SECONDARY\\AXIAL"
	ser=$(dtab SeriesInstanceUID "$tmp/ct.d"/*.dcm | cut -f2 | sort -u)
	is "$(printf '%s\n' "$ser" | wc -l | tr -d ' ')" 1 "ct: one new series"
	isnt "$ser" "$u.1.2" "ct: ... not the reference's"
	is "$(dtab SOPInstanceUID "$tmp/ct.d"/*.dcm | cut -f2 | sort -u | wc -l | tr -d ' ')" 5 "ct: a new SOP instance UID per slice"
	like "$ser" '^2\.25\.[0-9]+$' "ct: 2.25 UIDs"

	# keyed: the same files every time; unkeyed: new UIDs every time
	nii=$(nii_in "$tmp/ct.a")
	mkdir "$tmp/k1" "$tmp/k2" "$tmp/r1" "$tmp/r2"
	"$TT" nifti2dcm "$nii" "$tmp/ct/s0.dcm" "$tmp/k1" "$tmp/key" &&
	    "$TT" nifti2dcm "$nii" "$tmp/ct/s0.dcm" "$tmp/k2" "$tmp/key" && diff -r "$tmp/k1" "$tmp/k2" >/dev/null
	ok $? "with a key: byte-identical series from two runs"
	"$TT" nifti2dcm "$nii" "$tmp/ct/s0.dcm" "$tmp/r1" && "$TT" nifti2dcm "$nii" "$tmp/ct/s0.dcm" "$tmp/r2"
	isnt "$(dget "$tmp/r1/IM0001.dcm" SeriesInstanceUID)" "$(dget "$tmp/r2/IM0001.dcm" SeriesInstanceUID)" \
	    "without a key: a random series UID each run"

	roundtrip sc "$tmp/ct" "$tmp/sc.dcm"
	is "$(dget "$tmp/sc.d/IM0001.dcm" SOPClassUID)" 1.2.840.10008.5.1.4.1.1.7 "sc: a Secondary Capture reference gives Secondary Capture"
	roundtrip mr "$tmp/ct" "$tmp/mr.dcm"
	is "$(dget "$tmp/mr.d/IM0001.dcm" SOPClassUID)" 1.2.840.10008.5.1.4.1.1.4 "mr: an MR reference gives MR Image Storage"
	if [ -n "$have_qa" ]; then
		roundtrip qa-ct "$QA/dcm_qa_ct/In/Philips/S21570/S2010" "$QA/dcm_qa_ct/In/Philips/S21570/S2010/I10"
		hfdl=$QA/dcm_qa_decubitus/In/HFDL/2_t1_fl2d_sag
		roundtrip qa-mr "$hfdl" "$(ls "$hfdl"/*.dcm | head -n 1)" "$tmp/key"
	else
		skip "../shared/data/dcm_qa absent"
	fi
else
	skip "$CONVERT not built"
fi

# float volumes, 5-D and geometry-less NIfTI (nibabel writes them; 4-D: 63-nifti4d.t)
if py -c 'import nibabel' 2>/dev/null; then
	py - "$tmp" <<'EOF'
import sys, numpy as np, nibabel as nb
t = sys.argv[1]
aff = np.array([[-0.8, 0.1, 0, 90], [0.1, 0.8, 0.2, -100], [0, -0.25, 2.9, -40], [0, 0, 0, 1]])
aff[:3, 1] -= aff[:3, 0] * (aff[:3, 0] @ aff[:3, 1]) / (aff[:3, 0] @ aff[:3, 0])   # in-plane orthogonal
rng = np.random.default_rng(1)
f = nb.Nifti1Image((rng.standard_normal((12, 10, 4)) * 300.5).astype(np.float32), aff)
f.header["descrip"] = b"float\\test"
nb.save(f, t + "/float.nii.gz")
nb.save(nb.Nifti1Image(np.zeros((4, 4, 3, 2, 2), np.int16), aff), t + "/5d.nii")
g = nb.Nifti1Image(np.zeros((4, 4, 3), np.int16), None)
g.header.set_qform(None, code=0)
g.header.set_sform(None, code=0)
nb.save(g, t + "/noxform.nii")
EOF
	mkdir "$tmp/fl"
	run fl "$TT" nifti2dcm "$tmp/float.nii.gz" "$tmp/ct/s0.dcm" "$tmp/fl"
	ok $rc "float32 NIfTI -> DICOM ($err)"
	is "$(dget "$tmp/fl/IM0001.dcm" SeriesDescription)" "float test" "SeriesDescription from descrip, without its backslash"
	if [ -x "$CONVERT" ]; then
		"$CONVERT" -q -f nii -o "$tmp/fl.b" "$tmp/fl" >/dev/null 2>&1
		res=$(py - "$tmp/float.nii.gz" "$(nii_in "$tmp/fl.b")" "$tmp/fl/IM0001.dcm" <<'EOF'
import sys, numpy as np, nibabel as nb, pydicom
a, b = nb.load(sys.argv[1]), nb.load(sys.argv[2])
step = float(pydicom.dcmread(sys.argv[3]).RescaleSlope)
d = np.abs(a.get_fdata() - b.get_fdata()).max()
e = np.abs(a.affine - b.affine).max()
print("ok" if d <= step / 2 + 1e-6 and e < 1e-4 else "off by %g (step %g), affine by %g" % (d, step, e))
EOF
)
		is "$res" ok "float values come back within half a rescale step, affine within 1e-4 mm"
	fi
	run n5d "$TT" nifti2dcm "$tmp/5d.nii" "$tmp/ct/s0.dcm" "$tmp/fl"
	is "$rc" 1 "a 5-D NIfTI is refused"
	like "$err" "5-D" "... saying so"
	run nox "$TT" nifti2dcm "$tmp/noxform.nii" "$tmp/ct/s0.dcm" "$tmp/fl"
	is "$rc" 1 "a NIfTI without qform and sform is refused"
	like "$err" "no sform or qform" "... saying so"
else
	skip "nibabel absent"
fi

t_note_san "$tmp/px.err"
done_testing
