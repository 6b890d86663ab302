"""Contacts: the people you write to, what you know about them, and what you remember.

Kept in the same SQLite database as the history (drafter/history.py: its migrations, its
locking, its file modes), because a contact's touches are the drafts sent to them. Names
are found the way people type them: any part, any case, accents optional; a name that
fits several contacts is an error listing them, never a guess.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from drafter import history, lazyre
from drafter.errors import UsageError
from drafter.text import clean

if TYPE_CHECKING:
    import sqlite3

    from drafter.contact_import import ImportedContact
    from drafter.pipeline import Outcome
    from drafter.playbook import Playbook

# What `contacts add NAME --set KEY=VALUE` and an import may set, in the order shown.
KEYS = (
    "greeting", "how_we_met", "company", "position", "email", "linkedin", "connected", "tags",
    "cadence",
)  # fmt: skip
MAX_TEXT = 2_000  # characters in one value, note or remembered detail


class Detail(msgspec.Struct, frozen=True):
    """Something they told you, to bring up next time, and when you noted it."""

    text: str
    at: str


class Contact(msgspec.Struct, frozen=True):
    id: int
    name: str
    greeting: str = ""
    how_we_met: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    linkedin: str = ""
    connected: str = ""
    tags: list[str] = []
    notes: str = ""
    created: str = ""
    updated: str = ""
    details: list[Detail] = []
    cadence: str = ""  # keep in touch: "every 2m, at most 4m" (drafter/cadence.py)
    snoozed_until: str = ""  # a local date: not due before it

    @property
    def written(self) -> str:
        """The name as a draft's name field takes it: 'Robert Smith (Bob)' when they go by
        another name."""
        if self.greeting and history.fold(self.greeting) not in history.fold(self.name):
            return f"{self.name} ({self.greeting})"
        return self.name

    def value(self, key: str) -> str:
        """What `from_contact: key` fills a field with; empty when the contact has none."""
        if key == "name":
            return self.written
        if key == "role":
            at = f" at {self.company}" if self.company and self.position else self.company
            return f"{self.position}{at}"
        if key == "detail":
            return self.details[-1].text if self.details else ""
        return str(getattr(self, key))


class NoSuchContact(UsageError):
    """No contact, or more than one, answers to a name."""


def _value(key: str, value: Any) -> Any:
    if key == "tags":
        items = value if isinstance(value, list) else str(value).replace(",", " ").split()
        return sorted({clean(str(t)).strip().lower() for t in items if str(t).strip()})
    text = " ".join(clean(str(value)).split())
    if len(text) > MAX_TEXT:
        raise UsageError(f"{key}: longer than {MAX_TEXT:,} characters")
    if key == "email" and not_an_email(text):
        raise UsageError(f"email: {text!r} is not an email address")
    if key == "cadence" and text:
        from drafter.cadence import parse_cadence

        return str(parse_cadence(text))
    if key == "connected" and text:
        from datetime import date

        try:
            text = date.fromisoformat(text).isoformat()
        except ValueError:
            raise UsageError(f"connected: {text!r} is not a date (2024-03-15)") from None
    return text


def not_an_email(text: str) -> bool:
    """Whether a contact would refuse `text` as their email (an import checks rows with it)."""
    return bool(text) and ("@" not in text or " " in text)


def checked_text(key: str, text: str) -> str:
    """One line of text as a contact keeps it (a note, a detail): cleaned, one line, bounded;
    UsageError naming `key` when too long."""
    return str(_value(key, text))


def checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` cleaned and checked; UsageError naming an unknown key or a bad value."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in KEYS:
            raise UsageError(f"unknown contact key {key!r}; keys: {', '.join(KEYS)}")
        out[key] = _value(key, value)
    return out


def _row(row: Sequence[Any], details: list[Detail]) -> Contact:
    return Contact(
        id=row[0], name=row[1], greeting=row[2], how_we_met=row[3], company=row[4],
        position=row[5], email=row[6], linkedin=row[7], connected=row[8],
        tags=json.loads(row[9]), notes=row[10], created=row[11], updated=row[12],
        details=details, cadence=row[13], snoozed_until=row[14],
    )  # fmt: skip


def _details(conn: sqlite3.Connection, contact_id: int | None = None) -> dict[int, list[Detail]]:
    """Remembered details by contact, oldest first: one query, not one a contact."""
    where, args = ("WHERE contact_id = ?", (contact_id,)) if contact_id is not None else ("", ())
    found: dict[int, list[Detail]] = {}
    query = f"SELECT contact_id, text, at FROM details {where} ORDER BY id"
    for owner, text, at in conn.execute(query, args):
        found.setdefault(owner, []).append(Detail(text, at))
    return found


_COLUMNS = (
    "id, name, greeting, how_we_met, company, position, email, linkedin, connected, tags, notes,"
    " created, updated, cadence, snoozed_until"
)


def everyone(tag: str | None = None) -> list[Contact]:
    """Every contact, by name; with `tag`, those tagged so."""
    if not history.path().exists():
        return []
    with history.connect(create=False) as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM contacts ORDER BY name COLLATE NOCASE")
        details = _details(conn)
        found = [_row(r, details.get(r[0], [])) for r in rows.fetchall()]
    if tag is not None:
        found = [c for c in found if tag.strip().lower() in c.tags]
    return found


def matching(query: str) -> list[Contact]:
    """Contacts whose name (or the name they go by) holds `query`, any case or accents;
    an exact whole name wins over parts of others ('Kim Park' over 'Kim Parker'). `#12`
    is contact 12, for two people of one name."""
    want = history.fold(" ".join(query.split()))
    if not want:
        return []
    if want.startswith("#") and want[1:].isdigit() and len(want) < 19:
        try:
            return [get(int(want[1:]))]
        except (NoSuchContact, history.HistoryError):
            return []
    found = [c for c in everyone() if want in history.fold(f"{c.name} {c.greeting}")]
    exact = [c for c in found if history.fold(c.name) == want]
    return exact or found


def one(query: str) -> Contact:
    """The one contact `query` names; NoSuchContact listing the candidates otherwise."""
    found = matching(query)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NoSuchContact(f"no contact matches {query!r} (see 'drafter contacts list')")
    counts: dict[str, int] = {}
    for c in found:
        counts[history.fold(c.name)] = counts.get(history.fold(c.name), 0) + 1
    if any(n > 1 for n in counts.values()):  # no more of the name to give: their ids
        shown = [f"{c.name} (#{c.id}{', ' + c.company if c.company else ''})" for c in found]
        hint = "name one as #ID"
    else:
        shown, hint = [c.name for c in found], "give more of the name"
    names = ", ".join(shown[:8]) + (", …" if len(found) > 8 else "")
    raise NoSuchContact(f"{query!r} matches {len(found)} contacts: {names}; {hint}")


def add(name: str, values: Mapping[str, Any], clock: history.Clock = history.utc_now) -> Contact:
    """A new contact; UsageError when one with the same name exists already. A name they go
    by, typed in brackets or quotes ('Robert (Bob) Smith'), is kept as their `greeting`."""
    name = " ".join(clean(name).split())
    if not name:
        raise UsageError("a contact needs a name")
    if len(name) > MAX_TEXT:
        raise UsageError(f"name: longer than {MAX_TEXT:,} characters")
    values = dict(values)
    if any(mark in name for mark in '()"“”') and not values.get("greeting"):
        name, goes_by = _goes_by(name)
        if goes_by:
            values["greeting"] = goes_by
    fields = checked(values)
    now = history.stamp(clock())
    with history.connect(create=True) as conn, history.writing(conn):
        # Looked for under the write lock: two adds at once make one contact, not two that
        # no name can tell apart.
        taken = conn.execute(
            "SELECT 1 FROM contacts WHERE drafter_fold(name) = ?", (history.fold(name),)
        ).fetchone()
        if taken is not None:
            raise UsageError(f"{name!r} is a contact already (see 'drafter contacts show')")
        cursor = conn.execute(
            "INSERT INTO contacts (name, created, updated) VALUES (?, ?, ?)", (name, now, now)
        )
        contact_id = int(cursor.lastrowid or 0)
        _update(conn, contact_id, fields, now)
    return get(contact_id)


_GOES_BY = lazyre.compile(r'\s*(?:\(([^()]+)\)|"([^"]+)"|“([^“”]+)”)\s*')


def _goes_by(typed: str) -> tuple[str, str]:
    """'Robert (Bob) Smith' -> ('Robert Smith', 'Bob'): one name in brackets or quotes is
    the name they go by; the rest stays as typed. Anything else: as it is."""
    found = list(_GOES_BY.finditer(typed))
    if len(found) != 1:
        return typed, ""
    match = found[0]
    goes_by = " ".join(next(g for g in match.groups() if g).split())
    rest = " ".join((typed[: match.start()] + " " + typed[match.end() :]).split())
    return (rest, goes_by) if rest and goes_by else (typed, "")


def _update(conn: sqlite3.Connection, contact_id: int, fields: Mapping[str, Any], now: str) -> None:
    for key, value in fields.items():  # keys come from KEYS only (checked)
        stored = json.dumps(value) if key == "tags" else value
        conn.execute(f"UPDATE contacts SET {key} = ?, updated = ? WHERE id = ?",
                     (stored, now, contact_id))  # fmt: skip


def get(contact_id: int) -> Contact:
    with history.connect(create=False) as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM contacts WHERE id = ?", (contact_id,))
        found = row.fetchone()
        if found is None:
            raise NoSuchContact(f"no contact {contact_id}")
        return _row(found, _details(conn, contact_id).get(contact_id, []))


def update(
    contact: Contact, values: Mapping[str, Any], clock: history.Clock = history.utc_now
) -> Contact:
    fields = checked(values)
    with history.connect(create=False) as conn, history.writing(conn):
        _update(conn, contact.id, fields, history.stamp(clock()))
    return get(contact.id)


def replace(
    contact: Contact, data: Mapping[str, Any], clock: history.Clock = history.utc_now
) -> Contact:
    """Save an edited contact whole: its name, every key and its notes (`contacts edit`)."""
    name = " ".join(clean(str(data.get("name") or "")).split())
    if not name:
        raise UsageError("a contact needs a name; nothing was saved")
    others = [c for c in everyone() if c.id != contact.id]
    if any(history.fold(c.name) == history.fold(name) for c in others):
        raise UsageError(f"{name!r} is another contact already; nothing was saved")
    fields = checked({k: data.get(k, "") for k in KEYS})
    notes = "\n".join(
        _value("notes", line) for line in str(data.get("notes") or "").splitlines() if line.strip()
    )
    now = history.stamp(clock())
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("UPDATE contacts SET name = ?, notes = ?, updated = ? WHERE id = ?",
                     (name, notes, now, contact.id))  # fmt: skip
        _update(conn, contact.id, fields, now)
    return get(contact.id)


def note(contact: Contact, text: str, clock: history.Clock = history.utc_now) -> Contact:
    """Add a line to the contact's free notes."""
    line = _value("notes", text)
    if not line:
        raise UsageError("the note is empty")
    notes = f"{contact.notes}\n{line}" if contact.notes else line
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("UPDATE contacts SET notes = ?, updated = ? WHERE id = ?",
                     (notes, history.stamp(clock()), contact.id))  # fmt: skip
    return get(contact.id)


