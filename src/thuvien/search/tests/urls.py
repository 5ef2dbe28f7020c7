"""A URLconf for the search tests: the portal and the search API without the staff area.

Other teams' staff pages change all day in the same tree; the search tests must not fail
because one of them is half-written. The project-wide URL test uses the real URLconf.
"""

from django.urls import include, path

from thuvien.core import pwa

urlpatterns = [
    path("manifest.webmanifest", pwa.manifest, name="pwa-manifest"),
    path("sw.js", pwa.service_worker, name="pwa-service-worker"),
    path("offline/", pwa.offline, name="pwa-offline"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("thuvien.accounts.urls")),
    path("api/v1/", include("thuvien.api.search.urls")),
    path("search/", include("thuvien.opac.search.urls")),
    path("", include("thuvien.opac.home.urls")),
]
