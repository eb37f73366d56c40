/*
 * t-qcpng: unit tests of lib/qcpng.c (the defacer's quality-control
 * picture), printing TAP.  The head is analytic, in LPS mm: a ball of
 * radius 40 at the origin, a nose (a ball of 9 at y = -40) and a left ear
 * (a ball of 7 at x = +40, z = +12, above the middle so that a flip of
 * either image axis shows).  It is sampled on the same voxel centres in
 * several voxel orders, and on an oblique grid.  Pictures are written to
 * files in the current directory and decoded back with libpng.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "qcpng.h"
#include "util.h"
#include "volume.h"
#include "tap.h"

#define R_HEAD	40.0
#define R_NOSE	9.0
#define R_EAR	7.0
#define SURFACE	500.0
/*
 * How far from the nose's axis a change can show: its changed voxels reach
 * R_NOSE + 0.5, the shading's gradient 2 voxels (of up to 1.25 mm) beyond,
 * and a pixel centre is within 0.71 pixel of what it shows.
 */
#define NOSE_REACH	(R_NOSE + 4)

/* the extent of the axis-aligned grids, LPS mm (voxel faces): whole voxels */
static const double box_lo[3] = { -56, -56.25, -56 }, box_hi[3] = { 56, 56.25, 56 };
static const double spacing[3] = { 1.0, 1.25, 0.8 };	/* along x, y, z */

struct picture {
	unsigned char *file;	/* the PNG's bytes */
	size_t len;
	unsigned char *rgb;	/* decoded */
	size_t w, h;
	int bit_depth, colour_type, chunks_ok;
};

/* the documented layout */
struct layout {
	double s, lo[3], hi[3];
	size_t wf, ws, h, width, height, y0, x[5], pw[5];
};

static double head_value(const double p[3]);
static int is_nose(const double p[3]);
static void make_volume(struct volume *v, unsigned char **changed, const int axis[3],
    const int sign[3], enum vol_type type, const double *sp);
static void make_oblique(struct volume *v, unsigned char **changed);
static void bbox(const struct volume *v, double lo[3], double hi[3]);
static void layout_of(const struct volume *v, struct layout *L);
static int render(const char *path, const struct volume *v, const unsigned char *changed,
    const char *caption, struct picture *pic, char **err);
static int decode(struct picture *pic);
static const unsigned char *pixel(const struct picture *pic, size_t x, size_t y);
static size_t panel_diff(const struct picture *a, int pa, const struct picture *b, int pb,
    const struct layout *L, int tol, double cx, double cz, double radius, size_t *outside);
static size_t red_pixels(const struct picture *pic, const struct layout *L, double cy,
    double cz, double radius, size_t *outside);
static int extent(const struct picture *pic, const struct layout *L, int panel, double z,
    long *first, long *last);
static int orientation(const struct picture *pic, const struct layout *L, const char *what);
static void free_picture(struct picture *pic);
static void same_picture(const struct picture *a, const struct picture *b, const char *what);

static double
clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double
dist(const double p[3], double x, double y, double z)
{
	return sqrt((p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y) + (p[2] - z) * (p[2] - z));
}

/* 1000 inside, 0 outside, a ramp of 1 mm across each surface (partial volume) */
static double
head_value(const double p[3])
{
	double a, b, c, m;

	a = R_HEAD + 0.5 - dist(p, 0, 0, 0);
	b = R_NOSE + 0.5 - dist(p, 0, -R_HEAD, 0);
	c = R_EAR + 0.5 - dist(p, R_HEAD, 0, 12);
	m = a > b ? a : b;
	m = m > c ? m : c;
	return floor(1000 * clamp01(m) + 0.5);
}

/* what the defacer would take: the nose outside the ball */
static int
is_nose(const double p[3])
{
	return dist(p, 0, -R_HEAD, 0) < R_NOSE + 0.5 && dist(p, 0, 0, 0) > R_HEAD;
}

