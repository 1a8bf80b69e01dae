"""Bring already-provisioned units up to date with sections.py.

When an app gives a standard section its own page type (``page_model``), units
provisioned before still have a plain ``home.SectionPage`` there. The section
is converted in place: same page id, URL, children, permissions and history;
only its type changes. Idempotent: a section already of the right type is left
alone.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.deletion import Collector
from wagtail.models import Page
from wagtail.search import index
from wagtail.signal_handlers import disable_reference_index_auto_update

from .models import UnitSection
from .sections import iter_sections

CONVERTIBLE = "home.SectionPage"


def sections_to_upgrade(units=None):
    """(UnitSection, target model) pairs whose page is a plain section but should not be."""
    wanted = {spec.key: spec.page_model for spec in iter_sections() if spec.page_model != CONVERTIBLE}
    if not wanted:
        return []
    section_type = ContentType.objects.get_by_natural_key(*CONVERTIBLE.lower().split("."))
    rows = UnitSection.objects.filter(key__in=wanted, page__content_type=section_type).select_related("unit")
    if units is not None:
        rows = rows.filter(unit__in=units)
    return [(row, apps.get_model(wanted[row.key])) for row in rows]


def convert_page(page_id, model):
    """Change a SectionPage into ``model`` in place, keeping the fields both share."""
    with transaction.atomic():
        old = Page.objects.get(pk=page_id).specific
        shared = {
            f.attname: getattr(old, f.attname)
            for f in model._meta.concrete_fields
            if f.model is model and not f.primary_key and hasattr(old, f.attname)
        }
        # Only the old type's own row goes; references to the page stay indexed.
        with disable_reference_index_auto_update():
            collector = Collector(using="default")
            collector.collect([old], keep_parents=True)
            collector.delete()
        new = model(page_ptr_id=page_id, **shared)
        new.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=page_id).update(content_type=ContentType.objects.get_for_model(model))
        page = Page.objects.get(pk=page_id).specific
    index.insert_or_update_object(page)
    return page


def upgrade_sections(units=None):
    """Convert every out-of-date standard section; returns the UnitSections changed."""
    changed = []
    for row, model in sections_to_upgrade(units):
        convert_page(row.page_id, model)
        changed.append(row)
    return changed
