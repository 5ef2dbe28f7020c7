"""The DCAT-AP 3 catalogue validates against the official DCAT-AP 3.0.0 SHACL shapes (SEMIC,
vendored from PyPI by scripts/vendor-opendata.sh) with pyshacl, in Turtle and JSON-LD; the
download page speaks Vietnamese and English; files are served by name from the manifest only."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pyshacl
import pytest
import rdflib

from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.opendata.build import CC0, opendata_build

SHAPES = Path(__file__).resolve().parents[1] / "shapes" / "dcat-ap-3.0.0-shacl.jsonld"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")


@pytest.fixture
def built(world):
    for i in range(3):
        record_create(network=world.hung_yen, marc=vi_marc(title=f"Địa chí {i}", isbn=None))
    record_create(network=world.bac_ninh, marc=vi_marc(title="Quan họ", isbn=None))
    return opendata_build()


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="json-ld")


@pytest.mark.parametrize("path,fmt", [("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld")])
def test_the_dcat_catalogue_validates_against_dcat_ap_3(client, built, shapes, path, fmt):
    response = client.get(f"/opendata/{path}")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content.decode(), format=fmt)
    conforms, _report, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="rdfs", allow_warnings=True
    )
    assert conforms, text
    datasets = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    distributions = set(graph.subjects(rdflib.RDF.type, DCAT.Distribution))
    # the union catalogue, the registry, the figures, and each of the two networks' own
    # catalogue (5 files), registry (3) and figures (2)
    assert len(datasets) == 3 + 2 * 3 and len(distributions) == 10 + 2 * 10
    for code in ("hung-yen", "bac-ninh"):
        for kind in ("catalogue", "libraries", "statistics"):
            assert rdflib.URIRef(f"http://testserver/opendata/#{kind}-{code}") in datasets
    for dist in distributions:  # every download URL answers with the file it describes
        url = str(graph.value(dist, DCAT.downloadURL))
        assert url.startswith("http://testserver/opendata/files/")
        body = b"".join(client.get(url.removeprefix("http://testserver")).streaming_content)
        node = graph.value(dist, SPDX.checksum)
        checksum = graph.value(node, SPDX.checksumValue)
        assert hashlib.sha256(body).hexdigest() == str(checksum)
        content = gzip.decompress(body)
        # a CSV states the licence on each row (a column): an empty one has only its header
        assert CC0.encode() in content or content.count(b"\n") == 1, url


def test_a_catalogue_missing_a_mandatory_property_does_not_validate(client, built, shapes):
    graph = rdflib.Graph().parse(data=client.get("/opendata/catalog.ttl").content, format="turtle")
    for dataset in list(graph.subjects(rdflib.RDF.type, DCAT.Dataset)):
        graph.remove((dataset, rdflib.URIRef("http://purl.org/dc/terms/description"), None))
    conforms, _report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="rdfs")
    assert not conforms


def test_the_download_page_in_both_languages(client, built):
    page = client.get("/opendata/").content.decode()
    assert "Mục lục liên hợp" in page and "catalogue-marcxml.xml.gz" in page and "CC0" in page
    client.cookies["thuvien_language"] = "en"
    english = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Union catalogue" in english and "Library registry" in english
    assert "Library registry — Hưng Yên" in english or "libraries-hung-yen-csv" in english
    sums = client.get("/opendata/SHA256SUMS").content.decode().splitlines()
    # the whole network's 10 files, and each network's catalogue (5), registry (3), figures (2)
    assert len(sums) == 10 + 2 * 10 and all(len(line.split("  ")[0]) == 64 for line in sums)


def test_only_files_named_in_the_manifest_are_served(client, built):
    assert client.get("/opendata/files/manifest.json").status_code == 404
    assert client.get("/opendata/files/..%2Fsecret").status_code == 404
    assert client.get("/opendata/files/catalogue-csv.csv.gz").status_code == 200


def test_before_the_first_build_the_page_says_so(client, db):
    page = client.get("/opendata/")
    assert page.status_code == 200
    assert 'id="opendata-none"' in page.content.decode()
    assert client.get("/opendata/catalog.ttl").status_code == 404


def test_the_worker_makes_the_first_files_without_waiting_for_the_night(
    client, world, django_capture_on_commit_callbacks
):
    """A new installation had nothing to download until the nightly rebuild while the page
    said the files were being made; the worker's five-minute check queues the first build."""
    from thuvien.core.models import Job
    from thuvien.opendata.tasks import REBUILD_KIND, first_build_enqueue

    record_create(network=world.hung_yen, marc=vi_marc(title="Địa chí Hưng Yên", isbn=None))
    with django_capture_on_commit_callbacks(execute=False):
        job = first_build_enqueue()
    assert job is not None
    assert first_build_enqueue() is None  # one build at a time
    page = client.get("/opendata/").content.decode()
    assert 'id="opendata-underway"' in page  # true now: a build is queued
    with django_capture_on_commit_callbacks(execute=True):
        Job.objects.filter(pk=job.pk).delete()
        first_build_enqueue()  # the worker (huey immediate in tests) builds it
    assert Job.objects.filter(kind=REBUILD_KIND, status=Job.Status.DONE).count() == 1
    assert client.get("/opendata/catalog.ttl").status_code == 200
    assert first_build_enqueue() is None  # the files exist: nothing more until the night


