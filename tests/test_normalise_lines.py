"""render.normalise tidies each line on its own, though it runs each rule over the whole text.

Its rules (spaces, punctuation) must never join or change what is across a line break: a
rule whose pattern can match a line break ('\\s') would tidy a paragraph's end into the next.
"""

from __future__ import annotations

import random

import pytest

from drafter.render import normalise

# Characters the rules look at, and a few words, in lines of up to 12 pieces.
PIECES = [" ", "  ", "\t", "\u00a0", ",", ".", "..", "...", ";", ":", "!", "?", "??", "(", ")",
          "[", "]", "\x0b", "\u2028", "ab", "Kim", "I"]  # fmt: skip


def _lines(rng: random.Random) -> list[str]:
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(4)]


@pytest.mark.parametrize("seed", range(20))
def test_each_line_is_tidied_on_its_own(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        lines = _lines(rng)
        tidied = [normalise(line) for line in lines]
        if not all(tidied):  # an empty line would be a blank line, which normalise folds
            continue
        assert normalise("\n".join(lines)) == "\n".join(tidied)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thanks,\n. Ana", "Thanks,\n. Ana"),  # ', .' is tidied within a line only
        ("Thanks;\n.", "Thanks;\n."),
        ("Best ,\n\tAna", "Best,\nAna"),
        ("Hi .\n.. Kim", "Hi.\n. Kim"),
        ("one?\n?", "one?\n?"),
        ("a\r\n\r\n\r\nb", "a\n\nb"),
    ],
)
def test_rules_do_not_cross_line_breaks(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
