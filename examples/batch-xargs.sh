#!/bin/sh
# batch-xargs.sh: take a large export the whole way, de-identified, defaced,
# merged and converted to NIfTI, four processes side by side through
# find | xargs -0 -P4, with one crosswalk directory.
#
#   usage: sh examples/batch-xargs.sh EXPORT_DIR OUT_DIR [KEYFILE]
#
# Copy it and adapt it: the numbers (-P, -n) and the paths are the parts a
# site changes; NFILES (200) and JOBS (4) set them without an edit.  It
# goes in two rounds of xargs:
#
#  1. dcm-strip on the files of the export, 200 at a time: any split will
#     do, since each file is de-identified on its own.  Each process
#     writes its manifest part; they are joined into OUT_DIR/anon.tsv.
#  2. dcm-deface, dcm-merge-frames and dcm-convert, one study at a time:
#     these see a series only as the files of it they are given, and
#     dcm-merge-frames keeps a reference to another image only when that
#     image comes in the same run, so a process must have whole studies,
#     and a chunk of 200 files may cut one.  The studies are known once
#     round 1 is done: the records of OUT_DIR/anon.tsv are split by their
#     study_uid field (dcm-manifest(5)) into one manifest per study,
#     OUT_DIR/studies/<study_uid>.tsv, and each is a job of xargs.  In a
#     job the three stages run one after the other, each reading the
#     manifest that the one before wrote, so that each one's exit status
#     counts (sh has no pipefail; see pipeline.sh for the same as a pipe).
#     A file a stage leaves as it is (at dcm-deface a thin slab, with a
#     note on stderr, or an SR) has its record passed on unchanged.
#
# Nothing here needs coordination between the processes:
#
#  - the same key gives every process the same pseudonyms and UIDs, so a
#    patient split over two processes (or two machines, or two batches a
#    year apart) still gets one pseudonym, and outputs are byte-identical
#    whatever the split;
#  - with a crosswalk DIRECTORY each process writes its own file in it,
#    crosswalk.<host>.<pid>.tsv (mode 0600); at the end, dcm-crosswalk(1)
#    merges them into OUT_DIR/crosswalk.tsv (sorted, duplicates removed,
#    checked for conflicts, mode 0600);
#  - outputs appear atomically (temp file, batch sync, rename), so if the
#    batch is killed, running the same command again finishes it.
#
# In OUT_DIR: anon/, defaced/, merged/ and nifti/ (each stage's output),
# anon.tsv, defaced.tsv, merged.tsv and nifti.tsv (their manifests:
# nifti.tsv lists the NIfTI volumes and what came through as it was),
# qc/<study_uid>.png (the pictures of the defacing, to check), crosswalk/
# and crosswalk.tsv; manifests/ and studies/ hold the parts.  What is
# shared is the files nifti.tsv (or merged.tsv) names; never anon/ as a
# whole (its heads still have their faces), qc/, crosswalk* or the key.
set -eu

[ $# -ge 2 ] || { echo "usage: sh $0 EXPORT_DIR OUT_DIR [KEYFILE]" >&2; exit 2; }
export_dir=$1
out=$2
key=${3:-${DCMSCRUB_KEY:-project.key}}
strip=${DCMSTRIP:-dcm-strip}	# e.g. DCMSTRIP=bin/dcm-strip before make install
deface=${DCMDEFACE:-dcm-deface}
merge=${DCMMERGE:-dcm-merge-frames}
convert=${DCMCONVERT:-dcm-convert}
crosswalk=${DCMCROSSWALK:-dcm-crosswalk}
nfiles=${NFILES:-200}	# files per dcm-strip process
jobs=${JOBS:-4}		# processes at once

# The key is made once per project and kept (with the crosswalk) away from
# the shared data; every later batch must use the same one.
if [ ! -f "$key" ]; then
	"$crosswalk" keygen -o "$key" || exit 2
	echo "made a new project key: $key (keep it; later batches need it)" >&2
fi

# Manifests of an earlier, interrupted run of this batch: the re-run
# prints a record for every file again.
rm -rf "$out/manifests" "$out/studies"
mkdir -p "$out/anon" "$out/manifests" "$out/studies"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]	# for its owner only

# join MANIFEST PART...: one header, then the records of the parts.
join() {
	dst=$1
	shift
	{
		printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes\n'
		for f in "$@"; do
			[ ! -f "$f" ] || grep -v '^#' "$f" || :
		done
	} > "$dst"
}

