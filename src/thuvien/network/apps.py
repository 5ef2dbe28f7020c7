from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "thuvien.network"
    label = "network"
    verbose_name = "Mạng lưới thư viện"
