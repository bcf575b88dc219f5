"""Skeletons for new content files (`invoke new post|page|issue "Title"`).

Each skeleton carries the metadata schema.py asks for, starts as a draft, and
has a short body telling the editor what goes where. It passes the content lint
as written, so an editor's first error is about their own change. Its words are
for the editor, never for a reader: PLACEHOLDERS holds the start of each, and
the content rules refuse to publish a file that still holds one.
"""

from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..errors import ScaffoldError

# How a health page is reviewed and published, said the same in posts and pages.
REVIEW_STEPS = """\
For health information keep `Clinical: yes`, list the sources the text
rests on in Sources (keys in data/sources.yaml), and have a clinician fill
in Reviewer (their key in data/practice.yaml, such as prescriber) and
Last_reviewed (YYYY-MM-DD); otherwise write `Clinical: no` and delete those
three lines. Then change `Status: draft` to `Status: published`. EDITING.md
explains each step.
"""

POST = """\
Title: {title}
Date: {date}
Slug: {slug}
Status: draft
Category: Wellness
Tags: wellness
Summary: One or two plain sentences saying what the reader will learn (for the blog list, search and sharing).
Clinical: yes
Reviewer:
Last_reviewed:
Sources:

Start with the short answer the reader came for, in two or three sentences.

## One heading for each main point

Write in plain, calm words, and keep paragraphs short: most readers are on a
phone. Do not promise results. When you mention a medicine, say what it is
approved for and when its use is off-label.

Before publishing: choose the Category (Wellness, Telehealth or Ketamine
therapy) and a few Tags. {review_steps}"""

PAGE = """\
Title: {title}
Date: {date}
Slug: {slug}
Status: draft
Summary: One or two plain sentences describing the page, shown in search results and when the page is shared.
Clinical: yes
Reviewer:
Last_reviewed:
Sources:

Start with what a visitor most needs to know, in two or three sentences.

## One heading for each section

To add questions and answers, write a heading like
`## Questions about this service {{.faq}}` and put each question under it as a
`###` heading, with its answer below it.

Before publishing: {review_steps}"""

ISSUE = """\
Title: {title}
Date: {day}
Slug: {slug}
Status: draft
Email: yes
Subject: {title}
Preview: One sentence shown after the subject in the inbox, 150 characters at most.
Summary: One or two sentences for the newsletter archive on the website.
Recent_posts: yes

Hello,

Write the issue here: a short greeting, one or two pieces of news, and one
thing the reader can do this month. With `Recent_posts: yes` the email lists
the blog posts published since the last issue, so you need not.

Before sending: preview the email (EDITING.md, "Preview the email"), then
change `Status: draft` to `Status: published`. `Email: yes` is what approves
the email: the deploy on its day schedules it for the Date's time (08:00 when
the Date has no time), once, and never again. Delete that line to publish the
issue on the website only.
"""

# The start of every instruction above, as a reader would see it (no Markdown):
# a file that is not a draft may hold none of them (synergy.content.rules).
PLACEHOLDERS = (
    "One or two plain sentences saying what the reader will learn",
    "One or two plain sentences describing the page",
    "One sentence shown after the subject in the inbox",
    "One or two sentences for the newsletter archive on the website",
    "Start with the short answer the reader came for",
    "One heading for each main point",
    "Write in plain, calm words, and keep paragraphs short",
    "Before publishing: choose the Category",
    "For health information keep Clinical: yes",
    "Start with what a visitor most needs to know",
    "One heading for each section",
    "To add questions and answers, write a heading like",
    "Before publishing: For health information",
    "Write the issue here: a short greeting",
    "Before sending: preview the email",
)

KINDS = {
    "post": ("blog", POST),
    "page": ("pages", PAGE),
    "issue": ("newsletter", ISSUE),
}


def slug_for(title):
    return slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def create(kind, title, content_root, now):
    """Write the skeleton for `kind` titled `title`; returns its path. Never overwrites."""
    if kind not in KINDS:
        raise ScaffoldError(
            f"'{kind}' is not something `new` can make -- use one of: {', '.join(KINDS)}")
    title = " ".join(title.split())
    slug = slug_for(title)
    if not slug:
        raise ScaffoldError("the title is empty -- give the new file a title in quotes")
    folder, skeleton = KINDS[kind]
    path = Path(content_root) / folder / f"{slug}.md"
    shown = Path(Path(content_root).name) / folder / path.name
    if path.exists():
        raise ScaffoldError(
            f"{shown}: already exists -- open it to edit it, or choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    # An issue is dated by its day: its email then goes at NEWSLETTER_SEND_TIME.
    text = skeleton.format(title=title, slug=slug, date=now.strftime("%Y-%m-%d %H:%M"),
                           day=now.strftime("%Y-%m-%d"), review_steps=REVIEW_STEPS)
    # "x" mode: if the file appeared since the check above it is still not replaced.
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path
