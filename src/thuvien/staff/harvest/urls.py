"""Staff pages: partner repositories harvested over OAI-PMH, and their runs."""

from django.urls import path

from . import views

app_name = "harvest"
urlpatterns = [
    path("", views.partner_list_view, name="partners"),
    path("new/", views.partner_create_view, name="partner-create"),
    path("<int:pk>/", views.partner_detail_view, name="partner"),
    path("<int:pk>/edit/", views.partner_edit_view, name="partner-edit"),
    path("<int:pk>/run/", views.partner_run_view, name="partner-run"),
    path("runs/<int:pk>/", views.run_detail_view, name="run"),
]
