"""The command line: parse options, call the core, map errors to exit codes in one place.

The only module that imports click. It reads as a pipeline:
playbook -> answers -> render -> checks -> output.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from drafter import __version__, answers, channels, checks, output, pipeline
from drafter.errors import Cancelled, DrafterError, NeedsInputError, Stopped, UsageError
from drafter.library import Search, Skipped
from drafter.playbook import Field, Playbook
from drafter.profile import load_profile, profile_path, save_profile
from drafter.text import for_terminal

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


# --- errors and terminal helpers --------------------------------------------------------


def _color() -> bool | None:
    """False when NO_COLOR is set (https://no-color.org); otherwise let click decide."""
    return False if os.environ.get("NO_COLOR") else None


def _err(message: str) -> None:
    click.echo(message, err=True, color=_color())


def _out(text: str) -> None:
    """Print text for people: never anything that could drive a terminal (a shared title...)."""
    click.echo(for_terminal(text), color=_color())


def _out_data(text: str) -> None:
    """Print data (JSON, the draft): exact when piped, cleaned when a terminal shows it."""
    click.echo(for_terminal(text) if sys.stdout.isatty() else text, color=_color())


def _fail(message: str, code: int) -> NoReturn:
    one_line = " ".join(for_terminal(message).split())
    click.echo(f"drafter: error: {one_line}", err=True)
    sys.exit(code)


class DrafterGroup(click.Group):
    """Runs commands and turns every failure into one `drafter: error:` line and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        previous = _catch_stop_signals()
        try:
            rv = super().main(*args, **kwargs)
        except Stopped as exc:
            # Unwinding has run every `finally` (a prompt's restores the terminal's mode).
            sys.exit(128 + exc.signum)
        except (Cancelled, click.Abort, KeyboardInterrupt, EOFError):
            click.echo("Cancelled.", err=True)
            sys.exit(EXIT_CANCELLED)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _fail(exc.format_message() + hint, EXIT_USAGE)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except DrafterError as exc:
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            advice = ". Give them with --set FIELD=VALUE or --answers FILE"
            _fail(str(exc) + (advice if isinstance(exc, NeedsInputError) else ""), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
            sys.exit(EXIT_FAIL)
        except Exception as exc:
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (set DRAFTER_DEBUG=1 for a traceback)",
                EXIT_FAIL,
            )
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


def _raise_stopped(signum: int, frame: Any) -> None:
    raise Stopped(signum)


def _catch_stop_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP unwind drafter instead of killing it mid-prompt (POSIX, main thread)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _raise_stopped)
    return previous


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def _warn_skipped(skipped: Skipped) -> None:
    """A library drafter cannot use (a broken pack, an unreadable folder): say so, go on."""
    _err(f"drafter: warning: {for_terminal(skipped.message)}")


def _search(ctx: click.Context) -> Search:
    root = ctx.find_root()
    if not isinstance(root.obj, Search):
        root.obj = Search(tuple(root.params.get("libraries") or ()), warn=_warn_skipped)
    return root.obj


# --- shell completion --------------------------------------------------------------------


def _complete_playbook(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    try:
        ids = _search(ctx).ids()
    except DrafterError:
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


def _completion_playbook(ctx: click.Context) -> Playbook | None:
    # While an option's value is being completed, click leaves positionals unparsed in ctx.args.
    ref = ctx.params.get("playbook") or next((a for a in ctx.args if not a.startswith("-")), None)
    if not ref:
        return None
    try:
        return _search(ctx).load(ref)
    except DrafterError:
        return None


def _complete_variant(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    pb = _completion_playbook(ctx)
    if pb is None:
        return []
    return [
        CompletionItem(v.name, help=v.description)
        for v in pb.spec.variants
        if v.name.startswith(incomplete)
    ]


def _complete_set(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
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


# --- the group ---------------------------------------------------------------------------

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=DrafterGroup, invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--library",
    "libraries",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Also look for playbooks in DIR (a folder with playbooks/ and templates/). Repeatable.",
)
@click.version_option(__version__, "-V", "--version", prog_name="drafter")
@click.pass_context
def cli(ctx: click.Context, libraries: tuple[Path, ...]) -> None:
    """Draft the networking messages people dread, in under a minute.

    Run with no command in a terminal to pick a scenario and answer a few
    questions; the message is printed, checked against the channel's limits,
    and put on your clipboard.

    \b
    Examples:
      drafter                                   # pick a playbook, answer, done
      drafter list                              # what scenarios there are
      drafter draft connection-request --copy   # ask, then copy the note
      drafter draft decline-sales-pitch --no-input \\
          --set recipient_name="Sam Lee" --set offering="lead generation"
    """
    ctx.obj = Search(libraries, warn=_warn_skipped)
    if ctx.invoked_subcommand is not None:
        return
    if not _stdin_is_tty():
        click.echo(ctx.get_help())
        click.echo()
        _print_table(_search(ctx))
        return
    from drafter import prompts

    search = _search(ctx)
    ok, bad = _load_entries(search)
    for entry, exc in bad:
        _err(
            f"drafter: warning: skipping {entry.id} ({entry.library.source}): {for_terminal(str(exc))}"
        )
    items = [(pb.id, pb.title, pb.spec.summary) for e, pb in ok if e.overridden_by is None]
    items.sort(key=lambda item: item[1].lower())
    chosen = prompts.pick("What do you want to write?", items)
    pb = search.load(chosen)
    variant = None
    if len(pb.spec.variants) > 1:
        variant = prompts.pick(
            "Which style?",
            [(v.name, v.name, v.description) for v in pb.spec.variants],
        )
    # The whole point of the guided flow: the message ends up on the clipboard.
    _draft(pb, variant, {}, interactive=True, copy=True, copy_required=False)


# --- draft -------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT, short_help="Draft a message from a playbook.")
@click.argument("playbook", shell_complete=_complete_playbook)
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    shell_complete=_complete_set,
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
    shell_complete=_complete_variant,
    help="Which variant to use (default: the first).",
)
@click.option(
    "--no-input", is_flag=True, help="Never prompt; fail listing any missing required answers."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: just the message; json: message, counts and checks.",
)
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
) -> None:
    """Draft a message from PLAYBOOK (an id from 'drafter list', or a .yaml path).

    In a terminal, drafter asks for every answer not given with --set,
    --answers or your profile. Without a terminal (or with --no-input) it
    never waits: missing required answers are an error that lists them.

    \b
    Examples:
      drafter draft connection-request
      drafter draft connection-request --variant brief --copy
      drafter draft decline-sales-pitch --no-input --set recipient_name="Sam Lee" \\
          --set offering="outsourced SDRs" --set reason=no_budget
      drafter draft double-intro --answers intro.yaml --format json
      drafter draft post-meeting-follow-up --answers - < answers.yaml > email.txt
    """
    pb = _search(ctx).load(playbook)
    pb.variant(variant)  # fail on a bad --variant before asking anything
    given = answers.merge(
        answers.read_answers_file(answers_file) if answers_file else {},
        answers.parse_set(list(sets)),
    )
    if force and output_file is None:
        raise UsageError("--force only makes sense with --output")
    _draft(
        pb,
        variant,
        given,
        interactive=not no_input and _stdin_is_tty(),
        fmt=fmt,
        copy=copy,
        output_file=output_file,
        force=force,
        strict=strict,
    )


def _draft(
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
) -> None:
    """The pipeline: answers -> render -> checks -> output."""
    variant = pb.variant(variant_name)
    profile = load_profile()
    ask: answers.Ask | None = None
    if interactive:
        from drafter import prompts

        _, me = answers.split_me(pb, given, profile)
        if not me["name"]:
            given = answers.merge(given, {"me": {"name": _first_run_name()}})
        ask = prompts.ask
    outcome = pipeline.run(pb, given, variant=variant.name, profile=profile, ask=ask)
    result, results = outcome.draft, outcome.checks
    text = output.render_output(result, results, fmt, outcome.answers)
    if output_file is not None:
        output.write_atomic(output_file, text + "\n", force=force)
        _err(f"Wrote {output_file}")
    else:
        _out_data(text)
    if fmt == "text":
        _report(results, pb, variant.name)
    if copy:
        try:
            how = output.copy_to_clipboard(
                result.text(), sys.stdout if sys.stdout.isatty() else None
            )
        except DrafterError as exc:
            if copy_required:
                raise
            _err(f"Not copied: {exc}.")
        else:
            _err(f"Copied to the {how}.")
    if strict and not all(r.ok for r in results):
        failed = ", ".join(r.id for r in results if not r.ok)
        raise DrafterError(f"checks failed under --strict: {failed}")


def _first_run_name() -> str:
    """Ask a new user's name for the sign-off, and offer to keep it in the profile."""
    from drafter import prompts

    name = prompts.text("Your name, for the sign-off?", instruction="(asked once)")
    if prompts.confirm(f"Save it to your profile ({profile_path()})?", default=True):
        saved = save_profile({"name": name})
        if saved.note:
            _err(f"drafter: warning: {for_terminal(saved.note)}")
    return name


def _report(results: list[checks.CheckResult], pb: Playbook, variant: str) -> None:
    """Checks on stderr: all of them in a terminal, only failures otherwise."""
    if sys.stderr.isatty():
        utf = (getattr(sys.stderr, "encoding", "") or "").lower().replace("-", "") == "utf8"
        good, bad = ("✓", "✗") if utf else ("ok", "FAIL")
        _err("")
        for r in results:
            mark = click.style(good, fg="green") if r.ok else click.style(bad, fg="red", bold=True)
            _err(f"{mark} {r.id}: {r.message}")
            if r.fix and not r.ok:
                _err(f"    fix: {r.fix}")
        others = [v.name for v in pb.spec.variants if v.name != variant]
        if others:
            _err(click.style(f"Other styles: {', '.join(others)} (--variant NAME)", dim=True))
        return
    for r in results:
        if not r.ok:
            fix = f" (fix: {r.fix})" if r.fix else ""
            _err(f"drafter: warning: check {r.id} failed: {r.message}{fix}")


# --- list and show -----------------------------------------------------------------------


def _print_table(search: Search) -> None:
    ok, bad = _load_entries(search)
    rows = [
        (
            e.id,
            pb.spec.channel,
            e.library.source
            if e.overridden_by is None
            else f"{e.library.source} (overridden by {e.overridden_by.source})",
            pb.title,
        )
        for e, pb in ok
    ]
    if not rows:
        click.echo("No playbooks found.")
        return
    widths = [
        max(len(r[i]) for r in [("ID", "CHANNEL", "SOURCE", "TITLE"), *rows]) for i in range(3)
    ]
    for r in [("ID", "CHANNEL", "SOURCE", "TITLE"), *rows]:
        _out(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip())
    for e, exc in bad:
        _err(f"drafter: warning: {e.id} ({e.library.source}) is invalid: {for_terminal(str(exc))}")


def _load_entries(search: Search) -> tuple[list[Any], list[Any]]:
    """Every playbook file, sorted by id (an override sits next to what it overrides)."""
    from drafter.library import load_all

    return load_all(sorted(search.entries(), key=lambda e: e.id))


@cli.command(
    "list", context_settings=CONTEXT, short_help="List playbooks, their sources and overrides."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """List the playbooks drafter can find, where each comes from, and overrides.

    \b
    Examples:
      drafter list
      drafter list --format json | jq -r '.[].id'
    """
    search = _search(ctx)
    if fmt == "table":
        _print_table(search)
        return
    ok, bad = _load_entries(search)
    data = [
        {
            "id": e.id,
            "title": pb.title,
            "summary": pb.spec.summary,
            "channel": pb.spec.channel,
            "source": e.library.source,
            "path": str(e.library.path_of(e.id)),
            "overridden_by": e.overridden_by.source if e.overridden_by else None,
        }
        for e, pb in ok
    ]
    _out_data(json.dumps(data, ensure_ascii=False, indent=2))
    for e, exc in bad:
        _err(f"drafter: warning: {e.id} ({e.library.source}) is invalid: {for_terminal(str(exc))}")


def _describe_json(pb: Playbook) -> dict[str, Any]:
    shown = _shown_fields(pb)
    return {
        "id": pb.id,
        "title": pb.title,
        "summary": pb.spec.summary,
        "channel": pb.spec.channel,
        "fields": [
            {
                "name": f.name,
                "type": f.type,
                "required": f.required,
                "prompt": shown[i].prompt,
                "prompt_template": f.prompt if f.prompt != shown[i].prompt else None,
                "help": shown[i].help,
                "example": shown[i].example,
                "frame": _frame_text(shown[i]),
                "when": f.when,
                "default": f.default,
                "choices": [{"value": c.value, "label": c.title} for c in f.choices],
            }
            for i, f in enumerate(pb.fields)
        ],
        "variants": [{"name": v.name, "description": v.description} for v in pb.spec.variants],
    }


def _shown_fields(pb: Playbook) -> list[Field]:
    """Each field as a person sees it: prompts that use earlier answers are rendered over
    the first example in which the field is asked (else over defaults); the JSON's
    `prompt_template` keeps the source."""
    filled: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for given in pb.spec.examples.values():
        try:
            filled.append(pipeline.collect(pb, given))
        except DrafterError:
            continue
    me = answers.split_me(pb, {}, {})[1]
    defaults: dict[str, Any] = {}
    out = []
    for i, f in enumerate(pb.fields):
        sources = [(v, m) for v, m in filled if answers.asks(pb, i, v, m)] + [(defaults, me)]
        shown = f
        for values, sender in sources:
            try:
                shown = answers.present(pb, i, values, sender)
                break
            except DrafterError:  # an expression over answers that aren't there
                continue
        try:
            default = answers.default_for(pb, i, defaults, me)
        except DrafterError:
            default = None
        defaults[f.name] = default if default is not None else answers.empty(f)
        out.append(shown)
    return out


def _frame_text(field: Field) -> str | None:
    return field.frame.text if field.frame is not None else None


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return str(value)


@cli.command(context_settings=CONTEXT)
@click.argument("playbook", shell_complete=_complete_playbook)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def show(ctx: click.Context, playbook: str, fmt: str) -> None:
    """Show a playbook's questions, choices and variants.

    \b
    Examples:
      drafter show intro-request
      drafter show double-intro --format json
    """
    pb = _search(ctx).load(playbook)
    if fmt == "json":
        _out_data(json.dumps(_describe_json(pb), ensure_ascii=False, indent=2))
        return
    limit = channels.limits(pb.spec.channel).body
    lines = [f"{pb.title} ({pb.id})"]
    if pb.spec.summary:
        lines.append(pb.spec.summary.strip())
    lines.append(
        f"Channel: {channels.LABELS[pb.spec.channel]}"
        + (f", {limit:,} characters" if limit else "")
        + (f", at most {pb.spec.checks.max_words} words" if pb.spec.checks.max_words else "")
    )
    lines += ["", "Fields:"]
    for f in _shown_fields(pb):
        flags = "required" if f.required else "optional"
        if f.default is not None:
            flags += f", default {_shown(f.default)}"
        if f.when:
            flags += f", when {f.when}"
        lines.append(f"  {f.name} ({f.type}, {flags}): {f.prompt.strip()}")
        if f.help:
            lines.append(f"      {f.help.strip()}")
        if f.frame and f.frame.text:
            lines.append(f"      finishes: {f.frame.text.strip()}")
        if f.example:
            lines.append(f"      e.g. {f.example.strip()}")
        for c in f.choices:
            label = f" - {c.label}" if c.label else ""
            lines.append(f"      {c.value}{label}")
    lines += ["", "Variants:"]
    for i, v in enumerate(pb.spec.variants):
        default = " (default)" if i == 0 else ""
        lines.append(f"  {v.name}{default}: {v.description}".rstrip(": "))
    required = [f for f in pb.fields if f.required]
    example = " ".join(f'--set {f.name}="..."' for f in required[:2])
    lines += [
        "",
        f"Try: drafter draft {pb.id}" + (f"  (or --no-input {example})" if example else ""),
    ]
    _out("\n".join(lines))


# --- profile -----------------------------------------------------------------------------


@cli.group(invoke_without_command=True, context_settings=CONTEXT)
@click.pass_context
def profile(ctx: click.Context) -> None:
    """Show the sender profile: who 'me' is in every message.

    \b
    Examples:
      drafter profile
      drafter profile set name="Ana Ruiz" headline="Data engineer" linkedin_account=premium
    """
    if ctx.invoked_subcommand is not None:
        return
    me = load_profile()
    path = profile_path()
    click.echo(f"# {path}" + ("" if path.exists() else " (not saved yet)"))
    width = max(len(k) for k in me)
    for key, value in me.items():
        shown = value if value else "-"
        _out(f"{key:<{width}}  {shown}")


@profile.command("set", context_settings=CONTEXT)
@click.argument("pairs", nargs=-1, required=True, metavar="KEY=VALUE...")
def profile_set(pairs: tuple[str, ...]) -> None:
    """Set profile keys; an empty value clears one.

    Keys: name, headline, company, email, phone, linkedin, signature,
    linkedin_account (free or premium: premium allows 300-character notes).

    \b
    Examples:
      drafter profile set name="Ana Ruiz" company=Acme
      drafter profile set linkedin_account=premium phone=
    """
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{pair!r}: expected KEY=VALUE")
        values[key.strip()] = value
    saved = save_profile(values)
    _err(f"Saved {saved.path}")
    if saved.note:
        _err(f"drafter: warning: {for_terminal(saved.note)}")


# --- schema ------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the playbook format.

    \b
    Example:
      drafter schema > playbook.schema.json
    """
    from drafter.playbook import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.command(context_settings=CONTEXT)
@click.argument("playbook_id", metavar="ID")
@click.option(
    "--from",
    "source",
    metavar="PLAYBOOK",
    shell_complete=_complete_playbook,
    help="Start from a copy of this playbook (and its templates).",
)
@click.pass_context
def new(ctx: click.Context, playbook_id: str, source: str | None) -> None:
    """Create a playbook in your user library and print its path.

    The file starts with a schema line, so YAML-aware editors complete and
    check keys as you type. It never overwrites an existing playbook.

    \b
    Examples:
      drafter new referral-thanks
      drafter new my-connection-request --from connection-request
      "$EDITOR" "$(drafter new recruiter-intro)"
    """
    from drafter import authoring

    search = _search(ctx)
    src = search.load(source) if source else None
    path = authoring.new(playbook_id, src)
    click.echo(str(path))  # alone on stdout, for "$EDITOR $(drafter new ID)"
    shadowed = [e for e in search.entries() if e.id == playbook_id and e.library.source != "user"]
    if shadowed:
        source = shadowed[0].library.source
        _err(f"Note: {playbook_id} now overrides the {source} playbook of the same id.")
    _err(f"Next: drafter edit {playbook_id}, then drafter lint and drafter draft {playbook_id}")


@cli.command(context_settings=CONTEXT)
@click.argument("playbook_id", metavar="ID", shell_complete=_complete_playbook)
@click.pass_context
def edit(ctx: click.Context, playbook_id: str) -> None:
    """Open a playbook in $VISUAL or $EDITOR, then lint it.

    A built-in or pack playbook is first copied to your user library (with
    its templates), so your edits override it and survive upgrades.

    \b
    Examples:
      drafter edit referral-thanks
      EDITOR=nano drafter edit decline-sales-pitch
    """
    from drafter import authoring
    from drafter import lint as linter

    search = _search(ctx)
    pb = search.load(playbook_id)
    source = pb.library.source if pb.library else "user"
    path = pb.path
    if source == "built-in" or source.startswith("pack:"):
        path = authoring.new(pb.id, pb)
        _err(f"Copied the {source} playbook to {path}")
    try:
        click.edit(filename=str(path))
    except click.ClickException as exc:
        raise DrafterError(f"{exc.format_message()} (set VISUAL or EDITOR)") from None
    problems = linter.lint(Search(search.extra), [str(path)])
    for p in problems:
        _out(p.format())
    errors = sum(p.severity == "error" for p in problems)
    if problems:
        _err(f"{errors} error(s), {len(problems) - errors} warning(s) in {path}")
    else:
        _err(f"{path}: no problems found.")
    if errors:
        ctx.exit(EXIT_FAIL)


@cli.command(context_settings=CONTEXT, short_help="Check playbooks for mistakes.")
@click.argument("refs", nargs=-1, metavar="[PATH|ID]...", shell_complete=_complete_playbook)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.pass_context
def lint(ctx: click.Context, refs: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check playbooks for mistakes before anyone sends a message from them.

    With no arguments, lints every playbook drafter can find. Problems are
    reported as FILE:LINE:COL: RULE-ID: MESSAGE. Errors exit 1; warnings
    alone exit 0 unless --strict.

    \b
    Examples:
      drafter lint
      drafter lint my-playbook
      drafter lint ~/team-library/playbooks/referral.yaml --strict
    """
    from drafter import lint as linter

    problems = linter.lint(Search(_search(ctx).extra), list(refs))  # reported as problems
    if fmt == "json":
        _out_data(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            _out(p.format())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "text":
        _err(f"{errors} error(s), {warnings} warning(s)" if problems else "No problems found.")
    if errors or (strict and warnings):
        ctx.exit(EXIT_FAIL)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="drafter")
