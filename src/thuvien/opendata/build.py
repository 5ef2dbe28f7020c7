"""Building the open-data files: the union catalogue (MARCXML, MARC-in-JSON lines, CSV,
schema.org JSON-LD, BIBFRAME 2), the library registry (CSV, JSON, GeoJSON) and the monthly
statistics (CSV, JSON), each gzip-compressed, with its SHA-256, size and date in a JSON manifest
on the storage API (``OPENDATA_PREFIX/manifest.json``).

Everything is read through selectors: catalogue records and their holding libraries through
``catalog.selectors_harvest`` (the OAI-PMH provider's reads: live records only, copies that
count), libraries through ``network.selectors``, figures through ``oversight.selectors``.
Libraries whose setting ``opendata.publish`` is off are left out everywhere; a record held only
by such libraries is left out of the catalogue. No file holds a reader, a loan or a staff
member: the selectors used return none.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from thuvien.catalog import selectors_harvest as harvest
from thuvien.catalog.marc.extract import extract
from thuvien.catalog.marc.slim import RecordUnwritable, slim_record
from thuvien.catalog.marc.writer import MARCXML_NS, marcxml_of, to_marcxml
from thuvien.core.scoping import scopes_disabled
from thuvien.network import selectors as network_selectors
from thuvien.network.settings_registry import setting_get
from thuvien.oversight.selectors import library_months_public

log = logging.getLogger(__name__)
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_NOTE = (
    "Giấy phép / Licence: CC0 1.0 (" + CC0 + "). Dữ liệu thư mục này được dành cho công chúng, "
    "không giữ bản quyền / This bibliographic metadata is dedicated to the public domain."
)
STATS_NOTE = (
    "Giấy phép / Licence: CC0 1.0 (" + CC0 + "). Số liệu tổng hợp theo thư viện và tháng, "
    "không chứa dữ liệu cá nhân / Aggregate figures per library and month, no personal data."
)
XSL_DIR = Path(__file__).resolve().parent / "marc2bibframe2"
BATCH = 500
BF_BATCH = 100


@dataclass
class Distribution:
    key: str
    file: str  # name on the storage, under OPENDATA_PREFIX
    media_type: str  # of the uncompressed content
    format: str  # EU file-type code (http://publications.europa.eu/resource/authority/file-type/)
    title: str
    bytes: int = 0
    sha256: str = ""
    items: int = 0


@dataclass
class Dataset:
    key: str
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    licence: str = CC0
    distributions: list[Distribution] = field(default_factory=list)


CATALOGUE_FORMATS = (  # (suffix, file extension, media type, EU file type, title)
    ("marcxml", "xml", "application/marcxml+xml", "XML", "MARCXML"),
    ("marcjson", "jsonl", "application/jsonl", "JSON", "MARC-in-JSON"),
    ("csv", "csv", "text/csv", "CSV", "CSV"),
    ("schema", "jsonld", "application/ld+json", "JSON_LD", "schema.org"),
    ("bibframe", "rdf", "application/rdf+xml", "RDF_XML", "BIBFRAME 2"),
)


def _dist(key: str, ext: str, media: str, fmt: str, title: str) -> Distribution:
    return Distribution(key, f"{key}.{ext}.gz", media, fmt, title)


def network_dataset(network: Any) -> Dataset:
    """One network's own catalogue (``catalogue-<network code>``), in the same formats as the
    union catalogue of every network."""
    key = f"catalogue-{network.code}"
    return Dataset(
        key,
        f"Mục lục liên hợp — {network.name_vi}",
        f"Union catalogue — {network.name_en or network.code}",
        f"Biểu ghi thư mục của các thư viện thuộc {network.name_vi}.",
        f"Bibliographic records of the libraries of {network.name_en or network.code}.",
        distributions=[
            _dist(f"{key}-{suffix}", ext, media, fmt, title)
            for suffix, ext, media, fmt, title in CATALOGUE_FORMATS
        ],
    )


def network_registry_datasets(network: Any) -> list[Dataset]:
    """One network's own library registry (``libraries-<code>``) and monthly figures
    (``statistics-<code>``), in the same formats as those of every network."""
    name_en = network.name_en or network.code
    registry, figures = f"libraries-{network.code}", f"statistics-{network.code}"
    return [
        Dataset(
            registry,
            f"Danh bạ thư viện — {network.name_vi}",
            f"Library registry — {name_en}",
            f"Các thư viện thuộc {network.name_vi}: địa chỉ, loại hình, giờ mở cửa, toạ độ.",
            f"The libraries of {name_en}: addresses, types, opening hours, coordinates.",
            distributions=[
                _dist(f"{registry}-csv", "csv", "text/csv", "CSV", "CSV"),
                _dist(f"{registry}-json", "json", "application/json", "JSON", "JSON"),
                _dist(
                    f"{registry}-geojson", "geojson", "application/geo+json", "GEOJSON", "GeoJSON"
                ),
            ],
        ),  # fmt: skip
        Dataset(
            figures,
            f"Số liệu hoạt động theo tháng — {network.name_vi}",
            f"Monthly activity figures — {name_en}",
            f"Số bản bổ sung, bạn đọc mới, lượt mượn, trả, đặt mượn của từng thư viện thuộc "
            f"{network.name_vi} theo tháng.",
            f"Copies added, new readers, loans, returns and holds per library of {name_en} "
            f"and month.",
            distributions=[
                _dist(f"{figures}-csv", "csv", "text/csv", "CSV", "CSV"),
                _dist(f"{figures}-json", "json", "application/json", "JSON", "JSON"),
            ],
        ),
    ]


def datasets(networks: list[Any] | None = None) -> list[Dataset]:
    """The union catalogue of every network, then the registry and the figures, then each
    network's own catalogue, registry and figures (``networks``: every network when None)."""
    dist = _dist
    if networks is None:
        networks = harvest.harvest_networks()
    return [
        Dataset(
            "catalogue",
            "Mục lục liên hợp",
            "Union catalogue",
            "Biểu ghi thư mục của mục lục liên hợp các thư viện trong mạng lưới.",
            "Bibliographic records of the union catalogue of the network's libraries.",
            distributions=[
                _dist(f"catalogue-{suffix}", ext, media, fmt, title)
                for suffix, ext, media, fmt, title in CATALOGUE_FORMATS
            ],
        ),
        Dataset(
            "libraries",
            "Danh bạ thư viện",
            "Library registry",
            "Các thư viện của mạng lưới: địa chỉ, loại hình, giờ mở cửa, toạ độ.",
            "The network's libraries: addresses, types, opening hours, coordinates.",
            distributions=[
                dist("libraries-csv", "csv", "text/csv", "CSV", "CSV"),
                dist("libraries-json", "json", "application/json", "JSON", "JSON"),
                dist("libraries-geojson", "geojson", "application/geo+json", "GEOJSON", "GeoJSON"),
            ],
        ),
        Dataset(
            "statistics",
            "Số liệu hoạt động theo tháng",
            "Monthly activity figures",
            "Số bản bổ sung, bạn đọc mới, lượt mượn, trả, đặt mượn của từng thư viện theo tháng.",
            "Copies added, new readers, loans, returns and holds per library and month.",
            distributions=[
                dist("statistics-csv", "csv", "text/csv", "CSV", "CSV"),
                dist("statistics-json", "json", "application/json", "JSON", "JSON"),
            ],
        ),
        *(network_dataset(n) for n in networks),
        *(d for n in networks for d in network_registry_datasets(n)),
    ]


