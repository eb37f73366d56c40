/*
 * layout.h: the relative path of an output file from a template such as
 * "<patient>/<study_uid>/<series_uid>/<sop_uid>.dcm".  Fields: <patient>
 * <study_uid> <series_uid> <sop_uid> <modality> <instance>.  A value never
 * adds a directory, a dot-file or a control character: anything but
 * [A-Za-z0-9._-] becomes '_', a leading '.' too, an empty value "unknown".
 */
#ifndef DCMSCRUB_LAYOUT_H
#define DCMSCRUB_LAYOUT_H

#include "dcm.h"
#include "manifest.h"

#define LAYOUT_DEFAULT "<patient>/<study_uid>/<series_uid>/<sop_uid>.dcm"

/* 0 if the template is relative, has no "..", and names known fields only. */
int layout_check(const char *layout);
/* The path for a record's fields (MF_PATIENT ... MF_SOP_UID, MF_MODALITY); malloc'd. */
char *layout_path(const char *layout, const struct record *r, const char *instance);
/*
 * The record of a DICOM file from its header (modality, patient, study,
 * series and SOP instance UIDs, NumberOfFrames or 1), waiting for its file
 * (manifest.h), and in *rel the file's path under layout (malloc'd).
 */
struct pending_record *layout_dicom_record(dcm_item *ds, const char *layout, int nul, int *fatal,
    char **rel);

#endif
