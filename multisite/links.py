"""The national links every unit's "Liên kết" section starts with (seed 003: links
to the Ministry's portal and the national e-bookcase on every site)."""

NATIONAL_LINKS = (
    ("Cổng thông tin điện tử Bộ Tư pháp", "https://moj.gov.vn/"),
    ("Cổng thông tin điện tử Phổ biến, giáo dục pháp luật quốc gia", "https://pbgdpl.gov.vn/"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/"),
    ("Tủ sách pháp luật điện tử quốc gia", "https://tusachphapluat.vn/"),
)


def add_national_links(unit_ids, link_model):
    """Give each unit the national links it does not have yet (by address); idempotent.
    ``link_model`` is UnitLink, or its historical model in a migration."""
    have = set(link_model.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "url"))
    link_model.objects.bulk_create(
        [
            link_model(unit_id=unit_id, title=title, url=url, sort_order=position)
            for unit_id in unit_ids
            for position, (title, url) in enumerate(NATIONAL_LINKS, start=1)
            if (unit_id, url) not in have
        ]
    )
