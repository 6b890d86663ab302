"""Keeping in touch: what a draft leaves on its contacts, touches, and who is due.

A draft that leaves drafter is linked to the contacts it is to, saves what its `remember`
fields say about them, and schedules its playbook's `follow_up`. A contact is due when
their keep-in-touch cadence has run since you were last in touch (a draft marked sent, or
a touch logged with `contacts touch`), or when a scheduled follow-up's day has come and
nothing has happened since. Dates are the user's local dates; "now" is the clock given
(history.utc_now, which honours DRAFTER_NOW), so a scenario over weeks can be tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from drafter import contacts, history  # cadence (and calendar) only where a date is worked out
from drafter.errors import UsageError

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from drafter.pipeline import Outcome
    from drafter.playbook import Playbook

# The actions that mean a draft reached the person; with `copied_is_sent`, a copy does too.
SENT = ("sent",)
SENT_OR_COPIED = ("sent", "copied", "opened")


class Due(msgspec.Struct, frozen=True):
    """Someone to get in touch with, and why."""

    contact_id: int
    name: str
    due: str  # the local date it came (or comes) due, YYYY-MM-DD
    days: int  # days since then (negative: still to come)
    overdue: bool  # past the cadence's "at most", or a follow-up a week late
    kind: Literal["cadence", "follow-up"]
    why: str
    playbook: str  # the playbook to suggest ("" for none)
    follow_up: int | None = None
    draft: int | None = None
    detail: str = ""  # the latest thing remembered about them, to bring up


def today(clock: history.Clock = history.utc_now) -> date:
    """The user's date now (local time; TZ and DRAFTER_NOW apply)."""
    return clock().astimezone().date()


def on_leave(
    conn: sqlite3.Connection,
    pb: Playbook,
    outcome: Outcome,
    draft_id: int,
    given: Sequence[contacts.Contact] = (),
    clock: history.Clock = history.utc_now,
) -> list[int]:
    """What a draft leaving drafter does to its contacts, inside the history's transaction:
    the draft is linked to each, `remember` answers are kept on them, and the playbook's
    follow-up is scheduled with each. Returns the contacts' ids; doing it twice adds nothing."""
    slots = contacts.linked(conn, pb, outcome.answers, given)
    ids = list(dict.fromkeys(i for i in slots if i is not None))
    now = clock()
    stamp = history.stamp(now)
    for contact_id in ids:
        conn.execute(
            "INSERT OR IGNORE INTO draft_contacts (draft_id, contact_id) VALUES (?, ?)",
            (draft_id, contact_id),
        )
    for field in pb.fields:
        text = outcome.answers.get(field.name)
        owner = slots[field.contact - 1] if field.remember and field.contact <= len(slots) else None
        if owner is None or not isinstance(text, str) or not text.strip():
            continue
        detail = contacts.checked_text("detail", text)
        known = conn.execute(
            "SELECT 1 FROM details WHERE contact_id = ? AND text = ?", (owner, detail)
        ).fetchone()
        if known is None:
            conn.execute(
                "INSERT INTO details (contact_id, text, at) VALUES (?, ?, ?)",
                (owner, detail, stamp),
            )
    plan = pb.spec.follow_up
    if plan is not None:
        due = _later(today(lambda: now), plan.after)
        whom = ids if plan.contact is None else [
            i for i in slots[plan.contact - 1 : plan.contact] if i is not None
        ]  # fmt: skip
        for contact_id in whom:
            # One open follow-up of a kind a person: a draft changed in review is recorded
            # anew, and must not schedule a second.
            same = conn.execute(
                "SELECT 1 FROM follow_ups WHERE contact_id = ? AND note = ? AND done IS NULL",
                (contact_id, plan.note),
            ).fetchone()
            if same is None:
                conn.execute(
                    "INSERT OR IGNORE INTO follow_ups"
                    " (contact_id, draft_id, due, playbook, note, created)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (contact_id, draft_id, due, plan.playbook or "", plan.note, stamp),
                )
    return ids


