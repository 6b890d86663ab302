"""Start-up: how drafter's own process treats the garbage collector (see benchmarks/README.md).
What a draft imports is tested with the commands (test_cli.py)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from terminals import INTERACTIVE, spawner

PLAYBOOK = """\
title: Hello
summary: A hello.
channel: email
fields:
  - {name: first_name, prompt: Their first name?, type: name, required: true}
variants:
  - {name: warm, text: "Hi {{ first_name }}."}
"""
HELLO = ["draft", "hello", "--no-input", "--set", "first_name=Elena"]


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "hello.yaml").write_text(PLAYBOOK, encoding="utf-8")
    return root


def _run(code: str, lib: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code, "--library", str(lib), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


# At exit: whether objects were frozen out of the collector's reach, and whether it runs.
AT_EXIT = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print(gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr))\n"
    "sys.argv[0] = 'drafter'\n"
)


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("args", [HELLO, []], ids=["a command", "no command"])
def test_drafters_own_process_freezes_what_start_up_made(lib: Path, args: list[str]) -> None:
    # As the console script and python -m run it. Start-up pauses the collector; it runs
    # again once the command's module is imported (without a terminal and a command: the
    # help, which imports every command's).
    proc = _run(AT_EXIT + "from drafter.cli import main\nmain()\n", lib, *args)
    assert proc.stdout.startswith("Hi Elena.\n" if args else "Usage: drafter")  # all there
    assert proc.stderr.splitlines()[-1] == "True True"


@pytest.mark.slow  # a real process
def test_run_inside_another_program_drafter_leaves_the_collector_alone(lib: Path) -> None:
    # cli() as click's test runner or a host program calls it: their process, their collector.
    script = AT_EXIT + "from drafter.cli import cli\ncli(sys.argv[1:], standalone_mode=False)\n"
    proc = _run(script, lib, *HELLO)
    assert proc.stdout == "Hi Elena.\n"
    assert proc.stderr.splitlines()[-1] == "False True"


@pytest.mark.slow  # a real terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_guided_flow_asks_with_the_collector_running(tmp_path: Path) -> None:
    # No command at a terminal: no command module to import, so the guided flow itself turns
    # the collector back on (prompting makes garbage for as long as a person takes).
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(DRAFTER_PATH=str(INTERACTIVE), NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    script = AT_EXIT + "from drafter.cli import main\nmain()\n"
    with spawner(env, tmp_path) as spawn:
        session = spawn(shell=f"exec {shlex.quote(sys.executable)} -c {shlex.quote(script)}")
        session.answer("What do you want to write?", "\x03")  # Ctrl-C
        assert session.finish() == 130
    assert session.transcript.splitlines()[-1] == "True True"
