"""Drafting from rows: a CSV read into rows, each row's cells mapped to a playbook's answers,
and one draft a row through the one pipeline (`drafter.pipeline.run`).

Pure of the terminal: bytes in, `Result`s out. The CLI (drafter/cli/batch.py) prints them.

The CSV is read with the standard `csv` module and fixed rules, never guessed: UTF-8 with or
without a BOM, any line ends, quoted newlines, doubled quotes anywhere, and the delimiter
given (a comma unless told). The bounds and the decoding are contact_import's (the same file
may be imported as contacts): `MAX_FILE_BYTES`, `MAX_ROWS`, `MAX_FIELD_CHARS`. LinkedIn's
Connections.csv is recognised by its header, and its "Notes:" lines before it are skipped.

How a column becomes an answer, in the order they win (later wins):
1. `--set FIELD=VALUE`, shared by every row;
2. columns that name a person the way a contacts import knows them (Name, First Name and
   Last Name, Email Address, Company, Position, URL, ...): they fill the playbook's fields
   as `drafter draft --to` fills them from a contact (drafter.contacts.answers_for);
3. columns named after a field (case, spaces, hyphens and underscores aside: "Recipient
   Name" is `recipient_name`), `--map COLUMN=FIELD` columns, and `me.KEY` columns for the
   sender.
An empty cell gives nothing: the field takes its default (or --set's value), or, when it is
required, the row fails naming it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import msgspec

from drafter import answers, contact_import, contacts, history, pipeline
from drafter.contact_import import MAX_FIELD_CHARS, MAX_ROWS, ImportFileError
from drafter.errors import DrafterError, UsageError
from drafter.pipeline import Outcome
from drafter.playbook import ME_KEYS, Playbook, suggest
from drafter.text import clean

# What a contacts import calls a column (drafter.contact_import.COMMON_COLUMNS) -> the keys a
# playbook's `from_contact` reads.
_CONTACT_KEYS = {
    "name": ("name", "first_name", "last_name"),
    "role": ("company", "position"),
    "how_we_met": ("connected",),  # LinkedIn's Connected On: see connected_line()
}


class Row(msgspec.Struct, frozen=True):
    """One data row: the line it starts on (1-based), its cells, or why it cannot be read."""

    line: int
    cells: list[str]
    problem: str = ""


class Table(msgspec.Struct, frozen=True):
    """A CSV file read: its header's titles (cleaned) and its data rows, blank lines aside."""

    header: list[str]
    rows: list[Row]
    linkedin: bool = False


class Plan(msgspec.Struct, frozen=True):
    """Which column gives what: field answers, the sender's keys, a contact's keys."""

    fields: dict[int, str]
    me: dict[int, str]
    contact: dict[int, str]
    unused: list[str]


class Result(msgspec.Struct, frozen=True):
    """One row's outcome: the draft (its checks may have failed), or why there is none."""

    line: int
    outcome: Outcome | None = None
    recipient: str = ""
    error: str = ""
    people: list[contacts.Contact] = msgspec.field(default_factory=list)  # drafted for contacts


def delimiter(text: str) -> str:
    """The delimiter `--delimiter` names: one character ("," ";" "|"), or `tab` / `\\t`."""
    if text.casefold() in ("tab", "\\t"):
        return "\t"
    if len(text) != 1 or text in '"\r\n' or text.isalnum() or text.isspace():
        raise UsageError(
            f"--delimiter {text!r}: give one character that is not a letter, digit, quote "
            "or line end (or 'tab')"
        )
    return text


