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

# After 'the', a time word is part of a noun: 'the last week of June', 'the Today programme'.
_NOT_THE = r"(?<!\bthe )"

# (pattern, replacement): whole words, case-insensitive; the longest first.
_TIME = [
    (re.compile(r"\bthe day after tomorrow\b", re.I), "two days later"),
    (re.compile(rf"{_NOT_THE}\btomorrow (morning|afternoon|evening|night)\b", re.I), r"the next \1"),
    (re.compile(rf"{_NOT_THE}\btomorrow\b", re.I), "the next day"),
    (re.compile(rf"{_NOT_THE}\byesterday\b", re.I), "the day before"),
    (re.compile(rf"{_NOT_THE}\btonight\b", re.I), "that night"),
    (re.compile(rf"{_NOT_THE}\btoday\b", re.I), "that day"),
    (re.compile(rf"\b(?:the )?next ({_UNITS})\b", re.I), r"the following \1"),
    (re.compile(rf"{_NOT_THE}\blast ({_UNITS})\b", re.I), r"the \1 before"),
    (re.compile(rf"\bthis ({_UNITS}|morning|afternoon|evening)\b", re.I), r"that \1"),
    (re.compile(r"\bin (a|one|two|three|four|five|six|a few|a couple of|\d+) (days?|weeks?|months?)\b", re.I),
     r"\1 \2 later"),
    (re.compile(rf"{_NOT_THE}\b(right )?now\b", re.I), "then"),
    (re.compile(r"\bago\b", re.I), "before"),
]  # fmt: skip

# 'a can of paint', 'her will': after these, 'can' and 'will' are nouns, not verbs to step back.
_NOT_A_NOUN = "".join(
    rf"(?<!\b{word} )" for word in "a the my your his her our their its free".split()
)

# The finite verbs a clause's tense shows in, stepped back. Contractions first, with the
# apostrophe as typed (a phone types \u2019).
_TENSE = [
    (re.compile(r"\b(you|we|they)['\u2019]re\b", re.I), r"\1 were"),
    (re.compile(r"\b(I)['\u2019]m\b"), r"\1 was"),
    (re.compile(r"\b(you|we|they|I)(['\u2019])ve\b", re.I), r"\1\2d"),
    (re.compile(r"\b(you|we|they|I|he|she|it)['\u2019]ll\b", re.I), r"\1 would"),
    (re.compile(r"\b(he|she|it|that|there)['\u2019]s\b", re.I), r"\1 was"),
    (re.compile(r"\bisn(['\u2019])t\b", re.I), r"wasn\1t"),
    (re.compile(r"\baren(['\u2019])t\b", re.I), r"weren\1t"),
    (re.compile(r"\bwon(['\u2019])t\b", re.I), r"wouldn\1t"),
    (re.compile(r"\bcan(['\u2019])t\b", re.I), r"couldn\1t"),
    (re.compile(r"\b(?:doesn|don)(['\u2019])t\b", re.I), r"didn\1t"),
    (re.compile(r"\bam\b"), "was"),
    (re.compile(r"\bis\b"), "was"),
    (re.compile(r"\bare\b"), "were"),
    (re.compile(r"\bhas\b"), "had"),
    (re.compile(r"\bhave\b"), "had"),
    (re.compile(rf"{_NOT_A_NOUN}\bwill\b"), "would"),
    (re.compile(rf"{_NOT_A_NOUN}\bcan\b"), "could"),
]


# A capitalised time word before another capitalised word, within a sentence, is part of a
# name: 'at Now Foods', 'the Today Show', 'Now Conference' (not 'your talk Next Week').
_NAME_AFTER = re.compile(r"\s+(?!I\b)[A-Z]")
# ... but at the start of a sentence the capital is the sentence's: 'Next week Sam is visiting'.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;])\s*$")

# What someone said in quotes is told back in their words: '"it is fine"' stays.
_QUOTED = re.compile(r"(\"[^\"]*\"|\u201c[^\u201d]*\u201d)")


def _shift(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    parts = _QUOTED.split(text)
    for i in range(0, len(parts), 2):  # the even parts are outside quotes
        for pattern, replacement in rules:
            parts[i] = pattern.sub(_unless_name(parts[i], replacement), parts[i])
    return "".join(parts)


def _unless_name(text: str, replacement: str) -> Any:
    def sub(m: re.Match[str]) -> str:
        if (
            m.group()[0].isupper()
            and _NAME_AFTER.match(text, m.end())
            and not _SENTENCE_START.search(text[: m.start()])
        ):
            return m.group()
        shifted = m.expand(replacement)
        before = text[: m.start()]
        if m.group()[0].isupper() and before.strip() and _SENTENCE_START.search(before):
            # '… sure. The next day …' (at the very start it follows 'you mentioned that')
            return shifted[:1].upper() + shifted[1:]
        return shifted

    return sub


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
