"""Public portal: the directory of libraries and a page per library."""

from django.urls import path

from . import views

app_name = "opac_libraries"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<str:code>/", views.library_page, name="library"),
]
