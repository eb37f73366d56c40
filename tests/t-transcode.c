/*
 * t-transcode: the helper of tests/61-transcode.t (which prints the TAP).
 *
 *	t-transcode pixels FILE			ts, sha256 and length of the decoded pixels
 *	t-transcode transcode TS IN OUT [mem]	transcode_dicom() (mem: from a buffer)
 *	t-transcode nifti2dcm NII REF DIR [KEY]	nifti_to_dicom() into DIR/IM0001.dcm ...
 *						(IM0001 to IM(nt*nz), time-major, for 4-D)
 *	t-transcode niicmp A B			same grid, type, scaling, voxels; affines within 1e-4 mm
 *
 * Exit 0 on success, 1 on failure (with the reason on stderr), 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nifti1_io.h>
#include <sodium.h>

#include "dcm.h"
#include "pseudo.h"
#include "transcode.h"
#include "util.h"

static int pixels(const char *path);
static int transcode(const char *ts, const char *in, const char *out, int mem);
static int nifti2dcm(const char *nii, const char *ref, const char *dir, const char *keyfile);
static int niicmp(const char *a, const char *b);
static int emit_file(void *arg, size_t slice, size_t nslices, dcm_file *f);

static int
pixels(const char *path)
{
	dcm_file *f;
	const void *px;
	size_t len, i;
	char *e = NULL, *ts;
	unsigned char h[32];

	if (dcm_open_path(path, 0, &f, &e) != DCM_OK) {
		weprintf("%s: %s", path, e);
		free(e);
		return 1;
	}
	ts = estrdup(dcm_transfer_syntax(f));
	if (dcm_pixels(f, &px, &len, &e) != DCM_OK) {
		weprintf("%s: %s", path, e);
		free(e);
		free(ts);
		dcm_close(f);
		return 1;
	}
	crypto_hash_sha256(h, px, len);
	printf("%s\t", ts);
	for (i = 0; i < sizeof(h); i++)
		printf("%02x", h[i]);
	printf("\t%zu\t%s\n", len, dcm_transfer_syntax(f));
	free(ts);
	dcm_close(f);
	return 0;
}

static int
transcode(const char *ts, const char *in, const char *out, int mem)
{
	char *e = NULL, *data = NULL;
	size_t len = 0, cap = 0;
	int fd, rc;

	if (mem) {
		FILE *fp = fopen(in, "rb");
		size_t n;

		if (fp == NULL) {
			weprintf("%s:", in);
			return 1;
		}
		do {
			if (len + 65536 > cap)
				data = erealloc(data, cap = (cap + 65536) * 2);
			n = fread(data + len, 1, 65536, fp);
			len += n;
		} while (n > 0);
		fclose(fp);
	}
	if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		weprintf("%s:", out);
		free(data);
		return 1;
	}
	rc = transcode_dicom(mem ? NULL : in, data, len, fd, ts, &e);
	free(data);
	if (close(fd) < 0 && rc == 0) {
		weprintf("%s:", out);
		return 1;
	}
	if (rc != 0) {
		weprintf("%s: %s", in, e);
		free(e);
		unlink(out);
		return 1;
	}
	return 0;
}

static int
emit_file(void *arg, size_t slice, size_t nslices, dcm_file *f)
{
	const char *dir = arg;
	char *path, *e = NULL;
	int fd, rc = 0;

	/* slice = t * nz + k of nslices = nt * nz: IM0001 ... in InstanceNumber order */
	if (slice >= nslices) {
		weprintf("emit: slice %zu of %zu", slice, nslices);
		return -1;
	}
	path = esprintf("%s/IM%04zu.dcm", dir, slice + 1);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		weprintf("%s:", path);
		free(path);
		return -1;
	}
	if (dcm_write_fd(f, fd, &e) != DCM_OK) {
		weprintf("%s: %s", path, e);
		free(e);
		rc = -1;
	}
	if (close(fd) < 0)
		rc = -1;
	free(path);
	return rc;
}

static int
nifti2dcm(const char *nii, const char *ref, const char *dir, const char *keyfile)
{
	struct pseudo_key key;
	char *e = NULL;

	if (keyfile != NULL && pseudo_key_load(&key, keyfile) < 0)
		return 1;
	if (nifti_to_dicom(nii, ref, keyfile != NULL ? &key : NULL, emit_file, (void *)(uintptr_t)dir,
	    &e) != 0) {
		weprintf("%s", e);
		free(e);
		return 1;
	}
	return 0;
}

static int
niicmp(const char *a, const char *b)
{
	nifti_image *x = nifti_image_read(a, 1), *y = nifti_image_read(b, 1);
	double worst = 0;
	int i, r, c, rc = 0;

	if (x == NULL || y == NULL) {
		weprintf("cannot read %s", x == NULL ? a : b);
		rc = 1;
		goto done;
	}
	for (i = 0; i < 8; i++)
		if (x->dim[i] != y->dim[i]) {
			weprintf("dim[%d]: %lld, %lld", i, (long long)x->dim[i], (long long)y->dim[i]);
			rc = 1;
		}
	if (x->datatype != y->datatype) {
		weprintf("datatype: %d, %d", x->datatype, y->datatype);
		rc = 1;
	}
	if (x->scl_slope != y->scl_slope || x->scl_inter != y->scl_inter) {
		weprintf("scaling: %g %g, %g %g", x->scl_slope, x->scl_inter, y->scl_slope, y->scl_inter);
		rc = 1;
	}
	for (r = 0; r < 3; r++)
		for (c = 0; c < 4; c++) {
			worst = fmax(worst, fabs((double)x->sto_xyz.m[r][c] - y->sto_xyz.m[r][c]));
			worst = fmax(worst, fabs((double)x->qto_xyz.m[r][c] - y->qto_xyz.m[r][c]));
		}
	if (worst > 1e-4) {
		weprintf("affines differ by %g mm", worst);
		rc = 1;
	}
	if (rc == 0 && memcmp(x->data, y->data, x->nvox * (size_t)x->nbyper) != 0) {
		weprintf("voxels differ");
		rc = 1;
	}
	if (rc == 0)
		printf("same voxels, affines within %.3g mm\n", worst);
done:
	if (x != NULL)
		nifti_image_free(x);
	if (y != NULL)
		nifti_image_free(y);
	return rc;
}

int
main(int argc, char *argv[])
{
	setprogname(argv[0]);
	if (sodium_init() < 0)
		eprintf("libsodium: cannot initialise");
	if (argc == 3 && strcmp(argv[1], "pixels") == 0)
		return pixels(argv[2]);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "transcode") == 0)
		return transcode(argv[2], argv[3], argv[4], argc == 6);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "nifti2dcm") == 0)
		return nifti2dcm(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (argc == 4 && strcmp(argv[1], "niicmp") == 0)
		return niicmp(argv[2], argv[3]);
	fprintf(stderr, "usage: t-transcode pixels file | transcode ts in out [mem] | "
	    "nifti2dcm nii ref dir [key] | niicmp a b\n");
	return 2;
}
