/*
 * gen-head: write a synthetic head as a DICOM series and its label volume.
 *
 * SYNOPSIS
 *	gen-head [--child] [--unsigned] [--bits 12|16] [--centre X,Y,Z]
 *	    [--fov MM[,MM,MM]] [--modality ct|mr|cbct] [--oblique DEG]
 *	    [--oblique-axis x|y|z] [--orient CODE] [--seed N] [--series N]
 *	    [--spacing MM[,MM,MM]] [--tilt DEG] -o dir
 *
 * DESCRIPTION
 *	Writes dir/IM0001.dcm ... (one single-frame CT or MR Image Storage file
 *	a slice, Explicit VR Little Endian, written here without dcmtk),
 *	dir/labels.nii.gz (NIfTI-1, uint8, the same voxel grid: voxel i,j,k of
 *	the labels is column i, row j of IM<k+1>) and dir/labels.txt ("value TAB
 *	name").  dir is created if absent; files are replaced atomically.
 *	Nothing is printed on stdout.  The same arguments give the same bytes.
 *
 *	The head is analytic, in patient LPS millimetres (+x left, +y posterior,
 *	+z superior), centred at the origin, about 165 (LR, ears included) x 195
 *	(AP, nose included) x 225 (SI, neck stump included) mm.  Labels:
 *	0 outside, 1 skin, 2 soft tissue, 3 skull, 4 brain, 5 eyes, 6 nose,
 *	7 lips, 8 ears, 9 mandible, 10 maxilla, 11 teeth, 12 sinus air
 *	(maxillary), 13 mouth air.  Nose, lips and ears are soft tissue that
 *	owns its skin.  The head is not symmetric, so that a left-right flip
 *	shows: the left eye, ear and maxillary sinus are larger than the right
 *	ones, and a lower tooth on the patient's right (-x) is missing.
 *
 *	--bits 12|16	BitsStored (HighBit = bits - 1); default 16.  Signed
 *			12-bit values are clamped to -2048..2047 and stored with
 *			bits 12-15 zero (not sign-extended): a reader must
 *			sign-extend from bit 11.
 *	--centre X,Y,Z	the centre of the grid, patient LPS mm; default 0,0,0.
 *			For a small fov: the teeth are near 0,-45,-45 (adult).
 *	--child		the anatomy scaled by 0.7 about the origin (not the grid).
 *	--fov MM[,MM,MM]
 *			the extent along the voxel axes i, j, k; default 240.  An
 *			axis has round(fov / spacing) voxels, at most 512 (the fov
 *			is then reduced, with a warning on stderr).
 *	--modality ct|mr|cbct
 *			ct (default): CT Image Storage, HU as int16,
 *			PixelRepresentation 1, RescaleIntercept 0, RescaleSlope 1,
 *			RescaleType HU; no noise, so each label has one value
 *			(soft tissue two: fat in the 5 mm under the skin, muscle
 *			deeper).
 *			mr: MR Image Storage, uint16 gray values, mild noise.
 *			cbct: CT Image Storage, Modality CT, Manufacturer "DCMSCRUB CBCT",
 *			stored values 0.8 * HU + 300, int16 (not HU although
 *			RescaleIntercept is 0 and RescaleSlope 1; no RescaleType);
 *			a cylindrical field of view about the S axis through the
 *			grid centre, radius and half height 0.45 x the smallest
 *			fov, outside which every voxel is -1000 (-1000 * 0.8 + 300
 *			- 500; inside, values are kept above it); noise (sigma 25);
 *			cupping (-120 on the axis, 0 at the rim); a metal filling
 *			(3500) in the upper left first molar and a streak through
 *			it, +1200 on a line and -450 beside it, in the axial plane
 *			of that tooth.
 *	--oblique DEG	rotate the voxel grid about the patient axis given by
 *			--oblique-axis (x, y or z: L, P or S; default z),
 *			right-handed, about the grid centre.
 *	--orient CODE	where the voxel axes i (columns), j (rows), k (slices)
 *			point in the patient: one letter of L/R, one of P/A, one of
 *			S/I, in any order (48 codes); default LPS (axial).
 *			ImageOrientationPatient is i\j; ImagePositionPatient of
 *			slice k is that of slice 0 + k * dz * k's direction, which
 *			may be opposite to i x j (slices stored against the normal,
 *			as in LPI).
 *	--seed N	the UIDs (2.25.<decimal> of a version 8 UUID hashed from
 *			the seed and, for the series and instances, from every
 *			option) and the noise; default 1.  Runs with one seed share
 *			StudyInstanceUID and FrameOfReferenceUID (with --child,
 *			another pair).
 *	--series N	SeriesNumber; default 1.
 *	--spacing MM[,MM,MM]
 *			voxel size along i, j, k, 0.1 to 20 mm; default 1.
 *			PixelSpacing is "j\i" (between rows first); SliceThickness
 *			and SpacingBetweenSlices are the k spacing.
 *	--tilt DEG	ct and cbct only, |DEG| <= 45: GantryDetectorTilt = DEG;
 *			the image plane (i and j) is rotated about the L-R axis by
 *			DEG, the slices still stacked along k's unrotated direction:
 *			a sheared stack, as real tilted CT.  SpacingBetweenSlices is
 *			then left out, and the labels have only an sform
 *			(qform_code 0).
 *	--unsigned	ct only: stored HU + 1024, PixelRepresentation 0,
 *			RescaleIntercept -1024.
 *	-o dir		the output directory (required).
 *
 *	The directions are i = O Rx(tilt) e_i, j = O Rx(tilt) e_j, k = O e_k,
 *	with O the oblique rotation and e the letters' unit vectors.
 *	labels.nii.gz has sform (and qform unless tilted) = the series' LPS
 *	affine with the x and y rows negated (RAS), code SCANNER_ANAT, intent
 *	LABEL.
 *
 *	CT values (HU): air -1000, skin, nose, lips, ears 40, fat -100, muscle
 *	50, brain 30, eyes 10, bone (skull, mandible, maxilla) 1200, teeth 2500,
 *	sinus and mouth air -1000.  MR values: air 0, skin and fat 800, muscle
 *	350, nose, lips, ears 600, brain 500, eyes 300, bone 50, teeth 0, sinus
 *	and mouth air 0, plus noise of sigma 10 (clamped at 0).
 *
 * EXIT STATUS
 *	0 on success, 1 on a write error, 2 on a usage error.
 *
 * EXAMPLES
 *	gen-head -o head-ct --spacing 0.5,0.5,1
 *	gen-head -o head-mr --modality mr --orient ASL --spacing 1.2
 *	gen-head -o dental --modality cbct --spacing 0.2 --fov 100 --centre 0,-45,-45
 *	gen-head -o tilted --tilt 20 --oblique 15 --child
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include <nifti1_io.h>

#define PROG		"gen-head"
#define MAXDIM		512
#define PI		3.14159265358979323846
#define CHILD_SCALE	0.7

#if defined(__GNUC__)
#define NORETURN __attribute__((noreturn))
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NORETURN
#define PRINTFLIKE(f, a)
#endif

enum label {
	L_AIR, L_SKIN, L_SOFT, L_SKULL, L_BRAIN, L_EYES, L_NOSE, L_LIPS,
	L_EARS, L_MANDIBLE, L_MAXILLA, L_TEETH, L_SINUS, L_MOUTH, NLABELS
};

static const char *const label_names[NLABELS] = {
	"outside", "skin", "soft tissue", "skull", "brain", "eyes", "nose",
	"lips", "ears", "mandible", "maxilla", "teeth", "sinus air", "mouth air"
};

/* HU of each label; soft tissue is FAT_HU or MUSCLE_HU by depth. */
static const int label_hu[NLABELS] = {
	-1000, 40, 50, 1200, 30, 10, 40, 40, 40, 1200, 1200, 2500, -1000, -1000
};
static const int label_mr[NLABELS] = {
	0, 800, 350, 50, 500, 300, 600, 600, 600, 50, 50, 0, 0, 0
};
#define FAT_HU		-100
#define FAT_MR		800

