/*
 * dcm-strip: de-identify DICOM headers per PS3.15 Annex E (Table E.1-1),
 * with keyed pseudonyms and UIDs, date shifting and kept attributes.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crosswalk.h"
#include "dcm.h"
#include "input.h"
#include "layout.h"
#include "manifest.h"
#include "output.h"
#include "profile.h"
#include "pseudo.h"
#include "util.h"


/* What happens to one element. */
enum act {
	A_KEEP,		/* as it is (a sequence: its items are still visited) */
	A_KEEP_EXACT,	/* as it is, items too (--keep) */
	A_REMOVE,
	A_EMPTY,
	A_DUMMY,
	A_UID,
	A_CLEAN,	/* text without the identifying values of the file */
	A_SHIFT,	/* dates moved by the patient's offset */
	A_PSEUDONYM,	/* PatientID, PatientName */
};

static const char *const act_names[] = {
	"keep", "keep", "remove", "empty", "dummy", "uid", "clean", "shift", "pseudonym",
};

/* The IOD families whose attribute types dcm-strip knows. */
enum iod { IOD_OTHER, IOD_IMAGE, IOD_ENHANCED, IOD_SR };

struct idmap_entry {
	char *original;
	char *issuer;		/* NULL: any issuer */
	char *pseudonym;
};

struct strip {
	int opt[PO_NOPTIONS];
	uint32_t *keep;
	size_t nkeep;
	int keep_age;
	int may_clean;		/* an option in force has C cells: collect identifying values */
	int keep_exact_age;
	int allow_burned_in;
	int nul;
	const char *layout;
	struct idmap_entry *idmap;
	size_t nidmap;
	struct pseudo_key key;
	struct crosswalk *cw;
	struct output *out;
	FILE *explain;		/* --explain: where the report goes; nothing is written */
	int fatal;		/* errno of a write error on stdout */
};

/* One file under way. */
struct file {
	struct strip *s;
	enum iod iod;
	char patient[64];
	int date_offset;
	char **ident;		/* identifying values, longest first, for clean */
	size_t nident, capident;
	char *error;		/* first error of the visit */
	char **cleaning;	/* tag paths of the sequences being cleaned, outermost first */
	size_t ncleaning, capcleaning;
	char reason[128];	/* why, for --explain */
};

/*
 * One input on its way: read and de-identified by a worker (into memory),
 * then written, recorded and linked in the crosswalk by the main thread in
 * the order of the inputs, so stdout is the same with one worker or many.
 */
struct job {
	unsigned long seq;
	char *name;
	char *path;		/* the file on disk, or NULL: data holds an archive member */
	void *data;
	size_t len;
	int finished;		/* the worker is done with it */
	int rc;			/* 0: ready to write; -1: failed (reported) */
	char *relpath;
	void *bytes;		/* the de-identified file (for an archive) */
	size_t nbytes;
	struct output_temp *temp;	/* or already written by the worker (a directory) */
	int werr;		/* the worker's write failed (reported): the run ends */
	struct pending_record *p;
	char **rows;		/* crosswalk rows, three strings each */
	size_t nrows, caprows;
	struct job *next;	/* in the work queue */
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work;	/* a job was queued, or quit */
	pthread_cond_t done;	/* a job was finished */
	struct job *head, *tail;
	int quit;
	struct strip *s;
};

/*
 * The running pool, for die(): a fatal exit must first stop the workers, or
 * exit()'s destructors free dcmtk's dictionary under a thread still reading
 * a file with it.
 */
static struct pool *live_pool;
static pthread_t *live_threads;
static long live_n;

/* Stop and join the workers (their queued jobs dropped), then exit 2. */
static NORETURN void
die(void)
{
	long i;

	if (live_pool != NULL) {
		pthread_mutex_lock(&live_pool->mu);
		live_pool->quit = 1;
		live_pool->head = live_pool->tail = NULL;
		pthread_cond_broadcast(&live_pool->work);
		pthread_mutex_unlock(&live_pool->mu);
		for (i = 0; i < live_n; i++)
			pthread_join(live_threads[i], NULL);
		live_pool = NULL;
	}
	exit(2);
}

/* Private attributes kept by retain-safe-private: a subset of PS3.15 Table E.3.10-1. */
static const struct {
	const char *creator;
	uint16_t group;
	uint8_t element;	/* low byte of the element in its block */
} safe_private[] = {
	{ "SIEMENS MR HEADER", 0x0019, 0x08 },	/* CSA image header type */
	{ "SIEMENS MR HEADER", 0x0019, 0x09 },	/* CSA image header version */
	{ "SIEMENS MR HEADER", 0x0019, 0x0b },	/* slice measurement duration */
	{ "SIEMENS MR HEADER", 0x0019, 0x0c },	/* b value */
	{ "SIEMENS MR HEADER", 0x0019, 0x0d },	/* diffusion directionality */
	{ "SIEMENS MR HEADER", 0x0019, 0x0e },	/* diffusion gradient direction */
	{ "SIEMENS MR HEADER", 0x0019, 0x0f },	/* gradient mode */
	{ "SIEMENS MR HEADER", 0x0019, 0x11 },	/* flow compensation */
	{ "SIEMENS MR HEADER", 0x0019, 0x12 },	/* table position origin */
	{ "SIEMENS MR HEADER", 0x0019, 0x13 },	/* absolute table position */
	{ "SIEMENS MR HEADER", 0x0019, 0x14 },	/* relative table position */
	{ "SIEMENS MR HEADER", 0x0019, 0x15 },	/* slice position (PCS) */
	{ "SIEMENS MR HEADER", 0x0019, 0x16 },	/* time after start */
	{ "SIEMENS MR HEADER", 0x0019, 0x17 },	/* slice resolution */
	{ "SIEMENS MR HEADER", 0x0019, 0x18 },	/* real dwell time */
	{ "SIEMENS MR HEADER", 0x0019, 0x27 },	/* b matrix */
	{ "SIEMENS MR HEADER", 0x0019, 0x28 },	/* bandwidth per pixel phase encode */
	{ "GEMS_PARM_01", 0x0043, 0x39 },	/* slop_int_6..9 (b value) */
	{ "GEMS_ACQU_01", 0x0019, 0xbb },	/* user data (diffusion direction) */
	{ "GEMS_ACQU_01", 0x0019, 0xbc },
	{ "GEMS_ACQU_01", 0x0019, 0xbd },
	{ "Philips Imaging DD 001", 0x2001, 0x03 },	/* diffusion b factor */
	{ "Philips Imaging DD 001", 0x2001, 0x04 },	/* diffusion direction */
	{ "Philips MR Imaging DD 001", 0x2005, 0x0d },	/* scale intercept */
	{ "Philips MR Imaging DD 001", 0x2005, 0x0e },	/* scale slope */
};

/*
 * Types of the attributes with compound actions at the top level of the
 * IODs dcm-strip knows (0 = not known): PS3.3 General Equipment, General
 * Series, General Image, Enhanced General Equipment, SR Document General.
 */
