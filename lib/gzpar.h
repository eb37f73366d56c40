/*
 * gzpar.h: one gzip member of a large buffer, compressed in threads.
 *
 * The input is the concatenation of nparts pieces (a NIfTI header and then
 * the voxels, say), cut into blocks of GZPAR_BLOCK bytes of that
 * concatenation, compressed in parallel and written in order between a gzip
 * header and a trailer holding the CRC-32 of the whole input (crc32_combine
 * of the blocks') and its length: one ordinary gzip member (RFC 1952), with
 * no name and no time, that gzip, zlib's gzread (nifticlib's znzlib),
 * Python's gzip (nibabel) and teem read like any other.
 *
 * Deflate blocks join into one stream only if every block but the last ends
 * non-final and on a byte boundary.  libdeflate, three to six times faster
 * than zlib at a like size, compresses each block as a complete stream;
 * gzpar then walks that stream's deflate blocks (decoding their Huffman
 * codes, writing nothing), clears the final bit of the last one and
 * appends an empty stored block, as zlib's Z_SYNC_FLUSH would.  The walk
 * checks itself (every code valid, exactly the block's length decoded, the
 * stream's last bit reached); a block that fails it is compressed again by
 * zlib instead, ended with Z_SYNC_FLUSH, as pigz does.  The zlib engine
 * (gzpar_write_zlib) also primes each block with the 32 KiB before it;
 * libdeflate has no preset dictionary, which costs well under 1% at 1 MiB.
 *
 * Deterministic: the blocks are cut at fixed offsets and each depends only
 * on its own bytes (and, with zlib, the 32 KiB before it), so the output is
 * the same bytes whatever the number of threads or the machine (for one
 * version of libdeflate and zlib).  Memory is
 * bounded: at most two blocks per thread are in flight (a few MiB each with
 * the compressor's state), however large the input; the input is not copied.
 *
 * Ownership: parts and lens are the caller's and are only read; *err is
 * malloc'd (the caller frees it) and set only on failure.
 */
#ifndef DCMSCRUB_GZPAR_H
#define DCMSCRUB_GZPAR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of input per block: the unit of work of a thread. */
#define GZPAR_BLOCK ((size_t)1 << 20)

/*
 * Write the gzip member of parts[0] .. parts[nparts - 1] (lens[i] bytes
 * each; a part of length 0 may be NULL) to fd, compressed by libdeflate.
 * level: libdeflate's, 0 (stored) to 12, or -1 for its default (6); level 4
 * came within 1.5% of zlib -6 (pigz) on CT and MR, level 1 within 8%.
 * threads: the compressing threads, <= 0 for one per CPU this process may
 * run on; an input of one block, or threads 1, is compressed in the calling
 * thread (the same bytes).
 * Returns 0, or -1 with *err set ("write: No space left on device") and
 * errno that of the failure (EINVAL for a bad argument, ENOMEM, or the
 * write's errno).  After a failure fd holds a partial stream: the caller
 * abandons the file.
 */
int gzpar_write(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    int level, int threads, char **err);

/*
 * The same with zlib's deflate alone, level 0 to 9 or -1 (6), pigz's way:
 * slower; for comparison and for the tests of the fallback.
 */
int gzpar_write_zlib(int fd, const void *const *parts, const size_t *lens, size_t nparts,
    int level, int threads, char **err);

/* The number of threads gzpar_write() uses for threads <= 0. */
int gzpar_ncpu(void);

#ifdef __cplusplus
}
#endif
#endif
