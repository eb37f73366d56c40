/*
 * profile.h: PS3.15 Annex E Table E.1-1 (Application Level Confidentiality
 * Profile Attributes), generated into profile_table.c from
 * data/annexE-2024b.tsv by scripts/gen-profile-table.
 */
#ifndef DCMSCRUB_PROFILE_H
#define DCMSCRUB_PROFILE_H

#include <stdint.h>
#include <stddef.h>

/* Actions of the table. */
enum profile_action {
	PA_NONE = 0,	/* not in the table / option does not change the action */
	PA_D,		/* replace with a dummy value */
	PA_Z,		/* zero length (or dummy) */
	PA_X,		/* remove */
	PA_K,		/* keep */
	PA_C,		/* clean (for the modified-dates option: shift) */
	PA_U,		/* replace UID consistently */
	PA_XZ,		/* X/Z: by IOD type */
	PA_XD,		/* X/D */
	PA_ZD,		/* Z/D */
	PA_XZD,		/* X/Z/D */
	PA_XZU,		/* X/Z/U*: sequence of references */
};

/* Option columns, in the order of the table. */
enum profile_option {
	PO_RETAIN_SAFE_PRIVATE,
	PO_RETAIN_UIDS,
	PO_RETAIN_DEVICE_IDENTITY,
	PO_RETAIN_INSTITUTION_IDENTITY,
	PO_RETAIN_PATIENT_CHARS,
	PO_RETAIN_LONG_FULL_DATES,
	PO_RETAIN_LONG_MODIFIED_DATES,
	PO_CLEAN_DESCRIPTORS,
	PO_CLEAN_STRUCTURED_CONTENT,
	PO_CLEAN_GRAPHICS,
	PO_NOPTIONS
};

struct profile_row {
	uint32_t tag;		/* group << 16 | element; for wildcards the pattern with X digits as 0 */
	uint32_t mask;		/* bits that must match tag (0xffffffff for a plain row) */
	const char *keyword;	/* "" for wildcard rows */
	const char *vr;
	const char *name;
	unsigned char retired;	/* 'Y' or 'N' */
	unsigned char basic;	/* enum profile_action */
	unsigned char option[PO_NOPTIONS];	/* enum profile_action, PA_NONE = unchanged */
};

/* Rows with mask == 0xffffffff, sorted by tag, then the wildcard rows. */
extern const struct profile_row profile_rows[];
extern const size_t profile_nrows;	/* all rows */
extern const size_t profile_nplain;	/* the sorted plain rows come first */

/*
 * The row for a tag: plain rows by binary search, then the wildcard rows in
 * order, the private row first (tag 0x00010000, mask 0x00010000: any odd
 * group), then curves (50XX,XXXX) and overlays (60XX,3000), (60XX,4000).  NULL if none.
 */
const struct profile_row *profile_lookup(uint32_t tag);

/* Option names as on the command line ("retain-safe-private"), indexed by enum profile_option. */
extern const char *const profile_option_names[PO_NOPTIONS];
/* CID 7050 code value and meaning of each option ("113111", "Retain Safe Private Option"). */
extern const char *const profile_option_codes[PO_NOPTIONS][2];

/* "X", "X/Z", ... for an action. */
const char *profile_action_name(int action);

#endif
