/* nrrd.c: a NRRD volume into a struct volume (see nrrd.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "gzpar.h"

#include "nrrd.h"
#include "util.h"
#include "volume.h"

#define MAX_HEADER ((size_t)4 << 20)	/* a LIST of many names fits; a binary file does not */
#define MAX_BYTES ((uint64_t)1 << 34)	/* of data in the file's type: 16 GiB */
#define MAX_DIM 16			/* Teem's NRRD_DIM_MAX */
#define MAX_SPACE_DIM 8
#define MAX_FILES 1000000
#define MAX_WIDTH 32			/* of a %d in a data file format */
/* Voxels are read into a buffer that grows as they arrive, so that a header
 * that claims more than the files hold costs no more than twice the data. */
#define FIRST_CHUNK ((size_t)16 << 20)
#define ZCHUNK ((size_t)1 << 30)	/* zlib counts in unsigned int */
#define INBUF (1 << 16)

enum field {
	F_CONTENT, F_NUMBER, F_TYPE, F_BLOCK_SIZE, F_DIMENSION, F_SPACE, F_SPACE_DIMENSION,
	F_SIZES, F_SPACINGS, F_THICKNESSES, F_AXIS_MINS, F_AXIS_MAXS, F_SPACE_DIRECTIONS,
	F_CENTERS, F_KINDS, F_LABELS, F_UNITS, F_MIN, F_MAX, F_OLD_MIN, F_OLD_MAX, F_ENDIAN,
	F_ENCODING, F_LINE_SKIP, F_BYTE_SKIP, F_SAMPLE_UNITS, F_SPACE_UNITS, F_SPACE_ORIGIN,
	F_MEASUREMENT_FRAME, F_DATA_FILE, NFIELDS
};

/* The format's field names, and Teem's spellings of them without a space. */
static const char *const field_name[NFIELDS][2] = {
	{ "content", NULL }, { "number", NULL }, { "type", NULL }, { "block size", "blocksize" },
	{ "dimension", NULL }, { "space", NULL }, { "space dimension", "spacedimension" },
	{ "sizes", NULL }, { "spacings", NULL }, { "thicknesses", NULL },
	{ "axis mins", "axismins" }, { "axis maxs", "axismaxs" },
	{ "space directions", "spacedirections" }, { "centers", "centerings" },
	{ "kinds", NULL }, { "labels", NULL }, { "units", NULL }, { "min", NULL }, { "max", NULL },
	{ "old min", "oldmin" }, { "old max", "oldmax" }, { "endian", NULL },
	{ "encoding", NULL }, { "line skip", "lineskip" }, { "byte skip", "byteskip" },
	{ "sample units", "sampleunits" }, { "space units", "spaceunits" },
	{ "space origin", "spaceorigin" }, { "measurement frame", "measurementframe" },
	{ "data file", "datafile" },
};

enum ntype { T_INT8, T_UINT8, T_INT16, T_UINT16, T_INT32, T_UINT32, T_INT64, T_UINT64,
	T_FLOAT, T_DOUBLE, T_BLOCK };

static const struct {
	const char *name;
	enum ntype t;
} type_names[] = {
	{ "signed char", T_INT8 }, { "int8", T_INT8 }, { "int8_t", T_INT8 },
	{ "uchar", T_UINT8 }, { "unsigned char", T_UINT8 }, { "uint8", T_UINT8 },
	{ "uint8_t", T_UINT8 },
	{ "short", T_INT16 }, { "short int", T_INT16 }, { "signed short", T_INT16 },
	{ "signed short int", T_INT16 }, { "int16", T_INT16 }, { "int16_t", T_INT16 },
	{ "ushort", T_UINT16 }, { "unsigned short", T_UINT16 }, { "unsigned short int", T_UINT16 },
	{ "uint16", T_UINT16 }, { "uint16_t", T_UINT16 },
	{ "int", T_INT32 }, { "signed int", T_INT32 }, { "int32", T_INT32 }, { "int32_t", T_INT32 },
	{ "uint", T_UINT32 }, { "unsigned int", T_UINT32 }, { "uint32", T_UINT32 },
	{ "uint32_t", T_UINT32 },
	{ "longlong", T_INT64 }, { "long long", T_INT64 }, { "long long int", T_INT64 },
	{ "signed long long", T_INT64 }, { "signed long long int", T_INT64 }, { "int64", T_INT64 },
	{ "int64_t", T_INT64 },
	{ "ulonglong", T_UINT64 }, { "unsigned long long", T_UINT64 },
	{ "unsigned long long int", T_UINT64 }, { "uint64", T_UINT64 }, { "uint64_t", T_UINT64 },
	{ "float", T_FLOAT }, { "double", T_DOUBLE }, { "block", T_BLOCK },
};
static const size_t type_size[] = { 1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 0 };
static const char *const type_label[] = { "int8", "uint8", "int16", "uint16", "int32", "uint32",
	"int64", "uint64", "float", "double", "block" };

enum encoding { E_RAW, E_ASCII, E_HEX, E_GZIP, E_BZIP2 };

static const struct {
	const char *name;
	enum encoding e;
} encoding_names[] = {
	{ "raw", E_RAW }, { "txt", E_ASCII }, { "text", E_ASCII }, { "ascii", E_ASCII },
	{ "hex", E_HEX }, { "gz", E_GZIP }, { "gzip", E_GZIP }, { "bz2", E_BZIP2 },
	{ "bzip2", E_BZIP2 },
};

/* The spaces: the three anatomical ones, those with time (not read), and the others. */
enum space { S_RAS, S_LAS, S_LPS, S_TIME, S_OTHER };

static const struct {
	const char *name;
	enum space s;
} space_names[] = {
	{ "right-anterior-superior", S_RAS }, { "right anterior superior", S_RAS },
	{ "rightanteriorsuperior", S_RAS }, { "RAS", S_RAS },
	{ "left-anterior-superior", S_LAS }, { "left anterior superior", S_LAS },
	{ "leftanteriorsuperior", S_LAS }, { "LAS", S_LAS },
	{ "left-posterior-superior", S_LPS }, { "left posterior superior", S_LPS },
	{ "leftposteriorsuperior", S_LPS }, { "LPS", S_LPS },
	{ "right-anterior-superior-time", S_TIME }, { "right anterior superior time", S_TIME },
	{ "rightanteriorsuperiortime", S_TIME }, { "RAST", S_TIME },
	{ "left-anterior-superior-time", S_TIME }, { "left anterior superior time", S_TIME },
	{ "leftanteriorsuperiortime", S_TIME }, { "LAST", S_TIME },
	{ "left-posterior-superior-time", S_TIME }, { "left posterior superior time", S_TIME },
	{ "leftposteriorsuperiortime", S_TIME }, { "LPST", S_TIME },
	{ "scanner-xyz", S_OTHER }, { "scanner-xyz-time", S_TIME }, { "scanner-xyzt", S_TIME },
	{ "3D-right-handed", S_OTHER }, { "3D right handed", S_OTHER },
	{ "3Drighthanded", S_OTHER }, { "3D-left-handed", S_OTHER }, { "3D left handed", S_OTHER },
	{ "3Dlefthanded", S_OTHER }, { "3D-right-handed-time", S_TIME },
	{ "3D right handed time", S_TIME }, { "3Drighthandedtime", S_TIME },
	{ "3D-left-handed-time", S_TIME }, { "3D left handed time", S_TIME },
	{ "3Dlefthandedtime", S_TIME },
};

/* Kinds of an axis along which a volume is sampled; the others are of a voxel's values. */
static const char *const domain_kinds[] = { "domain", "space", "time", "???", "none" };
static const char *const range_kinds[] = {
	"list", "point", "vector", "contravariant-vector", "covariant-vector", "normal", "stub",
	"scalar", "complex", "2-vector", "3-color", "RGB-color", "RGBcolor", "RGB", "HSV-color",
	"HSVcolor", "HSV", "XYZ-color", "4-color", "RGBA-color", "RGBAcolor", "RGBA", "3-vector",
	"3-gradient", "3-normal", "4-vector", "quaternion", "2D-symmetric-matrix",
	"2D-sym-matrix", "2D-symmetric-tensor", "2D-sym-tensor", "2D-masked-symmetric-matrix",
	"2D-masked-sym-matrix", "2D-masked-symmetric-tensor", "2D-masked-sym-tensor",
	"2D-matrix", "2D-tensor", "2D-masked-matrix", "2D-masked-tensor", "3D-symmetric-matrix",
	"3D-sym-matrix", "3D-symmetric-tensor", "3D-sym-tensor", "3D-masked-symmetric-matrix",
	"3D-masked-sym-matrix", "3D-masked-symmetric-tensor", "3D-masked-sym-tensor",
	"3D-matrix", "3D-tensor", "3D-masked-matrix", "3D-masked-tensor",
};

