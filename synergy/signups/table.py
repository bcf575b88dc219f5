"""A signup file read strictly: every line one row, as wide as the header, or the file is refused.

Spreadsheets and hand edits break CSV files in a few ordinary ways. Read
leniently, each of them loses rows silently: one unbalanced quote turns the
rest of the file into a single value (addresses included) and the run still
says "Done". So each is refused before anything is sent, naming the line:

- bytes that are not UTF-8 (Excel's plain "CSV" on Windows is Windows-1252),
  UTF-16 ("Unicode text"), or a NUL byte (a damaged file, or not text at all);
- another separator than the comma (";" from Excel in many European locales, tabs);
- a quote that opens a value and is never closed, or closes lines later;
- any value that runs over more than one line (no signup value ever does);
- a row with more or fewer values than the header names.

`read_table(path)` gives the header and the rows; `SignupFileError` says
`file: line N: what is wrong -- what to do` otherwise. Empty lines are skipped
and counted.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SignupFileError

SEPARATORS = {";": "';'", "\t": "tabs", "|": "'|'"}
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'"
QUOTE_FIX = ("close the quote, or remove it: a value needs quotes only when it holds a comma, "
             'and a quote inside a quoted value is written twice ("")')
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass
class Row:
    line: int       # where the row is in the file, counting the header as line 1
    cells: list


@dataclass
class Table:
    path: Path
    header: list
    rows: list = field(default_factory=list)   # [Row], empty lines left out
    empty_lines: int = 0


def refuse(path, line, what, fix):
    raise SignupFileError(f"{path}: line {line}: {what} -- {fix}")


def read_table(path):
    """The header and the rows of a signup file; SignupFileError when it cannot be read as one."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SignupFileError(f"{path}: cannot be read ({error.strerror}) -- check the path") from None
    text = _text(path, data)
    if not text.strip():
        refuse(path, 1, "the file is empty",
               "the first line must name the columns: email, first_name, last_name, tags, consented_at")
    _refuse_other_separators(path, text)
    return _rows(path, text)


def _text(path, data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        refuse(path, 1, "is saved as UTF-16 ('Unicode text')", SAVE_AS)
    nul = data.find(b"\x00")
    if nul >= 0:
        refuse(path, _line_at(data, nul), "holds a NUL byte, which no text file has",
               f"the file is damaged or not a CSV file: {SAVE_AS}")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_at(data, error.start)
        refuse(path, line, f"is not UTF-8 text (it reads as Windows-1252 or Latin-1: "
                           f"'{_word_at(data, error.start)}')", f"{SAVE_AS}, then run this again")


def _line_at(data, offset):
    return len(_LINE_BREAK.findall(data[:offset])) + 1


def _word_at(data, offset):
    """The word holding the byte at offset, read as Windows-1252 (one character per byte)."""
    start = max((m.end() for m in _LINE_BREAK.finditer(data[:offset])), default=0)
    end = _LINE_BREAK.search(data, offset)
    line = data[start:end.start() if end else len(data)].decode("cp1252", errors="replace")
    at = offset - start
    left = max(line.rfind(c, 0, at) for c in ',;\t"') + 1
    rights = [i for i in (line.find(c, at) for c in ',;\t"') if i >= 0]
    return line[left:min(rights, default=len(line))].strip()


def _refuse_other_separators(path, text):
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if "," in header:
        return
    for separator, name in SEPARATORS.items():
        if separator in header:
            refuse(path, 1, f"the columns are separated by {name}, not commas",
                   f"{SAVE_AS}, or put a comma between the columns instead of {name}")


def _rows(path, text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = None
    last = 0
    try:
        for cells in reader:
            start, end = last + 1, reader.line_num
            last = end
            if end > start:
                refuse(path, start, f"a quote opens a value here and closes only on line {end}, "
                                    "so the lines between would be read as that one value", QUOTE_FIX)
            if table is None:
                if not any(cell.strip() for cell in cells):
                    refuse(path, start, "the first line is empty",
                           "the first line must name the columns: "
                           "email, first_name, last_name, tags, consented_at")
                table = Table(path, [cell.strip() for cell in cells])
                continue
            if not any(cell.strip() for cell in cells):
                table.empty_lines += 1
                continue
            if len(cells) != len(table.header):
                _refuse_ragged(path, start, cells, len(table.header))
            table.rows.append(Row(start, cells))
    except csv.Error as error:
        _refuse_quotes(path, last + 1, reader.line_num, str(error))
    return table


def _refuse_ragged(path, line, cells, width):
    what = f"has {len(cells)} values where the first line names {width} columns"
    if len(cells) == 1 and any(s in cells[0] for s in SEPARATORS):
        refuse(path, line, what + " (its values seem separated by another sign than a comma)",
               "separate the values with commas, as on the first line")
    refuse(path, line, what,
           f"a value holding a comma needs quotes around it (\"Lee, Jr.\"); "
           f"otherwise add or remove commas so that the line has {width} values")


def _refuse_quotes(path, start, end, error):
    if "unexpected end of data" in error:
        refuse(path, start, "a quote opens a value here and is never closed, "
                            "so every line after it would be read as that one value", QUOTE_FIX)
    if end > start:
        refuse(path, start, f"a quote opens a value here and closes only on line {end}, "
                            "so the lines between would be read as that one value", QUOTE_FIX)
    refuse(path, start, "a quote ends a value but more text follows it before the next comma",
           'put quotes around the whole value, and write a quote inside it twice ("")')
