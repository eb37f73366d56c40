/*
 * fuzz-dcmscan: the lean top-level reader (lib/dcmscan.c, dcmscan_mem()).
 * Every value it offers is read back: the strings of the tags dcm-convert
 * asks for, the raw bytes of each (touched at both ends), and the native
 * Pixel Data, which must lie inside the buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dcm.h"
#include "dcmscan.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t tags[] = {
	DCM_TAG(0x0002, 0x0010), DCM_TAG(0x0008, 0x0016), DCM_TAG(0x0008, 0x0018),
	DCM_TAG(0x0008, 0x0060), DCM_TAG(0x0010, 0x0020), DCM_TAG(0x0018, 0x0050),
	DCM_TAG(0x0018, 0x0081), DCM_TAG(0x0018, 0x0086), DCM_TAG(0x0020, 0x000d),
	DCM_TAG(0x0020, 0x000e), DCM_TAG(0x0020, 0x0011), DCM_TAG(0x0020, 0x0012),
	DCM_TAG(0x0020, 0x0013), DCM_TAG(0x0020, 0x0032), DCM_TAG(0x0020, 0x0037),
	DCM_TAG(0x0028, 0x0002), DCM_TAG(0x0028, 0x0004), DCM_TAG(0x0028, 0x0006),
	DCM_TAG(0x0028, 0x0008), DCM_TAG(0x0028, 0x0010), DCM_TAG(0x0028, 0x0011),
	DCM_TAG(0x0028, 0x0030), DCM_TAG(0x0028, 0x0100), DCM_TAG(0x0028, 0x0101),
	DCM_TAG(0x0028, 0x0102), DCM_TAG(0x0028, 0x0103), DCM_TAG(0x0028, 0x1052),
	DCM_TAG(0x0028, 0x1053), DCM_TAG(0x0029, 0x1010), DCM_TAG(0x0051, 0x100a),
	DCM_TAG(0x7fe0, 0x0010),
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setprogname("fuzz-dcmscan");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dcmscan *s;
	const void *b;
	uint64_t off, len;
	size_t n, i;
	char *v;
	volatile unsigned char c;

	if (dcmscan_mem(data, size, &s) != DCMSCAN_OK)
		return 0;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		v = dcmscan_string(s, tags[i]);
		if (v != NULL) {
			c = (unsigned char)v[strlen(v)];
			free(v);
		}
		if (dcmscan_bytes(s, tags[i], &b, &n) == 0 && n > 0) {
			c = ((const unsigned char *)b)[0];
			c = ((const unsigned char *)b)[n - 1];
		}
		(void)dcmscan_has(s, tags[i]);
	}
	if (dcmscan_pixels(s, &off, &len) == 0) {
		if (off > size || len > size - off)
			abort();	/* pixels said to lie outside the bytes */
		if (len > 0) {
			c = data[off];
			c = data[off + len - 1];
		}
	}
	(void)c;
	dcmscan_free(s);
	return 0;
}
