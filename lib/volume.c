/* volume.c: series of single-frame images -> voxel grids (see volume.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "dcm.h"
#include "dcmscan.h"
#include "util.h"
#include "volume.h"

/* What a file says about itself, from its header. */
struct slice {
	char *name;
	char *path;		/* or data */
	void *data;
	size_t len;
	double iop[6], ipp[3];
	double dist;		/* along the normal */
	unsigned rows, cols, bits_alloc, bits_stored, high_bit, signed_px, samples;
	unsigned planar;	/* PlanarConfiguration: 1 is RRR..GGG..BBB (each frame) */
	char *photometric;	/* PhotometricInterpretation as the header says it */
	double spacing[2];	/* PixelSpacing: row spacing, column spacing */
	double slope, inter;
	int echo, acquisition, instance, series_number;
	char *series_uid, *modality, *patient, *study_uid, *sop_uid, *sop_class;
	/* a frame of a multi-frame file: its index, and the file's bytes shared by its frames */
	long frame;
	struct source *src;
	char *frame_type;	/* for stacks: frames of another type or echo are another stack */
	double echo_time;
	int temporal;
	/* a Siemens mosaic: ntiles images of tile_rows x tile_cols in one frame */
	unsigned ntiles, tile_rows, tile_cols;
	double slice_normal[3];	/* the CSA header's, along which the tiles go */
	double slice_spacing;
	/* read by dcmscan: the native pixel data's place in the file (or bytes) */
	int native;
	uint64_t px_off, px_len;
	int multiframe;		/* a frame of a multi-frame file */
	char *record;		/* the manifest line it came from, or NULL */
};

/* A header to read values from: a dcmtk item, or a file's top level read by dcmscan. */
struct hdr {
	dcm_item *it;
	const struct dcmscan *sc;
};

#define ITEM(item)	(&(struct hdr){ (item), NULL })

static char *
hdr_string(const struct hdr *h, uint32_t tag)
{
	return h->sc != NULL ? dcmscan_string(h->sc, tag) : dcm_item_string(h->it, tag);
}

static int
hdr_has(const struct hdr *h, uint32_t tag)
{
	return h->sc != NULL ? dcmscan_has(h->sc, tag) : dcm_item_has(h->it, tag);
}

/* A value's bytes (malloc'd): 0, or -1 if absent. */
static int
hdr_bytes(const struct hdr *h, uint32_t tag, void **bytes, size_t *len)
{
	const void *b;

	if (h->sc == NULL)
		return dcm_item_get_bytes(h->it, tag, bytes, len) == DCM_OK ? 0 : -1;
	if (dcmscan_bytes(h->sc, tag, &b, len) < 0)
		return -1;
	*bytes = emalloc(*len + 1);
	memcpy(*bytes, b, *len);
	return 0;
}

/* An archive member's bytes, shared by the frames of one multi-frame file. */
struct source {
	void *data;
	size_t len;
	int refs;
};

struct stack {
	struct slice **s;
	size_t n, cap;
	size_t index, count;	/* in its series */
};

struct series_set {
	struct slice **all;
	size_t n, cap;
	struct stack *stacks;
	size_t nstacks;
	int grouped;
};

/* n numbers separated by '\': 0, or -1 if fewer. */
static int
get_numbers(const struct hdr *h, uint32_t tag, double *out, int n)
{
	char *v = hdr_string(h, tag), *p, *end;
	int i;

	if (v == NULL)
		return -1;
	for (i = 0, p = v; i < n; i++) {
		out[i] = strtod(p, &end);
		if (end == p) {
			free(v);
			return -1;
		}
		p = end;
		while (*p == ' ')
			p++;
		if (i + 1 < n) {
			if (*p != '\\') {
				free(v);
				return -1;
			}
			p++;
		}
	}
	free(v);
	return 0;
}

static long
get_long(const struct hdr *h, uint32_t tag, long dflt)
{
	char *v = hdr_string(h, tag);
	long r = dflt;

	if (v != NULL && *v != '\0')
		r = strtol(v, NULL, 10);
	free(v);
	return r;
}

/*
 * One value of a Siemens CSA header (SV10): the text of item 'item' of the
 * tag 'name', or NULL.  Layout: "SV10" 04 03 02 01, ntags, 77; per tag a
 * 64-byte name, vm, a 4-byte VR, syngodt, nitems, 77; per item four int32
 * (the second is the length) and the value padded to 4 bytes.
 */
static char *
csa_value(const unsigned char *b, size_t len, const char *name, int item)
{
	size_t off = 16, t, ntags, nitems, i, l;
	uint32_t x;

	if (len < 16 || memcmp(b, "SV10", 4) != 0)
		return NULL;
	memcpy(&x, b + 8, 4);
	ntags = x;
	for (t = 0; t < ntags && t < 1000; t++) {
		const unsigned char *tag = b + off;
		int match;

		if (off + 84 > len)
			return NULL;
		match = strncmp((const char *)tag, name, 64) == 0;
		memcpy(&x, tag + 76, 4);
		nitems = x;
		off += 84;
		for (i = 0; i < nitems && i < 10000; i++) {
			if (off + 16 > len)
				return NULL;
			memcpy(&x, b + off + 4, 4);
			l = x;
			off += 16;
			if (off + l > len)
				return NULL;
			if (match && (int)i == item && l > 0) {
				char *v = emalloc(l + 1);

				memcpy(v, b + off, l);
				v[l] = '\0';
				return v;
			}
			off += (l + 3) & ~(size_t)3;
		}
		if (match)
			return NULL;
	}
	return NULL;
}

/* A Siemens mosaic: how many images its frame holds, and along which normal. */
static int
mosaic(const struct hdr *ds, struct slice *s)
{
	char *type = hdr_string(ds, DCM_TAG(0x0008, 0x0008)), *v;
	void *csa = NULL;
	size_t len = 0, m;
	int i;

	if (type == NULL || strstr(type, "MOSAIC") == NULL) {
		free(type);
		return 0;
	}
	free(type);
	if (hdr_bytes(ds, DCM_TAG(0x0029, 0x1010), &csa, &len) < 0)
		return -1;
	if ((v = csa_value(csa, len, "NumberOfImagesInMosaic", 0)) != NULL)
		s->ntiles = (unsigned)atoi(v);
	free(v);
	for (i = 0; i < 3; i++) {
		if ((v = csa_value(csa, len, "SliceNormalVector", i)) == NULL) {
			free(csa);
			return -1;
		}
		s->slice_normal[i] = atof(v);
		free(v);
	}
	free(csa);
	if (s->ntiles == 0)
		return -1;
	for (m = 1; m * m < s->ntiles; m++)
		;
	if (s->rows % m != 0 || s->cols % m != 0)
		return -1;
	s->tile_rows = (unsigned)(s->rows / m);
	s->tile_cols = (unsigned)(s->cols / m);
	if (get_numbers(ds, DCM_TAG(0x0018, 0x0088), &s->slice_spacing, 1) < 0 &&
	    get_numbers(ds, DCM_TAG(0x0018, 0x0050), &s->slice_spacing, 1) < 0)
		return -1;
	return 1;
}

