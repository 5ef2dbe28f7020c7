"""Open data at /opendata/: the download page, the files, the checksums and the DCAT catalogue."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.ttl", views.catalog_turtle, name="catalog-ttl"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog-jsonld"),
    path("SHA256SUMS", views.checksums, name="checksums"),
    path("files/<str:name>", views.download, name="file"),
]
