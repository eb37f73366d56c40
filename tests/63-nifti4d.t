#!/bin/sh
# 4-D NIfTI -> DICOM (lib/transcode.c nifti_to_dicom, dcm-convert -f dicom
# --like): nt x nz single-frame instances in one series, each time point
# marked, and back through dcm-convert (lib/volume.c) and dcm2niix to the
# same 4-D grid.  Synthetic fixtures only (nibabel writes the NIfTI).
. "$(dirname "$0")/lib.sh"

TT=${DCMSCRUB_TESTBIN:-$root/build/tests}/t-transcode
case $TT in /*) ;; *) TT=$root/$TT ;; esac
[ -x "$TT" ] || bail "$TT not built (run make)"
CONVERT=$BIN/dcm-convert
[ -x "$CONVERT" ] || bail "$CONVERT not built (run make)"
py -c 'import nibabel, numpy' 2>/dev/null || skip_all "nibabel absent: no NIfTI fixtures"

# the one .nii under a directory
nii_in() { find "$1" -name '*.nii' -o -name '*.nii.gz' | head -n 1; }
# dciodvfy's Error (or Warning) lines over a directory of files, sorted, without values
vlines() { for f in "$2"/*.dcm; do dciodvfy "$f" 2>&1; done | grep "^$1" | sed 's/<[^>]*> *$//' | LC_ALL=C sort -u; }

# ---- fixtures: the references, and 16x12x5x3 volumes on an oblique grid ----
u=1.2.826.0.1.3680043.9999.63
cat >"$tmp/spec" <<EOF
$tmp/ct.dcm class=ct StudyInstanceUID=$u.1 SeriesInstanceUID=$u.1.2 SOPInstanceUID=$u.1.2.1 FrameOfReferenceUID=$u.9 SeriesNumber=4 RescaleIntercept=-1024 RescaleSlope=1 ImageOrientationPatient=1\\\\0\\\\0\\\\0\\\\1\\\\0 ImagePositionPatient=0\\\\0\\\\0 PixelSpacing=1\\\\1 SliceThickness=1
$tmp/mr.dcm class=mr StudyInstanceUID=$u.2 SeriesInstanceUID=$u.2.1 SOPInstanceUID=$u.2.1.1 px=7
EOF
gen_dcm "$tmp/spec" || bail "cannot generate the references"
mkkey "$tmp/key" "$KEY1"
py - "$tmp" <<'EOF' || bail "cannot write the NIfTI fixtures"
import sys, numpy as np, nibabel as nb
from math import cos, sin
t = sys.argv[1]
a, b = 0.3, 0.2
rz = np.array([[cos(a), -sin(a), 0], [sin(a), cos(a), 0], [0, 0, 1]])
rx = np.array([[1, 0, 0], [0, cos(b), -sin(b)], [0, sin(b), cos(b)]])
# oblique, and of the handedness dcm-convert writes (the slices along the image normal)
aff = np.eye(4)
aff[:3, :3] = rz @ rx @ np.diag([-0.9, 1.1, 2.5])
aff[:3, 3] = [60, 40, -20]
rng = np.random.default_rng(63)
shape = (16, 12, 5, 3)
def save(name, data, affine=aff):
    img = nb.Nifti1Image(data, affine)
    img.header.set_xyzt_units("mm", "sec")
    img.header["pixdim"][4] = 2.0           # a TR of 2 s
    nb.save(img, "%s/%s" % (t, name))
save("i16.nii.gz", rng.integers(-3000, 3000, size=shape).astype(np.int16))
save("u16.nii", rng.integers(0, 65536, size=shape).astype(np.uint16))
save("f32.nii.gz", (rng.standard_normal(shape) * 123.4 + 10).astype(np.float32))
i16 = nb.load(t + "/i16.nii.gz")
save("i16-t0.nii", np.asarray(i16.dataobj)[..., 0])        # its first time point, 3-D
right = aff.copy()
right[:3, 0] *= -1                          # the other handedness
save("right.nii", rng.integers(-100, 100, size=shape).astype(np.int16), right)
nb.save(nb.Nifti1Image(np.zeros((4, 4, 3, 1, 2), np.int16), aff), t + "/5d.nii")
nb.save(nb.Nifti1Image(np.zeros((4, 4, 3, 2, 2), np.int16), aff), t + "/5d2.nii")
EOF

# back VOL NIFTI [flip]: VOL's voxels, dims, type and affine against NIFTI's
# ("ok" or why not); float volumes within half a rescale step (the step read
# from the first DICOM file given as $3); flip: VOL's slices reversed first
back() {
	py - "$@" <<'EOF'
import sys, glob, numpy as np, nibabel as nb, pydicom
a, b = nb.load(sys.argv[1]), nb.load(sys.argv[2])
step = 0
if len(sys.argv) > 3 and sys.argv[3] != "flip":
    step = float(getattr(pydicom.dcmread(sys.argv[3]), "RescaleSlope", 1))
if a.shape != b.shape:
    sys.exit(print("shape %s, not %s" % (b.shape, a.shape)))
aff, bd = b.affine, b.get_fdata()
if "flip" in sys.argv[3:]:
    f = np.eye(4)
    f[2, 2], f[2, 3] = -1, a.shape[2] - 1
    aff, bd = aff @ f, bd[:, :, ::-1, ...]
why = []
integral = np.issubdtype(a.get_data_dtype(), np.integer)
if integral and a.get_data_dtype() != b.get_data_dtype():
    why.append("type %s, not %s" % (b.get_data_dtype(), a.get_data_dtype()))
d = np.abs(a.get_fdata() - bd).max()
if d > (0 if integral else step / 2 + 1e-6) or (not integral and step <= 0):
    why.append("voxels off by %g (step %g)" % (d, step))
e = np.abs(a.affine - aff).max()
if e > 1e-4:
    why.append("affine off by %g mm" % e)
print("; ".join(why) or "ok")
EOF
}

# to_dicom NAME NIFTI REF [KEY]: nifti_to_dicom into $tmp/NAME.d, dcm-convert back into $tmp/NAME.b
to_dicom() {
	rm -rf "$tmp/$1.d" "$tmp/$1.b"
	mkdir "$tmp/$1.d"
	run "$1.n2d" "$TT" nifti2dcm "$2" "$3" "$tmp/$1.d" $4
	ok $rc "$1: 4-D NIfTI -> DICOM series ($err)"
	run "$1.d2n" "$CONVERT" -q -f nii.gz -o "$tmp/$1.b" "$tmp/$1.d"
	ok $rc "$1: dcm-convert -f nii.gz reads the series back ($err)"
}

# ---- 1. round trips: CT and MR, int16, uint16 and float32 ----
for c in ct:i16:i16.nii.gz ct:u16:u16.nii ct:f32:f32.nii.gz mr:i16:i16.nii.gz mr:f32:f32.nii.gz; do
	ref=${c%%:*}
	rest=${c#*:}
	v=${rest%%:*}
	name=$ref-$v
	to_dicom "$name" "$tmp/${rest#*:}" "$tmp/$ref.dcm"
	is "$(ls "$tmp/$name.d" | wc -l | tr -d ' ')" 15 "$name: nt x nz = 15 instances"
	is "$(back "$tmp/${rest#*:}" "$(nii_in "$tmp/$name.b")" "$tmp/$name.d/IM0001.dcm")" ok \
	    "$name: back as 16x12x5x3, the same voxels (float: within half a step), affine within 1e-4 mm"
done

# ---- 2. what the series carries (MR: the temporal attributes are its IOD's) ----
d=$tmp/mr-i16.d
# fields: 2 series, 3 SOP instance, 4 instance no., 5 acquisition no., 6 temporal position,
# 7 number of them, 8 position, 9 temporal position index, 10 temporal resolution
kws=SeriesInstanceUID,SOPInstanceUID,InstanceNumber,AcquisitionNumber,TemporalPositionIdentifier
kws=$kws,NumberOfTemporalPositions,ImagePositionPatient,TemporalPositionIndex,TemporalResolution
dtab "$kws" "$d"/*.dcm >"$tmp/ct.tab"
is "$(cut -f2 "$tmp/ct.tab" | sort -u | wc -l | tr -d ' ')" 1 "one SeriesInstanceUID for every time point"
like "$(cut -f2 "$tmp/ct.tab" | sort -u)" '^2\.25\.[0-9]+$' "... a new 2.25 one"
is "$(cut -f3 "$tmp/ct.tab" | sort -u | wc -l | tr -d ' ')" 15 "15 distinct SOPInstanceUIDs"
is "$(cut -f6 "$tmp/ct.tab" | sort -n | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')" "1:5 2:5 3:5 " \
    "TemporalPositionIdentifier 1..3, five slices each"
is "$(cut -f7 "$tmp/ct.tab" | sort -u)" 3 "NumberOfTemporalPositions 3"
is "$(awk -F'\t' '$5 != $6' "$tmp/ct.tab")" "" "AcquisitionNumber = TemporalPositionIdentifier"
is "$(cut -f4 "$tmp/ct.tab" | sort -n | tr '\n' ' ')" "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 " "InstanceNumber 1..15"
is "$(awk -F'\t' 'int(($4 - 1) / 5) + 1 != $6' "$tmp/ct.tab")" "" \
    "... time-major: 1-5 time point 1, 6-10 time point 2, 11-15 time point 3"
# the positions of each time point, in InstanceNumber order: the same three times
pos=$(sort -t"$(printf '\t')" -k4,4n "$tmp/ct.tab" | awk -F'\t' '{ p[$6] = p[$6] " " $8 } END { for (t in p) print p[t] }' | sort -u)
is "$(printf '%s\n' "$pos" | wc -l | tr -d ' ')" 1 "every time point at the same slice positions"
is "$(printf '%s\n' "$pos" | tr ' ' '\n' | grep -c .)$(printf '%s\n' "$pos" | tr ' ' '\n' | grep . | sort -u | wc -l | tr -d ' ')" 55 \
    "... five distinct positions"
is "$(cut -f9 "$tmp/ct.tab" | sort -u)" "<absent>" "no TemporalPositionIndex (not a classic attribute)"
dtab InstanceNumber,AcquisitionNumber,TemporalPositionIdentifier,NumberOfTemporalPositions,TemporalResolution \
    "$tmp/ct-i16.d"/*.dcm >"$tmp/ct2.tab"
is "$(cut -f4- "$tmp/ct2.tab" | sort -u)" "$(printf '<absent>\t<absent>\t<absent>')" \
    "CT: no temporal attributes (not in the CT IOD)"
is "$(awk -F'\t' 'int(($2 - 1) / 5) + 1 != $3' "$tmp/ct2.tab")" "" \
    "CT: AcquisitionNumber is the time point, time-major"
is "$(dtab TemporalResolution,TemporalPositionIndex "$tmp/mr-i16.d"/*.dcm | cut -f2- | sort -u)" \
    "$(printf '2000\t<absent>')" "MR: TemporalResolution 2000 ms from pixdim[4] = 2 s; no TemporalPositionIndex"
is "$(dtab RescaleSlope "$tmp/ct-f32.d"/*.dcm | cut -f2 | sort -u | wc -l | tr -d ' ')" 1 \
    "float32: one rescale for the whole 4-D series"

# the time points are not a 3-D series: the first one alone has no time attributes
mkdir "$tmp/t0.d"
run t0 "$TT" nifti2dcm "$tmp/i16-t0.nii" "$tmp/mr.dcm" "$tmp/t0.d"
ok $rc "a 3-D volume converts as before ($err)"
is "$(dtab TemporalPositionIdentifier,NumberOfTemporalPositions,TemporalResolution "$tmp/t0.d"/*.dcm | cut -f2- | sort -u)" \
    "$(printf '<absent>\t<absent>\t<absent>')" "... with no temporal attributes"

# ---- 3. dciodvfy ----
if have dciodvfy; then
	for name in ct-i16 ct-f32 mr-i16 mr-f32; do
		is "$(vlines Error "$tmp/$name.d")" "" "dciodvfy: no Error in the 4-D $name series"
	done
	vlines Warning "$tmp/t0.d" >"$tmp/w3"
	vlines Warning "$tmp/mr-i16.d" >"$tmp/w4"
	is "$(LC_ALL=C comm -13 "$tmp/w3" "$tmp/w4")" "" \
	    "dciodvfy: MR 4-D, no Warning that the 3-D MR series does not have"
else
	skip "dciodvfy absent"
fi

# ---- 4. keyed UIDs ----
mkdir "$tmp/k1" "$tmp/k2" "$tmp/r1"
"$TT" nifti2dcm "$tmp/i16.nii.gz" "$tmp/ct.dcm" "$tmp/k1" "$tmp/key" &&
    "$TT" nifti2dcm "$tmp/i16.nii.gz" "$tmp/ct.dcm" "$tmp/k2" "$tmp/key" && diff -r "$tmp/k1" "$tmp/k2" >/dev/null
ok $? "with a key: byte-identical 4-D series from two runs"
is "$(dtab SOPInstanceUID "$tmp/k1"/*.dcm | cut -f2 | sort -u | wc -l | tr -d ' ')" 15 \
    "with a key: a distinct SOPInstanceUID per time point and slice"
"$TT" nifti2dcm "$tmp/i16.nii.gz" "$tmp/ct.dcm" "$tmp/r1"
isnt "$(dget "$tmp/r1/IM0001.dcm" SeriesInstanceUID)" "$(dget "$tmp/ct-i16.d/IM0001.dcm" SeriesInstanceUID)" \
    "without a key: a random series UID each run"
is "$(dtab SOPInstanceUID "$tmp/k1"/*.dcm "$tmp/t0.d"/*.dcm | cut -f2 | sort -u | wc -l | tr -d ' ')" 20 \
    "the 4-D series shares no UID with the 3-D series of its first time point"

# ---- 5. the other handedness: slices reversed, the same voxels in space ----
to_dicom right "$tmp/right.nii" "$tmp/ct.dcm"
is "$(back "$tmp/right.nii" "$(nii_in "$tmp/right.b")" flip)" ok \
    "right-handed grid: back with its slices reversed, the same voxels at the same places"

# ---- 6. dcm2niix reads the series as the same 4-D volume ----
if have dcm2niix; then
	for name in ct-i16 mr-f32; do
		mkdir "$tmp/$name.x"
		run "$name.x" dcm2niix -z n -o "$tmp/$name.x" "$tmp/$name.d"
		src=$tmp/i16.nii.gz
		[ "$name" = mr-f32 ] && src=$tmp/f32.nii.gz
		is "$rc:$(back "$src" "$(nii_in "$tmp/$name.x")" "$tmp/$name.d/IM0001.dcm")" 0:ok \
		    "dcm2niix: $name as one 4-D volume, the same voxels and affine"
	done
else
	skip "dcm2niix absent"
fi

# ---- 7. dcm-convert -f dicom --like, and what it refuses ----
run cli "$CONVERT" -f dicom --like "$tmp/mr.dcm" -k "$tmp/key" -o "$tmp/cli" "$tmp/f32.nii.gz"
ok $rc "dcm-convert -f dicom --like of a 4-D NIfTI ($err)"
is "$(nrecords "$tmp/cli.out")" 15 "... 15 records"
is "$(find "$tmp/cli" -name '*.dcm' | wc -l | tr -d ' ')" 15 "... 15 files"
run cli.b "$CONVERT" -q -f nii -o "$tmp/cli.b" "$tmp/cli"
is "$(back "$tmp/f32.nii.gz" "$(nii_in "$tmp/cli.b")" "$(find "$tmp/cli" -name '*.dcm' | head -n 1)")" ok \
    "... and back, within half a rescale step"
for f in 5d 5d2; do
	run "$f" "$CONVERT" -f dicom --like "$tmp/ct.dcm" -o "$tmp/$f.o" "$tmp/$f.nii"
	is "$rc" 1 "a 5-D NIfTI ($f) is refused, exit 1"
	like "$err" "5-D NIfTI volume.*only 3-D and 4-D" "... saying so"
	is "$(find "$tmp/$f.o" -type f 2>/dev/null)$(nrecords "$tmp/$f.out")" 0 "... and writes no file, no record"
done

done_testing
