"""drafter lint: one broken playbook per rule, then whole files, the built-ins and the CLI."""

from __future__ import annotations

import dataclasses
import json
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import playbook as pbmod
from drafter import yamlio
from drafter.cli import cli
from drafter.errors import PlaybookError
from drafter.library import Library, Search, builtin
from drafter.lint import RULES, Finding, Problem, Rule, lint
from drafter.lint.context import LintContext

CLEAN = """\
title: Thanks
channel: linkedin-message
fields:
  - name: who
    prompt: Who?
    required: true
  - name: tone
    prompt: Tone?
    type: choice
    default: warm
    choices:
      - {value: warm}
      - {value: brief}
variants:
  - name: main
    template: x/main.j2
  - name: short
    text: |
      Hi {{ who }},
      thanks.
examples:
  warm: {who: Ana Ruiz, tone: warm}
  brief: {who: Bo Chen, tone: brief, me: {name: Sam}}
"""

MAIN = """\
Hi {{ who|first_name }},
{% if tone == "warm" %}
Thank you so much for your time today.
{% else %}
Thanks for today.
{% endif %}
{{ me.name }}
"""

PLAYBOOK = "playbooks/x.yaml"
# What a broken rule costs: warnings alone pass unless --strict; anything else is an error.
WARNINGS = {
    "template-dynamic-include",
    "unused-field",
    "example-coverage",
    "no-examples",
    "follow-up-playbook",
    "unknown-choice-reference",
}


def library(
    tmp_path: Path, playbook: str | bytes, templates: dict[str, str | bytes] | None = None
) -> Path:
    """A library folder holding playbooks/x.yaml and templates/...; returns the playbook's path."""
    path = tmp_path / PLAYBOOK
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(playbook, bytes):
        path.write_bytes(playbook)
    else:
        path.write_text(textwrap.dedent(playbook), encoding="utf-8")
    for name, text in {"x/main.j2": MAIN, **(templates or {})}.items():
        tpath = tmp_path / "templates" / name
        tpath.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            tpath.write_bytes(text)
        else:
            tpath.write_text(text, encoding="utf-8")
    return path


def replace(old: str, new: str) -> str:
    assert old in CLEAN, old
    return CLEAN.replace(old, new, 1)


def lines(problems: list[Problem], root: Path) -> list[str]:
    """Each problem as `drafter lint` prints it, with `root` (the library) written {lib}."""
    return [
        p.format().replace(str(root.resolve()), "{lib}").replace(str(root), "{lib}")
        for p in problems
    ]


def bomb() -> str:
    """Aliases that expand to 10^5 nodes in a few lines (a "billion laughs")."""
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcd", "bcde", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    return "\n".join(rows) + "\n"


def case(name: str, playbook: str | bytes, expected: str, **templates: str | bytes) -> object:
    """A table row: playbook, templates (`main=` is templates/x/main.j2), the one problem."""
    templates_ = {f"x/{k}.j2": v for k, v in templates.items()}
    return pytest.param(playbook, templates_, expected, id=name)


TEXT = "      thanks.\n"  # the last line of the inline variant's text, line 20
GONE = replace("template: x/main.j2", "template: x/gone.j2")
LIB = "{lib}/playbooks/x.yaml"
TPL = "{lib}/templates/x/main.j2"
UNDEFINED = "is undefined: not a field, me, nor set in the template"
KEYS = "keys: name, headline, company, email, phone, linkedin, signature, linkedin_account"
JINJA_IF = (
    "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' "
    "or 'endif'. The innermost block that needs to be closed is 'if'."
)
TYPES = "text, name, multiline, choice, multichoice, confirm, email, url, number"
WARN = "checks:\n  warn:\n    - when: {}\n      message: Hm\n"

