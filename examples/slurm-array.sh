#!/bin/bash
#SBATCH --job-name=dcm-strip
#SBATCH --array=0-15
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=%x-%A_%a.log
#
# slurm-array.sh: take a list of files the whole way (de-identified,
# defaced, merged, converted to NIfTI) as two Slurm job arrays, each task
# its shard, then merge the crosswalk and the manifests in a job that runs
# when every task has succeeded.
#
#   usage: bash examples/slurm-array.sh --submit FILE_LIST OUT_DIR KEYFILE
#          sbatch examples/slurm-array.sh FILE_LIST OUT_DIR KEYFILE  (round 1)
#          sbatch examples/slurm-array.sh --studies OUT_DIR KEYFILE   (round 2)
#          bash examples/slurm-array.sh --merge OUT_DIR               (the merge)
#
# FILE_LIST holds one path a line (a plain list, such as the output of
# find, or a manifest: dcm-manifest(5)), on a file system every node
# mounts; so do OUT_DIR and, readable by you alone, KEYFILE:
#
#   find /shared/export -type f > /shared/export.list
#   bash examples/slurm-array.sh --submit /shared/export.list /shared/out ~/project.key
#
# Two rounds, as in batch-xargs.sh:
#
#  1. dcm-strip.  Task i of n (SLURM_ARRAY_TASK_ID minus
#     SLURM_ARRAY_TASK_MIN, and SLURM_ARRAY_TASK_COUNT) takes the lines of
#     FILE_LIST whose number is i modulo n: every line goes to one task,
#     and the shards are even whatever the order of the list.  Any split
#     will do, since each file is de-identified on its own.  It runs one
#     dcm-strip with as many threads as it has processors, writing
#     OUT_DIR/anon/, its own crosswalk file in OUT_DIR/crosswalk/
#     (crosswalk.<host>.<pid>.tsv: tasks never share one) and its manifest
#     OUT_DIR/manifests/strip.<i>.tsv.
#  2. dcm-deface, dcm-merge-frames and dcm-convert.  These see a series
#     only as the files of it they are given (and references between
#     images only within a run), so a task must have whole studies, which
#     a shard of round 1 may cut.  Task i of n reads every manifest of
#     round 1, takes the studies (their study_uid field) whose number in
#     sorted order is i modulo n, and runs the three stages on their
#     records, one after the other, each reading the manifest the one
#     before wrote (OUT_DIR/manifests/defaced.<i>.tsv, merged.<i>.tsv,
#     nifti.<i>.tsv), so that each one's exit status counts.  A file a
#     stage leaves as it is (at dcm-deface a thin slab, with a note in the
#     log, or an SR) has its record passed on unchanged.  The pictures
#     of the defacing, to check, are OUT_DIR/qc/task<i>.png, -2.png...
#
# --submit does the three sbatch commands: the array of round 1 (the
# #SBATCH lines above: 16 tasks of 4 processors; options of sbatch
# override them, and --submit passes SBATCH_* variables on, e.g.
# SBATCH_ARRAY_INX=0-63 for 64 tasks), the array of round 2 with
# --dependency=afterok on the first, and the merge with
# --dependency=afterok on the second, so that each starts only once every
# task before it has exited 0:
#
#   jid=$(sbatch --parsable examples/slurm-array.sh LIST OUT KEY)
#   jid2=$(sbatch --parsable --dependency=afterok:$jid examples/slurm-array.sh --studies OUT KEY)
#   sbatch --dependency=afterok:$jid2 --wrap "bash $PWD/examples/slurm-array.sh --merge OUT"
#
# (--wrap, so the merge is one job and not an array of the #SBATCH line.)
# dcm-deface and dcm-convert hold a series in memory: give --mem a few
# times the size of the largest.  A task exits 1 when a tool refused or
# could not read some of its files (they are in its log; the others were
# written), 2 on a fatal error: then what depends on it does not run.
# Run the task again once its files are fixed (sbatch --array=<i> ...,
# with the same arguments; outputs are atomic, so a task that failed or
# was killed can simply be run again), then what came after it.
#
# The merge job makes OUT_DIR/crosswalk.tsv with dcm-crosswalk merge
# (sorted, checked for conflicts, mode 0600) and the manifests of the
# whole batch, OUT_DIR/anon.tsv, defaced.tsv, merged.tsv and nifti.tsv
# (the NIfTI volumes, and what came through as it was).  What is shared
# is the files nifti.tsv (or merged.tsv) names; never OUT_DIR/anon/ as a
# whole (its heads still have their faces), qc/, the crosswalk or the
# key (dcm-crosswalk(1), SECURITY).
#
# Without Slurm, set the task variables by hand; each of these is a task,
# and they can run anywhere that sees the files, one after the other or
# at once (but round 2 after the whole of round 1):
#
#   for i in 0 1 2 3; do
#       SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 \
#           bash examples/slurm-array.sh LIST OUT KEY &
#   done; wait
#   for i in 0 1 2 3; do
#       SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 \
#           bash examples/slurm-array.sh --studies OUT KEY &
#   done; wait
#   bash examples/slurm-array.sh --merge OUT
#
# With neither variable set, one run does the whole round (task 0 of 1).
# DCMSTRIP, DCMDEFACE, DCMMERGE, DCMCONVERT and DCMCROSSWALK name the
# programs (default: from the PATH).
set -eu
set -o pipefail

