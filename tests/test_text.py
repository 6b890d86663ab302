"""drafter.text: `clean` returns printable text untouched without working through it, which is
right only while the full cleaning leaves every printable character alone."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.text import _scrub, clean, for_terminal

PRINTABLE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable())


@pytest.mark.parametrize("multiline", [False, True])
def test_the_full_cleaning_leaves_every_printable_character_alone(multiline: bool) -> None:
    assert _scrub(PRINTABLE, multiline) == PRINTABLE
    lines = "\n".join(["\t".join([PRINTABLE[:500], PRINTABLE[-500:]]), PRINTABLE[1000:2000]])
    assert _scrub(lines, True) == lines


ESCAPES = ["\x1b[31m", "\x1b]52;c;cHduZWQ=\x07", "\x1b]8;;https://x\x1b\\", "\x9b1m", "\x1bc"]
PIECES = st.one_of(
    st.text(max_size=20),
    st.text(st.characters(max_codepoint=127), max_size=20),  # ASCII: checked as bytes
    st.text(st.sampled_from(PRINTABLE[:300] + "\t\n\r"), max_size=20),
    st.sampled_from([*ESCAPES, "\u202e", "\u2066", "\ue000", "\U000e0041", "\u200b", "\xad"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_clean_gives_what_the_full_cleaning_gives(raw: str) -> None:
    assert clean(raw) == _scrub(raw, False)
    assert clean(raw, multiline=True) == _scrub(raw, True)
    assert for_terminal(raw) == _scrub(raw, True)


@pytest.mark.parametrize("code", range(128))
def test_each_ascii_character_among_lines_is_cleaned_as_in_full(code: int) -> None:
    raw = f"a line\n{chr(code)}[31m\tthe next"
    assert clean(raw, multiline=True) == _scrub(raw, True)


@pytest.mark.parametrize(
    ("raw", "multiline", "expected"),
    [
        ("No 12 Ask for a referral", False, "No 12 Ask for a referral"),
        ("Zoë\tÅngström\n李", True, "Zoë\tÅngström\n李"),
        ("Zoë\tÅngström\n李", False, "Zoë Ångström 李"),
        ("line\r\nend", True, "line\nend"),
        ("title\x1b[2J\nnext", True, "title\nnext"),
        ("a\u00a0b\u202ec", False, "a\u00a0bc"),  # a no-break space is unprintable, and kept
    ],
)
def test_clean_with_and_without_anything_to_remove(
    raw: str, multiline: bool, expected: str
) -> None:
    assert clean(raw, multiline=multiline) == expected
