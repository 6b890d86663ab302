"""Intervals ("2w", "3 months"), keep-in-touch cadences ("every 2m, at most 4m") and dates.

Pure calendar arithmetic for follow-ups: no clock, no database. An interval counts whole
days, weeks, months or years ("m" is always months: minutes make no sense for keeping in
touch), from 1 day up to 10 years. Months and years keep the day of the month, clamped to
the month's last day, and are always counted from the original day, so that 31 January
plus two months is 31 March, not 28 March.
"""

from __future__ import annotations

import calendar
import datetime
import re

import msgspec

from drafter.errors import UsageError
from drafter.text import clean

_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}
# Every spelling people use for a unit; looked up after lower-casing.
_UNIT_WORDS = {
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
    **dict.fromkeys(("m", "mo", "mos", "mon", "mth", "mths", "month", "months"), "m"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "y"),
}
# "fortnight" is a unit of two weeks; "2 fortnights" is 4w.
_FORTNIGHT = ("fortnight", "fortnights")
_SINGULAR = ("day", "week", "month", "year", "fortnight")
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# The longest interval per unit: 10 years (3,653 days holds the three leap days ten years
# can have; 521 weeks is the most whole weeks that fit in 3,653 days).
_LONGEST = {"d": 3653, "w": 521, "m": 120, "y": 10}
# Average lengths in 1/4800ths of a day over the 400-year Gregorian cycle (146,097 days,
# 4,800 months): a month is 30.436875 days, a year 365.2425. Integers keep it exact.
_WEIGHT = {"d": 4800, "w": 7 * 4800, "m": 146097, "y": 146097 * 12}
# Cadence adjectives, as in "monthly, at most quarterly".
_ADJECTIVES = {
    "daily": (1, "d"),
    "weekly": (1, "w"),
    "fortnightly": (2, "w"),
    "monthly": (1, "m"),
    "quarterly": (3, "m"),
    "yearly": (1, "y"),
    "annually": (1, "y"),
}

_TOO_LONG = "more than 10 years; the most is 10y, 120m, 521w or 3653d"
_INTERVAL_FORM = "write it as 10d, 2w, 3m or 1y"
_CADENCE_FORM = "write it as every 2m or every 2m, at most 4m"
_DATE_FORM = "write it as 2026-03-29 or 2026-03-29T00:30:00+00:00"

# "2w", "2 weeks", "two weeks", "a week"; or a unit alone: "week", "fortnight".
_INTERVAL = re.compile(
    r"(?:(?P<count>\d+)\s*|(?P<word>[a-z]+)\s+)(?P<unit>[a-z]+)|(?P<bare>[a-z]+)"
)
_SEPARATOR = re.compile(r"(?P<every>.*?)(?:\s*,?\s*\bat\s+most\b\s*|\s*/\s*)(?P<most>.*)")


class CadenceError(UsageError):
    """An interval, cadence or date as written cannot be read: `value` is the text as given,
    `reason` what is wrong with it (ending in the form to write instead)."""

    def __init__(self, value: str, reason: str):
        self.value = value
        self.reason = reason
        super().__init__(f"{_quote(value)}: {reason}")


def _quote(value: str) -> str:
    """The input as it may be shown: cleaned, and cut short when long."""
    shown = clean(value).strip()
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f"'{shown}'"


def _problem(count: int, unit: str) -> str | None:
    """What is wrong with `count` of `unit` as an interval, or None."""
    if unit not in _UNITS:
        return "not an interval"
    if count < 0:
        return "an interval cannot be negative"
    if count == 0:
        return "an interval is at least 1 day"
    if count > _LONGEST[unit]:
        return _TOO_LONG
    return None


def _with_form(reason: str, form: str) -> str:
    """`reason`, then how to write it, unless the reason already says what is allowed."""
    return reason if reason.endswith(_TOO_LONG) else f"{reason}; {form}"


class Interval(msgspec.Struct, frozen=True):
    """A whole number of days, weeks, months or years, from 1d up to 10y."""

    count: int
    unit: str  # "d", "w", "m" or "y"

    def __post_init__(self) -> None:
        """Refuse an interval that parse_interval would refuse, however it is made."""
        problem = _problem(self.count, self.unit)
        if problem is not None:
            raise CadenceError(f"{self.count}{self.unit}", _with_form(problem, _INTERVAL_FORM))

    def __str__(self) -> str:
        """The short form, which parse_interval reads back: "10d", "2w", "3m", "1y"."""
        return f"{self.count}{self.unit}"

    def words(self) -> str:
        """The interval in words: "10 days", "1 week", "3 months", "1 year"."""
        noun = _UNITS[self.unit]
        return f"{self.count} {noun}" if self.count == 1 else f"{self.count} {noun}s"


def parse_interval(text: str) -> Interval:
    """Read an interval as people write it: "10d", "2 w", "2weeks", "a month", "3 mo", "1Y"."""
    parsed = _interval(text)
    if isinstance(parsed, str):
        raise CadenceError(text, _with_form(parsed, _INTERVAL_FORM))
    return parsed


