"""`drafter schema`: the JSON Schema of the playbook format."""

from __future__ import annotations

import json

import click

from drafter.cli.options import CONTEXT


@click.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the playbook format.

    \b
    Example:
      drafter schema > playbook.schema.json
    """
    from drafter.playbook import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
