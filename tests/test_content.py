"""The site's written content keeps the facts that matter for a health practice.

These tests read the bundled Markdown and the real site built from it, so a
careless edit (an overconfident claim, a dropped FAQ question, a clinical page
without review metadata) fails here before it reaches a reader.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from pelican.settings import read_settings

from sitebuild import ROOT
from synergy.clinical.approval import plain as spoken

KAP_SOURCE = "pages/ketamine-assisted-psychotherapy.md"
KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"
SOURCES_FILE = ROOT / "data" / "sources.yaml"
KETAMINE_ARTICLES = ("blog/what-is-ketamine-assisted-psychotherapy.md",
                     "blog/questions-to-ask-before-ketamine-treatment.md")

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
    """The Markdown between a `### question` heading and the next heading, facts written out."""
    match = re.search(
        rf"^### {re.escape(question)}\s*$(.*?)(?=^##)", markdown + "\n##",
        re.MULTILINE | re.DOTALL)
    assert match, f"{KAP_SOURCE}: no answer found under '### {question}'"
    return _plain(spoken(match.group(1), FACTS))


def _main_text(site, rel):
    soup = site.soup(rel)
    return _plain((soup.find("main") or soup.body).get_text(" "))


# What the template adds around an article's own words.
AROUND = (".crisis-box", ".sources", ".medical-note", ".review-line")


def _own_text(site, rel):
    """The text a page's Markdown gave it (facts filled in), without what the template adds."""
    soup = site.soup(rel)
    article = soup.select_one("main article") or soup.find("main")
    for extra in article.select(", ".join(AROUND)):
        extra.decompose()
    return _plain(article.get_text(" "))


def _built(path):
    """The built page of a content file under content/blog or content/pages."""
    meta = _metadata(path)
    if meta.get("save_as"):
        return meta["save_as"]
    folder = "blog/" if path.parent.name == "blog" else ""
    return f"{folder}{meta.get('slug') or path.stem}/index.html"


FACTS = read_settings(str(ROOT / "pelicanconf.py"))["FACTS"]


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


def test_clinical_pages_show_which_clinician_reviewed_them(site):
    clinicians = read_settings(str(ROOT / "pelicanconf.py"))["CLINICIANS"]
    for path in _sources(site):
        meta = _metadata(path)
        if meta.get("clinical", "").lower() != "yes":
            continue
        person = clinicians[meta["reviewer"]]
        folder = "blog/" if path.parent.name == "blog" else ""
        text = _main_text(site, f"{folder}{meta.get('slug')}/index.html")
        line = f"Medically reviewed by {_plain(person['name'])}, {person['credentials']}"
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


# --- Sources, risks and who we can see ------------------------------------------------

# Public bodies whose pages a clinical source may be: the FDA, the NIH (NCBI,
# LiverTox, PubMed, the institutes), SAMHSA and the 988 Lifeline.
SOURCE_HOSTS = ("fda.gov", "nih.gov", "samhsa.gov", "988lifeline.org")
FDA_OR_NIH = ("U.S. Food and Drug Administration", "National Institutes of Health")

# Each fact said in the same words wherever it appears (emphasis aside), so the
# sentences can later come from one data file.
SPRAVATO_APPROVAL = (
    "Esketamine nasal spray (Spravato), first approved in 2019, is FDA-approved for "
    "adults with treatment-resistant depression, used alone or with an antidepressant "
    "taken by mouth.")
CRISIS_LINE = (
    "call or text 988 to reach the 988 Suicide & Crisis Lifeline, any time, day or "
    "night (veterans press 1; en español, press 2)")
WHO_WE_SEE = (
    "We see adults aged 18 and over who are in Illinois at the time of each "
    "appointment, by secure video (telehealth).")
OUTSIDE_ILLINOIS = (
    "If you live outside Illinois, please look for a licensed clinician in your own "
    "state; SAMHSA's free FindTreatment.gov locator can help you search.")

# What the FDA (2023 compounded-ketamine warning, Spravato label and REMS) and NIH
# LiverTox say a reader should know; each ketamine page names every one.
KETAMINE_RISKS = (
    "respiratory depression", "slow", "sedation", "dissociation", "misuse",
    "suicidal thoughts", "worsening mood", "alcohol", "benzodiazepines", "opioids",
    "stimulants", "maoi", "aneurysm", "arteriovenous malformation", "bleed",
    "allerg", "blood pressure that is not under control", "pregnan", "psychosis",
    "bladder", "liver", "blood pressure", "at least 2 hours", "rems", "call 911",
    "trouble breathing", "chest pain", "severe headache", "confusion", "fainting",
)


def _body(path):
    """A Markdown file's text after its metadata, facts written out, emphasis dropped, spacing made plain."""
    body = Path(path).read_text(encoding="utf-8").partition("\n\n")[2]
    return _plain(spoken(body, FACTS))


def _clinical_sources(site):
    return [path for path in _sources(site)
            if _metadata(path).get("clinical", "").lower() == "yes"
            or "ketamine" in _metadata(path).get("tags", "").lower().split(", ")]


@pytest.fixture(scope="module")
def sources():
    return yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))


