"""Public pages of the register: the directory with profiles, and the figures."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.models import BasePage
from core.text import ascii_key
from multisite.lookup import unit_subtree_ids
from multisite.models import Unit

from .register import Person

HOME_PAGE_TYPES = ["home.PortalHomePage", "home.UnitHomePage"]


class UnitScopedPage(BasePage):
    """A section page that reads the register of its unit and the units below it."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = HOME_PAGE_TYPES
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def scope_unit_ids(self):
        info = self.unit_info
        return unit_subtree_ids(info["id"]) if info else []


class DirectoryPage(RoutablePageMixin, UnitScopedPage):
    """ "Báo cáo viên – Tuyên truyền viên": who is recognised in the unit and below it.

    Filters travel in the URL (``?loai=&don_vi=&linh_vuc=&tinh_trang=&q=&trang=``);
    each person has a profile at ``nguoi/<id>/``. Withdrawn people are never shown.
    """

    page_size = 20
    activities_page_size = 20
    template = "reporters/directory_page.html"

    class Meta:
        verbose_name = _("danh sách báo cáo viên, tuyên truyền viên")
        verbose_name_plural = _("danh sách báo cáo viên, tuyên truyền viên")

    def public_people(self):
        return Person.objects.public().filter(unit_id__in=self.scope_unit_ids())

    @path("")
    def directory(self, request):
        from reporters.forms import DirectoryFilterForm

        scope = self.scope_unit_ids()
        units = list(Unit.objects.filter(pk__in=scope).order_by("name").values_list("pk", "name"))
        form = DirectoryFilterForm(request.GET or None, units=units)
        people = self.public_people()
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                people = people.filter(name_key__contains=ascii_key(data["q"]))
            if data["loai"]:
                people = people.filter(kind=data["loai"])
            if data.get("don_vi"):
                people = people.filter(unit_id=data["don_vi"])
            if data["linh_vuc"]:
                people = people.filter(fields__slug=data["linh_vuc"])
            if data["tinh_trang"]:
                people = people.filter(status=data["tinh_trang"])
        elif form.is_bound:
            people = people.none()
        people = people.select_related("unit").prefetch_related("fields").order_by("name_key", "pk")
        page_obj = Paginator(people, self.page_size).get_page(request.GET.get("trang"))
        base_url = self.get_url(request)
        for person in page_obj:
            person.profile_url = base_url + self.reverse_subpage("person", args=[person.pk])
        return self.render(
            request,
            context_overrides={"form": form, "people": page_obj, "show_unit": len(units) > 1},
        )

    @path("nguoi/<int:person_id>/", name="person")
    def person(self, request, person_id):
        person = (
            self.public_people()
            .select_related("unit", "photo")
            .prefetch_related("fields")
            .filter(pk=person_id)
            .first()
        )
        if person is None:
            raise Http404
        activities = person.activities.select_related("material_page").order_by("-date", "-pk")
        page_obj = Paginator(activities, self.activities_page_size).get_page(request.GET.get("trang"))
        return self.render(
            request,
            template="reporters/person_page.html",
            context_overrides={
                "person": person,
                "activities": page_obj,
                "directory_url": self.get_url(request),
            },
        )


class StatisticsPage(UnitScopedPage):
    """ "Số liệu thống kê": the register's figures for the unit and the units below it."""

    template = "reporters/statistics_page.html"

    class Meta:
        verbose_name = _("số liệu thống kê")
        verbose_name_plural = _("số liệu thống kê")

    def declared_blocks(self, info, request):
        """Blocks other apps declare for this page (core.registries.statistics_blocks)."""
        from core.registries import statistics_blocks

        blocks = []
        for block in statistics_blocks:
            block_context = block.context(info, request)
            if block_context is not None:
                blocks.append({"block": block, "context": block_context})
        return blocks

    def get_context(self, request, *args, **kwargs):
        from reporters.figures import figures_for

        context = super().get_context(request, *args, **kwargs)
        info = self.unit_info
        if info is None:
            return context
        context["statistics_blocks"] = self.declared_blocks(info, request)
        figures = figures_for(Unit(pk=info["id"], code=info["code"], name=info["name"]))
        years = [row["year"] for row in figures["activities"]["by_year"]]
        try:
            year = int(request.GET.get("nam", ""))
        except ValueError:
            year = None
        if year not in years:
            year = years[0] if years else datetime.date.today().year
        counts = {
            row["month"].month: row for row in figures["activities"]["by_month"] if row["month"].year == year
        }
        context.update(
            figures=figures,
            years=years,
            year=year,
            months=[
                {
                    "month": month,
                    "count": counts.get(month, {}).get("count", 0),
                    "audience": counts.get(month, {}).get("audience", 0),
                }
                for month in range(1, 13)
            ],
        )
        return context
