"""`drafter list`: the playbooks drafter can find, where each comes from, and overrides."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

import click

from drafter.cli import console, views
from drafter.cli.options import CONTEXT, format_option, search

if TYPE_CHECKING:
    from drafter.errors import PlaybookError
    from drafter.index import Summary
    from drafter.library import Entry, Search


def load_entries(
    found: Search,
) -> tuple[list[tuple[Entry, Summary]], list[tuple[Entry, PlaybookError]]]:
    """Every playbook file as listings show it, sorted by id (an override sits next to what
    it overrides); from the library index, so only new or changed files are read."""
    from drafter.errors import PlaybookError
    from drafter.index import summaries_of

    entries = sorted(found.entries(), key=attrgetter("id"))
    ok: list[tuple[Entry, Summary]] = []
    bad: list[tuple[Entry, PlaybookError]] = []
    for entry, result in zip(entries, summaries_of(entries), strict=True):
        if isinstance(result, PlaybookError):
            bad.append((entry, result))
        else:
            ok.append((entry, result))
    return ok, bad


def print_table(found: Search) -> None:
    """The table of playbooks on stdout; the ones that do not load, as warnings."""
    ok, bad = load_entries(found)
    console.out("\n".join(views.playbook_table(ok)))  # one write: 5,000 echoes cost 30 ms
    if ok:  # unchanged by the split: an empty table has never listed the invalid files
        _warn_invalid(bad)


def _warn_invalid(bad: list[tuple[Entry, PlaybookError]]) -> None:
    for entry, exc in bad:
        console.err(views.invalid_playbook(entry, exc))


@click.command(
    "list", context_settings=CONTEXT, short_help="List playbooks, their sources and overrides."
)
@format_option("table", "json")
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """List the playbooks drafter can find, where each comes from, and overrides.

    \b
    Examples:
      drafter list
      drafter list --format json | jq -r '.[].id'
    """
    found = search(ctx)
    if fmt == "table":
        print_table(found)
        return
    ok, bad = load_entries(found)
    console.out_data(views.playbook_list_json(ok))
    _warn_invalid(bad)
