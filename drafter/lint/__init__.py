"""Lint rules for playbooks: every mistake in a playbook and its templates, with file:line:col.

Each rule has a stable id and a row in `RULES` (table.py), most with a small
function that checks one loaded playbook through a `LintContext` (context.py):
text_rules.py judges template text and expressions, playbook_rules.py the
loader's checks and the examples. reading.py reads every piece of template text
once for all of them. Problems point at the most useful YAML node or template
line. A playbook that cannot be read or validated yields one problem saying why;
one that loads is checked by every rule, and all of its problems are reported,
not just the first.
"""

from __future__ import annotations

from drafter.lint.problems import Finding, Problem, Severity
from drafter.lint.run import lint, lint_file
from drafter.lint.table import RULES, Rule, problem

__all__ = ["RULES", "Finding", "Problem", "Rule", "Severity", "lint", "lint_file", "problem"]
