"""Where playbooks come from, and lookup by id.

A library is a folder shaped like the project's top level: `playbooks/*.yaml`
and `templates/...`. Search order, first match wins: `--library DIR` options,
`$DRAFTER_PATH`, the user library (`$DRAFTER_HOME` or the config dir), packs
registered under the `drafter.libraries` entry-point group, the built-ins.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import import_module
from pathlib import Path

import msgspec

from drafter import cache
from drafter import playbook as pbmod
from drafter.errors import NotFoundError, PlaybookError
from drafter.playbook import Playbook, suggest
from drafter.profile import home

ENTRY_POINT_GROUP = "drafter.libraries"


class Library(msgspec.Struct, frozen=True, gc=False):  # no cycles: a path, a name
    """A folder of playbooks and templates, and what to call it in listings."""

    root: Path
    source: str  # "built-in", "user", "pack:NAME", or the folder as given

    @property
    def playbooks_dir(self) -> Path:
        return self.root / "playbooks"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def ids(self) -> list[str]:
        """The playbooks in playbooks/ (none if it is missing); OSError if it cannot be read."""
        try:
            with os.scandir(self.playbooks_dir) as found:
                ids = [
                    e.name[:-5]
                    for e in found
                    if e.name.endswith(".yaml") and e.name != ".yaml" and e.is_file()
                ]
        except (FileNotFoundError, NotADirectoryError):
            return []
        ids.sort()
        return ids

    def path_of(self, playbook_id: str) -> Path:
        return self.playbooks_dir / f"{playbook_id}.yaml"

    def escape(self, playbook: Path | None = None) -> PlaybookError | None:
        """Why playbooks/, templates/ or the `playbook` file is refused, or None.

        Each must resolve inside the library's own folder. Any can be a symlink (git commits
        them); one leading out of the library would let a shared library's templates include
        any file on the machine, or show a line of it in an error about a "playbook".
        """
        if self.source == "user":
            # Your own library is yours to arrange (dotfiles often link it elsewhere); the
            # rule is for libraries other people wrote: shared folders, DRAFTER_PATH, packs.
            return None
        paths = [self.playbooks_dir, self.templates_dir, *([playbook] if playbook else [])]
        try:
            root = self.root.resolve()
            resolved = [(path, path.resolve()) for path in paths]
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (3.11, 3.12)
            return PlaybookError(f"cannot resolve: {exc}", self.root, rule="library-error")
        for path, real in resolved:
            if not real.is_relative_to(root):
                # templates/ leading out is about what templates can include; the rest is
                # about which files are this library's at all.
                rule = "template-escape" if path == self.templates_dir else "library-error"
                return PlaybookError(
                    f"leads outside the library {root} (to {real}); "
                    "a library's playbooks and templates must stay inside it",
                    path,
                    rule=rule,
                )
        return None

    def check(self, playbook: Path | None = None) -> None:
        """Raise the PlaybookError `escape` gives, if any."""
        error = self.escape(playbook)
        if error is not None:
            raise error


class Skipped(msgspec.Struct, frozen=True):
    """A library left out of the search, and why; the CLI shows `message` as a warning."""

    source: str  # as Library.source ("pack:NAME", "user", a folder), or "dist:DIR" for metadata
    reason: str
    path: str  # the folder, or the entry_points.txt of a pack without one: where lint reports it

    @property
    def message(self) -> str:
        kind, _, name = self.source.partition(":")
        if kind == "pack" and name:
            what = f"pack {name!r}"
        elif kind == "dist" and name:
            what = f"the packs of {self.path}"
        elif self.source == "user":
            what = f"the user library {self.path}"
        else:
            what = f"library {self.source}"
        return f"skipping {what}: {self.reason}"


def builtin_root() -> Path:
    """The built-in library: inside the installed package, or the source checkout's top level."""
    pkg = Path(__file__).resolve().parent
    return pkg if (pkg / "playbooks").is_dir() else pkg.parent


def builtin() -> Library:
    return Library(builtin_root(), "built-in")


def user() -> Library:
    return Library(home(), "user")


def _pack_entry_points() -> list[tuple[str, str, Path] | Skipped]:
    """`_scan_entry_points()`, kept in the cache while no folder on sys.path changes.

    Installing, upgrading or removing a distribution adds or removes its .dist-info folder,
    which changes its parent's modification time (importlib.metadata keys its own lookups on
    the same). A folder changed within the last few seconds is not trusted to show a second
    change by its time, as git treats a racily clean file: nothing is kept then.
    """
    stamp: list[tuple[str, int]] = []
    recent = time.time_ns() - _RACY_NS
    for entry in sys.path:
        try:
            folder = os.path.abspath(entry or ".")
            mtime = os.stat(folder).st_mtime_ns
        except (OSError, ValueError, TypeError):
            continue
        if mtime > recent:
            return list(_scan_entry_points())
        stamp.append((folder, mtime))
    from drafter import __version__

    key = hashlib.sha256(
        repr((__version__, ENTRY_POINT_GROUP, stamp)).encode("utf-8", "surrogatepass")
    )
    found = cache.load("packs", key.hexdigest())
    if isinstance(found, list) and all(_is_scanned(item) for item in found):
        return found
    found = list(_scan_entry_points())
    cache.keep("packs", key.hexdigest(), found)
    return found


