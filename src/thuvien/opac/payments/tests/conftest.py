from thuvien.payments.tests.conftest import paid_obj, reader, search_index_dir  # noqa: F401