/* The normal of an image plane: row direction x column direction. */
static void
plane_normal(const double iop[6], double n[3])
{
	n[0] = iop[1] * iop[5] - iop[2] * iop[4];
	n[1] = iop[2] * iop[3] - iop[0] * iop[5];
	n[2] = iop[0] * iop[4] - iop[1] * iop[3];
}

/* What names a slice's series, and its place along the normal of its plane. */
static void
slice_identity(struct slice *s, const struct hdr *ds)
{
	double n[3];

	s->series_uid = hdr_string(ds, DCM_TAG(0x0020, 0x000e));
	s->modality = hdr_string(ds, DCM_TAG(0x0008, 0x0060));
	s->patient = hdr_string(ds, DCM_TAG(0x0010, 0x0020));
	s->study_uid = hdr_string(ds, DCM_TAG(0x0020, 0x000d));
	s->sop_uid = hdr_string(ds, DCM_TAG(0x0008, 0x0018));
	s->sop_class = hdr_string(ds, DCM_TAG(0x0008, 0x0016));
	if (s->series_uid == NULL)
		s->series_uid = estrdup("");
	plane_normal(s->iop, n);
	s->dist = n[0] * s->ipp[0] + n[1] * s->ipp[1] + n[2] * s->ipp[2];
}

static void
push(struct series_set *set, struct slice *s)
{
	if (set->n == set->cap) {
		set->cap = set->cap != 0 ? set->cap * 2 : 256;
		set->all = erealloc(set->all, set->cap * sizeof(*set->all));
	}
	set->all[set->n++] = s;
	set->grouped = 0;
}

/* The item of a functional group: per-frame if the frame has it, else shared. */
static dcm_item *
group_item(dcm_item *perframe, dcm_item *shared, uint32_t seq)
{
	dcm_item *it = perframe != NULL ? dcm_item_seq_get(perframe, seq, 0) : NULL;

	if (it == NULL && shared != NULL)
		it = dcm_item_seq_get(shared, seq, 0);
	return it;
}

/*
 * Rows, columns, bits, samples and colour from header ds.  0, or -1 with
 * *why (malloc'd) for a format not converted.  Grey is 8, 16 or 32 bits;
 * colour is 8-bit RGB or YBR_FULL (made RGB in to_rgb()), in either
 * planar configuration.  Compressed YBR_FULL_422, YBR_ICT and YBR_RCT are
 * what dcmtk's JPEG and OpenJPEG decode to RGB: to_rgb() checks what the
 * decoder says it made.  Palette colour is not converted (yet).
 */
static int
pixel_format(struct slice *s, const struct hdr *ds, char **why)
{
	const char *pi;

	s->rows = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0010), 0);
	s->cols = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0011), 0);
	s->bits_alloc = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0100), 0);
	s->bits_stored = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0101), s->bits_alloc);
	s->high_bit = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0102), s->bits_stored - 1);
	s->signed_px = get_long(ds, DCM_TAG(0x0028, 0x0103), 0) == 1;
	s->samples = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0002), 1);
	s->planar = (unsigned)get_long(ds, DCM_TAG(0x0028, 0x0006), 0);
	free(s->photometric);
	if ((s->photometric = hdr_string(ds, DCM_TAG(0x0028, 0x0004))) == NULL)
		s->photometric = estrdup("");
	pi = s->photometric;
	if (s->rows == 0 || s->cols == 0 ||
	    (s->bits_alloc != 8 && s->bits_alloc != 16 && s->bits_alloc != 32) ||
	    s->bits_stored == 0 || s->bits_stored > s->bits_alloc ||
	    s->high_bit >= s->bits_alloc || s->high_bit + 1 < s->bits_stored) {
		*why = esprintf("a pixel format not converted (BitsAllocated %u, BitsStored %u, HighBit %u)",
		    s->bits_alloc, s->bits_stored, s->high_bit);
		return -1;
	}
	if (s->samples == 1 && strcmp(pi, "PALETTE COLOR") == 0) {
		*why = estrdup("palette colour (PhotometricInterpretation PALETTE COLOR): not converted");
		return -1;
	}
	if (s->samples == 1)
		return 0;
	if (s->samples != 3) {
		*why = esprintf("SamplesPerPixel %u (PhotometricInterpretation %s): not converted",
		    s->samples, *pi != '\0' ? pi : "absent");
		return -1;
	}
	if (strcmp(pi, "RGB") != 0 && strcmp(pi, "YBR_FULL") != 0 &&
	    (s->native || (strcmp(pi, "YBR_FULL_422") != 0 && strcmp(pi, "YBR_ICT") != 0 &&
	    strcmp(pi, "YBR_RCT") != 0))) {
		*why = esprintf("colour of PhotometricInterpretation %s%s: not converted (RGB and YBR_FULL "
		    "are, and what a decoder makes RGB)", *pi != '\0' ? pi : "absent",
		    s->native ? " uncompressed" : "");
		return -1;
	}
	if (s->bits_alloc != 8) {
		*why = esprintf("colour of %u bits a sample (%s): not converted (only 8-bit colour is, "
		    "as NIfTI's RGB24 holds it)", s->bits_alloc, pi);
		return -1;
	}
	if (s->planar > 1) {
		*why = esprintf("colour of PlanarConfiguration %u: not converted", s->planar);
		return -1;
	}
	/* colour samples are unsigned whatever PixelRepresentation says: none is sign-extended */
	s->signed_px = 0;
	return 0;
}

/*
 * An enhanced or Legacy Converted multi-frame image: one slice per frame,
 * its geometry and rescale from the per-frame or shared functional groups
 * (Plane Position, Plane Orientation, Pixel Measures, Pixel Value
 * Transformation); frames of another frame type or echo are another stack.
 */