# Each playbook has exactly one problem, as `drafter lint` prints it ({lib}: the library).
CASES = [
    case(
        "yaml-syntax",
        "title: X\nchannel: email\n  bad: [\n",
        f"{LIB}:3:6: yaml-syntax: invalid YAML: mapping values are not allowed in this context",
    ),
    case(
        "yaml-not-utf8",
        b"title: caf\xe9\n",
        f"{LIB}:1:1: yaml-syntax: not UTF-8 text (byte 11)",
    ),
    case(
        "yaml-undefined-alias",
        "title: *nope\n",
        f"{LIB}:1:8: yaml-syntax: invalid YAML: found undefined alias",
    ),
    case(
        "yaml-alias-bomb",
        bomb(),
        f"{LIB}:5:1: yaml-syntax: aliases expand to more than 50,000 values; the limit is 50,000",
    ),
    case(
        "schema-not-a-mapping",
        "- title\n",
        f"{LIB}:1:1: schema: a playbook is a YAML mapping of keys, but this is a list",
    ),
    case(
        "schema-no-title",
        replace("title: Thanks\n", ""),
        f"{LIB}:1:1: schema: playbook: missing required key 'title'",
    ),
    case(
        "schema-bad-enum",
        replace("type: choice", "type: choise"),
        f"{LIB}:9:11: schema: fields[1].type: 'choise' is not one of {TYPES} "
        "(did you mean 'choice'?)",
    ),
    case(
        "schema-unknown-key",
        replace("    required: true\n", "    requird: true\n"),
        f"{LIB}:6:5: schema: fields[0]: unknown key 'requird' (did you mean 'required'?)",
    ),
    case(
        "schema-duplicate-field",
        replace("  - name: tone\n", "  - name: who\n    prompt: Again?\n  - name: tone\n"),
        f"{LIB}:7:11: schema: fields[1].name: duplicate field name 'who'",
    ),
    case(
        "schema-must-mention",
        CLEAN + "checks:\n  must_mention: [whom]\n",
        f"{LIB}:25:18: schema: checks.must_mention[0]: no field named 'whom' (did you mean 'who'?)",
    ),
    case(
        "template-syntax-file",
        CLEAN,
        f"{TPL}:2:1: template-syntax: template 'x/main.j2': {JINJA_IF}",
        main="Hi {{ who }}\n{% if tone %}\n",
    ),
    case(
        "template-syntax-unknown-filter",
        CLEAN,
        f"{TPL}:2:1: template-syntax: template 'x/main.j2': No filter named 'shout'.",
        main="Hi\n{{ who|shout }} {{ tone }}\n",
    ),
    case(
        "template-syntax-not-utf8",
        CLEAN,
        f"{TPL}:1:1: template-syntax: template 'x/main.j2': not UTF-8 text (byte 14)",
        main=b"Hi {{ who }} \xff {{ tone }}\n",
    ),
    case(
        "template-syntax-inline-text",
        replace(TEXT, "      thanks {{ tone }.\n"),
        f"{LIB}:20:7: template-syntax: variants[1].text: unexpected '}}'",
    ),
    case(
        "template-syntax-subject",
        replace("channel: linkedin-message\n", "channel: email\nsubject: 'Re: {{ who'\n"),
        f"{LIB}:3:10: template-syntax: subject: unexpected end of template, "
        "expected 'end of print statement'.",
    ),
    case(
        "template-missing",
        replace("x/main.j2", "x/mian.j2"),
        f"{LIB}:16:15: template-missing: variants[0].template: 'x/mian.j2' does not exist "
        "in {lib}/templates (did you mean 'x/main.j2'?)",
    ),
    case(
        "template-missing-empty-path",
        replace("template: x/main.j2", "template: ''"),
        f"{LIB}:16:15: template-missing: variants[0].template: empty template path",
    ),
    case(
        "template-escape-dotdot",
        replace("x/main.j2", "../secret.j2"),
        f"{LIB}:16:15: template-escape: variants[0].template: '../secret.j2' must stay inside "
        "the library's templates/ folder (no '..')",
    ),
    case(
        "template-escape-absolute",
        replace("x/main.j2", "/etc/passwd"),
        f"{LIB}:16:15: template-escape: variants[0].template: '/etc/passwd' must be a relative "
        "path under templates/ (no absolute paths)",
    ),
    case(
        "template-escape-include",
        CLEAN,
        f"{TPL}:8:13: template-escape: template 'x/main.j2': {{% include %}}: "
        "'../../secret.txt' must stay inside the library's templates/ folder (no '..')",
        main=MAIN + "{% include '../../secret.txt' %}\n",
    ),
    case(
        "template-escape-import-missing",
        replace(TEXT, TEXT + "      {% from 'x/macros.j2' import sign %}\n"),
        f"{LIB}:21:16: template-escape: variants[1].text: {{% from %}}: 'x/macros.j2' does not "
        "exist in {lib}/templates (did you mean 'x/main.j2'?)",
    ),
    case(
        "template-dynamic-include",
        CLEAN,
        f"{TPL}:8:4: template-dynamic-include: template 'x/main.j2': {{% include %}} of a "
        "computed name; lint cannot follow it",
        main=MAIN + "{% include 'x/' ~ tone ~ '.j2' %}\n",
        warm="",
        brief="",
    ),
    case(
        "expression-syntax-when",
        replace("    type: choice\n", "    type: choice\n    when: who ==\n"),
        f"{LIB}:10:11: expression-syntax: fields[1].when: unexpected 'end of template'",
    ),
    case(
        "expression-syntax-default",
        replace(
            "  - name: tone\n",
            "  - name: t\n    prompt: T\n    default: '{{ who'\n  - name: tone\n",
        ),
        f"{LIB}:9:14: expression-syntax: fields[1].default: unexpected end of template, "
        "expected 'end of print statement'.",
        main=MAIN + "{{ t }}\n",
    ),
    case(
        "expression-syntax-prompt",
        replace("prompt: Who?", "prompt: 'Who {{ ?'"),
        f"{LIB}:5:13: expression-syntax: fields[0].prompt: unexpected char '?' at 7",
    ),
    case(
        "expression-syntax-check",
        CLEAN + WARN.format("who =="),
        f"{LIB}:26:13: expression-syntax: checks.warn[0].when: unexpected 'end of template'",
    ),
    case(
        "expression-order",
        replace("    required: true\n", "    required: true\n    when: tone == 'warm'\n"),
        f"{LIB}:7:11: expression-order: fields[0].when uses 'tone', a later field (fields[1]); "
        "it can use only earlier fields and me",
    ),
    case(
        "expression-order-default",
        replace("    required: true\n", "    required: true\n    default: '{{ tone }}'\n"),
        f"{LIB}:7:18: expression-order: fields[0].default uses 'tone', a later field "
        "(fields[1]); it can use only earlier fields and me",
    ),
    case(
        "undefined-variable",
        CLEAN,
        f"{TPL}:8:27: undefined-variable: 'whom' {UNDEFINED} (did you mean 'who'?)",
        main=MAIN + "{% set n = 1 %}{{ n }} {{ whom }}\n",
    ),
    case(
        "undefined-variable-inline-text",
        replace(TEXT, "      thanks, {{ recipient }}.\n"),
        f"{LIB}:20:18: undefined-variable: 'recipient' {UNDEFINED}",
    ),
    case(
        "undefined-variable-me",
        CLEAN,
        f"{TPL}:8:4: undefined-variable: me.nmae is not a sender key (did you mean 'name'?); "
        + KEYS,
        main=MAIN + "{{ me.nmae }}\n",
    ),
    case(
        "undefined-variable-in-include",
        CLEAN,
        f"{{lib}}/templates/x/sig.j2:2:4: undefined-variable: 'sig' {UNDEFINED}",
        main=MAIN + "{% include 'x/sig.j2' %}\n",
        sig="--\n{{ sig }}\n",
    ),
    case(
        "undefined-variable-check",
        CLEAN + WARN.format("whom == 'x'"),
        f"{LIB}:26:13: undefined-variable: 'whom' {UNDEFINED} (did you mean 'who'?)",
    ),
    case(
        "unused-field",
        replace("  - name: tone\n", "  - name: extra\n    prompt: Extra?\n  - name: tone\n"),
        f"{LIB}:7:11: unused-field: fields[1] (extra): no variant, subject, when or default "
        "uses it",
    ),
    case(
        "example-fails-check",
        CLEAN + "checks:\n  max_words: 8\n",
        f"{LIB}:22:3: example-fails: example 'warm', variant 'main': check 'words' fails: "
        "10/8 words, too long",
    ),
    case(
        "example-fails-render",
        CLEAN,
        f"{LIB}:23:3: example-fails: example 'brief', variant 'main' does not render: "
        "TypeError: unsupported operand type(s) for /: 'str' and 'int'",
        main=MAIN + "{% if tone == 'brief' %}{{ tone / 2 }}{% endif %}\n",
    ),
    case(
        "example-fails-sender",
        replace("me: {name: Sam}", "me: {name: Sam, email: sam}"),
        f"{LIB}:23:3: example-fails: example 'brief': email: 'sam' is not an email address",
    ),
    case(
        "example-fails-answer",  # at the answer itself
        replace("brief: {who: Bo Chen,", "brief: {who: [Bo, Chen],"),
        f"{LIB}:23:16: example-fails: example 'brief': who: expected a single value, got a list",
    ),
    case(
        "example-coverage",
        replace("tone: brief,", "tone: warm,"),
        f"{LIB}:13:17: example-coverage: fields[1] (tone): no example uses brief",
    ),
    case(
        "follow-up-playbook",
        replace(
            "examples:",
            "follow_up: {after: 1w, note: Check in, playbook: thanks-for-conecting}\nexamples:",
        ),
        f"{LIB}:21:50: follow-up-playbook: follow_up.playbook: no playbook 'thanks-for-conecting' "
        "(did you mean 'thanks-for-connecting'?)",
    ),
    case(
        "schema-from-contact-on-a-choice",
        replace("    type: choice\n", "    type: choice\n    from_contact: company\n"),
        f"{LIB}:10:19: schema: fields[1] (tone): from_contact fills text, name, multiline, email, "
        "url fields, not a choice field",
    ),
    case(
        "schema-from-contact-unknown-key",
        replace("    required: true\n", "    required: true\n    from_contact: phone\n"),
        f"{LIB}:7:19: schema: fields[0].from_contact: 'phone' is not one of name, company, "
        "position, role, how_we_met, email, linkedin, detail",
    ),
    case(
        "schema-contact-without-from-contact",
        replace("    required: true\n", "    required: true\n    contact: 2\n"),
        f"{LIB}:7:5: schema: fields[0] (who): 'contact' says which contact fills the field, but "
        "there is no 'from_contact'",
    ),
    case(
        "schema-remember-a-choice",
        replace("    type: choice\n", "    type: choice\n    remember: true\n"),
        f"{LIB}:10:15: schema: fields[1] (tone): only a text or multiline answer can be remembered",
    ),
    case(
        "schema-contact-2-without-a-name",
        replace(
            "    required: true\n",
            "    required: true\n    from_contact: company\n    contact: 2\n",
        ),
        f"{LIB}:3:1: schema: fields: contact 2 fills a field but no field takes its name "
        "(from_contact: name, contact: 2)",
    ),
    case(
        "schema-contacts-out-of-order",
        replace(
            "    required: true\n", "    required: true\n    from_contact: name\n    contact: 2\n"
        ),
        f"{LIB}:3:1: schema: fields: contacts are numbered 1, 2, … in order, but these are [2]",
    ),
    case(
        "schema-follow-up-contact",
        replace("examples:", "follow_up: {after: 1w, note: Check in, contact: 1}\nexamples:"),
        f"{LIB}:21:49: schema: follow_up.contact: no field takes contact 1's name "
        "(from_contact: name)",
    ),
    case(
        "schema-follow-up-after",
        replace("examples:", "follow_up: {after: 2 fortnights, note: Check in}\nexamples:"),
        f"{LIB}:21:20: schema: follow_up.after: expected a number and a unit: 10d, 2w, 3m or 1y",
    ),
    case(
        "no-examples",
        CLEAN.split("examples:")[0],
        f"{LIB}:1:1: no-examples: no examples: add some under 'examples:' so lint can render "
        "every variant",
    ),
    case(
        "unknown-choice-reference",
        CLEAN,
        f"{TPL}:2:16: unknown-choice-reference: template 'x/main.j2': 'wram' is not a value of "
        "tone (did you mean 'warm'?); values: warm, brief",
        main=MAIN.replace('tone == "warm"', 'tone == "wram"'),
    ),
    case(
        "unknown-choice-reference-in-a-list",
        CLEAN,
        f"{TPL}:2:25: unknown-choice-reference: template 'x/main.j2': 'cold' is not a value "
        "of tone; values: warm, brief",
        main=MAIN.replace('tone == "warm"', "tone in ['warm', 'cold']"),
    ),
    case(
        "unknown-choice-reference-in-inline-text",
        replace(TEXT, "      {% if tone not in ('brief', 'short') %}thanks.{% endif %}\n"),
        f"{LIB}:20:36: unknown-choice-reference: variants[1].text: 'short' is not a value of "
        "tone; values: warm, brief",
    ),
]


