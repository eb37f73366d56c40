/*
 * qcpng.h: the quality-control picture of a defaced head, one PNG.
 *
 * Five panels side by side, left to right, each drawn in patient space
 * (LPS millimetres), whatever the voxel order or obliquity of the volume:
 *
 *	1 front, before	surface render seen from anterior: the patient's
 *			right on the image left, superior up
 *	2 front, after	the same with the changed voxels as background
 *	3 left, before	surface render seen from the patient's left:
 *			anterior on the image left, superior up (the way
 *			a sagittal slice is shown in radiology)
 *	4 left, after	the same with the changed voxels as background
 *	5 sagittal	the slice x = the centre of the head's silhouette
 *			in panel 1 (of the box if panel 1 is empty), same
 *			orientation as panel 3, nearest voxel: grey values
 *			windowed from the 1st to the 99th percentile of the
 *			volume's stored values (to 1/65535 of their range
 *			for 32-bit and float volumes), changed voxels
 *			tinted red (grey v drawn r = 128 + v / 2,
 *			g = b = v / 2); black outside the volume
 *
 * Geometry.  The panels share one pixel size, s = max(1 mm, E / 256) where
 * E is the largest of ex, ey, ez, the extents of the volume's bounding box
 * in x, y and z (the box of the corners of its outer voxels, voxel centres
 * +- half a voxel).  So no panel exceeds 256 x 256 pixels:
 *
 *	wf = ceil(ex / s)	front panels' width
 *	ws = ceil(ey / s)	left and sagittal panels' width
 *	h  = ceil(ez / s)	every panel's height
 *	width  = 6 * QC_GAP + 2 * wf + 3 * ws
 *	height = 2 * QC_GAP + 2 * QC_LINE + h
 *
 * (a ceiling taken with a tolerance of 1e-6 pixel, and at least 1).  The
 * first text line, at the top, holds the caption; the second the panels'
 * names ("front", "front defaced", "left", "left defaced", "sagittal");
 * then the panels, QC_GAP pixels apart and from the edges.  Text is a
 * built-in 5x7 font of printable ASCII (6 pixels a character; any other
 * byte is drawn as '?'), clipped at the right edge of the picture or the
 * panel; NULL or "" leaves the caption line blank.
 *
 * Renders.  A ray a pixel, through its centre, from the bounding box's face
 * towards +y (front) or -x (left), sampled at the nearest voxel every half
 * voxel or less (pixel centres are moved by a micrometre, so that no
 * sample falls exactly between two voxels and the voxel order cannot break
 * the tie); it stops at the first voxel whose stored value is above
 * surface (after: and not changed).  The hit is shaded by a Lambert term
 * (a light from the viewer, raised 20 degrees) on the gradient of the
 * stored values (a central difference smoothed over 5x5x5 voxels, the
 * changed voxels read as background in the after panels) and darkened
 * with depth (from 1 at the near face of the box to 0.45 at the far one);
 * a hit is never darker than 30 of 255, a miss is black.  Renders are grey
 * (r = g = b).
 *
 * Only the first volume (t = 0) of a 4-D volume is drawn; colour volumes
 * (samples 3) are refused.  The output is 8-bit RGB, not interlaced, with
 * no time or text chunk: the same input gives the same bytes.  The volume
 * is only read, never copied.  The work is one pass over the volume (the
 * percentiles, and a map of the 8x8x8 blocks of voxels that hold one
 * above surface, which rays skip when empty) and one ray a pixel that
 * ends at its hit; a volume of 2^20 voxels or more is shared out among
 * threads, one a CPU (at most 8), each pixel computed on its own so that
 * the bytes do not depend on the number of threads.
 *
 * Ownership: v, changed and caption are the caller's and only read; fd is
 * written and left open; *err is malloc'd (the caller frees it) and set
 * only on failure.
 */
#ifndef DCMSCRUB_QCPNG_H
#define DCMSCRUB_QCPNG_H

#ifdef __cplusplus
extern "C" {
#endif

struct volume;

#define QC_GAP	4	/* pixels between panels and around them */
#define QC_LINE	10	/* pixels of a text line (a glyph is 7 and a descender 1) */

/*
 * Write the picture of v to fd.  changed: one byte per voxel of the first
 * volume of v (dim[0] * dim[1] * dim[2], in the order of v->data, i
 * fastest), nonzero where the defacer sets the voxel to background (a
 * stored value); NULL for none.  surface: the stored value above which a
 * voxel is the head.  caption: one line of text, or NULL.
 * Returns 0, or -1 with *err set ("write: No space left on device", "a
 * colour volume", a message of libpng) and errno that of the failure.
 * After a failure fd holds a partial picture: the caller abandons the file.
 */
int qc_png(int fd, const struct volume *v, const unsigned char *changed, double background,
    double surface, const char *caption, char **err);

#ifdef __cplusplus
}
#endif
#endif