def remember(contact: Contact, text: str, clock: history.Clock = history.utc_now) -> Contact:
    """Keep a detail to bring up next time ('going to Costa Rica in March'), dated."""
    detail = _value("detail", text)
    if not detail:
        raise UsageError("nothing to remember: the detail is empty")
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("INSERT INTO details (contact_id, text, at) VALUES (?, ?, ?)",
                     (contact.id, detail, history.stamp(clock())))  # fmt: skip
    return get(contact.id)


def touches(contact: Contact) -> list[history.Record]:
    """The recorded drafts to or about them: drafted to them (--to, or their exact name), or
    with their name among the people a draft was for."""
    names = {history.fold(contact.name)}
    if not history.path().exists():
        return []
    with history.connect(create=False) as conn:
        rows = conn.execute("SELECT draft_id FROM draft_contacts WHERE contact_id = ?",
                            (contact.id,))  # fmt: skip
        linked = {row[0] for row in rows}
    return [
        r
        for r in history.find(limit=None)
        if r.id in linked or any(history.fold(p.split(" (")[0]) in names for p in r.people)
    ]


def _drafts_about(
    conn: sqlite3.Connection, ids: Sequence[int] | None, names: set[str]
) -> list[int]:
    """The drafts linked to the contacts `ids` (None: to any contact), or with one of `names`
    (folded) among their people: read in the transaction that deletes them."""
    if ids is None:
        rows = conn.execute("SELECT DISTINCT draft_id FROM draft_contacts")
    else:
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT draft_id FROM draft_contacts WHERE contact_id IN ({marks})", list(ids)
        )
    found = {row[0] for row in rows}
    for draft_id, people in conn.execute("SELECT id, people FROM drafts"):
        if any(history.fold(p.split(" (")[0]) in names for p in people.split("\n") if p):
            found.add(draft_id)
    return sorted(found)


