/* transcode.c: DICOM to another transfer syntax (verified), NIfTI to a DICOM series. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nifti1_io.h>
#include <sodium.h>

#include "dcm.h"
#include "pseudo.h"
#include "transcode.h"
#include "util.h"

#define TS_EXPLICIT "1.2.840.10008.1.2.1"

struct image {
	size_t nx, ny, nz, nt;	/* nt: time points of a 4-D volume, else 1 */
	double lps[4][4];	/* voxel -> LPS mm */
	double dt_ms;		/* pixdim[4] in ms when xyzt_units names a time unit, else 0 */
	uint16_t *px;		/* nx * ny * nz * nt samples, as stored (int16 bit patterns if is_signed) */
	int is_signed;
	char slope[20], inter[20];	/* DS values; stored * slope + inter = real */
	char hash[33];		/* of the volume, for keyed UIDs */
	char descrip[81];
};

static long get_long(dcm_item *it, uint32_t tag, long def);
static int same_pixels(const unsigned char *a, const unsigned char *b, size_t len, long alloc,
    long stored, long high);
static void uid_from_bytes(const unsigned char b[16], char out[64]);
static void new_uid(const struct pseudo_key *key, const char *what, char out[64]);
static int read_nifti(const char *path, struct image *im, char **err);
static int set(dcm_item *ds, uint32_t tag, const char *value, char **err);
static void orientation_letters(const double d[3], char *out);
static int time_point(dcm_item *ds, const char *sop_class, const struct image *im, size_t t,
    char **err);

static const struct {
	const char *name, *uid;
} syntaxes[] = {
	{ "explicit", TS_EXPLICIT },
	{ "rle", "1.2.840.10008.1.2.5" },
	{ "jpeg-ls", "1.2.840.10008.1.2.4.80" },
	{ "jpeg-lossless", "1.2.840.10008.1.2.4.70" },
};

const char *
transcode_ts_uid(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(syntaxes) / sizeof(syntaxes[0]); i++)
		if (strcmp(name, syntaxes[i].name) == 0 || strcmp(name, syntaxes[i].uid) == 0)
			return syntaxes[i].uid;
	return NULL;
}

static long
get_long(dcm_item *it, uint32_t tag, long def)
{
	char *s = NULL, *end;
	long v;

	if (dcm_item_get_string(it, tag, &s) != DCM_OK)
		return def;
	v = strtol(s, &end, 10);
	if (end == s)
		v = def;
	free(s);
	return v;
}

/* Equal in every bit of BitsStored: the bits above HighBit are no pixel data. */
static int
same_pixels(const unsigned char *a, const unsigned char *b, size_t len, long alloc, long stored,
    long high)
{
	size_t i;

	if ((alloc == 16 || alloc == 8) && stored > 0 && stored < alloc && high < alloc &&
	    stored <= high + 1) {
		unsigned mask = ((1u << stored) - 1) << (high + 1 - stored);

		if (alloc == 8) {
			for (i = 0; i < len; i++)
				if (((a[i] ^ b[i]) & mask) != 0)
					return 0;
			return 1;
		}
		for (i = 0; i + 1 < len; i += 2) {
			uint16_t x, y;

			memcpy(&x, a + i, 2);
			memcpy(&y, b + i, 2);
			if (((x ^ y) & mask) != 0)
				return 0;
		}
		return 1;
	}
	return memcmp(a, b, len) == 0;
}

