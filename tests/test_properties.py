"""Property tests (hypothesis): whatever people type or ship, drafter fails only in its own words.

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
from drafter.errors import DrafterError, PlaybookError
from drafter.playbook import CHANNELS, FIELD_TYPES, Field, Playbook, parse
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
    if kind in ("text", "multiline"):
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


# Mostly something to say, sometimes nothing, so that most examples get as far as rendering.
required_text = st.one_of(
    any_text.filter(lambda s: re.search(r"\w", clean(s)) is not None), any_text
)


@st.composite
def answers_for(draw: st.DrawFn, playbook_id: str, text: st.SearchStrategy[str]) -> dict[str, Any]:
    """Answers for every required field (from `text` if it is a text field), some optional ones."""
    pb = builtin_playbook(playbook_id)  # by id, so a failure report stays readable
    given: dict[str, Any] = {}
    for field in pb.fields:
        if field.pattern is not None:
            continue  # leave it to its default or to the NeedsInputError it causes
        if field.required:
            given[field.name] = draw(value_for(field, required_text if text is any_text else text))
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
    """Arbitrary unicode in every text field, valid choices: only DrafterErrors, never debris."""
    pb = builtin_playbook(playbook_id)
    variant = data.draw(st.sampled_from([v.name for v in pb.spec.variants]), label="variant")
    given = data.draw(answers_for(playbook_id, any_text), label="answers")
    try:
        result, results = draft(pb, variant, given)
    except DrafterError:
        return  # the project's own error: one `drafter: error:` line in the CLI
    assert_no_debris(result, given)
    assert check_ids(results) == CHECK_IDS


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


def assert_loads_or_playbook_error(text: str) -> None:
    try:
        pb = parse(text, Path("x.yaml"))
    except PlaybookError:
        return
    assert isinstance(pb, Playbook)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_loader_on_yaml_documents(document: Any) -> None:
    assert_loads_or_playbook_error(yaml.safe_dump(document, allow_unicode=True))


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
def test_loader_on_playbook_shaped_documents(document: dict[str, Any]) -> None:
    assert_loads_or_playbook_error(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


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
def test_loader_on_mutated_playbooks(text: str) -> None:
    assert_loads_or_playbook_error(text)


@settings(max_examples=30, deadline=None)
@given(st.text())
def test_loader_on_text(text: str) -> None:
    assert_loads_or_playbook_error(text)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader") / "x.yaml"


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
    try:
        pb = load_playbook(scratch)
    except PlaybookError:
        return
    assert isinstance(pb, Playbook)
