"""The practice's details and clinicians, as every page shows them.

- PRACTICE and CLINICIANS (from data/practice.yaml) checked at the start;
- `{booking}`, `{email}`, `{phone}`, `{postal_address}`, a social profile's
  `{instagram}` and a clinician's `{clinician:key}` in content filled in by
  the build; one it does not know is reported, naming the file;
- PRACTICE_PLACEHOLDERS_LEFT: the details still marked `!placeholder`, so
  every page of a build that has any says it is a preview;
- TEAM: the clinicians for the About page, each photo resized (and stripped of
  its metadata) from data/team/.

Settings: PRACTICE, CLINICIANS, PRACTICE_PLACEHOLDERS, TEAM_PHOTO_WIDTH.
Signals: `initialized` (settings, the Markdown extension), `generator_init`
(content cached with other values forgotten), `content_object_init`
(placeholders nobody fills), `all_generators_finalized` (problems reported,
photos, TEAM), `finalized` (what the cached content was filled with).
"""

from .receivers import register  # noqa: F401
