"""Writing to the terminal: stdout for data, stderr for people, cleaned of control characters."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from drafter.errors import DrafterError
from drafter.text import for_terminal


def color() -> bool | None:
    """False when NO_COLOR is set (https://no-color.org); otherwise let click decide."""
    return False if os.environ.get("NO_COLOR") else None


def err(message: str) -> None:
    """Print a line for people on stderr."""
    click.echo(message, err=True, color=color())


def out(text: str) -> None:
    """Print text for people: never anything that could drive a terminal (a shared title...)."""
    click.echo(for_terminal(text), color=color())


def out_data(text: str) -> None:
    """Print data (JSON, the draft): exact when piped, cleaned when a terminal shows it."""
    try:
        click.echo(for_terminal(text) if stdout_is_tty() else text, color=color())
    except OSError as exc:
        _not_written(exc)


def flush() -> None:
    """Flush standard output; DrafterError when it cannot take the text (a full disk)."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        _not_written(exc)


def _not_written(exc: OSError) -> NoReturn:
    import errno

    # What is still buffered could not be written: drop it, or exit would try again.
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        raise BrokenPipeError(*exc.args) from None  # the reader went away: nothing to say
    raise DrafterError(f"cannot write to standard output: {exc.strerror or exc}") from None


def stdout_is_tty() -> bool:
    """Whether standard output is an open terminal."""
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except ValueError:  # closed
        return False


def stderr_is_tty() -> bool:
    """Whether the notes for people reach a terminal."""
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except ValueError:  # closed
        return False


def stdin_is_tty() -> bool:
    """Whether someone can answer prompts: standard input is an open terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False
