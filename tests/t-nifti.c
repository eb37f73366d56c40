/*
 * t-nifti: unit tests of lib/nifti.c, printing TAP.  Volumes of every type
 * on an oblique grid written by vol_write_nifti() (.nii and .nii.gz), read
 * back by vol_read_nifti() from a path and from memory, and by nibabel;
 * files nibabel writes (float64, big-endian, qform only, an extension,
 * NaN scl_slope) read by vol_read_nifti(); and the files it refuses.
 * Run in a scratch directory ($TMPDIR, or the current one).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nifti1.h>
#include <sodium.h>

#include "nifti.h"
#include "util.h"
#include "volume.h"
#include "tap.h"

#define PY "/usr/bin/python3"

struct buf {
	unsigned char *p;
	size_t n;
};

/* What nibabel says of a file (one line of nifti.py read). */
struct nib {
	int ok;
	size_t dim[4];
	char dtype[16];
	double slope, inter;
	char sha[65];
	double ras[3][4];
	char err[256];
};

static void make_volume(struct volume *v, enum vol_type t, unsigned samples, size_t nt,
    const double lps[4][4], uint64_t seed);
static int write_file(const char *path, const struct volume *v, int gz);
static int load(const char *path, struct buf *b);
static int save(const char *path, const void *p, size_t n);
static double affine_err(const struct volume *v, const double lps[4][4], int rounded);
static int same_volume(const struct volume *a, const struct volume *b, const char *what);
static void sha_hex(const void *p, size_t n, char out[65]);
static int nib_read(const char *const *files, size_t n, struct nib *out);
static int nib_agrees(const struct nib *nb, const struct volume *v, double tol, const char *what);
static void refuse(const char *path, const char *want, const char *what);
static void real_files(const char *list);

static const char *pyscript =
    "import hashlib, sys\n"
    "import numpy as np, nibabel as nib\n"
    "def read(f):\n"
    "    img = nib.load(f)\n"
    "    a = np.asanyarray(img.dataobj.get_unscaled())\n"
    "    if a.dtype.names:\n"
    "        dt = 'rgb24'\n"
    "    else:\n"
    "        dt = a.dtype.name\n"
    "        a = a.astype('<f4' if a.dtype.kind == 'f' else a.dtype.newbyteorder('<'))\n"
    "    s, i = img.dataobj.slope, img.dataobj.inter  # nib.load moves them from the header\n"
    "    sh = list(a.shape) + [1] * (4 - a.ndim)\n"
    "    aff = ','.join(repr(float(x)) for x in img.affine[:3].ravel())\n"
    "    print('OK', ','.join(map(str, sh)), dt, repr(1.0 if s is None else float(s)),\n"
    "          repr(0.0 if i is None else float(i)),\n"
    "          hashlib.sha256(a.tobytes(order='F')).hexdigest(), aff)\n"
    "def make(d):\n"
    "    rng = np.random.default_rng(7)\n"
    "    c, s = np.cos(0.4), np.sin(0.4)\n"
    "    aff = np.array([[0.9 * c, -1.1 * s, 0, 12.5], [0.9 * s, 1.1 * c, 0.3, -40.25],\n"
    "                    [0, 0, 2.5, 7.0], [0, 0, 0, 1]])\n"
    "    f64 = rng.normal(100, 30, (6, 5, 4))\n"
    "    nib.save(nib.Nifti1Image(f64, aff), d + '/f64.nii.gz')\n"
    "    # big-endian int16 with a rescale, as nibabel would not write it: by hand\n"
    "    i16 = rng.integers(-3000, 3000, (6, 5, 4, 2)).astype(np.int16)\n"
    "    be = nib.Nifti1Header(endianness='>')\n"
    "    be.set_data_shape(i16.shape)\n"
    "    be.set_data_dtype(np.int16)\n"
    "    be.set_sform(aff, code=1)\n"
    "    be.set_qform(aff, code=1)\n"
    "    be['scl_slope'], be['scl_inter'], be['vox_offset'] = 0.25, -7, 352\n"
    "    with open(d + '/be.nii', 'wb') as f:\n"
    "        f.write(be.binaryblock + bytes(4) + i16.astype('>i2').tobytes(order='F'))\n"
    "    img = nib.Nifti1Image(rng.integers(0, 60000, (6, 5, 4)).astype(np.uint16), None)\n"
    "    img.set_qform(aff, code=1)\n"
    "    img.set_sform(None, code=0)\n"
    "    nib.save(img, d + '/qform.nii')\n"
    "    img = nib.Nifti1Image(rng.integers(-100, 100, (6, 5, 4)).astype(np.int8), aff)\n"
    "    img.header.extensions.append(nib.nifti1.Nifti1Extension('comment', b'x' * 100))\n"
    "    nib.save(img, d + '/ext.nii.gz')\n"
    "    nib.save(nib.Nifti1Image(np.zeros((3, 3, 3, 2, 2), np.int16), aff), d + '/5d.nii')\n"
    "    nib.save(nib.Nifti2Image(np.zeros((3, 3, 3), np.int16), aff), d + '/n2.nii')\n"
    "    nib.save(nib.Nifti1Image(np.zeros((3, 3, 3), np.complex64), aff), d + '/cplx.nii')\n"
    "    nib.save(nib.Nifti1Image(np.full((3, 3, 3), 1e300), aff), d + '/huge.nii')\n"
    "    nib.save(nib.Nifti1Pair(np.zeros((3, 3, 3), np.int16), aff), d + '/pair.img')\n"
    "if sys.argv[1] == 'make':\n"
    "    make(sys.argv[2])\n"
    "else:\n"
    "    for f in open(sys.argv[2]).read().splitlines():\n"
    "        try:\n"
    "            read(f)\n"
    "        except Exception as e:\n"
    "            print('ERR', str(e).replace('\\n', ' ')[:200])\n"
    "    sys.stdout.flush()\n";

