"""Relationships over time: drafting to a contact (--to), what a draft remembers and schedules,
cadences, `drafter due` (snooze, done, .ics), touches, and the already-invited warning.

Time is DRAFTER_NOW, the clock every command reads; the time zone is set per test (TZ), so
dates are checked across month ends, leap days, DST changes and zones without a real clock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from terminals import at_once

from drafter import contacts, followups, history
from drafter.cli import cli


@pytest.fixture(autouse=True)
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """UTC unless a test says otherwise (with `in_zone`); the process's zone is put back."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def in_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


def run(*args: str, now: str = "2026-03-02T18:00:00+00:00", code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args), env={"DRAFTER_NOW": now}, catch_exceptions=False)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def due(now: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(run("due", "--format", "json", now=now).stdout)
    return data


FOLLOW_UP = ["draft", "post-meeting-follow-up", "--no-input", "--set", "me.name=Ana Ruiz",
             "--set", "meeting=coffee this morning"]  # fmt: skip


def test_a_job_seekers_three_weeks(drafter_home: Path, tmp_path: Path) -> None:
    """The issue's 'done when': import LinkedIn's export, draft a follow-up with --to the day
    after meeting someone, and the detail comes back when the follow-up is due."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        'Notes:\n"When exporting your connection data, you may notice..."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        'Kim,Nguyen,https://www.linkedin.com/in/kimn,,"Ramp, Inc.",Head of Data,15 Mar 2024\n'
        "Sam,Lee,https://www.linkedin.com/in/samlee,sam@example.com,Acme,CTO,02 Feb 2021\n",
        encoding="utf-8",
    )
    run("contacts", "import", str(export))
    drafted = run(
        *FOLLOW_UP, "--to", "kim", "--set", "highlight=she's off to Costa Rica next month"
    )
    assert drafted.stdout.startswith("Subject: Following up from coffee this morning\n\nHi Kim,")
    assert "you're off to Costa Rica next month" in drafted.stdout
    assert due("2026-03-22T09:00:00+00:00") == []  # not yet: three weeks from the 2nd
    [item] = due("2026-03-23T09:00:00+00:00")
    assert (item["name"], item["due"], item["kind"]) == ("Kim Nguyen", "2026-03-23", "follow-up")
    assert item["detail"] == "you're off to Costa Rica next month"
    shown = run("contacts", "show", "kim").stdout
    assert "2026-03-02  you're off to Costa Rica next month" in shown
    # Sam, connected in 2021, was meant to hear from them every six months at most a year.
    run("contacts", "cadence", "sam", "every 6m, at most 1y")
    neglected = due("2026-03-23T09:00:00+00:00")
    assert [(d["name"], d["overdue"]) for d in neglected] == [
        ("Sam Lee", True),
        ("Kim Nguyen", False),
    ]
    assert neglected[0]["why"] == ("every 6m, at most 1y; connected 2021-02-02, not in touch since")


def test_to_fills_the_mapped_fields_and_given_answers_win(drafter_home: Path) -> None:
    contacts.add("Priya Shah", {"company": "Northwind", "position": "Head of Data",
                                "email": "priya@northwind.example"})  # fmt: skip
    contacts.add("Marco Bianchi", {"company": "Lumen", "email": "marco@lumen.example"})
    intro = run("draft", "double-intro", "--no-input", "--format", "json", "--to", "priya",
                "--to", "marco", "--set", "why_connect=you both work on streaming",
                "--set", "me.name=Ana")  # fmt: skip
    data = json.loads(intro.stdout)
    assert data["to"] == ["priya@northwind.example", "marco@lumen.example"]
    assert data["answers"]["person_a_context"] == "Head of Data at Northwind"
    assert data["answers"]["person_b_context"] == "Lumen"  # no position: the company alone
    overridden = run("draft", "double-intro", "--no-input", "--format", "json", "--to", "priya",
                     "--to", "marco", "--set", "why_connect=streaming", "--set", "me.name=Ana",
                     "--set", "person_b_email=m@other.example")  # fmt: skip
    assert json.loads(overridden.stdout)["to"][1] == "m@other.example"


def test_to_that_fits_several_or_none_lists_them_and_exits_2(drafter_home: Path) -> None:
    contacts.add("Kim Park", {"company": "Ramp"})
    contacts.add("Kim Nguyen", {})
    several = run(*FOLLOW_UP, "--to", "kim", "--set", "highlight=x", code=2)
    assert "'kim' matches 2 contacts: Kim Nguyen, Kim Park; give more of the name" in several.stderr
    nobody = run(*FOLLOW_UP, "--to", "zed", "--set", "highlight=x", code=2)
    assert "no contact matches 'zed'" in nobody.stderr
    too_many = run(*FOLLOW_UP, "--to", "park", "--to", "nguyen", "--set", "highlight=x", code=2)
    assert "post-meeting-follow-up takes 1 contact; --to was given 2 times" in too_many.stderr
    assert history.find() == []


def test_to_the_same_contact_twice_is_refused(drafter_home: Path) -> None:
    """An introduction of Kim to Kim ('--to kim --to park') is a slip, not a draft."""
    contacts.add("Kim Park", {"position": "CTO", "company": "Ramp", "email": "kim@ramp.example"})
    twice = run("draft", "double-intro", "--no-input", "--set", "why_connect=data",
                "--to", "kim", "--to", "park", code=2)  # fmt: skip
    assert twice.stderr == "drafter: error: --to names Kim Park twice\n"
    assert history.find() == []


def test_a_playbook_that_maps_nothing_takes_names_in_order(
    drafter_home: Path, tmp_path: Path
) -> None:
    (tmp_path / "mine.yaml").write_text(
        "title: Mine\nchannel: email\nfields:\n"
        "  - {name: who, type: name, prompt: Who?, required: true}\n"
        "variants:\n  - {name: main, text: 'Hi {{ who|first_name }}, thanks. {{ me.name }}'}\n",
        encoding="utf-8",
    )
    contacts.add("Robert Smith", {"greeting": "Bob"})
    drafted = run("draft", str(tmp_path / "mine.yaml"), "--no-input", "--to", "robert",
                  "--set", "me.name=Ana")  # fmt: skip
    assert drafted.stdout == "Hi Bob, thanks. Ana\n"


def test_remembering_is_kept_once_and_dated(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {})
    for day in ("2026-03-02", "2026-03-03"):
        run(*FOLLOW_UP, "--to", "kim", "--set", "highlight=your trip to Lisbon",
            now=f"{day}T10:00:00+00:00")  # fmt: skip
    kim = contacts.one("kim")
    assert [(d.text, d.at[:10]) for d in kim.details] == [("your trip to Lisbon", "2026-03-02")]
    # A draft to someone who is not a contact remembers nothing and fails nothing.
    run(*FOLLOW_UP, "--set", "recipient_name=Sam Lee", "--set", "highlight=your new job")
    assert [c.name for c in contacts.everyone()] == ["Kim Nguyen"]


def test_a_name_typed_in_full_is_linked_without_to(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {})
    run(*FOLLOW_UP, "--set", "recipient_name=kim nguyen", "--set", "highlight=your new role")
    kim = contacts.one("kim")
    assert [d.text for d in kim.details] == ["your new role"]
    assert [r.playbook for r in contacts.touches(kim)] == ["post-meeting-follow-up"]


def test_a_cadence_runs_from_the_last_touch_across_a_leap_day(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {"cadence": "every 1m, at most 2m"})
    run("contacts", "touch", "kim", "--note", "lunch", now="2024-01-31T12:00:00+00:00")
    assert due("2024-02-28T12:00:00+00:00") == []
    [item] = due("2024-02-29T12:00:00+00:00")  # Jan 31 + 1 month: the last day of February
    assert (item["due"], item["days"], item["overdue"]) == ("2024-02-29", 0, False)
    [late] = due("2024-04-01T12:00:00+00:00")  # past Jan 31 + 2 months (Mar 31): overdue
    assert late["overdue"] is True and late["days"] == 32
    run("contacts", "touch", "kim", now="2024-04-01T13:00:00+00:00")
    assert due("2024-04-30T12:00:00+00:00") == []
    assert [d["due"] for d in due("2024-05-01T12:00:00+00:00")] == ["2024-05-01"]


@pytest.mark.parametrize(
    ("zone_name", "touched", "due_day"),
    [
        # 00:30 in Berlin on the night clocks go forward (02:00 -> 03:00 on 29 March).
        ("Europe/Berlin", "2026-03-28T23:30:00+00:00", "2026-04-05"),
        # 23:30 in New York on the evening before clocks go back (2 November 2025).
        ("America/New_York", "2025-11-02T03:30:00+00:00", "2025-11-08"),
        # Already the 1st of July in Auckland; still the 30th of June in UTC.
        ("Pacific/Auckland", "2026-06-30T13:00:00+00:00", "2026-07-08"),
        # Half-hour zone: 18:30 UTC on New Year's Eve is midnight, 1 January, in Kolkata.
        ("Asia/Kolkata", "2026-12-31T18:30:00+00:00", "2027-01-08"),
    ],
)
def test_dates_are_the_users_local_dates(
    drafter_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    zone_name: str,
    touched: str,
    due_day: str,
) -> None:
    in_zone(monkeypatch, zone_name)
    contacts.add("Kim Nguyen", {"cadence": "every 1w"})
    run("contacts", "touch", "kim", now=touched)
    shown = run("contacts", "show", "kim", "--format", "json", now=touched).stdout
    assert json.loads(shown)["touches"][0]["at"] == touched
    item = followups.due(clock=lambda: history.utc_now(), upcoming=True)
    assert [d.due for d in item] == [due_day]


def test_snooze_and_done(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {"cadence": "2w", "connected": "2026-01-01"})
    assert [d["name"] for d in due("2026-03-02T09:00:00+00:00")] == ["Kim Nguyen"]
    said = run("due", "snooze", "kim", "2w", now="2026-03-02T09:00:00+00:00")
    assert "Kim Nguyen is not due before 2026-03-16." in said.stderr
    assert due("2026-03-15T09:00:00+00:00") == []
    quiet = run("due", now="2026-03-15T09:00:00+00:00")
    assert (quiet.stdout, quiet.stderr) == ("", "Nobody is due.\n")  # snoozed: no advice
    assert [d["name"] for d in due("2026-03-16T09:00:00+00:00")] == ["Kim Nguyen"]
    run("due", "done", "kim", now="2026-03-16T09:00:00+00:00")
    assert due("2026-03-29T09:00:00+00:00") == []
    assert [d["due"] for d in due("2026-03-30T09:00:00+00:00")] == ["2026-03-30"]
    bad = run("due", "snooze", "kim", "2x", code=2)
    assert bad.stderr == ("drafter: error: '2x': not an interval; write it as 10d, 2w, 3m or 1y\n")


def test_dates_at_the_end_of_the_calendar_are_never_a_crash(drafter_home: Path) -> None:
    """A typo ('connected: 9999-12-30') must not break `due` for everyone: a cadence that
    would come due past 9999-12-31 is not due; one due on the last day is a calendar event."""
    contacts.add("Kim Nguyen", {"cadence": "1d", "connected": "9999-12-30"})
    contacts.add("Sam Lee", {"cadence": "1m", "connected": "9999-12-31"})
    assert due("2026-03-02T09:00:00+00:00") == []
    run("contacts", "list", "--due")
    calendar = run("due", "--ics", "-").stdout
    assert "DTSTART;VALUE=DATE:99991231" in calendar and "Sam Lee" not in calendar
    late = "9999-12-20T09:00:00+00:00"
    said = run("due", "snooze", "kim", "1m", now=late, code=2).stderr
    assert said == "drafter: error: 1m from 9999-12-20 is past the year 9999\n"
    said = run(*FOLLOW_UP, "--to", "sam", "--set", "highlight=x", now=late, code=2).stderr
    assert said.endswith("drafter: error: 3w from 9999-12-20 is past the year 9999\n")


def test_a_now_whose_local_date_is_past_9999_is_refused(
    drafter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_zone(monkeypatch, "Pacific/Kiritimati")  # UTC+14
    contacts.add("Kim Nguyen", {"cadence": "1w"})
    said = run("due", now="9999-12-31T23:00:00+00:00", code=2).stderr
    assert said.startswith("drafter: error: DRAFTER_NOW='9999-12-31T23:00:00+00:00': expected")


def test_a_tag_cadence_and_a_contacts_own(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {"tags": "mentors", "connected": "2026-01-01"})
    contacts.add("Sam Lee", {"tags": "mentors", "connected": "2026-01-01",
                             "cadence": "every 1y"})  # fmt: skip
    run("contacts", "cadence", "--tag", "mentors", "every 1m, at most 3m")
    [kim] = due("2026-02-02T09:00:00+00:00")
    assert (kim["name"], kim["why"]) == (
        "Kim Nguyen",
        "every 1m, at most 3m (tag mentors); connected 2026-01-01, not in touch since",
    )
    assert [d["name"] for d in run_list_due("2026-02-02T09:00:00+00:00")] == ["Kim Nguyen"]
    run("contacts", "cadence", "--tag", "mentors", "--off")
    assert due("2026-02-02T09:00:00+00:00") == []
    assert "Give contacts a cadence" not in run("due").stderr  # Sam still has his own
    run("contacts", "cadence", "sam", "--off")
    assert "Give contacts a cadence with 'drafter contacts cadence NAME 2m'." in run("due").stderr


def run_list_due(now: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(
        run("contacts", "list", "--due", "--format", "json", now=now).stdout
    )
    return data


def test_a_follow_up_is_met_by_its_draft_or_a_later_touch(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {})
    contacts.add("Sam Lee", {})
    for who in ("kim", "sam"):
        drafted = run("draft", "connection-request", "--no-input", "--to", who, "--format", "json",
                      "--set", "reason=same_field", "--set", "reason_detail=data engineering")  # fmt: skip
        run("history", "sent", str(json.loads(drafted.stdout)["history_id"]))
    items = due("2026-03-09T09:00:00+00:00")
    assert [(d["name"], d["playbook"]) for d in items] == [
        ("Kim Nguyen", "thanks-for-connecting"),
        ("Sam Lee", "thanks-for-connecting"),
    ]
    thanks = run("draft", "thanks-for-connecting", "--no-input", "--to", "kim", "--format", "json",
                 "--set", "what_caught_my_eye=your talk", now="2026-03-05T09:00:00+00:00")  # fmt: skip
    run("history", "sent", str(json.loads(thanks.stdout)["history_id"]),
        now="2026-03-05T09:00:00+00:00")  # fmt: skip
    run("contacts", "touch", "sam", now="2026-03-10T09:00:00+00:00")  # on or after its day
    assert due("2026-03-11T09:00:00+00:00") == []


def test_copied_counts_as_in_touch_only_when_the_profile_says_so(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {"cadence": "every 1w", "connected": "2026-01-01"})
    pb_args = ["draft", "thanks-for-connecting", "--no-input", "--to", "kim",
               "--set", "what_caught_my_eye=your talk", "--format", "json"]  # fmt: skip
    drafted = json.loads(run(*pb_args, now="2026-03-01T09:00:00+00:00").stdout)
    with history.connect(create=False) as conn, history.writing(conn):
        conn.execute("INSERT INTO events VALUES (?, 'copied', '2026-03-01T09:00:00+00:00')",
                     (drafted["history_id"],))  # fmt: skip
    assert [d["name"] for d in due("2026-03-02T09:00:00+00:00")] == ["Kim Nguyen"]
    run("profile", "set", "copied_is_sent=true")
    assert due("2026-03-02T09:00:00+00:00") == []


def test_already_invited_is_warned_with_the_date(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {})
    args = ["draft", "connection-request", "--no-input", "--to", "kim", "--format", "json",
            "--set", "reason=same_field", "--set", "reason_detail=data engineering"]  # fmt: skip
    first = run(*args, now="2026-02-10T09:00:00+00:00")
    assert "connection note" not in first.stderr
    run("history", "sent", str(json.loads(first.stdout)["history_id"]),
        now="2026-02-10T09:00:00+00:00")  # fmt: skip
    again = run(*args, now="2026-03-02T09:00:00+00:00")
    assert "You sent Kim Nguyen a connection note on 2026-02-10" in again.stderr


def test_the_calendar_reads_back(drafter_home: Path, tmp_path: Path) -> None:
    import icalendar  # a test dependency (pyproject's test extra): an independent reader

    contacts.add(
        "Kim Nguyen, PhD; MBA",
        {"greeting": 'KJ "Kay"', "cadence": "every 2w", "connected": "2026-01-01"},
    )
    run(*FOLLOW_UP, "--to", "kim", "--set", "highlight=your marathon")
    target = tmp_path / "due.ics"
    said = run("due", "--ics", str(target), now="2026-03-02T18:00:00+00:00")
    assert "Wrote 2 events" in said.stderr
    assert target.stat().st_mode & 0o777 == 0o600  # names and remembered details: yours alone
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = sorted(
        (str(e.get("summary")), e.decoded("dtstart").isoformat(), str(e.get("description")))
        for e in calendar.walk("VEVENT")
    )
    assert events[0][:2] == ("Get in touch: Kim Nguyen, PhD; MBA", "2026-03-02")
    assert events[1][:2] == ("Get in touch: Kim Nguyen, PhD; MBA", "2026-03-23")
    assert "Last time: your marathon" in events[1][2]
    refused = run("due", "--ics", str(target), code=2)
    assert "already exists" in refused.stderr


def test_forget_takes_follow_ups_touches_and_links_with_it(drafter_home: Path) -> None:
    secret = "Quokka-Saxophone"
    contacts.add("Kim Nguyen", {"cadence": "2w"})
    run(*FOLLOW_UP, "--to", "kim", "--set", f"highlight=your {secret} trip")
    run("contacts", "touch", "kim", "--note", f"{secret} lunch")
    run("contacts", "forget", "kim")
    with history.connect(create=False) as conn:
        for table in ("contacts", "details", "draft_contacts", "touches", "follow_ups", "drafts"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    on_disk = b"".join(p.read_bytes() for p in drafter_home.glob("history.db*"))
    assert secret.encode() not in on_disk and b"Kim Nguyen" not in on_disk


def test_twenty_processes_touching_and_remembering_at_once_lose_nothing(
    drafter_home: Path,
) -> None:
    contacts.add("Kim Nguyen", {})
    outputs = at_once(
        drafter_home,
        *(["contacts", "touch", "kim", "--note", f"call {i}"] if i % 2
          else ["contacts", "remember", "kim", f"fact {i}"] for i in range(20)),
    )  # fmt: skip
    assert all(code == 0 for code, _, _ in outputs), [err for _, _, err in outputs]
    plans, touches = followups.of(contacts.one("kim"))
    assert sorted(t.note for t in touches) == sorted(f"call {i}" for i in range(1, 20, 2))
    kim = contacts.one("kim")
    assert sorted(d.text for d in kim.details) == sorted(f"fact {i}" for i in range(0, 20, 2))


def test_forget_all_leaves_no_contact_and_keeps_drafts_to_others(drafter_home: Path) -> None:
    contacts.add("Kim Nguyen", {"tags": "mentors"})
    contacts.add("Sam Lee", {})
    run("contacts", "cadence", "--tag", "mentors", "2m")
    run(*FOLLOW_UP, "--to", "kim", "--set", "highlight=your move")
    run(*FOLLOW_UP, "--set", "recipient_name=Sam Lee", "--set", "highlight=your talk")
    run(*FOLLOW_UP, "--set", "recipient_name=Ola Berg", "--set", "highlight=your book")
    run("contacts", "touch", "sam")
    said = run("contacts", "forget", "--all")
    assert "Deleted 2 contacts, all kept about them and 2 drafts to them, for good." in said.stderr
    with history.connect(create=False) as conn:
        for table in ("contacts", "details", "draft_contacts", "touches", "follow_ups",
                      "tag_cadences"):  # fmt: skip
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert [r.people for r in history.find()] == [["Ola Berg"]]
    assert run("contacts", "forget", code=2).stderr.endswith("give a NAME or --all\n")


def test_due_suggests_the_check_in_and_it_asks_about_what_they_told_you(
    drafter_home: Path,
) -> None:
    """A follow-up after meeting someone suggests check-in, and so does a cadence that ran
    for someone you remember something about (for someone you do not, reconnect); the
    check-in drafted with --to asks about the detail they told you and, once sent, meets the
    follow-up."""
    contacts.add("Kim Nguyen", {})
    contacts.add("Sam Lee", {"cadence": "every 2m", "connected": "2025-06-01"})
    run(*FOLLOW_UP, "--to", "kim", "--set", "highlight=she's off to Costa Rica next month")
    items = due("2026-03-23T09:00:00+00:00")
    assert [(d["name"], d["kind"], d["playbook"]) for d in items] == [
        ("Sam Lee", "cadence", "reconnect"),
        ("Kim Nguyen", "follow-up", "check-in"),
    ]
    contacts.remember(contacts.one("sam"), "your new job at Stripe")
    assert due("2026-03-23T09:00:00+00:00")[0]["playbook"] == "check-in"
    checked = json.loads(run("draft", "check-in", "--no-input", "--to", "kim", "--format", "json",
                             "--set", "me.name=Ana Ruiz", now="2026-03-23T10:00:00+00:00").stdout)  # fmt: skip
    assert (checked["subject"], checked["body"].split("\n")[0]) == ("Checking in", "Hi Kim,")
    # Told back as reported speech: "you're" and "next month" as of when she said it.
    assert ("When we last spoke, you mentioned that you were off to Costa Rica the following "
            "month. I've been wondering how it went.") in checked["body"]  # fmt: skip
    assert [d["name"] for d in due("2026-03-24T09:00:00+00:00")] == ["Sam Lee", "Kim Nguyen"]
    run("history", "sent", str(checked["history_id"]), now="2026-03-23T10:05:00+00:00")
    assert [d["name"] for d in due("2026-03-24T09:00:00+00:00")] == ["Sam Lee"]