prog=slurm-array
die() { echo "$prog: $*" >&2; exit 2; }
usage() {
	echo "usage: bash $0 --submit FILE_LIST OUT_DIR KEYFILE" >&2
	echo "       sbatch $0 FILE_LIST OUT_DIR KEYFILE" >&2
	echo "       sbatch $0 --studies OUT_DIR KEYFILE" >&2
	echo "       bash $0 --merge OUT_DIR" >&2
	exit 2
}
strip=${DCMSTRIP:-dcm-strip}
deface=${DCMDEFACE:-dcm-deface}
merge=${DCMMERGE:-dcm-merge-frames}
convert=${DCMCONVERT:-dcm-convert}
crosswalk=${DCMCROSSWALK:-dcm-crosswalk}

join() {	# join MANIFEST PART...: one header, then the records of the parts
	local dst=$1 f
	shift
	{
		printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes\n'
		for f in "$@"; do
			[ ! -f "$f" ] || grep -v '^#' "$f" || :
		done
	} > "$dst.tmp"
	mv -f "$dst.tmp" "$dst"
}

merge_all() {	# merge_all OUT_DIR: one crosswalk, one manifest a stage
	local out=$1 s
	[ -d "$out/crosswalk" ] || die "$out/crosswalk: no crosswalk to merge"
	"$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk/" ||
		die "dcm-crosswalk merge failed: $out/crosswalk.tsv not written"
	join "$out/anon.tsv" "$out"/manifests/strip.*.tsv
	for s in defaced merged nifti; do
		join "$out/$s.tsv" "$out"/manifests/"$s".*.tsv
	done
	echo "$prog: $(grep -c -v '^#' "$out/anon.tsv" || :) files in $out/anon," \
	    "$(grep -c -v '^#' "$out/nifti.tsv" || :) in $out/nifti.tsv," \
	    "crosswalk $out/crosswalk.tsv" >&2
}

case ${1:-} in
--submit)
	[ $# -eq 4 ] || usage
	command -v sbatch >/dev/null 2>&1 || die "sbatch not found: no Slurm here"
	[ -r "$2" ] || die "$2: cannot read the file list"
	[ -r "$4" ] || die "$4: cannot read the key"
	mkdir -p "$3"
	# The jobs run on other nodes: absolute paths.
	abs() { (cd "$(dirname "$1")" && printf '%s/%s' "$(pwd -P)" "$(basename "$1")"); }
	self=$(abs "$0") list=$(abs "$2") out=$(abs "$3") key=$(abs "$4")
	jid=$(sbatch --parsable "$self" "$list" "$out" "$key") ||
		die "sbatch of round 1 failed"
	jid=${jid%%;*}	# "jobid;cluster" on a multi-cluster site
	jid2=$(sbatch --parsable --dependency=afterok:"$jid" --job-name=dcm-deface \
	    "$self" --studies "$out" "$key") ||
		die "sbatch of round 2 failed (the array $jid runs)"
	jid2=${jid2%%;*}
	mid=$(sbatch --parsable --dependency=afterok:"$jid2" --job-name=dcm-crosswalk-merge \
	    --output=dcm-crosswalk-merge-%j.log \
	    --wrap "bash $(printf %q "$self") --merge $(printf %q "$out")") ||
		die "sbatch of the merge failed (the arrays $jid and $jid2 run)"
	echo "$prog: array jobs $jid (dcm-strip) and $jid2 (the rest) after it," \
	    "merge job ${mid%%;*} after them" >&2
	exit 0 ;;
--merge)
	[ $# -eq 2 ] || usage
	merge_all "$2"
	exit 0 ;;
--studies)
	[ $# -eq 3 ] || usage
	round=2 out=$2 key=$3 ;;
-h | --help | -*)
	usage ;;
