/*
 * dcm-deface: remove the face from head CT, CBCT and MR series, keeping
 * the brain (and, in soft-tissue mode, bone and teeth).  See dcm-deface(1).
 *
 * Classical image processing, in patient coordinates so that any axis
 * order or obliquity gives the same region:
 *  1. levels: every value mapped to 0..255 between its 0.5th and 99.5th
 *     percentiles, so thresholds from the histogram do not depend on a
 *     linear change of the values (a * I + b, a > 0);
 *  2. the head: above the Otsu threshold of the levels, and the air
 *     outside it found in 3-D from the border of the grid (sinus and mouth
 *     air stay inside);
 *  3. the face: on a map of the head's front surface over (left-right,
 *     inferior-superior) in millimetres, the nose is where the midline
 *     profile protrudes; it must protrude on the side the DICOM geometry
 *     calls anterior, else the series is refused;
 *  4. the region: in each column of that map (a ray along the anterior-
 *     posterior axis), the face's soft tissue from the front surface inwards
 *     until what stops it (MR: 2 mm of dark, which is air or bone alike,
 *     below 40% of the way from the air to the main tissue; CT:
 *     2 mm of bone), at most 20% of the head's length deep below the nose
 *     tip, 12% at the eyes (17% over it), 5% at the brow (27%) and nothing
 *     above; within the width of the
 *     face; never posterior to the head's centre, and from just under the
 *     nose tip upwards never deeper than 28% of the head's length behind it
 *     (the brain may lie beside the face there);
 *  5. face mode: the region set to the value of the air outside the head;
 *     soft-tissue mode: only its voxels below the bone threshold (the Otsu
 *     threshold of the head's levels above soft tissue), so bone and teeth
 *     stay.
 * Only the region changes: every other voxel of every file keeps its bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dcm.h"
#include "input.h"
#include "layout.h"
#include "manifest.h"
#include "output.h"
#include "nifti.h"
#include "nrrd.h"
#include "pseudo.h"
#include "qcpng.h"
#include "util.h"
#include "volume.h"

#define T(g, e) DCM_TAG(g, e)

enum mode { M_AUTO, M_FACE, M_SOFT };

struct deface {
	struct output *out;
	const char *qc;		/* --qc: the picture's name */
	const char *mask;	/* --mask: the region's NIfTI */
	int nseries;		/* series defaced: the side files of the second are NAME-2 */
	struct pseudo_key key;
	enum mode mode;
	const char *axes;	/* --axes: where the voxel axes of a volume without orientation point */
	int modality;		/* --modality of a volume: 0 from its values, 'c' CT, 'm' MR */
	int nul;
	int fatal;
};

static NORETURN void
usage(void)
{
	fprintf(stderr, "usage: dcm-deface [-0q] [-k keyfile] [-m face|soft-tissue] [--qc FILE.png] [--mask FILE]\n"
	    "                  [--axes CODE] [--modality ct|mr] -o out [input ...]\n");
	exit(2);
}

/* ---- the region ---- */

struct grid {
	size_t nx, ny, nz, n;
	double a[3][4];		/* voxel -> LPS mm */
};

/* The length (mm) of voxel axis c of an affine, a volume's lps or a grid's a. */
static double
axis_mm(const double (*a)[4], int c)
{
	return sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]);
}

static inline void
to_patient(const struct grid *g, size_t i, size_t j, size_t k, double p[3])
{
	int d;

	for (d = 0; d < 3; d++)
		p[d] = g->a[d][0] * (double)i + g->a[d][1] * (double)j + g->a[d][2] * (double)k + g->a[d][3];
}

/* The voxel nearest to patient point p, or -1 outside the grid. */
static long
voxel_at(const struct grid *g, const double inv[3][3], const double p[3])
{
	double d[3], c[3];
	long ijk[3];
	int a, b;

	/* a micrometre off the exact middle of two voxels, the same way whatever the axis order */
	for (a = 0; a < 3; a++)
		d[a] = p[a] + 1e-3 - g->a[a][3];
	for (a = 0; a < 3; a++) {
		c[a] = 0;
		for (b = 0; b < 3; b++)
			c[a] += inv[a][b] * d[b];
		ijk[a] = lround(c[a]);
	}
	if (ijk[0] < 0 || ijk[1] < 0 || ijk[2] < 0 || (size_t)ijk[0] >= g->nx || (size_t)ijk[1] >= g->ny ||
	    (size_t)ijk[2] >= g->nz)
		return -1;
	return ijk[0] + (long)g->nx * (ijk[1] + (long)g->ny * ijk[2]);
}

/*
 * Is the lowest value the padding of a field of view rather than the air?
 * Padding borders on air (the air inside the field of view, well above it);
 * air that is the lowest value (a CT without noise) borders on the skin.
 * So: the median of the values next to it lies far (an eighth of the
 * range) below the median of all other values.
 */
static int
padding_apart(const struct volume *v, double lo, double hi)
{
	size_t nx = v->dim[0], ny = v->dim[1], nz = v->dim[2], sl = nx * ny, i, j, k, nn = 0, no = 0;
	double mnext, mall;
	size_t *hn = ecalloc(4096, sizeof(*hn)), *ho = ecalloc(4096, sizeof(*ho)), c;
	int b;

	for (k = 0; k < nz; k++)
		for (j = 0; j < ny; j++)
			for (i = 0; i < nx; i++) {
				size_t x = i + nx * j + sl * k, nb[6];
				double val = vol_sample(v->type, v->data, x);
				int m = 0, e;

				if (val != lo) {
					ho[(int)((val - lo) / (hi - lo) * 4095)]++;
					no++;
					continue;
				}
				if (i > 0) nb[m++] = x - 1;
				if (i + 1 < nx) nb[m++] = x + 1;
				if (j > 0) nb[m++] = x - nx;
				if (j + 1 < ny) nb[m++] = x + nx;
				if (k > 0) nb[m++] = x - sl;
				if (k + 1 < nz) nb[m++] = x + sl;
				for (e = 0; e < m; e++) {
					double w = vol_sample(v->type, v->data, nb[e]);

					if (w != lo) {
						hn[(int)((w - lo) / (hi - lo) * 4095)]++;
						nn++;
					}
				}
			}
	mnext = mall = 0;
	for (b = 0, c = 0; b < 4096 && nn > 0; b++)
		if ((c += hn[b]) * 2 >= nn) {
			mnext = b;
			break;
		}
	for (b = 0, c = 0; b < 4096 && no > 0; b++)
		if ((c += ho[b]) * 2 >= no) {
			mall = b;
			break;
		}
	free(hn);
	free(ho);
	if (getenv("DCMSCRUB_DEBUG") != NULL)
		fprintf(stderr, "deface: the lowest value's neighbours at %.0f/4095, the rest at %.0f/4095\n",
		    mnext, mall);
	return nn > 0 && mall - mnext > 0.12 * 4095;
}

/*
 * The threshold between the air and the tissue: the lowest point of the
 * (smoothed) histogram between the air's peak (in the lowest quarter of the
 * levels) and the tissue's (the highest peak 20 levels above it or more).
 * Unlike Otsu's, it does not drift to the bone when air is a small part of
 * the grid (a CBCT whose field of view holds little but the head).
 */
static int
valley(const double h[256])
{
	double sm[256];
	int i, j, a = 0, b = -1, t;

	for (i = 0; i < 256; i++) {
		double s = 0;
		int c = 0;

		for (j = i - 3; j <= i + 3; j++)
			if (j >= 0 && j < 256) {
				s += h[j];
				c++;
			}
		sm[i] = s / c;
	}
	for (i = 0; i < 64; i++)
		if (sm[i] > sm[a])
			a = i;
	for (i = a + 20; i < 256; i++)
		if (b < 0 || sm[i] > sm[b])
			b = i;
	if (b < 0)
		return a + 10 < 255 ? a + 10 : 254;
	t = a + 1;
	for (i = a + 1; i < b; i++)
		if (sm[i] < sm[t])
			t = i;
	return t;
}

/*
 * Otsu's threshold of a 256-bin histogram between bins lo and hi; where
 * several thresholds split it equally well (empty bins between two classes,
 * an image without noise), the middle one.
 */
static int
otsu(const double h[256], int lo, int hi)
{
	double w = 0, mu = 0, wb = 0, mb = 0, best = -1;
	int t, bt = (lo + hi) / 2, last = bt;

	for (t = lo; t <= hi; t++) {
		w += h[t];
		mu += t * h[t];
	}
	for (t = lo; t < hi; t++) {
		double wf, mf, between;

		wb += h[t];
		mb += t * h[t];
		wf = w - wb;
		if (wb == 0 || wf == 0)
			continue;
		mf = (mu - mb) / wf;
		between = wb * wf * (mb / wb - mf) * (mb / wb - mf);
		if (between > best * (1 + 1e-12)) {
			best = between;
			bt = last = t;
		} else if (between >= best * (1 - 1e-12))
			last = t;
	}
	return (bt + last) / 2;
}

