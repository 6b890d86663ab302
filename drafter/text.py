"""Cleaning text that came from people: answers, files, anything bound for a terminal.

A pasted value must not be able to rewrite the terminal or hide its real
content, so control characters, ANSI/OSC escape sequences and bidirectional
override characters are removed; tabs and newlines survive only where the
caller allows them.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings, the other
# ESC sequences (ESC 7, ESC c, ESC ( 0, ESC # 8), plus the 8-bit C1 forms. Removing the ESC
# alone (the control-character pass below) would already disarm them; matching the whole
# sequence also drops the parameters it would leave behind as stray text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL/ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -/]*[0-~]"  # the rest: nF (ESC ( B), Fp (ESC 7), Fe (ESC D), Fs (ESC c)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
# Bidirectional embedding/override/isolate characters (U+202A-U+202E, U+2066-U+2069).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
# The private-use characters drafter uses to mark where answers land (drafter.sandbox): no
# answer or file may carry them in.
_MARKS = "".join(chr(c) for c in range(0xE000, 0xE200))
# Invisible characters that can hide text in a message (a template once hid `me.phone` in tag
# characters): Unicode tags, zero-width space, bidi marks, word joiner and invisible operators,
# the BOM, the Mongolian vowel separator, the soft hyphen. Zero-width joiner and non-joiner
# stay: emoji sequences and several scripts need them.
_INVISIBLE = "".join(chr(c) for c in range(0xE0000, 0xE0080)) + (
    "\u200b\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad"
)
_STRIP_ALL = str.maketrans("", "", _CONTROLS + _BIDI + _MARKS + _INVISIBLE)
# What the multi-line cleaning removes or changes in ASCII text: the C0 controls but for tab
# and newline (CR is changed), and DEL.
_ASCII_REMOVED_KEEP_LINES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_STRIP_KEEP_LINES = str.maketrans(
    "", "", _CONTROLS.replace("\t", "").replace("\n", "") + _BIDI + _MARKS + _INVISIBLE
)


def clean(value: str, multiline: bool = False) -> str:
    """Remove escape sequences, control and bidi-override characters.

    With `multiline`, tabs and newlines are kept (CRLF and CR become LF);
    otherwise a newline or tab becomes a space.
    """
    # Most text has nothing to remove, and finding that out in C is what keeps a listing of
    # 5,000 titles fast: everything this removes or replaces is unprintable, escape sequences
    # start with a control character (tests/test_text.py holds both), so text that is
    # printable (but for the tabs and newlines kept) comes out as it went in.
    if value.isprintable():
        return value
    if multiline:
        if value.isascii():  # a table of them: bytes are checked several times faster
            data = value.encode("ascii")
            if len(data.translate(None, _ASCII_REMOVED_KEEP_LINES)) == len(data):
                return value
        elif value.replace("\n", "").replace("\t", "").isprintable():
            return value
    return _scrub(value, multiline)


def _scrub(value: str, multiline: bool) -> str:
    """`clean` in full: what it removes, removed; CR, tabs and newlines as it says."""
    value = _ESCAPES.sub("", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.translate(_STRIP_KEEP_LINES)
    value = re.sub(r"[\t\r\n]+", " ", value)
    return value.translate(_STRIP_ALL)


def for_terminal(text: str) -> str:
    """Text safe to print: lines and tabs kept, everything that drives a terminal removed."""
    return clean(text, multiline=True)
