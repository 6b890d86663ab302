"""What `list`, the picker and completion show of each playbook, kept between runs.

A library of thousands of playbooks would otherwise be read and validated whole on every
`drafter list`. The index keeps, per playbook file, its title, summary, channel and group
(or why it does not load), keyed by the file's size, modification and change times and
inode; only new or changed files are read again. One index a library folder, in the cache
folder (`cache.py`), named by the folder and drafter's own model (a new drafter, or an
edit to its playbook model, starts a new index).

Never stale: a file whose modification time is within `RACY_SECONDS` of when the index was
written may have been changed again in the same clock tick, with the same size (git calls
these "racily clean"); its content hash decides. A damaged or foreign index is rebuilt,
never trusted; processes that share one at most redo each other's work.

Checked later, when there are many: a file read for the first time (or changed) is loaded
and validated whole until `CHECK_SECONDS` after the listing began; after that, new files are
listed from their first lines alone (`yamlio.head`: title, summary, channel and group, typed
as the model types them) and kept as not yet checked. Later runs check those in the time
they have left, so a mistake further down such a file is reported by a later `list`
(`draft`, `show` and `lint` always load a playbook whole). A file whose first lines do not
give all that cheaply is loaded whole at once, whatever the time.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache as once
from pathlib import Path
from typing import Any

import msgspec

from drafter import cache, yamlio
from drafter import playbook as pbmod
from drafter.errors import PlaybookError

RACY_SECONDS = 3
# What one listing may spend validating files whole before it lists the rest of the new ones
# from their first lines: about 1,200 playbooks on a busy 2-core machine (see the README).
CHECK_SECONDS = 1.0


class Summary(msgspec.Struct, frozen=True):
    """A playbook as listings show it."""

    id: str
    title: str
    summary: str
    channel: str
    group: str | None


_Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Load = Callable[[str], Any]  # id -> Playbook, or raises PlaybookError
Peek = Callable[[str, bytes], "Summary | None"]  # id, the file's bytes -> from its first lines


class _Item(msgspec.Struct, array_like=True, frozen=True):
    stamp: tuple[int, int, int, int]
    sha: str
    title: str = ""
    summary: str = ""
    channel: str = ""
    group: str | None = None
    error: str | None = None  # why it does not load: the message, then where
    line: int | None = None
    col: int | None = None
    rule: str | None = None
    checked: bool = True  # False: read from its first lines only (`peek`), not yet validated


class _Index(msgspec.Struct, array_like=True):
    written_ns: int
    items: dict[str, _Item]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Index)


def _key(folder: Path) -> str | None:
    model = pbmod.model_stamp()  # the model and rules a validation depended on
    if model is None:
        return None
    # Where the folder is and where it leads: a folder replaced by a link is another index.
    where = f"{os.path.abspath(folder)}\0{os.path.realpath(folder)}"
    raw = f"{model}\0{where}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def _read(key: str) -> _Index | None:
    data = cache.load("index", key)
    if not isinstance(data, bytes):
        return None
    try:
        return _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # damaged or foreign: rebuilt


def _stamp(st: os.stat_result) -> _Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def summarize(
    folder: Path,
    ids: Iterable[str],
    load: Load,
    peek: Peek | None = None,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, Summary | PlaybookError]:
    """Each id's Summary (or its PlaybookError), from the index where it is current;
    `load(playbook_id)` loads and validates one that is not (and may raise PlaybookError).

    With `peek` and a `deadline` (on `clock`): once the clock has passed the deadline, a new
    or changed file is summarised by `peek(playbook_id, its bytes)` where that gives a
    Summary, and validated by a later call; ones left so by earlier calls are validated
    while there is time, after the new ones."""
    key = _key(folder)
    old = _read(key) if key else None
    now_ns = time.time_ns()
    racy_after = (old.written_ns if old else 0) - RACY_SECONDS * 1_000_000_000
    items: dict[str, _Item] = {}
    found: dict[str, Summary | PlaybookError] = {}
    unchecked: list[str] = []
    reread = False
    known = old.items if old else {}
    where, stat = f"{os.fspath(folder)}{os.sep}", os.stat  # 5,000 times: no Path, no lookups
    for pid in ids:
        name = f"{pid}.yaml"
        item = known.get(name)
        try:
            stamp = _stamp(stat(f"{where}{name}"))
        except OSError:
            stamp = None
        if item is None or stamp is None or item.stamp != stamp or stamp[1] >= racy_after:
            reread = True
            late = peek is not None and deadline is not None and clock() >= deadline
            path = folder / name
            item = _fresh(pid, path, stamp, item, load, peek if late else None) if stamp else None
        if item is None:  # cannot be read: said by loading it, and not kept
            found[pid] = _load(pid, load)
            continue
        items[name] = item
        if not item.checked:
            unchecked.append(pid)
        if item.error is None:  # the common case, without a Path
            found[pid] = Summary(pid, item.title, item.summary, item.channel, item.group)
        else:
            found[pid] = _summary(pid, item, folder / name)
    for pid in unchecked:  # validated now, in the time left
        if deadline is not None and clock() >= deadline:
            break
        name = f"{pid}.yaml"
        item = _checked(pid, items[name], load)
        items[name] = item
        found[pid] = _summary(pid, item, folder / name)
        reread = True
    # Nothing read again: every item came from the index, so the same count is the same set.
    if key and (reread or old is None or len(old.items) != len(items)):
        cache.keep("index", key, _ENCODER.encode(_Index(now_ns, items)))
    return found


def _fresh(
    pid: str, path: Path, stamp: _Stamp, old: _Item | None, load: Load, peek: Peek | None
) -> _Item | None:
    """The item for a file not known, changed, or racily clean: by its content hash."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    sha = _sha(data)
    if old is not None and old.sha == sha:
        return msgspec.structs.replace(old, stamp=stamp)
    seen = peek(pid, data) if peek is not None else None
    if seen is not None:
        return _Item(stamp, sha, seen.title, seen.summary, seen.channel, seen.group,
                     checked=False)  # fmt: skip
    return _checked(pid, _Item(stamp, sha), load)


