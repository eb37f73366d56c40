/* t-gzpar: unit tests of lib/gzpar.c (parallel gzip), printing TAP. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdeflate.h>
#include <nifti1.h>
#include <zlib.h>

#include "gzpar.h"
#include "util.h"
#include "tap.h"

#define MiB ((size_t)1 << 20)

struct out {
	unsigned char *p;
	size_t n;
};

typedef int gzfn(int, const void *const *, const size_t *, size_t, int, int, char **);


static void fill_random(unsigned char *p, size_t n, uint64_t seed);
static void fill_ct(unsigned char *p, size_t n, uint64_t seed);
static int run(gzfn *fn, const void *const *parts, const size_t *lens, size_t nparts, int level,
    int threads, struct out *o);
static int gunzip_equal(const struct out *o, const void *const *parts, const size_t *lens,
    size_t nparts);
static size_t zlib_single(const unsigned char *p, size_t n, int level);
static int write_file(const char *path, const void *p, size_t n);
static int have(const char *cmd);

static void
fill_random(unsigned char *p, size_t n, uint64_t seed)
{
	uint64_t s = seed | 1, v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((i & 7) == 0)
			v = next64(&s);
		p[i] = (unsigned char)(v >> (8 * (i & 7)));
	}
}

/*
 * int16 little-endian slices of 512x512 that look like CT to deflate: -2048
 * outside the round field of view, air, a body of smooth soft tissue with a
 * ring of bone, and noise of a few HU (n need not be a whole slice).
 */
static void
fill_ct(unsigned char *p, size_t n, uint64_t seed)
{
	uint64_t s = seed | 1;
	size_t i, x, y, z;
	double dx, dy, r;
	int hu;

	for (i = 0; i + 1 < n; i += 2) {
		x = (i / 2) % 512;
		y = (i / 2 / 512) % 512;
		z = i / 2 / 512 / 512;
		dx = ((double)x - 256) / 220;
		dy = ((double)y - 256) / 160;
		r = dx * dx + dy * dy;
		if (((double)x - 256) * ((double)x - 256) + ((double)y - 256) * ((double)y - 256) >
		    250.0 * 250) {
			hu = -2048;
		} else {
			if (r >= 1)
				hu = -1000;
			else if (r > 0.55 && r < 0.62)
				hu = 700 + (int)(x + z) % 200;
			else
				hu = 30 + (int)(20 * dx + 15 * dy) + (int)((x / 8 + y / 8 + z) % 16);
			hu += (int)(next64(&s) % 13) - 6;
		}
		p[i] = (unsigned char)(hu & 0xff);
		p[i + 1] = (unsigned char)((hu >> 8) & 0xff);
	}
	if (i < n)
		p[i] = 0;
}

/* Compress into a temporary file and read it back. */
static int
run(gzfn *fn, const void *const *parts, const size_t *lens, size_t nparts, int level, int threads,
    struct out *o)
{
	FILE *f = tmpfile();
	char *err = NULL;
	long end;
	int r;

	o->p = NULL;
	o->n = 0;
	if (f == NULL)
		return -1;
	r = fn(fileno(f), parts, lens, nparts, level, threads, &err);
	if (r != 0) {
		printf("# gzpar: %s\n", err != NULL ? err : "(no message)");
		free(err);
		fclose(f);
		return -1;
	}
	if ((end = lseek(fileno(f), 0, SEEK_END)) < 0 || lseek(fileno(f), 0, SEEK_SET) < 0)
		return fclose(f), -1;
	o->n = (size_t)end;
	o->p = emalloc(o->n + 1);
	if (fread(o->p, 1, o->n, f) != o->n)
		r = -1;
	fclose(f);
	return r;
}

/* One gzip member, all of o used, whose contents are the parts. */
static int
gunzip_equal(const struct out *o, const void *const *parts, const size_t *lens, size_t nparts)
{
	z_stream z;
	unsigned char buf[1 << 16];
	size_t i, k, off = 0, got;
	int r, same = 1;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return 0;
	z.next_in = o->p;
	z.avail_in = (uInt)o->n;
	i = 0;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		r = inflate(&z, Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END)
			break;
		got = sizeof(buf) - z.avail_out;
		for (k = 0; k < got && same; ) {	/* compare with the parts in turn */
			size_t m;

			while (i < nparts && off == lens[i]) {
				i++;
				off = 0;
			}
			if (i == nparts) {
				same = 0;
				break;
			}
			m = lens[i] - off < got - k ? lens[i] - off : got - k;
			if (memcmp(buf + k, (const unsigned char *)parts[i] + off, m) != 0)
				same = 0;
			k += m;
			off += m;
		}
	} while (r == Z_OK && same);
	while (i < nparts && off == lens[i]) {
		i++;
		off = 0;
	}
	inflateEnd(&z);
	return same && r == Z_STREAM_END && z.avail_in == 0 && i == nparts;
}

