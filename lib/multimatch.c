/* multimatch.c: many values, found at word boundaries in one pass (see multimatch.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multimatch.h"
#include "util.h"

struct value {
	uint64_t hash;
	uint32_t off;		/* in the arena */
	uint8_t len;
	uint8_t uid_like;
	int tag;
};

struct mm {
	uint8_t *first3;	/* 2^24 bits: a value starts with these three bytes */
	unsigned char lens[MM_MAXLEN + 1];	/* a value of this length exists */
	size_t maxlen;
	struct value *slots;	/* open addressing by (hash, len) */
	size_t nslots, nvalues;
	char *arena;		/* folded values */
	size_t arenalen, arenacap;
};

static unsigned char fold[256];

static void
fold_init(void)
{
	int c;

	for (c = 0; c < 256; c++)
		fold[c] = (unsigned char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
}

static int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* FNV-1a, one folded byte at a time, so the scan can extend it byte by byte. */
#define H0 1469598103934665603ULL
#define HSTEP(h, c) (((h) ^ (c)) * 1099511628211ULL)

static uint64_t
mix(uint64_t h, size_t len)
{
	h ^= (uint64_t)len * 0x9e3779b97f4a7c15ULL;
	h ^= h >> 29;
	return h;
}

struct mm *
mm_new(void)
{
	struct mm *m;

	if (fold['A'] != 'a')
		fold_init();
	m = ecalloc(1, sizeof(*m));
	m->first3 = ecalloc(1, 1 << 21);
	m->nslots = 1024;
	m->slots = ecalloc(m->nslots, sizeof(*m->slots));
	return m;
}

static void
grow(struct mm *m)
{
	struct value *old = m->slots;
	size_t oldn = m->nslots, i, j;

	m->nslots *= 2;
	m->slots = ecalloc(m->nslots, sizeof(*m->slots));
	for (i = 0; i < oldn; i++) {
		if (old[i].len == 0)
			continue;
		for (j = old[i].hash & (m->nslots - 1); m->slots[j].len != 0; j = (j + 1) & (m->nslots - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
}

int
mm_add(struct mm *m, const char *value, size_t len, int tag, int uid_like)
{
	uint64_t h = H0;
	size_t i, j;
	unsigned g;
	char *v;

	if (len < MM_MINLEN || len > MM_MAXLEN)
		return -1;
	if (m->arenalen + len > m->arenacap) {
		m->arenacap = (m->arenalen + len) * 2 + 4096;
		if (m->arenacap > UINT32_MAX)
			eprintf("multimatch: too many values");
		m->arena = erealloc(m->arena, m->arenacap);
	}
	v = m->arena + m->arenalen;
	for (i = 0; i < len; i++) {
		v[i] = (char)fold[(unsigned char)value[i]];
		h = HSTEP(h, (unsigned char)v[i]);
	}
	h = mix(h, len);
	for (j = h & (m->nslots - 1); m->slots[j].len != 0; j = (j + 1) & (m->nslots - 1))
		if (m->slots[j].hash == h && m->slots[j].len == len &&
		    memcmp(m->arena + m->slots[j].off, v, len) == 0)
			return 0;	/* known: the first tag stays */
	m->slots[j].hash = h;
	m->slots[j].off = (uint32_t)m->arenalen;
	m->slots[j].len = (uint8_t)len;
	m->slots[j].uid_like = (uint8_t)(uid_like != 0);
	m->slots[j].tag = tag;
	m->arenalen += len;
	m->nvalues++;
	m->lens[len] = 1;
	if (len > m->maxlen)
		m->maxlen = len;
	g = (unsigned)(unsigned char)v[0] << 16 | (unsigned)(unsigned char)v[1] << 8 |
	    (unsigned char)v[2];
	m->first3[g >> 3] |= (uint8_t)(1u << (g & 7));
	if (m->nvalues * 2 > m->nslots)
		grow(m);
	return 0;
}

size_t
mm_count(const struct mm *m)
{
	return m->nvalues;
}

size_t
mm_scan(const struct mm *m, const void *text, size_t n, mm_hit_fn fn, void *arg)
{
	const unsigned char *t = text;
	size_t i, len, j, hits = 0, lim;
	uint64_t h;
	unsigned g;

	if (m->nvalues == 0 || n < MM_MINLEN)
		return 0;
	for (i = 0; i + MM_MINLEN <= n; i++) {
		g = (unsigned)fold[t[i]] << 16 | (unsigned)fold[t[i + 1]] << 8 | fold[t[i + 2]];
		if ((m->first3[g >> 3] & (1u << (g & 7))) == 0)
			continue;
		if (i > 0 && is_word(t[i - 1]))
			continue;
		h = H0;
		lim = n - i < m->maxlen ? n - i : m->maxlen;
		for (len = 1; len <= lim; len++) {
			uint64_t hl;

			h = HSTEP(h, fold[t[i + len - 1]]);
			if (len < MM_MINLEN || !m->lens[len])
				continue;
			if (i + len < n && is_word(t[i + len]))
				continue;
			hl = mix(h, len);
			for (j = hl & (m->nslots - 1); m->slots[j].len != 0; j = (j + 1) & (m->nslots - 1)) {
				const struct value *v = &m->slots[j];
				size_t k;

				if (v->hash != hl || v->len != len)
					continue;
				for (k = 0; k < len; k++)
					if (fold[t[i + k]] != (unsigned char)m->arena[v->off + k])
						break;
				if (k < len)
					continue;
				if (v->uid_like && ((i > 0 && t[i - 1] == '.') || (i + len < n && t[i + len] == '.')))
					continue;
				hits++;
				if (fn != NULL)
					fn(arg, v->tag, i, len);
			}
		}
	}
	return hits;
}

void
mm_free(struct mm *m)
{
	if (m == NULL)
		return;
	free(m->first3);
	free(m->slots);
	free(m->arena);
	free(m);
}
