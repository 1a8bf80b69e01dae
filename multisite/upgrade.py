"""Bring already-provisioned units up to date with sections.py.

When an app gives a standard section its own page type (``page_model``), units
provisioned before still have a plain ``home.SectionPage`` there. Each app's
data migration converts its sections on ``migrate`` with
:func:`multisite.provisioning.upgrade_section_pages`; this module runs the same
conversion for every section at once (``manage.py upgrade_sections``,
``seed_demo``) and re-indexes the converted pages. Idempotent.
"""

from wagtail.models import Page
from wagtail.search import index

from .models import UnitSection
from .provisioning import upgrade_section_pages
from .sections import iter_sections


def upgrade_sections():
    """Convert every out-of-date standard section; returns the UnitSections changed."""
    changed_keys = [spec.key for spec in iter_sections() if upgrade_section_pages(spec.key, spec.page_model)]
    rows = list(UnitSection.objects.filter(key__in=changed_keys).select_related("unit", "page"))
    for page in Page.objects.filter(pk__in=[row.page_id for row in rows]).specific():
        index.insert_or_update_object(page)
    return rows
