"""The site's colours, read from the custom properties of its stylesheet.

Whatever else the build draws in the site's colours (the toolkit PDF, the share
images) reads them from theme/static/css/site.css, so a change of palette there
reaches everything at the next build.
"""

import os
import re

ROOT_BLOCK = re.compile(r":root\s*\{(.*?)\}", re.S)
TOKEN = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;")


def site_colours(theme_path, names):
    """{name: hex colour}, in the stylesheet's order, for each of `names` its :root block defines.

    Names are given without the leading `--`; a name the stylesheet lacks (or a
    stylesheet that is missing) is simply left out.
    """
    css_path = os.path.join(theme_path, "static", "css", "site.css")
    try:
        with open(css_path, encoding="utf-8") as handle:
            css = handle.read()
    except OSError:
        return {}
    root = ROOT_BLOCK.search(css)
    wanted = set(names)
    return {name: value for name, value in TOKEN.findall(root.group(1)) if name in wanted} if root else {}
