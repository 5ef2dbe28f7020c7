"""Top-level URLs. Each interface app includes one urls module per domain it serves."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from thuvien.core import pwa

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("thuvien.ops.urls")),
    path("manifest.webmanifest", pwa.manifest, name="pwa-manifest"),
    path("sw.js", pwa.service_worker, name="pwa-service-worker"),
    path("offline/", pwa.offline, name="pwa-offline"),
    path("admin/", admin.site.urls),
    path("accounts/", include("thuvien.accounts.urls")),
    path("staff/", include("thuvien.staff.urls")),
    path("api/v1/", include("thuvien.api.urls")),
    path("oai", include("thuvien.oai.urls")),
    path("iiif/3/", include("thuvien.iiif.urls")),
    path("sru", include("thuvien.sru.urls")),
    path("sandbox/vnpay/", include("thuvien.payments.sandbox.urls")),
    path("opendata/", include("thuvien.opendata.urls")),
    path("", include("thuvien.opac.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under /api/ an unknown URL or a server error answers in the API's JSON error format.
handler404 = "thuvien.api.errors.page_not_found"
handler500 = "thuvien.api.errors.server_error"
