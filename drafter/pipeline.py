"""The one pipeline: playbook + answers -> fitted answers -> render -> checks -> Outcome.

The CLI, lint's example rendering and the tests all call `run` (or its two
halves, `collect` and `finish`), so an answer is shaped, rendered and checked
the same way wherever a draft is made, and within the same CPU budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from drafter import answers, budget, channels, checks, render
from drafter.checks import CheckResult
from drafter.errors import PlaybookError
from drafter.playbook import Playbook
from drafter.render import Draft


class Outcome(msgspec.Struct):
    """A finished draft: the message, the answers that made it, and its checks."""

    draft: Draft
    answers: dict[str, Any]
    me: dict[str, Any]
    checks: list[CheckResult]

    @property
    def text(self) -> str:
        return self.draft.text()

    @property
    def subject(self) -> str | None:
        return self.draft.subject

    @property
    def body(self) -> str:
        return self.draft.body

    @property
    def to(self) -> list[str]:
        return list(self.draft.to)

    @property
    def channel(self) -> str:
        return self.draft.channel

    @property
    def chars(self) -> int:
        return channels.count_chars(self.draft.body)

    @property
    def words(self) -> int:
        return channels.count_words(self.draft.body)

    @property
    def limit(self) -> int | None:
        return self.draft.limits.body

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.checks)


# Seconds of CPU time one draft may take in all. Each template and expression has its own
# (sandbox.TIME_BUDGET); this stops a playbook whose many parts each stay within theirs.
DRAFT_BUDGET = 2.0


def _budget(pb: Playbook) -> budget.Budget:
    """The draft's budget. `collect` and `finish` each take one for lint, which calls them
    apart; inside `run`'s they change nothing, as run's keeps counting for the whole."""

    def too_long() -> PlaybookError:
        return PlaybookError(
            f"drafting took more than {DRAFT_BUDGET:g} s of CPU time; "
            "the playbook does too much work",
            pb.path,
        )

    return budget.time_budget(DRAFT_BUDGET, too_long)


def collect(
    pb: Playbook,
    given: Mapping[str, Any],
    profile: Mapping[str, Any] | None = None,
    ask: answers.Ask | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every field's answer (given, asked or default), fitted to its frame; and the sender.

    `defaults` (earlier answers, e.g. `--last`) stand in for the playbook's defaults: a
    prompt offers them, and without prompts they are used.
    """
    with _budget(pb):
        field_answers, me = answers.split_me(pb, given, profile or {})
        values = answers.collect(pb, field_answers, me, ask, defaults)
        return answers.fit(pb, values, me), me


def finish(
    pb: Playbook, variant: str | None, values: Mapping[str, Any], me: Mapping[str, Any]
) -> Outcome:
    """Render collected answers with `variant` (None: the first) and check the draft."""
    with _budget(pb):
        draft = render.render(pb, pb.variant(variant), values, me)
        return Outcome(draft, dict(values), dict(me), check(pb, draft, values, me))


def check(
    pb: Playbook, draft: Draft, values: Mapping[str, Any], me: Mapping[str, Any]
) -> list[CheckResult]:
    """Every check on `draft` (rendered or edited by hand), naming fields by what was asked."""
    shown = {f.name: answers.present(pb, i, values, me) for i, f in enumerate(pb.fields)}
    return checks.run_all(draft, pb, values, me, shown)


def run(
    pb: Playbook,
    given: Mapping[str, Any],
    *,
    variant: str | None = None,
    profile: Mapping[str, Any] | None = None,
    ask: answers.Ask | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Outcome:
    """The whole pipeline for one draft, within DRAFT_BUDGET in all (prompts aside)."""
    pb.variant(variant)  # a bad variant fails before anything is asked
    with _budget(pb):
        values, me = collect(pb, given, profile, ask, defaults)
        return finish(pb, variant, values, me)
