"""Staff pages: people (memberships of a library or network) and the audit log."""

from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("add/", views.people_add, name="add"),
    path("<int:pk>/", views.membership_edit, name="edit"),
    path("<int:pk>/remove/", views.membership_delete, name="remove"),
    path("<int:pk>/reset-2fa/", views.membership_reset_2fa, name="reset-2fa"),
    path("audit/", views.audit_log, name="audit"),
]