static int
add_frames(struct series_set *set, dcm_item *ds, const char *name, const char *path,
    const void *data, size_t len, char **why)
{
	dcm_item *shared = dcm_item_seq_get(ds, DCM_TAG(0x5200, 0x9229), 0), *pf, *it;
	long nframes = get_long(ITEM(ds), DCM_TAG(0x0028, 0x0008), 0), k;
	struct source *src = NULL;
	struct slice proto, *s;

	memset(&proto, 0, sizeof(proto));
	if (dcm_item_seq_count(ds, DCM_TAG(0x5200, 0x9230)) < (size_t)nframes) {
		*why = estrdup("a multi-frame image without per-frame functional groups");
		return -1;
	}
	if (pixel_format(&proto, ITEM(ds), why) < 0) {
		free(proto.photometric);
		return -2;
	}
	proto.series_number = (int)get_long(ITEM(ds), DCM_TAG(0x0020, 0x0011), 0);
	proto.instance = (int)get_long(ITEM(ds), DCM_TAG(0x0020, 0x0013), 0);
	if (path == NULL) {
		src = ecalloc(1, sizeof(*src));
		src->data = emalloc(len);
		memcpy(src->data, data, len);
		src->len = len;
	}
	for (k = 0; k < nframes; k++) {
		pf = dcm_item_seq_get(ds, DCM_TAG(0x5200, 0x9230), (size_t)k);
		s = ecalloc(1, sizeof(*s));
		*s = proto;
		s->photometric = estrdup(proto.photometric);
		s->frame = k;
		s->multiframe = 1;
		if ((it = group_item(pf, shared, DCM_TAG(0x0020, 0x9116))) == NULL ||
		    get_numbers(ITEM(it), DCM_TAG(0x0020, 0x0037), s->iop, 6) < 0 ||
		    (it = group_item(pf, shared, DCM_TAG(0x0020, 0x9113))) == NULL ||
		    get_numbers(ITEM(it), DCM_TAG(0x0020, 0x0032), s->ipp, 3) < 0 ||
		    (it = group_item(pf, shared, DCM_TAG(0x0028, 0x9110))) == NULL ||
		    get_numbers(ITEM(it), DCM_TAG(0x0028, 0x0030), s->spacing, 2) < 0) {
			free(s->photometric);
			free(s);
			*why = esprintf("frame %ld: no geometry in its functional groups", k + 1);
			break;
		}
		s->slope = 1;
		s->inter = 0;
		if (s->samples == 1 && (it = group_item(pf, shared, DCM_TAG(0x0028, 0x9145))) != NULL) {
			if (get_numbers(ITEM(it), DCM_TAG(0x0028, 0x1053), &s->slope, 1) < 0)
				s->slope = 1;
			if (get_numbers(ITEM(it), DCM_TAG(0x0028, 0x1052), &s->inter, 1) < 0)
				s->inter = 0;
		}
		if ((it = group_item(pf, shared, DCM_TAG(0x0018, 0x9114))) != NULL &&
		    get_numbers(ITEM(it), DCM_TAG(0x0018, 0x9082), &s->echo_time, 1) < 0)
			s->echo_time = 0;
		if ((it = group_item(pf, shared, DCM_TAG(0x0018, 0x9226))) != NULL ||
		    (it = group_item(pf, shared, DCM_TAG(0x0018, 0x9329))) != NULL)
			s->frame_type = dcm_item_string(it, DCM_TAG(0x0008, 0x9007));
		if ((it = group_item(pf, shared, DCM_TAG(0x0020, 0x9111))) != NULL)
			s->temporal = (int)get_long(ITEM(it), DCM_TAG(0x0020, 0x9128), 0);
		s->acquisition = s->temporal;
		s->instance = (int)k;
		slice_identity(s, ITEM(ds));
		s->name = esprintf("%s[frame %ld]", name, k + 1);
		if (path != NULL)
			s->path = estrdup(path);
		else {
			s->src = src;
			src->refs++;
		}
		push(set, s);
	}
	if (src != NULL && src->refs == 0) {
		free(src->data);
		free(src);
	}
	free(proto.photometric);
	return *why != NULL ? -1 : 0;
}

struct series_set *
series_new(void)
{
	return ecalloc(1, sizeof(struct series_set));
}

static void
slice_free(struct slice *s)
{
	if (s->src != NULL && --s->src->refs == 0) {
		free(s->src->data);
		free(s->src);
	}
	free(s->frame_type);
	free(s->photometric);
	free(s->name);
	free(s->record);
	free(s->path);
	free(s->data);
	free(s->series_uid);
	free(s->modality);
	free(s->patient);
	free(s->study_uid);
	free(s->sop_uid);
	free(s->sop_class);
	free(s);
}

/*
 * The facts of a classic single-frame image from its header h.  0, or -1
 * with *why (malloc'd) for no image with geometry, -2 for an image of a
 * pixel format not converted.
 */
static int
slice_facts(struct slice *s, const struct hdr *ds, char **why)
{
	if (!hdr_has(ds, DCM_TAG(0x7fe0, 0x0010)) && !hdr_has(ds, DCM_TAG(0x0028, 0x0010))) {
		*why = estrdup(VOL_NOT_AN_IMAGE);
		return -1;
	}
	if (get_numbers(ds, DCM_TAG(0x0020, 0x0037), s->iop, 6) < 0 ||
	    get_numbers(ds, DCM_TAG(0x0020, 0x0032), s->ipp, 3) < 0 ||
	    get_numbers(ds, DCM_TAG(0x0028, 0x0030), s->spacing, 2) < 0) {
		*why = estrdup("no geometry (ImageOrientationPatient, ImagePositionPatient, PixelSpacing)");
		return -1;
	}
	if (pixel_format(s, ds, why) < 0)
		return -2;
	/* colour has no rescale (the Modality LUT is for grey) */
	if (s->samples != 1 || get_numbers(ds, DCM_TAG(0x0028, 0x1053), &s->slope, 1) < 0)
		s->slope = 1;
	if (s->samples != 1 || get_numbers(ds, DCM_TAG(0x0028, 0x1052), &s->inter, 1) < 0)
		s->inter = 0;
	s->echo = (int)get_long(ds, DCM_TAG(0x0018, 0x0086), 0);
	s->series_number = (int)get_long(ds, DCM_TAG(0x0020, 0x0011), 0);
	s->acquisition = (int)get_long(ds, DCM_TAG(0x0020, 0x0012), 0);
	s->instance = (int)get_long(ds, DCM_TAG(0x0020, 0x0013), 0);
	if (mosaic(ds, s) < 0) {
		*why = estrdup("a Siemens mosaic without a readable CSA header (images in mosaic, slice normal)");
		return -1;
	}
	slice_identity(s, ds);
	return 0;
}

/*
 * A multi-frame image by its functional groups, whatever its number of
 * frames (a one-frame enhanced or Legacy Converted image has its geometry
 * there, not at the top level).
 */
static int
is_enhanced(const struct hdr *h)
{
	return hdr_has(h, DCM_TAG(0x5200, 0x9229)) || hdr_has(h, DCM_TAG(0x5200, 0x9230));
}

