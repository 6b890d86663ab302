"""What happens around a draft leaving drafter: the history record, its contacts, and the
checks on LinkedIn's note budget and earlier invitations made before it is drafted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter import pipeline
from drafter.cli import console, views
from drafter.errors import DrafterError

if TYPE_CHECKING:
    import sqlite3

    from drafter.contacts import Contact
    from drafter.playbook import Playbook
    from drafter.review import Action


def notes_left_ok(profile: dict[str, str], settings: dict[str, Any], ask: bool) -> bool:
    """Before a LinkedIn invitation note: how many personalised notes are left this month.
    None left: say so and what works anyway; at a terminal, ask before drafting one."""
    from drafter import history
    from drafter.profile import note_budget

    budget = note_budget(settings, profile)
    if budget is None or not history_on(settings):
        return True
    try:
        used = history.notes_sent_this_month(bool(settings["copied_is_sent"]))
    except history.HistoryError:
        return True  # the draft matters more than the count
    left = max(budget - used, 0)
    if left:
        if console.stderr_is_tty():  # as the checks: all of it in a terminal, problems only else
            console.err(views.notes_left(left, budget))
        return True
    console.err(views.no_notes_left(budget))
    if not ask:
        return True
    from drafter import prompts

    return prompts.confirm("Draft a note anyway?", default=False)


def invited_before(pb: Playbook, outcome: pipeline.Outcome) -> None:
    """Warn when a connection note to the same person was sent before: LinkedIn allows one
    pending invitation, and a second note reads as a form letter."""
    from drafter import history

    try:
        names = {history.fold(p) for p in history.people(pb, outcome.answers)}
        earlier = [
            r
            for name in names
            for r in history.find(to=name.split(" (")[0], limit=200)
            if r.channel == "linkedin-note"
            and "sent" in r.actions
            and names & {history.fold(p) for p in r.people}
        ]
    except history.HistoryError:
        return
    if earlier:
        console.err(views.invited_before(earlier[0]))


ACCEPTED_NOTE = "If they accepted your invitation, thank them and say why you connected"


def thank_when_accepted(people: list[Contact]) -> None:
    """No note this time: offer a follow-up to thank them once they accept (with --to)."""
    from drafter import followups, history, prompts

    for person in people:
        question = views.offer_thanks_later(person)
        if prompts.confirm(question, default=True):
            try:
                day = followups.schedule(person, "1w", ACCEPTED_NOTE, "thanks-for-connecting")
            except history.HistoryError as exc:
                console.err(views.not_recorded(exc))
                return
            console.err(views.scheduled(person, day))


def history_on(settings: dict[str, Any]) -> bool:
    """Recording is on unless DRAFTER_NO_HISTORY or the profile (`history: off`) turns it off."""
    from drafter import history

    return not history.disabled_by_env() and bool(settings["history"])


class Recorder:
    """Records one draft in the history as it leaves drafter, each action once.

    A history that cannot be written never stops the draft: one warning, then silence.
    """

    def __init__(
        self,
        pb: Playbook,
        outcome: pipeline.Outcome,
        ref: str | None = None,
        people: list[Contact] | None = None,
    ) -> None:
        self.pb, self.outcome, self.ref, self.people = pb, outcome, ref, people or []
        self.id: int | None = None
        self.failed = False

    def __call__(
        self, action: str, text: str | None = None, outcome: pipeline.Outcome | None = None
    ) -> int | None:
        """Record `action`; `outcome` when the draft changed since (the review loop)."""
        from drafter import history

        if self.failed:
            return None
        if outcome is not None:
            self.outcome = outcome
        try:
            self.id = history.record(
                self.pb,
                self.outcome,
                action,
                text=text,
                same_as=self.id,
                playbook=self.ref,
                also=self._contacts,
            )
        except history.HistoryError as exc:
            self.failed = True
            console.err(views.not_recorded(exc))
            return None
        return self.id

    def _contacts(self, conn: sqlite3.Connection, draft_id: int) -> None:
        """Link the draft to its contacts, keep what it remembers, schedule its follow-up."""
        from drafter import followups

        followups.on_leave(conn, self.pb, self.outcome, draft_id, self.people)

    def offers(self, current: pipeline.Outcome) -> list[Action]:
        """The review loop's `k`: keep someone the draft is to as a contact, when they are
        not one yet (one key; what the draft says about them comes along)."""
        from drafter import contacts
        from drafter.review import Action

        if self.failed:
            return []
        try:
            new = contacts.unknown(self.pb, current.answers)
        except DrafterError:
            return []
        if not new:
            return []

        def keep(loop: Any) -> bool:
            # The recorded draft is theirs only if it is the draft as it stands: after an
            # answer changed (another name), it went to someone else.
            theirs = self.id is not None and self.outcome.answers == current.answers
            for slot, _ in new:
                console.err(views.contact_added(contacts.add_from_draft(self.pb, current, slot)))
            if theirs:  # found by name now: linked, remembered, scheduled
                self.link()
            return False

        names = " and ".join(name for _, name in new)
        return [Action("k", f"Keep {names} as {'a contact' if len(new) == 1 else 'contacts'}",
                       keep)]  # fmt: skip

    def link(self) -> None:
        """Link the recorded draft to its contacts now (they were added after it left)."""
        from drafter import followups, history

        if self.id is None:
            return
        draft_id = self.id
        try:
            with history.connect(create=False) as conn, history.writing(conn):
                followups.on_leave(conn, self.pb, self.outcome, draft_id, self.people)
        except history.HistoryError as exc:
            console.err(views.not_recorded(exc))

    def undo(self) -> None:
        """Forget the record made for an action that then failed."""
        from drafter import history

        if self.id is not None:
            try:
                history.forget(ids=[self.id])
            except history.HistoryError:
                pass