def read_table(data: bytes, sep: str = ",") -> Table:
    """The header and data rows of a CSV file; ImportFileError when it cannot be read at all."""
    text = contact_import.decode(data)
    linkedin = sep == "," and contact_import.sniff(data) == "linkedin"
    rows = contact_import.rows(text, sep)
    header: list[str] | None = None
    for line, cells in rows:
        if isinstance(cells, str):
            raise ImportFileError(cells, line)
        if not any(c.strip() for c in cells):
            continue
        if linkedin and contact_import.linkedin_header(cells) is None:
            if line > contact_import.HEADER_SEARCH_ROWS:
                break
            continue  # LinkedIn's notes before the header
        header = [contact_import.tidy(c) for c in cells]
        _check_header(header, line)
        break
    if header is None:
        raise ImportFileError("no header row (the first row names the columns)")
    found: list[Row] = []
    for line, cells in rows:
        if isinstance(cells, str):
            found.append(Row(line, [], cells))
            continue
        if not any(c.strip() for c in cells):
            continue  # blank lines, such as the one at the end
        if len(found) >= MAX_ROWS:
            raise ImportFileError(f"more than {MAX_ROWS:,} rows", line)
        found.append(Row(line, cells, _row_problem(cells, header)))
    return Table(header, found, linkedin)


def _check_header(header: list[str], line: int) -> None:
    seen: dict[str, str] = {}
    for title in header:
        if len(title) > 200:
            raise ImportFileError(f"a column title is {len(title):,} characters long", line)
        key = contact_import.norm(title)
        if key and key in seen:
            raise ImportFileError(f"two columns are called {seen[key]!r}", line)
        seen[key] = title


def _row_problem(cells: list[str], header: list[str]) -> str:
    width = len(header)
    # Spreadsheets sometimes add empty cells at the end of a row; those are harmless.
    if len(cells) < width or any(c.strip() for c in cells[width:]):
        return f"{len(cells)} fields, but the header has {width}"
    for title, cell in zip(header, cells, strict=False):
        if len(cell) > MAX_FIELD_CHARS:
            return f"{title} is {len(cell):,} characters long (at most {MAX_FIELD_CHARS:,})"
    return ""


def plan(
    pb: Playbook,
    header: Sequence[str],
    maps: Mapping[str, str] | None = None,
    shared: Collection[str] = (),
) -> Plan:
    """Which column gives which answer; UsageError for a --map that names no column or field.

    `shared` are the fields --set answers for every row: a row's own column still wins over
    them, but what a contact's columns would fill in (a company, a date) does not."""
    by_name = {contact_import.norm(f.name): f.name for f in pb.fields}
    titles = {contact_import.norm(t): i for i, t in enumerate(header)}
    fields: dict[int, str] = {}
    me: dict[int, str] = {}
    for column, target in (maps or {}).items():
        i = titles.get(contact_import.norm(column))
        if i is None:
            raise UsageError(
                f"--map {column}={target}: no column {column!r}; columns: {', '.join(header)}"
            )
        if target.startswith("me."):
            me[i] = _me_key(target[3:], f"--map {column}={target}")
        elif target in pb.field_map:
            fields[i] = target
        elif target:  # --map COLUMN= leaves a column out
            raise UsageError(
                f"--map {column}={target}: playbook {pb.id!r} has no field {target!r}"
                f"{suggest(target, list(pb.field_map))}"
            )
    mapped = set(fields) | set(me)
    ignored = {titles[contact_import.norm(c)] for c, t in (maps or {}).items() if not t}
    for i, title in enumerate(header):
        if i in mapped or i in ignored:
            continue
        if title.casefold().startswith("me."):
            me[i] = _me_key(title[3:].strip().casefold(), f"column {title!r}")
        elif contact_import.norm(title) in by_name:
            fields[i] = by_name[contact_import.norm(title)]
    taken: dict[str, int] = {}
    for i, name in [*fields.items(), *((i, f"me.{k}") for i, k in me.items())]:
        if name in taken:
            raise UsageError(
                f"columns {header[taken[name]]!r} and {header[i]!r} both give {name}; "
                f"leave one out with --map '{header[i]}='"
            )
        taken[name] = i
    wanted = _contact_keys(pb, set(fields.values()) | set(shared))
    contact: dict[int, str] = {}
    for i, title in enumerate(header):
        key = contact_import.COMMON_COLUMNS.get(contact_import.norm(title))
        if i in fields or i in me or i in ignored or key not in wanted:
            continue
        if key not in contact.values():
            contact[i] = key
    if "last_name" in contact.values() and not {"first_name", "name"} & set(contact.values()):
        # a family name alone would be greeted ('Hi Nguyen'): it is no name to write to
        contact = {i: k for i, k in contact.items() if k != "last_name"}
    used = set(fields) | set(me) | set(contact) | ignored
    unused = [t for i, t in enumerate(header) if i not in used]
    return Plan(fields, me, contact, unused)