static const struct {
	uint32_t tag;
	unsigned char type[4];	/* indexed by enum iod */
} iod_types[] = {
	{ DCM_TAG(0x0008, 0x0012), { 0, 3, 3, 3 } },	/* InstanceCreationDate */
	{ DCM_TAG(0x0008, 0x0013), { 0, 3, 3, 3 } },	/* InstanceCreationTime */
	{ DCM_TAG(0x0008, 0x0021), { 0, 3, 3, 0 } },	/* SeriesDate */
	{ DCM_TAG(0x0008, 0x0022), { 0, 3, 3, 0 } },	/* AcquisitionDate */
	{ DCM_TAG(0x0008, 0x0023), { 0, 2, 1, 1 } },	/* ContentDate */
	{ DCM_TAG(0x0008, 0x002a), { 0, 3, 1, 0 } },	/* AcquisitionDateTime */
	{ DCM_TAG(0x0008, 0x0031), { 0, 3, 3, 0 } },	/* SeriesTime */
	{ DCM_TAG(0x0008, 0x0032), { 0, 3, 3, 0 } },	/* AcquisitionTime */
	{ DCM_TAG(0x0008, 0x0033), { 0, 2, 1, 1 } },	/* ContentTime */
	{ DCM_TAG(0x0008, 0x0080), { 0, 3, 3, 3 } },	/* InstitutionName */
	{ DCM_TAG(0x0008, 0x0082), { 0, 3, 3, 3 } },	/* InstitutionCodeSequence */
	{ DCM_TAG(0x0008, 0x1010), { 0, 3, 3, 3 } },	/* StationName */
	{ DCM_TAG(0x0008, 0x1070), { 0, 3, 3, 0 } },	/* OperatorsName */
	{ DCM_TAG(0x0008, 0x1072), { 0, 3, 3, 0 } },	/* OperatorIdentificationSequence */
	{ DCM_TAG(0x0008, 0x1110), { 0, 3, 3, 3 } },	/* ReferencedStudySequence */
	{ DCM_TAG(0x0008, 0x1111), { 0, 3, 3, 0 } },	/* ReferencedPerformedProcedureStepSequence */
	{ DCM_TAG(0x0018, 0x0010), { 0, 2, 0, 0 } },	/* ContrastBolusAgent */
	{ DCM_TAG(0x0018, 0x1000), { 0, 3, 1, 3 } },	/* DeviceSerialNumber */
	{ DCM_TAG(0x0018, 0x1400), { 0, 3, 3, 0 } },	/* AcquisitionDeviceProcessingDescription */
	{ DCM_TAG(0x0018, 0x700a), { 0, 3, 3, 0 } },	/* DetectorID */
	{ DCM_TAG(0x0018, 0x700c), { 0, 3, 3, 0 } },	/* DateOfLastDetectorCalibration */
	{ DCM_TAG(0x0018, 0x700e), { 0, 3, 3, 0 } },	/* TimeOfLastDetectorCalibration */
	{ DCM_TAG(0x0018, 0x9516), { 0, 3, 3, 0 } },	/* StartAcquisitionDateTime */
	{ DCM_TAG(0x0018, 0x9517), { 0, 3, 3, 0 } },	/* EndAcquisitionDateTime */
	{ DCM_TAG(0x0032, 0x1060), { 0, 3, 3, 0 } },	/* RequestedProcedureDescription */
};

static const char *const enhanced_classes[] = {
	"1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2",
	"1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.5.1.4.1.1.4.3",
	"1.2.840.10008.5.1.4.1.1.4.4", "1.2.840.10008.5.1.4.1.1.6.2",
	"1.2.840.10008.5.1.4.1.1.12.1.1", "1.2.840.10008.5.1.4.1.1.12.2.1",
	"1.2.840.10008.5.1.4.1.1.128.1", "1.2.840.10008.5.1.4.1.1.130",
	"1.2.840.10008.5.1.4.1.1.13.1.3",
};

/* Kinds of object that often carry burned-in text. */
static const char *const burned_in_classes[] = {
	"1.2.840.10008.5.1.4.1.1.6.1",		/* US image */
	"1.2.840.10008.5.1.4.1.1.3.1",		/* US multi-frame */
	"1.2.840.10008.5.1.4.1.1.7",		/* secondary capture */
	"1.2.840.10008.5.1.4.1.1.7.1", "1.2.840.10008.5.1.4.1.1.7.2",
	"1.2.840.10008.5.1.4.1.1.7.3", "1.2.840.10008.5.1.4.1.1.7.4",
	"1.2.840.10008.5.1.4.1.1.77.1.1.1",	/* video endoscopic */
	"1.2.840.10008.5.1.4.1.1.77.1.2.1",	/* video microscopic */
	"1.2.840.10008.5.1.4.1.1.77.1.4.1",	/* video photographic */
	"1.2.840.10008.5.1.4.1.1.104.1",	/* encapsulated PDF */
	"1.2.840.10008.5.1.4.1.1.104.2",	/* encapsulated CDA */
};

#define T_PATIENT_NAME DCM_TAG(0x0010, 0x0010)
#define T_PATIENT_ID DCM_TAG(0x0010, 0x0020)
#define T_ISSUER DCM_TAG(0x0010, 0x0021)
#define T_BIRTH_DATE DCM_TAG(0x0010, 0x0030)
#define T_PATIENT_AGE DCM_TAG(0x0010, 0x1010)
#define T_SOP_CLASS DCM_TAG(0x0008, 0x0016)
#define T_SOP_INSTANCE DCM_TAG(0x0008, 0x0018)
#define T_STUDY_DATE DCM_TAG(0x0008, 0x0020)
#define T_ACCESSION DCM_TAG(0x0008, 0x0050)
#define T_MODALITY DCM_TAG(0x0008, 0x0060)
#define T_STUDY_UID DCM_TAG(0x0020, 0x000d)
#define T_SERIES_UID DCM_TAG(0x0020, 0x000e)
#define T_INSTANCE_NUMBER DCM_TAG(0x0020, 0x0013)
#define T_BURNED_IN DCM_TAG(0x0028, 0x0301)
#define T_LONGITUDINAL DCM_TAG(0x0028, 0x0303)
#define T_FRAMES DCM_TAG(0x0028, 0x0008)
#define T_PIXEL_DATA DCM_TAG(0x7fe0, 0x0010)
#define T_IDENTITY_REMOVED DCM_TAG(0x0012, 0x0062)
#define T_DEID_METHOD DCM_TAG(0x0012, 0x0063)
#define T_DEID_CODES DCM_TAG(0x0012, 0x0064)

static NORETURN void usage(void);
static int in_list(const char *s, const char *const *list, size_t n);
static enum iod iod_of(dcm_item *ds);
static int iod_type(uint32_t tag, enum iod iod, int depth);
static int is_kept(const struct strip *s, uint32_t tag);
static enum act resolve(struct file *fc, const struct profile_row *row, int depth,
    const char **why);
static enum act decide(struct file *fc, const struct dcm_elem_info *in, const char **why,
    const struct profile_row **rowp);
static int is_text_vr(const char *vr);
static const char *dummy_for(const char *vr);
static void ident_add(struct file *fc, const char *v);
static void ident_add_value(struct file *fc, const char *vr, const char *value);
static int collect_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in);
static char *scrub(const struct file *fc, const char *text);
static int strip_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in);
static int shift_value(const char *value, int days, char **out);
static char *uid_value(const struct strip *s, const char *value);
static int compute_age(const char *birth, const char *when, char out[8]);
static int patient_pseudonym(struct strip *s, const char *issuer, const char *id, char *out, size_t len);
static int mark(struct strip *s, dcm_item *ds, char **err);
static int strip_file(struct strip *s, dcm_file *f, const char *name, struct job *job);
static void job_row(struct job *job, const char *kind, const char *original, const char *pseudonym);
static int preflush(void *arg);
static void load_idmap(struct strip *s, const char *path);
static void parse_keep(struct strip *s, const char *list);
static int option_index(const char *name);