def forget(contact: Contact) -> tuple[int, int]:
    """Delete the contact and every recorded draft to or about them, for good.

    Returns (details deleted, drafts deleted). What is deleted is found and deleted in one
    transaction, so a draft recorded meanwhile by another drafter is not left behind; then
    the file is rewritten (history.scrub), so nothing of theirs stays on disk.
    """
    with history.connect(create=False) as conn:
        with history.writing(conn):
            drafts = _drafts_about(conn, [contact.id], {history.fold(contact.name)})
            gone = conn.execute("SELECT count(*) FROM details WHERE contact_id = ?", (contact.id,))
            details = int(gone.fetchone()[0])
            history.delete_drafts(conn, drafts)
            conn.execute("DELETE FROM contacts WHERE id = ?", (contact.id,))
        history.scrub(conn)
    return details, len(drafts)


def forget_all() -> tuple[int, int]:
    """Delete every contact, everything kept about them (details, touches, follow-ups, tag
    cadences) and every draft to them, for good. Returns (contacts, drafts) deleted."""
    if not history.path().exists():
        return 0, 0
    with history.connect(create=False) as conn:
        with history.writing(conn):
            names = {history.fold(r[0]) for r in conn.execute("SELECT name FROM contacts")}
            drafts = _drafts_about(conn, None, names)
            gone = int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
            history.delete_drafts(conn, drafts)
            conn.execute("DELETE FROM contacts")
            conn.execute("DELETE FROM tag_cadences")
        history.scrub(conn)
    return gone, len(drafts)


