"""thank-connector: thank whoever introduced you, and say what came of it (see
tests/test_builtins.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ID = "thank-connector"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "email",
    {
        "connector_name": (True, "name", None, None),
        "target_name": (True, "name", None, None),
        "outcome": (True, "choice", ["met", "scheduled", "no_reply", "helped"], None),
        "outcome_detail": (False, "text", None, None),
        "connector_email": (False, "email", None, None),
    },
)

GREETED = ["connector_name"]

# What came of it follows the outcome: a sentence, a time, a next step.
DETAIL = {
    "met": "she walked me through how Northwind load-tested Kafka before their migration",
    "scheduled": "a video call next Tuesday afternoon to go through my portfolio",
    "no_reply": "try once more after the holidays, and then leave it there",
    "helped": "she referred me for the senior analyst role, and I start at Northwind in May",
}


def _detail(chosen: Mapping[str, Any]) -> str:
    return DETAIL[chosen["outcome"]]


REALISTIC: dict[str, Any] = {
    "connector_name": "Dr. Elena Petrova-Sokolova",
    "connector_email": "elena@clinic.example",
    "target_name": "Maximilian Fernandez-Ruiz",
    "outcome_detail": _detail,
}