int
transcode_dicom(const char *path, const void *data, size_t len, int out_fd, const char *ts,
    char **err)
{
	const char *uid = transcode_ts_uid(ts);
	dcm_file *in = NULL, *back = NULL;
	dcm_item *ds;
	const void *px;
	unsigned char *orig = NULL;
	void *buf = NULL;
	size_t olen = 0, blen = 0, plen;
	long alloc, stored, high;
	char *e = NULL;
	int rc = -1, has_px;

	if (uid == NULL) {
		*err = esprintf("unknown transfer syntax '%s' (explicit, rle, jpeg-ls, jpeg-lossless)", ts);
		return -1;
	}
	rc = path != NULL ? dcm_open_path(path, 0, &in, &e) : dcm_open_mem(data, len, 0, &in, &e);
	if (rc != DCM_OK) {
		rc = -1;
		goto fail;
	}
	rc = -1;
	ds = dcm_dataset(in);
	has_px = dcm_item_has(ds, DCM_TAG(0x7fe0, 0x0010));
	alloc = get_long(ds, DCM_TAG(0x0028, 0x0100), 0);
	stored = get_long(ds, DCM_TAG(0x0028, 0x0101), alloc);
	high = get_long(ds, DCM_TAG(0x0028, 0x0102), stored - 1);
	if (!has_px) {
		uid = TS_EXPLICIT;
	} else {
		if (dcm_pixels(in, &px, &olen, &e) != DCM_OK)
			goto fail;
		orig = emalloc(olen > 0 ? olen : 1);
		memcpy(orig, px, olen);
	}
	if (dcm_write_mem_ts(in, uid, &buf, &blen, &e) != DCM_OK)
		goto fail;
	if (has_px) {
		/* what a reader will see: the written bytes, decoded by another file's codec run */
		if (dcm_open_mem(buf, blen, 0, &back, &e) != DCM_OK)
			goto fail;
		if (strcmp(dcm_transfer_syntax(back), uid) != 0) {
			e = esprintf("verification: written in %s, not %s", dcm_transfer_syntax(back), uid);
			goto fail;
		}
		if (dcm_pixels(back, &px, &plen, &e) != DCM_OK) {
			char *why = e;

			e = esprintf("verification: the written file does not decode: %s", why != NULL ? why : "?");
			free(why);
			goto fail;
		}
		if (plen != olen || !same_pixels(orig, px, olen, alloc, stored, high)) {
			e = esprintf("verification: the pixels decoded from the %s output differ from the input's; "
			    "not written", uid);
			goto fail;
		}
	}
	if (write_all(out_fd, buf, blen) < 0) {
		int en = errno;

		e = esprintf("write: %s", strerror(en));
		rc = -2;
		errno = en;
		goto fail;
	}
	rc = 0;
fail:
	if (rc != 0)
		*err = e != NULL ? e : estrdup("cannot transcode");
	else
		free(e);
	free(buf);
	free(orig);
	dcm_close(back);
	dcm_close(in);
	return rc;
}

/* ---- NIfTI -> DICOM ---- */

/* "2.25." and the 128 bits as a decimal integer. */
static void
uid_from_bytes(const unsigned char b[16], char out[64])
{
	unsigned char v[16];
	char digits[48];
	int n = 0, i, zero;

	memcpy(v, b, 16);
	do {
		unsigned rem = 0;

		zero = 1;
		for (i = 0; i < 16; i++) {
			unsigned cur = rem << 8 | v[i];

			v[i] = (unsigned char)(cur / 10);
			rem = cur % 10;
			if (v[i] != 0)
				zero = 0;
		}
		digits[n++] = (char)('0' + rem);
	} while (!zero);
	memcpy(out, "2.25.", 5);
	for (i = 0; i < n; i++)
		out[5 + i] = digits[n - 1 - i];
	out[5 + n] = '\0';
}

/* A keyed UID from what, or 128 random bits. */
static void
new_uid(const struct pseudo_key *key, const char *what, char out[64])
{
	unsigned char b[16];

	if (key != NULL) {
		pseudo_uid(key, what, out);
		return;
	}
	randombytes_buf(b, sizeof(b));
	uid_from_bytes(b, out);
}

static void
fmt_ds(char out[20], double v, int digits)
{
	snprintf(out, 20, "%.*g", digits, v);
	if (strlen(out) > 16)
		snprintf(out, 20, "%.*g", digits - 4, v);
}

/*
 * Not vol_read_nifti() (lib/nifti.c): a struct volume has no float64 or
 * 64-bit integers (fitted here in double), no time step or descrip, and
 * keeps scl_slope only as applied (1 for 0 or NaN), while the hash of the
 * keyed UIDs holds the header's own datatype, scl_slope and scl_inter.
 */
