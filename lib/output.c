/*
 * output.c: atomic outputs, synced in batches.
 *
 * Directory: each file is written to ".dcmscrub.<host>.<pid>.XXXXXX" beside
 * its target; a batch is synced with one syncfs() and only then renamed, so a
 * crash leaves complete files or recognisable temp files, never a torn file.
 * Archive: one temp archive beside NAME, renamed at output_close().  A member
 * is first written by the caller to an unlinked temp file, then copied in.
 * A tool that ends with exit() before output_close() (a write error, a closed
 * stdout) leaves none of its temp files: an exit handler removes them.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>

#include <archive.h>
#include <archive_entry.h>

#include "input.h"
#include "output.h"
#include "util.h"

#define BATCH_FILES	64
#define BATCH_BYTES	(64ULL << 20)
#define CHUNK		(64 * 1024)
/* Members carry a fixed time so that the same inputs give the same archive. */
#define MEMBER_MTIME	315532800	/* 1980-01-01T00:00:00Z, the first DOS date */

enum { AR_NONE, AR_ZIP, AR_TAR, AR_TGZ };

struct pending {
	char *tmp;
	char *final;
	int fd;
	output_done_fn done;
	void *arg;
};

/* A file prepared by output_prepare(), perhaps in another thread. */
struct output_temp {
	int fd;
	char *tmp;
	char *final;
};

struct done {
	output_done_fn done;
	void *arg;
};

/* An archive member waiting in the spool for output_close(). */
struct member {
	char *rel;
	off_t off, size;
};

struct output {
	char *name;
	char *root;		/* name without trailing slashes */
	const struct input *inputs;
	int kind;
	char *prefix;		/* ".dcmscrub.<host>.<pid>." */
	char *hostprefix;	/* ".dcmscrub.<host>." */
	mode_t filemode;
	mode_t dirmode;
	int made_root;		/* output_open() made the directory */
	int failed;

	/* the file begun last */
	int cur_fd;
	char *cur_tmp;
	char *cur_final;
	char *cur_rel;

	/* directory: the batch */
	struct pending *q;
	size_t nq;
	unsigned long long qbytes;
	int (*preflush)(void *);
	void *preflush_arg;
	int renamed;		/* renames not yet synced */
	int nosync;		/* output_set_nosync() */

	/* directories already cleaned of leftovers: a small open hash set */
	char **dirs;
	size_t ndirs, dircap;
	pthread_mutex_t dirs_mu;	/* output_prepare() runs in several threads */

	/* archive */
	struct archive *aw;
	int afd;
	char *atmp;
	struct done *dones;
	size_t ndones, donecap;
	int spool;		/* members' bytes, unlinked, written sorted at close */
	off_t spool_start;	/* where the member begun last starts */
	struct member *members;
	size_t nmembers, capmembers;
	locale_t utf8;

	struct output *next_live;	/* the outputs not yet closed */
};

/*
 * The outputs not yet closed, for the exit handler: the only state of this
 * file outside a struct output, because exit() may come from anywhere.
 * Temp files are made under temps_rw held for reading; the handler takes it
 * for writing and keeps it, so no thread makes one after it has looked.
 */
static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t temps_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_once_t live_once = PTHREAD_ONCE_INIT;
static struct output *live;

static int archive_kind(const char *name);
static int check_relpath(const char *rel);
static int mkdirs(char *path, mode_t mode);
static char *dir_of(const char *path);
static int make_temp(struct output *o, const char *dir, char **tmpp);
static int make_temp_fd(struct output *o, const char *dir, char **tmpp);
static int prepare(struct output *o, const char *relpath, struct output_temp **tp);
static void clean_dir(struct output *o, const char *dir);
static int is_input(const struct output *o, const char *path);
static void drop_pending(struct output *o);
static int sync_batch(struct output *o);
static int open_archive_out(struct output *o);
static int add_member(struct output *o, const struct member *m);
static int cmp_member(const void *a, const void *b);
static void fail_archive(struct output *o);
static size_t strhash(const char *s);
static void free_output(struct output *o);
static void live_init(void);
static void remove_temps(void);
static void remove_own(const struct output *o, const char *dir);

