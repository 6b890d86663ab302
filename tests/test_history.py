"""The history: what is kept when a draft leaves drafter, finding it again, replay, forgetting.

Every test has its own DRAFTER_HOME (conftest), so its own history.db.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from terminals import at_once

from drafter import history, pipeline
from drafter.cli import cli
from drafter.library import Search

DECLINE = ["draft", "decline-sales-pitch", "--no-input"]
SAM = ["--set", "recipient_name=sam lee", "--set", "offering=outsourced SDRs"]
KIM = ["--set", "recipient_name=Kim Park", "--set", "offering=a CRM", "--set", "reason=no_budget"]


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def db(home: Path) -> Path:
    return home / "history.db"


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 9, 30, tzinfo=timezone.utc)


def recorded(day: int, name: str, offering: str = "a CRM") -> int:
    """A decline to `name`, recorded as printed on November `day` (the clock injected)."""
    pb = Search().load("decline-sales-pitch")
    given = {"recipient_name": name, "offering": offering, "me": {"name": "Ana Ruiz"}}
    outcome = pipeline.run(pb, given, profile={})
    return history.record(pb, outcome, "printed", clock=lambda: at(day))


# --- what a draft leaves behind -------------------------------------------------------------


def test_a_printed_draft_is_recorded_with_its_answers_and_text(drafter_home: Path) -> None:
    result = invoke(*DECLINE, *SAM, "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["history_id"] == 1
    (record,) = history.find()
    assert record.id == 1 and record.playbook == "decline-sales-pitch"
    assert record.answers == shown["answers"]  # JSON output can be fed back with --answers -
    assert record.answers["recipient_name"] == "sam lee" and "me" not in record.answers
    assert record.text == shown["body"] and list(record.actions) == ["printed"]
    assert record.people == ["Sam Lee"]
    assert stat.S_IMODE(db(drafter_home).stat().st_mode) == 0o600


def test_written_and_copied_are_one_record_each_action_once(drafter_home: Path) -> None:
    pb = Search().load("decline-sales-pitch")
    outcome = pipeline.run(pb, {"recipient_name": "Sam", "offering": "SDRs"}, profile={})
    first = history.record(pb, outcome, "written")
    assert history.record(pb, outcome, "copied", same_as=first) == first
    assert history.record(pb, outcome, "copied", same_as=first) == first
    assert set(history.get(first).actions) == {"written", "copied"}
    # A hand-edited text is another draft.
    edited = history.record(pb, outcome, "copied", text="Hi Sam, no thanks.", same_as=first)
    assert edited != first and history.get(edited).text == "Hi Sam, no thanks."


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--no-history"], None), ([], {"DRAFTER_NO_HISTORY": "1"})],
    ids=["flag", "environment"],
)
def test_turned_off_nothing_is_written(
    drafter_home: Path, args: list[str], env: dict[str, str] | None
) -> None:
    result = invoke(*DECLINE, *SAM, *args, "--format", "json", env=env)
    assert result.exit_code == 0
    assert "history_id" not in json.loads(result.stdout)
    assert not db(drafter_home).exists()


def test_a_corrupt_history_never_stops_a_draft(drafter_home: Path) -> None:
    db(drafter_home).write_bytes(b"this is not a database" * 100)
    result = invoke(*DECLINE, *SAM)
    assert result.exit_code == 0
    assert "Thanks for reaching out about outsourced SDRs" in result.stdout
    warnings = [ln for ln in result.stderr.splitlines() if "not recorded" in ln]
    assert len(warnings) == 1 and "history.db" in warnings[0]
    assert "Traceback" not in result.stderr
    assert db(drafter_home).read_bytes() == b"this is not a database" * 100  # left as it was


def test_a_history_from_a_newer_drafter_is_not_misread(drafter_home: Path) -> None:
    recorded(1, "Sam")
    with sqlite3.connect(db(drafter_home)) as conn:
        conn.execute(f"PRAGMA user_version = {history.SCHEMA_VERSION + 1}")
    drafted = invoke(*DECLINE, *SAM)
    assert drafted.exit_code == 0 and "newer drafter" in drafted.stderr
    listed = invoke("history")
    assert listed.exit_code == 1
    assert listed.stderr.startswith("drafter: error: ") and "newer drafter" in listed.stderr


# --- finding drafts again ---------------------------------------------------------------------


def test_history_lists_newest_first_and_filters(drafter_home: Path) -> None:
    recorded(1, "Sam Lee")
    recorded(5, "kim park", "CRM tools")
    recorded(9, "Kimberly Ng")
    table = invoke("history").stdout.splitlines()
    assert table[0].split() == ["ID", "WHEN", "PLAYBOOK", "TO", "DONE", "TEXT"]
    assert [line.split()[0] for line in table[1:]] == ["3", "2", "1"]
    assert "Kim Park" in table[2]  # names as a greeting would write them
    to_kim = json.loads(invoke("history", "--to", "KIM", "--format", "json").stdout)
    assert [r["id"] for r in to_kim] == [3, 2]
    since = json.loads(invoke("history", "--since", "2026-11-05", "--format", "json").stdout)
    assert [r["id"] for r in since] == [3, 2]
    limited = json.loads(invoke("history", "--limit", "1", "--format", "json").stdout)
    assert [r["id"] for r in limited] == [3]
    assert "No recorded drafts match." in invoke("history", "--to", "nobody").stderr


def test_history_show_and_sent(drafter_home: Path) -> None:
    draft_id = recorded(3, "Sam Lee")
    shown = invoke("history", "show", str(draft_id)).stdout
    assert f"Draft {draft_id}: decline-sales-pitch" in shown and "recipient_name: Sam Lee" in shown
    assert "Hi Sam," in shown
    assert invoke("history", "sent", str(draft_id)).exit_code == 0
    assert "sent" in history.get(draft_id).actions
    missing = invoke("history", "show", "99")
    assert missing.exit_code == 2 and "no draft 99" in missing.stderr


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "7 fortnights"])
def test_a_date_people_mistype_is_one_clear_error(drafter_home: Path, bad: str) -> None:
    result = invoke("history", "--since", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("drafter: error: --since") and "7d" in result.stderr


# --- forgetting -----------------------------------------------------------------------------


def test_forget_deletes_to_the_byte(drafter_home: Path) -> None:
    secret = "Zanzibar-Quokka-Umbrella"
    recorded(1, "Sam Lee", f"{secret} consulting")
    keep = recorded(2, "Kim Park")
    assert invoke("history", "forget", "1").exit_code == 0
    assert [r.id for r in history.find()] == [keep]
    on_disk = b"".join(p.read_bytes() for p in drafter_home.glob("history.db*"))
    assert secret.encode() not in on_disk and b"Sam Lee" not in on_disk


def test_forget_before_and_all(drafter_home: Path) -> None:
    for day in (1, 2, 10):
        recorded(day, f"Person {day}")
    assert "Deleted 2 drafts" in invoke("history", "forget", "--before", "2026-11-05").stderr
    assert [r.people for r in history.find()] == [["Person 10"]]
    assert "Deleted 1 draft " in invoke("history", "forget", "--all").stderr + " "
    assert history.find() == []
    assert invoke("history", "forget").exit_code == 2  # nothing chosen: usage error
    assert invoke("history", "forget", "7").exit_code == 2  # unknown id: said, not ignored


# --- replay ---------------------------------------------------------------------------------


def test_last_uses_the_last_answers_and_a_given_answer_wins(drafter_home: Path) -> None:
    none_yet = invoke(*DECLINE, "--last")
    assert none_yet.exit_code == 2 and "no recorded draft" in none_yet.stderr
    assert invoke(*DECLINE, *KIM).exit_code == 0
    again = invoke(*DECLINE, "--last")
    assert again.exit_code == 0 and "Hi Kim," in again.stdout and "budget" in again.stdout
    changed = invoke(*DECLINE, "--last", "--set", "offering=lead lists")
    assert "Hi Kim," in changed.stdout and "lead lists" in changed.stdout


def test_again_redrafts_the_same_text(drafter_home: Path) -> None:
    first = invoke(*DECLINE, *KIM, "--variant", "brief")
    assert first.exit_code == 0
    again = invoke("again", "1")
    assert again.exit_code == 0 and again.stdout == first.stdout
    assert [r.id for r in history.find()] == [2, 1]
    other = invoke("again", "1", "--variant", "warm", "--no-history")
    assert other.stdout != first.stdout and "Hi Kim," in other.stdout
    assert len(history.find()) == 2


def test_again_says_when_the_playbook_changed(drafter_home: Path, tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "playbooks" / "decline-sales-pitch.yaml"
    (drafter_home / "playbooks").mkdir()
    mine = drafter_home / "playbooks" / "decline-sales-pitch.yaml"
    mine.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (drafter_home / "templates").symlink_to(source.parent.parent / "templates")
    assert invoke(*DECLINE, *KIM).exit_code == 0
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = invoke("again", "1")
    assert again.exit_code == 0 and "has changed since draft 1" in again.stderr


# --- many writers at once -------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_drafter_processes_recording_at_once_lose_nothing(drafter_home: Path) -> None:
    outputs = at_once(
        drafter_home,
        *([*DECLINE, "--set", f"recipient_name=Person {i}", "--set", "offering=a CRM",
           "--set", "me.name=Ana Ruiz"]  # signed: an unsigned message warns
          for i in range(20)),
    )  # fmt: skip
    assert all(code == 0 for code, _, _ in outputs), [err for _, _, err in outputs]
    assert not any("warning" in err for _, _, err in outputs), [err for _, _, err in outputs]
    names = sorted(r.people[0] for r in history.find(limit=100))
    assert names == sorted(f"Person {i}" for i in range(20))


def test_a_draft_that_could_not_be_written_is_not_kept(drafter_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "note.txt"
    target.write_text("mine", encoding="utf-8")
    result = invoke(*DECLINE, *SAM, "--output", str(target))  # exists, and no --force
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert history.find() == []
    assert invoke(*DECLINE, *SAM, "--output", str(target), "--force").exit_code == 0
    assert [list(r.actions) for r in history.find()] == [["written"]]


def test_the_profile_can_turn_the_history_off(drafter_home: Path) -> None:
    assert invoke("profile", "set", "history=off").exit_code == 0
    assert invoke(*DECLINE, *SAM).exit_code == 0
    assert not db(drafter_home).exists()
    assert invoke("profile", "set", "history=on").exit_code == 0
    assert invoke(*DECLINE, *SAM).exit_code == 0
    assert len(history.find()) == 1


def test_without_drafter_home_the_history_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    monkeypatch.delenv("DRAFTER_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = Path(platformdirs.user_data_dir("drafter", appauthor=False)) / "history.db"
    assert history.path() == expected and str(expected).startswith(str(tmp_path))


# --- what a second, adversarial look found --------------------------------------------------

PAIR = [
    "--set", "person_a_name=Priya Shah", "--set", "person_a_context=head of data at Northwind",
    "--set", "person_b_name=Marco Bianchi", "--set", "person_b_context=a product lead at Lumen",
    "--set", "why_connect=they face the same migration",
]  # fmt: skip


@pytest.mark.parametrize("address", ["a,b@x.com", "a..b@x.com", "a<b>@x.com"])
def test_an_eml_that_cannot_be_made_is_not_recorded(drafter_home: Path, address: str) -> None:
    result = invoke("draft", "double-intro", "--no-input", *PAIR,
                    "--set", f"person_a_email={address}", "--format", "eml")  # fmt: skip
    assert result.exit_code == 2 and result.stderr.startswith("drafter: error: ")
    assert history.find() == []


def test_a_full_disk_on_standard_output_is_one_line_and_not_recorded(drafter_home: Path) -> None:
    env = {**os.environ, "DRAFTER_HOME": str(drafter_home)}
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "drafter", *DECLINE, *SAM],
            env=env, stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert proc.returncode == 1
    assert (
        proc.stderr == "drafter: error: cannot write to standard output: No space left on device\n"
    )
    assert history.find() == []


def test_ids_are_never_used_twice(drafter_home: Path) -> None:
    first, second = recorded(1, "Sam"), recorded(2, "Kim")
    history.forget(ids=[second])
    assert recorded(3, "Ana") == second + 1 and first == 1


def test_again_leaves_out_answers_the_changed_playbook_no_takes(drafter_home: Path) -> None:
    lib = drafter_home
    (lib / "playbooks").mkdir()
    playbook = lib / "playbooks" / "note.yaml"
    text = (
        "title: Note\nchannel: linkedin-message\nfields:\n"
        "  - {name: who, prompt: Who?, type: name}\n"
        "  - {name: mood, prompt: Mood?, type: choice, required: false,"
        " choices: [{value: warm, label: Warm}, {value: cool, label: Cool}]}\n"
        "variants:\n  - {name: plain, text: 'Hi {{ who|first_name }}{% if mood %} ({{ mood }}){% endif %}.'}\n"
    )
    playbook.write_text(text, encoding="utf-8")
    assert (
        invoke(
            "draft", "note", "--no-input", "--set", "who=Sam Lee", "--set", "mood=cool"
        ).exit_code
        == 0
    )
    playbook.write_text(
        text.replace("value: cool, label: Cool", "value: calm, label: Calm"), encoding="utf-8"
    )
    again = invoke("again", "1")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == "Hi Sam.\n"
    assert "has changed since draft 1" in again.stderr and "left out: mood" in again.stderr


def test_again_finds_a_playbook_drafted_from_its_file(drafter_home: Path, tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "playbooks" / "decline-sales-pitch.yaml"
    (tmp_path / "lib" / "playbooks").mkdir(parents=True)
    mine = tmp_path / "lib" / "playbooks" / "decline-sales-pitch.yaml"
    mine.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(source.parent.parent / "templates", tmp_path / "lib" / "templates")
    brief = tmp_path / "lib" / "templates" / "decline-sales-pitch" / "brief.j2"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("I'll pass", "I'll say no"), encoding="utf-8")
    first = invoke("draft", str(mine), "--no-input", *SAM, "--variant", "brief")
    assert first.exit_code == 0
    assert history.find()[0].playbook == str(mine.resolve())
    again = invoke("again", "1")
    assert again.exit_code == 0 and again.stdout == first.stdout  # that file, not the built-in
    assert "has changed" not in again.stderr
    assert "I'll say no" in first.stdout
    last = invoke("draft", str(mine), "--no-input", "--last", "--variant", "brief")
    assert last.exit_code == 0 and "I'll say no" in last.stdout


@pytest.mark.parametrize(
    ("query", "found"),
    [("bob", True), ("jose", True), ("NUNEZ", True), ("o'neil", True), ("muller", True),
     ("zed", False)],
)  # fmt: skip
def test_to_finds_a_name_however_it_is_typed(drafter_home: Path, query: str, found: bool) -> None:
    for name in ('Robert "Bob" Smith', "José Núñez", "Seán O’Neil", "Jürgen Müller"):
        recorded(1, name)
    hits = json.loads(invoke("history", "--to", query, "--format", "json").stdout)
    assert bool(hits) == found


@pytest.mark.parametrize(
    "args",
    [["--since", "0001-01-01T00:00"], ["--since", "9999-12-31T23:59-05:00"], ["--to", " "],
     ["--limit", "99999999999999999999"], ["show", "99999999999999999999"]],
)  # fmt: skip
def test_extremes_are_usage_errors_not_crashes(drafter_home: Path, args: list[str]) -> None:
    result = invoke("history", *args)
    assert result.exit_code == 2 and result.stderr.startswith("drafter: error: ")
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(("value", "kept"), [("1", False), ("yes", False), ("false", True),
                                            ("no", True), ("0", True), ("", True)])  # fmt: skip
def test_drafter_no_history_means_what_it_says(drafter_home: Path, value: str, kept: bool) -> None:
    assert invoke(*DECLINE, *SAM, env={"DRAFTER_NO_HISTORY": value}).exit_code == 0
    assert db(drafter_home).exists() == kept


def test_an_empty_history_setting_goes_back_to_recording(drafter_home: Path) -> None:
    assert invoke("profile", "set", "history=off").exit_code == 0
    assert invoke("profile", "set", "history=").exit_code == 0
    assert invoke(*DECLINE, *SAM).exit_code == 0 and len(history.find()) == 1


def test_a_new_drafter_home_is_made_private_whatever_the_umask(tmp_path: Path) -> None:
    home = tmp_path / "new" / "drafter"
    env = {**os.environ, "DRAFTER_HOME": str(home)}
    proc = subprocess.run(
        ["/bin/sh", "-c", f'umask 000; exec "{sys.executable}" -m drafter draft decline-sales-pitch'
         " --no-input --set recipient_name=Sam --set offering=SDRs"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for folder in (home, home / "cache", home / "cache" / "templates"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((home / "history.db").stat().st_mode) == 0o600
