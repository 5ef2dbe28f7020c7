"""Top-level URLs. Each interface app includes one urls module per domain it serves."""

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
# MEDIA_ROOT is never served as plain files, not even in development: it holds the digital
# masters (restricted and paid ones too) and scans of staff certificates; each is served by a
# view that checks who asks (the digital library's pages, IIIF, the oversight training pages).

# Under /api/ an unknown URL or a server error answers in the API's JSON error format.
handler404 = "thuvien.api.errors.page_not_found"
handler500 = "thuvien.api.errors.server_error"
