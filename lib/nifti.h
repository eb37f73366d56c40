/*
 * nifti.h: a struct volume (volume.h) to and from a single-file NIfTI-1
 * volume, .nii or .nii.gz: the one NIfTI writer and the one NIfTI reader of
 * the tools (dcm-convert writes, dcm-deface reads and writes).
 *
 * The file's space is RAS; the volume's is LPS: x and y (rows 0 and 1 of
 * the affine) change sign on the way in and on the way out.  The voxel
 * order is the file's: i fastest, then j, k, t.
 *
 * Ownership: the caller's volume is only read by vol_write_nifti(); the
 * volume filled by vol_read_nifti() owns its data and its (empty) strings,
 * freed by vol_free().  path and data are the caller's and only read.
 * Every char **err is malloc'd, set only on failure, freed by the caller;
 * its message names no file (the caller prefixes the path).
 */
#ifndef DCMSCRUB_NIFTI_H
#define DCMSCRUB_NIFTI_H

#include <stddef.h>

#include "volume.h"

/*
 * Read the NIfTI-1 volume at path (.nii, or gzip: .nii.gz, whatever the
 * name), or, if path is NULL, in the len bytes at data (an archive member;
 * plain or gzip, decompressed in memory: nothing is written to disk).
 * Fills v:
 *  - dim: nx, ny, nz and nt (1 for a 3-D volume; a 2-D image is one slice);
 *  - lps: the sform if sform_code > 0, else the qform (nifticlib's
 *    reading of the quaternion), RAS -> LPS; tilted when the slice axis is
 *    not normal to the plane of the first two;
 *  - type, samples, bytes_per_voxel: uint8, int8, uint16, int16, uint32,
 *    int32 and float32 as they are; float64 narrowed to float32 (refused if
 *    a value lies beyond float32's range); RGB24 as VOL_UINT8 with 3
 *    samples, as dcm-convert writes colour;
 *  - slope, inter: scl_slope and scl_inter, or 1 and 0 where scl_slope is
 *    0 or not finite (as nibabel reads them); a non-finite scl_inter is 0;
 *  - data in the machine's byte order, whatever the file's;
 *  - modality, patient, study_uid, series_uid: empty strings; nfiles 1;
 *    src_path, src_data NULL.
 * Refused with a message, never a crash (and nothing on stderr): a file
 * that is not NIfTI-1 (text, ANALYZE 7.5, NIfTI-2, a .hdr/.img pair), a
 * 5-D or larger volume (dim[5..7] > 1), other datatypes (complex, int64,
 * RGBA, ...), no orientation (qform_code and sform_code 0), a singular or
 * non-finite affine, a malformed header, a truncated or corrupt file.
 * Returns 0, or -1 with *err and v zeroed.
 */
int vol_read_nifti(const char *path, const void *data, size_t len, struct volume *v, char **err);

/*
 * Write v to fd as one NIfTI-1 file (gz 0: .nii) or one gzip member of
 * it (gz 1: .nii.gz, compressed in threads by gzpar, libdeflate level 4):
 * a 348-byte header, 4 zero bytes (no extension), the voxels at offset 352.
 * dim[0] is 4 when v->dim[3] > 1, else 3; datatype from v->type, or RGB24
 * for 3 samples; qform and sform, both NIFTI_XFORM_SCANNER_ANAT, from the
 * one affine (the qform its nearest rotation when the grid is sheared);
 * scl_slope and scl_inter from v; xyzt_units mm and s; descrip from
 * descrip (NULL: empty), cut at 79 bytes.  The same volume gives the same
 * bytes.  Returns 0, or -1 with *err and errno: EINVAL for a volume NIfTI-1
 * cannot hold (a side over 32767), else the write's (ENOSPC, EPIPE, ...).
 * After a failure fd holds a partial file: the caller abandons it.
 */
int vol_write_nifti(int fd, const struct volume *v, int gz, const char *descrip, char **err);

#endif