def test_each_network_has_its_own_dump_that_parses_back(client, world):
    """Hưng Yên's dump holds Hưng Yên's records, Bắc Ninh's its own; together they are the
    union catalogue; a network's BIBFRAME and schema.org parse with rdflib."""
    import io

    import pymarc

    hy = [record_create(network=world.hung_yen, marc=vi_marc(title=f"Phố Hiến {i}", isbn=None))
          for i in range(3)]  # fmt: skip
    bn = [record_create(network=world.bac_ninh, marc=vi_marc(title="Quan họ", isbn=None))]
    manifest = opendata_build()
    keys = [d["key"] for d in manifest["datasets"]]
    assert {"catalogue", "catalogue-hung-yen", "catalogue-bac-ninh"} <= set(keys)

    def text(name: str) -> str:
        body = b"".join(client.get(f"/opendata/files/{name}").streaming_content)
        return gzip.decompress(body).decode()

    def ids(name: str) -> set[int]:
        return {int(r["001"].data) for r in pymarc.parse_xml_to_array(io.StringIO(text(name)))}

    assert ids("catalogue-hung-yen-marcxml.xml.gz") == {r.pk for r in hy}
    assert ids("catalogue-bac-ninh-marcxml.xml.gz") == {r.pk for r in bn}
    assert ids("catalogue-marcxml.xml.gz") == {r.pk for r in hy + bn}
    works = rdflib.Namespace("http://id.loc.gov/ontologies/bibframe/")
    for name, count in (("catalogue-hung-yen", 3), ("catalogue-bac-ninh", 1), ("catalogue", 4)):
        graph = rdflib.Graph().parse(data=text(f"{name}-bibframe.rdf.gz"), format="xml")
        assert len(set(graph.subjects(rdflib.RDF.type, works.Instance))) == count, name
        schema = rdflib.Graph().parse(data=text(f"{name}-schema.jsonld.gz"), format="json-ld")
        books = set(schema.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/Book")))
        assert len(books) == count, name


def test_each_network_has_its_own_registry_and_figures(client, world):
    """``libraries-<network>`` lists that network's published libraries only, in CSV, JSON and
    GeoJSON; ``statistics-<network>`` its libraries' months; together they are the whole."""
    import csv
    import io
    import json

    record_create(network=world.hung_yen, marc=vi_marc(title="Phố Hiến", isbn=None))
    manifest = opendata_build()
    keys = {d["key"] for d in manifest["datasets"]}
    assert {"libraries-hung-yen", "libraries-bac-ninh", "statistics-hung-yen",
            "statistics-bac-ninh"} <= keys  # fmt: skip

    def text(name: str) -> str:
        body = b"".join(client.get(f"/opendata/files/{name}").streaming_content)
        return gzip.decompress(body).decode()

    def codes(name: str) -> set[str]:
        return {lib["code"] for lib in json.loads(text(name))["libraries"]}

    everything = codes("libraries-json.json.gz")
    hy, bn = codes("libraries-hung-yen-json.json.gz"), codes("libraries-bac-ninh-json.json.gz")
    assert world.provincial.code in hy and world.provincial.code not in bn
    assert hy and bn and not hy & bn and hy | bn == everything
    rows = list(csv.DictReader(io.StringIO(text("libraries-hung-yen-csv.csv.gz"))))
    assert {r["code"] for r in rows} == hy and {r["network"] for r in rows} == {"hung-yen"}
    assert all(r["license"] == CC0 for r in rows)
    geo = json.loads(text("libraries-bac-ninh-geojson.geojson.gz"))
    assert {f["properties"]["code"] for f in geo["features"]} == bn
    months = json.loads(text("statistics-hung-yen-json.json.gz"))
    assert months["license"] == CC0
    assert {m["network"] for m in months["months"]} <= {"hung-yen"}
