#!/usr/bin/python3
"""gen-dicom.py: synthetic DICOM fixtures for the dcmscrub tests and demo.

    /usr/bin/python3 tests/gen-dicom.py canary OUTDIR
    /usr/bin/python3 tests/gen-dicom.py sample OUTDIR

canary: one file per IOD family (CT slices, MR, Secondary Capture, Basic
Text SR, an RT Structure Set that references the CT slices, a 12-lead ECG)
in which every attribute of PS3.15 Table E.1-1 that the basic profile
removes or replaces holds a unique, obviously fake "canary" value, at the
top level, inside sequences, in SR content and in private elements.  The
table is read from data/annexE-2024b.tsv at run time.  OUTDIR/canaries.tsv
lists every canary: where it is and the actions of its row, so a test can
tell which canaries an option must remove and which it must keep.

sample: a small fake study (a CT series of 20 64x64 slices, an MR series,
an SR) of an obviously fake patient, for the demo and other tests.

Needs pydicom (Debian's python3-pydicom, 2.3): run it with /usr/bin/python3.
Everything is deterministic: the same command writes the same bytes.
"""

import datetime
import os
import sys

try:
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.dataelem import DataElement
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian
except ImportError:
    sys.exit("gen-dicom.py: pydicom is missing: run with /usr/bin/python3 "
             "(Debian's python3-pydicom)")

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "data", "annexE-2024b.tsv")

OPTIONS = ["retain_safe_private", "retain_uids", "retain_device_identity",
           "retain_institution_identity", "retain_patient_characteristics",
           "retain_long_full_dates", "retain_long_modified_dates",
           "clean_descriptors", "clean_structured_content", "clean_graphics"]

CT_CLASS = "1.2.840.10008.5.1.4.1.1.2"
MR_CLASS = "1.2.840.10008.5.1.4.1.1.4"
SC_CLASS = "1.2.840.10008.5.1.4.1.1.7"
SR_CLASS = "1.2.840.10008.5.1.4.1.1.88.11"
RT_CLASS = "1.2.840.10008.5.1.4.1.1.481.3"
ECG_CLASS = "1.2.840.10008.5.1.4.1.1.9.1.1"
STUDY_MGMT_CLASS = "1.2.840.10008.3.1.2.3.1"

# Fake roots: 1.2.826.0.1.3680043.9999 is no one's (the "9999" arc under
# a test root), so no real UID can collide with these.
CANARY_UID_ROOT = "1.2.826.0.1.3680043.9999."
SAMPLE_UID_ROOT = "1.2.826.0.1.3680043.9999.7."

CREATOR = "CANARY CREATOR"

# Keywords of a few attributes that are also planted deeper, as a sample.
DEEP = ["PatientName", "PatientID", "PatientBirthDate", "AccessionNumber",
        "StudyDate", "StudyTime", "AcquisitionDateTime", "InstitutionName",
        "OperatorsName", "ReferringPhysicianName", "StationName",
        "DeviceSerialNumber", "StudyDescription", "OtherPatientNames",
        "PerformingPhysicianName", "StudyInstanceUID",
        "ReferencedSOPInstanceUID", "RequestingPhysician"]

# Never planted: command and DICOMDIR groups (not in a stored instance),
# the meta header (its one UID is planted through the SOP Instance UID),
# signatures and padding, ContentSequence (the SR's own, below), and
# values whose VR gives no unique byte pattern.
SKIP_GROUPS = (0x0000, 0x0002, 0x0004)
SKIP_TAGS = (0xFFFAFFFA, 0xFFFCFFFC, 0x0040A730)
SKIP_VRS = ("US", "SS", "UL", "SL", "FL", "FD", "AT", "OB or OW", "OB/OW", "")

# Planted with ordinary values and checked by value, not as canaries.
PLAIN = {"PatientAge": "045Y", "PatientSex": "O", "PatientWeight": "72.5",
         "PatientSize": "1.65"}


