"""Emitting a draft: text, JSON or an .eml, the clipboard, and atomic file writes."""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from drafter import channels
from drafter.errors import DrafterError, UsageError

if TYPE_CHECKING:
    from drafter.checks import CheckResult
    from drafter.render import Draft


def as_json(
    draft: Draft,
    results: Sequence[CheckResult],
    answers: Mapping[str, Any] | None = None,
    history_id: int | None = None,
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
    if history_id is not None:
        obj["history_id"] = history_id
    return json.dumps(obj, ensure_ascii=False, indent=2)


def render_output(
    draft: Draft,
    results: Sequence[CheckResult],
    fmt: str,
    answers: Mapping[str, Any] | None = None,
    history_id: int | None = None,
    me: Mapping[str, Any] | None = None,
) -> str:
    """What `draft` prints on stdout (or writes to --output) in format `fmt`.

    "eml" is the whole message, CRLF line ends included, to be written as it is (no newline
    added); `me` gives its From.
    """
    if fmt == "eml":
        from drafter import mail

        return mail.eml_bytes(draft, me or {}).decode("utf-8")
    return as_json(draft, results, answers, history_id) if fmt == "json" else draft.text()


def write_atomic(path: Path, data: str | bytes, force: bool = False, private: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path` all at once: readers see the old file or the new.

    Only regular files are written: a link, device, FIFO, socket or folder at `path` is
    refused, with `force` too, which only allows replacing an existing regular file (keeping
    its mode). A new file's mode follows the umask; with `private` (personal data about
    other people) it is readable by its owner alone. A failed write leaves no temporary file
    and none of the folders it created; it raises a DrafterError naming `path`.
    """
    old = _regular_or_none(path)
    if old is not None and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite)")
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError:  # lone surrogates: argv bytes that were not UTF-8
        raise UsageError(f"{path}: cannot write: the text is not valid UTF-8") from None
    created: list[Path] = []
    tmp: Path | None = None
    try:
        created = _make_folders(path, path.parent)
        fd, tmp = _create_temp(path, 0o600 if private else 0o666)
        with os.fdopen(fd, "wb") as fh:
            if old is not None:
                _keep_mode(tmp, old)
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        _place(tmp, path, force)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        _remove_folders(created)
        if isinstance(exc, OSError):
            raise DrafterError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


_NOT_REGULAR = (
    (stat.S_ISLNK, "is a symbolic link"),
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISCHR, "is a device"),
    (stat.S_ISBLK, "is a device"),
    (stat.S_ISFIFO, "is a FIFO"),
    (stat.S_ISSOCK, "is a socket"),
)


def _regular_or_none(path: Path) -> os.stat_result | None:
    """The status of the regular file at `path`, None when nothing is there; else UsageError."""
    try:
        st = os.lstat(path)  # lstat: a link is refused, not followed
    except (FileNotFoundError, NotADirectoryError):
        return None  # (a file where a folder should be is reported when making folders)
    except OSError as exc:
        raise DrafterError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISREG(st.st_mode):
        return st
    what = next((what for test, what in _NOT_REGULAR if test(st.st_mode)), "is something")
    raise UsageError(f"{path}: {what}, not a regular file")


def _make_folders(path: Path, folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; returns the ones it created, outermost first."""
    missing: list[Path] = []
    while not folder.is_dir():
        if os.path.lexists(folder):
            raise DrafterError(f"{path}: cannot write: {folder} is not a folder")
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    created: list[Path] = []
    try:
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:
                if not each.is_dir():
                    raise
                continue  # another process made it meanwhile: it is theirs to keep
            created.append(each)
    except BaseException:
        _remove_folders(created)
        raise
    return created


def _remove_folders(created: list[Path]) -> None:
    """Remove folders `_make_folders` created, innermost first, while they are empty."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            return  # something else was put there meanwhile: leave it, and its parents


def _create_temp(path: Path, mode: int = 0o666) -> tuple[int, Path]:
    """A new, empty temporary file next to `path`, created with `mode` less the umask.

    Not tempfile.mkstemp: it always creates mode 0600, and reading the umask to correct
    that is not thread-safe; letting the OS apply it is.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def _keep_mode(tmp: Path, old: os.stat_result) -> None:
    """Give the new file the permissions (and, where allowed, the owner) of the one it replaces."""
    os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777)
    if sys.platform != "win32" and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):  # only root may give files away
            os.chown(tmp, old.st_uid, old.st_gid)


def _place(tmp: Path, path: Path, force: bool) -> None:
    """Move the written temporary file to `path`."""
    if force:
        _regular_or_none(path)  # a link or device put there while we wrote is still refused
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # unlike a rename, fails when `path` exists, even if it just appeared
    except FileExistsError:
        raise UsageError(f"{path}: already exists (use --force to overwrite)") from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise UsageError(f"{path}: already exists (use --force to overwrite)") from None
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):
        tmp.unlink()


class Copied(NamedTuple):
    """Where a copy went. `how`: "clipboard" (a clipboard tool, through pyperclip), "osc52",
    "osc52-tmux" or "osc52-screen" (a request to the terminal). `confirmed` only when the
    clipboard was read back and held the text: an OSC 52 request never is."""

    how: str
    confirmed: bool


# GNU screen keeps a control string in a fixed buffer (768 bytes in screen 4, its MAXSTR):
# longer ones are cut, so the sequence goes through in passthrough pieces of at most this.
SCREEN_CHUNK = 768


def osc52(text: str, env: Mapping[str, str]) -> tuple[str, str]:
    """The OSC 52 request that asks the terminal to put `text` on its clipboard, wrapped for
    tmux or GNU screen when `env` says drafter runs inside one; and its `how`."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    seq = f"\x1b]52;c;{payload}\x07"
    if env.get("TMUX"):
        # tmux keeps a bare OSC 52 for itself (and passes it on) with `set-clipboard on`;
        # a DCS passthrough (ESC P tmux; ... ESC \, every ESC inside doubled) reaches the
        # outer terminal with `allow-passthrough on`. Either setting is enough: send both.
        return seq + "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\", "osc52-tmux"
    if env.get("STY") or env.get("TERM", "").startswith("screen"):
        # Each piece in its own DCS (ESC P ... ESC \): screen hands the insides to the outer
        # terminal, which sees the OSC 52 sequence whole.
        pieces = [seq[i : i + SCREEN_CHUNK] for i in range(0, len(seq), SCREEN_CHUNK)]
        return "".join(f"\x1bP{piece}\x1b\\" for piece in pieces), "osc52-screen"
    return seq, "osc52"


def copy_to_clipboard(
    text: str, tty: IO[str] | None, env: Mapping[str, str] | None = None
) -> Copied:
    """Put `text` on the clipboard, or ask the terminal `tty` to (OSC 52); says how it went.

    A clipboard tool (through pyperclip) counts as confirmed only when reading the clipboard
    back gives `text` (pyperclip does not check that xclip, say, reached a display). Raises
    DrafterError when there is no way to reach a clipboard.
    """
    import pyperclip  # only when copying

    handed = False
    try:
        pyperclip.copy(text)
        handed = True
        if _same(pyperclip.paste(), text):
            return Copied("clipboard", confirmed=True)
    except (pyperclip.PyperclipException, OSError):
        pass
    if tty is not None:
        sequence, how = osc52(text, os.environ if env is None else env)
        tty.write(sequence)
        tty.flush()
        return Copied(how, confirmed=False)
    if handed:
        return Copied("clipboard", confirmed=False)
    raise DrafterError(
        "no clipboard found (install xclip, xsel or wl-clipboard, or run in a terminal "
        "that supports OSC 52); the draft was printed instead"
    )


def _same(pasted: object, text: str) -> bool:
    """Whether the clipboard read back holds `text` (tools may change line ends, or add one)."""
    if not isinstance(pasted, str):
        return False
    return pasted.replace("\r\n", "\n").rstrip("\n") == text.replace("\r\n", "\n").rstrip("\n")
