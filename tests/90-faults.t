#!/bin/sh
# 90-faults.t: every tool under faults of the system, not of its inputs.
#
# A full disk (ulimit -f with SIGXFSZ ignored, so write() fails with EFBIG;
# and a real ENOSPC on a tiny tmpfs where an unprivileged mount namespace is
# allowed): exit 2, nothing partial under -o (no half file, no temp file),
# the crosswalk of whole rows only, the inputs unchanged.  kill -9 in the
# middle of a run, then the same command: exit 0 and the same tree, manifest
# and crosswalk as an uninterrupted run, the killed run's temp files gone.
# Outputs that cannot be written (a read-only directory, a read-only file
# system, a path under a regular file): exit 2 naming the path and the
# cause.  Inputs that vanish (from a manifest, a directory): exit 1 naming
# them, the others written.  A closed stdout (as `| head -n1` leaves it):
# exit 2 and one message, no temp file.  Eight processes on overlapping
# inputs into one tree and one crosswalk, and eight merges into one file:
# the result of one process, no row lost or torn.
#
# DCMSCRUB_TESTBIN names the directory of gen-head (default build/tests).
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
CONVERT=$BIN/dcm-convert
CROSSWALK=$BIN/dcm-crosswalk
DEFACE=$BIN/dcm-deface
MERGE=$BIN/dcm-merge-frames
for t in "$CONVERT" "$CROSSWALK" "$DEFACE" "$MERGE" "$GEN"; do
	[ -x "$t" ] || bail "$t: not built"
done
cd "$tmp" || bail "cannot cd to $tmp"

