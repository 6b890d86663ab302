"""Whole sessions of `python -m drafter` in a real pseudo-terminal, driven with pexpect.

Every key is sent only after the prompt it answers is on the screen: keys sent
between two prompts would meet a terminal in cooked mode, not prompt_toolkit.
The playbooks come from tests/fixtures/interactive, never the built-ins.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
import termios
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from terminals import Session, picker_position, spawner

# Whole sessions in a pseudo-terminal: in the slow tier (CI runs everything).
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
    pytest.mark.slow,
]

LIBRARY = (Path(__file__).parent / "fixtures" / "interactive").resolve()

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_U = "\x15"  # clears the line before the cursor

# These sessions are about prompting and end with the draft: the review loop (tested in
# tests/test_review.py) is off, as a profile can set it.
PROFILE = "name: Ana Ruiz\nreview: false\n"
CHECKED = r"(✓|ok) length: \d+/200 characters"  # the checks summary, in a UTF-8 terminal or not

Start = Callable[..., Session]


@pytest.fixture
def home(drafter_home: Path) -> Path:
    """DRAFTER_HOME with a saved profile, so the sign-off name is not asked."""
    (drafter_home / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    return drafter_home


@pytest.fixture
def start(drafter_home: Path, tmp_path: Path) -> Iterator[Start]:
    """Start drafter (`start("draft", "aaa-note")`) or a shell line (`start(shell="...")`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(
        DRAFTER_HOME=str(drafter_home),
        DRAFTER_PATH=str(LIBRARY),
        NO_COLOR="1",
        TERM="xterm",
        # The pseudo-terminal never answers prompt_toolkit's cursor-position request;
        # without this each prompt waits for the reply before giving up.
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    with spawner(env, tmp_path) as spawn:
        yield spawn


def lines(*text: str) -> str:
    """What the terminal shows for these lines of a draft (the tty turns \\n into \\r\\n)."""
    return "\r\n".join(text)


# --- 1. the no-argument picker on a first run ---------------------------------------------


@pytest.mark.parametrize("save", [True, False], ids=["save-name", "do-not-save"])
def test_first_run_picks_a_playbook_and_style(start: Start, drafter_home: Path, save: bool) -> None:
    s = start()
    s.answer("What do you want to write?", DOWN * picker_position("AAA test: note") + ENTER)
    s.answer("Which style?", DOWN + ENTER)  # warm, brief
    s.answer("Your name, for the sign-off?", "Ana Ruiz" + ENTER)
    s.answer("Save it to your profile", "y" if save else "n")
    s.answer("Who is it for?", "Dr. Sam Lee" + ENTER)
    s.answer("What do you have in common?", DOWN + ENTER)  # data, python (default), rust
    s.answer("Where did you meet?", ENTER)  # default: "the {{ topic }} meetup"
    s.answer("Suggest a call?", "n")
    s.expect("Hi Sam, good to meet you at the rust meetup. Ana")
    s.child.expect(CHECKED)
    s.answer("What next?", "c")  # the review loop: the guided flow ends on the clipboard
    # A tool's, or the terminal's (OSC 52) without one.
    s.child.expect(r"Copied\.|Sent to the terminal's clipboard \(OSC 52\), which some")
    s.answer("What next?", "q")
    assert s.finish() == 0
    profile = drafter_home / "profile.yaml"
    if save:
        assert yaml.safe_load(profile.read_text(encoding="utf-8")) == {"name": "Ana Ruiz"}
    else:
        assert not profile.exists()


def test_the_guided_flow_says_who_is_due_and_drafts_to_a_contact(start: Start, home: Path) -> None:
    from drafter import contacts

    contacts.add("Kim Nguyen", {"cadence": "every 1m", "connected": "2026-01-01"})
    contacts.add("Kim Park", {"company": "Ramp"})
    contacts.add("Sam Lee", {})
    s = start(DRAFTER_NOW="2026-03-02T09:00")
    s.expect("1 person is due for a follow-up: see 'drafter due'.")
    s.answer("What do you want to write?", DOWN * picker_position("AAA test: note") + ENTER)
    s.answer("Which style?", DOWN + ENTER)  # brief
    s.answer("Who is it to?", "pa")  # type to search: any part of the name
    s.expect("rk")  # the one match, "Kim Park", listed with the typed part underlined
    s.child.send("\t")  # Tab completes it
    s.answer("Kim Park", ENTER)
    s.answer("What do you have in common?", ENTER)  # no "Who is it for?": Kim Park is
    s.answer("Where did you meet?", ENTER)
    s.answer("Suggest a call?", "n")
    s.expect("Hi Kim, good to meet you at the Python meetup. Ana")
    assert s.finish() == 0


def test_due_at_a_terminal_starts_the_suggested_draft_to_them(start: Start, home: Path) -> None:
    import json

    from click.testing import CliRunner

    from drafter import contacts
    from drafter.cli import cli

    contacts.add("Kim Nguyen", {"company": "Ramp"})
    args = ["draft", "connection-request", "--no-input", "--to", "kim", "--format", "json",
            "--set", "reason=same_field", "--set", "reason_detail=data engineering"]  # fmt: skip
    then = {"DRAFTER_NOW": "2026-03-02T09:00"}
    sent = CliRunner().invoke(cli, args, env=then)
    assert sent.exit_code == 0, sent.stderr
    marked = ["history", "sent", str(json.loads(sent.stdout)["history_id"])]
    assert CliRunner().invoke(cli, marked, env=then).exit_code == 0
    s = start("due", DRAFTER_NOW="2026-03-10T09:00")
    s.expect("Kim Nguyen")
    s.expect("thanks-for-connecting")
    s.answer("Draft one now?", "\x1b[A" + ENTER)  # up from "Not now" (the default): Kim's
    s.answer("What drew you to them?", "your talk on data contracts" + ENTER)  # not who: Kim
    s.answer("How would you like to meet?", ENTER)
    s.answer("A question you'd like to ask them", ENTER)
    s.answer("Something you could offer in return", ENTER)
    s.expect("Hi Kim,")
    assert s.finish() == 0
    assert "Who accepted your invitation?" not in s.transcript


def test_due_drafts_the_introduction_follow_up_to_both_people(start: Start, home: Path) -> None:
    import json

    from click.testing import CliRunner

    from drafter import contacts
    from drafter.cli import cli

    contacts.add("Priya Shah", {"email": "priya@northwind.example"})
    contacts.add("Marco Bianchi", {"email": "marco@lumen.example"})
    then = {"DRAFTER_NOW": "2026-03-02T09:00"}
    args = ["draft", "double-intro", "--no-input", "--to", "marco", "--to", "priya",
            "--format", "json", "--set", "person_a_context=a product lead",
            "--set", "person_b_context=head of data", "--set", "why_connect=streaming",
            "--set", "both_agreed=yes"]  # fmt: skip
    sent = CliRunner().invoke(cli, args, env=then)
    assert sent.exit_code == 0, sent.stderr
    marked = ["history", "sent", str(json.loads(sent.stdout)["history_id"])]
    assert CliRunner().invoke(cli, marked, env=then).exit_code == 0
    s = start("due", DRAFTER_NOW="2026-03-10T09:00")
    s.expect("intro-follow-up")
    s.answer("Draft one now?", "\x1b[A\x1b[A" + ENTER)  # the first of the two: Marco's
    s.answer("What did you introduce them about?", ENTER)  # not who: both are known
    s.answer("Ask whether they connected?", ENTER)
    s.answer("Anything else to say?", ENTER)
    s.expect("Hi Marco and Priya,")
    assert s.finish() == 0


def test_to_a_name_that_fits_two_asks_which(start: Start, home: Path) -> None:
    from drafter import contacts

    contacts.add("Kim Nguyen", {"company": "Lumen"})
    contacts.add("Kim Park", {"company": "Ramp", "position": "Head of Data"})
    s = start("draft", "aaa-note", "--variant", "brief", "--to", "kim")
    s.expect("Which kim?")
    s.expect("Description: Lumen")  # each told apart by what is known of them
    s.child.send(DOWN)  # Kim Nguyen, Kim Park: the second
    s.expect("Head of Data · Ramp")
    s.child.send(ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", ENTER)
    s.answer("Suggest a call?", "n")
    s.expect("Hi Kim, good to meet you at the Python meetup. Ana")
    assert s.finish() == 0
    from drafter import history

    assert history.find()[0].people == ["Kim Park"]


def test_who_is_it_to_is_skipped_with_enter(start: Start, home: Path) -> None:
    from drafter import contacts

    contacts.add("Kim Park", {})
    s = start()
    s.answer("What do you want to write?", DOWN * picker_position("AAA test: note") + ENTER)
    s.answer("Which style?", DOWN + ENTER)
    s.answer("Who is it to?", "kim" + ENTER)  # not a whole name: asked again
    s.expect("pick one from the list, or leave it empty")
    s.child.send(CTRL_U + ENTER)  # nothing: skipped
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", ENTER)
    s.answer("Suggest a call?", "n")
    s.expect("Hi Sam, good to meet you at the Python meetup. Ana")
    assert s.finish() == 0
    assert "due for a follow-up" not in s.transcript


def test_ctrl_c_in_the_picker_cancels(start: Start) -> None:
    s = start()
    s.answer("What do you want to write?", CTRL_C)
    s.expect("Cancelled.")
    assert s.finish() == 130
    assert "Traceback" not in s.transcript


# --- 2. defaults taken with Enter ---------------------------------------------------------


def test_picker_skips_a_broken_playbook(start: Start, drafter_home: Path) -> None:
    broken = drafter_home / "playbooks" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_text("title: Broken\nchannel: nowhere\n", encoding="utf-8")
    s = start()
    s.answer("What do you want to write?", CTRL_C)
    s.expect("Cancelled.")
    assert s.finish() == 130
    assert "skipping broken" in s.transcript  # a warning names the playbook it skipped


def test_enter_takes_the_defaults(start: Start, home: Path) -> None:
    s = start("draft", "aaa-note")
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", ENTER)
    s.answer("Suggest a call?", ENTER)
    s.expect(lines("Hi Sam,", "", "It was good to meet you at the Python meetup.", "", "Ana Ruiz"))
    s.child.expect(CHECKED)
    assert s.finish() == 0
    assert "Your name, for the sign-off?" not in s.transcript  # the profile has it
    assert "Which day suits you?" not in s.transcript  # asked only when a call is wanted


def test_a_conditional_question_and_its_default(start: Start, home: Path) -> None:
    s = start("draft", "aaa-note")
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", ENTER)
    s.answer("Suggest a call?", "y")
    s.answer("Which day suits you?", ENTER)
    s.expect(
        lines(
            "Hi Sam,",
            "",
            "It was good to meet you at the Python meetup.",
            "Could we talk on Tuesday?",
            "",
            "Ana Ruiz",
        )
    )
    assert s.finish() == 0


# --- 3 and 4. cancelling --------------------------------------------------------------------


# The answers that lead to each prompt of aaa-note.
BEFORE_CHOICE = [("Who is it for?", "Sam" + ENTER)]
BEFORE_PLACE = [*BEFORE_CHOICE, ("What do you have in common?", ENTER)]
BEFORE_CONFIRM = [*BEFORE_PLACE, ("Where did you meet?", ENTER)]


@pytest.mark.parametrize(
    ("before", "at", "key"),
    [
        pytest.param([], "Who is it for?", CTRL_C, id="ctrl-c-text"),
        pytest.param(BEFORE_CHOICE, "What do you have in common?", CTRL_C, id="ctrl-c-choice"),
        pytest.param(BEFORE_CONFIRM, "Suggest a call?", CTRL_C, id="ctrl-c-confirm"),
        pytest.param([], "Who is it for?", CTRL_D, id="ctrl-d-text"),
        pytest.param(BEFORE_CHOICE, "What do you have in common?", CTRL_D, id="ctrl-d-choice"),
        pytest.param(BEFORE_CONFIRM, "Suggest a call?", CTRL_D, id="ctrl-d-confirm"),
        # Ctrl-D ends the input only on an empty line: clear the default first.
        pytest.param(BEFORE_PLACE, "Where did you meet?", CTRL_U + CTRL_D, id="ctrl-d-cleared"),
    ],
)
def test_cancel_at_a_prompt(
    start: Start, home: Path, tmp_path: Path, before: list[tuple[str, str]], at: str, key: str
) -> None:
    out = tmp_path / "note.txt"
    s = start("draft", "aaa-note", "--output", str(out))
    for prompt, keys in before:
        s.answer(prompt, keys)
    s.answer(at, key)
    s.expect("Cancelled.")
    assert s.finish() == 130
    assert "Traceback" not in s.transcript
    assert not out.exists()


# --- 5. an invalid answer is asked again ------------------------------------------------------


def test_invalid_email_is_asked_again(start: Start, home: Path) -> None:
    s = start("--library", str(LIBRARY), "draft", "aaa-email")
    s.answer("Their email address?", "sam-at-example.com" + ENTER)
    s.answer("'sam-at-example.com' is not an email address", CTRL_U + "sam@example.com" + ENTER)
    s.answer("Their name?", ENTER)
    s.answer("an answer is required", "Sam Lee" + ENTER)
    s.expect(
        lines(
            "Subject: Hello from Ana Ruiz",
            "",
            "Dear Sam Lee,",
            "",
            "I am writing to sam@example.com.",
        )
    )
    assert s.finish() == 0


# --- 6. stdout redirected, stdin a terminal -----------------------------------------------


def test_prompts_on_stderr_when_stdout_is_redirected(
    start: Start, home: Path, tmp_path: Path
) -> None:
    s = start(shell=f"exec {shlex.quote(sys.executable)} -m drafter draft aaa-note > out.txt")
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", CTRL_U + "PyCon" + ENTER)
    s.answer("Suggest a call?", "n")
    s.child.expect(CHECKED)  # the checks go to the terminal too
    assert s.finish() == 0
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out == "Hi Sam,\n\nIt was good to meet you at PyCon.\n\nAna Ruiz\n"
    assert "It was good to meet you" not in s.transcript


def test_prompts_on_the_terminal_when_stdout_and_stderr_are_redirected(
    start: Start, home: Path, tmp_path: Path
) -> None:
    command = f"exec {shlex.quote(sys.executable)} -m drafter draft aaa-note > out.txt 2> err.txt"
    s = start(shell=command)
    s.answer("Who is it for?", "Sam Lee" + ENTER)
    s.answer("What do you have in common?", ENTER)
    s.answer("Where did you meet?", CTRL_U + "PyCon" + ENTER)
    s.answer("Suggest a call?", "n")
    assert s.finish() == 0
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out == "Hi Sam,\n\nIt was good to meet you at PyCon.\n\nAna Ruiz\n"
    assert (tmp_path / "err.txt").read_text(encoding="utf-8") == ""  # all checks passed


# --- terminal safety and colour ------------------------------------------------------------


def test_list_on_a_terminal_cannot_be_driven_by_a_shared_title(
    start: Start, tmp_path: Path
) -> None:
    lib = tmp_path / "shared"
    (lib / "playbooks").mkdir(parents=True)
    (lib / "playbooks" / "hostile.yaml").write_text(
        'title: "Hostile\\e]52;c;aGk=\\a\\e[2J title"\nchannel: email\n'
        "variants: [{name: v, text: hi}]\n",
        encoding="utf-8",
    )
    s = start("--library", str(lib), "list")
    s.expect("Hostile")
    assert s.finish() == 0
    assert "Hostile title" in s.transcript
    assert "\x1b]52" not in s.transcript and "\x1b[2J" not in s.transcript


def test_checks_are_coloured_on_a_terminal_unless_no_color(start: Start, home: Path) -> None:
    draft = [
        sys.executable,
        "-m",
        "drafter",
        "draft",
        "aaa-note",
        "--no-input",
        "--set",
        "recipient_name=Kim Lee",
    ]
    coloured = start(shell="env -u NO_COLOR " + shlex.join(draft))
    coloured.expect("length")
    assert coloured.finish() == 0
    assert "\x1b[32m" in coloured.transcript  # the green tick
    plain = start(*draft[3:])  # the fixture sets NO_COLOR=1
    plain.expect("length")
    assert plain.finish() == 0
    assert "\x1b[" not in plain.transcript


def test_a_misfit_answer_is_shown_after_the_draft_with_its_fix(start: Start, home: Path) -> None:
    """Typed as people type: the draft is printed, then the check that fails and how to fix it."""
    session = start(
        "draft", "thanks-for-connecting", "--variant", "brief",
        "--set", "recipient_name=petrova, elena", "--set", "meeting=none",
        "--set", "what_caught_my_eye=their work on accessible checkout flows",
    )  # fmt: skip
    session.answer("A question you'd like to ask them", "want to grab coffee sometime\r")
    session.answer("Something you could offer in return", "\r")
    session.expect("Hi Elena,")
    assert session.finish() == 0
    shown = session.transcript
    # what can be fixed safely is ('their' can only mean Elena), what cannot is shown
    assert "What caught my eye was your work on accessible checkout flows." in shown
    assert "I'd be curious to hear want to grab coffee sometime." in shown
    assert (
        "fit: 'A question you'd like to ask them': 'curious to hear want to grab coffee …' "
        "does not read: the answer starts with 'want'" in shown
    )
    assert "fix: start with what it is, e.g. 'How does your team run design critiques?'" in shown


@pytest.mark.parametrize(
    ("sig", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["sigterm", "sighup", "sigint"],
)
@pytest.mark.parametrize("before", [[], BEFORE_CHOICE], ids=["text", "choice"])
def test_a_signal_at_a_prompt_restores_the_terminal(
    start: Start, home: Path, sig: signal.Signals, code: int, before: list[tuple[str, str]]
) -> None:
    """kill, a closed terminal or kill -INT at any prompt: the terminal echoes again after."""
    s = start("draft", "aaa-note")
    for prompt, keys in before:
        s.answer(prompt, keys)
    s.expect("What do you have in common?" if before else "Who is it for?")
    assert not termios.tcgetattr(s.child.child_fd)[3] & termios.ECHO  # the prompt's raw mode
    s.child.kill(sig)
    s.child.expect(pexpect.EOF)
    assert termios.tcgetattr(s.child.child_fd)[3] & termios.ECHO, "left without echo"
    assert s.finish() == code
    assert "Traceback" not in s.transcript


def test_a_stop_signal_inside_an_event_loop_callback_is_not_swallowed() -> None:
    """The prompts run in prompt_toolkit's asyncio loop. A SIGTERM or SIGHUP that lands while
    a callback runs (a redraw) raises Stopped there; asyncio logs and drops anything but
    KeyboardInterrupt and SystemExit raised in a callback, which left the prompt up."""
    import asyncio

    from drafter.errors import Stopped

    loop = asyncio.new_event_loop()
    try:

        def redraw() -> None:
            raise Stopped(signal.SIGHUP)

        loop.call_soon(redraw)
        loop.call_soon(loop.stop)  # had it been dropped, the loop would stop here, quietly
        with pytest.raises(Stopped) as caught:
            loop.run_forever()
        assert caught.value.signum == signal.SIGHUP
    finally:
        loop.close()