def _record_url(record_id: int) -> str:
    return settings.PUBLIC_URL + reverse("opac_search:record", args=[record_id])


# --- what goes in ----------------------------------------------------------------------------


def public_visibility() -> harvest.HarvestVisibility:
    """What open data may show: what an anonymous visitor sees (``holdings.visibility``)."""
    from thuvien.holdings.visibility import (
        ANONYMOUS,
        library_visibility_q,
        record_visibility_q,
        visible_items_q,
    )

    return harvest.HarvestVisibility(
        records=record_visibility_q(ANONYMOUS),
        items=visible_items_q(ANONYMOUS),
        libraries=library_visibility_q(ANONYMOUS),
    )


def published_libraries() -> tuple[list[Any], set[int]]:
    """The active libraries that publish, and the ids of those left out: those that opted out
    and those whose holdings the public may not see (they are not named in open data)."""
    from thuvien.holdings.visibility import ANONYMOUS, library_visible

    libraries = list(network_selectors.library_list(active_only=True).order_by("code"))
    out = {
        lib.pk
        for lib in libraries
        if not setting_get("opendata.publish", library=lib) or not library_visible(ANONYMOUS, lib)
    }
    return [lib for lib in libraries if lib.pk not in out], out


def catalogue_entries(*, hidden_codes: set[str]) -> Iterator[harvest.HarvestEntry]:
    """Every live record of every network with its public holding libraries, in datestamp
    order by keyset pages (a million records never sit in memory)."""
    visibility = public_visibility()
    for network in harvest.harvest_networks():
        scope = harvest.HarvestScope(network_id=network.pk)
        after = None
        while True:
            entries, more = harvest.harvest_page(
                scope=scope, limit=BATCH, after=after, visibility=visibility
            )
            for entry in entries:
                if entry.deleted:
                    continue
                held = [c for c in entry.library_codes if c not in hidden_codes]
                if entry.library_codes and not held:
                    continue  # held only by libraries that opted out
                entry.library_codes = held
                entry.network_code = network.code  # type: ignore[attr-defined]
                yield entry
            if not more or not entries:
                break
            after = (entries[-1].datestamp, entries[-1].record_id)


