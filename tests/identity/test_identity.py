"""Each site's identity: edited by its own unit's administrators, shown on every page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from identity.colours import contrast
from identity.models import SiteIdentity
from tests.factories import article, staff_user
from tests.media import image_in

pytestmark = pytest.mark.django_db


def edit_url(unit):
    return reverse("wagtailsettings:edit", args=["identity", "siteidentity", unit.site_id])


def form_data(**overrides):
    data = {
        "accent_colour": "#0b4f8a",
        "responsible_agency": "Ủy ban nhân dân xã An Phú",
        "responsible_person": "Nguyễn Văn Bình – Chủ tịch UBND xã",
        "address": "Số 1 đường Trần Phú, xã An Phú",
        "phone": "0210 3812 345",
        "email": "ubnd@anphu.example.vn",
        "licence": "Ghi rõ nguồn khi phát hành lại thông tin từ trang này.",
    }
    return {**data, **overrides}


def test_contrast_follows_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == pytest.approx(4.48, abs=0.01)


def test_a_pale_accent_is_refused_with_a_vietnamese_reason(unit_a):
    identity = SiteIdentity.for_site(unit_a.site)
    identity.accent_colour = "#f6c945"
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert "tương phản" in str(error.value.message_dict["accent_colour"])
    identity.accent_colour = "#0b4f8a"
    identity.full_clean()


def test_the_unit_admin_edits_its_own_identity_in_the_admin(client, unit_a, admin_a):
    client.force_login(admin_a)
    response = client.post(edit_url(unit_a), form_data(accent_colour="#ffee00"))
    assert response.status_code == 200
    assert "tương phản" in response.content.decode()
    assert SiteIdentity.for_site(unit_a.site).accent_colour != "#ffee00"

    response = client.post(edit_url(unit_a), form_data())
    assert response.status_code == 302
    identity = SiteIdentity.for_site(unit_a.site)
    assert identity.responsible_person == "Nguyễn Văn Bình – Chủ tịch UBND xã"


def test_no_one_edits_another_units_identity(client, unit_a, unit_b, admin_a, editor_a):
    SiteIdentity.for_site(unit_b.site)
    client.force_login(admin_a)
    assert client.get(edit_url(unit_a)).status_code == 200
    response = client.post(edit_url(unit_b), form_data(responsible_person="Kẻ lạ"))
    assert response.status_code in {302, 403}
    assert SiteIdentity.for_site(unit_b.site).responsible_person != "Kẻ lạ"
    client.force_login(editor_a)
    assert client.get(edit_url(unit_a)).status_code in {302, 403}


def test_a_new_units_admins_may_edit_its_identity(client, province):
    from tests.factories import UnitFactory

    unit = UnitFactory(code="xa-moi-nhan-dien", name="Xã Mới", parent=province)
    client.force_login(staff_user(unit, "admin", "moi.quantri"))
    assert client.get(edit_url(unit)).status_code == 200


def test_every_page_shows_the_responsible_footer_emblem_and_favicon(client, unit_a):
    identity = SiteIdentity.for_site(unit_a.site)
    for field, value in form_data().items():
        setattr(identity, field, value)
    identity.save()
    html = client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in (
        "Nguyễn Văn Bình – Chủ tịch UBND xã",
        "Số 1 đường Trần Phú",
        "0210 3812 345",
        "ubnd@anphu.example.vn",
        "Ghi rõ nguồn",
        "Ủy ban nhân dân xã An Phú",
    ):
        assert text in footer
    assert 'class="site-emblem"' in html
    assert '<link rel="icon"' in html
    assert "--brand: #0b4f8a" in html


def test_without_settings_the_footer_uses_the_units_details(client, unit_a):
    unit_a.address, unit_a.phone = "Thôn Đông, xã An Phú", "0210 1111 222"
    unit_a.save()
    html = client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Thôn Đông, xã An Phú" in footer and "0210 1111 222" in footer
    assert "Ghi rõ nguồn «Xã An Phú»" in footer
    assert "/static/identity/emblem.svg" in html


def test_titles_do_not_repeat_the_sites_name(client, unit_a):
    title = re.search(
        r"<title>(.*?)</title>", client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
    )
    assert title.group(1) == "Xã An Phú"
    page = article(unit_a, title="Tuyên truyền Luật Đất đai")
    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert re.search(r"<title>(.*?)</title>", html).group(1) == "Tuyên truyền Luật Đất đai – Xã An Phú"


def test_pages_have_a_description_and_an_absolute_sharing_image(client, unit_a):
    html = client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
    assert re.search(r'<meta name="description" content="Xã An Phú: [^"]+">', html)
    assert re.search(r'<meta property="og:image" content="http://[^"]+/static/identity/share.png">', html)

    photo = image_in(unit_a.collection, title="Hội nghị tuyên truyền")
    page = article(
        unit_a, title="Hội nghị", image=photo, image_alt="Hội trường xã", listing_summary="Tóm tắt"
    )
    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert re.search(r'<meta property="og:image" content="http://[^"]+\.jpg">', html)
    assert '<meta property="og:image:alt" content="Hội trường xã">' in html
    assert '<meta name="description" content="Tóm tắt">' in html
