"""Public portal: the network's home page."""

from django.urls import path

from . import views

app_name = "opac_home"
urlpatterns = [
    path("", views.home, name="home"),
]
