from django.apps import AppConfig


class OaiConfig(AppConfig):
    name = "thuvien.oai"
    label = "oai"
    verbose_name = "OAI-PMH"
