/* dcmscan.c: the top level of an uncompressed DICOM file, without dcmtk (see dcmscan.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcmscan.h"
#include "util.h"

#define TAG(g, e)	((uint32_t)(g) << 16 | (uint32_t)(e))
#define UNDEFINED	0xffffffffu
#define FIRST_READ	(16u << 10)	/* most headers fit in 16 KiB */
#define MAX_HEADER	(64u << 20)	/* a header larger than this goes to dcmtk */
#define MAX_DEPTH	32		/* sequences nested deeper go to dcmtk */

struct elem {
	uint32_t tag;
	char vr[2];
	size_t off, len;	/* the value, in the header bytes */
};

struct dcmscan {
	const unsigned char *b;	/* the header bytes: buf, or the caller's */
	unsigned char *buf;
	size_t n;
	struct elem *e;
	size_t ne, cap;
	int have_px;
	uint64_t px_off, px_len;
};

enum { SCAN_OK, SCAN_NO, SCAN_MORE };

static uint16_t
u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The VRs whose explicit encoding has a 4-byte length after two reserved bytes. */
static int
long_vr(const char vr[2])
{
	static const char *const l[] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
	    "UN", "UR", "UT", "UV" };
	size_t i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (vr[0] == l[i][0] && vr[1] == l[i][1])
			return 1;
	return 0;
}

/* The binary VR of the attributes read by number, for implicit VR files (and UN). */
static const char *
known_vr(uint32_t tag)
{
	switch (tag) {
	case TAG(0x0028, 0x0002): case TAG(0x0028, 0x0006): case TAG(0x0028, 0x0010):
	case TAG(0x0028, 0x0011): case TAG(0x0028, 0x0100): case TAG(0x0028, 0x0101):
	case TAG(0x0028, 0x0102): case TAG(0x0028, 0x0103):
		return "US";
	default:
		return NULL;
	}
}

/*
 * One element header at *pos: its tag, VR (explicit, else "  "), value
 * length; *pos moves to the value.
 */
static int
elem_header(const struct dcmscan *s, size_t *pos, int explicit, uint32_t *tag, char vr[2],
    uint32_t *len)
{
	const unsigned char *p;

	if (*pos + 8 > s->n)
		return SCAN_MORE;
	p = s->b + *pos;
	*tag = TAG(u16(p), u16(p + 2));
	vr[0] = vr[1] = ' ';
	/* item and delimitation tags have no VR in any syntax */
	if (!explicit || (*tag >> 16) == 0xfffe) {
		*len = u32(p + 4);
		*pos += 8;
		return SCAN_OK;
	}
	vr[0] = (char)p[4];
	vr[1] = (char)p[5];
	if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z')
		return SCAN_NO;
	if (long_vr(vr)) {
		if (*pos + 12 > s->n)
			return SCAN_MORE;
		*len = u32(p + 8);
		*pos += 12;
	} else {
		*len = u16(p + 6);
		*pos += 8;
	}
	return SCAN_OK;
}

static int skip_items(const struct dcmscan *s, size_t *pos, int explicit, int depth);

/* The elements of an item of undefined length, up to its delimitation item. */
static int
skip_item_body(const struct dcmscan *s, size_t *pos, int explicit, int depth)
{
	uint32_t tag, len;
	char vr[2];
	int rc;

	for (;;) {
		if ((rc = elem_header(s, pos, explicit, &tag, vr, &len)) != SCAN_OK)
			return rc;
		if (tag == TAG(0xfffe, 0xe00d))
			return SCAN_OK;
		if ((tag >> 16) == 0xfffe)
			return SCAN_NO;
		if (len == UNDEFINED) {
			/* a sequence; an undefined-length UN holds implicit VR */
			rc = skip_items(s, pos, explicit && !(vr[0] == 'U' && vr[1] == 'N'), depth + 1);
			if (rc != SCAN_OK)
				return rc;
		} else
			*pos += len;
	}
}

/* The items of a sequence of undefined length, up to its delimitation item. */
static int
skip_items(const struct dcmscan *s, size_t *pos, int explicit, int depth)
{
	uint32_t tag, len;
	char vr[2];
	int rc;

	if (depth > MAX_DEPTH)
		return SCAN_NO;
	for (;;) {
		if ((rc = elem_header(s, pos, 0, &tag, vr, &len)) != SCAN_OK)
			return rc;
		if (tag == TAG(0xfffe, 0xe0dd))
			return SCAN_OK;
		if (tag != TAG(0xfffe, 0xe000))
			return SCAN_NO;
		if (len != UNDEFINED)
			*pos += len;
		else if ((rc = skip_item_body(s, pos, explicit, depth)) != SCAN_OK)
			return rc;
	}
}

