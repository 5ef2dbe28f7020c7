"""Public portal: account."""

app_name = "opac_account"
urlpatterns: list = []
