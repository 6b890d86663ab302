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
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return tuple(tuple(p.translate(_APOSTROPHES).casefold().split()) for p in ordered)


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
    following = words(answer[m.end() :])[:1]
    # "Coffee at Blue Bottle" is sentence case; "Data Engineering" is a deliberate title.
    sentence_case = not following or following[0] == following[0].lower()
    if key in CLOSED_CLASS or (
        sentence_case
        and (
            key in COMMON_WORDS
            or key in _NUMBER_WORDS  # 'Two years ago'; not 'One Medical', a name
            or _describing(key)
            or starts_with_verb(answer)
            or _gerund_first(answer)
            or _verb_ing(key)
        )
    ):
        return word[0].lower() + answer[1:]
    return answer


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
        )
    # "what's it like at Stripe", "how'd you get into UX": a question word and its verb in one
    if first.split("'")[0] in QUESTION_WORDS and first.endswith(("'s", "'d", "'re")):
        return True
    # "do you hire juniors", "would you be open to …": the verb first, then who
    if first in ("do", "does", "did") and second not in _DETERMINERS:
        # "did productivity hold up": a bare verb later; not "does marketing for dentists"
        rest = [fold(w) for w in words(text)[2:6]]
        return any(
            can_be_verb(w) and not w.endswith(("s", "ed", "ing")) and w not in CLOSED_CLASS
            for w in rest
        )
    return first in _ASKING_VERBS and (second in SUBJECT_PRONOUNS or second == "there")


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
    found = [fold(w) for w in words(answer)[:4]]
    for i, word in enumerate(found):
        if word in SUBJECT_PRONOUNS or word in PRONOUN_CONTRACTIONS:
            return True
        # 'the week you moved' is a noun and what you did in it, not a clause
        if not (word in _WHEN_WORDS or _calendar_word(word)) or (i == 0 and word == "the"):
            return False
    return False


_DETERMINERS = frozenset("the a an our their his her its my your this that these those".split())
_PREPOSITIONS = frozenset("in on at to about for with from into of by".split())


@functools.lru_cache(maxsize=2048)
def starts_with_verb(answer: str) -> bool:
    """'runs a bakery', 'Chairs the board': a finite verb, known or followed by a determiner."""
    found = [fold(w) for w in words(answer)[:2]]
    if not found or casing.always_capitalised(found[0]):  # 'Christmas this year': a name
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
        wordlists.can_be_verb(w)
        for w in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else "")
        if w
    )


def _gerund_first(answer: str) -> bool:
    """'Taking the time to meet': an -ing form before a determiner (a noun after 'for')."""
    found = [fold(w) for w in words(answer)[:2]]
    return len(found) == 2 and found[0].endswith("ing") and found[1] in _DETERMINERS | {"me", "us"}


def has_verb_early(answer: str) -> bool:
    """'your team is hiring two juniors', 'recruiters skim the top third': a clause.

    Not 'the rebrand you led' (a noun and a relative clause: the pronoun comes first).
    """
    # What follows a comma is another thought ('your kitchen, been following it'), not this one.
    found = [fold(w) for w in words(answer.split(",")[0])[:6]]
    if len(found) < 2 or found[0] in QUESTION_WORDS:
        return False
    if _contracted_is(found[0], found[1]):  # "Maria's about to start", "Peter's done it"
        return True
    start = 2 if found[0] in _DETERMINERS_ONLY else 1
    for i in range(start, len(found)):
        w, before = found[i], found[i - 1]
        after = found[i + 1] if i + 1 < len(found) else None
        if w in SUBJECT_PRONOUNS or w in ("that", "who", "which"):
            return False
        # 'your plan to open …', 'month-end close automation': a noun after a determiner or a
        # hyphenated modifier
        if w in _ALSO_NOUNS and (before in _DETERMINERS or "-" in before):
            continue
        # 'month end close automation': a bare form after a singular noun is a noun, since
        # a verb there would take an -s ('the month closes')
        if w in _ALSO_NOUNS and not w.endswith("s") and not _plural_noun(before):
            continue
        if w in AUXILIARIES or w in FINITE_VERBS:
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


def _contracted_is(first: str, second: str) -> bool:
    """ "Maria's about to start", "Niall's looking": a name and 'is' or 'has', not a possessive."""
    return (
        first.endswith("'s")
        and first[:-2] not in CLOSED_CLASS
        and (second in _AFTER_IS or second.endswith("ing") or _past_of_verb(second))
    )


