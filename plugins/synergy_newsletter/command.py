"""`invoke newsletter`: what each issue needs, and (with --send) doing it once.

Without --send nothing is written to Mailchimp: each issue gets one line saying
what a --send run would do. With --send and MAILCHIMP_API_KEY set, every
published issue whose date has come (within NEWSLETTER_SEND_WITHIN_DAYS) and
that has not gone out is created as a campaign, given its content, tested and
scheduled (sending.py explains why that happens exactly once), and the ledger
is committed. With --pull, issues sent from Mailchimp before the site are
imported (pull.py).
"""

import os
import subprocess
import sys
import tempfile

from synergy.errors import MailchimpError
from synergy.mailchimp import connect, has_key

from . import config
from .outbox import ledger_for, run


def build(settings_file, content_path, output_path, cache_path):
    """A publish build into output_path, in its own process, as `invoke publish` makes it."""
    command = [sys.executable, "-m", "pelican", content_path, "-o", output_path,
               "-s", settings_file, "-e", f'CACHE_PATH="{cache_path}"']
    return subprocess.run(command, capture_output=True, text=True)


def pull(settings, out):
    from .pull import pull_campaigns

    failed = False
    with connect(settings) as mc:
        for line in pull_campaigns(settings, mc, ledger_for(settings)):
            out(line)
            failed = failed or line.failed
    return 1 if failed else 0


def main(root, *, settings_file, send=False, pull_issues=False, output="", commit=True, out=print):
    """The task's body; returns the exit status. SynergyError is left to the task's boundary."""
    from pelican.settings import read_settings

    settings = read_settings(os.path.join(root, settings_file))
    config.settings_of(settings)
    if pull_issues:
        return pull(settings, out)
    mc = connect(settings) if (send or has_key()) else None
    with tempfile.TemporaryDirectory(prefix="newsletter-") as temp:
        if not output:
            output = os.path.join(temp, "output")
            built = build(os.path.join(root, settings_file), settings["PATH"], output,
                          os.path.join(temp, "cache"))
            if built.returncode != 0:
                out(built.stderr.strip())
                out("newsletter: the site does not build, so nothing was sent "
                    "-- fix the lines above")
                return 1
        try:
            outcomes, problems = run(settings, output, send=send, mc=mc)
        except MailchimpError as error:
            out(f"newsletter: {error} -- run again: nothing is sent twice")
            return 1
        finally:
            if mc is not None:
                mc.close()
    for line in problems:
        out(line)
    if not send:
        out("Dry run: nothing was written to Mailchimp. `invoke newsletter --send` does this:")
    for outcome in outcomes:
        out(outcome.line())
    if send and commit:
        _commit_ledger(root, ledger_for(settings).path, out)
    failed = problems or any(outcome.failed for outcome in outcomes)
    return 1 if failed else 0


def _commit_ledger(root, path, out):
    changed = subprocess.run(["git", "status", "--porcelain", "--", path], cwd=root,
                             capture_output=True, text=True)
    if changed.returncode != 0 or not changed.stdout.strip():
        return
    subprocess.run(["git", "add", "--", path], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Record the newsletter campaigns just created",
                    "--", path], cwd=root, check=True)
    out(f"Committed {os.path.relpath(path, root)}: push it so the next run starts from it.")
