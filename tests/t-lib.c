/*
 * t-lib.c: unit tests of lib/ input, output and manifest, printing TAP.
 * Works in a fresh directory of its own under $TMPDIR, removed at the end.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "input.h"
#include "manifest.h"
#include "output.h"
#include "util.h"
#include "tap.h"

struct member {
	const char *name;
	const char *data;	/* NULL: a symbolic link to link */
	size_t len;		/* 0: strlen(data) */
	const char *link;
	const char *hardlink;
};

static int saved_stderr = -1;
static char captured[8192];

/* Send stderr to a file until capture_end(), which returns what was written. */
static void
capture_start(void)
{
	int fd;

	fflush(stderr);
	saved_stderr = dup(2);
	fd = open("stderr.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
}

static const char *
capture_end(void)
{
	ssize_t n;
	int fd;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fd = open("stderr.log", O_RDONLY);
	n = read(fd, captured, sizeof(captured) - 1);
	close(fd);
	captured[n > 0 ? n : 0] = '\0';
	return captured;
}

static void
put_file(const char *path, const char *data, size_t len)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write_all(fd, data, len) == -1)
		eprintf("%s:", path);
	close(fd);
}

static void
put_str(const char *path, const char *s)
{
	put_file(path, s, strlen(s));
}

/* The whole file, NUL-terminated, or NULL; *lenp its length. */
static char *
get_file(const char *path, size_t *lenp)
{
	struct stat st;
	char *b;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	fstat(fd, &st);
	b = emalloc((size_t)st.st_size + 1);
	if (read(fd, b, (size_t)st.st_size) != st.st_size)
		eprintf("%s: short read", path);
	b[st.st_size] = '\0';
	close(fd);
	if (lenp != NULL)
		*lenp = (size_t)st.st_size;
	return b;
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Number of entries of dir whose name starts with ".dcmscrub.". */
static int
temps_in(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".dcmscrub.", 10) == 0)
			n++;
	closedir(d);
	return n;
}

enum { W_TGZ, W_ZIP, W_7Z, W_TBZ2, W_TXZ, W_GZ };

