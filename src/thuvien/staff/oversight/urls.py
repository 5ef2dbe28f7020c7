"""Staff pages of the authorities: the network's figures (oversight officers, network admins)."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("report/", views.network_report, name="network-report"),
    path("report/library/", views.library_report, name="library-report"),
]
