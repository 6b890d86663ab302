"""The review loop after an interactive draft (drafter.review): whole sessions in a real
pseudo-terminal, then the loop's parts in-process with prompt_toolkit pipe input.

The clipboard is made deterministic by the environment, not by replacing code: the
sessions run without DISPLAY or WAYLAND_DISPLAY, so pyperclip finds no clipboard and
drafter sends the text to the terminal (OSC 52), where the test reads the exact bytes.
"""

from __future__ import annotations

import io
import os
import shlex
import sys
import termios
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from click.testing import CliRunner
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from terminals import Screen, Session, picker_position, spawner

from drafter import playbook, prompts, review
from drafter.cli import cli, views
from drafter.errors import UsageError
from drafter.pipeline import Outcome
from drafter.playbook import Field
from drafter.profile import load_profile, load_settings, profile_path, save_profile

LIBRARY = (Path(__file__).parent / "fixtures" / "interactive").resolve()
ME = {"name": "Ana Ruiz", "headline": "", "company": "", "email": "", "phone": "", "linkedin": ""}
ME |= {"signature": "", "linkedin_account": "free"}

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_U = "\x15"

# aaa-note's answers in its order (tests/fixtures/interactive/playbooks/aaa-note.yaml)
WARM = "Hi Sam,\n\nIt was good to meet you at the Python meetup.\n\nAna Ruiz"
BRIEF = "Hi Sam, good to meet you at the Python meetup. Ana"


def shown(text: str) -> str:
    """`text` as the terminal shows it (the tty turns \\n into \\r\\n)."""
    return text.replace("\n", "\r\n")


# --- whole sessions in a pseudo-terminal ---------------------------------------------------

Start = Callable[..., Session]


@pytest.fixture
def start(drafter_home: Path, tmp_path: Path) -> Iterator[Start]:
    """Start `python -m drafter ARGS` (or a shell line) in a pseudo-terminal, in tmp_path."""
    (drafter_home / "profile.yaml").write_text("name: Ana Ruiz\n", encoding="utf-8")
    gone = ("COLUMNS", "LINES", "DISPLAY", "WAYLAND_DISPLAY", "TMUX", "STY")
    env = {k: v for k, v in os.environ.items() if k not in gone}
    env.update(
        DRAFTER_HOME=str(drafter_home),
        DRAFTER_PATH=str(LIBRARY),
        NO_COLOR="1",
        TERM="xterm",
        PROMPT_TOOLKIT_NO_CPR="1",  # the pseudo-terminal never answers a position request
    )
    with spawner(env, tmp_path) as spawn:
        yield spawn


def drafted(s: Session, place: str = ENTER, call: str = "n") -> None:
    """Answer aaa-note: Sam Lee, the default topic, `place` typed, `call`."""
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", place)
    s.answer("Suggest a call?", call)


# Real terminals: in the slow tier, POSIX only.
pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@pty
@pytest.mark.slow
@pytest.mark.parametrize("how", ["draft", "guided"])
def test_switch_style_lists_each_with_its_length(start: Start, how: str) -> None:
    if how == "draft":
        s = start("draft", "aaa-note")
    else:  # the guided flow: the same loop
        s = start()
        s.answer("What do you want to write?", DOWN * picker_position("AAA test: note") + ENTER)
        s.answer("Which style?", ENTER)  # warm
    drafted(s)
    s.expect(shown(WARM))
    s.answer("What next?", "s")
    s.expect("warm: 64/200 characters (current)")
    s.expect("brief: 50/200 characters")
    s.child.send(DOWN + ENTER)
    s.expect("brief style")
    s.expect(BRIEF)
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert s.copied() == []  # in the loop, the guided flow copies only with `c`


@pty
@pytest.mark.slow
def test_change_an_answer_asks_what_it_brings_in_and_drops_what_it_leaves_out(
    start: Start,
) -> None:
    s = start("draft", "aaa-note")
    drafted(s)
    s.expect(shown(WARM))
    # The name: asked again with the answer given before to edit.
    s.answer("What next?", "a")
    s.expect("Who is it for?  [Sam Lee]")
    s.child.send(ENTER)
    s.answer("Who is it for?", CTRL_U + "Kim Park" + ENTER)
    s.expect(shown("Hi Kim,\n\nIt was good to meet you at the Python meetup."))
    # A call: its day (asked only `when: call`) is asked now, and lands in the draft.
    s.answer("What next?", "a")
    s.expect("Suggest a call?  [no]")
    s.child.send(DOWN * 3 + ENTER)
    s.answer("Suggest a call?", "y")
    s.answer("Which day suits you?", CTRL_U + "Friday" + ENTER)
    s.expect(shown("It was good to meet you at the Python meetup.\nCould we talk on Friday?"))
    # No call after all: the day is dropped from the draft and from the answers.
    s.answer("What next?", "a")
    s.expect("Which day suits you?  [Friday]")
    s.child.send(DOWN * 3 + ENTER)
    s.answer("Suggest a call?", "n")
    s.expect(shown("It was good to meet you at the Python meetup.\n\nAna Ruiz"))
    s.answer("What next?", "a")
    s.expect("Suggest a call?  [no]")
    s.expect("Back")
    listed = s.transcript.rsplit("Which answer?", 1)[1]
    assert "Which day suits you?" not in listed
    s.child.send(DOWN * 4 + ENTER)  # Back
    s.answer("What next?", "q")
    assert s.finish() == 0


@pty
@pytest.mark.slow
def test_a_changed_choice_carries_the_default_that_follows_it(start: Start) -> None:
    """The place was taken as its default ('the {{ topic }} meetup'): it follows the topic."""
    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "a")
    s.expect("What do you have in common?  [Python]")
    s.child.send(DOWN + ENTER)
    s.answer("What do you have in common?", DOWN + ENTER)  # Rust
    s.expect("It was good to meet you at the rust meetup.")
    s.answer("What next?", "q")
    assert s.finish() == 0


LONG_PLACE = "the " + "very " * 30 + "long conference in the old harbour warehouse"


@pty
@pytest.mark.slow
@pytest.mark.parametrize("anyway", [False, True], ids=["no", "yes"])
def test_copying_a_draft_that_fails_a_check_asks_first(start: Start, anyway: bool) -> None:
    s = start("draft", "aaa-note")
    drafted(s, place=CTRL_U + LONG_PLACE + ENTER)
    s.child.expect(r"(✗|FAIL) length: 2\d\d/200 characters")
    s.answer("What next?", "c")
    s.child.expect(
        r"The draft fails a check: length: 2\d\d/200 characters \(LinkedIn invitation note, "
        r"\d+ over\)\. Copy it anyway\?"
    )
    s.child.send("y" if anyway else "n")
    s.expect("Sent to the terminal's clipboard" if anyway else "Not copied.")
    s.answer("What next?", "q")
    assert s.finish() == 0
    if anyway:
        [text] = s.copied()
        assert text == f"Hi Sam,\n\nIt was good to meet you at {LONG_PLACE}.\n\nAna Ruiz"
    else:
        assert s.copied() == []


@pty
@pytest.mark.slow
def test_a_draft_that_passes_is_copied_at_once(start: Start) -> None:
    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "c")
    s.expect("Sent to the terminal's clipboard")  # OSC 52: no clipboard tool here
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert s.copied() == [WARM]
    assert "Copy it anyway?" not in s.transcript


@pty
@pytest.mark.slow
def test_k_keeps_someone_new_as_a_contact_with_the_draft(start: Start) -> None:
    from drafter import contacts

    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "c")  # recorded as it leaves; Sam Lee is nobody's contact yet
    s.expect("Sent to the terminal's clipboard")
    s.answer("k) Keep Sam Lee as a contact", "k")
    s.expect("Added Sam Lee.")
    s.answer("What next?", "q")
    assert s.finish() == 0
    sam = contacts.one("sam")
    assert [r.playbook for r in contacts.touches(sam)] == ["aaa-note"]
    again = start("draft", "aaa-note")
    drafted(again)
    again.answer("What next?", "q")  # a contact now: no offer
    assert again.finish() == 0
    assert "Keep Sam Lee" not in again.transcript


@pty
@pytest.mark.slow
def test_k_after_changing_the_name_does_not_give_them_the_draft_sent_to_someone_else(
    start: Start,
) -> None:
    """Copied to Sam, then the name changed to Kim and Kim kept: the copied draft was Sam's,
    so it is not linked to Kim (nor does it schedule or remember anything for her)."""
    from drafter import contacts

    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "c")  # recorded: a draft to Sam Lee
    s.expect("Sent to the terminal's clipboard")
    s.answer("What next?", "a")
    s.expect("Who is it for?  [Sam Lee]")
    s.child.send(ENTER)
    s.answer("Who is it for?", CTRL_U + "Kim Park" + ENTER)
    s.expect(shown("Hi Kim,\n\nIt was good to meet you"))
    s.answer("k) Keep Kim Park as a contact", "k")
    s.expect("Added Kim Park.")
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert contacts.touches(contacts.one("kim")) == []


EDITOR = """\
import sys
from pathlib import Path

path = Path(sys.argv[1])
path.write_text(path.read_text(encoding="utf-8").replace("Hi Sam,", "Hello Sam at [Company],"),
                encoding="utf-8")
"""


@pty
@pytest.mark.slow
def test_edit_by_hand_is_checked_again_and_kept_until_discarded(
    start: Start, tmp_path: Path
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    s = start("draft", "aaa-note", VISUAL=f"{shlex.quote(sys.executable)} {editor}")
    drafted(s)
    s.answer("What next?", "e")
    s.expect("warm style, LinkedIn invitation note, edited by hand")
    s.expect(shown("Hello Sam at [Company],\n\nIt was good to meet you"))
    s.child.expect(r"(✗|FAIL) placeholders: leftover a bracketed placeholder: '\[Company\]'")
    # Switching style would draft again: asked first, and "no" keeps the edit.
    s.answer("What next?", "s")
    s.answer("discards your edit by hand. Go on?", "n")
    s.answer("What next?", "c")
    s.answer("The draft fails a check: placeholders", "y")
    s.expect("Sent to the terminal's clipboard")  # OSC 52: no clipboard tool here
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert s.copied() == [WARM.replace("Hi Sam,", "Hello Sam at [Company],")]
    assert "Which style?" not in s.transcript


@pty
@pytest.mark.slow
def test_edit_left_unchanged_changes_nothing(start: Start) -> None:
    s = start("draft", "aaa-note", VISUAL="true")  # exits without saving
    drafted(s)
    s.answer("What next?", "e")
    s.expect("No change.")
    s.answer("What next?", "c")
    s.expect("Sent to the terminal's clipboard")  # OSC 52: no clipboard tool here
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert s.copied() == [WARM]
    assert "edited by hand" not in s.transcript


@pty
@pytest.mark.slow
def test_write_to_a_file_never_replaces_one_unasked(start: Start, tmp_path: Path) -> None:
    target = tmp_path / "aaa-note-sam-lee.txt"
    target.write_text("old\n", encoding="utf-8")
    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "w")
    s.expect("Write it to which file?")
    s.answer("aaa-note-sam-lee.txt", ENTER)  # the default: the playbook and the recipient
    s.answer("aaa-note-sam-lee.txt already exists. Replace it?", "n")
    s.expect("Not written.")
    assert target.read_text(encoding="utf-8") == "old\n"
    s.answer("What next?", "w")
    s.answer("Write it to which file?", ENTER)
    s.answer("Replace it?", "y")
    s.expect("Wrote aaa-note-sam-lee.txt")
    s.answer("What next?", "w")
    s.answer("Write it to which file?", CTRL_U + "notes/sam.txt" + ENTER)
    s.expect("Wrote notes/sam.txt")
    s.answer("What next?", "q")
    assert s.finish() == 0
    assert target.read_text(encoding="utf-8") == WARM + "\n"
    assert (tmp_path / "notes" / "sam.txt").read_text(encoding="utf-8") == WARM + "\n"


@pty
@pytest.mark.slow
def test_a_file_that_cannot_be_written_is_said_and_the_loop_goes_on(
    start: Start, tmp_path: Path
) -> None:
    (tmp_path / "taken").mkdir()
    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", "w")
    s.answer("Write it to which file?", CTRL_U + "taken" + ENTER)
    s.expect("drafter: warning: taken: is a directory, not a regular file")
    s.answer("What next?", "q")
    assert s.finish() == 0


@pty
@pytest.mark.slow
@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_in_the_menu_cancels_and_leaves_the_terminal_sane(start: Start, key: str) -> None:
    s = start("draft", "aaa-note")
    drafted(s)
    s.expect("What next?")
    assert not termios.tcgetattr(s.child.child_fd)[3] & termios.ECHO  # the menu's raw mode
    s.child.send(key)
    s.expect("Cancelled.")
    s.child.expect(pexpect.EOF)
    assert termios.tcgetattr(s.child.child_fd)[3] & termios.ECHO, "left without echo"
    assert s.finish() == 130
    assert "Traceback" not in s.transcript


@pty
@pytest.mark.slow
def test_enter_on_done_leaves(start: Start) -> None:
    s = start("draft", "aaa-note")
    drafted(s)
    s.answer("What next?", ENTER)  # the pointer starts on Done
    assert s.finish() == 0


@pty
@pytest.mark.slow
@pytest.mark.parametrize("off", ["--no-review", "profile"])
def test_no_review_keeps_the_one_shot_run(start: Start, drafter_home: Path, off: str) -> None:
    if off == "profile":
        (drafter_home / "profile.yaml").write_text(
            "name: Ana Ruiz\nreview: false\n", encoding="utf-8"
        )
    s = start("draft", "aaa-note", *(["--no-review"] if off == "--no-review" else []))
    drafted(s)
    s.expect(shown(WARM))
    s.expect("Other styles: brief (--variant NAME)")
    assert s.finish() == 0
    assert "What next?" not in s.transcript


@pty
@pytest.mark.slow
def test_no_loop_when_stdout_is_not_a_terminal(start: Start, tmp_path: Path) -> None:
    s = start(shell=f"exec {shlex.quote(sys.executable)} -m drafter draft aaa-note > out.txt")
    drafted(s)
    s.expect("length")
    assert s.finish() == 0
    assert "What next?" not in s.transcript
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == WARM + "\n"


@pty
@pytest.mark.slow
@pytest.mark.parametrize("flag", [["--format", "json"], ["--output", "note.txt"]])
def test_no_loop_with_json_or_output(start: Start, tmp_path: Path, flag: list[str]) -> None:
    s = start("draft", "aaa-note", *flag)
    drafted(s)
    assert s.finish() == 0
    assert "What next?" not in s.transcript


@pty
@pytest.mark.slow
def test_the_characters_left_show_below_a_typed_answer(start: Start) -> None:
    """In a terminal that answers prompt_toolkit's cursor-position request, as real ones do
    (prompt_toolkit draws a bottom toolbar only once it knows the rows below the cursor)."""
    s = start("draft", "aaa-note", PROMPT_TOOLKIT_NO_CPR="0")
    s.answer("\x1b[6n", "\x1b[1;1R")  # the cursor is at the top left
    s.expect("Who is it for?")
    s.expect("158 characters left of 200 in the message")  # "Hi ,\n\nIt was good … at.\n\nAna Ruiz"
    s.child.send(CTRL_C)
    s.expect("Cancelled.")
    assert s.finish() == 130


@pty
@pytest.mark.slow
def test_copy_and_strict_around_the_loop(start: Start) -> None:
    """--copy copies as the loop opens; --strict judges the draft as it is when left."""
    s = start("draft", "aaa-note", "--copy", "--strict", VISUAL="false")
    drafted(s, place=CTRL_U + LONG_PLACE + ENTER)
    s.answer("Copy it anyway?", "n")
    s.answer("What next?", "e")
    s.expect("drafter: warning: false: Editing failed")  # an editor that fails: said, loop goes on
    s.answer("What next?", "q")
    s.expect("checks failed under --strict: length")
    assert s.finish() == 1
    assert s.copied() == []


# --- in-process: the loop's parts, prompts through a prompt_toolkit pipe ---------------------


class Terminal:
    def __init__(self, pipe: PipeInput, screen: Screen) -> None:
        self.pipe = pipe
        self.screen = screen

    def type(self, keys: str) -> None:
        """Type `keys`, the last of the input: a prompt still waiting after it gets EOFError."""
        self.pipe.send_text(keys)
        self.pipe.close()

    def type_each(self, steps: list[tuple[str, str]]) -> threading.Thread:
        """For each (shown, keys): once `shown` is on the screen, type `keys`; then close."""

        def run() -> None:
            for text, keys in steps:
                if not self.screen.wait_for(text):
                    break
                self.pipe.send_text(keys)
            self.pipe.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


@pytest.fixture
def term(monkeypatch: pytest.MonkeyPatch) -> Iterator[Terminal]:
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # no terminal: prompts draw on the screen
    screen = Screen()
    with (
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=PlainTextOutput(screen)),
    ):
        yield Terminal(pipe, screen)


@pytest.fixture
def note() -> playbook.Playbook:
    return playbook.load(LIBRARY / "playbooks" / "aaa-note.yaml")


def given_note(**changed: Any) -> dict[str, Any]:
    return {
        "recipient_name": "Sam Lee",
        "topic": "python",
        "place": "the python meetup",
        "call": False,
    } | changed


def test_counter_renders_the_message_with_the_text_typed_so_far(note: playbook.Playbook) -> None:
    count = review.counter(note, "warm", note.fields[2], {**given_note(), "me": ME})
    assert count is not None
    assert count("PyCon") == (len(WARM.replace("the Python meetup", "PyCon")), 200)
    assert count("PyCon 2025") == (count("PyCon")[0] + len(" 2025"), 200)
    brief = review.counter(note, "brief", note.fields[2], {**given_note(), "me": ME})
    assert brief is not None and brief("PyCon")[0] < count("PyCon")[0]


def test_counter_fills_later_fields_with_their_literal_defaults(note: playbook.Playbook) -> None:
    # Typing the name: topic (default python) and call (default no) are not answered yet.
    count = review.counter(note, "warm", note.fields[0], {"me": ME})
    assert count is not None
    used, _ = count("Sam")
    # The place has no literal default: empty, it leaves "at." (normalised, not "at .")
    assert used == len("Hi Sam,\n\nIt was good to meet you at.\n\nAna Ruiz")


def test_counter_follows_the_premium_limit(note: playbook.Playbook) -> None:
    count = review.counter(
        note, "warm", note.fields[0], {"me": {**ME, "linkedin_account": "premium"}}
    )
    assert count is not None and count("Sam")[1] == 300


def test_no_counter_for_a_choice_or_an_unlimited_channel(note: playbook.Playbook) -> None:
    assert review.counter(note, "warm", note.fields[1], {"me": ME}) is None  # a choice
    email = playbook.load(LIBRARY / "playbooks" / "aaa-email.yaml")
    assert review.counter(email, "plain", email.fields[1], {"me": ME}) is None


@pytest.mark.parametrize(
    ("used", "limit", "expected"),
    [
        (64, 200, "136 characters left of 200 in the message"),
        (200, 200, "0 characters left of 200 in the message"),
        (1244, 300, "944 characters over the 300 the message may have"),
    ],
)
def test_chars_left(used: int, limit: int, expected: str) -> None:
    assert views.chars_left(used, limit) == expected


def test_the_toolbar_shows_the_characters_left_in_the_message(
    term: Terminal, note: playbook.Playbook
) -> None:
    asker = review.Asker(note, "warm", {})
    # Nothing typed yet: "…meet you at.\n\nAna Ruiz" is 46 characters.
    thread = term.type_each([("154 characters left of 200 in the message", "PyCon" + ENTER)])
    value = asker(note.fields[2], None, {**given_note(), "me": ME})
    thread.join()
    assert value == "PyCon"


def test_the_toolbar_is_redrawn_with_the_text_typed_so_far(term: Terminal) -> None:
    typed: list[str] = []
    seen = threading.Event()

    def remaining(text: str) -> str:
        typed.append(text)
        if text == "PyCon":
            seen.set()
        return f"{len(text)} typed"

    def type_then_enter() -> None:
        term.pipe.send_text("PyCon")
        if seen.wait(10):
            term.pipe.send_text(ENTER)
        term.pipe.close()

    thread = threading.Thread(target=type_then_enter, daemon=True)
    thread.start()
    value = prompts.ask(Field(name="place", prompt="Where?"), None, {}, remaining=remaining)
    thread.join()
    assert value == "PyCon"
    assert typed[0] == "" and typed[-1] == "PyCon"
    assert "0 typed" in term.screen.text()


def test_a_failing_toolbar_shows_nothing_and_the_prompt_goes_on(term: Terminal) -> None:
    def broken(typed: str) -> str | None:
        raise RuntimeError("no")

    term.type("Sam" + ENTER)
    assert prompts.ask(Field(name="n", prompt="Name?"), None, {}, remaining=broken) == "Sam"


def test_styles_lists_every_variant_with_its_count(note: playbook.Playbook) -> None:
    session = review.start(note, "warm", given_note(), ME)
    listed = [
        (name, o.chars if o else None, o.limit if o else None) for name, o in session.styles()
    ]
    assert listed == [("warm", len(WARM), 200), ("brief", len(BRIEF), 200)]
    assert session.outcome.text == WARM  # listing them changes nothing


@pytest.mark.parametrize(
    ("chars", "limit", "current", "expected"),
    [
        (64, 200, True, "warm: 64/200 characters (current)"),
        (244, 200, False, "warm: 244/200 characters, 44 over"),
        (1200, None, False, "warm: 1,200 characters"),
        (None, None, False, "warm: cannot be drafted with these answers"),
    ],
)
def test_style_choice(chars: int | None, limit: int | None, current: bool, expected: str) -> None:
    assert views.style_choice("warm", chars, limit, current=current) == expected


def test_switch_keeps_the_answers(note: playbook.Playbook) -> None:
    session = review.start(note, "warm", given_note(place="PyCon"), ME)
    session.switch("brief")
    assert session.outcome.text == "Hi Sam, good to meet you at PyCon. Ana"
    assert (
        session.outcome.answers
        == review.start(note, "brief", given_note(place="PyCon"), ME).outcome.answers
    )


def test_change_asks_a_field_the_change_brings_in(term: Terminal, note: playbook.Playbook) -> None:
    session = review.start(note, "warm", given_note(place="PyCon"), ME)
    term.type(CTRL_U + "Friday" + ENTER)
    session.change("call", True)
    assert "Could we talk on Friday?" in session.outcome.text
    assert [f.name for f, _ in session.fields()][-2:] == ["call", "call_day"]
    assert "Who is it for?" not in term.screen.text()  # nothing else asked again


def test_change_drops_a_field_the_change_leaves_out(note: playbook.Playbook) -> None:
    session = review.start(note, "warm", given_note(call=True, call_day="Friday"), ME)
    session.change("call", False)
    assert "Could we talk" not in session.outcome.text
    assert "call_day" not in [f.name for f, _ in session.fields()]
    assert session.outcome.answers["call_day"] == ""


def test_a_given_answer_that_is_not_a_field_still_fails(note: playbook.Playbook) -> None:
    with pytest.raises(UsageError, match="has no field 'plce'"):
        review.start(note, "warm", given_note(plce="PyCon"), ME)


def test_edit_checks_the_text_again(note: playbook.Playbook) -> None:
    session = review.start(note, "warm", given_note(), ME)
    assert session.current.ok
    session.edit("Hi [Name], good to meet you.")
    failed = [r.id for r in session.current.checks if not r.ok]
    assert failed == ["placeholders"]
    assert session.text == "Hi [Name], good to meet you."
    assert session.current.draft.body == "Hi [Name], good to meet you."
    session.switch("brief")  # drafting again drops the edit
    assert session.text == BRIEF and session.current.ok


def test_edit_of_an_email_splits_its_subject_again() -> None:
    email = playbook.load(LIBRARY / "playbooks" / "aaa-email.yaml")
    session = review.start(email, "plain", {"to": "sam@example.com", "recipient_name": "Sam"}, ME)
    session.edit("Subject: Coffee?\n\nDear Sam,\n\nCoffee next week?\n\nAna")
    assert session.current.subject == "Coffee?"
    assert session.current.body == "Dear Sam,\n\nCoffee next week?\n\nAna"
    assert session.current.to == ["sam@example.com"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (given_note(), "aaa-note-sam-lee.txt"),
        (given_note(recipient_name="Zoë O'Brien (Zo)"), "aaa-note-zoë-o-brien-zo.txt"),
        (given_note(recipient_name="../../etc/passwd"), "aaa-note-etc-passwd.txt"),
    ],
)
def test_default_file(note: playbook.Playbook, given: dict[str, Any], expected: str) -> None:
    assert review.default_file(review.start(note, "warm", given, ME)) == expected


def test_actions_by_channel() -> None:
    keys = [a.key for a in review.actions("linkedin-note", styles=2)]
    assert keys == ["c", "s", "a", "e", "w"]
    assert "s" not in [a.key for a in review.actions("email", styles=1)]


def test_the_loop_tells_on_leave_what_left_and_as_what_text(
    term: Terminal,
    note: playbook.Playbook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The hook history plugs into: each copy and write, with the text as it left. The CLI's
    own copy and edit are used; only the system clipboard is pyperclip's fake."""
    import pyperclip

    from drafter.cli import draft

    monkeypatch.chdir(tmp_path)
    clipboard: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", clipboard.append)
    monkeypatch.setattr(pyperclip, "paste", lambda: clipboard[-1] if clipboard else "")
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} {editor}")
    session = review.start(note, "warm", given_note(place="PyCon"), ME)
    left: list[tuple[str, Outcome, str]] = []

    term.type("c" + "e" + "c" + "y" + "w" + ENTER + "q")  # keys typed ahead wait for a prompt
    final = review.loop(
        session, copy=draft._copy_reviewed, edit=draft._edit, on_leave=lambda *a: left.append(a)
    )
    first = WARM.replace("the Python meetup", "PyCon")
    edited = first.replace("Hi Sam,", "Hello Sam at [Company],")
    assert [(a, t) for a, _, t in left] == [
        ("copied", first),
        ("copied", edited),  # after "y": it fails the placeholders check
        ("written", edited),
    ]
    assert [r.id for r in left[-1][1].checks if not r.ok] == ["placeholders"]
    assert left[-1][1].body == edited and final.body == edited
    assert clipboard == [first, edited]
    assert capsys.readouterr().err.count("Copied") == 2
    assert (tmp_path / "aaa-note-sam-lee.txt").read_text(encoding="utf-8") == edited + "\n"


# --- the profile's `review` setting ---------------------------------------------------------


def test_review_is_on_unless_the_profile_says_otherwise(drafter_home: Path) -> None:
    assert load_settings()["review"] is True
    profile_path().write_text("name: Ana\nreview: no\n", encoding="utf-8")
    assert load_settings()["review"] is False and load_settings()["history"] is True
    assert load_profile()["name"] == "Ana"  # not part of `me`
    assert "review" not in load_profile()


def test_review_setting_is_saved_beside_the_sender(drafter_home: Path) -> None:
    result = CliRunner().invoke(cli, ["profile", "set", "name=Ana Ruiz", "review=false"])
    assert result.exit_code == 0, result.output
    save_profile({"company": "Acme"})  # a later save keeps it
    saved = yaml.safe_load(profile_path().read_text(encoding="utf-8"))
    assert saved == {"name": "Ana Ruiz", "company": "Acme", "review": False}
    save_profile({"review": "yes"})  # the default is not written
    assert "review" not in yaml.safe_load(profile_path().read_text(encoding="utf-8"))


@pytest.mark.parametrize("value", ["maybe", "[1]"])
def test_a_review_setting_that_is_not_yes_or_no_is_refused(drafter_home: Path, value: str) -> None:
    profile_path().write_text(f"review: {value}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="review: expected true or false"):
        load_settings()


def test_an_empty_review_setting_is_the_default(drafter_home: Path) -> None:
    """As `drafter profile set review=` clears it, an empty value in the file is the default."""
    profile_path().write_text("review: ''\n", encoding="utf-8")
    assert load_settings()["review"] is True


def test_field_listing_shows_answers_as_people_read_them(note: playbook.Playbook) -> None:
    given = given_note(topic="data", call=True, call_day="Tuesday")
    session = review.start(note, "warm", given, ME)
    listed = {
        f.name: views.answer_choice(
            f.prompt, views.answer_text(v, {c.value: c.title for c in f.choices})
        )
        for f, v in session.fields()
    }
    assert listed["topic"] == "What do you have in common?  [Data engineering]"
    assert listed["call"] == "Suggest a call?  [yes]"
    assert listed["call_day"] == "Which day suits you?  [Tuesday]"
    long = views.answer_choice("Where?", "x" * 80)
    assert long == "Where?  [" + "x" * 39 + "…]"


def test_an_email_draft_is_written_as_an_eml_its_mail_client_opens(
    term: Terminal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For email, `w` offers drafter-style .eml (To, Subject, body, a draft) and `m` is in the
    menu; other channels keep a plain text file and have no `m`."""
    import email
    from email import policy

    from drafter.cli import draft
    from drafter.library import Search

    monkeypatch.chdir(tmp_path)
    pb = Search().load("double-intro")
    given = {
        "person_a_name": "Priya Shah",
        "person_a_email": "priya@example.com",
        "person_a_context": "head of data at Northwind",
        "person_b_name": "Marco Bianchi",
        "person_b_email": "marco@example.com",
        "person_b_context": "a product lead at Lumen",
        "why_connect": "Marco's team is about to make the move Priya's team made",
        "person_a_how": "we worked together at Acme",
        "person_b_how": "we met at PyCon",
        "person_a_offers": "what her team learned moving to streaming",
        "person_b_offers": "a look at Lumen's new tooling",
        "first_move": "b",
        "both_agreed": True,
    }
    me = {**ME, "email": "ana@example.org"}
    session = review.start(pb, "warm", {**given, "me": me}, {})
    menu = [a.key for a in review.actions("email", 2)]
    assert "m" in menu and "m" not in [a.key for a in review.actions("linkedin-note", 2)]
    term.type("w" + ENTER + "q")
    final = review.loop(session, copy=draft._copy_reviewed, edit=draft._edit)
    written = tmp_path / "double-intro-priya-shah.eml"
    message = email.message_from_bytes(written.read_bytes(), policy=policy.default)
    assert message["To"] == "priya@example.com, marco@example.com"
    assert message["From"] == "Ana Ruiz <ana@example.org>" and message["X-Unsent"] == "1"
    assert message["Subject"] == final.subject
    body = message.get_body()
    assert body is not None and body.get_content().replace("\r\n", "\n").strip() == final.body


@pty
@pytest.mark.slow
def test_again_and_last_bring_back_a_recorded_draft(start: Start) -> None:
    """Next week: `drafter again ID` opens the loop on the same draft, and `--last` offers
    last time's answers at every prompt, so Enter alone drafts it again."""
    s = start("draft", "aaa-note")
    drafted(s, place=CTRL_U + "PyCon" + ENTER)
    s.answer("What next?", "c")  # copied: the draft leaves drafter, and is recorded
    s.expect("Sent to the terminal's clipboard")
    s.answer("What next?", "q")
    assert s.finish() == 0
    first = s.transcript
    assert "good to meet you at PyCon" in first or "at PyCon" in first

    again = start("again", "1")
    again.expect("What next?")
    again.child.send("q")
    assert again.finish() == 0
    assert "at PyCon" in again.transcript and "Who is it for?" not in again.transcript

    last = start("draft", "aaa-note", "--last")
    last.answer("Who is it for?", ENTER)  # the default offered: Sam Lee, as last time
    last.answer("What do you have in common?", ENTER)
    last.answer("Where did you meet?", ENTER)  # PyCon, not the playbook's default
    last.answer("Suggest a call?", ENTER)
    last.expect("What next?")
    last.child.send("q")
    assert last.finish() == 0
    assert "Hi Sam," in last.transcript and "at PyCon" in last.transcript
