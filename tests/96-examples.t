#!/bin/sh
# 96-examples.t: the examples of examples/ run as examples/README.md says,
# on its demo study: gen-dicom.py's sample (a CT and an MR too thin for
# dcm-deface, which passes them through with a note, and an SR) and two
# gen-head heads, a CT and an MR of 80 slices, without gen-head's label
# files; the tools under test first on the PATH.
#
# pipeline.sh (its key made by keygen), the Makefile (a first make of two
# studies, a second that does nothing, a touched study redone alone, a
# removed file and series whose outputs go at every stage, and back),
# batch-xargs.sh (as it stands, and with round one split over five
# processes), parallel-hosts.sh with -S : (when GNU parallel is installed)
# and the two rounds of slurm-array.sh's tasks run by hand, then its merge.
# For each: exit 0, no sanitizer report; every record of its manifests
# names a file that is there and every file written (but the JSON
# sidecars, one beside each NIfTI) has a record; no temp file left; both
# heads defaced, with a QC picture each, and in NIfTI, 80 slices each;
# dcm-crosswalk audit finds nothing (and finds an original put among the
# outputs); and, against pipeline.sh's, the same bytes in all four output
# trees, the same crosswalk (but the rows naming the inputs) and the same
# last manifest.  Failures: pipeline.sh's usage errors (exit 2), a head
# whose header puts the face at the back and a non-DICOM file (exit 1,
# naming dcm-deface and dcm-strip, no face passed on), an output that
# cannot be written (exit 2, naming dcm-convert); batch-xargs.sh's
# translated exit statuses (123 for the same head and file, the failed
# stage named with its study; 124 for a bad key); the Makefile's refusal
# of a lost key, and a study with that head, which fails, leaves no stamp
# and is tried again; a slurm task out of range.  Syntax: sh -n / bash -n
# of each script, and shellcheck when it is installed.  The ssh and Slurm
# parts cannot run here: parallel-hosts.sh's remote side is checked for
# syntax only, and slurm-array.sh --submit is run against a stand-in
# sbatch that logs its arguments, to check the three jobs and their
# dependencies.
#
# DCMSCRUB_TESTBIN names the directory of gen-head (default build/tests).
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
for t in dcm-strip dcm-deface dcm-merge-frames dcm-convert dcm-crosswalk; do
	[ -x "$BIN/$t" ] || bail "$BIN/$t: not built"
done
[ -x "$GEN" ] || bail "$GEN: not built"
have make || skip_all "make is not installed"

EX=$root/examples
PATH=$BIN:$PATH
export PATH
# A make above this one (make check) must not hand its jobserver down.
unset MAKEFLAGS MFLAGS MAKELEVEL
TAB=$(printf '\t')
d=$tmp/ex
KEY=$d/project.key

now() { date +%s; }
t_start=$(now)

# ---- helpers ------------------------------------------------------------------

# paths_of BASE MANIFEST...: the paths of their records, absolute (a
# relative one is under BASE), sorted, once each.
paths_of() {
	t_b=$1
	shift
	cat "$@" | grep -v '^#' | cut -f1 |
	    awk -v b="$t_b/" '{ if (substr($0, 1, 1) != "/") $0 = b $0; print }' |
	    LC_ALL=C sort -u
}

# written ROOT: the files under the four output trees of ROOT, but the
# JSON sidecars of NIfTI files that are there, sorted.
written() {
	{
		find "$1/anon" "$1/defaced" "$1/merged" "$1/nifti" -type f ! -name '*.json' \
		    2>/dev/null
		find "$1/nifti" -type f -name '*.json' 2>/dev/null | while IFS= read -r f; do
			[ -f "${f%.json}.nii.gz" ] || echo "$f"
		done
	} | LC_ALL=C sort
}

# sums ROOT: the sha256 of every file of the four trees, by relative path.
sums() {
	(cd "$1" && find anon defaced merged nifti -type f -print0 2>/dev/null |
	    LC_ALL=C sort -z | xargs -0 sha256sum)
}

