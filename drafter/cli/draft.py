"""`drafter draft`, and the run the guided flow shares: answers -> render -> checks -> output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafter import answers, output, pipeline
from drafter.cli import console, keeping, views
from drafter.cli.options import (
    CONTEXT,
    complete_contact,
    complete_file,
    complete_set,
    complete_variant,
    format_option,
    playbook_argument,
    search,
)
from drafter.errors import DrafterError, UsageError
from drafter.library import playbook_is_path
from drafter.profile import load as load_profile_and_settings
from drafter.profile import profile_path, save_profile

if TYPE_CHECKING:
    from drafter.checks import CheckResult
    from drafter.contacts import Contact
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
    shell_complete=complete_file,
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
@format_option(
    "text",
    "json",
    "eml",
    help="text: just the message; json: message, counts and checks; eml: an email file.",
)
@click.option("--copy", is_flag=True, help="Also put the message on the clipboard.")
@click.option(
    "--open", "open_mail", is_flag=True, help="Email only: also open it in your mail client."
)
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
    "--last", is_flag=True, help="Start from the answers of this playbook's last recorded draft."
)
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_contact,
    help="Draft to a contact: fills their name and what the playbook maps (repeat for a second).",
)
@click.option("--no-history", is_flag=True, help="Do not record this draft in the history.")
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
    open_mail: bool,
    output_file: Path | None,
    force: bool,
    strict: bool,
    last: bool,
    to: tuple[str, ...],
    no_history: bool,
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
      drafter draft intro-request --answers intro.yaml --format eml -o intro.eml
      drafter draft post-meeting-follow-up --open
      drafter draft post-meeting-follow-up --answers - < answers.yaml > email.txt
      drafter draft connection-request --last     # last time's answers as defaults
      drafter draft post-meeting-follow-up --to kim   # a contact: name, company, ...
      drafter draft double-intro --to priya --to marco
    """
    pb = search(ctx).load(playbook)
    channel = pb.variant(variant).channel or pb.spec.channel  # a bad --variant fails here
    for flag, used in (("--format eml", fmt == "eml"), ("--open", open_mail)):
        if used and channel != "email":
            raise UsageError(f"{flag} works only with channel email; {pb.id} is for {channel}")
    interactive = not no_input and console.stdin_is_tty()
    people = [_contact(name, interactive) for name in to]
    given = answers.merge(
        contact_answers(pb, people),
        answers.read_answers_file(answers_file) if answers_file else {},
        answers.parse_set(list(sets)),
    )
    if force and output_file is None:
        raise UsageError("--force only makes sense with --output")
    # How the history finds this playbook again: its id, or the file it was drafted from.
    ref = str(Path(playbook).resolve()) if playbook_is_path(playbook) else None
    defaults = None
    if last:
        defaults = _last_answers(ref or pb.id)
    run(
        pb,
        variant,
        given,
        interactive=interactive,
        fmt=fmt,
        copy=copy,
        output_file=output_file,
        force=force,
        strict=strict,
        record=not no_history,
        defaults=defaults,
        open_mail=open_mail,
        review=not no_review,
        ref=ref,
        people=people,
    )


def _contact(query: str, interactive: bool) -> Contact:
    """The contact `--to` names; at a terminal, a name that fits several is asked about."""
    from drafter import contacts

    found = contacts.matching(query)
    if len(found) > 1 and interactive:
        from drafter import prompts

        items = [(str(c.id), c.name, views.contact_summary(c)) for c in found[:30]]
        chosen = prompts.pick(f"Which {query.strip()}?", items)
        return next(c for c in found if str(c.id) == chosen)
    return contacts.one(query)


def contact_answers(pb: Playbook, people: list[Contact]) -> dict[str, Any]:
    """What the contacts given (--to, or picked) answer for the playbook: their names, and
    whatever its fields map from them."""
    if not people:
        return {}
    from drafter import contacts

    return contacts.answers_for(pb, people)


