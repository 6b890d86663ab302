"""drafter lint: one broken playbook per rule, then whole files, the built-ins and the CLI."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter import library as library_module
from drafter.cli import cli
from drafter.errors import UsageError
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


def library(tmp_path: Path, playbook: str | bytes, templates: dict[str, str] | None = None) -> Path:
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
        tpath.write_text(text, encoding="utf-8")
    return path


def replace(old: str, new: str) -> str:
    assert old in CLEAN, old
    return CLEAN.replace(old, new, 1)


def where(problems: list[Problem], root: Path) -> list[tuple[str, str, str, int, int]]:
    """(file relative to the library, rule, severity, line, col) of each problem."""
    return [
        (Path(p.path).relative_to(root).as_posix(), p.rule, p.severity, p.line, p.col)
        for p in problems
    ]


def bomb() -> str:
    """Aliases that expand to 10^5 nodes in a few lines (a "billion laughs")."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcd", "bcde", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    return "\n".join(lines) + "\n"


def case(name: str, playbook: str | bytes, expected: str, **templates: str) -> object:
    """A table row: playbook, templates (`main=` is templates/x/main.j2), "FILE:LINE:COL RULE"."""
    return pytest.param(playbook, {f"x/{k}.j2": v for k, v in templates.items()}, expected, id=name)


TEXT = "      thanks.\n"  # the last line of the inline variant's text, line 20
GONE = replace("template: x/main.j2", "template: x/gone.j2")

# Each playbook has exactly one problem; FILE is relative to the library folder.
CASES = [
    case("yaml-syntax", "title: X\nchannel: email\n  bad: [\n", "playbooks/x.yaml:3:6 yaml-syntax"),
    case("yaml-not-utf8", b"title: caf\xe9\n", "playbooks/x.yaml:1:1 yaml-syntax"),
    case("yaml-undefined-alias", "title: *nope\n", "playbooks/x.yaml:1:8 yaml-syntax"),
    case("yaml-alias-bomb", bomb(), "playbooks/x.yaml:5:1 yaml-syntax"),
    case("schema-not-a-mapping", "- title\n", "playbooks/x.yaml:1:1 schema"),
    case("schema-no-title", replace("title: Thanks\n", ""), "playbooks/x.yaml:1:1 schema"),
    case(
        "schema-bad-enum",
        replace("type: choice", "type: choise"),
        "playbooks/x.yaml:9:11 schema",
    ),
    case(
        "schema-unknown-key",
        replace("    required: true\n", "    requird: true\n"),
        "playbooks/x.yaml:6:5 schema",
    ),
    case(
        "schema-duplicate-field",
        replace("  - name: tone\n", "  - name: who\n    prompt: Again?\n  - name: tone\n"),
        "playbooks/x.yaml:7:11 schema",
    ),
    case(
        "schema-must-mention",
        CLEAN + "checks:\n  must_mention: [whom]\n",
        "playbooks/x.yaml:25:18 schema",
    ),
    case(
        "template-syntax-file",
        CLEAN,
        "templates/x/main.j2:2:1 template-syntax",
        main="Hi {{ who }}\n{% if tone %}\n",
    ),
    case(
        "template-syntax-unknown-filter",
        CLEAN,
        "templates/x/main.j2:2:1 template-syntax",
        main="Hi\n{{ who|shout }} {{ tone }}\n",
    ),
    case(
        "template-syntax-inline-text",
        replace(TEXT, "      thanks {{ tone }.\n"),
        "playbooks/x.yaml:20:7 template-syntax",
    ),
    case(
        "template-syntax-subject",
        replace("channel: linkedin-message\n", "channel: email\nsubject: 'Re: {{ who'\n"),
        "playbooks/x.yaml:3:10 template-syntax",
    ),
    case(
        "template-missing",
        replace("x/main.j2", "x/mian.j2"),
        "playbooks/x.yaml:16:15 template-missing",
    ),
    case(
        "template-escape-dotdot",
        replace("x/main.j2", "../secret.j2"),
        "playbooks/x.yaml:16:15 template-escape",
    ),
    case(
        "template-escape-absolute",
        replace("x/main.j2", "/etc/passwd"),
        "playbooks/x.yaml:16:15 template-escape",
    ),
    case(
        "template-escape-include",
        CLEAN,
        "templates/x/main.j2:8:13 template-escape",
        main=MAIN + "{% include '../../secret.txt' %}\n",
    ),
    case(
        "template-escape-import-missing",
        replace(TEXT, TEXT + "      {% from 'x/macros.j2' import sign %}\n"),
        "playbooks/x.yaml:21:16 template-escape",
    ),
    case(
        "template-dynamic-include",
        CLEAN,
        "templates/x/main.j2:8:4 template-dynamic-include",
        main=MAIN + "{% include 'x/' ~ tone ~ '.j2' %}\n",
        warm="",
        brief="",
    ),
    case(
        "expression-syntax-when",
        replace("    type: choice\n", "    type: choice\n    when: who ==\n"),
        "playbooks/x.yaml:10:11 expression-syntax",
    ),
    case(
        "expression-syntax-default",
        replace(
            "  - name: tone\n",
            "  - name: t\n    prompt: T\n    default: '{{ who'\n  - name: tone\n",
        ),
        "playbooks/x.yaml:9:14 expression-syntax",
        main=MAIN + "{{ t }}\n",
    ),
    case(
        "expression-order",
        replace("    required: true\n", "    required: true\n    when: tone == 'warm'\n"),
        "playbooks/x.yaml:7:11 expression-order",
    ),
    case(
        "undefined-variable",
        CLEAN,
        "templates/x/main.j2:8:27 undefined-variable",
        main=MAIN + "{% set n = 1 %}{{ n }} {{ whom }}\n",
    ),
    case(
        "undefined-variable-inline-text",
        replace(TEXT, "      thanks, {{ recipient }}.\n"),
        "playbooks/x.yaml:20:18 undefined-variable",
    ),
    case(
        "undefined-variable-me",
        CLEAN,
        "templates/x/main.j2:8:4 undefined-variable",
        main=MAIN + "{{ me.nmae }}\n",
    ),
    case(
        "undefined-variable-in-include",
        CLEAN,
        "templates/x/sig.j2:2:4 undefined-variable",
        main=MAIN + "{% include 'x/sig.j2' %}\n",
        sig="--\n{{ sig }}\n",
    ),
    case(
        "unused-field",
        replace("  - name: tone\n", "  - name: extra\n    prompt: Extra?\n  - name: tone\n"),
        "playbooks/x.yaml:7:11 unused-field",
    ),
    case(
        "example-fails-check",
        CLEAN + "checks:\n  max_words: 8\n",
        "playbooks/x.yaml:22:3 example-fails",
    ),
    case(
        "example-fails-render",
        CLEAN,
        "playbooks/x.yaml:23:3 example-fails",
        main=MAIN + "{% if tone == 'brief' %}{{ tone / 2 }}{% endif %}\n",
    ),
    case(
        "example-fails-answer",
        replace("me: {name: Sam}", "me: {name: Sam, email: sam}"),
        "playbooks/x.yaml:23:3 example-fails",
    ),
    case(
        "example-coverage",
        replace("tone: brief,", "tone: warm,"),
        "playbooks/x.yaml:13:17 example-coverage",
    ),
    case("no-examples", CLEAN.split("examples:")[0], "playbooks/x.yaml:1:1 no-examples"),
    case(
        "unknown-choice-reference",
        CLEAN,
        "templates/x/main.j2:2:16 unknown-choice-reference",
        main=MAIN.replace('tone == "warm"', 'tone == "wram"'),
    ),
]


