"""Offline signup lists: read a CSV into people, and write the rows still to do.

Columns: email (required), first_name, last_name, tags (separated by ';'),
consented_at (ISO date). Header names match whatever their case, spaces,
underscores or a byte-order mark; other columns (a retry file's reason, a
phone number) are ignored. The same address twice, in any case, is one person.
"""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SignupFileError

COLUMNS = ("email", "first_name", "last_name", "tags", "consented_at")
RETRY_COLUMNS = (*COLUMNS, "reason")
# What Mailchimp itself accepts: one @, no spaces, a dotted domain with a 2+ letter ending.
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
MAX_TAG = 100


@dataclass
class Signup:
    line: int
    email: str
    first_name: str = ""
    last_name: str = ""
    tags: list = field(default_factory=list)
    consented_at: str = ""

    @property
    def key(self):
        return self.email.lower()

    def merge(self, other):
        """Fold a later row for the same person into this one: nothing given is lost."""
        self.first_name = other.first_name or self.first_name
        self.last_name = other.last_name or self.last_name
        self.tags += [t for t in other.tags if t not in self.tags]
        self.consented_at = self.consented_at or other.consented_at


@dataclass
class SignupFile:
    path: Path
    people: list           # [Signup], one per address, in file order
    rejected: list         # [(line, message)]
    duplicates: int        # rows folded into an earlier row for the same address
    ignored_columns: list


def _normal(name):
    return re.sub(r"[\s_\-\ufeff]+", "", name).lower()


_HEADERS = {_normal(c): c for c in COLUMNS}
# What Mailchimp's own export and common spreadsheets call the same columns.
_HEADERS.update({"emailaddress": "email", "firstname": "first_name", "lastname": "last_name"})


def _iso_date(value):
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) == 10 else dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def refuse_public_places(path, root, public=("content", "output")):
    """Addresses must never sit where the site is built from or into."""
    resolved = Path(path).resolve()
    for folder in public:
        place = (Path(root) / folder).resolve()
        if resolved == place or place in resolved.parents:
            raise SignupFileError(
                f"{path}: signup lists hold subscriber addresses and are never read from {folder}/ "
                "-- move the file to private/ (kept out of git)")


def read(path):
    """A SignupFile; SignupFileError when the file as a whole cannot be used."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise SignupFileError(f"{path}: cannot be read ({error.strerror}) -- check the path") from None
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise SignupFileError(f"{path}: the file is empty -- the first line must name the "
                                      "columns: email, first_name, last_name, tags, consented_at")
            columns = {}
            ignored = []
            for index, name in enumerate(header):
                column = _HEADERS.get(_normal(name))
                if column and column not in columns:
                    columns[column] = index
                elif name.strip():
                    ignored.append(name.strip())
            if "email" not in columns:
                raise SignupFileError(
                    f"{path}: line 1 has no 'email' column -- name the columns on the first line: "
                    "email, first_name, last_name, tags, consented_at")
            return _rows(path, reader, columns, ignored)
        except UnicodeDecodeError:
            raise SignupFileError(f"{path}: is not UTF-8 text -- save it as 'CSV UTF-8'") from None
        except csv.Error as error:
            raise SignupFileError(f"{path}: line {reader.line_num}: {error} -- check the quoting") from None


def _rows(path, reader, columns, ignored):
    people, by_key, rejected, duplicates = [], {}, [], 0
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        def cell(name, row=row):
            return row[columns[name]].strip() if name in columns and columns[name] < len(row) else ""

        email = cell("email")
        if not email:
            rejected.append((line, "no email address -- fill in the email column or delete the row"))
            continue
        if not EMAIL.match(email) or ".." in email:
            rejected.append((line, f"{email!r} is not a valid email address -- correct it or delete the row"))
            continue
        consented = cell("consented_at")
        if consented and _iso_date(consented) is None:
            rejected.append((line, f"consented_at {consented!r} is not an ISO date "
                                   "-- write it as YYYY-MM-DD, or leave it empty"))
            continue
        tags = []
        for tag in cell("tags").split(";"):
            tag = " ".join(tag.split())
            if tag and tag not in tags:
                tags.append(tag)
        long_tags = [t for t in tags if len(t) > MAX_TAG]
        if long_tags:
            rejected.append((line, f"tag {long_tags[0][:30]!r}... is longer than {MAX_TAG} characters "
                                   "-- shorten it"))
            continue
        person = Signup(line, email, cell("first_name"), cell("last_name"), tags, consented)
        if person.key in by_key:
            by_key[person.key].merge(person)
            duplicates += 1
        else:
            by_key[person.key] = person
            people.append(person)
    return SignupFile(path, people, rejected, duplicates, ignored)


def write_retry(path, rows):
    """Write [(Signup, reason)] as a signup file that can be run again as it is."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RETRY_COLUMNS)
        for person, reason in rows:
            writer.writerow([person.email, person.first_name, person.last_name,
                             ";".join(person.tags), person.consented_at, reason])
