"""Rules on the playbook as data: the loader's checks, and its examples rendered with every variant.

Examples render with an empty sender profile plus their own `me:`, so a
playbook lints the same for everyone (and against the stricter free-account
LinkedIn limit unless an example says `linkedin_account: premium`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter import answers, checks, pipeline, sandbox
from drafter.errors import AnswerError, DrafterError, PlaybookError, RenderError
from drafter.lint.context import LintContext
from drafter.lint.problems import Finding
from drafter.playbook import Variant


def schema(ctx: LintContext) -> Iterator[Finding]:
    """The loader's checks past the typed model (duplicate names, choices, must_mention...)."""
    for err in ctx.semantic_errors:
        if err.rule == "schema":  # a variant's template path is the template rules' business
            yield Finding(ctx.path, (err.line or 1, err.col or 1), err.message)


def follow_up_playbook(ctx: LintContext) -> Iterator[Finding]:
    """A follow-up that suggests a playbook found in neither this library, the built-ins nor
    the user's library (`drafter due` would suggest a draft that cannot be made)."""
    plan = ctx.pb.spec.follow_up
    if plan is None or not plan.playbook:
        return
    from drafter import library

    known = {*ctx.library.ids(), *library.builtin().ids(), *library.user().ids()}
    if plan.playbook not in known:
        from drafter.playbook import suggest

        at = ctx.positions.at(["follow_up", "playbook"])
        hint = suggest(plan.playbook, sorted(known))
        yield Finding(ctx.path, at, f"follow_up.playbook: no playbook {plan.playbook!r}{hint}")


def no_examples(ctx: LintContext) -> Iterator[Finding]:
    """A valid playbook without examples: lint cannot render its variants."""
    if ctx.schema_ok and not ctx.pb.spec.examples:
        message = "no examples: add some under 'examples:' so lint can render every variant"
        yield Finding(ctx.path, (1, 1), message)


def example_fails(ctx: LintContext) -> Iterator[Finding]:
    """An example whose answers do not collect, or that a variant cannot render or check."""
    found: list[Finding] = []
    with sandbox.many():  # every example x variant, as drafter batch drafts its rows
        for name, collected in ctx.collected.items():
            at = ctx.positions.at(["examples", name], key=True)
            if isinstance(collected, DrafterError):
                given = ctx.pb.spec.examples[name]
                if isinstance(collected, AnswerError) and collected.field in given:
                    at = ctx.positions.at(["examples", name, collected.field])
                found.append(Finding(ctx.path, at, f"example {name!r}: {_message(collected)}"))
                continue
            for variant in ctx.pb.spec.variants:
                if variant.name not in ctx.reading.broken:
                    found += _render(ctx, name, at, variant, *collected)
    yield from found  # outside many(): other rules' work between these is timed as ever


def _render(
    ctx: LintContext,
    name: str,
    at: tuple[int, int],
    variant: Variant,
    values: dict[str, Any],
    me: dict[str, Any],
) -> Iterator[Finding]:
    """Render one example with one variant; its failure or failed checks."""
    what = f"example {name!r}, variant {variant.name!r}"
    try:
        outcome = pipeline.finish(ctx.pb, variant.name, values, me)
    except DrafterError as exc:
        detail = _render_detail(exc, ctx.pb.id, variant.name)
        yield Finding(ctx.path, at, f"{what} does not render: {detail}")
        return
    for result in outcome.checks:
        # An example without a sender's name is no fault of the playbook: drafter asks a
        # real sender for it, and flags a draft that has none.
        if not result.ok and result.field != checks.SENDER_NAME:
            fix = f" (fix: {result.fix})" if result.fix else ""
            message = f"{what}: check {result.id!r} fails: {result.message}{fix}"
            yield Finding(ctx.path, at, message)


def example_coverage(ctx: LintContext) -> Iterator[Finding]:
    """A choice value no example uses (its collected answers, else as given)."""
    examples = ctx.pb.spec.examples
    if not examples:
        return
    for i, f in enumerate(ctx.pb.fields):
        if f.type not in ("choice", "multichoice"):
            continue
        seen: set[str] = set()
        for name, given in examples.items():
            collected = ctx.collected.get(name)
            if isinstance(collected, tuple):
                value = collected[0].get(f.name)
            else:
                try:
                    value = answers.coerce(f, given.get(f.name))
                except DrafterError:
                    continue
            seen.update(value if isinstance(value, list) else [str(value)])
        missing = [j for j, c in enumerate(f.choices) if c.value not in seen]
        if missing:
            names = ", ".join(f.choices[j].value for j in missing)
            yield Finding(
                ctx.path,
                ctx.positions.at(["fields", i, "choices", missing[0], "value"]),
                f"fields[{i}] ({f.name}): no example uses {names}",
            )


def _message(exc: DrafterError) -> str:
    """The error without its file prefix (the problem has its own)."""
    return exc.message if isinstance(exc, PlaybookError) else str(exc)


def _render_detail(exc: DrafterError, playbook_id: str, variant: str) -> str:
    """Why a variant did not render, without the playbook and variant the message names.

    The one place lint still reads an error's text: sandbox.run builds a RenderError's
    message from `render`'s "playbook 'x', variant 'v'" and the reason, and keeps no
    fields. When RenderError carries them, use those instead.
    """
    detail = _message(exc)
    if isinstance(exc, RenderError):
        detail = detail.removeprefix(f"playbook {playbook_id!r}, variant {variant!r}")
        detail = detail.removeprefix(": ").removeprefix(", ")
    return detail
