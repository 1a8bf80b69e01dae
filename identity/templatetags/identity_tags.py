"""The current site's identity for the public templates (header, footer, head)."""

from dataclasses import dataclass

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..models import DEFAULT_ACCENT, SiteIdentity

register = template.Library()


@dataclass
class Identity:
    """What a page shows of its site's identity, with the fallbacks applied."""

    emblem_url: str
    emblem_alt: str
    banner_url: str
    favicon_url: str
    favicon_png_url: str
    share_image_url: str
    accent: str
    accent_dark: str
    agency: str
    person: str
    address: str
    phone: str
    email: str
    licence: str

    @property
    def custom_accent(self):
        return self.accent.lower() != DEFAULT_ACCENT


def _rendition(image, spec):
    return image.get_rendition(spec).url if image else ""


def identity_for(request, unit=None):
    site = Site.find_for_request(request) if request is not None else None
    settings = SiteIdentity.for_site(site) if site is not None else SiteIdentity(accent_colour=DEFAULT_ACCENT)
    name = unit.name if unit else ""
    return Identity(
        emblem_url=_rendition(settings.emblem, "height-128") or static("identity/emblem.svg"),
        emblem_alt=_("Biểu trưng %(name)s") % {"name": name} if name else _("Biểu trưng"),
        banner_url=_rendition(settings.banner, "fill-1600x240|format-webp"),
        favicon_url=_rendition(settings.favicon, "fill-32x32|format-png") or static("identity/favicon.svg"),
        favicon_png_url=_rendition(settings.favicon, "fill-180x180|format-png")
        or static("identity/emblem-180.png"),
        share_image_url=_rendition(settings.share_image, "fill-1200x630|format-jpeg")
        or static("identity/share.png"),
        accent=settings.accent_colour or DEFAULT_ACCENT,
        accent_dark=settings.accent_dark if settings.accent_colour else "#7a0f12",
        agency=settings.responsible_agency or name,
        person=settings.responsible_person,
        address=settings.address or (unit.address if unit else ""),
        phone=settings.phone or (unit.phone if unit else ""),
        email=settings.email or (unit.email if unit else ""),
        licence=settings.licence
        or (
            _("Ghi rõ nguồn «%(name)s» khi phát hành lại thông tin từ trang này.") % {"name": name}
            if name
            else ""
        ),
    )


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The identity of the request's site, computed once per request."""
    request = context.get("request")
    cached = getattr(request, "_site_identity", None)
    if cached is None:
        cached = identity_for(request, context.get("current_unit"))
        if request is not None:
            request._site_identity = cached
    return cached


@register.simple_tag(takes_context=True)
def fullurl_of(context, url):
    """``url`` made absolute on the request's host (OpenGraph wants absolute image URLs)."""
    request = context.get("request")
    if not url or request is None or "://" in url:
        return url
    return request.build_absolute_uri(url)
