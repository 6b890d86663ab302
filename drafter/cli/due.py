"""`drafter due`: who you meant to keep in touch with, and the follow-ups whose day has come."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli import console, views
from drafter.cli.options import CONTEXT, complete_contact, format_option, search

if TYPE_CHECKING:
    from drafter.followups import Due

# What `due` suggests for a contact whose cadence has run: with something remembered about
# them, and without.
CADENCE_PLAYBOOKS = ("check-in", "reconnect")


@click.group(
    invoke_without_command=True,
    context_settings=CONTEXT,
    short_help="Who is due a message, and why.",
)
@format_option("table", "json", help="table: one line each; json: every field.")
@click.option(
    "--ics",
    "ics_file",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every follow-up to come as calendar events (an .ics file); '-' for stdout.",
)
@click.option("--force", is_flag=True, help="With --ics, replace an existing file.")
@click.pass_context
def due_group(ctx: click.Context, fmt: str, ics_file: Path | None, force: bool) -> None:
    """Who is due or overdue for a message, most overdue first, and why.

    A contact is due when their keep-in-touch cadence has run since you were
    last in touch (see 'drafter contacts cadence'), or when a follow-up a
    playbook scheduled has come (a coffee follow-up schedules a check-in).
    A draft marked sent, or 'drafter contacts touch', resets the clock.
    In a terminal, pick one to start the suggested draft to them.

    \b
    Examples:
      drafter due
      drafter due snooze kim 2w
      drafter due done kim
      drafter due --ics ~/follow-ups.ics
    """
    if ctx.invoked_subcommand is not None:
        return
    from drafter import followups

    settings = _settings()
    if ics_file is not None:
        _write_ics(ics_file, force, bool(settings["copied_is_sent"]))
        return
    items = followups.due(count_copied=bool(settings["copied_is_sent"]),
                          cadence_playbooks=cadence_playbooks(ctx))  # fmt: skip
    if fmt == "json":
        import msgspec

        console.out_data(json.dumps(msgspec.to_builtins(items), ensure_ascii=False, indent=2))
        return
    if not items:
        console.err(views.nobody_due(hint=not _any_cadence()))
        return
    for line in views.due_table(items):
        console.out(line)
    if console.stdin_is_tty() and console.stdout_is_tty():
        _pick_and_draft(ctx, items)


def _any_cadence() -> bool:
    """Whether any contact has a cadence, their own or a tag's (else `due` says how to)."""
    from drafter import contacts, followups

    return bool(followups.tag_cadences()) or any(c.cadence for c in contacts.everyone())


def _settings() -> dict[str, object]:
    from drafter.profile import load_settings

    return load_settings()


def cadence_playbooks(ctx: click.Context) -> tuple[str, str]:
    """What a cadence suggests: a check-in (about what you remember), else a reconnect;
    where the library lacks one, the other (or nothing)."""
    known = set(search(ctx).ids())
    found = [p if p in known else "" for p in CADENCE_PLAYBOOKS]
    return (found[0] or found[1], found[1] or found[0])


def _pick_and_draft(ctx: click.Context, items: list[Due]) -> None:
    """Offer to start the suggested draft to one of them (skippable)."""
    from drafter import contacts, followups, prompts
    from drafter.cli import draft

    usable = [d for d in items if d.playbook]
    if not usable:
        return
    choices = [(str(i), f"{d.name}: {d.playbook}", d.why) for i, d in enumerate(usable)]
    chosen = prompts.pick("Draft one now?", [*choices, ("", "Not now", "")], default="")
    if not chosen:
        return
    item = usable[int(chosen)]
    pb = search(ctx).load(item.playbook)
    # A follow-up to both people of an introduction is drafted to both: them first, then the
    # others the draft that scheduled it was to, as many as the playbook takes.
    others = followups.contacts_of(item.draft) if item.draft is not None else []
    ids = [item.contact_id, *(i for i in others if i != item.contact_id)]
    people = [contacts.get(i) for i in ids[: max(len(contacts.slots(pb)), 1)]]
    draft.run(pb, None, draft.contact_answers(pb, people), interactive=True,
              copy=True, copy_required=False, people=people)  # fmt: skip


def _write_ics(target: Path, force: bool, count_copied: bool) -> None:
    from drafter import followups, history, ics, output

    now = history.utc_now()
    items = followups.due(count_copied=count_copied, upcoming=True)
    events = followups.as_events(items, followups.today(lambda: now))
    text = ics.calendar(events, now)
    if str(target) == "-":
        console.out_data(text.rstrip("\r\n"))
        return
    output.write_atomic(target, text, force=force, private=True)  # names, remembered details
    console.err(views.wrote_events(target, len(events)))


@due_group.command("snooze", context_settings=CONTEXT)
@click.argument("name", metavar="NAME", shell_complete=complete_contact)
@click.argument("interval", metavar="INTERVAL")
def snooze(name: str, interval: str) -> None:
    """Not due for a while: INTERVAL is 10d, 2w, 3m or 1y.

    \b
    Examples:
      drafter due snooze kim 2w
    """
    from drafter import contacts, followups

    person = contacts.one(name)
    until = followups.snooze(person, interval)
    console.err(views.snoozed(person, until))


@due_group.command("done", context_settings=CONTEXT)
@click.argument("name", metavar="NAME", shell_complete=complete_contact)
def done(name: str) -> None:
    """You were in touch: close their due follow-ups and start the cadence again.

    \b
    Examples:
      drafter due done kim
    """
    from drafter import contacts, followups

    person = contacts.one(name)
    closed = followups.done(person)
    console.err(views.marked_done(person, closed))
