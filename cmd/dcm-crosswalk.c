/*
 * dcm-crosswalk: keys, crosswalk merge, lookup, export, leak audit and
 * re-identification.  The crosswalk is the only link from pseudonyms back to
 * patients; its rows are "kind TAB original TAB pseudonym" (dcm-crosswalk(1)).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "dcm.h"
#include "input.h"
#include "layout.h"
#include "manifest.h"
#include "multimatch.h"
#include "output.h"
#include "util.h"

/* How a kind's rows may relate originals and pseudonyms. */
enum { ONE_TO_ONE, ONE_PSEUDONYM, ANY };

static const struct kind {
	const char *name;
	uint32_t len;
	int rule;
} kinds[] = {
	/* in the order lookup tries them */
	{ "patient_id", 10, ONE_TO_ONE },
	{ "study_uid", 9, ONE_TO_ONE },
	{ "series_uid", 10, ONE_TO_ONE },
	{ "sop_uid", 7, ONE_TO_ONE },
	{ "accession", 9, ONE_PSEUDONYM },
	{ "birth_date", 10, ANY },
	{ "patient_name", 12, ANY },
	{ "date_offset", 11, ONE_PSEUDONYM },
	{ "path", 4, ANY },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))
#define K_PATIENT_ID 0
#define K_STUDY 1
#define K_SERIES 2
#define K_SOP 3
#define K_ACCESSION 4
#define K_BIRTH 5
#define K_NAME 6

/* A row: three fields in a loaded buffer, and where it came from. */
struct row {
	char *line;		/* kind NUL orig NUL pseudo NUL: the line with its tabs cut */
	uint32_t len;		/* of the line, tabs included */
	uint32_t olen;		/* of the original */
	uint32_t file;
	uint32_t lineno;
	uint8_t kind;
};
/* 32 bytes: the sort moves them; the fields are found from the lengths */
#define ORIG(r) ((r)->line + kinds[(r)->kind].len + 1)
#define PSEUDO(r) (ORIG(r) + (r)->olen + 1)
#define PLEN(r) ((r)->len - (uint32_t)(PSEUDO(r) - (r)->line))

struct table {
	struct row *rows;
	size_t nrows, caprows;
	char **bufs;		/* the files' bytes, rows point into them */
	size_t nbufs;
	char **files;		/* names, for messages */
	size_t nfiles;
	int bad;		/* a malformed row was reported */
	/* chained hash maps: original -> rows, pseudonym -> rows */
	uint32_t *head_o, *head_p, *next_o, *next_p;
	size_t nbuckets;
};

static NORETURN void usage(void);
static int kind_index(const char *name, size_t len);
static char *read_all(const char *path, size_t *len);
static void load_file(struct table *t, const char *path);
static void load_target(struct table *t, const char *target);
static void table_free(struct table *t);
static void sort_rows(struct row *r, size_t n);
static size_t dedupe(struct row *r, size_t n);
static uint64_t strhash(const char *s);
static void index_table(struct table *t);
static int write_atomic(const char *path, int (*fn)(FILE *, void *), void *arg);
static int lock_dir_of(const char *path);
static const char *crosswalk_target(const char *opt);
static int cmd_keygen(int argc, char *argv[]);
static int cmd_merge(int argc, char *argv[]);
static int cmd_lookup(int argc, char *argv[]);
static int cmd_export(int argc, char *argv[]);
static int cmd_audit(int argc, char *argv[]);
static int cmd_reidentify(int argc, char *argv[]);

static NORETURN void
usage(void)
{
	fprintf(stderr,
	    "usage: dcm-crosswalk keygen [-o keyfile]\n"
	    "       dcm-crosswalk merge [-o file] crosswalk ...\n"
	    "       dcm-crosswalk lookup [-r] [-c crosswalk] [-t kind] [value ...]\n"
	    "       dcm-crosswalk export -f csv|tsv [-c crosswalk] [-o file] [-t kind]\n"
	    "       dcm-crosswalk audit [-0q] crosswalk [input ...]\n"
	    "       dcm-crosswalk reidentify [-0q] [-c crosswalk] [--layout template] -o out\n"
	    "                     [input ...]\n");
	exit(2);
}

static int
kind_index(const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strlen(kinds[k].name) == len && memcmp(kinds[k].name, name, len) == 0)
			return (int)k;
	return -1;
}

static char *
read_all(const char *path, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	ssize_t r;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	cap = (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ? (size_t)st.st_size + 1 : 65536;
	buf = emalloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			buf = erealloc(buf, cap *= 2);
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Rows of one crosswalk file; a malformed row is reported and marks the table bad. */
static void
load_file(struct table *t, const char *path)
{
	char *buf, *p, *end, *nl, *t1, *t2;
	size_t len;
	uint32_t lineno = 0;
	int k;

	if ((buf = read_all(path, &len)) == NULL)
		eprintf("%s:", path);
	t->bufs = erealloc(t->bufs, (t->nbufs + 1) * sizeof(*t->bufs));
	t->bufs[t->nbufs++] = buf;
	t->files = erealloc(t->files, (t->nfiles + 1) * sizeof(*t->files));
	t->files[t->nfiles++] = estrdup(path);
	/* room for every line at once: millions of rows are not copied again and again */
	{
		size_t lines = 1;

		for (p = buf, end = buf + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			lines++;
		if (t->nrows + lines > t->caprows) {
			t->caprows = t->nrows + lines;
			t->rows = erealloc(t->rows, t->caprows * sizeof(*t->rows));
		}
	}
	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		struct row *r;

		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		t1 = strchr(p, '\t');
		t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
		k = t1 != NULL ? kind_index(p, (size_t)(t1 - p)) : -1;
		if (k < 0 || t2 == NULL || t2 == t1 + 1 || t2[1] == '\0' || strchr(t2 + 1, '\t') != NULL) {
			weprintf("%s:%lu: not a crosswalk row (kind TAB original TAB pseudonym, "
			    "kind one of patient_id study_uid series_uid sop_uid accession birth_date "
			    "patient_name date_offset path)", path, (unsigned long)lineno);
			t->bad = 1;
			continue;
		}
		if (t->nrows == t->caprows) {
			t->caprows = t->caprows != 0 ? t->caprows * 2 : 4096;
			t->rows = erealloc(t->rows, t->caprows * sizeof(*t->rows));
		}
		r = &t->rows[t->nrows++];
		*t1 = '\0';
		*t2 = '\0';
		r->line = p;
		r->kind = (uint8_t)k;
		r->olen = (uint32_t)(t2 - t1 - 1);
		r->len = (uint32_t)(t2 + 1 - p + strlen(t2 + 1));
		r->file = (uint32_t)(t->nfiles - 1);
		r->lineno = lineno;
	}
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A crosswalk file, or every *.tsv file of a directory (one per process). */
static void
load_target(struct table *t, const char *target)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, i, l;
	DIR *d;

	if (stat(target, &st) < 0)
		eprintf("%s:", target);
	if (!S_ISDIR(st.st_mode)) {
		load_file(t, target);
		return;
	}
	if ((d = opendir(target)) == NULL)
		eprintf("%s:", target);
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".tsv") == 0 && de->d_name[0] != '.') {
			names = erealloc(names, (n + 1) * sizeof(*names));
			names[n++] = esprintf("%s/%s", target, de->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		load_file(t, names[i]);
		free(names[i]);
	}
	free(names);
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nbufs; i++)
		free(t->bufs[i]);
	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->bufs);
	free(t->files);
	free(t->rows);
	free(t->head_o);
	free(t->head_p);
	free(t->next_o);
	free(t->next_p);
}

