"""Start-up: what a non-interactive draft imports, and how drafter's own process treats the
garbage collector (see benchmarks/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


# At exit: whether objects were frozen out of the collector's reach, and whether it still runs.
AT_EXIT = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print(gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr))\n"
    "from drafter.cli import cli, main\n"
    "sys.argv[0] = 'drafter'\n"
)


@pytest.mark.slow  # a real process
def test_drafters_own_process_freezes_what_is_left_at_exit(lib: Path) -> None:
    proc = _run(AT_EXIT + "main()\n", lib, *HELLO)  # as the console script and -m run it
    assert proc.stdout == "Hi Elena.\n"  # frozen or not, the output is all there
    assert proc.stderr.splitlines()[-1] == "True True"


@pytest.mark.slow  # a real process
def test_run_inside_another_program_drafter_leaves_the_collector_alone(lib: Path) -> None:
    # cli() as click's test runner or a host program calls it: their process, their collector.
    proc = _run(AT_EXIT + "cli(sys.argv[1:], standalone_mode=False)\n", lib, *HELLO)
    assert proc.stdout == "Hi Elena.\n"
    assert proc.stderr.splitlines()[-1] == "False True"
