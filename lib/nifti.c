/* nifti.c: struct volume to and from single-file NIfTI-1 (see nifti.h). */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nifti1_io.h>
#include <zlib.h>

#include "gzpar.h"
#include "nifti.h"
#include "util.h"
#include "volume.h"

/* libdeflate's level: within 1.5% of pigz -6 on dcm_qa, about 3x faster than zlib */
#define GZ_LEVEL 4
#define HDR_SIZE 348
#define NII_OFFSET 352		/* the header and an empty extender */
#define MAX_SIDE 32767		/* dim[] is a short */
/* Voxels are read into a buffer that grows as they arrive, so that a header
 * that claims more than the file holds costs no more than twice the file. */
#define FIRST_CHUNK ((size_t)16 << 20)
#define ZCHUNK ((size_t)1 << 30)	/* zlib counts in unsigned int */

/* The bytes of a file, plain or gzip, from a path or from memory. */
struct src {
	gzFile gz;			/* a path: zlib reads a plain file as it is */
	const char *path;
	const unsigned char *mem;	/* or memory */
	size_t len, pos;
	z_stream zs;
	int inflating;			/* mem is gzip */
	int end;			/* the last gzip member of mem ended */
	char *err;			/* why a read stopped short, if not the end */
};

static int src_open(struct src *s, const char *path, const void *data, size_t len, char **err);
static size_t src_read(struct src *s, void *buf, size_t n);
static size_t src_inflate(struct src *s, unsigned char *p, size_t n);
static void src_close(struct src *s);
static int read_voxels(struct src *s, size_t need, unsigned char **out, char **err);
static int check_header(const struct nifti_1_header *h, char **err);
static int nifti_type(const struct volume *v);
static size_t nvoxels(const struct volume *v);

static int
src_open(struct src *s, const char *path, const void *data, size_t len, char **err)
{
	memset(s, 0, sizeof(*s));
	if (path != NULL) {
		errno = 0;
		if ((s->gz = gzopen(path, "rb")) == NULL) {
			*err = esprintf("%s", errno != 0 ? strerror(errno) : "cannot open");
			return -1;
		}
		gzbuffer(s->gz, 1 << 17);
		s->path = path;
		return 0;
	}
	if (data == NULL && len > 0) {
		*err = esprintf("no file and no bytes to read");
		return -1;
	}
	s->mem = data;
	s->len = len;
	if (len >= 2 && s->mem[0] == 0x1f && s->mem[1] == 0x8b) {
		/* gzip only (15 + 16): a zlib or raw deflate stream is not a .nii.gz */
		if (inflateInit2(&s->zs, 15 + 16) != Z_OK) {
			*err = esprintf("gzip: cannot start zlib");
			return -1;
		}
		s->inflating = 1;
	}
	return 0;
}

/* Up to n bytes; fewer at the end of the input or on an error (s->err). */
static size_t
src_read(struct src *s, void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0;

	if (s->err != NULL)
		return 0;
	if (s->gz != NULL) {
		while (got < n) {
			unsigned want = (unsigned)(n - got > ZCHUNK ? ZCHUNK : n - got);
			int r = gzread(s->gz, p + got, want), e;
			const char *msg;

			if (r > 0) {
				got += (size_t)r;
				continue;
			}
			msg = gzerror(s->gz, &e);
			/* zlib names the file; our caller does */
			if (strncmp(msg, s->path, strlen(s->path)) == 0 &&
			    strncmp(msg + strlen(s->path), ": ", 2) == 0)
				msg += strlen(s->path) + 2;
			if (e == Z_ERRNO)
				s->err = esprintf("read: %s", strerror(errno));
			else if (e == Z_BUF_ERROR)
				s->err = esprintf("truncated: the gzip stream ends early");
			else if (e != Z_OK)
				s->err = esprintf("corrupt gzip data: %s", msg);
			break;
		}
		return got;
	}
	if (s->inflating)
		return src_inflate(s, p, n);
	got = s->len - s->pos < n ? s->len - s->pos : n;
	if (got > 0)
		memcpy(p, s->mem + s->pos, got);
	s->pos += got;
	return got;
}