static const size_t bpv[] = { 1, 1, 2, 2, 4, 4, 4 };
static const char *const tname[] = { "uint8", "int8", "uint16", "int16", "uint32", "int32",
	"float32" };

/* 7 x 5 x 4 (x nt) voxels of type t, of every bit pattern the type has (finite floats). */
static void
make_volume(struct volume *v, enum vol_type t, unsigned samples, size_t nt, const double lps[4][4],
    uint64_t seed)
{
	size_t n, i;
	uint64_t s = seed | 1;

	memset(v, 0, sizeof(*v));
	v->dim[0] = 7;
	v->dim[1] = 5;
	v->dim[2] = 4;
	v->dim[3] = nt;
	memcpy(v->lps, lps, sizeof(v->lps));
	v->type = t;
	v->samples = samples;
	v->bytes_per_voxel = bpv[t] * samples;
	v->slope = t == VOL_FLOAT32 || samples == 3 ? 1 : 0.5;
	v->inter = t == VOL_FLOAT32 || samples == 3 ? 0 : -1024;
	n = 7 * 5 * 4 * nt * v->bytes_per_voxel;
	v->data = emalloc(n);
	if (t == VOL_FLOAT32) {
		float *f = v->data;

		for (i = 0; i < n / 4; i++)
			f[i] = (float)((double)(next64(&s) % 2000001) / 1000 - 1000);
	} else {
		unsigned char *p = v->data;

		for (i = 0; i < n; i++)
			p[i] = (unsigned char)next64(&s);
	}
}

static int
write_file(const char *path, const struct volume *v, int gz)
{
	char *err = NULL;
	int fd, r;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	r = vol_write_nifti(fd, v, gz, "t-nifti", &err);
	if (r < 0) {
		printf("# vol_write_nifti %s: %s\n", path, err);
		free(err);
	}
	if (close(fd) < 0)
		r = -1;
	return r;
}

static int
load(const char *path, struct buf *b)
{
	struct stat st;
	int fd;

	b->p = NULL;
	b->n = 0;
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0)
		return -1;
	b->n = (size_t)st.st_size;
	b->p = emalloc(b->n + 1);
	if (b->n > 0 && read(fd, b->p, b->n) != (ssize_t)b->n) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
save(const char *path, const void *p, size_t n)
{
	int fd, r;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	r = write_all(fd, p, n);
	if (close(fd) < 0)
		r = -1;
	return r;
}

