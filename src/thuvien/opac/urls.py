"""The public portal at /: one urls module per area."""

from django.urls import include, path

urlpatterns = [
    path("libraries/", include("thuvien.opac.libraries.urls")),
    path("search/", include("thuvien.opac.search.urls")),
    path("digital/", include("thuvien.opac.digital.urls")),
    path("account/", include("thuvien.opac.account.urls")),
    path("payments/", include("thuvien.opac.payments.urls")),
    path("", include("thuvien.opac.sitemaps.urls")),
    path("", include("thuvien.opac.home.urls")),
]
