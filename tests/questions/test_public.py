"""The published answers: per unit, rolled up on the portal, filters, RSS, site search."""

import pytest

from tests.factories import section

from .helpers import QA_PATH, field, published_answer

pytestmark = pytest.mark.django_db


def get(client, unit, path=QA_PATH, **params):
    return client.get(path, params, HTTP_HOST=unit.site.hostname)


@pytest.fixture
def answers(province, unit_a, unit_b):
    return {
        "a": published_answer(unit_a, "Thừa kế đất không có di chúc", "Chia thừa kế đất thế nào?"),
        "b": published_answer(
            unit_b,
            "Đăng ký khai sinh quá hạn",
            "Khai sinh quá hạn có bị phạt không?",
            legal_field=field("dan-su"),
        ),
        "province": published_answer(province, "Hòa giải ở cơ sở", "Tổ hòa giải gồm những ai?"),
    }


def test_a_unit_lists_its_own_answers(client, unit_a, answers):
    html = get(client, unit_a).content.decode()
    assert "Thừa kế đất không có di chúc" in html
    assert "Đăng ký khai sinh quá hạn" not in html and "Hòa giải ở cơ sở" not in html


def test_the_portal_rolls_up_every_units_answers_and_filters_them(client, province, unit_b, answers):
    html = get(client, province).content.decode()
    for page in answers.values():
        assert page.title in html
    by_field = get(client, province, linh_vuc="dan-su").content.decode()
    assert "Đăng ký khai sinh quá hạn" in by_field and "Thừa kế đất" not in by_field
    by_unit = get(client, province, don_vi=unit_b.code).content.decode()
    assert "Đăng ký khai sinh quá hạn" in by_unit and "Hòa giải ở cơ sở" not in by_unit
    year = answers["a"].date.year
    assert "Thừa kế đất" in get(client, province, nam=year).content.decode()
    assert "Thừa kế đất" not in get(client, province, nam=1999).content.decode()


def test_rss_feed_lists_the_answers(client, province, answers):
    response = get(client, province, QA_PATH + "rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Thừa kế đất không có di chúc" in body and "Hòa giải ở cơ sở" in body


def test_an_answer_page_shows_the_question_and_the_answer_without_contact(client, unit_a, answers):
    response = client.get(answers["a"].url, HTTP_HOST=unit_a.site.hostname)
    html = response.content.decode()
    assert "Chia thừa kế đất thế nào?" in html and "Theo Luật Đất đai năm 2024" in html


@pytest.mark.search
def test_answers_are_found_by_the_site_search_with_their_facets(client, province, answers):
    response = client.get("/api/search/", {"q": "thừa kế di chúc"}, HTTP_HOST=province.site.hostname)
    data = response.json()
    assert any(hit["title"] == "Thừa kế đất không có di chúc" for hit in data["results"])
    content_types = {item["value"] for item in data["facets"]["content_type"]}
    assert "Câu hỏi – trả lời" in content_types
    assert "Đất đai" in {item["value"] for item in data["facets"]["field"]}


def test_articles_the_section_held_before_stay_listed(client, unit_a):
    from home.models import ArticlePage

    article = ArticlePage(title="Bài hỏi đáp cũ trước khi nâng cấp")
    section(unit_a, "qa").add_child(instance=article)
    article.save_revision().publish()
    html = get(client, unit_a).content.decode()
    assert "Bài hỏi đáp cũ trước khi nâng cấp" in html
