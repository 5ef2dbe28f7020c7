"""Demo data (``thuvien demo-data``): one step per domain, run in order by ``core.demo``.

The only package that writes demo networks, staff, records, copies, readers, loans and kiosks;
it sits above every app (import-linter layers) so no domain app carries demo code."""
