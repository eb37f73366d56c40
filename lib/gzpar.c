/*
 * gzpar.c: one gzip member of a large buffer, its blocks compressed in
 * threads and written in order.  See gzpar.h for the method.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdeflate.h>
#include <zlib.h>

#include "gzpar.h"
#include "util.h"

#define DICT	32768		/* deflate's window: what a block may refer back to */
#define MAXTHREADS 64
#define SLACK	16		/* room after a block for the empty stored block */

enum engine { E_LIBDEFLATE, E_ZLIB };

/* The input: the concatenation of the parts. */
struct src {
	const void *const *parts;
	const size_t *lens;
	size_t nparts;
	size_t total;
};

/* One block's output, from the worker that made it to the writer. */
struct slot {
	unsigned char *buf;
	size_t cap;
	size_t len;		/* compressed bytes in buf */
	size_t inlen;		/* input bytes of the block */
	uint32_t crc;		/* CRC-32 of the block's input */
	size_t block;
	int done;
	int rc;			/* 0, or the errno of a failure */
};

struct job;

struct worker {
	struct job *j;
	pthread_t tid;
	struct libdeflate_compressor *ld;
	z_stream z;
	int zinit;
	unsigned char *flat;	/* a block that spans parts, made contiguous for libdeflate */
	unsigned char dict[DICT];
};

struct job {
	struct src src;
	enum engine engine;
	int level;
	size_t nblocks;
	size_t nslots;
	struct slot *slot;
	pthread_mutex_t mu;
	pthread_cond_t cv_done;	/* a slot was filled */
	pthread_cond_t cv_free;	/* a slot was written, or stop */
	size_t next;		/* the next block to claim */
	size_t written;		/* blocks written so far */
	int stop;
};

/*
 * A reader of deflate's bits, LSB first: bb holds nb (56 to 63 after a
 * refill) bits, the rest of the input is from p on.  A refill reads 8 bytes
 * at p; the walk stops once p is 8 bytes past the end, so 16 zero bytes after the
 * end keep every read inside the buffer (SLACK).
 */
struct bits {
	const unsigned char *base, *p;
	uint64_t bb;
	unsigned nb;
};

/*
 * A Huffman code for decoding: codes of up to HUFF_FAST bits by one lookup
 * of the next HUFF_FAST bits ((symbol << 4) | length, 0 if none), the rare
 * longer ones bit by bit from the canonical counts (as zlib's puff does).
 */
#define HUFF_FAST 11

struct huff {
	uint16_t fast[1 << HUFF_FAST];
	uint16_t count[16];	/* codes of each length */
	uint16_t symbol[288];	/* the symbols in canonical order */
	int bits;		/* bits of fast to use */
	int longest;
};

static const void *piece(const struct src *s, size_t off, size_t *avail);
static const void *gather(const struct src *s, size_t off, size_t len, unsigned char *buf);
static int reserve(struct slot *sl, size_t need);
static inline void bits_refill(struct bits *b);
static inline unsigned bits_get(struct bits *b, unsigned k);
static inline size_t bits_pos(const struct bits *b);
static int huff_build(struct huff *h, const uint8_t *lens, int nsym);
static int huff_slow(struct bits *b, const struct huff *h);
static inline int huff_decode(struct bits *b, const struct huff *h);
static int walk_unfinal(unsigned char *buf, size_t *n, size_t want);
static int block_zlib(struct worker *w, size_t off, size_t len, int last, struct slot *sl);
static int block_libdeflate(struct worker *w, size_t off, size_t len, int last,
    struct slot *sl);
static void compress_block(struct worker *w, size_t b, struct slot *sl);
static int worker_init(struct worker *w, struct job *j);
static void worker_free(struct worker *w);
static void *worker_main(void *arg);
static int gzpar(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    enum engine e, int level, int threads, char **err);

