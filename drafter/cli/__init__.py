"""The command line: parse options, call the core, show the results to people.

The only package that imports click. `root` holds the `drafter` group and the one
place errors become exit codes; each command has its own module; `options` holds what
commands share (and shell completion); `views` formats everything people read.
"""

from drafter.cli.root import cli, main

__all__ = ["cli", "main"]
