"""Readers log into the portal with their card number or e-mail and their password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import Patron


class CardNumberBackend(ModelBackend):
    """Authenticate a reader by card number (case-insensitive) or e-mail + password."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or not password:
            return None
        login = username.strip()
        qs = Patron.all_objects.select_related("user").filter(
            user__isnull=False, is_anonymised=False
        )
        if "@" in login:
            candidates = list(qs.filter(email__iexact=login)[:2])
            if len(candidates) != 1:
                return None  # unknown or ambiguous: refuse rather than guess
            patron = candidates[0]
        else:
            patron = qs.filter(card_number=login.upper()).first()
        if patron is None:
            # Spend the same time as a real check, so timing does not reveal card numbers.
            from django.contrib.auth import get_user_model

            get_user_model()().set_password(password)
            return None
        user = patron.user
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def account_for_card_or_email(identifier: str) -> Any:
    """The reader account a login identifier names (card number or a unique e-mail), or None.

    Registered with the accounts app so that failed logins by card number count towards the
    lock-out like failures by user name do.
    """
    login = (identifier or "").strip()
    if not login:
        return None
    qs = Patron.all_objects.select_related("user").filter(user__isnull=False, is_anonymised=False)
    if "@" in login:
        candidates = list(qs.filter(email__iexact=login)[:2])
        return candidates[0].user if len(candidates) == 1 else None
    patron = qs.filter(card_number=login.upper()).first()
    return patron.user if patron else None
