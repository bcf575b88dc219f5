"""The build side: read the issues, write their pages, the archive, the feed and the emails."""

import logging
import os

from pelican.contents import SkipStub
from pelican.generators import CachingGenerator
from pelican.utils import order_content, sanitised_join

from synergy import problems

from . import config, email_render
from .issues import Issue, is_due, issue_files, missing_slug, recent_posts

logger = logging.getLogger(__name__)


class NewsletterGenerator(CachingGenerator):
    """Reads content/newsletter/ with Pelican's readers, so Markdown, metadata and
    {filename} links behave exactly as in blog articles."""

    def __init__(self, *args, **kwargs):
        self.issues = []        # due: published and dated today or earlier, newest first
        self.held_back = []     # drafts and future-dated issues: never written in a publish build
        super().__init__(*args, **kwargs)
        self.options = config.settings_of(self.settings)

    def generate_context(self):
        due, held = [], []
        for path in issue_files(self.settings):
            issue = self._read(path)
            if issue is None:
                continue
            (due if is_due(issue, self.settings) else held).append(issue)
            self.add_source_path(issue)
            self.add_static_links(issue)
        self.issues = order_content(due, "reversed-date")
        self.held_back = held
        self.context["newsletter_issues"] = self.issues
        self.save_cache()
        self.readers.save_cache()

    def _read(self, path):
        issue = self.get_cached_data(path, None)
        if issue is None:
            try:
                issue = self.readers.read_file(
                    base_path=self.path, path=path, content_class=Issue, context=self.context,
                )
            except Exception:
                logger.exception("Could not process %s", path,
                                 exc_info=self.settings.get("DEBUG", False))
                self._add_failed_source_path(path)
                return None
            if isinstance(issue, SkipStub):
                return None
            if not issue.is_valid():
                self._add_failed_source_path(path)
                return None
            self.cache_data(path, issue)
        if missing_slug(issue.source_path):
            problems.report(logger, self.settings, issue.source_path,
                            "slug: missing -- add a line 'Slug: ...' to the issue's metadata; "
                            "it names the issue's page and its Mailchimp campaign, so it must never change")
            self._add_failed_source_path(path)
            return None
        return issue

    def generate_output(self, writer):
        publish = bool(self.settings.get("PUBLISH_BUILD"))
        template = self.get_template("newsletter_issue")
        for issue in self.issues:
            writer.write_file(
                issue.save_as, template, self.context, self.settings["RELATIVE_URLS"],
                url=issue.url, issue=issue, page_name=issue.url,
                recent_posts=self._recent(issue),
            )
        if self.options["NEWSLETTER_INDEX_SAVE_AS"]:
            writer.write_file(
                self.options["NEWSLETTER_INDEX_SAVE_AS"], self.get_template("newsletter_index"),
                self.context, self.settings["RELATIVE_URLS"],
                url=self.options["NEWSLETTER_INDEX_URL"], issues=self.issues,
                page_name=self.options["NEWSLETTER_INDEX_URL"],
            )
        if self.options["NEWSLETTER_FEED_ATOM"]:
            writer.write_feed(
                self.issues, self.context, self.options["NEWSLETTER_FEED_ATOM"],
                feed_title="Newsletter",
            )
        # Drafts get an email preview on an editor's machine, never in a publish build.
        previews = [issue for issue in self.issues + ([] if publish else self.held_back)
                    if not issue.sent_from_mailchimp]
        self._write_emails(previews, publish)

    def _recent(self, issue):
        # Counted from the previous published issue: a draft never reached
        # anyone, so the posts since it are still news.
        return recent_posts(issue, self.issues, self.context.get("articles", []),
                            self.options["NEWSLETTER_RECENT_POSTS_MAX"])

    def _write_emails(self, issues, publish):
        if not issues:
            return
        env, base = email_render.environment(self.theme, self.options["NEWSLETTER_EMAIL_THEME"])
        siteurl = self.options["NEWSLETTER_SITEURL"]
        limit = self.options["NEWSLETTER_EMAIL_MAX_BYTES"]
        for issue in issues:
            folder = self.options["NEWSLETTER_PREVIEW_SAVE_AS"].format(slug=issue.slug)
            # A held-back issue (a draft, or dated ahead) has no web page yet: its
            # preview's "view in your browser" link leads to the preview itself.
            web_url = f"{siteurl}/{issue.url}" if issue in self.issues else f"{siteurl}/{folder}email.html"
            # Pelican's warnings about the issue's links name the issue's file.
            with problems.about(issue.source_path):
                html, text = email_render.render(
                    env, base, issue, siteurl=siteurl, web_url=web_url,
                    recent=self._recent(issue), settings=self.settings,
                )
            target = sanitised_join(self.output_path, folder)
            os.makedirs(target, exist_ok=True)
            with open(os.path.join(target, "email.html"), "w", encoding="utf-8") as handle:
                handle.write(html)
            with open(os.path.join(target, "email.txt"), "w", encoding="utf-8") as handle:
                handle.write(text)
            size = len(html.encode("utf-8"))
            if size > limit:
                problems.report(
                    logger, self.settings, issue.source_path,
                    f"{folder}email.html is {size / 1024:.1f} KB ({size} bytes), over the "
                    f"{limit // 1024} KB at which Gmail clips a message "
                    "-- shorten the issue or list fewer posts",
                    level=logging.ERROR if publish else logging.WARNING)
