#!/bin/sh
# Determinism: the same inputs, options and key give byte-identical outputs
# and the same crosswalk rows, whatever the order of the inputs, the number
# of processes or where the inputs are; a re-run over an existing output
# changes nothing and leaves no temp file.
. "$(dirname "$0")/lib.sh"

# 3 patients x 2 series x 5 slices = 30 files, plus an MR series
gen_tree "$tmp/in" 3 2 5 || bail "cannot generate the fixtures"
R=1.2.826.0.1.3680043.9999.32
: >"$tmp/spec"
for i in 1 2 3; do
	echo "$tmp/in/mr/i$i.dcm class=mr PatientID=PID2 PatientName=DOE^PAT2 StudyInstanceUID=1.2.826.0.1.3680043.9999.30.2 SeriesInstanceUID=$R.1 SOPInstanceUID=$R.1.$i InstanceNumber=$i PatientAge=052Y px=$((900 + i))" >>"$tmp/spec"
done
gen_dcm "$tmp/spec" || bail "cannot generate the MR fixtures"
mkkey "$tmp/key" $KEY1
K="-k $tmp/key"
nin=$(find "$tmp/in" -type f | wc -l)
is "$nin" 33 "33 input files"

find "$tmp/in" -type f | LC_ALL=C sort >"$tmp/all"
LC_ALL=C sort -r "$tmp/all" >"$tmp/rev"
head -n 16 "$tmp/all" >"$tmp/half1"
tail -n +17 "$tmp/all" >"$tmp/half2"

# the crosswalk rows of a run: the union of its files, sorted, deduplicated
cwrows() { cat "$1"/crosswalk.*.tsv | LC_ALL=C sort -u; }
# the records of a run, without the header, the -o prefix taken off
recs() { grep -v '^#' "$1" | sed "s|^$2/||" | LC_ALL=C sort; }

for o in "" "-O retain-long-modified-dates --keep PatientAge,PatientSex"; do
	tag=${o:+" ($o)"}
	rm -rf "$tmp/A" "$tmp/B" "$tmp/C" "$tmp/cwA" "$tmp/cwB" "$tmp/cwC"
	mkdir "$tmp/cwA" "$tmp/cwB" "$tmp/cwC"

	# A: the tree
	run A "$STRIP" $K $o -c "$tmp/cwA" -o "$tmp/A" "$tmp/in"
	is "$rc" 0 "A: the tree$tag: exit 0"
	# B: a manifest on stdin, in reverse order
	run_in B "$tmp/rev" "$STRIP" $K $o -c "$tmp/cwB" -o "$tmp/B"
	is "$rc" 0 "B: reversed manifest on stdin$tag: exit 0"
	# C: two concurrent processes, one -o, one crosswalk directory
	"$STRIP" $K $o -c "$tmp/cwC" -o "$tmp/C" <"$tmp/half1" >"$tmp/C1.out" 2>"$tmp/C1.err" &
	p1=$!
	"$STRIP" $K $o -c "$tmp/cwC" -o "$tmp/C" <"$tmp/half2" >"$tmp/C2.out" 2>"$tmp/C2.err" &
	p2=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	t_note_san "$tmp/C1.err"
	t_note_san "$tmp/C2.err"
	is "$r1 $r2" "0 0" "C: two concurrent halves$tag: exit 0 and 0"
	is "$(ls "$tmp/cwC" | wc -l)" 2 "C: one crosswalk file per process$tag"

	tree_sums "$tmp/A" >"$tmp/A.sums"
	tree_sums "$tmp/B" >"$tmp/B.sums"
	tree_sums "$tmp/C" >"$tmp/C.sums"
	is "$(wc -l <"$tmp/A.sums")" 33 "A: 33 files written$tag"
	cut -c67- "$tmp/A.sums" >"$tmp/A.list"
	cut -c67- "$tmp/B.sums" >"$tmp/B.list"
	cut -c67- "$tmp/C.sums" >"$tmp/C.list"
	[ -s "$tmp/A.list" ] && cmp -s "$tmp/A.list" "$tmp/B.list"
	ok $? "A and B: the same file list$tag"
	[ -s "$tmp/A.list" ] && cmp -s "$tmp/A.list" "$tmp/C.list"
	ok $? "A and C: the same file list$tag"
	[ -s "$tmp/A.sums" ] && cmp -s "$tmp/A.sums" "$tmp/B.sums"
	ok $? "A and B: byte-identical files$tag"
	[ -s "$tmp/A.sums" ] && cmp -s "$tmp/A.sums" "$tmp/C.sums"
	ok $? "A and C: byte-identical files$tag"
	if ! cmp -s "$tmp/A.sums" "$tmp/C.sums"; then
		diff "$tmp/A.sums" "$tmp/C.sums" | head -n 6 | sed 's/^/# /'
	fi

	recs "$tmp/A.out" "$tmp/A" >"$tmp/A.recs"
	recs "$tmp/B.out" "$tmp/B" >"$tmp/B.recs"
	cat "$tmp/C1.out" "$tmp/C2.out" >"$tmp/C.out"
	recs "$tmp/C.out" "$tmp/C" >"$tmp/C.recs"
	is "$(wc -l <"$tmp/A.recs")" 33 "A: 33 records$tag"
	[ -s "$tmp/A.recs" ] && cmp -s "$tmp/A.recs" "$tmp/B.recs" && cmp -s "$tmp/A.recs" "$tmp/C.recs"
	ok $? "A, B and C: the same records$tag"

	cwrows "$tmp/cwA" >"$tmp/A.cw"
	cwrows "$tmp/cwB" >"$tmp/B.cw"
	cwrows "$tmp/cwC" >"$tmp/C.cw"
	[ -s "$tmp/A.cw" ] && [ "$(grep -c '^sop_uid	' "$tmp/A.cw")" -eq 33 ]
	ok $? "A: the crosswalk has a sop_uid row for every file$tag"
	[ -s "$tmp/A.cw" ] && cmp -s "$tmp/A.cw" "$tmp/B.cw"
	ok $? "A and B: the same crosswalk rows$tag"
	[ -s "$tmp/A.cw" ] && cmp -s "$tmp/A.cw" "$tmp/C.cw"
	ok $? "A and C: the same crosswalk rows$tag"
	if ! cmp -s "$tmp/A.cw" "$tmp/C.cw"; then
		diff "$tmp/A.cw" "$tmp/C.cw" | head -n 6 | sed 's/^/# /'
	fi
	# no row kind has two pseudonyms for one original (but a name or a date of
	# birth may be two patients')
	n=$(cut -f1,2 "$tmp/C.cw" | grep -v -e '^path	' -e '^birth_date	' -e '^patient_name	' |
	    LC_ALL=C sort | uniq -d | wc -l)
	[ -s "$tmp/C.cw" ] && [ "$n" -eq 0 ]
	ok $? "C: no original with two pseudonyms in the crosswalk$tag"
