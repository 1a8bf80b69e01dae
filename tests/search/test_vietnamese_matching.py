"""Vietnamese matching rules, on the real search engine (OpenSearch in CI)."""

import pytest

from .conftest import api, legal_document, needs_engine, refresh, titles

pytestmark = [pytest.mark.django_db, needs_engine]

LAND_BODY = (
    "Nghị định này quy định chi tiết một số điều, khoản của Luật Đất đai về giao đất, cho thuê đất, "
    "chuyển mục đích sử dụng đất, thu hồi đất, bồi thường, hỗ trợ, tái định cư. "
)


@pytest.fixture
def documents(unit_a):
    land = legal_document(
        unit_a,
        "43/2014/NĐ-CP",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai",
        summary="Quy định chi tiết thi hành Luật Đất đai năm 2013",
        body=f"<p>{LAND_BODY * 3}</p>",
        fields=["dat-dai"],
    )
    online = legal_document(
        unit_a,
        "43/2011/NĐ-CP",
        "Nghị định về cung cấp thông tin và dịch vụ công trực tuyến trên cổng thông tin điện tử",
        summary="Quy định việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước",
        body="<p>Trang thông tin điện tử, cổng thông tin điện tử của cơ quan nhà nước phải cung cấp thông tin.</p>",
        effect_status="expired",
        issue_date=__import__("datetime").date(2011, 6, 13),
    )
    # Noise: mentions 43, 2011 and "Nghị định" in its text, but is another document.
    legal_document(
        unit_a,
        "15/2020/NĐ-CP",
        "Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông",
        summary="Thay thế các quy định tại Nghị định 174/2013/NĐ-CP và khoản 43 Điều 2011",
        body="<p>Căn cứ Nghị định số 43/2011 về thông tin điện tử; Điều 43 năm 2011 được bãi bỏ.</p>",
    )
    law = legal_document(
        unit_a,
        "80/2015/QH13",
        "Luật Ban hành văn bản quy phạm pháp luật",
        summary="Luật quy định nguyên tắc, thẩm quyền, hình thức, trình tự xây dựng văn bản quy phạm pháp luật",
        document_type="luat",
        issuing_body="quoc-hoi",
    )
    refresh()
    return {"land": land, "online": online, "law": law}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("dat dai", "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai"),
        ("DAT DAI", "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai"),
        ("thu hoi dat boi thuong", "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai"),
        ("phap luat", "Luật Ban hành văn bản quy phạm pháp luật"),
        ("văn bản quy pham phap luật", "Luật Ban hành văn bản quy phạm pháp luật"),
    ],
)
def test_a_query_without_diacritics_finds_the_same_documents(client, unit_a, documents, query, expected):
    assert expected in titles(api(client, unit_a, query))


def test_d_and_dj_are_the_same_letter(client, unit_a, documents):
    with_dj = titles(api(client, unit_a, "đất đai"))
    with_d = titles(api(client, unit_a, "dat dai"))
    assert with_dj == with_d
    assert "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai" in with_d


@pytest.mark.parametrize(
    "query",
    [
        "43/2011/NĐ-CP",
        "43/2011/nd-cp",
        "43/2011/ND-CP",
        " 43 / 2011 / NĐ-CP",
        "43/2011/nđ-cp",
        "nghị định 43/2011",
    ],
)
def test_a_document_number_finds_its_document_first(client, unit_a, documents, query):
    data = api(client, unit_a, query)
    assert data["results"], query
    first = data["results"][0]
    assert first["document_number"] == "43/2011/NĐ-CP"
    assert first["title"] == documents["online"].title


@pytest.mark.parametrize(
    "title, query",
    [
        ("Nghị định về quản lý cụm công nghiệp", "NĐ quản lý cụm công nghiệp"),
        ("NĐ về quản lý chợ đầu mối", "nghị định quản lý chợ đầu mối"),
        ("Thông tư hướng dẫn hòa giải ở cơ sở", "TT hướng dẫn hòa giải"),
        ("TT hướng dẫn đăng ký hộ tịch", "thông tư đăng ký hộ tịch"),
        ("Quyết định ban hành quy chế tuyên truyền viên", "QĐ quy chế tuyên truyền viên"),
        ("QĐ phê duyệt đề án tủ sách pháp luật", "quyet dinh de an tu sach"),
        ("Nghị quyết về chính sách hỗ trợ nông dân", "NQ hỗ trợ nông dân"),
        ("Chỉ thị tăng cường phòng cháy chữa cháy", "CT phòng cháy chữa cháy"),
        ("Kế hoạch tổ chức Ngày Pháp luật", "KH ngày pháp luật"),
        ("Luật của QH về trưng cầu ý dân", "quốc hội trưng cầu ý dân"),
        ("Quyết định của UBND tỉnh về giá đất", "ủy ban nhân dân giá đất"),
        ("Nghị quyết của Hội đồng nhân dân tỉnh về học phí", "HĐND học phí"),
        ("Nghị quyết của HĐND tỉnh về phí tham quan", "hoi dong nhan dan phi tham quan"),
    ],
)
def test_abbreviations_are_understood_both_ways(client, unit_a, title, query):
    legal_document(unit_a, "1/2024/XX", title, summary=title, document_type="cong-van")
    refresh()
    assert title in titles(api(client, unit_a, query))


