/*
 * dcm-merge-frames: a series of classic single-frame CT, MR or PET images
 * as one Legacy Converted Enhanced multi-frame file per stack (PS3.3
 * A.70-A.72), and back with --split.  See dcm-merge-frames(1).
 *
 * The merged file is written in two parts: its data set without Pixel Data
 * through dcmtk, then the Pixel Data element, frame after frame straight
 * from the inputs, so that a stack's pixels are in memory once at most.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
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
#include "pseudo.h"
#include "transcode.h"
#include "util.h"
#include "volume.h"

#define T(g, e) DCM_TAG(g, e)

#define SOP_CT		"1.2.840.10008.5.1.4.1.1.2"
#define SOP_MR		"1.2.840.10008.5.1.4.1.1.4"
#define SOP_PET		"1.2.840.10008.5.1.4.1.1.128"
#define SOP_LEGACY_CT	"1.2.840.10008.5.1.4.1.1.2.2"
#define SOP_LEGACY_MR	"1.2.840.10008.5.1.4.1.1.4.4"
#define SOP_LEGACY_PET	"1.2.840.10008.5.1.4.1.1.128.1"

/* functional group sequences and the attributes they hold */
#define SHARED_FG	T(0x5200, 0x9229)
#define PERFRAME_FG	T(0x5200, 0x9230)
#define FG_PIXEL_MEASURES	T(0x0028, 0x9110)
#define FG_PLANE_POSITION	T(0x0020, 0x9113)
#define FG_PLANE_ORIENTATION	T(0x0020, 0x9116)
#define FG_FRAME_CONTENT	T(0x0020, 0x9111)
#define FG_VOI_LUT		T(0x0028, 0x9132)
#define FG_PIXEL_VALUE		T(0x0028, 0x9145)
#define FG_CT_FRAME_TYPE	T(0x0018, 0x9329)
#define FG_MR_FRAME_TYPE	T(0x0018, 0x9226)
#define FG_PET_FRAME_TYPE	T(0x0018, 0x9751)
#define FG_UNASSIGNED_SHARED	T(0x0020, 0x9170)
#define FG_UNASSIGNED_PERFRAME	T(0x0020, 0x9171)
#define FG_CONVERSION_SOURCE	T(0x0020, 0x9172)
#define FG_REFERENCED_IMAGE	T(0x0008, 0x1140)

/* What every input instance is, for the references between them. */
struct instance {
	char *sop, *cls, *series, *study;
};

struct merge {
	struct output *out;
	struct instance *inst;	/* sorted by sop, once needed */
	size_t ninst;
	int indexed;
	struct pseudo_key key;
	const char *ts;		/* --ts: NULL for explicit little endian */
	int nul;
	int fatal;
	int rval;
};

static NORETURN void
usage(void)
{
	fprintf(stderr, "usage: dcm-merge-frames [-0q] [-k keyfile] [--split] [--ts explicit|rle|jpeg-ls] "
	    "-o out\n"
	    "                        [input ...]\n");
	exit(2);
}

struct stack;
static int evidence(struct merge *m, const struct stack *st, dcm_item *ds);
static int frame_anatomy(dcm_item *shared, dcm_item *ds);

/* ---- small helpers ---- */

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

static dcm_item *
append(dcm_item *it, uint32_t seq)
{
	char *err = NULL;
	dcm_item *n = dcm_item_seq_append(it, seq, &err);

	if (n == NULL) {
		weprintf("(%04x,%04x): %s", DCM_GROUP(seq), DCM_ELEMENT(seq), err != NULL ? err : "no item");
		free(err);
	}
	return n;
}

/* A code sequence item: value, scheme, meaning. */
static int
code(dcm_item *it, uint32_t seq, const char *value, const char *scheme, const char *meaning)
{
	dcm_item *c = append(it, seq);

	return c == NULL || set(c, T(0x0008, 0x0100), "SH", value) < 0 ||
	    set(c, T(0x0008, 0x0102), "SH", scheme) < 0 || set(c, T(0x0008, 0x0104), "LO", meaning) < 0 ?
	    -1 : 0;
}

/* ---- which attribute goes where ---- */

enum place {
	P_UNASSIGNED,	/* Unassigned Shared or Per-frame Converted Attributes */
	P_MODULE,	/* a module of the IOD: the top level, from the first frame */
	P_MAPPED,	/* into a functional group of its own, or made anew */
	P_DROPPED,	/* replaced by the conversion (UIDs, Number of Frames, pixels) */
};

/* The attributes of the modules the Legacy Converted IODs share with the classic ones. */
static const uint32_t module_tags[] = {
	/* SOP Common */
	T(0x0008, 0x0005), T(0x0008, 0x0201),
	/* General Study, Patient Study */
	T(0x0008, 0x0020), T(0x0008, 0x0030), T(0x0008, 0x0050), T(0x0008, 0x0051), T(0x0008, 0x0090),
	T(0x0008, 0x0096), T(0x0008, 0x1030), T(0x0008, 0x1032), T(0x0008, 0x1048), T(0x0008, 0x1049),
	T(0x0008, 0x1060), T(0x0008, 0x1062), T(0x0008, 0x1080), T(0x0008, 0x1110), T(0x0020, 0x000d),
	T(0x0020, 0x0010),
	/* General Series, CT/MR/PET Series */
	T(0x0008, 0x0021), T(0x0008, 0x0031), T(0x0008, 0x0060), T(0x0008, 0x103e), T(0x0008, 0x1050),
	T(0x0008, 0x1052), T(0x0008, 0x1070), T(0x0008, 0x1072), T(0x0008, 0x1111), T(0x0018, 0x0015),
	T(0x0018, 0x1030), T(0x0018, 0x5100), T(0x0020, 0x0011), T(0x0020, 0x0060), T(0x0040, 0x0244),
	T(0x0040, 0x0245), T(0x0040, 0x0253), T(0x0040, 0x0254), T(0x0040, 0x0260), T(0x0040, 0x0275),
	/* Frame of Reference */
	T(0x0020, 0x0052), T(0x0020, 0x1040),
	/* General Equipment */
	T(0x0008, 0x0070), T(0x0008, 0x0080), T(0x0008, 0x0081), T(0x0008, 0x1010), T(0x0008, 0x1040),
	T(0x0008, 0x1090), T(0x0018, 0x1000), T(0x0018, 0x1020), T(0x0018, 0x1050), T(0x0018, 0x1200),
	T(0x0018, 0x1201), T(0x0028, 0x0120),
	/* Image Pixel: made anew, see write_pixel_module() */
	/* Contrast/Bolus */
	T(0x0018, 0x0010), T(0x0018, 0x0012), T(0x0018, 0x1040), T(0x0018, 0x1041), T(0x0018, 0x1042),
	T(0x0018, 0x1043), T(0x0018, 0x1044), T(0x0018, 0x1046), T(0x0018, 0x1047), T(0x0018, 0x1048),
	T(0x0018, 0x1049),
	/* image: lossy compression, burned-in annotation */
	T(0x0028, 0x0301), T(0x0028, 0x2110), T(0x0028, 0x2112), T(0x0028, 0x2114),
};

