"""The history of drafts that left drafter: SQLite, in drafter's data folder, yours alone.

What is kept (and nothing else): when, which playbook (and a hash of its file), the
variant and channel, the answers (never the `me` profile), the final text (after hand
edits), subject and recipients, the names the answers gave for people (for `--to`), and
what happened to it: printed, copied, written, opened, sent. Each action is kept once per
draft. `forget` deletes for real: rows are overwritten (secure_delete), the file is
rewritten (VACUUM) and the write-ahead log emptied, so no deleted byte stays on disk.

Many drafter processes may record at once: WAL mode, a busy timeout and short immediate
transactions mean none fails and nothing is lost. The schema's version is SQLite's
`user_version`; each migration moves it one step, and a database from a newer drafter is
refused with a message rather than misread. Only recording and `drafter history` import
sqlite3: a draft that is not recorded never pays for it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from drafter.errors import DrafterError, UsageError

if TYPE_CHECKING:
    import sqlite3
    from datetime import datetime

    from drafter.pipeline import Outcome
    from drafter.playbook import Playbook

HISTORY_FILE = "history.db"
ACTIONS = ("printed", "copied", "written", "opened", "sent")
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another; each holds the lock for milliseconds
Clock = Callable[[], "datetime"]

# Each entry moves the schema from version i to i + 1 (PRAGMA user_version).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a forgotten id stays unused
        created TEXT NOT NULL,            -- UTC, ISO 8601
        playbook TEXT NOT NULL,
        playbook_sha256 TEXT NOT NULL,
        variant TEXT NOT NULL,
        channel TEXT NOT NULL,
        people TEXT NOT NULL,             -- the names the answers gave, one per line
        answers TEXT NOT NULL,            -- JSON object
        text TEXT NOT NULL,
        subject TEXT,
        recipients TEXT NOT NULL          -- JSON list of addresses
    );
    CREATE INDEX drafts_by_playbook ON drafts (playbook, id);
    CREATE TABLE events (
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (draft_id, action)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        greeting TEXT NOT NULL DEFAULT '',   -- the name they go by, when not the first
        how_we_met TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        linkedin TEXT NOT NULL DEFAULT '',
        connected TEXT NOT NULL DEFAULT '',  -- a date, YYYY-MM-DD
        tags TEXT NOT NULL DEFAULT '[]',     -- JSON list
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE details (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX details_by_contact ON details (contact_id, id);
    """,
    """
    CREATE TABLE draft_contacts (            -- whom a draft was to or about
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        PRIMARY KEY (draft_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX draft_contacts_by_contact ON draft_contacts (contact_id, draft_id);
    CREATE TABLE touches (                   -- contact outside drafter: a call, a lunch
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX touches_by_contact ON touches (contact_id, at);
    CREATE TABLE follow_ups (                -- one-off, scheduled by a playbook or by hand
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
        due TEXT NOT NULL,                   -- a local date, YYYY-MM-DD
        playbook TEXT NOT NULL DEFAULT '',   -- the playbook to suggest
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        done TEXT                            -- when it was done (or closed), else NULL
    );
    CREATE UNIQUE INDEX follow_ups_once ON follow_ups (draft_id, contact_id);
    CREATE INDEX follow_ups_by_contact ON follow_ups (contact_id, due);
    CREATE TABLE tag_cadences (              -- a tag's default keep-in-touch cadence
        tag TEXT PRIMARY KEY,
        cadence TEXT NOT NULL                -- as cadence.parse_cadence reads it
    ) WITHOUT ROWID;
    ALTER TABLE contacts ADD COLUMN cadence TEXT NOT NULL DEFAULT '';
    ALTER TABLE contacts ADD COLUMN snoozed_until TEXT NOT NULL DEFAULT ''
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(DrafterError):
    """The history could not be read or written (a draft still goes out)."""


class NoSuchDraft(HistoryError):
    """An id the history does not hold: a mistake in the command line (exit 2)."""

    exit_code = 2


class Record(msgspec.Struct, frozen=True):
    """One draft as the history keeps it."""

    id: int
    created: str
    playbook: str
    playbook_sha256: str
    variant: str
    channel: str
    people: list[str]
    answers: dict[str, Any]
    text: str
    subject: str | None
    recipients: list[str]
    actions: dict[str, str]  # action -> when

    @property
    def to(self) -> str:
        """Whom it was for, as people read it."""
        return ", ".join(self.people)


def path() -> Path:
    """Where the history is kept: `$DRAFTER_HOME/history.db`, else in the user data dir
    (it is data, not configuration: ~/.local/share/drafter on Linux)."""
    env = os.environ.get("DRAFTER_HOME")
    if env:
        return Path(env).expanduser() / HISTORY_FILE
    import platformdirs

    return Path(platformdirs.user_data_dir("drafter", appauthor=False)) / HISTORY_FILE


def disabled_by_env() -> bool:
    """DRAFTER_NO_HISTORY set to a yes (1, true, yes, on); empty, 0, false, no, off record."""
    value = os.environ.get("DRAFTER_NO_HISTORY", "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def utc_now() -> datetime:
    """Now, in UTC; `DRAFTER_NOW` (ISO 8601; local time when it has no offset) stands in
    for the clock, so a scenario over weeks can be scripted and tested."""
    from datetime import datetime, timezone  # only when recording: start-up

    given = os.environ.get("DRAFTER_NOW", "").strip()
    if not given:
        return datetime.now(timezone.utc)
    try:
        when = datetime.fromisoformat(given)
        now = (when if when.tzinfo else when.astimezone()).astimezone(timezone.utc)
        now.astimezone()  # a local date too: 9999-12-31T23:00Z is in year 10000 east of UTC
        return now
    except (ValueError, OverflowError):
        raise UsageError(
            f"DRAFTER_NOW={given!r}: expected an ISO 8601 date and time (2026-03-01T09:00)"
        ) from None


def notes_sent_this_month(count_copied: bool = False, clock: Clock | None = None) -> int:
    """Personalised connection notes (channel linkedin-note) marked sent this calendar month,
    in local time; with `count_copied`, copied ones count as sent."""
    from datetime import datetime

    now = (clock or utc_now)().astimezone()  # local: LinkedIn's month is the user's month
    if not path().exists():
        return 0
    start = datetime(now.year, now.month, 1).astimezone()
    end = datetime(now.year + now.month // 12, now.month % 12 + 1, 1).astimezone()
    actions = ("sent", "copied") if count_copied else ("sent",)
    marks = ",".join("?" * len(actions))
    with connect(create=False) as conn:
        row = conn.execute(
            "SELECT count(DISTINCT drafts.id) FROM drafts JOIN events ON events.draft_id = drafts.id"
            f" WHERE drafts.channel = 'linkedin-note' AND events.action IN ({marks})"
            " AND events.at >= ? AND events.at < ?",
            (*actions, stamp(start), stamp(end)),
        ).fetchone()
    return int(row[0])


def stamp(when: datetime) -> str:
    from datetime import timezone

    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def connect(create: bool) -> Iterator[sqlite3.Connection]:
    """A connection to an up-to-date database; None-safe errors become HistoryError."""
    import sqlite3

    where = path()
    if not where.exists():
        if not create:
            raise HistoryError(f"no history yet ({where})")
        try:  # created readable by its owner only, before SQLite opens it (and its -wal)
            from drafter.cache import make_private

            make_private(where.parent)
            os.close(os.open(where, os.O_WRONLY | os.O_CREAT, 0o600))
        except OSError as exc:
            raise HistoryError(f"{where}: cannot create: {exc.strerror}") from None
    try:
        conn = sqlite3.connect(where, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as exc:
        raise HistoryError(f"{where}: cannot open: {exc}") from None
    try:
        conn.create_function("drafter_fold", 1, fold, deterministic=True)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute(
                "PRAGMA synchronous = NORMAL"
            )  # WAL: durable at checkpoints, never corrupt
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            _migrate(conn, where)
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"{where}: not a readable history ({exc})") from None
        yield conn
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"{where}: {exc}") from None
    finally:
        conn.close()


def fold(value: Any) -> str:
    """For finding a name however it is typed: no case, no accents, one apostrophe."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(value or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("ß", "ss").casefold()


