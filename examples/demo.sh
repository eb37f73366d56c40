#!/bin/sh
# demo.sh: run the whole dcmscrub pipeline on a generated sample study, then
# say what it did.  Run by `make demo`, or by hand from anywhere after
# `make`:  sh examples/demo.sh
#
# The study (fake PHI): a CT, an MR and a CBCT-like scan of a synthetic head,
# two thin phantom series and a structured report.  The journey:
#   dcm-crosswalk keygen              a project key
#   dcm-strip        -> anon/         headers de-identified (PS3.15 Annex E)
#   dcm-deface       -> defaced/      faces removed; QC pictures in qc/
#   dcm-merge-frames -> merged/       each stack as one multi-frame file
#   dcm-convert      -> nifti/        NIfTI and JSON sidecars
#   dcm-crosswalk merge, audit        the crosswalk, and a search for leaks
# Everything goes to ${DEMO_DIR:-./demo-out}; running it again starts over.
set -eu

prog=demo
die() {
	printf '%s: %s\n' "$prog" "$*" >&2
	exit 2
}

work=${DEMO_DIR:-./demo-out}
case $work in
/*) ;;
*) work=$PWD/${work#./} ;;
esac
cd "$(dirname "$0")/.."
top=$PWD

# the tools, and gen-head, of this tree (DCMSCRUB_BIN, DCMSCRUB_TESTBIN: of another build)
bin=${DCMSCRUB_BIN:-$top/bin}
strip=$bin/dcm-strip
crosswalk=$bin/dcm-crosswalk
gen=$top/tests/gen-dicom.py
head=${DCMSCRUB_TESTBIN:-$top/build/tests}/gen-head
convert=$bin/dcm-convert
merge=$bin/dcm-merge-frames
deface=$bin/dcm-deface
for t in "$strip" "$crosswalk" "$convert" "$merge" "$deface" "$head"; do
	[ -x "$t" ] || die "$t not found: run make first (or make demo)"
done
[ -f "$gen" ] || die "$gen not found: the sample generator is not in this tree yet"
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 not found: sh scripts/install-deps"
command -v dcmdump >/dev/null 2>&1 || die "dcmdump not found: sh scripts/install-deps"

now() { date +%s.%N; }

value() {	# value FILE KEYWORD: the value dcmdump prints, (empty) or (absent)
	v=$(dcmdump -q +L +P "$2" "$1" 2>/dev/null | head -n 1)
	case $v in
	'') printf '(absent)' ;;
	*'(no value available)'*) printf '(empty)' ;;
	*'['*) printf '%s' "$v" | sed 's/^[^[]*\[//; s/\] *#.*//' ;;
	*) printf '%s' "$v" | sed 's/^([^)]*) [A-Z][A-Z] //; s/ *#.*//' ;;
	esac
}

short() {	# paths relative to the work directory, UIDs shortened
	awk -v w="$work/" '{
		while ((i = index($0, w)) > 0)
			$0 = substr($0, 1, i - 1) substr($0, i + length(w))
		print
	}' | sed -E 's/(2\.25\.[0-9]{6})[0-9]+/\1.../g'
}

wrap() {	# wrap LABEL WORDS...: a list on lines of at most 78 columns
	label=$1
	shift
	printf '%s\n' "$@" | awk -v l="$label" '
		BEGIN { line = l; ind = sprintf("%*s", length(l), "") }
		{ if (length(line) + 1 + length($0) > 78 && line != l) { print line; line = ind }
		  line = line " " $0 }
		END { print line }'
}

t0=$(now)

printf 'dcmscrub demo, in %s\n\n' "$work"
mkdir -p "$work"
# Only what this script made is removed: DEMO_DIR may hold other things.
rm -rf "$work/in" "$work/head" "$work/nifti" "$work/nifti.tsv" "$work/anon" "$work/anon-again" "$work/crosswalk" "$work/anon.tsv" \
    "$work/strip.err" "$work/project.key" "$work/.cmp" "$work/crosswalk.tsv" "$work/audit.tsv" \
    "$work/defaced" "$work/defaced.tsv" "$work/deface.err" "$work/merged" "$work/merged.tsv" "$work/qc"
mkdir -p "$work/crosswalk" "$work/.cmp"

/usr/bin/python3 "$gen" sample "$work/in" ||
	die "$gen failed to make the sample study"