# last ROOT: the records of ROOT/nifti.tsv, paths relative to ROOT, sorted.
last() {
	awk -v p="$1/" '!/^#/ { if (index($0, p) == 1) $0 = substr($0, length(p) + 1); print }' \
	    "$1/nifti.tsv" | LC_ALL=C sort
}

# The rows of ROOT/crosswalk.tsv but those naming the inputs (kind path).
pseudonyms() { grep -v "^path$TAB" "$1/crosswalk.tsv"; }

# niftis ROOT: "modality:slices" of each NIfTI record of ROOT/nifti.tsv,
# sorted, or "bad: path" when the file is not a gzipped NIfTI-1 whose
# third dimension is the record's frames.
niftis() {
	py - "$1" <<'EOF'
import gzip, os, struct, sys
root = sys.argv[1]
out = []
for line in open(os.path.join(root, "nifti.tsv")):
    if line.startswith("#"):
        continue
    f = line.rstrip("\n").split("\t")
    if not f[0].endswith(".nii.gz"):
        continue
    p = f[0] if f[0].startswith("/") else os.path.join(root, f[0])
    try:
        h = gzip.open(p).read(348)
        dim = struct.unpack("<8h", h[40:56])
        ok = struct.unpack("<i", h[:4])[0] == 348 and dim[0] == 3 and str(dim[3]) == f[6]
        sidecar = os.path.exists(p[:-len(".nii.gz")] + ".json")
    except Exception:
        ok = sidecar = False
    out.append("%s:%s" % (f[1], f[6]) if ok and sidecar else "bad: " + p)
print("\n".join(sorted(out)))
EOF
}

# pngs ROOT: the number of PNG files under ROOT (the QC pictures).
pngs() {
	find "$1" -name '*.png' | {
		t_p=0
		while IFS= read -r f; do
			[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" != '211PNG' ] || t_p=$((t_p + 1))
		done
		echo "$t_p"
	}
}

# exits STATUS ERE DESC: the last run exited STATUS and said ERE on stderr.
exits() {
	if [ "$rc" -eq "$1" ] && printf '%s\n' "$err" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "exit $rc, want $1; no /$2/ in: $(printf '%s\n' "$err" | head -n 3)"
	fi
}

# journey NAME ROOT MANIFEST...: what every example must have done, into
# ROOT/{anon,defaced,merged,nifti}, with the manifests named.
journey() {
	j_name=$1 j_root=$2
	shift 2
	got=$(paths_of "$j_root" "$@")
	want=$(written "$j_root")
	if [ -n "$want" ] && [ "x$got" = "x$want" ]; then
		pass "$j_name: every record names a file there, every file written has a record ($(
		    echo "$want" | wc -l) files)"
	else
		fail "$j_name: every record names a file there, every file written has a record"
		printf '%s\n' "$got" >"$tmp/got"
		diag "records of no file written:"
		printf '%s\n' "$want" | LC_ALL=C comm -13 - "$tmp/got" | head -n 5 | sed 's/^/#   /'
		diag "files without a record:"
		printf '%s\n' "$want" | LC_ALL=C comm -23 - "$tmp/got" | head -n 5 | sed 's/^/#   /'
	fi
	is "$(leftovers "$j_root")" "" "$j_name: no temp file left"
	got=$(niftis "$j_root")
	nd=$(find "$j_root/defaced" -type f -name '*.dcm' 2>/dev/null | wc -l | tr -d ' ')
	np=$(pngs "$j_root")
	if [ "$nd" -eq "$nhead" ] && [ "$np" -eq 2 ] &&
	    [ "$(printf '%s\n' "$got" | grep -c -E '^(CT|MR):80$')" -eq 2 ] &&
	    ! printf '%s\n' "$got" | grep -q '^bad'; then
		pass "$j_name: both heads defaced ($nd files, $np QC pictures), in NIfTI with a sidecar: $(
		    echo $got)"
	else
		fail "$j_name: both heads defaced, with a QC picture each, and in NIfTI" \
		    "defaced files: $nd, QC pictures: $np, NIfTI: $(echo $got)"
	fi
	run "audit-$j_name" dcm-crosswalk audit "$j_root/crosswalk.tsv" \
	    "$j_root/anon" "$j_root/defaced" "$j_root/merged" "$j_root/nifti"
	is "$rc:$(grep -vc '^#' "$tmp/audit-$j_name.out")" "0:0" \
	    "$j_name: dcm-crosswalk audit finds no original in the four trees"
	[ "$j_root" != "$d/pipeline" ] || return 0
	if [ "x$(sums "$j_root")" = "x$ref_sums" ]; then
		pass "$j_name: the same bytes as pipeline.sh in anon/, defaced/, merged/ and nifti/"
	else
		fail "$j_name: the same bytes as pipeline.sh in anon/, defaced/, merged/ and nifti/"
		sums "$j_root" | diff - "$tmp/ref.sums" | head -n 6 | sed 's/^/#   /'
	fi
	is "$(pseudonyms "$j_root")" "$ref_pseudonyms" \
	    "$j_name: the same crosswalk as pipeline.sh (but the rows naming the inputs)"
	is "$(last "$j_root")" "$ref_last" "$j_name: the same last manifest, nifti.tsv, as pipeline.sh"
}

