"""Helpers for the legal document tests: JSON Lines files and sample records."""

import json

import pytest


def record(number="43/2025/NĐ-CP", **overrides):
    """A valid import record; ``overrides`` replace or (with None) remove keys.

    Its level is the commune's, so that it stays in the importing unit's own
    section: the tests of the shared repository give "central" themselves."""
    values = {
        "document_number": number,
        "document_type": "Nghị định",
        "issuing_body": "Chính phủ",
        "level": "Cấp xã",
        "signer": "Trần Hồng Hà",
        "signer_title": "Phó Thủ tướng",
        "issue_date": "2025-02-28",
        "effective_date": "2025-03-01",
        "effect_status": "Còn hiệu lực",
        "fields": ["Bộ máy hành chính"],
        "summary": "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp.",
        "body_text": "Điều 1. Vị trí và chức năng\n\nBộ Tư pháp là cơ quan của Chính phủ.",
        "source_url": "https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=1",
    }
    for key, value in overrides.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return values


@pytest.fixture
def jsonl(tmp_path):
    """write(lines) → path of a .jsonl file; dicts are dumped, strings written as they are."""
    counter = iter(range(1000))

    def write(lines):
        path = tmp_path / f"van-ban-{next(counter)}.jsonl"
        path.write_text(
            "".join(
                (json.dumps(line, ensure_ascii=False) if isinstance(line, dict) else line) + "\n"
                for line in lines
            ),
            encoding="utf-8",
        )
        return path

    return write


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "nghi-dinh.pdf"
    path.write_bytes(b"%PDF-1.4\n% Nghi dinh 43/2025\n")
    return path