@pytest.mark.parametrize(("playbook", "templates", "expected"), CASES)
def test_each_rule(
    tmp_path: Path, playbook: str | bytes, templates: dict[str, str], expected: str
) -> None:
    path = library(tmp_path, playbook, templates)
    problems = lint(Search(), [str(path)])
    position, rule = expected.split(" ")
    file, line, col = position.split(":")
    assert where(problems, tmp_path) == [(file, rule, RULES[rule].severity, int(line), int(col))], [
        p.format() for p in problems
    ]


def test_every_rule_is_in_the_table_or_tested_below() -> None:
    tabled = {str(c.values[2]).split(" ")[1] for c in CASES}  # type: ignore[attr-defined]
    below = {"not-found", "library-error", "internal-error"}
    assert set(RULES) - below == tabled


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
    problems = lint(Search(), [str(path)])
    assert [(Path(p.path).name, p.line, p.rule) for p in problems] == [
        ("x.yaml", 7, "expression-order"),
        ("x.yaml", 14, "example-coverage"),
        ("x.yaml", 21, "undefined-variable"),
        ("x.yaml", 21, "undefined-variable"),
        ("main.j2", 8, "unknown-choice-reference"),  # playbooks/ sorts before templates/
    ]
    assert {p.message.split(" ")[0] for p in problems if p.rule == "undefined-variable"} == {
        "me.nmae",
        "'recipient'",
    }


def test_a_semantic_error_does_not_hide_the_other_rules(tmp_path: Path) -> None:
    text = replace("template: x/main.j2", "template: ../up.j2")
    text += "checks:\n  must_mention: [whom]\n"
    text = text.replace("      thanks.\n", "      thanks {{ nobody }}.\n")
    path = library(tmp_path, text)
    rules = [p.rule for p in lint(Search(), [str(path)])]
    assert rules == ["template-escape", "undefined-variable", "schema"]


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    text = replace("tone: brief,", "tone: warm,") + "checks:\n  max_words: 3\n"
    path = library(tmp_path, text, {"x/main.j2": MAIN.replace("tone ==", "tone_ ==")})
    messages = {p.rule: p.message for p in lint(Search(), [str(path)])}
    assert messages["undefined-variable"] == (
        "'tone_' is undefined: not a field, me, nor set in the template (did you mean 'tone'?)"
    )
    assert messages["example-coverage"] == "fields[1] (tone): no example uses brief"


