"""A small catalogue in two networks, indexed into a search index of the test's own."""

from __future__ import annotations

import pytest

from thuvien.catalog.services import record_create
from thuvien.catalog.tests.factories import vi_marc
from thuvien.core.outbox import outbox_drain

VI_TITLE = "Lịch sử tỉnh Hưng Yên"
VI_AUTHOR = "Nguyễn Văn Đức"
VI_ISBN = "9786041095113"


@pytest.fixture
def catalogue(world, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    records = {
        "history": record_create(
            network=world.hung_yen,
            marc=vi_marc(title=VI_TITLE, author=VI_AUTHOR, isbn=VI_ISBN, year=2020),
        ),
        "gazetteer": record_create(
            network=world.hung_yen,
            marc=vi_marc(title="Địa chí Hưng Yên", author="Trần Thị Mai", isbn=None, year=2015),
        ),
        "folk": record_create(
            network=world.hung_yen,
            marc=vi_marc(title="Ca dao Việt Nam", author="Lê Văn An", isbn=None, year=2001),
        ),
        "quan_ho": record_create(
            network=world.bac_ninh,
            marc=vi_marc(title="Quan họ Bắc Ninh", author="Phạm Minh Đức", isbn=None, year=2010),
        ),
    }
    outbox_drain()
    return records
