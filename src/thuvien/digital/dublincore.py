"""Dublin Core for digital objects: the DCMI terms (TCVN 7980-2:2024 = ISO 15836-2:2019) with
Vietnamese and English labels, licences, and the crosswalks to and from MARC21.

MARC → DC reuses the catalogue's crosswalk after the Library of Congress "MARC to Dublin Core
Crosswalk" (``catalog.crosswalk.marc_to_dc``); DC → MARC follows the same table backwards (LoC's
"Dublin Core to MARC Crosswalk") and the record is made through the catalogue's services, which
check the MARC.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from .errors import DigitalError, DigitalErrorCode

# DCMI properties in the /terms/ namespace a staff form offers, in the order of ISO 15836-2,
# with (Vietnamese, English) labels. ``title`` lives in the object's own field.
DC_TERMS: dict[str, tuple[str, str]] = {
    "dcterms:alternative": ("Nhan đề khác", "Alternative title"),
    "dcterms:creator": ("Tác giả", "Creator"),
    "dcterms:contributor": ("Người đóng góp", "Contributor"),
    "dcterms:publisher": ("Nhà xuất bản", "Publisher"),
    "dcterms:date": ("Thời gian", "Date"),
    "dcterms:created": ("Ngày tạo", "Date created"),
    "dcterms:issued": ("Ngày phát hành", "Date issued"),
    "dcterms:subject": ("Chủ đề", "Subject"),
    "dcterms:description": ("Mô tả", "Description"),
    "dcterms:abstract": ("Tóm tắt", "Abstract"),
    "dcterms:tableOfContents": ("Mục lục", "Table of contents"),
    "dcterms:type": ("Loại hình", "Type"),
    "dcterms:format": ("Khổ, định dạng", "Format"),
    "dcterms:extent": ("Số trang, dung lượng", "Extent"),
    "dcterms:medium": ("Chất liệu", "Medium"),
    "dcterms:identifier": ("Định danh", "Identifier"),
    "dcterms:source": ("Nguồn", "Source"),
    "dcterms:language": ("Ngôn ngữ", "Language"),
    "dcterms:relation": ("Liên quan", "Relation"),
    "dcterms:isPartOf": ("Là một phần của", "Is part of"),
    "dcterms:spatial": ("Địa danh", "Place"),
    "dcterms:temporal": ("Thời kỳ", "Period"),
    "dcterms:coverage": ("Phạm vi", "Coverage"),
    "dcterms:rights": ("Bản quyền", "Rights"),
    "dcterms:rightsHolder": ("Chủ sở hữu quyền", "Rights holder"),
    "dcterms:provenance": ("Nguồn gốc", "Provenance"),
    "dcterms:audience": ("Đối tượng", "Audience"),
    "dcterms:bibliographicCitation": ("Trích dẫn", "Bibliographic citation"),
}

# Licences and rights statements an object may carry (canonical http URIs, as IIIF wants).
LICENCES: dict[str, tuple[str, str]] = {
    "http://creativecommons.org/publicdomain/mark/1.0/": ("Đánh dấu phạm vi công cộng",
                                                          "Public Domain Mark"),
    "http://creativecommons.org/publicdomain/zero/1.0/": ("CC0 (từ bỏ quyền)", "CC0"),
    "http://creativecommons.org/licenses/by/4.0/": ("CC BY 4.0", "CC BY 4.0"),
    "http://creativecommons.org/licenses/by-sa/4.0/": ("CC BY-SA 4.0", "CC BY-SA 4.0"),
    "http://creativecommons.org/licenses/by-nd/4.0/": ("CC BY-ND 4.0", "CC BY-ND 4.0"),
    "http://creativecommons.org/licenses/by-nc/4.0/": ("CC BY-NC 4.0", "CC BY-NC 4.0"),
    "http://creativecommons.org/licenses/by-nc-sa/4.0/": ("CC BY-NC-SA 4.0", "CC BY-NC-SA 4.0"),
    "http://creativecommons.org/licenses/by-nc-nd/4.0/": ("CC BY-NC-ND 4.0", "CC BY-NC-ND 4.0"),
    "http://rightsstatements.org/vocab/InC/1.0/": ("Còn bản quyền", "In Copyright"),
    "http://rightsstatements.org/vocab/InC-EDU/1.0/": (
        "Còn bản quyền – được dùng cho giáo dục", "In Copyright – Educational Use Permitted"),
    "http://rightsstatements.org/vocab/InC-NC/1.0/": (
        "Còn bản quyền – được dùng phi thương mại", "In Copyright – Non-Commercial Use Permitted"),
    "http://rightsstatements.org/vocab/InC-OW-EU/1.0/": ("Tác phẩm mồ côi", "Orphan Work"),
    "http://rightsstatements.org/vocab/NoC-NC/1.0/": (
        "Hết bản quyền – chỉ dùng phi thương mại", "No Copyright – Non-Commercial Use Only"),
    "http://rightsstatements.org/vocab/NoC-OKLR/1.0/": (
        "Hết bản quyền – có hạn chế khác", "No Copyright – Other Known Legal Restrictions"),
    "http://rightsstatements.org/vocab/CNE/1.0/": ("Chưa đánh giá bản quyền",
                                                   "Copyright Not Evaluated"),
    "http://rightsstatements.org/vocab/UND/1.0/": ("Chưa xác định bản quyền",
                                                   "Copyright Undetermined"),
}

MAX_VALUES = 50
MAX_VALUE_LENGTH = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def field_name(term: str) -> str:
    """The form field of a term: ``dcterms:creator`` → ``dcterms_creator``."""
    return term.replace(":", "_")


def _clean_value(value: str) -> str:
    return _CONTROL.sub("", unicodedata.normalize("NFC", value or "")).strip()


def dc_clean(dc: dict[str, Any]) -> dict[str, list[str]]:
    """Known terms only, NFC, no control characters, no empty or repeated values."""
    out: dict[str, list[str]] = {}
    for term, values in (dc or {}).items():
        if term not in DC_TERMS:
            raise DigitalError(DigitalErrorCode.METADATA_INVALID,
                               _("Thuộc tính Dublin Core không hợp lệ: %(t)s") % {"t": term})
        items = [values] if isinstance(values, str) else list(values or [])
        cleaned = list(dict.fromkeys(v for v in (_clean_value(str(i)) for i in items) if v))
        if len(cleaned) > MAX_VALUES or any(len(v) > MAX_VALUE_LENGTH for v in cleaned):
            raise DigitalError(DigitalErrorCode.METADATA_INVALID,
                               _("Trường “%(l)s” quá dài.") % {"l": DC_TERMS[term][0]})
        if cleaned:
            out[term] = cleaned
    return out


def licence_clean(value: str) -> str:
    """A licence URI from the list (https or http spelling; stored as the canonical http)."""
    value = (value or "").strip()
    if not value:
        return ""
    canonical = re.sub(r"^https://", "http://", value)
    if not canonical.endswith("/"):
        canonical += "/"
    if canonical not in LICENCES:
        raise DigitalError(DigitalErrorCode.METADATA_INVALID,
                           _("Giấy phép phải là một giấy phép Creative Commons hoặc một tuyên bố "
                             "của rightsstatements.org trong danh sách."))
    return canonical


def licence_label(uri: str, language: str = "vi") -> str:
    labels = LICENCES.get(uri)
    if not labels:
        return uri
    return labels[0] if language == "vi" else labels[1]


# --- MARC21 → DC -----------------------------------------------------------------------------

_ELEMENT_TO_TERM = {
    "creator": "dcterms:creator", "contributor": "dcterms:contributor",
    "subject": "dcterms:subject", "description": "dcterms:description",
    "publisher": "dcterms:publisher", "date": "dcterms:date", "type": "dcterms:type",
    "format": "dcterms:format", "identifier": "dcterms:identifier", "source": "dcterms:source",
    "language": "dcterms:language", "relation": "dcterms:relation",
    "coverage": "dcterms:spatial", "rights": "dcterms:rights",
}  # fmt: skip


def marc_to_dcterms(marc: dict[str, Any]) -> tuple[str, dict[str, list[str]]]:
    """(title, DC terms) of a MARC record, after LoC's MARC-to-DC crosswalk."""
    from thuvien.catalog.crosswalk import marc_to_dc

    dc = marc_to_dc(marc)
    title = (dc.get("title") or [""])[0]
    terms: dict[str, list[str]] = {}
    for element, values in dc.items():
        term = _ELEMENT_TO_TERM.get(element)
        if term:
            terms.setdefault(term, []).extend(values)
    return title, dc_clean(terms)