def _me_key(key: str, where: str) -> str:
    if key not in ME_KEYS:
        raise UsageError(
            f"{where}: the sender has no key {key!r}{suggest(key, list(ME_KEYS))}; "
            f"keys: {', '.join(ME_KEYS)}"
        )
    return key


def _contact_keys(pb: Playbook, given: set[str]) -> set[str]:
    """The contact keys (contact_import.KEYS) some field of the first person takes, for the
    fields no column names."""
    slots = contacts.slots(pb)
    keys: set[str] = set()
    if slots and slots[0] not in given:
        keys.update(_CONTACT_KEYS["name"])
    for f in pb.fields:
        if f.from_contact and f.from_contact != "name" and f.contact == 1 and f.name not in given:
            keys.update(_CONTACT_KEYS.get(f.from_contact, (f.from_contact,)))
    return keys & set(contact_import.KEYS)


def row_answers(pb: Playbook, plan: Plan, cells: Sequence[str]) -> dict[str, Any]:
    """What one row answers: its named fields, the sender's keys, and a person's columns
    filled in as a contact of that name would fill them."""
    found: dict[str, Any] = {}
    person = {key: contact_import.tidy(cells[i]) for i, key in plan.contact.items()}
    name = person.pop("name", "") or " ".join(
        v for v in (person.pop("first_name", ""), person.pop("last_name", "")) if v
    )
    person.pop("first_name", None)
    person.pop("last_name", None)
    if name or any(person.values()):
        contact = contacts.Contact(
            id=0,
            name=name,
            company=person.get("company", ""),
            position=person.get("position", ""),
            email=person.get("email", ""),
            linkedin=person.get("linkedin", ""),
            connected=person.get("connected", ""),
            how_we_met=connected_line(person.get("connected", "")),
        )
        found.update(contacts.answers_for(pb, [contact]))
    for i, field in plan.fields.items():
        multiline = pb.field_map[field].type == "multiline"
        value = (
            clean(cells[i], multiline=True).strip() if multiline else contact_import.tidy(cells[i])
        )
        if value:
            found[field] = value
    me = {key: contact_import.tidy(cells[i]) for i, key in plan.me.items()}
    me = {k: v for k, v in me.items() if v}
    if me:
        found["me"] = me
    return found


# No one connected on LinkedIn before it opened (May 2003).
LINKEDIN_BEGAN = 2003


def connected_line(connected: str) -> str:
    """How you know someone when all a file says is when you connected: 'we connected on
    LinkedIn in March 2024' (LinkedIn's Connected On, '15 Mar 2024'); empty if not a date."""
    iso = contact_import.parse_date(connected.strip()) if connected.strip() else None
    if iso is None:
        return ""
    when = date.fromisoformat(iso)
    if when.year < LINKEDIN_BEGAN:  # '0001-01-01' (a spreadsheet's empty date) said 'January 1'
        return ""
    return f"we connected on LinkedIn in {when:%B} {when.year}"


