"""The review loop: after an interactive draft, a menu that stays until the message is right.

    c copy   s switch style   a change an answer   e edit by hand   w write to a file   q done

Every change goes through the one pipeline again (`pipeline.run`, or `pipeline.finish` for a
style), so a reviewed draft is shaped and checked exactly as a first one. The answers are
kept as they were typed (`Asker`), so changing one re-asks nothing else, while a field that a
change makes relevant (its `when`) is asked and one it makes irrelevant is dropped.

Imported only when someone is at a terminal: all prompting goes through drafter.prompts
(questionary and prompt_toolkit are imported there, when first used); what is shown comes
from drafter.cli.views; the CLI hands in what needs click (the editor) and the clipboard.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from drafter import answers, channels, output, pipeline, render
from drafter.cli import console, views
from drafter.errors import AnswerError, Cancelled, DrafterError
from drafter.pipeline import Outcome
from drafter.playbook import Field, Playbook
from drafter.text import clean

# Told each time the draft leaves drafter: ("copied" or "written", the outcome as it left,
# hand edits included, and the text exactly as it left).
OnLeave = Callable[[str, Outcome, str], None]

_NOT_TYPED = ("choice", "multichoice", "confirm")


# --- asking, and asking again -----------------------------------------------------------------


class Asker:
    """The pipeline's `ask` in a terminal, remembering each answer as it was given.

    A field in `replay` is answered from it without a prompt (so a change re-asks nothing
    else); any other is asked, with the characters left in a limited message shown below
    the prompt while it is typed. A field whose answer was its default keeps following its
    default when an earlier answer changes it ("the {{ topic }} meetup").
    """

    def __init__(self, pb: Playbook, variant: str, replay: Mapping[str, Any]) -> None:
        self.pb = pb
        self.variant = variant
        self.replay: dict[str, Any] = dict(replay)
        self.answers: dict[str, Any] = {}  # this run's, for every field that applied
        self.defaults: set[str] = set()  # the fields whose answer was their default

    def __call__(self, field: Field, default: Any, context: Mapping[str, Any]) -> Any:
        name = field.name
        if name in self.replay:
            if name in self.defaults and default is not None:
                value = default
            else:
                value = answers.validate(field, self.replay[name])
        else:
            value = self.prompt(field, default, context)
            if default is not None and value == default:
                self.defaults.add(name)
        self.answers[name] = value
        return value

    def prompt(self, field: Field, default: Any, context: Mapping[str, Any]) -> Any:
        """Ask for `field`, with the characters-left toolbar when its message is limited."""
        from drafter import prompts

        count = counter(self.pb, self.variant, field, context)
        if count is None:
            return prompts.ask(field, default, context)
        return prompts.ask(field, default, context, lambda typed: views.chars_left(*count(typed)))


def counter(
    pb: Playbook, variant: str, field: Field, context: Mapping[str, Any]
) -> Callable[[str], tuple[int, int]] | None:
    """For a typed answer to `field` in a message with a length limit: text typed so far ->
    (characters the whole message would have, the limit); None for any other field.

    The message is rendered with the answers in `context` (and its `me`), the text typed,
    and each field missing from them at its literal default, else empty. Each text is
    rendered once (a prompt redraws its toolbar more often than a key is pressed).
    """
    me = dict(context.get("me") or {})
    chosen = pb.variant(variant)
    channel = chosen.channel or pb.spec.channel
    limit = channels.limits(channel, str(me.get("linkedin_account") or "free")).body
    if limit is None or field.type in _NOT_TYPED:
        return None
    values = {k: v for k, v in context.items() if k != "me"}
    for other in pb.fields:
        if other.name not in values and other.name != field.name:
            values[other.name] = _literal_default(other)

    @functools.lru_cache(maxsize=64)
    def count(typed: str) -> tuple[int, int]:
        try:
            value = answers.coerce(field, typed)
        except AnswerError:  # half typed (an address, a number): its length still counts
            value = clean(typed, multiline=field.type == "multiline").strip()
        fitted = answers.fit(pb, {**values, field.name: value}, me)
        draft = render.render(pb, chosen, fitted, me)
        return channels.count_chars(draft.body), draft.limits.body or limit

    return count


def _literal_default(field: Field) -> Any:
    if field.default is None or field.default_is_template:
        return answers.empty(field)
    try:
        return answers.coerce(field, field.default)
    except AnswerError:
        return answers.empty(field)


# --- the draft under review -------------------------------------------------------------------


class Review:
    """One draft under review: the answers as given, the outcome, and any edit by hand."""

    def __init__(
        self,
        pb: Playbook,
        asker: Asker,
        outcome: Outcome,
        given_me: Mapping[str, Any],
        profile: Mapping[str, Any],
    ) -> None:
        self.pb = pb
        self.asker = asker
        self.outcome = outcome  # as the pipeline made it
        self.given_me = dict(given_me)  # {"me": ...} from --set, --answers or the first run
        self.profile = dict(profile)
        self.edited: tuple[str, Outcome] | None = None  # the text edited by hand, rechecked

    @property
    def current(self) -> Outcome:
        """The draft as it stands: the pipeline's, or the edited one with its own checks."""
        return self.edited[1] if self.edited else self.outcome

    @property
    def text(self) -> str:
        """The text that leaves drafter when copied or written."""
        return self.edited[0] if self.edited else self.outcome.text

    @property
    def variant(self) -> str:
        return self.outcome.draft.variant

    def styles(self) -> list[tuple[str, Outcome | None]]:
        """Each variant, drafted with the same answers (None: it fails with them)."""
        out: list[tuple[str, Outcome | None]] = []
        for v in self.pb.spec.variants:
            try:
                drafted = pipeline.finish(self.pb, v.name, self.outcome.answers, self.outcome.me)
            except Cancelled:
                raise
            except DrafterError:
                drafted = None
            out.append((v.name, drafted))
        return out

    def switch(self, variant: str) -> None:
        """Draft the same answers in another style (dropping an edit by hand)."""
        self.outcome = pipeline.finish(self.pb, variant, self.outcome.answers, self.outcome.me)
        self.asker.variant = variant
        self.edited = None

    def fields(self) -> list[tuple[Field, Any]]:
        """The fields that apply, as the person saw them, with their answers as given."""
        values, me = self.outcome.answers, self.outcome.me
        return [
            (answers.present(self.pb, i, values, me), self.asker.answers[f.name])
            for i, f in enumerate(self.pb.fields)
            if f.name in self.asker.answers
        ]

    def change(self, name: str, value: Any) -> None:
        """Draft again with one answer changed; fields its `when` brings in are asked."""
        asker = self.asker
        before = (asker.replay, asker.answers, set(asker.defaults))
        asker.replay = {**asker.answers, name: value}
        asker.answers = {}
        asker.defaults.discard(name)
        try:
            self.outcome = pipeline.run(
                self.pb, self.given_me, variant=self.variant, profile=self.profile, ask=asker
            )
        except BaseException:  # Ctrl-C at a new question, a template failing: nothing changed
            asker.replay, asker.answers, asker.defaults = before
            raise
        self.edited = None

    def edit(self, text: str) -> None:
        """Take `text` (edited by hand) as the draft, and check it again."""
        draft = self.outcome.draft
        body, subject = text, draft.subject
        if subject is not None:
            first, _, rest = text.partition("\n")
            has_subject = first.startswith("Subject:")
            subject = first.removeprefix("Subject:").strip() if has_subject else ""
            body = rest.strip("\n") if has_subject else text
        # Where the answers landed is unknown now: the checks look for them in the text.
        edited = msgspec.structs.replace(draft, body=body, subject=subject, seams=[])
        results = pipeline.check(self.pb, edited, self.outcome.answers, self.outcome.me)
        self.edited = (text, msgspec.structs.replace(self.outcome, draft=edited, checks=results))


