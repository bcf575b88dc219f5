"""The content lint: each content file's metadata against the schema, one line per problem."""

import datetime
import subprocess
import sys

from sitebuild import ROOT
from synergy.content import lint

TODAY = datetime.date(2026, 11, 28)
ARTICLE = (
    "Title: Sleep and mood\nDate: 2026-03-14\nCategory: Wellness\nTags: sleep\n"
    "Summary: How sleep and mood affect each other.\n"
)
REVIEWED = "Reviewer: prescriber\nLast_reviewed: 2026-06-01\n"
ISSUE = (
    "Title: December news\nDate: 2026-12-01\nSlug: december-2026\nStatus: draft\n"
    "Subject: December at Synergy\nPreview: Winter hours and a new toolkit chapter.\n"
    "Summary: Winter hours.\n"
)


def write(root, files):
    content = root / "content"
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\nBody.\n", encoding="utf-8")
    return content


def lines(tmp_path, files, today=TODAY):
    return [problem.line for problem in lint(write(tmp_path, files), today)]


def run_lint(content):
    return subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_bundled_content_passes():
    result = run_lint(ROOT / "content")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_article_without_a_date_fails_naming_the_file_and_field(tmp_path):
    content = write(tmp_path, {"blog/undated.md": ARTICLE.replace("Date: 2026-03-14\n", "")})
    result = run_lint(content)
    assert result.returncode != 0
    assert ("content/blog/undated.md: date: missing -- add a line 'Date: ...' to the metadata "
            "at the top of the file") in result.stdout.splitlines()
    assert "Traceback" not in result.stdout + result.stderr


def test_a_well_formed_article_has_no_problems(tmp_path):
    assert lines(tmp_path, {"blog/fine.md": ARTICLE}) == []


def test_an_article_needs_a_summary_and_a_category(tmp_path):
    text = ARTICLE.replace("Category: Wellness\n", "").replace(
        "Summary: How sleep and mood affect each other.\n", "")
    found = lines(tmp_path, {"blog/bare.md": text})
    assert any(line.startswith("content/blog/bare.md: summary: missing") for line in found)
    assert any(line.startswith("content/blog/bare.md: category: missing") for line in found)


def test_a_date_pelican_cannot_read_is_an_error(tmp_path):
    found = lines(tmp_path, {"blog/when.md": ARTICLE.replace("2026-03-14", "2026-13-45")})
    assert found == ["content/blog/when.md: date: '2026-13-45' is not a date -- write it as "
                     "YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-03-14"]


def test_clinical_content_needs_a_reviewer_and_a_review_date(tmp_path):
    found = lines(tmp_path, {"blog/kap.md": ARTICLE + "Clinical: yes\n"})
    assert [line.split(" -- ")[0] for line in found] == [
        "content/blog/kap.md: reviewer: missing on clinical content (it says Clinical: yes)",
        "content/blog/kap.md: last_reviewed: missing on clinical content (it says Clinical: yes)",
    ]


def test_a_ketamine_tag_makes_content_clinical_without_saying_so(tmp_path):
    found = lines(tmp_path, {"blog/kap.md": ARTICLE.replace("Tags: sleep", "Tags: sleep, ketamine")})
    assert any("reviewer: missing on clinical content (it is tagged ketamine)" in line
               for line in found)


def test_the_ketamine_category_makes_content_clinical(tmp_path):
    found = lines(tmp_path, {"pages/kap.md": "Title: KAP\nCategory: Ketamine therapy\nSummary: s\n"})
    assert any("(its category is Ketamine therapy)" in line for line in found)


def test_reviewed_clinical_content_passes(tmp_path):
    assert lines(tmp_path, {"blog/kap.md": ARTICLE + "Clinical: yes\n" + REVIEWED}) == []


def test_a_draft_may_leave_its_review_for_later(tmp_path):
    draft = ARTICLE + "Status: draft\nClinical: yes\nReviewer:\nLast_reviewed:\n"
    assert lines(tmp_path, {"blog/kap.md": draft}) == []


def test_a_review_older_than_twelve_months_is_a_warning_that_does_not_fail(tmp_path):
    old = ARTICLE + "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2025-11-27\n"
    content = write(tmp_path, {"blog/kap.md": old})
    found = [problem.line for problem in lint(content, TODAY)]
    assert found == ["content/blog/kap.md: warning: last_reviewed: 2025-11-27 is more than "
                     "12 months ago -- ask a clinician to review the text, then update Last_reviewed"]
    assert run_lint(content).returncode == 0


