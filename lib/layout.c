/* layout.c: output paths from a template of non-identifying fields. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "manifest.h"
#include "util.h"

static const char *const layout_fields[] = {
	"patient", "study_uid", "series_uid", "sop_uid", "modality", "instance",
};

int
layout_check(const char *layout)
{
	const char *p = layout, *q;
	size_t i, n;

	if (*layout == '\0' || *layout == '/')
		return -1;
	while ((p = strchr(p, '<')) != NULL) {
		if ((q = strchr(p, '>')) == NULL)
			return -1;
		n = (size_t)(q - p - 1);
		for (i = 0; i < sizeof(layout_fields) / sizeof(layout_fields[0]); i++)
			if (strlen(layout_fields[i]) == n && strncmp(p + 1, layout_fields[i], n) == 0)
				break;
		if (i == sizeof(layout_fields) / sizeof(layout_fields[0]))
			return -1;
		p = q + 1;
	}
	return strstr(layout, "..") != NULL ? -1 : 0;
}

/* The output's relative path: template fields replaced by safe path components. */
char *
layout_path(const char *layout, const struct record *p, const char *instance)
{
	const char *values[6];
	size_t cap = 256, len = 0, i, n;
	char *out = emalloc(cap);
	const char *c = layout;

	values[0] = p->field[MF_PATIENT];
	values[1] = p->field[MF_STUDY_UID];
	values[2] = p->field[MF_SERIES_UID];
	values[3] = p->field[MF_SOP_UID];
	values[4] = p->field[MF_MODALITY];
	values[5] = instance;
	while (*c != '\0') {
		const char *v = NULL;
		char one[2] = { *c, '\0' };

		if (*c == '<') {
			const char *q = strchr(c, '>');

			n = (size_t)(q - c - 1);
			for (i = 0; i < 6; i++)
				if (strlen(layout_fields[i]) == n && strncmp(c + 1, layout_fields[i], n) == 0)
					v = values[i];
			if (v == NULL || *v == '\0')
				v = "unknown";
			c = q + 1;
		} else {
			v = one;
			c++;
		}
		n = strlen(v);
		if (len + n + 1 > cap)
			out = erealloc(out, cap = (len + n + 1) * 2);
		for (i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)v[i];

			/* a value never adds a directory, a dot-file or a control character */
			if (v != one && !(isalnum(ch) || ch == '.' || ch == '-' || ch == '_'))
				ch = '_';
			if (v != one && i == 0 && ch == '.')
				ch = '_';
			out[len++] = (char)ch;
		}
	}
	out[len] = '\0';
	return out;
}


struct pending_record *
layout_dicom_record(dcm_item *ds, const char *layout, int nul, int *fatal, char **rel)
{
	struct pending_record *p = pending_record_new(nul, fatal);
	struct record r;
	char *frames;
	int i;

	p->field[MF_MODALITY] = dcm_item_text(ds, DCM_TAG(0x0008, 0x0060));
	p->field[MF_PATIENT] = dcm_item_text(ds, DCM_TAG(0x0010, 0x0020));
	p->field[MF_STUDY_UID] = dcm_item_text(ds, DCM_TAG(0x0020, 0x000d));
	p->field[MF_SERIES_UID] = dcm_item_text(ds, DCM_TAG(0x0020, 0x000e));
	p->field[MF_SOP_UID] = dcm_item_text(ds, DCM_TAG(0x0008, 0x0018));
	frames = dcm_item_text(ds, DCM_TAG(0x0028, 0x0008));
	p->field[MF_FRAMES] = *frames != '\0' ? frames : estrdup("1");
	if (*frames == '\0')
		free(frames);
	for (i = 0; i < MF_NFIELDS; i++)
		r.field[i] = p->field[i];
	*rel = layout_path(layout, &r, "");
	return p;
}
