"""What commands share: context settings, common options, the library search, shell completion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from drafter.cli import console, views
from drafter.errors import DrafterError

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
    """FIELD= for the playbook's fields; FIELD=VALUE for a choice field's values."""
    from click.shell_completion import CompletionItem

    pb = _completion_playbook(ctx)
    if pb is None:
        return []
    name, sep, value = incomplete.partition("=")
    field = pb.field_map.get(name)
    if sep and field is not None and field.choices:
        return [CompletionItem(f"{name}={c}") for c in field.choice_values() if c.startswith(value)]
    return [
        CompletionItem(f"{f.name}=", help=f.prompt) for f in pb.fields if f.name.startswith(name)
    ]


playbook_argument = click.argument("playbook", shell_complete=complete_playbook)