# ---- the demo study, as examples/README.md makes it ----------------------------------
mkdir -p "$d"
if ! py "$root/tests/gen-dicom.py" sample "$d/in" >/dev/null 2>"$tmp/gen.err" ||
    ! "$GEN" --modality ct --spacing 3 --fov 240 --series 1 -o "$d/in/HEAD-CT" \
	>/dev/null 2>>"$tmp/gen.err" ||
    ! "$GEN" --modality mr --spacing 3 --fov 240 --series 2 -o "$d/in/HEAD-MR" \
	>/dev/null 2>>"$tmp/gen.err"; then
	bail "the demo study could not be made: $(head -n 3 "$tmp/gen.err")"
fi
t_note_san "$tmp/gen.err"
rm -f "$d"/in/HEAD-*/labels.*
nin=$(find "$d/in" -type f | wc -l | tr -d ' ')
nhead=$(find "$d/in/HEAD-CT" "$d/in/HEAD-MR" -type f -name '*.dcm' | wc -l | tr -d ' ')
is "$nhead:$(find "$d/in" -name 'labels.*' | wc -l | tr -d ' ')" "160:0" \
    "the demo study: two heads of 80 slices, no label file ($nin files in all)"

# ---- syntax --------------------------------------------------------------------------
for s in pipeline.sh batch-xargs.sh; do
	sh -n "$EX/$s" 2>"$tmp/syntax.err"
	ok $? "sh -n $s"
done
for s in parallel-hosts.sh slurm-array.sh; do
	bash -n "$EX/$s" 2>"$tmp/syntax.err"
	ok $? "bash -n $s (the ssh and Slurm parts, which cannot run here, included)"
done
if have shellcheck; then
	shellcheck -s sh "$EX/pipeline.sh" "$EX/batch-xargs.sh" >"$tmp/sc.out" 2>&1 &&
	    shellcheck -s bash "$EX/parallel-hosts.sh" "$EX/slurm-array.sh" >>"$tmp/sc.out" 2>&1
	r=$?
	ok $r "shellcheck of pipeline.sh, batch-xargs.sh, parallel-hosts.sh, slurm-array.sh"
	[ "$r" -eq 0 ] || head -n 20 "$tmp/sc.out" | sed 's/^/#   /'
else
	skip "shellcheck is not installed"
fi

