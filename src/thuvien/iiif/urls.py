"""IIIF endpoints under /iiif/3/."""

from django.urls import path, re_path

from . import views

app_name = "iiif"
urlpatterns = [
    # versioned identifiers "<object>-<page>-<version>": what manifests give, cached for good
    re_path(r"^image/(?P<obj_id>\d+)-(?P<seq>\d+)-(?P<ver>[0-9a-f]{12})$", views.image_base,
            name="image_base_v"),
    re_path(r"^image/(?P<obj_id>\d+)-(?P<seq>\d+)-(?P<ver>[0-9a-f]{12})/info\.json$",
            views.image_info, name="info_v"),
    re_path(
        r"^image/(?P<obj_id>\d+)-(?P<seq>\d+)-(?P<ver>[0-9a-f]{12})/(?P<region>[^/]+)/"
        r"(?P<size>[^/]+)/(?P<rotation>[^/]+)/(?P<quality>[^/.]+)\.(?P<fmt>[^/.]+)$",
        views.image,
        name="image_v",
    ),
    # plain "<object>-<page>": the page as it is now (older links, harvesters)
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