def _same_person(
    row: ImportedContact,
    by_url: Mapping[str, Contact],
    by_email: Mapping[str, Contact],
    by_name: Mapping[str, Contact],
) -> Contact | None:
    """The contact `row` is, if any: the same LinkedIn URL; else the same email; else the same
    name. Two people of one name with different URLs or emails stay two people."""
    url, email = row.linkedin.rstrip("/").lower(), row.email.lower()
    if url and url in by_url:
        return by_url[url]
    found = by_email.get(email) if email else None
    if found is not None and not (url and found.linkedin):
        return found
    found = by_name.get(history.fold(row.name))
    if found is None:
        return None
    if (url and found.linkedin) or (email and found.email and found.email.lower() != email):
        return None  # the same name, but another person's URL or address
    return found


def _same(key: str, old: Any, new: Any) -> bool:
    if key == "email":
        return str(old).lower() == str(new).lower()
    if key == "linkedin":
        return str(old).rstrip("/").lower() == str(new).rstrip("/").lower()
    return bool(old == new)


def import_contacts(
    rows: Sequence[ImportedContact], clock: history.Clock = history.utc_now
) -> tuple[int, int, int]:
    """Add or update contacts from imported rows: the same person is matched on their
    LinkedIn URL, else their email, else their whole name. (added, updated, unchanged)."""
    known = everyone()
    by_url = {c.linkedin.rstrip("/").lower(): c for c in known if c.linkedin}
    by_email = {c.email.lower(): c for c in known if c.email}
    by_name = {history.fold(c.name): c for c in known}
    added = updated = same = 0
    now = history.stamp(clock())
    with history.connect(create=True) as conn, history.writing(conn):
        for row in rows:
            values = {
                k: v
                for k, v in (("company", row.company), ("position", row.position),
                             ("email", row.email), ("linkedin", row.linkedin),
                             ("connected", row.connected or ""))
                if v
            }  # fmt: skip
            fields = checked(values)
            match = _same_person(row, by_url, by_email, by_name)
            if match is None:
                cursor = conn.execute(
                    "INSERT INTO contacts (name, created, updated) VALUES (?, ?, ?)",
                    (" ".join(clean(row.name).split()), now, now),
                )
                new_id = int(cursor.lastrowid or 0)
                _update(conn, new_id, fields, now)
                stub = Contact(id=new_id, name=row.name, **fields)
                by_name[history.fold(row.name)] = stub
                if row.linkedin:
                    by_url[row.linkedin.rstrip("/").lower()] = stub
                if row.email:
                    by_email[row.email.lower()] = stub
                added += 1
                continue
            changed = {k: v for k, v in fields.items() if not _same(k, getattr(match, k), v)}
            if changed:
                _update(conn, match.id, changed, now)
                updated += 1
            else:
                same += 1
    return added, updated, same


