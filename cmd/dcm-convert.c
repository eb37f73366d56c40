/*
 * dcm-convert: DICOM series -> NIfTI, NRRD and MetaImage volumes with the
 * geometry of ImageOrientationPatient and ImagePositionPatient.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcm.h"
#include "gzpar.h"
#include "input.h"
#include "layout.h"
#include "manifest.h"
#include "nrrd.h"
#include "nifti.h"
#include "output.h"
#include "pseudo.h"
#include "transcode.h"
#include "util.h"
#include "volume.h"

enum format { F_NII, F_NIIGZ, F_NRRD, F_NHDR, F_MHA, F_MHD, F_DICOM };

static const struct {
	const char *name, *ext;
} formats[] = {
	{ "nii", ".nii" }, { "nii.gz", ".nii.gz" }, { "nrrd", ".nrrd" },
	{ "nhdr", ".nhdr" }, { "mha", ".mha" }, { "mhd", ".mhd" }, { "dicom", ".dcm" },
};

struct convert {
	enum format fmt;
	int json;		/* a BIDS-like sidecar beside each volume */
	const char *ts;		/* -f dicom: the transfer syntax */
	const char *like;	/* -f dicom from NIfTI: the reference file */
	struct pseudo_key key;
	int keyed;
	const char *layout;	/* NULL: <patient>/<study_uid>/<series_uid> + the format's extension */
	int nul;
	int nosync;		/* --no-sync */
	struct output *out;
	int fatal;
};

static NORETURN void usage(void);
static struct pending_record *pending_for(struct convert *c, const struct volume *v, int record);

static NORETURN void
usage(void)
{
	fprintf(stderr, "usage: dcm-convert [-0q] -f nii|nii.gz|nrrd|nhdr|mha|mhd "
	    "[--layout template] [--json] [--no-sync]\n"
	    "                   -o out [input ...]\n"
	    "       dcm-convert [-0q] -f dicom --ts explicit|rle|jpeg-ls [--layout template] -o out\n"
	    "                   [input ...]\n"
	    "       dcm-convert -f dicom --like ref.dcm [-k keyfile] [--layout template] -o out\n"
	    "                   nifti ...\n");
	exit(2);
}

/* ---- writing to the fd of an output file: the first error is kept ---- */

struct sink {
	int fd;
	int err;
};

static void
sink_open(struct sink *k, int fd)
{
	k->fd = fd;
	k->err = 0;
}

static void
sink_write(struct sink *k, const void *p, size_t n)
{
	if (k->err == 0 && n > 0 && write_all(k->fd, p, n) < 0)
		k->err = errno;
}

static int
sink_close(struct sink *k)
{
	return k->err;
}

/*
 * One gzip member of the parts, compressed in parallel blocks (lib/gzpar.c):
 * libdeflate level 4 is within 1.5% of pigz -6 on dcm_qa, and about 3x
 * faster than zlib.
 */
#define GZ_LEVEL 4

static void
sink_gzpar(struct sink *k, const void *const *part, const size_t *len, size_t n)
{
	char *msg = NULL;

	if (k->err == 0 && gzpar_write(k->fd, part, len, n, GZ_LEVEL, 0, &msg) < 0) {
		k->err = errno != 0 ? errno : EIO;	/* reported by emit() */
		free(msg);
	}
}

/* ---- formats ---- */

static size_t
nvoxels(const struct volume *v)
{
	return v->dim[0] * v->dim[1] * v->dim[2] * (v->dim[3] > 0 ? v->dim[3] : 1);
}

/*
 * NRRD and MetaImage hold no rescale: integer CT with slope 1 and an integer
 * intercept is shifted into a wider integer type if need be; anything else
 * becomes float32 real values.
 */
