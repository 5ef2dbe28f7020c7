"""REST API v1 with its OpenAPI 3 schema and browsable docs."""

from django.urls import include, path

urlpatterns = [
    path("", include("thuvien.api.core.urls")),
    path("", include("thuvien.api.network.urls")),
    path("", include("thuvien.api.catalog.urls")),
    path("", include("thuvien.api.search.urls")),
    path("", include("thuvien.api.circulation.urls")),
]
