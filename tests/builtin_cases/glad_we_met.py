"""glad-we-met: its public interface, whose name the greeting carries, realistic answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ID = "glad-we-met"

PUBLIC: tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]] = (
    "email",
    {
        "recipient_name": (True, "name", None, None),
        "where_we_met": (True, "text", None, None),
        "what_i_do": (False, "text", None, None),
        "how_i_can_help": (False, "text", None, None),
        "promised_contact": (False, "name", None, None),
        "promised_contact_detail": (False, "text", None, None),
    },
)

GREETED = ["recipient_name"]

REALISTIC: dict[str, str | Callable[[Mapping[str, Any]], str]] = {
    "recipient_name": "Maximilian Fernandez-Ruiz",
    "recipient_email": "max.fernandez@southbeach.example",
    "where_we_met": "the Chamber of Commerce luncheon at the Biltmore today",
    "they_mentioned": "your trip to Costa Rica with the kids next month",
    "what_i_do": "I run a small bookkeeping practice for independent restaurants",
    "how_i_can_help": "look over your menu costs before the new place opens",
    "promised_contact": "Samantha Okafor-Williams",
    "promised_contact_who": "a client who's bringing an organic spirits brand to the US",
    "promised_contact_detail": "samantha@okafor-spirits.example",
}