@pytest.mark.parametrize(("playbook", "templates", "expected"), CASES)
def test_each_rule(
    tmp_path: Path, playbook: str | bytes, templates: dict[str, str | bytes], expected: str
) -> None:
    path = library(tmp_path, playbook, templates)
    [found] = lint(Search(), [str(path)])
    assert lines([found], tmp_path) == [expected]
    assert found.severity == ("warning" if found.rule in WARNINGS else "error")


@pytest.mark.parametrize(("playbook", "templates", "expected"), CASES)
def test_each_rule_finds_its_problem_on_its_own(
    tmp_path: Path, playbook: str | bytes, templates: dict[str, str | bytes], expected: str
) -> None:
    """No rule relies on another having run: its function alone finds its case."""
    path = library(tmp_path, playbook, templates)
    rule = RULES[expected.split(": ")[1]]
    try:
        pb = pbmod.parse_model(yamlio.read_text(path), path, Library(tmp_path, "test"))
    except PlaybookError as exc:  # the loader's problems: the error names the rule
        assert exc.rule == rule.id
        return
    assert rule.check is not None
    found = [rule.problem(f) for f in rule.check(LintContext(pb, Library(tmp_path, "test")))]
    assert lines(found, tmp_path) == [expected]


def boom(ctx: LintContext) -> Iterator[Finding]:
    """A rule with a bug."""
    raise RuntimeError(f"boom in {ctx.pb.id}")


