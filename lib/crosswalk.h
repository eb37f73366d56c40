/*
 * crosswalk.h: the rows that link pseudonyms to originals (dcm-crosswalk(1)).
 * Row: kind TAB original TAB pseudonym NEWLINE, kind one of patient_id,
 * patient_name, study_uid, series_uid, sop_uid, accession, date_offset, path.
 * Files are created with mode 0600.  A directory target gets one file per
 * process (crosswalk.<host>.<pid>.tsv); a file target is appended to under
 * an exclusive fcntl lock, whole rows at a time, so many processes may share it.
 * A write that fails (a full disk) is cut off again, and a last row without
 * its newline (a writer killed in the middle) is removed before appending,
 * and from the files of dead processes of this host in a directory target:
 * the files hold whole rows only.  Rows already written by this process are
 * not written again.
 */
#ifndef DCMSCRUB_CROSSWALK_H
#define DCMSCRUB_CROSSWALK_H

struct crosswalk;

/* NULL after weprintf() if target cannot be opened (the caller exits 2). */
struct crosswalk *crosswalk_open(const char *target);
/* Queue a row (values with TAB or newline have them replaced by spaces). */
void crosswalk_add(struct crosswalk *cw, const char *kind, const char *original, const char *pseudonym);
/* Write queued rows (under the lock for a file target) and fsync.  0 or -1 after weprintf(). */
int crosswalk_flush(struct crosswalk *cw);
/* Flush and free.  0 or -1. */
int crosswalk_close(struct crosswalk *cw);

#endif
