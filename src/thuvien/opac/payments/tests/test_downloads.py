"""Download control on the portal's PDF: works not in the public domain carry a visible
watermark (library, a hash of the reader's card, the date); the public domain downloads as it
is; a daily limit per reader and object, counted in UsageCount and refused past it."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.digital.models import UsageCount
from thuvien.payments.tests.conftest import make_object

pytestmark = pytest.mark.django_db


def _subject(content: bytes) -> str | None:
    with pikepdf.open(io.BytesIO(content)) as doc:
        value = doc.docinfo.get("/Subject")
        return str(value) if value is not None else None


def test_in_copyright_pdf_is_watermarked_for_the_reader(world, reader, tmp_path):
    obj = make_object(world, tmp_path, access="registered", price=None, rights="in_copyright")
    response = reader.get(f"/digital/{obj.pk}/pdf")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    mark = _subject(content)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert mark is not None and mark.startswith("Thư viện tỉnh Hưng Yên · Bạn đọc ")
    assert mark.endswith(today)
    with scopes_disabled():
        from thuvien.patrons.models import Patron

        card = Patron.all_objects.get(user=reader.user).card_number
    assert card not in mark
    path = tmp_path / "dl.pdf"
    path.write_bytes(content)
    drawn = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "tỉnh Hưng Yên" in drawn


def test_public_domain_pdf_is_not_watermarked(world, tmp_path):
    obj = make_object(world, tmp_path, access="open", price=None, rights="public_domain")
    response = Client().get(f"/digital/{obj.pk}/pdf")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert "Thư viện" not in (_subject(content) or "")
    with pikepdf.open(io.BytesIO(content)) as doc:
        assert len(list(doc.pages[0].Resources.XObject.keys())) == 1  # the scan alone


def test_daily_download_limit_per_reader(world, reader, tmp_path, staff_client):
    obj = make_object(world, tmp_path, access="registered", price=None, rights="public_domain")
    staff = staff_client(world.users["tinh_library_admin"], world.provincial)
    saved = staff.post(f"/staff/payments/objects/{obj.pk}/fees/",
                       {"price": "", "download_limit": "2"})
    assert saved.status_code == 302
    for _n in range(2):
        assert reader.get(f"/digital/{obj.pk}/pdf").status_code == 200
    refused = reader.get(f"/digital/{obj.pk}/pdf")
    assert refused.status_code == 429
    assert "bằng giới hạn của thư viện" in refused.content.decode()
    with scopes_disabled():
        assert UsageCount.all_objects.get(obj=obj).downloads == 2
    # the library's own staff are not limited
    assert staff.get(f"/digital/{obj.pk}/pdf").status_code == 200


def test_library_wide_limit_asks_anonymous_visitors_to_log_in(world, tmp_path):
    from thuvien.network.services.settings import setting_set

    obj = make_object(world, tmp_path, access="open", price=None, rights="public_domain")
    with scopes_disabled():
        setting_set(key="digital.download_limit_per_day", value=1, library=world.provincial,
                    actor=None)
    assert Client().get(f"/digital/{obj.pk}/pdf").status_code == 401


def test_staff_set_a_price_in_whole_dong_and_bad_input_is_refused(world, tmp_path,
                                                                  staff_client):
    obj = make_object(world, tmp_path, price=None)
    staff = staff_client(world.users["tinh_library_admin"], world.provincial)
    for bad in ("12,5", "-3", "mười nghìn", "1e5"):
        answer = staff.post(f"/staff/payments/objects/{obj.pk}/fees/", {"price": bad})
        assert answer.status_code == 400, bad
        assert "số nguyên không âm" in answer.content.decode()
    assert staff.post(f"/staff/payments/objects/{obj.pk}/fees/",
                      {"price": "15.000"}).status_code == 302
    obj.refresh_from_db()
    assert obj.price == 15000 and isinstance(obj.price, int)
    # another library's staff: 404, as for an object that does not exist
    other = staff_client(world.users["thpt_library_admin"], world.school)
    assert other.get(f"/staff/payments/objects/{obj.pk}/fees/").status_code == 404
