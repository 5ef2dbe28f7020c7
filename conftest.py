"""Root conftest: load the shared fixtures once for every test folder."""

pytest_plugins = ["thuvien.testing.fixtures"]
