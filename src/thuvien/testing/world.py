"""One small named world every test suite can use.

Two networks (Hưng Yên after its 2025 merger with Thái Bình, and Bắc Ninh), in Hưng Yên a
provincial library, two commune libraries and a school library; in Bắc Ninh a provincial
library. Staff: a network admin, an oversight officer, and in each library a library admin,
a cataloguer and a circulation librarian (password ``mat-khau-dai-123``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django_scopes import scopes_disabled


@dataclass
class World:
    hung_yen: Any
    bac_ninh: Any
    provincial: Any  # Thư viện tỉnh Hưng Yên
    commune_a: Any  # Thư viện xã Tiên Lữ
    commune_b: Any  # Thư viện phường Phố Hiến
    school: Any  # Thư viện trường THPT Hưng Yên
    bn_provincial: Any  # Thư viện tỉnh Bắc Ninh
    users: dict[str, Any] = field(default_factory=dict)

    @property
    def libraries(self) -> list[Any]:
        return [self.provincial, self.commune_a, self.commune_b, self.school, self.bn_provincial]


def build_world() -> World:
    from thuvien.accounts.models import Membership, Role, User
    from thuvien.network.models import Library, LibraryType, Location, Network

    with scopes_disabled():
        hy = Network.objects.create(
            code="hung-yen",
            name_vi="Mạng lưới thư viện tỉnh Hưng Yên",
            name_en="Hưng Yên library network",
            province="Hưng Yên",
        )
        bn = Network.objects.create(
            code="bac-ninh",
            name_vi="Mạng lưới thư viện tỉnh Bắc Ninh",
            name_en="Bắc Ninh library network",
            province="Bắc Ninh",
        )

        def lib(network, code, name_vi, name_en, kind, parent=None, commune=""):
            library = Library.objects.create(
                network=network,
                code=code,
                name_vi=name_vi,
                name_en=name_en,
                library_type=kind,
                parent=parent,
                province=network.province,
                commune=commune,
                address=f"{commune or 'Trung tâm'}, {network.province}",
            )
            Location.objects.create(
                library=library, code="kho", name_vi="Kho mở", name_en="Open stacks"
            )
            return library

        provincial = lib(
            hy,
            "HY-TINH",
            "Thư viện tỉnh Hưng Yên",
            "Hưng Yên Provincial Library",
            LibraryType.PROVINCIAL,
        )
        commune_a = lib(
            hy,
            "HY-TIENLU",
            "Thư viện xã Tiên Lữ",
            "Tiên Lữ Commune Library",
            LibraryType.COMMUNE,
            provincial,
            "Tiên Lữ",
        )
        commune_b = lib(
            hy,
            "HY-PHOHIEN",
            "Thư viện phường Phố Hiến",
            "Phố Hiến Ward Library",
            LibraryType.COMMUNE,
            provincial,
            "Phố Hiến",
        )
        school = lib(
            hy,
            "HY-THPT",
            "Thư viện trường THPT Hưng Yên",
            "Hưng Yên High School Library",
            LibraryType.SCHOOL,
            None,
            "Phố Hiến",
        )
        bn_provincial = lib(
            bn,
            "BN-TINH",
            "Thư viện tỉnh Bắc Ninh",
            "Bắc Ninh Provincial Library",
            LibraryType.PROVINCIAL,
        )
        world = World(hy, bn, provincial, commune_a, commune_b, school, bn_provincial)

        # Transactional tests (live server, real worker) flush the tables, roles included.
        from thuvien.accounts.services import builtin_roles_ensure

        builtin_roles_ensure()
        roles = {r.code: r for r in Role.objects.all()}

        def person(username, full_name):
            user = User.objects.create_user(
                username=username,
                password="mat-khau-dai-123",
                full_name=full_name,
                email=f"{username}@example.org",
            )
            world.users[username] = user
            return user

        Membership.objects.create(
            user=person("hy_admin", "Nguyễn Văn Quản"), network=hy, role=roles["network_admin"]
        )
        Membership.objects.create(
            user=person("hy_oversight", "Trần Thị Thanh"),
            network=hy,
            role=roles["oversight_officer"],
        )
        for short, library in [
            ("tinh", provincial),
            ("tienlu", commune_a),
            ("phohien", commune_b),
            ("thpt", school),
            ("bn", bn_provincial),
        ]:
            for role in ("library_admin", "cataloguer", "circulation"):
                user = person(f"{short}_{role}", f"Cán bộ {role} {library.name_vi}")
                Membership.objects.create(
                    user=user, network=library.network, library=library, role=roles[role]
                )
    return world
