#!/bin/bash
# parallel-hosts.sh: de-identify an export on several machines at once with
# GNU parallel, one crosswalk directory on the shared file system, then
# merge the crosswalk into one file.
#
#   usage: bash examples/parallel-hosts.sh [-S login[,login...]] [-f sshloginfile]
#              [-j jobs] [-n files] EXPORT_DIR OUT_DIR [KEYFILE]
#
#   -S logins   GNU parallel's --sshlogin: host, user@host, N/host, or ':'
#               for this machine; may be repeated (--sshlogin works too)
#   -f file     GNU parallel's --sshloginfile: one login a line
#   -j jobs     dcm-strip processes at once on each host (default 1: each
#               dcm-strip already uses every processor of its host, -j)
#   -n files    files per dcm-strip process (default 500)
#
# With no -S and no -f it runs on this machine alone (-S :), which is also
# the way to try it:
#   bash examples/parallel-hosts.sh -S : demo-out/in /tmp/pout demo-out/project.key
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
#  - dcm-strip (DCMSTRIP) is on the PATH of every host; a host that has
#    no ssh access, no dcm-strip or no mount makes its jobs fail, and they
#    are listed in OUT_DIR/joblog.
#  - Every process writes its own crosswalk file in OUT_DIR/crosswalk/,
#    crosswalk.<host>.<pid>.tsv, so the hosts never write the same file;
#    dcm-crosswalk merge then makes OUT_DIR/crosswalk.tsv (sorted, checked
#    for conflicts, mode 0600).  The same key gives the same pseudonyms on
#    every host: no other coordination is needed, and the output does not
#    depend on which host did which file.
#  - Outputs are written atomically, so a failed or killed run is finished
#    by running the same command again.
#
# OUT_DIR/anon/ is what is shared; OUT_DIR/crosswalk* and the key are not.
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

mkdir -p "$out/anon"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]	# for its owner only

# --- the run -------------------------------------------------------------------
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
if [ "$rc" -ne 0 ]; then
	echo "$prog: $rc job(s) failed: see the messages above and $out/joblog;" \
	    "the same command again finishes the batch" >&2
	# Exit status 2 (a fatal error in some job) if the job log says so.
	awk -F'\t' 'NR > 1 && $7 == 2 { bad = 1 } END { exit !bad }' "$out/joblog" && rc=2 || rc=1
fi

# --- one crosswalk ---------------------------------------------------------------
# The rows of every process, of this run and of earlier runs into the same
# OUT_DIR, merged; the parts stay, so the merge can be redone.  A conflict
# (a different key or --id-map in some run) is an error and writes nothing.
if "$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk/"; then
	echo "$prog: $(grep -c -v '^#' "$out/anon.tsv" || :) files in $out/anon," \
	    "manifest $out/anon.tsv, crosswalk $out/crosswalk.tsv" >&2
else
	echo "$prog: dcm-crosswalk merge failed (above): $out/crosswalk.tsv not written" >&2
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
