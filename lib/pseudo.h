/*
 * pseudo.h: keyed pseudonyms.  Every pseudonym is HMAC-SHA256 (libsodium)
 * of a kind label and the original value under the project key, so the same
 * key gives the same pseudonyms on every machine with no shared state.
 */
#ifndef DCMSCRUB_PSEUDO_H
#define DCMSCRUB_PSEUDO_H

#include <stddef.h>
#include <stdint.h>

#define PSEUDO_KEYLEN 32

struct pseudo_key {
	unsigned char k[PSEUDO_KEYLEN];
	int random;	/* 1 if made up for this run (no -k) */
};

/*
 * Read a key file: 32 raw bytes, or 64 hex digits (optional trailing newline).
 * path NULL: $DCMSCRUB_KEY names the file; if unset, a random key with a warning.
 * Warns when the file is readable by group or others.  Returns 0, or -1
 * after weprintf() (bad key file: the caller exits 2).
 */
int pseudo_key_load(struct pseudo_key *key, const char *path);

/* HMAC-SHA256(key, kind || 0x00 || value) into out[32]. */
void pseudo_hmac(const struct pseudo_key *key, const char *kind, const char *value,
    size_t len, unsigned char out[32]);

/*
 * "2.25." + the first 128 bits of the HMAC as a decimal integer (at most 44
 * chars + NUL).  UIDs the standard defines (1.2.840.10008.*) are copied as
 * they are.  out must hold 64 bytes.
 */
void pseudo_uid(const struct pseudo_key *key, const char *uid, char out[64]);
/*
 * pseudo_uid() of the text fmt makes (a tool's label and the UIDs a new one
 * derives from: "dcm-deface/series/<uid>"), so that a derived UID never equals
 * the pseudonym of the UID it comes from.
 */
void pseudo_uidf(const struct pseudo_key *key, char out[64], const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 1 if uid is one the standard defines (SOP class, transfer syntax, ...). */
int pseudo_uid_is_standard(const char *uid);

/* A short readable patient pseudonym: "P" + 12 base32 letters; out holds 16. */
void pseudo_patient(const struct pseudo_key *key, const char *issuer, const char *id, char out[16]);

/* A per-patient date offset in days, in [-3650, -365]. */
int pseudo_date_offset(const struct pseudo_key *key, const char *patient_key);

/* Shift a DA (YYYYMMDD) or the date part of a DT by days; out holds 32. Returns 0, -1 if unparseable. */
int pseudo_shift_date(const char *da, int days, char out[32]);

#endif
