"""A read-only role is offered nothing it may not do (Chromium).

The province's inspector reads; she writes nothing but her own work (reports she makes or
schedules, her side of an evaluation). She logs in, follows every link of the staff pages she
is shown, and on each page: no form that writes, no button that posts, and no link or search
form leads her to a refusal (403). A library's administrator, on the same pages, still has
his forms and buttons: they are shown by the same check the page makes (``{% allowed %}`` /
``view_allowed``, or a view's own ``may_*``), so the two never drift apart.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from thuvien.circulation.services import loan_checkout
from thuvien.circulation.tests.factories import make_item, make_patron, make_record
from thuvien.oversight.services import library_days_record

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-dai-123"
# The inspector's own work and the session's forms: hers to submit.
OWN = re.compile(
    r"^/(i18n/setlang|accounts/logout|staff/switch-library|staff/oversight/reports/"
    r"(make|schedule|schedules/\d+(/stop)?)|staff/oversight/evaluations/\d+)/?$"
)

# Every form and every element that would send something, as the person sees them.
OFFERED = r"""() => {
  const out = [];
  for (const f of document.querySelectorAll('form')) {
    const method = (f.getAttribute('method') || 'get').toLowerCase();
    const url = new URL(f.getAttribute('action') || location.href, location.href);
    if (method === 'get') {
      for (const [k, v] of new FormData(f)) {
        if (typeof v === 'string') url.searchParams.append(k, v);
      }
    }
    out.push({kind: 'form', method, url: url.pathname + url.search,
              label: (f.innerText || '').trim().slice(0, 60)});
  }
  for (const el of document.querySelectorAll('[hx-post],[hx-put],[hx-patch],[hx-delete],'
                                             + '[formaction]')) {
    const raw = el.getAttribute('hx-post') || el.getAttribute('hx-put') ||
                el.getAttribute('hx-patch') || el.getAttribute('hx-delete') ||
                el.getAttribute('formaction');
    const url = new URL(raw, location.href);
    out.push({kind: 'button', method: 'post', url: url.pathname + url.search,
              label: (el.innerText || '').trim().slice(0, 60)});
  }
  return out;
}"""


def _world_with_work(world: Any) -> dict[str, Any]:
    """A record with copies, a reader who borrows, a stocktake, a weeding, an evaluation and
    the night's figures: the staff pages have something to offer."""
    from thuvien.digital.models import DigitalObject
    from thuvien.oversight.models import Evaluation, Stocktake, Weeding

    lib = world.provincial
    record = make_record(world.hung_yen, "Truyện Kiều")
    item = make_item(lib, record=record)
    make_item(lib, record=record)
    reader = make_patron(lib)
    with scopes_disabled():
        loan_checkout(item=make_item(lib), patron=reader, library=lib,
                      staff=world.users["tinh_circulation"])  # fmt: skip
        now = timezone.now()
        stocktake = Stocktake.objects.create(library=lib, started_at=now)
        weeding = Weeding.objects.create(library=lib, created_at=now)
        evaluation = Evaluation.objects.create(library=lib, year=now.year)
        obj = DigitalObject.objects.create(
            library=lib, network=lib.network, title="Địa chí Hưng Yên", ingest_complete=True
        )
    library_days_record()
    return {"record": record, "item": item, "reader": reader, "stocktake": stocktake,
            "weeding": weeding, "evaluation": evaluation, "object": obj}  # fmt: skip


def _log_in(page: Any, username: str) -> None:
    base = page.base_url
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(base + "/staff/")


def _status(page: Any, path: str) -> int:
    return page.request.get(page.base_url + path, max_redirects=5).status


def _crawl(page: Any, also: list[str], limit: int = 120) -> dict[str, list[dict[str, str]]]:
    """Follow the staff links from the dashboard (one page of each shape), then open the pages
    ``also`` by their address and follow theirs: {page: what it offers}. A typed address may
    answer 403 (nothing led there); a link may not."""
    base = page.base_url
    host = urlparse(base).netloc
    seen: set[str] = set()
    queue = [base + "/staff/"]
    typed = [base + path for path in also]
    offered: dict[str, list[dict[str, str]]] = {}
    while queue or typed:
        linked = bool(queue)
        url = queue.pop(0) if queue else typed.pop(0)
        shape = re.sub(r"\d+", "N", urlparse(url).path)
        if shape in seen or len(seen) >= limit + len(also):
            continue
        seen.add(shape)
        answer = page.request.get(url)  # a file (a bag, a PDF) is fetched, not opened
        assert answer.status < 500, url
        if answer.status == 403:
            if linked:
                offered.setdefault(url, []).append({"kind": "link", "url": url, "label": "403"})
            continue
        if "text/html" not in (answer.headers.get("content-type") or ""):
            continue
        page.goto(url)
        offered[url] = page.evaluate(OFFERED)
        for href in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"):
            link = urlparse(href)
            if link.netloc == host and link.path.startswith("/staff/"):
                queue.append(href.split("#")[0])
    return offered


