"""The public Python API: draft any playbook in a few lines (re-exported by `drafter`).

    import drafter
    outcome = drafter.draft("decline-sales-pitch", {"recipient_name": "Sam Lee",
                            "offering": "outsourced SDRs"}, me={"name": "Ana Ruiz"})
    print(outcome.text)

`draft` is the one pipeline the CLI, lint and the tests use (drafter.pipeline), with
playbook lookup and the sender profile in front of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from drafter import answers as answers_mod
from drafter import pipeline
from drafter.library import Search
from drafter.pipeline import Outcome
from drafter.playbook import Playbook

Ask = answers_mod.Ask


def load_playbook(playbook: str | Path, libraries: Sequence[str | Path] = ()) -> Playbook:
    """A playbook by id (searched in `libraries`, your library, packs, built-ins) or path."""
    return Search(tuple(Path(p) for p in libraries)).load(str(playbook))


def draft(
    playbook: str | Path | Playbook,
    answers: Mapping[str, Any] | None = None,
    *,
    me: Mapping[str, Any] | None = None,
    variant: str | None = None,
    libraries: Sequence[str | Path] = (),
    ask: Ask | None = None,
    profile: bool = True,
) -> Outcome:
    """Draft `playbook` with `answers`; the result has the text, the answers and the checks.

    `me` sets sender keys on top of your saved profile (`profile=False` ignores it). `ask`,
    when given, is called for each missing answer as `ask(field, default, answers_so_far)`
    and returns the value; without it, missing required answers raise NeedsInputError
    listing them. Every other problem is a DrafterError with a one-line message.
    """
    pb = playbook if isinstance(playbook, Playbook) else load_playbook(playbook, libraries)
    given: dict[str, Any] = dict(answers or {})
    if me:
        given["me"] = {**(given.get("me") or {}), **me}
    saved: Mapping[str, Any] = {}
    if profile:
        from drafter.profile import load_profile

        saved = load_profile()
    return pipeline.run(pb, given, variant=variant, profile=saved, ask=ask)