/*
 * The values at fractions f0 and f1 of the sorted values (from a fine
 * histogram), leaving out the padding value pad when skip is set (the
 * constant outside a cylindrical field of view).
 */
static void
percentiles(const struct volume *v, double lo, double hi, double pad, int skip, double f0, double f1,
    double *p0, double *p1)
{
	enum { NB = 65536 };
	size_t *h = ecalloc(NB, sizeof(*h)), i, n = v->dim[0] * v->dim[1] * v->dim[2], c = 0, tot = 0;
	int b, got0 = 0;

	for (i = 0; i < n; i++) {
		double x = vol_sample(v->type, v->data, i);
		int k;

		if (skip && x == pad)
			continue;
		k = hi > lo ? (int)((x - lo) / (hi - lo) * (NB - 1)) : 0;
		h[k < 0 ? 0 : k >= NB ? NB - 1 : k]++;
		tot++;
	}
	*p0 = lo;
	*p1 = hi;
	for (b = 0; b < NB; b++) {
		c += h[b];
		if (!got0 && (double)c >= f0 * (double)tot) {
			*p0 = lo + (hi - lo) * (b + 0.5) / (NB - 1);
			got0 = 1;
		}
		if ((double)c >= f1 * (double)tot) {
			*p1 = lo + (hi - lo) * (b + 0.5) / (NB - 1);
			break;
		}
	}
	free(h);
}

/*
 * The air outside the head: what the border of the grid reaches through
 * voxels at or below level t (6-connected), cleared in inside[].  Raster
 * sweeps forwards and backwards until nothing changes: no stack, and the
 * memory is read in order.
 */