static void
store(struct volume *v, size_t idx, double val)
{
	switch (v->type) {
	case VOL_INT16: ((int16_t *)v->data)[idx] = (int16_t)val; break;
	case VOL_UINT16: ((uint16_t *)v->data)[idx] = (uint16_t)val; break;
	case VOL_FLOAT32: ((float *)v->data)[idx] = (float)val; break;
	default: abort();
	}
}

/*
 * The axis-aligned grid with voxel axis d along LPS axis axis[d], in the
 * direction sign[d]: the same voxel centres whatever the order.  sp: the
 * spacing along x, y and z, or NULL for spacing[].
 */
static void
make_volume(struct volume *v, unsigned char **changed, const int axis[3], const int sign[3],
    enum vol_type type, const double *sp)
{
	size_t i, j, k, idx, n[3];
	double p[3];
	int d, c;

	if (sp == NULL)
		sp = spacing;
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->samples = 1;
	v->bytes_per_voxel = type == VOL_FLOAT32 ? 4 : 2;
	v->slope = 1;
	v->dim[3] = 1;
	for (d = 0; d < 3; d++) {
		c = axis[d];
		n[d] = (size_t)floor((box_hi[c] - box_lo[c]) / sp[c] + 0.5);
		v->dim[d] = n[d];
		v->lps[c][d] = sign[d] * sp[c];
		v->lps[c][3] = sign[d] > 0 ? box_lo[c] + sp[c] / 2 : box_hi[c] - sp[c] / 2;
	}
	v->lps[3][3] = 1;
	v->data = ecalloc(n[0] * n[1] * n[2], v->bytes_per_voxel);
	*changed = ecalloc(n[0] * n[1] * n[2], 1);
	for (k = 0; k < n[2]; k++)
		for (j = 0; j < n[1]; j++)
			for (i = 0; i < n[0]; i++) {
				idx = i + n[0] * (j + n[1] * k);
				for (c = 0; c < 3; c++)
					p[c] = v->lps[c][3] + v->lps[c][0] * (double)i +
					    v->lps[c][1] * (double)j + v->lps[c][2] * (double)k;
				store(v, idx, head_value(p));
				(*changed)[idx] = (unsigned char)is_nose(p);
			}
}

/* 1.1 mm voxels on axes turned 25 degrees about z and then 15 about x */
static void
make_oblique(struct volume *v, unsigned char **changed)
{
	double a = 25 * M_PI / 180, b = 15 * M_PI / 180, rz[3][3], rx[3][3], rot[3][3], p[3];
	size_t i, j, k, idx, n = 110;
	int r, c, e;

	memset(rz, 0, sizeof(rz));
	memset(rx, 0, sizeof(rx));
	rz[0][0] = cos(a); rz[0][1] = -sin(a); rz[1][0] = sin(a); rz[1][1] = cos(a); rz[2][2] = 1;
	rx[0][0] = 1; rx[1][1] = cos(b); rx[1][2] = -sin(b); rx[2][1] = sin(b); rx[2][2] = cos(b);
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++) {
			rot[r][c] = 0;
			for (e = 0; e < 3; e++)
				rot[r][c] += rx[r][e] * rz[e][c];
		}
	memset(v, 0, sizeof(*v));
	v->type = VOL_INT16;
	v->samples = 1;
	v->bytes_per_voxel = 2;
	v->slope = 1;
	v->dim[0] = v->dim[1] = v->dim[2] = n;
	v->dim[3] = 1;
	for (r = 0; r < 3; r++) {
		for (c = 0; c < 3; c++)
			v->lps[r][c] = 1.1 * rot[r][c];
		/* centred at the origin */
		v->lps[r][3] = -(v->lps[r][0] + v->lps[r][1] + v->lps[r][2]) * (double)(n - 1) / 2;
	}
	v->lps[3][3] = 1;
	v->data = ecalloc(n * n * n, 2);
	*changed = ecalloc(n * n * n, 1);
	for (k = 0; k < n; k++)
		for (j = 0; j < n; j++)
			for (i = 0; i < n; i++) {
				idx = i + n * (j + n * k);
				for (r = 0; r < 3; r++)
					p[r] = v->lps[r][3] + v->lps[r][0] * (double)i +
					    v->lps[r][1] * (double)j + v->lps[r][2] * (double)k;
				((int16_t *)v->data)[idx] = (int16_t)head_value(p);
				(*changed)[idx] = (unsigned char)is_nose(p);
			}
}

