"""How Vietnamese administrative writing names a unit's bodies.

A commune's or district's People's Committee is "Ủy ban nhân dân xã An Điền"
(the level in lower case inside the name); a department has no People's
Committee of its own: its staff are recognised by the province's.
"""

from .models import UnitKind

LEVEL_WORDS = ("Tỉnh ", "Huyện ", "Thị xã ", "Thành phố ", "Quận ", "Xã ", "Phường ", "Thị trấn ")


def in_sentence(name):
    """A unit's name inside a longer name: the level word in lower case ("xã An Điền");
    a department keeps its capital ("Sở Y tế")."""
    if name.startswith(LEVEL_WORDS):
        return name[:1].lower() + name[1:]
    return name


def committee_name(unit):
    """The People's Committee that governs ``unit`` (departments: the province's)."""
    if unit.kind in {UnitKind.PROVINCE, UnitKind.DEPARTMENT}:
        return "Ủy ban nhân dân tỉnh"
    return f"Ủy ban nhân dân {in_sentence(unit.name)}"
