/*
 * qcpng.c: the quality-control picture of a defaced head (see qcpng.h).
 *
 * Rays are cast in patient space and mapped to voxels through the inverse
 * of the affine, so the picture depends on the patient geometry only, not
 * on the order of the voxels.  Before and after share a ray: the after
 * hit is the before hit unless that voxel was changed, when the ray goes
 * on.  Depth comes from the hit voxel's centre, not the sample, so that
 * the rounding of a sample half-way between two voxels cannot move it.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "qcpng.h"
#include "util.h"
#include "volume.h"

#define PANEL_MAX	256	/* pixels, the largest side of a panel */
#define MAXTHREADS	8
#define NBINS		65536	/* of the histogram of a 32-bit or float volume */
#define BLOCK_SHIFT	3	/* blocks of 8x8x8 voxels, skipped by rays when empty */
#define BLOCK		((size_t)1 << BLOCK_SHIFT)
#define HIT_MIN		30	/* the darkest grey of a hit; a miss is 0 */
#define FONT_W		6	/* advance of a glyph (5 and a space) */
#define TEXT_GREY	220

/*
 * Pixel centres are moved by about a micrometre, so that a sample never
 * falls exactly half-way between two voxels (0.5 mm voxels and 1 mm pixels
 * would do that at every pixel): the nearest voxel is then the same one in
 * patient space whatever the voxel order, where a tie would be broken by
 * the order of the indices.  Far above the rounding error of the affine.
 */
static const double nudge[3] = { 0.41421356e-3, 0.73205081e-3, 0.23606798e-3 };

enum { FRONT, LEFT, NVIEWS };

struct view {
	double d[3];		/* the rays' direction, LPS */
	double right[3];	/* the image's +column, LPS */
	double down[3];		/* its +row */
	double corner[3];	/* pixel (0, 0)'s outer corner, on the near face of the box */
	double len;		/* the box's extent along d */
	double qd[3];		/* d in voxels per mm */
	double step, inv_step;	/* mm between samples, and its inverse */
	double inv_qd[3];	/* 1 / qd, where qd is not 0 */
	double light[3];	/* towards the light, unit */
	size_t w, x0;		/* panel width; column of its before panel in the picture */
	size_t x1;		/* of its after panel */
};

struct scene {
	const struct volume *v;
	const unsigned char *changed;
	double background, surface;
	size_t dim[3];
	size_t sj, sk;		/* strides of j and k, in voxels */
	double a[3][3];		/* voxel -> LPS, linear part */
	double t[3];		/* voxel -> LPS, translation */
	double m[3][3];		/* LPS -> voxel, linear part (inverse of a) */
	double lo[3], hi[3];	/* the bounding box, LPS mm */
	double s;		/* mm a pixel */
	size_t h;		/* panels' height */
	struct view view[NVIEWS];
	unsigned char *rgb;	/* the picture */
	size_t width, height, y0;	/* y0: the panels' first row */
	unsigned char *front_hit;	/* 1 where panel 1 hit: wf * h */
	unsigned char *occ;	/* 1 for a block of voxels with one above surface */
	size_t nb[3];		/* blocks along i, j and k */
};

/* the work of one thread: rows of panels, or slices of the histogram */
struct job {
	struct scene *sc;
	int nthreads, index;
	/* histogram */
	size_t *bins;
	size_t nbins;
	double vmin, vmax;	/* for 32-bit and float */
	size_t nvalid;
	pthread_t tid;
};

struct sink {
	int fd;
	int werr;		/* errno of a failed write, or 0 */
	char msg[200];		/* libpng's message */
};