def read_table(path):
    rows = []
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("#") or line.startswith("tag\t") or not line:
                continue
            c = line.split("\t")
            if len(c) != 17:
                sys.exit("gen-dicom.py: %s: bad row %r" % (path, line[:40]))
            r = {"tagtext": c[0], "keyword": c[1], "vr": c[2], "name": c[3],
                 "retired": c[4], "basic": c[6], "options": c[7:17]}
            t = c[0]
            if len(t) == 11 and t[0] == "(" and t[5] == "," and "X" not in t:
                r["tag"] = int(t[1:5] + t[6:10], 16)
            else:
                r["tag"] = None
            rows.append(r)
    return rows


class Canaries:
    """Makes unique values and remembers where each one was planted."""

    def __init__(self, table):
        self.by_keyword = {r["keyword"]: r for r in table if r["tag"] is not None}
        self.wild = {r["tagtext"]: r for r in table if r["tag"] is None}
        self.rows = []
        self.n = 0
        self.nuid = 10000
        self.npriv = 0
        self.file = "-"
        self.patient_text = ""

    def counter(self):
        self.n += 1
        return self.n

    def uid(self):
        self.nuid += 1
        return CANARY_UID_ROOT + "%05d" % self.nuid

    def date(self, k):
        d = datetime.date(1871, 1, 1) + datetime.timedelta(days=3 * k)
        return d.strftime("%Y%m%d")

    def time(self, k):
        return "%02d%02d%02d.87%04d" % (10 + k % 10, k % 60, (k * 7) % 60, k)

    def value(self, vr, loc, tag):
        """A unique value valid for vr, or None if the VR has none."""
        text = "CANARY%s%08X" % (loc, tag)
        if vr in ("AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"):
            return text
        if vr == "UR":
            return "http://canary.invalid/" + text
        if vr == "DA":
            return self.date(self.counter())
        if vr == "TM":
            return self.time(self.counter())
        if vr == "DT":
            k = self.counter()
            return self.date(k) + self.time(k)
        if vr == "DS":
            return "-9871%05d.5" % self.counter()
        if vr == "IS":
            return "-9871%05d" % self.counter()
        if vr == "UI":
            return self.uid()
        if vr in ("OB", "UN", "OW"):
            return (text + "\0").encode("ascii")
        return None

    def record(self, loc, parent, tag, vr, value, row):
        if isinstance(value, bytes):
            shown = value.rstrip(b"\0").decode("ascii")
        else:
            shown = value
        if row is None:
            basic, opts = "X", [""] * 10
        else:
            basic, opts = row["basic"], row["options"]
        self.rows.append([self.file, loc, parent, "(%04X,%04X)" % (tag >> 16, tag & 0xFFFF),
                          vr, shown, basic] + list(opts))

    def add(self, ds, row, loc, parent="-", value=None):
        """Plant the canary of row in ds; returns the value or None."""
        tag, vr = row["tag"], row["vr"]
        if value is None:
            value = self.value(vr, loc, tag)
        if value is None:
            return None
        ds.add(DataElement(tag, vr, value))
        self.record(loc, parent, tag, vr, value, row)
        return value

    def private_value(self):
        self.npriv += 1
        return "CANARYPRIV%04d" % self.npriv

    def add_private(self, ds, group, loc):
        """A block of CANARY CREATOR private elements in an odd group."""
        ds.add(DataElement((group << 16) | 0x0010, "LO", CREATOR))
        self.record(loc, "private", (group << 16) | 0x0010, "LO", CREATOR, None)
        for el, vr in ((0x1001, "LO"), (0x1002, "SH"), (0x1003, "LT"), (0x1004, "PN")):
            v = self.private_value()
            ds.add(DataElement((group << 16) | el, vr, v))
            self.record(loc, "private", (group << 16) | el, vr, v, None)
        u = self.uid()
        ds.add(DataElement((group << 16) | 0x1005, "UI", u))
        self.record(loc, "private", (group << 16) | 0x1005, "UI", u, None)

    def write_list(self, path):
        with open(path, "w", encoding="ascii") as f:
            f.write("# canaries planted by gen-dicom.py; file '-' = every file;"
                    " parent: '-' = the row's own action applies, 'private' ="
                    " inside a private element, (gggg,eeee) = inside that"
                    " sequence of Table E.1-1, 'plain' = ordinary value checked by value,"
                    " 'safe' = a safe private attribute\n")
            f.write("\t".join(["file", "where", "parent", "tag", "vr", "value", "basic"] +
                              OPTIONS) + "\n")
            for r in self.rows:
                f.write("\t".join(r) + "\n")


