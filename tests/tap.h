/*
 * tap.h: the TAP output of the C test programs (prove reads it).
 * ok() prints "ok N - ..." or "not ok N - ..."; tap_done() the plan, and
 * returns the exit status.  Header-only: each program is one file.
 */
#ifndef DCMSCRUB_TAP_H
#define DCMSCRUB_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_ntests, tap_nfailed;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
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

static int
tap_done(void)
{
	printf("1..%d\n", tap_ntests);
	return tap_nfailed != 0;
}

#endif