/* The header as read: each field's value, and the names of a data file LIST. */
struct header {
	char *value[NFIELDS];
	char **list;
	size_t nlist;
	int blank;		/* it ended at a blank line: attached data follow */
};

/* What the header says, parsed. */
struct layout {
	int dim;
	uint64_t size[MAX_DIM];
	enum ntype type;
	size_t esize;		/* bytes of a value in the file */
	enum encoding enc;
	int big;		/* big-endian data */
	long long line_skip, byte_skip;
	/* the data files: none (attached), or nfiles names */
	const char *single;
	char *const *list;	/* LIST: nfiles names */
	char *format;		/* a validated format: prefix, %[0][w]d, suffix */
	size_t fmt_at, fmt_end;	/* its conversion: fmt[fmt_at..fmt_end) */
	int fmt_zero, fmt_width;
	long long fn_min, fn_step;
	size_t nfiles;
	uint64_t nvalues, piece;	/* in all, and in each file */
};

/* Raw bytes of a file (fd) or of memory, buffered. */
struct in {
	int fd;
	const unsigned char *mem;
	size_t len, pos;		/* memory */
	unsigned char *buf;
	size_t bpos, blen;		/* fd */
	int eof;
	char *err;
};

/* The data bytes of one file: raw, or gzip inflated. */
struct dec {
	struct in *in;
	int gz, zinit, end;
	z_stream zs;
	char *err;
};

/* The voxels read so far, in a buffer that grows as they arrive. */
struct out {
	unsigned char *p;
	size_t len, cap, need;
};

static const char *shown(const char *s, char buf[72]);
static int eqword(const char *a, const char *b);
static char *trim(char *s);
static int in_open_fd(struct in *s, int fd);
static void in_open_mem(struct in *s, const void *data, size_t len);
static int in_fill(struct in *s);
static size_t in_read(struct in *s, void *p, size_t n);
static int in_getc(struct in *s);
static const unsigned char *in_peek(struct in *s, size_t n);
static int in_skip(struct in *s, uint64_t n);
static int in_skip_lines(struct in *s, long long n);
static int in_tail(struct in *s, uint64_t n, char **err);
static void in_close(struct in *s);
static int read_line(struct in *s, char **line, size_t *cap, size_t *used, int *got, char **err);
static int read_header(struct in *s, struct header *h, char **err);
static void header_free(struct header *h);
static int parse_int(const char *s, long long min, long long max, long long *out);
static int parse_layout(struct header *h, int in_memory, struct layout *l, char **err);
static int parse_data_file(const struct header *h, struct layout *l, char **err);
static int check_format(const char *fmt, struct layout *l, char **err);
static int check_name(const char *name, char **err);
static char *file_name(const struct layout *l, size_t i);
static int parse_vectors(const char *s, int n, int sdim, double vec[][MAX_SPACE_DIM],
    int *none, char **err, const char *what);
static int parse_quoted(const char *s, int n, char out[][16]);
static int geometry(const struct header *h, const struct layout *l, struct volume *v,
    int *oriented, char **err);
static int dec_init(struct dec *d, struct in *in, int gz);
static size_t dec_read(struct dec *d, void *p, size_t n);
static void dec_end(struct dec *d);
static int out_room(struct out *o, size_t n);
static int read_piece(const struct layout *l, struct in *s, struct out *o, char **err);
static int read_ascii(const struct layout *l, struct in *s, struct out *o, char **err);
static int read_data(const struct layout *l, struct in *attached, const char *dir,
    struct out *o, char **err);
static int machine_big(void);
static void swap_bytes(unsigned char *p, size_t n, size_t esize);

