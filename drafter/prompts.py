"""Turning fields into questionary prompts. The only module that imports questionary.

Imported only when drafter actually prompts: questionary and prompt_toolkit
are the heaviest imports drafter has. Every prompt uses `unsafe_ask()` so
Ctrl-C and Ctrl-D reach the CLI, which reports "Cancelled." and exits 130.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit.output import Output

from drafter.answers import validate
from drafter.errors import AnswerError
from drafter.playbook import Field


def _output() -> Output | None:
    """Draw prompts on stderr when stdout is redirected, so the draft alone goes down the pipe."""
    if sys.stdout.isatty() or not sys.stderr.isatty():
        return None
    from prompt_toolkit.output import create_output

    return create_output(stdout=sys.stderr)


def _kwargs() -> dict[str, Any]:
    out = _output()
    return {"output": out} if out is not None else {}


def _validator(field: Field) -> Any:
    def check(raw: Any) -> bool | str:
        try:
            validate(field, raw)
        except AnswerError as exc:
            return str(exc).split(": ", 1)[-1]
        return True

    return check


def _instruction(field: Field) -> str | None:
    parts = []
    if field.help:
        parts.append(field.help)
    if field.example:
        parts.append(f"e.g. {field.example}")
    if not field.required and field.type in ("text", "multiline", "email", "url", "number"):
        parts.append("optional, Enter to skip")
    return f"({'; '.join(parts)})" if parts else None


def ask(field: Field, default: Any, context: Mapping[str, Any]) -> Any:
    """Ask for one field's answer; re-asks with the reason until it is valid."""
    kw = _kwargs()
    message = field.prompt.rstrip()
    if field.type == "choice":
        choices = [questionary.Choice(title=c.title, value=c.value) for c in field.choices]
        start = default if default in field.choice_values() else None
        answer = questionary.select(message, choices=choices, default=start, **kw).unsafe_ask()
        return validate(field, answer)
    if field.type == "multichoice":
        picked = set(default or [])
        choices = [
            questionary.Choice(title=c.title, value=c.value, checked=c.value in picked)
            for c in field.choices
        ]
        answer = questionary.checkbox(
            message, choices=choices, validate=_validator(field), **kw
        ).unsafe_ask()
        return validate(field, answer)
    if field.type == "confirm":
        answer = questionary.confirm(message, default=bool(default) if default is not None else True, **kw).unsafe_ask()
        return bool(answer)
    text_default = "" if default is None else str(default)
    answer = questionary.text(
        message,
        default=text_default,
        validate=_validator(field),
        multiline=field.type == "multiline",
        instruction=_instruction(field),
        **kw,
    ).unsafe_ask()
    return validate(field, answer)


def pick(message: str, items: Sequence[tuple[str, str, str]]) -> str:
    """Choose one of `items` (value, title, description)."""
    choices = [questionary.Choice(title=title, value=value, description=desc or None) for value, title, desc in items]
    return str(questionary.select(message, choices=choices, **_kwargs()).unsafe_ask())


def text(message: str, required: bool = True, instruction: str | None = None) -> str:
    """Ask for a line of text."""

    def check(raw: str) -> bool | str:
        return bool(raw.strip()) or not required or "an answer is required"

    return str(
        questionary.text(message, validate=check, instruction=instruction, **_kwargs()).unsafe_ask()
    ).strip()


def confirm(message: str, default: bool = True) -> bool:
    return bool(questionary.confirm(message, default=default, **_kwargs()).unsafe_ask())
