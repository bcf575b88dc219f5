"""The one way this project talks to Mailchimp: the official client, made dependable.

    from synergy.mailchimp import connect, MailchimpError, AnswerLost, MailchimpConfigError

    mc = connect()                                  # key from MAILCHIMP_API_KEY
    mc.get("/lists/a1b2c3d4e5", {"fields": "id,name"})          -> dict
    mc.post("/campaigns", body, creates=True)       -> dict (never retried blindly)
    mc.post(f"/lists/{list_id}", batch, idempotent=True)        -> dict (retried)
    mc.patch(path, body) / mc.put(path, body) / mc.delete(path) -> dict or None

`connect(settings=None, *, timeout=(connect_s, read_s), retries=N, backoff=s)`
builds mailchimp_marketing.Client from MAILCHIMP_API_KEY (data center = the
key's suffix); MAILCHIMP_API_URL, when set, replaces the base URL (for example
http://127.0.0.1:PORT/3.0). Without a key it raises MailchimpConfigError.

Every call goes through the official client's call_api, with what it lacks:
- one requests.Session, at most 10 connections (Mailchimp's limit), explicit
  (connect, read) timeouts instead of the client's 120 s;
- up to `retries` retries with exponential backoff and jitter on 429, 5xx,
  connection errors and timeouts, for GET, PUT, PATCH, DELETE and for a POST
  marked idempotent=True; never on any other 4xx;
- a POST that is not idempotent (creates=True, or an action such as sending)
  is retried only when Mailchimp certainly did not act on it (429, or the
  connection was never made). When its answer is lost (read timeout, dropped
  connection, 5xx) it raises AnswerLost: the caller must look up whether the
  object was created before trying again. That keeps creation exactly-once.
- a DELETE retried after a lost answer that then finds nothing (404) is done;
- 204 and other empty answers return None, JSON answers a dict;
- every error raises MailchimpError(status, title, detail, errors, instance)
  (synergy.errors) parsed from application/problem+json, body-less errors included;
- the key never appears in str() or repr() of anything here, nor in logs.
"""

import json
import logging
import os
import random
import re
import threading
import time

import requests
from mailchimp_marketing import Client
from mailchimp_marketing.api_client import ApiClient, ApiClientError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from ..errors import AnswerLost, MailchimpConfigError, MailchimpError
from .key import KEY_VARIABLE, api_key

log = logging.getLogger(__name__)

URL_VARIABLE = "MAILCHIMP_API_URL"
MAX_CONNECTIONS = 10  # Mailchimp refuses more than 10 simultaneous connections per key
DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_RETRIES = 4
DEFAULT_BACKOFF = 0.5
MAX_BACKOFF = 30.0
_KEY_SHAPE = re.compile(r"^[0-9a-zA-Z]+-(?P<dc>[a-z]+[0-9]+)$")


def _problem(status, text, *, method, path, cls=MailchimpError):
    """A MailchimpError from an error answer's body, whatever shape it has."""
    body = text
    if isinstance(text, (str, bytes)) and text:
        try:
            body = json.loads(text)
        except ValueError:
            body = None
    if isinstance(body, dict):
        return cls(status, body.get("title") or f"HTTP {status}", body.get("detail", ""),
                   body.get("errors") or [], body.get("instance", ""), method=method, path=path)
    return cls(status, f"HTTP {status} with no error details", method=method, path=path)


class _Answer:
    """What one attempt produced: a response, or the transport error instead."""

    def __init__(self, response=None, error=None):
        self.response = response
        self.error = error


class _PooledApiClient(ApiClient):
    """The official ApiClient sending through one pooled Session with explicit timeouts."""

    def __init__(self, api_key, host, timeout):
        super().__init__({"api_key": api_key, "timeout": timeout})
        self.host = host
        # The official client swaps the text "server" anywhere in the URL for the
        # data center; the host is already complete, so switch that off.
        self.server = ""
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=MAX_CONNECTIONS,
                              pool_block=True, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._last = threading.local()

    def __repr__(self):
        return f"<{type(self).__name__} {self.host}>"

    def request(self, method, url, query_params=None, headers=None, body=None):
        data = json.dumps(body) if method in ("POST", "PUT", "PATCH") and body is not None else None
        response = self.session.request(
            method, url, params=query_params, headers=headers, data=data,
            auth=("anystring", self.api_key), timeout=self.timeout,
        )
        # call_api hides the response behind its own return rules; keep it.
        self._last.response = response
        return response

    def attempt(self, method, path, query, body):
        self._last.response = None
        try:
            self.call_api(path, method, query_params=query or None, body=body)
        except ApiClientError as error:
            if isinstance(error.text, Exception):
                return _Answer(error=error.text)
        return _Answer(response=self._last.response)


