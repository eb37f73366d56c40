#!/bin/sh
# 20-canary.t: dcm-strip against canary files.
#
# tests/gen-dicom.py plants a unique fake value (a canary) in every
# attribute of PS3.15 Table E.1-1 that the basic profile removes or
# replaces, in CT, MR, SC, SR, RT Structure Set and ECG files, at the top
# level, in sequences and in private elements.  For the basic profile and
# for each -O option, dcm-strip runs once, and then:
#   - no canary that the profile (with the option) removes or replaces is
#     in any output byte, output file name, record on stdout, or stderr;
#   - the canaries that the option keeps (K) are still there, and so are
#     the attributes that are not in the table;
#   - the marks (PatientIdentityRemoved, the CID 7050 codes) are written;
#   - no private element survives; UIDs are 2.25 pseudonyms; the RT
#     Structure Set still references the stripped CT slices.
# And the expected failures: a refused secondary capture, usage errors.
#
# Needs /usr/bin/python3 with pydicom (Debian's python3-pydicom).
# DCMSCRUB_BIN names the directory of dcm-strip (default: bin/ of the tree).

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
bin=${DCMSCRUB_BIN:-$top/bin}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
strip=$bin/dcm-strip
py=/usr/bin/python3

if [ ! -x "$strip" ]; then
	echo "1..0 # SKIP $strip not built"
	exit 0
fi
if ! "$py" -c 'import pydicom' 2>/dev/null; then
	echo "1..0 # SKIP $py has no pydicom (apt-get install python3-pydicom)"
	exit 0
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/dcmscrub-20.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

n=0
nfail=0
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
notok() {
	n=$((n + 1))
	nfail=$((nfail + 1))
	echo "not ok $n - $*"
}
diag() {	# diag FILE: its first lines as TAP comments
	head -n "${2:-10}" "$1" | sed 's/^/#   /'
}

# the key: fixed, so a failure can be replayed
head -c 32 /dev/zero | tr '\0' 'K' > "$T/key"
chmod 600 "$T/key"

if ! "$py" "$here/gen-dicom.py" canary "$T/in" 2> "$T/gen.err"; then
	notok "gen-dicom.py canary"
	diag "$T/gen.err"
	echo "1..$n"
	exit 1
fi
ok "gen-dicom.py canary: $(sed 's/^gen-dicom.py: //' "$T/gen.err")"
ninputs=$(find "$T/in" -name '*.dcm' | wc -l)

# The checks that need to read DICOM are in this python program.
cat > "$T/check.py" <<'EOF'
import datetime
import os
import re
import sys

import pydicom

OPTS = ["retain-safe-private", "retain-uids", "retain-device-identity",
        "retain-institution-identity", "retain-patient-chars",
        "retain-long-full-dates", "retain-long-modified-dates",
        "clean-descriptors", "clean-structured-content", "clean-graphics"]
CODES = {"": "113100", "retain-safe-private": "113111", "retain-uids": "113110",
         "retain-device-identity": "113109", "retain-institution-identity": "113112",
         "retain-patient-chars": "113108", "retain-long-full-dates": "113106",
         "retain-long-modified-dates": "113107", "clean-descriptors": "113105",
         "clean-structured-content": "113104", "clean-graphics": "113103"}
PSEUDONYM = re.compile(r"^P[A-Z2-7]{12}$")
UID_PSEUDONYM = re.compile(r"^2\.25\.(0|[1-9][0-9]{0,38})$")


def load_table(path):
    rows = {}
    for line in open(path, encoding="ascii"):
        c = line.rstrip("\r\n").split("\t")
        if line.startswith("#") or c[0] == "tag" or len(c) != 17:
            continue
        rows[c[0]] = (c[6], c[7:17])
    return rows


def load_canaries(path):
    out = []
    for line in open(path, encoding="ascii"):
        if line.startswith("#") or line.startswith("file\t"):
            continue
        c = line.rstrip("\n").split("\t")
        out.append({"file": c[0], "where": c[1], "parent": c[2], "tag": c[3],
                    "vr": c[4], "value": c[5], "basic": c[6], "opts": c[7:17]})
    return out


def effective(basic, opts, options):
    """K over C over the basic profile."""
    cells = [opts[OPTS.index(o)] for o in options]
    if "K" in cells:
        return "K"
    if "C" in cells:
        return "C"
    return basic