static void
add(struct dcmscan *s, uint32_t tag, const char vr[2], size_t off, size_t len)
{
	if (s->ne == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 128;
		s->e = erealloc(s->e, s->cap * sizeof(*s->e));
	}
	s->e[s->ne].tag = tag;
	s->e[s->ne].vr[0] = vr[0];
	s->e[s->ne].vr[1] = vr[1];
	s->e[s->ne].off = off;
	s->e[s->ne].len = len;
	s->ne++;
}

/* The meta group and the data set up to Pixel Data, in the bytes at hand. */
static int
parse(struct dcmscan *s, uint64_t file_len)
{
	size_t pos = 132;
	int explicit = -1, rc;
	uint32_t tag, len;
	char vr[2];

	s->ne = 0;
	s->have_px = 0;
	if (s->n < 132)
		return file_len > s->n ? SCAN_MORE : SCAN_NO;
	if (memcmp(s->b + 128, "DICM", 4) != 0)
		return SCAN_NO;
	/* the file meta group: explicit VR little endian, group 0002 */
	for (;;) {
		if (pos + 8 > s->n)
			return SCAN_MORE;
		if (u16(s->b + pos) != 0x0002)
			break;
		if ((rc = elem_header(s, &pos, 1, &tag, vr, &len)) != SCAN_OK)
			return rc;
		if (len == UNDEFINED)
			return SCAN_NO;
		if (len > s->n - pos)
			return SCAN_MORE;
		if (tag == TAG(0x0002, 0x0010)) {
			size_t l = len;

			while (l > 0 && (s->b[pos + l - 1] == '\0' || s->b[pos + l - 1] == ' '))
				l--;
			if (l == 17 && memcmp(s->b + pos, "1.2.840.10008.1.2", 17) == 0)
				explicit = 0;
			else if (l == 19 && memcmp(s->b + pos, "1.2.840.10008.1.2.1", 19) == 0)
				explicit = 1;
			else
				return SCAN_NO;	/* big endian, deflate, compressed: dcmtk's */
		}
		pos += len;
	}
	if (explicit < 0)
		return SCAN_NO;
	for (;;) {
		size_t start = pos;

		if (pos + 8 > s->n && pos >= file_len)
			return SCAN_OK;	/* a data set without pixel data */
		if ((rc = elem_header(s, &pos, explicit, &tag, vr, &len)) != SCAN_OK)
			return rc;
		if ((tag >> 16) == 0xfffe || (tag >> 16) == 0x0002)
			return SCAN_NO;
		if (tag == TAG(0x7fe0, 0x0010)) {
			if (len == UNDEFINED || (uint64_t)pos + len > file_len)
				return SCAN_NO;	/* encapsulated, or cut short */
			s->have_px = 1;
			s->px_off = pos;
			s->px_len = len;
			return SCAN_OK;
		}
		if (len == UNDEFINED) {
			if (!explicit || (vr[0] == 'S' && vr[1] == 'Q') || (vr[0] == 'U' && vr[1] == 'N')) {
				rc = skip_items(s, &pos, explicit && !(vr[0] == 'U' && vr[1] == 'N'), 1);
				if (rc != SCAN_OK)
					return rc;
				add(s, tag, "SQ", start, 0);
				continue;
			}
			return SCAN_NO;
		}
		if (len > s->n - pos)
			return SCAN_MORE;
		if (!explicit || (vr[0] == 'U' && vr[1] == 'N')) {
			const char *k = known_vr(tag);

			if (k != NULL) {
				vr[0] = k[0];
				vr[1] = k[1];
			}
		}
		add(s, tag, vr, pos, len);
		pos += len;
	}
}

/* No preamble, and no data set at the start either (dcmscan.h). */
static int
plainly_not_dicom(const unsigned char *b, size_t n)
{
	unsigned le, be;

	if (n >= 132 && memcmp(b + 128, "DICM", 4) == 0)
		return 0;
	if (n < 2)
		return 1;
	le = u16(b);
	be = (unsigned)b[0] << 8 | b[1];
	return !((le <= 8 && le % 2 == 0) || (be <= 8 && be % 2 == 0));
}

/* Parse, reading more of the file (fd) while the header goes on. */
static int
scan(struct dcmscan *s, int fd, uint64_t file_len)
{
	size_t want = FIRST_READ;
	int rc;

	for (;;) {
		if (fd >= 0) {
			size_t have = s->n, n = want < file_len ? want : (size_t)file_len;

			s->buf = erealloc(s->buf, n > 0 ? n : 1);
			s->b = s->buf;
			while (have < n) {
				ssize_t r = pread(fd, s->buf + have, n - have, (off_t)have);

				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0)
					return SCAN_NO;
				have += (size_t)r;
			}
			s->n = n;
		}
		if (plainly_not_dicom(s->b, s->n))
			return DCMSCAN_NOTDICOM;
		rc = parse(s, file_len);
		if (rc != SCAN_MORE)
			return rc;
		if (fd < 0 || s->n >= file_len || want >= MAX_HEADER)
			return SCAN_NO;
		want *= 4;
	}
}