def _checked(pid: str, item: _Item, load: Load) -> _Item:
    """`item` (its stamp and hash) with what loading and validating its file gives."""
    result = _load(pid, load)
    if isinstance(result, PlaybookError):
        return _Item(item.stamp, item.sha, error=result.message, line=result.line,
                     col=result.col, rule=result.rule)  # fmt: skip
    return _Item(item.stamp, item.sha, result.title, result.summary, result.channel, result.group)


def _load(pid: str, load: Load) -> Summary | PlaybookError:
    try:
        pb = load(pid)
    except PlaybookError as exc:
        return exc
    spec = pb.spec
    return Summary(pid, spec.title, spec.summary, spec.channel, spec.group)


def _summary(pid: str, item: _Item, path: Path) -> Summary | PlaybookError:
    if item.error is not None:
        return PlaybookError(item.error, path, item.line, item.col, rule=item.rule)
    return Summary(pid, item.title, item.summary, item.channel, item.group)


_LISTED = ("title", "summary", "channel", "group")


@once
def _listed_type() -> type[msgspec.Struct]:
    """The model's own types and defaults for what listings show (so they cannot drift)."""
    fields = {f.name: f for f in msgspec.structs.fields(pbmod.PlaybookSpec)}
    spec = [
        (name, fields[name].type)
        if fields[name].required
        else (name, fields[name].type, fields[name].default)
        for name in _LISTED
    ]
    return msgspec.defstruct("Listed", spec, kw_only=True)


def peek(pid: str, data: bytes, path: Path | str = "") -> Summary | None:
    """A playbook's Summary from the first lines of its file, typed as the model types them;
    None when they do not give it (`yamlio.head`), or give it wrong: validation will say."""
    try:
        text = yamlio.decode(data, path)
    except PlaybookError:
        return None
    got = yamlio.head(text, _LISTED)
    if got is None:
        return None
    try:
        seen: Any = msgspec.convert(got, _listed_type())
    except msgspec.ValidationError:
        return None
    return Summary(pid, seen.title, seen.summary, seen.channel, seen.group)


def summaries_of(
    entries: Sequence[Any],
    check_seconds: float | None = CHECK_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> list[Summary | PlaybookError]:
    """Summaries for library entries (library.Entry), in their order, a library at a time;
    validating new files for at most `check_seconds` in all (None: every one, now)."""
    # Entries of one library share its object, which is cheaper to tell by identity than to
    # hash (its Path) 5,000 times; equal ones (one folder) still share one index.
    by_lib: dict[Any, list[int]] = {}
    same: dict[int, list[int]] = {}
    for i, e in enumerate(entries):
        where = same.get(id(e.library))
        if where is None:
            where = same[id(e.library)] = by_lib.setdefault(e.library, [])
        where.append(i)
    deadline = None if check_seconds is None else clock() + check_seconds
    results: dict[int, Summary | PlaybookError] = {}
    for lib, places in by_lib.items():

        def load(pid: str, lib: Any = lib) -> Any:
            path = lib.path_of(pid)
            lib.check(path)
            # Not through the playbook cache: thousands, each kept once; the index is theirs.
            return pbmod.parse(yamlio.read_text(path), path, lib)

        def peek_at(pid: str, data: bytes, lib: Any = lib) -> Summary | None:
            path = lib.path_of(pid)
            return None if lib.escape(path) is not None else peek(pid, data, path)

        ids = [entries[i].id for i in places]
        found = summarize(lib.playbooks_dir, ids, load, peek_at, deadline, clock)
        for i, pid in zip(places, ids, strict=True):
            results[i] = found[pid]
    return [results[i] for i in range(len(entries))]