def expectation(c, options, table):
    """'absent', 'present', 'shifted', 'plain' or None (no claim)."""
    if c["parent"] == "plain":
        return "plain"
    if c["parent"] == "safe":
        return "present" if "retain-safe-private" in options else None
    if c["parent"] == "private":
        return "absent"
    if c["parent"] != "-":
        basic, opts = table[c["parent"]]
        return None if effective(basic, opts, options) in ("K", "C") else "absent"
    a = effective(c["basic"], c["opts"], options)
    if c["tag"] in ("(0010,0010)", "(0010,0020)"):
        return "absent"         # the keyed pseudonym, whatever the options
    if a == "K":
        return "present"
    if a == "C":
        if "retain-long-modified-dates" in options and \
                c["opts"][OPTS.index("retain-long-modified-dates")] == "C" and \
                c["vr"] in ("DA", "DT"):
            return "shifted"
        return None
    return "absent"


def parse_runs(args):
    runs = []
    for a in args:
        name, opts = a.split("=", 1)
        runs.append((name, [o for o in opts.split(",") if o]))
    return runs


def cmd_expect(top, work, runs):
    table = load_table(os.path.join(top, "data", "annexE-2024b.tsv"))
    can = load_canaries(os.path.join(work, "in", "canaries.tsv"))
    for name, options in runs:
        absent = sorted({c["value"] for c in can
                         if c["value"] and expectation(c, options, table) == "absent"})
        with open(os.path.join(work, "absent." + name), "w") as f:
            f.write("".join(v + "\n" for v in absent))


class Results:
    def __init__(self, name):
        self.name = name

    def check(self, cond, desc, diags=()):
        print("%s|%s: %s" % ("PASS" if cond else "FAIL", self.name, desc))
        if not cond:
            for d in list(diags)[:12]:
                print("DIAG|%s" % d)
        return cond


def walk(ds, depth=0, path=""):
    for el in ds:
        p = "%s(%04X,%04X)" % (path, el.tag.group, el.tag.element)
        yield el, depth, p
        if el.VR == "SQ":
            for i, it in enumerate(el.value):
                for x in walk(it, depth + 1, "%s[%d]." % (p, i)):
                    yield x


def text(v):
    if v is None:
        return ""
    if isinstance(v, bytes):
        return v.rstrip(b"\0 ").decode("latin-1")
    if isinstance(v, (list, pydicom.multival.MultiValue)):
        return "\\".join(str(x) for x in v)
    return str(v)


def location(ds, where):
    if where == "T":
        return ds
    if where in ("S", "N"):
        seq = ds.get("ReferencedSeriesSequence")
        if not seq:
            return None
        if where == "S":
            return seq[0]
        seq = seq[0].get("AnatomicRegionSequence")
        return seq[0] if seq else None
    return None


def tagint(t):
    return int(t[1:5] + t[6:10], 16)


def dadate(s):
    return datetime.date(int(s[0:4]), int(s[4:6]), int(s[6:8]))


