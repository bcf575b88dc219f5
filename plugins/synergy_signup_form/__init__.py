"""The toolkit signup form's settings, and the Content-Security-Policy that admits it.

The signup card (theme/templates/partials/signup_form.html) posts to
Mailchimp's hosted endpoint on https://<account>.<dc>.list-manage.com, and its
progressive enhancement loads that origin's JSONP answer as a script. At
`initialized` the MAILCHIMP_* form settings (synergy.mailchimp.settings) become
SIGNUP_FORM for the partial, and exactly that origin is added to
CSP_FORM_ACTION and CSP_SCRIPT_SRC, which partials/csp.html reads (both default
to no extra source). A missing value turns the form into a notice in
development (SIGNUP_FORM_MISSING names it) and stops a publish build; a
malformed value always stops the build.

Signal: `initialized`.
"""

from .form import register  # noqa: F401