static void
write_archive(const char *path, int kind, const struct member *m, size_t n)
{
	struct archive_entry *e;
	struct archive *a;
	size_t i, len;

	a = archive_write_new();
	switch (kind) {
	case W_ZIP:
		archive_write_set_format_zip(a);
		break;
	case W_7Z:
		archive_write_set_format_7zip(a);
		break;
	case W_GZ:
		archive_write_set_format_raw(a);
		archive_write_add_filter_gzip(a);
		break;
	default:
		archive_write_set_format_pax_restricted(a);
		if (kind == W_TGZ)
			archive_write_add_filter_gzip(a);
		else if (kind == W_TBZ2)
			archive_write_add_filter_bzip2(a);
		else
			archive_write_add_filter_xz(a);
		break;
	}
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		eprintf("%s: %s", path, archive_error_string(a));
	for (i = 0; i < n; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_mtime(e, 1000000000, 0);
		if (m[i].hardlink != NULL) {
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_hardlink(e, m[i].hardlink);
			archive_entry_set_size(e, 0);
			archive_write_header(a, e);
		} else if (m[i].data == NULL) {
			archive_entry_set_filetype(e, AE_IFLNK);
			archive_entry_set_perm(e, 0777);
			archive_entry_set_symlink(e, m[i].link);
			archive_write_header(a, e);
		} else {
			len = m[i].len ? m[i].len : strlen(m[i].data);
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_size(e, (la_int64_t)len);
			if (archive_write_header(a, e) != ARCHIVE_OK)
				eprintf("%s: %s", path, archive_error_string(a));
			if (archive_write_data(a, m[i].data, len) != (la_ssize_t)len)
				eprintf("%s: %s", path, archive_error_string(a));
		}
		archive_entry_free(e);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		eprintf("%s: %s", path, archive_error_string(a));
	archive_write_free(a);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* ---- manifest ---- */

static void
test_manifest(void)
{
	struct record r, back;
	char *buf, line[256];
	size_t len;
	FILE *fp;
	int rv;

	memset(&r, 0, sizeof(r));
	r.field[MF_PATH] = "out/a.dcm";
	r.field[MF_MODALITY] = "CT";
	r.field[MF_SOP_UID] = "2.25.1";
	r.field[MF_FRAMES] = "3";
	fp = open_memstream(&buf, &len);
	manifest_write_header(fp, 0);
	rv = manifest_write(fp, &r, 0);
	fclose(fp);
	ok(rv == 0 && strcmp(buf, "#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes\n"
	    "out/a.dcm\tCT\t\t\t\t2.25.1\t3\n") == 0, "manifest: header and record, NULL fields empty");

	snprintf(line, sizeof(line), "%s", strchr(buf, '\n') + 1);
	line[strlen(line) - 1] = '\0';
	free(buf);
	rv = manifest_parse(line, &back);
	ok(rv == 0 && strcmp(back.field[MF_PATH], "out/a.dcm") == 0 &&
	    strcmp(back.field[MF_MODALITY], "CT") == 0 && back.field[MF_PATIENT] == NULL &&
	    strcmp(back.field[MF_SOP_UID], "2.25.1") == 0 &&
	    strcmp(back.field[MF_FRAMES], "3") == 0, "manifest: round trip");

	r.field[MF_PATIENT] = "Doe\tJohn";
	fp = open_memstream(&buf, &len);
	errno = 0;
	rv = manifest_write(fp, &r, 0);
	fclose(fp);
	ok(rv == -1 && errno == EINVAL && len == 0, "manifest: field with TAB refused, nothing written");
	free(buf);

	r.field[MF_PATIENT] = NULL;
	r.field[MF_PATH] = "odd\nname";
	fp = open_memstream(&buf, &len);
	rv = manifest_write(fp, &r, 0);
	fclose(fp);
	ok(rv == -1 && len == 0, "manifest: newline in a path refused without -0");
	free(buf);

	fp = open_memstream(&buf, &len);
	rv = manifest_write(fp, &r, 1);
	fclose(fp);
	ok(rv == 0 && len == strlen("odd\nname\tCT\t\t\t\t2.25.1\t3") + 1 && buf[len - 1] == '\0' &&
	    memcmp(buf, "odd\nname\tCT", 11) == 0, "manifest: -0 record NUL-terminated, newline kept");
	free(buf);

	r.field[MF_PATH] = "p";
	r.field[MF_MODALITY] = "C\nT";
	fp = open_memstream(&buf, &len);
	rv = manifest_write(fp, &r, 1);
	fclose(fp);
	ok(rv == -1, "manifest: -0 still refuses a newline outside the path");
	free(buf);

	fp = open_memstream(&buf, &len);
	manifest_write_raw(fp, "x\ty\t\tz", 0);
	rv = manifest_write_raw(fp, "bad\nline", 0);
	fclose(fp);
	ok(rv == -1 && strcmp(buf, "x\ty\t\tz\n") == 0, "manifest: raw pass-through");
	free(buf);

	strcpy(line, "# a comment");
	rv = manifest_parse(line, &back);
	strcpy(line, "");
	ok(rv == -1 && manifest_parse(line, &back) == -1, "manifest: comment and empty line skipped");

	strcpy(line, "only/a/path");
	rv = manifest_parse(line, &back);
	ok(rv == 0 && strcmp(back.field[MF_PATH], "only/a/path") == 0 &&
	    back.field[MF_MODALITY] == NULL && back.field[MF_FRAMES] == NULL,
	    "manifest: a bare path is a record");

	strcpy(line, "a\tb\tc\td\te\tf\tg\th\ti");
	rv = manifest_parse(line, &back);
	ok(rv == 0 && strcmp(back.field[MF_FRAMES], "g") == 0, "manifest: fields beyond 7 ignored");
}

/* ---- input ---- */

/* Read everything: names joined by '|', failures as "!" */
static void
drain(struct input *in, char *out, size_t cap)
{
	struct input_file f;
	int r;

	out[0] = '\0';
	while ((r = input_next(in, &f)) != 0) {
		if (out[0] != '\0')
			strncat(out, "|", cap - strlen(out) - 1);
		strncat(out, r == 1 ? f.name : "!", cap - strlen(out) - 1);
	}
}

static void
test_input_tree(void)
{
	char got[1024], *argv[3];
	struct input_file f;
	struct input *in;
	struct stat st;
	int r, paths_ok;

	mkdir("tree", 0755);
	mkdir("tree/a", 0755);
	mkdir("tree/c", 0755);
	mkdir("tree/c/z", 0755);
	put_str("tree/b.dcm", "b");
	put_str("tree/a.dcm", "a");
	put_str("tree/a/y.dcm", "y");
	put_str("tree/a/x.dcm", "x");
	put_str("tree/c/z/1", "1");
	put_str("tree/B", "B");
	put_str("lone.dcm", "lone");

	argv[0] = "tree";
	in = input_open(1, argv, 0, NULL);
	drain(in, got, sizeof(got));
	ok(strcmp(got, "tree/B|tree/a/x.dcm|tree/a/y.dcm|tree/a.dcm|tree/b.dcm|tree/c/z/1") == 0,
	    "input: directory walked recursively in byte order (%s)", got);
	stat("tree/a/y.dcm", &st);
	ok(input_was_seen(in, st.st_dev, st.st_ino), "input: a file of the tree was seen");
	stat("lone.dcm", &st);
	ok(!input_was_seen(in, st.st_dev, st.st_ino), "input: another file was not");
	input_close(in);

	argv[0] = "lone.dcm";
	argv[1] = "tree/c";
	in = input_open(2, argv, 0, NULL);
	paths_ok = 1;
	r = input_next(in, &f);
	paths_ok &= r == 1 && strcmp(f.path, "lone.dcm") == 0 && f.data == NULL &&
	    f.record == NULL && f.ino != 0;
	r = input_next(in, &f);
	paths_ok &= r == 1 && strcmp(f.path, "tree/c/z/1") == 0;
	r = input_next(in, &f);
	ok(paths_ok && r == 0, "input: plain files come with path, no data, no record");
	input_close(in);

	argv[0] = "nosuch.dcm";
	argv[1] = "lone.dcm";
	in = input_open(2, argv, 0, NULL);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "nosuch.dcm: No such file") != NULL,
	    "input: a missing file is -1 with a message");
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.name, "lone.dcm") == 0 && input_failures(in) == 1,
	    "input: the next file still comes");
	input_close(in);

	mkfifo("fifo", 0644);
	argv[0] = "fifo";
	in = input_open(1, argv, 0, NULL);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "not a regular file") != NULL, "input: a FIFO is refused");
	input_close(in);
}

