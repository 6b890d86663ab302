"""Property tests (hypothesis): whatever people type or ship, each example expects one outcome.

A built-in playbook given any text drafts without debris, unless the example leaves one
required answer blank, and then the error names that field. A playbook file of any content
either loads and keeps the loader's promises, or fails with an error that lint reports under
the same rule, line and column.

Example counts (deadline off everywhere, so a slow CI machine cannot make them flaky):

- test_builtin_playbook_takes_any_text: 25 per built-in playbook (its variant drawn too)
- test_builtin_playbook_renders_valid_answers: 15 per built-in playbook
- test_clean_leaves_nothing_that_drives_a_terminal: 50
- test_loader_on_yaml_documents: 60
- test_loader_on_playbook_shaped_documents: 40
- test_loader_on_mutated_playbooks: 40
- test_loader_on_text: 30
- test_loader_on_bytes: 30

With six built-in playbooks that is 6 x 40 + 250 = 490 examples. The built-in playbooks are
whatever is in playbooks/ when the tests run.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter import checks, library, pipeline, render
from drafter.errors import AnswerError, NeedsInputError, PlaybookError
from drafter.lint import lint_file
from drafter.playbook import CHANNELS, FIELD_TYPES, Field, Playbook
from drafter.playbook import load as load_playbook
from drafter.profile import load_profile
from drafter.text import clean, for_terminal

# Property tests: in the slow tier (pytest -m 'not slow' skips it; CI runs everything).
pytestmark = pytest.mark.slow

BUILTIN = library.builtin()
BUILTIN_IDS = BUILTIN.ids()
CHECK_IDS = ["length", "placeholders", "words", "mentions", "fit"]


def check_ids(results: list[checks.CheckResult]) -> list[str]:
    """The checks that ran, in order (fit reports each misfit separately: listed once)."""
    ids = [r.id for r in results]
    return ids[:4] + sorted(set(ids[4:]))


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORBIDDEN = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}
FORBIDDEN |= set(BIDI)
ESCAPES = [
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b]8;;https://x\x1b\\",
    "\x9b1m",
    "\x1bc",
]


@cache
def builtin_playbook(playbook_id: str) -> Playbook:
    return load_playbook(BUILTIN.path_of(playbook_id), BUILTIN)


# --- answers -----------------------------------------------------------------------------

any_text = st.one_of(
    st.just(""),
    st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", max_size=12),  # whitespace only
    st.text(
        alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), min_size=1, max_size=40
    ),  # RTL
    st.lists(st.sampled_from(["👋🏽", "😀", "🎉", "👩‍💻", "🇺🇸", "❤️"]), min_size=1, max_size=10).map(
        "".join
    ),  # emoji
    st.text(
        alphabet=st.sampled_from("aeiou\u0301\u0308\u0327\u0332\u20dd"), min_size=1, max_size=30
    ),  # combining
    st.text(min_size=1, max_size=8).map(lambda s: (s * 5000)[:5000]),  # 5,000 characters
    st.lists(st.text(max_size=20), min_size=2, max_size=5).map("\n".join),  # embedded newlines
    st.lists(
        st.sampled_from([*ESCAPES, *BIDI, "\x00", "\x07", "\x08", "\x7f", "\r", "\t", "x", " "]),
        max_size=12,
    ).map("".join),
    st.sampled_from(["None", "{{ 7*7 }}", "{% if x %}", "{{", "}}", "%}", "[Name]", "null", "~"]),
    st.text(max_size=200),
)

# Text that a person would call an answer: a word or number in it once cleaned.
nice_text = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "P", "Zs", "So"], exclude_characters=BIDI),
    min_size=1,
    max_size=80,
).filter(lambda s: re.search(r"\w", clean(s)) is not None)

emails = st.from_regex(r"[a-z][a-z0-9.]{0,10}@[a-z]{1,10}\.(com|org|io)", fullmatch=True)
urls = st.from_regex(r"https://[a-z]{1,12}\.(com|org|io)(/[a-z0-9-]{1,10}){0,2}", fullmatch=True)


def value_for(field: Field, text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """A strategy for one field's answer, as --set or --answers would give it."""
    kind = field.type
    if kind in ("text", "multiline", "name"):
        if field.max_length is not None:
            return text.map(lambda s: s[: field.max_length])
        return text
    if kind == "choice":
        return st.sampled_from(field.choice_values())
    if kind == "multichoice":
        return st.lists(st.sampled_from(field.choice_values()), unique=True)
    if kind == "confirm":
        return st.booleans()
    if kind == "number":
        return st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6, allow_nan=False)
    if kind == "email":
        return emails
    return urls


