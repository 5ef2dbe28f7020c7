"""Notices to readers: due soon, overdue (three levels), hold ready, new fee.

Wording: a library's own template, else its network's, else the built-in default; rendered in
the reader's language (``translation.override``). Channels: e-mail through Django's mail
backend, SMS through the configured gateway (``circulation.sms``). Every attempt is logged in
``NoticeLog`` without the message body.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thuvien.catalog.titles import shown_title
from thuvien.network.settings_registry import setting_get

from ..models import (
    Fee,
    Hold,
    HoldStatus,
    Loan,
    NoticeChannel,
    NoticeKind,
    NoticeLog,
    NoticeTemplate,
)
from ..sms import SmsError, sms_gateway

if TYPE_CHECKING:
    from thuvien.network.models import Library
    from thuvien.patrons.models import Patron

logger = logging.getLogger(__name__)


def builtin_template(kind: str, channel: str) -> tuple[str, str]:
    """The default (subject, body) in the active language."""
    greeting = _("Kính gửi bạn đọc {{ name }} (thẻ {{ card }}),")
    sign = _("{{ library }}")
    bodies = {
        # Loan notices go one per reader and library: {{ count }} loans, listed in {{ items }}
        # (one line each with its due date); {{ title }} and {{ due }} are the first loan's.
        NoticeKind.DUE_SOON: (
            _("Tài liệu sắp đến hạn trả"),
            _(
                "{% if count > 1 %}{{ count }} tài liệu cần trả trước ngày {{ due }}:\n{{ items }}"
                "{% else %}Tài liệu «{{ title }}» cần trả trước ngày {{ due }}.{% endif %} "
                "Bạn có thể gia hạn trên cổng thông tin."
            ),
        ),
        NoticeKind.OVERDUE_1: (
            _("Tài liệu đã quá hạn trả"),
            _(
                "{% if count > 1 %}{{ count }} tài liệu đã quá hạn trả:\n{{ items }}\n"
                "{% else %}Tài liệu «{{ title }}» đã quá hạn trả từ ngày {{ due }}. "
                "{% endif %}Mời bạn trả sớm."
            ),
        ),
        NoticeKind.OVERDUE_2: (
            _("Nhắc lần hai: tài liệu quá hạn"),
            _(
                "{% if count > 1 %}{{ count }} tài liệu đã quá hạn trả:\n{{ items }}\n"
                "{% else %}Tài liệu «{{ title }}» đã quá hạn trả từ ngày {{ due }}. "
                "{% endif %}Tiền phạt đang được tính theo ngày."
            ),
        ),
        NoticeKind.OVERDUE_3: (
            _("Thông báo cuối: tài liệu quá hạn"),
            _(
                "{% if count > 1 %}{{ count }} tài liệu quá hạn:\n{{ items }}\n"
                "{% else %}Tài liệu «{{ title }}» quá hạn từ ngày {{ due }}. {% endif %}"
                "Nếu không trả, thẻ của bạn sẽ bị khóa và bạn phải bồi thường."
            ),
        ),
        NoticeKind.HOLD_READY: (
            _("Tài liệu đặt trước đã sẵn sàng"),
            _(
                "Tài liệu «{{ title }}» đã sẵn sàng tại {{ pickup }}. "
                "Mời bạn đến nhận trước ngày {{ expires }}."
            ),
        ),
        NoticeKind.FEE: (
            _("Thông báo khoản phí"),
            _("Thư viện ghi nhận khoản phí {{ amount }} đồng: {{ description }}."),
        ),
    }
    subject, body = bodies[NoticeKind(kind)]
    if channel == NoticeChannel.SMS:
        return "", body
    return subject, f"{greeting}\n\n{body}\n\n{sign}"


def template_for(*, library: Library, kind: str, channel: str, language: str) -> tuple[str, str]:
    rows = {
        row.library_id: row
        for row in NoticeTemplate.objects.filter(
            Q(library=library) | Q(library__isnull=True),
            network_id=library.network_id,
            kind=kind,
            channel=channel,
            language=language,
        )
    }
    row = rows.get(library.pk) or rows.get(None)
    if row is not None:
        return row.subject, row.body
    with translation.override(language):
        return builtin_template(kind, channel)


def render_notice(
    *, library: Library, kind: str, channel: str, language: str, context: dict[str, Any]
) -> tuple[str, str]:
    subject, body = template_for(library=library, kind=kind, channel=channel, language=language)
    with translation.override(language):
        ctx = Context(
            {
                **context,
                "library": library.name_en
                if language == "en" and library.name_en
                else library.name_vi,
            },
            autoescape=False,
        )
        try:
            return Template(subject).render(ctx).strip(), Template(body).render(ctx).strip()
        except TemplateSyntaxError:
            # A broken library template must not stop the notice: fall back to the default.
            subject, body = builtin_template(kind, channel)
            return Template(subject).render(ctx).strip(), Template(body).render(ctx).strip()


def notice_send(
    *,
    patron: Patron,
    library: Library,
    kind: str,
    context: dict[str, Any],
    object_key: str = "",
    object_keys: Sequence[str] = (),
) -> list[NoticeLog]:
    """Send one notice on every channel the reader accepts; log each attempt.

    A notice about several loans logs one row per loan (``object_keys``), so each loan's
    history shows that its reader was told, and the next run does not tell them again.
    """
    if patron is None or patron.is_anonymised:
        return []
    keys = [object_key] if object_key else list(object_keys) or [""]
    context = {"name": patron.full_name, "card": patron.card_number, "count": 1, **context}
    logs: list[NoticeLog] = []
    channels = []
    if patron.email and patron.notify_email:
        channels.append(NoticeChannel.EMAIL)
    if patron.phone and patron.notify_sms:
        channels.append(NoticeChannel.SMS)
    for channel in channels:
        subject, body = render_notice(
            library=library,
            kind=kind,
            channel=channel,
            language=patron.language or "vi",
            context=context,
        )
        status, error = "sent", ""
        try:
            if channel == NoticeChannel.EMAIL:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [patron.email])
            else:
                sms_gateway().send(to=patron.phone, text=body)
        except (SmsError, OSError) as exc:
            status, error = "failed", type(exc).__name__
            # No address, no body: only what identifies the attempt.
            logger.warning("notice %s/%s for %s failed: %s", kind, channel, keys[0], error)
        sent_at = timezone.now()
        logs += [
            NoticeLog(
                library=library,
                patron=patron,
                kind=kind,
                channel=channel,
                object_key=key,
                status=status,
                error=error,
                sent_at=sent_at,
            )
            for key in keys
        ]
    return NoticeLog.all_objects.bulk_create(logs) if logs else []


def _loans_context(loans: list[Loan], language: str) -> dict[str, Any]:
    """The first loan's title, barcode and due date, and every loan as a line of ``items``."""
    loans = sorted(loans, key=lambda loan: (loan.due_on, loan.pk))
    first = loans[0]
    with translation.override(language):
        line = _("- %(title)s (mã vạch %(barcode)s, hạn trả %(due)s)")
        items = "\n".join(
            line
            % {
                "title": shown_title(loan.item.record.title)[:120],
                "barcode": loan.item.barcode,
                "due": loan.due_on.strftime("%d/%m/%Y"),
            }
            for loan in loans
        )
        title = shown_title(first.item.record.title)[:120]
    return {
        "title": title,
        "barcode": first.item.barcode,
        "due": first.due_on.strftime("%d/%m/%Y"),
        "count": len(loans),
        "items": items,
    }


