"""The result page's Python renderers give the markup of the templates they replaced.

The reference (``reference_content.html``) is the ``content`` block of ``results.html`` as it
was before ``render.content_html`` (commit 52615ed); each page is rendered both ways and compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from thuvien.core.outbox import outbox_drain
from thuvien.holdings.models import ItemStatus
from thuvien.opac.search import views
from thuvien.search.tests.factories import make_item, make_record

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).parent / "reference_content.html").read_text(encoding="utf-8")


@pytest.fixture
def catalogue(world):
    for n in range(25):
        record = make_record(
            world.hung_yen,
            f'Lịch sử làng nghề {n} <Hưng Yên> & "Phố Hiến"',
            year=1990 + n,
            authors=["Nguyễn Văn A", "O'Brien"],
            work_key="lich-su-lang-nghe" if n < 3 else "",
        )
        make_item(record, world.provincial)
        make_item(
            record,
            world.commune_a,
            status=ItemStatus.ON_LOAN if n % 2 else ItemStatus.AVAILABLE,
        )
    outbox_drain()


def _both(params: dict[str, Any], language: str, monkeypatch) -> tuple[str, str]:
    seen: dict[str, Any] = {}
    real = views.content_html

    def spy(**kwargs: Any) -> str:
        seen.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(views, "content_html", spy)
    request = RequestFactory().get("/search/", params)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with translation.override(language):
        response = views.search(request)
        page = seen["page"]
        context = {
            **seen,
            "page_first": page.start + 1,
            "page_last": page.start + len(page.rows),
        }
        expected = engines["django"].from_string(REFERENCE).render(context)
        built = str(real(**seen))
    assert built in response.content.decode()
    return expected, built


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("params", "shows"),
    [
        ({"q": "lich su"}, 'rel="next"'),
        ({"q": "lich su", "start": "20", "sort": "newest"}, 'rel="prev"'),
        ({"q": "lich su", "mtype": "book", "avail": "1", "year": "2000-2009"}, 'class="chips"'),
        ({"q": "lich su", "work": "lich-su-lang-nghe"}, '<p class="alert">'),
        ({"q": '"lich su'}, "alert-error"),  # unreadable
        ({"q": "lich sux"}, 'class="dym"'),  # "did you mean"
        ({"q": "<script>", "library": "HY-TIENLU", "grp": "1"}, 'type="hidden"'),
        ({"q": ""}, 'class="cluster"'),
    ],
)
def test_content_block_matches_the_template(catalogue, params, shows, language, monkeypatch):
    expected, built = _both(params, language, monkeypatch)
    assert built == expected
    assert shows in built  # the case reaches the branch it is meant to test


def test_counts_are_grouped_as_the_language_writes_them():
    from thuvien.opac.search.render import _num

    with translation.override("vi"):
        assert (_num(999), _num(12345), _num(1194000)) == ("999", "12.345", "1.194.000")
    with translation.override("en"):
        assert _num(12345) == "12,345"