static int
cmp_tag(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static enum place
place_of(uint32_t tag)
{
	static uint32_t *sorted;
	static size_t n;
	uint16_t g = DCM_GROUP(tag), e = DCM_ELEMENT(tag);

	if (sorted == NULL) {
		n = sizeof(module_tags) / sizeof(module_tags[0]);
		sorted = emalloc(sizeof(module_tags));
		memcpy(sorted, module_tags, sizeof(module_tags));
		qsort(sorted, n, sizeof(*sorted), cmp_tag);
	}
	if (e == 0x0000 || g == 0x0002 || g == 0x7fe0 || g == 0xfffc || g == 0xfffa)
		return P_DROPPED;
	if (g == 0x0010)
		return P_MODULE;	/* Patient, Clinical Trial Subject */
	switch (tag) {
	case T(0x0008, 0x0016): case T(0x0008, 0x0018): case T(0x0020, 0x000e):
	case T(0x0028, 0x0008):
	/* the Image Pixel module, made anew */
	case T(0x0028, 0x0002): case T(0x0028, 0x0004): case T(0x0028, 0x0006):
	case T(0x0028, 0x0010): case T(0x0028, 0x0011): case T(0x0028, 0x0100):
	case T(0x0028, 0x0101): case T(0x0028, 0x0102): case T(0x0028, 0x0103):
	case T(0x0028, 0x0106): case T(0x0028, 0x0107):
	/* dates of the content, made anew from the frames' */
	case T(0x0008, 0x0023): case T(0x0008, 0x0033):
		return P_DROPPED;
	case T(0x0020, 0x0032): case T(0x0020, 0x0037): case T(0x0028, 0x0030): case T(0x0018, 0x0050):
	case T(0x0028, 0x1052): case T(0x0028, 0x1053): case T(0x0028, 0x1054):
	case T(0x0028, 0x1050): case T(0x0028, 0x1051): case T(0x0028, 0x1055):
	case T(0x0008, 0x1140):
		return P_MAPPED;
	}
	return bsearch(&tag, sorted, n, sizeof(*sorted), cmp_tag) != NULL ? P_MODULE : P_UNASSIGNED;
}

/* ---- a stack to merge: its headers, and what each attribute does across them ---- */

struct attr {
	uint32_t tag;
	size_t count;		/* frames that have it */
	int same;		/* every frame has it, with the same bytes */
	uint32_t block;		/* a private element: group << 16 | creator element, else 0 */
};

struct stack {
	size_t n;
	dcm_file **h;		/* each frame's header */
	struct attr *a;
	size_t na;
	const char *legacy;	/* the SOP class written */
	const char *modality;	/* CT, MR, PT */
	int mono1;		/* MONOCHROME1: inverted */
	int refs;		/* every referenced image is among the inputs: a Referenced Image group */
	unsigned bits_alloc, bits_stored, high_bit, signed_px, rows, cols;
};

static void
stack_free(struct stack *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		dcm_close(st->h[i]);
	free(st->h);
	free(st->a);
}

/* Every top-level tag of the frames, and whether they agree on it. */
static void
survey(struct stack *st)
{
	size_t i, j, k, n = 0, cap = 0;
	uint32_t *all = NULL, *t;

	for (i = 0; i < st->n; i++) {
		if (dcm_item_tags(dcm_dataset(st->h[i]), &t, &k) != DCM_OK)
			continue;
		if (n + k > cap) {
			cap = (n + k) * 2;
			all = erealloc(all, cap * sizeof(*all));
		}
		memcpy(all + n, t, k * sizeof(*t));
		n += k;
		free(t);
	}
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_tag);
	st->a = ecalloc(n + 1, sizeof(*st->a));
	st->na = 0;
	for (j = 0; j < n; j++) {
		struct attr *a;
		void *b0 = NULL, *b;
		size_t l0 = 0, l;

		if (j > 0 && all[j] == all[j - 1])
			continue;
		a = &st->a[st->na++];
		a->tag = all[j];
		a->same = 1;
		for (i = 0; i < st->n; i++) {
			if (dcm_item_encode(dcm_dataset(st->h[i]), a->tag, &b, &l) != DCM_OK) {
				a->same = 0;
				continue;
			}
			a->count++;
			if (b0 == NULL) {
				b0 = b;
				l0 = l;
				continue;
			}
			if (l != l0 || memcmp(b, b0, l) != 0)
				a->same = 0;
			free(b);
		}
		free(b0);
		if (DCM_GROUP(a->tag) % 2 == 1 && DCM_ELEMENT(a->tag) >= 0x1000)
			a->block = DCM_TAG(DCM_GROUP(a->tag), DCM_ELEMENT(a->tag) >> 8);
		else if (DCM_GROUP(a->tag) % 2 == 1 && DCM_ELEMENT(a->tag) >= 0x0010 &&
		    DCM_ELEMENT(a->tag) <= 0x00ff)
			a->block = a->tag;
	}
	free(all);
	/* a private block is shared only if every element of it (its creator too) is */
	for (j = 0; j < st->na; j++) {
		if (st->a[j].block == 0 || st->a[j].same)
			continue;
		for (k = 0; k < st->na; k++)
			if (st->a[k].block == st->a[j].block)
				st->a[k].same = 0;
	}
}

/* ---- the merged data set ---- */

/* Copy tag from a frame's header into it: 0, or -1 (absent is 0 too). */
static int
copy(dcm_item *dst, dcm_file *h, uint32_t tag)
{
	int rc = dcm_item_copy(dst, dcm_dataset(h), tag);

	if (rc == DCM_OK || rc == DCM_ENOENT)
		return 0;
	weprintf("(%04x,%04x): cannot copy", DCM_GROUP(tag), DCM_ELEMENT(tag));
	return -1;
}

/* Is attribute a shared by every frame (with the same value)? */
static int
all_same(const struct stack *st, uint32_t tag)
{
	size_t j;

	for (j = 0; j < st->na; j++)
		if (st->a[j].tag == tag)
			return st->a[j].same;
	return 1;	/* absent from all: nothing differs */
}

/*
 * The Frame Type (and Image Type) of a frame from its Image Type: four
 * values, ORIGINAL or DERIVED, PRIMARY or SECONDARY, the flavour (value 3
 * as the frame had it, else OTHER), and the derived pixel contrast NONE.
 */
static char *
frame_type(dcm_file *h)
{
	char *it = dcm_item_string(dcm_dataset(h), T(0x0008, 0x0008)), *v[4] = { NULL, NULL, NULL, NULL };
	char *p, *save = NULL, *r;
	int i = 0;

	if (it != NULL)
		for (p = strtok_r(it, "\\", &save); p != NULL && i < 4; p = strtok_r(NULL, "\\", &save))
			v[i++] = p;
	r = esprintf("%s\\%s\\%s\\%s",
	    v[0] != NULL && strcmp(v[0], "DERIVED") == 0 ? "DERIVED" : "ORIGINAL",
	    v[1] != NULL && strcmp(v[1], "SECONDARY") == 0 ? "SECONDARY" : "PRIMARY",
	    v[2] != NULL && *v[2] != '\0' ? v[2] : "OTHER", "NONE");
	free(it);
	return r;
}

/*
 * The Common CT/MR Image Description macro: what a classic header can say
 * (monochrome pixels, a volume, no volume-based calculation).
 */
static int
description(dcm_item *it, const struct stack *st)
{
	(void)st;
	return set(it, T(0x0008, 0x9205), "CS", "MONOCHROME") | set(it, T(0x0008, 0x9206), "CS", "VOLUME") |
	    set(it, T(0x0008, 0x9207), "CS", "NONE");
}

/* The group item for seq in the shared item, or in frame k's. */
static dcm_item *
group(dcm_item *shared, dcm_item **perframe, size_t k, int is_shared, uint32_t seq)
{
	dcm_item *holder = is_shared ? shared : perframe[k];

	if (is_shared && k > 0)
		return NULL;	/* written once */
	return append(holder, seq);
}

/* Window centre and width from a frame, or from its values (min..max) when it has none. */
static int
voi(dcm_item *g, dcm_file *h, const struct stack *st, double lo, double hi)
{
	dcm_item *ds = dcm_dataset(h);
	char buf[64];

	if (dcm_item_has(ds, T(0x0028, 0x1050)) && dcm_item_has(ds, T(0x0028, 0x1051)) && !st->mono1)
		return copy(g, h, T(0x0028, 0x1050)) | copy(g, h, T(0x0028, 0x1051)) |
		    copy(g, h, T(0x0028, 0x1055));
	snprintf(buf, sizeof(buf), "%.6g", (lo + hi) / 2);
	if (set(g, T(0x0028, 0x1050), "DS", buf) < 0)
		return -1;
	snprintf(buf, sizeof(buf), "%.6g", hi - lo + 1);
	return set(g, T(0x0028, 0x1051), "DS", buf);
}

/*
 * The functional groups: shared where every frame agrees, per frame where
 * any differs.  lo/hi: the range of the real values (for a made-up window).
 */
