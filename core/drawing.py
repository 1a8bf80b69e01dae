"""Fonts for the pictures and PDFs the demo draws (Pillow), shared by the apps."""

import functools

from PIL import ImageFont

BOLD = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
REGULAR = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@functools.cache
def font(size, candidates=REGULAR):
    """The first installed font of ``candidates`` (Debian's DejaVu has Vietnamese
    letters), else Pillow's own, at ``size`` pixels."""
    for path in candidates:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)
