"""The command line: parse options, call the core, show the results to people.

The only package that imports click. `root` holds the `drafter` group and the one
place errors become exit codes; each command has its own module; `options` holds what
commands share (and shell completion); `views` formats everything people read.

`cli` loads on first use, so that `main` can start before anything heavy is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point (and `python -m drafter`'s): drafter as a process of its own."""
    import gc

    # Start-up only makes objects that live until exit (modules, classes, functions): the
    # collector would walk them again and again for nothing. root freezes them out of its
    # reach and turns it back on once the command's module is imported.
    gc.disable()
    from drafter.cli import root

    root.main()


def __getattr__(name: str) -> Any:
    if name == "cli":
        from drafter.cli.root import cli

        return cli
    raise AttributeError(f"module 'drafter.cli' has no attribute {name!r}")


if TYPE_CHECKING:
    from drafter.cli.root import cli