def slots(pb: Playbook) -> list[str]:
    """The fields that take the names of the contacts given with --to, in order: those with
    `from_contact: name` (by `contact`), else, in a playbook that maps nothing, its name fields."""
    mapped = {f.contact: f.name for f in pb.fields if f.from_contact == "name"}
    if mapped:
        return [mapped[i] for i in sorted(mapped)]
    if any(f.from_contact for f in pb.fields):
        return []
    return [f.name for f in pb.fields if f.type == "name"]


def answers_for(pb: Playbook, people: Sequence[Contact]) -> dict[str, Any]:
    """The answers `people` (given with --to, in order) give the playbook's fields: their
    names, and whatever else a field maps (`from_contact: company`). Empty values are left
    out, so the field is asked or takes its default."""
    names = slots(pb)
    if len(people) > len(names):
        takes = (
            f"takes {len(names)} contact{'s' if len(names) != 1 else ''}"
            if names
            else ("has no field for a contact's name")
        )
        raise UsageError(f"{pb.id} {takes}; --to was given {len(people)} times")
    seen: set[int] = set()
    for person in people:
        if person.id in seen:  # an introduction of Kim to Kim: a slip
            raise UsageError(f"--to names {person.name} twice")
        seen.add(person.id)
    found: dict[str, Any] = {}
    if not any(f.from_contact for f in pb.fields):
        return {name: person.written for name, person in zip(names, people, strict=False)}
    for f in pb.fields:
        if f.from_contact is not None and f.contact <= len(people):
            value = people[f.contact - 1].value(f.from_contact)
            if value:
                found[f.name] = value
    return found


def linked(
    conn: sqlite3.Connection, pb: Playbook, answers: Mapping[str, Any], given: Sequence[Contact]
) -> list[int | None]:
    """The contact each of the playbook's people is, by slot: the one given with --to while
    the answer still names them, else the one contact of exactly that name, else None."""
    from drafter import names

    found: list[int | None] = []
    for i, slot in enumerate(slots(pb)):
        answer = str(answers.get(slot) or "").strip()
        if not answer:
            found.append(None)
            continue
        written = names.written(names.parse(answer)) or " ".join(answer.split())
        wanted = {history.fold(answer), history.fold(written)}
        if i < len(given) and wanted & {
            history.fold(given[i].name),
            history.fold(given[i].written),
        }:
            found.append(given[i].id)
            continue
        pair = sorted(wanted) * 2
        rows = conn.execute(
            "SELECT id FROM contacts WHERE drafter_fold(name) IN (?, ?) LIMIT 2", pair[:2]
        ).fetchall()
        found.append(rows[0][0] if len(rows) == 1 else None)
    return found


# What a draft's answers can tell a new contact (the keys that map back one to one).
_FROM_DRAFT = ("email", "company", "position", "how_we_met", "linkedin")


def unknown(pb: Playbook, answers: Mapping[str, Any]) -> list[tuple[int, str]]:
    """The people a draft is to who are not contacts: (slot, name as written)."""
    from drafter import names

    known = {history.fold(c.name) for c in everyone()}
    found = []
    for i, slot in enumerate(slots(pb)):
        answer = str(answers.get(slot) or "").strip()
        parsed = names.parse(answer) if answer else None
        written = (names.written(parsed) if parsed else "") or " ".join(answer.split())
        if written and history.fold(written) not in known:
            found.append((i, written))
    return found


def add_from_draft(
    pb: Playbook, outcome: Outcome, slot: int, clock: history.Clock = history.utc_now
) -> Contact:
    """Add the person in `slot` of a draft as a contact, with what the draft's mapped fields
    say about them (their email, company, …) and the name they go by."""
    from drafter import names

    answers = outcome.answers
    raw = str(answers.get(slots(pb)[slot]) or "")
    parsed = names.parse(raw)
    written = names.written(parsed) or " ".join(raw.split())
    values: dict[str, Any] = {}
    if parsed.greeting and history.fold(parsed.greeting) not in history.fold(written):
        values["greeting"] = parsed.greeting
    for f in pb.fields:
        if f.from_contact in _FROM_DRAFT and f.contact == slot + 1:
            value = answers.get(f.name)
            if isinstance(value, str) and value.strip():
                values[f.from_contact] = value
    return add(written, values, clock)
