"""drafter new, edit and schema: writing your own playbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter.authoring import SCHEMA_FILE
from drafter.cli import cli
from drafter.library import builtin


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, prog_name="drafter")


def test_new_writes_a_working_playbook_with_a_schema_line(drafter_home: Path) -> None:
    result = run("new", "referral-thanks")
    assert result.exit_code == 0, result.output
    path = drafter_home / "playbooks" / "referral-thanks.yaml"
    assert result.stdout == f"{path}\n"
    assert "Next: drafter edit referral-thanks" in result.stderr
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}"
    assert SCHEMA_FILE.is_file()
    drafted = run(
        "draft",
        "referral-thanks",
        "--set",
        "recipient_name=Maria Lopez",
        "--set",
        "detail=your talk",
    )
    assert drafted.exit_code == 0
    assert drafted.stdout.startswith(
        "Hi Maria,\n\nI wanted to say how much I appreciated your talk."
    )
    linted = run("lint", "referral-thanks")
    assert linted.exit_code == 0, linted.output
    assert linted.stdout == ""


def test_new_refuses_to_overwrite_and_bad_ids(drafter_home: Path) -> None:
    assert run("new", "mine").exit_code == 0
    path = drafter_home / "playbooks" / "mine.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    again = run("new", "mine")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")
    bad = run("new", "My Playbook")
    assert bad.exit_code == 2
    assert "not a valid playbook id" in bad.stderr


def test_new_from_copies_the_templates_and_drafts_the_same(drafter_home: Path) -> None:
    source = next(
        pid
        for pid in builtin().ids()
        if "template:" in builtin().path_of(pid).read_text(encoding="utf-8")
    )
    result = run("new", "my-copy", "--from", source)
    assert result.exit_code == 0, result.output
    text = (drafter_home / "playbooks" / "my-copy.yaml").read_text(encoding="utf-8")
    assert "template: my-copy/" in text
    assert list((drafter_home / "templates" / "my-copy").glob("*.j2"))
    original = run("show", source, "--format", "json")
    copy = run("show", "my-copy", "--format", "json")
    a, b = json.loads(original.stdout), json.loads(copy.stdout)
    assert a["fields"] == b["fields"] and a["variants"] == b["variants"]
    assert run("lint", "my-copy").exit_code == 0


@pytest.mark.parametrize(
    "pid",
    # intro-request, whose templates include a shared note, in the fast tier; all in CI.
    [
        pytest.param(p, marks=() if p == "intro-request" else pytest.mark.slow)
        for p in builtin().ids()
    ],
)
def test_every_builtin_copies_whole_and_drafts_the_same(pid: str, drafter_home: Path) -> None:
    """Copies carry the templates their templates include (intro-request shares a note)."""
    assert run("new", f"my-{pid}", "--from", pid).exit_code == 0
    assert run("lint", f"my-{pid}").stdout == ""
    for path in (drafter_home / "templates" / f"my-{pid}").glob("*.j2"):
        assert f"'{pid}/" not in path.read_text(encoding="utf-8").replace('"', "'")
    spec = builtin().path_of(pid)
    import yaml

    examples = yaml.safe_load(spec.read_text(encoding="utf-8"))["examples"]
    name, answers = next(iter(examples.items()))
    answers_file = drafter_home / f"{name}.yaml"
    answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
    variants = [
        v["name"] for v in json.loads(run("show", pid, "--format", "json").stdout)["variants"]
    ]
    for variant in variants:
        original = run("draft", pid, "--answers", str(answers_file), "--variant", variant)
        copy = run("draft", f"my-{pid}", "--answers", str(answers_file), "--variant", variant)
        assert original.exit_code == copy.exit_code == 0, copy.output
        assert copy.stdout == original.stdout


EDITOR = """\
import sys, pathlib
p = pathlib.Path(sys.argv[-1])
p.write_text(p.read_text(encoding="utf-8").replace("{old}", "{new}"), encoding="utf-8")
"""


def editor(tmp_path: Path, old: str, new: str) -> str:
    script = tmp_path / "fake_editor.py"
    script.write_text(EDITOR.format(old=old, new=new), encoding="utf-8")
    return f"{sys.executable} {script}"


def test_edit_opens_the_editor_then_lints(tmp_path: Path, drafter_home: Path) -> None:
    run("new", "mine")
    ok = run("edit", "mine", env={"EDITOR": editor(tmp_path, "title: Mine", "title: Edited")})
    assert ok.exit_code == 0, ok.output
    assert "title: Edited" in (drafter_home / "playbooks" / "mine.yaml").read_text(encoding="utf-8")
    assert "no problems found" in ok.stderr
    broken = run(
        "edit", "mine", env={"EDITOR": editor(tmp_path, "channel: linkedin-message", "chanel: x")}
    )
    assert broken.exit_code == 1
    assert "unknown key 'chanel'" in broken.stdout


def test_edit_copies_a_builtin_to_the_user_library_first(
    tmp_path: Path, drafter_home: Path
) -> None:
    pid = builtin().ids()[0]
    before = builtin().path_of(pid).read_text(encoding="utf-8")
    result = run("edit", pid, env={"EDITOR": editor(tmp_path, "title:", "title: My")})
    assert result.exit_code == 0, result.output
    assert "Copied the built-in playbook" in result.stderr
    assert builtin().path_of(pid).read_text(encoding="utf-8") == before
    assert "title: My" in (drafter_home / "playbooks" / f"{pid}.yaml").read_text(encoding="utf-8")


def test_edit_without_an_editor_is_a_clear_error(drafter_home: Path) -> None:
    run("new", "mine")
    result = run("edit", "mine", env={"EDITOR": "/nonexistent/editor", "VISUAL": ""})
    assert result.exit_code == 1
    assert result.stderr.startswith("drafter: error: ")
    assert "editor" in result.stderr.lower()


def test_schema_command_prints_the_shipped_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.mark.slow  # the fast tier lints each built-in in test_lint; this is the CLI's --strict
@pytest.mark.parametrize("pid", builtin().ids())
def test_builtins_lint_clean(pid: str) -> None:
    result = run("lint", pid, "--strict")
    assert result.exit_code == 0, result.output
