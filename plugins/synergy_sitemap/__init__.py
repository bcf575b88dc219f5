"""For search engines: sitemap.xml dated by the content, and robots.txt naming it.

pelican-sitemap dates every page without a date of its own, and every list,
with the time of the build, so each deploy told search engines that every such
page had changed. Here a page's <lastmod> is its `Modified:` date, else its
published date; a list's is its newest post's; a page with neither has none
(the protocol makes it optional). The same content gives the same sitemap.

robots.txt stays the editors' file (content/extra/robots.txt); the build adds
`Sitemap: <absolute URL of sitemap.xml>` to the copy it publishes.

Settings: SITEMAP_EXCLUDE (regular expressions searched in each page's URL, no
leading slash). Signals: `initialized` (settings), `content_written` (each
page as it is written), `finalized` (both files).
"""

from .receivers import register  # noqa: F401