static int
functional_groups(struct stack *st, dcm_item *ds, double lo, double hi, const char *dim_uid)
{
	dcm_item *shared, **pf, *g, *u;
	size_t k, j;
	int rc = 0;
	int measures = all_same(st, T(0x0028, 0x0030)) && all_same(st, T(0x0018, 0x0050));
	int orient = all_same(st, T(0x0020, 0x0037));
	int pixval = all_same(st, T(0x0028, 0x1052)) && all_same(st, T(0x0028, 0x1053)) &&
	    all_same(st, T(0x0028, 0x1054));
	int window = all_same(st, T(0x0028, 0x1050)) && all_same(st, T(0x0028, 0x1051)) &&
	    all_same(st, T(0x0028, 0x1055));
	int ftype = all_same(st, T(0x0008, 0x0008));
	int refimg = all_same(st, T(0x0008, 0x1140));
	uint32_t ftseq = strcmp(st->modality, "CT") == 0 ? FG_CT_FRAME_TYPE :
	    strcmp(st->modality, "MR") == 0 ? FG_MR_FRAME_TYPE : FG_PET_FRAME_TYPE;
	char buf[64];

	if ((shared = append(ds, SHARED_FG)) == NULL)
		return -1;
	pf = emalloc(st->n * sizeof(*pf));
	for (k = 0; k < st->n; k++)
		if ((pf[k] = append(ds, PERFRAME_FG)) == NULL) {
			free(pf);
			return -1;
		}
	for (k = 0; k < st->n && rc == 0; k++) {
		dcm_file *h = st->h[k];
		dcm_item *src = dcm_dataset(h);
		char *ft;

		/* Pixel Measures */
		if ((g = group(shared, pf, k, measures, FG_PIXEL_MEASURES)) != NULL)
			rc |= copy(g, h, T(0x0028, 0x0030)) | copy(g, h, T(0x0018, 0x0050));
		/* Plane Position, always per frame; Plane Orientation */
		if ((g = append(pf[k], FG_PLANE_POSITION)) == NULL)
			rc = -1;
		else
			rc |= copy(g, h, T(0x0020, 0x0032));
		if ((g = group(shared, pf, k, orient, FG_PLANE_ORIENTATION)) != NULL)
			rc |= copy(g, h, T(0x0020, 0x0037));
		/* Frame Content: the stack and the place in it, the acquisition time */
		if ((g = append(pf[k], FG_FRAME_CONTENT)) == NULL) {
			rc = -1;
		} else {
			char *date = dcm_item_string(src, T(0x0008, 0x0022)),
			    *time = dcm_item_string(src, T(0x0008, 0x0032));

			rc |= set(g, T(0x0020, 0x9056), "SH", "1");
			snprintf(buf, sizeof(buf), "%zu", k + 1);
			rc |= set(g, T(0x0020, 0x9057), "UL", buf);
			snprintf(buf, sizeof(buf), "1\\%zu", k + 1);
			rc |= set(g, T(0x0020, 0x9157), "UL", buf);
			char *adt = dcm_item_string(src, T(0x0008, 0x002a));

			if (adt != NULL && *adt != '\0')
				rc |= set(g, T(0x0018, 0x9074), "DT", adt);
			else if (date != NULL && *date != '\0') {
				char *dt = esprintf("%s%s", date, time != NULL ? time : "");

				rc |= set(g, T(0x0018, 0x9074), "DT", dt);
				free(dt);
			}
			free(adt);
			free(date);
			free(time);
		}
		/* Pixel Value Transformation (identity when the frame has no rescale) */
		if ((g = group(shared, pf, k, pixval, FG_PIXEL_VALUE)) != NULL) {
			if (dcm_item_has(src, T(0x0028, 0x1053)))
				rc |= copy(g, h, T(0x0028, 0x1052)) | copy(g, h, T(0x0028, 0x1053));
			else
				rc |= set(g, T(0x0028, 0x1052), "DS", "0") | set(g, T(0x0028, 0x1053), "DS", "1");
			if (dcm_item_has(src, T(0x0028, 0x1054)))
				rc |= copy(g, h, T(0x0028, 0x1054));
			else
				rc |= set(g, T(0x0028, 0x1054), "LO", strcmp(st->modality, "CT") == 0 ? "HU" : "US");
		}
		/* Frame VOI LUT */
		if ((g = group(shared, pf, k, window, FG_VOI_LUT)) != NULL)
			rc |= voi(g, h, st, lo, hi);
		/* CT / MR / PET Image Frame Type */
		if ((g = group(shared, pf, k, ftype, ftseq)) != NULL) {
			ft = frame_type(h);
			rc |= set(g, T(0x0008, 0x9007), "CS", ft) | description(g, st);
			free(ft);
		}
		/* Referenced Image: the frame's references, each with a purpose */
		if (st->refs && dcm_item_seq_count(src, T(0x0008, 0x1140)) > 0 && (!refimg || k == 0)) {
			size_t r, nr = dcm_item_seq_count(src, T(0x0008, 0x1140));
			dcm_item *holder = refimg ? shared : pf[k];

			for (r = 0; r < nr && rc == 0; r++) {
				dcm_item *from = dcm_item_seq_get(src, T(0x0008, 0x1140), r),
				    *to = append(holder, FG_REFERENCED_IMAGE);

				if (to == NULL || from == NULL) {
					rc = -1;
					break;
				}
				rc |= dcm_item_copy(to, from, T(0x0008, 0x1150)) != DCM_OK;
				rc |= dcm_item_copy(to, from, T(0x0008, 0x1155)) != DCM_OK;
				dcm_item_copy(to, from, T(0x0008, 0x1160));
				if (dcm_item_has(from, T(0x0040, 0xa170)))
					dcm_item_copy(to, from, T(0x0040, 0xa170));
				else
					rc |= code(to, T(0x0040, 0xa170), "121311", "DCM", "Localizer");
			}
		}
		/* Conversion Source: the instance this frame was */
		if ((g = append(pf[k], FG_CONVERSION_SOURCE)) == NULL) {
			rc = -1;
		} else {
			char *cls = dcm_item_text(src, T(0x0008, 0x0016)), *sop = dcm_item_text(src, T(0x0008, 0x0018));

			rc |= set(g, T(0x0008, 0x1150), "UI", cls) | set(g, T(0x0008, 0x1155), "UI", sop);
			free(cls);
			free(sop);
		}
		/* everything else, shared or of this frame */
		u = NULL;
		for (j = 0; j < st->na && rc == 0; j++) {
			const struct attr *a = &st->a[j];
			enum place p = place_of(a->tag);

			if (p == P_DROPPED || p == P_MAPPED)
				continue;
			/* the Image Type is the Frame Type too, but kept as it was for --split */
			if (p == P_MODULE && a->same)
				continue;	/* at the top level */
			if (a->same) {
				if (k > 0)
					continue;
				g = dcm_item_seq_count(shared, FG_UNASSIGNED_SHARED) > 0 ?
				    dcm_item_seq_get(shared, FG_UNASSIGNED_SHARED, 0) :
				    append(shared, FG_UNASSIGNED_SHARED);
			} else {
				if (!dcm_item_has(src, a->tag))
					continue;
				if (u == NULL)
					u = append(pf[k], FG_UNASSIGNED_PERFRAME);
				g = u;
			}
			if (g == NULL)
				rc = -1;
			else
				rc |= copy(g, h, a->tag);
		}
	}
	/* Type 2 groups: present, empty, where nothing went into them */
	for (k = 0; k < st->n && rc == 0; k++)
		if (dcm_item_seq_count(pf[k], FG_UNASSIGNED_PERFRAME) == 0 &&
		    append(pf[k], FG_UNASSIGNED_PERFRAME) == NULL)
			rc = -1;
	/* MR: the image-level Referenced Image Sequence is Type 2 when no group has one */
	if (rc == 0 && strcmp(st->modality, "MR") == 0 && dcm_item_seq_count(shared, FG_REFERENCED_IMAGE) == 0 &&
	    dcm_item_seq_count(pf[0], FG_REFERENCED_IMAGE) == 0 && dcm_item_set_empty(ds, FG_REFERENCED_IMAGE) != DCM_OK)
		rc = -1;
	if (rc == 0)
		rc = frame_anatomy(shared, ds);
	/* the Unassigned Shared group is Type 1 in the shared item: one empty item at least */
	if (rc == 0 && dcm_item_seq_count(shared, FG_UNASSIGNED_SHARED) == 0 &&
	    append(shared, FG_UNASSIGNED_SHARED) == NULL)
		rc = -1;
	(void)dim_uid;
	free(pf);
	return rc;
}

