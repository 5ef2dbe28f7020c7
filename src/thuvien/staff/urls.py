"""The staff interface under /staff/: one urls module per domain, each owned by its team."""

from django.urls import include, path

urlpatterns = [
    path("", include("thuvien.staff.dashboard.urls")),
    path("network/", include("thuvien.staff.network.urls")),
    path("people/", include("thuvien.staff.accounts.urls")),
    path("jobs/", include("thuvien.staff.jobs.urls")),
    path("catalog/", include("thuvien.staff.catalog.urls")),
    path("circulation/", include("thuvien.staff.circulation.urls")),
    path("digital/", include("thuvien.staff.digital.urls")),
    path("payments/", include("thuvien.staff.payments.urls")),
    path("oversight/", include("thuvien.staff.oversight.urls")),
    path("harvest/", include("thuvien.staff.harvest.urls")),
    path("security/", include("thuvien.staff.security.urls")),
]
