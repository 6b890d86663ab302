"""casing.proper_case: capitals a lower-case answer lost, restored only where English has no doubt."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import casing
from drafter.casing import proper_case


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("at pycon in lisbon", "at PyCon in Lisbon"),
        ("a devrel role in london", "a DevRel role in London"),
        ("pm at a fintech in nyc", "PM at a fintech in NYC"),
        ("the nhs trust he works at", "the NHS trust he works at"),
        ("alex romero", "Alex Romero"),
        ("english teacher, moved here in june", "English teacher, moved here in June"),
        ("our zoom call, then on teams", "our Zoom call, then on Teams"),
        ("zoom in on the details", "zoom in on the details"),
        ("london's tech scene", "London's tech scene"),
        ("a french food magazine", "a French food magazine"),
        ("we do it all in excel", "we do it all in Excel"),
        ("an excel sheet and a power bi dashboard", "an Excel sheet and a Power BI dashboard"),
        ("our steam wishlist campaign", "our Steam wishlist campaign"),
        ("students who excel at maths", "students who excel at maths"),
        ("steam the milk", "steam the milk"),
        # ordinary words that are also names or brands stay as typed: a guess could be wrong
        ("notion and slack", "notion and slack"),
        ("tom from acme", "tom from acme"),
        ("may we meet in march", "may we meet in march"),
        # addresses, files, handles and parts of words are left alone
        ("notion.so/lisbon", "notion.so/lisbon"),
        ("ana@lisbon.pt", "ana@lisbon.pt"),
        ("@pycon", "@pycon"),
        ("co-founder", "co-founder"),
        ("carlos de la cruz", "Carlos de la Cruz"),  # particles stay lower case
        # holidays, of one word or several
        ("the christmas party", "the Christmas party"),
        ("thanksgiving dinner", "Thanksgiving dinner"),
        ("a black friday sale", "a Black Friday sale"),
        ("new year's eve drinks", "New Year's Eve drinks"),
        ("st patrick's day", "St Patrick's Day"),
        ("eid al-fitr", "Eid al-Fitr"),
        ("the cinco de mayo party", "the Cinco de Mayo party"),
        ("lunar new year", "Lunar New Year"),
        # not when the words are ordinary ones
        ("after the new year", "after the new year"),
        ("have a good friday", "have a good Friday"),
        # 'pm' after a day or a time is the time of day; elsewhere, a PM
        ("thursday pm or friday am", "Thursday pm or Friday am"),
        ("any time after 3 pm", "any time after 3 pm"),
        ("the pm on my team", "the PM on my team"),
        # what is already capitalised is never changed
        ("Lisbon, LISBON, Pycon", "Lisbon, LISBON, Pycon"),
    ],
)
def test_proper_case(typed: str, expected: str) -> None:
    assert proper_case(typed) == expected


def test_the_binary_search_finds_every_entry_and_nothing_else() -> None:
    from drafter import wordlists
    from drafter._words import PROPER, VERBS

    entries = [line.split(" ", 1) for line in PROPER.split("\n") if line]
    assert all(wordlists.proper(key) == form for key, form in entries)
    assert all(wordlists.can_be_verb(verb) for verb in VERBS.split())
    for absent in ("", "a", "aaaa", "zzzz", "the", "notion", "lisbonx"):
        assert wordlists.proper(absent) is None
    for absent in ("", "a", "zzzz", "lisbon", "the"):
        assert not wordlists.can_be_verb(absent)


# Words the lists capitalise, next to the punctuation, digits, capitals and non-ASCII letters
# that decide whether the pattern sees a word at all.
_PIECES = st.sampled_from(
    ["lisbon", "pycon", "nyc", "june", "o'", "d’", "donnell", "brien", "notion", "so", "zoom",
     "teams", "3d", "x", "Lisbon", "LISBON", "café", "é", "ß", "_", "-", ".", "@", "/", "'", "’",
     " ", ",", "—", "(", ")", "1", "#", "&", "+", ":"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_the_quick_test_never_skips_a_word_the_pattern_would_capitalise(text: str) -> None:
    """proper_case skips its pattern when _may_capitalise says nothing can change: it must
    never say so of a text the pattern would change."""
    by_pattern = casing._LOWER_WORD.sub(lambda m: casing._proper(m.group(1)) or m.group(1), text)
    if by_pattern != text:
        assert casing._may_capitalise(text)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("supply chain in china", "supply chain in China"),
        ("moving to japan next year", "moving to Japan next year"),
        ("trips across wales", "trips across Wales"),
        # the ordinary word where nothing says it is the place
        ("a turkey sandwich", "a turkey sandwich"),
        ("fine china", "fine china"),
        ("in china cups", "in china cups"),
    ],
)
def test_a_country_that_is_also_a_word_is_capitalised_where_it_is_the_place(
    typed: str, written: str
) -> None:
    assert casing.proper_case(typed) == written
