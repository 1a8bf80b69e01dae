"""Topic pages ("chuyên đề", issue 15): any unit creates them under its home,
with a described banner and the pages its editors pick."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import ArticlePage, PortalHomePage, SectionPage, TopicItem, TopicPage, UnitHomePage
from tests.factories import article, section
from tests.home.images import lead_image

pytestmark = pytest.mark.django_db

BANNER_ALT = "Toàn cảnh một khu công nghiệp của tỉnh với nhà xưởng và đường nội bộ"


def home_of(unit):
    return unit.site.root_page.specific


def topic(unit, title, pages, **fields):
    page = TopicPage(title=title, items=[TopicItem(page=p) for p in pages], live=False, **fields)
    home_of(unit).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def get(client, url, unit):
    response = client.get(url, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def test_topic_page_shows_its_picked_pages_newest_shown_date_first(client, unit_a, unit_b):
    first = article(unit_a, title="Chính sách ưu đãi đầu tư năm 2026", date=datetime.date(2026, 3, 1))
    second = article(
        unit_a,
        title="Quyền lợi của công nhân khu công nghiệp",
        date=datetime.date(2026, 9, 1),
        image=lead_image(unit_a.collection),
        image_alt="Công nhân tan ca",
    )
    article(unit_a, title="Tin không được chọn")
    draft = article(unit_a, title="Bản nháp được chọn", publish=False)
    foreign = article(unit_b, title="Tin của xã khác")
    page = topic(
        unit_a,
        "Chính sách đầu tư và khu công nghiệp",
        [first, second, draft, foreign],
        banner=lead_image(unit_a.collection),
        banner_alt=BANNER_ALT,
        intro="<p>Những chính sách nổi bật về đầu tư.</p>",
    )
    html = get(client, page.url, unit_a)
    assert "Những chính sách nổi bật về đầu tư." in html and f'alt="{BANNER_ALT}"' in html
    listing = html[html.index("Bài viết trong chuyên đề") :]
    assert listing.index(second.title) < listing.index(first.title)
    assert 'alt="Công nhân tan ca"' in listing and 'loading="lazy"' in listing
    for hidden in ("Tin không được chọn", draft.title, foreign.title):
        assert hidden not in html


def test_topics_are_listed_on_the_home(client, unit_a):
    page = topic(
        unit_a, "Phòng, chống ma túy", [], banner=lead_image(unit_a.collection), banner_alt=BANNER_ALT
    )
    html = get(client, "/", unit_a)
    block = re.search(r'<section aria-labelledby="chuyen-de">.*?</section>', html, re.S).group(0)
    assert "Chuyên đề" in block and page.title in block and f'alt="{BANNER_ALT}"' in block
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert "Tin tức" in menu and page.title not in menu


def test_topic_page_types_sit_under_homes_only():
    assert TopicPage in UnitHomePage.allowed_subpage_models()
    assert TopicPage in PortalHomePage.allowed_subpage_models()
    assert TopicPage not in SectionPage.allowed_subpage_models()
    assert set(TopicPage.allowed_parent_page_models()) == {UnitHomePage, PortalHomePage}
    assert TopicPage.allowed_subpage_models() == []
    assert ArticlePage not in TopicPage.allowed_subpage_models()


def test_an_editor_creates_a_topic_under_the_unit_home_with_a_described_banner(client, unit_a, editor_a):
    client.force_login(editor_a)
    picked = article(unit_a, title="Tin được chọn")
    url = reverse("wagtailadmin_pages:add", args=["home", "topicpage", home_of(unit_a).pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Chuyên đề Luật Đất đai",
            "slug": "chuyen-de-luat-dat-dai",
            "listing_summary": "",
            "intro": rich_text("<p>Giới thiệu.</p>"),
            "banner": lead_image(unit_a.collection).pk,
            "banner_alt": "",
            "body": streamfield([]),
            "items": inline_formset([{"page": picked.pk}]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hãy mô tả nội dung ảnh cho người khiếm thị" in response.content.decode()
    assert not TopicPage.objects.exists()
    data["banner_alt"] = BANNER_ALT
    response = client.post(url, data)
    assert response.status_code == 302
    created = TopicPage.objects.get(slug="chuyen-de-luat-dat-dai")
    assert created.get_parent().pk == home_of(unit_a).pk
    assert [item.page_id for item in created.get_latest_revision_as_object().items.all()] == [picked.pk]


def test_a_topic_cannot_be_added_under_a_section(client, unit_a, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["home", "topicpage", section(unit_a).pk])
    assert client.get(url).status_code in (302, 403)