def _later(day: date, interval: str) -> str:
    """The date `interval` after `day`; UsageError past the year 9999 (a far DRAFTER_NOW)."""
    from drafter import cadence

    step = cadence.parse_interval(interval)
    try:
        return cadence.add(day, step).isoformat()
    except OverflowError:
        raise UsageError(f"{step} from {day.isoformat()} is past the year 9999") from None


class Plan(msgspec.Struct, frozen=True):
    """A follow-up to come (or come and not yet met), as `contacts show` lists it."""

    id: int
    due: str
    note: str
    playbook: str
    draft: int | None


class Touch(msgspec.Struct, frozen=True):
    at: str
    note: str


def of(contact: contacts.Contact) -> tuple[list[Plan], list[Touch]]:
    """The contact's open follow-ups (soonest first) and logged touches (newest first)."""
    if not history.path().exists():
        return [], []
    with history.connect(create=False) as conn:
        plans = conn.execute(
            "SELECT id, due, note, playbook, draft_id FROM follow_ups"
            " WHERE contact_id = ? AND done IS NULL ORDER BY due, id",
            (contact.id,),
        ).fetchall()
        touches = conn.execute(
            "SELECT at, note FROM touches WHERE contact_id = ? ORDER BY at DESC, id DESC",
            (contact.id,),
        ).fetchall()
    return [Plan(*p) for p in plans], [Touch(*t) for t in touches]


def schedule(
    contact: contacts.Contact,
    after: str,
    note: str,
    playbook: str = "",
    clock: history.Clock = history.utc_now,
) -> str:
    """A follow-up with `contact` in `after` ('1w'), by hand; returns its date."""

    now = clock()
    due = _later(today(lambda: now), after)
    with history.connect(create=True) as conn, history.writing(conn):
        conn.execute(
            "INSERT INTO follow_ups (contact_id, due, playbook, note, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (contact.id, due, playbook, contacts.checked_text("note", note), history.stamp(now)),
        )
    return due


def contacts_of(draft_id: int) -> list[int]:
    """The contacts a recorded draft was to, oldest contact first."""
    if not history.path().exists():
        return []
    with history.connect(create=False) as conn:
        rows = conn.execute(
            "SELECT contact_id FROM draft_contacts WHERE draft_id = ? ORDER BY contact_id",
            (draft_id,),
        )
        return [int(r[0]) for r in rows]


def touch(
    contact: contacts.Contact, note: str = "", clock: history.Clock = history.utc_now
) -> None:
    """Log being in touch outside drafter (a call, a lunch): the cadence starts again, and
    follow-ups already due are met."""
    text = contacts.checked_text("note", note)
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute(
            "INSERT INTO touches (contact_id, at, note) VALUES (?, ?, ?)",
            (contact.id, history.stamp(clock()), text),
        )


def snooze(contact: contacts.Contact, interval: str, clock: history.Clock = history.utc_now) -> str:
    """Not due before `interval` from today ('2w'); returns that date."""
    until = _later(today(clock), interval)
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("UPDATE contacts SET snoozed_until = ? WHERE id = ?", (until, contact.id))
    return until


def done(contact: contacts.Contact, clock: history.Clock = history.utc_now) -> int:
    """Mark the contact's due follow-ups done and log a touch; how many follow-ups closed."""
    now = clock()
    with history.connect(create=False) as conn, history.writing(conn):
        cursor = conn.execute(
            "UPDATE follow_ups SET done = ? WHERE contact_id = ? AND done IS NULL AND due <= ?",
            (history.stamp(now), contact.id, today(lambda: now).isoformat()),
        )
        closed = cursor.rowcount
        conn.execute(
            "INSERT INTO touches (contact_id, at, note) VALUES (?, ?, ?)",
            (contact.id, history.stamp(now), "done"),
        )
    return int(closed)


