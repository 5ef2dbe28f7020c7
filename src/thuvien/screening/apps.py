from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "thuvien.screening"
    label = "screening"
    verbose_name = "Sàng lọc tệp tải lên"
