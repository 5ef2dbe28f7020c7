"""The reader's portal account: own data only, renew, holds, postal loans, personal data."""

from __future__ import annotations

import json
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.models import Loan

PASSWORD = "mat-khau-ban-doc-1"


def login(client, patron, identifier=None):
    assert client.login(username=identifier or patron.card_number, password=PASSWORD)
    return client


def lend(readers, patron, item, library):
    from thuvien.circulation.services import loan_checkout

    with scopes_disabled():
        return loan_checkout(
            item=item, patron=patron, library=library, staff=readers["world"].users["hy_admin"]
        )


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("opac_account:overview"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_reader_logs_in_with_card_or_email_and_sees_loans_and_fees(client, readers):
    from thuvien.circulation.services import fee_create

    dao = readers["dao"]
    lend(readers, dao, readers["item"], readers["world"].commune_a)
    with scopes_disabled():
        fee_create(
            patron=dao,
            library=readers["world"].commune_a,
            kind="overdue",
            amount=Decimal(5000),
            staff=None,
            description="Quá hạn 2 ngày",
        )
    login(client, dao, identifier="dao@example.org")
    page = client.get(reverse("opac_account:overview")).content.decode()
    assert "Trần Thị Đào" in page
    assert "Dế Mèn phiêu lưu ký" in page and "TL1001" in page
    assert "5.000 đ" in page or "5,000 đ" in page or "5000 đ" in page
    client.logout()
    login(client, dao)  # by card number
    assert client.get(reverse("opac_account:overview")).status_code == 200


def test_renew_own_loan_and_404_for_someone_elses(client, readers):
    mine = lend(readers, readers["dao"], readers["item"], readers["world"].commune_a)
    theirs = lend(readers, readers["binh"], readers["item2"], readers["world"].commune_b)
    login(client, readers["dao"])
    # lent today: a renewal would not move the due date; the reader is told so, nothing used
    response = client.post(reverse("opac_account:loan_renew", args=[mine.pk]), follow=True)
    assert "Chưa thể gia hạn" in response.content.decode()
    mine.refresh_from_db()
    assert mine.renewals == 0
    Loan.all_objects.filter(pk=mine.pk).update(due_on=timezone.localdate())  # due today
    response = client.post(reverse("opac_account:loan_renew", args=[mine.pk]), follow=True)
    assert "Đã gia hạn" in response.content.decode()
    mine.refresh_from_db()
    assert mine.renewals == 1
    assert client.post(reverse("opac_account:loan_renew", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("opac_account:loan_renew", args=[mine.pk])).status_code == 405


def test_place_hold_with_pickup_anywhere_in_the_network_then_cancel(client, readers):
    world = readers["world"]
    login(client, readers["dao"])
    url = reverse("opac_account:hold_place") + f"?record={readers['record'].pk}"
    form = client.get(url).content.decode()
    assert "Thư viện phường Phố Hiến" in form and "Thư viện tỉnh Bắc Ninh" not in form
    response = client.post(url, {"pickup": world.commune_b.pk})
    assert response.status_code == 302
    from thuvien.circulation.selectors import patron_holds

    hold = patron_holds(patron=readers["dao"]).get()
    assert hold.library == world.commune_b
    again = client.post(url, {"pickup": world.commune_b.pk})
    assert again.status_code == 400
    assert "đã đặt trước tài liệu này rồi" in again.content.decode()
    # Bắc Ninh is not a valid pickup place for a Hưng Yên reader.
    assert client.post(url, {"pickup": world.bn_provincial.pk}).status_code == 400
    response = client.post(reverse("opac_account:hold_cancel", args=[hold.pk]), follow=True)
    assert "Đã hủy" in response.content.decode()
    assert not patron_holds(patron=readers["dao"]).exists()


def test_another_readers_hold_is_404(client, readers):
    from thuvien.circulation.services import hold_place

    with scopes_disabled():
        hold = hold_place(
            patron=readers["binh"],
            pickup_library=readers["world"].commune_b,
            actor=None,
            record=readers["record"],
        )
    login(client, readers["dao"])
    assert client.post(reverse("opac_account:hold_cancel", args=[hold.pk])).status_code == 404
    assert "Dế Mèn" not in client.get(reverse("opac_account:overview")).content.decode()


def test_record_of_another_network_is_explained_and_garbage_is_404(client, readers):
    login(client, readers["dao"])
    base = reverse("opac_account:hold_place")
    other = client.get(f"{base}?record={readers['other_record'].pk}")
    assert other.status_code == 200 and "mượn liên thư viện" in other.content.decode()
    assert "<form" not in other.content.decode().split("<main", 1)[1].split("</main>")[0]
    assert client.get(f"{base}?record=abc").status_code == 404
    assert client.get(base).status_code == 404


def test_postal_request(client, readers):
    login(client, readers["dao"])
    url = reverse("opac_account:postal")
    page = client.get(f"{url}?record={readers['record'].pk}").content.decode()
    assert "Thôn Đông" in page and "Dế Mèn" in page
    short = client.post(url, {"record": [readers["record"].pk], "address": "ngắn"})
    assert short.status_code == 400 and "địa chỉ" in short.content.decode()
    ok = client.post(
        url, {"record": [readers["record"].pk], "address": "Số 5, thôn Đông, xã Tiên Lữ"}
    )
    assert ok.status_code == 302
    from thuvien.circulation.models import PostalRequest

    assert PostalRequest.all_objects.filter(patron=readers["dao"]).count() == 1


def test_personal_data_export_and_deletion_request(client, readers):
    login(client, readers["dao"])
    page = client.get(reverse("opac_account:privacy")).content.decode()
    assert "Tải về" in page
    export = client.get(reverse("opac_account:privacy_export"))
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["patron"]["card_number"] == readers["dao"].card_number
    assert data["patron"]["full_name"] == "Trần Thị Đào"
    response = client.post(reverse("opac_account:privacy_delete"), follow=True)
    assert "Đã ghi nhận yêu cầu xóa dữ liệu" in response.content.decode()
    from thuvien.patrons.models import DeletionRequest

    assert DeletionRequest.all_objects.filter(patron=readers["dao"], status="pending").exists()


def test_staff_without_card_sees_a_plain_message(client, readers):
    client.force_login(readers["world"].users["tinh_cataloguer"])
    response = client.get(reverse("opac_account:overview"))
    assert response.status_code == 200
    assert "chưa gắn với thẻ bạn đọc" in response.content.decode()
    assert client.post(reverse("opac_account:hold_cancel", args=[1])).status_code == 404


def test_english_page(client, readers):
    login(client, readers["dao"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/"})
    page = client.get(reverse("opac_account:overview")).content.decode()
    assert "Books on loan" in page and "You have nothing on loan." in page
