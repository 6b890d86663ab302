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


class InputFileError(UsageError):
    """A YAML file the user gave (answers, the profile) cannot be read; says where."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(_where(path, line) + message)


class PlaybookError(DrafterError):
    """A playbook or template is invalid; carries where, and which lint rule it breaks."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
        yaml_path: Sequence[str | int] = (),
        rule: str | None = None,
    ):
        self.message = message
        self.path = path
        self.line = line
        self.col = col  # 1-based, when known (for lint and editors)
        self.yaml_path = tuple(yaml_path)  # the node the problem is about, when known
        # The lint rule id ("yaml-syntax", "schema", ...) when the raiser knows it, so lint
        # reports the error under that rule without reading its message.
        self.rule = rule
        super().__init__(self.where() + message)

    def where(self) -> str:
        return _where(self.path, self.line)


def _where(path: Path | str | None, line: int | None) -> str:
    """The 'file:line: ' prefix of a message (or 'file: ', or nothing)."""
    if path is None:
        return ""
    return f"{path}:{line}: " if line else f"{path}: "


class NotFoundError(UsageError):
    """A playbook named on the command line is not there: `reason` says why.

    `ref` is the path as typed when the message starts with it; an id's reason names it.
    """

    def __init__(self, reason: str, ref: str | None = None):
        self.reason = reason
        self.ref = ref
        super().__init__(f"{ref}: {reason}" if ref else reason)


class AnswerError(UsageError):
    """An answer does not fit its field: `field` is its name, `reason` what is wrong."""

    def __init__(self, field: str, reason: str):
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class NeedsInputError(UsageError):
    """Required answers are missing and there is no one to ask: `missing` lists
    (field name, prompt) pairs."""

    def __init__(self, missing: Sequence[tuple[str, str]]):
        self.missing = list(missing)
        listed = "; ".join(f"{name} ({prompt})" for name, prompt in self.missing)
        super().__init__(f"missing required answers: {listed}")


class RenderError(DrafterError):
    """A template failed while rendering (sandbox violation, limit, undefined name)."""

    exit_code = 2


class Cancelled(DrafterError):
    """The user pressed Ctrl-C or Ctrl-D at a prompt."""

    exit_code = 130


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwind (so prompts restore the terminal), then exit 128+N.

    A KeyboardInterrupt, so that nothing on the way can swallow it: not an `except
    Exception`, and not asyncio, which logs and drops any other exception raised inside one
    of its callbacks (where a signal handler runs when it lands during a prompt's redraw;
    the prompt then stayed up until the terminal was gone). Catch it before any
    KeyboardInterrupt: it is not Ctrl-C.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
