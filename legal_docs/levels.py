"""The level of an issuing body guessed from its name ("Quốc hội" → central,
"Ủy ban nhân dân tỉnh" → provincial …), for bodies nobody has classified yet:
imports and the repository migration use it; an administrator can correct a
body's level in the admin, and that wins from then on."""

import re

from core.text import fold

CENTRAL = re.compile(
    r"^(quoc hoi|uy ban thuong vu quoc hoi|chinh phu|thu tuong|chu tich nuoc|bo |bo$|"
    r"toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|kiem toan nha nuoc|"
    r"hoi dong tham phan|ngan hang nha nuoc|van phong chinh phu|thanh tra chinh phu|"
    r"hoi dong bau cu quoc gia|uy ban trung uong)"
)
COMMUNE = re.compile(r"(?<!thi )\bxa\b|\bphuong\b|\bthi tran\b")
DISTRICT = re.compile(r"\bhuyen\b|\bthi xa\b|\bquan\b|\bthanh pho .* thuoc tinh\b")
PROVINCIAL = re.compile(r"\btinh\b|\bthanh pho truc thuoc trung uong\b|^so |^ban .* tinh")


def level_of_body_name(name):
    """ "central", "provincial", "district", "commune", or "" when the name says nothing."""
    text = " ".join(fold(name).split())
    if CENTRAL.search(text):
        return "central"
    if COMMUNE.search(text):
        return "commune"
    if DISTRICT.search(text):
        return "district"
    if PROVINCIAL.search(text):
        return "provincial"
    return ""
