"""`drafter new` and `drafter edit`: start a playbook in the user library, edit it, lint it."""

from __future__ import annotations

import click

from drafter.cli import console, views
from drafter.cli.lint import count, lint_refs
from drafter.cli.options import CONTEXT, complete_playbook, search
from drafter.cli.root import EXIT_FAIL
from drafter.errors import DrafterError


@click.command(context_settings=CONTEXT)
@click.argument("playbook_id", metavar="ID")
@click.option(
    "--from",
    "source",
    metavar="PLAYBOOK",
    shell_complete=complete_playbook,
    help="Start from a copy of this playbook (and its templates).",
)
@click.pass_context
def new(ctx: click.Context, playbook_id: str, source: str | None) -> None:
    """Create a playbook in your user library and print its path.

    The file starts with a schema line, so YAML-aware editors complete and
    check keys as you type. It never overwrites an existing playbook.

    \b
    Examples:
      drafter new referral-thanks
      drafter new my-connection-request --from connection-request
      "$EDITOR" "$(drafter new recruiter-intro)"
    """
    from drafter import authoring

    found = search(ctx)
    src = found.load(source) if source else None
    path = authoring.new(playbook_id, src)
    click.echo(str(path))  # alone on stdout, for "$EDITOR $(drafter new ID)"
    shadowed = [e for e in found.entries() if e.id == playbook_id and e.library.source != "user"]
    overrides = shadowed[0].library.source if shadowed else None
    for line in views.created(playbook_id, overrides):
        console.err(line)


@click.command(context_settings=CONTEXT)
@click.argument("playbook_id", metavar="ID", shell_complete=complete_playbook)
@click.pass_context
def edit(ctx: click.Context, playbook_id: str) -> None:
    """Open a playbook in $VISUAL or $EDITOR, then lint it.

    A built-in or pack playbook is first copied to your user library (with
    its templates), so your edits override it and survive upgrades.

    \b
    Examples:
      drafter edit referral-thanks
      EDITOR=nano drafter edit decline-sales-pitch
    """
    from drafter import authoring

    found = search(ctx)
    pb = found.load(playbook_id)
    source = pb.library.source if pb.library else "user"
    path = pb.path
    if source == "built-in" or source.startswith("pack:"):
        path = authoring.new(pb.id, pb)
        console.err(views.copied_playbook(source, path))
    try:
        click.edit(filename=str(path))
    except click.ClickException as exc:
        raise DrafterError(f"{exc.format_message()} (set VISUAL or EDITOR)") from None
    problems = lint_refs(found, [path])
    for line in views.problems_text(problems):
        console.out(line)
    errors, warnings = count(problems)
    console.err(views.edit_summary(errors, warnings, path))
    if errors:
        ctx.exit(EXIT_FAIL)