# --- the writers -----------------------------------------------------------------------------


class _Gz:
    """A gzip file in a temporary directory, hashed once written."""

    def __init__(self, folder: str, dist: Distribution) -> None:
        self.dist = dist
        self.path = os.path.join(folder, dist.file)
        self.raw = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        self.gz = gzip.GzipFile(fileobj=self.raw, mode="wb", compresslevel=6, mtime=0)
        self.text = io.TextIOWrapper(self.gz, encoding="utf-8", newline="")

    def close(self) -> None:
        self.text.close()
        self.raw.close()
        digest = hashlib.sha256()
        with open(self.path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        self.dist.sha256 = digest.hexdigest()
        self.dist.bytes = os.path.getsize(self.path)


CSV_COLUMNS = (
    "id", "url", "network", "title", "authors", "publisher", "place", "year", "edition", "isbn",
    "issn", "language", "ddc", "subjects", "material_type", "libraries", "license",
)  # fmt: skip


def _schema_node(entry: harvest.HarvestEntry, values: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": _record_url(entry.record_id),
        "@type": "Book" if values.get("material_type") in ("book", "") else "CreativeWork",
        "name": values.get("title", ""),
        "license": CC0,
    }
    if values.get("authors"):
        node["author"] = [{"@type": "Person", "name": a} for a in values["authors"]]
    if values.get("publisher"):
        node["publisher"] = {"@type": "Organization", "name": values["publisher"]}
    if values.get("year"):
        node["datePublished"] = str(values["year"])
    if values.get("isbns"):
        node["isbn"] = values["isbns"]
    if values.get("language"):
        node["inLanguage"] = values["language"]
    if values.get("subjects"):
        node["about"] = values["subjects"]
    if values.get("edition"):
        node["bookEdition"] = values["edition"]
    return node


class _Bibframe:
    """marc2bibframe2 (Library of Congress, XSLT 1.0) under lxml, a batch of records at a time,
    the RDF/XML of every batch written into one ``rdf:RDF`` document."""

    NSMAP = {
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "bf": "http://id.loc.gov/ontologies/bibframe/",
        "bflc": "http://id.loc.gov/ontologies/bflc/",
        "madsrdf": "http://www.loc.gov/mads/rdf/v1#",
    }

    def __init__(self, out: _Gz | None, also: _Gz | None = None) -> None:
        """``also``: a second output (the union file) that gets the same descriptions; the
        stylesheet runs once for both. ``out`` None: ``also`` alone, opened and closed by
        its owner (no header here)."""
        self.xslt = _bibframe_xslt()
        self.out = out
        self.also = also
        self.batch: list[str] = []
        if out is not None:
            self.out.text.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            self.out.text.write(f"<!-- {LICENCE_NOTE} -->\n")
            ns = " ".join(f'xmlns:{k}="{v}"' for k, v in self.NSMAP.items())
            self.out.text.write(f"<rdf:RDF {ns}>\n")

    def add(self, entry: harvest.HarvestEntry) -> None:
        self.batch.append(to_marcxml(_with_001(entry)))
        if len(self.batch) >= BF_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        doc = f'<collection xmlns="{MARCXML_NS}">{"".join(self.batch)}</collection>'
        self.batch = []
        result = self.xslt(
            etree.fromstring(doc.encode()),
            baseuri=etree.XSLT.strparam(settings.PUBLIC_URL + "/opendata/bibframe/"),
        )
        root = result.getroot()
        for child in root:
            text = etree.tostring(child, encoding="unicode") + "\n"
            for target in (self.out, self.also):
                if target is not None:
                    target.text.write(text)

    def close(self) -> None:
        self.flush()
        if self.out is not None:
            self.out.text.write("</rdf:RDF>\n")


_XSLT: list[Any] = []


def _bibframe_xslt() -> Any:
    """marc2bibframe2 compiled once a process (it takes about a second)."""
    if not _XSLT:
        _XSLT.append(etree.XSLT(etree.parse(str(XSL_DIR / "marc2bibframe2.xsl"))))
    return _XSLT[0]


def _with_001(entry: harvest.HarvestEntry) -> dict[str, Any]:
    """The record with 001 = its id here (BIBFRAME URIs are made from 001). A stored value
    that is not a record raises ``RecordUnwritable``."""
    marc = entry.marc or {}
    if not isinstance(marc, dict) or not isinstance(marc.get("fields", []), list):
        raise RecordUnwritable("not a MARC record")
    fields = [f for f in marc.get("fields") or () if not (isinstance(f, dict) and "001" in f)]
    return {"leader": marc.get("leader", ""), "fields": [{"001": str(entry.record_id)}, *fields]}


class _CatalogueFiles:
    """The five files of one catalogue dataset, written record by record. ``union``: the
    province-wide files, which take a network's BIBFRAME from that network's own stylesheet
    run (the costly part is done once)."""

    def __init__(self, folder: str, dataset: Dataset, *, union: _CatalogueFiles | None = None,
                 bibframe: bool = True) -> None:  # fmt: skip
        self.dataset = dataset
        self.files = {d.key.rsplit("-", 1)[1]: _Gz(folder, d) for d in dataset.distributions}
        self.count = 0
        xml = self.files["marcxml"].text
        xml.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {LICENCE_NOTE} -->\n')
        xml.write(f'<collection xmlns="{MARCXML_NS}">\n')
        self.files["marcjson"].text.write(
            json.dumps({"license": CC0, "note": LICENCE_NOTE}, ensure_ascii=False) + "\n"
        )
        self.table = csv.writer(self.files["csv"].text)
        self.table.writerow(CSV_COLUMNS)
        jsonld = self.files["schema"].text
        jsonld.write('{"@context": {"@vocab": "https://schema.org/"}, "@graph": [\n')
        jsonld.write(
            json.dumps(
                {
                    "@id": settings.PUBLIC_URL + reverse("opendata:index") + "#" + dataset.key,
                    "@type": "Dataset",
                    "name": dataset.title_vi,
                    "license": CC0,
                    "description": LICENCE_NOTE,
                },
                ensure_ascii=False,
            )
        )
        # the union's BIBFRAME file gets its header here and its descriptions from the
        # networks' own stylesheet runs (``also``)
        also = union.files["bibframe"] if union is not None else None
        self.bibframe_head = _Bibframe(self.files["bibframe"]) if not bibframe else None
        self.bibframe = _Bibframe(self.files["bibframe"], also) if bibframe else None

    def add(self, entry: harvest.HarvestEntry, values: dict[str, Any], marc: dict[str, Any],
            marcxml: str) -> None:  # fmt: skip
        self.files["marcxml"].text.write(marcxml)
        self.files["marcxml"].text.write("\n")
        self.files["marcjson"].text.write(json.dumps(marc, ensure_ascii=False) + "\n")
        self.table.writerow(
            [
                entry.record_id, _record_url(entry.record_id), entry.network_code,  # type: ignore[attr-defined]
                values.get("title", ""), " | ".join(values.get("authors") or []),
                values.get("publisher", ""), values.get("place", ""), values.get("year") or "",
                values.get("edition", ""), " | ".join(values.get("isbns") or []),
                " | ".join(values.get("issns") or []), values.get("language", ""),
                values.get("ddc", ""), " | ".join(values.get("subjects") or []),
                values.get("material_type", ""), " | ".join(entry.library_codes), CC0,
            ]
        )  # fmt: skip
        self.files["schema"].text.write(
            ",\n" + json.dumps(_schema_node(entry, values), ensure_ascii=False)
        )
        if self.bibframe is not None:
            self.bibframe.batch.append(marcxml)
            if len(self.bibframe.batch) >= BF_BATCH:
                self.bibframe.flush()
        self.count += 1

    def close(self) -> None:
        self.files["marcxml"].text.write("</collection>\n")
        self.files["schema"].text.write("\n]}\n")
        if self.bibframe is not None:
            self.bibframe.close()
        if self.bibframe_head is not None:
            self.bibframe_head.close()
        for f in self.files.values():
            f.dist.items = self.count
            f.close()


def _write_catalogue(
    folder: str, dataset: Dataset, hidden: set[str], tick: Callable,
    by_network: dict[str, Dataset] | None = None,
) -> None:  # fmt: skip
    """The union catalogue and, in the same pass, each network's own (``by_network``: network
    code -> its dataset; a network with no public record gets empty files)."""
    by_network = by_network or {}
    union = _CatalogueFiles(folder, dataset, bibframe=False)
    # records of a network without files of its own: their BIBFRAME goes to the union alone
    orphans = _Bibframe(None, union.files["bibframe"])
    current: tuple[str, _CatalogueFiles] | None = None
    done: set[str] = set()
    for entry in catalogue_entries(hidden_codes=hidden):
        code = entry.network_code  # type: ignore[attr-defined]
        if current is None or current[0] != code:
            if current is not None:
                current[1].close()
            current = None
            if code in by_network:
                current = (code, _CatalogueFiles(folder, by_network[code], union=union))
                done.add(code)
        try:  # every file gets the record as MARC21slim.xsd takes it (``catalog.marc.slim``)
            marc = slim_record(_with_001(entry))[0]
        except RecordUnwritable:
            log.warning("open data: record %s is not a MARC record, left out", entry.record_id)
            continue
        values = extract(marc).values
        marcxml = marcxml_of(marc)
        union.add(entry, values, marc, marcxml)
        if current is not None:
            current[1].add(entry, values, marc, marcxml)
        else:
            orphans.batch.append(marcxml)
            if len(orphans.batch) >= BF_BATCH:
                orphans.flush()
        if union.count % BATCH == 0:
            tick(union.count)
    if current is not None:
        current[1].close()
    orphans.close()
    for code, network_set in by_network.items():
        if code not in done:
            _CatalogueFiles(folder, network_set, union=union).close()
    union.close()


def _hours(library: Any) -> dict[str, list[str]]:
    days = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    return {
        days[day.weekday]: [f"{a:%H:%M}-{b:%H:%M}" for a, b in day.shifts]
        for day in network_selectors.opening_hours_week(library=library)
        if day.shifts
    }


def _library_row(library: Any) -> dict[str, Any]:
    return {
        "code": library.code,
        "name_vi": library.name_vi,
        "name_en": library.name_en,
        "type": library.library_type,
        "type_label": str(library.get_library_type_display()),
        "network": library.network.code,
        "parent": library.parent.code if library.parent_id else "",
        "province": library.province,
        "commune": library.commune,
        "address": library.address,
        "latitude": float(library.latitude) if library.latitude is not None else None,
        "longitude": float(library.longitude) if library.longitude is not None else None,
        "phone": library.phone,
        "email": library.email,
        "website": library.website,
        "opening_hours": _hours(library),
    }


def _files(folder: str, dataset: Dataset) -> dict[str, _Gz]:
    """The dataset's files by format (``csv``, ``json``...: its distributions' key suffix)."""
    return {d.key.removeprefix(dataset.key + "-"): _Gz(folder, d) for d in dataset.distributions}


def _write_libraries(folder: str, dataset: Dataset, libraries: list[Any]) -> None:
    rows = [_library_row(lib) for lib in libraries]
    files = _files(folder, dataset)
    columns = [k for k in rows[0]] if rows else list(_library_row.__annotations__)
    table = csv.writer(files["csv"].text)
    table.writerow([*columns, "license"])
    for row in rows:
        hours = "; ".join(f"{d} {','.join(s)}" for d, s in row["opening_hours"].items())
        table.writerow([hours if c == "opening_hours" else row[c] for c in columns] + [CC0])
    json.dump(
        {"license": CC0, "note": LICENCE_NOTE, "libraries": rows},
        files["json"].text,
        ensure_ascii=False,
        indent=1,
    )
    features = [
        {
            "type": "Feature",
            "geometry": (
                {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
                if row["latitude"] is not None and row["longitude"] is not None
                else None
            ),
            "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")},
        }
        for row in rows
    ]
    json.dump(
        {"type": "FeatureCollection", "license": CC0, "note": LICENCE_NOTE, "features": features},
        files["geojson"].text,
        ensure_ascii=False,
    )
    for f in files.values():
        f.dist.items = len(rows)
        f.close()


