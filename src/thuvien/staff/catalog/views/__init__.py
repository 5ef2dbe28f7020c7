"""Staff cataloguing pages, one module per task."""
