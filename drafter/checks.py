"""Checks on a draft: pure functions from a Draft (and the playbook's rules) to results."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import msgspec

from drafter import channels
from drafter.playbook import Checks
from drafter.render import Draft


class CheckResult(msgspec.Struct, frozen=True):
    id: str
    ok: bool
    message: str


_PLACEHOLDERS = [
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template braces"),
    (re.compile(r"\[\s*[A-Z][A-Za-z .'_-]{0,30}\]"), "a bracketed placeholder"),
    (
        re.compile(r"<\s*(?:name|first name|company|insert[^>]*)\s*>", re.I),
        "an angle-bracket placeholder",
    ),
    (re.compile(r"\bNone\b"), "'None'"),
    (re.compile(r"\bTODO\b|\bTBD\b|\bXXX\b"), "a TODO marker"),
]


def length(draft: Draft) -> CheckResult:
    lim = draft.limits
    used = channels.count_chars(draft.body)
    label = channels.LABELS[draft.channel]
    if lim.body is None:
        msg = f"{used:,} characters (no limit for {label})"
        ok = True
    else:
        ok = used <= lim.body
        over = "" if ok else f", {used - lim.body:,} over"
        msg = f"{used:,}/{lim.body:,} characters ({label}{over})"
    if draft.subject is not None and lim.subject is not None:
        sub = channels.count_chars(draft.subject)
        if sub > lim.subject:
            ok = False
            msg += f"; subject {sub:,}/{lim.subject:,} characters, {sub - lim.subject:,} over"
    return CheckResult("length", ok, msg)


def placeholders(draft: Draft) -> CheckResult:
    text = draft.text()
    for pattern, what in _PLACEHOLDERS:
        found = pattern.search(text)
        if found:
            return CheckResult("placeholders", False, f"leftover {what}: {found.group(0)!r}")
    return CheckResult("placeholders", True, "no leftover placeholders")


def words(draft: Draft, rules: Checks) -> CheckResult:
    n = channels.count_words(draft.body)
    if rules.max_words is None:
        return CheckResult("words", True, f"{n} words")
    ok = n <= rules.max_words
    return CheckResult("words", ok, f"{n}/{rules.max_words} words" + ("" if ok else ", too long"))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def mentions(draft: Draft, rules: Checks, answers: Mapping[str, Any]) -> CheckResult:
    wanted = [n for n in rules.must_mention if _as_text(answers.get(n))]
    if not wanted:
        return CheckResult("mentions", True, "nothing required")
    text = _fold(draft.text())
    missing = [n for n in wanted if _fold(_as_text(answers.get(n))) not in text]
    if missing:
        return CheckResult("mentions", False, f"does not mention {', '.join(missing)}")
    return CheckResult("mentions", True, f"mentions {', '.join(wanted)}")


def _as_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return ""  # lists are rendered in template-specific ways; not checked verbatim
    return str(value).strip().rstrip(".!?")


def run_all(draft: Draft, rules: Checks, answers: Mapping[str, Any]) -> list[CheckResult]:
    """Every check, in a fixed order: length, placeholders, words, mentions."""
    return [
        length(draft),
        placeholders(draft),
        words(draft, rules),
        mentions(draft, rules, answers),
    ]
