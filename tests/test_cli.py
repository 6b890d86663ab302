"""The CLI through Click's CliRunner: exact stdout, one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from drafter.cli import cli

NOTE = """\
title: Say hello
summary: A short note to say hello.
channel: linkedin-note
fields:
  - name: recipient_name
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
  - name: contact
    prompt: Their email?
    type: email
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
checks:
  must_mention: [detail]
"""

MAIL = """\
title: Mail
summary: An email.
channel: email
subject: "Hello {{ name|first_name }}"
fields:
  - {name: name, prompt: Name?, required: true}
  - {name: email, prompt: Email?, type: email}
variants:
  - {name: plain, text: "Hi {{ name|first_name }}."}
"""


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "hello.yaml").write_text(NOTE, encoding="utf-8")
    (root / "playbooks" / "mail.yaml").write_text(MAIL, encoding="utf-8")
    return root


def run(
    lib: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> Result:
    return CliRunner().invoke(
        cli, ["--library", str(lib), *args], input=input, env=env, prog_name="drafter"
    )


HELLO = [
    "draft",
    "hello",
    "--set",
    "recipient_name=Dr. Elena Petrova",
    "--set",
    "detail=your talk at PyCon",
]


def test_draft_text_prints_only_the_message_on_stdout(lib: Path) -> None:
    result = run(lib, *HELLO, "--set", "me.name=Ana Ruiz")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hi Elena,\nI enjoyed your talk at PyCon.\nAna\n"
    assert result.stderr == ""  # all checks pass, and stderr is not a terminal


def test_draft_json_shape(lib: Path) -> None:
    result = run(lib, *HELLO, "--set", "ask=call", "--format", "json", "--variant", "warm")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "playbook",
        "variant",
        "channel",
        "subject",
        "body",
        "to",
        "chars",
        "words",
        "limit",
        "checks",
        "answers",
        "history_id",  # recorded in the history (tests/test_history.py)
    ]
    assert data["playbook"] == "hello"
    assert data["variant"] == "warm"
    assert data["channel"] == "linkedin-note"
    assert data["subject"] is None
    assert (
        data["body"]
        == "Hi Elena,\nI enjoyed your talk at PyCon.\nWould you be open to a short call?"
    )
    assert data["to"] == []
    assert data["chars"] == len(data["body"])
    assert data["words"] == 16
    assert data["limit"] == 200
    assert [c["id"] for c in data["checks"]] == [
        "length",
        "placeholders",
        "words",
        "mentions",
        "fit",
    ]
    assert all(c["ok"] for c in data["checks"])
    assert data["answers"]["recipient_name"] == "Dr. Elena Petrova"


def test_email_text_has_subject_blank_line_body_and_json_lists_recipients(lib: Path) -> None:
    result = run(lib, "draft", "mail", "--set", "name=Kim Lee", "--set", "email=kim@example.com")
    assert result.stdout == "Subject: Hello Kim\n\nHi Kim.\n"
    data = json.loads(
        run(
            lib,
            "draft",
            "mail",
            "--set",
            "name=Kim",
            "--set",
            "email=kim@example.com",
            "--format",
            "json",
        ).stdout
    )
    assert data["subject"] == "Hello Kim"
    assert data["to"] == ["kim@example.com"]
    assert data["limit"] is None


def test_premium_profile_raises_the_note_limit(lib: Path) -> None:
    assert run(lib, "profile", "set", "linkedin_account=premium").exit_code == 0
    data = json.loads(run(lib, *HELLO, "--format", "json").stdout)
    assert data["limit"] == 300


def test_missing_required_answers_exit_2_listing_each_with_its_prompt(lib: Path) -> None:
    result = run(lib, "draft", "hello", "--no-input")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "drafter: error: missing required answers: recipient_name (Who are you writing to?); "
        "detail (What do you want to mention?). Give them with --set FIELD=VALUE or --answers FILE\n"
    )


def one_line_error(result: Result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("drafter: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["draft", "helo"], 2, "no playbook 'helo' (did you mean 'hello'?)"),
        (
            [*HELLO, "--set", "recipient=x"],
            2,
            "has no field 'recipient' (did you mean 'recipient_name'?); fields: recipient_name, detail, ask, contact",
        ),
        ([*HELLO, "--set", "ask=coffee"], 2, "ask: 'coffee' is not one of none, call"),
        ([*HELLO, "--set", "contact=kim@"], 2, "contact: 'kim@' is not an email address"),
        ([*HELLO, "--variant", "breif"], 2, "no variant 'breif' (did you mean 'brief'?)"),
        ([*HELLO, "--format", "xml"], 2, "Invalid value for '--format'"),
        ([*HELLO, "--bogus"], 2, "No such option '--bogus'"),
        ([*HELLO, "--set", "noequals"], 2, "--set 'noequals': expected FIELD=VALUE"),
        ([*HELLO, "--answers", "missing.yaml"], 2, "missing.yaml: no such file"),
        ([*HELLO, "--force"], 2, "--force only makes sense with --output"),
        ([*HELLO, "--set", "me.nmae=Ana"], 2, "unknown profile key 'nmae' (did you mean 'name'?)"),
        (["show", "nope"], 2, "no playbook 'nope'"),
        (["profile", "set", "colour=blue"], 2, "unknown profile key 'colour'"),
        (
            ["profile", "set", "linkedin_account=gold"],
            2,
            "linkedin_account: must be 'free' or 'premium'",
        ),
        (["profile", "set", "email=nope"], 2, "email: 'nope' is not an email address"),
        (["nosuchcommand"], 2, "No such command 'nosuchcommand'"),
    ],
)
def test_bad_input_is_one_line_error_with_exit_code(
    lib: Path, args: list[str], code: int, fragment: str
) -> None:
    one_line_error(run(lib, *args), code, fragment)


def test_invalid_playbook_error_names_file_and_line(lib: Path) -> None:
    (lib / "playbooks" / "broken.yaml").write_text("title: x\nchanel: email\n", encoding="utf-8")
    result = run(lib, "draft", "broken")
    one_line_error(result, 2, "broken.yaml:2: unknown key 'chanel' (did you mean 'channel'?)")


def test_answers_file_and_stdin_with_set_taking_precedence(lib: Path, tmp_path: Path) -> None:
    answers = "recipient_name: Kim Lee\ndetail: your post on mentoring\nme:\n  name: Sam Ode\n"
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")
    from_file = run(lib, "draft", "hello", "--answers", str(path))
    assert from_file.stdout == "Hi Kim,\nI enjoyed your post on mentoring.\nSam\n"
    from_stdin = run(
        lib, "draft", "hello", "--answers", "-", "--set", "recipient_name=Jo Park", input=answers
    )
    assert from_stdin.stdout == "Hi Jo,\nI enjoyed your post on mentoring.\nSam\n"


def test_profile_supplies_me_and_answers_override_it(lib: Path) -> None:
    assert run(lib, "profile", "set", "name=Ana Ruiz", "company=Acme").exit_code == 0
    assert run(lib, *HELLO).stdout.endswith("\nAna\n")
    assert run(lib, *HELLO, "--set", "me.name=Bo Chen").stdout.endswith("\nBo\n")


def test_profile_show_and_set(lib: Path, drafter_home: Path) -> None:
    before = run(lib, "profile")
    assert before.exit_code == 0
    assert "(not saved yet)" in before.stdout
    result = run(lib, "profile", "set", "name=Ana Ruiz", "headline=Data engineer")
    assert result.exit_code == 0
    assert f"Saved {drafter_home / 'profile.yaml'}" in result.stderr
    shown = run(lib, "profile").stdout
    assert "name              Ana Ruiz" in shown
    assert "headline          Data engineer" in shown
    run(lib, "profile", "set", "headline=")
    assert "headline          -" in run(lib, "profile").stdout
    assert "headline" not in (drafter_home / "profile.yaml").read_text(encoding="utf-8")


def test_broken_profile_is_a_clear_error(lib: Path, drafter_home: Path) -> None:
    (drafter_home / "profile.yaml").write_text("name: [oops\n", encoding="utf-8")
    one_line_error(run(lib, *HELLO), 2, "profile.yaml:2: invalid YAML")


def test_output_writes_file_and_refuses_to_overwrite_without_force(
    lib: Path, tmp_path: Path
) -> None:
    out = tmp_path / "note.txt"
    first = run(lib, *HELLO, "--output", str(out))
    assert first.exit_code == 0
    assert first.stdout == ""
    assert out.read_text(encoding="utf-8") == "Hi Elena,\nI enjoyed your talk at PyCon.\n"
    again = run(lib, *HELLO, "--set", "detail=something else", "--output", str(out))
    one_line_error(again, 2, "already exists (use --force to overwrite)")
    assert out.read_text(encoding="utf-8") == "Hi Elena,\nI enjoyed your talk at PyCon.\n"
    forced = run(lib, *HELLO, "--set", "detail=your book", "--output", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8") == "Hi Elena,\nI enjoyed your book.\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".note")) == []


def test_failed_draft_writes_nothing(lib: Path, tmp_path: Path) -> None:
    out = tmp_path / "note.txt"
    result = run(lib, "draft", "hello", "--no-input", "--output", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert list(tmp_path.glob(".note*")) == []


LONG = "x" * 250


def test_failing_check_warns_and_strict_exits_1_with_the_draft_printed(lib: Path) -> None:
    lenient = run(lib, *HELLO, "--set", f"detail={LONG}")
    assert lenient.exit_code == 0
    assert LONG in lenient.stdout
    assert lenient.stderr.startswith("drafter: warning: check length failed: ")
    strict = run(lib, *HELLO, "--set", f"detail={LONG}", "--strict")
    assert strict.exit_code == 1
    assert LONG in strict.stdout
    assert strict.stderr.splitlines()[-1] == "drafter: error: checks failed under --strict: length"
    assert run(lib, *HELLO, "--strict").exit_code == 0


def test_copy_puts_the_text_on_the_clipboard(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: copied[-1])
    result = run(lib, "draft", "mail", "--set", "name=Kim", "--copy")
    assert result.exit_code == 0
    assert copied == ["Subject: Hello Kim\n\nHi Kim."]
    assert result.stderr.splitlines()[-1] == "Copied."


def test_copy_without_any_clipboard_says_so_clearly(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    result = run(lib, *HELLO, "--copy")
    assert result.exit_code == 1
    assert result.stdout == "Hi Elena,\nI enjoyed your talk at PyCon.\n"  # the draft is not lost
    assert result.stderr.startswith("drafter: error: no clipboard found")
    assert "Traceback" not in result.output


def test_list_table_and_json_show_sources_and_overrides(lib: Path, drafter_home: Path) -> None:
    (drafter_home / "playbooks").mkdir()
    (drafter_home / "playbooks" / "hello.yaml").write_text(
        NOTE.replace("Say hello", "My hello"), encoding="utf-8"
    )
    table = run(lib, "list")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "CHANNEL", "SOURCE", "TITLE"]
    hello = [line for line in lines if line.startswith("hello ")]
    assert len(hello) == 2
    assert str(lib) in hello[0] and "Say hello" in hello[0]  # --library comes first
    assert f"user (overridden by {lib})" in hello[1]
    data = json.loads(run(lib, "list", "--format", "json").stdout)
    entries = {(d["id"], d["source"]): d for d in data}
    assert entries[("hello", "user")]["overridden_by"] == str(lib)
    assert entries[("hello", str(lib))]["overridden_by"] is None
    assert entries[("mail", str(lib))]["channel"] == "email"
    assert any(d["source"] == "built-in" for d in data)


def test_list_warns_about_an_invalid_playbook_but_lists_the_rest(lib: Path) -> None:
    (lib / "playbooks" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    result = run(lib, "list")
    assert result.exit_code == 0
    assert "hello" in result.stdout
    assert "drafter: warning: broken" in result.stderr


def test_show_json_shape(lib: Path) -> None:
    data = json.loads(run(lib, "show", "hello", "--format", "json").stdout)
    assert list(data) == [
        "id", "title", "summary", "group", "channel", "fields", "variants", "follow_up"
    ]  # fmt: skip
    assert data["fields"][2] == {
        "name": "ask",
        "type": "choice",
        "required": False,
        "prompt": "Ask for anything?",
        "prompt_template": None,
        "help": None,
        "example": None,
        "frame": None,
        "when": None,
        "default": "none",
        "choices": [
            {"value": "none", "label": "Nothing"},
            {"value": "call", "label": "A short call"},
        ],
        "from_contact": None,
        "contact": None,
        "remember": False,
    }
    assert data["follow_up"] is None
    assert data["variants"] == [
        {"name": "warm", "description": "Friendly."},
        {"name": "brief", "description": "One line."},
    ]


def test_show_renders_prompts_that_use_earlier_answers() -> None:
    """connection-request asks "Which post of theirs?" or "Which event?" by the reason given."""
    data = json.loads(
        CliRunner().invoke(cli, ["show", "connection-request", "--format", "json"]).stdout
    )
    detail = {f["name"]: f for f in data["fields"]}["reason_detail"]
    assert "{%" in detail["prompt_template"]
    assert detail["prompt"] == "Which post of theirs?"  # the first example's reason: their_post
    assert detail["frame"].startswith("I enjoyed …")
    assert detail["example"] == "your post on hiring juniors"
    who = {f["name"]: f for f in data["fields"]}["recipient_name"]
    assert (who["from_contact"], who["contact"]) == ("name", 1)
    assert data["follow_up"]["playbook"] == "thanks-for-connecting"


def test_show_text_lists_fields_choices_and_variants(lib: Path) -> None:
    out = run(lib, "show", "hello").stdout
    assert out.startswith(
        "Say hello (hello)\nA short note to say hello.\nChannel: LinkedIn invitation note, 200 characters\n"
    )
    assert (
        "  ask (choice, optional, default none): Ask for anything?\n      none - Nothing\n" in out
    )
    assert "  warm (default): Friendly.\n  brief: One line.\n" in out


def test_no_arguments_without_a_terminal_prints_help_and_the_list(lib: Path) -> None:
    result = run(lib)
    assert result.exit_code == 0
    assert "Usage: drafter" in result.stdout
    assert "ID" in result.stdout and "hello" in result.stdout


def test_debug_env_shows_the_traceback(lib: Path) -> None:
    result = run(lib, "draft", "nope", env={"DRAFTER_DEBUG": "1"})
    assert result.exit_code != 0
    assert result.exception is not None and not isinstance(result.exception, SystemExit)


def _complete(lib: Path, *words: str) -> list[str]:
    all_words = ["drafter", "--library", str(lib), *words]
    env = {
        "_DRAFTER_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(all_words),
        "COMP_CWORD": str(len(all_words) - 1),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="drafter")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion_of_playbooks_variants_and_fields(lib: Path) -> None:
    assert _complete(lib, "draft", "he") == ["hello"]
    assert _complete(lib, "draft", "hello", "--variant", "") == ["warm", "brief"]
    assert _complete(lib, "draft", "hello", "--set", "a") == ["ask="]
    assert _complete(lib, "draft", "hello", "--set", "ask=c") == ["ask=call"]


@pytest.mark.slow  # a real process
def test_python_dash_m_runs(lib: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "--library", str(lib), *HELLO],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Hi Elena,\nI enjoyed your talk at PyCon.\n"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under `group`, found by walking it (not a list kept by hand)."""
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"drafter {' '.join(path)} --help has no example"
    assert f"drafter {' '.join(path)}" in result.stdout.split("Example", 1)[1]


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_is_registered_under_its_own_name(path: tuple[str, ...]) -> None:
    group: click.Command = cli
    ctx = click.Context(cli)
    for name in path:
        assert isinstance(group, click.Group)
        command = group.get_command(ctx, name)
        assert command is not None
        group = command
    assert group.name == path[-1]


