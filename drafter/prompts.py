"""Turning fields into questionary prompts. The only module that imports questionary.

Imported only when drafter actually prompts: questionary and prompt_toolkit
are the heaviest imports drafter has. Every prompt uses `unsafe_ask()` so
Ctrl-C and Ctrl-D reach the CLI, which reports "Cancelled." and exits 130.
"""

from __future__ import annotations

import atexit
import functools
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

import questionary
from prompt_toolkit.output import Output

from drafter import stopping
from drafter.answers import validate
from drafter.errors import AnswerError
from drafter.playbook import Field
from drafter.text import clean


def _isatty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except ValueError:  # closed
        return False


@functools.cache
def _controlling_terminal() -> TextIO | None:
    try:
        tty = open("/dev/tty", "w", encoding="utf-8")
    except OSError:
        return None
    atexit.register(tty.close)
    return tty


def _output() -> Output | None:
    """Where to draw prompts: never on the file or pipe the draft goes to.

    None (prompt_toolkit's default, stdout) when stdout is the terminal; else stderr
    if that is; else, when both are redirected but the keys come from a terminal,
    that terminal itself (`drafter draft x > note.txt 2> log.txt`).
    """
    if _isatty(sys.stdout):
        return None
    from prompt_toolkit.output import create_output

    if _isatty(sys.stderr):
        return create_output(stdout=sys.stderr)
    if sys.platform != "win32" and _isatty(sys.stdin):
        tty = _controlling_terminal()
        if tty is not None:
            return create_output(stdout=tty)
    return None