/*
 * The header read by dcmscan, when it can be: a classic image of native
 * pixels in an uncompressed syntax.  1 with the slice's facts, 0 for
 * dcmtk, -1 with *why for a file that plainly is not DICOM or that dcmscan
 * read to its end and found no image in (a DICOMDIR, a report), -2 as
 * slice_facts().
 */
static int
add_scanned(struct slice *s, const char *path, const void *data, size_t len, char **why)
{
	struct dcmscan *sc;
	struct hdr h = { NULL, NULL };
	char *frames;
	int rc;

	rc = path != NULL ? dcmscan_path(path, &sc) : dcmscan_mem(data, len, &sc);
	if (rc != DCMSCAN_OK) {
		if (rc != DCMSCAN_NOTDICOM)
			return 0;
		*why = estrdup("not a DICOM file (no DICM preamble, and no data set at its start)");
		return -3;
	}
	h.sc = sc;
	frames = dcmscan_string(sc, DCM_TAG(0x0028, 0x0008));
	if (!hdr_has(&h, DCM_TAG(0x7fe0, 0x0010)) && !hdr_has(&h, DCM_TAG(0x0028, 0x0010))) {
		*why = estrdup(VOL_NOT_AN_IMAGE);
		rc = -1;
	} else if ((frames == NULL || atol(frames) <= 1) && !is_enhanced(&h) &&
	    dcmscan_pixels(sc, &s->px_off, &s->px_len) == 0) {
		/* dcmtk would read the same top-level values: its verdict is this one */
		s->native = 1;
		if ((rc = slice_facts(s, &h, why)) == 0)
			rc = 1;
	} else {
		rc = 0;	/* a multi-frame image: its functional groups are dcmtk's to read */
	}
	free(frames);
	dcmscan_free(sc);
	return rc;
}

static int
add_file(struct series_set *set, const char *name, const char *path, const void *data,
    size_t len, char **why)
{
	struct slice *s;
	dcm_file *f;
	dcm_item *ds;
	char *err = NULL, *frames;
	int rc;

	*why = NULL;
	s = ecalloc(1, sizeof(*s));
	if ((rc = add_scanned(s, path, data, len, why)) > 0)
		goto filed;
	if (rc < 0) {
		slice_free(s);
		return rc;
	}
	rc = path != NULL ? dcm_open_path(path, DCM_HEADER_ONLY, &f, &err) :
	    dcm_open_mem(data, len, DCM_HEADER_ONLY, &f, &err);
	if (rc != DCM_OK) {
		free(s);
		*why = err != NULL ? err : estrdup("cannot read");
		return -3;
	}
	ds = dcm_dataset(f);
	frames = dcm_item_string(ds, DCM_TAG(0x0028, 0x0008));
	if (frames != NULL && (atol(frames) > 1 || is_enhanced(ITEM(ds)))) {
		free(frames);
		slice_free(s);
		rc = add_frames(set, ds, name, path, data, len, why);
		dcm_close(f);
		return rc;
	}
	free(frames);
	rc = slice_facts(s, ITEM(ds), why);
	dcm_close(f);
	if (rc < 0) {
		slice_free(s);
		return rc;
	}
filed:
	s->name = estrdup(name);
	if (path != NULL)
		s->path = estrdup(path);
	else {
		s->data = emalloc(len);
		memcpy(s->data, data, len);
		s->len = len;
	}
	push(set, s);
	return 0;
}

int
series_add(struct series_set *set, const char *name, const char *path, const void *data,
    size_t len, const char *record, char **why)
{
	size_t n0 = set->n, i;
	int rc = add_file(set, name, path, data, len, why);

	/* every slice of the file (every frame of a multi-frame one) keeps its record */
	for (i = n0; rc == 0 && record != NULL && i < set->n; i++)
		set->all[i]->record = estrdup(record);
	return rc;
}

/* Same stack: same series, orientation (to 1e-4), size, pixel format (and samples), echo. */
static int
cmp_stack(const struct slice *a, const struct slice *b)
{
	int i, c;

	if ((c = strcmp(a->series_uid, b->series_uid)) != 0)
		return c;
	if (a->series_number != b->series_number)
		return a->series_number < b->series_number ? -1 : 1;
	for (i = 0; i < 6; i++) {
		long x = lround(a->iop[i] * 1e4), y = lround(b->iop[i] * 1e4);

		if (x != y)
			return x < y ? -1 : 1;
	}
	if (a->rows != b->rows)
		return a->rows < b->rows ? -1 : 1;
	if (a->cols != b->cols)
		return a->cols < b->cols ? -1 : 1;
	if (a->bits_alloc != b->bits_alloc)
		return a->bits_alloc < b->bits_alloc ? -1 : 1;
	if (a->samples != b->samples)
		return a->samples < b->samples ? -1 : 1;
	if (a->signed_px != b->signed_px)
		return a->signed_px - b->signed_px;
	if (a->echo != b->echo)
		return a->echo < b->echo ? -1 : 1;
	if (a->ntiles != b->ntiles)
		return a->ntiles < b->ntiles ? -1 : 1;
	if (fabs(a->echo_time - b->echo_time) > 1e-6)
		return a->echo_time < b->echo_time ? -1 : 1;
	if ((c = strcmp(a->frame_type != NULL ? a->frame_type : "",
	    b->frame_type != NULL ? b->frame_type : "")) != 0)
		return c;
	return 0;
}

