#!/bin/sh
# Sharded runs: a corpus split into 4 shards, stripped by 4 concurrent
# processes (GNU parallel, and plain background jobs) with one key, one -o
# and one crosswalk directory, gives the same files as one process over the
# whole corpus, and `dcm-crosswalk merge` of the shards' crosswalk equals
# the merge of the single run's, byte for byte; a re-run changes nothing;
# 4 processes appending to one -c FILE lose nothing.
. "$(dirname "$0")/lib.sh"
CROSSWALK=$BIN/dcm-crosswalk
[ -x "$CROSSWALK" ] || bail "$CROSSWALK not built (run make)"
cd "$tmp" || bail "cannot cd to $tmp"

HDR=$(printf '#kind\toriginal\tpseudonym')

# 4 patients x 2 series x 5 slices = 40 files
gen_tree in 4 2 5 || bail "cannot generate the fixtures"
mkkey key $KEY1
find in -type f | LC_ALL=C sort >all
is "$(wc -l <all)" 40 "40 input files"
for k in 0 1 2 3; do
	awk -v k=$k 'NR % 4 == k' all >shard.$k
done
is "$(cat shard.0 shard.1 shard.2 shard.3 | LC_ALL=C sort | cmp - all && echo same)" same "4 shards cover the corpus"

# the reference: one process over the whole corpus
mkdir cw1
run one "$STRIP" -q -k key -c cw1/ -o one in
is "$rc" 0 "one process over the corpus: exit 0"
tree_sums one >one.sums
is "$(wc -l <one.sums)" 40 "one process: 40 files"
run m1 "$CROSSWALK" merge -o one.merge cw1
is "$rc" 0 "merge of the single run's crosswalk: exit 0"
[ "$(grep -vc '^#' one.merge 2>/dev/null)" -gt 40 ]
ok $? "merge of the single run: has rows"

# sorted, unique, one header: MERGEFILE DESC
sorted_unique() {
	[ "$(head -n1 "$1")" = "$HDR" ] && [ "$(grep -c '^#' "$1")" -eq 1 ] &&
	    tail -n +2 "$1" | LC_ALL=C sort -c 2>/dev/null &&
	    [ "$(tail -n +2 "$1" | uniq -d | wc -l)" -eq 0 ]
	ok $? "$2"
}
sorted_unique one.merge "the single run's merge: one header, sorted, unique"

# bg_shards OUT CW: 4 concurrent background dcm-strip processes, one per shard
bg_shards() {
	pids=
	for k in 0 1 2 3; do
		"$STRIP" -q -k key -c "$2" -o "$1" <shard.$k >"$1.$k.out" 2>"$1.$k.err" &
		pids="$pids $!"
	done
	bg_rc=
	for p in $pids; do
		wait $p
		bg_rc="$bg_rc $?"
	done
	for k in 0 1 2 3; do t_note_san "$1.$k.err"; done
}

# check_run NAME OUTDIR MERGEFILE: the tree and the merge equal the single run's
check_run() {
	tree_sums "$2" >"$2.sums"
	cut -c67- "$2.sums" >"$2.list"
	cut -c67- one.sums >one.list
	[ -s one.list ] && cmp -s one.list "$2.list"
	ok $? "$1: the same file list as one process"
	[ -s one.sums ] && cmp -s one.sums "$2.sums"
	ok $? "$1: byte-identical files (sha256 of every file)"
	[ -s one.merge ] && cmp -s one.merge "$3"
	r=$?
	ok $r "$1: the merge of the crosswalk is byte-identical to the single run's"
	[ $r -eq 0 ] || diff one.merge "$3" | head -n 6 | sed 's/^/# /'
	sorted_unique "$3" "$1: the merge has one header, sorted, unique rows"
	is "$(leftovers "$2")" "" "$1: no temp file left"
}

# ---- GNU parallel, 4 local workers ------------------------------------------
if have parallel; then
	mkdir cwP
	parallel -j4 --will-cite "'$STRIP' -q -k key -c cwP/ -o P <{} >{}.P.out 2>{}.P.err" ::: shard.0 shard.1 shard.2 shard.3
	is "$?" 0 "parallel -j4: every shard exits 0"
	for k in 0 1 2 3; do t_note_san shard.$k.P.err; done
	is "$(ls cwP | wc -l)" 4 "parallel -j4: one crosswalk file per process"
	is "$(cat shard.*.P.out | grep -vc '^#')" 40 "parallel -j4: 40 records in all"
	run mP "$CROSSWALK" merge -o P.merge cwP
	is "$rc" 0 "merge of the shards' crosswalk directory: exit 0"
	check_run "parallel -j4" P P.merge
	# the same job again: idempotent
	parallel -j4 --will-cite "'$STRIP' -q -k key -c cwP/ -o P <{} >{}.P2.out 2>{}.P2.err" ::: shard.0 shard.1 shard.2 shard.3
	is "$?" 0 "parallel -j4 re-run: every shard exits 0"
	for k in 0 1 2 3; do t_note_san shard.$k.P2.err; done
	is "$(ls cwP | wc -l)" 8 "parallel -j4 re-run: 4 more crosswalk files"
	is "$(cat shard.*.P2.out | grep -vc '^#')" 40 "parallel -j4 re-run: 40 records again"
	run mP2 "$CROSSWALK" merge -o P2.merge cwP
	is "$rc" 0 "merge after the re-run: exit 0 (no conflict)"
	check_run "parallel -j4 re-run" P P2.merge
else
	skip "GNU parallel is absent: the parallel -j4 shards"
fi

# ---- 4 background processes, one crosswalk directory ------------------------
mkdir cwB
bg_shards B cwB/
is "$bg_rc" " 0 0 0 0" "4 background shards: exit 0 each"
is "$(ls cwB | wc -l)" 4 "4 background shards: one crosswalk file per process"
run mB "$CROSSWALK" merge -o B.merge cwB
is "$rc" 0 "merge of the background shards' crosswalk: exit 0"
check_run "4 background shards" B B.merge
bg_shards B cwB/
is "$bg_rc" " 0 0 0 0" "4 background shards re-run: exit 0 each"
is "$(cat B.0.out B.1.out B.2.out B.3.out | grep -vc '^#')" 40 "background re-run: 40 records"
run mB2 "$CROSSWALK" merge -o B2.merge cwB
is "$rc" 0 "merge after the background re-run: exit 0 (no conflict)"
check_run "4 background shards re-run" B B2.merge

# ---- 4 background processes appending to one -c FILE ------------------------
bg_shards F shared.tsv
is "$bg_rc" " 0 0 0 0" "4 shards appending to one -c FILE: exit 0 each"
is "$(stat -c %a shared.tsv 2>/dev/null)" 600 "the shared crosswalk file: mode 0600"
awk -F'\t' '!/^#/ && (NF != 3 || $1 == "" || $2 == "" || $3 == "")' shared.tsv >torn
is "$(wc -l <torn)" 0 "the shared crosswalk file: no torn or interleaved row"
is "$(grep -c '^sop_uid	' shared.tsv)" 40 "the shared crosswalk file: a sop_uid row for every file"
run mF "$CROSSWALK" merge -o F.merge shared.tsv
is "$rc" 0 "merge of the shared -c FILE: exit 0"
check_run "one shared -c FILE" F F.merge

done_testing