static void
bbox(const struct volume *v, double lo[3], double hi[3])
{
	int ci, r, c;
	double q[3], p;

	for (r = 0; r < 3; r++) {
		lo[r] = HUGE_VAL;
		hi[r] = -HUGE_VAL;
	}
	for (ci = 0; ci < 8; ci++) {
		for (c = 0; c < 3; c++)
			q[c] = (ci >> c & 1) ? (double)v->dim[c] - 0.5 : -0.5;
		for (r = 0; r < 3; r++) {
			p = v->lps[r][3] + v->lps[r][0] * q[0] + v->lps[r][1] * q[1] +
			    v->lps[r][2] * q[2];
			lo[r] = p < lo[r] ? p : lo[r];
			hi[r] = p > hi[r] ? p : hi[r];
		}
	}
}

/* The picture's layout as qcpng.h documents it. */
static void
layout_of(const struct volume *v, struct layout *L)
{
	double e[3], emax = 0;
	size_t n[3];
	int r;

	bbox(v, L->lo, L->hi);
	for (r = 0; r < 3; r++) {
		e[r] = L->hi[r] - L->lo[r];
		emax = e[r] > emax ? e[r] : emax;
	}
	L->s = emax / 256 > 1 ? emax / 256 : 1;
	for (r = 0; r < 3; r++) {
		n[r] = (size_t)ceil(e[r] / L->s - 1e-6);
		if (n[r] < 1)
			n[r] = 1;
	}
	L->wf = n[0];
	L->ws = n[1];
	L->h = n[2];
	L->width = 6 * QC_GAP + 2 * L->wf + 3 * L->ws;
	L->height = 2 * QC_GAP + 2 * QC_LINE + L->h;
	L->y0 = QC_GAP + 2 * QC_LINE;
	L->x[0] = QC_GAP;
	L->x[1] = 2 * QC_GAP + L->wf;
	L->x[2] = 3 * QC_GAP + 2 * L->wf;
	L->x[3] = 4 * QC_GAP + 2 * L->wf + L->ws;
	L->x[4] = 5 * QC_GAP + 2 * L->wf + 2 * L->ws;
	L->pw[0] = L->pw[1] = L->wf;
	L->pw[2] = L->pw[3] = L->pw[4] = L->ws;
}

static int
read_file(const char *path, unsigned char **p, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	*p = emalloc((size_t)n + 1);
	*len = fread(*p, 1, (size_t)n, f);
	fclose(f);
	return *len == (size_t)n ? 0 : -1;
}