def test_every_source_has_a_title_publisher_and_public_https_address(sources):
    assert sources, f"{SOURCES_FILE}: no sources"
    problems = []
    for key, entry in sources.items():
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
            problems.append(f"{key}: keys are lower case words joined by hyphens")
        for field in ("title", "publisher", "url"):
            if not str(entry.get(field) or "").strip():
                problems.append(f"{key}: no {field}")
        url = urlsplit(str(entry.get("url", "")))
        if url.scheme != "https" or not any(
                url.hostname == host or (url.hostname or "").endswith("." + host)
                for host in SOURCE_HOSTS):
            problems.append(f"{key}: {entry.get('url')} is not an https page of {SOURCE_HOSTS}")
        if "date" in entry:
            try:
                datetime.date.fromisoformat(str(entry["date"]))
            except ValueError:
                problems.append(f"{key}: date {entry['date']!r} is not YYYY-MM-DD")
    assert not problems, "\n".join(problems)


def test_every_clinical_page_names_known_sources_including_the_fda_or_nih(site, sources):
    problems, used = [], set()
    for path in _clinical_sources(site):
        rel = path.relative_to(site.content).as_posix()
        keys = [k.strip() for k in _metadata(path).get("sources", "").split(",") if k.strip()]
        used.update(keys)
        if not keys:
            problems.append(f"{rel}: clinical, but no 'Sources:' line")
            continue
        unknown = [k for k in keys if k not in sources]
        if unknown:
            problems.append(f"{rel}: sources not in {SOURCES_FILE.name}: {unknown}")
        if not any(sources.get(k, {}).get("publisher") in FDA_OR_NIH for k in keys):
            problems.append(f"{rel}: no FDA or NIH source among {keys}")
    assert not problems, "\n".join(problems)
    unused = sorted(set(sources) - used)
    assert not unused, f"{SOURCES_FILE.name}: sources no page names: {unused}"


def test_clinical_bodies_leave_the_sources_list_to_the_template(site):
    for path in _clinical_sources(site):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^#+\s*Sources\b", text, re.MULTILINE | re.IGNORECASE), (
            f"{path.name}: a 'Sources' heading in the body; name them in 'Sources:' instead")


@pytest.mark.parametrize("source", [KAP_SOURCE, *KETAMINE_ARTICLES])
def test_ketamine_pages_name_every_risk_the_fda_and_nih_list(site, source):
    text = _own_text(site, _built(site.content / source)).lower()
    missing = [risk for risk in KETAMINE_RISKS if risk not in text]
    assert not missing, f"{source} no longer mentions: {missing}"


def test_safety_answer_names_the_serious_risks_and_when_to_call_911(kap_markdown):
    answer = _faq_answer(kap_markdown, "Is ketamine safe?").lower()
    for risk in ("slow your breathing", "dissociation", "blood pressure", "mood", "misused",
                 "bladder", "liver", "benzodiazepines", "blood vessel", "psychosis",
                 "pregnancy", "allergy", "watched during and after every dose", "call 911"):
        assert risk in answer, f"the 'Is ketamine safe?' answer no longer mentions '{risk}'"


def test_setting_answer_keeps_the_fda_warning_about_unmonitored_home_use(kap_markdown):
    answer = _faq_answer(kap_markdown, "Where should I do my ketamine session?")
    assert "supervised" in answer and "monitor" in answer
    assert "In October 2023, the FDA warned that taking compounded ketamine at home" in answer


def test_spravato_approval_is_current_and_worded_the_same_everywhere(site):
    stale, unlike = [], []
    for path in _sources(site):
        if _metadata(path).get("status") == "hidden":
            continue
        text = _own_text(site, _built(path))
        rel = path.relative_to(site.content).as_posix()
        if re.search(r"taken with an oral antidepressant|in both cases taken together", text):
            stale.append(rel)
        if "Spravato" in text and "treatment-resistant depression" in text \
                and SPRAVATO_APPROVAL not in text:
            unlike.append(rel)
    assert not stale, f"pages that say Spravato is only taken with an antidepressant: {stale}"
    assert not unlike, f"pages that state Spravato's approval in other words: {unlike}"


def test_crisis_help_names_the_988_lifeline_the_same_way(site):
    unnamed = []
    for path in _sources(site):
        if _metadata(path).get("status") == "hidden":
            continue
        text = _own_text(site, _built(path))
        if re.search(r"\b988\b", text) and CRISIS_LINE not in text:
            unnamed.append(path.relative_to(site.content).as_posix())
    assert not unnamed, f"pages pointing to 988 without naming the Lifeline as agreed: {unnamed}"


@pytest.mark.parametrize("rel", [KAP_PAGE, "index.html", "contact/index.html"])
def test_pages_say_who_we_can_see_and_what_to_do_from_another_state(site, rel):
    text = _main_text(site, rel)
    assert WHO_WE_SEE in text, f"{rel}: does not say who we can see"
    assert OUTSIDE_ILLINOIS in text, f"{rel}: does not say what to do from another state"
    assert "988 works anywhere in the United States" in text


def test_telehealth_rule_is_about_where_the_client_is_during_the_session(site):
    text = _body(site.content / "blog/how-telehealth-therapy-works-in-illinois.md")
    assert "even if you live here" not in text
    assert "where you are during the session, not where you live" in text
