"""Lint rules for playbooks: every mistake in a playbook and its templates, with file:line:col.

Each rule has a stable id (see `RULES`). Problems point at the most useful YAML
node or template line. A playbook that cannot be read or validated yields one
problem saying why; one that loads is checked by every rule, and all of its
problems are reported, not just the first.

Examples render with an empty sender profile plus their own `me:`, so a
playbook lints the same for everyone (and against the stricter free-account
LinkedIn limit unless an example says `linkedin_account: premium`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeGuard

import jinja2
import yaml
from jinja2 import meta, nodes

from drafter import answers as answers_mod
from drafter import pipeline, sandbox, yamlio
from drafter import playbook as pbmod
from drafter.errors import AnswerError, DrafterError, NotFoundError, PlaybookError
from drafter.library import Library, Search
from drafter.playbook import ME_KEYS, Playbook, is_template, suggest, template_path_problem

Severity = Literal["error", "warning"]

RULES: dict[str, tuple[Severity, str]] = {
    "not-found": ("error", "a playbook named on the command line does not exist"),
    "library-error": ("error", "a library (a pack) could not be loaded"),
    "yaml-syntax": ("error", "the file is not well-formed YAML, not UTF-8, or too large"),
    "schema": ("error", "the playbook does not fit the playbook format"),
    "template-syntax": ("error", "a template (file, inline text, subject) does not compile"),
    "template-missing": ("error", "a variant's template file does not exist"),
    "template-escape": ("error", "a template reference leaves the library's templates/ folder"),
    "template-dynamic-include": ("warning", "an include/import whose target is not a constant"),
    "expression-syntax": ("error", "a field's `when` or templated `default` does not compile"),
    "expression-order": ("error", "a `when`/`default` uses a name not an earlier field or me"),
    "undefined-variable": ("error", "a template uses a name that is not a field, me, or its own"),
    "unused-field": ("warning", "no template, subject, `when` or `default` uses a field"),
    "example-fails": ("error", "an example does not render, or its draft fails a check"),
    "example-coverage": ("warning", "some choice value appears in no example"),
    "no-examples": ("warning", "the playbook has no examples"),
    "unknown-choice-reference": ("warning", "a template compares a choice field to a non-value"),
    "internal-error": ("error", "lint itself failed on this playbook (a bug in drafter)"),
}

_CHOICE_TYPES = ("choice", "multichoice")
# After these, some template text went unread, so a field may be used where lint cannot see.
_UNREAD = {
    "template-syntax",
    "template-missing",
    "template-escape",
    "template-dynamic-include",
    "expression-syntax",
}
_TEMPLATE_REFS = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)
_REF_KIND = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from",
}
_OUTSIDE = "resolves outside the library's templates/ folder"


@dataclass(frozen=True)
class Problem:
    path: Path | str
    line: int
    col: int
    rule: str
    severity: Literal["error", "warning"]
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }


def problem(path: Path | str, line: int, col: int, rule: str, message: str) -> Problem:
    """A Problem with the rule's severity."""
    return Problem(path, max(line, 1), max(col, 1), rule, RULES[rule][0], message)


def lint(search: Search, refs: Sequence[str]) -> list[Problem]:
    """Every problem in the playbooks named by `refs` (ids or paths), or in all of them."""
    found: list[Problem] = []
    targets: dict[Path, tuple[Path, Library]] = {}
    try:
        if refs:
            for ref in refs:
                target = _resolve(search, ref)
                if isinstance(target, Problem):
                    found.append(target)
                else:
                    targets.setdefault(target[0].resolve(), target)
        else:
            for entry in search.entries():
                path = entry.library.path_of(entry.id)
                targets.setdefault(path.resolve(), (path, entry.library))
            # Linting everything, a library left out is a problem (for named refs, noise).
            found += [problem(s.path, 1, 1, "library-error", s.message) for s in search.skipped]
    except DrafterError as exc:  # whatever else finding the playbooks may raise
        found.append(problem("drafter", 1, 1, "library-error", str(exc)))
    for path, library in targets.values():
        found.extend(lint_file(path, library))
    return sorted(set(found), key=lambda p: (str(p.path), p.line, p.col, p.rule, p.message))


