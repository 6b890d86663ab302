"""What someone told you, told back later: reported speech's shifts of time and tense.

A remembered detail is written as it was said ("she's off to Costa Rica next month"); a
check-in weeks later says it back ("When we last spoke, you mentioned that …"), where "next
month" and "you're" are wrong. Two filters apply the textbook shifts, and only those: they
never guess a date or rewrite a verb they do not know.

- `then`: time words move to the time of telling ("next month" -> "the following month",
  "tomorrow" -> "the next day", "this weekend" -> "that weekend"). Safe in any frame.
- `reported`: `then`, and the verbs of a clause step back ("you're" -> "you were", "is" ->
  "was", "will" -> "would", "has" -> "had"). For a clause after "you mentioned that".
"""

from __future__ import annotations

import re
from typing import Any

from drafter import marks

_UNITS = (
    r"(?:week|month|year|weekend|term|semester|quarter|season|spring|summer|autumn|fall|winter)"
)

# (pattern, replacement): whole words, case-insensitive; the longest first.
_TIME = [
    (re.compile(r"\bthe day after tomorrow\b", re.I), "two days later"),
    (re.compile(r"\btomorrow (morning|afternoon|evening|night)\b", re.I), r"the next \1"),
    (re.compile(r"\btomorrow\b", re.I), "the next day"),
    (re.compile(r"\byesterday\b", re.I), "the day before"),
    (re.compile(r"\btonight\b", re.I), "that night"),
    (re.compile(r"\btoday\b", re.I), "that day"),
    (re.compile(rf"\bnext ({_UNITS})\b", re.I), r"the following \1"),
    (re.compile(rf"\blast ({_UNITS})\b", re.I), r"the \1 before"),
    (re.compile(rf"\bthis ({_UNITS}|morning|afternoon|evening)\b", re.I), r"that \1"),
    (re.compile(r"\bin (a|one|two|three|four|five|six|a few|a couple of|\d+) (days?|weeks?|months?)\b", re.I),
     r"\1 \2 later"),
    (re.compile(r"\b(right )?now\b", re.I), "then"),
    (re.compile(r"\bago\b", re.I), "before"),
]  # fmt: skip

# The finite verbs a clause's tense shows in, stepped back. Contractions first.
_TENSE = [
    (re.compile(r"\b(you|we|they)'re\b", re.I), r"\1 were"),
    (re.compile(r"\b(I)'m\b"), r"\1 was"),
    (re.compile(r"\b(you|we|they|I)'ve\b", re.I), r"\1'd"),
    (re.compile(r"\b(you|we|they|I|he|she|it)'ll\b", re.I), r"\1 would"),
    (re.compile(r"\b(he|she|it|that|there)'s\b", re.I), r"\1 was"),
    (re.compile(r"\bisn't\b", re.I), "wasn't"),
    (re.compile(r"\baren't\b", re.I), "weren't"),
    (re.compile(r"\bwon't\b", re.I), "wouldn't"),
    (re.compile(r"\bcan't\b", re.I), "couldn't"),
    (re.compile(r"\b(doesn't|don't)\b", re.I), "didn't"),
    (re.compile(r"\bam\b"), "was"),
    (re.compile(r"\bis\b"), "was"),
    (re.compile(r"\bare\b"), "were"),
    (re.compile(r"\bhas\b"), "had"),
    (re.compile(r"\bhave\b"), "had"),
    (re.compile(r"\bwill\b"), "would"),
    (re.compile(r"\bcan\b"), "could"),
]


def _shift(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def then(detail: Any) -> str:
    """`detail` with its time words as seen from a later day: 'your trip to Costa Rica next
    month' -> 'your trip to Costa Rica the following month'."""
    text = "" if detail is None else str(detail)
    return marks.carry(detail, _shift(text, _TIME))


def reported(detail: Any) -> str:
    """`detail` told back as a clause after 'you mentioned that': time words shifted, and
    be, have, will and can stepped back ("you're off to Costa Rica next month" -> "you were
    off to Costa Rica the following month"). Other verbs keep their tense."""
    text = "" if detail is None else str(detail)
    return marks.carry(detail, _shift(_shift(text, _TIME), _TENSE))
