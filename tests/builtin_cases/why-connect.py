"""why-connect: its public interface, greeting and realistic long answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "why-connect"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "linkedin-message",
    {
        "recipient_name": (True, "name", None, None),
        "context": (False, "text", None, None),
        "offer": (False, "text", None, None),
        "suggest_call": (False, "confirm", None, False),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Dr. Elena Petrova-Sokolova",
    "context": "your talk on making checkout flows work with screen readers",
    "offer": "share the notes from the accessibility audit we ran last spring",
}