static void
to_real_values(struct volume *v)
{
	size_t n = nvoxels(v), i;
	float *f;

	if (v->slope == 1 && v->inter == 0)
		return;
	if (v->slope == 1 && v->inter == floor(v->inter) && fabs(v->inter) < 65536 &&
	    (v->type == VOL_INT16 || v->type == VOL_UINT16)) {
		int32_t *o = emalloc(n * sizeof(*o));
		int inter = (int)v->inter;
		int16_t *s16 = v->data;
		uint16_t *u16 = v->data;
		int fits16 = 1;

		for (i = 0; i < n; i++) {
			o[i] = (v->type == VOL_INT16 ? s16[i] : u16[i]) + inter;
			if (o[i] < -32768 || o[i] > 32767)
				fits16 = 0;
		}
		if (fits16) {
			for (i = 0; i < n; i++)
				s16[i] = (int16_t)o[i];
			free(o);
			v->type = VOL_INT16;
		} else {
			free(v->data);
			v->data = o;
			v->type = VOL_INT32;
			v->bytes_per_voxel = 4;
		}
		v->inter = 0;
		return;
	}
	f = emalloc(n * sizeof(*f));
	for (i = 0; i < n; i++)
		f[i] = (float)(v->slope * vol_sample(v->type, v->data, i) + v->inter);
	free(v->data);
	v->data = f;
	v->type = VOL_FLOAT32;
	v->bytes_per_voxel = 4;
	v->slope = 1;
	v->inter = 0;
}

static const char *
met_type(enum vol_type t)
{
	static const char *const n[] = { "MET_UCHAR", "MET_CHAR", "MET_USHORT", "MET_SHORT", "MET_UINT",
	    "MET_INT", "MET_FLOAT" };

	return n[t];
}

/*
 * MetaImage: direction cosines, spacing and offset, LPS ("RAI" in ITK's
 * naming); colour as 3 channels of MET_UCHAR.
 */
static char *
mha_header(const struct volume *v, const char *datafile)
{
	double sp[3], dir[3][3];
	char t4[32] = "", channels[40] = "";
	int a, d;

	if (v->dim[3] > 1)
		snprintf(t4, sizeof(t4), " %zu", v->dim[3]);
	if (v->samples > 1)
		snprintf(channels, sizeof(channels), "ElementNumberOfChannels = %u\n", v->samples);
	for (a = 0; a < 3; a++) {
		sp[a] = sqrt(v->lps[0][a] * v->lps[0][a] + v->lps[1][a] * v->lps[1][a] +
		    v->lps[2][a] * v->lps[2][a]);
		for (d = 0; d < 3; d++)
			dir[a][d] = sp[a] > 0 ? v->lps[d][a] / sp[a] : (a == d);
	}
	return esprintf("ObjectType = Image\nNDims = %d\nBinaryData = True\n"
	    "BinaryDataByteOrderMSB = False\nCompressedData = False\n"
	    "TransformMatrix = %.10g %.10g %.10g %.10g %.10g %.10g %.10g %.10g %.10g\n"
	    "Offset = %.10g %.10g %.10g\nCenterOfRotation = 0 0 0\nAnatomicalOrientation = RAI\n"
	    "ElementSpacing = %.10g %.10g %.10g%s\nDimSize = %zu %zu %zu%s\n%sElementType = %s\n"
	    "ElementDataFile = %s\n",
	    v->dim[3] > 1 ? 4 : 3,
	    dir[0][0], dir[0][1], dir[0][2], dir[1][0], dir[1][1], dir[1][2], dir[2][0], dir[2][1], dir[2][2],
	    v->lps[0][3], v->lps[1][3], v->lps[2][3], sp[0], sp[1], sp[2], v->dim[3] > 1 ? " 1" : "",
	    v->dim[0], v->dim[1], v->dim[2], t4, channels,
	    met_type(v->type), datafile != NULL ? datafile : "LOCAL");
}

/* ---- the sidecar ---- */

/*
 * Attributes that describe the acquisition and identify nobody: no names,
 * dates, times, places, device serials or free text (a series description
 * can hold a name).  BIDS names; times in seconds as BIDS wants them.
 */