/* Seconds since start, for DCMSCRUB_DEBUG. */
static double
elapsed(void)
{
	static struct timespec t0;
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (t0.tv_sec == 0)
		t0 = t;
	return (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
}

/*
 * One sweep, forwards or backwards; only the slices next to one that
 * changed in the sweep before (dirty) are visited.  Returns whether any
 * voxel changed; dirty[] becomes this sweep's.
 */
static int
air_step(const struct grid *g, const unsigned char *q, int t, unsigned char *inside, int backwards,
    unsigned char *dirty)
{
	size_t nx = g->nx, ny = g->ny, nz = g->nz, sl = nx * ny, i, j, k, ii, jj, kk;
	unsigned char *now = ecalloc(nz, 1);
	int changed = 0;

	for (kk = 0; kk < nz; kk++) {
		k = backwards ? nz - 1 - kk : kk;
		if (!dirty[k] && !(k > 0 && (dirty[k - 1] || now[k - 1])) && !(k + 1 < nz && (dirty[k + 1] || now[k + 1])))
			continue;
		for (jj = 0; jj < ny; jj++) {
			j = backwards ? ny - 1 - jj : jj;
			for (ii = 0; ii < nx; ii++) {
				size_t x;

				i = backwards ? nx - 1 - ii : ii;
				x = i + nx * j + sl * k;
				if (!inside[x] || q[x] > t)
					continue;
				if ((i > 0 && !inside[x - 1]) || (i + 1 < nx && !inside[x + 1]) ||
				    (j > 0 && !inside[x - nx]) || (j + 1 < ny && !inside[x + nx]) ||
				    (k > 0 && !inside[x - sl]) || (k + 1 < nz && !inside[x + sl])) {
					inside[x] = 0;
					now[k] = 1;
					changed = 1;
				}
			}
		}
	}
	memcpy(dirty, now, nz);
	free(now);
	return changed;
}

static void
outside_air(const struct grid *g, const unsigned char *q, int t, unsigned char *inside)
{
	size_t nx = g->nx, ny = g->ny, nz = g->nz, i, j, k;
	unsigned char *dirty = emalloc(nz);
	int pass = 0;

	memset(dirty, 1, nz);
	for (k = 0; k < nz; k++)
		for (j = 0; j < ny; j++)
			for (i = 0; i < nx; i++)
				if ((i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1) &&
				    q[i + nx * (j + ny * k)] <= t)
					inside[i + nx * (j + ny * k)] = 0;
	while (air_step(g, q, t, inside, pass++ % 2, dirty))
		;
	free(dirty);
	if (getenv("DCMSCRUB_DEBUG") != NULL)
		fprintf(stderr, "deface: the air outside the head in %d sweeps (%.2f s)\n", pass, elapsed());
}

struct result {
	unsigned char *changed;	/* 1 for each voxel set to the background */
	double background;	/* its stored value */
	double surface;		/* the stored value above which a voxel is the head */
	size_t nchanged;
	int padding;		/* the lowest value covers 2% of the grid: 1 left out as padding, 2 kept */
	char *why;		/* refused: why */
};

/*
 * Find the face of v and what to change.  0, or -1 with r->why (not a
 * head, no face found, orientation against the image).
 */
/*
 * The head on the faces of the grid that face patient direction pd (0 x,
 * 1 y, 2 z) on the side of sign (+1 or -1): the head voxels within 2 mm of
 * each face whose axis lies within 45 degrees of that direction.  Returns
 * their number; *zsum, if not NULL, gets the sum of their z.
 */
static double
head_on_faces(const struct grid *g, const unsigned char *inside, int pd, int sign, double *zsum)
{
	size_t dims[3] = { g->nx, g->ny, g->nz }, i, j, k, side;
	double na = 0, za = 0;
	int ax;

	for (ax = 0; ax < 3; ax++) {
		double len = axis_mm(g->a, ax);
		double c = g->a[pd][ax] / len;

		if (fabs(c) < 0.7)
			continue;
		for (side = 0; side < 2; side++) {
			/* the face at index 0 faces -axis, the last +axis */
			if ((side == 0 ? -c : c) * sign < 0)
				continue;
			for (k = 0; k < g->nz; k++)
				for (j = 0; j < g->ny; j++)
					for (i = 0; i < g->nx; i++) {
						size_t cc[3] = { i, j, k };
						double p[3];

						if ((side == 0 ? cc[ax] : dims[ax] - 1 - cc[ax]) * len > 2 ||
						    !inside[i + g->nx * (j + g->ny * k)])
							continue;
						na++;
						if (zsum != NULL) {
							to_patient(g, i, j, k, p);
							za += p[2];
						}
					}
		}
	}
	if (zsum != NULL)
		*zsum = za;
	return na;
}

/*
 * The area (mm\xc2\xb2) where the grid cuts the head on its side that faces
 * patient direction pd (0 x, 1 y, 2 z) with sign (+1 or -1): head voxels
 * whose next voxel that way, along the axis nearest to that direction, is
 * off the grid or, padded, the padding of a field of view (value lo).
 */
static double
cut_area(const struct grid *g, const unsigned char *inside, const struct volume *v, int padded,
    double lo, int pd, int sign)
{
	size_t dims[3] = { g->nx, g->ny, g->nz }, i, j, k, st[3] = { 1, g->nx, g->nx * g->ny };
	double len[3], best = 0, area;
	int ax, a = -1, dir = 0;
	size_t cut = 0;

	for (ax = 0; ax < 3; ax++) {
		len[ax] = axis_mm(g->a, ax);
		if (fabs(g->a[pd][ax]) / len[ax] > best) {
			best = fabs(g->a[pd][ax]) / len[ax];
			a = ax;
			dir = g->a[pd][ax] * sign > 0 ? 1 : -1;
		}
	}
	if (a < 0 || best < 0.7)
		return 0;
	for (k = 0; k < g->nz; k++)
		for (j = 0; j < g->ny; j++)
			for (i = 0; i < g->nx; i++) {
				size_t c[3] = { i, j, k }, x = i + g->nx * (j + g->ny * k);

				if (!inside[x])
					continue;
				if (dir > 0 ? c[a] + 1 >= dims[a] : c[a] == 0)
					cut++;
				else if (padded && vol_sample(v->type, v->data, dir > 0 ? x + st[a] : x - st[a]) == lo)
					cut++;
			}
	area = (double)cut;
	for (ax = 0; ax < 3; ax++)
		if (ax != a)
			area *= len[ax];
	return area;
}

/*
 * How far a profile stands out (n bins of bs mm): sign 1, the front (u,
 * anterior larger; -INFINITY where the head is absent): its most anterior
 * point in bins 0..last that has head 30 to 45 mm above and below it (a
 * nose has a face on either side; below, the grid's edge will do when
 * open_below, a head the grid cuts at the bottom), against the most
 * anterior there, its bin
 * in *at (-1 if none); sign -1, the back (u, posterior smaller; +INFINITY
 * where absent): the most any point stands out of the least posterior 30 to
 * 45 mm around it (0 at least).
 */
static double
stand_out(const double *prof, long n, long last, double bs, int sign, int open_below, long *at)
{
	long w = (long)(30 / bs), w2 = (long)(45 / bs), b, o, tip = -1;
	double best = 0, ref = -INFINITY;

	if (sign < 0) {
		for (b = 0; b < n; b++) {
			double around = INFINITY;

			if (!isfinite(prof[b]))
				continue;
			for (o = -w2; o <= w2; o++) {
				long b2 = b + o;

				if (b2 < 0 || b2 >= n || (o > -w && o < w) || !isfinite(prof[b2]))
					continue;
				around = fmin(around, prof[b2]);
			}
			if (isfinite(around))
				best = fmax(best, around - prof[b]);
		}
		return best;
	}
	for (b = 0; b <= last && b < n; b++) {
		int above = 0, below = 0;

		if (!isfinite(prof[b]) || (tip >= 0 && prof[b] <= prof[tip]))
			continue;
		for (o = w; o <= w2; o++) {
			above |= b + o < n && isfinite(prof[b + o]);
			below |= b - o >= 0 ? isfinite(prof[b - o]) : open_below;
		}
		if (above && below)
			tip = b;
	}
	if (at != NULL)
		*at = tip;
	if (tip < 0)
		return -INFINITY;
	for (o = -w2; o <= w2; o++) {
		long b2 = tip + o;

		if (b2 >= 0 && b2 < n && (o <= -w || o >= w) && isfinite(prof[b2]))
			ref = fmax(ref, prof[b2]);
	}
	return prof[tip] - ref;
}

/*
 * The u where the rays stopped (stop, over bx * bz bins; front finite where
 * a bin has head), bilinear at the fractional bin (fx, fz) from the bins
 * around it that have head.
 */
static double
stop_at(const float *stop, const float *front, size_t bx, size_t bz, double fx, double fz)
{
	long x0 = (long)floor(fx), z0 = (long)floor(fz), dx, dz;
	double sum = 0, wsum = 0;

	for (dz = 0; dz <= 1; dz++)
		for (dx = 0; dx <= 1; dx++) {
			long x = x0 + dx, z = z0 + dz;
			double w;

			if (x < 0 || z < 0 || x >= (long)bx || z >= (long)bz || !isfinite(front[x + bx * z]))
				continue;
			w = (dx ? fx - x0 : 1 - (fx - x0)) * (dz ? fz - z0 : 1 - (fz - z0));
			sum += w * stop[x + bx * z];
			wsum += w;
		}
	return wsum > 0 ? sum / wsum : INFINITY;
}

static int
find_face(const struct volume *v, enum mode mode, int mr, int nopad, struct result *r)
{
	struct grid g;
	size_t i, j, k, x, n;
	double lo = INFINITY, hi = -INFINITY, p0, p1, hist[256], headh[256];
	unsigned char *q, *inside;
	int t, tb = 255, td, d, padded;
	size_t npad = 0;
	double cx = 0, cy = 0, cz = 0, nh = 0;

	memset(&g, 0, sizeof(g));
	g.nx = v->dim[0];
	g.ny = v->dim[1];
	g.nz = v->dim[2];
	g.n = n = g.nx * g.ny * g.nz;
	for (d = 0; d < 3; d++)
		for (t = 0; t < 4; t++)
			g.a[d][t] = v->lps[d][t];
	if (g.nx < 16 || g.ny < 16 || g.nz < 16) {
		r->why = esprintf("%zux%zux%zu voxels: too small for a head", g.nx, g.ny, g.nz);
		return -1;
	}
	if (getenv("DCMSCRUB_DEBUG") != NULL)
		fprintf(stderr, "deface: start (%.2f s)\n", elapsed());
	/* 1. levels */
	for (x = 0; x < n; x++) {
		double s = vol_sample(v->type, v->data, x);

		if (s < lo)
			lo = s;
		if (s > hi)
			hi = s;
	}
	/* the padding outside a field of view: the lowest value, on more than 2% of the grid */
	for (x = 0; x < n; x++)
		if (vol_sample(v->type, v->data, x) == lo)
			npad++;
	/*
	 * With nopad, that value is left out of the levels: the padding of a
	 * cylindrical field of view lies below the air inside it, which would
	 * otherwise count as the head (the caller tries this when the first try
	 * finds no face).  In a CT without noise the air itself is that value.
	 */
	/* nopad: 0 to tell padding from air by padding_apart(), 1 to leave it out, 2 to keep it */
	padded = (double)npad > 0.02 * (double)n && (nopad == 1 || (nopad == 0 && padding_apart(v, lo, hi)));
	r->padding = (double)npad > 0.02 * (double)n ? (padded ? 1 : 2) : 0;
	percentiles(v, lo, hi, lo, padded, 0.005, 0.995, &p0, &p1);
	if (p1 <= p0) {
		r->why = estrdup("the image is flat: no head in it");
		return -1;
	}
	q = emalloc(n);
	memset(hist, 0, sizeof(hist));
	for (x = 0; x < n; x++) {
		double val = vol_sample(v->type, v->data, x), s = (val - p0) / (p1 - p0) * 255;

		q[x] = (unsigned char)(s < 0 ? 0 : s > 255 ? 255 : s + 0.5);
		if (padded && val == lo)
			q[x] = 0;	/* padding: outside, and out of the histogram */
		else
			hist[q[x]]++;
	}
	/* 2. the head: the air outside it is what the border reaches below the threshold */
	t = valley(hist);
	r->surface = p0 + (t + 0.5) / 255 * (p1 - p0);
	inside = emalloc(n);
	memset(inside, 1, n);
	outside_air(&g, q, t, inside);
	if (getenv("DCMSCRUB_DEBUG") != NULL) {
		size_t in = 0;

		for (x = 0; x < n; x++)
			in += inside[x];
		fprintf(stderr, "deface: levels %g..%g%s, air below level %d, %zu of %zu voxels in the head "
		    "(%.2f s)\n", p0, p1, padded ? " (padding left out)" : "", t, in, n, elapsed());
	}
	memset(headh, 0, sizeof(headh));
	for (k = 0; k < g.nz; k++)
		for (j = 0; j < g.ny; j++)
			for (i = 0; i < g.nx; i++) {
				double p[3];

				x = i + g.nx * (j + g.ny * k);
				if (!inside[x])
					continue;
				to_patient(&g, i, j, k, p);
				cx += p[0];
				cy += p[1];
				cz += p[2];
				nh++;
				headh[q[x]]++;
			}
	if (nh < 0.02 * (double)n) {
		r->why = estrdup("no head found (the foreground is less than 2% of the grid)");
		free(q);
		free(inside);
		return -1;
	}
	cx /= nh;
	cy /= nh;
	cz /= nh;
	/* bone: above the head's main tissue, Otsu's split of what lies above its peak */
	{
		int pk = t + 1, b2;

		for (b2 = t + 1; b2 < 256; b2++)
			if (headh[b2] > headh[pk])
				pk = b2;
		tb = otsu(headh, pk, 255);
		/* MR's dark (bone, air): below 40% of the way from the air to the main tissue */
		td = t + (int)(0.4 * (pk - t));
	}
	/* 3. the front surface: over (x, z) bins, the most anterior head voxel (u = -y) */
	{
		double bs = 0, xmin = INFINITY, xmax = -INFINITY, zmin = INFINITY, zmax = -INFINITY;
		double umax = -INFINITY, umin = INFINITY;
		size_t bx, bz, b;
		float *front, *back, *stopd = NULL, *stopm = NULL;
		double *prof, *bprof;
		long tip = -1, nas = -1;
		double headlen, headw, width, depth, zt, prot, bprot, top, sides, bottom;

		for (d = 0; d < 3; d++) {
			double s = axis_mm(g.a, d);

			if (s > bs)
				bs = s;
		}
		bs = bs < 1 ? 1 : bs;
		for (k = 0; k < g.nz; k++)
			for (j = 0; j < g.ny; j++)
				for (i = 0; i < g.nx; i++) {
					double p[3];

					if (!inside[i + g.nx * (j + g.ny * k)])
						continue;
					to_patient(&g, i, j, k, p);
					if (p[0] < xmin)
						xmin = p[0];
					if (p[0] > xmax)
						xmax = p[0];
					if (p[2] < zmin)
						zmin = p[2];
					if (p[2] > zmax)
						zmax = p[2];
					if (-p[1] > umax)
						umax = -p[1];
					if (-p[1] < umin)
						umin = -p[1];
				}
		bx = (size_t)((xmax - xmin) / bs + 0.5) + 1;
		bz = (size_t)((zmax - zmin) / bs + 0.5) + 1;
		front = emalloc(bx * bz * sizeof(*front));
		back = emalloc(bx * bz * sizeof(*back));
		for (b = 0; b < bx * bz; b++) {
			front[b] = -INFINITY;
			back[b] = INFINITY;
		}
		for (k = 0; k < g.nz; k++)
			for (j = 0; j < g.ny; j++)
				for (i = 0; i < g.nx; i++) {
					double p[3];
					size_t ix, iz;

					if (!inside[i + g.nx * (j + g.ny * k)])
						continue;
					to_patient(&g, i, j, k, p);
					ix = (size_t)((p[0] - xmin) / bs + 0.5);
					iz = (size_t)((p[2] - zmin) / bs + 0.5);
					b = ix + bx * iz;
					if (-p[1] > front[b])
						front[b] = (float)-p[1];
					if (-p[1] < back[b])
						back[b] = (float)-p[1];
				}
		/*
		 * the midline: the head's centre, or, where the grid cuts the head at
		 * its sides (a sagittal slab off the midline), the x of the most
		 * anterior point of its front, the nose's
		 */
		sides = cut_area(&g, inside, v, padded, lo, 0, 1) + cut_area(&g, inside, v, padded, lo, 0, -1);
		bottom = cut_area(&g, inside, v, padded, lo, 2, -1);
		if (sides > 400) {
			size_t bbest = SIZE_MAX;

			for (b = 0; b < bx * bz; b++)
				if (isfinite(front[b]) && (bbest == SIZE_MAX || front[b] > front[bbest]))
					bbest = b;
			if (bbest != SIZE_MAX)
				cx = xmin + (double)(bbest % bx) * bs;
		}
		if (getenv("DCMSCRUB_DEBUG") != NULL)
			fprintf(stderr, "deface: the grid cuts %.0f mm\xc2\xb2 of head at the sides, %.0f at the "
			    "bottom; the midline at x %.1f\n", sides, bottom, cx);
		/* the midline profiles, front and back: over the central 20 mm of x */
		prof = emalloc(bz * sizeof(*prof));
		bprof = emalloc(bz * sizeof(*bprof));
		for (b = 0; b < bz; b++) {
			size_t ix;

			prof[b] = -INFINITY;
			bprof[b] = INFINITY;
			for (ix = 0; ix < bx; ix++) {
				double xc = xmin + ix * bs;

				if (fabs(xc - cx) > 10)
					continue;
				prof[b] = fmax(prof[b], front[ix + bx * b]);
				bprof[b] = fmin(bprof[b], back[ix + bx * b]);
			}
		}
		headlen = umax - umin;
		headw = xmax - xmin;
		/*
		 * the nose tip: the most anterior point of the profile in the lower
		 * 70% of the head, or anywhere in a head cut at the top (a field of
		 * view that ends above the eyes)
		 */
		top = cut_area(&g, inside, v, padded, lo, 2, 1);
		if (getenv("DCMSCRUB_DEBUG") != NULL) {
			fprintf(stderr, "deface: the grid cuts %.0f mm\xc2\xb2 of head at the top; the profile:", top);
			for (b = 0; b < bz; b++)
				fprintf(stderr, " %.0f", prof[b]);
			fprintf(stderr, "\n");
		}
		top = top > 400 ? 1.0 : 0.7;
		/*
		 * how far the nose stands out of the profile 30 to 45 mm above and
		 * below it, and the most the back of the head does (for the check of
		 * the orientation)
		 */
		prot = stand_out(prof, (long)bz, (long)((top * (zmax - zmin)) / bs), bs, 1, bottom > 400, &tip);
		bprot = stand_out(bprof, (long)bz, (long)bz - 1, bs, -1, 0, NULL);
		/*
		 * a face cut by the edge of the grid (a field of view, or a template's
		 * box, that ends in front of the nose): head voxels on the grid's
		 * anterior faces, many more than on its posterior ones; the nose is
		 * taken to be at the middle height of the cut
		 */
		if (!(prot > 0.04 * headlen)) {
			double za = 0, na = head_on_faces(&g, inside, 1, -1, &za);
			double np_ = head_on_faces(&g, inside, 1, 1, NULL);

			if (getenv("DCMSCRUB_DEBUG") != NULL)
				fprintf(stderr, "deface: head voxels at the grid's front %.0f, at its back %.0f\n", na, np_);
			if (na * bs * bs > 0.01 * headlen * headlen && na > 3 * np_) {
				double ztip = za / na;

				tip = (long)((ztip - zmin) / bs + 0.5);
				if (tip >= (long)bz)
					tip = (long)bz - 1;
				prot = 0.04 * headlen + 1;	/* found, by the cut */
				wnote("the face is cut by the edge of the grid (%.0f mm\xc2\xb2 of head on its front): "
				    "taken as the face", na * bs * bs);
			}
		}
		if (bprot > prot && bprot > 0.04 * headlen) {
			r->why = esprintf("no face found at the front: the back of the head stands out more "
			    "(%.1f mm) than the front (%.1f mm): the orientation in the header disagrees with "
			    "the image, or the face is not in it; refused",
			    bprot, isfinite(prot) ? prot : 0);
			goto fail;
		}
		if (tip < 0 || !(prot > 0.04 * headlen)) {
			r->why = esprintf("no face found: no nose stands out of the front of the head "
			    "(%.1f mm; a head %.0f mm long needs %.1f)", isfinite(prot) ? prot : 0,
			    headlen, 0.04 * headlen);
			goto fail;
		}
		/*
		 * a head cut by the grid behind the face (a small field of view, as a
		 * dental CBCT's) is longer and wider than what the grid holds: the
		 * proportions below are then an adult's, 190 mm long, 165 mm wide
		 */
		{
			double cutb = cut_area(&g, inside, v, padded, lo, 1, 1);
			double cutx = sides;

			if (getenv("DCMSCRUB_DEBUG") != NULL)
				fprintf(stderr, "deface: the grid cuts %.0f mm\xc2\xb2 of head behind, %.0f at the sides\n",
				    cutb, cutx);
			if (cutb > 400 && headlen < 190) {
				wnote("the head is cut by the grid behind the face (%.0f mm\xc2\xb2 on its back): "
				    "taken as 190 mm long, not %.0f", cutb, headlen);
				headlen = 190;
				/* and its centre, where such a head's would be */
				cy = fmax(cy, -(umax - headlen / 2));
			}
			if (cutx > 400 && headw < 165)
				headw = 165;
		}
		/* the root of the nose: the deepest point of the profile 15 to 60 mm above the tip */
		for (b = (size_t)tip + (size_t)(15 / bs); b < bz && b <= (size_t)tip + (size_t)(60 / bs); b++)
			if (isfinite(prof[b]) && (nas < 0 || prof[b] < prof[nas]))
				nas = (long)b;
		/*
		 * how deep the face's soft tissue goes in each column: from the front
		 * surface inwards to the first run of 2 mm that is not soft tissue (MR:
		 * dark, air or bone; CT: bright, bone), at most depth
		 */
		{
			double inv[3][3], ax[3][3], step = bs / 2, ztip = zmin + tip * bs;
			int r2, c2;

			stopd = emalloc(bx * bz * sizeof(*stopd));
			for (r2 = 0; r2 < 3; r2++)
				for (c2 = 0; c2 < 3; c2++)
					ax[r2][c2] = g.a[r2][c2];
			if (vol_invert3(ax, inv) < 0) {
				r->why = estrdup("a grid whose axes are not independent");
				goto fail;
			}
			for (b = 0; b < bx * bz; b++) {
				double p[3], dd, run = 0;
				/*
				 * CT in face mode, below the eyes: the first bone (the nose's,
				 * the maxilla's, the mandible's, the teeth) goes too, and what
				 * lies behind it stops the ray
				 */
				int through = !mr && mode == M_FACE, inbone = 0;

				stopd[b] = 0;
				if (!isfinite(front[b]))
					continue;
				p[0] = xmin + (b % bx) * bs;
				p[2] = zmin + (b / bx) * bs;
				if (p[2] - ztip >= 0.17 * headlen)
					through = 0;
				for (dd = 0; dd <= 0.2 * headlen; dd += step) {
					long vx;
					int soft;

					p[1] = -(front[b] - dd);
					vx = voxel_at(&g, inv, p);
					if (vx < 0)
						break;
					/* MR: dark is air or bone alike, so it stops, but for the air
					 * outside the head below the nose tip (between the lips; above
					 * it, that air may be a thin skull the sweeps leaked into); CT:
					 * only bone stops (the air of the mouth and the nose lies in
					 * front of the bones) */
					soft = mr ? q[vx] > td || (!inside[vx] && p[2] < ztip) : q[vx] <= tb;
					if (inbone)
						soft = !soft;	/* in the bone that goes: what is not bone stops */
					if (soft || dd < 1.5 * bs) {
						run = 0;
						stopd[b] = (float)(dd + step);
					} else if ((run += step) >= 2) {
						if (through && !inbone) {
							inbone = 1;	/* 2 mm of bone: into it */
							run = 0;
							stopd[b] = (float)(dd + step);
							continue;
						}
						/* a bin is wider than its ray: keep a quarter of a bin from what stopped it */
						stopd[b] = (float)fmax(0, stopd[b] - 0.25 * bs);
						break;
					}
				}
			}
		}
		/*
		 * a voxel lies up to half a bin from its bin's ray: what stops it is
		 * the surface of the bone interpolated between the rays around it,
		 * held as the u where each ray stopped (stopu).  Above the upper
		 * eyelids (23% of the head's length over the nose tip), where the
		 * bone is shallower in a bin next to it, the shallower stop holds
		 * (stopm: on a sloping forehead the brain is close behind the bone)
		 */
		stopm = emalloc(bx * bz * sizeof(*stopm));
		for (b = 0; b < bx * bz; b++)
			stopd[b] = isfinite(front[b]) ? front[b] - stopd[b] : INFINITY;
		for (b = 0; b < bx * bz; b++) {
			long ix = (long)(b % bx), iz = (long)(b / bx), dx, dzz;
			float m = stopd[b];

			for (dzz = -1; dzz <= 1; dzz++)
				for (dx = -1; dx <= 1; dx++) {
					long jx = ix + dx, jz = iz + dzz;

					if (jx >= 0 && jz >= 0 && jx < (long)bx && jz < (long)bz &&
					    isfinite(front[jx + bx * jz]))
						m = fmaxf(m, stopd[jx + bx * jz]);
				}
			stopm[b] = m;
		}
		zt = zmin + tip * bs;
		if (getenv("DCMSCRUB_DEBUG") != NULL)
			fprintf(stderr, "deface: head %.0f..%.0f x, %.0f..%.0f z, u %.0f..%.0f; centre %.1f %.1f %.1f; "
			    "nose tip z %.1f u %.1f (stands out %.1f, back %.1f); nasion z %.1f; t %d tb %d td %d\n",
			    xmin, xmax, zmin, zmax, umin, umax, cx, cy, cz, zmin + tip * bs, prof[tip], prot,
			    bprot, nas >= 0 ? zmin + nas * bs : NAN, t, tb, td);
		width = 0.36 * headw;
		depth = 0.20 * headlen;
		if (getenv("DCMSCRUB_DEBUG") != NULL)
			fprintf(stderr, "deface: the face found (%.2f s)\n", elapsed());
		/* 4. the region, and 5. what in it changes */
		r->changed = ecalloc(n, 1);
		for (k = 0; k < g.nz; k++)
			for (j = 0; j < g.ny; j++)
				for (i = 0; i < g.nx; i++) {
					double p[3], u, dz, dd;
					size_t ix, iz;

					x = i + g.nx * (j + g.ny * k);
					if (!inside[x] && q[x] <= t)
						continue;	/* air already */
					to_patient(&g, i, j, k, p);
					u = -p[1];
					/*
					 * never deeper than 28% of the head's length behind the nose tip
					 * down to just under it, where the brain may be beside the face;
					 * below that, the jaw's: anterior to the centre of the head
					 */
					if (u < -cy + 0.1 * headlen || fabs(p[0] - cx) > width ||
					    (p[2] > zt - 0.05 * headlen && u < prof[tip] - 0.28 * headlen))
						continue;
					if (p[0] < xmin || p[0] > xmax || p[2] < zmin || p[2] > zmax)
						continue;
					ix = (size_t)((p[0] - xmin) / bs + 0.5);
					iz = (size_t)((p[2] - zmin) / bs + 0.5);
					if (ix >= bx || iz >= bz || !isfinite(front[ix + bx * iz]))
						continue;
					/*
					 * the column's soft tissue up to the eyes (17% of the head's
					 * length over the nose tip), then less and less deep up to the
					 * brow (27%), where only the skin and what lies under it go
					 */
					dz = p[2] - zt;
					dd = depth;
					if (dz > 0.27 * headlen)
						dd = 0;
					else if (dz > 0.17 * headlen)	/* eyes to brow: 12% to 5% of the length */
						dd = fmin(dd, 0.12 * headlen - 0.07 * headlen * (dz - 0.17 * headlen) /
						    (0.10 * headlen));
					else if (dz > 0)	/* nose tip to eyes: 20% to 12% */
						dd = fmin(dd, depth - (depth - 0.12 * headlen) * dz / (0.17 * headlen));
					if (dd <= 0 || u < front[ix + bx * iz] - dd || (dz > 0.23 * headlen ?
					    u < stopm[ix + bx * iz] :
					    u < stop_at(stopd, front, bx, bz, (p[0] - xmin) / bs, (p[2] - zmin) / bs)))
						continue;
					if (mode == M_SOFT && q[x] > tb)
						continue;	/* bone and teeth stay */
					if (!inside[x] && q[x] <= t)
						continue;	/* air already */
					r->changed[x] = 1;
					r->nchanged++;
				}
		free(front);
		free(back);
		free(prof);
		free(bprof);
		free(stopd);
		free(stopm);
		goto done;
fail:
		free(stopd);
		free(stopm);
		free(front);
		free(back);
		free(prof);
		free(bprof);
		free(q);
		free(inside);
		return -1;
	}
done:
	/* the background: the median stored value of the air outside the head (the padding of a
	 * cylindrical field of view left out: the most frequent lowest value) */
	{
		size_t *h = ecalloc(257, sizeof(*h)), c = 0, tot = 0;
		int b;
		double sum = 0;
		size_t cnt = 0;

		for (x = 0; x < n; x++)
			if (!inside[x] && q[x] > 0)
				h[q[x]]++, tot++;
		if (tot == 0)
			for (x = 0; x < n; x++)
				if (!inside[x])
					h[q[x]]++, tot++;
		for (b = 0; b < 256; b++) {
			c += h[b];
			if (2 * c >= tot)
				break;
		}
		for (x = 0; x < n; x++)
			if (!inside[x] && q[x] == b)
				sum += vol_sample(v->type, v->data, x), cnt++;
		r->background = cnt > 0 ? floor(sum / (double)cnt + 0.5) : lo;
		free(h);
	}
	free(q);
	free(inside);
	return 0;
}

/* ---- the series ---- */

static int
set(dcm_item *it, uint32_t tag, const char *vr, const char *value)
{
	char *err = NULL;

	if (dcm_item_set_string(it, tag, vr, value, &err) != DCM_OK) {
		weprintf("(%04x,%04x): %s", DCM_GROUP(tag), DCM_ELEMENT(tag), err != NULL ? err : "cannot set");
		free(err);
		return -1;
	}
	return 0;
}

/* Body parts that are not a head: such series pass through. */
static int
not_a_head(dcm_item *ds)
{
	static const char *const heads[] = { "HEAD", "BRAIN", "SKULL", "HEADNECK", "FACE", "JAW", "MANDIBLE",
	    "MAXILLA", "TMJ", "SINUS", "ORBIT", "EAR", "IAC", "NECK", "TEETH", "DENTAL" };
	char *part = dcm_item_text(ds, T(0x0018, 0x0015));
	size_t i;
	int head = *part == '\0';

	for (i = 0; !head && i < sizeof(heads) / sizeof(heads[0]); i++)
		if (strstr(part, heads[i]) != NULL)
			head = 1;
	free(part);
	return !head;
}

/* CBCT or dental CT (soft-tissue mode by default): what the header says of itself. */
static int
is_cbct(dcm_item *ds)
{
	static const char *const words[] = { "CBCT", "CONE", "DENTAL", "JAW", "MAXILLA", "MANDIBLE", "TMJ",
	    "TEETH", "PLANMECA", "CARESTREAM", "SIRONA", "VATECH", "NEWTOM", "I-CAT", "MORITA" };
	static const uint32_t tags[] = { T(0x0008, 0x0070), T(0x0008, 0x1090), T(0x0008, 0x103e),
	    T(0x0008, 0x1030), T(0x0018, 0x0015) };
	char *mod = dcm_item_text(ds, T(0x0008, 0x0060));
	size_t i, w;
	int yes = 0;

	if (strcmp(mod, "CT") == 0)
		for (i = 0; !yes && i < sizeof(tags) / sizeof(tags[0]); i++) {
			char *v = dcm_item_text(ds, tags[i]), *p;

			for (p = v; *p != '\0'; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			for (w = 0; !yes && w < sizeof(words) / sizeof(words[0]); w++)
				if (strstr(v, words[w]) != NULL)
					yes = 1;
			free(v);
		}
	free(mod);
	return yes;
}

/* The record of a file not changed: as it came, or its path. */
static void
pass(const struct deface *d, const char *record, const char *path)
{
	if (manifest_pass(stdout, record, path, d->nul) < 0)
		eprintf("stdout:");
}

/* FrameType (0008,9007) in the functional groups of a multi-frame image: DERIVED as its value 1. */
static int
derive_frame_type(void *arg, dcm_elem *e, const struct dcm_elem_info *info)
{
	char *val = NULL, *rest, *text;
	int *m = arg;

	if (info->tag != T(0x0008, 0x9007) || dcm_elem_get_string(e, &val) != DCM_OK)
		return DCM_VISIT_KEEP;
	rest = strchr(val, '\\');
	text = esprintf("DERIVED%s", rest != NULL ? rest : "\\SECONDARY");
	if (dcm_elem_set_string(e, text, NULL) != DCM_OK)
		*m = -1;
	free(text);
	free(val);
	return DCM_VISIT_KEEP;
}

/*
 * Write the file of slice ks[0] of the stack with the changed voxels set to
 * the background: one slice (a single-frame file), or the nk slices ks[] of
 * a multi-frame file, each at its frame.
 */
static int
write_file(struct deface *d, struct series_set *ss, size_t si, const size_t *ks, size_t nk,
    const struct volume *v, const struct result *res, const char *mode_word)
{
	dcm_file *f = NULL;
	dcm_item *ds, *c;
	const void *px;
	size_t len, i, j, m2, rows = v->dim[1], cols = v->dim[0], bpp = v->bytes_per_voxel;
	size_t fbytes = rows * cols * bpp;
	unsigned char *buf;
	char *err = NULL, *series, *sop, uid[64], *rel, *text;
	struct pending_record *p;
	struct stack_slice sl0, sl;
	int fd, m, rc = -1;
	double bg = res->background;

	series_stack_slice(ss, si, ks[0], &sl0);
	if ((sl0.path != NULL ? dcm_open_path(sl0.path, 0, &f, &err) :
	    dcm_open_mem(sl0.data, sl0.len, 0, &f, &err)) != DCM_OK ||
	    dcm_pixels(f, &px, &len, &err) != DCM_OK) {
		weprintf("%s: %s", sl0.name, err != NULL ? err : "cannot read");
		free(err);
		dcm_close(f);
		return -1;
	}
	for (m2 = 0; m2 < nk; m2++) {
		series_stack_slice(ss, si, ks[m2], &sl);
		if (len < fbytes * (size_t)(sl.frame + 1)) {
			weprintf("%s: pixel data shorter than its frames", sl0.name);
			dcm_close(f);
			return -1;
		}
	}
	buf = emalloc(len);
	memcpy(buf, px, len);
	for (m2 = 0; m2 < nk; m2++) {
		size_t k = ks[m2];
		unsigned char *fr;

		series_stack_slice(ss, si, k, &sl);
		fr = buf + fbytes * (size_t)sl.frame;
		/* voxel (i, j, k) is column i, row rows - 1 - j of slice k (volume.h) */
		for (j = 0; j < rows; j++)
			for (i = 0; i < cols; i++) {
				size_t x = i + cols * (j + rows * k), at = (rows - 1 - j) * cols + i;

				if (!res->changed[x])
					continue;
				switch (bpp) {
				case 1:
					fr[at] = (unsigned char)(int)bg;
					break;
				case 2: {
					uint16_t s = (uint16_t)(int16_t)(int)bg;

					memcpy(fr + 2 * at, &s, 2);
					break;
				}
				default: {
					uint32_t s = (uint32_t)(int32_t)(long)bg;

					memcpy(fr + 4 * at, &s, 4);
				}
				}
			}
	}
	ds = dcm_dataset(f);
	if (dcm_set_pixels(f, buf, len, bpp == 1 ? 8 : 16, &err) != DCM_OK) {
		weprintf("%s: %s", sl0.name, err);
		free(err);
		free(buf);
		dcm_close(f);
		return -1;
	}
	free(buf);
	/* a derived image of a new series */
	series = dcm_item_text(ds, T(0x0020, 0x000e));
	sop = dcm_item_text(ds, T(0x0008, 0x0018));
	pseudo_uidf(&d->key, uid, "dcm-deface/series/%s", series);
	m = set(ds, T(0x0020, 0x000e), "UI", uid);
	pseudo_uidf(&d->key, uid, "dcm-deface/instance/%s", sop);
	m |= set(ds, T(0x0008, 0x0018), "UI", uid);
	free(series);
	free(sop);
	{
		char *it = dcm_item_text(ds, T(0x0008, 0x0008)), *rest = strchr(it, '\\');

		text = esprintf("DERIVED%s", rest != NULL ? rest : "\\SECONDARY");
		m |= set(ds, T(0x0008, 0x0008), "CS", text);
		free(text);
		free(it);
	}
	if (sl0.multiframe && dcm_visit(ds, derive_frame_type, &m) != DCM_OK)
		m = -1;
	text = esprintf("dcm-deface %s: the face removed (%s mode): %zu voxels of the series set to the "
	    "background", DCMSCRUB_VERSION, mode_word, res->nchanged);
	m |= set(ds, T(0x0008, 0x2111), "ST", text);
	free(text);
	dcm_item_delete(ds, T(0x0008, 0x9215));
	if ((c = dcm_item_seq_append(ds, T(0x0008, 0x9215), &err)) == NULL)
		m = -1;
	else
		m |= set(c, T(0x0008, 0x0100), "SH", "113101") | set(c, T(0x0008, 0x0102), "SH", "DCM") |
		    set(c, T(0x0008, 0x0104), "LO", "Clinical trial submission image editing") ;
	if (m != 0) {
		dcm_close(f);
		return -1;
	}
	p = layout_dicom_record(ds, LAYOUT_DEFAULT, d->nul, &d->fatal, &rel);
	if ((fd = output_begin(d->out, rel)) < 0) {
		pending_record_free(p);
		goto out;
	}
	if (dcm_write_fd(f, fd, &err) != DCM_OK) {
		weprintf("%s/%s: %s", output_name(d->out), rel, err);
		output_abort(d->out);
		/* the run ends: nothing of this file's left for the leak check */
		free(err);
		pending_record_free(p);
		free(rel);
		dcm_close(f);
		exit(2);
	}
	if (output_commit(d->out, pending_record_done, p) < 0) {
		free(rel);
		dcm_close(f);
		exit(2);
	}
	rc = 0;
out:
	free(rel);
	dcm_close(f);
	return rc;
}

/* What a side file writes into its descriptor. */
typedef int (*side_fn)(int fd, const struct volume *v, const struct result *res, const char *mode_word,
    int gz, char **err);

static int
qc_side(int fd, const struct volume *v, const struct result *res, const char *mode_word, int gz,
    char **err)
{
	char *caption = esprintf("dcm-deface %s, %s mode: %zu voxels set to the background",
	    DCMSCRUB_VERSION, mode_word, res->nchanged);
	int rc = qc_png(fd, v, res->changed, res->background, res->surface, caption, err);

	(void)gz;
	free(caption);
	return rc;
}

/* The changed region as NIfTI: 1 where a voxel was set to the background, on the volume's grid. */
static int
mask_side(int fd, const struct volume *v, const struct result *res, const char *mode_word, int gz,
    char **err)
{
	struct volume m;
	char *d;
	int rc;

	memset(&m, 0, sizeof(m));
	memcpy(m.dim, v->dim, sizeof(m.dim));
	m.dim[3] = 1;
	memcpy(m.lps, v->lps, sizeof(m.lps));
	m.tilted = v->tilted;
	m.type = VOL_UINT8;
	m.bytes_per_voxel = 1;
	m.samples = 1;
	m.slope = 1;
	m.data = res->changed;
	d = esprintf("dcm-deface %s: the %s region", DCMSCRUB_VERSION, mode_word);
	rc = vol_write_nifti(fd, &m, gz, d, err);
	free(d);
	return rc;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/*
 * A side file of the n-th defaced series (--qc, --mask): NAME for the first,
 * NAME-2.ext for the second and so on; written to a temporary name beside
 * it, synced, renamed.
 */
static int
write_side(const char *name, int n, side_fn fn, const struct volume *v, const struct result *res,
    const char *mode_word, const char *what, const char *series)
{
	char *path, *err = NULL, *dot, *slash, *dir;
	struct output *o;
	int fd, rc = 0, gz = ends_with(name, ".nii.gz");

	if (n == 1)
		path = estrdup(name);
	else if (gz)
		path = esprintf("%.*s-%d.nii.gz", (int)(strlen(name) - 7), name, n);
	else if ((dot = strrchr(name, '.')) != NULL && strchr(dot, '/') == NULL)
		path = esprintf("%.*s-%d%s", (int)(dot - name), name, n, dot);
	else
		path = esprintf("%s-%d", name, n);
	/*
	 * through lib/output.c, as the series are: a temp file beside it that a
	 * kill leaves for the next run to remove; a file that cannot be written
	 * ends the run (exit 2), as an output's write error does
	 */
	slash = strrchr(path, '/');
	dir = slash == NULL ? estrdup(".") : slash == path ? estrdup("/") :
	    esprintf("%.*s", (int)(slash - path), path);
	if ((o = output_open(dir, NULL)) == NULL || (fd = output_begin(o, slash != NULL ? slash + 1 : path)) < 0)
		exit(2);
	if (fn(fd, v, res, mode_word, gz, &err) < 0) {
		weprintf("%s: %s", path, err != NULL ? err : strerror(errno));
		output_abort(o);
		exit(2);
	}
	if (output_commit(o, NULL, NULL) < 0 || output_close(o) < 0)
		exit(2);
	wnote("%s: %s of %s", path, what, series);
	free(err);
	free(dir);
	free(path);
	return rc;
}

/* The side files of a defaced series. */
static int
write_sides(struct deface *d, const struct volume *v, const struct result *res, const char *series,
    const char *mode_word)
{
	int rc = 0;

	d->nseries++;
	if (d->qc != NULL)
		rc |= write_side(d->qc, d->nseries, qc_side, v, res, mode_word, "the QC picture", series);
	if (d->mask != NULL)
		rc |= write_side(d->mask, d->nseries, mask_side, v, res, mode_word, "the region", series);
	return rc;
}

/* The face of v, trying again without the padding of a field of view. */
static int
find(const struct volume *v, enum mode mode, int mr, struct result *res)
{
	int tried;

	if (find_face(v, mode, mr, 0, res) == 0)
		return 0;
	if ((tried = res->padding) == 0)
		return -1;
	free(res->why);
	res->why = NULL;
	return find_face(v, mode, mr, tried == 1 ? 2 : 1, res);	/* the other view of the lowest value */
}

/*
 * --axes CODE: the affine of a volume without orientation, from where its
 * voxel axes point (one letter of L/R, P/A, S/I each, as gen-head's
 * --orient) and the lengths of its columns (the spacings).  0, or -1.
 */
static int
set_axes(struct volume *v, const char *code)
{
	static const char letters[] = "LRPASI";
	double a[3][3];
	int seen[3] = { 0, 0, 0 }, c, r;

	if (strlen(code) != 3)
		return -1;
	for (c = 0; c < 3; c++) {
		const char *l = strchr(letters, toupper((unsigned char)code[c]));
		double len = axis_mm(v->lps, c);

		if (l == NULL || seen[(l - letters) / 2]++)
			return -1;
		for (r = 0; r < 3; r++)
			a[r][c] = 0;
		/* LPS: L, P and S are +x, +y and +z */
		a[(l - letters) / 2][c] = (l - letters) % 2 == 0 ? len : -len;
	}
	for (r = 0; r < 3; r++) {
		for (c = 0; c < 3; c++)
			v->lps[r][c] = a[r][c];
		v->lps[r][3] = 0;
	}
	v->tilted = 0;
	return 0;
}

/*
 * A NIfTI or NRRD volume in, the same kind out (out/NAME, the input's file
 * name; a .nhdr's as one .nrrd): the same grid and values but in the face.
 * MR or CT comes from --modality, else from the values (air below -500 is
 * CT's); a NRRD without an anatomical space needs --axes.
 */
static int
deface_volume(struct deface *d, const struct input_file *f, int nrrd)
{
	struct volume v;
	struct result res;
	struct pending_record *p;
	char *err = NULL, *rel;
	char *name = estrdup(f->name), *colon = strstr(name, ".nii.gz:"), *base;
	unsigned char *saved = NULL;
	size_t x, n, k;
	double lo = INFINITY;
	enum mode mode = d->mode == M_AUTO ? M_FACE : d->mode;
	int fd, rc = -1, gz, oriented = 1, wr;

	/* a .nii.gz comes as the gzip member of an archive: named after the archive */
	if (colon != NULL)
		colon[7] = '\0';
	base = strrchr(name, '/') != NULL ? strrchr(name, '/') + 1 : name;
	if ((nrrd ? vol_read_nrrd(f->path, f->data, f->len, &v, &oriented, &err) :
	    vol_read_nifti(f->path, f->data, f->len, &v, &err)) < 0) {
		weprintf("%s: %s", f->name, err);
		free(err);
		free(name);
		return -1;
	}
	if (!oriented && d->axes == NULL) {
		weprintf("%s: no anatomical orientation (its space is not RAS, LAS or LPS): say where its "
		    "voxel axes point with --axes (LPS, RAS, LAI, ...)", f->name);
		free(name);
		vol_free(&v);
		return -1;
	}
	if (!oriented)
		(void)set_axes(&v, d->axes);	/* checked by main() */
	if (oriented && d->axes != NULL)
		wnote("%s: it has an orientation of its own: --axes %s left aside", f->name, d->axes);
	memset(&res, 0, sizeof(res));
	n = v.dim[0] * v.dim[1] * v.dim[2];
	if (v.dim[3] > 1 || v.samples > 1) {
		weprintf("%s: a 4-D or colour volume: not defaced", f->name);
		goto out;
	}
	for (x = 0; x < n; x++)
		lo = fmin(lo, v.slope * vol_sample(v.type, v.data, x) + v.inter);
	if (find(&v, mode, d->modality != 0 ? d->modality == 'm' : !(lo < -500), &res) < 0) {
		weprintf("%s: %s", f->name, res.why);
		goto out;
	}
	/* the changed voxels' values, for the QC picture's "before" once the output is written */
	saved = emalloc(res.nchanged * v.bytes_per_voxel + 1);
	for (x = 0, k = 0; x < n; x++)
		if (res.changed[x])
			memcpy(saved + v.bytes_per_voxel * k++, (unsigned char *)v.data + v.bytes_per_voxel * x,
			    v.bytes_per_voxel);
	for (x = 0; x < n; x++)
		if (res.changed[x])
			switch (v.bytes_per_voxel) {
			case 1:
				((unsigned char *)v.data)[x] = (unsigned char)(int)res.background;
				break;
			case 2:
				((uint16_t *)v.data)[x] = (uint16_t)(int16_t)(int)res.background;
				break;
			default:
				if (v.type == VOL_FLOAT32)
					((float *)v.data)[x] = (float)res.background;
				else
					((uint32_t *)v.data)[x] = (uint32_t)(int32_t)(long)res.background;
			}
	gz = ends_with(base, ".gz");
	if (nrrd && ends_with(base, ".nhdr"))
		rel = esprintf("%.*s.nrrd", (int)(strlen(base) - 5), base);
	else
		rel = estrdup(base);
	if ((fd = output_begin(d->out, rel)) < 0) {
		free(rel);
		goto out;
	}
	wr = nrrd ? vol_write_nrrd(fd, &v, "dcm-deface " DCMSCRUB_VERSION, &err) :
	    vol_write_nifti(fd, &v, gz, "dcm-deface " DCMSCRUB_VERSION, &err);
	if (wr < 0) {
		weprintf("%s/%s: %s", output_name(d->out), rel, err);
		output_abort(d->out);
		exit(2);
	}
	p = pending_record_new(d->nul, &d->fatal);
	p->field[MF_MODALITY] = estrdup("");
	p->field[MF_PATIENT] = estrdup("");
	p->field[MF_STUDY_UID] = estrdup("");
	p->field[MF_SERIES_UID] = estrdup("");
	p->field[MF_SOP_UID] = estrdup("");
	p->field[MF_FRAMES] = estrdup("");
	if (output_commit(d->out, pending_record_done, p) < 0)
		exit(2);
	free(rel);
	for (x = 0, k = 0; x < n; x++)
		if (res.changed[x])
			memcpy((unsigned char *)v.data + v.bytes_per_voxel * x, saved + v.bytes_per_voxel * k++,
			    v.bytes_per_voxel);
	rc = write_sides(d, &v, &res, f->name, mode == M_SOFT ? "soft-tissue" : "face");
out:
	free(saved);
	free(res.why);
	free(res.changed);
	free(err);
	free(name);
	vol_free(&v);
	return rc;
}

/*
 * A stack that cannot show a face, or NULL: fewer than 16 voxels along an
 * axis (a localizer, a few slices), or a slab thinner than MIN_FACE_MM.  A
 * face spans about 120 mm from the brow to the chin; a slab of less than
 * half of that cannot be rendered as one.  Such a stack passes through.
 */
#define MIN_FACE_MM	60.0

static char *
too_thin(const struct volume *v)
{
	double mm[3];
	int d;

	for (d = 0; d < 3; d++)
		mm[d] = (double)v->dim[d] * axis_mm(v->lps, d);
	for (d = 0; d < 3; d++)
		if (v->dim[d] < 16 || mm[d] < MIN_FACE_MM)
			return esprintf("%zux%zux%zu voxels, %.0fx%.0fx%.0f mm: too thin to show a face "
			    "(a head needs %d voxels and %.0f mm along each axis)", v->dim[0], v->dim[1],
			    v->dim[2], mm[0], mm[1], mm[2], 16, MIN_FACE_MM);
	return NULL;
}

/* One stack: deface it, or pass it through. */
static int
deface_stack(struct deface *d, struct series_set *set, size_t i)
{
	struct volume v;
	struct stack_slice sl;
	struct result res;
	dcm_file *h = NULL;
	enum mode mode = d->mode;
	char *err = NULL, *thin;
	size_t k, n = series_stack_size(set, i);
	long nframes = 0;
	int rc = 0, head = 1;

	memset(&res, 0, sizeof(res));
	series_stack_slice(set, i, 0, &sl);
	if ((sl.path != NULL ? dcm_open_path(sl.path, DCM_HEADER_ONLY, &h, &err) :
	    dcm_open_mem(sl.data, sl.len, DCM_HEADER_ONLY, &h, &err)) != DCM_OK) {
		weprintf("%s: %s", sl.name, err != NULL ? err : "cannot read");
		free(err);
		return -1;
	}
	if (not_a_head(dcm_dataset(h)))
		head = 0;
	if (mode == M_AUTO)
		mode = is_cbct(dcm_dataset(h)) ? M_SOFT : M_FACE;
	if (sl.multiframe) {
		char *t = dcm_item_text(dcm_dataset(h), T(0x0028, 0x0008));

		nframes = atol(t);
		free(t);
	}
	dcm_close(h);
	if (!head || sl.mosaic || sl.samples != 1) {
		wnote("%s: %s: left as it is", sl.name, !head ? "not a head (Body Part Examined)" :
		    "a mosaic or colour series (not defaced yet)");
		goto passed;
	}
	if (sl.multiframe) {
		/* one file, every frame of it in this stack */
		struct stack_slice o;

		for (k = 1; k < n; k++) {
			series_stack_slice(set, i, k, &o);
			if (o.path != NULL && sl.path != NULL ? strcmp(o.path, sl.path) != 0 :
			    o.path != sl.path || o.data != sl.data)
				break;
		}
		if (k < n || nframes != (long)n) {
			weprintf("%s: a multi-frame image whose %ld frames are not one stack of %zu "
			    "(several stacks, echoes or files): not defaced", sl.name, nframes, n);
			return -1;
		}
	}
	if (series_volume(set, i, &v, &err) < 0) {
		weprintf("%s: %s: not defaced", sl.name, err);
		free(err);
		return -1;
	}
	if (v.dim[3] > 1 || v.nfiles != n) {
		weprintf("%s: a 4-D series: not defaced", sl.name);
		vol_free(&v);
		return -1;
	}
	if ((thin = too_thin(&v)) != NULL) {
		wnote("%s: %s: left as it is", sl.name, thin);
		free(thin);
		vol_free(&v);
		goto passed;
	}
	if (find(&v, mode, strcmp(v.modality, "MR") == 0, &res) < 0) {
		weprintf("%s: %s", sl.name, res.why);
		free(res.why);
		vol_free(&v);
		return -1;
	}
	if (sl.multiframe) {
		size_t *ks = emalloc(n * sizeof(*ks));

		for (k = 0; k < n; k++)
			ks[k] = k;
		rc = write_file(d, set, i, ks, n, &v, &res, mode == M_SOFT ? "soft-tissue" : "face");
		free(ks);
	} else
		for (k = 0; k < n && rc == 0; k++)
			rc = write_file(d, set, i, &k, 1, &v, &res, mode == M_SOFT ? "soft-tissue" : "face");
	if (rc == 0)
		rc = write_sides(d, &v, &res, sl.name, mode == M_SOFT ? "soft-tissue" : "face");
	free(res.changed);
	vol_free(&v);
	return rc;
passed:
	for (k = 0; k < n; k++) {
		series_stack_slice(set, i, k, &sl);
		if (stack_slice_passes(&sl))
			pass(d, sl.record, sl.path);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "axes", required_argument, NULL, 'A' },
		{ "modality", required_argument, NULL, 'D' },
		{ "null", no_argument, NULL, '0' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, 'k' },
		{ "mask", required_argument, NULL, 'M' },
		{ "mode", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "qc", required_argument, NULL, 'Q' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct deface d;
	struct series_set *set;
	struct input *in;
	struct input_file f;
	const char *outname = NULL, *keyfile = NULL;
	char *why, *err = NULL;
	size_t i, n;
	int ch, r, nrrd, rval = 0;

	setprogname(argv[0]);
	memset(&d, 0, sizeof(d));
	while ((ch = getopt_long(argc, argv, "0hk:m:o:q", longopts, NULL)) != -1) {
		switch (ch) {
		case '0':
			d.nul = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'm':
			if (strcmp(optarg, "face") == 0)
				d.mode = M_FACE;
			else if (strcmp(optarg, "soft-tissue") == 0)
				d.mode = M_SOFT;
			else {
				weprintf("-m %s: face or soft-tissue", optarg);
				usage();
			}
			break;
		case 'o':
			outname = optarg;
			break;
		case 'q':
			setquiet(1);
			break;
		case 'Q':
			d.qc = optarg;
			break;
		case 'M':
			d.mask = optarg;
			break;
		case 'A': {
			struct volume t;

			memset(&t, 0, sizeof(t));
			t.lps[0][0] = t.lps[1][1] = t.lps[2][2] = 1;
			if (set_axes(&t, optarg) < 0) {
				weprintf("--axes %s: one letter of L or R, P or A, S or I each, in any order", optarg);
				usage();
			}
			d.axes = optarg;
			break;
		}
		case 'D':
			if (strcmp(optarg, "ct") == 0 || strcmp(optarg, "mr") == 0)
				d.modality = optarg[0];
			else {
				weprintf("--modality %s: ct or mr", optarg);
				usage();
			}
			break;
		case 'V':
			printf("dcm-deface %s\n", DCMSCRUB_VERSION);
			return fshut_stdout();
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (outname == NULL)
		usage();
	if (pseudo_key_load(&d.key, keyfile) < 0)
		exit(2);
	if (dcm_init(&err) != DCM_OK)
		eprintf("%s", err);
	signal(SIGPIPE, SIG_IGN);
	in = input_open(argc, argv, d.nul, NULL);
	if ((d.out = output_open(outname, in)) == NULL)
		exit(2);
	if (manifest_write_header(stdout, d.nul) < 0)
		eprintf("stdout:");
	set = series_new();
	while ((r = input_next(in, &f)) != 0) {
		if (r < 0) {
			rval = 1;
			continue;
		}
		nrrd = ends_with(f.name, ".nrrd") || ends_with(f.name, ".nhdr");
		if (nrrd || ends_with(f.name, ".nii") || ends_with(f.name, ".nii.gz") ||
		    strstr(f.name, ".nii.gz:") != NULL) {
			if (deface_volume(&d, &f, nrrd) < 0)
				rval = 1;
			continue;
		}
		if ((r = series_add(set, f.name, f.path, f.data, f.len, f.record, &why)) < 0) {
			if (r == -3) {
				weprintf("%s: %s", f.name, why);
				rval = 1;
			} else
				pass(&d, f.record, f.path);
			free(why);
		}
	}
	n = series_count(set);
	for (i = 0; i < n; i++) {
		if (deface_stack(&d, set, i) < 0)
			rval = 1;
		if (d.fatal) {
			errno = d.fatal;
			eprintf("stdout:");
		}
	}
	if (output_close(d.out) < 0)
		exit(2);
	series_free(set);
	input_close(in);
	if (d.fatal) {
		errno = d.fatal;
		eprintf("stdout:");
	}
	if (fshut_stdout() != 0)
		return 2;
	return rval;
}
