/*
 * fuzz-nrrd: the NRRD reader (lib/nrrd.c, vol_read_nrrd() from
 * memory: an attached .nrrd, raw, gzip or ascii).  A volume read must be
 * consistent: its data holds dim[0..3] voxels of bytes_per_voxel (touched
 * at both ends, so ASan sees a short buffer).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nrrd.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setprogname("fuzz-nrrd");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct volume v;
	char *err = NULL;
	size_t n;
	int oriented = 0;
	volatile unsigned char c;

	memset(&v, 0, sizeof(v));
	if (vol_read_nrrd(NULL, data, size, &v, &oriented, &err) != 0) {
		free(err);
		return 0;
	}
	n = v.dim[0] * v.dim[1] * v.dim[2] * v.dim[3] * v.bytes_per_voxel;
	if (n > 0 && v.data != NULL) {
		c = ((unsigned char *)v.data)[0];
		c = ((unsigned char *)v.data)[n - 1];
		(void)c;
	}
	vol_free(&v);
	return 0;
}
