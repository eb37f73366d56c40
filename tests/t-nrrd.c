/*
 * t-nrrd: lib/nrrd.c from the command line, for tests/16-nrrd.t.
 *
 *	t-nrrd info [-m|-M] file...	dims, type, oriented, tilted, the affine, the
 *					range, the voxels' sha256 (after "file NAME"
 *					if more than one)
 *	t-nrrd dump [-m] file		the voxels, in machine byte order, on stdout
 *	t-nrrd at [-m] file i j k [t]	one voxel's value
 *	t-nrrd same [-m] file1 file2	the same volume read from both (exactly;
 *					-m: file2 from memory)
 *	t-nrrd cmp-nifti file.nrrd file.nii
 *					the NIfTI's volume (vol_read_nifti): dims,
 *					affine to 1e-4 mm, real values
 *
 * -m reads the file into memory and passes its bytes (path NULL); -M reads
 * it both ways, which must agree: the same volume (a last line "same: ..."),
 * or the same refusal.  A file vol_read_nrrd() refuses: "t-nrrd: file: message" on
 * stderr, exit 1 (info goes on to the next file); exit 3 if it broke its
 * promises on the way (v not zeroed, *oriented set, no message) or the two
 * ways disagree.  Usage: exit 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "nifti.h"
#include "nrrd.h"
#include "util.h"
#include "volume.h"

static const char *const tname[] = { "uint8", "int8", "uint16", "int16", "uint32", "int32",
	"float32" };

static NORETURN void usage(void);
static unsigned char *load(const char *path, size_t *n);
static char *tryvol(const char *path, int mem, struct volume *v, int *oriented);
static void readvol(const char *path, int mem, struct volume *v, int *oriented);
static size_t nvoxels(const struct volume *v);
static size_t index_of(const struct volume *v, char **argv, int argc);
static int info(const struct volume *v, int oriented);
static int info_file(const char *path, int mem);
static int same(const struct volume *a, int oa, const struct volume *b, int ob);
static int cmp_nifti(const struct volume *a, int oriented, const struct volume *b);

static NORETURN void
usage(void)
{
	fprintf(stderr, "usage: t-nrrd info [-m|-M] file ...\n"
	    "       t-nrrd dump [-m] file\n"
	    "       t-nrrd at [-m] file i j k [t]\n"
	    "       t-nrrd same [-m] file1 file2\n"
	    "       t-nrrd cmp-nifti file.nrrd file.nii\n");
	exit(2);
}

static unsigned char *
load(const char *path, size_t *n)
{
	struct stat st;
	unsigned char *p;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0)
		eprintf("%s:", path);
	*n = (size_t)st.st_size;
	p = emalloc(*n + 1);
	if (*n > 0 && read(fd, p, *n) != (ssize_t)*n)
		eprintf("%s: short read", path);
	close(fd);
	return p;
}

/* The volume at path: NULL, or the message of its refusal; exit 3 if promises were broken. */
static char *
tryvol(const char *path, int mem, struct volume *v, int *oriented)
{
	struct volume zero;
	unsigned char *bytes = NULL;
	char *err = NULL;
	size_t n = 0;
	int r;

	if (mem)
		bytes = load(path, &n);
	*oriented = -1;
	r = vol_read_nrrd(mem ? NULL : path, bytes, n, v, oriented, &err);
	free(bytes);
	if (r == 0) {
		if (err != NULL || (*oriented != 0 && *oriented != 1)) {
			weprintf("%s: read, but err or oriented (%d) set wrong", path, *oriented);
			exit(3);
		}
		return NULL;
	}
	memset(&zero, 0, sizeof(zero));
	if (r != -1 || err == NULL || memcmp(v, &zero, sizeof(zero)) != 0 || *oriented != 0) {
		weprintf("%s: refused (%d), but without a message, or v not zeroed, or oriented %d",
		    path, r, *oriented);
		exit(3);
	}
	return err;
}

/* The volume at path, or exit 1 (refused). */
static void
readvol(const char *path, int mem, struct volume *v, int *oriented)
{
	char *err;

	if ((err = tryvol(path, mem, v, oriented)) != NULL) {
		weprintf("%s: %s", path, err);
		free(err);
		exit(1);
	}
}

static size_t
nvoxels(const struct volume *v)
{
	return v->dim[0] * v->dim[1] * v->dim[2] * v->dim[3];
}

