"""IIIF endpoints under /iiif/3/."""

from django.urls import path, re_path

from . import views

app_name = "iiif"
urlpatterns = [
    path("image/<int:obj_id>-<int:seq>", views.image_base, name="image_base"),
    path("image/<int:obj_id>-<int:seq>/info.json", views.image_info, name="info"),
    re_path(
        r"^image/(?P<obj_id>\d+)-(?P<seq>\d+)/(?P<region>[^/]+)/(?P<size>[^/]+)/"
        r"(?P<rotation>[^/]+)/(?P<quality>[^/.]+)\.(?P<fmt>[^/.]+)$",
        views.image,
        name="image",
    ),
    path("<int:obj_id>/manifest", views.manifest, name="manifest"),
    path("<int:obj_id>/search", views.search, name="search"),
    path("<int:obj_id>/search1", views.search_v1, name="search1"),
    path("collection/<int:pk>", views.collection, name="collection"),
]