int
dcmscan_path(const char *path, struct dcmscan **out)
{
	struct dcmscan *s;
	struct stat st;
	int fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return DCMSCAN_NO;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return DCMSCAN_NO;
	}
	s = ecalloc(1, sizeof(*s));
	rc = scan(s, fd, (uint64_t)st.st_size);
	close(fd);
	if (rc != SCAN_OK) {
		dcmscan_free(s);
		return rc == DCMSCAN_NOTDICOM ? DCMSCAN_NOTDICOM : DCMSCAN_NO;
	}
	*out = s;
	return DCMSCAN_OK;
}

int
dcmscan_mem(const void *data, size_t len, struct dcmscan **out)
{
	struct dcmscan *s = ecalloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	s->b = data;
	s->n = len;
	if ((rc = scan(s, -1, len)) != SCAN_OK) {
		dcmscan_free(s);
		return rc == DCMSCAN_NOTDICOM ? DCMSCAN_NOTDICOM : DCMSCAN_NO;
	}
	*out = s;
	return DCMSCAN_OK;
}

static const struct elem *
find(const struct dcmscan *s, uint32_t tag)
{
	size_t i;

	for (i = 0; i < s->ne; i++)
		if (s->e[i].tag == tag)
			return &s->e[i];
	return NULL;
}

int
dcmscan_has(const struct dcmscan *s, uint32_t tag)
{
	return find(s, tag) != NULL || (tag == TAG(0x7fe0, 0x0010) && s->have_px);
}

int
dcmscan_bytes(const struct dcmscan *s, uint32_t tag, const void **bytes, size_t *len)
{
	const struct elem *e = find(s, tag);

	if (e == NULL || (e->vr[0] == 'S' && e->vr[1] == 'Q'))
		return -1;
	*bytes = s->b + e->off;
	*len = e->len;
	return 0;
}

static int
vr_is(const struct elem *e, const char *vr)
{
	return e->vr[0] == vr[0] && e->vr[1] == vr[1];
}

/* Binary numbers as text joined by '\'. */
static char *
numbers(const unsigned char *p, size_t len, size_t width, const struct elem *e)
{
	size_t n = len / width, i, o = 0;
	char *v = emalloc(n * 26 + 1);

	v[0] = '\0';
	for (i = 0; i < n; i++, p += width) {
		uint32_t x = width == 2 ? u16(p) : width >= 4 ? u32(p) : 0;

		if (i > 0)
			v[o++] = '\\';
		if (vr_is(e, "US"))
			o += (size_t)sprintf(v + o, "%u", (unsigned)x);
		else if (vr_is(e, "SS"))
			o += (size_t)sprintf(v + o, "%d", (int)(int16_t)x);
		else if (vr_is(e, "UL"))
			o += (size_t)sprintf(v + o, "%lu", (unsigned long)x);
		else if (vr_is(e, "SL"))
			o += (size_t)sprintf(v + o, "%ld", (long)(int32_t)x);
		else if (vr_is(e, "FL")) {
			float f;

			memcpy(&f, &x, 4);
			o += (size_t)sprintf(v + o, "%.8g", (double)f);
		} else {
			double d;

			memcpy(&d, p, 8);
			o += (size_t)sprintf(v + o, "%.17g", d);
		}
	}
	v[o] = '\0';
	return v;
}

char *
dcmscan_string(const struct dcmscan *s, uint32_t tag)
{
	const struct elem *e = find(s, tag);
	const unsigned char *p;
	char *v;
	size_t i, o, start;

	if (e == NULL || vr_is(e, "SQ"))
		return NULL;
	p = s->b + e->off;
	if (vr_is(e, "US") || vr_is(e, "SS"))
		return numbers(p, e->len, 2, e);
	if (vr_is(e, "UL") || vr_is(e, "SL") || vr_is(e, "FL"))
		return numbers(p, e->len, 4, e);
	if (vr_is(e, "FD"))
		return numbers(p, e->len, 8, e);
	/* text: each value without its leading and trailing padding */
	v = emalloc(e->len + 1);
	for (i = 0, o = 0, start = 0; i <= e->len; i++) {
		if (i == e->len || p[i] == '\\') {
			size_t a = start, z = i;

			while (a < z && (p[a] == ' ' || p[a] == '\0'))
				a++;
			while (z > a && (p[z - 1] == ' ' || p[z - 1] == '\0'))
				z--;
			if (start > 0)
				v[o++] = '\\';
			memcpy(v + o, p + a, z - a);
			o += z - a;
			start = i + 1;
		}
	}
	v[o] = '\0';
	/* an embedded NUL ends the text, as in dcmtk's C string */
	return v;
}

int
dcmscan_pixels(const struct dcmscan *s, uint64_t *offset, uint64_t *len)
{
	if (!s->have_px)
		return -1;
	*offset = s->px_off;
	*len = s->px_len;
	return 0;
}

void
dcmscan_free(struct dcmscan *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s->e);
	free(s);
}
