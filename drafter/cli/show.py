"""`drafter show`: a playbook's questions, choices and variants, as a person would be asked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from drafter import answers, pipeline
from drafter.cli import console, views
from drafter.cli.options import CONTEXT, format_option, playbook_argument, search
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.playbook import Field, Playbook


@click.command(context_settings=CONTEXT)
@playbook_argument
@format_option("text", "json")
@click.pass_context
def show(ctx: click.Context, playbook: str, fmt: str) -> None:
    """Show a playbook's questions, choices and variants.

    \b
    Examples:
      drafter show intro-request
      drafter show double-intro --format json
    """
    pb = search(ctx).load(playbook)
    if fmt == "json":
        console.out_data(views.playbook_json(pb, shown_fields(pb)))
        return
    console.out(views.playbook_text(pb, shown_fields(pb)))


def shown_fields(pb: Playbook) -> list[Field]:
    """Each field as a person sees it: prompts that use earlier answers are rendered over
    the first example in which the field is asked (else over defaults); the JSON's
    `prompt_template` keeps the source."""
    filled = _filled_examples(pb)
    me = answers.split_me(pb, {}, {})[1]
    defaults: dict[str, Any] = {}
    out = []
    for i, f in enumerate(pb.fields):
        sources = [(v, m) for v, m in filled if answers.asks(pb, i, v, m)] + [(defaults, me)]
        out.append(_presented(pb, i, sources))
        try:
            default = answers.default_for(pb, i, defaults, me)
        except DrafterError:
            default = None
        defaults[f.name] = default if default is not None else answers.empty(f)
    return out


def _filled_examples(pb: Playbook) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The answers and sender of every example that collects without an error."""
    filled = []
    for given in pb.spec.examples.values():
        try:
            filled.append(pipeline.collect(pb, given))
        except DrafterError:
            continue
    return filled


def _presented(pb: Playbook, i: int, sources: list[tuple[dict[str, Any], dict[str, Any]]]) -> Field:
    """Field `i` rendered over the first answers it renders over; else as written."""
    for values, sender in sources:
        try:
            return answers.present(pb, i, values, sender)
        except DrafterError:  # an expression over answers that aren't there
            continue
    return pb.fields[i]
