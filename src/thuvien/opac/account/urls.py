"""Public portal: the reader's own account (/account/)."""

from django.urls import path

from . import views

app_name = "opac_account"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("loans/<int:pk>/renew/", views.loan_renew_view, name="loan_renew"),
    path("holds/place/", views.hold_place_view, name="hold_place"),
    path("holds/<int:pk>/cancel/", views.hold_cancel_view, name="hold_cancel"),
    path("postal/", views.postal_view, name="postal"),
    path("suggestions/", views.suggestions_view, name="suggestions"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("privacy/export/", views.privacy_export_view, name="privacy_export"),
    path("privacy/delete/", views.privacy_delete_view, name="privacy_delete"),
]
