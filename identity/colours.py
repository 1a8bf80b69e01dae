"""WCAG 2 contrast of colours, for the accent each site chooses."""

import re

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# Text on the accent (white) and the accent as text on the page (white), WCAG AA.
MINIMUM_CONTRAST = 4.5


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour):
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(hex_colour, factor=0.75):
    """The colour with each channel scaled down (hover states, the menu bar)."""
    channels = (int(int(hex_colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return "#" + "".join(f"{value:02x}" for value in channels)