/* Body Part Examined as a SNOMED CT code (PS3.16 Annex L), for the Frame Anatomy group. */
static const struct { const char *part, *code, *meaning; } anatomy[] = {
	{ "ABDOMEN", "113345001", "Abdomen" }, { "BRAIN", "12738006", "Brain" },
	{ "CHEST", "51185008", "Chest" }, { "CSPINE", "122494005", "Cervical spine" },
	{ "HEAD", "69536005", "Head" }, { "HEADNECK", "774007", "Head and Neck" },
	{ "HEART", "80891009", "Heart" }, { "JAW", "91609006", "Mandible" },
	{ "MANDIBLE", "91609006", "Mandible" }, { "MAXILLA", "70925003", "Maxilla" },
	{ "NECK", "45048000", "Neck" }, { "PELVIS", "12921003", "Pelvis" },
	{ "SKULL", "89546000", "Skull" }, { "TMJ", "53620006", "Temporomandibular joint" },
	{ "WHOLEBODY", "38266002", "Entire body" },
};

/*
 * Frame Anatomy in the shared item, when the Body Part Examined names a
 * region: its code, and the laterality of the series (else U, unpaired).
 */
static int
frame_anatomy(dcm_item *shared, dcm_item *ds)
{
	char *part = dcm_item_string(ds, T(0x0018, 0x0015)), *lat = dcm_item_string(ds, T(0x0020, 0x0060));
	size_t i;
	dcm_item *g;
	int rc = 0;

	for (i = 0; part != NULL && i < sizeof(anatomy) / sizeof(anatomy[0]); i++)
		if (strcmp(part, anatomy[i].part) == 0)
			break;
	if (part != NULL && i < sizeof(anatomy) / sizeof(anatomy[0])) {
		if ((g = append(shared, T(0x0020, 0x9071))) == NULL ||
		    set(g, T(0x0020, 0x9072), "CS", lat != NULL && (strcmp(lat, "L") == 0 ||
		    strcmp(lat, "R") == 0 || strcmp(lat, "B") == 0) ? lat : "U") < 0 ||
		    code(g, T(0x0008, 0x2218), anatomy[i].code, "SCT", anatomy[i].meaning) < 0)
			rc = -1;
	}
	free(part);
	free(lat);
	return rc;
}

/* Multi-frame Dimension: one stack, indexed by the place of each frame in it. */
static int
dimensions(dcm_item *ds, const char *dim_uid)
{
	dcm_item *o = append(ds, T(0x0020, 0x9221)), *a, *b;

	if (o == NULL || set(o, T(0x0020, 0x9164), "UI", dim_uid) < 0)
		return -1;
	if ((a = append(ds, T(0x0020, 0x9222))) == NULL || set(a, T(0x0020, 0x9164), "UI", dim_uid) < 0 ||
	    set(a, T(0x0020, 0x9165), "AT", "(0020,9056)") < 0 ||
	    set(a, T(0x0020, 0x9167), "AT", "(0020,9111)") < 0 ||
	    set(a, T(0x0020, 0x9421), "LO", "Stack ID") < 0)
		return -1;
	if ((b = append(ds, T(0x0020, 0x9222))) == NULL || set(b, T(0x0020, 0x9164), "UI", dim_uid) < 0 ||
	    set(b, T(0x0020, 0x9165), "AT", "(0020,9057)") < 0 ||
	    set(b, T(0x0020, 0x9167), "AT", "(0020,9111)") < 0 ||
	    set(b, T(0x0020, 0x9421), "LO", "In-Stack Position Number") < 0)
		return -1;
	return 0;
}

/* The first of the frames' values of tag, or NULL. */
static char *
first_of(const struct stack *st, uint32_t tag)
{
	size_t k;

	for (k = 0; k < st->n; k++) {
		char *v = dcm_item_string(dcm_dataset(st->h[k]), tag);

		if (v != NULL && *v != '\0')
			return v;
		free(v);
	}
	return NULL;
}

/* Type 2 attributes of the IOD's modules, empty when no frame had them. */
static const uint32_t type2[] = {
	T(0x0010, 0x0010), T(0x0010, 0x0020), T(0x0010, 0x0030), T(0x0010, 0x0040),	/* Patient */
	T(0x0008, 0x0020), T(0x0008, 0x0030), T(0x0008, 0x0090), T(0x0020, 0x0010),	/* Study */
	T(0x0008, 0x0050),
	T(0x0020, 0x0011),								/* Series */
	T(0x0020, 0x1040), T(0x0008, 0x0070),				/* Frame of Reference, Equipment */
};

/* The merged data set, without Pixel Data. */
static dcm_file *
build(struct merge *m, struct stack *st, int uniform, double lo, double hi, char sop[64], char series[64])
{
	dcm_file *f = NULL;
	dcm_item *ds, *ce;
	char *err = NULL, *v, *src_series, *src_sop, dim_uid[64], buf[64];
	size_t j;
	int rc = 0;

	if (dcm_new(st->legacy, &f, &err) != DCM_OK) {
		weprintf("%s", err != NULL ? err : "cannot make a data set");
		free(err);
		return NULL;
	}
	ds = dcm_dataset(f);
	/* the modules' attributes that every frame shares, from the first */
	for (j = 0; j < st->na; j++)
		if (place_of(st->a[j].tag) == P_MODULE)
			rc |= copy(ds, st->h[0], st->a[j].tag);
	src_series = dcm_item_text(dcm_dataset(st->h[0]), T(0x0020, 0x000e));
	src_sop = dcm_item_text(dcm_dataset(st->h[0]), T(0x0008, 0x0018));
	pseudo_uidf(&m->key, series, "dcm-merge-frames/series/%s/", src_series);
	pseudo_uidf(&m->key, sop, "dcm-merge-frames/instance/%s/%s", src_series, src_sop);
	pseudo_uidf(&m->key, dim_uid, "dcm-merge-frames/dimension/%s/%s", src_series, src_sop);
	free(src_series);
	free(src_sop);
	rc |= set(ds, T(0x0008, 0x0018), "UI", sop) | set(ds, T(0x0020, 0x000e), "UI", series);
	rc |= set(ds, T(0x0020, 0x0013), "IS", "1");
	if (!dcm_item_has(ds, T(0x0008, 0x0060)))
		rc |= set(ds, T(0x0008, 0x0060), "CS", st->modality);
	/* Image Type: the frames' when they agree, else MIXED where they differ */
	v = frame_type(st->h[0]);
	if (!all_same(st, T(0x0008, 0x0008))) {
		char *p = strrchr(v, '\\');

		*p = '\0';
		if ((p = strrchr(v, '\\')) != NULL)
			strcpy(p + 1, "MIXED\\MIXED");
	}
	rc |= set(ds, T(0x0008, 0x0008), "CS", v) | description(ds, st);
	free(v);
	/* Content Date and Time (Type 1): the frames' content, acquisition, series or study date */
	if ((v = first_of(st, T(0x0008, 0x0023))) == NULL && (v = first_of(st, T(0x0008, 0x0022))) == NULL &&
	    (v = first_of(st, T(0x0008, 0x0021))) == NULL && (v = first_of(st, T(0x0008, 0x0020))) == NULL)
		v = estrdup("19000101");
	rc |= set(ds, T(0x0008, 0x0023), "DA", v);
	free(v);
	if ((v = first_of(st, T(0x0008, 0x0033))) == NULL && (v = first_of(st, T(0x0008, 0x0032))) == NULL &&
	    (v = first_of(st, T(0x0008, 0x0031))) == NULL && (v = first_of(st, T(0x0008, 0x0030))) == NULL)
		v = estrdup("000000");
	rc |= set(ds, T(0x0008, 0x0033), "TM", v);
	free(v);
	/* the Image Pixel module */
	rc |= set(ds, T(0x0028, 0x0002), "US", "1");
	rc |= set(ds, T(0x0028, 0x0004), "CS", "MONOCHROME2");
	snprintf(buf, sizeof(buf), "%u", st->rows);
	rc |= set(ds, T(0x0028, 0x0010), "US", buf);
	snprintf(buf, sizeof(buf), "%u", st->cols);
	rc |= set(ds, T(0x0028, 0x0011), "US", buf);
	snprintf(buf, sizeof(buf), "%u", st->bits_alloc);
	rc |= set(ds, T(0x0028, 0x0100), "US", buf);
	snprintf(buf, sizeof(buf), "%u", st->bits_stored);
	rc |= set(ds, T(0x0028, 0x0101), "US", buf);
	snprintf(buf, sizeof(buf), "%u", st->high_bit);
	rc |= set(ds, T(0x0028, 0x0102), "US", buf);
	rc |= set(ds, T(0x0028, 0x0103), "US", st->signed_px ? "1" : "0");
	snprintf(buf, sizeof(buf), "%zu", st->n);
	rc |= set(ds, T(0x0028, 0x0008), "IS", buf);
	/* the Enhanced image modules: what a classic header can honestly say */
	rc |= set(ds, T(0x0028, 0x2110), "CS", "00") * !dcm_item_has(ds, T(0x0028, 0x2110));
	rc |= set(ds, T(0x0028, 0x0301), "CS", "NO") * !dcm_item_has(ds, T(0x0028, 0x0301));
	rc |= set(ds, T(0x2050, 0x0020), "CS", "IDENTITY");
	if (uniform)
		rc |= set(ds, T(0x0020, 0x9311), "CS", "3D");
	rc |= dimensions(ds, dim_uid);
	/* Acquisition Context (Type 2: empty) */
	if (dcm_item_set_empty(ds, T(0x0040, 0x0555)) != DCM_OK)
		rc = -1;
	/* Contributing Equipment: this conversion */
	if ((ce = append(ds, T(0x0018, 0xa001))) == NULL)
		rc = -1;
	else {
		rc |= code(ce, T(0x0040, 0xa170), "109106", "DCM", "Enhanced Multi-frame Conversion Equipment");
		rc |= set(ce, T(0x0008, 0x0070), "LO", "dcmscrub");
		rc |= set(ce, T(0x0008, 0x1090), "LO", "dcm-merge-frames");
		rc |= set(ce, T(0x0018, 0x1020), "LO", DCMSCRUB_VERSION);
		rc |= set(ce, T(0x0018, 0xa003), "ST", "Legacy Converted Enhanced multi-frame image from "
		    "classic single-frame images");
	}
	/* Type 2 attributes the frames lacked: present, empty */
	for (j = 0; j < sizeof(type2) / sizeof(type2[0]); j++)
		if (!dcm_item_has(ds, type2[j]) && dcm_item_set_empty(ds, type2[j]) != DCM_OK)
			rc = -1;
	/* Laterality (2C) is required for a paired body part: unknown without Body Part Examined */
	v = dcm_item_string(ds, T(0x0018, 0x0015));
	if ((v == NULL || *v == '\0') && !dcm_item_has(ds, T(0x0020, 0x0060)) &&
	    dcm_item_set_empty(ds, T(0x0020, 0x0060)) != DCM_OK)
		rc = -1;
	free(v);
	if (st->refs)
		rc |= evidence(m, st, ds);
	rc |= functional_groups(st, ds, lo, hi, dim_uid);
	if (rc != 0) {
		dcm_close(f);
		return NULL;
	}
	return f;
}

