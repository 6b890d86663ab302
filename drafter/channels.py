"""Channels and their limits (characters counted as code points after NFC)."""

from __future__ import annotations

import unicodedata

import msgspec


class Limits(msgspec.Struct, frozen=True):
    """Character limits of a channel; None means no limit."""

    body: int | None
    subject: int | None = None
    has_subject: bool = False


NOTE_FREE = 200  # LinkedIn's free-account invitation note
NOTE_PREMIUM = 300

_LIMITS = {
    "linkedin-message": Limits(body=8000),
    "inmail": Limits(body=1900, subject=200, has_subject=True),
    "email": Limits(body=None, has_subject=True),
}

LABELS = {
    "linkedin-note": "LinkedIn invitation note",
    "linkedin-message": "LinkedIn message",
    "inmail": "LinkedIn InMail",
    "email": "email",
}


def limits(channel: str, linkedin_account: str = "free") -> Limits:
    """The limits of `channel` for a sender with the given LinkedIn account type."""
    if channel == "linkedin-note":
        return Limits(body=NOTE_PREMIUM if linkedin_account == "premium" else NOTE_FREE)
    return _LIMITS[channel]


def count_chars(text: str) -> int:
    """Characters as LinkedIn counts them: code points after NFC normalisation."""
    return len(unicodedata.normalize("NFC", text))


def count_words(text: str) -> int:
    return len(text.split())
