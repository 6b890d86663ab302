"""Running the rules: find the playbooks, load each, and walk the rule table over it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from drafter import playbook as pbmod
from drafter import yamlio
from drafter.errors import DrafterError, NotFoundError, PlaybookError
from drafter.library import Library, Search
from drafter.lint.context import LintContext
from drafter.lint.problems import Problem
from drafter.lint.table import RULES, Rule, problem


def lint(
    search: Search, refs: Sequence[str], rules: Collection[Rule] = RULES.values()
) -> list[Problem]:
    """Every problem in the playbooks named by `refs` (ids or paths), or in all of them."""
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
    for path, library in targets.values():
        found.extend(lint_file(path, library, rules))
    return _reported(found, rules)


def lint_file(
    path: Path, library: Library, rules: Collection[Rule] = RULES.values()
) -> list[Problem]:
    """Every problem in the playbook file at `path` (of `library`) and its templates."""
    try:
        return _reported(_lint_file(path, library, rules), rules)
    # Bad input is handled rule by rule; this is for lint's own bugs, which must not hide
    # every other playbook's problems (or crash an editor integration).
    except Exception as exc:
        message = f"lint failed: {type(exc).__name__}: {exc}"
        return _reported([problem(path, 1, 1, "internal-error", message)], rules)


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
