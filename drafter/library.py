"""Where playbooks come from, and lookup by id.

A library is a folder shaped like the project's top level: `playbooks/*.yaml`
and `templates/...`. Search order, first match wins: `--library DIR` options,
`$DRAFTER_PATH`, the user library (`$DRAFTER_HOME` or the config dir), packs
registered under the `drafter.libraries` entry-point group, the built-ins.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafter import playbook as pbmod
from drafter.errors import PlaybookError, UsageError
from drafter.playbook import Playbook, _suggest
from drafter.profile import home

ENTRY_POINT_GROUP = "drafter.libraries"


@dataclass(frozen=True)
class Library:
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


def _packs() -> Iterator[Library]:
    from importlib.metadata import entry_points  # only when a lookup gets this far

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = ep.load()
            root = Path(target() if callable(target) else target)
        except Exception as exc:  # a broken third-party pack must not break drafter
            raise UsageError(f"pack {ep.name!r} ({ep.value}) failed to load: {exc}") from None
        yield Library(root, f"pack:{ep.name}")


@dataclass
class Search:
    """The ordered list of libraries, built lazily so built-in lookups stay cheap."""

    extra: Sequence[Path] = ()
    _libs: list[Library] | None = field(default=None, repr=False)

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
        raise UsageError(f"no playbook {ref!r}{_suggest(ref, self.ids())}; run 'drafter list' to see them")

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


@dataclass(frozen=True)
class Entry:
    id: str
    library: Library
    overridden_by: Library | None

    def load(self) -> Playbook:
        return pbmod.load(self.library.path_of(self.id), self.library)


def load_all(entries: Iterable[Entry]) -> tuple[list[tuple[Entry, Playbook]], list[tuple[Entry, PlaybookError]]]:
    """Load each entry, collecting failures instead of stopping at the first."""
    ok: list[tuple[Entry, Playbook]] = []
    bad: list[tuple[Entry, PlaybookError]] = []
    for e in entries:
        try:
            ok.append((e, e.load()))
        except PlaybookError as exc:
            bad.append((e, exc))
    return ok, bad
