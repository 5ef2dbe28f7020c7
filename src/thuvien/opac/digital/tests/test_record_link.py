"""The portal's record page offers "Xem bản số" for a published digital copy, and only then."""

from __future__ import annotations

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from thuvien.digital.services import digital_ingest, object_update
from thuvien.digital.tests.booklet import page_image
from thuvien.digital.tests.conftest import record, search_index_dir  # noqa: F401


@pytest.mark.django_db
def test_record_page_links_the_viewer(world, record, tmp_path):  # noqa: F811
    path = page_image("Trang", tmp_path / "p.png", size=(300, 200), font_size=20)
    with scopes_disabled():
        obj_id = digital_ingest(paths=[path], library=world.provincial).objects[0]
        from thuvien.digital.models import DigitalObject

        obj = DigitalObject.all_objects.get(pk=obj_id)
        object_update(obj=obj, actor=None, record_id=record.pk)
    link = f'href="/digital/{obj_id}/"'
    assert link not in Client().get(f"/search/record/{record.pk}/").content.decode()
    object_update(obj=obj, actor=None, published=True)
    html = Client().get(f"/search/record/{record.pk}/").content.decode()
    assert link in html and "Xem bản số" in html
    viewer = Client().get(f"/digital/{obj_id}/")
    assert viewer.status_code == 200
    assert "sha256-47DEQpj8HBSa" in viewer["Content-Security-Policy"]
    style_elem = viewer["Content-Security-Policy"].split("style-src-elem")[1].split(";")[0]
    assert "unsafe" not in style_elem
