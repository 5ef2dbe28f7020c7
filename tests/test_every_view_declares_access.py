"""Every view declares the access it needs (public, logged in, or a capability)."""

from django.urls import URLPattern, URLResolver, get_resolver

from thuvien.accounts.permissions import ACCESS_ATTR

# Django's own views that do their own checks; the admin site checks has_permission itself.
ADMIN_ROUTE = "admin/"
EXEMPT_PREFIXES = ("django.contrib.admin", "django.views.i18n", "django.views.static")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def test_every_url_declares_its_access():
    undeclared = []
    for route, view in _walk(get_resolver().url_patterns):
        module = getattr(view, "__module__", "") or ""
        if route.startswith(ADMIN_ROUTE):
            continue
        if module.startswith(EXEMPT_PREFIXES):
            continue
        cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
        if cls is not None and getattr(cls, "__module__", "").startswith("rest_framework"):
            continue
        declared = getattr(view, ACCESS_ATTR, None)
        if declared is None and cls is not None:
            # DRF views declare through permission_classes; DenyUnlessDeclared is the default.
            perms = getattr(cls, "permission_classes", None)
            declared = perms if perms else None
        if not declared:
            undeclared.append(f"{route} -> {module}.{getattr(view, '__name__', view)}")
    assert not undeclared, "views without a declared access:\n" + "\n".join(undeclared)