static int
archive_kind(const char *name)
{
	size_t n = strlen(name);

	if (n > 4 && strcasecmp(name + n - 4, ".zip") == 0)
		return AR_ZIP;
	if (n > 4 && strcasecmp(name + n - 4, ".tar") == 0)
		return AR_TAR;
	if (n > 7 && strcasecmp(name + n - 7, ".tar.gz") == 0)
		return AR_TGZ;
	if (n > 4 && strcasecmp(name + n - 4, ".tgz") == 0)
		return AR_TGZ;
	return AR_NONE;
}

struct output *
output_open(const char *name, const struct input *inputs)
{
	struct output *o;
	char host[256], *p, *probe;
	size_t n;
	mode_t mask;

	if (name == NULL || *name == '\0') {
		weprintf("empty output name");
		return NULL;
	}
	if (strcmp(name, "-") == 0) {
		weprintf("-: output to stdout is not supported; name a directory or an archive");
		return NULL;
	}
	o = ecalloc(1, sizeof(*o));
	o->name = estrdup(name);
	o->root = estrdup(name);
	for (n = strlen(o->root); n > 1 && o->root[n - 1] == '/'; n--)
		o->root[n - 1] = '\0';
	o->inputs = inputs;
	o->kind = archive_kind(o->name);	/* "x.zip/" is a directory */
	o->cur_fd = -1;
	o->afd = -1;
	o->spool = -1;
	pthread_mutex_init(&o->dirs_mu, NULL);

	if (gethostname(host, sizeof(host)) == -1)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	host[64] = '\0';
	/* The host is part of a file name: keep it to harmless bytes. */
	for (p = host; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && *p != '_')
			*p = '_';
	if (host[0] == '\0')
		strcpy(host, "localhost");
	o->hostprefix = esprintf(".dcmscrub.%s.", host);
	o->prefix = esprintf("%s%ld.", o->hostprefix, (long)getpid());
	mask = umask(0);
	umask(mask);
	o->filemode = 0644 & ~mask;
	o->dirmode = 0755;
	pthread_once(&live_once, live_init);
	pthread_mutex_lock(&live_mu);
	o->next_live = live;
	live = o;
	pthread_mutex_unlock(&live_mu);

	if (o->kind != AR_NONE) {
		if (open_archive_out(o) == -1)
			goto bad;
		return o;
	}
	o->made_root = access(o->root, F_OK) == -1;
	if (mkdirs(o->root, 0755) == -1) {
		weprintf("%s:", o->root);
		goto bad;
	}
	/* Fail now, not after the first input has been processed. */
	if (make_temp(o, o->root, &probe) == -1)
		goto bad;
	close(o->cur_fd);
	o->cur_fd = -1;
	unlink(probe);
	free(probe);
	return o;
bad:
	free_output(o);
	return NULL;
}

int
output_is_archive(const struct output *o)
{
	return o->kind != AR_NONE;
}

const char *
output_name(const struct output *o)
{
	return o->name;
}

/*
 * Relative, no "..", none of our temp names (a re-run would remove it), no
 * control characters, no component too long to be renamed into place, and
 * naming a file (not ending in '/' or ".").
 */
