"""The filters playbook templates can use: pure functions on text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord",
    "rev", "revd", "fr", "hon", "sr", "sra", "srta", "herr", "frau", "mme", "mlle", "m",
    "dott", "ing", "capt", "col", "gen", "lt", "sgt", "cmdr", "judge", "rabbi", "imam",
}  # fmt: skip


def first_name(full: Any) -> str:
    """The given name: 'Dr. Elena Petrova' -> 'Elena'; keeps accents, apostrophes, hyphens."""
    words = str(full or "").replace(",", " ").split()
    for word in words:
        if word.rstrip(".").lower() in HONORIFICS and len(words) > 1:
            continue
        return word.strip(".\"'()")
    return ""


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


FILTERS: dict[str, Callable[..., Any]] = {
    "first_name": first_name,
    "join_and": join_and,
    "a_an": a_an,
}