static size_t
src_inflate(struct src *s, unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n && !s->end) {
		size_t want = n - got > ZCHUNK ? ZCHUNK : n - got;
		int r;

		if (s->zs.avail_in == 0 && s->pos < s->len) {
			s->zs.next_in = (unsigned char *)(uintptr_t)(s->mem + s->pos);
			s->zs.avail_in = (unsigned)(s->len - s->pos > ZCHUNK ? ZCHUNK : s->len - s->pos);
			s->pos += s->zs.avail_in;
		}
		s->zs.next_out = p + got;
		s->zs.avail_out = (unsigned)want;
		r = inflate(&s->zs, Z_NO_FLUSH);
		got += want - s->zs.avail_out;
		if (r == Z_STREAM_END) {
			/* gzip allows members one after another; anything else ends it */
			if (s->zs.avail_in == 0 && s->pos < s->len) {
				s->zs.next_in = (unsigned char *)(uintptr_t)(s->mem + s->pos);
				s->zs.avail_in = (unsigned)(s->len - s->pos > ZCHUNK ? ZCHUNK : s->len - s->pos);
				s->pos += s->zs.avail_in;
			}
			if (s->zs.avail_in >= 2 && s->zs.next_in[0] == 0x1f && s->zs.next_in[1] == 0x8b)
				inflateReset(&s->zs);
			else
				s->end = 1;
			continue;
		}
		if ((r == Z_OK || r == Z_BUF_ERROR) && s->zs.avail_in == 0 && s->pos == s->len &&
		    s->zs.avail_out > 0) {
			s->err = esprintf("truncated: the gzip stream ends early");
			break;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			s->err = esprintf("corrupt gzip data: %s",
			    s->zs.msg != NULL ? s->zs.msg : "inflate failed");
			break;
		}
	}
	return got;
}

static void
src_close(struct src *s)
{
	if (s->gz != NULL)
		gzclose(s->gz);
	if (s->inflating)
		inflateEnd(&s->zs);
	free(s->err);
	memset(s, 0, sizeof(*s));
}

/* need bytes of voxels into a new buffer (*out), or a message. */
static int
read_voxels(struct src *s, size_t need, unsigned char **out, char **err)
{
	size_t cap = need < FIRST_CHUNK ? need : FIRST_CHUNK, got = 0;
	unsigned char *p, *q;

	if ((p = malloc(cap > 0 ? cap : 1)) == NULL)
		goto nomem;
	for (;;) {
		got += src_read(s, p + got, cap - got);
		if (got < cap || cap == need)
			break;
		cap = cap > need / 2 ? need : cap * 2;
		if ((q = realloc(p, cap)) == NULL)
			goto nomem;
		p = q;
	}
	if (got < need) {
		if (s->err != NULL)
			*err = esprintf("%s (%zu of %zu bytes of voxels)", s->err, got, need);
		else
			*err = esprintf("truncated: %zu of %zu bytes of voxels", got, need);
		free(p);
		return -1;
	}
	*out = p;
	return 0;
nomem:
	free(p);
	*err = esprintf("no memory for %zu bytes of voxels", need);
	return -1;
}

/* What nifticlib would choke on, or print to stderr about, refused first. */
static int
check_header(const struct nifti_1_header *h, char **err)
{
	int i, hi = 0;

	if (h->dim[0] < 1 || h->dim[0] > 7) {
		*err = esprintf("malformed header: dim[0] is %d, not 1 to 7", h->dim[0]);
		return -1;
	}
	for (i = 1; i <= h->dim[0]; i++) {
		if (h->dim[i] < 1) {
			*err = esprintf("malformed header: dim[%d] is %d", i, h->dim[i]);
			return -1;
		}
		if (i >= 5 && h->dim[i] > 1)
			hi = i;
	}
	if (hi > 0) {
		char dims[64];
		size_t o = 0;

		for (i = 1; i <= h->dim[0]; i++)
			o += (size_t)snprintf(dims + o, sizeof(dims) - o, "%s%d", i > 1 ? "x" : "",
			    h->dim[i]);
		*err = esprintf("a %d-D volume (%s): only 3-D and 4-D volumes are read", hi, dims);
		return -1;
	}
	switch (h->datatype) {
	case DT_UINT8: case DT_INT8: case DT_UINT16: case DT_INT16:
	case DT_UINT32: case DT_INT32: case DT_FLOAT32: case DT_FLOAT64: case DT_RGB24:
		break;
	default:
		*err = esprintf("NIfTI datatype %d (%s): not read (only uint8, int8, uint16, int16, "
		    "uint32, int32, float32, float64 and RGB24)", h->datatype,
		    nifti_datatype_string(h->datatype));
		return -1;
	}
	if (!isfinite(h->vox_offset) || h->vox_offset < HDR_SIZE || h->vox_offset > (float)(1 << 30)) {
		*err = esprintf("malformed header: vox_offset %g", (double)h->vox_offset);
		return -1;
	}
	if (h->qform_code <= 0 && h->sform_code <= 0) {
		*err = esprintf("no orientation (qform_code and sform_code are 0)");
		return -1;
	}
	return 0;
}