# ---- pipeline.sh ----------------------------------------------------------------------
P=$EX/pipeline.sh
run p-usage sh "$P"
exits 2 'usage: sh .*pipeline.sh IN OUT KEY' "pipeline.sh with no argument: usage, exit 2"
run p-usage2 sh "$P" "$d/in" "$d/p-bad"
is "$rc" 2 "pipeline.sh with two arguments: exit 2"
run p-noin sh "$P" "$d/nothing-here" "$d/p-bad" "$KEY"
exits 2 'pipeline: .*nothing-here: no such file' "pipeline.sh with an IN that is not there: exit 2"
: >"$d/p-file"
run p-outfile sh "$P" "$d/in" "$d/p-file" "$KEY"
exits 2 'pipeline: .*p-file: not a directory' "pipeline.sh with an OUT that is a file: exit 2"
is "$(ls "$d" | grep -c -v -e '^in$' -e '^p-file$')" 0 "... and none of them wrote anything, nor made a key"

t0=$(now)
run pipeline sh "$P" "$d/in" "$d/pipeline" "$KEY"
diag "pipeline.sh: $(($(now) - t0)) s"
is "$rc" 0 "pipeline.sh: exit 0"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$tmp/pipeline.err" | tail -n 20
is "$(stat -c %a:%s "$KEY" 2>&1)" "600:32" "pipeline.sh: the key made by keygen, 32 bytes, mode 0600"
like "$err" "made a new project key: $KEY" "pipeline.sh: ... and said so"
like "$err" 'dcm-deface: .*too thin to show a face.*left as it is' \
    "pipeline.sh: dcm-deface's notes of the thin slabs passed through"
like "$err" "pipeline: dcm-deface: $nhead written, $((nin - nhead)) passed through" \
    "pipeline.sh: says what dcm-deface wrote and passed through"
unlike "$err" 'pipeline: .*(failed|fatal|did not finish|killed|exit status|tee)' \
    "pipeline.sh: no stage reported failed"
is "$(grep -vc '^#' "$d/pipeline/audit.tsv" 2>&1):$(stat -c %a "$d/pipeline/crosswalk.tsv" 2>&1)" \
    "0:600" "pipeline.sh: its own audit.tsv has no hit; crosswalk.tsv, mode 0600"
is "$(grep -c '^#path' "$d/pipeline/nifti.tsv" 2>&1)" 1 "pipeline.sh: nifti.tsv holds one header"
ref_sums=$(sums "$d/pipeline")
printf '%s\n' "$ref_sums" >"$tmp/ref.sums"
ref_pseudonyms=$(pseudonyms "$d/pipeline")
ref_last=$(last "$d/pipeline")
journey pipeline.sh "$d/pipeline" "$d/pipeline"/anon.tsv "$d/pipeline"/defaced.tsv \
    "$d/pipeline"/merged.tsv "$d/pipeline"/nifti.tsv
like "$(grep -v '^#' "$d/pipeline/nifti.tsv" | cut -f2)" 'SR' \
    "pipeline.sh: the SR went through every stage to nifti.tsv"
# The audit above can fail: the original SR, among the outputs, is found.
mkdir -p "$tmp/leak"
cp -R "$d/pipeline/nifti" "$d/in/SR" "$tmp/leak/"
run leak dcm-crosswalk audit "$d/pipeline/crosswalk.tsv" "$tmp/leak"
if [ "$rc" -eq 1 ] && grep -q "/SR/.*${TAB}patient_id\$" "$tmp/leak.out"; then
	pass "dcm-crosswalk audit finds an original file put among the NIfTI (exit 1)"
else
	fail "dcm-crosswalk audit finds an original file put among the NIfTI (exit 1)" "exit $rc"
fi

# A head whose header puts the face at the back (dcm-deface refuses it) and a
# file that is not DICOM (dcm-strip refuses it).
mkdir -p "$d/flip"
"$GEN" --modality ct --spacing 3 --fov 240 --series 3 -o "$d/flip/in" >/dev/null 2>&1
rm -f "$d"/flip/in/labels.*
py - "$d/flip/in" <<'EOF'
import glob, sys, pydicom
for f in glob.glob(sys.argv[1] + "/*.dcm"):
    ds = pydicom.dcmread(f)
    o = [float(x) for x in ds.ImageOrientationPatient]
    ds.ImageOrientationPatient = o[:3] + [-x for x in o[3:]]
    ds.save_as(f)
