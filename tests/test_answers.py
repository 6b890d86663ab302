"""Answers: coercion per field type, sources and precedence, `when` and `default`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafter import answers, sandbox
from drafter.errors import AnswerError, NeedsInputError, PlaybookError, UsageError
from drafter.playbook import Choice, Field, parse


def field(**kw: Any) -> Field:
    kw.setdefault("name", "f")
    kw.setdefault("prompt", "F?")
    return Field(**kw)


CHOICES = [Choice(value="call", label="A short call"), Choice(value="coffee")]


@pytest.mark.parametrize(
    ("spec", "raw", "expected"),
    [
        ({}, "  Ana  ", "Ana"),
        ({}, "data engineering.", "data engineering"),  # templates add their own punctuation
        ({}, "I start on Monday.", "I start on Monday"),
        ({}, "Wait for it...", "Wait for it..."),
        ({}, "Acme Inc.", "Acme Inc."),
        ({}, "the U.S.", "the U.S."),
        ({}, "Really?", "Really?"),
        ({"type": "multiline"}, "Two lines.\nEnd.", "Two lines.\nEnd."),
        ({}, "line\nbreak", "line break"),
        ({}, 2024, "2024"),
        ({}, None, ""),
        ({"type": "multiline"}, "one\r\ntwo\n", "one\ntwo"),
        ({"type": "choice", "choices": CHOICES}, "call", "call"),
        ({"type": "choice", "choices": CHOICES}, "a short call", "call"),  # by label
        ({"type": "choice", "choices": CHOICES}, "COFFEE", "coffee"),
        ({"type": "multichoice", "choices": CHOICES}, "call, coffee,call", ["call", "coffee"]),
        ({"type": "multichoice", "choices": CHOICES}, ["coffee"], ["coffee"]),
        ({"type": "multichoice", "choices": CHOICES}, "", []),
        ({"type": "confirm"}, "yes", True),
        ({"type": "confirm"}, "N", False),
        ({"type": "confirm"}, False, False),
        ({"type": "number"}, "1,500", 1500),
        ({"type": "number"}, "2.5", 2.5),
        ({"type": "number"}, 3, 3),
        ({"type": "number"}, "", None),
        ({"type": "email"}, "ana@example.com", "ana@example.com"),
        ({"type": "url"}, "https://example.com/x", "https://example.com/x"),
        ({"type": "url"}, "linkedin.com/in/ana", "linkedin.com/in/ana"),
        ({"max_length": 3}, "abc", "abc"),
        ({"pattern": r"\d{4}"}, "2024", "2024"),
    ],
)
def test_coerce(spec: dict[str, Any], raw: Any, expected: Any) -> None:
    assert answers.coerce(field(**spec), raw) == expected


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (
            {"type": "choice", "choices": CHOICES},
            "cofee",
            "f: 'cofee' is not one of call, coffee (did you mean 'coffee'?)",
        ),
        (
            {"type": "multichoice", "choices": CHOICES},
            "call,tea",
            "'tea' is not one of call, coffee",
        ),
        ({"type": "confirm"}, "maybe", "f: expected yes or no, got 'maybe'"),
        ({"type": "number"}, "lots", "f: expected a number, got 'lots'"),
        ({"type": "number"}, True, "expected a number"),
        ({"type": "email"}, "ana@", "f: 'ana@' is not an email address"),
        ({"type": "url"}, "not a url", "is not a web address"),
        ({"max_length": 3}, "abcd", "f: 4 characters, at most 3 allowed"),
        ({"pattern": r"\d{4}"}, "20x4", "does not match the expected format"),
        ({}, ["a", "list"], "expected a single value, got a list"),
    ],
)
def test_coerce_rejects(spec: dict[str, Any], raw: Any, message: str) -> None:
    with pytest.raises(AnswerError) as info:
        answers.coerce(field(**spec), raw)
    assert message in str(info.value)


def test_a_catastrophic_pattern_is_stopped_not_hung(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET", 0.05)  # the bound, not its size, is tested
    with pytest.raises(AnswerError, match="pattern took too long"):
        answers.coerce(field(pattern=r"(a+)+$"), "a" * 40 + "b")


def test_required_refuses_empty() -> None:
    with pytest.raises(AnswerError, match="f: an answer is required"):
        answers.validate(field(required=True), "   ")


def test_answers_are_cleaned_of_terminal_escapes() -> None:
    assert answers.coerce(field(), "Ana\x1b[2J\u202e Ruiz\x07") == "Ana Ruiz"
    assert answers.coerce(field(type="multiline"), "a\tb\nc\x1b]52;c;aGk=\x07") == "a\tb\nc"


def test_parse_set() -> None:
    assert answers.parse_set(["a=1", "b=x=y", "me.name=Ana Ruiz", "c="]) == {
        "a": "1",
        "b": "x=y",
        "c": "",
        "me": {"name": "Ana Ruiz"},
    }
    with pytest.raises(UsageError, match="expected FIELD=VALUE"):
        answers.parse_set(["novalue"])


def test_merge_later_wins_and_me_merges_by_key() -> None:
    merged = answers.merge(
        {"a": 1, "me": {"name": "A", "email": "a@x.io"}}, {"a": 2, "me": {"name": "B"}}
    )
    assert merged == {"a": 2, "me": {"name": "B", "email": "a@x.io"}}


PB = """\
title: T
channel: linkedin-message
fields:
  - {name: recipient_name, prompt: Who are you writing to?, required: true}
  - name: meeting
    prompt: Meet how?
    type: choice
    default: call
    choices: [{value: call}, {value: coffee}, {value: none}]
  - name: place
    prompt: Where?
    when: meeting == 'coffee'
    required: true
  - name: subject_line
    prompt: Subject?
    default: "Hello {{ recipient_name|first_name }}"
  - {name: note, prompt: Anything else?}