/*
 * Multikey quicksort (Bentley and Sedgewick) of the rows' lines: strcmp
 * order, which is sort(1)'s order under LC_ALL=C, and no comparison looks
 * at the common prefix ("sop_uid\t2.25.") more than once.
 */
/* The byte at d of the row's line as written, with its tabs; 0 past its end. */
static inline int
ch(const struct row *r, size_t d)
{
	if (d >= r->len)
		return 0;
	return r->line[d] == '\0' ? '\t' : (unsigned char)r->line[d];
}

static int
cmp_from(const struct row *a, const struct row *b, size_t d)
{
	int x, y;

	for (;; d++) {
		x = ch(a, d);
		y = ch(b, d);
		if (x != y || x == 0)
			return x - y;
	}
}

static void
swap_rows(struct row *a, struct row *b)
{
	struct row t = *a;

	*a = *b;
	*b = t;
}

static void
insertion(struct row *r, size_t n, size_t d)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cmp_from(&r[j - 1], &r[j], d) > 0; j--)
			swap_rows(&r[j - 1], &r[j]);
}

/*
 * The bytes from d on that every row of the set shares: one look at each
 * row, where partitioning on each shared byte would be one pass per byte
 * ("sop_uid\t1.2.826.0.1.3680043." is 28 of them).
 */
static size_t
common_prefix(const struct row *r, size_t n, size_t d)
{
	size_t i, l, lcp = SIZE_MAX;

	for (i = 1; i < n && lcp > d; i++) {
		for (l = d; l < lcp && ch(&r[0], l) == ch(&r[i], l) && ch(&r[0], l) != 0; l++)
			;
		lcp = l;
	}
	return lcp == SIZE_MAX ? d : lcp;
}

static void
mkqs(struct row *r, size_t n, size_t d)
{
	size_t a, b, c, dd, lt, gt, i;
	int v, x;

	if (n > 1024)
		d = common_prefix(r, n, d);
	while (n > 16) {
		/* median of three as the pivot */
		a = 0;
		b = n / 2;
		c = n - 1;
		{
			int va = ch(&r[a], d), vb = ch(&r[b], d), vc = ch(&r[c], d);
			size_t m = (va < vb) ? ((vb < vc) ? b : (va < vc ? c : a)) :
			    ((va < vc) ? a : (vb < vc ? c : b));
			swap_rows(&r[0], &r[m]);
		}
		v = ch(&r[0], d);
		/* three-way partition: [0, lt) < v, [lt, gt] == v, (gt, n) > v */
		lt = 0;
		gt = n - 1;
		i = 0;
		while (i <= gt) {
			x = ch(&r[i], d);
			if (x < v)
				swap_rows(&r[lt++], &r[i++]);
			else if (x > v) {
				swap_rows(&r[i], &r[gt]);
				if (gt == 0)
					break;
				gt--;
			} else
				i++;
		}
		mkqs(r, lt, d);
		mkqs(r + gt + 1, n - gt - 1, d);
		if (v == 0)
			return;	/* the equal ones are whole equal lines */
		dd = d + 1;
		r += lt;
		n = gt - lt + 1;
		d = n > 1024 ? common_prefix(r, n, dd) : dd;
	}
	insertion(r, n, d);
}

struct sort_half {
	struct row *r;
	size_t n;
};

static void *
sort_thread(void *arg)
{
	struct sort_half *h = arg;

	mkqs(h->r, h->n, 0);
	return NULL;
}

/* Large sets: each half in a thread of its own, then one merge of the two. */
static void
sort_rows(struct row *r, size_t n)
{
	struct sort_half h;
	struct row *out;
	pthread_t th;
	size_t i, j, k, half;

	if (n < 2)
		return;
	if (n < 100000 || sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		mkqs(r, n, 0);
		return;
	}
	half = n / 2;
	h.r = r;
	h.n = half;
	if (pthread_create(&th, NULL, sort_thread, &h) != 0) {
		mkqs(r, n, 0);
		return;
	}
	mkqs(r + half, n - half, 0);
	pthread_join(th, NULL);
	out = emalloc(n * sizeof(*out));
	for (i = 0, j = half, k = 0; i < half && j < n;)
		out[k++] = cmp_from(&r[i], &r[j], 0) <= 0 ? r[i++] : r[j++];
	while (i < half)
		out[k++] = r[i++];
	while (j < n)
		out[k++] = r[j++];
	memcpy(r, out, n * sizeof(*r));
	free(out);
}