static int
render(const char *path, const struct volume *v, const unsigned char *changed,
    const char *caption, struct picture *pic, char **err)
{
	int fd, rc;

	memset(pic, 0, sizeof(*pic));
	*err = NULL;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1) {
		*err = esprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	rc = qc_png(fd, v, changed, 0, SURFACE, caption, err);
	if (close(fd) == -1 && rc == 0) {
		*err = esprintf("close: %s", strerror(errno));
		return -1;
	}
	if (rc != 0)
		return -1;
	if (read_file(path, &pic->file, &pic->len) == -1) {
		*err = esprintf("%s: cannot read back", path);
		return -1;
	}
	if (decode(pic) == -1) {
		*err = esprintf("%s: not a PNG libpng decodes", path);
		return -1;
	}
	return 0;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The header by hand (depth, colour type, the chunks), the pixels by libpng. */
static int
decode(struct picture *pic)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	png_image img;
	size_t off;
	int seen_idat = 0, seen_iend = 0;

	if (pic->len < 33 || memcmp(pic->file, sig, 8) != 0 ||
	    memcmp(pic->file + 12, "IHDR", 4) != 0)
		return -1;
	pic->bit_depth = pic->file[24];
	pic->colour_type = pic->file[25];
	/* IHDR, IDAT..., IEND and nothing else: no tIME, no text */
	pic->chunks_ok = 1;
	for (off = 8; off + 12 <= pic->len; ) {
		uint32_t n = be32(pic->file + off);
		const unsigned char *type = pic->file + off + 4;

		if (memcmp(type, "IDAT", 4) == 0)
			seen_idat = 1;
		else if (memcmp(type, "IEND", 4) == 0)
			seen_iend = 1;
		else if (memcmp(type, "IHDR", 4) != 0 || off != 8)
			pic->chunks_ok = 0;
		off += 12 + (size_t)n;
	}
	if (off != pic->len || !seen_idat || !seen_iend)
		pic->chunks_ok = 0;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, pic->file, pic->len))
		return -1;
	img.format = PNG_FORMAT_RGB;
	pic->w = img.width;
	pic->h = img.height;
	pic->rgb = emalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, pic->rgb, 0, NULL)) {
		png_image_free(&img);
		return -1;
	}
	return 0;
}

static const unsigned char *
pixel(const struct picture *pic, size_t x, size_t y)
{
	return pic->rgb + (y * pic->w + x) * 3;
}

/* the LPS centre of a pixel of a panel: front (x, z), left and sagittal (y, z) */
static void
pixel_mm(const struct layout *L, int panel, size_t col, size_t row, double *u, double *z)
{
	*u = (panel < 2 ? L->lo[0] : L->lo[1]) + ((double)col + 0.5) * L->s;
	*z = L->hi[2] - ((double)row + 0.5) * L->s;
}

/*
 * Pixels of panel pa of a and pb of b that differ by more than tol in a
 * channel; *outside: those of them farther than radius mm from (cx, cz)
 * (negative radius: count none outside).
 */
static size_t
panel_diff(const struct picture *a, int pa, const struct picture *b, int pb,
    const struct layout *L, int tol, double cx, double cz, double radius, size_t *outside)
{
	size_t row, col, n = 0;
	const unsigned char *p, *q;
	double u, z;
	int c;

	*outside = 0;
	for (row = 0; row < L->h; row++)
		for (col = 0; col < L->pw[pa]; col++) {
			p = pixel(a, L->x[pa] + col, L->y0 + row);
			q = pixel(b, L->x[pb] + col, L->y0 + row);
			for (c = 0; c < 3; c++)
				if (abs((int)p[c] - (int)q[c]) > tol)
					break;
			if (c == 3)
				continue;
			n++;
			pixel_mm(L, pa, col, row, &u, &z);
			if (radius >= 0 && hypot(u - cx, z - cz) > radius)
				(*outside)++;
		}
	return n;
}

static size_t
red_pixels(const struct picture *pic, const struct layout *L, double cy, double cz,
    double radius, size_t *outside)
{
	size_t row, col, n = 0;
	const unsigned char *p;
	double u, z;

	*outside = 0;
	for (row = 0; row < L->h; row++)
		for (col = 0; col < L->pw[4]; col++) {
			p = pixel(pic, L->x[4] + col, L->y0 + row);
			if (p[0] == p[1] && p[1] == p[2])
				continue;
			n++;
			pixel_mm(L, 4, col, row, &u, &z);
			if (!(p[0] >= p[1] + 40 && p[1] == p[2]) || hypot(u - cy, z - cz) > radius)
				(*outside)++;
		}
	return n;
}

/* The first and last lit columns of a panel's row at height z (mm). */
static int
extent(const struct picture *pic, const struct layout *L, int panel, double z,
    long *first, long *last)
{
	size_t row, col;
	double r = (L->hi[2] - z) / L->s - 0.5;

	if (r < 0 || r >= (double)L->h)
		return -1;
	row = (size_t)floor(r + 0.5);
	*first = *last = -1;
	for (col = 0; col < L->pw[panel]; col++)
		if (pixel(pic, L->x[panel] + col, L->y0 + row)[0] != 0) {
			if (*first < 0)
				*first = (long)col;
			*last = (long)col;
		}
	return *first < 0 ? -1 : 0;
}

