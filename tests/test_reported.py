"""Reported speech: a remembered detail told back weeks later (drafter.reported)."""

from __future__ import annotations

import pytest

from drafter import reported


@pytest.mark.parametrize(
    ("said", "told_back"),
    [
        ("your trip to Costa Rica next month", "your trip to Costa Rica the following month"),
        ("your daughter starts school tomorrow", "your daughter starts school the next day"),
        ("the launch tomorrow morning", "the launch the next morning"),
        ("the marathon this weekend", "the marathon that weekend"),
        ("your talk Next Week", "your talk the following Week"),
        ("the move in two weeks", "the move two weeks later"),
        ("the offsite in 3 days", "the offsite 3 days later"),
        (
            "your new job, which you started two months ago",
            "your new job, which you started two months before",
        ),
        ("the interview today", "the interview that day"),
        ("your knowledge of Rust", "your knowledge of Rust"),  # 'now' inside a word stays
        ("your trip to Lisbon", "your trip to Lisbon"),
    ],
)
def test_then_moves_time_words_to_the_time_of_telling(said: str, told_back: str) -> None:
    assert reported.then(said) == told_back


@pytest.mark.parametrize(
    ("said", "told_back"),
    [
        ("you're off to Costa Rica next month", "you were off to Costa Rica the following month"),
        ("your team is hiring now", "your team was hiring then"),
        ("you'll be speaking at PyCon this year", "you would be speaking at PyCon that year"),
        ("you have a big launch next week", "you had a big launch the following week"),
        ("you can't wait for the trip", "you couldn't wait for the trip"),
        ("you don't know yet if you'll stay", "you didn't know yet if you would stay"),
        ("your kids are starting school", "your kids were starting school"),
    ],
)
def test_reported_steps_the_clause_back(said: str, told_back: str) -> None:
    assert reported.reported(said) == told_back


def test_nothing_to_shift_is_left_as_it_was() -> None:
    assert reported.reported("") == ""
    assert reported.then(None) == ""
    assert reported.reported("your move to Denver") == "your move to Denver"


@pytest.mark.parametrize(
    ("said", "told_back"),
    [
        # a capitalised time word before another capitalised word is part of a name
        ("your client Now Foods is growing", "your client Now Foods was growing"),
        # at the start of a sentence the capital is the sentence's
        ("Next week Sam is visiting", "the following week Sam was visiting"),
        ("you were sure. Tomorrow Kim flies out", "you were sure. The next day Kim flies out"),
        ("your slot on the Today Show", "your slot on the Today Show"),
        ("your talk at Now Conference next week", "your talk at Now Conference the following week"),
        ("Tomorrow I fly out", "the next day I fly out"),
        # 'can' and 'will' after an article or a possessive are nouns
        ("you have a can opener", "you had a can opener"),
        ("your will is strong", "your will was strong"),
        ("you will join the team", "you would join the team"),
        # what someone said in quotes is told back in their words
        ('your boss said "it is fine" today', 'your boss said "it is fine" that day'),
        ("you\u2019re on \u201cNow\u201d this week", "you were on \u201cNow\u201d that week"),
        ("you\u2019ve moved, you can\u2019t wait", "you\u2019d moved, you couldn\u2019t wait"),
    ],
)
def test_reported_leaves_names_nouns_and_quotes_alone(said: str, told_back: str) -> None:
    assert reported.reported(said) == told_back


@pytest.mark.parametrize(
    ("detail", "line"),
    [
        # what follows the comma becomes a sentence of its own: it was told back in the present
        (
            "your trip to Lisbon, it is next week",
            "Last time we spoke, you were looking forward to your trip to Lisbon. It was the "
            "following week. How did it go?",
        ),
        (
            "running the Berlin marathon, it is sold out",
            "Last time we spoke, you mentioned you were running the Berlin marathon. It was sold "
            "out. How did it go?",
        ),
    ],
)
def test_check_in_tells_back_the_whole_event_in_the_past(detail: str, line: str) -> None:
    from drafter import pipeline
    from drafter.library import builtin
    from drafter.playbook import load

    library = builtin()
    pb = load(library.path_of("check-in"), library)
    given = {"recipient_name": "Kim Lee", "detail": detail, "me": {"name": "Ana"}}
    outcome = pipeline.run(pb, given, variant="brief")
    assert outcome.body.split("\n")[2] == line


@pytest.mark.parametrize(
    ("said", "told_back"),
    [
        ("your trip in the next month", "your trip in the following month"),  # was 'the the'
        ("your holiday the last week of June", "your holiday the last week of June"),
        ("your growth over the last year", "your growth over the last year"),
        ("your slot on the Today programme", "your slot on the Today programme"),
        ("your trip next month", "your trip the following month"),
    ],
)
def test_a_time_word_after_the_is_part_of_a_noun(said: str, told_back: str) -> None:
    assert reported.then(said) == told_back