BOOM = Rule("boom", "error", "a rule with a bug", boom)


def not_found(tmp_path: Path) -> tuple[Search, list[str], list[Rule]]:
    return Search(), [str(tmp_path / PLAYBOOK)], [*RULES.values()]


def playbooks_folder_leading_out(tmp_path: Path) -> tuple[Search, list[str], list[Rule]]:
    """A shared library whose playbooks/ is a link to a folder outside it."""
    outside = library(tmp_path / "outside", CLEAN).parent
    lib = tmp_path / "lib"
    (lib / "templates").mkdir(parents=True)
    (lib / "playbooks").symlink_to(outside, target_is_directory=True)
    return Search([lib]), ["x"], [*RULES.values()]


def a_rule_with_a_bug(tmp_path: Path) -> tuple[Search, list[str], list[Rule]]:
    return Search(), [str(library(tmp_path, CLEAN))], [*RULES.values(), BOOM]


Setup = Callable[[Path], tuple[Search, list[str], list[Rule]]]
# The rules reported while finding playbooks, and lint's own failure.
RUNNER_CASES = [
    pytest.param(not_found, f"{LIB}:1:1: not-found: no such playbook file", id="not-found"),
    pytest.param(
        playbooks_folder_leading_out,
        "{lib}/lib/playbooks:1:1: library-error: leads outside the library {lib}/lib "
        "(to {lib}/outside/playbooks); a library's playbooks and templates must stay inside it",
        id="library-error",
    ),
    pytest.param(
        a_rule_with_a_bug,
        f"{LIB}:1:1: internal-error: lint failed: RuntimeError: boom in x",
        id="internal-error",
    ),
]


