#!/bin/sh
# 95-pipeline.t: the whole pipeline, as DESIGN.md draws it,
#
#	dcm-strip -k KEY -c cw/ -o anon IN | dcm-deface -k KEY --qc qc.png -o def |
#	    dcm-merge-frames -k KEY -o merged | dcm-convert -f nii.gz -o nifti > nifti.tsv
#
# once in one pipe (tee keeping each manifest) and once stage by stage, each
# stage reading the manifest the previous one saved (anon.tsv, def.tsv,
# merged.tsv, nifti.tsv), on (1) a synthetic study: gen-dicom.py's sample
# (a CT and an MR phantom, thin slabs that dcm-deface passes through with a
# note, and an SR) and three gen-head heads (CT, MR, CBCT), and (2) real
# series of ../shared/data/dcm_qa (skipped where absent): a Philips CT slab
# and its localizer, and a slab of a Siemens T1 in JPEG Lossless of three
# fragments a frame.  At each stage: exit 0, no sanitizer report; no PHI canary (taken from the inputs with dcmdump) in
# any output or manifest, and `dcm-crosswalk audit` of the merged crosswalk
# finds nothing in any output tree; every record names a file that is there,
# every file written has exactly one record, whose columns are what dcmdump
# (or nibabel) reads from it, and a record not of the stage's own tree is one
# of the previous stage's, unchanged; no dciodvfy Error that the stage's
# inputs do not have.  At the end: the NIfTI geometry (dim, pixdim, sform,
# qform, scaling) is that of dcm-convert run straight on the original series,
# within 1e-4 mm, with the same voxels where nothing was defaced, and for
# the heads voxels changed (on the DICOM after dcm-deface, and in the NIfTI)
# only in front of the centre of the head; the slabs, the localizer and the SR
# pass dcm-deface byte for byte as dcm-strip wrote them.  The pipe and the
# stages give byte-identical trees, manifests, QC pictures and crosswalk.
#
# DCMSCRUB_TESTBIN names the directory of gen-head (default build/tests).
. "$(dirname "$0")/lib.sh"

