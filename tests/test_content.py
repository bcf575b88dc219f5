"""The site's written content keeps the facts that matter for a health practice.

These tests read the bundled Markdown and the real site built from it, so a
careless edit (an overconfident claim, a dropped FAQ question, a clinical page
without review metadata) fails here before it reaches a reader.
"""

import datetime
import re
from pathlib import Path

import pytest
from pelican.settings import read_settings

from sitebuild import ROOT

KAP_SOURCE = "pages/ketamine-assisted-psychotherapy.md"
KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"

# The ten questions of the practice's brief, in its order.
BRIEF_QUESTIONS = [
    "Is ketamine legal?",
    "Is ketamine safe?",
    "Does ketamine-assisted psychotherapy require a medical screening?",
    "How do I find a qualified therapist who's a good match?",
    "What type of information do I need prior to giving consent for treatment?",
    "Where should I do my ketamine session?",
    "How intense will this experience be emotionally?",
    "How do I set clear treatment goals with my provider?",
    "How much does ketamine treatment cost?",
    "What type of follow-up care is typically included?",
]

# Words that promise an outcome or overstate safety; none belongs on a health site.
OUTCOME_PROMISES = re.compile(
    r"\bguarantee[sd]?\b|\bcur(?:e|es|ed)\b|proven to be safe|excellent safety profile"
    r"|life[- ]changing|miracle",
    re.IGNORECASE,
)

# Saying what something is not ("none of these is a cure") is careful, not a promise.
NEGATED = re.compile(r"\b(?:not|no|never|none of \w+ is|isn't|is not)\s+(?:a\s+|an\s+)?$", re.IGNORECASE)

# The privacy policy may rightly say what cannot be guaranteed about data.
NOT_HEALTH_CONTENT = {"privacy/index.html"}