def _is_scanned(item: object) -> bool:
    """What `_scan_entry_points` yields: a Skipped, or (name, value, Path)."""
    if isinstance(item, Skipped):
        return True
    return (
        isinstance(item, tuple)
        and len(item) == 3
        and isinstance(item[0], str)
        and isinstance(item[1], str)
        and isinstance(item[2], Path)
    )


_RACY_NS = 3_000_000_000  # modification times on some file systems step by 2 s


def _scan_entry_points() -> Iterator[tuple[str, str, Path] | Skipped]:
    """(name, "module:attr", its entry_points.txt) of each `drafter.libraries` entry point.

    importlib.metadata would do this, but importing it and scanning every
    distribution costs about a tenth of a draft's start-up, on every run (packs
    come before the built-ins, so every lookup needs them). Reading only the
    entry_points.txt files that mention our group costs a couple of
    milliseconds. The first distribution of a name on sys.path wins, as with
    importlib.metadata. Other packages' metadata is theirs: whatever is in it
    (bytes that are not UTF-8, a file that is not INI) is passed over in silence;
    a file that registers a pack and cannot be read yields a Skipped.
    """
    seen: set[str] = set()
    marker = f"[{ENTRY_POINT_GROUP}]".encode()
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except (OSError, ValueError, TypeError):  # missing, a file, a NUL in it, not a path
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = name.split("-", 1)[0].removesuffix(".egg-info").lower().replace("_", "-")
            if dist in seen:
                continue
            seen.add(dist)
            path = Path(entry or ".", name, "entry_points.txt")
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if marker not in data:
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Skipped(f"dist:{name}", f"not UTF-8 text (byte {exc.start + 1})", str(path))
                continue
            import configparser  # only once a pack is found

            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            try:
                parser.read_string(text)
            except configparser.Error as exc:
                reason = f"not a valid entry_points.txt: {str(exc).splitlines()[0]}"
                yield Skipped(f"dist:{name}", reason, str(path))
                continue
            if parser.has_section(ENTRY_POINT_GROUP):  # not just the name in some other text
                for pack, value in parser.items(ENTRY_POINT_GROUP):
                    yield pack, value, path


def _load_entry_point(value: str) -> object:
    module, _, attrs = value.partition(":")
    target: object = import_module(module.strip())
    for attr in attrs.split("[", 1)[0].strip().split(".") if attrs.strip() else []:
        target = getattr(target, attr)
    return target


def _packs() -> Iterator[Library | Skipped]:
    """The packs' libraries; a pack that cannot load, or gives no folder, as a Skipped."""
    for found in _pack_entry_points():
        if isinstance(found, Skipped):
            yield found
            continue
        name, value, registered = found
        source = f"pack:{name}"
        try:
            target = _load_entry_point(value)
            root = Path(target() if callable(target) else target)  # type: ignore[arg-type]
        # A broken third-party pack must not break drafter, even one that calls sys.exit().
        except (Exception, SystemExit) as exc:
            reason = f"{value} failed to load: {type(exc).__name__}: {exc}".splitlines()[0]
            yield Skipped(source, reason, str(registered))
            continue
        try:
            is_dir = stat.S_ISDIR(root.stat().st_mode)
        except FileNotFoundError:
            yield Skipped(source, f"{root}: no such folder", str(root))
        except OSError as exc:
            yield Skipped(source, f"{root}: {exc.strerror}", str(root))
        except ValueError as exc:  # a NUL in the path
            yield Skipped(source, f"{root!r}: {exc}", repr(root))
        else:
            if is_dir:
                yield Library(root, source)
            else:
                yield Skipped(source, f"{root}: not a folder", str(root))


def playbook_is_path(ref: str) -> bool:
    """Whether `ref` names a playbook file rather than an id."""
    return ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref


class Search:
    """The ordered list of libraries, built lazily so built-in lookups stay cheap.

    A library that cannot be used (a pack that fails to load, a folder drafter may not
    read) is left out and recorded in `skipped`; `warn`, when given, hears of each as
    it is found, so the CLI can say so.
    """

    def __init__(self, extra: Sequence[Path] = (), warn: Callable[[Skipped], None] | None = None):
        self.extra = tuple(extra)
        self.warn = warn
        self._libs: list[Library] | None = None
        self._skipped: list[Skipped] = []

    def _front(self) -> list[Library]:
        libs = [Library(Path(p), str(p)) for p in self.extra]
        env = os.environ.get("DRAFTER_PATH", "")
        libs += [Library(Path(p), p) for p in env.split(os.pathsep) if p]
        libs.append(user())
        return libs

    def libraries(self) -> list[Library]:
        if self._libs is None:
            libs: list[Library] = []
            for found in [*self._front(), *_packs(), builtin()]:
                found = _probe(found) if isinstance(found, Library) else found
                if isinstance(found, Skipped):
                    self._skip(found)
                else:
                    libs.append(found)
            self._libs = libs
        return self._libs

    def _skip(self, skipped: Skipped) -> None:
        self._skipped.append(skipped)
        if self.warn is not None:
            self.warn(skipped)

    @property
    def skipped(self) -> list[Skipped]:
        """The libraries left out of the search, and why."""
        self.libraries()
        return list(self._skipped)

    def library_of(self, path: Path) -> Library | None:
        for lib in self.libraries():
            if path.parent == lib.playbooks_dir:
                return lib
        return None

    def resolve(self, ref: str) -> tuple[Path, Library]:
        """The file and library of a playbook id, or of a path when `ref` names a .yaml file."""
        if playbook_is_path(ref):
            path = Path(ref)
            try:
                is_file = path.is_file()
            except OSError as exc:  # e.g. a folder on the way that may not be entered
                raise NotFoundError(f"cannot read: {exc.strerror}", ref) from None
            if not is_file:
                raise NotFoundError("no such playbook file", ref)
            lib = self.library_of(path)
            if lib is None:
                # A loose file: its library is the folder above playbooks/. A relative path
                # stays relative, so messages name files the way the user typed them.
                root = path.parent.parent if path.parent.name else path.resolve().parent.parent
                lib = Library(root, str(root))
            return path, lib
        for lib in self.libraries():
            path = lib.path_of(ref)
            try:
                found = path.is_file()
            except OSError:  # listed, yet it cannot be looked at: let loading say why
                found = True
            if found:
                return path, lib
        raise NotFoundError(
            f"no playbook {ref!r}{suggest(ref, self.ids())}; run 'drafter list' to see them"
        )

    def load(self, ref: str) -> Playbook:
        """Load a playbook by id, or by path when `ref` names a .yaml file."""
        path, lib = self.resolve(ref)
        lib.check(path)
        return pbmod.load(path, lib)

    def ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for lib in self.libraries():
            for pid in _ids(lib):
                seen.setdefault(pid, None)
        return sorted(seen)

    def entries(self) -> list[Entry]:
        """Every playbook file in every library, marking the ones a match earlier hides."""
        out: list[Entry] = []
        winners: dict[str, Library] = {}  # id -> the library found first to have it
        first = winners.setdefault
        for lib in self.libraries():
            out += [
                Entry(pid, lib, None if (won := first(pid, lib)) is lib else won)
                for pid in _ids(lib)
            ]
        return out


def _probe(lib: Library) -> Library | Skipped:
    """`lib`, or why it cannot be read: its folder or its playbooks/ may not be listed."""
    try:
        # Opening the folder is what can be refused; listing 5,000 files can wait for
        # whoever needs them (and then sees them as they are).
        with os.scandir(lib.playbooks_dir):
            pass
    except (FileNotFoundError, NotADirectoryError):
        pass  # no playbooks/: a library with none, as `ids` says
    except OSError as exc:
        where = exc.filename if exc.filename is not None else lib.playbooks_dir
        return Skipped(lib.source, f"cannot read {where}: {exc.strerror}", str(lib.root))
    return lib


def _ids(lib: Library) -> list[str]:
    """`lib.ids()`, or none once it cannot be read (it could when the search began)."""
    try:
        return lib.ids()
    except OSError:
        return []


class Entry(msgspec.Struct, frozen=True, gc=False):  # no cycles: an id, libraries
    id: str
    library: Library
    overridden_by: Library | None

    def load(self) -> Playbook:
        path = self.library.path_of(self.id)
        self.library.check(path)
        return pbmod.load(path, self.library)


def load_all(
    entries: Iterable[Entry],
) -> tuple[list[tuple[Entry, Playbook]], list[tuple[Entry, PlaybookError]]]:
    """Load each entry, collecting failures instead of stopping at the first."""
    ok: list[tuple[Entry, Playbook]] = []
    bad: list[tuple[Entry, PlaybookError]] = []
    for e in entries:
        try:
            ok.append((e, e.load()))
        except PlaybookError as exc:
            bad.append((e, exc))
    return ok, bad
