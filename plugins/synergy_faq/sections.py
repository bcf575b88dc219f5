"""Find FAQ sections in rendered HTML and turn each question into a <details> widget."""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown.extensions.toc import slugify

from synergy import catalogue
from synergy.errors import FaqError

HEADING = re.compile(r"^h([1-6])$")


@dataclass
class Question:
    id: str
    question: str   # visible text of the question, whitespace-normalised
    answer: str     # visible text of the answer, whitespace-normalised


@dataclass
class Section:
    heading: str
    questions: list = field(default_factory=list)


def visible_text(tag):
    """Text as a reader sees it, with runs of whitespace collapsed to one space.

    The FAQPage JSON-LD and the tests both use this, so the structured data and
    the page can be compared exactly.
    """
    return " ".join(tag.get_text().split())


def heading_level(node):
    if isinstance(node, Tag):
        match = HEADING.match(node.name)
        if match:
            return int(match.group(1))
    return None


def transform(html, *, css_class="faq", link_text="Link to this answer"):
    """Rewrite every FAQ section of `html`.

    Returns (new_html, sections). Raises FaqError for a section with no
    questions or a question with no answer.
    """
    soup = BeautifulSoup(html, "html.parser")
    faq_headings = [h for h in soup.find_all(HEADING) if css_class in (h.get("class") or [])]
    if not faq_headings:
        return html, []
    used_ids = {tag["id"] for tag in soup.find_all(id=True)}
    sections = [_build_section(soup, h, css_class, link_text, used_ids) for h in faq_headings]
    return str(soup), sections


def _unique_id(text, used_ids):
    base = slugify(text, "-") or "question"
    candidate, number = base, 2
    while candidate in used_ids:
        candidate, number = f"{base}-{number}", number + 1
    used_ids.add(candidate)
    return candidate


def _build_section(soup, heading, css_class, link_text, used_ids):
    level = heading_level(heading)
    title = visible_text(heading)
    marker = f"{'#' * level} {title} {{.{css_class}}}"

    # The section: the FAQ heading's following siblings up to the next heading
    # of the same or a higher level.
    body = []
    for node in list(heading.next_siblings):
        node_level = heading_level(node)
        if node_level is not None and node_level <= level:
            break
        body.append(node)

    wrapper = soup.new_tag("section", attrs={"class": css_class})
    heading.insert_before(wrapper)
    heading["class"] = [c for c in heading["class"] if c != css_class] or None
    if heading["class"] is None:
        del heading["class"]
    if not heading.get("id"):
        heading["id"] = _unique_id(title, used_ids)
    wrapper["aria-labelledby"] = heading["id"]
    wrapper.append(heading.extract())

    section = Section(title)
    widgets = []  # (question record, details, answer)
    for node in body:
        node.extract()
        if heading_level(node) == level + 1:
            widgets.append(_new_question(soup, node, section, used_ids, css_class))
            wrapper.append(widgets[-1][1])
        elif not widgets:
            wrapper.append(node)  # an introduction before the first question
        else:
            widgets[-1][2].append(node)
    if not section.questions:
        raise FaqError(catalogue.text("faq.no_questions", heading=marker, hashes="#" * (level + 1)))
    for record, details, answer in widgets:
        record.answer = visible_text(answer)
        if not record.answer:
            raise FaqError(catalogue.text("faq.no_answer", question=record.question, heading=marker))
        # The permalink goes after the answer, outside it, so the answer's
        # text (and so the JSON-LD) holds only the answer.
        details.append(_permalink(soup, record.id, record.question, link_text, css_class))
    return section


def _new_question(soup, question_heading, section, used_ids, css_class):
    text = visible_text(question_heading)
    used_ids.discard(question_heading.get("id"))
    question_id = _unique_id(text, used_ids)
    if question_heading.get("id"):
        del question_heading["id"]
    details = soup.new_tag("details", attrs={"class": f"{css_class}-item"})
    summary = soup.new_tag("summary", attrs={"class": f"{css_class}-question"})
    # HTML allows a heading inside <summary>, which keeps the page outline intact.
    summary.append(question_heading)
    details.append(summary)
    # The id sits on the answer, inside the <details>: following a link to it,
    # the browser itself opens the <details> (the "ancestor details revealing"
    # step of fragment navigation), so no script is needed; faq.js does the same
    # for browsers that lack that step.
    answer = soup.new_tag("div", attrs={"class": f"{css_class}-answer", "id": question_id})
    details.append(answer)
    record = Question(question_id, text, "")
    section.questions.append(record)
    return record, details, answer


def _permalink(soup, question_id, question, link_text, css_class):
    paragraph = soup.new_tag("p", attrs={"class": f"{css_class}-permalink"})
    link = soup.new_tag("a", attrs={"href": f"#{question_id}"})
    link.append(NavigableString(link_text))
    # Every such link reads the same; the hidden words tell screen-reader users which answer.
    hidden = soup.new_tag("span", attrs={"class": "visually-hidden"})
    hidden.append(NavigableString(f": {question}"))
    link.append(hidden)
    paragraph.append(link)
    return paragraph
