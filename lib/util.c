/* util.c: diagnostics, checked allocation, bounded numbers, the progress meter. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static const char *progname = "dcmscrub";
static int quiet;
static int progress_on;
static const char *progress_what;
static struct timespec progress_last;

static void vwarn(const char *fmt, va_list ap);

void
setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	progname = p != NULL ? p + 1 : argv0;
}

const char *
getprogname_(void)
{
	return progname;
}

void
setquiet(int q)
{
	quiet = q;
}

int
isquiet(void)
{
	return quiet;
}

static void
vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	/* one line at a time, whichever thread speaks */
	flockfile(stderr);
	if (progress_on)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	funlockfile(stderr);
	errno = saved;
}

void
eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(2);
}

void
weprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
wnote(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n != 0 ? n : 1);

	if (p == NULL)
		eprintf("malloc:");
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p = calloc(n != 0 ? n : 1, size != 0 ? size : 1);

	if (p == NULL)
		eprintf("calloc:");
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n != 0 ? n : 1);
	if (p == NULL)
		eprintf("realloc:");
	return p;
}

char *
estrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		eprintf("strdup:");
	return p;
}

char *
esprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		eprintf("asprintf:");
	return s;
}

long long
strtonum_(const char *s, long long min, long long max, const char **errstr)
{
	long long v;
	char *end;

	*errstr = NULL;
	if (min > max || s == NULL || *s == '\0') {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((v == LLONG_MIN && errno == ERANGE) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((v == LLONG_MAX && errno == ERANGE) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

int
fshut_stdout(void)
{
	int bad = 0;

	if (fflush(stdout) == EOF)
		bad = 1;
	if (ferror(stdout))
		bad = 1;
	if (fclose(stdout) == EOF)
		bad = 1;
	if (bad) {
		weprintf("stdout:");
		return 2;
	}
	return 0;
}

int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
progress_start(const char *what)
{
	progress_on = !quiet && isatty(STDERR_FILENO);
	progress_what = what;
	clock_gettime(CLOCK_MONOTONIC, &progress_last);
}

void
progress_tick(unsigned long done, unsigned long failed)
{
	struct timespec now;
	long ms;

	if (!progress_on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - progress_last.tv_sec) * 1000 +
	    (now.tv_nsec - progress_last.tv_nsec) / 1000000;
	if (ms < 200)
		return;
	progress_last = now;
	fprintf(stderr, "\r\033[K%s: %lu %s, %lu failed", progname, done,
	    progress_what != NULL ? progress_what : "files", failed);
}

void
progress_end(void)
{
	if (progress_on)
		fputs("\r\033[K", stderr);
	progress_on = 0;
}