/* The largest difference from lps (each element as a float, if rounded; else relative). */
static double
affine_err(const struct volume *v, const double lps[4][4], int rounded)
{
	double worst = 0, want, d;
	int r, c;

	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++) {
			want = rounded && r < 3 ? (double)(float)lps[r][c] : lps[r][c];
			d = fabs(v->lps[r][c] - want);
			if (!rounded)
				d /= fabs(want) > 1 ? fabs(want) : 1;
			if (!(d <= worst))
				worst = isnan(d) ? INFINITY : d;
		}
	return worst;
}

static int
same_volume(const struct volume *a, const struct volume *b, const char *what)
{
	size_t n = a->dim[0] * a->dim[1] * a->dim[2] * a->dim[3] * a->bytes_per_voxel;
	int r, c;

	if (memcmp(a->dim, b->dim, sizeof(a->dim)) != 0 || a->type != b->type ||
	    a->samples != b->samples || a->bytes_per_voxel != b->bytes_per_voxel) {
		printf("# %s: grid or type differs\n", what);
		return 0;
	}
	if (a->slope != b->slope || a->inter != b->inter || a->tilted != b->tilted) {
		printf("# %s: rescale or tilt differs\n", what);
		return 0;
	}
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			if (a->lps[r][c] != b->lps[r][c]) {
				printf("# %s: affine differs\n", what);
				return 0;
			}
	if (memcmp(a->data, b->data, n) != 0) {
		printf("# %s: voxels differ\n", what);
		return 0;
	}
	return 1;
}

static void
sha_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t i;

	crypto_hash_sha256(h, p, n);
	for (i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* nibabel's reading of files[0..n-1]; -1 if Python could not be run. */
static int
nib_read(const char *const *files, size_t n, struct nib *out)
{
	char line[4096], *t, *save_ptr;
	size_t i, k;
	FILE *p;
	int r, c;

	/* the names in a file, not on a command line: no quoting */
	if ((p = fopen("nib.list", "w")) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		fprintf(p, "%s\n", files[i]);
	if (fclose(p) != 0 || (p = popen(PY " nifti.py read nib.list", "r")) == NULL)
		return -1;
	for (i = 0; i < n && fgets(line, sizeof(line), p) != NULL; i++) {
		struct nib *o = &out[i];

		memset(o, 0, sizeof(*o));
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "OK ", 3) != 0) {
			snprintf(o->err, sizeof(o->err), "%.200s", line);
			continue;
		}
		if ((t = strtok_r(line + 3, " ", &save_ptr)) == NULL)
			continue;
		for (k = 0; k < 4; k++) {
			o->dim[k] = strtoul(t, &t, 10);
			if (*t == ',')
				t++;
		}
		if ((t = strtok_r(NULL, " ", &save_ptr)) == NULL)
			continue;
		snprintf(o->dtype, sizeof(o->dtype), "%s", t);
		if ((t = strtok_r(NULL, " ", &save_ptr)) == NULL)
			continue;
		o->slope = strtod(t, NULL);
		if ((t = strtok_r(NULL, " ", &save_ptr)) == NULL)
			continue;
		o->inter = strtod(t, NULL);
		if ((t = strtok_r(NULL, " ", &save_ptr)) == NULL)
			continue;
		snprintf(o->sha, sizeof(o->sha), "%s", t);
		if ((t = strtok_r(NULL, " ", &save_ptr)) == NULL)
			continue;
		for (r = 0; r < 3; r++)
			for (c = 0; c < 4; c++) {
				o->ras[r][c] = strtod(t, &t);
				if (*t == ',')
					t++;
			}
		o->ok = 1;
	}
	r = pclose(p);
	return r == 0 && i == n ? 0 : -1;
}

