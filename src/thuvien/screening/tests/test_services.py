"""screen_upload against real files, a real clamd and the real storage."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from thuvien.core.models import AuditEntry
from thuvien.screening import ScreeningRefused, screen_upload
from thuvien.screening.models import QuarantinedFile
from thuvien.testing.clamav import EICAR

SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "marc"
IMAGES = frozenset({"image"})
MARC = frozenset({"marc", "xml", "json"})


def _png(path: Path, size=(40, 30)) -> Path:
    Image.new("RGB", size, (200, 10, 10)).save(path, "PNG")
    return path


def _refused(path: Path, **kwargs) -> ScreeningRefused:
    kwargs.setdefault("purpose", "attachment")
    kwargs.setdefault("declared_name", path.name)
    with pytest.raises(ScreeningRefused) as info:
        screen_upload(path, **kwargs)
    return info.value


@pytest.mark.django_db
def test_clean_image_passes_with_antivirus(clamav, tmp_path):
    path = _png(tmp_path / "anh.png")
    before = path.read_bytes()
    result = screen_upload(
        path, purpose="patron_photo", declared_name="anh.png", allowed_kinds=IMAGES
    )
    assert result.kind == "image" and result.mime == "image/png"
    assert result.antivirus == "clean" and "antivirus" in result.checks
    assert result.size == len(before) and len(result.sha256) == 64
    assert path.read_bytes() == before  # never modified
    assert not QuarantinedFile.objects.exists()


@pytest.mark.django_db
def test_eicar_is_refused_quarantined_and_audited(clamav, tmp_path, world):
    path = tmp_path / "sach.mrc"
    path.write_bytes(EICAR)
    refusal = _refused(
        path,
        purpose="marc_import",
        allowed_kinds=MARC,
        library_id=world.provincial.pk,
        actor_id=world.users["tinh_cataloguer"].pk,
    )
    assert refusal.code == "malware"
    assert "Thuvien.Test.EICAR" in refusal.details["signature"]
    assert "mã độc" in refusal.message
    row = QuarantinedFile.objects.get()
    assert (row.code, row.purpose, row.declared_name) == ("malware", "marc_import", "sach.mrc")
    cataloguer = world.users["tinh_cataloguer"]
    assert row.library_id == world.provincial.pk and row.actor_id == cataloguer.pk
    assert row.stored_name.startswith("quarantine/")
    with default_storage.open(row.stored_name, "rb") as kept:
        assert kept.read() == EICAR
    entry = AuditEntry.objects.get(action="screening.upload.refused")
    assert entry.library_id == world.provincial.pk and entry.actor_id == cataloguer.pk
    assert entry.changes["code"] == "malware" and entry.changes["sha256"] == row.sha256


@pytest.mark.django_db
def test_eicar_behind_a_real_jpeg_header_is_caught(clamav, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "JPEG")
    path = tmp_path / "anh.jpg"
    path.write_bytes(buffer.getvalue() + EICAR)
    assert _refused(path, allowed_kinds=IMAGES).code == "malware"


@pytest.mark.django_db
def test_eicar_inside_a_zip_is_caught(clamav, tmp_path):
    path = tmp_path / "goi.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", EICAR)
    assert _refused(path, allowed_kinds=frozenset({"zip"})).code == "malware"


@pytest.mark.django_db
def test_clamd_down_refuses_when_required(clamav, settings, tmp_path):
    settings.THUVIEN_CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    refusal = _refused(_png(tmp_path / "a.png"), allowed_kinds=IMAGES)
    assert refusal.code == "antivirus_unavailable"
    assert QuarantinedFile.objects.get().code == "antivirus_unavailable"


@pytest.mark.django_db
def test_clamd_down_is_recorded_when_optional(settings, tmp_path):
    settings.THUVIEN_CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    settings.THUVIEN_CLAMAV_REQUIRED = False
    result = screen_upload(
        _png(tmp_path / "a.png"), purpose="attachment", declared_name="a", allowed_kinds=IMAGES
    )
    assert result.antivirus == "not_run"
    assert "antivirus_not_run:clamd_unavailable" in result.checks


@pytest.mark.django_db
def test_clamd_stopped_mid_run_refuses(tmp_path, settings):
    """A clamd that stops (not only one never started) gives the same refusal."""
    from thuvien.testing.clamav import clamd_start

    daemon = clamd_start(tmp_path / "own")
    settings.THUVIEN_CLAMD_SOCKET = daemon.socket_path
    settings.THUVIEN_CLAMAV_REQUIRED = True
    png = _png(tmp_path / "a.png")
    assert (
        screen_upload(png, purpose="x", declared_name="a", allowed_kinds=IMAGES).antivirus
        == "clean"
    )
    daemon.stop()
    assert _refused(png, allowed_kinds=IMAGES).code == "antivirus_unavailable"


@pytest.mark.django_db
def test_type_is_decided_by_content_not_name(clamav, tmp_path):
    path = _png(tmp_path / "ban-ghi.mrc")
    refusal = _refused(path, allowed_kinds=MARC)
    assert refusal.code == "type_not_allowed"
    assert refusal.details["mime"] == "image/png"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,kind",
    [
        ("pymarc-tests/test__marc.dat", "marc"),
        ("pymarc-tests/test__bad_records.mrc", "marc"),
        ("pymarc-tests/test__batch.xml", "xml"),
        ("pymarc-tests/test__batch.json", "json"),
    ],
)
def test_real_marc_files_pass(clamav, name, kind):
    result = screen_upload(
        SHARED / name, purpose="marc_import", declared_name=name, allowed_kinds=MARC
    )
    assert result.kind == kind and result.antivirus == "clean"


@pytest.mark.django_db
def test_size_limit_and_empty_file(tmp_path):
    big = tmp_path / "big.png"
    _png(big, size=(300, 300))
    refusal = _refused(big, allowed_kinds=IMAGES, max_bytes=100)
    assert refusal.code == "too_large" and refusal.details["max_bytes"] == 100
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert _refused(empty, allowed_kinds=IMAGES).code == "empty"


@pytest.mark.django_db
def test_image_decompression_bomb_is_refused(settings, tmp_path):
    settings.THUVIEN_SCREEN_MAX_PIXELS = 1_000_000
    path = tmp_path / "bomb.png"
    # 2000 x 2000 of one colour: a few kB on disk, 12 MB once decoded
    Image.new("L", (2000, 2000)).save(path, "PNG", optimize=True)
    assert path.stat().st_size < 20_000
    refusal = _refused(path, allowed_kinds=IMAGES)
    assert refusal.code == "image_too_large"


@pytest.mark.django_db
def test_broken_image_is_refused(tmp_path):
    path = tmp_path / "broken.png"
    data = _png(tmp_path / "ok.png", size=(64, 64)).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _refused(path, allowed_kinds=IMAGES).code == "unreadable"


def _pdf(path: Path, *, javascript: bool = False, launch: bool = False, attach: bool = False):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if javascript:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )
    if launch:
        pdf.pages[0].obj.AA = pikepdf.Dictionary(
            O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
        )
    if attach:
        pdf.attachments["x.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ payload")
    pdf.save(path)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["javascript", "launch", "attach"])
def test_pdf_active_content_is_refused(tmp_path, kind):
    path = _pdf(tmp_path / "tai-lieu.pdf", **{kind: True})
    refusal = _refused(path, allowed_kinds=frozenset({"pdf"}))
    assert refusal.code == "pdf_active_content"


@pytest.mark.django_db
def test_plain_pdf_passes(clamav, tmp_path):
    result = screen_upload(
        _pdf(tmp_path / "a.pdf"),
        purpose="digital_master",
        declared_name="a.pdf",
        allowed_kinds=frozenset({"pdf"}),
    )
    assert result.kind == "pdf" and "pdf" in result.checks


@pytest.mark.django_db
def test_zip_bomb_by_ratio_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (50 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    assert _refused(path, allowed_kinds=frozenset({"zip"})).code == "archive_bomb"


@pytest.mark.django_db
def test_zip_with_too_many_entries_is_refused(settings, tmp_path):
    settings.THUVIEN_SCREEN_ZIP_MAX_ENTRIES = 5
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(6):
            archive.writestr(f"f{number}.txt", "x")
    assert _refused(path, allowed_kinds=frozenset({"zip"})).code == "archive_bomb"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "a/../../b", "C:\\x"])
def test_zip_path_traversal_is_refused(tmp_path, name):
    path = tmp_path / "trav.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ok.txt", "x")
        archive.writestr(zipfile.ZipInfo(name), "x")
    assert _refused(path, allowed_kinds=frozenset({"zip"})).code == "archive_unsafe_path"


@pytest.mark.django_db
def test_zip_symlink_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    info = zipfile.ZipInfo("link")
    info.external_attr = 0o120777 << 16
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(info, "/etc/passwd")
    assert _refused(path, allowed_kinds=frozenset({"zip"})).code == "archive_unsafe_path"


@pytest.mark.django_db
def test_odf_with_basic_macros_is_refused(tmp_path):
    path = tmp_path / "van-ban.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", '<script>Shell("x")</script>')
    refusal = _refused(path, allowed_kinds=frozenset({"office"}))
    assert refusal.code == "office_macros"


@pytest.mark.django_db
def test_docx_without_macros_passes(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "bang.xlsx"
    Workbook().save(path)
    result = screen_upload(
        path, purpose="attachment", declared_name="bang.xlsx", allowed_kinds=frozenset({"office"})
    )
    assert result.kind == "office"


@pytest.mark.django_db
def test_refusal_message_in_english(tmp_path):
    from django.utils import translation

    path = _png(tmp_path / "x.mrc")
    with translation.override("en"):
        refusal = _refused(path, allowed_kinds=MARC)
    assert "not" in refusal.message and "ảnh" not in refusal.message


def test_unknown_kind_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        screen_upload(
            tmp_path / "x", purpose="x", declared_name="x", allowed_kinds=frozenset({"exe"})
        )
