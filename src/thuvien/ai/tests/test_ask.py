"""Ask the library: passages of its own records, and a generated answer only where a service
is configured, citing only those passages."""

from __future__ import annotations

import threading

import pytest
from django.http import QueryDict
from django.urls import reverse

from thuvien.ai.ask import Source, ask, only_cited
from thuvien.ai.sandbox_llm import serve
from thuvien.ai.services import record_embeddings_refresh
from thuvien.core.outbox import outbox_drain
from thuvien.search.tests.factories import make_item, make_record

PHO_HIEN = (
    "Phố Hiến là thương cảng sầm uất của Đàng Ngoài vào thế kỷ XVII. Thương nhân Hà Lan, "
    "Nhật Bản và Trung Hoa đến buôn bán ở đây. Nay Phố Hiến thuộc thành phố Hưng Yên."
)


@pytest.fixture
def shelf(world):
    record = make_record(world.hung_yen, "Phố Hiến xưa và nay", notes=[PHO_HIEN])
    make_item(record, world.provincial)
    other = make_record(world.hung_yen, "Kỹ thuật nuôi ong mật", notes=["Cách nuôi ong."])
    make_item(other, world.provincial)
    outbox_drain()
    record_embeddings_refresh()
    return record


@pytest.fixture
def sandbox(settings):
    server = serve(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.AI_GENERATION_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield
    server.shutdown()


def test_without_a_service_only_passages_are_shown(shelf, client):
    answer = ask(question="Phố Hiến là gì?", params=QueryDict())
    assert answer.generated is False and answer.text == ""
    assert answer.sources[0].title == "Phố Hiến xưa và nay"
    assert "thương cảng" in answer.sources[0].passage
    html = client.get(reverse("opac_search:ask"), {"q": "Phố Hiến là gì?"}).content.decode()
    assert "Phố Hiến xưa và nay" in html and "Trả lời" not in html.split("h-sources")[0]


def test_a_configured_service_answers_from_the_passages_with_citations(shelf, sandbox, client):
    answer = ask(question="Phố Hiến là gì?", params=QueryDict())
    assert answer.generated
    assert answer.text.startswith("Phố Hiến là thương cảng") and answer.text.endswith("[1].")
    html = client.get(reverse("opac_search:ask"), {"q": "Phố Hiến là gì?"}).content.decode()
    assert "Câu trả lời do máy viết" in html


def test_a_service_that_is_down_leaves_the_passages(shelf, settings):
    settings.AI_GENERATION_URL = "http://127.0.0.1:9"  # nothing listens
    settings.AI_GENERATION_TIMEOUT = 2
    answer = ask(question="Phố Hiến là gì?", params=QueryDict())
    assert answer.generated is False and answer.sources


def test_citations_of_anything_not_given_are_removed():
    sources = [Source(1, 1, "A", "x"), Source(2, 2, "B", "y")]
    assert only_cited("Đúng [1]. Bịa ra [7]. Cả hai [2][9].", sources) == "Đúng [1]. Cả hai [2]."
    assert only_cited("Không nguồn nào.", sources) == ""