static size_t
index_of(const struct volume *v, char **argv, int argc)
{
	size_t at[4] = { 0, 0, 0, 0 };
	const char *e;
	int a;

	if (argc < 3 || argc > 4)
		usage();
	for (a = 0; a < argc; a++) {
		at[a] = (size_t)strtonum_(argv[a], 0, (long long)v->dim[a] - 1, &e);
		if (e != NULL)
			eprintf("index %s: %s (side %zu)", argv[a], e, v->dim[a]);
	}
	return at[0] + v->dim[0] * (at[1] + v->dim[1] * (at[2] + v->dim[2] * at[3]));
}

static int
info(const struct volume *v, int oriented)
{
	double lo = INFINITY, hi = -INFINITY, x;
	size_t i, n = nvoxels(v);
	int r;

	printf("dim %zu %zu %zu %zu\n", v->dim[0], v->dim[1], v->dim[2], v->dim[3]);
	printf("type %s\n", tname[v->type]);
	printf("bytes_per_voxel %zu\n", v->bytes_per_voxel);
	printf("oriented %d\n", oriented);
	printf("tilted %d\n", v->tilted);
	for (r = 0; r < 4; r++)
		printf("lps %.10g %.10g %.10g %.10g\n", v->lps[r][0] + 0, v->lps[r][1] + 0,
		    v->lps[r][2] + 0, v->lps[r][3] + 0);
	for (i = 0; i < n; i++) {
		x = vol_sample(v->type, v->data, i);
		if (x < lo)
			lo = x;
		if (x > hi)
			hi = x;
	}
	printf("range %.9g %.9g\n", lo, hi);
	{
		unsigned char h[crypto_hash_sha256_BYTES];
		size_t k;

		crypto_hash_sha256(h, v->data, n * v->bytes_per_voxel);
		printf("sha256 ");
		for (k = 0; k < sizeof(h); k++)
			printf("%02x", h[k]);
		printf("\n");
	}
	/* what vol_read_nrrd() promises of every volume */
	if (v->samples != 1 || v->slope != 1 || v->inter != 0 || v->nfiles != 1 ||
	    v->modality == NULL || *v->modality != '\0' || v->patient == NULL ||
	    *v->patient != '\0' || v->study_uid == NULL || *v->study_uid != '\0' ||
	    v->series_uid == NULL || *v->series_uid != '\0' || v->src_path != NULL ||
	    v->src_data != NULL || v->bytes_per_voxel != (v->type <= VOL_INT8 ? 1u :
	    v->type <= VOL_INT16 ? 2u : 4u)) {
		printf("fields bad\n");
		return 1;
	}
	printf("fields ok\n");
	return 0;
}

/* info of one file (mem 2: from its path and from memory, which must agree): 0, 1 refused, 3 */
static int
info_file(const char *path, int mem)
{
	struct volume v, w;
	char *e1, *e2 = NULL;
	int oriented, ow, r;

	e1 = tryvol(path, mem == 1, &v, &oriented);
	if (mem == 2) {
		e2 = tryvol(path, 1, &w, &ow);
		if ((e1 == NULL) != (e2 == NULL) || (e1 != NULL && strcmp(e1, e2) != 0)) {
			weprintf("%s: from its path: %s; from memory: %s", path,
			    e1 != NULL ? e1 : "read", e2 != NULL ? e2 : "read");
			exit(3);
		}
	}
	if (e1 != NULL) {
		weprintf("%s: %s", path, e1);
		free(e1);
		free(e2);
		return 1;
	}
	r = info(&v, oriented);
	if (mem == 2) {
		if (same(&v, oriented, &w, ow) != 0)
			r = 3;
		vol_free(&w);
	}
	vol_free(&v);
	return r;
}

static int
same(const struct volume *a, int oa, const struct volume *b, int ob)
{
	int r, c;

	if (memcmp(a->dim, b->dim, sizeof(a->dim)) != 0 || a->type != b->type ||
	    a->bytes_per_voxel != b->bytes_per_voxel || oa != ob || a->tilted != b->tilted) {
		printf("differ: dims, type, oriented or tilted\n");
		return 1;
	}
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			if (a->lps[r][c] != b->lps[r][c]) {
				printf("differ: affine[%d][%d] %.17g %.17g\n", r, c, a->lps[r][c],
				    b->lps[r][c]);
				return 1;
			}
	if (memcmp(a->data, b->data, nvoxels(a) * a->bytes_per_voxel) != 0) {
		printf("differ: voxels\n");
		return 1;
	}
	printf("same: %zux%zux%zux%zu %s\n", a->dim[0], a->dim[1], a->dim[2], a->dim[3],
	    tname[a->type]);
	return 0;
}