static int
read_nifti(const char *path, struct image *im, char **err)
{
	nifti_image *nim;
	mat44 a;
	size_t n, i;
	double slope, inter;
	int r, c;
	crypto_hash_sha256_state hs;
	unsigned char h[32];
	char hdr[512];

	memset(im, 0, sizeof(*im));
	nifti_set_debug_level(0);	/* its messages would go to stderr; ours say it */
	if ((nim = nifti_image_read(path, 1)) == NULL || nim->data == NULL) {
		if (nim != NULL)
			nifti_image_free(nim);
		*err = esprintf("not a readable NIfTI-1 file");
		return -1;
	}
	if (nim->nu > 1 || nim->nv > 1 || nim->nw > 1) {
		*err = esprintf("a %d-D NIfTI volume (%lldx%lldx%lldx%lldx%lldx%lldx%lld): only 3-D and 4-D "
		    "volumes become a DICOM series", nim->ndim, (long long)nim->nx, (long long)nim->ny,
		    (long long)nim->nz, (long long)nim->nt, (long long)nim->nu, (long long)nim->nv,
		    (long long)nim->nw);
		goto fail;
	}
	if (nim->nx < 1 || nim->ny < 1 || nim->nz < 1 || nim->nx > 65535 || nim->ny > 65535) {
		*err = esprintf("image size %lldx%lld: not 1 to 65535", (long long)nim->nx, (long long)nim->ny);
		goto fail;
	}
	if (nim->sform_code > 0)
		a = nim->sto_xyz;
	else if (nim->qform_code > 0)
		a = nim->qto_xyz;
	else {
		*err = esprintf("no sform or qform: no patient geometry for a DICOM series");
		goto fail;
	}
	im->nx = (size_t)nim->nx;
	im->ny = (size_t)nim->ny;
	im->nz = (size_t)nim->nz;
	im->nt = nim->nt > 1 ? (size_t)nim->nt : 1;
	if (im->nt > 1 && isfinite(nim->dt) && nim->dt > 0) {
		switch (nim->time_units) {
		case NIFTI_UNITS_SEC: im->dt_ms = nim->dt * 1e3; break;
		case NIFTI_UNITS_MSEC: im->dt_ms = nim->dt; break;
		case NIFTI_UNITS_USEC: im->dt_ms = nim->dt * 1e-3; break;
		default: break;	/* Hz, ppm, rad/s or unknown: no time step */
		}
	}
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			im->lps[r][c] = (double)a.m[r][c] * (r < 2 ? -1 : 1);
	/* a 4-D volume is fitted as a whole: one rescale for every slice of the series */
	n = im->nx * im->ny * im->nz * im->nt;
	slope = nim->scl_slope;
	inter = nim->scl_inter;
	if (slope == 0 || !isfinite(slope) || !isfinite(inter)) {
		slope = 1;
		inter = 0;
	}
	im->px = emalloc(n * sizeof(*im->px));
	switch (nim->datatype) {
	case DT_INT16:
	case DT_UINT16:
	case DT_INT8:
	case DT_UINT8:
		im->is_signed = nim->datatype == DT_INT16 || nim->datatype == DT_INT8;
		for (i = 0; i < n; i++) {
			const void *d = nim->data;

			switch (nim->datatype) {
			case DT_INT16: im->px[i] = ((const uint16_t *)d)[i]; break;
			case DT_UINT16: im->px[i] = ((const uint16_t *)d)[i]; break;
			case DT_INT8: im->px[i] = (uint16_t)(int16_t)((const int8_t *)d)[i]; break;
			default: im->px[i] = ((const uint8_t *)d)[i]; break;
			}
		}
		/* a float's 9 digits give it back exactly */
		fmt_ds(im->slope, slope, 9);
		fmt_ds(im->inter, inter, 9);
		break;
	case DT_INT32:
	case DT_UINT32:
	case DT_FLOAT32:
	case DT_FLOAT64:
	case DT_INT64:
	case DT_UINT64: {
		double *v = emalloc(n * sizeof(*v)), lo = INFINITY, hi = -INFINITY, s, b;
		int integral = 1;

		for (i = 0; i < n; i++) {
			const void *d = nim->data;
			double raw;

			switch (nim->datatype) {
			case DT_INT32: raw = ((const int32_t *)d)[i]; break;
			case DT_UINT32: raw = ((const uint32_t *)d)[i]; break;
			case DT_FLOAT32: raw = ((const float *)d)[i]; break;
			case DT_FLOAT64: raw = ((const double *)d)[i]; break;
			case DT_INT64: raw = (double)((const int64_t *)d)[i]; break;
			default: raw = (double)((const uint64_t *)d)[i]; break;
			}
			v[i] = raw * slope + inter;
			if (!isfinite(v[i]))
				v[i] = 0;	/* NaN has no integer */
			if (v[i] != floor(v[i]))
				integral = 0;
			lo = v[i] < lo ? v[i] : lo;
			hi = v[i] > hi ? v[i] : hi;
		}
		if (integral && lo >= -32768 && hi <= 32767) {
			s = 1, b = 0;
			im->is_signed = 1;
		} else if (integral && lo >= 0 && hi <= 65535) {
			s = 1, b = 0;
		} else {
			/* [lo, hi] onto [-32767, 32767]; the DS strings are what a reader uses */
			char t[20];

			im->is_signed = 1;
			s = hi > lo ? (hi - lo) / 65534 : 1;
			fmt_ds(t, s, 10);
			s = strtod(t, NULL);
			b = lo + 32767 * s;
			fmt_ds(t, b, 10);
			b = strtod(t, NULL);
		}
		for (i = 0; i < n; i++) {
			double q = nearbyint((v[i] - b) / s);

			if (im->is_signed)
				im->px[i] = (uint16_t)(int16_t)(q < -32768 ? -32768 : q > 32767 ? 32767 : q);
			else
				im->px[i] = (uint16_t)(q < 0 ? 0 : q > 65535 ? 65535 : q);
		}
		free(v);
		fmt_ds(im->slope, s, 10);
		fmt_ds(im->inter, b, 10);
		break;
	}
	default:
		*err = esprintf("NIfTI datatype %d (%s): not a scalar type for DICOM", nim->datatype,
		    nifti_datatype_string(nim->datatype));
		goto fail;
	}
	snprintf(im->descrip, sizeof(im->descrip), "%s", nim->descrip);

	/* the volume's identity: its grid, geometry, scaling and samples */
	crypto_hash_sha256_init(&hs);
	snprintf(hdr, sizeof(hdr), "%zu %zu %zu %d %.9g %.9g", im->nx, im->ny, im->nz, nim->datatype,
	    nim->scl_slope, nim->scl_inter);
	crypto_hash_sha256_update(&hs, (const unsigned char *)hdr, strlen(hdr));
	if (im->nt > 1) {
		/* only then: a 3-D volume keeps the hash (and so the keyed UIDs) it always had */
		snprintf(hdr, sizeof(hdr), " t%zu", im->nt);
		crypto_hash_sha256_update(&hs, (const unsigned char *)hdr, strlen(hdr));
	}
	for (r = 0; r < 3; r++)
		for (c = 0; c < 4; c++) {
			snprintf(hdr, sizeof(hdr), " %.9g", a.m[r][c]);
			crypto_hash_sha256_update(&hs, (const unsigned char *)hdr, strlen(hdr));
		}
	crypto_hash_sha256_update(&hs, nim->data, n * (size_t)nim->nbyper);
	crypto_hash_sha256_final(&hs, h);
	for (i = 0; i < 16; i++)
		snprintf(im->hash + 2 * i, 3, "%02x", h[i]);
	nifti_image_free(nim);
	return 0;
fail:
	free(im->px);
	im->px = NULL;
	nifti_image_free(nim);
	return -1;
}

