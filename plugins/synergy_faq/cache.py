"""FAQ rewrites kept between builds that use the content cache.

Pelican's content cache keeps what the Markdown reader made, not the objects
built from it, so `content_object_init` runs for every file on every build and
each FAQ page would be parsed and rewritten again. The rewrite is a pure
function of the HTML and the two FAQ settings, so its outcome is kept by a
digest of the three (synergy.cache.DigestCache: read in builds that reuse the
cache, written when CACHE_CONTENT is on).
"""

from synergy.cache import DigestCache, digest

from .sections import Question, Section

FILE_NAME = "faq-sections.json"


def key(html, css_class, link_text):
    return digest([("class", css_class), ("link", link_text), ("html", html)])


def encode(html, sections):
    return {"html": html, "sections": [
        {"heading": s.heading, "questions": [[q.id, q.question, q.answer] for q in s.questions]}
        for s in sections]}


def decode(entry):
    sections = [Section(s["heading"], [Question(*q) for q in s["questions"]]) for s in entry["sections"]]
    return entry["html"], sections


def rewrite_cache(settings):
    return DigestCache(settings, FILE_NAME)
