"""API v1 core: the schema, its browsable docs (served locally), tokens, who am I, people."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from thuvien.accounts.permissions import public_view

from . import views

urlpatterns = [
    path("schema/", public_view(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "docs/",
        # The split view loads its start-up script from ?script instead of an inline <script>
        # (the Content-Security-Policy refuses inline script); Swagger UI's page keeps one
        # inline <style>, allowed on this page only.
        public_view(
            csp_update({"style-src-elem": ["'unsafe-inline'"]})(
                SpectacularSwaggerSplitView.as_view(url_name="api-schema")
            )
        ),
        name="api-docs",
    ),
    path("auth/token/", views.TokenObtainView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("memberships/", views.MembershipListView.as_view(), name="api-memberships"),
    path("memberships/<int:pk>/", views.MembershipDetailView.as_view(), name="api-membership"),
]