/* Sorted rows without repeats; returns the new count. */
static size_t
dedupe(struct row *r, size_t n)
{
	size_t i, j;

	if (n == 0)
		return 0;
	for (i = 1, j = 1; i < n; i++)
		if (r[i].len != r[j - 1].len || memcmp(r[i].line, r[j - 1].line, r[i].len) != 0)
			r[j++] = r[i];
	return j;
}

static uint64_t
strhash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ^ (h >> 31);
}

#define NIL UINT32_MAX

static void
index_table(struct table *t)
{
	size_t i, b;

	if (t->nrows >= NIL)
		eprintf("crosswalk: too many rows");
	for (t->nbuckets = 1024; t->nbuckets < t->nrows * 2; t->nbuckets *= 2)
		;
	t->head_o = emalloc(t->nbuckets * sizeof(uint32_t));
	t->head_p = emalloc(t->nbuckets * sizeof(uint32_t));
	memset(t->head_o, 0xff, t->nbuckets * sizeof(uint32_t));
	memset(t->head_p, 0xff, t->nbuckets * sizeof(uint32_t));
	t->next_o = emalloc((t->nrows + 1) * sizeof(uint32_t));
	t->next_p = emalloc((t->nrows + 1) * sizeof(uint32_t));
	for (i = 0; i < t->nrows; i++) {
		b = strhash(ORIG(&t->rows[i])) & (t->nbuckets - 1);
		t->next_o[i] = t->head_o[b];
		t->head_o[b] = (uint32_t)i;
		b = strhash(PSEUDO(&t->rows[i])) & (t->nbuckets - 1);
		t->next_p[i] = t->head_p[b];
		t->head_p[b] = (uint32_t)i;
	}
}

/* The first row (from index i on, NIL to start) whose original (or pseudonym) is value. */
static uint32_t
find_next(const struct table *t, const char *value, int reverse, uint32_t i)
{
	if (i == NIL)
		i = (reverse ? t->head_p : t->head_o)[strhash(value) & (t->nbuckets - 1)];
	else
		i = (reverse ? t->next_p : t->next_o)[i];
	for (; i != NIL; i = (reverse ? t->next_p : t->next_o)[i])
		if (strcmp(reverse ? PSEUDO(&t->rows[i]) : ORIG(&t->rows[i]), value) == 0)
			return i;
	return NIL;
}

static const char *
crosswalk_target(const char *opt)
{
	const char *c = opt != NULL ? opt : getenv("DCMSCRUB_CROSSWALK");

	if (c == NULL || *c == '\0') {
		weprintf("no crosswalk: give -c FILE|DIR or set DCMSCRUB_CROSSWALK");
		usage();
	}
	return c;
}

/*
 * Write a file that holds originals: mode 0600, atomically, as every output
 * is (lib/output.c: a temp file beside it, synced, renamed; the temp file of
 * a killed run removed by the next), so a reader never sees half of it.
 */
static int
write_atomic(const char *path, int (*fn)(FILE *, void *), void *arg)
{
	struct output *o;
	const char *base;
	char *dir;
	FILE *fp;
	int fd, rc;

	/* "dir/" is a directory to output_open(), even one named x.zip */
	if ((base = strrchr(path, '/')) != NULL) {
		dir = esprintf("%.*s/", (int)(base - path), path);
		base++;
	} else {
		dir = estrdup("./");
		base = path;
	}
	o = output_open(dir, NULL);
	free(dir);
	if (o == NULL)
		return -1;
	output_set_private(o);
	if ((fd = output_begin(o, base)) < 0) {
		output_close(o);
		return -1;
	}
	if ((fd = dup(fd)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		weprintf("%s:", path);
		if (fd >= 0)
			close(fd);
		output_abort(o);
		output_close(o);
		return -1;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	rc = fn(fp, arg);
	if (fflush(fp) != 0 || ferror(fp))
		rc = -1;
	if (rc < 0)
		weprintf("%s:", path);
	if (fclose(fp) != 0 && rc == 0) {
		weprintf("%s:", path);
		rc = -1;
	}
	if (rc < 0) {
		output_abort(o);
		output_close(o);
		return -1;
	}
	if (output_commit(o, NULL, NULL) < 0) {
		output_close(o);
		return -1;
	}
	return output_close(o);
}

/*
 * Merges into one directory take turns, from reading their inputs to the
 * rename: "merge -o cw.tsv cw.tsv batch/" run by several processes at once
 * loses no batch.  Returns the locked fd (closing it, or the end of the
 * process, unlocks), or -1 if the directory is not there yet.
 */
static int
lock_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	dir = slash == NULL ? estrdup(".") : slash == path ? estrdup("/") :
	    esprintf("%.*s", (int)(slash - path), path);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		/* not there yet: output_open() makes it, unlocked */
		free(dir);
		return -1;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			wnote("%s: cannot lock (merges into it at the same time may lose rows):", dir);
			break;
		}
	}
	free(dir);
	return fd;
}

/* ---- keygen ---- */

static int
cmd_keygen(int argc, char *argv[])
{
	unsigned char key[32];
	const char *path = "project.key";
	int ch, fd;

	while ((ch = getopt(argc, argv, "o:")) != -1) {
		switch (ch) {
		case 'o':
			path = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 0)
		usage();
	if (sodium_init() < 0)
		eprintf("libsodium: cannot initialise");
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		if (errno == EEXIST)
			eprintf("%s: exists; a key is never overwritten (it would orphan every "
			    "pseudonym made with it)", path);
		eprintf("%s:", path);
	}
	randombytes_buf(key, sizeof(key));
	if (fchmod(fd, 0600) < 0 || write_all(fd, key, sizeof(key)) < 0 || fsync(fd) < 0) {
		sodium_memzero(key, sizeof(key));
		weprintf("%s:", path);
		close(fd);
		unlink(path);
		exit(2);
	}
	sodium_memzero(key, sizeof(key));
	if (close(fd) < 0) {
		weprintf("%s:", path);
		unlink(path);
		exit(2);
	}
	return 0;
}