def _write_statistics(folder: str, dataset: Dataset, rows: list[dict[str, Any]]) -> None:
    files = _files(folder, dataset)
    columns = ["network", "library", "month", "days", "copies_added", "readers_new", "loans",
               "returns", "holds"]  # fmt: skip
    table = csv.writer(files["csv"].text)
    table.writerow([*columns, "license"])
    for row in rows:
        table.writerow([row[c] for c in columns] + [CC0])
    json.dump(
        {"license": CC0, "note": STATS_NOTE, "months": rows},
        files["json"].text,
        ensure_ascii=False,
    )
    for f in files.values():
        f.dist.items = len(rows)
        f.close()


def _store(name: str, source: IO[bytes]) -> None:
    path = f"{settings.OPENDATA_PREFIX}/{name}"
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, File(source, name=name))


def opendata_build(*, progress: Callable[[int, str], None] | None = None) -> dict[str, Any]:
    """Rebuild every file and the manifest; returns the manifest. The files are written in a
    temporary folder first and stored one by one, the manifest last: a reader never sees a
    manifest pointing at a file that is not there yet."""
    with scopes_disabled():  # a worker and a command read every library's public data
        return _build(progress)


def _build(progress: Callable[[int, str], None] | None) -> dict[str, Any]:
    tick = (lambda n: progress(n, f"{n}")) if progress else (lambda n: None)
    built = timezone.now()
    libraries, hidden_ids = published_libraries()
    hidden_codes = {lib.code for lib in network_selectors.libraries_by_ids(ids=hidden_ids)}
    networks = harvest.harvest_networks()
    sets = datasets(networks)
    with tempfile.TemporaryDirectory(prefix="thuvien-opendata-") as folder:
        by_key = {d.key: d for d in sets}
        by_network = {n.code: by_key[f"catalogue-{n.code}"] for n in networks}
        _write_catalogue(folder, by_key["catalogue"], hidden_codes, tick, by_network)
        # a network with no public record has no catalogue of its own to offer
        sets = [d for d in sets if d.key == "catalogue" or not d.key.startswith("catalogue-")
                or d.distributions[0].items]  # fmt: skip
        _write_libraries(folder, by_key["libraries"], libraries)
        figures = library_months_public(exclude_library_ids=hidden_ids)
        for row in figures:
            row["month"] = row["month"].strftime("%Y-%m")
        _write_statistics(folder, by_key["statistics"], figures)
        for network in networks:  # each network's own registry and figures
            code = network.code
            _write_libraries(
                folder,
                by_key[f"libraries-{code}"],
                [lib for lib in libraries if lib.network_id == network.pk],
            )
            _write_statistics(
                folder,
                by_key[f"statistics-{code}"],
                [row for row in figures if row["network"] == code],
            )
        # a network with no published library has no registry or figures of its own
        own = {f"libraries-{n.code}": f"statistics-{n.code}" for n in networks}
        empty = {k for k in own if not by_key[k].distributions[0].items}
        dropped = empty | {own[k] for k in empty}
        sets = [d for d in sets if d.key not in dropped]
        for dataset in sets:
            for dist in dataset.distributions:
                with open(os.path.join(folder, dist.file), "rb") as f:
                    _store(dist.file, f)
    manifest = {
        "built_at": built.isoformat(),
        "license": CC0,
        "datasets": [
            {
                "key": d.key,
                "title_vi": d.title_vi,
                "title_en": d.title_en,
                "description_vi": d.description_vi,
                "description_en": d.description_en,
                "license": d.licence,
                "distributions": [vars(x) for x in d.distributions],
            }
            for d in sets
        ],
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    _store("manifest.json", io.BytesIO(data))
    return manifest


def manifest_read() -> dict[str, Any] | None:
    path = f"{settings.OPENDATA_PREFIX}/manifest.json"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as f:
        return json.loads(f.read())


def file_open(name: str) -> IO[bytes] | None:
    """A file named in the manifest, or None (no other name is ever opened)."""
    manifest = manifest_read() or {}
    names = {x["file"] for d in manifest.get("datasets", []) for x in d["distributions"]}
    if name not in names:
        return None
    path = f"{settings.OPENDATA_PREFIX}/{name}"
    return default_storage.open(path, "rb") if default_storage.exists(path) else None


def built_date(manifest: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(manifest["built_at"])