def set_tag_cadence(tag: str, text: str | None) -> str | None:
    """Give contacts tagged `tag` a default cadence (None: take it away); the cadence as kept."""
    from drafter import cadence

    name = contacts.checked({"tags": [tag]})["tags"]
    if not name:
        raise UsageError("the tag is empty")
    with history.connect(create=True) as conn, history.writing(conn):
        if text is None:
            conn.execute("DELETE FROM tag_cadences WHERE tag = ?", (name[0],))
            return None
        kept = str(cadence.parse_cadence(text))
        conn.execute(
            "INSERT INTO tag_cadences (tag, cadence) VALUES (?, ?)"
            " ON CONFLICT (tag) DO UPDATE SET cadence = excluded.cadence",
            (name[0], kept),
        )
    return kept


def tag_cadences() -> dict[str, str]:
    if not history.path().exists():
        return {}
    with history.connect(create=False) as conn:
        return dict(conn.execute("SELECT tag, cadence FROM tag_cadences ORDER BY tag"))


def cadence_of(contact: contacts.Contact, by_tag: Mapping[str, str]) -> tuple[str, str]:
    """The contact's cadence and where it comes from ('' or 'tag mentors'); ('', '') for none.
    Their own wins; else the most frequent of their tags'."""
    from drafter import cadence

    if contact.cadence:
        return contact.cadence, ""
    found = [(by_tag[t], t) for t in contact.tags if t in by_tag]
    if not found:
        return "", ""
    from datetime import date

    def every(item: tuple[str, str]) -> date:  # compared from one fixed day: no clock
        return cadence.add(date(2001, 1, 1), cadence.parse_cadence(item[0]).every)

    text, tag = min(found, key=every)
    return text, f"tag {tag}"


def _last_touches(conn: sqlite3.Connection, actions: Sequence[str]) -> dict[int, str]:
    """Each contact's latest touch: a draft to them reaching them, or a logged touch."""
    marks = ",".join("?" * len(actions))
    last: dict[int, str] = {}
    rows = conn.execute(
        "SELECT dc.contact_id, max(e.at) FROM draft_contacts dc"
        " JOIN events e ON e.draft_id = dc.draft_id"
        f" WHERE e.action IN ({marks}) GROUP BY dc.contact_id",
        list(actions),
    ).fetchall()
    rows += conn.execute("SELECT contact_id, max(at) FROM touches GROUP BY contact_id").fetchall()
    for contact_id, at in rows:
        if at and at > last.get(contact_id, ""):
            last[contact_id] = at
    return last


def _sent_playbooks(conn: sqlite3.Connection, actions: Sequence[str]) -> dict[tuple[int, str], str]:
    """(contact, playbook) -> when a draft of that playbook to them last reached them."""
    marks = ",".join("?" * len(actions))
    rows = conn.execute(
        "SELECT dc.contact_id, d.playbook, max(e.at) FROM draft_contacts dc"
        " JOIN drafts d ON d.id = dc.draft_id JOIN events e ON e.draft_id = d.id"
        f" WHERE e.action IN ({marks}) GROUP BY dc.contact_id, d.playbook",
        list(actions),
    ).fetchall()
    return {(c, p): at for c, p, at in rows}


OVERDUE_AFTER_DAYS = 7  # a scheduled follow-up this late is overdue


