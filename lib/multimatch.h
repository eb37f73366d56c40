/*
 * multimatch.h: find any of many values (millions) in bytes, fast.
 *
 * A value is found only as a whole word: not right after or before a letter
 * or digit (nor a '.' for a UID-like value, so "1.2.3" is not found inside
 * "1.2.3.4").  Letters match in either case.  Values are 3 to 255 bytes.
 * The scan tests a bitmap of the values' first three bytes at each position
 * and, where it may start one, looks the following bytes up by length in a
 * hash table: about one table look-up for each place a value could start.
 */
#ifndef DCMSCRUB_MULTIMATCH_H
#define DCMSCRUB_MULTIMATCH_H

#include <stddef.h>

#define MM_MINLEN 3
#define MM_MAXLEN 255

struct mm;

struct mm *mm_new(void);
/* Add a value with a tag (returned on a hit); 0, or -1 if too short or long. */
int mm_add(struct mm *m, const char *value, size_t len, int tag, int uid_like);
/* Number of distinct values. */
size_t mm_count(const struct mm *m);

/*
 * Every hit in text[0..n): fn(arg, tag, pos, len) for each value found.
 * A value added twice with two tags is reported with the first.
 * Returns the number of hits.
 */
typedef void (*mm_hit_fn)(void *arg, int tag, size_t pos, size_t len);
size_t mm_scan(const struct mm *m, const void *text, size_t n, mm_hit_fn fn, void *arg);

void mm_free(struct mm *m);

#endif