variants: [{name: v, text: "{{ recipient_name }}"}]
"""


@pytest.fixture
def pb(tmp_path: Path):  # type: ignore[no-untyped-def]
    return parse(PB, tmp_path / "t.yaml")


ME = {"name": "Ana"}


def test_collect_uses_defaults_and_skips_fields_whose_when_is_false(pb: Any) -> None:
    values = answers.collect(pb, {"recipient_name": "Dr. Kim Lee"}, ME)
    assert values == {
        "recipient_name": "Dr. Kim Lee",
        "meeting": "call",
        "place": "",  # skipped by `when`, so it is not missing although required
        "subject_line": "Hello Kim",  # templated default over an earlier answer
        "note": "",
    }


def test_collect_when_true_makes_the_field_required(pb: Any) -> None:
    with pytest.raises(NeedsInputError) as info:
        answers.collect(pb, {"recipient_name": "Kim", "meeting": "coffee"}, ME)
    assert "missing required answers: place (Where?)" in str(info.value)
    assert info.value.missing == [("place", "Where?")]  # data for the caller, not text to parse
    assert "--set" not in str(info.value)  # advice for the command line is the CLI's to add


def test_collect_lists_every_missing_required_field_with_its_prompt(pb: Any) -> None:
    with pytest.raises(NeedsInputError, match=r"recipient_name \(Who are you writing to\?\)"):
        answers.collect(pb, {}, ME)


def test_collect_asks_only_for_what_is_not_given_in_order_with_defaults(pb: Any) -> None:
    asked: list[tuple[str, Any]] = []

    def ask(f: Field, default: Any, context: Any) -> Any:
        asked.append((f.name, default))
        return {"meeting": "coffee", "place": "Café Lisboa"}.get(f.name, default or "")

    values = answers.collect(pb, {"recipient_name": "Kim Lee"}, ME, ask)
    assert asked == [
        ("meeting", "call"),
        ("place", None),
        ("subject_line", "Hello Kim"),
        ("note", None),
    ]
    assert values["place"] == "Café Lisboa"


def test_split_me_rejects_unknown_fields_listing_valid_ones(pb: Any) -> None:
    with pytest.raises(UsageError) as info:
        answers.split_me(pb, {"recipient": "x"}, {})
    text = str(info.value)
    assert "has no field 'recipient' (did you mean 'recipient_name'?)" in text
    assert "fields: recipient_name, meeting, place, subject_line, note" in text


def test_split_me_layers_answers_over_profile(pb: Any) -> None:
    _, me = answers.split_me(pb, {"me": {"name": "Sam"}}, {"name": "Ana", "company": "Acme"})
    assert me["name"] == "Sam"
    assert me["company"] == "Acme"
    assert me["linkedin_account"] == "free"
    with pytest.raises(UsageError, match="unknown profile key 'nmae' \\(did you mean 'name'\\?\\)"):
        answers.split_me(pb, {"me": {"nmae": "x"}}, {})


def test_when_referring_to_a_later_field_is_a_playbook_error(tmp_path: Path) -> None:
    text = PB.replace("when: meeting == 'coffee'", "when: note != ''")
    pb = parse(text, tmp_path / "t.yaml")
    with pytest.raises(PlaybookError) as info:
        answers.collect(pb, {"recipient_name": "Kim"}, ME)
    assert str(info.value).startswith(
        f"{tmp_path / 't.yaml'}:12: fields[2].when: 'note' is undefined"
    )


def test_when_with_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    pb = parse(PB.replace("when: meeting == 'coffee'", "when: meeting ==="), tmp_path / "t.yaml")
    with pytest.raises(PlaybookError, match=r"t\.yaml:12: fields\[2\]\.when: invalid expression"):
        answers.collect(pb, {"recipient_name": "Kim"}, ME)


MULTI = """\
title: Languages
channel: email
fields:
  - name: langs
    prompt: Languages?
    type: multichoice
    default: python
    choices: [{value: python}, {value: rust}]
