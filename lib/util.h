/*
 * util.h: diagnostics, bounded number parsing, allocation that cannot fail
 * silently, and the progress meter.  The program name set by setprogname()
 * is the only global state of lib/.
 */
#ifndef DCMSCRUB_UTIL_H
#define DCMSCRUB_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DCMSCRUB_VERSION "0.1.0"


#if defined(__GNUC__)
#define NORETURN __attribute__((noreturn))
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NORETURN
#define PRINTFLIKE(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

void setprogname(const char *argv0);
const char *getprogname_(void);

/* Warnings are silenced by -q (setquiet(1)); errors never are. */
void setquiet(int quiet);
int isquiet(void);

/*
 * "prog: message" on stderr.  A format ending in ':' appends ": strerror(errno)".
 * eprintf exits with status 2, weprintf returns; wnote is a warning that -q silences.
 */
NORETURN void eprintf(const char *fmt, ...) PRINTFLIKE(1, 2);
void weprintf(const char *fmt, ...) PRINTFLIKE(1, 2);
void wnote(const char *fmt, ...) PRINTFLIKE(1, 2);

void *emalloc(size_t n);
void *ecalloc(size_t n, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);
/* asprintf that exits on failure */
char *esprintf(const char *fmt, ...) PRINTFLIKE(1, 2);

/* strtonum(3) of OpenBSD: *errstr is NULL on success, else "invalid", "too small", "too large". */
long long strtonum_(const char *s, long long min, long long max, const char **errstr);

/*
 * Close stdout and check it, so ENOSPC and EPIPE are not silent.
 * Returns 0 on success; on failure reports and returns 2.
 */
int fshut_stdout(void);

/* Write all of buf or return -1 (errno set). */
int write_all(int fd, const void *buf, size_t len);

/*
 * Progress meter on stderr, only when stderr is a terminal and not quiet.
 * progress_tick() is cheap: it redraws at most a few times a second.
 */
void progress_start(const char *what);
void progress_tick(unsigned long done, unsigned long failed);
void progress_end(void);

#ifdef __cplusplus
}
#endif
#endif
