"""Security events of the network, for its administrators."""

from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("", views.security_events, name="events"),
]