static int
check_relpath(const char *rel)
{
	const char *p, *c;
	size_t n;

	if (*rel == '\0' || *rel == '/')
		return -1;
	for (p = rel; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return -1;
	for (c = rel; ; c = p + 1) {
		p = strchr(c, '/');
		n = p != NULL ? (size_t)(p - c) : strlen(c);
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return -1;
		if (n >= 10 && strncmp(c, ".dcmscrub.", 10) == 0)
			return -1;
		if (n > NAME_MAX)
			return -1;
		if (p == NULL) {
			if (n == 0 || (n == 1 && c[0] == '.'))
				return -1;
			break;
		}
	}
	return 0;
}

int
output_begin(struct output *o, const char *relpath)
{
	struct output_temp *t;
	char *final, *dir;

	if (o->cur_fd != -1)
		output_abort(o);
	if (o->failed) {
		weprintf("%s: output failed earlier", o->name);
		return -1;
	}
	if (check_relpath(relpath) == -1) {
		weprintf("%s: refused as an output path (absolute, \"..\", control "
		    "character, reserved or too long a name)", relpath);
		return -1;
	}
	if (o->kind != AR_NONE) {
		/*
		 * Members go to one spool beside the archive and are written in
		 * the order of their names at close, so that the archive does not
		 * depend on the order of the inputs.  Nothing of it survives us.
		 */
		if (o->spool == -1) {
			char *name = NULL;

			dir = dir_of(o->root);
			if (make_temp(o, dir, &name) == -1) {
				free(dir);
				return -1;
			}
			unlink(name);
			free(name);
			free(dir);
			o->spool = o->cur_fd;
			o->cur_fd = -1;
		}
		if ((o->spool_start = lseek(o->spool, 0, SEEK_END)) == -1 ||
		    (o->cur_fd = dup(o->spool)) == -1) {
			weprintf("%s: spool:", o->name);
			return -1;
		}
		o->cur_rel = estrdup(relpath);
		return o->cur_fd;
	}

	/* the inputs are known to this thread only: the check that needs them is here */
	final = esprintf("%s/%s", o->root, relpath);
	if (is_input(o, final)) {
		weprintf("%s: is one of the inputs: not replaced", final);
		free(final);
		return -1;
	}
	free(final);
	if (prepare(o, relpath, &t) == -1)
		return -1;
	o->cur_fd = t->fd;
	o->cur_tmp = t->tmp;
	o->cur_final = t->final;
	free(t);
	return o->cur_fd;
}

int
output_commit(struct output *o, output_done_fn done, void *arg)
{
	struct pending *p;
	struct done *d;
	struct stat st;

	if (o->cur_fd == -1) {
		weprintf("%s: output_commit without output_begin", o->name);
		return -1;
	}
	if (o->kind != AR_NONE) {
		off_t end = lseek(o->cur_fd, 0, SEEK_END);
		struct member *m;

		if (end == -1) {
			weprintf("%s: spool:", o->name);
			output_abort(o);
			fail_archive(o);
			return -1;
		}
		if (o->nmembers == o->capmembers) {
			o->capmembers = o->capmembers ? o->capmembers * 2 : 64;
			o->members = erealloc(o->members, o->capmembers * sizeof(*o->members));
		}
		m = &o->members[o->nmembers++];
		m->rel = o->cur_rel;
		m->off = o->spool_start;
		m->size = end - o->spool_start;
		o->cur_rel = NULL;
		close(o->cur_fd);
		o->cur_fd = -1;
		if (o->ndones == o->donecap) {
			o->donecap = o->donecap ? o->donecap * 2 : 64;
			o->dones = erealloc(o->dones, o->donecap * sizeof(*o->dones));
		}
		d = &o->dones[o->ndones++];
		d->done = done;
		d->arg = arg;
		return 0;
	}

	if (fstat(o->cur_fd, &st) == -1) {
		weprintf("%s:", o->cur_tmp);
		output_abort(o);
		return -1;
	}
	if (o->q == NULL)
		o->q = ecalloc(BATCH_FILES, sizeof(*o->q));
	p = &o->q[o->nq++];
	p->tmp = o->cur_tmp;
	p->final = o->cur_final;
	p->fd = o->cur_fd;
	p->done = done;
	p->arg = arg;
	o->cur_tmp = o->cur_final = NULL;
	o->cur_fd = -1;
	o->qbytes += (unsigned long long)st.st_size;
	if (o->nq >= BATCH_FILES || o->qbytes >= BATCH_BYTES)
		return output_flush(o);
	return 0;
}

void
output_abort(struct output *o)
{
	if (o->cur_fd == -1)
		return;
	close(o->cur_fd);
	o->cur_fd = -1;
	if (o->kind == AR_NONE)
		unlink(o->cur_tmp);
	else if (o->spool != -1 && ftruncate(o->spool, o->spool_start) == -1)
		o->failed = 1;
	free(o->cur_tmp);
	free(o->cur_final);
	free(o->cur_rel);
	o->cur_tmp = o->cur_final = o->cur_rel = NULL;
}

/* The directories and a temp file for a checked relpath: any thread. */
static int
prepare(struct output *o, const char *relpath, struct output_temp **tp)
{
	struct output_temp *t;
	struct stat st;
	char *final, *dir, *tmp = NULL;
	int fd;

	*tp = NULL;
	final = esprintf("%s/%s", o->root, relpath);
	if (lstat(final, &st) == 0 && S_ISDIR(st.st_mode)) {
		weprintf("%s: is a directory", final);
		free(final);
		return -1;
	}
	dir = dir_of(final);
	if (mkdirs(dir, o->dirmode) == -1) {
		weprintf("%s:", dir);
		free(dir);
		free(final);
		return -1;
	}
	fd = make_temp_fd(o, dir, &tmp);
	free(dir);
	if (fd == -1) {
		free(final);
		return -1;
	}
	t = ecalloc(1, sizeof(*t));
	t->fd = fd;
	t->tmp = tmp;
	t->final = final;
	*tp = t;
	return fd;
}

int
output_prepare(struct output *o, const char *relpath, struct output_temp **tp)
{
	*tp = NULL;
	if (o->kind != AR_NONE) {
		weprintf("%s: an archive is written by one thread", o->name);
		return -1;
	}
	if (check_relpath(relpath) == -1) {
		weprintf("%s: refused as an output path (absolute, \"..\", control "
		    "character, reserved or too long a name)", relpath);
		return -1;
	}
	return prepare(o, relpath, tp);
}

int
output_adopt(struct output *o, struct output_temp *t, output_done_fn done, void *arg)
{
	if (is_input(o, t->final)) {
		weprintf("%s: is one of the inputs: not replaced", t->final);
		output_discard(t);
		return 1;
	}
	if (o->cur_fd != -1)
		output_abort(o);
	o->cur_fd = t->fd;
	o->cur_tmp = t->tmp;
	o->cur_final = t->final;
	free(t);
	return output_commit(o, done, arg);
}

void
output_discard(struct output_temp *t)
{
	if (t == NULL)
		return;
	close(t->fd);
	unlink(t->tmp);
	free(t->tmp);
	free(t->final);
	free(t);
}

void
output_set_private(struct output *o)
{
	o->filemode = 0600;
	o->dirmode = 0700;
	/* its entries' names may be originals too */
	if (o->kind == AR_NONE && o->made_root)
		chmod(o->root, 0700);
}

void
output_set_nosync(struct output *o)
{
	o->nosync = 1;
}

void
output_set_preflush(struct output *o, int (*fn)(void *), void *arg)
{
	o->preflush = fn;
	o->preflush_arg = arg;
}

/* Unlink and forget the whole batch (a write error: nothing of it appears). */
static void
drop_pending(struct output *o)
{
	size_t i;

	for (i = 0; i < o->nq; i++) {
		if (o->q[i].fd != -1)
			close(o->q[i].fd);
		unlink(o->q[i].tmp);
		free(o->q[i].tmp);
		free(o->q[i].final);
	}
	o->nq = 0;
	o->qbytes = 0;
}

/* One syncfs for the tree; fsync of each file where syncfs is not available. */
static int
sync_batch(struct output *o)
{
	size_t i;

	if (o->nosync || syncfs(o->q[0].fd) == 0)
		return 0;
	for (i = 0; i < o->nq; i++) {
		if (fsync(o->q[i].fd) == -1) {
			weprintf("%s:", o->q[i].tmp);
			return -1;
		}
	}
	return 0;
}

int
output_flush(struct output *o)
{
	struct pending *p;
	size_t i;
	int rval = 0;

	if (o->kind != AR_NONE || o->nq == 0)
		return o->failed ? -1 : 0;
	if (o->preflush != NULL && o->preflush(o->preflush_arg) != 0) {
		weprintf("%s: flush refused before sync", o->name);
		drop_pending(o);
		return -1;
	}
	if (sync_batch(o) == -1) {
		drop_pending(o);
		return -1;
	}
	for (i = 0; i < o->nq; i++) {
		p = &o->q[i];
		if (close(p->fd) == -1) {
			weprintf("%s:", p->tmp);
			p->fd = -1;
			drop_pending(o);
			return -1;
		}
		p->fd = -1;
	}
	for (i = 0; i < o->nq; i++) {
		p = &o->q[i];
		/* The tree may have changed since output_begin(). */
		if (is_input(o, p->final)) {
			weprintf("%s: is one of the inputs: not replaced", p->final);
			unlink(p->tmp);
			rval = -1;
		} else if (rename(p->tmp, p->final) == -1) {
			weprintf("%s:", p->final);
			unlink(p->tmp);
			rval = -1;
		} else {
			o->renamed = 1;
			if (p->done != NULL)
				p->done(p->arg, p->final);
		}
		free(p->tmp);
		free(p->final);
	}
	o->nq = 0;
	o->qbytes = 0;
	return rval;
}

int
output_close(struct output *o)
{
	size_t i;
	int rval, fd;

	if (o == NULL)
		return 0;
	output_abort(o);
	rval = output_flush(o);
	if (o->kind == AR_NONE) {
		/* Make the last renames durable too. */
		if (o->renamed && !o->nosync && (fd = open(o->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
			if (syncfs(fd) == -1 && fsync(fd) == -1) {
				weprintf("%s:", o->root);
				rval = -1;
			}
			close(fd);
		}
	} else if (!o->failed) {
		if (o->nmembers > 0)
			qsort(o->members, o->nmembers, sizeof(*o->members), cmp_member);
		for (i = 0; i < o->nmembers && !o->failed; i++) {
			/* the same name twice (one instance given twice): one member */
			if (i > 0 && strcmp(o->members[i].rel, o->members[i - 1].rel) == 0)
				continue;
			if (add_member(o, &o->members[i]) == -1)
				fail_archive(o);
		}
		if (o->failed) {
			rval = -1;
		} else if (o->preflush != NULL && o->preflush(o->preflush_arg) != 0) {
			weprintf("%s: flush refused before sync", o->name);
			fail_archive(o);
		} else if (archive_write_close(o->aw) != ARCHIVE_OK) {
			weprintf("%s: %s", o->atmp, archive_error_string(o->aw));
			fail_archive(o);
		} else if (!o->nosync && fsync(o->afd) == -1) {
			weprintf("%s:", o->atmp);
			fail_archive(o);
		} else if (fd = o->afd, o->afd = -1, close(fd) == -1) {
			weprintf("%s:", o->atmp);
			fail_archive(o);
		} else {
			if (is_input(o, o->root)) {
				weprintf("%s: is one of the inputs: not replaced", o->root);
				fail_archive(o);
			} else if (rename(o->atmp, o->root) == -1) {
				weprintf("%s:", o->root);
				fail_archive(o);
			} else {
				char *dir = dir_of(o->root);

				if (!o->nosync && (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
					fsync(fd);
					close(fd);
				}
				free(dir);
				for (i = 0; i < o->ndones; i++)
					if (o->dones[i].done != NULL)
						o->dones[i].done(o->dones[i].arg, NULL);
			}
		}
		if (o->failed)
			rval = -1;
	} else {
		rval = -1;
	}
	free_output(o);
	return rval;
}

static void
free_output(struct output *o)
{
	struct output **pp;
	size_t i;

	pthread_mutex_lock(&live_mu);
	for (pp = &live; *pp != NULL; pp = &(*pp)->next_live)
		if (*pp == o) {
			*pp = o->next_live;
			break;
		}
	pthread_mutex_unlock(&live_mu);

	if (o->aw != NULL)
		archive_write_free(o->aw);
	if (o->utf8 != (locale_t)0)
		freelocale(o->utf8);
	if (o->afd != -1)
		close(o->afd);
	for (i = 0; i < o->dircap; i++)
		free(o->dirs[i]);
	free(o->dirs);
	pthread_mutex_destroy(&o->dirs_mu);
	free(o->dones);
	for (i = 0; i < o->nmembers; i++)
		free(o->members[i].rel);
	free(o->members);
	if (o->spool != -1)
		close(o->spool);
	free(o->q);
	free(o->atmp);
	free(o->name);
	free(o->root);
	free(o->hostprefix);
	free(o->prefix);
	free(o);
}

/* Like mkdir -p (modifies path temporarily). */
static int
mkdirs(char *path, mode_t mode)
{
	struct stat st;
	char *p;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, mode) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, mode) == -1) {
		if (errno != EEXIST)
			return -1;
		if (stat(path, &st) == -1)
			return -1;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	return 0;
}

static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');
	char *d;

	if (s == NULL)
		return estrdup(".");
	if (s == path)
		return estrdup("/");
	d = emalloc((size_t)(s - path) + 1);
	memcpy(d, path, (size_t)(s - path));
	d[s - path] = '\0';
	return d;
}

/* A temp file in dir, its fd returned, name in *tmpp; cleans dir first.  Any thread. */
static int
make_temp_fd(struct output *o, const char *dir, char **tmpp)
{
	char *t;
	int fd;

	clean_dir(o, dir);
	t = esprintf("%s/%sXXXXXX", dir, o->prefix);
	pthread_rwlock_rdlock(&temps_rw);
	fd = mkostemp(t, O_CLOEXEC);
	pthread_rwlock_unlock(&temps_rw);
	if (fd == -1) {
		/* the directory is what the user can do something about */
		weprintf("%s:", dir);
		free(t);
		return -1;
	}
	if (fchmod(fd, o->filemode) == -1) {
		weprintf("%s:", t);
		close(fd);
		unlink(t);
		free(t);
		return -1;
	}
	*tmpp = t;
	return fd;
}

/* The same, open in o->cur_fd. */
static int
make_temp(struct output *o, const char *dir, char **tmpp)
{
	int fd = make_temp_fd(o, dir, tmpp);

	if (fd == -1)
		return -1;
	o->cur_fd = fd;
	return 0;
}

static size_t
strhash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

/*
 * The first time we write into dir, remove the temp files that processes of
 * this host left there and that are dead: a killed run is finished by a re-run.
 */
static void
clean_dir(struct output *o, const char *dir)
{
	struct dirent *de;
	char **old, *end, *path;
	size_t i, oldcap, hp;
	long pid;
	DIR *d;

	pthread_mutex_lock(&o->dirs_mu);
	if (o->dircap != 0) {
		for (i = strhash(dir) & (o->dircap - 1); o->dirs[i] != NULL;
		    i = (i + 1) & (o->dircap - 1))
			if (strcmp(o->dirs[i], dir) == 0) {
				pthread_mutex_unlock(&o->dirs_mu);
				return;
			}
	}
	if ((o->ndirs + 1) * 2 > o->dircap) {
		old = o->dirs;
		oldcap = o->dircap;
		o->dircap = oldcap ? oldcap * 2 : 64;
		o->dirs = ecalloc(o->dircap, sizeof(*o->dirs));
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i] == NULL)
				continue;
			for (j = strhash(old[i]) & (o->dircap - 1); o->dirs[j] != NULL;
			    j = (j + 1) & (o->dircap - 1))
				;
			o->dirs[j] = old[i];
		}
		free(old);
	}
	for (i = strhash(dir) & (o->dircap - 1); o->dirs[i] != NULL; i = (i + 1) & (o->dircap - 1))
		;
	o->dirs[i] = estrdup(dir);
	o->ndirs++;
	pthread_mutex_unlock(&o->dirs_mu);

	if ((d = opendir(dir)) == NULL)
		return;
	hp = strlen(o->hostprefix);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, o->hostprefix, hp) != 0)
			continue;
		errno = 0;
		pid = strtol(de->d_name + hp, &end, 10);
		/* exactly "<pid>.XXXXXX", so that host "a" never takes a temp of host "a.5" */
		if (errno != 0 || end == de->d_name + hp || *end != '.' || strlen(end) != 7 ||
		    strchr(end + 1, '.') != NULL || pid <= 0 || pid > INT_MAX ||
		    pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == -1 && errno == ESRCH) {
			path = esprintf("%s/%s", dir, de->d_name);
			if (unlink(path) == 0)
				wnote("%s: removed a temp file left by process %ld", path, pid);
			free(path);
		}
	}
	closedir(d);
}

