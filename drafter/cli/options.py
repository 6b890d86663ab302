"""What commands share: context settings, common options, the library search, shell completion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from drafter.cli import console, views
from drafter.errors import DrafterError, UsageError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from drafter.library import Search, Skipped
    from drafter.playbook import Playbook

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def search(ctx: click.Context) -> Search:
    """The libraries to search, from the root's --library options; built once per run."""
    from drafter.library import Search

    root = ctx.find_root()
    if not isinstance(root.obj, Search):
        root.obj = Search(tuple(root.params.get("libraries") or ()), warn=warn_skipped)
    return root.obj


def warn_skipped(skipped: Skipped) -> None:
    """A library drafter cannot use (a broken pack, an unreadable folder): say so, go on."""
    console.err(views.warning(skipped.message))


def format_option(*choices: str, help: str | None = None) -> Callable[[F], F]:
    """--format, its first choice the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


# --- shell completion ------------------------------------------------------------------------


def complete_playbook(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Playbook ids."""
    from click.shell_completion import CompletionItem

    try:
        ids = search(ctx).ids()
    except DrafterError:
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


def _completion_playbook(ctx: click.Context) -> Playbook | None:
    # While an option's value is being completed, click leaves positionals unparsed in ctx.args.
    ref = ctx.params.get("playbook") or next((a for a in ctx.args if not a.startswith("-")), None)
    if not ref:
        return None
    try:
        return search(ctx).load(ref)
    except DrafterError:
        return None


def complete_variant(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The variant names of the playbook on the command line."""
    from click.shell_completion import CompletionItem

    pb = _completion_playbook(ctx)
    if pb is None:
        return []
    return [
        CompletionItem(v.name, help=v.description)
        for v in pb.spec.variants
        if v.name.startswith(incomplete)
    ]


def complete_set(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """FIELD= for the playbook's fields, me.KEY= for the sender; then a choice's or yes/no's values.

    A multichoice field's values complete after the last comma: `topics=a,` -> `topics=a,b`.
    """
    from click.shell_completion import CompletionItem

    name, sep, value = incomplete.partition("=")
    if name.startswith("me."):
        return complete_pairs(incomplete, me_choices(), prefix="me.")
    pb = _completion_playbook(ctx)
    if pb is None:
        return []
    if not sep:
        return [
            CompletionItem(f"{f.name}=", help=f.prompt)
            for f in pb.fields
            if f.name.startswith(name)
        ]
    field = pb.field_map.get(name)
    if field is not None and field.type == "confirm":
        return [CompletionItem(f"{name}={v}") for v in ("yes", "no") if v.startswith(value)]
    if field is None or not field.choices:
        return []  # free text: nothing to offer
    done, comma, last = value.rpartition(",") if field.type == "multichoice" else ("", "", value)
    chosen = set(done.split(",")) if comma else set()
    return [
        CompletionItem(f"{name}={done}{comma}{c.value}", help=c.label)
        for c in field.choices
        if c.value.startswith(last) and c.value not in chosen
    ]


def me_choices() -> dict[str, list[str]]:
    """The profile's keys, each with the values it allows ([] for free text)."""
    from typing import get_args, get_type_hints

    from drafter.playbook import ME_KEYS, Me

    hints = get_type_hints(Me)
    return {k: [str(v) for v in get_args(hints[k])] for k in ME_KEYS}


def complete_pairs(
    incomplete: str, keys: dict[str, list[str]], prefix: str = ""
) -> list[CompletionItem]:
    """KEY= for `keys` (after `prefix`), and KEY=VALUE for a key with a fixed set of values."""
    from click.shell_completion import CompletionItem

    name, sep, value = incomplete.removeprefix(prefix).partition("=")
    if sep:
        return [
            CompletionItem(f"{prefix}{name}={v}") for v in keys.get(name, []) if v.startswith(value)
        ]
    return [CompletionItem(f"{prefix}{k}=") for k in keys if k.startswith(name)]


def complete_file(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """File names: the shell completes them itself."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


playbook_argument = click.argument("playbook", shell_complete=complete_playbook)


def key_values(pairs: tuple[str, ...], option: str = "") -> dict[str, str]:
    """KEY=VALUE arguments as a dict (the last of a key wins); UsageError naming a bad one."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option + ' ' if option else ''}{pair!r}: expected KEY=VALUE")
        values[key.strip()] = value
    return values


def complete_contact(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Contact names that hold what is typed so far."""
    from click.shell_completion import CompletionItem

    from drafter import contacts
    from drafter.history import HistoryError

    try:
        found = contacts.matching(incomplete) if incomplete else contacts.everyone()
    except HistoryError:
        return []
    seen: dict[str, int] = {}
    for c in found:
        seen[c.name.casefold()] = seen.get(c.name.casefold(), 0) + 1
    # Two people of one name: each by their #ID, which names them apart.
    return [
        CompletionItem(f"#{c.id}", help=f"{c.name}, {c.company}" if c.company else c.name)
        if seen[c.name.casefold()] > 1
        else CompletionItem(c.name, help=c.company or None)
        for c in found[:50]
    ]
