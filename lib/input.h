/*
 * input.h: the inputs of every tool, one file at a time.
 *
 * Operands are files, directories (walked recursively, in sorted order) or
 * archives (zip, tar, tar.gz/bz2/xz, 7z: detected by content), whose regular
 * members are read into memory one at a time, never unpacked to disk.
 * No operand, or "-", reads a manifest from stdin: field 1 of each record is
 * a path (file, directory or archive); the rest of the line is kept so that a
 * tool can pass the record through unchanged.  With nul, stdin lines end in NUL.
 *
 * Ownership: everything in struct input_file belongs to the reader and is valid
 * until the next input_next() or input_close().
 */
#ifndef DCMSCRUB_INPUT_H
#define DCMSCRUB_INPUT_H

#include <stddef.h>
#include <sys/types.h>

struct input;

struct input_file {
	const char *name;	/* for messages and the crosswalk: "dir/a.dcm", "x.zip:dir/a.dcm" */
	const char *path;	/* the file on disk, or NULL for an archive member */
	const void *data;	/* an archive member's bytes (path == NULL), else NULL */
	size_t len;		/* length of data */
	const char *record;	/* the manifest line it came from (without terminator), or NULL */
	dev_t dev;		/* of the file on disk (0 for a member) */
	ino_t ino;
};

struct input_limits {
	unsigned long long max_member;	/* bytes of one archive member; 0 = default (4 GiB) */
	unsigned long long max_total;	/* expanded bytes of one archive; 0 = default (1 TiB) */
	double max_ratio;		/* expanded/compressed of one archive; 0 = default (1000) */
};

/*
 * argv/argc are the operands (argc may be 0).  limits may be NULL.
 * Never fails: errors come from input_next().
 */
struct input *input_open(int argc, char **argv, int nul, const struct input_limits *limits);

/*
 * The next file.  Returns 1 and fills *f, 0 at the end, or -1 after
 * reporting (weprintf) an input that cannot be read: a missing file, an
 * unreadable directory entry, a refused archive member (link, device,
 * over the limits) or a corrupt archive.  After -1 the caller counts a
 * failure and calls input_next() again.
 */
int input_next(struct input *in, struct input_file *f);

/* Number of inputs that failed so far (the -1 returns). */
unsigned long input_failures(const struct input *in);

/*
 * Every (dev, ino) of the files on disk seen so far, so that a writer can
 * refuse to replace an input.  Returns 1 if (dev, ino) was an input.
 */
int input_was_seen(const struct input *in, dev_t dev, ino_t ino);

void input_close(struct input *in);

#endif