enum modality { M_CT, M_MR, M_CBCT };

/* CBCT: stored = CBCT_A * HU + CBCT_B, with these artefacts. */
#define CBCT_A		0.8
#define CBCT_B		300.0
#define CBCT_PAD	(-1000)		/* -1000 * a + b - 500 */
#define CBCT_NOISE	25.0
#define CBCT_CUPPING	120.0		/* at the axis, none at the rim */
#define CBCT_METAL	3500
#define CBCT_BRIGHT	1200
#define CBCT_DARK	(-450)
#define MR_NOISE	10.0

struct options {
	enum modality modality;
	char orient[4];
	double oblique;
	int oblique_axis;		/* 0 x, 1 y, 2 z */
	double tilt;
	double spacing[3];
	double fov[3];
	double centre[3];
	int bits;
	int is_unsigned;
	uint64_t seed;
	long series;
	int child;
	const char *outdir;
};

/* The voxel grid in patient LPS: p = origin + i sp0 dir[0] + j sp1 dir[1] + k sp2 dir[2]. */
struct grid {
	int n[3];
	double sp[3];
	double dir[3][3];
	double origin[3];
};

/* A growable byte buffer. */
struct buf {
	unsigned char *p;
	size_t len, cap;
};

/* A data element, its value already padded to even length. */
struct elem {
	uint32_t tag;
	char vr[2];
	uint32_t len;
	unsigned char *val;
};

struct dataset {
	struct elem *e;
	size_t n, cap;
};

static NORETURN void usage(void);
static NORETURN void die(int status, const char *fmt, ...) PRINTFLIKE(2, 3);
static void warnx_(const char *fmt, ...) PRINTFLIKE(1, 2);
static void *xmalloc(size_t n);
static void *xrealloc(void *p, size_t n);
static double parse_double(const char *s, double lo, double hi, const char *what);
static void parse_triple(const char *s, double lo, double hi, const char *what, double v[3]);
static void parse_list(const char *s, int n, double lo, double hi, const char *what, double *v);
static void parse_orient(const char *s, char out[4]);
static void letter_dir(char c, double d[3]);
static void rotation(int axis, double deg, double m[3][3]);
static void matvec(double m[3][3], const double v[3], double out[3]);
static void make_grid(const struct options *o, struct grid *g);
static void voxel_pos(const struct grid *g, int i, int j, int k, double p[3]);
static int in_ellipsoid(const double q[3], const double c[3], const double a[3], double shrink);
static double ell2(double x, double y, double cx, double cy, double ax, double ay);
static int in_body(const double q[3], double shrink);
static int in_teeth(const double q[3]);
static int in_nose(const double q[3]);
static int classify(const double q[3], int *fat);
static uint64_t splitmix(uint64_t *state);
static double gauss(uint64_t *state);
static uint64_t hash_str(const char *s, uint64_t salt);
static void make_uid(const char *key, char out[64]);
static void fmt_ds(char *out, size_t size, double v);
static void buf_put(struct buf *b, const void *p, size_t n);
static void buf_u16(struct buf *b, unsigned v);
static void buf_u32(struct buf *b, uint32_t v);
static int long_vr(const char vr[2]);
static int text_vr(const char vr[2]);
static void ds_add(struct dataset *ds, uint32_t tag, const char *vr, const void *val, size_t len);
static void ds_text(struct dataset *ds, uint32_t tag, const char *vr, const char *s);
static void ds_us(struct dataset *ds, uint32_t tag, unsigned v);
static void ds_dsv(struct dataset *ds, uint32_t tag, const double *v, int n);
static void ds_is(struct dataset *ds, uint32_t tag, long v);
static void ds_free(struct dataset *ds);
static int elem_cmp(const void *a, const void *b);
static void put_elems(struct buf *b, struct dataset *ds);
static void write_file(const char *dir, const char *name, const void *p, size_t n);
static void mkdirs(const char *dir);
static void write_labels(const struct options *o, const struct grid *g, unsigned char *labels);

static void
usage(void)
{
	fprintf(stderr, "usage: " PROG " [--child] [--unsigned] [--bits 12|16] [--centre X,Y,Z]\n"
	    "\t[--fov MM[,MM,MM]]"
	    " [--modality ct|mr|cbct] [--oblique DEG] [--oblique-axis x|y|z]\n"
	    "\t[--orient CODE] [--seed N] [--series N] [--spacing MM[,MM,MM]]\n"
	    "\t[--tilt DEG] -o dir\n");
	exit(2);
}

static void
vmsg(const char *fmt, va_list ap)
{
	int e = errno;
	size_t len = strlen(fmt);

	fprintf(stderr, "%s: ", PROG);
	vfprintf(stderr, fmt, ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(e));
	fputc('\n', stderr);
}

static void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(status);
}

static void
warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n != 0 ? n : 1);

	if (p == NULL)
		die(1, "out of memory:");
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n != 0 ? n : 1);
	if (p == NULL)
		die(1, "out of memory:");
	return p;
}

/* ---- options ---------------------------------------------------------- */

static double
parse_double(const char *s, double lo, double hi, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v))
		die(2, "%s: invalid number: %s", what, s);
	if (v < lo || v > hi)
		die(2, "%s: %s is out of range %g to %g", what, s, lo, hi);
	return v;
}

/* "A" or "A,B,C" */
static void
parse_triple(const char *s, double lo, double hi, const char *what, double v[3])
{
	if (strchr(s, ',') == NULL) {
		v[0] = v[1] = v[2] = parse_double(s, lo, hi, what);
		return;
	}
	parse_list(s, 3, lo, hi, what, v);
}

/* exactly n comma-separated numbers */
static void
parse_list(const char *s, int n, double lo, double hi, const char *what, double *v)
{
	char tmp[256], *f = tmp, *c;

	if (strlen(s) >= sizeof(tmp))
		die(2, "%s: too long: %s", what, s);
	strcpy(tmp, s);
	for (int a = 0; a < n; a++) {
		c = strchr(f, ',');
		if ((c == NULL) != (a == n - 1))
			die(2, "%s: %d numbers separated by commas: %s", what, n, s);
		if (c != NULL)
			*c = '\0';
		v[a] = parse_double(f, lo, hi, what);
		if (c != NULL)
			f = c + 1;
	}
}

static void
parse_orient(const char *s, char out[4])
{
	int seen[3] = { 0, 0, 0 };

	if (strlen(s) != 3)
		die(2, "--orient: three letters from L/R, P/A, S/I: %s", s);
	for (int a = 0; a < 3; a++) {
		int c = s[a], set;

		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		switch (c) {
		case 'L': case 'R': set = 0; break;
		case 'P': case 'A': set = 1; break;
		case 'S': case 'I': set = 2; break;
		default:
			die(2, "--orient: %c is none of L R P A S I: %s", s[a], s);
		}
		if (seen[set]++)
			die(2, "--orient: two letters of one axis: %s", s);
		out[a] = (char)c;
	}
	out[3] = '\0';
}

