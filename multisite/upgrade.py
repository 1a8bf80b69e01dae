"""Bring already-provisioned units up to date with the registered sections.

A feature app added after a unit was provisioned declares its sections in
``core.registries.sections``; ``upgrade_sections`` gives every existing unit
the sections it lacks and converts sections that got a page type of their own
(a plain ``home.SectionPage`` becomes, say, the legal documents index) in
place. Each app's data migration may convert its own section on ``migrate``
with :func:`multisite.provisioning.upgrade_section_pages`; this module does it
for every section at once (``manage.py upgrade_sections``, ``seed_demo``) and
re-indexes the pages it touched. Idempotent.
"""

from django.db import transaction
from wagtail.models import Page
from wagtail.search import index

from core.registries import iter_sections

from .models import Unit, UnitSection
from .provisioning import create_missing_sections, upgrade_section_pages


def upgrade_sections():
    """Add missing sections and convert out-of-date ones; returns the UnitSections touched."""
    with transaction.atomic():
        created = []
        for unit in Unit.objects.filter(site__isnull=False).select_related("site__root_page"):
            created += create_missing_sections(unit, unit.site.root_page)
        changed_keys = [
            spec.key for spec in iter_sections() if upgrade_section_pages(spec.key, spec.page_model)
        ]
    touched = {row.pk for row in created}
    touched.update(UnitSection.objects.filter(key__in=changed_keys).values_list("pk", flat=True))
    rows = list(UnitSection.objects.filter(pk__in=touched).select_related("unit", "page"))
    for page in Page.objects.filter(pk__in=[row.page_id for row in rows]).specific():
        index.insert_or_update_object(page)
    return rows
