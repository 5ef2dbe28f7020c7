"""The library's notice templates (overdue, hold ready, ...): edit and reset to the default."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.circulation.models import (
    NoticeChannel,
    NoticeKind,
)
from thuvien.circulation.selectors import notice_template_own
from thuvien.circulation.services import (
    notice_template_reset,
    notice_template_save,
)
from thuvien.circulation.services.notices import template_for

from ..forms import NoticeTemplateForm


@requires(Capability.ADMINISTER_LIBRARY)
def notice_templates(request: StaffRequest) -> HttpResponse:
    """The library's own wording of each notice; an empty body goes back to the default."""
    library = request.library
    kind = request.GET.get("kind") or request.POST.get("kind") or NoticeKind.HOLD_READY
    channel = request.GET.get("channel") or request.POST.get("channel") or NoticeChannel.EMAIL
    language = request.GET.get("language") or request.POST.get("language") or "vi"
    if kind not in NoticeKind.values or channel not in NoticeChannel.values or language not in (
        "vi", "en"
    ):  # fmt: skip
        raise Http404
    own = notice_template_own(library=library, kind=kind, channel=channel, language=language)
    subject, body = template_for(library=library, kind=kind, channel=channel, language=language)
    form = NoticeTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST":
        if request.POST.get("reset") and own is not None:
            notice_template_reset(template=own, actor=request.user)
            messages.success(request, _("Đã trở về mẫu mặc định."))
            return redirect(f"{request.path}?kind={kind}&channel={channel}&language={language}")
        if form.is_valid():
            notice_template_save(library=library, kind=kind, channel=channel,
                                 language=language, actor=request.user,
                                 **form.cleaned_data)  # fmt: skip
            messages.success(request, _("Đã lưu mẫu thông báo."))
            return redirect(f"{request.path}?kind={kind}&channel={channel}&language={language}")
    ctx: dict[str, Any] = {"form": form, "kind": kind, "channel": channel, "language": language,
                           "own": own, "kinds": NoticeKind.choices,
                           "channels": NoticeChannel.choices}  # fmt: skip
    return render(request, "staff/circulation/notice_templates.html", ctx)