# What a non-interactive draft must not import: prompting, the clipboard, mail, schema
# checking, the platform folders (DRAFTER_HOME is set), the other commands' helpers; and
# SQLite when nothing is recorded. (HELLO's 'Dr. Elena Petrova' needs nameparser.)
HEAVY = (
    "questionary", "prompt_toolkit", "pyperclip", "webbrowser", "email", "jsonschema",
    "platformdirs", "sqlite3", "difflib", "configparser", "importlib.metadata",
    "drafter.prompts", "drafter.review", "drafter.mail", "drafter.index", "drafter.lint",
    "drafter.cadence", "drafter.contact_import",
)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "heavy"), [((), "sqlite3"), (("--no-history",), "")], ids=["recorded", "not recorded"]
)
def test_a_draft_imports_only_its_own_command(lib: Path, args: tuple[str, ...], heavy: str) -> None:
    # Start-up is paid on every run: a draft must not import the modules of other commands,
    # nor anything heavy it does not use.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from drafter.cli import cli\n"
        "try:\n"
        "    cli(sys.argv[1:], prog_name='drafter')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('drafter.cli.'))))\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, "--library", str(lib), *HELLO, "--no-input", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-2:] == [
        "drafter.cli.console drafter.cli.draft drafter.cli.keeping drafter.cli.options"
        " drafter.cli.root drafter.cli.views",  # keeping: the draft's record, its own part
        heavy,
    ]


def test_the_picker_groups_playbooks_builtin_groups_first_then_others_then_other() -> None:
    from drafter.cli.guided import picker_groups
    from drafter.index import Summary

    def pb(pid: str, title: str, group: str | None) -> Summary:
        return Summary(pid, title, "", "email", group)

    found = picker_groups([
        pb("z", "Zed", None), pb("t", "Team one", "  Team  playbooks "), pb("b", "Beta", "Replying"),
        pb("a", "Alpha", "Replying"), pb("c", "Ask", "Reaching out"), pb("o", "Oslo", "Admin"),
    ])  # fmt: skip
    assert [(g, [i for i, _, _ in items]) for g, items in found] == [
        ("Reaching out", ["c"]),
        ("Replying", ["a", "b"]),
        ("Admin", ["o"]),
        ("Team playbooks", ["t"]),
        ("Other", ["z"]),
    ]