@pytest.mark.parametrize(("setup", "expected"), RUNNER_CASES)
def test_each_runner_rule(tmp_path: Path, setup: Setup, expected: str) -> None:
    search, refs, rules = setup(tmp_path)
    assert lines(lint(search, refs, rules), tmp_path) == [expected]
    without = [r for r in rules if r.id != expected.split(": ")[1]]
    assert lint(search, refs, without) == []  # lint reports only the rules it is given


def test_every_rule_has_a_case() -> None:
    ids = [str(c.values[-1]).split(": ")[1] for c in [*CASES, *RUNNER_CASES]]  # type: ignore[attr-defined]
    assert sorted(set(ids)) == sorted(RULES)
    assert {r.id for r in RULES.values() if r.severity == "warning"} == WARNINGS


def test_clean_playbook_has_no_problems(tmp_path: Path) -> None:
    path = library(tmp_path, CLEAN)
    assert lint(Search(), [str(path)]) == []


def test_playbook_found_by_id_in_an_extra_library(tmp_path: Path) -> None:
    library(tmp_path, GONE)
    problems = lint(Search(extra=[tmp_path]), ["x"])
    assert [(p.path, p.rule, p.line) for p in problems] == [
        (tmp_path / PLAYBOOK, "template-missing", 16)
    ]