def _cancellable(question: Any) -> Any:
    """Ctrl-D and SIGINT cancel a choice, multichoice or confirm prompt as they do a text one.

    questionary binds neither there; prompt_toolkit turns SIGINT into a '<sigint>' key.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    extra = KeyBindings()

    @extra.add(Keys.ControlD, eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    @extra.add(Keys.SIGINT, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return _guarded(question)


def _guarded(question: Any) -> Any:
    """A prompt that does not open, but ends at once, when a SIGTERM or SIGHUP is pending."""
    app = question.application

    def pending() -> None:
        try:
            stopping.check()
        except BaseException as exc:  # Stopped: the prompt ends, and run() raises it
            app.exit(exception=exc, style="class:aborting")

    app.pre_run_callables.append(pending)
    return question


def _kwargs() -> dict[str, Any]:
    out = _output()
    return {"output": out} if out is not None else {}


def _validator(field: Field) -> Any:
    def check(raw: Any) -> bool | str:
        try:
            validate(field, raw)
        except AnswerError as exc:
            return exc.reason  # the question is on screen: the reason alone
        return True

    return check


def _instruction(field: Field, has_default: bool) -> str | None:
    parts = []
    if field.frame is not None and field.frame.text:
        parts.append(f"it finishes '{clean(field.frame.text)}'")
    if field.help:
        parts.append(clean(field.help))
    if field.example:
        parts.append(f"e.g. {clean(field.example)}")
    if field.type == "multiline":
        # Enter adds a line here, so it can neither skip nor finish: say what does.
        if not field.required:
            parts.append("optional")
        parts.append("finish with Esc then Enter")
        return f"({'; '.join(parts)})\n>"
    if not field.required and field.type in ("text", "email", "url", "number"):
        # With a default, Enter accepts it; only clearing the answer skips.
        parts.append("optional" if has_default else "optional, Enter to skip")
    return f"({'; '.join(parts)})" if parts else None


def _toolbar(remaining: Callable[[str], str | None]) -> Callable[[], str | None]:
    """A bottom toolbar showing `remaining(text typed so far)`; nothing when that fails."""

    def draw() -> str | None:
        from prompt_toolkit.application import get_app

        try:
            return remaining(get_app().current_buffer.text)
        except Exception:  # a hint, redrawn at each key: it must never end the prompt
            return None

    return draw


def ask(
    field: Field,
    default: Any,
    context: Mapping[str, Any],
    remaining: Callable[[str], str | None] | None = None,
) -> Any:
    """Ask for one field's answer; re-asks with the reason until it is valid.

    `remaining`, for a typed answer, turns the text typed so far into a line for the bottom
    toolbar (the characters left in the message); None shows no toolbar.
    """
    kw = _kwargs()
    message = clean(field.prompt).rstrip()  # playbooks are shared: nothing may drive the terminal
    if field.type == "choice":
        choices = [questionary.Choice(title=clean(c.title), value=c.value) for c in field.choices]
        if not field.required and default is None:
            # Without a terminal this field would be empty; a prompt must allow that too.
            choices.append(questionary.Choice(title="(none)", value=""))
        start = default if default in field.choice_values() else None
        hint = f"({clean(field.help).strip()}; use arrow keys)" if field.help else None
        answer = _cancellable(
            questionary.select(message, choices=choices, default=start, instruction=hint, **kw)
        ).unsafe_ask()
        return validate(field, answer)
    if field.type == "multichoice":
        # A literal default may be one value rather than a list of them.
        picked = set(default if isinstance(default, list) else [default] if default else [])
        choices = [
            questionary.Choice(title=clean(c.title), value=c.value, checked=c.value in picked)
            for c in field.choices
        ]
        answer = _cancellable(
            questionary.checkbox(message, choices=choices, validate=_validator(field), **kw)
        ).unsafe_ask()
        return validate(field, answer)
    if field.type == "confirm":
        # No default means "no", as it does without a terminal (answers.empty).
        yes_no = "(Y/n)" if default else "(y/N)"
        hint = f"({clean(field.help).strip()}) {yes_no}" if field.help else None
        answer = _cancellable(
            questionary.confirm(message, default=bool(default), instruction=hint, **kw)
        ).unsafe_ask()
        return bool(answer)
    text_default = "" if default is None else str(default)
    if remaining is not None:
        kw["bottom_toolbar"] = _toolbar(remaining)
    answer = _guarded(
        questionary.text(
            message,
            default=text_default,
            validate=_validator(field),
            multiline=field.type == "multiline",
            instruction=_instruction(field, bool(text_default)),
            **kw,
        )
    ).unsafe_ask()
    return validate(field, answer)


def pick(message: str, items: Sequence[tuple[str, str, str]], default: str | None = None) -> str:
    """Choose one of `items` (value, title, description); the pointer starts on `default`."""
    choices = [
        questionary.Choice(title=clean(title), value=value, description=clean(desc) or None)
        for value, title, desc in items
    ]
    question = questionary.select(message, choices=choices, default=default, **_kwargs())
    return str(_cancellable(question).unsafe_ask())


def _choices_control(question: Any) -> Any:
    """The control that draws a select question's choices (questionary's InquirerControl)."""
    from questionary.prompts.common import InquirerControl

    layout = question.application.layout
    return next(c for c in layout.find_all_controls() if isinstance(c, InquirerControl))


def pick_grouped(message: str, groups: Sequence[tuple[str, Sequence[tuple[str, str, str]]]]) -> str:
    """Choose one item (value, title, description) of `groups` (heading, items), listed under
    their headings; typing filters the list by title."""
    choices: list[Any] = []
    for heading, items in groups:
        choices.append(questionary.Separator(f"── {clean(heading)} ──"))
        choices += [
            questionary.Choice(title=clean(title), value=value, description=clean(desc) or None)
            for value, title, desc in items
        ]
    question = questionary.select(
        message, choices=choices, use_search_filter=True, use_jk_keys=False, **_kwargs()
    )
    _windowed(question)
    _no_heading(question)
    return str(_cancellable(question).unsafe_ask())


def _no_heading(question: Any) -> None:
    """Enter on a heading, or on a filter nothing matches, chooses nothing: questionary
    returned the heading's title ('── Shared ──') as if it were a playbook. (A filter typed
    and erased leaves the pointer on the first line, a heading.)"""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import Separator

    app = question.application
    control = _choices_control(question)

    @Condition
    def on_heading() -> bool:
        shown = control.filtered_choices
        pointed = control.pointed_at if control.pointed_at is not None else 0
        return not shown or pointed >= len(shown) or isinstance(shown[pointed], Separator)

    keys = KeyBindings()

    @keys.add(Keys.ControlM, filter=on_heading, eager=True)
    def stay(event: Any) -> None:  # nothing to choose: the pointer stays, the question too
        pass

    app.key_bindings = merge_key_bindings([app.key_bindings, keys])


def _windowed(question: Any) -> None:
    """Draw at most a screenful of `question`'s choices, around the pointer, with a line
    saying how many more there are above and below.

    questionary makes every choice's line on every redraw, and prompt_toolkit splits and
    measures them all; with a library of thousands that cost about 80 ms a redraw before the
    question even appeared. Only the lines in view are made (by questionary, from a view of
    the control that holds just those choices); typing still filters all of them.
    """
    from prompt_toolkit.application import get_app

    control = _choices_control(question)
    every: Callable[[], list[Any]] = (
        control._get_choice_tokens
    )  # one line a choice, then a description
    lines_of = type(control)._get_choice_tokens

    def text() -> Any:
        choices = control.filtered_choices
        count = len(choices)
        room = max(get_app().output.get_size().rows - 5, 3)
        if count <= room:
            return every()
        pointed = control.pointed_at if control.pointed_at is not None else 0
        start = min(max(pointed - room // 2, 0), count - room)
        lines: list[list[Any]] = [[]]
        for token in lines_of(_InView(control, choices[start : start + room], pointed - start)):
            lines[-1].append(token)
            if token == ("", "\n"):
                lines.append([])
        shown = [t for line in lines[:room] for t in line]
        tail = [t for line in lines[room:] for t in line]
        above, below = start, count - start - room
        if above:
            shown = [("class:separator", f"   ↑ {above:,} more\n"), *shown]
        if below:
            more = "type to filter" if not control.search_filter else "keep typing"
            if shown and shown[-1] != ("", "\n"):
                shown.append(("", "\n"))
            shown.append(("class:separator", f"   ↓ {below:,} more ({more})"))
            if tail:
                shown.append(("", "\n"))
        return shown + tail

    control.text = text


class _InView:
    """A select question's control as its line-maker sees it: only the choices in view, the
    pointer's place among them; all else (the pointed choice's description) the control's."""

    def __init__(self, control: Any, choices: list[Any], pointed_at: int) -> None:
        self._control = control
        self.filtered_choices = choices
        self.pointed_at = pointed_at

    def __getattr__(self, name: str) -> Any:
        return getattr(self._control, name)


