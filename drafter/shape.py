"""Making a typed answer fit the sentence it lands in, and telling when it cannot.

People answer the question they are asked, not the sentence frame the answer
lands in: "I'm a data engineer" into "For context, I'm …", "How does your team
run critiques?" into "I'd be curious to hear …". This module holds the pure
text rules for that, in two kinds:

- safe changes, made silently: dropping words an answer repeats from its frame
  (the playbook declares them), lower-casing a capitalised *closed-class* first
  word mid-sentence ("Your article" -> "your article"), never a word that could
  be a name ("Stripe", "Lisbon");
- shapes that could only be fixed by guessing at meaning (a pronoun or a verb
  where a noun phrase belongs, a question inside a statement, third person about
  the reader): those are reported by the `fit` check, with a fix.

The word lists are small and closed on purpose: a word is lowered only when it
cannot be a name, and flagged only when it is a common word.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from drafter import casing, lazyre, marks, wordlists

# Determiners, pronouns, possessives, question words, prepositions, conjunctions and a few
# adverbs: safe to lower-case mid-sentence, because none of them is anybody's name.
CLOSED_CLASS = frozenset(
    """
    a an the this that these those my your our their his her its some any every each all both
    either neither another other such no same
    you we they he she it me us them you're we're they're he's she's it's you've we've they've
    you'll we'll they'll
    how what why when where which who whom whose whether if
    about on in at for with from to of by over during after before around into onto through
    via without within under between among across along near like than as per since until
    and but or so yet nor because while although though
    just also really very quite only even still maybe perhaps
    yesterday today tonight tomorrow earlier recently last next
    """.split()
)

SUBJECT_PRONOUNS = frozenset("i we you they he she it".split())
PRONOUN_CONTRACTIONS = frozenset(
    """
    i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll they're they've they'd
    they'll he's he'd he'll she's she'd she'll it's it'd it'll
    """.split()
)
THIRD_PERSON = frozenset(
    """
    they them their theirs they're they've they'd they'll he him his he's he'd he'll she her
    hers she's she'd she'll
    """.split()
)
SECOND_PERSON = frozenset("you your yours yourself yourselves you're you've you'd you'll".split())
QUESTION_WORDS = frozenset("how what why when where which who whom whose".split())
AUXILIARIES = frozenset(
    """
    is are was were am be been do does did have has had can could will would shall should may
    might must isn't aren't wasn't weren't don't doesn't didn't haven't hasn't can't couldn't
    won't wouldn't shouldn't
    """.split()
)
# Finite verbs people start a description with ("leads the data team", "runs a bakery").
FINITE_VERBS = frozenset(
    """
    leads runs works manages builds heads owns founded founds started starts teaches writes
    helps hires sells makes designs develops studies coaches advises consults organises
    organizes hosts used worked led ran managed built headed taught wrote helped hired sold
    made designed developed studied coached advised organised organized hosted went met
    oversees handles covers creates produces directs edits invests funds mentors trains
    recruits researches specialises specializes supports volunteers plays lives knows has
    does is was chairs serves sits represents speaks lectures practises practices operates
    partners launched invests teaches sells buys brokers negotiates curates
    sat spoke want wants need needs take takes close closes hold held come comes find finds
    weigh weighs grew grows get gets got use uses plan plans expect expects think thinks say
    says said look looks skim skims rely relies prefer prefers cost costs love loves hate
    hates moved raised knows built ran did had made went saw overlaps integrates matches
    fits aligns complements supplies covers
    """.split()
)
# Verbs in their bare form, typed where a noun phrase belongs ("pick her brain" after "All
# I'm hoping for is"): "to pick …" or "a call" would read.
BARE_VERBS = frozenset(
    """
    pick ask get grab chat talk meet hear learn speak understand see discuss review introduce
    connect schedule sit swap compare brainstorm explore find know send forward
    share put make
    """.split()
)
# Verb forms that are as often plural nouns ("funds", "plans"): a verb at the start of an
# answer only when an object follows ("funds the startups"); after a noun, a verb.
_ALSO_NOUNS = frozenset(
    """
    funds partners plans costs uses needs wants loves looks hates takes holds closes finds
    weighs grows gets thinks says relies prefers expects skims comes moves use plan cost need
    want love look take hold close find weigh grow get think say rely prefer expect skim come
    move hate
    """.split()
)
# Words that, starting an answer after "X and I …", say how two people know each other.
_VERB_LIKE = frozenset(
    """
    worked work met meet were are was studied study went go grew sat used share shared know
    knew have had both once still first recently served volunteered volunteer play played
    ran run taught teach did do live lived trained train founded started built collaborated
    overlapped coached mentored roomed joined sang sit serve serves attend attended belong
    coach mentor share chair lead
    """.split()
)
# Common words that start answers and, typed with a capital mid-sentence, read as a typo; not
# lowered silently, because several are also names of companies (Square, Slack, Notion).
COMMON_WORDS = frozenset(
    """
    lunch coffee dinner breakfast drinks call chat meeting meetup conference event talk post
    article piece video podcast newsletter thread comment book paper report deck slides notes
    advice help feedback introduction intro referral review resume cv portfolio job role work
    hiring recruiting recruitment sales marketing data engineering design product software
    business coaching training consulting services service leads lead outsourced outsourcing
    insurance accounting finance legal operations support research analytics content social
    media website web app apps mobile cloud security seo ppc email automation platform tools
    tool crm payroll office furniture printing logistics shipping translation video branding
    strategy growth management leadership mentoring career careers startup startups health
    healthcare education teaching school university college students student team
    customer customers community open source remote working project projects onboarding
    pricing payments fundraising investing investment investors tax taxes property real
    estate energy solar recycling catering photography writing editing speaking events
    travel wellness fitness nutrition therapy accessibility ux ui research
    great good nice interesting amazing quick short long new old first last free paid
    someone somebody anyone anybody everyone everybody nobody
    """.split()
)

# What people call their work, typed with a capital in a headline ('Bookkeeper', 'Kitchen
# fitter', 'Senior engineer'): never the name of a company or a place.
_ROLE_WORDS = frozenset(
    """
    bookkeeper accountant engineer developer designer manager director consultant
    electrician plumber carpenter builder fitter plasterer joiner roofer painter decorator
    gardener landscaper mechanic technician kitchen chef baker butcher barista waiter
    nurse midwife paramedic doctor dentist pharmacist physio physiotherapist therapist
    teacher headteacher lecturer professor tutor student graduate apprentice trainee intern
    recruiter founder cofounder co-founder owner freelance freelancer retired senior junior former
    chartered certified registered qualified licensed accredited
    principal staff associate assistant analyst scientist researcher writer editor
    photographer videographer architect surveyor lawyer solicitor paralegal barrister
    administrator receptionist clerk cashier driver courier carer caregiver
    """.split()
)

_WORD = lazyre.compile(r"[\w'’-]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


# Caches on the pure word rules below: a draft asks about the same few answers and the same
# words many times over (its render's seams, then each check), and a batch about the same
# vocabulary row after row. Each is keyed on its text alone and returns an immutable value,
# and none is used on an answer whose identity marks where it lands (marks.carry).
@functools.lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """A word as the lists hold it: lower case, straight apostrophe, no edge punctuation."""
    return word.translate(_APOSTROPHES).strip(".,;:!?\"'()[]").casefold()


def words(text: str) -> list[str]:
    return list(_words(text))


@functools.lru_cache(maxsize=2048)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.translate(_APOSTROPHES)))


@functools.lru_cache(maxsize=2048)
def first_word(text: str) -> str:
    found = words(text)
    return fold(found[0]) if found else ""


@functools.lru_cache(maxsize=2048)
def last_word(text: str) -> str:
    found = words(text)
    return fold(found[-1]) if found else ""


# --- safe changes ---------------------------------------------------------------------------

_CONTRACTED = {"'ve": "have", "'re": "are", "'ll": "will"}
# A frame's "I'm" is also typed "I am": 'I am working as an architect'.
_SPELT_OUT = (("i'm", "i am"), ("we're", "we are"), ("i've", "i have"), ("we've", "we have"))


def drop_leading(answer: str, phrases: Iterable[str]) -> str:
    """Remove a phrase the frame already says from the start of `answer`, longest first.

    Case- and apostrophe-insensitive, whole words only; "we've known each other"
    with "we" dropped becomes "have known each other". An answer that would be
    left empty is kept as it is.
    """
    text = answer.strip()
    ordered = _wanted(tuple(phrases))
    # 'I said I'd introduce her to Marco': a lead-in, then the frame's own words
    for _ in range(3):
        shorter = _drop_one(text, ordered)
        if shorter == text:
            break
        text = shorter
    return text


@functools.lru_cache(maxsize=512)  # a playbook's frames ask with the same lists every draft
def _wanted(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """`phrases` as the words to match, longest phrase first."""
    wanted = {p.strip().translate(_APOSTROPHES).casefold() for p in phrases if p.strip()}
    for short, long in _SPELT_OUT:
        wanted |= {re.sub(rf"\b{short}(?!\w)", long, p) for p in wanted if short in p}
    ordered = sorted(wanted, key=len, reverse=True)
    return tuple(tuple(p.split()) for p in ordered)


def _drop_one(text: str, ordered: tuple[tuple[str, ...], ...]) -> str:
    """`text` without the first of `ordered` it starts with (the whole text if none)."""
    tokens = text.split()
    keys: list[str] = []  # the tokens as the phrases are kept, made as far as one asks
    for want in ordered:
        n = len(want)
        if n > len(tokens):
            continue
        while len(keys) < n:
            keys.append(tokens[len(keys)].translate(_APOSTROPHES).casefold())
        if n > 1 and tuple(keys[: n - 1]) != want[:-1]:
            continue
        last = keys[n - 1].rstrip(",:;.!?")
        rest_of_token = ""
        if last != want[-1]:
            suffix = last[len(want[-1]) :] if last.startswith(want[-1]) else None
            if suffix not in _CONTRACTED:
                continue
            rest_of_token = _CONTRACTED[suffix]
        rest = " ".join(tokens[n:]).lstrip(" ,:;-–—")
        if rest_of_token:
            rest = f"{rest_of_token} {rest}"
        if rest.strip():
            return rest.strip()
    return text


def lower_first(answer: str) -> str:
    """'Your article on X' -> 'your article on X': a first word that cannot be a name.

    Closed-class words always; a common word ('Lunch', 'Marketing lead') or a verb
    ('Runs a bakery') only when the rest of the answer is typed in lower case, since
    'Data Engineering' in title case is deliberate. Words that are also names of
    companies or places are not in those lists; all-caps words and "I" are left alone, and
    so is a word English always capitalises ('Christmas this year', 'Thanksgiving the year
    before'), however it is used.
    """
    m = _WORD.search(answer)
    if not m or m.start() != 0:
        return answer
    word = m.group(0)
    if len(word) > 1 and word.isupper():  # "THE" in an all-caps answer, or an acronym
        return answer
    if not (word[:1].isupper() and word[1:] == word[1:].lower()):
        return answer
    key = fold(word)
    if casing.always_capitalised(key):  # 'Christmas this year', 'Easter 2024', 'Leeds'
        return answer
    following = words(answer[m.end() :])[:2]
    # 'University of Glasgow', 'Bank of America': a name, 'of' and a capital
    if len(following) == 2 and following[0] == "of" and following[1][:1].isupper():
        return answer
    if (titled := _untitled(answer)) is not None:  # 'That You're Retiring To Portugal'
        return titled
    # 'All Souls College', 'Every Can Counts': a determiner that opens a name in title case
    if key in _NAME_OPENERS and following and _capitalised_word(following[0]):
        return answer
    # 'Landscape architect', 'Former ICU nurse', 'Part-time roles': an ordinary word that no
    # name is, before lower-case words (not 'Sous Chef', 'Burger King': a title or a name)
    if (
        key not in AUXILIARIES  # 'Do you take on interns?': a question keeps its capital
        and key not in _DEPARTMENTS  # 'Admissions at Kellogg': a department, as a title names it
        and casing.ordinary(key)
        and _then_lower_case(key, answer[m.end() :])
        and not is_question(answer)
    ):
        return word[0].lower() + answer[1:]
    # "Coffee at Blue Bottle" is sentence case; "Data Engineering" is a deliberate title.
    sentence_case = not following or following[0] == following[0].lower()
    if key in CLOSED_CLASS or (
        sentence_case
        and (
            key in COMMON_WORDS
            or key in _ROLE_WORDS
            # 'Pass your posting on', 'Share my notes': a verb and its object
            # (not 'Do you need …?', a question; not 'Zoom this morning', a name)
            or (
                key not in AUXILIARIES
                and starts_with_base_verb(answer)
                and bool(following)
                and fold(following[0]) in _OBJECTS
            )
            or key in _NUMBER_WORDS  # 'Two years ago'; not 'One Medical', a name
            or _describing(key)
            or starts_with_verb(answer)
            or _gerund_first(answer)
            or _verb_ing(key)
        )
    ):
        return word[0].lower() + answer[1:]
    return answer


# Determiners a name in title case may start with ('All Souls College', 'Every Can Counts');
# not 'this' or 'that', which start title-cased answers ('That Kitchen Remodel') more often.
_NAME_OPENERS = frozenset("all every each both".split())
# Words that make a title-case answer a clause ('That You're Retiring To Portugal'), which a
# name in title case ('Girls Who Code', 'Save The Children') seldom has.
_CLAUSE_WORDS = frozenset(
    "i i'm i've i'd i'll you you're you've you'd you'll your we we're we've our they they're"
    " their he he's his she she's her it's my me us them".split()
)
# After these, a capital 'A' is a name's letter ('Series A', 'Plan A'), not the article.
_LETTER_AFTER = frozenset("series plan class type grade vitamin round".split())
_ACRONYM = lazyre.compile(r"[A-Z][A-Z0-9&]+s?")


def _capitalised_word(word: str) -> bool:
    """'Souls', 'Part-Time': a word typed with a capital that is not an acronym or a name
    English always capitalises ('Lisbon', 'PyCon') or a company ('Stripe')."""
    if not word[:1].isupper() or _ACRONYM.fullmatch(word):
        return False
    key = fold(word)
    return key not in casing.COMPANY_WORDS and not casing.always_capitalised(key)


def _then_lower_case(key: str, rest: str) -> bool:
    """Whether the words after an answer's first, `key`, are in lower case: at once
    ('architect, mostly estates') or after acronyms, names and companies ('ICU nurse',
    'Stripe engineer'). Not a capitalised word first ('Souls College', 'Chef': a name or a
    title), nor a number ('Gate 23'), nor a verb after one thing ('Mercy has an opening':
    a word alone before its verb is a name; 'Lessons learned' and 'Returns are up' are not)."""
    for i, word in enumerate(words(rest)[:4]):
        if word.islower():
            low = fold(word)
            if i == 0 and not key.endswith("s") and _verb_after_one(low):
                return False
            return True
        if _capitalised_word(word) or not word[:1].isalpha():
            return False
    return False


def _verb_after_one(word: str) -> bool:
    """'has', 'runs', 'hired': a verb that says what one thing does or did."""
    if word in AUXILIARIES or word in FINITE_VERBS:
        return word not in ("am", "are", "were", "be", "been", "do", "have")
    return (word.endswith("s") and can_be_verb(word[:-1])) or (
        word.endswith("ed") and (can_be_verb(word[:-2]) or can_be_verb(word[:-1]))
    )


def _untitled(answer: str) -> str | None:
    """'That You're Retiring To Portugal' -> "that you're retiring to Portugal": an answer in
    Title Case that is a clause (it has a pronoun), its ordinary words lowered; names
    ('Portugal'), acronyms and 'I' kept. None when `answer` is not such an answer."""
    found = _WORD.findall(answer)  # as `lower` below meets them
    if len(found) < 3 or not all(w[:1].isupper() for w in found if w[:1].isalpha()):
        return None
    keys = [fold(w) for w in found]
    if not any(k in _CLAUSE_WORDS for k in keys):
        return None
    lowered = [
        k in CLOSED_CLASS
        or k in _CLAUSE_WORDS
        or (k in AUXILIARIES and k != "may")  # 'In May' is the month
        or k in COMMON_WORDS
        or casing.ordinary(k)
        for k in keys
    ]
    if sum(lowered) * 3 < len(found) * 2:  # mostly ordinary words, or it may be a name
        return None
    at = iter(range(len(found)))

    def lower(m: re.Match[str]) -> str:
        i = next(at)
        word = m.group(0)
        if not lowered[i] or _ACRONYM.fullmatch(word) or keys[i].startswith("i'") or keys[i] == "i":
            return word
        if keys[i] == "a" and i and keys[i - 1] in _LETTER_AFTER:
            return word
        return word.lower()

    return _WORD.sub(lower, answer)


_OBJECTS = frozenset("your my our their his her you him them me us".split())
_DESCRIBING_ENDS = ("ic", "ical", "ous", "ful", "less", "able", "ible", "ive", "al")


def _describing(word: str) -> bool:
    """'Ergonomic', 'Regional', 'Co-founder': a describing word or a co- role, which a company
    name in sentence case ('Notion community event') is not."""
    return word.startswith("co-") or (len(word) > 5 and word.endswith(_DESCRIBING_ENDS))


_LOWER_I = lazyre.compile(r"(?<![\w'’-])i(?=(?:['’](?:m|ve|d|ll))?(?![\w'’-]))")


def capital_i(text: str) -> str:
    """'i have 21 days' -> 'I have 21 days': the pronoun is always a capital."""
    if not any(w.strip(',.!?;:()"') == "i" or w.startswith(("i'", "i’")) for w in text.split()):
        return text
    return _LOWER_I.sub("I", text)


def capitalise_first(text: str) -> str:
    """The first letter upper-cased when the answer starts with a lower-case letter."""
    if text[:1].isalpha() and text[:1].islower():
        return text[0].upper() + text[1:]
    return text


_INNER_START = lazyre.compile(r"(?<=[\w)\"'’”])([.?!])(\s+)([a-z])(?=[a-z'’]*(?:\s|[,.;:!?]|$))")
_ABBREVIATIONS = frozenset(
    "etc approx vs eg ie dept incl est misc min max no nos st mr mrs ms dr".split()
)


def capitalise_sentences(text: str) -> str:
    """'how do you find time? do you get paid for it?' -> '… time? Do you get paid …': a
    sentence inside an answer starts with a capital, as the first one does. Not after an
    abbreviation ('approx. ten', 'e.g. the'), a number ('v2. then'), nor before 'iPhone'."""
    if not re.search(r"[.?!]\s+[a-z]", text):
        return text

    def up(m: re.Match[str]) -> str:
        before = text[: m.start()].split()[-1:] or [""]
        word = before[0].rstrip(")\"'’”").lower().replace(".", "")
        if m.group(1) == "." and (word in _ABBREVIATIONS or len(word) < 2 or word[-1:].isdigit()):
            return m.group(0)
        return m.group(1) + m.group(2) + m.group(3).upper()

    return _INNER_START.sub(up, text)


# --- shapes -------------------------------------------------------------------------------


# Verbs that open a yes/no question ("do you …", "is it …").
_ASKING_VERBS = frozenset(
    "do does did is are was were have has can could would will should may might".split()
)


@functools.lru_cache(maxsize=2048)
def is_question(answer: str) -> bool:
    """Typed as a question: ends with '?', or opens with a question word and an auxiliary."""
    text = answer.strip()
    if text.endswith("?"):
        return True
    found = [fold(w) for w in words(text)[:2]]
    if len(found) < 2:
        return False
    first, second = found
    if first in QUESTION_WORDS:
        if second in AUXILIARIES:
            return True
        # "what cup scores do you look for", "which chillies do you use": the auxiliary and
        # its subject come after the thing asked about.
        rest = [fold(w) for w in words(text)[1:6]]
        return any(
            a in _ASKING_VERBS and b in SUBJECT_PRONOUNS - {"it"}
            for a, b in zip(rest, rest[1:], strict=False)
        ) or (
            # "how long did the training take": 'did' and its subject ('the …'), then a verb
            any(
                a in ("do", "does", "did") and b in _DETERMINERS
                for a, b in zip(rest[:3], rest[1:4], strict=False)
            )
            and _bare_verb_later([fold(w) for w in words(text)[3:9]])
        )
    # "what's it like at Stripe", "how'd you get into UX": a question word and its verb in one
    if first.split("'")[0] in QUESTION_WORDS and first.endswith(("'s", "'d", "'re")):
        return True
    # "do you hire juniors", "would you be open to …": the verb first, then who
    if first in ("do", "does", "did") and second not in _DETERMINERS:
        # "did productivity hold up": a bare verb later; not "does marketing for dentists"
        return _bare_verb_later([fold(w) for w in words(text)[2:6]])
    if first in ("do", "does", "did") and len(words(text)) >= 4:
        # "did the ministry actually ship it": the thing asked about, then its verb
        return _bare_verb_later([fold(w) for w in words(text)[3:8]])
    return first in _ASKING_VERBS and (second in SUBJECT_PRONOUNS or second == "there")


def _bare_verb_later(rest: list[str]) -> bool:
    return any(
        can_be_verb(w) and not w.endswith(("s", "ed", "ing")) and w not in CLOSED_CLASS
        for w in rest
    )


_VOCATIVE = lazyre.compile(r"^(?:[\w'’-]+\s+){0,2}[\w'’-]+,\s+(?=\S)")


def without_vocative(text: str) -> str:
    """'Victor, did the numbers help?' -> 'did the numbers help?': what follows a name or a
    lead-in of up to three words and a comma ('Quick question, are you …')."""
    return _VOCATIVE.sub("", text.strip(), count=1) if "," in text else text


# A time said before the subject ("these days she's …", "on Saturdays he …"): its words.
_WHEN_WORDS = frozenset(
    """
    these this those most every some on in at during lately recently now nowadays currently
    days weekends weekend mornings evenings nights week weeks month months year years summer
    summers winter winters spring autumn fall term semester the next last
    """.split()
)


@functools.lru_cache(maxsize=2048)
def is_clause(answer: str) -> bool:
    """Starts with a subject pronoun ("you're going to Costa Rica", "we worked together"),
    or with a time and then one ("these days you're doing a masters", "on Saturdays you …")."""
    typed = words(answer)[:4]
    found = [fold(w) for w in typed]
    for i, word in enumerate(found):
        if word in SUBJECT_PRONOUNS or word in PRONOUN_CONTRACTIONS:
            # 'IT support contracts': an acronym, unless the whole answer is in capitals
            return not (typed[i] == "IT" and not answer.isupper())
        # 'the week you moved' is a noun and what you did in it, not a clause
        if not (word in _WHEN_WORDS or _calendar_word(word)) or (i == 0 and word == "the"):
            return False
    return False


_DETERMINERS = frozenset("the a an our their his her its my your this that these those".split())
_PREPOSITIONS = frozenset("in on at to about for with from into of by".split())


_DESCRIBING_PARTICIPLES = frozenset(
    """managed hosted dedicated automated outsourced integrated personalised personalized
    customised customized licensed certified sponsored accredited""".split()
)


@functools.lru_cache(maxsize=2048)
def starts_with_verb(answer: str) -> bool:
    """'runs a bakery', 'Chairs the board': a finite verb, known or followed by a determiner."""
    found = [fold(w) for w in words(answer)[:2]]
    if not found or casing.always_capitalised(found[0]):  # 'Christmas this year': a name
        return False
    # 'managed IT services', 'sponsored posts': a participle describing what follows
    if found[0] in _DESCRIBING_PARTICIPLES and len(found) == 2 and found[1] not in _DETERMINERS:
        return False
    if found[0] in FINITE_VERBS and found[0] not in _ALSO_NOUNS:
        return True
    # 'Chairs the board', 'toured the warehouse', 'bought a pharmacy': a verb form followed
    # by a determiner.
    return (
        len(found) == 2
        and (
            found[0] in FINITE_VERBS
            or found[0] in _IRREGULAR_PAST
            or found[0].endswith("ed")
            or (found[0].endswith("s") and not found[0].endswith("ss"))
        )
        and (
            found[1] in _DETERMINERS
            or found[1] == "to"
            # 'farms 600 acres'; not 'outsourced 3D art', a description
            or (found[1][:1].isdigit() and found[0].endswith("s"))
        )
    )


def _verb_ing(word: str) -> bool:
    """'funding', 'hiring', 'running': the -ing form of a verb (never a name in sentence case)."""
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    return any(
        wordlists.can_be_verb(w) or w in _IRREGULAR  # 'getting', 'making'
        for w in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else "")
        if w
    )


def _gerund_first(answer: str) -> bool:
    """'Taking the time to meet': an -ing form before a determiner (a noun after 'for')."""
    found = [fold(w) for w in words(answer)[:2]]
    return len(found) == 2 and found[0].endswith("ing") and found[1] in _DETERMINERS | {"me", "us"}


# Verbs that take an -ing form after them: 'keeps getting injured', 'loves running'.
_BEFORE_ING = frozenset(
    "keeps starts stops hates loves likes enjoys finishes needs avoids misses quits begins".split()
)


# Verbs that say when something happens, with a preposition after them ('ends in July').
_EVENT_VERBS = frozenset(
    "ends starts begins finishes expires closes opens launches moves runs happens".split()
)


_BEFORE_PAST = frozenset("just recently already finally also never once".split())
_APPOSITION = lazyre.compile(r",\s*(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*\s*,\s*")


def _a_name(word: str, first: bool) -> bool:
    """A word written as part of a name ('Met' in 'Cardiff Met'); not the answer's first
    word, 'I', or a word in capitals (an answer typed in capitals has no names to tell)."""
    return not first and word[:1].isupper() and not word.isupper() and word != "I"


def has_verb_early(answer: str) -> bool:
    """'your team is hiring two juniors', 'recruiters skim the top third': a clause.

    Not 'the rebrand you led' (a noun and a relative clause: the pronoun comes first).
    """
    # What follows a comma is another thought ('your kitchen, been following it'), not this one.
    # Six words, not counting a name's ('the next Copenhagen oncology nursing day is on …')
    typed: list[str] = []
    counted = 0
    # 'a good friend, Maya Klein, just left Ocado': a name set off by commas says who, and
    # the sentence goes on after it
    answer = _APPOSITION.sub(" ", answer, count=1)
    for w in words(answer.split(",")[0]):
        # 'Chris A needs a QS': an initial after a name is the name's, and left out
        if len(w) == 1 and w.isupper() and w != "I" and typed and typed[-1][:1].isupper():
            continue
        counted += not _a_name(w, not typed)
        if counted > 6:
            break
        typed.append(w)
    found = [fold(w) for w in typed]
    if len(found) < 2 or found[0] in QUESTION_WORDS:
        return False
    if _contracted_is(
        found[0], found[1], found[2] if len(found) > 2 else None
    ):  # "Maria's about to start"
        return True
    start = 2 if found[0] in _DETERMINERS_ONLY else 1
    for i in range(start, len(found)):
        w, before = found[i], found[i - 1]
        after = found[i + 1] if i + 1 < len(found) else None
        if w in SUBJECT_PRONOUNS or w in ("that", "who", "which"):
            return False
        if _a_name(typed[i], False):
            continue  # 'at Cardiff Met', 'the Wellcome Trust': a name, not a verb
        if before.endswith("'s") and w in _ALSO_NOUNS:
            continue  # "your lab's plans for …": a noun after a possessive
        # 'your plan to open …', 'month-end close automation': a noun after a determiner or a
        # hyphenated modifier
        if w in _ALSO_NOUNS and (before in _DETERMINERS or "-" in before):
            continue
        # 'month end close automation': a bare form after a singular noun is a noun, since
        # a verb there would take an -s ('the month closes')
        if w in _ALSO_NOUNS and not w.endswith("s") and not _plural_noun(before):
            continue
        # 'your retirement plans', 'our growth needs': a noun that ends the answer
        if w in _ALSO_NOUNS and after is None and before not in CLOSED_CLASS:
            continue
        # 'your eye for case studies': a noun after a preposition and a noun, not a verb
        if (
            w in FINITE_VERBS
            and after is None
            and i >= 2
            and found[i - 2] in _PREPOSITIONS
            and w not in AUXILIARIES
        ):
            continue
        if w in AUXILIARIES or w in FINITE_VERBS:
            return True
        # 'your running club keeps getting injured', 'my team needs a designer': after 'your',
        # a noun, then a verb with the -s of 'it …' and what a verb takes
        if (
            2 <= i <= 3
            and found[0] in _DETERMINERS
            and not any(x in CLOSED_CLASS or x in _PREPOSITIONS for x in found[1:i])
            and not _plural_noun(before)
            and after is not None
            and (
                ((after in _DETERMINERS or after == "to") and _third_person_verb(w))
                # 'keeps getting injured'; not 'the solar pumps paying for themselves'
                or (w in _BEFORE_ING and after.endswith("ing") and len(after) > 5)
                # 'my contract ends in July'; not 'your design sprints in Lisbon'
                or (w in _EVENT_VERBS and after in _PREPOSITIONS)
            )
        ):
            return True
        # 'a good friend just left Ocado': a past tense after 'just', 'recently' …
        if before in _BEFORE_PAST and (_past_of_verb(w) or w in _IRREGULAR_PAST) and i >= 2:
            return True
        if before in CLOSED_CLASS or before in _PREPOSITIONS or after is None:
            continue
        # 'Northwind switched to dbt', 'the league lost its sponsor': a past tense after a noun
        if _past_of_verb(w) or w in _IRREGULAR_PAST:
            return True
        # 'bootcamp grads struggle in …', 'our kids go to …': a plural and a bare verb
        if (
            _plural_noun(before)
            and can_be_verb(w)
            and after in _AFTER_VERB
            and w not in _SERVICE_HEADS  # 'the careers service at her university'
        ):
            return True
    return False


# After "Maria's", words that make it "Maria is/has" rather than "Maria's team".
_AFTER_IS = frozenset(
    """
    about going getting starting moving hiring leaving joining looking been got done just already
    also still now not a an the on in at off back over new keen interested great good
    """.split()
)


def _contracted_is(first: str, second: str, third: str | None = None) -> bool:
    """ "Maria's about to start", "Niall's looking": a name and 'is' or 'has', not a possessive."""
    return (
        first.endswith("'s")
        and first[:-2] not in CLOSED_CLASS
        and (second in _AFTER_IS or second.endswith("ing") or _past_of_verb(second))
        # "Mandy's bookkeeping", "Sam's marketing team": a field of work is a thing of theirs
        and second not in _FIELDS_OF_WORK
        and not second.endswith(("keeping", "keting", "ounting"))
        # "L'Oréal's new DTC team": 'new' before a noun is theirs
        and not (
            second == "new" and third is not None and third not in _PREPOSITIONS | {"here", "there"}
        )
    )


# Past tenses that do not end in '-ed', as an answer's first word ('bought a pharmacy').
_IRREGULAR_PAST = frozenset(
    """
    went grew took gave told became left felt brought began kept wrote stood heard meant paid
    spent bought chose drove broke fell lost sent found thought said made saw knew got had did
    ran met sat spoke won taught caught fought threw built led sold held came rose
    flew swam wore drew hung shook woke
    """.split()
)
# Verbs whose past tense is not '-ed', in the forms answers use them.
_IRREGULAR = frozenset(
    """
    intro ping loop email text call dm cc
    go do have make take come see know get give find think tell become leave feel bring begin
    keep hold write stand hear let mean set meet run pay sit speak lead read grow lose fall send
    build understand draw break spend cut rise drive buy wear choose win teach catch fight throw
    lend bend shake swing stick strike sweep sleep
    """.split()
)
# Plurals that usually start a compound noun ('the sales team', 'the jobs board').
_COMPOUND_PLURALS = frozenset(
    """
    sales operations events systems communications claims news ops analytics logistics
    economics graphics jobs services products payments physics sports arts relations series
    careers
    """.split()
)
# What follows a verb and not a noun: 'struggle in', 'go to', 'churn less'.
_AFTER_VERB = (
    _PREPOSITIONS
    | _DETERMINERS
    | frozenset(
        """
    to less more better faster slower too well so really much up out off back away down each
    every all most together fewer
    """.split()
    )
)


def can_be_verb(word: str) -> bool:
    """'struggle', 'churn', 'go': English has a verb of this form."""
    if word in _IRREGULAR:
        return True
    return wordlists.can_be_verb(word)


def _past_of_verb(word: str) -> bool:
    """'switched', 'moved', 'stopped', 'tried': the past tense of a verb ('developer' is not)."""
    if not word.endswith("ed"):
        return False
    stem = word[:-2]
    return any(
        can_be_verb(s)
        for s in (stem, word[:-1], stem[:-1] if stem[-1:] == stem[-2:-1] else "", stem[:-1] + "y")
        if s
    )


def _participle(word: str) -> bool:
    """'been', 'done', 'toured', 'grown'-like pasts: after "she's" it is "has", not "is"."""
    return word in _PARTICIPLES or word in _IRREGULAR_PAST or _past_of_verb(word)


# Past participles not ending in -ed: "she's seen", "he's given": 'has'.
_PARTICIPLES = frozenset(
    """
    been got had done seen gone given taken written known shown grown drawn driven eaten fallen
    flown forgotten hidden ridden risen spoken stolen sworn thrown woken worn chosen broken begun
    sung swum run become come
    """.split()
)


def _plural_noun(word: str) -> bool:
    """'grads', 'customers', 'kids': a plural that can be the subject of a verb."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "'s", "us", "is"))
        and word not in CLOSED_CLASS
        and word not in _COMPOUND_PLURALS
    )


