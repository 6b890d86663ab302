"""LinkedIn's note budget: a free account may send about five personalised connection notes
a month; drafter counts the ones marked sent (or copied, if you say so) this calendar month.

Time is DRAFTER_NOW (the clock every command reads), in UTC here (TZ set for the test)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter import history, pipeline
from drafter.cli import cli
from drafter.library import Search

pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
NOTE = ["draft", "connection-request", "--no-input", "--set", "recipient_name=Kim Park",
        "--set", "reason=same_field", "--set", "reason_detail=data engineering"]  # fmt: skip


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def invoke(*args: str, now: str = "2026-03-15T12:00:00+00:00") -> Result:
    return CliRunner().invoke(cli, list(args), env={"DRAFTER_NOW": now}, catch_exceptions=False)


def sent_note(when: str, action: str = "sent") -> None:
    pb = Search().load("connection-request")
    given = {"recipient_name": "Sam Lee", "reason": "same_field", "reason_detail": "data"}
    outcome = pipeline.run(pb, given, profile={})
    clock = lambda: datetime.fromisoformat(when).astimezone(timezone.utc)  # noqa: E731
    draft_id = history.record(pb, outcome, "copied", clock=clock)
    if action == "sent":
        history.mark_sent(draft_id, clock=clock)


def at(when: str) -> datetime:
    return datetime.fromisoformat(when).astimezone(timezone.utc)


def test_notes_are_counted_this_calendar_month(drafter_home: Path) -> None:
    def count(now: str, copied: bool = False) -> int:
        return history.notes_sent_this_month(copied, clock=lambda: at(now))

    assert count("2026-03-15T12:00:00+00:00") == 0
    sent_note("2026-03-02T09:00:00+00:00")
    sent_note("2026-03-10T09:00:00+00:00")
    sent_note("2026-03-11T09:00:00+00:00", action="copied")  # copied is not sent...
    assert count("2026-03-15T12:00:00+00:00") == 2
    assert count("2026-03-15T12:00:00+00:00", copied=True) == 3  # ...unless you say so
    sent_note("2026-03-31T23:30:00+00:00")
    assert count("2026-03-31T23:59:00+00:00") == 3
    assert count("2026-04-01T00:10:00+00:00") == 0  # a new month starts again
    sent_note("2026-12-31T23:59:00+00:00")
    assert count("2027-01-01T00:00:00+00:00") == 0  # and a new year


@pty
@pytest.mark.slow
def test_a_terminal_is_told_how_many_notes_are_left(drafter_home: Path, tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    sent_note("2026-03-02T09:00:00+00:00")
    sent_note("2026-03-10T09:00:00+00:00")
    env = {**os.environ, "DRAFTER_HOME": str(drafter_home), "DRAFTER_NOW": "2026-03-15T12:00",
           "TZ": "UTC", "NO_COLOR": "1"}  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "drafter", *NOTE], env=env, encoding="utf-8",
                          timeout=15, cwd=str(tmp_path))  # fmt: skip
    child.expect_exact("3 of 5 personalised LinkedIn notes left this month.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_none_left_says_what_works_and_still_drafts_without_a_terminal(drafter_home: Path) -> None:
    assert "notes left" not in invoke(*NOTE).stderr  # piped: only a problem is said
    for day in range(1, 6):
        sent_note(f"2026-03-0{day}T09:00:00+00:00")
    result = invoke(*NOTE)
    assert result.exit_code == 0 and "Hi Kim," in result.stdout
    assert "No personalised notes left this month: all 5 are sent." in result.stderr
    assert "drafter draft thanks-for-connecting" in result.stderr


@pytest.mark.parametrize(
    ("settings", "warned"),
    [([], False), (["copied_is_sent=yes"], True), (["linkedin_account=premium",
     "copied_is_sent=yes"], False), (["note_budget=unlimited", "copied_is_sent=yes"], False),
     (["note_budget=4"], True), (["note_budget=6"], False)],
)  # fmt: skip
def test_the_budget_follows_the_profile(
    drafter_home: Path, settings: list[str], warned: bool
) -> None:
    if settings:
        assert invoke("profile", "set", *settings).exit_code == 0
    for day in range(1, 4):
        sent_note(f"2026-03-0{day}T09:00:00+00:00")
    sent_note("2026-03-05T09:00:00+00:00", action="copied")
    sent_note("2026-03-06T09:00:00+00:00")  # 4 sent and 1 copied this month
    assert ("No personalised notes left" in invoke(*NOTE).stderr) == warned


def test_other_channels_say_nothing_of_notes(drafter_home: Path) -> None:
    result = invoke("draft", "decline-sales-pitch", "--no-input", "--set", "recipient_name=Sam",
                    "--set", "offering=SDRs")  # fmt: skip
    assert "notes left" not in result.stderr


@pytest.mark.parametrize("value", ["abc", "-3", "true"])
def test_a_budget_that_is_not_a_number_is_refused(drafter_home: Path, value: str) -> None:
    result = invoke("profile", "set", f"note_budget={value}")
    assert result.exit_code == 2 and "note_budget: expected a number" in result.stderr


def test_unlimited_is_saved_as_a_word(drafter_home: Path) -> None:
    assert invoke("profile", "set", "note_budget=unlimited").exit_code == 0
    assert "note_budget: unlimited" in (drafter_home / "profile.yaml").read_text(encoding="utf-8")


def test_drafter_now_that_is_not_a_time_is_one_line(drafter_home: Path) -> None:
    result = invoke(*NOTE, now="next tuesday")
    assert result.exit_code == 2
    assert result.stderr.startswith("drafter: error: DRAFTER_NOW='next tuesday'")


@pty
@pytest.mark.slow
def test_with_none_left_a_terminal_is_asked_before_anything(
    drafter_home: Path, tmp_path: Path
) -> None:
    import os

    import pexpect

    for day in range(1, 6):
        sent_note(f"2026-03-0{day}T09:00:00+00:00")
    env = {**os.environ, "DRAFTER_HOME": str(drafter_home), "DRAFTER_NOW": "2026-03-15T12:00",
           "TZ": "UTC", "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "drafter", "draft", "connection-request"],
                          env=env, encoding="utf-8", timeout=15, cwd=str(tmp_path))  # fmt: skip
    child.expect_exact("No personalised notes left this month")
    child.expect_exact("Draft a note anyway?")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Who are you inviting?" not in (child.before or "")
    assert len(history.find(limit=None)) == 5  # nothing new was drafted or recorded


@pty
@pytest.mark.slow
def test_with_none_left_and_to_a_reminder_to_thank_them_is_offered(
    drafter_home: Path, tmp_path: Path
) -> None:
    import os

    import pexpect

    from drafter import contacts, followups

    for day in range(1, 6):
        sent_note(f"2026-03-0{day}T09:00:00+00:00")
    contacts.add("Kim Park", {})
    env = {**os.environ, "DRAFTER_HOME": str(drafter_home), "DRAFTER_NOW": "2026-03-15T12:00",
           "TZ": "UTC", "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "drafter", "draft", "connection-request",
                                           "--to", "kim"],
                          env=env, encoding="utf-8", timeout=15, cwd=str(tmp_path))  # fmt: skip
    child.expect_exact("Draft a note anyway?")
    child.send("n")
    child.expect_exact("Remind you in a week to thank Kim Park if they accept?")
    child.send("y")
    child.expect_exact("Follow-up with Kim Park on 2026-03-22")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    plans, _ = followups.of(contacts.one("kim"))
    assert [(p.due, p.playbook) for p in plans] == [("2026-03-22", "thanks-for-connecting")]
