"""What a reader gets from the digital library of this installation, each answer reduced to its
status and a checksum: every object's IIIF manifest, every page's info.json, first tile and
full image, and the object's PDF (status, number of pages and page sizes: the file itself
carries the time it was made). Prints JSON ``{path: [status, digest]}``."""

import hashlib
import json
import os
import re

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
django.setup()

import pikepdf  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from thuvien.digital.models import DigitalObject  # noqa: E402

client = Client(raise_request_exception=False)
out: dict[str, list] = {}


def get(path: str) -> bytes:
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    digest = hashlib.sha256(body).hexdigest()
    if response.status_code == 200 and path.endswith("/pdf"):
        import io

        with pikepdf.open(io.BytesIO(body)) as pdf:
            digest = json.dumps([[round(float(v), 2) for v in page.mediabox] for page in pdf.pages])
    out[path] = [response.status_code, digest]
    return body


with scopes_disabled():
    objects = list(DigitalObject.all_objects.order_by("pk").values_list("pk", flat=True))
for pk in objects:
    manifest = get(f"/iiif/3/{pk}/manifest").decode()
    for image in sorted(set(re.findall(r'"(http://testserver/iiif/3/image/[^/"]+)"', manifest))):
        base = image.removeprefix("http://testserver")
        get(f"{base}/info.json")
        get(f"{base}/0,0,256,256/256,/0/default.jpg")
        get(f"{base}/full/max/0/default.jpg")
    get(f"/digital/{pk}/pdf")
print(json.dumps(out))
