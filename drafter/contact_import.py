"""Reading contacts from files: LinkedIn's Connections.csv and any CSV with a header row.

Pure: bytes in, an `ImportResult` out (the contacts read, and one `RowProblem` for each row
that could not be read, with its line number). Storing them is someone else's job. A file
that cannot be read at all (not UTF-8, too large, no header, too many rows) raises
`ImportFileError`; a bad row never stops the rows after it.

Bounds, so that a hostile or mistaken file costs little:

- `MAX_FILE_BYTES` (50 MiB): LinkedIn's export of 30,000 connections (its cap) is ~5 MiB.
- `MAX_ROWS` (200,000 data rows).
- `MAX_FIELD_CHARS` (2,000 characters a field): a longer field makes its row a problem.

Every value is cleaned with `drafter.text.clean`, so nothing in a file can drive a terminal.
The delimiter is always a comma: no `csv.Sniffer`, which guesses from the first kilobyte and
fails on valid files whose first quoted field with a doubled quote comes later.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator, Mapping

import msgspec

from drafter.errors import UsageError
from drafter.text import clean

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_FIELD_CHARS = 2_000
# The header must start within the first this many lines (LinkedIn puts three lines of notes first).
HEADER_SEARCH_ROWS = 50

KEYS = ("name", "first_name", "last_name", "email", "company", "position", "linkedin", "connected")

# LinkedIn's own column names (casefolded) -> key.
LINKEDIN_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected",
}

# Header names a generic CSV is recognised by (casefolded, spaces/underscores/hyphens as one
# space: "E-mail" and "e_mail" are "e mail") -> key.
COMMON_COLUMNS = {
    "name": "name",
    "full name": "name",
    "fullname": "name",
    "first name": "first_name",
    "firstname": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "email": "email",
    "e mail": "email",
    "email address": "email",
    "e mail address": "email",
    "company": "company",
    "organization": "company",
    "organisation": "company",
    "title": "position",
    "job title": "position",
    "position": "position",
    "linkedin": "linkedin",
    "linkedin url": "linkedin",
    "url": "linkedin",
    "profile url": "linkedin",
    "connected on": "connected",
    "connected": "connected",
}

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# "15 Mar 2024", "15-Mar-24", "5 March 2024" (month names in English, as LinkedIn writes them;
# not strptime's %b, which follows the process locale).
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ImportedContact(msgspec.Struct, frozen=True):
    """One contact read from a file; `line` is where its row starts (1-based)."""

    line: int
    name: str
    email: str = ""
    company: str = ""
    position: str = ""
    linkedin: str = ""
    connected: str | None = None  # ISO date, YYYY-MM-DD


class RowProblem(msgspec.Struct, frozen=True):
    """A row that could not be read: where it starts, and why, in one line for people."""

    line: int
    reason: str


class ImportResult(msgspec.Struct, frozen=True):
    """What a file held: the contacts read, and the rows that could not be."""

    contacts: list[ImportedContact]
    problems: list[RowProblem]


class ImportFileError(UsageError):
    """The whole file cannot be read: `reason` says what, `line` where (when it is one line)."""

    def __init__(self, reason: str, line: int | None = None):
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line else reason)


def read_linkedin(data: bytes) -> ImportResult:
    """Read LinkedIn's Connections.csv (notes lines, then First Name, Last Name, URL, ...)."""
    return _read(data, linkedin_header, "First Name and Last Name")


def read_csv(data: bytes, mapping: Mapping[str, str] | None = None) -> ImportResult:
    """Read a CSV with a header row; `mapping` maps COLUMN -> KEY (one of `KEYS`).

    Columns are matched case-insensitively. Columns the mapping does not name are recognised
    by their common names (`COMMON_COLUMNS`) for the keys the mapping leaves free.
    """
    wanted: dict[str, str] = {}
    for column, key in (mapping or {}).items():
        if key not in KEYS:
            raise UsageError(f"mapping {column}={key}: {key!r} is not one of {', '.join(KEYS)}")
        wanted[norm(column)] = key
    needs = ", ".join(wanted) + " and " if wanted else ""

    def header(cells: list[str]) -> dict[int, str] | None:
        names = [norm(c) for c in cells]
        if not set(wanted) <= set(names):
            return None
        found = _resolve(names, wanted)
        taken = set(found.values())
        for i, key in _resolve(names, COMMON_COLUMNS).items():
            if i not in found and key not in taken:
                found[i] = key
                taken.add(key)
        return found if taken & {"name", "first_name", "last_name"} else None

    return _read(data, header, needs + "a name column (Name, or First Name and Last Name)")


def sniff(data: bytes) -> str:
    """'linkedin' when `data` looks like LinkedIn's Connections.csv, else 'csv'."""
    head = data[:8192].decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = head.splitlines()[:HEADER_SEARCH_ROWS]
    for cells in csv.reader(lines):
        names = {norm(c) for c in cells}
        if {"first name", "last name", "url", "connected on"} <= names:
            return "linkedin"
    return "csv"


def linkedin_header(cells: list[str]) -> dict[int, str] | None:
    found = _resolve([norm(c) for c in cells], LINKEDIN_COLUMNS)
    return found if {"first_name", "last_name"} <= set(found.values()) else None


