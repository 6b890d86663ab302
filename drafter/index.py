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
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
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


class Summary(msgspec.Struct, frozen=True, gc=False):  # no cycles: strings only
    """A playbook as listings show it."""

    id: str
    title: str
    summary: str
    channel: str
    group: str | None


Load = Callable[[str], Any]  # id -> Playbook, or raises PlaybookError
Peek = Callable[[str, bytes], "Summary | None"]  # id, the file's bytes -> from its first lines

# A file's stamp: size, modification and change times (ns), inode, packed.
_STAMP = struct.Struct("<qqqQ")
_SHA = 32  # bytes of a sha256


class _Item(msgspec.Struct, frozen=True, gc=False):
    """One file as the index knows it, while a listing reads it again (not kept so)."""

    stamp: bytes
    sha: bytes  # of the file's content
    title: str = ""
    summary: str = ""
    channel: str = ""
    group: str | None = None
    error: str | None = None  # why it does not load: the message, then where
    line: int | None = None
    col: int | None = None
    rule: str | None = None
    checked: bool = True  # False: read from its first lines only (`peek`), not yet validated


class _Problem(msgspec.Struct, array_like=True, frozen=True, gc=False):
    at: int  # the file's place in the index
    error: str
    line: int | None
    col: int | None
    rule: str | None


class _Index(msgspec.Struct, array_like=True, gc=False):
    """Columns, a place in each for each file, in the order listed. Decoding 5,000 strings a
    column costs half what 5,000 structs of them cost (each with its numbers), and a warm
    listing decodes all of them."""

    written_ns: int
    ids: list[str]
    stamps: bytes  # _STAMP.size bytes a file
    shas: bytes  # _SHA bytes a file
    titles: list[str]
    summaries: list[str]
    channels: list[str]
    groups: list[str | None]
    problems: list[_Problem]  # the files that do not load (their other columns empty)
    unchecked: list[int]  # the places of files read from their first lines only

    def consistent(self) -> bool:
        """Whether each column has a place for each file: a torn or foreign index may not."""
        n = len(self.ids)
        return (
            len(self.stamps) == n * _STAMP.size
            and len(self.shas) == n * _SHA
            and len(self.titles) == len(self.summaries) == n
            and len(self.channels) == len(self.groups) == n
            and all(0 <= p.at < n for p in self.problems)
            and all(0 <= at < n for at in self.unchecked)
        )

    def item(self, at: int, problems: dict[int, _Problem], unchecked: set[int]) -> _Item:
        """The file at place `at` (`problems` by place, and the `unchecked` places)."""
        stamp = self.stamps[at * _STAMP.size : (at + 1) * _STAMP.size]
        sha = self.shas[at * _SHA : (at + 1) * _SHA]
        problem = problems.get(at)
        if problem is not None:
            return _Item(stamp, sha, error=problem.error, line=problem.line, col=problem.col,
                         rule=problem.rule, checked=at not in unchecked)  # fmt: skip
        return _Item(stamp, sha, self.titles[at], self.summaries[at], self.channels[at],
                     self.groups[at], checked=at not in unchecked)  # fmt: skip


def _columns(written_ns: int, items: dict[str, _Item]) -> _Index:
    """The index of `items` (by id, in their order)."""
    listed = list(items.values())
    return _Index(
        written_ns,
        list(items),
        b"".join(i.stamp for i in listed),
        b"".join(i.sha for i in listed),
        [i.title for i in listed],
        [i.summary for i in listed],
        [i.channel for i in listed],
        [i.group for i in listed],
        [
            _Problem(at, i.error, i.line, i.col, i.rule)
            for at, i in enumerate(listed)
            if i.error is not None
        ],  # fmt: skip
        [at for at, i in enumerate(listed) if not i.checked],
    )


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Index)
# The layout above, and what its places mean: a change starts a new index, never misreads one.
_FORMAT = 2


def _key(folder: Path) -> str | None:
    model = pbmod.model_stamp()  # the model and rules a validation depended on
    if model is None:
        return None
    # Where the folder is and where it leads: a folder replaced by a link is another index.
    where = f"{os.path.abspath(folder)}\0{os.path.realpath(folder)}"
    raw = f"{_FORMAT}\0{model}\0{where}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def _read(key: str) -> _Index | None:
    data = cache.load("index", key)
    if not isinstance(data, bytes):
        return None
    try:
        index = _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # damaged or foreign: rebuilt
    return index if index.consistent() else None