static const unsigned char font[95][8] = {
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/*   */
	{ 0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04, 0x00 },	/* ! */
	{ 0x0a, 0x0a, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* " */
	{ 0x0a, 0x0a, 0x1f, 0x0a, 0x1f, 0x0a, 0x0a, 0x00 },	/* # */
	{ 0x04, 0x0f, 0x14, 0x0e, 0x05, 0x1e, 0x04, 0x00 },	/* $ */
	{ 0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03, 0x00 },	/* % */
	{ 0x0c, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0d, 0x00 },	/* & */
	{ 0x04, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* ' */
	{ 0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02, 0x00 },	/* ( */
	{ 0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08, 0x00 },	/* ) */
	{ 0x00, 0x04, 0x15, 0x0e, 0x15, 0x04, 0x00, 0x00 },	/* * */
	{ 0x00, 0x04, 0x04, 0x1f, 0x04, 0x04, 0x00, 0x00 },	/* + */
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x04, 0x08 },	/* , */
	{ 0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00, 0x00 },	/* - */
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c, 0x00 },	/* . */
	{ 0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x00, 0x00 },	/* / */
	{ 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e, 0x00 },	/* 0 */
	{ 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e, 0x00 },	/* 1 */
	{ 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f, 0x00 },	/* 2 */
	{ 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e, 0x00 },	/* 3 */
	{ 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02, 0x00 },	/* 4 */
	{ 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e, 0x00 },	/* 5 */
	{ 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e, 0x00 },	/* 6 */
	{ 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08, 0x00 },	/* 7 */
	{ 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e, 0x00 },	/* 8 */
	{ 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c, 0x00 },	/* 9 */
	{ 0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00, 0x00 },	/* : */
	{ 0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x04, 0x08, 0x00 },	/* ; */
	{ 0x02, 0x04, 0x08, 0x10, 0x08, 0x04, 0x02, 0x00 },	/* < */
	{ 0x00, 0x00, 0x1f, 0x00, 0x1f, 0x00, 0x00, 0x00 },	/* = */
	{ 0x08, 0x04, 0x02, 0x01, 0x02, 0x04, 0x08, 0x00 },	/* > */
	{ 0x0e, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04, 0x00 },	/* ? */
	{ 0x0e, 0x11, 0x01, 0x0d, 0x15, 0x15, 0x0e, 0x00 },	/* @ */
	{ 0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11, 0x00 },	/* A */
	{ 0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e, 0x00 },	/* B */
	{ 0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e, 0x00 },	/* C */
	{ 0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c, 0x00 },	/* D */
	{ 0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f, 0x00 },	/* E */
	{ 0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10, 0x00 },	/* F */
	{ 0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f, 0x00 },	/* G */
	{ 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11, 0x00 },	/* H */
	{ 0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e, 0x00 },	/* I */
	{ 0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c, 0x00 },	/* J */
	{ 0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11, 0x00 },	/* K */
	{ 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f, 0x00 },	/* L */
	{ 0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11, 0x00 },	/* M */
	{ 0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x00 },	/* N */
	{ 0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e, 0x00 },	/* O */
	{ 0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10, 0x00 },	/* P */
	{ 0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d, 0x00 },	/* Q */
	{ 0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11, 0x00 },	/* R */
	{ 0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e, 0x00 },	/* S */
	{ 0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x00 },	/* T */
	{ 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e, 0x00 },	/* U */
	{ 0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04, 0x00 },	/* V */
	{ 0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a, 0x00 },	/* W */
	{ 0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11, 0x00 },	/* X */
	{ 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04, 0x00 },	/* Y */
	{ 0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f, 0x00 },	/* Z */
	{ 0x0e, 0x08, 0x08, 0x08, 0x08, 0x08, 0x0e, 0x00 },	/* [ */
	{ 0x00, 0x10, 0x08, 0x04, 0x02, 0x01, 0x00, 0x00 },	/* backslash */
	{ 0x0e, 0x02, 0x02, 0x02, 0x02, 0x02, 0x0e, 0x00 },	/* ] */
	{ 0x04, 0x0a, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* ^ */
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1f },	/* _ */
	{ 0x08, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* ` */
	{ 0x00, 0x00, 0x0e, 0x01, 0x0f, 0x11, 0x0f, 0x00 },	/* a */
	{ 0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x1e, 0x00 },	/* b */
	{ 0x00, 0x00, 0x0e, 0x10, 0x10, 0x11, 0x0e, 0x00 },	/* c */
	{ 0x01, 0x01, 0x0d, 0x13, 0x11, 0x11, 0x0f, 0x00 },	/* d */
	{ 0x00, 0x00, 0x0e, 0x11, 0x1f, 0x10, 0x0e, 0x00 },	/* e */
	{ 0x06, 0x09, 0x08, 0x1c, 0x08, 0x08, 0x08, 0x00 },	/* f */
	{ 0x00, 0x00, 0x0f, 0x11, 0x11, 0x0f, 0x01, 0x0e },	/* g */
	{ 0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x11, 0x00 },	/* h */
	{ 0x04, 0x00, 0x0c, 0x04, 0x04, 0x04, 0x0e, 0x00 },	/* i */
	{ 0x02, 0x00, 0x06, 0x02, 0x02, 0x02, 0x12, 0x0c },	/* j */
	{ 0x10, 0x10, 0x12, 0x14, 0x18, 0x14, 0x12, 0x00 },	/* k */
	{ 0x0c, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e, 0x00 },	/* l */
	{ 0x00, 0x00, 0x1a, 0x15, 0x15, 0x11, 0x11, 0x00 },	/* m */
	{ 0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11, 0x00 },	/* n */
	{ 0x00, 0x00, 0x0e, 0x11, 0x11, 0x11, 0x0e, 0x00 },	/* o */
	{ 0x00, 0x00, 0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10 },	/* p */
	{ 0x00, 0x00, 0x0f, 0x11, 0x11, 0x0f, 0x01, 0x01 },	/* q */
	{ 0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10, 0x00 },	/* r */
	{ 0x00, 0x00, 0x0f, 0x10, 0x0e, 0x01, 0x1e, 0x00 },	/* s */
	{ 0x08, 0x08, 0x1c, 0x08, 0x08, 0x09, 0x06, 0x00 },	/* t */
	{ 0x00, 0x00, 0x11, 0x11, 0x11, 0x13, 0x0d, 0x00 },	/* u */
	{ 0x00, 0x00, 0x11, 0x11, 0x11, 0x0a, 0x04, 0x00 },	/* v */
	{ 0x00, 0x00, 0x11, 0x11, 0x15, 0x15, 0x0a, 0x00 },	/* w */
	{ 0x00, 0x00, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x00 },	/* x */
	{ 0x00, 0x00, 0x11, 0x11, 0x11, 0x0f, 0x01, 0x0e },	/* y */
	{ 0x00, 0x00, 0x1f, 0x02, 0x04, 0x08, 0x1f, 0x00 },	/* z */
	{ 0x02, 0x04, 0x04, 0x08, 0x04, 0x04, 0x02, 0x00 },	/* { */
	{ 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x00 },	/* | */
	{ 0x08, 0x04, 0x04, 0x02, 0x04, 0x04, 0x08, 0x00 },	/* } */
	{ 0x00, 0x00, 0x08, 0x15, 0x02, 0x00, 0x00, 0x00 },	/* ~ */
};

static int ncpus(void);
static int setup(struct scene *sc, const struct volume *v, char **err);
static void render_row(struct scene *sc, int vi, size_t row);
static void shade(const struct scene *sc, const struct view *vw, const size_t ijk[3],
    unsigned char *gb, unsigned char *ga);
static void *render_thread(void *arg);
static void *minmax_thread(void *arg);
static void *scan_thread(void *arg);
static double bin_value(enum vol_type t, size_t bin, double vmin, double vmax);
static void run_jobs(struct job *jobs, int n, void *(*fn)(void *));
static void scan(struct scene *sc, int nthreads, double *lo, double *hi);
static void sagittal(struct scene *sc, double lo, double hi);
static void text(struct scene *sc, size_t x, size_t y, size_t xmax, const char *s);
static int write_png(int fd, const struct scene *sc, struct sink *k, char **err);
static void png_write_cb(png_structp png, png_bytep p, size_t n);
static void png_flush_cb(png_structp png);
static void png_error_cb(png_structp png, png_const_charp msg);
static void png_warning_cb(png_structp png, png_const_charp msg);

static int
ncpus(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		n = CPU_COUNT(&set);
	else
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n < MAXTHREADS ? (int)n : MAXTHREADS;
}

/* The picture's geometry: box, pixel size, panels, rays. */
static int
setup(struct scene *sc, const struct volume *v, char **err)
{
	static const double up[3] = { 0, 0, 1 };
	double e[3], emax, elev;
	size_t wf, ws, n[3];
	int r, c, ci, vi;

	for (r = 0; r < 3; r++) {
		sc->dim[r] = v->dim[r];
		sc->t[r] = v->lps[r][3];
		for (c = 0; c < 3; c++)
			sc->a[r][c] = v->lps[r][c];
		if (!isfinite(sc->t[r])) {
			*err = esprintf("the volume's position is not finite");
			return -1;
		}
	}
	sc->sj = sc->dim[0];
	sc->sk = sc->dim[0] * sc->dim[1];
	if (vol_invert3(sc->a, sc->m) == -1) {
		*err = esprintf("the volume's axes are degenerate");
		return -1;
	}
	/* the box of the 8 outer corners */
	for (r = 0; r < 3; r++) {
		sc->lo[r] = HUGE_VAL;
		sc->hi[r] = -HUGE_VAL;
	}
	for (ci = 0; ci < 8; ci++) {
		double q[3], p;

		for (c = 0; c < 3; c++)
			q[c] = (ci >> c & 1) != 0 ? (double)sc->dim[c] - 0.5 : -0.5;
		for (r = 0; r < 3; r++) {
			p = sc->t[r] + sc->a[r][0] * q[0] + sc->a[r][1] * q[1] + sc->a[r][2] * q[2];
			if (p < sc->lo[r])
				sc->lo[r] = p;
			if (p > sc->hi[r])
				sc->hi[r] = p;
		}
	}
	emax = 0;
	for (r = 0; r < 3; r++) {
		e[r] = sc->hi[r] - sc->lo[r];
		if (e[r] > emax)
			emax = e[r];
	}
	sc->s = emax / PANEL_MAX > 1 ? emax / PANEL_MAX : 1;
	for (r = 0; r < 3; r++) {
		double px = ceil(e[r] / sc->s - 1e-6);

		n[r] = px < 1 ? 1 : px > PANEL_MAX ? PANEL_MAX : (size_t)px;
	}
	wf = n[0];
	ws = n[1];
	sc->h = n[2];
	sc->width = 6 * QC_GAP + 2 * wf + 3 * ws;
	sc->height = 2 * QC_GAP + 2 * QC_LINE + sc->h;
	sc->y0 = QC_GAP + 2 * QC_LINE;

	memset(sc->view, 0, sizeof(sc->view));
	/* front: rays towards +y (posterior), +x (left) to the image right */
	sc->view[FRONT].d[1] = 1;
	sc->view[FRONT].right[0] = 1;
	sc->view[FRONT].corner[0] = sc->lo[0];
	sc->view[FRONT].corner[1] = sc->lo[1];
	sc->view[FRONT].len = e[1];
	sc->view[FRONT].w = wf;
	sc->view[FRONT].x0 = QC_GAP;
	sc->view[FRONT].x1 = 2 * QC_GAP + wf;
	/* left: rays towards -x (right), +y (posterior) to the image right */
	sc->view[LEFT].d[0] = -1;
	sc->view[LEFT].right[1] = 1;
	sc->view[LEFT].corner[0] = sc->hi[0];
	sc->view[LEFT].corner[1] = sc->lo[1];
	sc->view[LEFT].len = e[0];
	sc->view[LEFT].w = ws;
	sc->view[LEFT].x0 = 3 * QC_GAP + 2 * wf;
	sc->view[LEFT].x1 = 4 * QC_GAP + 2 * wf + ws;
	elev = 20 * M_PI / 180;
	for (vi = 0; vi < NVIEWS; vi++) {
		struct view *vw = &sc->view[vi];
		double qmax = 0;

		vw->down[2] = -1;
		vw->corner[2] = sc->hi[2];
		for (r = 0; r < 3; r++) {
			vw->qd[r] = sc->m[r][0] * vw->d[0] + sc->m[r][1] * vw->d[1] +
			    sc->m[r][2] * vw->d[2];
			if (fabs(vw->qd[r]) > qmax)
				qmax = fabs(vw->qd[r]);
			vw->light[r] = -vw->d[r] * cos(elev) + up[r] * sin(elev);
		}
		/* at most half a voxel along any axis between samples */
		vw->step = 0.5 / qmax;
		vw->inv_step = 1 / vw->step;
		for (r = 0; r < 3; r++)
			vw->inv_qd[r] = fabs(vw->qd[r]) > 1e-12 ? 1 / vw->qd[r] : 0;
	}
	return 0;
}

/*
 * The grey of a hit at voxel ijk: Lambert on the gradient of the stored
 * values, times depth; *gb before, *ga after (the changed voxels read as
 * background), either NULL for none: a hit that is the same voxel before
 * and after reads its neighbourhood once.  The gradient is a central
 * difference smoothed over 5x5x5 voxels (weights -2 -2 0 2 2 along the
 * axis, 1 2 3 2 1 across it): a 3x3x3 one shows the voxels' terraces on a
 * surface without partial volume as rings.
 */
static void
shade(const struct scene *sc, const struct view *vw, const size_t ijk[3], unsigned char *gb,
    unsigned char *ga)
{
	static const double w[5] = { 1, 2, 3, 2, 1 }, dw[5] = { -2, -2, 0, 2, 2 };
	double s0[2][5][5], d0[2][5][5], g[3], n[3], len, lam, depth, val, fv;
	size_t at[3][5], idx;
	unsigned char *out;
	int a, b, c, r, e;

	for (r = 0; r < 3; r++)
		for (a = 0; a < 5; a++) {
			/* the neighbours, clamped at the volume's edges */
			long x = (long)ijk[r] + a - 2;

			at[r][a] = x < 0 ? 0 : (size_t)x >= sc->dim[r] ? sc->dim[r] - 1 : (size_t)x;
		}
	/* along i first (the sums are separable): s0 smooths, d0 differentiates */
	memset(s0, 0, sizeof(s0));
	memset(d0, 0, sizeof(d0));
	for (c = 0; c < 5; c++)
		for (b = 0; b < 5; b++)
			for (a = 0; a < 5; a++) {
				idx = at[0][a] + at[1][b] * sc->sj + at[2][c] * sc->sk;
				fv = vol_sample(sc->v->type, sc->v->data, idx);
				s0[0][c][b] += w[a] * fv;
				d0[0][c][b] += dw[a] * fv;
				if (ga != NULL) {
					if (sc->changed != NULL && sc->changed[idx] != 0)
						fv = sc->background;
					s0[1][c][b] += w[a] * fv;
					d0[1][c][b] += dw[a] * fv;
				}
			}
	depth = 0;
	for (r = 0; r < 3; r++) {
		double pc = sc->t[r] + sc->a[r][0] * (double)ijk[0] +
		    sc->a[r][1] * (double)ijk[1] + sc->a[r][2] * (double)ijk[2];

		depth += (pc - vw->corner[r]) * vw->d[r];
	}
	depth = vw->len > 0 ? depth / vw->len : 0;
	if (!(depth > 0))
		depth = 0;
	if (depth > 1)
		depth = 1;
	for (e = 0; e < 2; e++) {
		out = e == 0 ? gb : ga;
		if (out == NULL)
			continue;
		g[0] = g[1] = g[2] = 0;
		for (c = 0; c < 5; c++)
			for (b = 0; b < 5; b++) {
				g[0] += w[b] * w[c] * d0[e][c][b];
				g[1] += dw[b] * w[c] * s0[e][c][b];
				g[2] += w[b] * dw[c] * s0[e][c][b];
			}
		/* to LPS: a gradient maps through the transpose of the inverse */
		len = 0;
		for (r = 0; r < 3; r++) {
			n[r] = -(sc->m[0][r] * g[0] + sc->m[1][r] * g[1] + sc->m[2][r] * g[2]);
			len += n[r] * n[r];
		}
		len = sqrt(len);
		if (len > 0 && isfinite(len)) {
			lam = (n[0] * vw->light[0] + n[1] * vw->light[1] +
			    n[2] * vw->light[2]) / len;
			if (!(lam > 0))
				lam = 0;
		} else
			lam = 1;
		val = HIT_MIN + (255 - HIT_MIN) * (0.15 + 0.85 * lam) * (1 - 0.55 * depth);
		if (val > 255)
			val = 255;
		*out = (unsigned char)(val + 0.5);
	}
}

/* One row of a view's before and after panels. */
static void
render_row(struct scene *sc, int vi, size_t row)
{
	const struct view *vw = &sc->view[vi];
	size_t col, ijk[3], hb[3], ha[3];
	double p[3], q0[3], tmin, tmax, ta, tb, a;
	long long n, n0, n1, m;
	int r, hitb, hita;

	for (col = 0; col < vw->w; col++) {
		unsigned char gb = 0, ga = 0, *px;

		for (r = 0; r < 3; r++)
			p[r] = vw->corner[r] + ((double)col + 0.5) * sc->s * vw->right[r] +
			    ((double)row + 0.5) * sc->s * vw->down[r] + nudge[r] - sc->t[r];
		for (r = 0; r < 3; r++)
			q0[r] = sc->m[r][0] * p[0] + sc->m[r][1] * p[1] + sc->m[r][2] * p[2];
		/* clip the ray [0, len] to the voxels' slabs */
		tmin = 0;
		tmax = vw->len;
		for (r = 0; r < 3 && tmin <= tmax; r++) {
			double lo = -0.5, hi = (double)sc->dim[r] - 0.5;

			if (fabs(vw->qd[r]) < 1e-12) {
				if (q0[r] < lo || q0[r] > hi)
					tmax = -1;
				continue;
			}
			ta = (lo - q0[r]) / vw->qd[r];
			tb = (hi - q0[r]) / vw->qd[r];
			if (ta > tb) {
				double x = ta;

				ta = tb;
				tb = x;
			}
			if (ta > tmin)
				tmin = ta;
			if (tb < tmax)
				tmax = tb;
		}
		hitb = hita = 0;
		if (tmin <= tmax) {
			/* samples on a grid from the near face, whatever the clipping */
			n0 = (long long)ceil(tmin / vw->step);
			n1 = (long long)floor(tmax / vw->step);
			for (n = n0; n <= n1; ) {
				double t = (double)n * vw->step, texit;
				size_t idx, b[3];

				for (r = 0; r < 3; r++) {
					a = q0[r] + t * vw->qd[r] + 0.5;
					if (!(a >= 0) || a >= (double)sc->dim[r])
						break;
					ijk[r] = (size_t)a;
					b[r] = ijk[r] >> BLOCK_SHIFT;
				}
				if (r < 3) {
					n++;
					continue;
				}
				if (sc->occ[(b[2] * sc->nb[1] + b[1]) * sc->nb[0] + b[0]] == 0) {
					/*
					 * Nothing above the surface in this block: on to
					 * the first sample after the ray leaves it (a
					 * sample in the block is one whose q is in
					 * [8b - 0.5, 8b + 7.5) on every axis).  Skipped
					 * are only samples a millionth of a step inside,
					 * so that rounding never skips one beyond.
					 */
					texit = HUGE_VAL;
					for (r = 0; r < 3; r++) {
						double edge, te;

						if (vw->qd[r] > 1e-12)
							edge = (double)((b[r] + 1) << BLOCK_SHIFT)
							    - 0.5;
						else if (vw->qd[r] < -1e-12)
							edge = (double)(b[r] << BLOCK_SHIFT) - 0.5;
						else
							continue;
						te = (edge - q0[r]) * vw->inv_qd[r];
						if (te < texit)
							texit = te;
					}
					texit = texit * vw->inv_step - 1e-6;
					if (texit >= (double)n1)
						break;
					m = texit >= 0 ? (long long)texit + 1 : 0;
					n = m > n ? m : n + 1;
					continue;
				}
				idx = ijk[0] + ijk[1] * sc->sj + ijk[2] * sc->sk;
				if (!(vol_sample(sc->v->type, sc->v->data, idx) > sc->surface)) {
					n++;
					continue;
				}
				if (!hitb) {
					hitb = 1;
					memcpy(hb, ijk, sizeof(hb));
				}
				if (sc->changed == NULL || sc->changed[idx] == 0) {
					hita = 1;
					memcpy(ha, ijk, sizeof(ha));
					break;
				}
				n++;
			}
		}
		if (hitb && hita && memcmp(hb, ha, sizeof(hb)) == 0)
			shade(sc, vw, hb, &gb, &ga);
		else {
			if (hitb)
				shade(sc, vw, hb, &gb, NULL);
			if (hita)
				shade(sc, vw, ha, NULL, &ga);
		}
		if (vi == FRONT)
			sc->front_hit[row * vw->w + col] = (unsigned char)hitb;
		px = sc->rgb + ((sc->y0 + row) * sc->width + vw->x0 + col) * 3;
		px[0] = px[1] = px[2] = gb;
		px = sc->rgb + ((sc->y0 + row) * sc->width + vw->x1 + col) * 3;
		px[0] = px[1] = px[2] = ga;
	}
}

static void *
render_thread(void *arg)
{
	struct job *jb = arg;
	size_t item, nitems = 2 * jb->sc->h;

	/* rows interleaved: the face is not evenly spread over them */
	for (item = (size_t)jb->index; item < nitems; item += (size_t)jb->nthreads)
		render_row(jb->sc, (int)(item % 2), item / 2);
	return NULL;
}

static void
run_jobs(struct job *jobs, int n, void *(*fn)(void *))
{
	int i, started[MAXTHREADS];

	for (i = 1; i < n; i++)
		started[i] = pthread_create(&jobs[i].tid, NULL, fn, &jobs[i]) == 0;
	fn(&jobs[0]);
	for (i = 1; i < n; i++) {
		if (started[i])
			pthread_join(jobs[i].tid, NULL);
		else
			fn(&jobs[i]);	/* no thread: the same work here */
	}
}

/*
 * The scan of the volume is by slabs of BLOCK slices, slab index, index +
 * nthreads, ...: each block of the occupancy map is then one thread's.
 */
#define FOR_SLABS(jb, sc, k)						\
	for (size_t bk_ = (size_t)(jb)->index; bk_ < (sc)->nb[2];	\
	    bk_ += (size_t)(jb)->nthreads)				\
		for ((k) = bk_ * BLOCK; (k) < (bk_ + 1) * BLOCK && (k) < (sc)->dim[2]; (k)++)

/* The range of a 32-bit or float volume (NaN left out). */
#define MINMAX(T) do {							\
	const T *p_ = (const T *)sc->v->data;				\
	FOR_SLABS(jb, sc, k)						\
		for (x = 0; x < sc->sk; x++) {				\
			double val_ = p_[k * sc->sk + x];		\
			if (val_ < lo)					\
				lo = val_;				\
			if (val_ > hi)					\
				hi = val_;				\
		}							\
} while (0)

static void *
minmax_thread(void *arg)
{
	struct job *jb = arg;
	const struct scene *sc = jb->sc;
	double lo = HUGE_VAL, hi = -HUGE_VAL;
	size_t k, x;

	switch (sc->v->type) {
	case VOL_UINT32: MINMAX(uint32_t); break;
	case VOL_INT32: MINMAX(int32_t); break;
	default: MINMAX(float); break;
	}
	jb->vmin = lo;
	jb->vmax = hi;
	return NULL;
}

/*
 * The histogram and the occupancy map: a row of voxels at a time, BLOCK
 * of them, one store for the block.  BIN sets b_ from val_, or skips it.
 */
#define SCAN(T, BIN) do {						\
	const T *p_ = (const T *)sc->v->data;				\
	FOR_SLABS(jb, sc, k)						\
		for (j = 0; j < sc->dim[1]; j++) {			\
			const T *row_ = p_ + k * sc->sk + j * sc->sj;	\
			unsigned char *occ_ = sc->occ + ((k >> BLOCK_SHIFT) * sc->nb[1] + \
			    (j >> BLOCK_SHIFT)) * sc->nb[0];		\
			for (i0 = 0; i0 < sc->dim[0]; i0 += BLOCK) {	\
				size_t iend_ = i0 + BLOCK < sc->dim[0] ? i0 + BLOCK : sc->dim[0]; \
				int any_ = 0;				\
				for (i = i0; i < iend_; i++) {		\
					double val_ = row_[i];		\
					size_t b_;			\
					any_ |= val_ > surface;		\
					BIN;				\
					bins[b_]++;			\
				}					\
				if (any_)				\
					occ_[i0 >> BLOCK_SHIFT] = 1;	\
			}						\
		}							\
} while (0)
#define BIN_OFFSET(o)	b_ = (size_t)(val_ + (o))
#define BIN_RANGE							\
	if (!(val_ >= vmin && val_ <= vmax))				\
		continue;	/* NaN */				\
	b_ = (size_t)((val_ - vmin) * scale + 0.5)

static void *
scan_thread(void *arg)
{
	struct job *jb = arg;
	const struct scene *sc = jb->sc;
	size_t *bins = jb->bins, i, i0, j, k, b, n;
	double surface = sc->surface, vmin = jb->vmin, vmax = jb->vmax, scale;

	scale = vmax > vmin ? (double)(NBINS - 1) / (vmax - vmin) : 0;
	switch (sc->v->type) {
	case VOL_UINT8: SCAN(uint8_t, BIN_OFFSET(0)); break;
	case VOL_INT8: SCAN(int8_t, BIN_OFFSET(128)); break;
	case VOL_UINT16: SCAN(uint16_t, BIN_OFFSET(0)); break;
	case VOL_INT16: SCAN(int16_t, BIN_OFFSET(32768)); break;
	case VOL_UINT32: SCAN(uint32_t, BIN_RANGE); break;
	case VOL_INT32: SCAN(int32_t, BIN_RANGE); break;
	default: SCAN(float, BIN_RANGE); break;
	}
	for (n = 0, b = 0; b < jb->nbins; b++)
		n += bins[b];
	jb->nvalid = n;
	return NULL;
}

static double
bin_value(enum vol_type t, size_t bin, double vmin, double vmax)
{
	switch (t) {
	case VOL_UINT8: case VOL_UINT16: return (double)bin;
	case VOL_INT8: return (double)bin - 128;
	case VOL_INT16: return (double)bin - 32768;
	default: return vmin + (vmax - vmin) * (double)bin / (NBINS - 1);
	}
}

/*
 * One pass over the volume: the occupancy map, and the 1st and 99th
 * percentiles (nearest rank) of the stored values.
 */
static void
scan(struct scene *sc, int nthreads, double *lo, double *hi)
{
	struct job jobs[MAXTHREADS];
	enum vol_type t = sc->v->type;
	size_t nbins, *sum, n, cum, rlo, rhi, b;
	double vmin = 0, vmax = 0;
	int i, havelo;

	nbins = t == VOL_UINT8 || t == VOL_INT8 ? 256 :
	    t == VOL_UINT16 || t == VOL_INT16 ? 65536 : NBINS;
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < nthreads; i++) {
		jobs[i].sc = sc;
		jobs[i].nthreads = nthreads;
		jobs[i].index = i;
	}
	if (t == VOL_UINT32 || t == VOL_INT32 || t == VOL_FLOAT32) {
		run_jobs(jobs, nthreads, minmax_thread);
		vmin = HUGE_VAL;
		vmax = -HUGE_VAL;
		for (i = 0; i < nthreads; i++) {
			if (jobs[i].vmin < vmin)
				vmin = jobs[i].vmin;
			if (jobs[i].vmax > vmax)
				vmax = jobs[i].vmax;
		}
		/* an infinity would put every finite value in one bin */
		if (vmin < -FLT_MAX)
			vmin = -FLT_MAX;
		if (vmax > FLT_MAX)
			vmax = FLT_MAX;
	}
	for (i = 0; i < nthreads; i++) {
		jobs[i].bins = ecalloc(nbins, sizeof(size_t));
		jobs[i].nbins = nbins;
		jobs[i].vmin = vmin;
		jobs[i].vmax = vmax;
	}
	run_jobs(jobs, nthreads, scan_thread);
	sum = jobs[0].bins;
	n = jobs[0].nvalid;
	for (i = 1; i < nthreads; i++) {
		for (b = 0; b < nbins; b++)
			sum[b] += jobs[i].bins[b];
		n += jobs[i].nvalid;
		free(jobs[i].bins);
	}
	rlo = (size_t)ceil(0.01 * (double)n);
	rhi = (size_t)ceil(0.99 * (double)n);
	if (rlo < 1)
		rlo = 1;
	if (rhi < 1)
		rhi = 1;
	*lo = 0;
	*hi = 1;
	cum = 0;
	havelo = 0;
	for (b = 0; b < nbins && n > 0; b++) {
		cum += sum[b];
		if (!havelo && cum >= rlo) {
			*lo = bin_value(t, b, vmin, vmax);
			havelo = 1;
		}
		if (cum >= rhi) {
			*hi = bin_value(t, b, vmin, vmax);
			break;
		}
	}
	free(sum);
	if (!(*hi > *lo))
		*hi = *lo + 1;
}

/* Panel 5: the slice through the centre of the front silhouette. */
static void
sagittal(struct scene *sc, double lo, double hi)
{
	const struct view *fv = &sc->view[FRONT];
	size_t row, col, ijk[3], x0, nhit = 0;
	double xc, sumx = 0, p[3], a, g;
	int r;

	for (row = 0; row < sc->h; row++)
		for (col = 0; col < fv->w; col++)
			if (sc->front_hit[row * fv->w + col] != 0) {
				sumx += ((double)col + 0.5) * sc->s;
				nhit++;
			}
	xc = nhit > 0 ? sc->lo[0] + sumx / (double)nhit : 0.5 * (sc->lo[0] + sc->hi[0]);
	x0 = 5 * QC_GAP + 2 * fv->w + 2 * sc->view[LEFT].w;
	for (row = 0; row < sc->h; row++)
		for (col = 0; col < sc->view[LEFT].w; col++) {
			unsigned char *px = sc->rgb + ((sc->y0 + row) * sc->width + x0 + col) * 3;
			size_t idx;
			double q;

			p[0] = xc + nudge[0] - sc->t[0];
			p[1] = sc->lo[1] + ((double)col + 0.5) * sc->s + nudge[1] - sc->t[1];
			p[2] = sc->hi[2] - ((double)row + 0.5) * sc->s + nudge[2] - sc->t[2];
			for (r = 0; r < 3; r++) {
				q = sc->m[r][0] * p[0] + sc->m[r][1] * p[1] + sc->m[r][2] * p[2];
				a = q + 0.5;
				if (!(a >= 0) || a >= (double)sc->dim[r])
					break;
				ijk[r] = (size_t)a;
			}
			if (r < 3)
				continue;	/* outside the volume: black */
			idx = ijk[0] + ijk[1] * sc->sj + ijk[2] * sc->sk;
			g = (vol_sample(sc->v->type, sc->v->data, idx) - lo) / (hi - lo);
			if (!(g > 0))
				g = 0;	/* and NaN */
			if (g > 1)
				g = 1;
			g = floor(g * 255 + 0.5);
			if (sc->changed != NULL && sc->changed[idx] != 0) {
				px[0] = (unsigned char)(128 + g / 2);
				px[1] = px[2] = (unsigned char)(g / 2);
			} else
				px[0] = px[1] = px[2] = (unsigned char)g;
		}
}

/* One line of text from (x, y), clipped at column xmax. */
static void
text(struct scene *sc, size_t x, size_t y, size_t xmax, const char *s)
{
	size_t gx, gy;
	unsigned c;

	for (; s != NULL && *s != '\0' && x + 5 <= xmax; s++, x += FONT_W) {
		c = (unsigned char)*s;
		if (c < 0x20 || c > 0x7e)
			c = '?';
		for (gy = 0; gy < 8; gy++)
			for (gx = 0; gx < 5; gx++)
				if ((font[c - 0x20][gy] >> (4 - gx) & 1) != 0) {
					unsigned char *px = sc->rgb +
					    ((y + gy) * sc->width + x + gx) * 3;

					px[0] = px[1] = px[2] = TEXT_GREY;
				}
	}
}

static void
png_write_cb(png_structp png, png_bytep p, size_t n)
{
	struct sink *k = png_get_io_ptr(png);

	if (write_all(k->fd, p, n) == -1) {
		k->werr = errno != 0 ? errno : EIO;
		png_error(png, "write");
	}
}

static void
png_flush_cb(png_structp png)
{
	(void)png;
}

/* libpng's errors: keep the message and go back to the setjmp of write_png */
static void
png_error_cb(png_structp png, png_const_charp msg)
{
	struct sink *k = png_get_error_ptr(png);

	snprintf(k->msg, sizeof(k->msg), "%s", msg != NULL ? msg : "error");
	png_longjmp(png, 1);
}

static void
png_warning_cb(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Nothing local that changes after the setjmp is read after the longjmp:
 * png, info and rows are set before it, and what the callbacks write is
 * the caller's *k, not a local of this function.
 */
static int
write_png(int fd, const struct scene *sc, struct sink *k, char **err)
{
	png_structp png;
	png_infop info;
	png_bytep *rows;
	size_t y;

	memset(k, 0, sizeof(*k));
	k->fd = fd;
	rows = emalloc(sc->height * sizeof(*rows));
	for (y = 0; y < sc->height; y++)
		rows[y] = sc->rgb + y * sc->width * 3;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, k, png_error_cb, png_warning_cb);
	info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info == NULL) {
		png_destroy_write_struct(&png, NULL);
		free(rows);
		*err = esprintf("libpng: cannot start a picture");
		errno = ENOMEM;
		return -1;
	}
	if (setjmp(png_jmpbuf(png)) != 0) {
		png_destroy_write_struct(&png, &info);
		free(rows);
		if (k->werr != 0) {
			*err = esprintf("write: %s", strerror(k->werr));
			errno = k->werr;
		} else {
			*err = esprintf("libpng: %s", k->msg);
			errno = EIO;
		}
		return -1;
	}
	png_set_write_fn(png, k, png_write_cb, png_flush_cb);
	png_set_IHDR(png, info, (png_uint_32)sc->width, (png_uint_32)sc->height, 8,
	    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_write_image(png, rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(rows);
	return 0;
}

int
qc_png(int fd, const struct volume *v, const unsigned char *changed, double background,
    double surface, const char *caption, char **err)
{
	static const char *const names[5] = {
		"front", "front defaced", "left", "left defaced", "sagittal"
	};
	struct scene sc;
	struct job jobs[MAXTHREADS];
	struct sink sink;
	size_t nvox, x, px0[5], pw[5];
	double lo, hi;
	int i, nthreads, rc, e;

	if (v == NULL || v->data == NULL || v->dim[0] == 0 || v->dim[1] == 0 || v->dim[2] == 0) {
		*err = esprintf("an empty volume");
		errno = EINVAL;
		return -1;
	}
	if (v->samples != 1) {
		*err = esprintf("a colour volume");
		errno = EINVAL;
		return -1;
	}
	memset(&sc, 0, sizeof(sc));
	sc.v = v;
	sc.changed = changed;
	sc.background = background;
	sc.surface = surface;
	if (setup(&sc, v, err) == -1) {
		errno = EINVAL;
		return -1;
	}
	sc.rgb = ecalloc(sc.width * sc.height, 3);
	sc.front_hit = ecalloc(sc.view[FRONT].w, sc.h);
	for (x = 0; x < 3; x++)
		sc.nb[x] = (sc.dim[x] + BLOCK - 1) >> BLOCK_SHIFT;
	sc.occ = ecalloc(sc.nb[0] * sc.nb[1], sc.nb[2]);

	nvox = sc.dim[0] * sc.dim[1] * sc.dim[2];
	/* threads pay only on a volume of some size */
	nthreads = nvox < ((size_t)1 << 20) ? 1 : ncpus();
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < nthreads; i++) {
		jobs[i].sc = &sc;
		jobs[i].nthreads = nthreads;
		jobs[i].index = i;
	}
	scan(&sc, nthreads, &lo, &hi);
	run_jobs(jobs, nthreads, render_thread);
	sagittal(&sc, lo, hi);

	text(&sc, QC_GAP, QC_GAP, sc.width - QC_GAP, caption);
	px0[0] = sc.view[FRONT].x0;
	px0[1] = sc.view[FRONT].x1;
	px0[2] = sc.view[LEFT].x0;
	px0[3] = sc.view[LEFT].x1;
	px0[4] = 5 * QC_GAP + 2 * sc.view[FRONT].w + 2 * sc.view[LEFT].w;
	pw[0] = pw[1] = sc.view[FRONT].w;
	pw[2] = pw[3] = pw[4] = sc.view[LEFT].w;
	for (x = 0; x < 5; x++)
		text(&sc, px0[x], QC_GAP + QC_LINE, px0[x] + pw[x], names[x]);

	rc = write_png(fd, &sc, &sink, err);
	e = errno;
	free(sc.rgb);
	free(sc.front_hit);
	free(sc.occ);
	errno = e;
	return rc;
}
