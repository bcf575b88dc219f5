"""Share images: a 1200 × 630 PNG for every page, for the picture a shared link shows.

Facebook, Instagram's link stickers, LinkedIn and messaging apps show a page's
`og:image` when someone shares it. Each page gets one drawn at build time from
its title, the practice's name and the site's palette (read from site.css), in
a local font (DejaVu Sans Bold, or SHARE_IMAGES_FONT). Nothing is fetched and
no page loads the image: only the meta tags name it.

Templates call `share_image(title)` (partials/meta.html does, for every page);
it returns the image's path, size and alt text at once and the image is drawn
at the end of the build. Each drawing is kept in the cache folder under a
digest of everything it shows (title, site name, colours, font, drawing code),
so a rebuild draws only the pages whose title changed and copies the rest.

Settings: SHARE_IMAGES_OUTPUT ("share", the folder in the output),
SHARE_IMAGES_FONT ("" = DejaVu Sans Bold, found with fontconfig or at Debian's
path). Signals: `initialized` (settings and font, checked), `generator_init`
(the template function), `finalized` (the images drawn or copied).
"""

from .plugin import register  # noqa: F401