def unanswered(pb: Playbook, plan: Plan, shared: Collection[str] = ()) -> list[str]:
    """The required fields (asked in every draft: no `when`, no default) that nothing in the
    run can answer: no column, no --set, no contact column a `from_contact` reads."""
    given = set(plan.fields.values()) | set(shared)
    keys = set(plan.contact.values())
    slots = contacts.slots(pb)
    mapped = any(f.from_contact for f in pb.fields)
    missing = []
    for f in pb.fields:
        if not f.required or f.when or f.default is not None or f.name in given:
            continue
        # What the row's person gives: mapped keys, or (mapping nothing) the name to slot one.
        source = f.from_contact if mapped else ("name" if slots[:1] == [f.name] else None)
        if source and f.contact == 1 and set(_CONTACT_KEYS.get(source, (source,))) & keys:
            continue
        missing.append(f.name)
    return missing


def draft_rows(
    pb: Playbook,
    rows: Iterable[Row],
    plan: Plan,
    *,
    shared: Mapping[str, Any] | None = None,
    variant: str | None = None,
    profile: Mapping[str, Any] | None = None,
) -> Iterator[Result]:
    """One Result a row, in order: each drafted as `pipeline.run` drafts, never prompting
    (pipeline.run_many). A row that cannot be drafted (unreadable, an answer that does not
    fit, a required answer missing, a render that fails or runs out of time) is a Result with
    its `error`."""

    connected = next((i for i, key in plan.contact.items() if key == "connected"), None)
    told = [f.name for f in pb.fields if f.from_contact == "how_we_met" and f.contact == 1]

    def given(row: Row) -> dict[str, Any]:
        if row.problem:
            raise DrafterError(row.problem)
        found = answers.merge(shared or {}, row_answers(pb, plan, row.cells))
        if connected is not None and told and not found.get(told[0]):
            when = contact_import.tidy(row.cells[connected])
            if when and not connected_line(when):  # said, where 'missing how_we_know' was
                raise DrafterError(
                    f"Connected On {when!r} is no date drafter reads as when you connected "
                    "(it reads '15 Mar 2024' and '2024-03-15'), so nothing says how you know "
                    f"them: give {told[0]} a column or --set {told[0]}=TEXT"
                )
        return found

    for row, outcome in pipeline.run_many(pb, rows, given, variant=variant, profile=profile):
        if isinstance(outcome, DrafterError):
            yield Result(row.line, error=str(outcome))
        else:
            yield Result(row.line, outcome, recipient(pb, outcome))


def draft_people(
    pb: Playbook,
    people: Iterable[tuple[int, Sequence[contacts.Contact]]],
    *,
    shared: Mapping[str, Any] | None = None,
    variant: str | None = None,
    profile: Mapping[str, Any] | None = None,
) -> Iterator[Result]:
    """One Result a row of people (numbered as given: one contact, or the two an
    introduction's follow-up is to), answers filled as `draft --to` fills them."""

    def given(entry: tuple[int, Sequence[contacts.Contact]]) -> dict[str, Any]:
        # As in a CSV: when you connected says how you know them, if nothing else does.
        people = [
            p
            if p.how_we_met
            else msgspec.structs.replace(p, how_we_met=connected_line(p.connected))
            for p in entry[1]
        ]
        return answers.merge(shared or {}, contacts.answers_for(pb, people))

    for (number, persons), outcome in pipeline.run_many(
        pb, people, given, variant=variant, profile=profile
    ):
        names = " and ".join(p.name for p in persons)
        if isinstance(outcome, DrafterError):
            yield Result(number, error=f"{names}: {outcome}")
        else:
            yield Result(number, outcome, recipient(pb, outcome) or names, people=list(persons))


def recipient(pb: Playbook, outcome: Outcome) -> str:
    """Whom the draft is to, as people read it: the names its answers give, else addresses."""
    return ", ".join(history.people(pb, outcome.answers)) or ", ".join(outcome.to)


def file_name(number: int, who: str, ext: str) -> str:
    """`0007-kim-nguyen.txt`: the row number, then the recipient in plain letters."""
    plain = unicodedata.normalize("NFKD", who).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")
    return f"{number:04d}-{slug or 'draft'}.{ext}"
