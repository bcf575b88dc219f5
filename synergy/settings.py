"""Reading a plugin's settings: defaults, checks, and the resolved values written back.

A plugin reads its settings once, at `initialized`:

    values = settings.resolve(pelican.settings, DEFAULTS)   # defaults written back
    settings.whole_number(values, "RELATED_POSTS_MAX", minimum=0, example="3")

Writing the resolved values back into Pelican's settings means templates see
every setting with its value and never need `| default(...)`. Each check raises
SettingsError(name, what is wrong, what to do), which the boundary prints as
`settings: NAME: what is wrong -- what to do`.
"""

import copy
import os
import re
from urllib.parse import urlparse

import yaml

from .errors import SettingsError
from .words import NO, YES


def environment(name, default=""):
    """An environment variable, or the default when it is unset or empty.

    CI passes a secret that was never set as an empty string: it means "not set".
    """
    value = os.environ.get(name, "")
    return value if value.strip() else default


def resolve(settings, defaults):
    """Fill in each default the settings lack and return {name: value} for those names."""
    for name, default in defaults.items():
        if name not in settings:
            settings[name] = copy.deepcopy(default)
    return {name: settings[name] for name in defaults}


def text(values, name, *, example):
    """A non-empty string (surrounding spaces removed)."""
    value = values[name]
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(name, f"{value!r} is not a non-empty text",
                            f"set it to text such as {example!r}")
    values[name] = value.strip()
    return values[name]


def whole_number(values, name, *, minimum=0, example):
    """A whole number no smaller than minimum; a string of digits is read as one."""
    value = values[name]
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        bound = "0 or more" if minimum == 0 else f"{minimum} or more"
        raise SettingsError(name, f"{values[name]!r} is not a whole number, {bound}",
                            f"set it to a whole number such as {example}")
    values[name] = value
    return value


def whole_number_setting(settings, name, default, *, minimum=0):
    """A plugin's one whole-number setting: default written back, checked, returned."""
    values = resolve(settings, {name: default})
    settings[name] = whole_number(values, name, minimum=minimum, example=default)
    return settings[name]


def number(values, name, *, minimum=0.0, example):
    """A number (int or float) no smaller than minimum."""
    value = values[name]
    try:
        value = float(value)
    except (TypeError, ValueError):
        value = None
    if value is None or isinstance(values[name], bool) or value < minimum:
        raise SettingsError(name, f"{values[name]!r} is not a number, {minimum:g} or more",
                            f"set it to a number such as {example}")
    values[name] = value
    return value


def strings(values, name, *, example):
    """A list of non-empty strings."""
    value = values[name]
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(
            isinstance(item, str) and item.strip() for item in value):
        raise SettingsError(name, f"{value!r} is not a list of non-empty texts",
                            f"set it to a list such as {example}")
    values[name] = list(value)
    return values[name]


def yes_or_no(values, name):
    """True or False, also from the words of an environment variable ('yes', '0', ...)."""
    value = values[name]
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in YES:
        values[name] = True
    elif word in NO or word == "":
        values[name] = False
    else:
        raise SettingsError(name, f"{value!r} is not yes or no", "set it to True or False")
    return values[name]


def absolute_url(values, name, *, example):
    """An http(s) URL with a host."""
    value = str(values[name] or "").strip()
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError(name, f"{value!r} is not an absolute URL",
                            f"set it to a full address such as {example}")
    values[name] = value
    return value


def pattern(values, name, shape, *, meaning, allow_empty=False):
    """Text matching a regular expression; `meaning` says in words what it should be."""
    value = str(values[name] if values[name] is not None else "").strip()
    if allow_empty and not value:
        values[name] = ""
        return ""
    if not re.fullmatch(shape, value):
        raise SettingsError(name, f"{value!r} is not valid",
                            f"set it to {meaning} (in pelicanconf.py or the environment "
                            "variable of the same name)")
    values[name] = value
    return value


def data_file(path, loader=yaml.SafeLoader):
    """The YAML in one of data/'s files; a SettingsError naming it (data/x.yaml) when it cannot be read."""
    shown = os.path.join(os.path.basename(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)
    except FileNotFoundError:
        raise SettingsError(shown, "not found", "restore it from git") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SettingsError(shown, f"{where}{what}", "fix the YAML (compare with the lines around it)") from None