# Words that begin a noun phrase and nothing else.
_DETERMINERS_ONLY = frozenset("the a an this that these those".split())
_NOTHING = frozenset(
    "nothing none na no nope n/a - not-really nothing-really nothing-honestly idk".split()
)


@functools.lru_cache(maxsize=2048)
def is_nothing(answer: str) -> bool:
    """'Nothing really', 'n/a', 'none': an optional answer that means 'leave it out'."""
    found = [fold(w) for w in words(answer)]
    if answer.strip() in ("-", "—", "n/a", "N/A"):
        return True
    if (
        found
        and found[0] in ("nothing", "none", "nope")
        and re.match(r"\s*\w+\s*(?:[,;.!]|$)", answer)
    ):
        return True  # "Nothing, he'd be a paying client": nothing to say in this sentence
    if not found or len(found) > 3:
        return False
    return found[0] in ("nothing", "none", "nope", "idk") or found in (
        ["n", "a"],
        ["not", "really"],
    )


# A role ("support lead at a startup") needs "a" after "I'm" or "is"; these openings don't.
_NO_ARTICLE = frozenset(
    """
    a an the my our your his her their its this that these those some any each every no one
    half few couple several many much more most all both either neither another other such
    head founder co-founder cofounder ceo cto cfo coo cmo cpo cio vp svp evp president chair
    chairman chairwoman chairperson owner dean principal director editor partners
    currently now still also just really very part from into about in on at with for to
    not never unsure sure so too quite kinda
    """.split()
)
# Adjectives and mass nouns: no article alone or before a preposition ("based in Lisbon",
# "advice on pricing", "retired"), but one before a noun ("freelance translator").
_NO_ARTICLE_ALONE = frozenset(
    """
    based interested focused passionate keen new responsible working looking involved
    obsessed excited curious hoping trying moving transitioning switching returning back
    originally retired freelance self-employed unemployed available between open
    advice help feedback guidance information input support mentoring time coffee lunch
    research work
    """.split()
)
_UNIQUE_ROLES = frozenset(
    """
    head founder owner director president chair dean editor chief principal headteacher
    mayor treasurer secretary chairman chairwoman chairperson manager ceo cto cfo coo cmo
    """.split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty".split()
)
_UNITS = frozenset("min mins minute hour hr day week month year -minute".split())


