"""intro-follow-up: a week after an introduction, to both people (see tests/test_builtins.py)."""

from __future__ import annotations

from typing import Any

ID = "intro-follow-up"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "email",
    {
        "person_a_name": (True, "name", None, None),
        "person_b_name": (True, "name", None, None),
        "asked_outcome": (False, "confirm", None, True),
        "note": (False, "text", None, None),
        "topic": (False, "text", None, None),
        "person_a_email": (False, "email", None, None),
        "person_b_email": (False, "email", None, None),
    },
)

GREETED = ["person_a_name", "person_b_name"]

REALISTIC: dict[str, Any] = {
    "person_a_name": "Dr. Elena Petrova-Sokolova",
    "person_a_email": "elena@clinic.example",
    "person_b_name": "Maximilian Fernandez-Ruiz",
    "person_b_email": "max@fernandez-ruiz.example",
    "topic": "the scheduling tool Elena's clinic has been trying to build since the spring",
    "note": "Max, if the prototype needs a second pair of eyes, I'm around next week",
}
