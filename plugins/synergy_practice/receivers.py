"""Pelican signal receivers: settings and the Markdown extension, placeholders, photos, TEAM."""

import logging
import os
import re

from pelican import signals

from synergy import placeholders, problems, settings
from synergy.errors import SettingsError
from synergy.plugin import connect, published
from synergy.practice import check, clinicians, fill, golive

from . import photos

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CLINICIANS": {},
    "PRACTICE_PLACEHOLDERS": [],
    # Photos are shown at up to 160 CSS pixels: twice that stays sharp on phones.
    "TEAM_PHOTO_WIDTH": 320,
}
_filling = placeholders.Filling("practice")


def check_settings(pelican):
    """At `initialized`: the details checked, placeholders filled from here on."""
    config = pelican.settings
    values = settings.resolve(config, DEFAULTS)
    check.practice(config)
    check.clinicians(config)
    settings.whole_number(values, "TEAM_PHOTO_WIDTH", minimum=1, example=320)
    marks = values["PRACTICE_PLACEHOLDERS"]
    if not isinstance(marks, list) or not all(isinstance(m, dict) and {"setting", "keys", "value"} <= set(m)
                                              for m in marks):
        raise SettingsError(
            "PRACTICE_PLACEHOLDERS", "is not the list data/practice.yaml gives",
            "leave it to pelicanconf.py (PRACTICE_PLACEHOLDERS = _details.placeholders())")
    config.update(values)
    digits = re.sub(r"\D", "", config["PRACTICE"].get("phone") or "").removeprefix("1")
    config["PRACTICE_TEL"] = f"+1{digits}" if digits else ""
    config["PRACTICE_PLACEHOLDERS_LEFT"] = [mark.get("name", mark["setting"]) for mark in golive.left(config)]
    _filling.start(config, fill.values(config))



def find_unfilled(content):
    """At `content_object_init`: placeholders left in the text, kept to report later.

    Reported at `all_generators_finalized`, for what is published only: an
    unfinished draft must not stop the site.
    """
    html = getattr(content, "_content", None) or ""
    left = placeholders.unfilled(html, fill.owns)
    content.placeholder_problems = [fill.problem(name, _filling.values or {}).text for name in left]
    if left:
        content._content = placeholders.disarm(html, left)


def finish(generators):
    """At `all_generators_finalized`: report placeholders; publish the team's photos as TEAM."""
    generator = generators[0]
    config = generator.settings
    for content in published(generators):
        for problem in getattr(content, "placeholder_problems", ()):
            problems.report(logger, config, content.source_path, problem)
    cache_dir = os.path.join(config.get("CACHE_PATH", "cache"), "team-photos")
    team = []
    for key, person in config["CLINICIANS"].items():
        photo = None
        if person.get("photo"):
            photo = photos.publish(key, person["photo"], config["TEAM_PHOTO_WIDTH"], cache_dir,
                                   generator.output_path)
        team.append({**person, "key": key, "anchor": clinicians.anchor(key), "photo": photo})
    generator.context["TEAM"] = team


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_object_init, find_unfilled)
    connect(signals.all_generators_finalized, finish)
    _filling.connect()
