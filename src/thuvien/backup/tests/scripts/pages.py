"""A sample of pages of this installation, each reduced to a checksum: the portal's home, the
library directory, library pages, and the record pages of records none of whose copies belong
to LIBRARY_CODE (the one the test's desk lends from while the backup runs).
Prints JSON ``{path: sha256}``."""

import hashlib
import json
import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
django.setup()

from django.test import Client  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from thuvien.catalog.models import Record  # noqa: E402
from thuvien.network.models import Library  # noqa: E402

busy = sys.argv[1]
with scopes_disabled():
    records = list(
        Record.objects.exclude(items__library__code=busy)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    libraries = list(
        Library.objects.exclude(code=busy).order_by("code").values_list("code", flat=True)
    )
paths = ["/", "/libraries/"] + [f"/libraries/{c}/" for c in libraries[:5]]
paths += [f"/search/record/{pk}/" for pk in records[:: max(1, len(records) // 15)]]
client = Client()
out = {}
for path in paths:
    response = client.get(path)
    body = response.content.decode()
    body = re.sub(r"\b[A-Za-z0-9]{64}\b", "<csrf>", body)  # CSRF tokens differ per request
    body = re.sub(r'nonce="[^"]+"', "", body)
    out[path] = [response.status_code, hashlib.sha256(body.encode()).hexdigest()]
print(json.dumps(out))