def start(
    pb: Playbook,
    variant: str,
    given: Mapping[str, Any],
    profile: Mapping[str, Any],
    defaults: Mapping[str, Any] | None = None,
) -> Review:
    """Draft `pb` at a terminal: the answers in `given` are taken, the others asked (with
    `defaults`, earlier answers such as --last's, offered first)."""
    field_answers, _ = answers.split_me(pb, given, profile)  # unknown fields fail here
    replay = {k: v for k, v in field_answers.items() if not answers.is_empty(v)}
    asker = Asker(pb, variant, replay)
    given_me = {"me": given["me"]} if "me" in given else {}
    outcome = pipeline.run(
        pb, given_me, variant=variant, profile=profile, ask=asker, defaults=defaults
    )
    return Review(pb, asker, outcome, given_me, profile)


def default_file(review: Review) -> str:
    """A file name for the draft: '<playbook>-<recipient>.txt' (the first name answered)."""
    fields = review.pb.fields
    named = [f for f in fields if f.type == "name"] or [
        f for f in fields if f.name.endswith("name")
    ]
    values = review.outcome.answers
    name = next((str(values[f.name]) for f in named if str(values.get(f.name) or "").strip()), "")
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-_")[:40].rstrip("-_")
    return f"{review.pb.id}-{slug}.txt" if slug else f"{review.pb.id}.txt"


