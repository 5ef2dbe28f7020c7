"""Office macros, attacked with a document Microsoft Word saved with a VBA project in it
(``data/oleform-PR314.docm``, from oletools' own test data; see data/README.md): refused by
content whatever its name, kept in quarantine and audited; the same kind of document saved
without macros passes, so the refusal is the macro's and not the file type's."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from thuvien.core.models import AuditEntry
from thuvien.screening import ScreeningRefused, screen_upload
from thuvien.screening.models import QuarantinedFile

DATA = Path(__file__).parent / "data"
WITH_VBA = DATA / "oleform-PR314.docm"
WITHOUT_VBA = DATA / "harmless-clean.docm"
OFFICE = frozenset({"office"})

pytestmark = pytest.mark.django_db


def test_the_sample_really_carries_a_vba_project():
    """Not a file only our detector would recognise: Word's own VBA storage, with code."""
    from oletools.olevba import VBA_Parser

    with zipfile.ZipFile(WITH_VBA) as archive:
        assert "word/vbaProject.bin" in archive.namelist()
    parser = VBA_Parser(str(WITH_VBA))
    try:
        modules = {name for _f, _s, name, _code in parser.extract_macros()}
    finally:
        parser.close()
    assert "NewMacros.bas" in modules and "ThisDocument.cls" in modules


@pytest.mark.parametrize("declared", ["bao-cao.docm", "bao-cao.docx", "bao-cao.zip"])
def test_word_document_with_vba_is_refused_quarantined_and_audited(
    clamav, world, tmp_path, declared
):
    upload = tmp_path / declared
    shutil.copyfile(WITH_VBA, upload)
    librarian = world.users["tinh_cataloguer"]
    with pytest.raises(ScreeningRefused) as info:
        screen_upload(
            upload,
            purpose="attachment",
            declared_name=declared,
            allowed_kinds=OFFICE | frozenset({"zip"}),
            library_id=world.provincial.pk,
            actor_id=librarian.pk,
        )
    refusal = info.value
    assert refusal.code == "office_macros", refusal.details
    assert refusal.details["vba"] is True
    assert "macro" in refusal.message
    row = QuarantinedFile.objects.get()
    assert (row.code, row.declared_name, row.library_id) == (
        "office_macros",
        declared,
        world.provincial.pk,
    )
    with default_storage.open(row.stored_name, "rb") as kept:
        assert kept.read() == WITH_VBA.read_bytes()
    entry = AuditEntry.objects.get(action="screening.upload.refused")
    assert entry.actor_id == librarian.pk and entry.changes["code"] == "office_macros"


def test_the_same_kind_of_document_without_macros_passes(clamav, tmp_path):
    upload = tmp_path / "bao-cao.docm"
    shutil.copyfile(WITHOUT_VBA, upload)
    result = screen_upload(
        upload, purpose="attachment", declared_name=upload.name, allowed_kinds=OFFICE
    )
    assert result.kind == "office" and result.antivirus == "clean"
    assert not QuarantinedFile.objects.exists()
