"""reconnect: its public interface, whose name the greeting carries, realistic long answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "reconnect"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "linkedin-message",
    {
        "recipient_name": (True, "name", None, None),
        "how_we_know": (True, "text", None, None),
        "last_contact": (False, "text", None, None),
        "their_news": (False, "text", None, None),
        "their_company": (False, "text", None, None),
        "why_now": (False, "text", None, None),
        "offer": (False, "text", None, None),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Dr. Elena Petrova-Sokolova",
    "how_we_know": "worked together on the data platform team at Acme for three years",
    "last_contact": "at Sam's leaving drinks in the spring of last year",
    "their_news": "your move to head up the analytics team at Northwind Health",
    "their_company": "Northwind Health Partners",
    "offer": "introduce you to the people who ran our migration to streaming last year",
    "why_now": "I'm moving from data engineering into product management this autumn",
}
