"""schema.org JSON-LD: the practice once per page, and each article or page with its review.

Also gives templates the `jsonld` filter (safe inside <script>), and validates
`Last_reviewed: YYYY-MM-DD` on every build.

Settings: PRACTICE (checked; its item becomes PRACTICE_JSONLD). Signals:
`initialized`, `generator_init` (the filter), `all_generators_finalized`
(each article's and page's item).
"""

from .receivers import register  # noqa: F401
