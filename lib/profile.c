/*
 * profile.c: lookups in PS3.15 Annex E Table E.1-1 (profile_table.c) and the
 * names of its options and actions.
 */
#include "profile.h"

const char *const profile_option_names[PO_NOPTIONS] = {
	[PO_RETAIN_SAFE_PRIVATE] = "retain-safe-private",
	[PO_RETAIN_UIDS] = "retain-uids",
	[PO_RETAIN_DEVICE_IDENTITY] = "retain-device-identity",
	[PO_RETAIN_INSTITUTION_IDENTITY] = "retain-institution-identity",
	[PO_RETAIN_PATIENT_CHARS] = "retain-patient-chars",
	[PO_RETAIN_LONG_FULL_DATES] = "retain-long-full-dates",
	[PO_RETAIN_LONG_MODIFIED_DATES] = "retain-long-modified-dates",
	[PO_CLEAN_DESCRIPTORS] = "clean-descriptors",
	[PO_CLEAN_STRUCTURED_CONTENT] = "clean-structured-content",
	[PO_CLEAN_GRAPHICS] = "clean-graphics",
};

/* PS3.16 CID 7050 "De-identification Method", coding scheme DCM. */
const char *const profile_option_codes[PO_NOPTIONS][2] = {
	[PO_RETAIN_SAFE_PRIVATE] = { "113111", "Retain Safe Private Option" },
	[PO_RETAIN_UIDS] = { "113110", "Retain UIDs Option" },
	[PO_RETAIN_DEVICE_IDENTITY] = { "113109", "Retain Device Identity Option" },
	[PO_RETAIN_INSTITUTION_IDENTITY] = { "113112", "Retain Institution Identity Option" },
	[PO_RETAIN_PATIENT_CHARS] = { "113108", "Retain Patient Characteristics Option" },
	[PO_RETAIN_LONG_FULL_DATES] =
	    { "113106", "Retain Longitudinal Temporal Information Full Dates Option" },
	[PO_RETAIN_LONG_MODIFIED_DATES] =
	    { "113107", "Retain Longitudinal Temporal Information Modified Dates Option" },
	[PO_CLEAN_DESCRIPTORS] = { "113105", "Clean Descriptors Option" },
	[PO_CLEAN_STRUCTURED_CONTENT] = { "113104", "Clean Structured Content Option" },
	[PO_CLEAN_GRAPHICS] = { "113103", "Clean Graphics Option" },
};

static const char *const action_names[] = {
	[PA_NONE] = "",
	[PA_D] = "D",
	[PA_Z] = "Z",
	[PA_X] = "X",
	[PA_K] = "K",
	[PA_C] = "C",
	[PA_U] = "U",
	[PA_XZ] = "X/Z",
	[PA_XD] = "X/D",
	[PA_ZD] = "Z/D",
	[PA_XZD] = "X/Z/D",
	[PA_XZU] = "X/Z/U*",
};

const char *
profile_action_name(int action)
{
	if (action < 0 ||
	    (size_t)action >= sizeof(action_names) / sizeof(action_names[0]))
		return "?";
	return action_names[action];
}

const struct profile_row *
profile_lookup(uint32_t tag)
{
	size_t lo, hi, mid, i;

	/* the plain rows are sorted by tag */
	lo = 0;
	hi = profile_nplain;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (profile_rows[mid].tag == tag)
			return &profile_rows[mid];
		if (profile_rows[mid].tag < tag)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* wildcards in table order: the private row first, so an odd group never matches a curve */
	for (i = profile_nplain; i < profile_nrows; i++)
		if ((tag & profile_rows[i].mask) == profile_rows[i].tag)
			return &profile_rows[i];
	return NULL;
}