static NORETURN void
usage(void)
{
	fprintf(stderr,
	    "usage: dcm-strip [-0q] [-j jobs] [-k keyfile] [-O option]... [--keep attr[,attr...]]\n"
	    "                 [-c crosswalk] [--layout template] [--id-map file]\n"
	    "                 [--keep-exact-age] [--allow-burned-in] -o out [input ...]\n"
	    "       dcm-strip [-k keyfile] [-O option]... [--keep attr[,attr...]] --explain file\n");
	exit(2);
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static enum iod
iod_of(dcm_item *ds)
{
	char *cls = dcm_item_string(ds, T_SOP_CLASS);
	enum iod iod = IOD_OTHER;

	if (cls == NULL)
		return IOD_OTHER;
	if (strncmp(cls, "1.2.840.10008.5.1.4.1.1.88.", 27) == 0)
		iod = IOD_SR;
	else if (in_list(cls, enhanced_classes, sizeof(enhanced_classes) / sizeof(enhanced_classes[0])))
		iod = IOD_ENHANCED;
	else if (dcm_item_has(ds, T_PIXEL_DATA))
		iod = IOD_IMAGE;
	free(cls);
	return iod;
}

static int
iod_type(uint32_t tag, enum iod iod, int depth)
{
	size_t i;

	if (depth != 0)
		return 0;
	for (i = 0; i < sizeof(iod_types) / sizeof(iod_types[0]); i++)
		if (iod_types[i].tag == tag)
			return iod_types[i].type[iod];
	return 0;
}

static int
is_kept(const struct strip *s, uint32_t tag)
{
	size_t i;

	for (i = 0; i < s->nkeep; i++)
		if (s->keep[i] == tag)
			return 1;
	return 0;
}

/* The action of a table row under the options in force, and why. */
static enum act
resolve(struct file *fc, const struct profile_row *row, int depth, const char **why)
{
	const struct strip *s = fc->s;
	char *reason = fc->reason;
	size_t rlen = sizeof(fc->reason);
	int o, keep = -1, clean = -1, shift = -1, type;

	for (o = 0; o < PO_NOPTIONS; o++) {
		if (!s->opt[o] || row->option[o] == PA_NONE)
			continue;
		if (row->option[o] == PA_K && keep < 0)
			keep = o;
		else if (row->option[o] == PA_C && o == PO_RETAIN_LONG_MODIFIED_DATES)
			shift = o;
		else if (row->option[o] == PA_C && clean < 0)
			clean = o;
	}
	if (keep >= 0) {
		snprintf(reason, rlen, "option %s: K", profile_option_names[keep]);
		*why = reason;
		return A_KEEP;
	}
	if (shift >= 0) {
		snprintf(reason, rlen, "option %s: C", profile_option_names[shift]);
		*why = reason;
		return A_SHIFT;
	}
	if (clean >= 0) {
		snprintf(reason, rlen, "option %s: C", profile_option_names[clean]);
		*why = reason;
		return A_CLEAN;
	}
	type = iod_type(row->tag, fc->iod, depth);
	if (type != 0)
		snprintf(reason, rlen, "basic profile: %s, type %d in this IOD",
		    profile_action_name(row->basic), type);
	else
		snprintf(reason, rlen, "basic profile: %s", profile_action_name(row->basic));
	*why = reason;
	switch (row->basic) {
	case PA_D:
		return A_DUMMY;
	case PA_Z:
		return A_EMPTY;
	case PA_X:
		return A_REMOVE;
	case PA_K:
		return A_KEEP;
	case PA_C:
		return A_CLEAN;
	case PA_U:
		return A_UID;
	case PA_XZ:
		return type == 3 ? A_REMOVE : A_EMPTY;
	case PA_XD:
		return type == 3 ? A_REMOVE : A_DUMMY;
	case PA_ZD:
		return type == 2 ? A_EMPTY : A_DUMMY;
	case PA_XZD:
		return type == 3 ? A_REMOVE : type == 2 ? A_EMPTY : A_DUMMY;
	case PA_XZU:
		/* keep the references, with their UIDs replaced, so they still resolve */
		return A_KEEP;
	default:
		return A_KEEP;
	}
}

static int
safe_private_kept(const struct strip *s, const struct dcm_elem_info *in)
{
	size_t i;

	if (!s->opt[PO_RETAIN_SAFE_PRIVATE])
		return 0;
	for (i = 0; i < sizeof(safe_private) / sizeof(safe_private[0]); i++) {
		if (safe_private[i].group != DCM_GROUP(in->tag))
			continue;
		if (in->creator != NULL && strcasecmp(in->creator, safe_private[i].creator) == 0 &&
		    (DCM_ELEMENT(in->tag) & 0xff) == safe_private[i].element)
			return 1;
	}
	return 0;
}

static int
safe_creator(const char *creator, uint16_t group)
{
	size_t i;

	for (i = 0; i < sizeof(safe_private) / sizeof(safe_private[0]); i++)
		if (safe_private[i].group == group && strcasecmp(creator, safe_private[i].creator) == 0)
			return 1;
	return 0;
}

/* What to do with one element: the heart of the profile. */
static enum act
decide(struct file *fc, const struct dcm_elem_info *in, const char **why,
    const struct profile_row **rowp)
{
	const struct strip *s = fc->s;
	const struct profile_row *row;

	*rowp = NULL;
	if (in->is_private) {
		*why = "private attribute";
		if (s->opt[PO_RETAIN_SAFE_PRIVATE] && !in->is_creator && safe_private_kept(s, in)) {
			*why = "option retain-safe-private: safe private attribute";
			return A_KEEP;
		}
		return A_REMOVE;
	}
	if (is_kept(s, in->tag)) {
		*why = "--keep";
		return A_KEEP_EXACT;
	}
	if (in->depth == 0 && (in->tag == T_PATIENT_ID || in->tag == T_PATIENT_NAME)) {
		*why = "keyed patient pseudonym";
		return A_PSEUDONYM;
	}
	if (in->depth == 0 && in->tag == T_PATIENT_AGE && s->keep_age) {
		*why = "age kept";
		return A_KEEP;
	}
	/* the marks of an earlier de-identification are written anew */
	if (in->tag == T_IDENTITY_REMOVED || in->tag == T_DEID_METHOD || in->tag == T_DEID_CODES ||
	    in->tag == T_LONGITUDINAL) {
		*why = "de-identification mark";
		return A_KEEP;
	}
	row = profile_lookup(in->tag);
	*rowp = row;
	if (row == NULL) {
		if (s->opt[PO_RETAIN_LONG_MODIFIED_DATES] &&
		    (strcmp(in->vr, "DA") == 0 || strcmp(in->vr, "DT") == 0)) {
			*why = "not in Table E.1-1; option retain-long-modified-dates shifts every date";
			return A_SHIFT;
		}
		*why = "not in Table E.1-1";
		return A_KEEP;
	}
	return resolve(fc, row, in->depth, why);
}

static int
is_text_vr(const char *vr)
{
	static const char *const text[] = {
		"AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT", "UR",
	};

	return in_list(vr, text, sizeof(text) / sizeof(text[0]));
}

/* A dummy value valid for the VR, or NULL for binary VRs (zeroed instead). */
static const char *
dummy_for(const char *vr)
{
	static const struct {
		const char *vr, *value;
	} dummies[] = {
		{ "AE", "ANONYMOUS" }, { "AS", "000Y" }, { "CS", "ANONYMIZED" },
		{ "DA", "19000101" }, { "DS", "0" }, { "DT", "19000101000000" },
		{ "IS", "0" }, { "LO", "ANONYMIZED" }, { "LT", "ANONYMIZED" },
		{ "PN", "ANONYMOUS" }, { "SH", "ANONYMIZED" }, { "ST", "ANONYMIZED" },
		{ "TM", "000000" }, { "UC", "ANONYMIZED" }, { "UT", "ANONYMIZED" },
		{ "UR", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(dummies) / sizeof(dummies[0]); i++)
		if (strcmp(vr, dummies[i].vr) == 0)
			return dummies[i].value;
	return NULL;
}

static void
ident_add(struct file *fc, const char *v)
{
	size_t i, n;

	while (*v == ' ')
		v++;
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	if (n < 2)
		return;
	for (i = 0; i < fc->nident; i++)
		if (strlen(fc->ident[i]) == n && strncasecmp(fc->ident[i], v, n) == 0)
			return;
	if (fc->nident == fc->capident) {
		fc->capident = fc->capident != 0 ? fc->capident * 2 : 32;
		fc->ident = erealloc(fc->ident, fc->capident * sizeof(*fc->ident));
	}
	fc->ident[fc->nident] = emalloc(n + 1);
	memcpy(fc->ident[fc->nident], v, n);
	fc->ident[fc->nident][n] = '\0';
	fc->nident++;
}

/* Remember a value the profile removes, in the forms it may take in free text. */
static void
ident_add_value(struct file *fc, const char *vr, const char *value)
{
	char *copy, *p, *tok, buf[16];

	copy = estrdup(value);
	for (tok = strtok_r(copy, "\\", &p); tok != NULL; tok = strtok_r(NULL, "\\", &p)) {
		ident_add(fc, tok);
		if (strcmp(vr, "PN") == 0) {
			char *c2 = estrdup(tok), *q, *w;

			for (w = strtok_r(c2, "^= ,.", &q); w != NULL; w = strtok_r(NULL, "^= ,.", &q))
				ident_add(fc, w);
			free(c2);
		} else if ((strcmp(vr, "DA") == 0 || strcmp(vr, "DT") == 0) && strlen(tok) >= 8) {
			const char *d = tok;

			snprintf(buf, sizeof(buf), "%.4s-%.2s-%.2s", d, d + 4, d + 6);
			ident_add(fc, buf);
			snprintf(buf, sizeof(buf), "%.4s/%.2s/%.2s", d, d + 4, d + 6);
			ident_add(fc, buf);
			snprintf(buf, sizeof(buf), "%.2s.%.2s.%.4s", d + 6, d + 4, d);
			ident_add(fc, buf);
			snprintf(buf, sizeof(buf), "%.2s/%.2s/%.4s", d + 6, d + 4, d);
			ident_add(fc, buf);
			snprintf(buf, sizeof(buf), "%.2s/%.2s/%.4s", d + 4, d + 6, d);
			ident_add(fc, buf);
			snprintf(buf, sizeof(buf), "%.8s", d);
			ident_add(fc, buf);
		}
	}
	free(copy);
}

/* First pass: the identifying values of the file, for the clean actions. */
static int
collect_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in)
{
	struct file *fc = arg;
	const struct profile_row *row;
	const char *why;
	enum act a;
	char *v = NULL;

	if (in->is_private)
		return DCM_VISIT_SKIP;
	a = decide(fc, in, &why, &row);
	if (strcmp(in->vr, "SQ") == 0)
		return DCM_VISIT_KEEP;
	if (a != A_REMOVE && a != A_EMPTY && a != A_DUMMY && a != A_PSEUDONYM && a != A_SHIFT)
		return DCM_VISIT_KEEP;
	if (strcmp(in->vr, "PN") != 0 && strcmp(in->vr, "LO") != 0 && strcmp(in->vr, "SH") != 0 &&
	    strcmp(in->vr, "DA") != 0 && strcmp(in->vr, "DT") != 0 && strcmp(in->vr, "AE") != 0 &&
	    strcmp(in->vr, "ST") != 0 && strcmp(in->vr, "LT") != 0)
		return DCM_VISIT_KEEP;
	if (in->length > 1024 || dcm_elem_get_string(e, &v) != DCM_OK)
		return DCM_VISIT_KEEP;
	/* long free text is not an identifier to search for, but its short values are */
	if (strcmp(in->vr, "ST") != 0 && strcmp(in->vr, "LT") != 0)
		ident_add_value(fc, in->vr, v);
	free(v);
	return DCM_VISIT_KEEP;
}

static int
cmp_longest(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);

	return la < lb ? 1 : la > lb ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

/* The text with every identifying value of the file, at word boundaries, starred out. */
static char *
scrub(const struct file *fc, const char *text)
{
	char *out = estrdup(text);
	size_t i, n, tl = strlen(out), j;

	for (i = 0; i < fc->nident; i++) {
		const char *v = fc->ident[i];

		n = strlen(v);
		for (j = 0; j + n <= tl; j++) {
			if (strncasecmp(out + j, v, n) != 0)
				continue;
			if (j > 0 && isalnum((unsigned char)out[j - 1]))
				continue;
			if (j + n < tl && isalnum((unsigned char)out[j + n]))
				continue;
			memset(out + j, '*', n);
			j += n - 1;
		}
	}
	return out;
}

static int
shift_value(const char *value, int days, char **out)
{
	char *copy, *p, *tok, buf[32];
	size_t cap = strlen(value) + 16, len = 0;
	int first = 1;

	*out = emalloc(cap);
	(*out)[0] = '\0';
	copy = estrdup(value);
	for (tok = strtok_r(copy, "\\", &p); tok != NULL; tok = strtok_r(NULL, "\\", &p)) {
		if (pseudo_shift_date(tok, days, buf) < 0) {
			free(copy);
			free(*out);
			*out = NULL;
			return -1;
		}
		len += strlen(buf) + 1;
		if (len + 1 > cap)
			*out = erealloc(*out, cap = len + 16);
		if (!first)
			strcat(*out, "\\");
		strcat(*out, buf);
		first = 0;
	}
	free(copy);
	return 0;
}

static char *
uid_value(const struct strip *s, const char *value)
{
	char *copy, *p, *tok, *out, uid[64];
	size_t cap = 1, len = 0;

	out = ecalloc(1, 1);
	copy = estrdup(value);
	for (tok = strtok_r(copy, "\\", &p); tok != NULL; tok = strtok_r(NULL, "\\", &p)) {
		pseudo_uid(&s->key, tok, uid);
		len += strlen(uid) + 1;
		if (len + 1 > cap)
			out = erealloc(out, cap = len + 64);
		if (out[0] != '\0')
			strcat(out, "\\");
		strcat(out, uid);
	}
	free(copy);
	return out;
}

static void
explain_line(struct file *fc, const struct dcm_elem_info *in, enum act a, const char *why)
{
	const char *kw = in->is_private ? (in->creator != NULL ? in->creator : "private") :
	    dcm_tag_keyword(in->tag);

	fprintf(fc->s->explain, "%s\t%s\t%s\t%s\t%s\n", in->path, kw != NULL ? kw : "?", in->vr,
	    act_names[a], why);
}

static void
visit_error(struct file *fc, const struct dcm_elem_info *in, char *msg)
{
	if (fc->error == NULL)
		fc->error = esprintf("%s: %s", in->path, msg != NULL ? msg : "cannot change value");
	free(msg);
}

/*
 * Inside a sequence that is cleaned (clean-structured-content on a
 * ContentSequence, say) the text of every item is cleaned too, table or not.
 * The visit is depth-first, so the sequences that hold an element are the
 * prefixes of its tag path.
 */
static int
inside_cleaned(struct file *fc, const char *path)
{
	size_t n;

	while (fc->ncleaning > 0) {
		const char *top = fc->cleaning[fc->ncleaning - 1];

		n = strlen(top);
		if (strncmp(path, top, n) == 0 && path[n] == '[')
			return 1;
		free(fc->cleaning[--fc->ncleaning]);
	}
	return 0;
}

static void
push_cleaned(struct file *fc, const char *path)
{
	if (fc->ncleaning == fc->capcleaning) {
		fc->capcleaning = fc->capcleaning != 0 ? fc->capcleaning * 2 : 8;
		fc->cleaning = erealloc(fc->cleaning, fc->capcleaning * sizeof(*fc->cleaning));
	}
	fc->cleaning[fc->ncleaning++] = estrdup(path);
}

/* Second pass: apply the profile to every element at every depth. */
static int
strip_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in)
{
	struct file *fc = arg;
	struct strip *s = fc->s;
	const struct profile_row *row;
	const char *why, *d;
	char *v = NULL, *nv = NULL, *msg = NULL;
	int issq = strcmp(in->vr, "SQ") == 0;
	enum act a;

	a = decide(fc, in, &why, &row);
	if (inside_cleaned(fc, in->path) && a == A_KEEP && row == NULL && !in->is_private &&
	    (issq || is_text_vr(in->vr)) && strcmp(in->vr, "CS") != 0 && strcmp(in->vr, "UR") != 0) {
		a = A_CLEAN;
		why = "inside a cleaned sequence";
	}
	/* the creator of a block with safe private attributes stays */
	if (in->is_private && in->is_creator && s->opt[PO_RETAIN_SAFE_PRIVATE] &&
	    dcm_elem_get_string(e, &v) == DCM_OK) {
		if (safe_creator(v, DCM_GROUP(in->tag))) {
			a = A_KEEP;
			why = "option retain-safe-private: creator of safe private attributes";
		}
		free(v);
		v = NULL;
	}
	/* a value dcm-strip cannot read as text (binary, overlays, dates) is not cleaned but removed */
	if (a == A_CLEAN && !issq && !is_text_vr(in->vr))
		a = A_REMOVE;
	if (a == A_SHIFT && strcmp(in->vr, "DA") != 0 && strcmp(in->vr, "DT") != 0)
		a = strcmp(in->vr, "TM") == 0 ? A_KEEP : A_REMOVE;
	if (a == A_UID && strcmp(in->vr, "UI") != 0)
		a = A_DUMMY;
	if (a == A_DUMMY && strcmp(in->vr, "UI") == 0)
		a = A_UID;
	if (s->explain != NULL)
		explain_line(fc, in, a, why);

	switch (a) {
	case A_KEEP:
		return DCM_VISIT_KEEP;
	case A_KEEP_EXACT:
		return DCM_VISIT_SKIP;
	case A_REMOVE:
		return DCM_VISIT_REMOVE;
	case A_EMPTY:
		if (dcm_elem_clear(e) != DCM_OK)
			return DCM_VISIT_REMOVE;
		return DCM_VISIT_SKIP;
	case A_DUMMY:
		if (issq) {
			/* one empty item: the sequence is there, nothing it held is */
			if (dcm_elem_clear(e) != DCM_OK ||
			    dcm_item_seq_append(dcm_elem_parent(e), in->tag, &msg) == NULL) {
				free(msg);
				return DCM_VISIT_REMOVE;
			}
			return DCM_VISIT_SKIP;
		}
		d = dummy_for(in->vr);
		if (d == NULL) {
			if (dcm_elem_zero(e) != DCM_OK)
				return DCM_VISIT_REMOVE;
		} else if (dcm_elem_set_string(e, d, &msg) != DCM_OK) {
			free(msg);
			return DCM_VISIT_REMOVE;
		}
		return DCM_VISIT_SKIP;
	case A_UID:
		if (dcm_elem_get_string(e, &v) != DCM_OK) {
			visit_error(fc, in, NULL);
			return DCM_VISIT_REMOVE;
		}
		nv = uid_value(s, v);
		if (dcm_elem_set_string(e, nv, &msg) != DCM_OK) {
			visit_error(fc, in, msg);
			free(v);
			free(nv);
			return DCM_VISIT_REMOVE;
		}
		free(v);
		free(nv);
		return DCM_VISIT_SKIP;
	case A_CLEAN:
		if (issq) {
			push_cleaned(fc, in->path);
			return DCM_VISIT_KEEP;
		}
		if (dcm_elem_get_string(e, &v) != DCM_OK)
			return DCM_VISIT_REMOVE;
		nv = scrub(fc, v);
		if (strcmp(nv, v) != 0 && dcm_elem_set_string(e, nv, &msg) != DCM_OK) {
			free(msg);
			free(v);
			free(nv);
			return DCM_VISIT_REMOVE;
		}
		free(v);
		free(nv);
		return DCM_VISIT_SKIP;
	case A_SHIFT:
		if (s->opt[PO_RETAIN_LONG_FULL_DATES])
			return DCM_VISIT_SKIP;
		if (dcm_elem_get_string(e, &v) != DCM_OK)
			return DCM_VISIT_REMOVE;
		if (*v == '\0') {
			free(v);
			return DCM_VISIT_SKIP;
		}
		if (shift_value(v, fc->date_offset, &nv) < 0 ||
		    dcm_elem_set_string(e, nv, &msg) != DCM_OK) {
			/* a date that cannot be shifted must not stay as it was */
			free(msg);
			free(v);
			free(nv);
			return DCM_VISIT_REMOVE;
		}
		free(v);
		free(nv);
		return DCM_VISIT_SKIP;
	case A_PSEUDONYM:
		if (dcm_elem_set_string(e, fc->patient, &msg) != DCM_OK) {
			visit_error(fc, in, msg);
			return DCM_VISIT_REMOVE;
		}
		return DCM_VISIT_SKIP;
	}
	return DCM_VISIT_KEEP;
}