static void
test_input_archives(void)
{
	static const struct member zm[] = {
		{ "d/one.dcm", "hello", 0, NULL, NULL },
		{ "link", NULL, 0, "/etc/passwd", NULL },
		{ "../evil", "evil bytes", 0, NULL, NULL },
		{ "/abs/two", "two", 0, NULL, NULL },
	};
	static const struct member tm[] = {
		{ "dir/a.dcm", "AAAA", 0, NULL, NULL },
		{ "dir/hard", NULL, 0, NULL, "dir/a.dcm" },
		{ "dir/b.dcm", "BB", 0, NULL, NULL },
	};
	struct member big[2];
	struct input_limits lim;
	struct input_file f;
	struct input *in;
	char *argv[2], *zeros, dicm[200];
	int r, good;
	size_t i;

	write_archive("x.zip", W_ZIP, zm, 4);
	argv[0] = "x.zip";
	in = input_open(1, argv, 0, NULL);
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.name, "x.zip:d/one.dcm") == 0 && f.path == NULL &&
	    f.len == 5 && memcmp(f.data, "hello", 5) == 0 && f.dev == 0,
	    "input: zip member with its name and bytes");
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "x.zip:link: symbolic link member refused") != NULL,
	    "input: symlink member refused");
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.name, "x.zip:../evil") == 0 && f.len == 10 &&
	    memcmp(f.data, "evil bytes", 10) == 0, "input: \"../evil\" member is only a name");
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.name, "x.zip:/abs/two") == 0, "input: absolute member name kept");
	ok(input_next(in, &f) == 0 && input_failures(in) == 1, "input: end of zip, one failure");
	input_close(in);
	ok(!exists("../evil") && !exists("evil") && !exists("link") && !exists("d"),
	    "input: nothing of the zip written to disk");

	write_archive("y.tar.gz", W_TGZ, tm, 3);
	argv[0] = "y.tar.gz";
	in = input_open(1, argv, 0, NULL);
	good = input_next(in, &f) == 1 && strcmp(f.name, "y.tar.gz:dir/a.dcm") == 0 &&
	    f.len == 4 && memcmp(f.data, "AAAA", 4) == 0;
	ok(good, "input: tar.gz member");
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "hard link member refused") != NULL,
	    "input: hard link member refused");
	good = input_next(in, &f) == 1 && strcmp(f.name, "y.tar.gz:dir/b.dcm") == 0 &&
	    f.len == 2 && memcmp(f.data, "BB", 2) == 0;
	ok(good && input_next(in, &f) == 0, "input: the next member still comes");
	input_close(in);

	/* A DICOM file whose preamble happens to look like a zip */
	memset(dicm, 0, sizeof(dicm));
	memcpy(dicm, "PK\3\4", 4);
	memcpy(dicm + 128, "DICM", 4);
	put_file("pk.dcm", dicm, sizeof(dicm));
	argv[0] = "pk.dcm";
	in = input_open(1, argv, 0, NULL);
	r = input_next(in, &f);
	ok(r == 1 && f.path != NULL && strcmp(f.path, "pk.dcm") == 0,
	    "input: \"DICM\" at 128 is never an archive");
	input_close(in);

	zeros = ecalloc(1, 3 << 20);
	big[0] = (struct member){ "zeros", zeros, 3 << 20, NULL, NULL };
	big[1] = (struct member){ "after", "after", 0, NULL, NULL };
	write_archive("bomb.zip", W_ZIP, big, 2);
	free(zeros);
	argv[0] = "bomb.zip";
	memset(&lim, 0, sizeof(lim));
	lim.max_ratio = 10;
	in = input_open(1, argv, 0, &lim);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "ratio") != NULL, "input: expansion ratio limit");
	ok(input_next(in, &f) == 0, "input: the rest of that archive is skipped");
	input_close(in);

	memset(&lim, 0, sizeof(lim));
	lim.max_member = 1000;
	in = input_open(1, argv, 0, &lim);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "limit") != NULL, "input: member size limit");
	input_close(in);

	memset(&lim, 0, sizeof(lim));
	lim.max_total = 2 << 20;
	in = input_open(1, argv, 0, &lim);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && input_next(in, &f) == 0, "input: total expansion limit");
	input_close(in);

	for (i = 0; i < 4; i++) {
		static const char *names[] = { "k.7z", "k.tar.bz2", "k.tar.xz", "k.dcm.gz" };
		static const int kinds[] = { W_7Z, W_TBZ2, W_TXZ, W_GZ };
		static const struct member km = { "m/k.dcm", "kkk", 0, NULL, NULL };
		char want[64];

		write_archive(names[i], kinds[i], &km, 1);
		snprintf(want, sizeof(want), "%s:%s", names[i], kinds[i] == W_GZ ? "data" : "m/k.dcm");
		argv[0] = (char *)names[i];
		in = input_open(1, argv, 0, NULL);
		r = input_next(in, &f);
		ok(r == 1 && strcmp(f.name, want) == 0 && f.len == 3 && memcmp(f.data, "kkk", 3) == 0 &&
		    input_next(in, &f) == 0, "input: %s detected by content and read", names[i]);
		input_close(in);
	}

	put_str("corrupt.zip", "PK\3\4 this is not really a zip file at all");
	argv[0] = "corrupt.zip";
	in = input_open(1, argv, 0, NULL);
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && input_next(in, &f) == 0, "input: corrupt archive is -1 then the end");
	input_close(in);
}

