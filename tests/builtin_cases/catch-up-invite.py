"""catch-up-invite: its public interface, whose name the greeting carries, realistic answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "catch-up-invite"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "linkedin-message",
    {
        "recipient_name": (True, "name", None, None),
        "how_we_know": (True, "text", None, None),
        "format": (True, "choice", ["lunch", "coffee", "call"], None),
        "when_options": (False, "text", None, None),
        "topic": (False, "text", None, None),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Maximilian Fernandez-Ruiz",
    "how_we_know": "worked together on the checkout team at Zalando in Berlin",
    "place": "the Italian place around the corner from your office",
    "when_options": "Tuesday or Thursday next week, or any lunchtime the week after",
    "topic": "how the move from engineering into product management has gone so far",
}
