/*
 * input.c: operands, directory trees, archives and manifests on stdin, one file
 * at a time.  A plain file is only opened to look at its first bytes (is it an
 * archive?); the tool opens it again itself.  Archive members are read whole
 * into one reused buffer, so memory is bounded by the largest member allowed.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "input.h"
#include "manifest.h"
#include "util.h"

#define DEF_MAX_MEMBER	(4ULL << 30)
#define DEF_MAX_TOTAL	(1ULL << 40)
#define DEF_MAX_RATIO	1000.0
/* Below this many expanded bytes the ratio is not checked: a tiny archive of
 * a blank image is not a bomb. */
#define RATIO_FLOOR	(1ULL << 20)
#define CHUNK		(64 * 1024)

enum { SRC_NONE, SRC_FILE, SRC_ARCHIVE, SRC_PUSHED };
enum magic { M_NONE, M_ZIP, M_7Z, M_TAR, M_FILTERED };

struct seen {
	dev_t dev;
	ino_t ino;
	int used;
};

struct input {
	int argc;
	char **argv;
	int argi;
	int nul;
	int stdin_done;		/* the implicit manifest of no operand was read */
	int reading_stdin;
	unsigned long long max_member, max_total;
	double max_ratio;
	unsigned long failures;

	/* manifest on stdin: the line (split in place) and its pristine copy */
	char *line;
	size_t linecap;
	char *rec;
	size_t reccap;
	unsigned long lineno;
	const char *cur_record;

	FTS *fts;

	struct archive *ar;
	int arfd;
	char *arname;
	unsigned long long arsize, artotal;
	unsigned char *buf;
	size_t bufcap;
	char *membername;

	struct seen *set;
	size_t setcap, setlen;

	/*
	 * libarchive converts member names to the locale's charset (and gives
	 * up on a name it cannot convert); reading in C.UTF-8 makes a name
	 * the same UTF-8 bytes whatever the user's locale.
	 */
	locale_t utf8;
};

static int next_line(struct input *in, const char **pathp);
static int do_path(struct input *in, const char *path, struct input_file *f);
static int do_tree(struct input *in, struct input_file *f);
static int do_regular(struct input *in, const char *path, const struct stat *lst,
    struct input_file *f);
static enum magic sniff(const unsigned char *b, size_t n);
static int open_archive(struct input *in, int fd, const char *name, enum magic m,
    const struct stat *st);
static int do_member(struct input *in, struct input_file *f);
static int next_member(struct input *in, struct input_file *f);
static void close_archive(struct input *in);
static void remember(struct input *in, dev_t dev, ino_t ino);
static size_t hash(dev_t dev, ino_t ino, size_t cap);
static int byname(const FTSENT **a, const FTSENT **b);

/*
 * A limit from the environment: DCMSCRUB_MAX_MEMBER and DCMSCRUB_MAX_TOTAL
 * in bytes with an optional K, M, G or T (powers of 1024), DCMSCRUB_MAX_RATIO
 * a number; unset or empty: dflt.  A value that is not one is fatal (exit 2).
 */
static double
env_limit(const char *name, double dflt, int bytes)
{
	const char *s = getenv(name);
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return dflt;
	errno = 0;
	v = strtod(s, &end);
	if (bytes && end != s && *end != '\0' && end[1] == '\0') {
		const char *u = strchr("KMGT", toupper((unsigned char)*end));

		if (u != NULL) {
			v *= pow(1024, (double)(u - "KMGT" + 1));
			end++;
		}
	}
	if (end == s || *end != '\0' || errno != 0 || !(v > 0) || !isfinite(v) || (bytes && v < 1))
		eprintf("%s=%s: not a %s", name, s, bytes ? "size in bytes (K, M, G, T allowed)" :
		    "positive number");
	return v;
}