def _last_answers(key: str) -> dict[str, Any]:
    from drafter import history

    found = history.last_answers(key)
    if found is None:
        raise UsageError(f"--last: no recorded draft of {key!r} yet")
    return found


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
    record: bool = True,
    defaults: dict[str, Any] | None = None,
    open_mail: bool = False,
    review: bool = True,
    on_leave: OnLeave | None = None,
    ref: str | None = None,
    people: list[Contact] | None = None,
) -> None:
    """The pipeline: answers -> render -> checks -> output, and the history.

    After an interactive draft at a terminal (text, to stdout), the review loop runs unless
    `review` is False or the profile says `review: false`; it tells `on_leave` each time the
    draft is copied or written. There the guided flow's copy (`copy_required` False) is the
    loop's `c`. Every way the draft leaves drafter is recorded (unless `record` is False,
    DRAFTER_NO_HISTORY is set or the profile says `history: off`).
    """
    variant = pb.variant(variant_name)
    profile, settings = load_profile_and_settings()
    if (variant.channel or pb.spec.channel) == "linkedin-note" and not keeping.notes_left_ok(
        profile, settings, interactive and record
    ):
        keeping.thank_when_accepted(people or [])
        return
    session = None
    if interactive:
        from drafter import review as reviewing

        given = _with_sender_name(pb, given, profile)
        session = reviewing.start(pb, variant.name, given, profile, defaults=defaults)
        outcome = session.outcome
    else:
        outcome = pipeline.run(pb, given, variant=variant.name, profile=profile, defaults=defaults)
    on = record and keeping.history_on(settings)
    keep = keeping.Recorder(pb, outcome, ref, people or []) if on else None
    if keep is not None and outcome.channel == "linkedin-note":
        keeping.invited_before(pb, outcome)
    loop = session is not None and review and fmt == "text" and output_file is None
    if loop and not open_mail and _may_review(settings):
        assert session is not None
        copy_now, copy = copy and copy_required, False  # the guided flow's copy: the loop's `c`

        def left(action: str, current: pipeline.Outcome, text: str) -> None:
            if keep is not None:
                keep(action, text, outcome=current)
            if on_leave is not None:
                on_leave(action, current, text)

        outcome = reviewing.loop(
            session,
            copy=_copy_reviewed,
            edit=_edit,
            on_leave=left,
            copy_now=copy_now,
            extras=keep.offers if keep is not None else None,
        )
    else:
        _emit(outcome, pb, variant.name, fmt, output_file, force, keep)
    if copy and _copy(outcome.text, required=copy_required) and keep:
        keep("copied")
    if open_mail:
        from drafter import mail

        said = mail.open_in_client(outcome.draft, outcome.me)
        console.err(said)
        if keep:
            keep("opened" if said == mail.OPENED else "written")  # else: an .eml instead
    results = outcome.checks
    if strict and not all(r.ok for r in results):
        failed = ", ".join(r.id for r in results if not r.ok)
        raise DrafterError(f"checks failed under --strict: {failed}")


def _may_review(settings: dict[str, Any]) -> bool:
    """Whether the terminal and the profile allow the review loop (--no-review aside)."""
    from drafter import review

    return review.available() and bool(settings["review"])


def _emit(
    outcome: pipeline.Outcome,
    pb: Playbook,
    variant: str,
    fmt: str,
    output_file: Path | None,
    force: bool,
    keep: keeping.Recorder | None,
) -> None:
    """The draft on stdout or in --output, as text, JSON or .eml; recorded as it goes.

    The record is made first (JSON carries its id) and taken back if the draft then never
    leaves: an address the .eml refuses, a full disk, a closed standard output.
    """
    result, results = outcome.draft, outcome.checks
    history_id = keep("written" if output_file is not None else "printed") if keep else None
    try:
        text = output.render_output(
            result, results, fmt, outcome.answers, history_id=history_id, me=outcome.me
        )
        if output_file is not None:
            output.write_atomic(output_file, text if fmt == "eml" else text + "\n", force=force)
        elif fmt == "eml" and not console.stdout_is_tty():
            click.echo(text.encode("utf-8"), nl=False)  # the message's exact bytes, CRLF and all
        else:
            tty = console.stdout_is_tty()
            console.out_data(views.draft_text(result) if fmt == "text" and tty else text)
            console.flush()  # a full disk shows here, not at exit
    except BaseException:
        if keep:
            keep.undo()  # it never left drafter
        raise
    if output_file is not None:
        console.err(views.wrote(output_file))
    if fmt != "json":  # JSON carries the checks itself
        _report(results, pb, variant)


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


def _copy(text: str, *, required: bool) -> bool:
    """Put the draft on the clipboard; when that is only a convenience, say why it could not."""
    try:
        how = output.copy_to_clipboard(text, sys.stdout if sys.stdout.isatty() else None)
    except DrafterError as exc:
        if required:
            raise
        console.err(views.not_copied(exc))
        return False
    console.err(views.copied(how))
    return True


def _copy_reviewed(text: str) -> bool:
    """The review loop's `c`: copy, and say how; whether the text went out."""
    return _copy(text, required=False)


def _edit(text: str) -> str | None:
    """The review loop's `e`: `text` in $VISUAL or $EDITOR; None when left unchanged."""
    try:
        return click.edit(text, extension=".txt", require_save=True)
    except click.ClickException as exc:  # the editor could not be started, or failed
        console.err(views.warning(exc.format_message()))
        return None