_ING_TAKES = _DETERMINERS | frozenset("whether if how what as to up out my our".split())


def article(answer: str) -> str:
    """'a ' or 'an ' before a role typed without one ('support lead at Acme'), else ''."""
    found = words(answer)
    if not found:
        return ""
    first = found[0]
    key = fold(first)
    named = first[:1].isupper() and answer.strip()[len(first) : len(first) + 1] == ","
    second = fold(found[1]) if len(found) > 1 else ""
    third = fold(found[2]) if len(found) > 2 else ""
    if key[:1].isdigit() and second in _UNITS:  # 'a 30 min call', but '30 min on zoom'
        return "a " if third and third not in _PREPOSITIONS else ""
    if key in _UNIQUE_ROLES and second == "of":  # 'the founder of Buildwise'
        return "the "
    if key == "chief" and " at " in f" {answer} ":  # 'the chief nursing officer at Makati'
        return "the "
    if key in _NUMBER_WORDS:  # 'ten minutes', 'two calls': no article
        return ""
    if _plural_noun(second) and (not third or third in _PREPOSITIONS):
        return ""  # 'payments partnerships at Adyen': a plural head takes none
    if (
        key in _NO_ARTICLE
        or (key in _NO_ARTICLE_ALONE and (not second or second in _PREPOSITIONS))
        or key in SUBJECT_PRONOUNS
        or key in PRONOUN_CONTRACTIONS
        or key in QUESTION_WORDS
        or key in AUXILIARIES
        or key.endswith("'s")
        # 'working on …', 'tips on pricing': a gerund or a plural needs none; 'marketing lead'
        # and 'sales leader' (a noun used as a modifier, then the noun) do.
        or (
            (key.endswith("ing") or (key.endswith("s") and not key.endswith(("ss", "us", "is"))))
            and (not second or second in _PREPOSITIONS or second in _DETERMINERS_ONLY)
            and not (first.isupper() and len(first) > 1)
        )
        # 'deciding whether to …', 'working as an architect', 'having 4 years in Java': a
        # verb in -ing and what it takes, not 'a marketing lead'
        or (key.endswith("ing") and (second in _ING_TAKES or second[:1].isdigit()))
        or key[:1].isdigit()
        and not key.endswith(("st", "nd", "rd", "th"))
        or starts_with_verb(answer)
        or key in FINITE_VERBS
        or key in BARE_VERBS
        or named  # 'Ana, a data engineer'
        # one name: 'Stripe'; not one word for a role ('Bookkeeper')
        or (len(found) == 1 and first[:1].isupper() and key not in _ROLE_WORDS)
    ):
        return ""
    letters = first.replace(".", "")
    if (first.isupper() and len(first) > 1) or re.match(r"^[A-Z][.&]", answer.strip()):
        # an acronym or an abbreviation, read letter by letter: 'an MBA', 'an M.Arch student'
        return "an " if letters[0] in "AEFHILMNORSX" else "a "
    if key.startswith(("hour", "honest", "honour", "honor", "heir")):
        return "an "
    if key.startswith(("uni", "use", "usu", "euro", "one", "once")):
        return "a "
    return "an " if key[:1] in "aeiou" else "a "


# --- the reader, addressed ------------------------------------------------------------------

_TO_YOU = {
    "he": "you", "she": "you", "they": "you", "him": "you", "them": "you", "his": "your",
    "her": "your", "their": "your", "hers": "yours", "theirs": "yours", "he's": "you're",
    "she's": "you're", "they're": "you're", "he'd": "you'd", "she'd": "you'd", "they'd": "you'd",
    "he'll": "you'll", "she'll": "you'll", "they'll": "you'll", "they've": "you've",
    "himself": "yourself", "herself": "yourself", "themselves": "yourself",
}  # fmt: skip
_AGREE = {
    "is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
}  # fmt: skip
_TOKEN = lazyre.compile(r"(\s+)")


_OBJECT_NEXT = frozenset(
    "a an the some any this that to for about on in at with up out down back over off".split()
)


# After 'her', words no possessive goes with: 'show her round', 'walk her home', 'her and …'.
_NO_NOUN_NEXT = frozenset(
    """
    round around home away along across through past together again too there here now later
    soon and or but if when so as than before after since until while without into onto
    """.split()
)


_SINGULAR = frozenset(
    k for k in _TO_YOU if k.startswith(("he", "she", "him")) and k not in ("her", "hers")
)


def singular_to_you(answer: str) -> str:
    """to_you for he/she/him only: 'a model he could roll out', said to him. 'His' and 'her'
    may be the other person's own ('a tour of his plant'); 'they' may be a company."""
    return to_you(answer, _SINGULAR)


def _with_you(verb: str) -> str:
    """A verb that went with he or she, as it goes with you: 'runs' -> 'run', 'is' -> 'are'."""
    key = fold(verb)
    if key in _AGREE:
        return _AGREE[key]
    if not _third_person_verb(key):
        return verb
    if key.endswith("ies"):
        return verb[:-3] + "y"
    if key.endswith(("ches", "shes", "sses", "xes", "oes")):
        return verb[:-2]
    if key.endswith("s") and not key.endswith("ss"):
        return verb[:-1]
    return verb


def as_you(text: str) -> str:
    """'leads the cardiology service' -> 'lead the cardiology service': what someone does,
    said of 'you'; only its first word changes ('runs the club he founded' keeps 'he')."""
    first = _TOKEN.split(text, maxsplit=1)
    return _with_you(first[0]) + "".join(first[1:])


def to_you(answer: str, keys: frozenset[str] | None = None) -> str:
    """Third person about the reader, in second person: written about them, sent to them.

    'how she scaled the team' -> 'how you scaled the team'; "he's hiring" -> "you're
    hiring"; 'she has' -> 'you have'; 'he runs' -> 'you run'; 'save her some pain' -> 'save
    you some pain'. Only for text typed about the very person who reads it
    (intro-request's forwardable note).
    """
    tokens = _TOKEN.split(answer)
    out: list[str] = []
    subject = False
    addressed = False  # 'you sit next to her': once the reader is 'you', 'her' is someone else
    told = False  # the reader is the subject: '… and is free' agrees too
    before = ""
    for i, tok in enumerate(tokens):
        core = tok.strip(".,;:!?()\"' \t")
        if not core:
            out.append(tok)
            continue
        at = tok.find(core)
        lead, trail = tok[:at], tok[at + len(core) :]
        key = fold(core)
        addressed = addressed or key in SECOND_PERSON
        if told and before in ("and", "but") and key in _AGREE:
            # 'he manages the Leeds office and is free' -> 'you manage … and are free'
            tok = lead + _AGREE[key] + trail
        told = told and not trail.strip(",)\"' ")  # a sentence or a clause ends
        before = key
        if key in _TO_YOU and (keys is None or key in keys) and not addressed:
            new = _TO_YOU[key]
            following = next((fold(t) for t in tokens[i + 1 :] if t.strip()), "")
            if key in ("he's", "she's") and _participle(following):
                new = "you've"  # "she's been doing …": has, not is
            if key == "her" and (trail.strip() or not following or following in _OBJECT_NEXT):
                new = "you"  # "save her some pain", "hire her.": her as an object
            elif key == "her" and following in _NO_NOUN_NEXT:
                # 'show her round our workshop': an object, and maybe not the reader (his
                # daughter); no 'your' without a noun. Left as typed: fit asks.
                out.append(tok)
                continue
            out.append(lead + (new.capitalize() if core[:1].isupper() else new) + trail)
            subject = key in ("he", "she", "they")
            told = told or subject or new in ("you're", "you've", "you'd", "you'll")
            continue
        if subject:
            subject = False
            out.append(lead + _with_you(core) + trail)
            continue
        out.append(tok)
    return "".join(out)


def _third_person_verb(word: str) -> bool:
    """'runs', 'goes', 'studies': a verb with the -s of 'she …'."""
    if word in FINITE_VERBS:
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stems = (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else "")
    return any(s and can_be_verb(s) for s in stems)


_GROUPS = frozenset(
    """
    colleagues coworkers co-workers friends classmates neighbours neighbors teammates
    cofounders co-founders roommates housemates alumni peers cousins
    """.split()
)
# What two people were once and are no longer: 'college roommates', 'classmates at school'.
_PAST_GROUPS = frozenset(
    "college uni university school roommates flatmates housemates classmates schoolmates".split()
)
_RELATIONS = frozenset(
    """
    neighbour neighbor friend colleague coworker co-worker cousin sister brother aunt uncle
    mentor mentee client customer classmate teammate boss manager professor student
    supervisor advisor adviser tutor coach landlord tenant ex-colleague
    """.split()
)


_AND_I_VERB = lazyre.compile(
    r"\b(?:and|&) (?:I|me) (?:were|are|was|went|met|worked|grew|studied|used|have|had|play"
    r"|played|did|do|sing|sang|ran|run|trained|served|volunteer|volunteered)\b"
)


_TITLED = lazyre.compile(r"(?:dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame)\.?\s+[A-Z]", re.I)


def knows(answer: str, name: str) -> str:
    """How you know someone, as a sentence, whatever shape it was typed in.

    'we worked together at Acme' or 'worked together at Acme' -> 'Marco and I worked
    together at Acme.'; 'from Acme' -> 'Marco and I know each other from Acme.'; 'former
    colleagues' -> 'Marco and I are former colleagues.'; 'she was my manager' -> 'Marco was
    my manager.'; 'old uni friend' -> 'Marco is my old uni friend.'; 'Rotary' -> 'Marco and
    I know each other through Rotary.'; 'I mentor her' and 'Marco chairs our board' are
    sentences already and stay so.
    """
    text = answer.strip().rstrip(".")
    if not text:
        return ""
    first = first_word(text)
    head = [fold(w) for w in words(text)[:4]]
    own = fold(name.split()[0]) if name.split() else ""
    if first in ("i", "i'm", "i've", "i'd") or (own and first == own) or _TITLED.match(text):
        # 'Prof. Hoffmann is my supervisor': a sentence about them already, by their title
        return capital_i(capitalise_first(text)) + "."
    if first in ("she", "he", "she's", "he's", "she'd", "he'd"):
        return pronoun_to_name(text, name) + "."
    if first in ("we", "we've", "we're", "we'll"):
        return f"{name} and I {drop_leading(text, ['we'])}."
    if first in ("from", "through", "via", "since"):
        return f"{name} and I know each other {text}."
    if any(w in _GROUPS for w in head):
        # 'college roommates at Ashesi', 'classmates': a time that is over
        over = any(w in _PAST_GROUPS for w in head) and not any(
            w in ("friends", "mates", "buddies", "pals") for w in head
        )  # 'uni friends' still are
        return f"{name} and I {'were' if over else 'are'} {text}."
    if any(w in _RELATIONS for w in head) and first not in _VERB_LIKE:
        mine = "" if first in ("my", "a", "an", "the", "our") else "my "
        return f"{name} is {mine}{text}."
    if first in _VERB_LIKE or first.endswith("ed") or first in FINITE_VERBS:
        return f"{name} and I {text}."
    # 'our kids go to the same school'; 'his mum and I were at school together'
    if has_verb_early(text) or _AND_I_VERB.search(text):
        return f"{name} and I know each other because {text}."
    return f"{name} and I know each other through {text}."