def _migrate(conn: sqlite3.Connection, where: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"{where} was written by a newer drafter (history schema {version}; this one "
            f"knows up to {SCHEMA_VERSION}): upgrade drafter to use it"
        )
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


@contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def people(pb: Playbook, answers: Mapping[str, Any]) -> list[str]:
    """The names the answers give for people (fields of type name, or named *_name), as a
    greeting writes them, with the name they go by: 'Robert Smith (Bob)'."""
    from drafter import names

    found = []
    for field in pb.fields:
        value = answers.get(field.name)
        if not (field.type == "name" or field.name.endswith("name")):
            continue
        if not isinstance(value, str) or not value.strip():
            continue
        name = names.parse(value)
        full = names.written(name) or " ".join(value.split())
        goes_by = name.greeting if name.greeting and name.greeting not in full else ""
        found.append(f"{full} ({goes_by})" if goes_by else full)
    return found


def file_hash(pb: Playbook) -> str:
    import hashlib

    return hashlib.sha256(pb.text.encode("utf-8", "surrogatepass")).hexdigest()


def record(
    pb: Playbook,
    outcome: Outcome,
    action: str,
    *,
    text: str | None = None,
    same_as: int | None = None,
    clock: Clock = utc_now,
    playbook: str | None = None,
    also: Callable[[sqlite3.Connection, int], None] | None = None,
) -> int:
    """Keep the draft that just left drafter by `action`; returns its id.

    `playbook` is how to find the playbook again: its id (the default), or the full path of
    a playbook drafted from a file, which an id would not find (or would find another).

    `same_as`: the id this draft was recorded under before (in the review loop); when its
    text is unchanged, the action is added to that record (once) instead of a new record.

    `also(conn, draft_id)` runs in the same transaction (linking the draft to contacts,
    what it remembers, the follow-up it schedules): all of it is kept, or none.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    final = outcome.text if text is None else text
    now = stamp(clock())
    with connect(create=True) as conn, writing(conn):
        draft_id = None
        if same_as is not None:
            row = conn.execute("SELECT text FROM drafts WHERE id = ?", (same_as,)).fetchone()
            if row is not None and row[0] == final:
                draft_id = same_as
        if draft_id is None:
            draft_id = _insert(conn, pb, outcome, final, now, playbook)
        conn.execute(
            "INSERT OR IGNORE INTO events (draft_id, action, at) VALUES (?, ?, ?)",
            (draft_id, action, now),
        )
        if also is not None:
            also(conn, draft_id)
    return draft_id


def record_many(
    pb: Playbook,
    outcomes: Sequence[Outcome],
    action: str,
    *,
    clock: Clock = utc_now,
    playbook: str | None = None,
    also: Callable[[sqlite3.Connection, int, int], None] | None = None,
) -> list[int]:
    """Keep many drafts of one playbook (a batch) in one transaction: all of them, or none.

    `also(conn, index, draft_id)` runs for each, inside the transaction, as `record`'s."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    now = stamp(clock())
    ids: list[int] = []
    with connect(create=True) as conn, writing(conn):
        for index, outcome in enumerate(outcomes):
            draft_id = _insert(conn, pb, outcome, outcome.text, now, playbook)
            conn.execute(
                "INSERT INTO events (draft_id, action, at) VALUES (?, ?, ?)",
                (draft_id, action, now),
            )
            if also is not None:
                also(conn, index, draft_id)
            ids.append(draft_id)
    return ids