def code_item(value, scheme, meaning):
    it = Dataset()
    it.CodeValue = value
    it.CodingSchemeDesignator = scheme
    it.CodeMeaning = meaning
    return it


def sq_item(cn, row, loc):
    """The item planted in a sequence of the table: a canary that lives
    or dies with the sequence."""
    it = Dataset()
    kw = row["keyword"]
    if kw in ("ReferencedImageSequence", "SourceImageSequence"):
        return None     # planted with real references, in the CT
    if kw.startswith("Referenced"):
        # a reference: its UID is replaced wherever the sequence survives
        it.ReferencedSOPClassUID = STUDY_MGMT_CLASS
        u = cn.uid()
        it.ReferencedSOPInstanceUID = u
        cn.record(loc, row["tagtext"], 0x00081155, "UI", u,
                  cn.by_keyword["ReferencedSOPInstanceUID"])
        return it
    # a code (an institution's, an operator's...): it goes with the sequence
    it.CodeValue = "X1"
    it.CodingSchemeDesignator = "99FAKE"
    v = "CANARY%s%08X" % (loc, row["tag"])
    it.CodeMeaning = v
    cn.record(loc, row["tagtext"], 0x00080104, "LO", v, None)
    return it


def plant_all(cn, ds, loc, sqloc, semantic, deep=False):
    """Every plain row of the table that the basic profile changes."""
    for kw, row in sorted(cn.by_keyword.items(), key=lambda kv: kv[1]["tag"]):
        tag, vr = row["tag"], row["vr"]
        if tag >> 16 in SKIP_GROUPS or tag in SKIP_TAGS or vr in SKIP_VRS:
            continue
        if deep and kw not in DEEP:
            continue
        if kw in PLAIN:
            if loc == "T":
                ds.add(DataElement(tag, vr, PLAIN[kw]))
                cn.rows.append([cn.file, "T", "plain", row["tagtext"], vr, PLAIN[kw],
                                row["basic"]] + row["options"])
            continue
        if vr == "AS":
            continue
        if vr == "SQ":
            it = sq_item(cn, row, sqloc)
            if it is not None:
                ds.add(DataElement(tag, "SQ", Sequence([it])))
            continue
        if loc == "T" and kw in semantic:
            cn.add(ds, row, loc, value=semantic[kw])
            continue
        v = cn.value(vr, loc, tag)
        # free text that an option cleans also names the patient, which
        # cleaning must take out
        if vr in ("LO", "LT", "ST", "UT") and "C" in row["options"] and \
                "K" not in row["options"] and cn.patient_text:
            v = v + " " + cn.patient_text
        cn.add(ds, row, loc, value=v)


def new_dataset(sop_class, sop_uid):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.9999.1"
    meta.ImplementationVersionName = "GEN-DICOM-PY"
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    return ds


def save(ds, path):
    ds.save_as(path, write_like_original=False)


def pixels(ds, rows, cols, seed=0):
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = cols
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    # small values: no byte of the pixels is a printable character, so no
    # canary can be found in them by chance
    data = bytearray()
    for y in range(rows):
        for x in range(cols):
            data += bytes(((x + y + seed) & 0x0F, 0))
    ds.PixelData = bytes(data)


def geometry(ds, z, spacing=1.0):
    ds.ImagePositionPatient = ["-8.0", "-8.0", "%.1f" % z]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.PixelSpacing = ["%.1f" % spacing, "%.1f" % spacing]
    ds.SliceThickness = "2.5"


