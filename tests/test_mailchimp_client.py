"""The Mailchimp client: configuration from the environment, retries, exactly-once POSTs, errors."""

import logging
import threading

import pytest

from fake_mailchimp import FakeMailchimp
from synergy.errors import AnswerLost, MailchimpConfigError, MailchimpError
from synergy.mailchimp import connect

FAST = {"timeout": (1.0, 1.0), "retries": 3, "backoff": 0.01}


@pytest.fixture
def mc(fake_mailchimp):
    with connect(**FAST) as connection:
        yield connection


def campaign_body(list_id, title="March newsletter"):
    return {"type": "regular", "recipients": {"list_id": list_id},
            "settings": {"subject_line": "Spring", "from_name": "Synergy",
                         "reply_to": "hello@example.com", "title": title}}


# --- configuration -------------------------------------------------------------------

def test_without_a_key_connect_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("MAILCHIMP_API_KEY", raising=False)
    with pytest.raises(MailchimpConfigError, match="MAILCHIMP_API_KEY"):
        connect()


def test_a_key_without_data_center_is_refused_without_repeating_the_key(monkeypatch):
    key = "f" * 32
    monkeypatch.setenv("MAILCHIMP_API_KEY", key)
    monkeypatch.delenv("MAILCHIMP_API_URL", raising=False)
    with pytest.raises(MailchimpConfigError) as raised:
        connect()
    assert "MAILCHIMP_API_KEY" in str(raised.value)
    assert key not in str(raised.value)


def test_the_data_center_comes_from_the_key_suffix(monkeypatch):
    monkeypatch.setenv("MAILCHIMP_API_KEY", "e" * 32 + "-us7")
    monkeypatch.delenv("MAILCHIMP_API_URL", raising=False)
    assert connect().base_url == "https://us7.api.mailchimp.com/3.0"


def test_an_api_url_containing_server_is_used_as_given(monkeypatch):
    with FakeMailchimp(prefix="/server/3.0") as fake:
        monkeypatch.setenv("MAILCHIMP_API_KEY", fake.api_key)
        monkeypatch.setenv("MAILCHIMP_API_URL", fake.url)
        mc = connect(**FAST)
        assert mc.get("/ping") == {"health_status": "Everything's Chimpy!"}
        assert mc.base_url.endswith("/server/3.0")
        assert not fake.violations


def test_the_official_clients_generated_methods_use_the_same_connection(mc, fake_mailchimp):
    audience = mc.client.lists.get_list(fake_mailchimp.audience_id)
    assert audience["id"] == fake_mailchimp.audience_id
    assert mc.client.ping.get()["health_status"]


# --- answers -------------------------------------------------------------------------

def test_json_answers_come_back_as_dicts(mc, fake_mailchimp):
    audience = mc.get(f"/lists/{fake_mailchimp.audience_id}", {"fields": ["id", "name"]})
    assert set(audience) == {"id", "name"}


def test_an_empty_answer_is_none(mc, fake_mailchimp):
    campaign = mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    assert mc.delete(f"/campaigns/{campaign['id']}") is None
    assert campaign["id"] not in fake_mailchimp.store.campaigns


def test_errors_carry_status_title_detail_and_field_errors(mc, fake_mailchimp):
    with pytest.raises(MailchimpError) as raised:
        mc.post(f"/lists/{fake_mailchimp.audience_id}/segments", {"name": ""}, creates=True)
    error = raised.value
    assert (error.status, error.title) == (400, "Invalid Resource")
    assert error.detail
    assert error.errors == [{"field": "name", "message": "This value should not be blank."}]
    assert error.instance