def _insert(
    conn: sqlite3.Connection,
    pb: Playbook,
    outcome: Outcome,
    final: str,
    now: str,
    playbook: str | None,
) -> int:
    d = outcome.draft
    cursor = conn.execute(
        "INSERT INTO drafts (created, playbook, playbook_sha256, variant, channel,"
        " people, answers, text, subject, recipients)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            now,
            playbook or pb.id,
            file_hash(pb),
            d.variant,
            d.channel,
            "\n".join(people(pb, outcome.answers)),
            json.dumps(_jsonable(outcome.answers), ensure_ascii=False),
            final,
            d.subject,
            json.dumps(list(d.to), ensure_ascii=False),
        ),
    )
    return int(cursor.lastrowid or 0)


def _jsonable(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if k != "me"}


_COLUMNS = (
    "id, created, playbook, playbook_sha256, variant, channel, people, answers, text, subject,"
    " recipients"
)


def _records(conn: sqlite3.Connection, where: str, args: Sequence[Any]) -> list[Record]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM drafts {where}", args).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    actions: dict[int, dict[str, str]] = {i: {} for i in ids}
    for draft_id, action, at in conn.execute(
        f"SELECT draft_id, action, at FROM events WHERE draft_id IN ({marks}) ORDER BY at",
        ids,
    ):
        actions[draft_id][action] = at
    return [
        Record(
            id=r[0],
            created=r[1],
            playbook=r[2],
            playbook_sha256=r[3],
            variant=r[4],
            channel=r[5],
            people=[p for p in r[6].split("\n") if p],
            answers=json.loads(r[7]),
            text=r[8],
            subject=r[9],
            recipients=json.loads(r[10]),
            actions=actions[r[0]],
        )
        for r in rows
    ]