struct input *
input_open(int argc, char **argv, int nul, const struct input_limits *limits)
{
	struct input *in;

	in = ecalloc(1, sizeof(*in));
	in->argc = argc;
	in->argv = argv;
	in->nul = nul;
	in->arfd = -1;
	in->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	in->max_member = (unsigned long long)fmin(env_limit("DCMSCRUB_MAX_MEMBER", (double)DEF_MAX_MEMBER, 1), 1e19);
	in->max_total = (unsigned long long)fmin(env_limit("DCMSCRUB_MAX_TOTAL", (double)DEF_MAX_TOTAL, 1), 1e19);
	in->max_ratio = env_limit("DCMSCRUB_MAX_RATIO", DEF_MAX_RATIO, 0);
	if (limits != NULL) {
		if (limits->max_member != 0)
			in->max_member = limits->max_member;
		if (limits->max_total != 0)
			in->max_total = limits->max_total;
		if (limits->max_ratio > 0)
			in->max_ratio = limits->max_ratio;
	}
	/* Members are held in a size_t buffer. */
	if (in->max_member > SIZE_MAX - 1)
		in->max_member = SIZE_MAX - 1;
	return in;
}

int
input_next(struct input *in, struct input_file *f)
{
	const char *path;
	int r;

	for (;;) {
		memset(f, 0, sizeof(*f));
		if (in->ar != NULL) {
			r = do_member(in, f);
			if (r == 0)
				continue;
		} else if (in->fts != NULL) {
			r = do_tree(in, f);
			if (r == 0 || r == 2)
				continue;
		} else if (in->reading_stdin) {
			r = next_line(in, &path);
			if (r == 0) {
				in->reading_stdin = 0;
				in->cur_record = NULL;
				continue;
			}
			if (r == 1) {
				r = do_path(in, path, f);
				if (r == 2)
					continue;
			}
		} else if (in->argi < in->argc) {
			path = in->argv[in->argi++];
			if (strcmp(path, "-") == 0) {
				in->reading_stdin = 1;
				continue;
			}
			r = do_path(in, path, f);
			if (r == 2)
				continue;
		} else if (in->argc == 0 && !in->stdin_done) {
			in->stdin_done = 1;
			in->reading_stdin = 1;
			continue;
		} else {
			return 0;
		}
		if (r == -1) {
			in->failures++;
			return -1;
		}
		f->record = in->cur_record;
		return 1;
	}
}

unsigned long
input_failures(const struct input *in)
{
	return in->failures;
}

int
input_was_seen(const struct input *in, dev_t dev, ino_t ino)
{
	size_t i;

	if (in == NULL || in->setlen == 0)
		return 0;
	for (i = hash(dev, ino, in->setcap); in->set[i].used; i = (i + 1) & (in->setcap - 1))
		if (in->set[i].dev == dev && in->set[i].ino == ino)
			return 1;
	return 0;
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	close_archive(in);
	if (in->fts != NULL)
		fts_close(in->fts);
	free(in->line);
	free(in->rec);
	free(in->buf);
	free(in->set);
	if (in->utf8 != (locale_t)0)
		freelocale(in->utf8);
	free(in);
}

/*
 * The next record of the manifest on stdin: 1 with *pathp set, 0 at the end,
 * -1 after a message.  Only the current line is held.
 */
static int
next_line(struct input *in, const char **pathp)
{
	struct record r;
	ssize_t n;
	size_t len;

	for (;;) {
		errno = 0;
		n = getdelim(&in->line, &in->linecap, in->nul ? '\0' : '\n', stdin);
		if (n == -1) {
			if (ferror(stdin)) {
				weprintf("stdin:");
				clearerr(stdin);
				in->reading_stdin = 0;
				in->cur_record = NULL;
				return -1;
			}
			return 0;
		}
		in->lineno++;
		len = (size_t)n;
		if (len > 0 && in->line[len - 1] == (in->nul ? '\0' : '\n'))
			in->line[--len] = '\0';
		if (len + 1 > in->reccap) {
			in->reccap = len + 1;
			in->rec = erealloc(in->rec, in->reccap);
		}
		memcpy(in->rec, in->line, len + 1);
		if (manifest_parse(in->line, &r) == -1)
			continue;
		in->cur_record = in->rec;
		if (r.field[MF_PATH] == NULL) {
			weprintf("stdin: record %lu: empty path", in->lineno);
			return -1;
		}
		*pathp = r.field[MF_PATH];
		return 1;
	}
}