def dc_prefill(*, current: dict[str, list[str]], marc: dict[str, Any]) -> dict[str, list[str]]:
    """The object's DC with the record's values filled in where the object has none."""
    _title, from_marc = marc_to_dcterms(marc)
    merged = dict(current or {})
    for term, values in from_marc.items():
        if not merged.get(term):
            merged[term] = values
    return merged


# --- DC → MARC21 -----------------------------------------------------------------------------

# DC term -> (tag, ind1, ind2, subfield): LoC's DC-to-MARC crosswalk (the first creator goes to
# 720 there; a catalogue prefers 100 for the main entry, as the MARC-to-DC table reads it back).
_TERM_TO_MARC: dict[str, tuple[str, str, str, str]] = {
    "dcterms:contributor": ("720", " ", " ", "a"),
    "dcterms:subject": ("653", " ", " ", "a"),
    "dcterms:description": ("520", " ", " ", "a"),
    "dcterms:abstract": ("520", "3", " ", "a"),
    "dcterms:tableOfContents": ("505", "0", " ", "a"),
    "dcterms:type": ("655", " ", "7", "a"),
    "dcterms:format": ("340", " ", " ", "a"),
    "dcterms:extent": ("300", " ", " ", "a"),
    "dcterms:identifier": ("024", "8", " ", "a"),
    "dcterms:source": ("786", "0", " ", "n"),
    "dcterms:relation": ("787", "0", " ", "n"),
    "dcterms:isPartOf": ("773", "0", " ", "t"),
    "dcterms:spatial": ("651", " ", "4", "a"),
    "dcterms:temporal": ("648", " ", "4", "a"),
    "dcterms:coverage": ("500", " ", " ", "a"),
    "dcterms:rights": ("540", " ", " ", "a"),
    "dcterms:rightsHolder": ("542", " ", " ", "d"),
    "dcterms:provenance": ("561", " ", " ", "a"),
    "dcterms:audience": ("521", " ", " ", "a"),
    "dcterms:alternative": ("246", "3", "3", "a"),
}
_LANG = re.compile(r"^[a-z]{3}$")


