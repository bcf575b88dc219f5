"""Sending: each approved issue becomes exactly one untracked Mailchimp campaign, sent once.

What a run does for an issue that is published, dated today or earlier, says
`Email: yes` and has not gone out: create a campaign with every kind of
tracking off, give it the email the build rendered, read it back and refuse to
go on if Mailchimp reports any tracking on, send the editors one test email per
version of the issue, then schedule it for the issue's send time (its Date's
time, or NEWSLETTER_SEND_TIME), rounded up to Mailchimp's quarter hour and never
in the past. Accounts that may not schedule (Mailchimp's Free plan answers 403)
are told so once; with NEWSLETTER_SEND_IMMEDIATELY the first run at or after the
send time sends instead.

Why this is exactly once, even with retries, crashes, renames and overlapping runs:

1. Mailchimp is the source of truth. Every campaign carries its issue's marker in
   its title ("... [newsletter:<identity>]", the identity of issues.py, which a
   rename of the file or the slug does not change). Before doing anything for an
   issue we list the audience's campaigns and look for the marker. A campaign
   that is scheduled, sending, sent or canceled is never touched again, and
   Mailchimp itself delivers a campaign once: so the whole problem reduces to
   "one campaign per issue is ever scheduled".
2. The POST that creates a campaign is never retried blindly. When its answer
   is lost (timeout, dropped connection, 5xx) the campaign may exist: we look
   the marker up, and only create again when Mailchimp shows none. Should the
   lost create land late, it is a draft with the marker that is not the
   campaign of record: the next run deletes it (point 3).
3. Two runs at once. On one machine they take turns (the ledger's lock, held
   for the whole run). On two machines both may find no campaign and both
   create one. After creating, each run waits NEWSLETTER_SETTLE_SECONDS (longer
   than the one-second grain of Mailchimp's create_time) and lists the marker
   again. The oldest campaign wins (create_time, then web_id); a run whose
   campaign is not the oldest deletes its own draft and stops. Both runs see
   the same oldest campaign: the winner was created before the loser's
   creation, so the loser's re-check sees it; and any campaign created after
   the winner's re-check is strictly newer because of the wait. Once one
   campaign with the marker is scheduled or sent, every draft with the marker
   is a stray and is deleted; a scheduled or sent campaign never is. Just
   before scheduling, the run lists the marker once more and stops if another
   campaign went out meanwhile; and Mailchimp refuses to schedule or send a
   campaign twice.
4. The ledger (ledger.py) records identity -> campaign, state, the hash of the
   issue's text and the version last tested. An issue the ledger calls
   scheduled or sent is never sent again even if Mailchimp stops showing it;
   an issue edited after it went out is reported, not resent. The next run
   after a scheduled campaign goes out records it as sent.

outbox.py assembles what is sent (the issues and the emails the build
rendered); command.py is `invoke newsletter`.
"""

import hashlib
import math
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from synergy.errors import AnswerLost, MailchimpError
from synergy.mailchimp.pages import every

from .ledger import DONE

DRAFT = "save"
TITLE_MAX = 100
MARKER = re.compile(r"\[newsletter:(?P<slug>[^\]\s]+)\]\s*$")
CREATE_ATTEMPTS = 3
LIST_FIELDS = ",".join([
    "campaigns.id", "campaigns.web_id", "campaigns.status", "campaigns.create_time",
    "campaigns.send_time", "campaigns.settings.title", "campaigns.settings.subject_line",
    "campaigns.archive_url", "campaigns.long_archive_url", "campaigns.recipients.list_id",
    "total_items",
])
# Every campaign is created and updated with all of these: no open pixel, no link
# rewritten for click tracking, no analytics tags appended to links, nothing sent
# to a CRM. Mailchimp tracks opens and both kinds of clicks unless told not to.
TRACKING_OFF = {
    "opens": False, "html_clicks": False, "text_clicks": False, "goal_tracking": False,
    "ecomm360": False, "google_analytics": "", "clicktale": "",
    "salesforce": {"campaign": False, "notes": False}, "capsule": {"notes": False},
}
# Each tracking field as the refusal names it.
TRACKING_NAMES = {
    "opens": "open tracking", "html_clicks": "click tracking (HTML)",
    "text_clicks": "click tracking (plain text)", "goal_tracking": "goal tracking",
    "ecomm360": "e-commerce tracking", "google_analytics": "Google Analytics link tagging",
    "clicktale": "ClickTale tracking", "salesforce": "Salesforce tracking",
    "capsule": "Capsule tracking",
}
# Tracking Mailchimp switches on when a request leaves it out (its defaults).
_ON_UNLESS_SAID = ("opens", "html_clicks", "text_clicks")
PLAN_REFUSED = 403


