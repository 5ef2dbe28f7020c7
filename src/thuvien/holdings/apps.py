from django.apps import AppConfig


class HoldingsConfig(AppConfig):
    name = "thuvien.holdings"
    label = "holdings"
    verbose_name = "Tài liệu (bản sao)"

    def ready(self) -> None:
        from thuvien.catalog.services.importing import copies_added_watchers
        from thuvien.catalog.services.records import record_in_use_checks
        from thuvien.network.services.sets import library_sets_watchers

        from .selectors import record_has_copies
        from .services import record_visibility_kept
        from .set_follow import library_sets_follow

        record_in_use_checks.register(record_has_copies)
        copies_added_watchers.register(record_visibility_kept)
        library_sets_watchers.register(library_sets_follow)
