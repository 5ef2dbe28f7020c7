from __future__ import annotations

import pytest
from django_scopes import scopes_disabled


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def digitiser(world):
    """A digitisation librarian of the provincial library (role "digitiser")."""
    from thuvien.accounts.models import Membership, Role, User

    with scopes_disabled():
        user = User.objects.create_user(username="tinh_digitiser", password="mat-khau-dai-123",
                                        full_name="Cán bộ số hóa", email="so@example.org")
        Membership.objects.create(user=user, network=world.hung_yen, library=world.provincial,
                                  role=Role.objects.get(code="digitiser"))
    return user


@pytest.fixture
def record(world):
    from thuvien.search.tests.factories import make_record

    return make_record(world.hung_yen, "Phố Hiến xưa", index=True)