def notice_hold_ready(*, hold_id: int) -> list[NoticeLog]:
    hold = Hold.all_objects.select_related("patron", "library", "record").filter(pk=hold_id).first()
    if hold is None or hold.status != HoldStatus.READY or hold.patron is None:
        return []  # a reader whose data were deleted is told nothing
    language = hold.patron.language or "vi"
    pickup = (
        hold.library.name_en if language == "en" and hold.library.name_en else hold.library.name_vi
    )
    with translation.override(language):
        title = shown_title(hold.record.title)[:120]
    return notice_send(
        patron=hold.patron,
        library=hold.library,
        kind=NoticeKind.HOLD_READY,
        context={
            "title": title,
            "pickup": pickup,
            "expires": hold.expires_on.strftime("%d/%m/%Y") if hold.expires_on else "",
        },
        object_key=f"hold:{hold.pk}",
    )


def notice_fee(*, fee_id: int) -> list[NoticeLog]:
    fee = Fee.all_objects.select_related("patron", "library").filter(pk=fee_id).first()
    if fee is None or fee.patron is None:
        return []
    return notice_send(
        patron=fee.patron,
        library=fee.library,
        kind=NoticeKind.FEE,
        context={
            "amount": f"{fee.amount:,.0f}".replace(",", "."),
            "description": fee.description or fee.get_kind_display(),
        },
        object_key=f"fee:{fee.pk}",
    )