EOF
echo 'not DICOM' >"$d/flip/in/README.dcm"
run p-flip sh "$P" "$d/flip/in" "$d/flip/out" "$KEY"
is "$rc" 1 "pipeline.sh, a refused head and a non-DICOM file: exit 1"
like "$err" 'pipeline: dcm-strip failed on some inputs' "... dcm-strip named"
like "$err" 'pipeline: dcm-deface failed on some inputs' "... dcm-deface named"
unlike "$err" 'pipeline: dcm-(merge-frames|convert)[: ].*(failed|fatal)' \
    "... and not the stages after it"
is "$(find "$d/flip/out/defaced" "$d/flip/out/merged" "$d/flip/out/nifti" -type f 2>/dev/null |
    wc -l | tr -d ' '):$(grep -vc '^#' "$d/flip/out/nifti.tsv")" "0:0" \
    "... nothing of the refused head passed on (no file, no record after dcm-deface)"

# The last stage's output cannot be written.
mkdir -p "$d/p-fatal"
: >"$d/p-fatal/nifti"
run p-fatal sh "$P" "$d/in/CT" "$d/p-fatal" "$KEY"
is "$rc" 2 "pipeline.sh, an OUT/nifti that is a file: exit 2"
like "$err" 'pipeline: dcm-convert: fatal error' "... dcm-convert named"

