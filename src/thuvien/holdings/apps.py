from django.apps import AppConfig


class HoldingsConfig(AppConfig):
    name = "thuvien.holdings"
    label = "holdings"
    verbose_name = "Tài liệu (bản sao)"
