from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "thuvien.patrons"
    label = "patrons"
    verbose_name = "Bạn đọc"
