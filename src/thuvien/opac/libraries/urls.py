"""Public portal: libraries."""

app_name = "opac_libraries"
urlpatterns: list = []
