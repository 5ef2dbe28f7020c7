"""Registering, editing, renewing and blocking readers; consent, export and deletion.

Law 91/2025 on Personal Data Protection (in force 1 January 2026) shapes this module: no
registration without explicit consent recorded with its time and purpose; a child (category
that needs a guardian, or under 16 by birth date) needs a parent's or guardian's consent; a
reader may download their data and ask for deletion, which anonymises the reader and keeps
only what statistics need; returned loans are unlinked from readers who did not opt in to
keep their history, after a retention period set per network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thuvien.core.audit import audit_record
from thuvien.core.hooks import Hook
from thuvien.core.text import clean, fold
from thuvien.network.settings_registry import setting_get

from .auth import email_key
from .errors import PatronError, PatronErrorCode
from .models import (
    CardSequence,
    Consent,
    ConsentPurpose,
    DeletionRequest,
    Patron,
    PatronCategory,
)

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library, Network

E = PatronErrorCode
CHILD_AGE = 16
EDITABLE_FIELDS = (
    "full_name",
    "category",
    "birth_date",
    "gender",
    "id_number",
    "email",
    "phone",
    "address",
    "guardian_name",
    "guardian_phone",
    "language",
    "keep_history",
    "notify_email",
    "notify_sms",
)


DEFAULT_CATEGORIES: dict[str, tuple[str, str, bool, int]] = {
    "adult": ("Người lớn", "Adult", False, 12),
    "child": ("Thiếu nhi", "Child", True, 12),
    "pupil": ("Học sinh", "Pupil", False, 12),
    "student": ("Sinh viên", "Student", False, 12),
    "staff": ("Cán bộ, viên chức", "Staff", False, 24),
    "armed_forces": ("Lực lượng vũ trang", "Armed forces", False, 24),
    "guest": ("Khách vãng lai", "Guest", False, 1),
}


def categories_ensure(*, network: Network) -> dict[str, PatronCategory]:
    """The seven standard reader categories of a network, created when missing."""
    out = {}
    for code, (vi, en, guardian, months) in DEFAULT_CATEGORIES.items():
        out[code], _created = PatronCategory.objects.get_or_create(
            network=network,
            code=code,
            defaults={
                "name_vi": vi,
                "name_en": en,
                "needs_guardian": guardian,
                "card_validity_months": months,
            },
        )
    return out


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return day


def is_child(*, category: PatronCategory, birth_date: dt.date | None, today: dt.date) -> bool:
    if category.needs_guardian:
        return True
    if birth_date is None:
        return False
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    return age < CHILD_AGE


def card_number_next(*, library: Library) -> str:
    """The next free card number of ``library``: its prefix and six digits, unique everywhere."""
    prefix = str(setting_get("patrons.card_prefix", library=library) or "").strip()
    prefix = (prefix or library.code.replace("-", "")).upper()
    with transaction.atomic():
        seq, _created = CardSequence.objects.select_for_update().get_or_create(library=library)
        while True:
            number = f"{prefix}{seq.next_number:06d}"
            seq.next_number += 1
            if not Patron.all_objects.filter(card_number=number).exists():
                break
        seq.save(update_fields=["next_number"])
    return number


def _check_email(email: str, exclude_pk: int | None = None) -> None:
    if not email:
        return
    qs = Patron.all_objects.filter(Q(email=email) | Q(email__iexact=email), is_anonymised=False)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise PatronError(
            E.EMAIL_TAKEN, _("Địa chỉ thư điện tử này đã được dùng cho thẻ khác."), field="email"
        )


def _consent(patron: Patron, purpose: str, *, actor: User | None, guardian: str = "") -> Consent:
    return Consent.objects.create(
        patron=patron,
        purpose=purpose,
        given_by_guardian=bool(guardian),
        guardian_name=guardian,
        given_at=timezone.now(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def patron_register(
    *,
    library: Library,
    full_name: str,
    category: PatronCategory,
    actor: User | None,
    consent: bool,
    guardian_consent: bool = False,
    guardian_name: str = "",
    guardian_phone: str = "",
    birth_date: dt.date | None = None,
    gender: str = "",
    id_number: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    language: str = "vi",
    keep_history: bool = False,
    notify_email: bool = True,
    notify_sms: bool = False,
    card_number: str | None = None,
    password: str | None = None,
) -> Patron:
    """Register a reader at ``library``; refuses without consent (a guardian's for a child)."""
    today = timezone.localdate()
    full_name = clean(full_name or "")
    if not full_name:
        raise PatronError(E.INVALID, _("Cần nhập họ và tên."), field="full_name")
    if category.network_id != library.network_id:
        raise PatronError(E.INVALID, _("Loại bạn đọc không hợp lệ."), field="category")
    if birth_date and birth_date > today:
        raise PatronError(E.INVALID, _("Ngày sinh không hợp lệ."), field="birth_date")
    if not consent:
        raise PatronError(
            E.CONSENT_REQUIRED,
            _("Bạn đọc cần đồng ý cho thư viện xử lý dữ liệu cá nhân để được cấp thẻ."),
            field="consent",
        )
    child = is_child(category=category, birth_date=birth_date, today=today)
    guardian_name = clean(guardian_name or "")
    if child and not (guardian_consent and guardian_name):
        raise PatronError(
            E.GUARDIAN_CONSENT_REQUIRED,
            _(
                "Bạn đọc là trẻ em: cần cha mẹ hoặc người giám hộ đồng ý và ghi rõ họ tên "
                "người giám hộ."
            ),
            field="guardian_name",
        )
    email = email_key(email)
    _check_email(email)
    with transaction.atomic():
        number = clean(card_number or "").upper() or card_number_next(library=library)
        if Patron.all_objects.filter(card_number=number).exists():
            raise PatronError(E.CARD_NUMBER_TAKEN, _("Số thẻ này đã có."), field="card_number")
        user = None
        if password:
            user = get_user_model().objects.create_user(
                username=f"reader-{number.lower()}",
                password=password,
                email=email,
                full_name=full_name,
            )
        try:
            with transaction.atomic():
                patron = Patron.all_objects.create(
                    library=library,
                    network_id=library.network_id,
                    card_number=number,
                    user=user,
                    full_name=full_name,
                    name_folded=fold(full_name),
                    category=category,
                    birth_date=birth_date,
                    birth_year=birth_date.year if birth_date else None,
                    gender=gender,
                    id_number=clean(id_number or ""),
                    email=email,
                    phone=clean(phone or ""),
                    address=clean(address or ""),
                    guardian_name=guardian_name,
                    guardian_phone=clean(guardian_phone or ""),
                    registered_on=today,
                    expires_on=_add_months(today, category.card_validity_months or 12),
                    language=language if language in ("vi", "en") else "vi",
                    keep_history=keep_history,
                    notify_email=notify_email,
                    notify_sms=notify_sms,
                )
        except IntegrityError:
            raise PatronError(
                E.CARD_NUMBER_TAKEN, _("Số thẻ này đã có."), field="card_number"
            ) from None
        guardian = guardian_name if child else ""
        _consent(patron, ConsentPurpose.REGISTRATION, actor=actor, guardian=guardian)
        if notify_email or notify_sms:
            _consent(patron, ConsentPurpose.NOTICES, actor=actor, guardian=guardian)
        if keep_history:
            _consent(patron, ConsentPurpose.HISTORY, actor=actor, guardian=guardian)
        audit_record(actor=actor, action="patrons.patron.registered", obj=patron, library=library)
    return patron


def patron_update(*, patron: Patron, actor: User | None, **values: Any) -> Patron:
    """Edit a reader's details; consent for history/notices follows the switches."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "full_name" in values:
        values["full_name"] = clean(values["full_name"] or "")
        if not values["full_name"]:
            raise PatronError(E.INVALID, _("Cần nhập họ và tên."), field="full_name")
    if "email" in values:
        values["email"] = email_key(values["email"])
        _check_email(values["email"], exclude_pk=patron.pk)
    changed = [name for name, value in values.items() if getattr(patron, name) != value]
    if not changed:
        return patron
    with transaction.atomic():
        history_before = patron.keep_history
        notify_before = patron.notify_email or patron.notify_sms
        for name in changed:
            setattr(patron, name, values[name])
        fields = list(changed)
        if "full_name" in changed:
            patron.name_folded = fold(patron.full_name)
            fields.append("name_folded")
        if "birth_date" in changed:
            patron.birth_year = patron.birth_date.year if patron.birth_date else None
            fields.append("birth_year")
        patron.save(update_fields=[*fields, "updated_at"])
        login_fields = [n for n in ("full_name", "email") if n in changed]
        login = patron.user if patron.user_id else None
        if login is not None and login_fields:
            # The portal login shows the reader's name and finds them by e-mail: keep it so.
            for name in login_fields:
                setattr(login, name, getattr(patron, name))
            login.save(update_fields=login_fields)
        if patron.keep_history and not history_before:
            _consent(patron, ConsentPurpose.HISTORY, actor=actor)
        notify_now = patron.notify_email or patron.notify_sms
        if notify_now and not notify_before:
            _consent(patron, ConsentPurpose.NOTICES, actor=actor)
        elif notify_before and not notify_now:
            Consent.objects.filter(
                patron=patron, purpose=ConsentPurpose.NOTICES, withdrawn_at__isnull=True
            ).update(withdrawn_at=timezone.now())
        if history_before and not patron.keep_history:
            Consent.objects.filter(
                patron=patron, purpose=ConsentPurpose.HISTORY, withdrawn_at__isnull=True
            ).update(withdrawn_at=timezone.now())
        # Only the names of the fields: the values are personal data.
        audit_record(
            actor=actor,
            action="patrons.patron.updated",
            obj=patron,
            changes={"fields": sorted(changed)},
        )
    return patron


def patron_renew_card(*, patron: Patron, actor: User | None) -> Patron:
    today = timezone.localdate()
    start = max(today, patron.expires_on)
    patron.expires_on = _add_months(start, patron.category.card_validity_months or 12)
    with transaction.atomic():
        patron.save(update_fields=["expires_on", "updated_at"])
        audit_record(
            actor=actor,
            action="patrons.patron.card_renewed",
            obj=patron,
            changes={"expires_on": str(patron.expires_on)},
        )
    return patron


def patron_block(*, patron: Patron, actor: User | None, reason: str) -> Patron:
    reason = clean(reason or "")
    if not reason:
        raise PatronError(E.INVALID, _("Cần ghi lý do khóa thẻ."), field="reason")
    with transaction.atomic():
        patron.blocked_reason = reason[:255]
        patron.save(update_fields=["blocked_reason", "updated_at"])
        audit_record(actor=actor, action="patrons.patron.blocked", obj=patron,
                     changes={"reason": [None, patron.blocked_reason]})  # fmt: skip
    return patron


def patron_unblock(*, patron: Patron, actor: User | None) -> Patron:
    with transaction.atomic():
        patron.blocked_reason = ""
        patron.save(update_fields=["blocked_reason", "updated_at"])
        audit_record(actor=actor, action="patrons.patron.unblocked", obj=patron)
    return patron


def patron_set_password(*, patron: Patron, password: str, actor: User | None) -> Patron:
    """Give the reader a portal login (card number or e-mail + this password)."""
    if len(password or "") < 8:
        raise PatronError(E.INVALID, _("Mật khẩu cần ít nhất 8 ký tự."), field="password")
    with transaction.atomic():
        if patron.user is None:
            patron.user = get_user_model().objects.create_user(
                username=f"reader-{patron.card_number.lower()}",
                password=password,
                email=patron.email,
                full_name=patron.full_name,
            )
            patron.save(update_fields=["user", "updated_at"])
        else:
            patron.user.set_password(password)
            patron.user.save(update_fields=["password"])
        audit_record(actor=actor, action="patrons.patron.password_set", obj=patron)
    return patron


PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000  # a 2 MB file that unpacks to more is a decompression bomb
PHOTO_MAX_SIDE = 1200  # a card photo is kept at most this large (the rest is wasted space)
PHOTO_KINDS = {"JPEG", "PNG"}


def _photo_reencoded(photo: Any) -> bytes:
    """The photo decoded in full and written anew as a JPEG: bytes appended to a picture, a
    payload behind a valid header or in its metadata do not survive. Raises PatronError for
    anything that is not a whole JPEG or PNG picture of a sane size."""
    import io
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    refused = PatronError(
        E.INVALID, _("Tệp này không phải là ảnh JPEG hoặc PNG đọc được."), field="photo"
    )
    too_large = PatronError(
        E.INVALID, _("Ảnh quá lớn: tối đa 2 MB và 40 triệu điểm ảnh."), field="photo"
    )
    if photo.size > PHOTO_MAX_BYTES:
        raise too_large
    data = photo.read(PHOTO_MAX_BYTES + 1)
    photo.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in PHOTO_KINDS:
                    raise refused
                if probe.width * probe.height > PHOTO_MAX_PIXELS:
                    raise too_large
                probe.verify()  # the structure and checksums of the whole file
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel decoded: a truncated file fails here
                picture = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_large from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise refused from None
    if picture.mode not in ("RGB", "L"):
        background = Image.new("RGB", picture.size, (255, 255, 255))
        rgba = picture.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, optimize=True)  # no EXIF, no comments: pixels only
    return out.getvalue()


def _photo_screened(photo: Any, *, patron: Patron, actor: User | None) -> None:
    """Screen the upload as it came (ClamAV, type by content, size, pixel cap); a refusal
    (``ScreeningRefused``, a ThuvienError) quarantines it, before anything of the reader changes."""
    import tempfile
    from pathlib import Path

    from thuvien.screening import screen_upload

    kwargs = {
        "purpose": "patron_photo",
        "declared_name": getattr(photo, "name", "") or "",
        "allowed_kinds": frozenset({"image"}),
        "max_bytes": PHOTO_MAX_BYTES,
        "library_id": patron.library_id,
        "actor_id": getattr(actor, "pk", None),
    }
    on_disk = getattr(photo, "temporary_file_path", None)
    if on_disk is not None:  # Django already wrote a large upload to a temporary file
        screen_upload(Path(on_disk()), **kwargs)
        return
    with tempfile.NamedTemporaryFile(prefix="thuvien-photo-", suffix=".upload") as out:
        photo.seek(0)
        for chunk in iter(lambda: photo.read(1024 * 1024), b""):
            out.write(chunk)
            if out.tell() > PHOTO_MAX_BYTES + 1:
                break
        out.flush()
        photo.seek(0)
        screen_upload(Path(out.name), **kwargs)


def patron_set_photo(*, patron: Patron, photo: Any, actor: User | None) -> Patron:
    """Keep a card photo (a JPEG or PNG of at most 2 MB, stored re-encoded as JPEG) with the
    reader's consent recorded."""
    from django.core.files.base import ContentFile

    _photo_screened(photo, patron=patron, actor=actor)
    clean = _photo_reencoded(photo)
    with transaction.atomic():
        if patron.photo:
            patron.photo.delete(save=False)
        patron.photo.save(f"{patron.card_number}.jpg", ContentFile(clean), save=False)
        patron.save(update_fields=["photo", "updated_at"])
        _consent(patron, ConsentPurpose.PHOTO, actor=actor)
        audit_record(actor=actor, action="patrons.patron.photo_set", obj=patron)
    return patron


# Apps above patrons act inside the replacement's transaction (circulation charges the
# replacement fee): ``hook(*, patron, library, actor, charge)``.
card_replaced_hooks: Hook[Callable[..., None]] = Hook("patrons.card_replaced")


def patron_replace_card(
    *, patron: Patron, actor: User | None, library: Library, charge: bool = True
) -> Patron:
    """A lost card: a new number (the old one stops working), and what registered hooks do
    with it (the replacement fee, unless ``charge`` is false)."""
    with transaction.atomic():
        old = patron.card_number
        patron.card_number = card_number_next(library=patron.library)
        patron.save(update_fields=["card_number", "updated_at"])
        if patron.user is not None:
            patron.user.username = f"reader-{patron.card_number.lower()}"
            patron.user.save(update_fields=["username"])
        for hook in card_replaced_hooks:
            hook(patron=patron, library=library, actor=actor, charge=charge)
        audit_record(
            actor=actor,
            action="patrons.patron.card_replaced",
            obj=patron,
            changes={"card_number": [old, patron.card_number]},
        )
    return patron


from .privacy import (  # noqa: E402 - re-exported: one import path for every patron service
    deletion_request_create,
    deletion_request_process,
    patron_anonymise,
    patron_export_data,
)

__all__ = [
    "DeletionRequest",
    "card_number_next",
    "categories_ensure",
    "deletion_request_create",
    "deletion_request_process",
    "is_child",
    "patron_anonymise",
    "patron_block",
    "patron_export_data",
    "patron_register",
    "patron_renew_card",
    "patron_replace_card",
    "patron_set_photo",
    "patron_set_password",
    "patron_unblock",
    "patron_update",
]