def _main_pages(work: dict[str, Any], world: Any) -> list[str]:
    """The staff pages of each area, typed in as well (some are offered only to who writes)."""
    obj, lib = work["object"].pk, world.provincial.code
    return [
        f"/staff/catalog/records/{work['record'].pk}/", f"/staff/catalog/items/{work['item'].pk}/",
        f"/staff/catalog/records/{work['record'].pk}/form/", "/staff/catalog/labels/",
        "/staff/oversight/stocktakes/", f"/staff/oversight/stocktakes/{work['stocktake'].pk}/",
        "/staff/oversight/weeding/", f"/staff/oversight/weeding/{work['weeding'].pk}/",
        "/staff/oversight/evaluations/library/", "/staff/oversight/figures/",
        f"/staff/oversight/evaluations/library/{work['evaluation'].pk}/",
        "/staff/oversight/training/", "/staff/oversight/registers/", "/staff/digital/",
        f"/staff/digital/{obj}/", f"/staff/digital/{obj}/metadata", f"/staff/digital/{obj}/pages/",
        f"/staff/digital/{obj}/structure", f"/staff/digital/{obj}/collections",
        f"/staff/payments/objects/{obj}/fees/", "/staff/circulation/rules/",
        "/staff/circulation/notices/", f"/staff/network/libraries/{lib}/",
        f"/staff/network/libraries/{lib}/hours/", f"/staff/network/libraries/{lib}/settings/",
        f"/staff/network/libraries/{lib}/closed-days/", f"/staff/network/libraries/{lib}/featured/",
        "/staff/network/", "/staff/network/groups/", "/staff/network/settings/", "/staff/jobs/",
    ]  # fmt: skip


def test_the_inspector_is_offered_nothing_that_answers_403(world, page):
    work = _world_with_work(world)
    page.set_viewport_size({"width": 1200, "height": 900})
    _log_in(page, "hy_oversight")
    offered = _crawl(page, _main_pages(work, world))
    wrong = []
    for url, things in offered.items():
        for thing in things:
            path = thing["url"].split("?")[0]
            if thing["kind"] == "link":
                wrong.append((url, "link to a refused page"))
            elif thing["method"] == "post" and not OWN.match(path):
                wrong.append((url, thing["kind"], thing["url"], thing["label"]))
            elif thing["method"] == "get" and _status(page, thing["url"]) == 403:
                wrong.append((url, "search form", thing["url"]))
    assert not wrong, "\n".join(map(str, wrong))
    assert len(offered) > 25, list(offered)  # the crawl went through the staff pages


def test_a_librarian_still_sees_the_forms_and_buttons(world, page):
    work = _world_with_work(world)
    page.set_viewport_size({"width": 1200, "height": 900})
    _log_in(page, "tinh_library_admin")
    base = page.base_url

    def posts(path: str) -> set[str]:
        assert page.goto(base + path).status == 200, path
        return {t["url"].split("?")[0] for t in page.evaluate(OFFERED) if t["method"] == "post"}

    item, record, reader = work["item"], work["record"], work["reader"]
    assert f"/staff/catalog/items/{item.pk}/" in posts(f"/staff/catalog/items/{item.pk}/")
    page.goto(f"{base}/staff/catalog/records/{record.pk}/")
    for name in ("Sửa", "Thêm bản sao"):
        assert page.get_by_role("link", name=re.compile(name)).count() > 0, name
    assert any(
        f"/patrons/{reader.pk}/" in p for p in posts(f"/staff/circulation/patrons/{reader.pk}/")
    )
    assert "/staff/circulation/rules/" in posts("/staff/circulation/rules/")
    assert any(
        "/settings/" in p
        for p in posts(f"/staff/network/libraries/{world.provincial.code}/settings/")
    )
