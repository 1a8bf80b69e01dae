"""The demo's own pictures and the portal's demo topic (issue 15, images)."""

import pytest
from PIL import Image as PILImage
from wagtail.images.models import Image

from home.demo_images import PICTURES, demo_picture, draw, picture_fields, seed_topic
from home.models import TopicPage

pytestmark = pytest.mark.django_db


def test_demo_pictures_are_small_jpegs_drawn_once_with_vietnamese_descriptions():
    import io

    for key, (_title, _drawing, alt) in PICTURES.items():
        data = draw(key)
        assert len(data) < 120_000
        assert PILImage.open(io.BytesIO(data)).size == (1200, 675)
        assert len(alt) > 40 and "Hình minh họa" in alt
    first = demo_picture("hoi-nghi")
    assert demo_picture("hoi-nghi").pk == first.pk and Image.objects.filter(title=first.title).count() == 1
    assert first.renditions.count() == 0  # renditions are made when shown, not when seeding
    fields = picture_fields("hoi-nghi")
    assert fields["image"].pk == first.pk and fields["image_alt"] == PICTURES["hoi-nghi"][2]
    assert picture_fields(None) == {}


def test_portal_demo_topic_is_seeded_once_with_its_articles(client, province, unit_a):
    for _round in range(2):
        seed_topic(province, 0)
        seed_topic(unit_a, 1)
    topic = TopicPage.objects.live().get()
    assert topic.get_parent().pk == province.site.root_page_id
    assert topic.banner_id and topic.banner_alt == PICTURES["khu-cong-nghiep"][2]
    html = client.get(topic.url, HTTP_HOST=province.site.hostname).content.decode()
    assert "Những chính sách ưu đãi đầu tư vào các khu công nghiệp của tỉnh" in html
    assert "Quyền lợi bảo hiểm xã hội, bảo hiểm y tế của công nhân khu công nghiệp" in html
    assert topic.title in client.get("/", HTTP_HOST=province.site.hostname).content.decode()
