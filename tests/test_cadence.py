"""drafter.cadence: intervals and cadences as people write them, calendar arithmetic, local dates.

The local dates across DST changes were worked out by hand from each zone's rules (Berlin
UTC+1 -> +2 at 01:00Z on 2026-03-29 and back at 01:00Z on 2026-10-25; New York UTC-5 -> -4
at 07:00Z on 2026-03-08 and back at 06:00Z on 2026-11-01; Auckland UTC+13 -> +12 at 14:00Z
on 2026-04-04 and back at 14:00Z on 2026-09-26; Kolkata UTC+5:30 all year).
"""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.cadence import (
    Cadence,
    CadenceError,
    Interval,
    add,
    due_dates,
    local_date,
    parse_cadence,
    parse_interval,
)
from drafter.errors import UsageError

D = datetime.date
FORM = "write it as 10d, 2w, 3m or 1y"
CADENCE_FORM = "write it as every 2m or every 2m, at most 4m"
DATE_FORM = "write it as 2026-03-29 or 2026-03-29T00:30:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10d", Interval(10, "d")),
        ("2w", Interval(2, "w")),
        ("3m", Interval(3, "m")),
        ("1y", Interval(1, "y")),
        ("2 w", Interval(2, "w")),
        ("2weeks", Interval(2, "w")),
        ("2 weeks", Interval(2, "w")),
        ("1 week", Interval(1, "w")),
        ("3 wks", Interval(3, "w")),
        ("1 month", Interval(1, "m")),
        ("3 mo", Interval(3, "m")),
        ("6 mths", Interval(6, "m")),
        ("a month", Interval(1, "m")),
        ("a week", Interval(1, "w")),
        ("an year", Interval(1, "y")),
        ("one year", Interval(1, "y")),
        ("two weeks", Interval(2, "w")),
        ("twelve months", Interval(12, "m")),
        ("2 yrs", Interval(2, "y")),
        ("5 days", Interval(5, "d")),
        ("month", Interval(1, "m")),
        ("week", Interval(1, "w")),
        ("fortnight", Interval(2, "w")),
        ("a fortnight", Interval(2, "w")),
        ("3 fortnights", Interval(6, "w")),
        ("  3M  ", Interval(3, "m")),
        ("2 WEEKS", Interval(2, "w")),
        ("1\tMonth", Interval(1, "m")),
        ("3653d", Interval(3653, "d")),
        ("521w", Interval(521, "w")),
        ("120m", Interval(120, "m")),
        ("10y", Interval(10, "y")),
        ("007d", Interval(7, "d")),
        pytest.param("0" * 5000 + "7d", Interval(7, "d"), id="5000 zeros then 7d"),
    ],
)
def test_parse_interval_accepts(text: str, expected: Interval) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2x", f"'2x': not an interval; {FORM}"),
        ("", f"'': not an interval; {FORM}"),
        ("   ", f"'': not an interval; {FORM}"),
        ("d", f"'d': not an interval; {FORM}"),
        ("m", f"'m': not an interval; {FORM}"),
        ("months", f"'months': not an interval; {FORM}"),
        ("2", f"'2': not an interval; {FORM}"),
        ("2 hours", f"'2 hours': not an interval; {FORM}"),
        ("30 min", f"'30 min': not an interval; {FORM}"),
        ("some weeks", f"'some weeks': not an interval; {FORM}"),
        ("2w3d", f"'2w3d': not an interval; {FORM}"),
        ("2 w 3 d", f"'2 w 3 d': not an interval; {FORM}"),
        ("+2w", f"'+2w': not an interval; {FORM}"),
        ("aweek", f"'aweek': not an interval; {FORM}"),
        ("0d", f"'0d': an interval is at least 1 day; {FORM}"),
        ("0 weeks", f"'0 weeks': an interval is at least 1 day; {FORM}"),
        ("-2w", f"'-2w': an interval cannot be negative; {FORM}"),
        ("- 3 months", f"'- 3 months': an interval cannot be negative; {FORM}"),
        ("1.5m", f"'1.5m': use a whole number (6w, not 1.5m); {FORM}"),
        ("1,5 months", f"'1,5 months': use a whole number (6w, not 1.5m); {FORM}"),
        (".5y", f"'.5y': use a whole number (6w, not 1.5m); {FORM}"),
        ("1/2m", f"'1/2m': use a whole number (6w, not 1.5m); {FORM}"),
        ("11y", "'11y': more than 10 years; the most is 10y, 120m, 521w or 3653d"),
        ("121m", "'121m': more than 10 years; the most is 10y, 120m, 521w or 3653d"),
        ("522w", "'522w': more than 10 years; the most is 10y, 120m, 521w or 3653d"),
        ("3654 days", "'3654 days': more than 10 years; the most is 10y, 120m, 521w or 3653d"),
        (
            "99999999999999999999d",
            "'99999999999999999999d': more than 10 years; the most is 10y, 120m, 521w or 3653d",
        ),
        pytest.param(
            "9" * 5000 + "d",
            f"'{'9' * 39}…': more than 10 years; the most is 10y, 120m, 521w or 3653d",
            id="5000 digits",
        ),
        # what people pasted is shown cleaned, and cut short
        ("2\x1b[31mx", f"'2x': not an interval; {FORM}"),
        pytest.param("x" * 60, f"'{'x' * 39}…': not an interval; {FORM}", id="60 x"),
    ],
)
def test_parse_interval_rejects(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_interval(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, CadenceError)
    assert caught.value.value == text
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("interval", "short", "words"),
    [
        (Interval(10, "d"), "10d", "10 days"),
        (Interval(1, "d"), "1d", "1 day"),
        (Interval(1, "w"), "1w", "1 week"),
        (Interval(2, "w"), "2w", "2 weeks"),
        (Interval(3, "m"), "3m", "3 months"),
        (Interval(1, "m"), "1m", "1 month"),
        (Interval(1, "y"), "1y", "1 year"),
        (Interval(10, "y"), "10y", "10 years"),
    ],
)
def test_interval_str_and_words(interval: Interval, short: str, words: str) -> None:
    assert str(interval) == short
    assert interval.words() == words
    assert parse_interval(short) == interval
    assert parse_interval(words) == interval


