#!/bin/sh
# 50-gen-head.t: the synthetic head generator (tests/gen-head.c) itself.
#
# It is the sample data of every volume tool's tests, so its own geometry
# and values are checked here against what it claims: for CT, MR, CBCT, a
# child, several axis orders, two obliques, a gantry tilt, anisotropic
# voxels and 12-bit storage, that dcmdump reads every file, that dciodvfy
# finds no error, that ImagePositionPatient agrees with the label volume's
# affine, that the anatomy lands where the DICOM geometry says (each series
# against an axial reference, in patient coordinates), that the values are
# those documented, and that the same arguments give the same bytes.
#
# DCMSCRUB_TESTBIN names the directory of gen-head (default build/tests).

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
testbin=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $testbin in /*) ;; *) testbin=$root/$testbin ;; esac
gen=$testbin/gen-head
PY=/usr/bin/python3

if [ ! -x "$gen" ]; then
	echo "Bail out! $gen not built (run make)"
	exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-50.XXXXXX") || exit 1
trap '[ -n "${KEEP_TMP:-}" ] && echo "# kept $T" || rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

n=0
failed=0
san=
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
diag() { printf '# %s\n' "$*"; }
note_san() {
	if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$1"; then
		san="$san $1"
		grep -E -A3 'Sanitizer|runtime error:' "$1" | head -n 20 | sed 's/^/#   /'
	fi
}

# gen NAME ARGS...: generate into $T/NAME; exit 0 and silent.
gen() {
	g_name=$1
	shift
	"$gen" -o "$T/$g_name" "$@" >"$T/$g_name.out" 2>"$T/$g_name.err" </dev/null
	g_rc=$?
	note_san "$T/$g_name.err"
	if [ "$g_rc" -eq 0 ] && [ ! -s "$T/$g_name.out" ] && [ ! -s "$T/$g_name.err" ]; then
		ok 0 "gen-head $* (as $g_name)"
	else
		ok 1 "gen-head $* (as $g_name): exit $g_rc"
		sed 's/^/#   /' "$T/$g_name.err" | head -n 10
	fi
}

# The series; 3 mm voxels keep each one at 80^3.  "ref" is the axial reference.
cases='ref:--spacing 3
ras:--spacing 3 --orient RAS
lpi:--spacing 3 --orient LPI
asl:--spacing 3 --orient ASL
irp:--spacing 3 --orient irp
aniso:--spacing 2,3,4 --fov 200,222,240 --orient SLA
obz:--spacing 3 --oblique 30
obx:--spacing 3 --oblique -25 --oblique-axis x --orient ASL
tilt:--spacing 3 --tilt 20
tiltc:--spacing 3 --tilt -15 --orient LSA --modality cbct
mr:--spacing 3 --modality mr
mr12:--spacing 3 --modality mr --bits 12 --orient PIR --seed 7
cbct:--spacing 3 --modality cbct --bits 12
child:--spacing 3 --child --orient RAI
uns:--spacing 3 --unsigned --bits 12'
names=
oldifs=$IFS
IFS='
'
for c in $cases; do
	IFS=$oldifs
	name=${c%%:*}
	# shellcheck disable=SC2086
	gen "$name" ${c#*:}
	names="$names $name"
	IFS='
'
done
IFS=$oldifs

# dcmdump reads every file, silently
if command -v dcmdump >/dev/null 2>&1; then
	for name in $names; do
		nf=$(find "$T/$name" -name 'IM*.dcm' | wc -l)
		dcmdump -q "$T/$name"/IM*.dcm >/dev/null 2>"$T/$name.dump.err"
		rc=$?
		[ "$rc" -eq 0 ] && [ ! -s "$T/$name.dump.err" ] && [ "$nf" -gt 0 ]
		ok $? "dcmdump reads the $nf files of $name"
		[ "$rc" -eq 0 ] || head -n 5 "$T/$name.dump.err" | sed 's/^/#   /'
	done
else
	skip "dcmdump (dcmtk) not installed"
fi

# dciodvfy: no error in the CT, MR and CBCT IODs (warnings are allowed)
if command -v dciodvfy >/dev/null 2>&1; then
	for f in ref/IM0040 mr/IM0040 mr12/IM0001 cbct/IM0030 tilt/IM0040 uns/IM0040; do
		dciodvfy "$T/$f.dcm" >"$T/vfy.out" 2>&1
		! grep -q 'Error' "$T/vfy.out"
		ok $? "dciodvfy finds no error in $f.dcm"
		grep 'Error' "$T/vfy.out" | head -n 5 | sed 's/^/#   /'
	done
else
	skip "dciodvfy (dicom3tools) not installed"
fi

# labels.txt
got=$(cat "$T/ref/labels.txt")
want=$(printf '0\toutside\n1\tskin\n2\tsoft tissue\n3\tskull\n4\tbrain\n5\teyes\n6\tnose\n7\tlips\n8\tears\n9\tmandible\n10\tmaxilla\n11\tteeth\n12\tsinus air\n13\tmouth air')
[ "$got" = "$want" ]
ok $? "labels.txt names the 14 labels"

# nifti_tool agrees that the label volume is sound
if command -v nifti_tool >/dev/null 2>&1; then
	out=$(nifti_tool -check_hdr -check_nim -infiles "$T/ref/labels.nii.gz" 2>&1)
	printf '%s\n' "$out" | grep -q 'header IS GOOD' &&
	    printf '%s\n' "$out" | grep -q 'nifti_image IS GOOD'
	ok $? "nifti_tool: the header and image of labels.nii.gz are good"
else
	skip "nifti_tool (nifti-bin) not installed"
fi

# the same arguments, the same bytes; another seed, other UIDs, same pixels
"$gen" -o "$T/ref2" --spacing 3 2>"$T/ref2.err"
note_san "$T/ref2.err"
same=0
for f in "$T/ref"/*; do
	cmp -s "$f" "$T/ref2/${f##*/}" || { same=1; diag "differs: ${f##*/}"; break; }
done
[ "$(ls "$T/ref" | wc -l)" -eq "$(ls "$T/ref2" | wc -l)" ] || same=1
ok $same "deterministic: two runs with the same arguments write the same bytes"
"$gen" -o "$T/seed2" --spacing 3 --seed 2 2>"$T/seed2.err"
note_san "$T/seed2.err"
! cmp -s "$T/ref/IM0040.dcm" "$T/seed2/IM0040.dcm" &&
    cmp -s "$T/ref/labels.nii.gz" "$T/seed2/labels.nii.gz"
ok $? "another seed: other files, the same labels"

# expected failures: usage errors exit 2 and write nothing
for bad in "--orient LLS" "--orient LPX" "--orient LP" "--tilt 10 --modality mr" \
    "--tilt 60" "--spacing 0" "--spacing 1,2" "--bits 8" "--modality pet" \
    "--unsigned --modality cbct" "--seed -1" "--oblique-axis w" "extra"; do
	# shellcheck disable=SC2086
	"$gen" -o "$T/bad" $bad >/dev/null 2>"$T/bad.err"
	rc=$?
	note_san "$T/bad.err"
	[ "$rc" -eq 2 ] && [ ! -e "$T/bad" ] && grep -q 'gen-head' "$T/bad.err"
	ok $? "refused with status 2: $bad (got $rc)"
done
"$gen" >/dev/null 2>"$T/bad.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q '^usage:' "$T/bad.err"
ok $? "no -o: usage, status 2"

# The geometry, anatomy and values, read back with pydicom and nibabel.
if [ -x "$PY" ] && "$PY" -c 'import numpy, pydicom, nibabel' 2>/dev/null; then
	# shellcheck disable=SC2086
	"$PY" - "$T" $names >"$T/py.out" 2>"$T/py.err" <<'EOF'
import glob, math, os, sys
import numpy as np
import nibabel as nib
import pydicom

top = sys.argv[1]
names = sys.argv[2:]

def check(cond, desc, *diag):
    print(("PASS " if cond else "FAIL ") + desc)
    if not cond:
        for d in diag:
            print("# " + str(d))

LPS = np.diag([-1.0, -1.0, 1.0, 1.0])
# tilted series: the tilt and the unrotated direction of k
TILTS = {"tilt": (20.0, np.array([0.0, 0.0, 1.0])), "tiltc": (-15.0, np.array([0.0, -1.0, 0.0]))}

class Series:
    def __init__(self, name):
        self.name = name
        d = os.path.join(top, name)
        self.files = sorted(glob.glob(os.path.join(d, "IM*.dcm")))
        self.ds = [pydicom.dcmread(f) for f in self.files]
        img = nib.load(os.path.join(d, "labels.nii.gz"))
        self.nii = img
        self.lab = np.asarray(img.dataobj)
        self.aff = LPS @ img.affine          # voxel -> LPS
        d0 = self.ds[0]
        self.bits = int(d0.BitsStored)
        self.signed = int(d0.PixelRepresentation) == 1
        slope = float(getattr(d0, "RescaleSlope", 1))
        inter = float(getattr(d0, "RescaleIntercept", 0))
        self.raw = []
        vals = []
        for ds in self.ds:
            w = np.frombuffer(ds.PixelData, "<u2").reshape(int(ds.Rows), int(ds.Columns))
            self.raw.append(w)
            v = (w & ((1 << self.bits) - 1)).astype(np.int64)
            if self.signed:
                v = np.where(v >= 1 << (self.bits - 1), v - (1 << self.bits), v)
            vals.append(v.T * slope + inter)  # [i, j]
        self.val = np.stack(vals, axis=-1) if vals else None
        self.ipp = np.array([[float(x) for x in ds.ImagePositionPatient] for ds in self.ds])
        iop = [float(x) for x in d0.ImageOrientationPatient]
        self.row, self.col = np.array(iop[:3]), np.array(iop[3:])
        self.dy, self.dx = (float(x) for x in d0.PixelSpacing)

    def positions(self, i, j, k):
        """LPS positions from the DICOM geometry alone."""
        return (self.ipp[k] + i[:, None] * self.dx * self.row[None, :]
                + j[:, None] * self.dy * self.col[None, :])

    def world(self, mask):
        i, j, k = np.nonzero(mask)
        return self.positions(i, j, k)

S = {nm: Series(nm) for nm in names}
ref = S["ref"]
refinv = np.linalg.inv(ref.aff)

uids = set()
for nm, s in S.items():
    nk = s.lab.shape[2]
    check(len(s.files) == nk, f"{nm}: {len(s.files)} files, {nk} label slices")
    shape_ok = all(int(ds.Columns) == s.lab.shape[0] and int(ds.Rows) == s.lab.shape[1]
                   for ds in s.ds)
    check(shape_ok, f"{nm}: Columns x Rows = label i x j ({s.lab.shape[0]} x {s.lab.shape[1]})")
    check([int(ds.InstanceNumber) for ds in s.ds] == list(range(1, nk + 1)),
          f"{nm}: IM%04d.dcm has InstanceNumber %d")
    want = np.array([(s.aff @ [0, 0, k, 1])[:3] for k in range(nk)])
    err = np.abs(s.ipp - want).max()
    check(err < 1e-3, f"{nm}: ImagePositionPatient of slice k = affine (0,0,k) (max error {err:.2g} mm)")
    a = s.aff[:3, :3]
    err = max(np.abs(a[:, 0] - s.row * s.dx).max(), np.abs(a[:, 1] - s.col * s.dy).max())
    check(err < 1e-4, f"{nm}: affine columns i, j = IOP x PixelSpacing (max error {err:.2g})")
    hdr = s.nii.header
    sc, qc = int(hdr["sform_code"]), int(hdr["qform_code"])
    if "tilt" in nm:
        check(sc == 1 and qc == 0, f"{nm}: tilted: sform only (sform_code {sc}, qform_code {qc})")
    else:
        q = LPS @ s.nii.get_qform()
        err = np.abs(q - s.aff).max()
        check(sc == 1 and qc == 1 and err < 1e-3,
              f"{nm}: qform = sform (codes {qc} {sc}, max difference {err:.2g})")
    check(int(hdr["intent_code"]) == 1002 and s.lab.dtype == np.uint8 and s.lab.max() == 13,
          f"{nm}: uint8 labels 0..13, intent LABEL")
    for ds in s.ds:
        uids.add(ds.SOPInstanceUID)
    allu = [ds.SOPInstanceUID for ds in s.ds] + [s.ds[0].SeriesInstanceUID,
            s.ds[0].StudyInstanceUID, s.ds[0].FrameOfReferenceUID]
    check(all(u.startswith("2.25.") and len(u) <= 64 and u[5:].isdigit() and u[5] != "0"
              for u in allu), f"{nm}: UIDs are 2.25.<decimal>, at most 64 characters")
    d0 = s.ds[0]
    check(str(d0.PatientName) == "XYZZY^PLUGH" and d0.PatientID == "FAKE-HEAD-001"
          and d0.AccessionNumber == "FAKEACC-HEAD" and d0.PatientBirthDate == "19800101"
          and d0.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1",
          f"{nm}: fake PHI, Explicit VR Little Endian")

    # the anatomy is where the DICOM geometry says: labels against the
    # reference, in patient space (the child is smaller: not comparable)
    if nm != "ref" and nm != "child":
        i, j, k = (x.ravel() for x in np.meshgrid(*[np.arange(n) for n in s.lab.shape],
                                                   indexing="ij"))
        p = s.positions(i, j, k)
        r = refinv @ np.vstack([p.T, np.ones(len(i))])
        ri = np.rint(r[:3]).astype(int)
        inside = np.all((ri >= 0) & (ri < np.array(ref.lab.shape)[:, None]), axis=0)
        a = s.lab[i[inside], j[inside], k[inside]]
        b = ref.lab[ri[0, inside], ri[1, inside], ri[2, inside]]
        exact = np.abs(r[:3] - np.rint(r[:3])).max() < 1e-6
        fg = (a != 0) | (b != 0)
        agree = float(np.mean(a[fg] == b[fg]))
        if exact:
            check(agree == 1.0, f"{nm}: every voxel has the label of the same patient point in ref",
                  f"agreement {agree:.6f}")
        else:
            check(agree > 0.85, f"{nm}: labels agree with ref at the same patient points ({agree:.3f})")

    # anterior nose, left bigger than right
    brain = s.world(s.lab == 4).mean(axis=0)
    nose = s.world(s.lab == 6).mean(axis=0)
    check(nose[1] < brain[1] - 50, f"{nm}: the nose (y {nose[1]:.0f}) is anterior of the brain centre (y {brain[1]:.0f})")
    eyes = s.world(s.lab == 5)
    nl, nr = int((eyes[:, 0] > 0).sum()), int((eyes[:, 0] < 0).sum())
    check(nl > nr > 0, f"{nm}: the left eye (+x, {nl} voxels) is larger than the right ({nr})")
    ears = s.world(s.lab == 8)
    check(np.abs(ears[:, 0]).min() > 50, f"{nm}: the ears are lateral (|x| > 50 mm)")
    neck = s.world(s.lab == 2)[:, 2].min()
    check(neck < brain[2] - 80, f"{nm}: the neck stump is inferior")

    # values
    v, l = s.val, s.lab
    mod = d0.Modality
    if mod == "CT" and d0.Manufacturer != "DCMSCRUB CBCT":
        check(v[l == 3].min() > 700 and v[l == 9].min() > 700 and v[l == 11].min() > 2000,
              f"{nm}: CT bone > 700 HU, teeth > 2000 HU (min skull {v[l == 3].min():.0f})")
        check(v[l == 4].min() >= 0 and v[l == 4].max() <= 80,
              f"{nm}: CT brain within 0..80 HU")
        check(v[l == 0].max() <= -1000 + 1e-6 and v[l == 12].max() <= -1000 + 1e-6,
              f"{nm}: air and sinus air -1000 HU")
        check(d0.RescaleType == "HU", f"{nm}: RescaleType HU")
    elif mod == "MR":
        check(int(d0.PixelRepresentation) == 0 and d0.SOPClassUID == "1.2.840.10008.5.1.4.1.1.4",
              f"{nm}: MR Image Storage, unsigned")
        bm, km = v[l == 4].mean(), v[l == 3].mean()
        check(480 < bm < 520 and km < 100 and v[l == 4].std() > 2,
              f"{nm}: MR brain about 500 with noise (mean {bm:.0f}), bone dark ({km:.0f})")
    else:
        check(d0.Manufacturer == "DCMSCRUB CBCT" and d0.SOPClassUID == "1.2.840.10008.5.1.4.1.1.2",
              f"{nm}: CBCT as CT Image Storage by DCMSCRUB CBCT")
        bm = v[l == 4].mean()
        check(200 < bm < 330 and v[l == 4].std() > 5,
              f"{nm}: CBCT brain near 0.8 x 30 + 300 less cupping, noisy (mean {bm:.0f})")
        pad = v == -1000
        check(pad.any() and v[~pad].min() > -1000, f"{nm}: -1000 pads outside the field of view only")
        pw = s.world(np.ones(l.shape, bool) & pad)
        pin = s.world(~pad)
        rin = np.hypot(pin[:, 0], pin[:, 1]).max()
        check(rin < np.hypot(pw[:, 0], pw[:, 1]).max() and rin <= 0.45 * 240 + 1e-6,
              f"{nm}: the field of view is a cylinder about S (radius {rin:.0f} mm)")
    if s.bits == 12:
        hi = max(int((w >> 12).max()) for w in s.raw)
        check(hi == 0 and int(d0.HighBit) == 11, f"{nm}: 12 bits stored, bits 12-15 zero")
    if nm == "uns":
        check(int(d0.PixelRepresentation) == 0 and float(d0.RescaleIntercept) == -1024,
              f"{nm}: --unsigned: stored HU + 1024, RescaleIntercept -1024")
    if nm in TILTS:
        deg, stack = TILTS[nm]
        sdir = s.ipp[-1] - s.ipp[0]
        sdir /= np.linalg.norm(sdir)
        normal = np.cross(s.row, s.col)
        ang = math.degrees(math.acos(min(1.0, abs(float(normal @ sdir)))))
        check(float(d0.GantryDetectorTilt) == deg and np.abs(sdir - stack).max() < 1e-9
              and abs(ang - abs(deg)) < 1e-4 and "SpacingBetweenSlices" not in d0,
              f"{nm}: GantryDetectorTilt {deg}, slices stacked along {stack}, "
              f"{ang:.4f} degrees off the normal")

check(len(uids) == sum(len(s.files) for s in S.values()), "SOPInstanceUIDs all distinct")
check(len({s.ds[0].SeriesInstanceUID for s in S.values()}) == len(S), "SeriesInstanceUIDs distinct")
seed1 = [s for nm, s in S.items() if nm not in ("child", "mr12")]
check(len({s.ds[0].StudyInstanceUID for s in seed1}) == 1 and
      len({s.ds[0].FrameOfReferenceUID for s in seed1}) == 1,
      "one seed, one study and frame of reference")

# the child: the anatomy scaled by 0.7
ext = lambda s: np.ptp(s.world(s.lab != 0), axis=0)
ratio = ext(S["child"]) / ext(ref)
check(np.all((ratio > 0.6) & (ratio < 0.8)), f"child: the head scaled by 0.7 ({np.round(ratio, 3)})")
ea = ext(ref)
check(140 < ea[0] < 180 and 190 < ea[1] < 215 and 215 < ea[2] < 240,
      f"ref: head extent LR x AP x SI {np.round(ea)} mm")
EOF
	rc=$?
	if [ "$rc" -ne 0 ]; then
		ok 1 "the python checks ran (exit $rc)"
		sed 's/^/#   /' "$T/py.err" | tail -n 20
	fi
	while IFS= read -r line; do
		case $line in
		'PASS '*) ok 0 "${line#PASS }" ;;
		'FAIL '*) ok 1 "${line#FAIL }" ;;
		*) echo "$line" ;;
		esac
	done <"$T/py.out"
else
	skip "/usr/bin/python3 with numpy, pydicom and nibabel is absent"
fi

if [ -z "$san" ]; then
	ok 0 "no sanitizer report on stderr in any run"
else
	ok 1 "no sanitizer report on stderr in any run ($san )"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