def _resolve(names: list[str], table: Mapping[str, str]) -> dict[int, str]:
    """Column index -> key for the names in `table`; the first column with a key wins."""
    found: dict[int, str] = {}
    for i, name in enumerate(names):
        key = table.get(name)
        if key is not None and key not in found.values():
            found[i] = key
    return found


def norm(header: str) -> str:
    return " ".join(re.split(r"[\s_-]+", clean(header).strip().casefold())).strip()


def _read(
    data: bytes, header: Callable[[list[str]], dict[int, str] | None], looked_for: str
) -> ImportResult:
    lines = rows(decode(data))
    columns: dict[int, str] | None = None
    titles: list[str] = []
    width = 0
    for line, cells in lines:
        if isinstance(cells, str) or not any(c.strip() for c in cells):
            continue
        columns = header(cells)
        if columns is not None:
            titles = [clean(c).strip() for c in cells]
            width = len(cells)
            break
        if line > HEADER_SEARCH_ROWS:
            break
    if columns is None:
        raise ImportFileError(
            f"no header found in the first {HEADER_SEARCH_ROWS} lines (looked for {looked_for})"
        )
    contacts: list[ImportedContact] = []
    problems: list[RowProblem] = []
    count = 0
    for line, cells in lines:
        if isinstance(cells, str):
            problems.append(RowProblem(line, cells))
            continue
        if not any(c.strip() for c in cells):
            continue  # blank lines, such as the empty line at the end
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(f"more than {MAX_ROWS:,} rows", line)
        result = _contact(line, cells, columns, titles, width)
        if isinstance(result, ImportedContact):
            contacts.append(result)
        else:
            problems.append(result)
    return ImportResult(contacts, problems)


def decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ImportFileError(f"the file is larger than {limit} MiB ({len(data):,} bytes)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("the file is UTF-16 text, not UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise ImportFileError("the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ImportFileError(f"not UTF-8 text (byte 0x{data[e.start]:02x})", line) from None
    # csv rejects NUL before Python 3.11, and clean() would drop it anyway.
    return text.replace("\x00", "")


def rows(text: str, sep: str = ",") -> Iterator[tuple[int, list[str] | str]]:
    """(line where the row starts, its cells), or (line, why) when csv cannot read it;
    cells separated by `sep`, every other rule the csv module's default (no sniffing)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
    start = 1
    while True:
        try:
            cells: list[str] | str = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            cells = f"cannot be read as CSV: {e}"
        yield start, cells
        start = reader.line_num + 1


def _contact(
    line: int, cells: list[str], columns: dict[int, str], titles: list[str], width: int
) -> ImportedContact | RowProblem:
    # Spreadsheets sometimes add empty cells at the end of a row; those are harmless.
    if len(cells) < width or any(c.strip() for c in cells[width:]):
        return RowProblem(line, f"{len(cells)} fields, but the header has {width}")
    values: dict[str, str] = {}
    for i, key in columns.items():
        raw = cells[i]
        if len(raw) > MAX_FIELD_CHARS:
            return RowProblem(
                line, f"{titles[i]} is {len(raw):,} characters long (at most {MAX_FIELD_CHARS:,})"
            )
        values[key] = tidy(raw)
    name = values.get("name", "") or " ".join(
        v for v in (values.get("first_name", ""), values.get("last_name", "")) if v
    )
    if not name:
        named = [titles[i] for i, k in columns.items() if k in ("name", "first_name", "last_name")]
        empty = " and ".join(named) + (" are empty" if len(named) > 1 else " is empty")
        return RowProblem(line, f"no name ({empty})")
    from drafter.contacts import not_an_email

    if not_an_email(values.get("email", "")):  # else the whole import would stop at this row
        title = next(titles[i] for i, k in columns.items() if k == "email")
        return RowProblem(line, f"{title}: {values['email']!r} is not an email address")
    connected = None
    if values.get("connected"):
        connected = parse_date(values["connected"])
        if connected is None:
            title = next(titles[i] for i, k in columns.items() if k == "connected")
            return RowProblem(
                line, f"{title}: {values['connected']!r} is not a date (like 15 Mar 2024)"
            )
    return ImportedContact(
        line=line,
        name=name,
        email=values.get("email", ""),
        company=values.get("company", ""),
        position=values.get("position", ""),
        linkedin=values.get("linkedin", ""),
        connected=connected,
    )


def tidy(value: str) -> str:
    """`value` cleaned (drafter.text.clean, which passes printable text straight on), spaces
    collapsed and trimmed."""
    return " ".join(clean(value).split())


def parse_date(value: str) -> str | None:
    """An ISO date from '15 Mar 2024', '15-Mar-24' or '2024-03-15'; None if it is not one."""
    try:
        if _ISO_DATE.fullmatch(value):
            return datetime.date.fromisoformat(value).isoformat()
        m = _DAY_MONTH_YEAR.fullmatch(value)
        if m is None:
            return None
        day, month_name, year_text = m.groups()
        month = _MONTHS.get(month_name[:3].casefold())
        if month is None or (len(month_name) > 3 and not _full_month(month_name)):
            return None
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return datetime.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def _full_month(name: str) -> bool:
    full = (
        "january february march april may june july august september october november december"
    ).split()
    lowered = name.casefold()
    return lowered in full or lowered == "sept"
