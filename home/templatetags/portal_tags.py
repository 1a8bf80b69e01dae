"""Template tags for the public pages."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from wagtail.models import Site

from core.cache import content_version

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The current site's top-level sections (cached until content changes)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    key = f"home:menu:{site.pk}:{content_version()}"
    items = cache.get(key)
    if items is None:
        items = [
            {
                "title": page.title,
                "url": page.get_url(request),
                "path": page.path,
                "path_len": f":{len(page.path)}",
            }
            for page in site.root_page.get_children().live().in_menu().only("id", "title", "path", "url_path")
        ]
        cache.set(key, items, 3600)
    return items


@register.simple_tag(takes_context=True)
def render_home_block(context, block, data):
    """A block a feature app declared for the home pages, with its own context."""
    return render_to_string(block.template, data, request=context.get("request"))
