"""intro-permission: the double opt-in ask before an introduction (see tests/test_builtins.py)."""

from __future__ import annotations

from typing import Any

ID = "intro-permission"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "linkedin-message",
    {
        "recipient_name": (True, "name", None, None),
        "other_name": (True, "name", None, None),
        "other_context": (True, "text", None, None),
        "why_meet": (True, "text", None, None),
        "how_i_know_other": (False, "text", None, None),
        "whose_idea": (False, "choice", ["mine", "theirs"], "mine"),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, Any] = {
    "recipient_name": "Dr. Elena Petrova-Sokolova",
    "other_name": "Maximilian Fernandez-Ruiz",
    "other_context": "a freelance developer who builds booking systems for small practices",
    "why_meet": "Max has built the scheduling tool your clinic keeps asking for, three times over",
    "how_i_know_other": "we volunteered together at the Lisbon Python user group for two years",
}
