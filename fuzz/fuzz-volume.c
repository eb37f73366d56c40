/*
 * fuzz-volume: volume assembly from a set of headers (lib/volume.c).
 * The input is cut at each "FUZZ-NEXT-FILE" into up to 16 DICOM files; each
 * is filed with series_add() from memory (dcmscan or dcmtk reads it), then
 * every stack is read with series_volume() and its slices as stored with
 * series_slice_raw(), as dcm-convert and dcm-merge-frames do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcm.h"
#include "util.h"
#include "volume.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP "FUZZ-NEXT-FILE"
#define MAXFILES 16

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	setprogname("fuzz-volume");
	if (dcm_init(&err) != DCM_OK) {
		fprintf(stderr, "fuzz-volume: %s\n", err);
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct series_set *set = series_new();
	struct stack_slice sl;
	struct volume v;
	const uint8_t *p = data, *end = data + size, *q;
	char name[16], *why = NULL;
	size_t i, j, n, nf = 0, count, index;
	void *raw;
	volatile unsigned char c;

	while (nf < MAXFILES) {
		q = memmem(p, (size_t)(end - p), SEP, sizeof(SEP) - 1);
		snprintf(name, sizeof(name), "f%zu", nf++);
		if (series_add(set, name, NULL, p, (size_t)((q != NULL ? q : end) - p), NULL,
		    &why) != 0) {
			free(why);
			why = NULL;
		}
		if (q == NULL)
			break;
		p = q + sizeof(SEP) - 1;
	}
	n = series_count(set);
	for (i = 0; i < n; i++) {
		(void)series_name(set, i);
		series_stack_index(set, i, &index, &count);
		memset(&v, 0, sizeof(v));
		if (series_volume(set, i, &v, &why) == 0) {
			size_t nb = v.dim[0] * v.dim[1] * v.dim[2] * v.dim[3] * v.bytes_per_voxel;

			if (nb > 0) {
				c = ((unsigned char *)v.data)[0];
				c = ((unsigned char *)v.data)[nb - 1];
			}
			vol_free(&v);
		} else {
			free(why);
			why = NULL;
		}
		for (j = 0; j < series_stack_size(set, i) && j < 4; j++) {
			size_t len;

			series_stack_slice(set, i, j, &sl);
			len = (size_t)sl.rows * sl.cols * sl.samples * sl.bits_alloc / 8;
			if (len == 0 || len > (64u << 20))
				continue;
			raw = emalloc(len);
			if (series_slice_raw(set, i, j, raw, &why) != 0) {
				free(why);
				why = NULL;
			} else {
				c = ((unsigned char *)raw)[len - 1];
			}
			free(raw);
		}
	}
	(void)c;
	series_free(set);
	return 0;
}
