"""`drafter batch`: one draft a row of a CSV (or a contact), checked, reported, written out."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafter import answers
from drafter.cli import console, views
from drafter.cli.options import (
    CONTEXT,
    complete_file,
    complete_playbook,
    complete_set,
    complete_variant,
    key_values,
    search,
)
from drafter.errors import UsageError
from drafter.library import playbook_is_path
from drafter.text import for_terminal

if TYPE_CHECKING:
    import sqlite3

    from drafter.batch import Plan, Result
    from drafter.contacts import Contact
    from drafter.playbook import Playbook

# A progress bar is worth its lines only for a batch that takes a while.
PROGRESS_AFTER = 1.0  # seconds: a batch quicker than this draws no progress bar


@click.command(context_settings=CONTEXT, short_help="Draft one message per row of a CSV.")
@click.argument("playbook", metavar="[PLAYBOOK]", required=False,
                shell_complete=complete_playbook)  # fmt: skip
@click.argument("rows_file", metavar="[ROWS.csv]", required=False, shell_complete=complete_file)
@click.option("--variant", metavar="NAME", shell_complete=complete_variant,
              help="Which variant to use (default: the first).")  # fmt: skip
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    shell_complete=complete_set,
    help="An answer shared by every row (a row's own column wins); me.KEY=VALUE for the sender.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read field FIELD (or me.KEY) from column COLUMN; COLUMN= leaves a column out.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write one file per row into DIR (0007-kim-nguyen.txt) instead of stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "text", "eml"]),
    help="stdout: jsonl (default) or csv; with --out: text (default) or eml (email playbooks).",
)
@click.option("--force", is_flag=True, help="With --out, replace files that exist.")
@click.option(
    "--strict", is_flag=True, help="Stop at the first row that fails or is flagged by a check."
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Draft the first N rows.")
@click.option("--delimiter", default=",", show_default=True, metavar="C",
              help="The CSV's delimiter: one character, or 'tab'.")  # fmt: skip
@click.option("--to-contacts", "tag", metavar="TAG",
              help="Draft to your contacts tagged TAG (or 'all') instead of a CSV.")  # fmt: skip
@click.option("--due", is_flag=True, help="Draft to every contact who is due (see 'drafter due').")
@click.option(
    "--record", is_flag=True, help="Keep the drafts in the history, all in one transaction."
)
@click.pass_context
def batch(
    ctx: click.Context,
    playbook: str | None,
    rows_file: str | None,
    variant: str | None,
    sets: tuple[str, ...],
    maps: tuple[str, ...],
    out_dir: Path | None,
    fmt: str | None,
    force: bool,
    strict: bool,
    limit: int | None,
    delimiter: str,
    tag: str | None,
    due: bool,
    record: bool,
) -> int:
    """Draft PLAYBOOK once for every row of ROWS.csv ('-' reads stdin), or for contacts.

    With --due and no PLAYBOOK, each person gets the draft 'drafter due'
    suggests for them (a check-in, a reconnect, an introduction's follow-up
    to both people).

    Columns answer the fields they are named after (Recipient Name or
    recipient_name), me.KEY columns set the sender, --map names others.
    LinkedIn's Connections.csv works as it is exported: First Name and Last
    Name fill the name, Company and Position what the playbook takes from a
    contact. Every draft is checked; a row that cannot be drafted is reported
    with its line and the rest go on. Exit status 1 if any row failed.

    \b
    Examples:
      drafter batch reconnect Connections.csv --out drafts/
      drafter batch reconnect Connections.csv --out drafts/ \\
          --set how_we_know="worked together at Acme" --set offer="my notes"
      drafter batch thank-connector people.csv --format csv > drafts.csv
      drafter batch check-in --to-contacts alumni --out check-ins/
      drafter batch reconnect --due --limit 10
      drafter batch --due --out follow-ups/
    """
    from drafter import batch as core
    from drafter.contact_import import ImportFileError
    from drafter.profile import load as load_profile_and_settings

    if playbook is None:
        if not due or rows_file is not None or tag is not None:
            raise UsageError(
                "give a PLAYBOOK (or --due alone, to draft what 'drafter due' suggests for each)"
            )
        if variant is not None or maps:
            raise UsageError("--variant and --map need a PLAYBOOK")
        return _suggested(ctx, sets, out_dir, fmt, force, strict, limit, record)
    pb = search(ctx).load(playbook)
    channel = pb.variant(variant).channel or pb.spec.channel  # a bad --variant fails here
    fmt = _format(fmt, out_dir, channel, pb.id)
    if force and out_dir is None:
        raise UsageError("--force only makes sense with --out")
    sources = [s for s, used in (("ROWS.csv", rows_file), ("--to-contacts", tag), ("--due", due))
               if used]  # fmt: skip
    if len(sources) != 1:
        raise UsageError(
            "give one of ROWS.csv, --to-contacts TAG or --due"
            if not sources
            else f"{' and '.join(sources)}: give only one"
        )
    if maps and rows_file is None:
        raise UsageError("--map only makes sense with ROWS.csv")
    profile, settings = load_profile_and_settings()
    shared = answers.parse_set(list(sets))
    answers.split_me(pb, shared, profile)  # an unknown field or sender key fails before any row
    if rows_file is not None:
        sep = core.delimiter(delimiter)
        try:
            table = core.read_table(_read(rows_file), sep)
        except ImportFileError as exc:
            raise UsageError(f"{'<stdin>' if rows_file == '-' else rows_file}: {exc}") from None
        # '--set FIELD=' answers nothing: the field's column, or a contact's, still fills it
        answered = [k for k, v in shared.items() if not isinstance(v, str) or v.strip()]
        plan = core.plan(pb, table.header, key_values(maps, "--map"), answered)
        missing = core.unanswered(pb, plan, answered)
        if missing:
            first = missing[0]
            raise UsageError(
                f"nothing gives {', '.join(missing)}, which every {pb.id} draft needs: "
                f"add a column {first}, --map COLUMN={first}, or --set {first}=TEXT"
            )
        if plan.unused:
            console.err(f"Not used (no field takes them): {for_terminal(', '.join(plan.unused))}")
        _say_connected(pb, plan)
        rows = table.rows[:limit]
        total = len(rows)
        results = core.draft_rows(pb, rows, plan, shared=shared, variant=variant, profile=profile)
    else:
        people = _people(tag, due, bool(settings["copied_is_sent"]))[:limit]
        total = len(people)
        results = core.draft_people(
            pb, ((i, [p]) for i, p in enumerate(people, 1)), shared=shared, variant=variant,
            profile=profile,
        )  # fmt: skip
    if channel == "linkedin-note":
        _notes_budget(total, profile, settings)
    kept: list[Result] = []
    code = _run(results, total, fmt, out_dir, force, strict, kept)
    if record:
        ref = str(Path(playbook).resolve()) if playbook_is_path(playbook) else None
        _record(pb, kept, "written" if out_dir is not None else "printed", ref, settings)
    return code


def _say_connected(pb: Playbook, plan: Plan) -> None:
    """When how you know each row's person comes only from LinkedIn's Connected On, say so
    once, and how to say it better."""
    if "connected" not in plan.contact.values():
        return
    for f in pb.fields:
        if f.from_contact == "how_we_met" and f.contact == 1:
            console.err(
                f"{f.name}: no column gives it, so each draft says 'we connected on LinkedIn "
                f"in <month year>' from Connected On; --set {f.name}=TEXT says how you know them"
            )
            return


def _suggested(
    ctx: click.Context,
    sets: tuple[str, ...],
    out_dir: Path | None,
    fmt: str | None,
    force: bool,
    strict: bool,
    limit: int | None,
    record: bool,
) -> int:
    """`batch --due` with no PLAYBOOK: each person due gets the playbook `drafter due`
    suggests, drafted as its picker drafts it (an introduction's follow-up to both people);
    one run of drafts a playbook, numbered in the order `drafter due` lists them."""
    import itertools

    from drafter import batch as core
    from drafter import contacts, followups
    from drafter.cli import keeping
    from drafter.cli.due import cadence_playbooks
    from drafter.profile import load as load_profile_and_settings

    if force and out_dir is None:
        raise UsageError("--force only makes sense with --out")
    profile, settings = load_profile_and_settings()
    shared = answers.parse_set(list(sets))
    if set(shared) - {"me"}:
        raise UsageError("without a PLAYBOOK, --set takes only me.KEY=VALUE (the playbooks differ)")
    items = followups.due(count_copied=bool(settings["copied_is_sent"]),
                          cadence_playbooks=cadence_playbooks(ctx))  # fmt: skip
    first: dict[int, followups.Due] = {}
    for item in items:  # most overdue first: each person once, for what is most overdue
        first.setdefault(item.contact_id, item)
    chosen: list[followups.Due] = []
    seen: set[tuple[str, int]] = set()
    for d in first.values():
        if not d.playbook:
            console.err(f"{for_terminal(d.name)}: nothing to suggest (no playbook for it)")
        elif d.draft is None or (d.playbook, d.draft) not in seen:  # an intro's: one, to both
            chosen.append(d)
            if d.draft is not None:
                seen.add((d.playbook, d.draft))
    chosen = chosen[:limit]
    if not chosen:
        raise UsageError("no one is due (see 'drafter due')")
    found = search(ctx)
    books: dict[str, Playbook] = {}
    groups: dict[str, list[tuple[int, list[Contact]]]] = {}
    for number, item in enumerate(chosen, 1):
        if item.playbook not in books:
            books[item.playbook] = found.load(item.playbook)
        pb = books[item.playbook]
        others = followups.contacts_of(item.draft) if item.draft is not None else []
        ids = [item.contact_id, *(i for i in others if i != item.contact_id)]
        people = [contacts.get(i) for i in ids[: max(len(contacts.slots(pb)), 1)]]
        groups.setdefault(item.playbook, []).append((number, people))
    final = ""
    for pid, pb in books.items():  # a format one of them cannot take fails before any draft
        final = _format(fmt, out_dir, pb.variant(None).channel or pb.spec.channel, pid)
    results = itertools.chain.from_iterable(
        core.draft_people(books[pid], rows, shared=shared, profile=profile)
        for pid, rows in groups.items()
    )
    kept: list[Result] = []
    code = _run(results, len(chosen), final, out_dir, force, strict, kept)
    if record and keeping.history_on(settings):
        action = "written" if out_dir is not None else "printed"
        count = sum(
            _record(pb, [r for r in kept if r.outcome and r.outcome.draft.playbook == pid],
                    action, None, settings, say=False)
            for pid, pb in books.items()
        )  # fmt: skip
        console.err(_recorded(count))
    elif record:
        console.err(views.warning("not recorded: the history is off"))
    return code


def _format(fmt: str | None, out_dir: Path | None, channel: str, pb_id: str) -> str:
    if out_dir is None:
        if fmt in ("text", "eml"):
            raise UsageError(f"--format {fmt} writes files: give --out DIR")
        return fmt or "jsonl"
    if fmt in ("jsonl", "csv"):
        raise UsageError(f"--format {fmt} goes to stdout: leave out --out")
    if fmt == "eml" and channel != "email":
        raise UsageError(f"--format eml works only with channel email; {pb_id} is for {channel}")
    return fmt or "text"


def _notes_budget(count: int, profile: dict[str, str], settings: dict[str, Any]) -> None:
    """LinkedIn allows free accounts a few personalised invitation notes a month: say so when
    the batch holds more notes than are left (the drafts are made all the same)."""
    from drafter import history
    from drafter.cli import keeping
    from drafter.profile import note_budget

    budget = note_budget(settings, profile)
    if budget is None or not keeping.history_on(settings):
        return
    try:
        left = max(budget - history.notes_sent_this_month(bool(settings["copied_is_sent"])), 0)
    except history.HistoryError:
        return
    if count > left:
        console.err(
            views.warning(
                f"{count} LinkedIn invitation notes, but {left} of your {budget} personalised "
                "notes are left this month; send the rest without a note"
            )
        )


def _read(name: str) -> bytes:
    from drafter.contact_import import MAX_FILE_BYTES

    try:
        if name == "-":
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None or stdin.closed:
                raise UsageError("-: standard input is closed; give a file instead")
            return bytes(stdin.read(MAX_FILE_BYTES + 1))
        with open(name, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _people(tag: str | None, due: bool, count_copied: bool) -> list[Contact]:
    from drafter import contacts

    if tag is not None:
        found = contacts.everyone(None if tag.strip().lower() == "all" else tag)
        if not found:
            raise UsageError(f"no contacts tagged {tag!r} (see 'drafter contacts list')")
        return found
    from drafter import followups

    ids = list(dict.fromkeys(d.contact_id for d in followups.due(count_copied=count_copied)))
    by_id = {c.id: c for c in contacts.everyone()}
    found = [by_id[i] for i in ids if i in by_id]
    if not found:
        raise UsageError("no one is due (see 'drafter due')")
    return found


def _run(
    results: Iterator[Result],
    total: int,
    fmt: str,
    out_dir: Path | None,
    force: bool,
    strict: bool,
    kept: list[Result],
) -> int:
    """Emit each draft, report each problem, then the summary; the exit status. The drafts
    given out are added to `kept`."""
    drafted = flagged = failed = 0
    stopped: int | None = None
    progress = Progress(total, console.stderr_is_tty())
    held: list[str] = []  # with a bar drawn, the reports wait until it is done

    def report(line: str) -> None:
        (held.append if progress.drawn or progress.due() else console.err)(line)

    if fmt == "csv":
        _csv_line(["row", "recipient", "subject", "text", "ok"])
    try:
        for result in results:
            # The row's report first, then the bar: Ctrl-C between the two lost the
            # report of a row the bar already counted.
            try:
                outcome = result.outcome
                if outcome is None:
                    failed += 1
                    report(_row_line(result.line, result.error))
                elif not outcome.ok and strict:
                    failed += 1
                    report(_row_line(result.line, "flagged: " + _failed_checks(result)))
                else:
                    try:
                        _emit(result, fmt, out_dir, force)
                    except UsageError as exc:  # a file that is there already
                        failed += 1
                        report(_row_line(result.line, str(exc)))
                        if strict:
                            stopped = result.line
                            break
                        continue
                    kept.append(result)
                    if outcome.ok:
                        drafted += 1
                    else:
                        flagged += 1
                        report(_row_line(result.line, "flagged: " + _failed_checks(result)))
                if strict and (failed or flagged):
                    stopped = result.line
                    break
            finally:
                progress.step()
    finally:
        try:
            progress.close()
            for line in held:  # said even when Ctrl-C stops the batch: those files are written
                console.err(line)
        finally:
            # Stopped early (--strict, Ctrl-C), the run ends here, not when the caller lets
            # go of it: the memory cap and the look-ups a run of many drafts keeps are given
            # back (after the reports, which nothing that happens in closing may lose).
            close = getattr(results, "close", None)
            if close is not None:
                close()
    console.err(_summary(drafted, flagged, failed, total, stopped, out_dir))
    return 1 if failed else 0


class Progress:
    """click's progress bar on stderr, drawn only once a batch has taken PROGRESS_AFTER
    seconds and only on a terminal: a quick batch, or a piped one, shows none of it."""

    def __init__(
        self,
        total: int,
        shown: bool,
        clock: Callable[[], float] = time.monotonic,
        file: Any = None,
    ) -> None:
        self.total, self.shown, self.clock = total, shown, clock
        self.file = file if file is not None else sys.stderr
        self.start = clock()
        self.done = 0
        self.bar: Any = None

    @property
    def drawn(self) -> bool:
        return self.bar is not None

    def due(self) -> bool:
        """Whether the next step draws the bar (or it is drawn already)."""
        return self.bar is not None or (self.shown and self.clock() - self.start >= PROGRESS_AFTER)

    def step(self) -> None:
        """One more row done (called as each result arrives)."""
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.due():
            self.bar = click.progressbar(length=self.total, label="Drafting", file=self.file)
            self.bar.__enter__()
            self.bar.update(self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _row_line(line: int, reason: str) -> str:
    return f"row {line}: {' '.join(for_terminal(reason).split())}"


def _failed_checks(result: Result) -> str:
    assert result.outcome is not None
    return "; ".join(f"{r.id}: {r.message}" for r in result.outcome.checks if not r.ok)


def _emit(result: Result, fmt: str, out_dir: Path | None, force: bool) -> None:
    from drafter import batch as core
    from drafter import output

    outcome = result.outcome
    assert outcome is not None
    if out_dir is not None:
        path = out_dir / core.file_name(
            result.line, result.recipient, "eml" if fmt == "eml" else "txt"
        )
        if fmt == "eml":
            data = output.render_output(outcome.draft, outcome.checks, "eml", me=outcome.me)
        else:
            data = outcome.text + "\n"
        output.write_atomic(path, data, force=force, private=True)
    elif fmt == "csv":
        _csv_line([str(result.line), result.recipient, outcome.subject or "", outcome.text,
                   "true" if outcome.ok else "false"])  # fmt: skip
    else:
        obj = {
            "row": result.line,
            "playbook": outcome.draft.playbook,
            "recipient": result.recipient,
            "to": outcome.to,
            "subject": outcome.subject,
            "text": outcome.text,
            "checks": [
                {"id": r.id, "ok": r.ok, "message": r.message, "field": r.field}
                for r in outcome.checks
            ],
            "ok": outcome.ok,
        }
        console.out_data(json.dumps(obj, ensure_ascii=False))


def _csv_line(cells: list[str]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    console.out_data(buffer.getvalue().removesuffix("\n"))


def _record(
    pb: Playbook,
    kept: list[Result],
    action: str,
    ref: str | None,
    settings: dict[str, Any],
    say: bool = True,
) -> int:
    """Keep the drafts given out in the history, in one transaction, linked to their contacts
    as a single draft is (drafter.followups.on_leave)."""
    from drafter import followups, history
    from drafter.cli import keeping

    if not kept:
        return 0
    if not keeping.history_on(settings):
        console.err(views.warning("not recorded: the history is off"))
        return 0

    def link(conn: sqlite3.Connection, index: int, draft_id: int) -> None:
        result = kept[index]
        assert result.outcome is not None
        followups.on_leave(conn, pb, result.outcome, draft_id, result.people)

    outcomes = [r.outcome for r in kept if r.outcome is not None]
    try:
        ids = history.record_many(pb, outcomes, action, playbook=ref, also=link)
    except history.HistoryError as exc:
        console.err(views.not_recorded(exc))
        return 0
    if say:
        console.err(_recorded(len(ids)))
    return len(ids)


def _recorded(count: int) -> str:
    return f"Recorded {count} draft{'s' if count != 1 else ''} in the history."


def _summary(
    drafted: int, flagged: int, failed: int, total: int, stopped: int | None, out_dir: Path | None
) -> str:
    rows = f"of {total} row{'s' if total != 1 else ''}"
    if stopped is not None:
        rows += f"; stopped at row {stopped} under --strict"
    wrote = (
        f" Files in {for_terminal(str(out_dir))}."
        if out_dir is not None and drafted + flagged
        else ""
    )
    return f"Drafted {drafted}, flagged {flagged}, failed {failed} ({rows}).{wrote}"
