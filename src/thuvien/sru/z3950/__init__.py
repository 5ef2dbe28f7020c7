"""The Z39.50 server: Index Data's simple2zoom (Debian ``libnet-z3950-simple2zoom-perl``)
in front of our own SRU, so that one query path answers every protocol.

A Z39.50 client's Type-1 query (Bib-1 use attributes) becomes CQL on our indexes, goes to
``/sru`` as an SRU 1.2 searchRetrieve, and the MARCXML that comes back is sent as USMARC
(ISO 2709) in UTF-8, or in MARC-8 from the database ``<name>-marc8``; XML is served as is.
A use attribute we do not map is Bib-1 diagnostic 114 (unsupported use attribute).

``thuvien serve`` starts it when ``THUVIEN_Z3950_PORT`` is set: the configuration file is
written from the settings into the data directory, and the patched copy of the Perl module
in ``perl/`` (see ``perl/PATCHES``) is loaded before Debian's through ``PERL5LIB``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SIMPLE2ZOOM = "/usr/bin/simple2zoom"
PERL_DIR = Path(__file__).resolve().parent / "perl"
USMARC_OID = "1.2.840.10003.5.10"

# Bib-1 use attribute -> our CQL index (thuvien.sru.cql.INDEXES)
BIB1_USE: dict[int, str] = {
    4: "dc.title",  # title
    1003: "dc.creator",  # author
    1: "bath.personalName",  # personal name
    2: "bath.corporateName",  # corporate name
    3: "bath.conferenceName",  # conference name
    21: "dc.subject",  # subject heading
    7: "bath.isbn",  # ISBN
    8: "bath.issn",  # ISSN
    31: "dc.date",  # date of publication
    1018: "dc.publisher",  # publisher
    1016: "cql.serverChoice",  # any
    1035: "cql.serverChoice",  # anywhere
}


def gateway_token() -> str:
    """The secret the Z39.50 server adds to its SRU requests (``x-thuvien-gateway``), so that
    its clients are counted under their own rate instead of as one SRU client."""
    from django.conf import settings

    digest = hmac.new(settings.SECRET_KEY.encode(), b"thuvien-z3950-gateway", hashlib.sha256)
    return digest.hexdigest()[:32]


def available() -> bool:
    return Path(SIMPLE2ZOOM).exists() and shutil.which("perl") is not None


def sru_url(environ: Mapping[str, str]) -> str:
    """Where simple2zoom sends its SRU requests: ``THUVIEN_Z3950_SRU_URL``, else the web
    server ``thuvien serve`` starts (``THUVIEN_BIND``), on the loopback address."""
    explicit = environ.get("THUVIEN_Z3950_SRU_URL", "").strip()
    if explicit:
        return explicit
    bind = environ.get("THUVIEN_BIND", "127.0.0.1:8000").split(",")[0].strip()
    host, _sep, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104 - reading the bind address
        host = "127.0.0.1"
    return f"http://{host}:{port or '8000'}/sru"


def config_xml(*, url: str, database: str, token: str, timeout: int = 30) -> str:
    """simple2zoom's configuration: one database in UTF-8 and one in MARC-8."""

    def one(name: str, encoding: str) -> str:
        extra = f"x-thuvien-gateway={token}" + ("&x-marc8-ready=1" if encoding == "MARC-8" else "")
        maps = "\n".join(
            f'      <map use="{use}"><index>{escape(index)}</index></map>'
            for use, index in sorted(BIB1_USE.items())
        )
        return f"""  <database name={quoteattr(name)}>
    <zurl>{escape(url)}</zurl>
    <option name="sru">get</option>
    <option name="sru_version">1.2</option>
    <option name="timeout">{int(timeout)}</option>
    <option name="schema">marcxml</option>
    <option name="extraArgs">{escape(extra)}</option>
    <search>
      <querytype>cql</querytype>
{maps}
    </search>
    <schema oid="{USMARC_OID}" sru="marcxml" format="MARC21" encoding="{encoding}"/>
  </database>
"""

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<client>\n'
        + one(database, "UTF-8")
        + one(f"{database}-marc8", "MARC-8")
        + "</client>\n"
    )


def write_config(path: Path, *, url: str, database: str, token: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(config_xml(url=url, database=database, token=token), encoding="utf-8")
    return path


def command(config: Path, *, port: int, host: str = "@", log: Path | None = None) -> list[str]:
    """simple2zoom listening on ``host:port`` (``@``: every address), one process per
    connection (YAZ's default)."""
    cmd = [SIMPLE2ZOOM, "-c", str(config), "--"]
    if log is not None:
        cmd += ["-l", str(log)]
    return [*cmd, f"tcp:{host}:{port}"]


def environment(base: Mapping[str, str], *, patched: bool = True) -> dict[str, str]:
    """``base`` with the patched module first on PERL5LIB (``patched=False``: Debian's own,
    for the test that shows why the patch is carried)."""
    env = dict(base)
    paths = [p for p in env.get("PERL5LIB", "").split(os.pathsep) if p and p != str(PERL_DIR)]
    if patched:
        paths.insert(0, str(PERL_DIR))
    env["PERL5LIB"] = os.pathsep.join(paths)
    if not env["PERL5LIB"]:
        del env["PERL5LIB"]
    return env