TB=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $TB in /*) ;; *) TB=$root/$TB ;; esac
GEN=$TB/gen-head
DEFACE=$BIN/dcm-deface
MERGE=$BIN/dcm-merge-frames
CONVERT=$BIN/dcm-convert
XWALK=$BIN/dcm-crosswalk
qa=$root/../shared/data/dcm_qa
for t in "$DEFACE" "$MERGE" "$CONVERT" "$XWALK" "$GEN"; do
	[ -x "$t" ] || bail "$t: not built"
done
# dcmtk is a dependency of the build (scripts/install-deps): dcmdump must be there
have dcmdump || bail "dcmdump (dcmtk) is not installed: run scripts/install-deps"
py -c 'import numpy, nibabel' 2>/dev/null || skip_all "python3-numpy or python3-nibabel is not installed"

# dciodvfy: scripts/install-deps installs dicom3tools, so where it does, a
# missing dciodvfy is a failure, not a skip
iod=yes
if ! have dciodvfy; then
	if grep -q 'dicom3tools' "$root/scripts/install-deps" 2>/dev/null; then
		iod=fail
	else
		iod=skip
	fi
fi

mkkey "$tmp/key" "$KEY1"
TAB=$(printf '\t')
HEADER=$(printf '#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes')
STAGES='strip:anon deface:def merge:merged convert:nifti'

# ---- helpers ---------------------------------------------------------------------

# The records (non-comment lines) of a manifest.
records() { grep -v '^#' "$1"; }

# dmeta: the paths on stdin (DICOM files), one record each as dcmdump reads
# them: path modality patient study series sop frames (NumberOfFrames, else
# 1 for an image with Pixel Data, else empty); top-level elements only (+p
# prefixes the nested ones with their sequences).
dmeta() {
	tr '\n' '\0' | xargs -0 -r dcmdump -q -M +F +p +P 0008,0060 +P 0010,0020 +P 0020,000d \
	    +P 0020,000e +P 0008,0018 +P 0028,0008 +P 7fe0,0010 2>&1 | awk '
	function flush() {
		if (f != "")
			print f "\t" v["0008,0060"] "\t" v["0010,0020"] "\t" v["0020,000d"] "\t" \
			    v["0020,000e"] "\t" v["0008,0018"] "\t" (("0028,0008" in v) ? v["0028,0008"] : (px ? 1 : ""))
		split("", v); px = 0
	}
	/^# dcmdump \(/ { flush(); f = $0; sub(/^# dcmdump \([0-9]+\/[0-9]+\): /, "", f); next }
	/^\([0-9a-f][0-9a-f][0-9a-f][0-9a-f],[0-9a-f][0-9a-f][0-9a-f][0-9a-f]\) / {
		t = substr($0, 2, 9)
		if (t == "7fe0,0010") { px = 1; next }
		val = ""
		if (match($0, /\[[^]]*\]/))
			val = substr($0, RSTART + 1, RLENGTH - 2)
		v[t] = val
		next
	}
	/^(E:|W:|dcmdump:)/ { print "dcmdump: " $0 }
	END { flush() }'
}

# canaries LIST: the identifying values of the input files named in LIST,
# as dcmdump reads them, one a line: the values (of at least 5 characters,
# so that grep -w is not found by chance in compressed data) of the patient's
# names, IDs, birth date and address, the accession number, the institution,
# the physicians and operators, the station and device serial number, the
# study ID and dates, and every instance UID (study, series, SOP instance,
# frame of reference, references), at any depth; the components of every
# name (split at ^ and =) of 5 characters or more; and the string values of
# every private element (creators included) of 6 characters or more, but for
# those found inside a public value of an attribute that may be kept (such
# as "SIEMENS" in Manufacturer), which are no evidence of a leak.
PHI_TAGS='0010,0010 0010,0020 0010,0021 0010,0030 0010,1000 0010,1001 0010,1040'
PHI_TAGS="$PHI_TAGS 0008,0050 0008,0080 0008,0081 0008,0090 0008,1070 0008,1050 0008,1010"
PHI_TAGS="$PHI_TAGS 0018,1000 0020,0010 0008,0012 0008,0020 0008,0021 0008,0022 0008,0023"
PHI_TAGS="$PHI_TAGS 0020,000d 0020,000e 0008,0018 0002,0003 0020,0052 0008,1155 0020,0200 0008,0014"
canaries() {
	tr '\n' '\0' <"$1" | xargs -0 dcmdump -q -M +L 2>/dev/null | awk -v phi="$PHI_TAGS" '
	BEGIN { n = split(phi, a, " "); for (i = 1; i <= n; i++) isphi[a[i]] = 1 }
	{
		l = $0
		sub(/^ +/, "", l)
		if (substr(l, 1, 1) != "(" || substr(l, 11, 1) != ")" || !match(l, /\[.*\]/))
			next
		tag = substr(l, 2, 9)
		vr = substr(l, 13, 2)
		val = substr(l, RSTART + 1, RLENGTH - 2)
		odd = index("13579bdf", substr(tag, 4, 1)) > 0
		nv = split(val, vs, /\\/)
		for (i = 1; i <= nv; i++) {
			v = vs[i]
			sub(/^ +/, "", v)
			sub(/ +$/, "", v)
			if (v == "")
				continue
			if (isphi[tag]) {
				if (length(v) >= 5)
					out[v] = 1
				if (vr == "PN") {
					nc = split(v, cs, /[\^=]/)
					for (j = 1; j <= nc; j++)
						if (length(cs[j]) >= 5)
							out[cs[j]] = 1
				}
			} else if (odd && substr(tag, 6, 4) != "0000") {
				if (length(v) >= 6 && vr ~ /^(LO|SH|LT|ST|UT|PN|CS|UC|UI)$/)
					priv[v] = 1
			} else if (vr ~ /^(AE|CS|LO|LT|PN|SH|ST|UT|UC|DA|TM|DT|DS|IS|UI)$/)
				pub[v] = 1
		}
	}
	END {
		for (p in priv) {
			found = 0
			for (u in pub)
				if (index(u, p)) { found = 1; break }
			if (!found)
				out[p] = 1
		}
		for (v in out)
			print v
	}' | LC_ALL=C sort
}

# The files of a tree (relative to the working directory), sorted; none for
# a tree that is not there.
files() { [ -d "$1" ] && find "$1" -type f ! -name '.dcmscrub.*' | LC_ALL=C sort; }

# nmeta: the NIfTI paths on stdin, "path TAB frames" (dim[3] * dim[4] ...).
nmeta() {
	py -c '
import sys, nibabel as nib
for p in sys.stdin.read().split("\n"):
    if p:
        d = nib.load(p).header["dim"]
        n = 1
        for x in d[3:d[0] + 1]:
            n *= int(x)
        print("%s\t%d" % (p, n))'
}

# lineage.py: from the saved manifests and the merged crosswalk of a run
# (its directory the working directory), the sources of every file written,
# back to the original inputs: anon <- original (the crosswalk's path rows),
# def <- anon (StudyInstanceUID, SeriesNumber, InstanceNumber), merged <-
# the frames it names (Conversion Source Attributes Sequence), nifti <- the
# DICOM records of its series in merged.tsv.  Prints one line a fact:
#   problem TEXT
#   iod STAGE NFILES NNEW NWORSE      dciodvfy Error lines (values masked) of
#                                     the outputs not in their inputs', and
#                                     outputs with more of them than an input
#   iodnew STAGE FILE MESSAGE         (the first few, for diag)
#   pass NEXPECTED NOK                records of non-head inputs that dcm-deface
#                                     passed unchanged, naming the stripped file
#   defaced LABEL NIN NOUT NCHANGED NFRONT   a head: input files, defaced files,
#                                     voxels changed, of them in front of its centre
#   nii NPIPE NORIG NMATCHED          the pipeline's NIfTI files, those of the
#                                     original series, pairs one to one
#   geom LABEL OK|TEXT                one line a pair
#   vox LABEL same|NDIFF NPOSTERIOR   voxels that differ, of them not in front
# HEADS names the labels (the directory names of the inputs) of the heads.
cat >"$tmp/lineage.py" <<'PY'
import sys, os, re, subprocess
import concurrent.futures as cf
import numpy as np, nibabel as nib, pydicom

origtsv, heads, iod = sys.argv[1], set(sys.argv[2].split()), sys.argv[3] == "yes"
def manifest(f):
    out = []
    for line in open(f, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            out.append(line.split("\t"))
    return out
M = {s: manifest(s + ".tsv") for s in ("anon", "def", "merged", "nifti")}
lines = {s: set("\t".join(r) for r in M[s]) for s in M}
cw = [l.rstrip("\n").split("\t") for l in open("cw.tsv", encoding="utf-8") if not l.startswith("#")]
nprob = 0
def problem(s):
    global nprob
    nprob += 1
    if nprob <= 8:
        print("problem " + s)

src = {}                                  # output path -> its inputs' paths
for k, orig, pseudo in cw:
    if k == "path":
        src["anon/" + pseudo] = [orig]
hdr = {}
def H(p):
    if p not in hdr:
        hdr[p] = pydicom.dcmread(p, stop_before_pixels=True, force=True)
    return hdr[p]
def key(p):
    d = H(p)
    return (str(d.get("StudyInstanceUID", "")), str(d.get("SeriesNumber", "")), str(d.get("InstanceNumber", "")))
for r in M["anon"]:
    if r[0] not in src:
        problem("%s: no path row in the crosswalk" % r[0])
bykey = {}
for r in M["anon"]:
    bykey.setdefault(key(r[0]), []).append(r[0])
for r in M["def"]:
    if r[0].startswith("def/"):
        c = bykey.get(key(r[0]), [])
        if len(c) != 1:
            problem("%s: %d stripped files of its series and instance number" % (r[0], len(c)))
        src[r[0]] = c
bysop = {r[5]: r[0] for r in M["def"] if len(r) > 5}
def refs(ds):
    out = []
    for seq in ("PerFrameFunctionalGroupsSequence", "SharedFunctionalGroupsSequence"):
        for it in ds.get(seq, []):
            for c in it.get("ConversionSourceAttributesSequence", []):
                out.append(str(c.ReferencedSOPInstanceUID))
    return out
for r in M["merged"]:
    if r[0].startswith("merged/"):
        u = refs(H(r[0]))
        if not u or any(x not in bysop for x in u):
            problem("%s: its %d source frames are not all records of def.tsv" % (r[0], len(u)))
        src[r[0]] = [bysop[x] for x in u if x in bysop]
for r in M["nifti"]:
    if r[0].startswith("nifti/"):
        c = [m[0] for m in M["merged"] if m[4] == r[4] and not m[0].endswith((".nii", ".nii.gz"))]
        if not c:
            problem("%s: no DICOM record of its series %s in merged.tsv" % (r[0], r[4]))
        src[r[0]] = c
def origins(p, depth=0):
    if p not in src or depth > 6:
        return {p}
    s = set()
    for q in src[p]:
        s |= origins(q, depth + 1)
    return s
def label(p):
    return os.path.basename(os.path.dirname(p))
def olabel(p):
    ls = sorted(set(label(o) for o in origins(p)))
    return ",".join(ls)

# ---- dciodvfy: each output against its inputs ----
# Filtered: the Error that the basic profile's D on Content Sequence
# (0040,A730) brings: dcm-strip keeps the sequence with one empty item
# (dcm-profile(5): "a sequence stays present too, but nothing that its items
# held is kept"), and dciodvfy misses the Relationship Type of that item.
INTENDED = re.compile(r"Element=<RelationshipType> Module=<DocumentRelationshipMacro>")
def mask(lines):
    return [re.sub(r'"[^"]*"', '"..."', l) for l in lines if l.startswith("Error") and not INTENDED.search(l)]
# Filtered in a merged file only: Siemens puts a Referenced Image Sequence
# inside each slice's Related Series Sequence (0008,1250), not where the
# standard has one.  dcm-merge-frames keeps it, as it differs from frame to
# frame, in the Unassigned Per-frame Converted Attributes; dciodvfy then takes
# the Referenced Image functional group and the Common Instance Reference
# module to be required, as if the slices had a Referenced Image Sequence of
# their own (they do not).
NESTED = re.compile(r"<ReferencedImageSequence> Module=<ReferencedImageMacro>|<ReferencedImageEvidenceSequence>")
# Filtered in a defaced Enhanced MR image only: dcm-deface makes its Image
# Type DERIVED, and dciodvfy then objects to the attributes of the MR Pulse
# Sequence module the scanner wrote (Coverage of k-Space, Echo Pulse
# Sequence, ...), which their conditions tie to an ORIGINAL or MIXED image.  They
# still describe how the pixels were acquired; dcm-deface keeps them (a
# known difference, in the notes of issue 8).
DERIVED_MR = re.compile(r"Attribute present when condition unsatisfied .* Module=<MRPulseSequence>")
def is_enhanced_mr(p):
    return str(pydicom.dcmread(p, stop_before_pixels=True).SOPClassUID) == "1.2.840.10008.5.1.4.1.1.4.1"
def nested_refs(ins):
    for i in ins:
        d = pydicom.dcmread(i, stop_before_pixels=True)
        if any("ReferencedImageSequence" in it for it in d.get("RelatedSeriesSequence", [])) and \
                "ReferencedImageSequence" not in d:
            return True
    return False
if iod:
    pairs = {s: [(p, src.get(p, [])) for p in sorted(src) if p.startswith(s + "/")] for s in ("anon", "def", "merged")}
    todo = sorted(set(p for s in pairs for o, i in pairs[s] for p in [o] + i))
    def vfy(p):
        r = subprocess.run(["dciodvfy", p], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return p, mask(r.stdout.decode("latin-1").splitlines())
    with cf.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
        errs = dict(ex.map(vfy, todo))
    for s in ("anon", "def", "merged"):
        nnew = nworse = 0
        shown = 0
        for o, ins in pairs[s]:
            have = set()
            for i in ins:
                have |= set(errs[i])
            eo = errs[o]
            if s == "merged" and nested_refs(ins):
                eo = [m for m in eo if not NESTED.search(m)]
            if s == "def" and o.startswith("def/") and is_enhanced_mr(o):
                eo = [m for m in eo if not DERIVED_MR.search(m)]
            new = sorted(set(eo) - have)
            if new:
                nnew += 1
                for m in new[:2]:
                    if shown < 4:
                        print("iodnew %s %s %s" % (s, o, m))
                        shown += 1
            if ins and len(eo) > max(len(errs[i]) for i in ins):
                nworse += 1
        print("iod %s %d %d %d" % (s, len(pairs[s]), nnew, nworse))

# ---- dcm-deface: what it passed, what it changed ----
anon_by_sop = {r[5]: r for r in M["anon"]}
def_by_sop = {}
for r in M["def"]:
    def_by_sop.setdefault(r[5], []).append(r)
nexp = nok = 0
for r in M["anon"]:
    if label(src.get(r[0], [""])[0]) in heads:
        continue
    nexp += 1
    d = def_by_sop.get(r[5], [])
    if len(d) == 1 and d[0] == r and open(d[0][0], "rb").read() == open(r[0], "rb").read():
        nok += 1
    else:
        problem("%s: passed by dcm-deface as %s" % (r[0], ["\t".join(x) for x in d]))
print("pass %d %d" % (nexp, nok))
# position, orientation and pixel spacing of each frame (a classic image has one)
def planes(a):
    if "PerFrameFunctionalGroupsSequence" not in a:
        return [(np.array(a.ImagePositionPatient, float), np.array(a.ImageOrientationPatient, float),
                 np.array(a.PixelSpacing, float))]
    sh = a.SharedFunctionalGroupsSequence[0] if "SharedFunctionalGroupsSequence" in a else None
    def get(fg, seq, kw):
        for g in (fg, sh):
            if g is not None and seq in g:
                return np.array(getattr(g[seq][0], kw), float)
        raise KeyError(kw)
    return [(get(fg, "PlanePositionSequence", "ImagePositionPatient"),
             get(fg, "PlaneOrientationSequence", "ImageOrientationPatient"),
             get(fg, "PixelMeasuresSequence", "PixelSpacing")) for fg in a.PerFrameFunctionalGroupsSequence]
# the defaced series, by the label of their inputs
series = {}
for r in M["def"]:
    if r[0].startswith("def/"):
        series.setdefault(olabel(r[0]), []).append(r[0])
for h in sorted(heads):
    outs = sorted(series.get(h, []), key=lambda o: int(H(o).InstanceNumber))
    nin = sum(1 for r in M["anon"] if label(src.get(r[0], [""])[0]) == h)
    va, vb, vy = [], [], []
    for o in outs:
        a, b = pydicom.dcmread(src[o][0]), pydicom.dcmread(o)
        if a.pixel_array.shape != b.pixel_array.shape:
            problem("%s: pixels %s, the input's %s" % (o, b.pixel_array.shape, a.pixel_array.shape))
            continue
        # patient y (LPS: anterior is -y) of pixel (row r, column c) of each frame
        r, c = np.mgrid[0:a.Rows, 0:a.Columns]
        for k, (ipp, iop, ps) in enumerate(planes(a)):
            va.append(a.pixel_array[k] if "PerFrameFunctionalGroupsSequence" in a else a.pixel_array)
            vb.append(b.pixel_array[k] if "PerFrameFunctionalGroupsSequence" in a else b.pixel_array)
            vy.append(ipp[1] + iop[1] * ps[1] * c + iop[4] * ps[0] * r)
    changed = front = 0
    if va:
        va, vb, vy = np.array(va), np.array(vb), np.array(vy)
        ch = va != vb
        # the head: above a tenth of the range of the input's values; its centre the median y
        head = va > va.min() + 0.1 * (float(va.max()) - float(va.min()))
        ymed = float(np.median(vy[head]))
        changed = int(ch.sum())
        front = int((ch & (vy < ymed)).sum())
    print("defaced %s %d %d %d %d" % (h, nin, len(outs), changed, front))
others = sorted(k for k in series if k not in heads)
if others:
    problem("defaced, not heads: %s" % others)

# ---- the NIfTI against dcm-convert of the original series ----
orig = manifest(origtsv)
def orig_series(p):
    return sorted(set(str(H(o).SeriesInstanceUID) for o in origins(p) if os.path.isfile(o)))
onii = {}
for r in orig:
    if r[0].endswith((".nii", ".nii.gz")) and len(r) > 4:
        onii.setdefault(r[4], []).append(r[0])
pipe = [r[0] for r in M["nifti"] if r[0].startswith("nifti/")]
pairs = []
used = set()
for p in pipe:
    s = orig_series(p)
    c = onii.get(s[0], []) if len(s) == 1 else []
    if len(c) != 1 or c[0] in used:
        problem("%s: of the original series %s, %d original NIfTI %s" % (p, s, len(c), c))
        continue
    used.add(c[0])
    pairs.append((p, c[0]))
print("nii %d %d %d" % (len(pipe), sum(len(v) for v in onii.values()), len(pairs)))
olab = {}
for r in M["anon"]:
    for o in origins(r[0]):
        if os.path.isfile(o):
            olab[str(H(o).SeriesInstanceUID)] = label(o)
for u, ps in sorted(onii.items()):
    for q in ps:
        if q not in used:
            print("niimissing %s %s" % (olab.get(u, "?"), q))
def flat(a):
    return None if a is None else np.round(np.asarray(a, float), 6).tolist()
def close(a, b, tol=1e-4):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))
for p, o in pairs:
    A, B = nib.load(p), nib.load(o)
    ha, hb = A.header, B.header
    bad = []
    if list(ha["dim"]) != list(hb["dim"]):
        bad.append("dim %s, the original's %s" % (list(ha["dim"]), list(hb["dim"])))
    if not close(ha["pixdim"], hb["pixdim"]):
        bad.append("pixdim %s, the original's %s" % (flat(ha["pixdim"]), flat(hb["pixdim"])))
    for m in ("sform", "qform"):
        fa, fb = getattr(A, "get_" + m)(coded=True), getattr(B, "get_" + m)(coded=True)
        if fa[1] != fb[1] or (fa[0] is None) != (fb[0] is None) or (fa[0] is not None and not close(fa[0], fb[0])):
            bad.append("%s %s (code %s), the original's %s (code %s)" % (m, flat(fa[0]), fa[1], flat(fb[0]), fb[1]))
    if ha.get_data_dtype() != hb.get_data_dtype():
        bad.append("dtype %s, the original's %s" % (ha.get_data_dtype(), hb.get_data_dtype()))
    sa = (float(A.dataobj.slope), float(A.dataobj.inter))
    sb = (float(B.dataobj.slope), float(B.dataobj.inter))
    if sa != sb:
        bad.append("scaling %s, the original's %s" % (sa, sb))
    lab = olabel(p)
    print("geom %s %s" % (lab, "; ".join(bad) if bad else "ok"))
    da, db = A.dataobj.get_unscaled(), B.dataobj.get_unscaled()
    if da.shape != db.shape:
        print("vox %s shape %s %s" % (lab, da.shape, db.shape))
        continue
    diff = da != db
    if not diff.any():
        print("vox %s same 0" % lab)
        continue
    # RAS: anterior is +y; the head's centre the median y of its voxels
    real = np.asanyarray(B.dataobj).astype(np.float64)
    head = real > real.min() + 0.1 * (real.max() - real.min())
    def world_y(ijk):
        return (B.affine[1, :3] @ ijk.T) + B.affine[1, 3]
    ymed = float(np.median(world_y(np.argwhere(head))))
    yd = world_y(np.argwhere(diff))
    print("vox %s %d %d" % (lab, int(diff.sum()), int((yd <= ymed).sum())))
print("problems %d" % nprob)
PY

# ---- one case: both runs and every check ------------------------------------------
# pipeline NAME LIST HEADS: LIST the input files, one a line (read by
# dcm-strip as a manifest on its standard input); HEADS the labels (names of
# the input directories) of the series dcm-deface must deface.
pipeline() {
	c=$1 list=$2 heads=$3
	cd_=$tmp/$c
	mkdir -p "$cd_/pipe" "$cd_/stage" "$cd_/orig"
	nin=$(grep -c . "$list")

	# the one pipe, each manifest kept by tee, each stage's status in a file
	(cd "$cd_/pipe" &&
	    { "$STRIP" -k "$tmp/key" -c cw/ -o anon <"$list" 2>strip.err; echo $? >strip.rc; } | tee anon.tsv |
	    { "$DEFACE" -k "$tmp/key" --qc qc.png -o def 2>deface.err; echo $? >deface.rc; } | tee def.tsv |
	    { "$MERGE" -k "$tmp/key" -o merged 2>merge.err; echo $? >merge.rc; } | tee merged.tsv |
	    { "$CONVERT" -f nii.gz -o nifti 2>convert.err; echo $? >convert.rc; } >nifti.tsv)
	# stage by stage, from the saved manifests
	(cd "$cd_/stage" &&
	    { "$STRIP" -k "$tmp/key" -c cw/ -o anon <"$list" >anon.tsv 2>strip.err; echo $? >strip.rc; }
	    { "$DEFACE" -k "$tmp/key" --qc qc.png -o def <anon.tsv >def.tsv 2>deface.err; echo $? >deface.rc; }
	    { "$MERGE" -k "$tmp/key" -o merged <def.tsv >merged.tsv 2>merge.err; echo $? >merge.rc; }
	    { "$CONVERT" -f nii.gz -o nifti <merged.tsv >nifti.tsv 2>convert.err; echo $? >convert.rc; })
	for r in pipe stage; do
		for s in $STAGES; do
			s=${s%%:*}
			t_note_san "$cd_/$r/$s.err"
			tool=dcm-$s
			[ "$s" = merge ] && tool=dcm-merge-frames
			is "$(cat "$cd_/$r/$s.rc" 2>/dev/null)" 0 \
			    "$c: $r: $tool exit 0 ($(head -c 300 "$cd_/$r/$s.err" | tr '\n' ' '))"
		done
		run "$c-$r-cw" "$XWALK" merge -o "$cd_/$r/cw.tsv" "$cd_/$r/cw/"
		is "$rc" 0 "$c: $r: dcm-crosswalk merge of the crosswalk directory: exit 0 ($err)"
	done
	# the original series straight through dcm-convert, for the geometry
	run_in "$c-orig" "$list" "$CONVERT" -f nii.gz -o "$cd_/orig/nifti"
	cp "$tmp/$c-orig.out" "$cd_/orig.tsv"
	is "$rc" 0 "$c: dcm-convert of the original series: exit 0 ($(printf '%s' "$err" | head -c 300))"

	# -- the pipe and the stages: the same bytes --
	for s in $STAGES; do
		t=${s#*:}
		tree_sums "$cd_/pipe/$t" >"$cd_/pipe.$t.sums" 2>/dev/null
		tree_sums "$cd_/stage/$t" >"$cd_/stage.$t.sums" 2>/dev/null
		cmp -s "$cd_/pipe.$t.sums" "$cd_/stage.$t.sums"
		ok $? "$c: $t/: the pipe and the stages wrote the same files, byte for byte ($(grep -c . <"$cd_/stage.$t.sums") files)"
		LC_ALL=C sort "$cd_/pipe/$t.tsv" >"$cd_/pipe.$t.sorted"
		LC_ALL=C sort "$cd_/stage/$t.tsv" >"$cd_/stage.$t.sorted"
		cmp -s "$cd_/pipe.$t.sorted" "$cd_/stage.$t.sorted"
		ok $? "$c: $t.tsv: the same records from the pipe and the stages ($(nrecords "$cd_/stage/$t.tsv"))"
	done
	for r in pipe stage; do
		(cd "$cd_/$r" && find . -maxdepth 1 -name 'qc*.png' | LC_ALL=C sort | xargs -r sha256sum) >"$cd_/$r.qc.sums"
	done
	# shellcheck disable=SC2086
	nh=$(printf '%s\n' $heads | grep -c .)
	is "$(grep -c . <"$cd_/stage.qc.sums"):$(cmp -s "$cd_/pipe.qc.sums" "$cd_/stage.qc.sums" && echo same)" "$nh:same" \
	    "$c: one QC picture a defaced head ($nh), the same bytes from the pipe and the stages"
	cmp -s "$cd_/pipe/cw.tsv" "$cd_/stage/cw.tsv"
	ok $? "$c: the same merged crosswalk from the pipe and the stages ($(nrecords "$cd_/stage/cw.tsv") rows)"

	# -- what follows is of the stages' run (the pipe's is the same, above) --
	cd "$cd_/stage" || return
	is "$(leftovers "$cd_")" "" "$c: no temporary .dcmscrub.* file left in any tree"

	# -- PHI: no canary of the inputs in any output or manifest; the audit --
	canaries "$list" >"$cd_/canaries"
	ncan=$(grep -c . <"$cd_/canaries")
	[ "$ncan" -ge "$nin" ]
	ok $? "$c: $ncan canaries from dcmdump of the $nin inputs (at least their SOP instance UIDs)"
	for s in $STAGES; do
		t=${s#*:}
		if [ -d "$t" ]; then
			hits=$(grep -r -a -l -w -F -f "$cd_/canaries" "$t" "$t.tsv" 2>&1)
		else
			hits=$(grep -a -l -w -F -f "$cd_/canaries" "$t.tsv" 2>&1)
		fi
		is "$hits" "" "$c: $t/ and $t.tsv: no canary (grep -r -a -w -F)"
		if [ -d "$t" ]; then
			run "$c-audit-$t" "$XWALK" audit cw.tsv "$t"
			is "$rc:$(records "$tmp/$c-audit-$t.out" | head -n 5 | tr '\n' ' ')" "0:" \
			    "$c: dcm-crosswalk audit cw.tsv $t/: exit 0, no hit ($(printf '%s' "$err" | tail -n 1))"
		fi
	done
	if [ -n "$heads" ]; then
		hits=$(grep -a -l -w -F -f "$cd_/canaries" qc*.png 2>&1)
		is "$hits" "" "$c: the QC pictures: no canary"
	fi

	# -- the manifests and the files --
	prev=
	for s in $STAGES; do
		t=${s#*:}
		m=$t.tsv
		is "$(head -n 1 "$m")" "$HEADER" "$c: $m: the header comment"
		is "$(records "$m" | awk -F '\t' 'NF != 7' | head -n 3)" "" "$c: $m: seven fields in every record"
		is "$(records "$m" | cut -f 1 | while IFS= read -r p; do [ -f "$p" ] || echo "$p"; done | head -n 3)" "" \
		    "$c: $m: every record names a file that is there"
		files "$t" >"$cd_/$t.files"
		records "$m" | cut -f 1 | grep "^$t/" | LC_ALL=C sort >"$cd_/$t.recpaths"
		cmp -s "$cd_/$t.files" "$cd_/$t.recpaths"
		ok $? "$c: $m: each of the $(grep -c . <"$cd_/$t.files") files under $t/ has exactly one record"
		# a record of another tree: passed through, one of the previous stage's
		records "$m" | grep -v "^$t/" >"$cd_/$t.passed"
		if [ -n "$prev" ]; then
			is "$(grep -vxF -f "$prev" "$cd_/$t.passed" | head -n 3)" "" \
			    "$c: $m: the $(grep -c . <"$cd_/$t.passed") records it passed through are the previous stage's, unchanged"
		else
			is "$(cat "$cd_/$t.passed")" "" "$c: $m: every record under $t/"
		fi
		# the columns, as dcmdump reads the DICOM files (nibabel the NIfTI)
		records "$m" | grep "^$t/" | grep -v '\.nii\(\.gz\)\?'"$TAB" | LC_ALL=C sort >"$cd_/$t.dcmrec"
		cut -f 1 "$cd_/$t.dcmrec" | dmeta | LC_ALL=C sort >"$cd_/$t.dcmmeta"
		cmp -s "$cd_/$t.dcmrec" "$cd_/$t.dcmmeta"
		ok $? "$c: $m: modality, patient, study, series, instance and frames of its $(grep -c . <"$cd_/$t.dcmrec") DICOM records as dcmdump reads them$(
		    LC_ALL=C comm -3 "$cd_/$t.dcmrec" "$cd_/$t.dcmmeta" | head -n 2 | tr '\n\t' '| ')"
		records "$m" | grep "^$t/" | grep '\.nii\(\.gz\)\?'"$TAB" | LC_ALL=C sort >"$cd_/$t.niirec"
		if [ -s "$cd_/$t.niirec" ]; then
			cut -f 1 "$cd_/$t.niirec" | nmeta | LC_ALL=C sort >"$cd_/$t.niimeta"
			# frames: dim[3] * dim[4]; modality, patient, study and series: those
			# of the merged series (checked above against dcmdump), in the layout
			# <patient>/<study_uid>/<series_uid>.nii.gz
			bad=$(awk -F '\t' -v t="$t" '
			    FILENAME == ARGV[1] { fr[$1] = $2; next }
			    FILENAME == ARGV[2] { if (!/^#/) src[$2 "\t" $3 "\t" $4 "\t" $5] = 1; next }
			    {
				    want = t "/" $3 "/" $4 "/" $5 ".nii.gz"
				    if ($1 != want || fr[$1] != $7 || $6 != "" || !(($2 "\t" $3 "\t" $4 "\t" $5) in src))
					    print $1 " (frames " fr[$1] ")"
			    }' "$cd_/$t.niimeta" "$prev" "$cd_/$t.niirec" | head -n 3)
			is "$bad" "" "$c: $m: frames of its $(grep -c . <"$cd_/$t.niirec") NIfTI records as nibabel reads them, the rest the merged series', the path its layout"
		fi
		prev=$m
	done

	# -- lineage, dciodvfy, dcm-deface, the NIfTI --
	py "$tmp/lineage.py" "$cd_/orig.tsv" "$heads" "$iod" >"$cd_/facts" 2>&1
	is "$(tail -n 1 "$cd_/facts")" "problems 0" "$c: every output traced to its inputs, back to the original files"
	grep -E -v '^(iod|pass|defaced|nii|geom|vox|problems)' "$cd_/facts" | head -n 12 | sed 's/^/# /'
	for t in anon def merged; do
		case $iod in
		yes)
			set -- $(awk -v t="$t" '$1 == "iod" && $2 == t { print $3, $4, $5 }' "$cd_/facts")
			is "${2:-x}:${3:-x}" "0:0" \
			    "$c: dciodvfy of the ${1:-?} files of $t/: no Error their inputs do not have, none with more Errors than an input"
			grep "^iodnew $t " "$cd_/facts" | sed 's/^/# /'
			;;
		fail) fail "$c: dciodvfy is not installed, though scripts/install-deps installs dicom3tools" ;;
		*) skip "$c: dciodvfy is not installed" ;;
		esac
	done
	# the inputs that are no head (not in a directory of HEADS)
	nexp=$(awk -F / -v h=" $heads " 'index(h, " " $(NF - 1) " ") == 0 { n++ } END { print n + 0 }' "$list")
	set -- $(awk '$1 == "pass" { print $2, $3 }' "$cd_/facts")
	is "${1:-x}:${2:-x}" "$nexp:$nexp" \
	    "$c: dcm-deface passed on the records of the $nexp stripped files of no head unchanged, naming the stripped file"
	for h in $heads; do
		set -- $(awk -v h="$h" '$1 == "defaced" && $2 == h { print $3, $4, $5, $6 }' "$cd_/facts")
		[ "${1:-0}" -gt 0 ] && [ "$1" = "$2" ] && [ "${3:-0}" -gt 0 ] && [ "$3" = "$4" ]
		ok $? "$c: $h: defaced, one file a slice (${1:-?} in, ${2:-?} out), ${3:-?} voxels changed, ${4:-?} of them in front of the head's centre"
	done
	set -- $(awk '$1 == "nii" { print $2, $3, $4 }' "$cd_/facts")
	[ "${1:-0}" -gt 0 ] && [ "$1" = "$2" ] && [ "$1" = "$3" ]
	ok $? "$c: each NIfTI of the pipeline matches the one of its original series (${1:-?} and ${2:-?}, ${3:-?} pairs)"
	grep '^niimissing ' "$cd_/facts" | sed 's/^niimissing /# no NIfTI from the pipeline for the original series of /'
	# (the loops read files, not pipes, so that they run in this shell and count)
	awk '$1 == "geom"' "$cd_/facts" >"$cd_/geom"
	while read -r _ lab res; do
		is "$res" ok "$c: $lab: dim, pixdim, sform, qform (1e-4 mm) and scaling of the original series' NIfTI"
	done <"$cd_/geom"
	[ -s "$cd_/geom" ] || fail "$c: no NIfTI pair to compare"
	awk '$1 == "vox"' "$cd_/facts" >"$cd_/vox"
	while read -r _ lab n post; do
		case " $heads " in
		*" $lab "*)
			[ "$n" != same ] && [ "$n" -gt 0 ] && [ "$post" = 0 ]
			ok $? "$c: $lab (defaced): $n voxels differ from the original's, $post of them not in front of the head's centre"
			;;
		*) is "$n" same "$c: $lab: the same voxels as the original series' NIfTI" ;;
		esac
	done <"$cd_/vox"
	cd "$tmp" || return
}

# ---- 1. the synthetic study -----------------------------------------------------
mkdir -p "$tmp/in/syn" "$tmp/g"
py "$root/tests/gen-dicom.py" sample "$tmp/in/syn" 2>"$tmp/gen.err"
ok $? "gen-dicom.py sample ($(tail -n 1 "$tmp/gen.err"))"
for g in "ct 2 1" "mr 2 2" "cbct 1.5 3"; do
	set -- $g
	"$GEN" --modality "$1" --spacing "$2" --fov 240 --series "$3" -o "$tmp/g/$1" </dev/null >"$tmp/gen-$1.err" 2>&1
	ok $? "gen-head --modality $1 --spacing $2 --fov 240 --series $3 ($(head -c 200 "$tmp/gen-$1.err"))"
	# the labels (labels.nii.gz, labels.txt) stay out of the input
	mkdir -p "$tmp/in/syn/head-$1"
	mv "$tmp/g/$1"/*.dcm "$tmp/in/syn/head-$1/"
done
find "$tmp/in/syn" -type f | LC_ALL=C sort >"$tmp/syn.list"
is "$(grep -vc '\.dcm$' "$tmp/syn.list")" 0 "the synthetic input: DICOM files only ($(grep -c . "$tmp/syn.list") files)"
tree_sums "$tmp/in" >"$tmp/in.sums"
pipeline syn "$tmp/syn.list" "head-ct head-mr head-cbct"
tree_sums "$tmp/in" | cmp -s - "$tmp/in.sums"
ok $? "the synthetic inputs untouched"

# ---- 2. real series of dcm_qa ----------------------------------------------------
# The Siemens XA30 3D T1 of dcm_qa_xa30 (one enhanced MR file of 96 frames,
# 2 mm) is a whole head that dcm-deface defaces.  dcm-deface finds no face
# in the other heads of dcm_qa (they are refused with exit 1: low-resolution
# field maps, a face cut by the grid), so slabs of them go through: a slab
# thinner than 60 mm (or of fewer than 16 slices) is passed on as it is.
#   - the Philips CT of dcm_qa_ct: 10 slices of 5 mm (I10 to I100) and the
#     localizer they reference (S1000), without the DIRFILEs;
#   - the Siemens 3D T1 of dcm_qa_frag, JPEG Lossless of three fragments a
#     frame: 14 sagittal slices of 2 mm (5001040 to 5001053);
# Left out: dcm_qa_decubitus, whose patient's name is "HFS", which the audit
# rightly finds in every Patient Position of the other series; and the
# Siemens mosaics, which dcm-convert cannot cut into slices once dcm-strip
# has removed their private CSA header, as the basic profile says.
if [ -d "$qa" ]; then
	{
		for i in 10 20 30 40 50 60 70 80 90 100; do echo "$qa/dcm_qa_ct/In/Philips/S21570/S2010/I$i"; done
		echo "$qa/dcm_qa_ct/In/Philips/S21570/S1000/I10"
		i=40
		while [ $i -le 53 ]; do echo "$qa/dcm_qa_frag/In/5001_anat-T1w_acq-tfl/50010$i.dcm"; i=$((i + 1)); done
	} >"$tmp/qa.list"
	echo "$qa/dcm_qa_xa30/In/5_anat-T1w_acq-tfl/0001_1.3.12.2.1107.5.2.43.67093.2022071112080825794102791.dcm" \
	    >"$tmp/qa2.list"
	nmiss=0
	while IFS= read -r f; do [ -f "$f" ] || nmiss=$((nmiss + 1)); done <"$tmp/qa.list"
	is "$nmiss" 0 "dcm_qa: the $(grep -c . "$tmp/qa.list") files of the four series are there"
	tr '\n' '\0' <"$tmp/qa.list" | xargs -0 sha256sum >"$tmp/qa.sums"
	pipeline qa "$tmp/qa.list" ""
	# the T1 in a run of its own: the slabs' phantom identities (patient
	# "HEAD", ID "999") are words of its header too, which the audit would
	# rightly report
	tr '\n' '\0' <"$tmp/qa2.list" | xargs -0 sha256sum >>"$tmp/qa.sums"
	pipeline qa-t1 "$tmp/qa2.list" "5_anat-T1w_acq-tfl"
	cat "$tmp/qa.list" "$tmp/qa2.list" | tr '\n' '\0' | xargs -0 sha256sum | cmp -s - "$tmp/qa.sums"
	ok $? "the dcm_qa inputs untouched"
else
	skip "../shared/data/dcm_qa is absent: the real series"
fi

done_testing
