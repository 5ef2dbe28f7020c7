"""Postal loans, the reader's side: what a request must hold, and the same request never twice."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.errors import CirculationError, CirculationErrorCode
from thuvien.circulation.models import PostalRequest, PostalStatus
from thuvien.circulation.selectors import patron_postal_requests
from thuvien.circulation.services import postal_request_create, postal_request_mark
from thuvien.circulation.services.postal import ADDRESS_MAX_LENGTH

from .factories import make_patron, make_record

pytestmark = pytest.mark.django_db

ADDRESS = "Số 5, thôn Đông, xã Tiên Lữ, tỉnh Hưng Yên"


@pytest.fixture
def reader(world):
    with scopes_disabled():
        return make_patron(world.commune_a, full_name="Trần Thị Đào", address=ADDRESS)


@pytest.fixture
def books(world):
    with scopes_disabled():
        return [make_record(world.hung_yen, title=t) for t in ("Dế Mèn phiêu lưu ký", "Số đỏ")]


def _create(reader, records, address=ADDRESS, token=""):
    with scopes_disabled():
        return postal_request_create(
            patron=reader, items_or_records=records, address=address, actor=None, token=token
        )


def test_no_book_names_the_books_not_the_address(reader):
    for address in (ADDRESS, "", "ngắn"):
        with pytest.raises(CirculationError) as caught:
            _create(reader, [], address=address)
        assert caught.value.field == "items"
        assert "tài liệu" in caught.value.message and "địa chỉ" not in caught.value.message


def test_an_address_is_between_10_and_255_characters(reader, books):
    with pytest.raises(CirculationError) as caught:
        _create(reader, books, address="x" * 100_000)
    assert caught.value.field == "address"
    assert caught.value.code == CirculationErrorCode.POSTAL_INVALID.value
    assert f"{ADDRESS_MAX_LENGTH}" in caught.value.message and "100.000" in caught.value.message
    with pytest.raises(CirculationError) as caught:
        _create(reader, books, address="ngắn")
    assert caught.value.field == "address"
    request = _create(reader, books, address="  " + "đ" * ADDRESS_MAX_LENGTH + "  ")
    assert request.address == "đ" * ADDRESS_MAX_LENGTH  # nothing cut silently
    assert not PostalRequest.all_objects.filter(address__startswith="x").exists()


def test_the_same_open_request_is_refused_with_a_clear_message(reader, books):
    first = _create(reader, books)
    with pytest.raises(CirculationError) as caught:
        _create(reader, list(reversed(books)))
    assert caught.value.code == CirculationErrorCode.POSTAL_DUPLICATE.value
    assert caught.value.field == "items"
    assert "Dế Mèn phiêu lưu ký" in caught.value.message
    # one book already asked for is enough to refuse: it cannot be posted twice
    with pytest.raises(CirculationError):
        _create(reader, books[1:])
    assert PostalRequest.all_objects.filter(patron=reader).count() == 1
    # once the request is over, the reader may ask again
    with scopes_disabled():
        postal_request_mark(request=first, status=PostalStatus.CANCELLED, staff=None)
    assert _create(reader, books).pk != first.pk


def test_a_form_sent_twice_makes_one_request(reader, books):
    first = _create(reader, books, token="mot-lan-1")
    again = _create(reader, books, token="mot-lan-1")
    assert again.pk == first.pk
    assert PostalRequest.all_objects.filter(patron=reader).count() == 1
    assert first.lines.count() == 2
    with pytest.raises(CirculationError) as caught:  # back, other books ticked, same form
        _create(reader, books[:1], token="mot-lan-1")
    assert "đã được gửi" in caught.value.message


def test_the_reader_lists_their_requests_with_status(reader, books, world):
    with scopes_disabled():
        other = make_patron(world.commune_a, address=ADDRESS)
    _create(reader, books[:1])
    _create(reader, books[1:])
    _create(other, books[:1])
    with scopes_disabled():
        rows = list(patron_postal_requests(patron=reader))
    assert len(rows) == 2
    assert rows[0].created_at >= rows[1].created_at  # newest first
    assert {line.record.title for row in rows for line in row.lines.all()} == {
        "Dế Mèn phiêu lưu ký",
        "Số đỏ",
    }
    assert all(row.status == PostalStatus.REQUESTED for row in rows)
