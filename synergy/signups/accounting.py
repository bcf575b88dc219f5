"""Every data line of a signup file ends up somewhere, and each run says where.

    Accounting: 1000 data lines = 990 new + 3 updated + 2 unchanged + 2 rejected
                + 0 to retry + 3 repeated: every line accounted for

(on one line). The first row of each address is a person, counted in exactly
one of new, updated, unchanged, rejected (Mailchimp's refusals with the file's
own rejected rows) or to retry; a later row of the same address is "repeated";
an unusable row is "rejected". The terms must add up to the data lines the
reader counted, and a person placed twice or nowhere means they do not: check()
then stops the run, before anything is written when it is the plan that is off.
"""

from dataclasses import dataclass

from ..errors import SignupFileError

BUCKETS = ("new", "updated", "unchanged", "rejected", "to retry")


class Places(dict):
    """{person key: bucket}; a person placed in two buckets counts as placed nowhere."""

    def put(self, key, bucket):
        self[key] = bucket if self.get(key, bucket) == bucket else "twice"


@dataclass
class Accounting:
    data_lines: int
    counts: dict
    repeated: int
    unplaced: int          # people in no bucket, or in two

    @property
    def total(self):
        return sum(self.counts.values()) + self.repeated

    def adds_up(self):
        return self.unplaced == 0 and self.total == self.data_lines

    def line(self):
        terms = " + ".join([f"{n} {name}" for name, n in self.counts.items()]
                           + [f"{self.repeated} repeated"])
        if self.adds_up():
            verdict = "every line accounted for"
        else:
            verdict = (f"these make {self.total}, not {self.data_lines}"
                       + (f", and {self.unplaced} people have no single place" if self.unplaced else ""))
        return f"Accounting: {self.data_lines} data lines = {terms}: {verdict}"


def account(source, places):
    """The accounting of a SignupFile, given where each person ended up."""
    counts = dict.fromkeys(BUCKETS, 0)
    counts["rejected"] = len(source.rejected)
    unplaced = 0
    for person in source.people:
        bucket = places.get(person.key)
        if bucket in counts:
            counts[bucket] += 1
        else:
            unplaced += 1
    return Accounting(source.data_lines, counts, source.repeated, unplaced)


def check(accounting, path, stage):
    """Raise SignupFileError when the lines do not add up; stage says what was done so far."""
    if not accounting.adds_up():
        raise SignupFileError(f"{path}: {accounting.line()} -- {stage}; this is a fault in "
                              "`invoke signups`, not in the file: keep the file and report this line")