# Past tenses that do not end in '-ed', as an answer's first word ('bought a pharmacy').
_IRREGULAR_PAST = frozenset(
    """
    went grew took gave told became left felt brought began kept wrote stood heard meant paid
    spent bought chose drove broke fell lost sent found thought said made saw knew got had did
    ran met sat spoke won taught caught fought threw built led sold held
    """.split()
)
# Verbs whose past tense is not '-ed', in the forms answers use them.
_IRREGULAR = frozenset(
    """
    intro ping loop email text call dm cc
    go do have make take come see know get give find think tell become leave feel bring begin
    keep hold write stand hear let mean set meet run pay sit speak lead read grow lose fall send
    build understand draw break spend cut rise drive buy wear choose win teach catch fight throw
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
    return word in ("been", "got", "had", "done") or word in _IRREGULAR_PAST or _past_of_verb(word)


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
        or key[:1].isdigit()
        and not key.endswith(("st", "nd", "rd", "th"))
        or starts_with_verb(answer)
        or key in FINITE_VERBS
        or key in BARE_VERBS
        or named  # 'Ana, a data engineer'
        or (len(found) == 1 and first[:1].isupper())  # one name: 'Stripe'
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


_SINGULAR = frozenset(
    k for k in _TO_YOU if k.startswith(("he", "she", "him")) and k not in ("her", "hers")
)


def singular_to_you(answer: str) -> str:
    """to_you for he/she/him only: 'a model he could roll out', said to him. 'His' and 'her'
    may be the other person's own ('a tour of his plant'); 'they' may be a company."""
    return to_you(answer, _SINGULAR)


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
            out.append(lead + (new.capitalize() if core[:1].isupper() else new) + trail)
            subject = key in ("he", "she", "they")
            told = told or subject or new in ("you're", "you've", "you'd", "you'll")
            continue
        if subject:
            subject = False
            if key in _AGREE:
                core = _AGREE[key]
            elif _third_person_verb(key) and key.endswith("ies"):
                core = core[:-3] + "y"
            elif _third_person_verb(key) and key.endswith(("ches", "shes", "sses", "xes", "oes")):
                core = core[:-2]
            elif _third_person_verb(key) and key.endswith("s") and not key.endswith("ss"):
                core = core[:-1]
            out.append(lead + core + trail)
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
_RELATIONS = frozenset(
    """
    neighbour neighbor friend colleague coworker co-worker cousin sister brother aunt uncle
    mentor mentee client customer classmate teammate boss manager professor student
    supervisor advisor adviser tutor coach landlord tenant ex-colleague
    """.split()
)


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
    if first in ("i", "i'm", "i've", "i'd") or (own and first == own):
        return capital_i(capitalise_first(text)) + "."
    if first in ("she", "he", "she's", "he's", "she'd", "he'd"):
        return pronoun_to_name(text, name) + "."
    if first in ("we", "we've", "we're", "we'll"):
        return f"{name} and I {drop_leading(text, ['we'])}."
    if first in ("from", "through", "via", "since"):
        return f"{name} and I know each other {text}."
    if any(w in _GROUPS for w in head):
        return f"{name} and I are {text}."
    if any(w in _RELATIONS for w in head) and first not in _VERB_LIKE:
        mine = "" if first in ("my", "a", "an", "the", "our") else "my "
        return f"{name} is {mine}{text}."
    if first in _VERB_LIKE or first.endswith("ed") or first in FINITE_VERBS:
        return f"{name} and I {text}."
    if has_verb_early(text):  # 'our kids go to the same school'
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
    plural_before = False
    for i, w in enumerate(found):
        low = fold(w)
        if low in SECOND_PERSON:  # 'you sit next to her': the reader is 'you', 'her' another
            return None
        # 'them' further in is usually a thing the message named ('rolled them out')
        if low in THIRD_PERSON and (i < 3 or low != "them"):
            if low in _PLURAL_PRONOUNS and plural_before:
                return None
            return w
        named = (
            w[:1].isupper() and not w.isupper() and low not in CLOSED_CLASS and low != "i"
        ) and not _calendar_word(low)  # 'On Saturdays he …', 'In March she …': nobody
        if named or low in _ONE_PERSON:
            return None
        plural_before = plural_before or (i > 0 and _many(w))
    return None


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
    if starts_with_verb(text):
        return "who "
    first = first_word(text)
    found = words(text)
    second = fold(found[1]) if len(found) > 1 else ""
    # 'wedding planner', 'training coordinator': an -ing word naming a kind of work
    compound = second not in CLOSED_CLASS and second.endswith(("er", "or", "ist", "ian", "ant"))
    if (first.endswith("ing") and first not in _FIELDS_OF_WORK and not compound) or (
        first in _WHERE_OR_WHEN
    ):
        return "who is "
    return ""


def second_person_of(word: str) -> str:
    """'their' -> 'your', for the fix in a message."""
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


_PRONOUN_VERBS = {"she's": "is", "he's": "is", "she'd": "had", "he'd": "had"}


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


_COMMA_VERB = lazyre.compile(r",\s+(?=([a-z]+)\b)")


def comma_verb_to_who(text: str) -> str:
    """'senior engineer at Flutterwave, maintains a React library' -> '… Flutterwave, who
    maintains …': a description, then what the person does, with no one doing it."""

    def join(m: re.Match[str]) -> str:
        word = m.group(1)
        after = text[m.end() + len(word) :].split()[:1]
        verb = (
            word in _IRREGULAR_PAST
            # 'ran a trial', 'did the rebrand'; not 'based in Singapore' (a description)
            or (
                _past_of_verb(word)
                and not (after and fold(after[0]) in _PREPOSITIONS | {"near", "out", "by"})
            )
            or (word in FINITE_VERBS and word not in _ALSO_NOUNS)
            # 'maintains a React library'; not 'projects for Oatly'
            or (
                _third_person_verb(word)
                and bool(after)
                and (fold(after[0]) in _DETERMINERS or fold(after[0]) == "to")
            )
        )
        return ", who " if verb else m.group(0)

    return _COMMA_VERB.sub(join, text, count=1)


_LEADING_HEDGE = lazyre.compile(r"^(?:probably|maybe|possibly|definitely|likely|perhaps)\s+", re.I)


def without_hedge(text: str) -> str:
    """'probably get you pre-approved' -> 'get you pre-approved' (for 'X can …')."""
    return _LEADING_HEDGE.sub("", text.strip()) or text


def object_to_you(text: str) -> str:
    """'intro him to investors' said to him -> 'intro you to investors'. Possessives stay:
    'their playbook' may be the other person's."""
    return _OBJECT_PRONOUN.sub("you", text)


TESTS: dict[str, Callable[..., bool]] = {
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
    return word in _IRREGULAR or wordlists.can_be_verb(word)


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
    r"|(?-i:[A-Z]{2,})\s+[a-z]+s\s+(?:it|them|the|a|an|our|their|this|that|everything)\b)",
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
    # '…one of our seniors, wants to study nursing': a verb with nobody doing it
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


def split_aside(text: str) -> str:
    """'we worked together at Maersk, he was my team lead' -> 'we worked together at Maersk.
    He was my team lead': a sentence glued on after a comma made one of its own. Unchanged
    when there is none, or when it has no subject to stand on (', been doing …'). Only for
    an answer that ends its sentence in the message: what follows would be cut off."""
    if "," not in text or re.search(r"[.!?;:]\s", text):  # one sentence, one splice
        return text
    found = _splice(text)
    if found is None:
        return text
    rest = text[found.start() + 1 :].strip()
    head = text[: found.start()]
    # ', I think': a comment on what came before, no sentence of its own ('… length. I think.');
    # and a comma inside a quote is the quoted person's, not the answer's to mend
    if _COMMENT_CLAUSE.fullmatch(rest) or head.count('"') % 2 or head.count("“") > head.count("”"):
        return text
    first = rest.split()[0] if rest.split() else ""
    if fold(first) not in _ASIDE_SUBJECTS and not (first.isupper() and len(first) > 1):
        return text
    head = head.rstrip()
    # 'Victor, we met at PyCon': a name called out, not a sentence of its own before the comma
    if len(head.split()) < 2 or head[-1] in ".!?":
        return text
    return f"{head}. {capitalise_first(rest)}"


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


def expand_shorthand(text: str) -> str:
    """'ur work w/ food brands' -> 'your work with food brands': texting shorthand spelt out.
    'ur' is 'you're' before an -ing word or a role ('ur looking', 'ur a'), else 'your'."""
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


def without_chatter(text: str) -> str:
    """'… and a pension lol' -> '… and a pension': chat-speak and a trailing '...' never
    belong in the message."""
    end = text.rstrip(" .!?").lower()
    if end.endswith(_CHATTER_ENDS):
        text = _CHATTER.sub("", text).rstrip() or text
    if text.rstrip().endswith(("..", "…")):
        text = _TRAILING_DOTS.sub("", text) or text
    return text


SHAPE_FILTERS: dict[str, Callable[..., Any]] = {
    "comma_verb_to_who": lambda v: marks.carry(v, comma_verb_to_who(str(v or ""))),
    "without_hedge": lambda v: marks.carry(v, without_hedge(str(v or ""))),
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
}