def overlay_and_curve(cn, ds):
    ds.add(DataElement(0x60000010, "US", 16))
    ds.add(DataElement(0x60000011, "US", 16))
    ds.add(DataElement(0x60000040, "CS", "G"))
    ds.add(DataElement(0x60000050, "SS", [1, 1]))
    ds.add(DataElement(0x60000100, "US", 1))
    ds.add(DataElement(0x60000102, "US", 0))
    v = ("CANARYT60003000" + "\0").encode("ascii") * 2      # 32 bytes = 16x16 bits
    ds.add(DataElement(0x60003000, "OW", v))
    cn.record("T", "-", 0x60003000, "OW", v, cn.wild["(60XX,3000)"])
    v = "CANARYT60004000"
    ds.add(DataElement(0x60004000, "LT", v))
    cn.record("T", "-", 0x60004000, "LT", v, cn.wild["(60XX,4000)"])
    v = ("CANARYT50003000" + "\0").encode("ascii")
    ds.add(DataElement(0x50003000, "OB", v))
    cn.record("T", "-", 0x50003000, "OB", v, cn.wild["(50XX,XXXX)"])
    v = "CANARYT50000022"
    ds.add(DataElement(0x50000022, "LO", v))
    cn.record("T", "-", 0x50000022, "LO", v, cn.wild["(50XX,XXXX)"])


def plant_file(cn, ds, semantic, image=False):
    """All the canaries of one file: top level, nested, private."""
    plant_all(cn, ds, "T", "Q", semantic)
    # nested: every canary again inside a sequence that is not in the
    # table (so it is kept and its items are processed), and a sample one
    # level deeper
    s = Dataset()
    plant_all(cn, s, "S", "W", {})
    n = Dataset()
    plant_all(cn, n, "N", "V", {}, deep=True)
    cn.add_private(n, 0x0013, "N")
    n.CodeValue = "T-D0050"
    n.CodingSchemeDesignator = "SRT"
    n.CodeMeaning = "Tissue"
    s.AnatomicRegionSequence = Sequence([n])
    cn.add_private(s, 0x0011, "S")
    ds.ReferencedSeriesSequence = Sequence([s])
    # private: elements and a private sequence holding standard canaries
    cn.add_private(ds, 0x0009, "T")
    p = Dataset()
    for kw in DEEP:
        row = cn.by_keyword[kw]
        v = cn.value(row["vr"], "P", row["tag"])
        p.add(DataElement(row["tag"], row["vr"], v))
        cn.record("P", "private", row["tag"], row["vr"], v, row)
    ds.add(DataElement(0x00091010, "SQ", Sequence([p])))
    if image:
        overlay_and_curve(cn, ds)


