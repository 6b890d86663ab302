"""drafter: drafts professional networking messages from YAML playbooks.

The public API (stable; see the README's "Use drafter from Python"): `draft`,
`load_playbook`, `Outcome`, `Playbook`, `Field`, `Library`, `Search`, and the errors.
Attributes load on first use, so `import drafter` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"

__all__ = [
    "AnswerError",
    "Cancelled",
    "DrafterError",
    "Field",
    "Library",
    "NeedsInputError",
    "Outcome",
    "Playbook",
    "PlaybookError",
    "RenderError",
    "Search",
    "UsageError",
    "__version__",
    "draft",
    "load_playbook",
]

_WHERE = {
    "draft": "drafter.api",
    "load_playbook": "drafter.api",
    "Outcome": "drafter.pipeline",
    "Playbook": "drafter.playbook",
    "Field": "drafter.playbook",
    "Library": "drafter.library",
    "Search": "drafter.library",
    "AnswerError": "drafter.errors",
    "Cancelled": "drafter.errors",
    "DrafterError": "drafter.errors",
    "NeedsInputError": "drafter.errors",
    "PlaybookError": "drafter.errors",
    "RenderError": "drafter.errors",
    "UsageError": "drafter.errors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")


if TYPE_CHECKING:
    from drafter.api import draft, load_playbook
    from drafter.errors import (
        AnswerError,
        Cancelled,
        DrafterError,
        NeedsInputError,
        PlaybookError,
        RenderError,
        UsageError,
    )
    from drafter.library import Library, Search
    from drafter.pipeline import Outcome
    from drafter.playbook import Field, Playbook