# and a synthetic head (skin, skull, brain, face, teeth; fake PHI), scanned
# three ways in one study: CT, MR and a CBCT-like volume (modality:series:mm)
for m in ct:1:2 mr:2:2 cbct:3:1.5; do
	mod=${m%%:*}
	rest=${m#*:}
	d=$work/in/HEAD-$(echo "$mod" | tr a-z A-Z)
	"$head" --modality "$mod" --series "${rest%%:*}" --spacing "${rest#*:}" --fov 240 \
	    -o "$work/head" 2>/dev/null || die "$head failed to make the synthetic $mod head"
	mkdir -p "$d"
	mv "$work/head"/IM*.dcm "$d/"
	rm -rf "$work/head"
done
nin=$(find "$work/in" -type f | wc -l)

# A project key: 32 random bytes, readable by its owner only.
printf '$ dcm-crosswalk keygen -o project.key\n'
"$crosswalk" keygen -o "$work/project.key" || die "dcm-crosswalk keygen failed"

printf '$ dcm-strip -k project.key -O retain-patient-chars -c crosswalk -o anon in > anon.tsv\n'
t1=$(now)
rc=0
"$strip" -k "$work/project.key" -O retain-patient-chars -c "$work/crosswalk" \
    -o "$work/anon" "$work/in" > "$work/anon.tsv" 2> "$work/strip.err" || rc=$?
t2=$(now)
if [ -s "$work/strip.err" ]; then
	sed 's/^/  stderr: /' "$work/strip.err"
else
	rm -f "$work/strip.err"
fi
[ "$rc" -ne 2 ] || die "dcm-strip failed (exit 2); see above"

nout=$(find "$work/anon" -type f ! -name '.dcmscrub.*' | wc -l)
nrec=$(grep -c -v '^#' "$work/anon.tsv" || :)
printf '\n%s files in, %s files out, %s manifest records, dcm-strip exit status %s\n' \
    "$nin" "$nout" "$nrec" "$rc"
if [ "$rc" -eq 1 ]; then
	printf '(exit status 1: the inputs named on stderr above were refused; the rest were written)\n'
fi

printf '\nThe manifest on stdout (anon.tsv), first lines, UIDs shortened:\n'
head -n 4 "$work/anon.tsv" | short | sed 's/^/  /'

# One input and its output.  The crosswalk's path rows link them; without
# one, take the first record (it may then be another file of the study).
in1=$(find "$work/in" -type f | LC_ALL=C sort | head -n 1)
out1=$(cat "$work/crosswalk"/* 2>/dev/null |
	awk -F'\t' -v p="$in1" '$1 == "path" && ($2 == p || index(p, $2) > 0) { print $3; exit }')
if [ -n "$out1" ] && [ ! -f "$out1" ] && [ -f "$work/anon/$out1" ]; then
	out1=$work/anon/$out1
fi
if [ -z "$out1" ] || [ ! -f "$out1" ]; then
	out1=$(grep -v '^#' "$work/anon.tsv" | head -n 1 | cut -f1)
	case $out1 in /*) ;; ?*) [ -f "$out1" ] || out1=$work/anon/$out1 ;; esac
	note=' (not matched through the crosswalk: another file of the study)'
else
	note=
fi

if [ -n "$out1" ] && [ -f "$out1" ]; then
	printf '\nOne file, before and after:\n  in:  %s\n  out: %s%s\n\n' \
	    "${in1#"$work"/}" "$(echo "$out1" | short)" "$note"
	printf '  %-24s %-30s %s\n' attribute input output
	for a in PatientName PatientID PatientBirthDate StudyInstanceUID StudyDate \
	    AccessionNumber InstitutionName PatientAge PatientSex PatientIdentityRemoved \
	    DeidentificationMethod; do
		printf '  %-24s %-30.30s %s\n' "$a" "$(value "$in1" "$a")" \
		    "$(value "$out1" "$a" | cut -c 1-60)"
	done

	# The keywords of every attribute, at any depth, in each file; a private
	# one, which has no keyword, by its tag.
	kw() {
		dcmdump -q "$1" 2>/dev/null | sed -n \
		    's/^ *(\([0-9a-f]*,[0-9a-f]*\)) .*# *[0-9]*, *[0-9]* \(.*\)$/\1 \2/p' |
			awk '$2 == "PrivateCreator" || $2 == "Unknown" { print "private(" $1 ")"; next }
			     $2 !~ /^(Item|.*DelimitationItem)$/ { print $2 }' | LC_ALL=C sort -u
	}
	kw "$in1" > "$work/.cmp/in"
	kw "$out1" > "$work/.cmp/out"
	echo
	# shellcheck disable=SC2046	# one keyword a word
	wrap '  removed:' $(LC_ALL=C comm -23 "$work/.cmp/in" "$work/.cmp/out")
	# shellcheck disable=SC2046
	wrap '  added:  ' $(LC_ALL=C comm -13 "$work/.cmp/in" "$work/.cmp/out")
	printf '  (every attribute: cd %s && dcmdump %s %s)\n' "$work" \
	    "${in1#"$work"/}" "${out1#"$work"/}"
	if cmp -s "$in1" "$out1"; then
		printf '  warning: the output is identical to the input!\n'
	fi
fi

# The audit a recipient cannot do: every original of the crosswalk (IDs,
# each part of a name, accession numbers, UIDs, birth dates) searched for in
# every element of every output, its raw bytes and its name.
printf '\n$ dcm-crosswalk merge -o crosswalk.tsv crosswalk/\n'
"$crosswalk" merge -o "$work/crosswalk.tsv" "$work/crosswalk" ||
	die "dcm-crosswalk merge found conflicts (above)"
printf '$ dcm-crosswalk audit crosswalk.tsv anon > audit.tsv\n'
leaks=0
"$crosswalk" audit -q "$work/crosswalk.tsv" "$work/anon" > "$work/audit.tsv" || leaks=$?
nvalues=$(grep -vc '^#' "$work/crosswalk.tsv" || :)
if [ "$leaks" -eq 0 ]; then
	printf 'Originals found in the output: none (%s crosswalk rows searched for).\n' "$nvalues"
else
	printf 'Originals found in the output (path, tag path, kind):\n'
	grep -v '^#' "$work/audit.tsv" | head -n 10 | short | sed 's/^/  LEAK: /'
fi

# Same key, same inputs in another order: the same bytes.
printf '\nSame key, inputs in reverse order, a second run:'
rm -rf "$work/anon-again"
find "$work/in" -type f | LC_ALL=C sort -r |
	"$strip" -q -k "$work/project.key" -O retain-patient-chars -o "$work/anon-again" \
	> /dev/null 2>&1 || :
if diff -r "$work/anon" "$work/anon-again" >/dev/null 2>&1; then
	printf ' byte-identical output.\n'
else
	printf ' OUTPUTS DIFFER (diff -r %s %s)\n' "$work/anon" "$work/anon-again"
fi
rm -rf "$work/anon-again"

# The faces: each head's front set to the background (face mode for CT and
# MR; soft-tissue mode, which keeps bone and teeth, for CBCT).  What is not a
# head, or cannot show a face, passes through with a note.
printf '\n$ dcm-deface -k project.key --qc qc/qc.png -o defaced < anon.tsv > defaced.tsv\n'
mkdir -p "$work/qc"
t8=$(now)
drc=0
"$deface" -k "$work/project.key" --qc "$work/qc/qc.png" -o "$work/defaced" \
    < "$work/anon.tsv" > "$work/defaced.tsv" 2> "$work/deface.err" || drc=$?
t9=$(now)
grep -v -e 'the QC picture of' -e 'left as it is' "$work/deface.err" | short | sed 's/^/  stderr: /'
[ "$drc" -eq 0 ] || die "dcm-deface failed (exit $drc); see above and $work/deface.err"
grep -v '^#' "$work/defaced.tsv" | awk -F'\t' -v d="$work/defaced/" '
	index($1, d) == 1 { if (!($5 in n)) { o[++k] = $5; first[$5] = $1; mod[$5] = $2 } n[$5]++; next }
	{ p++ }
	END {
		for (i = 1; i <= k; i++) printf "%s\t%s\t%d\n", mod[o[i]], first[o[i]], n[o[i]]
		printf "-\t%d\t\n", p
	}' > "$work/.cmp/defaced"
while IFS='	' read -r mod f n; do
	if [ "$mod" = - ]; then
		printf '  %s file(s) passed through as they were (not a head, or too thin to show a face)\n' "$f"
		continue
	fi
	printf '  %s, %s slices: %s\n' "$mod" "$n" \
	    "$(value "$f" DerivationDescription | sed 's/^dcm-deface [^:]*: //')"
done < "$work/.cmp/defaced"
# "dcm-deface: PNG: the QC picture of INPUT": the input's series in anon.tsv
sed -n 's/^dcm-deface: \(.*\): the QC picture of \(.*\)$/\1	\2/p' "$work/deface.err" |
	awk -F'\t' -v w="$work/" 'FILENAME != "-" { if ($0 !~ /^#/) { mod[$1] = $2; ser[$1] = $5; n[$5]++ } next }
	{ p = $2; if (!(p in mod)) p = w p
	  printf "  QC picture: %s (%s, %d slices)\n", $1, mod[p], n[ser[p]] }' "$work/anon.tsv" - | short

# Each defaced stack as one Legacy Converted Enhanced file; the rest passes through.
printf '\n$ dcm-merge-frames -k project.key -o merged < defaced.tsv > merged.tsv\n'
t6=$(now)
"$merge" -q -k "$work/project.key" -o "$work/merged" < "$work/defaced.tsv" > "$work/merged.tsv" ||
	printf '  (exit status %s: see above)\n' "$?"
t7=$(now)
grep -v '^#' "$work/merged.tsv" | awk -F'\t' '
	$7 > 1 { n++; f += $7; printf "  %s, %d frames in one file: %s\n", $2, $7, $1; next }
	{ p++ }
	END { printf "  %d file(s) passed through as they were (not slices of a CT, MR or PET stack)\n", p }' |
	short
if command -v dciodvfy >/dev/null 2>&1; then
	grep -v '^#' "$work/merged.tsv" | awk -F'\t' '$7 > 1 { print $1 }' | while IFS= read -r f; do
		e=$(dciodvfy "$f" 2>&1 | grep -c '^Error' || :)
		printf '  dciodvfy (the standard'"'"'s IOD checker): %s error(s) in %s\n' "$e" "${f##*/}"
	done
fi

# The merged study to research formats: one NIfTI (and a sidecar) per stack.
printf '\n$ dcm-convert -f nii.gz --json -o nifti < merged.tsv > nifti.tsv\n'
t4=$(now)
"$convert" -q -f nii.gz --json -o "$work/nifti" < "$work/merged.tsv" > "$work/nifti.tsv" ||
	printf '  (exit status %s: the files that are not slices of a volume were left out)\n' "$?"
t5=$(now)
grep -v '^#' "$work/nifti.tsv" | awk -F'\t' '$1 ~ /\.nii/ { printf "  %s, %s slices: %s\n", $2, $7, $1 }' | short

# Every stage's output searched again for every original of the crosswalk.
printf '\n$ dcm-crosswalk audit crosswalk.tsv defaced merged nifti\n'
"$crosswalk" audit -q "$work/crosswalk.tsv" "$work/defaced" "$work/merged" "$work/nifti" \
    >> "$work/audit.tsv" || leaks=$((leaks + $?))
if [ "$leaks" -eq 0 ]; then
	printf 'Originals found in any output: none.\n'
else
	printf 'Originals found (path, tag path, kind):\n'
	grep -v '^#' "$work/audit.tsv" | head -n 10 | short | sed 's/^/  LEAK: /'
fi

printf '\nThe crosswalk (original -> pseudonym, mode 0600; keep it with the key):\n'
for f in "$work/crosswalk"/* "$work/crosswalk.tsv"; do
	[ -f "$f" ] || continue
	printf '  %s  %s  %s rows\n' "$(stat -c %A "$f")" "${f#"$work"/}" "$(wc -l < "$f")"
done
grep -v '^#' "$work/crosswalk.tsv" | cut -f1 | LC_ALL=C sort | uniq -c |
	awk '{ printf "    %6d %s\n", $1, $2 }'

t3=$(now)
cat <<EOF

Where everything is:
  $work/in/           the sample study (fake PHI): a head as CT, MR and CBCT, thin series, a report
  $work/project.key   the project key
  $work/anon/         the de-identified files
  $work/anon.tsv      their manifest (dcm-manifest(5))
  $work/crosswalk/    the crosswalk, one file per dcm-strip process
  $work/crosswalk.tsv the crosswalk merged
  $work/audit.tsv     the audit of anon/ against it
  $work/defaced/      the heads defaced (defaced.tsv: the manifest of the study)
  $work/qc/           the QC pictures: before and after, front and side, mid-sagittal
  $work/merged/       each stack as one multi-frame file (merged.tsv: their manifest)
  $work/nifti/        the defaced series as NIfTI, with JSON sidecars
EOF
printf '\nTime: %s s for dcm-strip, %s s for dcm-deface, %s s for dcm-merge-frames, %s s for dcm-convert, %s s in all.\n' \
    "$(echo "$t1 $t2" | awk '{ printf "%.2f", $2 - $1 }')" \
    "$(echo "$t8 $t9" | awk '{ printf "%.2f", $2 - $1 }')" \
    "$(echo "$t6 $t7" | awk '{ printf "%.2f", $2 - $1 }')" \
    "$(echo "$t4 $t5" | awk '{ printf "%.2f", $2 - $1 }')" \
    "$(echo "$t0 $t3" | awk '{ printf "%.2f", $2 - $1 }')"
rm -rf "$work/.cmp"
if [ "$leaks" -gt 0 ]; then
	printf '%s: original identifiers survived de-identification (LEAK above)\n' "$prog" >&2
	[ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
