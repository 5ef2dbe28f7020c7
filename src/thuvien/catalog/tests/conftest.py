from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[4] / ".." / "shared" / "data"
MARC_DIR = SHARED_DATA / "marc"


@pytest.fixture
def network(db):
    from thuvien.network.models import Network

    return Network.objects.create(code="thu-nghiem", name_vi="Mạng thử nghiệm")