@pytest.mark.parametrize(
    ("count", "unit", "message"),
    [
        (0, "d", f"'0d': an interval is at least 1 day; {FORM}"),
        (-1, "m", f"'-1m': an interval cannot be negative; {FORM}"),
        (2, "x", f"'2x': not an interval; {FORM}"),
        (2, "months", f"'2months': not an interval; {FORM}"),
        (11, "y", "'11y': more than 10 years; the most is 10y, 120m, 521w or 3653d"),
    ],
)
def test_an_interval_cannot_be_made_invalid(count: int, unit: str, message: str) -> None:
    with pytest.raises(CadenceError) as made:
        Interval(count, unit)
    assert str(made.value) == message
    with pytest.raises(CadenceError) as decoded:  # nor read back from stored JSON
        msgspec.json.decode(f'{{"count": {count}, "unit": "{unit}"}}'.encode(), type=Interval)
    assert str(decoded.value) == message


@pytest.mark.parametrize(
    ("text", "every", "at_most"),
    [
        ("2m", Interval(2, "m"), None),
        ("every 2m", Interval(2, "m"), None),
        ("every 2 months", Interval(2, "m"), None),
        ("Every Two Months", Interval(2, "m"), None),
        ("every month", Interval(1, "m"), None),
        ("every fortnight", Interval(2, "w"), None),
        ("monthly", Interval(1, "m"), None),
        ("weekly", Interval(1, "w"), None),
        ("fortnightly", Interval(2, "w"), None),
        ("quarterly", Interval(3, "m"), None),
        ("annually", Interval(1, "y"), None),
        ("every 2m, at most 4m", Interval(2, "m"), Interval(4, "m")),
        ("2m, at most 4m", Interval(2, "m"), Interval(4, "m")),
        ("every 2m at most 4m", Interval(2, "m"), Interval(4, "m")),
        ("every 2m,at most 4m", Interval(2, "m"), Interval(4, "m")),
        ("every 2 months, at most every 4 months", Interval(2, "m"), Interval(4, "m")),
        ("2m/4m", Interval(2, "m"), Interval(4, "m")),
        ("2m / 4m", Interval(2, "m"), Interval(4, "m")),
        ("  EVERY 2M,   AT MOST 4M ", Interval(2, "m"), Interval(4, "m")),
        ("monthly, at most quarterly", Interval(1, "m"), Interval(3, "m")),
        ("every 3 weeks, at most 2 months", Interval(3, "w"), Interval(2, "m")),
        ("every 2m, at most 2m", Interval(2, "m"), Interval(2, "m")),
        # at_most is compared with every by average length (a month is 30.44 days)
        ("every 4w, at most 1m", Interval(4, "w"), Interval(1, "m")),
        ("every 30d, at most 1m", Interval(30, "d"), Interval(1, "m")),
        ("every 12m, at most 1y", Interval(12, "m"), Interval(1, "y")),
        ("every 1y, at most 12m", Interval(1, "y"), Interval(12, "m")),
        ("every 52w, at most 1y", Interval(52, "w"), Interval(1, "y")),
        ("every 365d, at most 1y", Interval(365, "d"), Interval(1, "y")),
    ],
)
def test_parse_cadence_accepts(text: str, every: Interval, at_most: Interval | None) -> None:
    cadence = parse_cadence(text)
    assert cadence == Cadence(every, at_most)
    assert parse_cadence(str(cadence)) == cadence