# --- 1: dcm-strip, 200 files a process ---------------------------------------
# -print0 / -0: any file name is safe.
# -n 200: files per dcm-strip process; start-up is paid once per process
#   (dcmtk reads its dictionary), so give each a few hundred files.
# -P 4: four processes at once.
# > strip.XXXXXX: each process writes its own manifest, so the records of
#   the four cannot interleave.  (GNU parallel, which keeps each job's
#   output together, can write one manifest directly:
#   find ... -print0 | parallel -0 -n 200 -j 4 dcm-strip ... > anon.tsv)
# Exit status: a tool exits 1 when some input was refused or unreadable
# (the rest was written): xargs goes on and exits 123 at the end.  Exit 2
# (bad key, unwritable output) would fail the same way for every chunk, so
# it becomes 255, on which xargs stops at once (and exits 124).
rc1=0
# shellcheck disable=SC2016	# the script is expanded by the inner sh
find "$export_dir" -type f -print0 |
	xargs -0 -n "$nfiles" -P "$jobs" sh -c '
		strip=$1 key=$2 out=$3; shift 3
		part=$(mktemp "$out/manifests/strip.XXXXXX") || exit 255
		"$strip" -q -k "$key" -c "$out/crosswalk" -o "$out/anon" "$@" \
		    > "$part" || { r=$?; [ "$r" -ne 2 ] || exit 255; exit "$r"; }
	    ' sh "$strip" "$key" "$out" || rc1=$?
join "$out/anon.tsv" "$out/manifests"/strip.*

# --- 2: the rest of the way, one study a process --------------------------------
# The records of each study in a file of their own (sorted, so that awk
# has one file open at a time).
tab=$(printf '\t')
grep -v '^#' "$out/anon.tsv" | LC_ALL=C sort -t "$tab" -k4,4 |
	awk -F'\t' -v d="$out/studies" '
		$4 != s { if (f != "") close(f); s = $4; f = d "/" s ".tsv" }
		{ print > f }'

# A job: the study's manifest $6 through the three stages, each manifest
# in manifests/<study_uid>.<stage>.tsv; the exit status is the worst of
# the three (2 becoming 255, as above), and a failed stage is named.
rc2=0
set -- "$out/studies"/*.tsv
if [ "$rc1" -ne 0 ] && [ "$rc1" -ne 123 ]; then
	echo "dcm-strip did not finish (xargs exited $rc1): not going on" >&2
elif [ -f "$1" ]; then	# (xargs would run its command once with no study)
	# shellcheck disable=SC2016	# the script is expanded by the inner sh
	find "$out/studies" -name '*.tsv' -print0 |
		xargs -0 -n 1 -P "$jobs" sh -c '
			deface=$1 merge=$2 convert=$3 key=$4 out=$5 m=$6
			s=$(basename "$m" .tsv)
			p=$out/manifests/$s
			r=0
			st() {
				[ "$1" -eq 0 ] || echo "batch-xargs: study $s: $2 exited $1" >&2
				[ "$1" -le "$r" ] || r=$1
			}
			"$deface" -k "$key" --qc "$out/qc/$s.png" -o "$out/defaced" \
			    < "$m" > "$p.defaced.tsv"
			st $? dcm-deface
			"$merge" -q -k "$key" -o "$out/merged" \
			    < "$p.defaced.tsv" > "$p.merged.tsv"
			st $? dcm-merge-frames
			"$convert" -q -f nii.gz --json -o "$out/nifti" \
			    < "$p.merged.tsv" > "$p.nifti.tsv"
			st $? dcm-convert
			[ "$r" -lt 2 ] || exit 255
			exit "$r"
		    ' sh "$deface" "$merge" "$convert" "$key" "$out" || rc2=$?
fi
join "$out/defaced.tsv" "$out/manifests"/*.defaced.tsv
join "$out/merged.tsv" "$out/manifests"/*.merged.tsv
join "$out/nifti.tsv" "$out/manifests"/*.nifti.tsv

# One crosswalk for the batch: the rows of every process (of this run and
# of earlier runs into the same OUT_DIR), merged.  The parts stay, so the
# merge can be redone.  A conflict (a different key or --id-map in some
# run) is reported row by row, and nothing is written.
rc=0
if "$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk"; then
	cw="$out/crosswalk.tsv"
else
	echo "dcm-crosswalk merge failed (above): $out/crosswalk.tsv not written" >&2
	cw="$out/crosswalk/ (not merged)"
	rc=1
fi

n() { grep -c -v '^#' "$1" || :; }
echo "$(n "$out/anon.tsv") files in $out/anon, $(n "$out/nifti.tsv") in" \
    "$out/nifti.tsv, crosswalk $cw" >&2
# The exit status: xargs's, of the round that did worse (123 < 124 < ...);
# 1 if only the merge failed.
for r in "$rc1" "$rc2"; do
	[ "$r" -le "$rc" ] || rc=$r
done
case $rc1 in
0) ;;
123) echo "dcm-strip: some inputs failed (reported above); the others were written" >&2 ;;
124) echo "a dcm-strip process hit a fatal error (above); the batch was stopped" >&2 ;;
*) echo "xargs exited $rc1 in dcm-strip; see the messages above" >&2 ;;
esac
case $rc2 in
0) ;;
123) echo "some studies failed a stage (named above); the others were written" >&2 ;;
124) echo "a stage hit a fatal error (above); the batch was stopped" >&2 ;;
*) echo "xargs exited $rc2 after dcm-strip; see the messages above" >&2 ;;
esac
exit "$rc"
