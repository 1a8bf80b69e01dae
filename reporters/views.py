"""Admin views of the register: Excel import and its template."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from multisite.models import Unit
from multisite.scoping import user_unit_ids

from . import jobs
from .forms import ImportForm
from .importer import COLUMNS, ImportFileError, build_template, count_rows, import_people
from .models import ImportJob, Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_FILENAME = "mau-nhap-bao-cao-vien-tuyen-truyen-vien.xlsx"


def _require_add_permission(user):
    if not ModelPermissionPolicy(Person).user_has_permission(user, "add"):
        raise PermissionDenied


def importable_units(user):
    """Units the user may import into: their own; every unit for system administrators."""
    if user.is_superuser:
        return Unit.objects.order_by("name")
    return Unit.objects.filter(pk__in=user_unit_ids(user)).order_by("name")


def download_template(request):
    _require_add_permission(request.user)
    response = HttpResponse(build_template(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response


class ImportScreenMixin(WagtailAdminTemplateMixin):
    """The import screens: their title and icon, for staff who may add people."""

    page_title = gettext_lazy("Nhập danh sách từ Excel")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_add_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class ImportView(ImportScreenMixin, FormView):
    """Upload an Excel register into one of the user's units and show what happened."""

    form_class = ImportForm
    template_name = "reporters/admin/import.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailsnippets_reporters_person:list"),
                "label": Person._meta.verbose_name_plural,
            },
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": importable_units(self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            columns=COLUMNS,
            template_url=reverse("wagtailsnippets_reporters_person:import_template"),
            list_url=reverse("wagtailsnippets_reporters_person:list"),
            header_title=self.page_title,
        )
        return context

    def form_valid(self, form):
        unit = form.cleaned_data["unit"]
        upload = form.cleaned_data["file"]
        try:
            rows = count_rows(upload)
            if rows > settings.REPORTERS_IMPORT_BACKGROUND_ROWS:
                return self.import_in_background(upload, unit, rows)
            result = import_people(upload, unit, user=self.request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(units=importable_units(self.request.user)), result=result, unit=unit
            )
        )

    def import_in_background(self, upload, unit, rows):
        """Too many rows for one request: the sheet is imported by a job whose page shows progress."""
        if rows > settings.REPORTERS_IMPORT_MAX_ROWS:
            import_people(upload, unit)  # refuses the sheet with its message, writing nothing
        upload.seek(0)
        job = jobs.queue(upload.read(), upload.name, unit, self.request.user)
        return redirect("wagtailsnippets_reporters_person:import_job", job.pk)


class ImportJobView(ImportScreenMixin, TemplateView):
    """The progress, then the result, of a background import (own units only)."""

    model = ImportJob
    template_name = "reporters/admin/import_job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs_visible = ImportJob.objects.select_related("unit")
        if not self.request.user.is_superuser:
            jobs_visible = jobs_visible.filter(unit_id__in=user_unit_ids(self.request.user))
        job = jobs_visible.filter(pk=kwargs["pk"]).first()
        if job is None:
            raise Http404
        context.update(
            job=job,
            header_title=self.page_title,
            list_url=reverse("wagtailsnippets_reporters_person:list"),
            import_url=reverse("wagtailsnippets_reporters_person:import"),
        )
        return context


def import_summary(result):
    return _("Đã thêm %(created)s người, bỏ qua %(existing)s người đã có, %(errors)s dòng lỗi.") % {
        "created": len(result.created),
        "existing": len(result.existing),
        "errors": len(result.errors),
    }
