/*
 * volume.h: single-frame DICOM series -> 3-D (or 4-D) voxel grids with the
 * affine that maps voxel (i, j, k) to patient LPS millimetres.
 *
 * Files are grouped by series and stack (series number, orientation, size, pixel format
 * and samples per pixel, echo), sorted along the slice normal, checked for
 * uniform spacing, and read into one buffer.  Geometry comes from ImageOrientationPatient and
 * ImagePositionPatient only (never PatientPosition).  The voxel order is
 * that of dcm2niix: columns as stored, rows reversed (the first voxel is
 * the bottom left of the first image), slices ascending along the normal.
 * Colour (RGB, and YBR_FULL made RGB) comes out as 8-bit RGB triplets,
 * whatever the planar configuration; it has no rescale.
 *
 * Ownership: a series set owns its files' facts and any archive member
 * bytes (copied); a volume owns its data (vol_free()).
 */
#ifndef DCMSCRUB_VOLUME_H
#define DCMSCRUB_VOLUME_H

#include <stddef.h>
#include <stdint.h>

enum vol_type { VOL_UINT8, VOL_INT8, VOL_UINT16, VOL_INT16, VOL_UINT32, VOL_INT32, VOL_FLOAT32 };

struct volume {
	size_t dim[4];		/* i (columns), j (rows), k (slices), t (volumes) */
	double lps[4][4];	/* voxel -> LPS mm; its columns are the axes */
	int tilted;		/* the slice axis is not normal to the image plane (gantry tilt) */
	enum vol_type type;
	unsigned samples;	/* per voxel: 1, or 3 for RGB (VOL_UINT8, R G B interleaved) */
	size_t bytes_per_voxel;	/* of all its samples */
	double slope, inter;	/* real value = slope * stored + inter */
	void *data;		/* i fastest, then j, k, t */
	/* for the manifest record (pseudonyms, never originals, once stripped) */
	char *modality, *patient, *study_uid, *series_uid;
	size_t nfiles;		/* slices that went into it */
	/* its first file, borrowed from the series set (for a sidecar): a path, or bytes */
	const char *src_path;
	const void *src_data;
	size_t src_len;
};

struct series_set;

struct series_set *series_new(void);
/*
 * Read one file's header and file it under its series and stack.
 * path (a file) or data/len (an archive member, copied); record, the
 * manifest line it came from (or NULL), is kept with it for a tool that
 * passes the file on unchanged (struct stack_slice).  Returns 0, or
 * -1 with *why (malloc'd) for a file that is not a single-frame image with
 * geometry: the caller passes it through or reports it; -2 with *why for
 * an image of a pixel format not converted (palette colour, colour of 16
 * bits, ...): an input that failed; or -3 with *why for a file that cannot
 * be read as DICOM (not DICOM, truncated, malformed, nested too deep): an
 * input that failed.
 */
int series_add(struct series_set *s, const char *name, const char *path, const void *data,
    size_t len, const char *record, char **why);
/* *why of series_add()'s -1 for a file that holds no image at all (a report, a DICOMDIR) */
#define VOL_NOT_AN_IMAGE	"not an image"
/* Stacks filed so far, in a fixed order (series UID, then stack). */
size_t series_count(const struct series_set *s);
/* A stack's name for messages: its first file's name. */
const char *series_name(const struct series_set *s, size_t i);
/* Its position in its series (0 for the first stack) and the series' number of stacks. */
void series_stack_index(const struct series_set *s, size_t i, size_t *index, size_t *count);
/*
 * Read stack i into v.  0, or -1 with *err (malloc'd): mixed positions that
 * form no grid, non-uniform spacing, two slices at one position that are not
 * whole volumes, pixel data that cannot be decoded.
 */
int series_volume(struct series_set *s, size_t i, struct volume *v, char **err);
void series_free(struct series_set *s);

void vol_free(struct volume *v);

/* Voxel i of data in type t, as a number (inline: the tools' hot loops call it per voxel). */
static inline double
vol_sample(enum vol_type t, const void *data, size_t i)
{
	switch (t) {
	case VOL_UINT8: return ((const uint8_t *)data)[i];
	case VOL_INT8: return ((const int8_t *)data)[i];
	case VOL_UINT16: return ((const uint16_t *)data)[i];
	case VOL_INT16: return ((const int16_t *)data)[i];
	case VOL_UINT32: return ((const uint32_t *)data)[i];
	case VOL_INT32: return ((const int32_t *)data)[i];
	default: return ((const float *)data)[i];
	}
}

/*
 * m = the inverse of the 3x3 matrix a (the axes of an affine, so that
 * patient mm map back to voxels).  0, or -1 when a is degenerate relative to
 * the lengths of its columns, or the inverse is not finite.
 */
int vol_invert3(const double a[3][3], double m[3][3]);

/* ---- the slices of a stack, for tools that keep them as DICOM (dcm-merge-frames) ---- */

/* One slice of a stack, borrowed from the series set. */
struct stack_slice {
	const char *name;
	const char *record;	/* the manifest line it came from, or NULL */
	const char *series_uid, *study_uid, *sop_uid, *sop_class;	/* "" where absent */
	const char *path;	/* or data/len (an archive member) */
	const void *data;
	size_t len;
	int multiframe;		/* a frame of a multi-frame file (frame: its index) */
	int mosaic;		/* a Siemens mosaic */
	long frame;
	double ipp[3], iop[6];
	double dist;		/* along the normal of its plane */
	unsigned rows, cols, bits_alloc, samples;
};

/*
 * Whether a tool that passes a stack on as it is prints this slice's record:
 * every frame of a multi-frame file holds the file's record, printed once,
 * with its first frame.
 */
static inline int
stack_slice_passes(const struct stack_slice *sl)
{
	return !sl->multiframe || sl->frame == 0;
}

/* Slices in stack i, sorted along the normal (then acquisition, instance, name). */
size_t series_stack_size(struct series_set *s, size_t i);
void series_stack_slice(struct series_set *s, size_t i, size_t j, struct stack_slice *out);
/*
 * Slice j of stack i's pixels as stored (not masked, rows as in the file,
 * decoded if compressed) into dst, rows * cols * samples * bits_alloc / 8 bytes.
 * 0, or -1 with *err (malloc'd).
 */
int series_slice_raw(struct series_set *s, size_t i, size_t j, void *dst, char **err);

#endif