int
vol_read_nifti(const char *path, const void *data, size_t len, struct volume *v, char **err)
{
	struct nifti_1_header h;
	struct src s;
	nifti_image *nim = NULL;
	mat44 a;
	unsigned char *vox = NULL, skip[4096];
	size_t got, off, nvox, fbpv, i;
	double col[3][3], n[3], nl, kl, det, slope, inter;
	int r, c, swapped = 0, swapsize;
	uint32_t sz;

	memset(v, 0, sizeof(*v));
	if (src_open(&s, path, data, len, err) < 0)
		return -1;
	got = src_read(&s, &h, sizeof(h));
	if (s.err != NULL) {
		*err = esprintf("%s", s.err);
		goto fail;
	}
	if (got < 4) {
		*err = esprintf("not a NIfTI-1 file (%zu bytes)", got);
		goto fail;
	}
	memcpy(&sz, &h, 4);
	if (sz == 540 || sz == 0x1c020000) {
		*err = esprintf("a NIfTI-2 file: not read (only NIfTI-1)");
		goto fail;
	}
	if (sz == 0x5c010000)
		swapped = 1;
	else if (sz != HDR_SIZE) {
		*err = esprintf("not a NIfTI-1 file (no 348-byte header)");
		goto fail;
	}
	if (got < sizeof(h)) {
		*err = esprintf("truncated: %zu of the header's 348 bytes", got);
		goto fail;
	}
	if (memcmp(h.magic, "ni1", 4) == 0) {
		*err = esprintf("a NIfTI-1 header without its voxels (magic ni1: an .hdr/.img pair): "
		    "only single-file NIfTI (.nii) is read");
		goto fail;
	}
	if (memcmp(h.magic, "n+1", 4) != 0) {
		*err = esprintf("not a NIfTI-1 file (no n+1 magic: ANALYZE 7.5?)");
		goto fail;
	}
	if (swapped)
		swap_nifti_header(&h, 1);
	if (check_header(&h, err) < 0)
		goto fail;

	/* nifticlib's reading of the header: the qform from the quaternion and pixdim */
	nifti_set_debug_level(0);
	if ((nim = nifti_convert_nhdr2nim(h, NULL)) == NULL) {
		*err = esprintf("malformed header");
		goto fail;
	}
	a = nim->sform_code > 0 ? nim->sto_xyz : nim->qto_xyz;
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			v->lps[r][c] = r == 3 ? (c == 3) : (double)a.m[r][c] * (r < 2 ? -1 : 1);
	for (c = 0; c < 3; c++)
		for (r = 0; r < 3; r++)
			col[c][r] = v->lps[r][c];
	det = col[0][0] * (col[1][1] * col[2][2] - col[1][2] * col[2][1]) -
	    col[1][0] * (col[0][1] * col[2][2] - col[0][2] * col[2][1]) +
	    col[2][0] * (col[0][1] * col[1][2] - col[0][2] * col[1][1]);
	for (r = 0; r < 3; r++)
		if (!isfinite(v->lps[r][3]))
			det = NAN;
	if (!isfinite(det) || det == 0) {
		*err = esprintf("malformed header: the %s is %s", nim->sform_code > 0 ? "sform" : "qform",
		    isfinite(det) ? "singular" : "not finite");
		goto fail;
	}
	n[0] = col[0][1] * col[1][2] - col[0][2] * col[1][1];
	n[1] = col[0][2] * col[1][0] - col[0][0] * col[1][2];
	n[2] = col[0][0] * col[1][1] - col[0][1] * col[1][0];
	nl = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
	kl = sqrt(col[2][0] * col[2][0] + col[2][1] * col[2][1] + col[2][2] * col[2][2]);
	if (fabs(fabs(n[0] * col[2][0] + n[1] * col[2][1] + n[2] * col[2][2]) / (nl * kl) - 1) > 1e-6)
		v->tilted = 1;

	v->dim[0] = (size_t)h.dim[1];
	v->dim[1] = h.dim[0] >= 2 ? (size_t)h.dim[2] : 1;
	v->dim[2] = h.dim[0] >= 3 ? (size_t)h.dim[3] : 1;
	v->dim[3] = h.dim[0] >= 4 ? (size_t)h.dim[4] : 1;
	v->samples = 1;
	switch (h.datatype) {
	case DT_UINT8: v->type = VOL_UINT8; v->bytes_per_voxel = 1; break;
	case DT_INT8: v->type = VOL_INT8; v->bytes_per_voxel = 1; break;
	case DT_UINT16: v->type = VOL_UINT16; v->bytes_per_voxel = 2; break;
	case DT_INT16: v->type = VOL_INT16; v->bytes_per_voxel = 2; break;
	case DT_UINT32: v->type = VOL_UINT32; v->bytes_per_voxel = 4; break;
	case DT_INT32: v->type = VOL_INT32; v->bytes_per_voxel = 4; break;
	case DT_RGB24: v->type = VOL_UINT8; v->samples = 3; v->bytes_per_voxel = 3; break;
	default: v->type = VOL_FLOAT32; v->bytes_per_voxel = 4; break;	/* float32, float64 */
	}
	fbpv = h.datatype == DT_FLOAT64 ? 8 : v->bytes_per_voxel;
	swapsize = v->samples == 3 ? 1 : (int)fbpv;
	/* at most 4 sides of 32767: no overflow in 64 bits, checked for 32 */
	for (nvox = 1, i = 0; i < 4; i++) {
		if (SIZE_MAX / v->dim[i] < nvox)
			break;
		nvox *= v->dim[i];
	}
	if (i < 4 || SIZE_MAX / fbpv < nvox) {
		*err = esprintf("a volume too large for this machine");
		goto fail;
	}

	/* the extensions, if any, up to the voxels */
	for (off = HDR_SIZE; off < (size_t)h.vox_offset; off += got) {
		size_t want = (size_t)h.vox_offset - off;

		if ((got = src_read(&s, skip, want < sizeof(skip) ? want : sizeof(skip))) == 0) {
			*err = esprintf("%s (the voxels start at %zu)", s.err != NULL ? s.err : "truncated",
			    (size_t)h.vox_offset);
			goto fail;
		}
	}
	if (read_voxels(&s, nvox * fbpv, &vox, err) < 0)
		goto fail;
	/* the rest: a gzip stream is checked (its CRC) only at its end */
	while (src_read(&s, skip, sizeof(skip)) > 0)
		;
	if (s.err != NULL) {
		*err = esprintf("%s (after the voxels)", s.err);
		goto fail;
	}
	if (swapped && swapsize > 1)
		nifti_swap_Nbytes(nvox, swapsize, vox);
	if (h.datatype == DT_FLOAT64) {
		for (i = 0; i < nvox; i++) {
			double d;
			float f;

			memcpy(&d, vox + 8 * i, sizeof(d));
			if (isfinite(d) && fabs(d) > FLT_MAX) {
				*err = esprintf("float64 voxel %zu is %g: beyond float32's range", i, d);
				goto fail;
			}
			f = (float)d;
			memcpy(vox + 4 * i, &f, sizeof(f));
		}
		if (nvox > 0) {
			unsigned char *q = realloc(vox, nvox * 4);

			if (q != NULL)
				vox = q;
		}
	}
	slope = h.scl_slope;
	inter = h.scl_inter;
	if (slope == 0 || !isfinite(slope)) {
		slope = 1;
		inter = 0;
	} else if (!isfinite(inter))
		inter = 0;
	v->slope = slope;
	v->inter = inter;
	v->data = vox;
	v->modality = estrdup("");
	v->patient = estrdup("");
	v->study_uid = estrdup("");
	v->series_uid = estrdup("");
	v->nfiles = 1;
	nifti_image_free(nim);
	src_close(&s);
	return 0;
fail:
	free(vox);
	if (nim != NULL)
		nifti_image_free(nim);
	src_close(&s);
	memset(v, 0, sizeof(*v));
	return -1;
}