def test_a_review_exactly_twelve_months_old_is_not_yet_overdue(tmp_path):
    recent = ARTICLE + "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2025-11-28\n"
    assert lines(tmp_path, {"blog/kap.md": recent}) == []


def test_a_review_date_must_be_a_plain_day_not_in_the_future(tmp_path):
    found = lines(tmp_path, {
        "blog/a.md": ARTICLE + "Clinical: yes\nReviewer: prescriber\nLast_reviewed: June 2026\n",
        "blog/b.md": ARTICLE.replace("Sleep", "Rest") + "Clinical: yes\nReviewer: prescriber\n"
        "Last_reviewed: 2027-01-01\n",
    })
    assert any(line.startswith("content/blog/a.md: last_reviewed: 'June 2026' is not a date")
               for line in found)
    assert any(line.startswith("content/blog/b.md: last_reviewed: 2027-01-01 is in the future")
               for line in found)


def test_clinical_must_be_yes_or_no(tmp_path):
    found = lines(tmp_path, {"blog/a.md": ARTICLE + "Clinical: maybe\n"})
    assert found == ["content/blog/a.md: clinical: 'maybe' is not yes or no -- write "
                     "'Clinical: yes' or 'Clinical: no'"]


def test_a_testimonial_needs_a_consent_record(tmp_path):
    found = lines(tmp_path, {"testimonials/jane.md": "Title: From a client\nConsent_by: Front desk\n"})
    assert [line.split(" -- ")[0] for line in found] == [
        "content/testimonials/jane.md: consent_on: missing on a testimonial"]


def test_a_testimonial_field_anywhere_needs_consent(tmp_path):
    page = "Title: About\nSummary: s\nTestimonial: yes\n"
    found = lines(tmp_path, {"pages/about.md": page})
    assert len([line for line in found if "missing on a testimonial" in line]) == 2


def test_a_testimonial_with_its_consent_record_passes(tmp_path):
    text = "Title: From a client\nConsent_on: 2026-05-02\nConsent_by: Front desk (signed form)\n"
    assert lines(tmp_path, {"testimonials/jane.md": text}) == []


def test_a_newsletter_issue_needs_a_status_and_may_leave_subject_and_preview_to_defaults(tmp_path):
    # Without Subject the email's subject is the title; without Preview, the summary.
    text = ISSUE.replace("Subject: December at Synergy\n", "").replace("Status: draft\n", "")
    text = text.replace("Preview: Winter hours and a new toolkit chapter.\n", "")
    found = [line.split(" -- ")[0] for line in lines(tmp_path, {"newsletter/dec.md": text})]
    assert found == ["content/newsletter/dec.md: status: missing"]


def test_a_newsletter_preview_longer_than_150_characters_fails(tmp_path):
    text = ISSUE.replace("Winter hours and a new toolkit chapter.", "x" * 151)
    found = lines(tmp_path, {"newsletter/dec.md": text})
    assert found == ["content/newsletter/dec.md: preview: 151 characters, more than 150 -- "
                     "shorten it; inboxes show only the first 100 or so"]


def test_an_issue_status_must_be_draft_or_published(tmp_path):
    found = lines(tmp_path, {"newsletter/dec.md": ISSUE.replace("Status: draft", "Status: hidden")})
    assert found == ["content/newsletter/dec.md: status: 'hidden' is not a status -- use "
                     "'Status: draft' or 'Status: published'"]


def test_two_articles_with_one_slug_fail(tmp_path):
    found = lines(tmp_path, {"blog/a.md": ARTICLE, "blog/b.md": ARTICLE})
    assert found == ["content/blog/b.md: slug: 'sleep-and-mood' is also used by content/blog/a.md "
                     "-- give one of them a different 'Slug:'"]


def test_a_page_and_an_article_may_share_a_slug(tmp_path):
    page = "Title: Sleep and mood\nSummary: s\n"
    assert lines(tmp_path, {"blog/a.md": ARTICLE, "pages/a.md": page}) == []


def test_a_field_written_twice_fails(tmp_path):
    found = lines(tmp_path, {"blog/a.md": ARTICLE + "Category: Telehealth\n"})
    assert found == ["content/blog/a.md: category: given twice -- keep one line for it"]


def test_static_folders_are_not_content(tmp_path):
    assert lines(tmp_path, {"extra/notes.md": "No metadata here."}) == []
