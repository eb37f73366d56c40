/* manifest.c: dcm-manifest(5) records, written and parsed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "util.h"

static int badfield(const char *s, int nul, int ispath);
static int put(FILE *fp, const char *s, size_t len);

static const char header[] =
    "#path\tmodality\tpatient\tstudy_uid\tseries_uid\tsop_uid\tframes";

/*
 * With -0 the terminator cannot occur inside a C string, so only TAB breaks a
 * record; a newline is still refused outside the path, where no tool expects
 * one and where it would only be a mangled DICOM value.
 */
static int
badfield(const char *s, int nul, int ispath)
{
	if (nul && ispath)
		return strchr(s, '\t') != NULL;
	return strpbrk(s, "\t\r\n") != NULL;
}

static int
put(FILE *fp, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	return fwrite(s, 1, len, fp) == len ? 0 : -1;
}

int
manifest_write_header(FILE *fp, int nul)
{
	if (put(fp, header, sizeof(header) - 1) == -1)
		return -1;
	return putc(nul ? '\0' : '\n', fp) == EOF ? -1 : 0;
}

int
manifest_write(FILE *fp, const struct record *r, int nul)
{
	int i;

	for (i = 0; i < MF_NFIELDS; i++) {
		if (r->field[i] != NULL && badfield(r->field[i], nul, i == MF_PATH)) {
			errno = EINVAL;
			return -1;
		}
	}
	for (i = 0; i < MF_NFIELDS; i++) {
		if (i > 0 && putc('\t', fp) == EOF)
			return -1;
		if (r->field[i] != NULL && put(fp, r->field[i], strlen(r->field[i])) == -1)
			return -1;
	}
	return putc(nul ? '\0' : '\n', fp) == EOF ? -1 : 0;
}

int
manifest_pass(FILE *fp, const char *record, const char *path, int nul)
{
	struct record r;

	if (record != NULL)
		return manifest_write_raw(fp, record, nul);
	if (path == NULL)
		return 1;
	memset(&r, 0, sizeof(r));
	r.field[MF_PATH] = path;
	return manifest_write(fp, &r, nul);
}

int
manifest_write_raw(FILE *fp, const char *line, int nul)
{
	if (!nul && strpbrk(line, "\r\n") != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (put(fp, line, strlen(line)) == -1)
		return -1;
	return putc(nul ? '\0' : '\n', fp) == EOF ? -1 : 0;
}

int
manifest_parse(char *line, struct record *r)
{
	char *p, *tab;
	int i;

	for (i = 0; i < MF_NFIELDS; i++)
		r->field[i] = NULL;
	if (line[0] == '\0' || line[0] == '#')
		return -1;
	p = line;
	for (i = 0; i < MF_NFIELDS && p != NULL; i++) {
		tab = strchr(p, '\t');
		if (tab != NULL)
			*tab++ = '\0';
		/* An empty field is a value that does not apply: the same as a missing one. */
		r->field[i] = *p != '\0' ? p : NULL;
		p = tab;
	}
	return 0;
}

struct pending_record *
pending_record_new(int nul, int *fatal)
{
	struct pending_record *p = ecalloc(1, sizeof(*p));

	p->print = 1;
	p->nul = nul;
	p->fatal = fatal;
	return p;
}

void
pending_record_free(struct pending_record *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < MF_NFIELDS; i++)
		free(p->field[i]);
	free(p);
}

void
pending_record_done(void *arg, const char *final)
{
	struct pending_record *p = arg;
	struct record r;
	int i;

	if (p->print && final != NULL && *p->fatal == 0) {
		for (i = 0; i < MF_NFIELDS; i++)
			r.field[i] = p->field[i];
		r.field[MF_PATH] = final;
		if (manifest_write(stdout, &r, p->nul) < 0 || ferror(stdout))
			*p->fatal = errno != 0 ? errno : EIO;
	}
	pending_record_free(p);
}