# A required answer with something in it: any text with a word before or after it that
# survives cleaning (an unterminated escape sequence, "\x9d Ana", takes the rest of the line
# with it), or only symbols and emoji, which are not nothing either. Neither full stop nor
# comma: a lone "." ends a sentence and "," a name, and both are dropped, leaving nothing.
WORDS = ["Ana", "data", "PyCon", "café", "١٢", "x"]
SYMBOLS = ["😀", "🎉", "👩‍💻", "🇺🇸", "→", "?", "!", "#", "&", "{{", "}}", "%}", "…", "—", "(", ")"]
required_text = st.one_of(
    st.builds(
        lambda text, word, first: f"{word} {text}" if first else f"{text} {word}",
        any_text,
        st.sampled_from(WORDS),
        st.booleans(),
    ).filter(lambda s: re.search(r"\w", clean(s)) is not None),
    st.lists(st.sampled_from(SYMBOLS), min_size=1, max_size=4).map(" ".join),
)
# A required answer that is empty once cleaned: what a person leaves when they skip it.
blank_text = st.one_of(
    st.just(""),
    st.lists(
        st.sampled_from([" ", "\t", "\n", "\u00a0", "\u3000", *ESCAPES, *BIDI]), min_size=1
    ).map("".join),
)


def can_be_left_blank(field: Field) -> bool:
    """A required field whose empty answer nothing fills: no default, no `when`, no pattern."""
    return (
        field.required
        and field.default is None
        and field.when is None
        and field.pattern is None
        and field.type in ("text", "multiline", "name")
    )


@st.composite
def answers_for(
    draw: st.DrawFn, playbook_id: str, text: st.SearchStrategy[str], blank: str | None = None
) -> dict[str, Any]:
    """Answers for every required field (from `text` if it is a text field), some optional ones.

    The field named `blank` gets an answer that is empty once cleaned.
    """
    pb = builtin_playbook(playbook_id)  # by id, so a failure report stays readable
    given: dict[str, Any] = {}
    for field in pb.fields:
        if field.pattern is not None:
            continue  # leave it to its default or to the NeedsInputError it causes
        if field.name == blank:
            given[field.name] = draw(blank_text)
        elif field.required:
            answer = required_text if text is any_text else text
            given[field.name] = draw(value_for(field, answer))
        elif draw(st.booleans()):
            given[field.name] = draw(value_for(field, text))
    me = {key: draw(text) for key in ("name", "headline", "company") if draw(st.booleans())}
    if me:
        given["me"] = me
    return given


def typed(given: Mapping[str, Any]) -> list[str]:
    """Everything the user typed, as drafter sees it after cleaning."""
    out: list[str] = []
    for value in given.values():
        for v in (
            value.values()
            if isinstance(value, dict)
            else value
            if isinstance(value, list)
            else [value]
        ):
            out.append(clean(str(v), multiline=True))
    return out


def draft(
    pb: Playbook, variant: str, given: dict[str, Any]
) -> tuple[render.Draft, list[checks.CheckResult]]:
    """The CLI's pipeline without the CLI: answers -> render -> checks."""
    outcome = pipeline.run(pb, given, variant=variant, profile=load_profile())
    return outcome.draft, outcome.checks


def assert_no_debris(result: render.Draft, given: Mapping[str, Any]) -> None:
    text = result.text()
    words = typed(given)
    for debris in ("{{", "}}", "{%", "%}"):
        if debris in text:
            assert any(debris[0] in w or debris[1] in w for w in words), (
                f"template debris {debris!r} in {text!r}"
            )
    if re.search(r"\bNone\b", text):
        # a name typed "none" is capitalised like any other name
        assert any("none" in w.lower() for w in words), f"'None' in {text!r}"
    assert not FORBIDDEN & set(text), repr(text)


