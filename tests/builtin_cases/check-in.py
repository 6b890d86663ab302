"""check-in: its public interface, whose name the greeting carries, realistic long answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "check-in"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "email",
    {
        "recipient_name": (True, "name", None, None),
        "detail": (True, "text", None, None),
        "article_title": (False, "text", None, None),
        "article_link": (False, "url", None, None),
        "news": (False, "text", None, None),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Dr. Elena Petrova-Sokolova",
    "detail": "your two-week trip to Costa Rica with the kids next month",
    "article_title": "an HBR piece on why dormant ties often give the most useful advice",
    "article_link": "https://hbr.org/2021/01/why-dormant-ties-give-the-best-advice",
    "news": "the Lisbon data meetup is coming back on 12 June, with a talk on streaming",
}