@functools.lru_cache(maxsize=2048)
def starts_like_noun(answer: str) -> bool:
    """Not a clause and not a verb: can follow 'about', 'of', 'is', 'for'."""
    first = first_word(answer)
    return not (
        is_clause(answer) or starts_with_verb(answer) or first in AUXILIARIES or first in BARE_VERBS
    )


# Words for people and groups a he/she or a they can go back to ("bootcamp grads … their").
_PEOPLE = frozenset(
    """
    founder cofounder co-founder ceo manager boss friend colleague mentor mom dad mother father
    son daughter kid child wife husband partner brother sister student teacher guy woman man
    person someone everyone anyone nobody team group family community
    """.split()
)


_PLURAL_PRONOUNS = frozenset(
    "they them their theirs themselves they're they've they'd they'll".split()
)
# Words for one person: a he or a she can go back to them ('her mentor … she'), a they cannot
# ('my mentor says they …' may be a singular they, but it is not the reader).
_ONE_PERSON = _PEOPLE - frozenset("team group family community everyone".split())
# Words that end in -s and are no plural: 'as', 'this', 'always', 'sometimes'.
_NOT_PLURAL = frozenset(
    """
    always sometimes perhaps besides nowadays afterwards towards downstairs upstairs overseas
    whereas thus plus yes less unless across was has does is his its this us as ones
    """.split()
)


@functools.lru_cache(maxsize=2048)
def third_person(answer: str) -> str | None:
    """A he/she/their in an answer about the reader that nothing earlier in the answer can
    mean ('their post on …', 'the NHS trust he works at'), or None.

    A name before it can mean any pronoun ('Tomás says he …'); a word for one person only a
    he or a she ('my mentor … she'); a plural only a they ('bootcamp grads … their first
    job'). So 'on Saturdays he suits up for the league' and 'these days she's doing her
    masters' are still about the reader: a plural cannot be a he or a she.
    """
    found = words(answer)
    if any(fold(w) in SECOND_PERSON for w in found):
        # 'you sit next to her', 'she's in your congregation', 'him, your brother-in-law':
        # the answer speaks to the reader as 'you', so its he, she or they is someone else
        return None
    plural_before = body_before = False
    for i, w in enumerate(found):
        low = fold(w)
        # 'them' further in is usually a thing the message named ('rolled them out')
        if low in THIRD_PERSON and (i < 3 or low != "them"):
            if low in _PLURAL_PRONOUNS and (
                plural_before
                # 'the hospital's staff bank, they hire all year' (or '. They …'): the bank's they
                or (body_before and re.search(rf"[,.;:(]\s*{re.escape(w)}\b", answer))
            ):
                return None
            return w
        named = (
            w[:1].isupper() and not w.isupper() and low not in CLOSED_CLASS and low != "i"
        ) and not _calendar_word(low)  # 'On Saturdays he …', 'In March she …': nobody
        if named or low in _ONE_PERSON:
            return None
        plural_before = plural_before or (i > 0 and _many(w))
        body_before = body_before or low in _BODIES
    return None


# Places and bodies people speak of as 'they': 'the hospital's staff bank, they hire all year'.
_BODIES = frozenset(
    """
    bank service agency company firm office school university college hospital clinic trust
    council charity union board club society association network slack discord forum
    centre center department ministry practice studio startup group programme program hub
    institute foundation library authority bureau fund initiative scheme
    """.split()
)


def _many(word: str) -> bool:
    """'weekends', 'customers', 'team': something a they can go back to ('as' cannot)."""
    low = fold(word)
    return low in _PEOPLE or (
        low.endswith("s")
        and not low.endswith("ss")
        and not word.isupper()
        and low not in CLOSED_CLASS
        and low not in AUXILIARIES
        and low not in _NOT_PLURAL
        and not low.endswith("'s")
    )


@functools.lru_cache(maxsize=2048)
def reader_pronouns(answer: str) -> frozenset[str]:
    """The pronouns in `answer` that mean its reader, for to_you: those of the he, she or
    they third_person finds ('she told her brother he …': not 'he'), and a 'their' after a
    he or a she that no plural before it can mean ('his time and the offer to introduce us
    to their CSR team': his firm's); none when third_person finds none."""
    pronoun = third_person(answer)
    if pronoun is None:
        return frozenset()
    forms = same_person(pronoun)
    if forms is _PLURAL_PRONOUNS:
        return forms
    found = words(answer)
    for i, w in enumerate(found):
        if fold(w) in _PLURAL_PRONOUNS:
            if not any(_many(x) for x in found[:i]):
                forms = forms | _PLURAL_PRONOUNS
            break
    return forms


_SAME_PERSON = (
    frozenset("he him his himself he's he'd he'll".split()),
    frozenset("she her hers herself she's she'd she'll".split()),
    _PLURAL_PRONOUNS,
)


def same_person(pronoun: str) -> frozenset[str]:
    """Every form of the pronoun `pronoun` is one of: 'she' -> she, her, hers, she's …; so
    to_you turns only the reader's pronouns ('she told her brother he …': 'he' is him)."""
    key = fold(pronoun)
    return next((forms for forms in _SAME_PERSON if key in forms), frozenset())


# Nouns in -ing that name a field of work ('marketing lead'), not an activity ('opening …').
_FIELDS_OF_WORK = frozenset(
    """
    marketing engineering consulting accounting recruiting nursing banking teaching publishing
    manufacturing
    """.split()
)
_WHERE_OR_WHEN = frozenset("on at in with from between now currently".split())


def who_opening(text: str) -> str:
    """What joins a role or description to a name: 'who ' before a verb ('runs ops …'),
    'who is ' before an activity or a place ('opening a taqueria', 'on the board'), else ''."""
    if starts_with_verb(text) or first_word(text) in (
        "will",
        "would",
        "can",
        "could",
        "has",
        "had",
    ):
        return "who "  # 'will be joining the Oxford Internet Institute'
    first = first_word(text)
    found = words(text)
    second = fold(found[1]) if len(found) > 1 else ""
    # 'wedding planner', 'training coordinator': an -ing word naming a kind of work
    compound = second not in CLOSED_CLASS and (
        second.endswith(("er", "or", "ist", "ian", "ant", "ent")) or second in _ROLE_WORDS
    )  # 'booking agent', 'training lead'

    if (first.endswith("ing") and first not in _FIELDS_OF_WORK and not compound) or (
        first in _WHERE_OR_WHEN
    ):
        return "who is "
    return ""


def second_person_of(word: str, answer: str = "") -> str:
    """'their' -> 'your', for the fix in a message; an object 'her' in `answer` ('show her
    round our workshop') -> 'you'."""
    found = words(answer)
    keys = [fold(w) for w in found]
    if fold(word) == "her" and "her" in keys and _is_object(found, keys.index("her")):
        return "you"
    return {
        "their": "your",
        "his": "your",
        "her": "your",
        "theirs": "yours",
        "hers": "yours",
        "they": "you",
        "he": "you",
        "she": "you",
        "them": "you",
        "him": "you",
        "they're": "you're",
        "he's": "you're",
        "she's": "you're",
        "they've": "you've",
        "they'd": "you'd",
        "they'll": "you'll",
    }.get(fold(word), "you")


_PRONOUN_VERBS = {"she's": "is", "he's": "is", "she'd": "would", "he'd": "would"}


def pronoun_to_name(answer: str, name: str) -> str:
    """'she was my manager' about Karen -> 'Karen was my manager'; otherwise unchanged.

    For answers to "How do you know her?": the pronoun can only mean that person.
    """
    text = answer.strip()
    first = first_word(text)
    parts = text.split(None, 1)
    # The pronoun must be the whole first token (':HE:HE' has the word 'he', but no rest).
    if len(parts) < 2 or fold(parts[0]) != first:
        return text
    if first in ("she", "he"):
        return f"{name} {parts[1]}"
    if first in _PRONOUN_VERBS:
        rest = parts[1]
        participle = _participle(first_word(rest))
        verb = ("has" if first.endswith("'s") else "had") if participle else _PRONOUN_VERBS[first]
        return f"{name} {verb} {rest}"
    return text


@functools.lru_cache(maxsize=2048)
def looks_like_predicate(answer: str) -> bool:
    """After "X and I …": starts with a verb or an adverb that goes with one."""
    first = first_word(answer)
    return first in _VERB_LIKE or first.endswith("ed") or first in AUXILIARIES


# What templates can use (registered in the sandbox): `{% if question is question %}`,
# `{% if highlight is clause %}`, `{{ offer|first_word }}`.
_DEPARTMENTS = frozenset(
    """
    sales marketing partnerships operations ops engineering finance hr product design recruiting
    recruitment legal procurement support growth admissions research communications comms policy
    strategy security devrel compliance accounting analytics payroll logistics editorial
    fundraising talent people bizdev it
    """.split()
)


def is_department(answer: str) -> bool:
    """'partnerships at Adyen', 'Admissions, Kellogg': a department, not a role ('I'm in …')."""
    found = [fold(w) for w in words(answer)[:2]]
    if not found or found[0] not in _DEPARTMENTS:
        return False
    rest = answer.strip()[len(words(answer)[0]) :].lstrip()
    return len(found) == 1 or found[1] in _PREPOSITIONS or rest.startswith((",", "("))


def flat_parens(text: str) -> str:
    """'Admissions at Kellogg (former)' -> 'Admissions at Kellogg, former': for inside brackets."""
    return re.sub(r"\s*\(\s*([^()]*?)\s*\)", r", \1", text).strip(", ")


_ABOUT_TIME = lazyre.compile(
    r"^(?:your time|(?:taking|making|finding) (?:the )?time|the time|meeting (?:me|with me)|"
    r"talking|chatting|sitting down|speaking)\b",
    re.I,
)
_FILLER = frozenset("time taking meet meeting with me chat chatting talk talking today".split())


def about_time(answer: str) -> bool:
    """'taking the time to meet', 'your time': thanks for the meeting itself."""
    return bool(_ABOUT_TIME.match(answer.strip()))


def within(answer: str, other: str) -> bool:
    """Every word `answer` says that matters is already in `other` ('lunch' in 'lunch!')."""
    said = {fold(w) for w in words(other)}
    own = [fold(w) for w in words(answer)]
    return bool(own) and all(w in said or w in CLOSED_CLASS or w in _FILLER for w in own)


_OBJECT_OR_PARTICLE = frozenset(
    "you him her them me us up back over out in on the a an my our your some".split()
)


def is_verb_phrase(answer: str) -> bool:
    """'follow up next week with pricing', 'call you about the role': something to do."""
    found = [fold(w) for w in words(answer)[:2]]
    return (
        len(found) == 2
        and found[1] in _OBJECT_OR_PARTICLE
        and found[0] not in COMMON_WORDS
        and found[0] not in CLOSED_CLASS
        and can_be_verb(found[0])
    )


_ATTACHED = lazyre.compile(
    r"[\s,(-]*\b(?:see )?(?:attached|attaching it|is attached)\)?[\s.]*$", re.I
)


def unattached(text: str) -> str:
    """'my notes, attached' -> 'my notes': the sentence says it is attached."""
    return _ATTACHED.sub("", text).strip() or text


_OBJECT_PRONOUN = lazyre.compile(
    r"\b(?:him|them|her(?=\s+(?:to|with|on|in|for|through|out|up|around|about)\b|\s*[.,;]|\s*$))\b",
    re.I,
)


_PARTICIPLE_AFTER = frozenset(
    "near out by through until till since via under over until during within".split()
)
_COMMA_VERB = lazyre.compile(r",\s+(?=([a-z]+)\b)")


def comma_verb_to_who(text: str, joined: str = "who") -> str:
    """'senior engineer at Flutterwave, maintains a React library' -> '… Flutterwave, who
    maintains …': a description, then what the person does, with no one doing it. `joined`
    'and' where the sentence has its 'who' already ('who is making a game solo and needs a
    composer')."""

    def join(m: re.Match[str]) -> str:
        word = m.group(1)
        after = text[m.end() + len(word) :].split()[:1]
        verb = (
            word in _IRREGULAR_PAST
            # 'ran a trial', 'did the rebrand'; not 'based in Singapore' (a description)
            or (
                _past_of_verb(word)
                # nor 'contracted through 2026' (what it is, not what someone did)
                and not (after and fold(after[0]) in _PREPOSITIONS | _PARTICIPLE_AFTER)
            )
            or (word in FINITE_VERBS and word not in _ALSO_NOUNS)
            # 'maintains a React library'; not 'projects for Oatly'
            or (
                _third_person_verb(word)
                and word != "plus"  # 'a program, plus a coach through work'
                and bool(after)
                and (fold(after[0]) in _DETERMINERS or fold(after[0]) == "to")
            )
        )
        return (", who " if joined == "who" else f" {joined} ") if verb else m.group(0)

    return _COMMA_VERB.sub(join, text, count=1)


_LEADING_HEDGE = lazyre.compile(r"^(?:probably|maybe|possibly|definitely|likely|perhaps)\s+", re.I)


def without_hedge(text: str) -> str:
    """'probably get you pre-approved' -> 'get you pre-approved' (for 'X can …')."""
    return _LEADING_HEDGE.sub("", text.strip()) or text


def object_to_you(text: str) -> str:
    """'intro him to investors' said to him -> 'intro you to investors'. Possessives stay:
    'their playbook' may be the other person's."""
    return _OBJECT_PRONOUN.sub("you", text)


_THE_OF = lazyre.compile(
    r"^(?:(?:Royal|National|Central|State|Open|Free|Catholic|Technical|City)\s+)?"
    r"(?:University|Bank|Institute|College|Museum|School|Ministry|Department|Office|Academy|"
    r"Library|Council|Church|Hospital|Court|Society|Federation|Union)\s+of\s+[A-Z]"
)


# One of something, that 'about' cannot take bare: 'about the wine list', 'the move to Berlin'.
_COUNTABLE = frozenset(
    """
    list rewrite launch migration move trip plan project deal round role job app pilot tour visit
    talk book course conference programme program idea proposal offer event meetup wedding
    promotion exchange partnership merger acquisition report study paper grant bid pitch demo
    redesign rebrand reorg restructure hire opening vacancy position contract audit review
    """.split()
)


def definite(text: str) -> str:
    """'the ' before a singular thing typed without its article, where 'about' takes one:
    'wine list' -> 'the wine list', 'async rewrite of your scheduler' -> 'the async rewrite
    of …'; '' for a name, a plural, a gerund ('hiring juniors'), a mass noun ('growth
    design') or a phrase that has its article."""
    found = words(text)
    if len(found) < 2:
        return ""
    first = fold(found[0])
    if (
        first in _DETERMINERS
        or first in _NOT_BARE
        or first in _NUMBER_WORDS
        or first in QUESTION_WORDS
        or first in SUBJECT_PRONOUNS
        or first in ("some", "any", "more", "most", "how", "whether")
        or first.endswith(("ing", "'s"))
        or first[:1].isdigit()
        or found[0][:1].isupper()
        or first in AUXILIARIES
        or first in BARE_VERBS  # 'talk about …': a verb, which fit asks about
        or is_question(text)
        or is_clause(text)
        or has_verb_early(text)
    ):
        return ""
    # the head: the last word before what is said about it ('reviewers for the async book')
    low = [fold(w) for w in found]
    cut = next(
        (i for i, w in enumerate(low) if i and (w in _PREPOSITIONS or w in _HEAD_ENDS)), len(low)
    )
    return "the " if low[cut - 1] in _COUNTABLE else ""


