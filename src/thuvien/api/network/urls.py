"""API v1: network resources (networks, libraries, their locations, groups)."""

from rest_framework.routers import SimpleRouter

from .views import GroupViewSet, LibraryViewSet, NetworkViewSet

router = SimpleRouter()
router.register("networks", NetworkViewSet, basename="api-network")
router.register("libraries", LibraryViewSet, basename="api-library")
router.register("groups", GroupViewSet, basename="api-group")

urlpatterns = router.urls