def _overdue_levels(library: Library) -> list[int]:
    # Declared as a list of whole days (1-365, at most three), checked when it is stored.
    levels = setting_get("circulation.overdue_notice_days", library=library)
    return sorted(levels)[:3] or [1, 7, 21]


def notices_run(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily job: due-soon and overdue notices for every open loan that needs one.

    A reader with several loans at one level gets one notice listing them (one SMS, not five:
    the library pays per message), per library that lent them. Counts are notices sent.
    """
    today = today or timezone.localdate()
    loans = (
        Loan.all_objects.filter(
            returned_at__isnull=True,
            patron__isnull=False,
            due_on__lte=today + dt.timedelta(days=14),
        )
        .select_related("patron", "library", "item__record")
        .order_by("id")
    )
    level_cache: dict[int, tuple[list[int], int]] = {}
    # (patron, library, kind) -> [(loan, object key, new notice level or None)]
    groups: dict[tuple[int, int, str], list[tuple[Loan, str, int | None]]] = {}
    for loan in loans.iterator(chunk_size=500):
        if loan.patron_id is None:  # excluded by the query; for the type checker
            continue
        if loan.library_id not in level_cache:
            level_cache[loan.library_id] = (
                _overdue_levels(loan.library),
                int(setting_get("circulation.due_soon_days", library=loan.library)),
            )
        levels, due_soon = level_cache[loan.library_id]
        overdue_days = (today - loan.due_on).days
        if overdue_days <= 0:
            if (loan.due_on - today).days == due_soon and loan.last_notice_level == 0:
                key = f"loan:{loan.pk}:{loan.due_on:%Y%m%d}"
                group = (loan.patron_id, loan.library_id, NoticeKind.DUE_SOON)
                groups.setdefault(group, []).append((loan, key, None))
            continue
        level = sum(1 for threshold in levels if overdue_days >= threshold)
        if level > loan.last_notice_level:
            levels_kinds = [NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_2, NoticeKind.OVERDUE_3]
            kind: str = levels_kinds[level - 1]
            groups.setdefault((loan.patron_id, loan.library_id, kind), []).append(
                (loan, f"loan:{loan.pk}", level)
            )
    counts = {"due_soon": 0, "overdue": 0}
    for (_patron, _library, kind), entries in groups.items():
        if kind == NoticeKind.DUE_SOON:  # a renewal changes the key: told once per due date
            told = set(
                NoticeLog.all_objects.filter(
                    object_key__in=[key for _loan, key, _level in entries],
                    kind=NoticeKind.DUE_SOON,
                ).values_list("object_key", flat=True)
            )
            entries = [entry for entry in entries if entry[1] not in told]
            if not entries:
                continue
        first = entries[0][0]
        if first.patron is None:  # excluded by the query; for the type checker
            continue
        language = first.patron.language or "vi"
        notice_send(
            patron=first.patron,
            library=first.library,
            kind=kind,
            context=_loans_context([loan for loan, _key, _level in entries], language),
            object_keys=[key for _loan, key, _level in entries],
        )
        for loan, _key, new_level in entries:
            if new_level is not None:
                Loan.all_objects.filter(pk=loan.pk).update(last_notice_level=new_level)
        counts["due_soon" if kind == NoticeKind.DUE_SOON else "overdue"] += 1
    return counts
