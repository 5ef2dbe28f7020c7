from thuvien.staff.catalog.tests.conftest import make_record  # noqa: F401 - shared fixture
