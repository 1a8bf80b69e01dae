"""Labels of the admin that Wagtail builds from stored English text."""

from django import template
from django.conf import settings
from django.utils.translation import gettext

register = template.Library()


@register.filter
def permission_label(label):
    """ "Wagtail core | page | Can add page" → the translated permission name alone."""
    return gettext(str(label).split(" | ")[-1].strip())


@register.simple_tag
def portal_name():
    return settings.WAGTAIL_SITE_NAME
