/*
 * transcode.h: DICOM in another transfer syntax, checked by decoding the
 * result again; and a NIfTI volume back into a DICOM series that belongs to
 * the study of a reference file (dcm-convert -f dicom).
 *
 * Ownership: every char **err is malloc'd, set only on failure, freed by
 * the caller.  The dcm_file handed to an emit callback is borrowed: valid
 * during the call only (nifti_to_dicom closes it afterwards).
 */
#ifndef DCMSCRUB_TRANSCODE_H
#define DCMSCRUB_TRANSCODE_H

#include <stddef.h>

#include "dcm.h"
#include "pseudo.h"

/*
 * The transfer syntax UID for a --ts name: "explicit" (1.2.840.10008.1.2.1),
 * "rle" (1.2.840.10008.1.2.5), "jpeg-ls" (lossless, 1.2.840.10008.1.2.4.80),
 * "jpeg-lossless" (SV1, 1.2.840.10008.1.2.4.70); one of those UIDs is also
 * accepted as it is.  NULL for anything else (a usage error).
 */
const char *transcode_ts_uid(const char *name);

/*
 * Write the file at path (or, if path is NULL, the data/len bytes of an
 * archive member) to out_fd in transfer syntax ts (a name or UID as
 * transcode_ts_uid() takes), the data set otherwise unchanged.  The
 * written bytes are decoded again and their pixels compared with the
 * input's decoded pixels (every bit of BitsStored of every sample): if
 * they differ nothing is written.  A file without pixel data is written in
 * explicit little endian whatever ts says (an encapsulated syntax names a
 * pixel encoding).  Nothing reaches out_fd unless the whole file is right.
 * Returns 0, or -1 with *err: unreadable input, undecodable pixel data, no
 * encoder, a failed verification; or -2 with *err and errno for a write
 * error (the caller's output failed, not the file).
 */
int transcode_dicom(const char *path, const void *data, size_t len, int out_fd, const char *ts,
    char **err);

/*
 * Called once per instance of nifti_to_dicom(), in order: slice (from 0) of
 * nslices, where nslices = nt * nz and slice = t * nz + k for slice k of time
 * point t (a 3-D volume: nt = 1, slice = k); f the complete instance (write
 * it with dcm_write_fd() or dcm_write_mem(); read its UIDs for a layout or a
 * manifest record).  Return 0 to go on, anything else to stop the conversion.
 */
typedef int (*nifti_emit_fn)(void *arg, size_t slice, size_t nslices, dcm_file *f);

/*
 * Read the 3-D or 4-D NIfTI-1 volume at nifti_path (.nii or .nii.gz) and hand
 * one classic single-frame instance per slice (nz per time point, nt * nz in
 * all, in one series) to emit.  The instances are CT or MR Image Storage as
 * the reference like_path is CT or MR (classic, enhanced or legacy
 * converted), else Secondary Capture, with:
 *  - the reference's Patient and Study attributes and its Frame of
 *    Reference (the volume is taken to be in the reference's patient space);
 *  - a new SeriesInstanceUID and SOPInstanceUIDs: random 2.25 UIDs when key
 *    is NULL; with a key, pseudo_uid() of the reference SOP instance UID, a
 *    hash of the volume and the slice index (and time point, in 4-D), so the
 *    same inputs and key give the same files;
 *  - InstanceNumber 1 to nt * nz, time-major (every slice of time point 0,
 *    then of time point 1, ...); in 4-D also AcquisitionNumber t + 1, and
 *    for MR (whose IOD has them) TemporalPositionIdentifier t + 1,
 *    NumberOfTemporalPositions nt and
 *    TemporalResolution from pixdim[4] when xyzt_units gives it a time unit
 *    (CT and Secondary Capture have no attribute for the time step);
 *  - geometry from the sform (else the qform), RAS -> LPS, in the voxel order
 *    of volume.h (the NIfTI j axis runs up the rows: row 0 of slice k is
 *    j = ny-1), so a volume written by dcm-convert comes back with the same
 *    voxels and affine (a grid of the other handedness, det of the sform's
 *    3x3 > 0, comes back with its slices reversed: the same voxels at the
 *    same places, the readers sorting slices along the image normal);
 *  - 16-bit samples: int16/uint16 as they are with RescaleSlope/Intercept
 *    from scl_slope/scl_inter, 8-bit widened, other types (float, 32-bit)
 *    as real values fitted to int16 with a slope and intercept (exact for
 *    integers that fit), one fit over the whole volume, all time points;
 *  - ImageType DERIVED\SECONDARY (\AXIAL for CT, \OTHER for MR), SeriesDescription from
 *    descrip or "from NIfTI", SeriesNumber 1000 + the reference's.
 * Refused: 5-D and larger volumes (nu, nv or nw > 1), no qform or sform,
 * in-plane axes that are not orthogonal, images larger than 65535 on a side.
 * Returns 0, or -1 with *err (also when emit returns non-zero: "stopped at
 * slice N", the callback reports its own error).
 */
int nifti_to_dicom(const char *nifti_path, const char *like_path, const struct pseudo_key *key,
    nifti_emit_fn emit, void *arg, char **err);

#endif
