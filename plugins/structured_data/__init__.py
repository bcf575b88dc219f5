"""schema.org JSON-LD: the practice once per page, and each article or page with its review.

Also gives templates the `jsonld` filter (safe inside <script>), and validates
`Last_reviewed: YYYY-MM-DD` on every build.
"""

from .receivers import register  # noqa: F401