/* ---- references between the inputs ---- */

static int
cmp_instance(const void *a, const void *b)
{
	return strcmp(((const struct instance *)a)->sop, ((const struct instance *)b)->sop);
}

/* The UIDs of every input instance, as the series set read them. */
static void
index_inputs(struct merge *m, struct series_set *set)
{
	size_t i, j, n = series_count(set), cap = 0;
	struct stack_slice sl;

	m->indexed = 1;
	for (i = 0; i < n; i++)
		for (j = 0; j < series_stack_size(set, i); j++) {
			series_stack_slice(set, i, j, &sl);
			if (sl.multiframe && sl.frame > 0)
				continue;
			if (m->ninst == cap)
				m->inst = erealloc(m->inst, (cap = cap ? cap * 2 : 256) * sizeof(*m->inst));
			m->inst[m->ninst].sop = estrdup(sl.sop_uid);
			m->inst[m->ninst].cls = estrdup(sl.sop_class);
			m->inst[m->ninst].series = estrdup(sl.series_uid);
			m->inst[m->ninst].study = estrdup(sl.study_uid);
			m->ninst++;
		}
	if (m->ninst > 0)
		qsort(m->inst, m->ninst, sizeof(*m->inst), cmp_instance);
}

static const struct instance *
find_instance(const struct merge *m, const char *sop)
{
	struct instance k;

	k.sop = (char *)(uintptr_t)sop;
	return m->ninst > 0 ? bsearch(&k, m->inst, m->ninst, sizeof(*m->inst), cmp_instance) : NULL;
}

/* Does every image the frames reference lie among the inputs (so its series is known)? */
static int
refs_known(struct merge *m, struct series_set *set, const struct stack *st)
{
	size_t k, r;

	for (k = 0; k < st->n; k++) {
		dcm_item *ds = dcm_dataset(st->h[k]);

		for (r = 0; r < dcm_item_seq_count(ds, T(0x0008, 0x1140)); r++) {
			char *sop = dcm_item_string(dcm_item_seq_get(ds, T(0x0008, 0x1140), r), T(0x0008, 0x1155));
			int known;

			if (!m->indexed)
				index_inputs(m, set);
			known = sop != NULL && find_instance(m, sop) != NULL;
			free(sop);
			if (!known)
				return 0;
		}
	}
	return 1;
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct instance *x = *(const struct instance *const *)a, *y = *(const struct instance *const *)b;
	int c;

	if ((c = strcmp(x->study, y->study)) != 0 || (c = strcmp(x->series, y->series)) != 0)
		return c;
	return strcmp(x->sop, y->sop);
}

/* Referenced Image Evidence: every referenced instance, by study and series (Type 1C). */
static int
evidence(struct merge *m, const struct stack *st, dcm_item *ds)
{
	const struct instance **refs = NULL;
	size_t n = 0, cap = 0, k, r, i;
	dcm_item *study = NULL, *series = NULL, *sop;
	int rc = 0;

	for (k = 0; k < st->n; k++) {
		dcm_item *src = dcm_dataset(st->h[k]);

		for (r = 0; r < dcm_item_seq_count(src, T(0x0008, 0x1140)); r++) {
			char *uid = dcm_item_string(dcm_item_seq_get(src, T(0x0008, 0x1140), r), T(0x0008, 0x1155));
			const struct instance *in = uid != NULL ? find_instance(m, uid) : NULL;

			free(uid);
			if (in == NULL)
				continue;
			if (n == cap)
				refs = erealloc(refs, (cap = cap ? cap * 2 : 16) * sizeof(*refs));
			refs[n++] = in;
		}
	}
	if (n == 0)
		return 0;
	qsort(refs, n, sizeof(*refs), cmp_ref);
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0 && refs[i] == refs[i - 1])
			continue;
		if (i == 0 || strcmp(refs[i]->study, refs[i - 1]->study) != 0) {
			if ((study = append(ds, T(0x0008, 0x9092))) == NULL ||
			    set(study, T(0x0020, 0x000d), "UI", refs[i]->study) < 0) {
				rc = -1;
				break;
			}
			series = NULL;
		}
		if (series == NULL || strcmp(refs[i]->series, refs[i - 1]->series) != 0) {
			if ((series = append(study, T(0x0008, 0x1115))) == NULL ||
			    set(series, T(0x0020, 0x000e), "UI", refs[i]->series) < 0) {
				rc = -1;
				break;
			}
		}
		if ((sop = append(series, T(0x0008, 0x1199))) == NULL ||
		    set(sop, T(0x0008, 0x1150), "UI", refs[i]->cls) < 0 ||
		    set(sop, T(0x0008, 0x1155), "UI", refs[i]->sop) < 0)
			rc = -1;
	}
	free(refs);
	return rc;
}

/* ---- pixels ---- */

/* The Pixel Data element's header in explicit VR little endian: OW (or OB for 8 bits). */
static void
pixel_header(unsigned char h[12], unsigned bits, uint32_t len)
{
	memcpy(h, "\xe0\x7f\x10\x00", 4);
	h[4] = 'O';
	h[5] = bits == 8 ? 'B' : 'W';
	h[6] = h[7] = 0;
	h[8] = (unsigned char)len;
	h[9] = (unsigned char)(len >> 8);
	h[10] = (unsigned char)(len >> 16);
	h[11] = (unsigned char)(len >> 24);
}