static int
set(dcm_item *ds, uint32_t tag, const char *value, char **err)
{
	char *e = NULL;

	if (dcm_item_set_string(ds, tag, NULL, value, &e) != DCM_OK) {
		*err = e != NULL ? e : esprintf("cannot set (%04X,%04X)", DCM_GROUP(tag), DCM_ELEMENT(tag));
		return -1;
	}
	return 0;
}

/* PatientOrientation letters of a direction: the main axes first, at most three. */
static void
orientation_letters(const double d[3], char *out)
{
	static const char pos[] = "LPH", neg[] = "RAF";
	double a[3];
	int used[3] = { 0, 0, 0 }, i, k, n = 0;

	for (i = 0; i < 3; i++)
		a[i] = fabs(d[i]);
	for (k = 0; k < 3; k++) {
		int best = -1;

		for (i = 0; i < 3; i++)
			if (!used[i] && a[i] > 1e-4 && (best < 0 || a[i] > a[best]))
				best = i;
		if (best < 0)
			break;
		used[best] = 1;
		out[n++] = d[best] > 0 ? pos[best] : neg[best];
	}
	out[n] = '\0';
}

static const char SOP_CT[] = "1.2.840.10008.5.1.4.1.1.2";
static const char SOP_MR[] = "1.2.840.10008.5.1.4.1.1.4";
static const char SOP_SC[] = "1.2.840.10008.5.1.4.1.1.7";

enum { COPY, COPY_OR_EMPTY };

struct attr {
	uint16_t g, e;
	int how;
};

