"""Circular 05/2020: Mẫu 01 from the library with the system's own figures, the evaluating
body's schedule (10 working days' notice), draft, the library's answer, Mẫu 02 — in order,
in a browser as the two people do it, and refused out of order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thuvien.core.models import AuditEntry
from thuvien.network.models import ClosedDay
from thuvien.oversight import evaluation as ev
from thuvien.oversight.errors import OversightError, OversightErrorCode
from thuvien.oversight.models import Evaluation

YEAR = timezone.localdate().year


@pytest.mark.django_db
def test_working_days_skip_weekends_and_the_networks_holidays(world):
    net = world.hung_yen
    friday = dt.date(2026, 4, 24)
    assert ev.working_days_after(network=net, start=friday, days=1) == dt.date(2026, 4, 27)
    ClosedDay.objects.create(network=net, date=dt.date(2026, 4, 30), reason="30/4")
    ClosedDay.objects.create(network=net, date=dt.date(2026, 5, 1), reason="1/5")
    wednesday = dt.date(2026, 4, 29)
    assert ev.working_days_after(network=net, start=wednesday, days=1) == dt.date(2026, 5, 4)


@pytest.mark.django_db
def test_the_steps_go_in_order_with_the_circulars_rules(busy_world):
    library, head = busy_world.provincial, busy_world.users["tinh_library_admin"]
    inspector = busy_world.users["hy_oversight"]
    e = ev.evaluation_start(library=library, year=YEAR, actor=head)
    figures = {label: value for _s, label, value, _n in e.figures}
    assert figures["Số bản tài liệu cuối kỳ"] == "4"
    with pytest.raises(OversightError) as exc:
        ev.evaluation_start(library=library, year=YEAR, actor=head)
    assert exc.value.code == OversightErrorCode.EVALUATION_EXISTS

    # The inspector cannot draft before the library submits.
    with pytest.raises(OversightError) as exc:
        ev.evaluation_draft(evaluation=e, actor=inspector, comments="x", score=50)
    assert exc.value.code == OversightErrorCode.EVALUATION_STEP
    with pytest.raises(OversightError) as exc:
        ev.evaluation_self_save(evaluation=e, actor=head, results="", limits="", proposals="",
                                score=None, submit=True)  # fmt: skip
    assert exc.value.field == "self_results"
    with pytest.raises(OversightError) as exc:
        ev.evaluation_self_save(evaluation=e, actor=head, results="a", limits="b",
                                proposals="", score="101")  # fmt: skip
    assert exc.value.code == OversightErrorCode.SCORE_RANGE
    e = ev.evaluation_self_save(evaluation=e, actor=head, results="Tốt", limits="Ít chỗ ngồi",
                                proposals="", score="85", submit=True)  # fmt: skip
    assert e.status == Evaluation.Status.SELF_SUBMITTED

    monday = dt.date(2026, 6, 1)
    with pytest.raises(OversightError) as exc:
        ev.evaluation_schedule(
            evaluation=e, actor=inspector, method="online",
            notified_on=monday, evaluation_on=monday + dt.timedelta(days=13),
        )  # fmt: skip
    assert exc.value.code == OversightErrorCode.NOTICE_TOO_SHORT
    e = ev.evaluation_schedule(evaluation=e, actor=inspector, method="online",
                               notified_on=monday, evaluation_on=dt.date(2026, 6, 15))  # fmt: skip
    e = ev.evaluation_draft(evaluation=e, actor=inspector, comments="Hoàn thành tốt", score=80)
    e = ev.evaluation_answer(evaluation=e, actor=head, answer="Nhất trí")
    e = ev.evaluation_finalise(evaluation=e, actor=inspector, comments="Kết luận", score=82)
    assert (e.status, e.final_score) == (Evaluation.Status.FINAL, 82)
    with pytest.raises(OversightError):
        ev.evaluation_answer(evaluation=e, actor=head, answer="Sửa lại")
    actions = set(AuditEntry.objects.filter(object_id=str(e.pk)).values_list("action", flat=True))
    steps = ("started", "self_submitted", "scheduled", "drafted", "answered", "finalised")
    assert {f"oversight.evaluation.{step}" for step in steps} <= actions
    deadlines = ev.evaluation_deadlines(e)
    assert deadlines[1].due == dt.date(2026, 6, 17) and all(d.done for d in deadlines)


@pytest.mark.django_db
def test_each_side_sees_only_its_own(busy_world, staff_client):
    e = ev.evaluation_start(library=busy_world.provincial, year=YEAR,
                            actor=busy_world.users["tinh_library_admin"])  # fmt: skip
    other_head = staff_client(busy_world.users["tienlu_library_admin"], busy_world.commune_a)
    assert other_head.get(f"/staff/oversight/evaluations/library/{e.pk}/").status_code == 404
    assert other_head.get(f"/staff/oversight/evaluations/{e.pk}/").status_code == 403
    bn = staff_client(busy_world.users["bn_library_admin"], busy_world.bn_provincial)
    assert bn.get(f"/staff/oversight/evaluations/library/{e.pk}/").status_code == 404
    inspector = staff_client(busy_world.users["hy_oversight"], busy_world.provincial)
    assert inspector.get(f"/staff/oversight/evaluations/{e.pk}/").status_code == 200
    page = inspector.post(f"/staff/oversight/evaluations/{e.pk}/", {"action": "draft",
                          "draft_comments": "x"})  # fmt: skip
    assert page.status_code == 400 and "Bước này không làm được" in page.content.decode()
    junk = {"action": "schedule", "method": "online", "notified_on": "junk"}
    bad = inspector.post(f"/staff/oversight/evaluations/{e.pk}/", junk)
    assert bad.status_code == 400


def _login(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(page.base_url + "/staff/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_mau_01_to_mau_02_in_a_browser(world, page):
    base = page.base_url
    _login(page, "tinh_library_admin")
    page.goto(base + "/staff/oversight/evaluations/library/")
    page.fill("#ev-year", str(YEAR))
    page.click("text=Lập Mẫu 01")
    page.wait_for_selector("#mau-01")
    library_page = page.url
    page.fill("#self_results", "Phục vụ 12.000 lượt bạn đọc; số hóa 300 tài liệu địa chí.")
    page.fill("#self_limits", "Thiếu chỗ ngồi cho thiếu nhi.")
    page.fill("#self_score", "88")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Đã gửi Mẫu 01")

    _login(page, "hy_oversight")
    page.goto(base + f"/staff/oversight/evaluations/?year={YEAR}")
    page.click("table a:has-text('Thư viện tỉnh Hưng Yên')")
    page.select_option("#method", "online")
    page.fill("#notified_on", "2026-06-01")
    page.fill("#evaluation_on", "2026-06-05")  # too soon: 10 working days are needed
    page.click("button[value=schedule]")
    assert "ít nhất 10 ngày làm việc" in page.inner_text(".field-error")
    page.fill("#evaluation_on", "2026-06-15")
    page.click("button[value=schedule]")
    page.wait_for_selector("#draft")
    page.fill("#draft_comments", "Thư viện hoàn thành tốt nhiệm vụ.")
    page.fill("#draft_score", "85")
    page.click("button[value=draft]")
    page.wait_for_selector("text=Đã có dự thảo kết quả")

    _login(page, "tinh_library_admin")
    page.goto(library_page)
    page.fill("#library_answer", "Thư viện nhất trí với dự thảo.")
    page.click("button[value=answer]")
    page.wait_for_selector("text=Thư viện đã có ý kiến")

    _login(page, "hy_oversight")
    page.goto(base + f"/staff/oversight/evaluations/?year={YEAR}")
    page.click("table a:has-text('Thư viện tỉnh Hưng Yên')")
    page.fill("#final_score", "86")
    page.click("button[value=final]")
    page.wait_for_selector("#mau-02")
    result = page.inner_text("#mau-02")
    assert "Thư viện hoàn thành tốt nhiệm vụ." in result and "86" in result
    assert "Trực tuyến qua phần mềm" in page.inner_text("main")  # the method chosen is kept
    page.screenshot(path="/tmp/thuvien-browser-evaluation.png", full_page=True)

    _login(page, "tinh_library_admin")
    page.goto(library_page)
    assert "86" in page.inner_text("#mau-02")