/* MONOCHROME1 to MONOCHROME2: each stored value v becomes max - v (bitwise, within BitsStored). */
static void
invert(unsigned char *px, size_t n, const struct stack *st)
{
	uint32_t mask = st->bits_stored >= 32 ? 0xffffffffu : (1u << st->bits_stored) - 1;
	unsigned shift = st->high_bit + 1 - st->bits_stored;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t v = st->bits_alloc == 8 ? px[i] :
		    st->bits_alloc == 16 ? ((uint16_t *)(void *)px)[i] : ((uint32_t *)(void *)px)[i];

		v ^= mask << shift;
		if (st->bits_alloc == 8)
			px[i] = (unsigned char)v;
		else if (st->bits_alloc == 16)
			((uint16_t *)(void *)px)[i] = (uint16_t)v;
		else
			((uint32_t *)(void *)px)[i] = v;
	}
}

/* The range of the real values of a frame, for a window when the frames have none. */
static void
range(const unsigned char *px, size_t n, const struct stack *st, dcm_file *h, double *lo, double *hi)
{
	char *s = dcm_item_string(dcm_dataset(h), T(0x0028, 0x1053)), *i = dcm_item_string(dcm_dataset(h),
	    T(0x0028, 0x1052));
	double slope = s != NULL ? atof(s) : 1, inter = i != NULL ? atof(i) : 0;
	unsigned up = 32 - st->bits_stored, shift = st->high_bit + 1 - st->bits_stored;
	size_t x;

	free(s);
	free(i);
	if (slope == 0)
		slope = 1;
	for (x = 0; x < n; x++) {
		uint32_t u = st->bits_alloc == 8 ? px[x] :
		    st->bits_alloc == 16 ? ((const uint16_t *)(const void *)px)[x] :
		    ((const uint32_t *)(const void *)px)[x];
		double v;

		u = (u >> shift) << up;
		v = st->signed_px ? (double)((int32_t)u >> up) : (double)(u >> up);
		v = v * slope + inter;
		if (v < *lo)
			*lo = v;
		if (v > *hi)
			*hi = v;
	}
}

/* ---- one stack ---- */

static int
is_classic(const char *cls, const char **legacy, const char **modality)
{
	if (strcmp(cls, SOP_CT) == 0) {
		*legacy = SOP_LEGACY_CT;
		*modality = "CT";
	} else if (strcmp(cls, SOP_MR) == 0) {
		*legacy = SOP_LEGACY_MR;
		*modality = "MR";
	} else if (strcmp(cls, SOP_PET) == 0) {
		*legacy = SOP_LEGACY_PET;
		*modality = "PT";
	} else
		return 0;
	return 1;
}

/* A file not merged: its record goes on as it came (or a bare path for a file given by name). */
static void
pass_through(const struct merge *m, const char *record, const char *name, const char *path)
{
	int rc = manifest_pass(stdout, record, path, m->nul);

	if (rc < 0)
		eprintf("stdout:");
	if (rc > 0)
		wnote("%s: an archive member, not merged: left out", name);
}

/* Write the merged file of stack i. 0, 1 (not mergeable: passed through), -1 (an error). */
static int
merge_stack(struct merge *m, struct series_set *set, size_t i)
{
	struct stack st;
	struct stack_slice sl, prev;
	struct pending_record *p;
	dcm_file *f = NULL;
	unsigned char *frame = NULL, hdr[12];
	char *err = NULL, *cls = NULL, *pi = NULL, *rel = NULL, sop[64], series[64];
	size_t k, framebytes;
	double lo = INFINITY, hi = -INFINITY, step = 0;
	int fd, uniform = 1, rc = -1;
	uint64_t total;

	memset(&st, 0, sizeof(st));
	memset(&prev, 0, sizeof(prev));
	st.n = series_stack_size(set, i);
	st.h = ecalloc(st.n, sizeof(*st.h));
	for (k = 0; k < st.n; k++) {
		series_stack_slice(set, i, k, &sl);
		if (sl.multiframe || sl.mosaic)
			goto passed;
		if ((sl.path != NULL ? dcm_open_path(sl.path, DCM_HEADER_ONLY, &st.h[k], &err) :
		    dcm_open_mem(sl.data, sl.len, DCM_HEADER_ONLY, &st.h[k], &err)) != DCM_OK) {
			weprintf("%s: %s", sl.name, err != NULL ? err : "cannot read");
			goto out;
		}
		if (sl.samples != 1)
			goto passed;	/* colour: not one of these IODs' images */
		free(cls);
		cls = dcm_item_text(dcm_dataset(st.h[k]), T(0x0008, 0x0016));
		if (!is_classic(cls, &st.legacy, &st.modality))
			goto passed;
		if (k > 0) {
			double d = sl.dist - prev.dist;

			if (fabs(d) < 1e-3) {
				weprintf("%s: %s at the same position (%.4f mm along the normal): a stack "
				    "has one frame per position; not merged", sl.name, prev.name, sl.dist);
				goto refused;
			}
			if (k == 1)
				step = d;
			else if (fabs(d - step) > 0.01 + 1e-3 * fabs(step))
				uniform = 0;
		}
		prev = sl;
	}
	series_stack_slice(set, i, 0, &sl);
	st.rows = sl.rows;
	st.cols = sl.cols;
	st.bits_alloc = sl.bits_alloc;
	{
		dcm_item *ds = dcm_dataset(st.h[0]);
		char *v;

		v = dcm_item_text(ds, T(0x0028, 0x0101));
		st.bits_stored = *v != '\0' ? (unsigned)atoi(v) : st.bits_alloc;
		free(v);
		v = dcm_item_text(ds, T(0x0028, 0x0102));
		st.high_bit = *v != '\0' ? (unsigned)atoi(v) : st.bits_stored - 1;
		free(v);
		v = dcm_item_text(ds, T(0x0028, 0x0103));
		st.signed_px = atoi(v) == 1;
		free(v);
		pi = dcm_item_text(ds, T(0x0028, 0x0004));
		st.mono1 = strcmp(pi, "MONOCHROME1") == 0;
	}
	if (strncmp(pi, "MONOCHROME", 10) != 0) {
		weprintf("%s: PhotometricInterpretation %s: only MONOCHROME images are merged", sl.name, pi);
		goto refused;
	}
	for (k = 1; k < st.n; k++) {
		char *v = dcm_item_text(dcm_dataset(st.h[k]), T(0x0028, 0x0101));
		int same = (*v != '\0' ? (unsigned)atoi(v) : st.bits_alloc) == st.bits_stored;

		free(v);
		v = dcm_item_text(dcm_dataset(st.h[k]), T(0x0028, 0x0004));
		same = same && strcmp(v, pi) == 0;
		free(v);
		if (!same) {
			series_stack_slice(set, i, k, &sl);
			weprintf("%s: BitsStored or PhotometricInterpretation differs from the stack's first "
			    "frame: not merged", sl.name);
			goto refused;
		}
	}
	if (!uniform) {
		series_stack_slice(set, i, 0, &sl);
		wnote("%s: the spacing of the frames varies: merged, but not marked as a 3-D volume", sl.name);
	}
	framebytes = (size_t)st.rows * st.cols * (st.bits_alloc / 8);
	total = (uint64_t)framebytes * st.n;
	if (total + (total & 1) > 0xfffffffeu) {
		weprintf("%s: %llu bytes of pixel data: more than one DICOM element holds", sl.name,
		    (unsigned long long)total);
		goto refused;
	}
	survey(&st);
	/* a window for frames without one: the range of their values (one pass over the pixels) */
	frame = emalloc(framebytes + 1);
	if (!dcm_item_has(dcm_dataset(st.h[0]), T(0x0028, 0x1050)) || st.mono1) {
		for (k = 0; k < st.n; k++) {
			if (series_slice_raw(set, i, k, frame, &err) < 0) {
				weprintf("%s: not merged", err);
				goto refused;
			}
			if (st.mono1)
				invert(frame, (size_t)st.rows * st.cols, &st);
			range(frame, (size_t)st.rows * st.cols, &st, st.h[k], &lo, &hi);
		}
	}
	if (!(st.refs = refs_known(m, set, &st)))
		wnote("%s: its frames reference images that are not among the inputs: the references are "
		    "left out (the standard needs their series, which only those files say); give them "
		    "with the series to keep the references", sl.name);
	if ((f = build(m, &st, uniform, lo, hi, sop, series)) == NULL)
		goto out;
	/* the record, and the path from it */
	p = layout_dicom_record(dcm_dataset(f), LAYOUT_DEFAULT, m->nul, &m->fatal, &rel);
	if ((fd = output_begin(m->out, rel)) < 0) {
		pending_record_free(p);
		goto out;
	}
	if (m->ts == NULL) {
		/* the data set, then the frames one by one */
		if (dcm_write_fd(f, fd, &err) != DCM_OK) {
			weprintf("%s/%s: %s", output_name(m->out), rel, err);
			output_abort(m->out);
			exit(2);
		}
		pixel_header(hdr, st.bits_alloc, (uint32_t)(total + (total & 1)));
		if (write_all(fd, hdr, sizeof(hdr)) < 0)
			goto write_error;
		for (k = 0; k < st.n; k++) {
			size_t len = framebytes;

			if (series_slice_raw(set, i, k, frame, &err) < 0) {
				weprintf("%s: not merged", err);
				output_abort(m->out);
				pending_record_free(p);
				goto refused;
			}
			if (st.mono1)
				invert(frame, (size_t)st.rows * st.cols, &st);
			if (k + 1 == st.n && (total & 1))
				frame[len++] = 0;	/* an even length */
			if (write_all(fd, frame, len) < 0)
				goto write_error;
		}
	} else {
		/* compressed: the whole file in memory, then encoded and checked by transcode_dicom() */
		unsigned char *all = emalloc(total + (total & 1) + 1);

		for (k = 0; k < st.n; k++) {
			if (series_slice_raw(set, i, k, all + k * framebytes, &err) < 0) {
				weprintf("%s: not merged", err);
				free(all);
				output_abort(m->out);
				pending_record_free(p);
				goto refused;
			}
			if (st.mono1)
				invert(all + k * framebytes, (size_t)st.rows * st.cols, &st);
		}
		if (total & 1)
			all[total] = 0;
		if (dcm_set_pixels(f, all, total + (total & 1), st.bits_alloc == 8 ? 8 : 16, &err) != DCM_OK) {
			weprintf("%s: %s", sl.name, err);
			free(all);
			output_abort(m->out);
			pending_record_free(p);
			goto out;
		}
		free(all);
		{
			void *mem = NULL;
			size_t mlen = 0;

			if (dcm_write_mem(f, &mem, &mlen, &err) != DCM_OK ||
			    transcode_dicom(NULL, mem, mlen, fd, m->ts, &err) < 0) {
				weprintf("%s: %s", sl.name, err != NULL ? err : "cannot encode");
				free(mem);
				output_abort(m->out);
				pending_record_free(p);
				goto out;
			}
			free(mem);
		}
	}
	if (output_commit(m->out, pending_record_done, p) < 0)
		exit(2);
	rc = 0;
	goto out;
write_error:
	weprintf("%s/%s:", output_name(m->out), rel);
	output_abort(m->out);
	exit(2);
refused:
	rc = -2;
passed:
	/* not merged: the files go on as they are, so nothing is lost */
	for (k = 0; k < st.n; k++) {
		series_stack_slice(set, i, k, &sl);
		if (stack_slice_passes(&sl))
			pass_through(m, sl.record, sl.name, sl.path);
	}
	rc = rc == -2 ? -1 : 1;
out:
	free(rel);
	free(frame);
	free(cls);
	free(pi);
	free(err);
	if (f != NULL)
		dcm_close(f);
	stack_free(&st);
	return rc;
}

