"""Checks: pure functions from a draft to results."""

from __future__ import annotations

import pytest

from drafter import channels, checks
from drafter.playbook import Checks
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
    assert missing.message == "does not mention detail"


def test_run_all_reports_every_check_in_order() -> None:
    results = checks.run_all(draft("Hi Ana", "email"), Checks(), {})
    assert [r.id for r in results] == ["length", "placeholders", "words", "mentions"]
    assert all(r.ok for r in results)
