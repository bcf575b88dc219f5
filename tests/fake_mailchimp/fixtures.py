"""The `fake_mailchimp` pytest fixture: a fake Mailchimp wired into the environment."""

import pytest

import pelicanconf
from fake_mailchimp import FakeMailchimp


@pytest.fixture
def fake_mailchimp(monkeypatch):
    """A running FakeMailchimp; MAILCHIMP_API_KEY/_API_URL/_AUDIENCE_ID point at it.

    At teardown the test fails if any request disagreed with Mailchimp's API description.
    """
    fake = FakeMailchimp(
        account=pelicanconf.MAILCHIMP_ACCOUNT, dc=pelicanconf.MAILCHIMP_DC,
        form_u=pelicanconf.MAILCHIMP_FORM_U, audience_id=pelicanconf.MAILCHIMP_AUDIENCE_ID,
        tag_id=pelicanconf.MAILCHIMP_TOOLKIT_TAG_ID, tag_name=pelicanconf.MAILCHIMP_TOOLKIT_TAG_NAME,
    )
    with fake:
        monkeypatch.setenv("MAILCHIMP_API_KEY", fake.api_key)
        monkeypatch.setenv("MAILCHIMP_API_URL", fake.url)
        monkeypatch.setenv("MAILCHIMP_AUDIENCE_ID", fake.audience_id)
        yield fake
    assert not fake.violations, "requests that disagree with Mailchimp's API description:\n" + "\n".join(
        f"{method} {path}: {'; '.join(problems)}" for method, path, problems in fake.violations)


@pytest.fixture(scope="session", autouse=True)
def no_real_mailchimp():
    """Tests never reach the real Mailchimp, even where a key is exported."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("MAILCHIMP_API_KEY", "MAILCHIMP_API_URL"):
            patch.delenv(name, raising=False)
        yield
