"""MARC21 handling for the catalogue: identifiers, MARC-in-JSON, extraction, reading, writing.

Records are stored as MARC-in-JSON dicts (``{"leader": ..., "fields": [...]}``, the format
pymarc's ``as_dict()`` and ``JSONReader`` use). Everything here works on those dicts directly so
that the import path never builds pymarc objects it does not need.
"""
