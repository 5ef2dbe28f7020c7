"""Real clients against a live server started by the test: YAZ's yaz-client in SRU mode and in
Z39.50 mode (through simple2zoom in front of our SRU), the sruthi client, Perl's ZOOM for
MARC-8, and our own copy-cataloguing client copying a record in over both protocols."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata

import pymarc
import pytest
import sruthi

from thuvien.catalog.copycat import search as copycat_search
from thuvien.catalog.copycat.targets import Target
from thuvien.catalog.marc.mij import from_pymarc
from thuvien.catalog.models import Record
from thuvien.catalog.services import record_create

from .conftest import VI_AUTHOR, VI_ISBN, VI_TITLE, start_simple2zoom

pytestmark = pytest.mark.skipif(shutil.which("yaz-client") is None, reason="yaz is not installed")


def yaz(tmp_path, *commands: str) -> str:
    script = tmp_path / "yaz-commands"
    script.write_text("\n".join([*commands, "quit", ""]), encoding="utf-8")
    run = subprocess.run(  # noqa: S603 - fixed program
        ["yaz-client", "-f", str(script)],
        capture_output=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return run.stdout.decode("utf-8", "replace")


def hits(output: str) -> list[int]:
    return [int(line.split(":")[1].split(",")[0]) for line in output.splitlines()
            if line.startswith("Number of hits:")]  # fmt: skip


def test_yaz_client_sru_finds_a_vietnamese_title(live_server, catalogue, tmp_path):
    for version in ("1.2", "2.0"):
        output = yaz(
            tmp_path,
            f"open {live_server.url}/sru",
            f"sru get {version}",
            'find dc.title="Lịch sử tỉnh Hưng Yên"',
            'find dc.title="lich su tinh hung yen"',
            "show 1",
        )
        assert hits(output)[:2] == [1, 1], output
        assert f"{VI_TITLE} /" in output  # the record shown with its tone marks
        output = yaz(tmp_path, f"open {live_server.url}/sru", "sru get 1.2", "find dc.foo=x")
        assert "info:srw/diagnostic/1/16" in output and "dc.foo" in output


def test_sruthi_client(live_server, catalogue):
    records = sruthi.searchretrieve(
        f"{live_server.url}/sru", query='dc.creator = "nguyen van duc"', record_schema="dc"
    )
    assert records.count == 1
    assert VI_TITLE in str(records[0])
    records = sruthi.searchretrieve(
        f"{live_server.url}/sru", query="cql.allRecords = 1", maximum_records=2
    )
    assert records.count == 4
    assert len(list(records)) == 4  # sruthi pages through nextRecordPosition
    info = sruthi.explain(f"{live_server.url}/sru")
    assert "dc" in str(info) and "marcxml" in str(info)
    with pytest.raises(sruthi.SruError):
        sruthi.searchretrieve(f"{live_server.url}/sru", query="dc.title any")


def test_copycat_client_copies_a_record_in_over_sru(live_server, catalogue, world):
    host, port = live_server.url.removeprefix("http://").split(":")
    for version in ("1.2", "2.0"):
        target = Target.from_dict(
            {"code": "self", "protocol": "sru", "host": host, "port": int(port),
             "path": "/sru", "version": version}
        )  # fmt: skip
        result = copycat_search(target, index="title", terms="lich su tinh hung yen")
        assert result.total == 1
        assert result.records[0]["245"]["a"].rstrip(" /") == VI_TITLE
    copied = record_create(network=world.bac_ninh, marc=from_pymarc(result.records[0]))
    assert copied.title.startswith(VI_TITLE) and copied.network == world.bac_ninh


def test_yaz_client_z3950_finds_a_vietnamese_title(z3950, tmp_path):
    output = yaz(
        tmp_path,
        f"open tcp:127.0.0.1:{z3950}/thuvien",
        "format usmarc",
        'find @attr 1=4 "Lịch sử tỉnh Hưng Yên"',
        'find @attr 1=4 "lich su tinh hung yen"',
        f'find @attr 1=1003 "{VI_AUTHOR}"',
        f"find @attr 1=7 {VI_ISBN}",
        'find @attr 1=21 "lịch sử"',
        'find @attr 1=1016 "quan ho"',
        "find @attr 1=8 03178471",
    )
    assert hits(output) == [1, 1, 1, 1, 4, 1, 0], output
    output = yaz(
        tmp_path,
        f"open tcp:127.0.0.1:{z3950}/thuvien",
        "format usmarc",
        f"find @attr 1=7 {VI_ISBN}",
        "show 1",
    )
    assert f"$a {VI_TITLE} /" in output, output
    output = yaz(tmp_path, f"open tcp:127.0.0.1:{z3950}/thuvien", "find @attr 1=1032 x")
    assert "[114]" in output  # unsupported use attribute
    output = yaz(tmp_path, f"open tcp:127.0.0.1:{z3950}/thuvien", "find @attr 1=4 @attr 2=1 x")
    assert "Diagnostic" in output  # "<" is refused (SRU 19, Bib-1 117)


def test_vietnamese_term_needs_the_patch(live_server, catalogue, tmp_path):
    """Debian's Simple2ZOOM double-encodes the term; the copy in our tree does not."""
    found = {}
    for patched in (False, True):
        process, port = start_simple2zoom(live_server.url + "/sru", tmp_path, patched=patched)
        try:
            output = yaz(
                tmp_path,
                f"open tcp:127.0.0.1:{port}/thuvien",
                f'find @attr 1=1003 "{VI_AUTHOR}"',
                'find @attr 1=4 "lich su tinh"',
            )
            found[patched] = hits(output)
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert found[True] == [1, 1]
    assert found[False] == [0, 1]  # ASCII terms pass either way; "Nguyễn" only with the patch


