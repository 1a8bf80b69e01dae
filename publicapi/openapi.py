"""The OpenAPI description of /api/v1/, built from the declared collections and
the data standard's JSON Schemas (``standard/v1/<name>.schema.json``)."""

import json
from functools import cache
from pathlib import Path

from core.registries import api_resources

STANDARD = Path(__file__).resolve().parent / "standard" / "v1"
TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "date": {"type": "string", "format": "date"},
}


@cache
def standard_schema(name):
    """The JSON Schema of one exchanged object, or None."""
    path = STANDARD / f"{name}.schema.json"
    if "/" in name or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _component(name):
    schema = dict(standard_schema(name))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def openapi_document(request):
    root = request.build_absolute_uri("/api/v1/")
    error = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
    paths, components = {}, {"Error": error}
    for resource in api_resources:
        components[resource.schema] = _component(resource.schema)
        item = {"$ref": f"#/components/schemas/{resource.schema}"}
        parameters = [
            {"name": f.name, "in": "query", "description": str(f.description), "schema": TYPES[f.kind]}
            for f in resource.filters
        ] + [
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
        ]
        if resource.modified:
            parameters.append(
                {
                    "name": "changed_after",
                    "in": "query",
                    "description": "Nguồn thay đổi: con trỏ next_cursor của trang trước, hoặc một ngày/giờ ISO 8601; "
                    "kết quả xếp theo thời điểm thay đổi rồi theo id (dùng để đồng bộ).",
                    "schema": {"type": "string"},
                }
            )
        if resource.full:
            parameters.append(
                {
                    "name": "include",
                    "in": "query",
                    "description": "include=body: kèm toàn văn (body_html) trong danh sách.",
                    "schema": {"enum": ["body"]},
                }
            )
        errors = {
            "304": {"description": "Không đổi (If-None-Match)"},
            "400": {
                "description": "Tham số không hợp lệ",
                "content": _json_of({"$ref": "#/components/schemas/Error"}),
            },
            "429": {"description": "Quá nhiều yêu cầu"},
        }
        paths[f"/api/v1/{resource.key}/"] = {
            "get": {
                "summary": str(resource.title),
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": _json_of(
                            {
                                "type": "object",
                                "properties": {
                                    "count": {"type": "integer"},
                                    "page": {"type": "integer"},
                                    "page_size": {"type": "integer"},
                                    "next": {"type": ["string", "null"]},
                                    "next_cursor": {"type": ["string", "null"]},
                                    "previous": {"type": ["string", "null"]},
                                    "results": {"type": "array", "items": item},
                                },
                            }
                        ),
                    },
                    **errors,
                },
            }
        }
        paths[f"/api/v1/{resource.key}/{{id}}/"] = {
            "get": {
                "summary": str(resource.title),
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "OK", "content": _json_of(item)},
                    "304": errors["304"],
                    "404": {
                        "description": "Không tìm thấy",
                        "content": _json_of({"$ref": "#/components/schemas/Error"}),
                    },
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "API mở của Cổng thông tin Phổ biến, giáo dục pháp luật", "version": "1.0.0"},
        "servers": [{"url": root.rstrip("/").rsplit("/api/v1", 1)[0]}],
        "paths": paths,
        "components": {"schemas": components},
    }


def _json_of(schema):
    return {"application/json": {"schema": schema}}
