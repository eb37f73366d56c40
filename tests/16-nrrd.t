#!/bin/sh
# The NRRD reader (lib/nrrd.c) through tests/t-nrrd: synthetic files of every
# type spelling, byte order, encoding (raw, gzip, ascii), detached data (one
# file, LIST, a %d format, line and byte skips) and geometry (LPS, RAS, LAS,
# cm, sheared, 2-D, 4-D, spaces that are not anatomical), each read from a
# path and, if attached, from memory, and compared with the dump and header
# the generator expects; malformed and hostile files refused with exit 1 and
# one line on stderr; dcm-convert's .nrrd and .nhdr of a synthetic head read
# back as vol_read_nifti() reads its .nii; and the real NRRD files of
# ../shared/data/heads checked against facts computed here from their raw
# bytes, when they are there.  Under the sanitizer build too (make check).
. "$(dirname "$0")/lib.sh"
tb=${DCMSCRUB_TESTBIN:-$root/build/tests}
case $tb in /*) ;; *) tb=$root/$tb ;; esac
T=$tb/t-nrrd
[ -x "$T" ] || bail "$T not built (run make)"

# t NAME ARGS...: t-nrrd with stdout in $tmp/NAME.out, stderr in $tmp/NAME.err
# (sanitizer reports are looked for in every $tmp/*.err at the end)
t() {
	t_name=$1
	shift
	"$T" "$@" >"$tmp/$t_name.out" 2>"$tmp/$t_name.err" </dev/null
	rc=$?
}
# tv NAME ARGS...: the same, with $out and $err
tv() {
	t "$@"
	out=$(cat "$tmp/$1.out")
	err=$(cat "$tmp/$1.err")
}
# refused NAME FILE ERE [-m|-M]: exit 1, nothing on stdout, one line "t-nrrd: FILE: ..." on stderr
refused() {
	t "bad-$1$4" info $4 "$2"
	e1= e2=
	{ IFS= read -r e1; IFS= read -r e2; } <"$tmp/bad-$1$4.err"
	if [ "$rc" -eq 1 ] && [ ! -s "$tmp/bad-$1$4.out" ] && [ -n "$e1" ] && [ -z "$e2" ] &&
	    printf '%s\n' "$e1" | grep -Eq -- "^t-nrrd: $2: .*($3)"; then
		case $4 in
		-m) how=" (from memory)" ;;
		-M) how=" (from its path and from memory)" ;;
		*) how= ;;
		esac
		ok 0 "$1$how: refused: ${e1#"t-nrrd: $2: "}"
	else
		ok 1 "$1: refused with /$3/ ($4)"
		diag "exit $rc, stdout '$(cat "$tmp/bad-$1$4.out")', stderr:"
		head -n 5 "$tmp/bad-$1$4.err" | sed 's/^/#   /'
	fi
}
host_le=0
[ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ] && host_le=1

# ---- synthetic files: every spelling, encoding, layout and geometry ----
if [ -x "$PY" ]; then
	mkdir "$tmp/syn" && "$PY" - "$tmp/syn" <<'PY' || { echo "Bail out! cannot write the fixtures"; exit 1; }
import gzip, hashlib, math, os, struct, sys
d = sys.argv[1]
cases = open(d + "/cases", "w")
FMT = {"int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i", "uint32": "I",
       "float": "f", "double": "d"}
VOL = {"int8": "int8", "uint8": "uint8", "int16": "int16", "uint16": "uint16", "int32": "int32",
       "uint32": "uint32", "float": "float32", "double": "float32"}
LO = {"int8": -128, "uint8": 0, "int16": -32768, "uint16": 0, "int32": -2**31, "uint32": 0}
HI = {"int8": 127, "uint8": 255, "int16": 32767, "uint16": 65535, "int32": 2**31 - 1,
      "uint32": 2**32 - 1}
seed = [12345]

def rnd():
    seed[0] = (seed[0] * 6364136223846793005 + 1442695040888963407) % 2**64
    return seed[0] >> 11

def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]

def values(t, count):
    if t in ("float", "double"):
        base = [-1.5, 0.0, 3.25e10, -7.125e-3, 1e-30, 65504.0]
        v = [base[i] if i < len(base) else (rnd() % 2000001) / 1000.0 - 1000 for i in range(count)]
        return [f32(x) for x in v] if t == "float" else v
    v = [LO[t], HI[t]] + [LO[t] + rnd() % (HI[t] - LO[t] + 1) for _ in range(count - 2)]
    return v[:count]

def pack(t, v, endian="little"):
    return struct.pack(("<" if endian == "little" else ">") + FMT[t] * len(v), *v)

def write(name, data):
    path = os.path.join(d, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(data)

def header(fields, magic="NRRD0004", eol="\n"):
    return (magic + eol + "".join(f + eol for f in fields)).encode("latin-1")

def nrrd(name, fields, data, magic="NRRD0004", eol="\n"):
    write(name, header(fields, magic, eol) + eol.encode() + data)

def diag3(s):
    return [[s[0], 0, 0, 0], [0, s[1], 0, 0], [0, 0, s[2], 0], [0, 0, 0, 1]]

def g(x):
    return "%.10g" % (x + 0.0)

def ok(name, t, dims, v, oriented=0, lps=None, tilted=0, mem=1):
    # what t-nrrd info and dump must print
    dims = list(dims) + [1] * (4 - len(dims))
    vt = VOL[t]
    want = struct.pack("=" + ("f" if vt == "float32" else FMT[t]) * len(v),
                       *[f32(x) for x in v] if vt == "float32" else v)
    vals = [f32(x) for x in v] if vt == "float32" else v
    lps = lps or diag3([1, 1, 1])
    bpv = {"int8": 1, "uint8": 1, "int16": 2, "uint16": 2}.get(vt, 4)
    lines = ["dim %d %d %d %d" % tuple(dims), "type " + vt, "bytes_per_voxel %d" % bpv,
             "oriented %d" % oriented, "tilted %d" % tilted]
    lines += ["lps " + " ".join(g(x) for x in row) for row in lps]
    lines += ["range %.9g %.9g" % (min(vals), max(vals)),
              "sha256 " + hashlib.sha256(want).hexdigest(), "fields ok"]
    if mem:
        lines.append("same: %dx%dx%dx%d %s" % (tuple(dims) + (vt,)))
    open(os.path.join(d, name + ".info"), "w").write("\n".join(lines) + "\n")
    cases.write("ok %s %d\n" % (name, mem))

def bad(name, ere, mem=1):
    cases.write("bad %s %d %s\n" % (name, mem, ere))

# -- every spelling of every type read, raw little-endian attached, 3x2x2
SPELL = [("signed char", "int8"), ("int8", "int8"), ("int8_t", "int8"), ("uchar", "uint8"),
         ("unsigned char", "uint8"), ("uint8", "uint8"), ("uint8_t", "uint8"),
         ("short", "int16"), ("short int", "int16"), ("signed short", "int16"),
         ("signed short int", "int16"), ("int16", "int16"), ("int16_t", "int16"),
         ("ushort", "uint16"), ("unsigned short", "uint16"), ("unsigned short int", "uint16"),
         ("uint16", "uint16"), ("uint16_t", "uint16"), ("UNSIGNED  Short", "uint16"),
         ("int", "int32"), ("signed int", "int32"), ("int32", "int32"), ("int32_t", "int32"),
         ("uint", "uint32"), ("unsigned int", "uint32"), ("uint32", "uint32"),
         ("uint32_t", "uint32"), ("float", "float"), ("double", "double")]
for i, (sp, t) in enumerate(SPELL):
    v = values(t, 12)
    f = ["type: " + sp, "dimension: 3", "sizes: 3 2 2", "encoding: raw"]
    if struct.calcsize(FMT[t]) > 1:
        f.append("endian: little")
    nrrd("type%02d.nrrd" % i, f, pack(t, v))
    ok("type%02d.nrrd" % i, t, (3, 2, 2), v)
    cases.write("#type%02d.nrrd type %s\n" % (i, sp))

# -- big-endian, of each width
for t in ("int16", "uint16", "int32", "uint32", "float", "double"):
    v = values(t, 24)
    nrrd("be-%s.nrrd" % t, ["type: " + t, "dimension: 3", "sizes: 4 3 2", "endian: big",
                            "encoding: raw"], pack(t, v, "big"))
    ok("be-%s.nrrd" % t, t, (4, 3, 2), v)

# -- gzip: one member, "gz", two members, a byte skip, byte skip -1, one larger than a read
v = values("int16", 24)
nrrd("gz.nrrd", ["type: short", "dimension: 3", "sizes: 4 3 2", "endian: little",
                 "encoding: gzip"], gzip.compress(pack("int16", v)))
ok("gz.nrrd", "int16", (4, 3, 2), v)
vf = values("float", 24)
nrrd("gz2.nrrd", ["type: float", "dimension: 3", "sizes: 4 3 2", "endian: big",
                  "encoding: gz"], gzip.compress(pack("float", vf, "big")))
ok("gz2.nrrd", "float", (4, 3, 2), vf)
raw = pack("int16", v)
nrrd("gz-members.nrrd", ["type: short", "dimension: 3", "sizes: 4 3 2", "endian: little",
                         "encoding: gzip"], gzip.compress(raw[:17]) + gzip.compress(raw[17:]))
ok("gz-members.nrrd", "int16", (4, 3, 2), v)
nrrd("gz-skip.nrrd", ["type: short", "dimension: 3", "sizes: 4 3 2", "endian: little",
                      "encoding: gzip", "byte skip: 7"], gzip.compress(b"JUNKJUN" + raw))
ok("gz-skip.nrrd", "int16", (4, 3, 2), v)
nrrd("gz-tail.nrrd", ["type: short", "dimension: 3", "sizes: 4 3 2", "endian: little",
                      "encoding: gzip", "byte skip: -1"], gzip.compress(b"x" * 1001 + raw))
ok("gz-tail.nrrd", "int16", (4, 3, 2), v)
vb = values("int16", 200 * 200 * 3)
rb = pack("int16", vb)
nrrd("gz-big.nrrd", ["type: short", "dimension: 3", "sizes: 200 200 3", "endian: little",
                     "encoding: gzip"],
     gzip.compress(rb[:100001], 1) + gzip.compress(rb[100001:170001], 1) +
     gzip.compress(rb[170001:], 1))
ok("gz-big.nrrd", "int16", (200, 200, 3), vb)

# -- ascii, txt, text
v = values("int16", 12)
nrrd("ascii.nrrd", ["type: short", "dimension: 3", "sizes: 3 2 2", "encoding: ascii"],
     (" ".join(map(str, v[:5])) + "\n\t" + "\n".join(map(str, v[5:])) + "\n").encode())
ok("ascii.nrrd", "int16", (3, 2, 2), v)
vf = values("float", 12)
nrrd("text.nrrd", ["type: float", "dimension: 3", "sizes: 3 2 2", "encoding: text"],
     " ".join(repr(x) for x in vf).encode())
ok("text.nrrd", "float", (3, 2, 2), vf)
vu = values("uint8", 12)
nrrd("txt.nrrd", ["type: uchar", "dimension: 3", "sizes: 3 2 2", "encoding: txt"],
     ", ".join(map(str, vu)).encode())
ok("txt.nrrd", "uint8", (3, 2, 2), vu)

# -- detached: one file in a subdirectory with line and byte skips, byte skip -1, gzip
v = values("int16", 12)
raw = pack("int16", v)
write("det-single.nhdr", header(["type: short", "dimension: 3", "sizes: 3 2 2",
                                 "endian: little", "encoding: raw", "line skip: 2",
                                 "byte skip: 5", "data file: sub/dir/det-single.raw"]))
write("sub/dir/det-single.raw", b"first line\nsecond\n12345" + raw + b"trailing")
ok("det-single.nhdr", "int16", (3, 2, 2), v, mem=0)
write("det-tail.nhdr", header(["type: short", "dimension: 3", "sizes: 3 2 2",
                               "endian: little", "encoding: raw", "byte skip: -1",
                               "data file: ./det-tail.raw"]))
write("det-tail.raw", b"a header of 37 bytes, of some format." + raw)
ok("det-tail.nhdr", "int16", (3, 2, 2), v, mem=0)
write("det-gz.nhdr", header(["type: short", "dimension: 3", "sizes: 3 2 2",
                             "endian: little", "encoding: gzip", "line skip: 1",
                             "byte skip: 3", "data file: det-gz.raw.gz"]))
write("det-gz.raw.gz", b"a line\n" + gzip.compress(b"abc" + raw))
ok("det-gz.nhdr", "int16", (3, 2, 2), v, mem=0)
write("det-gz-tail.nhdr", header(["type: short", "dimension: 3", "sizes: 3 2 2",
                                  "endian: little", "encoding: gzip", "byte skip: -1",
                                  "data file: det-gz-tail.raw.gz"]))
write("det-gz-tail.raw.gz", gzip.compress(bytes(range(256)) * 4 + b"xyz" + raw))
ok("det-gz-tail.nhdr", "int16", (3, 2, 2), v, mem=0)

# -- several data files: LIST (2-D pieces, and 3-D slabs), formats
v = values("uint16", 3 * 2 * 4)
raw = pack("uint16", v, "big")
write("det-list.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 4", "endian: big",
                               "encoding: raw", "data file: LIST"]) +
      b"l0.raw\nsub/l1.raw\nl2.raw  \nl3.raw\n")
for k in range(4):
    write(("sub/l%d.raw" if k == 1 else "l%d.raw") % k, raw[12 * k:12 * k + 12])
ok("det-list.nhdr", "uint16", (3, 2, 4), v, mem=0)
write("det-slab.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 4", "endian: big",
                               "encoding: raw", "data file: LIST 3"]) + b"s0.raw\ns1.raw\n")
write("s0.raw", raw[:24])
write("s1.raw", raw[24:])
ok("det-slab.nhdr", "uint16", (3, 2, 4), v, mem=0)
write("det-fmt.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 3", "endian: big",
                              "encoding: raw", "data file: sl%03d.raw 0 4 2"]))
for k, num in enumerate((0, 2, 4)):
    write("sl%03d.raw" % num, raw[12 * k:12 * k + 12])
ok("det-fmt.nhdr", "uint16", (3, 2, 3), v[:18], mem=0)
write("det-fmt-neg.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 3",
                                  "endian: big", "encoding: raw", "data file: f%d.raw 3 1 -1"]))
for k, num in enumerate((3, 2, 1)):
    write("f%d.raw" % num, raw[12 * k:12 * k + 12])
ok("det-fmt-neg.nhdr", "uint16", (3, 2, 3), v[:18], mem=0)
write("det-fmt-pct.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 2",
                                  "endian: big", "encoding: raw",
                                  "data file: p%%%i.raw 1 2 1"]))
write("p%1.raw", raw[:12])
write("p%2.raw", raw[12:24])
ok("det-fmt-pct.nhdr", "uint16", (3, 2, 2), v[:12], mem=0)
write("det-fmt-sub.nhdr", header(["type: ushort", "dimension: 3", "sizes: 3 2 4",
                                  "endian: big", "encoding: raw",
                                  "data file: u%4u.raw 9 10 1 3"]))
write("u   9.raw", raw[:24])
write("u  10.raw", raw[24:])
ok("det-fmt-sub.nhdr", "uint16", (3, 2, 4), v, mem=0)
write("det-crlf.nhdr", header(["Type: unsigned short", "DIMENSION: 3", "Sizes: 3 2 2",
                               "Endian: big", "Encoding: raw", "DataFile: s0.raw",
                               "LineSkip: 0", "ByteSkip: 0"], eol="\r\n"))
ok("det-crlf.nhdr", "uint16", (3, 2, 2), v[:12], mem=0)

# -- geometry
c, s = math.cos(0.4), math.sin(0.4)
I, J, K = (0.9 * c, 0.9 * s, 0.0), (-1.1 * s, 1.1 * c, 0.0), (0.0, 0.0, 2.5)
O = (-10.5, 20.25, -30.0)

def vec(x):
    return "(" + ",".join(repr(a) for a in x) + ")"

def affine(cols, org, sx=1, sy=1, unit=1.0):
    m = [[0.0] * 4 for _ in range(4)]
    for r, sign in enumerate((sx, sy, 1)):
        for col in range(3):
            m[r][col] = sign * (cols[col][r] * unit)
        m[r][3] = sign * org[r] * unit
    m[3][3] = 1.0
    return m

v = values("uint8", 12)
data = pack("uint8", v)
base = ["type: uchar", "dimension: 3", "sizes: 3 2 2", "encoding: raw"]
dirs = "space directions: %s %s %s" % (vec(I), vec(J), vec(K))
nrrd("geo-lps.nrrd", base + ["space: left-posterior-superior", dirs,
                             "space origin: " + vec(O)], data)
ok("geo-lps.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O))
nrrd("geo-lps-short.nrrd", base + ["space: LPS", dirs, "space origin: " + vec(O)], data)
ok("geo-lps-short.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O))
nrrd("geo-ras.nrrd", base + ["space: right-anterior-superior", dirs,
                             "space origin: " + vec(O)], data)
ok("geo-ras.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O, -1, -1))
nrrd("geo-ras-short.nrrd", base + ["space: RAS", dirs, "space origin: " + vec(O)], data)
ok("geo-ras-short.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O, -1, -1))
nrrd("geo-las.nrrd", base + ["space: left-anterior-superior", dirs,
                             "space origin: " + vec(O)], data)
ok("geo-las.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O, 1, -1))
nrrd("geo-las-short.nrrd", base + ["space: LAS", dirs], data)
ok("geo-las-short.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), (0, 0, 0), 1, -1))
nrrd("geo-cm.nrrd", base + ["space: RAS", dirs, "space origin: " + vec(O),
                            'space units: "cm" "cm" "cm"'], data)
ok("geo-cm.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, K), O, -1, -1, 10.0))
Ks = (0.8, 0.0, 2.5)
nrrd("geo-shear.nrrd", base + ["space: LPS", "space directions: %s %s %s" % (vec(I), vec(J),
                               vec(Ks)), "space origin: " + vec(O)], data)
ok("geo-shear.nrrd", "uint8", (3, 2, 2), v, 1, affine((I, J, Ks), O), tilted=1)

def norm(x):
    return math.sqrt(sum(a * a for a in x))

nrrd("geo-sdim.nrrd", base + ["space dimension: 3", dirs, "space origin: " + vec(O)], data)
ok("geo-sdim.nrrd", "uint8", (3, 2, 2), v, 0, diag3([norm(I), norm(J), norm(K)]))
nrrd("geo-3drh.nrrd", base + ["space: 3D-right-handed", dirs, "space origin: " + vec(O)], data)
ok("geo-3drh.nrrd", "uint8", (3, 2, 2), v, 0, diag3([norm(I), norm(J), norm(K)]))
nrrd("geo-3dlh.nrrd", base + ["space: 3D-left-handed", "spacings: 3.2 3.2 1.5"], data)
ok("geo-3dlh.nrrd", "uint8", (3, 2, 2), v, 0, diag3([3.2, 3.2, 1.5]))
nrrd("geo-scanner.nrrd", base + ["space: scanner-xyz", "spacings: 2 3 4"], data)
ok("geo-scanner.nrrd", "uint8", (3, 2, 2), v, 0, diag3([2, 3, 4]))
nrrd("geo-nan.nrrd", base + ["spacings: nan 2 NaN"], data)
ok("geo-nan.nrrd", "uint8", (3, 2, 2), v, 0, diag3([1, 2, 1]))
nrrd("geo-none.nrrd", base, data)
ok("geo-none.nrrd", "uint8", (3, 2, 2), v, 0)
nrrd("geo-lps-nodir.nrrd", base + ["space: LPS", "spacings: 0.5 0.25 2"], data)
ok("geo-lps-nodir.nrrd", "uint8", (3, 2, 2), v, 0, diag3([0.5, 0.25, 2]))
I2, J2 = (0.5, 0.0, 0.0), (0.0, 0.0, -0.7)
nz = [I2[1] * J2[2] - I2[2] * J2[1], I2[2] * J2[0] - I2[0] * J2[2], I2[0] * J2[1] - I2[1] * J2[0]]
nl = math.sqrt(nz[0] * nz[0] + nz[1] * nz[1] + nz[2] * nz[2])
v6 = values("uint8", 6)
nrrd("geo-2d.nrrd", ["type: uchar", "dimension: 2", "sizes: 3 2", "encoding: raw",
                     "space: LPS", "space directions: %s %s" % (vec(I2), vec(J2)),
                     "space origin: (1,2,3)"], pack("uint8", v6))
ok("geo-2d.nrrd", "uint8", (3, 2, 1, 1), v6, 1,
   affine((I2, J2, [x / nl for x in nz]), (1, 2, 3)))
nrrd("geo-2d-plain.nrrd", ["type: uchar", "dimension: 2", "sizes: 3 2", "encoding: raw",
                           "spacings: 0.5 0.7"], pack("uint8", v6))
ok("geo-2d-plain.nrrd", "uint8", (3, 2, 1, 1), v6, 0, diag3([0.5, 0.7, 1]))
v36 = values("int16", 36)
nrrd("geo-4d.nrrd", ["type: short", "dimension: 4", "sizes: 3 2 2 3", "endian: little",
                     "encoding: raw", "space: LPS", dirs + " none",
                     "kinds: domain domain domain list", "space origin: " + vec(O)],
     pack("int16", v36))
ok("geo-4d.nrrd", "int16", (3, 2, 2, 3), v36, 1, affine((I, J, K), O))
nrrd("geo-4d-plain.nrrd", ["type: short", "dimension: 4", "sizes: 3 2 2 3", "endian: little",
                           "encoding: raw", "spacings: 1 2 3 nan"], pack("int16", v36))
ok("geo-4d-plain.nrrd", "int16", (3, 2, 2, 3), v36, 0, diag3([1, 2, 3]))

# -- every other field of the format, comments, key/value pairs, NRRD0001 and NRRD0005
misc = ["# a comment", "content: a content with a := in it", "number: 12", "type: uchar",
        "block size: 1", "dimension: 3", "space: LPS",
        "space dimension: 3", "sizes: 3 2 2", "thicknesses: 1 1 1",
        "axis mins: 0 0 0", "axis maxs: 2 1 1", "SpaceDirections: (1,0,0) (0,1,0) (0,0,1)",
        "centerings: cell cell cell", "kinds: space space space",
        'labels: "x" "y:=z" "w"', 'units: "mm" "mm" "mm"', "min: 0", "max: 255",
        "old min: 0", "oldmax: 1", "encoding: raw", "sample units: HU",
        'space units: "mm" "mm" "mm"', "spaceorigin: (1,2,3)",
        "measurement frame: (1,0,0) (0,1,0) (0,0,1)", "a:b:=c", "DWMRI_b-value:=1000",
        "#another:=comment"]
nrrd("misc.nrrd", misc, data)
ok("misc.nrrd", "uint8", (3, 2, 2), v, 1, affine(((1, 0, 0), (0, 1, 0), (0, 0, 1)), (1, 2, 3)))
nrrd("v1.nrrd", base, data, magic="NRRD0001")
ok("v1.nrrd", "uint8", (3, 2, 2), v)
nrrd("v5.nrrd", base, data, magic="NRRD0005", eol="\r\n")
ok("v5.nrrd", "uint8", (3, 2, 2), v)

# ---- malformed and hostile files: refused, with a message ----
s16 = ["type: short", "dimension: 3", "sizes: 3 2 2", "endian: little", "encoding: raw"]
raw = pack("int16", values("int16", 12))

def without(fields, key):
    return [f for f in fields if not f.startswith(key + ":")]

def repl(fields, key, line):
    return [line if f.startswith(key + ":") else f for f in fields]

write("magic.nrrd", b"NRRX0004\n" + header(s16)[9:] + b"\n" + raw)
bad("magic.nrrd", "no NRRD magic")
nrrd("magic6.nrrd", s16, raw, magic="NRRD0006")
bad("magic6.nrrd", "newer than NRRD0005")
nrrd("magic-long.nrrd", s16, raw, magic="NRRD0004" + " " * 40)
bad("magic-long.nrrd", "no NRRD magic")
write("empty.nrrd", b"")
bad("empty.nrrd", "no NRRD magic")
write("binary.nrrd", bytes(range(256)) * 64)
bad("binary.nrrd", "no NRRD magic")
nrrd("no-sizes.nrrd", without(s16, "sizes"), raw)
bad("no-sizes.nrrd", 'no "sizes" field')
nrrd("no-type.nrrd", without(s16, "type"), raw)
bad("no-type.nrrd", 'no "type" field')
nrrd("no-encoding.nrrd", without(s16, "encoding"), raw)
bad("no-encoding.nrrd", 'no "encoding" field')
nrrd("no-dimension.nrrd", without(s16, "dimension"), raw)
bad("no-dimension.nrrd", 'no "dimension" field')
nrrd("no-endian.nrrd", without(s16, "endian"), raw)
bad("no-endian.nrrd", 'no "endian" field')
nrrd("sizes-overflow.nrrd", repl(s16, "sizes", "sizes: 4294967296 4294967296 4294967296"), raw)
bad("sizes-overflow.nrrd", "more than 17179869184 bytes")
nrrd("sizes-2e64.nrrd", repl(s16, "sizes", "sizes: 18446744073709551616 1 1"), raw)
bad("sizes-2e64.nrrd", "malformed header: sizes")
nrrd("sizes-cap.nrrd", repl(s16, "sizes", "sizes: 65536 65536 3"), raw)
bad("sizes-cap.nrrd", "more than 17179869184 bytes")
nrrd("sizes-count.nrrd", repl(s16, "sizes", "sizes: 3 2"), raw)
bad("sizes-count.nrrd", "malformed header: sizes 3 2 .dimension 3")
nrrd("sizes-zero.nrrd", repl(s16, "sizes", "sizes: 3 0 2"), raw)
bad("sizes-zero.nrrd", "malformed header: sizes")
nrrd("sizes-neg.nrrd", repl(s16, "sizes", "sizes: 3 -2 2"), raw)
bad("sizes-neg.nrrd", "malformed header: sizes")
nrrd("type-bad.nrrd", repl(s16, "type", "type: complex"), raw)
bad("type-bad.nrrd", "malformed header: type complex")
nrrd("type-char.nrrd", repl(s16, "type", "type: char"), raw)
bad("type-char.nrrd", "malformed header: type char")
nrrd("type-int64.nrrd", repl(s16, "type", "type: long long int"), raw)
bad("type-int64.nrrd", "type int64: not read")
nrrd("type-uint64.nrrd", repl(s16, "type", "type: uint64"), raw)
bad("type-uint64.nrrd", "type uint64: not read")
nrrd("type-block.nrrd", repl(s16, "type", "type: block") + ["block size: 2"], raw)
bad("type-block.nrrd", "type block: not read")
nrrd("endian-bad.nrrd", repl(s16, "endian", "endian: middle"), raw)
bad("endian-bad.nrrd", "malformed header: endian middle")
nrrd("dim6.nrrd", repl(s16, "dimension", "dimension: 6"), raw)
bad("dim6.nrrd", "a 6-D array: only 2-D, 3-D and 4-D")
nrrd("dim1.nrrd", repl(s16, "dimension", "dimension: 1"), raw)
bad("dim1.nrrd", "a 1-D array")
nrrd("dim17.nrrd", repl(s16, "dimension", "dimension: 17"), raw)
bad("dim17.nrrd", "malformed header: dimension 17")
nrrd("bzip2.nrrd", repl(s16, "encoding", "encoding: bzip2"), raw)
bad("bzip2.nrrd", "encoding bzip2: not read")
nrrd("bz2.nrrd", repl(s16, "encoding", "encoding: bz2"), raw)
bad("bz2.nrrd", "encoding bzip2: not read")
nrrd("hex.nrrd", repl(s16, "encoding", "encoding: hex"), raw)
bad("hex.nrrd", "encoding hex: not read")
nrrd("zrl.nrrd", repl(s16, "encoding", "encoding: zrl"), raw)
bad("zrl.nrrd", "malformed header: encoding zrl")
gz = bytearray(gzip.compress(raw * 50))
nrrd("gz-cut.nrrd", repl(s16, "encoding", "encoding: gzip"), bytes(gz[:len(gz) // 3]))
bad("gz-cut.nrrd", "truncated: the gzip stream ends early")
gz2 = bytearray(gzip.compress(raw))
gz2[-6] ^= 0xff
nrrd("gz-crc.nrrd", repl(s16, "encoding", "encoding: gzip"), bytes(gz2))
bad("gz-crc.nrrd", "corrupt gzip data")
gz3 = bytearray(gzip.compress(raw))
for i in range(12, 20):
    gz3[i] ^= 0x5a
nrrd("gz-corrupt.nrrd", repl(s16, "encoding", "encoding: gzip"), bytes(gz3))
bad("gz-corrupt.nrrd", "corrupt gzip data|truncated")
nrrd("gz-notgz.nrrd", repl(s16, "encoding", "encoding: gzip"), raw)
bad("gz-notgz.nrrd", "corrupt gzip data")
nrrd("cut.nrrd", s16, raw[:-3])
bad("cut.nrrd", "truncated: 21 of 24 bytes of data")
write("no-blank.nrrd", header(s16))
bad("no-blank.nrrd", "no data: the header ends with the file")
write("nul.nrrd", header(s16[:2]) + b"sizes: 3 2\x002\n" + header(s16[3:])[9:] + b"\n" + raw)
bad("nul.nrrd", "a NUL byte in the header")
write("long.nrrd", header(s16) + b"# " + b"x" * (5 << 20) + b"\n\n" + raw)
bad("long.nrrd", "a header of more than 4194304 bytes")
nrrd("twice.nrrd", s16 + ["sizes: 3 2 2"], raw)
bad("twice.nrrd", 'field "sizes" given twice')
nrrd("unknown.nrrd", s16 + ["colour: blue"], raw)
bad("unknown.nrrd", 'no field "colour" in the format')
nrrd("nocolon.nrrd", s16 + ["just some words"], raw)
bad("nocolon.nrrd", "line 7 .just some words. is no field")
# a leading axis that is not spatial: dcm-convert's colour, a kind, a direction "none"
rgb = ["type: uchar", "dimension: 4", "sizes: 3 3 2 2", "encoding: raw",
       "space: left-posterior-superior", "space directions: none (1,0,0) (0,1,0) (0,0,1)",
       "kinds: RGB-color domain domain domain"]
nrrd("rgb.nrrd", rgb, bytes(36))
bad("rgb.nrrd", "axis 0 is of kind RGB-color, not a spatial axis")
nrrd("rgb-dir.nrrd", without(rgb, "kinds"), bytes(36))
bad("rgb-dir.nrrd", "axis 0 has no space direction")
nrrd("vector.nrrd", ["type: float", "dimension: 3", "sizes: 3 4 4", "endian: little",
                     "encoding: raw", "kinds: 3-vector space space"], bytes(192))
bad("vector.nrrd", "axis 0 is of kind 3-vector")
nrrd("dir4.nrrd", ["type: uchar", "dimension: 4", "sizes: 2 2 2 2", "encoding: raw",
                   "space: LPS", "space directions: (1,0,0) (0,1,0) (0,0,1) (1,1,1)"], bytes(16))
bad("dir4.nrrd", "axis 3 has a space direction")
nrrd("kinds-bad.nrrd", s16 + ["kinds: domain domain spicy"], raw)
bad("kinds-bad.nrrd", "malformed header: kinds")
nrrd("singular.nrrd", s16 + ["space: LPS", "space directions: (1,0,0) (0,1,0) (1,1,0)"], raw)
bad("singular.nrrd", "singular")
nrrd("origin-nan.nrrd", s16 + ["space: RAS", "space directions: (1,0,0) (0,1,0) (0,0,1)",
                               "space origin: (nan,0,0)"], raw)
bad("origin-nan.nrrd", "not finite")
nrrd("dirs-bad.nrrd", s16 + ["space: LPS", "space directions: (1,0) (0,1,0) (0,0,1)"], raw)
bad("dirs-bad.nrrd", "malformed header: space directions")
nrrd("dirs-nospace.nrrd", s16 + ["space directions: (1,0,0) (0,1,0) (0,0,1)"], raw)
bad("dirs-nospace.nrrd", "no space or space dimension")
nrrd("space-time.nrrd", s16 + ["space: RAST"], raw)
bad("space-time.nrrd", "a space with time")
nrrd("space-bad.nrrd", s16 + ["space: upside-down"], raw)
bad("space-bad.nrrd", "malformed header: space upside-down")
nrrd("units-inch.nrrd", s16 + ["space: LPS", "space directions: (1,0,0) (0,1,0) (0,0,1)",
                               'space units: "in" "in" "in"'], raw)
bad("units-inch.nrrd", 'space units .* not read')
nrrd("double-huge.nrrd", repl(s16, "type", "type: double"),
     struct.pack("<12d", *([1.0] * 5 + [1e300] + [0.0] * 6)))
bad("double-huge.nrrd", "double value 5 is 1e.300: beyond float32")
nrrd("ascii-word.nrrd", ["type: short", "dimension: 3", "sizes: 3 2 2", "encoding: ascii"],
     b"1 2 3 4 5 6 7 8 9 10 11 12x")
bad("ascii-word.nrrd", "ascii value 11 .12x.: not a int16")
nrrd("ascii-range.nrrd", ["type: uchar", "dimension: 3", "sizes: 3 2 2", "encoding: ascii"],
     b"1 2 3 4 5 6 7 8 9 10 11 256")
bad("ascii-range.nrrd", "ascii value 11 .256.: not a uint8")
nrrd("ascii-short.nrrd", ["type: uchar", "dimension: 3", "sizes: 3 2 2", "encoding: ascii"],
     b"1 2 3 4 5 6")
bad("ascii-short.nrrd", "truncated: 6 of 12 values")
nrrd("skip-bad.nrrd", s16 + ["byte skip: -2"], raw)
bad("skip-bad.nrrd", "malformed header: byte skip -2")
nrrd("lineskip.nrrd", s16 + ["line skip: 1000"], raw)
bad("lineskip.nrrd", "within the line skip of 1000")
nrrd("byteskip.nrrd", s16 + ["byte skip: 100000"], raw)
bad("byteskip.nrrd", "truncated")
# detached: names outside the header's directory, bad formats, missing files
det = s16 + ["data file: PLACE"]
for name, spec, ere in [
        ("dotdot", "../x.raw", 'a ".." in the path'),
        ("dotdot2", "sub/../../etc/passwd", 'a ".." in the path'),
        ("dotdot3", "sub/..", 'a ".." in the path'),
        ("absolute", "/etc/passwd", "an absolute path"),
        ("stdin", "-", "standard input"),
        ("missing", "no-such.raw", "data file no-such.raw: No such file"),
        ("dir", "sub", "data file sub: not a regular file"),
        ("fifo", "fifo.raw", "data file fifo.raw: not a regular file"),
        ("fmt-s", "x.%s 1 2 1", "its conversion is not %d"),
        ("fmt-dd", "x.%d%d 1 2 1", "2 conversions, not one"),
        ("fmt-n", "x.%n 1 2 1", "its conversion is not %d"),
        ("fmt-ld", "x.%ld 1 2 1", "its conversion is not %d"),
        ("fmt-minus", "x.%-3d 1 2 1", "its conversion is not %d"),
        ("fmt-prec", "x.%.3d 1 2 1", "its conversion is not %d"),
        ("fmt-wide", "x.%0999999999d 1 2 1", "its conversion is not %d"),
        ("fmt-pct", "x.%%d 1 2 1", "0 conversions, not one"),
        ("fmt-end", "x.% 1 2 1", "its conversion is not %d"),
        ("fmt-u-neg", "x.%u -1 0 1", "%u of a negative number"),
        ("fmt-dotdot", "../x.%d 1 2 1", 'a ".." in the path'),
        ("fmt-abs", "/tmp/x.%d 1 2 1", "an absolute path"),
        ("fmt-args", "x.%d 1 2", "format min max step"),
        ("fmt-step0", "x.%d 1 2 0", "step 0 never goes"),
        ("fmt-stepwrong", "x.%d 1 5 -1", "step -1 never goes"),
        ("fmt-count", "x.%d 1 3 1", "3 files for 2 pieces"),
        ("fmt-many", "x.%d 0 2000000000 1", "more than 1000000"),
        ("fmt-subdim", "x.%d 1 2 1 4", "format min max step"),
        ("list-count", "LIST", "3 files for 2 pieces"),
        ("list-empty", "LIST", "LIST without names"),
        ("list-dotdot", "LIST", 'a ".." in the path'),
        ("list-slab", "LIST 3", "do not split the 2 slabs"),
        ("cut", "cut.raw", "data file cut.raw: truncated: 20 of 24 bytes"),
        ("tail-cut", "cut.raw", "truncated: 20 bytes left, 24 needed .byte skip -1."),
        ("fmt-cut", "c%d.raw 1 2 1", "data file c2.raw .2 of 2.: truncated: 2 of 12"),
        ("nodata", None, "no data: the header ends with the file, and names no data file")]:
    fields = list(det)
    if spec is None:
        fields = s16
    else:
        fields[-1] = "data file: " + spec
    if name == "tail-cut":
        fields.append("byte skip: -1")
    tail = b""
    if name == "list-count":
        tail = b"a.raw\nb.raw\nc.raw\n"
    elif name == "list-dotdot":
        tail = b"a.raw\n../b.raw\n"
    elif name == "list-slab":
        fields[-1] = "data file: LIST 3"
        tail = b"a.raw\nb.raw\nc.raw\n"
    write("bad-%s.nhdr" % name, header(fields) + tail)
    bad("bad-%s.nhdr" % name, ere, mem=0)
write("sub/keep", b"")
write("cut.raw", raw[:20])
write("c1.raw", raw[:12])
write("c2.raw", raw[12:14])
for nm in ("a.raw", "b.raw", "c.raw"):
    write(nm, raw[:8])
write("det-mem.nhdr", header(s16 + ["data file: det-mem.raw"]))
write("det-mem.raw", raw)
cases.write("ok-path det-mem.nhdr\n")
cases.write("bad-mem det-mem.nhdr 1 a detached header .data file det-mem.raw. in memory\n")
PY
	mkfifo "$tmp/syn/fifo.raw" 2>/dev/null || rm -f "$tmp/syn/bad-fifo.nhdr"
	syn=$tmp/syn
	# the files read whole, in two runs (from their paths and memory, or paths only)
	mkdir "$tmp/got"
	set --
	for m in 1 0; do
		set -- $(awk -v m=$m -v d="$syn" '$1 == "ok" && $3 == m { print d "/" $2 }' "$syn/cases")
		[ $# -gt 0 ] || continue
		if [ $m = 1 ]; then set -- -M "$@"; fi
		"$T" info "$@" >"$tmp/got-$m.out" 2>"$tmp/got-$m.err"
		echo "$?" >"$tmp/got-$m.rc"
		awk -v d="$tmp/got" '/^file / { if (f) close(f); n = split($2, p, "/"); f = d "/" p[n]; next }
		    { print > f }' "$tmp/got-$m.out"
	done
	is "$(cat "$tmp/got-1.rc" "$tmp/got-0.rc" "$tmp/got-1.err" "$tmp/got-0.err" | tr '\n' ' ')" "0 0 " \
	    "every well-formed file read, nothing on stderr"
	while read -r kind name mem ere; do
		case $kind in
		ok)
			if cmp -s "$tmp/got/$name" "$syn/$name.info"; then
				w=
				case $name in type*) w=" ($(grep "^#$name type " "$syn/cases" | sed 's/^#[^ ]* type //'))" ;; esac
				IFS= read -r l1 <"$syn/$name.info"
				also=
				[ "$mem" = 1 ] && also=", from memory too"
				ok 0 "$name$w: ${l1#dim }, as written: type, affine, voxels$also"
			else
				ok 1 "$name: read as the generator wrote it"
				diff "$syn/$name.info" "$tmp/got/$name" 2>&1 | head -n 12 | sed 's/^/#   /'
			fi
			;;
		ok-path)
			t "ok-$name" info "$syn/$name"
			is "$rc" 0 "$name: read from its path"
			;;
		bad-mem)
			refused "$name" "$syn/$name" "$ere" -m
			;;
		bad)
			if [ ! -e "$syn/$name" ]; then
				skip "no mkfifo: $name"
				continue
			fi
			m=
			[ "$mem" = 1 ] && m=-M
			refused "$name" "$syn/$name" "$ere" $m
			;;
		esac
	done <"$syn/cases"
	# the FIFO was never waited on (no writer): the run above came back
else
	skip "no $PY: synthetic NRRD files"
fi

# ---- dcm-convert's NRRD of a synthetic head, against its NIfTI ----
gen=$tb/gen-head
convert=$BIN/dcm-convert
if [ -x "$gen" ] && [ -x "$convert" ]; then
	for h in "ct --oblique 20" "mr --oblique -25 --oblique-axis x --orient PSL" "ct --tilt 15"; do
		set -- $h
		m=$1
		tag=$(echo "$h" | tr -c 'A-Za-z0-9\n' '_')
		"$gen" --modality $h --spacing 6 --fov 216 -o "$tmp/head/$tag" 2>"$tmp/gen.err" ||
		    { ok 1 "gen-head --modality $h: $(cat "$tmp/gen.err")"; continue; }
		for f in nii nrrd nhdr; do
			"$convert" -q -f $f --layout "$tag.$f" -o "$tmp/conv" "$tmp/head/$tag"/IM*.dcm \
			    >/dev/null 2>"$tmp/conv.err" || diag "dcm-convert -f $f: $(cat "$tmp/conv.err")"
		done
		first=${first:-$tag}
		for f in nrrd nhdr; do
			tv "cmp-$tag-$f" cmp-nifti "$tmp/conv/$tag.$f" "$tmp/conv/$tag.nii"
			case $rc/$out in
			0/same:*) ok 0 "dcm-convert -f $f ($h): as vol_read_nifti() reads its .nii (${out#same: })" ;;
			*)
				ok 1 "dcm-convert -f $f ($h): as vol_read_nifti() reads its .nii"
				diag "exit $rc: $out $err"
				;;
			esac
		done
		tv "same-$tag" same "$tmp/conv/$tag.nrrd" "$tmp/conv/$tag.nhdr"
		is "$rc" 0 "$h: the .nrrd (gzip) and the .nhdr (raw) the same volume ($out)"
		t "mem-$tag" same -m "$tmp/conv/$tag.nrrd" "$tmp/conv/$tag.nrrd"
		is "$rc" 0 "$h: the .nrrd from memory, the same volume"
		tv "info-$tag" info "$tmp/conv/$tag.nrrd"
		want=0
		case $h in *tilt*) want=1 ;; esac
		is "$(printf '%s\n' "$out" | sed -n 's/^tilted //p')" $want "$h: tilted $want"
	done
	refused "convert-nhdr" "$tmp/conv/$first.nhdr" "a detached header" -m
else
	skip "no $gen or $convert: dcm-convert's NRRD"
fi

# ---- real files of ../shared/data/heads, against facts from their raw bytes ----
heads=$root/../shared/data/heads
if [ -f "$heads/tooth.nhdr" ] && [ -f "$heads/tooth.raw" ]; then
	tv tooth info "$heads/tooth.nhdr"
	is "$rc|$(printf '%s\n' "$out" | sed -n '1,9p' | tr '\n' '|')" \
	    "0|dim 103 94 161 1|type uint16|bytes_per_voxel 2|oriented 0|tilted 0|lps 1 0 0 0|lps 0 1 0 0|lps 0 0 1 0|lps 0 0 0 1|" \
	    "tooth.nhdr (NRRD0001, spacings, no space): 103x94x161 uint16, not oriented, unit spacing"
	max=$(od -An -v -tu2 --endian=big "$heads/tooth.raw" | awk '{ for (i = 1; i <= NF; i++) if ($i + 0 > m) m = $i + 0 } END { print m }')
	is "$(printf '%s\n' "$out" | sed -n 's/^range //p')" "0 $max" "tooth: range 0..$max, as od reads tooth.raw"
	off=$((2 * (51 + 103 * (47 + 94 * 80))))
	is "$("$T" at "$heads/tooth.nhdr" 51 47 80)" \
	    "$(od -An -j $off -N2 -tu2 --endian=big "$heads/tooth.raw" | tr -d ' ')" \
	    "tooth: voxel 51,47,80 as od reads it (big-endian)"
	if [ "$host_le" = 1 ]; then
		is "$("$T" dump "$heads/tooth.nhdr" | sha256sum)" \
		    "$(dd if="$heads/tooth.raw" conv=swab 2>/dev/null | sha256sum)" \
		    "tooth: every voxel, byte-swapped from big-endian"
	else
		is "$("$T" dump "$heads/tooth.nhdr" | sha256sum)" "$(sha256sum <"$heads/tooth.raw")" \
		    "tooth: every voxel, as stored (big-endian host)"
	fi
else
	skip "../shared/data/heads/tooth.nhdr is absent"
fi
q=$heads/vtk_headsq_quarter
if [ -f "$q/quarter.nhdr" ] && [ -f "$q/quarter.93" ]; then
	tv quarter info "$q/quarter.nhdr"
	is "$rc|$(printf '%s\n' "$out" | grep -v '^sha256 ' | tr '\n' '|')" \
	    "0|dim 64 64 93 1|type int16|bytes_per_voxel 2|oriented 0|tilted 0|lps 3.2 0 0 0|lps 0 3.2 0 0|lps 0 0 1.5 0|lps 0 0 0 1|range 0 3926|fields ok|" \
	    "quarter.nhdr (quarter.%d 1 93 1, 3D-left-handed): 64x64x93 int16, not oriented, 3.2x3.2x1.5, values 0..3926"
	if [ "$host_le" = 1 ]; then
		i=1
		while [ $i -le 93 ]; do
			cat "$q/quarter.$i"
			i=$((i + 1))
		done | sha256sum >"$tmp/q.sum"
		is "$("$T" dump "$q/quarter.nhdr" | sha256sum)" "$(cat "$tmp/q.sum")" \
		    "quarter: every voxel, quarter.1 .. quarter.93 in order"
	else
		skip "a big-endian host: quarter's little-endian bytes"
	fi
	off=$((2 * (20 + 64 * 33)))
	is "$("$T" at "$q/quarter.nhdr" 20 33 46)" \
	    "$(od -An -j $off -N2 -td2 --endian=little "$q/quarter.47" | tr -d ' ')" \
	    "quarter: voxel 20,33,46 is quarter.47's, as od reads it"
	refused "quarter.nhdr" "$q/quarter.nhdr" "a detached header" -m
else
	skip "../shared/data/heads/vtk_headsq_quarter is absent"
fi

for f in "$tmp"/*.err; do
	t_note_san "$f"
done
done_testing