/* The reference's Patient, Study and Frame of Reference attributes (and a few more). */
static const struct attr common_attrs[] = {
	{ 0x0008, 0x0005, COPY },		/* SpecificCharacterSet */
	{ 0x0008, 0x0020, COPY_OR_EMPTY },	/* StudyDate */
	{ 0x0008, 0x0030, COPY_OR_EMPTY },	/* StudyTime */
	{ 0x0008, 0x0050, COPY_OR_EMPTY },	/* AccessionNumber */
	{ 0x0008, 0x0090, COPY_OR_EMPTY },	/* ReferringPhysicianName */
	{ 0x0008, 0x1030, COPY },		/* StudyDescription */
	{ 0x0010, 0x0010, COPY_OR_EMPTY },	/* PatientName */
	{ 0x0010, 0x0020, COPY_OR_EMPTY },	/* PatientID */
	{ 0x0010, 0x0021, COPY },		/* IssuerOfPatientID */
	{ 0x0010, 0x0030, COPY_OR_EMPTY },	/* PatientBirthDate */
	{ 0x0010, 0x0040, COPY_OR_EMPTY },	/* PatientSex */
	{ 0x0010, 0x1010, COPY },		/* PatientAge */
	{ 0x0010, 0x1020, COPY },		/* PatientSize */
	{ 0x0010, 0x1030, COPY },		/* PatientWeight */
	{ 0x0012, 0x0062, COPY },		/* PatientIdentityRemoved */
	{ 0x0012, 0x0063, COPY },		/* DeidentificationMethod */
	{ 0x0012, 0x0064, COPY },		/* DeidentificationMethodCodeSequence */
	{ 0x0018, 0x0015, COPY },		/* BodyPartExamined */
	{ 0x0020, 0x0010, COPY_OR_EMPTY },	/* StudyID */
	{ 0x0020, 0x1040, COPY_OR_EMPTY },	/* PositionReferenceIndicator */
}, ct_attrs[] = {
	{ 0x0018, 0x0060, COPY_OR_EMPTY },	/* KVP */
	{ 0x0020, 0x0012, COPY_OR_EMPTY },	/* AcquisitionNumber */
	{ 0x0018, 0x5100, COPY_OR_EMPTY },	/* PatientPosition (2C for CT and MR) */
}, mr_attrs[] = {
	{ 0x0018, 0x0022, COPY_OR_EMPTY },	/* ScanOptions */
	{ 0x0018, 0x0023, COPY_OR_EMPTY },	/* MRAcquisitionType */
	{ 0x0018, 0x0080, COPY_OR_EMPTY },	/* RepetitionTime (2C) */
	{ 0x0018, 0x0081, COPY_OR_EMPTY },	/* EchoTime */
	{ 0x0018, 0x0082, COPY },		/* InversionTime */
	{ 0x0018, 0x0087, COPY },		/* MagneticFieldStrength */
	{ 0x0018, 0x0091, COPY_OR_EMPTY },	/* EchoTrainLength */
	{ 0x0018, 0x5100, COPY_OR_EMPTY },	/* PatientPosition */
};

static int
copy_attrs(dcm_item *dst, dcm_item *src, const struct attr *t, size_t n, char **err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t tag = DCM_TAG(t[i].g, t[i].e);
		int rc = dcm_item_copy(dst, src, tag);

		if (rc == DCM_ENOENT && t[i].how == COPY_OR_EMPTY)
			rc = set(dst, tag, "", err) < 0 ? DCM_EFAIL : DCM_OK;
		else if (rc == DCM_ENOENT)
			rc = DCM_OK;
		else if (rc != DCM_OK)
			*err = esprintf("cannot copy (%04X,%04X) from the reference", t[i].g, t[i].e);
		if (rc != DCM_OK)
			return -1;
	}
	return 0;
}

/*
 * The time point t of a 4-D volume, for the readers that sort a series back
 * into volumes: they take the slices at one position in AcquisitionNumber
 * (lib/volume.c) or InstanceNumber order, and some read the Temporal Position
 * attributes.  These two are in the MR Image Module and only Standard Extended
 * elsewhere; Temporal Resolution (the time step) is in the MR Image Module only,
 * so CT and Secondary Capture go without it.
 */
static int
time_point(dcm_item *ds, const char *sop_class, const struct image *im, size_t t, char **err)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", t + 1);
	if (set(ds, DCM_TAG(0x0020, 0x0012), buf, err) < 0)
		return -1;
	/* the temporal attributes are the MR Image module's; CT and SC have none */
	if (strcmp(sop_class, SOP_MR) != 0)
		return 0;
	if (set(ds, DCM_TAG(0x0020, 0x0100), buf, err) < 0)
		return -1;
	snprintf(buf, sizeof(buf), "%zu", im->nt);
	if (set(ds, DCM_TAG(0x0020, 0x0105), buf, err) < 0)
		return -1;
	if (im->dt_ms > 0) {
		fmt_ds(buf, im->dt_ms, 10);
		if (set(ds, DCM_TAG(0x0020, 0x0110), buf, err) < 0)
			return -1;
	}
	return 0;
}