/* PatientAge from the birth date and the date of the study: "045Y", "011M", "003W", "006D". */
static int
compute_age(const char *birth, const char *when, char out[8])
{
	int by, bm, bd, wy, wm, wd, years, months;
	char a[32], b[32];
	long days;

	if (strlen(birth) < 8 || strlen(when) < 8 ||
	    sscanf(birth, "%4d%2d%2d", &by, &bm, &bd) != 3 ||
	    sscanf(when, "%4d%2d%2d", &wy, &wm, &wd) != 3)
		return -1;
	years = wy - by - ((wm < bm || (wm == bm && wd < bd)) ? 1 : 0);
	if (years < 0)
		return -1;
	if (years >= 1) {
		snprintf(out, 8, "%03dY", years > 999 ? 999 : years);
		return 0;
	}
	months = (wy - by) * 12 + (wm - bm) - (wd < bd ? 1 : 0);
	if (months >= 1) {
		snprintf(out, 8, "%03dM", months % 1000);
		return 0;
	}
	/* days between the two dates, by shifting one onto the other */
	if (pseudo_shift_date(birth, 0, a) < 0 || pseudo_shift_date(when, 0, b) < 0)
		return -1;
	for (days = 0; days < 40; days++) {
		char c[32];

		if (pseudo_shift_date(birth, (int)days, c) == 0 && strncmp(c, when, 8) == 0)
			break;
	}
	if (days >= 40)
		return -1;
	if (days >= 7)
		snprintf(out, 8, "%03ldW", days / 7);
	else
		snprintf(out, 8, "%03ldD", days);
	return 0;
}

