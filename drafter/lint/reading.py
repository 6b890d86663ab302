"""Reading a playbook's template text once for every rule: what each piece says and includes.

Every string Jinja reads (variant text and files, the subject, a field's `when`,
templated default, prompt, help, example and frame, a check's `when`) becomes a
`Text`; every template file it names (a variant's `template:`, an include or
import tag) a `Ref`. Template files are read once, however many texts reach
them. Rules then judge these facts; reading judges only whether a variant (or,
for shared text, every variant) has a static error and so will not render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from drafter import sandbox, yamlio
from drafter.lint.nodes import REF_KIND, Nodes, me_attrs
from drafter.lint.positions import Origin, Positions
from drafter.lint.texts import Failure, NamesRule, Reading, Ref, SyntaxRule, Text
from drafter.playbook import Field, Playbook, is_template, suggest, template_path_problem


@dataclass(frozen=True)
class _File:
    """A template file that is there: its source, or why it cannot be read."""

    ref: str
    path: Path
    source: str | None
    why: str = ""


def read(pb: Playbook, positions: Positions, env: jinja2.Environment, tdir: Path) -> Reading:
    """Read every piece of template text in `pb` and every template file it names."""
    reader = _Reader(pb, positions, env, tdir)
    for i, f in enumerate(pb.fields):
        if not reader.field(i, f):
            reader.out.broken.add("*")
    if not reader.checks():
        reader.out.broken.add("*")
    for i, v in enumerate(pb.spec.variants):
        if not reader.variant(i):
            reader.out.broken.add(v.name)
    if not reader.subject():
        reader.out.broken.add("*")
    return reader.out


class _Reader:
    """Walks the playbook's text in file order, filling one Reading."""

    def __init__(self, pb: Playbook, positions: Positions, env: jinja2.Environment, tdir: Path):
        self.pb = pb
        self.positions = positions
        self.env = env
        self.base = sandbox.environment()  # how `when` expressions compile
        self.tdir = tdir
        self.everything = {f.name for f in pb.fields}
        self.order = {f.name: i for i, f in enumerate(pb.fields)}
        self.globals = set(env.globals)
        self.visited: dict[Path, bool] = {}  # template files read: clean?
        self.out = Reading()

    # --- the playbook's strings ---

    def field(self, i: int, f: Field) -> bool:
        """Field i's `when`, templated default and shown text; False when one has errors."""
        earlier = {g.name for g in self.pb.fields[:i]}
        ok = True
        if f.when is not None:
            origin = self.positions.origin(["fields", i, "when"], f"fields[{i}].when")
            ok = self._when(f.when, origin, self._order(origin, i), earlier, "expression-order")
        if f.default_is_template:
            origin = self.positions.origin(["fields", i, "default"], f"fields[{i}].default")
            ok = self._expression(str(f.default), origin, i, earlier, self.env) and ok
        # What the person sees is rendered over earlier answers; a frame's words over all.
        shown: list[tuple[list[yamlio.PathSeg], str | None, set[str]]] = [
            (["fields", i, key], getattr(f, key), earlier) for key in ("prompt", "help", "example")
        ]
        if f.frame is not None:
            shown.append((["fields", i, "frame", "text"], f.frame.text, earlier))
            shown += [
                (["fields", i, "frame", "drop", j], phrase, self.everything)
                for j, phrase in enumerate(f.frame.drop)
            ]
        for where, text, allowed in shown:
            if text is None or not is_template(text):
                continue
            origin = self.positions.origin(where, yamlio.describe(where))
            ok = self._expression(text, origin, i, allowed, self.env) and ok
        return ok

    def checks(self) -> bool:
        """Each `checks.warn[].when`; False when one has errors."""
        ok = True
        for j, warn in enumerate(self.pb.spec.checks.warn):
            where = f"checks.warn[{j}].when"
            origin = self.positions.origin(["checks", "warn", j, "when"], where)
            unknown = self._template_unknown
            ok = (
                self._when(warn.when, origin, unknown, self.everything, "undefined-variable") and ok
            )
        return ok

    def variant(self, i: int) -> bool:
        """Variant i's text or template file; False when it has errors."""
        v = self.pb.spec.variants[i]
        if v.template is not None:
            at = self.positions.at(["variants", i, "template"])
            label = f"variants[{i}].template"
            unknown = self._template_unknown
            path = self.positions.path
            ref = self._follow(v.template, label, path, at, self.everything, unknown, variant=True)
            return ref is not None and ref.ok
        if v.text is not None:
            origin = self.positions.origin(["variants", i, "text"], f"variants[{i}].text")
            return self._source(v.text, origin, self.everything, self._template_unknown)
        return True

    def subject(self) -> bool:
        """The subject line's template text; False when it has errors."""
        if self.pb.spec.subject is None:
            return True
        origin = self.positions.origin(["subject"], "subject")
        return self._source(self.pb.spec.subject, origin, self.everything, self._template_unknown)

    # --- how names outside what a text may use are worded ---

    def _template_unknown(self, name: str) -> str:
        return (
            f"{name!r} is undefined: not a field, me, nor set in the template"
            f"{suggest(name, list(self.order))}"
        )

    def _order(self, origin: Origin, index: int) -> Callable[[str], str]:
        def unknown(name: str) -> str:
            if self.order.get(name) == index:
                what = "this field itself"
            elif name in self.order:
                what = f"a later field (fields[{self.order[name]}])"
            else:
                what = f"not a field{suggest(name, list(self.order))}"
            return f"{origin.what} uses {name!r}, {what}; it can use only earlier fields and me"

        return unknown

    # --- texts ---

    def _when(
        self,
        when: str,
        origin: Origin,
        unknown: Callable[[str], str],
        allowed: set[str],
        names_rule: NamesRule,
    ) -> bool:
        """A `when` expression: it compiles as one, and as a template (so its names show)."""
        try:
            self.base.compile_expression(when)
        except jinja2.TemplateSyntaxError as exc:
            failure = Failure(exc.lineno, str(exc.message))
            self.out.texts.append(Text(origin, "expression-syntax", names_rule, unknown, failure))
            return False
        source = "{{ (" + when + ") }}"
        return self._source(
            source, origin, allowed, unknown, "expression-syntax", names_rule, self.base
        )

    def _expression(
        self, source: str, origin: Origin, index: int, allowed: set[str], env: jinja2.Environment
    ) -> bool:
        unknown = self._order(origin, index)
        return self._source(
            source, origin, allowed, unknown, "expression-syntax", "expression-order", env
        )

    def _source(
        self,
        source: str,
        origin: Origin,
        allowed: set[str],
        unknown: Callable[[str], str],
        syntax_rule: SyntaxRule = "template-syntax",
        names_rule: NamesRule = "undefined-variable",
        env: jinja2.Environment | None = None,
    ) -> bool:
        """Read one piece of template text and what it includes; False when it has errors."""
        text = Text(origin, syntax_rule, names_rule, unknown)
        self.out.texts.append(text)
        parsed = _parse(env or self.env, source, origin.template)
        if isinstance(parsed, Failure):
            text.failure = parsed
            return False
        names = meta.find_undeclared_variables(parsed)
        self.out.used |= names
        text.nodes = Nodes(parsed)
        text.unknown = sorted(names - allowed - self.globals - {"me"})
        ok = not text.unknown and next(me_attrs(text.nodes.getters), None) is None
        return self._includes(text, allowed, unknown) and ok

    def _includes(self, text: Text, allowed: set[str], unknown: Callable[[str], str]) -> bool:
        """Read the templates `text` includes or imports; False when one has errors."""
        assert text.nodes is not None
        origin = text.origin
        ok = True
        for node in text.nodes.refs:
            kind = REF_KIND[type(node)]
            label = f"{origin.what}: {{% {kind} %}}"
            target = node.template
            items = target.items if isinstance(target, nodes.List | nodes.Tuple) else [target]
            if not all(isinstance(i, nodes.Const) and isinstance(i.value, str) for i in items):
                at = origin.at(node.lineno, kind)
                self.out.refs.append(Ref(label, origin.path, at, None, "computed", variant=False))
                continue
            ignore_missing = isinstance(node, nodes.Include) and node.ignore_missing
            for item in items:
                assert isinstance(item, nodes.Const)
                name: str = item.value
                at = origin.at(node.lineno, name)
                ref = self._follow(
                    name, label, origin.path, at, allowed, unknown, ignore_missing=ignore_missing
                )
                ok = (ref is None or ref.ok) and ok
        return ok

    # --- template files ---

    def _follow(
        self,
        name: str,
        label: str,
        path: Path | str,
        at: tuple[int, int],
        allowed: set[str],
        unknown: Callable[[str], str],
        *,
        variant: bool = False,
        ignore_missing: bool = False,
    ) -> Ref | None:
        """Find template `name` and read it; None for a missing include marked ignore missing."""
        bad = template_path_problem(name)
        if bad:
            ref = Ref(label, path, at, name, "bad-path", variant, detail=bad, ok=False)
        elif (found := self._open(name)) is not None:
            ok = self._file(found, allowed, unknown)
            ref = Ref(label, path, at, name, "found", variant, ok=ok)
        elif (self.tdir / name).is_file():  # there, but the sandbox's loader will not have it
            ref = Ref(label, path, at, name, "outside", variant, ok=False)
        elif ignore_missing:
            return None
        else:
            ref = Ref(label, path, at, name, "missing", variant, self._not_there(name), ok=False)
        self.out.refs.append(ref)
        return ref

    def _open(self, ref: str) -> _File | None:
        """Template `ref` in the library, or None when it is not there."""
        loader = self.env.loader
        assert loader is not None
        path = self.tdir / ref
        try:
            source, _filename, _uptodate = loader.get_source(self.env, ref)
        except jinja2.TemplateNotFound:
            return None
        except UnicodeDecodeError as exc:
            return _File(ref, path, None, f"not UTF-8 text (byte {exc.start + 1})")
        except OSError as exc:
            return _File(ref, path, None, f"cannot read: {exc.strerror}")
        return _File(ref, path, source)

    def _file(self, found: _File, allowed: set[str], unknown: Callable[[str], str]) -> bool:
        """Read a template file once, however many variants and includes reach it."""
        key = found.path.resolve()
        if key not in self.visited:
            self.visited[key] = True  # before recursing: an include cycle ends here
            what = f"template {found.ref!r}"
            if found.source is None:
                origin = Origin(found.path, [], what)
                failure = Failure(1, found.why)
                text = Text(origin, "template-syntax", "undefined-variable", unknown, failure)
                self.out.texts.append(text)
                self.visited[key] = False
            else:
                lines = found.source.splitlines()
                origin = Origin(found.path, lines, what, template=found.ref)
                self.visited[key] = self._source(found.source, origin, allowed, unknown)
        return self.visited[key]

    def _not_there(self, ref: str) -> str:
        loader = self.env.loader
        names = loader.list_templates() if loader is not None and self.tdir.is_dir() else []
        return f"does not exist in {self.tdir}{suggest(ref, names)}"


def _parse(env: jinja2.Environment, source: str, template: str | None) -> nodes.Template | Failure:
    """The template's tree, or why it does not compile."""
    try:
        if template is not None:
            env.get_template(template)  # compiled and cached for the examples
            return env.parse(source)
        ast = env.parse(source)
        env.compile(ast)  # code generation finds unknown filters and tests
        return ast
    except jinja2.TemplateSyntaxError as exc:
        return Failure(exc.lineno, str(exc.message))
    except RecursionError:
        return Failure(1, "nested too deeply")
    except SyntaxError as exc:  # Python's compiler refusing what Jinja generated
        return Failure(1, f"does not compile: {exc.msg}")
