#!/bin/sh
# Archives in and out: zip, tar and tar.gz inputs give the files of the
# tree; hostile member names write nothing outside -o; symbolic link
# members are refused; -o NAME.zip / NAME.tar.gz write one archive named
# by one record; a corrupt archive is an error for that input only.
. "$(dirname "$0")/lib.sh"

gen_tree "$tmp/src/in" 2 2 3 || bail "cannot generate the fixtures"
R=1.2.826.0.1.3680043.9999.33
cat >"$tmp/spec" <<EOF
$tmp/extra/evil.dcm PatientID=PIDX StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.1 px=11
$tmp/extra/abs.dcm PatientID=PIDX StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.2 px=12
$tmp/extra/plain.dcm PatientID=PIDX StudyInstanceUID=$R.1 SeriesInstanceUID=$R.1.1 SOPInstanceUID=$R.1.1.3 px=13
EOF
gen_dcm "$tmp/spec" || bail "cannot generate the fixtures"
mkkey "$tmp/key" $KEY1
K="-k $tmp/key"
nin=$(find "$tmp/src/in" -type f | wc -l)

# mkarchive KIND OUT DIR: the files under DIR, as members named DIR/...
py - "$tmp/src" "$tmp" <<'EOF' || bail "cannot make the archives"
import io, os, sys, tarfile, zipfile
src, tmp = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, n), src)
               for d, _, ns in os.walk(src) for n in ns)