variants:
  - name: plain
    text: "{{ langs|join_and }}"
"""


def test_a_one_value_multichoice_default_is_a_list(tmp_path: Path) -> None:
    pb = parse(MULTI, tmp_path / "langs.yaml")
    assert answers.collect(pb, {}, ME) == {"langs": ["python"]}


def test_read_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("recipient_name: Kim\nme:\n  name: Ana\n", encoding="utf-8")
    assert answers.read_answers_file(str(path)) == {"recipient_name": "Kim", "me": {"name": "Ana"}}
    path.write_text("- not\n- a mapping\n", encoding="utf-8")
    with pytest.raises(UsageError, match="an answers file is a mapping"):
        answers.read_answers_file(str(path))
    with pytest.raises(UsageError, match="no such file"):
        answers.read_answers_file(str(tmp_path / "missing.yaml"))
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"a\.yaml:2: invalid YAML"):
        answers.read_answers_file(str(path))


@pytest.mark.slow  # 16,000 choices to read
def test_a_field_with_thousands_of_choices_loads_and_errs_briefly(tmp_path: Path) -> None:
    """16,000 choices load (the duplicate check was quadratic: 5.5 s), and one wrong answer is
    one readable line rather than 117 KB."""
    from drafter.playbook import parse

    choices = "\n".join(f"      - {{value: c{i}}}" for i in range(16_000))
    text = f"title: T\nchannel: email\nfields:\n  - name: pick\n    prompt: Pick\n    type: choice\n    choices:\n{choices}\nvariants:\n  - {{name: a, text: x}}\n"
    pb = parse(text, tmp_path / "many.yaml")
    with pytest.raises(AnswerError) as caught:
        answers.coerce(pb.fields[0], "nope")
    assert len(str(caught.value)) < 200
    assert "… and 15,992 more" in str(caught.value)


def test_answers_from_a_closed_stdin_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    closed = io.TextIOWrapper(io.BytesIO())
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(UsageError, match="standard input is closed"):
        answers.read_answers_file("-")


def test_an_answer_error_carries_its_field_and_reason() -> None:
    """Callers read the field and the reason, never parse the message."""
    email = Field(name="to", prompt="Email?", type="email")
    with pytest.raises(AnswerError) as caught:
        answers.coerce(email, "sam-at-example.com")
    assert caught.value.field == "to"
    assert caught.value.reason == "'sam-at-example.com' is not an email address"
    assert str(caught.value) == "to: 'sam-at-example.com' is not an email address"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I'll send it tmrw.", "I'll send it tomorrow."),
        ("thx, that helped!", "thanks, that helped!"),
        ("shes hiring a designer", "she's hiring a designer"),
        ("see u?", "see you?"),
        ("doesnt matter", "doesn't matter"),
        ("the MGR role", "the MGR role"),  # capitals typed on purpose are kept
        ("they're hiring QA rn, remote ok", "they're hiring QA right now, remote ok"),
        ("she's hiring rn", "she's hiring right now"),
        ("I'm an rn at St Mary's", "I'm an rn at St Mary's"),  # a nurse: capitals come later
        ("she works as an rn.", "she works as an rn."),
        ("nothing to expand here.", "nothing to expand here."),
        ("thanks 4 the intro", "thanks for the intro"),
        ("thanks 4 everything!", "thanks for everything!"),
        ("top 4 tips", "top 4 tips"),  # a number
        ("4 of us", "4 of us"),
        ("we hired 4 people", "we hired 4 people"),
        ("lmk if that works", "let me know if that works"),
        ("LMK what you think", "let me know what you think"),
        ("Lmk.", "Let me know."),
    ],
)
def test_texting_shorthand_is_spelt_out_before_punctuation_too(typed: str, expected: str) -> None:
    from drafter.shape import expand_shorthand

    assert expand_shorthand(typed) == expected


def test_names_typed_in_lower_case_are_recased_but_not_inside_addresses() -> None:
    """'sam' in a sentence is Sam; in sam@okafor.example or a link it stays as typed."""
    from drafter import pipeline
    from drafter.library import builtin
    from drafter.playbook import load

    lib = builtin()
    pb = load(lib.path_of("post-meeting-follow-up"), lib)
    given = {
        "recipient_name": "Sam Okafor",
        "meeting": "coffee this morning",
        "highlight": "your plan to hire two designers",
        "promised": "the deck sam asked for (linkedin.com/in/sam-okafor has it, or sam@okafor.example)",
        "me": {"name": "Ana Ruiz"},
    }
    body = pipeline.run(pb, given).body
    assert "linkedin.com/in/sam-okafor" in body and "sam@okafor.example" in body
    assert "the deck Sam asked for" in body


@pytest.mark.parametrize(
    ("pid", "given", "field", "expected"),
    [
        # a third person the message only mentions: still a message to one person
        (
            "glad-we-met",
            {"they_mentioned": "he manages the Leeds office", "promised_contact": "Sam Okafor"},
            "they_mentioned",
            "you manage the Leeds office",
        ),
        (
            "glad-we-met",
            {"how_i_can_help": "look over her resume", "promised_contact": "Sam Okafor"},
            "how_i_can_help",
            "look over your resume",
        ),
        (
            "glad-we-met",
            {"they_mentioned": "he manages the Leeds office"},
            "they_mentioned",
            "you manage the Leeds office",
        ),
        # two people greeted (both emailed): 'he' could be either, so it stays for fit to flag
        (
            "double-intro",
            {"why_connect": "he is about to make the move she made last year"},
            "why_connect",
            "he is about to make the move she made last year",
        ),
    ],
)
def test_only_the_people_greeted_make_a_message_to_one(
    pid: str, given: dict[str, str], field: str, expected: str
) -> None:
    from drafter.library import builtin
    from drafter.playbook import load

    lib = builtin()
    pb = load(lib.path_of(pid), lib)
    people = {"recipient_name": "Dana Alvarez", "person_a_name": "Dana Alvarez"}
    values = {**{f.name: answers.empty(f) for f in pb.fields}, **people, **given}
    assert answers.fit(pb, values, ME)[field] == expected


@pytest.mark.parametrize(
    ("pid", "addressed"),
    [
        ("glad-we-met", ["recipient_name"]),
        ("reply-to-help-request", ["requester_name"]),
        ("intro-request", ["connector_name"]),
        ("double-intro", ["person_a_name", "person_b_name"]),
        ("intro-follow-up", ["person_a_name", "person_b_name"]),
    ],
)
def test_addressed_is_contact_one_and_everyone_emailed(pid: str, addressed: list[str]) -> None:
    from drafter.library import builtin
    from drafter.playbook import load

    lib = builtin()
    assert [f.name for f in answers.addressed(load(lib.path_of(pid), lib))] == addressed