# ---- fixtures -----------------------------------------------------------------
# 3 patients x 4 series x 25 slices = 300 small files; two synthetic heads
gen_tree big 3 4 25 || bail "cannot generate the fixtures"
for s in 1 2; do
	"$GEN" --modality ct --spacing 4 --fov 200 --seed $s -o gen$s >gen.err 2>&1 ||
	    bail "gen-head: $(cat gen.err)"
	mkdir -p heads/h$s
	mv gen$s/*.dcm heads/h$s/
done
mkkey key $KEY1
find big -type f | LC_ALL=C sort >all
is "$(wc -l <all)" 300 "300 generated input files"
inputs_sum() { find big heads -type f | LC_ALL=C sort | xargs sha256sum | sha256sum; }
INSUM=$(inputs_sum)
HOST=$(hostname | cut -c1-64 | sed 's/[^A-Za-z0-9._-]/_/g')

# the records of a manifest, without the header, -o's prefix taken off, sorted
recs() { grep -v '^#' "$1" | sed "s|^$2/||" | LC_ALL=C sort; }
# no temp file and no file at all under DIR (which may not exist)
nofiles() { [ -z "$(find "$1" -type f 2>/dev/null)" ]; }
# rows of crosswalk files: none torn or interleaved (3 non-empty fields),
# and each file empty or ending in a newline (not cut inside its last row)
whole_rows() {
	for w_f in "$@"; do
		[ ! -s "$w_f" ] || [ "$(tail -c 1 "$w_f" | od -An -tx1 | tr -d ' ')" = 0a ] || return 1
	done
	[ -z "$(cat "$@" 2>/dev/null | awk -F'\t' '!/^#/ && (NF != 3 || $1 == "" || $2 == "" || $3 == "")')" ]
}

# the references: each tool once, uninterrupted, into a fresh directory
mkdir ref.cw
run_in ref all "$STRIP" -q -k key -c ref.cw/ -o ref
[ "$rc" -eq 0 ] || bail "the reference dcm-strip run failed: $err"
tree_sums ref >ref.sums
recs ref.out ref >ref.recs
run refm "$CROSSWALK" merge -o ref.merge ref.cw
[ "$rc" -eq 0 ] && [ "$(wc -l <ref.sums)" -eq 300 ] || bail "the reference merge failed: $err"
run refc "$CONVERT" -f nii.gz -o refc heads
[ "$rc" -eq 0 ] || bail "the reference dcm-convert run failed: $err"
tree_sums refc >refc.sums
recs refc.out refc >refc.recs
run refd "$DEFACE" -q -k key -o refd heads/h1
[ "$rc" -eq 0 ] || bail "the reference dcm-deface run failed: $err"

# ---- a full disk: ulimit -f -----------------------------------------------------
# limited NAME BLOCKS CMD...: CMD with its files limited to BLOCKS of 512
# bytes and SIGXFSZ ignored; stdout and stderr go through pipes to files
# outside the limit (NAME.out, NAME.err); sets rc, out and err as run does.
limited() {
	l_name=$1
	l_blocks=$2
	shift 2
	{ { (trap '' XFSZ; ulimit -f "$l_blocks" && exec "$@") 2>&1 >&3 3>&- </dev/null
	    echo $? >"$l_name.rc"; } | cat >"$l_name.err"; } 3>&1 | cat >"$l_name.out"
	rc=$(cat "$l_name.rc")
	t_note_san "$l_name.err"
	out=$(cat "$l_name.out")
	err=$(cat "$l_name.err")
}
# full NAME DIR TOOL-NAME: the checks of a run that met a full disk
full() {
	is "$rc" 2 "disk full, $3: exit 2"
	like "$err" 'File too large|No space left' "disk full, $3: the message names the cause"
	is "$(leftovers "$2")" "" "disk full, $3: no temp file left under the output"
}

mkdir fs1.cw
limited fs1 1 "$STRIP" -j1 -q -k key -c fs1.cw/ -o fs1 big
full fs1 fs1 "dcm-strip (no output file fits)"
nofiles fs1
ok $? "disk full, dcm-strip: no output file (not even a part of one)"
is "$(grep -vc '^#' fs1.out)" 0 "disk full, dcm-strip: no record for a file not written"

# the files fit, the crosswalk does not: nothing is renamed before its rows
mkdir fs2.cw
limited fs2 20 "$STRIP" -j1 -q -k key -c fs2.cw/ -o fs2 big
full fs2 fs2 "dcm-strip, the crosswalk"
like "$err" 'fs2\.cw/+crosswalk\.[^:]*: File too large' "disk full, dcm-strip: the crosswalk file is named"
nofiles fs2
ok $? "disk full in the crosswalk: no output file appears without its rows"
whole_rows fs2.cw/*.tsv
ok $? "disk full in the crosswalk: a write cut short is cut off again (whole rows only)"

limited fs3 2 "$STRIP" -j1 -q -k key -o fs3/anon.zip big
full fs3 fs3 "dcm-strip -o x.zip"
nofiles fs3
ok $? "disk full, dcm-strip -o x.zip: no archive and no temp archive"
limited fs4 2 "$STRIP" -j1 -q -k key -o fs4/anon.tar.gz big
full fs4 fs4 "dcm-strip -o x.tar.gz"
nofiles fs4
ok $? "disk full, dcm-strip -o x.tar.gz: no archive and no temp archive"

# With worker threads (the other checks use -j1, whose exit is simple):
# exit 2 every time, whatever the workers are doing when the run ends.
n=0
for i in 1 2 3 4 5 6 7 8; do
	limited fs5 1 "$STRIP" -j 8 -q -k key -o fs5 big
	[ "$rc" -eq 2 ] && n=$((n + 1))
	[ "$rc" -eq 2 ] || diag "run $i: exit $rc: $(head -n 1 fs5.err)"
done
is "$n" 8 "disk full, dcm-strip -j 8: exit 2 in 8 runs out of 8 (never a crash at exit)"
is "$(leftovers fs5)" "" "disk full, dcm-strip -j 8: the temp files of the workers are removed"

for f in nii.gz nrrd mhd; do
	limited fc 2 "$CONVERT" -f $f -o fc.$f heads
	full fc fc.$f "dcm-convert -f $f"
	nofiles fc.$f
	ok $? "disk full, dcm-convert -f $f: no output file (nor half of a header/data pair)"
done
limited fct 1 "$CONVERT" -f dicom --ts rle -o fct heads/h1
full fct fct "dcm-convert -f dicom --ts rle"
is "$(grep -c 'File too large' fct.err)" 1 "disk full, dcm-convert --ts: one message, the run ends at the first"
nofiles fct
ok $? "disk full, dcm-convert --ts: no output file"

limited fm 2 "$MERGE" -k key -o fm heads/h1
full fm fm "dcm-merge-frames"
nofiles fm
ok $? "disk full, dcm-merge-frames: no output file"
run mf "$MERGE" -q -k key -o mf heads/h1
limited fsp 1 "$MERGE" --split -k key -o fsp mf
full fsp fsp "dcm-merge-frames --split"
nofiles fsp
ok $? "disk full, dcm-merge-frames --split: no output file"

limited fd 4 "$DEFACE" -k key -o fd heads/h1
full fd fd "dcm-deface"
nofiles fd
ok $? "disk full, dcm-deface: no output file"

limited fxm 1 "$CROSSWALK" merge -o fx/merged.tsv ref.cw
full fxm fx "dcm-crosswalk merge -o"
nofiles fx
ok $? "disk full, dcm-crosswalk merge -o: no merged file, no temp file"
limited fxs 1 sh -c 'exec "$0" merge ref.cw >fxs.tsv' "$CROSSWALK"
is "$rc" 2 "disk full on stdout, dcm-crosswalk merge: exit 2 (the last buffer is checked)"
like "$err" 'stdout: File too large' "disk full on stdout, dcm-crosswalk merge: says so"
limited fxe 1 "$CROSSWALK" export -f csv -c ref.merge -o fxe/uids.csv
full fxe fxe "dcm-crosswalk export -o"
nofiles fxe
ok $? "disk full, dcm-crosswalk export -o: no file"
limited fxr 1 "$CROSSWALK" reidentify -q -c ref.merge -o fxr ref
full fxr fxr "dcm-crosswalk reidentify"
nofiles fxr
ok $? "disk full, dcm-crosswalk reidentify: no output file"
is "$(inputs_sum)" "$INSUM" "disk full: the inputs are unchanged (checksums)"

# ---- a real ENOSPC and EROFS: a tiny tmpfs in a mount namespace ----------------
if unshare -r -m true 2>/dev/null; then
	mkdir mnt
	cat >ns.sh <<'EOF'
mount -t tmpfs -o size=256k,mode=0755 none mnt || exit 99
"$STRIP" -j1 -q -k key -c mnt/cw/ -o mnt/anon <all >ns1.out 2>ns1.err
echo $? >ns1.rc
find mnt/anon -name '.dcmscrub.*' >ns1.temps
tree_sums() { (cd "$1" && find . -type f ! -name '.dcmscrub.*' -print | LC_ALL=C sort |
    while IFS= read -r f; do sha256sum "$f"; done); }
tree_sums mnt/anon >ns1.sums
cat mnt/cw/*.tsv >ns1.cw 2>/dev/null
mount -o remount,size=16m mnt
"$STRIP" -q -k key -c mnt/cw/ -o mnt/anon <all >ns2.out 2>ns2.err
echo $? >ns2.rc
tree_sums mnt/anon >ns2.sums
"$CROSSWALK" merge mnt/cw >ns2.merge 2>>ns2.err
mount -o remount,ro mnt
"$STRIP" -q -k key -o mnt/new <all >ns3.out 2>ns3.err
echo $? >ns3.rc
"$STRIP" -q -k key -o mnt/anon <all >ns4.out 2>ns4.err
echo $? >ns4.rc
"$CROSSWALK" merge -o mnt/cw.tsv ref.cw >ns5.out 2>ns5.err
echo $? >ns5.rc
EOF
	STRIP=$STRIP CROSSWALK=$CROSSWALK unshare -r -m sh ns.sh
	if [ "$?" -eq 99 ]; then
		skip "no tmpfs in a mount namespace here: the real ENOSPC and EROFS"
	else
		for f in ns1 ns2 ns3 ns4 ns5; do t_note_san $f.err; done
		is "$(cat ns1.rc)" 2 "ENOSPC (a 256 KiB tmpfs), dcm-strip: exit 2"
		like "$(cat ns1.err)" 'No space left on device' "ENOSPC, dcm-strip: the message names the cause"
		is "$(cat ns1.temps)" "" "ENOSPC, dcm-strip: no temp file left"
		LC_ALL=C sort ns1.sums >ns1.sorted
		LC_ALL=C sort ref.sums >ref.sorted
		[ -z "$(LC_ALL=C comm -23 ns1.sorted ref.sorted)" ]
		ok $? "ENOSPC, dcm-strip: every file left is complete (byte-identical to the reference)"
		whole_rows ns1.cw
		ok $? "ENOSPC, dcm-strip: the crosswalk holds whole rows only"
		is "$(cat ns2.rc)" 0 "ENOSPC, then room again: the same command exits 0"
		cmp -s ns2.sums ref.sums
		ok $? "ENOSPC, then room again: the tree equals an uninterrupted run's"
		cmp -s ns2.merge ref.merge
		ok $? "ENOSPC, then room again: the merged crosswalk equals an uninterrupted run's"
		is "$(cat ns3.rc)" 2 "read-only file system, dcm-strip -o new: exit 2"
		like "$(cat ns3.err)" 'mnt/new: Read-only file system' "read-only file system, dcm-strip: names the directory and the cause"
		is "$(cat ns4.rc)" 2 "read-only file system, dcm-strip -o existing tree: exit 2"
		like "$(cat ns4.err)" 'mnt/anon: Read-only file system' "read-only file system, existing tree: names the directory, not a temp file"
		is "$(cat ns5.rc)" 2 "read-only file system, dcm-crosswalk merge -o: exit 2"
		like "$(cat ns5.err)" 'mnt: Read-only file system' "read-only file system, dcm-crosswalk merge: names the directory and the cause"
	fi
else
	skip "unshare -r -m is not allowed here: the real ENOSPC and EROFS"
fi

# ---- kill -9 in the middle, then the same command -------------------------------
# wait_until N CMD...: poll (at most about 60 s) until CMD succeeds
wait_until() {
	w_n=$1
	shift
	while [ "$w_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		w_n=$((w_n - 1))
	done
	return 1
}
nfiles() { find "$1" -type f ! -name '.dcmscrub.*' 2>/dev/null | wc -l; }
ntemps() { find "$1" -type f -name '.dcmscrub.*' 2>/dev/null | wc -l; }
killed_state() { [ "$(nfiles kill)" -eq 128 ] && [ "$(ntemps kill)" -eq 22 ]; }

# The manifest comes through a FIFO: 150 paths, then the run waits for more
# with two batches of 64 renamed and 22 files in temp files (with -j 4 at
# most 16 files are in flight, so the third batch is never complete).
mkfifo fifo
mkdir kill.cw
"$STRIP" -j 4 -q -k key -c kill.cw/ -o kill <fifo >kill1.out 2>kill1.err &
kpid=$!
exec 7>fifo
head -n 150 all >&7
wait_until 600 killed_state
ok $? "kill -9: the run had 128 files in place and 22 in temp files when killed"
kill -9 $kpid
wait $kpid
is "$?" 137 "kill -9: the first run was killed"
exec 7>&-
t_note_san kill1.err
run_in kill2 all "$STRIP" -j 4 -k key -c kill.cw/ -o kill
is "$rc" 0 "kill -9, then the same command: exit 0"
is "$(grep -c "removed a temp file left by process $kpid" kill2.err)" 22 "kill -9, then the same command: it removes the 22 temp files of the killed run"
is "$(leftovers kill)" "" "kill -9, then the same command: no temp file left"
tree_sums kill >kill.sums
cmp -s kill.sums ref.sums
ok $? "kill -9, then the same command: the tree equals an uninterrupted run's (sha256 of every file)"
recs kill2.out kill >kill.recs
cmp -s kill.recs ref.recs
ok $? "kill -9, then the same command: its manifest (sorted) equals an uninterrupted run's"
run km "$CROSSWALK" merge -o kill.merge kill.cw
cmp -s kill.merge ref.merge
ok $? "kill -9, then the same command: the merged crosswalk equals an uninterrupted run's"

# dcm-convert killed once its first output appears (or not at all, if it
# was quicker): the same command finishes the job either way.
"$CONVERT" -f nii.gz -o killc heads >killc1.out 2>killc1.err &
kpid=$!
wait_until 600 sh -c '[ -n "$(find killc -type f 2>/dev/null)" ] || ! kill -0 '$kpid 2>/dev/null
kill -9 $kpid 2>/dev/null
wait $kpid
t_note_san killc1.err
# in a directory it writes to: a temp file of a dead process, and one of a
# live process (this shell)
dead=$(sh -c 'echo $$')
d=killc/$(head -n 1 refc.recs | cut -f1 | sed 's|/[^/]*$||')
mkdir -p "$d"
: >"$d/.dcmscrub.$HOST.$dead.AbCdEf"
: >"$d/.dcmscrub.$HOST.$$.GhIjKl"
run killc2 "$CONVERT" -f nii.gz -o killc heads
is "$rc" 0 "dcm-convert killed, then the same command: exit 0"
[ ! -e "$d/.dcmscrub.$HOST.$dead.AbCdEf" ]
ok $? "dcm-convert re-run: a temp file of a dead process is removed"
[ -e "$d/.dcmscrub.$HOST.$$.GhIjKl" ]
ok $? "dcm-convert re-run: a temp file of a live process is left alone"
rm -f "$d/.dcmscrub.$HOST.$$.GhIjKl"
tree_sums killc >killc.sums
cmp -s killc.sums refc.sums
ok $? "dcm-convert killed, then the same command: the tree equals an uninterrupted run's"
recs killc2.out killc >killc.recs
cmp -s killc.recs refc.recs
ok $? "dcm-convert killed, then the same command: the manifest equals an uninterrupted run's"

# A writer killed in the middle of a crosswalk row (simulated: a row cut
# short): the next append to the shared file removes the torn row first.
head -n 3 ref.merge | tail -n 2 >torn.tsv
printf 'sop_uid\t1.2.826.0.1.3680043.9999.30.1.1.1\t2.25.1234' >>torn.tsv
run torn "$STRIP" -k key -c torn.tsv -o torn big/p1/s1
is "$rc" 0 "a crosswalk row torn by a killed writer: the next dcm-strip -c FILE exits 0"
like "$err" 'torn\.tsv: removed the last row, cut off by a writer killed' "a torn crosswalk row: the next writer says it removed it"
whole_rows torn.tsv
ok $? "a torn crosswalk row: the shared file holds whole rows only after the next append"
run tornm "$CROSSWALK" merge torn.tsv
is "$rc" 0 "a torn crosswalk row: the file merges (no malformed row)"
# the same in a crosswalk directory: the file of a dead process is repaired
mkdir torn.cw
head -n 3 ref.merge | tail -n 2 >"torn.cw/crosswalk.$HOST.$dead.tsv"
printf 'sop_uid\t1.2.826.0.1.3680043.9999.30.1.1.1\t2.25.1234' >>"torn.cw/crosswalk.$HOST.$dead.tsv"
run torn2 "$STRIP" -k key -c torn.cw/ -o torn2 big/p1/s1
is "$rc" 0 "a torn row in the file of a dead process of -c DIR/: dcm-strip exits 0"
like "$err" "crosswalk\.$HOST\.$dead\.tsv: removed the last row, cut off" "a torn row of a dead process: the next writer into the directory removes it"
whole_rows torn.cw/*.tsv
ok $? "a torn row of a dead process: the directory holds whole rows only"
run tornm2 "$CROSSWALK" merge torn.cw
is "$rc" 0 "a torn row of a dead process: the directory merges (no malformed row)"

# ---- outputs that cannot be written -----------------------------------------------
: >plainfile
# unwritable NAME WHAT CMD...: CMD given an output under the regular file
unwritable() {
	u_name=$1
	u_what=$2
	shift 2
	run "$u_name" "$@"
	is "$rc" 2 "output under a regular file, $u_what: exit 2"
	like "$err" "plainfile[^ ]*: Not a directory" "output under a regular file, $u_what: names the path and the cause"
	unlike "$err" '\.dcmscrub\.|\.tmp\.' "output under a regular file, $u_what: names the output, not a temp file"
}
unwritable u1 "dcm-strip -o" "$STRIP" -q -k key -o plainfile/anon big/p1/s1
unwritable u2 "dcm-strip -c FILE" "$STRIP" -q -k key -c plainfile/cw.tsv -o u2 big/p1/s1
unwritable u3 "dcm-strip -c DIR/" "$STRIP" -q -k key -c plainfile/cw/ -o u3 big/p1/s1
unwritable u4 "dcm-strip -o x.zip" "$STRIP" -q -k key -o plainfile/anon.zip big/p1/s1
unwritable u5 "dcm-convert" "$CONVERT" -f nii.gz -o plainfile/nifti heads/h1
unwritable u6 "dcm-merge-frames" "$MERGE" -k key -o plainfile/merged heads/h1
unwritable u7 "dcm-deface -o" "$DEFACE" -k key -o plainfile/defaced heads/h1
unwritable u8 "dcm-deface --qc" "$DEFACE" -k key --qc plainfile/qc.png -o u8 heads/h1
unwritable u9 "dcm-crosswalk merge -o" "$CROSSWALK" merge -o plainfile/cw.tsv ref.cw
unwritable u10 "dcm-crosswalk export -o" "$CROSSWALK" export -f csv -c ref.merge -o plainfile/uids.csv
unwritable u11 "dcm-crosswalk reidentify" "$CROSSWALK" reidentify -c ref.merge -o plainfile/reid ref
unwritable u12 "dcm-crosswalk keygen" "$CROSSWALK" keygen -o plainfile/project.key
nofiles u2 && nofiles u3
ok $? "a crosswalk that cannot be created: no output file written either"

if [ "$(id -u)" -eq 0 ]; then
	skip "running as root, where mode 555 does not stop writes: the read-only directory"
	skip "running as root: the read-only directory, an existing tree"
else
	mkdir ro ro/anon
	chmod 555 ro ro/anon
	run ro1 "$STRIP" -q -k key -o ro/new big/p1/s1
	is "$rc" 2 "read-only directory (mode 555), dcm-strip -o new: exit 2, Permission denied"
	run ro2 "$STRIP" -q -k key -o ro/anon big/p1/s1
	like "$rc:$err" '^2:.*ro/anon: Permission denied' "read-only directory, existing tree: exit 2 naming it"
	chmod 755 ro ro/anon
fi

# ---- inputs that vanish ------------------------------------------------------------
mkdir -p van/p1 van/p2
cp big/p1/s1/i1.dcm big/p1/s1/i2.dcm big/p1/s1/i3.dcm van/p1/
cp big/p2/s1/i1.dcm van/p2/
printf '%s\n' van/p1/i1.dcm van/p1/i2.dcm van/p1/i3.dcm >van.lst
rm van/p1/i2.dcm
run_in v1 van.lst "$STRIP" -q -k key -o v1
is "$rc" 1 "a file of the manifest deleted before the run, dcm-strip: exit 1"
like "$err" 'van/p1/i2\.dcm: No such file or directory' "vanished file, dcm-strip: names it and the cause"
is "$(grep -vc '^#' v1.out)" 2 "vanished file, dcm-strip: the other files are written"
# a directory of the manifest removed while the run reads it
mkfifo vfifo
"$STRIP" -q -k key -o v2 <vfifo >v2.out 2>v2.err &
vpid=$!
exec 7>vfifo
echo van/p1 >&7
rm -r van/p2
echo van/p2 >&7
exec 7>&-
wait $vpid
rc=$?
t_note_san v2.err
is "$rc" 1 "a directory removed during the run, dcm-strip: exit 1"
like "$(cat v2.err)" 'van/p2: No such file or directory' "removed directory, dcm-strip: names it and the cause"
is "$(grep -vc '^#' v2.out)" 2 "removed directory, dcm-strip: the files of the other directory are written"

mkdir -p vh
cp heads/h1/*.dcm vh/
find vh -type f | LC_ALL=C sort >vh.lst
rm vh/IM0020.dcm
run_in v3 vh.lst "$CONVERT" -f nii.gz -o v3
is "$rc" 1 "a slice deleted before the run, dcm-convert: exit 1"
like "$err" 'vh/IM0020\.dcm: No such file or directory' "vanished slice, dcm-convert: names it and the cause"
run_in v4 vh.lst "$MERGE" -k key -o v4
is "$rc" 1 "a slice deleted before the run, dcm-merge-frames: exit 1"
like "$err" 'vh/IM0020\.dcm: No such file or directory' "vanished slice, dcm-merge-frames: names it and the cause"
run_in v5 vh.lst "$DEFACE" -k key -o v5
is "$rc" 1 "a slice deleted before the run, dcm-deface: exit 1"
like "$err" 'vh/IM0020\.dcm: No such file or directory' "vanished slice, dcm-deface: names it and the cause"
run_in v6 van.lst "$CROSSWALK" audit ref.merge
is "$rc" 1 "a file of the manifest deleted before the audit: exit 1"
like "$err" 'van/p1/i2\.dcm: No such file or directory' "vanished file, dcm-crosswalk audit: names it and the cause"
run v7 "$CROSSWALK" merge ref.cw no-such-crosswalk
is "$rc" 2 "a crosswalk operand that is not there, dcm-crosswalk merge: exit 2"
like "$err" 'no-such-crosswalk: No such file or directory' "missing crosswalk, merge: names it and the cause"

# ---- a closed stdout (EPIPE) -----------------------------------------------------------
# As `tool | head -n1` leaves it once head has gone, but every time: a FIFO
# whose only reader is closed before the tool writes.
mkfifo closed
exec 8<>closed
exec 9>closed
exec 8<&-
# epipe NAME WHAT DIR CMD...: CMD with stdout on a pipe nobody reads
epipe() {
	e_name=$1
	e_what=$2
	e_dir=$3
	shift 3
	"$@" >&9 2>"$e_name.err" </dev/null
	rc=$?
	t_note_san "$e_name.err"
	is "$rc" 2 "closed stdout, $e_what: exit 2"
	is "$(cat "$e_name.err")" "$(basename "$1"): stdout: Broken pipe" "closed stdout, $e_what: one message, naming the cause"
	[ "$e_dir" = - ] || is "$(leftovers "$e_dir")" "" "closed stdout, $e_what: no temp file left"
}
epipe p1 "dcm-strip -j 8" p1 "$STRIP" -j 8 -q -k key -o p1 big
epipe p2 "dcm-strip -j1" p2 "$STRIP" -j1 -q -k key -o p2 big
epipe p3 "dcm-convert --ts" p3 "$CONVERT" -f dicom --ts explicit -o p3 heads
epipe p4 "dcm-merge-frames --split" p4 "$MERGE" --split -k key -o p4 mf
epipe p5 "dcm-deface" p5 "$DEFACE" -q -k key -o p5 heads/h1
epipe p6 "dcm-crosswalk merge" - "$CROSSWALK" merge ref.cw
epipe p7 "dcm-crosswalk export" - "$CROSSWALK" export -f csv -c ref.merge
epipe p8 "dcm-crosswalk audit" - "$CROSSWALK" audit -q ref.merge big
epipe p9 "dcm-crosswalk reidentify" p9 "$CROSSWALK" reidentify -q -c ref.merge -o p9 ref
exec 9>&-
# the real thing: whether head has gone before the first write or not
{ "$STRIP" -q -k key -o p10 big 2>p10.err; echo $? >p10.rc; } | head -n 1 >p10.out
t_note_san p10.err
like "$(cat p10.rc):$(wc -l <p10.err)" '^(0:0|2:1)$' "dcm-strip | head -n1: exit 2 with one message (or 0 if all fitted in the pipe)"
is "$(leftovers p10)" "" "dcm-strip | head -n1: no temp file left"

# ---- eight processes on overlapping inputs ---------------------------------------------
# shard k: 75 of the 300 paths from k * 37; every path in two shards
for k in 0 1 2 3 4 5 6 7; do
	awk -v k=$k '{ i = (NR - 1 - int(k * 300 / 8) + 300) % 300; if (i < 75) print }' all >shard.$k
done
is "$(cat shard.* | LC_ALL=C sort -u | cmp - all && echo same)" same "8 overlapping shards cover the corpus"
# eight NAME CW: 8 concurrent dcm-strip into NAME/, crosswalk CW
eight() {
	e_pids=
	for k in 0 1 2 3 4 5 6 7; do
		"$STRIP" -q -k key -c "$2" -o "$1" <shard.$k >"$1.$k.out" 2>"$1.$k.err" &
		e_pids="$e_pids $!"
	done
	e_rc=
	for p in $e_pids; do
		wait $p
		e_rc="$e_rc $?"
	done
	for k in 0 1 2 3 4 5 6 7; do t_note_san "$1.$k.err"; done
	is "$e_rc" " 0 0 0 0 0 0 0 0" "8 processes, -c $2: exit 0 each"
	tree_sums "$1" >"$1.sums"
	cmp -s "$1.sums" ref.sums
	ok $? "8 processes, -c $2: the tree equals one process's (sha256 of every file)"
	is "$(leftovers "$1")" "" "8 processes, -c $2: no temp file left"
	cat "$1".?.out | grep -v '^#' | sed "s|^$1/||" | LC_ALL=C sort -u >"$1.recs"
	cmp -s "$1.recs" ref.recs
	ok $? "8 processes, -c $2: their manifests (sorted, unique) equal one process's"
}
mkdir e1.cw
eight e1 e1.cw/
run e1m "$CROSSWALK" merge -o e1.merge e1.cw
is "$rc" 0 "8 processes, a crosswalk directory: merge exits 0 (no conflict)"
cmp -s e1.merge ref.merge
ok $? "8 processes, a crosswalk directory: the merge equals one process's, byte for byte"
eight e2 e2.tsv
whole_rows e2.tsv
ok $? "8 processes, one shared crosswalk file: no torn or interleaved row"
is "$(grep -c '^sop_uid	' e2.tsv)" 600 "8 processes, one shared crosswalk file: a sop_uid row for each of the 600 files done"
run e2m "$CROSSWALK" merge -o e2.merge e2.tsv
cmp -s e2.merge ref.merge
ok $? "8 processes, one shared crosswalk file: the merge equals one process's"

# seven merges, each adding the crosswalk file of one of the 8 processes
# above to one file that is also their input (the first makes it)
set -- e1.cw/*.tsv
is "$#" 8 "8 processes, a crosswalk directory: one file per process"
run m0 "$CROSSWALK" merge -o all.tsv "$1"
shift
pids=
k=0
for f in "$@"; do
	k=$((k + 1))
	"$CROSSWALK" merge -o all.tsv all.tsv "$f" >m$k.out 2>m$k.err &
	pids="$pids $!"
done
mrc=
for p in $pids; do
	wait $p
	mrc="$mrc $?"
done
for k in 1 2 3 4 5 6 7; do t_note_san m$k.err; done
is "$mrc" " 0 0 0 0 0 0 0" "7 concurrent 'merge -o all.tsv all.tsv batch/': exit 0 each"
cmp -s all.tsv ref.merge
r=$?
ok $r "7 concurrent merges into one file: no batch lost (equals the merge of one run)"
[ $r -eq 0 ] || diag "$(wc -l <all.tsv) rows, want $(wc -l <ref.merge)"
is "$(stat -c %a all.tsv)" 600 "concurrent merges: the merged file has mode 0600"
is "$(find . -maxdepth 1 -name '.dcmscrub.*')" "" "concurrent merges: no temp file left"

# eight dcm-convert processes over the same heads into one tree
pids=
for k in 0 1 2 3 4 5 6 7; do
	"$CONVERT" -f nii.gz -o e3 heads >e3.$k.out 2>e3.$k.err &
	pids="$pids $!"
done
crc=
for p in $pids; do
	wait $p
	crc="$crc $?"
done
for k in 0 1 2 3 4 5 6 7; do t_note_san e3.$k.err; done
is "$crc" " 0 0 0 0 0 0 0 0" "8 dcm-convert processes into one tree: exit 0 each"
tree_sums e3 >e3.sums
cmp -s e3.sums refc.sums
ok $? "8 dcm-convert processes into one tree: the tree equals one process's"

is "$(inputs_sum)" "$INSUM" "after every fault: the inputs are unchanged (checksums)"
done_testing