static int
patient_pseudonym(struct strip *s, const char *issuer, const char *id, char *out, size_t len)
{
	size_t i;

	if (s->nidmap == 0) {
		char p[16];

		pseudo_patient(&s->key, issuer, id, p);
		snprintf(out, len, "%s", p);
		return 0;
	}
	for (i = 0; i < s->nidmap; i++)
		if (s->idmap[i].issuer != NULL && strcmp(s->idmap[i].original, id) == 0 &&
		    strcmp(s->idmap[i].issuer, issuer) == 0) {
			snprintf(out, len, "%s", s->idmap[i].pseudonym);
			return 0;
		}
	for (i = 0; i < s->nidmap; i++)
		if (s->idmap[i].issuer == NULL && strcmp(s->idmap[i].original, id) == 0) {
			snprintf(out, len, "%s", s->idmap[i].pseudonym);
			return 0;
		}
	return -1;
}

/* The marks of PS3.15 E.1.1: what was done, in words and in CID 7050 codes. */
static int
mark(struct strip *s, dcm_item *ds, char **err)
{
	char *method, *tmp;
	dcm_item *it;
	int o;

	if (dcm_item_set_string(ds, T_IDENTITY_REMOVED, "CS", "YES", err) != DCM_OK)
		return -1;
	method = esprintf("dcmscrub dcm-strip %s\\PS3.15 E.1-1 2024b Basic Profile", DCMSCRUB_VERSION);
	for (o = 0; o < PO_NOPTIONS; o++) {
		if (!s->opt[o])
			continue;
		tmp = esprintf("%s\\%s", method, profile_option_codes[o][1]);
		free(method);
		method = tmp;
	}
	if (s->nkeep > 0) {
		tmp = esprintf("%s\\%zu attributes kept by request", method, s->nkeep);
		free(method);
		method = tmp;
	}
	o = dcm_item_set_string(ds, T_DEID_METHOD, "LO", method, err);
	free(method);
	if (o != DCM_OK)
		return -1;
	dcm_item_delete(ds, T_DEID_CODES);
	for (o = -1; o < PO_NOPTIONS; o++) {
		const char *code = o < 0 ? "113100" : profile_option_codes[o][0];
		const char *meaning = o < 0 ? "Basic Application Confidentiality Profile" :
		    profile_option_codes[o][1];

		if (o >= 0 && !s->opt[o])
			continue;
		if ((it = dcm_item_seq_append(ds, T_DEID_CODES, err)) == NULL)
			return -1;
		if (dcm_item_set_string(it, DCM_TAG(0x0008, 0x0100), "SH", code, err) != DCM_OK ||
		    dcm_item_set_string(it, DCM_TAG(0x0008, 0x0102), "SH", "DCM", err) != DCM_OK ||
		    dcm_item_set_string(it, DCM_TAG(0x0008, 0x0104), "LO", meaning, err) != DCM_OK)
			return -1;
	}
	if (dcm_item_set_string(ds, T_LONGITUDINAL, "CS",
	    s->opt[PO_RETAIN_LONG_FULL_DATES] ? "UNMODIFIED" :
	    s->opt[PO_RETAIN_LONG_MODIFIED_DATES] ? "MODIFIED" : "REMOVED", err) != DCM_OK)
		return -1;
	return 0;
}

