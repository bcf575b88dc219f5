"""The files written back for staff (rows to retry, rows rejected), safe to open in a spreadsheet.

Staff open these files in Excel or LibreOffice, which run a cell beginning with
=, +, - or @ as a formula (and tab or carriage return start one too): a value
such as `=HYPERLINK("http://...")` typed into a signup form would run on the
office computer ("CSV injection", OWASP). Such cells are written with a leading
apostrophe, which spreadsheets show as text, and the header line says so in a
column of its own. A file carrying that header is read back with the
apostrophes taken off again, so running it gives Mailchimp the original values.
"""

import csv
import io
from pathlib import Path

from ..cache import write_atomically

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NOTE = ("note: a value that began with = + - @ tab or carriage return starts with ' "
        "so that spreadsheets show it as text")


def neutralise(value):
    value = str(value)
    return "'" + value if value.startswith(TRIGGERS) else value


def restore(value):
    """A cell of a file this module wrote, as it was before neutralise()."""
    return value[1:] if value.startswith("'") and value[1:].startswith(TRIGGERS) else value


def is_note(header_cell):
    return header_cell.strip() == NOTE


def write(path, columns, rows):
    """Write rows (lists of values, in the order of columns) with the note column last."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*columns, NOTE])
    for row in rows:
        writer.writerow([neutralise(value) for value in row] + [""])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, buffer.getvalue())
