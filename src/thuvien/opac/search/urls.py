"""Public portal: search."""

app_name = "opac_search"
urlpatterns: list = []