static void
letter_dir(char c, double d[3])
{
	d[0] = d[1] = d[2] = 0;
	switch (c) {
	case 'L': d[0] = 1; break;
	case 'R': d[0] = -1; break;
	case 'P': d[1] = 1; break;
	case 'A': d[1] = -1; break;
	case 'S': d[2] = 1; break;
	case 'I': d[2] = -1; break;
	}
}

/* ---- geometry --------------------------------------------------------- */

/* Right-handed rotation by deg about patient axis 0 (x), 1 (y) or 2 (z). */
static void
rotation(int axis, double deg, double m[3][3])
{
	double c, s;
	int u = (axis + 1) % 3, v = (axis + 2) % 3;

	/* exact for 0, so unrotated grids have exact coordinates */
	if (deg == 0) {
		c = 1;
		s = 0;
	} else {
		c = cos(deg * PI / 180);
		s = sin(deg * PI / 180);
	}
	memset(m, 0, 9 * sizeof(double));
	m[axis][axis] = 1;
	m[u][u] = c;
	m[u][v] = -s;
	m[v][u] = s;
	m[v][v] = c;
}

static void
matvec(double m[3][3], const double v[3], double out[3])
{
	for (int r = 0; r < 3; r++)
		out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
}

static void
make_grid(const struct options *o, struct grid *g)
{
	double ob[3][3], tl[3][3], e[3], t[3];

	rotation(o->oblique_axis, o->oblique, ob);
	rotation(0, o->tilt, tl);
	for (int a = 0; a < 3; a++) {
		double fov = o->fov[a];
		long n;

		g->sp[a] = o->spacing[a];
		n = lround(fov / g->sp[a]);
		if (n < 1)
			n = 1;
		if (n > MAXDIM) {
			n = MAXDIM;
			warnx_("%c axis: fov reduced from %g to %g mm (%d voxels at most)",
			    "ijk"[a], fov, n * g->sp[a], MAXDIM);
		}
		g->n[a] = (int)n;
		letter_dir(o->orient[a], e);
		if (a < 2) {
			matvec(tl, e, t);
			matvec(ob, t, g->dir[a]);
		} else {
			matvec(ob, e, g->dir[a]);
		}
		for (int c = 0; c < 3; c++)
			if (fabs(g->dir[a][c]) < 1e-15)
				g->dir[a][c] = 0;
	}
	for (int c = 0; c < 3; c++) {
		double s = 0;

		for (int a = 0; a < 3; a++)
			s += (g->n[a] - 1) * g->sp[a] * g->dir[a][c];
		g->origin[c] = o->centre[c] - 0.5 * s + 0.0;
	}
}

static void
voxel_pos(const struct grid *g, int i, int j, int k, double p[3])
{
	for (int c = 0; c < 3; c++)
		p[c] = g->origin[c] + i * g->sp[0] * g->dir[0][c] +
		    j * g->sp[1] * g->dir[1][c] + k * g->sp[2] * g->dir[2][c];
}

/* ---- anatomy (adult, head millimetres, LPS) --------------------------- */

/* the outer surface: cranium and face, chin, neck */
static const double HEAD_C[3] = { 0, 3, 10 }, HEAD_A[3] = { 75, 92, 105 };
static const double CHIN_C[3] = { 0, -30, -58 }, CHIN_A[3] = { 48, 52, 32 };
static const double NECK_C[2] = { 0, 25 }, NECK_R[2] = { 50, 48 };
#define NECK_BOTTOM	-115.0
#define NECK_TOP	-20.0
#define SKIN_T		3.0
#define FAT_T		5.0
/* the skull: an ellipsoid shell with a flat base, open to the face */
static const double SKULL_C[3] = { 0, 0, 28 }, SKULL_A[3] = { 67, 85, 82 };
#define SKULL_T		6.0
#define SKULL_BASE	-30.0
/* the face, in front of y = FACE_Y and below z = FACE_Z, is not in the skull */
#define FACE_Y		-46.0
#define FACE_Z		16.0

struct sphere { double c[3], r; };
struct ell { double c[3], a[3]; };

/* left (+x) larger than right */
static const struct sphere eyes[2] = {
	{ { 32, -62, 5 }, 12.5 },
	{ { -32, -62, 5 }, 11.5 },
};
#define ORBIT_T		3.0
static const struct ell sinuses[2] = {
	{ { 28, -50, -20 }, { 14, 16, 13 } },
	{ { -28, -50, -20 }, { 12, 14, 11 } },
};
#define SINUS_WALL	3.0
static const struct ell ears[2] = {
	{ { 77, 8, -2 }, { 6, 17, 30 } },
	{ { -77, 8, -2 }, { 6, 15, 27 } },
};
static const struct ell lips[2] = {
	{ { 0, -81, -40 }, { 22, 7, 5 } },
	{ { 0, -84, -51 }, { 20, 7, 5 } },
};

/* the arches: centre line ellipses in the axial plane, anterior half */
struct arch {
	double cy, ax, ay;		/* centre (0, cy), semi-axes */
	double z0, z1;			/* the bone */
	double tz0, tz1;		/* the teeth */
};
static const struct arch maxilla = { -15, 36, 48, -38, -24, -45, -38 };
static const struct arch mandible = { -12, 40, 54, -72, -54, -54, -47 };
#define ARCH_HW		5.0		/* half width of the bone */
#define PALATE_Z1	-34.0
#define RAMUS_TOP	-28.0
#define RAMUS_Y1	8.0
#define NTEETH		14
#define TOOTH_HL	2.6		/* half length along the arch */
#define TOOTH_HW	4.0		/* half width across it */
#define MISSING_TOOTH	3		/* lower, at -42 degrees: patient right */
#define METAL_TOOTH	11		/* upper, at +54 degrees: patient left */
#define STREAK_ANGLE	20.0		/* degrees from the x axis */
/* the mouth: air inside the arches, between the teeth rows */
#define MOUTH_AX	28.0
#define MOUTH_AY	40.0
#define MOUTH_CY	-15.0
#define MOUTH_Z0	-47.0
#define MOUTH_Z1	-41.0
#define MOUTH_Y1	5.0
/* the nose: a wedge, apex line in front, from its base to its root */
#define NOSE_Z0		-30.0
#define NOSE_Z1		2.0
#define NOSE_BACK	-80.0

static int
in_ellipsoid(const double q[3], const double c[3], const double a[3], double shrink)
{
	double s = 0;

	for (int n = 0; n < 3; n++) {
		double an = a[n] - shrink, t;

		if (an <= 0)
			return 0;
		t = (q[n] - c[n]) / an;
		s += t * t;
	}
	return s <= 1;
}

static double
ell2(double x, double y, double cx, double cy, double ax, double ay)
{
	double u = (x - cx) / ax, v = (y - cy) / ay;

	return u * u + v * v;
}

/* Inside the outer surface moved inwards by shrink mm (roughly). */
static int
in_body(const double q[3], double shrink)
{
	if (in_ellipsoid(q, HEAD_C, HEAD_A, shrink) || in_ellipsoid(q, CHIN_C, CHIN_A, shrink))
		return 1;
	/* the stump is cut flat: no skin on the cut */
	return q[2] >= NECK_BOTTOM && q[2] <= NECK_TOP &&
	    ell2(q[0], q[1], NECK_C[0], NECK_C[1], NECK_R[0] - shrink, NECK_R[1] - shrink) <= 1;
}

