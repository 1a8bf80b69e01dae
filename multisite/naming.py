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


def admin_label(unit, parent_name, is_taken):
    """The name the admin shows for a unit's collection or groups: the unit's
    name; on a clash with another unit's (two "Xã An Điền" in two districts) the
    parent unit's name is added, then a number. ``is_taken(label)`` says whether
    another unit's object already uses ``label``."""
    candidates = [unit.name]
    if parent_name:
        candidates.append(f"{unit.name} ({parent_name})")
    for label in candidates:
        if not is_taken(label):
            return label
    number = 2
    while is_taken(f"{candidates[-1]} {number}"):
        number += 1
    return f"{candidates[-1]} {number}"
