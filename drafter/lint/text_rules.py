"""Rules on template text and expressions: each judges what `reading` found, once per playbook."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.lint.context import LintContext
from drafter.lint.nodes import compared, me_attrs
from drafter.lint.problems import Finding
from drafter.lint.texts import OUTSIDE, Ref, SyntaxRule, Text
from drafter.playbook import ME_KEYS, suggest

_CHOICE_TYPES = ("choice", "multichoice")


def template_syntax(ctx: LintContext) -> Iterator[Finding]:
    """Template text that does not compile, and template files that cannot be read."""
    yield from _failures(ctx, "template-syntax")


def expression_syntax(ctx: LintContext) -> Iterator[Finding]:
    """A `when`, templated default or shown text of a field that does not compile."""
    yield from _failures(ctx, "expression-syntax")


def _failures(ctx: LintContext, rule: SyntaxRule) -> Iterator[Finding]:
    for text in ctx.reading.texts:
        if text.failure is not None and text.syntax_rule == rule:
            origin = text.origin
            at = origin.at(text.failure.lineno)
            yield Finding(origin.path, at, f"{origin.what}: {text.failure.reason}")


def undefined_variable(ctx: LintContext) -> Iterator[Finding]:
    """A name a template reads that is not a field, me, or its own; `me.x` for no key x."""
    for text in ctx.reading.texts:
        if text.names_rule == "undefined-variable":
            yield from _unknown_names(text)
        if text.nodes is None:
            continue
        for node, attr in me_attrs(text.nodes.getters):
            keys = f"{suggest(attr, ME_KEYS)}; keys: {', '.join(ME_KEYS)}"
            at = text.origin.at(node.lineno, f"me.{attr}")
            yield Finding(text.origin.path, at, f"me.{attr} is not a sender key{keys}")


def expression_order(ctx: LintContext) -> Iterator[Finding]:
    """A field's expression that reads a later field, itself, or no field at all."""
    for text in ctx.reading.texts:
        if text.names_rule == "expression-order":
            yield from _unknown_names(text)


def _unknown_names(text: Text) -> Iterator[Finding]:
    lines = text.nodes.lines if text.nodes is not None else {}
    for name in text.unknown:
        at = text.origin.at(lines.get(name, 1), name)
        yield Finding(text.origin.path, at, text.describe(name))


def unknown_choice_reference(ctx: LintContext) -> Iterator[Finding]:
    """`tone == 'wram'`: a choice field compared with something that is not one of its values."""
    for text in ctx.reading.texts:
        if text.nodes is None:
            continue
        for node, name, value, member in compared(text.nodes.compares):
            f = ctx.fields.get(name)
            if f is None or f.type not in _CHOICE_TYPES or value in f.choice_values():
                continue
            if member and f.type != "multichoice":  # `'x' in text` is a substring test
                continue
            values = f.choice_values()
            yield Finding(
                text.origin.path,
                text.origin.at(node.lineno, value),
                f"{text.origin.what}: {value!r} is not a value of {name}{suggest(value, values)}; "
                f"values: {', '.join(values)}",
            )


def template_missing(ctx: LintContext) -> Iterator[Finding]:
    """A variant's template file that is not there (or an empty path)."""
    for ref in ctx.reading.refs:
        empty = ref.status == "bad-path" and not (ref.name or "").strip()
        if ref.variant and (ref.status == "missing" or empty):
            yield Finding(ref.path, ref.at, _ref_message(ref))


def template_escape(ctx: LintContext) -> Iterator[Finding]:
    """A template path leaving templates/; for include tags, any file that is not there."""
    for ref in ctx.reading.refs:
        if ref.status == "outside":
            escapes = True
        elif ref.status == "bad-path":  # a variant's empty path is missing, not escaping
            escapes = not ref.variant or bool((ref.name or "").strip())
        else:
            escapes = ref.status == "missing" and not ref.variant
        if escapes:
            yield Finding(ref.path, ref.at, _ref_message(ref))


def template_dynamic_include(ctx: LintContext) -> Iterator[Finding]:
    """An include or import of a computed name, which lint cannot follow."""
    for ref in ctx.reading.refs:
        if ref.status == "computed":
            yield Finding(ref.path, ref.at, _ref_message(ref))


def _ref_message(ref: Ref) -> str:
    if ref.status == "computed":
        return f"{ref.label} of a computed name; lint cannot follow it"
    if ref.status == "bad-path":
        return f"{ref.label}: {ref.detail}"
    why = OUTSIDE if ref.status == "outside" else ref.detail
    return f"{ref.label}: {ref.name!r} {why}"


def unused_field(ctx: LintContext) -> Iterator[Finding]:
    """A field no template, subject, `when` or default reads."""
    if ctx.reading.partial:  # an unread template or computed include could read any field
        return
    for i, f in enumerate(ctx.pb.fields):
        # Email fields address the draft (Draft.to) whether or not a template shows them.
        if f.name not in ctx.reading.used and f.type != "email":
            yield Finding(
                ctx.path,
                ctx.positions.at(["fields", i, "name"]),
                f"fields[{i}] ({f.name}): no variant, subject, when or default uses it",
            )
