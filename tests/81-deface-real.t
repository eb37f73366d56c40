#!/bin/sh
# 81-deface-real.t: dcm-deface on real heads (each part skipped where its data
# is absent): Colin27 from mricron-data with its brain mask (no brain voxel
# changed, the face's front changed), the seg3d MR head of ../shared/data/heads
# (defaced, the back of the head unchanged), the decubitus T1 of dcm_qa (its
# face cut at the bottom of the grid), the cardiac MR series there
# (not a head: refused, nothing written), the VTK CT head (NRRD without an
# anatomical space: --axes needed; its face, one voxel of nose at 3.2 mm, is
# not found: refused) and the tooth (refused).
. "$(dirname "$0")/lib.sh"

DEFACE=$BIN/dcm-deface
[ -x "$DEFACE" ] || bail "$DEFACE: not built"
py -c 'import nibabel, numpy' 2>/dev/null || skip_all "python3-nibabel is not installed"
mkkey "$tmp/key" "$KEY1"
heads=$root/../shared/data/heads
colin=/usr/share/mricron/templates

# voxels changed, voxels of a mask changed, changed voxels posterior to the centre
# of the head (patient y above the median y of the input's voxels above 10% of its range)
measure() {	# measure IN OUT MASK [BRAIN]
	py - "$@" <<'PY'
import sys, numpy as np, nibabel as nib
a = nib.load(sys.argv[1]); b = nib.load(sys.argv[2]); m = np.asanyarray(nib.load(sys.argv[3]).dataobj) > 0
da = np.asanyarray(a.dataobj); db = np.asanyarray(b.dataobj)
diff = da != db
brain = (np.asanyarray(nib.load(sys.argv[4]).dataobj) > 0) if len(sys.argv) > 4 else np.zeros(diff.shape, bool)
head = da > da.min() + 0.1 * (da.max() - da.min())
ijk = np.argwhere(head)
y = (a.affine[:3, :3] @ ijk.T)[1] + a.affine[1, 3]
ymed = np.median(y)
ch = np.argwhere(diff)
ych = (a.affine[:3, :3] @ ch.T)[1] + a.affine[1, 3] if len(ch) else np.array([])
print(int(diff.sum()), int((diff & brain).sum()), int((ych < ymed).sum()), int((m != diff).sum()))
PY
}

if [ -f "$colin/ch2.nii.gz" ] && [ -f "$colin/ch2bet.nii.gz" ]; then
	run colin "$DEFACE" -q -k "$tmp/key" --mask "$tmp/colin-mask.nii.gz" --qc "$tmp/colin.png" \
	    -o "$tmp/colin" "$colin/ch2.nii.gz"
	is "$rc" 0 "Colin27: exit 0 ($err)"
	set -- $(measure "$colin/ch2.nii.gz" "$tmp/colin/ch2.nii.gz" "$tmp/colin-mask.nii.gz" "$colin/ch2bet.nii.gz")
	diag "Colin27: $1 voxels changed, $2 of them in the brain mask, $3 posterior"
	[ "${1:-0}" -gt 50000 ]
	ok $? "Colin27: the face's front changed ($1 voxels)"
	is "${2:-x}" 0 "Colin27: no voxel of the brain mask (ch2bet) changed"
	# RAS: posterior is y below the median; measure counts y < median as posterior
	is "${3:-x}" 0 "Colin27: nothing changed posterior to the centre of the head"
	is "${4:-x}" 0 "Colin27: --mask is exactly the changed voxels"
	[ -s "$tmp/colin.png" ]
	ok $? "Colin27: a QC picture"
else
	skip "mricron-data absent (apt-get install mricron-data)"
fi

if [ -f "$heads/seg3d_MR_T1_head.nii.gz" ]; then
	run seg3d "$DEFACE" -q -k "$tmp/key" --mask "$tmp/seg3d-mask.nii.gz" -o "$tmp/seg3d" \
	    "$heads/seg3d_MR_T1_head.nii.gz"
	is "$rc" 0 "seg3d MR head (its face cut by the edge of the grid): exit 0 ($err)"
	set -- $(measure "$heads/seg3d_MR_T1_head.nii.gz" "$tmp/seg3d/seg3d_MR_T1_head.nii.gz" "$tmp/seg3d-mask.nii.gz")
	diag "seg3d: $1 voxels changed, $3 posterior"
	[ "${1:-0}" -gt 50000 ]
	ok $? "seg3d: the face's front changed ($1 voxels)"
	is "${3:-x}" 0 "seg3d: nothing changed posterior to the centre of the head"
	is "${4:-x}" 0 "seg3d: --mask is exactly the changed voxels"
