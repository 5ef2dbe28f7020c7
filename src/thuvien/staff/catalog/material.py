"""Templates by material type and the simple cataloguing form's mapping onto MARC21.

A template gives a new record its leader, 008 and the form fields that type needs (a thesis asks
for the dissertation note 502, a map for the scale 255 ...). The simple form edits only the
subfields it shows: saving keeps every other subfield and field of the record as it was, so a
record imported with 650 $x subdivisions or 880 fields loses nothing when a title is corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pymarc
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thuvien.catalog.marc.extract import LOCAL_TYPE_TAG
from thuvien.catalog.models import MaterialType
from thuvien.core.text import fold

# The catalogue tells a local-history record (tài liệu địa chí) by the local field 940 $a
# "Địa chí" (``catalog.marc.extract.material_type``); its leader is a book's.
LOCAL_HISTORY_MARK = "Địa chí"


@dataclass(frozen=True)
class FormFieldSpec:
    name: str
    label: object
    tag: str  # "26X" = the existing 260 or 264, else 264 _1
    code: str
    multi: bool = False  # one MARC field per line
    ind1: str = " "
    ind2: str = " "
    help_text: object = ""


COMMON: tuple[FormFieldSpec, ...] = (
    FormFieldSpec("title", _("Nhan đề chính"), "245", "a", ind1="0", ind2="0"),
    FormFieldSpec("subtitle", _("Thông tin bổ sung nhan đề"), "245", "b", ind1="0", ind2="0"),
    FormFieldSpec("responsibility", _("Thông tin trách nhiệm"), "245", "c", ind1="0", ind2="0"),
    FormFieldSpec("author", _("Tác giả chính (cá nhân)"), "100", "a", ind1="1"),
    FormFieldSpec("edition", _("Lần xuất bản"), "250", "a"),
    FormFieldSpec("place", _("Nơi xuất bản"), "26X", "a"),
    FormFieldSpec("publisher", _("Nhà xuất bản"), "26X", "b"),
    FormFieldSpec("year", _("Năm xuất bản"), "26X", "c"),
    FormFieldSpec("extent", _("Số trang, khối lượng"), "300", "a"),
    FormFieldSpec("dimensions", _("Khổ"), "300", "c"),
    FormFieldSpec("isbn", _("ISBN (mỗi dòng một số)"), "020", "a", multi=True),
    FormFieldSpec("language", _("Mã ngôn ngữ (vie, eng...)"), "041", "a", ind1="0"),
    FormFieldSpec("ddc", _("Chỉ số phân loại DDC"), "082", "a", ind1="0", ind2="4"),
    FormFieldSpec("subjects", _("Chủ đề (mỗi dòng một chủ đề)"), "650", "a", True, " ", "4"),
    FormFieldSpec(
        "added_authors", _("Tác giả bổ sung (mỗi dòng một người)"), "700", "a", True, "1"
    ),
    FormFieldSpec("series", _("Tùng thư (mỗi dòng một tùng thư)"), "490", "a", True, "0"),
    FormFieldSpec("notes", _("Phụ chú (mỗi dòng một phụ chú)"), "500", "a", True),
    FormFieldSpec(
        "urls", _("Địa chỉ điện tử (URL, mỗi dòng một địa chỉ)"), "856", "u", True, "4", "0"
    ),
)

EXTRA: dict[str, tuple[FormFieldSpec, ...]] = {
    MaterialType.SERIAL: (
        FormFieldSpec("issn", _("ISSN (mỗi dòng một số)"), "022", "a", multi=True),
        FormFieldSpec("frequency", _("Định kỳ xuất bản"), "310", "a"),
        FormFieldSpec("numbering", _("Thông tin số, tập"), "362", "a", ind1="0"),
    ),
    MaterialType.THESIS: (
        FormFieldSpec(
            "dissertation", _("Phụ chú luận văn, luận án (bậc, nơi bảo vệ, năm)"), "502", "a"
        ),
    ),
    MaterialType.MAP: (FormFieldSpec("scale", _("Tỷ lệ bản đồ"), "255", "a"),),
    MaterialType.SCORE: (
        FormFieldSpec("music_presentation", _("Hình thức trình bày âm nhạc"), "254", "a"),
    ),
    MaterialType.AUDIO: (
        FormFieldSpec("system", _("Yêu cầu hệ thống, thời lượng"), "538", "a", True),
    ),
    MaterialType.VIDEO: (
        FormFieldSpec("system", _("Yêu cầu hệ thống, thời lượng"), "538", "a", True),
    ),
    MaterialType.MANUSCRIPT: (
        FormFieldSpec("script", _("Ngôn ngữ, chữ viết (Hán, Nôm...)"), "546", "a"),
        FormFieldSpec("provenance", _("Nguồn gốc, xuất xứ"), "561", "a"),
    ),
    MaterialType.LOCAL_HISTORY: (
        FormFieldSpec("places", _("Địa danh (mỗi dòng một địa danh)"), "651", "a", True, " ", "4"),
    ),
    MaterialType.ELECTRONIC: (FormFieldSpec("system", _("Yêu cầu hệ thống"), "538", "a", True),),
}

# Leader positions 06-07 per type (record type, bibliographic level).
LEADER_TYPE: dict[str, str] = {
    MaterialType.BOOK: "am",
    MaterialType.SERIAL: "as",
    MaterialType.THESIS: "am",
    MaterialType.MAP: "em",
    MaterialType.SCORE: "cm",
    MaterialType.AUDIO: "jm",
    MaterialType.VIDEO: "gm",
    MaterialType.MANUSCRIPT: "tm",
    MaterialType.LOCAL_HISTORY: "am",
    MaterialType.ELECTRONIC: "mm",
    MaterialType.OTHER: "am",
}
TEMPLATE_CHOICES = [(k, label) for k, label in MaterialType.choices if k != MaterialType.OTHER]


def form_specs(material_type: str) -> tuple[FormFieldSpec, ...]:
    return COMMON + EXTRA.get(material_type, ())


def new_record(material_type: str) -> pymarc.Record:
    """A blank record of the type: leader, 008 (Việt Nam, tiếng Việt) and 040 $b vie."""
    kind = LEADER_TYPE.get(material_type, "am")
    rec = pymarc.Record(force_utf8=True)
    rec.leader = pymarc.Leader(f"00000n{kind} a2200000 a 4500")
    today = timezone.localdate()
    # dates unknown (008/06 "n") until the form gives a year: never this year by default
    f008 = f"{today:%y%m%d}nuuuu    vm " + " " * 17 + "vie d"
    rec.add_field(pymarc.Field(tag="008", data=f008))
    rec.add_field(
        pymarc.Field(
            tag="040",
            indicators=pymarc.Indicators(" ", " "),
            subfields=[pymarc.Subfield("b", "vie"), pymarc.Subfield("e", "AACR2")],
        )
    )
    return rec


def material_type_of(rec: pymarc.Record) -> str:
    """Guess the template from the leader, for records made elsewhere."""
    kind = str(rec.leader)[6:8]
    if _is_local_history(rec):
        return MaterialType.LOCAL_HISTORY
    if kind[1:] == "s":
        return MaterialType.SERIAL
    if rec.get("502") is not None:
        return MaterialType.THESIS
    for material, code in LEADER_TYPE.items():
        if code[0] == kind[:1] and material not in (MaterialType.THESIS, MaterialType.SERIAL):
            return material
    return MaterialType.BOOK


def _is_local_history(rec: pymarc.Record) -> bool:
    marks = [v for f in rec.get_fields(LOCAL_TYPE_TAG) for v in f.get_subfields("a")]
    return fold(LOCAL_HISTORY_MARK) in fold(" ".join(marks))


def _mark_local_history(rec: pymarc.Record) -> None:
    if not _is_local_history(rec):
        _insert_in_order(
            rec,
            pymarc.Field(
                tag=LOCAL_TYPE_TAG,
                indicators=pymarc.Indicators(" ", " "),
                subfields=[pymarc.Subfield("a", LOCAL_HISTORY_MARK)],
            ),
        )


def _pub_tag(rec: pymarc.Record) -> str:
    return "260" if rec.get("264") is None and rec.get("260") is not None else "264"


def initial_from_record(rec: pymarc.Record, material_type: str) -> dict[str, str]:
    initial: dict[str, str] = {}
    pub = _pub_tag(rec)
    for spec in form_specs(material_type):
        tag = pub if spec.tag == "26X" else spec.tag
        values = [v for f in rec.get_fields(tag) for v in f.get_subfields(spec.code)]
        if tag in _ISBD_TAGS:  # the form shows the words; saving writes the punctuation
            values = [_bare(v) for v in values]
        if spec.multi:
            initial[spec.name] = "\n".join(values)
        else:
            initial[spec.name] = values[0] if values else ""
    return initial


def _set_subfield(field: pymarc.Field, code: str, value: str) -> None:
    for i, sub in enumerate(field.subfields):
        if sub.code == code:
            field.subfields[i] = pymarc.Subfield(code, value)
            return
    # A new subfield goes after the ones that sort before it, so 245 $c stays last.
    pos = len(field.subfields)
    for i, sub in enumerate(field.subfields):
        if sub.code > code and sub.code.isalpha():
            pos = i
            break
    field.subfields.insert(pos, pymarc.Subfield(code, value))


def _insert_in_order(rec: pymarc.Record, field: pymarc.Field) -> None:
    rec.add_ordered_field(field)


_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2}|2100)(?!\d)")
F008_LENGTH = 40


def set_008_year(rec: pymarc.Record, year_text: str) -> None:
    """Put the publication year typed in the form (``264 $c``: "2024", "c2024", "[2024]")
    into 008/07-10 as a single date (008/06 ``s``), which is where the catalogue reads the
    year from. A 008 whose date 1 already says that year is left alone (its date type may be a
    copyright or a range date); text without a year changes nothing."""
    found = _YEAR.search(year_text or "")
    if found is None:
        return
    year = found.group(1)
    field = rec.get("008")
    if field is None:
        today = timezone.localdate()
        field = pymarc.Field(tag="008", data=f"{today:%y%m%d}s{year}    vm " + " " * 17 + "vie d")
        _insert_in_order(rec, field)
        return
    data = (field.data or "").ljust(F008_LENGTH)
    if data[7:11] == year:
        return
    field.data = data[:6] + "s" + year + "    " + data[15:]


def set_008_language(rec: pymarc.Record, code: str) -> None:
    """008/35-37 follows the language typed in the form (041 $a), so the record page and the
    search facets say the language the cataloguer chose. The code itself is checked by the
    catalogue's service (``marc.field_checks``)."""
    code = code.strip()
    field = rec.get("008")
    if field is None or not code:
        return
    data = (field.data or "").ljust(F008_LENGTH)
    if len(code) == 3:  # another length is refused in 041 by the check, with its message
        field.data = data[:35] + code + data[38:]


