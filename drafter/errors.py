"""The exception hierarchy: every error a user can cause is a DrafterError.

The CLI turns these into one line on stderr (`drafter: error: ...`) and the
exit code each carries; nothing else catches them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class DrafterError(Exception):
    """Base of every expected failure; `exit_code` is what the CLI exits with."""

    exit_code = 1


class UsageError(DrafterError):
    """Bad input from the command line or a file the user named."""

    exit_code = 2


class PlaybookError(DrafterError):
    """A playbook or template is invalid; carries where."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
        yaml_path: Sequence[str | int] = (),
    ):
        self.message = message
        self.path = path
        self.line = line
        self.col = col  # 1-based, when known (for lint and editors)
        self.yaml_path = tuple(yaml_path)  # the node the problem is about, when known
        super().__init__(self.where() + message)

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


class AnswerError(UsageError):
    """An answer does not fit its field."""


class NeedsInputError(UsageError):
    """Required answers are missing and there is no terminal to ask them."""


class RenderError(DrafterError):
    """A template failed while rendering (sandbox violation, limit, undefined name)."""

    exit_code = 2


class Cancelled(DrafterError):
    """The user pressed Ctrl-C or Ctrl-D at a prompt."""

    exit_code = 130