/* The volume nibabel read: the one vol_read_nifti() read? */
static int
nib_agrees(const struct nib *nb, const struct volume *v, double tol, const char *what)
{
	const char *dt;
	char sha[65];
	int r, c;

	if (!nb->ok) {
		printf("# %s: nibabel: %s\n", what, nb->err);
		return 0;
	}
	dt = v->samples == 3 ? "rgb24" : tname[v->type];
	if (strcmp(nb->dtype, dt) != 0 && !(strcmp(nb->dtype, "float64") == 0 &&
	    v->type == VOL_FLOAT32)) {
		printf("# %s: nibabel's type %s, ours %s\n", what, nb->dtype, dt);
		return 0;
	}
	if (memcmp(nb->dim, v->dim, sizeof(v->dim)) != 0) {
		printf("# %s: nibabel's shape %zux%zux%zux%zu\n", what, nb->dim[0], nb->dim[1],
		    nb->dim[2], nb->dim[3]);
		return 0;
	}
	if (nb->slope != v->slope || nb->inter != v->inter) {
		printf("# %s: nibabel's slope/inter %g %g, ours %g %g\n", what, nb->slope, nb->inter,
		    v->slope, v->inter);
		return 0;
	}
	for (r = 0; r < 3; r++)
		for (c = 0; c < 4; c++)
			if (!(fabs(nb->ras[r][c] - v->lps[r][c] * (r < 2 ? -1 : 1)) <= tol)) {
				printf("# %s: nibabel's affine[%d][%d] %.9g, ours (RAS) %.9g\n", what, r, c,
				    nb->ras[r][c], v->lps[r][c] * (r < 2 ? -1 : 1));
				return 0;
			}
	sha_hex(v->data, v->dim[0] * v->dim[1] * v->dim[2] * v->dim[3] * v->bytes_per_voxel, sha);
	if (strcmp(sha, nb->sha) != 0) {
		printf("# %s: the voxels differ from nibabel's\n", what);
		return 0;
	}
	return 1;
}

/* vol_read_nifti() refuses path (and its bytes in memory) with a message holding want. */
static void
refuse(const char *path, const char *want, const char *what)
{
	struct volume v, zero;
	struct buf b;
	char *err = NULL, *err2 = NULL;
	int r, r2 = -1;

	memset(&zero, 0, sizeof(zero));
	r = vol_read_nifti(path, NULL, 0, &v, &err);
	if (r == 0)
		vol_free(&v);
	ok(r < 0 && err != NULL && strstr(err, want) != NULL && memcmp(&v, &zero, sizeof(v)) == 0,
	    "%s: refused from a path (%s)", what, err != NULL ? err : "no message");
	if (load(path, &b) == 0) {
		r2 = vol_read_nifti(NULL, b.p, b.n, &v, &err2);
		if (r2 == 0)
			vol_free(&v);
	}
	ok(r2 < 0 && err2 != NULL && strstr(err2, want) != NULL,
	    "%s: refused from memory (%s)", what, err2 != NULL ? err2 : "no message");
	free(b.p);
	free(err);
	free(err2);
}

