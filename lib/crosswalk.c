/* crosswalk.c: rows linking originals to pseudonyms, mode 0600, safe for many writers. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crosswalk.h"
#include "util.h"

struct crosswalk {
	char *path;
	int fd;
	int shared;		/* a file many processes append to: lock each flush */
	char *buf;		/* queued rows */
	size_t len, cap;
	char **seen;		/* open-addressing set of rows already queued (small kinds) */
	size_t nseen, capseen;
};

static uint64_t hash(const char *s);
static int seen_add(struct crosswalk *cw, const char *row);
static void append_clean(struct crosswalk *cw, const char *s);

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Returns 1 if row is new (and remembers it). */
static int
seen_add(struct crosswalk *cw, const char *row)
{
	size_t i, j;

	if (cw->nseen * 2 >= cw->capseen) {
		size_t ncap = cw->capseen != 0 ? cw->capseen * 2 : 256;
		char **n = ecalloc(ncap, sizeof(*n));

		for (i = 0; i < cw->capseen; i++) {
			if (cw->seen[i] == NULL)
				continue;
			for (j = hash(cw->seen[i]) & (ncap - 1); n[j] != NULL; j = (j + 1) & (ncap - 1))
				;
			n[j] = cw->seen[i];
		}
		free(cw->seen);
		cw->seen = n;
		cw->capseen = ncap;
	}
	for (j = hash(row) & (cw->capseen - 1); cw->seen[j] != NULL; j = (j + 1) & (cw->capseen - 1))
		if (strcmp(cw->seen[j], row) == 0)
			return 0;
	cw->seen[j] = estrdup(row);
	cw->nseen++;
	return 1;
}

struct crosswalk *
crosswalk_open(const char *target)
{
	struct crosswalk *cw;
	struct stat st;
	char host[HOST_NAME_MAX + 1];
	int fd;

	cw = ecalloc(1, sizeof(*cw));
	/* "name/" is a directory, made if it is not there yet */
	if (*target != '\0' && target[strlen(target) - 1] == '/' && mkdir(target, 0700) < 0 &&
	    errno != EEXIST) {
		weprintf("%s:", target);
		free(cw);
		return NULL;
	}
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (gethostname(host, sizeof(host)) < 0)
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		for (char *p = host; *p != '\0'; p++)
			if (*p == '/')
				*p = '_';
		cw->path = esprintf("%s/crosswalk.%s.%ld.tsv", target, host, (long)getpid());
		/* the pid is reused only after this process ends; append, do not truncate */
		fd = open(cw->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	} else {
		cw->path = estrdup(target);
		cw->shared = 1;
		fd = open(cw->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	}
	if (fd < 0) {
		weprintf("%s:", cw->path);
		free(cw->path);
		free(cw);
		return NULL;
	}
	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
		wnote("%s: crosswalk is readable by group or others (chmod 600 it)", cw->path);
	cw->fd = fd;
	return cw;
}

static void
append_clean(struct crosswalk *cw, const char *s)
{
	size_t n = strlen(s);

	if (cw->len + n + 2 > cw->cap) {
		cw->cap = (cw->len + n + 2) * 2;
		cw->buf = erealloc(cw->buf, cw->cap);
	}
	for (; *s != '\0'; s++)
		cw->buf[cw->len++] = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
}

void
crosswalk_add(struct crosswalk *cw, const char *kind, const char *original, const char *pseudonym)
{
	if (cw == NULL)
		return;
	/* per-file kinds are unique already; remember only the ones that repeat */
	if (strcmp(kind, "sop_uid") != 0 && strcmp(kind, "path") != 0) {
		char *row = esprintf("%s\t%s\t%s", kind, original, pseudonym);
		int fresh = seen_add(cw, row);

		free(row);
		if (!fresh)
			return;
	}
	append_clean(cw, kind);
	cw->buf[cw->len++] = '\t';
	append_clean(cw, original);
	cw->buf[cw->len++] = '\t';
	append_clean(cw, pseudonym);
	cw->buf[cw->len++] = '\n';
}

int
crosswalk_flush(struct crosswalk *cw)
{
	struct flock fl;
	int rval = 0;

	if (cw == NULL || cw->len == 0)
		return 0;
	if (cw->shared) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		while (fcntl(cw->fd, F_SETLKW, &fl) < 0) {
			if (errno != EINTR) {
				weprintf("%s: lock:", cw->path);
				return -1;
			}
		}
	}
	if (write_all(cw->fd, cw->buf, cw->len) < 0 || fsync(cw->fd) < 0) {
		weprintf("%s:", cw->path);
		rval = -1;
	}
	if (cw->shared) {
		fl.l_type = F_UNLCK;
		fcntl(cw->fd, F_SETLK, &fl);
	}
	cw->len = 0;
	return rval;
}

int
crosswalk_close(struct crosswalk *cw)
{
	int rval;
	size_t i;

	if (cw == NULL)
		return 0;
	rval = crosswalk_flush(cw);
	if (close(cw->fd) < 0 && rval == 0) {
		weprintf("%s:", cw->path);
		rval = -1;
	}
	for (i = 0; i < cw->capseen; i++)
		free(cw->seen[i]);
	free(cw->seen);
	free(cw->buf);
	free(cw->path);
	free(cw);
	return rval;
}
