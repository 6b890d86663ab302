"""Copying that tells the truth: a clipboard tool read back, or an OSC 52 request to the
terminal (wrapped for tmux and GNU screen) that is never called a copy."""

from __future__ import annotations

import base64
import io
import re

import pyperclip
import pytest

from drafter.cli import views
from drafter.errors import DrafterError
from drafter.output import SCREEN_CHUNK, Copied, copy_to_clipboard, osc52

ESC = "\x1b"
TEXT = "Hi Kim,\nsee you at 10 — Olá! 👋"
PAYLOAD = base64.b64encode(TEXT.encode("utf-8")).decode("ascii")
PLAIN = f"{ESC}]52;c;{PAYLOAD}\x07"
TMUX = {"TMUX": "/tmp/tmux-1000/default,4242,0", "TERM": "screen-256color"}
SCREEN = {"STY": "4242.pts-0.host", "TERM": "screen"}


def decoded(sequence: str) -> str:
    """The text an OSC 52 request carries."""
    match = re.fullmatch(f"{ESC}]52;c;([A-Za-z0-9+/=]*)\x07", sequence)
    assert match, repr(sequence)
    return base64.b64decode(match.group(1), validate=True).decode("utf-8")


@pytest.fixture
def no_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip as on a machine without xclip, xsel or wl-clipboard."""

    def fail(*args: object) -> None:
        raise pyperclip.PyperclipException("could not find a copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", fail)
    monkeypatch.setattr(pyperclip, "paste", fail)


class FakeClipboard:
    """A clipboard tool behind pyperclip: keeps what was copied; `reads_back` the same or not."""

    def __init__(self, reads_back: str | None = None) -> None:
        self.held = ""
        self.reads_back = reads_back

    def copy(self, text: str) -> None:
        self.held = text

    def paste(self) -> str:
        return self.held if self.reads_back is None else self.reads_back


def install(monkeypatch: pytest.MonkeyPatch, clipboard: FakeClipboard) -> None:
    monkeypatch.setattr(pyperclip, "copy", clipboard.copy)
    monkeypatch.setattr(pyperclip, "paste", clipboard.paste)


# --- the bytes of an OSC 52 request ------------------------------------------------------------


def test_plain_terminal_gets_one_osc52_request() -> None:
    assert osc52(TEXT, {"TERM": "xterm-256color"}) == (PLAIN, "osc52")
    assert decoded(PLAIN) == TEXT


def test_tmux_gets_the_request_and_a_passthrough_with_every_esc_doubled() -> None:
    sequence, how = osc52(TEXT, TMUX)  # TERM=screen inside tmux: tmux wins
    assert how == "osc52-tmux"
    assert sequence == f"{PLAIN}{ESC}Ptmux;{ESC}{ESC}]52;c;{PAYLOAD}\x07{ESC}\\"
    bare, passthrough = sequence[: len(PLAIN)], sequence[len(PLAIN) :]
    assert decoded(bare) == TEXT
    inner = passthrough.removeprefix(f"{ESC}Ptmux;").removesuffix(f"{ESC}\\")
    assert ESC not in inner.replace(ESC + ESC, "")  # no ESC left alone inside
    assert decoded(inner.replace(ESC + ESC, ESC)) == TEXT


@pytest.mark.parametrize("env", [SCREEN, {"TERM": "screen.xterm-256color"}], ids=["STY", "TERM"])
@pytest.mark.parametrize("size", [1, 2000], ids=["short", "long"])
def test_screen_gets_the_request_in_passthrough_chunks_within_its_limit(
    env: dict[str, str], size: int
) -> None:
    text = ("é" + "x" * 9) * size
    sequence, how = osc52(text, env)
    assert how == "osc52-screen"
    chunks = re.findall(f"{ESC}P(.*?){ESC}\\\\", sequence, re.S)
    assert sequence == "".join(f"{ESC}P{c}{ESC}\\" for c in chunks)  # nothing outside them
    assert all(0 < len(c.encode("ascii")) <= SCREEN_CHUNK for c in chunks)
    assert len(chunks) == (1 if size == 1 else -(-len(osc52(text, {})[0]) // SCREEN_CHUNK))
    assert decoded("".join(chunks)) == text


# --- what copy_to_clipboard writes, and what it claims -------------------------------------------


@pytest.mark.parametrize(
    ("env", "how"),
    [({"TERM": "xterm"}, "osc52"), (TMUX, "osc52-tmux"), (SCREEN, "osc52-screen")],
    ids=["plain", "tmux", "screen"],
)
@pytest.mark.usefixtures("no_clipboard")
def test_without_a_clipboard_tool_the_terminal_is_asked_and_nothing_is_confirmed(
    env: dict[str, str], how: str
) -> None:
    tty = io.StringIO()
    assert copy_to_clipboard(TEXT, tty, env) == Copied(how, confirmed=False)
    assert tty.getvalue().encode("ascii") == osc52(TEXT, env)[0].encode("ascii")


@pytest.mark.usefixtures("no_clipboard")
def test_without_a_clipboard_or_a_terminal_it_says_so() -> None:
    with pytest.raises(DrafterError, match=r"^no clipboard found \(install xclip"):
        copy_to_clipboard(TEXT, None, {})


def test_a_clipboard_tool_that_reads_back_the_text_is_a_confirmed_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clipboard = FakeClipboard()
    install(monkeypatch, clipboard)
    tty = io.StringIO()
    assert copy_to_clipboard(TEXT, tty, TMUX) == Copied("clipboard", confirmed=True)
    assert clipboard.held == TEXT
    assert tty.getvalue() == ""  # no terminal request on top


@pytest.mark.parametrize("reads_back", [TEXT + "\n", TEXT.replace("\n", "\r\n")])
def test_a_read_back_with_other_line_ends_still_confirms(
    monkeypatch: pytest.MonkeyPatch, reads_back: str
) -> None:
    install(monkeypatch, FakeClipboard(reads_back))
    assert copy_to_clipboard(TEXT, None, {}) == Copied("clipboard", confirmed=True)


def test_a_clipboard_tool_that_does_not_read_back_the_text_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """xclip with a $DISPLAY it cannot reach: pyperclip's copy returns, the clipboard is empty."""
    install(monkeypatch, FakeClipboard(reads_back=""))
    tty = io.StringIO()
    assert copy_to_clipboard(TEXT, tty, {}) == Copied("osc52", confirmed=False)
    assert tty.getvalue() == PLAIN
    assert copy_to_clipboard(TEXT, None, {}) == Copied("clipboard", confirmed=False)


# --- the messages -----------------------------------------------------------------------------

SENT = "Sent to the terminal's clipboard (OSC 52), which some terminals ignore"


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (Copied("clipboard", True), "Copied."),
        (
            Copied("clipboard", False),
            "Handed to the clipboard tool, but the clipboard did not read back the same text: "
            "check before you paste.",
        ),
        (Copied("osc52", False), f"{SENT}."),
        (
            Copied("osc52-tmux", False),
            f"{SENT}; tmux passes it on only with `set -g allow-passthrough on` "
            "or `set -g set-clipboard on`.",
        ),
        (Copied("osc52-screen", False), f"{SENT} (through GNU screen)."),
    ],
    ids=["confirmed", "unconfirmed-tool", "plain", "tmux", "screen"],
)
def test_the_message_claims_a_copy_only_when_confirmed(result: Copied, message: str) -> None:
    assert views.copied(result) == message
    assert ("Copied" in message) == result.confirmed
