"""The audit log page: library admins read their library's entries, network admins the whole
network's; filters; paginated with pinned query counts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from thuvien.core.audit import audit_record
from thuvien.core.models import AuditEntry

DATA = Path(__file__).resolve().parents[5] / ".." / "shared" / "data" / "marc"


def _entries(world, n_a=60, n_b=3):
    actor_a = world.users["tienlu_cataloguer"]
    for i in range(n_a):
        audit_record(
            actor=actor_a,
            action="catalog.record.updated",
            obj=world.commune_a,
            changes={"title": [f"cũ {i}", f"mới {i}"]},
        )
    for _ in range(n_b):
        audit_record(
            actor=world.users["phohien_cataloguer"],
            action="circulation.loan.checked_out",
            obj=world.commune_b,
        )


@pytest.mark.django_db
def test_library_admin_reads_own_library_only(staff_client, world):
    _entries(world, n_a=3)
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    html = client.get(reverse("people:audit")).content.decode()
    assert "<td>Sửa biểu ghi</td>" in html and "<td>catalog.record.updated" not in html
    assert "<td>Cho mượn</td>" not in html


@pytest.mark.django_db
def test_network_admin_reads_the_network(staff_client, world):
    _entries(world, n_a=3)
    audit_record(actor=None, action="network.library.updated", obj=world.bn_provincial)
    client = staff_client(world.users["hy_admin"], world.provincial)
    html = client.get(reverse("people:audit")).content.decode()
    assert "<td>Sửa biểu ghi</td>" in html and "<td>Cho mượn</td>" in html
    assert "<td>Sửa thông tin thư viện</td>" not in html  # another network


@pytest.mark.django_db
def test_filters(staff_client, world):
    _entries(world, n_a=3)
    old = AuditEntry.objects.filter(library=world.commune_a).first()
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    client = staff_client(world.users["hy_admin"], world.provincial)
    url = reverse("people:audit")
    html = client.get(url, {"action": "circulation"}).content.decode()
    assert "<td>Cho mượn</td>" in html and "<td>Sửa biểu ghi</td>" not in html
    html = client.get(url, {"user": "phohien_cataloguer"}).content.decode()
    assert "<td>Sửa biểu ghi</td>" not in html
    today = timezone.localdate()
    page = client.get(url, {"date_from": (today - dt.timedelta(days=1)).isoformat()})
    assert len(page.context["page"].object_list) == 5
    page = client.get(url, {"date_to": (today - dt.timedelta(days=5)).isoformat()})
    assert len(page.context["page"].object_list) == 1
    bad = client.get(url, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert bad.status_code == 200 and "Ngày kết thúc" in bad.content.decode()
    assert client.get(url, {"date_from": "không-phải-ngày"}).status_code == 200


@pytest.mark.django_db
def test_pagination_and_pinned_query_count(staff_client, world, django_assert_num_queries):
    _entries(world, n_a=60)
    client = staff_client(world.users["tienlu_library_admin"], world.commune_a)
    url = reverse("people:audit")
    client.get(url)  # warm up (content types, session)
    # session, user, memberships (access), staff libraries, count, page of entries (+ actor,
    # library joined)
    with django_assert_num_queries(6):
        first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    with django_assert_num_queries(6):
        second = client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 10


@pytest.mark.django_db
def test_the_network_admin_reads_the_network_log_and_the_inspector_does_not(staff_client, world):
    """The log names the readers a desk served; an inspection reads figures, not readers
    (``readers_data``): the oversight officer is neither offered nor shown it."""
    _entries(world, n_a=2)
    client = staff_client(world.users["hy_admin"], world.provincial)
    html = client.get(reverse("people:audit")).content.decode()
    assert "<td>Sửa biểu ghi</td>" in html and "<td>Cho mượn</td>" in html
    client.logout()
    client = staff_client(world.users["hy_oversight"], world.provincial)
    assert "people/audit/" not in client.get("/staff/").content.decode()
    assert client.get(reverse("people:audit")).status_code == 403


@pytest.mark.django_db
def test_entries_read_as_words_not_codes(staff_client, world):
    """No internal code on the screen: actions, objects and changes are named in words."""
    from thuvien.circulation.services import loan_checkout
    from thuvien.circulation.tests.factories import make_item, make_patron
    from thuvien.network.services import setting_set

    patron = make_patron(world.provincial)
    item = make_item(world.provincial, barcode="DM0010000000582")
    loan = loan_checkout(
        item=item, patron=patron, library=world.provincial, staff=world.users["tinh_circulation"]
    )
    setting_set(
        key="circulation.copy_fee_per_page",
        value=700,
        library=world.provincial,
        actor=world.users["tinh_library_admin"],
    )
    client = staff_client(world.users["tinh_library_admin"], world.provincial)
    html = client.get(reverse("people:audit")).content.decode().split('class="filters"')[1]
    html = html.split("</form>", 1)[1]  # the table, not the filter's option values
    for code in ("circulation.loan.checked_out", "SettingValue object", f"loan {loan.pk}",
                 "network.setting.set"):  # fmt: skip
        assert code not in html, code
    assert "<td>Cho mượn</td>" in html and "<td>Đổi cài đặt</td>" in html
    assert f"Lượt mượn · #{loan.pk} · DM0010000000582" in html
    assert "Cài đặt · #" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    html = client.get(reverse("people:audit")).content.decode()
    assert "<td>Check out</td>" in html and f"Loan · #{loan.pk}" in html


_ROW = re.compile(r"<div><strong>([^<]*)</strong>: ([^<]*)</div>")


@pytest.mark.django_db
def test_the_log_of_real_work_reads_as_words_in_both_languages(staff_client, world, settings):
    """What an audit of the demo found on this page: "file: test__marc8.dat", "override:"
    with nothing after it, "Vai trò: — → circulation", "Hạn thẻ: 2026-12-22", "Số tiền:
    20000", a blocked card without its reason. The work is done through the services; the
    page must name every detail, a role by its name, dates as dd/mm/yyyy, money as money."""
    from django_scopes import scopes_disabled

    from thuvien.accounts.models import Membership, Role
    from thuvien.accounts.services import membership_change_role
    from thuvien.catalog.services import import_run
    from thuvien.circulation.services import fee_create, loan_checkout, loan_renew
    from thuvien.circulation.tests.factories import make_item, make_patron, make_record
    from thuvien.patrons.services import patron_block, patron_renew_card

    admin = world.users["hy_admin"]
    with scopes_disabled():
        marc = DATA / "pymarc-tests" / "test__marc8.dat"
        import_run(paths=[marc], file_names=[marc.name], network=world.hung_yen, actor=admin)
        membership = Membership.objects.get(user=world.users["tienlu_cataloguer"])
        circulation = Role.objects.get(code="circulation")
        membership_change_role(actor=admin, membership=membership, role=circulation)
        patron = make_patron(world.commune_a, full_name="Lê Văn Khóa")
        patron_renew_card(patron=patron, actor=admin)
        fee_create(patron=patron, library=world.commune_a, kind="damaged", amount=20000,
                   staff=admin, description="Rách bìa")  # fmt: skip
        item = make_item(world.commune_a, make_record(world.hung_yen), barcode="TL9001")
        loan = loan_checkout(item=item, patron=patron, library=world.commune_a, staff=admin)
        # due today: the renewal moves it (one on the day of the loan would not, and is refused)
        type(loan).all_objects.filter(pk=loan.pk).update(due_on=timezone.localdate())
        loan.refresh_from_db()
        loan_renew(loan=loan, actor=admin, library=world.commune_a)
        patron_block(patron=patron, actor=admin, reason="Mất thẻ, chờ xác minh")
        patron.refresh_from_db()
    client = staff_client(admin, world.provincial)
    for language, role_name, money in (("vi", circulation.name_vi, "20.000 đ"),
                                       ("en", circulation.name_en, "20,000 đ")):  # fmt: skip
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(reverse("people:audit")).content.decode()
        rows = _ROW.findall(html)
        assert len(rows) > 10, rows
        for label, text in rows:
            assert not re.fullmatch(r"[a-z0-9_ ]+", label), (language, label, text)
            assert text.strip(), (language, label)  # an empty value reads "—"
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text), (language, label, text)
            assert "None" not in text, (language, label, text)
            if "test__marc8.dat" not in text:  # a file's name is data
                assert "_" not in text, (language, label, text)
        texts = " | ".join(text for _label, text in rows)
        assert f" → {role_name}" in texts and "→ circulation" not in texts
        assert money in texts
        assert patron.expires_on.strftime("%d/%m/%Y") in texts
        assert "Mất thẻ, chờ xác minh" in texts
        assert "test__marc8.dat" in texts
