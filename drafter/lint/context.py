"""What every rule reads: the loaded playbook, where its YAML nodes are, and its template text."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import jinja2

from drafter import pipeline, sandbox
from drafter import playbook as pbmod
from drafter.errors import DrafterError, PlaybookError
from drafter.library import Library
from drafter.lint.positions import Positions
from drafter.lint.reading import read
from drafter.playbook import Playbook

# An example's answers and sender, as pipeline.collect gives them, or why they do not collect.
Collected = tuple[dict[str, Any], dict[str, Any]] | DrafterError


class LintContext:
    """One loaded playbook as the rules see it; each shared fact is worked out once."""

    def __init__(self, pb: Playbook, library: Library):
        self.pb = pb
        self.library = library
        self.path = pb.path
        self.positions = Positions(pb.path, pb.text)
        self.env: jinja2.Environment = sandbox.environment(library.templates_dir)
        self.fields = {f.name: f for f in pb.fields}
        self.reading = read(pb, self.positions, self.env, library.templates_dir)

    @cached_property
    def semantic_errors(self) -> list[PlaybookError]:
        """The loader's checks past the typed model, each naming its rule."""
        return list(pbmod.semantic_errors(self.pb))

    @cached_property
    def schema_ok(self) -> bool:
        """Whether the playbook passes the loader's checks (so its examples can be collected)."""
        return not any(err.rule == "schema" for err in self.semantic_errors)

    @cached_property
    def collected(self) -> dict[str, Collected]:
        """Each example's answers, or why they fail; none when no variant could render."""
        if not self.schema_ok or "*" in self.reading.broken:
            return {}
        out: dict[str, Collected] = {}
        with sandbox.many():  # each example within its own draft budget, as batch rows are
            for name, given in self.pb.spec.examples.items():
                try:
                    out[name] = pipeline.collect(self.pb, given)
                except DrafterError as exc:
                    out[name] = exc
        return out
