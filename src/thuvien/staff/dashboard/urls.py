"""Staff pages: the dashboard of the active library and the library switcher."""

from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("switch-library/", views.switch_library, name="switch-library"),
]
