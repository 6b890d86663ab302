"""The filters playbook templates can use: pure functions on text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from drafter import names


def _text(value: Any) -> str:
    """Template values as text: None -> '', anything else str()-ed."""
    return "" if value is None else str(value)


def first_name(full: Any) -> str:
    """What goes after 'Hi ': 'Dr. Elena Petrova' -> 'Elena', 'Petrova, Elena' -> 'Elena'."""
    return names.parse(_text(full)).greeting


def formal_name(full: Any) -> str:
    """What goes after 'Dear ': 'Dr. Priya Shah' -> 'Dr. Shah'; without a title such as Dr.,
    Prof. or Ms., the name `first_name` gives ('Priya Shah' -> 'Priya')."""
    return names.formal_greeting(names.parse(_text(full)))


def full_name(full: Any) -> str:
    """The name in running text and subjects: 'sam lee' -> 'Sam Lee', 'Amara Nwosu, RN' ->
    'Amara Nwosu' (titles and credentials belong in a signature, not in a sentence)."""
    return names.written(names.parse(_text(full)))


def distinct_names(people: Any) -> list[str]:
    """Greetings for several people, told apart: ['Kim Park', 'Kim Nguyen'] -> ['Kim P.', 'Kim N.']."""
    if people is None:
        return []
    if isinstance(people, str) or not isinstance(people, Iterable):
        people = [people]
    return names.distinct_greetings([_text(p) for p in people])


def join_and(items: Any, conjunction: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'; empty items are dropped."""
    if isinstance(items, str):
        items = [items]
    parts = [str(i).strip() for i in (items or []) if str(i).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


_AN_EXCEPTIONS = ("hour", "honest", "honor", "honour", "heir", "herb")
_A_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "ubiq", "ute", "uk")


def a_an(phrase: Any) -> str:
    """Prefix the right indefinite article: 'engineer' -> 'an engineer', 'MBA' -> 'an MBA'."""
    text = str(phrase or "").strip()
    if not text:
        return ""
    word = re.split(r"[\s\-]", text, maxsplit=1)[0]
    lower = word.lower()
    if word.isupper() and len(word) > 1 and word.isalpha():  # an acronym, read letter by letter
        article = "an" if word[0] in "AEFHILMNORSX" else "a"
    elif lower.startswith(_AN_EXCEPTIONS):
        article = "an"
    elif lower.startswith(_A_EXCEPTIONS):
        article = "a"
    else:
        article = "an" if lower[:1] in "aeiou" else "a"
    return f"{article} {text}"


def then(detail: Any) -> str:
    """Time words seen from a later day: 'next month' -> 'the following month' (reported.py)."""
    from drafter import reported

    return reported.then(detail)


def reported_clause(detail: Any) -> str:
    """A clause told back after 'you mentioned that': time and tense shifted (reported.py)."""
    from drafter import reported

    return reported.reported(detail)


FILTERS: dict[str, Callable[..., Any]] = {
    "first_name": first_name,
    "full_name": full_name,
    "formal_name": formal_name,
    "distinct_names": distinct_names,
    "join_and": join_and,
    "a_an": a_an,
    "then": then,
    "reported": reported_clause,
}
