from thuvien.digital.tests.conftest import digitiser, record, search_index_dir  # noqa: F401
