from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thuvien.catalog"
    label = "catalog"
    verbose_name = "Biên mục"

    def ready(self) -> None:
        from thuvien.network.services.merge import network_merge_steps

        from . import jobs  # noqa: F401 - registers the import job
        from .copycat import targets  # noqa: F401 - declares catalog.copycat_targets
        from .services.network_merge import catalogue_move_network

        network_merge_steps.register(catalogue_move_network)
