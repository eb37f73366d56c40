# lib.sh: shared helpers of the shell tests (sourced, POSIX sh).
#
#	. "$(dirname "$0")/lib.sh"
#
# Sets root (the repository), BIN (${DCMSCRUB_BIN:-$root/bin}), STRIP
# (the dcm-strip under test), tmp (a scratch directory removed on exit),
# and offers TAP helpers that count as they go; done_testing prints the plan
# last and gives the exit status.  Every dcm-strip run should go through
# `run`, which keeps stdout, stderr and the exit status and notes any
# sanitizer report (checked by done_testing as one more assertion).

root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
BIN=${DCMSCRUB_BIN:-$root/bin}
case $BIN in /*) ;; *) BIN=$root/$BIN ;; esac
STRIP=$BIN/dcm-strip
PY=/usr/bin/python3
t_name=$(basename "$0" .t)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-$t_name.XXXXXX") || exit 1
# the whole scratch tree goes, even files made read-only by a test
trap '[ -n "$KEEP_TMP" ] && echo "# kept $tmp" || { chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"; }' EXIT
trap 'exit 1' HUP INT TERM

# Sanitizer reports are on stderr; make them fatal and findable.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

t_n=0
t_failed=0
t_san=""

# ok COND-STATUS DESC: assert that the last command succeeded (pass $?).
ok() {
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
	fi
}

pass() { ok 0 "$1"; }
fail() { ok 1 "$1"; [ $# -gt 1 ] && diag "$2"; return 0; }

# is GOT WANT DESC
is() {
	if [ "x$1" = "x$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
	fi
}

# isnt GOT UNWANTED DESC
isnt() {
	if [ "x$1" != "x$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got the unwanted '$1'"
	fi
}

# like TEXT GREP-ERE DESC
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "no match for /$2/ in:"
		printf '%s\n' "$1" | head -n 20 | sed 's/^/#   /'
	fi
}

# unlike TEXT GREP-ERE DESC
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		diag "unwanted match for /$2/ in:"
		printf '%s\n' "$1" | grep -E -- "$2" | head -n 10 | sed 's/^/#   /'
	else
		ok 0 "$3"
	fi
}

skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n # SKIP $1"
}

diag() { printf '# %s\n' "$*"; }

# run NAME CMD...: run CMD with stdout in $tmp/NAME.out and stderr in
# $tmp/NAME.err; sets rc, out (stdout, NUL bytes as is in the file) and err.
run() {
	t_run=$1
	shift
	"$@" >"$tmp/$t_run.out" 2>"$tmp/$t_run.err" </dev/null
	rc=$?
	t_note_san "$tmp/$t_run.err"
	out=$(cat "$tmp/$t_run.out")
	err=$(cat "$tmp/$t_run.err")
}

# run_in NAME INFILE CMD...: the same, with stdin from INFILE.
run_in() {
	t_run=$1
	t_in=$2
	shift 2
	"$@" >"$tmp/$t_run.out" 2>"$tmp/$t_run.err" <"$t_in"
	rc=$?
	t_note_san "$tmp/$t_run.err"
	out=$(cat "$tmp/$t_run.out")
	err=$(cat "$tmp/$t_run.err")
}

t_note_san() {
	if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$1" 2>/dev/null; then
		t_san="$t_san $1"
		diag "sanitizer report in $1:"
		grep -E -A3 'Sanitizer|runtime error:' "$1" | head -n 20 | sed 's/^/#   /'
	fi
}

done_testing() {
	if [ -z "$t_san" ]; then
		ok 0 "no sanitizer report on stderr in any run"
	else
		ok 1 "no sanitizer report on stderr in any run ($t_san )"
	fi
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
	exit $?
}

# bail REASON: the whole file cannot run (a missing build is a failure).
bail() {
	echo "Bail out! $*"
	exit 1
}

# skip_all REASON: optional tools or data are absent.
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

py() { "$PY" "$@"; }

have() { command -v "$1" >/dev/null 2>&1; }

# The number of records (non-comment lines) of a manifest file.
nrecords() { grep -vc '^#' "$1"; }

# Files under a tree, relative, sorted, with their sha256: a fingerprint.
tree_sums() {
	(cd "$1" && find . -type f ! -name '.dcmscrub.*' -print | LC_ALL=C sort |
	    while IFS= read -r f; do sha256sum "$f"; done)
}

# Temp files left in a tree.
leftovers() { find "$1" -name '.dcmscrub.*' -print 2>/dev/null; }

# Project keys, mode 0600.
mkkey() {
	printf '%s\n' "$2" >"$1"
	chmod 600 "$1"
}
KEY1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
KEY2=fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210

# dget FILE KEYWORD...: the values, one line each ("<absent>" if absent),
# read with pydicom; nested paths as Keyword[0].Keyword.
dget() {
	py - "$@" <<'EOF'
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1], force=True)
for kw in sys.argv[2:]:
    cur = ds
    try:
        for part in kw.split("."):
            idx = None
            if part.endswith("]"):
                part, idx = part[:-1].split("[")
            if part not in cur:
                raise KeyError(part)
            cur = cur[part].value
            if idx is not None:
                cur = cur[int(idx)]
        v = cur
        if isinstance(v, (list, pydicom.multival.MultiValue)):
            v = "\\".join(str(x) for x in v)
        print("" if v is None else str(v))
    except (KeyError, IndexError):
        print("<absent>")
EOF
}

# The generator of the fixtures: gen_dcm SPEC-FILE, one file a line:
#   path key=value key=value ...
# keys: any keyword (string values), plus px=N (a seed for 8x8 pixels),
# class=ct|mr|sc|us, and key=- (leave the attribute out).  Defaults make a
# plausible CT slice; UIDs come from the caller.
gen_dcm() {
	py - "$1" <<'EOF'
import os, sys, shlex, struct
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

CLASSES = {"ct": ("1.2.840.10008.5.1.4.1.1.2", "CT"),
           "mr": ("1.2.840.10008.5.1.4.1.1.4", "MR"),
           "sc": ("1.2.840.10008.5.1.4.1.1.7", "OT"),
           "us": ("1.2.840.10008.5.1.4.1.1.6.1", "US")}
DEFAULTS = [("PatientName", "TEST^PATIENT"), ("PatientID", "TESTID"),
            ("PatientBirthDate", "19600315"), ("PatientSex", "F"),
            ("StudyDate", "20200110"), ("StudyTime", "101500"),
            ("SeriesDate", "20200110"), ("ContentDate", "20200111"),
            ("AccessionNumber", "ACC001"), ("StudyID", "S1"),
            ("InstitutionName", "NOWHERE HOSPITAL"),
            ("ReferringPhysicianName", "DOC^TOR"),
            ("StudyDescription", "FAKE STUDY"), ("SeriesNumber", "1"),
            ("InstanceNumber", "1")]

for line in open(sys.argv[1]):
    w = shlex.split(line)
    if not w:
        continue
    path, kv = w[0], dict(a.split("=", 1) for a in w[1:])
    cls, mod = CLASSES[kv.pop("class", "ct")]
    seed = int(kv.pop("px", "1"))
    ds = Dataset()
    ds.SOPClassUID = cls
    ds.Modality = mod
    for k, v in DEFAULTS:
        setattr(ds, k, v)
    for k, v in kv.items():
        if v == "-":
            if k in ds:
                delattr(ds, k)
        else:
            setattr(ds, k, v)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = 8
    ds.Columns = 8
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = struct.pack("<64H", *[(seed * 37 + i * 11) % 4096 for i in range(64)])
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.9999.1"
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.preamble = b"\0" * 128
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    pydicom.dcmwrite(path, ds, write_like_original=False)
EOF
}

# A small study tree: gen_tree DIR NPATIENTS NSERIES NFILES-PER-SERIES
gen_tree() {
	t_spec=$tmp/spec.$$.txt
	: >"$t_spec"
	t_p=1
	while [ "$t_p" -le "$2" ]; do
		t_s=1
		while [ "$t_s" -le "$3" ]; do
			t_i=1
			while [ "$t_i" -le "$4" ]; do
				u=1.2.826.0.1.3680043.9999.30.$t_p
				echo "$1/p$t_p/s$t_s/i$t_i.dcm PatientID=PID$t_p" \
				    "PatientName=DOE^PAT$t_p AccessionNumber=ACC$t_p StudyInstanceUID=$u" \
				    "SeriesInstanceUID=$u.$t_s SOPInstanceUID=$u.$t_s.$t_i" \
				    "FrameOfReferenceUID=$u.9 SeriesNumber=$t_s InstanceNumber=$t_i" \
				    "px=$((t_p * 100 + t_s * 10 + t_i))" >>"$t_spec"
				t_i=$((t_i + 1))
			done
			t_s=$((t_s + 1))
		done
		t_p=$((t_p + 1))
	done
	gen_dcm "$t_spec"
}


unset DCMSCRUB_KEY

# dtab KW1,KW2,... FILE...: one line a file, "file TAB v1 TAB v2 ...".
dtab() {
	py - "$@" <<'EOF2'
import sys, pydicom
kws = sys.argv[1].split(",")
for f in sys.argv[2:]:
    try:
        ds = pydicom.dcmread(f, force=True)
        vals = []
        for kw in kws:
            if kw not in ds:
                vals.append("<absent>")
                continue
            v = ds[kw].value
            if isinstance(v, (list, pydicom.multival.MultiValue)):
                v = "\\".join(str(x) for x in v)
            vals.append("" if v is None else str(v))
    except Exception as e:
        vals = ["<unreadable: %s>" % e] * len(kws)
    print("\t".join([f] + vals))
EOF2
}

[ -x "$STRIP" ] || bail "$STRIP not built (run make)"
[ -x "$PY" ] && "$PY" -c 'import pydicom' 2>/dev/null || skip_all "/usr/bin/python3 with pydicom is absent"