# What a person makes or has, that 'your' fits alone: 'your podcast', 'your PyCon talk'.
_THINGS = frozenset(
    """
    work talk talks post posts article articles book books podcast newsletter research paper
    papers project projects background career journey experience profile story content writing
    photos photography pictures videos video company startup business team lab course portfolio
    artwork art designs design music blog channel shop brand products product app website site
    thread threads comment comments recipe recipes garden bakery restaurant studio
    """.split()
)
_NOT_BARE = frozenset(
    "your ur the a an that this these those how what why his her their my our fellow same both".split()
)


def is_bare_topic(text: str) -> bool:
    """'hospitality', 'offshore wind', 'surfing 🏄', 'old mate': a word or two naming a field
    or a thing, with nothing to say what about it ('your hospitality' is not 'your work in
    hospitality'). Not a thing of theirs ('podcast', 'pycon talk'), a name, or a clause."""
    found = words(text)
    if not 1 <= len(found) <= 2 or not found[0][:1].islower():
        return False
    return (
        fold(found[0]) not in _NOT_BARE
        and fold(found[-1]) not in _THINGS
        # 'recruiter', 'retired CFO': a role, which 'you're a …' says
        and fold(found[-1]) not in _ROLE_WORDS
        and not (found[-1].isupper() and len(found[-1]) > 1)
        and not is_clause(text)
        and not (len(found) == 2 and starts_with_verb(text))
    )


def bare_first_name(text: str, first: str) -> bool:
    """Whether `text` names `first` alone ('Kim is hiring'), not with more ('Kim P.', 'Kim
    Park'): in a message to two people of that first name, either of them."""
    return bool(first) and re.search(_first_alone(first), text) is not None


def _first_alone(first: str) -> str:
    """A pattern for `first` with no more of the name after it ('Sam', not 'Sam P.')."""
    return rf"(?<![\w'’-]){re.escape(first)}(?![\w-])(?!\s+[A-Z])"


def only_them(text: str, answers: Iterable[Any]) -> bool:
    """Whether every he or she in `text` is the one person `answers` are about, and they
    say which ('he's building an app'): 'to help her with the wine list', in a message to
    someone else about her."""
    said = {_gender(w) for w in words(text)} - {""}
    known = pronoun_of(answers)
    return bool(said) and said == {known}


def own_condition(offer: str) -> bool:
    """'buy you a coffee if you're ever in Leeds': an offer with its own 'if', which takes
    no 'If it's useful,' before it ('share our deck if useful' is that same condition)."""
    said = offer.lower().rstrip(" .!")
    for same in (" if useful", " if helpful", " if it helps"):
        said = said.replace(same, "")
    return " if " in f" {said} "


TESTS: dict[str, Callable[..., bool]] = {
    "own_condition": lambda v: own_condition(str(v or "")),
    "only_them": lambda v, answers: only_them(str(v or ""), answers or []),
    "bare_first_name": lambda v, first: bare_first_name(str(v or ""), str(first or "")),
    "bare_topic": lambda v: is_bare_topic(str(v or "")),
    "verb_phrase": lambda v: is_verb_phrase(str(v or "")),
    "department": lambda v: is_department(str(v or "")),
    "about_time": lambda v: about_time(str(v or "")),
    "within": lambda v, other: within(str(v or ""), str(other or "")),
    "question": lambda v: is_question(str(v or "")),
    "clause": lambda v: is_clause(str(v or "")),
    "verb_first": lambda v: starts_with_verb(str(v or "")),
    "clause_later": lambda v: has_verb_early(str(v or "")),
    "nothing": lambda v: is_nothing(str(v or "")),
    "service": lambda v: head_is_service(str(v or "")),
    "plural": lambda v: is_plural(str(v or "")),
    "future": lambda v: is_future(str(v or "")),
    "base_verb": lambda v: starts_with_base_verb(str(v or "")),
    "still_so": lambda v: still_so(str(v or "")),
    "led_clause": lambda v: led_clause(str(v or "")),
}


def starts_with_base_verb(text: str) -> bool:
    """'review your deck', 'swap recipes': a verb as 'to' takes it; not 'samples from ...'
    (a plural, or a verb's -s form, which 'glad to' cannot take)."""
    found = words(text)[:1]
    if not found:
        return False
    word = fold(found[0])
    if word.endswith("s") and not word.endswith(("ss", "us")):
        return False
    # 'redo your van', 'rewire the barn': 're' and a verb
    again = word[2:] if word.startswith("re") and len(word) >= 4 else ""
    return (
        word in _IRREGULAR
        or wordlists.can_be_verb(word)
        or again in _IRREGULAR
        # 'rewire', 'repaint'; not 'really' (re + 'ally'), 'reply' is a verb of its own
        or (len(again) >= 4 and not word.endswith("ly") and wordlists.can_be_verb(again))
    )


_FUTURE = lazyre.compile(
    r"\b(?:tomorrow|tonight|later(?: today| this week)?|soon|next (?:week|month|monday|tuesday"
    r"|wednesday|thursday|friday)|this (?:afternoon|evening|week)|by (?:monday|tuesday|wednesday"
    r"|thursday|friday|the end of (?:the )?(?:day|week)|eod|eow))\b",
    re.I,
)


def is_future(text: str) -> bool:
    """'send my CV tomorrow', 'by Friday': a promise still to keep, not one kept."""
    return bool(_FUTURE.search(text))


_WHEN = lazyre.compile(
    r",\s*(today|yesterday|tonight|last night|this (?:morning|afternoon|evening)|earlier(?: today)?)\b",
    re.I,
)
_WEEKDAY = lazyre.compile(r",\s*((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)


_ORG_AFTER_COMMA = lazyre.compile(
    r"^(?P<title>[^,]{2,60}?),\s*(?P<org>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})$"
)


def title_at_org(text: str) -> str:
    """'Staff data engineer, Northwind' -> 'Staff data engineer at Northwind' (a role, then
    where); anything else as it was."""
    m = _ORG_AFTER_COMMA.match(text.strip())
    if not m or " at " in m.group("title") or " of " in m.group("title"):
        return text
    return f"{m.group('title')} at {m.group('org')}"


def is_plural(text: str) -> bool:
    """'the drawings', 'my notes from the offsite': the head noun is plural ('here are')."""
    head = re.split(
        r"[,;(]|\s(?:for|to|with|on|in|at|from|by|of|about|that|which|I|we)\s", text, maxsplit=1
    )[0]
    found = [fold(w) for w in words(head)]
    if not found:
        return False
    last = found[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "news")) and len(last) > 3


# Day and month names are always capitalised; "may", "march" and "august" are also words.
_CALENDAR = {
    w: w.capitalize()
    for w in "monday tuesday wednesday thursday friday saturday sunday january february "
    "april june july september october november december".split()
}
_CALENDAR_WORD = lazyre.compile(r"\b(" + "|".join(_CALENDAR) + r")\b")


# Days typed short. Those that are also words ('we sat', 'I wed', 'the sun') are days only
# where what is around them says so.
_DAY_SHORT = {
    "mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday",
    "weds": "Wednesday", "thu": "Thursday", "thur": "Thursday", "thurs": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip
_DAY_ALSO_WORD = frozenset(("wed", "sat", "sun"))
_WEEKDAYS = frozenset(_DAY_SHORT.values()).union(d.lower() for d in _DAY_SHORT.values())
_DAY_BEFORE = frozenset("next this last every by until till from".split())
_DAY_AFTER = frozenset("morning afternoon evening night am pm noon lunch".split())
_DAY_TOKEN = lazyre.compile(r"(?<![\w'’])(?:[A-Za-z]+|\d[\w:.]*)(?![\w'’])")
# What joins two days in a list: 'tues/wed', 'mon-fri', 'thurs, fri', 'tues or wed'.
_DAY_JOINS = frozenset(("/", "-", "–", ",", "&", "or", "and", ", or", ", and"))
_AND_OR = frozenset(("or", "and"))


def _day_key(word: str) -> str | None:
    """The short day `word` is, typed in lower case or with a capital ('tues', 'Tues'), else
    None; all capitals ('SAT', 'SUN') are something else."""
    key = word.lower()
    if key not in _DAY_SHORT or not (word == key or word == key.capitalize()):
        return None
    return key


def _said_to_be_day(tokens: list[str], i: int, text: str = "") -> bool:
    """Whether what is around `tokens[i]` says it is a day: 'next sat', 'sun morning',
    'wed 3pm', 'wed at 3', 'Friday or sat', or a when after a comma at the end ('his office
    in Kano, wed')."""
    # ('sea, sand, sun' is no day: 'sun' is a noun in a list as often as a day)
    at_end = i + 1 == len(tokens) and i and tokens[i].lower() != "sun"
    if at_end and re.search(r",\s*[A-Za-z]+[.!?]?\s*$", text):
        return True
    before = tokens[i - 1].lower() if i else ""
    after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    then = tokens[i + 2].lower() if i + 2 < len(tokens) else ""
    return (
        before in _DAY_BEFORE
        or after in _DAY_AFTER
        or after[:1].isdigit()
        or (after == "at" and then[:1].isdigit())
    )


def _calendar_word(word: str) -> bool:
    """'saturdays', 'march', 'june': a day or a month (lower case), one or several."""
    return word.removesuffix("s") in _CALENDAR or word in ("may", "march", "august")


def _short_days(text: str) -> str:
    """'next tues or wed' -> 'next Tuesday or Wednesday', 'Tues/Wed' -> 'Tuesday/Wednesday';
    'we sat at the back' and 'sun or rain' as they were.

    A short day that is also a word ('wed', 'sat', 'sun') is a day only where what is around
    it says so, or when it is listed with a day ('tues or wed', 'sat or sun morning')."""
    found = list(_DAY_TOKEN.finditer(text))
    tokens = [m.group(0) for m in found]
    keys = [_day_key(t) for t in tokens]
    day = [
        k is not None and (k not in _DAY_ALSO_WORD or _said_to_be_day(tokens, i, text))
        for i, k in enumerate(keys)
    ]
    full = [t.lower() in _WEEKDAYS for t in tokens]
    # Listed with a day: the words between two tokens are one of _DAY_JOINS.
    for _ in range(2):  # 'sat, sun or mon': a list can pass it on once more
        for i, k in enumerate(keys):
            if k is None or day[i]:
                continue
            near = [i - 1, i + 1]
            near += [j + (j - i) for j in near if 0 <= j < len(found) and tokens[j] in _AND_OR]
            for j in near:
                if not 0 <= j < len(found) or not (day[j] or full[j]):
                    continue
                lo, hi = sorted((i, j))
                between = " ".join(text[found[lo].end() : found[hi].start()].split())
                if between in _DAY_JOINS:
                    day[i] = True
    out, pos = [], 0
    for m, k, is_day in zip(found, keys, day, strict=True):
        if k is not None and is_day:
            out.append(text[pos : m.start()] + _DAY_SHORT[k])
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def calendar_case(text: str) -> str:
    """'see you tuesday' -> 'see you Tuesday'; 'free tues 4pm' -> 'free Tuesday 4pm'."""
    if not _DAY_SHORT.keys().isdisjoint(re.split(r"[^a-z]+", text.lower())):
        text = _short_days(text)
    if not any(day in text for day in _CALENDAR):  # cheaper than compiling the pattern
        return text
    return _CALENDAR_WORD.sub(lambda m: _CALENDAR[m.group(1)], text)


_ASIDE = lazyre.compile(
    r",\s+(?:(?:he|she|they|it|we|you|I)(?:'s|'d|'re|'ll|'ve|\s+(?:is|was|are|were|would|will|can"
    r"|has|have|had|could|should|might))\b|(?:he|she|they|we|you|I)\s+[a-z]+s?\b|that's\b|that\s+is\b"
    r"|(?:the|my|our|your|his|her|their|this)\s+(?:[\w'-]+\s+){0,4}?(?:is|was|are|were)\b"
    r"|been\b|(?:happy|glad|keen)\s+to\b|(?:would\s+)?love\s+to\b"
    r"|I'm\b|(?:the|my|our|your|his|her|their|this)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:hit|got|went|grew|made|won|sold|took|became|[a-z]+ed)\s+(?!by\b|in\b|at\b|for\b)"
    # ', things have changed a lot'; ', HR runs it' (a team's initials, then what it does)
    r"|(?:things|everything|everyone|prices|times)\s+(?:have|has|are|were|is|was)\b"
    r"|(?-i:[A-Z]{2,})\s+[a-z]+s\s+(?:it|them|the|a|an|our|their|this|that|everything)\b"
    # ', Ollie is amazing at chiptune': a name and what they are or do
    r"|(?-i:[A-Z][a-z]+)\s+(?-i:is|was|has|needs|wants|can|does|did|loves|knows)\b)",
    re.I,
)


_SUBORDINATE = lazyre.compile(
    r"\b(?:when|if|because|after|before|since|while|although|though|once|until|unless)\b", re.I
)


@functools.lru_cache(maxsize=2048)
def has_aside(text: str) -> bool:
    """'an intro to Kim, she'd be perfect': a sentence of its own glued on after a comma.

    Not after a clause that needs one ('when they moved to usage pricing, they kept …')."""
    if "," not in text:  # no comma, no splice: and no need to compile the pattern
        return False
    if _splice(text) is not None:
        return True
    # '…one of our seniors, wants to study nursing': a verb with nobody doing it; not 'I
    # moved to Cork, started at Apple and …', where the subject before the comma does all
    if fold(first_word(text)) in SUBJECT_PRONOUNS and " and " in text.split(",", 1)[1]:
        return False  # a list of what they did, closed by 'and'
    return comma_verb_to_who(text) != text


def _splice(text: str) -> re.Match[str] | None:
    """Where a sentence with a subject of its own is glued on after a comma: the match from
    that comma; None where the comma is one a clause needs ('when …, they …'), a series
    ('A, B, and C') or a noun with a clause of its own ('Acme, the startup that …')."""
    found = _ASIDE.search(text.translate(_APOSTROPHES))  # "it’s", as a phone types it
    if (
        found is None
        or _SUBORDINATE.search(text[: found.start()])
        or _series(text[: found.start()], text[found.start() + 1 :])
        or _relative_phrase(text[found.start() + 1 :])
    ):
        return None
    return found


def _series(head: str, rest: str) -> bool:
    """'you were my first manager, you know my work, and you've hired for years': clauses
    listed with a comma and closed by 'and', 'or' or 'but', a series, not a splice."""
    return is_clause(head) and _SERIES_END.search(rest) is not None


_SERIES_END = lazyre.compile(r",\s+(?:and|or|but)\s", re.I)

# The words a glued-on sentence starts with when it has a subject of its own (so that it can
# stand as a sentence): not ', been …' or ', happy to …', which lean on what came before.
# 'he', 'she' and 'they' are left out: in a message to one person they may be the reader
# ('since we worked at Maersk, he was my team lead'), which `fit` asks about as it stands;
# and 'you', which is often one of them made second person: 'life coaching. You go to my
# church.' is a sentence, but not one the reader would expect on its own.
_ASIDE_SUBJECTS = frozenset(
    """
    it we i i'm that's that the my our his her their this things everything everyone prices
    times it's we're we'd i'd we'll i'll we've i've
    """.split()
)


_COMMENT_CLAUSE = lazyre.compile(
    r"(?:I|we)(?:['’]d)?\s+(?:think|guess|believe|hope|suppose|reckon|imagine|feel|bet|say|admit"
    r"|recall|remember|know|expect|gather|understand|mean)[.!]?",
    re.I,
)


_NOUN_PHRASE_HEADS = frozenset("the my our your his her their this".split())
_RELATIVE_WORDS = frozenset("that who which whom whose where".split())
_BE = frozenset("is was are were".split())
_FINITE_VERB = lazyre.compile(r"(?:is|was|are|were|has|have|had|[a-z]+ed)")


def _relative_phrase(rest: str) -> bool:
    """'the startup that was acquired by Stripe': a noun with a relative clause after it, an
    aside to what came before, not a sentence ('… at Acme. The startup that was acquired by
    Stripe.'). With a verb of its own after the clause it is one ('the startup that was
    founded by Kim was sold'). ('the talk we saw was great' is a sentence; 'the year it was
    sold' is not, and is still split: no relative word tells them apart.)"""
    found = [fold(w) for w in words(rest)]
    if not found or found[0] not in _NOUN_PHRASE_HEADS:
        return False
    for i, word in enumerate(found[1:], 1):
        if word in _RELATIVE_WORDS:
            return sum(w in _BE for w in found[i + 1 :]) < 2
        if _FINITE_VERB.fullmatch(word):
            return False
    return False


# In what is glued on, a word for someone other than the writer: in a message to one person
# it may be the reader ('we're both in Campinas, I saw he runs the meetup'), which `fit` asks
# about as it stands rather than drafter making a sentence of it.
_OTHER_PERSON = frozenset(
    "he she him his her hers they them their theirs he's she's they're".split()
)


_OFFER_LEAD = lazyre.compile(
    r"^(?:(happy|glad|keen)(?=\s+to\b)|(?:would\s+)?love(?=\s+to\b))", re.I
)


def _aside_parts(text: str, mid: bool, named: bool = False) -> tuple[str, str] | None:
    """The answer before a glued-on sentence, and that sentence; None where there is none,
    or none that can stand on its own (', been doing …'), or more than one sentence."""
    if "," not in text or re.search(r"[.!?;:]\s", text):  # one sentence, one splice
        return None
    found = _splice(text)
    if found is None:
        return None
    rest = text[found.start() + 1 :].strip()
    head = text[: found.start()]
    # ', I think': a comment on what came before, no sentence of its own ('… length. I think.');
    # and a comma inside a quote is the quoted person's, not the answer's to mend
    if _COMMENT_CLAUSE.fullmatch(rest) or head.count('"') % 2 or head.count("“") > head.count("”"):
        return None
    # ', happy to connect you': the writer's offer, said as one ('I'd be happy to …')
    rest = _OFFER_LEAD.sub(lambda m: f"I'd be {m.group(1)}" if m.group(1) else "I'd love", rest)
    first = rest.split()[0] if rest.split() else ""
    # a he, she or they may be the reader ('we worked together at Maersk, he was my team
    # lead', sent to him): fit asks. One a word before it can mean ('the staff bank, they
    # hire …', 'my old boss, she …') is theirs, and the sentence can stand. A name cannot
    # tell: 'Maersk' or 'Jo Baker'.
    explained = _explained(head, rest) or (named and fold(first) in _ONE_PERSONS_PRONOUNS)
    if (
        fold(first) not in _ASIDE_SUBJECTS
        and not (first.isupper() and len(first) > 1)
        and not (explained and fold(first) in _OTHER_PERSON)
        and not (first[:1].isupper() and fold(first) not in CLOSED_CLASS)  # a name: 'Ollie is …'
    ):
        return None
    if "," in rest or (
        not explained and not _OTHER_PERSON.isdisjoint(fold(w) for w in words(rest))
    ):
        return None
    head = head.rstrip()
    # 'Victor, we met at PyCon': a name called out, not a sentence of its own before the comma
    # (an answer in the middle of a sentence is not where a name is called out: 'We both work
    # in wine, I'm a sommelier as well')
    if (len(head.split()) < 2 and not mid) or not head or head[-1] in ".!?":
        return None
    return head, rest


def _explained(head: str, rest: str) -> bool:
    """Whether the he, she or they that `rest` opens with goes back to a word in `head`: a
    plural, a body or a group for a they; a word for one person for a he or a she."""
    pronoun = fold(first_word(rest))
    if "," in head:  # 'at Maersk, my old boss, she …': which of them is not clear
        return False
    before = [fold(w) for w in words(head)]
    if pronoun in _PLURAL_PRONOUNS:
        return any(_many(w) for w in before[1:]) or any(w in _BODIES for w in before)
    if pronoun in _OTHER_PERSON:
        return any(w in _ONE_PERSON or w in _RELATIONS for w in before)
    return False


# A he or a she, and what they are: 'he's', 'she'd'.
_ONE_PERSONS_PRONOUNS = frozenset("he she he's she's he'd she'd he'll she'll".split())
# The sentence so far ends with the name the answer is about: 'Marco, this is Travis Boone: …',
# 'Mac and I …' (not a greeting's name: 'Hi Kwame, …' may be the reader's).
_NAMED_BEFORE = lazyre.compile(
    r"(?:^|\s)(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’-]+(?:\s+and\s+I|(?:\s+(?:can|could|would|is|was|has|offers?))+)?[:,]?\s*$"
)
_GREETING = lazyre.compile(r"^\s*(?:hi|hello|hey|dear|good\s+\w+)\b", re.I)


def named_before(before: str) -> bool:
    """Whether the words before an answer end with the name of the person it is about, so a
    he or a she glued on in it is them ('this is Travis Boone: we worked together at
    Ridgeline Bank, he's the CISO there')."""
    return _NAMED_BEFORE.search(before) is not None and not _GREETING.match(before)


def split_aside(text: str, mid: bool = False, named: bool = False) -> str:
    """'we worked together at Maersk, we were on one team' -> 'we worked together at Maersk.
    We were on one team': a sentence glued on after a comma made one of its own. Unchanged
    when there is none, or when it has no subject to stand on (', been doing …'). Only for
    an answer that ends its sentence in the message: what follows would be cut off. `mid`:
    the answer does not start its sentence."""
    parts = _aside_parts(text, mid, named)
    return text if parts is None else f"{parts[0]}. {capitalise_first(parts[1])}"


def bracket_aside(text: str, named: bool = False) -> str:
    """'negotiating my severance package, I was laid off last week' -> 'negotiating my
    severance package (I was laid off last week)': a sentence glued on after a comma, where
    the message's sentence goes on after the answer ('Could I ask your advice on …?'), put in
    brackets, as an aside to it. Unchanged where `split_aside` would leave it."""
    parts = _aside_parts(text, True, named)
    if parts is None or "(" in text or len(parts[1].split()) > 12:
        return text
    aside = parts[1].rstrip(".!")  # 'at Standard Bank (he was my manager).', no '.)'
    return f"{parts[0]} ({aside}){parts[1][len(aside) :]}"


def tidy_when(text: str) -> str:
    """'PyCon, yesterday' -> 'PyCon yesterday'; 'office hours, Thursday' -> '… on Thursday'."""
    return _WEEKDAY.sub(r" on \1", _WHEN.sub(r" \1", text))


_SERVICE_HEADS = frozenset(
    """
    service services tool tools platform software app apps program programme programs solution
    solutions product products agency offer offering package team system systems course
    training retainer proposal demo pilot subscription consultancy consulting outsourcing
    plan plans account accounts membership license licence deal partnership sponsorship
    listing booth audit workshop campaign website newsletter spot slot trial
    """.split()
)


def head_is_service(text: str) -> bool:
    """'POS system for the shop', 'email deliverability tool': a product or service, 'your …'."""
    head = re.split(r"[,;(]|\s(?:for|to|with|on|in|at|from|by|that|which)\s", text, maxsplit=1)[0]
    found = [fold(w) for w in words(head)]
    return bool(found) and found[-1] in _SERVICE_HEADS


_CHATTER = lazyre.compile(
    r"[\s,]*(?:\blol\b|\bhaha\b|\blmao\b|\bhonestly\b|\btbh\b|\bimo\b|\bmaybe\b|:\)|:D)[\s.!?]*$",
    re.I,
)
_CHATTER_ENDS = ("lol", "haha", "lmao", "honestly", "tbh", "imo", "maybe", ":)", ":d")
_TRAILING_DOTS = lazyre.compile(r"(?<=\w)\s*(?:\.{2,}|…)\s*$")


# Texting shorthand that never belongs in a message to someone you barely know.
_SHORTHAND = {
    "u": "you", "im": "I'm", "ive": "I've", "w/": "with", "w/o": "without", "yrs": "years",
    "yr": "year", "mgr": "manager", "mins": "minutes", "pls": "please", "plz": "please",
    "thx": "thanks", "bc": "because", "b/c": "because", "tho": "though", "thru": "through",
    "ppl": "people", "abt": "about", "cuz": "because", "msg": "message", "govt": "government",
    "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't", "isnt": "isn't",
    "tmrw": "tomorrow", "tmw": "tomorrow", "shes": "she's", "hes": "he's", "thats": "that's",
    "theyre": "they're", "youre": "you're", "doesnt": "doesn't", "wasnt": "wasn't",
    "havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "lmk": "let me know",
}  # fmt: skip
# '4' for 'for' between words ('thanks 4 the intro'), never a number ('top 4 tips', '4 of us').
_FOUR_FOR = lazyre.compile(
    r"(?<=[A-Za-z] )4(?= (?:the|a|an|your|you|me|us|my|our|all|everything|it|him|her|them"
    r"|his|their|helping|taking|making)\b)"
)
_SHORTHAND_KEYS = frozenset(_SHORTHAND)
_SHORT_WORD = lazyre.compile(r"(?<![\w'’/])(w/o|w/|b/c|[A-Za-z]+)(?![\w'’/])")


_YOUR_A = lazyre.compile(r"(?<![\w'’])([Yy])our(?= an? (?!cappella\b|capella\b))")


def expand_shorthand(text: str) -> str:
    """'ur work w/ food brands' -> 'your work with food brands': texting shorthand spelt out.
    'ur' is 'you're' before an -ing word or a role ('ur looking', 'ur a'), else 'your'; so is
    'your' before 'a' or 'an', which it never is ('your a designer')."""
    if "our a" in text:
        text = _YOUR_A.sub(r"\1ou're", text)
    if " @ " in text:  # 'data scientist @ Spotify'
        text = text.replace(" @ ", " at ")
    if " 4 " in text:
        text = _FOUR_FOR.sub("for", text)
    words = {w.strip(".,;:!?()[]\"'’…") for w in text.lower().split()}
    if "/" not in text and not _SHORTHAND_KEYS.intersection(words) and not words & {"ur", "rn"}:
        return text
    found = list(_SHORT_WORD.finditer(text))
    out, pos = [], 0
    for i, m in enumerate(found):
        word = m.group(1)
        key = word.lower()
        new = _SHORTHAND.get(key)
        if key == "ur":
            after = found[i + 1].group(1).lower() if i + 1 < len(found) else ""
            new = "you're" if after.endswith("ing") or after in ("a", "an", "the", "so") else "your"
        if key == "rn" and word == "rn":
            # 'hiring QA rn' is 'right now'; 'an rn at St Mary's' is a registered nurse.
            before = found[i - 1].group(1).lower() if i else ""
            at_end = not text[m.end() :].strip() or text[m.end() :].lstrip()[:1] in ",.;:!?)"
            new = "right now" if at_end and before not in ("a", "an", "the", "as") else None
        if new is None or (word.isupper() and len(word) > 1 and key not in ("im", "lmk")):
            continue
        if word[:1].isupper() and not word.isupper():  # 'Lmk' starting a sentence
            new = new[0].upper() + new[1:]
        out.append(text[pos : m.start()] + new)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# The writer's own politeness before what they mean: 'I was most impressed by your career …',
# 'I am most grateful for your kind words', 'I would be grateful to know how …': the frame
# says the polite part itself ('Thank you for …'). Not '… if you could …' (a request, said as
# one) or '… to report that …' (news).
_POLITE_LEAD = lazyre.compile(
    r"^(?:i\s+would\s+be|i['’]d\s+be|i\s+am|i['’]m|i\s+was|i\s+have\s+been)\s+"
    r"(?:(?:most|very|really|so|extremely|truly|deeply|ever\s+so|incredibly)\s+)?"
    r"(?:grateful|thankful|appreciative|impressed|honoured|honored|obliged)\s+"
    r"(?:to\s+(?:know|hear|learn|understand)|for|by|with|as|because|since)\s+(?=\S)",
    re.I,
)


_LIKE_NUMBER = lazyre.compile(
    r"(?<![\w'’])(?<!\bi\s)(?<!\bwe\s)(?<!you\s)(?<!they\s)(?<!would\s)(?<!['’]d\s)"
    r"(?<!should\s)(?<!['’]ll\s)(?<!\bd\s)like (?=\d)",
    re.I,
)


def without_politeness(text: str) -> str:
    """'I would be very grateful to know how you moved …' -> 'how you moved …': the writer's
    own courtesy, typed before what the frame needs (the message is polite already)."""
    if text[:1] not in ("I", "i"):
        return text
    return _POLITE_LEAD.sub("", text, count=1) or text


def without_chatter(text: str) -> str:
    """'… and a pension lol' -> '… and a pension': chat-speak and a trailing '...' never
    belong in the message."""
    text = without_politeness(text)
    if "!!" in text:  # 'I got the job!!': one is enough in a message
        text = re.sub(r"!{2,}", "!", text)
    if "like " in text:  # "you've hired like 30 PMs": about 30 ('I'd like 2 minutes' stays)
        text = _LIKE_NUMBER.sub("about ", text)
    end = text.rstrip(" .!?").lower()
    if end.endswith(_CHATTER_ENDS):
        text = _CHATTER.sub("", text).rstrip() or text
    if text.rstrip().endswith(("..", "…")):
        text = _TRAILING_DOTS.sub("", text) or text
    return text


# 'you want to redo our website', 'to help me grow', 'you do ERP implementations': what a
# seller offers, typed as what they want to do or what they do.
_WANTS_TO = lazyre.compile(
    r"^(?:(?:you|they)(?:\s+(?:want|wanted|would\s+like|wanna)|['’]d\s+like)\s+to|wants?\s+to|to)"
    r"\s+(?=[a-z])",
    re.I,
)
_THEY_DO = lazyre.compile(
    r"^(?:you|they)\s+(?:do|make|sell|offer|provide|build|run|supply)\s+(?=[\w\"“'‘])", re.I
)
_NO_DOUBLING = frozenset("w x y".split())


def _doubles_last(low: str) -> bool:
    """One syllable, one vowel, one consonant: 'run', 'plan', 'chat' double it before -ing
    and -ed ('running', 'planned'); 'fix', 'show' do not."""
    return (
        re.fullmatch(r"[^aeiou]*[aeiou][b-df-hj-np-tv-z]", low) is not None
        and low[-1] not in _NO_DOUBLING
    )


def ing_form(word: str) -> str:
    """'redo' -> 'redoing', 'make' -> 'making', 'run' -> 'running', 'see' -> 'seeing'."""
    low = word.lower()
    if low.endswith("ie"):
        return word[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        return word[:-1] + "ing"
    if _doubles_last(low):
        return word + word[-1] + "ing"
    return word + "ing"


def offer_as_topic(text: str) -> str:
    """'you want to redo our website' -> 'redoing our website'; 'to list my house' ->
    'listing my house'; 'you do ERP implementations' -> 'ERP implementations': what follows
    'Thanks for reaching out about'. A verb is made a verb's -ing form only where the answer
    says it is one ('to …'): 'email marketing' stays as it is."""
    found = _WANTS_TO.match(text)
    if found:
        rest = text[found.end() :]
        first, _, after = rest.partition(" ")
        # after 'to', a word that is no determiner, pronoun or preposition is the verb
        # ('redo', 'sell'), whether or not the word lists know it
        if first.isalpha() and first.islower() and fold(first) not in CLOSED_CLASS:
            return f"{ing_form(first)} {after}".strip()
        return text
    found = _THEY_DO.match(text)
    if found and not starts_with_base_verb(text[found.end() :]):
        return text[found.end() :]
    return text


# A question asked straight out, as one told about in a sentence ('… on how you price it').
_MODALS = frozenset("would could can will should might is are was were".split())
_DIRECT = lazyre.compile(
    r"^(?:(?P<wh>how|what|why|when|where|which)\s+)?(?P<aux>[a-z]+)\s+"
    r"(?P<subject>I|we|they|he|she|you)\s+(?P<rest>[^?]+?)\s*\?*\s*$",
    re.I,
)


def indirect(text: str, you: bool = True) -> str | None:
    """'how do you price it?' -> 'how you price it'; 'would he look at my deck?' -> 'whether
    he would look at my deck'; 'how did you get into UX' -> 'how you got into UX': a question
    as a sentence tells of it. None where it cannot be told safely: 'does she …' needs the
    verb changed; without `you`, a 'you' that may mean someone else than the reader."""
    found = _DIRECT.match(text.strip())
    if found is None:
        return None
    wh, aux, subject, rest = (found.group(k) for k in ("wh", "aux", "subject", "rest"))
    key = aux.lower()
    if (subject.lower() == "you" and not you) or "?" in rest or re.search(r"[.!]\s", rest):
        return None
    subject = "I" if subject.lower() == "i" else subject.lower()
    lead = wh.lower() if wh else "whether"
    if key == "do" and subject in ("I", "we", "they", "you"):
        return f"{lead} {subject} {rest}"
    verb, _, after = rest.partition(" ")
    # (only after a question word: 'talk about whether you talked about …' says it twice)
    if key == "did" and wh and verb.isalpha() and verb.islower() and fold(verb) not in CLOSED_CLASS:
        # 'how did you get into UX' -> 'how you got into UX'
        return f"{lead} {subject} {past_form(verb)} {after}".rstrip()
    if key in _MODALS:
        if key in ("is", "was") and subject not in ("he", "she", "I"):
            return None
        if key in ("are", "were") and subject in ("he", "she", "I"):
            return None
        return f"{lead} {subject} {key} {rest}"
    return None


_PAST = {
    "be": "were", "go": "went", "grow": "grew", "take": "took", "give": "gave", "tell": "told",
    "become": "became", "leave": "left", "feel": "felt", "bring": "brought", "begin": "began",
    "keep": "kept", "write": "wrote", "stand": "stood", "hear": "heard", "pay": "paid",
    "spend": "spent", "buy": "bought", "drive": "drove", "lose": "lost", "send": "sent",
    "find": "found", "think": "thought", "say": "said", "make": "made", "see": "saw",
    "know": "knew", "get": "got", "have": "had", "do": "did", "run": "ran", "meet": "met",
    "sit": "sat", "speak": "spoke", "teach": "taught", "fight": "fought", "build": "built",
    "lead": "led", "sell": "sold", "hold": "held", "share": "shared", "swim": "swam",
    "ride": "rode", "sing": "sang", "eat": "ate", "drink": "drank", "come": "came",
    "read": "read", "put": "put", "let": "let", "set": "set", "cut": "cut", "hang": "hung",
    "study": "studied", "play": "played", "stay": "stayed",
}  # fmt: skip


def past_form(word: str) -> str:
    """'work' -> 'worked', 'live' -> 'lived', 'carry' -> 'carried', 'plan' -> 'planned',
    'go' -> 'went'."""
    low = word.lower()
    if low in _PAST:
        return _PAST[low]
    if low.endswith("e"):
        return word + "d"
    if low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ied"
    if _doubles_last(low):
        return word + word[-1] + "ed"
    return word + "ed"


_USED_TO = lazyre.compile(r"^(?:we\s+)?used\s+to\s+([a-z]+)\b", re.I)


def used_to(text: str) -> str:
    """'used to work together at the council' -> 'worked together at the council': what
    'since we …' can take ('since we used to work' says it twice)."""
    found = _USED_TO.match(text)
    if found is None or fold(found.group(1)) in CLOSED_CLASS:
        return text
    return past_form(found.group(1)) + text[found.end() :]


_AGO = lazyre.compile(
    r"\s*,?\s*\b(?:(?:a\s+(?:few|couple(?:\s+of)?)|some|many|several|a|an|two|three|four|five"
    r"|six|seven|eight|nine|ten|\d+)\s+)?(?:years?|months?|weeks?|ages|yrs?)\s+(?:ago|back)"
    r"|\s*,?\s*\ba\s+(?:long\s+)?(?:while|time)\s+(?:ago|back)[.!]?\s*$",
    re.I,
)


def without_ago(text: str) -> str:
    """'I was your apprentice years ago' -> 'I was your apprentice': 'It's been a while
    since …' says the time already. Unchanged when the time is all there is ('2 years ago')."""
    if "ago" not in text.lower() and "back" not in text.lower():
        return text
    shorter = _AGO.sub("", text).rstrip(" ,.")
    return shorter if len(words(shorter)) >= 2 else text


_STILL_SO = frozenset("are is am we're they're i'm it's he's she's our're".split())
_WAS_SO = frozenset("was were had used met worked did".split())


def still_so(text: str) -> bool:
    """'our kids are in the same class', 'we're both in HR': how they know each other as it
    still is, which 'It's been a while since …' cannot take."""
    found = [fold(w) for w in words(text)[:8]]
    return bool(_STILL_SO.intersection(found)) and not (
        _WAS_SO.intersection(found) or any(w.endswith("ed") for w in found)
    )


_LEADS = frozenset(
    "after since having as with following while now because when once until before".split()
)
_SUBJECTS_SOON = SUBJECT_PRONOUNS | frozenset(
    "i'm i've i'd we're we've we'd they're it's i'll we'll".split()
)


def led_clause(text: str) -> bool:
    """'after twelve years in the classroom I love the kids …': a sentence led by a phrase,
    which 'I'm …' cannot take."""
    found = [fold(w) for w in words(text)[:10]]
    return bool(found) and found[0] in _LEADS and any(w in _SUBJECTS_SOON for w in found[2:])


_BASE_OF = {"has": "have", "does": "do", "is": "am", "goes": "go", "was": "was"}


def first_person(text: str) -> str:
    """'Runs a small design agency' -> 'run a small design agency': a description written as
    of someone else ('she runs …'), for 'I …'. Unchanged unless it starts with such a verb."""
    found = words(text)[:1]
    if not found:
        return text
    word = found[0]
    key = fold(word)
    if key in _BASE_OF:
        base = _BASE_OF[key]
    elif key.endswith("ies") and can_be_verb(key[:-3] + "y"):
        base = key[:-3] + "y"
    elif key.endswith(("ches", "shes", "sses", "xes", "zes")) and can_be_verb(key[:-2]):
        base = key[:-2]
    elif (
        key.endswith("s")
        and not key.endswith("ss")
        and (can_be_verb(key[:-1]) or key[:-1] in _IRREGULAR)
    ):
        base = key[:-1]
    else:
        return text
    return base + text[len(word) :]


# --- who a pronoun means, in messages about two people -----------------------------------

_HE_FORMS, _SHE_FORMS = _SAME_PERSON[0], _SAME_PERSON[1]
_OFFER_MODALS = frozenset("can could".split())
_LEADING_SUBJECT = frozenset("he she he's she's he'd she'd he'll she'll".split())


def _gender(word: str) -> str:
    """'he' for he, him, his …; 'she' for she, her, hers …; '' for any other word."""
    key = fold(word)
    return "he" if key in _HE_FORMS else "she" if key in _SHE_FORMS else ""


def pronoun_of(answers: Iterable[Any], opening: str = "") -> str:
    """'he' or 'she': what answers about one person call them ('I placed him at his current
    company', 'opening her own practice'), or what `opening`, an answer that person is the
    subject of, starts with ('she can review your deck'); '' if none, or both."""
    found = {_gender(w) for a in answers for w in words(str(a or ""))}
    found.add(_gender(first_word(str(opening or ""))))
    found.discard("")
    return found.pop() if len(found) == 1 else ""


def _is_object(found: list[str], i: int) -> bool:
    """'him', or an object 'her' ('introduce her to …', 'walk her through …', '… her.'), not
    a possessive one ('her launch photos')."""
    key = fold(found[i])
    if key in ("him", "himself", "herself"):
        return True
    following = fold(found[i + 1]) if i + 1 < len(found) else ""
    return key == "her" and (not following or following in _OBJECT_NEXT | _NO_NOUN_NEXT)


def _offer_said_to(
    answer: str, own: Iterable[Any], other: Iterable[Any], other_offer: str
) -> tuple[str, str, frozenset[str]]:
    """What one person can offer, said to the other (double-intro): the text with the
    reader's pronouns in the second person, and the first pronoun that could be either of
    them ('' if none). `own` are the answers about the offerer, `other` about the reader,
    `other_offer` what the reader can offer in turn (its 'she can …' says who the reader is;
    its 'his newsletter', said to the offerer, who the offerer is); and the pronouns it
    turned into 'you' ('he', 'she')."""
    own, other = list(own), list(other)
    text = answer.strip()
    parts = text.split(None, 2)
    offerer = pronoun_of(own)
    lead = ""
    if len(parts) == 3 and fold(parts[0]) in ("he", "she") and fold(parts[1]) in _OFFER_MODALS:
        offerer, text = fold(parts[0]), parts[2]  # 'she could give him …': she is the offerer
    elif len(parts) > 1 and fold(parts[0]) in _LEADING_SUBJECT:
        offerer = _gender(parts[0])
        lead, text = text[: len(parts[0])], text[len(parts[0]) :]
    reader = pronoun_of(other, other_offer)
    if not offerer and other_offer:  # what the reader offers, said to the offerer
        offerer = "".join(_offer_said_to(other_offer, other, own, "")[2])
        offerer = offerer if offerer in ("he", "she") else ""
    if offerer and offerer == reader:
        reader = ""  # two people of the same pronoun: it cannot tell them apart
    found = words(text)
    convert: set[str] = set()
    doubt, doubted = "", ""
    for i, w in enumerate(found):
        g = _gender(w)
        if fold(w) in SECOND_PERSON:
            break  # 'review your deck with his team': the reader is 'you' already
        if not g:
            continue
        if reader and reader != g:
            continue  # not the reader's pronoun: the offerer's own, or someone else's
        obj = _is_object(found, i) and fold(w) not in ("himself", "herself")
        if offerer == g and not obj:
            continue  # the offerer's own: 'share her supplier contacts'
        if not obj and fold(w) in ("his", "her") and i and fold(found[i - 1]) == "from":
            continue  # 'data from her trial sites': what they offer comes from their own
        if (offerer and offerer != g) or obj:
            convert.add(g)  # unlike the subject, or its object ('intro him to …'): the reader
            continue
        if not doubt:
            doubt, doubted = w, g
    convert.discard(doubted)  # one 'her' unsure: leave every 'her' as typed
    keys = frozenset().union(*(same_person(g) for g in convert))
    if "she" in convert:  # 'walk her through …': an object here, whatever follows it
        tokens = _TOKEN.split(text)
        cores = [fold(t.strip(".,;:!?()\"'")) for t in tokens]
        found = [t for t in tokens if t.strip()]
        at = [i for i, t in enumerate(tokens) if t.strip()]
        for n, i in enumerate(at):
            if cores[i] == "her" and _is_object(found, n):
                tokens[i] = re.sub(
                    r"(?i)her", lambda m: "You" if m[0][0] == "H" else "you", tokens[i], count=1
                )
        text = "".join(tokens)
    if keys:
        text = to_you(text, keys)
    text = re.sub(r"\bthem\b", "you", text)  # 'intro them to investors', as before
    return lead + text, doubt, frozenset(convert)


def offer_to_reader(
    answer: str, own: Iterable[Any] = (), other: Iterable[Any] = (), other_offer: str = ""
) -> str:
    """'she could give him a case study for his talk', said to him -> 'give you a case study
    for your talk'; 'shoot her launch photos' said to her about him -> 'shoot your launch
    photos'. A pronoun that could be either of them stays as typed (offer_doubt names it)."""
    return _offer_said_to(answer, own, other, other_offer)[0]


def offer_doubt(
    answer: str, own: Iterable[Any] = (), other: Iterable[Any] = (), other_offer: str = ""
) -> str:
    """The pronoun in what one person can offer the other that could mean either, or ''."""
    return _offer_said_to(answer, own, other, other_offer)[1]


_EACH_OTHER_VERBS = frozenset("met meet know knew known".split())
_BEFORE_MET = frozenset("first once originally actually both have had recently".split())
_THIRD_OBJECTS = frozenset("him her them".split())


def without_own_object(answer: str) -> str:
    """How you know someone, after 'Zeynep and I …': 'met her at a conference' -> 'met at a
    conference', 'know him from uni' -> 'know each other from uni', 'worked with her at
    Acme' -> 'worked together at Acme' (the 'her' is the frame's own subject). Otherwise
    unchanged."""
    text = answer.strip()
    parts = text.split(" ")
    keys = [fold(p.strip(".,;:!?")) for p in parts]
    i = 0
    while i < len(keys) - 1 and keys[i] in _BEFORE_MET:
        i += 1
    if i + 1 >= len(keys) or keys[0] in SUBJECT_PRONOUNS:
        return text
    verb = keys[i]
    verbish = verb in _VERB_LIKE or verb.endswith("ed")
    after = keys[i + 2] if i + 2 < len(keys) else ""
    if keys[i + 1] == "her" and after and after not in _OBJECT_NEXT | _NO_NOUN_NEXT | _PREPOSITIONS:
        return text  # 'met her sister at a wedding': a possessive
    if verb in _EACH_OTHER_VERBS and keys[i + 1] in _THIRD_OBJECTS:
        trail = parts[i + 1][len(parts[i + 1].rstrip(".,;:!?")) :]
        new = [] if verb in ("met", "meet") else ["each", "other"]
        if not new and trail:  # 'met her.': 'met' ends the sentence
            parts[i] += trail
        elif new:
            new[-1] += trail
        return " ".join(parts[: i + 1] + new + parts[i + 2 :])
    if (
        verbish
        and i + 2 < len(keys)
        and keys[i + 1] == "with"
        and keys[i + 2] in _THIRD_OBJECTS
        and parts[i + 2] == parts[i + 2].rstrip(".,;:!?")
    ):
        return " ".join(parts[: i + 1] + ["together"] + parts[i + 3 :])
    return text


_YOU_AGREE = {
    "were": "was", "are": "is", "have": "has", "do": "does", "don't": "doesn't",
    "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't",
}  # fmt: skip
_YOU_CONTRACTED = {"you're": "is", "you've": "has", "you'll": "will"}
_ADVERBS_BY = frozenset("just already only recently never always once".split())
_CLAUSE_OPENERS = frozenset(
    "and but when while because since as that so where after before".split()
)


def _with_s(word: str) -> str:
    """'teach' -> 'teaches', 'run' -> 'runs', 'study' -> 'studies': after a name."""
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def you_to_name(answer: str, name: str) -> str:
    """'you were my undergraduate tutor', typed to the connector, in a note to someone else
    -> 'Anil was my undergraduate tutor'; 'I was your intern' -> "I was Anil's intern"; 'you
    taught me at uni' -> 'Anil taught me at uni'. Other answers unchanged."""
    if not name or not any(fold(w) in SECOND_PERSON for w in words(answer)):
        return answer
    tokens = _TOKEN.split(answer)
    out: list[str] = []
    subject = False
    before = ""
    for i, tok in enumerate(tokens):
        core = tok.strip(".,;:!?()\"' \t")
        if not core:
            out.append(tok)
            continue
        at = tok.find(core)
        lead, trail = tok[:at], tok[at + len(core) :]
        key = fold(core)
        if subject:
            subject = False
            if key in _YOU_AGREE:
                core = _YOU_AGREE[key]
            elif (
                can_be_verb(key)
                and key not in CLOSED_CLASS
                and key not in _IRREGULAR_PAST
                and not _past_of_verb(key)
                and key not in ("can", "could", "would", "will", "should", "might", "must")
            ):
                core = _with_s(core)
            out.append(lead + core + trail)
            before = key
            continue
        if key == "you":
            subject = (not before or before in _CLAUSE_OPENERS) and not trail.strip()
            out.append(lead + name + trail)
        elif key in ("your", "yours"):
            out.append(lead + name + "'s" + trail)
        elif key in _YOU_CONTRACTED:
            out.append(lead + f"{name} {_YOU_CONTRACTED[key]}" + trail)
        elif key == "you'd":
            following = next(
                (k for t in tokens[i + 1 :] if (k := fold(t.strip())) and k not in _ADVERBS_BY),
                "",
            )
            out.append(lead + f"{name} {'had' if _participle(following) else 'would'}" + trail)
        else:
            out.append(tok)
        before = key
    return "".join(out)


def plural_to_you(answer: str) -> str:
    """In an email to two people, a 'they' nothing in the answer can mean is the two of
    them: 'their shared interest in climbing gyms' -> 'your shared interest …'. A he or a
    she stays (it could be either; fit asks for a name)."""
    pronoun = third_person(answer)
    if pronoun is None or fold(pronoun) not in _PLURAL_PRONOUNS:
        return answer
    return to_you(answer, _PLURAL_PRONOUNS - {"themselves"})


def first_name_as(text: str, first: str, distinct: str) -> str:
    """'Sam gave me great feedback' -> 'Sam P. gave me great feedback' when the message
    calls this Sam 'Sam P.' (the reader is a Sam too); a name with more after it stays."""
    if not first or distinct == first or not distinct.startswith(first):
        return text
    pattern = _first_alone(first)
    if distinct.endswith("."):
        pattern += r"\.?"  # 'feedback from Sam.' -> 'feedback from Sam P.'
    return re.sub(pattern, distinct, text)


_PRONOUN_TOKEN = lazyre.compile(r"(?<![\w'’-])([A-Za-z]+(?:['’][a-z]+)?)(?![\w'’-])")
_CONTRACTION_VERB = {"'s": "'s", "'d": " would", "'ll": " will"}


_THEY_TO_YOU = lazyre.compile(
    r"(?<![\w'’])(they|they['’]d|they['’]re|they['’]ll|they['’]ve)(?![\w'’])", re.I
)  # not 'them' or 'their': 'two programs and Linda went through one of them'


def _both_to_you(text: str, a_name: str, b_name: str) -> str:
    """'Gabriela wants an exchange and Henrik has done one, so I think they'd have a lot to
    talk about' -> '…, so you'd have a lot to talk about': once both readers are named, a
    they is the two of them, and the frame's own 'I think' is not said twice."""
    firsts = [n.split()[0] for n in (a_name, b_name) if n.split()]
    found = [re.search(rf"(?<![\w'’]){re.escape(f)}(?![\w])", text, re.I) for f in firsts]
    if len(firsts) < 2 or not all(found):
        return text
    cut = max(m.end() for m in found if m)
    head, tail = text[:cut], text[cut:]
    tail = re.sub(r"\b(so|and) I think (?=\w)", r"\1 ", tail)
    return head + _THEY_TO_YOU.sub(lambda m: _TO_YOU[fold(m.group(1))], tail)


def pronouns_to_names(
    text: str, a_name: str, a_answers: Iterable[Any], b_name: str, b_answers: Iterable[Any]
) -> str:
    """'she needs dbt help and he has time' -> 'Aisha needs dbt help and Oliver has time', in
    an email to both (double-intro), where 'she' and 'he' would be one of the readers. Only
    where the answers say who is which: each person's other answers ('I know her from …'),
    or one of them and both pronouns in the text. The first mention of each becomes the name;
    later ones have it to go back to. Unchanged when in doubt."""
    text = _both_to_you(text, a_name, b_name)
    found = {_gender(w) for w in words(text)} - {""}
    if not found:
        return text
    pa, pb = pronoun_of(a_answers), pronoun_of(b_answers)
    who: dict[str, str] = {}
    if pa and pb and pa != pb:
        who = {pa: a_name, pb: b_name}
    elif len(found) == 2 and bool(pa) != bool(pb):  # one known, and both pronouns used
        other = {"he": "she", "she": "he"}
        if pa:
            who = {pa: a_name, other[pa]: b_name}
        else:
            who = {pb: b_name, other[pb]: a_name}
    if not who or not all(g in who for g in found):
        return text
    tokens = list(_PRONOUN_TOKEN.finditer(text))
    named: set[str] = set()
    out, pos = [], 0
    for i, m in enumerate(tokens):
        word = m.group(1)
        key = fold(word)
        gender = _gender(word)
        if gender in who and fold(who[gender]) in (
            fold(w).split("'")[0] for w in words(text[: m.start()])
        ):
            named.add(gender)  # 'Nadia hates her booking system': Nadia, said already
        if not gender or gender in named or key in ("himself", "herself", "hers"):
            continue
        named.add(gender)
        name = who[gender]
        base, _, tail = key.partition("'")
        if key in ("his",) or (key == "her" and not _is_object([t.group(1) for t in tokens], i)):
            new = f"{name}'s"
        elif tail:
            new = name + _CONTRACTION_VERB.get("'" + tail, "'" + tail)
        else:
            new = name
        out.append(text[pos : m.start()] + new)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


_I_TO_YOU = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
}  # fmt: skip


_ASKED_AUX = frozenset(
    "do did can could should would will shall may might must am was have".split()
)


def asked_to_you(text: str) -> str:
    """A question the reader asked, in their own words, said back to them: 'how do I get my
    degree recognised?' -> 'how do you get your degree recognised?' (so it is told as 'how
    you get your degree …', not as the sender's 'how I get my …'). Only a question whose
    subject is I or we, with no 'you' in it (a 'can you look at my CV?' is left as typed)."""
    found = _DIRECT.match(text.strip())
    if (
        found is None
        or fold(found.group("subject")) not in ("i", "we")
        # 'how I moved into product', 'if I know anyone at Airbnb': not their question, but
        # one about the sender, told already
        or fold(found.group("aux")) not in _ASKED_AUX
        # 'how did I move from teaching into data?': what the sender did, which they ask
        # about; a person asks how to do a thing ('how do I …'), not how they did it
        or (fold(found.group("aux")) in ("did", "was") and fold(found.group("subject")) == "i")
    ):
        return text
    if any(fold(w) in SECOND_PERSON for w in words(text)):
        return text
    out: list[str] = []
    for tok in _TOKEN.split(text):
        core = tok.strip(".,;:!?()\"' \t")
        new = _I_TO_YOU.get(fold(core)) if core else None
        if new is None:
            out.append(tok)
            continue
        at = tok.find(core)
        upper = core[:1].isupper() and not "".join(out).strip()  # 'I' is capital anywhere
        out.append(tok[:at] + (new.capitalize() if upper else new) + tok[at + len(core) :])
    return "".join(out)


# Words before a name that greet or thank its person: 'Thanks Ellie for …' speaks to her.
_TO_THE_NAME = frozenset(
    "hi hey hello dear thanks thank cheers congrats congratulations welcome".split()
)


_CALLED_OUT = lazyre.compile(r"^[A-Z][\w'’-]*\s*[-–—:]\s")


def name_to_you(text: str, name: str, call: bool = False) -> str:
    """The reader named in the third person, in a message to them: 'host Ellie at the camp',
    said to Ellie -> 'host you at the camp'; 'I hope Ellie enjoyed Iten' -> 'I hope you
    enjoyed Iten' and, with `call` (an email to two people: which 'you'?), 'I hope you
    enjoyed Iten, Ellie'. Unchanged when the text already says 'you', greets the name
    ('Ellie, …', 'Thanks Ellie …'), or names the reader more than once."""
    from drafter import names

    parsed = names.parse(name)
    first = parsed.greeting
    if not first or any(fold(w) in SECOND_PERSON for w in words(text)):
        return text
    if fold(first) in CLOSED_CLASS | AUXILIARIES | COMMON_WORDS or can_be_verb(fold(first)):
        return text  # 'Will send the deck', 'Mark the date': a word before it is a name
    forms = sorted({f for f in (names.written(parsed), parsed.full, first) if f}, key=len)[::-1]
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(re.escape(f) for f in forms) + r")(['’]s)?(?![\w-])"
    )
    found = list(pattern.finditer(text))
    if len(found) != 1 or without_vocative(text) != text or _CALLED_OUT.match(text):
        return text  # 'Liam - Ayesha told me …': said to someone else, who is named first
    m = found[0]
    before = [fold(w) for w in words(text[: m.start()])[-2:]]
    after_object = bool(before) and before[-1] in _PREPOSITIONS  # 'a chat with Aisha, re: …'
    if any(w in _TO_THE_NAME for w in before) or (
        re.match(r"\s*[,:;!?–—-]", text[m.end() :]) and not after_object
    ):
        return text  # 'Thanks again Kevin for …', 'Tobi - good luck …': said to them already
    stand_in = "her" if m.group(1) else "she"  # a word to_you knows how to turn, verb and all
    tokens = _TOKEN.split(text[: m.start()] + stand_in + text[m.end() :])
    said = to_you("".join(tokens), frozenset(("she", "her")))
    if not call:
        return said
    # the vocative closes the sentence the name was in
    end = re.search(r"[.!?]+(?=\s|$)", said[m.start() :])
    at = m.start() + end.start() if end else len(said.rstrip())
    return f"{said[:at].rstrip(' ,;:')}, {first}{said[at:]}"