else
	skip "../shared/data/heads absent"
fi

# The decubitus T1 of dcm_qa: 35 sagittal slices of 4.8 mm, off the midline,
# the grid ending 20 mm below the nose (the head cut at the side and at the
# bottom): the nose is looked for at the midline of the front, not at the
# centre of what the grid holds, and below it the grid's edge will do.
qa=$root/../shared/data/dcm_qa
dec=$qa/dcm_qa_decubitus/In/HFDL/2_t1_fl2d_sag
if [ -d "$dec" ]; then
	CONVERT=$BIN/dcm-convert
	run dec "$DEFACE" -q -k "$tmp/key" --mask "$tmp/dec-mask.nii.gz" -o "$tmp/dec" "$dec"
	is "$rc" 0 "dcm_qa_decubitus T1 (HFDL, the face cut at the bottom and a side): exit 0 ($err)"
	"$CONVERT" -q -f nii -o "$tmp/dec-in" "$dec" >/dev/null 2>&1
	"$CONVERT" -q -f nii -o "$tmp/dec-out" "$tmp/dec" >/dev/null 2>&1
	set -- $(measure "$(find "$tmp/dec-in" -name '*.nii' | head -n 1)" \
	    "$(find "$tmp/dec-out" -name '*.nii' | head -n 1)" "$tmp/dec-mask.nii.gz")
	diag "decubitus: $1 voxels changed, $3 posterior"
	[ "${1:-0}" -gt 5000 ]
	ok $? "decubitus: the face's front changed ($1 voxels)"
	is "${3:-x}" 0 "decubitus: nothing changed posterior to the centre of the head"
	is "${4:-x}" 0 "decubitus: --mask is exactly the changed voxels"
else
	skip "../shared/data/dcm_qa is absent: the decubitus T1"
fi

if [ -d "$heads/seg3d_cardiac_MR_dicom" ]; then
	run card "$DEFACE" -q -k "$tmp/key" -o "$tmp/card" "$heads/seg3d_cardiac_MR_dicom"
	is "$rc" 1 "cardiac MR (not a head): refused, exit 1"
	like "$err" 'no face found' "... no face found"
	is "$(find "$tmp/card" -type f 2>/dev/null | wc -l | tr -d ' ')" 0 "... nothing written"
else
	skip "../shared/data/heads absent"
fi

# NRRD heads without an anatomical space: --axes says where their voxel axes point
vtk=$heads/vtk_headsq_quarter/quarter.nhdr
if [ -f "$vtk" ]; then
	run vtk0 "$DEFACE" -q -k "$tmp/key" -o "$tmp/vtk0" "$vtk"
	is "$rc:$(find "$tmp/vtk0" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" \
	    "VTK CT head without --axes: exit 1, nothing written"
	like "$err" 'no anatomical orientation.*--axes' "... the message asks for --axes"
	# 64 x 64 x 93 at 3.2 mm, the slices from the forehead down to the neck:
	# its nose stands out of its profile by one voxel, which is no face
	run vtk "$DEFACE" -q -k "$tmp/key" --modality ct --axes LPI -o "$tmp/vtk" "$vtk"
	is "$rc:$(find "$tmp/vtk" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" \
	    "VTK CT head (--axes LPI): its nose stands out 3 mm at 3.2 mm voxels: refused, exit 1, nothing written"
	like "$err" 'no face found' "... no face found ($(printf '%s' "$err" | head -c 300))"
else
	skip "../shared/data/heads absent"
fi
if [ -f "$heads/tooth.nhdr" ]; then
	for ax in LPS RAS; do
		run "tooth-$ax" "$DEFACE" -q -k "$tmp/key" --modality ct --axes "$ax" -o "$tmp/tooth-$ax" "$heads/tooth.nhdr"
		is "$rc:$(find "$tmp/tooth-$ax" -type f 2>/dev/null | wc -l | tr -d ' ')" "1:0" \
		    "the tooth (--axes $ax): not a head, refused, exit 1, nothing written"
		like "$err" 'no face found|no head|too small' "... no face found ($(printf '%s' "$err" | head -c 200))"
	done
else
	skip "../shared/data/heads absent"
fi

done_testing