static int
preflush(void *arg)
{
	struct strip *s = arg;

	return crosswalk_flush(s->cw);
}

static void
job_row(struct job *job, const char *kind, const char *original, const char *pseudonym)
{
	if (job->nrows + 3 > job->caprows) {
		job->caprows = job->caprows != 0 ? job->caprows * 2 : 24;
		job->rows = erealloc(job->rows, job->caprows * sizeof(*job->rows));
	}
	job->rows[job->nrows++] = estrdup(kind);
	job->rows[job->nrows++] = estrdup(original);
	job->rows[job->nrows++] = estrdup(pseudonym);
}

/*
 * De-identify one open file into job (or explain it, job NULL).
 * 0, or -1 after a message.  Runs in a worker: it touches nothing shared.
 */
static int
strip_file(struct strip *s, dcm_file *f, const char *name, struct job *job)
{
	dcm_item *ds = dcm_dataset(f);
	struct file fc;
	struct pending_record *p = NULL;
	char *id, *issuer, *pname, *study, *series, *sop, *acc, *cls, *burned, *modality;
	char *birth, *sdate, *age, *frames, *instance, *relpath = NULL, *err = NULL;
	char age_buf[8], offset[16];
	int rc = -1;
	size_t i;

	memset(&fc, 0, sizeof(fc));
	fc.s = s;
	fc.iod = iod_of(ds);
	id = dcm_item_string(ds, T_PATIENT_ID);
	issuer = dcm_item_string(ds, T_ISSUER);
	pname = dcm_item_string(ds, T_PATIENT_NAME);
	study = dcm_item_string(ds, T_STUDY_UID);
	series = dcm_item_string(ds, T_SERIES_UID);
	sop = dcm_item_string(ds, T_SOP_INSTANCE);
	acc = dcm_item_string(ds, T_ACCESSION);
	cls = dcm_item_string(ds, T_SOP_CLASS);
	burned = dcm_item_string(ds, T_BURNED_IN);
	modality = dcm_item_string(ds, T_MODALITY);
	birth = dcm_item_string(ds, T_BIRTH_DATE);
	sdate = dcm_item_string(ds, T_STUDY_DATE);
	age = dcm_item_string(ds, T_PATIENT_AGE);
	frames = dcm_item_string(ds, T_FRAMES);
	instance = dcm_item_string(ds, T_INSTANCE_NUMBER);

	if (sop == NULL || *sop == '\0') {
		char *media = dcm_item_string(dcm_metainfo(f), DCM_TAG(0x0002, 0x0002));

		if (media != NULL && strcmp(media, "1.2.840.10008.1.3.10") == 0)
			weprintf("%s: a DICOMDIR (media directory), not an instance: not written; "
			    "give the files it names", name);
		else
			weprintf("%s: no SOP Instance UID: not a composite instance", name);
		free(media);
		goto out;
	}
	if (s->explain == NULL && !s->allow_burned_in &&
	    ((burned != NULL && strcmp(burned, "YES") == 0) ||
	    (in_list(cls, burned_in_classes, sizeof(burned_in_classes) / sizeof(burned_in_classes[0])) &&
	    (burned == NULL || strcmp(burned, "NO") != 0)))) {
		weprintf("%s: may hold burned-in text in its pixels (%s); not written "
		    "(--allow-burned-in writes it)", name,
		    burned != NULL && strcmp(burned, "YES") == 0 ? "BurnedInAnnotation YES" :
		    "a kind that often carries it");
		goto out;
	}

	/* the patient: keyed pseudonym, or the user's table */
	{
		const char *key_id = id != NULL && *id != '\0' ? id : (pname != NULL ? pname : "");
		const char *key_issuer = id != NULL && *id != '\0' ? (issuer != NULL ? issuer : "") :
		    "\001name";

		if (patient_pseudonym(s, key_issuer, key_id, fc.patient, sizeof(fc.patient)) < 0) {
			weprintf("%s: patient not in the --id-map table", name);
			goto out;
		}
		fc.date_offset = pseudo_date_offset(&s->key, fc.patient);
	}

	/* the age, before the birth date goes */
	if (s->keep_age && (age == NULL || *age == '\0') && birth != NULL && sdate != NULL &&
	    compute_age(birth, sdate, age_buf) == 0) {
		if (dcm_item_set_string(ds, T_PATIENT_AGE, "AS", age_buf, &err) != DCM_OK)
			goto fail;
		free(age);
		age = estrdup(age_buf);
	}
	if (s->keep_age && !s->keep_exact_age && age != NULL && strlen(age) == 4 &&
	    age[3] == 'Y' && atoi(age) > 89) {
		if (dcm_item_set_string(ds, T_PATIENT_AGE, "AS", "090Y", &err) != DCM_OK)
			goto fail;
	}

	/* the identifying values are needed only where something is cleaned */
	if (s->may_clean && dcm_visit(ds, collect_cb, &fc) != DCM_OK) {
		weprintf("%s: sequences nested too deep or unreadable", name);
		goto out;
	}
	if (fc.nident > 0)
		qsort(fc.ident, fc.nident, sizeof(*fc.ident), cmp_longest);
	if (dcm_visit(ds, strip_cb, &fc) != DCM_OK) {
		weprintf("%s: sequences nested too deep or unreadable", name);
		goto out;
	}
	if (fc.error != NULL) {
		weprintf("%s: %s", name, fc.error);
		goto out;
	}
	if (mark(s, ds, &err) < 0)
		goto fail;
	if (s->explain != NULL) {
		rc = 0;
		goto out;
	}

	p = pending_record_new(s->nul, &s->fatal);
	p->field[MF_MODALITY] = estrdup(modality != NULL ? modality : "");
	p->field[MF_PATIENT] = estrdup(fc.patient);
	p->field[MF_STUDY_UID] = dcm_item_string(ds, T_STUDY_UID);
	p->field[MF_SERIES_UID] = dcm_item_string(ds, T_SERIES_UID);
	p->field[MF_SOP_UID] = dcm_item_string(ds, T_SOP_INSTANCE);
	p->field[MF_FRAMES] = estrdup(frames != NULL ? frames :
	    dcm_item_has(ds, T_PIXEL_DATA) ? "1" : "");
	for (i = 0; i < MF_NFIELDS; i++)
		if (p->field[i] == NULL)
			p->field[i] = estrdup("");

	/* crosswalk rows: the only place where originals and pseudonyms meet */
	if (id != NULL && *id != '\0')
		job_row(job, "patient_id", id, fc.patient);
	if (pname != NULL && *pname != '\0')
		job_row(job, "patient_name", pname, fc.patient);
	if (study != NULL && *study != '\0')
		job_row(job, "study_uid", study, p->field[MF_STUDY_UID]);
	if (series != NULL && *series != '\0')
		job_row(job, "series_uid", series, p->field[MF_SERIES_UID]);
	job_row(job, "sop_uid", sop, p->field[MF_SOP_UID]);
	if (acc != NULL && *acc != '\0')
		job_row(job, "accession", acc, p->field[MF_STUDY_UID]);
	if (birth != NULL && *birth != '\0')
		job_row(job, "birth_date", birth, fc.patient);
	if (s->opt[PO_RETAIN_LONG_MODIFIED_DATES]) {
		snprintf(offset, sizeof(offset), "%d", fc.date_offset);
		job_row(job, "date_offset", id != NULL && *id != '\0' ? id : fc.patient, offset);
	}

	{
		struct record rec;

		for (i = 0; i < MF_NFIELDS; i++)
			rec.field[i] = p->field[i];
		relpath = layout_path(s->layout, &rec, instance);
	}
	job_row(job, "path", name, relpath);
	if (!output_is_archive(s->out)) {
		/* into a directory: the worker writes its temp file, the main thread renames it */
		int fd = output_prepare(s->out, relpath, &job->temp);

		if (fd < 0)
			goto out;
		if (dcm_write_fd(f, fd, &err) != DCM_OK) {
			/* a write error ends the run: the main thread exits when it comes to it */
			weprintf("%s: %s/%s: %s", name, output_name(s->out), relpath, err);
			job->werr = 1;
		}
	} else if (dcm_write_mem(f, &job->bytes, &job->nbytes, &err) != DCM_OK)
		goto fail;
	job->relpath = relpath;
	job->p = p;
	relpath = NULL;
	p = NULL;
	rc = 0;
	goto out;
fail:
	weprintf("%s: %s", name, err != NULL ? err : "cannot de-identify");
out:
	if (p != NULL)
		pending_record_free(p);
	free(err);
	free(relpath);
	for (i = 0; i < fc.nident; i++)
		free(fc.ident[i]);
	free(fc.ident);
	free(fc.error);
	for (i = 0; i < fc.ncleaning; i++)
		free(fc.cleaning[i]);
	free(fc.cleaning);
	free(id);
	free(issuer);
	free(pname);
	free(study);
	free(series);
	free(sop);
	free(acc);
	free(cls);
	free(burned);
	free(modality);
	free(birth);
	free(sdate);
	free(age);
	free(frames);
	free(instance);
	return rc;
}

