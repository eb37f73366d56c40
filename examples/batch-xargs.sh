#!/bin/sh
# batch-xargs.sh: de-identify a large export with four dcm-strip processes
# side by side, through find | xargs -0 -P4, with one crosswalk directory.
#
#   usage: sh examples/batch-xargs.sh EXPORT_DIR OUT_DIR [KEYFILE]
#
# Copy it and adapt it: the numbers (-P, -n) and the paths are the parts a
# site changes.  Nothing here needs coordination between the processes:
#
#  - the same key gives every process the same pseudonyms, so a patient
#    split over two processes (or two machines, or two batches a year
#    apart) still gets one pseudonym, and outputs are byte-identical
#    whatever the split;
#  - with a crosswalk DIRECTORY each process writes its own file in it,
#    crosswalk.<host>.<pid>.tsv (mode 0600); at the end, dcm-crosswalk(1)
#    merges them into OUT_DIR/crosswalk.tsv (sorted, duplicates removed,
#    checked for conflicts, mode 0600);
#  - outputs appear atomically (temp file, batch sync, rename), so if the
#    batch is killed, running the same command again finishes it.
set -eu

[ $# -ge 2 ] || { echo "usage: sh $0 EXPORT_DIR OUT_DIR [KEYFILE]" >&2; exit 2; }
export_dir=$1
out=$2
key=${3:-${DCMSCRUB_KEY:-project.key}}
strip=${DCMSTRIP:-dcm-strip}	# e.g. DCMSTRIP=bin/dcm-strip before make install
crosswalk=${DCMCROSSWALK:-dcm-crosswalk}

# The key is made once per project and kept (with the crosswalk) away from
# the shared data; every later batch must use the same one.
if [ ! -f "$key" ]; then
	"$crosswalk" keygen -o "$key" || exit 2
	echo "made a new project key: $key (keep it; later batches need it)" >&2
fi

mkdir -p "$out/anon" "$out/manifests"
mkdir -m 700 "$out/crosswalk" 2>/dev/null || [ -d "$out/crosswalk" ]	# for its owner only

# Manifests of an earlier, interrupted run of this batch: the re-run
# prints a record for every file again.
rm -f "$out/manifests"/part.*

# -print0 / -0: any file name is safe.
# -n 200: files per dcm-strip process; start-up is paid once per process
#   (dcmtk reads its dictionary), so give each a few hundred files.
# -P 4: four processes at once.
# > part.XXXXXX: each process writes its own manifest, so the records of
#   the four cannot interleave.  (GNU parallel, which keeps each job's
#   output together, can write one manifest directly:
#   find ... -print0 | parallel -0 -n 200 -j 4 dcm-strip ... > anon.tsv)
# Exit status: dcm-strip exits 1 when some input was refused or unreadable
# (the rest was written): xargs goes on and exits 123 at the end.  Exit 2
# (bad key, unwritable output) would fail the same way for every chunk, so
# it becomes 255, on which xargs stops at once.
rc=0
# shellcheck disable=SC2016	# the script is expanded by the inner sh
find "$export_dir" -type f -print0 |
	xargs -0 -n 200 -P 4 sh -c '
		strip=$1 key=$2 out=$3; shift 3
		part=$(mktemp "$out/manifests/part.XXXXXX") || exit 255
		"$strip" -q -k "$key" -c "$out/crosswalk" -o "$out/anon" "$@" \
		    > "$part" || { r=$?; [ "$r" -ne 2 ] || exit 255; exit "$r"; }
	    ' sh "$strip" "$key" "$out" || rc=$?

# One manifest for the whole batch; each part starts with a "#" header.
set -- "$out/manifests"/part.*
[ -f "$1" ] || set --
{
	cat "$@" </dev/null | grep '^#' | head -n 1
	cat "$@" </dev/null | grep -v '^#' || :
} > "$out/anon.tsv"

# One crosswalk for the batch: the rows of every process (of this run and
# of earlier runs into the same OUT_DIR), merged.  The parts stay, so the
# merge can be redone.  A conflict (a different key or --id-map in some
# run) is reported row by row, and nothing is written.
if "$crosswalk" merge -o "$out/crosswalk.tsv" "$out/crosswalk"; then
	cw="$out/crosswalk.tsv"
else
	echo "dcm-crosswalk merge failed (above): $out/crosswalk.tsv not written" >&2
	cw="$out/crosswalk/ (not merged)"
	[ "$rc" -ne 0 ] || rc=1
fi

echo "$(grep -c -v '^#' "$out/anon.tsv") files in $out/anon," \
    "manifest $out/anon.tsv, crosswalk $cw" >&2
case $rc in
0) ;;
1) ;;	# the merge failed: said above
123) echo "some inputs failed (reported above); the others were written" >&2 ;;
124) echo "a dcm-strip process hit a fatal error (above); the batch was stopped" >&2 ;;
*) echo "xargs exited $rc; see the messages above" >&2 ;;
esac
exit "$rc"
