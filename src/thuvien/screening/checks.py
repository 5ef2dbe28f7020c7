"""The content checks, one function per kind of file; each raises ``ScreeningRefused``.

Types are decided by content (libmagic), never by the name the user gave. Each check reads the
file with a well-kept parser (Pillow, pikepdf, oletools, zipfile) under explicit limits.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import magic
from django.utils.translation import gettext as _

from .errors import ScreeningErrorCode as E
from .errors import ScreeningRefused

KINDS = frozenset(
    {
        "image",
        "pdf",
        "audio",
        "video",
        "epub",
        "zip",
        "marc",
        "xml",
        "json",
        "csv",
        "text",
        "office",
    }
)

IMAGE_MIMES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/tiff",
        "image/bmp",
        "image/x-ms-bmp",
        "image/jp2",
    }
)
OFFICE_MIMES = frozenset(
    {
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.ms-office",
        "application/x-ole-storage",
        "application/CDFV2",
        "application/rtf",
        "text/rtf",
    }
)
OOXML_PREFIX = "application/vnd.openxmlformats-officedocument."
ODF_PREFIX = "application/vnd.oasis.opendocument."
ZIP_MIMES = frozenset({"application/zip", "application/x-zip-compressed"})


@dataclass(frozen=True)
class Limits:
    max_pixels: int
    zip_max_entries: int
    zip_max_total: int
    zip_max_ratio: int


def detect_mime(path: Path) -> str:
    try:
        return magic.from_file(str(path), mime=True) or "application/octet-stream"
    except (magic.MagicException, OSError):
        return "application/octet-stream"


_ISO2709_LEADER = re.compile(rb"^\d{5}[ -~]{7}\d{5}[ -~]{3}4500")


def kind_of(path: Path, mime: str) -> str:
    """The kind of file its content shows (one of ``KINDS``), or "" when none fits."""
    if mime in IMAGE_MIMES:
        return "image"
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith("audio/"):
        return "audio"
    if mime.startswith("video/"):
        return "video"
    if mime == "application/epub+zip":
        return "epub"
    if mime == "application/marc":
        return "marc"
    if mime in OFFICE_MIMES or mime.startswith((OOXML_PREFIX, ODF_PREFIX)):
        return "office"
    if mime in ZIP_MIMES:
        return "zip"
    if mime in ("text/xml", "application/xml"):
        return "xml"
    if mime == "application/json":
        return "json"
    if mime == "text/csv":
        return "csv"
    with path.open("rb") as stream:
        head = stream.read(24)
    if mime in ("application/octet-stream", "text/plain") and head[:5].isdigit():
        # ISO 2709 that libmagic does not name (a damaged leader, a MARC-8 file): the record
        # length opens it. The importer reports each bad record.
        if _ISO2709_LEADER.match(head) or mime == "application/octet-stream":
            return "marc"
        return "marc" if len(head) >= 24 and head[20:24] == b"4500" else "text"
    if mime.startswith("text/"):
        return "text"
    return ""


def check_image(path: Path, limits: Limits) -> list[str]:
    from PIL import Image

    # Pillow's own guard against decompression bombs, set to our cap (it raises at twice the
    # limit; we refuse at the limit ourselves below).
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with Image.open(path) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1) or 1
            if width * height * min(frames, 1000) > limits.max_pixels:
                raise ScreeningRefused(
                    E.IMAGE_TOO_LARGE,
                    _("Ảnh quá lớn: %(w)d × %(h)d điểm ảnh (tối đa %(max)d triệu điểm ảnh).")
                    % {"w": width, "h": height, "max": limits.max_pixels // 1_000_000},
                    details={"width": width, "height": height, "frames": frames},
                )
            image.verify()
    except ScreeningRefused:
        raise
    except Image.DecompressionBombError as exc:
        raise ScreeningRefused(
            E.IMAGE_TOO_LARGE,
            _("Ảnh quá lớn để mở an toàn (tối đa %(max)d triệu điểm ảnh).")
            % {"max": limits.max_pixels // 1_000_000},
            details={"error": str(exc)[:200]},
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not a readable image"
        raise ScreeningRefused(
            E.UNREADABLE,
            _("Không đọc được ảnh: tệp hỏng hoặc không đúng định dạng."),
            details={"error": str(exc)[:200]},
        ) from exc
    return ["image"]


_PDF_ACTIVE_KEYS = (
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/SubmitForm",
    "/ImportData",
)


def _pdf_walk(top, found: set[str], pikepdf) -> None:
    """Look through one object and the direct objects nested in it (indirect ones are
    visited on their own by the caller), for keys and actions that run something."""
    stack = [top]
    seen = 0
    while stack and seen < 100_000:
        obj = stack.pop()
        seen += 1
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            keys = set(obj.keys())
            found.update(key for key in _PDF_ACTIVE_KEYS if key in keys)
            kind = obj.get("/S")
            if kind is not None and str(kind) in ("/JavaScript", "/Launch"):
                found.add(str(kind))
            if str(obj.get("/Type", "")) == "/Filespec" and "/EF" in keys:
                found.add("/EmbeddedFile")
            children = [obj.get(key) for key in keys]
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        stack.extend(
            child
            for child in children
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)
            and not child.is_indirect
        )


def check_pdf(path: Path) -> list[str]:
    import pikepdf

    found: set[str] = set()
    try:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                _pdf_walk(obj, found, pikepdf)
            _pdf_walk(pdf.Root, found, pikepdf)
            action = pdf.Root.get("/OpenAction")
            if isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) in (
                "/JavaScript",
                "/Launch",
                "/SubmitForm",
            ):
                found.add("/OpenAction" + str(action.get("/S")))
    except pikepdf.PasswordError as exc:
        raise ScreeningRefused(
            E.PDF_ENCRYPTED,
            _("Tệp PDF có mật khẩu nên không kiểm tra được: hãy gỡ mật khẩu rồi tải lên lại."),
        ) from exc
    except (pikepdf.PdfError, OSError, ValueError, RecursionError) as exc:
        raise ScreeningRefused(
            E.UNREADABLE,
            _("Không đọc được tệp PDF: tệp hỏng hoặc không đúng định dạng."),
            details={"error": str(exc)[:200]},
        ) from exc
    if found:
        raise ScreeningRefused(
            E.PDF_ACTIVE_CONTENT,
            _(
                "Tệp PDF có nội dung chủ động (JavaScript, lệnh chạy chương trình hoặc tệp đính "
                "kèm), không được nhận. Hãy in lại thành PDF thường rồi tải lên."
            ),
            details={"found": sorted(found)},
        )
    return ["pdf"]


def check_office(path: Path, mime: str, limits: Limits) -> list[str]:
    from oletools.olevba import VBA_Parser

    checks = []
    if mime.startswith((OOXML_PREFIX, ODF_PREFIX)):
        checks += check_zip(path, limits)
    if mime.startswith(ODF_PREFIX):
        with zipfile.ZipFile(path) as archive:
            scripts = [n for n in archive.namelist() if n.startswith(("Basic/", "Scripts/"))]
        if scripts:
            _refuse_macros({"odf": scripts[:10]})
        return [*checks, "office"]
    parser = None
    try:
        parser = VBA_Parser(str(path))
        has_macros = parser.detect_vba_macros()
        try:
            has_xlm = bool(parser.detect_xlm_macros())
        except Exception:  # noqa: BLE001 - oletools' XLM scanner fails on odd sheets
            has_xlm = False
    except Exception as exc:  # noqa: BLE001 - oletools raises its own many kinds
        raise ScreeningRefused(
            E.UNREADABLE,
            _("Không đọc được tệp văn phòng: tệp hỏng hoặc không đúng định dạng."),
            details={"error": str(exc)[:200]},
        ) from exc
    finally:
        if parser is not None:
            parser.close()
    if has_macros or has_xlm:
        _refuse_macros({"vba": has_macros, "xlm": has_xlm})
    return [*checks, "office"]


def _refuse_macros(details: dict) -> None:
    raise ScreeningRefused(
        E.OFFICE_MACROS,
        _("Tệp văn phòng có macro, không được nhận. Hãy lưu lại thành tệp không có macro."),
        details=details,
    )


def _unsafe_name(name: str) -> bool:
    if not name or "\0" in name or "\\" in name:
        return True
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in PurePosixPath(name).parts


def check_zip(path: Path, limits: Limits) -> list[str]:
    """Entry count, total size and ratio limits (zip bombs); names that climb out of the
    folder they are unpacked into, absolute names and symbolic links (path traversal)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ScreeningRefused(
            E.UNREADABLE,
            _("Không đọc được tệp nén: tệp hỏng hoặc không đúng định dạng."),
            details={"error": str(exc)[:200]},
        ) from exc
    if len(infos) > limits.zip_max_entries:
        _refuse_bomb({"entries": len(infos), "max_entries": limits.zip_max_entries})
    total = 0
    packed = 0
    for info in infos:
        if _unsafe_name(info.filename) or stat.S_ISLNK(info.external_attr >> 16):
            raise ScreeningRefused(
                E.ARCHIVE_UNSAFE_PATH,
                _("Tệp nén có tên tệp không an toàn (đường dẫn ra ngoài thư mục hoặc liên kết)."),
                details={"name": info.filename[:200]},
            )
        total += info.file_size
        packed += info.compress_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.zip_max_ratio * max(
            info.compress_size, 1
        ):
            _refuse_bomb(
                {
                    "name": info.filename[:200],
                    "size": info.file_size,
                    "compressed": info.compress_size,
                }
            )
    if total > limits.zip_max_total:
        _refuse_bomb({"total": total, "max_total": limits.zip_max_total})
    if total > 1024 * 1024 and total > limits.zip_max_ratio * max(packed, 1):
        _refuse_bomb({"total": total, "compressed": packed})
    return ["archive"]


def _refuse_bomb(details: dict) -> None:
    raise ScreeningRefused(
        E.ARCHIVE_BOMB,
        _("Tệp nén giải ra quá lớn hoặc quá nhiều tệp (có thể là bom nén), không được nhận."),
        details=details,
    )
