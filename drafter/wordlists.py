"""Look-ups in drafter._words' sorted lists, by binary search over the text itself.

Building a set or a dict of ten thousand words costs a few milliseconds on every run; a
binary search over the sorted text costs nothing to set up and microseconds a word.
"""

from __future__ import annotations

import functools


def _entry(text: str, sep: str, word: str) -> str | None:
    """The entry of `text` (sorted entries, each between two `sep`) whose first word is `word`."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind(sep, 0, mid) + 1
        end = text.find(sep, mid)
        if end < 0:
            end = len(text)
        entry = text[start:end]
        if not entry:  # at a separator with nothing before it: look right
            lo = end + 1
            continue
        key = entry.split(" ", 1)[0] if sep != " " else entry
        if key == word:
            return entry
        if key < word:
            lo = end + 1
        else:
            hi = start
    return None


@functools.lru_cache(maxsize=4096)  # a batch asks about the same words row after row
def proper(word: str) -> str | None:
    """How English writes `word` when it is only ever written with a capital ('Lisbon')."""
    from drafter._words import PROPER

    entry = _entry(PROPER, "\n", word)
    return entry.split(" ", 1)[1] if entry else None


@functools.lru_cache(maxsize=4096)
def can_be_verb(word: str) -> bool:
    """Whether the lists have a past tense for `word` ('struggle', 'churn')."""
    from drafter._words import VERBS

    return _entry(VERBS, " ", word) is not None


@functools.lru_cache(maxsize=4096)
def common(word: str) -> bool:
    """Whether the lists have `word` in lower case: an ordinary English word ('landscape')."""
    from drafter._common_words import COMMON

    return _entry(COMMON, " ", word) is not None


@functools.lru_cache(maxsize=4096)
def also_a_name(word: str) -> bool:
    """Whether the lists have `word` capitalised too, as a name ('mark', 'rose', 'apple')."""
    from drafter._common_words import NAMES_TOO

    return _entry(NAMES_TOO, " ", word) is not None
