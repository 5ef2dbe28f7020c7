"""A public page's reused frame gives the page the template engine would have rendered."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.shortcuts import render
from django.template import Template
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.safestring import mark_safe

from thuvien.opac import shell

pytestmark = pytest.mark.django_db

TEMPLATE = "opac/search/results.html"
TOKEN = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.fixture(autouse=True)
def _fresh_frames():
    shell._frames.clear()
    yield
    shell._frames.clear()


def _request(path: str = "/search/?q=l%E1%BB%8Bch+s%E1%BB%AD&x=%22%3E%3Cb%3E"):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.library, request.staff_libraries, request.capabilities = None, [], frozenset()
    return request


def _pages(request, title: str, content: str) -> tuple[str, str]:
    context = {"title": title, "content": content}
    built = shell.render_public(request, TEMPLATE, title=title, content=content, context=context)
    engine = render(request, TEMPLATE, context)
    return TOKEN.sub(r"\1T\"", built.content.decode()), TOKEN.sub(r"\1T\"", engine.content.decode())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_frame_gives_the_template_output(language):
    with translation.override(language):
        for title in ("lịch sử – Tra cứu", 'a <b> & "c"'):
            request = _request()
            built, expected = _pages(request, title, mark_safe("<p>kết quả</p>"))  # noqa: S308
            assert built == expected
            assert "<p>kết quả</p>" in built and 'value="/search/?q=' in built
    assert (TEMPLATE, language, "/") in shell._frames and shell._frames[(TEMPLATE, language, "/")]


def test_unsafe_content_is_escaped_as_the_template_would():
    built, expected = _pages(_request(), "t", "<p>not safe</p>")
    assert built == expected and "&lt;p&gt;not safe" in built


def test_frame_sets_the_csrf_cookie_like_the_template():
    request = _request()
    response = shell.render_public(request, TEMPLATE, title="t", content="c", context={})
    assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE") is True
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert token and len(token.group(1)) == 64


def test_messages_and_logged_in_people_get_the_template(world):
    request = _request()
    messages.info(request, "Đã lưu.")
    context = {"title": "t", "content": "c"}
    response = shell.render_public(request, TEMPLATE, title="t", content="c", context=context)
    assert "Đã lưu." in response.content.decode()
    request = _request()
    request.user = next(iter(world.users.values()))
    response = shell.render_public(request, TEMPLATE, title="t", content="c", context=context)
    assert "/accounts/logout/" in response.content.decode()
    assert not shell._frames  # neither built a frame


def test_a_template_reading_more_of_the_request_is_refused():
    template = Template("{{ request.path }} {{ title }}")
    context = shell._StrictContext({"request": shell._FrameRequest(), "title": "x"})
    with pytest.raises(shell._Unsupported):
        template.render(context)
    with pytest.raises(shell._Unsupported):
        Template("{{ unknown_variable }}").render(shell._StrictContext({}))


@pytest.mark.parametrize(
    "source",
    [
        "{{ request.get_full_path|urlencode }} {{ content }}",
        "{{ title|upper }} {{ content }}",
        "{{ content|truncatechars:3 }}",
    ],
)
def test_a_marker_changed_by_a_filter_is_refused(monkeypatch, source):
    """A filter on a marker would leave it in the page as text: the frame is not used."""
    monkeypatch.setattr(
        shell, "get_template", lambda name: SimpleNamespace(template=Template(source))
    )
    assert shell._build("any.html") is None


def test_a_changed_setting_rebuilds_the_frame():
    shell.render_public(_request(), TEMPLATE, title="t", content="c", context={})
    assert shell._frames
    with override_settings(THUVIEN_SITE_NAME="Thư viện thử"):
        assert not shell._frames
        html = shell.render_public(_request(), TEMPLATE, title="t", content="c", context={})
        assert "Thư viện thử" in html.content.decode()


def test_debug_renders_through_the_template_engine(settings):
    settings.DEBUG = True
    shell.render_public(_request(), TEMPLATE, title="t", content="c", context={"title": "t"})
    assert not shell._frames
