"""Additions to the generated OpenAPI schema (drf-spectacular postprocessing hooks).

Every operation can answer with an error: the schema says so, with the error body our
exception handler writes (``{"code", "detail"}``, or DRF's ``{field: [messages]}`` for a form
that did not validate). Found by schemathesis (api/tests/test_schemathesis.py): undocumented
400/401/403/404/429 answers were schema violations.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "Lỗi: mã ổn định (code) và lời giải thích (detail), hoặc lỗi theo từng trường.",
    # "code" is also the name of a form field (the second factor of auth/token), whose
    # errors are a list of messages: each property is a text or a list of texts.
    "properties": {
        name: {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
        for name in ("code", "detail", "field")
    },
    "additionalProperties": True,
}
ERRORS = {
    "400": "Yêu cầu không hợp lệ (Bad request)",
    "401": "Chưa xác thực (Not authenticated)",
    "403": "Không có quyền (Forbidden)",
    "404": "Không tìm thấy (Not found)",
    "406": "Không có định dạng được yêu cầu (Not acceptable)",
    "415": "Kiểu nội dung không được hỗ trợ (Unsupported media type)",
    "429": "Quá nhiều yêu cầu (Throttled)",
}
BODY_ONLY = {"415"}


def error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code in BODY_ONLY and method == "get":
                    continue
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
