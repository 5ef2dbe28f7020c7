"""Each portal search test gets its own empty index directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR
