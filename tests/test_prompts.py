"""drafter.prompts with the real questionary, keys fed through a prompt_toolkit pipe.

Each test runs the prompts in an app session whose input is a pipe and whose
output is plain text in memory (`Screen`), so a test can also read what the
prompt showed. Keys are sent up front and the pipe is then closed: a test whose
keys do not finish its prompts fails with EOFError instead of hanging.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from terminals import Screen

from drafter import answers, playbook, prompts
from drafter.playbook import Choice, Field

LIBRARY = Path(__file__).parent / "fixtures" / "interactive"

# Keys as the tests write them, and what a terminal sends for each.
KEYS = {
    "⏎": "\r",  # Enter
    "↓": "\x1b[B",
    "↑": "\x1b[A",
    "␣": " ",  # Space: toggles a checkbox
    "⌫": "\x7f",  # Backspace
    "⌃U": "\x15",  # clears the line before the cursor
    "⌃C": "\x03",
    "⌃D": "\x04",
    "⎋⏎": "\x1b\r",  # Esc then Enter: finishes a multiline answer
}


def keys(spec: str) -> str:
    """The keystrokes for `spec`, e.g. "ana⏎⌃Uana@example.com⏎"."""
    for name in sorted(KEYS, key=len, reverse=True):
        spec = spec.replace(name, KEYS[name])
    return spec


class Terminal:
    """The pipe a test types into and the screen the prompts draw on."""

    def __init__(self, pipe: PipeInput, screen: Screen) -> None:
        self.pipe = pipe
        self.screen = screen

    def send(self, typed: str) -> None:
        """Type `typed` (in the notation of KEYS); more may follow."""
        self.pipe.send_text(keys(typed))

    def type(self, typed: str) -> None:
        """Type `typed`, the last of the input: a prompt still waiting after it gets EOFError."""
        self.send(typed)
        self.pipe.close()

    @contextmanager
    def typing_when_shown(self, shown: str, typed: str) -> Iterator[None]:
        """Around prompts: type `typed` (the last of the input) once `shown` is on the screen."""
        seen = threading.Event()

        def run() -> None:
            if self.screen.wait_for(shown):
                seen.set()
                self.send(typed)
            self.pipe.close()  # if never shown, the waiting prompt gets EOFError

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        try:
            yield
        except EOFError:
            if seen.is_set():
                raise
            pytest.fail(f"never shown: {shown!r}\nscreen: {self.screen.text()!r}")
        finally:
            thread.join()


@pytest.fixture
def term(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Terminal]:
    # No real terminal on stdin, stdout or stderr, even under `pytest -s`: drafter.prompts
    # then draws on this session's output, not on a terminal it finds.
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    screen = Screen()
    with (
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=PlainTextOutput(screen)),
    ):
        yield Terminal(pipe, screen)


def ask(term: Terminal, field: Field, default: Any, typed: str) -> Any:
    term.type(typed)
    return prompts.ask(field, default, {})


# --- one field at a time ------------------------------------------------------------------

LANGS = [
    Choice(value="data", label="Data engineering"),
    Choice(value="python"),
    Choice(value="rust"),
]
NAME = Field(name="name", prompt="Name?")
NAME_REQUIRED = Field(name="name", prompt="Name?", required=True)
EMAIL = Field(name="email", prompt="Email?", type="email", required=True)
SITE = Field(name="site", prompt="Site?", type="url")
COUNT = Field(name="count", prompt="How many?", type="number")
POSTCODE = Field(name="postcode", prompt="Postcode?", max_length=5)
NOTES = Field(name="notes", prompt="Anything else?", type="multiline")
NOTES_REQUIRED = Field(name="notes", prompt="Anything else?", type="multiline", required=True)
LANG = Field(name="lang", prompt="Language?", type="choice", choices=LANGS)
PICKS = Field(name="picks", prompt="Languages?", type="multichoice", choices=LANGS)
PICKS_REQUIRED = Field(
    name="picks", prompt="Languages?", type="multichoice", choices=LANGS, required=True
)
CALL = Field(name="call", prompt="Call?", type="confirm")
HELPED = Field(name="name", prompt="Name?", required=True, help="as they write it", example="Sam")
LANG_REQUIRED = Field(name="lang", prompt="Language?", type="choice", choices=LANGS, required=True)
LANG_HELPED = Field(
    name="lang", prompt="Language?", type="choice", choices=LANGS, help="your main one"
)
CALL_HELPED = Field(name="call", prompt="Call?", type="confirm", help="a 20-minute one")


@pytest.mark.parametrize(
    ("field", "default", "typed", "expected"),
    [
        pytest.param(NAME, None, "Ana Ruiz⏎", "Ana Ruiz", id="text-typed"),
        pytest.param(NAME, "Sam", "⏎", "Sam", id="text-default"),
        pytest.param(NAME, "Sam", "uel⏎", "Samuel", id="text-default-edited"),
        pytest.param(NAME, None, "  Ana  ⏎", "Ana", id="text-stripped"),
        pytest.param(NAME, None, "⏎", "", id="optional-skipped"),
        pytest.param(NAME, "Sam", "⌃U⏎", "", id="optional-default-cleared"),
        pytest.param(NAME_REQUIRED, None, "⏎⏎Ana⏎", "Ana", id="required-refuses-empty"),
        pytest.param(EMAIL, None, "ana⏎⌃Uana@example.com⏎", "ana@example.com", id="email"),
        pytest.param(SITE, None, "a site⏎⌃Uexample.com/ana⏎", "example.com/ana", id="url"),
        pytest.param(COUNT, None, "12⏎", 12, id="number-int"),
        pytest.param(COUNT, None, "2.5⏎", 2.5, id="number-float"),
        pytest.param(COUNT, 3, "⏎", 3, id="number-default"),
        pytest.param(COUNT, None, "⏎", None, id="number-skipped"),
        pytest.param(COUNT, None, "a few⏎⌃U4⏎", 4, id="number-invalid-then-valid"),
        pytest.param(NOTES, None, "line one⏎line two⎋⏎", "line one\nline two", id="multiline"),
        pytest.param(NOTES, None, "⎋⏎", "", id="multiline-skipped"),
        pytest.param(LANG, "python", "⏎", "python", id="choice-default-preselected"),
        pytest.param(LANG, "python", "↓⏎", "rust", id="choice-down-from-default"),
        pytest.param(LANG, "python", "↑⏎", "data", id="choice-value-not-label"),
        pytest.param(LANG, None, "⏎", "data", id="choice-first-without-default"),
        # Optional and no default: "(none)" comes last, as --no-input would leave it empty.
        pytest.param(LANG, None, "↓↓↓⏎", "", id="choice-optional-none"),
        pytest.param(LANG_REQUIRED, None, "↓↓↓⏎", "data", id="choice-required-has-no-none"),
        pytest.param(PICKS, None, "␣↓↓␣⏎", ["data", "rust"], id="multichoice-two"),
        pytest.param(PICKS, None, "⏎", [], id="multichoice-none"),
        pytest.param(PICKS, ["python"], "⏎", ["python"], id="multichoice-default-checked"),
        pytest.param(PICKS, "python", "⏎", ["python"], id="multichoice-one-value-default"),
        pytest.param(PICKS, ["python"], "↓␣⏎", [], id="multichoice-default-unchecked"),
        pytest.param(PICKS_REQUIRED, None, "⏎↓␣⏎", ["python"], id="multichoice-refuses-none"),
        pytest.param(CALL, None, "y", True, id="confirm-y"),
        pytest.param(CALL, True, "n", False, id="confirm-n"),
        pytest.param(CALL, True, "⏎", True, id="confirm-default-yes"),
        pytest.param(CALL, False, "⏎", False, id="confirm-default-no"),
        # Without a default, Enter means no: what --no-input gives for the same field.
        pytest.param(CALL, None, "⏎", False, id="confirm-no-default"),
    ],
)
def test_ask(term: Terminal, field: Field, default: Any, typed: str, expected: Any) -> None:
    assert ask(term, field, default, typed) == expected


@pytest.mark.parametrize(
    ("field", "typed", "reason", "fix", "expected"),
    [
        pytest.param(NAME_REQUIRED, "⏎", "an answer is required", "Ana⏎", "Ana", id="required"),
        pytest.param(
            EMAIL,
            "ana⏎",
            "'ana' is not an email address",
            "⌃Uana@example.com⏎",
            "ana@example.com",
            id="email",
        ),
        pytest.param(COUNT, "a few⏎", "expected a number, got 'a few'", "⌃U4⏎", 4, id="number"),
        pytest.param(
            POSTCODE, "123456⏎", "6 characters, at most 5 allowed", "⌫⏎", "12345", id="max-length"
        ),
    ],
)
def test_invalid_answer_shows_the_reason_and_asks_again(
    term: Terminal, field: Field, typed: str, reason: str, fix: str, expected: Any
) -> None:
    term.send(typed)
    with term.typing_when_shown(reason, fix):
        value = prompts.ask(field, None, {})
    assert value == expected


@pytest.mark.parametrize("field", [NAME, NOTES, LANG, PICKS, CALL], ids=lambda f: f.type)
def test_ctrl_c_raises_keyboard_interrupt(term: Terminal, field: Field) -> None:
    with pytest.raises(KeyboardInterrupt):
        ask(term, field, None, "x⌃C")


def test_ctrl_d_on_an_empty_line_raises_eof(term: Terminal) -> None:
    with pytest.raises(EOFError):
        ask(term, NAME_REQUIRED, None, "⌃D")


@pytest.mark.parametrize(
    ("field", "default", "shown"),
    [
        pytest.param(NAME, None, "(optional, Enter to skip)", id="optional"),
        # Enter takes the default here, so the hint must not promise that it skips.
        pytest.param(NAME, "Sam", "(optional)", id="optional-with-default"),
        pytest.param(HELPED, None, "(as they write it; e.g. Sam)", id="help-and-example"),
        # Enter adds a line in a multiline answer: the hint says how to finish instead.
        pytest.param(NOTES, None, "(optional; finish with Esc then Enter)", id="multiline"),
        pytest.param(NOTES_REQUIRED, None, "(finish with Esc then Enter)", id="multiline-required"),
        pytest.param(LANG_HELPED, None, "(your main one; use arrow keys)", id="choice-help"),
        pytest.param(CALL_HELPED, True, "(a 20-minute one) (Y/n)", id="confirm-help"),
    ],
)
def test_instruction_shown(term: Terminal, field: Field, default: Any, shown: str) -> None:
    typed = {"multiline": "x⎋⏎", "choice": "⏎", "confirm": "y"}.get(field.type, "x⏎")
    ask(term, field, default, typed)
    assert f"? {field.prompt} {shown}" in term.screen.text()


# --- the helpers the CLI uses around a draft ----------------------------------------------


def test_pick_returns_the_value_of_the_chosen_item(term: Terminal) -> None:
    term.type("↓⏎")
    items = [("aaa-note", "AAA test: note", "A note."), ("aaa-email", "AAA test: email", "")]
    assert prompts.pick("What do you want to write?", items) == "aaa-email"


GROUPED = [
    (
        "Reaching out",
        [("connection-request", "Ask to connect", ""), ("reconnect", "Reconnect", "")],
    ),
    ("Replying", [("why-connect", "Ask why they connected", "")]),
]


def test_pick_grouped_lists_headings_and_passes_over_them(term: Terminal) -> None:
    term.type("↓↓⏎")  # the pointer starts on the first item; Down skips "── Replying ──"
    assert prompts.pick_grouped("What do you want to write?", GROUPED) == "why-connect"
    screen = term.screen.text()
    assert "── Reaching out ──" in screen and "── Replying ──" in screen


def test_pick_grouped_filters_as_you_type(term: Terminal) -> None:
    term.type("why⏎")
    assert prompts.pick_grouped("What do you want to write?", GROUPED) == "why-connect"


def test_a_reconnect_filter_picks_reconnect(term: Terminal) -> None:
    term.type("RECON⏎")  # any case
    assert prompts.pick_grouped("What do you want to write?", GROUPED) == "reconnect"


# A team library: more playbooks than a terminal of 40 rows (PlainTextOutput's size) can show.
MANY = [("Shared", [(f"pb-{i:03d}", f"Playbook number {i:03d}", "") for i in range(300)])]


def test_a_long_list_is_drawn_a_screenful_at_a_time(term: Terminal) -> None:
    term.type("⏎")
    assert prompts.pick_grouped("What do you want to write?", MANY) == "pb-000"
    screen = term.screen.text()
    assert "Playbook number 020" in screen
    assert "Playbook number 299" not in screen  # never drawn: 80 ms a redraw at 5,000
    assert "↓ 266 more (type to filter)" in screen  # 301 lines (a heading) in 35


def test_the_window_follows_the_pointer(term: Terminal) -> None:
    drawn: list[bool] = []

    def run() -> None:  # each step once the screen shows the last one's effect
        if term.screen.wait_for("↓ 266 more"):
            term.send("↓" * 60)
            drawn.append(term.screen.wait_for("↑ 44 more") and term.screen.wait_for("↓ 222 more"))
            term.send("⏎")
        term.pipe.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        assert prompts.pick_grouped("What do you want to write?", MANY) == "pb-060"
    finally:
        thread.join()
    assert drawn == [True]  # the pointer on line 61 of 301 (a heading first): 44 above


@pytest.mark.parametrize(
    "typed",
    [
        "zzz⌫⌫⌫⏎↓⏎",  # a filter typed and erased leaves the pointer on the heading
        "zzz⏎⌫⌫⌫↓⏎",  # Enter when nothing matches
    ],
)
def test_enter_on_a_heading_or_on_no_match_chooses_nothing(term: Terminal, typed: str) -> None:
    term.type(typed)  # was '── Shared ──', handed on as if it were a playbook
    assert prompts.pick_grouped("What do you want to write?", MANY) == "pb-000"


def test_typing_finds_a_playbook_far_below_the_window(term: Terminal) -> None:
    term.type("number 287⏎")
    assert prompts.pick_grouped("What do you want to write?", MANY) == "pb-287"


def test_text_refuses_empty_then_strips(term: Terminal) -> None:
    term.type("⏎  Ana Ruiz ⏎")
    assert prompts.text("Your name, for the sign-off?") == "Ana Ruiz"


def test_text_not_required_accepts_empty(term: Terminal) -> None:
    term.type("⏎")
    assert prompts.text("Anything?", required=False) == ""


@pytest.mark.parametrize(
    ("typed", "default", "expected"), [("⏎", True, True), ("⏎", False, False), ("n", True, False)]
)
def test_confirm(term: Terminal, typed: str, default: bool, expected: bool) -> None:
    term.type(typed)
    assert prompts.confirm("Save it?", default=default) is expected


# --- a whole playbook through answers.collect ---------------------------------------------

ME = {"name": "Ana Ruiz"}


@pytest.fixture
def note() -> playbook.Playbook:
    """Who is it for? / What do you have in common? (choice, default python) /
    Where did you meet? (default "the {{ topic }} meetup") / Suggest a call? (default no) /
    Which day suits you? (default Tuesday, only `when: call`)."""
    return playbook.load(LIBRARY / "playbooks" / "aaa-note.yaml")


def answered(name: str, topic: str, place: str, call: bool, day: str) -> dict[str, Any]:
    return {"recipient_name": name, "topic": topic, "place": place, "call": call, "call_day": day}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param(
            ["Dr. Sam Lee⏎", "⏎", "⏎", "⏎"],
            answered("Dr. Sam Lee", "python", "the python meetup", False, ""),
            id="defaults-no-call",
        ),
        pytest.param(
            ["Sam⏎", "↓⏎", "⏎", "y", "⏎"],
            answered("Sam", "rust", "the rust meetup", True, "Tuesday"),
            id="templated-default-follows-choice",
        ),
        pytest.param(
            ["Sam⏎", "↑⏎", "⌃UPyCon⏎", "y", "⌃UFriday⏎"],
            answered("Sam", "data", "PyCon", True, "Friday"),
            id="defaults-replaced",
        ),
    ],
)
def test_collect_through_prompts(
    term: Terminal, note: playbook.Playbook, typed: list[str], expected: dict[str, Any]
) -> None:
    term.type("".join(typed))  # one answer a question; "y" alone answers a confirm
    assert answers.collect(note, {}, ME, ask=prompts.ask) == expected
    # `call_day` has `when: call`: asked only when a call was wanted
    assert ("Which day suits you?" in term.screen.text()) is expected["call"]


def test_collect_offers_a_templated_default(term: Terminal, note: playbook.Playbook) -> None:
    # Answer the questions before `place`, see its default filled in from them, then type over it.
    term.send("Sam⏎↓⏎")
    with term.typing_when_shown("? Where did you meet? (optional) the rust meetup", "⌃UPyCon⏎n"):
        values = answers.collect(note, {}, ME, ask=prompts.ask)
    assert values == answered("Sam", "rust", "PyCon", False, "")


def test_collect_asks_only_what_is_not_given(term: Terminal, note: playbook.Playbook) -> None:
    term.type("⏎y⏎")
    values = answers.collect(note, {"recipient_name": "Sam Lee", "topic": "data"}, ME, prompts.ask)
    assert values == answered("Sam Lee", "data", "the data meetup", True, "Tuesday")
    assert "Who is it for?" not in term.screen.text()
    assert "What do you have in common?" not in term.screen.text()


def test_collect_stops_at_ctrl_c(term: Terminal, note: playbook.Playbook) -> None:
    term.type("Sam⏎⌃C")
    with pytest.raises(KeyboardInterrupt):
        answers.collect(note, {}, ME, ask=prompts.ask)
    assert "What do you have in common?" in term.screen.text()
    assert "Where did you meet?" not in term.screen.text()


def test_a_shared_playbooks_strings_cannot_drive_the_terminal(term: Terminal) -> None:
    hostile = Field(
        name="lang",
        prompt="Lang?\x1b]52;c;aGk=\x07\x1b[2J",
        type="choice",
        help="\u202eeno niam",
        choices=[Choice(value="a", label="A\x1b[31m red")],
    )
    assert ask(term, hostile, None, "⏎") == "a"
    drawn = term.screen.getvalue()
    assert "\x1b]52" not in drawn and "[2J" not in drawn and "[31m" not in drawn
    assert "\u202e" not in drawn
    assert "Lang?" in drawn and "A red" in drawn


def test_a_question_follows_an_earlier_answer(term: Terminal) -> None:
    """connection-request asks for the detail its reason needs, and says what it finishes."""
    from drafter.library import builtin

    lib = builtin()
    pb = playbook.load(lib.path_of("connection-request"), lib)
    term.send("sam lee⏎↓↓⏎")  # the name; the third reason: "I read something they posted"
    with term.typing_when_shown("? Which post of theirs?", "Your article on data contracts⏎⏎"):
        values = answers.collect(pb, {}, ME, ask=prompts.ask)
    assert values["reason"] == "their_post"
    assert values["reason_detail"] == "Your article on data contracts"
    assert "it finishes 'I enjoyed …" in term.screen.text()
    assert "Who do you both know?" not in term.screen.text()
