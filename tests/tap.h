/*
 * tap.h: the TAP output of the C test programs (prove reads it).
 * ok() prints "ok N - ..." or "not ok N - ..."; tap_done() the plan, and
 * returns the exit status.  Header-only: each program is one file.
 */
#ifndef DCMSCRUB_TAP_H
#define DCMSCRUB_TAP_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

static int tap_ntests, tap_nfailed;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static void skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static uint64_t next64(uint64_t *s) __attribute__((unused));
static int tap_done(void) __attribute__((unused));

static void
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_ntests++;
	if (!cond)
		tap_nfailed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_ntests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* A test that cannot run here (absent data or tool): "ok N - ... # SKIP why". */
static void
skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	tap_ntests++;
	printf("ok %d - ", tap_ntests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
}

/* xorshift64*: the same test data on every machine */
static uint64_t
next64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_ntests);
	return tap_nfailed != 0;
}

#endif
