"""An RFC 5545 (iCalendar) writer for follow-ups: all-day events that calendar apps import.

Standard library only. Summaries and descriptions come from people's data, so every text
value is cleaned (drafter.text.clean: no control characters, no escape sequences) and
escaped; a newline in a description becomes the two characters `\\n`, so nothing in a
value can end its property or start another. Lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character or an escape.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence

import msgspec

from drafter.text import clean

_PIECES = re.compile(r"\\.|.", re.DOTALL)  # an escape or one character: never split
_LIMIT = 75  # octets per physical line, CRLF not counted (RFC 5545 section 3.1)


class Event(msgspec.Struct, frozen=True):
    """One all-day event: `uid` is stable across exports ("follow-up-12@drafter")."""

    uid: str
    day: datetime.date
    summary: str
    description: str = ""


def calendar(events: Sequence[Event], stamp: datetime.datetime) -> str:
    """A VCALENDAR holding `events`, each stamped with `stamp` (the time of the export)."""
    when = stamp.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//drafter//follow-ups//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:drafter follow-ups",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(event.uid)}",
            f"DTSTAMP:{when}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
        ]
        if event.day < datetime.date.max:  # without DTEND, a DATE event is one day anyway
            lines.append(f"DTEND;VALUE=DATE:{_date(event.day + datetime.timedelta(days=1))}")
        lines.append(f"SUMMARY:{_text(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description, multiline=True)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))


def _date(day: datetime.date) -> str:
    """A DATE value: 20261201."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _text(value: str, multiline: bool = False) -> str:
    """A TEXT value: cleaned, then backslash, semicolon, comma and newline escaped."""
    value = clean(value, multiline=multiline)
    # A lone surrogate (undecodable bytes from argv or a file) cannot be written as UTF-8.
    value = re.sub("[\ud800-\udfff]", "\ufffd", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> Iterator[str]:
    """`line` as physical lines of at most 75 octets; continuations start with a space.

    Neither a UTF-8 character nor an escape (`\\,`) is split: readers that unfold
    carelessly still see whole ones.
    """
    room, start, size = _LIMIT, 0, 0
    for piece in _PIECES.finditer(line):
        octets = len(piece[0].encode("utf-8"))
        if size + octets > room:
            yield ("" if start == 0 else " ") + line[start : piece.start()]
            room, start, size = _LIMIT - 1, piece.start(), 0
        size += octets
    yield ("" if start == 0 else " ") + line[start:]