@contextmanager
def _opened(folder: Path) -> Iterator[tuple[str, int | None]]:
    """How `os.stat` names a file in `folder`: (what goes before its name, `dir_fd`). Relative
    to the open folder where the system allows it, which spares the kernel walking the
    folder's path again for each of 5,000 files."""
    fd = None
    if os.stat in os.supports_dir_fd:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            pass  # not there, or not ours to open: each file's stat says so
    try:
        yield ("", fd) if fd is not None else (f"{os.fspath(folder)}{os.sep}", None)
    finally:
        if fd is not None:
            os.close(fd)


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


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
    ids = list(ids)
    key = _key(folder)
    old = _read(key) if key else None
    now_ns = time.time_ns()
    racy_after = (old.written_ns if old else 0) - RACY_SECONDS * 1_000_000_000
    first = old is None
    if old is None:
        old = _Index(0, [], b"", b"", [], [], [], [], [], [])
    # The same files as last time, most often: their places are the same.
    places = None if old.ids == ids else {pid: at for at, pid in enumerate(old.ids)}
    problems = {p.at: p for p in old.problems}
    unchecked_before = set(old.unchecked)
    aside = unchecked_before.union(problems)  # not listed from the columns alone
    stamps, titles, summaries, channels, groups = (
        old.stamps, old.titles, old.summaries, old.channels, old.groups
    )  # fmt: skip
    size, pack = _STAMP.size, _STAMP.pack
    changed: dict[str, _Item] = {}  # files read again, or not as listed (the rest: as they were)
    dropped: set[str] = set()  # files that cannot be read: not kept
    found: dict[str, Summary | PlaybookError] = {}
    unchecked: list[tuple[str, _Item]] = []
    reread = False
    stat = os.stat
    with _opened(folder) as (prefix, fd):
        for i, pid in enumerate(ids):  # 5,000 times: no Path, no call that can be left out
            at = i if places is None else places.get(pid)
            try:
                st = stat(f"{prefix}{pid}.yaml", dir_fd=fd)
                stamp: bytes | None = pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            except (OSError, struct.error):  # struct.error: a time past 2262, say
                stamp = None
            if (
                at is not None
                and stamp is not None
                and stamps.startswith(stamp, at * size)
                and st.st_mtime_ns < racy_after
                and at not in aside
            ):  # the common case: as it was, and listed
                found[pid] = Summary(pid, titles[at], summaries[at], channels[at], groups[at])
                continue
            before = old.item(at, problems, unchecked_before) if at is not None else None
            if stamp is None:
                item = None
            elif before is not None and before.stamp == stamp and st.st_mtime_ns < racy_after:
                item = before
            else:
                reread = True
                late = peek is not None and deadline is not None and clock() >= deadline
                item = _fresh(pid, folder / f"{pid}.yaml", stamp, before, load,
                              peek if late else None)  # fmt: skip
            if item is None:  # cannot be read: said by loading it, and not kept
                found[pid] = _load(pid, load)
                dropped.add(pid)
                continue
            changed[pid] = item
            if not item.checked:
                unchecked.append((pid, item))
            found[pid] = _summary(pid, item, folder / f"{pid}.yaml")
    for pid, earlier in unchecked:  # validated now, in the time left
        if deadline is not None and clock() >= deadline:
            break
        checked = changed[pid] = _checked(pid, earlier, load)
        found[pid] = _summary(pid, checked, folder / f"{pid}.yaml")
        reread = True
    # Nothing read again: every file came from the index, so the same count is the same set.
    if key and (reread or first or len(old.ids) != len(ids) - len(dropped)):
        if places is None:
            places = {pid: at for at, pid in enumerate(old.ids)}
        items = {
            pid: changed.get(pid) or old.item(places[pid], problems, unchecked_before)
            for pid in ids
            if pid not in dropped
        }
        cache.keep("index", key, _ENCODER.encode(_columns(now_ns, items)))
    return found


def _fresh(
    pid: str, path: Path, stamp: bytes, old: _Item | None, load: Load, peek: Peek | None
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
    ids_of: dict[int, list[str]] = {}
    lib_of: dict[int, Any] = {}
    for e in entries:
        ids = ids_of.get(id(e.library))
        if ids is None:
            ids = ids_of[id(e.library)] = []
            lib_of[id(e.library)] = e.library
        ids.append(e.id)
    by_lib: dict[Any, list[int]] = {}
    for key, library in lib_of.items():
        by_lib.setdefault(library, []).append(key)
    deadline = None if check_seconds is None else clock() + check_seconds
    found_in: dict[int, dict[str, Summary | PlaybookError]] = {}
    for lib, keys in by_lib.items():

        def load(pid: str, lib: Any = lib) -> Any:
            path = lib.path_of(pid)
            lib.check(path)
            # Not through the playbook cache: thousands, each kept once; the index is theirs.
            return pbmod.parse(yamlio.read_text(path), path, lib)

        def peek_at(pid: str, data: bytes, lib: Any = lib) -> Summary | None:
            path = lib.path_of(pid)
            return None if lib.escape(path) is not None else peek(pid, data, path)

        ids = [pid for key in keys for pid in ids_of[key]]
        found = summarize(lib.playbooks_dir, ids, load, peek_at, deadline, clock)
        for key in keys:
            found_in[key] = found
    return [found_in[id(e.library)][e.id] for e in entries]
