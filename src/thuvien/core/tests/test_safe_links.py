"""A URL a person typed becomes a link only with a safe scheme (http, https, mailto, ftp).

The hostile values are stored the way a cataloguer stores them (a record's 856 $u through the
catalogue service, a library's website) and the public pages are read as a browser reads them:
the HTML parser decodes entities, then tabs and newlines are dropped and the scheme is read
without regard to case.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pymarc
import pytest

from thuvien.catalog.models import Record
from thuvien.catalog.services.importing import import_run
from thuvien.core.safeurl import url_is_safe
from thuvien.core.scoping import scopes_disabled

pytestmark = pytest.mark.django_db

HOSTILE = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(2)",
    "\tjava\nscript:alert(3)",
    "java&#x09;script:alert(4)",
    "&#106;avascript:alert(5)",
    "javascript&colon;alert(6)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==",
    "  DATA:text/html,<script>alert(8)</script>",
    "vbscript:msgbox(9)",
    "\x01javascript:alert(10)",
]
SAFE = ["https://thuvienso.example/a.pdf", "http://example.org/b", "mailto:tv@example.org"]


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction") and value is not None:
                self.hrefs.append(value)


def browser_scheme(url: str) -> str | None:
    """The scheme a browser reads from an attribute value already entity-decoded."""
    text = re.sub(r"[\t\n\r]", "", url.strip("".join(chr(c) for c in range(0x21))))
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else None


def schemes_on(html: str) -> set[str]:
    parser = Hrefs()
    parser.feed(html)
    return {s for s in (browser_scheme(h) for h in parser.hrefs) if s}


@pytest.mark.parametrize("url", HOSTILE)
def test_helper_refuses_hostile_urls(url):
    assert not url_is_safe(url)


@pytest.mark.parametrize("url", [*SAFE, "/search/?q=x", "ftp://ftp.example.org/f"])
def test_helper_keeps_safe_urls(url):
    assert url_is_safe(url)


def test_record_page_links_no_hostile_856(client, world, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    marc = pymarc.Record()
    marc.leader = pymarc.Leader("00000nam a2200000 a 4500")
    marc.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", "0"),
            subfields=[pymarc.Subfield("a", "Tài liệu có liên kết lạ")],
        )
    )
    for url in [*HOSTILE, *SAFE]:
        marc.add_field(
            pymarc.Field(
                tag="856",
                indicators=pymarc.Indicators("4", "0"),
                subfields=[pymarc.Subfield("u", url), pymarc.Subfield("y", "Bản số")],
            )
        )
    # The cataloguing forms refuse such links (catalog.marc.field_checks); they arrive in MARC
    # files from other systems, which the import keeps as they are.
    path = tmp_path / "lien-ket-la.mrc"
    path.write_bytes(marc.as_marc())
    import_run(paths=[path], network=world.hung_yen)
    with scopes_disabled():
        record = Record.objects.get(title__startswith="Tài liệu có liên kết lạ")
    html = client.get(f"/search/record/{record.pk}/").content.decode()
    assert schemes_on(html) <= {"http", "https", "mailto"}, schemes_on(html)
    assert "https://thuvienso.example/a.pdf" in html  # the safe ones are still links
    assert 'href="mailto:tv@example.org"' in html
    assert "vbscript:msgbox(9)" in html  # the hostile ones are shown as text, not dropped


@pytest.mark.parametrize("url", HOSTILE)
def test_library_website_with_hostile_scheme_is_text(client, world, url):
    with scopes_disabled():
        type(world.commune_a).objects.filter(pk=world.commune_a.pk).update(website=url)
    html = client.get(f"/libraries/{world.commune_a.code}/").content.decode()
    assert schemes_on(html) <= {"http", "https", "mailto", "tel"}, schemes_on(html)
