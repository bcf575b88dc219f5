"""Title, Summary, Subject and Preview are text: HTML in them is shown as written, never run.

A title is read as plain text everywhere it appears: the page's <h1>, the blog
and newsletter lists, <title>, the feeds, JSON-LD and the emails. The value
becomes a synergy.plain_text.Text, which escapes itself once wherever HTML is
made from it, and stays the words themselves wherever a string is needed (an
email's subject line). So `Title: <b>bold</b>` shows "<b>bold</b>", and a
campaign pulled from Mailchimp whose preview text is `<meta http-equiv=
"refresh" ...>` shows that text instead of redirecting the archive. Character
references read as the characters they name (`Caf&eacute;` is "Café").

A Summary in a Markdown file stays Markdown (typographic quotes, *emphasis*),
but its <, > and & are written as text before it is rendered; in any other file
(an issue pulled from Mailchimp) it is a paragraph of plain text. Pelican must
leave Summary lines as written for that: FORMATTED_FIELDS must not list
"summary" (pelicanconf.py sets it empty); a build where it does stops in one line.

A value holding something shaped like a tag is also reported (a strict build
fails on it), in one line naming the file and the field.

Signals: `initialized` (the FORMATTED_FIELDS check), `content_object_init`
(every article, page and newsletter issue, once read).
"""

from .fields import register  # noqa: F401
