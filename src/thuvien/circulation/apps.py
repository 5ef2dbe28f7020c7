from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "thuvien.circulation"
    label = "circulation"
    verbose_name = "Lưu thông"
