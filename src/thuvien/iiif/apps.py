from django.apps import AppConfig


class IiifConfig(AppConfig):
    name = "thuvien.iiif"
    label = "iiif"
    verbose_name = "IIIF"
