/*
 * dcmscan.h: a lean reader of the top level of an uncompressed DICOM file,
 * for the one hot loop where dcmtk's full parse costs more than the work:
 * dcm-convert reading the headers of thousands of classic slices and then
 * their pixels.
 *
 * It knows only what that needs: a Part 10 file (preamble, "DICM", file
 * meta group) in implicit or explicit VR little endian, its top-level
 * elements up to Pixel Data (sequences are skipped, not read), and where
 * the native Pixel Data lies.  Anything else (no preamble, big endian,
 * deflate, an encapsulated transfer syntax, lengths that do not add up) is
 * DCMSCAN_NO: the caller reads the file through dcmtk, which gives the
 * authoritative answer or error.  It never reads past its buffer, whatever
 * the bytes.
 *
 * Values come as dcm_item_string() gives them: the bytes of a string VR with
 * the padding (spaces, NUL) of each value removed; binary numbers (US, SS,
 * UL, SL, FL, FD) as decimal text joined by '\'.
 *
 * Ownership: a dcmscan owns a copy of the header bytes; dcmscan_free().
 */
#ifndef DCMSCRUB_DCMSCAN_H
#define DCMSCRUB_DCMSCAN_H

#include <stddef.h>
#include <stdint.h>

enum { DCMSCAN_OK = 0, DCMSCAN_NO = -1, DCMSCAN_NOTDICOM = -2 };

struct dcmscan;

/*
 * The file at path, or len bytes at data (not copied: they must outlive the
 * scan).  DCMSCAN_NOTDICOM for bytes that plainly are not DICOM: no "DICM"
 * at 128, and the first two bytes are no group a data set starts with
 * (0000 to 0008, in either byte order): a text file, an image, an archive.
 */
int dcmscan_path(const char *path, struct dcmscan **out);
int dcmscan_mem(const void *data, size_t len, struct dcmscan **out);

/* A top-level element's value as text (malloc'd), or NULL if absent or a sequence. */
char *dcmscan_string(const struct dcmscan *s, uint32_t tag);
/* Its raw bytes (borrowed, valid until dcmscan_free()): 0, or -1 if absent. */
int dcmscan_bytes(const struct dcmscan *s, uint32_t tag, const void **bytes, size_t *len);
int dcmscan_has(const struct dcmscan *s, uint32_t tag);
/*
 * Native Pixel Data: its offset in the file (or the bytes) and its length.
 * 0, or -1 if the file has none.
 */
int dcmscan_pixels(const struct dcmscan *s, uint64_t *offset, uint64_t *len);

void dcmscan_free(struct dcmscan *s);

#endif