static const char *
sop_class_like(dcm_item *ref, const char **modality)
{
	/* classic, enhanced, legacy converted enhanced */
	static const char *const ct[] = {
		SOP_CT, "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2"
	};
	static const char *const mr[] = {
		SOP_MR, "1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.5.1.4.1.1.4.4"
	};
	char *cls = NULL;
	const char *out = SOP_SC;
	size_t i;

	*modality = "OT";
	if (dcm_item_get_string(ref, DCM_TAG(0x0008, 0x0016), &cls) != DCM_OK)
		return out;
	for (i = 0; i < 3; i++) {
		if (strcmp(cls, ct[i]) == 0) {
			out = SOP_CT;
			*modality = "CT";
		} else if (strcmp(cls, mr[i]) == 0) {
			out = SOP_MR;
			*modality = "MR";
		}
	}
	free(cls);
	return out;
}

int
nifti_to_dicom(const char *nifti_path, const char *like_path, const struct pseudo_key *key,
    nifti_emit_fn emit, void *arg, char **err)
{
	struct image im;
	dcm_file *ref = NULL, *f = NULL;
	dcm_item *rds, *ds;
	const char *sop_class, *modality, *image_type;
	char *e = NULL, *ref_uid = NULL, *s = NULL;
	char series_uid[64], study_uid[64], for_uid[64], sop_uid[64], buf[256], what[200];
	double u[3], v[3], nrm[3], sx, sy, thick;
	size_t k, t, n, r, slicevox;
	uint16_t *slice = NULL;
	int rc = -1, d;

	*err = NULL;
	if (sodium_init() < 0) {
		*err = esprintf("libsodium: cannot initialise");
		return -1;
	}
	if (read_nifti(nifti_path, &im, err) < 0) {
		char *why = *err;

		*err = esprintf("%s: %s", nifti_path, why);
		free(why);
		return -1;
	}
	if (dcm_open_path(like_path, DCM_HEADER_ONLY, &ref, &e) != DCM_OK) {
		*err = esprintf("%s: %s", like_path, e != NULL ? e : "cannot read");
		goto done;
	}
	rds = dcm_dataset(ref);
	sop_class = sop_class_like(rds, &modality);

	/* the axes: i along the rows, j up the columns (volume.h), k between the slices */
	sx = sqrt(im.lps[0][0] * im.lps[0][0] + im.lps[1][0] * im.lps[1][0] + im.lps[2][0] * im.lps[2][0]);
	sy = sqrt(im.lps[0][1] * im.lps[0][1] + im.lps[1][1] * im.lps[1][1] + im.lps[2][1] * im.lps[2][1]);
	if (sx < 1e-9 || sy < 1e-9) {
		*err = esprintf("%s: a zero voxel size in the affine", nifti_path);
		goto done;
	}
	for (d = 0; d < 3; d++) {
		u[d] = im.lps[d][0] / sx;
		v[d] = -im.lps[d][1] / sy;
	}
	if (fabs(u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) > 1e-4) {
		*err = esprintf("%s: the in-plane axes are not orthogonal (sheared in-plane): "
		    "no ImageOrientationPatient holds them", nifti_path);
		goto done;
	}
	nrm[0] = u[1] * v[2] - u[2] * v[1];
	nrm[1] = u[2] * v[0] - u[0] * v[2];
	nrm[2] = u[0] * v[1] - u[1] * v[0];
	thick = fabs(im.lps[0][2] * nrm[0] + im.lps[1][2] * nrm[1] + im.lps[2][2] * nrm[2]);
	if (thick < 1e-6 && im.nz > 1) {
		*err = esprintf("%s: the slice axis lies in the image plane", nifti_path);
		goto done;
	}
	if (thick < 1e-6)
		thick = sqrt(im.lps[0][2] * im.lps[0][2] + im.lps[1][2] * im.lps[1][2] +
		    im.lps[2][2] * im.lps[2][2]);

	/* UIDs: the study and frame of reference are the reference's */
	if (dcm_item_get_string(rds, DCM_TAG(0x0008, 0x0018), &ref_uid) != DCM_OK)
		ref_uid = estrdup("");
	snprintf(what, sizeof(what), "nifti-series/%s/%s", ref_uid, im.hash);
	new_uid(key, what, series_uid);
	if (dcm_item_get_string(rds, DCM_TAG(0x0020, 0x000d), &s) == DCM_OK && *s != '\0') {
		snprintf(study_uid, sizeof(study_uid), "%s", s);
	} else {
		snprintf(what, sizeof(what), "nifti-study/%s/%s", ref_uid, im.hash);
		new_uid(key, what, study_uid);
	}
	free(s);
	s = NULL;
	if (dcm_item_get_string(rds, DCM_TAG(0x0020, 0x0052), &s) == DCM_OK && *s != '\0') {
		snprintf(for_uid, sizeof(for_uid), "%s", s);
	} else {
		snprintf(what, sizeof(what), "nifti-for/%s/%s", ref_uid, im.hash);
		new_uid(key, what, for_uid);
	}
	free(s);
	s = NULL;

	slicevox = im.nx * im.ny;
	slice = emalloc(slicevox * sizeof(*slice));
	/* time-major: every slice of time point 0, then of time point 1, ... */
	for (n = 0; n < im.nt * im.nz; n++) {
		double ipp[3];
		char ori[8], ori2[8];

		t = n / im.nz;
		k = n % im.nz;
		if (dcm_new(sop_class, &f, &e) != DCM_OK) {
			*err = e != NULL ? e : esprintf("cannot make a data set");
			e = NULL;
			goto done;
		}
		ds = dcm_dataset(f);
		if (copy_attrs(ds, rds, common_attrs, sizeof(common_attrs) / sizeof(common_attrs[0]), err) < 0)
			goto done;
		if (strcmp(sop_class, SOP_CT) == 0 &&
		    copy_attrs(ds, rds, ct_attrs, sizeof(ct_attrs) / sizeof(ct_attrs[0]), err) < 0)
			goto done;
		if (strcmp(sop_class, SOP_MR) == 0) {
			if (copy_attrs(ds, rds, mr_attrs, sizeof(mr_attrs) / sizeof(mr_attrs[0]), err) < 0)
				goto done;
			/* Type 1 in the MR Image module: RM (research mode) and NONE when unknown */
			if (dcm_item_copy(ds, rds, DCM_TAG(0x0018, 0x0020)) != DCM_OK &&
			    set(ds, DCM_TAG(0x0018, 0x0020), "RM", err) < 0)
				goto done;
			if (dcm_item_copy(ds, rds, DCM_TAG(0x0018, 0x0021)) != DCM_OK &&
			    set(ds, DCM_TAG(0x0018, 0x0021), "NONE", err) < 0)
				goto done;
		}
		/* value 3 is required for CT (AXIAL: a cross-section) and MR (OTHER) */
		image_type = strcmp(sop_class, SOP_CT) == 0 ? "DERIVED\\SECONDARY\\AXIAL" :
		    strcmp(sop_class, SOP_MR) == 0 ? "DERIVED\\SECONDARY\\OTHER" : "DERIVED\\SECONDARY";
		/* Laterality (2C): the reference's; empty ("unknown") when no body part says it is unpaired */
		if (dcm_item_copy(ds, rds, DCM_TAG(0x0020, 0x0060)) != DCM_OK &&
		    !dcm_item_has(rds, DCM_TAG(0x0018, 0x0015)) && set(ds, DCM_TAG(0x0020, 0x0060), "", err) < 0)
			goto done;
		if (im.nt > 1)
			snprintf(what, sizeof(what), "nifti-sop/%s/%s/%zu/%zu", ref_uid, im.hash, t, k);
		else
			snprintf(what, sizeof(what), "nifti-sop/%s/%s/%zu", ref_uid, im.hash, k);
		new_uid(key, what, sop_uid);
		for (d = 0; d < 3; d++)
			ipp[d] = im.lps[d][3] + im.lps[d][1] * (double)(im.ny - 1) + im.lps[d][2] * (double)k;
		if (set(ds, DCM_TAG(0x0008, 0x0018), sop_uid, err) < 0 ||
		    set(ds, DCM_TAG(0x0020, 0x000d), study_uid, err) < 0 ||
		    set(ds, DCM_TAG(0x0020, 0x000e), series_uid, err) < 0 ||
		    set(ds, DCM_TAG(0x0020, 0x0052), for_uid, err) < 0 ||
		    set(ds, DCM_TAG(0x0008, 0x0060), modality, err) < 0 ||
		    set(ds, DCM_TAG(0x0008, 0x0008), image_type, err) < 0 ||
		    set(ds, DCM_TAG(0x0008, 0x0070), "", err) < 0 ||
		    set(ds, DCM_TAG(0x0008, 0x2111), "converted from NIfTI by dcmscrub " DCMSCRUB_VERSION,
		    err) < 0)
			goto done;
		/* LO: 64 characters, no backslash, no control characters */
		snprintf(buf, sizeof(buf), "%.64s", im.descrip[0] != '\0' ? im.descrip : "from NIfTI");
		for (r = 0; buf[r] != '\0'; r++)
			if (buf[r] == '\\' || (unsigned char)buf[r] < 0x20)
				buf[r] = ' ';
		if (set(ds, DCM_TAG(0x0008, 0x103e), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%ld", 1000 + get_long(rds, DCM_TAG(0x0020, 0x0011), 0));
		if (set(ds, DCM_TAG(0x0020, 0x0011), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%zu", n + 1);
		if (set(ds, DCM_TAG(0x0020, 0x0013), buf, err) < 0)
			goto done;
		if (im.nt > 1 && time_point(ds, sop_class, &im, t, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%.10g\\%.10g\\%.10g", ipp[0], ipp[1], ipp[2]);
		if (set(ds, DCM_TAG(0x0020, 0x0032), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%.10g\\%.10g\\%.10g\\%.10g\\%.10g\\%.10g",
		    u[0], u[1], u[2], v[0], v[1], v[2]);
		if (set(ds, DCM_TAG(0x0020, 0x0037), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%.10g\\%.10g", sy, sx);
		if (set(ds, DCM_TAG(0x0028, 0x0030), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%.10g", thick);
		if (set(ds, DCM_TAG(0x0018, 0x0050), buf, err) < 0)
			goto done;
		if (strcmp(sop_class, SOP_SC) == 0) {
			orientation_letters(u, ori);
			orientation_letters(v, ori2);
			snprintf(buf, sizeof(buf), "%s\\%s", ori, ori2);
			if (set(ds, DCM_TAG(0x0008, 0x0064), "WSD", err) < 0 ||
			    set(ds, DCM_TAG(0x0020, 0x0020), buf, err) < 0)
				goto done;
		}
		snprintf(buf, sizeof(buf), "%zu", im.ny);
		if (set(ds, DCM_TAG(0x0028, 0x0010), buf, err) < 0)
			goto done;
		snprintf(buf, sizeof(buf), "%zu", im.nx);
		if (set(ds, DCM_TAG(0x0028, 0x0011), buf, err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0002), "1", err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0004), "MONOCHROME2", err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0100), "16", err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0101), "16", err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0102), "15", err) < 0 ||
		    set(ds, DCM_TAG(0x0028, 0x0103), im.is_signed ? "1" : "0", err) < 0)
			goto done;
		/* Type 1 in the CT Image module; elsewhere only when it is not the identity */
		if (strcmp(sop_class, SOP_CT) == 0 || strcmp(im.slope, "1") != 0 || strcmp(im.inter, "0") != 0) {
			if (set(ds, DCM_TAG(0x0028, 0x1052), im.inter, err) < 0 ||
			    set(ds, DCM_TAG(0x0028, 0x1053), im.slope, err) < 0)
				goto done;
			/* 1C in the Modality LUT module of SC: unspecified units */
			if (strcmp(sop_class, SOP_SC) == 0 && set(ds, DCM_TAG(0x0028, 0x1054), "US", err) < 0)
				goto done;
		}
		/* row 0 of the image is the top: j = ny - 1 */
		for (r = 0; r < im.ny; r++)
			memcpy(slice + r * im.nx, im.px + (n * im.ny + (im.ny - 1 - r)) * im.nx,
			    im.nx * sizeof(*slice));
		if (dcm_set_pixels(f, slice, slicevox * sizeof(*slice), 16, &e) != DCM_OK) {
			*err = e != NULL ? e : esprintf("cannot set the pixel data");
			e = NULL;
			goto done;
		}
		if (emit(arg, n, im.nt * im.nz, f) != 0) {
			*err = esprintf("%s: stopped at slice %zu of %zu", nifti_path, n + 1, im.nt * im.nz);
			goto done;
		}
		dcm_close(f);
		f = NULL;
	}
	rc = 0;
done:
	if (rc != 0 && *err == NULL)
		*err = esprintf("%s: cannot convert", nifti_path);
	free(e);
	free(ref_uid);
	free(slice);
	free(im.px);
	dcm_close(f);
	dcm_close(ref);
	return rc;
}
