#!/bin/bash
# parallel-hosts.sh: take an export the whole way (de-identified, defaced,
# merged, converted to NIfTI) on several machines at once with GNU
# parallel, one crosswalk directory on the shared file system, then merge
# the crosswalk into one file.
#
#   usage: bash examples/parallel-hosts.sh [-S login[,login...]] [-f sshloginfile]
#              [-j jobs] [-n files] EXPORT_DIR OUT_DIR [KEYFILE]
#
#   -S logins   GNU parallel's --sshlogin: host, user@host, N/host, or ':'
#               for this machine; may be repeated (--sshlogin works too)
#   -f file     GNU parallel's --sshloginfile: one login a line
#   -j jobs     processes at once on each host (default 1: each dcm-strip
#               already uses every processor of its host, -j)
#   -n files    files per dcm-strip process (default 500)
#
# With no -S and no -f it runs on this machine alone (-S :), which is also
# the way to try it:
#   bash examples/parallel-hosts.sh -S : demo-out/in /tmp/pout demo-out/project.key
#
# It goes in two rounds of parallel, as batch-xargs.sh does with xargs:
#  1. dcm-strip on the files of the export, -n at a time (any split will
#     do); the output of the jobs is OUT_DIR/anon.tsv.
#  2. dcm-deface, dcm-merge-frames and dcm-convert, one study a job: they
#     see a series only as the files of it they are given (and references
#     between images only within a run), so a job must have whole
#     studies, which a chunk of -n files may cut.  The records of anon.tsv
#     are split by study_uid into OUT_DIR/studies/<study_uid>.tsv, and each
#     host runs OUT_DIR/study-job.sh (written below) on the ones it is
#     sent: the three stages one after the other, each reading the
#     manifest the one before wrote, in OUT_DIR/manifests/, so that each
#     one's exit status counts.  A file a stage leaves as it is (at
#     dcm-deface a thin slab, with a note on stderr, or an SR) has its
#     record passed on unchanged.
#
# What it assumes, and what it does:
#  - EXPORT_DIR and OUT_DIR are on a file system every host mounts at the
#    same path (NFS, Lustre, CephFS...); the paths are made absolute.  Each
#    host reads its shard of the files from there and writes its outputs
#    there; GNU parallel sends the file names to the hosts, -n at a time.
#  - The key is NOT on the shared file system (it re-identifies the data).
#    It is copied beforehand, with scp, to ~/.dcmscrub/ on each remote host,
#    mode 0600, and removed from there at the end unless KEEP_KEY=1 (then
#    later runs find it in place).  This machine (':') uses KEYFILE itself.
#    With KEYFILE missing a new key is made, with dcm-crosswalk keygen.
#  - dcm-strip, dcm-deface, dcm-merge-frames and dcm-convert (DCMSTRIP,
#    DCMDEFACE, DCMMERGE, DCMCONVERT) are on the PATH of every host; a
#    host that has no ssh access, no tools or no mount makes its jobs fail,
#    and they are listed in OUT_DIR/joblog (round 1) and
#    OUT_DIR/joblog.studies (round 2).
#  - Every process writes its own crosswalk file in OUT_DIR/crosswalk/,
#    crosswalk.<host>.<pid>.tsv, so the hosts never write the same file;
#    dcm-crosswalk merge then makes OUT_DIR/crosswalk.tsv (sorted, checked
#    for conflicts, mode 0600).  The same key gives the same pseudonyms on
#    every host: no other coordination is needed, and the output does not
#    depend on which host did which file.
#  - Outputs are written atomically, so a failed or killed run is finished
#    by running the same command again.
#
# In OUT_DIR: anon/, defaced/, merged/, nifti/ and their manifests
# anon.tsv, defaced.tsv, merged.tsv, nifti.tsv (the NIfTI volumes and what
# came through as it was); qc/<study_uid>.png, the pictures of the
# defacing to check.  What is shared is the files nifti.tsv (or
# merged.tsv) names; never anon/ as a whole (its heads still have their
# faces), qc/, OUT_DIR/crosswalk* or the key.
set -eu
set -o pipefail

prog=parallel-hosts
die() { echo "$prog: $*" >&2; exit 2; }
usage() {
	echo "usage: bash $0 [-S login[,login...]] [-f sshloginfile] [-j jobs] [-n files]" \
	    "EXPORT_DIR OUT_DIR [KEYFILE]" >&2
	exit 2
}