/* ---- merge ---- */

struct merged {
	struct row *rows;
	size_t n;
};

static int
write_merged(FILE *fp, void *arg)
{
	struct merged *m = arg;
	size_t i;
	char *line = NULL;
	size_t cap = 0;

	if (fputs("#kind\toriginal\tpseudonym\n", fp) == EOF)
		return -1;
	for (i = 0; i < m->n; i++) {
		const struct row *r = &m->rows[i];

		/* the line as it was read: its two cuts become tabs again */
		if (r->len + 1 > cap)
			line = erealloc(line, cap = r->len + 256);
		memcpy(line, r->line, r->len);
		line[kinds[r->kind].len] = '\t';
		line[kinds[r->kind].len + 1 + r->olen] = '\t';
		line[r->len] = '\n';
		if (fwrite(line, 1, r->len + 1, fp) != r->len + 1) {
			free(line);
			return -1;
		}
	}
	free(line);
	return ferror(fp) ? -1 : 0;
}

static void
report_conflict(const struct table *t, const struct row *r, const char *why)
{
	weprintf("%s:%lu: conflict (%s): %s\t%s\t%s", t->files[r->file], (unsigned long)r->lineno,
	    why, kinds[r->kind].name, ORIG(r), PSEUDO(r));
}

static int
cmd_merge(int argc, char *argv[])
{
	struct table t;
	struct merged m;
	const char *out = NULL;
	size_t i, j, nconf = 0;
	int ch, rc, lockfd = -1;

	while ((ch = getopt(argc, argv, "o:")) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	if (out != NULL)
		lockfd = lock_dir_of(out);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < (size_t)argc; i++)
		load_target(&t, argv[i]);
	/*
	 * Before sorting, while the rows are in the order of the files (the
	 * hashes read them in order).  Two originals, one pseudonym: the (kind, pseudonym) hashes, radix
	 * sorted, put equal pseudonyms side by side (a hash table would cost a
	 * cache miss a row).
	 */
	{
		struct hk {
			uint64_t h;
			uint32_t row;
		} *hk, *tmp;
		unsigned char *told;	/* a row already reported */
		size_t nh = 0, pass, *count;

		hk = emalloc((t.nrows + 1) * sizeof(*hk));
		for (i = 0; i < t.nrows; i++) {
			if (kinds[t.rows[i].kind].rule != ONE_TO_ONE)
				continue;
			hk[nh].h = strhash(PSEUDO(&t.rows[i])) * 0x9e3779b97f4a7c15ULL + t.rows[i].kind;
			hk[nh++].row = (uint32_t)i;
		}
		tmp = emalloc((nh + 1) * sizeof(*tmp));
		count = emalloc(2048 * sizeof(*count));
		/* 33 bits of the hash are enough to bring equal ones together */
		for (pass = 0; pass < 3; pass++) {
			size_t sum = 0, c, sh = pass * 11;

			memset(count, 0, 2048 * sizeof(*count));
			for (i = 0; i < nh; i++)
				count[(hk[i].h >> sh) & 0x7ff]++;
			for (c = 0; c < 2048; c++) {
				size_t x = count[c];

				count[c] = sum;
				sum += x;
			}
			for (i = 0; i < nh; i++)
				tmp[count[(hk[i].h >> sh) & 0x7ff]++] = hk[i];
			{
				struct hk *sw = hk;

				hk = tmp;
				tmp = sw;
			}
		}
		free(count);
		free(tmp);
		told = ecalloc(t.nrows + 1, 1);
		for (i = 0; i < nh; i = j) {
			size_t a2, b2;

			for (j = i + 1; j < nh && (hk[j].h & 0x1ffffffffULL) == (hk[i].h & 0x1ffffffffULL); j++)
				;
			for (a2 = i; a2 < j; a2++)
				for (b2 = a2 + 1; b2 < j; b2++) {
					const struct row *x = &t.rows[hk[a2].row], *y = &t.rows[hk[b2].row];

					if (hk[a2].h != hk[b2].h || x->kind != y->kind ||
					    strcmp(PSEUDO(x), PSEUDO(y)) != 0 || strcmp(ORIG(x), ORIG(y)) == 0)
						continue;
					/* a row given twice is one row */
					if (!told[hk[a2].row] && !told[hk[b2].row]) {
						size_t c2;

						for (c2 = i; c2 < a2; c2++)
							if (told[hk[c2].row] &&
							    strcmp(ORIG(&t.rows[hk[c2].row]), ORIG(x)) == 0)
								told[hk[a2].row] = 2;
					}
					if (!told[hk[a2].row]) {
						report_conflict(&t, x, "several originals, one pseudonym");
						told[hk[a2].row] = 1;
						nconf++;
					}
					if (!told[hk[b2].row]) {
						size_t c2;

						for (c2 = i; c2 < j; c2++)
							if (c2 != b2 && told[hk[c2].row] &&
							    strcmp(ORIG(&t.rows[hk[c2].row]), ORIG(y)) == 0)
								told[hk[b2].row] = 2;
					}
					if (!told[hk[b2].row]) {
						report_conflict(&t, y, "several originals, one pseudonym");
						told[hk[b2].row] = 1;
						nconf++;
					}
				}
		}
		free(told);
		free(hk);
	}
	sort_rows(t.rows, t.nrows);
	t.nrows = dedupe(t.rows, t.nrows);

	/* one original, two pseudonyms: neighbours once sorted */
	for (i = 0; i < t.nrows; i = j) {
		for (j = i + 1; j < t.nrows && t.rows[j].kind == t.rows[i].kind &&
		    strcmp(ORIG(&t.rows[j]), ORIG(&t.rows[i])) == 0; j++)
			;
		if (j - i > 1 && kinds[t.rows[i].kind].rule != ANY) {
			size_t k;

			for (k = i; k < j; k++)
				report_conflict(&t, &t.rows[k], "one original, several pseudonyms");
			nconf += j - i;
		}
	}
	if (t.bad || nconf > 0) {
		if (nconf > 0)
			weprintf("%zu conflicting rows%s: nothing written", nconf,
			    t.bad ? ", and malformed rows" : "");
		else
			weprintf("malformed rows: nothing written");
		table_free(&t);
		if (lockfd >= 0)
			close(lockfd);
		return 1;
	}
	m.rows = t.rows;
	m.n = t.nrows;
	if (out != NULL) {
		rc = write_atomic(out, write_merged, &m);
		table_free(&t);
		if (lockfd >= 0)
			close(lockfd);
		return rc < 0 ? 2 : 0;
	}
	rc = write_merged(stdout, &m);
	table_free(&t);
	if (rc < 0) {
		weprintf("stdout:");
		return 2;
	}
	/* the last rows are still in the buffer: a full disk shows at the close */
	return fshut_stdout();
}