def test_marc8_record_syntax(z3950, tmp_path):
    """The ``-marc8`` database sends MARC-8 (leader 9 blank); a MARC-8 reader gets the title
    back with its tone marks. Read with Perl's ZOOM, which hands over the record untouched."""
    script = (
        "use ZOOM; my $c = new ZOOM::Connection($ARGV[0]);"
        '$c->option(preferredRecordSyntax => "usmarc");'
        "my $rs = $c->search_pqf($ARGV[1]); binmode STDOUT;"
        "print $rs->record(0)->raw() if $rs->size();"
    )
    for database, utf8 in (("thuvien-marc8", False), ("thuvien", True)):
        run = subprocess.run(  # noqa: S603 - fixed program
            ["perl", "-e", script, f"127.0.0.1:{z3950}/{database}", f"@attr 1=7 {VI_ISBN}"],
            capture_output=True,
            timeout=60,
            check=True,
            env={**os.environ, "LC_ALL": "C"},
        )
        record = next(pymarc.MARCReader(run.stdout, to_unicode=True, force_utf8=False))
        assert (record.leader[9] == "a") is utf8
        title = unicodedata.normalize("NFC", record["245"]["a"])
        assert title.rstrip(" /") == VI_TITLE
        assert unicodedata.normalize("NFC", record["100"]["a"]) == VI_AUTHOR


def test_copycat_client_copies_a_record_in_over_z3950(z3950, world):
    target = Target.from_dict(
        {"code": "self-z", "protocol": "z3950", "host": "127.0.0.1", "port": z3950,
         "database": "thuvien"}
    )  # fmt: skip
    result = copycat_search(target, index="title", terms="Lịch sử tỉnh Hưng Yên")
    assert result.total == 1
    assert result.records[0]["245"]["a"].rstrip(" /") == VI_TITLE
    result = copycat_search(target, index="author", terms="nguyen van duc")
    assert result.total == 1
    copied = record_create(network=world.bac_ninh, marc=from_pymarc(result.records[0]))
    assert Record.objects.get(pk=copied.pk).title.startswith(VI_TITLE)
