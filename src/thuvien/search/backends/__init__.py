"""Search backends: one package per engine, each a ``search.engine.SearchBackend`` registered in
``search.engine.BACKENDS`` (see docs/architecture.md, "The search seam")."""
