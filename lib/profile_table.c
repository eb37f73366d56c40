/*
 * profile_table.c: PS3.15 Annex E Table E.1-1, generated from
 * data/annexE-2024b.tsv by scripts/gen-profile-table.  Do not edit: edit the table
 * or the script, and run
 *	sh scripts/gen-profile-table data/annexE-2024b.tsv > lib/profile_table.c
 * Each row: tag, mask, keyword, VR, name, retired, basic profile action,
 * then the option columns in the order of enum profile_option.
 */
#include "profile.h"

const struct profile_row profile_rows[] = {
	/* (0000,1000) */
	{ 0x00001000, 0xffffffff, "AffectedSOPInstanceUID", "UI", "Affected SOP Instance UID",
	  'N', PA_X,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0000,1001) */
	{ 0x00001001, 0xffffffff, "RequestedSOPInstanceUID", "UI", "Requested SOP Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0002,0003) */
	{ 0x00020003, 0xffffffff, "MediaStorageSOPInstanceUID", "UI", "Media Storage SOP Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0004,1511) */
	{ 0x00041511, 0xffffffff, "ReferencedSOPInstanceUIDInFile", "UI", "Referenced SOP Instance UID in File",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0012) */
	{ 0x00080012, 0xffffffff, "InstanceCreationDate", "DA", "Instance Creation Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0013) */
	{ 0x00080013, 0xffffffff, "InstanceCreationTime", "TM", "Instance Creation Time",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0014) */
	{ 0x00080014, 0xffffffff, "InstanceCreatorUID", "UI", "Instance Creator UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0015) */
	{ 0x00080015, 0xffffffff, "InstanceCoercionDateTime", "DT", "Instance Coercion DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0017) */
	{ 0x00080017, 0xffffffff, "AcquisitionUID", "UI", "Acquisition UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0018) */
	{ 0x00080018, 0xffffffff, "SOPInstanceUID", "UI", "SOP Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0019) */
	{ 0x00080019, 0xffffffff, "PyramidUID", "UI", "Pyramid UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0020) */
	{ 0x00080020, 0xffffffff, "StudyDate", "DA", "Study Date",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0021) */
	{ 0x00080021, 0xffffffff, "SeriesDate", "DA", "Series Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0022) */
	{ 0x00080022, 0xffffffff, "AcquisitionDate", "DA", "Acquisition Date",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0023) */
	{ 0x00080023, 0xffffffff, "ContentDate", "DA", "Content Date",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0024) */
	{ 0x00080024, 0xffffffff, "OverlayDate", "DA", "Overlay Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0025) */
	{ 0x00080025, 0xffffffff, "CurveDate", "DA", "Curve Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,002A) */
	{ 0x0008002a, 0xffffffff, "AcquisitionDateTime", "DT", "Acquisition DateTime",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0030) */
	{ 0x00080030, 0xffffffff, "StudyTime", "TM", "Study Time",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0031) */
	{ 0x00080031, 0xffffffff, "SeriesTime", "TM", "Series Time",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0032) */
	{ 0x00080032, 0xffffffff, "AcquisitionTime", "TM", "Acquisition Time",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0033) */
	{ 0x00080033, 0xffffffff, "ContentTime", "TM", "Content Time",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0034) */
	{ 0x00080034, 0xffffffff, "OverlayTime", "TM", "Overlay Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0035) */
	{ 0x00080035, 0xffffffff, "CurveTime", "TM", "Curve Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0050) */
	{ 0x00080050, 0xffffffff, "AccessionNumber", "SH", "Accession Number",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0054) */
	{ 0x00080054, 0xffffffff, "RetrieveAETitle", "AE", "Retrieve AE Title",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0055) */
	{ 0x00080055, 0xffffffff, "StationAETitle", "AE", "Station AE Title",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0058) */
	{ 0x00080058, 0xffffffff, "FailedSOPInstanceUIDList", "UI", "Failed SOP Instance UID List",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0080) */
	{ 0x00080080, 0xffffffff, "InstitutionName", "LO", "Institution Name",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0081) */
	{ 0x00080081, 0xffffffff, "InstitutionAddress", "ST", "Institution Address",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0082) */
	{ 0x00080082, 0xffffffff, "InstitutionCodeSequence", "SQ", "Institution Code Sequence",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0090) */
	{ 0x00080090, 0xffffffff, "ReferringPhysicianName", "PN", "Referring Physician's Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0092) */
	{ 0x00080092, 0xffffffff, "ReferringPhysicianAddress", "ST", "Referring Physician's Address",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0094) */
	{ 0x00080094, 0xffffffff, "ReferringPhysicianTelephoneNumbers", "SH", "Referring Physician's Telephone Numbers",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0096) */
	{ 0x00080096, 0xffffffff, "ReferringPhysicianIdentificationSequence", "SQ", "Referring Physician Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,009C) */
	{ 0x0008009c, 0xffffffff, "ConsultingPhysicianName", "PN", "Consulting Physician's Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,009D) */
	{ 0x0008009d, 0xffffffff, "ConsultingPhysicianIdentificationSequence", "SQ", "Consulting Physician Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0106) */
	{ 0x00080106, 0xffffffff, "ContextGroupVersion", "DT", "Context Group Version",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0107) */
	{ 0x00080107, 0xffffffff, "ContextGroupLocalVersion", "DT", "Context Group Local Version",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,0201) */
	{ 0x00080201, 0xffffffff, "TimezoneOffsetFromUTC", "SH", "Timezone Offset From UTC",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1000) */
	{ 0x00081000, 0xffffffff, "NetworkID", "AE", "Network ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1010) */
	{ 0x00081010, 0xffffffff, "StationName", "SH", "Station Name",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1030) */
	{ 0x00081030, 0xffffffff, "StudyDescription", "LO", "Study Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,103E) */
	{ 0x0008103e, 0xffffffff, "SeriesDescription", "LO", "Series Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,1040) */
	{ 0x00081040, 0xffffffff, "InstitutionalDepartmentName", "LO", "Institutional Department Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1041) */
	{ 0x00081041, 0xffffffff, "InstitutionalDepartmentTypeCodeSequence", "SQ", "Institutional Department Type Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1048) */
	{ 0x00081048, 0xffffffff, "PhysiciansOfRecord", "PN", "Physician(s) of Record",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1049) */
	{ 0x00081049, 0xffffffff, "PhysiciansOfRecordIdentificationSequence", "SQ", "Physician(s) of Record Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1050) */
	{ 0x00081050, 0xffffffff, "PerformingPhysicianName", "PN", "Performing Physician's Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1052) */
	{ 0x00081052, 0xffffffff, "PerformingPhysicianIdentificationSequence", "SQ", "Performing Physician Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1060) */
	{ 0x00081060, 0xffffffff, "NameOfPhysiciansReadingStudy", "PN", "Name of Physician(s) Reading Study",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1062) */
	{ 0x00081062, 0xffffffff, "PhysiciansReadingStudyIdentificationSequence", "SQ", "Physician(s) Reading Study Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1070) */
	{ 0x00081070, 0xffffffff, "OperatorsName", "PN", "Operators' Name",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1072) */
	{ 0x00081072, 0xffffffff, "OperatorIdentificationSequence", "SQ", "Operator Identification Sequence",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1080) */
	{ 0x00081080, 0xffffffff, "AdmittingDiagnosesDescription", "LO", "Admitting Diagnoses Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,1084) */
	{ 0x00081084, 0xffffffff, "AdmittingDiagnosesCodeSequence", "SQ", "Admitting Diagnoses Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,1088) */
	{ 0x00081088, 0xffffffff, "PyramidDescription", "LO", "Pyramid Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,1110) */
	{ 0x00081110, 0xffffffff, "ReferencedStudySequence", "SQ", "Referenced Study Sequence",
	  'N', PA_XZ,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1111) */
	{ 0x00081111, 0xffffffff, "ReferencedPerformedProcedureStepSequence", "SQ", "Referenced Performed Procedure Step Sequence",
	  'N', PA_XZD,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1120) */
	{ 0x00081120, 0xffffffff, "ReferencedPatientSequence", "SQ", "Referenced Patient Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1140) */
	{ 0x00081140, 0xffffffff, "ReferencedImageSequence", "SQ", "Referenced Image Sequence",
	  'N', PA_XZU,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1155) */
	{ 0x00081155, 0xffffffff, "ReferencedSOPInstanceUID", "UI", "Referenced SOP Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,1195) */
	{ 0x00081195, 0xffffffff, "TransactionUID", "UI", "Transaction UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,2111) */
	{ 0x00082111, 0xffffffff, "DerivationDescription", "ST", "Derivation Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0008,2112) */
	{ 0x00082112, 0xffffffff, "SourceImageSequence", "SQ", "Source Image Sequence",
	  'N', PA_XZU,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,3010) */
	{ 0x00083010, 0xffffffff, "IrradiationEventUID", "UI", "Irradiation Event UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0008,4000) */
	{ 0x00084000, 0xffffffff, "IdentifyingComments", "LT", "Identifying Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0010,0010) */
	{ 0x00100010, 0xffffffff, "PatientName", "PN", "Patient's Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0020) */
	{ 0x00100020, 0xffffffff, "PatientID", "LO", "Patient ID",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0021) */
	{ 0x00100021, 0xffffffff, "IssuerOfPatientID", "LO", "Issuer of Patient ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0030) */
	{ 0x00100030, 0xffffffff, "PatientBirthDate", "DA", "Patient's Birth Date",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0032) */
	{ 0x00100032, 0xffffffff, "PatientBirthTime", "TM", "Patient's Birth Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0040) */
	{ 0x00100040, 0xffffffff, "PatientSex", "CS", "Patient's Sex",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0050) */
	{ 0x00100050, 0xffffffff, "PatientInsurancePlanCodeSequence", "SQ", "Patient's Insurance Plan Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0101) */
	{ 0x00100101, 0xffffffff, "PatientPrimaryLanguageCodeSequence", "SQ", "Patient's Primary Language Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,0102) */
	{ 0x00100102, 0xffffffff, "PatientPrimaryLanguageModifierCodeSequence", "SQ", "Patient's Primary Language Modifier Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1000) */
	{ 0x00101000, 0xffffffff, "OtherPatientIDs", "LO", "Other Patient IDs",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1001) */
	{ 0x00101001, 0xffffffff, "OtherPatientNames", "PN", "Other Patient Names",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1002) */
	{ 0x00101002, 0xffffffff, "OtherPatientIDsSequence", "SQ", "Other Patient IDs Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1005) */
	{ 0x00101005, 0xffffffff, "PatientBirthName", "PN", "Patient's Birth Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1010) */
	{ 0x00101010, 0xffffffff, "PatientAge", "AS", "Patient's Age",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1020) */
	{ 0x00101020, 0xffffffff, "PatientSize", "DS", "Patient's Size",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1030) */
	{ 0x00101030, 0xffffffff, "PatientWeight", "DS", "Patient's Weight",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1040) */
	{ 0x00101040, 0xffffffff, "PatientAddress", "LO", "Patient's Address",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1050) */
	{ 0x00101050, 0xffffffff, "InsurancePlanIdentification", "LO", "Insurance Plan Identification",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1060) */
	{ 0x00101060, 0xffffffff, "PatientMotherBirthName", "PN", "Patient's Mother's Birth Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1080) */
	{ 0x00101080, 0xffffffff, "MilitaryRank", "LO", "Military Rank",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1081) */
	{ 0x00101081, 0xffffffff, "BranchOfService", "LO", "Branch of Service",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1090) */
	{ 0x00101090, 0xffffffff, "MedicalRecordLocator", "LO", "Medical Record Locator",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,1100) */
	{ 0x00101100, 0xffffffff, "ReferencedPatientPhotoSequence", "SQ", "Referenced Patient Photo Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2000) */
	{ 0x00102000, 0xffffffff, "MedicalAlerts", "LO", "Medical Alerts",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0010,2110) */
	{ 0x00102110, 0xffffffff, "Allergies", "LO", "Allergies",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0010,2150) */
	{ 0x00102150, 0xffffffff, "CountryOfResidence", "LO", "Country of Residence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2152) */
	{ 0x00102152, 0xffffffff, "RegionOfResidence", "LO", "Region of Residence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2154) */
	{ 0x00102154, 0xffffffff, "PatientTelephoneNumbers", "SH", "Patient's Telephone Numbers",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2155) */
	{ 0x00102155, 0xffffffff, "PatientTelecomInformation", "LT", "Patient's Telecom Information",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2160) */
	{ 0x00102160, 0xffffffff, "EthnicGroup", "SH", "Ethnic Group",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2180) */
	{ 0x00102180, 0xffffffff, "Occupation", "SH", "Occupation",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0010,21A0) */
	{ 0x001021a0, 0xffffffff, "SmokingStatus", "CS", "Smoking Status",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,21B0) */
	{ 0x001021b0, 0xffffffff, "AdditionalPatientHistory", "LT", "Additional Patient History",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0010,21C0) */
	{ 0x001021c0, 0xffffffff, "PregnancyStatus", "US", "Pregnancy Status",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,21D0) */
	{ 0x001021d0, 0xffffffff, "LastMenstrualDate", "DA", "Last Menstrual Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,21F0) */
	{ 0x001021f0, 0xffffffff, "PatientReligiousPreference", "LO", "Patient's Religious Preference",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2203) */
	{ 0x00102203, 0xffffffff, "PatientSexNeutered", "CS", "Patient's Sex Neutered",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2297) */
	{ 0x00102297, 0xffffffff, "ResponsiblePerson", "PN", "Responsible Person",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,2299) */
	{ 0x00102299, 0xffffffff, "ResponsibleOrganization", "LO", "Responsible Organization",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0010,4000) */
	{ 0x00104000, 0xffffffff, "PatientComments", "LT", "Patient Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0012,0010) */
	{ 0x00120010, 0xffffffff, "ClinicalTrialSponsorName", "LO", "Clinical Trial Sponsor Name",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0020) */
	{ 0x00120020, 0xffffffff, "ClinicalTrialProtocolID", "LO", "Clinical Trial Protocol ID",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0021) */
	{ 0x00120021, 0xffffffff, "ClinicalTrialProtocolName", "LO", "Clinical Trial Protocol Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0022) */
	{ 0x00120022, 0xffffffff, "IssuerOfClinicalTrialProtocolID", "LO", "Issuer of Clinical Trial Protocol ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0023) */
	{ 0x00120023, 0xffffffff, "OtherClinicalTrialProtocolIDsSequence", "SQ", "Other Clinical Trial Protocol IDs Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0030) */
	{ 0x00120030, 0xffffffff, "ClinicalTrialSiteID", "LO", "Clinical Trial Site ID",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0031) */
	{ 0x00120031, 0xffffffff, "ClinicalTrialSiteName", "LO", "Clinical Trial Site Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0032) */
	{ 0x00120032, 0xffffffff, "IssuerOfClinicalTrialSiteID", "LO", "Issuer of Clinical Trial Site ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0040) */
	{ 0x00120040, 0xffffffff, "ClinicalTrialSubjectID", "LO", "Clinical Trial Subject ID",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0041) */
	{ 0x00120041, 0xffffffff, "IssuerOfClinicalTrialSubjectID", "LO", "Issuer of Clinical Trial Subject ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0042) */
	{ 0x00120042, 0xffffffff, "ClinicalTrialSubjectReadingID", "LO", "Clinical Trial Subject Reading ID",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0043) */
	{ 0x00120043, 0xffffffff, "IssuerOfClinicalTrialSubjectReadingID", "LO", "Issuer of Clinical Trial Subject Reading ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0050) */
	{ 0x00120050, 0xffffffff, "ClinicalTrialTimePointID", "LO", "Clinical Trial Time Point ID",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0051) */
	{ 0x00120051, 0xffffffff, "ClinicalTrialTimePointDescription", "ST", "Clinical Trial Time Point Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0012,0055) */
	{ 0x00120055, 0xffffffff, "IssuerOfClinicalTrialTimePointID", "LO", "Issuer of Clinical Trial Time Point ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0060) */
	{ 0x00120060, 0xffffffff, "ClinicalTrialCoordinatingCenterName", "LO", "Clinical Trial Coordinating Center Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0071) */
	{ 0x00120071, 0xffffffff, "ClinicalTrialSeriesID", "LO", "Clinical Trial Series ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0072) */
	{ 0x00120072, 0xffffffff, "ClinicalTrialSeriesDescription", "LO", "Clinical Trial Series Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0012,0073) */
	{ 0x00120073, 0xffffffff, "IssuerOfClinicalTrialSeriesID", "LO", "Issuer of Clinical Trial Series ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0081) */
	{ 0x00120081, 0xffffffff, "ClinicalTrialProtocolEthicsCommitteeName", "LO", "Clinical Trial Protocol Ethics Committee Name",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0082) */
	{ 0x00120082, 0xffffffff, "ClinicalTrialProtocolEthicsCommitteeApprovalNumber", "LO", "Clinical Trial Protocol Ethics Committee Approval Number",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0086) */
	{ 0x00120086, 0xffffffff, "EthicsCommitteeApprovalEffectivenessStartDate", "DA", "Ethics Committee Approval Effectiveness Start Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0012,0087) */
	{ 0x00120087, 0xffffffff, "EthicsCommitteeApprovalEffectivenessEndDate", "DA", "Ethics Committee Approval Effectiveness End Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0014,407C) */
	{ 0x0014407c, 0xffffffff, "CalibrationTime", "TM", "Calibration Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0014,407E) */
	{ 0x0014407e, 0xffffffff, "CalibrationDate", "DA", "Calibration Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,002B) */
	{ 0x0016002b, 0xffffffff, "MakerNote", "OB", "Maker Note",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0016,004B) */
	{ 0x0016004b, 0xffffffff, "DeviceSettingDescription", "OB", "Device Setting Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0016,004D) */
	{ 0x0016004d, 0xffffffff, "CameraOwnerName", "UT", "Camera Owner Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,004E) */
	{ 0x0016004e, 0xffffffff, "LensSpecification", "DS", "Lens Specification",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,004F) */
	{ 0x0016004f, 0xffffffff, "LensMake", "UT", "Lens Make",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0050) */
	{ 0x00160050, 0xffffffff, "LensModel", "UT", "Lens Model",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0051) */
	{ 0x00160051, 0xffffffff, "LensSerialNumber", "UT", "Lens Serial Number",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0070) */
	{ 0x00160070, 0xffffffff, "GPSVersionID", "OB", "GPS Version ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0071) */
	{ 0x00160071, 0xffffffff, "GPSLatitudeRef", "CS", "GPS Latitude Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0072) */
	{ 0x00160072, 0xffffffff, "GPSLatitude", "DS", "GPS Latitude",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0073) */
	{ 0x00160073, 0xffffffff, "GPSLongitudeRef", "CS", "GPS Longitude Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0074) */
	{ 0x00160074, 0xffffffff, "GPSLongitude", "DS", "GPS Longitude",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0075) */
	{ 0x00160075, 0xffffffff, "GPSAltitudeRef", "US", "GPS Altitude Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0076) */
	{ 0x00160076, 0xffffffff, "GPSAltitude", "DS", "GPS Altitude",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0077) */
	{ 0x00160077, 0xffffffff, "GPSTimeStamp", "DT", "GPS Time Stamp",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0078) */
	{ 0x00160078, 0xffffffff, "GPSSatellites", "UT", "GPS Satellites",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0079) */
	{ 0x00160079, 0xffffffff, "GPSStatus", "CS", "GPS Status",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007A) */
	{ 0x0016007a, 0xffffffff, "GPSMeasureMode", "CS", "GPS Measure Mode",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007B) */
	{ 0x0016007b, 0xffffffff, "GPSDOP", "DS", "GPS DOP",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007C) */
	{ 0x0016007c, 0xffffffff, "GPSSpeedRef", "CS", "GPS Speed Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007D) */
	{ 0x0016007d, 0xffffffff, "GPSSpeed", "DS", "GPS Speed",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007E) */
	{ 0x0016007e, 0xffffffff, "GPSTrackRef", "CS", "GPS Track Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,007F) */
	{ 0x0016007f, 0xffffffff, "GPSTrack", "DS", "GPS Track",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0080) */
	{ 0x00160080, 0xffffffff, "GPSImgDirectionRef", "CS", "GPS Img Direction Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0081) */
	{ 0x00160081, 0xffffffff, "GPSImgDirection", "DS", "GPS Img Direction",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0082) */
	{ 0x00160082, 0xffffffff, "GPSMapDatum", "UT", "GPS Map Datum",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0083) */
	{ 0x00160083, 0xffffffff, "GPSDestLatitudeRef", "CS", "GPS Dest Latitude Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0084) */
	{ 0x00160084, 0xffffffff, "GPSDestLatitude", "DS", "GPS Dest Latitude",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0085) */
	{ 0x00160085, 0xffffffff, "GPSDestLongitudeRef", "CS", "GPS Dest Longitude Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0086) */
	{ 0x00160086, 0xffffffff, "GPSDestLongitude", "DS", "GPS Dest Longitude",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0087) */
	{ 0x00160087, 0xffffffff, "GPSDestBearingRef", "CS", "GPS Dest Bearing Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0088) */
	{ 0x00160088, 0xffffffff, "GPSDestBearing", "DS", "GPS Dest Bearing",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,0089) */
	{ 0x00160089, 0xffffffff, "GPSDestDistanceRef", "CS", "GPS Dest Distance Ref",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,008A) */
	{ 0x0016008a, 0xffffffff, "GPSDestDistance", "DS", "GPS Dest Distance",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,008B) */
	{ 0x0016008b, 0xffffffff, "GPSProcessingMethod", "OB", "GPS Processing Method",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,008C) */
	{ 0x0016008c, 0xffffffff, "GPSAreaInformation", "OB", "GPS Area Information",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,008D) */
	{ 0x0016008d, 0xffffffff, "GPSDateStamp", "DT", "GPS Date Stamp",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0016,008E) */
	{ 0x0016008e, 0xffffffff, "GPSDifferential", "IS", "GPS Differential",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,0010) */
	{ 0x00180010, 0xffffffff, "ContrastBolusAgent", "LO", "Contrast/Bolus Agent",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,0027) */
	{ 0x00180027, 0xffffffff, "InterventionDrugStopTime", "TM", "Intervention Drug Stop Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,0035) */
	{ 0x00180035, 0xffffffff, "InterventionDrugStartTime", "TM", "Intervention Drug Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1000) */
	{ 0x00181000, 0xffffffff, "DeviceSerialNumber", "LO", "Device Serial Number",
	  'N', PA_XZD,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1002) */
	{ 0x00181002, 0xffffffff, "DeviceUID", "UI", "Device UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1004) */
	{ 0x00181004, 0xffffffff, "PlateID", "LO", "Plate ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1005) */
	{ 0x00181005, 0xffffffff, "GeneratorID", "LO", "Generator ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1007) */
	{ 0x00181007, 0xffffffff, "CassetteID", "LO", "Cassette ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1008) */
	{ 0x00181008, 0xffffffff, "GantryID", "LO", "Gantry ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1009) */
	{ 0x00181009, 0xffffffff, "UniqueDeviceIdentifier", "UT", "Unique Device Identifier",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,100A) */
	{ 0x0018100a, 0xffffffff, "UDISequence", "SQ", "UDI Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,100B) */
	{ 0x0018100b, 0xffffffff, "ManufacturerDeviceClassUID", "UI", "Manufacturer's Device Class UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1012) */
	{ 0x00181012, 0xffffffff, "DateOfSecondaryCapture", "DA", "Date of Secondary Capture",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1014) */
	{ 0x00181014, 0xffffffff, "TimeOfSecondaryCapture", "TM", "Time of Secondary Capture",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1030) */
	{ 0x00181030, 0xffffffff, "ProtocolName", "LO", "Protocol Name",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,1042) */
	{ 0x00181042, 0xffffffff, "ContrastBolusStartTime", "TM", "Contrast/Bolus Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1043) */
	{ 0x00181043, 0xffffffff, "ContrastBolusStopTime", "TM", "Contrast/Bolus Stop Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1072) */
	{ 0x00181072, 0xffffffff, "RadiopharmaceuticalStartTime", "TM", "Radiopharmaceutical Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1073) */
	{ 0x00181073, 0xffffffff, "RadiopharmaceuticalStopTime", "TM", "Radiopharmaceutical Stop Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1078) */
	{ 0x00181078, 0xffffffff, "RadiopharmaceuticalStartDateTime", "DT", "Radiopharmaceutical Start DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1079) */
	{ 0x00181079, 0xffffffff, "RadiopharmaceuticalStopDateTime", "DT", "Radiopharmaceutical Stop DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,11BB) */
	{ 0x001811bb, 0xffffffff, "AcquisitionFieldOfViewLabel", "LO", "Acquisition Field Of View Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,1200) */
	{ 0x00181200, 0xffffffff, "DateOfLastCalibration", "DA", "Date of Last Calibration",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1201) */
	{ 0x00181201, 0xffffffff, "TimeOfLastCalibration", "TM", "Time of Last Calibration",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1202) */
	{ 0x00181202, 0xffffffff, "DateTimeOfLastCalibration", "DT", "DateTime of Last Calibration",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1203) */
	{ 0x00181203, 0xffffffff, "CalibrationDateTime", "DT", "Calibration DateTime",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1204) */
	{ 0x00181204, 0xffffffff, "DateOfManufacture", "DA", "Date of Manufacture",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1205) */
	{ 0x00181205, 0xffffffff, "DateOfInstallation", "DA", "Date of Installation",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,1400) */
	{ 0x00181400, 0xffffffff, "AcquisitionDeviceProcessingDescription", "LO", "Acquisition Device Processing Description",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,2042) */
	{ 0x00182042, 0xffffffff, "TargetUID", "UI", "Target UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,4000) */
	{ 0x00184000, 0xffffffff, "AcquisitionComments", "LT", "Acquisition Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,5011) */
	{ 0x00185011, 0xffffffff, "TransducerIdentificationSequence", "SQ", "Transducer Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,700A) */
	{ 0x0018700a, 0xffffffff, "DetectorID", "SH", "Detector ID",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,700C) */
	{ 0x0018700c, 0xffffffff, "DateOfLastDetectorCalibration", "DA", "Date of Last Detector Calibration",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,700E) */
	{ 0x0018700e, 0xffffffff, "TimeOfLastDetectorCalibration", "TM", "Time of Last Detector Calibration",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9074) */
	{ 0x00189074, 0xffffffff, "FrameAcquisitionDateTime", "DT", "Frame Acquisition DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9151) */
	{ 0x00189151, 0xffffffff, "FrameReferenceDateTime", "DT", "Frame Reference DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9185) */
	{ 0x00189185, 0xffffffff, "RespiratoryMotionCompensationTechniqueDescription", "ST", "Respiratory Motion Compensation Technique Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,9367) */
	{ 0x00189367, 0xffffffff, "XRaySourceID", "UC", "X-Ray Source ID",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9369) */
	{ 0x00189369, 0xffffffff, "SourceStartDateTime", "DT", "Source Start DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,936A) */
	{ 0x0018936a, 0xffffffff, "SourceEndDateTime", "DT", "Source End DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9371) */
	{ 0x00189371, 0xffffffff, "XRayDetectorID", "UC", "X-Ray Detector ID",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9373) */
	{ 0x00189373, 0xffffffff, "XRayDetectorLabel", "ST", "X-Ray Detector Label",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,937B) */
	{ 0x0018937b, 0xffffffff, "MultienergyAcquisitionDescription", "UT", "Multi-energy Acquisition Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,937F) */
	{ 0x0018937f, 0xffffffff, "DecompositionDescription", "UT", "Decomposition Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,9424) */
	{ 0x00189424, 0xffffffff, "AcquisitionProtocolDescription", "LT", "Acquisition Protocol Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,9516) */
	{ 0x00189516, 0xffffffff, "StartAcquisitionDateTime", "DT", "Start Acquisition DateTime",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9517) */
	{ 0x00189517, 0xffffffff, "EndAcquisitionDateTime", "DT", "End Acquisition DateTime",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9623) */
	{ 0x00189623, 0xffffffff, "FunctionalSyncPulse", "DT", "Functional Sync Pulse",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9701) */
	{ 0x00189701, 0xffffffff, "DecayCorrectionDateTime", "DT", "Decay Correction DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9804) */
	{ 0x00189804, 0xffffffff, "ExclusionStartDateTime", "DT", "Exclusion Start DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9919) */
	{ 0x00189919, 0xffffffff, "InstructionPerformedDateTime", "DT", "Instruction Performed DateTime",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,9937) */
	{ 0x00189937, 0xffffffff, "RequestedSeriesDescription", "LO", "Requested Series Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0018,A002) */
	{ 0x0018a002, 0xffffffff, "ContributionDateTime", "DT", "Contribution DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0018,A003) */
	{ 0x0018a003, 0xffffffff, "ContributionDescription", "ST", "Contribution Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0020,000D) */
	{ 0x0020000d, 0xffffffff, "StudyInstanceUID", "UI", "Study Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,000E) */
	{ 0x0020000e, 0xffffffff, "SeriesInstanceUID", "UI", "Series Instance UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,0010) */
	{ 0x00200010, 0xffffffff, "StudyID", "SH", "Study ID",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,0027) */
	{ 0x00200027, 0xffffffff, "PyramidLabel", "LO", "Pyramid Label",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0020,0052) */
	{ 0x00200052, 0xffffffff, "FrameOfReferenceUID", "UI", "Frame of Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,0200) */
	{ 0x00200200, 0xffffffff, "SynchronizationFrameOfReferenceUID", "UI", "Synchronization Frame of Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,3401) */
	{ 0x00203401, 0xffffffff, "ModifyingDeviceID", "CS", "Modifying Device ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,3403) */
	{ 0x00203403, 0xffffffff, "ModifiedImageDate", "DA", "Modified Image Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,3405) */
	{ 0x00203405, 0xffffffff, "ModifiedImageTime", "TM", "Modified Image Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,3406) */
	{ 0x00203406, 0xffffffff, "ModifiedImageDescription", "LO", "Modified Image Description",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,4000) */
	{ 0x00204000, 0xffffffff, "ImageComments", "LT", "Image Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0020,9158) */
	{ 0x00209158, 0xffffffff, "FrameComments", "LT", "Frame Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0020,9161) */
	{ 0x00209161, 0xffffffff, "ConcatenationUID", "UI", "Concatenation UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0020,9164) */
	{ 0x00209164, 0xffffffff, "DimensionOrganizationUID", "UI", "Dimension Organization UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0028,1199) */
	{ 0x00281199, 0xffffffff, "PaletteColorLookupTableUID", "UI", "Palette Color Lookup Table UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0028,1214) */
	{ 0x00281214, 0xffffffff, "LargePaletteColorLookupTableUID", "UI", "Large Palette Color Lookup Table UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0028,4000) */
	{ 0x00284000, 0xffffffff, "ImagePresentationComments", "LT", "Image Presentation Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,0012) */
	{ 0x00320012, 0xffffffff, "StudyIDIssuer", "LO", "Study ID Issuer",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,0032) */
	{ 0x00320032, 0xffffffff, "StudyVerifiedDate", "DA", "Study Verified Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,0033) */
	{ 0x00320033, 0xffffffff, "StudyVerifiedTime", "TM", "Study Verified Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,0034) */
	{ 0x00320034, 0xffffffff, "StudyReadDate", "DA", "Study Read Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,0035) */
	{ 0x00320035, 0xffffffff, "StudyReadTime", "TM", "Study Read Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1000) */
	{ 0x00321000, 0xffffffff, "ScheduledStudyStartDate", "DA", "Scheduled Study Start Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1001) */
	{ 0x00321001, 0xffffffff, "ScheduledStudyStartTime", "TM", "Scheduled Study Start Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1010) */
	{ 0x00321010, 0xffffffff, "ScheduledStudyStopDate", "DA", "Scheduled Study Stop Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1011) */
	{ 0x00321011, 0xffffffff, "ScheduledStudyStopTime", "TM", "Scheduled Study Stop Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1020) */
	{ 0x00321020, 0xffffffff, "ScheduledStudyLocation", "LO", "Scheduled Study Location",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1021) */
	{ 0x00321021, 0xffffffff, "ScheduledStudyLocationAETitle", "AE", "Scheduled Study Location AE Title",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1030) */
	{ 0x00321030, 0xffffffff, "ReasonForStudy", "LO", "Reason for Study",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0032,1032) */
	{ 0x00321032, 0xffffffff, "RequestingPhysician", "PN", "Requesting Physician",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1033) */
	{ 0x00321033, 0xffffffff, "RequestingService", "LO", "Requesting Service",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1040) */
	{ 0x00321040, 0xffffffff, "StudyArrivalDate", "DA", "Study Arrival Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1041) */
	{ 0x00321041, 0xffffffff, "StudyArrivalTime", "TM", "Study Arrival Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1050) */
	{ 0x00321050, 0xffffffff, "StudyCompletionDate", "DA", "Study Completion Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1051) */
	{ 0x00321051, 0xffffffff, "StudyCompletionTime", "TM", "Study Completion Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0032,1060) */
	{ 0x00321060, 0xffffffff, "RequestedProcedureDescription", "LO", "Requested Procedure Description",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0032,1066) */
	{ 0x00321066, 0xffffffff, "ReasonForVisit", "UT", "Reason for Visit",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0032,1067) */
	{ 0x00321067, 0xffffffff, "ReasonForVisitCodeSequence", "SQ", "Reason for Visit Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0032,1070) */
	{ 0x00321070, 0xffffffff, "RequestedContrastAgent", "LO", "Requested Contrast Agent",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0032,4000) */
	{ 0x00324000, 0xffffffff, "StudyComments", "LT", "Study Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0034,0001) */
	{ 0x00340001, 0xffffffff, "FlowIdentifierSequence", "SQ", "Flow Identifier Sequence",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0034,0002) */
	{ 0x00340002, 0xffffffff, "FlowIdentifier", "OB", "Flow Identifier",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0034,0005) */
	{ 0x00340005, 0xffffffff, "SourceIdentifier", "OB", "Source Identifier",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0034,0007) */
	{ 0x00340007, 0xffffffff, "FrameOriginTimestamp", "OB", "Frame Origin Timestamp",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0004) */
	{ 0x00380004, 0xffffffff, "ReferencedPatientAliasSequence", "SQ", "Referenced Patient Alias Sequence",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0010) */
	{ 0x00380010, 0xffffffff, "AdmissionID", "LO", "Admission ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0011) */
	{ 0x00380011, 0xffffffff, "IssuerOfAdmissionID", "LO", "Issuer of Admission ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0014) */
	{ 0x00380014, 0xffffffff, "IssuerOfAdmissionIDSequence", "SQ", "Issuer of Admission ID Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,001A) */
	{ 0x0038001a, 0xffffffff, "ScheduledAdmissionDate", "DA", "Scheduled Admission Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,001B) */
	{ 0x0038001b, 0xffffffff, "ScheduledAdmissionTime", "TM", "Scheduled Admission Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,001C) */
	{ 0x0038001c, 0xffffffff, "ScheduledDischargeDate", "DA", "Scheduled Discharge Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,001D) */
	{ 0x0038001d, 0xffffffff, "ScheduledDischargeTime", "TM", "Scheduled Discharge Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,001E) */
	{ 0x0038001e, 0xffffffff, "ScheduledPatientInstitutionResidence", "LO", "Scheduled Patient Institution Residence",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0020) */
	{ 0x00380020, 0xffffffff, "AdmittingDate", "DA", "Admitting Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0021) */
	{ 0x00380021, 0xffffffff, "AdmittingTime", "TM", "Admitting Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0030) */
	{ 0x00380030, 0xffffffff, "DischargeDate", "DA", "Discharge Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0032) */
	{ 0x00380032, 0xffffffff, "DischargeTime", "TM", "Discharge Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0040) */
	{ 0x00380040, 0xffffffff, "DischargeDiagnosisDescription", "LO", "Discharge Diagnosis Description",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0038,0050) */
	{ 0x00380050, 0xffffffff, "SpecialNeeds", "LO", "Special Needs",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0060) */
	{ 0x00380060, 0xffffffff, "ServiceEpisodeID", "LO", "Service Episode ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0061) */
	{ 0x00380061, 0xffffffff, "IssuerOfServiceEpisodeID", "LO", "Issuer of Service Episode ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0062) */
	{ 0x00380062, 0xffffffff, "ServiceEpisodeDescription", "LO", "Service Episode Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0038,0064) */
	{ 0x00380064, 0xffffffff, "IssuerOfServiceEpisodeIDSequence", "SQ", "Issuer of Service Episode ID Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0300) */
	{ 0x00380300, 0xffffffff, "CurrentPatientLocation", "LO", "Current Patient Location",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0400) */
	{ 0x00380400, 0xffffffff, "PatientInstitutionResidence", "LO", "Patient's Institution Residence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0038,0500) */
	{ 0x00380500, 0xffffffff, "PatientState", "LO", "Patient State",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0038,4000) */
	{ 0x00384000, 0xffffffff, "VisitComments", "LT", "Visit Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (003A,0310) */
	{ 0x003a0310, 0xffffffff, "MultiplexGroupUID", "UI", "Multiplex Group UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (003A,0314) */
	{ 0x003a0314, 0xffffffff, "ImpedanceMeasurementDateTime", "DT", "Impedance Measurement DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (003A,0329) */
	{ 0x003a0329, 0xffffffff, "WaveformFilterDescription", "ST", "Waveform Filter Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (003A,032B) */
	{ 0x003a032b, 0xffffffff, "FilterLookupTableDescription", "ST", "Filter Lookup Table Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0001) */
	{ 0x00400001, 0xffffffff, "ScheduledStationAETitle", "AE", "Scheduled Station AE Title",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0002) */
	{ 0x00400002, 0xffffffff, "ScheduledProcedureStepStartDate", "DA", "Scheduled Procedure Step Start Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0003) */
	{ 0x00400003, 0xffffffff, "ScheduledProcedureStepStartTime", "TM", "Scheduled Procedure Step Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0004) */
	{ 0x00400004, 0xffffffff, "ScheduledProcedureStepEndDate", "DA", "Scheduled Procedure Step End Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0005) */
	{ 0x00400005, 0xffffffff, "ScheduledProcedureStepEndTime", "TM", "Scheduled Procedure Step End Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0006) */
	{ 0x00400006, 0xffffffff, "ScheduledPerformingPhysicianName", "PN", "Scheduled Performing Physician's Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0007) */
	{ 0x00400007, 0xffffffff, "ScheduledProcedureStepDescription", "LO", "Scheduled Procedure Step Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0009) */
	{ 0x00400009, 0xffffffff, "ScheduledProcedureStepID", "SH", "Scheduled Procedure Step ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,000B) */
	{ 0x0040000b, 0xffffffff, "ScheduledPerformingPhysicianIdentificationSequence", "SQ", "Scheduled Performing Physician Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0010) */
	{ 0x00400010, 0xffffffff, "ScheduledStationName", "SH", "Scheduled Station Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0011) */
	{ 0x00400011, 0xffffffff, "ScheduledProcedureStepLocation", "SH", "Scheduled Procedure Step Location",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0012) */
	{ 0x00400012, 0xffffffff, "PreMedication", "LO", "Pre-Medication",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0241) */
	{ 0x00400241, 0xffffffff, "PerformedStationAETitle", "AE", "Performed Station AE Title",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0242) */
	{ 0x00400242, 0xffffffff, "PerformedStationName", "SH", "Performed Station Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0243) */
	{ 0x00400243, 0xffffffff, "PerformedLocation", "SH", "Performed Location",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0244) */
	{ 0x00400244, 0xffffffff, "PerformedProcedureStepStartDate", "DA", "Performed Procedure Step Start Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0245) */
	{ 0x00400245, 0xffffffff, "PerformedProcedureStepStartTime", "TM", "Performed Procedure Step Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0250) */
	{ 0x00400250, 0xffffffff, "PerformedProcedureStepEndDate", "DA", "Performed Procedure Step End Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0251) */
	{ 0x00400251, 0xffffffff, "PerformedProcedureStepEndTime", "TM", "Performed Procedure Step End Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0253) */
	{ 0x00400253, 0xffffffff, "PerformedProcedureStepID", "SH", "Performed Procedure Step ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0254) */
	{ 0x00400254, 0xffffffff, "PerformedProcedureStepDescription", "LO", "Performed Procedure Step Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0275) */
	{ 0x00400275, 0xffffffff, "RequestAttributesSequence", "SQ", "Request Attributes Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0280) */
	{ 0x00400280, 0xffffffff, "CommentsOnThePerformedProcedureStep", "ST", "Comments on the Performed Procedure Step",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0310) */
	{ 0x00400310, 0xffffffff, "CommentsOnRadiationDose", "ST", "Comments on Radiation Dose",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,050A) */
	{ 0x0040050a, 0xffffffff, "SpecimenAccessionNumber", "LO", "Specimen Accession Number",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0512) */
	{ 0x00400512, 0xffffffff, "ContainerIdentifier", "LO", "Container Identifier",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0513) */
	{ 0x00400513, 0xffffffff, "IssuerOfTheContainerIdentifierSequence", "SQ", "Issuer of the Container Identifier Sequence",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,051A) */
	{ 0x0040051a, 0xffffffff, "ContainerDescription", "LO", "Container Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0551) */
	{ 0x00400551, 0xffffffff, "SpecimenIdentifier", "LO", "Specimen Identifier",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0554) */
	{ 0x00400554, 0xffffffff, "SpecimenUID", "UI", "Specimen UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0555) */
	{ 0x00400555, 0xffffffff, "AcquisitionContextSequence", "SQ", "Acquisition Context Sequence",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE } },
	/* (0040,0562) */
	{ 0x00400562, 0xffffffff, "IssuerOfTheSpecimenIdentifierSequence", "SQ", "Issuer of the Specimen Identifier Sequence",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,0600) */
	{ 0x00400600, 0xffffffff, "SpecimenShortDescription", "LO", "Specimen Short Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0602) */
	{ 0x00400602, 0xffffffff, "SpecimenDetailedDescription", "UT", "Specimen Detailed Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,0610) */
	{ 0x00400610, 0xffffffff, "SpecimenPreparationSequence", "SQ", "Specimen Preparation Sequence",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE } },
	/* (0040,06FA) */
	{ 0x004006fa, 0xffffffff, "SlideIdentifier", "LO", "Slide Identifier",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1001) */
	{ 0x00401001, 0xffffffff, "RequestedProcedureID", "SH", "Requested Procedure ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1002) */
	{ 0x00401002, 0xffffffff, "ReasonForTheRequestedProcedure", "LO", "Reason for the Requested Procedure",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,1004) */
	{ 0x00401004, 0xffffffff, "PatientTransportArrangements", "LO", "Patient Transport Arrangements",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1005) */
	{ 0x00401005, 0xffffffff, "RequestedProcedureLocation", "LO", "Requested Procedure Location",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,100A) */
	{ 0x0040100a, 0xffffffff, "ReasonForRequestedProcedureCodeSequence", "SQ", "Reason for Requested Procedure Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,1010) */
	{ 0x00401010, 0xffffffff, "NamesOfIntendedRecipientsOfResults", "PN", "Names of Intended Recipients of Results",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1011) */
	{ 0x00401011, 0xffffffff, "IntendedRecipientsOfResultsIdentificationSequence", "SQ", "Intended Recipients of Results Identification Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1101) */
	{ 0x00401101, 0xffffffff, "PersonIdentificationCodeSequence", "SQ", "Person Identification Code Sequence",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1102) */
	{ 0x00401102, 0xffffffff, "PersonAddress", "ST", "Person's Address",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1103) */
	{ 0x00401103, 0xffffffff, "PersonTelephoneNumbers", "LO", "Person's Telephone Numbers",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1104) */
	{ 0x00401104, 0xffffffff, "PersonTelecomInformation", "LT", "Person's Telecom Information",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,1400) */
	{ 0x00401400, 0xffffffff, "RequestedProcedureComments", "LT", "Requested Procedure Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,2001) */
	{ 0x00402001, 0xffffffff, "ReasonForTheImagingServiceRequest", "LO", "Reason for the Imaging Service Request",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,2004) */
	{ 0x00402004, 0xffffffff, "IssueDateOfImagingServiceRequest", "DA", "Issue Date of Imaging Service Request",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2005) */
	{ 0x00402005, 0xffffffff, "IssueTimeOfImagingServiceRequest", "TM", "Issue Time of Imaging Service Request",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2008) */
	{ 0x00402008, 0xffffffff, "OrderEnteredBy", "PN", "Order Entered By",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2009) */
	{ 0x00402009, 0xffffffff, "OrderEntererLocation", "SH", "Order Enterer's Location",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2010) */
	{ 0x00402010, 0xffffffff, "OrderCallbackPhoneNumber", "SH", "Order Callback Phone Number",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2011) */
	{ 0x00402011, 0xffffffff, "OrderCallbackTelecomInformation", "LT", "Order Callback Telecom Information",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2016) */
	{ 0x00402016, 0xffffffff, "PlacerOrderNumberImagingServiceRequest", "LO", "Placer Order Number / Imaging Service Request",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2017) */
	{ 0x00402017, 0xffffffff, "FillerOrderNumberImagingServiceRequest", "LO", "Filler Order Number / Imaging Service Request",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,2400) */
	{ 0x00402400, 0xffffffff, "ImagingServiceRequestComments", "LT", "Imaging Service Request Comments",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0040,3001) */
	{ 0x00403001, 0xffffffff, "ConfidentialityConstraintOnPatientDataDescription", "LO", "Confidentiality Constraint on Patient Data Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4005) */
	{ 0x00404005, 0xffffffff, "ScheduledProcedureStepStartDateTime", "DT", "Scheduled Procedure Step Start DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4008) */
	{ 0x00404008, 0xffffffff, "ScheduledProcedureStepExpirationDateTime", "DT", "Scheduled Procedure Step Expiration DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4010) */
	{ 0x00404010, 0xffffffff, "ScheduledProcedureStepModificationDateTime", "DT", "Scheduled Procedure Step Modification DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4011) */
	{ 0x00404011, 0xffffffff, "ExpectedCompletionDateTime", "DT", "Expected Completion DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4023) */
	{ 0x00404023, 0xffffffff, "ReferencedGeneralPurposeScheduledProcedureStepTransactionUID", "UI", "Referenced General Purpose Scheduled Procedure Step Transaction UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4025) */
	{ 0x00404025, 0xffffffff, "ScheduledStationNameCodeSequence", "SQ", "Scheduled Station Name Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4027) */
	{ 0x00404027, 0xffffffff, "ScheduledStationGeographicLocationCodeSequence", "SQ", "Scheduled Station Geographic Location Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4028) */
	{ 0x00404028, 0xffffffff, "PerformedStationNameCodeSequence", "SQ", "Performed Station Name Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4030) */
	{ 0x00404030, 0xffffffff, "PerformedStationGeographicLocationCodeSequence", "SQ", "Performed Station Geographic Location Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4034) */
	{ 0x00404034, 0xffffffff, "ScheduledHumanPerformersSequence", "SQ", "Scheduled Human Performers Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4035) */
	{ 0x00404035, 0xffffffff, "ActualHumanPerformersSequence", "SQ", "Actual Human Performers Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4036) */
	{ 0x00404036, 0xffffffff, "HumanPerformerOrganization", "LO", "Human Performer's Organization",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4037) */
	{ 0x00404037, 0xffffffff, "HumanPerformerName", "PN", "Human Performer's Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4050) */
	{ 0x00404050, 0xffffffff, "PerformedProcedureStepStartDateTime", "DT", "Performed Procedure Step Start DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4051) */
	{ 0x00404051, 0xffffffff, "PerformedProcedureStepEndDateTime", "DT", "Performed Procedure Step End DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,4052) */
	{ 0x00404052, 0xffffffff, "ProcedureStepCancellationDateTime", "DT", "Procedure Step Cancellation DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A023) */
	{ 0x0040a023, 0xffffffff, "FindingsGroupRecordingDateTrial", "DA", "Findings Group Recording Date (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A024) */
	{ 0x0040a024, 0xffffffff, "FindingsGroupRecordingTimeTrial", "TM", "Findings Group Recording Time (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A027) */
	{ 0x0040a027, 0xffffffff, "VerifyingOrganization", "LO", "Verifying Organization",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A030) */
	{ 0x0040a030, 0xffffffff, "VerificationDateTime", "DT", "Verification DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A032) */
	{ 0x0040a032, 0xffffffff, "ObservationDateTime", "DT", "Observation DateTime",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A033) */
	{ 0x0040a033, 0xffffffff, "ObservationStartDateTime", "DT", "Observation Start DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A073) */
	{ 0x0040a073, 0xffffffff, "VerifyingObserverSequence", "SQ", "Verifying Observer Sequence",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A075) */
	{ 0x0040a075, 0xffffffff, "VerifyingObserverName", "PN", "Verifying Observer Name",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A078) */
	{ 0x0040a078, 0xffffffff, "AuthorObserverSequence", "SQ", "Author Observer Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A07A) */
	{ 0x0040a07a, 0xffffffff, "ParticipantSequence", "SQ", "Participant Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A07C) */
	{ 0x0040a07c, 0xffffffff, "CustodialOrganizationSequence", "SQ", "Custodial Organization Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A082) */
	{ 0x0040a082, 0xffffffff, "ParticipationDateTime", "DT", "Participation DateTime",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A088) */
	{ 0x0040a088, 0xffffffff, "VerifyingObserverIdentificationCodeSequence", "SQ", "Verifying Observer Identification Code Sequence",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A110) */
	{ 0x0040a110, 0xffffffff, "DateOfDocumentOrVerbalTransactionTrial", "DA", "Date of Document or Verbal Transaction (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A112) */
	{ 0x0040a112, 0xffffffff, "TimeOfDocumentCreationOrVerbalTransactionTrial", "TM", "Time of Document Creation or Verbal Transaction (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A120) */
	{ 0x0040a120, 0xffffffff, "DateTime", "DT", "DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A121) */
	{ 0x0040a121, 0xffffffff, "Date", "DA", "Date",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A122) */
	{ 0x0040a122, 0xffffffff, "Time", "TM", "Time",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A123) */
	{ 0x0040a123, 0xffffffff, "PersonName", "PN", "Person Name",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A124) */
	{ 0x0040a124, 0xffffffff, "UID", "UI", "UID",
	  'N', PA_U,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A13A) */
	{ 0x0040a13a, 0xffffffff, "ReferencedDateTime", "DT", "Referenced DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A171) */
	{ 0x0040a171, 0xffffffff, "ObservationUID", "UI", "Observation UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A172) */
	{ 0x0040a172, 0xffffffff, "ReferencedObservationUIDTrial", "UI", "Referenced Observation UID (Trial)",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A192) */
	{ 0x0040a192, 0xffffffff, "ObservationDateTrial", "DA", "Observation Date (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A193) */
	{ 0x0040a193, 0xffffffff, "ObservationTimeTrial", "TM", "Observation Time (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A307) */
	{ 0x0040a307, 0xffffffff, "CurrentObserverTrial", "PN", "Current Observer (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A352) */
	{ 0x0040a352, 0xffffffff, "VerbalSourceTrial", "PN", "Verbal Source (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A353) */
	{ 0x0040a353, 0xffffffff, "AddressTrial", "ST", "Address (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A354) */
	{ 0x0040a354, 0xffffffff, "TelephoneNumberTrial", "LO", "Telephone Number (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A358) */
	{ 0x0040a358, 0xffffffff, "VerbalSourceIdentifierCodeSequenceTrial", "SQ", "Verbal Source Identifier Code Sequence (Trial)",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A402) */
	{ 0x0040a402, 0xffffffff, "ObservationSubjectUIDTrial", "UI", "Observation Subject UID (Trial)",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,A730) */
	{ 0x0040a730, 0xffffffff, "ContentSequence", "SQ", "Content Sequence",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE } },
	/* (0040,DB06) */
	{ 0x0040db06, 0xffffffff, "TemplateVersion", "DT", "Template Version",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,DB07) */
	{ 0x0040db07, 0xffffffff, "TemplateLocalVersion", "DT", "Template Local Version",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,DB0C) */
	{ 0x0040db0c, 0xffffffff, "TemplateExtensionOrganizationUID", "UI", "Template Extension Organization UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,DB0D) */
	{ 0x0040db0d, 0xffffffff, "TemplateExtensionCreatorUID", "UI", "Template Extension Creator UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0040,E004) */
	{ 0x0040e004, 0xffffffff, "HL7DocumentEffectiveTime", "DT", "HL7 Document Effective Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0042,0011) */
	{ 0x00420011, 0xffffffff, "EncapsulatedDocument", "OB", "Encapsulated Document",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0044,0004) */
	{ 0x00440004, 0xffffffff, "ApprovalStatusDateTime", "DT", "Approval Status DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0044,000B) */
	{ 0x0044000b, 0xffffffff, "ProductExpirationDateTime", "DT", "Product Expiration DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0044,0010) */
	{ 0x00440010, 0xffffffff, "SubstanceAdministrationDateTime", "DT", "Substance Administration DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0044,0104) */
	{ 0x00440104, 0xffffffff, "AssertionDateTime", "DT", "Assertion DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0044,0105) */
	{ 0x00440105, 0xffffffff, "AssertionExpirationDateTime", "DT", "Assertion Expiration DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0050,001B) */
	{ 0x0050001b, 0xffffffff, "ContainerComponentID", "LO", "Container Component ID",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0050,0020) */
	{ 0x00500020, 0xffffffff, "DeviceDescription", "LO", "Device Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0050,0021) */
	{ 0x00500021, 0xffffffff, "LongDeviceDescription", "ST", "Long Device Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0062,0021) */
	{ 0x00620021, 0xffffffff, "TrackingUID", "UI", "Tracking UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0064,0003) */
	{ 0x00640003, 0xffffffff, "SourceFrameOfReferenceUID", "UI", "Source Frame of Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0068,6226) */
	{ 0x00686226, 0xffffffff, "EffectiveDateTime", "DT", "Effective DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0068,6270) */
	{ 0x00686270, 0xffffffff, "InformationIssueDateTime", "DT", "Information Issue DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (006A,0003) */
	{ 0x006a0003, 0xffffffff, "AnnotationGroupUID", "UI", "Annotation Group UID",
	  'N', PA_D,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (006A,0005) */
	{ 0x006a0005, 0xffffffff, "AnnotationGroupLabel", "LO", "Annotation Group Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (006A,0006) */
	{ 0x006a0006, 0xffffffff, "AnnotationGroupDescription", "UT", "Annotation Group Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0070,0001) */
	{ 0x00700001, 0xffffffff, "GraphicAnnotationSequence", "SQ", "Graphic Annotation Sequence",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C } },
	/* (0070,0082) */
	{ 0x00700082, 0xffffffff, "PresentationCreationDate", "DA", "Presentation Creation Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,0083) */
	{ 0x00700083, 0xffffffff, "PresentationCreationTime", "TM", "Presentation Creation Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,0084) */
	{ 0x00700084, 0xffffffff, "ContentCreatorName", "PN", "Content Creator's Name",
	  'N', PA_ZD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,0086) */
	{ 0x00700086, 0xffffffff, "ContentCreatorIdentificationCodeSequence", "SQ", "Content Creator's Identification Code Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,031A) */
	{ 0x0070031a, 0xffffffff, "FiducialUID", "UI", "Fiducial UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,1101) */
	{ 0x00701101, 0xffffffff, "PresentationDisplayCollectionUID", "UI", "Presentation Display Collection UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0070,1102) */
	{ 0x00701102, 0xffffffff, "PresentationSequenceCollectionUID", "UI", "Presentation Sequence Collection UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,000A) */
	{ 0x0072000a, 0xffffffff, "HangingProtocolCreationDateTime", "DT", "Hanging Protocol Creation DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,005E) */
	{ 0x0072005e, 0xffffffff, "SelectorAEValue", "AE", "Selector AE Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,005F) */
	{ 0x0072005f, 0xffffffff, "SelectorASValue", "AS", "Selector AS Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,0061) */
	{ 0x00720061, 0xffffffff, "SelectorDAValue", "DA", "Selector DA Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,0063) */
	{ 0x00720063, 0xffffffff, "SelectorDTValue", "DT", "Selector DT Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,0065) */
	{ 0x00720065, 0xffffffff, "SelectorOBValue", "OB", "Selector OB Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,0066) */
	{ 0x00720066, 0xffffffff, "SelectorLOValue", "LO", "Selector LO Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0072,0068) */
	{ 0x00720068, 0xffffffff, "SelectorLTValue", "LT", "Selector LT Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0072,006A) */
	{ 0x0072006a, 0xffffffff, "SelectorPNValue", "PN", "Selector PN Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,006B) */
	{ 0x0072006b, 0xffffffff, "SelectorTMValue", "TM", "Selector TM Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,006C) */
	{ 0x0072006c, 0xffffffff, "SelectorSHValue", "SH", "Selector SH Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0072,006D) */
	{ 0x0072006d, 0xffffffff, "SelectorUNValue", "UN", "Selector UN Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0072,006E) */
	{ 0x0072006e, 0xffffffff, "SelectorSTValue", "ST", "Selector ST Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0072,0070) */
	{ 0x00720070, 0xffffffff, "SelectorUTValue", "UT", "Selector UT Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0072,0071) */
	{ 0x00720071, 0xffffffff, "SelectorURValue", "UR", "Selector UR Value",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0074,1234) */
	{ 0x00741234, 0xffffffff, "ReceivingAE", "AE", "Receiving AE",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0074,1236) */
	{ 0x00741236, 0xffffffff, "RequestingAE", "AE", "Requesting AE",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0140) */
	{ 0x00880140, 0xffffffff, "StorageMediaFileSetUID", "UI", "Storage Media File-set UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0200) */
	{ 0x00880200, 0xffffffff, "IconImageSequence", "SQ", "Icon Image Sequence  (see Note 11)",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0904) */
	{ 0x00880904, 0xffffffff, "TopicTitle", "LO", "Topic Title",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0906) */
	{ 0x00880906, 0xffffffff, "TopicSubject", "ST", "Topic Subject",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0910) */
	{ 0x00880910, 0xffffffff, "TopicAuthor", "LO", "Topic Author",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0088,0912) */
	{ 0x00880912, 0xffffffff, "TopicKeywords", "LO", "Topic Keywords",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0100,0420) */
	{ 0x01000420, 0xffffffff, "SOPAuthorizationDateTime", "DT", "SOP Authorization DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0100) */
	{ 0x04000100, 0xffffffff, "DigitalSignatureUID", "UI", "Digital Signature UID",
	  'N', PA_U,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0105) */
	{ 0x04000105, 0xffffffff, "DigitalSignatureDateTime", "DT", "Digital Signature DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0115) */
	{ 0x04000115, 0xffffffff, "CertificateOfSigner", "OB", "Certificate of Signer",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0310) */
	{ 0x04000310, 0xffffffff, "CertifiedTimestamp", "OB", "Certified Timestamp",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0402) */
	{ 0x04000402, 0xffffffff, "ReferencedDigitalSignatureSequence", "SQ", "Referenced Digital Signature Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0403) */
	{ 0x04000403, 0xffffffff, "ReferencedSOPInstanceMACSequence", "SQ", "Referenced SOP Instance MAC Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0404) */
	{ 0x04000404, 0xffffffff, "MAC", "OB", "MAC",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0550) */
	{ 0x04000550, 0xffffffff, "ModifiedAttributesSequence", "SQ", "Modified Attributes Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0551) */
	{ 0x04000551, 0xffffffff, "NonconformingModifiedAttributesSequence", "SQ", "Nonconforming Modified Attributes Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0552) */
	{ 0x04000552, 0xffffffff, "NonconformingDataElementValue", "OB", "Nonconforming Data Element Value",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0561) */
	{ 0x04000561, 0xffffffff, "OriginalAttributesSequence", "SQ", "Original Attributes Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0562) */
	{ 0x04000562, 0xffffffff, "AttributeModificationDateTime", "DT", "Attribute Modification DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0563) */
	{ 0x04000563, 0xffffffff, "ModifyingSystem", "LO", "Modifying System",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0564) */
	{ 0x04000564, 0xffffffff, "SourceOfPreviousValues", "LO", "Source of Previous Values",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (0400,0565) */
	{ 0x04000565, 0xffffffff, "ReasonForTheAttributeModification", "CS", "Reason for the Attribute Modification",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (0400,0600) */
	{ 0x04000600, 0xffffffff, "InstanceOriginStatus", "CS", "Instance Origin Status",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (2030,0020) */
	{ 0x20300020, 0xffffffff, "TextString", "LO", "Text String",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (2100,0040) */
	{ 0x21000040, 0xffffffff, "CreationDate", "DA", "Creation Date",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (2100,0050) */
	{ 0x21000050, 0xffffffff, "CreationTime", "TM", "Creation Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (2100,0070) */
	{ 0x21000070, 0xffffffff, "Originator", "AE", "Originator",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (2100,0140) */
	{ 0x21000140, 0xffffffff, "DestinationAE", "AE", "Destination AE",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (2200,0002) */
	{ 0x22000002, 0xffffffff, "LabelText", "UT", "Label Text",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (2200,0005) */
	{ 0x22000005, 0xffffffff, "BarcodeValue", "LT", "Barcode Value",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3002,0121) */
	{ 0x30020121, 0xffffffff, "PositionAcquisitionTemplateName", "LO", "Position Acquisition Template Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3002,0123) */
	{ 0x30020123, 0xffffffff, "PositionAcquisitionTemplateDescription", "LT", "Position Acquisition Template Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0002) */
	{ 0x30060002, 0xffffffff, "StructureSetLabel", "SH", "Structure Set Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0004) */
	{ 0x30060004, 0xffffffff, "StructureSetName", "LO", "Structure Set Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0006) */
	{ 0x30060006, 0xffffffff, "StructureSetDescription", "ST", "Structure Set Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0008) */
	{ 0x30060008, 0xffffffff, "StructureSetDate", "DA", "Structure Set Date",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,0009) */
	{ 0x30060009, 0xffffffff, "StructureSetTime", "TM", "Structure Set Time",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,0024) */
	{ 0x30060024, 0xffffffff, "ReferencedFrameOfReferenceUID", "UI", "Referenced Frame of Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,0026) */
	{ 0x30060026, 0xffffffff, "ROIName", "LO", "ROI Name",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0028) */
	{ 0x30060028, 0xffffffff, "ROIDescription", "ST", "ROI Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,002D) */
	{ 0x3006002d, 0xffffffff, "ROIDateTime", "DT", "ROI DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,002E) */
	{ 0x3006002e, 0xffffffff, "ROIObservationDateTime", "DT", "ROI Observation DateTime",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,0038) */
	{ 0x30060038, 0xffffffff, "ROIGenerationDescription", "LO", "ROI Generation Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,004D) */
	{ 0x3006004d, 0xffffffff, "ROICreatorSequence", "SQ", "ROI Creator Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,004E) */
	{ 0x3006004e, 0xffffffff, "ROIInterpreterSequence", "SQ", "ROI Interpreter Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,0085) */
	{ 0x30060085, 0xffffffff, "ROIObservationLabel", "SH", "ROI Observation Label",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,0088) */
	{ 0x30060088, 0xffffffff, "ROIObservationDescription", "ST", "ROI Observation Description",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3006,00A6) */
	{ 0x300600a6, 0xffffffff, "ROIInterpreter", "PN", "ROI Interpreter",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3006,00C2) */
	{ 0x300600c2, 0xffffffff, "RelatedFrameOfReferenceUID", "UI", "Related Frame of Reference UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0024) */
	{ 0x30080024, 0xffffffff, "TreatmentControlPointDate", "DA", "Treatment Control Point Date",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0025) */
	{ 0x30080025, 0xffffffff, "TreatmentControlPointTime", "TM", "Treatment Control Point Time",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0054) */
	{ 0x30080054, 0xffffffff, "FirstTreatmentDate", "DA", "First Treatment Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0056) */
	{ 0x30080056, 0xffffffff, "MostRecentTreatmentDate", "DA", "Most Recent Treatment Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0105) */
	{ 0x30080105, 0xffffffff, "SourceSerialNumber", "LO", "Source Serial Number",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0162) */
	{ 0x30080162, 0xffffffff, "SafePositionExitDate", "DA", "Safe Position Exit Date",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0164) */
	{ 0x30080164, 0xffffffff, "SafePositionExitTime", "TM", "Safe Position Exit Time",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0166) */
	{ 0x30080166, 0xffffffff, "SafePositionReturnDate", "DA", "Safe Position Return Date",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0168) */
	{ 0x30080168, 0xffffffff, "SafePositionReturnTime", "TM", "Safe Position Return Time",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0250) */
	{ 0x30080250, 0xffffffff, "TreatmentDate", "DA", "Treatment Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3008,0251) */
	{ 0x30080251, 0xffffffff, "TreatmentTime", "TM", "Treatment Time",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0002) */
	{ 0x300a0002, 0xffffffff, "RTPlanLabel", "SH", "RT Plan Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0003) */
	{ 0x300a0003, 0xffffffff, "RTPlanName", "LO", "RT Plan Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0004) */
	{ 0x300a0004, 0xffffffff, "RTPlanDescription", "ST", "RT Plan Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0006) */
	{ 0x300a0006, 0xffffffff, "RTPlanDate", "DA", "RT Plan Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0007) */
	{ 0x300a0007, 0xffffffff, "RTPlanTime", "TM", "RT Plan Time",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,000B) */
	{ 0x300a000b, 0xffffffff, "TreatmentSites", "LO", "Treatment Sites",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,000E) */
	{ 0x300a000e, 0xffffffff, "PrescriptionDescription", "ST", "Prescription Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0013) */
	{ 0x300a0013, 0xffffffff, "DoseReferenceUID", "UI", "Dose Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0016) */
	{ 0x300a0016, 0xffffffff, "DoseReferenceDescription", "LO", "Dose Reference Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0072) */
	{ 0x300a0072, 0xffffffff, "FractionGroupDescription", "LO", "Fraction Group Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0083) */
	{ 0x300a0083, 0xffffffff, "ReferencedDoseReferenceUID", "UI", "Referenced Dose Reference UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,00B2) */
	{ 0x300a00b2, 0xffffffff, "TreatmentMachineName", "SH", "Treatment Machine Name",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,00C3) */
	{ 0x300a00c3, 0xffffffff, "BeamDescription", "ST", "Beam Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,00DD) */
	{ 0x300a00dd, 0xffffffff, "BolusDescription", "ST", "Bolus Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0196) */
	{ 0x300a0196, 0xffffffff, "FixationDeviceDescription", "ST", "Fixation Device Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,01A6) */
	{ 0x300a01a6, 0xffffffff, "ShieldingDeviceDescription", "ST", "Shielding Device Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,01B2) */
	{ 0x300a01b2, 0xffffffff, "SetupTechniqueDescription", "ST", "Setup Technique Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0216) */
	{ 0x300a0216, 0xffffffff, "SourceManufacturer", "LO", "Source Manufacturer",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,022C) */
	{ 0x300a022c, 0xffffffff, "SourceStrengthReferenceDate", "DA", "Source Strength Reference Date",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,022E) */
	{ 0x300a022e, 0xffffffff, "SourceStrengthReferenceTime", "TM", "Source Strength Reference Time",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,02EB) */
	{ 0x300a02eb, 0xffffffff, "CompensatorDescription", "LT", "Compensator Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0608) */
	{ 0x300a0608, 0xffffffff, "TreatmentPositionGroupLabel", "LO", "Treatment Position Group Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0609) */
	{ 0x300a0609, 0xffffffff, "TreatmentPositionGroupUID", "UI", "Treatment Position Group UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0611) */
	{ 0x300a0611, 0xffffffff, "RTAccessoryHolderSlotID", "LO", "RT Accessory Holder Slot ID",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0615) */
	{ 0x300a0615, 0xffffffff, "RTAccessoryDeviceSlotID", "LO", "RT Accessory Device Slot ID",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0619) */
	{ 0x300a0619, 0xffffffff, "RadiationDoseIdentificationLabel", "LO", "Radiation Dose Identification Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0623) */
	{ 0x300a0623, 0xffffffff, "RadiationDoseInVivoMeasurementLabel", "LO", "Radiation Dose In-Vivo Measurement Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,062A) */
	{ 0x300a062a, 0xffffffff, "RTToleranceSetLabel", "LO", "RT Tolerance Set Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0650) */
	{ 0x300a0650, 0xffffffff, "PatientSetupUID", "UI", "Patient Setup UID",
	  'Y', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0676) */
	{ 0x300a0676, 0xffffffff, "EquipmentFrameOfReferenceDescription", "ST", "Equipment Frame of Reference Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,067C) */
	{ 0x300a067c, 0xffffffff, "RadiationGenerationModeLabel", "SH", "Radiation Generation Mode Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,067D) */
	{ 0x300a067d, 0xffffffff, "RadiationGenerationModeDescription", "ST", "Radiation Generation Mode Description",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0700) */
	{ 0x300a0700, 0xffffffff, "TreatmentSessionUID", "UI", "Treatment Session UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0734) */
	{ 0x300a0734, 0xffffffff, "TreatmentToleranceViolationDescription", "ST", "Treatment Tolerance Violation Description",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0736) */
	{ 0x300a0736, 0xffffffff, "TreatmentToleranceViolationDateTime", "DT", "Treatment Tolerance Violation DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,073A) */
	{ 0x300a073a, 0xffffffff, "RecordedRTControlPointDateTime", "DT", "Recorded RT Control Point DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0741) */
	{ 0x300a0741, 0xffffffff, "InterlockDateTime", "DT", "Interlock DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0742) */
	{ 0x300a0742, 0xffffffff, "InterlockDescription", "ST", "Interlock Description",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0760) */
	{ 0x300a0760, 0xffffffff, "OverrideDateTime", "DT", "Override DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,0783) */
	{ 0x300a0783, 0xffffffff, "InterlockOriginDescription", "ST", "Interlock Origin Description",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0785) */
	{ 0x300a0785, 0xffffffff, "ReferencedTreatmentPositionGroupUID", "UI", "Referenced Treatment Position Group UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (300A,078E) */
	{ 0x300a078e, 0xffffffff, "PatientTreatmentPreparationProcedureParameterDescription", "LT", "Patient Treatment Preparation Procedure Parameter Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0792) */
	{ 0x300a0792, 0xffffffff, "PatientTreatmentPreparationMethodDescription", "LT", "Patient Treatment Preparation Method Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,0794) */
	{ 0x300a0794, 0xffffffff, "PatientSetupPhotoDescription", "LT", "Patient Setup Photo Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300A,079A) */
	{ 0x300a079a, 0xffffffff, "DisplacementReferenceLabel", "LO", "Displacement Reference Label",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300C,0113) */
	{ 0x300c0113, 0xffffffff, "ReasonForOmissionDescription", "LO", "Reason for Omission Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (300C,0127) */
	{ 0x300c0127, 0xffffffff, "BeamHoldTransitionDateTime", "DT", "Beam Hold Transition DateTime",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300E,0004) */
	{ 0x300e0004, 0xffffffff, "ReviewDate", "DA", "Review Date",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300E,0005) */
	{ 0x300e0005, 0xffffffff, "ReviewTime", "TM", "Review Time",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (300E,0008) */
	{ 0x300e0008, 0xffffffff, "ReviewerName", "PN", "Reviewer Name",
	  'N', PA_XZ,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0006) */
	{ 0x30100006, 0xffffffff, "ConceptualVolumeUID", "UI", "Conceptual Volume UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,000B) */
	{ 0x3010000b, 0xffffffff, "ReferencedConceptualVolumeUID", "UI", "Referenced Conceptual Volume UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,000F) */
	{ 0x3010000f, 0xffffffff, "ConceptualVolumeCombinationDescription", "ST", "Conceptual Volume Combination Description",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0013) */
	{ 0x30100013, 0xffffffff, "ConstituentConceptualVolumeUID", "UI", "Constituent Conceptual Volume UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0015) */
	{ 0x30100015, 0xffffffff, "SourceConceptualVolumeUID", "UI", "Source Conceptual Volume UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0017) */
	{ 0x30100017, 0xffffffff, "ConceptualVolumeDescription", "ST", "Conceptual Volume Description",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,001B) */
	{ 0x3010001b, 0xffffffff, "DeviceAlternateIdentifier", "UC", "Device Alternate Identifier",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,002D) */
	{ 0x3010002d, 0xffffffff, "DeviceLabel", "LO", "Device Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0031) */
	{ 0x30100031, 0xffffffff, "ReferencedFiducialsUID", "UI", "Referenced Fiducials UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0033) */
	{ 0x30100033, 0xffffffff, "UserContentLabel", "SH", "User Content Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0034) */
	{ 0x30100034, 0xffffffff, "UserContentLongLabel", "LO", "User Content Long Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0035) */
	{ 0x30100035, 0xffffffff, "EntityLabel", "SH", "Entity Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0036) */
	{ 0x30100036, 0xffffffff, "EntityName", "LO", "Entity Name",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0037) */
	{ 0x30100037, 0xffffffff, "EntityDescription", "ST", "Entity Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0038) */
	{ 0x30100038, 0xffffffff, "EntityLongLabel", "LO", "Entity Long Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,003B) */
	{ 0x3010003b, 0xffffffff, "RTTreatmentPhaseUID", "UI", "RT Treatment Phase UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0043) */
	{ 0x30100043, 0xffffffff, "ManufacturerDeviceIdentifier", "ST", "Manufacturer's Device Identifier",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,004C) */
	{ 0x3010004c, 0xffffffff, "IntendedPhaseStartDate", "DA", "Intended Phase Start Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,004D) */
	{ 0x3010004d, 0xffffffff, "IntendedPhaseEndDate", "DA", "Intended Phase End Date",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0054) */
	{ 0x30100054, 0xffffffff, "RTPrescriptionLabel", "LO", "RT Prescription Label",
	  'N', PA_D,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0056) */
	{ 0x30100056, 0xffffffff, "RTTreatmentApproachLabel", "LO", "RT Treatment Approach Label",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,005A) */
	{ 0x3010005a, 0xffffffff, "RTPhysicianIntentNarrative", "UT", "RT Physician Intent Narrative",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,005C) */
	{ 0x3010005c, 0xffffffff, "ReasonForSuperseding", "ST", "Reason for Superseding",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0061) */
	{ 0x30100061, 0xffffffff, "PriorTreatmentDoseDescription", "UT", "Prior Treatment Dose Description",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,006E) */
	{ 0x3010006e, 0xffffffff, "DosimetricObjectiveUID", "UI", "Dosimetric Objective UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,006F) */
	{ 0x3010006f, 0xffffffff, "ReferencedDosimetricObjectiveUID", "UI", "Referenced Dosimetric Objective UID",
	  'N', PA_U,
	  { PA_NONE, PA_K, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (3010,0077) */
	{ 0x30100077, 0xffffffff, "TreatmentSite", "LO", "Treatment Site",
	  'N', PA_XD,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,007A) */
	{ 0x3010007a, 0xffffffff, "TreatmentTechniqueNotes", "UT", "Treatment Technique Notes",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,007B) */
	{ 0x3010007b, 0xffffffff, "PrescriptionNotes", "UT", "Prescription Notes",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,007F) */
	{ 0x3010007f, 0xffffffff, "FractionationNotes", "UT", "Fractionation Notes",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0081) */
	{ 0x30100081, 0xffffffff, "PrescriptionNotesSequence", "SQ", "Prescription Notes Sequence",
	  'N', PA_Z,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (3010,0085) */
	{ 0x30100085, 0xffffffff, "IntendedFractionStartTime", "TM", "Intended Fraction Start Time",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4000,0010) */
	{ 0x40000010, 0xffffffff, "Arbitrary", "LT", "Arbitrary",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4000,4000) */
	{ 0x40004000, 0xffffffff, "TextComments", "LT", "Text Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0040) */
	{ 0x40080040, 0xffffffff, "ResultsID", "SH", "Results ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0042) */
	{ 0x40080042, 0xffffffff, "ResultsIDIssuer", "LO", "Results ID Issuer",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0100) */
	{ 0x40080100, 0xffffffff, "InterpretationRecordedDate", "DA", "Interpretation Recorded Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0101) */
	{ 0x40080101, 0xffffffff, "InterpretationRecordedTime", "TM", "Interpretation Recorded Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0102) */
	{ 0x40080102, 0xffffffff, "InterpretationRecorder", "PN", "Interpretation Recorder",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0108) */
	{ 0x40080108, 0xffffffff, "InterpretationTranscriptionDate", "DA", "Interpretation Transcription Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0109) */
	{ 0x40080109, 0xffffffff, "InterpretationTranscriptionTime", "TM", "Interpretation Transcription Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,010A) */
	{ 0x4008010a, 0xffffffff, "InterpretationTranscriber", "PN", "Interpretation Transcriber",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,010B) */
	{ 0x4008010b, 0xffffffff, "InterpretationText", "ST", "Interpretation Text",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (4008,010C) */
	{ 0x4008010c, 0xffffffff, "InterpretationAuthor", "PN", "Interpretation Author",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0111) */
	{ 0x40080111, 0xffffffff, "InterpretationApproverSequence", "SQ", "Interpretation Approver Sequence",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0112) */
	{ 0x40080112, 0xffffffff, "InterpretationApprovalDate", "DA", "Interpretation Approval Date",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0113) */
	{ 0x40080113, 0xffffffff, "InterpretationApprovalTime", "TM", "Interpretation Approval Time",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_K, PA_C, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0114) */
	{ 0x40080114, 0xffffffff, "PhysicianApprovingInterpretation", "PN", "Physician Approving Interpretation",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0115) */
	{ 0x40080115, 0xffffffff, "InterpretationDiagnosisDescription", "LT", "Interpretation Diagnosis Description",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (4008,0118) */
	{ 0x40080118, 0xffffffff, "ResultsDistributionListSequence", "SQ", "Results Distribution List Sequence",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0119) */
	{ 0x40080119, 0xffffffff, "DistributionName", "PN", "Distribution Name",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,011A) */
	{ 0x4008011a, 0xffffffff, "DistributionAddress", "LO", "Distribution Address",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0200) */
	{ 0x40080200, 0xffffffff, "InterpretationID", "SH", "Interpretation ID",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0202) */
	{ 0x40080202, 0xffffffff, "InterpretationIDIssuer", "LO", "Interpretation ID Issuer",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (4008,0300) */
	{ 0x40080300, 0xffffffff, "Impressions", "ST", "Impressions",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (4008,4000) */
	{ 0x40084000, 0xffffffff, "ResultsComments", "ST", "Results Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C, PA_NONE, PA_NONE } },
	/* (FFFA,FFFA) */
	{ 0xfffafffa, 0xffffffff, "DigitalSignaturesSequence", "SQ", "Digital Signatures Sequence",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (FFFC,FFFC) */
	{ 0xfffcfffc, 0xffffffff, "DataSetTrailingPadding", "OB", "Data Set Trailing Padding",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* wildcard rows, in the order profile_lookup() tries them */
	/* (gggg,eeee) where gggg is odd */
	{ 0x00010000, 0x00010000, "", "", "Private Attributes",
	  'N', PA_X,
	  { PA_C, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE } },
	/* (50XX,XXXX) */
	{ 0x50000000, 0xff000000, "CurveData", "OB/OW", "Curve Data",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C } },
	/* (60XX,3000) */
	{ 0x60003000, 0xff00ffff, "OverlayData", "OB or OW", "Overlay Data",
	  'N', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C } },
	/* (60XX,4000) */
	{ 0x60004000, 0xff00ffff, "OverlayComments", "LT", "Overlay Comments",
	  'Y', PA_X,
	  { PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_NONE, PA_C } },
};

const size_t profile_nrows = 621;
const size_t profile_nplain = 617;
