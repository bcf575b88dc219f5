"""The toolkit's own settings, read once with defaults and checked at `initialized`."""

import os
from dataclasses import dataclass

from synergy import settings as checks
from synergy.errors import SettingsError

DEFAULTS = {
    # The toolkit's Markdown, relative to the content folder (PATH).
    "TOOLKIT_SOURCE": "toolkit/wellness-toolkit.md",
    # Where the PDF is written in the output, which is also its URL.
    "TOOLKIT_PDF_SAVE_AS": "toolkit/wellness-toolkit.pdf",
    # The PDF's own templates and print CSS; empty means <THEME>/print.
    "TOOLKIT_PRINT_PATH": "",
}


@dataclass(frozen=True)
class ToolkitSettings:
    source: str       # absolute path of the Markdown source
    save_as: str      # output-relative path of the PDF (and its URL)
    print_path: str   # folder holding toolkit.html and toolkit.css
    cache_dir: str    # where the last render and its fingerprint are kept


def read(settings):
    """The toolkit settings (defaults written back), or SettingsError naming what to fix."""
    values = checks.resolve(settings, DEFAULTS)
    for name in DEFAULTS:
        if not isinstance(values[name], str):
            raise SettingsError(name, f"{values[name]!r} is not a path", f"set it to a path such as {DEFAULTS[name]!r}")
    content = os.path.abspath(settings.get("PATH", "content"))
    print_path = values["TOOLKIT_PRINT_PATH"] or os.path.join(settings["THEME"], "print")
    print_path = os.path.abspath(print_path)
    for name in ("toolkit.html", "toolkit.css"):
        if not os.path.isfile(os.path.join(print_path, name)):
            raise SettingsError(
                "TOOLKIT_PRINT_PATH", f"{os.path.join(print_path, name)} does not exist",
                "point TOOLKIT_PRINT_PATH at the folder with the PDF's toolkit.html and toolkit.css")
    save_as = str(values["TOOLKIT_PDF_SAVE_AS"]).strip().lstrip("/")
    if not save_as.endswith(".pdf"):
        raise SettingsError("TOOLKIT_PDF_SAVE_AS", f"'{save_as}' is not a .pdf path",
                            "use a path such as toolkit/wellness-toolkit.pdf")
    return ToolkitSettings(
        source=os.path.join(content, values["TOOLKIT_SOURCE"]),
        save_as=save_as,
        print_path=print_path,
        cache_dir=os.path.join(os.path.abspath(settings.get("CACHE_PATH", "cache")), "toolkit_pdf"),
    )