/* ---- --split: a multi-frame file back to classic instances ---- */

/* Every element of item src into dst (replacing). */
static int
copy_all(dcm_item *dst, dcm_item *src)
{
	uint32_t *t;
	size_t n, j;
	int rc = 0;

	if (src == NULL || dcm_item_tags(src, &t, &n) != DCM_OK)
		return 0;
	for (j = 0; j < n; j++)
		if (dcm_item_copy(dst, src, t[j]) != DCM_OK)
			rc = -1;
	free(t);
	return rc;
}

/* The item of functional group seq for frame k: per-frame, else shared. */
static dcm_item *
fg(dcm_item *ds, size_t k, uint32_t seq)
{
	dcm_item *pf = dcm_item_seq_get(ds, PERFRAME_FG, k), *it = NULL;

	if (pf != NULL)
		it = dcm_item_seq_get(pf, seq, 0);
	if (it == NULL && dcm_item_seq_get(ds, SHARED_FG, 0) != NULL)
		it = dcm_item_seq_get(dcm_item_seq_get(ds, SHARED_FG, 0), seq, 0);
	return it;
}

/* The group holding sequence seq itself (Referenced Image): per-frame, else shared. */
static dcm_item *
fg_holder(dcm_item *ds, size_t k, uint32_t seq)
{
	dcm_item *pf = dcm_item_seq_get(ds, PERFRAME_FG, k), *sh = dcm_item_seq_get(ds, SHARED_FG, 0);

	if (pf != NULL && dcm_item_seq_count(pf, seq) > 0)
		return pf;
	if (sh != NULL && dcm_item_seq_count(sh, seq) > 0)
		return sh;
	return NULL;
}

static const char *
classic_of(const char *cls, dcm_item *ds)
{
	static const struct { const char *multi, *classic; } map[] = {
		{ SOP_LEGACY_CT, SOP_CT }, { "1.2.840.10008.5.1.4.1.1.2.1", SOP_CT },
		{ SOP_LEGACY_MR, SOP_MR }, { "1.2.840.10008.5.1.4.1.1.4.1", SOP_MR },
		{ SOP_LEGACY_PET, SOP_PET }, { "1.2.840.10008.5.1.4.1.1.130", SOP_PET },
	};
	size_t i;

	(void)ds;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(cls, map[i].multi) == 0)
			return map[i].classic;
	return NULL;
}

/* The top-level attributes of the multi-frame image that a classic one does not have. */
static int
multiframe_only(uint32_t tag)
{
	switch (tag) {
	case SHARED_FG: case PERFRAME_FG: case T(0x0028, 0x0008): case T(0x7fe0, 0x0010):
	case T(0x0020, 0x9221): case T(0x0020, 0x9222): case T(0x0020, 0x9311):
	case T(0x2050, 0x0020): case T(0x0040, 0x0555): case T(0x0008, 0x0016): case T(0x0008, 0x0018):
	case T(0x0020, 0x000e): case T(0x0020, 0x9228): case T(0x0020, 0x9161): case T(0x0020, 0x9162):
		return 1;
	}
	return DCM_GROUP(tag) == 0x0002;
}

/* A write error in split_file(): what it holds freed, then exit 2. */
static NORETURN void
split_exit(dcm_file *f, dcm_file *src, uint32_t *tags, char *msop, char *mseries, char *err)
{
	dcm_close(f);
	dcm_close(src);
	free(tags);
	free(msop);
	free(mseries);
	free(err);
	exit(2);
}

