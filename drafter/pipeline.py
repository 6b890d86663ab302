"""The one pipeline: playbook + answers -> fitted answers -> render -> checks -> Outcome.

The CLI, lint's example rendering and the tests all call `run` (or its two
halves, `collect` and `finish`), so an answer is shaped, rendered and checked
the same way wherever a draft is made, and within the same CPU budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import msgspec

from drafter import answers, budget, channels, checks, render, sandbox
from drafter.checks import CheckResult
from drafter.errors import DrafterError, PlaybookError
from drafter.playbook import Field, Playbook
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
        return _collect(pb, given, profile, ask, defaults)


def _collect(
    pb: Playbook,
    given: Mapping[str, Any],
    profile: Mapping[str, Any] | None,
    ask: answers.Ask | None,
    defaults: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    field_answers, me = answers.split_me(pb, given, profile or {})
    values = answers.collect(pb, field_answers, me, ask, defaults)
    return answers.fit(pb, values, me), me


def finish(
    pb: Playbook, variant: str | None, values: Mapping[str, Any], me: Mapping[str, Any]
) -> Outcome:
    """Render collected answers with `variant` (None: the first) and check the draft."""
    with _budget(pb):
        return _finish(pb, variant, values, me)


def _finish(
    pb: Playbook, variant: str | None, values: Mapping[str, Any], me: Mapping[str, Any]
) -> Outcome:
    draft = render.render(pb, pb.variant(variant), values, me)
    return Outcome(draft, dict(values), dict(me), check(pb, draft, values, me))


def check(
    pb: Playbook, draft: Draft, values: Mapping[str, Any], me: Mapping[str, Any]
) -> list[CheckResult]:
    """Every check on `draft` (rendered or edited by hand), naming fields by what was asked."""
    return checks.run_all(draft, pb, values, me, _Shown(pb, values, me))


class _Shown(Mapping[str, Field]):
    """Each field as the person saw it (answers.present), rendered only when a check asks:
    most drafts need a few of them, and each is a template to render."""

    def __init__(self, pb: Playbook, values: Mapping[str, Any], me: Mapping[str, Any]):
        self._pb, self._answers, self._me = pb, values, me
        self._index = {f.name: i for i, f in enumerate(pb.fields)}
        self._done: dict[str, Field] = {}

    def __getitem__(self, name: str) -> Field:
        field = self._done.get(name)
        if field is None:
            field = self._done[name] = answers.present(
                self._pb, self._index[name], self._answers, self._me
            )
        return field

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


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
    with _budget(pb):  # collect's and finish's own budgets would change nothing inside it
        values, me = _collect(pb, given, profile, ask, defaults)
        return _finish(pb, variant, values, me)


# In a run of many drafts, the memory cap is moved to what is in use every this many drafts,
# so what the caller keeps (results to record, a report) does not eat a later draft's headroom.
RENEW_EVERY = 1000

T = TypeVar("T")


def run_many(
    pb: Playbook,
    items: Iterable[T],
    given: Callable[[T], Mapping[str, Any]],
    *,
    variant: str | None = None,
    profile: Mapping[str, Any] | None = None,
) -> Iterator[tuple[T, Outcome | DrafterError]]:
    """`run` for each of `items` in turn, never prompting, with the answers `given(item)`
    returns: each item with its Outcome, or the DrafterError that stopped that one draft
    (`given` raising one included); the rest go on.

    Each draft is made exactly as `run` makes it, within its own DRAFT_BUDGET. What is set
    up once for the whole run, instead of around every template and expression, is the
    memory cap, the timer's signal handler and the template look-ups (sandbox.many). A draft
    that fails moves the cap back to what is in use.
    """
    pb.variant(variant)  # a bad variant fails before anything is drafted
    with sandbox.many() as renew, budget.time_budget(math.inf):
        for count, item in enumerate(items, 1):
            try:
                outcome: Outcome | DrafterError = run(
                    pb, given(item), variant=variant, profile=profile
                )
            except DrafterError as exc:
                outcome = exc
                renew()
            else:
                if count % RENEW_EVERY == 0:
                    renew()
            yield item, outcome