def test_several_problems_in_one_file_are_all_reported_in_order(tmp_path: Path) -> None:
    text = replace("    required: true\n", "    required: true\n    when: tone == 'warm'\n")
    text = text.replace("      thanks.\n", "      thanks, {{ recipient }} {{ me.nmae }}.\n")
    text = text.replace("tone: brief,", "tone: warm,")
    path = library(tmp_path, text, {"x/main.j2": MAIN + "{% if tone == 'wram' %}!{% endif %}\n"})
    assert lines(lint(Search(), [str(path)]), tmp_path) == [
        f"{LIB}:7:11: expression-order: fields[0].when uses 'tone', a later field (fields[1]); "
        "it can use only earlier fields and me",
        f"{LIB}:14:17: example-coverage: fields[1] (tone): no example uses brief",
        f"{LIB}:21:18: undefined-variable: 'recipient' {UNDEFINED}",
        f"{LIB}:21:34: undefined-variable: me.nmae is not a sender key (did you mean 'name'?); "
        + KEYS,
        # playbooks/ sorts before templates/
        f"{TPL}:8:16: unknown-choice-reference: template 'x/main.j2': 'wram' is not a value of "
        "tone (did you mean 'warm'?); values: warm, brief",
    ]


def test_a_semantic_error_does_not_hide_the_other_rules(tmp_path: Path) -> None:
    text = replace("template: x/main.j2", "template: ../up.j2")
    text += "checks:\n  must_mention: [whom]\n"
    text = text.replace("      thanks.\n", "      thanks {{ nobody }}.\n")
    path = library(tmp_path, text)
    problems = lint(Search(), [str(path)])
    assert [(p.line, p.rule) for p in problems] == [
        (16, "template-escape"),
        (20, "undefined-variable"),
        (25, "schema"),
    ]


