"""The parts of a Jinja template's tree the rules look at, gathered in one walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from jinja2 import nodes

from drafter.playbook import ME_KEYS

Ref = nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport
REF_KIND = {
    nodes.Include: "include",
    nodes.Extends: "extends",
    nodes.Import: "import",
    nodes.FromImport: "from",
}
_REF_TYPES = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)


class Nodes:
    """The names, lookups, comparisons and template references in one template."""

    def __init__(self, ast: nodes.Template):
        self.lines: dict[str, int] = {}  # the first line each name is read on
        self.getters: list[nodes.Getattr | nodes.Getitem] = []
        self.compares: list[nodes.Compare] = []
        self.refs: list[Ref] = []
        for node in ast.find_all(nodes.Node):
            if isinstance(node, nodes.Name):
                if node.ctx == "load":
                    self.lines[node.name] = min(node.lineno, self.lines.get(node.name, node.lineno))
            elif isinstance(node, nodes.Getattr | nodes.Getitem):
                self.getters.append(node)
            elif isinstance(node, nodes.Compare):
                self.compares.append(node)
            elif isinstance(node, _REF_TYPES):
                self.refs.append(node)


def me_attrs(getters: list[nodes.Getattr | nodes.Getitem]) -> Iterator[tuple[nodes.Node, str]]:
    """`me.x` and `me['x']` where x is not a sender key."""
    for node in getters:
        target = node.node
        if not (isinstance(target, nodes.Name) and target.name == "me" and target.ctx == "load"):
            continue
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            attr = node.arg.value
        else:
            continue
        if attr not in ME_KEYS:
            yield node, attr


def _is_str(node: nodes.Node) -> TypeGuard[nodes.Const]:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _literals(node: nodes.Node) -> list[str]:
    """The strings in a literal list or tuple: `['a', 'b']`.

    Jinja's optimizer folds a list of constants into one Const holding a list, in place,
    whenever the tree is compiled (jinja2.meta compiles it too), so both shapes occur.
    """
    if isinstance(node, nodes.List | nodes.Tuple):
        return [item.value for item in node.items if _is_str(item)]
    if isinstance(node, nodes.Const) and isinstance(node.value, list | tuple):
        return [item for item in node.value if isinstance(item, str)]
    return []


def compared(compares: list[nodes.Compare]) -> Iterator[tuple[nodes.Node, str, str, bool]]:
    """(node, field, literal, membership) for `f == 'x'`, `f in ['x', 'y']` and `'x' in f`."""
    for cmp in compares:
        left = cmp.expr
        for op in cmp.ops:
            right = op.expr
            if op.op in ("eq", "ne"):
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, nodes.Name) and _is_str(b):
                        yield cmp, a.name, b.value, False
            elif op.op in ("in", "notin"):
                if isinstance(left, nodes.Name):
                    for value in _literals(right):
                        yield cmp, left.name, value, False
                elif _is_str(left) and isinstance(right, nodes.Name):
                    yield cmp, right.name, left.value, True
            left = right