def _plain(text):
    """Text with typographic quotes and spacing made plain, for comparisons."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def _metadata(path):
    """The `Key: value` lines at the top of a Markdown file, keys lower-cased."""
    meta = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def _sources(site):
    return sorted((site.content / "blog").glob("*.md")) + sorted(
        (site.content / "pages").glob("*.md"))


def _faq_questions(markdown):
    """The level-3 headings of the first `## ... {.faq}` section of a Markdown text."""
    questions, inside = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            if inside:
                break
            inside = re.search(r"\{[^}]*\.faq\b[^}]*\}\s*$", line) is not None
        elif inside and line.startswith("### "):
            questions.append(line[4:].strip())
    return questions


def _faq_answer(markdown, question):
    """The Markdown between a `### question` heading and the next heading."""
    match = re.search(
        rf"^### {re.escape(question)}\s*$(.*?)(?=^##)", markdown + "\n##",
        re.MULTILINE | re.DOTALL)
    assert match, f"{KAP_SOURCE}: no answer found under '### {question}'"
    return _plain(match.group(1))


def _main_text(site, rel):
    soup = site.soup(rel)
    return _plain((soup.find("main") or soup.body).get_text(" "))


@pytest.fixture(scope="module")
def kap_markdown(site):
    return (site.content / KAP_SOURCE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def practice():
    return read_settings(str(ROOT / "pelicanconf.py"))["PRACTICE"]


def test_kap_page_says_plainly_that_psychiatric_use_is_off_label(site):
    text = _main_text(site, KAP_PAGE)
    assert "off-label" in text
    assert re.search(r"approved it as an anesthetic in 1970", text), (
        "the KAP page must say what the FDA did approve ketamine for (anesthesia, 1970)")
    assert "has not approved ketamine itself for any mental-health condition" in text


def test_kap_page_names_esketamine_as_the_fda_approved_form(site):
    sentences = re.split(r"(?<=[.!?])\s+", _main_text(site, KAP_PAGE))
    approved = [s for s in sentences
                if "esketamine" in s.lower() and "FDA" in s and "approved" in s]
    assert approved, "no sentence names esketamine as the form the FDA approved"
    text = " ".join(sentences)
    assert "Spravato" in text
    assert "2019" in text and "treatment-resistant depression" in text


def test_kap_page_names_real_risks_and_who_should_not_take_it(site):
    text = _main_text(site, KAP_PAGE).lower()
    for risk in ("blood pressure", "heart rate", "nausea", "dissociation", "dizziness",
                 "bladder", "misuse", "schedule iii", "not drive", "psychosis",
                 "pregnan", "substance use disorder", "liver"):
        assert risk in text, f"the KAP page no longer mentions '{risk}'"
    assert "after a full screening" in text


def test_no_page_promises_outcomes(site):
    offenders = []
    for html in site.html_files():
        rel = html.relative_to(site.output).as_posix()
        if rel in NOT_HEALTH_CONTENT:
            continue
        text = _plain(site.soup(rel).get_text(" "))
        for match in OUTCOME_PROMISES.finditer(text):
            if not NEGATED.search(text[max(0, match.start() - 40):match.start()]):
                offenders.append(f"{rel}: '{match.group(0)}'")
    assert not offenders, "pages that promise outcomes:\n" + "\n".join(offenders)


def test_every_clinical_source_carries_review_metadata(site):
    today = datetime.date.today()
    problems = []
    for path in _sources(site):
        meta = _metadata(path)
        rel = path.relative_to(site.content).as_posix()
        if meta.get("clinical", "").lower() != "yes":
            continue
        if not meta.get("reviewer"):
            problems.append(f"{rel}: Clinical: yes but no 'Reviewer:' line")
        try:
            reviewed = datetime.date.fromisoformat(meta.get("last_reviewed", ""))
        except ValueError:
            problems.append(f"{rel}: 'Last_reviewed:' is missing or not YYYY-MM-DD")
            continue
        if reviewed > today:
            problems.append(f"{rel}: 'Last_reviewed: {reviewed}' is in the future")
    assert not problems, "\n".join(problems)


def test_ketamine_content_is_marked_clinical(site):
    ketamine = [path for path in _sources(site)
                if "ketamine" in _metadata(path).get("tags", "").lower().split(", ")
                or path.name == Path(KAP_SOURCE).name]
    assert len(ketamine) >= 2, "expected the KAP page and ketamine articles"
    unmarked = [p.name for p in ketamine if _metadata(p).get("clinical", "").lower() != "yes"]
    assert not unmarked, f"ketamine content without 'Clinical: yes': {unmarked}"


def test_clinical_pages_show_who_reviewed_them(site):
    for path in _sources(site):
        meta = _metadata(path)
        if meta.get("clinical", "").lower() != "yes":
            continue
        folder = "blog/" if path.parent.name == "blog" else ""
        text = _main_text(site, f"{folder}{meta.get('slug')}/index.html")
        line = f"Medically reviewed by {_plain(meta.get('reviewer', '(nobody)'))}"
        assert line in text, f"{path.name}: the page does not show '{line}'"


def test_kap_faq_asks_every_question_of_the_brief_as_a_heading(kap_markdown):
    asked = [_plain(q) for q in _faq_questions(kap_markdown)]
    missing = [q for q in BRIEF_QUESTIONS if q not in asked]
    assert not missing, f"{KAP_SOURCE}: FAQ questions missing as '### ' headings: {missing}"


def test_kap_page_shows_every_question_of_the_brief(site):
    text = _main_text(site, KAP_PAGE)
    missing = [q for q in BRIEF_QUESTIONS if q not in text]
    assert not missing, f"questions missing from the built KAP page: {missing}"


def test_legality_answer_covers_prescription_schedule_and_recreational_use(kap_markdown):
    answer = _faq_answer(kap_markdown, "Is ketamine legal?").lower()
    assert "prescription" in answer
    assert "schedule iii controlled substance" in answer
    assert "recreational use is illegal" in answer


def test_safety_answer_does_not_simply_say_yes(kap_markdown):
    answer = _faq_answer(kap_markdown, "Is ketamine safe?")
    assert not answer.lower().startswith("yes"), "the safety answer must not open with 'Yes'"
    assert "screening" in answer


def test_calls_to_action_use_the_practice_settings(site, practice):
    for rel in ("index.html", KAP_PAGE, "contact/index.html", "about/index.html"):
        hrefs = {a["href"] for a in site.soup(rel).select("main a[href]")}
        assert f"mailto:{practice['email']}" in hrefs, f"{rel}: no 'Email us' link"
        assert practice["booking_url"] in hrefs, f"{rel}: no booking link"


def test_contact_page_links_every_social_profile(site, practice):
    hrefs = {a["href"] for a in site.soup("contact/index.html").select("main a[href]")}
    for name, url in practice["social"]:
        assert url in hrefs, f"contact page: no {name} link ({url})"
