/*
 * nrrd.h: a NRRD volume (Teem's "nearly raw raster data", NRRD0001 to
 * NRRD0005) into a struct volume (volume.h): the counterpart of
 * vol_read_nifti() for the .nrrd and .nhdr files that dcm-convert, 3D
 * Slicer, ITK and Teem write.
 *
 * The voxel order is the file's: i fastest, then j, k, t; nothing is
 * flipped, the affine says where the voxels are.  Only an anatomical
 * space (RAS, LAS, LPS) gives an affine in the patient; any other space,
 * or none, gives the spacings alone and *oriented 0.
 *
 * Ownership: the volume filled by vol_read_nrrd() owns its data and its
 * (empty) strings, freed by vol_free().  path and data are the caller's
 * and only read.  *err is malloc'd, set only on failure, freed by the
 * caller; it names no file of the caller's (the caller prefixes the path),
 * only, where it helps, a data file named by the header.
 */
#ifndef DCMSCRUB_NRRD_H
#define DCMSCRUB_NRRD_H

#include <stddef.h>

#include "volume.h"

/*
 * Read the NRRD volume at path (.nrrd with attached data, or a .nhdr whose data
 * file(s) are named relative to the header's directory), or, if path is NULL, the
 * len bytes at data (an attached .nrrd only: a detached header in memory is refused).
 * On success returns 0 and fills v like vol_read_nifti() does (dim[0..3], type,
 * samples 1, bytes_per_voxel, slope 1, inter 0, data in machine byte order, empty
 * malloc'd strings for modality/patient/study_uid/series_uid, nfiles 1) and sets
 * *oriented: 1 when the header names an anatomical space (RAS, LAS, LPS or
 * their long names) with space directions, so that v->lps is the voxel ->
 * LPS mm affine (the space directions as columns, the space origin as
 * translation); 0 otherwise (no space, a non-anatomical one such as
 * 3D-left-handed, or spacings alone): v->lps is then diag(spacing) with
 * origin 0, and the caller must get the anatomy from the user.
 * Returns -1 with *err (malloc'd, naming no file) and v zeroed on failure.
 *
 * In detail:
 *  - fields by their names of the format (case aside, and with the spellings
 *    without a space: "datafile", "spacedirections", ...); key/value pairs
 *    (key:=value) and comments are skipped; a field given twice, or not of the
 *    format, is refused; type, dimension, sizes and encoding are required, and
 *    endian too for raw and gzip data of more than one byte;
 *  - type: int8, uint8, int16, uint16, int32, uint32 and float in any of their
 *    spellings ("signed char", "uchar", "short int", "ushort", "uint", ...) as
 *    they are; double narrowed to float32 (refused if a value lies beyond
 *    float32's range); int64, uint64 and block refused;
 *  - dimension 2 (one slice), 3, or 4 (the 4th axis, with no space direction,
 *    is dim[3]); one of the first three axes that is not spatial (a first
 *    axis of RGB or vector components, a list: by its kind, or its space
 *    direction "none") is refused;
 *  - encoding raw, gzip (several members one after another) and ascii;
 *    bzip2 and hex are refused;
 *  - line skip and byte skip, before each data file's data: lines of the
 *    file, bytes of the file (raw, ascii) or of its decompressed stream
 *    (gzip); byte skip -1: the data are the last bytes of the file or stream;
 *  - data file: one name, "LIST [subdim]" (the names on the header's lines
 *    that follow) or "format min max step [subdim]" with one %d, %i or %u
 *    conversion (a zero pad and a width allowed, "%%" a percent sign); the
 *    files' data are concatenated.  A name that is absolute, holds a ".."
 *    component, or is not a regular file is refused: a header reads only
 *    under its own directory (a symbolic link there is followed);
 *  - oriented: the space directions of an anatomical space, in mm (space
 *    units mm, cm, m or um, or none), RAS and LAS turned to LPS, the space
 *    origin (0 if absent); a 2-D slice's k axis is the unit normal; tilted
 *    when the k axis is not normal to the i-j plane; a singular or
 *    non-finite affine is refused.  An anatomical space without space
 *    directions gives no affine: *oriented 0.  Not oriented: the length of
 *    each space direction, else its spacing, else 1, on the diagonal;
 *  - refused, never a crash and nothing on stderr: a header over 4 MiB or
 *    with a NUL byte, sizes of more than 16 GiB of data (or that overflow),
 *    data shorter than the sizes (truncated) or corrupt, a space with time.
 */
int vol_read_nrrd(const char *path, const void *data, size_t len, struct volume *v,
    int *oriented, char **err);

/*
 * The NRRD0004 header of v (LPS space, the affine's columns as space
 * directions, a shear kept; colour as a first axis of 3 samples of kind
 * RGB-color; a 4th axis of kind list), who in its comment line, encoding
 * gzip or raw, and "data file: datafile" when datafile is not NULL (a
 * detached .nhdr); it ends with the blank line.  malloc'd.
 */
char *nrrd_header(const struct volume *v, const char *who, const char *datafile, int gz);
/*
 * Write v to fd as one .nrrd file: the header, then the data gzip'd
 * (gzpar, libdeflate level 4).  0, or -1 with *err and errno (ENOSPC,
 * EPIPE, ...); after a failure fd holds a partial file.
 */
int vol_write_nrrd(int fd, const struct volume *v, const char *who, char **err);

#endif
