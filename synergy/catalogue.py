"""Every line the project prints about an editor's mistake, in one place.

The content rules (`invoke lint` and every build), the build's report of
Pelican's own complaints (plugins/synergy_strict), the other plugins that find
mistakes in content (FAQ, toolkit, newsletter), and the build clock all take
their words from here. EDITING.md's tables are written from it by
`invoke catalogue`, and a test keeps the file and this module equal.

A message is "what is wrong -- what to do". Most are about one file and are
printed after it (`content/blog/x.md: date: ...`); a setting's after
`settings: NAME: `; a summary stands alone. A warning is printed with
`warning: ` after the file and never stops anything.

    from synergy import catalogue
    catalogue.text("content.missing", field="date", label="Date")
    # "date: missing -- add a line 'Date: ...' to the metadata at the top of the file"
"""

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
# Printed for the editor to know (a clinical page's reading grade); never a problem.
INFO = "info"

# How a message is printed.
FILE = "file"          # after the file it is about: "content/blog/x.md: <message>"
SETTING = "setting"    # after the setting: "settings: NAME: <message>"
ALONE = "alone"        # as it is (the last line of a report)


class Message(NamedTuple):
    ref: str          # what to quote when asking for help: "content.missing"
    what: str         # what is wrong ({names} are filled in)
    do: str           # what to do ("" for a summary)
    advice: str       # EDITING.md's "What to do" column (Markdown)
    severity: str = ERROR
    shape: str = FILE

    @property
    def template(self):
        return f"{self.what} -- {self.do}" if self.do else self.what


class Group(NamedTuple):
    title: str        # EDITING.md's heading line above the group's table
    messages: tuple


def _m(ref, what, do, advice, **more):
    return Message(ref, what, do, advice, **more)


