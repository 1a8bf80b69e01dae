"""RSS feeds out (issue 14): a site's newest pages and a section's, plus robots.txt.

Readers and aggregators (the national portal, news apps, the province's main
portal) follow a unit without scraping it. Feed items are built from one query
per page type (``specific()``), never one per item.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.registries import section_page_models
from multisite.lookup import unit_info_for_site

FEED_SIZE = 30
SKIPPED_TYPES = {"home.portalhomepage", "home.unithomepage"}


class VietnameseRss(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


def _listed_pages(queryset):
    """Newest live public pages that are content (not homes or section indexes)."""
    skipped = {label.lower() for label in section_page_models()} | SKIPPED_TYPES
    return (
        queryset.live()
        .public()
        .exclude(content_type__in=_content_types(skipped))
        .specific()
        .order_by("-first_published_at", "-pk")[:FEED_SIZE]
    )


def _content_types(labels):
    from django.contrib.contenttypes.models import ContentType

    pairs = [label.split(".") for label in labels]
    ids = []
    for app_label, model in pairs:
        ids += list(ContentType.objects.filter(app_label=app_label, model=model).values_list("pk", flat=True))
    return ids


class PageFeed(Feed):
    """Shared by the site and section feeds: items are pages."""

    feed_type = VietnameseRss
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        self.request = request
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        return self.scope(request, site, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return (
            getattr(item, "listing_summary", "")
            or getattr(item, "summary", "")
            or item.search_description
            or ""
        )

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class SiteFeed(PageFeed):
    """The newest pages of the site (for a unit: its own site)."""

    def scope(self, request, site):
        return site

    def title(self, site):
        info = unit_info_for_site(site)
        return info["name"] if info else site.site_name

    def link(self, site):
        return site.root_url + "/"

    def description(self, site):
        return _("Tin bài và văn bản mới của %(site)s") % {"site": self.title(site)}

    def items(self, site):
        return _listed_pages(Page.objects.descendant_of(site.root_page))


class SectionFeed(PageFeed):
    """The newest pages of one section of the site (``/rss/<section path>/``)."""

    def scope(self, request, site, path):
        url_path = site.root_page.url_path + path.strip("/") + "/"
        section = Page.objects.live().public().filter(url_path=url_path).first()
        if section is None or not section.path.startswith(site.root_page.path):
            raise Http404
        return section

    def title(self, section):
        info = unit_info_for_site(Site.find_for_request(self.request))
        return f"{section.title} – {info['name']}" if info else section.title

    def link(self, section):
        return section.get_full_url(self.request)

    def description(self, section):
        return _("Bài mới trong chuyên mục %(section)s") % {"section": section.title}

    def items(self, section):
        return _listed_pages(Page.objects.descendant_of(section))


def robots_txt(request):
    """Crawlers may read every public page but the admin, search results and
    APIs; the sitemap of this very site is named."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/",
        "",
        f"Sitemap: {root}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
