"""Audit, scenario 4: the province's oversight officer (``thanhtra`` in the demo).

She logs in, opens the province's dashboard, drills into one library, downloads the annual
report as XLSX, and cannot change anything: no staff page she can open shows her a form with
method POST other than her own work, every write operation of the REST API's schema is refused
403, and no row of the libraries' data is added or removed meanwhile. Her own work stays open to her
by design (``Capability.OVERSEE``): making and scheduling reports and the inspector's side of an
evaluation; the session's own forms (library switch, language, logout) are not writes.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import openpyxl
import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron
from thuvien.oversight.services import library_days_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The officer's own work and the session's forms: not a change to a library's data.
OWN = re.compile(
    r"^/(i18n/setlang|accounts/logout|staff/switch-library|staff/oversight/reports/"
    r"(make|schedule|schedules/\d+(/stop)?)|staff/oversight/evaluations/\d+)/?$"
)
DATA_APPS = ("catalog", "holdings", "patrons", "circulation", "digital", "network", "payments",
             "oversight", "accounts")  # fmt: skip
NOT_DATA = {"oversight.reportschedule", "oversight.keptreport", "accounts.loginattempt"}

SUBMIT_EVERY_POST_FORM = r"""async () => {
  const out = [];
  for (const f of document.querySelectorAll('form')) {
    if ((f.getAttribute('method') || 'get').toLowerCase() !== 'post') continue;
    const url = new URL(f.getAttribute('action') || location.href, location.href);
    if (/^\/(accounts\/logout|i18n\/setlang)\//.test(url.pathname)) continue;  // the session's
    const r = await fetch(url.href, {method: 'POST', body: new FormData(f),
                                     credentials: 'same-origin', redirect: 'manual'});
    out.push([url.pathname + url.search, r.status]);
  }
  return out;
}"""


def _rows() -> dict[str, int]:
    with scopes_disabled():
        return {
            m._meta.label_lower: m._base_manager.count()
            for m in apps.get_models()
            if m._meta.app_label in DATA_APPS and m._meta.label_lower not in NOT_DATA
        }


def test_the_oversight_officer_reads_reports_and_changes_nothing(world, page):
    reader = make_patron(world.commune_a)
    with scopes_disabled():
        loan_checkout(item=make_item(world.commune_a), patron=reader, library=world.commune_a,
                      staff=world.users["tienlu_circulation"])  # fmt: skip
    make_item(world.provincial)
    library_days_record()  # the nightly snapshot the dashboard reads
    before = _rows()
    base = page.base_url
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "hy_oversight")
    page.fill("#id_password", "mat-khau-dai-123")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")

    # The province's dashboard, then one library of it.
    year = timezone.localdate().year
    assert page.goto(f"{base}/staff/oversight/?year={year}").status == 200
    assert world.hung_yen.name_vi in page.inner_text("main")
    with page.expect_navigation():
        page.select_option("#switch-library", str(world.commune_a.pk))
    assert page.goto(f"{base}/staff/oversight/report/library/?year={year}").status == 200
    assert world.commune_a.name_vi in page.inner_text("main")

    # The annual report of the province as XLSX, from the dashboard's form.
    page.goto(f"{base}/staff/oversight/?year={year}")
    page.fill("#report-year", str(year))
    page.select_option("#report-format", "xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải báo cáo").first.click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)  # fmt: skip
    assert world.commune_a.name_vi in cells and world.provincial.name_vi in cells

    # Every POST form on every staff page she can open.
    allowed: list[tuple[str, int]] = []
    refused: list[tuple[str, int]] = []
    wrong: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    queue = [base + "/staff/"]
    host = urlparse(base).netloc
    while queue and len(seen) < 120:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", urlparse(url).path)
        if shape in seen:
            continue
        seen.add(shape)
        response = page.goto(url)
        assert response is not None and response.status < 500, url
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        for action, status in page.evaluate(SUBMIT_EVERY_POST_FORM):
            path = action.split("?")[0]
            if OWN.match(path):
                allowed.append((action, status))
            elif status == 403:
                refused.append((action, status))
            else:
                wrong.append((action, status, url))
        for href in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"):
            link = urlparse(href)
            if link.netloc == host and link.path.startswith("/staff/"):
                queue.append(href.split("#")[0])
    assert not wrong, wrong
    # The pages show a read-only role no form it may not submit (``{% allowed %}``, for_writing;
    # staff/tests/test_browser_read_only.py), so she meets none to be refused; the crawl still
    # went through the staff pages.
    assert not refused, refused
    assert len(seen) >= 30, seen

    # Every write operation the API describes, with her session and its CSRF token, acting for
    # a library of her network (X-Library: without it the API answers 404 before any check).
    schema = page.request.get(base + "/api/v1/schema/?format=json").json()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    api_wrong = []
    for path, operations in schema["paths"].items():
        for method in ("post", "put", "patch", "delete"):
            if method not in operations or path == "/api/v1/auth/token/":
                continue
            concrete = re.sub(r"\{code\}", world.commune_a.code, re.sub(r"\{\w+\}", "1", path))
            answer = page.request.fetch(base + concrete, method=method.upper(), data={},
                                        headers={"X-CSRFToken": token, "Referer": base + "/",
                                                 "X-Library": world.commune_a.code})
            if answer.status != 403:
                api_wrong.append((method.upper(), concrete, answer.status))
    assert not api_wrong, api_wrong

    assert _rows() == before
