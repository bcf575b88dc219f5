"""The `jsonld` Jinja filter: JSON that is safe inside <script type="application/ld+json">."""

import json

from markupsafe import Markup

# Inside a <script> element the HTML parser ends the script at "</script" and
# treats "<!--" specially, whatever the JSON means; escaping these characters as
# JSON unicode escapes changes nothing for a JSON parser.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def jsonld(value):
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _UNSAFE.items():
        text = text.replace(char, escape)
    return Markup(text)
