from thuvien.digital.tests.conftest import digitiser, search_index_dir  # noqa: F401
