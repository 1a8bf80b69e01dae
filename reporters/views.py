"""Admin views of the register: Excel import and its template."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from multisite.models import Unit
from multisite.scoping import user_unit_ids

from .forms import ImportForm
from .importer import COLUMNS, ImportFileError, build_template, import_people
from .models import Person

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


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload an Excel register into one of the user's units and show what happened."""

    form_class = ImportForm
    template_name = "reporters/admin/import.html"
    page_title = gettext_lazy("Nhập danh sách từ Excel")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require_add_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

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
        try:
            result = import_people(form.cleaned_data["file"], unit, user=self.request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(units=importable_units(self.request.user)), result=result, unit=unit
            )
        )


def import_summary(result):
    return _("Đã thêm %(created)s người, bỏ qua %(existing)s người đã có, %(errors)s dòng lỗi.") % {
        "created": len(result.created),
        "existing": len(result.existing),
        "errors": len(result.errors),
    }