static void
tooth_frame(const struct arch *ar, int n, double c[2], double t[2])
{
	double th = (-78.0 + 12.0 * n) * PI / 180, len;

	c[0] = ar->ax * sin(th);
	c[1] = ar->cy - ar->ay * cos(th);
	t[0] = ar->ax * cos(th);
	t[1] = ar->ay * sin(th);
	len = sqrt(t[0] * t[0] + t[1] * t[1]);
	t[0] /= len;
	t[1] /= len;
}

static int
in_tooth_row(const double q[3], const struct arch *ar, int missing)
{
	if (q[2] < ar->tz0 || q[2] > ar->tz1 || q[1] > ar->cy + 6)
		return 0;
	if (ell2(q[0], q[1], 0, ar->cy, ar->ax + TOOTH_HW + 1, ar->ay + TOOTH_HW + 1) > 1 ||
	    ell2(q[0], q[1], 0, ar->cy, ar->ax - TOOTH_HW - 1, ar->ay - TOOTH_HW - 1) < 1)
		return 0;
	for (int n = 0; n < NTEETH; n++) {
		double c[2], t[2], u, v;

		if (n == missing)
			continue;
		tooth_frame(ar, n, c, t);
		u = (q[0] - c[0]) * t[0] + (q[1] - c[1]) * t[1];
		v = -(q[0] - c[0]) * t[1] + (q[1] - c[1]) * t[0];
		if (fabs(u) <= TOOTH_HL && fabs(v) <= TOOTH_HW)
			return 1;
	}
	return 0;
}

static int
in_teeth(const double q[3])
{
	return in_tooth_row(q, &maxilla, -1) || in_tooth_row(q, &mandible, MISSING_TOOTH);
}

static int
in_arch_bone(const double q[3], const struct arch *ar)
{
	return q[2] >= ar->z0 && q[2] <= ar->z1 && q[1] <= ar->cy &&
	    ell2(q[0], q[1], 0, ar->cy, ar->ax + ARCH_HW, ar->ay + ARCH_HW) <= 1 &&
	    ell2(q[0], q[1], 0, ar->cy, ar->ax - ARCH_HW, ar->ay - ARCH_HW) > 1;
}

static int
in_nose(const double q[3])
{
	double s, tip, w;

	if (q[2] < NOSE_Z0 || q[2] > NOSE_Z1)
		return 0;
	s = (q[2] - NOSE_Z0) / (NOSE_Z1 - NOSE_Z0);
	tip = -104 + 14 * s;
	w = 20 - 10 * s;
	if (q[1] < tip || q[1] > NOSE_BACK)
		return 0;
	return fabs(q[0]) <= w * (q[1] - tip) / (NOSE_BACK - tip);
}

/* The label at head point q (adult millimetres); *fat for subcutaneous soft tissue. */
static int
classify(const double q[3], int *fat)
{
	double d;
	int a;

	*fat = 0;
	if (q[0] < -85 || q[0] > 85 || q[1] < -106 || q[1] > 98 ||
	    q[2] < NECK_BOTTOM - 1 || q[2] > 117)
		return L_AIR;
	if (!in_body(q, SKIN_T)) {
		/* the soft protrusions own their skin */
		if (in_nose(q))
			return L_NOSE;
		for (a = 0; a < 2; a++)
			if (in_ellipsoid(q, lips[a].c, lips[a].a, 0))
				return L_LIPS;
		for (a = 0; a < 2; a++)
			if (in_ellipsoid(q, ears[a].c, ears[a].a, 0))
				return L_EARS;
		return in_body(q, 0) ? L_SKIN : L_AIR;
	}
	if (in_teeth(q))
		return L_TEETH;
	for (a = 0; a < 2; a++) {
		const struct sphere *e = &eyes[a];

		d = sqrt((q[0] - e->c[0]) * (q[0] - e->c[0]) + (q[1] - e->c[1]) * (q[1] - e->c[1]) +
		    (q[2] - e->c[2]) * (q[2] - e->c[2]));
		if (d <= e->r)
			return L_EYES;
		/* the orbit: bone behind the eye's equator */
		if (d <= e->r + ORBIT_T && q[1] > e->c[1] - 3 &&
		    in_ellipsoid(q, SKULL_C, SKULL_A, 0))
			return L_SKULL;
	}
	for (a = 0; a < 2; a++)
		if (in_ellipsoid(q, sinuses[a].c, sinuses[a].a, 0))
			return L_SINUS;
	if (q[2] >= MOUTH_Z0 && q[2] <= MOUTH_Z1 && q[1] <= MOUTH_Y1 &&
	    ell2(q[0], q[1], 0, MOUTH_CY, MOUTH_AX, MOUTH_AY) <= 1)
		return L_MOUTH;
	if (in_body(q, SKIN_T + 2)) {
		if (in_arch_bone(q, &mandible))
			return L_MANDIBLE;
		/* the rami rise from the back of the body of the mandible */
		d = fabs(q[0]);
		if (d >= mandible.ax - ARCH_HW && d <= mandible.ax + ARCH_HW &&
		    q[1] >= mandible.cy && q[1] <= RAMUS_Y1 &&
		    q[2] >= mandible.z0 && q[2] <= RAMUS_TOP)
			return L_MANDIBLE;
		if (in_arch_bone(q, &maxilla))
			return L_MAXILLA;
		if (q[2] >= maxilla.z0 && q[2] <= PALATE_Z1 && q[1] <= maxilla.cy + 10 &&
		    ell2(q[0], q[1], 0, maxilla.cy, maxilla.ax, maxilla.ay) <= 1)
			return L_MAXILLA;	/* the hard palate */
		for (a = 0; a < 2; a++)
			if (in_ellipsoid(q, sinuses[a].c, sinuses[a].a, -SINUS_WALL))
				return L_MAXILLA;
	}
	if (q[2] > SKULL_BASE + SKULL_T && !(q[1] < FACE_Y + SKULL_T && q[2] < FACE_Z + SKULL_T) &&
	    in_ellipsoid(q, SKULL_C, SKULL_A, SKULL_T))
		return L_BRAIN;
	if (q[2] > SKULL_BASE && !(q[1] < FACE_Y && q[2] < FACE_Z) &&
	    in_ellipsoid(q, SKULL_C, SKULL_A, 0))
		return L_SKULL;
	*fat = !in_body(q, SKIN_T + FAT_T);
	return L_SOFT;
}

/* ---- numbers: PRNG, hashes, UIDs, DS ----------------------------------- */

static uint64_t
splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Irwin-Hall of four uniforms: bounded, smooth enough, no libm. */
static double
gauss(uint64_t *state)
{
	double s = 0;

	for (int n = 0; n < 4; n++)
		s += (double)(splitmix(state) >> 11) * (1.0 / 9007199254740992.0);
	return (s - 2) * 1.7320508075688772;
}

static uint64_t
hash_str(const char *s, uint64_t salt)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ salt, st;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	st = h;
	return splitmix(&st);
}

/* 2.25.<a 128-bit version 8 UUID as a decimal>, from key. */
static void
make_uid(const char *key, char out[64])
{
	uint64_t hi = hash_str(key, 0x6a09e667f3bcc908ULL), lo = hash_str(key, 0xbb67ae8584caa73bULL);
	uint32_t limb[4];
	char dig[48];
	int nd = 0;

	hi = (hi & ~0xf000ULL) | 0x8000ULL;		/* version 8 */
	lo = (lo & ~(3ULL << 62)) | (2ULL << 62);	/* RFC 4122 variant */
	limb[0] = (uint32_t)(hi >> 32);
	limb[1] = (uint32_t)hi;
	limb[2] = (uint32_t)(lo >> 32);
	limb[3] = (uint32_t)lo;
	for (;;) {
		uint64_t rem = 0;
		int zero = 1;

		for (int n = 0; n < 4; n++) {
			uint64_t cur = (rem << 32) | limb[n];

			limb[n] = (uint32_t)(cur / 10);
			rem = cur % 10;
			if (limb[n] != 0)
				zero = 0;
		}
		dig[nd++] = (char)('0' + rem);
		if (zero)
			break;
	}
	memcpy(out, "2.25.", 5);
	for (int n = 0; n < nd; n++)
		out[5 + n] = dig[nd - 1 - n];
	out[5 + nd] = '\0';
}

