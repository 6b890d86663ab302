"""Writing to the terminal: stdout for data, stderr for people, cleaned of control characters."""

from __future__ import annotations

import os
import sys

import click

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
    click.echo(for_terminal(text) if sys.stdout.isatty() else text, color=color())


def stdin_is_tty() -> bool:
    """Whether someone can answer prompts: standard input is an open terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False