@pytest.mark.parametrize(
    ("cadence", "text"),
    [
        (Cadence(Interval(2, "m")), "every 2m"),
        (Cadence(Interval(2, "m"), Interval(4, "m")), "every 2m, at most 4m"),
        (Cadence(Interval(10, "d"), Interval(3, "w")), "every 10d, at most 3w"),
    ],
)
def test_cadence_str(cadence: Cadence, text: str) -> None:
    assert str(cadence) == text


SHORTER = "the longer gap comes second, as in every 2m, at most 4m"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"'': not a cadence; {CADENCE_FORM}"),
        ("every", f"'every': not an interval; {CADENCE_FORM}"),
        ("2x", f"'2x': not an interval; {CADENCE_FORM}"),
        ("every 2x", f"'every 2x': '2x': not an interval; {CADENCE_FORM}"),
        ("every 0m", f"'every 0m': '0m': an interval is at least 1 day; {CADENCE_FORM}"),
        ("every 2m, at most 2x", f"'every 2m, at most 2x': '2x': not an interval; {CADENCE_FORM}"),
        (
            "every 2m, at most 11y",
            "'every 2m, at most 11y': '11y': more than 10 years; the most is 10y, 120m, 521w or 3653d",
        ),
        ("every -2m", f"'every -2m': '-2m': an interval cannot be negative; {CADENCE_FORM}"),
        ("every 1.5m", f"'every 1.5m': '1.5m': use a whole number (6w, not 1.5m); {CADENCE_FORM}"),
        ("at most 4m", f"'at most 4m': not a cadence; {CADENCE_FORM}"),
        ("2m/", f"'2m/': not a cadence; {CADENCE_FORM}"),
        ("2m, at most", f"'2m, at most': not a cadence; {CADENCE_FORM}"),
        ("2m/4m/6m", f"'2m/4m/6m': '4m/6m': not an interval; {CADENCE_FORM}"),
        ("every 2m, 4m", f"'every 2m, 4m': '2m, 4m': not an interval; {CADENCE_FORM}"),
        (
            "every 4m, at most 2m",
            f"'every 4m, at most 2m': at most 2m is shorter than every 4m; {SHORTER}",
        ),
        ("4m/2m", f"'4m/2m': at most 2m is shorter than every 4m; {SHORTER}"),
        (
            "every 1m, at most 4w",
            f"'every 1m, at most 4w': at most 4w is shorter than every 1m; {SHORTER}",
        ),
        (
            "every 1m, at most 30d",
            f"'every 1m, at most 30d': at most 30d is shorter than every 1m; {SHORTER}",
        ),
        (
            "every 1y, at most 52w",
            f"'every 1y, at most 52w': at most 52w is shorter than every 1y; {SHORTER}",
        ),
        (
            "every 1y, at most 365d",
            f"'every 1y, at most 365d': at most 365d is shorter than every 1y; {SHORTER}",
        ),
    ],
)
def test_parse_cadence_rejects(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_cadence(text)
    assert str(caught.value) == message


def test_a_cadence_cannot_be_made_backwards() -> None:
    with pytest.raises(CadenceError) as caught:
        Cadence(Interval(4, "m"), Interval(2, "m"))
    assert (
        str(caught.value)
        == f"'every 4m, at most 2m': at most 2m is shorter than every 4m; {SHORTER}"
    )


@pytest.mark.parametrize(
    ("day", "interval", "expected"),
    [
        (D(2024, 1, 31), "1m", D(2024, 2, 29)),
        (D(2025, 1, 31), "1m", D(2025, 2, 28)),
        (D(2025, 1, 31), "2m", D(2025, 3, 31)),  # from the original day: no drift
        (D(2025, 1, 31), "3m", D(2025, 4, 30)),
        (D(2025, 3, 31), "1m", D(2025, 4, 30)),  # the 31st into 30-day months
        (D(2025, 5, 31), "1m", D(2025, 6, 30)),
        (D(2025, 8, 31), "1m", D(2025, 9, 30)),
        (D(2025, 10, 31), "1m", D(2025, 11, 30)),
        (D(2025, 4, 30), "1m", D(2025, 5, 30)),  # the 30th stays the 30th
        (D(2025, 1, 15), "1m", D(2025, 2, 15)),
        (D(2024, 2, 29), "1y", D(2025, 2, 28)),
        (D(2024, 2, 29), "4y", D(2028, 2, 29)),
        (D(2024, 2, 29), "12m", D(2025, 2, 28)),
        (D(2024, 2, 29), "48m", D(2028, 2, 29)),
        (D(2100, 2, 28), "1d", D(2100, 3, 1)),  # 2100 is no leap year
        (D(2096, 2, 29), "4y", D(2100, 2, 28)),
        (D(2000, 2, 29), "10y", D(2010, 2, 28)),
        (D(2025, 12, 31), "1m", D(2026, 1, 31)),  # year ends
        (D(2025, 12, 31), "1d", D(2026, 1, 1)),
        (D(2025, 12, 29), "1w", D(2026, 1, 5)),
        (D(2025, 11, 30), "3m", D(2026, 2, 28)),
        (D(2025, 12, 15), "13m", D(2027, 1, 15)),
        (D(2025, 1, 1), "120m", D(2035, 1, 1)),
        (D(2026, 3, 23), "1w", D(2026, 3, 30)),  # a week across Europe's DST change
        (D(2026, 10, 20), "2w", D(2026, 11, 3)),  # and across both autumn changes
        (D(2026, 2, 1), "30d", D(2026, 3, 3)),
        (D(2026, 2, 1), "3653d", D(2036, 2, 2)),
    ],
)
def test_add(day: datetime.date, interval: str, expected: datetime.date) -> None:
    assert add(day, parse_interval(interval)) == expected


@pytest.mark.parametrize("interval", ["1m", "1y", "1d", "1w"])
def test_add_past_the_last_year_overflows(interval: str) -> None:
    with pytest.raises(OverflowError):
        add(D(9999, 12, 31), parse_interval(interval))


def test_add_a_week_to_a_local_date_across_dst() -> None:
    """A week after a Sunday-evening touch in Berlin is the next Sunday, though the clocks moved.

    Adding 7 x 24 hours to the stored moment instead would land on the Monday (00:30 CEST).
    """
    berlin = ZoneInfo("Europe/Berlin")
    last = local_date("2026-03-22T22:30:00+00:00", berlin)  # 23:30 CET on Sunday the 22nd
    assert last == D(2026, 3, 22)
    assert add(last, parse_interval("1w")) == D(2026, 3, 29)
    moved = datetime.datetime(2026, 3, 22, 22, 30, tzinfo=datetime.timezone.utc)
    assert (moved + datetime.timedelta(weeks=1)).astimezone(berlin).date() == D(2026, 3, 30)


@pytest.mark.parametrize(
    ("last", "cadence", "due", "overdue"),
    [
        (D(2026, 1, 31), "every 1m", D(2026, 2, 28), None),
        (D(2026, 1, 31), "every 2m, at most 4m", D(2026, 3, 31), D(2026, 5, 31)),
        (D(2024, 2, 29), "every 1y, at most 2y", D(2025, 2, 28), D(2026, 2, 28)),
        (D(2026, 3, 10), "every 2w, at most 1m", D(2026, 3, 24), D(2026, 4, 10)),
        # 30 days from 1 February is 3 March, 1 month is 1 March: overdue is never before due
        (D(2026, 2, 1), "every 30d, at most 1m", D(2026, 3, 3), D(2026, 3, 3)),
        (D(2026, 3, 1), "every 30d, at most 1m", D(2026, 3, 31), D(2026, 4, 1)),
        (D(2026, 3, 1), "every 2m, at most 2m", D(2026, 5, 1), D(2026, 5, 1)),
    ],
)
def test_due_dates(
    last: datetime.date, cadence: str, due: datetime.date, overdue: datetime.date | None
) -> None:
    assert due_dates(last, parse_cadence(cadence)) == (due, overdue)


@pytest.mark.parametrize(
    ("zone", "stamp", "expected"),
    [
        ("Europe/Berlin", "2026-03-29T00:30:00+00:00", D(2026, 3, 29)),  # 01:30 CET
        ("Europe/Berlin", "2026-03-28T23:30:00+00:00", D(2026, 3, 29)),  # 00:30 CET
        ("Europe/Berlin", "2026-03-28T22:59:00+00:00", D(2026, 3, 28)),  # 23:59 CET
        ("Europe/Berlin", "2026-03-29T21:59:00+00:00", D(2026, 3, 29)),  # 23:59 CEST
        ("Europe/Berlin", "2026-03-29T22:00:00+00:00", D(2026, 3, 30)),  # 00:00 CEST
        ("Europe/Berlin", "2026-10-24T21:59:00+00:00", D(2026, 10, 24)),  # 23:59 CEST
        ("Europe/Berlin", "2026-10-24T22:00:00+00:00", D(2026, 10, 25)),
        ("Europe/Berlin", "2026-10-25T22:59:00+00:00", D(2026, 10, 25)),  # 23:59 CET
        ("Europe/Berlin", "2026-10-25T23:00:00+00:00", D(2026, 10, 26)),
        ("America/New_York", "2026-03-08T04:59:00+00:00", D(2026, 3, 7)),  # 23:59 EST
        ("America/New_York", "2026-03-08T05:00:00+00:00", D(2026, 3, 8)),
        ("America/New_York", "2026-03-09T03:59:00+00:00", D(2026, 3, 8)),  # 23:59 EDT
        ("America/New_York", "2026-03-09T04:00:00+00:00", D(2026, 3, 9)),
        ("America/New_York", "2026-11-01T03:59:00+00:00", D(2026, 10, 31)),
        ("America/New_York", "2026-11-01T04:00:00+00:00", D(2026, 11, 1)),
        ("America/New_York", "2026-11-02T04:59:00+00:00", D(2026, 11, 1)),  # 23:59 EST
        ("America/New_York", "2026-11-02T05:00:00+00:00", D(2026, 11, 2)),
        ("America/New_York", "2026-03-29T00:30:00+00:00", D(2026, 3, 28)),
        ("Pacific/Auckland", "2026-03-28T10:59:00+00:00", D(2026, 3, 28)),  # 23:59 NZDT
        ("Pacific/Auckland", "2026-03-28T11:00:00+00:00", D(2026, 3, 29)),
        ("Pacific/Auckland", "2026-04-05T11:59:00+00:00", D(2026, 4, 5)),  # 23:59 NZST
        ("Pacific/Auckland", "2026-04-05T12:00:00+00:00", D(2026, 4, 6)),
        ("Pacific/Auckland", "2026-09-26T11:59:00+00:00", D(2026, 9, 26)),
        ("Pacific/Auckland", "2026-09-26T12:00:00+00:00", D(2026, 9, 27)),
        ("Pacific/Auckland", "2026-09-27T10:59:00+00:00", D(2026, 9, 27)),  # 23:59 NZDT
        ("Pacific/Auckland", "2026-09-27T11:00:00+00:00", D(2026, 9, 28)),
        ("Pacific/Auckland", "2026-12-31T11:00:00+00:00", D(2027, 1, 1)),
        ("Asia/Kolkata", "2026-03-28T18:29:59+00:00", D(2026, 3, 28)),
        ("Asia/Kolkata", "2026-03-28T18:30:00+00:00", D(2026, 3, 29)),
        ("Asia/Kolkata", "2026-12-31T18:30:00+00:00", D(2027, 1, 1)),
        # other spellings of the same moment
        ("Europe/Berlin", "2026-03-29T22:00:00Z", D(2026, 3, 30)),
        ("Europe/Berlin", "2026-03-29T22:00z", D(2026, 3, 30)),
        ("Europe/Berlin", "2026-03-30T00:00:00+02:00", D(2026, 3, 30)),
        ("Europe/Berlin", "2026-03-29T16:59:00-05:00", D(2026, 3, 29)),
        ("Europe/Berlin", " 2026-03-29T22:00:00.123456+00:00 ", D(2026, 3, 30)),
        ("Europe/Berlin", "2026-03-29T22:00:00", D(2026, 3, 30)),  # no offset: UTC
        # a bare date is that date, in every zone
        ("America/New_York", "2026-03-29", D(2026, 3, 29)),
        ("Pacific/Auckland", "2026-03-29", D(2026, 3, 29)),
    ],
)
def test_local_date_in_a_zone(zone: str, stamp: str, expected: datetime.date) -> None:
    assert local_date(stamp, ZoneInfo(zone)) == expected


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Set the process's local zone (TZ + time.tzset()); the old one is back afterwards."""
    before = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    try:
        yield use
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.parametrize(
    ("zone", "stamp", "expected"),
    [
        ("Europe/Berlin", "2026-03-28T23:30:00+00:00", D(2026, 3, 29)),
        ("Europe/Berlin", "2026-03-29T21:59:00+00:00", D(2026, 3, 29)),
        ("Europe/Berlin", "2026-03-29T22:00:00+00:00", D(2026, 3, 30)),
        ("America/New_York", "2026-03-29T00:30:00+00:00", D(2026, 3, 28)),
        ("Pacific/Auckland", "2026-03-28T11:00:00+00:00", D(2026, 3, 29)),
        ("Asia/Kolkata", "2026-03-28T18:30:00+00:00", D(2026, 3, 29)),
        # a POSIX rule needs no zone database: US Eastern, as New York above
        ("EST5EDT,M3.2.0,M11.1.0", "2026-03-09T03:59:00+00:00", D(2026, 3, 8)),
        ("EST5EDT,M3.2.0,M11.1.0", "2026-03-09T04:00:00+00:00", D(2026, 3, 9)),
        ("UTC", "2026-03-28T23:30:00+00:00", D(2026, 3, 28)),
    ],
)
def test_local_date_follows_tz(
    local_zone: Callable[[str], None], zone: str, stamp: str, expected: datetime.date
) -> None:
    local_zone(zone)
    assert local_date(stamp) == expected


def test_the_tz_fixture_restores_the_zone(local_zone: Callable[[str], None]) -> None:
    """Guard for the fixture above: one zone, then another, in one test, both honoured."""
    local_zone("Pacific/Auckland")
    assert local_date("2026-03-28T11:00:00+00:00") == D(2026, 3, 29)
    local_zone("America/New_York")
    assert local_date("2026-03-28T11:00:00+00:00") == D(2026, 3, 28)


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        ("garbage", f"'garbage': not a date or time stamp; {DATE_FORM}"),
        ("", f"'': not a date or time stamp; {DATE_FORM}"),
        ("2026-13-01", f"'2026-13-01': not a date or time stamp; {DATE_FORM}"),
        ("2026-02-30", f"'2026-02-30': not a date or time stamp; {DATE_FORM}"),
        ("2026-03-29T25:00", f"'2026-03-29T25:00': not a date or time stamp; {DATE_FORM}"),
        ("29/03/2026", f"'29/03/2026': not a date or time stamp; {DATE_FORM}"),
        (
            "2026-03-29T00:30:00+00:00\x1b]0;x\x07",
            f"'2026-03-29T00:30:00+00:00': not a date or time stamp; {DATE_FORM}",
        ),
        ("0001-01-01T00:00:00+00:00", f"'0001-01-01T00:00:00+00:00': out of range; {DATE_FORM}"),
    ],
)
def test_local_date_rejects(stamp: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        local_date(stamp, ZoneInfo("America/New_York"))
    assert str(caught.value) == message


LONGEST = {"d": 3653, "w": 521, "m": 120, "y": 10}
INTERVALS = st.sampled_from("dwmy").flatmap(
    lambda unit: st.builds(Interval, st.integers(1, LONGEST[unit]), st.just(unit))
)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(max_value=D(9989, 1, 1)), interval=INTERVALS)
def test_add_never_goes_back(day: datetime.date, interval: Interval) -> None:
    later = add(day, interval)
    assert later > day
    if interval.unit in "dw":
        weeks = 1 if interval.unit == "d" else 7
        assert later == day + datetime.timedelta(days=interval.count * weeks)
    else:
        months = interval.count * (12 if interval.unit == "y" else 1)
        assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
        assert later.day == day.day or (
            later.day < day.day and (later + datetime.timedelta(1)).day == 1
        )
    assert parse_interval(str(interval)) == interval
    assert parse_interval(interval.words()) == interval


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parse_interval_takes_any_text(text: str) -> None:
    """Whatever is typed, an Interval comes back or a UsageError saying how to write one."""
    try:
        interval = parse_interval(text)
    except UsageError as error:
        assert "\n" not in str(error) and "\x1b" not in str(error)
        return
    assert parse_interval(str(interval)) == interval


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789dwmy ,/atmosevrAEM-.", max_size=30))
def test_parse_cadence_takes_any_text(text: str) -> None:
    """Cadence-like text: a Cadence that round-trips, or a one-line UsageError quoting it."""
    try:
        cadence = parse_cadence(text)
    except UsageError as error:
        assert str(error).startswith("'")
        assert "\n" not in str(error)
        return
    assert parse_cadence(str(cadence)) == cadence
    due, overdue = due_dates(D(2026, 1, 31), cadence)
    assert overdue is None or overdue >= due