def _df(tag: str, ind1: str, ind2: str, code: str, value: str) -> dict[str, Any]:
    return {tag: {"ind1": ind1, "ind2": ind2, "subfields": [{code: value}]}}


def dc_to_marc(*, title: str, dc: dict[str, list[str]], language: str = "vie",
               object_type: str = "book", url: str = "") -> dict[str, Any]:
    """A MARC-in-JSON record for an object that has none: 245 from the title, the creators
    in 100/700, publisher and date in 264 _1, the rest after LoC's DC-to-MARC table; 856 links
    to the object. The catalogue's services validate it when it is saved."""
    leader_type = {"audio": "i", "video": "g", "map": "e", "photos": "k",
                   "manuscript": "t"}.get(object_type, "a")
    dates = dc.get("dcterms:date") or dc.get("dcterms:issued") or dc.get("dcterms:created") or []
    year = next((m.group(0) for d in dates for m in [re.search(r"\d{4}", d)] if m), "")
    lang = language if _LANG.match(language or "") else "vie"
    today = datetime.date.today().strftime("%y%m%d")
    f008 = f"{today}{'s' if year else 'n'}{(year or '    ')[:4]}    vm            000 0 {lang} d"
    fields: list[dict[str, Any]] = [{"008": f008[:40].ljust(40)}]
    creators = dc.get("dcterms:creator") or []
    if creators:
        fields.append(_df("100", "1", " ", "a", creators[0]))
    fields.append({"245": {"ind1": "1" if creators else "0", "ind2": "0",
                           "subfields": [{"a": title}]}})
    publisher = (dc.get("dcterms:publisher") or [""])[0]
    if publisher or dates:
        subs: list[dict[str, str]] = []
        if publisher:
            subs.append({"b": publisher})
        if dates:
            subs.append({"c": dates[0]})
        fields.append({"264": {"ind1": " ", "ind2": "1", "subfields": subs}})
    for term, values in dc.items():
        if term not in _TERM_TO_MARC:
            continue
        tag, ind1, ind2, code = _TERM_TO_MARC[term]
        fields.extend(_df(tag, ind1, ind2, code, v) for v in values)
    fields.extend(_df("700", "1", " ", "a", c) for c in creators[1:])
    if url:
        fields.append({"856": {"ind1": "4", "ind2": "0",
                               "subfields": [{"u": url}, {"y": "Xem bản số"}]}})
    fields.sort(key=lambda f: next(iter(f)))
    return {"leader": f"00000n{leader_type}m a2200000 i 4500", "fields": fields}
