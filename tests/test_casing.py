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


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # places of two or three words, typed in lower case, anywhere in the answer
        ("going to costa rica next month", "going to Costa Rica next month"),
        ("new zealand", "New Zealand"),
        ("a trip to south africa", "a trip to South Africa"),
        ("sri lanka and hong kong", "Sri Lanka and Hong Kong"),
        ("moving to new york, then san francisco", "moving to New York, then San Francisco"),
        ("los angeles", "Los Angeles"),
        ("buenos aires", "Buenos Aires"),
        ("puerto rico", "Puerto Rico"),
        ("saudi arabia or abu dhabi", "Saudi Arabia or Abu Dhabi"),
        ("el salvador", "El Salvador"),
        ("cape town and tel aviv", "Cape Town and Tel Aviv"),
        ("kuala lumpur", "Kuala Lumpur"),
        ("sao paulo", "Sao Paulo"),
        ("são paulo", "São Paulo"),
        ("rio de janeiro", "Rio de Janeiro"),
        ("mexico city", "Mexico City"),
        ("new delhi", "New Delhi"),
        ("costa Rica", "Costa Rica"),  # raised by half: both
        # words that are only part of such a name stay ordinary words
        ("a new york-style bagel", "a New York-style bagel"),
        ("a new town", "a new town"),
        ("a new jersey for the team", "a new jersey for the team"),
        ("the cape", "the cape"),
        ("south of the river", "south of the river"),
        # 'reno' is a renovation unless it is clearly the city
        ("the big reno job", "the big reno job"),
        ("our kitchen reno", "our kitchen reno"),
        ("a conference in reno", "a conference in Reno"),
        ("moving to reno", "moving to Reno"),
        ("reno, nevada", "Reno, Nevada"),
        # a name of two words is raised whole or not at all
        ("hiring for rio tinto", "hiring for Rio Tinto"),
        ("in rio", "in Rio"),
        ("rio grande do sul", "rio grande do sul"),
        ("san lorenzo", "San Lorenzo"),  # both names: both raised
        ("los gatos", "los gatos"),
        ("santa claus", "Santa Claus"),
        ("rio in june", "Rio in June"),
    ],
)
def test_places_of_several_words_and_names_raised_whole(typed: str, written: str) -> None:
    assert proper_case(typed) == written


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("landscape", True),
        ("apprentices", True),
        ("part-time", True),  # each part an ordinary word
        ("bootcamp", True),  # newer than the lists
        ("sous", True),
        # also a name, a company, or a word only names are
        ("mark", False),
        ("rose", False),
        ("lisbon", False),
        ("northwind", False),
        ("rolls-royce", False),
    ],
)
def test_ordinary_words_are_those_no_name_is(word: str, expected: bool) -> None:
    assert casing.ordinary(word) is expected


@pytest.mark.parametrize("company", sorted(casing.COMPANY_WORDS))
def test_a_company_that_is_a_common_word_is_never_ordinary(company: str) -> None:
    from drafter import shape

    assert not casing.ordinary(company)
    assert shape.lower_first(f"{company.capitalize()} engineer for ten years") == (
        f"{company.capitalize()} engineer for ten years"
    )


def test_the_word_lists_have_what_lower_first_relies_on() -> None:
    from drafter import wordlists
    from drafter._common_words import COMMON, NAMES_TOO

    common = COMMON.split()
    assert common == sorted(common) and all(wordlists.common(w) for w in common[::97])
    names = NAMES_TOO.split()
    assert names == sorted(names) and all(wordlists.also_a_name(w) for w in names)
    assert set(names) <= set(common)
    for absent in ("", "zzzz", "northwind", "lisbon", "the"):
        assert not wordlists.also_a_name(absent)
    for absent in ("", "zzzz", "northwind", "lisbon"):
        assert not wordlists.common(absent)


@pytest.mark.parametrize(
    ("pid", "answers", "reads"),
    [
        (
            "check-in",
            {"recipient_name": "kim nguyen", "detail": "going to costa rica next month"},
            "you were going to Costa Rica the following month.",
        ),
        (
            "check-in",
            {"recipient_name": "kim nguyen", "detail": "the big reno job"},
            "you told me about the big reno job.",
        ),
        (
            "glad-we-met",
            {
                "recipient_name": "Danny Alvarez",
                "where_we_met": "the luncheon",
                "what_i_do": "Landscape architect, mostly estates",
                "they_mentioned": "That You're Retiring To Portugal",
            },
            "I enjoyed hearing that you're retiring to Portugal.",
        ),
        (
            "glad-we-met",
            {
                "recipient_name": "Danny Alvarez",
                "where_we_met": "the luncheon",
                "what_i_do": "Landscape architect, mostly estates",
            },
            "I'm a landscape architect, mostly estates.",
        ),
    ],
)
def test_a_draft_reads_with_the_capitals_english_gives(
    pid: str, answers: dict[str, str], reads: str
) -> None:
    import drafter

    outcome = drafter.draft(pid, answers, me={"name": "ana ruiz"}, profile=False)
    assert reads in outcome.draft.text()


@pytest.mark.parametrize(
    ("typed", "cased"),
    [
        ("WE WORKED TOGETHER AT THE NHS IN LEEDS", "we worked together at the NHS in Leeds"),
        ("A FORMER NHS PHARMACIST RETURNING TO WORK", "a former NHS pharmacist returning to work"),
        ("FOREMAN AT SISK", "foreman at SISK"),  # a short word no dictionary has: an acronym
        ("IT SUPPORT FOR SCHOOLS", "IT support for schools"),
        ("IT WAS GREAT TO MEET YOU", "it was great to meet you"),
        ("I'M A DENTIST", "I'm a dentist"),
        ("PLUMBER", "plumber"),
        ("HE'S GIVING ME THE HOSPITAL JOB", "he's giving me the hospital job"),
        ("THE ROOFING JOB ON ELM ST", "the roofing job on Elm St"),
        ("CHRISTMAS", "Christmas"),
        # left in capitals, for fit to ask: a word it does not know, a place that is also a
        # word, a name that is also a word, one word that may be a name
        ("TALK TO TESCO ABOUT IT", None),
        ("NEIGHBOURS IN CORK", None),
        ("MARK IS GREAT", None),
        ("APPRENTICES AT ROLLS-ROYCE", None),
        ("NHS", None),
        ("We met at PyCon", None),  # not typed in capitals
    ],
)
def test_an_answer_in_capitals_is_cased_where_every_word_is_known(
    typed: str, cased: str | None
) -> None:
    assert casing.unshout(typed) == (cased or typed)
