"""Sending: each due issue becomes exactly one Mailchimp campaign, tested and scheduled once.

Why this is exactly once, even with retries, crashes and overlapping runs:

1. Mailchimp is the source of truth. Every campaign carries its issue's marker in
   its title ("... [newsletter:<slug>]"). Before doing anything for an issue we
   list the audience's campaigns and look for the marker. A campaign that is
   scheduled, sending or sent is never touched again, and a campaign can only
   be delivered once by Mailchimp itself: so the whole problem reduces to
   "one campaign per issue is ever scheduled".
2. The POST that creates a campaign is never retried blindly. When its answer
   is lost (timeout, dropped connection, 5xx) the campaign may exist: we look
   the marker up, and only create again when Mailchimp shows none. Should the
   lost create land late, after that look-up, it is the older of the two: the
   run finishes it and deletes its own newer draft (the rule of point 3).
3. Two runs at once (overlapping deploys, on one machine or two): both may find
   no campaign and both create one. After creating, each run waits
   NEWSLETTER_SETTLE_SECONDS (longer than the one-second grain of Mailchimp's
   create_time) and lists the marker again. The oldest campaign wins
   (create_time, then web_id); a run whose campaign is not the oldest deletes
   its own draft and stops. Both runs see the same oldest campaign: the winner
   was created before the loser's creation, so the loser's re-check sees it;
   and any campaign created after the winner's re-check is strictly newer
   because of the wait. Only drafts newer than the oldest campaign are ever
   deleted, never the oldest and never one that is scheduled or sent, so a
   deletion cannot cancel the one real send. Before scheduling, the campaign's
   status is read again, and Mailchimp refuses to schedule or send a campaign
   twice, so two runs finishing the same leftover draft still send it once.
4. The ledger (ledger.py) records issue -> campaign, state and the hash of the
   issue's text. An issue the ledger calls scheduled or sent is never sent
   again even if Mailchimp stops showing it; an issue whose text changed after
   it went out is reported, not resent.

outbox.py assembles what is sent (the issues and the emails the build
rendered); command.py is `invoke newsletter`.
"""

import math
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from synergy.errors import AnswerLost, MailchimpError
from synergy.mailchimp.pages import every

from .ledger import DONE

SENT_STATUSES = ("schedule", "sending", "sent")
# Anything but a draft has gone out, or may have (a canceled send reached some
# readers): such a campaign is never touched again.
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


@dataclass
class Outcome:
    slug: str
    action: str          # create, update-draft, nothing, held, edited, lost-to-other-run, error
    detail: str
    campaign_id: str = ""
    steps: list = field(default_factory=list)

    @property
    def failed(self):
        return self.action == "error"

    def line(self):
        return f"{self.slug}: {self.detail}"


def marker(slug):
    return f"[newsletter:{slug}]"


def campaign_title(issue):
    tag = " " + marker(issue.slug)
    room = TITLE_MAX - len(tag)
    title = issue.title if len(issue.title) <= room else issue.title[: room - 1].rstrip() + "…"
    return title + tag


def slug_of(campaign):
    match = MARKER.search((campaign.get("settings") or {}).get("title") or "")
    return match["slug"] if match else None


def schedule_time(now, lead_minutes):
    """At least lead_minutes ahead, rounded up to the next quarter hour (UTC)."""
    earliest = now.astimezone(UTC) + timedelta(minutes=lead_minutes)
    base = earliest.replace(minute=0, second=0, microsecond=0)
    quarters = math.ceil((earliest - base).total_seconds() / 900)
    return base + timedelta(minutes=15 * quarters)


def _age(campaign):
    return (campaign.get("create_time") or "", int(campaign.get("web_id") or 0), campaign["id"])


