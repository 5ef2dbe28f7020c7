"""Staff pages: the network tree, libraries, locations, groups, calendars, settings, merges."""

from django.urls import path

from .views import featured, libraries, library_parts, network

app_name = "network"
urlpatterns = [
    path("", libraries.index, name="index"),
    path("libraries/new/", libraries.library_create, name="library-create"),
    path("libraries/<str:code>/", libraries.library_detail, name="library"),
    path("libraries/<str:code>/edit/", libraries.library_edit, name="library-edit"),
    path("libraries/<str:code>/move/", libraries.library_move, name="library-move"),
    path("libraries/<str:code>/status/", libraries.library_status, name="library-status"),
    path(
        "libraries/<str:code>/visibility/",
        libraries.library_visibility,
        name="library-visibility",
    ),
    path(
        "libraries/<str:code>/locations/new/",
        library_parts.location_create,
        name="location-create",
    ),
    path(
        "libraries/<str:code>/locations/<int:pk>/",
        library_parts.location_edit,
        name="location-edit",
    ),
    path("libraries/<str:code>/hours/", library_parts.hours_edit, name="library-hours"),
    path(
        "libraries/<str:code>/closed-days/",
        library_parts.library_closed_days,
        name="library-closed-days",
    ),
    path(
        "libraries/<str:code>/closed-days/<int:pk>/delete/",
        library_parts.library_closed_day_delete,
        name="library-closed-day-delete",
    ),
    path("libraries/<str:code>/settings/", library_parts.library_settings, name="library-settings"),
    path("libraries/<str:code>/featured/", featured.library_featured, name="library-featured"),
    path(
        "libraries/<str:code>/featured/<int:pk>/",
        featured.library_featured_edit,
        name="library-featured-edit",
    ),
    path(
        "libraries/<str:code>/featured/<int:pk>/delete/",
        featured.library_featured_delete,
        name="library-featured-delete",
    ),
    path(
        "libraries/<str:code>/featured/<int:pk>/move/",
        featured.library_featured_move,
        name="library-featured-move",
    ),
    path("featured/", featured.network_featured, name="featured"),
    path("featured/<int:pk>/", featured.network_featured_edit, name="featured-edit"),
    path("featured/<int:pk>/delete/", featured.network_featured_delete, name="featured-delete"),
    path("featured/<int:pk>/move/", featured.network_featured_move, name="featured-move"),
    path("edit/", network.network_edit, name="network-edit"),
    path("groups/", network.group_list, name="groups"),
    path("groups/new/", network.group_create, name="group-create"),
    path("groups/<int:pk>/", network.group_edit, name="group-edit"),
    path("settings/", network.network_settings, name="settings"),
    path("closed-days/", network.network_closed_days, name="closed-days"),
    path(
        "closed-days/<int:pk>/delete/",
        network.network_closed_day_delete,
        name="closed-day-delete",
    ),
    path("merge/", network.network_merge, name="merge"),
]