def due(
    clock: history.Clock = history.utc_now,
    count_copied: bool = False,
    upcoming: bool = False,
    cadence_playbooks: tuple[str, str] = ("", ""),
) -> list[Due]:
    """Who is due (or, with `upcoming`, everything scheduled, due or not), most overdue first.

    A cadence is due when `every` has passed since you were last in touch with them (else
    since you connected, else since they became a contact), overdue past `at most`. A
    follow-up is due on its day, until it is done: by `due done`, by a draft of its playbook
    reaching them after it was scheduled, or by any touch on or after its day. A snoozed
    contact is not due until the snooze ends.

    A cadence suggests `cadence_playbooks[0]` for someone you remember something about (a
    check-in asks about it), else `cadence_playbooks[1]` (a reconnect).
    """
    from drafter import cadence

    if not history.path().exists():
        return []
    now_day = today(clock)
    actions = SENT_OR_COPIED if count_copied else SENT
    people = {c.id: c for c in contacts.everyone()}
    with history.connect(create=False) as conn:
        by_tag = dict(conn.execute("SELECT tag, cadence FROM tag_cadences"))
        last = _last_touches(conn, actions)
        sent = _sent_playbooks(conn, actions)
        plans = conn.execute(
            "SELECT id, contact_id, draft_id, due, playbook, note, created FROM follow_ups"
            " WHERE done IS NULL ORDER BY due, id"
        ).fetchall()
    found: list[Due] = []
    rules: dict[str, cadence.Cadence] = {}  # a tag's cadence is read once, not once a person
    for person in people.values():
        if person.snoozed_until and person.snoozed_until > now_day.isoformat():
            continue
        text, source = cadence_of(person, by_tag)
        if not text:
            continue
        rule = rules.get(text) or rules.setdefault(text, cadence.parse_cadence(text))
        touched = last.get(person.id)
        if touched:
            base, since = cadence.local_date(touched), "last in touch {}"
        elif person.connected:
            base, since = cadence.local_date(person.connected), "connected {}, not in touch since"
        else:
            base, since = cadence.local_date(person.created), "added {}, not in touch since"
        try:
            when, latest = cadence.due_dates(base, rule)
        except OverflowError:  # past 9999-12-31 (a date typed wrong): never due
            continue
        if when > now_day and not upcoming:
            continue
        why = f"{rule}{f' ({source})' if source else ''}; {since.format(base.isoformat())}"
        found.append(
            Due(
                person.id,
                person.name,
                when.isoformat(),
                (now_day - when).days,
                latest is not None and now_day > latest,
                "cadence",
                why,
                cadence_playbooks[0] if person.details else cadence_playbooks[1],
                detail=person.value("detail"),
            )
        )
    for plan_id, contact_id, draft_id, day, playbook, note, created in plans:
        owner = people.get(contact_id)
        if owner is None or (owner.snoozed_until and owner.snoozed_until > now_day.isoformat()):
            continue
        touched = last.get(contact_id)
        if touched and cadence.local_date(touched).isoformat() >= day:
            continue  # in touch on or after its day: met
        if playbook and sent.get((contact_id, playbook), "") > created:
            continue  # the suggested draft went out since it was scheduled
        when = cadence.local_date(day)
        if when > now_day and not upcoming:
            continue
        late = (now_day - when).days
        origin = f" (after draft {draft_id}, {cadence.local_date(created)})" if draft_id else ""
        found.append(
            Due(
                contact_id,
                owner.name,
                day,
                late,
                late > OVERDUE_AFTER_DAYS,
                "follow-up",
                f"{note}{origin}",
                playbook,
                follow_up=plan_id,
                draft=draft_id,
                detail=owner.value("detail"),
            )
        )
    found.sort(key=lambda d: (not d.overdue, d.due, history.fold(d.name)))
    return found


def count_due(clock: history.Clock = history.utc_now, count_copied: bool = False) -> int:
    """How many people are due now (for the guided flow's one line)."""
    return len({d.contact_id for d in due(clock, count_copied)})


def as_events(items: Sequence[Due], now_day: date) -> list[Any]:
    """Calendar events for `items`: each on its day, or today when it is past."""
    from drafter import cadence, ics

    events = []
    for item in items:
        day = max(cadence.local_date(item.due), now_day)
        uid = (
            f"follow-up-{item.follow_up}@drafter"
            if item.follow_up is not None
            else f"cadence-{item.contact_id}@drafter"  # one event a person: it moves
        )
        lines = [item.why]
        if item.detail:
            lines.append(f"Last time: {item.detail}")
        if item.playbook:
            lines.append(f"drafter draft {item.playbook} --to {_quoted(item.name)}")
        events.append(ics.Event(uid=uid, day=day, summary=f"Get in touch: {item.name}",
                                description="\n".join(lines)))  # fmt: skip
    return events


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)
