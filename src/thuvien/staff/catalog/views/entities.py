"""Names found in a record's text, proposed to the cataloguer as subjects (thuvien.ai)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.http import StaffRequest
from thuvien.accounts.permissions import requires
from thuvien.ai.selectors import entity_proposal_get, record_text
from thuvien.ai.services import entities_propose, entity_accept, entity_reject
from thuvien.core.errors import ThuvienError

from .common import get_record


def _back(pk: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("catalog:record-detail", args=[pk]) + "#names")


@requires(Capability.CATALOGUE)
@require_POST
def entity_find(request: StaffRequest, pk: int) -> HttpResponse:
    record = get_record(request, pk)
    found = entities_propose(record=record, text=record_text(record=record), actor=request.user)
    if found:
        messages.success(request, _("Đã tìm thấy %(n)s tên riêng mới.") % {"n": found})
    else:
        messages.info(request, _("Không có tên riêng mới trong văn bản của tài liệu."))
    return _back(pk)


@requires(Capability.CATALOGUE)
@require_POST
def entity_decide(request: StaffRequest, pk: int, entity_pk: int, accept: bool) -> HttpResponse:
    record = get_record(request, pk)
    proposal = entity_proposal_get(record=record, pk=entity_pk)
    if proposal is None:
        raise Http404
    try:
        if accept:
            entity_accept(proposal=proposal, actor=request.user, library=request.library)
            messages.success(request, _("Đã thêm “%(name)s” làm chủ đề.") % {"name": proposal.name})
        else:
            entity_reject(proposal=proposal, actor=request.user, library=request.library)
    except ThuvienError as exc:
        messages.error(request, exc.message)
    return _back(pk)
