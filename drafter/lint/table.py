"""The lint rules: one row each, with its id, severity, meaning and the function that checks it.

A rule without a function is reported while the playbooks are found or loaded
(by `run`); the others each look at one loaded playbook through a LintContext.
Ids are stable: editors and CI match on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.lint import playbook_rules, text_rules
from drafter.lint.context import LintContext
from drafter.lint.problems import Finding, Problem, Severity

Check = Callable[[LintContext], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """One lint rule: its id, how bad breaking it is, what it means, and how it is checked."""

    id: str
    severity: Severity
    description: str
    check: Check | None = None  # None: reported while finding or loading the playbook

    def problem(self, found: Finding) -> Problem:
        """`found` reported under this rule."""
        (line, col), path = found.at, found.path
        return Problem(path, max(line, 1), max(col, 1), self.id, self.severity, found.message)


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("not-found", "error", "a playbook named on the command line does not exist"),
        Rule("library-error", "error", "a library (a pack) could not be loaded"),
        Rule("yaml-syntax", "error", "the file is not well-formed YAML, not UTF-8, or too large"),
        Rule(
            "schema",
            "error",
            "the playbook does not fit the playbook format",
            playbook_rules.schema,
        ),
        Rule(
            "template-syntax",
            "error",
            "a template (file, inline text, subject) does not compile",
            text_rules.template_syntax,
        ),
        Rule(
            "template-missing",
            "error",
            "a variant's template file does not exist",
            text_rules.template_missing,
        ),
        Rule(
            "template-escape",
            "error",
            "a template reference leaves the library's templates/ folder",
            text_rules.template_escape,
        ),
        Rule(
            "template-dynamic-include",
            "warning",
            "an include/import whose target is not a constant",
            text_rules.template_dynamic_include,
        ),
        Rule(
            "expression-syntax",
            "error",
            "a field's `when` or templated `default` does not compile",
            text_rules.expression_syntax,
        ),
        Rule(
            "expression-order",
            "error",
            "a `when`/`default` uses a name not an earlier field or me",
            text_rules.expression_order,
        ),
        Rule(
            "undefined-variable",
            "error",
            "a template uses a name that is not a field, me, or its own",
            text_rules.undefined_variable,
        ),
        Rule(
            "unused-field",
            "warning",
            "no template, subject, `when` or `default` uses a field",
            text_rules.unused_field,
        ),
        Rule(
            "example-fails",
            "error",
            "an example does not render, or its draft fails a check",
            playbook_rules.example_fails,
        ),
        Rule(
            "example-coverage",
            "warning",
            "some choice value appears in no example",
            playbook_rules.example_coverage,
        ),
        Rule(
            "follow-up-playbook",
            "warning",
            "a follow-up suggests a playbook that is not in any library",
            playbook_rules.follow_up_playbook,
        ),
        Rule(
            "no-examples",
            "warning",
            "the playbook has no examples",
            playbook_rules.no_examples,
        ),
        Rule(
            "unknown-choice-reference",
            "warning",
            "a template compares a choice field to a non-value",
            text_rules.unknown_choice_reference,
        ),
        Rule("internal-error", "error", "lint itself failed on this playbook (a bug in drafter)"),
    )
}


def problem(path: Path | str, line: int, col: int, rule: str, message: str) -> Problem:
    """A Problem under the rule with id `rule`, with its severity."""
    return RULES[rule].problem(Finding(path, (line, col), message))