# ISBD punctuation that ends a subfield, by the subfield that follows it (AACR2/ISBD in MARC).
_ISBD_NEXT: dict[str, dict[str, str]] = {
    "245": {"b": " :", "c": " /", "n": ".", "p": "."},
    "260": {"a": " ;", "b": " :", "c": ","},
    "264": {"a": " ;", "b": " :", "c": ","},
    "300": {"b": " :", "c": " ;"},
}
_ISBD_TAGS = ("245", "250", "260", "264", "300")
_ISBD_END = {"245": ".", "250": ".", "260": ".", "264": "."}
_ISBD_TRAIL = re.compile(r"(?:\s*[:;/=,])+\s*$")
_FULL_STOP = re.compile(r"(?<=[^\s.]{3})\.\s*$")


def _bare(text: str) -> str:
    """``text`` without the ISBD punctuation that ends it (a full stop after an abbreviation
    such as "tr." or "Tp." stays)."""
    text = _ISBD_TRAIL.sub("", text.rstrip())
    return _FULL_STOP.sub("", text).rstrip()


def apply_isbd(rec: pymarc.Record) -> None:
    """Write or remove ISBD punctuation in 245, 250, 260/264 and 300 as leader/18 says.

    Leader/18 "a" (AACR2) or "i" (ISBD punctuation included): each subfield ends with the
    punctuation that introduces the next (" :" before $b, " /" before 245 $c, " ;" before
    300 $c ...) and the field with a full stop. Any other value (" " non-ISBD, "c" punctuation
    omitted): no such punctuation is stored; a display adds it."""
    isbd = str(rec.leader)[18:19] in ("a", "i")
    for tag in _ISBD_TAGS:
        for field in rec.get_fields(tag):
            subs = field.subfields
            for i, sub in enumerate(subs):
                if not sub.code.isalpha():
                    continue
                text = _bare(sub.value)
                if isbd and text:
                    following = next((s.code for s in subs[i + 1 :] if s.code.isalpha()), None)
                    if following is not None:
                        text += _ISBD_NEXT.get(tag, {}).get(following, "")
                    elif tag in _ISBD_END and not text.endswith((".", "?", "!")):
                        text += _ISBD_END[tag]
                subs[i] = pymarc.Subfield(sub.code, text)