/* a (NRRD, real values) against b (NIfTI, stored values and a rescale) */
static int
cmp_nifti(const struct volume *a, int oriented, const struct volume *b)
{
	double worst = 0, d, x, y;
	size_t i, n = nvoxels(a), bad = 0;
	int r, c;

	if (!oriented) {
		printf("differ: the NRRD is not oriented\n");
		return 1;
	}
	if (memcmp(a->dim, b->dim, sizeof(a->dim)) != 0) {
		printf("differ: dims %zux%zux%zux%zu, NIfTI %zux%zux%zux%zu\n", a->dim[0],
		    a->dim[1], a->dim[2], a->dim[3], b->dim[0], b->dim[1], b->dim[2], b->dim[3]);
		return 1;
	}
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++) {
			d = fabs(a->lps[r][c] - b->lps[r][c]);
			if (!(d <= worst))
				worst = isnan(d) ? INFINITY : d;
		}
	if (!(worst <= 1e-4) || a->tilted != b->tilted) {
		printf("differ: affine off by %g mm, or tilted %d (NIfTI %d)\n", worst, a->tilted,
		    b->tilted);
		return 1;
	}
	for (i = 0; i < n; i++) {
		x = vol_sample(a->type, a->data, i) * a->slope + a->inter;
		y = vol_sample(b->type, b->data, i) * b->slope + b->inter;
		if (!(fabs(x - y) <= 1e-6 * (fabs(y) > 1 ? fabs(y) : 1)))
			bad++;
	}
	if (bad > 0) {
		printf("differ: %zu of %zu voxels\n", bad, n);
		return 1;
	}
	printf("same: %zux%zux%zux%zu, affine within %.2g mm, %zu voxels (%s, NIfTI %s)\n",
	    a->dim[0], a->dim[1], a->dim[2], a->dim[3], worst, n, tname[a->type],
	    tname[b->type]);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct volume v, w;
	const char *cmd;
	char *err = NULL;
	int mem = 0, oriented, ow, r;

	setprogname("t-nrrd");
	if (argc < 3)
		usage();
	cmd = argv[1];
	argc -= 2;
	argv += 2;
	if (strcmp(argv[0], "-m") == 0 || strcmp(argv[0], "-M") == 0) {
		mem = argv[0][1] == 'm' ? 1 : 2;
		argc--;
		argv++;
	}
	if (argc < 1)
		usage();
	if (sodium_init() < 0)
		eprintf("sodium_init failed");
	if (strcmp(cmd, "info") == 0) {
		int many = argc > 1;

		for (r = 0; argc > 0; argc--, argv++) {
			if (many)
				printf("file %s\n", argv[0]);
			switch (info_file(argv[0], mem)) {
			case 0: break;
			case 1: r = r == 0 ? 1 : r; break;
			default: r = 3; break;
			}
		}
		if (fshut_stdout() != 0)
			return 2;
		return r;
	} else if (mem == 2)
		usage();
	else if (strcmp(cmd, "dump") == 0 && argc == 1) {
		readvol(argv[0], mem, &v, &oriented);
		r = write_all(STDOUT_FILENO, v.data, nvoxels(&v) * v.bytes_per_voxel) < 0;
	} else if (strcmp(cmd, "at") == 0 && argc >= 4) {
		readvol(argv[0], mem, &v, &oriented);
		printf("%.9g\n", vol_sample(v.type, v.data, index_of(&v, argv + 1, argc - 1)));
		r = 0;
	} else if (strcmp(cmd, "same") == 0 && argc == 2) {
		readvol(argv[0], 0, &v, &oriented);
		readvol(argv[1], mem, &w, &ow);
		r = same(&v, oriented, &w, ow);
		vol_free(&w);
	} else if (strcmp(cmd, "cmp-nifti") == 0 && argc == 2 && !mem) {
		readvol(argv[0], 0, &v, &oriented);
		if (vol_read_nifti(argv[1], NULL, 0, &w, &err) < 0)
			eprintf("%s: %s", argv[1], err);
		r = cmp_nifti(&v, oriented, &w);
		vol_free(&w);
	} else
		usage();
	vol_free(&v);
	if (fshut_stdout() != 0)
		return 2;
	return r;
}