def leading_object(answer: str) -> bool:
    """'him, your brother-in-law', 'them': the answer starts with an object pronoun (not 'her
    CTO', a possessive), which after "you might introduce me to …" cannot be the reader."""
    found = words(answer)
    key = fold(found[0]) if found else ""
    return key in ("him", "them") or (key == "her" and _is_object(found, 0))


def proper_name(text: str) -> bool:
    """'Price & Sons Roofing', 'Stripe': a name, every word capitalised, that takes no 'your'
    ('your PyCon talk' does: its last word is a common one)."""
    found = text.split()
    return (
        bool(found)
        and all(
            w[:1].isupper() or w[:1].isdigit() or w in ("&", "and", "of", "the", "de", "du")
            for w in found
        )
        and fold(found[0]) not in CLOSED_CLASS
    )


# What an answer about someone may open with that the frame says with their name: 'she leads
# the data team' after 'this is Aisha Bello'. Kept in the answer, so that it still says who
# is a he and who a she (pronouns_to_names), and left out where it is printed.
_SUBJECTS = ("she is", "he is", "they are", "she's", "he's", "they're", "she", "he")


# Where a noun phrase's head ends and what is said about it begins: 'the stand at PyCon'.
_HEAD_ENDS = frozenset(
    "at in on near by when while with during after before where which who".split()
)