/* Make stdin read s (len bytes) from a pipe; returns the saved stdin. */
static int
stdin_from(const char *s, size_t len)
{
	int p[2], saved;

	saved = dup(0);
	if (pipe(p) == -1)
		eprintf("pipe:");
	if (write_all(p[1], s, len) == -1)
		eprintf("write:");
	close(p[1]);
	dup2(p[0], 0);
	close(p[0]);
	clearerr(stdin);
	return saved;
}

static void
stdin_restore(int saved)
{
	dup2(saved, 0);
	close(saved);
	clearerr(stdin);
}

static void
test_input_manifest(void)
{
	static const char lines[] = "#path\tmodality\n\nlone.dcm\tCT\tP1\ntree/c\nmissing.dcm\tMR\n"
	    "x.zip\n";
	static const char nul[] = "#c\0lone.dcm\tCT\0new\nline\0\0tree/c";
	struct input_file f;
	struct input *in;
	char *argv[1];
	int saved, r, good;

	saved = stdin_from(lines, sizeof(lines) - 1);
	in = input_open(0, NULL, 0, NULL);
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.path, "lone.dcm") == 0 && f.record != NULL &&
	    strcmp(f.record, "lone.dcm\tCT\tP1") == 0,
	    "input: manifest on stdin, record kept whole");
	r = input_next(in, &f);
	ok(r == 1 && strcmp(f.path, "tree/c/z/1") == 0 && strcmp(f.record, "tree/c") == 0,
	    "input: a directory in a manifest is walked");
	capture_start();
	r = input_next(in, &f);
	capture_end();
	ok(r == -1 && strstr(captured, "missing.dcm:") != NULL, "input: missing file in manifest");
	r = input_next(in, &f);
	good = r == 1 && strcmp(f.name, "x.zip:d/one.dcm") == 0 && strcmp(f.record, "x.zip") == 0;
	capture_start();
	while ((r = input_next(in, &f)) != 0)
		;
	capture_end();
	ok(good && input_failures(in) == 2, "input: an archive in a manifest is read");
	input_close(in);
	stdin_restore(saved);

	put_str("new\nline", "nl");
	saved = stdin_from(nul, sizeof(nul));
	argv[0] = "-";
	in = input_open(1, argv, 1, NULL);
	r = input_next(in, &f);
	good = r == 1 && strcmp(f.path, "lone.dcm") == 0 && strcmp(f.record, "lone.dcm\tCT") == 0;
	r = input_next(in, &f);
	good &= r == 1 && strcmp(f.path, "new\nline") == 0;
	r = input_next(in, &f);
	good &= r == 1 && strcmp(f.path, "tree/c/z/1") == 0;
	ok(good && input_next(in, &f) == 0, "input: -0 manifest from \"-\", newline in a path");
	input_close(in);
	stdin_restore(saved);
}

