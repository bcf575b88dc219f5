"""Offline signup lists: the rows of a CSV file (table.py) become people, or rejected rows.

Columns: email (required), first_name, last_name, tags (separated by ';'),
consented_at (a date or date-time, consent.py). Header names match whatever
their case, spaces, underscores or a byte-order mark; other columns (a retry
file's reason, a phone number) are ignored. The same address twice, in any
case, is one person; tags are one tag whatever their case, as in Mailchimp.

A row that cannot be used is rejected with its line and the reason, and the
rest go ahead. Among the reasons: a name holding an address or a line break
(a sign of a broken row, and never something to send as a name) or starting
like a spreadsheet formula.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SignupFileError
from . import consent, safe_csv
from .table import read_table

COLUMNS = ("email", "first_name", "last_name", "tags", "consented_at")
NAMES = ("first_name", "last_name")
# What Mailchimp itself accepts: one @, no spaces, a dotted domain with a 2+ letter ending.
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
MAX_TAG = 100
MAX_NAME = 255        # Mailchimp's limit for a text merge field
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Signup:
    line: int
    email: str
    first_name: str = ""
    last_name: str = ""
    tags: list = field(default_factory=list)
    consented_at: str = ""           # as written in the file
    consent: object = None           # the aware datetime it means, or None

    @property
    def key(self):
        return self.email.lower()

    def values(self):
        return [self.email, self.first_name, self.last_name, ";".join(self.tags), self.consented_at]

    def merge(self, other):
        """Fold a later row for the same person into this one: nothing given is lost."""
        self.first_name = other.first_name or self.first_name
        self.last_name = other.last_name or self.last_name
        self.tags += [t for t in other.tags if t.lower() not in {s.lower() for s in self.tags}]
        if self.consent is None:
            self.consented_at, self.consent = other.consented_at, other.consent


@dataclass
class Rejected:
    line: int
    message: str         # what is wrong -- what to do
    values: list         # the row's values in COLUMNS order, for the rejects file


@dataclass
class SignupFile:
    path: Path
    people: list           # [Signup], one per address, in file order
    rejected: list         # [Rejected]
    repeated: int          # rows folded into an earlier row for the same address
    data_lines: int        # rows read (the header and empty lines not counted)
    empty_lines: int
    ignored_columns: list


def _normal(name):
    return re.sub(r"[\s_\-\ufeff]+", "", name).lower()


_HEADERS = {_normal(c): c for c in COLUMNS}
# What Mailchimp's own export and common spreadsheets call the same columns.
_HEADERS.update({"emailaddress": "email", "firstname": "first_name", "lastname": "last_name"})


def refuse_public_places(path, root, public=("content", "output")):
    """Addresses must never sit where the site is built from or into."""
    resolved = Path(path).resolve()
    for folder in public:
        place = (Path(root) / folder).resolve()
        if resolved == place or place in resolved.parents:
            raise SignupFileError(
                f"{path}: signup lists hold subscriber addresses and are never read from {folder}/ "
                "-- move the file to private/ (kept out of git)")


def read(path, *, now, zone):
    """A SignupFile; SignupFileError when the file as a whole cannot be used.

    now and zone judge consented_at (not in the future; a bare date is read in zone).
    """
    table = read_table(path)
    columns, ignored, neutralised = {}, [], False
    for index, name in enumerate(table.header):
        column = _HEADERS.get(_normal(name))
        if safe_csv.is_note(name):
            neutralised = True
        elif column and column not in columns:
            columns[column] = index
        elif name.strip():
            ignored.append(name.strip())
    if "email" not in columns:
        raise SignupFileError(
            f"{table.path}: line 1 has no 'email' column -- name the columns on the first line: "
            "email, first_name, last_name, tags, consented_at")
    people, by_key, rejected, repeated = [], {}, [], 0
    for row in table.rows:
        cells = [safe_csv.restore(c) for c in row.cells] if neutralised else row.cells
        values = {name: cells[index].strip() for name, index in columns.items()}
        person, problem = _person(row.line, values, now=now, zone=zone)
        if problem:
            rejected.append(Rejected(row.line, problem, [values.get(c, "") for c in COLUMNS]))
        elif person.key in by_key:
            by_key[person.key].merge(person)
            repeated += 1
        else:
            by_key[person.key] = person
            people.append(person)
    return SignupFile(table.path, people, rejected, repeated, len(table.rows), table.empty_lines,
                      ignored)


def _person(line, values, *, now, zone):
    """(Signup, "") for a usable row, else (None, "what is wrong -- what to do")."""
    email = values.get("email", "")
    if not email:
        return None, "no email address -- fill in the email column or delete the row"
    if not EMAIL.match(email) or ".." in email:
        return None, f"{email!r} is not a valid email address -- correct it or delete the row"
    for name in NAMES:
        problem = _name_problem(name, values.get(name, ""))
        if problem:
            return None, problem
    moment = None
    if values.get("consented_at"):
        try:
            moment = consent.parse(values["consented_at"], now=now, zone=zone)
        except consent.ConsentError as error:
            return None, str(error)
    tags = _tags(values.get("tags", ""))
    long_tags = [t for t in tags if len(t) > MAX_TAG]
    if long_tags:
        return None, f"tag {long_tags[0][:30]!r}... is longer than {MAX_TAG} characters -- shorten it"
    return Signup(line, email, values.get("first_name", ""), values.get("last_name", ""), tags,
                  values.get("consented_at", ""), moment), ""


def _name_problem(column, value):
    if "@" in value:
        return (f"{column} {value[:40]!r} holds an email address, not a name -- "
                "put the address in the email column and the name here, or clear the name")
    if CONTROL.search(value):
        return f"{column} {value[:40]!r} holds a line break or control character -- retype the name"
    if value.startswith(FORMULA_START):
        return (f"{column} {value[:40]!r} starts with '{value[0]}' like a spreadsheet formula "
                "-- write the name itself, or clear it")
    if len(value) > MAX_NAME:
        return f"{column} is longer than {MAX_NAME} characters -- shorten it"
    return ""


def _tags(text):
    """The row's tags in order, spaces tidied, each once whatever its case."""
    tags, seen = [], set()
    for tag in text.split(";"):
        tag = " ".join(tag.split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags
