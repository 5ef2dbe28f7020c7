"""SRU and Z39.50 clients against a real local Zebra server (no network beyond localhost)."""

from __future__ import annotations

import pytest

from thuvien.catalog.copycat import CopycatError, CopycatErrorCode, Target, search
from thuvien.catalog.copycat.sru import build_cql, parse_response
from thuvien.catalog.copycat.testing import free_port, silent_server
from thuvien.catalog.copycat.z3950 import build_pqf

from .conftest import VI_ISBN, VI_TITLE

pytestmark = pytest.mark.usefixtures("zebra")
PROTOCOLS = [("sru", "1.2"), ("sru", "2.0"), ("z3950", "")]


def target(zebra, protocol: str, version: str = "1.2", **extra) -> Target:
    return Target.from_dict({**zebra.target_dict(protocol, version=version or "1.2"), **extra})


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_title_words_all_match(zebra, protocol, version):
    result = search(target(zebra, protocol, version), index="title", terms="history education")
    titles = sorted(r.title for r in result.records)
    assert result.total == 2
    assert titles == [
        "Catholic education: Primary education",
        "Education 303; history of American education,",
    ]


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_isbn_with_hyphens_finds_the_vietnamese_record_in_utf8(zebra, protocol, version):
    result = search(target(zebra, protocol, version), index="isbn", terms="978-604-1095-11-3")
    assert result.total == 1
    rec = result.records[0]
    assert rec["245"]["a"] == VI_TITLE
    assert rec["020"]["a"] == VI_ISBN
    assert rec["264"]["b"] == "Nxb. Hưng Yên"


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_more_hits_than_asked_returns_the_asked_number(zebra, protocol, version):
    result = search(target(zebra, protocol, version), index="any", terms="united states", maximum=3)
    assert result.total > 3
    assert len(result.records) == 3


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_pages_of_hits_follow_each_other(zebra, protocol, version):
    server = target(zebra, protocol, version)
    first = search(server, index="any", terms="united states", maximum=3)
    second = search(server, index="any", terms="united states", maximum=3, start=4)
    both = search(server, index="any", terms="united states", maximum=6)
    assert second.total == first.total > 6
    assert second.start == 4 and first.next_start == 4 and second.previous_start == 1
    titles = [r.title for r in first.records + second.records]
    assert titles == [r.title for r in both.records]
    beyond = search(server, index="any", terms="united states", start=first.total + 1)
    assert beyond.records == [] and beyond.next_start is None


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_no_hit(zebra, protocol, version):
    result = search(target(zebra, protocol, version), index="title", terms="xyzzyplugh")
    assert result.total == 0 and result.records == []


def test_sru_diagnostic_becomes_a_clear_error(zebra):
    from thuvien.catalog.copycat.sru import sru_search

    with pytest.raises(CopycatError) as err:
        sru_search(target(zebra, "sru"), "foo.bar=x")
    assert err.value.code == CopycatErrorCode.DIAGNOSTIC
    assert "context set" in err.value.message and "info:srw/diagnostic/1/15" in err.value.message
    with pytest.raises(CopycatError) as err:
        sru_search(target(zebra, "sru"), "(((")
    assert "Câu truy vấn không hợp lệ" in err.value.message


def test_z3950_unknown_database_is_a_diagnostic(zebra):
    with pytest.raises(CopycatError) as err:
        search(target(zebra, "z3950", database="Nope"), terms="history")
    assert err.value.code == CopycatErrorCode.DIAGNOSTIC
    assert "không có cơ sở dữ liệu" in err.value.message


@pytest.mark.parametrize("protocol", ["sru", "z3950"])
def test_refused_connection(protocol, zebra):
    bad = target(zebra, protocol, port=free_port())
    with pytest.raises(CopycatError) as err:
        search(bad, terms="history")
    assert err.value.code == CopycatErrorCode.UNREACHABLE
    assert "Không kết nối được" in err.value.message


@pytest.mark.parametrize("protocol", ["sru", "z3950"])
def test_silent_server_times_out(protocol, zebra):
    with silent_server() as port:
        slow = target(zebra, protocol, port=port, timeout=1)
        with pytest.raises(CopycatError) as err:
            search(slow, terms="history")
    assert err.value.code == CopycatErrorCode.TIMEOUT
    assert "không trả lời sau 1 giây" in err.value.message


def test_empty_query_is_refused_before_any_connection(zebra):
    with pytest.raises(CopycatError) as err:
        search(target(zebra, "sru"), terms='  " \\ ')
    assert err.value.code == CopycatErrorCode.EMPTY_QUERY


def test_query_builders_quote_terms():
    assert build_cql("title", ['a"b']) == 'dc.title="a\\"b"'
    assert (
        build_pqf("author", ["x", "y", "z"])
        == '@and @and @attr 1=1003 "x" @attr 1=1003 "y" @attr 1=1003 "z"'
    )


def test_non_xml_and_non_sru_answers():
    with pytest.raises(CopycatError) as err:
        parse_response(b"<html><body>proxy error")
    assert err.value.code == CopycatErrorCode.BAD_RESPONSE
    with pytest.raises(CopycatError) as err:
        parse_response(b"<html><body>hello</body></html>")
    assert err.value.code == CopycatErrorCode.BAD_RESPONSE
    with pytest.raises(CopycatError):
        parse_response(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')


def test_marc8_records_from_a_z3950_dump_come_out_as_nfc_unicode():
    """LoC and older servers send MARC-8; a real one (“Hà-tiên”) decodes to composed NFC."""
    import unicodedata

    from thuvien.catalog.copycat.search import _nfc_record
    from thuvien.catalog.copycat.z3950 import _read_dump

    from .conftest import REPO_ROOT

    path = REPO_ROOT / ".." / "shared" / "data" / "marc" / "solrmarc-tests" / "u4.mrc"
    records = [_nfc_record(r) for r in _read_dump(path.resolve())]
    title = records[0]["245"]["a"]
    assert "Hà-tiên" in title
    assert unicodedata.is_normalized("NFC", title)


@pytest.mark.parametrize(("protocol", "version"), PROTOCOLS)
def test_vietnamese_words_with_tone_marks(zebra, protocol, version):
    found = search(target(zebra, protocol, version), index="title", terms="lịch sử Hưng Yên")
    assert found.total == 1 and found.records[0]["245"]["a"] == VI_TITLE
    by_author = search(target(zebra, protocol, version), index="author", terms="Nguyễn Văn Đức")
    assert by_author.total == 1
