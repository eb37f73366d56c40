/* crosswalk.c: rows linking originals to pseudonyms, mode 0600, safe for many writers. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
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
static off_t whole_rows(struct crosswalk *cw, off_t size);
static void repair_dead(const char *dir, const char *host);

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
		repair_dead(target, host);
		cw->path = esprintf("%s/crosswalk.%s.%ld.tsv", target, host, (long)getpid());
		/* the pid is reused only after this process ends; append, do not truncate */
		fd = open(cw->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	} else {
		cw->path = estrdup(target);
		cw->shared = 1;
		fd = open(cw->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
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

/*
 * The files that dead processes of this host left in dir lose a last row cut
 * off by a kill, so that the directory still merges (whole_rows()).
 */
static void
repair_dead(const char *dir, const char *host)
{
	struct crosswalk dead;
	struct dirent *de;
	struct stat st;
	char *prefix, *end;
	size_t n;
	long pid;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	prefix = esprintf("crosswalk.%s.", host);
	n = strlen(prefix);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, n) != 0)
			continue;
		errno = 0;
		pid = strtol(de->d_name + n, &end, 10);
		/* exactly "<pid>.tsv", so that host "a" never takes a file of host "a.5" */
		if (errno != 0 || end == de->d_name + n || strcmp(end, ".tsv") != 0 || pid <= 0 ||
		    pid > INT_MAX || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		memset(&dead, 0, sizeof(dead));
		dead.path = esprintf("%s/%s", dir, de->d_name);
		if ((dead.fd = open(dead.path, O_RDWR | O_CLOEXEC)) >= 0) {
			if (fstat(dead.fd, &st) == 0 && whole_rows(&dead, st.st_size) < 0)
				weprintf("%s:", dead.path);
			close(dead.fd);
		}
		free(dead.path);
	}
	free(prefix);
	closedir(d);
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
	struct stat st;
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
	/*
	 * Whole rows or nothing: a write cut short (a full disk) is cut off
	 * again, and so is the torn last row of a writer killed before us.
	 */
	if (fstat(cw->fd, &st) < 0 || (st.st_size = whole_rows(cw, st.st_size)) < 0) {
		weprintf("%s:", cw->path);
		rval = -1;
	} else if (write_all(cw->fd, cw->buf, cw->len) < 0 || fsync(cw->fd) < 0) {
		weprintf("%s:", cw->path);
		if (ftruncate(cw->fd, st.st_size) < 0)
			weprintf("%s: a part of a row is left at its end:", cw->path);
		rval = -1;
	}
	if (cw->shared) {
		fl.l_type = F_UNLCK;
		fcntl(cw->fd, F_SETLK, &fl);
	}
	cw->len = 0;
	return rval;
}

/*
 * The length of the file without a last row that has no newline (left by a
 * writer killed in the middle of a write: the files it linked were never
 * renamed into place, so a re-run writes that row again).  Under the lock
 * for a shared file; the file of a process is its own.
 */
static off_t
whole_rows(struct crosswalk *cw, off_t size)
{
	char buf[4096];
	off_t end = size;
	ssize_t n, i;

	if (size == 0)
		return 0;
	while (end > 0) {
		off_t from = end > (off_t)sizeof(buf) ? end - (off_t)sizeof(buf) : 0;

		if ((n = pread(cw->fd, buf, (size_t)(end - from), from)) <= 0)
			return -1;
		for (i = n - 1; i >= 0; i--)
			if (buf[i] == '\n')
				break;
		if (i == n - 1 && end == size)
			return size;	/* ends in a newline: nothing torn */
		if (i >= 0) {
			end = from + i + 1;
			break;
		}
		end = from;
	}
	if (ftruncate(cw->fd, end) < 0)
		return -1;
	wnote("%s: removed the last row, cut off by a writer killed while writing it",
	    cw->path);
	return end;
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
