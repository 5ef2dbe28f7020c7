from __future__ import annotations

import io
from collections import Counter

import pymarc
import pytest

from thuvien.catalog.marc.isbn import normalize_isbn
from thuvien.catalog.models import Record
from thuvien.core.demo import DemoContext
from thuvien.core.scoping import scopes_disabled
from thuvien.demo.catalog import demo_catalog, demo_marc_stream, write_demo_iso2709
from thuvien.holdings.models import Item


def test_demo_records_are_real_marc(tmp_path):
    path = tmp_path / "demo.mrc"
    write_demo_iso2709(path, 300)
    reader = pymarc.MARCReader(io.BytesIO(path.read_bytes()), to_unicode=True, force_utf8=True)
    records = list(reader)
    assert len(records) == 300 and all(r is not None for r in records)
    isbns = [f["a"] for r in records for f in r.get_fields("020")]
    assert isbns and all(normalize_isbn(i) == i and i.startswith("978604") for i in isbns)
    titles = {r.title for r in records}
    assert any("Việt" in t or "Hưng Yên" in t or "Kiều" in t for t in titles)
    langs = {f.data[35:38] for r in records for f in r.get_fields("008")}
    assert {"vie", "eng"} <= langs
    assert list(demo_marc_stream(5, start=10)) == list(demo_marc_stream(5, start=10))


def test_demo_step_is_idempotent(world):
    ctx = DemoContext(records=120, verbosity=0)
    ctx.networks = [world.hung_yen, world.bac_ninh]
    ctx.libraries = world.libraries
    with scopes_disabled():
        demo_catalog(ctx)
        assert Record.objects.count() == 120
        hy_items = Item.objects.filter(library__network=world.hung_yen)
        assert hy_items.values("library").distinct().count() == 4  # every library gets copies
        assert not Item.objects.filter(
            library__network=world.bac_ninh, record__network=world.hung_yen
        ).exists()
        count = Item.objects.count()
        demo_catalog(ctx)
        assert Record.objects.count() == 120 and Item.objects.count() == count
    record = Record.objects.filter(network=world.hung_yen).first()
    assert record.title and record.match_key and record.work_key and record.title_sort


def test_demo_step_with_one_network_and_forked_generators(world, monkeypatch):
    from thuvien.demo import catalog as demo

    monkeypatch.setattr(demo, "BATCH", 7)  # several batches, prepared by two processes
    ctx = DemoContext(records=30, verbosity=0)
    ctx.networks, ctx.libraries = [world.bac_ninh], [world.bn_provincial]
    with scopes_disabled():
        demo_catalog(ctx, parallel=True)
        records = Record.objects.filter(network=world.bac_ninh).order_by("id")
        assert records.count() == 30
        assert [r.control_number[-2:] for r in records[:3]] == ["01", "02", "03"]  # in order
        assert Item.objects.filter(library=world.bn_provincial).count() >= 30


# --- a believable catalogue ---------------------------------------------------------------


def _summary(marc: dict) -> dict:
    """245 $a, 100 $a, 264 $b, year, 650 $a and 651 $a of a generated record."""
    out: dict = {}
    for field in marc["fields"]:
        for tag, value in field.items():
            if isinstance(value, str):
                if tag == "008":
                    out["year"] = int(value[7:11])
                continue
            subs = [(code, text) for sub in value["subfields"] for code, text in sub.items()]
            first = {code: text for code, text in reversed(subs)}
            if tag == "245":
                out["title"] = first["a"].rstrip(" :/")
            elif tag in ("100", "650", "651"):
                out.setdefault(tag, first["a"])
            elif tag == "264":
                out["publisher"] = first.get("b", "").rstrip(",")
    return out


def test_demo_titles_are_varied_and_targets_occur_once():
    """The newcomer's first impression: 40,000 records are not 459 titles over and over."""
    from thuvien.demo.catalog import demo_targets

    titles = Counter(_summary(m)["title"] for m in demo_marc_stream(40_000))
    assert len(titles) >= 30_000, len(titles)
    # The most repeated title is a classic, reprinted, not a generated one.
    (top, count), *_ = titles.most_common(1)
    assert count < 600, (top, count)
    targets = demo_targets(40_000)
    assert len(targets) >= 20
    for target in targets:
        assert titles[target.title] == 1, target.title


@pytest.mark.slow
def test_two_hundred_thousand_demo_records_carry_over_a_hundred_thousand_titles():
    titles = Counter(_summary(m)["title"] for m in demo_marc_stream(200_000))
    assert len(titles) >= 100_000, len(titles)


