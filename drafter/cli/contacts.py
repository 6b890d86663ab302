"""`drafter contacts`: the people you write to, what you know about them, what you remember."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from drafter import contacts
from drafter.cli import console, views
from drafter.cli.options import CONTEXT, complete_contact, format_option, key_values
from drafter.errors import InputFileError, UsageError

NAME = click.argument("name", metavar="NAME", shell_complete=complete_contact)


DUE = click.option("--due", is_flag=True, help="Only contacts due a message (see 'drafter due').")


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.option("--tag", metavar="TAG", help="Only contacts with this tag.")
@DUE
@format_option("table", "json", help="table: one line a contact; json: every field.")
@click.pass_context
def contacts_group(ctx: click.Context, tag: str | None, due: bool, fmt: str) -> None:
    """The people you write to: who they are, how you met, what to bring up next time.

    Kept in the same file as the history (history.db), readable by you alone.

    \b
    Examples:
      drafter contacts add "Kim Park" --set company=Ramp --set how_we_met="PyCon 2025"
      drafter contacts remember kim "moving to Lisbon in March"
      drafter contacts show kim
      drafter contacts list --tag mentors
      drafter contacts forget "Kim Park"      # with every draft to her, for good
    """
    if ctx.invoked_subcommand is not None:
        return
    _list(tag, fmt, due)


def _list(tag: str | None, fmt: str, due: bool = False) -> None:
    found = contacts.everyone(tag)
    if due:
        from drafter import followups
        from drafter.profile import load_settings

        copied = bool(load_settings()["copied_is_sent"])
        now = {d.contact_id for d in followups.due(count_copied=copied)}
        found = [c for c in found if c.id in now]
    if fmt == "json":
        console.out_data(json.dumps([_as_dict(c) for c in found], ensure_ascii=False, indent=2))
    elif not found:
        console.err(views.contacts_empty(bool(tag)))
    else:
        for line in views.contact_table(found):
            console.out(line)


def _as_dict(contact: contacts.Contact) -> dict[str, Any]:
    import msgspec

    return msgspec.to_builtins(contact)  # type: ignore[no-any-return]


@contacts_group.command("list", context_settings=CONTEXT)
@click.option("--tag", metavar="TAG", help="Only contacts with this tag.")
@DUE
@format_option("table", "json", help="table: one line a contact; json: every field.")
def list_contacts(tag: str | None, due: bool, fmt: str) -> None:
    """List contacts, by name.

    \b
    Examples:
      drafter contacts list
      drafter contacts list --tag mentors --format json
      drafter contacts list --due
    """
    _list(tag, fmt, due)


@contacts_group.command("add", context_settings=CONTEXT)
@click.argument("name", metavar="NAME")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
              help=f"Also set KEY ({', '.join(contacts.KEYS)}). Repeatable.")  # fmt: skip
def add(name: str, sets: tuple[str, ...]) -> None:
    """Add a contact.

    \b
    Examples:
      drafter contacts add "Kim Park"
      drafter contacts add "Kim Park" --set company=Ramp --set tags=mentors,pycon
    """
    contact = contacts.add(name, key_values(sets, "--set"))
    console.err(views.contact_added(contact))


@contacts_group.command("set", context_settings=CONTEXT)
@NAME
@click.argument("pairs", nargs=-1, required=True, metavar="KEY=VALUE...")
def set_(name: str, pairs: tuple[str, ...]) -> None:
    """Change what a contact holds; an empty value clears it.

    \b
    Examples:
      drafter contacts set kim position="Head of Data" company=Ramp
    """
    contact = contacts.update(contacts.one(name), key_values(pairs))
    console.err(views.contact_saved(contact))


@contacts_group.command("edit", context_settings=CONTEXT)
@NAME
def edit(name: str) -> None:
    """Edit a contact in $VISUAL or $EDITOR, as YAML; saved only when it reads back right.

    \b
    Examples:
      drafter contacts edit kim
    """
    import yaml

    from drafter import yamlio

    contact = contacts.one(name)
    shown = {k: getattr(contact, k) for k in ("name", *contacts.KEYS, "notes")}
    header = "# drafter contact: change the values, save and close; remembered details stay\n"
    text = header + yaml.safe_dump(shown, sort_keys=False, allow_unicode=True)
    edited = click.edit(text, extension=".yaml", require_save=True)
    if edited is None:
        console.err(views.not_done("Not changed"))
        return
    data = yamlio.load(edited, "the edited contact", InputFileError)
    if not isinstance(data, dict):
        raise UsageError("the edited contact is not a mapping of keys; nothing was saved")
    unknown = sorted(set(data) - {"name", *contacts.KEYS, "notes"})
    if unknown:
        raise UsageError(f"unknown contact key {unknown[0]!r}; nothing was saved")
    for key, value in data.items():
        if isinstance(value, dict) or (isinstance(value, list) and key != "tags"):
            kind = "a mapping" if isinstance(value, dict) else "a list"
            raise UsageError(f"{key}: expected text, not {kind}; nothing was saved")
    saved = contacts.replace(contact, {k: "" if v is None else v for k, v in data.items()})
    console.err(views.contact_saved(saved))


@contacts_group.command("show", context_settings=CONTEXT)
@NAME
@format_option("text", "json", help="text: for reading; json: every field.")
def show(name: str, fmt: str) -> None:
    """Show a contact: what you know, what you remember, the drafts sent to them.

    \b
    Examples:
      drafter contacts show kim
    """
    import msgspec

    from drafter import followups

    contact = contacts.one(name)
    touched = contacts.touches(contact)
    plans, logged = followups.of(contact)
    kept, source = followups.cadence_of(contact, followups.tag_cadences())
    if fmt == "json":
        data = _as_dict(contact) | {
            "cadence_in_effect": kept,
            "cadence_from": source,
            "drafts": [r.id for r in touched],
            "follow_ups": msgspec.to_builtins(plans),
            "touches": msgspec.to_builtins(logged),
        }
        console.out_data(json.dumps(data, ensure_ascii=False, indent=2))
        return
    cadence_line = f"{kept} ({source})" if source else kept
    for line in views.contact_lines(contact, touched, cadence_line, plans, logged):
        console.out(line)


@contacts_group.command("note", context_settings=CONTEXT)
@NAME
@click.argument("text", metavar="TEXT")
def note(name: str, text: str) -> None:
    """Add a line to a contact's notes.

    \b
    Examples:
      drafter contacts note kim "prefers email to LinkedIn"
    """
    contact = contacts.note(contacts.one(name), text)
    console.err(views.contact_saved(contact))


@contacts_group.command("remember", context_settings=CONTEXT)
@NAME
@click.argument("text", metavar="TEXT")
def remember(name: str, text: str) -> None:
    """Keep a detail to bring up next time, with today's date.

    \b
    Examples:
      drafter contacts remember kim "going to Costa Rica next month"
    """
    contact = contacts.remember(contacts.one(name), text)
    console.err(views.contact_saved(contact))


@contacts_group.command("touch", context_settings=CONTEXT)
@NAME
@click.option("--note", default="", metavar="TEXT", help="What it was: a call, a lunch, …")
def touch(name: str, note: str) -> None:
    """You were in touch outside drafter (a call, a lunch): the cadence starts again.

    \b
    Examples:
      drafter contacts touch kim --note "lunch at Rosa's"
    """
    from drafter import followups

    contact = contacts.one(name)
    followups.touch(contact, note)
    console.err(views.touched(contact))


@contacts_group.command("cadence", context_settings=CONTEXT)
@click.argument("args", nargs=-1, metavar="[NAME] [CADENCE]", shell_complete=complete_contact)
@click.option("--tag", metavar="TAG", help="Set the default cadence of contacts with TAG.")
@click.option("--off", is_flag=True, help="Take the cadence away.")
def cadence(args: tuple[str, ...], tag: str | None, off: bool) -> None:
    """How often to keep in touch with a contact (or everyone with a tag).

    CADENCE is how often you mean to write, and optionally the longest you
    would let it go: "every 2m", "every 2m, at most 4m", "2m/4m". Intervals
    are 10d, 2w, 3m or 1y. A contact's own cadence wins over their tags'.
    Without CADENCE, shows the one set.

    \b
    Examples:
      drafter contacts cadence kim "every 2m, at most 4m"
      drafter contacts cadence --tag mentors 3m
      drafter contacts cadence kim --off
    """
    from drafter import followups

    want = 0 if tag is not None else 1
    if len(args) < want or len(args) > want + 1:
        shape = "--tag TAG [CADENCE]" if tag is not None else "NAME [CADENCE]"
        raise UsageError(f"expected {shape}")
    given = args[want] if len(args) > want else None
    if given is not None and off:
        raise UsageError("give a cadence or --off, not both")
    if tag is not None:
        if given is None and not off:
            kept: str | None = followups.tag_cadences().get(tag.strip().lower())
        else:
            kept = followups.set_tag_cadence(tag, None if off else given)
        console.err(views.cadence_set(f"tag {tag.strip().lower()}", kept))
        return
    contact = contacts.one(args[0])
    if given is not None or off:
        contact = contacts.update(contact, {"cadence": "" if off else given})
    shown, source = followups.cadence_of(contact, followups.tag_cadences())
    label = f"{contact.name} ({source})" if source else contact.name
    console.err(views.cadence_set(label, shown or None))


@contacts_group.command("forget", context_settings=CONTEXT)
@click.argument("name", metavar="NAME", required=False, shell_complete=complete_contact)
@click.option("--all", "everyone", is_flag=True, help="Every contact, and all kept about them.")
def forget(name: str | None, everyone: bool) -> None:
    """Delete a contact and every recorded draft to them, for good.

    \b
    Examples:
      drafter contacts forget "Kim Park"
      drafter contacts forget --all
    """
    if (name is None) == (not everyone):
        raise UsageError("give a NAME or --all")
    if everyone:
        people, drafts = contacts.forget_all()
        console.err(views.contacts_forgotten(people, drafts))
        return
    assert name is not None
    contact = contacts.one(name)
    details, drafts = contacts.forget(contact)
    console.err(views.contact_forgotten(contact, details, drafts))


@contacts_group.command("import", context_settings=CONTEXT)
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as", "kind", type=click.Choice(["auto", "linkedin", "csv"]), default="auto",
    show_default=True, help="LinkedIn's Connections.csv, or any CSV with a header row.",
)  # fmt: skip
@click.option("--map", "maps", multiple=True, metavar="COLUMN=KEY",
              help="For a CSV: which column holds which key (name, email, company, ...).")  # fmt: skip
def import_(file: Path, kind: str, maps: tuple[str, ...]) -> None:
    """Import contacts: LinkedIn's own export (Connections.csv) or a CSV with a header.

    Importing again adds nobody twice: a person is matched on their LinkedIn URL, else their
    email, else their whole name. Rows that cannot be read are listed with their line
    numbers; the rest are imported.

    \b
    Examples:
      drafter contacts import ~/Downloads/Connections.csv
      drafter contacts import people.csv --map "Full name=name" --map Employer=company
    """
    from drafter import contact_import

    try:
        if file.stat().st_size > contact_import.MAX_FILE_BYTES:
            limit = contact_import.MAX_FILE_BYTES // (1024 * 1024)
            raise UsageError(f"{file}: larger than {limit} MiB; is it the right file?")
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror}") from None
    if kind == "auto":
        kind = contact_import.sniff(data)
    mapping = key_values(maps, "--map") or None
    try:
        if kind == "linkedin":
            result = contact_import.read_linkedin(data)
        else:
            result = contact_import.read_csv(data, mapping)
    except contact_import.ImportFileError as exc:
        raise UsageError(f"{file}: {exc}; nothing was imported") from None
    added, updated, same = contacts.import_contacts(result.contacts)
    for problem in result.problems[:_SHOWN_PROBLEMS]:
        console.err(views.warning(f"{file}:{problem.line}: {problem.reason}"))
    hidden = len(result.problems) - _SHOWN_PROBLEMS
    console.err(views.imported(added, updated, same, len(result.problems), max(hidden, 0)))


_SHOWN_PROBLEMS = 20


@contacts_group.command("export", context_settings=CONTEXT)
@format_option("json", "csv", help="json: every field; csv: one row a contact.")
def export(fmt: str) -> None:
    """Every contact, to keep or to take elsewhere.

    \b
    Examples:
      drafter contacts export > contacts.json
      drafter contacts export --format csv > contacts.csv
    """
    found = contacts.everyone()
    if fmt == "json":
        console.out_data(json.dumps([_as_dict(c) for c in found], ensure_ascii=False, indent=2))
        return
    import csv
    import io

    buffer = io.StringIO()
    columns = ["name", *contacts.KEYS, "notes", "remembered"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for c in found:
        remembered = "; ".join(f"{d.at[:10]} {d.text}" for d in c.details)
        row = [getattr(c, k) for k in columns[:-1]]
        row[columns.index("tags")] = " ".join(c.tags)
        writer.writerow([*row, remembered])
    console.out_data(buffer.getvalue().rstrip("\n"))
