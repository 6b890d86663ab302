"""`drafter` with no command: in a terminal, pick a playbook and a style, answer, copy."""

from __future__ import annotations

import click

from drafter.cli import console, list_, views
from drafter.cli.options import search


def start(ctx: click.Context) -> None:
    """The guided flow in a terminal; otherwise the help and the playbook list."""
    if not console.stdin_is_tty():
        click.echo(ctx.get_help())
        click.echo()
        list_.print_table(search(ctx))
        return
    from drafter import prompts
    from drafter.cli import draft

    found = search(ctx)
    ok, bad = list_.load_entries(found)
    for entry, exc in bad:
        console.err(views.skipped_playbook(entry, exc))
    items = [(pb.id, pb.title, pb.spec.summary) for e, pb in ok if e.overridden_by is None]
    items.sort(key=lambda item: item[1].lower())
    chosen = prompts.pick("What do you want to write?", items)
    pb = found.load(chosen)
    variant = None
    if len(pb.spec.variants) > 1:
        variant = prompts.pick(
            "Which style?",
            [(v.name, v.name, v.description) for v in pb.spec.variants],
        )
    # The whole point of the guided flow: the message ends up on the clipboard. The review
    # loop's `c` does that; where the loop is off, the draft is copied as soon as it is made.
    draft.run(pb, variant, {}, interactive=True, copy=True, copy_required=False)
