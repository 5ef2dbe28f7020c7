"""Staff pages: circulation."""

app_name = "circulation"
urlpatterns: list = []
