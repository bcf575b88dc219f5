"""FakeMailchimp: a real HTTP server on 127.0.0.1 speaking Mailchimp's Marketing API 3.0."""

import base64
import datetime as dt
import json
import re
import secrets
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import spec as spec_module
from .routes import find
from .store import DOMAIN_ERRORS, Problem, Store

PREFIX = "/3.0"
FAULTS = {"hang", "slow", "drop", "drop_after", *DOMAIN_ERRORS}


@dataclass
class Call:
    method: str
    path: str
    query: dict
    body: object

    def __iter__(self):  # unpacks as (method, path, query, body)
        return iter((self.method, self.path, self.query, self.body))


@dataclass
class _Fault:
    method: str
    regex: re.Pattern
    fault: object
    times: int
    body: bool
    skip: int


def _pattern(path_pattern):
    """'/lists/*/members/*' or '/lists/{list_id}': * and {name} stand for one path segment."""
    text = re.escape(path_pattern)
    text = text.replace(r"\*\*", ".*").replace(r"\*", "[^/]+")
    text = re.sub(r"\\\{\w+\\\}", "[^/]+", text)
    return re.compile("^" + text + "$")


class FakeMailchimp:
    """See the package docstring for the interface."""

    def __init__(self, *, account="synergyintegrativehealth", dc="us21",
                 form_u="8f3c1e0b6a2d4c9e7b5a1f0d3", audience_id="a1b2c3d4e5",
                 tag_id="2840213", tag_name="Wellness Toolkit", hang_seconds=5.0,
                 slow_seconds=0.2, prefix=PREFIX, validate=True):
        self.api_key = secrets.token_hex(16) + "-" + dc
        self.audience_id = audience_id
        self.hang_seconds = hang_seconds
        self.slow_seconds = slow_seconds
        self.prefix = prefix.rstrip("/")
        self.open_connections = 0
        self.max_connections = 0
        self.calls = []
        self.violations = []
        self.clock_offset = dt.timedelta()
        self.store = Store(account=account, dc=dc, form_u=form_u, audience_id=audience_id,
                           tag_id=tag_id, tag_name=tag_name, clock=self.now)
        self._spec = spec_module.load() if validate else None
        self._faults = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = None

    # --- life cycle ---------------------------------------------------------------

    def start(self):
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self):
        self._stopping.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    def __repr__(self):
        return f"<FakeMailchimp {self.url if self._server else 'stopped'}>"

    # --- time -----------------------------------------------------------------------

    def now(self):
        return dt.datetime.now(dt.UTC) + self.clock_offset

    def advance(self, seconds):
        """Move the fake's clock forward (scheduled campaigns whose time comes are sent)."""
        self.clock_offset += dt.timedelta(seconds=seconds)

    # --- faults ---------------------------------------------------------------------

    def inject(self, method, path_pattern, fault, times=1, *, body=True, skip=0):
        """Make the next `times` matching requests fail (after letting `skip` of them through).

        fault: an HTTP status (429, 500, 503, ...: problem+json answer); "hang" (no
        answer for hang_seconds, nothing done); "slow" (answers after
        slow_seconds); "drop" (connection closed, nothing done);
        "drop_after" (the request is carried out, then the connection is
        closed); or a domain error: "member_exists", "forgotten", "compliance",
        "invalid_address". method may be "*". body=False sends a status
        fault without any body.
        """
        if not isinstance(fault, int) and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}: use a status code or one of {sorted(FAULTS)}")
        with self._lock:
            self._faults.append(_Fault(method.upper(), _pattern(path_pattern), fault, times, body, skip))

    def set_address_state(self, email, state):
        """Make Mailchimp refuse an address everywhere: "forgotten", "compliance" or "invalid_address"."""
        if state not in DOMAIN_ERRORS:
            raise ValueError(f"unknown address state {state!r}")
        self.store.address_states[email.strip().lower()] = state

    def _take_fault(self, method, path):
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.method in ("*", method) and fault.regex.match(path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        return None
                    fault.times -= 1
                    return fault
        return None

    # --- looking at what happened -----------------------------------------------------

    def write_calls(self):
        return [c for c in self.calls if c.method != "GET"]

    def members(self, list_id=None):
        """{lower-cased email: member as Mailchimp shows it} for one audience."""
        list_id = list_id or self.audience_id
        with self.store.lock:
            return {m["email_address"].lower(): self.store.render_member(list_id, m)
                    for m in self.store.members[list_id].values()}

    def tag_members(self, tag_name, list_id=None):
        """Lower-cased addresses carrying a tag."""
        list_id = list_id or self.audience_id
        with self.store.lock:
            segment = self.store._segment_named(list_id, tag_name)
            if segment is None:
                return set()
            return {self.store.members[list_id][h]["email_address"].lower()
                    for h in segment["_members"]}

    # --- answering --------------------------------------------------------------------

    def handle(self, handler):
        method = handler.command
        parts = urlsplit(handler.path)
        raw_body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            body = json.loads(raw_body) if raw_body else None
        except ValueError:
            body = raw_body.decode("utf-8", "replace")
        prefix = self.prefix
        path = parts.path[len(prefix):] if parts.path.startswith(prefix + "/") else parts.path
        with self._lock:
            self.calls.append(Call(method, path, query, body))

        if not parts.path.startswith(prefix + "/"):
            return handler.answer(404, Problem(404, "Resource Not Found",
                                               f"API paths start with {prefix}/.").body())
        if self._spec is not None:
            problems = self._spec.violations(method, PREFIX + path, query, raw_body,
                                             handler.headers.get("Content-Type", "application/json"))
            if problems:
                with self._lock:
                    self.violations.append((method, path, problems))
                return handler.answer(400, Problem(400, "Invalid Resource",
                                                   "; ".join(problems)).body())
        if not self._authorised(handler.headers.get("Authorization", "")):
            return handler.answer(401, Problem(
                401, "API Key Invalid",
                "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
            ).body())

        taken = self._take_fault(method, path)
        fault = taken.fault if taken else None
        if fault == "slow":
            self._stopping.wait(self.slow_seconds)
        if fault == "hang":
            self._stopping.wait(self.hang_seconds)
            return handler.drop()
        if fault == "drop":
            return handler.drop()
        if isinstance(fault, int):
            title = {429: "Too Many Requests", 500: "Internal Server Error",
                     502: "Bad Gateway", 503: "Service Unavailable"}.get(fault, "Error")
            return handler.answer(fault, Problem(fault, title, f"Injected {fault}.").body()
                                  if taken.body else None)
        if fault in DOMAIN_ERRORS:
            status, title, detail = DOMAIN_ERRORS[fault]
            email = body.get("email_address", "The address") if isinstance(body, dict) else "The address"
            return handler.answer(status, Problem(status, title, detail.format(email=email)).body())

        try:
            func, params = find(method, path)
            with self.store.lock:
                status, answer = func(self.store, params, query, body if isinstance(body, dict) else {})
        except Problem as problem:
            status, answer = problem.status, problem.body()
        if fault == "drop_after":
            return handler.drop()
        handler.answer(status, answer)

    def _authorised(self, header):
        if not header.startswith("Basic "):
            return False
        try:
            _, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            return False
        return secrets.compare_digest(password, self.api_key)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that gave up (its timeout) closes the socket mid-answer: expected here.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake = None

    def setup(self):
        super().setup()
        with self.fake._lock:
            self.fake.open_connections += 1
            self.fake.max_connections = max(self.fake.max_connections, self.fake.open_connections)

    def finish(self):
        with self.fake._lock:
            self.fake.open_connections -= 1
        super().finish()

    def _serve(self):
        self.fake.handle(self)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def answer(self, status, body):
        data = b"" if body is None or status == 204 else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if data:
            self.send_header("Content-Type", "application/json; charset=utf-8" if status < 400
                             else "application/problem+json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def log_message(self, *args):
        pass
