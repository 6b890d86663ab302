"""reply-to-help-request: its public interface, greeting and realistic long answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "reply-to-help-request"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "linkedin-message",
    {
        "requester_name": (True, "name", None, None),
        "request": (
            True,
            "choice",
            ["job_search", "introduction", "advice", "resume_review", "referral"],
            None,
        ),
        "detail": (False, "text", None, None),
        "offer": (
            False,
            "choice",
            ["call_15", "questions_first", "intro_after_call", "point_elsewhere"],
            "call_15",
        ),
        "availability": (False, "text", None, None),
        "point_to": (False, "text", None, None),
        "intro_name": (False, "name", None, None),
    },
)

GREETED = ["requester_name"]

# What each kind of request is typically about, as a person would put it to the requester.
DETAIL = {
    "job_search": "your search for a first product design role after the bootcamp",
    "introduction": "an introduction to someone on the Northwind Health data team",
    "advice": "your move from secondary-school teaching into UX research",
    "resume_review": "your resume for senior product manager roles in fintech",
    "referral": "the senior data analyst opening on the Northwind Health team",
}

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "requester_name": "Dr. Elena Petrova-Sokolova",
    "detail": lambda chosen: DETAIL[chosen["request"]],
    "availability": "Tuesday or Thursday after 5pm, or on my commute at 8am",
    "intro_name": "Maximilian Fernandez-Ruiz",
    "point_to": "Priya Shah, who leads hiring for the data team at Northwind Health",
}
