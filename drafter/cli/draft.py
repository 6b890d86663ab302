"""`drafter draft`, and the run the guided flow shares: answers -> render -> checks -> output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafter import answers, output, pipeline
from drafter.cli import console, views
from drafter.cli.options import (
    CONTEXT,
    complete_set,
    complete_variant,
    format_option,
    playbook_argument,
    search,
)
from drafter.errors import DrafterError, UsageError
from drafter.profile import load_profile, load_settings, profile_path, save_profile

if TYPE_CHECKING:
    from drafter.checks import CheckResult
    from drafter.playbook import Playbook
    from drafter.review import OnLeave


@click.command(context_settings=CONTEXT, short_help="Draft a message from a playbook.")
@playbook_argument
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    shell_complete=complete_set,
    help="Answer a field (repeatable); me.KEY=VALUE sets the sender. Multichoice: a,b,c.",
)
@click.option(
    "--answers",
    "answers_file",
    metavar="FILE",
    help="YAML file of answers (field: value, plus an optional me: mapping); '-' reads stdin.",
)
@click.option(
    "--variant",
    metavar="NAME",
    shell_complete=complete_variant,
    help="Which variant to use (default: the first).",
)
@click.option(
    "--no-input", is_flag=True, help="Never prompt; fail listing any missing required answers."
)
@format_option("text", "json", help="text: just the message; json: message, counts and checks.")
@click.option("--copy", is_flag=True, help="Also put the message on the clipboard.")
@click.option(
    "--output",
    "-o",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
@click.option("--force", is_flag=True, help="With --output, replace an existing file.")
@click.option(
    "--strict", is_flag=True, help="Exit 1 if any check fails (the draft is still printed)."
)
@click.option(
    "--no-review", is_flag=True, help="In a terminal, end after the draft: no review menu."
)
@click.pass_context
def draft(
    ctx: click.Context,
    playbook: str,
    sets: tuple[str, ...],
    answers_file: str | None,
    variant: str | None,
    no_input: bool,
    fmt: str,
    copy: bool,
    output_file: Path | None,
    force: bool,
    strict: bool,
    no_review: bool,
) -> None:
    """Draft a message from PLAYBOOK (an id from 'drafter list', or a .yaml path).

    In a terminal, drafter asks for every answer not given with --set,
    --answers or your profile, then shows a menu to copy the draft, switch
    style, change an answer, edit or write it (--no-review skips it).
    Without a terminal (or with --no-input) it never waits: missing
    required answers are an error that lists them.

    \b
    Examples:
      drafter draft connection-request
      drafter draft connection-request --variant brief --copy
      drafter draft decline-sales-pitch --no-input --set recipient_name="Sam Lee" \\
          --set offering="outsourced SDRs" --set reason=no_budget
      drafter draft double-intro --answers intro.yaml --format json
      drafter draft post-meeting-follow-up --answers - < answers.yaml > email.txt
    """
    pb = search(ctx).load(playbook)
    pb.variant(variant)  # fail on a bad --variant before asking anything
    given = answers.merge(
        answers.read_answers_file(answers_file) if answers_file else {},
        answers.parse_set(list(sets)),
    )
    if force and output_file is None:
        raise UsageError("--force only makes sense with --output")
    run(
        pb,
        variant,
        given,
        interactive=not no_input and console.stdin_is_tty(),
        fmt=fmt,
        copy=copy,
        output_file=output_file,
        force=force,
        strict=strict,
        review=not no_review,
    )


def run(
    pb: Playbook,
    variant_name: str | None,
    given: dict[str, Any],
    interactive: bool,
    fmt: str = "text",
    copy: bool = False,
    output_file: Path | None = None,
    force: bool = False,
    strict: bool = False,
    copy_required: bool = True,
    review: bool = True,
    on_leave: OnLeave | None = None,
) -> None:
    """The pipeline: answers -> render -> checks -> output.

    After an interactive draft at a terminal (text, to stdout), the review loop runs unless
    `review` is False or the profile says `review: false`; it tells `on_leave` each time the
    draft is copied or written. There the guided flow's copy (`copy_required` False) is the
    loop's `c`.
    """
    variant = pb.variant(variant_name)
    profile = load_profile()
    session = None
    if interactive:
        from drafter import review as reviewing

        given = _with_sender_name(pb, given, profile)
        session = reviewing.start(pb, variant.name, given, profile)
        outcome = session.outcome
    else:
        outcome = pipeline.run(pb, given, variant=variant.name, profile=profile)
    if session is not None and review and fmt == "text" and output_file is None and _may_review():
        copy_now, copy = copy and copy_required, False  # the guided flow's copy: the loop's `c`
        outcome = reviewing.loop(
            session, copy=_copy_reviewed, edit=_edit, on_leave=on_leave, copy_now=copy_now
        )
    else:
        text = output.render_output(outcome.draft, outcome.checks, fmt, outcome.answers)
        if output_file is not None:
            output.write_atomic(output_file, text + "\n", force=force)
            console.err(views.wrote(output_file))
        else:
            console.out_data(text)
        if fmt == "text":
            _report(outcome.checks, pb, variant.name)
    results = outcome.checks
    if copy:
        _copy(outcome.text, required=copy_required)
    if strict and not all(r.ok for r in results):
        failed = ", ".join(r.id for r in results if not r.ok)
        raise DrafterError(f"checks failed under --strict: {failed}")


def _may_review() -> bool:
    """Whether the terminal and the profile allow the review loop (--no-review aside)."""
    from drafter import review

    return review.available() and load_settings()["review"]


def _with_sender_name(
    pb: Playbook, given: dict[str, Any], profile: dict[str, str]
) -> dict[str, Any]:
    """The answers, with the sender's name asked for when neither they nor the profile hold it."""
    _, me = answers.split_me(pb, given, profile)
    if me["name"]:
        return given
    return answers.merge(given, {"me": {"name": _first_run_name()}})