/* A DS value in at most 16 characters. */
static void
fmt_ds(char *out, size_t size, double v)
{
	if (fabs(v) < 5e-11)
		v = 0;
	for (int prec = 12; prec > 0; prec--) {
		snprintf(out, size, "%.*g", prec, v);
		if (strlen(out) <= 16)
			break;
	}
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

/* ---- DICOM ------------------------------------------------------------ */

static void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 1024;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
buf_u16(struct buf *b, unsigned v)
{
	unsigned char x[2] = { (unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff) };

	buf_put(b, x, 2);
}

static void
buf_u32(struct buf *b, uint32_t v)
{
	buf_u16(b, v & 0xffff);
	buf_u16(b, v >> 16);
}

static int
long_vr(const char vr[2])
{
	static const char *const vrs[] = {
		"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"
	};

	for (size_t n = 0; n < sizeof(vrs) / sizeof(vrs[0]); n++)
		if (vr[0] == vrs[n][0] && vr[1] == vrs[n][1])
			return 1;
	return 0;
}

static int
text_vr(const char vr[2])
{
	static const char *const vrs[] = {
		"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM",
		"UC", "UR", "UT"
	};

	for (size_t n = 0; n < sizeof(vrs) / sizeof(vrs[0]); n++)
		if (vr[0] == vrs[n][0] && vr[1] == vrs[n][1])
			return 1;
	return 0;
}

/* Add an element; odd values are padded: UI and binary with NUL, text with space. */
static void
ds_add(struct dataset *ds, uint32_t tag, const char *vr, const void *val, size_t len)
{
	struct elem *e;
	int text;

	if (len > 0xfffe && !long_vr(vr))
		die(1, "(%04x,%04x): value too long", (unsigned)(tag >> 16), (unsigned)(tag & 0xffff));
	if (ds->n == ds->cap) {
		ds->cap = ds->cap * 2 + 32;
		ds->e = xrealloc(ds->e, ds->cap * sizeof(*ds->e));
	}
	e = &ds->e[ds->n++];
	e->tag = tag;
	e->vr[0] = vr[0];
	e->vr[1] = vr[1];
	e->len = (uint32_t)(len + (len & 1));
	e->val = xmalloc(e->len);
	if (len > 0)
		memcpy(e->val, val, len);
	text = text_vr(vr);
	if (len & 1)
		e->val[len] = text ? ' ' : '\0';
}

static void
ds_text(struct dataset *ds, uint32_t tag, const char *vr, const char *s)
{
	ds_add(ds, tag, vr, s, strlen(s));
}

static void
ds_us(struct dataset *ds, uint32_t tag, unsigned v)
{
	unsigned char x[2] = { (unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff) };

	ds_add(ds, tag, "US", x, 2);
}

static void
ds_dsv(struct dataset *ds, uint32_t tag, const double *v, int n)
{
	char s[16 * 17 + 1], one[32];

	s[0] = '\0';
	for (int a = 0; a < n; a++) {
		fmt_ds(one, sizeof(one), v[a]);
		if (a > 0)
			strcat(s, "\\");
		strcat(s, one);
	}
	ds_text(ds, tag, "DS", s);
}

static void
ds_is(struct dataset *ds, uint32_t tag, long v)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", v);
	ds_text(ds, tag, "IS", s);
}

static void
ds_free(struct dataset *ds)
{
	for (size_t n = 0; n < ds->n; n++)
		free(ds->e[n].val);
	free(ds->e);
	ds->e = NULL;
	ds->n = ds->cap = 0;
}

static int
elem_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct elem *)a)->tag, y = ((const struct elem *)b)->tag;

	return x < y ? -1 : x > y;
}

static void
put_elems(struct buf *b, struct dataset *ds)
{
	qsort(ds->e, ds->n, sizeof(*ds->e), elem_cmp);
	for (size_t n = 0; n < ds->n; n++) {
		const struct elem *e = &ds->e[n];

		if (n > 0 && e->tag == ds->e[n - 1].tag)
			die(1, "internal error: (%04x,%04x) twice", (unsigned)(e->tag >> 16),
			    (unsigned)(e->tag & 0xffff));
		buf_u16(b, e->tag >> 16);
		buf_u16(b, e->tag & 0xffff);
		buf_put(b, e->vr, 2);
		if (long_vr(e->vr)) {
			buf_u16(b, 0);
			buf_u32(b, e->len);
		} else {
			buf_u16(b, e->len);
		}
		buf_put(b, e->val, e->len);
	}
}

/* Atomically: a temporary in dir, then rename. */
static void
write_file(const char *dir, const char *name, const void *p, size_t n)
{
	char tmp[4096], path[4096];
	FILE *f;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name) >= sizeof(tmp) ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		die(1, "%s: path too long", dir);
	if ((f = fopen(tmp, "wb")) == NULL)
		die(1, "%s:", tmp);
	if (fwrite(p, 1, n, f) != n || fflush(f) != 0) {
		fclose(f);
		unlink(tmp);
		die(1, "%s:", tmp);
	}
	if (fclose(f) != 0) {
		unlink(tmp);
		die(1, "%s:", tmp);
	}
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		die(1, "%s:", path);
	}
}

static void
mkdirs(const char *dir)
{
	char p[4096];
	size_t len = strlen(dir);
	struct stat st;

	if (len == 0 || len >= sizeof(p))
		die(2, "-o: bad directory name");
	strcpy(p, dir);
	for (size_t n = 1; n <= len; n++) {
		if (p[n] != '/' && p[n] != '\0')
			continue;
		p[n] = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die(1, "%s:", p);
		if (n < len)
			p[n] = '/';
	}
	if (stat(dir, &st) != 0)
		die(1, "%s:", dir);
	if (!S_ISDIR(st.st_mode))
		die(1, "%s: not a directory", dir);
}

/* ---- the label volume ------------------------------------------------- */

