/*
 * fuzz-manifest: manifest records (lib/manifest.c) parsed from arbitrary
 * lines and written back, as the tools pass them on.
 *
 * The first byte chooses newline or NUL records (-0); the rest is split at
 * the terminator like input.c splits stdin.  Each line goes through
 * manifest_parse(), manifest_write(), manifest_write_raw(), manifest_pass()
 * and the pending_record path, writing to /dev/null.  A parsed record must
 * hold no TAB in any field (checked: a violation aborts).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setprogname("fuzz-manifest");
	if ((devnull = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz-manifest: /dev/null");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct record r;
	struct pending_record *p;
	char *buf, *line, *end, *copy;
	int nul, fatal = 0, i;
	char term;

	if (size < 1)
		return 0;
	nul = data[0] & 1;
	term = nul ? '\0' : '\n';
	buf = emalloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	end = buf + size - 1;
	for (line = buf; line < end; line += strlen(line) + 1) {
		char *t = memchr(line, term, (size_t)(end - line));

		if (t != NULL)
			*t = '\0';
		/* a line with a NUL byte ends there, as getdelim() then strlen() sees it */
		copy = estrdup(line);
		manifest_write_raw(devnull, line, nul);
		if (manifest_parse(line, &r) == 0) {
			for (i = 0; i < MF_NFIELDS; i++)
				if (r.field[i] != NULL && (strchr(r.field[i], '\t') != NULL ||
				    r.field[i][0] == '\0'))
					abort();
			manifest_write(devnull, &r, nul);
			manifest_pass(devnull, NULL, r.field[MF_PATH], nul);
			p = pending_record_new(nul, &fatal);
			for (i = 1; i < MF_NFIELDS; i++)
				if (r.field[i] != NULL)
					p->field[i] = estrdup(r.field[i]);
			/* pending_record_done prints to stdout: keep it quiet */
			p->print = 0;
			pending_record_done(p, r.field[MF_PATH]);
		}
		manifest_pass(devnull, copy, NULL, nul);
		free(copy);
	}
	free(buf);
	return 0;
}
