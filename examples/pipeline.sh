#!/bin/sh
# pipeline.sh: the whole journey of a study, from the clinic's DICOM to
# defaced, de-identified NIfTI, as one pipe of the four tools:
#
#   dcm-strip -k KEY -c OUT/crosswalk/ -o OUT/anon IN |
#       dcm-deface -k KEY --qc OUT/qc.png -o OUT/defaced |
#       dcm-merge-frames -k KEY -o OUT/merged |
#       dcm-convert -f nii.gz --json -o OUT/nifti > OUT/nifti.tsv
#
# then one crosswalk (dcm-crosswalk merge) and a search of everything
# written for the originals it holds (dcm-crosswalk audit).
#
#   usage: sh examples/pipeline.sh IN OUT KEY
#
# IN is a file, a directory (walked), an archive (zip, tar, tar.gz), or
# `-' for a list of paths (or a manifest) on the standard input.  OUT is
# the work directory; KEY the project key file, made with
# `dcm-crosswalk keygen' if it does not exist (keep it: every later batch
# needs the same one).  The tools are taken from the PATH.
#
# The stages, and the manifest between them (dcm-manifest(5): one record a
# line, `path TAB modality TAB patient TAB study_uid TAB series_uid TAB
# sop_uid TAB frames', after one `#' header; nothing else on stdout):
#
#  1. dcm-strip de-identifies the headers (PS3.15 Annex E) into OUT/anon/
#     and prints a record for each file once it is in place; the records
#     hold pseudonyms only.  The link from each original to its pseudonym
#     goes to OUT/crosswalk/, one file per process, and nowhere else.
#  2. dcm-deface reads those records, finds the face in each head series
#     and writes the series again, the face set to air, into OUT/defaced/
#     (with new keyed UIDs), and a picture to check each one, OUT/qc.png,
#     OUT/qc-2.png...  Whatever it cannot or need not deface it passes
#     through: its record goes on unchanged, still naming the file in
#     OUT/anon/.  A slab thinner than 60 mm or of fewer than 16 slices
#     ("too thin to show a face") gets a note on stderr, which is not an
#     error; a body part that is not the head and a file that is no image
#     (a structured report) pass without a word.  A head in which it
#     cannot find the face is an error: those files are not passed on, so
#     no face reaches the next stage.
#  3. dcm-merge-frames makes each stack of single-frame CT, MR or PET
#     images one Legacy Converted Enhanced file in OUT/merged/; anything
#     else (an SR, an image without geometry) passes through.
#  4. dcm-convert writes each stack as one NIfTI volume in OUT/nifti/, with
#     a JSON sidecar of acquisition parameters beside it (the sidecar has no
#     record of its own); a file that is not a slice of a volume passes
#     through, so OUT/nifti.tsv lists every file of the result: the
#     volumes, and the files (an SR) that came through as they were.
#
# Each stage starts on the first record of the one before, so the study
# streams through the four at once.  Each manifest is also kept, for
# checking and replaying a stage: OUT/anon.tsv, OUT/defaced.tsv,
# OUT/merged.tsv, and OUT/nifti.tsv.  What to share is the files that
# OUT/nifti.tsv names (or those of OUT/merged.tsv, for DICOM); never
# OUT/anon/ as a whole (its heads still have their faces), OUT/qc*.png
# (they show the face before), OUT/crosswalk* or the key.
#
# Exit status.  POSIX sh has no pipefail: the status of a pipe is that of
# its last command.  So each stage runs in a function that writes the
# stage's exit status to a file of its own, and the files are read once
# the pipe is done (so are those of the tee commands that keep the
# manifests).  Each tool exits 0 when every input went through, 1 when
# some failed (reported on stderr, prefixed with the tool's name; the
# others were written), 2 on a fatal error (bad key, an output that
# cannot be written).  pipeline.sh says which stage failed, and exits 2
# if one had a fatal error or was killed, else 1 if some input failed at
# any stage, if the crosswalk did not merge or if the audit found an
# original, else 0; 2 also for bad arguments.  A stage that failed with
# "Broken pipe" or was killed by SIGPIPE only lost its reader: look at
# the stage after it.  Everything is written atomically, so running the
# same command again finishes an interrupted run, with the same bytes.
set -eu

prog=pipeline
usage() {
	echo "usage: sh $0 IN OUT KEY" >&2
	echo "  IN: DICOM file, directory, archive, or - for a list of paths on stdin" >&2
	exit 2
}
die() { echo "$prog: $*" >&2; exit 2; }

case ${1:-} in -h | --help) usage ;; esac
[ $# -eq 3 ] || usage
in=$1 out=$2 key=$3
if [ -z "$in" ] || [ -z "$out" ] || [ -z "$key" ]; then usage; fi
[ "$in" = - ] || [ -e "$in" ] || die "$in: no such file or directory"
[ ! -e "$out" ] || [ -d "$out" ] || die "$out: not a directory"
for t in dcm-strip dcm-deface dcm-merge-frames dcm-convert dcm-crosswalk; do
	command -v "$t" >/dev/null 2>&1 ||
		die "$t not found on the PATH (make install, or PATH=\$PWD/bin:\$PATH)"
done

# The key is made once per project; every later run must use the same one.
if [ ! -e "$key" ]; then
	dcm-crosswalk keygen -o "$key" || die "$key: cannot make the key"
	echo "$prog: made a new project key: $key (keep it; later runs need it)" >&2
fi
[ -f "$key" ] || die "$key: not a key file"

mkdir -p "$out" || die "$out: cannot make the directory"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ] ||	# for its owner only
	die "$out/crosswalk: cannot make the directory"
