"""The staff pages in English have no Vietnamese left in them except data (a library's, a
person's or a record's name). An audit found "Chức danh, trình độ, khóa bồi dưỡng, văn bằng
của người làm thư viện." on the English staff home: every staff page a network administrator
can open without parameters is read in English here, as a person reads it (its text and the
words of its titles, labels, placeholders and options)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django_scopes import scopes_disabled

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
_ATTRS = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')
# Vietnamese that stays in English: the language switch names Vietnamese in Vietnamese, the
# currency sign, legal document numbers (Nghị định 93/2020/NĐ-CP), the name of a script, and
# help texts' examples of what a cataloguer types (Vietnamese search words are data).
ALLOWED = re.compile(
    r"Tiếng Việt|(?<!\w)đ(?!\w)|\d+/[\w/-]*(?:NĐ|QĐ)[\w-]*|Hán Nôm"
    r"|địa chí Hưng Yên|Văn học Việt Nam -- Thơ"
)


def read(page: str) -> list[str]:
    """The lines a person reads: the text between tags and the words in attributes."""
    # a form's current values (a notice template's Vietnamese text) are data
    page = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>|<textarea.*?</textarea>",
                  "\n", page, flags=re.S)  # fmt: skip
    words = _ATTRS.findall(page)
    text = re.sub(r"<(?:br|p|div|li|tr|td|th|h\d|option|dt|dd|label|caption|a)\b[^>]*>", "\n", page)
    text = re.sub(r"<[^>]+>", " ", text)
    lines = [html_lib.unescape(line) for line in [*text.splitlines(), *words]]
    return [" ".join(line.split()) for line in lines if line.strip()]


def _data_words() -> list[str]:
    """Names that are data, not interface: libraries, networks, places, people, groups. A
    library or network with an English name is named by it on an English page (the library
    select of the import page kept the Vietnamese name)."""
    from django.apps import apps

    found: set[str] = set()
    with scopes_disabled():
        for label, fields in (
            ("network.Library", ("name_vi", "name_en", "commune", "address")),
            ("network.Network", ("name_vi", "name_en")),  # in English: name_en where there is one
            ("network.Location", ("name_vi", "name")),
            ("network.LibraryGroup", ("name_vi", "name")),
            ("accounts.User", ("first_name", "last_name", "full_name")),
        ):
            model = apps.get_model(label)
            names = {f.name for f in model._meta.get_fields()}
            for row in model._base_manager.values(*[f for f in fields if f in names]):
                if row.get("name_en"):
                    row.pop("name_vi", None)
                found.update(str(v) for v in row.values() if v)
                if label == "accounts.User":
                    first, last = row["first_name"], row["last_name"]
                    found |= {f"{first} {last}".strip(), f"{last} {first}".strip()}
    return sorted(found, key=len, reverse=True)


def _staff_paths() -> list[str]:
    from django.urls import URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            path = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, path)
            elif "<" not in path and "^" not in path and "(?P" not in path:
                yield "/" + path

    return sorted({p for p in walk(get_resolver()) if p.startswith("/staff/")})


@pytest.fixture
def shipped_settings_only(monkeypatch):
    """Other tests register settings of their own ("test.*", Vietnamese labels only) when their
    module is imported into the same worker: the settings page must be read without them."""
    from thuvien.network import settings_registry

    shipped = {k: v for k, v in settings_registry._REGISTRY.items() if not k.startswith("test.")}
    monkeypatch.setattr(settings_registry, "_REGISTRY", shipped)


def test_every_staff_page_in_english_is_english(staff_client, world, settings,
                                               shipped_settings_only):
    client = staff_client(world.users["hy_admin"], world.provincial)
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = _data_words()
    left: dict[str, list[str]] = {}
    read_pages = 0
    for path in _staff_paths():
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        assert '<html lang="en">' in page, path
        read_pages += 1
        for line in read(page):
            for name in data:
                line = line.replace(name, "")
            line = ALLOWED.sub("", line)
            if VIETNAMESE.search(line):
                left.setdefault(path, []).append(line)
    assert read_pages > 40
    assert not left, "\n".join(f"{p}: {lines}" for p, lines in left.items())
