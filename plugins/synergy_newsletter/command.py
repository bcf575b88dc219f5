"""`invoke newsletter`: what each issue needs, and (with --send) doing it once.

Without --send nothing is written to Mailchimp: each issue gets one line saying
what a --send run would do. With --send and MAILCHIMP_API_KEY set, every
published issue that says `Email: yes`, whose day has come (within
NEWSLETTER_SEND_WITHIN_DAYS) and that has not gone out is created as a campaign,
given its content, tested and scheduled (sending.py explains why that happens
exactly once), and the ledger is committed, with the Issue_id lines the run
wrote. Two runs on one checkout take turns, the commit included. With --pull,
issues sent from Mailchimp before the site are imported (pull.py).
"""

import os
import subprocess
import sys
import tempfile
import time

from synergy.errors import MailchimpError
from synergy.mailchimp import connect, has_key
from synergy.paths import project_root

from . import config
from .outbox import ledger_for, run, sender_for


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
    ledger_for(settings).entries()  # a broken ledger stops the run before the build
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
        sender = sender_for(settings, mc)
        waiting = lambda: out(  # noqa: E731
            f"newsletter: another run is sending ({sender.ledger.shown}.lock is held); "
            "waiting for it to finish")
        try:
            with sender.ledger.locked(waiting=waiting if send else None):
                status = _run(settings, output, send, mc, sender, out)
                if send and commit:
                    status = max(status, _commit(root, sender.ledger.path, sender.stamped,
                                                 settings, out))
        finally:
            if mc is not None:
                mc.close()
    return status


def _run(settings, output, send, mc, sender, out):
    try:
        outcomes, problems = run(settings, output, send=send, mc=mc, sender=sender)
    except MailchimpError as error:
        out(f"newsletter: {error} -- run again: nothing is sent twice")
        return 1
    for line in problems:
        out(line)
    if not send:
        out("Dry run: nothing was written to Mailchimp. `invoke newsletter --send` does this:")
    for outcome in outcomes:
        out(outcome.line())
    failed = problems or any(outcome.failed for outcome in outcomes)
    return 1 if failed else 0


def _commit(root, ledger_path, stamped, settings, out):
    """Commit the ledger and the Issue_id lines this run wrote; 1 with one line if git fails.

    An issue file is committed only when the Issue_id line is its only change:
    an editor's unfinished edit to it is never committed on their behalf.
    """
    paths = [ledger_path] + [os.path.join(project_root(settings), shown) for shown in stamped]
    paths = [path for path in paths if _changed(root, path)]
    ours = [path for path in paths if path == ledger_path or _only_issue_id_added(root, path)]
    for path in paths:
        if path not in ours:
            out(f"{os.path.relpath(path, root)}: Issue_id line written -- commit it with your "
                "change to the file")
    if not ours:
        return 0
    for attempt in range(GIT_ATTEMPTS):
        added = _git(root, "add", "--", *ours)
        done = added.returncode == 0 and _git(
            root, "commit", "-q", "-m", "Record the newsletter campaigns just created",
            "--", *ours).returncode == 0
        if done:
            shown = ", ".join(os.path.relpath(path, root) for path in ours)
            out(f"Committed {shown}: push it so the next run starts from it.")
            return 0
        time.sleep(0.5 * (attempt + 1))  # another git command (an editor's?) holds the index
    why = (added.stderr or "").strip().splitlines()[-1:] or ["git commit failed"]
    out(f"newsletter: could not commit {', '.join(os.path.relpath(p, root) for p in ours)} "
        f"({why[0]}) -- the sends are recorded in the file; commit it yourself")
    return 1


GIT_ATTEMPTS = 5


def _git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def _changed(root, path):
    status = _git(root, "status", "--porcelain", "--", path)
    return status.returncode == 0 and bool(status.stdout.strip())


def _only_issue_id_added(root, path):
    diff = _git(root, "diff", "-U0", "--", path)
    if diff.returncode != 0:
        return False
    changes = [line for line in diff.stdout.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return len(changes) == 1 and changes[0].startswith("+Issue_id:")
