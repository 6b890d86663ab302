"""`drafter batch`: rows of a CSV (or contacts) drafted through the one pipeline.

Every CSV here is written by the test, in the layouts spreadsheets and LinkedIn write; every
name in them is invented.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter import batch, contacts, history
from drafter.cli import cli
from drafter.contact_import import MAX_FIELD_CHARS
from drafter.errors import UsageError

NOTE = """\
title: Say hello
summary: A short note to say hello.
channel: linkedin-note
fields:
  - name: recipient_name
    type: name
    prompt: Who are you writing to?
    required: true
  - name: detail
    prompt: What do you want to mention?
    required: true
  - name: ask
    prompt: Ask for anything?
    type: choice
    default: none
    choices:
      - {value: none, label: Nothing}
      - {value: call, label: A short call}
variants:
  - name: warm
    description: Friendly.
    text: |
      Hi {{ recipient_name|first_name }},
      I enjoyed {{ detail }}.
      {% if ask == 'call' %}
      Would you be open to a short call?
      {% endif %}
      {% if me.name %}
      {{ me.name|first_name }}
      {% endif %}
  - name: brief
    description: One line.
    text: "Hi {{ recipient_name|first_name }}, I enjoyed {{ detail }}."
"""

MAIL = """\
title: Mail
summary: An email.
channel: email
subject: "Hello {{ name|first_name }}"
fields:
  - {name: name, type: name, prompt: Name?, required: true, from_contact: name}
  - {name: email, prompt: Email?, type: email, from_contact: email}
variants:
  - {name: plain, text: "Hi {{ name|first_name }}."}
"""

LINKEDIN_NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You can learn more about this at: ""Help"", https://www.linkedin.com/help"\r\n'
    "\r\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


# Sixty invented people: six first names by ten last names.
PEOPLE = [
    (first, last)
    for first in ("Kim", "Ana", "Bo", "Priya", "Marco", "Elena")
    for last in ("Nguyen", "Ruiz", "Lee", "Nair", "Rossi", "Petrova", "Okafor", "Tanaka",
                 "Silva", "Berg")
]  # fmt: skip


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "hello.yaml").write_text(NOTE, encoding="utf-8")
    (root / "playbooks" / "mail.yaml").write_text(MAIL, encoding="utf-8")
    return root


def write(tmp_path: Path, text: str, name: str = "rows.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def run(lib: Path, *args: str | Path, input: str | None = None, env: Any = None) -> Result:
    return CliRunner().invoke(
        cli,
        ["--library", str(lib), "batch", *map(str, args)],
        input=input,
        env=env,
        prog_name="drafter",
    )


def lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_columns_answer_fields_by_header_one_json_line_per_row(lib: Path, tmp_path: Path) -> None:
    rows = write(
        tmp_path,
        "Recipient Name,detail,ask,me.name\n"
        "Dr. Elena Petrova,your talk at PyCon,call,Ana Ruiz\n"
        "Kim Nguyen,your post on hiring,,Ana Ruiz\n",
    )
    result = run(lib, "hello", rows)
    assert result.exit_code == 0, result.output
    first, second = lines(result)
    assert list(first) == ["row", "playbook", "recipient", "to", "subject", "text", "checks", "ok"]
    assert first["row"] == 2 and second["row"] == 3
    assert first["recipient"] == "Elena Petrova"
    assert first["text"] == (
        "Hi Elena,\nI enjoyed your talk at PyCon.\nWould you be open to a short call?\nAna"
    )
    assert second["text"] == "Hi Kim,\nI enjoyed your post on hiring.\nAna"
    assert first["ok"] is True and all(c["ok"] for c in first["checks"])
    assert result.stderr == "Drafted 2, flagged 0, failed 0 (of 2 rows).\n"


def test_linkedin_connections_csv_works_as_exported(lib: Path, tmp_path: Path) -> None:
    rows = write(
        tmp_path,
        LINKEDIN_NOTES
        + LINKEDIN_HEADER
        + "Kim,Nguyen,https://www.linkedin.com/in/kim,,Stripe,Engineer,15 Mar 2024\r\n"
        + 'Ana,"Ruiz ""Annie""",,,Acme,,01 Jan 2023\r\n',
        name="Connections.csv",
        bom=True,
    )
    result = run(lib, "hello", rows, "--set", "detail=your news", "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert [(d["row"], d["recipient"], d["text"]) for d in lines(result)] == [
        (5, "Kim Nguyen", "Hi Kim, I enjoyed your news."),
        (6, "Ana Ruiz (Annie)", "Hi Annie, I enjoyed your news."),
    ]
    assert result.stderr.splitlines() == [
        "Not used (no field takes them): URL, Email Address, Company, Position, Connected On",
        "Drafted 2, flagged 0, failed 0 (of 2 rows).",
    ]


