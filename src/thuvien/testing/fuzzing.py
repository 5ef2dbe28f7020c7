"""Coverage-guided fuzzing (atheris, libFuzzer) of the parsers that read what strangers send:
the MARC readers (ISO 2709, MARCXML, MARC-in-JSON), the search query parser, the SIP2 message
parser, the OAI-PMH argument parser and SRU's CQL parser with its translation into a search.

The contract each target checks: the parser ends (libFuzzer's ``-timeout`` catches a hang) and
either answers or refuses with its own clean error; any other exception is a crash, and
libFuzzer saves the input that caused it. ``make test`` runs every target for a few seconds
(tests/test_fuzzers.py); long runs: ``python scripts/fuzz.py TARGET -max_total_time=3600``.

Run as ``python -m thuvien.testing.fuzzing TARGET [libFuzzer options] [CORPUS_DIR...]``.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _marc(reader_name: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        from thuvien.catalog.marc import reader

        # The readers' promise: never raise; every bad record is an item with its reason.
        for item in getattr(reader, reader_name)(io.BytesIO(data)):
            assert (item.marc is None) == bool(item.error), item

    return target


def query_target(data: bytes) -> None:
    from thuvien.search.errors import SearchError
    from thuvien.search.query import parse_query, plain_words

    text = data.decode("utf-8", "replace")
    try:
        plain_words(parse_query(text))
    except SearchError:
        pass


def sip2_target(data: bytes) -> None:
    from thuvien.sip2.protocol import ProtocolError, parse

    for encoding in ("utf-8", "cp1258"):
        try:
            parse(data, encoding=encoding)
        except ProtocolError:
            pass


def oai_target(data: bytes) -> None:
    from thuvien.oai.protocol import OaiError, parse

    query = data.decode("utf-8", "replace")
    try:
        parse(parse_qs(query, keep_blank_values=True))
    except OaiError:
        pass


def cql_target(data: bytes) -> None:
    from thuvien.sru.cql import translate
    from thuvien.sru.diagnostics import SruDiagnostic

    text = data.decode("utf-8", "replace")
    try:
        translate(text)
    except SruDiagnostic:
        pass


TARGETS: dict[str, Callable[[bytes], None]] = {
    "iso2709": _marc("read_iso2709"),
    "marcxml": _marc("read_marcxml"),
    "marcjson": _marc("read_json"),
    "query": query_target,
    "sip2": sip2_target,
    "oai": oai_target,
    "cql": cql_target,
}

# Seeds written next to the real files of ../shared/data (which seed the MARC targets).
SEEDS: dict[str, list[bytes]] = {
    "query": [
        b"de men phieu luu ky",
        b'title:"truyen kieu" AND author:nguyen',
        b"(lich su OR dia ly) NOT thieu nhi",
        b"978-604-2-08821-3",
        b"0317-8471",
        b'ti:tho* au:"xuan dieu"',
    ],
    "sip2": [
        b"9300CNkiosk|COmat-khau|CPHY-TINH|AY0AZF594\r",
        b"9900302.00AY1AZFCA5\r",
        b"11YN20261207    10000020261207    100000AOHY-TINH|AAPT0001|ABDM0010000000582|AC|AY2AZ\r",
        b"09N20261207    10000020261207    100000APHY-TINH|AOHY-TINH|ABDM0010000000582|AC|\r",
        b"6300120261207    100000          AOHY-TINH|AAPT0001|AD1234|BP1|BQ5|\r",
        b"2300120261207    100000AOHY-TINH|AAPT0001|AC|AD1234|\r",
        b"97\r",
    ],
    "cql": [
        b"truyen kieu",
        b'dc.title = "truy\xe1\xbb\x87n ki\xe1\xbb\x81u" and dc.creator = nguyen',
        b"bath.isbn = 9786042088213",
        b'cql.anywhere all "lich su" not dc.subject = "thieu nhi"',
        b"(dc.title = tho* or dc.subject = van) sortBy dc.date/sort.descending",
        b'> dc = "info:srw/cql-context-set/1/dc-v1.1" dc.title = x',
        b'dc.date within "2000 2010"',
        b"cql.allRecords = 1",
    ],
    "oai": [
        b"verb=Identify",
        b"verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2026-12-31",
        b"verb=ListRecords&resumptionToken=abc",
        b"verb=GetRecord&identifier=oai:thuvien.localhost:1&metadataPrefix=marc21",
        b"verb=ListIdentifiers&metadataPrefix=oai_dc&set=network:hung-yen",
        b"verb=ListSets",
        b"verb=ListMetadataFormats",
    ],
}
MARC_SUFFIXES = {
    "iso2709": (".mrc", ".dat"),
    "marcxml": (".xml",),
    "marcjson": (".json",),
}


def seed_corpus(target: str, directory: Path, *, max_bytes: int = 64 * 1024) -> Path:
    """Fill ``directory`` with the seeds of ``target`` (real MARC files from ../shared/data,
    each at most ``max_bytes``, for the MARC readers)."""
    directory.mkdir(parents=True, exist_ok=True)
    seeds = list(SEEDS.get(target, []))
    suffixes = MARC_SUFFIXES.get(target)
    if suffixes and (SHARED_DATA / "marc").is_dir():
        for path in sorted((SHARED_DATA / "marc").rglob("*")):
            if path.suffix in suffixes and path.is_file() and path.stat().st_size <= max_bytes:
                seeds.append(path.read_bytes())
    for number, seed in enumerate(seeds):
        (directory / f"seed-{number:03d}").write_bytes(seed)
    return directory


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [corpus...]")
    name = argv.pop(1)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.test")
    import atheris

    with atheris.instrument_imports(include=["thuvien"]):
        import django

        django.setup()
        from thuvien.catalog.marc import reader  # noqa: F401
        from thuvien.oai import protocol as oai_protocol  # noqa: F401
        from thuvien.search import query  # noqa: F401
        from thuvien.sip2 import protocol as sip2_protocol  # noqa: F401
    from django.utils import translation

    translation.activate("vi")
    atheris.Setup(argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