/*
 * Front: the ear (patient left, superior) on the image right, upper half.
 * Left: the nose on the image left.
 */
static int
orientation(const struct picture *pic, const struct layout *L, const char *what)
{
	long f_up, l_up, f_down, l_down, f_mid, l_mid;
	double c0 = (0 - L->lo[0]) / L->s - 0.5, c1 = (0 - L->lo[1]) / L->s - 0.5, ear;
	int good = 1;

	ear = 5 / L->s;
	if (extent(pic, L, 0, 12, &f_up, &l_up) == -1 ||
	    extent(pic, L, 0, -12, &f_down, &l_down) == -1)
		good = 0;
	else {
		/* above: the ear widens the right side; below: symmetric */
		if (!((double)l_up - c0 > (c0 - (double)f_up) + ear))
			good = 0;
		if (fabs(((double)l_down - c0) - (c0 - (double)f_down)) > 2)
			good = 0;
	}
	ok(good, "%s: front view: patient left on the image right, superior up", what);
	good = 1;
	if (extent(pic, L, 2, 0, &f_mid, &l_mid) == -1)
		good = 0;
	else if (!(c1 - (double)f_mid > ((double)l_mid - c1) + 5 / L->s))
		good = 0;
	ok(good, "%s: left view: anterior (the nose) on the image left", what);
	return 0;
}

/* Pixels that differ by more than 2 levels: at most 1 in 1000. */
static void
same_picture(const struct picture *a, const struct picture *b, const char *what)
{
	size_t x, total, d1 = 0, d2 = 0;
	int c, m, dc;

	if (b == NULL || a->w != b->w || a->h != b->h) {
		ok(0, "%s: the same picture (not the same size)", what);
		return;
	}
	total = a->w * a->h;
	for (x = 0; x < total * 3; x += 3) {
		for (m = 0, c = 0; c < 3; c++) {
			dc = abs((int)a->rgb[x + c] - (int)b->rgb[x + c]);
			m = dc > m ? dc : m;
		}
		d1 += m > 2;
		d2 += m > 0;
	}
	ok(d1 <= total / 1000, "%s: the same picture within 2 levels but for %zu of %zu pixels "
	    "(%zu differ at all)", what, d1, total, d2);
}

static void
free_picture(struct picture *pic)
{
	free(pic->file);
	free(pic->rgb);
	memset(pic, 0, sizeof(*pic));
}

static void
free_volume(struct volume *v)
{
	free(v->data);
	v->data = NULL;
}

