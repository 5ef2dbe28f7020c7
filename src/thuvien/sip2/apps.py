from django.apps import AppConfig


class Sip2Config(AppConfig):
    name = "thuvien.sip2"
    label = "sip2"
    verbose_name = "SIP2"
