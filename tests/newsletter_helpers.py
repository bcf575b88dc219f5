"""What the newsletter sending tests share: issue files, a send against the fake, and looks at it."""

import shutil
from collections import Counter
from datetime import datetime

from pelican.settings import read_settings

from sitebuild import ROOT, build_site
from synergy.mailchimp import connect
from synergy_newsletter import outbox
from synergy_newsletter.sending import slug_of

EDITORS = ["editor@example.org"]


def issue(title, date, slug, *, status="published", email="yes", extra="", body="Some news.\n"):
    """An issue file's text; email=None leaves the Email line out."""
    lines = [f"Title: {title}", f"Date: {date}", f"Slug: {slug}", f"Status: {status}"]
    if email is not None:
        lines.append(f"Email: {email}")
    lines += ["Summary: s", extra.rstrip("\n")] if extra else ["Summary: s"]
    return "\n".join(lines) + "\n\n" + body


def issues_site(folder, files, env=None):
    """The bundled site with its own issues replaced by files, built as for publishing (not strictly)."""
    build = build_site(folder, settings="publishconf.py", strict=False, remove=["newsletter"],
                       files=files, env=env)
    assert build.ok, build.stderr
    return build


def private_content(built, tmp_path):
    """A private copy of a built site's content, with a fresh ledger, for one test."""
    content = tmp_path / "content"
    shutil.copytree(built.content, content)
    return content


def settings_for(project, fake, **overrides):
    fake.store.add_member(fake.audience_id, "reader@example.org")
    fake.hang_seconds = 3.0
    return read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(project), "MAILCHIMP_TEST_EMAILS": EDITORS,
        "MAILCHIMP_AUDIENCE_ID": fake.audience_id, **overrides})


def align_clock(fake, moment):
    """Set the fake Mailchimp's clock to moment (an aware datetime), as an injected
    build clock sets the project's."""
    fake.clock_offset = moment - datetime.now(moment.tzinfo)


def mailchimp():
    return connect(timeout=(2.0, 2.0), retries=3, backoff=0.01)


# How long a run waits after creating a campaign before listing them again. The
# fake lists a campaign as soon as it is made, so only tests of runs racing each
# other need the wait a real run takes (RACE_SETTLE_SECONDS).
SETTLE_SECONDS = 0.05
RACE_SETTLE_SECONDS = 1.1


def send(settings, built, **options):
    options.setdefault("settle_seconds", SETTLE_SECONDS)
    with mailchimp() as mc:
        return outbox.run(settings, str(built.output), send=True, mc=mc, **options)


def plan(settings, built):
    with mailchimp() as mc:
        return outbox.run(settings, str(built.output), send=False, mc=mc)


def lines(outcomes):
    return {outcome.slug: outcome.line() for outcome in outcomes}


def campaigns_by_issue(fake):
    with fake.store.lock:
        return Counter(slug_of(c) for c in fake.store.campaigns.values())


def statuses(fake):
    with fake.store.lock:
        return {slug_of(c): c["status"] for c in fake.store.campaigns.values()}


def editor_tests(fake):
    with fake.store.lock:
        return Counter(slug_of(fake.store.campaigns[cid]) for cid, _, _ in fake.store.test_emails
                       if cid in fake.store.campaigns)


def creates(fake):
    return [c for c in fake.calls if (c.method, c.path) == ("POST", "/campaigns")]


def schedules(fake):
    return [c for c in fake.calls if c.method == "POST" and c.path.endswith("/actions/schedule")]
