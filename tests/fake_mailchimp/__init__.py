"""A faithful local Mailchimp (Marketing API 3.0) for the tests.

    with FakeMailchimp() as fake:          # ThreadingHTTPServer on 127.0.0.1, random port
        fake.url                           # "http://127.0.0.1:PORT/3.0" -> MAILCHIMP_API_URL
        fake.api_key                       # random key-shaped string -> MAILCHIMP_API_KEY
        fake.audience_id                   # "a1b2c3d4e5" (pelicanconf's default)

Or take the pytest fixture `fake_mailchimp` (tests/fake_mailchimp/fixtures.py,
registered in tests/conftest.py): it starts a fake, sets MAILCHIMP_API_KEY,
MAILCHIMP_API_URL and MAILCHIMP_AUDIENCE_ID, yields it, and fails the test if
any request disagreed with Mailchimp's API description: api/openapi.json, a copy
trimmed to the paths below by api/trim.py. Without that file the fake refuses to
start (spec.DescriptionMissing).

State (fake.store, guarded by fake.store.lock): one audience whose
subscribe_url_long matches pelicanconf's form settings, merge fields FNAME and
LNAME, the toolkit tag (static segment 2840213 "Wellness Toolkit"); members
keyed by subscriber_hash (md5 of the lower-cased address); static segments
(tags); campaigns with settings, recipients, status (save, schedule, sending,
sent, canceled), content, send-checklist; store.test_emails and store.sent
record test emails and sends, store.confirmations the double opt-in emails
(one each time a POST or PUT, batch subscribe included, writes "pending", as
Mailchimp sends one then even to a member already pending). Helpers: store.add_member(list_id, email,
status, merge_fields, tags), store.add_segment(list_id, name), fake.members(),
fake.tag_members(name), fake.advance(seconds) moves the clock (scheduled
campaigns then count as sent), store.finish_sending=False leaves sent
campaigns in "sending". Campaigns keep Mailchimp's tracking defaults: opens,
HTML clicks and plain-text clicks on unless the request turns them off;
store.forced_tracking (e.g. {"opens": True}) is what an account keeps on
whatever a request says, and store.can_schedule=False answers a schedule with
Mailchimp's 403 for a plan that lacks it (the Free plan).

What happened: fake.calls is a list of Call(method, path, query, body) that
unpack as tuples (path without the /3.0 prefix); fake.write_calls() keeps the
non-GET ones; fake.violations lists requests that disagreed with the spec (they
were answered 400).

Faults: fake.inject(method, path_pattern, fault, times=1, body=True, skip=0),
with "*" or {name} for one path segment (skip lets that many matching requests
through first, to fail half way): fault is a status (429, 500, 503: problem+json;
body=False for none), "hang" (no answer for fake.hang_seconds), "slow" (answers
after fake.slow_seconds), "drop" (connection closed, nothing done),
"drop_after" (done, then the connection closed), or a member domain error
("member_exists", "forgotten", "compliance", "invalid_address").
fake.set_address_state(email, state) makes Mailchimp refuse one address
everywhere, including inside batch subscribe (per-member errors, error_code
ERROR_GENERIC as Mailchimp gives them; only the message says it is for good).

Real quirks kept: tag (static segment) names ignore case; batch subscribe cannot
make an unsubscribed or cleaned member subscribed (compliance state); it stores
timestamp_opt in UTC and refuses one that is not ISO 8601; a member found by
GET after being permanently deleted is simply 404.

Paths: GET /ping; GET/PATCH /lists/{id}; GET /lists/{id}/merge-fields; POST
/lists/{id} (batch subscribe); GET/POST /lists/{id}/members; GET/PUT/PATCH
/lists/{id}/members/{hash}; GET/POST /lists/{id}/segments; GET/POST
/lists/{id}/segments/{sid}; GET /lists/{id}/segments/{sid}/members; GET/POST
/campaigns; GET/PATCH/DELETE /campaigns/{cid}; GET/PUT /campaigns/{cid}/content;
GET /campaigns/{cid}/send-checklist; POST /campaigns/{cid}/actions/test,
schedule (quarter-hour, future), unschedule, send, cancel-send, pause and
resume (RSS campaigns: sending <-> paused). A wrong key gets
401; unknown paths 404; a known path with another method 405.
FakeMailchimp(prefix="/server/3.0") serves under another base path;
fake.max_connections is the most connections that were open at once.

The API description types merge-field values as objects; Mailchimp takes
strings for text fields, so spec.py corrects that one point before checking.
A new path or method here goes into api/trim.py's PATHS too, and api/openapi.json
is made again; tests/test_mailchimp_api_description.py fails until they agree.
"""

from .server import Call, FakeMailchimp  # noqa: F401
from .store import subscriber_hash  # noqa: F401