def test_reconnect_from_connections_csv_alone_says_when_you_connected(
    lib: Path, tmp_path: Path, drafter_home: Path
) -> None:
    """The issue's `drafter batch reconnect Connections.csv`: nothing but the export says how
    you know them, so each draft says when you connected, and stderr says so once."""
    (drafter_home / "profile.yaml").write_text("name: Ana Lima\n", encoding="utf-8")
    rows = write(
        tmp_path,
        LINKEDIN_NOTES
        + LINKEDIN_HEADER
        + "kim,nguyen,https://www.linkedin.com/in/kim,,Stripe,Engineer,15 Mar 2024\r\n"
        + "Bo,Lee,,,Acme,,not a date\r\n",
        name="Connections.csv",
    )
    result = run(lib, "reconnect", rows, "--variant", "brief")
    assert result.exit_code == 1
    [kim] = lines(result)
    assert kim["text"].startswith(
        "Hi Kim,\n\nIt's been a while since we connected on LinkedIn in March 2024"
    )
    assert "I hope all is well at Stripe. How have you been?" in kim["text"]  # Company
    assert kim["ok"] is True
    assert result.stderr.splitlines()[1:] == [
        "how_we_know: no column gives it, so each draft says 'we connected on LinkedIn in "
        "<month year>' from Connected On; --set how_we_know=TEXT says how you know them",
        # said for what it is: the date cannot be read (was 'missing required answers')
        "row 6: Connected On 'not a date' is no date drafter reads as when you connected (it "
        "reads '15 Mar 2024' and '2024-03-15'), so nothing says how you know them: give "
        "how_we_know a column or --set how_we_know=TEXT",
        "Drafted 1, flagged 0, failed 1 (of 2 rows).",
    ]
    # --set says how you know them: it wins over the date, and the date goes unused.
    result = run(lib, "reconnect", rows, "--set", "how_we_know=met at PyCon 2019")
    assert result.exit_code == 0, result.output
    assert all("since we met at PyCon 2019" in d["text"] for d in lines(result))
    assert "Connected On" in result.stderr.splitlines()[0]  # listed as not used


def test_a_family_name_alone_is_no_name_to_greet(lib: Path, tmp_path: Path) -> None:
    """LinkedIn's export with First Name left out: 'Hi Nguyen' would be wrong, so Last Name
    alone answers nothing, and the run says what the recipient's name needs."""
    rows = write(tmp_path, LINKEDIN_NOTES + LINKEDIN_HEADER
                 + "Kim,Nguyen,https://www.linkedin.com/in/kim,,Stripe,Engineer,15 Mar 2024\r\n",
                 name="Connections.csv")  # fmt: skip
    result = run(lib, "hello", rows, "--map", "First Name=", "--set", "detail=x")
    assert result.exit_code == 2
    assert result.stderr.startswith("drafter: error: nothing gives recipient_name")


def test_a_required_field_nothing_answers_is_one_error_before_any_row(
    lib: Path, tmp_path: Path
) -> None:
    rows = write(tmp_path, "recipient_name\nKim Nguyen\nBo Lee\n")
    result = run(lib, "hello", rows)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "drafter: error: nothing gives detail, which every hello draft needs: add a column "
        "detail, --map COLUMN=detail, or --set detail=TEXT\n"
    )


def test_a_contact_column_fills_what_the_playbook_maps(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, "Name,E-mail\nKim Nguyen,kim@example.com\nBo Lee,\n")
    result = run(lib, "mail", rows)
    assert result.exit_code == 0, result.output
    assert [(d["to"], d["subject"]) for d in lines(result)] == [
        (["kim@example.com"], "Hello Kim"),
        ([], "Hello Bo"),
    ]


def test_hostile_rows_among_many_are_reported_and_the_rest_drafted(
    lib: Path, tmp_path: Path, drafter_home: Path
) -> None:
    # A premium account: no monthly budget of invitation notes to warn about.
    (drafter_home / "profile.yaml").write_text("linkedin_account: premium\n", encoding="utf-8")
    body = [f"{first} {last},your talk number {i}" for i, (first, last) in enumerate(PEOPLE)]
    body[10] = 'Eve Escape,"{{ 7*7 }} and \x1b[31mred\x1b[0m {% raw %}"'
    body[20] = f"Long Field,{'x' * (MAX_FIELD_CHARS + 1)}"
    body[30] = "Too Many,a,b"
    body[40] = "No Detail,"
    body[50] = '"Broken ""quote, still"'
    text = "recipient_name,detail\n" + "\n".join(body) + "\n"
    result = run(lib, "hello", write(tmp_path, text), "--variant", "brief")
    assert result.exit_code == 1
    drafted = lines(result)
    assert len(drafted) == 56
    eve = next(d for d in drafted if d["row"] == 12)
    # Data, never a template; the escape sequence is gone; the braces are flagged.
    assert eve["text"] == "Hi Eve, I enjoyed {{ 7*7 }} and red {% raw %}."
    assert eve["ok"] is False
    assert result.stderr.splitlines() == [
        "row 12: flagged: placeholders: leftover template braces: '{{'",
        f"row 22: detail is {MAX_FIELD_CHARS + 1:,} characters long (at most {MAX_FIELD_CHARS:,})",
        "row 32: 3 fields, but the header has 2",
        "row 42: missing required answers: detail (What do you want to mention?)",
        "row 52: 1 fields, but the header has 2",
        "Drafted 55, flagged 1, failed 4 (of 60 rows).",
    ]  # more than 50 rows, but piped: no progress bar


