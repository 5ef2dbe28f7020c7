"""The published XML schemas (OAI-PMH 2.0, oai_dc, simple Dublin Core, MARC21 slim) for the
tests, read from the copies ``scripts/fetch-test-schemas.sh`` takes out of registry packages
(``make test`` runs it). Every address a schema imports resolves to those local files, so
validation never touches the network; a missing file fails the test with the command to run.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MARC_NS = "http://www.loc.gov/MARC21/slim"

# every address by which the schemas (or our responses) name one another -> the local copy
_LOCATIONS = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://vo.ari.uni-heidelberg.de/docs/schemata/simpledc20021212.xsd": ("simpledc20021212.xsd"),
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd": "MARC21slim.xsd",
}
FILES = sorted(set(_LOCATIONS.values()))
# the namespaces whose published schemas are here: inside <metadata>, <about> and
# <description> the OAI-PMH schema validates these strictly
KNOWN_NAMESPACES = frozenset({OAI_DC_NS, MARC_NS})


def schema_dir() -> Path:
    """Where the fetch script puts the files (the same default as the script)."""
    explicit = os.environ.get("THUVIEN_XSD_DIR")
    if explicit:
        return Path(explicit)
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "thuvien" / "xsd"


class _Offline(etree.Resolver):  # type: ignore[misc]
    """Resolves the schemas' imports to the local copies; anything else is an error, never a
    download."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        name = _LOCATIONS.get(url or "")
        if name is None and url and Path(url).name in FILES:  # a relative import (./xml.xsd)
            name = Path(url).name
        if name is None:
            raise OSError(f"schema outside the local copies: {url}")
        return self.resolve_filename(str(self.directory / name), context)


def _parser(directory: Path) -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    parser.resolvers.add(_Offline(directory))
    return parser


def _directory() -> Path:
    directory = schema_dir()
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        pytest.fail(
            f"the published schemas {', '.join(missing)} are not in {directory}: "
            "run `bash scripts/fetch-test-schemas.sh` (make test does)",
            pytrace=False,
        )
    return directory


def _driver(imports: dict[str, str], directory: Path) -> etree.XMLSchema:
    """One schema set from published schemas (namespace -> address), through a document that
    only imports them."""
    xs = "http://www.w3.org/2001/XMLSchema"
    root = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs})
    for namespace, location in imports.items():
        etree.SubElement(root, f"{{{xs}}}import", namespace=namespace, schemaLocation=location)
    parser = _parser(directory)
    doc = etree.fromstring(etree.tostring(root), parser, base_url=str(directory / "driver.xsd"))
    return etree.XMLSchema(doc)


@cache
def oai_pmh_schema() -> etree.XMLSchema:
    """OAI-PMH.xsd as published, with oai_dc and MARC21 slim beside it: its strict wildcards
    then validate the records and set descriptions inside a response too."""
    directory = _directory()
    return _driver(
        {
            OAI_NS: "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
            OAI_DC_NS: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            MARC_NS: "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd",
        },
        directory,
    )


@cache
def oai_pmh_schema_lax() -> etree.XMLSchema:
    """OAI-PMH.xsd with its three wildcards (metadata, about, description) read as
    ``processContents="lax"`` instead of ``strict``: for the namespaces no registry package has
    a published schema of (the oai-identifier description of Identify, qualified DC). Every
    other declaration is the published one, and an oai_dc or MARC element is still checked."""
    directory = _directory()
    text = (directory / "OAI-PMH.xsd").read_bytes()
    strict = b'processContents="strict"'
    assert text.count(strict) == 3, "the published OAI-PMH.xsd has three strict wildcards"
    lax = etree.fromstring(
        text.replace(strict, b'processContents="lax"'),
        _parser(directory),
        base_url=str(directory / "OAI-PMH.xsd"),
    )
    xs = "http://www.w3.org/2001/XMLSchema"
    for namespace, location in (
        (OAI_DC_NS, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
        (MARC_NS, "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"),
    ):
        lax.insert(
            0, etree.Element(f"{{{xs}}}import", namespace=namespace, schemaLocation=location)
        )
    return etree.XMLSchema(lax)


@cache
def marc21_slim_schema() -> etree.XMLSchema:
    directory = _directory()
    return etree.XMLSchema(etree.parse(str(directory / "MARC21slim.xsd"), _parser(directory)))


@cache
def oai_dc_schema() -> etree.XMLSchema:
    directory = _directory()
    return etree.XMLSchema(etree.parse(str(directory / "oai_dc.xsd"), _parser(directory)))


@cache
def simple_dc_schema() -> etree.XMLSchema:
    """simpledc20021212.xsd alone: its global elements (dc:title ...) for the Dublin Core
    elements of a wrapper that has no reachable published schema (SRU's ``srw_dc:dc``)."""
    directory = _directory()
    return _driver({DC_NS: "http://dublincore.org/schemas/xmls/simpledc20021212.xsd"}, directory)


def assert_valid_dc_elements(container: Any) -> None:
    """Every child of ``container`` is an element of simple Dublin Core, valid against the
    published simpledc20021212.xsd on its own."""
    for child in container:
        if not isinstance(child.tag, str):
            continue
        assert etree.QName(child).namespace == DC_NS, child.tag
        simple_dc_schema().assertValid(etree.ElementTree(_copy(child)))


def _wildcard_namespaces(root: Any) -> set[str]:
    """Namespaces of the elements in the OAI-PMH wildcards (metadata, about, description)."""
    found = set()
    for name in ("metadata", "about", "description", "setDescription"):
        for holder in root.iter(f"{{{OAI_NS}}}{name}"):
            for child in holder:
                if isinstance(child.tag, str):
                    found.add(etree.QName(child).namespace or "")
    return found


def assert_valid_oai_pmh(root: Any) -> None:
    """The whole response against the published OAI-PMH.xsd (strict wildcards whenever every
    embedded namespace has its published schema here), then each embedded MARC record and
    oai_dc record alone against MARC21slim.xsd and oai_dc.xsd."""
    strict = _wildcard_namespaces(root) <= KNOWN_NAMESPACES
    schema = oai_pmh_schema() if strict else oai_pmh_schema_lax()
    schema.assertValid(root)
    for record in root.iter(f"{{{MARC_NS}}}record"):
        assert_valid_marc21(record)
    for dc in root.iter(f"{{{OAI_DC_NS}}}dc"):
        oai_dc_schema().assertValid(etree.ElementTree(_copy(dc)))


def assert_valid_marc21(record: Any) -> None:
    marc21_slim_schema().assertValid(etree.ElementTree(_copy(record)))


def _copy(element: Any) -> Any:
    """The element as a document of its own (validation starts at the document's root)."""
    return etree.fromstring(etree.tostring(element))