static void
live_init(void)
{
	if (atexit(remove_temps) != 0)
		eprintf("atexit: cannot register the removal of temp files");
}

/*
 * At exit(), the temp files of every output not closed go: the archive's,
 * and this process's in each directory written to (the batch not renamed,
 * files being written, files other threads prepared).  Threads still running
 * wait for temps_rw until the process ends.
 */
static void
remove_temps(void)
{
	struct output *o;
	size_t i;

	pthread_rwlock_wrlock(&temps_rw);
	pthread_mutex_lock(&live_mu);
	for (o = live; o != NULL; o = o->next_live) {
		if (o->atmp != NULL)
			unlink(o->atmp);
		pthread_mutex_lock(&o->dirs_mu);
		for (i = 0; i < o->dircap; i++)
			if (o->dirs[i] != NULL)
				remove_own(o, o->dirs[i]);
		pthread_mutex_unlock(&o->dirs_mu);
	}
	pthread_mutex_unlock(&live_mu);
}

/* This process's temp files in dir: ".dcmscrub.<host>.<pid>.XXXXXX". */
static void
remove_own(const struct output *o, const char *dir)
{
	struct dirent *de;
	size_t n = strlen(o->prefix);
	char *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, o->prefix, n) != 0 || strlen(de->d_name) != n + 6)
			continue;
		path = esprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

