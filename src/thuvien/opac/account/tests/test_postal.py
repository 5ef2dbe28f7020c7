"""Postal loans as the reader meets them in the portal: the list of requests sent, errors next
to the field they are about, an address of any length refused in words, one request per form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from thuvien.circulation.models import PostalRequest, PostalStatus
from thuvien.circulation.services import postal_request_mark

from .test_views import login

pytestmark = pytest.mark.django_db

ADDRESS = "Số 5, thôn Đông, xã Tiên Lữ, tỉnh Hưng Yên"


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _form(client, readers):
    url = reverse("opac_account:postal") + f"?record={readers['record'].pk}"
    return url, client.get(url).content.decode()


def test_no_book_ticked_names_the_books(client, readers):
    login(client, readers["dao"])
    url, page = _form(client, readers)
    response = client.post(url, {"address": ADDRESS, "token": _token(page)})
    assert response.status_code == 400
    body = response.content.decode()
    error = re.search(r'<p class="field-error" id="books-error"[^>]*>([^<]+)</p>', body)
    assert error and "Hãy đánh dấu ít nhất một tài liệu" in error.group(1)
    assert 'id="address-error"' not in body
    # the book is still offered, unticked, and nothing was asked for
    assert f'name="record" value="{readers["record"].pk}">' in body
    assert not PostalRequest.all_objects.filter(patron=readers["dao"]).exists()


def test_a_100000_character_address_is_refused_in_words(client, readers):
    login(client, readers["dao"])
    url, page = _form(client, readers)
    response = client.post(
        url,
        {"record": [readers["record"].pk], "address": "x" * 100_000, "token": _token(page)},
    )
    assert response.status_code == 400
    body = response.content.decode()
    error = re.search(r'<p class="field-error" id="address-error"[^>]*>([^<]+)</p>', body)
    assert error and "100.000" in error.group(1) and "255" in error.group(1)
    assert 'maxlength="255"' in body
    assert not PostalRequest.all_objects.filter(patron=readers["dao"]).exists()


def test_the_same_form_twice_is_one_request_and_the_reader_sees_it(client, readers):
    login(client, readers["dao"])
    url, page = _form(client, readers)
    data = {"record": [readers["record"].pk], "address": ADDRESS, "token": _token(page)}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert PostalRequest.all_objects.filter(patron=readers["dao"]).count() == 1
    listing = client.get(reverse("opac_account:postal")).content.decode()
    section = listing.split('id="requests"')[1]
    assert "Dế Mèn phiêu lưu ký" in section and "Đang chờ thư viện xử lý" in section
    assert section.count('<li class="card">') == 1

    # a new form (a new token) for the same book: refused, saying when it was asked for
    url, page = _form(client, readers)
    again = client.post(url, {**data, "token": _token(page)})
    assert again.status_code == 400
    body = again.content.decode()
    assert "Bạn đã gửi yêu cầu mượn “Dế Mèn phiêu lưu ký” qua bưu chính lúc" in body
    assert PostalRequest.all_objects.filter(patron=readers["dao"]).count() == 1

    # what the library does shows in the reader's list
    with scopes_disabled():
        request = PostalRequest.all_objects.get(patron=readers["dao"])
        postal_request_mark(request=request, status=PostalStatus.CANCELLED, staff=None)
    section = client.get(reverse("opac_account:postal")).content.decode().split('id="requests"')[1]
    assert "Đã hủy" in section


def test_another_readers_requests_stay_invisible(client, readers):
    login(client, readers["dao"])
    url, page = _form(client, readers)
    client.post(url, {"record": [readers["record"].pk], "address": ADDRESS, "token": _token(page)})
    client.logout()
    login(client, readers["binh"])
    body = client.get(reverse("opac_account:postal")).content.decode()
    assert "Dế Mèn phiêu lưu ký" not in body.split('id="requests"')[1]
    assert "Bạn chưa gửi yêu cầu mượn qua bưu chính nào." in body


def test_english_reader_reads_english(client, readers):
    login(client, readers["dao"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    url, page = _form(client, readers)
    body = client.post(url, {"address": ADDRESS, "token": _token(page)}).content.decode()
    assert "Tick at least one book" in body
    body = client.post(
        url, {"record": [readers["record"].pk], "address": "x" * 300, "token": _token(page)}
    ).content.decode()
    assert "The delivery address is 300 characters long" in body
    assert "Requests you have sent" in body


def test_a_pasted_address_keeps_no_control_character(client, readers):
    """Found by audit: an address pasted with NUL and ESC (and in NFD) was stored as sent;
    PostgreSQL refuses a NUL in text (a 500) and the parcel label would print garbage."""
    login(client, readers["dao"])
    url, page = _form(client, readers)
    pasted = "Sô\u0301 5,\x00 thôn Đông\x1b[31m, xã Tiên Lữ,\x7f tỉnh Hưng Yên\u0085"
    response = client.post(
        url, {"record": [readers["record"].pk], "address": pasted, "token": _token(page)}
    )
    assert response.status_code == 302
    with scopes_disabled():
        address = PostalRequest.all_objects.get(patron=readers["dao"]).address
    assert address == "Số 5, thôn Đông[31m, xã Tiên Lữ, tỉnh Hưng Yên"
