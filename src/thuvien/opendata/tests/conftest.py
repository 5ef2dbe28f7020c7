import uuid

import pytest


@pytest.fixture(autouse=True)
def own_opendata_folder(settings):
    """Each test writes its dumps in a folder of its own on the storage."""
    settings.OPENDATA_PREFIX = f"opendata-test-{uuid.uuid4().hex}"
