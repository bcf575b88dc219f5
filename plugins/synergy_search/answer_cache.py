"""The FAQ answers found on each built page, kept between builds that use the content cache.

Finding them parses every page that holds a <details>, and an editor's rebuild
after one edit writes those pages again byte for byte. The answers are a pure
function of the page's path, its HTML and the search settings, so they are
looked up by a digest of all three (synergy.cache.DigestCache: read in builds
that reuse the cache, written when CACHE_CONTENT is on).
"""

import json

from synergy.cache import DigestCache, digest

FILE_NAME = "search-faq-answers.json"


class AnswerCache:
    def __init__(self, settings, faq_selector, ignore_selectors):
        self.cache = DigestCache(settings, FILE_NAME)
        self.config_key = json.dumps([faq_selector, list(ignore_selectors)])

    def answers(self, rel_path, html, find):
        """find(rel_path, html), or what it gave for exactly this page in the last build."""
        key = digest([("config", self.config_key), ("path", rel_path), ("html", html)])
        return self.cache.get_or_make(key, lambda: find(rel_path, html))

    def save(self):
        self.cache.save()
