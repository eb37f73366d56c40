#!/bin/sh
# 97-demo.t: `make demo`'s script, examples/demo.sh, as a newcomer runs it:
# it ends with exit 0, shows every stage, leaves what it says it leaves
# (each stage's tree and manifest, the QC pictures, the NIfTI files), finds
# no original in any output, and a second run starts over and gives the
# same pictures and volumes (a new key: new pseudonyms, the same pixels).
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
[ -x "$TB/gen-head" ] || bail "$TB/gen-head: not built"
[ -x /usr/bin/python3 ] || bail "/usr/bin/python3 absent (sh scripts/install-deps)"
command -v dcmdump >/dev/null 2>&1 || bail "dcmdump absent (sh scripts/install-deps)"

demo() {	# demo NAME: run the demo into $tmp/NAME
	run "$1" env DEMO_DIR="$tmp/$1" DCMSCRUB_BIN="$BIN" DCMSCRUB_TESTBIN="$TB" \
	    sh "$root/examples/demo.sh"
}

demo d1
is "$rc" 0 "the demo: exit 0 ($(printf '%s' "$err" | head -c 200))"
w=$tmp/d1
for s in 'dcm-crosswalk keygen' 'dcm-strip -k' 'dcm-deface -k' 'dcm-merge-frames -k' \
    'dcm-convert -f nii.gz' 'dcm-crosswalk audit crosswalk.tsv defaced merged nifti'; do
	like "$out" "\\\$ $s" "... it shows the command: $s"
done
like "$out" 'byte-identical output' "... a second strip in another order gave the same bytes"
like "$out" 'Originals found in the output: none' "... no original found in anon/"
like "$out" 'Originals found in any output: none' "... nor in defaced/, merged/, nifti/"
like "$out" 'Time: [0-9.]+ s for dcm-strip, [0-9.]+ s for dcm-deface, [0-9.]+ s for dcm-merge-frames, [0-9.]+ s for dcm-convert' \
    "... the time of each stage"

# what it says it defaced, against what is on disk
n=$(printf '%s\n' "$out" | grep -c 'the face removed (')
is "$n" 3 "three heads defaced: CT, MR and CBCT"
like "$out" 'CT, 160 slices: the face removed \(soft-tissue mode\)' "... the CBCT in soft-tissue mode"
like "$out" 'MR, 120 slices: the face removed \(face mode\)' "... the MR in face mode"
like "$err$(cat "$w/deface.err" 2>/dev/null)" 'too thin to show a face' \
    "... the thin phantom series passed through with a note"
nd=$(find "$w/defaced" -type f -name '*.dcm' | wc -l | tr -d ' ')
is "$nd" 400 "... 400 defaced files on disk (160 + 120 + 120 slices)"
nrec=$(grep -v '^#' "$w/defaced.tsv" | wc -l | tr -d ' ')
nanon=$(grep -v '^#' "$w/anon.tsv" | wc -l | tr -d ' ')
is "$nrec" "$nanon" "... dcm-deface's manifest has a record for every record of dcm-strip's ($nanon)"
bad=$(grep -v '^#' "$w/defaced.tsv" | cut -f 1 | while IFS= read -r f; do
	[ -f "$f" ] || [ -f "$w/$f" ] || echo "$f"
done | head -n 3)
is "$bad" "" "... and every record's file exists"

# the QC pictures: three PNGs, named in the output with their series
for q in qc.png qc-2.png qc-3.png; do
	head -c 8 "$w/qc/$q" 2>/dev/null | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$'
	ok $? "qc/$q is a PNG"
	like "$out" "QC picture: qc/$q \\((CT|MR), [0-9]+ slices\\)" "... named in the output with its series"
done
[ ! -e "$w/qc/qc-4.png" ]
ok $? "... and no fourth picture (the thin series and the report have none)"

# the NIfTI files: one per stack, 3 heads and 2 phantoms
nn=$(find "$w/nifti" -name '*.nii.gz' | wc -l | tr -d ' ')
is "$nn" 5 "five NIfTI volumes in nifti/"
nj=$(find "$w/nifti" -name '*.json' | wc -l | tr -d ' ')
is "$nj" 5 "... each with its JSON sidecar"
for d in in anon defaced merged nifti crosswalk; do
	[ -d "$w/$d" ]
	ok $? "$d/ is left to look at"
done
is "$(stat -c %a "$w/project.key")" 600 "the key is mode 0600"

# again: it starts over, with a new key (new pseudonyms), and the same
# pictures and voxels
demo d2
is "$rc" 0 "a second demo: exit 0"
if cmp -s "$tmp/d1/project.key" "$tmp/d2/project.key"; then r=1; else r=0; fi
ok "$r" "... with another key"
# (in another order: the series are taken in the order of their pseudonyms)
qcsums() { for q in qc.png qc-2.png qc-3.png; do sha1sum <"$1/qc/$q"; done | LC_ALL=C sort; }
is "$(qcsums "$tmp/d2")" "$(qcsums "$tmp/d1")" "... the same three QC pictures, byte for byte"
/usr/bin/python3 - "$tmp/d1/nifti" "$tmp/d2/nifti" >"$tmp/vox.out" 2>&1 <<'PY'
import sys, glob, hashlib, os
import nibabel as nib, numpy as np
def sums(d):
    return sorted(hashlib.sha1(np.asarray(nib.load(f).dataobj).tobytes()).hexdigest()
                  for f in glob.glob(os.path.join(d, "**", "*.nii.gz"), recursive=True))
a, b = sums(sys.argv[1]), sums(sys.argv[2])
print(len(a), "volumes")
sys.exit(0 if a == b and len(a) == 5 else 1)
PY
ok $? "... and the same five volumes' voxels ($(tail -n 1 "$tmp/vox.out"))"

done_testing
