/*
 * dcm.h: the dcmtk adapter, the only C++ in dcmscrub, behind a C interface.
 *
 * Ownership:
 *  - dcm_open_*() return a dcm_file that the caller frees with dcm_close().
 *  - dcm_item and dcm_elem handles are borrowed from their file: valid until
 *    dcm_close(), or until the element that holds them is deleted.
 *  - Every char ** output (values, error messages) is malloc'd; the caller
 *    frees it with free().  *errmsg is set only when a function fails.
 *  - No C++ exception and no dcmtk type crosses this boundary: every body
 *    catches everything and reports it as DCM_EFAIL with a message.
 * Return values: 0 (DCM_OK) on success, a negative DCM_E* code on failure.
 */
#ifndef DCMSCRUB_DCM_H
#define DCMSCRUB_DCM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
	DCM_OK = 0,
	DCM_EFAIL = -1,		/* anything else */
	DCM_ENOTDICOM = -2,	/* not a DICOM file (no preamble/meta, unparseable) */
	DCM_ENOENT = -3,	/* attribute absent */
	DCM_EIO = -4,		/* read/write error; errno may say more */
};

/* dcm_open flags */
enum {
	DCM_HEADER_ONLY = 1 << 0,	/* stop before Pixel Data (7FE0,0010) */
};

typedef struct dcm_file dcm_file;
typedef struct dcm_item dcm_item;	/* the dataset, the meta header, or a sequence item */
typedef struct dcm_elem dcm_elem;	/* one element inside an item */

/* Load the dictionary once (about 30 ms); called by dcm_open_* when needed. */
int dcm_init(char **errmsg);

int dcm_open_path(const char *path, int flags, dcm_file **out, char **errmsg);
int dcm_open_mem(const void *buf, size_t len, int flags, dcm_file **out, char **errmsg);
void dcm_close(dcm_file *f);

dcm_item *dcm_dataset(dcm_file *f);
dcm_item *dcm_metainfo(dcm_file *f);
/* The transfer syntax UID the file was read in, e.g. "1.2.840.10008.1.2.1" (static string). */
const char *dcm_transfer_syntax(dcm_file *f);

/*
 * Write the file, meta header created anew from the dataset, in the transfer
 * syntax it was read in: pixel data (native or encapsulated) passes byte for byte.
 * dcm_write_fd writes to an open descriptor (it does not close or sync it).
 */
int dcm_write_fd(dcm_file *f, int fd, char **errmsg);
/* The same into a malloc'd buffer (for a writer in another thread). */
int dcm_write_mem(dcm_file *f, void **buf, size_t *len, char **errmsg);
/*
 * Threads: after dcm_init(), files may be opened, changed and written in
 * several threads at once, each file in one thread at a time.
 */

/* ---- items: get, set, delete by tag (group << 16 | element) ---- */
#define DCM_TAG(g, e) (((uint32_t)(g) << 16) | (uint32_t)(e))
#define DCM_GROUP(t) ((uint16_t)((t) >> 16))
#define DCM_ELEMENT(t) ((uint16_t)((t) & 0xffff))

/* The whole value as text (all values joined by '\'), trailing padding removed. */
int dcm_item_get_string(dcm_item *it, uint32_t tag, char **value);
/* The same, returned: a malloc'd string, or NULL if absent (or a sequence). */
char *dcm_item_string(dcm_item *it, uint32_t tag);
/* The same, "" (malloc'd) where absent: for a manifest field or a UID to derive from. */
char *dcm_item_text(dcm_item *it, uint32_t tag);
int dcm_item_has(dcm_item *it, uint32_t tag);
/* The raw value bytes of an element (not a sequence); *bytes is malloc'd. */
int dcm_item_get_bytes(dcm_item *it, uint32_t tag, void **bytes, size_t *len);
/* Insert or replace; the VR comes from the dictionary (or vr if not NULL). */
int dcm_item_set_string(dcm_item *it, uint32_t tag, const char *vr, const char *value, char **errmsg);
int dcm_item_delete(dcm_item *it, uint32_t tag);
/* Insert or replace tag with an empty value (a sequence with no item), its VR from the dictionary. */
int dcm_item_set_empty(dcm_item *it, uint32_t tag);
/* The tags of the top-level elements of it, in tag order (*tags malloc'd). */
int dcm_item_tags(dcm_item *it, uint32_t **tags, size_t *n);
/*
 * Element tag (with every item of a sequence) encoded in explicit VR little
 * endian, *buf malloc'd: equal bytes, equal elements (for comparing files).
 */
int dcm_item_encode(dcm_item *it, uint32_t tag, void **buf, size_t *len);
/* Number of items of a sequence; 0 if absent. */
size_t dcm_item_seq_count(dcm_item *it, uint32_t tag);
dcm_item *dcm_item_seq_get(dcm_item *it, uint32_t tag, size_t index);
/* Append a new empty item to the sequence tag (created if absent) and return it. */
dcm_item *dcm_item_seq_append(dcm_item *it, uint32_t tag, char **errmsg);

/* ---- the visit: every element at every depth ---- */