def canary(outdir):
    table = read_table(TABLE)
    cn = Canaries(table)
    os.makedirs(outdir, exist_ok=True)
    # the study and its UIDs, as canaries of the rows they belong to
    study = cn.uid()
    series = {k: cn.uid() for k in ("ct", "mr", "sc", "sr", "rt", "ecg")}
    ct_for = cn.uid()
    mr_for = cn.uid()
    nct = 3
    ct_sops = [cn.uid() for _ in range(nct)]
    other_sops = {k: cn.uid() for k in ("mr", "sc", "sr", "rt", "ecg")}
    patient_name = "CANARYT00100010"
    patient_id = "CANARYT00100020"
    cn.patient_text = "for %s %s" % (patient_name, patient_id)
    instance = [0]

    def common(ds, key, sop, modality, for_uid=None):
        instance[0] += 1
        cn.file = "%s.dcm" % key if key != "ct" else "ct%d.dcm" % instance[0]
        sem = {"StudyInstanceUID": study, "SeriesInstanceUID": series[key],
               "SOPInstanceUID": sop, "PatientName": patient_name, "PatientID": patient_id}
        if for_uid is not None:
            sem["FrameOfReferenceUID"] = for_uid
        ds.Modality = modality
        ds.SeriesNumber = str(list(series).index(key) + 1)
        ds.InstanceNumber = str(instance[0])
        return sem

    def finish(ds, sem, image=False):
        plant_file(cn, ds, sem, image)
        # the meta header's copy of the SOP Instance UID
        cn.record("M", "-", 0x00020003, "UI", sem["SOPInstanceUID"],
                  cn.by_keyword["MediaStorageSOPInstanceUID"])
        save(ds, os.path.join(outdir, cn.file))

    # CT slices; each references the next through a Source Image Sequence
    for i in range(nct):
        ds = new_dataset(CT_CLASS, ct_sops[i])
        sem = common(ds, "ct", ct_sops[i], "CT", ct_for)
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        geometry(ds, 2.5 * i)
        ds.RescaleIntercept = "-1024"
        ds.RescaleSlope = "1"
        ds.KVP = "120"
        pixels(ds, 16, 16, i)
        ref = Dataset()
        ref.ReferencedSOPClassUID = CT_CLASS
        ref.ReferencedSOPInstanceUID = ct_sops[(i + 1) % nct]
        ds.SourceImageSequence = Sequence([ref])
        finish(ds, sem, image=True)

    ds = new_dataset(MR_CLASS, other_sops["mr"])
    sem = common(ds, "mr", other_sops["mr"], "MR", mr_for)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M"]
    ds.ScanningSequence = "SE"
    ds.SequenceVariant = "NONE"
    ds.MagneticFieldStrength = "1.5"
    geometry(ds, 0.0)
    pixels(ds, 16, 16, 7)
    ref = Dataset()
    ref.ReferencedSOPClassUID = CT_CLASS
    ref.ReferencedSOPInstanceUID = ct_sops[0]
    ds.ReferencedImageSequence = Sequence([ref])
    # private attributes that PS3.15 Table E.3.10-1 calls safe: kept with
    # retain-safe-private, with their creator, and removed otherwise
    for tag, vr, v in ((0x00190010, "LO", "SIEMENS MR HEADER"),
                       (0x0019100C, "IS", "1000"),
                       (0x0019100D, "CS", "DIRECTIONAL")):
        ds.add(DataElement(tag, vr, v))
        cn.rows.append([cn.file, "T", "safe", "(%04X,%04X)" % (tag >> 16, tag & 0xFFFF),
                        vr, v, "X"] + [""] * 10)
    finish(ds, sem, image=True)

    ds = new_dataset(SC_CLASS, other_sops["sc"])
    sem = common(ds, "sc", other_sops["sc"], "OT")
    ds.ConversionType = "WSD"
    pixels(ds, 16, 16, 3)
    finish(ds, sem, image=True)

    ds = new_dataset(SR_CLASS, other_sops["sr"])
    sem = common(ds, "sr", other_sops["sr"], "SR")
    sr_content(cn, ds)
    finish(ds, sem)

    ds = new_dataset(RT_CLASS, other_sops["rt"])
    sem = common(ds, "rt", other_sops["rt"], "RTSTRUCT", ct_for)
    rt_structure_set(cn, ds, study, series["ct"], ct_for, ct_sops)
    finish(ds, sem)

    ds = new_dataset(ECG_CLASS, other_sops["ecg"])
    sem = common(ds, "ecg", other_sops["ecg"], "ECG")
    ecg_waveform(ds)
    finish(ds, sem)

    cn.write_list(os.path.join(outdir, "canaries.tsv"))
    values = {r[5] for r in cn.rows if r[2] != "plain"}
    print("gen-dicom.py: %d files, %d canaries planted, %d distinct values, in %s"
          % (nct + 5, len(cn.rows), len(values), outdir), file=sys.stderr)


def content_item(rel, vtype, code, meaning):
    it = Dataset()
    it.RelationshipType = rel
    it.ValueType = vtype
    it.ConceptNameCodeSequence = Sequence([code_item(code, "DCM", meaning)])
    return it