@pytest.mark.skipif(not BUILTIN_IDS, reason="no built-in playbooks")
@pytest.mark.parametrize("playbook_id", BUILTIN_IDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_builtin_playbook_takes_any_text(playbook_id: str, data: st.DataObject) -> None:
    """Arbitrary unicode in every text field, valid choices: a draft, or the one blank answer.

    Each example either leaves one required field blank, and the error names that field
    (missing when the answer is "", required when it is only whitespace or control
    characters), or answers every required field, and must draft without debris.
    """
    pb = builtin_playbook(playbook_id)
    variant = data.draw(st.sampled_from([v.name for v in pb.spec.variants]), label="variant")
    blankable = [f.name for f in pb.fields if can_be_left_blank(f)]
    blank = None
    if blankable and data.draw(st.integers(0, 3), label="leave one blank (0)") == 0:
        blank = data.draw(st.sampled_from(blankable), label="blank")
    given = data.draw(answers_for(playbook_id, any_text, blank), label="answers")
    if blank is None:
        result, results = draft(pb, variant, given)
        assert_no_debris(result, given)
        assert check_ids(results) == CHECK_IDS
    elif given[blank] == "":
        with pytest.raises(NeedsInputError) as missing:
            draft(pb, variant, given)
        assert [name for name, _prompt in missing.value.missing] == [blank]
    else:
        with pytest.raises(AnswerError) as refused:
            draft(pb, variant, given)
        assert (refused.value.field, refused.value.reason) == (blank, "an answer is required")


@pytest.mark.skipif(not BUILTIN_IDS, reason="no built-in playbooks")
@pytest.mark.parametrize("playbook_id", BUILTIN_IDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_builtin_playbook_renders_valid_answers(playbook_id: str, data: st.DataObject) -> None:
    """Every required field answered with real text and every choice valid: no error at all."""
    pb = builtin_playbook(playbook_id)
    assume(all(f.pattern is None for f in pb.fields if f.required))
    variant = data.draw(st.sampled_from([v.name for v in pb.spec.variants]), label="variant")
    given = data.draw(answers_for(playbook_id, nice_text), label="answers")
    result, results = draft(pb, variant, given)
    assert result.body.strip()
    assert_no_debris(result, given)
    assert check_ids(results) == CHECK_IDS


# --- cleaning ----------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from([*ESCAPES, *BIDI])), max_size=10).map(
        "".join
    )
)
def test_clean_leaves_nothing_that_drives_a_terminal(raw: str) -> None:
    one_line = clean(raw)
    lines = clean(raw, multiline=True)
    assert not FORBIDDEN & set(one_line)
    assert not set("\t\n\r") & set(one_line)
    assert not FORBIDDEN & set(lines)
    assert for_terminal(raw) == lines
    assert clean(one_line) == one_line and clean(lines, multiline=True) == lines
    printable = set(string.printable) - set("\t\n\r\x0b\x0c")
    if set(raw) <= printable:
        assert one_line == raw  # plain text passes untouched


# --- the playbook loader -----------------------------------------------------------------

VOCABULARY = [
    "title", "summary", "channel", "fields", "variants", "subject", "checks", "examples",
    "name", "prompt", "type", "required", "default", "choices", "when", "help", "example",
    "max_length", "pattern", "value", "label", "description", "template", "text",
    "max_words", "must_mention", "me", "<<",
]  # fmt: skip

keys = st.one_of(
    st.sampled_from(VOCABULARY), st.text(max_size=8), st.integers(), st.booleans(), st.none()
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        [*CHANNELS, *FIELD_TYPES, "{{ x }}", "{% if %}", "2001-02-30", "0x1F", "1e999"]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


# The rules a loader error can name (a variant's template path is a template rule's).
LOADER_RULES = {"yaml-syntax", "schema", "template-escape", "template-missing"}


def assert_lint_agrees(path: Path) -> None:
    """Loader and lint agree on the playbook at `path`.

    Loading fails with an error lint reports under its rule, line and column; or the playbook
    loads, keeps the loader's promises, and lint finds its YAML and schema sound.
    """
    lib = library.Library(path.parent.parent, "property tests")
    reported = {(p.rule, p.line, p.col, p.message) for p in lint_file(path, lib)}
    try:
        pb = load_playbook(path, lib)
    except PlaybookError as exc:
        assert exc.rule in LOADER_RULES, exc
        assert (exc.rule, exc.line or 1, exc.col or 1, exc.message) in reported, exc
        return
    assert not {r for r in reported if r[0] in ("yaml-syntax", "schema")}
    assert_keeps_promises(pb)


def assert_keeps_promises(pb: Playbook) -> None:
    """What the loader promises of any playbook it accepts."""
    names = [f.name for f in pb.fields]
    assert len(set(names)) == len(names) and "me" not in names
    variants = [v.name for v in pb.spec.variants]
    assert len(set(variants)) == len(variants)
    assert all((v.template is None) != (v.text is None) for v in pb.spec.variants)
    assert set(pb.spec.checks.must_mention) <= set(names)
    for f in pb.fields:
        assert bool(f.choices) == (f.type in ("choice", "multichoice")), f.name


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each example's playbook is written: playbooks/x.yaml of a library of its own."""
    path = tmp_path_factory.mktemp("loader") / "playbooks" / "x.yaml"
    path.parent.mkdir()
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None)
@given(documents)
def test_loader_on_yaml_documents(scratch: Path, document: Any) -> None:
    assert_lint_agrees(write(scratch, yaml.safe_dump(document, allow_unicode=True)))