def _resolve(search: Search, ref: str) -> tuple[Path, Library] | Problem:
    """The file and library `ref` names, as Search.load finds them, or a not-found Problem."""
    try:
        return search.resolve(ref)
    except NotFoundError as exc:
        return problem(ref, 1, 1, "not-found", exc.reason)


def lint_file(path: Path, library: Library) -> list[Problem]:
    """Every problem in the playbook file at `path` (of `library`) and its templates."""
    try:
        return _PlaybookLint(path, library).run()
    # Bad input is handled rule by rule; this is for lint's own bugs, which must not hide
    # every other playbook's problems (or crash an editor integration).
    except Exception as exc:
        return [problem(path, 1, 1, "internal-error", f"lint failed: {type(exc).__name__}: {exc}")]


# --- positions ---------------------------------------------------------------------------


class _Yaml:
    """The playbook's node tree, composed once, for the positions of keys and values."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.root = yamlio.compose(text)

    def node(
        self, path: Sequence[yamlio.PathSeg], key: bool = False, exact: bool = False
    ) -> yaml.Node | None:
        return yamlio.find_node(self.root, path, key, exact)

    def at(self, path: Sequence[yamlio.PathSeg], key: bool = False) -> tuple[int, int]:
        node = self.node(path, key)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class _Origin:
    """Where a piece of template text sits: a template file, or a string in the playbook."""

    path: Path | str
    lines: list[str]  # the lines of the file at `path`
    what: str  # how messages name it: "variants[0].text", "template 'a.j2'"
    offset: int = 0  # a Jinja line number plus this is the line in `path`
    col0: int = 1  # column where the text's first line starts (a string on its key's line)
    template: str | None = None  # the loader's name for it, when it is a template file

    def at(self, lineno: int | None, needle: str | None = None) -> tuple[int, int]:
        """File line and column of Jinja line `lineno`, at `needle` when it is on that line."""
        jline = max(lineno or 1, 1)
        line = self.offset + jline
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        start = self.col0 - 1 if jline == 1 else 0
        if needle:
            hit = re.compile(rf"(?<![\w.]){re.escape(needle)}(?!\w)").search(text, start)
            if hit:
                return line, hit.start() + 1
        if jline == 1 and self.col0 > 1:
            return line, self.col0
        return line, len(text) - len(text.lstrip()) + 1


# --- one playbook ------------------------------------------------------------------------


@dataclass
class _PlaybookLint:
    path: Path
    library: Library
    problems: list[Problem] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # names any template or expression reads
    broken: set[str] = field(default_factory=set)  # variants with static errors; "*" for all
    partial: bool = False  # some template was not read whole: unused-field cannot tell
    visited: dict[Path, bool] = field(default_factory=dict)  # template files checked: clean?

    def add(self, path: Path | str, at: tuple[int, int], rule: str, message: str) -> None:
        self.problems.append(problem(path, at[0], at[1], rule, message))
        self.partial = self.partial or rule in _UNREAD

    def run(self) -> list[Problem]:
        escape = self.library.escape(self.path)
        if escape is not None:  # read nothing from a library that leads elsewhere
            self._error(escape, escape.path or self.path)
            return self.problems
        pb, schema_ok = self._load()
        if pb is None:
            return self.problems
        self.pb = pb
        self.yaml = _Yaml(pb.text)
        self.tdir = self.library.templates_dir
        self.env = sandbox.environment(self.tdir)
        self.fields = {f.name: f for f in pb.fields}
        self.globals = set(self.env.globals)
        self._expressions()
        self._variants()
        self._subject()
        self._unused_fields()
        collected = self._examples() if schema_ok else {}
        self._coverage(collected)
        return self.problems

    # --- loading ---

    def _load(self) -> tuple[Playbook | None, bool]:
        """The playbook, and whether it passed the loader's checks; failures become problems."""
        try:
            pb = pbmod.parse_model(yamlio.read_text(self.path), self.path, self.library)
        except PlaybookError as exc:  # yaml-syntax or schema: the error says which
            self._error(exc)
            return None, False
        schema_ok = True
        for err in pbmod.semantic_errors(pb):
            if err.rule != "schema":
                continue  # a variant's template path: _variants reports it
            schema_ok = False
            self._error(err)
        return pb, schema_ok

    def _error(self, exc: PlaybookError, path: Path | str | None = None) -> None:
        """Report `exc` under the rule it names; a loader error without one is lint's bug."""
        if exc.rule is None:
            raise AssertionError(f"a PlaybookError without a lint rule: {exc}")
        self.add(path or self.path, (exc.line or 1, exc.col or 1), exc.rule, exc.message)

    # --- template text ---

    def _inline(self, where: list[yamlio.PathSeg], what: str) -> _Origin:
        """The origin of a string in the playbook: a block scalar starts on the next line."""
        node = self.yaml.node(where, exact=True)
        if node is None:
            return _Origin(self.path, self.yaml.lines, what)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return _Origin(self.path, self.yaml.lines, what, offset=line)
        return _Origin(self.path, self.yaml.lines, what, offset=line - 1, col0=col)

    def _not_there(self, ref: str) -> str:
        loader = self.env.loader
        names = loader.list_templates() if loader is not None and self.tdir.is_dir() else []
        return f"does not exist in {self.tdir}{suggest(ref, names)}"

    def _template_file(self, ref: str) -> tuple[str | None, _Origin] | None:
        """Source and origin of template `ref` in the library, or None when it is not there.

        The source is None when the file is there but unreadable (already reported).
        """
        loader = self.env.loader
        assert loader is not None
        path = self.tdir / ref
        try:
            source, _filename, _uptodate = loader.get_source(self.env, ref)
        except jinja2.TemplateNotFound:
            return None
        except UnicodeDecodeError as exc:
            why = f"not UTF-8 text (byte {exc.start + 1})"
        except OSError as exc:
            why = f"cannot read: {exc.strerror}"
        else:
            return source, _Origin(path, source.splitlines(), f"template {ref!r}", template=ref)
        self.add(path, (1, 1), "template-syntax", f"template {ref!r}: {why}")
        return None, _Origin(path, [], f"template {ref!r}")

    def _source(
        self,
        source: str,
        origin: _Origin,
        allowed: set[str],
        unknown: Callable[[str], str],
        syntax_rule: str = "template-syntax",
        unknown_rule: str = "undefined-variable",
        env: jinja2.Environment | None = None,
    ) -> bool:
        """Check one piece of template text and what it includes; False when it has errors.

        `unknown(name)` words the message for a name outside `allowed`.
        """
        env = env or self.env
        before = sum(p.severity == "error" for p in self.problems)
        try:
            if origin.template is not None:
                env.get_template(origin.template)  # compiled and cached for the examples
                ast = env.parse(source)
            else:
                ast = env.parse(source)
                env.compile(ast)  # code generation finds unknown filters and tests
        except jinja2.TemplateSyntaxError as exc:
            message = f"{origin.what}: {exc.message}"
            self.add(origin.path, origin.at(exc.lineno), syntax_rule, message)
            return False
        except RecursionError:
            self.add(origin.path, origin.at(1), syntax_rule, f"{origin.what}: nested too deeply")
            return False
        except SyntaxError as exc:  # Python's compiler refusing what Jinja generated
            message = f"{origin.what}: does not compile: {exc.msg}"
            self.add(origin.path, origin.at(1), syntax_rule, message)
            return False
        names = meta.find_undeclared_variables(ast)
        found = _Nodes(ast)
        self.used |= names
        for name in sorted(names - allowed - self.globals - {"me"}):
            at = origin.at(found.lines.get(name, 1), name)
            self.add(origin.path, at, unknown_rule, unknown(name))
        for node, attr in _me_attrs(found.getters):
            close = suggest(attr, ME_KEYS)
            self.add(
                origin.path,
                origin.at(node.lineno, f"me.{attr}"),
                "undefined-variable",
                f"me.{attr} is not a sender key{close}; keys: {', '.join(ME_KEYS)}",
            )
        self._choice_refs(found.compares, origin)
        included_ok = self._includes(found.refs, origin, allowed, unknown)
        return included_ok and sum(p.severity == "error" for p in self.problems) == before

    def _file(
        self, source: str | None, origin: _Origin, allowed: set[str], unknown: Callable[[str], str]
    ) -> bool:
        """Check a template file once, however many variants and includes reach it."""
        key = Path(str(origin.path)).resolve()
        if key not in self.visited:
            self.visited[key] = True  # before recursing: an include cycle ends here
            ok = source is not None and self._source(source, origin, allowed, unknown)
            self.visited[key] = ok
        return self.visited[key]

    def _includes(
        self, refs: list[_Ref], origin: _Origin, allowed: set[str], unknown: Callable[[str], str]
    ) -> bool:
        """Check the templates these tags include or import; False when one has errors."""
        ok = True
        for node in refs:
            kind = _REF_KIND[type(node)]
            target = node.template
            items = target.items if isinstance(target, nodes.List | nodes.Tuple) else [target]
            if not all(isinstance(i, nodes.Const) and isinstance(i.value, str) for i in items):
                self.add(
                    origin.path,
                    origin.at(node.lineno, kind),
                    "template-dynamic-include",
                    f"{origin.what}: {{% {kind} %}} of a computed name; lint cannot follow it",
                )
                continue
            ignore_missing = isinstance(node, nodes.Include) and node.ignore_missing
            for item in items:
                assert isinstance(item, nodes.Const)
                ref: str = item.value
                at = origin.at(node.lineno, ref)
                bad = template_path_problem(ref)
                if bad:
                    message = f"{origin.what}: {{% {kind} %}}: {bad}"
                    self.add(origin.path, at, "template-escape", message)
                    continue
                found = self._template_file(ref)
                if found is None:
                    if (self.tdir / ref).is_file():
                        why = _OUTSIDE
                    elif ignore_missing:
                        continue
                    else:
                        why = self._not_there(ref)
                    message = f"{origin.what}: {{% {kind} %}}: {ref!r} {why}"
                    self.add(origin.path, at, "template-escape", message)
                    continue
                ok = self._file(*found, allowed, unknown) and ok
        return ok

    def _choice_refs(self, compares: list[nodes.Compare], origin: _Origin) -> None:
        for node, name, value, member in _compared(compares):
            f = self.fields.get(name)
            if f is None or f.type not in _CHOICE_TYPES or value in f.choice_values():
                continue
            if member and f.type != "multichoice":  # `'x' in text` is a substring test
                continue
            values = f.choice_values()
            self.add(
                origin.path,
                origin.at(node.lineno, value),
                "unknown-choice-reference",
                f"{origin.what}: {value!r} is not a value of {name}{suggest(value, values)}; "
                f"values: {', '.join(values)}",
            )

    # --- the rules ---

    def _expressions(self) -> None:
        """`when` and templated `default`: they compile and use only earlier fields and me."""
        base = sandbox.environment()
        for i, f in enumerate(self.pb.fields):
            earlier = {g.name for g in self.pb.fields[:i]}
            if f.when is not None:
                where = f"fields[{i}].when"
                origin = self._inline(["fields", i, "when"], where)
                try:
                    base.compile_expression(f.when)
                except jinja2.TemplateSyntaxError as exc:
                    message = f"{where}: {exc.message}"
                    self.add(self.path, origin.at(exc.lineno), "expression-syntax", message)
                    self.broken.add("*")
                else:
                    # As a template, jinja2.meta can tell which names it reads.
                    source = "{{ (" + f.when + ") }}"
                    if not self._expression(source, origin, i, earlier, base):
                        self.broken.add("*")
            if f.default_is_template:
                origin = self._inline(["fields", i, "default"], f"fields[{i}].default")
                if not self._expression(str(f.default), origin, i, earlier, self.env):
                    self.broken.add("*")
            # What the person sees is rendered over earlier answers; a frame's words over all.
            shown: list[tuple[list[yamlio.PathSeg], str | None, set[str]]] = [
                (["fields", i, key], getattr(f, key), earlier)
                for key in ("prompt", "help", "example")
            ]
            if f.frame is not None:
                everyone = set(self.fields)
                shown.append((["fields", i, "frame", "text"], f.frame.text, earlier))
                shown += [
                    (["fields", i, "frame", "drop", j], phrase, everyone)
                    for j, phrase in enumerate(f.frame.drop)
                ]
            for where_path, text, allowed in shown:
                if text is None or not is_template(text):
                    continue
                origin = self._inline(where_path, yamlio.describe(where_path))
                if not self._expression(text, origin, i, allowed, self.env):
                    self.broken.add("*")
        for j, warn in enumerate(self.pb.spec.checks.warn):
            where = f"checks.warn[{j}].when"
            origin = self._inline(["checks", "warn", j, "when"], where)
            try:
                base.compile_expression(warn.when)
            except jinja2.TemplateSyntaxError as exc:
                self.add(
                    self.path, origin.at(exc.lineno), "expression-syntax", f"{where}: {exc.message}"
                )
                self.broken.add("*")
                continue
            if not self._source(
                "{{ (" + warn.when + ") }}", origin, set(self.fields), self._template_unknown,
                "expression-syntax", "undefined-variable", env=base,
            ):  # fmt: skip
                self.broken.add("*")

    def _expression(
        self, source: str, origin: _Origin, index: int, earlier: set[str], env: jinja2.Environment
    ) -> bool:
        order = {f.name: i for i, f in enumerate(self.pb.fields)}

        def unknown(name: str) -> str:
            if name in order and order[name] == index:
                what = "this field itself"
            elif name in order:
                what = f"a later field (fields[{order[name]}])"
            else:
                what = f"not a field{suggest(name, list(order))}"
            return f"{origin.what} uses {name!r}, {what}; it can use only earlier fields and me"

        return self._source(
            source, origin, earlier, unknown, "expression-syntax", "expression-order", env=env
        )

    def _template_unknown(self, name: str) -> str:
        return (
            f"{name!r} is undefined: not a field, me, nor set in the template"
            f"{suggest(name, list(self.fields))}"
        )

    def _variants(self) -> None:
        everything = set(self.fields)
        for i, v in enumerate(self.pb.spec.variants):
            if v.template is not None:
                at = self.yaml.at(["variants", i, "template"])
                bad = template_path_problem(v.template)
                if bad:
                    rule = "template-missing" if not v.template.strip() else "template-escape"
                    self.add(self.path, at, rule, f"variants[{i}].template: {bad}")
                    self.broken.add(v.name)
                    continue
                found = self._template_file(v.template)
                if found is None:
                    if (self.tdir / v.template).is_file():
                        rule, why = "template-escape", _OUTSIDE
                    else:
                        rule, why = "template-missing", self._not_there(v.template)
                    self.add(self.path, at, rule, f"variants[{i}].template: {v.template!r} {why}")
                    self.broken.add(v.name)
                    continue
                ok = self._file(*found, everything, self._template_unknown)
            elif v.text is not None:
                origin = self._inline(["variants", i, "text"], f"variants[{i}].text")
                ok = self._source(v.text, origin, everything, self._template_unknown)
            else:
                continue
            if not ok:
                self.broken.add(v.name)

    def _subject(self) -> None:
        subject = self.pb.spec.subject
        if subject is None:
            return
        origin = self._inline(["subject"], "subject")
        if not self._source(subject, origin, set(self.fields), self._template_unknown):
            self.broken.add("*")

    def _unused_fields(self) -> None:
        if self.partial:  # an unread template or computed include could read any field
            return
        for i, f in enumerate(self.pb.fields):
            # Email fields address the draft (Draft.to) whether or not a template shows them.
            if f.name not in self.used and f.type != "email":
                self.add(
                    self.path,
                    self.yaml.at(["fields", i, "name"]),
                    "unused-field",
                    f"fields[{i}] ({f.name}): no variant, subject, when or default uses it",
                )

    def _examples(self) -> dict[str, dict[str, Any]]:
        """Render every example with every variant; the answers of those that collect."""
        pb = self.pb
        if not pb.spec.examples:
            message = "no examples: add some under 'examples:' so lint can render every variant"
            self.add(self.path, (1, 1), "no-examples", message)
            return {}
        if "*" in self.broken:
            return {}
        collected: dict[str, dict[str, Any]] = {}
        for name, given in pb.spec.examples.items():
            at = self.yaml.at(["examples", name], key=True)
            try:
                values, me = pipeline.collect(pb, given)
            except DrafterError as exc:
                if isinstance(exc, AnswerError) and exc.field in given:
                    at = self.yaml.at(["examples", name, exc.field])
                self.add(self.path, at, "example-fails", f"example {name!r}: {_message(exc)}")
                continue
            collected[name] = values
            for v in pb.spec.variants:
                if v.name in self.broken:
                    continue
                what = f"example {name!r}, variant {v.name!r}"
                try:
                    outcome = pipeline.finish(pb, v.name, values, me)
                except DrafterError as exc:
                    detail = _message(exc).removeprefix(f"playbook {pb.id!r}, variant {v.name!r}")
                    detail = detail.removeprefix(": ").removeprefix(", ")
                    self.add(self.path, at, "example-fails", f"{what} does not render: {detail}")
                    continue
                for result in outcome.checks:
                    if not result.ok:
                        fix = f" (fix: {result.fix})" if result.fix else ""
                        self.add(
                            self.path, at, "example-fails",
                            f"{what}: check {result.id!r} fails: {result.message}{fix}",
                        )  # fmt: skip
        return collected

    def _coverage(self, collected: dict[str, dict[str, Any]]) -> None:
        """Every choice value appears in some example (its collected answers, else as given)."""
        examples = self.pb.spec.examples
        if not examples:
            return
        for i, f in enumerate(self.pb.fields):
            if f.type not in _CHOICE_TYPES:
                continue
            seen: set[str] = set()
            for name, given in examples.items():
                if name in collected:
                    value = collected[name].get(f.name)
                else:
                    try:
                        value = answers_mod.coerce(f, given.get(f.name))
                    except DrafterError:
                        continue
                seen.update(value if isinstance(value, list) else [str(value)])
            missing = [j for j, c in enumerate(f.choices) if c.value not in seen]
            if not missing:
                continue
            names = ", ".join(f.choices[j].value for j in missing)
            self.add(
                self.path,
                self.yaml.at(["fields", i, "choices", missing[0], "value"]),
                "example-coverage",
                f"fields[{i}] ({f.name}): no example uses {names}",
            )


