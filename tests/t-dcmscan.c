/*
 * t-dcmscan.c: lib/dcmscan against dcmtk, printing TAP.
 *
 *	t-dcmscan FILE...
 *
 * For each file: what dcmscan reads (from the path and from the bytes) is
 * what dcmtk reads, for every attribute dcm-convert takes from a header, and
 * the native Pixel Data it locates holds dcmtk's decoded pixels.  A file
 * dcmscan declines is fine (dcmtk reads it then); the line says so, so that
 * a caller can count.  Then every prefix of the file at 61 lengths, and
 * copies with bytes changed, go through dcmscan_mem: whatever it makes of
 * them, it stays inside the bytes (the sanitizer build checks) and never
 * locates pixel data beyond them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcm.h"
#include "dcmscan.h"
#include "util.h"
#include "tap.h"

static const uint32_t tags[] = {
	DCM_TAG(0x0008, 0x0008), DCM_TAG(0x0008, 0x0016), DCM_TAG(0x0008, 0x0018),
	DCM_TAG(0x0008, 0x0060), DCM_TAG(0x0010, 0x0020),
	DCM_TAG(0x0018, 0x0050), DCM_TAG(0x0018, 0x0086), DCM_TAG(0x0018, 0x0088),
	DCM_TAG(0x0020, 0x000d), DCM_TAG(0x0020, 0x000e), DCM_TAG(0x0020, 0x0011),
	DCM_TAG(0x0020, 0x0012), DCM_TAG(0x0020, 0x0013), DCM_TAG(0x0020, 0x0032),
	DCM_TAG(0x0020, 0x0037), DCM_TAG(0x0028, 0x0002), DCM_TAG(0x0028, 0x0004),
	DCM_TAG(0x0028, 0x0006), DCM_TAG(0x0028, 0x0008),
	DCM_TAG(0x0028, 0x0010), DCM_TAG(0x0028, 0x0011), DCM_TAG(0x0028, 0x0030),
	DCM_TAG(0x0028, 0x0100), DCM_TAG(0x0028, 0x0101), DCM_TAG(0x0028, 0x0102),
	DCM_TAG(0x0028, 0x0103), DCM_TAG(0x0028, 0x1052), DCM_TAG(0x0028, 0x1053),
};
#define NTAGS (sizeof(tags) / sizeof(tags[0]))

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *b = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (n == cap)
			b = erealloc(b, cap = cap ? cap * 2 : 65536);
		r = fread(b + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	*len = n;
	return b;
}

/* What dcmscan s and dcmtk item ds disagree on, or NULL. */
static char *
disagree(const struct dcmscan *s, dcm_item *ds)
{
	size_t i;

	for (i = 0; i < NTAGS; i++) {
		char *a = dcmscan_string(s, tags[i]), *b = dcm_item_string(ds, tags[i]);
		int same = (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
		char *why = same ? NULL : esprintf("(%04x,%04x): dcmscan '%s', dcmtk '%s'",
		    (unsigned)(tags[i] >> 16), (unsigned)(tags[i] & 0xffff), a ? a : "(none)",
		    b ? b : "(none)");

		free(a);
		free(b);
		if (why != NULL)
			return why;
	}
	return NULL;
}

/* Prefixes and altered copies: dcmscan stays inside the bytes. */
static int
hostile(const unsigned char *b, size_t len)
{
	unsigned char *c = emalloc(len + 1);
	size_t k, i;
	int bad = 0;

	for (k = 0; k <= 60 && !bad; k++) {
		size_t n = len * k / 60;
		struct dcmscan *s;
		uint64_t off, pl;

		memcpy(c, b, n);
		if (dcmscan_mem(c, n, &s) == DCMSCAN_OK) {
			if (dcmscan_pixels(s, &off, &pl) == 0 && off + pl > n)
				bad = 1;
			for (i = 0; i < NTAGS; i++)
				free(dcmscan_string(s, tags[i]));
			dcmscan_free(s);
		}
	}
	/* bytes of the header set to 0xff or 0x00 in turn: lengths gone wild */
	for (k = 132; k < len && k < 4096 && !bad; k += 7) {
		struct dcmscan *s;
		uint64_t off, pl;

		memcpy(c, b, len);
		c[k] = (k / 7) % 2 ? 0xff : 0x00;
		if (dcmscan_mem(c, len, &s) == DCMSCAN_OK) {
			if (dcmscan_pixels(s, &off, &pl) == 0 && off + pl > len)
				bad = 1;
			for (i = 0; i < NTAGS; i++)
				free(dcmscan_string(s, tags[i]));
			dcmscan_free(s);
		}
	}
	free(c);
	return !bad;
}

static void
check(const char *path)
{
	struct dcmscan *sp = NULL, *sm = NULL;
	dcm_file *f = NULL;
	char *err = NULL, *why = NULL;
	unsigned char *b;
	size_t len = 0;
	int rp, rm;

	if ((b = slurp(path, &len)) == NULL) {
		ok(0, "%s: readable", path);
		return;
	}
	rp = dcmscan_path(path, &sp);
	rm = dcmscan_mem(b, len, &sm);
	if (rp != rm) {
		ok(0, "%s: dcmscan from the path (%d) and from the bytes (%d) agree", path, rp, rm);
	} else if (rp != DCMSCAN_OK) {
		/* declined: dcmtk reads it; plainly not DICOM must be what dcmtk says too */
		if (rp == DCMSCAN_NOTDICOM)
			ok(dcm_open_path(path, DCM_HEADER_ONLY, &f, &err) != DCM_OK,
			    "%s: not DICOM, and dcmtk agrees", path);
		else
			ok(1, "%s: declined", path);
	} else if (dcm_open_path(path, 0, &f, &err) != DCM_OK) {
		ok(0, "%s: dcmscan read it but dcmtk did not (%s)", path, err);
	} else if ((why = disagree(sp, dcm_dataset(f))) != NULL ||
	    (why = disagree(sm, dcm_dataset(f))) != NULL) {
		ok(0, "%s: %s", path, why);
	} else {
		const void *px = NULL;
		size_t plen = 0;
		uint64_t off = 0, pl = 0;
		int has = dcmscan_pixels(sp, &off, &pl) == 0;

		if (!has)
			ok(!dcm_item_has(dcm_dataset(f), DCM_TAG(0x7fe0, 0x0010)),
			    "%s: the same values; no pixel data, as dcmtk says", path);
		else if (dcm_pixels(f, &px, &plen, &err) != DCM_OK)
			ok(0, "%s: dcmtk cannot decode the pixels dcmscan located (%s)", path, err);
		else
			ok(off + pl <= len && pl >= plen && memcmp(b + off, px, plen) == 0,
			    "%s: the same values and pixels (scanned)", path);
	}
	free(why);
	free(err);
	dcm_close(f);
	dcmscan_free(sp);
	dcmscan_free(sm);
	ok(hostile(b, len), "%s: prefixes and altered bytes stay in bounds", path);
	free(b);
}

int
main(int argc, char *argv[])
{
	char *err = NULL;
	int i;

	if (dcm_init(&err) != DCM_OK) {
		printf("1..0 # SKIP %s\n", err);
		return 0;
	}
	for (i = 1; i < argc; i++)
		check(argv[i]);
	return tap_done();
}
