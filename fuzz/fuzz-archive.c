/*
 * fuzz-archive: archive inputs (lib/input.c through input_open() and
 * input_next(), libarchive underneath).  The bytes are written to a file in
 * a private directory made once, named x.zip and x.tar in turn (input.c
 * detects the format by content; the names only show up in messages), and
 * every member is read.  Limits are small so that the ratio and size checks
 * are reached.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char zipname[96], tarname[96];

static void
cleanup(void)
{
	unlink(zipname);
	unlink(tarname);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	setprogname("fuzz-archive");
	snprintf(dir, sizeof(dir), "%s/fuzz-archive.XXXXXX",
	    t != NULL && *t != '\0' && strlen(t) < 30 ? t : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-archive: mkdtemp");
		exit(1);
	}
	snprintf(zipname, sizeof(zipname), "%s/x.zip", dir);
	snprintf(tarname, sizeof(tarname), "%s/x.tar", dir);
	atexit(cleanup);
	return 0;
}

static void
one(const char *name, const uint8_t *data, size_t size)
{
	struct input_limits lim = { 1 << 20, 8 << 20, 100.0 };
	struct input_file f;
	struct input *in;
	char *argv[1];
	FILE *fp;
	unsigned long sum = 0;
	int r, n = 0;

	if ((fp = fopen(name, "w")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	argv[0] = (char *)name;
	in = input_open(1, argv, 0, &lim);
	/* -1 is one bad member: input.c goes on with the next; bound the loop anyway */
	while ((r = input_next(in, &f)) != 0 && n++ < 10000) {
		if (r == 1 && f.data != NULL && f.len > 0)
			sum += ((const unsigned char *)f.data)[0] + ((const unsigned char *)f.data)[f.len - 1];
	}
	(void)sum;
	input_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(zipname, data, size);
	one(tarname, data, size);
	return 0;
}