static int
is_input(const struct output *o, const char *path)
{
	struct stat st;

	if (o->inputs == NULL || stat(path, &st) == -1)
		return 0;
	return input_was_seen(o->inputs, st.st_dev, st.st_ino);
}

static int
open_archive_out(struct output *o)
{
	struct archive *a;
	locale_t oldloc = (locale_t)0;
	char *dir;
	int r;

	dir = dir_of(o->root);
	if (mkdirs(dir, o->dirmode) == -1) {
		weprintf("%s:", dir);
		free(dir);
		return -1;
	}
	if (is_input(o, o->root)) {
		weprintf("%s: is one of the inputs: not replaced", o->root);
		free(dir);
		return -1;
	}
	if (make_temp(o, dir, &o->atmp) == -1) {
		free(dir);
		return -1;
	}
	free(dir);
	o->afd = o->cur_fd;
	o->cur_fd = -1;

	/* See add_member(): the zip writer makes its UTF-8 converter here. */
	o->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (o->utf8 != (locale_t)0)
		oldloc = uselocale(o->utf8);
	if ((a = archive_write_new()) == NULL)
		eprintf("archive_write_new: out of memory");
	o->aw = a;
	switch (o->kind) {
	case AR_ZIP:
		r = archive_write_set_format_zip(a);
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(a, "zip:compression=deflate,zip:hdrcharset=UTF-8");
		if (r == ARCHIVE_OK)
			r = archive_write_set_bytes_in_last_block(a, 1);
		break;
	case AR_TGZ:
		r = archive_write_set_format_pax_restricted(a);
		if (r == ARCHIVE_OK)
			r = archive_write_add_filter_gzip(a);
		/* no time stamp in the gzip header: same inputs, same bytes */
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(a, "gzip:!timestamp");
		if (r == ARCHIVE_OK)
			r = archive_write_set_bytes_in_last_block(a, 1);
		break;
	default:
		r = archive_write_set_format_pax_restricted(a);
		break;
	}
	if (r == ARCHIVE_OK)
		r = archive_write_open_fd(a, o->afd);
	if (o->utf8 != (locale_t)0)
		uselocale(oldloc);
	if (r != ARCHIVE_OK) {
		weprintf("%s: %s", o->root, archive_error_string(a));
		fail_archive(o);
		return -1;
	}
	return 0;
}

