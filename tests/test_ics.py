"""drafter.ics: the calendar file is read back with the icalendar package, as a calendar app would.

The writer itself uses only the standard library; icalendar is a test dependency.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.ics import Event, calendar
from drafter.text import clean

D = datetime.date
STAMP = datetime.datetime(2026, 11, 24, 19, 30, tzinfo=datetime.timezone.utc)


def read(text: str) -> list[icalendar.Event]:
    """The events of `text`, parsed by icalendar (which unfolds and unescapes)."""
    parsed = icalendar.Calendar.from_ical(text)
    assert isinstance(parsed, icalendar.Calendar)
    return list(parsed.events)


def physical_lines(text: str) -> list[bytes]:
    """The lines of `text` as octets, each checked to end in CRLF (the last one too)."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    return lines


def test_the_calendar_as_written() -> None:
    events = [
        Event("follow-up-12@drafter", D(2026, 12, 1), "Check in with Ana", "From your intro"),
        Event("follow-up-13@drafter", D(2026, 12, 31), "Thank Bea"),
    ]
    assert calendar(events, STAMP) == "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//drafter//follow-ups//EN",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:drafter follow-ups",
            "BEGIN:VEVENT",
            "UID:follow-up-12@drafter",
            "DTSTAMP:20261124T193000Z",
            "DTSTART;VALUE=DATE:20261201",
            "DTEND;VALUE=DATE:20261202",
            "SUMMARY:Check in with Ana",
            "DESCRIPTION:From your intro",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:follow-up-13@drafter",
            "DTSTAMP:20261124T193000Z",
            "DTSTART;VALUE=DATE:20261231",
            "DTEND;VALUE=DATE:20270101",  # the next day, across the year end
            "SUMMARY:Thank Bea",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


def test_no_events_is_still_a_calendar() -> None:
    text = calendar([], STAMP)
    assert read(text) == []
    assert "BEGIN:VEVENT" not in text
    physical_lines(text)