template_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Hi {{ name }}",
            "{{ name|first_name }}",
            "{% if a %}x{% endif %}",
            "{{",
            "{% for %}",
            "{{ x.__class__ }}",
        ]
    ),
)
# `pattern` comes from a fixed list: random regexes make playbook.py's re.compile raise
# OverflowError ('a{99999999999}') or warn ('[[a]') instead of a PlaybookError (reported).
patterns = st.sampled_from([r"^\d+$", r"[A-Z][a-z]+", "(unclosed", "*bad", r"\w{2,5}"])
field_dicts = st.fixed_dictionaries(
    {
        "name": st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True) | st.text(max_size=6),
        "prompt": st.text(max_size=20),
    },
    optional={
        "type": st.sampled_from(FIELD_TYPES) | st.text(max_size=8),
        "required": st.booleans() | scalars,
        "default": scalars | template_text,
        "choices": st.lists(
            st.fixed_dictionaries(
                {"value": st.text(max_size=6)}, optional={"label": st.text(max_size=6)}
            ),
            max_size=3,
        ),
        "when": template_text,
        "max_length": st.integers(),
        "pattern": patterns,
        "help": st.text(max_size=10),
    },
)
variant_dicts = st.fixed_dictionaries(
    {"name": st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True) | st.text(max_size=6)},
    optional={
        "text": template_text,
        "template": st.sampled_from(["x.j2", "../x.j2", "/etc/passwd", "a/b.j2", ""])
        | st.text(max_size=10),
        "channel": st.sampled_from(CHANNELS) | st.text(max_size=6),
    },
)
playbook_dicts = st.fixed_dictionaries(
    {},
    optional={
        "title": st.text(max_size=20) | scalars,
        "channel": st.sampled_from(CHANNELS) | scalars,
        "fields": st.lists(field_dicts, max_size=4) | documents,
        "variants": st.lists(variant_dicts, max_size=3) | documents,
        "subject": template_text,
        "checks": st.fixed_dictionaries(
            {},
            optional={
                "max_words": st.integers(),
                "must_mention": st.lists(st.text(max_size=6), max_size=2),
            },
        ),
        "examples": st.dictionaries(
            st.text(max_size=5),
            st.dictionaries(st.text(max_size=5), scalars, max_size=3),
            max_size=2,
        ),
    },
)


@settings(max_examples=40, deadline=None)
@given(playbook_dicts)
def test_loader_on_playbook_shaped_documents(scratch: Path, document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert_lint_agrees(write(scratch, text))


@st.composite
def mutated_playbooks(draw: st.DrawFn) -> str:
    text = BUILTIN.path_of(draw(st.sampled_from(BUILTIN_IDS))).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 40)))
        insert = draw(
            st.one_of(
                st.just(""),
                st.text(max_size=10),
                st.sampled_from(
                    ["&a ", "*a", ": ", "- ", "\n  ", "{", "[", "!!python/name:os.system "]
                ),
            )
        )
        text = text[:at] + insert + text[end:]
    return text


@pytest.mark.skipif(not BUILTIN_IDS, reason="no built-in playbooks")
@settings(max_examples=40, deadline=None)
@given(mutated_playbooks())
def test_loader_on_mutated_playbooks(scratch: Path, text: str) -> None:
    assert_lint_agrees(write(scratch, text))


@settings(max_examples=30, deadline=None)
@given(st.text())
def test_loader_on_text(scratch: Path, text: str) -> None:
    assert_lint_agrees(write(scratch, text))


@settings(max_examples=30, deadline=None)
@given(
    data=st.one_of(
        st.binary(),
        st.text().map(lambda s: s.encode("utf-16")),
        st.text().map(lambda s: s.encode("latin-1", "replace")),
    )
)
def test_loader_on_bytes(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    assert_lint_agrees(scratch)
