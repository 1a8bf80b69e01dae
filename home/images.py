"""Lead images in lists without a query per item: the images of a whole list,
with every rendition already made of them, are read in two queries
(Wagtail's ``prefetch_renditions``); the templates' ``{% picture %}`` then
finds its renditions among them."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def images_with_renditions():
    return get_image_model().objects.prefetch_renditions()


def attach_lead_images(pages, field="image"):
    """Prefetch ``field`` (an image foreign key) with its renditions on the
    pages of a list (a list, a queryset or a paginator page) that have one."""
    if hasattr(pages, "object_list"):
        pages.object_list = list(pages.object_list)
        pages = pages.object_list
    by_type = {}
    for page in pages:
        if getattr(page, f"{field}_id", None):
            by_type.setdefault(type(page), []).append(page)
    for instances in by_type.values():
        prefetch_related_objects(instances, Prefetch(field, queryset=images_with_renditions()))
    return pages


def attach_item_images(items):
    """Copies of the cached list items (dicts with ``image_id``) with their
    ``image`` read, renditions included, in one go."""
    ids = {item["image_id"] for item in items if item.get("image_id")}
    images = images_with_renditions().in_bulk(ids) if ids else {}
    return [{**item, "image": images.get(item.get("image_id"))} for item in items]