def _interval(text: str) -> Interval | str:
    """The interval `text` spells, or why it is not one."""
    words = " ".join(text.lower().split())
    if re.fullmatch(r"[-+]?\s*\d*[.,/]\d+\s*[a-z]*|[-+]?\s*\d+[.,/]\d*\s*[a-z]*", words):
        return "use a whole number (6w, not 1.5m)"
    if re.match(r"-\s*\d", words):
        return "an interval cannot be negative"
    match = _INTERVAL.fullmatch(words)
    if match is None:
        return "not an interval"
    if match["bare"] is not None:
        # One of them, when written out: "week", "fortnight"; a lone "m" or "months" is
        # more likely a slip.
        if match["bare"] not in _SINGULAR:
            return "not an interval"
        count, unit_word = 1, match["bare"]
    elif match["count"] is not None:
        # a number too long to be under 10 years: int() refuses past 4,300 digits
        digits = match["count"].lstrip("0") or "0"
        count, unit_word = (int(digits) if len(digits) < 6 else 10**6), match["unit"]
    elif match["word"] in _NUMBER_WORDS:
        count, unit_word = _NUMBER_WORDS[match["word"]], match["unit"]
    else:
        return "not an interval"
    if unit_word in _FORTNIGHT:
        count, unit = 2 * count, "w"
    elif unit_word in _UNIT_WORDS:
        unit = _UNIT_WORDS[unit_word]
    else:
        return "not an interval"
    problem = _problem(count, unit)
    return problem if problem is not None else Interval(count, unit)


def add(day: datetime.date, interval: Interval) -> datetime.date:
    """`day` plus `interval`: months and years keep the day of month, clamped to the month's end.

    Raises OverflowError past the year 9999, as date arithmetic does.
    """
    if interval.unit == "d":
        return day + datetime.timedelta(days=interval.count)
    if interval.unit == "w":
        return day + datetime.timedelta(weeks=interval.count)
    months = interval.count * (12 if interval.unit == "y" else 1)
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > datetime.MAXYEAR:
        raise OverflowError("date value out of range")
    last = calendar.monthrange(year, month0 + 1)[1]
    return datetime.date(year, month0 + 1, min(day.day, last))


class Cadence(msgspec.Struct, frozen=True):
    """How often to be in touch: ideally `every`, and never longer apart than `at_most`."""

    every: Interval
    at_most: Interval | None = None

    def __post_init__(self) -> None:
        """Refuse an `at_most` shorter than `every`, however the cadence is made."""
        problem = None if self.at_most is None else _order_problem(self.every, self.at_most)
        if problem is not None:
            raise CadenceError(str(self), problem)

    def __str__(self) -> str:
        """ "every 2m" or "every 2m, at most 4m", which parse_cadence reads back."""
        if self.at_most is None:
            return f"every {self.every}"
        return f"every {self.every}, at most {self.at_most}"


def parse_cadence(text: str) -> Cadence:
    """Read a cadence: "2m", "every 2 months", "monthly", "every 2m, at most 4m", "2m/4m".

    `at_most` may not be shorter than `every`, comparing average lengths (a month is
    30.44 days, a year 365.24): "every 4w, at most 1m" is accepted, "every 1m, at most
    4w" is not, and 12m equals 1y.
    """
    words = " ".join(text.lower().split())
    split = _SEPARATOR.fullmatch(words)
    sides = (split["every"], split["most"]) if split else (words, None)
    every = _side(text, words, sides[0])
    if sides[1] is None:
        return Cadence(every)
    at_most = _side(text, words, sides[1])
    problem = _order_problem(every, at_most)
    if problem is not None:
        raise CadenceError(text, problem)
    return Cadence(every, at_most)


def _side(text: str, words: str, side: str) -> Interval:
    """One interval of a cadence ("every 2m", "monthly"); errors quote the whole cadence."""
    side = side.removeprefix("every ").strip()
    if side in _ADJECTIVES:
        return Interval(*_ADJECTIVES[side])
    parsed = _interval(side) if side else "not a cadence"
    if isinstance(parsed, str):
        # name the part at fault when there is more than one
        reason = parsed if side in ("", words) else f"{_quote(side)}: {parsed}"
        raise CadenceError(text, _with_form(reason, _CADENCE_FORM))
    return parsed


def _order_problem(every: Interval, at_most: Interval) -> str | None:
    """Why `at_most` cannot go with `every` (it is shorter on average), or None."""
    if at_most.count * _WEIGHT[at_most.unit] >= every.count * _WEIGHT[every.unit]:
        return None
    return (
        f"at most {at_most} is shorter than every {every}; the longer gap comes second,"
        " as in every 2m, at most 4m"
    )


def local_date(stamp: str, tz: datetime.tzinfo | None = None) -> datetime.date:
    """The date a stored time stamp falls on in the user's zone (`tz`, else the local zone).

    A stamp without an offset is taken as UTC, as drafter stores them; a bare date
    ("2026-03-29") is that date.
    """
    text = stamp.strip()
    try:  # a date alone is a day, not a moment at midnight UTC
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:  # Python 3.10's fromisoformat knows no "Z"
        moment = datetime.datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        return moment.astimezone(tz).date()
    except ValueError:
        raise CadenceError(stamp, f"not a date or time stamp; {_DATE_FORM}") from None
    except OverflowError:  # 0001-01-01T00:00Z is still in year 0 in New York
        raise CadenceError(stamp, f"out of range; {_DATE_FORM}") from None


def due_dates(last: datetime.date, cadence: Cadence) -> tuple[datetime.date, datetime.date | None]:
    """(the day a contact last touched on `last` is due, the day after which it is overdue).

    The second is None without `at_most`, and never earlier than the first (every 30d,
    at most 1m from 1 February would otherwise be overdue before it is due).
    """
    due = add(last, cadence.every)
    if cadence.at_most is None:
        return due, None
    return due, max(due, add(last, cadence.at_most))
