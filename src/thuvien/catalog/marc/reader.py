"""Streaming readers for ISO 2709 (MARC-8 and UTF-8), MARCXML and MARC-in-JSON.

Each reader yields ``ReadItem(position, marc, error)``: ``position`` counts records from 1 in
the file, ``marc`` is a MARC-in-JSON dict in NFC (None when the record could not be read) and
``error`` says why in Vietnamese. A broken record never stops the file: the ISO 2709 reader
resynchronises on the record terminator, the XML reader reports the position where the XML
itself breaks (after which nothing more can be read).

The ISO 2709 reader is our own: it splits on the record terminator, walks the directory and
builds the MARC-in-JSON dict straight from the bytes, which is several times faster than
building pymarc objects and lets the importer keep memory flat on a million-record file.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as safe_iterparse
from django.utils.translation import gettext
from pymarc.marc8 import MARC8ToUnicode

from .mij import MarcDict

RT, FT, SF = b"\x1d", b"\x1e", b"\x1f"
_BLOCK = 1 << 20
# A non-ASCII byte where an indicator or a subfield code belongs: the careful path reads such a
# byte alone (as " " or "?") while a whole-record decode would glue it to the next byte(s).
_ODD_CODE = re.compile(rb"\x1f[\x80-\xff]|\x1e(?:[\x80-\xff]|[\x00-\x7f][\x80-\xff])")
FORMATS = ("iso2709", "marcxml", "json")


@dataclass(slots=True)
class ReadItem:
    position: int
    marc: MarcDict | None
    error: str = ""


class RecordError(ValueError):
    """A record that cannot be read; the message is the reason shown in the import report."""


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def detect_format(path: str | Path) -> str:
    """Guess the format of a file from its first non-blank byte (``<``, ``{``/``[`` or MARC)."""
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "marcxml"
    if head[:1] in (b"{", b"["):
        return "json"
    return "iso2709"


# --- ISO 2709 ---------------------------------------------------------------------------


def _looks_utf8(data: bytes) -> bool:
    """True when bytes that claim to be MARC-8 are in fact valid UTF-8 with non-ASCII text.

    MARC-8 puts a combining mark byte (0xE0-0xFE) before an ASCII letter, which is never valid
    UTF-8, so a record that decodes cleanly as UTF-8 was written in UTF-8 with a wrong leader.
    """
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x1b" not in data


def parse_iso2709(data: bytes, *, marc8: MARC8ToUnicode | None = None) -> MarcDict:
    """One ISO 2709 record (with or without its terminator) as a MARC-in-JSON dict."""
    if len(data) < 25:
        raise RecordError("Biểu ghi quá ngắn (thiếu đầu biểu).")
    try:
        leader = data[:24].decode("ascii")
    except UnicodeDecodeError as exc:
        raise RecordError("Đầu biểu (leader) chứa ký tự không hợp lệ.") from exc
    base_text = leader[12:17]
    if not base_text.isdigit():
        raise RecordError(f"Địa chỉ dữ liệu trong đầu biểu không phải là số: {base_text!r}.")
    base = int(base_text)
    end_dir = data.find(FT, 24)
    if end_dir < 0 or base < 25 or base > len(data):
        raise RecordError("Danh mục (directory) của biểu ghi bị hỏng.")
    if end_dir + 1 != base:
        base = end_dir + 1  # trust the field terminator over a wrong base address
    directory = data[24:end_dir]
    if len(directory) % 12:
        raise RecordError("Danh mục (directory) có độ dài không hợp lệ.")
    utf8 = leader[9] == "a" or _looks_utf8(data[base:])
    try:
        text = directory.decode("ascii")
        entries = [
            (text[i : i + 3], int(text[i + 3 : i + 7]), int(text[i + 7 : i + 12]))
            for i in range(0, len(text), 12)
        ]
    except (UnicodeDecodeError, ValueError) as exc:
        raise RecordError("Danh mục (directory) của biểu ghi có mục bị hỏng.") from exc
    fields = _fast_fields(data, base, entries) if utf8 else None
    if fields is None:
        fields = _slow_fields(data, base, entries, utf8, marc8)
    leader = leader[:9] + "a" + leader[10:]  # stored text is UTF-8 from here on
    return {"leader": leader, "fields": fields}


def _fast_fields(data: bytes, base: int, entries: list[tuple[str, int, int]]) -> list | None:
    """UTF-8 records whose fields lie one after another in directory order (nearly all):
    decode and NFC-normalise the data once and split it on the terminators. None when the
    record does not fit that shape, so the careful per-field path takes over."""
    position = 0
    end = len(data) - base
    for _tag, length, start in entries:
        if start != position:
            return None
        position += length
        # each field must end with its own terminator, exactly where the directory says
        if position > end or data[base + position - 1] != 0x1E:
            return None
    if data.count(FT, base, base + position) != len(entries):
        return None  # a terminator inside a field: the careful path cuts the field there
    if _ODD_CODE.search(data, base - 1, base + position):
        return None
    try:
        text = data[base : base + position].decode("utf-8")
    except UnicodeDecodeError:
        return None  # the per-field path says which field is broken
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    parts = text.split("\x1e")
    if len(parts) < len(entries):
        return None
    fields: list[dict[str, Any]] = []
    for (tag, _length, _start), raw in zip(entries, parts, strict=False):
        if tag < "010" and tag.isdigit():
            fields.append({tag: raw})
            continue
        if len(raw) < 2:
            return None
        chunks = raw[2:].split("\x1f")
        fields.append(
            {
                tag: {
                    "ind1": raw[0] if raw[0].isascii() else " ",
                    "ind2": raw[1] if raw[1].isascii() else " ",
                    "subfields": [{c[0]: c[1:]} for c in chunks[1:] if c],
                }
            }
        )
    return fields


def _slow_fields(
    data: bytes,
    base: int,
    entries: list[tuple[str, int, int]],
    utf8: bool,
    marc8: MARC8ToUnicode | None,
) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    for tag, length, start in entries:
        raw = data[base + start : base + start + length]
        if raw.endswith(FT):
            raw = raw[:-1]
        elif FT in raw:
            raw = raw[: raw.index(FT)]
        if tag < "010" and tag.isdigit():
            fields.append({tag: _decode(raw, utf8, marc8, tag)})
            continue
        if len(raw) < 2:
            raise RecordError(f"Trường {tag} không có chỉ thị.")
        ind1 = chr(raw[0]) if raw[0] < 128 else " "
        ind2 = chr(raw[1]) if raw[1] < 128 else " "
        subfields = []
        for chunk in raw[2:].split(SF)[1:]:
            if not chunk:
                continue
            code = chr(chunk[0]) if chunk[0] < 128 else "?"
            subfields.append({code: _decode(chunk[1:], utf8, marc8, tag)})
        fields.append({tag: {"ind1": ind1, "ind2": ind2, "subfields": subfields}})
    return fields


def _decode(raw: bytes, utf8: bool, marc8: MARC8ToUnicode | None, tag: str) -> str:
    # An ESC is ASCII, so a MARC-8 field whose only special characters are escape sequences
    # (superscript/subscript digits as in "33 1/3 rpm", Greek symbols) looks like plain ASCII:
    # it must still go through the converter, which turns the escapes into characters.
    if raw.isascii() and (utf8 or b"\x1b" not in raw):
        return raw.decode("ascii")
    if utf8:
        try:
            return unicodedata.normalize("NFC", raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise RecordError(
                f"Trường {tag} chứa byte không hợp lệ trong mã UTF-8 (vị trí {exc.start})."
            ) from exc
    converter = marc8 or MARC8ToUnicode(quiet=True)
    # every field starts in the default sets (MARC-8: G0 = ASCII, G1 = ANSEL); the converter
    # keeps the sets of the last escape, which a field that forgot to escape back would leak
    # into the next field and the next record
    converter.g0, converter.g1 = MARC8ToUnicode.basic_latin, MARC8ToUnicode.ansel
    try:
        text = converter.translate(raw)
    except Exception as exc:  # pymarc raises assorted errors on bad escapes
        raise RecordError(f"Trường {tag} có mã MARC-8 không đọc được.") from exc
    return unicodedata.normalize("NFC", text)


def iter_iso2709_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """Raw records, split on the record terminator, reading 1 MB at a time."""
    rest = b""
    while True:
        block = handle.read(_BLOCK)
        if not block:
            break
        parts = (rest + block).split(RT)
        rest = parts.pop()
        for part in parts:
            part = part.lstrip(b"\r\n \x00")
            if part:
                yield part
    rest = rest.strip(b"\r\n \x00\x1a")
    if rest:
        yield rest


def read_iso2709(handle: IO[bytes]) -> Iterator[ReadItem]:
    marc8 = MARC8ToUnicode(quiet=True)
    for position, chunk in enumerate(iter_iso2709_chunks(handle), start=1):
        try:
            yield ReadItem(position, parse_iso2709(chunk, marc8=marc8))
        except RecordError as exc:
            yield ReadItem(position, None, str(exc))
        except Exception as exc:  # noqa: BLE001 - a broken record must not stop the file
            yield ReadItem(position, None, f"Không đọc được biểu ghi ({type(exc).__name__}).")


# --- MARCXML ----------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_tag(elem: ET.Element) -> str:
    tag = (elem.get("tag") or "").strip()
    return tag.zfill(3) if tag.isdigit() else tag  # "42" written without its leading zero


def _xml_record(elem: ET.Element) -> MarcDict:
    leader = ""
    fields: list[dict[str, Any]] = []
    for child in elem:
        name = _local(child.tag)
        if name == "leader":
            leader = (child.text or "").replace("\n", "")
        elif name == "controlfield":
            tag = _xml_tag(child)
            fields.append({tag: _nfc(child.text or "")})
        elif name == "datafield":
            tag = _xml_tag(child)
            subfields = [
                {(sub.get("code") or " ")[:1] or " ": _nfc(sub.text or "")}
                for sub in child
                if _local(sub.tag) == "subfield"
            ]
            fields.append(
                {
                    tag: {
                        "ind1": (child.get("ind1") or " ")[:1] or " ",
                        "ind2": (child.get("ind2") or " ")[:1] or " ",
                        "subfields": subfields,
                    }
                }
            )
    for field in fields:
        (tag,) = field.keys()
        if len(tag) != 3 or not tag.isalnum():
            raise RecordError(f"Nhãn trường “{tag}” không hợp lệ.")
    leader = (leader + " " * 24)[:24]
    leader = leader[:9] + "a" + leader[10:]
    return {"leader": leader, "fields": fields}


def read_marcxml(handle: IO[bytes]) -> Iterator[ReadItem]:
    """MARCXML records anywhere in the document: a collection, single records, or records
    wrapped in OAI-PMH or SRU responses. OAI records marked deleted are reported, not read."""
    position = 0
    stack: list[ET.Element] = []
    deleted_pending = False
    try:
        for event, elem in safe_iterparse(handle, events=("start", "end")):
            if event == "start":
                stack.append(elem)
                if _local(elem.tag) == "header" and elem.get("status") == "deleted":
                    deleted_pending = True
                continue
            stack.pop()
            name = _local(elem.tag)
            if name == "record":
                kids = {_local(c.tag) for c in elem}
                if kids & {"leader", "controlfield", "datafield"}:
                    position += 1
                    try:
                        yield ReadItem(position, _xml_record(elem))
                    except RecordError as exc:
                        yield ReadItem(position, None, str(exc))
                elif deleted_pending:
                    position += 1
                    yield ReadItem(position, None, "Biểu ghi đã bị xoá ở nguồn (OAI-PMH).")
                deleted_pending = False
                if stack:
                    stack[-1].remove(elem)
                elem.clear()
    except ET.ParseError as exc:
        yield ReadItem(position + 1, None, f"Tệp XML bị hỏng từ đây, không đọc tiếp được ({exc}).")
    except DefusedXmlException:
        # an entity or external reference declared in a DOCTYPE: never expanded (it is how XML
        # bombs and file disclosure work), so the rest of this file is not read; other files of
        # the import and the records read before go on
        yield ReadItem(
            position + 1,
            None,
            gettext(
                "Tệp XML khai báo thực thể (ENTITY) hoặc tham chiếu ngoài trong DOCTYPE; vì an "
                "toàn, hệ thống không đọc tệp này từ đây. Hãy xuất lại tệp MARCXML không có "
                "khai báo DOCTYPE."
            ),
        )
    except (LookupError, ValueError) as exc:
        # an encoding the XML declaration names that Python does not know or expat cannot read
        # (found by fuzzing: encoding="UTF-5" and "UTF-7" raised out of the reader); after
        # DefusedXmlException, which is a ValueError too
        yield ReadItem(
            position + 1, None, f"Tệp XML khai báo bảng mã không được hỗ trợ ({exc})."
        )


# --- MARC-in-JSON -----------------------------------------------------------------------


def _json_record(obj: Any) -> MarcDict:
    if not isinstance(obj, dict) or not isinstance(obj.get("fields"), list):
        raise RecordError("Không phải biểu ghi MARC-in-JSON (thiếu “fields”).")
    fields: list[dict[str, Any]] = []
    for field in obj["fields"]:
        if not isinstance(field, dict) or len(field) != 1:
            raise RecordError("Một trường không đúng cấu trúc MARC-in-JSON.")
        ((tag, value),) = field.items()
        if isinstance(value, str):
            fields.append({tag: _nfc(value)})
        elif isinstance(value, dict):
            subs = []
            for sub in value.get("subfields") or []:
                if not isinstance(sub, dict):
                    raise RecordError(f"Trường con của trường {tag} không đúng cấu trúc.")
                subs.extend({str(c)[:1]: _nfc(str(v))} for c, v in sub.items())
            fields.append(
                {
                    tag: {
                        "ind1": str(value.get("ind1") or " ")[:1],
                        "ind2": str(value.get("ind2") or " ")[:1],
                        "subfields": subs,
                    }
                }
            )
        else:
            raise RecordError(f"Trường {tag} không đúng cấu trúc MARC-in-JSON.")
    leader = (str(obj.get("leader") or "") + " " * 24)[:24]
    return {"leader": leader[:9] + "a" + leader[10:], "fields": fields}


_JSON_CHUNK = 1 << 16
# Past this much text a value that still does not parse is broken, not cut by a chunk: one
# record is a few kilobytes, and a broken line must not pull the rest of the file into memory.
_JSON_MAX_VALUE = 16 << 20
_WS = " \t\r\n"


class _JsonStream:
    """Top-level JSON values read one after the other from a text handle, holding in memory
    only what the value being read needs (a JSON array is opened by the caller and its
    elements read one by one, so a file of any size is streamed)."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.text.read(_JSON_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self, *, skip: str = _WS) -> str:
        """The next character that is not in ``skip`` ("" at the end), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in skip:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self) -> str:
        char = self.peek()
        self.pos += 1
        return char

    def value(self) -> Any:
        """The next JSON value; ``ValueError`` when what follows is not one."""
        self.peek()
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
            except ValueError:
                if len(self.buf) - self.pos < _JSON_MAX_VALUE and self._more():
                    continue  # the value may go on in the next chunk
                raise
            if end == len(self.buf) and not isinstance(obj, (dict, list)) and self._more():
                continue  # a number or literal cut at the chunk's end
            self.pos = end
            return obj

    def skip_line(self) -> None:
        """Drop the rest of the current line (JSON Lines: go on with the next record)."""
        while True:
            newline = self.buf.find("\n", self.pos)
            if newline >= 0:
                self.pos = newline + 1
                return
            self.pos = len(self.buf)
            if not self._more():
                return


def _json_item(position: int, obj: Any) -> ReadItem:
    try:
        return ReadItem(position, _json_record(obj))
    except RecordError as exc:
        return ReadItem(position, None, str(exc))


def read_json(handle: IO[bytes]) -> Iterator[ReadItem]:
    """A JSON array of records (compact on one line or pretty-printed), one record, or JSON
    Lines / concatenated records; streamed in every case.

    Each record is reported at its own position: a record that is valid JSON but not
    MARC-in-JSON is one failed record among the good ones. JSON that cannot be parsed stops an
    array (there is no telling where its next element starts) but only costs its own line in
    JSON Lines.
    """
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict")
    stream = _JsonStream(text)
    position = 0
    try:
        if stream.peek() == "[":
            stream.take()
            if stream.peek() == "]":
                return
            while True:
                position += 1
                try:
                    obj = stream.value()
                except ValueError as exc:
                    yield ReadItem(
                        position, None, f"Tệp JSON bị hỏng từ đây, không đọc tiếp được ({exc})."
                    )
                    return
                yield _json_item(position, obj)
                sep = stream.take()
                if sep == "]":
                    break
                if sep != ",":
                    yield ReadItem(
                        position + 1,
                        None,
                        "Tệp JSON bị hỏng từ đây, không đọc tiếp được (thiếu dấu phẩy hoặc “]”).",
                    )
                    return
            if stream.peek():
                yield ReadItem(
                    position + 1, None, "Tệp JSON có dữ liệu thừa sau mảng biểu ghi, đã bỏ qua."
                )
            return
        while stream.peek():
            try:
                obj = stream.value()
            except ValueError as exc:
                position += 1
                yield ReadItem(position, None, f"JSON không hợp lệ: {exc}")
                stream.skip_line()
                continue
            for one in obj if isinstance(obj, list) else [obj]:
                position += 1
                yield _json_item(position, one)
    except UnicodeDecodeError as exc:
        yield ReadItem(position + 1, None, f"Tệp JSON không phải UTF-8 từ đây ({exc}).")


def read_file(path: str | Path, fmt: str | None = None) -> Generator[ReadItem, None, None]:
    """Stream the records of ``path`` in ``fmt`` (guessed from the content when None)."""
    fmt = fmt or detect_format(path)
    reader = {"iso2709": read_iso2709, "marcxml": read_marcxml, "json": read_json}[fmt]
    with open(path, "rb") as handle:
        yield from reader(handle)