def test_a_doubled_quote_past_the_first_kilobyte(lib: Path, tmp_path: Path) -> None:
    body = [f"{first} {last},your talk number {i}" for i, (first, last) in enumerate(PEOPLE[:40])]
    body.append('Sam Quote,"the ""Scaling Teams"" talk"')
    text = "recipient_name,detail\n" + "\n".join(body) + "\n"
    assert text.index('""') > 1024
    result = run(lib, "hello", write(tmp_path, text), "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert lines(result)[-1]["text"] == 'Hi Sam, I enjoyed the "Scaling Teams" talk.'


def test_crlf_quoted_newlines_and_row_numbers_are_lines(lib: Path, tmp_path: Path) -> None:
    text = (
        "recipient_name,detail\r\n"
        'Kim Nguyen,"your talk,\r\nand the demo"\r\n'
        "\r\n"
        "Bo Lee,your post\r\n"
        "Al Moe,\r\n"
    )
    result = run(lib, "hello", write(tmp_path, text, bom=True), "--variant", "brief")
    assert result.exit_code == 1
    assert [(d["row"], d["text"]) for d in lines(result)] == [
        (2, "Hi Kim, I enjoyed your talk, and the demo."),
        (5, "Hi Bo, I enjoyed your post."),
    ]
    assert result.stderr.splitlines()[0].startswith("row 6: missing required answers: detail")


def test_set_is_shared_and_a_rows_own_column_wins(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, "recipient_name,detail\nKim Nguyen,your post\nBo Lee,\n")
    result = run(lib, "hello", rows, "--set", "detail=your talk", "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert [d["text"] for d in lines(result)] == [
        "Hi Kim, I enjoyed your post.",
        "Hi Bo, I enjoyed your talk.",
    ]


def test_map_names_other_columns_and_leaves_some_out(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, "Who,What,Notes\nKim Nguyen,your post,met at PyCon\n")
    result = run(
        lib, "hello", rows, "--map", "who=recipient_name", "--map", "What=detail",
        "--map", "Notes=", "--variant", "brief",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert lines(result)[0]["text"] == "Hi Kim, I enjoyed your post."
    assert result.stderr == "Drafted 1, flagged 0, failed 0 (of 1 row).\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Nope=detail"], "--map Nope=detail: no column 'Nope'; columns: Who, detail"),
        (["--map", "Who=detial"], "--map Who=detial: playbook 'hello' has no field 'detial'"),
        (["--map", "Who=me.nmae"], "--map Who=me.nmae: the sender has no key 'nmae'"),
        (["--map", "Who=detail"], "columns 'Who' and 'detail' both give detail"),
        (["--set", "detial=x"], "playbook 'hello' has no field 'detial'"),
        (["--delimiter", "ab"], "--delimiter 'ab': give one character"),
        (["--format", "text"], "--format text writes files: give --out DIR"),
        (["--out", "d", "--format", "csv"], "--format csv goes to stdout: leave out --out"),
        (["--force"], "--force only makes sense with --out"),
        (["--due"], "ROWS.csv and --due: give only one"),
    ],
)
def test_usage_errors_are_one_line_before_any_row(
    lib: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    rows = write(tmp_path, "Who,detail\nKim Nguyen,your post\n")
    result = run(lib, "hello", rows, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("drafter: error: " + message), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_no_source_and_eml_for_a_note_are_usage_errors(lib: Path) -> None:
    result = run(lib, "hello")
    assert result.exit_code == 2
    assert "give one of ROWS.csv, --to-contacts TAG or --due" in result.stderr
    result = run(lib, "hello", "-", "--out", "d", "--format", "eml")
    assert result.exit_code == 2
    assert "--format eml works only with channel email; hello is for linkedin-note" in (
        result.stderr
    )


def test_limit_drafts_the_first_rows(lib: Path, tmp_path: Path) -> None:
    body = "\n".join(f"{first} {last},talk {i}" for i, (first, last) in enumerate(PEOPLE[:10]))
    rows = write(tmp_path, "recipient_name,detail\n" + body + "\n")
    result = run(lib, "hello", rows, "--limit", "3")
    assert result.exit_code == 0
    assert [d["row"] for d in lines(result)] == [2, 3, 4]
    assert result.stderr == "Drafted 3, flagged 0, failed 0 (of 3 rows).\n"


def test_a_failed_check_flags_the_row_still_drafted(lib: Path, tmp_path: Path) -> None:
    long = "a talk " * 40  # past a LinkedIn note's 200 characters
    rows = write(tmp_path, f"recipient_name,detail\nKim Nguyen,{long}\nBo Lee,your post\n")
    result = run(lib, "hello", rows)
    assert result.exit_code == 0  # flagged is not failed (as draft without --strict)
    kim, bo = lines(result)
    assert kim["ok"] is False and bo["ok"] is True
    report, summary = result.stderr.splitlines()
    assert report.startswith("row 2: flagged: length: ")
    assert summary == "Drafted 1, flagged 1, failed 0 (of 2 rows)."


def test_strict_stops_at_the_first_failure_and_counts_flagged_as_failed(
    lib: Path, tmp_path: Path
) -> None:
    long = "a talk " * 40
    text = f"recipient_name,detail\nAl Moe,ok\nKim Nguyen,{long}\nBo Lee,your post\nCy,\n"
    result = run(lib, "hello", write(tmp_path, text), "--strict")
    assert result.exit_code == 1
    assert [d["row"] for d in lines(result)] == [2]  # the flagged row is not given out
    report, summary = result.stderr.splitlines()
    assert report.startswith("row 3: flagged: length: ")
    assert summary == "Drafted 1, flagged 0, failed 1 (of 4 rows; stopped at row 3 under --strict)."
    text = "recipient_name,detail\nAl Moe,ok\nCy,\nBo Lee,your post\n"
    result = run(lib, "hello", write(tmp_path, text), "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Drafted 1, flagged 0, failed 1 (of 3 rows; stopped at row 3 under --strict)."
    )


def test_out_writes_a_file_per_row_and_never_overwrites_without_force(
    lib: Path, tmp_path: Path
) -> None:
    rows = write(tmp_path, "recipient_name,detail\nZoë Ångström,your talk\nBo Lee,your post\n")
    out = tmp_path / "drafts"
    result = run(lib, "hello", rows, "--out", out, "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["0002-zoe-angstrom.txt", "0003-bo-lee.txt"]
    assert (out / "0003-bo-lee.txt").read_text(encoding="utf-8") == "Hi Bo, I enjoyed your post.\n"
    assert (out / "0003-bo-lee.txt").stat().st_mode & 0o077 == 0  # about other people: private
    (out / "0003-bo-lee.txt").write_text("edited by hand\n", encoding="utf-8")
    again = run(lib, "hello", rows, "--out", out, "--variant", "brief")
    assert again.exit_code == 1
    assert (out / "0003-bo-lee.txt").read_text(encoding="utf-8") == "edited by hand\n"
    assert again.stderr.splitlines()[0] == (
        f"row 2: {out}/0002-zoe-angstrom.txt: already exists (use --force to overwrite)"
    )
    assert again.stderr.splitlines()[-1] == "Drafted 0, flagged 0, failed 2 (of 2 rows)."
    forced = run(lib, "hello", rows, "--out", out, "--variant", "brief", "--force")
    assert forced.exit_code == 0
    assert (out / "0003-bo-lee.txt").read_text(encoding="utf-8") == "Hi Bo, I enjoyed your post.\n"


def test_out_eml_for_an_email_playbook(lib: Path, tmp_path: Path) -> None:
    rows = write(
        tmp_path, "name,email,Me.Name,me.email\nKim Nguyen,kim@example.com,Ana,a@example.org\n"
    )
    out = tmp_path / "mail"
    result = run(lib, "mail", rows, "--out", out, "--format", "eml")
    assert result.exit_code == 0, result.output
    import email

    message = email.message_from_bytes((out / "0002-kim-nguyen.eml").read_bytes())
    assert message["To"] == "kim@example.com"
    assert message["Subject"] == "Hello Kim"
    assert message["From"] == "Ana <a@example.org>"


def test_format_csv_reads_back_with_the_csv_module(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, 'recipient_name,detail,ask\nKim Nguyen,"your ""big"" talk",call\n')
    result = run(lib, "hello", rows, "--format", "csv")
    assert result.exit_code == 0, result.output
    read = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert read == [
        ["row", "recipient", "subject", "text", "ok"],
        [
            "2",
            "Kim Nguyen",
            "",
            'Hi Kim,\nI enjoyed your "big" talk.\nWould you be open to a short call?',
            "true",
        ],
    ]


@pytest.mark.parametrize(("option", "sep"), [(";", ";"), ("tab", "\t"), ("|", "|")])
def test_delimiter(lib: Path, tmp_path: Path, option: str, sep: str) -> None:
    rows = write(tmp_path, f"recipient_name{sep}detail\nKim Nguyen{sep}your post, and more\n")
    result = run(lib, "hello", rows, "--delimiter", option, "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert lines(result)[0]["text"] == "Hi Kim, I enjoyed your post, and more."


def test_rows_from_stdin(lib: Path) -> None:
    result = run(lib, "hello", "-", "--variant", "brief", input="recipient_name,detail\nKim,x\n")
    assert result.exit_code == 0, result.output
    assert lines(result)[0]["text"] == "Hi Kim, I enjoyed x."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"recipient_name,detail\n\xff\xfe,x\n", "line 2: not UTF-8 text (byte 0xff)"),
        (b"", "the file is empty"),
        (b"Name,name\nKim,Kim\n", "line 1: two columns are called 'Name'"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_error(
    lib: Path, tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    result = run(lib, "hello", path)
    assert result.exit_code == 2
    assert result.stderr == f"drafter: error: {path}: {message}\n"


def test_too_many_rows_is_refused_before_any_draft(
    lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_ROWS", 3)
    rows = write(tmp_path, "recipient_name,detail\n" + "Kim,x\n" * 4)
    result = run(lib, "hello", rows)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"drafter: error: {rows}: line 5: more than 3 rows\n"


def test_to_contacts_drafts_for_everyone_tagged(lib: Path) -> None:
    contacts.add("Kim Nguyen", {"tags": "alumni", "email": "kim@example.com"})
    contacts.add("Bo Lee", {"tags": "alumni"})
    contacts.add("Cy Other", {})
    result = run(lib, "mail", "--to-contacts", "alumni")
    assert result.exit_code == 0, result.output
    assert [(d["row"], d["recipient"], d["to"]) for d in lines(result)] == [
        (1, "Bo Lee", []),
        (2, "Kim Nguyen", ["kim@example.com"]),
    ]
    none = run(lib, "mail", "--to-contacts", "nobody")
    assert none.exit_code == 2
    assert "no contacts tagged 'nobody'" in none.stderr


def test_due_drafts_for_everyone_due(lib: Path) -> None:
    from datetime import datetime, timezone

    def then() -> datetime:
        return datetime(2026, 1, 1, tzinfo=timezone.utc)

    contacts.add("Kim Nguyen", {"cadence": "every 1m"}, clock=then)
    contacts.add("Bo Lee", {}, clock=then)
    result = run(lib, "hello", "--due", "--set", "detail=x", "--variant", "brief",
                 env={"DRAFTER_NOW": "2026-03-01T09:00"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [d["text"] for d in lines(result)] == ["Hi Kim, I enjoyed x."]
    early = run(lib, "hello", "--due", env={"DRAFTER_NOW": "2026-01-02T09:00"})
    assert early.exit_code == 2
    assert "no one is due" in early.stderr


def test_due_without_a_playbook_drafts_what_each_person_is_due(lib: Path, tmp_path: Path) -> None:
    """`batch --due` alone: a check-in for the person you remember something about, a
    reconnect for the one you do not, and an introduction's follow-up to both its people,
    each numbered as `drafter due` lists them; recorded, each playbook's drafts are linked
    to their people and meet what was due."""
    from datetime import datetime, timezone

    def then() -> datetime:
        return datetime(2026, 1, 1, tzinfo=timezone.utc)

    kim = contacts.add("Kim Nguyen", {"cadence": "every 1m"}, clock=then)
    contacts.remember(kim, "your trip to Lisbon", clock=then)
    contacts.add("Bo Lee", {"cadence": "every 1m", "connected": "2021-05-10"}, clock=then)
    contacts.add("Priya Shah", {"email": "priya@example.com"}, clock=then)
    contacts.add("Marco Bianchi", {"email": "marco@example.com"}, clock=then)
    intro = CliRunner().invoke(
        cli, ["draft", "double-intro", "--no-input", "--to", "priya", "--to", "marco",
              "--set", "person_a_context=head of data at Northwind",
              "--set", "person_b_context=a product lead at Lumen",
              "--set", "why_connect=Marco's team is about to make the move Priya's made",
              "--set", "both_agreed=yes", "--set", "me.name=Ana Ruiz"],
        env={"DRAFTER_NOW": "2026-02-20T09:00"},
    )  # fmt: skip
    assert intro.exit_code == 0, intro.output
    env = {"DRAFTER_NOW": "2026-03-01T09:00"}
    result = run(lib, "--due", "--set", "me.name=Ana Ruiz", "--record", env=env)
    assert result.exit_code == 0, result.output
    drafted = {d["playbook"]: d for d in lines(result)}  # one draft a playbook here
    assert sorted(drafted) == ["check-in", "intro-follow-up", "reconnect"]
    assert drafted["check-in"]["recipient"] == "Kim Nguyen"
    assert "your trip to Lisbon" in drafted["check-in"]["text"]
    assert drafted["reconnect"]["recipient"] == "Bo Lee"
    assert "since we connected on LinkedIn in May 2021" in drafted["reconnect"]["text"]
    # due for Priya and for Marco, the follow-up of their introduction is one email to both
    assert sorted(drafted["intro-follow-up"]["to"]) == ["marco@example.com", "priya@example.com"]
    assert sorted(d["row"] for d in drafted.values()) == [1, 2, 3]
    assert result.stderr.splitlines()[-1] == "Recorded 3 drafts in the history."
    # Recorded and sent, what was due is met; the next run finds no one.
    for record in history.find(limit=10):
        CliRunner().invoke(cli, ["history", "sent", str(record.id)], env=env)
    again = run(lib, "--due", env=env)
    assert again.exit_code == 2 and "no one is due" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a PLAYBOOK (or --due alone"),
        (("--due", "--variant", "warm"), "--variant and --map need a PLAYBOOK"),
        (("--due", "--set", "detail=x"), "--set takes only me.KEY=VALUE"),
    ],
)
def test_batch_without_a_playbook_says_what_it_needs(
    lib: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(lib, *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [(",", ","), (";", ";"), ("tab", "\t"), ("\\t", "\t"), ("TAB", "\t"), ("|", "|")],
)
def test_delimiter_names(text: str, expected: str) -> None:
    assert batch.delimiter(text) == expected


@pytest.mark.parametrize("text", ["", ",,", '"', "\n", "a", "1", " "])
def test_delimiters_refused(text: str) -> None:
    with pytest.raises(UsageError):
        batch.delimiter(text)


@pytest.mark.parametrize(
    ("number", "who", "name"),
    [
        (7, "Kim Nguyen", "0007-kim-nguyen.txt"),
        (12345, "Zoë O'Brien-Smith", "12345-zoe-o-brien-smith.txt"),
        (3, "", "0003-draft.txt"),
        (3, "李小龙", "0003-draft.txt"),
        (3, "../../etc/passwd", "0003-etc-passwd.txt"),
        (3, "x" * 100, "0003-" + "x" * 40 + ".txt"),
    ],
)
def test_file_names_are_plain_and_bounded(number: int, who: str, name: str) -> None:
    assert batch.file_name(number, who, "txt") == name


def test_a_batch_is_not_recorded_unless_asked(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, "recipient_name,detail\nKim Nguyen,your post\nBo Lee,your talk\n")
    assert run(lib, "hello", rows).exit_code == 0
    assert history.find() == []
    result = run(lib, "hello", rows, "--record", "--variant", "brief")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-2:] == [
        "Drafted 2, flagged 0, failed 0 (of 2 rows).",
        "Recorded 2 drafts in the history.",
    ]
    found = history.find()
    assert sorted(r.text for r in found) == [
        "Hi Bo, I enjoyed your talk.",
        "Hi Kim, I enjoyed your post.",
    ]
    assert all(r.actions.keys() == {"printed"} and r.playbook == "hello" for r in found)


def test_recorded_drafts_to_contacts_are_linked_to_them(lib: Path, tmp_path: Path) -> None:
    kim = contacts.add("Kim Nguyen", {"tags": "alumni"})
    result = run(lib, "hello", "--to-contacts", "alumni", "--set", "detail=x", "--record",
                 "--out", tmp_path / "out")  # fmt: skip
    assert result.exit_code == 0, result.output
    [touch] = contacts.touches(kim)
    assert touch.actions.keys() == {"written"}
    assert touch.text == "Hi Kim,\nI enjoyed x."


def test_a_batch_records_in_one_transaction_all_or_none(lib: Path) -> None:
    from drafter import pipeline
    from drafter.library import Search

    pb = Search((lib,)).load("hello")
    outcomes = [
        pipeline.run(pb, {"recipient_name": name, "detail": "x"}) for name in ("Al", "Bo", "Cy")
    ]

    def fail_at_the_third(conn: Any, index: int, draft_id: int) -> None:
        if index == 2:
            raise OSError("disk full")

    with pytest.raises(OSError):
        history.record_many(pb, outcomes, "printed", also=fail_at_the_third)
    assert history.find() == []
    assert len(history.record_many(pb, outcomes, "printed")) == 3
    assert len(history.find()) == 3


def test_record_with_the_history_off_says_so(lib: Path, tmp_path: Path) -> None:
    rows = write(tmp_path, "recipient_name,detail\nKim Nguyen,your post\n")
    result = run(lib, "hello", rows, "--record", env={"DRAFTER_NO_HISTORY": "1"})
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "drafter: warning: not recorded: the history is off"
    assert history.find() == []


@pytest.mark.slow  # a real process on a pseudo-terminal
def _hostile_batch(tmp_path: Path, home: Path, rows: str) -> tuple[dict[str, str], str]:
    """The environment and shell command of `drafter batch hostile` over `rows` (name,mode
    lines), for a whole session in a pseudo-terminal."""
    import os
    import shlex
    import sys

    (tmp_path / "lib" / "playbooks").mkdir(parents=True)
    (tmp_path / "lib" / "playbooks" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    path = write(tmp_path, "recipient_name,mode\n" + rows)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(DRAFTER_HOME=str(home), NO_COLOR="1", TERM="xterm")
    command = shlex.join(
        [sys.executable, "-m", "drafter", "--library", str(tmp_path / "lib"), "batch",
         "hostile", str(path), "--set", "me.name=Ana"]
    )  # fmt: skip
    return env, command


def test_a_progress_bar_on_a_terminal_once_a_batch_takes_more_than_a_second(
    tmp_path: Path, drafter_home: Path
) -> None:
    """A whole session in a pseudo-terminal: a row that spins for its 2 s of CPU makes the
    batch slow, so the bar is drawn; the reports wait for it, then come with the summary."""
    from terminals import spawner

    env, command = _hostile_batch(tmp_path, drafter_home, "Kim Nguyen,spin\nBo Lee,\nAna Ruiz,\n")
    with spawner(env, tmp_path) as spawn:
        session = spawn(shell=f"{command} > out.jsonl")  # stdout to a file, stderr on the tty
        assert session.finish() == 1
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    transcript = session.transcript
    assert "Drafting" in transcript
    assert transcript.index("Drafting") < transcript.index("row 2: ")
    assert "Drafted 2, flagged 0, failed 1 (of 3 rows)." in transcript


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_waits_a_second_and_is_never_drawn_off_a_terminal() -> None:
    from drafter.cli.batch import PROGRESS_AFTER, Progress

    now = [100.0]
    screen = _Terminal()
    progress = Progress(10, shown=True, clock=lambda: now[0], file=screen)
    for _ in range(4):
        now[0] += PROGRESS_AFTER / 5
        progress.step()
    assert not progress.drawn and screen.getvalue() == ""  # 0.8 s: nothing yet
    now[0] += PROGRESS_AFTER / 5
    progress.step()
    assert progress.drawn and "Drafting" in screen.getvalue()
    assert "50%" in screen.getvalue()  # the five rows already done are counted
    progress.close()

    piped = io.StringIO()
    progress = Progress(10, shown=False, clock=lambda: now[0], file=piped)
    now[0] += 60
    progress.step()
    progress.close()
    assert not progress.drawn and piped.getvalue() == ""


@settings(max_examples=60, deadline=None)
@example(cells=[["", "\x00"]], end="\n", bom=False)  # a row of NULs only: blank, skipped
@given(
    st.lists(
        st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=30), min_size=2,
                 max_size=2),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)  # fmt: skip
def test_any_csv_the_csv_module_writes_reads_back_cell_for_cell(
    cells: list[list[str]], end: str, bom: bool
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=end, quoting=csv.QUOTE_ALL)
    writer.writerow(["name", "detail"])
    writer.writerows(cells)
    data = (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
    table = batch.read_table(data)
    assert table.header == ["name", "detail"]
    # blank rows are skipped, and a row of nothing but NULs (which are dropped) is blank
    kept = [row for row in cells if any(c.replace("\x00", "").strip() for c in row)]
    assert [row.cells for row in table.rows] == [
        [c.replace("\x00", "") for c in row] for row in kept
    ]


def test_more_invitation_notes_than_are_left_this_month_is_said(lib: Path, tmp_path: Path) -> None:
    body = "\n".join(f"{first} {last},talk {i}" for i, (first, last) in enumerate(PEOPLE[:6]))
    rows = write(tmp_path, "recipient_name,detail\n" + body + "\n")
    result = run(lib, "hello", rows, "--variant", "brief")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "drafter: warning: 6 LinkedIn invitation notes, but 5 of your 5 personalised notes are "
        "left this month; send the rest without a note"
    )
    assert len(lines(result)) == 6  # drafted all the same
    few = run(lib, "hello", rows, "--variant", "brief", "--limit", "5")
    assert "warning" not in few.stderr


def test_a_file_larger_than_the_bound_is_refused(
    lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter import contact_import

    monkeypatch.setattr(contact_import, "MAX_FILE_BYTES", 100)
    rows = write(tmp_path, "recipient_name,detail\n" + "Kim Nguyen,your post\n" * 10)
    result = run(lib, "hello", rows)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"drafter: error: {rows}: the file is larger than")


HOSTILE = """\
title: Hostile
summary: A template whose work depends on the row.
channel: linkedin-message
fields:
  - {name: recipient_name, type: name, prompt: Who?, required: true}
  - {name: mode, prompt: Mode?}
variants:
  - name: plain
    text: |
      Hi {{ recipient_name|first_name }}, thanks.
      {% if mode == "spin" %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}
      {% elif mode == "flood" %}{% for i in range(20000) %}0123456789{% endfor %}
      {% elif mode == "hog" %}{% set s = ('x' * 10000) * 10 %}{% set l = [] %}{% for i in range(5000) %}{% set _ = l.append(s) %}{% endfor %}{{ l|length }}{{ l }}
      {% endif %}
      {{ me.name }}
"""


def test_one_hostile_row_in_ten_thousand_is_stopped_and_the_rest_drafted(tmp_path: Path) -> None:
    """The run sets the memory cap once and times each draft on its own: a row that spins,
    one that writes too much and one that eats memory are each stopped and reported, and
    every other row of 10,000 is drafted; afterwards the process's limits are as before."""
    import resource

    from drafter import budget
    from drafter.api import load_playbook

    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    pb = load_playbook(tmp_path / "playbooks" / "hostile.yaml")
    bad = {2500: "spin", 5000: "flood", 7500: "hog"}
    names = [f"{first} {last}" for first, last in PEOPLE]
    rows = [batch.Row(i + 2, [names[i % 60], bad.get(i, "")]) for i in range(10_000)]
    limit = resource.getrlimit(resource.RLIMIT_AS)

    plan = batch.plan(pb, ["recipient_name", "mode"])
    results = list(batch.draft_rows(pb, rows, plan, profile={"name": "Ana"}))

    failed = {r.line: r.error for r in results if r.error}
    assert sorted(failed) == [2502, 5002, 7502]
    assert "more than 2 s of CPU time" in failed[2502]
    assert "output passed 100,000 characters" in failed[5002]
    if Path("/proc/self/statm").exists():  # the cap is Linux's; elsewhere the clock stops it
        assert "ran out of memory" in failed[7502]
    drafted = [r for r in results if r.outcome is not None]
    assert len(drafted) == 9_997
    last = drafted[-1].outcome
    assert last is not None and last.ok
    assert last.text == f"Hi {PEOPLE[9_999 % 60][0]}, thanks.\nAna"
    assert resource.getrlimit(resource.RLIMIT_AS) == limit
    assert not budget._stack


@pytest.mark.parametrize(
    ("connected", "line"),
    [
        ("15 Mar 2024", "we connected on LinkedIn in March 2024"),
        ("2003-05-05", "we connected on LinkedIn in May 2003"),
        ("31 Feb 2024", ""),  # no such day
        ("0001-01-01", ""),  # a spreadsheet's empty date: was 'in January 1'
        ("1999-12-31", ""),  # before LinkedIn opened
        ("15/03/2024", ""),  # day and month in an order drafter does not guess
        ("  ", ""),
    ],
)
def test_connected_line_only_for_a_date_someone_could_have_connected(
    connected: str, line: str
) -> None:
    assert batch.connected_line(connected) == line


def test_an_empty_set_answers_nothing_so_the_columns_still_do(
    lib: Path, tmp_path: Path, drafter_home: Path
) -> None:
    """'--set how_we_know=' took the field from Connected On and left it empty, so every row
    failed; and '--set recipient_name=' left First Name and Last Name unused."""
    (drafter_home / "profile.yaml").write_text("name: Ana Lima\n", encoding="utf-8")
    rows = write(
        tmp_path,
        LINKEDIN_HEADER + "Kim,Nguyen,,,Stripe,Engineer,15 Mar 2024\r\n",
        name="Connections.csv",
    )
    result = run(
        lib,
        "reconnect",
        rows,
        "--variant",
        "brief",
        "--set",
        "how_we_know=",
        "--set",
        "recipient_name= ",
    )
    assert result.exit_code == 0, result.output
    [kim] = lines(result)
    assert kim["text"].startswith(
        "Hi Kim,\n\nIt's been a while since we connected on LinkedIn in March 2024"
    )
    # with no column for it either, the run is refused up front, as without the --set
    rows = write(tmp_path, "their_news\nyour new role\n", name="news.csv")
    result = run(lib, "reconnect", rows, "--set", "recipient_name=", "--set", "how_we_know=x")
    assert result.exit_code == 2
    assert result.stderr.startswith("drafter: error: nothing gives recipient_name,")


@pytest.mark.slow
def test_ctrl_c_under_a_progress_bar_still_says_what_went_wrong_before_it(
    tmp_path: Path, drafter_home: Path
) -> None:
    """With the bar drawn, each row's problem waits for the end; Ctrl-C ended the batch
    without them, though the rows before it were drafted (and written)."""
    from terminals import spawner

    env, command = _hostile_batch(
        tmp_path, drafter_home, "Kim Nguyen,spin\nBo Lee,spin\nAna Ruiz,spin\n"
    )
    with spawner(env, tmp_path) as spawn:
        session = spawn(shell=f"exec {command} > out.jsonl")  # Ctrl-C to drafter, not sh
        session.expect("33%")  # the first row done (it spun for its 2 s), the bar drawn
        session.child.sendintr()
        assert session.finish() == 130
    transcript = session.transcript
    assert "row 2: " in transcript and "more than 2 s of CPU time" in transcript
    assert transcript.index("row 2: ") < transcript.index("Cancelled.")


def test_a_batch_stopped_by_strict_gives_the_memory_cap_back_at_once(tmp_path: Path) -> None:
    """--strict stops reading the drafts: the run of many drafts (its memory cap) ended only
    when the command let go of it, so recording history ran under the run's cap."""
    import resource

    from drafter.api import load_playbook
    from drafter.cli.batch import _run

    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    pb = load_playbook(tmp_path / "playbooks" / "hostile.yaml")
    rows = [batch.Row(i + 2, [f"Kim Lee{i}", "flood" if i == 1 else ""]) for i in range(5)]
    limit = resource.getrlimit(resource.RLIMIT_AS)
    results = batch.draft_rows(pb, rows, batch.plan(pb, ["recipient_name", "mode"]))
    kept: list[batch.Result] = []
    assert _run(results, 5, "jsonl", None, False, True, kept) == 1
    assert len(kept) == 1  # row 3 (flood) fails: --strict stops there
    assert resource.getrlimit(resource.RLIMIT_AS) == limit  # while `results` is still held
    assert next(results, None) is None
