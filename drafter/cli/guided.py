"""`drafter` with no command: in a terminal, pick a playbook and a style, answer, copy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from drafter.cli import console, list_, views
from drafter.cli.options import search
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.contacts import Contact
    from drafter.index import Summary
    from drafter.playbook import Playbook


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
    due = _due_count()
    if due:
        console.err(views.due_line(due))
    ok, bad = list_.load_entries(found)
    for entry, exc in bad:
        console.err(views.skipped_playbook(entry, exc))
    shown = [summary for e, summary in ok if e.overridden_by is None]
    chosen = prompts.pick_grouped("What do you want to write?", picker_groups(shown))
    pb = found.load(chosen)
    variant = None
    if len(pb.spec.variants) > 1:
        variant = prompts.pick(
            "Which style?",
            [(v.name, v.name, v.description) for v in pb.spec.variants],
        )
    people = _who(pb)
    given = draft.contact_answers(pb, people)
    # The whole point of the guided flow: the message ends up on the clipboard. The review
    # loop's `c` does that; where the loop is off, the draft is copied as soon as it is made.
    draft.run(pb, variant, given, interactive=True, copy=True, copy_required=False,
              people=people)  # fmt: skip


# The built-ins' groups, in the order a networking week meets them; others follow by name.
GROUPS = ("Reaching out", "Replying", "Following up", "Introductions")
OTHER = "Other"


def picker_groups(
    playbooks: Sequence[Summary],
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The picker's list: (heading, [(id, title, summary)]), each group's by title; the
    built-ins' groups first, then any other group by name, then those without one."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for pb in playbooks:
        heading = " ".join((pb.group or "").split()) or OTHER
        found.setdefault(heading, []).append((pb.id, pb.title, pb.summary))
    rest = sorted((g for g in found if g not in GROUPS and g != OTHER), key=str.lower)
    order = [*(g for g in GROUPS if g in found), *rest, *([OTHER] if OTHER in found else [])]
    return [(g, sorted(found[g], key=lambda item: item[1].lower())) for g in order]


def _due_count() -> int:
    """How many people are due, when there is a history and it is on; else 0, quietly."""
    from drafter import history

    if history.disabled_by_env() or not history.path().exists():
        return 0
    from drafter import followups
    from drafter.profile import load_settings

    try:
        settings = load_settings()
        if not settings["history"]:
            return 0
        return followups.count_due(count_copied=bool(settings["copied_is_sent"]))
    except DrafterError:
        return 0


def _who(pb: Playbook) -> list[Contact]:
    """ "Who is it to?": type to find a contact, or Enter to skip (then the playbook asks).
    Asked only when there are contacts and the playbook has a field for one."""
    from drafter import contacts, history, prompts

    if history.disabled_by_env() or not history.path().exists() or not contacts.slots(pb):
        return []
    try:
        everyone = contacts.everyone()
    except DrafterError:
        return []
    if not everyone:
        return []
    counts = Counter(history.fold(c.name) for c in everyone)
    items = [
        (str(c.id), f"{c.name} ({views.contact_summary(c)})" if counts[history.fold(c.name)] > 1
         else c.name)
        for c in everyone
    ]  # fmt: skip
    chosen = prompts.search("Who is it to? (type to search; Enter to skip)", items)
    return [next(c for c in everyone if str(c.id) == chosen)] if chosen else []
