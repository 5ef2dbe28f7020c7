from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "thuvien.screening"
    label = "screening"
    verbose_name = "Sàng lọc tệp tải lên"

    def ready(self) -> None:
        # pikepdf must be loaded before usearch (thuvien.ai's nearest-neighbour index): with
        # usearch loaded first, a document pikepdf makes in the process breaks its conversions
        # of every later one ("Unable to convert function return value"; seen in the tests,
        # which make PDFs in-process). Screening comes before ai in INSTALLED_APPS.
        import pikepdf  # noqa: F401
