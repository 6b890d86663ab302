"""Emitting a draft: text or JSON, the clipboard, and atomic file writes."""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from drafter import channels
from drafter.errors import DrafterError, UsageError

if TYPE_CHECKING:
    from drafter.checks import CheckResult
    from drafter.render import Draft


def as_json(
    draft: Draft, results: Sequence[CheckResult], answers: Mapping[str, Any] | None = None
) -> str:
    """The draft and its checks as one JSON object (a public, stable shape)."""
    obj: dict[str, Any] = {
        "playbook": draft.playbook,
        "variant": draft.variant,
        "channel": draft.channel,
        "subject": draft.subject,
        "body": draft.body,
        "to": list(draft.to),
        "chars": channels.count_chars(draft.body),
        "words": channels.count_words(draft.body),
        "limit": draft.limits.body,
        "checks": [
            {"id": r.id, "ok": r.ok, "message": r.message, "fix": r.fix, "field": r.field}
            for r in results
        ],
        "answers": dict(answers or {}),
    }
    return json.dumps(obj, ensure_ascii=False, indent=2)


def render_output(
    draft: Draft,
    results: Sequence[CheckResult],
    fmt: str,
    answers: Mapping[str, Any] | None = None,
) -> str:
    """What `draft` prints on stdout (or writes to --output) in format `fmt`."""
    return as_json(draft, results, answers) if fmt == "json" else draft.text()


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` all at once: a reader sees the old file or the new, never half.

    Refuses to replace an existing file unless `force`.
    """
    if path.is_dir():
        raise UsageError(f"{path}: is a directory")
    if path.exists() and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DrafterError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if not force and path.exists():  # appeared while we wrote: still do not clobber it
            raise UsageError(f"{path}: already exists (use --force to overwrite)")
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DrafterError(f"{path}: cannot write: {exc.strerror}") from None
        raise


def copy_to_clipboard(text: str, tty: IO[str] | None) -> str:
    """Put `text` on the clipboard; returns how. Falls back to OSC 52 on a terminal.

    Raises DrafterError when there is no way to reach a clipboard.
    """
    import pyperclip  # type: ignore[import-untyped]  # only when copying

    try:
        pyperclip.copy(text)
        return "clipboard"
    except pyperclip.PyperclipException:
        pass
    if tty is not None:
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        tty.write(f"\x1b]52;c;{payload}\x07")
        tty.flush()
        return "terminal clipboard (OSC 52)"
    raise DrafterError(
        "no clipboard found (install xclip, xsel or wl-clipboard, or run in a terminal "
        "that supports OSC 52); the draft was printed instead"
    )
