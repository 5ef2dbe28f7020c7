"""MARC21 bibliographic rules the cataloguing editor checks before anything is saved.

The editor works on a plain structure (``EditorRecord``: a leader and a list of fields) so that a
half-typed record with a wrong tag or a missing subfield can still be shown back to the
cataloguer with every mistake marked. ``validate_record`` returns all problems at once, each with
a Vietnamese message naming the field and subfield, and the position of the field in the record
so the form can put the message next to the row. Nothing is saved while a problem remains.

The rules cover what cataloguers in Vietnamese public libraries actually key (MARC21 Format for
Bibliographic Data, with the common fields in full); a tag the format defines but this table
does not detail is accepted with its repeatability only, and local tags (09X, 59X, 69X, 9XX) pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymarc
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ANY_DIGIT = "0123456789"
BLANK = " "


@dataclass
class FieldRule:
    """Repeatability, allowed indicators and subfield rules of one tag."""

    repeatable: bool = True
    ind1: str | None = None  # allowed characters; None = not checked
    ind2: str | None = None
    required: tuple[str, ...] = ()  # subfield codes that must appear
    non_repeatable_subfields: str = ""
    one_of: tuple[str, ...] = ()  # at least one of these subfield codes


R, NR = True, False
NAME_IND1 = "013"
ORG_IND1 = "012"
SUBJ_IND2 = "01234567"
ADDED_IND2 = " 2"

RULES: dict[str, FieldRule] = {
    "010": FieldRule(NR, " ", " "),
    "016": FieldRule(R, " 7", " "),
    "020": FieldRule(R, " ", " ", non_repeatable_subfields="a", one_of=("a", "z")),
    "022": FieldRule(R, " 01", " ", non_repeatable_subfields="a", one_of=("a", "y", "z")),
    "024": FieldRule(R, "0123478", " 01"),
    "035": FieldRule(R, " ", " ", non_repeatable_subfields="a"),
    "040": FieldRule(NR, " ", " ", non_repeatable_subfields="abc"),
    "041": FieldRule(R, " 01", " 7"),
    "044": FieldRule(NR, " ", " "),
    "050": FieldRule(R, " 01", "04"),
    "080": FieldRule(R, " 01", " "),
    "082": FieldRule(R, "017", " 04", required=("a",)),
    "084": FieldRule(R, " ", " ", required=("a",)),
    "100": FieldRule(NR, NAME_IND1, " ", required=("a",), non_repeatable_subfields="ad"),
    "110": FieldRule(NR, ORG_IND1, " ", required=("a",), non_repeatable_subfields="a"),
    "111": FieldRule(NR, ORG_IND1, " ", required=("a",), non_repeatable_subfields="a"),
    "130": FieldRule(NR, ANY_DIGIT, " ", required=("a",)),
    "240": FieldRule(NR, "01", ANY_DIGIT, required=("a",)),
    "242": FieldRule(R, "01", ANY_DIGIT, required=("a",)),
    "245": FieldRule(NR, "01", ANY_DIGIT, required=("a",), non_repeatable_subfields="abcfgh"),
    "246": FieldRule(R, "0123", " 012345678", required=("a",), non_repeatable_subfields="a"),
    "250": FieldRule(R, " ", " ", required=("a",), non_repeatable_subfields="ab"),
    "260": FieldRule(R, " 23", " "),
    "264": FieldRule(R, " 23", "01234"),
    "300": FieldRule(R, " ", " ", required=("a",)),
    "336": FieldRule(R, " ", " "),
    "337": FieldRule(R, " ", " "),
    "338": FieldRule(R, " ", " "),
    "362": FieldRule(R, "01", " ", required=("a",)),
    "490": FieldRule(R, "01", " ", required=("a",)),
    "500": FieldRule(R, " ", " ", required=("a",), non_repeatable_subfields="a"),
    "502": FieldRule(R, " ", " "),
    "504": FieldRule(R, " ", " "),
    "505": FieldRule(R, "0128", " 0"),
    "520": FieldRule(R, " 0123478", " ", required=("a",)),
    "521": FieldRule(R, " 012348", " "),
    "530": FieldRule(R, " ", " "),
    "533": FieldRule(R, " ", " "),
    "534": FieldRule(R, " ", " "),
    "538": FieldRule(R, " ", " "),
    "541": FieldRule(R, " 01", " "),
    "546": FieldRule(R, " ", " "),
    "561": FieldRule(R, " 01", " "),
    "600": FieldRule(R, NAME_IND1, SUBJ_IND2, required=("a",)),
    "610": FieldRule(R, ORG_IND1, SUBJ_IND2, required=("a",)),
    "611": FieldRule(R, ORG_IND1, SUBJ_IND2, required=("a",)),
    "630": FieldRule(R, ANY_DIGIT, SUBJ_IND2, required=("a",)),
    "648": FieldRule(R, " ", SUBJ_IND2, required=("a",)),
    "650": FieldRule(R, " 012", SUBJ_IND2, required=("a",), non_repeatable_subfields="a"),
    "651": FieldRule(R, " ", SUBJ_IND2, required=("a",), non_repeatable_subfields="a"),
    "653": FieldRule(R, " 012", " 0123456", required=("a",)),
    "655": FieldRule(R, " 0", SUBJ_IND2, required=("a",)),
    "700": FieldRule(R, NAME_IND1, ADDED_IND2, required=("a",), non_repeatable_subfields="a"),
    "710": FieldRule(R, ORG_IND1, ADDED_IND2, required=("a",)),
    "711": FieldRule(R, ORG_IND1, ADDED_IND2, required=("a",)),
    "720": FieldRule(R, " 12", " ", required=("a",)),
    "730": FieldRule(R, ANY_DIGIT, ADDED_IND2, required=("a",)),
    "740": FieldRule(R, ANY_DIGIT, ADDED_IND2, required=("a",)),
    "773": FieldRule(R, "01", " 8"),
    "776": FieldRule(R, "01", " 8"),
    "800": FieldRule(R, NAME_IND1, " ", required=("a",)),
    "810": FieldRule(R, ORG_IND1, " ", required=("a",)),
    "811": FieldRule(R, ORG_IND1, " ", required=("a",)),
    "830": FieldRule(R, " ", ANY_DIGIT, required=("a",)),
    "852": FieldRule(R, " 012345678", " 012"),
    "856": FieldRule(R, " 012347", " 01278", one_of=("u", "a", "d", "f")),
    "880": FieldRule(R, None, None, required=("6",)),
}

# Non-repeatable tags the table above does not detail, and every other tag MARC21 bibliographic
# defines (so that a typo such as "254" vs "245" is still caught by "unknown tag").
_NR_EXTRA = {
    "001",
    "003",
    "005",
    "008",
    "018",
    "036",
    "038",
    "042",
    "043",
    "045",
    "066",
    "243",
    "254",
    "256",
    "263",
    "357",
    "384",
}
_DEFINED = (
    "001 003 005 006 007 008 010 013 015 016 017 018 020 022 024 025 026 027 028 030 031 032 033"
    " 034 035 036 037 038 040 041 042 043 044 045 046 047 048 050 051 052 055 060 061 066 070 071"
    " 072 074 080 082 083 084 085 086 088 100 110 111 130 210 222 240 242 243 245 246 247 250 251"
    " 254 255 256 257 258 260 261 262 263 264 270 300 306 307 310 321 334 335 336 337 338 340 341"
    " 342 343 344 345 346 347 348 351 352 353 355 357 361 362 363 365 366 370 377 380 381 382 383"
    " 384 385 386 387 388 490 500 501 502 504 505 506 507 508 510 511 513 514 515 516 518 520 521"
    " 522 524 525 526 530 532 533 534 535 536 538 540 541 542 544 545 546 547 550 552 555 556 561"
    " 562 563 565 567 580 581 583 584 585 586 588 600 610 611 630 647 648 650 651 653 654 655 656"
    " 657 658 662 688 700 710 711 720 730 740 751 752 753 754 758 760 762 765 767 770 772 773 774"
    " 775 776 777 780 785 786 787 788 800 810 811 830 841 842 843 844 845 850 852 853 854 855 856"
    " 863 864 865 866 867 868 876 877 878 880 881 882 883 884 885 886 887"
).split()
# Obsolete MARC21 tags (440 series statement, 012) and tags agencies define for their own
# exchange (OCLC 019/029/049/938, LC 023/249/859) arrive in every copied record: accepted as is.
_LEGACY_OR_AGENCY = "012 019 023 029 039 049 249 440 859 938"
DEFINED_TAGS = frozenset(_DEFINED) | frozenset(_LEGACY_OR_AGENCY.split())
MAIN_ENTRY_TAGS = ("100", "110", "111", "130")

_LEADER_POSITIONS: tuple[tuple[int, str, str], ...] = (
    (5, "acdnp", gettext_noop("trạng thái biểu ghi")),
    (6, "acdefgijkmoprt", gettext_noop("loại biểu ghi")),
    (7, "abcdims", gettext_noop("cấp thư mục")),
    (8, " a", gettext_noop("kiểu kiểm soát")),
    (9, " a", gettext_noop("bộ mã ký tự")),
    (10, "2", gettext_noop("số chỉ thị")),
    (11, "2", gettext_noop("độ dài mã trường con")),
    (17, " 12345678uzIKLM", gettext_noop("cấp mã hóa")),
    (18, " acinu", gettext_noop("hình thức mô tả")),
    (19, " abc", gettext_noop("biểu ghi nhiều phần")),
)
_TAG_RE = re.compile(r"^[0-9]{3}$")
_CODE_RE = re.compile(r"^[a-z0-9]$")


@dataclass
class EditorField:
    """One row of the editor: a control field (``value``) or a data field (subfields)."""

    tag: str
    ind1: str = " "
    ind2: str = " "
    subfields: list[tuple[str, str]] = field(default_factory=list)
    value: str | None = None

    @property
    def is_control(self) -> bool:
        return self.tag < "010" and self.tag.isdigit()


@dataclass
class EditorRecord:
    leader: str
    fields: list[EditorField] = field(default_factory=list)


@dataclass(frozen=True)
class MarcProblem:
    """One broken rule; ``position`` is the 1-based row of the field (0 = leader/record)."""

    message: str
    tag: str = ""
    subfield: str = ""
    position: int = 0


def _is_known_tag(tag: str) -> bool:
    """MARC21 defines it, or it is a local tag (09X, 59X, 69X, 7X9-style X9X, 9XX)."""
    return tag in DEFINED_TAGS or tag[0] == "9" or tag[1] == "9"


def _show(ch: str) -> str:
    return "#" if ch == " " else ch


def _allowed(chars: str) -> str:
    return ", ".join(_show(c) for c in chars)


def validate_leader(leader: str) -> list[MarcProblem]:
    if len(leader) != 24:
        return [
            MarcProblem(
                _("Đầu biểu (leader) phải dài đúng 24 ký tự (hiện có %(n)d).") % {"n": len(leader)}
            )
        ]
    problems: list[MarcProblem] = []
    for pos, allowed, label in _LEADER_POSITIONS:
        if leader[pos] not in allowed:
            problems.append(
                MarcProblem(
                    _(
                        "Đầu biểu, vị trí %(pos)02d (%(label)s): giá trị '%(value)s' không hợp lệ "
                        "(cho phép: %(allowed)s)."
                    )
                    % {
                        "pos": pos,
                        "label": _(label),
                        "value": _show(leader[pos]),
                        "allowed": _allowed(allowed),
                    }
                )
            )
    if leader[20:24] != "4500":
        problems.append(MarcProblem(_("Đầu biểu, vị trí 20-23 phải là '4500'.")))
    for start, end in ((0, 5), (12, 17)):
        chunk = leader[start:end]
        if chunk.strip() and not chunk.isdigit():
            problems.append(
                MarcProblem(
                    _("Đầu biểu, vị trí %(a)02d-%(b)02d phải là chữ số.")
                    % {"a": start, "b": end - 1}
                )
            )
    return problems


def _validate_field(f: EditorField, pos: int) -> list[MarcProblem]:
    tag = f.tag
    out: list[MarcProblem] = []

    def add(msg: str, sub: str = "") -> None:
        out.append(MarcProblem(msg, tag=tag, subfield=sub, position=pos))

    if not _TAG_RE.match(tag):
        add(
            _("Dòng %(pos)d: nhãn trường '%(tag)s' không hợp lệ (phải gồm 3 chữ số).")
            % {"pos": pos, "tag": tag}
        )
        return out
    if not _is_known_tag(tag):
        add(_("Trường %(tag)s: nhãn trường không có trong khổ mẫu MARC21 thư mục.") % {"tag": tag})
        return out
    if f.is_control:
        if f.value is None or not f.value.strip():
            add(_("Trường %(tag)s: trường kiểm soát không được để trống.") % {"tag": tag})
        elif tag == "008" and len(f.value) != 40:
            add(_("Trường 008: phải dài đúng 40 ký tự (hiện có %(n)d).") % {"n": len(f.value)})
        return out
    rule = RULES.get(tag)
    for which, ind, allowed in (
        (1, f.ind1, rule.ind1 if rule else None),
        (2, f.ind2, rule.ind2 if rule else None),
    ):
        if len(ind) != 1:
            add(
                _("Trường %(tag)s: chỉ thị %(n)d phải là đúng một ký tự.")
                % {"tag": tag, "n": which}
            )
        elif allowed is not None and ind not in allowed:
            add(
                _("Trường %(tag)s: chỉ thị %(n)d '%(value)s' không hợp lệ (cho phép: %(allowed)s).")
                % {"tag": tag, "n": which, "value": _show(ind), "allowed": _allowed(allowed)}
            )
    if not f.subfields:
        add(_("Trường %(tag)s: trường dữ liệu phải có ít nhất một trường con.") % {"tag": tag})
        return out
    seen: dict[str, int] = {}
    for code, value in f.subfields:
        if not code:
            add(
                _("Trường %(tag)s: thiếu mã trường con (a-z hoặc 0-9) trước giá trị “%(value)s”.")
                % {"tag": tag, "value": (value or "")[:40]},
                code,
            )
        elif not _CODE_RE.match(code):
            add(
                _("Trường %(tag)s: mã trường con '%(code)s' không hợp lệ (a-z hoặc 0-9).")
                % {"tag": tag, "code": code},
                code,
            )
            continue
        if not (value or "").strip():
            add(
                _("Trường %(tag)s $%(code)s: trường con không được để trống.")
                % {"tag": tag, "code": code},
                code,
            )
        seen[code] = seen.get(code, 0) + 1
    if rule is None:
        return out
    for code in rule.required:
        if code not in seen:
            add(
                _("Trường %(tag)s $%(code)s: trường con bắt buộc bị thiếu.")
                % {"tag": tag, "code": code},
                code,
            )
    if rule.one_of and not any(c in seen for c in rule.one_of):
        add(
            _("Trường %(tag)s: cần ít nhất một trong các trường con %(codes)s.")
            % {"tag": tag, "codes": ", ".join(f"${c}" for c in rule.one_of)},
            rule.one_of[0],
        )
    for code in rule.non_repeatable_subfields:
        if seen.get(code, 0) > 1:
            add(
                _("Trường %(tag)s $%(code)s: trường con không lặp lại nhưng xuất hiện %(n)d lần.")
                % {"tag": tag, "code": code, "n": seen[code]},
                code,
            )
    return out


def validate_record(record: EditorRecord) -> list[MarcProblem]:
    """Every problem of ``record`` against the MARC21 bibliographic rules; [] when it is valid."""
    problems = validate_leader(record.leader)
    counts: dict[str, list[int]] = {}
    for pos, f in enumerate(record.fields, start=1):
        problems.extend(_validate_field(f, pos))
        counts.setdefault(f.tag, []).append(pos)
    for tag, positions in counts.items():
        rule = RULES.get(tag)
        non_repeatable = (rule is not None and not rule.repeatable) or tag in _NR_EXTRA
        if non_repeatable and len(positions) > 1:
            problems.append(
                MarcProblem(
                    _("Trường %(tag)s không lặp lại nhưng xuất hiện %(n)d lần.")
                    % {"tag": tag, "n": len(positions)},
                    tag=tag,
                    position=positions[1],
                )
            )
    mains = [t for t in MAIN_ENTRY_TAGS if t in counts]
    if len(mains) > 1:
        problems.append(
            MarcProblem(
                _("Chỉ được có một trường tiêu đề chính 1XX (đang có: %(tags)s).")
                % {"tags": ", ".join(mains)},
                tag=mains[1],
                position=counts[mains[1]][0],
            )
        )
    if "245" not in counts:
        problems.append(
            MarcProblem(
                _("Thiếu trường 245 (nhan đề), trường này là bắt buộc."), tag="245", subfield="a"
            )
        )
    return problems


# --- conversions between the editor structure and pymarc ---------------------------------


def editor_from_pymarc(record: pymarc.Record) -> EditorRecord:
    fields: list[EditorField] = []
    for f in record.fields:
        if f.is_control_field():
            fields.append(EditorField(tag=f.tag, value=f.data))
        else:
            fields.append(
                EditorField(
                    tag=f.tag,
                    ind1=(f.indicator1 or " ")[:1] or " ",
                    ind2=(f.indicator2 or " ")[:1] or " ",
                    subfields=[(s.code, s.value) for s in f.subfields],
                )
            )
    return EditorRecord(leader=str(record.leader), fields=fields)


def editor_to_pymarc(record: EditorRecord) -> pymarc.Record:
    """A pymarc record; call only after ``validate_record`` returned no problem."""
    rec = pymarc.Record(force_utf8=True)
    rec.leader = pymarc.Leader(record.leader)
    for f in record.fields:
        if f.is_control:
            rec.add_field(pymarc.Field(tag=f.tag, data=f.value or ""))
        else:
            rec.add_field(
                pymarc.Field(
                    tag=f.tag,
                    indicators=pymarc.Indicators(f.ind1, f.ind2),
                    subfields=[pymarc.Subfield(code=c, value=v) for c, v in f.subfields],
                )
            )
    return rec


def editor_to_mij(record: EditorRecord) -> dict:
    """MARC-in-JSON of the editor structure, without pymarc's own checks: the record services
    take it and return every problem (``catalog.marc_rules``) of a record still being typed."""
    fields: list[dict] = []
    for f in record.fields:
        if f.is_control:
            fields.append({f.tag: f.value or ""})
        else:
            fields.append(
                {
                    f.tag: {
                        "ind1": f.ind1,
                        "ind2": f.ind2,
                        "subfields": [{c: v} for c, v in f.subfields],
                    }
                }
            )
    return {"leader": record.leader, "fields": fields}


def validate_pymarc(record: pymarc.Record) -> list[MarcProblem]:
    return validate_record(editor_from_pymarc(record))


def editor_from_mij(marc: dict) -> EditorRecord:
    """The editor structure of a MARC-in-JSON dict, without pymarc's own checks (a leader of the
    wrong length must come back as a problem to show, not as an exception)."""
    if not isinstance(marc, dict) or not isinstance(marc.get("fields"), list):
        raise ValueError("not MARC-in-JSON")
    fields: list[EditorField] = []
    for entry in marc["fields"]:
        if not isinstance(entry, dict):
            raise ValueError("field is not an object")
        for tag, value in entry.items():
            if isinstance(value, str):
                fields.append(EditorField(tag=str(tag), value=value))
            elif isinstance(value, dict):
                subs = [
                    (str(code), str(text))
                    for sub in value.get("subfields") or []
                    if isinstance(sub, dict)
                    for code, text in sub.items()
                ]
                fields.append(
                    EditorField(
                        tag=str(tag),
                        ind1=str(value.get("ind1") or " "),
                        ind2=str(value.get("ind2") or " "),
                        subfields=subs,
                    )
                )
            else:
                raise ValueError("field value is neither text nor an object")
    return EditorRecord(leader=str(marc.get("leader") or ""), fields=fields)