def cmd_check(top, work, runs):
    table = load_table(os.path.join(top, "data", "annexE-2024b.tsv"))
    can = load_canaries(os.path.join(work, "in", "canaries.tsv"))
    inputs = {}
    for f in sorted(os.listdir(os.path.join(work, "in"))):
        if f.endswith(".dcm"):
            inputs[f] = pydicom.dcmread(os.path.join(work, "in", f))
    by_instance = {str(ds.InstanceNumber): f for f, ds in inputs.items()}
    for name, options in runs:
        r = Results(name)
        outdir = os.path.join(work, "out." + name)
        outs = {}
        bad = []
        for dirpath, _, files in os.walk(outdir):
            for f in files:
                p = os.path.join(dirpath, f)
                try:
                    ds = pydicom.dcmread(p)
                    outs[by_instance[str(ds.InstanceNumber)]] = (p, ds)
                except Exception as e:
                    bad.append("%s: %s" % (p, e))
        r.check(not bad and len(outs) == len(inputs),
                "every input has one output that pydicom reads (%d of %d)"
                % (len(outs), len(inputs)), bad)

        # the manifest on stdout
        lines = open(os.path.join(work, name + ".stdout"), encoding="utf-8").read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        heads = [l for l in lines if l.startswith("#")]
        recs = [l.split("\t") for l in lines if not l.startswith("#")]
        r.check(len(heads) == 1 and lines[0].startswith("#"),
                "stdout: one '#' header line, first", heads)
        probs = []
        for rec in recs:
            if len(rec) != 7:
                probs.append("not 7 fields: %r" % rec)
                continue
            path, modality, patient, study, series, sop, frames = rec
            full = path if os.path.isabs(path) else os.path.join(work, path)
            if not os.path.isfile(full):
                probs.append("no such file: %s" % path)
                continue
            ds = pydicom.dcmread(full, stop_before_pixels=True)
            want = [str(ds.Modality), str(ds.PatientID), str(ds.StudyInstanceUID),
                    str(ds.SeriesInstanceUID), str(ds.SOPInstanceUID)]
            if [modality, patient, study, series, sop] != want:
                probs.append("%s: record %r, file %r" % (path, rec[1:6], want))
            if not path.endswith("/".join(want[1:]) + ".dcm"):
                probs.append("%s: not <patient>/<study_uid>/<series_uid>/<sop_uid>.dcm" % path)
            if frames not in ("", "1") and not frames.isdigit():
                probs.append("%s: frames %r" % (path, frames))
        r.check(not probs and len(recs) == len(outs),
                "stdout: one record per output, fields match the file, default layout "
                "(%d records)" % len(recs), probs)

        # canaries that must stay, or change in a known way
        probs, nk, shifts = [], 0, {}
        for c in can:
            e = expectation(c, options, table)
            if e not in ("present", "shifted", "plain"):
                continue
            if c["file"] not in outs:
                continue
            ds = location(outs[c["file"]][1], c["where"])
            if ds is None:
                if e == "present" and c["where"] in ("T", "S", "N"):
                    probs.append("%s %s %s: container gone" % (c["file"], c["where"], c["tag"]))
                continue
            el = ds.get(tagint(c["tag"]))
            got = text(el.value) if el is not None else None
            if e == "present":
                nk += 1
                if got != c["value"]:
                    probs.append("%s %s %s kept by the option: %r, not %r"
                                 % (c["file"], c["where"], c["tag"], got, c["value"]))
            elif e == "plain":
                a = effective(c["basic"], c["opts"], options)
                if a == "K" and got != c["value"]:
                    probs.append("%s %s %s: %r, not %r (K)" % (c["file"], c["where"], c["tag"],
                                                             got, c["value"]))
                if a != "K" and got == c["value"]:
                    probs.append("%s %s %s: %r kept (%s)" % (c["file"], c["where"], c["tag"],
                                                          got, a))
            elif e == "shifted" and c["where"] in ("T", "S"):
                if got is None or got == "":
                    probs.append("%s %s %s: date %r removed, not shifted"
                                 % (c["file"], c["where"], c["tag"], c["value"]))
                    continue
                try:
                    d = (dadate(got) - dadate(c["value"])).days
                except ValueError:
                    probs.append("%s %s %s: %r is not a date" % (c["file"], c["where"],
                                                                c["tag"], got))
                    continue
                if c["vr"] == "DT" and got[8:] != c["value"][8:]:
                    probs.append("%s %s %s: time of %r changed to %r"
                                 % (c["file"], c["where"], c["tag"], c["value"], got))
                shifts.setdefault(d, []).append("%s %s %s" % (c["file"], c["where"], c["tag"]))
        r.check(not probs, "the values the options keep are kept (%d canaries), "
                "and only those" % nk, probs)
        if "retain-long-modified-dates" in options:
            r.check(len(shifts) == 1 and 0 not in shifts,
                    "dates shifted by one offset for the patient, not 0 (%s days)"
                    % ",".join(str(k) for k in sorted(shifts)),
                    ["%d days: %d dates, e.g. %s" % (k, len(v), v[0]) for k, v in shifts.items()])

        # attributes outside the table are kept
        probs = []
        for f, (p, out) in sorted(outs.items()):
            inp = inputs[f]
            for kw in ("SOPClassUID", "Modality", "InstanceNumber", "SeriesNumber",
                       "ImageType", "Rows", "Columns", "SliceThickness", "PixelData",
                       "ImageOrientationPatient", "ConversionType", "CompletionFlag"):
                if kw in inp and (kw not in out or out[kw].value != inp[kw].value):
                    probs.append("%s: %s changed" % (f, kw))
            if "WaveformSequence" in inp:
                w = out.get("WaveformSequence")
                if not w or w[0].WaveformData != inp.WaveformSequence[0].WaveformData or \
                        w[0].NumberOfWaveformChannels != 12:
                    probs.append("%s: waveform changed" % f)
            if "ROIContourSequence" in inp:
                a = [list(c.ContourData) for c in inp.ROIContourSequence[0].ContourSequence]
                try:
                    b = [list(c.ContourData) for c in out.ROIContourSequence[0].ContourSequence]
                except (AttributeError, IndexError):
                    b = None
                if a != b:
                    probs.append("%s: contours changed" % f)
            if "ContentSequence" in inp and "clean-structured-content" in options:
                if not out.get("ContentSequence"):
                    probs.append("%s: the SR content is gone with clean-structured-content" % f)
        r.check(not probs, "attributes outside Table E.1-1 (Modality, pixels, waveform, "
                "contours...) kept", probs)

        # the marks of de-identification
        probs = []
        want = {CODES[""]} | {CODES[o] for o in options}
        ltim = "UNMODIFIED" if "retain-long-full-dates" in options else \
            "MODIFIED" if "retain-long-modified-dates" in options else "REMOVED"
        for f, (p, out) in sorted(outs.items()):
            if out.get("PatientIdentityRemoved") != "YES":
                probs.append("%s: PatientIdentityRemoved %r" % (f, out.get("PatientIdentityRemoved")))
            if not out.get("DeidentificationMethod"):
                probs.append("%s: no DeidentificationMethod" % f)
            codes = {(it.get("CodeValue"), it.get("CodingSchemeDesignator"))
                     for it in out.get("DeidentificationMethodCodeSequence", [])}
            if codes != {(c, "DCM") for c in want}:
                probs.append("%s: DeidentificationMethodCodeSequence %s, not %s"
                             % (f, sorted(codes), sorted(want)))
            if out.get("LongitudinalTemporalInformationModified") != ltim:
                probs.append("%s: LongitudinalTemporalInformationModified %r, not %r"
                             % (f, out.get("LongitudinalTemporalInformationModified"), ltim))
        r.check(not probs, "PatientIdentityRemoved YES, CID 7050 codes %s, "
                "LongitudinalTemporalInformationModified %s" % (",".join(sorted(want)), ltim),
                probs)

        # the patient pseudonym
        names = {(str(o.get("PatientName", "")), str(o.get("PatientID", "")))
                 for _, o in outs.values()}
        r.check(len(names) == 1 and all(a == b and PSEUDONYM.match(a) for a, b in names),
                "PatientName = PatientID = one pseudonym P + 12 base32 in every file",
                [repr(x) for x in names])

        # no private element at any depth but the safe ones (the canary
        # creator is on no safe list)
        probs = []
        safe = {(c["file"], c["tag"]) for c in can if c["parent"] == "safe"}
        for f, (p, out) in sorted(outs.items()):
            for el, depth, path in walk(out):
                if el.tag.group % 2 == 1:
                    if "retain-safe-private" in options and depth == 0 and (f, path) in safe:
                        continue
                    probs.append("%s: private %s %r" % (f, path, text(el.value)[:40]))
        r.check(not probs, "no private element survives%s" % (
            ", but the safe ones" if "retain-safe-private" in options else ""), probs)

        # UIDs: pseudonyms, or the standard's own
        if "retain-uids" not in options:
            kept = {c["value"] for c in can if expectation(c, options, table) == "present"}
            probs = []
            for f, (p, out) in sorted(outs.items()):
                for el, depth, path in walk(out):
                    if el.VR != "UI":
                        continue
                    for v in (el.value if isinstance(el.value, (list, pydicom.multival.MultiValue))
                              else [el.value]):
                        v = str(v)
                        if v and not v.startswith("1.2.840.10008.") and \
                                not UID_PSEUDONYM.match(v) and v not in kept:
                            probs.append("%s: %s %s" % (f, path, v))
                v = str(out.file_meta.get("MediaStorageSOPInstanceUID", ""))
                if v != str(out.SOPInstanceUID):
                    probs.append("%s: MediaStorageSOPInstanceUID %s" % (f, v))
            r.check(not probs, "every UID is a 2.25 pseudonym, one of the standard's, "
                    "or kept by the option", probs)

        # the RT Structure Set still points at the stripped CT
        probs = []
        ct = [o for f, (p, o) in outs.items() if f.startswith("ct")]
        rt = [o for f, (p, o) in outs.items() if f == "rt.dcm"]
        if len(ct) == 3 and len(rt) == 1:
            rt = rt[0]
            sops = {str(o.SOPInstanceUID) for o in ct}
            try:
                rfor = rt.ReferencedFrameOfReferenceSequence[0]
                rstudy = rfor.RTReferencedStudySequence[0]
                rser = rstudy.RTReferencedSeriesSequence[0]
                refs = {str(i.ReferencedSOPInstanceUID) for i in rser.ContourImageSequence}
                crefs = {str(c.ContourImageSequence[0].ReferencedSOPInstanceUID)
                         for c in rt.ROIContourSequence[0].ContourSequence}
                if refs != sops:
                    probs.append("ContourImageSequence %s, CT %s" % (sorted(refs), sorted(sops)))
                if crefs != sops:
                    probs.append("ContourSequence images %s, CT %s" % (sorted(crefs), sorted(sops)))
                if str(rser.SeriesInstanceUID) != str(ct[0].SeriesInstanceUID):
                    probs.append("RTReferencedSeriesSequence series %s, CT %s"
                                 % (rser.SeriesInstanceUID, ct[0].SeriesInstanceUID))
                if str(rstudy.ReferencedSOPInstanceUID) != str(ct[0].StudyInstanceUID):
                    probs.append("RTReferencedStudySequence %s, CT study %s"
                                 % (rstudy.ReferencedSOPInstanceUID, ct[0].StudyInstanceUID))
                fors = {str(rfor.FrameOfReferenceUID),
                        str(rt.StructureSetROISequence[0].ReferencedFrameOfReferenceUID)}
                if fors != {str(o.FrameOfReferenceUID) for o in ct}:
                    probs.append("frame of reference %s, CT %s"
                                 % (sorted(fors), sorted({str(o.FrameOfReferenceUID) for o in ct})))
                if str(rt.StudyInstanceUID) != str(ct[0].StudyInstanceUID):
                    probs.append("RT study %s, CT study %s" % (rt.StudyInstanceUID,
                                                             ct[0].StudyInstanceUID))
            except (AttributeError, IndexError, KeyError) as e:
                probs.append("RT structure set references lost: %r" % e)
            for o in ct + [o for f, (p, o) in outs.items() if f == "mr.dcm"]:
                for kw in ("SourceImageSequence", "ReferencedImageSequence"):
                    for it in o.get(kw, []):
                        if str(it.ReferencedSOPInstanceUID) not in sops:
                            probs.append("%s %s %s resolves to no CT output"
                                         % (o.Modality, kw, it.ReferencedSOPInstanceUID))
        else:
            probs.append("CT or RT output missing")
        r.check(not probs, "RT Structure Set, CT and MR references resolve to the stripped CT",
                probs)