def sr_content(cn, ds, canaries=True, text=None):
    """Basic Text SR: a container of text, person, date, time, datetime,
    UID and code items, one of them with a child."""
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([code_item("11528-7", "LN", "Radiology Report")])
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    items = []
    parent = "(0040,A730)"

    def plant(it, kw, loc, extra=""):
        row = cn.by_keyword.get(kw) if cn is not None else None
        if row is not None:
            v = cn.value(row["vr"], loc, row["tag"]) + extra
            cn.add(it, row, loc, parent, v)

    t = content_item("CONTAINS", "TEXT", "121071", "Finding")
    if canaries:
        v = "CANARYC0040A160 " + cn.patient_text
        t.TextValue = v
        cn.record("C", parent, 0x0040A160, "UT", v, None)
        plant(t, "ObservationDateTime", "C")
        child = content_item("INFERRED FROM", "TEXT", "121072", "Impression")
        v = "CANARYD0040A160"
        child.TextValue = v
        cn.record("D", parent, 0x0040A160, "UT", v, None)
        plant(child, "PersonName", "D")      # not valid in TEXT; a stripper must not care
        t.ContentSequence = Sequence([child])
    else:
        t.TextValue = text
    items.append(t)
    if canaries:
        for vtype, kw, code, meaning in (
                ("PNAME", "PersonName", "121008", "Person Observer Name"),
                ("DATE", "Date", "111060", "Study Date"),
                ("TIME", "Time", "111061", "Study Time"),
                ("DATETIME", "DateTime", "111526", "DateTime Started"),
                ("UIDREF", "UID", "121018", "Procedure Study Instance UID")):
            it = content_item("HAS OBS CONTEXT", vtype, code, meaning)
            plant(it, kw, "C")
            items.append(it)
    c = content_item("CONTAINS", "CODE", "121073", "Impression")
    c.ConceptCodeSequence = Sequence([code_item("17621005", "SCT", "Normal")])
    items.append(c)
    ds.ContentSequence = Sequence(items)


def rt_structure_set(cn, ds, study, ct_series, ct_for, ct_sops):
    contour_images = []
    for sop in ct_sops:
        it = Dataset()
        it.ReferencedSOPClassUID = CT_CLASS
        it.ReferencedSOPInstanceUID = sop
        contour_images.append(it)
    rser = Dataset()
    rser.SeriesInstanceUID = ct_series
    rser.ContourImageSequence = Sequence(contour_images)
    rstudy = Dataset()
    rstudy.ReferencedSOPClassUID = STUDY_MGMT_CLASS
    rstudy.ReferencedSOPInstanceUID = study
    rstudy.RTReferencedSeriesSequence = Sequence([rser])
    rfor = Dataset()
    rfor.FrameOfReferenceUID = ct_for
    rfor.RTReferencedStudySequence = Sequence([rstudy])
    ds.ReferencedFrameOfReferenceSequence = Sequence([rfor])

    roi = Dataset()
    roi.ROINumber = 1
    roi.ReferencedFrameOfReferenceUID = ct_for
    roi.ROIGenerationAlgorithm = "MANUAL"
    for kw in ("ROIName", "ROIDescription", "ROIGenerationDescription"):
        cn.add(roi, cn.by_keyword[kw], "R")
    ds.StructureSetROISequence = Sequence([roi])

    contours = []
    for i, sop in enumerate(ct_sops):
        img = Dataset()
        img.ReferencedSOPClassUID = CT_CLASS
        img.ReferencedSOPInstanceUID = sop
        c = Dataset()
        c.ContourImageSequence = Sequence([img])
        c.ContourGeometricType = "CLOSED_PLANAR"
        c.NumberOfContourPoints = 4
        z = "%.1f" % (2.5 * i)
        c.ContourData = ["-4.0", "-4.0", z, "4.0", "-4.0", z, "4.0", "4.0", z, "-4.0", "4.0", z]
        contours.append(c)
    rc = Dataset()
    rc.ReferencedROINumber = 1
    rc.ROIDisplayColor = ["255", "0", "0"]
    rc.ContourSequence = Sequence(contours)
    ds.ROIContourSequence = Sequence([rc])

    obs = Dataset()
    obs.ObservationNumber = 1
    obs.ReferencedROINumber = 1
    obs.RTROIInterpretedType = "ORGAN"
    for kw in ("ROIObservationLabel", "ROIInterpreter"):
        cn.add(obs, cn.by_keyword[kw], "R")
    ds.RTROIObservationsSequence = Sequence([obs])


