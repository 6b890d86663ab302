"""`drafter history` (list, show, sent, forget) and `drafter again`: the drafts that left drafter."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import click

from drafter import history
from drafter.cli import console, views
from drafter.cli.options import CONTEXT, format_option, search
from drafter.errors import UsageError

if TYPE_CHECKING:
    from drafter.playbook import Playbook


def complete_id(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """The 20 most recent drafts' ids, each with its playbook and whom it was to."""
    from click.shell_completion import CompletionItem

    try:
        recent = history.find(limit=20)
    except history.HistoryError:
        return []
    return [
        CompletionItem(str(r.id), help=f"{r.playbook}, {r.to or 'no name'}, {r.created[:10]}")
        for r in recent
        if str(r.id).startswith(incomplete)
    ]


_RELATIVE = re.compile(r"^\s*(\d{1,5})\s*(d|day|days|w|week|weeks)\s*$", re.I)


def parse_when(text: str, option: str, now: datetime | None = None) -> datetime:
    """'2026-11-01', '2026-11-01T09:30', '7d' or '2 weeks' (ago) -> an aware datetime."""
    problem = (
        f"{option} {text!r}: expected a date (2026-11-01), a date and time "
        "(2026-11-01T09:30) or a span ago (7d, 2w)"
    )
    found = _RELATIVE.match(text)
    try:
        if found:
            count = int(found.group(1))
            days = count * 7 if found.group(2).lower().startswith("w") else count
            when = (now or datetime.now(timezone.utc)) - timedelta(days=days)  # may overflow
        elif len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            when = datetime(day.year, day.month, day.day)
        else:
            when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(problem) from None
    try:
        when = when if when.tzinfo else when.astimezone()  # local time
        when.astimezone(timezone.utc)  # what the history compares with: must exist too
    except (ValueError, OverflowError):
        raise UsageError(f"{option} {text!r}: outside the dates drafter can compare") from None
    return when


# A draft's id as SQLite keeps it; a larger number cannot name one.
DRAFT_ID = click.IntRange(min=1, max=2**63 - 1)


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.option("--playbook", metavar="ID", help="Only drafts of this playbook.")
@click.option("--to", "to", metavar="NAME", help="Only drafts to or about NAME (any part).")
@click.option("--since", metavar="DATE", help="Only drafts since DATE (2026-11-01, or 7d, 2w).")
@click.option("--limit", type=click.IntRange(min=1, max=1_000_000), default=20, show_default=True)
@format_option("table", "json", help="table: one line a draft; json: every field.")
@click.pass_context
def history_group(
    ctx: click.Context,
    playbook: str | None,
    to: str | None,
    since: str | None,
    limit: int,
    fmt: str,
) -> None:
    """The drafts that left drafter (printed, copied, written, opened), newest first.

    Kept in history.db beside your profile, readable by you alone: the answers
    (never your profile), the final text, and what happened to it. Turn it off
    with --no-history on a draft, DRAFTER_NO_HISTORY=1, or
    'drafter profile set history=off'.

    \b
    Examples:
      drafter history
      drafter history --to Kim --since 30d
      drafter history show 12
      drafter again 12                # the review loop, with that draft's answers
      drafter history sent 12         # you sent it: drafter never sends
      drafter history forget --before 2026-01-01
    """
    if ctx.invoked_subcommand is not None:
        return
    if to is not None and not to.strip():
        raise UsageError("--to needs a name (or part of one)")
    found = history.find(
        playbook=playbook,
        to=to,
        since=parse_when(since, "--since") if since else None,
        limit=limit,
    )
    if fmt == "json":
        console.out_data(json.dumps([_as_dict(r) for r in found], ensure_ascii=False, indent=2))
        return
    if not found:
        console.err(views.history_empty(filtered=bool(playbook or to or since)))
        return
    for line in views.history_table(found):
        console.out(line)


def _as_dict(record: history.Record) -> dict[str, Any]:
    import msgspec

    return msgspec.to_builtins(record)  # type: ignore[no-any-return]