def test_unknown_refs_are_problems_not_exceptions(tmp_path: Path) -> None:
    problems = lint(Search(), ["no-such-playbook", str(tmp_path / "missing.yaml")])
    assert sorted((str(p.path), p.line, p.col, p.rule, p.severity) for p in problems) == sorted(
        [
            ("no-such-playbook", 1, 1, "not-found", "error"),
            (str(tmp_path / "missing.yaml"), 1, 1, "not-found", "error"),
        ]
    )


def test_no_refs_lints_every_library_including_overridden_playbooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = tmp_path / "ours"
    theirs = tmp_path / "theirs"
    library(ours, GONE)
    library(theirs, CLEAN + "checks:\n  max_words: 3\n")
    monkeypatch.setenv("DRAFTER_PATH", str(theirs))
    problems = lint(Search(extra=[ours]), [])
    files = {Path(p.path) for p in problems}
    assert ours / PLAYBOOK in files and theirs / PLAYBOOK in files  # x in theirs is overridden


def test_a_bug_in_lint_is_a_problem_and_other_playbooks_still_lint(tmp_path: Path) -> None:
    first = library(tmp_path / "a", CLEAN)
    second = library(tmp_path / "b", GONE)

    def boom(ctx: LintContext) -> Iterator[Finding]:
        raise RuntimeError(f"boom in {ctx.pb.id}")

    rules = [*RULES.values(), Rule("boom", "error", "a rule with a bug", boom)]
    problems = lint(Search(), [str(first), str(second)], rules)
    assert [(p.path, p.rule, p.message) for p in problems] == [
        (first, "internal-error", "lint failed: RuntimeError: boom in x"),
        (second, "internal-error", "lint failed: RuntimeError: boom in x"),
    ]


def test_missing_template_suggests_a_close_name(tmp_path: Path) -> None:
    path = library(tmp_path, replace("template: x/main.j2", "template: x/mian.j2"))
    [found] = lint(Search(), [str(path)])
    assert found.message.endswith("(did you mean 'x/main.j2'?)")


def test_a_broken_pack_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Iterator[Library]:
        raise UsageError("pack 'acme' (acme:lib) failed to load: boom")
        yield  # a generator, like the real one

    monkeypatch.setattr(library_module, "_packs", broken)
    assert [(p.rule, p.severity) for p in lint(Search(), [])] == [("library-error", "error")]


BUILTINS = builtin().ids()


@pytest.mark.parametrize("playbook_id", BUILTINS)
def test_builtin_playbooks_lint_clean(playbook_id: str) -> None:
    problems = lint(Search(), [str(builtin().path_of(playbook_id))])
    assert [p.format() for p in problems] == []


# --- the command -------------------------------------------------------------------------

LINE = re.compile(r"^.+:\d+:\d+: [a-z-]+: .+$")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["lint", *args])
    return result.exit_code, result.stdout


def test_cli_errors_exit_1_with_one_line_each(tmp_path: Path) -> None:
    path = library(tmp_path, GONE)
    code, out = run(str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines == [f"{path}:16:15: template-missing: " + lines[0].split("template-missing: ")[1]]
    assert all(LINE.match(line) for line in lines)


def test_cli_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    path = library(tmp_path, replace("tone: brief,", "tone: warm,"))
    code, out = run(str(path))
    assert code == 0
    assert [line.split(": ")[1] for line in out.splitlines()] == ["example-coverage"]
    assert all(LINE.match(line) for line in out.splitlines())
    assert run(str(path), "--strict")[0] == 1


def test_cli_clean_exits_0_with_no_output(tmp_path: Path) -> None:
    assert run(str(library(tmp_path, CLEAN)), "--strict") == (0, "")


def test_cli_json_has_every_field(tmp_path: Path) -> None:
    path = library(tmp_path, GONE)
    code, out = run(str(path), "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": str(path),
            "line": 16,
            "col": 15,
            "rule": "template-missing",
            "severity": "error",
            "message": json.loads(out)[0]["message"],
        }
    ]
    assert "x/gone.j2" in json.loads(out)[0]["message"]


def test_cli_unknown_playbook_is_a_lint_problem() -> None:
    code, out = run("no-such-playbook")
    assert code == 1
    assert out.startswith("no-such-playbook:1:1: not-found: no playbook 'no-such-playbook'")