*)
	[ $# -eq 3 ] || usage
	round=1 list=$1 out=$2 key=$3
	[ -r "$list" ] || die "$list: cannot read the file list" ;;
esac
[ -r "$key" ] || die "$key: cannot read the key"

n=${SLURM_ARRAY_TASK_COUNT:-1}
i=$(( ${SLURM_ARRAY_TASK_ID:-0} - ${SLURM_ARRAY_TASK_MIN:-0} ))
[[ $n =~ ^[1-9][0-9]*$ ]] || die "SLURM_ARRAY_TASK_COUNT=$n: not a number"
if [ "$i" -lt 0 ] || [ "$i" -ge "$n" ]; then
	die "task $i is not one of 0 to $((n - 1))"
fi
mkdir -p "$out/anon" "$out/manifests"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]

# --- round 1: dcm-strip on lines i, i + n, ... of the list ---------------------------
# Comments of a manifest are left out; the shard is read by dcm-strip as
# a manifest on its standard input.  The manifest of the task is renamed
# into place when dcm-strip is done, so a part holds the records of one
# whole run of its task (a killed task leaves a .tmp, which is ignored).
if [ "$round" -eq 1 ]; then
	threads=${SLURM_CPUS_PER_TASK:-$(nproc)}
	[ "$threads" -le 64 ] || threads=64
	part=$out/manifests/strip.$i.tsv
	rc=0
	awk -v n="$n" -v i="$i" '!/^#/ && NR % n == i' "$list" |
		"$strip" -q -j "$threads" -k "$key" -c "$out/crosswalk/" -o "$out/anon" \
		> "$part.tmp" || rc=$?
	mv -f "$part.tmp" "$part"
	echo "$prog: task $i of $n: $(grep -c -v '^#' "$part" || :) files written," \
	    "dcm-strip exit status $rc" >&2
	exit "$rc"
fi

# --- round 2: the studies i, i + n, ... through the other three stages ---------------
# The study UIDs of every record of round 1, sorted; this task's share of
# them; their records.
p=$out/manifests
parts=("$p"/strip.*.tsv)
[ -f "${parts[0]}" ] || die "$p/strip.*.tsv: no manifest of round 1 (run it first)"
cat "${parts[@]}" | { grep -v '^#' || :; } | cut -f4 | LC_ALL=C sort -u |
	awk -v n="$n" -v i="$i" 'NR % n == i' > "$p/studies.$i.tmp"
awk -F'\t' 'NR == FNR { mine[$0]; next } !/^#/ && ($4 in mine)' \
	"$p/studies.$i.tmp" "${parts[@]}" > "$p/anon.$i.tmp"
rm -f "$p/studies.$i.tmp"

rc=0
st() {	# st STATUS TOOL: remember the worst exit status, name a failure
	[ "$1" -eq 0 ] || echo "$prog: task $i of $n: $2 exited $1" >&2
	[ "$1" -le "$rc" ] || rc=$1
}
r=0
"$deface" -k "$key" --qc "$out/qc/task$i.png" -o "$out/defaced" \
	< "$p/anon.$i.tmp" > "$p/defaced.$i.tmp" || r=$?
st "$r" dcm-deface
r=0
"$merge" -q -k "$key" -o "$out/merged" < "$p/defaced.$i.tmp" > "$p/merged.$i.tmp" || r=$?
st "$r" dcm-merge-frames
r=0
"$convert" -q -f nii.gz --json -o "$out/nifti" < "$p/merged.$i.tmp" > "$p/nifti.$i.tmp" || r=$?
st "$r" dcm-convert
for s in defaced merged nifti; do
	mv -f "$p/$s.$i.tmp" "$p/$s.$i.tsv"
done
rm -f "$p/anon.$i.tmp"
echo "$prog: task $i of $n: $(grep -c -v '^#' "$p/nifti.$i.tsv" || :) records" \
    "in the end, exit status $rc" >&2
exit "$rc"
