"""Kiosk transactions over real TCP through the circulation services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from pysip2 import (
    CheckinRequest,
    CheckinResponse,
    CheckoutRequest,
    CheckoutResponse,
    EndPatronSessionRequest,
    EndSessionResponse,
    FeePaidRequest,
    FeePaidResponse,
    ItemInformationRequest,
    ItemInformationResponse,
    LoginRequest,
    PatronInformationRequest,
    PatronInformationResponse,
    PatronStatusRequest,
    PatronStatusResponse,
    RenewRequest,
    RenewResponse,
)

from .client import Sip2TestClient, sip_now

PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def desk(world_tx):
    """A reader and two copies at Tiên Lữ, a copy at Phố Hiến, a reader of Bắc Ninh."""
    from thuvien.circulation.tests.factories import make_item, make_patron, make_record

    with scopes_disabled():
        record = make_record(world_tx.hung_yen, title="Nỗi buồn chiến tranh")
        return {
            "world": world_tx,
            "reader": make_patron(
                world_tx.commune_a,
                full_name="Trần Thị Đào",
                email="dao@example.org",
                address="Thôn Đông, Tiên Lữ",
                password="mat-khau-ban-doc-1",
            ),
            "item": make_item(world_tx.commune_a, record, barcode="TL0001"),
            "item2": make_item(world_tx.commune_a, record, barcode="TL0002"),
            "other_item": make_item(world_tx.commune_b, record, barcode="PH0001"),
            "bn_reader": make_patron(world_tx.bn_provincial, full_name="Lê Văn Bắc"),
        }


@pytest.fixture
def kiosk(sip2_server, desk):
    with Sip2TestClient(*sip2_server) as client:
        answer = client.request(
            LoginRequest(
                uid_algorithm="0",
                pwd_algorithm="0",
                login_user_id="tienlu_circulation",
                login_password=PASSWORD,
            )
        )
        assert answer.ok == "1"
        yield client


def checkout(client, card, barcode, **kw):
    return client.request(
        CheckoutRequest(
            sc_renewal_policy="N",
            no_block="N",
            transaction_date=sip_now(),
            nb_due_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=card,
            item_identifier=barcode,
            terminal_password="",
            **kw,
        )
    )


def checkin(client, barcode):
    return client.request(
        CheckinRequest(
            no_block="N",
            transaction_date=sip_now(),
            return_date=sip_now(),
            current_location="HY-TIENLU",
            institution_id="HY-TIENLU",
            item_identifier=barcode,
            terminal_password="",
        )
    )


def patron_info(client, card, summary=" " * 10, **kw):
    return client.request(
        PatronInformationRequest(
            language="000",
            transaction_date=sip_now(),
            summary=summary,
            institution_id="HY-TIENLU",
            patron_identifier=card,
            **kw,
        )
    )


def test_patron_status_valid_and_unknown(kiosk, desk):
    card = desk["reader"].card_number
    answer = kiosk.request(
        PatronStatusRequest(
            language="000",
            transaction_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=card,
            terminal_password="",
            patron_password="mat-khau-ban-doc-1",
        )
    )
    assert isinstance(answer, PatronStatusResponse)
    assert answer.valid_patron == "Y" and answer.valid_patron_password == "Y"
    assert answer.personal_name == "Trần Thị Đào"
    assert answer.patron_status == " " * 14
    assert answer.currency_type == "VND" and answer.fee_amount == "0"
    unknown = kiosk.request(
        PatronStatusRequest(
            language="000",
            transaction_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier="KHONG-CO",
            terminal_password="",
            patron_password="",
        )
    )
    assert unknown.valid_patron == "N"
    assert unknown.screen_message == ("Không tìm thấy bạn đọc.",)


def test_checkout_then_patron_information_lists_then_checkin(kiosk, desk):
    card = desk["reader"].card_number
    lent = checkout(kiosk, card, "TL0001")
    assert isinstance(lent, CheckoutResponse)
    assert lent.ok == "1" and lent.desensitize == "Y"
    assert lent.title_identifier == "Nỗi buồn chiến tranh"
    assert len(lent.due_date) == 18 and lent.due_date[8:12] == "    "
    assert lent.screen_message[0].startswith("Mượn thành công")

    again = checkout(kiosk, card, "TL0001")
    assert again.ok == "0"
    assert again.screen_message == ("Tài liệu này đang được mượn.",)

    info = patron_info(kiosk, card, summary="  Y       ")
    assert isinstance(info, PatronInformationResponse)
    assert info.charged_items_count == "0001"
    assert info.charged_items == ("TL0001",)
    assert info.hold_items_count == "0000" and info.overdue_items == ()
    assert info.email_address == "dao@example.org"
    assert info.charged_items_limit == "0005" and info.hold_items_limit == "0005"  # defaults
    assert info.home_address == "Thôn Đông, Tiên Lữ"
    not_asked = patron_info(kiosk, card)
    assert not_asked.charged_items_count == "0001" and not_asked.charged_items == ()

    item_info = kiosk.request(
        ItemInformationRequest(
            transaction_date=sip_now(), institution_id="HY-TIENLU", item_identifier="TL0001"
        )
    )
    assert isinstance(item_info, ItemInformationResponse)
    assert item_info.circulation_status == "04"  # charged
    assert item_info.due_date == lent.due_date

    back = checkin(kiosk, "TL0001")
    assert isinstance(back, CheckinResponse)
    assert back.ok == "1" and back.resensitize == "Y" and back.alert == "N"
    assert back.patron_identifier == card
    assert back.permanent_location == "HY-TIENLU"

    twice = checkin(kiosk, "TL0001")
    assert twice.ok == "0"
    assert twice.screen_message == ("Tài liệu này không có trong danh sách đang mượn.",)


def test_item_information_available_and_unknown(kiosk, desk):
    answer = kiosk.request(
        ItemInformationRequest(
            transaction_date=sip_now(), institution_id="HY-TIENLU", item_identifier="TL0002"
        )
    )
    assert answer.circulation_status == "03" and answer.due_date is None
    assert answer.owner == "HY-TIENLU" and answer.media_type == "001"
    missing = kiosk.request(
        ItemInformationRequest(
            transaction_date=sip_now(), institution_id="HY-TIENLU", item_identifier="NOPE"
        )
    )
    assert missing.circulation_status == "01"
    assert missing.screen_message == ("Không tìm thấy tài liệu.",)


def _renew(client, card, barcode):
    return client.request(
        RenewRequest(
            third_party_allowed="N",
            no_block="N",
            transaction_date=sip_now(),
            nb_due_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=card,
            item_identifier=barcode,
        )
    )


def _due_in(barcode, days):
    """The open loan of ``barcode`` falls due in ``days`` (as if lent some days ago)."""
    import datetime as dt

    from django.utils import timezone

    from thuvien.circulation.models import Loan

    with scopes_disabled():
        Loan.all_objects.filter(item__barcode=barcode, returned_at__isnull=True).update(
            due_on=timezone.localdate() + dt.timedelta(days=days)
        )


def test_renew_extends_the_loan(kiosk, desk):
    card = desk["reader"].card_number
    assert checkout(kiosk, card, "TL0002").ok == "1"
    _due_in("TL0002", 2)
    renewed = kiosk.request(
        RenewRequest(
            third_party_allowed="N",
            no_block="N",
            transaction_date=sip_now(),
            nb_due_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=card,
            item_identifier="TL0002",
        )
    )
    assert isinstance(renewed, RenewResponse)
    assert renewed.ok == "1" and renewed.renewal_ok == "Y"
    assert renewed.screen_message[0].startswith("Gia hạn thành công")
    # Another reader cannot renew it.
    other = kiosk.request(
        RenewRequest(
            third_party_allowed="N",
            no_block="N",
            transaction_date=sip_now(),
            nb_due_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=desk["bn_reader"].card_number,
            item_identifier="TL0002",
        )
    )
    assert other.ok == "0"  # a reader of another network is unknown here


def test_wrong_patron_password_refuses_checkout(kiosk, desk):
    answer = checkout(kiosk, desk["reader"].card_number, "TL0001", patron_password="sai")
    assert answer.ok == "0"
    assert answer.screen_message == ("Mật khẩu bạn đọc không đúng.",)


def test_blocked_reader_gets_status_flags_and_plain_message(kiosk, desk):
    from thuvien.patrons.services import patron_block

    with scopes_disabled():
        patron_block(patron=desk["reader"], actor=None, reason="Mất thẻ")
    info = patron_info(kiosk, desk["reader"].card_number)
    assert info.patron_status.startswith("YYYY")
    refused = checkout(kiosk, desk["reader"].card_number, "TL0001")
    assert refused.ok == "0"
    assert refused.screen_message == ("Thẻ bạn đọc đang bị khóa.",)


def test_reader_over_the_fines_limit_is_blocked_as_at_the_desk(kiosk, desk):
    """One rule (circulation's ``patron_checkout_blocks``): a reader owing more than the
    library's limit (50,000 đồng by default) is shown blocked by patron status and patron
    information, with the desk's own sentence, and the kiosk's check-out is refused."""
    from thuvien.circulation.services import fee_create

    reader = desk["reader"]
    fines = "Bạn đọc còn nợ phí vượt mức cho phép. Mời thanh toán trước khi mượn."
    with scopes_disabled():
        fee_create(
            patron=reader,
            library=desk["world"].commune_a,
            kind="overdue",
            amount=Decimal(50000),  # at the limit: not over it
            staff=None,
            description="Quá hạn",
        )
    info = patron_info(kiosk, reader.card_number)
    assert info.patron_status == " " * 14 and not info.screen_message
    with scopes_disabled():
        fee_create(
            patron=reader,
            library=desk["world"].commune_a,
            kind="overdue",
            amount=Decimal(1),
            staff=None,
            description="Quá hạn",
        )
    status = kiosk.request(
        PatronStatusRequest(
            language="000",
            transaction_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=reader.card_number,
            terminal_password="",
            patron_password="mat-khau-ban-doc-1",
        )
    )
    assert status.patron_status == "YYYY      Y   "  # privileges denied, excessive fines
    assert status.screen_message == (fines,)
    info = patron_info(kiosk, reader.card_number)
    assert info.patron_status == "YYYY      Y   " and info.screen_message == (fines,)
    refused = checkout(kiosk, reader.card_number, "TL0001")
    assert refused.ok == "0"
    assert refused.screen_message == (fines,)


def test_fee_paid_settles_the_balance(kiosk, desk):
    from thuvien.circulation.services import fee_create

    reader = desk["reader"]
    with scopes_disabled():
        fee_create(
            patron=reader,
            library=desk["world"].commune_a,
            kind="overdue",
            amount=Decimal(15000),
            staff=None,
            description="Quá hạn",
        )
    info = patron_info(kiosk, reader.card_number, summary="   Y      ")
    assert info.fee_amount == "15000" and info.fine_items_count == "0001"
    assert info.fine_items[0].startswith("15000 VND")

    def pay(amount, currency="VND"):
        return kiosk.request(
            FeePaidRequest(
                transaction_date=sip_now(),
                fee_type="04",
                payment_type="00",
                currency_type=currency,
                fee_amount=amount,
                institution_id="HY-TIENLU",
                patron_identifier=reader.card_number,
            )
        )

    assert pay("15000", currency="USD").payment_accepted == "N"
    assert pay("abc").payment_accepted == "N"
    paid = pay("15000")
    assert isinstance(paid, FeePaidResponse)
    assert paid.payment_accepted == "Y" and paid.transaction_id
    assert patron_info(kiosk, reader.card_number).fee_amount == "0"
    nothing = pay("1000")
    assert nothing.payment_accepted == "N" and nothing.screen_message


def test_end_patron_session(kiosk, desk):
    answer = kiosk.request(
        EndPatronSessionRequest(
            transaction_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier=desk["reader"].card_number,
        )
    )
    assert isinstance(answer, EndSessionResponse) and answer.end_session == "Y"


def test_checkin_at_another_library_sends_the_copy_home(kiosk, desk):
    card = desk["reader"].card_number
    # Lent at Phố Hiến by its own desk, returned at the Tiên Lữ kiosk.
    from thuvien.circulation.services import loan_checkout

    with scopes_disabled():
        loan_checkout(
            item=desk["other_item"],
            patron=desk["reader"],
            library=desk["world"].commune_b,
            staff=desk["world"].users["phohien_circulation"],
        )
    back = checkin(kiosk, "PH0001")
    assert back.ok == "1"
    assert back.alert == "Y" and back.resensitize == "N"
    assert back.permanent_location == "HY-PHOHIEN"
    assert back.patron_identifier == card


def test_vietnamese_folded_for_a_cp850_kiosk(sip2_server, desk):
    from thuvien.network.models import SettingValue

    world = desk["world"]
    SettingValue.objects.create(
        network=world.hung_yen, library=world.commune_a, key="sip2.encoding", value="cp850"
    )
    with Sip2TestClient(*sip2_server, encoding="cp850") as client:
        assert (
            client.request(
                LoginRequest(
                    uid_algorithm="0",
                    pwd_algorithm="0",
                    login_user_id="tienlu_circulation",
                    login_password=PASSWORD,
                )
            ).ok
            == "1"
        )
        info = patron_info(client, desk["reader"].card_number)
        assert info.personal_name == "Tran Thi Dao"


def test_english_kiosk_language_gets_english_messages(kiosk, desk):
    answer = kiosk.request(
        PatronStatusRequest(
            language="001",
            transaction_date=sip_now(),
            institution_id="HY-TIENLU",
            patron_identifier="KHONG-CO",
            terminal_password="",
            patron_password="",
        )
    )
    assert answer.screen_message == ("Reader not found.",)  # needs `make messages`


def test_barcodes_and_cards_whatever_their_case(kiosk, desk):
    """A kiosk's scanner set to lower case: the circulation selectors match any case, and the
    kiosk is not told whom a copy already out is lent to."""
    card = desk["reader"].card_number
    lent = checkout(kiosk, card.lower(), "tl0001")
    assert lent.ok == "1", lent.screen_message
    again = checkout(kiosk, card, "Tl0001")
    assert again.ok == "0" and again.screen_message == ("Tài liệu này đang được mượn.",)
    back = checkin(kiosk, "tl0001")
    assert back.ok == "1", back.screen_message


def test_a_kiosk_does_not_lend_a_restricted_reading_copy(kiosk, desk):
    """Restricted reading (issue 19): read in the reading room by permission, never lent by a
    kiosk; the reader is told why in the desk's own sentence."""
    from thuvien.holdings.services import item_visibility_set

    with scopes_disabled():
        item_visibility_set(
            item=desk["item"], visibility="restricted", actor=desk["world"].users["hy_admin"]
        )
    refused = checkout(kiosk, desk["reader"].card_number, "TL0001")
    assert refused.ok == "0"
    assert refused.screen_message[0].startswith("Tài liệu đọc hạn chế")
    assert checkout(kiosk, desk["reader"].card_number, "TL0002").ok == "1"


def test_a_kiosk_renewal_that_would_not_move_the_due_date_uses_nothing(kiosk, desk):
    """A renewal on the day of the loan, or the same copy renewed twice: refused, counted
    nowhere (the desk's own rule)."""
    from thuvien.circulation.models import Loan

    card = desk["reader"].card_number
    assert checkout(kiosk, card, "TL0002").ok == "1"
    _due_in("TL0002", 2)
    assert _renew(kiosk, card, "TL0002").renewal_ok == "Y"
    again = _renew(kiosk, card, "TL0002")
    assert again.ok == "0" and again.renewal_ok == "N"
    assert again.screen_message[0].startswith("Chưa thể gia hạn")
    with scopes_disabled():
        assert Loan.all_objects.get(item__barcode="TL0002", returned_at__isnull=True).renewals == 1


def test_a_kiosk_does_not_lend_a_copy_another_reader_waits_for(kiosk, desk):
    """SIP2 has no confirmation: the kiosk refuses with the desk's sentence, naming nobody."""
    from thuvien.circulation.models import Loan
    from thuvien.circulation.services import hold_place
    from thuvien.circulation.tests.factories import make_patron

    world = desk["world"]
    with scopes_disabled():
        waiting = make_patron(world.commune_a)
        hold_place(patron=waiting, pickup_library=world.commune_a, actor=None,
                   record=desk["item"].record)  # fmt: skip
    refused = checkout(kiosk, desk["reader"].card_number, "TL0001")
    assert refused.ok == "0"
    assert refused.screen_message[0].startswith("Có bạn đọc khác đang chờ mượn tài liệu này")
    assert waiting.card_number not in " ".join(refused.screen_message)
    with scopes_disabled():
        assert not Loan.all_objects.filter(item=desk["item"]).exists()
    # The waiting reader at the kiosk borrows it: their hold is filled.
    assert checkout(kiosk, waiting.card_number, "TL0001").ok == "1"