def cmd_explain(top, work, runs):
    """For each leaked value on stdin, where it was planted and why it
    had to go, grouped so that one line stands for many canaries."""
    table = load_table(os.path.join(top, "data", "annexE-2024b.tsv"))
    can = load_canaries(os.path.join(work, "in", "canaries.tsv"))
    options = runs[0][1]
    by_value = {}
    for c in can:
        by_value.setdefault(c["value"], []).append(c)
    inputs = {}
    for f in os.listdir(os.path.join(work, "in")):
        if f.endswith(".dcm"):
            ds = pydicom.dcmread(os.path.join(work, "in", f), stop_before_pixels=True)
            inputs[str(ds.InstanceNumber)] = f
    groups = {}
    for hit in sys.stdin.read().split("\n"):
        if ":" not in hit:
            continue
        path, v = hit.split(":", 1)
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            f = inputs.get(str(ds.get("InstanceNumber")), "?")
        except Exception:
            f = "?"         # stdout, stderr, a list of names
        for c in by_value.get(v, []):
            if expectation(c, options, table) != "absent" or f not in ("?", c["file"]):
                continue
            if c["parent"] not in ("-", "private", "plain"):
                why = "in %s, %s" % (c["parent"], effective(*table[c["parent"]], options))
            else:
                why = c["parent"] if c["parent"] != "-" else \
                    effective(c["basic"], c["opts"], options)
            key = (c["where"], why, c["vr"] if c["parent"] == "-" else "")
            g = groups.setdefault(key, [0, set(), set()])
            g[0] += 1
            g[1].add(c["tag"])
            g[2].add(f)
    for (where, why, vr), (k, tags, files) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        print("%d canaries, location %s, %s%s, tags %s, files %s" % (
            k, where, why, " " + vr if vr else "", " ".join(sorted(tags)[:6]) +
            (" ..." if len(tags) > 6 else ""), " ".join(sorted(files))))


