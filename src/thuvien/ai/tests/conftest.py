"""Each AI test gets its own empty search index and vector files."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def ai_dirs(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.AI_VECTOR_DIR = tmp_path / "vectors"
    from thuvien.ai import vectors

    vectors._views.clear()
    yield
    vectors._views.clear()