def test_an_error_without_a_body_still_raises(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/lists/*", 404, body=False)
    with pytest.raises(MailchimpError) as raised:
        mc.get(f"/lists/{fake_mailchimp.audience_id}")
    assert raised.value.status == 404


def test_a_wrong_key_is_a_401_that_does_not_show_the_key(fake_mailchimp, monkeypatch):
    wrong = "0" * 32 + "-us21"
    monkeypatch.setenv("MAILCHIMP_API_KEY", wrong)
    with pytest.raises(MailchimpError) as raised:
        connect(**FAST).get("/ping")
    assert raised.value.status == 401
    assert wrong not in str(raised.value) and wrong not in repr(raised.value)


# --- retries -------------------------------------------------------------------------

def test_429_is_retried_until_it_succeeds(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/ping", 429, times=3)
    assert mc.get("/ping")["health_status"]
    assert len(fake_mailchimp.calls) == 4


def test_503_is_retried_a_bounded_number_of_times(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/ping", 503, times=10)
    with pytest.raises(MailchimpError) as raised:
        mc.get("/ping")
    assert raised.value.status == 503
    assert len(fake_mailchimp.calls) == 1 + FAST["retries"]


def test_other_4xx_are_never_retried(mc, fake_mailchimp):
    with pytest.raises(MailchimpError) as raised:
        mc.get("/lists/no-such-list")
    assert raised.value.status == 404
    assert len(fake_mailchimp.calls) == 1


def test_a_hang_past_the_read_timeout_is_retried(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/ping", "hang")
    assert mc.get("/ping")["health_status"]
    assert len(fake_mailchimp.calls) == 2


def test_a_dropped_connection_is_retried_for_a_read(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/lists/*", "drop")
    assert mc.get(f"/lists/{fake_mailchimp.audience_id}")["id"] == fake_mailchimp.audience_id


def test_an_idempotent_post_is_retried_after_a_dropped_connection(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.inject("POST", "/lists/{list_id}", "drop_after")
    body = {"members": [{"email_address": "ana@example.com", "status": "pending"}],
            "update_existing": True}
    mc.post(f"/lists/{list_id}", body, idempotent=True)
    assert list(fake_mailchimp.members()) == ["ana@example.com"]
    assert len(fake_mailchimp.write_calls()) == 2


def test_a_delete_whose_answer_was_lost_counts_as_done_when_the_retry_finds_nothing(mc, fake_mailchimp):
    campaign = mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    fake_mailchimp.inject("DELETE", "/campaigns/*", "drop_after")
    assert mc.delete(f"/campaigns/{campaign['id']}") is None
    assert len(fake_mailchimp.write_calls()) == 3


# --- exactly once --------------------------------------------------------------------

def test_a_creating_post_whose_answer_is_lost_raises_answer_lost_and_is_not_repeated(mc, fake_mailchimp):
    fake_mailchimp.inject("POST", "/campaigns", "drop_after")
    with pytest.raises(AnswerLost):
        mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    assert len(fake_mailchimp.store.campaigns) == 1
    assert len(fake_mailchimp.write_calls()) == 1


@pytest.mark.parametrize("fault", [503, "hang"])
def test_a_creating_post_is_not_repeated_after_a_server_error_or_timeout(mc, fake_mailchimp, fault):
    fake_mailchimp.inject("POST", "/campaigns", fault)
    with pytest.raises(AnswerLost):
        mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    assert len(fake_mailchimp.write_calls()) == 1


def test_an_action_post_is_not_repeated_when_its_answer_is_lost(mc, fake_mailchimp):
    campaign = mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    fake_mailchimp.inject("POST", "/campaigns/*/actions/unschedule", "drop")
    with pytest.raises(AnswerLost):
        mc.post(f"/campaigns/{campaign['id']}/actions/unschedule")
    assert len(fake_mailchimp.write_calls()) == 2


def test_a_creating_post_refused_with_429_is_retried_because_nothing_was_done(mc, fake_mailchimp):
    fake_mailchimp.inject("POST", "/campaigns", 429, times=2)
    campaign = mc.post("/campaigns", campaign_body(fake_mailchimp.audience_id), creates=True)
    assert list(fake_mailchimp.store.campaigns) == [campaign["id"]]


def test_a_creating_post_is_retried_when_no_connection_could_be_made(monkeypatch):
    with FakeMailchimp() as fake:
        key, url = fake.api_key, fake.url
    monkeypatch.setenv("MAILCHIMP_API_KEY", key)
    monkeypatch.setenv("MAILCHIMP_API_URL", url)  # the server is gone: connection refused
    with pytest.raises(MailchimpError) as raised:
        connect(**FAST).post("/campaigns", {"type": "regular"}, creates=True)
    assert not isinstance(raised.value, AnswerLost)
    assert raised.value.status is None


# --- limits and secrecy ----------------------------------------------------------------

def test_at_most_ten_connections_are_open_at_once(mc, fake_mailchimp):
    fake_mailchimp.inject("GET", "/ping", "slow", times=30)
    threads = [threading.Thread(target=mc.get, args=("/ping",)) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake_mailchimp.calls) == 30
    assert 1 < fake_mailchimp.max_connections <= 10


def test_the_key_never_appears_in_reprs_errors_or_logs(fake_mailchimp, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    mc = connect(**FAST)
    fake_mailchimp.inject("GET", "/ping", 503)
    mc.get("/ping")
    with pytest.raises(MailchimpError) as raised:
        mc.get("/lists/missing")
    shown = [repr(mc), str(mc), repr(mc.client.api_client), str(raised.value), repr(raised.value),
             caplog.text, *capsys.readouterr()]
    assert "trying again" in caplog.text
    assert not [text for text in shown if fake_mailchimp.api_key in text]