int
main(void)
{
	static const int ax_a[3] = { 1, 0, 2 }, sg_a[3] = { 1, -1, 1 };	/* i = +y, j = -x, k = +z */
	static const int ax_b[3] = { 2, 0, 1 }, sg_b[3] = { 1, 1, -1 };	/* i = +z, j = +x, k = -y */
	struct volume va, vb, vf, vu, vo, vc;
	unsigned char *cha, *chb, *chf, *chu, *cho, *none;
	struct picture p0, p1, p1b, pb, pf, pu, po, pcap;
	struct layout L, Lo;
	size_t n, outside, nvox, y, x;
	char *err = NULL;
	int rc, fd, nonblack;
	double nose_px;

	setprogname("t-qcpng");
	signal(SIGPIPE, SIG_IGN);

	make_volume(&va, &cha, ax_a, sg_a, VOL_INT16, NULL);
	nvox = va.dim[0] * va.dim[1] * va.dim[2];
	none = ecalloc(nvox, 1);
	layout_of(&va, &L);

	/* 1. nothing changed */
	rc = render("none.png", &va, none, "t-qcpng: nothing changed", &p0, &err);
	ok(rc == 0, "renders a volume with nothing changed%s%s", err ? ": " : "", err ? err : "");
	free(err);
	ok(rc == 0 && p0.w == L.width && p0.h == L.height,
	    "size as documented: %zux%zu (expected %zux%zu)", p0.w, p0.h, L.width, L.height);
	ok(rc == 0 && p0.bit_depth == 8 && p0.colour_type == PNG_COLOR_TYPE_RGB,
	    "8-bit RGB (depth %d, colour type %d)", p0.bit_depth, p0.colour_type);
	ok(rc == 0 && p0.chunks_ok, "chunks IHDR, IDAT, IEND only (no tIME, no text)");
	n = rc == 0 ? panel_diff(&p0, 0, &p0, 1, &L, 0, 0, 0, -1, &outside) : 1;
	ok(n == 0, "nothing changed: front after = front before (%zu pixels differ)", n);
	n = rc == 0 ? panel_diff(&p0, 2, &p0, 3, &L, 0, 0, 0, -1, &outside) : 1;
	ok(n == 0, "nothing changed: left after = left before (%zu pixels differ)", n);
	n = rc == 0 ? red_pixels(&p0, &L, 0, 0, 0, &outside) : 1;
	ok(n == 0, "nothing changed: no red in the sagittal slice (%zu)", n);
	if (rc == 0)
		orientation(&p0, &L, "permuted grid");

	/* the same with NULL for changed */
	rc = render("null.png", &va, NULL, "t-qcpng: nothing changed", &pcap, &err);
	ok(rc == 0 && pcap.len == p0.len && memcmp(pcap.file, p0.file, p0.len) == 0,
	    "changed NULL = changed all zero, byte for byte");
	free(err);
	free_picture(&pcap);

	/* 2. the nose changed */
	rc = render("nose.png", &va, cha, "t-qcpng: the nose changed", &p1, &err);
	ok(rc == 0, "renders with the nose changed%s%s", err ? ": " : "", err ? err : "");
	free(err);
	nose_px = M_PI * (R_NOSE - 2) * (R_NOSE - 2) / (L.s * L.s);
	n = rc == 0 ? panel_diff(&p1, 0, &p1, 1, &L, 0, 0, 0, NOSE_REACH, &outside) : 0;
	ok(rc == 0 && (double)n > 0.5 * nose_px && outside == 0,
	    "front: after differs from before only over the nose (%zu pixels, %zu elsewhere)",
	    n, outside);
	n = rc == 0 ? panel_diff(&p1, 2, &p1, 3, &L, 0, -R_HEAD, 0, NOSE_REACH, &outside) : 0;
	ok(rc == 0 && n > 10 && outside == 0,
	    "left: after differs from before only over the nose (%zu pixels, %zu elsewhere)",
	    n, outside);
	n = rc == 0 ? panel_diff(&p0, 0, &p1, 0, &L, 0, 0, 0, -1, &outside) : 1;
	ok(n == 0, "front before does not depend on changed (%zu pixels differ)", n);
	n = rc == 0 ? red_pixels(&p1, &L, -R_HEAD, 0, R_NOSE + 2, &outside) : 0;
	ok(rc == 0 && n > 10 && outside == 0,
	    "the sagittal slice is red over the nose only (%zu red, %zu elsewhere)", n, outside);
	{
		long f0, l0, f1, l1;

		ok(rc == 0 && extent(&p1, &L, 2, 0, &f0, &l0) == 0 &&
		    extent(&p1, &L, 3, 0, &f1, &l1) == 0 &&
		    (double)(f1 - f0) > (R_NOSE - 2) / L.s && l0 == l1,
		    "left after: the face drawn back by the nose's depth");
	}

	/* 3. determinism */
	rc = render("nose2.png", &va, cha, "t-qcpng: the nose changed", &p1b, &err);
	ok(rc == 0 && p1b.len == p1.len && memcmp(p1b.file, p1.file, p1.len) == 0,
	    "the same input gives the same bytes (%zu)", p1.len);
	free(err);
	free_picture(&p1b);

	/* 4. the same head in another voxel order */
	make_volume(&vb, &chb, ax_b, sg_b, VOL_INT16, NULL);
	rc = render("permuted.png", &vb, chb, "t-qcpng: the nose changed", &pb, &err);
	ok(rc == 0 && pb.w == p1.w && pb.h == p1.h, "another voxel order: the same size%s%s",
	    err ? ": " : "", err ? err : "");
	free(err);
	same_picture(&p1, rc == 0 ? &pb : NULL, "another voxel order");
	if (rc == 0)
		orientation(&pb, &L, "another voxel order");

	/* 0.5 mm voxels: pixel centres half-way between voxels, where a flip could show */
	{
		static const double half[3] = { 0.5, 0.5, 1.0 };
		static const int ax_h[3] = { 0, 1, 2 }, sg_h[3] = { 1, 1, 1 };
		static const int ax_r[3] = { 1, 2, 0 }, sg_r[3] = { -1, -1, -1 };
		struct volume vh, vr;
		unsigned char *chh, *chr;
		struct picture ph, pr;

		make_volume(&vh, &chh, ax_h, sg_h, VOL_INT16, half);
		make_volume(&vr, &chr, ax_r, sg_r, VOL_INT16, half);
		rc = render("half.png", &vh, chh, "half", &ph, &err);
		free(err);
		if (rc == 0)
			rc = render("half-flipped.png", &vr, chr, "half", &pr, &err);
		free(err);
		same_picture(&ph, rc == 0 ? &pr : NULL, "0.5 mm voxels, every axis flipped");
		free_picture(&ph);
		free_picture(&pr);
		free_volume(&vh);
		free_volume(&vr);
		free(chh);
		free(chr);
	}

	/* 5. other stored types: the same renders */
	{
		static const int ax[3] = { 1, 0, 2 };

		make_volume(&vu, &chu, ax, sg_a, VOL_UINT16, NULL);
		make_volume(&vf, &chf, ax, sg_a, VOL_FLOAT32, NULL);
	}
	rc = render("uint16.png", &vu, chu, "t-qcpng: the nose changed", &pu, &err);
	ok(rc == 0 && pu.len == p1.len && memcmp(pu.file, p1.file, p1.len) == 0,
	    "uint16: the same bytes as int16");
	free(err);
	rc = render("float.png", &vf, chf, "t-qcpng: the nose changed", &pf, &err);
	if (rc == 0 && pf.w == p1.w && pf.h == p1.h) {
		size_t d4;

		for (n = 0, x = 0; x < 4; x++)
			n += panel_diff(&p1, (int)x, &pf, (int)x, &L, 0, 0, 0, -1, &outside);
		d4 = panel_diff(&p1, 4, &pf, 4, &L, 1, 0, 0, -1, &outside);
		ok(n == 0 && d4 == 0, "float32: the same renders (%zu differ), the same slice "
		    "within a level (%zu differ)", n, d4);
	} else
		ok(0, "float32: renders%s%s", err ? ": " : "", err ? err : "");
	free(err);

	/* 6. an oblique grid */
	make_oblique(&vo, &cho);
	layout_of(&vo, &Lo);
	rc = render("oblique.png", &vo, cho, "t-qcpng: oblique", &po, &err);
	ok(rc == 0 && po.w == Lo.width && po.h == Lo.height,
	    "oblique: size as documented: %zux%zu (expected %zux%zu)%s%s", po.w, po.h, Lo.width,
	    Lo.height, err ? ": " : "", err ? err : "");
	free(err);
	if (rc == 0) {
		orientation(&po, &Lo, "oblique grid");
		n = panel_diff(&po, 0, &po, 1, &Lo, 0, 0, 0, NOSE_REACH, &outside);
		ok(n > 0.5 * nose_px && outside == 0,
		    "oblique: front after differs only over the nose (%zu pixels, %zu elsewhere)",
		    n, outside);
		n = red_pixels(&po, &Lo, -R_HEAD, 0, R_NOSE + 2, &outside);
		ok(n > 10 && outside == 0, "oblique: red over the nose only (%zu, %zu elsewhere)",
		    n, outside);
	}

	/* 7. the caption: drawn, or blank */
	nonblack = 0;
	for (y = 0; y < QC_LINE && rc == 0; y++)
		for (x = 0; x < p1.w; x++)
			nonblack += pixel(&p1, x, QC_GAP + y)[0] != 0;
	ok(nonblack > 50, "the caption is drawn (%d pixels)", nonblack);
	rc = render("nocap.png", &va, cha, NULL, &pcap, &err);
	nonblack = 0;
	for (y = 0; y < QC_LINE && rc == 0; y++)
		for (x = 0; x < pcap.w; x++)
			nonblack += pixel(&pcap, x, QC_GAP + y)[0] != 0;
	ok(rc == 0 && nonblack == 0, "caption NULL: a blank line (%d pixels)", nonblack);
	nonblack = 0;
	for (y = 0; y < QC_LINE && rc == 0; y++)
		for (x = 0; x < pcap.w; x++)
			nonblack += pixel(&pcap, x, QC_GAP + QC_LINE + y)[0] != 0;
	ok(rc == 0 && nonblack > 50, "the panels' names are drawn (%d pixels)", nonblack);
	free(err);
	free_picture(&pcap);
	/* a caption of non-ASCII bytes and far too long: clipped, no crash */
	{
		char longcap[4000];

		memset(longcap, 0xe9, sizeof(longcap) - 1);
		longcap[sizeof(longcap) - 1] = '\0';
		rc = render("longcap.png", &va, cha, longcap, &pcap, &err);
		ok(rc == 0 && pcap.w == L.width, "a caption wider than the picture is clipped");
		free(err);
		free_picture(&pcap);
	}

	/* 8. errors */
	fd = open("/dev/full", O_WRONLY);
	if (fd != -1) {
		err = NULL;
		errno = 0;
		rc = qc_png(fd, &va, cha, 0, SURFACE, "full", &err);
		ok(rc == -1 && err != NULL && strstr(err, "write") != NULL && errno == ENOSPC,
		    "/dev/full: -1, \"%s\", errno ENOSPC", err ? err : "(no message)");
		free(err);
		close(fd);
	} else
		printf("ok %d - /dev/full # SKIP not openable\n", ++tap_ntests);
	{
		int pfd[2];

		if (pipe(pfd) == 0) {
			close(pfd[0]);
			err = NULL;
			rc = qc_png(pfd[1], &va, cha, 0, SURFACE, "pipe", &err);
			ok(rc == -1 && err != NULL && errno == EPIPE,
			    "a pipe with no reader: -1, \"%s\", errno EPIPE", err ? err : "");
			free(err);
			close(pfd[1]);
		}
	}
	vc = va;
	vc.samples = 3;
	err = NULL;
	fd = open("colour.png", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	rc = qc_png(fd, &vc, NULL, 0, SURFACE, NULL, &err);
	ok(rc == -1 && err != NULL && strstr(err, "colour") != NULL,
	    "a colour volume is refused: \"%s\"", err ? err : "");
	free(err);
	vc = va;
	memset(vc.lps, 0, sizeof(vc.lps));
	err = NULL;
	rc = qc_png(fd, &vc, NULL, 0, SURFACE, NULL, &err);
	ok(rc == -1 && err != NULL, "degenerate axes are refused: \"%s\"", err ? err : "");
	free(err);
	close(fd);

	free_picture(&p0);
	free_picture(&p1);
	free_picture(&pb);
	free_picture(&pu);
	free_picture(&pf);
	free_picture(&po);
	free_volume(&va);
	free_volume(&vb);
	free_volume(&vu);
	free_volume(&vf);
	free_volume(&vo);
	free(cha);
	free(chb);
	free(chu);
	free(chf);
	free(cho);
	free(none);
	return tap_done();
}
