"""At build time, check that the signup form's settings match the real audience.

The forms post to <account>.<dc>.list-manage.com/subscribe/post?u=...&id=...;
a wrong value there loses every signup silently. So when MAILCHIMP_API_KEY is
set, the build reads the audience (GET /lists/{id}) and compares its
subscribe_url_long, its toolkit tag and its merge fields with the settings. A
mismatch stops a publish build (PUBLISH_BUILD) with one line per wrong
setting; other builds log it as a warning. Without a key: one info line, and
the Mailchimp client is never imported.

Settings: the MAILCHIMP_* form settings (synergy.mailchimp.settings) and
MAILCHIMP_AUDIENCE_CHECK (default True). Signal: `initialized`.
"""

from .check import register  # noqa: F401