def test_real_works_keep_their_real_authors_publishers_and_years():
    from thuvien.demo import vocab

    works = {w[0]: w for w in vocab.REAL_WORKS}
    famous = ({w[1] for w in vocab.REAL_WORKS} | {w[2] for w in vocab.REAL_WORKS}) - {""}
    translated = {t[0] for t in vocab.ENGLISH} | {t[0] for t in vocab.TARGETS}
    seen = Counter()
    for marc in demo_marc_stream(20_000):
        rec = _summary(marc)
        work = works.get(rec["title"])
        if work is None:
            # A famous author signs nothing but his own works (and their translations).
            assert rec.get("100") not in famous or rec["title"] in translated, rec
            continue
        title, author, _second, ddc, subject, pubs, published = work
        seen[title] += 1
        assert rec.get("100", "") == author, rec
        assert rec["650"] == subject, rec
        assert rec["publisher"] in {name for _place, name in vocab.PUBLISHERS[pubs]}, rec
        assert rec["year"] >= max(published, 1960), rec
    assert len(vocab.REAL_WORKS) >= 50 and len(seen) >= 50
    kieu = [m for m in demo_marc_stream(20_000) if _summary(m)["title"] == "Truyện Kiều"]
    assert kieu and {_summary(m)["100"] for m in kieu} == {"Nguyễn Du"}
    assert not {_summary(m)["publisher"] for m in kieu} & {"Y học", "Nông nghiệp", "Tư pháp"}
    # Số đỏ and Dế Mèn phiêu lưu ký too.
    assert works["Số đỏ"][1] == "Vũ Trọng Phụng" and works["Dế Mèn phiêu lưu ký"][1] == "Tô Hoài"


def test_generated_titles_agree_with_their_subject_place_and_year():
    """A title made for a class carries that class's subject and publishers; a place in the
    title is its geographic subject; a book about 2020 is not printed in 1975."""
    import re

    from thuvien.demo import vocab

    patterns: dict[str, list[re.Pattern]] = {}
    publishers: dict[str, set[str]] = {}
    for _ddc, subject, pubs, _subs, _w, titles in vocab.CLASSES:
        patterns.setdefault(subject, []).extend(
            re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(t))) for t in titles
        )
        publishers.setdefault(subject, set()).update(n for _p, n in vocab.PUBLISHERS[pubs])
    real = {w[0] for w in vocab.REAL_WORKS} | {t[0] for t in vocab.TARGETS}
    checked = 0
    for marc in demo_marc_stream(10_000):
        rec = _summary(marc)
        title = rec["title"]
        if title in real or rec["650"] not in patterns:
            continue
        checked += 1
        lowered = title[:1].lower() + title[1:]
        assert any(p.fullmatch(t) for p in patterns[rec["650"]] for t in (title, lowered)), rec
        assert rec["publisher"] in publishers[rec["650"]], rec
        if "651" in rec:
            assert rec["651"] in title, rec
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", title)]
        assert not years or rec["year"] >= min(max(years), 2025), rec
        if rec["650"] == "Tin học":
            assert rec["year"] >= 1992, rec
    assert checked > 8000


def test_demo_catalogue_draws_a_bar_on_a_terminal_only(world, monkeypatch, capsys):
    """``thuvien demo-data`` on a terminal: a bar with the rate and the time left (on stderr,
    a real pty here); in a pipe only the summary lines."""
    import fcntl
    import os
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    terminal = open(slave, "w", encoding="utf-8", buffering=1)  # noqa: SIM115
    monkeypatch.setattr("sys.stderr", terminal)
    ctx = DemoContext(records=60, verbosity=1)
    ctx.networks, ctx.libraries = [world.bac_ninh], [world.bn_provincial]
    with scopes_disabled():
        demo_catalog(ctx)
    terminal.flush()
    os.set_blocking(master, False)
    data = b""
    while True:  # a pty hands its output over in pieces
        try:
            chunk = os.read(master, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        data += chunk
    shown = data.decode("utf-8", errors="replace")
    terminal.close()
    os.close(master)
    assert "Biên mục bac-ninh" in shown and "60/60" in shown and "biểu ghi/s" in shown
    assert "còn" in shown  # time left

    piped = io.StringIO()  # not a terminal: nothing drawn
    monkeypatch.setattr("sys.stderr", piped)
    ctx = DemoContext(records=90, verbosity=1)
    ctx.networks, ctx.libraries = [world.bac_ninh], [world.bn_provincial]
    with scopes_disabled():
        demo_catalog(ctx)
    assert piped.getvalue() == ""
    assert "Biên mục bac-ninh: +30 biểu ghi" in capsys.readouterr().out
