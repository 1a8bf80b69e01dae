"""How Vietnamese administrative writing names a unit's bodies.

A commune's or district's People's Committee is "Ủy ban nhân dân xã An Điền"
(the level in lower case inside the name); a department has no People's
Committee of its own: its staff are recognised by the province's.
"""

from .models import UnitKind


def in_sentence(name):
    """ "Xã An Điền" → "xã An Điền": a unit's name inside a longer name."""
    return name[:1].lower() + name[1:] if name else name


def committee_name(unit):
    """The People's Committee that governs ``unit`` (departments: the province's)."""
    if unit.kind in {UnitKind.PROVINCE, UnitKind.DEPARTMENT}:
        return "Ủy ban nhân dân tỉnh"
    return f"Ủy ban nhân dân {in_sentence(unit.name)}"
