"""The floor drafter's startup is measured against.

The least a drafter-like CLI must do: import click, PyYAML and Jinja2's
sandbox, render one small template and print it. See README.md.
"""

import click
import yaml  # noqa: F401  (imported, as drafter must, to cost what it costs)
from jinja2.sandbox import SandboxedEnvironment

click.echo(SandboxedEnvironment().from_string("Hi {{ name }}").render(name="Ana"))
