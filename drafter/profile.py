"""The sender profile, and where drafter keeps its files.

`DRAFTER_HOME`, when set, holds everything (profile.yaml and the user library);
otherwise the platform's config directory does (platformdirs).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec

from drafter import lazyre, yamlio
from drafter.errors import DrafterError, InputFileError, UsageError
from drafter.output import write_atomic
from drafter.playbook import ME_KEYS, Me, suggest

PROFILE_FILE = "profile.yaml"
EMAIL_RE = lazyre.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Settings kept in the profile beside the sender's details (never part of `me`), with their
# defaults: `review: false` skips the review loop after an interactive draft; `history: off`
# keeps drafts out of the history; `note_budget` is how many personalised connection notes
# LinkedIn allows a month (None: LinkedIn's rule for the account, 5 free, no limit premium;
# "unlimited" is -1); `copied_is_sent: true` counts a copied note as sent.
SETTINGS: dict[str, Any] = {
    "review": True,
    "history": True,
    "note_budget": None,
    "copied_is_sent": False,
}
FREE_NOTES_A_MONTH = 5  # LinkedIn's limit for free accounts since 2023; it may change
UNLIMITED = -1
_YES, _NO = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


def home() -> Path:
    """drafter's own folder: `$DRAFTER_HOME`, else the user config dir."""
    env = os.environ.get("DRAFTER_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when needed: most runs set DRAFTER_HOME or never ask

    return Path(platformdirs.user_config_dir("drafter", appauthor=False))


def profile_path() -> Path:
    """Where the profile is kept (it may not exist yet)."""
    return home() / PROFILE_FILE


class SavedProfile(msgspec.Struct, frozen=True):
    """What save_profile did: where it wrote, and the unreadable file it set aside, if any.

    It prints as its path.
    """

    path: Path
    backup: Path | None = None
    problem: str | None = None  # why the old profile could not be read

    @property
    def note(self) -> str | None:
        """For people, when the old profile was set aside; None otherwise."""
        if self.backup is None:
            return None
        return (
            f"{self.problem}; started from an empty profile and kept the old file as {self.backup}"
        )

    def __str__(self) -> str:
        return str(self.path)


def load() -> tuple[dict[str, str], dict[str, Any]]:
    """The saved sender (every `me` key, "" when unset) and settings (defaults filled in),
    from one reading of the profile."""
    path = _profile_file()
    data = _read(path)
    if data is None:
        return _empty(), dict(SETTINGS)
    me, settings = _parse(data, path)
    return me, {**SETTINGS, **settings}


def load_profile() -> dict[str, str]:
    """The saved profile as a dict of every `me` key ("" when unset)."""
    return load()[0]


def load_settings() -> dict[str, Any]:
    """The profile's settings (SETTINGS' keys): as saved, else their defaults."""
    return load()[1]


def save_profile(values: Mapping[str, str]) -> SavedProfile:
    """Merge `values` into the saved profile and write it atomically.

    Concurrent saves are serialised by a lock file next to the profile, so none is lost.
    A profile that cannot be read is set aside as `profile.yaml.broken` and the values are
    saved into an empty one; the returned SavedProfile's `note` says so.
    """
    import yaml

    path = _profile_file()
    target = path.resolve() if path.is_symlink() else path  # keep a link into dotfiles a link
    given, setting = _split_settings(values)
    with _locked(path):
        data = _read(target)
        current, problem = _empty(), None
        settings: dict[str, Any] = {}
        if data is not None:
            try:
                current, settings = _parse(data, path)
            except UsageError as exc:  # the content, not the reading: repairable
                problem = str(exc)
        checked = validate_me({**current, **given})
        keep: dict[str, Any] = {
            k: v for k, v in checked.items() if v and not (k == "linkedin_account" and v == "free")
        }
        keep.update(
            (k, "unlimited" if k == "note_budget" and v == UNLIMITED else v)
            for k, v in {**settings, **setting}.items()
            if v != SETTINGS[k]
        )
        text = "# drafter sender profile: `drafter profile set KEY=VALUE` edits it\n"
        text += yaml.safe_dump(keep, sort_keys=False, allow_unicode=True) if keep else ""
        backup = None
        if problem is not None and data is not None:
            backup = path.with_name(f"{path.name}.broken")
            write_atomic(backup, data, force=True)
        write_atomic(target, text, force=True)
    return SavedProfile(path, backup, problem)


def validate_me(data: Any, source: Path | str | None = None) -> dict[str, str]:
    """Check a `me` mapping (profile or answers) and fill every key."""
    where = f"{source}: " if source else ""
    if not isinstance(data, dict):
        raise UsageError(f"{where}'me' must be a mapping of {', '.join(ME_KEYS)}")
    clean: dict[str, str] = {}
    for key, value in data.items():
        if key not in ME_KEYS:
            raise UsageError(
                f"{where}unknown profile key {key!r}{suggest(str(key), ME_KEYS)}; "
                f"keys: {', '.join(ME_KEYS)}"
            )
        clean[key] = _text(key, value, where)
    try:
        me = msgspec.convert(clean, Me)
    except msgspec.ValidationError as exc:
        msg = str(exc).replace("`", "").replace(" - at $.", ": ")
        if "linkedin_account" in msg:
            msg = "linkedin_account: must be 'free' or 'premium'"
        raise UsageError(f"{where}{msg}") from None
    if me.email and not EMAIL_RE.match(me.email):
        raise UsageError(f"{where}email: {me.email!r} is not an email address")
    return dict(msgspec.structs.asdict(me))


# What YAML can build that is not text, as people would call it.
_NOT_TEXT: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true/false"),
    ((bytes, bytearray), "binary data"),
    ((set, frozenset), "a set"),
    ((list, tuple), "a list"),
    (dict, "a mapping"),
)


