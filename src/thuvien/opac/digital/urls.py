"""Public pages of the digital library: its list and search, the viewer and the PDF download."""

from django.urls import path

from . import views

app_name = "opac_digital"
urlpatterns = [
    path("", views.library, name="library"),
    path("<int:pk>/", views.viewer, name="viewer"),
    path("<int:pk>/pdf", views.pdf, name="pdf"),
    path("<int:pk>/media/<int:seq>", views.media, name="media"),
    path("<int:pk>/epub", views.epub, name="epub"),
]