def main():
    cmd, top, work = sys.argv[1:4]
    runs = parse_runs(sys.argv[4:])
    if cmd == "expect":
        cmd_expect(top, work, runs)
    elif cmd == "explain":
        cmd_explain(top, work, runs)
    else:
        cmd_check(top, work, runs)


main()
EOF

# leaks FILE WHAT: report the canaries of absent.$name found in FILE (a
# list of output files, or one text file).  A canary of digits only (a
# date) found inside a 2.25 UID pseudonym is chance, not a leak.
leaks() {
	grep -H -a -o -F -f "$T/absent.$name" "$@" 2>/dev/null | sort -u |
	while IFS= read -r hit; do
		f=${hit%%:*}
		v=${hit#*:}
		case $v in
		*[!0-9]*) ;;
		*)
			grep -a -o -E "[0-9.]*${v}[0-9.]*" "$f" | grep -q -v -F '2.25.' || continue
			;;
		esac
		printf '%s\n' "$hit"
	done > "$T/leaks"
	[ ! -s "$T/leaks" ]
}

# run NAME OPTION...: dcm-strip with -O OPTION each, all canary inputs.
runs=
run() {
	name=$1
	shift
	args=
	list=
	for o in "$@"; do
		args="$args -O $o"
		list="$list${list:+,}$o"
	done
	runs="$runs $name=$list"
	rc=0
	# shellcheck disable=SC2086
	(cd "$T" && "$strip" -k key $args --allow-burned-in -o "out.$name" in/*.dcm \
	    > "$name.stdout" 2> "$name.stderr") || rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$name: exit 0"
	else
		notok "$name: exit $rc, not 0"
		diag "$T/$name.stderr"
	fi
}

# the runs, then the checks of each
run basic
for o in retain-safe-private retain-uids retain-device-identity \
    retain-institution-identity retain-patient-chars retain-long-full-dates \
    retain-long-modified-dates clean-descriptors clean-structured-content clean-graphics; do
	run "$o" "$o"
done
# K over C: the device's calibration dates are K for retain-device-identity
# and C (shift) for retain-long-modified-dates
run k-over-c retain-device-identity retain-long-modified-dates

# shellcheck disable=SC2086
"$py" "$T/check.py" expect "$top" "$T" $runs

for spec in $runs; do
	name=${spec%%=*}
	nabsent=$(wc -l < "$T/absent.$name")
	find "$T/out.$name" -type f -name '*.dcm' > "$T/files.$name"
	if [ ! -s "$T/files.$name" ]; then
		notok "$name: no output file to search"
		continue
	fi
	# shellcheck disable=SC2046
	if leaks $(cat "$T/files.$name"); then
		ok "$name: none of $nabsent removed canaries in the output files"
	else
		notok "$name: $(sed 's/^[^:]*://' "$T/leaks" | sort -u | wc -l) removed canaries found in the output files"
		"$py" "$T/check.py" explain "$top" "$T" "$spec" < "$T/leaks" > "$T/why" 2>&1
		diag "$T/why" 20
	fi
	(cd "$T" && find "out.$name") > "$T/names.$name"
	if leaks "$T/names.$name"; then
		ok "$name: no canary in an output file name"
	else
		notok "$name: canaries in output file names"
		"$py" "$T/check.py" explain "$top" "$T" "$spec" < "$T/leaks" | diag /dev/stdin
	fi
	if leaks "$T/$name.stdout"; then
		ok "$name: no canary on stdout"
	else
		notok "$name: canaries on stdout"
		"$py" "$T/check.py" explain "$top" "$T" "$spec" < "$T/leaks" | diag /dev/stdin
	fi
	if leaks "$T/$name.stderr"; then
		ok "$name: no canary on stderr"
	else
		notok "$name: canaries on stderr"
		"$py" "$T/check.py" explain "$top" "$T" "$spec" < "$T/leaks" | diag /dev/stdin
	fi
done

# shellcheck disable=SC2086
"$py" "$T/check.py" check "$top" "$T" $runs > "$T/results" 2>&1 ||
	echo "PYFAIL|check.py failed" >> "$T/results"
while IFS= read -r line; do
	case $line in
	PASS\|*) ok "${line#PASS|}" ;;
	FAIL\|*) notok "${line#FAIL|}" ;;
	DIAG\|*) echo "#   ${line#DIAG|}" ;;
	PYFAIL\|*) notok "${line#PYFAIL|}" ;;
	*) echo "#   $line" ;;
	esac
done < "$T/results"

# the same inputs, key and options: the same bytes
rc=0
(cd "$T" && "$strip" -k key --allow-burned-in -o out.again in/*.dcm > again.stdout 2>&1) || rc=$?
sed 's|^out\.basic/||' "$T/basic.stdout" > "$T/records.basic"
sed 's|^out\.again/||' "$T/again.stdout" > "$T/records.again"
if [ "$rc" -eq 0 ] && diff -r "$T/out.basic" "$T/out.again" > "$T/diff" 2>&1 &&
    diff "$T/records.basic" "$T/records.again" >> "$T/diff" 2>&1; then
	ok "a second run writes byte-identical files and records"
else
	notok "a second run differs (exit $rc)"
	diag "$T/diff"
fi

# a secondary capture without BurnedInAnnotation NO is refused; the rest goes through
rc=0
(cd "$T" && "$strip" -k key -o out.burned in/*.dcm > burned.stdout 2> burned.stderr) || rc=$?
nout=$(find "$T/out.burned" -type f -name '*.dcm' 2>/dev/null | wc -l)
if [ "$rc" -eq 1 ] && grep -q 'sc\.dcm' "$T/burned.stderr" &&
    grep -q -i 'burn' "$T/burned.stderr" && [ "$nout" -eq $((ninputs - 1)) ] &&
    ! cut -f2 "$T/burned.stdout" | grep -q -x OT; then
	ok "without --allow-burned-in: SC refused (exit 1, named on stderr), $nout others written"
else
	notok "without --allow-burned-in: exit $rc, $nout of $((ninputs - 1)) written"
	diag "$T/burned.stderr"
fi

# --explain writes nothing but its report
rc=0
(cd "$T" && "$strip" -k key --explain in/ct1.dcm > explain.stdout 2> explain.stderr) || rc=$?
if [ "$rc" -eq 0 ] && grep -q 'PatientName' "$T/explain.stdout" && [ ! -e "$T/out" ]; then
	ok "--explain: exit 0, names the attributes"
else
	notok "--explain: exit $rc"
	diag "$T/explain.stderr"
fi

# expected failures: usage errors exit 2 and write nothing
usage_case() {	# usage_case DESCRIPTION ARGS...
	desc=$1
	shift
	rc=0
	(cd "$T" && "$strip" "$@" > usage.stdout 2> usage.stderr) || rc=$?
	if [ "$rc" -eq 2 ] && [ ! -e "$T/out.usage" ] && [ -s "$T/usage.stderr" ] &&
	    [ ! -s "$T/usage.stdout" ]; then
		ok "$desc: exit 2, message, nothing written"
	else
		notok "$desc: exit $rc"
		diag "$T/usage.stderr"
	fi
	rm -rf "$T/out.usage"
}
usage_case "bad -O name" -k key -O retain-everything -o out.usage in/ct1.dcm
usage_case "missing -o" -k key in/ct1.dcm
usage_case "full and modified dates together" -k key -O retain-long-full-dates \
    -O retain-long-modified-dates -o out.usage in/ct1.dcm
usage_case "unknown option" -k key --no-such-option -o out.usage in/ct1.dcm
usage_case "key file missing" -k no-such-key -o out.usage in/ct1.dcm

echo "1..$n"
[ "$nfail" -eq 0 ]