/* The bytes at offset off of the input, and how many follow them in the same part. */
static const void *
piece(const struct src *s, size_t off, size_t *avail)
{
	size_t i;

	for (i = 0; i < s->nparts; i++) {
		if (off < s->lens[i]) {
			*avail = s->lens[i] - off;
			return (const unsigned char *)s->parts[i] + off;
		}
		off -= s->lens[i];
	}
	*avail = 0;
	return NULL;
}

/* len bytes at off, in place when they lie in one part, else copied into buf. */
static const void *
gather(const struct src *s, size_t off, size_t len, unsigned char *buf)
{
	const void *p;
	size_t avail, done, k;

	p = piece(s, off, &avail);
	if (avail >= len)
		return p;
	for (done = 0; done < len; done += k) {
		p = piece(s, off + done, &avail);
		k = avail < len - done ? avail : len - done;
		memcpy(buf + done, p, k);
	}
	return buf;
}

static int
reserve(struct slot *sl, size_t need)
{
	unsigned char *p;

	if (sl->cap >= need)
		return 0;
	if ((p = realloc(sl->buf, need)) == NULL)
		return -1;
	sl->buf = p;
	sl->cap = need;
	return 0;
}

/* ---- walking a deflate stream's blocks (RFC 1951) ---- */

static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
};
static const uint16_t dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
};
static const uint8_t dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
};
static const uint8_t clen_order[19] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

static inline void
bits_refill(struct bits *b)
{
	uint64_t v;

	memcpy(&v, b->p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	b->bb |= v << b->nb;
	b->p += (63 - b->nb) >> 3;
	b->nb |= 56;
}

/* k <= nb bits (the caller refills) */
static inline unsigned
bits_get(struct bits *b, unsigned k)
{
	unsigned v = (unsigned)(b->bb & ((1u << k) - 1));

	b->bb >>= k;
	b->nb -= k;
	return v;
}

/* Bits consumed so far. */
static inline size_t
bits_pos(const struct bits *b)
{
	return (size_t)(b->p - b->base) * 8 - b->nb;
}

/*
 * The canonical code of lens[0 .. nsym-1] into h.  -1 for an over-subscribed
 * code; an incomplete one leaves holes, which decode as errors.
 */
static int
huff_build(struct huff *h, const uint8_t *lens, int nsym)
{
	unsigned next[16], offs[16], code, r, k;
	int left, len, sym;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < nsym; sym++)
		h->count[lens[sym]]++;
	h->count[0] = 0;
	left = 1;
	h->longest = 0;
	for (len = 1; len < 16; len++) {
		left = 2 * left - (int)h->count[len];
		if (left < 0)
			return -1;
		if (h->count[len] > 0)
			h->longest = len;
	}
	h->bits = h->longest < HUFF_FAST ? h->longest : HUFF_FAST;
	for (code = 0, offs[1] = 0, len = 1; len < 16; len++) {
		code = (code + h->count[len - 1]) << 1;
		next[len] = code;
		if (len > 1)
			offs[len] = offs[len - 1] + h->count[len - 1];
	}
	memset(h->fast, 0, sizeof(h->fast[0]) << h->bits);
	for (sym = 0; sym < nsym; sym++) {
		if ((len = lens[sym]) == 0)
			continue;
		h->symbol[offs[len]++] = (uint16_t)sym;
		code = next[len]++;
		if (len > h->bits)
			continue;
		for (r = 0, k = 0; k < (unsigned)len; k++)
			r |= ((code >> k) & 1) << (len - 1 - k);
		for (k = r; k < (1u << h->bits); k += 1u << len)
			h->fast[k] = (uint16_t)(sym << 4 | len);
	}
	return 0;
}

