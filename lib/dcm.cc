// dcm.cc: the dcmtk adapter behind lib/dcm.h.  The only C++ file of dcmscrub.
// Every exported function catches everything: no exception crosses into C.
// dcm_item * is a DcmItem * in disguise; dcm_elem * is a visit-time cursor.

#include <cerrno>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <map>
#include <mutex>
#include <string>
#include <vector>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <zlib.h>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcostrmb.h"
#include "dcmtk/dcmdata/dcwcache.h"
#include "dcmtk/oflog/oflog.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "dcmtk/dcmdata/dcrleerg.h"
#include "dcmtk/dcmjpeg/djencode.h"
#include "dcmtk/dcmjpeg/djrplol.h"
#include "dcmtk/dcmjpls/djencode.h"
#include "dcmtk/dcmjpls/djrparam.h"

#include <openjpeg.h>

#include "dcm.h"
#include "util.h"

struct dcm_file {
	DcmFileFormat ff;
	E_TransferSyntax xfer;
};

struct dcm_elem {
	DcmElement *el;
	DcmItem *parent;
};

static const int MAX_DEPTH = 64;

static char *
dupmsg(const std::string &s)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));

	if (p != NULL)
		memcpy(p, s.c_str(), s.size() + 1);
	return p;
}

static int
fail(char **errmsg, int code, const std::string &msg)
{
	if (errmsg != NULL)
		*errmsg = dupmsg(msg);
	return code;
}

/*
 * dcmtk 3.6.7 reads sequences by recursion: a file of sequences nested some
 * ten thousand deep overflows the stack.  This walk of the raw bytes, before
 * dcmtk sees them, counts the nesting (sequences and their items) without
 * recursion and refuses a file deeper than MAX_NESTING.  It reads the meta
 * group for the transfer syntax (or guesses the encoding as dcmtk does),
 * then the data set in it (implicit or explicit VR, little or big endian);
 * a deflated data set is inflated first.  A value whose first bytes are an
 * item's tag is taken as a sequence whatever its VR (implicit VR, UN).
 * Where the bytes do not parse it stops and lets dcmtk judge: it refuses
 * only depth, and a value that runs past the end (TOO_LONG, below).
 */
#define MAX_NESTING 128	/* levels of sequences and items: 64 sequences */