static void
load_idmap(struct strip *s, const char *path)
{
	FILE *fp;
	char *line = NULL, *f[3], *p;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int nf;

	if ((fp = fopen(path, "r")) == NULL)
		eprintf("%s:", path);
	while ((n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nf = 0;
		for (p = line; nf < 3; nf++) {
			f[nf] = p;
			if ((p = strchr(p, '\t')) == NULL) {
				nf++;
				break;
			}
			*p++ = '\0';
		}
		if (nf < 2 || *f[0] == '\0' || *f[1] == '\0' || strlen(f[1]) > 64)
			eprintf("%s:%zu: want original TAB pseudonym [TAB issuer]", path, lineno);
		s->idmap = erealloc(s->idmap, (s->nidmap + 1) * sizeof(*s->idmap));
		s->idmap[s->nidmap].original = estrdup(f[0]);
		s->idmap[s->nidmap].pseudonym = estrdup(f[1]);
		s->idmap[s->nidmap].issuer = nf == 3 ? estrdup(f[2]) : NULL;
		s->nidmap++;
	}
	if (ferror(fp))
		eprintf("%s:", path);
	free(line);
	fclose(fp);
	if (s->nidmap == 0)
		eprintf("%s: no rows", path);
}

/* Keywords of Table E.1-1 that dcmtk's dictionary does not know (17 in 3.6.7). */
static int
keyword_in_table(const char *keyword, uint32_t *tag)
{
	size_t i;

	for (i = 0; i < profile_nplain; i++)
		if (strcmp(profile_rows[i].keyword, keyword) == 0) {
			*tag = profile_rows[i].tag;
			return 0;
		}
	return -1;
}

static void
parse_keep(struct strip *s, const char *list)
{
	const char *p = list, *end;
	char tok[80];
	unsigned g, e;
	uint32_t tag;
	size_t n;
	int k;

	/* keywords and gggg,eeee tags, separated by commas: "PatientAge,0010,0040" */
	while (*p != '\0') {
		if (sscanf(p, "%4x,%4x%n", &g, &e, &k) == 2 && k == 9 && (p[9] == ',' || p[9] == '\0')) {
			tag = DCM_TAG(g, e);
			p += 9;
		} else {
			end = strchr(p, ',');
			n = end != NULL ? (size_t)(end - p) : strlen(p);
			if (n == 0 || n >= sizeof(tok))
				eprintf("--keep: %s: not a list of attribute keywords or gggg,eeee", list);
			memcpy(tok, p, n);
			tok[n] = '\0';
			if (dcm_tag_from_keyword(tok, &tag) != DCM_OK && keyword_in_table(tok, &tag) < 0)
				eprintf("--keep: %s: not an attribute keyword or gggg,eeee", tok);
			p += n;
		}
		if (*p == ',')
			p++;
		s->keep = erealloc(s->keep, (s->nkeep + 1) * sizeof(*s->keep));
		s->keep[s->nkeep++] = tag;
		if (tag == T_PATIENT_AGE)
			s->keep_age = 1;
	}
}

static void
job_free(struct job *job)
{
	size_t i;

	if (job->p != NULL)
		pending_record_free(job->p);
	output_discard(job->temp);
	for (i = 0; i < job->nrows; i++)
		free(job->rows[i]);
	free(job->rows);
	free(job->relpath);
	free(job->bytes);
	free(job->data);
	free(job->path);
	free(job->name);
	free(job);
}

/* Read and de-identify one input (in a worker, or in main with one job). */
static void
run_job(struct strip *s, struct job *job)
{
	dcm_file *df;
	char *err = NULL;
	int r;

	if (job->path != NULL)
		r = dcm_open_path(job->path, 0, &df, &err);
	else
		r = dcm_open_mem(job->data, job->len, 0, &df, &err);
	free(job->data);
	job->data = NULL;
	if (r != DCM_OK) {
		weprintf("%s: %s", job->name, err != NULL ? err : "cannot read");
		free(err);
		job->rc = -1;
		return;
	}
	job->rc = strip_file(s, df, job->name, job);
	dcm_close(df);
}

static void *
worker(void *arg)
{
	struct pool *pool = arg;
	struct job *job;

	for (;;) {
		pthread_mutex_lock(&pool->mu);
		while (pool->head == NULL && !pool->quit)
			pthread_cond_wait(&pool->work, &pool->mu);
		if (pool->head == NULL) {
			pthread_mutex_unlock(&pool->mu);
			return NULL;
		}
		job = pool->head;
		pool->head = job->next;
		if (pool->head == NULL)
			pool->tail = NULL;
		pthread_mutex_unlock(&pool->mu);

		run_job(pool->s, job);

		pthread_mutex_lock(&pool->mu);
		job->finished = 1;
		pthread_cond_broadcast(&pool->done);
		pthread_mutex_unlock(&pool->mu);
	}
}

/*
 * Write a finished job: crosswalk rows, the file, its record once in place.
 * Returns 1 written, 0 failed (the others go on); a write error ends the run.
 */
static int
finish_job(struct strip *s, struct job *job)
{
	size_t i;
	int fd;

	if (job->rc < 0)
		return 0;
	if (job->werr != 0) {
		output_discard(job->temp);
		job->temp = NULL;
		die();
	}
	for (i = 0; i + 2 < job->nrows; i += 3)
		crosswalk_add(s->cw, job->rows[i], job->rows[i + 1], job->rows[i + 2]);
	if (job->temp != NULL) {
		struct output_temp *t = job->temp;
		int r;

		job->temp = NULL;
		if ((r = output_adopt(s->out, t, pending_record_done, job->p)) < 0)
			die();
		if (r > 0)
			return 0;
		job->p = NULL;
		return 1;
	}
	/* a path refused for this file (it is an input, say) fails the file, not the run */
	if ((fd = output_begin(s->out, job->relpath)) < 0)
		return 0;
	if (write_all(fd, job->bytes, job->nbytes) < 0) {
		weprintf("%s: %s:", output_name(s->out), job->relpath);
		output_abort(s->out);
		die();
	}
	if (output_commit(s->out, pending_record_done, job->p) < 0)
		die();
	job->p = NULL;
	return 1;
}

static void
strip_free(struct strip *s)
{
	size_t i;

	for (i = 0; i < s->nidmap; i++) {
		free(s->idmap[i].original);
		free(s->idmap[i].issuer);
		free(s->idmap[i].pseudonym);
	}
	free(s->idmap);
	free(s->keep);
}

static int
option_index(const char *name)
{
	int o;

	for (o = 0; o < PO_NOPTIONS; o++)
		if (strcmp(name, profile_option_names[o]) == 0)
			return o;
	return -1;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "null", no_argument, NULL, '0' },
		{ "crosswalk", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "key", required_argument, NULL, 'k' },
		{ "option", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "allow-burned-in", no_argument, NULL, 'B' },
		{ "explain", required_argument, NULL, 'E' },
		{ "id-map", required_argument, NULL, 'I' },
		{ "keep", required_argument, NULL, 'K' },
		{ "keep-exact-age", no_argument, NULL, 'A' },
		{ "layout", required_argument, NULL, 'L' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct strip s;
	struct input *in;
	struct input_file f;
	const char *keyfile = NULL, *outname = NULL, *cwname = NULL, *explain = NULL;
	char *err = NULL;
	const char *errstr;
	dcm_file *df;
	struct pool pool;
	struct job *job, **ring;
	pthread_t *threads = NULL;
	long i, njobs;
	int ch, o, r, archive, more = 1, rval = 0;
	unsigned long done = 0, failed = 0, depth, next_in = 0, next_out = 0;

	setprogname(argv[0]);
	memset(&s, 0, sizeof(s));
	memset(&pool, 0, sizeof(pool));
	/* one worker more than processors: the workers wait on the disk too */
	njobs = sysconf(_SC_NPROCESSORS_ONLN) + 1;
	if (njobs < 2)
		njobs = 2;
	if (njobs > 8)
		njobs = 8;
	s.layout = LAYOUT_DEFAULT;
	while ((ch = getopt_long(argc, argv, "0c:hj:k:O:o:q", longopts, NULL)) != -1) {
		switch (ch) {
		case '0':
			s.nul = 1;
			break;
		case 'A':
			s.keep_exact_age = 1;
			break;
		case 'B':
			s.allow_burned_in = 1;
			break;
		case 'c':
			cwname = optarg;
			break;
		case 'E':
			explain = optarg;
			break;
		case 'I':
			load_idmap(&s, optarg);
			break;
		case 'j':
			njobs = strtonum_(optarg, 1, 64, &errstr);
			if (errstr != NULL)
				eprintf("-j %s: %s (1 to 64)", optarg, errstr);
			break;
		case 'K':
			parse_keep(&s, optarg);
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'L':
			if (layout_check(optarg) < 0)
				eprintf("--layout: %s: fields are <patient> <study_uid> <series_uid> "
				    "<sop_uid> <modality> <instance>; relative, no ..", optarg);
			s.layout = optarg;
			break;
		case 'O':
			if ((o = option_index(optarg)) < 0) {
				weprintf("-O %s: unknown option (see dcm-profile(5))", optarg);
				usage();
			}
			s.opt[o] = 1;
			break;
		case 'o':
			outname = optarg;
			break;
		case 'q':
			setquiet(1);
			break;
		case 'V':
			printf("dcm-strip %s\n", DCMSCRUB_VERSION);
			return fshut_stdout();
		case 'h':
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (s.opt[PO_RETAIN_LONG_FULL_DATES] && s.opt[PO_RETAIN_LONG_MODIFIED_DATES]) {
		weprintf("retain-long-full-dates and retain-long-modified-dates exclude each other");
		usage();
	}
	if (s.opt[PO_RETAIN_PATIENT_CHARS]) {
		const struct profile_row *row = profile_lookup(T_PATIENT_AGE);

		if (row != NULL && row->option[PO_RETAIN_PATIENT_CHARS] == PA_K)
			s.keep_age = 1;
	}
	for (o = 0; o < PO_NOPTIONS; o++) {
		size_t k;

		for (k = 0; s.opt[o] && o != PO_RETAIN_LONG_MODIFIED_DATES && k < profile_nrows; k++)
			if (profile_rows[k].option[o] == PA_C || profile_rows[k].basic == PA_C)
				s.may_clean = 1;
	}
	if (dcm_init(&err) != DCM_OK)
		eprintf("%s", err);
	if (pseudo_key_load(&s.key, keyfile) < 0)
		exit(2);
	signal(SIGPIPE, SIG_IGN);

	if (explain != NULL) {
		if (outname != NULL || argc > 0)
			usage();
		s.explain = stdout;
		if (dcm_open_path(explain, 0, &df, &err) != DCM_OK)
			eprintf("%s: %s", explain, err);
		fprintf(stdout, "#path\tkeyword\tvr\taction\treason\n");
		r = strip_file(&s, df, explain, NULL);
		dcm_close(df);
		strip_free(&s);
		if (fshut_stdout() != 0)
			return 2;
		return r < 0 ? 1 : 0;
	}
	if (outname == NULL) {
		weprintf("-o is required");
		usage();
	}

	in = input_open(argc, argv, s.nul, NULL);
	if ((s.out = output_open(outname, in)) == NULL)
		exit(2);
	if (cwname != NULL && (s.cw = crosswalk_open(cwname)) == NULL)
		exit(2);
	output_set_preflush(s.out, preflush, &s);
	if (manifest_write_header(stdout, s.nul) < 0)
		eprintf("stdout:");

	progress_start("files");
	if (njobs > 1) {
		pool.s = &s;
		pthread_mutex_init(&pool.mu, NULL);
		pthread_cond_init(&pool.work, NULL);
		pthread_cond_init(&pool.done, NULL);
		threads = ecalloc((size_t)njobs, sizeof(*threads));
		for (i = 0; i < njobs; i++) {
			if (pthread_create(&threads[i], NULL, worker, &pool) != 0) {
				weprintf("pthread_create: cannot start worker %ld", i);
				die();
			}
			live_pool = &pool;
			live_threads = threads;
			live_n = i + 1;
		}
	}
	/* a window of jobs in flight; they leave it in the order they came */
	depth = njobs > 1 ? (unsigned long)njobs * 4 : 1;
	ring = ecalloc(depth, sizeof(*ring));
	for (;;) {
		while (more && next_in - next_out < depth) {
			if ((r = input_next(in, &f)) == 0) {
				more = 0;
				break;
			}
			if (r < 0) {
				rval = 1;
				failed++;
				continue;
			}
			job = ecalloc(1, sizeof(*job));
			job->seq = next_in++;
			job->name = estrdup(f.name);
			if (f.path != NULL) {
				job->path = estrdup(f.path);
			} else {
				job->data = emalloc(f.len);
				memcpy(job->data, f.data, f.len);
				job->len = f.len;
			}
			ring[job->seq % depth] = job;
			if (njobs > 1) {
				pthread_mutex_lock(&pool.mu);
				if (pool.tail != NULL)
					pool.tail->next = job;
				else
					pool.head = job;
				pool.tail = job;
				pthread_cond_signal(&pool.work);
				pthread_mutex_unlock(&pool.mu);
			} else {
				run_job(&s, job);
				job->finished = 1;
			}
		}
		if (next_out == next_in)
			break;
		job = ring[next_out % depth];
		if (njobs > 1) {
			pthread_mutex_lock(&pool.mu);
			while (!job->finished)
				pthread_cond_wait(&pool.done, &pool.mu);
			pthread_mutex_unlock(&pool.mu);
		}
		if (finish_job(&s, job))
			done++;
		else {
			rval = 1;
			failed++;
		}
		job_free(job);
		ring[next_out % depth] = NULL;
		next_out++;
		if (s.fatal) {
			errno = s.fatal;
			weprintf("stdout:");
			die();
		}
		progress_tick(done, failed);
	}
	if (njobs > 1) {
		pthread_mutex_lock(&pool.mu);
		pool.quit = 1;
		pthread_cond_broadcast(&pool.work);
		pthread_mutex_unlock(&pool.mu);
		for (i = 0; i < njobs; i++)
			pthread_join(threads[i], NULL);
		live_pool = NULL;
		free(threads);
	}
	free(ring);
	progress_end();
	archive = output_is_archive(s.out);
	if (output_close(s.out) < 0)
		exit(2);
	if (s.fatal) {
		errno = s.fatal;
		eprintf("stdout:");
	}
	if (archive && done > 0) {
		/* the archive is the one file written: one record names it */
		struct record rec;

		memset(&rec, 0, sizeof(rec));
		rec.field[MF_PATH] = outname;
		if (manifest_write(stdout, &rec, s.nul) < 0)
			eprintf("stdout:");
	}
	if (crosswalk_close(s.cw) < 0)
		exit(2);
	input_close(in);
	strip_free(&s);
	if (fshut_stdout() != 0)
		return 2;
	return rval;
}
