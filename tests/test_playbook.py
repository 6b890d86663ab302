"""Loading playbooks: valid files load; invalid ones give one line with file, line and what."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.authoring import SCHEMA_FILE
from drafter.errors import PlaybookError
from drafter.playbook import json_schema, load, parse

GOOD = """\
title: Test
summary: A test playbook.
channel: linkedin-message
fields:
  - name: recipient_name
    prompt: Who?
    required: true
  - name: ask
    prompt: Ask?
    type: choice
    default: call
    choices:
      - {value: call, label: A call}
      - {value: none}
variants:
  - name: warm
    text: "Hi {{ recipient_name|first_name }}"
checks:
  max_words: 50
  must_mention: [recipient_name]
examples:
  one:
    recipient_name: Ana
    me: {name: Sam}
"""


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_playbook_loads_with_id_from_file_stem(tmp_path: Path) -> None:
    pb = load(write(tmp_path, GOOD, "my-playbook.yaml"))
    assert pb.id == "my-playbook"
    assert pb.title == "Test"
    assert [f.name for f in pb.fields] == ["recipient_name", "ask"]
    assert pb.fields[1].choices[0].title == "A call"
    assert pb.fields[1].choices[1].title == "none"  # label defaults to the value
    assert pb.variant(None).name == "warm"
    assert pb.spec.checks.max_words == 50


# (replace this, with that) in GOOD -> (line, message fragment)
ERRORS = [
    (
        "summary: A test playbook.",
        "sumary: A test playbook.",
        2,
        "unknown key 'sumary' (did you mean 'summary'?)",
    ),
    (
        "    prompt: Ask?\n",
        "    prompt: Ask?\n    requird: true\n",
        10,
        "fields[1]: unknown key 'requird' (did you mean 'required'?)",
    ),
    (
        "    type: choice",
        "    type: choise",
        10,
        "fields[1].type: 'choise' is not one of text, name, multiline, choice",
    ),
    (
        "channel: linkedin-message",
        "channel: twitter",
        3,
        "channel: 'twitter' is not one of linkedin-note",
    ),
    (
        "  - name: recipient_name",
        "  - name: Recipient",
        5,
        "fields[0].name: expected a lower-case identifier",
    ),
    ("    prompt: Who?\n", "", 5, "fields[0]: missing required key 'prompt'"),
    ("title: Test\n", "", 1, "missing required key 'title'"),
    (
        "    default: call",
        "    default: maybe",
        11,
        "fields[1].default: 'maybe' is not one of the choices (call, none)",
    ),
    (
        "  max_words: 50",
        "  max_words: lots",
        19,
        "checks.max_words: expected a whole number, got text",
    ),
    (
        "  must_mention: [recipient_name]",
        "  must_mention: [recipient]",
        20,
        "no field named 'recipient' (did you mean 'recipient_name'?)",
    ),
    (
        '    text: "Hi {{ recipient_name|first_name }}"',
        "    template: ../../etc/passwd",
        17,
        "must stay inside the library's templates/ folder",
    ),
    (
        '    text: "Hi {{ recipient_name|first_name }}"',
        "    template: /etc/passwd",
        17,
        "must be a relative path under templates/",
    ),
    (
        '    text: "Hi {{ recipient_name|first_name }}"',
        "    description: none",
        16,
        "give exactly one of 'template' or 'text'",
    ),
    (
        "    recipient_name: Ana\n",
        "    recipient_name: Ana\n    recipent: x\n",
        24,
        "examples.one: no field named 'recipent'",
    ),
    (
        "    me: {name: Sam}",
        "    me: {nam: Sam}",
        24,
        "examples.one.me: unknown key 'nam' (did you mean 'name'?)",
    ),
    ("  - name: ask\n", "  - name: recipient_name\n", 8, "duplicate field name 'recipient_name'"),
    ("  - name: ask\n", "  - name: me\n", 8, "'me' is reserved"),
    (
        "    type: choice\n",
        "    type: text\n",
        12,
        "choices are only for choice and multichoice fields",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "message"), ERRORS, ids=[e[3][:40] for e in ERRORS])
def test_invalid_playbook_names_file_line_and_problem(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(PlaybookError) as info:
        load(path)
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text
    assert "\n" not in text


# (replace this, with that) in GOOD, or bytes for the whole file -> the lint rule the error names
RULED: list[tuple[str | bytes, str, str]] = [
    ("title: Test\n", "title: [unclosed\n", "yaml-syntax"),
    (b"title: caf\xe9\n", "", "yaml-syntax"),
    (b"- title\n", "", "schema"),
    ("channel: linkedin-message", "channel: twitter", "schema"),
    ("  must_mention: [recipient_name]", "  must_mention: [recipient]", "schema"),
    ('    text: "Hi {{ recipient_name|first_name }}"', "    template: ../x.j2", "template-escape"),
    ('    text: "Hi {{ recipient_name|first_name }}"', "    template: ' '", "template-missing"),
]


@pytest.mark.parametrize(
    ("old", "new", "rule"), RULED, ids=[r[2] + "-" + str(i) for i, r in enumerate(RULED)]
)
def test_each_error_names_the_lint_rule_it_breaks(
    tmp_path: Path, old: str | bytes, new: str, rule: str
) -> None:
    """lint reports a loader error under `rule` without reading its message."""
    path = tmp_path / "x.yaml"
    if isinstance(old, bytes):
        path.write_bytes(old)
    else:
        assert old in GOOD
        path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PlaybookError) as info:
        load(path)
    assert info.value.rule == rule


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "this is empty"),
        ("- a\n- b\n", "this is a list"),
        ("title: [unclosed\n", "invalid YAML"),
        ("title: x\n\tchannel: email\n", "invalid YAML"),
    ],
)
def test_not_a_playbook_mapping(tmp_path: Path, content: str, fragment: str) -> None:
    with pytest.raises(PlaybookError, match=fragment):
        load(write(tmp_path, content))


def test_choice_field_without_choices_is_an_error(tmp_path: Path) -> None:
    text = (
        GOOD.replace("      - {value: call, label: A call}\n      - {value: none}\n", "")
        .replace("    choices:\n", "")
        .replace("    default: call\n", "")
    )
    with pytest.raises(PlaybookError, match=r"fields\[1\] \(ask\): a choice field needs choices"):
        load(write(tmp_path, text))


def test_invalid_pattern_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("    prompt: Who?\n", "    prompt: Who?\n    pattern: '[a-'\n")
    with pytest.raises(
        PlaybookError, match=r":7: fields\[0\]\.pattern: not a valid regular expression"
    ):
        load(write(tmp_path, text))


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("a{99999999999}", "too large or too deeply nested"),
        ("(" * 1000 + ")" * 1000, "too large or too deeply nested"),
        ("[a-", "not a valid regular expression"),
    ],
    ids=["huge-repeat", "deep-nesting", "unterminated"],
)
def test_unusable_patterns_are_playbook_errors(tmp_path: Path, pattern: str, message: str) -> None:
    text = GOOD.replace("    prompt: Who?\n", f"    prompt: Who?\n    pattern: '{pattern}'\n")
    with pytest.raises(PlaybookError, match=message):
        load(write(tmp_path, text))


def test_odd_but_valid_pattern_loads_without_a_warning(tmp_path: Path) -> None:
    text = GOOD.replace("    prompt: Who?\n", "    prompt: Who?\n    pattern: '[[a]'\n")
    assert load(write(tmp_path, text)).fields[0].pattern == "[[a]"


def test_unknown_variant_suggests_the_closest(tmp_path: Path) -> None:
    pb = load(write(tmp_path, GOOD))
    with pytest.raises(
        PlaybookError, match=r"no variant 'wram' \(did you mean 'warm'\?\); variants: warm"
    ):
        pb.variant("wram")


def test_templated_default_is_not_checked_against_choices(tmp_path: Path) -> None:
    text = GOOD.replace("    default: call", "    default: \"{{ 'call' }}\"")
    pb = parse(text, tmp_path / "x.yaml")
    assert pb.fields[1].default_is_template


def test_schema_comes_from_the_model_and_ships_in_the_package() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    field = schema["$defs"]["Field"]
    assert field["additionalProperties"] is False
    assert set(field["properties"]["type"]["enum"]) == {
        "text", "name", "multiline", "choice", "multichoice", "confirm", "email", "url", "number",
    }  # fmt: skip
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == schema, (
        "run: python -c 'from drafter import authoring; authoring.write_schema_file()'"
    )


def test_builtin_playbooks_validate_against_the_json_schema() -> None:
    import jsonschema
    import yaml

    from drafter.library import builtin

    validator = jsonschema.Draft202012Validator(json_schema())
    lib = builtin()
    ids = lib.ids()
    assert ids
    for pid in ids:
        data = yaml.safe_load(lib.path_of(pid).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{pid}: {errors[0].message}"


def test_schema_rejects_what_the_loader_rejects(tmp_path: Path) -> None:
    import jsonschema
    import yaml

    bad = yaml.safe_load(textwrap.dedent(GOOD).replace("summary:", "sumary:"))
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(bad))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: "fields:\n" + "".join(f"  - {{name: f{i}, prompt: P}}\n" for i in range(201)),
         "fields: 201 fields, at most 200 allowed"),
        (lambda: "fields: []\nvariants:\n" + "".join(f"  - {{name: v{i}, text: x}}\n" for i in range(51)),
         "variants: 51 variants, at most 50 allowed"),
        (lambda: "fields:\n  - name: pick\n    prompt: P\n    type: choice\n    choices:\n"
         + "".join(f"      - {{value: c{i}}}\n" for i in range(20_001)),
         "more than 50,000 values (keys, items and answers); the limit is 50,000"),
    ],
    ids=["fields", "variants", "choices"],
)  # fmt: skip
def test_a_playbook_too_large_to_be_real_is_one_line_error(
    make: Callable[[], str], message: str
) -> None:
    """A 2,000-field playbook kept draft and lint busy for minutes: each size has a cap."""
    body = make()
    if "variants:" not in body:
        body += "variants:\n  - {name: a, text: x}\n"
    with pytest.raises(PlaybookError) as caught:
        parse(f"title: T\nchannel: email\n{body}", Path("big.yaml"))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
