"""Readers log into the portal with their card number or e-mail and their password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from thuvien.core.text import clean

from .models import Patron


def email_key(value: str | None) -> str:
    """How an e-mail address is stored and looked up: NFC, trimmed, lower-cased by Python.

    Databases fold case differently (SQLite's ``LIKE`` folds ASCII only, so ``Ư`` never
    matched ``ư`` there), so the comparison is an exact one against the stored key."""
    return clean(value or "").strip().lower()


def _patrons_by_email(qs, login: str):
    key = email_key(login)
    return list(qs.filter(Q(email=key) | Q(email__iexact=key))[:2])


class CardNumberBackend(ModelBackend):
    """Authenticate a reader by card number (case-insensitive) or e-mail + password."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or not password:
            return None
        login = clean(username).strip()
        qs = Patron.all_objects.select_related("user").filter(
            user__isnull=False, is_anonymised=False
        )
        if "@" in login:
            candidates = _patrons_by_email(qs, login)
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
    login = clean(identifier or "").strip()
    if not login:
        return None
    qs = Patron.all_objects.select_related("user").filter(user__isnull=False, is_anonymised=False)
    if "@" in login:
        candidates = _patrons_by_email(qs, login)
        return candidates[0].user if len(candidates) == 1 else None
    patron = qs.filter(card_number=login.upper()).first()
    return patron.user if patron else None
