"""Demo step 35: a self-check kiosk account in two demo libraries."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled


def demo_kiosks(ctx: Any) -> None:
    from thuvien.accounts.services import kiosk_account_ensure

    with scopes_disabled():
        libraries = [lib for lib in ctx.libraries if getattr(lib, "pk", None)][:2]
        for library in libraries:
            username = f"kiosk-{library.code.lower()}"
            kiosk_account_ensure(library=library, username=username, password=ctx.password)
            ctx.logins.append((username, "kiosk SIP2", library.code))
    ctx.say(f"sip2: {len(libraries)} kiosk accounts (thuvien sip2 --port 6001)")