/* The size of one zlib gzip stream of p at level, the way the old sink wrote it. */
static size_t
zlib_single(const unsigned char *p, size_t n, int level)
{
	z_stream z;
	uLong bound;
	unsigned char *buf;
	size_t r;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	bound = deflateBound(&z, (uLong)n);
	buf = emalloc(bound);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = buf;
	z.avail_out = (uInt)bound;
	r = deflate(&z, Z_FINISH) == Z_STREAM_END ? z.total_out : 0;
	deflateEnd(&z);
	free(buf);
	return r;
}

static int
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	if (fwrite(p, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

static int
have(const char *cmd)
{
	char *s = esprintf("command -v %s >/dev/null 2>&1", cmd);
	int r = system(s) == 0;

	free(s);
	return r;
}

int
main(void)
{
	static const size_t sizes[] = { 0, 1, MiB - 1, MiB, 10 * MiB + 3 };
	static const char *const kinds[] = { "random", "CT-like" };
	static const int nthreads[] = { 1, 2, 5 };
	static gzfn *const fns[] = { gzpar_write, gzpar_write_zlib };
	static const char *const fnames[] = { "libdeflate", "zlib" };
	unsigned char *buf, *pre;
	const void *parts[3];
	size_t lens[3], si, single, ct = 24 * MiB, n;
	struct out o, o1;
	char *err = NULL, dir[] = "/tmp/t-gzpar.XXXXXX", *path, *cmd;
	const char *tmpdir;
	int kind, e, t, lv, r, same, pfd[2];
	struct libdeflate_compressor *ld;
	unsigned char *first;
	struct nifti_1_header h;

	setprogname("t-gzpar");
	signal(SIGPIPE, SIG_IGN);
	buf = emalloc(ct);
	pre = emalloc(352);
	fill_random(pre, 352, 7);

	/* round trips: every size, both kinds, both engines; a prefix as a part of its own */
	for (kind = 0; kind < 2; kind++) {
		for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
			n = sizes[si];
			(kind == 0 ? fill_random : fill_ct)(buf, n, 1000 + si);
			for (e = 0; e < 2; e++) {
				parts[0] = buf;
				lens[0] = n;
				r = run(fns[e], parts, lens, 1, -1, 0, &o);
				ok(r == 0 && gunzip_equal(&o, parts, lens, 1),
				    "%s %s %zu bytes: one gzip member, the same bytes back", fnames[e],
				    kinds[kind], n);
				parts[0] = pre;
				lens[0] = 352;
				parts[1] = NULL;
				lens[1] = 0;
				parts[2] = buf;
				lens[2] = n;
				r = run(fns[e], parts, lens, 3, -1, 0, &o1);
				ok(r == 0 && gunzip_equal(&o1, parts, lens, 3),
				    "%s %s 352 + %zu bytes in parts: the same bytes back", fnames[e],
				    kinds[kind], n);
				free(o.p);
				free(o1.p);
			}
		}
	}

	/* deterministic: the same bytes whatever the number of threads */
	for (kind = 0; kind < 2; kind++) {
		n = 10 * MiB + 3;
		(kind == 0 ? fill_random : fill_ct)(buf, n, 77);
		parts[0] = pre;
		lens[0] = 352;
		parts[1] = buf;
		lens[1] = n;
		for (e = 0; e < 2; e++) {
			r = run(fns[e], parts, lens, 2, e == 0 ? 1 : 6, 1, &o1);
			same = r == 0;
			for (t = 1; t < 3; t++) {
				r = run(fns[e], parts, lens, 2, e == 0 ? 1 : 6, nthreads[t], &o);
				same = same && r == 0 && o.n == o1.n && memcmp(o.p, o1.p, o.n) == 0;
				free(o.p);
			}
			ok(same, "%s %s: the same %zu bytes with 1, 2 and 5 threads", fnames[e],
			    kinds[kind], o1.n);
			free(o1.p);
		}
	}

	/* every libdeflate level, and zlib's, walks and joins (stored blocks at 0) */
	n = 2 * MiB + 12345;
	fill_ct(buf, n / 2, 5);
	fill_random(buf + n / 2, n - n / 2, 6);
	parts[0] = buf;
	lens[0] = n;
	same = 1;
	for (lv = 0; lv <= 12; lv++) {
		r = run(gzpar_write, parts, lens, 1, lv, 2, &o);
		if (r != 0 || !gunzip_equal(&o, parts, lens, 1)) {
			printf("# libdeflate level %d fails\n", lv);
			same = 0;
		}
		free(o.p);
	}
	ok(same, "libdeflate levels 0 to 12: the same bytes back");
	same = 1;
	for (lv = 0; lv <= 9; lv++) {
		r = run(gzpar_write_zlib, parts, lens, 1, lv, 2, &o);
		if (r != 0 || !gunzip_equal(&o, parts, lens, 1)) {
			printf("# zlib level %d fails\n", lv);
			same = 0;
		}
		free(o.p);
	}
	ok(same, "zlib levels 0 to 9: the same bytes back");

	/*
	 * No zlib fallback: the first block starts as libdeflate's own stream, and
	 * the member is libdeflate's blocks, each with at most 5 bytes more to join.
	 */
	fill_ct(buf, 4 * MiB + 100, 9);
	parts[0] = buf;
	lens[0] = 4 * MiB + 100;
	ld = libdeflate_alloc_compressor(1);
	first = emalloc(2 * MiB);
	for (single = 0, si = 0; si < 5; si++) {
		n = libdeflate_deflate_compress(ld, buf + si * MiB, si < 4 ? MiB : 100, first,
		    2 * MiB);
		single += n;
		if (si == 0) {
			r = run(gzpar_write, parts, lens, 1, 1, 2, &o);
			same = r == 0 && n > 64 && o.n > 10 + 64 && memcmp(o.p + 10, first, 64) == 0;
		}
	}
	ok(same && o.n >= 10 + single + 4 * 4 + 8 && o.n <= 10 + single + 4 * 5 + 8,
	    "libdeflate: the member is libdeflate's blocks joined (%zu bytes, theirs %zu)", o.n,
	    single);
	free(o.p);
	free(first);
	libdeflate_free_compressor(ld);

	/* size: within 1% of one zlib level 6 stream on CT-like data */
	fill_ct(buf, ct, 11);
	parts[0] = buf;
	lens[0] = ct;
	single = zlib_single(buf, ct, 6);
	printf("# CT-like %zu bytes: zlib -6 single stream %zu (%.4f)\n", ct, single,
	    (double)single / (double)ct);
	r = run(gzpar_write_zlib, parts, lens, 1, 6, 0, &o);
	ok(r == 0 && single > 0 && (double)o.n <= 1.01 * (double)single,
	    "zlib -6 in blocks: %zu bytes, %.4fx one stream's", o.n, (double)o.n / (double)single);
	free(o.p);
	r = run(gzpar_write, parts, lens, 1, 6, 0, &o);
	ok(r == 0 && (double)o.n <= 1.01 * (double)single,
	    "libdeflate -6 in blocks: %zu bytes, %.4fx zlib -6's", o.n, (double)o.n / (double)single);
	free(o.p);
	for (lv = 1; lv <= 4; lv++) {	/* for the record: the fast levels are data-dependent */
		if (run(gzpar_write, parts, lens, 1, lv, 0, &o) == 0)
			printf("# libdeflate -%d in blocks: %zu bytes, %.4fx zlib -6's\n", lv, o.n,
			    (double)o.n / (double)single);
		free(o.p);
	}

	/* failures: a bad level, a bad part, a closed pipe; errno and a message */
	parts[0] = buf;
	lens[0] = 100;
	errno = 0;
	r = gzpar_write(1, parts, lens, 1, 13, 1, &err);
	ok(r == -1 && errno == EINVAL && err != NULL && strstr(err, "level") != NULL,
	    "level 13: EINVAL (%s)", err != NULL ? err : "no message");
	free(err);
	err = NULL;
	parts[0] = NULL;
	r = gzpar_write(1, parts, lens, 1, 6, 1, &err);
	ok(r == -1 && errno == EINVAL && err != NULL, "a NULL part: EINVAL");
	free(err);
	err = NULL;
	if (pipe(pfd) == 0) {
		close(pfd[0]);
		parts[0] = buf;
		lens[0] = 10 * MiB;
		r = gzpar_write(pfd[1], parts, lens, 1, 1, 2, &err);
		ok(r == -1 && errno == EPIPE && err != NULL && strncmp(err, "write:", 6) == 0,
		    "a closed pipe: EPIPE, threads stopped (%s)", err != NULL ? err : "no message");
		free(err);
		err = NULL;
		close(pfd[1]);
	} else {
		skip("pipe failed", "a closed pipe");
	}

	/* the readers: gzip -t, zcat, Python's gzip, nibabel, nifticlib (nifti_tool) */
	tmpdir = getenv("TMPDIR");
	if (tmpdir != NULL && *tmpdir != '\0') {
		path = esprintf("%s/t-gzpar.XXXXXX", tmpdir);
	} else {
		path = estrdup(dir);
	}
	if (mkdtemp(path) == NULL) {
		skip("mkdtemp failed", "readers");
		goto done;
	}
	memset(&h, 0, sizeof(h));
	h.sizeof_hdr = 348;
	h.dim[0] = 3;
	h.dim[1] = 512;
	h.dim[2] = 512;
	h.dim[3] = 21;
	h.dim[4] = h.dim[5] = h.dim[6] = h.dim[7] = 1;
	h.datatype = DT_INT16;
	h.bitpix = 16;
	h.pixdim[0] = 1;
	h.pixdim[1] = h.pixdim[2] = 0.7f;
	h.pixdim[3] = 1;
	h.vox_offset = 352;
	h.scl_slope = 1;
	memcpy(h.magic, "n+1", 4);
	memset(pre, 0, 352);
	memcpy(pre, &h, sizeof(h));
	n = (size_t)512 * 512 * 21 * 2;
	fill_ct(buf, n, 13);
	parts[0] = pre;
	lens[0] = 352;
	parts[1] = buf;
	lens[1] = n;
	r = run(gzpar_write, parts, lens, 2, 1, 0, &o);
	cmd = esprintf("%s/a.nii.gz", path);
	r = r == 0 ? write_file(cmd, o.p, o.n) : -1;
	free(cmd);
	free(o.p);
	cmd = esprintf("%s/a.nii", path);
	if (r == 0) {
		FILE *f = fopen(cmd, "wb");

		r = f != NULL && fwrite(pre, 1, 352, f) == 352 && fwrite(buf, 1, n, f) == n ? 0 : -1;
		if (f != NULL && fclose(f) != 0)
			r = -1;
	}
	free(cmd);
	ok(r == 0, "a NIfTI-1 of 512x512x21 int16 written, gzipped and not");
	if (have("gzip")) {
		cmd = esprintf("cd '%s' && gzip -t a.nii.gz && zcat a.nii.gz | cmp -s - a.nii", path);
		ok(system(cmd) == 0, "gzip -t and zcat");
		free(cmd);
	} else {
		skip("no gzip", "gzip -t and zcat");
	}
	if (system("/usr/bin/python3 -c 'import nibabel' 2>/dev/null") == 0) {
		cmd = esprintf("cd '%s' && /usr/bin/python3 -c '"
		    "import gzip, nibabel, numpy\n"
		    "assert gzip.open(\"a.nii.gz\").read() == open(\"a.nii\", \"rb\").read()\n"
		    "a = nibabel.load(\"a.nii.gz\"); b = nibabel.load(\"a.nii\")\n"
		    "assert a.shape == (512, 512, 21)\n"
		    "assert numpy.array_equal(a.dataobj[...], b.dataobj[...])\n'", path);
		ok(system(cmd) == 0, "Python's gzip and nibabel");
		free(cmd);
	} else {
		skip("no /usr/bin/python3 with nibabel", "Python's gzip and nibabel");
	}
	if (have("nifti_tool")) {
		cmd = esprintf("cd '%s' && nifti_tool -cbl -prefix b.nii -infiles a.nii.gz "
		    ">/dev/null 2>&1 && cmp -s -i 352 a.nii b.nii", path);
		ok(system(cmd) == 0, "nifticlib (nifti_tool -cbl): the same voxels");
		free(cmd);
	} else {
		skip("no nifti_tool", "nifticlib");
	}
	cmd = esprintf("rm -rf '%s'", path);
	(void)system(cmd);
	free(cmd);
done:
	free(path);
	free(buf);
	free(pre);
	printf("1..%d\n", tap_ntests);
	return tap_nfailed > 0;
}