with zipfile.ZipFile(os.path.join(tmp, "in.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for f in files:
        z.write(os.path.join(src, f), f)
for name, mode in (("in.tar", "w"), ("in.tar.gz", "w:gz")):
    with tarfile.open(os.path.join(tmp, name), mode, format=tarfile.USTAR_FORMAT) as t:
        for f in files:
            t.add(os.path.join(src, f), f)

def data(n):
    return open(os.path.join(tmp, "extra", n), "rb").read()

# hostile names, real DICOM payloads
with zipfile.ZipFile(os.path.join(tmp, "evil.zip"), "w") as z:
    z.writestr("../evil.dcm", data("evil.dcm"))
    z.writestr("/abs.dcm", data("abs.dcm"))
    z.writestr("ok/plain.dcm", data("plain.dcm"))
with tarfile.open(os.path.join(tmp, "evil.tar"), "w", format=tarfile.GNU_FORMAT) as t:
    for n, f in (("../evil.dcm", "evil.dcm"), ("/abs.dcm", "abs.dcm"), ("ok/plain.dcm", "plain.dcm")):
        b = data(f)
        ti = tarfile.TarInfo(n)
        ti.size = len(b)
        t.addfile(ti, io.BytesIO(b))

# symbolic link members, beside a good one
with tarfile.open(os.path.join(tmp, "link.tar"), "w", format=tarfile.USTAR_FORMAT) as t:
    ti = tarfile.TarInfo("link.dcm")
    ti.type = tarfile.SYMTYPE
    ti.linkname = "/etc/passwd"
    t.addfile(ti)
    b = data("plain.dcm")
    ti = tarfile.TarInfo("plain.dcm")
    ti.size = len(b)
    t.addfile(ti, io.BytesIO(b))
with zipfile.ZipFile(os.path.join(tmp, "link.zip"), "w") as z:
    zi = zipfile.ZipInfo("link.dcm")
    zi.create_system = 3
    zi.external_attr = (0o120777 << 16)
    z.writestr(zi, "/etc/passwd")
    z.writestr("plain.dcm", data("plain.dcm"))

# corrupt: truncated in the middle
for n in ("in.zip", "in.tar.gz"):
    b = open(os.path.join(tmp, n), "rb").read()
    open(os.path.join(tmp, "trunc." + n.split(".", 1)[1]), "wb").write(b[:len(b) // 2])
EOF

# ---- the tree, and the same tree as zip, tar and tar.gz ----------------------
run T "$STRIP" $K -o "$tmp/T" "$tmp/src/in"
is "$rc" 0 "the tree: exit 0"
tree_sums "$tmp/T" >"$tmp/T.sums"
is "$(wc -l <"$tmp/T.sums")" "$nin" "the tree: $nin files"
for a in in.zip in.tar in.tar.gz; do
	run "$a" "$STRIP" $K -o "$tmp/o-$a.d" "$tmp/$a"
	is "$rc" 0 "$a: exit 0"
	is "$(nrecords "$tmp/$a.out")" "$nin" "$a: a record per member"
	tree_sums "$tmp/o-$a.d" >"$tmp/o-$a.d.sums"
	[ -s "$tmp/T.sums" ] && cmp -s "$tmp/T.sums" "$tmp/o-$a.d.sums"
	ok $? "$a: the same relative paths and bytes as the tree"
done
# the crosswalk names an archive member as archive:member
mkdir "$tmp/cwz"
run Z "$STRIP" $K -c "$tmp/cwz" -o "$tmp/Z" "$tmp/in.zip"
grep -q "^path	$tmp/in.zip:in/p1/s1/i1.dcm	" "$tmp"/cwz/crosswalk.*.tsv
ok $? "the crosswalk's path row names archive:member"

# ---- hostile member names -------------------------------------------------------
mkdir "$tmp/lists"
for a in evil.zip evil.tar; do
	w=$tmp/w-$a
	mkdir -p "$w/work"
	pre_abs=0
	[ -e /abs.dcm ] && pre_abs=1
	mkdir "$w/cw"
	find "$tmp" -print | grep -v "^$tmp/lists" | LC_ALL=C sort >"$tmp/lists/$a.before"
	cd "$w/work" || bail "cd"
	run "$a" "$STRIP" $K -c "$w/cw" -o "$w/out" "$tmp/$a"
	cd "$tmp" || bail "cd"
	# nothing new anywhere under $tmp but under out, the crosswalk and run's own files
	find "$tmp" -print | grep -v "^$tmp/lists" | LC_ALL=C sort >"$tmp/lists/$a.after"
	found=$(LC_ALL=C comm -13 "$tmp/lists/$a.before" "$tmp/lists/$a.after" |
	    grep -v -e "^$w/out" -e "^$w/cw/" -e "^$tmp/$a\.out\$" -e "^$tmp/$a\.err\$")
	is "$found" "" "$a: no file written outside -o"
	[ ! -e /evil.dcm ]
	ok $? "$a: no /evil.dcm"
	found=
	for p in "$w/evil.dcm" "$w/work/evil.dcm" "$tmp/evil.dcm" "$w/abs.dcm" "$w/work/abs.dcm" \
	    "$w/out/evil.dcm" "$w/out/abs.dcm"; do
		[ ! -e "$p" ] || found="$found $p"
	done
	is "$found" "" "$a: no evil.dcm or abs.dcm beside -o, in it or in the working directory"
	if [ $pre_abs -eq 0 ]; then
		[ ! -e /abs.dcm ]
		ok $? "$a: no /abs.dcm"
	else
		skip "/abs.dcm existed before the test"
	fi
	# every output under out, by its layout
	nout=$(find "$w/out" -type f -name '2.25.*.dcm' | wc -l)
	[ "$nout" -ge 1 ] && [ "$(nrecords "$tmp/$a.out")" -eq "$nout" ]
	ok $? "$a: a record per file written ($nout)"
	is "$(find "$w/out" -type f ! -name '2.25.*.dcm' | wc -l)" 0 "$a: only layout names under -o"
	# each hostile member is either written or refused by name
	for m in ../evil.dcm /abs.dcm; do
		if grep -q "^path	$tmp/$a:$m	" "$w"/cw/crosswalk.*.tsv 2>/dev/null; then
			pass "$a: member $m processed"
		else
			like "$err" "$a:$m: " "$a: member $m refused with a message naming it"
		fi
	done
	grep -q "^path	$tmp/$a:ok/plain.dcm	" "$w"/cw/crosswalk.*.tsv
	ok $? "$a: the ordinary member is processed"
done

# ---- symbolic link members --------------------------------------------------------
for a in link.tar link.zip; do
	run "$a" "$STRIP" $K -o "$tmp/o-$a.d" "$tmp/$a"
	is "$rc" 1 "$a: a symbolic link member: exit 1"
	like "$err" "$a:link\\.dcm: .*(symbolic )?link" "$a: the symbolic link member is refused with a message"
	is "$(nrecords "$tmp/$a.out")" 1 "$a: the other member is still written"
	unlike "$(find "$tmp/o-$a.d" -type f -exec cat {} + | tr -d '\000' | head -c 100000)" 'root:x:0:0' \
	    "$a: the link's target is not copied"
done

# ---- archive outputs -----------------------------------------------------------------
for a in out.zip out.tar.gz out.tar; do
	run "$a" "$STRIP" $K -o "$tmp/$a" "$tmp/src/in"
	is "$rc" 0 "-o $a: exit 0"
	is "$(grep -vc '^#' "$tmp/$a.out")" 1 "-o $a: one record"
	is "$(grep -v '^#' "$tmp/$a.out" | cut -f1)" "$tmp/$a" "-o $a: the record names the archive"
	[ -f "$tmp/$a" ]
	ok $? "-o $a: the archive is there"
	is "$(ls -A "$tmp" | grep -c '^\.dcmscrub\.')" 0 "-o $a: no temp archive left beside it"
	rm -rf "$tmp/x-$a"
	py - "$tmp/$a" "$tmp/x-$a" >"$tmp/x-$a.log" 2>&1 <<'EOF'
import os, sys, tarfile, zipfile
a, d = sys.argv[1], sys.argv[2]
os.makedirs(d)
if a.endswith(".zip"):
    with zipfile.ZipFile(a) as z:
        names = z.namelist()
        z.extractall(d)
else:
    with tarfile.open(a) as t:
        names = t.getnames()
        t.extractall(d)
bad = [n for n in names if n.startswith("/") or ".." in n.split("/")]
print("members %d bad %d" % (len(names), len(bad)))
EOF
	like "$(cat "$tmp/x-$a.log")" "^members $nin bad 0\$" "-o $a: $nin members, relative names"
	nbad=0
	for f in $(find "$tmp/x-$a" -type f); do
		dcmdump -q "$f" >/dev/null 2>&1 || nbad=$((nbad + 1))
	done
	is "$nbad" 0 "-o $a: every member is readable DICOM (dcmdump)"
	tree_sums "$tmp/x-$a" >"$tmp/x-$a.sums"
	[ -s "$tmp/T.sums" ] && cmp -s "$tmp/T.sums" "$tmp/x-$a.sums"
	ok $? "-o $a: the members are the files of the tree output, same paths and bytes"
done
# archives are outputs like the others: deterministic, whatever the order of the inputs
sleep 1
run ag1 "$STRIP" $K -o "$tmp/again.zip" "$tmp/src/in"
[ -s "$tmp/out.zip" ] && cmp -s "$tmp/out.zip" "$tmp/again.zip"
ok $? "-o out.zip: a later run of the same command gives a byte-identical archive"
find "$tmp/src/in" -type f | LC_ALL=C sort -r >"$tmp/rev"
run_in ag2 "$tmp/rev" "$STRIP" $K -o "$tmp/rev.zip"
is "$rc" 0 "-o out.zip from a reversed manifest: exit 0"
[ -s "$tmp/out.zip" ] && cmp -s "$tmp/out.zip" "$tmp/rev.zip"
ok $? "-o out.zip from a reversed manifest: a byte-identical archive"
run_in ag3 "$tmp/rev" "$STRIP" $K -o "$tmp/rev.tar.gz"
[ -s "$tmp/out.tar.gz" ] && cmp -s "$tmp/out.tar.gz" "$tmp/rev.tar.gz"
ok $? "-o out.tar.gz from a reversed manifest: a byte-identical archive"

# an archive in and an archive out
run zz "$STRIP" $K -o "$tmp/zz.tar.gz" "$tmp/in.zip"
is "$rc" 0 "zip in, tar.gz out: exit 0"
is "$(grep -v '^#' "$tmp/zz.out" | cut -f1)" "$tmp/zz.tar.gz" "zip in, tar.gz out: one record naming it"

# ---- corrupt archives ------------------------------------------------------------------
for a in trunc.zip trunc.tar.gz; do
	run "$a" "$STRIP" $K -o "$tmp/o-$a.d" "$tmp/$a" "$tmp/extra/plain.dcm"
	is "$rc" 1 "$a: exit 1 (not a crash: $rc)"
	like "$err" "$a" "$a: a message names the archive"
	# what was read before the damage may be written; the good file must be
	n=$(nrecords "$tmp/$a.out")
	[ "$n" -ge 1 ] && [ "$n" -lt $((nin + 1)) ]
	ok $? "$a: the other input is still written, and not every member ($n records)"
	is "$(leftovers "$tmp/o-$a.d")" "" "$a: no temp file left"
done

done_testing