/*
 * The temp archive goes; every later call fails.  Its fd stays open until
 * archive_write_free(), which may still write a trailer to it (harmless: the
 * file is unlinked) and frees the writer's state only when it closes it.
 */
static void
fail_archive(struct output *o)
{
	o->failed = 1;
	if (o->atmp != NULL)
		unlink(o->atmp);
}

/*
 * Copy the member's temp file into the archive.  The header must not depend
 * on the machine: names are converted by the writers from the locale's
 * charset, so the thread runs in C.UTF-8 meanwhile (names are UTF-8 bytes,
 * stored as such and flagged UTF-8 in a zip); and the zip writer turns the
 * time into a DOS date with localtime(), so the zone is pinned to UTC.
 */
static int
add_member(struct output *o, const struct member *m)
{
	struct archive_entry *e;
	char buf[CHUNK], *oldtz;
	off_t done;
	locale_t oldloc = (locale_t)0;
	ssize_t n;
	int r;

	if ((e = archive_entry_new()) == NULL)
		eprintf("archive_entry_new: out of memory");
	archive_entry_copy_pathname(e, m->rel);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, m->size);
	archive_entry_set_mtime(e, MEMBER_MTIME, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);

	oldtz = NULL;
	if (o->utf8 != (locale_t)0)
		oldloc = uselocale(o->utf8);
	if (o->kind == AR_ZIP) {
		if (getenv("TZ") != NULL)
			oldtz = estrdup(getenv("TZ"));
		setenv("TZ", "UTC0", 1);
		tzset();
	}
	r = archive_write_header(o->aw, e);
	if (o->kind == AR_ZIP) {
		if (oldtz != NULL)
			setenv("TZ", oldtz, 1);
		else
			unsetenv("TZ");
		tzset();
		free(oldtz);
	}
	if (o->utf8 != (locale_t)0)
		uselocale(oldloc);
	archive_entry_free(e);
	if (r != ARCHIVE_OK) {
		weprintf("%s: member %s: %s", o->name, m->rel, archive_error_string(o->aw));
		return -1;
	}
	for (done = 0; done < m->size; done += n) {
		size_t want = (size_t)(m->size - done) < sizeof(buf) ? (size_t)(m->size - done) : sizeof(buf);

		n = pread(o->spool, buf, want, m->off + done);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			weprintf("%s: member %s: spool:", o->name, m->rel);
			return -1;
		}
		if (archive_write_data(o->aw, buf, (size_t)n) != n) {
			weprintf("%s: member %s: %s", o->name, m->rel,
			    archive_error_string(o->aw));
			return -1;
		}
	}
	if (archive_write_finish_entry(o->aw) != ARCHIVE_OK) {
		weprintf("%s: member %s: %s", o->name, m->rel, archive_error_string(o->aw));
		return -1;
	}
	return 0;
}

static int
cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->rel, ((const struct member *)b)->rel);
}
