"""API v1: the schema and its browsable docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from thuvien.accounts.permissions import public_view

urlpatterns = [
    path("schema/", public_view(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "docs/",
        public_view(SpectacularSwaggerView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
