"""Every built page is valid HTML by the Nu HTML Checker: zero errors (warnings are printed)."""

import pytest

from gates import vnu
from synergy.gates.pages import html_pages


@pytest.fixture(scope="module")
def checked(site):
    why_not = vnu.available()
    if why_not:
        pytest.fail(why_not, pytrace=False)
    files = [site.output / rel for rel in html_pages(site.output)]
    return files, vnu.validate(files, root=site.output)


def is_email(line):
    return bool(vnu.EMAIL_DOCUMENT.match(line.partition(":")[0]))


def test_every_built_page_is_checked(checked, site):
    files, _ = checked
    assert len(files) >= 10, f"only {len(files)} HTML files in {site.output}"


def test_web_pages_have_no_html_errors(checked):
    _, result = checked
    if result.warnings:
        print(f"Nu HTML Checker warnings (allowed):\n{result.warning_summary()}")
    errors = [e for e in result.errors if not is_email(e)]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:60])


def test_newsletter_emails_have_no_html_errors_but_email_conventions(checked):
    _, result = checked
    emails = [e for e in result.errors if is_email(e)]
    for line in emails:
        if vnu.email_convention(line):
            print(f"allowed in email ({vnu.email_convention(line)}): {line}")
    errors = [e for e in emails if not vnu.email_convention(e)]
    assert not errors, f"{len(errors)} HTML errors in emails:\n" + "\n".join(errors[:60])
