from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thuvien.catalog"
    label = "catalog"
    verbose_name = "Biên mục"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step
        from thuvien.network.services.merge import network_merge_steps

        from . import jobs  # noqa: F401 - registers the import job
        from .copycat import targets  # noqa: F401 - declares catalog.copycat_targets
        from .demo import demo_catalog
        from .services.network_merge import catalogue_move_network

        register_demo_step(20, "catalog", demo_catalog)
        network_merge_steps.register(catalogue_move_network)
