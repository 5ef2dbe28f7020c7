"""Demo records (placeholder replaced below)."""


def demo_catalog(ctx) -> None:  # noqa: ANN001
    return None