/* ---- lookup ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The answer for one value, printed on one line; 0, or 1 if unknown. */
static int
lookup_one(const struct table *t, const char *value, int reverse, int kind)
{
	const char **answers = NULL;
	size_t n = 0, i;
	uint32_t r;
	int best = -1;

	for (r = find_next(t, value, reverse, NIL); r != NIL; r = find_next(t, value, reverse, r)) {
		int k = t->rows[r].kind;

		if (kind >= 0 && k != kind)
			continue;
		if (best < 0 || k < best)
			best = k;
	}
	if (best >= 0) {
		for (r = find_next(t, value, reverse, NIL); r != NIL; r = find_next(t, value, reverse, r)) {
			if (t->rows[r].kind != best)
				continue;
			answers = erealloc(answers, (n + 1) * sizeof(*answers));
			answers[n++] = reverse ? ORIG(&t->rows[r]) : PSEUDO(&t->rows[r]);
		}
		qsort(answers, n, sizeof(*answers), cmp_str);
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(answers[i], answers[i - 1]) == 0)
			continue;
		if (i > 0)
			putchar('\\');
		fputs(answers[i], stdout);
	}
	putchar('\n');
	free(answers);
	if (n == 0) {
		weprintf("%s: not in the crosswalk", value);
		return 1;
	}
	return 0;
}

static int
parse_kind(const char *name, int allow_uid)
{
	int k;

	if (allow_uid && strcmp(name, "uid") == 0)
		return -2;
	if ((k = kind_index(name, strlen(name))) < 0) {
		weprintf("-t %s: not a kind (patient_id patient_name birth_date study_uid series_uid "
		    "sop_uid accession date_offset path%s)", name, allow_uid ? ", or uid" : "");
		usage();
	}
	return k;
}

static int
cmd_lookup(int argc, char *argv[])
{
	struct table t;
	const char *target = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ch, reverse = 0, kind = -1, rval = 0, i;

	while ((ch = getopt(argc, argv, "c:rt:")) != -1) {
		switch (ch) {
		case 'c':
			target = optarg;
			break;
		case 'r':
			reverse = 1;
			break;
		case 't':
			kind = parse_kind(optarg, 0);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	target = crosswalk_target(target);
	memset(&t, 0, sizeof(t));
	load_target(&t, target);
	if (t.bad)
		weprintf("%s: malformed rows left out", target);
	index_table(&t);
	if (argc > 0) {
		for (i = 0; i < argc; i++)
			rval |= lookup_one(&t, argv[i], reverse, kind);
	} else {
		while ((n = getline(&line, &cap, stdin)) > 0) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			rval |= lookup_one(&t, line, reverse, kind);
		}
		free(line);
	}
	table_free(&t);
	if (fshut_stdout() != 0)
		return 2;
	return rval;
}

/* ---- export ---- */

struct export {
	struct table *t;
	int csv;
	int kind;	/* -1 all, -2 the UID kinds */
};

static int
put_field(FILE *fp, const char *s, int csv)
{
	if (!csv || strpbrk(s, ",\"\r\n") == NULL)
		return fputs(s, fp) == EOF ? -1 : 0;
	putc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	return putc('"', fp) == EOF ? -1 : 0;
}

static int
write_export(FILE *fp, void *arg)
{
	struct export *e = arg;
	char sep = e->csv ? ',' : '\t';
	size_t i;

	if (e->kind == -1)
		fprintf(fp, "kind%cid_old%cid_new\n", sep, sep);
	else
		fprintf(fp, "id_old%cid_new\n", sep);
	for (i = 0; i < e->t->nrows; i++) {
		const struct row *r = &e->t->rows[i];

		if (e->kind == -2 && r->kind != K_STUDY && r->kind != K_SERIES && r->kind != K_SOP)
			continue;
		if (e->kind >= 0 && r->kind != e->kind)
			continue;
		if (e->kind == -1) {
			fputs(kinds[r->kind].name, fp);
			putc(sep, fp);
		}
		put_field(fp, ORIG(r), e->csv);
		putc(sep, fp);
		put_field(fp, PSEUDO(r), e->csv);
		if (putc('\n', fp) == EOF)
			return -1;
	}
	return ferror(fp) ? -1 : 0;
}

static int
cmd_export(int argc, char *argv[])
{
	struct table t;
	struct export e;
	const char *target = NULL, *out = NULL, *format = NULL;
	int ch, rc;

	e.kind = -1;
	while ((ch = getopt(argc, argv, "c:f:o:t:")) != -1) {
		switch (ch) {
		case 'c':
			target = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			e.kind = parse_kind(optarg, 1);
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 0 || format == NULL ||
	    (strcmp(format, "csv") != 0 && strcmp(format, "tsv") != 0))
		usage();
	e.csv = strcmp(format, "csv") == 0;
	target = crosswalk_target(target);
	memset(&t, 0, sizeof(t));
	load_target(&t, target);
	if (t.bad)
		weprintf("%s: malformed rows left out", target);
	sort_rows(t.rows, t.nrows);
	t.nrows = dedupe(t.rows, t.nrows);
	e.t = &t;
	if (out != NULL)
		rc = write_atomic(out, write_export, &e) < 0 ? 2 : 0;
	else
		rc = write_export(stdout, &e) < 0 ? 2 : 0;
	table_free(&t);
	if (out == NULL && fshut_stdout() != 0)
		return 2;
	return rc;
}

/* ---- audit ---- */

struct audit {
	const char *name;	/* the input, as printed (masked where it holds an original) */
	const char *tagpath;
	int kindhits[NKINDS];	/* per kind, in the elements */
	char **seen;		/* "tagpath\tkind" already printed for this file */
	size_t nseen;
	unsigned long hits;
	char *masked;		/* the path, with originals starred out */
};

static void
audit_print(struct audit *a, const char *tagpath, int kind)
{
	char *key = esprintf("%s\t%s", tagpath, kinds[kind].name);
	size_t i;

	for (i = 0; i < a->nseen; i++)
		if (strcmp(a->seen[i], key) == 0) {
			free(key);
			return;
		}
	a->seen = erealloc(a->seen, (a->nseen + 1) * sizeof(*a->seen));
	a->seen[a->nseen++] = key;
	printf("%s\t%s\t%s\n", a->name, tagpath, kinds[kind].name);
	a->hits++;
}

static void
path_hit(void *arg, int tag, size_t pos, size_t len)
{
	struct audit *a = arg;

	(void)tag;
	memset(a->masked + pos, '*', len);
}

static void
elem_hit(void *arg, int tag, size_t pos, size_t len)
{
	struct audit *a = arg;

	(void)pos;
	(void)len;
	a->kindhits[tag]++;
	audit_print(a, a->tagpath, tag);
}

struct audit_visit {
	struct audit *a;
	const struct mm *m;
};

static int
audit_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in)
{
	struct audit_visit *v = arg;
	void *bytes;
	size_t len;

	if (strcmp(in->vr, "SQ") == 0)
		return DCM_VISIT_KEEP;
	if (dcm_elem_get_bytes(e, &bytes, &len) != DCM_OK)
		return DCM_VISIT_KEEP;
	v->a->tagpath = in->path;
	mm_scan(v->m, bytes, len, elem_hit, v->a);
	free(bytes);
	return DCM_VISIT_KEEP;
}

static void
raw_hit(void *arg, int tag, size_t pos, size_t len)
{
	int *counts = arg;

	(void)pos;
	(void)len;
	counts[tag]++;
}

/* Add the originals a leak would show: whole values, and each part of a name. */
static size_t
audit_values(struct mm *m, const struct table *t)
{
	size_t i, tooshort = 0;

	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		int uid = r->kind == K_STUDY || r->kind == K_SERIES || r->kind == K_SOP;

		switch (r->kind) {
		case K_PATIENT_ID:
		case K_STUDY:
		case K_SERIES:
		case K_SOP:
		case K_ACCESSION:
		case K_BIRTH:
			if (mm_add(m, ORIG(r), strlen(ORIG(r)), r->kind, uid) < 0)
				tooshort++;
			break;
		case K_NAME: {
			const char *p = ORIG(r), *q;

			while (*p != '\0') {
				q = p + strcspn(p, "^= ,");
				if (q > p && mm_add(m, p, (size_t)(q - p), r->kind, 0) < 0)
					tooshort++;
				p = *q != '\0' ? q + 1 : q;
			}
			break;
		}
		default:
			break;
		}
	}
	return tooshort;
}