@dataclass
class Outgoing:
    """One issue as the sender sees it (see outbox.py)."""
    slug: str
    title: str
    subject: str
    preview: str
    date: datetime
    status: str
    source: str
    content_hash: str
    html: str = ""
    text: str = ""
    due: bool = False
    why_not: str = ""
    mailchimp_id: str = ""
    key: str = ""                 # the identity (issues.identity); the slug when empty
    email: bool = False           # the file says `Email: yes`
    stale: str = ""               # why it is too old to email, if it is
    send_at: datetime = None      # when its email should go out (aware)
    stamp: object = None          # callable writing its Issue_id line; True when it did
    email_folder: str = ""        # where the build rendered email.html and email.txt

    def __post_init__(self):
        self.key = self.key or self.slug
        self.send_at = self.send_at or self.date

    def load_email(self):
        """Read the rendered email, only when it is about to be sent (a renamed issue
        that went out long ago needs none). FileNotFoundError when it was not built."""
        if self.email_folder and not self.html:
            self.html, self.text = (_read(os.path.join(self.email_folder, name))
                                    for name in ("email.html", "email.txt"))


@dataclass
class Outcome:
    slug: str
    # create, update-draft, nothing, edited, held, web-only, waiting, lost-to-other-run, error
    action: str
    detail: str
    campaign_id: str = ""
    steps: list = field(default_factory=list)
    strays: list = field(default_factory=list)

    @property
    def failed(self):
        return self.action == "error"

    def line(self):
        return f"{self.slug}: {self.detail}"


def marker(key):
    return f"[newsletter:{key}]"


def campaign_title(issue):
    tag = " " + marker(issue.key)
    room = TITLE_MAX - len(tag)
    title = issue.title if len(issue.title) <= room else issue.title[: room - 1].rstrip() + "…"
    return title + tag


def slug_of(campaign):
    """The identity in a campaign's marker (the issue's slug at its first send), or None."""
    match = MARKER.search((campaign.get("settings") or {}).get("title") or "")
    return match["slug"] if match else None


def quarter_hour(moment):
    """The first quarter hour (UTC) at or after moment."""
    moment = moment.astimezone(UTC)
    base = moment.replace(minute=0, second=0, microsecond=0)
    return base + timedelta(minutes=15 * math.ceil((moment - base).total_seconds() / 900))


def schedule_time(send_at, now, lead_minutes):
    """The issue's send time on Mailchimp's quarter-hour grid; when that has passed (or
    is closer than lead_minutes), the first quarter hour lead_minutes from now."""
    return max(quarter_hour(send_at), quarter_hour(now + timedelta(minutes=lead_minutes)))


def tracking_on(tracking):
    """The names of the tracking Mailchimp reports on (what it defaults on when unsaid)."""
    tracking = tracking or {}
    found = []
    for key, name in TRACKING_NAMES.items():
        value = tracking.get(key, key in _ON_UNLESS_SAID)
        if isinstance(value, dict):
            value = any(value.values())
        if value:
            found.append(name)
    return found


def version(issue):
    """One version of an issue's email: what a reader gets. One test email each."""
    digest = hashlib.sha256()
    for part in (issue.subject, issue.preview, issue.html, issue.text):
        digest.update(part.encode("utf-8") + b"\x00")
    return "sha256:" + digest.hexdigest()


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _age(campaign):
    return (campaign.get("create_time") or "", int(campaign.get("web_id") or 0), campaign["id"])


