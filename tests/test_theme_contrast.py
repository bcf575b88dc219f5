"""The palette meets WCAG 2.1 AA: 4.5:1 for text, 3:1 for focus rings and button borders.

Colours are read from the custom properties in theme/static/css/site.css, so a
change of palette is checked here before anyone reads the site.
"""

import re

import pytest

from sitebuild import ROOT

CSS = ROOT / "theme/static/css/site.css"

# (foreground token, background token, minimum ratio, where the pair is used)
PAIRS = [
    ("--ink", "--paper", 4.5, "body text"),
    ("--muted", "--paper", 4.5, "dates, review line"),
    ("--muted", "--sand", 4.5, "muted text on cards and the medical note"),
    ("--accent", "--paper", 4.5, "links"),
    ("--accent", "--sand", 4.5, "links in the banner and crisis band"),
    ("--accent", "--mist", 4.5, "links in the call-to-action band"),
    ("--accent-strong", "--paper", 4.5, "hovered links"),
    ("--accent-strong", "--sand", 4.5, "crisis line links"),
    ("--accent-ink", "--accent", 4.5, "primary button text"),
    ("--accent-ink", "--accent-strong", 4.5, "hovered primary button text"),
    ("--ink", "--sand", 4.5, "banner and crisis band text"),
    ("--ink", "--mist", 4.5, "call-to-action band text"),
    ("--footer-ink", "--footer-bg", 4.5, "footer text"),
    ("--footer-link", "--footer-bg", 4.5, "footer links"),
    ("--focus", "--paper", 3.0, "focus ring"),
    ("--accent-strong", "--mist", 3.0, "the FAQ's open/close sign"),
    ("--footer-ink", "--footer-bg", 3.0, "focus ring in the footer"),
    ("--accent", "--paper", 3.0, "secondary button border"),
]


def tokens():
    root = re.search(r":root\s*\{(.*?)\}", CSS.read_text(encoding="utf-8"), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\b", root))


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_ratios():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("fg,bg,minimum,use", PAIRS, ids=[p[3] for p in PAIRS])
def test_the_colour_pair_meets_wcag_aa(fg, bg, minimum, use):
    palette = tokens()
    ratio = contrast(palette[fg], palette[bg])
    assert ratio >= minimum, f"{use}: {fg} on {bg} is {ratio:.2f}:1, needs {minimum}:1"


def test_the_stylesheet_uses_no_colour_outside_the_palette_for_text():
    css = CSS.read_text(encoding="utf-8")
    body = css[css.index("}", css.index(":root")) + 1:css.index("@media print")]
    literal = re.findall(r"(?<![\w-])color:\s*(#[0-9a-fA-F]{3,6})", body)
    assert not literal, f"text colours must come from the palette tokens: {literal}"
