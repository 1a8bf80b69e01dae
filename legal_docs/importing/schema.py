"""The import format: its JSON Schema, and Vietnamese reasons for what breaks it."""

import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "legal_document.schema.json"

FIELD_LABELS = {
    "document_number": "số, ký hiệu (document_number)",
    "title": "tiêu đề (title)",
    "document_type": "loại văn bản (document_type)",
    "issuing_body": "cơ quan ban hành (issuing_body)",
    "level": "cấp ban hành (level)",
    "signer": "người ký (signer)",
    "signer_title": "chức danh người ký (signer_title)",
    "issue_date": "ngày ban hành (issue_date)",
    "effective_date": "ngày có hiệu lực (effective_date)",
    "expiry_date": "ngày hết hiệu lực (expiry_date)",
    "effect_status": "tình trạng hiệu lực (effect_status)",
    "fields": "lĩnh vực (fields)",
    "summary": "trích yếu (summary)",
    "body_html": "toàn văn (body_html)",
    "body_text": "toàn văn (body_text)",
    "attachments": "tệp đính kèm (attachments)",
    "source_url": "nguồn (source_url)",
    "relations": "văn bản liên quan (relations)",
    "type": "loại quan hệ (type)",
}
TYPE_NAMES = {
    "string": "chuỗi ký tự",
    "array": "danh sách",
    "object": "đối tượng JSON",
    "null": "null",
}


@cache
def schema_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(record):
    """(record key or "", Vietnamese reason) for each way ``record`` breaks the schema."""
    problems = []
    for error in sorted(schema_validator().iter_errors(record), key=str):
        message = _schema_message(error)
        if error.validator == "required" and not error.absolute_path:
            missing = [name for name in error.validator_value if name not in error.instance]
            problems += [(name, message) for name in missing]
        else:
            top = error.absolute_path[0] if error.absolute_path else ""
            problems.append((top if isinstance(top, str) else "", message))
    return problems


def schema_errors(record):
    """Vietnamese reasons why ``record`` does not follow the schema."""
    return list(dict.fromkeys(message for _key, message in schema_problems(record)))


def _label(path):
    names = [str(p) for p in path if not isinstance(p, int)]
    if not names:
        return _("bản ghi")
    label = FIELD_LABELS.get(names[-1], names[-1])
    indexes = [p for p in path if isinstance(p, int)]
    if indexes:
        label += _(" (mục %(n)d)") % {"n": indexes[-1] + 1}
    return label


def _schema_message(error):
    where = _label(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return _("thiếu %(fields)s") % {"fields": ", ".join(FIELD_LABELS.get(n, n) for n in missing)}
    if kind == "type":
        expected = (
            error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        )
        return _("%(field)s phải là %(type)s") % {
            "field": where,
            "type": _(" hoặc ").join(TYPE_NAMES.get(t, t) for t in expected),
        }
    if kind in {"minLength", "pattern"}:
        return _("%(field)s không được để trống") % {"field": where}
    if kind == "maxLength":
        return _("%(field)s dài quá %(n)d ký tự") % {"field": where, "n": error.validator_value}
    if kind == "maxItems":
        return _("%(field)s có quá %(n)d mục") % {"field": where, "n": error.validator_value}
    if kind == "enum":
        return _("%(field)s: giá trị “%(value)s” không có trong danh mục (%(choices)s)") % {
            "field": where,
            "value": error.instance,
            "choices": ", ".join(error.validator_value),
        }
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(name for name in error.instance if name not in allowed)
        return _("trường không được hỗ trợ: %(fields)s") % {"fields": ", ".join(extra)}
    if kind == "uniqueItems":
        return _("%(field)s có giá trị lặp lại") % {"field": where}
    if kind == "not":
        return _("chỉ được ghi một trong hai trường body_html hoặc body_text")
    return _("%(field)s không hợp lệ") % {"field": where}