# --- AST helpers -------------------------------------------------------------------------


def _message(exc: DrafterError) -> str:
    """The error without its file prefix (the problem has its own)."""
    return exc.message if isinstance(exc, PlaybookError) else str(exc)


_Ref = nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport


class _Nodes:
    """The nodes the rules look at, gathered in one walk of a template's tree."""

    def __init__(self, ast: nodes.Template):
        self.lines: dict[str, int] = {}  # the first line each name is read on
        self.getters: list[nodes.Getattr | nodes.Getitem] = []
        self.compares: list[nodes.Compare] = []
        self.refs: list[_Ref] = []
        for node in ast.find_all(nodes.Node):
            if isinstance(node, nodes.Name):
                if node.ctx == "load":
                    self.lines[node.name] = min(node.lineno, self.lines.get(node.name, node.lineno))
            elif isinstance(node, nodes.Getattr | nodes.Getitem):
                self.getters.append(node)
            elif isinstance(node, nodes.Compare):
                self.compares.append(node)
            elif isinstance(node, _TEMPLATE_REFS):
                self.refs.append(node)


def _me_attrs(getters: list[nodes.Getattr | nodes.Getitem]) -> Iterator[tuple[nodes.Node, str]]:
    """`me.x` and `me['x']` where x is not a sender key."""
    for node in getters:
        target = node.node
        if not (isinstance(target, nodes.Name) and target.name == "me" and target.ctx == "load"):
            continue
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attr = node.arg.value
        else:
            continue
        if attr not in ME_KEYS:
            yield node, attr


def _is_str(node: nodes.Node) -> TypeGuard[nodes.Const]:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _compared(compares: list[nodes.Compare]) -> Iterator[tuple[nodes.Node, str, str, bool]]:
    """(node, field, literal, membership) for `f == 'x'`, `f in ['x', 'y']` and `'x' in f`."""
    for cmp in compares:
        left = cmp.expr
        for op in cmp.ops:
            right = op.expr
            if op.op in ("eq", "ne"):
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, nodes.Name) and _is_str(b):
                        yield cmp, a.name, b.value, False
            elif op.op in ("in", "notin"):
                if isinstance(left, nodes.Name) and isinstance(right, nodes.List | nodes.Tuple):
                    for item in right.items:
                        if _is_str(item):
                            yield cmp, left.name, item.value, False
                elif _is_str(left) and isinstance(right, nodes.Name):
                    yield cmp, right.name, left.value, True
            left = right