LEADS = [("5.6.3-9-1", "Lead I"), ("5.6.3-9-2", "Lead II"), ("5.6.3-9-61", "Lead III"),
         ("5.6.3-9-62", "aVR"), ("5.6.3-9-63", "aVL"), ("5.6.3-9-64", "aVF"),
         ("5.6.3-9-3", "Lead V1"), ("5.6.3-9-4", "Lead V2"), ("5.6.3-9-5", "Lead V3"),
         ("5.6.3-9-6", "Lead V4"), ("5.6.3-9-7", "Lead V5"), ("5.6.3-9-8", "Lead V6")]


def ecg_waveform(ds):
    nsamples = 10
    chans = []
    for i, (code, meaning) in enumerate(LEADS):
        ch = Dataset()
        ch.ChannelSourceSequence = Sequence([code_item(code, "SCPECG", meaning)])
        ch.ChannelSensitivity = "1"
        ch.ChannelSensitivityUnitsSequence = Sequence([code_item("uV", "UCUM", "microvolt")])
        ch.ChannelSensitivityCorrectionFactor = "1"
        ch.ChannelBaseline = "0"
        ch.ChannelSampleSkew = "0"
        ch.WaveformBitsStored = 16
        chans.append(ch)
    w = Dataset()
    w.MultiplexGroupTimeOffset = "0"
    w.WaveformOriginality = "ORIGINAL"
    w.NumberOfWaveformChannels = len(LEADS)
    w.NumberOfWaveformSamples = nsamples
    w.SamplingFrequency = "500"
    w.MultiplexGroupLabel = "RHYTHM"
    w.ChannelDefinitionSequence = Sequence(chans)
    w.WaveformBitsAllocated = 16
    w.WaveformSampleInterpretation = "SS"
    data = bytearray()
    for s in range(nsamples):
        for c in range(len(LEADS)):
            data += bytes(((s + c) & 0x0F, 0))
    w.add(DataElement(0x54001010, "OW", bytes(data)))
    ds.WaveformSequence = Sequence([w])