@history_group.command("show", context_settings=CONTEXT)
@click.argument("draft_id", type=DRAFT_ID, metavar="ID", shell_complete=complete_id)
@format_option("text", "json", help="text: the draft and what made it; json: every field.")
def show(draft_id: int, fmt: str) -> None:
    """Show one recorded draft: its text, answers and what happened to it.

    \b
    Examples:
      drafter history show 12
      drafter history show 12 --format json
    """
    record = history.get(draft_id)
    if fmt == "json":
        console.out_data(json.dumps(_as_dict(record), ensure_ascii=False, indent=2))
        return
    for line in views.history_record(record):
        console.out(line)


@history_group.command("sent", context_settings=CONTEXT)
@click.argument("draft_id", type=DRAFT_ID, metavar="ID", shell_complete=complete_id)
def sent(draft_id: int) -> None:
    """Mark a draft as sent (you send it yourself; drafter never does).

    \b
    Examples:
      drafter history sent 12
    """
    history.mark_sent(draft_id)
    console.err(views.marked_sent(draft_id))


@history_group.command("forget", context_settings=CONTEXT)
@click.argument("draft_ids", type=DRAFT_ID, nargs=-1, metavar="[ID]...", shell_complete=complete_id)
@click.option("--before", metavar="DATE", help="Every draft made before DATE.")
@click.option("--all", "everything", is_flag=True, help="Every draft.")
def forget(draft_ids: tuple[int, ...], before: str | None, everything: bool) -> None:
    """Delete drafts from the history for good (the file is rewritten, nothing stays).

    \b
    Examples:
      drafter history forget 12 13
      drafter history forget --before 2026-01-01
      drafter history forget --all
    """
    chosen = sum(bool(x) for x in (draft_ids, before, everything))
    if chosen != 1:
        raise UsageError("forget takes IDs, --before DATE or --all (one of them)")
    for draft_id in draft_ids:
        history.get(draft_id)  # an unknown id is an error, not a silent nothing
    gone = history.forget(
        ids=draft_ids,
        before=parse_when(before, "--before") if before else None,
        everything=everything,
    )
    console.err(views.forgotten(gone))


@click.command(context_settings=CONTEXT, short_help="Bring back a recorded draft.")
@click.argument("draft_id", type=DRAFT_ID, metavar="ID", shell_complete=complete_id)
@click.option("--variant", metavar="NAME", help="Another style than the one recorded.")
@click.option("--no-history", is_flag=True, help="Do not record this run.")
@click.pass_context
def again(ctx: click.Context, draft_id: int, variant: str | None, no_history: bool) -> None:
    """Draft again from a recorded draft's playbook, style and answers.

    In a terminal this opens the review loop, to switch style, change an
    answer or copy; otherwise it prints the draft.

    \b
    Examples:
      drafter again 12
      drafter again 12 --variant formal
    """
    from drafter.cli import draft
    from drafter.library import playbook_is_path

    record = history.get(draft_id)
    pb = search(ctx).load(record.playbook)
    given = dict(record.answers)
    if history.file_hash(pb) != record.playbook_sha256:
        console.err(views.warning(views.playbook_changed(record)))
        given, stale = _still_valid(pb, given)
        if stale:
            console.err(views.warning(views.stale_answers(stale)))
    names = [v.name for v in pb.spec.variants]
    chosen = variant or (record.variant if record.variant in names else None)
    draft.run(
        pb,
        chosen,
        given,
        interactive=console.stdin_is_tty(),
        record=not no_history,
        ref=record.playbook if playbook_is_path(record.playbook) else None,
    )


def _still_valid(pb: Playbook, recorded: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The recorded answers the playbook, as it is now, still takes; and the others' names."""
    from drafter import answers

    fields = {f.name: f for f in pb.fields}
    kept: dict[str, Any] = {}
    stale: list[str] = []
    for name, value in recorded.items():
        field = fields.get(name)
        if field is None:
            stale.append(name)
            continue
        try:
            kept[name] = answers.validate(field, value)
        except UsageError:
            stale.append(name)
    return kept, stale