static int
split_file(struct merge *m, const struct input_file *in)
{
	dcm_file *src = NULL, *f = NULL;
	dcm_item *ds;
	const void *px;
	size_t len, nframes, framebytes, k;
	char *err = NULL, *cls, *v, *msop, *mseries, sop[64], series[64], buf[32];
	const char *classic;
	uint32_t *tags = NULL;
	size_t ntags = 0, j;
	int rc = -1;
	unsigned rows, cols, bits;

	if ((in->path != NULL ? dcm_open_path(in->path, 0, &src, &err) :
	    dcm_open_mem(in->data, in->len, 0, &src, &err)) != DCM_OK) {
		weprintf("%s: %s", in->name, err != NULL ? err : "cannot read");
		free(err);
		return -1;
	}
	ds = dcm_dataset(src);
	cls = dcm_item_text(ds, T(0x0008, 0x0016));
	v = dcm_item_text(ds, T(0x0028, 0x0008));
	nframes = (size_t)atol(v);
	free(v);
	if ((classic = classic_of(cls, ds)) == NULL || nframes < 1 ||
	    dcm_item_seq_count(ds, PERFRAME_FG) < nframes) {
		free(cls);
		dcm_close(src);
		return 1;	/* not an enhanced or legacy converted CT, MR or PET image */
	}
	free(cls);
	v = dcm_item_text(ds, T(0x0028, 0x0010));
	rows = (unsigned)atoi(v);
	free(v);
	v = dcm_item_text(ds, T(0x0028, 0x0011));
	cols = (unsigned)atoi(v);
	free(v);
	v = dcm_item_text(ds, T(0x0028, 0x0100));
	bits = (unsigned)atoi(v);
	free(v);
	framebytes = (size_t)rows * cols * (bits / 8);
	if ((bits != 8 && bits != 16) || framebytes == 0) {
		weprintf("%s: %u bits allocated: only 8 and 16 bits are split", in->name, bits);
		dcm_close(src);
		return -1;
	}
	if (dcm_pixels(src, &px, &len, &err) != DCM_OK || len < framebytes * nframes) {
		weprintf("%s: %s", in->name, err != NULL ? err : "pixel data shorter than its frames");
		free(err);
		dcm_close(src);
		return -1;
	}
	msop = dcm_item_text(ds, T(0x0008, 0x0018));
	mseries = dcm_item_text(ds, T(0x0020, 0x000e));
	pseudo_uidf(&m->key, series, "dcm-merge-frames/split-series/%s/", mseries);
	dcm_item_tags(ds, &tags, &ntags);
	for (k = 0; k < nframes; k++) {
		struct pending_record *p;
		dcm_item *out, *it;
		char *rel;
		int fd, e = 0;

		if (dcm_new(classic, &f, &err) != DCM_OK)
			break;
		out = dcm_dataset(f);
		for (j = 0; j < ntags; j++)
			if (!multiframe_only(tags[j]) &&
			    !(tags[j] == FG_REFERENCED_IMAGE && dcm_item_seq_count(ds, tags[j]) == 0))
				e |= dcm_item_copy(out, ds, tags[j]) != DCM_OK;
		/* the functional groups, back to the attributes they came from */
		e |= copy_all(out, fg(ds, k, FG_PIXEL_MEASURES));
		e |= copy_all(out, fg(ds, k, FG_PLANE_POSITION));
		e |= copy_all(out, fg(ds, k, FG_PLANE_ORIENTATION));
		e |= copy_all(out, fg(ds, k, FG_PIXEL_VALUE));
		e |= copy_all(out, fg(ds, k, FG_VOI_LUT));
		if ((it = fg(ds, k, FG_CT_FRAME_TYPE)) != NULL || (it = fg(ds, k, FG_MR_FRAME_TYPE)) != NULL ||
		    (it = fg(ds, k, FG_PET_FRAME_TYPE)) != NULL) {
			char *ft = dcm_item_string(it, T(0x0008, 0x9007));

			if (ft != NULL)
				e |= set(out, T(0x0008, 0x0008), "CS", ft);
			free(ft);
		}
		if ((it = fg_holder(ds, k, FG_REFERENCED_IMAGE)) != NULL)
			e |= dcm_item_copy(out, it, FG_REFERENCED_IMAGE) != DCM_OK;
		/* then what the conversion kept as it was (the Image Type among them) */
		e |= copy_all(out, fg(ds, k, FG_UNASSIGNED_SHARED));
		e |= copy_all(out, fg(ds, k, FG_UNASSIGNED_PERFRAME));
		/* new instance, new series */
		snprintf(buf, sizeof(buf), "%zu", k + 1);
		pseudo_uidf(&m->key, sop, "dcm-merge-frames/split-instance/%s/%s", msop, buf);
		e |= set(out, T(0x0008, 0x0018), "UI", sop) | set(out, T(0x0020, 0x000e), "UI", series);
		/* the instance number a converted frame had, else its place */
		if ((it = fg(ds, k, FG_UNASSIGNED_PERFRAME)) == NULL || !dcm_item_has(it, T(0x0020, 0x0013)))
			e |= set(out, T(0x0020, 0x0013), "IS", buf);
		e |= dcm_set_pixels(f, (const unsigned char *)px + k * framebytes, framebytes, (int)bits,
		    &err) != DCM_OK;
		if (e) {
			weprintf("%s: frame %zu: %s", in->name, k + 1, err != NULL ? err : "cannot make its instance");
			break;
		}
		p = layout_dicom_record(out, LAYOUT_DEFAULT, m->nul, &m->fatal, &rel);
		if ((fd = output_begin(m->out, rel)) < 0) {
			pending_record_free(p);
			free(rel);
			break;
		}
		if ((m->ts != NULL ? dcm_write_fd_ts(f, fd, transcode_ts_uid(m->ts), &err) :
		    dcm_write_fd(f, fd, &err)) != DCM_OK) {
			weprintf("%s/%s: %s", output_name(m->out), rel, err != NULL ? err : "cannot write");
			output_abort(m->out);
			/* the run ends: nothing of this file's left for the leak check */
			pending_record_free(p);
			free(rel);
			split_exit(f, src, tags, msop, mseries, err);
		}
		free(rel);
		if (output_commit(m->out, pending_record_done, p) < 0)
			split_exit(f, src, tags, msop, mseries, err);
		dcm_close(f);
		f = NULL;
	}
	rc = k == nframes ? 0 : -1;
	if (f != NULL)
		dcm_close(f);
	free(tags);
	free(msop);
	free(mseries);
	free(err);
	dcm_close(src);
	return rc;
}

/* ---- main ---- */

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "null", no_argument, NULL, '0' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "split", no_argument, NULL, 'S' },
		{ "ts", required_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct merge m;
	/* static: still reachable, for the leak check, at a fatal exit() deep in a write */
	static struct series_set *set;
	struct input *in;
	struct input_file f;
	const char *outname = NULL, *keyfile = NULL;
	char *why, *err = NULL;
	size_t i, n;
	int ch, r, split = 0;

	setprogname(argv[0]);
	memset(&m, 0, sizeof(m));
	while ((ch = getopt_long(argc, argv, "0hk:o:q", longopts, NULL)) != -1) {
		switch (ch) {
		case '0':
			m.nul = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'o':
			outname = optarg;
			break;
		case 'q':
			setquiet(1);
			break;
		case 'S':
			split = 1;
			break;
		case 'T':
			if (transcode_ts_uid(optarg) == NULL || strcmp(optarg, "jpeg-lossless") == 0) {
				weprintf("--ts %s: not explicit, rle or jpeg-ls", optarg);
				usage();
			}
			m.ts = strcmp(optarg, "explicit") == 0 ? NULL : optarg;
			break;
		case 'V':
			printf("dcm-merge-frames %s\n", DCMSCRUB_VERSION);
			return fshut_stdout();
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (outname == NULL)
		usage();
	if (pseudo_key_load(&m.key, keyfile) < 0)
		exit(2);
	if (dcm_init(&err) != DCM_OK)
		eprintf("%s", err);
	signal(SIGPIPE, SIG_IGN);
	in = input_open(argc, argv, m.nul, NULL);
	if ((m.out = output_open(outname, in)) == NULL)
		exit(2);
	if (manifest_write_header(stdout, m.nul) < 0)
		eprintf("stdout:");
	set = series_new();
	while ((r = input_next(in, &f)) != 0) {
		if (r < 0) {
			m.rval = 1;
			continue;
		}
		if (split) {
			int s = split_file(&m, &f);

			if (s < 0)
				m.rval = 1;
			else if (s > 0)
				pass_through(&m, f.record, f.name, f.path);
			continue;
		}
		if ((r = series_add(set, f.name, f.path, f.data, f.len, f.record, &why)) < 0) {
			/* not a slice of a stack: it goes on as it came (dcm-manifest(5)) */
			if (r == -3 || strstr(why, "no geometry") != NULL) {
				weprintf("%s: %s: not merged", f.name, why);
				m.rval = 1;
			}
			pass_through(&m, f.record, f.name, f.path);
			free(why);
		}
		if (m.fatal) {
			errno = m.fatal;
			eprintf("stdout:");
		}
	}
	n = series_count(set);
	for (i = 0; i < n; i++) {
		if (merge_stack(&m, set, i) < 0)
			m.rval = 1;
		if (m.fatal) {
			errno = m.fatal;
			eprintf("stdout:");
		}
	}
	if (output_close(m.out) < 0)
		exit(2);
	if (m.fatal) {
		errno = m.fatal;
		eprintf("stdout:");
	}
	series_free(set);
	input_close(in);
	for (i = 0; i < m.ninst; i++) {
		free(m.inst[i].sop);
		free(m.inst[i].cls);
		free(m.inst[i].series);
		free(m.inst[i].study);
	}
	free(m.inst);
	if (fshut_stdout() != 0)
		return 2;
	return m.rval;
}