def sample(outdir):
    """A fake study: CT (20 slices), MR (8 slices) and a report."""
    pid, pname = "FAKE-000123", "FAKEDOE^JANE"
    root = SAMPLE_UID_ROOT
    study = root + "1"
    ct_series, mr_series, sr_series = root + "2", root + "3", root + "4"
    ct_for, mr_for = root + "5", root + "6"

    def patient(ds, modality, series_uid, series_no, inst):
        ds.PatientName = pname
        ds.PatientID = pid
        ds.IssuerOfPatientID = "FAKE HOSPITAL MRN"
        ds.PatientBirthDate = "19700101"
        ds.PatientSex = "F"
        ds.PatientAge = "054Y"
        ds.PatientWeight = "61"
        ds.OtherPatientIDs = "FAKE-OTHER-9"
        ds.PatientAddress = "1 FAKE STREET^^FAKETOWN"
        ds.EthnicGroup = "FAKE"
        ds.StudyInstanceUID = study
        ds.StudyDate = "20240102"
        ds.StudyTime = "101500"
        ds.StudyID = "FAKESTUDY1"
        ds.AccessionNumber = "FAKEACC0001"
        ds.StudyDescription = "FAKE HEAD STUDY for FAKEDOE^JANE"
        ds.ReferringPhysicianName = "FAKE^REFERRING^DR"
        ds.InstitutionName = "FAKE GENERAL HOSPITAL"
        ds.InstitutionAddress = "2 FAKE AVENUE, FAKETOWN"
        ds.StationName = "FAKESTATION1"
        ds.Manufacturer = "FAKE MEDICAL SYSTEMS"
        ds.ManufacturerModelName = "FAKESCAN 3000"
        ds.DeviceSerialNumber = "FAKESN0001"
        ds.OperatorsName = "FAKE^OPERATOR"
        ds.Modality = modality
        ds.SeriesInstanceUID = series_uid
        ds.SeriesNumber = str(series_no)
        ds.SeriesDate = "20240102"
        ds.SeriesTime = "101600"
        ds.InstanceNumber = str(inst)
        ds.ContentDate = "20240102"
        ds.ContentTime = "101700"
        ds.add(DataElement(0x00290010, "LO", "FAKE VENDOR PRIVATE"))
        ds.add(DataElement(0x00291001, "LO", "FAKE private note on FAKEDOE^JANE"))

    def phantom(rows, cols, z, scale):
        data = bytearray()
        cy, cx = (rows - 1) / 2.0, (cols - 1) / 2.0
        r2 = (min(rows, cols) * 0.42) ** 2
        inner = r2 * (0.25 + 0.2 * abs(z - 10) / 10.0)
        for y in range(rows):
            for x in range(cols):
                d = (y - cy) ** 2 + (x - cx) ** 2
                v = 0 if d > r2 else (scale if d > inner else scale // 2)
                data += int(v).to_bytes(2, "little")
        return bytes(data)

    os.makedirs(os.path.join(outdir, "CT"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "MR"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "SR"), exist_ok=True)
    for i in range(20):
        sop = root + "10.%d" % (i + 1)
        ds = new_dataset(CT_CLASS, sop)
        ds.SOPInstanceUID = sop
        patient(ds, "CT", ct_series, 1, i + 1)
        ds.SeriesDescription = "FAKE HEAD 2.5mm"
        ds.ProtocolName = "FAKE HEAD ROUTINE"
        ds.FrameOfReferenceUID = ct_for
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.AcquisitionDate = "20240102"
        ds.AcquisitionTime = "101630.%06d" % (i * 1000)
        ds.KVP = "120"
        geometry(ds, 2.5 * i - 25.0, 3.5)
        ds.SliceLocation = "%.1f" % (2.5 * i - 25.0)
        ds.RescaleIntercept = "-1024"
        ds.RescaleSlope = "1"
        ds.WindowCenter = "40"
        ds.WindowWidth = "400"
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = ds.Columns = 64
        ds.BitsAllocated = 16
        ds.BitsStored = 12
        ds.HighBit = 11
        ds.PixelRepresentation = 0
        ds.PixelData = phantom(64, 64, i, 1064)
        save(ds, os.path.join(outdir, "CT", "CT%04d.dcm" % (i + 1)))
    for i in range(8):
        sop = root + "20.%d" % (i + 1)
        ds = new_dataset(MR_CLASS, sop)
        ds.SOPInstanceUID = sop
        patient(ds, "MR", mr_series, 2, i + 1)
        ds.SeriesDescription = "FAKE T1 AX"
        ds.ProtocolName = "FAKE T1"
        ds.FrameOfReferenceUID = mr_for
        ds.ImageType = ["ORIGINAL", "PRIMARY", "M"]
        ds.ScanningSequence = "SE"
        ds.SequenceVariant = "NONE"
        ds.MagneticFieldStrength = "1.5"
        ds.RepetitionTime = "500"
        ds.EchoTime = "15"
        geometry(ds, 5.0 * i - 20.0, 3.5)
        ds.SliceThickness = "5"
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = ds.Columns = 64
        ds.BitsAllocated = 16
        ds.BitsStored = 12
        ds.HighBit = 11
        ds.PixelRepresentation = 0
        ds.PixelData = phantom(64, 64, 2.5 * i + 1, 800)
        save(ds, os.path.join(outdir, "MR", "MR%04d.dcm" % (i + 1)))
    sop = root + "30.1"
    ds = new_dataset(SR_CLASS, sop)
    ds.SOPInstanceUID = sop
    patient(ds, "SR", sr_series, 3, 1)
    ds.SeriesDescription = "FAKE REPORT"
    sr_content(None, ds, canaries=False,
               text="FAKE report for FAKEDOE^JANE (FAKE-000123): no finding.")
    save(ds, os.path.join(outdir, "SR", "SR0001.dcm"))
    print("gen-dicom.py: 29 files of a fake study in %s" % outdir, file=sys.stderr)


def main(argv):
    if len(argv) != 3 or argv[1] not in ("canary", "sample"):
        print("usage: gen-dicom.py canary|sample outdir", file=sys.stderr)
        return 2
    if argv[1] == "canary":
        canary(argv[2])
    else:
        sample(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
