"""Lead images (issue 15, images): responsive WebP renditions with a JPEG
fallback, lazy and without layout shift, described for blind readers, in the
article and in every list, read without a query per item; alt text required."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import ArticlePage
from tests.factories import article, section
from tests.home.images import lead_image

pytestmark = pytest.mark.django_db

ALT = "Đại biểu dự hội nghị phổ biến Luật Đất đai tại hội trường Ủy ban nhân dân xã"


def get(client, url, unit):
    response = client.get(url, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def assert_responsive(picture, alt=ALT, lazy=True):
    """WebP source with a width-described srcset and sizes; a JPEG fallback
    with its size (no layout shift), lazy (in lists: the article's own picture is the
    largest thing on its first screen, asked for at once), async, and the editor's description."""
    source = re.search(r"<source[^>]*>", picture).group(0)
    assert 'type="image/webp"' in source and "sizes=" in source
    assert len(re.findall(r"\.webp \d+w", source)) >= 2
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'decoding="async"' in img
    if lazy:
        assert 'loading="lazy"' in img
    else:
        assert "loading=" not in img and 'fetchpriority="high"' in img
    assert f'alt="{alt}"' in img


def test_article_page_shows_a_responsive_described_lead_image(client, unit_a):
    page = article(
        unit_a, title="Hội nghị phổ biến Luật Đất đai", image=lead_image(unit_a.collection), image_alt=ALT
    )
    found = pictures(get(client, page.url, unit_a))
    assert len(found) == 1
    assert_responsive(found[0], lazy=False)
    assert re.search(r"\.webp 1200w", found[0])


def test_section_list_and_unit_home_show_the_lead_images(client, unit_a):
    image = lead_image(unit_a.collection)
    article(unit_a, title="Tin có ảnh", image=image, image_alt=ALT)
    article(unit_a, title="Tin không có ảnh")
    html = get(client, section(unit_a).url, unit_a)
    found = pictures(html)
    assert len(found) == 1 and "Tin không có ảnh" in html
    assert_responsive(found[0])
    home = get(client, "/", unit_a)
    assert any(ALT in picture for picture in pictures(home))
    for picture in pictures(home):
        assert_responsive(picture)


def test_portal_lists_show_units_images(client, province, unit_a):
    article(unit_a, title="Tin của xã có ảnh", image=lead_image(unit_a.collection), image_alt=ALT)
    html = get(client, "/", province)
    assert_responsive(next(picture for picture in pictures(html) if ALT in picture))
    whole = get(client, section(province).url + "?pham-vi=ca-tinh", province)
    assert_responsive(pictures(whole)[0])


def count_queries(client, url, unit):
    get(client, url, unit)  # renditions made once, then reused
    with CaptureQueriesContext(connection) as queries:
        get(client, url, unit)
    return len(queries)


@pytest.mark.parametrize("where", ["section", "home", "portal", "province_view"])
def test_lists_read_images_in_a_fixed_number_of_queries(client, province, unit_a, where):
    image = lead_image(unit_a.collection, size=(480, 320))
    unit, url = {
        "section": (unit_a, section(unit_a).url),
        "home": (unit_a, "/"),
        "portal": (province, "/"),
        "province_view": (province, section(province).url + "?pham-vi=ca-tinh"),
    }[where]

    def add(count):
        for number in range(count):
            other = (
                lead_image(unit_a.collection, title=f"Ảnh {number}", size=(480, 320)) if number % 2 else image
            )
            article(unit_a, title=f"Tin {number}", image=other, image_alt=ALT, featured=True)

    add(2)
    few = count_queries(client, url, unit)
    add(4)
    more = count_queries(client, url, unit)
    assert more == few
    assert few <= 40


def test_admin_refuses_a_lead_image_without_its_description(client, unit_a, editor_a):
    page = article(unit_a, title="Tin chưa có ảnh")
    revisions = page.revisions.count()
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Tin đã thêm ảnh",
            "slug": page.slug,
            "date": "2026-11-01",
            "listing_summary": "",
            "image": lead_image(unit_a.collection).pk,
            "image_alt": "  ",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Hãy mô tả nội dung ảnh cho người khiếm thị" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.revisions.count() == revisions
    assert page.title == "Tin chưa có ảnh" and page.image_id is None
    assert page.get_latest_revision_as_object().image_id is None
    # With its description the same change is saved.
    data["image_alt"] = ALT
    response = client.post(url, data)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().image_alt == ALT


def test_a_revision_saved_before_the_rule_still_publishes(unit_a):
    """The rule is the admin form's: a workflow or a schedule publishing an older
    revision with an undescribed image must not fail."""
    page = article(unit_a, title="Tin cũ có ảnh", image=lead_image(unit_a.collection), image_alt="")
    assert page.live and page.image_id