st=$(mktemp -d "${TMPDIR:-/tmp}/$prog.XXXXXX") || exit 2
trap 'rm -rf "$st"' EXIT
trap 'exit 2' HUP INT TERM

# stage NAME CMD...: run CMD, one stage of the pipe, and write its exit
# status to the file $st/NAME.  (Not `CMD; echo $?': under set -e a group
# in a pipe stops at the first command that fails.)
stage() {
	name=$1
	shift
	r=0
	"$@" || r=$?
	echo "$r" > "$st/$name"
}
# keep FILE: a copy of the manifest going by, in OUT/FILE.
keep() { tee "$out/$1" || echo "$?" > "$st/tee $1"; }

# --- the pipe ------------------------------------------------------------------
stage dcm-strip dcm-strip -k "$key" -c "$out/crosswalk/" -o "$out/anon" "$in" |
	keep anon.tsv |
stage dcm-deface dcm-deface -k "$key" --qc "$out/qc.png" -o "$out/defaced" |
	keep defaced.tsv |
stage dcm-merge-frames dcm-merge-frames -k "$key" -o "$out/merged" |
	keep merged.tsv |
stage dcm-convert dcm-convert -f nii.gz --json -o "$out/nifti" > "$out/nifti.tsv"

rc=0
worse() { [ "$1" -le "$rc" ] || rc=$1; }	# worse N: rc = max(rc, N)
for s in dcm-strip dcm-deface dcm-merge-frames dcm-convert; do
	if [ ! -f "$st/$s" ]; then
		echo "$prog: $s: did not finish" >&2
		worse 2
		continue
	fi
	r=$(cat "$st/$s")
	case $r in
	0) ;;
	1) echo "$prog: $s failed on some inputs (exit status 1, messages above);" \
	       "the others went on" >&2
	   worse 1 ;;
	2) echo "$prog: $s: fatal error (exit status 2, message above)" >&2
	   worse 2 ;;
	141) echo "$prog: $s: killed by SIGPIPE (the stage after it stopped)" >&2
	   worse 2 ;;
	*) echo "$prog: $s: exit status $r" >&2
	   worse 2 ;;
	esac
done
for f in "$st"/tee*; do
	[ -f "$f" ] || continue
	echo "$prog: tee, the copy of the manifest in $out/${f##*/tee }, exited" \
	    "$(cat "$f"): that copy is not complete" >&2
	worse 2
done

# --- what each stage did ---------------------------------------------------------
# A record whose path is under the stage's own output directory is a file
# it wrote; any other was passed through.
count() {	# count MANIFEST DIR: "N written, M passed through"
	[ -f "$1" ] || { printf 'no manifest'; return; }
	awk -F'\t' -v d="$2/" '!/^#/ { if (index($1, d) == 1) w++; else p++ }
	    END { printf "%d written, %d passed through", w, p }' "$1"
}
echo "$prog: dcm-strip: $(count "$out/anon.tsv" "$out/anon")" >&2
echo "$prog: dcm-deface: $(count "$out/defaced.tsv" "$out/defaced")" >&2
echo "$prog: dcm-merge-frames: $(count "$out/merged.tsv" "$out/merged")" >&2
echo "$prog: dcm-convert: $(count "$out/nifti.tsv" "$out/nifti")" >&2

# --- one crosswalk, and the audit ----------------------------------------------
# The rows of every dcm-strip process that wrote to OUT/crosswalk/ (this run
# and earlier ones) in one sorted file, mode 0600, checked for conflicts.
if dcm-crosswalk merge -o "$out/crosswalk.tsv" "$out/crosswalk/"; then
	# Every original of the crosswalk looked for in everything written.
	set --
	for d in anon defaced merged nifti; do
		[ ! -d "$out/$d" ] || set -- "$@" "$out/$d"
	done
	a=0
	dcm-crosswalk audit -q "$out/crosswalk.tsv" "$@" > "$out/audit.tsv" || a=$?
	case $a in
	0) echo "$prog: audit: no original value found in $*" >&2 ;;
	1) echo "$prog: audit: originals found (or a file unreadable):" \
	       "$(grep -vc '^#' "$out/audit.tsv" || :) hit(s) in $out/audit.tsv" >&2
	   worse 1 ;;
	*) echo "$prog: audit: failed (exit status $a)" >&2
	   worse 2 ;;
	esac
else
	r=$?
	echo "$prog: dcm-crosswalk merge failed (exit status $r, above):" \
	    "$out/crosswalk.tsv not written, no audit" >&2
	if [ "$r" -ge 2 ]; then worse 2; else worse 1; fi
fi

if [ "$rc" -eq 0 ]; then
	echo "$prog: done: $out/nifti.tsv" >&2
fi
exit "$rc"
