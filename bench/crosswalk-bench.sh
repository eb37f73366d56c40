#!/bin/bash
# crosswalk-bench.sh: time dcm-crosswalk merge and audit beside the plain
# Unix tools that do the same job.
#
#   usage: bash bench/crosswalk-bench.sh     (after make; not part of make check)
#
# merge  10 shard files of 1 million crosswalk rows each, as ten dcm-strip
#        processes would write them (sop_uid and path rows for each
#        instance, the patient, study and series rows, about 10% of rows
#        repeated from other shards), merged two ways:
#          bin/dcm-crosswalk merge -o out shards/
#          LC_ALL=C sort -u shards/* > out2
#        The outputs must hold the same rows (out has a header comment
#        more).  Target: merge within 1.5x of sort -u's wall time.
# audit  a tree of 10,000 small de-identified DICOM files, generated with
#        pydicom, and a crosswalk of one million original values, a few of
#        which are planted in some of the files (in a text element, a
#        private element, a nested sequence, a leaked UID or ID):
#          bin/dcm-crosswalk audit cw.tsv tree/
#          grep -rlF -f values.txt tree/
#        where values.txt holds the strings audit looks for (the originals,
#        names split into their components).  Both must find every planted
#        file.  Target: audit no slower than grep.
# Each command runs once to warm the page cache, then once more (or
# BENCH_RUNS times, in rounds, reporting the median), timed with
# date +%s.%N; bash's time gives the CPU time (user + system).  Every
# timed run ends with sync(1), because merge syncs its output before it
# renames it into place and sort does not (BENCH_SYNC=0 leaves it out).
#
# Environment: BENCH_DIR (work directory, default a new one under $TMPDIR
# or /tmp; removed at the end unless KEEP=1), BENCH_ROWS (10000000 rows in
# all), BENCH_SHARDS (10), BENCH_FILES (10000), BENCH_VALUES (1000000),
# BENCH_PLANT (files with a planted value, 20), BENCH_RUNS (1), BENCH_SYNC
# (1), BENCH_ONLY (merge or audit: one half only), DCMCROSSWALK (the binary,
# default bin/dcm-crosswalk).  Try it small first:
#   BENCH_ROWS=100000 BENCH_FILES=500 BENCH_VALUES=10000 bash bench/crosswalk-bench.sh
set -eu
set -o pipefail

cd "$(dirname "$0")/.."
top=$PWD
cw=${DCMCROSSWALK:-$top/bin/dcm-crosswalk}
py=/usr/bin/python3
nrows=${BENCH_ROWS:-10000000}
nshards=${BENCH_SHARDS:-10}
nfiles=${BENCH_FILES:-10000}
nvalues=${BENCH_VALUES:-1000000}
nplant=${BENCH_PLANT:-20}
nruns=${BENCH_RUNS:-1}
dosync=${BENCH_SYNC:-1}
only=${BENCH_ONLY:-}

die() { echo "crosswalk-bench: $*" >&2; exit 2; }
note() { echo "crosswalk-bench: $*" >&2; }

for v in nrows nshards nfiles nvalues nplant nruns; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v=${!v}: not a number"
done
[ "$nplant" -le "$nfiles" ] || die "BENCH_PLANT ($nplant) is more than BENCH_FILES ($nfiles)"
case $only in '' | merge | audit) ;; *) die "BENCH_ONLY=$only: merge or audit" ;; esac
[ -x "$cw" ] || die "$cw not found: run make first"
"$py" -c 'import pydicom' 2>/dev/null ||
	die "$py with pydicom is needed: sh scripts/install-deps"

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-cwbench.XXXXXX")
fi
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
fstype=$(df -PT "$work" | awk 'NR == 2 { print $2 }')
# Original values are fake, but the files are made like real ones: 0600.
umask 077

