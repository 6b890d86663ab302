"""ask-for-help: its public interface, whose name the greeting carries, realistic answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "ask-for-help"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "email",
    {
        "recipient_name": (True, "name", None, None),
        "help_with": (
            True,
            "choice",
            ["resume_review", "career_advice", "introduction", "feedback"],
            None,
        ),
        "why_them": (True, "text", None, None),
        "when": (False, "text", None, None),
        "situation": (False, "text", None, None),
        "format": (False, "choice", ["coffee", "call", "lunch"], "coffee"),
    },
)

GREETED = ["recipient_name"]

SPECIFICS = {
    "resume_review": "senior product manager roles at payments companies in Europe",
    "career_advice": "whether to take the team-lead role or stay hands-on for another year",
    "introduction": "someone on the data platform team at Monzo who has hired recently",
    "feedback": "the pitch deck for our seed round, especially the market-size slide",
}

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Dr. Elena Petrova-Sokolova",
    "recipient_email": "elena.petrova@northwind.example",
    "specifics": lambda chosen: SPECIFICS[chosen["help_with"]],
    "why_them": "you've hired dozens of product managers and you always tell it straight",
    "situation": "things are getting tight at my job and I don't know what the future holds there",
    "when": "Thursday evening after work, or Friday lunchtime",
}