# --- the loop ---------------------------------------------------------------------------------


class Action(NamedTuple):
    """One menu entry: its key, its title, and what it does (True: the draft changed)."""

    key: str
    title: str
    run: Callable[[Loop], bool]


def actions(channel: str, styles: int) -> list[Action]:
    """The menu for a draft on `channel` with `styles` variants, in order; Done is added last.

    An email can also be opened in the mail client (`m`), and `w` offers an .eml for it.
    """
    menu = [Action("c", "Copy the message", Loop.copy)]
    if styles > 1:
        menu.append(Action("s", "Switch style", Loop.switch))
    menu += [
        Action("a", "Change an answer", Loop.change),
        Action("e", "Edit the text", Loop.edit),
        Action("w", "Write to a file (.eml: ready to send)" if channel == "email" else
               "Write to a file", Loop.write),
    ]  # fmt: skip
    if channel == "email":
        menu.append(Action("m", "Open in your mail client", Loop.mail))
    return menu


DONE = "q"


class Loop:
    """The menu around a Review; `copy` and `edit` come from the CLI (clipboard, editor)."""

    def __init__(
        self,
        review: Review,
        copy: Callable[[str], bool],
        edit: Callable[[str], str | None],
        on_leave: OnLeave | None = None,
        extras: Callable[[Outcome], list[Action]] | None = None,
    ) -> None:
        self.review = review
        self._copy = copy
        self._edit = edit
        self.on_leave = on_leave
        self.extras = extras  # more entries, from the CLI, for the draft as it stands

    def run(self, copy_now: bool = False) -> Outcome:
        """Show the draft, then the menu until Done; the draft as it stands at the end."""
        from drafter import prompts

        self.draw()
        if copy_now:
            self.copy()
        while True:
            menu = actions(self.review.current.channel, len(self.review.pb.spec.variants))
            if self.extras is not None:
                menu += self.extras(self.review.current)
            items = [(a.key, a.title, a.key) for a in menu] + [(DONE, "Done", DONE)]
            chosen = prompts.menu("What next?", items, default=DONE)
            if chosen == DONE:
                return self.review.current
            action = next(a for a in menu if a.key == chosen)
            try:
                changed = action.run(self)
            except Cancelled:
                raise
            except DrafterError as exc:  # a file that cannot be written, a template that fails
                console.err(views.warning(str(exc)))
                changed = False
            if changed:
                self.draw()

    def draw(self) -> None:
        """The draft and its checks."""
        current = self.review.current
        console.err("")
        console.err(views.review_heading(current.draft.variant, current.channel, self.edited))
        console.out_data(self.review.text)
        for line in views.review_checks(current.checks, utf8=_utf8(sys.stderr)):
            console.err(line)
        console.err("")

    @property
    def edited(self) -> bool:
        return self.review.edited is not None

    def left(self, action: str) -> None:
        if self.on_leave is not None:
            self.on_leave(action, self.review.current, self.review.text)

    def copy(self) -> bool:
        from drafter import prompts

        failed = [r for r in self.review.current.checks if not r.ok]
        if failed and not prompts.confirm(views.copy_anyway(failed), default=False):
            console.err(views.not_done("Not copied"))
            return False
        if self._copy(self.review.text):
            self.left("copied")
        return False

    def _keep_edit(self) -> bool:
        """Whether to stop: there is an edit by hand and the person would rather keep it."""
        from drafter import prompts

        return self.edited and not prompts.confirm(views.discard_edit(), default=False)

    def switch(self) -> bool:
        from drafter import prompts

        if self._keep_edit():
            return False
        items = []
        for name, drafted in self.review.styles():
            chars = drafted.chars if drafted else None
            limit = drafted.limit if drafted else None
            title = views.style_choice(name, chars, limit, current=name == self.review.variant)
            described = self.review.pb.variant(name).description
            items.append((name, title, described))
        chosen = prompts.pick("Which style?", items, default=self.review.variant)
        if chosen == self.review.variant and not self.edited:
            return False
        self.review.switch(chosen)
        return True

    def change(self) -> bool:
        from drafter import prompts

        if self._keep_edit():
            return False
        fields = self.review.fields()
        items = [
            (f.name, views.answer_choice(f.prompt, views.answer_text(value, _titles(f))), "")
            for f, value in fields
        ]
        chosen = prompts.pick("Which answer?", [*items, ("", "Back", "")])
        if not chosen:
            return False
        field, value = next((f, v) for f, v in fields if f.name == chosen)
        # Every other answer as it stands (a field left out by its `when` as empty).
        current = {**self.review.outcome.answers, **self.review.asker.answers}
        context = {**current, "me": self.review.outcome.me}
        del context[chosen]
        default = None if answers.is_empty(value) else value
        new = self.review.asker.prompt(field, default, context)
        if new == value and not self.edited:
            return False
        self.review.change(chosen, new)
        return True

    def edit(self) -> bool:
        edited = self._edit(self.review.text)
        text = clean(edited, multiline=True).strip() if edited is not None else None
        if not text or text == self.review.text.strip():
            console.err(views.not_done("No change"))
            return False
        self.review.edit(text)
        return True

    def write(self) -> bool:
        from drafter import prompts

        current = self.review.current
        suggested = default_file(self.review)
        if current.channel == "email":
            suggested = suggested.removesuffix(".txt") + ".eml"
        raw = prompts.text("Write it to which file?", default=suggested)
        path = Path(raw).expanduser()
        force = path.is_file() and not path.is_symlink()
        if force and not prompts.confirm(views.replace_file(path), default=False):
            console.err(views.not_done("Not written"))
            return False
        if current.channel == "email" and path.suffix.lower() == ".eml":
            from drafter import mail  # the message as a mail client opens it: To, Subject, body

            output.write_atomic(path, mail.eml_bytes(current.draft, current.me), force=force)
        else:
            output.write_atomic(path, self.review.text + "\n", force=force)
        console.err(views.wrote(path))
        self.left("written")
        return False

    def mail(self) -> bool:
        from drafter import mail

        current = self.review.current
        said = mail.open_in_client(current.draft, current.me)
        console.err(said)
        self.left("opened" if said == mail.OPENED else "written")  # else: an .eml instead
        return False


def loop(
    review: Review,
    *,
    copy: Callable[[str], bool],
    edit: Callable[[str], str | None],
    on_leave: OnLeave | None = None,
    copy_now: bool = False,
    extras: Callable[[Outcome], list[Action]] | None = None,
) -> Outcome:
    """Review the draft until the person is done; the outcome as it stands then.

    `copy(text)` puts text on the clipboard and says how (False: it could not); `edit(text)`
    opens it in an editor (None: unchanged). `copy_now` copies first, as `--copy` asks.
    `extras(outcome)` gives more menu entries for the draft as it stands (before Done).
    """
    return Loop(review, copy, edit, on_leave, extras).run(copy_now)


def _titles(field: Field) -> dict[str, str]:
    return {c.value: c.title for c in field.choices}


def _utf8(stream: Any) -> bool:
    return (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"


def available() -> bool:
    """Whether the loop can run: someone at a terminal on both standard input and output."""
    try:
        return console.stdin_is_tty() and sys.stdout is not None and sys.stdout.isatty()
    except ValueError:  # closed
        return False
