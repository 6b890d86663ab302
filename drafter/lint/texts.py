"""What reading a playbook's template text finds: each text, each template reference.

The rules judge these; reading.py gathers them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drafter.lint.nodes import Nodes
from drafter.lint.positions import Origin

# Which rules judge a text: template text, or a field's expression (`when`, default, ...).
SyntaxRule = Literal["template-syntax", "expression-syntax"]
NamesRule = Literal["undefined-variable", "expression-order"]
# What became of a template reference: read, a computed name, a path that is refused, a file
# the sandbox will not load (a symlink out), no such file.
Status = Literal["found", "computed", "bad-path", "outside", "missing"]


@dataclass(frozen=True)
class Failure:
    """Why a text does not compile (or a template file cannot be read)."""

    lineno: int | None  # the Jinja line, when known
    reason: str


@dataclass
class Text:
    """One piece of template text: where it is, which rules judge it, and what it reads."""

    origin: Origin
    syntax_rule: SyntaxRule
    names_rule: NamesRule  # the rule for a name outside what the text may use
    describe: Callable[[str], str]  # the message for such a name
    failure: Failure | None = None
    nodes: Nodes | None = None  # what it reads, once it compiles
    unknown: list[str] = field(default_factory=list)  # names it may not use, sorted


@dataclass
class Ref:
    """A template file named by a variant's `template:` or an include tag, and what became of it."""

    label: str  # "variants[0].template", "variants[0].text: {% include %}"
    path: Path | str  # the file the name is written in
    at: tuple[int, int]
    name: str | None  # None when the name is computed
    status: Status
    variant: bool  # a variant's `template:` rather than a tag
    detail: str = ""  # why the path is bad, or where the file is not
    ok: bool = True  # the file is there and has no errors (a computed name counts as ok)


@dataclass
class Reading:
    """Every text and reference in a playbook, and which variants will not render."""

    texts: list[Text] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # variants with static errors; "*" for all
    used: set[str] = field(default_factory=set)  # names any text reads

    @property
    def partial(self) -> bool:
        """Some text went unread, so it may use a field where lint cannot see."""
        return any(t.failure for t in self.texts) or any(r.status != "found" for r in self.refs)


OUTSIDE = "resolves outside the library's templates/ folder"