def _state(status):
    return {"save": "draft", "schedule": "scheduled"}.get(status, status)


def _local(moment, like):
    return f"{moment.astimezone(like.tzinfo):%Y-%m-%d %H:%M %Z}".strip()


def _when(send_time, like):
    """' for <time>' from Mailchimp's send_time, in the site's time zone ('' without one)."""
    try:
        return f" for {_local(datetime.fromisoformat(send_time.replace('Z', '+00:00')), like)}"
    except (AttributeError, ValueError):
        return ""


class Sender:
    """Plans and carries out one run over the issues.

    mc: a synergy.mailchimp connection, or None (a dry run without a key: the plan
    then rests on the ledger alone). now: the build clock (synergy.clock.now).
    """

    def __init__(self, mc, *, ledger, list_id, from_name, reply_to, test_emails,
                 lead_minutes=5, send_immediately=False, settle_seconds=2.0,
                 sleep=time.sleep, now=None):
        self.mc = mc
        self.ledger = ledger
        self.list_id = list_id
        self.from_name = from_name
        self.reply_to = reply_to
        self.test_emails = list(test_emails)
        self.lead_minutes = lead_minutes
        self.send_immediately = send_immediately
        self.settle_seconds = settle_seconds
        self._sleep = sleep
        self.now = now or (lambda: datetime.now(UTC))
        self.stamped = []               # files whose Issue_id line this run wrote
        self.schedule_refused = False   # Mailchimp refused to schedule: said once

    # --- looking -------------------------------------------------------------------

    def campaigns_for(self, key):
        """The audience's campaigns carrying the issue's marker, oldest first."""
        campaigns = every(self.mc, "/campaigns", "campaigns", {
            "list_id": self.list_id, "sort_field": "create_time", "sort_dir": "ASC",
            "fields": LIST_FIELDS})
        return sorted((c for c in campaigns if slug_of(c) == key), key=_age)

    # --- deciding ----------------------------------------------------------------------

    def plan(self, issue):
        """What a --send run would do for this issue, as an Outcome; writes nothing."""
        if not issue.due:
            return Outcome(issue.slug, "held", f"nothing: {issue.why_not}; not sent")
        if issue.mailchimp_id:
            return Outcome(issue.slug, "nothing",
                           "nothing: sent from Mailchimp before the site "
                           f"(campaign {issue.mailchimp_id})", issue.mailchimp_id)
        entry = self.ledger.get(issue.key) or {}
        remote = self.campaigns_for(issue.key) if self.mc else None
        done = [c for c in (remote or []) if c["status"] != DRAFT]
        if done or entry.get("state") in DONE:
            return self._went_out(issue, entry, done[0] if done else None, remote)
        if not issue.email:
            return Outcome(issue.slug, "web-only", "web only: add `Email: yes` to email it")
        if issue.stale:
            return Outcome(issue.slug, "held", f"nothing: {issue.stale}")
        then = self._how_it_goes_out(issue)
        tests = ", ".join(self.test_emails) or "nobody (MAILCHIMP_TEST_EMAILS is empty)"
        drafts = [c for c in (remote or []) if c["status"] == DRAFT]
        if drafts:
            return Outcome(issue.slug, "update-draft",
                           f"update the draft campaign {drafts[0]['id']} (no tracking), set its "
                           f"content, send a test to {tests} unless this version had one, "
                           f"then {then}", drafts[0]["id"])
        note = "" if remote is not None else \
            " (Mailchimp not checked: MAILCHIMP_API_KEY is not set)"
        return Outcome(issue.slug, "create",
                       f"create the campaign with no open or click tracking, set its content, "
                       f"send a test to {tests}, then {then}{note}")

    def _went_out(self, issue, entry, campaign, remote):
        drafts = [c["id"] for c in (remote or []) if c["status"] == DRAFT]
        strays = f"; delete stray draft {', '.join(drafts)}" if drafts else ""
        if campaign is None and remote is not None:
            return Outcome(
                issue.slug, "nothing",
                f"nothing: the ledger records campaign {entry.get('campaign_id')} as "
                f"{entry['state']} but Mailchimp does not show it sent -- not sending again; "
                "check Mailchimp, then remove the issue's ledger entry to send it",
                entry.get("campaign_id", ""), strays=drafts)
        campaign_id = campaign["id"] if campaign else entry.get("campaign_id", "")
        state = _state(campaign["status"]) if campaign else entry.get("state")
        when = _when((campaign or {}).get("send_time") or entry.get("send_time"), issue.send_at)
        recorded = entry.get("content_hash")
        if recorded and recorded != issue.content_hash:
            return Outcome(issue.slug, "edited",
                           f"went out already: campaign {campaign_id} is {state}{when} with the "
                           "earlier text, and is not sent again -- the edit shows on the web "
                           f"copy only; send news in a new issue{strays}", campaign_id,
                           strays=drafts)
        return Outcome(issue.slug, "nothing",
                       f"went out already: campaign {campaign_id} is {state}{when}; never sent "
                       f"again{strays}", campaign_id, strays=drafts)

    def _how_it_goes_out(self, issue):
        when = schedule_time(issue.send_at, self.now(), self.lead_minutes)
        if self.send_immediately:
            return (f"send it with the first run at or after {_local(issue.send_at, issue.send_at)} "
                    "(NEWSLETTER_SEND_IMMEDIATELY)")
        return f"schedule it for {_local(when, issue.send_at)}"

    # --- doing ---------------------------------------------------------------------------

    def send(self, issue):
        """Carry out the plan for one issue: an Outcome, never a Mailchimp exception."""
        try:
            outcome = self.plan(issue)
            if outcome.action in ("nothing", "edited") and not issue.mailchimp_id:
                self._converge(issue, outcome)
            if outcome.action in ("create", "update-draft"):
                try:
                    issue.load_email()
                except FileNotFoundError:
                    return Outcome(issue.slug, "error", f"no rendered email in "
                                   f"{issue.email_folder} -- build the site first")
            if outcome.action == "create":
                return self._create_and_send(issue)
            if outcome.action == "update-draft":
                # Left by an interrupted run: keep the oldest, drop newer twins, finish it.
                return self._after_creation(issue, self.campaigns_for(issue.key), own=None)
            return outcome
        except MailchimpError as error:
            return Outcome(issue.slug, "error",
                           f"FAILED: {error} -- run again: nothing is sent twice")

    def _converge(self, issue, outcome):
        """An issue that went out: its file keeps its identity, its stray drafts go, and
        the ledger follows Mailchimp (scheduled becomes sent)."""
        self._stamp(issue)
        for campaign_id in outcome.strays:
            self._delete_draft(campaign_id)
        if outcome.campaign_id:
            self._remember_done(issue, outcome.campaign_id)

    def _stamp(self, issue):
        if issue.stamp is not None and issue.stamp():
            self.stamped.append(issue.source)

    def _remember_done(self, issue, campaign_id):
        if not self.mc:
            return
        entry = self.ledger.get(issue.key) or {}
        try:
            campaign = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status,send_time"})
        except MailchimpError as error:
            if error.status == 404:  # gone from Mailchimp: the ledger keeps what it knew
                return
            raise
        state = _state(campaign["status"])
        send_time = campaign.get("send_time") or None
        if entry.get("campaign_id") == campaign_id and entry.get("state") == state \
                and entry.get("send_time") == send_time:
            return
        self.ledger.record(issue.key, campaign_id=campaign_id, state=state,
                           content_hash=entry.get("content_hash") or issue.content_hash,
                           source=issue.source, slug=issue.slug, send_time=send_time)

    def _create_and_send(self, issue):
        self._stamp(issue)  # before Mailchimp hears of it: the id must outlive a rename
        own, lost = None, False
        for _ in range(CREATE_ATTEMPTS):
            try:
                own = self.mc.post("/campaigns", self._campaign_body(issue), creates=True)["id"]
                break
            except AnswerLost:
                # Mailchimp may have created it: look before trying again.
                lost = True
                self._sleep(self.settle_seconds)
                existing = self.campaigns_for(issue.key)
                if existing:
                    return self._after_creation(issue, existing, own=None)
        if own is None:
            return Outcome(issue.slug, "error",
                           f"FAILED: Mailchimp did not confirm creating the campaign after "
                           f"{CREATE_ATTEMPTS} tries -- run again: nothing is sent twice")
        self.ledger.record(issue.key, campaign_id=own, state="draft", slug=issue.slug,
                           content_hash=issue.content_hash, source=issue.source)
        self._sleep(self.settle_seconds)
        return self._after_creation(issue, self.campaigns_for(issue.key), own=own,
                                    adopt=lost)

    def _after_creation(self, issue, existing, own, adopt=False):
        """Keep the campaign of record; remove stray drafts (see the module doc).

        adopt: this run lost the answer to an earlier create, so an older campaign
        may well be its own, created late: finish it rather than leave it to nobody.
        Should another run be finishing it too, Mailchimp still schedules it once.
        """
        if not existing and own is not None:  # not listed yet: it is all there is
            existing = [{"id": own, "status": DRAFT}]
        done = [c for c in existing if c["status"] != DRAFT]
        winner = done[0] if done else existing[0]
        for campaign in existing:
            if campaign is winner or campaign["status"] != DRAFT:
                continue
            if done or _age(campaign) > _age(winner):
                self._delete_draft(campaign["id"])
        if own is not None and winner["id"] != own and not adopt:
            self.ledger.record(issue.key, campaign_id=winner["id"], state=_state(winner["status"]))
            return Outcome(issue.slug, "lost-to-other-run",
                           f"another run created campaign {winner['id']} first; deleted this run's "
                           f"duplicate draft {own} and left the issue to that run", winner["id"])
        if done:
            self._remember_done(issue, winner["id"])
            return Outcome(issue.slug, "nothing",
                           f"went out already: campaign {winner['id']} is "
                           f"{_state(winner['status'])}; never sent again", winner["id"])
        return self._finish(issue, winner["id"], created=own is not None)

    def _delete_draft(self, campaign_id):
        try:
            self.mc.delete(f"/campaigns/{campaign_id}")
        except MailchimpError as error:
            if error.status != 404:  # already deleted by the run that made it
                raise

    def _finish(self, issue, campaign_id, created):
        steps = ["created" if created else "updated the draft"]
        if not created:
            self.mc.patch(f"/campaigns/{campaign_id}",
                          {"settings": self._settings(issue), "tracking": TRACKING_OFF})
        self.mc.put(f"/campaigns/{campaign_id}/content",
                    {"html": issue.html, "plain_text": issue.text})
        current = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status,tracking"})
        if current["status"] != DRAFT:
            self._remember_done(issue, campaign_id)
            return Outcome(issue.slug, "nothing",
                           f"went out already: campaign {campaign_id} was "
                           f"{_state(current['status'])} by another run meanwhile", campaign_id)
        tracked = tracking_on(current.get("tracking"))
        if tracked:
            return Outcome(issue.slug, "error",
                           f"NOT SENT: Mailchimp reports {', '.join(tracked)} on for campaign "
                           f"{campaign_id} -- in Mailchimp open the campaign's Settings & "
                           "Tracking, untick every tracking box, save, then run again",
                           campaign_id, steps)
        steps.append(self._test(issue, campaign_id))
        rival = [c for c in self.campaigns_for(issue.key)
                 if c["id"] != campaign_id and c["status"] != DRAFT]
        if rival:
            self._delete_draft(campaign_id)
            self._remember_done(issue, rival[0]["id"])
            return Outcome(issue.slug, "nothing",
                           f"went out already: campaign {rival[0]['id']} went out meanwhile; "
                           f"deleted the draft {campaign_id}", rival[0]["id"])
        return self._go(issue, campaign_id, steps, created)

    def _test(self, issue, campaign_id):
        """One test email per version of the issue, however many runs finish its draft."""
        this = version(issue)
        entry = self.ledger.get(issue.key) or {}
        if entry.get("tested_version") == this and entry.get("campaign_id") == campaign_id:
            return "test already sent for this version"
        # A repeated test email is harmless, so this action may be retried.
        self.mc.post(f"/campaigns/{campaign_id}/actions/test",
                     {"test_emails": self.test_emails, "send_type": "html"}, idempotent=True)
        self.ledger.record(issue.key, campaign_id=campaign_id, state="tested", slug=issue.slug,
                           content_hash=issue.content_hash, source=issue.source,
                           tested_version=this)
        return f"tested ({', '.join(self.test_emails)})"

    def _go(self, issue, campaign_id, steps, created):
        """Schedule the campaign for the issue's time, or send it when that is the way."""
        action = "create" if created else "update-draft"
        now = self.now()
        if self.send_immediately:
            if now < issue.send_at:
                return Outcome(issue.slug, "waiting",
                               f"campaign {campaign_id}: {', '.join(steps)}; sent by the first "
                               f"run at or after {_local(issue.send_at, issue.send_at)} "
                               "(NEWSLETTER_SEND_IMMEDIATELY)", campaign_id, steps)
            self._act(campaign_id, "send", None)
            steps.append("sent")
        elif self.schedule_refused:
            return Outcome(issue.slug, "error",
                           f"campaign {campaign_id}: {', '.join(steps)}; not scheduled: "
                           "Mailchimp refuses scheduling on this account (see above)",
                           campaign_id, steps)
        else:
            when = schedule_time(issue.send_at, now, self.lead_minutes)
            try:
                self._act(campaign_id, "schedule",
                          {"schedule_time": when.strftime("%Y-%m-%dT%H:%M:%S+00:00")})
            except MailchimpError as error:
                if error.status != PLAN_REFUSED:
                    raise
                self.schedule_refused = True
                return Outcome(issue.slug, "error",
                               f"campaign {campaign_id}: {', '.join(steps)}; Mailchimp refused to "
                               f"schedule it ({error.status} {error.title}), as it does on its "
                               "Free plan -- set NEWSLETTER_SEND_IMMEDIATELY=yes so the first run "
                               "at or after the issue's time sends it, or move to a plan that "
                               "schedules", campaign_id, steps)
            steps.append(f"scheduled for {_local(when, issue.send_at)}")
        status = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status,send_time"})
        self.ledger.record(issue.key, campaign_id=campaign_id, state=_state(status["status"]),
                           content_hash=issue.content_hash, source=issue.source, slug=issue.slug,
                           send_time=status.get("send_time") or None)
        return Outcome(issue.slug, action,
                       f"campaign {campaign_id}: " + ", ".join(steps), campaign_id, steps)

    def _act(self, campaign_id, action, body):
        """Schedule or send. Mailchimp refuses to do either twice to one campaign, so a
        retry after a lost answer is safe; its refusal is checked against the status."""
        try:
            self.mc.post(f"/campaigns/{campaign_id}/actions/{action}", body, idempotent=True)
        except MailchimpError:
            status = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status"})["status"]
            if status == DRAFT:
                raise

    def _settings(self, issue):
        return {
            "subject_line": issue.subject,
            "preview_text": issue.preview,
            "title": campaign_title(issue),
            "from_name": self.from_name,
            "reply_to": self.reply_to,
            # Nothing posted about the issue elsewhere, no Facebook comments or
            # toolbar on Mailchimp's archive copy, no footer of Mailchimp's own.
            "auto_tweet": False,
            "fb_comments": False,
            "auto_footer": False,
        }

    def _campaign_body(self, issue):
        return {"type": "regular", "recipients": {"list_id": self.list_id},
                "settings": self._settings(issue), "tracking": TRACKING_OFF}
