"""What every ``thuvien`` command that works on a network shares: finding the network.

``command_network`` turns ``--network`` / ``--library`` into the objects, and on a fresh install
(no network yet) says how to make one instead of asking for an option nobody can give.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from .models import Library, Network

NO_NETWORK = (
    "Chưa có mạng thư viện nào: chạy `thuvien setup` để tạo mạng lưới, thư viện tỉnh và "
    "người quản trị đầu tiên (hoặc `thuvien demo-data` để xem dữ liệu mẫu). "
    "(No library network yet: run `thuvien setup` first.)"
)


def no_network_error() -> CommandError:
    return CommandError(NO_NETWORK)


def command_network(
    *, network_code: str | None, library_code: str | None
) -> tuple[Network, Library | None]:
    """The network (and library) a command works on; a clear ``CommandError`` otherwise."""
    if not Network.objects.exists():
        raise no_network_error()
    library = network = None
    if library_code:
        library = Library.objects.select_related("network").filter(code=library_code).first()
        if library is None:
            codes = ", ".join(Library.objects.order_by("code").values_list("code", flat=True)[:12])
            raise CommandError(f"Không có thư viện mã {library_code}. Các mã có: {codes}")
        network = library.network
    if network_code:
        network = Network.objects.filter(code=network_code).first()
        if network is None:
            codes = ", ".join(Network.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"Không có mạng lưới mã {network_code}. Các mã có: {codes}")
        if library is not None and library.network_id != network.pk:
            raise CommandError(f"Thư viện {library.code} không thuộc mạng lưới {network.code}.")
    if network is None:
        networks = list(Network.objects.filter(is_active=True).order_by("code"))
        if not networks:
            raise no_network_error()
        if len(networks) != 1:
            codes = ", ".join(n.code for n in networks)
            raise CommandError(f"Có nhiều mạng lưới ({codes}): hãy chọn --network hoặc --library.")
        network = networks[0]
    return network, library
