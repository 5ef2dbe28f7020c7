"""The display form of a record: labelled, ISBD-like lines in Vietnamese or English.

``display_lines(marc)`` gives ``DisplayLine(key, label, values)`` for the record page and the
editor's preview; ``isbd_text(marc)`` gives the ISBD paragraph (title / responsibility. -
edition. - place : publisher, date. - extent ; size. - (series)) for lists and citations.
Labels are Vietnamese message ids translated to English by the catalog's locale.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .marc.extract import extract
from .marc.mij import MarcDict
from .models import MaterialType
from .titles import shown_title

LABELS = {
    "title": _("Nhan đề"),
    "responsibility": _("Trách nhiệm"),
    "authors": _("Tác giả"),
    "edition": _("Lần xuất bản"),
    "publication": _("Xuất bản"),
    "physical": _("Mô tả vật lý"),
    "series": _("Tùng thư"),
    "notes": _("Phụ chú"),
    "subjects": _("Chủ đề"),
    "ddc": _("Phân loại DDC"),
    "isbn": _("ISBN"),
    "issn": _("ISSN"),
    "language": _("Ngôn ngữ"),
    "material_type": _("Loại tài liệu"),
    "links": _("Tài liệu điện tử"),
    "control_number": _("Số kiểm soát"),
}

LANGUAGES = {
    "vie": _("Tiếng Việt"),
    "eng": _("Tiếng Anh"),
    "fre": _("Tiếng Pháp"),
    "chi": _("Tiếng Trung"),
    "rus": _("Tiếng Nga"),
    "ger": _("Tiếng Đức"),
    "jpn": _("Tiếng Nhật"),
    "kor": _("Tiếng Hàn"),
}


@dataclass(slots=True)
class DisplayLine:
    key: str
    label: str
    values: list[str]


def display_lines(marc: MarcDict, *, language: str | None = None) -> list[DisplayLine]:
    """Labelled lines of the record, in display order, in ``language`` (default: active)."""
    with translation.override(language or translation.get_language() or "vi"):
        v = extract(marc).values
        pub = " : ".join(p for p in (v["place"], v["publisher"]) if p)
        if v["year"]:
            pub = f"{pub}, {v['year']}" if pub else str(v["year"])
        lang = str(LANGUAGES.get(v["language"], v["language"]))
        candidates = [
            ("title", [v["title"]]),
            ("responsibility", [v["responsibility"]]),
            ("authors", v["authors"]),
            ("edition", [v["edition"]]),
            ("publication", [pub]),
            ("physical", [v["physical_description"]]),
            ("series", v["series"]),
            ("notes", v["notes"]),
            ("subjects", v["subjects"]),
            ("ddc", [v["ddc"]]),
            ("isbn", v["isbns"]),
            ("issn", v["issns"]),
            ("language", [lang]),
            ("material_type", [str(MaterialType(v["material_type"]).label)]),
            ("links", [link["url"] for link in v["links"]]),
            ("control_number", [v["control_number"]]),
        ]
        return [
            DisplayLine(key, str(LABELS[key]), [x for x in values if x])
            for key, values in candidates
            if any(values)
        ]


def isbd_text(marc: MarcDict) -> str:
    """One ISBD-style paragraph (areas separated by ". - ")."""
    v = extract(marc).values
    areas = [shown_title(v["title"]) + (f" / {v['responsibility']}" if v["responsibility"] else "")]
    if v["edition"]:
        areas.append(v["edition"])
    pub = " : ".join(p for p in (v["place"], v["publisher"]) if p)
    if v["year"]:
        pub = f"{pub}, {v['year']}" if pub else str(v["year"])
    if pub:
        areas.append(pub)
    if v["physical_description"]:
        areas.append(v["physical_description"])
    if v["series"]:
        areas.append(f"({v['series'][0]})")
    text = ". - ".join(a.rstrip(".") for a in areas if a)
    if v["isbns"]:
        text += f". - ISBN {v['isbns'][0]}"
    return text
