from thuvien.staff.catalog.tests.conftest import make_record, search_index_dir  # noqa: F401