/* Real files, one name a line in list: read as nibabel reads them. */
static void
real_files(const char *list)
{
	char line[4096], **names = NULL, *err;
	struct nib *nb;
	struct volume v;
	size_t n = 0, i;
	FILE *f;

	if ((f = fopen(list, "r")) == NULL) {
		ok(0, "%s: %s", list, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		names = erealloc(names, (n + 1) * sizeof(*names));
		names[n++] = estrdup(line);
	}
	fclose(f);
	nb = ecalloc(n > 0 ? n : 1, sizeof(*nb));
	if (n == 0 || nib_read((const char *const *)names, n, nb) < 0)
		skip("no files or no nibabel", "real files as nibabel reads them");
	else
		for (i = 0; i < n; i++) {
			err = NULL;
			if (vol_read_nifti(names[i], NULL, 0, &v, &err) < 0) {
				ok(0, "%s: %s", names[i], err);
				free(err);
				continue;
			}
			ok(nib_agrees(&nb[i], &v, 1e-5, names[i]),
			    "%s (%zux%zux%zux%zu %s): as nibabel reads it", names[i] + (strlen(names[i]) >
			    60 ? strlen(names[i]) - 60 : 0), v.dim[0], v.dim[1], v.dim[2], v.dim[3],
			    v.samples == 3 ? "rgb24" : tname[v.type]);
			vol_free(&v);
		}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(nb);
}

int
main(int argc, char *argv[])
{
	/* 30 degrees about z, then 20 about x; voxels 0.9 x 1.1 x 2.5 mm */
	double lps[4][4], shear[4][4], rot[3][3], sp[3] = { 0.9, 1.1, 2.5 };
	double cz = cos(M_PI / 6), sz = sin(M_PI / 6), cx = cos(M_PI / 9), sx = sin(M_PI / 9);
	double rz[3][3] = { { cz, -sz, 0 }, { sz, cz, 0 }, { 0, 0, 1 } };
	double rx[3][3] = { { 1, 0, 0 }, { 0, cx, -sx }, { 0, sx, cx } };
	const char *names[32];
	struct nib nb[32];
	struct volume vols[32], v, w, bv;
	struct buf b;
	size_t nfiles = 0, i, big;
	char path[64], *err = NULL, *dir;
	int r, c, k, gz, have_nib, fd;
	FILE *f;

	setprogname("t-nifti");
	if (sodium_init() < 0)
		return 2;
	if ((dir = getenv("TMPDIR")) != NULL && chdir(dir) < 0)
		return 2;
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++)
			for (rot[r][c] = 0, k = 0; k < 3; k++)
				rot[r][c] += rx[r][k] * rz[k][c];
	memset(lps, 0, sizeof(lps));
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++)
			lps[r][c] = rot[r][c] * sp[c];
	lps[0][3] = -101.3;
	lps[1][3] = 87.25;
	lps[2][3] = -33.7;
	lps[3][3] = 1;
	memcpy(shear, lps, sizeof(shear));
	shear[0][2] += 0.8;	/* a gantry tilt: the slice axis leaves the normal */

	/* ---- every type, 3-D and 4-D, nii and nii.gz, through our reader ---- */
	for (i = 0; i <= VOL_FLOAT32 + 3; i++) {
		enum vol_type t = i <= VOL_FLOAT32 ? (enum vol_type)i : i == VOL_FLOAT32 + 1 ?
		    VOL_UINT8 : VOL_INT16;
		unsigned samples = i == VOL_FLOAT32 + 1 ? 3 : 1;
		size_t nt = i == VOL_FLOAT32 + 2 ? 3 : 1;
		const double (*aff)[4] = i == VOL_FLOAT32 + 3 ? shear : lps;
		char label[64];

		snprintf(label, sizeof(label), "%s%s%s", samples == 3 ? "rgb24" : tname[t],
		    nt > 1 ? " 4-D" : "", aff == shear ? " sheared" : "");
		for (gz = 0; gz < 2; gz++) {
			struct volume *o = &vols[nfiles];

			make_volume(o, t, samples, nt, aff, 0x9e3779b97f4a7c15ULL + i);
			snprintf(path, sizeof(path), "v%zu.nii%s", i, gz ? ".gz" : "");
			ok(write_file(path, o, gz) == 0, "%s: vol_write_nifti %s", label, path);
			err = NULL;
			r = vol_read_nifti(path, NULL, 0, &v, &err);
			ok(r == 0, "%s: vol_read_nifti %s%s%s", label, path, err ? ": " : "",
			    err ? err : "");
			free(err);
			if (r < 0) {
				vol_free(o);
				continue;
			}
			ok(memcmp(v.dim, o->dim, sizeof(v.dim)) == 0 && v.type == o->type &&
			    v.samples == o->samples && v.bytes_per_voxel == o->bytes_per_voxel,
			    "%s %s: dims %zux%zux%zux%zu, type and samples", label, path, v.dim[0],
			    v.dim[1], v.dim[2], v.dim[3]);
			ok(memcmp(v.data, o->data, 7 * 5 * 4 * nt * o->bytes_per_voxel) == 0,
			    "%s %s: every voxel", label, path);
			ok(v.slope == o->slope && v.inter == o->inter, "%s %s: slope %g, inter %g",
			    label, path, v.slope, v.inter);
			ok(affine_err(&v, aff, 1) <= 1e-6 && affine_err(&v, aff, 0) <= 1e-6,
			    "%s %s: the affine (to 1e-6: %.2g as floats, %.2g relative)", label, path,
			    affine_err(&v, aff, 1), affine_err(&v, aff, 0));
			ok(v.tilted == (aff == shear), "%s %s: tilted %d", label, path, v.tilted);
			ok(v.modality != NULL && *v.modality == '\0' && v.patient != NULL &&
			    *v.patient == '\0' && v.study_uid != NULL && *v.study_uid == '\0' &&
			    v.series_uid != NULL && *v.series_uid == '\0' && v.src_path == NULL &&
			    v.src_data == NULL && v.nfiles == 1,
			    "%s %s: empty identity strings, no source", label, path);
			/* the bytes of an archive member */
			err = NULL;
			if (load(path, &b) == 0 && vol_read_nifti(NULL, b.p, b.n, &w, &err) == 0) {
				ok(same_volume(&v, &w, path), "%s %s: from memory, the same volume",
				    label, path);
				vol_free(&w);
			} else
				ok(0, "%s %s: from memory: %s", label, path, err ? err : "unreadable");
			free(err);
			free(b.p);
			vol_free(&v);
			names[nfiles++] = estrdup(path);
		}
	}

	/* ---- the same bytes twice; a write error; a volume NIfTI-1 cannot hold ---- */
	{
		struct buf b1, b2;

		r = write_file("again.nii.gz", &vols[1], 1);
		ok(r == 0 && load("v0.nii.gz", &b1) == 0 && load("again.nii.gz", &b2) == 0 &&
		    b1.n == b2.n && memcmp(b1.p, b2.p, b1.n) == 0,
		    "the same volume, the same .nii.gz bytes");
		free(b1.p);
		free(b2.p);
	}
	if ((fd = open("/dev/full", O_WRONLY)) >= 0) {
		err = NULL;
		errno = 0;
		r = vol_write_nifti(fd, &vols[0], 0, NULL, &err);
		ok(r < 0 && errno == ENOSPC && err != NULL, "/dev/full: -1, ENOSPC (%s)",
		    err ? err : "no message");
		free(err);
		err = NULL;
		errno = 0;
		r = vol_write_nifti(fd, &vols[0], 1, NULL, &err);
		ok(r < 0 && errno == ENOSPC && err != NULL, "/dev/full, gzip: -1, ENOSPC (%s)",
		    err ? err : "no message");
		free(err);
		close(fd);
	} else
		skip("no /dev/full", "write errors");
	memset(&w, 0, sizeof(w));
	w.dim[0] = 40000;
	w.dim[1] = w.dim[2] = w.dim[3] = 1;
	w.bytes_per_voxel = 1;
	err = NULL;
	fd = open("wide.nii", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r = vol_write_nifti(fd, &w, 0, NULL, &err);
	ok(r < 0 && errno == EINVAL && err != NULL && strstr(err, "32767") != NULL,
	    "a side of 40000 refused (%s)", err ? err : "no message");
	free(err);
	close(fd);

	/* a volume of more than one gzip block and of more than the first read */
	memset(&bv, 0, sizeof(bv));
	bv.dim[0] = 256;
	bv.dim[1] = 256;
	bv.dim[2] = 140;
	bv.dim[3] = 1;
	memcpy(bv.lps, lps, sizeof(lps));
	bv.type = VOL_INT16;
	bv.samples = 1;
	bv.bytes_per_voxel = 2;
	bv.slope = 1;
	bv.inter = -1024;
	big = bv.dim[0] * bv.dim[1] * bv.dim[2];
	bv.data = emalloc(big * 2);
	for (i = 0; i < big; i++)
		((int16_t *)bv.data)[i] = (int16_t)((i % 256) * (i / 65536) - (int16_t)(i % 977));
	for (gz = 0; gz < 2; gz++) {
		snprintf(path, sizeof(path), "big.nii%s", gz ? ".gz" : "");
		err = NULL;
		r = write_file(path, &bv, gz) == 0 ? vol_read_nifti(path, NULL, 0, &v, &err) : -1;
		ok(r == 0 && memcmp(v.data, bv.data, big * 2) == 0 && v.dim[2] == 140,
		    "%s (17.5 MiB of voxels): read back whole%s%s", path, err ? ": " : "",
		    err ? err : "");
		if (r == 0)
			vol_free(&v);
		free(err);
		err = NULL;
		if (load(path, &b) == 0 && vol_read_nifti(NULL, b.p, b.n, &v, &err) == 0) {
			ok(memcmp(v.data, bv.data, big * 2) == 0, "%s: from memory, whole", path);
			vol_free(&v);
		} else
			ok(0, "%s: from memory: %s", path, err ? err : "unreadable");
		free(err);
		free(b.p);
	}
	free(bv.data);

	/* ---- nibabel ---- */
	have_nib = system(PY " -c 'import nibabel' 2>/dev/null") == 0;
	if (have_nib && ((f = fopen("nifti.py", "w")) == NULL || fputs(pyscript, f) < 0 ||
	    fclose(f) != 0))
		have_nib = 0;
	if (have_nib && nib_read(names, nfiles, nb) == 0) {
		for (i = 0; i < nfiles; i++) {
			err = NULL;
			r = vol_read_nifti(names[i], NULL, 0, &v, &err);
			ok(r == 0 && nib_agrees(&nb[i], &v, 1e-6, names[i]),
			    "nibabel reads %s as we do: shape, type, slope/inter, voxels, affine (1e-6)",
			    names[i]);
			if (r == 0)
				vol_free(&v);
			free(err);
		}
	} else
		skip("no " PY " with nibabel", "nibabel reads what vol_write_nifti wrote");

	if (have_nib && system(PY " nifti.py make . >py.err 2>&1") == 0) {
		static const char *const fx[] = { "f64.nii.gz", "be.nii", "qform.nii", "ext.nii.gz" };
		static const char *const what[] = {
			"float64 (narrowed to float32)", "big-endian int16 4-D, slope 0.25 inter -7",
			"qform only, NaN scl_slope", "an extension, int8, gzip",
		};
		struct nib fnb[4];

		r = nib_read((const char *const *)fx, 4, fnb);
		for (i = 0; i < 4; i++) {
			err = NULL;
			if (vol_read_nifti(fx[i], NULL, 0, &v, &err) < 0) {
				ok(0, "nibabel's %s (%s): %s", fx[i], what[i], err);
				free(err);
				continue;
			}
			ok(r == 0 && nib_agrees(&fnb[i], &v, i == 2 ? 1e-5 : 1e-6, fx[i]),
			    "nibabel's %s (%s): as nibabel reads it", fx[i], what[i]);
			if (load(fx[i], &b) == 0 && vol_read_nifti(NULL, b.p, b.n, &w, &err) == 0) {
				ok(same_volume(&v, &w, fx[i]), "nibabel's %s from memory: the same",
				    fx[i]);
				vol_free(&w);
			} else {
				ok(0, "nibabel's %s from memory: %s", fx[i], err ? err : "unreadable");
				free(err);
			}
			free(b.p);
			vol_free(&v);
		}
		refuse("5d.nii", "5-D", "a 5-D volume (nibabel)");
		refuse("n2.nii", "NIfTI-2", "NIfTI-2 (nibabel)");
		refuse("cplx.nii", "COMPLEX64", "complex64 (nibabel)");
		refuse("huge.nii", "beyond float32", "float64 of 1e300 (nibabel)");
		refuse("pair.hdr", ".hdr/.img", "an .hdr/.img pair (nibabel)");
	} else
		skip("no " PY " with nibabel", "nibabel's files");

	/* ---- what is refused, never a crash ---- */
	if (load("v3.nii", &b) == 0 && b.n > 400) {
		struct nifti_1_header h;
		unsigned char *p = b.p;

		memcpy(&h, p, sizeof(h));
		h.dim[0] = 5;
		h.dim[5] = 2;
		memcpy(p, &h, sizeof(h));
		save("5d.nii", p, b.n);
		refuse("5d.nii", "only 3-D and 4-D", "dim 7x5x4x1x2");
		memcpy(&h, p, sizeof(h));
		h.dim[0] = 3;
		h.dim[5] = 1;
		h.qform_code = h.sform_code = 0;
		memcpy(p, &h, sizeof(h));
		save("noxform.nii", p, b.n);
		refuse("noxform.nii", "no orientation (qform_code and sform_code are 0)",
		    "qform_code = sform_code = 0");
		h.qform_code = h.sform_code = 1;
		h.dim[2] = -5;
		memcpy(p, &h, sizeof(h));
		save("negdim.nii", p, b.n);
		refuse("negdim.nii", "malformed header: dim[2]", "dim[2] = -5");
		h.dim[2] = 5;
		h.vox_offset = NAN;
		memcpy(p, &h, sizeof(h));
		save("nanoff.nii", p, b.n);
		refuse("nanoff.nii", "vox_offset", "vox_offset NaN");
		h.vox_offset = 352;
		for (c = 0; c < 4; c++)
			h.srow_x[c] = h.srow_y[c] = h.srow_z[c] = 0;
		memcpy(p, &h, sizeof(h));
		save("flat.nii", p, b.n);
		refuse("flat.nii", "singular", "an sform of zeros");
		memcpy(p, &h, sizeof(h));
		memcpy(p + 344, "ni1", 4);
		save("ni1.nii", p, b.n);
		refuse("ni1.nii", ".hdr/.img", "magic ni1");
		memcpy(p + 344, "xyz", 4);
		save("analyze.nii", p, b.n);
		refuse("analyze.nii", "no n+1 magic", "no magic (ANALYZE)");
		free(b.p);
	} else
		ok(0, "v3.nii for the refusals");
	if (load("v3.nii", &b) == 0) {
		save("cut.nii", b.p, b.n - 5);
		refuse("cut.nii", "truncated", "a .nii cut 5 bytes short");
		save("cuthdr.nii", b.p, 200);
		refuse("cuthdr.nii", "truncated", "a .nii cut in its header");
		free(b.p);
	}
	if (load("v3.nii.gz", &b) == 0) {
		save("cut.nii.gz", b.p, b.n / 2);
		refuse("cut.nii.gz", "truncated", "a .nii.gz cut in half");
		save("cut8.nii.gz", b.p, b.n - 8);
		refuse("cut8.nii.gz", "truncated", "a .nii.gz without its gzip trailer");
		b.p[b.n - 6] ^= 0xff;	/* the CRC-32 */
		save("crc.nii.gz", b.p, b.n);
		refuse("crc.nii.gz", "corrupt gzip", "a .nii.gz with a wrong CRC");
		b.p[b.n - 6] ^= 0xff;
		b.p[30] ^= 0x55;
		b.p[31] ^= 0xaa;
		save("bad.nii.gz", b.p, b.n);
		refuse("bad.nii.gz", "gzip", "a .nii.gz with corrupt deflate data");
		free(b.p);
	}
	{
		static const char text[] = "This is not a NIfTI file at all, just some words of "
		    "text that run on and on for more than three hundred and forty-eight bytes, so "
		    "that the header is read whole and found to be wrong.  This is not a NIfTI "
		    "file at all, just some words of text that run on and on for more than three "
		    "hundred and forty-eight bytes, so that the header is read whole.\n";

		save("text.nii", text, strlen(text));
	}
	refuse("text.nii", "not a NIfTI-1 file", "a text file");
	save("short.nii", "hello\n", 6);
	refuse("short.nii", "not a NIfTI-1 file", "a 6-byte text file");
	save("empty.nii", "", 0);
	refuse("empty.nii", "not a NIfTI-1 file", "an empty file");
	err = NULL;
	r = vol_read_nifti("no/such.nii", NULL, 0, &v, &err);
	ok(r < 0 && err != NULL && strstr(err, "No such file") != NULL, "a missing file (%s)",
	    err ? err : "no message");
	free(err);
	err = NULL;
	r = vol_read_nifti(".", NULL, 0, &v, &err);
	ok(r < 0 && err != NULL, "a directory (%s)", err ? err : "no message");
	free(err);

	/* dcm2niix's references (dcm_qa) and other real files, when the tree has them */
	if (argc > 1 && have_nib)
		real_files(argv[1]);
	else
		skip(argc > 1 ? "no " PY " with nibabel" : "no list of real files",
		    "real files as nibabel reads them");

	for (i = 0; i < nfiles; i++) {
		vol_free(&vols[i]);
		free((char *)names[i]);
	}
	return tap_done();
}
