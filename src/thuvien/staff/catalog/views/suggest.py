"""Cataloguing suggestions for the record form: a DDC class and subject headings.

The page's script posts what the cataloguer has written (title, summary, notes); the answer is
a list of proposals with their confidence, which the cataloguer accepts one by one with a click.
Nothing is written here: the record is saved by the form as always.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuvien.accounts.capabilities import Capability
from thuvien.accounts.permissions import requires
from thuvien.ai.selectors import cataloguing_suggestions
from thuvien.core.text import clean

FIELDS = ("title", "subtitle", "notes", "summary", "contents")
MAX_TEXT = 4_000


@requires(Capability.CATALOGUE)
@require_POST
def suggest_view(request: HttpRequest) -> JsonResponse:
    network = getattr(request, "network", None)
    text = ". ".join(clean(request.POST.get(name, "")) for name in FIELDS if request.POST.get(name))
    if network is None or not text.strip():
        message = _("Hãy nhập nhan đề (và tóm tắt nếu có) để nhận gợi ý.")
        return JsonResponse({"code": "ai.no_text", "detail": message}, status=400)
    found = cataloguing_suggestions(network_id=network.pk, text=text[:MAX_TEXT])
    return JsonResponse(
        {
            "ddc": [{"value": p.value, "confidence": p.confidence} for p in found.ddc],
            "subjects": [{"value": p.value, "confidence": p.confidence} for p in found.subjects],
            "trained": found.trained,
        }
    )