static void
write_labels(const struct options *o, const struct grid *g, unsigned char *labels)
{
	int dims[8] = { 3, g->n[0], g->n[1], g->n[2], 1, 1, 1, 1 };
	nifti_image *nim;
	struct nifti_1_header hdr;
	mat44 m;
	char tmp[4096], path[4096], ext[4] = { 0, 0, 0, 0 };
	gzFile gz;
	size_t nvox = (size_t)g->n[0] * g->n[1] * g->n[2];
	struct buf txt = { NULL, 0, 0 };

	nim = nifti_make_new_nim(dims, DT_UINT8, 0);
	if (nim == NULL)
		die(1, "nifti_make_new_nim failed");
	memset(&m, 0, sizeof(m));
	for (int r = 0; r < 3; r++) {
		double flip = r < 2 ? -1 : 1;	/* LPS to RAS */

		for (int a = 0; a < 3; a++)
			m.m[r][a] = (float)(flip * g->dir[a][r] * g->sp[a]);
		m.m[r][3] = (float)(flip * g->origin[r]);
	}
	m.m[3][3] = 1;
	for (int a = 0; a < 3; a++)
		nim->pixdim[a + 1] = (float)g->sp[a];
	nim->dx = nim->pixdim[1];
	nim->dy = nim->pixdim[2];
	nim->dz = nim->pixdim[3];
	nim->sform_code = NIFTI_XFORM_SCANNER_ANAT;
	nim->sto_xyz = m;
	nim->sto_ijk = nifti_mat44_inverse(m);
	if (o->tilt == 0) {
		float qdx, qdy, qdz;

		nifti_mat44_to_quatern(m, &nim->quatern_b, &nim->quatern_c, &nim->quatern_d,
		    &nim->qoffset_x, &nim->qoffset_y, &nim->qoffset_z, &qdx, &qdy, &qdz, &nim->qfac);
		nim->qform_code = NIFTI_XFORM_SCANNER_ANAT;
		nim->qto_xyz = nifti_quatern_to_mat44(nim->quatern_b, nim->quatern_c,
		    nim->quatern_d, nim->qoffset_x, nim->qoffset_y, nim->qoffset_z,
		    nim->dx, nim->dy, nim->dz, nim->qfac);
		nim->qto_ijk = nifti_mat44_inverse(nim->qto_xyz);
		nim->pixdim[0] = nim->qfac;
	} else {
		nim->qform_code = NIFTI_XFORM_UNKNOWN;
		nim->qfac = 1;
		nim->pixdim[0] = 1;
	}
	nim->xyz_units = NIFTI_UNITS_MM;
	nim->intent_code = NIFTI_INTENT_LABEL;
	nim->cal_min = 0;
	nim->cal_max = NLABELS - 1;
	snprintf(nim->descrip, sizeof(nim->descrip), "gen-head labels (see labels.txt)");
	nim->nifti_type = NIFTI_FTYPE_NIFTI1_1;
	nifti_set_iname_offset(nim);
	hdr = nifti_convert_nim2nhdr(nim);
	nifti_image_free(nim);

	/* zlib's gz header has no time stamp: the same bytes every run */
	snprintf(tmp, sizeof(tmp), "%s/.labels.nii.gz.tmp", o->outdir);
	snprintf(path, sizeof(path), "%s/labels.nii.gz", o->outdir);
	if ((gz = gzopen(tmp, "wb6")) == NULL)
		die(1, "%s:", tmp);
	if (gzwrite(gz, &hdr, sizeof(hdr)) != (int)sizeof(hdr) || gzwrite(gz, ext, 4) != 4)
		goto fail;
	for (size_t off = 0; off < nvox;) {
		size_t n = nvox - off > (1u << 24) ? (1u << 24) : nvox - off;

		if (gzwrite(gz, labels + off, (unsigned)n) != (int)n)
			goto fail;
		off += n;
	}
	if (gzclose(gz) != Z_OK) {
		unlink(tmp);
		die(1, "%s: write error", tmp);
	}
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		die(1, "%s:", path);
	}

	for (int n = 0; n < NLABELS; n++) {
		char line[64];

		snprintf(line, sizeof(line), "%d\t%s\n", n, label_names[n]);
		buf_put(&txt, line, strlen(line));
	}
	write_file(o->outdir, "labels.txt", txt.p, txt.len);
	free(txt.p);
	return;
fail:
	gzclose(gz);
	unlink(tmp);
	die(1, "%s: write error", tmp);
}

/* ---- the series ------------------------------------------------------- */

