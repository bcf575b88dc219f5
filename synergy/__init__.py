"""The site's shared library: what plugins, tasks and tests import, never each other.

Pelican loads each plugin in plugins/ by itself; none of them imports another.
What two or more of them need lives here, in one module per concern:

- errors: every error the project raises on purpose, in one documented tree;
- boundary: where those errors are caught and printed as one line (exit 1);
- settings: reading a setting with its default, validating it, writing it back;
- problems: reporting a content mistake as one line naming its file;
- paths: a file as the editor knows it (content/blog/x.md);
- cache: digests, atomic writes and the digest-keyed JSON cache of a build;
- words: the yes and no words of metadata;
- metadata: the `Key: value` lines at the top of a Markdown file;
- clock: the build clock, "now" for every decision that depends on time;
- mailchimp: the one client every Mailchimp call goes through, and its settings;
- content: the content lint's schema, checks and the skeletons of `invoke new`;
- signups: `invoke signups`, offline signup lists brought into the audience;
- gates: checks of the built site used by tasks and tests (links, Lighthouse).
"""