static const struct {
	const char *key;
	uint32_t tag;
	int kind;	/* 0 text, 1 number, 2 number in ms -> s, 3 list of text */
} sidecar_keys[] = {
	{ "Modality", DCM_TAG(0x0008, 0x0060), 0 },
	{ "Manufacturer", DCM_TAG(0x0008, 0x0070), 0 },
	{ "ManufacturersModelName", DCM_TAG(0x0008, 0x1090), 0 },
	{ "SoftwareVersions", DCM_TAG(0x0018, 0x1020), 0 },
	{ "MagneticFieldStrength", DCM_TAG(0x0018, 0x0087), 1 },
	{ "ImagingFrequency", DCM_TAG(0x0018, 0x0084), 1 },
	{ "BodyPartExamined", DCM_TAG(0x0018, 0x0015), 0 },
	{ "PatientPosition", DCM_TAG(0x0018, 0x5100), 0 },
	{ "MRAcquisitionType", DCM_TAG(0x0018, 0x0023), 0 },
	{ "ScanningSequence", DCM_TAG(0x0018, 0x0020), 0 },
	{ "SequenceVariant", DCM_TAG(0x0018, 0x0021), 0 },
	{ "ScanOptions", DCM_TAG(0x0018, 0x0022), 0 },
	{ "SequenceName", DCM_TAG(0x0018, 0x0024), 0 },
	{ "ImageType", DCM_TAG(0x0008, 0x0008), 3 },
	{ "SliceThickness", DCM_TAG(0x0018, 0x0050), 1 },
	{ "SpacingBetweenSlices", DCM_TAG(0x0018, 0x0088), 1 },
	{ "EchoNumber", DCM_TAG(0x0018, 0x0086), 1 },
	{ "EchoTime", DCM_TAG(0x0018, 0x0081), 2 },
	{ "RepetitionTime", DCM_TAG(0x0018, 0x0080), 2 },
	{ "InversionTime", DCM_TAG(0x0018, 0x0082), 2 },
	{ "FlipAngle", DCM_TAG(0x0018, 0x1314), 1 },
	{ "PixelBandwidth", DCM_TAG(0x0018, 0x0095), 1 },
	{ "KVP", DCM_TAG(0x0018, 0x0060), 1 },
	{ "XRayTubeCurrent", DCM_TAG(0x0018, 0x1151), 1 },
	{ "ExposureTime", DCM_TAG(0x0018, 0x1150), 2 },
	{ "ConvolutionKernel", DCM_TAG(0x0018, 0x1210), 0 },
	{ "GantryDetectorTilt", DCM_TAG(0x0018, 0x1120), 1 },
};

static void
json_string(FILE *fp, const char *v)
{
	putc('"', fp);
	for (; *v != '\0'; v++) {
		unsigned char ch = (unsigned char)*v;

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			putc(ch, fp);
	}
	putc('"', fp);
}

