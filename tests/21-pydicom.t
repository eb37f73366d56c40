#!/bin/sh
# 21-pydicom.t: dcm-strip on every test file that python3-pydicom ships.
#
# The files are a zoo: every transfer syntax, odd encodings, files without
# a meta header, truncated and deliberately broken files, DICOMDIRs, and
# files that are not DICOM at all.  Each one goes through dcm-strip alone
# (with --allow-burned-in).  dcm-strip must exit 0 or 1 (never 2, never a
# signal, never hang); if 0 its output must be read back by dcmdump; if 1,
# stderr must name the file.
#
# DCMSCRUB_BIN names the directory of dcm-strip (default: bin/ of the tree);
# PYDICOM_DATA the directory of the files (default: Debian's).

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
bin=${DCMSCRUB_BIN:-$top/bin}
strip=$bin/dcm-strip
data=${PYDICOM_DATA:-/usr/lib/python3/dist-packages/pydicom/data}

if [ ! -d "$data" ]; then
	echo "1..0 # SKIP $data absent (apt-get install python3-pydicom)"
	exit 0
fi
if [ ! -x "$strip" ]; then
	echo "1..0 # SKIP $strip not built"
	exit 0
fi
if ! command -v dcmdump > /dev/null 2>&1; then
	echo "1..0 # SKIP dcmdump (dcmtk) not installed"
	exit 0
fi
if command -v timeout > /dev/null 2>&1; then
	limit="timeout 30"
else
	limit=
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-21.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

head -c 32 /dev/zero | tr '\0' 'K' > "$T/key"
chmod 600 "$T/key"

find "$data" -type f | LC_ALL=C sort > "$T/files"
total=$(wc -l < "$T/files")
echo "1..$total"

n=0
nfail=0
n0=0
n1=0
while IFS= read -r f; do
	n=$((n + 1))
	name=${f#"$data"/}
	out=$T/out.$n
	rc=0
	# shellcheck disable=SC2086
	$limit "$strip" -q -k "$T/key" --allow-burned-in -o "$out" "$f" \
	    > "$T/stdout" 2> "$T/stderr" < /dev/null || rc=$?
	case $rc in
	0)
		n0=$((n0 + 1))
		find "$out" -type f -name '*.dcm' > "$T/outs" 2>/dev/null
		nout=$(wc -l < "$T/outs")
		bad=
		while IFS= read -r o; do
			dcmdump -q +fo "$o" > /dev/null 2> "$T/dump.err" || bad="$bad $o"
		done < "$T/outs"
		if [ "$nout" -ge 1 ] && [ -z "$bad" ]; then
			echo "ok $n - $name: exit 0, $nout output(s) read by dcmdump"
		else
			nfail=$((nfail + 1))
			echo "not ok $n - $name: exit 0, $nout output(s), dcmdump fails on:${bad:- (no output)}"
			sed 's/^/#   /' "$T/dump.err" | head -n 5
		fi
		;;
	1)
		n1=$((n1 + 1))
		if grep -q -F -- "$f" "$T/stderr"; then
			echo "ok $n - $name: exit 1, $(head -n 1 "$T/stderr" | sed "s|$data/||" | cut -c 1-120)"
		else
			nfail=$((nfail + 1))
			echo "not ok $n - $name: exit 1, but stderr does not name the file"
			sed 's/^/#   /' "$T/stderr" | head -n 5
		fi
		;;
	*)
		nfail=$((nfail + 1))
		if [ "$rc" -eq 124 ] && [ -n "$limit" ]; then
			why="hung (killed after 30 s)"
		elif [ "$rc" -ge 128 ]; then
			why="killed by signal $((rc - 128))"
		else
			why="exit $rc"
		fi
		echo "not ok $n - $name: $why"
		sed 's/^/#   /' "$T/stderr" | head -n 5
		;;
	esac
	rm -rf "$out"
done < "$T/files"

echo "# $total files: $n0 written, $n1 refused, $nfail failures"
[ "$nfail" -eq 0 ]
