"""A digitised local-history booklet, ingested as staff do (screening, libvips, Tesseract):
after the worker has read it, the portal's place facet lists the places its pages name, staff
are offered them as subjects (nothing applied by itself), and ask-the-library answers from its
pages with a link that opens the viewer at the page, to those who may open the object only."""

from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse
from django_scopes import scopes_disabled

from thuvien.ai.ask import ask
from thuvien.ai.models import DigitalPassage, EntityProposal, EntityStatus
from thuvien.ai.sandbox_llm import serve
from thuvien.catalog.models import Authority, Record
from thuvien.core.outbox import outbox_drain
from thuvien.digital.services import digital_ingest, object_update
from thuvien.digital.tests.booklet import booklet_folder
from thuvien.search.analysis import fold
from thuvien.search.selectors import search_catalogue
from thuvien.search.tests.factories import make_item, make_record

# one sentence a page, broken over lines as a printed page is; the passage joins the lines
PAGES = [
    "Địa chí Phố Hiến\nTài liệu địa phương",
    "Phố Hiến thuộc tỉnh\nHưng Yên, nằm bên\nbờ sông Hồng.",
    "Chu Văn An dạy học\nở làng Huỳnh Cung,\nhuyện Thanh Trì.",
]


@pytest.fixture
def booklet(world, digitiser, tmp_path, django_capture_on_commit_callbacks):
    record = make_record(world.hung_yen, "Địa chí Phố Hiến", subjects=["Địa chí"])
    make_item(record, world.provincial)
    Authority.objects.create(network=world.hung_yen, kind="personal", heading="Chu Văn An",
                             dates="1292-1370", heading_folded=fold("Chu Văn An"))  # fmt: skip
    folder = booklet_folder(tmp_path / "booklet", pages=PAGES, title="Địa chí Phố Hiến",
                            csv_rows={"record": str(record.pk)})  # fmt: skip
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        report = digital_ingest(paths=[folder], library=world.provincial, actor=digitiser,
                                ocr_language="vie", publish=True)  # fmt: skip
        outbox_drain()  # the worker: search index, then the texts' passages and names
    with django_capture_on_commit_callbacks(execute=True):
        outbox_drain()  # the record again, now with the names its pages gave
    from thuvien.digital.models import DigitalObject

    return DigitalObject.all_objects.get(pk=report.objects[0])


@pytest.fixture
def digitiser(world):
    from thuvien.accounts.models import Membership, Role, User

    with scopes_disabled():
        user = User.objects.create_user(username="tinh_digitiser", password="mat-khau-dai-123",
                                        full_name="Cán bộ số hóa", email="so@example.org")
        Membership.objects.create(user=user, network=world.hung_yen, library=world.provincial,
                                  role=Role.objects.get(code="digitiser"))
    return user


def place_facet() -> list[str]:
    page = search_catalogue(params=QueryDict(urlencode({"q": ""})))
    groups = {g.name: [v.value for v in g.values] for g in page.facets}
    return groups.get("place", [])


@pytest.mark.django_db
def test_a_digitised_local_history_text_yields_place_facets(booklet, client):
    passages = list(DigitalPassage.objects.filter(obj=booklet).order_by("seq"))
    assert [p.seq for p in passages] == [1, 2, 3]
    assert "Hưng Yên," in passages[1].text and "bờ sông Hồng." in passages[1].text  # lines joined
    assert {"Phố Hiến", "Hưng Yên", "sông Hồng"} <= set(place_facet())
    html = client.get(reverse("opac_search:search") + "?q=").content.decode()
    assert "Địa danh" in html and "sông Hồng" in html
    # proposed to staff as subjects, never applied by itself; a known name links its authority
    found = {(p.kind, p.name): p for p in EntityProposal.objects.filter(record=booklet.record)}
    assert ("place", "Hưng Yên") in found and ("place", "sông Hồng") in found
    assert all(p.status == EntityStatus.PROPOSED for p in found.values())
    assert found[("person", "Chu Văn An")].authority.heading == "Chu Văn An"
    assert Record.objects.get(pk=booklet.record_id).subjects == ["Địa chí"]


@pytest.mark.django_db
def test_a_restricted_objects_names_and_pages_stay_hidden(booklet, client, world,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        object_update(obj=booklet, actor=None, access="restricted")
        outbox_drain()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_drain()
    assert "sông Hồng" not in place_facet()
    html = client.get(reverse("opac_search:ask"), {"q": "Phố Hiến nằm bên sông nào?"})
    assert "bờ sông Hồng" not in html.content.decode()
    staff = world.users["tinh_cataloguer"]  # staff of the owning library may open it
    answer = ask(question="Phố Hiến nằm bên sông nào?", params=QueryDict(), user=staff)
    assert any(s.seq == 2 for s in answer.sources)


@pytest.fixture
def sandbox(settings):
    server = serve(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.AI_GENERATION_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield
    server.shutdown()


@pytest.mark.django_db
def test_ask_the_library_answers_from_a_digitised_page(booklet, client, sandbox):
    response = client.get(reverse("opac_search:ask"), {"q": "Phố Hiến nằm bên sông nào?"})
    html = response.content.decode()
    viewer = reverse("opac_digital:viewer", args=[booklet.pk]) + "?page=2"
    assert viewer in html and "trang 2" in html
    assert "bờ sông Hồng" in html
    answer = ask(question="Phố Hiến nằm bên sông nào?", params=QueryDict())
    first = answer.sources[0]
    assert (first.obj_id, first.seq) == (booklet.pk, 2)
    # the sandbox model quotes the passage it was given, citing it; nothing else is cited
    assert answer.generated and "sông Hồng" in answer.text and answer.text.endswith("[1].")
    assert client.get(viewer).status_code == 200
