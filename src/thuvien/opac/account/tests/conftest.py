"""A world with two readers of Tiên Lữ and Phố Hiến, a record and its copies."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from thuvien.circulation.tests.factories import make_item, make_patron, make_record

PASSWORD = "mat-khau-ban-doc-1"


@pytest.fixture
def readers(world):
    with scopes_disabled():
        record = make_record(world.hung_yen, title="Dế Mèn phiêu lưu ký")
        other_record = make_record(world.bac_ninh, title="Quan họ Bắc Ninh")
        dao = make_patron(
            world.commune_a,
            full_name="Trần Thị Đào",
            email="dao@example.org",
            address="Thôn Đông, xã Tiên Lữ, Hưng Yên",
            password=PASSWORD,
            keep_history=True,
        )
        binh = make_patron(world.commune_b, full_name="Phạm Văn Bình", password=PASSWORD)
        item = make_item(world.commune_a, record, barcode="TL1001")
        item2 = make_item(world.commune_b, record, barcode="PH1001")
    return {
        "world": world,
        "dao": dao,
        "binh": binh,
        "record": record,
        "other_record": other_record,
        "item": item,
        "item2": item2,
    }