strip=${DCMSTRIP:-dcm-strip}	# e.g. DCMSTRIP=$PWD/bin/dcm-strip before make install
deface=${DCMDEFACE:-dcm-deface}
merge=${DCMMERGE:-dcm-merge-frames}
convert=${DCMCONVERT:-dcm-convert}
crosswalk=${DCMCROSSWALK:-dcm-crosswalk}
logins=()	# one login a word, for the key copies
sshargs=()	# the same, as options of parallel
jobs=1
nfiles=500
while [ $# -gt 0 ]; do
	case $1 in
	-S | --sshlogin)
		[ $# -ge 2 ] || usage
		IFS=, read -r -a l <<< "$2"
		logins+=("${l[@]}")
		sshargs+=(--sshlogin "$2")
		shift 2 ;;
	-f | --sshloginfile | --slf)
		[ $# -ge 2 ] || usage
		[ -r "$2" ] || die "$2: cannot read the sshlogin file"
		# Logins as parallel reads them: no comments or blank lines.
		while read -r l; do
			case $l in '' | '#'*) ;; *) logins+=("$l") ;; esac
		done < "$2"
		sshargs+=(--sshloginfile "$2")
		shift 2 ;;
	-j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
	-n) [ $# -ge 2 ] || usage; nfiles=$2; shift 2 ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "-j $jobs: not a number"
[[ $nfiles =~ ^[1-9][0-9]*$ ]] || die "-n $nfiles: not a number"
if [ ${#sshargs[@]} -eq 0 ]; then
	logins=(:)
	sshargs=(--sshlogin :)
fi
command -v parallel >/dev/null 2>&1 || die "GNU parallel is needed"
[ -d "$1" ] || die "$1: not a directory"
export_dir=$(cd "$1" && pwd -P)
mkdir -p "$2"
out=$(cd "$2" && pwd -P)
key=${3:-${DCMSCRUB_KEY:-project.key}}

# The key is made once per project; every later batch must use it.
if [ ! -f "$key" ]; then
	"$crosswalk" keygen -o "$key" || die "$key: cannot make the key"
	echo "$prog: made a new project key: $key (keep it; later batches need it)" >&2
fi
key=$(cd "$(dirname "$key")" && pwd -P)/$(basename "$key")
name=$(basename "$key")

# --- the key on every remote host ---------------------------------------------
# A login is "[N/]login" or a parallel sshlogin with its own ssh command;
# this handles the first form (the host part is what ssh and scp need).
remote=()
for l in "${logins[@]}"; do
	l=${l#*/}
	case $l in :) ;; *) remote+=("$l") ;; esac
done
# shellcheck disable=SC2317	# run by the trap
cleanup() {
	[ "${KEEP_KEY:-0}" != 1 ] || return 0
	for h in "${remote[@]}"; do
		ssh -o BatchMode=yes "$h" "rm -f .dcmscrub/$(printf %q "$name")" ||
			echo "$prog: $h: could not remove the copy of the key" >&2
	done
}
trap cleanup EXIT
for h in "${remote[@]}"; do
	echo "$prog: copying the key to $h:.dcmscrub/$name" >&2
	if ! { ssh -o BatchMode=yes "$h" 'umask 077 && mkdir -p .dcmscrub' &&
		scp -q -p -o BatchMode=yes "$key" "$h:.dcmscrub/$name" &&
		ssh -o BatchMode=yes "$h" "chmod 600 .dcmscrub/$(printf %q "$name")"; }; then
		die "$h: could not copy the key (ssh $h must work without a password)"
	fi
done

rm -rf "$out/manifests" "$out/studies"	# of an earlier run: remade
mkdir -p "$out/anon" "$out/manifests" "$out/studies"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]	# for its owner only

# --- 1: dcm-strip, -n files a job ----------------------------------------------
# The command each job runs, on its host, with the file names appended by
# parallel (quoted for the host's shell).  The key is the copy in the
# remote home, or KEYFILE on this machine; $PARALLEL_SSHLOGIN, set by
# parallel, says which.  Every other path is quoted here.
q() { printf '%q' "$1"; }
job="k=\$HOME/.dcmscrub/$(q "$name"); [ \"\$PARALLEL_SSHLOGIN\" != : ] || k=$(q "$key");"
job+=" exec $(q "$strip") -q -k \"\$k\" -c $(q "$out/crosswalk/") -o $(q "$out/anon")"

# -0: any file name; -n: files per process (start-up is paid once per
# process); -j: processes per host; --joblog: what ran where and its exit
# status (dcm-strip exits 1 when some inputs failed and the others were
# written, 2 on a fatal error such as a bad key or an unwritable output).
# The output of each job is kept together, so the records of the whole
# batch come out as one manifest (each job prints its header comment).
rc=0
find "$export_dir" -type f -print0 |
	parallel -0 -n "$nfiles" -j "$jobs" "${sshargs[@]}" --joblog "$out/joblog" "$job" \
	> "$out/anon.tsv.tmp" || rc=$?
{
	grep -m 1 '^#' "$out/anon.tsv.tmp" || :
	grep -v '^#' "$out/anon.tsv.tmp" || :
} > "$out/anon.tsv"
rm -f "$out/anon.tsv.tmp"

# How a round of parallel went: its exit status is the number of jobs
# that failed; the job log says which, and whether one had a fatal error
# (exit status 2: a bad key, an output that cannot be written).
verdict() {	# verdict RC JOBLOG WHAT: 0, 1 (some jobs failed) or 2 (fatal)
	[ "$1" -ne 0 ] || return 0
	echo "$prog: $3: $1 job(s) failed: see the messages above and $2;" \
	    "the same command again finishes the batch" >&2
	if awk -F'\t' 'NR > 1 && $7 == 2 { bad = 1 } END { exit !bad }' "$2"; then
		return 2
	fi
	return 1
}
rc1=0
verdict "$rc" "$out/joblog" dcm-strip || rc1=$?

# --- 2: the rest of the way, one study a job ------------------------------------
# The records of each study in a file of their own (sorted, so that awk
# has one file open at a time).
{ grep -v '^#' "$out/anon.tsv" || :; } | LC_ALL=C sort -t $'\t' -k4,4 |
	awk -F'\t' -v d="$out/studies" '
		$4 != s { if (f != "") close(f); s = $4; f = d "/" s ".tsv" }
		{ print > f }'

# The job, in a file every host sees: the study's manifest $6 through the
# three stages; its exit status is the worst of theirs, and a failed
# stage is named.
cat > "$out/study-job.sh" <<'JOB'
key=$1 out=$2 deface=$3 merge=$4 convert=$5 m=$6
s=$(basename "$m" .tsv)
p=$out/manifests/$s
r=0
st() {
	[ "$1" -eq 0 ] || echo "parallel-hosts: $(hostname): study $s: $2 exited $1" >&2
	[ "$1" -le "$r" ] || r=$1
}
"$deface" -k "$key" --qc "$out/qc/$s.png" -o "$out/defaced" < "$m" > "$p.defaced.tsv"
st $? dcm-deface
"$merge" -q -k "$key" -o "$out/merged" < "$p.defaced.tsv" > "$p.merged.tsv"
st $? dcm-merge-frames
"$convert" -q -f nii.gz --json -o "$out/nifti" < "$p.merged.tsv" > "$p.nifti.tsv"
st $? dcm-convert
exit "$r"
JOB
job="k=\$HOME/.dcmscrub/$(q "$name"); [ \"\$PARALLEL_SSHLOGIN\" != : ] || k=$(q "$key");"
job+=" exec sh $(q "$out/study-job.sh") \"\$k\" $(q "$out")"
job+=" $(q "$deface") $(q "$merge") $(q "$convert")"

rc2=0
if [ "$rc1" -lt 2 ]; then
	rc=0
	find "$out/studies" -name '*.tsv' -print0 |
		parallel -0 -n 1 -j "$jobs" "${sshargs[@]}" --joblog "$out/joblog.studies" "$job" ||
		rc=$?
	verdict "$rc" "$out/joblog.studies" "dcm-deface, dcm-merge-frames, dcm-convert" || rc2=$?
else
	echo "$prog: dcm-strip had a fatal error: not going on" >&2
fi

# join MANIFEST PART...: one header, then the records of the parts.
join() {
	local dst=$1 f
	shift
	{
		printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes\n'
		for f in "$@"; do
			[ ! -f "$f" ] || grep -v '^#' "$f" || :
		done
	} > "$dst"
}
join "$out/defaced.tsv" "$out/manifests"/*.defaced.tsv
join "$out/merged.tsv" "$out/manifests"/*.merged.tsv
join "$out/nifti.tsv" "$out/manifests"/*.nifti.tsv
rc=$((rc1 > rc2 ? rc1 : rc2))

# --- one crosswalk ---------------------------------------------------------------
# The rows of every process, of this run and of earlier runs into the same
# OUT_DIR, merged; the parts stay, so the merge can be redone.  A conflict
# (a different key or --id-map in some run) is an error and writes nothing.
if "$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk/"; then
	echo "$prog: $(grep -c -v '^#' "$out/anon.tsv" || :) files in $out/anon," \
	    "$(grep -c -v '^#' "$out/nifti.tsv" || :) in $out/nifti.tsv," \
	    "crosswalk $out/crosswalk.tsv" >&2
else
	echo "$prog: dcm-crosswalk merge failed (above): $out/crosswalk.tsv not written" >&2
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
