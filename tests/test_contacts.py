"""Contacts: adding, finding by the name as typed, remembering, forgetting for good, export,
and the history database growing a schema version without losing a draft."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from drafter import contacts, history
from drafter.cli import cli
from drafter.contact_import import ImportedContact
from drafter.errors import UsageError


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 12, 0, tzinfo=timezone.utc)


def test_add_show_remember_note_set(drafter_home: Path) -> None:
    assert invoke("contacts", "add", "Kim Park", "--set", "company=Ramp",
                  "--set", "tags=Mentors, pycon", "--set", "connected=2024-03-15").exit_code == 0  # fmt: skip
    kim = contacts.one("kim")
    contacts.remember(kim, "moving to Lisbon in March", clock=lambda: at(2))
    assert invoke("contacts", "note", "park", "prefers email").exit_code == 0
    assert invoke("contacts", "set", "kim park", "position=Head of Data", "company=").exit_code == 0
    kim = contacts.one("KIM")
    assert (kim.company, kim.position, kim.tags, kim.connected) == (
        "",
        "Head of Data",
        ["mentors", "pycon"],
        "2024-03-15",
    )
    assert kim.notes == "prefers email"
    assert [(d.text, d.at[:10]) for d in kim.details] == [
        ("moving to Lisbon in March", "2026-03-02")
    ]
    shown = invoke("contacts", "show", "kim").stdout
    assert "Remembered (bring it up next time):" in shown and "moving to Lisbon" in shown
    assert history.path().stat().st_mode & 0o777 == 0o600


def test_a_name_is_found_as_typed_and_never_guessed(drafter_home: Path) -> None:
    for name in ("Kim Park", "Kim Parker", "José Núñez"):
        contacts.add(name, {})
    assert contacts.one("jose").name == "José Núñez"
    assert contacts.one("kim park").name == "Kim Park"  # the whole name wins over a part
    ambiguous = invoke("contacts", "show", "kim")
    assert ambiguous.exit_code == 2
    assert "matches 2 contacts: Kim Park, Kim Parker" in ambiguous.stderr
    missing = invoke("contacts", "show", "zed")
    assert missing.exit_code == 2 and "no contact matches 'zed'" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--set", "colour=blue"], "unknown contact key 'colour'"),
     (["--set", "email=not an address"], "is not an email address"),
     (["--set", "connected=15/03/2024"], "is not a date"),
     (["--set", "company"], "expected KEY=VALUE")],
)  # fmt: skip
def test_bad_values_are_one_line_and_nothing_is_added(
    drafter_home: Path, args: list[str], message: str
) -> None:
    result = invoke("contacts", "add", "Kim Park", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert contacts.everyone() == []


def test_the_same_name_twice_is_refused(drafter_home: Path) -> None:
    contacts.add("Kim Park", {})
    result = invoke("contacts", "add", "kim  park")
    assert result.exit_code == 2 and "is a contact already" in result.stderr


def test_forget_deletes_the_contact_and_their_drafts_to_the_byte(drafter_home: Path) -> None:
    secret = "Quetzal-Lantern-Marmalade"
    contacts.add("Kim Park", {"company": "Ramp"})
    contacts.remember(contacts.one("kim"), f"training for the {secret} marathon")
    drafted = invoke("draft", "decline-sales-pitch", "--no-input",
                     "--set", "recipient_name=Kim Park", "--set", f"offering={secret} tools")  # fmt: skip
    assert drafted.exit_code == 0
    other = invoke("draft", "decline-sales-pitch", "--no-input",
                   "--set", "recipient_name=Sam Lee", "--set", "offering=SDRs")  # fmt: skip
    assert other.exit_code == 0
    result = invoke("contacts", "forget", "kim park")
    assert "1 remembered detail and 1 draft" in result.stderr
    assert contacts.everyone() == [] and [r.people for r in history.find()] == [["Sam Lee"]]
    on_disk = b"".join(p.read_bytes() for p in drafter_home.glob("history.db*"))
    assert secret.encode() not in on_disk and b"Kim Park" not in on_disk


def test_forget_leaves_no_draft_recorded_by_another_drafter_meanwhile(
    drafter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another drafter records a draft to Kim each time `forget` opens the database (as one
    running at the same moment could): none of them may be left behind about her."""
    kim = contacts.add("Kim Park", {})
    connect = sqlite3.connect

    def another_drafter_first(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        other = connect(drafter_home / "history.db", isolation_level=None)
        other.execute("PRAGMA foreign_keys = ON")
        other.execute("BEGIN IMMEDIATE")
        try:  # as history.record does: the draft and its link to her, or neither
            draft = other.execute(
                "INSERT INTO drafts (created, playbook, playbook_sha256, variant, channel,"
                " people, answers, text, subject, recipients) VALUES ('2026-03-01T00:00:00"
                "+00:00', 'x', 'h', 'v', 'email', 'Kim Park', '{}', 'Hi Kim', NULL, '[]')"
            ).lastrowid
            other.execute("INSERT INTO draft_contacts VALUES (?, ?)", (draft, kim.id))
            other.execute("COMMIT")
        except sqlite3.IntegrityError:  # she is gone already: that record is refused
            other.execute("ROLLBACK")
        other.close()
        opened: sqlite3.Connection = connect(*args, **kwargs)
        return opened

    monkeypatch.setattr(sqlite3, "connect", another_drafter_first)
    contacts.forget(kim)
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert contacts.everyone() == [] and history.find() == []


def test_two_adds_of_one_name_at_once_make_one_contact(
    drafter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another drafter adds Kim Park just before `add` starts writing (after it looked):
    the second add is refused, not a second Kim Park that no name can tell apart."""
    contacts.add("Sam Lee", {})
    connect = sqlite3.connect

    class AnotherDrafterFirst(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql == "BEGIN IMMEDIATE":
                other = connect(drafter_home / "history.db", isolation_level=None)
                if not other.execute("SELECT 1 FROM contacts WHERE name = 'Kim Park'").fetchone():
                    other.execute(
                        "INSERT INTO contacts (name, created, updated) VALUES ('Kim Park',"
                        " '2026-03-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00')"
                    )
                other.close()
            return super().execute(sql, *args)

    def connecting(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened: sqlite3.Connection = connect(*args, factory=AnotherDrafterFirst, **kwargs)
        return opened

    monkeypatch.setattr(sqlite3, "connect", connecting)
    with pytest.raises(UsageError, match="'Kim Park' is a contact already"):
        contacts.add("Kim Park", {})
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert [c.name for c in contacts.everyone()] == ["Kim Park", "Sam Lee"]


def test_export_as_json_and_csv(drafter_home: Path) -> None:
    contacts.add("Kim Park", {"company": "Acme, Inc.", "tags": "a b"})
    contacts.remember(contacts.one("kim"), 'said "hi"', clock=lambda: at(5))
    data = json.loads(invoke("contacts", "export").stdout)
    assert data[0]["name"] == "Kim Park" and data[0]["details"][0]["text"] == 'said "hi"'
    rows = list(csv.DictReader(io.StringIO(invoke("contacts", "export", "--format", "csv").stdout)))
    assert rows[0]["company"] == "Acme, Inc." and rows[0]["tags"] == "a b"
    assert rows[0]["remembered"] == '2026-03-05 said "hi"'


def test_a_version_1_history_gains_contacts_and_keeps_its_drafts(drafter_home: Path) -> None:
    """The database an earlier drafter wrote (schema 1) is migrated in place."""
    with sqlite3.connect(drafter_home / "history.db") as conn:
        conn.executescript(history.MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO drafts (created, playbook, playbook_sha256, variant, channel, people,"
            " answers, text, subject, recipients) VALUES ('2026-01-01T00:00:00+00:00', 'x', 'h',"
            " 'v', 'email', 'Kim Park', '{}', 'Hi Kim', NULL, '[]')"
        )
    contacts.add("Kim Park", {})
    with sqlite3.connect(drafter_home / "history.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
    assert [r.text for r in contacts.touches(contacts.one("kim"))] == ["Hi Kim"]


def Row(name: str, **more: str) -> ImportedContact:  # noqa: N802  (reads as a record)
    """An imported row, as drafter.contact_import gives it (its line does not matter here)."""
    return ImportedContact(line=1, name=name, **more)


def test_importing_twice_adds_nobody_twice(drafter_home: Path) -> None:
    rows = [
        Row("Kim Park", linkedin="https://www.linkedin.com/in/kimpark", company="Ramp"),
        Row("Sam Lee", email="sam@example.com"),
        Row("Ana Ruiz", connected="2024-03-15"),
    ]
    assert contacts.import_contacts(rows) == (3, 0, 0)
    again = [
        Row("Kimberly Park", linkedin="https://www.linkedin.com/in/kimpark/", company="Stripe"),
        Row("Samuel Lee", email="SAM@example.com"),
        Row("ana ruiz", connected="2024-03-15"),
        Row("Ana Ruiz", connected="2024-03-15"),  # twice in one file: the second matches
    ]
    assert contacts.import_contacts(again) == (0, 1, 3)
    assert [c.name for c in contacts.everyone()] == ["Ana Ruiz", "Kim Park", "Sam Lee"]
    assert contacts.one("kim").company == "Stripe"


def test_contact_names_complete(drafter_home: Path) -> None:
    contacts.add("Kim Park", {"company": "Ramp"})
    contacts.add("Sam Lee", {})
    env = {"_DRAFTER_COMPLETE": "zsh_complete", "COMP_WORDS": "drafter contacts show ki",
           "COMP_CWORD": "3"}  # fmt: skip
    result = CliRunner().invoke(cli, [], env=env, prog_name="drafter")
    assert result.stdout.split("\n")[1::3] == ["Kim Park"]


def _editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that replaces the file with `body`."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({body!r}, encoding='utf-8')\n",
        encoding="utf-8",
    )
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_edit_saves_what_reads_back_and_nothing_else(
    drafter_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts.add("Kim Park", {"company": "Ramp"})
    contacts.remember(contacts.one("kim"), "going to Lisbon")
    good = "name: Kim Park\ncompany: Stripe\ntags: [mentors]\nnotes: met twice\n"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, good))
    assert invoke("contacts", "edit", "kim").exit_code == 0
    kim = contacts.one("kim")
    assert (kim.company, kim.tags, kim.notes) == ("Stripe", ["mentors"], "met twice")
    assert [d.text for d in kim.details] == ["going to Lisbon"]  # remembered details stay
    for bad, message in (("colour: blue\nname: Kim Park\n", "unknown contact key 'colour'"),
                         ("name: ''\n", "needs a name"), ("- a list\n", "not a mapping"),
                         ("name: Kim Park\nemail: nope\n", "not an email address"),
                         ("name: [Kim, Park]\n", "name: expected text, not a list"),
                         ("name: Kim Park\ncompany: {a: b}\n", "company: expected text, not a mapping")):  # fmt: skip
        monkeypatch.setenv("EDITOR", _editor(tmp_path, bad))
        result = invoke("contacts", "edit", "kim")
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert contacts.one("kim").company == "Stripe"  # nothing saved


CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    'Kim,Park,https://www.linkedin.com/in/kimpark-example,,"Ramp, Inc.",Head of Data,'
    "15 Mar 2024\r\n"
    'Sam,Lee,https://www.linkedin.com/in/samlee-example,sam@example.com,"The ""Big"" Co",CTO,'
    "01 Feb 2023\r\n"
    ",,https://www.linkedin.com/in/nobody-example,,,,02 Feb 2023\r\n"
)


def test_import_linkedins_export_twice(drafter_home: Path, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_bytes(CONNECTIONS.encode("utf-8"))
    first = invoke("contacts", "import", str(export))
    assert first.exit_code == 0, first.stderr
    assert "Imported: 2 added, 0 updated, 0 already there, 1 skipped." in first.stderr
    assert f"{export}:7: " in first.stderr  # the row with no name, by its line
    kim = contacts.one("kim")
    assert (kim.company, kim.position, kim.connected) == (
        "Ramp, Inc.",
        "Head of Data",
        "2024-03-15",
    )
    assert contacts.one("sam").company == 'The "Big" Co'
    again = invoke("contacts", "import", str(export))
    assert "Imported: 0 added, 0 updated, 2 already there, 1 skipped." in again.stderr
    assert len(contacts.everyone()) == 2


def test_import_a_csv_with_a_map(drafter_home: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("Full name,Employer\nAna Ruiz,Lumen\n", encoding="utf-8")
    result = invoke("contacts", "import", str(people), "--map", "Full name=name",
                    "--map", "Employer=company")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert contacts.one("ana").company == "Lumen"


def test_a_file_that_cannot_be_read_names_itself_and_imports_nothing(
    drafter_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_bytes("First Name,Last Name\nJos\xe9,Lee\n".encode("cp1252"))
    result = invoke("contacts", "import", str(bad))
    assert result.exit_code == 2
    assert (
        result.stderr.startswith(f"drafter: error: {bad}: ")
        and "nothing was imported" in result.stderr
    )
    assert contacts.everyone() == []


def test_two_people_of_one_name_stay_two(drafter_home: Path) -> None:
    rows = [
        Row("Kim Park", linkedin="https://www.linkedin.com/in/kim-park-1"),
        Row("Kim Park", linkedin="https://www.linkedin.com/in/kim-park-2"),
        Row("Sam Lee", email="sam@one.example"),
        Row("Sam Lee", email="sam@two.example"),
    ]
    assert contacts.import_contacts(rows) == (4, 0, 0)
    assert contacts.import_contacts(rows) == (0, 0, 4)
    # someone added by hand, without a URL, is the person the first import names
    contacts.add("Ana Ruiz", {})
    assert contacts.import_contacts([Row("Ana Ruiz", linkedin="https://x.example/ana")]) == (
        0,
        1,
        0,
    )


def test_two_people_of_one_name_are_named_by_their_id(drafter_home: Path) -> None:
    first = contacts.add("John Smith", {"company": "Acme"})
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("INSERT INTO contacts (name, company, created, updated)"
                     " VALUES ('John Smith', 'Beta', 'x', 'x')")  # as an import keeps two  # fmt: skip
    second = [c for c in contacts.everyone() if c.company == "Beta"][0]
    shown = invoke("contacts", "show", "john smith")
    assert shown.exit_code == 2
    assert (f"'john smith' matches 2 contacts: John Smith (#{first.id}, Acme), John Smith "
            f"(#{second.id}, Beta); name one as #ID") in shown.stderr  # fmt: skip
    assert "Company:       Beta" in invoke("contacts", "show", f"#{second.id}").stdout
    env = {"_DRAFTER_COMPLETE": "zsh_complete", "COMP_WORDS": "drafter contacts show jo",
           "COMP_CWORD": "3"}  # fmt: skip
    contacts.add("John Smyth", {})
    items = CliRunner().invoke(cli, [], env=env, prog_name="drafter").stdout.split("\n")
    assert items[1::3] == [f"#{first.id}", f"#{second.id}", "John Smyth"]
    assert invoke("contacts", "forget", f"#{second.id}").exit_code == 0
    assert [c.company for c in contacts.everyone()] == ["Acme", ""]
    assert invoke("contacts", "show", "#999").exit_code == 2


def test_a_name_they_go_by_typed_in_brackets_is_their_greeting(drafter_home: Path) -> None:
    for typed in ("Robert (Bob) Smith", 'Roberta "Bobbie" Jones'):
        assert invoke("contacts", "add", typed).exit_code == 0
    assert [(c.name, c.greeting) for c in contacts.everyone()] == [
        ("Robert Smith", "Bob"),
        ("Roberta Jones", "Bobbie"),
    ]
    assert contacts.one("robert smith").written == "Robert Smith (Bob)"