def text(
    message: str, required: bool = True, instruction: str | None = None, default: str = ""
) -> str:
    """Ask for a line of text (`default` is filled in, to accept with Enter or edit)."""

    def check(raw: str) -> bool | str:
        return bool(raw.strip()) or not required or "an answer is required"

    question = questionary.text(
        message, default=default, validate=check, instruction=instruction, **_kwargs()
    )
    return str(_guarded(question).unsafe_ask()).strip()


def menu(message: str, items: Sequence[tuple[str, str, str]], default: str | None = None) -> str:
    """One of `items` (key, title, value): its key alone chooses it, as do arrows and Enter.

    The pointer starts on the item whose value is `default` (else the first).
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    choices = [
        questionary.Choice(title=clean(title), value=value, shortcut_key=key)
        for key, title, value in items
    ]
    question = _cancellable(
        questionary.select(
            message,
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction="(press a key)",
            **_kwargs(),
        )
    )
    app = question.application
    # questionary's shortcut keys only move the pointer; here a key also chooses.
    control = _choices_control(question)
    keys = KeyBindings()
    for index, (key, _, value) in enumerate(items):

        def choose(event: Any, index: int = index, value: str = value) -> None:
            control.pointed_at = index
            control.is_answered = True  # drawn as answered, like Enter
            event.app.exit(result=value)

        keys.add(key, eager=True)(choose)
    app.key_bindings = merge_key_bindings([app.key_bindings, keys])
    return str(question.unsafe_ask())


def search(message: str, items: Sequence[tuple[str, str]]) -> str:
    """Type to find one of `items` (value, title): any part of a title, any case; Tab or the
    arrows complete, and a whole title typed in any case will do. Enter on nothing skips
    (returns "")."""
    titles = {clean(title): value for value, title in items}
    typed = {" ".join(title.casefold().split()): value for title, value in titles.items()}

    def find(raw: str) -> str | None:
        return typed.get(" ".join(raw.casefold().split()))

    def check(raw: str) -> bool | str:
        if not raw.strip() or find(raw) is not None:
            return True
        return "pick one from the list, or leave it empty"

    question = questionary.autocomplete(
        message,
        choices=list(titles),
        validate=check,
        match_middle=True,
        ignore_case=True,
        validate_while_typing=False,  # a part typed so far is not yet an error
        **_kwargs(),
    )
    return find(str(_guarded(question).unsafe_ask())) or ""


def confirm(message: str, default: bool = True) -> bool:
    question = questionary.confirm(message, default=default, **_kwargs())
    return bool(_cancellable(question).unsafe_ask())
