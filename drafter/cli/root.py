"""The root command: the `drafter` group, and the one place failures become exit codes."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import click

from drafter import __version__, stopping
from drafter.cli.options import CONTEXT
from drafter.errors import Cancelled, DrafterError, NeedsInputError, Stopped
from drafter.text import for_terminal

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130

# Whether drafter runs as a process of its own (main(), not click's test runner or a host
# program): only then may it change how the process collects garbage (see _collect_from_here).
_own_process = False

# Each command's module and name in it. A run imports only the module of the command it runs
# (what a draft imports is what its start-up costs); help and completion import them all.
COMMANDS = {
    "again": "drafter.cli.history:again",
    "batch": "drafter.cli.batch:batch",
    "contacts": "drafter.cli.contacts:contacts_group",
    "draft": "drafter.cli.draft:draft",
    "due": "drafter.cli.due:due_group",
    "edit": "drafter.cli.authoring:edit",
    "history": "drafter.cli.history:history_group",
    "lint": "drafter.cli.lint:lint",
    "list": "drafter.cli.list_:list_",
    "new": "drafter.cli.authoring:new",
    "profile": "drafter.cli.profile:profile",
    "schema": "drafter.cli.schema:schema",
    "show": "drafter.cli.show:show",
}


def _fail(message: str, code: int) -> NoReturn:
    one_line = " ".join(for_terminal(message).split())
    click.echo(f"drafter: error: {one_line}", err=True)
    sys.exit(code)


class DrafterGroup(click.Group):
    """Runs commands and turns every failure into one `drafter: error:` line and an exit code.

    Its commands are imported when first looked up (click's "lazily loading subcommands").
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, _, name = COMMANDS[cmd_name].partition(":")
        command = getattr(_import_command(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
        return command

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        # A shell asking: drafter's completion classes first (imported only then, for start-up).
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").replace(".", "_").upper()
        if os.environ.get(var):
            from drafter.cli import completion

            completion.register()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        previous = stopping.catch()
        if sys.stdout is None:  # started with standard output closed (>&-)
            _fail("standard output is closed", EXIT_FAIL)
        try:
            rv = super().main(*args, **kwargs)
            stopping.check()  # a signal that landed where it could not unwind anything
        except Stopped as exc:
            # Unwinding has run every `finally` (a prompt's restores the terminal's mode).
            sys.exit(128 + exc.signum)
        except click.Abort as exc:
            # click turns every KeyboardInterrupt into Abort, Stopped (a SIGTERM) included.
            stopped = exc.__cause__
            if isinstance(stopped, Stopped):
                sys.exit(128 + stopped.signum)
            click.echo("Cancelled.", err=True)
            sys.exit(EXIT_CANCELLED)
        except (Cancelled, KeyboardInterrupt, EOFError):
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
            stopping.restore(previous)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


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
    # The library search is built on first use (options.search), from --library.
    _collect_from_here()  # after the command's import; or now, with no command to run
    if ctx.invoked_subcommand is None:
        from drafter.cli import guided

        guided.start(ctx)


def _collect_from_here() -> None:
    """In drafter's own process, end start-up's pause of the garbage collector.

    Start-up (drafter.cli.main) pauses it: the imports make tens of thousands of objects that
    live until exit, which it would walk again and again for nothing. They are frozen out of
    its reach first, so they cost it nothing for the rest of the run either.
    """
    if _own_process:
        gc.freeze()
        gc.enable()


def _import_command(module: str) -> ModuleType:
    """A command's module; in drafter's own process, imported with the collector paused."""
    if not _own_process or module in sys.modules:
        return importlib.import_module(module)
    gc.disable()  # still, from start-up; not when help or completion import every command
    try:
        return importlib.import_module(module)
    finally:
        _collect_from_here()


def main() -> None:
    """Run drafter as a process of its own (drafter.cli.main, the console script's entry
    point, pauses the garbage collector before importing this module)."""
    global _own_process
    _own_process = True
    try:
        cli(prog_name="drafter")
    finally:
        # Exiting: the interpreter's last collections would walk every object left (about
        # 15 ms, more than the draft's own work); frozen, they are skipped. Nothing needs
        # them: every file and database drafter opens is closed where it is used.
        gc.freeze()