class Sender:
    """Plans and carries out one run over the issues.

    mc: a synergy.mailchimp connection, or None (a dry run without a key: the plan
    then rests on the ledger alone).
    """

    def __init__(self, mc, *, ledger, list_id, from_name, reply_to, test_emails,
                 lead_minutes=30, send_immediately=False, settle_seconds=2.0,
                 sleep=time.sleep, wall_clock=None):
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
        self._wall_clock = wall_clock or (lambda: datetime.now(UTC))

    # --- looking -------------------------------------------------------------------

    def campaigns_for(self, slug):
        """The audience's campaigns carrying the issue's marker, oldest first."""
        campaigns = every(self.mc, "/campaigns", "campaigns", {
            "list_id": self.list_id, "sort_field": "create_time", "sort_dir": "ASC",
            "fields": LIST_FIELDS})
        return sorted((c for c in campaigns if slug_of(c) == slug), key=_age)

    # --- deciding ----------------------------------------------------------------------

    def plan(self, issue):
        """What a --send run would do for this issue, as an Outcome; writes nothing."""
        if not issue.due:
            return Outcome(issue.slug, "held", f"nothing: {issue.why_not}; not sent")
        if issue.mailchimp_id:
            return Outcome(issue.slug, "nothing",
                           "nothing: sent from Mailchimp before the site "
                           f"(campaign {issue.mailchimp_id})",
                           issue.mailchimp_id)
        entry = self.ledger.get(issue.slug) or {}
        remote = self.campaigns_for(issue.slug) if self.mc else None
        done = [c for c in (remote or []) if c["status"] != DRAFT]
        if done:
            return self._already(issue, entry, done[0])
        if entry.get("state") in DONE:
            if remote is None:
                return self._already(issue, entry, None)
            return Outcome(
                issue.slug, "nothing",
                f"nothing: the ledger records campaign {entry.get('campaign_id')} as "
                f"{entry['state']} but Mailchimp does not show it sent -- not sending again; "
                "check Mailchimp, then remove the issue's ledger entry to send it",
                entry.get("campaign_id", ""))
        then = self._how_it_goes_out()
        tests = ", ".join(self.test_emails) or "nobody (MAILCHIMP_TEST_EMAILS is empty)"
        drafts = [c for c in (remote or []) if c["status"] == DRAFT]
        if drafts:
            return Outcome(issue.slug, "update-draft",
                           f"update the draft campaign {drafts[0]['id']}, set its content, "
                           f"send a test to {tests}, then {then}", drafts[0]["id"])
        note = "" if remote is not None else \
            " (Mailchimp not checked: MAILCHIMP_API_KEY is not set)"
        return Outcome(issue.slug, "create",
                       f"create the campaign, set its content, send a test to {tests}, "
                       f"then {then}{note}")

    def _already(self, issue, entry, campaign):
        campaign_id = campaign["id"] if campaign else entry.get("campaign_id", "")
        state = {"schedule": "scheduled"}.get(campaign["status"], campaign["status"]) if campaign \
            else entry.get("state")
        recorded = entry.get("content_hash")
        if recorded and recorded != issue.content_hash:
            return Outcome(issue.slug, "edited",
                           f"EDITED AFTER IT WAS {state.upper()}: campaign {campaign_id} went out "
                           f"with the earlier text; it is not sent again -- correct it on the web "
                           "copy only, or send a new issue with a new slug", campaign_id)
        return Outcome(issue.slug, "nothing", f"nothing: already {state} (campaign {campaign_id})",
                       campaign_id)

    def _how_it_goes_out(self):
        if self.send_immediately:
            return "send it at once"
        when = schedule_time(self._wall_clock(), self.lead_minutes)
        return f"schedule it for {when:%Y-%m-%d %H:%M} UTC"

    # --- doing ---------------------------------------------------------------------------

    def send(self, issue):
        """Carry out the plan for one issue: an Outcome, never a Mailchimp exception."""
        try:
            outcome = self.plan(issue)
            if outcome.action == "nothing" and outcome.campaign_id and not issue.mailchimp_id:
                self._remember_done(issue, outcome.campaign_id)
            if outcome.action == "create":
                return self._create_and_send(issue)
            if outcome.action == "update-draft":
                # Left by an interrupted run: keep the oldest, drop newer twins, finish it.
                return self._after_creation(issue, self.campaigns_for(issue.slug), own=None)
            return outcome
        except MailchimpError as error:
            return Outcome(issue.slug, "error",
                           f"FAILED: {error} -- run again: nothing is sent twice")

    def _remember_done(self, issue, campaign_id):
        entry = self.ledger.get(issue.slug) or {}
        if entry.get("campaign_id") == campaign_id and entry.get("state") in DONE:
            return
        campaign = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status,send_time"}) \
            if self.mc else None
        if campaign:
            self.ledger.record(issue.slug, campaign_id=campaign_id,
                               state=_state(campaign["status"]),
                               content_hash=entry.get("content_hash") or issue.content_hash,
                               source=issue.source, send_time=campaign.get("send_time") or None)

    def _create_and_send(self, issue):
        own, lost = None, False
        for _ in range(CREATE_ATTEMPTS):
            try:
                own = self.mc.post("/campaigns", self._campaign_body(issue), creates=True)["id"]
                break
            except AnswerLost:
                # Mailchimp may have created it: look before trying again.
                lost = True
                self._sleep(self.settle_seconds)
                existing = self.campaigns_for(issue.slug)
                if existing:
                    return self._after_creation(issue, existing, own=None)
        if own is None:
            return Outcome(issue.slug, "error",
                           f"FAILED: Mailchimp did not confirm creating the campaign after "
                           f"{CREATE_ATTEMPTS} tries -- run again: nothing is sent twice")
        self.ledger.record(issue.slug, campaign_id=own, state="draft",
                           content_hash=issue.content_hash, source=issue.source)
        self._sleep(self.settle_seconds)
        return self._after_creation(issue, self.campaigns_for(issue.slug), own=own,
                                    adopt=lost)

    def _after_creation(self, issue, existing, own, adopt=False):
        """Keep the oldest campaign with the marker; remove newer drafts (see the module doc).

        adopt: this run lost the answer to an earlier create, so an older campaign
        may well be its own, created late: finish it rather than leave it to nobody.
        Should another run be finishing it too, Mailchimp still schedules it once.
        """
        done = [c for c in existing if c["status"] != DRAFT]
        winner = done[0] if done else existing[0]
        for campaign in existing:
            newer = _age(campaign) > _age(winner)
            if campaign is not winner and campaign["status"] == DRAFT and newer:
                self._delete_draft(campaign["id"])
        if own is not None and winner["id"] != own and not adopt:
            self.ledger.record(issue.slug, campaign_id=winner["id"], state=_state(winner["status"]))
            return Outcome(issue.slug, "lost-to-other-run",
                           f"another run created campaign {winner['id']} first; deleted this run's "
                           f"duplicate draft {own} and left the issue to that run", winner["id"])
        if done:
            self._remember_done(issue, winner["id"])
            return Outcome(issue.slug, "nothing",
                           f"nothing: already {_state(winner['status'])} (campaign {winner['id']})",
                           winner["id"])
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
            self.mc.patch(f"/campaigns/{campaign_id}", {"settings": self._settings(issue)})
        self.mc.put(f"/campaigns/{campaign_id}/content",
                    {"html": issue.html, "plain_text": issue.text})
        # A repeated test email is harmless, so this action may be retried.
        self.mc.post(f"/campaigns/{campaign_id}/actions/test",
                     {"test_emails": self.test_emails, "send_type": "html"}, idempotent=True)
        steps.append(f"tested ({', '.join(self.test_emails)})")
        self.ledger.record(issue.slug, campaign_id=campaign_id, state="tested",
                           content_hash=issue.content_hash, source=issue.source)
        current = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status"})
        if current["status"] != DRAFT:
            self._remember_done(issue, campaign_id)
            return Outcome(issue.slug, "nothing",
                           f"nothing: campaign {campaign_id} was {_state(current['status'])} "
                           "by another run meanwhile", campaign_id, steps)
        if self.send_immediately:
            self._act(campaign_id, "send", None)
            steps.append("sent")
        else:
            when = schedule_time(self._wall_clock(), self.lead_minutes)
            self._act(campaign_id, "schedule",
                      {"schedule_time": when.strftime("%Y-%m-%dT%H:%M:%S+00:00")})
            steps.append(f"scheduled for {when:%Y-%m-%d %H:%M} UTC")
        status = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status,send_time"})
        self.ledger.record(issue.slug, campaign_id=campaign_id, state=_state(status["status"]),
                           content_hash=issue.content_hash, source=issue.source,
                           send_time=status.get("send_time") or None)
        return Outcome(issue.slug, "create" if created else "update-draft",
                       f"campaign {campaign_id}: " + ", ".join(steps), campaign_id, steps)

    def _act(self, campaign_id, action, body):
        """Schedule or send. Mailchimp refuses to do either twice to one campaign, so a
        retry after a lost answer is safe; its refusal is checked against the status."""
        try:
            self.mc.post(f"/campaigns/{campaign_id}/actions/{action}", body, idempotent=True)
        except MailchimpError:
            status = self.mc.get(f"/campaigns/{campaign_id}", {"fields": "id,status"})["status"]
            if status not in SENT_STATUSES:
                raise

    def _settings(self, issue):
        return {
            "subject_line": issue.subject,
            "preview_text": issue.preview,
            "title": campaign_title(issue),
            "from_name": self.from_name,
            "reply_to": self.reply_to,
        }

    def _campaign_body(self, issue):
        return {"type": "regular", "recipients": {"list_id": self.list_id},
                "settings": self._settings(issue)}


def _state(status):
    return {"save": "draft", "schedule": "scheduled"}.get(status, status)
