"""The fixity audit catches a changed or lost master (jobs page and e-mail); a collection
exports as a bag that bagit validates, and the bag imports back."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from thuvien.core.models import Job
from thuvien.digital.bags import bag_export, bag_import
from thuvien.digital.models import Collection, DigitalFile, DigitalObject, FileEvent, Page
from thuvien.digital.services import digital_ingest, page_text_correct
from thuvien.digital.tasks import fixity_enqueue

from .booklet import booklet_folder


@pytest.fixture
def two_objects(world, tmp_path):
    with scopes_disabled():
        Collection.objects.create(network=world.hung_yen, library=world.provincial,
                                  code="dia-chi", title_vi="Địa chí")
        ids = []
        for name in ("a", "b"):
            folder = booklet_folder(tmp_path / name, pages=[f"Trang {name} một",
                                                            f"Trang {name} hai"],
                                    title=f"Tập {name}")
            ids += digital_ingest(paths=[folder], library=world.provincial, publish=True,
                                  collection_code="dia-chi").objects
    return [DigitalObject.all_objects.get(pk=i) for i in ids]


@pytest.mark.django_db
def test_fixity_audit_reports_a_corrupted_and_a_lost_master(world, two_objects, settings,
                                                            django_capture_on_commit_callbacks):
    from thuvien.network.services.settings import setting_set

    setting_set(key="digital.fixity_alert_email", value="kho-so@example.org",
                library=world.provincial, actor=None)
    with scopes_disabled():
        files = list(DigitalFile.all_objects.order_by("id"))
    path = default_storage.path(files[0].storage_name)
    with open(path, "r+b") as fh:  # one flipped byte in the middle of the scan
        fh.seek(200)
        byte = fh.read(1)
        fh.seek(200)
        fh.write(bytes([byte[0] ^ 0xFF]))
    default_storage.delete(files[1].storage_name)
    with django_capture_on_commit_callbacks(execute=True):
        job = fixity_enqueue(library=world.provincial, check_all=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.result["checked"] == 4
    assert len(job.result["changed"]) == 2
    assert any("changed" in c for c in job.result["changed"])
    assert any("missing" in c for c in job.result["changed"])
    assert mail.outbox and mail.outbox[0].to == ["kho-so@example.org"]
    with scopes_disabled():
        outcomes = set(FileEvent.all_objects.filter(kind="fixity").values_list("outcome",
                                                                               flat=True))
        assert outcomes == {"success", "changed", "missing"}
        assert DigitalFile.all_objects.filter(fixity_ok=False).count() == 2


@pytest.mark.django_db
def test_collection_bag_validates_and_imports_back(world, two_objects, tmp_path):
    with scopes_disabled():
        page_text_correct(page=Page.all_objects.filter(obj=two_objects[0]).first(),
                          text="Chữ đã hiệu đính", actor=None)
        coll = Collection.objects.get(code="dia-chi")
        bag = bag_export(objects=list(two_objects), target=tmp_path / "bag", collection=coll)
    # the bagit command line (bagit.py --validate) accepts it
    result = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (bag / "bag-info.txt").read_text().count("Địa chí") == 1
    with scopes_disabled():
        report = bag_import(path=bag, library=world.commune_a)
        assert report.refused == [] and len(report.objects) == 2 and report.pages == 4
        copy = DigitalObject.all_objects.get(library=world.commune_a, title="Tập a")
        assert copy.dc == two_objects[0].dc
        texts = list(Page.all_objects.filter(obj=copy).order_by("seq").values_list("text",
                                                                                   flat=True))
        assert texts[0] == "Chữ đã hiệu đính"
    # a tampered bag is refused whole
    (bag / "data" / str(two_objects[0].pk) / "object.json").write_text("{}")
    from thuvien.digital.errors import DigitalError

    with scopes_disabled(), pytest.raises(DigitalError):
        bag_import(path=bag, library=world.commune_b)


@pytest.mark.django_db
def test_command_line_ingest_and_collection_bag(world, tmp_path, capsys):
    from django.core.management import call_command

    folder = booklet_folder(tmp_path / "cli", pages=["Một", "Hai"])
    with scopes_disabled():
        Collection.objects.create(network=world.hung_yen, library=world.provincial,
                                  code="dia-chi", title_vi="Địa chí")
    call_command("digital_ingest", str(folder), "--library", "HY-TINH", "--collection",
                 "dia-chi", "--publish", verbosity=0)
    with scopes_disabled():
        obj = DigitalObject.all_objects.get()
        assert obj.published and obj.collections.get().code == "dia-chi"
    call_command("digital_bag", "export", str(tmp_path / "bag"), "--collection", "dia-chi")
    import bagit

    assert bagit.Bag(str(tmp_path / "bag")).is_valid()