# ---- the Makefile ----------------------------------------------------------------------
mk=$d/mk
mkdir -p "$mk/studies/sample" "$mk/studies/head"
cp -R "$d/in/CT" "$d/in/MR" "$d/in/SR" "$mk/studies/sample/"
cp -R "$d/in/HEAD-CT" "$d/in/HEAD-MR" "$mk/studies/head/"
stamps() { stat -c '%n %y' "$mk"/.stamps/*/nifti.tsv "$mk/crosswalk.tsv" "$mk/nifti.tsv" 2>&1; }

t0=$(now)
run make1 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2
diag "make -j2 of two studies: $(($(now) - t0)) s"
is "$rc" 0 "make: exit 0"
[ "$rc" -eq 0 ] || tail -n 20 "$tmp/make1.err" | sed 's/^/#   /'
journey Makefile "$mk" "$mk"/.stamps/*/*.tsv "$mk/nifti.tsv"
is "$(grep -v '^#' "$mk/nifti.tsv" | LC_ALL=C sort)" \
    "$(cat "$mk"/.stamps/*/nifti.tsv | grep -v '^#' | LC_ALL=C sort)" \
    "make: nifti.tsv, the dataset's manifest, holds the records of the studies' last stage"
run make-audit make -C "$mk" -f "$EX/Makefile" KEY="$KEY" audit
is "$rc" 0 "make audit: exit 0"

before=$(stamps)
run make2 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2
is "$rc" 0 "make again: exit 0"
unlike "$out" 'dcm-(strip|deface|merge-frames|convert|crosswalk) ' "make again: no tool run"
is "$(stamps)" "$before" "make again: no stamp, crosswalk.tsv or nifti.tsv remade"

head_stamp=$(stat -c %y "$mk/.stamps/head/nifti.tsv")
sample_stamp=$(stat -c %y "$mk/.stamps/sample/nifti.tsv")
touch "$mk/studies/sample/CT/CT0001.dcm"
run make3 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2
is "$rc" 0 "make after a file of the sample study was touched: exit 0"
like "$out" 'dcm-strip .*studies/sample' "... the sample study done again"
unlike "$out" 'studies/head' "... the head study not"
if [ "$(stat -c %y "$mk/.stamps/head/nifti.tsv")" = "$head_stamp" ] &&
    [ "$(stat -c %y "$mk/.stamps/sample/nifti.tsv")" != "$sample_stamp" ]; then
	pass "... only the sample's stamp new"
else
	fail "... only the sample's stamp new"
fi
is "$(sums "$mk")" "$ref_sums" "... the same bytes as before"
like "$out" 'dcm-crosswalk merge' "... and the crosswalk merged again"

# A file and a series removed: their outputs go, at every stage (the MR's
# in anon/, merged/ and nifti/, with its JSON sidecar).
gone=$(awk -F'\t' -v p="studies/sample/CT/CT0001.dcm" '$1 == "path" && $2 == p { print $3 }' \
    "$mk/crosswalk.tsv")
mr=$(grep -v '^#' "$mk/.stamps/sample/nifti.tsv" | awk -F'\t' '$2 == "MR" { print $1 }')
nmr=$(find "$d/in/MR" -type f | wc -l | tr -d ' ')
mkdir -p "$d/removed"
mv "$mk/studies/sample/CT/CT0001.dcm" "$mk/studies/sample/MR" "$d/removed/"
run make4 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2
is "$rc" 0 "make after a file and a series of the sample study were removed: exit 0"
if [ -n "$gone" ] && [ ! -f "$mk/anon/$gone" ] && [ -n "$mr" ] && [ ! -f "$mk/$mr" ] &&
    [ ! -f "$mk/${mr%.nii.gz}.json" ] &&
    [ "x$(paths_of "$mk" "$mk"/.stamps/*/*.tsv)" = "x$(written "$mk")" ]; then
	pass "... their outputs are gone, and the manifests still match the files on disk"
else
	fail "... their outputs are gone, and the manifests still match the files on disk" \
	    "output of the file: '$gone', NIfTI of the MR: '$mr'"
fi
is "$(find "$mk/anon" -type f | wc -l | tr -d ' ')" "$((nin - 1 - nmr))" \
    "... $((1 + nmr)) files fewer in anon/"
mv "$d/removed/CT0001.dcm" "$mk/studies/sample/CT/CT0001.dcm"
mv "$d/removed/MR" "$mk/studies/sample/MR"
touch "$mk/studies/sample/CT/CT0001.dcm"
run make5 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2
is "$rc:$(sums "$mk" | wc -l | tr -d ' ')" "0:$(echo "$ref_sums" | wc -l | tr -d ' ')" \
    "make after they came back: exit 0, as many files as before"
is "$(sums "$mk")" "$ref_sums" "... the same bytes as pipeline.sh again"

run make-nokey make -C "$mk" -f "$EX/Makefile" KEY="$d/lost.key"
if [ "$rc" -ne 0 ] && [ ! -e "$d/lost.key" ] && printf '%s\n' "$err" | grep -q 'restore it'; then
	pass "make with the key lost: refused (exit $rc), no new key"
else
	fail "make with the key lost: refused (exit $rc), no new key"
fi

# A study with a head dcm-deface refuses: it fails, and is tried again by the
# next make.  (Last: its outputs of dcm-strip stay, as the Makefile says.)
mkdir -p "$mk/studies/flip"
find "$d/flip/in" -name 'IM*.dcm' -exec cp {} "$mk/studies/flip/" \;
run make-flip make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2 -k
if [ "$rc" -ne 0 ] && printf '%s\n' "$err" | grep -q 'dcm-deface: .*refused' &&
    [ ! -e "$mk/.stamps/flip/nifti.tsv" ] && [ -z "$(ls "$mk/.stamps/flip" | grep -v -x deps.d)" ]; then
	pass "make, a study with a refused head: make fails (exit $rc), no stamp and no part left for it"
else
	fail "make, a study with a refused head: make fails, no stamp and no part left for it" \
	    "exit $rc; in .stamps/flip: $(ls "$mk/.stamps/flip" | tr '\n' ' ')"
fi
run make-flip2 make -C "$mk" -f "$EX/Makefile" KEY="$KEY" -j2 -k
if [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -q 'dcm-deface .*qc/flip/'; then
	pass "... and the next make tries it again (and fails again)"
else
	fail "... and the next make tries it again (and fails again)" "exit $rc"
fi

# ---- batch-xargs.sh ----------------------------------------------------------------------
t0=$(now)
run xargs sh "$EX/batch-xargs.sh" "$d/in" "$d/xargs" "$KEY"
diag "batch-xargs.sh: $(($(now) - t0)) s"
is "$rc" 0 "batch-xargs.sh: exit 0"
[ "$rc" -eq 0 ] || tail -n 20 "$tmp/xargs.err" | sed 's/^/#   /'
journey batch-xargs.sh "$d/xargs" "$d/xargs"/anon.tsv "$d/xargs"/defaced.tsv \
    "$d/xargs"/merged.tsv "$d/xargs"/nifti.tsv
is "$(ls "$d/xargs/studies" | wc -l | tr -d ' ')" 2 "batch-xargs.sh: two studies in round two"

t0=$(now)
run xargs40 env NFILES=40 sh "$EX/batch-xargs.sh" "$d/in" "$d/xargs40" "$KEY"
diag "batch-xargs.sh, NFILES=40: $(($(now) - t0)) s"
is "$rc:$(ls "$d/xargs40/manifests" | grep -c '^strip\.')" "0:5" \
    "batch-xargs.sh, NFILES=40: exit 0, round one in five processes"
journey "batch-xargs.sh NFILES=40" "$d/xargs40" "$d/xargs40"/anon.tsv \
    "$d/xargs40"/defaced.tsv "$d/xargs40"/merged.tsv "$d/xargs40"/nifti.tsv

# The SR, the head dcm-deface refuses and a non-DICOM file.
mkdir -p "$d/xbad"
cp -R "$d/in/SR" "$d/flip/in" "$d/xbad/"
run xargs-bad sh "$EX/batch-xargs.sh" "$d/xbad" "$d/xargs-bad" "$KEY"
is "$rc" 123 "batch-xargs.sh, a refused head and a non-DICOM file: exit 123"
like "$err" 'dcm-strip: some inputs failed' "... dcm-strip's failure said"
like "$err" 'batch-xargs: study 2\.25\.[0-9]+: dcm-deface exited 1' "... dcm-deface's named, with its study"
is "$(grep -v '^#' "$d/xargs-bad/nifti.tsv" | cut -f2)" SR \
    "... the SR went the whole way all the same, and nothing of the head"
printf 'not a key\n' >"$d/bad.key"
chmod 600 "$d/bad.key"
run xargs-badkey sh "$EX/batch-xargs.sh" "$d/xbad" "$d/xargs-badkey" "$d/bad.key"
is "$rc" 124 "batch-xargs.sh, a bad key: exit 124 (dcm-strip's 2, the batch stopped)"
like "$err" 'fatal error' "... said so"

# ---- parallel-hosts.sh -----------------------------------------------------------------
if have parallel; then
	t0=$(now)
	run parallel bash "$EX/parallel-hosts.sh" -S : -n 40 "$d/in" "$d/parallel" "$KEY"
	diag "parallel-hosts.sh -S : -n 40: $(($(now) - t0)) s"
	is "$rc" 0 "parallel-hosts.sh -S :: exit 0"
	[ "$rc" -eq 0 ] || tail -n 20 "$tmp/parallel.err" | sed 's/^/#   /'
	journey parallel-hosts.sh "$d/parallel" "$d/parallel"/anon.tsv \
	    "$d/parallel"/defaced.tsv "$d/parallel"/merged.tsv "$d/parallel"/nifti.tsv
	is "$(awk -F'\t' 'NR > 1 { print $7 }' "$d/parallel/joblog" | sort | uniq -c | tr -s ' '):$(
	    awk -F'\t' 'NR > 1 { print $7 }' "$d/parallel/joblog.studies" | tr '\n' ' ')" \
	    " 5 0:0 0 " "parallel-hosts.sh: the job logs, five dcm-strip jobs and two studies, all exit 0"
	run parallel-badkey bash "$EX/parallel-hosts.sh" -S : "$d/xbad" "$d/parallel-badkey" "$d/bad.key"
	exits 2 'dcm-strip had a fatal error: not going on' \
	    "parallel-hosts.sh, a bad key: exit 2, round two not started"
else
	for s in "exit 0" records "temp files" heads audit bytes crosswalk manifest joblogs "bad key"; do
		skip "GNU parallel is not installed (parallel-hosts.sh: $s)"
	done
fi

# ---- slurm-array.sh ----------------------------------------------------------------------
# sbatch is not here: the per-task body runs as the README says, by setting
# the variables Slurm would set (task i of SLURM_ARRAY_TASK_COUNT), each
# round after the whole of the one before, then the merge job's command.
S=$EX/slurm-array.sh
S_abs=$(cd "$EX" && pwd -P)/slurm-array.sh
d_abs=$(cd "$d" && pwd -P)
find "$d/in" -type f >"$d/list"
t0=$(now)
bad=
for round in 1 2; do
	for i in 0 1 2 3; do
		if [ "$round" -eq 1 ]; then
			set -- "$d/list" "$d/slurm" "$KEY"
		else
			set -- --studies "$d/slurm" "$KEY"
		fi
		run "slurm$round.$i" env SLURM_ARRAY_TASK_ID="$i" SLURM_ARRAY_TASK_COUNT=4 \
		    SLURM_CPUS_PER_TASK=2 bash "$S" "$@"
		[ "$rc" -eq 0 ] || bad="$bad round $round task $i: $rc;"
	done
done
run slurm-merge bash "$S" --merge "$d/slurm"
[ "$rc" -eq 0 ] || bad="$bad merge: $rc"
diag "slurm-array.sh, 2 x 4 tasks and the merge: $(($(now) - t0)) s"
is "$bad" "" "slurm-array.sh: the four tasks of each round and the merge, exit 0"
journey slurm-array.sh "$d/slurm" "$d/slurm"/anon.tsv "$d/slurm"/defaced.tsv \
    "$d/slurm"/merged.tsv "$d/slurm"/nifti.tsv
is "$(cat "$d"/slurm/manifests/strip.*.tsv | grep -vc '^#')" "$nin" \
    "slurm-array.sh: round one's four parts hold every file once"
run slurm-range env SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_COUNT=4 bash "$S" "$d/list" "$d/slurm" "$KEY"
exits 2 'slurm-array: task 4 is not one of 0 to 3' "slurm-array.sh, task 4 of 4: exit 2"

# --submit, against a stand-in sbatch that logs its arguments and answers
# job ids 101, 102, 103.
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/sbatch" <<'EOF'
#!/bin/sh
n=$(($(cat "$SBATCH_LOG.n" 2>/dev/null || echo 100) + 1))
echo "$n" >"$SBATCH_LOG.n"
printf '%s\n' "$*" >>"$SBATCH_LOG"
echo "$n"
EOF
chmod +x "$tmp/fakebin/sbatch"
run submit env PATH="$tmp/fakebin:$PATH" SBATCH_LOG="$tmp/sbatch.log" \
    bash "$S" --submit "$d/list" "$d/slurm-submit" "$KEY"
is "$rc:$(wc -l <"$tmp/sbatch.log" 2>/dev/null | tr -d ' ')" "0:3" "slurm-array.sh --submit: exit 0, three sbatch"
is "$(sed -n 1p "$tmp/sbatch.log")" "--parsable $S_abs $d_abs/list $d_abs/slurm-submit $d_abs/project.key" \
    "... round one: the array, absolute paths"
like "$(sed -n 2p "$tmp/sbatch.log")" \
    "^--parsable --dependency=afterok:101 .*$S_abs --studies $d_abs/slurm-submit $d_abs/project.key\$" \
    "... round two after it"
like "$(sed -n 3p "$tmp/sbatch.log")" \
    "^--parsable --dependency=afterok:102 .*--wrap bash $S_abs --merge $d_abs/slurm-submit\$" \
    "... the merge after round two"

diag "all: $(($(now) - t_start)) s"
done_testing
