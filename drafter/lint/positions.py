"""Where things are: YAML nodes in the playbook, and lines of template text in their files."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from drafter import yamlio


class Positions:
    """The playbook's node tree, composed once, for the positions of keys and values."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.root = yamlio.compose(text)

    def node(
        self, path: Sequence[yamlio.PathSeg], key: bool = False, exact: bool = False
    ) -> yaml.Node | None:
        """The node at `path` (its key with `key`); the nearest parent unless `exact`."""
        return yamlio.find_node(self.root, path, key, exact)

    def at(self, path: Sequence[yamlio.PathSeg], key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `path`, or of its nearest parent."""
        node = self.node(path, key)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def origin(self, where: list[yamlio.PathSeg], what: str) -> Origin:
        """The origin of a string in the playbook: a block scalar starts on the next line."""
        node = self.node(where, exact=True)
        if node is None:
            return Origin(self.path, self.lines, what)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return Origin(self.path, self.lines, what, offset=line)
        return Origin(self.path, self.lines, what, offset=line - 1, col0=col)


@dataclass
class Origin:
    """Where a piece of template text sits: a template file, or a string in the playbook."""

    path: Path | str
    lines: list[str]  # the lines of the file at `path`
    what: str  # how messages name it: "variants[0].text", "template 'a.j2'"
    offset: int = 0  # a Jinja line number plus this is the line in `path`
    col0: int = 1  # column where the text's first line starts (a string on its key's line)
    template: str | None = None  # the loader's name for it, when it is a template file

    def at(self, lineno: int | None, needle: str | None = None) -> tuple[int, int]:
        """File line and column of Jinja line `lineno`, at `needle` when it is on that line."""
        jline = max(lineno or 1, 1)
        line = self.offset + jline
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        start = self.col0 - 1 if jline == 1 else 0
        if needle:
            hit = re.compile(rf"(?<![\w.]){re.escape(needle)}(?!\w)").search(text, start)
            if hit:
                return line, hit.start() + 1
        if jline == 1 and self.col0 > 1:
            return line, self.col0
        return line, len(text) - len(text.lstrip()) + 1