SHAPE_FILTERS: dict[str, Callable[..., Any]] = {
    "without_ex": lambda v: marks.carry(v, re.sub(r"^ex-(?=[a-z])", "", str(v or ""))),
    "asked_to_you": lambda v: marks.carry(v, asked_to_you(str(v or ""))),
    "name_to_you": lambda v, name, call=False: marks.carry(
        v, name_to_you(str(v or ""), str(name or ""), bool(call))
    ),
    "proper_name": lambda v: proper_name(str(v or "")),
    "pronouns_to_names": lambda v, a, aa, b, ba: marks.carry(
        v, pronouns_to_names(str(v or ""), str(a), aa, str(b), ba)
    ),
    "first_person": lambda v: marks.carry(v, first_person(str(v or ""))),
    "used_to": lambda v: marks.carry(v, used_to(str(v or ""))),
    "without_ago": lambda v: marks.carry(v, without_ago(str(v or ""))),
    "indirect": lambda v: marks.carry(v, indirect(str(v or "")) or str(v or "")),
    "indirect_not_you": lambda v: marks.carry(v, indirect(str(v or ""), you=False) or str(v or "")),
    "offer_as_topic": lambda v: marks.carry(v, offer_as_topic(str(v or ""))),
    "comma_verb_to_who": lambda v, joined="who": marks.carry(
        v, comma_verb_to_who(str(v or ""), str(joined))
    ),
    "without_hedge": lambda v: marks.carry(v, without_hedge(str(v or ""))),
    "definite": lambda v: definite(str(v or "")),
    # 'leads the cardiology service' -> 'lead the cardiology service': what they do, as 'you' does
    "as_you": lambda v: marks.carry(v, as_you(str(v or ""))),
    # 'University of Glasgow', 'Bank of England': a name that takes 'the' ('at the University …')
    "the_of": lambda v: "the " if _THE_OF.match(str(v or "")) else "",
    # 'gate 23 at O'Hare when our flight got delayed 4 hours' -> its head, 'gate 23'
    "head_words": lambda found: list(
        itertools.takewhile(lambda w: fold(w) not in _HEAD_ENDS, found or [])
    ),
    "without_subject": lambda v: marks.carry(v, drop_leading(str(v or ""), _SUBJECTS)),
    "singular_to_you": lambda v: marks.carry(v, singular_to_you(str(v or ""))),
    "object_to_you": lambda v: marks.carry(v, object_to_you(str(v or ""))),
    "unattached": lambda v: marks.carry(v, unattached(str(v or ""))),
    "flat_parens": lambda v: marks.carry(v, flat_parens(str(v or ""))),
    "tidy_when": lambda v: marks.carry(v, tidy_when(str(v or ""))),
    "title_at_org": lambda v: marks.carry(v, title_at_org(str(v or ""))),
    "who_opening": lambda v: who_opening(str(v or "")),
    "rest": lambda v: marks.carry(
        v, str(v or "").split(None, 1)[1] if len(str(v or "").split()) > 1 else str(v or "")
    ),
    "article": lambda v: article(str(v or "")),
    "to_you": lambda v: marks.carry(v, to_you(str(v or ""))),
    "knows": lambda v, name: marks.carry(v, knows(str(v or ""), str(name))),
    "words": lambda v: [fold(w) for w in words(str(v or ""))],
    "pronoun_to_name": lambda v, name: marks.carry(v, pronoun_to_name(str(v or ""), str(name))),
    "first_word": lambda v: first_word(str(v or "")),
    "offer_to_reader": lambda v, own=(), other=(), offer="": marks.carry(
        v, offer_to_reader(str(v or ""), own, other, str(offer or ""))
    ),
    "offer_doubt": lambda v, own=(), other=(), offer="": offer_doubt(
        str(v or ""), own, other, str(offer or "")
    ),
    "without_own_object": lambda v: marks.carry(v, without_own_object(str(v or ""))),
    "you_to_name": lambda v, name: marks.carry(v, you_to_name(str(v or ""), str(name))),
    "plural_to_you": lambda v: marks.carry(v, plural_to_you(str(v or ""))),
    "first_name_as": lambda v, first, distinct: marks.carry(
        v, first_name_as(str(v or ""), str(first), str(distinct))
    ),
}
