from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "thuvien.payments"
    label = "payments"
    verbose_name = "Thanh toán trực tuyến"