/* ---- output ---- */

struct calls {
	char got[4096];
	int n;
	int nnull;
};

static void
done_cb(void *arg, const char *final)
{
	struct calls *c = arg;

	c->n++;
	if (final == NULL) {
		c->nnull++;
		return;
	}
	if (c->got[0] != '\0')
		strcat(c->got, "|");
	strcat(c->got, final);
}

static int preflush_calls, preflush_saw_final, preflush_fail;

static int
preflush_cb(void *arg)
{
	preflush_calls++;
	preflush_saw_final = exists((const char *)arg);
	return preflush_fail;
}

static int
emit(struct output *o, const char *rel, const char *data, struct calls *c)
{
	int fd;

	if ((fd = output_begin(o, rel)) == -1)
		return -1;
	if (write_all(fd, data, strlen(data)) == -1)
		return -1;
	return output_commit(o, done_cb, c);
}

static void
test_output_dir(void)
{
	struct input_file f;
	struct input *in;
	struct output *o;
	struct calls c;
	struct stat st;
	char *s, rel[64], host[256], *tmp, *argv[1];
	const char *bad[] = { "../x", "/abs", "a/../b", "", "a/.dcmscrub.x", "a\nb", "dir/", ".." };
	size_t i;
	mode_t mask;
	pid_t pid;
	int r, good;

	memset(&c, 0, sizeof(c));
	o = output_open("out/", NULL);
	ok(o != NULL && !output_is_archive(o) && strcmp(output_name(o), "out/") == 0 &&
	    exists("out") && temps_in("out") == 0, "output: directory created, probe removed");
	output_set_preflush(o, preflush_cb, "out/a/b/c.dcm");
	r = emit(o, "a/b/c.dcm", "first", &c);
	r |= emit(o, "top.dcm", "second", &c);
	ok(r == 0 && !exists("out/a/b/c.dcm") && !exists("out/top.dcm") && c.n == 0 &&
	    temps_in("out/a/b") == 1, "output: nothing in place before the flush");
	r = output_flush(o);
	s = get_file("out/a/b/c.dcm", NULL);
	ok(r == 0 && s != NULL && strcmp(s, "first") == 0, "output: file in place after flush");
	free(s);
	ok(preflush_calls == 1 && !preflush_saw_final, "output: preflush ran before the rename");
	ok(strcmp(c.got, "out/a/b/c.dcm|out/top.dcm") == 0, "output: callbacks in order with final paths (%s)", c.got);
	mask = umask(0);
	umask(mask);
	stat("out/a/b/c.dcm", &st);
	ok((st.st_mode & 07777) == (0644 & ~mask), "output: file mode 0644 less umask");
	stat("out/a/b", &st);
	ok((st.st_mode & 07777) == (0755 & ~mask), "output: directory mode 0755 less umask");
	ok(temps_in("out") == 0 && temps_in("out/a/b") == 0, "output: no temp files left");

	good = 1;
	capture_start();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		good &= output_begin(o, bad[i]) == -1;
	capture_end();
	ok(good && strstr(captured, "../x: refused") != NULL, "output: bad relpaths refused");

	r = output_begin(o, "gone.dcm");
	write_all(r, "x", 1);
	output_abort(o);
	ok(!exists("out/gone.dcm") && temps_in("out") == 0, "output: abort leaves nothing");

	memset(&c, 0, sizeof(c));
	preflush_calls = 0;
	for (i = 0; i < 64; i++) {
		snprintf(rel, sizeof(rel), "many/%03zu.dcm", i);
		if (i == 63)
			good = c.n == 0 && !exists("out/many/000.dcm");
		emit(o, rel, "m", &c);
	}
	ok(good && c.n == 64 && exists("out/many/063.dcm") && preflush_calls == 1,
	    "output: a batch of 64 files is flushed by itself");

	preflush_fail = 1;
	capture_start();
	r = emit(o, "refused.dcm", "r", &c);
	r = output_flush(o);
	capture_end();
	preflush_fail = 0;
	ok(r == -1 && !exists("out/refused.dcm") && temps_in("out") == 0,
	    "output: a failing preflush fails the flush and removes the temps");
	ok(output_close(o) == 0, "output: close");

	/* replacing an input */
	put_str("out/in.dcm", "input");
	argv[0] = "out/in.dcm";
	in = input_open(1, argv, 0, NULL);
	while (input_next(in, &f) != 0)
		;
	o = output_open("out", in);
	capture_start();
	r = output_begin(o, "in.dcm");
	capture_end();
	s = get_file("out/in.dcm", NULL);
	ok(r == -1 && strstr(captured, "inputs") != NULL && strcmp(s, "input") == 0,
	    "output: an input is not replaced");
	free(s);
	r = output_begin(o, "other.dcm");
	output_commit(o, NULL, NULL);
	output_close(o);
	input_close(in);
	ok(exists("out/other.dcm"), "output: NULL callback allowed");

	/* leftover temp files */
	if (gethostname(host, sizeof(host)) == -1)
		strcpy(host, "localhost");
	if ((pid = fork()) == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	mkdir("out2", 0755);
	mkdir("out2/sub", 0755);
	tmp = esprintf("out2/sub/.dcmscrub.%s.%ld.AbCdEf", host, (long)pid);
	put_str(tmp, "junk");
	s = esprintf("out2/sub/.dcmscrub.%s.%ld.GhIjKl", host, (long)getppid());
	put_str(s, "alive");
	o = output_open("out2", NULL);
	memset(&c, 0, sizeof(c));
	capture_start();
	emit(o, "sub/f.dcm", "f", &c);
	capture_end();
	ok(!exists(tmp) && exists(s), "output: a dead process's temp removed, a live one's kept");
	output_close(o);
	ok(exists("out2/sub/f.dcm") && c.n == 1, "output: close flushes");
	unlink(s);
	free(s);
	free(tmp);

	capture_start();
	o = output_open("-", NULL);
	ok(o == NULL, "output: \"-\" refused");
	o = output_open("lone.dcm/sub", NULL);
	capture_end();
	ok(o == NULL, "output: an output under a file fails at open");
}

static void
test_output_archive(const char *name, const char *name2)
{
	struct input_file f;
	struct input *in;
	struct output *o;
	struct calls c;
	char *argv[1], *a, *b;
	size_t alen, blen;
	int r, good, pass;

	for (pass = 0; pass < 2; pass++) {
		memset(&c, 0, sizeof(c));
		/* The second archive is written in another zone and locale: same bytes. */
		setenv("TZ", pass ? "Asia/Tokyo" : "America/New_York", 1);
		setlocale(LC_ALL, pass ? "C.UTF-8" : "C");
		o = output_open(pass ? name2 : name, NULL);
		r = o == NULL;
		r |= emit(o, "p/1.dcm", "one one", &c);
		r |= emit(o, "2.dcm", "two", &c);
		r |= emit(o, "caf\xc3\xa9/\xe6\x97\xa5.dcm", "utf8", &c);
		if (pass == 0)
			ok(r == 0 && output_is_archive(o) && !exists(name) && c.n == 0,
			    "output: %s not there before close", name);
		r = output_close(o);
		if (pass == 0)
			ok(r == 0 && exists(name) && c.n == 3 && c.nnull == 3 &&
			    temps_in("arch") == 0, "output: %s in place at close, callbacks with NULL", name);
	}
	unsetenv("TZ");
	setlocale(LC_ALL, "C");
	a = get_file(name, &alen);
	b = get_file(name2, &blen);
	ok(a != NULL && b != NULL && alen == blen && memcmp(a, b, alen) == 0,
	    "output: %s byte-identical for identical inputs", name);
	if (strstr(name, ".gz") != NULL)
		ok(alen > 10 && (unsigned char)a[0] == 0x1f && a[4] == 0 && a[5] == 0 && a[6] == 0 &&
		    a[7] == 0, "output: gzip header without a time stamp");
	free(a);
	free(b);

	argv[0] = (char *)name;
	in = input_open(1, argv, 0, NULL);
	/* members come in the order of their names, whatever the order written */
	r = input_next(in, &f);
	good = r == 1 && strstr(f.name, ":2.dcm") != NULL && f.len == 3;
	r = input_next(in, &f);
	good &= r == 1 && strstr(f.name, ":caf\xc3\xa9/\xe6\x97\xa5.dcm") != NULL && f.len == 4;
	r = input_next(in, &f);
	good &= r == 1 && strstr(f.name, ":p/1.dcm") != NULL && f.len == 7 &&
	    memcmp(f.data, "one one", 7) == 0;
	ok(good && input_next(in, &f) == 0, "output: %s read back by input, members sorted by name", name);
	input_close(in);
}

int
main(void)
{
	char dir[4096];
	const char *t;

	setprogname("t-lib");
	t = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/t-lib.XXXXXX", t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(dir) == NULL || chdir(dir) == -1)
		eprintf("%s:", dir);

	test_manifest();
	test_input_tree();
	test_input_archives();
	test_input_manifest();
	test_output_dir();
	mkdir("arch", 0755);
	test_output_archive("arch/o.zip", "arch/o2.zip");
	test_output_archive("arch/o.tar.gz", "arch/o2.TGZ");
	test_output_archive("arch/o.tar", "arch/o2.tar");

	printf("1..%d\n", tap_ntests);
	if (chdir("/") == 0)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return tap_nfailed != 0;
}
