from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Monitoring: liveness, readiness, Prometheus metrics and structured logs. An interface
    app: it owns no models and only reads."""

    name = "thuvien.ops"
    label = "ops"
    verbose_name = "Giám sát vận hành"