/* A code longer than the fast table, or none: one bit at a time. */
static int
huff_slow(struct bits *b, const struct huff *h)
{
	uint64_t bb = b->bb;
	int code = 0, first = 0, index = 0, len, count;

	for (len = 1; len <= h->longest; len++) {
		code |= (int)(bb & 1);
		bb >>= 1;
		count = h->count[len];
		if (code - first < count) {
			b->bb = bb;
			b->nb -= (unsigned)len;
			return h->symbol[index + code - first];
		}
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	return -1;
}

static inline int
huff_decode(struct bits *b, const struct huff *h)
{
	unsigned e = h->fast[b->bb & ((1u << h->bits) - 1)];

	if ((e & 15) == 0)
		return huff_slow(b, h);
	b->bb >>= e & 15;
	b->nb -= e & 15;
	return (int)(e >> 4);
}

/*
 * buf[0 .. *n-1] is a complete deflate stream of want bytes, with no
 * preset dictionary, and at least 16 bytes of room follow it.  Walk its
 * blocks; if it is sound, clear the final bit of its last block and append
 * an empty stored block (*n grows by at most 5), so that it ends non-final
 * on a byte boundary and another stream can follow.  -1 (and the stream
 * unchanged) if anything does not add up.
 */
static int
walk_unfinal(unsigned char *buf, size_t *n, size_t want)
{
	struct huff lit, dist_h, clen;
	uint8_t lens[288 + 32];
	struct bits b;
	const unsigned char *end = buf + *n;
	size_t out = 0, hdr = 0, len, dist, pos, bytes = *n;
	int final = 0, type, hlit, hdist, hclen, i, sym, rep;
	unsigned u;

	memset(buf + bytes, 0, 16);
	b.base = b.p = buf;
	b.bb = 0;
	b.nb = 0;
	while (!final) {
		bits_refill(&b);
		hdr = bits_pos(&b);
		final = (int)bits_get(&b, 1);
		type = (int)bits_get(&b, 2);
		if (type == 0) {	/* stored: LEN, NLEN and the bytes, from a byte boundary */
			pos = (bits_pos(&b) + 7) / 8;
			if (pos + 4 > bytes)
				return -1;
			len = buf[pos] | (size_t)buf[pos + 1] << 8;
			if ((len ^ 0xffff) != (buf[pos + 2] | (size_t)buf[pos + 3] << 8))
				return -1;
			pos += 4 + len;
			out += len;
			if (pos > bytes || out > want)
				return -1;
			b.p = buf + pos;
			b.bb = 0;
			b.nb = 0;
			continue;
		}
		if (type == 1) {	/* the fixed codes of RFC 1951 3.2.6 */
			memset(lens, 8, 144);
			memset(lens + 144, 9, 112);
			memset(lens + 256, 7, 24);
			memset(lens + 280, 8, 8);
			memset(lens + 288, 5, 32);
			(void)huff_build(&lit, lens, 288);
			(void)huff_build(&dist_h, lens + 288, 32);
		} else if (type == 2) {
			hlit = (int)bits_get(&b, 5) + 257;
			hdist = (int)bits_get(&b, 5) + 1;
			hclen = (int)bits_get(&b, 4) + 4;
			if (hlit > 286 || hdist > 30)
				return -1;
			memset(lens, 0, 19);
			for (i = 0; i < hclen; i++) {
				bits_refill(&b);
				if (b.p > end + 8)
					return -1;
				lens[clen_order[i]] = (uint8_t)bits_get(&b, 3);
			}
			if (huff_build(&clen, lens, 19) < 0 || clen.longest == 0)
				return -1;
			for (i = 0; i < hlit + hdist; i += rep) {
				bits_refill(&b);
				if (b.p > end + 8 || (sym = huff_decode(&b, &clen)) < 0)
					return -1;
				if (sym < 16) {
					lens[i] = (uint8_t)sym;
					rep = 1;
					continue;
				}
				if (sym == 16) {
					if (i == 0)
						return -1;
					rep = 3 + (int)bits_get(&b, 2);
					u = lens[i - 1];
				} else if (sym == 17) {
					rep = 3 + (int)bits_get(&b, 3);
					u = 0;
				} else {
					rep = 11 + (int)bits_get(&b, 7);
					u = 0;
				}
				if (i + rep > hlit + hdist)
					return -1;
				memset(lens + i, (int)u, (size_t)rep);
			}
			if (lens[256] == 0)
				return -1;
			if (huff_build(&lit, lens, hlit) < 0 ||
			    huff_build(&dist_h, lens + hlit, hdist) < 0)
				return -1;
		} else {
			return -1;
		}
		for (;;) {	/* the symbols, up to the end of block; 48 bits at most */
			bits_refill(&b);
			if (b.p > end + 8 || (sym = huff_decode(&b, &lit)) < 0)
				return -1;
			if (sym < 256) {
				out++;
				continue;
			}
			if (sym == 256)
				break;
			if ((sym -= 257) >= 29)
				return -1;
			len = len_base[sym] + bits_get(&b, len_extra[sym]);
			if ((sym = huff_decode(&b, &dist_h)) < 0 || sym >= 30)
				return -1;
			dist = dist_base[sym] + bits_get(&b, dist_extra[sym]);
			if (dist > out)
				return -1;
			if ((out += len) > want)
				return -1;
		}
	}
	pos = bits_pos(&b);
	if (out != want || (pos + 7) / 8 != bytes)
		return -1;
	buf[hdr / 8] &= (unsigned char)~(1u << (hdr & 7));
	if ((u = pos & 7) != 0)
		buf[bytes - 1] &= (unsigned char)((1u << u) - 1);
	/* 3 zero bits (not final, stored), zero padding to the byte, LEN 0, NLEN ~0 */
	if (u == 0 || u > 5)
		buf[bytes++] = 0;
	buf[bytes++] = 0;
	buf[bytes++] = 0;
	buf[bytes++] = 0xff;
	buf[bytes++] = 0xff;
	*n = bytes;
	return 0;
}

/* ---- compressing a block ---- */

/* zlib, primed with the 32 KiB before the block, ended by a sync flush or Z_FINISH. */
static int
block_zlib(struct worker *w, size_t off, size_t len, int last, struct slot *sl)
{
	const struct src *s = &w->j->src;
	z_stream *z = &w->z;
	const void *p;
	size_t avail, rest, dl, used;
	uint32_t crc = 0;
	int flush, r;

	if (!w->zinit) {
		if (deflateInit2(z, w->j->level > 9 ? 9 : w->j->level, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			return ENOMEM;
		w->zinit = 1;
	} else if (deflateReset(z) != Z_OK) {
		return EINVAL;
	}
	if (off > 0) {
		dl = off < DICT ? off : DICT;
		p = gather(s, off - dl, dl, w->dict);
		if (deflateSetDictionary(z, p, (uInt)dl) != Z_OK)
			return EINVAL;
	}
	if (reserve(sl, deflateBound(z, (uLong)len) + SLACK) < 0)
		return ENOMEM;
	z->next_out = sl->buf;
	z->avail_out = (uInt)sl->cap;
	rest = len;
	do {
		p = rest > 0 ? piece(s, off, &avail) : NULL;
		if (p == NULL)
			avail = 0;
		if (avail > rest)
			avail = rest;
		crc = libdeflate_crc32(crc, p, avail);
		z->next_in = (Bytef *)(uintptr_t)p;
		z->avail_in = (uInt)avail;
		off += avail;
		rest -= avail;
		flush = rest > 0 ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
		for (;;) {
			if (z->avail_out < 64) {	/* deflateBound does not count flushes */
				used = sl->cap - z->avail_out;
				if (reserve(sl, sl->cap + (sl->cap >> 2) + 1024) < 0)
					return ENOMEM;
				z->next_out = sl->buf + used;
				z->avail_out = (uInt)(sl->cap - used);
			}
			r = deflate(z, flush);
			if (r == Z_STREAM_ERROR)
				return EINVAL;
			if (flush == Z_FINISH ? r == Z_STREAM_END :
			    z->avail_in == 0 && (flush == Z_NO_FLUSH || z->avail_out > 0))
				break;
		}
	} while (rest > 0);
	sl->len = sl->cap - z->avail_out;
	sl->crc = crc;
	return 0;
}

/* libdeflate, as a complete stream turned non-final; zlib if that does not work out. */
static int
block_libdeflate(struct worker *w, size_t off, size_t len, int last, struct slot *sl)
{
	const void *in;
	size_t n;

	if (w->flat == NULL && (w->flat = malloc(GZPAR_BLOCK)) == NULL)
		return ENOMEM;
	in = gather(&w->j->src, off, len, w->flat);
	if (reserve(sl, libdeflate_deflate_compress_bound(w->ld, len) + SLACK) < 0)
		return ENOMEM;
	n = libdeflate_deflate_compress(w->ld, in, len, sl->buf, sl->cap - SLACK);
	if (n == 0 || (!last && walk_unfinal(sl->buf, &n, len) < 0))
		return block_zlib(w, off, len, last, sl);
	sl->len = n;
	sl->crc = libdeflate_crc32(0, in, len);
	return 0;
}

static void
compress_block(struct worker *w, size_t b, struct slot *sl)
{
	const struct src *s = &w->j->src;
	size_t off = b * GZPAR_BLOCK;
	size_t len = s->total - off < GZPAR_BLOCK ? s->total - off : GZPAR_BLOCK;
	int last = b + 1 == w->j->nblocks;

	sl->block = b;
	sl->inlen = len;
	sl->rc = w->j->engine == E_ZLIB ? block_zlib(w, off, len, last, sl) :
	    block_libdeflate(w, off, len, last, sl);
}

/* ---- the threads ---- */

static int
worker_init(struct worker *w, struct job *j)
{
	w->j = j;	/* the rest is zero (calloc) */
	if (j->engine == E_LIBDEFLATE && (w->ld = libdeflate_alloc_compressor(j->level)) == NULL)
		return -1;
	return 0;
}

static void
worker_free(struct worker *w)
{
	if (w->ld != NULL)
		libdeflate_free_compressor(w->ld);
	if (w->zinit)
		deflateEnd(&w->z);
	free(w->flat);
}

/* Claim the next block while its slot is free, compress it, hand it over. */
static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct job *j = w->j;
	struct slot *sl;
	size_t b;

	pthread_mutex_lock(&j->mu);
	for (;;) {
		while (!j->stop && j->next < j->nblocks && j->next >= j->written + j->nslots)
			pthread_cond_wait(&j->cv_free, &j->mu);
		if (j->stop || j->next >= j->nblocks)
			break;
		b = j->next++;
		sl = &j->slot[b % j->nslots];
		pthread_mutex_unlock(&j->mu);
		compress_block(w, b, sl);
		pthread_mutex_lock(&j->mu);
		sl->done = 1;
		pthread_cond_broadcast(&j->cv_done);
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

int
gzpar_ncpu(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n < MAXTHREADS ? n : MAXTHREADS) : 1;
}

static int
gzpar(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    enum engine e, int level, int threads, char **err)
{
	struct job j;
	struct worker *w = NULL;
	unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, tail[8];
	uint32_t crc = 0;
	size_t i, b, nw = 0, started = 0;
	int rc = 0, maxlevel = e == E_ZLIB ? 9 : 12, saved;
	const char *what = NULL;
	struct slot *sl;

	memset(&j, 0, sizeof(j));
	for (i = 0; i < nparts; i++) {
		if ((lens[i] > 0 && parts[i] == NULL) || j.src.total + lens[i] < j.src.total) {
			rc = EINVAL;
			what = "bad input";
			goto out;
		}
		j.src.total += lens[i];
	}
	if (level == -1)
		level = 6;
	if (level < 0 || level > maxlevel) {
		rc = EINVAL;
		what = "bad compression level";
		goto out;
	}
	j.src.parts = parts;
	j.src.lens = lens;
	j.src.nparts = nparts;
	j.engine = e;
	j.level = level;
	j.nblocks = j.src.total == 0 ? 1 : (j.src.total - 1) / GZPAR_BLOCK + 1;
	if (threads <= 0)
		threads = gzpar_ncpu();
	if (threads > MAXTHREADS)
		threads = MAXTHREADS;
	nw = (size_t)threads < j.nblocks ? (size_t)threads : j.nblocks;
	j.nslots = nw == 1 ? 1 : 2 * nw;
	/* the same header as zlib's gzip stream: no name, no time, Unix */
	head[8] = level >= maxlevel ? 2 : level <= 1 ? 4 : 0;

	if ((w = calloc(nw, sizeof(*w))) == NULL || (j.slot = calloc(j.nslots, sizeof(*j.slot))) == NULL) {
		rc = ENOMEM;
		goto out;
	}
	for (i = 0; i < nw; i++) {
		if (worker_init(&w[i], &j) < 0) {
			rc = ENOMEM;
			goto out;
		}
	}
	if (write_all(fd, head, sizeof(head)) < 0) {
		rc = errno;
		what = "write";
		goto out;
	}
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv_done, NULL);
	pthread_cond_init(&j.cv_free, NULL);
	if (nw > 1)
		for (started = 0; started < nw; started++)
			if (pthread_create(&w[started].tid, NULL, worker_main, &w[started]) != 0)
				break;
	for (b = 0; b < j.nblocks; b++) {
		sl = &j.slot[b % j.nslots];
		if (started == 0) {	/* in this thread: one block, one thread, or no thread started */
			compress_block(&w[0], b, sl);
		} else {
			pthread_mutex_lock(&j.mu);
			while (!(sl->done && sl->block == b))
				pthread_cond_wait(&j.cv_done, &j.mu);
			pthread_mutex_unlock(&j.mu);
		}
		if ((rc = sl->rc) != 0) {
			what = rc == ENOMEM ? NULL : "deflate";
			break;
		}
		if (write_all(fd, sl->buf, sl->len) < 0) {
			rc = errno;
			what = "write";
			break;
		}
		crc = b == 0 ? sl->crc : (uint32_t)crc32_combine(crc, sl->crc, (z_off_t)sl->inlen);
		pthread_mutex_lock(&j.mu);
		sl->done = 0;
		j.written = b + 1;
		pthread_cond_broadcast(&j.cv_free);
		pthread_mutex_unlock(&j.mu);
	}
	pthread_mutex_lock(&j.mu);
	j.stop = 1;
	pthread_cond_broadcast(&j.cv_free);
	pthread_mutex_unlock(&j.mu);
	for (i = 0; i < started; i++)
		pthread_join(w[i].tid, NULL);
	pthread_cond_destroy(&j.cv_free);
	pthread_cond_destroy(&j.cv_done);
	pthread_mutex_destroy(&j.mu);
	if (rc == 0) {
		for (i = 0; i < 4; i++) {
			tail[i] = (unsigned char)(crc >> (8 * i));
			tail[4 + i] = (unsigned char)((uint64_t)j.src.total >> (8 * i));
		}
		if (write_all(fd, tail, sizeof(tail)) < 0) {
			rc = errno;
			what = "write";
		}
	}
out:
	for (i = 0; w != NULL && i < nw; i++)
		worker_free(&w[i]);
	for (i = 0; j.slot != NULL && i < j.nslots; i++)
		free(j.slot[i].buf);
	free(j.slot);
	free(w);
	if (rc == 0)
		return 0;
	saved = rc;
	if (err != NULL)
		*err = what != NULL ? esprintf("%s: %s", what, strerror(saved)) :
		    esprintf("%s", strerror(saved));
	errno = saved;
	return -1;
}

int
gzpar_write(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    int level, int threads, char **err)
{
	return gzpar(fd, parts, lens, nparts, E_LIBDEFLATE, level, threads, err);
}

int
gzpar_write_zlib(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    int level, int threads, char **err)
{
	return gzpar(fd, parts, lens, nparts, E_ZLIB, level, threads, err);
}
