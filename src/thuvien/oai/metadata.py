"""The metadata formats served for catalogue records; the writers are the catalogue's
(``catalog.marcxml``), which also keeps them serialised per record."""

from thuvien.catalog.marcxml import (
    CACHED_FORMATS,
    DC_NS,
    FORMATS,
    MARC_NS,
    OAI_DC_NS,
    RECORD_FORMATS,
    WRITERS,
    XSI,
    clean_marc,
    fragment,
    write_metadata,
    xml_safe,
)

DIGITAL_FORMATS = ("oai_dc", "qdc")

__all__ = [
    "CACHED_FORMATS",
    "DC_NS",
    "DIGITAL_FORMATS",
    "FORMATS",
    "MARC_NS",
    "OAI_DC_NS",
    "RECORD_FORMATS",
    "WRITERS",
    "XSI",
    "clean_marc",
    "fragment",
    "write_metadata",
    "xml_safe",
]