/* Within a stack: along the normal, then by acquisition and instance (time). */
static int
cmp_slice(const void *pa, const void *pb)
{
	const struct slice *a = *(struct slice *const *)pa, *b = *(struct slice *const *)pb;
	int c = cmp_stack(a, b);

	if (c != 0)
		return c;
	if (fabs(a->dist - b->dist) > 1e-4)
		return a->dist < b->dist ? -1 : 1;
	if (a->acquisition != b->acquisition)
		return a->acquisition < b->acquisition ? -1 : 1;
	if (a->instance != b->instance)
		return a->instance < b->instance ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void
group(struct series_set *set)
{
	size_t i, first;

	if (set->grouped)
		return;
	free(set->stacks);
	set->stacks = NULL;
	set->nstacks = 0;
	if (set->n > 0)
		qsort(set->all, set->n, sizeof(*set->all), cmp_slice);
	for (i = 0; i < set->n; i++) {
		struct stack *st;

		if (set->nstacks == 0 || cmp_stack(set->all[i - 1], set->all[i]) != 0) {
			set->stacks = erealloc(set->stacks, (set->nstacks + 1) * sizeof(*set->stacks));
			st = &set->stacks[set->nstacks++];
			memset(st, 0, sizeof(*st));
			st->s = &set->all[i];
		}
		set->stacks[set->nstacks - 1].n++;
	}
	/* the place of each stack in its series, for the names of the outputs */
	for (i = 0, first = 0; i < set->nstacks; i++) {
		if (strcmp(set->stacks[i].s[0]->series_uid, set->stacks[first].s[0]->series_uid) != 0)
			first = i;
		set->stacks[i].index = i - first;
	}
	for (i = set->nstacks; i-- > 0;) {
		size_t j = i;

		while (j + 1 < set->nstacks &&
		    strcmp(set->stacks[j + 1].s[0]->series_uid, set->stacks[i].s[0]->series_uid) == 0)
			j++;
		set->stacks[i].count = set->stacks[j].index + 1;
	}
	set->grouped = 1;
}

size_t
series_count(const struct series_set *s)
{
	group((struct series_set *)s);
	return s->nstacks;
}

const char *
series_name(const struct series_set *s, size_t i)
{
	group((struct series_set *)s);
	return s->stacks[i].s[0]->name;
}

void
series_stack_index(const struct series_set *s, size_t i, size_t *index, size_t *count)
{
	group((struct series_set *)s);
	*index = s->stacks[i].index;
	*count = s->stacks[i].count;
}

/* The file read last, decoded: the frames of a multi-frame file are read from one decode. */
struct frame_cache {
	const void *key;	/* its path or bytes */
	dcm_file *f;
	const unsigned char *px;
	size_t len;
	/* the colour of the pixels as decoded (a JPEG decoder may make YBR RGB) */
	char *photometric;
	unsigned planar;
};

static void
cache_drop(struct frame_cache *c)
{
	if (c->f != NULL)
		dcm_close(c->f);
	free(c->photometric);
	memset(c, 0, sizeof(*c));
}

/*
 * Fill iov[0..n) from fd at offset at, going on after short reads.  0, or
 * -1 with errno (EIO when the file ends first: it shrank since its header
 * was read).
 */
static int
preadv_all(int fd, struct iovec *iov, int n, off_t at)
{
	while (n > 0) {
		ssize_t got = preadv(fd, iov, n, at);
		size_t g;

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			return -1;
		}
		at += got;
		for (g = (size_t)got; n > 0 && g >= iov->iov_len; n--, iov++)
			g -= iov->iov_len;
		if (n > 0) {
			iov->iov_base = (unsigned char *)iov->iov_base + g;
			iov->iov_len -= g;
		}
	}
	return 0;
}

static int
read_error(const struct slice *s, char **err)
{
	*err = esprintf("%s: %s", s->name, strerror(errno));
	return -1;
}

/* The bytes of one pixel of s: all its samples. */
static size_t
pixel_bytes(const struct slice *s)
{
	return (size_t)s->samples * (s->bits_alloc / 8);
}

/* BitsStored < BitsAllocated: the high bits are not the value (of each sample). */
static void
mask_bits(const struct slice *s, unsigned char *dst)
{
	size_t bpp = s->bits_alloc / 8;

	if (s->bits_stored < s->bits_alloc) {
		size_t i, n = (size_t)s->rows * s->cols * s->samples;
		unsigned shift = s->high_bit + 1 - s->bits_stored, nb = s->bits_stored;
		uint32_t mask = (1u << nb) - 1;

		/* the common case in a loop of its own, sign-extended without a branch */
		if (bpp == 2) {
			uint16_t *p = (uint16_t *)(void *)dst;
			unsigned up = 32 - nb;

			if (s->signed_px)
				for (i = 0; i < n; i++)
					p[i] = (uint16_t)(int16_t)((int32_t)((((uint32_t)p[i] >> shift) & mask) << up) >> up);
			else
				for (i = 0; i < n; i++)
					p[i] = (uint16_t)((p[i] >> shift) & mask);
		} else {
			for (i = 0; i < n; i++) {
				uint32_t v = bpp == 1 ? dst[i] : ((uint32_t *)(void *)dst)[i];

				v = (v >> shift) & mask;
				if (s->signed_px && (v & (1u << (nb - 1))) != 0)
					v |= ~mask;	/* sign extension */
				if (bpp == 1)
					dst[i] = (unsigned char)v;
				else
					((uint32_t *)(void *)dst)[i] = v;
			}
		}
	}
}

/*
 * A native image (dcmscan found it) into dst, its rows reversed when
 * reversed is set: one preadv puts each row where the volume wants it, so
 * the pixels are copied once, from the page cache to their place.
 */
static int
read_native(const struct slice *s, unsigned char *dst, int reversed, char **err)
{
	size_t rowbytes = (size_t)s->cols * pixel_bytes(s), need = rowbytes * s->rows, r, n;
	const unsigned char *src = s->path == NULL ? (const unsigned char *)s->data + s->px_off : NULL;
	struct iovec iov[256];
	int fd = -1;

	if (s->px_len < need) {
		*err = esprintf("%s: pixel data shorter (%llu bytes) than its image", s->name,
		    (unsigned long long)s->px_len);
		return -1;
	}
	if (src != NULL) {
		for (r = 0; r < s->rows; r++)
			memcpy(dst + (reversed ? s->rows - 1 - r : r) * rowbytes, src + r * rowbytes, rowbytes);
		return 0;
	}
	if ((fd = open(s->path, O_RDONLY | O_CLOEXEC)) < 0)
		return read_error(s, err);
	/* rows in order: one piece; reversed: each row to its place, 256 rows a call */
	for (r = 0; r < s->rows; r += n) {
		size_t i;

		n = !reversed ? s->rows : s->rows - r < 256 ? s->rows - r : 256;
		for (i = 0; i < (reversed ? n : 1); i++) {
			iov[i].iov_base = dst + (reversed ? s->rows - 1 - (r + i) : r) * rowbytes;
			iov[i].iov_len = reversed ? rowbytes : need;
		}
		if (preadv_all(fd, iov, reversed ? (int)n : 1, (off_t)(s->px_off + r * rowbytes)) < 0) {
			close(fd);
			return read_error(s, err);
		}
	}
	close(fd);
	return 0;
}

/* A colour sample as a byte: rounded, and clamped to 0..255. */
static unsigned char
colour_byte(double v)
{
	long x = lround(v);

	return (unsigned char)(x < 0 ? 0 : x > 255 ? 255 : x);
}

/* Colour pixels of s as decoded: 0 if they are RGB or YBR_FULL, else -1 with *err. */
static int
rgb_check(const struct slice *s, const char *photometric, char **err)
{
	if (s->samples == 1 || strcmp(photometric, "RGB") == 0 || strcmp(photometric, "YBR_FULL") == 0)
		return 0;
	*err = esprintf("%s: colour of PhotometricInterpretation %s%s: not converted (RGB and "
	    "YBR_FULL are)", s->name, *photometric != '\0' ? photometric : "absent",
	    s->native ? "" : " once decoded");
	return -1;
}