/* The sidecar's text; NULL if the first file cannot be read again. */
static char *
sidecar(const struct volume *v)
{
	dcm_file *f;
	char *err = NULL, *buf = NULL, *val;
	size_t len = 0, i;
	FILE *fp;
	int rc, first = 1;

	rc = v->src_path != NULL ? dcm_open_path(v->src_path, DCM_HEADER_ONLY, &f, &err) :
	    dcm_open_mem(v->src_data, v->src_len, DCM_HEADER_ONLY, &f, &err);
	free(err);
	if (rc != DCM_OK || (fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	fputs("{\n", fp);
	for (i = 0; i < sizeof(sidecar_keys) / sizeof(sidecar_keys[0]); i++) {
		char *end;
		double d;

		if (dcm_item_get_string(dcm_dataset(f), sidecar_keys[i].tag, &val) != DCM_OK)
			continue;
		if (*val == '\0') {
			free(val);
			continue;
		}
		fprintf(fp, "%s\t\"%s\": ", first ? "" : ",\n", sidecar_keys[i].key);
		first = 0;
		d = strtod(val, &end);
		if (sidecar_keys[i].kind == 1 && *end == '\0')
			fprintf(fp, "%.10g", d);
		else if (sidecar_keys[i].kind == 2 && *end == '\0')
			fprintf(fp, "%.10g", d / 1000);
		else if (sidecar_keys[i].kind == 3) {
			char *p = val, *q;

			putc('[', fp);
			for (;;) {
				q = strchr(p, '\\');
				if (q != NULL)
					*q = '\0';
				json_string(fp, p);
				if (q == NULL)
					break;
				fputs(", ", fp);
				p = q + 1;
			}
			putc(']', fp);
		} else
			json_string(fp, val);
		free(val);
	}
	fprintf(fp, "%s\t\"ConversionSoftware\": \"dcm-convert\",\n"
	    "\t\"ConversionSoftwareVersion\": \"%s\"\n}\n", first ? "" : ",\n", DCMSCRUB_VERSION);
	fclose(fp);
	dcm_close(f);
	return buf;
}

static void
emit_sidecar(struct convert *c, const char *rel, const struct volume *v)
{
	const char *ext = formats[c->fmt].ext;
	size_t n = strlen(rel), el = strlen(ext);
	char *name, *text;
	int fd;

	if ((text = sidecar(v)) == NULL) {
		weprintf("%s: cannot read the header again for the sidecar", rel);
		return;
	}
	name = esprintf("%.*s.json", (int)(n > el && strcmp(rel + n - el, ext) == 0 ? n - el : n), rel);
	if ((fd = output_begin(c->out, name)) < 0)
		exit(2);
	if (write_all(fd, text, strlen(text)) < 0) {
		weprintf("%s/%s:", output_name(c->out), name);
		output_abort(c->out);
		exit(2);
	}
	if (output_commit(c->out, pending_record_done, pending_for(c, v, 0)) < 0)
		exit(2);
	free(text);
	free(name);
}

/* ---- the flow ---- */

static char *
output_path(struct convert *c, const struct volume *v, size_t index, size_t count)
{
	struct record r;
	char *base, *rel, *dot;
	const char *ext = formats[c->fmt].ext;

	memset(&r, 0, sizeof(r));
	r.field[MF_MODALITY] = v->modality;
	r.field[MF_PATIENT] = v->patient;
	r.field[MF_STUDY_UID] = v->study_uid;
	r.field[MF_SERIES_UID] = v->series_uid;
	if (c->layout != NULL) {
		rel = layout_path(c->layout, &r, "");
	} else {
		base = layout_path("<patient>/<study_uid>/<series_uid>", &r, "");
		rel = esprintf("%s%s", base, ext);
		free(base);
	}
	if (count > 1) {
		/* a series of several stacks: one file each, numbered */
		size_t n = strlen(rel), el = strlen(ext);
		char *t;

		dot = (n > el && strcmp(rel + n - el, ext) == 0) ? rel + n - el : rel + n;
		t = esprintf("%.*s_stack%zu%s", (int)(dot - rel), rel, index + 1, dot);
		free(rel);
		rel = t;
	}
	return rel;
}

static struct pending_record *
pending_for(struct convert *c, const struct volume *v, int record)
{
	struct pending_record *p = pending_record_new(c->nul, &c->fatal);

	p->print = record;
	p->field[MF_MODALITY] = estrdup(v->modality);
	p->field[MF_PATIENT] = estrdup(v->patient);
	p->field[MF_STUDY_UID] = estrdup(v->study_uid);
	p->field[MF_SERIES_UID] = estrdup(v->series_uid);
	p->field[MF_SOP_UID] = estrdup("");
	p->field[MF_FRAMES] = esprintf("%zu", v->dim[2] * (v->dim[3] > 0 ? v->dim[3] : 1));
	return p;
}

/* Write one file of the output; a write error ends the run. */
static void
emit(struct convert *c, const char *rel, const struct volume *v, int what, const char *datafile,
    struct pending_record *p)
{
	struct sink k;
	char *h, *msg = NULL;
	int fd;

	if ((fd = output_begin(c->out, rel)) < 0)
		exit(2);
	switch (what) {
	case 0:	/* NIfTI (lib/nifti.c) */
		sink_open(&k, fd);
		if (vol_write_nifti(fd, v, c->fmt == F_NIIGZ, "dcm-convert " DCMSCRUB_VERSION, &msg) < 0)
			k.err = errno != 0 ? errno : EIO;	/* reported below */
		break;
	case 1:	/* NRRD header, with the data (attached, gzip) or without */
		h = nrrd_header(v, "dcm-convert " DCMSCRUB_VERSION, datafile, datafile == NULL);
		sink_open(&k, fd);
		sink_write(&k, h, strlen(h));
		free(h);
		if (datafile == NULL) {
			const void *part[1] = { v->data };
			size_t len[1] = { nvoxels(v) * v->bytes_per_voxel };

			sink_gzpar(&k, part, len, 1);
		}
		break;
	case 2:	/* MetaImage header, with the data (mha) or without */
		h = mha_header(v, datafile);
		sink_open(&k, fd);
		sink_write(&k, h, strlen(h));
		free(h);
		if (datafile == NULL)
			sink_write(&k, v->data, nvoxels(v) * v->bytes_per_voxel);
		break;
	default:	/* raw data beside a header */
		sink_open(&k, fd);
		sink_write(&k, v->data, nvoxels(v) * v->bytes_per_voxel);
		break;
	}
	if ((errno = sink_close(&k)) != 0) {
		if (errno == EINVAL && msg != NULL)	/* a volume NIfTI-1 cannot hold */
			weprintf("%s/%s: %s", output_name(c->out), rel, msg);
		else
			weprintf("%s/%s:", output_name(c->out), rel);
		free(msg);
		output_abort(c->out);
		exit(2);
	}
	if (output_commit(c->out, pending_record_done, p) < 0)
		exit(2);
}

/* One stack: read, write in the format, print its record once in place. */
static int
convert_stack(struct convert *c, struct series_set *set, size_t i)
{
	struct volume v;
	size_t index, count, el, rl;
	char *err = NULL, *rel, *raw, *slash;

	if (series_volume(set, i, &v, &err) < 0) {
		weprintf("%s", err);
		free(err);
		return -1;
	}
	series_stack_index(set, i, &index, &count);
	if (v.tilted && (c->fmt == F_MHA || c->fmt == F_MHD)) {
		weprintf("%s: gantry tilt: MetaImage cannot hold a sheared grid; not converted "
		    "(NIfTI and NRRD keep the shear)", series_name(set, i));
		vol_free(&v);
		return -1;
	}
	if (v.tilted)
		wnote("%s: gantry tilt: the sform (NIfTI) or space directions (NRRD) hold the shear; "
		    "the NIfTI qform is its nearest rotation", series_name(set, i));
	rel = output_path(c, &v, index, count);
	switch (c->fmt) {
	case F_NII:
	case F_NIIGZ:
		emit(c, rel, &v, 0, NULL, pending_for(c, &v, 1));
		break;
	case F_NRRD:
	case F_NHDR:
	case F_MHA:
	case F_MHD:
		to_real_values(&v);
		if (c->fmt == F_NRRD || c->fmt == F_MHA) {
			emit(c, rel, &v, c->fmt == F_NRRD ? 1 : 2, NULL, pending_for(c, &v, 1));
			break;
		}
		/* detached: the data file first (the header's name, .raw for its extension), then the header */
		el = strlen(formats[c->fmt].ext);
		rl = strlen(rel);
		if (rl > el && strcmp(rel + rl - el, formats[c->fmt].ext) == 0)
			rl -= el;
		raw = esprintf("%.*s.raw", (int)rl, rel);
		emit(c, raw, &v, 3, NULL, pending_for(c, &v, 0));
		slash = strrchr(raw, '/');
		emit(c, rel, &v, c->fmt == F_NHDR ? 1 : 2, slash != NULL ? slash + 1 : raw,
		    pending_for(c, &v, 1));
		free(raw);
		break;
	case F_DICOM:	/* not a volume format: -f dicom transcodes file by file */
		break;
	}
	if (c->json)
		emit_sidecar(c, rel, &v);
	free(rel);
	vol_free(&v);
	return 0;
}

/* ---- DICOM out ---- */

/* The record (and so the path) of a DICOM file from its header. */
static struct pending_record *
dicom_pending(struct convert *c, dcm_item *ds, char **rel)
{
	return layout_dicom_record(ds, c->layout != NULL ? c->layout : LAYOUT_DEFAULT, c->nul, &c->fatal, rel);
}

/* -f dicom --ts: each input in another transfer syntax, verified. */
static int
transcode_one(struct convert *c, const struct input_file *f)
{
	struct pending_record *p;
	dcm_file *df;
	char *err = NULL, *rel;
	int fd, rc;

	rc = f->path != NULL ? dcm_open_path(f->path, DCM_HEADER_ONLY, &df, &err) :
	    dcm_open_mem(f->data, f->len, DCM_HEADER_ONLY, &df, &err);
	if (rc != DCM_OK) {
		weprintf("%s: %s", f->name, err != NULL ? err : "cannot read");
		free(err);
		return -1;
	}
	if (!dcm_item_has(dcm_dataset(df), DCM_TAG(0x0008, 0x0018))) {
		weprintf("%s: not a composite instance (no SOP Instance UID): not transcoded", f->name);
		dcm_close(df);
		return -1;
	}
	p = dicom_pending(c, dcm_dataset(df), &rel);
	dcm_close(df);
	if ((fd = output_begin(c->out, rel)) < 0) {
		pending_record_free(p);
		free(rel);
		return -1;
	}
	if ((rc = transcode_dicom(f->path, f->data, f->len, fd, c->ts, &err)) < 0) {
		if (rc == -2)	/* the output failed: the run ends */
			weprintf("%s/%s: %s", output_name(c->out), rel, err);
		else
			weprintf("%s: %s", f->name, err != NULL ? err : "cannot transcode");
		free(err);
		output_abort(c->out);
		pending_record_free(p);
		free(rel);
		if (rc == -2)
			exit(2);
		return -1;
	}
	free(rel);
	if (output_commit(c->out, pending_record_done, p) < 0)
		exit(2);
	return 0;
}

static int
emit_slice(void *arg, size_t slice, size_t nslices, dcm_file *f)
{
	struct convert *c = arg;
	struct pending_record *p;
	char *rel, *err = NULL;
	int fd;

	(void)slice;
	(void)nslices;
	p = dicom_pending(c, dcm_dataset(f), &rel);
	if ((fd = output_begin(c->out, rel)) < 0)
		exit(2);
	if (dcm_write_fd(f, fd, &err) != DCM_OK) {
		weprintf("%s/%s: %s", output_name(c->out), rel, err);
		output_abort(c->out);
		exit(2);
	}
	free(rel);
	if (output_commit(c->out, pending_record_done, p) < 0)
		exit(2);
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "null", no_argument, NULL, '0' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'J' },
		{ "key", required_argument, NULL, 'k' },
		{ "like", required_argument, NULL, 'l' },
		{ "ts", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "layout", required_argument, NULL, 'L' },
		{ "no-sync", no_argument, NULL, 'S' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct convert c;
	struct series_set *set;
	struct input *in;
	struct input_file f;
	const char *outname = NULL, *fmt = NULL, *keyfile = NULL;
	char *err = NULL, *why;
	size_t i, n;
	int ch, r, rval = 0;

	setprogname(argv[0]);
	memset(&c, 0, sizeof(c));
	while ((ch = getopt_long(argc, argv, "0f:hk:o:q", longopts, NULL)) != -1) {
		switch (ch) {
		case '0':
			c.nul = 1;
			break;
		case 'f':
			fmt = optarg;
			break;
		case 'J':
			c.json = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'l':
			c.like = optarg;
			break;
		case 'T':
			if ((c.ts = transcode_ts_uid(optarg)) == NULL) {
				weprintf("--ts %s: not explicit, rle or jpeg-ls", optarg);
				usage();
			}
			break;
		case 'L':
			if (layout_check(optarg) < 0)
				eprintf("--layout: %s: fields are <patient> <study_uid> <series_uid> "
				    "<modality>; relative, no ..", optarg);
			c.layout = optarg;
			break;
		case 'o':
			outname = optarg;
			break;
		case 'S':
			c.nosync = 1;
			break;
		case 'q':
			setquiet(1);
			break;
		case 'V':
			printf("dcm-convert %s\n", DCMSCRUB_VERSION);
			return fshut_stdout();
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (fmt == NULL || outname == NULL)
		usage();
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(fmt, formats[i].name) == 0)
			break;
	if (i == sizeof(formats) / sizeof(formats[0])) {
		weprintf("-f %s: not a format (nii nii.gz nrrd nhdr mha mhd)", fmt);
		usage();
	}
	c.fmt = (enum format)i;
	if (c.fmt == F_DICOM ? (c.ts == NULL) == (c.like == NULL) : (c.ts != NULL || c.like != NULL)) {
		weprintf("-f dicom takes --ts (DICOM in) or --like (NIfTI in), and only it does");
		usage();
	}
	if (c.json && c.fmt == F_DICOM)
		usage();
	/*
	 * No dcm_init() here: uncompressed classic slices are read without
	 * dcmtk (lib/dcmscan), and its dictionary (30 ms) loads on first use.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (c.like != NULL) {
		/* NIfTI back to DICOM: every operand a volume, in the reference's study */
		if (argc == 0)
			usage();
		if (keyfile != NULL) {
			if (pseudo_key_load(&c.key, keyfile) < 0)
				exit(2);
			c.keyed = 1;
		}
		if ((c.out = output_open(outname, NULL)) == NULL)
			exit(2);
		if (c.nosync)
			output_set_nosync(c.out);
		if (manifest_write_header(stdout, c.nul) < 0)
			eprintf("stdout:");
		for (i = 0; i < (size_t)argc; i++) {
			if (nifti_to_dicom(argv[i], c.like, c.keyed ? &c.key : NULL, emit_slice, &c, &err) < 0) {
				weprintf("%s: %s", argv[i], err != NULL ? err : "not converted");
				free(err);
				err = NULL;
				rval = 1;
			}
		}
		if (output_close(c.out) < 0)
			exit(2);
		if (fshut_stdout() != 0)
			return 2;
		return rval;
	}

	in = input_open(argc, argv, c.nul, NULL);
	if ((c.out = output_open(outname, in)) == NULL)
		exit(2);
	if (c.nosync)
		output_set_nosync(c.out);
	if (manifest_write_header(stdout, c.nul) < 0)
		eprintf("stdout:");
	set = series_new();
	while ((r = input_next(in, &f)) != 0) {
		if (r < 0) {
			rval = 1;
			continue;
		}
		if (c.fmt == F_DICOM) {
			if (transcode_one(&c, &f) < 0)
				rval = 1;
			if (c.fatal) {
				errno = c.fatal;
				eprintf("stdout:");
			}
			continue;
		}
		if ((r = series_add(set, f.name, f.path, f.data, f.len, NULL, &why)) == -2 || r == -3) {
			/* unreadable, or an image of a pixel format not converted: it failed */
			weprintf("%s: %s", f.name, why);
			rval = 1;
			free(why);
		} else if (r < 0) {
			/*
			 * not a volume's slice: its record goes on as it came
			 * (dcm-manifest(5)), with a note if it is an image
			 */
			if (f.record != NULL && f.path != NULL) {
				if (strcmp(why, VOL_NOT_AN_IMAGE) != 0)
					wnote("%s: %s: passed on, not converted", f.name, why);
				if (manifest_write_raw(stdout, f.record, c.nul) < 0)
					eprintf("stdout:");
			} else {
				wnote("%s: %s: passed over", f.name, why);
			}
			free(why);
		}
	}
	n = series_count(set);
	for (i = 0; i < n; i++) {
		if (convert_stack(&c, set, i) < 0)
			rval = 1;
		if (c.fatal) {
			errno = c.fatal;
			eprintf("stdout:");
		}
	}
	series_free(set);
	if (output_close(c.out) < 0)
		exit(2);
	if (c.fatal) {
		errno = c.fatal;
		eprintf("stdout:");
	}
	input_close(in);
	if (fshut_stdout() != 0)
		return 2;
	return rval;
}
