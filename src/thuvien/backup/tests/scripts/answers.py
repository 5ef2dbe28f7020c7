"""What this installation answers to a reader and a harvester, as they ask over HTTP: a fixed
set of catalogue searches (the public search API, served by the search index: total, the
records in order, the facet counts other than availability), the same searches over SRU
(numberOfRecords), an OAI-PMH harvest of every record identifier (ListIdentifiers followed
through its resumption tokens, deleted ones included) and the catalogue's record count.
Prints JSON."""

import json
import os
import xml.etree.ElementTree as ET  # noqa: S405 - our own server's answer

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
django.setup()

from django.test import Client  # noqa: E402

# Words, phrases, unaccented typing, a field, a prefix, a boolean, an English word, a miss.
QUERIES = [
    "lịch sử",
    "lich su",
    "văn học Việt Nam",
    '"Hưng Yên"',
    "nguyen",
    "giáo trình",
    "title:địa",
    "kinh*",
    "văn OR thơ",
    "history",
    "xyzzy-khong-co",
]
OAI = "{http://www.openarchives.org/OAI/2.0/}"
SRW = "{http://www.loc.gov/zing/srw/}"

client = Client()
out: dict = {"search": {}, "sru": {}, "oai": {}}
for q in QUERIES:
    response = client.get("/api/v1/search/", {"q": q, "limit": 50})
    assert response.status_code == 200, (q, response.status_code)
    body = response.json()
    facets = {
        name: sorted((v["value"], v["count"]) for v in values)
        for name, values in body["facets"].items()
        if "avail" not in name
    }
    out["search"][q] = {
        "total": body["total"],
        "ids": [r["id"] for r in body["results"]],
        "facets": facets,
    }
    sru = client.get(
        "/sru", {"operation": "searchRetrieve", "version": "1.2", "query": q, "maximumRecords": 0}
    )
    root = ET.fromstring(sru.content)  # noqa: S314
    found = root.find(f"{SRW}numberOfRecords")
    out["sru"][q] = [sru.status_code, None if found is None else int(found.text or 0)]

identifiers: list[str] = []
params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
while True:
    root = ET.fromstring(client.get("/oai", params).content)  # noqa: S314
    identifiers += [
        h.findtext(f"{OAI}identifier", "") + ("/deleted" if h.get("status") else "")
        for h in root.iter(f"{OAI}header")
    ]
    token = root.find(f".//{OAI}resumptionToken")
    if token is None or not token.text:
        break
    params = {"verb": "ListIdentifiers", "resumptionToken": token.text}
out["oai"] = {"count": len(identifiers), "identifiers": sorted(identifiers)}
out["records"] = client.get("/api/v1/records/", {"limit": 1}).json()["count"]
print(json.dumps(out, ensure_ascii=False))