# --- data ------------------------------------------------------------------
# gen_shards DIR ROWS SHARDS: the crosswalk files of SHARDS dcm-strip
# processes, ROWS rows in all, in the order a process writes them.  Every
# UID, original or pseudonym, is "2.25." and 39 random digits; paths are
# like those of an export and of dcm-strip's default layout.  About 10% of
# the rows of each shard are copies of rows written before (by this shard
# or another): the rows of a patient, study or series split over several
# processes, and of files given twice.  No two rows conflict.
gen_shards() {
	"$py" - "$@" <<'EOF'
import os, random, sys
out, nrows, nshards = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(20261201)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
def uid():
    return "2.25.%d" % rnd.randrange(10**38, 10**39)
ring, rpos, RING = [], 0, 200000
def keep(row):
    global rpos
    if len(ring) < RING:
        ring.append(row)
    else:
        ring[rpos] = row
        rpos = (rpos + 1) % RING
npat = 0
os.makedirs(out, exist_ok=True)
for s in range(nshards):
    want = nrows // nshards + (1 if s < nrows % nshards else 0)
    rows = []
    while len(rows) < want:
        # a patient: one study of 3 series of 30 to 200 instances
        npat += 1
        pp = "P" + "".join(rnd.choice(B32) for _ in range(12))
        ps = uid()
        batch = [
            "patient_id\tMRN%09d\t%s\n" % (npat, pp),
            "patient_name\tPATIENT%d^%s\t%s\n" % (npat, "".join(rnd.choice(B32[:26]) for _ in range(7)), pp),
            "birth_date\t19%02d%02d%02d\t%s\n" % (rnd.randrange(30, 99), rnd.randrange(1, 13), rnd.randrange(1, 29), pp),
            "study_uid\t%s\t%s\n" % (uid(), ps),
            "accession\tACC%010d\t%s\n" % (npat, ps),
        ]
        for se in range(3):
            pse = uid()
            batch.append("series_uid\t%s\t%s\n" % (uid(), pse))
            for i in range(rnd.randrange(30, 200)):
                psop = uid()
                batch.append("sop_uid\t%s\t%s\n" % (uid(), psop))
                batch.append("path\t/pacs/export/%07d/S%d/IM%05d.dcm\t%s/%s/%s/%s.dcm\n"
                             % (npat, se + 1, i + 1, pp, ps, pse, psop))
        for r in batch:
            keep(r)
            rows.append(r)
            if rnd.random() < 1 / 9:    # 10% of all rows
                rows.append(rnd.choice(ring))
    with open(os.path.join(out, "crosswalk.bench.%d.tsv" % (s + 1)), "w") as f:
        f.writelines(rows[:want])
EOF
}

