"""Where playbooks come from, and lookup by id.

A library is a folder shaped like the project's top level: `playbooks/*.yaml`
and `templates/...`. Search order, first match wins: `--library DIR` options,
`$DRAFTER_PATH`, the user library (`$DRAFTER_HOME` or the config dir), packs
registered under the `drafter.libraries` entry-point group, the built-ins.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from importlib import import_module
from pathlib import Path

import msgspec

from drafter import playbook as pbmod
from drafter.errors import PlaybookError, UsageError
from drafter.playbook import Playbook, suggest
from drafter.profile import home

ENTRY_POINT_GROUP = "drafter.libraries"


class Library(msgspec.Struct, frozen=True):
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
        if not self.playbooks_dir.is_dir():
            return []
        return sorted(p.stem for p in self.playbooks_dir.glob("*.yaml") if p.is_file())

    def path_of(self, playbook_id: str) -> Path:
        return self.playbooks_dir / f"{playbook_id}.yaml"


def builtin_root() -> Path:
    """The built-in library: inside the installed package, or the source checkout's top level."""
    pkg = Path(__file__).resolve().parent
    return pkg if (pkg / "playbooks").is_dir() else pkg.parent


def builtin() -> Library:
    return Library(builtin_root(), "built-in")


def user() -> Library:
    return Library(home(), "user")


def _pack_entry_points() -> Iterator[tuple[str, str]]:
    """(name, "module:attr") of every `drafter.libraries` entry point on sys.path.

    importlib.metadata would do this, but importing it and scanning every
    distribution costs about a tenth of a draft's start-up, on every run (packs
    come before the built-ins, so every lookup needs them). Reading only the
    entry_points.txt files that mention our group costs a couple of
    milliseconds. The first distribution of a name on sys.path wins, as with
    importlib.metadata.
    """
    seen: set[str] = set()
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = name.split("-", 1)[0].removesuffix(".egg-info").lower().replace("_", "-")
            if dist in seen:
                continue
            seen.add(dist)
            try:
                text = Path(entry or ".", name, "entry_points.txt").read_text(encoding="utf-8")
            except OSError:
                continue
            if f"[{ENTRY_POINT_GROUP}]" not in text:
                continue
            import configparser  # only once a pack is found

            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            try:
                parser.read_string(text)
            except configparser.Error:  # a malformed third-party file: skip it
                continue
            yield from parser.items(ENTRY_POINT_GROUP)


def _load_entry_point(value: str) -> object:
    module, _, attrs = value.partition(":")
    target: object = import_module(module.strip())
    for attr in attrs.split("[", 1)[0].strip().split(".") if attrs.strip() else []:
        target = getattr(target, attr)
    return target


def _packs() -> Iterator[Library]:
    for name, value in _pack_entry_points():
        try:
            target = _load_entry_point(value)
            root = Path(target() if callable(target) else target)  # type: ignore[arg-type]
        except Exception as exc:  # a broken third-party pack must not break drafter
            raise UsageError(f"pack {name!r} ({value}) failed to load: {exc}") from None
        yield Library(root, f"pack:{name}")


class Search:
    """The ordered list of libraries, built lazily so built-in lookups stay cheap."""

    def __init__(self, extra: Sequence[Path] = ()):
        self.extra = tuple(extra)
        self._libs: list[Library] | None = None

    def _front(self) -> list[Library]:
        libs = [Library(Path(p), str(p)) for p in self.extra]
        env = os.environ.get("DRAFTER_PATH", "")
        libs += [Library(Path(p), p) for p in env.split(os.pathsep) if p]
        libs.append(user())
        return libs

    def libraries(self) -> list[Library]:
        if self._libs is None:
            self._libs = [*self._front(), *_packs(), builtin()]
        return self._libs

    def library_of(self, path: Path) -> Library | None:
        for lib in self.libraries():
            if path.parent == lib.playbooks_dir:
                return lib
        return None

    def resolve(self, ref: str) -> tuple[Path, Library]:
        """The file and library of a playbook id, or of a path when `ref` names a .yaml file."""
        if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
            path = Path(ref)
            if not path.is_file():
                raise UsageError(f"{ref}: no such playbook file")
            lib = self.library_of(path)
            if lib is None:
                # A loose file: its library is the folder above playbooks/. A relative path
                # stays relative, so messages name files the way the user typed them.
                root = path.parent.parent if path.parent.name else path.resolve().parent.parent
                lib = Library(root, str(root))
            return path, lib
        for lib in self.libraries():
            path = lib.path_of(ref)
            if path.is_file():
                return path, lib
        raise UsageError(
            f"no playbook {ref!r}{suggest(ref, self.ids())}; run 'drafter list' to see them"
        )

    def load(self, ref: str) -> Playbook:
        """Load a playbook by id, or by path when `ref` names a .yaml file."""
        path, lib = self.resolve(ref)
        return pbmod.load(path, lib)

    def ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for lib in self.libraries():
            for pid in lib.ids():
                seen.setdefault(pid, None)
        return sorted(seen)

    def entries(self) -> list[Entry]:
        """Every playbook file in every library, marking the ones a match earlier hides."""
        out: list[Entry] = []
        winners: dict[str, Library] = {}
        for lib in self.libraries():
            for pid in lib.ids():
                shadowed_by = winners.get(pid)
                if shadowed_by is None:
                    winners[pid] = lib
                out.append(Entry(pid, lib, shadowed_by))
        return out


class Entry(msgspec.Struct, frozen=True):
    id: str
    library: Library
    overridden_by: Library | None

    def load(self) -> Playbook:
        return pbmod.load(self.library.path_of(self.id), self.library)


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
