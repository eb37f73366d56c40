#!/bin/bash
#SBATCH --job-name=dcm-strip
#SBATCH --array=0-15
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=dcm-strip-%A_%a.log
#
# slurm-array.sh: de-identify a list of files as a Slurm job array, each
# task its shard of the list, then merge the crosswalk in a job that runs
# when every task has succeeded.
#
#   usage: bash examples/slurm-array.sh --submit FILE_LIST OUT_DIR KEYFILE
#          sbatch examples/slurm-array.sh FILE_LIST OUT_DIR KEYFILE   (the tasks)
#          bash examples/slurm-array.sh --merge OUT_DIR               (the merge)
#
# FILE_LIST holds one path a line (a plain list, such as the output of
# find, or a manifest: dcm-manifest(5)), on a file system every node
# mounts; so do OUT_DIR and, readable by you alone, KEYFILE:
#
#   find /shared/export -type f > /shared/export.list
#   bash examples/slurm-array.sh --submit /shared/export.list /shared/out ~/project.key
#
# --submit does the two sbatch commands: the array (the #SBATCH lines
# above: 16 tasks of 4 processors; options of sbatch override them, and
# --submit passes SBATCH_* variables on, e.g. SBATCH_ARRAY_INX=0-63 for 64
# tasks) and the merge, with --dependency=afterok on the array, so the
# merge runs only once every task has exited 0:
#
#   jid=$(sbatch --parsable examples/slurm-array.sh LIST OUT KEY)
#   sbatch --dependency=afterok:$jid --wrap "bash $PWD/examples/slurm-array.sh --merge OUT"
#
# (--wrap, so the merge is one job and not an array of the #SBATCH line.)
# A task exits 1 when dcm-strip refused or could not read some of its
# files (they are in its log; the others were written): then the merge
# does not run.  Run the task again once its files are fixed, or run the
# merge by hand if they are to be left out.
#
# Task i of n (SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN, and
# SLURM_ARRAY_TASK_COUNT) takes the lines whose number is i modulo n:
# every line goes to one task, and the shards are even whatever the order
# of the list.  It runs one dcm-strip with as many threads as it has
# processors, writing OUT_DIR/anon/, its own crosswalk file in
# OUT_DIR/crosswalk/ (crosswalk.<host>.<pid>.tsv: tasks never share one)
# and its manifest OUT_DIR/manifests/part.<i>.tsv.  The same key in every
# task gives the same pseudonyms everywhere; outputs are atomic, so a task
# that failed or was killed can simply be run again
# (sbatch --array=<i> examples/slurm-array.sh LIST OUT KEY).
#
# The merge job makes OUT_DIR/crosswalk.tsv with dcm-crosswalk merge
# (sorted, checked for conflicts, mode 0600) and OUT_DIR/anon.tsv, the
# manifest of the whole batch.  OUT_DIR/anon/ is what is shared; the key
# and the crosswalk are not (dcm-crosswalk(1), SECURITY).
#
# Without Slurm, set the task variables by hand: each of these is a task,
# and they can run anywhere that sees the files, one after the other or
# at once:
#
#   for i in 0 1 2 3; do
#       SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 \
#           bash examples/slurm-array.sh LIST OUT KEY &
#   done; wait
#   bash examples/slurm-array.sh --merge OUT
#
# With neither variable set, one run does the whole list (task 0 of 1).
# DCMSTRIP and DCMCROSSWALK name the programs (default: from the PATH).
set -eu
set -o pipefail

prog=slurm-array
die() { echo "$prog: $*" >&2; exit 2; }
usage() {
	echo "usage: bash $0 --submit FILE_LIST OUT_DIR KEYFILE" >&2
	echo "       sbatch $0 FILE_LIST OUT_DIR KEYFILE" >&2
	echo "       bash $0 --merge OUT_DIR" >&2
	exit 2
}
strip=${DCMSTRIP:-dcm-strip}
crosswalk=${DCMCROSSWALK:-dcm-crosswalk}

merge() {	# merge OUT_DIR: one crosswalk, one manifest
	local out=$1 parts
	[ -d "$out/crosswalk" ] || die "$out/crosswalk: no crosswalk to merge"
	"$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk/" ||
		die "dcm-crosswalk merge failed: $out/crosswalk.tsv not written"
	parts=("$out"/manifests/part.*.tsv)
	[ -f "${parts[0]}" ] || parts=()
	{
		printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes\n'
		cat /dev/null "${parts[@]}" | grep -v '^#' || :
	} > "$out/anon.tsv.tmp"
	mv -f "$out/anon.tsv.tmp" "$out/anon.tsv"
	echo "$prog: $(grep -c -v '^#' "$out/anon.tsv" || :) files in $out/anon," \
	    "manifest $out/anon.tsv, crosswalk $out/crosswalk.tsv" >&2
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
		die "sbatch of the array failed"
	jid=${jid%%;*}	# "jobid;cluster" on a multi-cluster site
	mid=$(sbatch --parsable --dependency=afterok:"$jid" --job-name=dcm-crosswalk-merge \
	    --output=dcm-crosswalk-merge-%j.log \
	    --wrap "bash $(printf %q "$self") --merge $(printf %q "$out")") ||
		die "sbatch of the merge failed (the array $jid runs)"
	echo "$prog: array job $jid, merge job ${mid%%;*} after it" >&2
	exit 0 ;;
--merge)
	[ $# -eq 2 ] || usage
	merge "$2"
	exit 0 ;;
-h | --help | -*)
	usage ;;
esac

[ $# -eq 3 ] || usage
list=$1 out=$2 key=$3
[ -r "$list" ] || die "$list: cannot read the file list"
[ -r "$key" ] || die "$key: cannot read the key"

n=${SLURM_ARRAY_TASK_COUNT:-1}
i=$(( ${SLURM_ARRAY_TASK_ID:-0} - ${SLURM_ARRAY_TASK_MIN:-0} ))
[[ $n =~ ^[1-9][0-9]*$ ]] || die "SLURM_ARRAY_TASK_COUNT=$n: not a number"
if [ "$i" -lt 0 ] || [ "$i" -ge "$n" ]; then
	die "task $i is not one of 0 to $((n - 1))"
fi
threads=${SLURM_CPUS_PER_TASK:-$(nproc)}
[ "$threads" -le 64 ] || threads=64

mkdir -p "$out/anon" "$out/manifests"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]
part=$out/manifests/part.$i.tsv

# Comments of a manifest are left out; the shard is read by dcm-strip as
# a manifest on its standard input.  The manifest of the task is renamed
# into place when dcm-strip is done, so a part holds the records of one
# whole run of its task (a killed task leaves a .tmp, which is ignored).
rc=0
awk -v n="$n" -v i="$i" '!/^#/ && NR % n == i' "$list" |
	"$strip" -q -j "$threads" -k "$key" -c "$out/crosswalk/" -o "$out/anon" \
	> "$part.tmp" || rc=$?
mv -f "$part.tmp" "$part"
echo "$prog: task $i of $n: $(grep -c -v '^#' "$part" || :) files written," \
    "dcm-strip exit status $rc" >&2
exit "$rc"
