/*
 * manifest.h: the records the tools exchange on stdin/stdout (dcm-manifest(5)).
 * One record per line (NUL-terminated with -0), TAB-separated fields:
 *   path  modality  patient  study_uid  series_uid  sop_uid  frames
 * '#' lines are comments; a bare path is a valid record.
 */
#ifndef DCMSCRUB_MANIFEST_H
#define DCMSCRUB_MANIFEST_H

#include <stdio.h>

enum {
	MF_PATH, MF_MODALITY, MF_PATIENT, MF_STUDY_UID, MF_SERIES_UID, MF_SOP_UID, MF_FRAMES,
	MF_NFIELDS
};

struct record {
	/* Each field is NULL or a string without TAB, newline or NUL. */
	const char *field[MF_NFIELDS];
};

/* The one header comment: "#path\tmodality\t...\tframes\n". */
int manifest_write_header(FILE *fp, int nul);
/*
 * One record.  Fields that hold TAB, CR or LF (or NUL with -0) are refused
 * with -1 and errno EINVAL rather than written broken.  Returns 0 or -1.
 */
int manifest_write(FILE *fp, const struct record *r, int nul);
/* Write a line read from a manifest unchanged (pass-through). */
int manifest_write_raw(FILE *fp, const char *line, int nul);
/*
 * The record of a file a tool leaves as it is: its manifest line as it came,
 * else a bare record of its path (a file named on the command line).  0, 1
 * when there is neither (an archive member: nothing the next tool can open),
 * or -1 (a write error).
 */
int manifest_pass(FILE *fp, const char *record, const char *path, int nul);

/*
 * Split a line (modified in place: TABs become NULs) into a record.
 * Fields beyond the seventh are ignored; missing fields are NULL.
 * Returns 0, or -1 for a comment or empty line.
 */
int manifest_parse(char *line, struct record *r);

/*
 * A record waiting for its file, for output.h's done callback: the fields
 * are malloc'd (field[MF_PATH] is unused: the final path stands there), the
 * record is printed to stdout once the file is in place, then freed.  With
 * print 0 the file has no record of its own (a detached data file).  After a
 * failed write to stdout, *fatal holds its errno and nothing more is printed.
 */
struct pending_record {
	char *field[MF_NFIELDS];
	int print;
	int nul;
	int *fatal;
};

struct pending_record *pending_record_new(int nul, int *fatal);
void pending_record_done(void *arg, const char *final);
void pending_record_free(struct pending_record *p);

#endif