def find(
    *,
    playbook: str | None = None,
    to: str | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    limit: int | None = None,
) -> list[Record]:
    """Recorded drafts, newest first, filtered; an empty list when there is no history."""
    if not path().exists():
        return []
    clauses, args = _filters(playbook=playbook, to=to, since=since, before=before)
    where = f"WHERE {' AND '.join(clauses)} " if clauses else ""
    where += "ORDER BY id DESC"
    if limit is not None:
        where += " LIMIT ?"
        args.append(limit)
    with connect(create=False) as conn:
        return _records(conn, where, args)


def _filters(
    *,
    playbook: str | None = None,
    to: str | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if playbook is not None:
        clauses.append("playbook = ?")
        args.append(playbook)
    if to is not None:
        # Any part of any name, ignoring case (casefold for letters beyond ASCII too).
        clauses.append("instr(drafter_fold(people), ?) > 0")
        args.append(fold(" ".join(to.split())))
    if since is not None:
        clauses.append("created >= ?")
        args.append(stamp(since))
    if before is not None:
        clauses.append("created < ?")
        args.append(stamp(before))
    return clauses, args


def get(draft_id: int) -> Record:
    """One record; HistoryError naming the id when there is none."""
    found = []
    if path().exists():
        with connect(create=False) as conn:
            found = _records(conn, "WHERE id = ?", (draft_id,))
    if not found:
        raise NoSuchDraft(f"no draft {draft_id} in the history (see 'drafter history')")
    return found[0]


def last_answers(playbook: str) -> dict[str, Any] | None:
    """The answers of the newest recorded draft of `playbook`, or None."""
    found = find(playbook=playbook, limit=1)
    return dict(found[0].answers) if found else None


def mark_sent(draft_id: int, clock: Clock = utc_now) -> Record:
    get(draft_id)
    with connect(create=False) as conn, writing(conn):
        conn.execute(
            "INSERT OR IGNORE INTO events (draft_id, action, at) VALUES (?, 'sent', ?)",
            (draft_id, stamp(clock())),
        )
    return get(draft_id)


def forget(
    *, ids: Sequence[int] = (), before: datetime | None = None, everything: bool = False
) -> int:
    """Delete drafts for good (the rows, then the file rewritten); how many went."""
    if not path().exists():
        return 0
    with connect(create=False) as conn:
        with writing(conn):
            if everything:
                cursor = conn.execute("DELETE FROM drafts")
            elif before is not None:
                cursor = conn.execute("DELETE FROM drafts WHERE created < ?", (stamp(before),))
            else:
                cursor = delete_drafts(conn, ids)
            gone = cursor.rowcount
        scrub(conn)
    return int(gone)


def delete_drafts(conn: sqlite3.Connection, ids: Sequence[int]) -> sqlite3.Cursor:
    """Delete the drafts `ids` (in the caller's transaction; then `scrub`)."""
    marks = ",".join("?" * len(ids))
    return conn.execute(f"DELETE FROM drafts WHERE id IN ({marks})", list(ids))


def scrub(conn: sqlite3.Connection) -> None:
    """After deleting: nothing deleted may stay on disk, not in free pages (VACUUM rewrites
    the file), not in the write-ahead log (emptied)."""
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