done

# The place of the inputs does not matter (only the crosswalk's path rows).
cp -R "$tmp/in" "$tmp/elsewhere"
run E "$STRIP" $K -o "$tmp/E" "$tmp/elsewhere"
run A "$STRIP" $K -c "$tmp/cwA" -o "$tmp/A0" "$tmp/in"
tree_sums "$tmp/E" >"$tmp/E.sums"
tree_sums "$tmp/A0" >"$tmp/A0.sums"
[ -s "$tmp/A0.sums" ] && cmp -s "$tmp/A0.sums" "$tmp/E.sums"
ok $? "the same files from a copy of the tree elsewhere"

# Re-running A over its own output: the same files, no temp file left.
rm -rf "$tmp/cwA" && mkdir "$tmp/cwA"
run A1 "$STRIP" $K -c "$tmp/cwA" -o "$tmp/A" "$tmp/in"
tree_sums "$tmp/A" >"$tmp/A1.sums"
# a temp file of a dead process of this host, as a killed run leaves it
d=$(dirname "$(grep -v '^#' "$tmp/A1.out" | head -n1 | cut -f1)")
dead=4000000
while [ -d "/proc/$dead" ]; do dead=$((dead + 1)); done
stale="$d/.dcmscrub.$(hostname).$dead.Ab12Cd"
head -c 100 "$tmp/in/p1/s1/i1.dcm" >"$stale"
run A2 "$STRIP" $K -c "$tmp/cwA" -o "$tmp/A" "$tmp/in"
is "$rc" 0 "re-run over an existing output: exit 0"
is "$(nrecords "$tmp/A2.out")" 33 "re-run: a record for every file again"
tree_sums "$tmp/A" >"$tmp/A2.sums"
[ -s "$tmp/A1.sums" ] && cmp -s "$tmp/A1.sums" "$tmp/A2.sums"
ok $? "re-run: byte-identical files"
is "$(leftovers "$tmp/A")" "" "re-run: no .dcmscrub.* temp file left (a dead run's is removed)"
is "$(ls "$tmp/cwA" | wc -l)" 2 "re-run: a crosswalk file of its own"
cat "$tmp"/cwA/crosswalk.*.tsv | LC_ALL=C sort | uniq -c | awk '$1 != 2' | grep -v '	path	' >"$tmp/A2.odd"
[ "$(cat "$tmp"/cwA/crosswalk.*.tsv | wc -l)" -gt 66 ] && [ ! -s "$tmp/A2.odd" ]
ok $? "re-run: the same crosswalk rows as the first run"

# Workers: one, two and eight give the same files and the same stdout, in input order.
for j in 1 2 8; do
	run J$j "$STRIP" $K -j $j -c "$tmp/cwJ$j/" -o "$tmp/J$j" "$tmp/in"
	is "$rc" 0 "-j $j: exit 0"
	tree_sums "$tmp/J$j" >"$tmp/J$j.sums"
	sed "s|$tmp/J$j/||" "$tmp/J$j.out" >"$tmp/J$j.rec"
done
[ -s "$tmp/J1.sums" ] && cmp -s "$tmp/J1.sums" "$tmp/J2.sums" && cmp -s "$tmp/J1.sums" "$tmp/J8.sums"
ok $? "-j 1, 2, 8: byte-identical output trees"
cmp -s "$tmp/J1.rec" "$tmp/J2.rec" && cmp -s "$tmp/J1.rec" "$tmp/J8.rec"
ok $? "-j 1, 2, 8: the same records in the same order"
cat "$tmp"/cwJ1/*.tsv | LC_ALL=C sort >"$tmp/J1.cw"
cat "$tmp"/cwJ8/*.tsv | LC_ALL=C sort >"$tmp/J8.cw"
[ -s "$tmp/J1.cw" ] && cmp -s "$tmp/J1.cw" "$tmp/J8.cw"
ok $? "-j 1 and 8: the same crosswalk rows"
run J0 "$STRIP" $K -j 0 -o "$tmp/J0" "$tmp/in"
is "$rc" 2 "-j 0: a usage error"

done_testing
