"""Staff pages of the digital library (role capability ``can_digitise``)."""

from django.urls import path

from . import views

app_name = "digital"
urlpatterns = [
    path("", views.object_list_view, name="list"),
    path("ingest/", views.ingest_view, name="ingest"),
    path("fixity/", views.fixity_view, name="fixity"),
    path("<int:pk>/", views.object_view, name="object"),
    path("<int:pk>/bag", views.bag_view, name="bag"),
    path("<int:pk>/page/<int:seq>/", views.page_text_view, name="page-text"),
]
