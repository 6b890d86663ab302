"""Checks: pure functions from a draft to results."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import channels, checks, pipeline
from drafter.playbook import Checks, Playbook, parse
from drafter.render import Draft


def draft(
    body: str, channel: str = "linkedin-note", subject: str | None = None, account: str = "free"
) -> Draft:
    return Draft("p", "v", channel, body, subject, [], channels.limits(channel, account))


@pytest.mark.parametrize(
    ("channel", "account", "chars", "ok", "message"),
    [
        ("linkedin-note", "free", 200, True, "200/200 characters (LinkedIn invitation note)"),
        (
            "linkedin-note",
            "free",
            201,
            False,
            "201/200 characters (LinkedIn invitation note, 1 over)",
        ),
        ("linkedin-note", "premium", 300, True, "300/300 characters"),
        ("linkedin-note", "premium", 301, False, "301/300 characters"),
        ("linkedin-message", "free", 8000, True, "8,000/8,000 characters"),
        ("linkedin-message", "free", 8001, False, "8,001/8,000"),
        ("inmail", "free", 1901, False, "1,901/1,900"),
        ("email", "free", 20000, True, "20,000 characters (no limit for email)"),
    ],
)
def test_length_limits_per_channel(
    channel: str, account: str, chars: int, ok: bool, message: str
) -> None:
    result = checks.length(draft("x" * chars, channel, account=account))
    assert (result.id, result.ok) == ("length", ok)
    assert message in result.message


def test_length_counts_code_points_after_nfc() -> None:
    decomposed = "e\u0301" * 200  # 400 code points, 200 after NFC
    assert checks.length(draft(decomposed)).ok
    assert checks.length(draft(decomposed + "x")).ok is False


def test_inmail_subject_limit() -> None:
    result = checks.length(draft("body", "inmail", subject="s" * 201))
    assert not result.ok
    assert "subject 201/200 characters, 1 over" in result.message


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Hi Ana, thanks for connecting.", True),
        ("Hi {{ name }}, thanks", False),
        ("Hi [Name], thanks", False),
        ("Hi [First Name],", False),
        ("Hi None,", False),
        ("TODO: write this", False),
        ("Hi <first name>,", False),
        ("Hi Ana {% if %}", False),
        ("We met at [PyCon]", False),
        ("I noticed none of that.", True),  # the word, not the value None
        ("Score [1]", True),
    ],
)
def test_placeholders(text: str, ok: bool) -> None:
    result = checks.placeholders(draft(text, "email"))
    assert result.ok is ok, result.message


def test_placeholders_looks_at_the_subject_too() -> None:
    assert not checks.placeholders(draft("fine", "email", subject="Intro: {{ a }}")).ok


@pytest.mark.parametrize(
    ("words", "limit", "ok"), [(60, 60, True), (61, 60, False), (500, None, True)]
)
def test_words(words: int, limit: int | None, ok: bool) -> None:
    result = checks.words(draft(" ".join(["w"] * words), "email"), Checks(max_words=limit))
    assert result.ok is ok
    assert str(words) in result.message


def test_mentions_is_case_and_space_insensitive_and_skips_empty_answers() -> None:
    rules = Checks(must_mention=["detail", "extra"])
    d = draft("I enjoyed your talk on\nOnboarding Juniors.", "email")
    assert checks.mentions(d, rules, {"detail": "your talk on onboarding juniors.", "extra": ""}).ok
    missing = checks.mentions(d, rules, {"detail": "your post on hiring", "extra": ""})
    assert not missing.ok
    assert missing.message == "does not mention your answer to detail"
    assert missing.field == "detail"


# --- fit: answers typed as people type them, in frames -------------------------------------

FRAMED = """\
title: Framed
channel: email
fields:
  - {name: who, type: name, prompt: "Who?", required: true}
  - name: context
    prompt: "Who is {{ who|first_name }}?"
    frame: {text: "Sam is …", drop: ["{{ who|first_name }} is", is, "she is", "she's"]}
  - name: about_me
    prompt: Who are you, in a phrase?
    frame: {text: "I'm …", drop: ["I'm", "I am"]}
  - name: topic
    prompt: Which post of theirs?
    frame: {text: "I enjoyed …", second_person: true}
  - name: question
    prompt: A question
    frame: {text: "I'd be curious to hear …", expects: any}
  - name: thanks
    prompt: What for?
    frame: {text: "Thank you for …"}
  - name: sent
    prompt: What did you promise?
  - name: company
    prompt: Which company?
    example: Acme Robotics
  - name: day
    prompt: Which day?
    example: Tuesday
variants:
  - name: only
    text: |
      Hi {{ who|first_name }},
      {% if context %}{{ who|full_name }} is {{ context }}.{% endif %}
      {% if about_me %}For context, I'm {{ about_me }}.{% endif %}
      {% if topic %}I enjoyed {{ topic }}.{% endif %}
      {% if question %}I'd be curious to hear {{ question }}.{% endif %}
      {% if thanks %}Thank you for {{ thanks }}.{% endif %}
      {% if sent %}As promised, here is {{ sent }}.{% endif %}
      {% if company %}I'm keen to learn more about {{ company }}.{% endif %}
      {% if day %}Could we talk {{ day }}?{% endif %}
checks:
  warn:
    - {when: "who == 'Nobody'", message: "nobody to write to", fix: "name someone"}