@pytest.mark.parametrize(
    ("stamp", "written"),
    [
        (STAMP, "DTSTAMP:20261124T193000Z"),
        (
            datetime.datetime(
                2026, 3, 29, 3, 30, 15, 999, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
            "DTSTAMP:20260329T013015Z",
        ),
        (
            datetime.datetime(
                2026, 12, 31, 20, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
            ),
            "DTSTAMP:20270101T010000Z",
        ),
    ],
)
def test_the_stamp_is_in_utc(stamp: datetime.datetime, written: str) -> None:
    text = calendar([Event("u@drafter", D(2026, 12, 1), "x")], stamp)
    assert written + "\r\n" in text
    (event,) = read(text)
    assert event.decoded("DTSTAMP") == stamp.replace(microsecond=0)


@pytest.mark.parametrize(
    "day", [D(2026, 12, 1), D(2024, 2, 29), D(2025, 2, 28), D(2026, 12, 31), D(2026, 3, 29)]
)
def test_an_all_day_event_on_its_day(day: datetime.date) -> None:
    (event,) = read(calendar([Event("u@drafter", day, "x")], STAMP))
    assert event.decoded("DTSTART") == day
    assert not isinstance(event.decoded("DTSTART"), datetime.datetime)  # a date, not a time
    assert event.decoded("DTEND") == day + datetime.timedelta(days=1)
    assert event["TRANSP"] == "TRANSPARENT"


NAME_200 = "Maximiliane " * 16 + "Ångström-Øre"  # 204 characters, some of them two octets


@pytest.mark.parametrize(
    ("summary", "description"),
    [
        ("Check in with Ana, Bea; and Cy", "Ask: how was Costa Rica?"),
        ("Backslash \\ and \\n literally", "C:\\Users\\ana; a,b"),
        ("Follow up 🎉 with Zoë 👩🏽‍💻", "Line one\nLine two\n\nLine four, with ; and \\"),
        ("Kim Nguyễn 阮金", "日本語のメモ、長い説明。" * 20),
        (NAME_200, NAME_200 + "\n" + NAME_200),
        ("🙂" * 100, "é" * 200),
        ("a" * 74, "b" * 62),  # lines of exactly 75 octets and one more
        ("tab\there", "tab\tkept\tin a description"),
        ("   spaced   ", "  indented\n  lines  "),
        ("", ""),
    ],
    ids=[
        "commas-semicolons",
        "backslashes",
        "emoji-newlines",
        "cjk",
        "200-characters",
        "multi-octet",
        "75-octets",
        "tabs",
        "spaces",
        "empty",
    ],
)
def test_text_comes_back_exactly(summary: str, description: str) -> None:
    events = [Event("follow-up-1@drafter", D(2026, 12, 1), summary, description)]
    text = calendar(events, STAMP)
    (event,) = read(text)
    assert str(event["UID"]) == "follow-up-1@drafter"
    assert str(event["SUMMARY"]) == summary.replace("\t", " ")  # one line: a tab is a space
    if description:
        assert str(event["DESCRIPTION"]) == description
    else:
        assert "DESCRIPTION" not in event
    for line in physical_lines(text):
        assert len(line) <= 75, line
        line.decode("utf-8")  # no character was split between lines


@pytest.mark.parametrize(
    ("summary", "description", "summary_back", "description_back"),
    [
        (
            "Ana\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned",
            "Bea\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR",
            "Ana END:VEVENT BEGIN:VEVENT SUMMARY:pwned",
            "Bea\nEND:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR",
        ),
        ("Ana\rDTSTART:19700101", "x\rDTEND:19700101", "Ana DTSTART:19700101", "x\nDTEND:19700101"),
        (
            "Ana\nATTACH:http://evil",
            "\nATTACH:http://evil",
            "Ana ATTACH:http://evil",
            "\nATTACH:http://evil",
        ),
        # escapes, NUL, DEL, C1 controls and bidi overrides are removed, not written
        ("\x1b[31mAna\x1b[0m\x00\x7f\x85\u202e", "\x1b]0;title\x07Bea\x9b2J", "Ana", "Bea"),
        # a lone surrogate (undecodable argv bytes) cannot break the UTF-8 file
        ("Ana\udcff", "Bea\udc80", "Ana\ufffd", "Bea\ufffd"),
    ],
    ids=["crlf-end-event", "cr", "lf", "controls", "surrogates"],
)
def test_people_data_cannot_break_the_format(
    summary: str, description: str, summary_back: str, description_back: str
) -> None:
    events = [
        Event("follow-up-1@drafter", D(2026, 12, 1), summary, description),
        Event("follow-up-2@drafter", D(2026, 12, 2), "second"),
    ]
    text = calendar(events, STAMP)
    lines = physical_lines(text)
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 2
    assert lines.count(b"BEGIN:VCALENDAR") == lines.count(b"END:VCALENDAR") == 1
    assert sum(line.startswith(b"SUMMARY:") for line in lines) == 2
    assert sum(line.startswith((b"DTSTART", b"DTEND", b"ATTACH")) for line in lines) == 4
    first, second = read(text)
    assert str(first["SUMMARY"]) == summary_back
    assert str(first["DESCRIPTION"]) == description_back
    assert first.decoded("DTSTART") == D(2026, 12, 1)
    assert str(second["SUMMARY"]) == "second"


def test_the_uid_is_text_too() -> None:
    (event,) = read(calendar([Event("a;b,c\nEND:VEVENT@drafter", D(2026, 1, 1), "x")], STAMP))
    assert str(event["UID"]) == "a;b,c END:VEVENT@drafter"


def test_folding_keeps_escapes_whole() -> None:
    """A fold never falls between a backslash and the character it escapes."""
    text = calendar([Event("u@drafter", D(2026, 1, 1), "," * 100, ";" * 30 + "\n" * 30)], STAMP)
    lines = physical_lines(text)
    assert sum(line.startswith(b" ") for line in lines) == 3  # 208 + 132 octets, folded
    # "SUMMARY:" and 33 escapes is 74 octets: the 34th would have been split at 75
    assert b"SUMMARY:" + b"\\," * 33 in lines
    for line in lines:
        assert (len(line) - len(line.rstrip(b"\\"))) % 2 == 0, line
    (event,) = read(text)
    assert str(event["SUMMARY"]) == "," * 100
    assert str(event["DESCRIPTION"]) == ";" * 30 + "\n" * 30


def events_strategy() -> st.SearchStrategy[Sequence[Event]]:
    """A few events with any text: what people's names and notes might hold."""
    return st.lists(
        st.builds(
            Event,
            uid=st.integers(0, 10**6).map(lambda n: f"follow-up-{n}@drafter"),
            day=st.dates(max_value=D(9999, 12, 30)),
            summary=st.text(max_size=120),
            description=st.text(max_size=300),
        ),
        max_size=4,
    )


@settings(max_examples=150, deadline=None)
@given(events=events_strategy())
def test_any_text_round_trips(events: Sequence[Event]) -> None:
    """Whatever the text, icalendar reads back the cleaned text, on short CRLF lines.

    (hypothesis draws no lone surrogates; test_people_data_cannot_break_the_format has them.)
    """
    text = calendar(events, STAMP)
    for line in physical_lines(text):
        assert len(line) <= 75
        line.decode("utf-8")
    back = read(text)
    assert len(back) == len(events)
    for event, read_back in zip(events, back, strict=True):
        assert str(read_back["UID"]) == event.uid
        assert read_back.decoded("DTSTART") == event.day
        assert str(read_back["SUMMARY"]) == clean(event.summary)
        if event.description:
            assert str(read_back["DESCRIPTION"]) == clean(event.description, multiline=True)