/*
 * A colour image of s as decoded (photometric, planar) into RGB triplets in
 * place: RRR..GGG..BBB interleaved, and YBR_FULL made RGB by the inverse of
 * the transform of PS3.3 C.7.6.3.1.2.  Grey stays as it is.  0, or -1 with
 * *err for a colour space a decoder left as neither.
 */
static int
to_rgb(const struct slice *s, unsigned char *px, const char *photometric, unsigned planar,
    char **err)
{
	size_t npx = (size_t)s->rows * s->cols, i;
	unsigned char *p;

	if (s->samples == 1)
		return 0;
	if (rgb_check(s, photometric, err) < 0)
		return -1;
	if (planar == 1) {
		unsigned char *t = emalloc(npx * 3);

		for (i = 0; i < npx; i++) {
			t[3 * i] = px[i];
			t[3 * i + 1] = px[npx + i];
			t[3 * i + 2] = px[2 * npx + i];
		}
		memcpy(px, t, npx * 3);
		free(t);
	}
	if (strcmp(photometric, "YBR_FULL") == 0)
		for (i = 0, p = px; i < npx; i++, p += 3) {
			double y = p[0], cb = p[1] - 128.0, cr = p[2] - 128.0;

			p[0] = colour_byte(y + 1.402 * cr);
			p[1] = colour_byte(y - 0.344136 * cb - 0.714136 * cr);
			p[2] = colour_byte(y + 1.772 * cb);
		}
	return 0;
}

/* Native pixels that are the volume's as they are (grey, or RGB by pixel): read into place. */
static int
as_stored(const struct slice *s)
{
	return s->native && (s->samples == 1 || (s->planar == 0 && strcmp(s->photometric, "RGB") == 0));
}

/*
 * A file's frame into dst, masked or sign-extended to its bits, colour as
 * RGB triplets.
 */
static int
read_frame(const struct slice *s, unsigned char *dst, struct frame_cache *c, char **err)
{
	const void *key = s->path != NULL ? (const void *)s->path :
	    s->src != NULL ? s->src->data : s->data;
	size_t rowbytes, bpp = pixel_bytes(s), need;
	char *e = NULL;
	int rc;

	rowbytes = (size_t)s->cols * bpp;
	need = rowbytes * s->rows;
	if (s->native) {
		if (read_native(s, dst, 0, err) < 0)
			return -1;
		mask_bits(s, dst);
		return to_rgb(s, dst, s->photometric, s->planar, err);
	} else {
		if (c->f == NULL || c->key == NULL ||
		    (s->path != NULL ? strcmp(c->key, s->path) != 0 : c->key != key)) {
			cache_drop(c);
			if (s->path != NULL)
				rc = dcm_open_path(s->path, 0, &c->f, &e);
			else if (s->src != NULL)
				rc = dcm_open_mem(s->src->data, s->src->len, 0, &c->f, &e);
			else
				rc = dcm_open_mem(s->data, s->len, 0, &c->f, &e);
			if (rc != DCM_OK) {
				*err = esprintf("%s: %s", s->name, e != NULL ? e : "cannot read");
				free(e);
				c->f = NULL;
				return -1;
			}
			if (dcm_pixels(c->f, (const void **)&c->px, &c->len, &e) != DCM_OK) {
				*err = esprintf("%s: %s", s->name, e != NULL ? e : "no pixels");
				free(e);
				cache_drop(c);
				return -1;
			}
			c->key = key;
			/* what the decoder made of the colour, as it says in the data set */
			c->photometric = dcm_item_string(dcm_dataset(c->f), DCM_TAG(0x0028, 0x0004));
			c->planar = (unsigned)get_long(ITEM(dcm_dataset(c->f)), DCM_TAG(0x0028, 0x0006), 0);
		}
		if (rgb_check(s, c->photometric != NULL ? c->photometric : "", err) < 0)
			return -1;
		if (c->len < need * (size_t)(s->frame + 1)) {
			*err = esprintf("%s: pixel data shorter (%zu bytes) than its frames", s->name, c->len);
			return -1;
		}
		memcpy(dst, c->px + need * (size_t)s->frame, need);
	}
	mask_bits(s, dst);
	return to_rgb(s, dst, c->photometric != NULL ? c->photometric : "", c->planar, err);
}

/* An image of rows x cols at (r0, c0) of a frame of fcols columns, rows reversed into dst. */
static void
place(unsigned char *dst, const unsigned char *frame, size_t fcols, size_t r0, size_t c0,
    size_t rows, size_t cols, size_t bpp)
{
	size_t r;

	for (r = 0; r < rows; r++)
		memcpy(dst + (rows - 1 - r) * cols * bpp, frame + ((r0 + r) * fcols + c0) * bpp, cols * bpp);
}

static int finish(struct stack *st, struct volume *v, char **err);

/* A share of the slices of a stack, read by one thread. */
struct reader {
	const struct stack *st;
	struct volume *v;
	size_t npos, nt, slicebytes, first, step;
	char *err;
};

/* Slices first, first + step, ...: image j of the sorted stack is position j / nt, volume j % nt. */
static void *
read_share(void *arg)
{
	struct reader *r = arg;
	const struct slice *a = r->st->s[0];
	struct frame_cache cache = { NULL, NULL, NULL, 0, NULL, 0 };
	unsigned char *frame = emalloc(r->slicebytes);
	size_t j;

	for (j = r->first; j < r->st->n && r->err == NULL; j += r->step) {
		size_t k = j / r->nt, t = j % r->nt;
		unsigned char *dst = (unsigned char *)r->v->data + (t * r->npos + k) * r->slicebytes;

		if (as_stored(r->st->s[j])) {
			/* straight into place, rows reversed on the way */
			if (read_native(r->st->s[j], dst, 1, &r->err) == 0)
				mask_bits(r->st->s[j], dst);
		} else if (read_frame(r->st->s[j], frame, &cache, &r->err) == 0)
			place(dst, frame, a->cols, 0, 0, a->rows, a->cols, pixel_bytes(a));
	}
	cache_drop(&cache);
	free(frame);
	return NULL;
}

/*
 * Every slice into the volume, in two threads for a large stack: each file
 * is opened and decoded on its own.  A multi-frame file's frames go to one
 * thread in a row (step 1) so that it is decoded once.
 */
