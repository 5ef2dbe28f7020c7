from django.apps import AppConfig


class SruConfig(AppConfig):
    name = "thuvien.sru"
    label = "sru"
    verbose_name = "SRU"