CONTENT = Group(
    "The content rules: `.venv/bin/invoke lint` and every build check each file with them, and a build "
    "leaves a file with one of these problems out of the site",
    (
        _m("content.not_utf8", "could not be read: it is not saved as UTF-8 text",
           "save it again as UTF-8 (GitHub's editor always does)",
           "Usually a file pasted from a word processor: copy its text into GitHub's editor and save."),
        _m("content.blank_first_line",
           "the first line is empty, so the metadata lines below it are read as text",
           "delete the empty line at the top of the file",
           "The metadata (`Title:`, `Date:`, ...) must start on the very first line."),
        _m("content.metadata_after_blank",
           "line {line}: '{label}:' comes after an empty line, so it is read as text",
           "delete the empty line above it: the metadata lines go one after another at the top",
           "Only the first empty line ends the metadata. Keep every `Key: value` line above it."),
        _m("content.unknown_key_near", "{label}: not a metadata line the site knows",
           "did you mean '{suggestion}:'?",
           "A misspelt line is ignored by the site, so `Staus: draft` would publish a draft. "
           "Correct the spelling."),
        _m("content.unknown_key", "{label}: not a metadata line the site knows",
           "use one of {known}, or if the line belongs to the text, leave an empty line above it",
           "The lines each kind of file knows are listed under [Write a blog post](#write-a-blog-post), "
           "[Write a newsletter issue](#write-a-newsletter-issue) and the other sections."),
        _m("content.missing", "{field}: missing",
           "add a line '{label}: ...' to the metadata at the top of the file",
           "Add the line before the first empty line, e.g. `Summary: One sentence about the post.`"),
        _m("newsletter.slug_missing", "slug: missing",
           "add a line 'Slug: ...' to the issue's metadata; it names the issue's page and its "
           "Mailchimp campaign, so it must never change",
           "Add a `Slug:` line, such as `Slug: 2026-12-december`."),
        _m("content.empty", "{field}: empty", "write a value after '{label}:' or remove the line",
           "Write something after the colon."),
        _m("content.given_twice", "{field}: given twice", "keep one line for it",
           "Delete one of the two lines."),
        _m("content.not_a_date", "{field}: '{value}' is not a date",
           "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-03-14",
           "Write the date as numbers, year first: `2026-12-08`, or with a 24-hour time, "
           "`2026-12-08 09:00`. `12/08/2026` and `8 December` are not understood."),
        _m("content.not_a_day", "{field}: '{value}' is not a date",
           "write it as YYYY-MM-DD, for example 2026-03-14",
           "`Last_reviewed` and `Consent_on` are a plain day: `2026-03-14`."),
        _m("content.in_the_future", "{field}: {value} is in the future",
           "write the day it actually happened",
           "A review or a consent cannot be dated ahead."),
        _m("content.unknown_status", "status: '{value}' is not a status",
           "use 'Status: draft' or 'Status: published'", "Check the spelling."),
        _m("content.unknown_category", "category: '{value}' is not one of the site's categories",
           "use one of: {choices}",
           "Copy the category exactly as listed, capitals included."),
        _m("content.not_yes_or_no", "{field}: '{value}' is not yes or no",
           "write '{label}: yes' or '{label}: no'", "Use `yes` or `no`."),
        _m("content.clinical_needs_review", "{field}: missing on clinical content ({why})",
           "add '{label}: ...' so readers see who checked it and when",
           "Ask a clinician to review the text, then add `Reviewer:` and `Last_reviewed:` "
           "([Review metadata](#review-metadata-for-health-content))."),
        _m("content.review_overdue", "last_reviewed: {value} is more than 12 months ago",
           "ask a clinician to review the text, then update Last_reviewed",
           "Not an error: the site still publishes. Arrange a review.", severity=WARNING),
        _m("content.testimonial_needs_consent", "{field}: missing on a testimonial",
           "record the client's written consent with 'Consent_on: YYYY-MM-DD' and "
           "'Consent_by: <who recorded it>'",
           "See [Testimonials](#testimonials). Do not publish without consent."),
        _m("content.preview_too_long", "preview: {length} characters, more than {limit}",
           "shorten it; inboxes show only the first 100 or so", "Shorten the `Preview:` line."),
        _m("content.placeholder", "still has the template's words '{words}'",
           "replace them with your own before publishing, or keep 'Status: draft'",
           "`.venv/bin/invoke new` fills a new file with instructions; each must be replaced (or deleted) "
           "before the file says `Status: published`."),
        _m("content.slug_taken", "slug: '{value}' is also used by {other}",
           "give one of them a different 'Slug:'",
           "Two files would get the same address. Change the newer one's `Slug:` (or its title, "
           "if it has no `Slug:` line)."),
        _m("content.reserved_slug", "slug: '{value}' would take the address /{url}, which the site "
           "uses for its own page", "choose another slug",
           "Lists such as `/blog/tags/` and `/blog/archive/` belong to the site. Pick another `Slug:`."),
        _m("content.missing_link", "link to '{target}' points at no file",
           "check the file name and folder after {{filename}} (or {{static}} for images)",
           "The file you link to is not there: check its folder and spelling, e.g. "
           "`{filename}/blog/sleep-hygiene-basics.md`."),
        _m("content.link_to_unpublished", "link to '{target}' leads to {what}",
           "publish that file first, or remove the link",
           "Readers would find nothing there. Link to it once it is published."),
        _m("content.no_such_page_near", "link '{target}' is not a page or file of this site",
           "did you mean '{suggestion}'?",
           "A web address pasted from the browser, with a typo. Correct it, or better, link to the "
           "file: `{filename}/blog/sleep-hygiene-basics.md` keeps working if the address changes."),
        _m("content.no_such_page", "link '{target}' is not a page or file of this site",
           "check the address, or link to the file with {{filename}}, such as "
           "{{filename}}/blog/sleep-hygiene-basics.md",
           "Links to our own site (`/blog/...` or `https://www.synergyintegrativehealth.com/...`) "
           "must lead to a page this build makes."),
        _m("content.unknown_link_kind", "link '{target}' starts with an unknown '{{{kind}}}'",
           "write {{filename}} for a page or post, {{static}} for an image or file",
           "A typo such as `{filname}`."),
        _m("content.filename_for_static", "link to '{target}' uses {{filename}} for an image or file",
           "write {{static}} instead", "Images and downloads are linked with `{static}`."),
        _m("content.missing_image", "image '{target}' is not in the content folder",
           "put the picture in content/images/ and check its name after {{static}}",
           "Add the image file to `content/images/` in the same change, with exactly this name "
           "(capitals count)."),
        _m("content.remote_image", "image '{target}' comes from another website, which the site's "
           "privacy rules block in every browser",
           "save the picture in content/images/ and write ![what it shows]({{static}}/images/<name>)",
           "The site loads nothing from other websites, so the picture would never show. "
           "Download it (if you may use it), add it to `content/images/` and link it there."),
        _m("content.empty_alt", "image '{image}' has no description",
           "write what it shows inside the brackets: ![A calm waiting room](...)",
           "Describe the picture for readers who cannot see it."),
        _m("content.misnamed", "the site reads only files whose names end in .md, so this one is "
           "never published", "rename it to {name}",
           "On GitHub, open the file, click the pencil icon and correct its name above the text. "
           "A document from a word processor must be pasted in as plain text."),
        _m("content.wrong_folder", "not in a folder the site reads, so it is never published",
           "move it to {folder}",
           "Posts go in `content/blog/`, pages in `content/pages/`, newsletter issues in "
           "`content/newsletter/`."),
    ),
)