static int
read_all_slices(const struct stack *st, struct volume *v, size_t npos, size_t nt,
    size_t slicebytes, char **err)
{
	struct reader r[2];
	pthread_t th;
	int two = st->n >= 16 && st->s[0]->path != NULL && st->s[0]->frame == 0 &&
	    st->s[st->n - 1]->frame == 0 && sysconf(_SC_NPROCESSORS_ONLN) > 1;
	size_t i;

	for (i = 0; i < 2; i++) {
		r[i].st = st;
		r[i].v = v;
		r[i].npos = npos;
		r[i].nt = nt;
		r[i].slicebytes = slicebytes;
		r[i].first = i;
		r[i].step = two ? 2 : 1;
		r[i].err = NULL;
	}
	if (two && pthread_create(&th, NULL, read_share, &r[1]) == 0) {
		read_share(&r[0]);
		pthread_join(th, NULL);
	} else {
		r[0].step = 1;
		r[1].err = NULL;
		read_share(&r[0]);
		two = 0;
	}
	if (r[0].err != NULL || (two && r[1].err != NULL)) {
		*err = r[0].err != NULL ? r[0].err : r[1].err;
		if (r[0].err != NULL && two)
			free(r[1].err);
		return -1;
	}
	return 0;
}

static void
set_type(struct volume *v, const struct slice *a)
{
	v->samples = a->samples;
	v->bytes_per_voxel = pixel_bytes(a);
	switch (a->bits_alloc) {
	case 8:
		v->type = a->signed_px ? VOL_INT8 : VOL_UINT8;
		break;
	case 16:
		v->type = a->signed_px ? VOL_INT16 : VOL_UINT16;
		break;
	default:
		v->type = a->signed_px ? VOL_INT32 : VOL_UINT32;
		break;
	}
}

/*
 * Siemens mosaics: each file is one volume of ntiles images tiled in its
 * frame, first at the top left; the tiles go along the CSA header's slice
 * normal, and ImagePositionPatient is the corner of the whole frame.
 */
static int
mosaic_volume(struct stack *st, struct volume *v, char **err)
{
	struct slice *a = st->s[0];
	size_t m, k, t, bpp = pixel_bytes(a), tilebytes;
	struct frame_cache cache = { NULL, NULL, NULL, 0, NULL, 0 };
	unsigned char *frame;
	double ipp[3];
	int d;

	for (m = 1; m * m < a->ntiles; m++)
		;
	for (d = 0; d < 3; d++)
		ipp[d] = a->ipp[d] + a->iop[3 + d] * a->spacing[0] * (double)(a->rows - a->tile_rows) / 2 +
		    a->iop[d] * a->spacing[1] * (double)(a->cols - a->tile_cols) / 2;
	v->dim[0] = a->tile_cols;
	v->dim[1] = a->tile_rows;
	v->dim[2] = a->ntiles;
	v->dim[3] = st->n;
	for (d = 0; d < 3; d++) {
		v->lps[d][0] = a->iop[d] * a->spacing[1];
		v->lps[d][1] = -a->iop[3 + d] * a->spacing[0];
		v->lps[d][2] = a->slice_normal[d] * a->slice_spacing;
		v->lps[d][3] = ipp[d] + a->iop[3 + d] * a->spacing[0] * (double)(a->tile_rows - 1);
	}
	v->lps[3][3] = 1;
	set_type(v, a);
	tilebytes = (size_t)a->tile_rows * a->tile_cols * bpp;
	v->data = emalloc(tilebytes * a->ntiles * st->n);
	frame = emalloc((size_t)a->rows * a->cols * bpp);
	/* volumes in the order of acquisition and instance (the stack is sorted so) */
	for (t = 0; t < st->n; t++) {
		if (st->s[t]->ntiles != a->ntiles || read_frame(st->s[t], frame, &cache, err) < 0) {
			if (*err == NULL)
				*err = esprintf("%s: mosaics of different sizes in one series", st->s[t]->name);
			cache_drop(&cache);
			free(frame);
			free(v->data);
			v->data = NULL;
			return -1;
		}
		for (k = 0; k < a->ntiles; k++)
			place((unsigned char *)v->data + (t * a->ntiles + k) * tilebytes, frame, a->cols,
			    (k / m) * a->tile_rows, (k % m) * a->tile_cols, a->tile_rows, a->tile_cols, bpp);
	}
	cache_drop(&cache);
	free(frame);
	return finish(st, v, err);
}

int
series_volume(struct series_set *set, size_t i, struct volume *v, char **err)
{
	struct stack *st;
	struct slice *a, *b;
	size_t npos, nt, j, bpp, slicebytes;
	double kvec[3], n[3], sp, mean, lo, hi, klen;
	int d;

	*err = NULL;
	memset(v, 0, sizeof(*v));
	group(set);
	st = &set->stacks[i];
	a = st->s[0];
	if (a->ntiles > 0)
		return mosaic_volume(st, v, err);
	/* positions: slices at one place are volumes of a time series */
	for (npos = 1, j = 1; j < st->n; j++)
		if (fabs(st->s[j]->dist - st->s[j - 1]->dist) > 1e-4)
			npos++;
	if (st->n % npos != 0) {
		*err = esprintf("%s: %zu images at %zu positions: not whole volumes", a->name, st->n, npos);
		return -1;
	}
	nt = st->n / npos;
	for (j = 0; j < st->n; j++)
		if (fabs(st->s[j]->dist - st->s[(j / nt) * nt]->dist) > 1e-4) {
			*err = esprintf("%s: not the same number of images at every position", a->name);
			return -1;
		}
	b = st->s[st->n - 1];
	plane_normal(a->iop, n);
	if (npos > 1) {
		for (d = 0; d < 3; d++)
			kvec[d] = (b->ipp[d] - a->ipp[d]) / (double)(npos - 1);
		mean = (b->dist - a->dist) / (double)(npos - 1);
		lo = hi = mean;
		for (j = nt; j < st->n; j += nt) {
			sp = st->s[j]->dist - st->s[j - nt]->dist;
			if (sp < lo)
				lo = sp;
			if (sp > hi)
				hi = sp;
		}
		if (hi - lo > 0.01 + 0.001 * fabs(mean)) {
			*err = esprintf("%s: slice spacing varies from %.3f to %.3f mm: not converted "
			    "(it is never averaged)", a->name, lo, hi);
			return -1;
		}
	} else {
		/* one slice: its thickness along the normal */
		double th = 1;
		for (d = 0; d < 3; d++)
			kvec[d] = n[d] * th;
	}
	klen = sqrt(kvec[0] * kvec[0] + kvec[1] * kvec[1] + kvec[2] * kvec[2]);
	if (klen > 0 && fabs(fabs(kvec[0] * n[0] + kvec[1] * n[1] + kvec[2] * n[2]) / klen - 1) > 1e-6)
		v->tilted = 1;

	v->dim[0] = a->cols;
	v->dim[1] = a->rows;
	v->dim[2] = npos;
	v->dim[3] = nt;
	/* i: along the row (IOP[0..2]), spaced by PixelSpacing[1];
	 * j: up the columns (rows reversed), spaced by PixelSpacing[0] */
	for (d = 0; d < 3; d++) {
		v->lps[d][0] = a->iop[d] * a->spacing[1];
		v->lps[d][1] = -a->iop[3 + d] * a->spacing[0];
		v->lps[d][2] = kvec[d];
		v->lps[d][3] = a->ipp[d] + a->iop[3 + d] * a->spacing[0] * (double)(a->rows - 1);
	}
	v->lps[3][3] = 1;
	set_type(v, a);
	bpp = v->bytes_per_voxel;
	slicebytes = (size_t)a->rows * a->cols * bpp;
	v->data = emalloc(slicebytes * st->n);
	if (read_all_slices(st, v, npos, nt, slicebytes, err) < 0) {
		free(v->data);
		v->data = NULL;
		return -1;
	}
	return finish(st, v, err);
}