static int
nifti_type(const struct volume *v)
{
	/* colour as dcm2niix writes it: RGB24, the triplets of a voxel together */
	if (v->samples == 3)
		return DT_RGB24;
	switch (v->type) {
	case VOL_UINT8: return DT_UINT8;
	case VOL_INT8: return DT_INT8;
	case VOL_UINT16: return DT_UINT16;
	case VOL_INT16: return DT_INT16;
	case VOL_UINT32: return DT_UINT32;
	case VOL_INT32: return DT_INT32;
	default: return DT_FLOAT32;
	}
}

static size_t
nvoxels(const struct volume *v)
{
	return v->dim[0] * v->dim[1] * v->dim[2] * (v->dim[3] > 0 ? v->dim[3] : 1);
}

/* NIfTI-1: RAS (x and y of LPS negated), qform and sform from one affine. */
int
vol_write_nifti(int fd, const struct volume *v, int gz, const char *descrip, char **err)
{
	struct nifti_1_header h;
	mat44 m;
	float qb, qc, qd, qx, qy, qz, dx, dy, dz, qfac;
	char ext[4] = { 0, 0, 0, 0 };
	size_t nbytes;
	int r, c, e;

	if (v->dim[0] > MAX_SIDE || v->dim[1] > MAX_SIDE || v->dim[2] > MAX_SIDE ||
	    v->dim[3] > MAX_SIDE) {
		*err = esprintf("a %zux%zux%zux%zu volume: NIfTI-1 holds at most %d voxels on a side",
		    v->dim[0], v->dim[1], v->dim[2], v->dim[3], MAX_SIDE);
		errno = EINVAL;
		return -1;
	}
	memset(&h, 0, sizeof(h));
	h.sizeof_hdr = HDR_SIZE;
	h.dim[0] = v->dim[3] > 1 ? 4 : 3;
	h.dim[1] = (short)v->dim[0];
	h.dim[2] = (short)v->dim[1];
	h.dim[3] = (short)v->dim[2];
	h.dim[4] = (short)(v->dim[3] > 0 ? v->dim[3] : 1);
	h.dim[5] = h.dim[6] = h.dim[7] = 1;
	h.datatype = (short)nifti_type(v);
	h.bitpix = (short)(v->bytes_per_voxel * 8);
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			m.m[r][c] = (float)(v->lps[r][c] * ((r < 2) ? -1 : 1));
	nifti_mat44_to_quatern(m, &qb, &qc, &qd, &qx, &qy, &qz, &dx, &dy, &dz, &qfac);
	h.pixdim[0] = qfac;
	h.pixdim[1] = dx;
	h.pixdim[2] = dy;
	h.pixdim[3] = dz;
	h.pixdim[4] = 0;
	h.vox_offset = NII_OFFSET;
	h.scl_slope = (float)v->slope;
	h.scl_inter = (float)v->inter;
	h.xyzt_units = NIFTI_UNITS_MM | NIFTI_UNITS_SEC;
	snprintf(h.descrip, sizeof(h.descrip), "%s", descrip != NULL ? descrip : "");
	h.qform_code = NIFTI_XFORM_SCANNER_ANAT;
	h.sform_code = NIFTI_XFORM_SCANNER_ANAT;
	h.quatern_b = qb;
	h.quatern_c = qc;
	h.quatern_d = qd;
	h.qoffset_x = qx;
	h.qoffset_y = qy;
	h.qoffset_z = qz;
	for (c = 0; c < 4; c++) {
		h.srow_x[c] = m.m[0][c];
		h.srow_y[c] = m.m[1][c];
		h.srow_z[c] = m.m[2][c];
	}
	memcpy(h.magic, "n+1", 4);
	nbytes = nvoxels(v) * v->bytes_per_voxel;
	if (gz) {
		const void *part[3] = { &h, ext, v->data };
		size_t plen[3] = { sizeof(h), sizeof(ext), nbytes };

		errno = 0;
		if (gzpar_write(fd, part, plen, 3, GZ_LEVEL, 0, err) < 0) {
			if (errno == 0)
				errno = EIO;
			return -1;
		}
		return 0;
	}
	if (write_all(fd, &h, sizeof(h)) < 0 || write_all(fd, ext, sizeof(ext)) < 0 ||
	    (nbytes > 0 && write_all(fd, v->data, nbytes) < 0)) {
		e = errno;
		*err = esprintf("write: %s", strerror(e));
		errno = e;
		return -1;
	}
	return 0;
}
