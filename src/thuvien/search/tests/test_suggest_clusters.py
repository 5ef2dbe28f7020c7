"""Did you mean, and work clusters shown once with the libraries behind them."""

from __future__ import annotations

import pytest

from thuvien.core.outbox import outbox_drain
from thuvien.search.backends.tantivy import run as engine_search
from thuvien.search.selectors import search_catalogue
from thuvien.search.suggest import Vocabulary

from .factories import make_item, make_record

pytestmark = pytest.mark.django_db


def test_vocabulary_respells_typos_and_missing_marks():
    vocab = Vocabulary()
    vocab.add_titles(["Lịch sử Việt Nam", "Lịch sử Hưng Yên", "Lịch âm", "Văn hóa"])
    assert vocab.suggest(["lcih", "su"]) == "lịch sử"
    assert vocab.suggest(["lich", "su"]) == "lịch sử"
    assert vocab.suggest(["van", "hoa"]) == "văn hóa"
    assert vocab.suggest(["lịch", "sử"]) is None
    assert vocab.suggest(["xyzzy"]) is None


def test_did_you_mean_on_a_typo(world):
    for title in ("Lịch sử Việt Nam", "Lịch sử Hưng Yên", "Lịch sử thế giới"):
        make_record(world.hung_yen, title)
    outbox_drain()
    page = search_catalogue(params={"q": "lcih sư"})
    assert page.total == 0
    assert page.suggestion == "lịch sử"
    assert search_catalogue(params={"q": "lịch sử"}).suggestion is None  # found plenty


def test_work_cluster_is_one_entry_with_its_libraries(world):
    libraries = [world.provincial, world.commune_a, world.commune_b]
    editions = []
    for n, lib in enumerate(libraries):
        rec = make_record(
            world.hung_yen,
            "Truyện Kiều",
            year=2000 + n,
            work_key="work:kieu",
            authors=["Nguyễn Du"],
        )
        make_item(rec, lib)
        editions.append(rec)
    other = make_record(world.hung_yen, "Truyện Kiều chú giải", work_key="work:chugiai")
    outbox_drain()
    page = search_catalogue(params={"q": "truyen kieu"})
    assert page.total == 4
    assert len(page.rows) == 2
    head = next(r for r in page.rows if r.hit.work == "work:kieu")
    assert head.hit.cluster_size == 3 and head.hit.cluster_libraries == 3
    assert {r.record.pk for r in page.rows} >= {other.pk}
    listed = search_catalogue(params={"q": "", "work": "work:kieu"})
    assert {r.record.pk for r in listed.rows} == {r.pk for r in editions}


@pytest.mark.parametrize("small_cluster", [4, 1])
def test_work_cluster_counts_each_library_once(world, monkeypatch, small_cluster):
    """Three editions, two on one library's shelves: three records, two libraries.

    Counted from the stored documents of a small work, by an aggregation for a large one.
    """
    from thuvien.search.backends.tantivy import run as engine_search

    monkeypatch.setattr(engine_search, "SMALL_CLUSTER", small_cluster)
    for year in (2001, 2002):
        rec = make_record(world.hung_yen, "Nhật ký trong tù", year=year, work_key="work:nktt")
        make_item(rec, world.commune_a)
    third = make_record(world.hung_yen, "Nhật ký trong tù", year=2003, work_key="work:nktt")
    make_item(third, world.commune_a)
    make_item(third, world.school)
    outbox_drain()
    page = search_catalogue(params={"q": "nhat ky trong tu"})
    assert len(page.rows) == 1
    assert (page.rows[0].hit.cluster_size, page.rows[0].hit.cluster_libraries) == (3, 2)


def test_paging_walks_every_record_once(world):
    for n in range(45):
        make_record(world.hung_yen, f"Tuyển tập thơ số {n}")
    outbox_drain()
    seen: list[int] = []
    start = 0
    while start is not None:
        page = search_catalogue(params={"q": "tuyen tap", "start": str(start), "sort": "title"})
        seen += [r.record.pk for r in page.rows]
        start = page.next_start
    assert len(seen) == 45 == len(set(seen))


def test_paging_stops_at_the_window_and_says_so(world, client, monkeypatch):
    """Past MAX_WINDOW raw positions the pager ends; the reader is told to narrow the search,
    and a start beyond the window is served (and numbered) from the window's end."""
    monkeypatch.setattr(engine_search, "MAX_WINDOW", 30)  # pages start before it
    for n in range(45):
        make_record(world.hung_yen, f"Tuyển tập văn số {n}")
    outbox_drain()
    page = search_catalogue(params={"q": "tuyen tap van", "start": "0", "sort": "title"})
    assert page.next_start == 20 and not page.window_end
    page = search_catalogue(params={"q": "tuyen tap van", "start": "20", "sort": "title"})
    assert page.next_start is None and page.window_end and page.total == 45
    page = search_catalogue(params={"q": "tuyen tap van", "start": "900", "sort": "title"})
    assert page.start == 30 and page.prev_start == 10 and len(page.rows) == 15
    html = client.get("/search/", {"q": "tuyen tap van", "start": "20"}).content.decode()
    assert "Chỉ xem được 40 kết quả đầu tiên" in html and 'rel="next"' not in html
    assert "21–40 trong 45 kết quả" in html
    # a search that ends inside the window ends without the note
    html = client.get("/search/", {"q": "van so 7"}).content.decode()
    assert "Chỉ xem được" not in html
    api = client.get("/api/v1/search/", {"q": "tuyen tap van", "start": "20"}).json()
    assert api["window_end"] is True and api["next_start"] is None


def test_a_starting_worker_prepares_the_vocabulary_for_typos(world, settings):
    """``config.wsgi`` prepares the vocabulary while a web worker starts: the first reader
    who mistypes a word is answered from the table of deletions already built."""
    from thuvien.search.suggest import load_vocabulary, prepare

    make_record(world.hung_yen, "Lịch sử Việt Nam")
    outbox_drain()
    assert load_vocabulary(settings.SEARCH_INDEX_DIR)._neighbours is None  # read lazily
    prepare(settings.SEARCH_INDEX_DIR)
    vocab = load_vocabulary(settings.SEARCH_INDEX_DIR)
    assert vocab._neighbours is not None
    assert "lich" in vocab.near("lcih")
    prepare(settings.SEARCH_INDEX_DIR / "none")  # a new installation: nothing to read
