"""Every built page is valid HTML by the Nu HTML Checker: zero errors (warnings are printed)."""

import pytest

from gates import vnu
from gates.pages import html_pages


@pytest.fixture(scope="module")
def checked(site):
    why_not = vnu.available()
    if why_not:
        pytest.skip(why_not)
    files = [site.output / rel for rel in html_pages(site.output)]
    return files, vnu.validate(files, root=site.output)


def test_every_built_page_is_checked(checked, site):
    files, _ = checked
    assert len(files) >= 10, f"only {len(files)} HTML files in {site.output}"


def test_built_pages_have_no_html_errors(checked):
    _, result = checked
    if result.warnings:
        print(f"Nu HTML Checker warnings (allowed):\n{result.warning_summary()}")
    assert not result.errors, (
        f"{len(result.errors)} HTML errors:\n" + "\n".join(result.errors[:60])
    )
