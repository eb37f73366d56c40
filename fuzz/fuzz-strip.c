/*
 * fuzz-strip: one DICOM file parsed by dcmtk (lib/dcm.cc) and de-identified
 * the way dcm-strip does it, then written and read back.
 *
 * The de-identification is cmd/dcm-strip.c's own (strip_file() and its
 * helpers are static there), so the tool's file is included as it is, its
 * main() renamed.  The first byte of the input chooses the options (profile
 * options, --keep PatientAge, --allow-burned-in); the rest is the file.
 * strip_file() runs in its --explain mode (the report goes to /dev/null), so
 * nothing touches an output tree; the dataset is then written with
 * dcm_write_mem() and parsed again, as a reader of dcm-strip's output would.
 */
#define main dcm_strip_main
#include "../cmd/dcm-strip.c"
#undef main

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	setprogname("fuzz-strip");
	if (dcm_init(&err) != DCM_OK) {
		fprintf(stderr, "fuzz-strip: %s\n", err);
		exit(1);
	}
	if ((devnull = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz-strip: /dev/null");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum profile_option opts[] = {
		PO_RETAIN_SAFE_PRIVATE, PO_RETAIN_UIDS, PO_RETAIN_PATIENT_CHARS,
		PO_RETAIN_LONG_MODIFIED_DATES, PO_CLEAN_DESCRIPTORS, PO_CLEAN_STRUCTURED_CONTENT,
	};
	static uint32_t keep[] = { DCM_TAG(0x0010, 0x1010), DCM_TAG(0x0010, 0x0040) };
	struct strip s;
	dcm_file *f, *back;
	char *err = NULL;
	void *buf = NULL;
	size_t len = 0, k, o;
	unsigned sel;

	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;

	memset(&s, 0, sizeof(s));
	s.layout = LAYOUT_DEFAULT;
	memset(s.key.k, 0x5a, sizeof(s.key.k));
	for (o = 0; o < sizeof(opts) / sizeof(opts[0]); o++)
		if (sel & (1u << o))
			s.opt[opts[o]] = 1;
	if (s.opt[PO_RETAIN_PATIENT_CHARS])
		s.keep_age = 1;
	if (sel & 0x40) {
		s.keep = keep;
		s.nkeep = sizeof(keep) / sizeof(keep[0]);
	}
	s.allow_burned_in = (sel & 0x80) != 0;
	/* as main() does: an option with C cells makes the values worth collecting */
	for (o = 0; o < PO_NOPTIONS; o++)
		for (k = 0; s.opt[o] && o != PO_RETAIN_LONG_MODIFIED_DATES && k < profile_nrows; k++)
			if (profile_rows[k].option[o] == PA_C || profile_rows[k].basic == PA_C)
				s.may_clean = 1;
	s.explain = devnull;

	if (dcm_open_mem(data, size, 0, &f, &err) != DCM_OK) {
		free(err);
		return 0;
	}
	if (strip_file(&s, f, "fuzz", NULL) == 0 && dcm_write_mem(f, &buf, &len, &err) == DCM_OK) {
		if (dcm_open_mem(buf, len, 0, &back, &err) == DCM_OK)
			dcm_close(back);
		else
			free(err), err = NULL;
		free(buf);
	} else {
		free(err);
	}
	dcm_close(f);
	return 0;
}
