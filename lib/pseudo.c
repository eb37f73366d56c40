/* pseudo.c: keyed pseudonyms from HMAC-SHA256 (libsodium). */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "pseudo.h"
#include "util.h"

static int hexval(int c);

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
pseudo_key_load(struct pseudo_key *key, const char *path)
{
	unsigned char buf[130];
	struct stat st;
	ssize_t n;
	size_t len, i;
	int fd;

	if (sodium_init() < 0) {
		weprintf("libsodium: cannot initialise");
		return -1;
	}
	memset(key, 0, sizeof(*key));
	if (path == NULL)
		path = getenv("DCMSCRUB_KEY");
	if (path == NULL || *path == '\0') {
		randombytes_buf(key->k, sizeof(key->k));
		key->random = 1;
		wnote("no key (-k or DCMSCRUB_KEY): using a random key; "
		    "these pseudonyms will not match any other run");
		return 0;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		weprintf("%s:", path);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		weprintf("%s: not a regular key file", path);
		close(fd);
		return -1;
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		wnote("%s: key file is readable by group or others (chmod 600 it)", path);
	len = 0;
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			weprintf("%s:", path);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len == PSEUDO_KEYLEN) {
		memcpy(key->k, buf, PSEUDO_KEYLEN);
		sodium_memzero(buf, sizeof(buf));
		return 0;
	}
	/* 64 hex digits, optionally followed by a newline */
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if (len == 2 * PSEUDO_KEYLEN) {
		for (i = 0; i < PSEUDO_KEYLEN; i++) {
			int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);

			if (hi < 0 || lo < 0)
				break;
			key->k[i] = (unsigned char)(hi << 4 | lo);
		}
		if (i == PSEUDO_KEYLEN) {
			sodium_memzero(buf, sizeof(buf));
			return 0;
		}
	}
	sodium_memzero(buf, sizeof(buf));
	weprintf("%s: not a key (32 bytes, or 64 hex digits)", path);
	return -1;
}

void
pseudo_hmac(const struct pseudo_key *key, const char *kind, const char *value,
    size_t len, unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;
	unsigned char zero = 0;

	crypto_auth_hmacsha256_init(&st, key->k, PSEUDO_KEYLEN);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)kind, strlen(kind));
	crypto_auth_hmacsha256_update(&st, &zero, 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)value, len);
	crypto_auth_hmacsha256_final(&st, out);
}

int
pseudo_uid_is_standard(const char *uid)
{
	return strncmp(uid, "1.2.840.10008.", 14) == 0;
}

void
pseudo_uid(const struct pseudo_key *key, const char *uid, char out[64])
{
	unsigned char mac[32];
	unsigned __int128 v = 0;
	char digits[48];
	int i, n;

	if (pseudo_uid_is_standard(uid)) {
		snprintf(out, 64, "%s", uid);
		return;
	}
	pseudo_hmac(key, "uid", uid, strlen(uid), mac);
	for (i = 0; i < 16; i++)
		v = v << 8 | mac[i];
	n = 0;
	do {
		digits[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	memcpy(out, "2.25.", 5);
	for (i = 0; i < n; i++)
		out[5 + i] = digits[n - 1 - i];
	out[5 + n] = '\0';
}

void
pseudo_patient(const struct pseudo_key *key, const char *issuer, const char *id, char out[16])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char mac[32];
	uint64_t v = 0;
	char *buf;
	size_t li = strlen(issuer), lid = strlen(id);
	int i;

	/* issuer NUL id: the same ID from two issuers is two patients */
	buf = emalloc(li + lid + 1);
	memcpy(buf, issuer, li);
	buf[li] = '\0';
	memcpy(buf + li + 1, id, lid);
	pseudo_hmac(key, "patient", buf, li + 1 + lid, mac);
	free(buf);
	for (i = 0; i < 8; i++)
		v = v << 8 | mac[i];
	out[0] = 'P';
	for (i = 0; i < 12; i++)
		out[1 + i] = b32[(v >> (59 - 5 * i)) & 31];
	out[13] = '\0';
}

int
pseudo_date_offset(const struct pseudo_key *key, const char *patient_key)
{
	unsigned char mac[32];
	uint32_t v;

	pseudo_hmac(key, "date_offset", patient_key, strlen(patient_key), mac);
	v = (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 | (uint32_t)mac[2] << 8 | mac[3];
	return -365 - (int)(v % (3650 - 365 + 1));
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

int
pseudo_shift_date(const char *da, int days, char out[32])
{
	unsigned m, d;
	long y, z;
	int i;

	/* accept YYYYMMDD followed by anything (a DT's time part is kept) */
	for (i = 0; i < 8; i++)
		if (da[i] < '0' || da[i] > '9')
			return -1;
	y = (da[0] - '0') * 1000 + (da[1] - '0') * 100 + (da[2] - '0') * 10 + (da[3] - '0');
	m = (unsigned)((da[4] - '0') * 10 + (da[5] - '0'));
	d = (unsigned)((da[6] - '0') * 10 + (da[7] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > 31 || strlen(da) > 26)
		return -1;
	z = days_from_civil(y, m, d) + days;
	civil_from_days(z, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	snprintf(out, 32, "%04ld%02u%02u%s", y, m, d, da + 8);
	return 0;
}

void
pseudo_uidf(const struct pseudo_key *key, char out[64], const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		eprintf("out of memory");
	pseudo_uid(key, text, out);
	free(text);
}