/*
 * An operand or a manifest path: 1 with *f filled, 2 when a tree or an archive
 * was opened (the caller loops), -1 after a message.
 */
static int
do_path(struct input *in, const char *path, struct input_file *f)
{
	struct stat st;
	char *roots[2];
	size_t n;

	if (stat(path, &st) == -1) {
		weprintf("%s:", path);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		/* "dir//" would make names "dir//a.dcm" */
		roots[0] = estrdup(path);
		for (n = strlen(roots[0]); n > 1 && roots[0][n - 1] == '/' && roots[0][n - 2] == '/'; n--)
			roots[0][n - 1] = '\0';
		roots[1] = NULL;
		in->fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, byname);
		free(roots[0]);
		if (in->fts == NULL) {
			weprintf("%s:", path);
			return -1;
		}
		return 2;
	}
	return do_regular(in, path, &st, f);
}

static int
byname(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* The next entry of the tree: 1, 2 (an archive was opened), 0 at its end, -1. */
static int
do_tree(struct input *in, struct input_file *f)
{
	FTSENT *e;
	struct stat st;

	for (;;) {
		errno = 0;
		e = fts_read(in->fts);
		if (e == NULL) {
			if (errno != 0)
				weprintf("fts_read:");
			fts_close(in->fts);
			in->fts = NULL;
			return errno != 0 ? -1 : 0;
		}
		switch (e->fts_info) {
		case FTS_D:
		case FTS_DP:
		case FTS_DOT:
			continue;
		case FTS_DC:
			weprintf("%s: directory cycle", e->fts_path);
			return -1;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			errno = e->fts_errno;
			weprintf("%s:", e->fts_path);
			return -1;
		case FTS_SL:
		case FTS_SLNONE:
			/* A link to a file is read; a link to a directory is not
			 * followed, so the walk cannot loop or leave the tree. */
			if (stat(e->fts_accpath, &st) == -1) {
				weprintf("%s:", e->fts_path);
				return -1;
			}
			if (S_ISREG(st.st_mode))
				return do_regular(in, e->fts_path, &st, f);
			wnote("%s: symbolic link to a non-file not followed", e->fts_path);
			continue;
		case FTS_F:
			return do_regular(in, e->fts_path, e->fts_statp, f);
		default:
			weprintf("%s: not a regular file", e->fts_path);
			return -1;
		}
	}
}

/*
 * A file given by name.  Opened without blocking (a FIFO swapped in after the
 * stat must not hang us) and checked again on the descriptor.
 */
static int
do_regular(struct input *in, const char *path, const struct stat *lst,
    struct input_file *f)
{
	unsigned char b[512];
	struct stat st;
	ssize_t n;
	enum magic m;
	int fd;

	if (!S_ISREG(lst->st_mode)) {
		weprintf("%s: not a regular file", path);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1) {
		weprintf("%s:", path);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		weprintf("%s:", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		weprintf("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	remember(in, st.st_dev, st.st_ino);
	do
		n = pread(fd, b, sizeof(b), 0);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		weprintf("%s:", path);
		close(fd);
		return -1;
	}
	m = sniff(b, (size_t)n);
	if (m != M_NONE)
		return open_archive(in, fd, path, m, &st);
	close(fd);
	f->name = path;
	f->path = path;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	return 1;
}

static enum magic
sniff(const unsigned char *b, size_t n)
{
	/* The DICOM preamble is free-form: "DICM" settles it whatever precedes. */
	if (n >= 132 && memcmp(b + 128, "DICM", 4) == 0)
		return M_NONE;
	if (n >= 4 && (memcmp(b, "PK\3\4", 4) == 0 || memcmp(b, "PK\5\6", 4) == 0))
		return M_ZIP;
	if (n >= 6 && memcmp(b, "7z\xbc\xaf\x27\x1c", 6) == 0)
		return M_7Z;
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return M_FILTERED;
	if (n >= 3 && memcmp(b, "BZh", 3) == 0)
		return M_FILTERED;
	if (n >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
		return M_FILTERED;
	if (n >= 262 && memcmp(b + 257, "ustar", 5) == 0)
		return M_TAR;
	return M_NONE;
}

/* Takes fd.  Returns 2 (members follow) or -1. */
static int
open_archive(struct input *in, int fd, const char *name, enum magic m,
    const struct stat *st)
{
	locale_t old = (locale_t)0;
	struct archive *a;
	int r;

	if (lseek(fd, 0, SEEK_SET) == -1) {
		weprintf("%s:", name);
		close(fd);
		return -1;
	}
	if (in->utf8 != (locale_t)0)
		old = uselocale(in->utf8);
	a = archive_read_new();
	if (a == NULL)
		eprintf("archive_read_new: out of memory");
	switch (m) {
	case M_ZIP:
		archive_read_support_format_zip(a);
		break;
	case M_7Z:
		archive_read_support_format_7zip(a);
		break;
	case M_TAR:
		archive_read_support_format_tar(a);
		break;
	default:
		archive_read_support_filter_gzip(a);
		archive_read_support_filter_bzip2(a);
		archive_read_support_filter_xz(a);
		archive_read_support_format_tar(a);
		/* a compressed single file (x.dcm.gz) is one member, "data" */
		archive_read_support_format_raw(a);
		break;
	}
	r = archive_read_open_fd(a, fd, CHUNK);
	if (in->utf8 != (locale_t)0)
		uselocale(old);
	if (r != ARCHIVE_OK) {
		weprintf("%s: %s", name, archive_error_string(a));
		archive_read_free(a);
		close(fd);
		return -1;
	}
	in->ar = a;
	in->arfd = fd;
	in->arname = estrdup(name);
	in->arsize = st->st_size > 0 ? (unsigned long long)st->st_size : 1;
	in->artotal = 0;
	return 2;
}

static void
close_archive(struct input *in)
{
	if (in->ar == NULL)
		return;
	archive_read_free(in->ar);
	close(in->arfd);
	in->ar = NULL;
	in->arfd = -1;
	free(in->arname);
	in->arname = NULL;
	free(in->membername);
	in->membername = NULL;
}

static int
do_member(struct input *in, struct input_file *f)
{
	locale_t old = (locale_t)0;
	int r;

	if (in->utf8 != (locale_t)0)
		old = uselocale(in->utf8);
	r = next_member(in, f);
	if (in->utf8 != (locale_t)0)
		uselocale(old);
	return r;
}

/* The next member: 1, 0 at the end of the archive, -1 (refused or broken). */
static int
next_member(struct input *in, struct input_file *f)
{
	struct archive_entry *e;
	const char *mname, *why;
	size_t len, cap;
	la_ssize_t n;
	int r;

	for (;;) {
		r = archive_read_next_header(in->ar, &e);
		if (r == ARCHIVE_EOF) {
			close_archive(in);
			return 0;
		}
		if (r == ARCHIVE_RETRY)
			continue;
		if (r < ARCHIVE_WARN) {
			weprintf("%s: %s", in->arname, archive_error_string(in->ar));
			close_archive(in);
			return -1;
		}
		mname = archive_entry_pathname(e);
		if (mname == NULL)
			mname = archive_entry_pathname_utf8(e);
		if (mname == NULL)
			mname = "?";
		free(in->membername);
		in->membername = esprintf("%s:%s", in->arname, mname);

		why = NULL;
		switch (archive_entry_filetype(e)) {
		case AE_IFDIR:
			continue;
		case AE_IFREG:
			if (archive_entry_hardlink(e) != NULL)
				why = "hard link member refused";
			break;
		case AE_IFLNK:
			why = "symbolic link member refused";
			break;
		case AE_IFCHR:
		case AE_IFBLK:
			why = "device member refused";
			break;
		case AE_IFIFO:
			why = "fifo member refused";
			break;
		case AE_IFSOCK:
			why = "socket member refused";
			break;
		default:
			/* A hard link in a tar has no type of its own. */
			if (archive_entry_hardlink(e) != NULL)
				why = "hard link member refused";
			else if (archive_entry_filetype(e) != 0)
				why = "member of unknown type refused";
			break;
		}
		if (why == NULL && archive_entry_is_encrypted(e))
			why = "encrypted member refused";
		if (why != NULL) {
			weprintf("%s: %s", in->membername, why);
			return -1;
		}
		break;
	}

	if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
	    (unsigned long long)archive_entry_size(e) > in->max_member) {
		weprintf("%s: member larger than the limit of %llu bytes", in->membername,
		    in->max_member);
		close_archive(in);
		return -1;
	}
	len = 0;
	for (;;) {
		if (in->bufcap - len < CHUNK) {
			cap = in->bufcap < CHUNK ? 4 * CHUNK : in->bufcap * 2;
			in->buf = erealloc(in->buf, cap);
			in->bufcap = cap;
		}
		n = archive_read_data(in->ar, in->buf + len, CHUNK);
		if (n == 0)
			break;
		if (n < 0) {
			if (n == ARCHIVE_WARN || n == ARCHIVE_RETRY)
				continue;
			weprintf("%s: %s", in->membername, archive_error_string(in->ar));
			close_archive(in);
			return -1;
		}
		len += (size_t)n;
		in->artotal += (unsigned long long)n;
		why = NULL;
		if (len > in->max_member)
			why = "member larger than the limit";
		else if (in->artotal > in->max_total)
			why = "archive expands beyond the limit";
		else if (in->artotal > RATIO_FLOOR &&
		    (double)in->artotal / (double)in->arsize > in->max_ratio)
			why = "archive expands beyond the ratio limit (a zip bomb?)";
		if (why != NULL) {
			weprintf("%s: %s; rest of the archive skipped", in->membername, why);
			close_archive(in);
			return -1;
		}
	}
	if (in->buf == NULL) {
		in->buf = emalloc(4 * CHUNK);
		in->bufcap = 4 * CHUNK;
	}
	f->name = in->membername;
	f->path = NULL;
	f->data = in->buf;
	f->len = len;
	f->dev = 0;
	f->ino = 0;
	return 1;
}

static size_t
hash(dev_t dev, ino_t ino, size_t cap)
{
	uint64_t h;

	h = (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^ (uint64_t)dev * 0xc2b2ae3d27d4eb4fULL;
	h ^= h >> 29;
	return (size_t)h & (cap - 1);
}

static void
remember(struct input *in, dev_t dev, ino_t ino)
{
	struct seen *old;
	size_t i, oldcap;

	if (input_was_seen(in, dev, ino))
		return;
	if ((in->setlen + 1) * 2 > in->setcap) {
		old = in->set;
		oldcap = in->setcap;
		in->setcap = oldcap ? oldcap * 2 : 1024;
		in->set = ecalloc(in->setcap, sizeof(*in->set));
		in->setlen = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].used)
				remember(in, old[i].dev, old[i].ino);
		free(old);
	}
	for (i = hash(dev, ino, in->setcap); in->set[i].used; i = (i + 1) & (in->setcap - 1))
		;
	in->set[i].dev = dev;
	in->set[i].ino = ino;
	in->set[i].used = 1;
	in->setlen++;
}
