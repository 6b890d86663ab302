"""The README's promises: its two set-up commands, and its example playbook works as shown."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup, re.S)
    assert len(commands) == 2
    install, test = commands
    assert "pip install ." in install and install.rstrip().endswith("drafter")
    assert "[test]" in test and "pytest" in test
    assert "<!-- test-command -->\n```sh\n" + test in setup
    assert "test-command" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_example_playbook_lints_clean_and_drafts(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(# yaml-language-server.+?)```", README, re.S)
    assert block is not None
    (tmp_path / "playbooks").mkdir()
    path = tmp_path / "playbooks" / "referral-thanks.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    runner = CliRunner()
    linted = runner.invoke(cli, ["lint", "--strict", str(path)])
    assert linted.exit_code == 0, linted.output
    drafted = runner.invoke(
        cli,
        ["--library", str(tmp_path), "draft", "referral-thanks", "--set", "recipient_name=Dr. Priya Nair",
         "--set", "outcome=I got the job", "--set", "offer_what=an intro to our data team",
         "--set", "me.name=Ana Ruiz"],
    )  # fmt: skip
    assert drafted.exit_code == 0, drafted.output
    assert drafted.stdout == (
        "Hi Priya,\n\nThank you for the referral. I got the job.\n"
        "If an intro to our data team would help you, just say the word.\n\nAna\n"
    )


def test_the_python_example_runs_as_shown() -> None:
    """The README's "Use drafter from Python" block, run as it is."""
    import contextlib
    import io

    block = re.search(r"## Use drafter from Python.+?```python\n(.+?)```", README, re.S)
    assert block is not None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.group(1), "README.md", "exec"), {})  # noqa: S102 - the README's own code
    printed = out.getvalue()
    assert printed.startswith("Hi Sam,\n\nThanks for reaching out about outsourced SDRs.")
    assert "I don't have the budget for it, so I'll pass." in printed
    assert "\nAna\n" in printed


def test_the_public_api_is_listed_and_loads() -> None:
    import drafter

    for name in drafter.__all__:
        assert getattr(drafter, name) is not None, name
    assert callable(drafter.draft) and callable(drafter.load_playbook)
