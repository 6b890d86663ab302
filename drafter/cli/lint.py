"""`drafter lint`: check playbooks before anyone sends a message from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from drafter.cli import console, views
from drafter.cli.options import CONTEXT, complete_playbook, format_option, search
from drafter.cli.root import EXIT_FAIL

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from drafter.library import Search
    from drafter.lint import Problem


def lint_refs(found: Search, refs: Sequence[str | Path], use_cache: bool = True) -> list[Problem]:
    """Lint `refs` (all playbooks when empty) in the --library folders, reading them afresh;
    an unchanged playbook's problems may come from the cache (not with `use_cache` False)."""
    from drafter import lint as linter
    from drafter.library import Search

    return linter.lint(Search(found.extra), [str(r) for r in refs], use_cache=use_cache)


def count(problems: Sequence[Problem]) -> tuple[int, int]:
    """How many errors and how many warnings."""
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


@click.command(context_settings=CONTEXT, short_help="Check playbooks for mistakes.")
@click.argument("refs", nargs=-1, metavar="[PATH|ID]...", shell_complete=complete_playbook)
@format_option("text", "json")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--no-cache", is_flag=True, help="Lint every playbook afresh, not from earlier results."
)
@click.pass_context
def lint(ctx: click.Context, refs: tuple[str, ...], fmt: str, strict: bool, no_cache: bool) -> None:
    """Check playbooks for mistakes before anyone sends a message from them.

    With no arguments, lints every playbook drafter can find. Problems are
    reported as FILE:LINE:COL: RULE-ID: MESSAGE. Errors exit 1; warnings
    alone exit 0 unless --strict. A playbook unchanged since it was last
    linted (its file, its library's templates, drafter itself) is not
    linted again: its earlier problems are reported (--no-cache: afresh).

    \b
    Examples:
      drafter lint
      drafter lint my-playbook
      drafter lint ~/team-library/playbooks/referral.yaml --strict
    """
    problems = lint_refs(search(ctx), refs, use_cache=not no_cache)  # reported as problems
    errors, warnings = count(problems)
    if fmt == "json":
        console.out_data(views.problems_json(problems))
    else:
        for line in views.problems_text(problems):
            console.out(line)
        console.err(views.lint_summary(errors, warnings))
    if errors or (strict and warnings):
        ctx.exit(EXIT_FAIL)
