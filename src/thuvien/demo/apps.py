from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "thuvien.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"

    def ready(self) -> None:
        from thuvien.core.demo import register_demo_step

        from .accounts import demo_staff
        from .catalog import demo_catalog
        from .circulation import demo_circulation
        from .network import demo_network
        from .oversight import demo_admin_units, demo_oversight
        from .search import demo_search
        from .sip2 import demo_kiosks

        register_demo_step(10, "network", demo_network)
        register_demo_step(11, "accounts", demo_staff)
        register_demo_step(20, "catalog", demo_catalog)
        register_demo_step(25, "search", demo_search)
        register_demo_step(30, "circulation", demo_circulation)
        register_demo_step(35, "sip2", demo_kiosks)
        register_demo_step(90, "oversight", demo_oversight)
        register_demo_step(91, "admin_units", demo_admin_units)
