from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "thuvien.search"
    label = "search"
    verbose_name = "Tìm kiếm"