DATA = Group(
    "About the practice's details, its clinicians, the sources and the shared facts (in `data/`): every "
    "build checks them, and `.venv/bin/invoke lint` the clinicians' keys and the placeholders too",
    (
        _m("practice.unknown_clinician", "{field}: '{key}' is not a clinician in data/practice.yaml",
           "write the key of one of them ({known}), or add them there",
           "`Reviewer:` and `Approved_by:` name a clinician by key, such as `prescriber` "
           "([Review metadata](#review-metadata-for-health-content))."),
        _m("practice.unknown_placeholder", "unknown placeholder {{{name}}}",
           "write one of {choices}, or {{filename}} before the file name in a link to a page",
           "A misspelt placeholder, such as `{bookng}`: use one the message lists "
           "([The practice's details](#the-practices-details-in-your-text))."),
        _m("practice.empty_placeholder", "placeholder {{{name}}} has no value",
           "set it in data/practice.yaml, or take {{{name}}} out of the text",
           "The practice has not given that detail (often the phone number): ask for it, or reword."),
        _m("clinical.sources_missing", "Sources: missing on clinical content",
           "add 'Sources: key, key' naming the FDA, NIH or SAMHSA pages in data/sources.yaml that the text rests on",
           "Add a `Sources:` line ([Sources](#sources-shared-facts-crisis-help-and-approval))."),
        _m("clinical.unknown_source", "Sources: {keys} not in data/sources.yaml",
           "name sources by their keys there ({known}), or add them",
           "Check the spelling of each key, or add the source to `data/sources.yaml`."),
        _m("clinical.unknown_fact", "unknown fact {{fact:{key}}}", "use a key of data/facts.yaml ({known})",
           "Check the spelling after `fact:`."),
        _m("clinical.fact_not_cited", "Sources: the fact {{fact:{key}}} rests on {sources}",
           "add {them} to the page's 'Sources:' line", "Add the keys the message names to `Sources:`."),
    ),
)

LINT = Group(
    "Only from `.venv/bin/invoke lint`",
    (
        _m("lint.no_folder", "no such folder", "give the content folder, such as content/",
           "For `.venv/bin/invoke lint --content FOLDER`: check the folder's name."),
        _m("lint.typed_in", "line {line}: {what} is typed in ('{value}')",
           "write {placeholder} instead: the build fills it in from data/practice.yaml",
           "Replace the address or name with its placeholder, e.g. `[Book online]({booking})` "
           "([The practice's details](#the-practices-details-in-your-text))."),
        _m("lint.readability", "readability: Flesch-Kincaid grade {grade} (health pages aim at grade 8 or below)",
           "", "Not a problem: the lint prints every clinical page's reading level.", severity=INFO),
        _m("lint.hard_to_read", "readability: Flesch-Kincaid grade {grade}, above grade {limit}",
           "use shorter sentences and everyday words, then check again",
           "Not an error: the site still publishes. Split long sentences, prefer short common words, "
           "and explain a medical term the first time.", severity=WARNING),
        _m("lint.summary", "Content lint: {errors}, {warnings} in {files} (see EDITING.md).", "",
           "The last line of `.venv/bin/invoke lint`. Fix the errors above it.", shape=ALONE),
    ),
)