def test_a_template_linked_out_of_templates_escapes(tmp_path: Path) -> None:
    path = library(tmp_path, CLEAN)
    (tmp_path / "secret.j2").write_text("Hi", encoding="utf-8")
    (tmp_path / "templates" / "x" / "main.j2").unlink()
    (tmp_path / "templates" / "x" / "main.j2").symlink_to(tmp_path / "secret.j2")
    assert lines(lint(Search(), [str(path)]), tmp_path) == [
        f"{LIB}:16:15: template-escape: variants[0].template: 'x/main.j2' resolves outside the "
        "library's templates/ folder"
    ]


def test_unknown_refs_are_problems_not_exceptions(tmp_path: Path) -> None:
    problems = lint(Search(), ["no-such-playbook", str(tmp_path / "missing.yaml")])
    assert lines(problems, tmp_path) == [
        "{lib}/missing.yaml:1:1: not-found: no such playbook file",
        "no-such-playbook:1:1: not-found: no playbook 'no-such-playbook'; "
        "run 'drafter list' to see them",
    ]


def test_no_refs_lints_every_library_including_overridden_playbooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = tmp_path / "ours"
    theirs = tmp_path / "theirs"
    library(ours, GONE)
    library(theirs, CLEAN + "checks:\n  max_words: 3\n")
    monkeypatch.setenv("DRAFTER_PATH", str(theirs))
    problems = lint(Search(extra=[ours]), [])
    # x in theirs is overridden by x in ours, and still linted; the built-ins are clean.
    assert [(p.path, p.rule, p.line) for p in problems] == [
        (ours / PLAYBOOK, "template-missing", 16),
        (theirs / PLAYBOOK, "example-fails", 22),
        (theirs / PLAYBOOK, "example-fails", 22),
        (theirs / PLAYBOOK, "example-fails", 23),
        (theirs / PLAYBOOK, "example-fails", 23),
    ]


def test_a_bug_in_lint_is_a_problem_and_other_playbooks_still_lint(tmp_path: Path) -> None:
    first = library(tmp_path / "a", CLEAN)
    second = library(tmp_path / "b", GONE)
    problems = lint(Search(), [str(first), str(second)], [*RULES.values(), BOOM])
    assert [(p.path, p.rule, p.message) for p in problems] == [
        (first, "internal-error", "lint failed: RuntimeError: boom in x"),
        (second, "internal-error", "lint failed: RuntimeError: boom in x"),
    ]


def test_lint_runs_only_the_rules_it_is_given(tmp_path: Path) -> None:
    text = replace("tone: brief,", "tone: warm,") + "checks:\n  max_words: 3\n"
    path = library(tmp_path, text)
    everything = lint(Search(), [str(path)])
    assert sorted({p.rule for p in everything}) == ["example-coverage", "example-fails"]
    only = lint(Search(), [str(path)], [RULES["example-coverage"]])
    assert only == [p for p in everything if p.rule == "example-coverage"]


def test_a_rule_can_be_replaced_without_touching_the_others(tmp_path: Path) -> None:
    """The table is the only list of rules: a row without its check reports nothing."""
    path = library(tmp_path, GONE)
    quiet = dataclasses.replace(RULES["template-missing"], check=None)
    rules = [quiet if r.id == quiet.id else r for r in RULES.values()]
    assert lint(Search(), [str(path)], rules) == []


BUILTINS = builtin().ids()


@pytest.mark.parametrize("playbook_id", BUILTINS)
def test_builtin_playbooks_lint_clean(playbook_id: str) -> None:
    problems = lint(Search(), [str(builtin().path_of(playbook_id))])
    assert [p.format() for p in problems] == []


# --- the command -------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


