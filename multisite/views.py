"""Admin views of the multisite app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.log_actions import log

from .forms import ProvisionUnitForm
from .provisioning import provision_unit


class ProvisionUnitView(generic.CreateView):
    """Creates a unit through provisioning instead of a bare model save."""

    page_title = _("Thêm đơn vị")
    success_message = _(
        "Đã tạo đơn vị “%(object)s” cùng trang thông tin, chuyên mục, nhóm quyền và quy trình duyệt."
    )
    provision_panel = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("parent"),
            FieldPanel("hostname"),
            FieldPanel("address"),
            FieldPanel("phone"),
            FieldPanel("email"),
            FieldPanel("website"),
        ],
        base_form_class=ProvisionUnitForm,
    )

    def save_instance(self):
        unit = provision_unit(self.form.to_spec()).unit
        log(instance=unit, action="wagtail.create", user=self.request.user)
        return unit