BUILD = Group(
    "Only from a build, in the words of the site generator (Pelican) or of the parts that make "
    "FAQs, the newsletter and the toolkit",
    (
        _m("build.unreadable", "could not be read ({error})", "check the metadata lines at the top of the file",
           "The file's format is broken; the words in brackets say where. Compare its top lines "
           "with a working file."),
        _m("build.pelican_says", "{message}", "",
           "A message from another part of the build, in its own words. Ask for help if it is unclear."),
        _m("faq.no_questions", "FAQ section '{heading}' has no questions",
           "add each question as a '{hashes} Question?' heading under it",
           "Put at least one question heading under the `{.faq}` heading, or remove `{.faq}`."),
        _m("faq.no_answer", "FAQ question '{question}' in '{heading}' has no answer",
           "write the answer under the question's heading", "Write the answer below the question."),
        _m("plain_text.holds_markup", "{field}: '{value}' holds HTML, which is shown as text, tags and all",
           "write it as plain words (emphasis belongs in the body)",
           "Titles, summaries, subjects and previews are plain words: `<b>` would show as those "
           "three characters. A development build only warns (`warning:` after the file); publishing refuses it."),
        _m("toolkit.not_found", "not found",
           "restore the toolkit's Markdown or set TOOLKIT_SOURCE to its path inside the content folder",
           "`content/toolkit/wellness-toolkit.md` was moved or deleted: put it back."),
        _m("toolkit.no_sections", "no sections",
           "start each section with a level-2 heading, such as '## Healthy sleep checklist'",
           "The toolkit needs `##` section headings."),
        _m("toolkit.section_without_paragraph", "section '{title}' does not open with a paragraph",
           "start it with one or two sentences saying what it holds (the toolkit page shows them)",
           "Start the section with its one-sentence description."),
        _m("build.summary", "Build failed: {count} {problems} to fix (see EDITING.md).", "",
           "The last line of a failed build. Fix the lines above it; the files they name were "
           "left out of `output/`.", shape=ALONE),
        _m("build.preview_summary",
           "{count} {problems} to fix (see EDITING.md); the preview shows the rest.", "",
           "The last line after a save in `.venv/bin/invoke livereload` when something needs fixing: the "
           "lines above it say what.", shape=ALONE),
    ),
)

SETTINGS = Group(
    "About a setting rather than a file (for whoever looks after the site's settings)",
    (
        _m("clock.not_a_date", "'{value}' is not a date",
           "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM, for example 2026-03-14T09:00",
           "The build's clock (`SITE_BUILD_NOW`) is misspelled.", shape=SETTING),
        _m("clock.unknown_timezone", "'{value}' is not a known time zone",
           "use a name such as America/Chicago",
           "For developers: the site's `TIMEZONE` setting.", shape=SETTING),
    ),
)

GROUPS = (CONTENT, DATA, LINT, BUILD, SETTINGS)
MESSAGES = {message.ref: message for group in GROUPS for message in group.messages}


class Said(NamedTuple):
    """One message filled in: what a rule or a plugin found."""
    ref: str
    severity: str
    text: str        # "what is wrong -- what to do", without the file

    @property
    def is_warning(self):
        return self.severity == WARNING


def say(ref, **values):
    """The message `ref` filled in with values."""
    message = MESSAGES[ref]
    return Said(ref, message.severity, message.template.format(**values))


def text(ref, **values):
    """The words of message `ref`, filled in: "what is wrong -- what to do"."""
    return say(ref, **values).text


def parts(ref, **values):
    """(what is wrong, what to do) of message `ref`, filled in (for a SettingsError)."""
    message = MESSAGES[ref]
    return message.what.format(**values), message.do.format(**values)


def line(path, said):
    """The printed line for a file: `content/blog/x.md: [warning: ]what -- do` (information has no flag)."""
    flag = "warning: " if said.is_warning else ""
    return f"{path}: {flag}{said.text}"


def counted(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


# --- EDITING.md's tables ------------------------------------------------------------

BEGIN = "<!-- messages: written by `invoke catalogue` from synergy/catalogue.py; edit the words there -->"
END = "<!-- end of messages -->"


class _Placeholders(dict):
    def __missing__(self, key):
        return f"<{key}>"


def shown(message):
    """A message as EDITING.md shows it: each {value} as <value>, prefixed as it is printed."""
    body = message.template.format_map(_Placeholders())
    if message.shape == FILE:
        flag = "warning: " if message.severity == WARNING else ""
        return f"<file>: {flag}{body}"
    if message.shape == SETTING:
        return f"settings: <name>: {body}"
    return body


def table():
    """EDITING.md's section between BEGIN and END, as `invoke catalogue` writes it."""
    out = [BEGIN]
    for group in GROUPS:
        out += ["", f"{group.title}:", "", "| Ref | Message | What to do |", "| --- | --- | --- |"]
        out += [f"| `{m.ref}` | `{shown(m)}` | {m.advice} |" for m in group.messages]
    out += ["", END]
    return "\n".join(out)


def write_table(text):
    """`text` (EDITING.md) with its section of messages replaced by table()."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + table() + text[end:]