static const char *
modality_name(enum modality m)
{
	return m == M_MR ? "mr" : m == M_CBCT ? "cbct" : "ct";
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bits", required_argument, NULL, 'b' },
		{ "centre", required_argument, NULL, 'C' },
		{ "child", no_argument, NULL, 'c' },
		{ "fov", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "modality", required_argument, NULL, 'm' },
		{ "oblique", required_argument, NULL, 'q' },
		{ "oblique-axis", required_argument, NULL, 'x' },
		{ "orient", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "series", required_argument, NULL, 'n' },
		{ "spacing", required_argument, NULL, 'p' },
		{ "tilt", required_argument, NULL, 't' },
		{ "unsigned", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct options o;
	struct grid g;
	char study_uid[64], series_uid[64], for_uid[64], impl_uid[64], sop_uid[64];
	char key[1024], name[32], *end;
	const char *sop_class;
	unsigned char *labels;
	uint16_t *pix;
	struct buf file = { NULL, 0, 0 };
	double scale, normal[3], iop[6], maxsp, fovmin, cyl_r, cyl_h;
	double metal[3], streak_z, streak_hb, sdir[2];
	long maxval, minval;
	int ch;

	memset(&o, 0, sizeof(o));
	o.modality = M_CT;
	strcpy(o.orient, "LPS");
	o.oblique_axis = 2;
	o.spacing[0] = o.spacing[1] = o.spacing[2] = 1;
	o.fov[0] = o.fov[1] = o.fov[2] = 240;
	o.bits = 16;
	o.seed = 1;
	o.series = 1;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if (strcmp(optarg, "12") == 0)
				o.bits = 12;
			else if (strcmp(optarg, "16") == 0)
				o.bits = 16;
			else
				die(2, "--bits: 12 or 16: %s", optarg);
			break;
		case 'C':
			parse_list(optarg, 3, -1000, 1000, "--centre", o.centre);
			break;
		case 'c':
			o.child = 1;
			break;
		case 'f':
			parse_triple(optarg, 10, 2000, "--fov", o.fov);
			break;
		case 'm':
			if (strcmp(optarg, "ct") == 0)
				o.modality = M_CT;
			else if (strcmp(optarg, "mr") == 0)
				o.modality = M_MR;
			else if (strcmp(optarg, "cbct") == 0)
				o.modality = M_CBCT;
			else
				die(2, "--modality: ct, mr or cbct: %s", optarg);
			break;
		case 'n':
			errno = 0;
			o.series = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || errno != 0 || o.series < 0 ||
			    o.series > 99999)
				die(2, "--series: an integer 0 to 99999: %s", optarg);
			break;
		case 'o':
			o.outdir = optarg;
			break;
		case 'p':
			parse_triple(optarg, 0.1, 20, "--spacing", o.spacing);
			break;
		case 'q':
			o.oblique = parse_double(optarg, -360, 360, "--oblique");
			break;
		case 'r':
			parse_orient(optarg, o.orient);
			break;
		case 's':
			errno = 0;
			if (optarg[0] == '-' || optarg[0] == '\0' ||
			    (o.seed = strtoull(optarg, &end, 10), *end != '\0') || errno != 0)
				die(2, "--seed: not an unsigned 64-bit integer: %s", optarg);
			break;
		case 't':
			o.tilt = parse_double(optarg, -45, 45, "--tilt");
			break;
		case 'u':
			o.is_unsigned = 1;
			break;
		case 'x':
			if (strcmp(optarg, "x") == 0)
				o.oblique_axis = 0;
			else if (strcmp(optarg, "y") == 0)
				o.oblique_axis = 1;
			else if (strcmp(optarg, "z") == 0)
				o.oblique_axis = 2;
			else
				die(2, "--oblique-axis: x, y or z: %s", optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 0 || o.outdir == NULL)
		usage();
	if (o.tilt != 0 && o.modality == M_MR)
		die(2, "--tilt: for ct and cbct only");
	if (o.is_unsigned && o.modality != M_CT)
		die(2, "--unsigned: for ct only");

	make_grid(&o, &g);
	mkdirs(o.outdir);
	scale = o.child ? CHILD_SCALE : 1.0;
	/* the slice normal, for SliceLocation */
	normal[0] = g.dir[0][1] * g.dir[1][2] - g.dir[0][2] * g.dir[1][1];
	normal[1] = g.dir[0][2] * g.dir[1][0] - g.dir[0][0] * g.dir[1][2];
	normal[2] = g.dir[0][0] * g.dir[1][1] - g.dir[0][1] * g.dir[1][0];
	for (int a = 0; a < 3; a++) {
		iop[a] = g.dir[0][a];
		iop[3 + a] = g.dir[1][a];
	}

	/* UIDs: the study and frame from the seed, the rest from everything */
	snprintf(key, sizeof(key), "gen-head/seed=%llu/child=%d", (unsigned long long)o.seed, o.child);
	{
		char k2[1100];

		snprintf(k2, sizeof(k2), "%s/study", key);
		make_uid(k2, study_uid);
		snprintf(k2, sizeof(k2), "%s/frame", key);
		make_uid(k2, for_uid);
	}
	snprintf(key + strlen(key), sizeof(key) - strlen(key),
	    "/m=%s/o=%s/ob=%.17g,%d/t=%.17g/sp=%.17g,%.17g,%.17g/fov=%.17g,%.17g,%.17g"
	    "/c=%.17g,%.17g,%.17g/b=%d/u=%d/s=%ld",
	    modality_name(o.modality), o.orient, o.oblique, o.oblique_axis, o.tilt,
	    o.spacing[0], o.spacing[1], o.spacing[2], o.fov[0], o.fov[1], o.fov[2],
	    o.centre[0], o.centre[1], o.centre[2], o.bits, o.is_unsigned, o.series);
	{
		char k2[1100];

		snprintf(k2, sizeof(k2), "%s/series", key);
		make_uid(k2, series_uid);
	}
	make_uid("gen-head/implementation/1", impl_uid);
	sop_class = o.modality == M_MR ? "1.2.840.10008.5.1.4.1.1.4" : "1.2.840.10008.5.1.4.1.1.2";

	/* stored value range */
	if (o.modality == M_MR || o.is_unsigned) {
		minval = 0;
		maxval = (1L << o.bits) - 1;
	} else {
		minval = -(1L << (o.bits - 1));
		maxval = (1L << (o.bits - 1)) - 1;
	}

	/* CBCT: the field of view and the metal */
	maxsp = fmax(g.sp[0], fmax(g.sp[1], g.sp[2]));
	fovmin = fmin(g.n[0] * g.sp[0], fmin(g.n[1] * g.sp[1], g.n[2] * g.sp[2]));
	cyl_r = 0.45 * fovmin;
	cyl_h = 0.45 * fovmin;
	{
		double c[2], t[2];

		tooth_frame(&maxilla, METAL_TOOTH, c, t);
		metal[0] = c[0] * scale;
		metal[1] = c[1] * scale;
		metal[2] = 0.5 * (maxilla.tz0 + maxilla.tz1) * scale;
	}
	streak_z = metal[2];
	streak_hb = fmax(1.5, 0.5 * maxsp);
	sdir[0] = cos(STREAK_ANGLE * PI / 180);
	sdir[1] = sin(STREAK_ANGLE * PI / 180);

	labels = xmalloc((size_t)g.n[0] * g.n[1] * g.n[2]);
	pix = xmalloc((size_t)g.n[0] * g.n[1] * sizeof(*pix));

	for (int k = 0; k < g.n[2]; k++) {
		struct dataset meta = { NULL, 0, 0 }, ds = { NULL, 0, 0 };
		struct buf mb = { NULL, 0, 0 };
		uint64_t noise = o.seed ^ hash_str(modality_name(o.modality), (uint64_t)k);
		unsigned char *slab = labels + (size_t)k * g.n[0] * g.n[1];
		unsigned char *px8;
		double ipp[3], v[2];
		char s[1100];	/* the key and "/sop/N" */

		for (int j = 0; j < g.n[1]; j++) {
			for (int i = 0; i < g.n[0]; i++) {
				double p[3], q[3], val, r2;
				int fat, lab;
				long sv;

				voxel_pos(&g, i, j, k, p);
				for (int a = 0; a < 3; a++)
					q[a] = p[a] / scale;
				lab = classify(q, &fat);
				slab[(size_t)j * g.n[0] + i] = (unsigned char)lab;
				switch (o.modality) {
				case M_CT:
					val = fat ? FAT_HU : label_hu[lab];
					if (o.is_unsigned)
						val += 1024;
					break;
				case M_MR:
					val = fat ? FAT_MR : label_mr[lab];
					val += MR_NOISE * gauss(&noise);
					break;
				default:
					r2 = (p[0] - o.centre[0]) * (p[0] - o.centre[0]) +
					    (p[1] - o.centre[1]) * (p[1] - o.centre[1]);
					if (r2 > cyl_r * cyl_r || fabs(p[2] - o.centre[2]) > cyl_h) {
						val = CBCT_PAD;
						break;
					}
					val = CBCT_A * (fat ? FAT_HU : label_hu[lab]) + CBCT_B;
					val -= CBCT_CUPPING * (1 - r2 / (cyl_r * cyl_r));
					val += CBCT_NOISE * gauss(&noise);
					if (fabs(p[2] - streak_z) <= streak_hb) {
						double dx = p[0] - metal[0], dy = p[1] - metal[1];
						double d = fabs(-dx * sdir[1] + dy * sdir[0]);

						if (d <= 1.5)
							val += CBCT_BRIGHT;
						else if (d >= 3 && d <= 6)
							val += CBCT_DARK;
					}
					if (lab == L_TEETH) {
						double dx = p[0] - metal[0], dy = p[1] - metal[1];
						double dz = p[2] - metal[2];

						if (dx * dx + dy * dy + dz * dz <= 2.5 * 2.5 * scale * scale)
							val = CBCT_METAL;
					}
					/* the padding stays the unique minimum */
					val = fmax(val, CBCT_PAD + 1);
					break;
				}
				sv = lround(val);
				if (sv < minval)
					sv = minval;
				if (sv > maxval)
					sv = maxval;
				/* two's complement in BitsStored bits; the bits above are zero */
				pix[(size_t)j * g.n[0] + i] =
				    (uint16_t)((unsigned long)sv & ((1UL << o.bits) - 1));
			}
		}

		voxel_pos(&g, 0, 0, k, ipp);
		snprintf(s, sizeof(s), "%s/sop/%d", key, k);
		make_uid(s, sop_uid);

		/* the file meta group */
		ds_add(&meta, 0x00020001, "OB", "\0\1", 2);
		ds_text(&meta, 0x00020002, "UI", sop_class);
		ds_text(&meta, 0x00020003, "UI", sop_uid);
		ds_text(&meta, 0x00020010, "UI", "1.2.840.10008.1.2.1");
		ds_text(&meta, 0x00020012, "UI", impl_uid);
		ds_text(&meta, 0x00020013, "SH", "GEN_HEAD_1");
		put_elems(&mb, &meta);

		/* SOP Common, Patient, General Study/Series/Equipment/Image */
		ds_text(&ds, 0x00080005, "CS", "ISO_IR 100");
		ds_text(&ds, 0x00080008, "CS",
		    o.modality == M_MR ? "ORIGINAL\\PRIMARY\\OTHER" : "ORIGINAL\\PRIMARY\\AXIAL");
		ds_text(&ds, 0x00080012, "DA", "20200101");
		ds_text(&ds, 0x00080013, "TM", "120000");
		ds_text(&ds, 0x00080016, "UI", sop_class);
		ds_text(&ds, 0x00080018, "UI", sop_uid);
		ds_text(&ds, 0x00080020, "DA", "20200101");
		ds_text(&ds, 0x00080021, "DA", "20200101");
		ds_text(&ds, 0x00080022, "DA", "20200101");
		ds_text(&ds, 0x00080023, "DA", "20200101");
		ds_text(&ds, 0x00080030, "TM", "120000");
		ds_text(&ds, 0x00080031, "TM", "120500");
		ds_text(&ds, 0x00080032, "TM", "120500");
		ds_text(&ds, 0x00080033, "TM", "120500");
		ds_text(&ds, 0x00080050, "SH", "FAKEACC-HEAD");
		ds_text(&ds, 0x00080060, "CS", o.modality == M_MR ? "MR" : "CT");
		ds_text(&ds, 0x00080070, "LO", o.modality == M_CBCT ? "DCMSCRUB CBCT" : "DCMSCRUB TEST DATA");
		ds_text(&ds, 0x00080080, "LO", "FAKE HOSPITAL");
		ds_text(&ds, 0x00080090, "PN", "FAKE^REFERRER");
		ds_text(&ds, 0x00081030, "LO", "FAKE HEAD PHANTOM");
		snprintf(s, sizeof(s), "GEN-HEAD %s %s%s%s", o.modality == M_MR ? "MR" :
		    o.modality == M_CBCT ? "CBCT" : "CT", o.orient, o.oblique != 0 ? " OBLIQUE" : "",
		    o.tilt != 0 ? " TILT" : "");
		ds_text(&ds, 0x0008103e, "LO", s);
		ds_text(&ds, 0x00081090, "LO", "GEN-HEAD");
		ds_text(&ds, 0x00100010, "PN", "XYZZY^PLUGH");
		ds_text(&ds, 0x00100020, "LO", "FAKE-HEAD-001");
		ds_text(&ds, 0x00100030, "DA", "19800101");
		ds_text(&ds, 0x00100040, "CS", "O");
		ds_text(&ds, 0x00180015, "CS", "HEAD");
		/* Image Plane, CT and MR Image */
		if (o.modality == M_MR) {
			ds_text(&ds, 0x00180020, "CS", "SE");
			ds_text(&ds, 0x00180021, "CS", "NONE");
			ds_text(&ds, 0x00180022, "CS", "");
			ds_text(&ds, 0x00180023, "CS", "3D");
		}
		v[0] = g.sp[2];
		ds_dsv(&ds, 0x00180050, v, 1);
		if (o.modality != M_MR) {
			v[0] = o.modality == M_CBCT ? 90 : 120;
			ds_dsv(&ds, 0x00180060, v, 1);
		} else {
			v[0] = 500;
			ds_dsv(&ds, 0x00180080, v, 1);
			v[0] = 15;
			ds_dsv(&ds, 0x00180081, v, 1);
			v[0] = 1;
			ds_dsv(&ds, 0x00180083, v, 1);
			v[0] = 63.87;
			ds_dsv(&ds, 0x00180084, v, 1);
			ds_text(&ds, 0x00180085, "SH", "1H");
			ds_is(&ds, 0x00180086, 1);
			v[0] = 1.5;
			ds_dsv(&ds, 0x00180087, v, 1);
		}
		if (o.tilt == 0) {
			v[0] = g.sp[2];
			ds_dsv(&ds, 0x00180088, v, 1);
		}
		if (o.modality == M_MR) {
			ds_is(&ds, 0x00180091, 1);
			v[0] = 90;
			ds_dsv(&ds, 0x00181314, v, 1);
		}
		ds_text(&ds, 0x00181020, "LO", "gen-head 1");
		if (o.modality != M_MR) {
			v[0] = o.tilt;
			ds_dsv(&ds, 0x00181120, v, 1);
		}
		ds_text(&ds, 0x00185100, "CS", "HFS");
		ds_text(&ds, 0x0020000d, "UI", study_uid);
		ds_text(&ds, 0x0020000e, "UI", series_uid);
		ds_text(&ds, 0x00200010, "SH", "FAKESTUDY1");
		ds_is(&ds, 0x00200011, o.series);
		ds_is(&ds, 0x00200012, 1);
		ds_is(&ds, 0x00200013, k + 1);
		ds_dsv(&ds, 0x00200032, ipp, 3);
		ds_dsv(&ds, 0x00200037, iop, 6);
		ds_text(&ds, 0x00200052, "UI", for_uid);
		ds_text(&ds, 0x00201040, "LO", "");
		v[0] = ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2];
		ds_dsv(&ds, 0x00201041, v, 1);
		/* Image Pixel */
		ds_us(&ds, 0x00280002, 1);
		ds_text(&ds, 0x00280004, "CS", "MONOCHROME2");
		ds_us(&ds, 0x00280010, (unsigned)g.n[1]);
		ds_us(&ds, 0x00280011, (unsigned)g.n[0]);
		v[0] = g.sp[1];		/* between rows, then between columns */
		v[1] = g.sp[0];
		ds_dsv(&ds, 0x00280030, v, 2);
		ds_us(&ds, 0x00280100, 16);
		ds_us(&ds, 0x00280101, (unsigned)o.bits);
		ds_us(&ds, 0x00280102, (unsigned)o.bits - 1);
		ds_us(&ds, 0x00280103, o.modality == M_MR || o.is_unsigned ? 0 : 1);
		/* VOI LUT, in rescaled units */
		if (o.modality == M_MR) {
			v[0] = 400;
			v[1] = 1000;
		} else if (o.modality == M_CBCT) {
			v[0] = CBCT_A * 40 + CBCT_B;
			v[1] = 1600;
		} else {
			v[0] = 40;
			v[1] = 400;
		}
		ds_dsv(&ds, 0x00281050, v, 1);
		ds_dsv(&ds, 0x00281051, v + 1, 1);
		if (o.modality != M_MR) {
			v[0] = o.is_unsigned ? -1024 : 0;
			ds_dsv(&ds, 0x00281052, v, 1);
			v[0] = 1;
			ds_dsv(&ds, 0x00281053, v, 1);
			/* dciodvfy: an ORIGINAL CT image that says a RescaleType says HU */
			if (o.modality == M_CT)
				ds_text(&ds, 0x00281054, "LO", "HU");
		}
		px8 = xmalloc((size_t)g.n[0] * g.n[1] * 2);
		for (size_t n = 0; n < (size_t)g.n[0] * g.n[1]; n++) {
			px8[2 * n] = (unsigned char)(pix[n] & 0xff);
			px8[2 * n + 1] = (unsigned char)(pix[n] >> 8);
		}
		ds_add(&ds, 0x7fe00010, "OW", px8, (size_t)g.n[0] * g.n[1] * 2);
		free(px8);

		/* preamble, DICM, group length, meta, dataset */
		file.len = 0;
		{
			unsigned char pre[128];

			memset(pre, 0, sizeof(pre));
			buf_put(&file, pre, sizeof(pre));
		}
		buf_put(&file, "DICM", 4);
		buf_put(&file, "\2\0\0\0UL\4\0", 8);
		buf_u32(&file, (uint32_t)mb.len);
		buf_put(&file, mb.p, mb.len);
		put_elems(&file, &ds);
		snprintf(name, sizeof(name), "IM%04d.dcm", k + 1);
		write_file(o.outdir, name, file.p, file.len);
		free(mb.p);
		ds_free(&meta);
		ds_free(&ds);
	}
	free(file.p);
	free(pix);
	write_labels(&o, &g, labels);
	free(labels);
	return 0;
}
