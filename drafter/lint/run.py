"""Running the rules: find the playbooks, load each, and walk the rule table over it."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from drafter import cache, yamlio
from drafter import playbook as pbmod
from drafter.errors import DrafterError, NotFoundError, PlaybookError
from drafter.library import Library, Search, builtin, user
from drafter.lint.context import LintContext
from drafter.lint.problems import Problem
from drafter.lint.table import RULES, Rule, problem


def lint(
    search: Search,
    refs: Sequence[str],
    rules: Collection[Rule] = RULES.values(),
    use_cache: bool = True,
) -> list[Problem]:
    """Every problem in the playbooks named by `refs` (ids or paths), or in all of them.

    With `use_cache`, a playbook whose file, library templates, known playbook ids, rules
    and drafter code are all as they were when it was last linted is not linted again: its
    problems come from the cache (see `_cache_key`).
    """
    found: list[Problem] = []
    targets: dict[Path, tuple[Path, Library]] = {}
    try:
        if refs:
            for ref in refs:
                try:
                    path, library = search.resolve(ref)
                except NotFoundError as exc:
                    found.append(problem(ref, 1, 1, "not-found", exc.reason))
                    continue
                targets.setdefault(path.resolve(), (path, library))
        else:
            for entry in search.entries():
                path = entry.library.path_of(entry.id)
                targets.setdefault(path.resolve(), (path, entry.library))
            # Linting everything, a library left out is a problem (for named refs, noise).
            found += [problem(s.path, 1, 1, "library-error", s.message) for s in search.skipped]
    except DrafterError as exc:  # whatever else finding the playbooks may raise
        found.append(problem("drafter", 1, 1, "library-error", str(exc)))
    memo = _Memo(search) if use_cache else None
    for path, library in targets.values():
        found.extend(lint_file(path, library, rules, memo))
    return _reported(found, rules)


def lint_file(
    path: Path,
    library: Library,
    rules: Collection[Rule] = RULES.values(),
    memo: _Memo | None = None,
) -> list[Problem]:
    """Every problem in the playbook file at `path` (of `library`) and its templates."""
    key = memo.key(path, library, rules) if memo is not None else None
    if key is not None:
        kept = cache.load("lint", key)
        if isinstance(kept, list) and all(isinstance(p, Problem) for p in kept):
            return kept
    try:
        found = _reported(_lint_file(path, library, rules), rules)
    # Bad input is handled rule by rule; this is for lint's own bugs, which must not hide
    # every other playbook's problems (or crash an editor integration).
    except Exception as exc:
        message = f"lint failed: {type(exc).__name__}: {exc}"
        return _reported([problem(path, 1, 1, "internal-error", message)], rules)
    if key is not None:
        cache.keep("lint", key, found)
    return found


class _Memo:
    """What a lint result depends on besides the playbook's own file, worked out once a run:
    each library's templates (by content), the playbook ids every library holds (a
    follow-up names one), and drafter's own code (by size and modification time)."""

    def __init__(self, search: Search) -> None:
        self.search = search
        self._templates: dict[Path, str] = {}
        self._rest: str | None = None

    def _digest_templates(self, library: Library) -> str:
        root = library.templates_dir
        if root not in self._templates:
            digest = hashlib.sha256()
            for file in sorted(root.rglob("*")) if root.is_dir() else []:
                if file.is_file():
                    digest.update(str(file.relative_to(root)).encode("utf-8", "surrogatepass"))
                    digest.update(b"\0" + hashlib.sha256(file.read_bytes()).digest())
            self._templates[root] = digest.hexdigest()
        return self._templates[root]

    def _digest_rest(self) -> str:
        if self._rest is None:
            import drafter

            parts = [pbmod.model_stamp() or "", drafter.__version__]
            for module in sorted(Path(drafter.__file__).parent.rglob("*.py")):
                st = module.stat()
                parts.append(f"{module}:{st.st_size}:{st.st_mtime_ns}")
            known = [builtin(), user(), *self.search.libraries()]
            parts += [f"{lib.root}:{','.join(lib.ids())}" for lib in known]
            self._rest = hashlib.sha256(
                "\0".join(parts).encode("utf-8", "surrogatepass")
            ).hexdigest()
        return self._rest

    def key(self, path: Path, library: Library, rules: Collection[Rule]) -> str | None:
        """The cache key of linting `path`, or None when it cannot be worked out."""
        try:
            data = path.read_bytes()
            parts = [
                self._digest_rest(),
                self._digest_templates(library),
                str(path.resolve()),
                str(library.root.resolve()),
                library.source,
                ",".join(sorted(r.id for r in rules)),
                ",".join(f"{r.id}={getattr(r.check, '__qualname__', '')}" for r in rules),
            ]
        except (OSError, RuntimeError):
            return None
        digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()


def _lint_file(path: Path, library: Library, rules: Iterable[Rule]) -> Iterator[Problem]:
    escape = library.escape(path)
    if escape is not None:  # read nothing from a library that leads elsewhere
        yield _from_error(escape, escape.path or path)
        return
    try:
        pb = pbmod.parse_model(yamlio.read_text(path), path, library)
    except PlaybookError as exc:  # yaml-syntax or schema: the error says which
        yield _from_error(exc, path)
        return
    ctx = LintContext(pb, library)
    for rule in rules:
        if rule.check is not None:
            yield from map(rule.problem, rule.check(ctx))


def _from_error(exc: PlaybookError, path: Path | str) -> Problem:
    """`exc` reported under the rule it names; a loader error without one is lint's bug."""
    if exc.rule is None:
        raise AssertionError(f"a PlaybookError without a lint rule: {exc}")
    return problem(path, exc.line or 1, exc.col or 1, exc.rule, exc.message)


def _reported(problems: Iterable[Problem], rules: Collection[Rule]) -> list[Problem]:
    """Problems under the rules walked, once each, in file, line, column and rule order."""
    ids = {rule.id for rule in rules}
    found = {p for p in problems if p.rule in ids}
    return sorted(found, key=lambda p: (str(p.path), p.line, p.col, p.rule, p.message))