"""


@pytest.fixture(scope="module")
def framed() -> Playbook:
    return parse(FRAMED, Path("framed.yaml"))


@pytest.mark.parametrize(
    ("answers", "reads", "flag"),
    [
        # repeated frame words are dropped; a closed-class first word is lowered
        (
            {"about_me": "I'm a data engineer at Lumen."},
            "For context, I'm a data engineer at Lumen.",
            None,
        ),
        ({"context": "Sam is head of data"}, "Sam Lee is head of data.", None),
        ({"context": "she's head of data"}, "Sam Lee is head of data.", None),
        (
            {"topic": "Your article on data contracts"},
            "I enjoyed your article on data contracts.",
            None,
        ),
        (
            {"thanks": "The advice on my portfolio"},
            "Thank you for the advice on my portfolio.",
            None,
        ),
        ({"thanks": "Stripe's payments guide"}, "Thank you for Stripe's payments guide.", None),
        # a holiday typed in lower case gets its capital, and keeps it at a seam
        ({"thanks": "christmas this year"}, "Thank you for Christmas this year.", None),
        ({"thanks": "the thanksgiving potluck"}, "Thank you for the Thanksgiving potluck.", None),
        # what cannot be fixed safely is flagged, naming the question and the fix
        ({"context": "she leads the data team"}, None, "'Who is Sam?': 'Sam Lee is she leads"),
        # a note to one person: 'their' with nothing else to mean can only be them
        ({"topic": "their post on hiring"}, "I enjoyed your post on hiring.", None),
        (
            {"topic": "she's been hiring juniors"},
            "I enjoyed you've been hiring juniors",
            "does not read",
        ),
        (
            {"question": "How does your team run critiques?"},
            None,
            "puts a question inside a sentence",
        ),
        ({"thanks": "Lunch!"}, "Thank you for lunch!", None),
        ({"thanks": "Taking the time to meet"}, "Thank you for taking the time to meet.", None),
        ({"thanks": "Data Engineering Weekly"}, "Thank you for Data Engineering Weekly.", None),
        # capitals drafter can read are cased; a word it does not know leaves them, and asks
        ({"thanks": "THE ADVICE ON MY CV"}, "Thank you for the advice on my CV.", None),
        ({"thanks": "THE INTRO TO TESCO"}, None, "is in capitals mid-sentence"),
        ({"sent": "the article I mentioned"}, None, "no link and nothing says it is attached"),
        ({"who": "Nobody"}, None, "nobody to write to"),
        # a company or place in lower case is left as typed ('notion' is a word too): flagged
        (
            {"about_me": "a data engineer at acme"},
            "I'm a data engineer at acme.",
            "'acme': a company or place name in lower case? if it is a name, type it as it is "
            "written",
        ),
        ({"company": "notion"}, None, "'notion': a company or place name in lower case?"),
        ({"company": "bay area"}, None, "'bay area': a name in lower case?"),
        ({"company": "Notion"}, "I'm keen to learn more about Notion.", None),
        ({"day": "whenever suits"}, "Could we talk whenever suits?", None),  # a day, not a name
        ({"company": "a startup in Lisbon"}, "about a startup in Lisbon.", None),
        # a sentence led by a phrase, where a noun phrase belongs
        (
            {"thanks": "alongside your job you mentored me"},
            None,
            "does not read: the answer starts with 'alongside'",
        ),
        # ordinary words after 'at' are no name
        ({"about_me": "a nurse at night"}, "I'm a nurse at night.", None),
        ({"about_me": "a manager at big companies"}, "I'm a manager at big companies.", None),
        ({"about_me": "good at chiptune"}, "I'm good at chiptune.", None),
    ],
)
def test_fit(
    framed: Playbook, answers: dict[str, str], reads: str | None, flag: str | None
) -> None:
    given = {"who": "sam lee", **answers, "me": {"name": "Ana"}}
    outcome = pipeline.run(framed, given)
    failed = [r for r in outcome.checks if not r.ok]
    if reads is not None:
        assert reads in outcome.body
    if flag is None:
        assert failed == [], failed
    else:
        assert [r.id for r in failed] == ["fit"], failed
        assert flag in f"{failed[0].message} {failed[0].fix}"


def test_fit_flags_an_unsigned_email(framed: Playbook) -> None:
    outcome = pipeline.run(framed, {"who": "Sam Lee", "me": {"name": ""}})
    assert [r.message for r in outcome.checks if not r.ok] == [
        "the email has no sign-off: drafter doesn't know your name"
    ]


@pytest.mark.parametrize("channel", ["linkedin-message", "inmail", "linkedin-note"])
def test_fit_leaves_an_unsigned_linkedin_message_alone(channel: str) -> None:
    """LinkedIn shows the sender's name and photo beside every message: one with no sign-off
    reads as it should (an email does not, above)."""
    pb = parse(FRAMED.replace("channel: email", f"channel: {channel}"), Path("framed.yaml"))
    unsigned = pipeline.run(pb, {"who": "Sam Lee", "me": {}})
    assert all(r.ok for r in unsigned.checks), unsigned.checks
    assert "Best," not in unsigned.body  # and no sign-off without a name under it


def test_run_all_reports_every_check_in_order(framed: Playbook) -> None:
    results = pipeline.run(framed, {"who": "Sam Lee", "me": {"name": "Ana"}}).checks
    assert [r.id for r in results] == ["length", "placeholders", "words", "mentions", "fit"]
    assert all(r.ok for r in results)