static int
cmd_audit(int argc, char *argv[])
{
	struct table t;
	struct mm *m;
	struct input *in;
	struct input_file f;
	const char *target;
	int ch, nul = 0, r, rval = 0;
	size_t tooshort, i;
	unsigned long nfiles = 0, nhits = 0;

	while ((ch = getopt(argc, argv, "0q")) != -1) {
		switch (ch) {
		case '0':
			nul = 1;
			break;
		case 'q':
			setquiet(1);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	target = argv[0];
	argc--;
	argv++;
	memset(&t, 0, sizeof(t));
	load_target(&t, target);
	if (t.bad)
		weprintf("%s: malformed rows left out", target);
	m = mm_new();
	tooshort = audit_values(m, &t);
	if (tooshort > 0)
		wnote("%zu values shorter than %d characters are not searched", tooshort, MM_MINLEN);
	if (mm_count(m) == 0)
		wnote("%s: no originals to search for", target);
	printf("#path\ttag_path\tkind\n");

	in = input_open(argc, argv, nul, NULL);
	progress_start("files audited");
	while ((r = input_next(in, &f)) != 0) {
		struct audit a;
		int raw[NKINDS];
		const void *data;
		char *own = NULL;
		size_t len;
		int k;

		if (r < 0) {
			rval = 1;
			continue;
		}
		nfiles++;
		memset(&a, 0, sizeof(a));
		memset(raw, 0, sizeof(raw));
		/* the path first: printed masked, so no line shows an original */
		a.masked = estrdup(f.name);
		if (mm_scan(m, f.name, strlen(f.name), path_hit, &a) > 0) {
			a.name = a.masked;
			{
				int pk[NKINDS];

				memset(pk, 0, sizeof(pk));
				mm_scan(m, f.name, strlen(f.name), raw_hit, pk);
				for (k = 0; k < (int)NKINDS; k++)
					if (pk[k] > 0)
						audit_print(&a, "(path)", k);
			}
		}
		a.name = a.masked;
		if (f.path != NULL) {
			if ((own = read_all(f.path, &len)) == NULL) {
				weprintf("%s:", a.name);
				rval = 1;
				free(a.masked);
				continue;
			}
			data = own;
		} else {
			data = f.data;
			len = f.len;
		}
		/* the raw bytes; only a file with a hit is parsed, to say where */
		if (mm_scan(m, data, len, raw_hit, raw) > 0) {
			dcm_file *df;
			char *err = NULL;

			if (dcm_open_mem(data, len, 0, &df, &err) == DCM_OK) {
				struct audit_visit v = { &a, m };

				dcm_visit(dcm_metainfo(df), audit_cb, &v);
				dcm_visit(dcm_dataset(df), audit_cb, &v);
				dcm_close(df);
			}
			free(err);
			for (k = 0; k < (int)NKINDS; k++)
				if (raw[k] > a.kindhits[k])
					audit_print(&a, "-", k);
		}
		nhits += a.hits;
		for (i = 0; i < a.nseen; i++)
			free(a.seen[i]);
		free(a.seen);
		free(a.masked);
		free(own);
		if (ferror(stdout))
			eprintf("stdout:");
		progress_tick(nfiles, nhits);
	}
	progress_end();
	input_close(in);
	mm_free(m);
	table_free(&t);
	if (fshut_stdout() != 0)
		return 2;
	if (nhits > 0) {
		wnote("%lu hits in %lu files audited", nhits, nfiles);
		rval = 1;
	}
	return rval;
}

/* ---- reidentify ---- */

/* path made absolute and rid of "." and ".." without touching the disk (it may not exist yet). */
static char *
absolute(const char *path)
{
	char *cwd, *full, *out, *p, *save;
	size_t n = 0;

	if (path[0] == '/')
		full = estrdup(path);
	else {
		if ((cwd = getcwd(NULL, 0)) == NULL)
			return NULL;
		full = esprintf("%s/%s", cwd, path);
		free(cwd);
	}
	out = emalloc(strlen(full) + 2);
	out[0] = '\0';
	for (p = strtok_r(full, "/", &save); p != NULL; p = strtok_r(NULL, "/", &save)) {
		if (strcmp(p, ".") == 0)
			continue;
		if (strcmp(p, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		out[n++] = '/';
		strcpy(out + n, p);
		n += strlen(p);
	}
	if (n == 0)
		strcpy(out, "/");
	free(full);
	return out;
}

struct reid {
	const struct table *t;
	const char *patient_id;
	const char *patient_name;
	char *error;
};

/* The original of a pseudonymous UID, if the crosswalk has it. */
static const char *
original_uid(const struct table *t, const char *uid)
{
	uint32_t r;

	for (r = find_next(t, uid, 1, NIL); r != NIL; r = find_next(t, uid, 1, r)) {
		int k = t->rows[r].kind;

		if (k == K_STUDY || k == K_SERIES || k == K_SOP)
			return ORIG(&t->rows[r]);
	}
	return NULL;
}

static int
reid_cb(void *arg, dcm_elem *e, const struct dcm_elem_info *in)
{
	struct reid *rd = arg;
	char *v = NULL, *copy, *tok, *p, *out, *msg = NULL;
	size_t cap, len = 0;
	int changed = 0;

	if (in->depth == 0 && in->tag == DCM_TAG(0x0010, 0x0020)) {
		if (dcm_elem_set_string(e, rd->patient_id, &msg) != DCM_OK && rd->error == NULL)
			rd->error = msg;
		return DCM_VISIT_SKIP;
	}
	if (in->depth == 0 && in->tag == DCM_TAG(0x0010, 0x0010) && rd->patient_name != NULL) {
		if (dcm_elem_set_string(e, rd->patient_name, &msg) != DCM_OK && rd->error == NULL)
			rd->error = msg;
		return DCM_VISIT_SKIP;
	}
	if (strcmp(in->vr, "UI") != 0 || dcm_elem_get_string(e, &v) != DCM_OK)
		return DCM_VISIT_KEEP;
	cap = strlen(v) * 2 + 70;
	out = emalloc(cap);
	out[0] = '\0';
	copy = estrdup(v);
	for (tok = strtok_r(copy, "\\", &p); tok != NULL; tok = strtok_r(NULL, "\\", &p)) {
		const char *o = original_uid(rd->t, tok);

		if (o != NULL)
			changed = 1;
		else
			o = tok;
		if (len + strlen(o) + 2 > cap)
			out = erealloc(out, cap = (len + strlen(o) + 2) * 2);
		if (len > 0)
			out[len++] = '\\';
		memcpy(out + len, o, strlen(o) + 1);
		len += strlen(o);
	}
	if (changed && dcm_elem_set_string(e, out, &msg) != DCM_OK && rd->error == NULL)
		rd->error = msg;
	free(copy);
	free(out);
	free(v);
	return DCM_VISIT_KEEP;
}

/* One file: 0 written, -1 refused (reported). */
static int
reidentify_one(const struct table *t, struct output *o, dcm_file *df, const char *name, int nul,
    int *fatal, const char *layout)
{
	dcm_item *ds = dcm_dataset(df);
	struct reid rd;
	struct pending_record *rr;
	struct record rec;
	char *pid, *sop, *err = NULL, *rel, *instance;
	const char **names = NULL;
	size_t nnames = 0, i;
	uint32_t r;
	int fd, rc = -1;

	memset(&rd, 0, sizeof(rd));
	rd.t = t;
	pid = dcm_item_string(ds, DCM_TAG(0x0010, 0x0020));
	sop = dcm_item_string(ds, DCM_TAG(0x0008, 0x0018));
	if (pid == NULL || sop == NULL || *pid == '\0' || *sop == '\0') {
		weprintf("%s: no PatientID or SOPInstanceUID: not written", name);
		goto out;
	}
	for (r = find_next(t, pid, 1, NIL); r != NIL; r = find_next(t, pid, 1, r))
		if (t->rows[r].kind == K_PATIENT_ID && rd.patient_id == NULL)
			rd.patient_id = ORIG(&t->rows[r]);
	if (rd.patient_id == NULL || original_uid(t, sop) == NULL) {
		weprintf("%s: a pseudonym the crosswalk does not know (%s): not written", name,
		    rd.patient_id == NULL ? "PatientID" : "SOPInstanceUID");
		goto out;
	}
	/* a patient's several spellings: the first in byte order, always the same */
	for (r = find_next(t, pid, 1, NIL); r != NIL; r = find_next(t, pid, 1, r))
		if (t->rows[r].kind == K_NAME) {
			names = erealloc(names, (nnames + 1) * sizeof(*names));
			names[nnames++] = ORIG(&t->rows[r]);
		}
	if (nnames > 0) {
		qsort(names, nnames, sizeof(*names), cmp_str);
		rd.patient_name = names[0];
	}
	if (dcm_visit(ds, reid_cb, &rd) != DCM_OK || rd.error != NULL) {
		weprintf("%s: %s", name, rd.error != NULL ? rd.error : "cannot change the file");
		goto out;
	}
	if (dcm_item_set_string(ds, DCM_TAG(0x0012, 0x0062), "CS", "NO", &err) != DCM_OK) {
		weprintf("%s: %s", name, err);
		goto out;
	}
	rr = pending_record_new(nul, fatal);
	rr->field[MF_MODALITY] = dcm_item_string(ds, DCM_TAG(0x0008, 0x0060));
	rr->field[MF_PATIENT] = estrdup(rd.patient_id);
	rr->field[MF_STUDY_UID] = dcm_item_string(ds, DCM_TAG(0x0020, 0x000d));
	rr->field[MF_SERIES_UID] = dcm_item_string(ds, DCM_TAG(0x0020, 0x000e));
	rr->field[MF_SOP_UID] = dcm_item_string(ds, DCM_TAG(0x0008, 0x0018));
	rr->field[MF_FRAMES] = dcm_item_string(ds, DCM_TAG(0x0028, 0x0008));
	if (rr->field[MF_FRAMES] == NULL)
		rr->field[MF_FRAMES] = estrdup(dcm_item_has(ds, DCM_TAG(0x7fe0, 0x0010)) ? "1" : "");
	for (i = 1; i < MF_NFIELDS; i++)
		if (rr->field[i] == NULL)
			rr->field[i] = estrdup("");
	for (i = 0; i < MF_NFIELDS; i++)
		rec.field[i] = rr->field[i];
	instance = dcm_item_string(ds, DCM_TAG(0x0020, 0x0013));
	rel = layout_path(layout, &rec, instance);
	free(instance);
	if ((fd = output_begin(o, rel)) < 0) {
		free(rel);
		pending_record_free(rr);
		goto out;
	}
	if (dcm_write_fd(df, fd, &err) != DCM_OK) {
		weprintf("%s: %s: %s", name, rel, err);
		output_abort(o);
		exit(2);
	}
	free(rel);
	if (output_commit(o, pending_record_done, rr) < 0)
		exit(2);
	rc = 0;
out:
	free(names);
	free(err);
	free(pid);
	free(sop);
	return rc;
}

static int
cmd_reidentify(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "layout", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	struct table t;
	struct input *in;
	struct input_file f;
	struct output *o;
	const char *target = NULL, *outname = NULL, *layout = LAYOUT_DEFAULT;
	char *err = NULL;
	dcm_file *df;
	int ch, nul = 0, r, rval = 0, fatal = 0;

	while ((ch = getopt_long(argc, argv, "0c:o:q", longopts, NULL)) != -1) {
		switch (ch) {
		case '0':
			nul = 1;
			break;
		case 'c':
			target = optarg;
			break;
		case 'L':
			if (layout_check(optarg) < 0)
				eprintf("--layout: %s: fields are <patient> <study_uid> <series_uid> "
				    "<sop_uid> <modality> <instance>; relative, no ..", optarg);
			layout = optarg;
			break;
		case 'o':
			outname = optarg;
			break;
		case 'q':
			setquiet(1);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (outname == NULL) {
		weprintf("reidentify: -o is required");
		usage();
	}
	target = crosswalk_target(target);
	memset(&t, 0, sizeof(t));
	load_target(&t, target);
	if (t.bad)
		weprintf("%s: malformed rows left out", target);
	index_table(&t);
	if (dcm_init(&err) != DCM_OK)
		eprintf("%s", err);
	/* identified files never go into a tree that is meant to be shared */
	{
		char *ro = absolute(outname);
		int i;

		for (i = 0; ro != NULL && i < argc; i++) {
			char *ri = realpath(argv[i], NULL);
			size_t n = ri != NULL ? strlen(ri) : 0;

			if (ri != NULL && strncmp(ro, ri, n) == 0 && (ro[n] == '/' || ro[n] == '\0' ||
			    strcmp(ri, "/") == 0)) {
				weprintf("%s: is inside the input %s: re-identified files would sit among "
				    "de-identified ones", outname, argv[i]);
				free(ri);
				free(ro);
				exit(2);
			}
			free(ri);
		}
		free(ro);
	}
	in = input_open(argc, argv, nul, NULL);
	if ((o = output_open(outname, in)) == NULL)
		exit(2);
	output_set_private(o);
	if (manifest_write_header(stdout, nul) < 0)
		eprintf("stdout:");
	while ((r = input_next(in, &f)) != 0) {
		if (r < 0) {
			rval = 1;
			continue;
		}
		if (f.path != NULL)
			r = dcm_open_path(f.path, 0, &df, &err);
		else
			r = dcm_open_mem(f.data, f.len, 0, &df, &err);
		if (r != DCM_OK) {
			weprintf("%s: %s", f.name, err != NULL ? err : "cannot read");
			free(err);
			err = NULL;
			rval = 1;
			continue;
		}
		if (reidentify_one(&t, o, df, f.name, nul, &fatal, layout) < 0)
			rval = 1;
		dcm_close(df);
		if (fatal != 0) {
			errno = fatal;
			eprintf("stdout:");
		}
	}
	if (output_close(o) < 0)
		exit(2);
	if (fatal != 0) {
		errno = fatal;
		eprintf("stdout:");
	}
	input_close(in);
	table_free(&t);
	if (fshut_stdout() != 0)
		return 2;
	return rval;
}

int
main(int argc, char *argv[])
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "audit", cmd_audit }, { "export", cmd_export }, { "keygen", cmd_keygen },
		{ "lookup", cmd_lookup }, { "merge", cmd_merge }, { "reidentify", cmd_reidentify },
	};
	size_t i;

	setprogname(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "--version") == 0) {
		printf("dcm-crosswalk %s\n", DCMSCRUB_VERSION);
		return fshut_stdout();
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		usage();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	weprintf("%s: not a command", argv[1]);
	usage();
}
