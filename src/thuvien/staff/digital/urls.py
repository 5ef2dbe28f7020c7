"""Staff pages of the digital library (role capability ``can_digitise``)."""

from django.urls import path

from . import editing, views

app_name = "digital"
urlpatterns = [
    path("", views.object_list_view, name="list"),
    path("ingest/", views.ingest_view, name="ingest"),
    path("fixity/", views.fixity_view, name="fixity"),
    path("collections/", editing.collections_view, name="collections"),
    path("collections/new", editing.collection_new_view, name="collection-new"),
    path("collections/<int:pk>/", editing.collection_view, name="collection"),
    path("<int:pk>/", views.object_view, name="object"),
    path("<int:pk>/bag", views.bag_view, name="bag"),
    path("<int:pk>/page/<int:seq>/", views.page_text_view, name="page-text"),
    path("<int:pk>/metadata", editing.metadata_view, name="metadata"),
    path("<int:pk>/crosswalk", editing.crosswalk_view, name="crosswalk"),
    path("<int:pk>/publish", editing.publish_view, name="publish"),
    path("<int:pk>/pages/", editing.pages_view, name="pages"),
    path("<int:pk>/pages/move", editing.page_move_view, name="page-move"),
    path("<int:pk>/pages/order", editing.page_order_view, name="page-order"),
    path("<int:pk>/pages/<int:page_id>/replace", editing.page_replace_view,
         name="page-replace"),
    path("<int:pk>/thumbnail", editing.thumbnail_view, name="thumbnail"),
    path("<int:pk>/structure", editing.structure_view, name="structure"),
    path("<int:pk>/structure/<int:range_id>/delete", editing.range_delete_view,
         name="range-delete"),
    path("<int:pk>/collections", editing.object_collections_view, name="object-collections"),
    path("<int:pk>/grants", editing.grants_view, name="grants"),
    path("<int:pk>/grants/<int:grant_id>/delete", editing.grant_delete_view,
         name="grant-delete"),
]