def _first_run_name() -> str:
    """Ask a new user's name for the sign-off, and offer to keep it in the profile."""
    from drafter import prompts

    name = prompts.text("Your name, for the sign-off?", instruction="(asked once)")
    if prompts.confirm(f"Save it to your profile ({profile_path()})?", default=True):
        saved = save_profile({"name": name})
        if saved.note:
            console.err(views.warning(saved.note))
    return name


def _report(results: list[CheckResult], pb: Playbook, variant: str) -> None:
    """Checks on stderr: all of them in a terminal, only failures otherwise."""
    if sys.stderr.isatty():
        utf8 = (getattr(sys.stderr, "encoding", "") or "").lower().replace("-", "") == "utf8"
        lines = views.check_report(results, pb, variant, utf8=utf8)
    else:
        lines = views.check_warnings(results)
    for line in lines:
        console.err(line)


def _copy(text: str, *, required: bool) -> None:
    """Put the draft on the clipboard; when that is only a convenience, say why it could not."""
    try:
        how = output.copy_to_clipboard(text, sys.stdout if sys.stdout.isatty() else None)
    except DrafterError as exc:
        if required:
            raise
        console.err(views.not_copied(exc))
    else:
        console.err(views.copied(how))


def _copy_reviewed(text: str) -> bool:
    """The review loop's `c`: copy, and say how; whether the text went out."""
    try:
        how = output.copy_to_clipboard(text, sys.stdout if sys.stdout.isatty() else None)
    except DrafterError as exc:
        console.err(views.not_copied(exc))
        return False
    console.err(views.copied(how))
    return True


def _edit(text: str) -> str | None:
    """The review loop's `e`: `text` in $VISUAL or $EDITOR; None when left unchanged."""
    try:
        return click.edit(text, extension=".txt", require_save=True)
    except click.ClickException as exc:  # the editor could not be started, or failed
        console.err(views.warning(exc.format_message()))
        return None