def apply_form(rec: pymarc.Record, data: dict[str, str], material_type: str) -> pymarc.Record:
    """Write the form values into ``rec`` in place, keeping all the form does not show."""
    pub = _pub_tag(rec)
    for spec in form_specs(material_type):
        tag = pub if spec.tag == "26X" else spec.tag
        raw = (data.get(spec.name) or "").strip()
        if spec.multi:
            wanted = [line.strip() for line in raw.splitlines() if line.strip()]
            existing = rec.get_fields(tag)
            keep_values = set(wanted)
            for f in existing:
                # a field without the form's subfield (an invalid ISBN kept in 020 $z) is not
                # the form's to remove
                shown = f.get_subfields(spec.code)
                if shown and shown[0] not in keep_values:
                    rec.remove_field(f)
            have = {(f.get_subfields(spec.code) or [""])[0] for f in rec.get_fields(tag)}
            for value in wanted:
                if value not in have:
                    _insert_in_order(
                        rec,
                        pymarc.Field(
                            tag=tag,
                            indicators=pymarc.Indicators(spec.ind1, spec.ind2),
                            subfields=[pymarc.Subfield(spec.code, value)],
                        ),
                    )
                    have.add(value)
            continue
        field = rec.get(tag)
        if raw:
            if field is None:
                ind2 = "1" if tag == "264" else spec.ind2
                field = pymarc.Field(
                    tag=tag, indicators=pymarc.Indicators(spec.ind1, ind2), subfields=[]
                )
                _insert_in_order(rec, field)
            _set_subfield(field, spec.code, raw)
        elif field is not None:
            field.subfields = [s for s in field.subfields if s.code != spec.code]
            if not field.subfields:
                rec.remove_field(field)
    if material_type == MaterialType.LOCAL_HISTORY:
        _mark_local_history(rec)
    if "year" in data:
        set_008_year(rec, data.get("year") or "")
    if "language" in data:
        set_008_language(rec, data.get("language") or "")
    apply_isbd(rec)
    title = rec.get("245")
    if title is not None:
        has_main = any(rec.get(t) is not None for t in ("100", "110", "111", "130"))
        title.indicator1 = "1" if has_main else "0"
    kind = LEADER_TYPE.get(material_type)
    if kind:
        leader = str(rec.leader)
        rec.leader = pymarc.Leader(leader[:6] + kind + leader[8:])
    return rec