/* What every stack does once its voxels are in: types, rescale, names. */
static int
finish(struct stack *st, struct volume *v, char **err)
{
	struct slice *a = st->s[0];
	size_t j, k, t, npos = v->dim[2], nt = v->dim[3];
	int scaled_same = 1;

	(void)err;
	for (j = 1; j < st->n; j++)
		if (st->s[j]->slope != a->slope || st->s[j]->inter != a->inter)
			scaled_same = 0;
	v->slope = a->slope;
	v->inter = a->inter;
	/* unsigned 16-bit values that all fit in int16 are stored as int16, as dcm2niix does */
	if (v->type == VOL_UINT16) {
		const uint16_t *u = v->data;
		size_t x, nv = v->dim[0] * v->dim[1] * npos * nt;
		unsigned most = 0;

		/* at most 15 bits stored (and so masked): they fit without a look */
		for (j = 0; j < st->n; j++)
			if (st->s[j]->bits_stored > most)
				most = st->s[j]->bits_stored;
		for (x = 0; most > 15 && x < nv && u[x] <= 32767; x++)
			;
		if (most <= 15 || x == nv)
			v->type = VOL_INT16;
	}
	if (!scaled_same) {
		/* the rescale differs between slices: real values, as float32 */
		size_t per = v->dim[0] * v->dim[1], x;
		float *fl = emalloc(sizeof(float) * per * npos * nt);

		for (k = 0; k < npos; k++)
			for (t = 0; t < nt; t++) {
				const struct slice *s = st->s[a->ntiles > 0 ? t : k * nt + t];
				size_t base = (t * npos + k) * per;
				const unsigned char *src = (const unsigned char *)v->data + base * v->bytes_per_voxel;

				for (x = 0; x < per; x++) {
					fl[base + x] = (float)(s->slope * vol_sample(v->type, src, x) + s->inter);
				}
			}
		free(v->data);
		v->data = fl;
		v->type = VOL_FLOAT32;
		v->bytes_per_voxel = 4;
		v->slope = 1;
		v->inter = 0;
	}
	v->modality = estrdup(a->modality != NULL ? a->modality : "");
	v->patient = estrdup(a->patient != NULL ? a->patient : "");
	v->study_uid = estrdup(a->study_uid != NULL ? a->study_uid : "");
	v->series_uid = estrdup(a->series_uid);
	v->nfiles = st->n;
	v->src_path = a->path;
	v->src_data = a->data;
	v->src_len = a->len;
	return 0;
}

void
series_free(struct series_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		slice_free(s->all[i]);
	free(s->all);
	free(s->stacks);
	free(s);
}

int
vol_invert3(const double a[3][3], double m[3][3])
{
	double det, scale;
	int r, c;

	det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
	    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
	    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
	/* degenerate relative to the axes' lengths, not in absolute mm^3 */
	scale = 1;
	for (c = 0; c < 3; c++)
		scale *= sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]);
	if (!(scale > 0) || !(fabs(det) > 1e-9 * scale))
		return -1;
	m[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
	m[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
	m[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
	m[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
	m[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
	m[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
	m[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
	m[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
	m[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++)
			if (!isfinite(m[r][c]))
				return -1;
	return 0;
}

void
vol_free(struct volume *v)
{
	free(v->data);
	free(v->modality);
	free(v->patient);
	free(v->study_uid);
	free(v->series_uid);
	memset(v, 0, sizeof(*v));
}

size_t
series_stack_size(struct series_set *set, size_t i)
{
	group(set);
	return i < set->nstacks ? set->stacks[i].n : 0;
}

void
series_stack_slice(struct series_set *set, size_t i, size_t j, struct stack_slice *out)
{
	const struct slice *s;

	group(set);
	s = set->stacks[i].s[j];
	memset(out, 0, sizeof(*out));
	out->name = s->name;
	out->record = s->record;
	out->series_uid = s->series_uid;
	out->study_uid = s->study_uid != NULL ? s->study_uid : "";
	out->sop_uid = s->sop_uid != NULL ? s->sop_uid : "";
	out->sop_class = s->sop_class != NULL ? s->sop_class : "";
	out->path = s->path;
	out->data = s->src != NULL ? s->src->data : s->data;
	out->len = s->src != NULL ? s->src->len : s->len;
	out->multiframe = s->multiframe;
	out->mosaic = s->ntiles > 0;
	out->frame = s->frame;
	memcpy(out->ipp, s->ipp, sizeof(out->ipp));
	memcpy(out->iop, s->iop, sizeof(out->iop));
	out->dist = s->dist;
	out->rows = s->rows;
	out->cols = s->cols;
	out->bits_alloc = s->bits_alloc;
	out->samples = s->samples;
}

int
series_slice_raw(struct series_set *set, size_t i, size_t j, void *dst, char **err)
{
	const struct slice *s;
	size_t need;
	dcm_file *f = NULL;
	const void *px;
	size_t len;
	char *e = NULL;
	int rc;

	group(set);
	s = set->stacks[i].s[j];
	if (s->native)
		return read_native(s, dst, 0, err);
	need = (size_t)s->rows * s->cols * pixel_bytes(s);
	if (s->path != NULL)
		rc = dcm_open_path(s->path, 0, &f, &e);
	else if (s->src != NULL)
		rc = dcm_open_mem(s->src->data, s->src->len, 0, &f, &e);
	else
		rc = dcm_open_mem(s->data, s->len, 0, &f, &e);
	if (rc != DCM_OK || dcm_pixels(f, &px, &len, &e) != DCM_OK) {
		*err = esprintf("%s: %s", s->name, e != NULL ? e : "cannot read its pixels");
		free(e);
		dcm_close(f);
		return -1;
	}
	if (len < need * (size_t)(s->frame + 1)) {
		*err = esprintf("%s: pixel data shorter (%zu bytes) than its frames", s->name, len);
		dcm_close(f);
		return -1;
	}
	memcpy(dst, (const unsigned char *)px + need * (size_t)s->frame, need);
	dcm_close(f);
	return 0;
}
