/* t-pseudo: unit tests of lib/pseudo.c and lib/crosswalk.c, printing TAP. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crosswalk.h"
#include "pseudo.h"
#include "util.h"
#include "tap.h"


static int
write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (write_all(fd, buf, len) < 0) {
		close(fd);
		return -1;
	}
	fchmod(fd, mode);
	return close(fd);
}

static int
count_lines(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "r");
	char line[512];
	int n = 0;

	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (needle == NULL || strstr(line, needle) != NULL)
			n++;
	fclose(fp);
	return n;
}

int
main(void)
{
	struct pseudo_key k1, k2;
	unsigned char raw[32];
	char uid1[64], uid2[64], uid3[64], p1[16], p2[16], p3[16], d[32];
	const char *hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
	struct crosswalk *cw;
	struct stat st;
	int i, off, allin, digits;
	char dir[] = "/tmp/t-pseudo.XXXXXX", path[512];

	setprogname("t-pseudo");
	setquiet(1);
	if (mkdtemp(dir) == NULL)
		return 1;
	for (i = 0; i < 32; i++)
		raw[i] = (unsigned char)i;

	/* keys */
	snprintf(path, sizeof(path), "%s/raw.key", dir);
	write_file(path, raw, 32, 0600);
	ok(pseudo_key_load(&k1, path) == 0 && memcmp(k1.k, raw, 32) == 0, "raw 32-byte key");
	snprintf(path, sizeof(path), "%s/hex.key", dir);
	write_file(path, hex, strlen(hex), 0600);
	ok(pseudo_key_load(&k2, path) == 0 && memcmp(k2.k, raw, 32) == 0, "64 hex digit key equals the raw one");
	snprintf(path, sizeof(path), "%s/short.key", dir);
	write_file(path, raw, 31, 0600);
	ok(pseudo_key_load(&k2, path) < 0, "31-byte key refused");
	snprintf(path, sizeof(path), "%s/none.key", dir);
	ok(pseudo_key_load(&k2, path) < 0, "missing key file refused");
	unsetenv("DCMSCRUB_KEY");
	ok(pseudo_key_load(&k2, NULL) == 0 && k2.random == 1, "no key: random key, marked random");

	/* UIDs */
	pseudo_uid(&k1, "1.2.3.4.5", uid1);
	pseudo_uid(&k1, "1.2.3.4.5", uid2);
	pseudo_uid(&k1, "1.2.3.4.6", uid3);
	ok(strcmp(uid1, uid2) == 0, "same UID, same key: same pseudonym");
	ok(strcmp(uid1, uid3) != 0, "different UIDs: different pseudonyms");
	digits = 1;
	for (i = 5; uid1[i] != '\0'; i++)
		if (!isdigit((unsigned char)uid1[i]))
			digits = 0;
	ok(strncmp(uid1, "2.25.", 5) == 0 && digits && strlen(uid1) <= 44 && uid1[5] != '0',
	    "UID is 2.25. and a decimal of at most 39 digits, no leading zero");
	pseudo_uid(&k2, "1.2.3.4.5", uid2);
	ok(strcmp(uid1, uid2) != 0, "another key: another UID");
	pseudo_uid(&k1, "1.2.840.10008.5.1.4.1.1.2", uid2);
	ok(strcmp(uid2, "1.2.840.10008.5.1.4.1.1.2") == 0, "a UID the standard defines is kept");

	/* patients */
	pseudo_patient(&k1, "", "12345", p1);
	pseudo_patient(&k1, "HOSP-A", "12345", p2);
	pseudo_patient(&k1, "", "12345", p3);
	ok(strcmp(p1, p3) == 0 && strcmp(p1, p2) != 0, "patient pseudonym keyed by issuer and ID");
	allin = strlen(p1) == 13 && p1[0] == 'P';
	for (i = 1; p1[i] != '\0'; i++)
		if (!(isupper((unsigned char)p1[i]) || (p1[i] >= '2' && p1[i] <= '7')))
			allin = 0;
	ok(allin, "patient pseudonym is P + 12 base32 letters");

	/* dates */
	allin = 1;
	for (i = 0; i < 200; i++) {
		char id[16];

		snprintf(id, sizeof(id), "ID%d", i);
		off = pseudo_date_offset(&k1, id);
		if (off < -3650 || off > -365)
			allin = 0;
	}
	ok(allin, "date offsets within [-3650, -365]");
	ok(pseudo_date_offset(&k1, "X") == pseudo_date_offset(&k1, "X"), "date offset is deterministic");
	ok(pseudo_shift_date("20240301", -1, d) == 0 && strcmp(d, "20240229") == 0, "shift over a leap day");
	ok(pseudo_shift_date("20230301", -1, d) == 0 && strcmp(d, "20230228") == 0, "shift in a common year");
	ok(pseudo_shift_date("20000101", -365, d) == 0 && strcmp(d, "19990101") == 0, "shift by a year");
	ok(pseudo_shift_date("20240115103000.5", -10, d) == 0 && strcmp(d, "20240105103000.5") == 0,
	    "a DT keeps its time");
	ok(pseudo_shift_date("2024", 1, d) < 0 && pseudo_shift_date("20241301", 1, d) < 0,
	    "malformed dates refused");

	/* crosswalk: a directory gets one file per process, mode 0600, rows deduplicated */
	cw = crosswalk_open(dir);
	ok(cw != NULL, "crosswalk in a directory");
	crosswalk_add(cw, "study_uid", "1.2.3", "2.25.1");
	crosswalk_add(cw, "study_uid", "1.2.3", "2.25.1");
	crosswalk_add(cw, "patient_name", "DOE\tJANE", "PABC");
	ok(crosswalk_close(cw) == 0, "crosswalk closes");
	{
		char host[128];

		gethostname(host, sizeof(host));
		snprintf(path, sizeof(path), "%s/crosswalk.%s.%ld.tsv", dir, host, (long)getpid());
	}
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "crosswalk file has mode 0600");
	ok(count_lines(path, "study_uid") == 1, "a repeated row is written once");
	ok(count_lines(path, "DOE JANE") == 1, "a TAB inside a value becomes a space");

	/* a shared file: eight processes append at once, no row lost */
	snprintf(path, sizeof(path), "%s/shared.tsv", dir);
	for (i = 0; i < 8; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			struct crosswalk *c = crosswalk_open(path);
			char orig[32], ps[32];
			int j;

			for (j = 0; j < 500; j++) {
				snprintf(orig, sizeof(orig), "1.2.%d.%d", i, j);
				snprintf(ps, sizeof(ps), "2.25.%d%d", i, j);
				crosswalk_add(c, "sop_uid", orig, ps);
				if (j % 50 == 0)
					crosswalk_flush(c);
			}
			_exit(crosswalk_close(c) == 0 ? 0 : 1);
		}
	}
	allin = 1;
	for (i = 0; i < 8; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			allin = 0;
	}
	ok(allin, "eight writers finish");
	ok(count_lines(path, "sop_uid\t1.2.") == 4000, "4000 rows from eight writers, none lost");
	ok(count_lines(path, NULL) == 4000, "no torn or extra lines");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "shared crosswalk has mode 0600");

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		tap_nfailed++;
	printf("1..%d\n", tap_ntests);
	return tap_nfailed != 0;
}
