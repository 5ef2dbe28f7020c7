"""Staff pages: accounts."""

app_name = "accounts"
urlpatterns: list = []
