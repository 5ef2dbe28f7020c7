from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "thuvien.catalog"
    label = "catalog"
    verbose_name = "Biên mục"
