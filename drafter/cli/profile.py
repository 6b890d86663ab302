"""`drafter profile` and `drafter profile set`: who 'me' is in every message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from drafter.cli import console, views
from drafter.cli.options import CONTEXT, complete_pairs, key_values, me_choices
from drafter.profile import load, profile_path, save_profile

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.pass_context
def profile(ctx: click.Context) -> None:
    """Show the sender profile: who 'me' is in every message.

    \b
    Examples:
      drafter profile
      drafter profile set name="Ana Ruiz" headline="Data engineer" linkedin_account=premium
    """
    if ctx.invoked_subcommand is not None:
        return
    me, settings = load()
    click.echo(views.profile_heading(profile_path()))
    for line in views.profile_lines(me, settings):
        console.out(line)


def complete_key(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """KEY= for the profile's keys; linkedin_account=free|premium."""
    return complete_pairs(incomplete, me_choices())


@profile.command("set", context_settings=CONTEXT)
@click.argument(
    "pairs", nargs=-1, required=True, metavar="KEY=VALUE...", shell_complete=complete_key
)
def profile_set(pairs: tuple[str, ...]) -> None:
    """Set profile keys; an empty value clears one.

    Keys: name, headline, company, email, phone, linkedin, signature,
    linkedin_account (free or premium: premium allows 300-character notes).
    Settings: review (true/false: the menu after a draft), history (on/off),
    note_budget (connection notes a month, or unlimited), copied_is_sent (yes/no).

    \b
    Examples:
      drafter profile set name="Ana Ruiz" company=Acme
      drafter profile set linkedin_account=premium phone=
      drafter profile set review=false note_budget=5
    """
    saved = save_profile(key_values(pairs))
    console.err(views.saved(saved.path))
    if saved.note:
        console.err(views.warning(saved.note))
