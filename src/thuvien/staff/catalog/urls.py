"""Staff pages: cataloguing (/staff/catalog/)."""

from django.urls import path

from .views import (
    authorities,
    buy_next,
    copycat,
    editing,
    entities,
    items,
    labels,
    records,
    suggest,
    transfer,
)

app_name = "catalog"
urlpatterns = [
    path("", records.record_search, name="search"),
    path("records/<int:pk>/", records.record_detail, name="record-detail"),
    path("records/new/", editing.record_new, name="record-new"),
    path("records/new/form/", editing.record_form, name="record-form-new"),
    path("records/new/marc/", editing.marc_editor, name="marc-editor-new"),
    path("records/<int:pk>/form/", editing.record_form, name="record-form"),
    path("records/<int:pk>/marc/", editing.marc_editor, name="marc-editor"),
    path("suggest/", suggest.suggest_view, name="suggest"),
    path("buy-next/", buy_next.buy_next, name="buy-next"),
    path("records/<int:pk>/entities/find/", entities.entity_find, name="entity-find"),
    path(
        "records/<int:pk>/entities/<int:entity_pk>/accept/",
        entities.entity_decide,
        {"accept": True},
        name="entity-accept",
    ),
    path(
        "records/<int:pk>/entities/<int:entity_pk>/reject/",
        entities.entity_decide,
        {"accept": False},
        name="entity-reject",
    ),
    path("records/<int:record_pk>/items/add/", items.item_add, name="item-add"),
    path("items/<int:pk>/", items.item_edit, name="item-edit"),
    path("items/<int:pk>/move/", items.item_move, name="item-move"),
    path("labels/", labels.labels, name="labels"),
    path("import/", transfer.import_upload, name="import"),
    path("import/<str:token>/", transfer.import_preview_view, name="import-preview"),
    path("export/", transfer.export, name="export"),
    path("copycat/", copycat.copycat_search, name="copycat"),
    path("copycat/import/", copycat.copycat_import, name="copycat-import"),
    path("authorities/", authorities.authority_index, name="authorities"),
    path("authorities/<int:pk>/", authorities.authority_detail, name="authority-detail"),
]
