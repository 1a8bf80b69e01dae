"""Admin dashboard panel telling staff which unit they work for and where its site is."""

from wagtail.admin.ui.components import Component

from .models import UnitSection
from .scoping import user_unit


class MyUnitPanel(Component):
    name = "my_unit"
    template_name = "multisite/panels/my_unit.html"
    order = 50

    def __init__(self, unit):
        self.unit = unit

    def get_context_data(self, parent_context):
        sections = (
            UnitSection.objects.filter(unit=self.unit, page__depth=3)
            .select_related("page")
            .order_by("page__path")
        )
        return {"unit": self.unit, "sections": [s.page for s in sections]}


def panel_for(user):
    unit = user_unit(user)
    return MyUnitPanel(unit) if unit is not None and unit.site_id else None