/* A string from the header, fit for a message: printable, at most 48 bytes. */
static const char *
shown(const char *s, char buf[72])
{
	size_t i, o = 0;

	if (*s == '\0')
		return "\"\"";
	for (i = 0; s[i] != '\0' && o < 48; i++)
		buf[o++] = isprint((unsigned char)s[i]) ? s[i] : '?';
	if (s[i] != '\0') {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* a and b the same, case aside and runs of blanks as one space */
static int
eqword(const char *a, const char *b)
{
	for (;;) {
		if ((*a == ' ' || *a == '\t') && (*b == ' ' || *b == '\t')) {
			a += strspn(a, " \t");
			b += strspn(b, " \t");
			continue;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

static char *
trim(char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* ---- bytes in ---- */

static int
in_open_fd(struct in *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	if ((s->buf = malloc(INBUF)) == NULL)
		return -1;
	return 0;
}

static void
in_open_mem(struct in *s, const void *data, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->mem = data;
	s->len = len;
}

/* More bytes into the buffer: 1, or 0 at the end (or an error: s->err). */
static int
in_fill(struct in *s)
{
	ssize_t r;

	if (s->mem != NULL || s->eof || s->err != NULL)
		return 0;
	do
		r = read(s->fd, s->buf, INBUF);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		s->err = esprintf("read: %s", strerror(errno));
		return 0;
	}
	if (r == 0) {
		s->eof = 1;
		return 0;
	}
	s->bpos = 0;
	s->blen = (size_t)r;
	return 1;
}

static size_t
in_read(struct in *s, void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0, k;

	if (s->mem != NULL) {
		k = s->len - s->pos < n ? s->len - s->pos : n;
		if (k > 0)
			memcpy(p, s->mem + s->pos, k);
		s->pos += k;
		return k;
	}
	while (got < n) {
		if (s->bpos == s->blen) {
			/* a large read straight into place */
			if (n - got >= INBUF && !s->eof && s->err == NULL) {
				ssize_t r;

				do
					r = read(s->fd, p + got,
					    n - got > ZCHUNK ? ZCHUNK : n - got);
				while (r < 0 && errno == EINTR);
				if (r < 0) {
					s->err = esprintf("read: %s", strerror(errno));
					break;
				}
				if (r == 0) {
					s->eof = 1;
					break;
				}
				got += (size_t)r;
				continue;
			}
			if (!in_fill(s))
				break;
		}
		k = s->blen - s->bpos < n - got ? s->blen - s->bpos : n - got;
		memcpy(p + got, s->buf + s->bpos, k);
		s->bpos += k;
		got += k;
	}
	return got;
}

static int
in_getc(struct in *s)
{
	if (s->mem != NULL)
		return s->pos < s->len ? s->mem[s->pos++] : EOF;
	if (s->bpos == s->blen && !in_fill(s))
		return EOF;
	return s->buf[s->bpos++];
}

/* The next n (at most INBUF) bytes, left unread; NULL if the input ends first. */
static const unsigned char *
in_peek(struct in *s, size_t n)
{
	ssize_t r;

	if (s->mem != NULL)
		return s->len - s->pos >= n ? s->mem + s->pos : NULL;
	if (s->blen - s->bpos < n) {
		memmove(s->buf, s->buf + s->bpos, s->blen - s->bpos);
		s->blen -= s->bpos;
		s->bpos = 0;
		while (s->blen < n && !s->eof && s->err == NULL) {
			do
				r = read(s->fd, s->buf + s->blen, INBUF - s->blen);
			while (r < 0 && errno == EINTR);
			if (r < 0)
				s->err = esprintf("read: %s", strerror(errno));
			else if (r == 0)
				s->eof = 1;
			else
				s->blen += (size_t)r;
		}
	}
	return s->blen - s->bpos >= n ? s->buf + s->bpos : NULL;
}

/* Skip n bytes: 0, or -1 at the end of the input first. */
static int
in_skip(struct in *s, uint64_t n)
{
	unsigned char tmp[4096];
	size_t k;

	if (s->mem != NULL) {
		if (n > s->len - s->pos)
			return -1;
		s->pos += (size_t)n;
		return 0;
	}
	k = s->blen - s->bpos < n ? s->blen - s->bpos : (size_t)n;
	s->bpos += k;
	n -= k;
	if (n > 0 && n < (uint64_t)INT64_MAX && lseek(s->fd, (off_t)n, SEEK_CUR) >= 0) {
		/* past the end, the next read finds nothing: check here */
		struct stat st;
		off_t at = lseek(s->fd, 0, SEEK_CUR);

		if (fstat(s->fd, &st) == 0 && at > st.st_size)
			return -1;
		return 0;
	}
	while (n > 0) {
		k = in_read(s, tmp, n < sizeof(tmp) ? (size_t)n : sizeof(tmp));
		if (k == 0)
			return -1;
		n -= k;
	}
	return 0;
}

static int
in_skip_lines(struct in *s, long long n)
{
	int c;

	while (n > 0) {
		if ((c = in_getc(s)) == EOF)
			return -1;
		if (c == '\n')
			n--;
	}
	return 0;
}

/* Go to the last n bytes of the input (byte skip -1), none of them already read. */
static int
in_tail(struct in *s, uint64_t n, char **err)
{
	struct stat st;
	off_t at;

	if (s->mem != NULL) {
		if (n > s->len - s->pos) {
			*err = esprintf("truncated: %zu bytes left, %llu needed (byte skip -1)",
			    s->len - s->pos, (unsigned long long)n);
			return -1;
		}
		s->pos = s->len - (size_t)n;
		return 0;
	}
	if (fstat(s->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (at = lseek(s->fd, 0, SEEK_CUR)) < 0) {
		*err = esprintf("byte skip -1 on a file that is not a regular file");
		return -1;
	}
	/* where the next byte would come from: the buffer holds some already */
	at -= (off_t)(s->blen - s->bpos);
	if (st.st_size < at || (uint64_t)(st.st_size - at) < n) {
		*err = esprintf("truncated: %lld bytes left, %llu needed (byte skip -1)",
		    st.st_size < at ? 0LL : (long long)(st.st_size - at), (unsigned long long)n);
		return -1;
	}
	if (lseek(s->fd, (off_t)((uint64_t)st.st_size - n), SEEK_SET) < 0) {
		*err = esprintf("lseek: %s", strerror(errno));
		return -1;
	}
	s->bpos = s->blen = 0;
	s->eof = 0;
	return 0;
}

static void
in_close(struct in *s)
{
	free(s->buf);
	free(s->err);
	s->buf = NULL;
	s->err = NULL;
}

/* ---- the header ---- */

/*
 * One line (its '\n' and trailing blanks, '\r' among them, cut) into *line;
 * *got 0 at the end of the input.  The whole header is kept to MAX_HEADER
 * bytes (*used).
 */
static int
read_line(struct in *s, char **line, size_t *cap, size_t *used, int *got, char **err)
{
	size_t n = 0;
	int c;

	*got = 0;
	while ((c = in_getc(s)) != EOF) {
		*got = 1;
		if (++*used > MAX_HEADER) {
			*err = esprintf("a header of more than %zu bytes: not a NRRD header",
			    MAX_HEADER);
			return -1;
		}
		if (c == '\n')
			break;
		if (c == '\0') {
			*err = esprintf("a NUL byte in the header");
			return -1;
		}
		if (n + 1 >= *cap) {
			*cap = *cap < 256 ? 256 : *cap * 2;
			*line = erealloc(*line, *cap);
		}
		(*line)[n++] = (char)c;
	}
	if (s->err != NULL) {
		*err = esprintf("%s", s->err);
		return -1;
	}
	if (*line == NULL) {
		*cap = 256;
		*line = emalloc(*cap);
	}
	while (n > 0 && isspace((unsigned char)(*line)[n - 1]))
		n--;
	(*line)[n] = '\0';
	return 0;
}

static int
read_header(struct in *s, struct header *h, char **err)
{
	char *line = NULL, *name, *val, *colon, *kv, buf[72];
	size_t cap = 0, used = 0, lineno = 1, f;
	int got, listing = 0;

	memset(h, 0, sizeof(*h));
	/* the magic, read alone: a binary file is not read to its first newline */
	{
		char magic[17];
		size_t n = 0;
		int c = EOF;

		while (n < sizeof(magic) - 1 && (c = in_getc(s)) != EOF && c != '\n')
			magic[n++] = c == '\0' ? '?' : (char)c;
		magic[n] = '\0';
		used = n + 1;
		if (s->err != NULL) {
			*err = esprintf("%s", s->err);
			goto fail;
		}
		if (n == sizeof(magic) - 1 && c != '\n') {
			*err = esprintf("not a NRRD file (no NRRD magic)");
			goto fail;
		}
		while (n > 0 && isspace((unsigned char)magic[n - 1]))
			magic[--n] = '\0';
		line = estrdup(magic);
		cap = strlen(line) + 1;
	}
	if (strncmp(line, "NRRD", 4) != 0) {
		*err = esprintf("not a NRRD file (no NRRD magic)");
		goto fail;
	}
	if (strlen(line) != 8 || strncmp(line, "NRRD000", 7) != 0 || line[7] < '1' ||
	    line[7] > '9') {
		*err = esprintf("not a NRRD file (magic %s)", shown(line, buf));
		goto fail;
	}
	if (line[7] > '5') {
		*err = esprintf("%s: a NRRD version newer than NRRD0005, not read", line);
		goto fail;
	}
	for (;;) {
		lineno++;
		if (read_line(s, &line, &cap, &used, &got, err) < 0)
			goto fail;
		if (!got)
			break;
		if (line[0] == '\0') {
			h->blank = 1;
			break;
		}
		if (listing) {
			h->list = erealloc(h->list, (h->nlist + 1) * sizeof(*h->list));
			h->list[h->nlist++] = estrdup(trim(line));
			continue;
		}
		if (line[0] == '#')
			continue;
		/* "key:=value" unless a ": " comes first (a field whose value holds ":=") */
		colon = strstr(line, ": ");
		kv = strstr(line, ":=");
		if (kv != NULL && (colon == NULL || kv < colon))
			continue;
		if (colon == NULL && (colon = strchr(line, ':')) == NULL) {
			*err = esprintf("malformed header: line %zu (%s) is no field", lineno,
			    shown(line, buf));
			goto fail;
		}
		*colon = '\0';
		name = trim(line);
		val = trim(colon + 1);
		for (f = 0; f < NFIELDS; f++)
			if (eqword(name, field_name[f][0]) ||
			    (field_name[f][1] != NULL && eqword(name, field_name[f][1])))
				break;
		if (f == NFIELDS) {
			*err = esprintf("malformed header: line %zu: no field \"%s\" in the format",
			    lineno, shown(name, buf));
			goto fail;
		}
		if (h->value[f] != NULL) {
			*err = esprintf("malformed header: line %zu: field \"%s\" given twice",
			    lineno, field_name[f][0]);
			goto fail;
		}
		h->value[f] = estrdup(val);
		if (f == F_DATA_FILE && strncmp(val, "LIST", 4) == 0 &&
		    (val[4] == '\0' || isspace((unsigned char)val[4])))
			listing = 1;	/* the names follow, one a line, to the header's end */
	}
	free(line);
	return 0;
fail:
	free(line);
	header_free(h);
	return -1;
}

static void
header_free(struct header *h)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		free(h->value[i]);
	for (i = 0; i < h->nlist; i++)
		free(h->list[i]);
	free(h->list);
	memset(h, 0, sizeof(*h));
}

/* A whole decimal integer in [min, max]: 0, or -1. */
static int
parse_int(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long n;

	s += strspn(s, " \t");
	if (*s == '\0')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	end += strspn(end, " \t");
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* The sizes, type, encoding and data files: what it takes to read the data. */
static int
parse_layout(struct header *h, int in_memory, struct layout *l, char **err)
{
	static const enum field required[] = { F_TYPE, F_DIMENSION, F_SIZES, F_ENCODING };
	char buf[72], *s, *end, *tok, *save;
	long long n;
	size_t i;
	int a;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (h->value[required[i]] == NULL) {
			*err = esprintf("malformed header: no \"%s\" field",
			    field_name[required[i]][0]);
			return -1;
		}
	if (parse_int(h->value[F_DIMENSION], 1, MAX_DIM, &n) < 0) {
		*err = esprintf("malformed header: dimension %s",
		    shown(h->value[F_DIMENSION], buf));
		return -1;
	}
	l->dim = (int)n;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (eqword(h->value[F_TYPE], type_names[i].name))
			break;
	if (i == sizeof(type_names) / sizeof(type_names[0])) {
		*err = esprintf("malformed header: type %s", shown(h->value[F_TYPE], buf));
		return -1;
	}
	l->type = type_names[i].t;
	l->esize = type_size[l->type];
	if (l->type == T_INT64 || l->type == T_UINT64 || l->type == T_BLOCK) {
		*err = esprintf("type %s: not read (only int8, uint8, int16, uint16, int32, "
		    "uint32, float and double)", type_label[l->type]);
		return -1;
	}
	for (i = 0; i < sizeof(encoding_names) / sizeof(encoding_names[0]); i++)
		if (eqword(h->value[F_ENCODING], encoding_names[i].name))
			break;
	if (i == sizeof(encoding_names) / sizeof(encoding_names[0])) {
		*err = esprintf("malformed header: encoding %s", shown(h->value[F_ENCODING], buf));
		return -1;
	}
	l->enc = encoding_names[i].e;
	if (l->enc == E_BZIP2 || l->enc == E_HEX) {
		*err = esprintf("encoding %s: not read (only raw, gzip and ascii)",
		    l->enc == E_BZIP2 ? "bzip2" : "hex");
		return -1;
	}
	if (l->dim == 1 || l->dim > 4) {
		*err = esprintf("a %d-D array: only 2-D, 3-D and 4-D volumes are read", l->dim);
		return -1;
	}

	/* sizes: their product, in values and in bytes, kept under MAX_BYTES */
	s = estrdup(h->value[F_SIZES]);
	l->nvalues = 1;
	for (a = 0, tok = strtok_r(s, " \t", &save); tok != NULL;
	    a++, tok = strtok_r(NULL, " \t", &save)) {
		unsigned long long z;

		errno = 0;
		z = strtoull(tok, &end, 10);
		if (a >= l->dim || *tok == '-' || *tok == '+' || errno != 0 || *end != '\0' ||
		    z == 0) {
			free(s);
			*err = esprintf("malformed header: sizes %s (dimension %d)",
			    shown(h->value[F_SIZES], buf), l->dim);
			return -1;
		}
		l->size[a] = z;
		if (z > MAX_BYTES || l->nvalues > MAX_BYTES / z || l->nvalues * z >
		    MAX_BYTES / l->esize) {
			free(s);
			*err = esprintf("sizes %s: more than %llu bytes of data, not read",
			    shown(h->value[F_SIZES], buf), (unsigned long long)MAX_BYTES);
			return -1;
		}
		l->nvalues *= z;
	}
	free(s);
	if (a != l->dim) {
		*err = esprintf("malformed header: sizes %s (dimension %d)",
		    shown(h->value[F_SIZES], buf), l->dim);
		return -1;
	}
	if ((uint64_t)SIZE_MAX / l->esize < l->nvalues) {
		*err = esprintf("a volume too large for this machine");
		return -1;
	}

	if (h->value[F_ENDIAN] != NULL) {
		if (eqword(h->value[F_ENDIAN], "big"))
			l->big = 1;
		else if (!eqword(h->value[F_ENDIAN], "little")) {
			*err = esprintf("malformed header: endian %s",
			    shown(h->value[F_ENDIAN], buf));
			return -1;
		}
	} else if (l->esize > 1 && l->enc != E_ASCII) {
		*err = esprintf("malformed header: no \"endian\" field (type %s, encoding %s)",
		    type_label[l->type], l->enc == E_RAW ? "raw" : "gzip");
		return -1;
	}
	if (h->value[F_LINE_SKIP] != NULL &&
	    parse_int(h->value[F_LINE_SKIP], 0, LLONG_MAX, &l->line_skip) < 0) {
		*err = esprintf("malformed header: line skip %s",
		    shown(h->value[F_LINE_SKIP], buf));
		return -1;
	}
	if (h->value[F_BYTE_SKIP] != NULL &&
	    parse_int(h->value[F_BYTE_SKIP], -1, LLONG_MAX, &l->byte_skip) < 0) {
		*err = esprintf("malformed header: byte skip %s (-1 or more)",
		    shown(h->value[F_BYTE_SKIP], buf));
		return -1;
	}
	if (l->byte_skip < 0 && l->enc == E_ASCII) {
		*err = esprintf("byte skip -1 with encoding ascii: not read (only raw and gzip)");
		return -1;
	}

	if (h->value[F_DATA_FILE] == NULL) {
		if (!h->blank) {
			*err = esprintf("no data: the header ends with the file, and names no "
			    "data file");
			return -1;
		}
		l->nfiles = 1;
		l->piece = l->nvalues;
		return 0;
	}
	if (in_memory) {
		*err = esprintf("a detached header (data file %s) in memory: only an attached "
		    ".nrrd is read from memory", shown(h->value[F_DATA_FILE], buf));
		return -1;
	}
	return parse_data_file(h, l, err);
}

/* data file: a name, LIST [subdim], or format min max step [subdim]. */
static int
parse_data_file(const struct header *h, struct layout *l, char **err)
{
	const char *val = h->value[F_DATA_FILE];
	char buf[72], *s = NULL, *tok[6], *save;
	long long subdim = l->dim - 1, fmax, count;
	uint64_t pieces;
	size_t ntok = 0, i;
	int a;

	if (strncmp(val, "LIST", 4) == 0 && (val[4] == '\0' || isspace((unsigned char)val[4]))) {
		if (val[4] != '\0' && parse_int(val + 4, 1, l->dim, &subdim) < 0) {
			*err = esprintf("malformed header: data file %s (LIST [subdim], subdim 1 "
			    "to %d)", shown(val, buf), l->dim);
			return -1;
		}
		if (h->nlist == 0) {
			*err = esprintf("malformed header: data file LIST without names");
			return -1;
		}
		for (i = 0; i < h->nlist; i++)
			if (check_name(h->list[i], err) < 0)
				return -1;
		l->nfiles = h->nlist;
	} else if (strchr(val, '%') != NULL) {
		s = estrdup(val);
		for (tok[ntok] = strtok_r(s, " \t", &save); tok[ntok] != NULL && ntok < 5;
		    tok[ntok] = strtok_r(NULL, " \t", &save))
			ntok++;
		if (ntok < 4 || tok[ntok] != NULL ||
		    parse_int(tok[1], INT_MIN, INT_MAX, &l->fn_min) < 0 ||
		    parse_int(tok[2], INT_MIN, INT_MAX, &fmax) < 0 ||
		    parse_int(tok[3], INT_MIN, INT_MAX, &l->fn_step) < 0 ||
		    (ntok == 5 && parse_int(tok[4], 1, l->dim, &subdim) < 0)) {
			*err = esprintf("malformed header: data file %s (format min max step "
			    "[subdim])", shown(val, buf));
			goto fail;
		}
		if (l->fn_step == 0 || (fmax - l->fn_min) / l->fn_step < 0 ||
		    (fmax != l->fn_min && (fmax - l->fn_min > 0) != (l->fn_step > 0))) {
			*err = esprintf("malformed header: data file %s: step %lld never goes from "
			    "%lld to %lld", shown(val, buf), l->fn_step, l->fn_min, fmax);
			goto fail;
		}
		count = (fmax - l->fn_min) / l->fn_step + 1;
		if (count > MAX_FILES) {
			*err = esprintf("data file %s: %lld files, more than %d", shown(val, buf),
			    count, MAX_FILES);
			goto fail;
		}
		l->nfiles = (size_t)count;
		if (check_format(tok[0], l, err) < 0)
			goto fail;
		/* every name, checked as the header's own names are */
		for (i = 0; i < l->nfiles; i++) {
			char *name = file_name(l, i);
			int r = check_name(name, err);

			free(name);
			if (r < 0)
				goto fail;
		}
		free(s);
		s = NULL;
	} else {
		if (check_name(val, err) < 0)
			return -1;
		l->single = val;
		l->nfiles = 1;
		l->piece = l->nvalues;
		return 0;
	}
	/* as Teem splits the values: subdim-D pieces, or equal slabs of the slowest axis */
	if (subdim < l->dim) {
		for (pieces = 1, a = (int)subdim; a < l->dim; a++)
			pieces *= l->size[a];
		if (pieces != l->nfiles) {
			*err = esprintf("data file %s: %zu files for %llu pieces of %lld-D",
			    shown(val, buf), l->nfiles, (unsigned long long)pieces, subdim);
			goto fail;
		}
	} else if (l->nfiles > l->size[l->dim - 1] || l->nvalues % l->nfiles != 0) {
		*err = esprintf("data file %s: %zu files do not split the %llu slabs of axis %d "
		    "evenly", shown(val, buf), l->nfiles, (unsigned long long)l->size[l->dim - 1],
		    l->dim - 1);
		goto fail;
	}
	l->piece = l->nvalues / l->nfiles;
	return 0;
fail:
	free(s);
	free(l->format);
	l->format = NULL;
	return -1;
}

/*
 * A data file format: literal text, "%%" for a percent sign, and exactly one
 * conversion %d, %i or %u with an optional 0 and width.  The names are built
 * here (file_name()), never by a printf of the header's string.
 */
static int
check_format(const char *fmt, struct layout *l, char **err)
{
	char buf[72];
	size_t i, nconv = 0;
	int width;

	for (i = 0; fmt[i] != '\0'; i++) {
		if (fmt[i] != '%')
			continue;
		if (fmt[i + 1] == '%') {
			i++;
			continue;
		}
		nconv++;
		l->fmt_at = i++;
		l->fmt_zero = fmt[i] == '0';
		i += strspn(fmt + i, "0");
		for (width = 0; isdigit((unsigned char)fmt[i]); i++) {
			width = width * 10 + (fmt[i] - '0');
			if (width > MAX_WIDTH)
				break;
		}
		l->fmt_width = width;
		if (width > MAX_WIDTH || (fmt[i] != 'd' && fmt[i] != 'i' && fmt[i] != 'u')) {
			*err = esprintf("data file format %s: its conversion is not %%d, %%i or "
			    "%%u (with at most a 0 and a width to %d)", shown(fmt, buf), MAX_WIDTH);
			return -1;
		}
		if (fmt[i] == 'u' && l->fn_min < 0) {
			*err = esprintf("data file format %s: %%u of a negative number",
			    shown(fmt, buf));
			return -1;
		}
		l->fmt_end = i + 1;
	}
	if (nconv != 1) {
		*err = esprintf("data file format %s: %zu conversions, not one", shown(fmt, buf),
		    nconv);
		return -1;
	}
	if (fmt[l->fmt_end - 1] == 'u' &&
	    l->fn_min + (long long)(l->nfiles - 1) * l->fn_step < 0) {
		*err = esprintf("data file format %s: %%u of a negative number", shown(fmt, buf));
		return -1;
	}
	l->format = estrdup(fmt);
	return 0;
}

/* A name a header may give: relative, no "..", not standard input. */
static int
check_name(const char *name, char **err)
{
	char buf[72];
	const char *p;
	size_t n;

	if (*name == '\0') {
		*err = esprintf("malformed header: an empty data file name");
		return -1;
	}
	if (*name == '/') {
		*err = esprintf("data file %s: an absolute path (a header reads only files under "
		    "its own directory)", shown(name, buf));
		return -1;
	}
	if (strcmp(name, "-") == 0) {
		*err = esprintf("data file -: standard input, not read");
		return -1;
	}
	for (p = name; *p != '\0'; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			*err = esprintf("data file %s: a \"..\" in the path (a header reads only "
			    "files under its own directory)", shown(name, buf));
			return -1;
		}
	}
	return 0;
}

/* Name i of the format (malloc'd). */
static char *
file_name(const struct layout *l, size_t i)
{
	long long n = l->fn_min + (long long)i * l->fn_step;
	char num[80], *out, *o;
	const char *f;
	size_t k;

	/* a constant format: the header's width and pad are only numbers here */
	snprintf(num, sizeof(num), l->fmt_zero ? "%0*lld" : "%*lld", l->fmt_width, n);
	out = emalloc(strlen(l->format) + strlen(num) + 1);
	for (o = out, k = 0, f = l->format; f[k] != '\0'; k++) {
		if (k == l->fmt_at) {
			o += strlen(strcpy(o, num));
			k = l->fmt_end - 1;
		} else if (f[k] == '%' && f[k + 1] == '%') {
			*o++ = '%';
			k++;
		} else
			*o++ = f[k];
	}
	*o = '\0';
	return out;
}

/* ---- the geometry ---- */

/*
 * n vectors "(x,y,...)" of sdim numbers, or "none" (none[a] = 1; none may be
 * NULL: not allowed).
 */
static int
parse_vectors(const char *s, int n, int sdim, double vec[][MAX_SPACE_DIM], int *none,
    char **err, const char *what)
{
	char buf[72], *end;
	const char *p = s;
	int a, c;

	for (a = 0; a < n; a++) {
		p += strspn(p, " \t");
		if (none != NULL && strncasecmp(p, "none", 4) == 0 &&
		    (p[4] == '\0' || p[4] == ' ' || p[4] == '\t')) {
			none[a] = 1;
			p += 4;
			continue;
		}
		if (none != NULL)
			none[a] = 0;
		if (*p++ != '(')
			goto bad;
		for (c = 0; c < sdim; c++) {
			p += strspn(p, " \t");
			errno = 0;
			vec[a][c] = strtod(p, &end);
			if (end == p || errno == ERANGE)
				goto bad;
			p = end + strspn(end, " \t");
			if (*p++ != (c == sdim - 1 ? ')' : ','))
				goto bad;
		}
	}
	if (p[strspn(p, " \t")] != '\0')
		goto bad;
	return 0;
bad:
	*err = esprintf("malformed header: %s %s (%d vectors of %d)", what, shown(s, buf), n, sdim);
	return -1;
}

/* n "quoted" strings (to 15 bytes each): 0, or -1. */
static int
parse_quoted(const char *s, int n, char out[][16])
{
	int a;
	size_t k;

	for (a = 0; a < n; a++) {
		s += strspn(s, " \t");
		if (*s++ != '"')
			return -1;
		for (k = 0; *s != '"'; s++) {
			if (*s == '\\' && s[1] == '"')
				s++;
			if (*s == '\0' || k >= 15)
				return -1;
			out[a][k++] = *s;
		}
		out[a][k] = '\0';
		s++;
	}
	return s[strspn(s, " \t")] == '\0' ? 0 : -1;
}

/* The affine (and *oriented) from space, space directions, origin, spacings. */
static int
geometry(const struct header *h, const struct layout *l, struct volume *v, int *oriented,
    char **err)
{
	double dir[MAX_DIM][MAX_SPACE_DIM], org[1][MAX_SPACE_DIM], sp[MAX_DIM], col[3][3], unit = 1;
	double n[3], nl, kl, det, len;
	int none[MAX_DIM], ns = l->dim < 3 ? l->dim : 3, sdim = 0, a, c, r, have_dir;
	enum space space = S_OTHER;
	char buf[72], *tok, *save, *s;
	long long sd;
	size_t i;

	memset(v->lps, 0, sizeof(v->lps));
	v->lps[3][3] = 1;
	*oriented = 0;

	/* the kinds of the spatial axes (a first axis of RGB or vector components) */
	if (h->value[F_KINDS] != NULL) {
		s = estrdup(h->value[F_KINDS]);
		for (a = 0, tok = strtok_r(s, " \t", &save); tok != NULL;
		    a++, tok = strtok_r(NULL, " \t", &save)) {
			int domain = 0, known = 0;

			for (i = 0; i < sizeof(domain_kinds) / sizeof(domain_kinds[0]); i++)
				if (strcasecmp(tok, domain_kinds[i]) == 0)
					domain = known = 1;
			for (i = 0; i < sizeof(range_kinds) / sizeof(range_kinds[0]); i++)
				if (strcasecmp(tok, range_kinds[i]) == 0)
					known = 1;
			if (!known || a >= l->dim) {
				*err = esprintf("malformed header: kinds %s (dimension %d)",
				    shown(h->value[F_KINDS], buf), l->dim);
				free(s);
				return -1;
			}
			if (a < ns && !domain) {
				*err = esprintf("axis %d is of kind %s, not a spatial axis: only "
				    "volumes of one value a voxel are read", a, shown(tok, buf));
				free(s);
				return -1;
			}
		}
		free(s);
		if (a != l->dim) {
			*err = esprintf("malformed header: kinds %s (dimension %d)",
			    shown(h->value[F_KINDS], buf), l->dim);
			return -1;
		}
	}

	if (h->value[F_SPACE] != NULL) {
		for (i = 0; i < sizeof(space_names) / sizeof(space_names[0]); i++)
			if (eqword(h->value[F_SPACE], space_names[i].name))
				break;
		if (i == sizeof(space_names) / sizeof(space_names[0])) {
			*err = esprintf("malformed header: space %s",
			    shown(h->value[F_SPACE], buf));
			return -1;
		}
		space = space_names[i].s;
		if (space == S_TIME) {
			*err = esprintf("space %s: a space with time, not read",
			    shown(h->value[F_SPACE], buf));
			return -1;
		}
		sdim = 3;
	}
	if (h->value[F_SPACE_DIMENSION] != NULL) {
		if (parse_int(h->value[F_SPACE_DIMENSION], 1, MAX_SPACE_DIM, &sd) < 0 ||
		    (sdim != 0 && sd != sdim)) {
			*err = esprintf("malformed header: space dimension %s%s",
			    shown(h->value[F_SPACE_DIMENSION], buf),
			    sdim != 0 ? " (space is 3-D)" : "");
			return -1;
		}
		sdim = (int)sd;
	}

	have_dir = h->value[F_SPACE_DIRECTIONS] != NULL;
	if (have_dir) {
		if (sdim == 0) {
			*err = esprintf("malformed header: space directions, but no space or space "
			    "dimension");
			return -1;
		}
		if (parse_vectors(h->value[F_SPACE_DIRECTIONS], l->dim, sdim, dir, none, err,
		    "space directions") < 0)
			return -1;
		for (a = 0; a < l->dim; a++) {
			if (a < ns && none[a]) {
				*err = esprintf("axis %d has no space direction (\"none\"): not a "
				    "spatial axis (%s), only volumes of one value a voxel are read",
				    a, a == 0 ? "RGB or vector components?" : "a list?");
				return -1;
			}
			if (a >= ns && !none[a]) {
				*err = esprintf("axis %d has a space direction: a 4th "
				    "spatial axis, not read", a);
				return -1;
			}
		}
	}
	for (a = 0; a < ns; a++)
		sp[a] = NAN;
	if (h->value[F_SPACINGS] != NULL) {
		s = estrdup(h->value[F_SPACINGS]);
		for (a = 0, tok = strtok_r(s, " \t", &save); tok != NULL;
		    a++, tok = strtok_r(NULL, " \t", &save)) {
			char *end;
			double d = strtod(tok, &end);

			if (a >= l->dim || *end != '\0' || end == tok) {
				a = -1;
				break;
			}
			if (a < ns)
				sp[a] = d;
		}
		free(s);
		if (a != l->dim) {
			*err = esprintf("malformed header: spacings %s (dimension %d)",
			    shown(h->value[F_SPACINGS], buf), l->dim);
			return -1;
		}
	}

	if (space == S_OTHER || !have_dir) {
		/* no anatomy: a grid of the spacings, for the caller to place */
		for (a = 0; a < 3; a++) {
			double d = a < ns ? sp[a] : NAN;

			if (have_dir && a < ns) {
				for (len = 0, c = 0; c < sdim; c++)
					len += dir[a][c] * dir[a][c];
				d = sqrt(len);
			}
			v->lps[a][a] = isfinite(d) && d != 0 ? d : 1;
		}
		return 0;
	}

	/* an anatomical space: the directions are the affine */
	if (h->value[F_SPACE_UNITS] != NULL) {
		char u[3][16];

		if (parse_quoted(h->value[F_SPACE_UNITS], 3, u) < 0) {
			*err = esprintf("malformed header: space units %s",
			    shown(h->value[F_SPACE_UNITS], buf));
			return -1;
		}
		for (c = 0; c < 3; c++) {
			double f = strcmp(u[c], "mm") == 0 || u[c][0] == '\0' ? 1 :
			    strcmp(u[c], "cm") == 0 ? 10 : strcmp(u[c], "m") == 0 ? 1000 :
			    strcmp(u[c], "um") == 0 ? 0.001 : 0;

			if (f == 0 || (c > 0 && f != unit)) {
				*err = esprintf("space units %s: not read (only mm, cm, m or "
				    "um, the same on every axis)",
				    shown(h->value[F_SPACE_UNITS], buf));
				return -1;
			}
			unit = f;
		}
	}
	memset(org, 0, sizeof(org));
	memset(col, 0, sizeof(col));
	if (h->value[F_SPACE_ORIGIN] != NULL &&
	    parse_vectors(h->value[F_SPACE_ORIGIN], 1, 3, org, NULL, err, "space origin") < 0)
		return -1;
	for (r = 0; r < 3; r++) {
		/* RAS and LAS to LPS: x and y (RAS), y (LAS) change sign */
		double sign = r == 2 ? 1 : space == S_RAS ? -1 : space == S_LAS && r == 1 ? -1 : 1;

		for (a = 0; a < ns; a++)
			col[a][r] = sign * dir[a][r] * unit;
		v->lps[r][3] = sign * org[0][r] * unit;
	}
	if (ns == 2) {
		/* one slice: a k axis of 1 mm along the normal */
		n[0] = col[0][1] * col[1][2] - col[0][2] * col[1][1];
		n[1] = col[0][2] * col[1][0] - col[0][0] * col[1][2];
		n[2] = col[0][0] * col[1][1] - col[0][1] * col[1][0];
		nl = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
		for (r = 0; r < 3; r++)
			col[2][r] = n[r] / nl;
	}
	for (c = 0; c < 3; c++)
		for (r = 0; r < 3; r++)
			v->lps[r][c] = col[c][r];
	det = col[0][0] * (col[1][1] * col[2][2] - col[1][2] * col[2][1]) -
	    col[1][0] * (col[0][1] * col[2][2] - col[0][2] * col[2][1]) +
	    col[2][0] * (col[0][1] * col[1][2] - col[0][2] * col[1][1]);
	for (r = 0; r < 3; r++)
		if (!isfinite(v->lps[r][3]))
			det = NAN;
	if (!isfinite(det) || det == 0) {
		*err = esprintf("malformed header: the space directions and origin are %s",
		    isfinite(det) ? "singular" : "not finite");
		return -1;
	}
	n[0] = col[0][1] * col[1][2] - col[0][2] * col[1][1];
	n[1] = col[0][2] * col[1][0] - col[0][0] * col[1][2];
	n[2] = col[0][0] * col[1][1] - col[0][1] * col[1][0];
	nl = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
	kl = sqrt(col[2][0] * col[2][0] + col[2][1] * col[2][1] + col[2][2] * col[2][2]);
	/* as vol_read_nifti() says it: the k axis off the normal of the i-j plane */
	if (fabs(fabs(n[0] * col[2][0] + n[1] * col[2][1] + n[2] * col[2][2]) / (nl * kl) - 1) >
	    1e-6)
		v->tilted = 1;
	*oriented = 1;
	return 0;
}

/* ---- the data ---- */

static int
dec_init(struct dec *d, struct in *in, int gz)
{
	memset(d, 0, sizeof(*d));
	d->in = in;
	d->gz = gz;
	if (gz) {
		/* gzip only (15 + 16), as Teem writes it */
		if (inflateInit2(&d->zs, 15 + 16) != Z_OK)
			return -1;
		d->zinit = 1;
	}
	return 0;
}

/* Up to n bytes of data; fewer at the end or on an error (d->err, d->in->err). */
static size_t
dec_read(struct dec *d, void *buf, size_t n)
{
	struct in *s = d->in;
	unsigned char *p = buf;
	size_t got = 0;

	if (!d->gz)
		return in_read(s, buf, n);
	while (got < n && !d->end && d->err == NULL) {
		size_t want = n - got > ZCHUNK ? ZCHUNK : n - got, avail;
		int r;

		/* the input: memory as it is, a file through its buffer */
		if (s->mem != NULL)
			avail = s->len - s->pos;
		else {
			if (s->bpos == s->blen)
				in_fill(s);
			avail = s->blen - s->bpos;
		}
		if (avail > ZCHUNK)
			avail = ZCHUNK;
		d->zs.next_in = (unsigned char *)(uintptr_t)(s->mem != NULL ? s->mem + s->pos :
		    s->buf + s->bpos);
		d->zs.avail_in = (unsigned)avail;
		d->zs.next_out = p + got;
		d->zs.avail_out = (unsigned)want;
		r = inflate(&d->zs, Z_NO_FLUSH);
		got += want - d->zs.avail_out;
		if (s->mem != NULL)
			s->pos += avail - d->zs.avail_in;
		else
			s->bpos += avail - d->zs.avail_in;
		if (r == Z_STREAM_END) {
			/* gzip allows members one after another; anything else ends it */
			const unsigned char *m = in_peek(s, 2);

			if (m != NULL && m[0] == 0x1f && m[1] == 0x8b)
				inflateReset(&d->zs);
			else
				d->end = 1;
			continue;
		}
		if (r == Z_BUF_ERROR && avail == 0) {
			if (s->err == NULL)
				d->err = esprintf("truncated: the gzip stream ends early");
			break;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			d->err = esprintf("corrupt gzip data: %s",
			    d->zs.msg != NULL ? d->zs.msg : "inflate failed");
			break;
		}
	}
	return got;
}

static void
dec_end(struct dec *d)
{
	if (d->zinit)
		inflateEnd(&d->zs);
	free(d->err);
	memset(d, 0, sizeof(*d));
}

/* Room for n more bytes in o, growing by doubling towards o->need. */
static int
out_room(struct out *o, size_t n)
{
	size_t cap = o->cap;
	unsigned char *q;

	if (o->cap - o->len >= n)
		return 0;
	if (n > o->need - o->len)
		return -1;
	while (cap - o->len < n)
		cap = cap < FIRST_CHUNK ? FIRST_CHUNK : cap > o->need / 2 ? o->need : cap * 2;
	if (cap > o->need)
		cap = o->need;
	if ((q = realloc(o->p, cap > 0 ? cap : 1)) == NULL)
		return -1;
	o->p = q;
	o->cap = cap;
	return 0;
}

/* One file's data (after its line skip) onto o. */
static int
read_piece(const struct layout *l, struct in *s, struct out *o, char **err)
{
	size_t bytes = (size_t)(l->piece * l->esize), got = 0, k;
	unsigned char tmp[4096];
	struct dec d;
	const char *why;

	if (l->enc == E_ASCII) {
		if (l->byte_skip > 0 && in_skip(s, (uint64_t)l->byte_skip) < 0) {
			*err = esprintf("truncated: the data end within the byte skip of %lld",
			    l->byte_skip);
			return -1;
		}
		return read_ascii(l, s, o, err);
	}
	if (l->enc == E_RAW && l->byte_skip < 0 && in_tail(s, bytes, err) < 0)
		return -1;
	if (l->enc == E_RAW && l->byte_skip > 0 && in_skip(s, (uint64_t)l->byte_skip) < 0) {
		*err = esprintf("truncated: the data end within the byte skip of %lld",
		    l->byte_skip);
		return -1;
	}
	if (dec_init(&d, s, l->enc == E_GZIP) < 0) {
		*err = esprintf("gzip: cannot start zlib");
		return -1;
	}
	/* gzip: the byte skip is of the decompressed bytes */
	if (l->enc == E_GZIP && l->byte_skip > 0) {
		uint64_t left = (uint64_t)l->byte_skip;

		while (left > 0 &&
		    (k = dec_read(&d, tmp, left < sizeof(tmp) ? (size_t)left : sizeof(tmp))) > 0)
			left -= k;
		if (left > 0)
			goto short_read;
	}
	if (l->enc == E_GZIP && l->byte_skip < 0) {
		/* the last bytes of the stream: a ring of them, turned in place at the end */
		unsigned char *ring;
		uint64_t total = 0;
		size_t at = 0, i, j;

		if (out_room(o, bytes) < 0)
			goto nomem;
		ring = o->p + o->len;
		while (bytes > 0 && (k = dec_read(&d, ring + at, bytes - at)) > 0) {
			total += k;
			at = (at + k) % bytes;
		}
		if (total < bytes) {
			got = (size_t)total;
			goto short_read;
		}
		/* three reversals rotate the ring left by at: its oldest byte first */
		for (i = 0, j = at; j > i + 1; i++, j--) {
			unsigned char t = ring[i];

			ring[i] = ring[j - 1];
			ring[j - 1] = t;
		}
		for (i = at, j = bytes; j > i + 1; i++, j--) {
			unsigned char t = ring[i];

			ring[i] = ring[j - 1];
			ring[j - 1] = t;
		}
		for (i = 0, j = bytes; j > i + 1; i++, j--) {
			unsigned char t = ring[i];

			ring[i] = ring[j - 1];
			ring[j - 1] = t;
		}
		o->len += bytes;
		got = bytes;
	}
	while (got < bytes) {
		size_t want = bytes - got > FIRST_CHUNK ? FIRST_CHUNK : bytes - got;

		if (out_room(o, want) < 0)
			goto nomem;
		k = dec_read(&d, o->p + o->len, want);
		o->len += k;
		got += k;
		if (k < want)
			goto short_read;
	}
	/* the rest of a gzip stream: its CRC is checked only at its end */
	while (d.gz && dec_read(&d, tmp, sizeof(tmp)) > 0)
		;
	if (d.err != NULL || s->err != NULL) {
		*err = esprintf("%s (after the data)", d.err != NULL ? d.err : s->err);
		dec_end(&d);
		return -1;
	}
	dec_end(&d);
	return 0;
short_read:
	why = d.err != NULL ? d.err : s->err;
	if (why != NULL)
		*err = esprintf("%s (%zu of %zu bytes of data)", why, got, bytes);
	else
		*err = esprintf("truncated: %zu of %zu bytes of data", got, bytes);
	dec_end(&d);
	return -1;
nomem:
	*err = esprintf("no memory for %zu bytes of data", o->need);
	dec_end(&d);
	return -1;
}

/* Values as text, separated by blanks (or commas), into the file's type in machine order. */
static int
read_ascii(const struct layout *l, struct in *s, struct out *o, char **err)
{
	char tok[128], buf[72], *end;
	uint64_t i;
	size_t k;
	int c;

	for (i = 0; i < l->piece; i++) {
		unsigned char *p;

		while ((c = in_getc(s)) != EOF && (isspace(c) || c == ','))
			;
		for (k = 0; c != EOF && !isspace(c) && c != ','; c = in_getc(s)) {
			if (k + 1 >= sizeof(tok) || c == '\0') {
				*err = esprintf("malformed ascii data: value %llu",
				    (unsigned long long)i);
				return -1;
			}
			tok[k++] = (char)c;
		}
		tok[k] = '\0';
		if (k == 0) {
			if (s->err != NULL)
				*err = esprintf("%s (%llu of %llu values)", s->err,
				    (unsigned long long)i, (unsigned long long)l->piece);
			else
				*err = esprintf("truncated: %llu of %llu values of ascii data",
				    (unsigned long long)i, (unsigned long long)l->piece);
			return -1;
		}
		if (out_room(o, l->esize) < 0) {
			*err = esprintf("no memory for %zu bytes of data", o->need);
			return -1;
		}
		p = o->p + o->len;
		errno = 0;
		if (l->type == T_FLOAT || l->type == T_DOUBLE) {
			double d = strtod(tok, &end);

			if (*end != '\0' ||
			    (l->type == T_FLOAT && isfinite(d) && fabs(d) > FLT_MAX))
				goto bad;
			if (l->type == T_FLOAT) {
				float f = (float)d;

				memcpy(p, &f, 4);
			} else
				memcpy(p, &d, 8);
		} else {
			static const long long lo[] = { INT8_MIN, 0, INT16_MIN, 0, INT32_MIN, 0 };
			static const long long hi[] = { INT8_MAX, UINT8_MAX, INT16_MAX, UINT16_MAX,
				INT32_MAX, UINT32_MAX };
			long long n = strtoll(tok, &end, 10);

			if (*end != '\0' || errno != 0 || n < lo[l->type] || n > hi[l->type])
				goto bad;
			switch (l->type) {
			case T_INT8: *(int8_t *)p = (int8_t)n; break;
			case T_UINT8: *p = (uint8_t)n; break;
			case T_INT16: { int16_t x = (int16_t)n; memcpy(p, &x, 2); break; }
			case T_UINT16: { uint16_t x = (uint16_t)n; memcpy(p, &x, 2); break; }
			case T_INT32: { int32_t x = (int32_t)n; memcpy(p, &x, 4); break; }
			default: { uint32_t x = (uint32_t)n; memcpy(p, &x, 4); break; }
			}
		}
		o->len += l->esize;
	}
	return 0;
bad:
	*err = esprintf("ascii value %llu (%s): not a %s", (unsigned long long)i, shown(tok, buf),
	    type_label[l->type]);
	return -1;
}

/* Every data file's data, in order, onto o. */
static int
read_data(const struct layout *l, struct in *attached, const char *dir, struct out *o,
    char **err)
{
	char buf[72], *name, *full, *e = NULL;
	struct stat st;
	struct in s;
	size_t i;
	int fd, r;

	for (i = 0; i < l->nfiles; i++) {
		if (attached != NULL) {
			if (in_skip_lines(attached, l->line_skip) < 0) {
				*err = esprintf("truncated: the data end within the line skip of "
				    "%lld", l->line_skip);
				return -1;
			}
			return read_piece(l, attached, o, err);
		}
		name = l->format != NULL ? file_name(l, i) : estrdup(l->single != NULL ? l->single :
		    l->list[i]);
		full = esprintf("%s/%s", dir, name);
		/* not a FIFO to wait on, nor a device: only a regular file */
		fd = open(full, O_RDONLY | O_NONBLOCK);
		r = errno;
		free(full);
		if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			*err = fd < 0 ?
			    esprintf("data file %s: %s", shown(name, buf), strerror(r)) :
			    esprintf("data file %s: not a regular file", shown(name, buf));
			if (fd >= 0)
				close(fd);
			free(name);
			return -1;
		}
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if (in_open_fd(&s, fd) < 0) {
			close(fd);
			free(name);
			*err = esprintf("no memory");
			return -1;
		}
		if (in_skip_lines(&s, l->line_skip) < 0)
			e = esprintf("truncated: the data end within the line skip of %lld",
			    l->line_skip);
		r = e == NULL ? read_piece(l, &s, o, &e) : -1;
		in_close(&s);
		close(fd);
		if (r < 0) {
			*err = l->nfiles > 1 || l->format != NULL ?
			    esprintf("data file %s (%zu of %zu): %s", shown(name, buf), i + 1,
			    l->nfiles, e) : esprintf("data file %s: %s", shown(name, buf), e);
			free(e);
			free(name);
			return -1;
		}
		free(name);
	}
	return 0;
}

static int
machine_big(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *)&one == 0;
}

static void
swap_bytes(unsigned char *p, size_t n, size_t esize)
{
	size_t i, j;

	for (i = 0; i < n; i++, p += esize)
		for (j = 0; j < esize / 2; j++) {
			unsigned char t = p[j];

			p[j] = p[esize - 1 - j];
			p[esize - 1 - j] = t;
		}
}

int
vol_read_nrrd(const char *path, const void *data, size_t len, struct volume *v, int *oriented,
    char **err)
{
	struct header h;
	struct layout l;
	struct out o;
	struct in s;
	char *dir = NULL, *slash;
	int fd = -1, dummy, attached;
	size_t i;

	memset(v, 0, sizeof(*v));
	memset(&o, 0, sizeof(o));
	memset(&l, 0, sizeof(l));
	memset(&h, 0, sizeof(h));
	if (oriented == NULL)
		oriented = &dummy;
	*oriented = 0;
	if (path != NULL) {
		if ((fd = open(path, O_RDONLY)) < 0) {
			*err = esprintf("%s", strerror(errno));
			return -1;
		}
		if (in_open_fd(&s, fd) < 0) {
			close(fd);
			*err = esprintf("no memory");
			return -1;
		}
	} else {
		if (data == NULL && len > 0) {
			*err = esprintf("no file and no bytes to read");
			return -1;
		}
		in_open_mem(&s, data != NULL ? data : "", len);
	}
	if (read_header(&s, &h, err) < 0)
		goto fail;
	if (parse_layout(&h, path == NULL, &l, err) < 0)
		goto fail;
	l.list = h.list;
	if (geometry(&h, &l, v, oriented, err) < 0)
		goto fail;
	attached = h.value[F_DATA_FILE] == NULL;
	if (!attached) {
		/* the header's directory */
		dir = estrdup(path);
		if ((slash = strrchr(dir, '/')) == NULL) {
			free(dir);
			dir = estrdup(".");
		} else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	o.need = (size_t)(l.nvalues * l.esize);
	if (read_data(&l, attached ? &s : NULL, dir, &o, err) < 0)
		goto fail;

	if (l.enc != E_ASCII && l.esize > 1 && l.big != machine_big())
		swap_bytes(o.p, (size_t)l.nvalues, l.esize);
	if (l.type == T_DOUBLE) {
		for (i = 0; i < l.nvalues; i++) {
			double d;
			float f;

			memcpy(&d, o.p + 8 * i, sizeof(d));
			if (isfinite(d) && fabs(d) > FLT_MAX) {
				*err = esprintf("double value %zu is %g: beyond float32's range",
				    i, d);
				goto fail;
			}
			f = (float)d;
			memcpy(o.p + 4 * i, &f, sizeof(f));
		}
		if (l.nvalues > 0) {
			unsigned char *q = realloc(o.p, (size_t)l.nvalues * 4);

			if (q != NULL)
				o.p = q;
		}
	}
	switch (l.type) {
	case T_INT8: v->type = VOL_INT8; break;
	case T_UINT8: v->type = VOL_UINT8; break;
	case T_INT16: v->type = VOL_INT16; break;
	case T_UINT16: v->type = VOL_UINT16; break;
	case T_INT32: v->type = VOL_INT32; break;
	case T_UINT32: v->type = VOL_UINT32; break;
	default: v->type = VOL_FLOAT32; break;
	}
	v->dim[0] = (size_t)l.size[0];
	v->dim[1] = (size_t)l.size[1];
	v->dim[2] = l.dim >= 3 ? (size_t)l.size[2] : 1;
	v->dim[3] = l.dim >= 4 ? (size_t)l.size[3] : 1;
	v->samples = 1;
	v->bytes_per_voxel = l.type == T_DOUBLE ? 4 : l.esize;
	v->slope = 1;
	v->inter = 0;
	v->data = o.p;
	v->modality = estrdup("");
	v->patient = estrdup("");
	v->study_uid = estrdup("");
	v->series_uid = estrdup("");
	v->nfiles = 1;
	free(l.format);
	free(dir);
	header_free(&h);
	in_close(&s);
	if (fd >= 0)
		close(fd);
	return 0;
fail:
	free(o.p);
	free(l.format);
	free(dir);
	header_free(&h);
	in_close(&s);
	if (fd >= 0)
		close(fd);
	memset(v, 0, sizeof(*v));
	*oriented = 0;
	return -1;
}

/* ---- writing ---- */

static const char *
nrrd_type(enum vol_type t)
{
	static const char *const n[] = { "uchar", "signed char", "ushort", "short", "uint", "int", "float" };

	return n[t];
}

/*
 * NRRD: LPS space, space directions are the affine's columns (a shear is
 * kept).  Colour is a first axis of 3 samples, of kind RGB-color and no
 * space direction.
 */
char *
nrrd_header(const struct volume *v, const char *who, const char *datafile, int gz)
{
	char *h, *t;
	int d4 = v->dim[3] > 1, rgb = v->samples == 3;

	h = esprintf("NRRD0004\n# %s\ntype: %s\ndimension: %d\n"
	    "space: left-posterior-superior\nsizes: %s%zu %zu %zu",
	    who, nrrd_type(v->type), (d4 ? 4 : 3) + rgb, rgb ? "3 " : "",
	    v->dim[0], v->dim[1], v->dim[2]);
	if (d4) {
		t = esprintf("%s %zu", h, v->dim[3]);
		free(h);
		h = t;
	}
	t = esprintf("%s\nspace directions: %s(%.10g,%.10g,%.10g) (%.10g,%.10g,%.10g) "
	    "(%.10g,%.10g,%.10g)%s\nkinds: %sdomain domain domain%s\nendian: little\nencoding: %s\n"
	    "space origin: (%.10g,%.10g,%.10g)\n",
	    h, rgb ? "none " : "", v->lps[0][0], v->lps[1][0], v->lps[2][0], v->lps[0][1], v->lps[1][1],
	    v->lps[2][1], v->lps[0][2], v->lps[1][2], v->lps[2][2], d4 ? " none" : "",
	    rgb ? "RGB-color " : "", d4 ? " list" : "",
	    gz ? "gzip" : "raw", v->lps[0][3], v->lps[1][3], v->lps[2][3]);
	free(h);
	h = t;
	if (datafile != NULL) {
		t = esprintf("%sdata file: %s\n", h, datafile);
		free(h);
		h = t;
	}
	t = esprintf("%s\n", h);
	free(h);
	return t;
}

int
vol_write_nrrd(int fd, const struct volume *v, const char *who, char **err)
{
	char *h = nrrd_header(v, who, NULL, 1);
	const void *part[1] = { v->data };
	size_t len[1] = { v->dim[0] * v->dim[1] * v->dim[2] * (v->dim[3] > 1 ? v->dim[3] : 1) *
	    v->bytes_per_voxel };
	int rc = write_all(fd, h, strlen(h));

	free(h);
	if (rc < 0) {
		*err = esprintf("%s", strerror(errno));
		return -1;
	}
	return gzpar_write(fd, part, len, 1, 4, 0, err);
}