/* What the visit callback returns for the element it was given. */
enum {
	DCM_VISIT_KEEP = 0,	/* keep; for a sequence, visit its items too */
	DCM_VISIT_SKIP = 1,	/* keep, and do not descend into a sequence */
	DCM_VISIT_REMOVE = 2,	/* delete the element (and its items) */
	DCM_VISIT_STOP = 3,	/* end the visit */
};

struct dcm_elem_info {
	uint32_t tag;
	char vr[3];		/* "PN", "SQ", ... as read ("UN" when unknown) */
	int depth;		/* 0 for the top-level dataset, +1 per sequence */
	const char *creator;	/* private creator of a private element, else NULL */
	const char *path;	/* tag path: "0008,1115[0]/0020,000D" */
	unsigned long length;	/* value length in bytes (0 for sequences) */
	int is_private;		/* odd group (creators included) */
	int is_creator;		/* a private creator element (gggg,0010-00FF) */
};

typedef int (*dcm_visit_fn)(void *arg, dcm_elem *e, const struct dcm_elem_info *info);

/*
 * Visit every element of it (depth-first, in tag order, items of a sequence
 * after the sequence itself).  The callback may change the element it was
 * given (dcm_elem_set_*) and may read or change other elements of the item
 * that holds it (dcm_elem_parent) except deleting them; it deletes the
 * element by returning DCM_VISIT_REMOVE.  Returns DCM_OK or the first error.
 */
int dcm_visit(dcm_item *it, dcm_visit_fn fn, void *arg);

dcm_item *dcm_elem_parent(dcm_elem *e);
/* The value as text, as dcm_item_get_string; binary VRs come as numbers, OB/OW/UN as hex. */
int dcm_elem_get_string(dcm_elem *e, char **value);
/* Raw value bytes (not for SQ); *bytes is malloc'd. */
int dcm_elem_get_bytes(dcm_elem *e, void **bytes, size_t *len);
/* New value from text, in the element's VR. */
int dcm_elem_set_string(dcm_elem *e, const char *value, char **errmsg);
/* Zero-length value; for a sequence, remove every item. */
int dcm_elem_clear(dcm_elem *e);
/* Overwrite a binary value with zero bytes, keeping its length. */
int dcm_elem_zero(dcm_elem *e);

/* ---- pixels (for the volume tools) ---- */

/*
 * The pixel data of all frames as native samples in host byte order,
 * decoded first if the file is encapsulated (RLE, JPEG, JPEG-LS through
 * dcmtk's codecs, JPEG 2000 through OpenJPEG): the file is native (explicit
 * little endian) afterwards.  *pixels belongs to the file; *len is its
 * length in bytes.
 */
int dcm_pixels(dcm_file *f, const void **pixels, size_t *len, char **errmsg);

/* Keyword for a tag from the dictionary ("PatientName"), or NULL; static string. */
const char *dcm_tag_keyword(uint32_t tag);
/* Tag for a keyword; returns 0 and sets *tag, or DCM_ENOENT. */
int dcm_tag_from_keyword(const char *keyword, uint32_t *tag);

/* ---- transfer syntaxes and new files (for dcm-convert -f dicom) ---- */

/*
 * Write the file in transfer syntax ts_uid: "1.2.840.10008.1.2.1" (explicit
 * little endian), "1.2.840.10008.1.2" (implicit), "1.2.840.10008.1.2.5"
 * (RLE), "1.2.840.10008.1.2.4.80" (JPEG-LS lossless) or
 * "1.2.840.10008.1.2.4.70" (JPEG lossless SV1).  Encapsulated pixel data is
 * decoded first (as dcm_pixels(), JPEG 2000 included) and encoded anew; the
 * file is in ts_uid afterwards (dcm_transfer_syntax() says so, and a later
 * dcm_write_fd() writes it so).  A file without pixel data is written in
 * ts_uid as it is.  The encoders are registered on the first call.
 */
int dcm_write_fd_ts(dcm_file *f, int fd, const char *ts_uid, char **errmsg);
/* The same into a malloc'd buffer (*buf NULL and *len 0 on failure). */
int dcm_write_mem_ts(dcm_file *f, const char *ts_uid, void **buf, size_t *len, char **errmsg);

/*
 * A new file with an empty data set but SOPClassUID = sop_class, in explicit
 * little endian; the caller frees it with dcm_close().  The meta header is
 * made at write time from SOPClassUID and SOPInstanceUID (which the caller sets).
 */
int dcm_new(const char *sop_class, dcm_file **out, char **errmsg);
/*
 * Copy element tag (a sequence with all its items) from src to dst,
 * replacing any there; src and dst may belong to different files, and the
 * copy outlives src.  DCM_OK, DCM_ENOENT if src has no such element, DCM_EFAIL.
 */
int dcm_item_copy(dcm_item *dst, dcm_item *src, uint32_t tag);
/*
 * Replace the pixel data with native samples: bits 8 (OB) or 16 (OW, px in
 * host byte order), len bytes, copied.  The Image Pixel attributes (Rows,
 * BitsAllocated, ...) are the caller's to set.  An encapsulated file becomes
 * explicit little endian.
 */
int dcm_set_pixels(dcm_file *f, const void *px, size_t len, int bits, char **errmsg);

#ifdef __cplusplus
}
#endif
#endif