MISSING = "variants[0].template: 'x/gone.j2' does not exist in {} (did you mean 'x/main.j2'?)"


def test_cli_errors_exit_1_with_one_line_each(tmp_path: Path) -> None:
    path = library(tmp_path, GONE)
    message = MISSING.format(tmp_path / "templates")
    assert run(str(path)) == (
        1,
        f"{path}:16:15: template-missing: {message}\n",
        "1 error(s), 0 warning(s)\n",
    )


def test_cli_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    path = library(tmp_path, replace("tone: brief,", "tone: warm,"))
    out = f"{path}:13:17: example-coverage: fields[1] (tone): no example uses brief\n"
    assert run(str(path)) == (0, out, "0 error(s), 1 warning(s)\n")
    assert run(str(path), "--strict") == (1, out, "0 error(s), 1 warning(s)\n")


def test_cli_clean_exits_0_with_no_output(tmp_path: Path) -> None:
    assert run(str(library(tmp_path, CLEAN)), "--strict") == (0, "", "No problems found.\n")


def test_cli_json_has_every_field(tmp_path: Path) -> None:
    path = library(tmp_path, GONE)
    code, out, err = run(str(path), "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == [
        {
            "path": str(path),
            "line": 16,
            "col": 15,
            "rule": "template-missing",
            "severity": "error",
            "message": MISSING.format(tmp_path / "templates"),
        }
    ]


def test_cli_unknown_playbook_is_a_lint_problem() -> None:
    assert run("no-such-playbook") == (
        1,
        "no-such-playbook:1:1: not-found: no playbook 'no-such-playbook'; "
        "run 'drafter list' to see them\n",
        "1 error(s), 0 warning(s)\n",
    )


# --- earlier results: an unchanged playbook is not linted again -----------------------------


def counting_rule(seen: list[str]) -> Rule:
    def check(ctx: LintContext) -> Iterator[Finding]:
        seen.append(ctx.pb.id)
        yield Finding(ctx.path, (1, 1), f"seen {ctx.pb.id}")

    return Rule("seen", "warning", "records every playbook it is run on", check)


def test_an_unchanged_playbook_is_not_linted_again(tmp_path: Path) -> None:
    path = library(tmp_path, CLEAN)
    seen: list[str] = []
    rules = [counting_rule(seen), *RULES.values()]
    first = lint(Search(), [str(path)], rules)
    again = lint(Search(), [str(path)], rules)
    assert seen == ["x"] and again == first and [p.rule for p in first] == ["seen"]
    fresh = lint(Search(), [str(path)], rules, use_cache=False)
    assert seen == ["x", "x"] and fresh == first


def test_a_changed_playbook_or_template_is_linted_again(tmp_path: Path) -> None:
    path = library(tmp_path, CLEAN)
    assert lint(Search(), [str(path)]) == []
    (tmp_path / "templates" / "x" / "main.j2").write_text(
        MAIN.replace("{{ me.name }}", "{{ nme }}")
    )
    [found] = lint(Search(), [str(path)])
    assert found.rule == "undefined-variable"
    path.write_text(CLEAN.replace("title: Thanks", "title: Thanks!"), encoding="utf-8")
    assert [p.rule for p in lint(Search(), [str(path)])] == ["undefined-variable"]
    (tmp_path / "templates" / "x" / "main.j2").write_text(MAIN, encoding="utf-8")
    assert lint(Search(), [str(path)]) == []


def test_lint_no_cache_reports_the_same(tmp_path: Path) -> None:
    path = library(tmp_path, replace("tone: brief,", "tone: warm,"))
    cached = CliRunner().invoke(cli, ["lint", str(path)])
    again = CliRunner().invoke(cli, ["lint", str(path)])
    fresh = CliRunner().invoke(cli, ["lint", "--no-cache", str(path)])
    assert cached.stdout == again.stdout == fresh.stdout
    assert "example-coverage" in fresh.stdout
