/*
 * output.h: atomic outputs, synced in batches.
 *
 * An output is a directory tree (files placed by a relative path) or an
 * archive (-o NAME.zip, NAME.tar, NAME.tar.gz / NAME.tgz), chosen by the
 * name given to output_open().
 *
 * Directory: output_begin() creates the parent directories and a temp file
 * ".dcmscrub.<host>.<pid>.XXXXXX" in the target's own directory; the caller
 * writes to the returned fd; output_commit() queues it.  Every batch (64
 * files or 64 MiB) is flushed with one syncfs(), then each temp file is
 * renamed into place and its callback runs (where the tool prints its
 * manifest record), so a record is printed only for a complete file.
 * A re-run removes leftover temp files of dead processes of this host in
 * the directories it writes to, and a process that ends with exit() before
 * output_close() (a write error) removes its own, renamed or not yet.  A target that is one of the inputs
 * (same dev and ino) is refused.
 *
 * Archive: members are written to one temp archive beside NAME; at
 * output_close() it is synced and renamed to NAME, then each callback runs
 * with final == NULL (the member is not a file of its own: the tool prints
 * one record for the archive, named by output_name()).
 *
 * Ownership: relpath is copied; the fd belongs to the output.
 */
#ifndef DCMSCRUB_OUTPUT_H
#define DCMSCRUB_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

struct output;
struct input;

/* Called once a file is in place; final is its path as the next tool opens it. */
typedef void (*output_done_fn)(void *arg, const char *final);

/* Returns NULL after weprintf() if the output cannot be created (caller exits 2). */
struct output *output_open(const char *name, const struct input *inputs);

/* 1 if the output is an archive. */
int output_is_archive(const struct output *o);
/* Files that hold originals: mode 0600, new directories 0700.  Call before output_begin(). */
void output_set_private(struct output *o);

/*
 * No fsync or syncfs: files are still written to temp names and renamed
 * when complete, but a crash of the system may leave them empty or short.
 * For scratch outputs and for timing work without the disk's flush.
 */
void output_set_nosync(struct output *o);

/* The name given to output_open(). */
const char *output_name(const struct output *o);

/*
 * Start a file at relpath (relative, no "..", no leading '/': refused with
 * -1 and a message otherwise).  Returns a writable fd, or -1 after weprintf().
 */
int output_begin(struct output *o, const char *relpath);

/*
 * Queue the file begun last.  done(arg, final) runs when it is in place;
 * arg must stay valid until then (the output frees nothing of it).
 * Returns 0, or -1 after weprintf() (a write error: the caller exits 2).
 */
int output_commit(struct output *o, output_done_fn done, void *arg);

/*
 * For writers in other threads (directory outputs only).  output_prepare()
 * may run in any thread at once with others: it makes the directories and
 * a temp file for relpath and returns its fd (or -1 after weprintf()) and a
 * handle.  output_adopt(), in the thread that owns the output, queues it as
 * output_commit() would: 0, -1 (a write error: the caller exits 2), or 1 if
 * the target is one of the inputs (refused with a message: that file
 * fails, the run goes on).  output_discard() drops a prepared file.
 */
struct output_temp;
int output_prepare(struct output *o, const char *relpath, struct output_temp **t);
int output_adopt(struct output *o, struct output_temp *t, output_done_fn done, void *arg);
void output_discard(struct output_temp *t);

/* Drop the file begun last (an error while producing it): the temp file goes. */
void output_abort(struct output *o);

/*
 * fn(arg) runs before each batch is synced and renamed (dcm-strip flushes its
 * crosswalk there, so no output appears before the rows that link it).
 * A non-zero return makes the flush fail.
 */
void output_set_preflush(struct output *o, int (*fn)(void *), void *arg);

/* Flush the queued files now (sync, rename, callbacks). Returns 0 or -1. */
int output_flush(struct output *o);

/* Flush, finish the archive, free.  Returns 0 or -1 after weprintf(). */
int output_close(struct output *o);

#endif