def _text(key: str, value: Any, where: str) -> str:
    """A profile value as text: scalars (numbers, dates) as written; anything else refused."""
    if value is None:
        return ""
    for kind, name in _NOT_TEXT:
        if isinstance(value, kind):
            raise UsageError(f"{where}{key}: expected text, got {name}")
    if not isinstance(value, (str, int, float, datetime.date)):
        raise UsageError(f"{where}{key}: expected text, got {type(value).__name__}")
    text = str(value).strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: how Python decodes argv bytes that are not UTF-8
        raise UsageError(f"{where}{key}: '{_shown(text)}' is not valid UTF-8 text") from None
    return text


def _shown(text: str) -> str:
    """Text with lone surrogates shown as the bytes they stand for (\\xe9), else as \\udXXX."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _empty() -> dict[str, str]:
    return dict(msgspec.structs.asdict(Me()))


def _profile_file() -> Path:
    """profile_path(), once drafter's folder is known not to be a file."""
    folder = home()
    if os.path.exists(folder) and not folder.is_dir():
        named = f"DRAFTER_HOME ({folder})" if os.environ.get("DRAFTER_HOME") else str(folder)
        what = "is a file, not a folder" if folder.is_file() else "is not a folder"
        raise UsageError(f"{named} {what}")
    return folder / PROFILE_FILE


def _read(path: Path) -> bytes | None:
    """The profile's bytes (at most one over the size limit), or None when there is none."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputFileError("is a directory, not a file", path)
        if not stat.S_ISREG(mode):  # a FIFO would block the read forever
            raise InputFileError("is not a regular file", path)
        with path.open("rb") as fh:
            return fh.read(yamlio.MAX_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror or exc}", path) from None


def _parse(data: bytes, path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    """The sender and the settings saved in `data`; UsageError naming `path` when invalid."""
    text = yamlio.decode(data, path, InputFileError)
    me, settings = _split_settings(yamlio.load(text, path, InputFileError) or {}, path)
    return validate_me(me, path), settings


def _split_settings(data: Any, source: Path | None = None) -> tuple[Any, dict[str, Any]]:
    """`data` without SETTINGS' keys, and those given in it, each checked."""
    if not isinstance(data, Mapping):
        return data, {}  # validate_me says what is wrong
    where = f"{source}: " if source else ""
    settings: dict[str, Any] = {}
    for key in SETTINGS.keys() & data.keys():
        value = data[key]
        word = str(value).strip().lower() if isinstance(value, str | int) else None
        if word == "" or value is None:  # `profile set history=`: back to the default
            settings[key] = SETTINGS[key]
        elif key == "note_budget":
            settings[key] = _note_budget(value, word, where)
        elif isinstance(value, bool) or word in _YES or word in _NO:
            settings[key] = value if isinstance(value, bool) else word in _YES
        else:
            raise UsageError(f"{where}{key}: expected true or false, got {_shown(str(value))!r}")
    return {k: v for k, v in data.items() if k not in SETTINGS}, settings


def _note_budget(value: Any, word: str | None, where: str) -> int:
    if word in ("unlimited", "none", "no limit"):
        return UNLIMITED
    if not isinstance(value, bool) and word is not None and word.isdigit() and int(word) < 10_000:
        return int(word)
    raise UsageError(
        f"{where}note_budget: expected a number of notes a month or 'unlimited', "
        f"got {_shown(str(value))!r}"
    )


def note_budget(settings: Mapping[str, Any], me: Mapping[str, Any]) -> int | None:
    """Personalised connection notes allowed a month; None for no limit."""
    budget = settings.get("note_budget")
    if budget is None:
        return None if me.get("linkedin_account") == "premium" else FREE_NOTES_A_MONTH
    return None if budget == UNLIMITED else int(budget)


def _make_folder(folder: Path) -> None:
    """Create drafter's folder (and its parents) if need be; DrafterError saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), None)
        why = f"{blocker} is not a folder" if blocker else exc.strerror or str(exc)
        raise DrafterError(f"{folder}: cannot create the folder: {why}") from None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path`.lock while a read-modify-write runs."""
    lock = path.with_name(f"{path.name}.lock")
    _make_folder(path.parent)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise DrafterError(f"{lock}: cannot lock: {exc.strerror or exc}") from None
    try:
        _lock(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # gives up after 10 s: keep waiting
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