def test_a_quoted_phrase_matches_exactly(client, unit_a):
    exact = legal_document(unit_a, "1/2024/HD", "Hướng dẫn công tác hòa giải ở cơ sở năm 2024")
    scattered = legal_document(
        unit_a, "2/2024/HD", "Hướng dẫn kiểm tra cơ sở dữ liệu", summary="Báo cáo kết quả hòa giải trong năm"
    )
    refresh()
    loose = titles(api(client, unit_a, "hòa giải cơ sở"))
    assert exact.title in loose and scattered.title in loose
    quoted = titles(api(client, unit_a, '"hòa giải ở cơ sở"'))
    assert quoted == [exact.title]
    # Without diacritics, still a phrase.
    assert titles(api(client, unit_a, '"hoa giai o co so"')) == [exact.title]


def test_a_quoted_phrase_is_matched_word_for_word_around_abbreviations(client, unit_a):
    full = legal_document(unit_a, "1/2024/QD", "Quyết định của Ủy ban nhân dân tỉnh về giá đất")
    short = legal_document(unit_a, "2/2024/KH", "Kế hoạch của UBND tỉnh về chuyển đổi số")
    refresh()
    # Unquoted, either way of writing finds both.
    assert set(titles(api(client, unit_a, "ủy ban nhân dân tỉnh"))) == {full.title, short.title}
    assert set(titles(api(client, unit_a, "UBND tỉnh"))) == {full.title, short.title}
    # Quoted, the words as written (with or without diacritics).
    assert titles(api(client, unit_a, '"ủy ban nhân dân tỉnh"')) == [full.title]
    assert titles(api(client, unit_a, '"uy ban nhan dan tinh ve gia dat"')) == [full.title]
    assert titles(api(client, unit_a, '"UBND tỉnh"')) == [short.title]


def test_an_abbreviation_highlights_the_full_form(client, unit_a):
    legal_document(
        unit_a,
        "3/2024/QD",
        "Quyết định về giá đất năm 2024",
        summary="Quy định bảng giá đất do Ủy ban nhân dân tỉnh ban hành",
    )
    refresh()
    (result,) = api(client, unit_a, "UBND giá đất")["results"]
    assert "<mark>Ủy ban nhân dân</mark>" in result["highlight"]


def test_title_and_summary_rank_above_the_body(client, unit_a):
    filler = "<p>" + "Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc các nhiệm vụ được giao. " * 5 + "</p>"
    in_body = legal_document(
        unit_a,
        "3/2024/KH",
        "Kế hoạch công tác năm 2024",
        summary="Nhiệm vụ trọng tâm của năm",
        body=filler + "<p>Đẩy mạnh chuyển đổi số trong hoạt động phổ biến pháp luật.</p>" + filler,
    )
    in_summary = legal_document(
        unit_a,
        "2/2024/KH",
        "Kế hoạch triển khai đề án",
        summary="Chuyển đổi số trong phổ biến, giáo dục pháp luật",
        body=filler,
    )
    in_title = legal_document(
        unit_a, "1/2024/KH", "Kế hoạch chuyển đổi số năm 2024", summary="Nhiệm vụ của các đơn vị", body=filler
    )
    refresh()
    ranked = titles(api(client, unit_a, "chuyển đổi số"))
    assert set(ranked) == {in_body.title, in_summary.title, in_title.title}
    assert ranked[-1] == in_body.title


def test_documents_in_force_rank_above_expired_ones_at_equal_relevance(client, unit_a):
    text = "Quy định về công tác văn thư, lưu trữ tại cơ quan nhà nước"
    expired = legal_document(unit_a, "30/2020/NĐ-CP", text, summary=text, effect_status="expired")
    in_force = legal_document(unit_a, "30/2021/NĐ-CP", text, summary=text, effect_status="in_force")
    partly = legal_document(unit_a, "30/2019/NĐ-CP", text, summary=text, effect_status="partly_expired")
    refresh()
    data = api(client, unit_a, "văn thư lưu trữ")
    numbers = [result["document_number"] for result in data["results"]]
    assert numbers == [in_force.document_number, partly.document_number, expired.document_number]


def test_results_carry_highlighted_snippets(client, unit_a, documents):
    data = api(client, unit_a, "thu hoi dat")
    land = next(r for r in data["results"] if r["document_number"] == "43/2014/NĐ-CP")
    assert (
        "<mark>thu hồi</mark>" in land["highlight"]
        or "<mark>thu</mark> <mark>hồi</mark>" in land["highlight"]
    )
