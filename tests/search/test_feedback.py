"""The feedback loop: searches that found nothing and results nobody opened,
shown to the Department of Justice with two-click fixes."""

from urllib.parse import urlencode

import pytest
from wagtail.contrib.search_promotions.models import Query

from search.models import DictionaryEntry, QueryFeedback
from tests import factories

from .conftest import api, legal_document, refresh

pytestmark = pytest.mark.django_db

REPORT = "/admin/tim-kiem/phan-hoi/"


@pytest.fixture
def document(unit_a):
    page = legal_document(unit_a, "15/2020/NĐ-CP", "Nghị định về bưu chính viễn thông")
    refresh()
    return page


@pytest.fixture
def province_editor(province):
    return factories.staff_user(province, "editor")


def open_result(client, unit, query):
    """What a browser sends when a result link with ``ping`` is followed."""
    url = "/search/mo/?" + urlencode({"q": query})
    return client.post(url, HTTP_HOST=unit.site.hostname, content_type="text/ping")


def test_a_search_that_finds_nothing_is_counted_and_one_that_finds_is_not(client, unit_a, document):
    api(client, unit_a, "giấy chứng nhận vàng")
    api(client, unit_a, "giấy chứng nhận vàng")
    api(client, unit_a, "bưu chính")
    nothing = QueryFeedback.objects.get(query=Query.get("giấy chứng nhận vàng"))
    assert nothing.zero_results == 2
    assert not QueryFeedback.objects.filter(query=Query.get("bưu chính")).exists()


def test_result_links_ping_and_opening_a_result_is_counted(client, unit_a, document):
    page = client.get("/search/", {"q": "bưu chính"}, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert f'ping="http://{unit_a.site.hostname}/search/mo/?q=b%C6%B0u+ch%C3%ADnh"' in page
    assert open_result(client, unit_a, "bưu chính").status_code == 204
    assert QueryFeedback.objects.get(query=Query.get("bưu chính")).opens == 1
    assert client.get("/search/mo/", {"q": "bưu chính"}, HTTP_HOST=unit_a.site.hostname).status_code == 405
    # A query nobody searched is not created by a ping.
    open_result(client, unit_a, "chưa ai tìm")
    assert not Query.objects.filter(query_string="chưa ai tìm").exists()


def test_the_report_lists_failing_queries_with_two_click_fixes(client, unit_a, document, province_editor):
    for _ in range(3):
        api(client, unit_a, "giấy chứng nhận vàng")
    api(client, unit_a, "bưu chính")  # found, never opened
    assert api(client, unit_a, "viễn thông")["count"] == 1  # found and opened
    assert open_result(client, unit_a, "viễn thông").status_code == 204
    assert QueryFeedback.objects.get(query=Query.get("viễn thông")).opens == 1
    client.force_login(province_editor)

    response = client.get(REPORT)
    assert response.status_code == 200
    rows = {row["query"].query_string: row for row in response.context["rows"]}
    assert set(rows) == {"giấy chứng nhận vàng", "bưu chính"}
    assert (rows["giấy chứng nhận vàng"]["searches"], rows["giấy chứng nhận vàng"]["zero_results"]) == (3, 3)
    html = response.content.decode()
    assert "Thêm vào từ điển" in html and "Từ khóa chưa hiệu quả" in html
    zero_only = client.get(REPORT, {"kind": "zero"}).context["rows"]
    assert [row["query"].query_string for row in zero_only] == ["giấy chứng nhận vàng"]

    # Click 1: the dictionary form, with the query filled in.
    add_url = rows["giấy chứng nhận vàng"]["add_entry_url"]
    form = client.get(add_url)
    assert form.status_code == 200
    assert 'value="giấy chứng nhận vàng"' in form.content.decode()
    # Click 2: save with the words of the law.
    response = client.post(
        add_url,
        {"term": "giấy chứng nhận vàng", "equivalents": "bưu chính", "direction": "two_way", "field": ""},
    )
    assert response.status_code == 302
    assert DictionaryEntry.objects.filter(term="giấy chứng nhận vàng").exists()
    assert api(client, unit_a, "giấy chứng nhận vàng")["count"] == 1


def test_a_system_administrator_also_gets_the_promoted_result_link(client, unit_a, document):
    api(client, unit_a, "giấy chứng nhận vàng")
    admin = factories.SuperUserFactory(username="quan-tri-tim-kiem")
    client.force_login(admin)
    row = client.get(REPORT).context["rows"][0]
    assert row["promote_url"]
    assert client.get(row["promote_url"]).status_code == 200


def test_units_staff_do_not_see_the_report(client, editor_a):
    client.force_login(editor_a)
    assert client.get(REPORT).status_code in (302, 403)