static uint32_t
rd32(const unsigned char *p, int big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] :
	    (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static unsigned
rd16(const unsigned char *p, int big)
{
	return big ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/*
 * Whether an explicit VR has a 4-byte length, as dcmtk 3.6.7 reads it
 * (DcmVR): the long VRs of PS3.5, and any VR it does not know that is two
 * capital letters (read as UN); any other unknown VR has 2 bytes.
 */
static int
vr_long(const unsigned char *v)
{
	static const char known[] = "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN "
	    "SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV";
	char vr[3] = { (char)v[0], (char)v[1], 0 };

	if (!isupper(v[0]) || !isupper(v[1]))
		return 0;
	return strstr("OB OD OF OL OV OW SQ SV UC UN UR UT UV", vr) != NULL ||
	    strstr(known, vr) == NULL;
}

/*
 * The value length of the element whose header starts at p[pos] (pos + 8
 * <= n), in *len: the header's size (8, or 12 for an explicit VR with a
 * 4-byte length), or 0 when that header runs past n.
 */
static size_t
elem_len(const unsigned char *p, size_t n, size_t pos, int explicit_vr, int big, uint32_t *len)
{
	if (!explicit_vr || !vr_long(p + pos + 4)) {
		*len = explicit_vr ? rd16(p + pos + 6, big) : rd32(p + pos + 4, big);
		return 8;
	}
	if (pos + 12 > n)
		return 0;
	*len = rd32(p + pos + 8, big);
	return 12;
}

/*
 * The nesting of the data set at p[0..n): 1 if deeper than MAX_NESTING,
 * TOO_LONG if a value runs past the end of the bytes, else 0.
 *
 * dcmtk 3.6.7 allocates an element's whole value before it reads it when
 * it reads from memory or loads a whole file (no stream factory to defer
 * the value to): a few bytes that claim a value of 4 GB make it ask for
 * 4 GB, only to fail at the end of the stream.  Such a value is refused
 * here, where the walk is sure of the element boundaries: at the top level
 * and inside sequences and items that are such by their VR (SQ) or their
 * undefined length, not inside a value only guessed to be a sequence.
 */
#define TOO_LONG 2
/*
 * BAD_RECORD: a Directory Record Type or Referenced File ID (0004,1430),
 * (0004,1500), code strings of a DICOMDIR's directory records, with a NUL
 * byte inside it, not only as padding at its end.  dcmtk 3.6.7 reads such items as directory
 * records and checks their Directory Record Type as it reads: a NUL inside
 * the value makes it throw std::out_of_range from the middle of the read,
 * which leaks the records it had built.
 */
#define BAD_RECORD 3

/* A NUL byte followed by anything but NUL or space padding. */
static bool
inner_nul(const unsigned char *v, size_t len)
{
	const unsigned char *z = static_cast<const unsigned char *>(memchr(v, 0, len));

	for (; z != NULL && z < v + len; z++)
		if (*z != 0 && *z != ' ')
			return true;
	return false;
}

static int
too_deep_dataset(const unsigned char *p, size_t n, int explicit_vr, int big, int header_only)
{
	struct level {
		size_t end;		/* where it ends (SIZE_MAX: at its delimiter) */
		unsigned char guessed;	/* a sequence by its first bytes only */
		unsigned char implicit;	/* a UN of undefined length: implicit VR inside (CP-246) */
	};
	std::vector<level> lv;
	size_t pos = 0, nguessed = 0, nimplicit = 0;
	auto push = [&](size_t at, int guessed, int implicit) {
		lv.push_back(level{ at, (unsigned char)guessed, (unsigned char)implicit });
		nguessed += (size_t)guessed;
		nimplicit += (size_t)implicit;
	};
	auto pop = [&]() {
		nguessed -= lv.back().guessed;
		nimplicit -= lv.back().implicit;
		lv.pop_back();
	};

	while (pos + 8 <= n) {
		while (!lv.empty() && lv.back().end <= pos)
			pop();
		unsigned g = rd16(p + pos, big), e = rd16(p + pos + 2, big);
		uint32_t len;

		if (g == 0xfffe) {
			len = rd32(p + pos + 4, big);
			pos += 8;
			if (e == 0xe000) {
				push(len == 0xffffffffU ? SIZE_MAX : pos + len, 0, 0);
				if (lv.size() > MAX_NESTING)
					return 1;
			} else if ((e == 0xe00d || e == 0xe0dd) && !lv.empty())
				pop();
			continue;
		}
		int sq = 0, un = 0, guess = 0;
		size_t hdr;
		if (explicit_vr && nimplicit == 0) {
			sq = p[pos + 4] == 'S' && p[pos + 5] == 'Q';
			un = p[pos + 4] == 'U' && p[pos + 5] == 'N';
		}
		if ((hdr = elem_len(p, n, pos, explicit_vr && nimplicit == 0, big, &len)) == 0)
			return 0;
		pos += hdr;
		if (g == 0x7fe0 && e == 0x0010 && lv.empty() && header_only)
			return 0;	/* dcmtk stops here too (DCM_HEADER_ONLY) */
		if (g == 0x7fe0 && e == 0x0010 && len == 0xffffffffU) {
			/* encapsulated pixel data: items of fragments, up to the delimiter */
			while (pos + 8 <= n && !(rd16(p + pos, big) == 0xfffe && rd16(p + pos + 2, big) == 0xe0dd)) {
				uint32_t fl = rd32(p + pos + 4, big);

				if (fl != 0xffffffffU && fl > n - pos - 8 && nguessed == 0)
					return TOO_LONG;
				if (fl == 0xffffffffU || fl > n - pos - 8)
					return 0;
				pos += 8 + fl;
			}
			pos += 8;
			continue;
		}
		if (!sq && len != 0xffffffffU && len >= 8 && len <= n - pos &&
		    rd16(p + pos, big) == 0xfffe && rd16(p + pos + 2, big) == 0xe000) {
			/* a sequence for dcmtk too where the dictionary says so (implicit VR, UN) */
			DcmTag t(g, e);

			sq = 1;
			guess = t.error().bad() || t.getEVR() != EVR_SQ;
		}
		if (sq || len == 0xffffffffU) {
			/* a UN read as a sequence holds implicit VR, whether its length is known or not */
			push(len == 0xffffffffU ? SIZE_MAX : pos + len, guess, un);
			if (lv.size() > MAX_NESTING)
				return 1;
			continue;
		}
		if (len > n - pos)
			return nguessed == 0 ? TOO_LONG : 0;
		if (g == 0x0004 && (e == 0x1430 || e == 0x1500) && !lv.empty() && nguessed == 0 &&
		    inner_nul(p + pos, len))
			return BAD_RECORD;
		pos += len;
	}
	return 0;
}

/* The same for a whole file's bytes (preamble and meta group, or a bare data set). */
/*
 * The encoding of a data set without a transfer syntax, from its first tag
 * and VR, as dcmtk 3.6.7 guesses it (DcmItem::checkTransferSyntax): big
 * endian only when the tag is in the dictionary that way and not the other
 * (or has group 0x0100 and up the other way); explicit VR when the two
 * bytes after the tag are a standard VR.
 */
static void
guess_encoding(const unsigned char *p, size_t n, int *explicit_vr, int *big)
{
	*explicit_vr = 1;
	*big = 0;
	if (n < 6)
		return;
	unsigned t1 = rd16(p, 0), t2 = rd16(p + 2, 0);
	DcmTag little(t1, t2), bigtag(rd16(p, 1), rd16(p + 2, 1));
	char vr[3] = { (char)p[4], (char)p[5], 0 };

	*explicit_vr = isalpha(p[4]) && isalpha(p[5]) && DcmVR(vr).isStandard();
	if (little.error().bad() && bigtag.error().good())
		*big = 1;
	else if (little.error().good() && bigtag.error().good())
		*big = little.getGTag() > 0xff && bigtag.getGTag() <= 0xff;
}

static int
too_deep(const unsigned char *p, size_t n, int header_only)
{
	size_t pos = 0;
	std::string ts;
	int explicit_vr, big;

	if (n >= 132 && memcmp(p + 128, "DICM", 4) == 0) {
		pos = 132;
		/* the meta group should be explicit little endian; dcmtk reads it as its first tag says */
		guess_encoding(p + pos, n - pos, &explicit_vr, &big);
		/* and up to the end its group length gives, whatever the groups there */
		size_t meta_end = 0;
		while (pos + 8 <= n && (rd16(p + pos, big) == 0x0002 || pos < meta_end)) {
			unsigned e = rd16(p + pos + 2, big);
			uint32_t len;
			size_t hdr;

			if ((hdr = elem_len(p, n, pos, explicit_vr, big, &len)) == 0)
				return 0;
			if (len > n - pos - hdr)
				return pos + hdr <= n && len != 0xffffffffU ? TOO_LONG : 0;
			if (rd16(p + pos, big) == 0x0002 && e == 0x0010)
				ts.assign(reinterpret_cast<const char *>(p + pos + hdr), len);
			if (rd16(p + pos, big) == 0x0002 && e == 0x0000 && len == 4 && meta_end == 0)
				meta_end = pos + hdr + 4 + rd32(p + pos + hdr, big);
			pos += hdr + len;
		}
		while (!ts.empty() && (ts.back() == '\0' || ts.back() == ' '))
			ts.pop_back();
	}
	if (ts.empty())	/* no meta group, or none that names it */
		guess_encoding(p + pos, n - pos, &explicit_vr, &big);
	else {
		explicit_vr = ts != "1.2.840.10008.1.2";
		big = ts == "1.2.840.10008.1.2.2";
	}
	if (ts == "1.2.840.10008.1.2.1.99") {
		/* deflated: inflate the data set, at most 1 GiB (deflate expands at most 1032-fold) */
		std::vector<unsigned char> out;
		z_stream z;
		memset(&z, 0, sizeof(z));
		if (inflateInit2(&z, -15) != Z_OK)
			return 0;
		z.next_in = const_cast<unsigned char *>(p + pos);
		z.avail_in = (uInt)std::min(n - pos, (size_t)UINT32_MAX);
		int r = Z_OK;
		size_t cap = std::min((n - pos) * 1032 + 65536, (size_t)1 << 30);
		while (r == Z_OK && out.size() < cap) {
			size_t at = out.size();
			out.resize(at + 65536);
			z.next_out = out.data() + at;
			z.avail_out = 65536;
			r = inflate(&z, Z_NO_FLUSH);
			out.resize(at + 65536 - z.avail_out);
		}
		inflateEnd(&z);
		int deep = too_deep_dataset(out.data(), out.size(), 1, 0, header_only);
		/*
		 * the inflated bytes may be cut at the limit: a value past their end
		 * proves nothing then (dcmtk reads on); a stream that ends or breaks
		 * before is all that dcmtk gets too (and it has no factory for a
		 * deflated data set: it would allocate such a value whole)
		 */
		return deep == TOO_LONG && r == Z_OK && out.size() >= cap ? 0 : deep;
	}
	int deep = too_deep_dataset(p + pos, n - pos, explicit_vr, big, header_only);
	return deep;
}

static const char deep_msg[] = "sequences nested deeper than 64: refused (dcmtk would overflow its stack)";

static bool has_preamble(const void *buf, size_t len);

/* The error of a file too_deep() refuses (r 1 or TOO_LONG), as check_loaded() words it. */
static int
refuse_walk(int r, const unsigned char *p, size_t n, char **errmsg)
{
	if (r == BAD_RECORD)
		return fail(errmsg, DCM_ENOTDICOM, "malformed DICOMDIR (a directory record's value has a "
		    "NUL byte inside it)");
	if (r != TOO_LONG)
		return fail(errmsg, DCM_EFAIL, deep_msg);
	if (!has_preamble(p, n))
		return fail(errmsg, DCM_ENOTDICOM, "not a DICOM file (no DICM preamble, and not a "
		    "readable data set: a value runs past the end of the file)");
	return fail(errmsg, DCM_ENOTDICOM, "truncated or malformed DICOM (a value runs past the "
	    "end of the file)");
}

static DcmItem *
I(dcm_item *it)
{
	return reinterpret_cast<DcmItem *>(it);
}

static dcm_item *
H(DcmItem *it)
{
	return reinterpret_cast<dcm_item *>(it);
}

static DcmTagKey
K(uint32_t tag)
{
	return DcmTagKey(DCM_GROUP(tag), DCM_ELEMENT(tag));
}

extern "C" int
dcm_init(char **errmsg)
{
	try {
		// the first call may come from a reader thread (dcm-convert reads
		// without dcmtk where it can, and so calls it only when it must)
		static std::mutex m;
		static bool done = false;
		std::lock_guard<std::mutex> lock(m);

		if (done)
			return DCM_OK;
		// dcmtk logs parse problems itself; the tools report them their own way
		OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
		// explicit UN elements of known attributes are read in their real VR,
		// so that their values can be replaced like any other
		dcmEnableUnknownVRConversion.set(OFTrue);
		// the decoders of dcm_pixels()
		DcmRLEDecoderRegistration::registerCodecs();
		// lossy JPEG: the colour model from the JPEG stream where the header may
		// be wrong about it (files labelled RGB that hold YCbCr)
		DJDecoderRegistration::registerCodecs(EDC_guessLossyOnly);
		DJLSDecoderRegistration::registerCodecs();
		if (!dcmDataDict.isDictionaryLoaded())
			return fail(errmsg, DCM_EFAIL, "dcmtk data dictionary not loaded (is libdcmtk's dicom.dic installed?)");
		done = true;
		return DCM_OK;
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk initialisation failed");
	}
}

static bool
has_preamble(const void *buf, size_t len)
{
	return len >= 132 && memcmp(static_cast<const char *>(buf) + 128, "DICM", 4) == 0;
}

static bool
path_has_preamble(const char *path)
{
	char buf[132];
	FILE *fp = fopen(path, "rb");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
	}
	return has_preamble(buf, n);
}

// A file without a meta header is accepted only if it looks like a dataset.
static int
check_loaded(dcm_file *f, OFCondition cond, const char *path, const void *buf, size_t len,
    char **errmsg)
{
	if (cond.bad()) {
		std::string m = cond.text();
		bool preamble = path != NULL ? path_has_preamble(path) : has_preamble(buf, len);

		if (!preamble)
			m = "not a DICOM file (no DICM preamble, and not a readable data set: " + m + ")";
		else if (cond == EC_InvalidStream || cond == EC_StreamNotifyClient)
			m = "truncated or malformed DICOM (" + m + ")";
		return fail(errmsg, DCM_ENOTDICOM, m);
	}
	DcmDataset *ds = f->ff.getDataset();
	if (ds == NULL || ds->card() == 0)
		return fail(errmsg, DCM_ENOTDICOM, "not a DICOM file (no data set)");
	if (f->ff.getMetaInfo() == NULL || f->ff.getMetaInfo()->card() == 0) {
		if (!ds->tagExists(DCM_SOPClassUID) || !ds->tagExists(DCM_SOPInstanceUID))
			return fail(errmsg, DCM_ENOTDICOM, "not a DICOM file (no meta header, no SOP class)");
	}
	f->xfer = ds->getOriginalXfer();
	if (f->xfer == EXS_Unknown)
		f->xfer = EXS_LittleEndianExplicit;
	return DCM_OK;
}

/*
 * The walk reads a file mapped into memory: a file cut short by another
 * process while it is mapped raises SIGBUS on the pages past its new end.
 * That fault, in a thread inside the walk, jumps back out of the walk (the
 * file is then refused); anywhere else SIGBUS does what it always did.
 */
static thread_local sigjmp_buf walk_jmp;
static thread_local volatile sig_atomic_t walk_active;
static std::once_flag sigbus_once;

static void
on_sigbus(int sig)
{
	if (walk_active) {
		walk_active = 0;
		siglongjmp(walk_jmp, 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* too_deep() and refuse_walk() on mapped bytes: 0, or a refusal (rc, *errmsg set). */
static int
walk_mapped(const unsigned char *b, size_t n, int header_only, char **errmsg, int *rc)
{
	std::call_once(sigbus_once, [] {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigbus;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, NULL);
	});
	if (sigsetjmp(walk_jmp, 1) != 0) {
		*rc = fail(errmsg, DCM_EFAIL, "the file was cut short while it was read");
		return 1;
	}
	walk_active = 1;
	int deep = too_deep(b, n, header_only);
	if (deep)
		*rc = refuse_walk(deep, b, n, errmsg);
	walk_active = 0;
	return deep != 0;
}

extern "C" int
dcm_open_path(const char *path, int flags, dcm_file **out, char **errmsg)
{
	dcm_file *f = NULL;

	*out = NULL;
	try {
		int rc = dcm_init(errmsg);
		if (rc != DCM_OK)
			return rc;
		{
			/* the nesting, from the file's bytes mapped (only the headers are touched) */
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			struct stat st;

			if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
				void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

				if (m != MAP_FAILED) {
					const unsigned char *b = static_cast<const unsigned char *>(m);

					if (walk_mapped(b, (size_t)st.st_size, (flags & DCM_HEADER_ONLY) != 0, errmsg, &rc)) {
						munmap(m, (size_t)st.st_size);
						close(fd);
						return rc;
					}
					munmap(m, (size_t)st.st_size);
				}
			}
			if (fd >= 0)
				close(fd);
		}
		f = new dcm_file;
		OFCondition cond;
		if (flags & DCM_HEADER_ONLY)
			cond = f->ff.loadFileUntilTag(path, EXS_Unknown, EGL_noChange,
			    DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
		else	// every value now, in one pass over the file: no second open
			cond = f->ff.loadFile(path, EXS_Unknown, EGL_noChange,
			    0xffffffffU, ERM_autoDetect);
		if ((rc = check_loaded(f, cond, path, NULL, 0, errmsg)) != DCM_OK) {
			delete f;
			return rc;
		}
		*out = f;
		return DCM_OK;
	} catch (std::bad_alloc &) {
		delete f;
		return fail(errmsg, DCM_EFAIL, "out of memory");
	} catch (...) {
		delete f;
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to read the file");
	}
}

/*
 * A stream over bytes in memory that, unlike DcmInputBufferStream, has a
 * factory: dcmtk then defers a value longer than DCM_MaxReadLength to the
 * factory and skips it, and a value that runs past the end of the bytes
 * fails the read ("larger than remaining bytes") without the allocation of
 * its whole claimed length that dcmtk 3.6.7 makes before reading a value
 * from a stream without one (4 GB for a few bytes).  too_deep() catches most
 * such values first; this catches the encodings it does not follow.  The
 * deferred values are loaded (dcm_open_mem: loadAllDataIntoMemory) before
 * the bytes go back to the caller, so no factory outlives them.
 */
class MemProducer : public DcmProducer {
public:
	MemProducer(const unsigned char *b, offile_off_t n) : b_(b), n_(n), pos_(0) {}
	OFBool good() const { return OFTrue; }
	OFCondition status() const { return EC_Normal; }
	OFBool eos() { return pos_ >= n_; }
	offile_off_t avail() { return n_ - pos_; }
	offile_off_t read(void *buf, offile_off_t buflen)
	{
		offile_off_t k = std::min(buflen, n_ - pos_);

		if (k > 0)
			memcpy(buf, b_ + pos_, (size_t)k);
		pos_ += k;
		return k;
	}
	offile_off_t skip(offile_off_t skiplen)
	{
		offile_off_t k = std::min(skiplen, n_ - pos_);

		pos_ += k;
		return k;
	}
	void putback(offile_off_t num) { pos_ -= std::min(num, pos_); }

private:
	const unsigned char *b_;
	offile_off_t n_, pos_;
};

class MemInputStream : public DcmInputStream {
public:
	MemInputStream(const unsigned char *b, offile_off_t n)
	    : DcmInputStream(&producer_), producer_(b, n), b_(b), n_(n), filtered_(false) {}
	DcmInputStreamFactory *newFactory() const;
	OFCondition installCompressionFilter(E_StreamCompression filterType)
	{
		/* a deflated data set has no random access: its values are read at once */
		filtered_ = true;
		return DcmInputStream::installCompressionFilter(filterType);
	}

private:
	MemProducer producer_;
	const unsigned char *b_;
	offile_off_t n_;
	bool filtered_;
};

class MemStreamFactory : public DcmInputStreamFactory {
public:
	MemStreamFactory(const unsigned char *b, offile_off_t n, offile_off_t at)
	    : b_(b), n_(n), at_(at) {}
	DcmInputStream *create() const
	{
		MemInputStream *s = new MemInputStream(b_, n_);

		s->skip(at_);
		return s;
	}
	DcmInputStreamFactory *clone() const { return new MemStreamFactory(*this); }
	/* no other meaning: dcmtk asks it only of the factories of files it writes over */
	DcmInputStreamFactoryType ident() const { return DFT_DcmInputFileStreamFactory; }

private:
	const unsigned char *b_;
	offile_off_t n_, at_;
};

DcmInputStreamFactory *
MemInputStream::newFactory() const
{
	if (filtered_)
		return NULL;
	return new MemStreamFactory(b_, n_, tell());
}

extern "C" int
dcm_open_mem(const void *buf, size_t len, int flags, dcm_file **out, char **errmsg)
{
	dcm_file *f = NULL;

	*out = NULL;
	try {
		int rc = dcm_init(errmsg);
		if (rc != DCM_OK)
			return rc;
		if (len > 0xfffffffeUL)
			return fail(errmsg, DCM_EFAIL, "file too large for a memory read");
		if ((rc = too_deep(static_cast<const unsigned char *>(buf), len,
		    (flags & DCM_HEADER_ONLY) != 0)) != 0)
			return refuse_walk(rc, static_cast<const unsigned char *>(buf), len, errmsg);
		f = new dcm_file;
		MemInputStream is(static_cast<const unsigned char *>(buf), static_cast<offile_off_t>(len));
		f->ff.transferInit();
		OFCondition cond;
		if (flags & DCM_HEADER_ONLY)
			cond = f->ff.readUntilTag(is, EXS_Unknown, EGL_noChange,
			    DCM_MaxReadLength, DCM_PixelData);
		else
			cond = f->ff.read(is, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
		f->ff.transferEnd();
		/* the deferred values, while the bytes are there (they are the caller's) */
		if (cond.good())
			cond = f->ff.loadAllDataIntoMemory();
		if ((rc = check_loaded(f, cond, NULL, buf, len, errmsg)) != DCM_OK) {
			delete f;
			return rc;
		}
		*out = f;
		return DCM_OK;
	} catch (std::bad_alloc &) {
		delete f;
		return fail(errmsg, DCM_EFAIL, "out of memory");
	} catch (...) {
		delete f;
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to read the buffer");
	}
}

extern "C" void
dcm_close(dcm_file *f)
{
	try {
		delete f;
	} catch (...) {
	}
}

extern "C" dcm_item *
dcm_dataset(dcm_file *f)
{
	return H(f->ff.getDataset());
}

extern "C" dcm_item *
dcm_metainfo(dcm_file *f)
{
	return H(f->ff.getMetaInfo());
}

extern "C" const char *
dcm_transfer_syntax(dcm_file *f)
{
	try {
		return DcmXfer(f->xfer).getXferID();
	} catch (...) {
		return "";
	}
}

// Encode the file in chunks handed to sink (0 or an errno), so that every
// write error is seen here and none is lost in a destructor.
static int
encode(dcm_file *f, int (*sink)(void *, const void *, size_t), void *arg, char **errmsg)
{
	static const size_t BUFSZ = 1 << 20;
	char *buf = NULL;

	try {
		buf = new char[BUFSZ];
		DcmOutputBufferStream os(buf, BUFSZ);
		DcmWriteCache wcache;
		OFCondition cond;
		void *chunk;
		offile_off_t n;
		int werr = 0;

		f->ff.transferInit();
		do {
			cond = f->ff.write(os, f->xfer, EET_ExplicitLength, &wcache,
			    EGL_withoutGL, EPD_noChange, 0, 0, 0, EWM_createNewMeta);
			if (cond.good())
				os.flush();
			if (cond.good() || cond == EC_StreamNotifyClient) {
				os.flushBuffer(chunk, n);
				if (n > 0 && werr == 0)
					werr = sink(arg, chunk, static_cast<size_t>(n));
			}
		} while (cond == EC_StreamNotifyClient && werr == 0);
		f->ff.transferEnd();
		delete[] buf;
		buf = NULL;
		if (werr != 0)
			return fail(errmsg, DCM_EIO, std::string("write: ") + strerror(werr));
		if (cond.bad())
			return fail(errmsg, DCM_EIO, std::string("cannot encode: ") + cond.text());
		return DCM_OK;
	} catch (...) {
		delete[] buf;
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to write the file");
	}
}

static int
fd_sink(void *arg, const void *p, size_t n)
{
	return write_all(*static_cast<int *>(arg), p, n) < 0 ? errno : 0;
}

struct mem_sink {
	char *buf;
	size_t len, cap;
};

static int
mem_sink_fn(void *arg, const void *p, size_t n)
{
	mem_sink *m = static_cast<mem_sink *>(arg);

	if (m->len + n > m->cap) {
		size_t cap = m->cap != 0 ? m->cap : 65536;
		while (cap < m->len + n)
			cap *= 2;
		char *nb = static_cast<char *>(realloc(m->buf, cap));
		if (nb == NULL)
			return ENOMEM;
		m->buf = nb;
		m->cap = cap;
	}
	memcpy(m->buf + m->len, p, n);
	m->len += n;
	return 0;
}

extern "C" int
dcm_write_fd(dcm_file *f, int fd, char **errmsg)
{
	return encode(f, fd_sink, &fd, errmsg);
}

extern "C" int
dcm_write_mem(dcm_file *f, void **buf, size_t *len, char **errmsg)
{
	mem_sink m = { NULL, 0, 0 };
	int rc = encode(f, mem_sink_fn, &m, errmsg);

	if (rc != DCM_OK) {
		free(m.buf);
		*buf = NULL;
		*len = 0;
		return rc;
	}
	*buf = m.buf;
	*len = m.len;
	return DCM_OK;
}

extern "C" int
dcm_item_get_string(dcm_item *it, uint32_t tag, char **value)
{
	try {
		DcmElement *el = NULL;
		OFString s;

		*value = NULL;
		if (I(it)->findAndGetElement(K(tag), el, OFFalse).bad() || el == NULL)
			return DCM_ENOENT;
		if (el->ident() == EVR_SQ)
			return DCM_EFAIL;
		if (el->getOFStringArray(s).bad())
			s.clear();
		size_t n = s.size();
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\0'))
			n--;
		s.erase(n);
		if ((*value = dupmsg(std::string(s.c_str(), s.size()))) == NULL)
			return DCM_EFAIL;
		return DCM_OK;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" char *
dcm_item_string(dcm_item *it, uint32_t tag)
{
	char *v = NULL;

	return dcm_item_get_string(it, tag, &v) == DCM_OK ? v : NULL;
}

extern "C" char *
dcm_item_text(dcm_item *it, uint32_t tag)
{
	char *v = dcm_item_string(it, tag);

	return v != NULL ? v : estrdup("");
}

extern "C" int
dcm_item_get_bytes(dcm_item *it, uint32_t tag, void **bytes, size_t *len)
{
	try {
		DcmElement *el = NULL;

		*bytes = NULL;
		*len = 0;
		if (I(it)->findAndGetElement(K(tag), el, OFFalse).bad() || el == NULL)
			return DCM_ENOENT;
		dcm_elem e = { el, I(it) };
		return dcm_elem_get_bytes(&e, bytes, len);
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_item_has(dcm_item *it, uint32_t tag)
{
	try {
		return I(it)->tagExists(K(tag), OFFalse) ? 1 : 0;
	} catch (...) {
		return 0;
	}
}

extern "C" int
dcm_item_set_string(dcm_item *it, uint32_t tag, const char *vr, const char *value, char **errmsg)
{
	try {
		DcmTag t(K(tag));

		if (vr != NULL)
			t.setVR(DcmVR(vr));
		OFCondition cond = I(it)->putAndInsertString(t, value, OFTrue);
		if (cond.bad())
			return fail(errmsg, DCM_EFAIL, std::string("cannot set ") +
			    t.toString().c_str() + ": " + cond.text());
		return DCM_OK;
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to set a value");
	}
}

extern "C" int
dcm_item_set_empty(dcm_item *it, uint32_t tag)
{
	try {
		return I(it)->insertEmptyElement(DcmTag(K(tag)), OFTrue).good() ? DCM_OK : DCM_EFAIL;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_item_delete(dcm_item *it, uint32_t tag)
{
	try {
		return I(it)->findAndDeleteElement(K(tag), OFFalse, OFFalse).good() ? DCM_OK : DCM_ENOENT;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" size_t
dcm_item_seq_count(dcm_item *it, uint32_t tag)
{
	try {
		DcmSequenceOfItems *sq = NULL;

		if (I(it)->findAndGetSequence(K(tag), sq, OFFalse).bad() || sq == NULL)
			return 0;
		return sq->card();
	} catch (...) {
		return 0;
	}
}

extern "C" dcm_item *
dcm_item_seq_get(dcm_item *it, uint32_t tag, size_t index)
{
	try {
		DcmSequenceOfItems *sq = NULL;

		if (I(it)->findAndGetSequence(K(tag), sq, OFFalse).bad() || sq == NULL)
			return NULL;
		if (index >= sq->card())
			return NULL;
		return H(sq->getItem(static_cast<unsigned long>(index)));
	} catch (...) {
		return NULL;
	}
}

extern "C" dcm_item *
dcm_item_seq_append(dcm_item *it, uint32_t tag, char **errmsg)
{
	try {
		DcmItem *item = NULL;
		OFCondition cond = I(it)->findOrCreateSequenceItem(DcmTag(K(tag)), item, -2);

		if (cond.bad() || item == NULL) {
			fail(errmsg, DCM_EFAIL, std::string("cannot add an item: ") + cond.text());
			return NULL;
		}
		return H(item);
	} catch (...) {
		fail(errmsg, DCM_EFAIL, "dcmtk failed to add an item");
		return NULL;
	}
}

struct visit_ctx {
	dcm_visit_fn fn;
	void *arg;
	std::string path;
};

// Returns DCM_OK, DCM_VISIT_STOP (as a positive number) or an error.
// The elements of the item are listed once first: dcmtk's list is linked,
// and indexing it element by element would make the visit quadratic.
static int
visit_item(DcmItem *item, int depth, visit_ctx &ctx)
{
	if (depth > MAX_DEPTH)
		return DCM_EFAIL;
	std::vector<DcmElement *> elems;
	std::map<uint32_t, std::string> creators;	// (group << 8 | block) -> creator
	for (DcmObject *o = item->nextInContainer(NULL); o != NULL; o = item->nextInContainer(o)) {
		DcmElement *el = static_cast<DcmElement *>(o);
		const DcmTag &t = el->getTag();

		elems.push_back(el);
		if ((t.getGroup() & 1) != 0 && t.getElement() >= 0x10 && t.getElement() <= 0xff) {
			char *c = NULL;
			if (el->getString(c).good() && c != NULL) {
				std::string cs(c, strnlen(c, el->getLength()));
				while (!cs.empty() && cs.back() == ' ')
					cs.pop_back();
				creators[static_cast<uint32_t>(t.getGroup()) << 8 | t.getElement()] = cs;
			}
		}
	}
	size_t base = ctx.path.size();
	for (DcmElement *el : elems) {
		const DcmTag &tag = el->getTag();
		dcm_elem_info info;
		char buf[24];

		info.tag = DCM_TAG(tag.getGroup(), tag.getElement());
		DcmVR vr(el->getVR());
		const char *vrn = vr.getValidVRName();
		if (el->ident() == EVR_PixelData || el->ident() == EVR_pixelSQ)
			vrn = (el->getVR() == EVR_OW) ? "OW" : "OB";
		snprintf(info.vr, sizeof(info.vr), "%.2s", vrn != NULL ? vrn : "UN");
		info.depth = depth;
		info.is_private = (tag.getGroup() & 1) != 0;
		info.is_creator = info.is_private && tag.getElement() >= 0x0010 && tag.getElement() <= 0x00ff;
		info.creator = NULL;
		if (info.is_private && !info.is_creator && tag.getElement() >= 0x1000) {
			auto c = creators.find(static_cast<uint32_t>(tag.getGroup()) << 8 | (tag.getElement() >> 8));
			if (c != creators.end())
				info.creator = c->second.c_str();
		}
		static const char hex[] = "0123456789ABCDEF";
		unsigned g = tag.getGroup(), el16 = tag.getElement();
		char *b = buf;
		if (base > 0)
			*b++ = '/';
		for (int sh = 12; sh >= 0; sh -= 4)
			*b++ = hex[(g >> sh) & 15];
		*b++ = ',';
		for (int sh = 12; sh >= 0; sh -= 4)
			*b++ = hex[(el16 >> sh) & 15];
		ctx.path.append(buf, static_cast<size_t>(b - buf));
		info.path = ctx.path.c_str();
		info.length = el->ident() == EVR_SQ ? 0 : el->getLength();

		dcm_elem e = { el, item };
		int what = ctx.fn(ctx.arg, &e, &info);
		if (what == DCM_VISIT_STOP) {
			ctx.path.erase(base);
			return DCM_VISIT_STOP;
		}
		if (what == DCM_VISIT_REMOVE) {
			delete item->remove(el);
			ctx.path.erase(base);
			continue;
		}
		if (what == DCM_VISIT_KEEP && el->ident() == EVR_SQ) {
			DcmSequenceOfItems *sq = static_cast<DcmSequenceOfItems *>(el);
			size_t seqbase = ctx.path.size();
			unsigned long k = 0;

			for (DcmObject *o = sq->nextInContainer(NULL); o != NULL; o = sq->nextInContainer(o), k++) {
				snprintf(buf, sizeof(buf), "[%lu]", k);
				ctx.path += buf;
				int rc = visit_item(static_cast<DcmItem *>(o), depth + 1, ctx);
				ctx.path.erase(seqbase);
				if (rc != DCM_OK) {
					ctx.path.erase(base);
					return rc;
				}
			}
		}
		ctx.path.erase(base);
	}
	return DCM_OK;
}

extern "C" int
dcm_visit(dcm_item *it, dcm_visit_fn fn, void *arg)
{
	try {
		visit_ctx ctx;

		ctx.fn = fn;
		ctx.arg = arg;
		int rc = visit_item(I(it), 0, ctx);
		return rc == DCM_VISIT_STOP ? DCM_OK : rc;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" dcm_item *
dcm_elem_parent(dcm_elem *e)
{
	return H(e->parent);
}

extern "C" int
dcm_elem_get_string(dcm_elem *e, char **value)
{
	try {
		OFString s;

		*value = NULL;
		if (e->el->ident() == EVR_SQ)
			return DCM_EFAIL;
		if (e->el->getOFStringArray(s).bad())
			s.clear();
		size_t n = s.size();
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\0'))
			n--;
		s.erase(n);
		if ((*value = dupmsg(std::string(s.c_str(), s.size()))) == NULL)
			return DCM_EFAIL;
		return DCM_OK;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_elem_get_bytes(dcm_elem *e, void **bytes, size_t *len)
{
	try {
		Uint8 *p = NULL;

		*bytes = NULL;
		*len = 0;
		if (e->el->ident() == EVR_SQ || e->el->ident() == EVR_pixelSQ)
			return DCM_EFAIL;
		Uint32 n = e->el->getLength();
		if (n == 0)
			return DCM_OK;
		if (e->el->getUint8Array(p).bad() || p == NULL) {
			// string VRs keep their bytes as a char array
			char *c = NULL;
			if (e->el->getString(c).bad() || c == NULL)
				return DCM_EFAIL;
			p = reinterpret_cast<Uint8 *>(c);
		}
		void *out = malloc(n);
		if (out == NULL)
			return DCM_EFAIL;
		memcpy(out, p, n);
		*bytes = out;
		*len = n;
		return DCM_OK;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_elem_set_string(dcm_elem *e, const char *value, char **errmsg)
{
	try {
		OFCondition cond = e->el->putString(value);

		if (cond.bad())
			return fail(errmsg, DCM_EFAIL, std::string("cannot set ") +
			    e->el->getTag().toString().c_str() + ": " + cond.text());
		return DCM_OK;
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to set a value");
	}
}

extern "C" int
dcm_elem_clear(dcm_elem *e)
{
	try {
		if (e->el->ident() == EVR_SQ) {
			static_cast<DcmSequenceOfItems *>(e->el)->clear();
			return DCM_OK;
		}
		return e->el->clear().good() ? DCM_OK : DCM_EFAIL;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_elem_zero(dcm_elem *e)
{
	try {
		Uint32 n = e->el->getLength();

		if (e->el->ident() == EVR_SQ || e->el->ident() == EVR_pixelSQ)
			return DCM_EFAIL;
		if (n == 0)
			return DCM_OK;
		Uint8 *z = new Uint8[n]();
		OFCondition cond = e->el->putUint8Array(z, n);
		delete[] z;
		if (cond.bad()) {
			// numeric VRs take numbers: a zero for each value
			unsigned long vm = e->el->getVM();
			std::string zeros = "0";
			for (unsigned long k = 1; k < vm; k++)
				zeros += "\\0";
			cond = e->el->putString(zeros.c_str());
		}
		return cond.good() ? DCM_OK : DCM_EFAIL;
	} catch (...) {
		return DCM_EFAIL;
	}
}

static int j2k_decode(dcm_file *f, char **errmsg);

extern "C" int
dcm_pixels(dcm_file *f, const void **pixels, size_t *len, char **errmsg)
{
	try {
		DcmDataset *ds = f->ff.getDataset();
		DcmElement *el = NULL;

		*pixels = NULL;
		*len = 0;
		if (f->xfer == EXS_JPEG2000LosslessOnly || f->xfer == EXS_JPEG2000) {
			// dcmtk 3.6.7 has no JPEG 2000 codec: OpenJPEG decodes it
			int rc = j2k_decode(f, errmsg);
			if (rc != DCM_OK)
				return rc;
			f->xfer = EXS_LittleEndianExplicit;
		} else if (DcmXfer(f->xfer).isEncapsulated()) {
			OFCondition cond = ds->chooseRepresentation(EXS_LittleEndianExplicit, NULL);
			if (cond.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit))
				return fail(errmsg, DCM_EFAIL, std::string("cannot decode the pixel data (") +
				    DcmXfer(f->xfer).getXferName() + "): " +
				    (cond.bad() ? cond.text() : "no decoder"));
			f->xfer = EXS_LittleEndianExplicit;
		}
		if (ds->findAndGetElement(DCM_PixelData, el).bad() || el == NULL)
			return fail(errmsg, DCM_ENOENT, "no pixel data");
		Uint8 *p = NULL;
		if (el->getVR() == EVR_OW) {
			Uint16 *w = NULL;
			if (el->getUint16Array(w).bad())
				return fail(errmsg, DCM_EFAIL, "unreadable pixel data");
			p = reinterpret_cast<Uint8 *>(w);
		} else if (el->getUint8Array(p).bad()) {
			return fail(errmsg, DCM_EFAIL, "unreadable pixel data");
		}
		if (p == NULL)
			return fail(errmsg, DCM_EFAIL, "empty pixel data");
		*pixels = p;
		*len = el->getLength();
		return DCM_OK;
	} catch (std::bad_alloc &) {
		return fail(errmsg, DCM_EFAIL, "out of memory decoding pixel data");
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to decode the pixel data");
	}
}

extern "C" const char *
dcm_tag_keyword(uint32_t tag)
{
	try {
		const char *name = NULL;
		const DcmDataDictionary &dict = dcmDataDict.rdlock();
		const DcmDictEntry *de = dict.findEntry(K(tag), NULL);

		if (de != NULL)
			name = de->getTagName();
		dcmDataDict.rdunlock();
		return name;
	} catch (...) {
		return NULL;
	}
}

extern "C" int
dcm_tag_from_keyword(const char *keyword, uint32_t *tag)
{
	try {
		int rc = DCM_ENOENT;
		const DcmDataDictionary &dict = dcmDataDict.rdlock();
		const DcmDictEntry *de = dict.findEntry(keyword);

		if (de != NULL && de->getGroup() == de->getUpperGroup() &&
		    de->getElement() == de->getUpperElement()) {
			*tag = DCM_TAG(de->getGroup(), de->getElement());
			rc = DCM_OK;
		}
		dcmDataDict.rdunlock();
		return rc;
	} catch (...) {
		return DCM_EFAIL;
	}
}

// ---- JPEG 2000 through OpenJPEG (dcmtk 3.6.7 has no codec for it) ----

namespace {

struct j2k_src {
	const Uint8 *p;
	size_t len, pos;
};

// Frees what OpenJPEG allocated on every way out, exceptions included.
struct j2k_guard {
	opj_codec_t *codec = NULL;
	opj_stream_t *stream = NULL;
	opj_image_t *image = NULL;
	~j2k_guard()
	{
		if (image != NULL)
			opj_image_destroy(image);
		if (stream != NULL)
			opj_stream_destroy(stream);
		if (codec != NULL)
			opj_destroy_codec(codec);
	}
};

}	// namespace

static OPJ_SIZE_T
j2k_read(void *buf, OPJ_SIZE_T n, void *arg)
{
	j2k_src *s = static_cast<j2k_src *>(arg);

	if (s->pos >= s->len)
		return static_cast<OPJ_SIZE_T>(-1);
	size_t k = s->len - s->pos < n ? s->len - s->pos : n;
	memcpy(buf, s->p + s->pos, k);
	s->pos += k;
	return k;
}

static OPJ_OFF_T
j2k_skip(OPJ_OFF_T n, void *arg)
{
	j2k_src *s = static_cast<j2k_src *>(arg);

	if (n < 0 && static_cast<size_t>(-n) > s->pos)
		n = -static_cast<OPJ_OFF_T>(s->pos);
	else if (n > 0 && static_cast<size_t>(n) > s->len - s->pos)
		n = static_cast<OPJ_OFF_T>(s->len - s->pos);
	s->pos = static_cast<size_t>(static_cast<OPJ_OFF_T>(s->pos) + n);
	return n;
}

static OPJ_BOOL
j2k_seek(OPJ_OFF_T n, void *arg)
{
	j2k_src *s = static_cast<j2k_src *>(arg);

	if (n < 0 || static_cast<size_t>(n) > s->len)
		return OPJ_FALSE;
	s->pos = static_cast<size_t>(n);
	return OPJ_TRUE;
}

static void
j2k_error(const char *msg, void *arg)
{
	std::string *why = static_cast<std::string *>(arg);

	if (why->empty()) {
		*why = msg;
		while (!why->empty() && (why->back() == '\n' || why->back() == ' '))
			why->pop_back();
	}
}

static bool
j2k_starts_frame(const Uint8 *p, size_t n)
{
	static const Uint8 soc_siz[] = { 0xff, 0x4f, 0xff, 0x51 };
	static const Uint8 jp2[] = { 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ' };

	return (n >= 4 && memcmp(p, soc_siz, 4) == 0) || (n >= 8 && memcmp(p, jp2, 8) == 0);
}

// One frame's codestream (J2K or JP2) into native samples, interleaved by pixel.
static bool
j2k_frame(const Uint8 *p, size_t n, unsigned rows, unsigned cols, unsigned samples,
    unsigned bytes, Uint8 *out, std::string &why)
{
	static const Uint8 jp2[] = { 0, 0, 0, 0x0c, 'j', 'P', ' ', ' ' };
	j2k_guard g;
	j2k_src src = { p, n, 0 };
	opj_dparameters_t prm;

	g.codec = opj_create_decompress(n >= 8 && memcmp(p, jp2, 8) == 0 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
	if (g.codec == NULL) {
		why = "cannot create a JPEG 2000 decoder";
		return false;
	}
	opj_set_error_handler(g.codec, j2k_error, &why);
	opj_set_default_decoder_parameters(&prm);
	if (!opj_setup_decoder(g.codec, &prm))
		return false;
	g.stream = opj_stream_create(n < (1u << 20) ? (n > 0 ? n : 1) : (1u << 20), OPJ_TRUE);
	if (g.stream == NULL) {
		why = "cannot create a JPEG 2000 stream";
		return false;
	}
	opj_stream_set_read_function(g.stream, j2k_read);
	opj_stream_set_skip_function(g.stream, j2k_skip);
	opj_stream_set_seek_function(g.stream, j2k_seek);
	opj_stream_set_user_data(g.stream, &src, NULL);
	opj_stream_set_user_data_length(g.stream, n);
	if (!opj_read_header(g.stream, g.codec, &g.image) || g.image == NULL ||
	    !opj_decode(g.codec, g.stream, g.image) || !opj_end_decompress(g.codec, g.stream)) {
		if (why.empty())
			why = "undecodable JPEG 2000 codestream";
		return false;
	}
	opj_image_t *im = g.image;
	if (im->numcomps != samples) {
		why = "JPEG 2000 codestream has " + std::to_string(im->numcomps) + " components, SamplesPerPixel is " +
		    std::to_string(samples);
		return false;
	}
	for (unsigned c = 0; c < samples; c++) {
		const opj_image_comp_t &cp = im->comps[c];
		if (cp.w != cols || cp.h != rows || cp.dx != 1 || cp.dy != 1 || cp.data == NULL) {
			why = "JPEG 2000 image is " + std::to_string(cp.w) + "x" + std::to_string(cp.h) +
			    ", the header says " + std::to_string(cols) + "x" + std::to_string(rows);
			return false;
		}
		if (cp.prec > bytes * 8) {
			why = "JPEG 2000 precision " + std::to_string(cp.prec) + " exceeds BitsAllocated";
			return false;
		}
	}
	size_t npx = static_cast<size_t>(rows) * cols;
	for (unsigned c = 0; c < samples; c++) {
		const OPJ_INT32 *d = im->comps[c].data;
		Uint8 *o = out + c * bytes;
		size_t step = static_cast<size_t>(samples) * bytes;

		// two's complement truncation keeps signed samples right in their width
		if (bytes == 1) {
			for (size_t i = 0; i < npx; i++, o += step)
				*o = static_cast<Uint8>(static_cast<Uint32>(d[i]) & 0xff);
		} else {
			for (size_t i = 0; i < npx; i++, o += step) {
				Uint16 v = static_cast<Uint16>(static_cast<Uint32>(d[i]) & 0xffff);
				memcpy(o, &v, 2);
			}
		}
	}
	return true;
}

// Decode every frame of a JPEG 2000 file and make its pixel data native.
static int
j2k_decode(dcm_file *f, char **errmsg)
{
	DcmDataset *ds = f->ff.getDataset();
	DcmElement *el = NULL;

	if (ds->findAndGetElement(DCM_PixelData, el).bad() || el == NULL)
		return fail(errmsg, DCM_ENOENT, "no pixel data");
	DcmPixelData *pd = dynamic_cast<DcmPixelData *>(el);
	DcmPixelSequence *seq = NULL;
	if (pd == NULL || pd->getEncapsulatedRepresentation(f->xfer, NULL, seq).bad() || seq == NULL)
		return fail(errmsg, DCM_EFAIL, "JPEG 2000 file without encapsulated pixel data");
	Uint16 rows = 0, cols = 0, spp = 1, ba = 0;
	Sint32 nframes = 1;
	ds->findAndGetUint16(DCM_Rows, rows);
	ds->findAndGetUint16(DCM_Columns, cols);
	ds->findAndGetUint16(DCM_SamplesPerPixel, spp);
	ds->findAndGetUint16(DCM_BitsAllocated, ba);
	if (ds->findAndGetSint32(DCM_NumberOfFrames, nframes).bad() || nframes < 1)
		nframes = 1;
	if (rows == 0 || cols == 0 || (spp != 1 && spp != 3) || (ba != 8 && ba != 16))
		return fail(errmsg, DCM_EFAIL, "JPEG 2000: unsupported image (" + std::to_string(cols) + "x" +
		    std::to_string(rows) + ", " + std::to_string(spp) + " samples of " + std::to_string(ba) +
		    " bits)");

	// fragments, and where each starts relative to the first (as the offset table counts)
	std::vector<DcmPixelItem *> frag;
	std::vector<size_t> start;
	size_t off = 0;
	unsigned long nitems = seq->card();
	for (unsigned long i = 1; i < nitems; i++) {
		DcmPixelItem *it = NULL;
		if (seq->getItem(it, i).bad() || it == NULL)
			return fail(errmsg, DCM_EFAIL, "JPEG 2000: unreadable fragment");
		frag.push_back(it);
		start.push_back(off);
		off += 8 + it->getLength();
	}
	if (frag.empty())
		return fail(errmsg, DCM_EFAIL, "JPEG 2000: no fragments");
	size_t frames = static_cast<size_t>(nframes);
	std::vector<size_t> first;	// index of each frame's first fragment
	std::vector<Uint32> bot;
	DcmPixelItem *boti = NULL;
	Uint8 *botp = NULL;
	if (seq->getItem(boti, 0).good() && boti != NULL && boti->getLength() >= 4 &&
	    boti->getUint8Array(botp).good() && botp != NULL) {
		for (Uint32 k = 0; k + 4 <= boti->getLength(); k += 4)
			bot.push_back(static_cast<Uint32>(botp[k]) | static_cast<Uint32>(botp[k + 1]) << 8 |
			    static_cast<Uint32>(botp[k + 2]) << 16 | static_cast<Uint32>(botp[k + 3]) << 24);
	}
	if (frames == 1) {
		first.push_back(0);
	} else if (frag.size() == frames) {
		for (size_t k = 0; k < frames; k++)
			first.push_back(k);
	} else if (bot.size() == frames) {
		for (size_t k = 0; k < frames; k++) {
			size_t j = 0;
			while (j < start.size() && start[j] != bot[k])
				j++;
			if (j == start.size() || (k > 0 && j <= first.back()))
				return fail(errmsg, DCM_EFAIL, "JPEG 2000: the offset table does not match the fragments");
			first.push_back(j);
		}
	} else {
		// no usable offset table: a frame begins where a codestream begins
		for (size_t j = 0; j < frag.size(); j++) {
			Uint8 *p = NULL;
			if (frag[j]->getUint8Array(p).good() && p != NULL &&
			    j2k_starts_frame(p, frag[j]->getLength()))
				first.push_back(j);
		}
		if (first.size() != frames || first[0] != 0)
			return fail(errmsg, DCM_EFAIL, "JPEG 2000: " + std::to_string(frag.size()) +
			    " fragments for " + std::to_string(frames) + " frames, and no offset table");
	}

	unsigned bytes = ba / 8;
	size_t framebytes = static_cast<size_t>(rows) * cols * spp * bytes;
	if (framebytes * frames > 0xfffffffeUL)
		return fail(errmsg, DCM_EFAIL, "JPEG 2000: decoded pixel data larger than 4 GiB");
	std::vector<Uint8> out(framebytes * frames);
	std::vector<Uint8> cs;
	for (size_t k = 0; k < frames; k++) {
		size_t end = k + 1 < frames ? first[k + 1] : frag.size();
		cs.clear();
		for (size_t j = first[k]; j < end; j++) {
			Uint8 *p = NULL;
			Uint32 n = frag[j]->getLength();
			if (n == 0)
				continue;
			if (frag[j]->getUint8Array(p).bad() || p == NULL)
				return fail(errmsg, DCM_EFAIL, "JPEG 2000: unreadable fragment");
			cs.insert(cs.end(), p, p + n);
		}
		std::string why;
		if (!j2k_frame(cs.data(), cs.size(), rows, cols, spp, bytes, out.data() + k * framebytes, why))
			return fail(errmsg, DCM_EFAIL, "JPEG 2000 frame " + std::to_string(k + 1) + ": " + why);
	}

	OFCondition cond;
	if (bytes == 1) {
		cond = pd->putUint8Array(out.data(), static_cast<unsigned long>(out.size()));
		pd->setVR(EVR_OB);
	} else {
		cond = pd->putUint16Array(reinterpret_cast<const Uint16 *>(out.data()),
		    static_cast<unsigned long>(out.size() / 2));
		pd->setVR(EVR_OW);
	}
	if (cond.bad())
		return fail(errmsg, DCM_EFAIL, std::string("cannot store the decoded pixels: ") + cond.text());
	if (spp == 3) {
		OFString pi;
		// OpenJPEG undoes the component transform of YBR_RCT and YBR_ICT
		if (ds->findAndGetOFString(DCM_PhotometricInterpretation, pi).good() &&
		    (pi == "YBR_RCT" || pi == "YBR_ICT"))
			ds->putAndInsertString(DCM_PhotometricInterpretation, "RGB");
		ds->putAndInsertUint16(DCM_PlanarConfiguration, 0);
	}
	return DCM_OK;
}

// ---- encoders, transfer syntax changes, new files ----

static std::once_flag encoders_once;

// The encoders are registered on the first transcode only: most runs never need them.
static void
dcm_init_encoders(void)
{
	std::call_once(encoders_once, [] {
		DcmRLEEncoderRegistration::registerCodecs();
		DJEncoderRegistration::registerCodecs();
		// "raw", not "cooked": the stored samples as they are, signed or not
		DJLSEncoderRegistration::registerCodecs(0, 0, 0, 0, OFFalse);
	});
}

// Bring the dataset into transfer syntax ts_uid (decoding first if need be).
static int
to_xfer(dcm_file *f, const char *ts_uid, char **errmsg)
{
	DcmXfer x(ts_uid);
	E_TransferSyntax t = x.getXfer();

	switch (t) {
	case EXS_LittleEndianImplicit:
	case EXS_LittleEndianExplicit:
	case EXS_RLELossless:
	case EXS_JPEGLSLossless:
	case EXS_JPEGProcess14SV1:
		break;
	default:
		return fail(errmsg, DCM_EFAIL, std::string("cannot write transfer syntax ") + ts_uid +
		    " (explicit or implicit little endian, RLE, JPEG-LS lossless and JPEG lossless SV1 only)");
	}
	dcm_init_encoders();
	DcmDataset *ds = f->ff.getDataset();
	if (!ds->tagExists(DCM_PixelData) || f->xfer == t) {
		f->xfer = t;
		return DCM_OK;
	}
	if (DcmXfer(f->xfer).isEncapsulated()) {
		const void *p;
		size_t n;
		int rc = dcm_pixels(f, &p, &n, errmsg);
		if (rc != DCM_OK)
			return rc;
	}
	DJLSRepresentationParameter jls(0, OFTrue);
	DJ_RPLossless jpl(1, 0);
	const DcmRepresentationParameter *rp = NULL;
	if (t == EXS_JPEGLSLossless)
		rp = &jls;
	else if (t == EXS_JPEGProcess14SV1)
		rp = &jpl;
	OFCondition cond = ds->chooseRepresentation(t, rp);
	if (cond.bad() || !ds->canWriteXfer(t))
		return fail(errmsg, DCM_EFAIL, std::string("cannot encode the pixel data in ") + x.getXferName() +
		    ": " + (cond.bad() ? cond.text() : "not supported by the encoder"));
	f->xfer = t;
	return DCM_OK;
}

extern "C" int
dcm_write_fd_ts(dcm_file *f, int fd, const char *ts_uid, char **errmsg)
{
	try {
		int rc = to_xfer(f, ts_uid, errmsg);
		return rc != DCM_OK ? rc : dcm_write_fd(f, fd, errmsg);
	} catch (std::bad_alloc &) {
		return fail(errmsg, DCM_EFAIL, "out of memory encoding pixel data");
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to encode the pixel data");
	}
}

extern "C" int
dcm_write_mem_ts(dcm_file *f, const char *ts_uid, void **buf, size_t *len, char **errmsg)
{
	*buf = NULL;
	*len = 0;
	try {
		int rc = to_xfer(f, ts_uid, errmsg);
		return rc != DCM_OK ? rc : dcm_write_mem(f, buf, len, errmsg);
	} catch (std::bad_alloc &) {
		return fail(errmsg, DCM_EFAIL, "out of memory encoding pixel data");
	} catch (...) {
		return fail(errmsg, DCM_EFAIL, "dcmtk failed to encode the pixel data");
	}
}

extern "C" int
dcm_new(const char *sop_class, dcm_file **out, char **errmsg)
{
	dcm_file *f = NULL;

	*out = NULL;
	try {
		int rc = dcm_init(errmsg);
		if (rc != DCM_OK)
			return rc;
		f = new dcm_file;
		f->xfer = EXS_LittleEndianExplicit;
		OFCondition cond = f->ff.getDataset()->putAndInsertString(DCM_SOPClassUID, sop_class);
		if (cond.bad()) {
			delete f;
			return fail(errmsg, DCM_EFAIL, std::string("cannot set the SOP class: ") + cond.text());
		}
		*out = f;
		return DCM_OK;
	} catch (...) {
		delete f;
		return fail(errmsg, DCM_EFAIL, "out of memory creating a data set");
	}
}

extern "C" int
dcm_item_copy(dcm_item *dst, dcm_item *src, uint32_t tag)
{
	try {
		DcmElement *el = NULL;

		if (I(src)->findAndGetElement(K(tag), el, OFFalse).bad() || el == NULL)
			return DCM_ENOENT;
		// a value still in the source file is read now: the copy must not depend on it
		el->loadAllDataIntoMemory();
		DcmElement *c = static_cast<DcmElement *>(el->clone());
		if (c == NULL)
			return DCM_EFAIL;
		if (I(dst)->insert(c, OFTrue).bad()) {
			delete c;
			return DCM_EFAIL;
		}
		return DCM_OK;
	} catch (...) {
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_item_tags(dcm_item *it, uint32_t **tags, size_t *n)
{
	*tags = NULL;
	*n = 0;
	try {
		unsigned long i, card = I(it)->card();
		uint32_t *t = static_cast<uint32_t *>(malloc((card + 1) * sizeof(*t)));

		if (t == NULL)
			return DCM_EFAIL;
		for (i = 0; i < card; i++) {
			DcmElement *el = I(it)->getElement(i);

			t[i] = DCM_TAG(el->getGTag(), el->getETag());
		}
		*tags = t;
		*n = card;
		return DCM_OK;
	} catch (...) {
		free(*tags);
		*tags = NULL;
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_item_encode(dcm_item *it, uint32_t tag, void **buf, size_t *len)
{
	void *b = NULL;	/* freed here if dcmtk throws while writing into it */

	*buf = NULL;
	*len = 0;
	try {
		DcmElement *el = NULL;

		if (I(it)->findAndGetElement(K(tag), el, OFFalse).bad() || el == NULL)
			return DCM_ENOENT;
		el->loadAllDataIntoMemory();
		Uint32 n = el->calcElementLength(EXS_LittleEndianExplicit, EET_ExplicitLength);
		if (n == 0xffffffffU)
			return DCM_EFAIL;
		b = malloc(n > 0 ? n : 1);
		if (b == NULL)
			return DCM_EFAIL;
		DcmOutputBufferStream os(b, n > 0 ? n : 1);
		el->transferInit();
		OFCondition c = el->write(os, EXS_LittleEndianExplicit, EET_ExplicitLength, NULL);
		el->transferEnd();
		if (c.bad()) {
			free(b);
			return DCM_EFAIL;
		}
		void *data = NULL;
		offile_off_t got = 0;
		os.flushBuffer(data, got);
		*buf = b;
		*len = static_cast<size_t>(got);
		return DCM_OK;
	} catch (...) {
		free(b);
		*buf = NULL;
		*len = 0;
		return DCM_EFAIL;
	}
}

extern "C" int
dcm_set_pixels(dcm_file *f, const void *px, size_t len, int bits, char **errmsg)
{
	DcmPixelData *pd = NULL;

	try {
		if (bits != 8 && bits != 16)
			return fail(errmsg, DCM_EFAIL, "pixel data of " + std::to_string(bits) + " bits: 8 or 16 only");
		if (len > 0xfffffffeUL || (bits == 16 && len % 2 != 0))
			return fail(errmsg, DCM_EFAIL, "bad pixel data length " + std::to_string(len));
		pd = new DcmPixelData(DCM_PixelData);
		OFCondition cond;
		if (bits == 8) {
			pd->setVR(EVR_OB);
			cond = pd->putUint8Array(static_cast<const Uint8 *>(px), static_cast<unsigned long>(len));
		} else {
			pd->setVR(EVR_OW);
			cond = pd->putUint16Array(static_cast<const Uint16 *>(px), static_cast<unsigned long>(len / 2));
		}
		if (cond.good() && (cond = f->ff.getDataset()->insert(pd, OFTrue)).good())
			pd = NULL;	// the data set's now
		if (cond.bad()) {
			delete pd;
			return fail(errmsg, DCM_EFAIL, std::string("cannot set the pixel data: ") + cond.text());
		}
		if (DcmXfer(f->xfer).isEncapsulated())
			f->xfer = EXS_LittleEndianExplicit;
		return DCM_OK;
	} catch (...) {
		delete pd;
		return fail(errmsg, DCM_EFAIL, "out of memory setting the pixel data");
	}
}