# gen_tree DIR NFILES NVALUES NPLANT: DIR/tree/ of NFILES de-identified
# CT files (pseudonyms, 2.25 UIDs, a few sequences and private elements,
# 16x16 pixels), DIR/cw.tsv of crosswalk rows whose originals are about
# NVALUES distinct values, DIR/values.txt of the strings audit looks for,
# and DIR/planted.txt, the files in which an original was planted.
# Originals hold letters (MRN..., ACC..., names) or are 1.2.840... UIDs, so
# none turns up by chance inside a pseudonym or a 2.25 UID, except the
# birth dates: 8 digits, which grep, knowing no boundaries, finds inside
# the 39 digits of some UIDs (a few per cent of the files), and audit,
# matching at boundaries only, does not.
gen_tree() {
	"$py" - "$@" <<'EOF'
import os, random, sys
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.dataelem import DataElement
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian
out, nfiles, nvalues, nplant = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(1201)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
def puid():
    return "2.25.%d" % rnd.randrange(10**38, 10**39)
def ouid(n):
    return "1.2.840.113619.2.55.3.%d.%d" % (rnd.randrange(10**8, 10**9), n)
def word():
    return "".join(rnd.choice(B32[:26]) for _ in range(rnd.randrange(7, 11)))

# The crosswalk: per patient 20 values (ID, 2 name components, birth
# date, accession, study, 2 series, 12 instances).
rows, values, n = [], set(), 0
by_kind = {}
while len(values) < nvalues:
    n += 1
    pp = "P" + "".join(rnd.choice(B32) for _ in range(12))
    st = puid()
    name = "%s^%s" % (word(), word())
    pat = [("patient_id", "MRN%09d" % n, pp),
           ("patient_name", name, pp),
           ("birth_date", "19%02d%02d%02d" % (rnd.randrange(30, 99), rnd.randrange(1, 13), rnd.randrange(1, 29)), pp),
           ("accession", "ACC%010d" % n, st),
           ("study_uid", ouid(n), st)]
    for _ in range(2):
        pat.append(("series_uid", ouid(n), puid()))
    for _ in range(12):
        pat.append(("sop_uid", ouid(n), puid()))
    for k, o, p in pat:
        rows.append("%s\t%s\t%s\n" % (k, o, p))
        if k == "patient_name":
            for c in o.split("^"):
                values.add(c)
                by_kind.setdefault(k, []).append(c)
        else:
            values.add(o)
            by_kind.setdefault(k, []).append(o)
with open(os.path.join(out, "cw.tsv"), "w") as f:
    f.write("#kind\toriginal\tpseudonym\n")
    f.writelines(rows)
with open(os.path.join(out, "values.txt"), "w") as f:
    f.writelines(v + "\n" for v in sorted(values))

CT = "1.2.840.10008.5.1.4.1.1.2"
pix = bytes(range(256)) * 2
planted = set(rnd.sample(range(nfiles), nplant))
# Where an original goes in a planted file: (kind, how).
ways = [("patient_id", "desc"), ("patient_name", "private"), ("sop_uid", "refseq"),
        ("accession", "accession"), ("birth_date", "birth"), ("series_uid", "deepseq"),
        ("patient_name", "comments"), ("study_uid", "private")]
plist = []
studies = {}
for i in range(nfiles):
    p = i // 50                         # 50 files a patient, 2 series
    if p not in studies:
        studies[p] = ("P" + "".join(rnd.choice(B32) for _ in range(12)), puid(), [puid(), puid()], puid())
    pp, st, series, frame = studies[p]
    se = (i // 25) % 2
    sop = puid()
    fm = FileMetaDataset()
    fm.MediaStorageSOPClassUID = CT
    fm.MediaStorageSOPInstanceUID = sop
    fm.TransferSyntaxUID = ExplicitVRLittleEndian
    fm.ImplementationClassUID = "1.2.826.0.1.3680043.9.7433.1.1"
    ds = Dataset()
    ds.file_meta = fm
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["DERIVED", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = CT
    ds.SOPInstanceUID = sop
    ds.StudyDate = "20190704"
    ds.Modality = "CT"
    ds.Manufacturer = "Bench Medical"
    ds.StudyDescription = "CT CHEST W/O CONTRAST"
    ds.SeriesDescription = "AXIAL 1.0"
    ds.PatientName = pp
    ds.PatientID = pp
    ds.PatientSex = "F" if p % 2 else "M"
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "DICOM PS3.15 E.1 Basic Application Confidentiality Profile"
    ds.StudyInstanceUID = st
    ds.SeriesInstanceUID = series[se]
    ds.FrameOfReferenceUID = frame
    ds.SeriesNumber = se + 1
    ds.InstanceNumber = i % 25 + 1
    ref = Dataset()
    ref.ReferencedSOPClassUID = CT
    ref.ReferencedSOPInstanceUID = puid()
    ds.ReferencedImageSequence = Sequence([ref])
    ds.add(DataElement(0x00090010, "LO", "BENCH PRIVATE"))
    ds.add(DataElement(0x00091001, "LO", "reconstruction kernel B30f"))
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = 16
    ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = pix
    if i in planted:
        kind, how = ways[len(plist) % len(ways)]
        v = rnd.choice(by_kind[kind])
        if how == "desc":
            ds.StudyDescription = "CT CHEST for %s W/O" % v
        elif how == "private":
            ds[0x00091001].value = "note %s" % v
        elif how == "refseq":
            ref.ReferencedSOPInstanceUID = v
        elif how == "accession":
            ds.AccessionNumber = v
        elif how == "birth":
            ds.PatientBirthDate = v
        elif how == "deepseq":
            inner = Dataset()
            inner.SeriesInstanceUID = v
            outer = Dataset()
            outer.ReferencedSeriesSequence = Sequence([inner])
            ds.ReferencedStudySequence = Sequence([outer])
        elif how == "comments":
            ds.PatientComments = "seen by %s today" % v
    d = os.path.join(out, "tree", pp, st, series[se])
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, sop + ".dcm")
    ds.save_as(path, write_like_original=False)
    if i in planted:
        plist.append(path)
with open(os.path.join(out, "planted.txt"), "w") as f:
    f.writelines(p + "\n" for p in sorted(plist))
EOF
}

# --- timing ------------------------------------------------------------------
TIMEFORMAT='%3R %3U %3S'
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A walls cpus status
once() {	# once NAME COMMAND...: one run, timed; appends to walls and cpus
	local name=$1 st=0 t0 t1 user sys
	shift
	sync
	t0=$(date +%s.%N)
	{ time "$@" 2> "$work/$name.err" || st=$? ; } 2> "$work/time"
	[ "$dosync" = 0 ] || sync
	t1=$(date +%s.%N)
	read -r _ user sys < "$work/time"
	walls[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') "
	cpus[$name]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }') "
	status[$name]=$st
}
# rounds NAME... : a warm-up round of run_NAME each, then nruns timed rounds
rounds() {
	local n i
	for n; do once "$n" "run_$n"; done
	for n; do walls[$n]=''; cpus[$n]=''; done
	for ((i = 1; i <= nruns; i++)); do
		for n; do once "$n" "run_$n"; done
	done
}
# shellcheck disable=SC2086	# one time a word
wall() { printf '%s\n' ${walls[$1]} | median; }
# shellcheck disable=SC2086
cpu() { printf '%s\n' ${cpus[$1]} | median; }

run_merge() { "$cw" merge -o "$work/merged.tsv" "$work/shards/"; }
run_sort() { LC_ALL=C sort -u "$work"/shards/* > "$work/sorted.tsv"; }
# audit exits 1 when it finds something, which it should; grep exits 0.
run_audit() { "$cw" audit "$work/cw.tsv" "$work/tree/" > "$work/audit.tsv" || [ $? -eq 1 ]; }
run_grep() { grep -rlF -f "$work/values.txt" "$work/tree/" > "$work/grep.txt"; }

results=()	# "test tool size unit wall cpu status"
checks=()

if [ "$only" != audit ]; then
	note "work directory $work ($fstype); generating $nrows rows in $nshards shards"
	gen_shards "$work/shards" "$nrows" "$nshards"
	note "shards: $(du -sh "$work/shards" | cut -f1); timing merge and sort -u: a warm-up round, then $nruns"
	rounds merge sort
	for t in merge sort; do
		results+=("merge $t $nrows rows $(wall $t) $(cpu $t) ${status[$t]}")
	done
	# The same rows: merge's output less its header comment is sort -u's.
	if [ "${status[merge]}" -eq 0 ] && [ "${status[sort]}" -eq 0 ] &&
	    grep -v '^#' "$work/merged.tsv" | cmp -s - "$work/sorted.tsv"; then
		checks+=("merge: same rows as sort -u ($(wc -l < "$work/sorted.tsv") distinct of $nrows)")
	else
		checks+=("merge: OUTPUTS DIFFER from sort -u (exit ${status[merge]}, ${status[sort]}; KEEP=1 to look)")
		head -n 5 "$work/merge.err" | sed 's/^/    /' >&2
	fi
	rm -rf "$work/shards" "$work/merged.tsv" "$work/sorted.tsv"
fi

if [ "$only" != merge ]; then
	note "generating $nfiles files and a crosswalk of $nvalues values"
	gen_tree "$work" "$nfiles" "$nvalues" "$nplant"
	note "tree: $(du -sh "$work/tree" | cut -f1), crosswalk $(du -sh "$work/cw.tsv" | cut -f1);" \
	    "timing audit and grep -rlF: a warm-up round, then $nruns"
	rounds audit grep
	for t in audit grep; do
		results+=("audit $t $nfiles files $(wall $t) $(cpu $t) ${status[$t]}")
	done
	# The same spelling of every path (the tools may write tree//x).
	slashes() { sed 's#//*#/#g' | LC_ALL=C sort -u; }
	grep -v '^#' "$work/audit.tsv" | cut -f1 | slashes > "$work/audit.files"
	slashes < "$work/grep.txt" > "$work/grep.files"
	slashes < "$work/planted.txt" > "$work/planted.files"
	np=$(wc -l < "$work/planted.txt")
	for t in audit grep; do
		miss=$(LC_ALL=C comm -23 "$work/planted.files" "$work/$t.files" | wc -l)
		extra=$(LC_ALL=C comm -13 "$work/planted.files" "$work/$t.files" | wc -l)
		# Other files found: how many an all-digit value (a birth date)
		# inside a longer number explains.
		why=
		if [ "$extra" -gt 0 ]; then
			grep -E '^[0-9]+$' "$work/values.txt" > "$work/digits.txt" || :
			nd=$(LC_ALL=C comm -13 "$work/planted.files" "$work/$t.files" |
				tr '\n' '\0' | xargs -0 -r grep -lF -f "$work/digits.txt" | wc -l)
			why=" ($nd of them with an all-digit original inside a longer number)"
		fi
		if [ "$miss" -eq 0 ]; then
			checks+=("$t: found all $np planted files$([ "$extra" -eq 0 ] || echo ", and $extra other files$why")")
		else
			checks+=("$t: MISSED $miss of $np planted files$([ "$extra" -eq 0 ] || echo ", found $extra other files$why")")
		fi
	done
	note "audit's stderr: $(tr '\n' ' ' < "$work/audit.err")"
fi

# --- the report ---------------------------------------------------------------
echo "# crosswalk-bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $fstype"
echo "# $("$cw" --version 2>&1 | head -n 1), $(sort --version | head -n 1), $(grep --version | head -n 1)"
echo "# a warm-up round, then $nruns timed round(s) (medians); final sync included: $([ "$dosync" = 0 ] && echo no || echo yes)"
printf '%-6s %-14s %10s %-5s %8s %8s %12s %s\n' test tool size unit wall_s cpu_s per_s note
for r in "${results[@]}"; do
	read -r test tool size unit wall cpu st <<< "$r"
	case $tool in
	merge) name="dcm-crosswalk" ;; audit) name="dcm-crosswalk" ;;
	sort) name="sort -u" ;; grep) name="grep -rlF" ;;
	esac
	awk -v t="$test" -v n="$name" -v s="$size" -v u="$unit" -v w="$wall" -v c="$cpu" -v st="$st" 'BEGIN {
		printf "%-6s %-14s %10d %-5s %8.3f %8.3f %12.0f %s\n", t, n, s, u, w, c, s / w, (st != 0 ? "exit " st : "")
	}'
done
echo "# size: rows merged or files audited; per_s: of them, by wall time"
for t in "${!walls[@]}"; do echo "# wall times of $t: ${walls[$t]}"; done | LC_ALL=C sort
for r in "${checks[@]}"; do echo "# check: $r"; done
echo
if [ "$only" != audit ]; then
	awk -v a="$(wall merge)" -v b="$(wall sort)" 'BEGIN {
		printf "merge: dcm-crosswalk merge / sort -u wall time: %.2fx (target <= 1.5x: %s)\n", a / b, (a / b <= 1.5 ? "met" : "NOT met") }'
fi
if [ "$only" != merge ]; then
	awk -v a="$(wall audit)" -v b="$(wall grep)" 'BEGIN {
		printf "audit: dcm-crosswalk audit / grep -rlF wall time: %.2fx (target <= 1x: %s)\n", a / b, (a / b <= 1 ? "met" : "NOT met") }'
fi
