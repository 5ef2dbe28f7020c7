"""External catalogues a network copies records from, kept as one network-level setting.

The setting ``catalog.copycat_targets`` is a JSON list of objects, edited by the network
administrator with the other network settings, e.g.::

    [{"code": "loc", "name": "Library of Congress", "protocol": "z3950",
      "host": "lx2.loc.gov", "port": 210, "database": "LCDB"},
     {"code": "loc-sru", "name": "Library of Congress (SRU)", "protocol": "sru",
      "host": "lx2.loc.gov", "port": 210, "database": "LCDB", "version": "1.2"}]

The National Library of Vietnam and neighbouring provinces are added the same way with the
addresses they publish. No model and no migration: a target is configuration, not data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thuvien.network.settings_registry import SettingInvalid, register_setting, setting_get

from .errors import CopycatError, CopycatErrorCode

SETTING_KEY = "catalog.copycat_targets"
PROTOCOLS = ("sru", "z3950")

DEFAULT_TARGETS: list[dict[str, Any]] = [
    {
        "code": "loc",
        "name": "Library of Congress (Z39.50)",
        "protocol": "z3950",
        "host": "lx2.loc.gov",
        "port": 210,
        "database": "LCDB",
        "encoding": "marc-8",
    },
    {
        "code": "loc-sru",
        "name": "Library of Congress (SRU)",
        "protocol": "sru",
        "host": "lx2.loc.gov",
        "port": 210,
        "database": "LCDB",
        "version": "1.2",
    },
]

def _check_targets(value: list[dict[str, Any]]) -> None:
    """Each entry names a server the copy-cataloguing page can reach; the message says which
    entry and what is wrong (the network administrator types this JSON by hand)."""
    label = gettext("Máy chủ biên mục sao chép")
    codes: set[str] = set()
    for number, raw in enumerate(value, start=1):
        where = {"label": label, "n": number}
        for name in ("code", "host"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                raise SettingInvalid(
                    gettext("“%(label)s”, máy chủ thứ %(n)s: thiếu “%(field)s”.")
                    % {**where, "field": name}
                )
        protocol = str(raw.get("protocol", "")).lower().replace(".", "")
        if protocol not in PROTOCOLS:
            raise SettingInvalid(
                gettext("“%(label)s”, máy chủ thứ %(n)s: protocol phải là sru hoặc z3950.")
                % where
            )
        port = raw.get("port", 210)
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise SettingInvalid(
                gettext("“%(label)s”, máy chủ thứ %(n)s: cổng (port) phải từ 1 đến 65535.")
                % where
            )
        timeout = raw.get("timeout", 15)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not (
            0 < timeout <= 120
        ):
            raise SettingInvalid(
                gettext("“%(label)s”, máy chủ thứ %(n)s: timeout phải từ 1 đến 120 giây.")
                % where
            )
        if raw["code"] in codes:
            raise SettingInvalid(
                gettext("“%(label)s”: mã “%(code)s” được dùng hai lần.")
                % {"label": label, "code": raw["code"]}
            )
        codes.add(raw["code"])


register_setting(
    SETTING_KEY,
    type=list,
    item_type=dict,
    max_items=30,
    validate=_check_targets,
    default=DEFAULT_TARGETS,
    label=_("Máy chủ biên mục sao chép (SRU, Z39.50)"),
    help_text=_(
        "Danh sách JSON các máy chủ: code, name, protocol (sru hoặc z3950), host, port, "
        "database, version (SRU), timeout (giây)."
    ),
)


@dataclass(frozen=True)
class Target:
    code: str
    name: str
    protocol: str
    host: str
    port: int
    database: str
    version: str = "1.2"  # SRU version: 1.2 or 2.0
    timeout: float = 15.0
    path: str = ""  # SRU: URL path if not /<database>

    @property
    def sru_url(self) -> str:
        path = self.path or f"/{self.database}"
        return f"http://{self.host}:{self.port}{path}"

    @property
    def zurl(self) -> str:
        return f"tcp:{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Target:
        protocol = str(raw.get("protocol", "")).lower().replace(".", "")
        if protocol not in PROTOCOLS or not raw.get("code") or not raw.get("host"):
            raise ValueError(raw)
        return cls(
            code=str(raw["code"]),
            name=str(raw.get("name") or raw["code"]),
            protocol=protocol,
            host=str(raw["host"]),
            port=int(raw.get("port") or (210 if protocol == "z3950" else 80)),
            database=str(raw.get("database") or "Default"),
            version=str(raw.get("version") or "1.2"),
            timeout=float(raw.get("timeout") or 15.0),
            path=str(raw.get("path") or ""),
        )


def targets_for(network: Any) -> list[Target]:
    """The network's targets; a malformed entry is skipped rather than breaking the page."""
    out: list[Target] = []
    for raw in setting_get(SETTING_KEY, network=network) or []:
        try:
            out.append(Target.from_dict(raw))
        except (TypeError, ValueError, AttributeError):
            continue
    return out


def target_get(network: Any, code: str) -> Target:
    for target in targets_for(network):
        if target.code == code:
            return target
    raise CopycatError(
        CopycatErrorCode.UNKNOWN_TARGET,
        gettext("Không có máy chủ biên mục sao chép “%(code)s” trong cấu hình mạng lưới.")
        % {"code": code},
    )