class Mailchimp:
    """A configured connection: get/post/put/patch/delete on API paths."""

    def __init__(self, client, *, retries=DEFAULT_RETRIES, backoff=DEFAULT_BACKOFF,
                 max_backoff=MAX_BACKOFF, sleep=time.sleep):
        self.client = client
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep

    @property
    def base_url(self):
        return self.client.api_client.host

    def __repr__(self):
        return f"<Mailchimp {self.base_url}>"

    def get(self, path, query=None):
        return self._call("GET", path, query=query)

    def post(self, path, body=None, *, creates=False, idempotent=False, query=None):
        return self._call("POST", path, query=query, body=body,
                          retry_blindly=idempotent and not creates)

    def put(self, path, body):
        return self._call("PUT", path, body=body)

    def patch(self, path, body):
        return self._call("PATCH", path, body=body)

    def delete(self, path):
        return self._call("DELETE", path)

    def close(self):
        self.client.api_client.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, method, path, *, query=None, body=None, retry_blindly=True):
        if not path.startswith("/"):
            path = "/" + path
        if method != "POST":
            retry_blindly = True
        api = self.client.api_client
        for attempt in range(self.retries + 1):
            answer = api.attempt(method, path, _query(query), body)
            try:
                outcome = self._judge(answer, method, path, retry_blindly)
            except MailchimpError as error:
                # The earlier attempt deleted it, but its answer was lost.
                if method == "DELETE" and attempt > 0 and error.status == 404:
                    return None
                raise
            if not isinstance(outcome, _Retry):
                return outcome
            if attempt == self.retries:
                raise outcome.error
            delay = self._delay(attempt, outcome.retry_after)
            log.info("Mailchimp %s %s: %s; trying again in %.1f s (%d of %d)",
                     method, path, outcome.reason, delay, attempt + 1, self.retries)
            self._sleep(delay)
        raise AssertionError("unreachable")

    def _judge(self, answer, method, path, retry_blindly):
        """The result of one attempt: a value to return, an error raised, or a _Retry."""
        if answer.error is not None:
            error = answer.error
            never_sent = _never_sent(error)
            reason = f"{type(error).__name__}"
            problem = MailchimpError(None, f"no answer from Mailchimp ({reason})",
                                     method=method, path=path)
            if isinstance(error, (requests.Timeout, requests.ConnectionError)):
                if retry_blindly or never_sent:
                    return _Retry(problem, reason)
                raise AnswerLost(None, f"answer lost ({reason})",
                                 "Mailchimp may have acted on this request: check before repeating it",
                                 method=method, path=path)
            raise problem
        response = answer.response
        status = response.status_code
        if 200 <= status < 300:
            if not response.content or status == 204:
                return None
            try:
                return response.json()
            except ValueError:
                raise MailchimpError(status, "answer is not JSON", method=method, path=path) from None
        if status == 429:
            return _Retry(_problem(status, response.text, method=method, path=path),
                          "429 Too Many Requests", _retry_after(response))
        if status >= 500:
            if retry_blindly:
                return _Retry(_problem(status, response.text, method=method, path=path),
                              f"{status} server error")
            raise _problem(status, response.text, method=method, path=path, cls=AnswerLost)
        raise _problem(status, response.text, method=method, path=path)

    def _delay(self, attempt, retry_after=None):
        delay = min(self.max_backoff, self.backoff * (2 ** attempt))
        delay = random.uniform(delay / 2, delay)  # jitter: clients that failed together spread out
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_backoff))
        return delay


class _Retry:
    def __init__(self, error, reason, retry_after=None):
        self.error = error
        self.reason = reason
        self.retry_after = retry_after


def _never_sent(error):
    """True when the request certainly never reached Mailchimp (no connection was made)."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    cause = error.args[0] if error.args else None
    return isinstance(getattr(cause, "reason", None), NewConnectionError)


def _retry_after(response):
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None


def _query(query):
    """Query values as Mailchimp expects them: lists comma-joined, booleans lower-case."""
    if not query:
        return None
    out = {}
    for name, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        out[name] = value
    return out


def base_url(key, settings=None):
    """MAILCHIMP_API_URL when set, else https://<dc>.api.mailchimp.com/3.0 from the key."""
    override = os.environ.get(URL_VARIABLE, "").strip() or (settings or {}).get(URL_VARIABLE, "")
    if override:
        return override.rstrip("/")
    match = _KEY_SHAPE.match(key)
    if not match:
        raise MailchimpConfigError(
            KEY_VARIABLE, "does not end in a data center such as -us21",
            "copy the whole key from Mailchimp (Account > Extras > API keys)")
    return f"https://{match['dc']}.api.mailchimp.com/3.0"


def connect(settings=None, *, timeout=DEFAULT_TIMEOUT, retries=DEFAULT_RETRIES,
            backoff=DEFAULT_BACKOFF, max_backoff=MAX_BACKOFF, sleep=time.sleep):
    """A Mailchimp connection configured from the environment (see the module docstring)."""
    key = api_key()
    client = Client()
    client.api_client = _PooledApiClient(key, base_url(key, settings), tuple(timeout))
    # The generated API classes captured the plain ApiClient; point them at ours.
    for value in vars(client).values():
        if hasattr(value, "api_client"):
            value.api_client = client.api_client
    return Mailchimp(client, retries=retries, backoff=backoff, max_backoff=max_backoff,
                     sleep=sleep)
