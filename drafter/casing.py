"""Capitals an answer typed in lower case lost: 'at pycon in lisbon' -> 'at PyCon in Lisbon'.

Only words English always writes with a capital are touched: names, places, languages,
days and acronyms that a dictionary (SCOWL, in drafter._words) has only capitalised,
and the brands and job acronyms below that people type in lower case most. A word that is
also an ordinary word ('notion', 'slack', 'tom', 'may') is left alone: guessing there could
change meaning, so it stays as typed.
"""

from __future__ import annotations

import re

from drafter import lazyre, wordlists

# Modern names and acronyms the 2020 dictionary lacks, or has only as an ordinary word
# ('google'). Each is a word nobody writes in lower case in a message to a stranger.
EXTRA = {
    w.lower(): w
    for w in """
    Python PyCon GitHub GitLab LinkedIn TikTok WhatsApp YouTube Instagram Facebook Airbnb Figma
    Shopify HubSpot Salesforce Google OpenAI ChatGPT iPad macOS JavaScript TypeScript
    PostgreSQL Kubernetes Android Webex DocuSign PayPal WeWork McKinsey Deloitte KPMG PwC
    NHS YC APAC EMEA LatAm SaaS B2B B2C DevRel DevOps MLOps UX UI HR SEO CTO CFO COO CMO CPO
    SVP EVP KPI KPIs OKR OKRs GCP EU ML LLM LLMs GPT CRM ERP APIs SDK UCLA NYU USC SXSW CES
    TEDx MDM HIMSS RN NYC USA PhD MBA French
    Thanksgiving Eid Hogmanay Juneteenth Holi Navratri Vesak Songkran Nowruz Whitsun Michaelmas
    Christmastime
    """.split()
}

# Holidays of more than one word: 'black friday' is Black Friday, not 'black Friday'.
# ("good friday" is not among them: "have a good friday" is a wish.)
# ('new year' alone is left: 'after the new year' is written in lower case.)
_HOLIDAYS = lazyre.compile(
    r"\b(?:new year['’]s (?:eve|day)|(?:lunar|chinese) new year|(?:valentine|mother|father)['’]?s day"
    r"|(?:boxing|labou?r|memorial|independence|veterans['’]?|presidents['’]?|remembrance"
    r"|canada|australia|bastille|thanksgiving|st\.? patrick['’]s|st\.? andrew['’]s"
    r"|st\.? david['’]s) day|black friday|cyber monday|easter (?:sunday|monday)"
    r"|yom kippur|rosh hashanah|mardi gras|eid al[- ](?:fitr|adha)|cinco de mayo"
    r"|(?:burns|bonfire) night)\b",
    re.I,
)
_HOLIDAY_WORDS = ("day", "friday", "monday", "year", "kippur", "hashanah", "gras", "eid", "mayo")

# Places of more than one word, none of them a phrase English has otherwise: 'costa rica' is
# Costa Rica wherever it is typed. (Not 'mountain view', 'the bay area': ordinary words too.)
_PLACES = lazyre.compile(
    r"\b(?:costa rica|puerto rico|el salvador|sri lanka|hong kong|saudi arabia|abu dhabi"
    r"|south (?:africa|korea|carolina|dakota)|north (?:korea|carolina|dakota)|northern ireland"
    r"|new (?:zealand|york|delhi|orleans|mexico|hampshire|south wales)"
    r"|san (?:francisco|diego|jose|antonio|juan)|santa (?:monica|barbara|clara|cruz)"
    r"|los angeles|las vegas|buenos aires|cape town|tel aviv|kuala lumpur|s[aã]o paulo"
    r"|rio de janeiro|(?:mexico|panama|guatemala|kansas|oklahoma|salt lake|quebec) city"
    r"|ho chi minh city|ho chi minh|addis ababa|dar es salaam|phnom penh|chiang mai|palo alto"
    r"|sierra leone|dominican republic|czech republic|united (?:states|kingdom|arab emirates)"
    r"|(?:latin|south|north|central) america|middle east|silicon valley|rhode island"
    r"|west virginia|rio tinto)\b",
    re.I,
)
_PLACE_WORDS_LAST = (
    "rica", "rico", "salvador", "lanka", "kong", "arabia", "dhabi", "africa", "korea",
    "carolina", "dakota", "ireland", "zealand", "york", "delhi", "orleans",
    "mexico", "hampshire", "wales", "francisco", "diego", "jose", "antonio", "juan", "monica",
    "barbara", "clara", "cruz", "angeles", "vegas", "aires", "town", "aviv", "lumpur", "paulo",
    "janeiro", "city", "minh", "ababa", "salaam", "penh", "mai", "alto", "leone", "republic",
    "states", "kingdom", "emirates", "america", "east", "valley", "island", "virginia", "tinto",
)  # fmt: skip
_PLACE_SMALL = frozenset(("de", "es"))

# Words the lists have only as a name that people also type as an ordinary word: 'the big reno
# job' (a renovation, in Australia and Britain). Raised only where they are clearly the place.
_NAME_WHERE_PLACE = frozenset(("reno",))
_BEFORE_PLACE = lazyre.compile(
    r"\b(?:in|to|from|near|outside|around|across|of|at|via|visit|visiting|visited) $", re.I
)
_AFTER_PLACE = lazyre.compile(r",? (?:nevada|nv|nev)\b", re.I)

# Names that open a name of two words ('rio tinto', 'san cristóbal'): raised only with the
# word after them, so a name is raised by half never ('Rio tinto'); 'in rio' is Rio.
_OPENS_A_NAME = frozenset(("rio", "san", "santa", "los", "las", "puerto"))
_NEXT_WORD = lazyre.compile(r" ([^\W\d_]+)")
_SMALL = frozenset(("de", "al"))


def _place_case(m: re.Match[str]) -> str:
    """'rio de janeiro' -> 'Rio de Janeiro'; 'são paulo' -> 'São Paulo'."""
    return " ".join(
        w.lower() if w.lower() in _PLACE_SMALL else w[:1].upper() + w[1:].lower()
        for w in m.group(0).split()
    )


def _holiday_case(m: re.Match[str]) -> str:
    """'st patrick's day' -> "St Patrick's Day"; 'eid al-fitr' -> 'Eid al-Fitr'."""
    out = []
    for word in re.split(r"(\s+|-)", m.group(0)):
        low = word.lower()
        out.append(low if low in _SMALL else word[:1].upper() + word[1:].lower())
    return "".join(out)


# A lower-case word standing on its own: not part of an address, a file name, a handle or a
# hyphenated or dotted word ('notion.so', '@pycon', 'co-founder' are left as typed).
_LOWER_WORD = lazyre.compile(
    r"(?<![\w@./:#&+'’-])((?:[od]['’])?[a-z][a-z0-9]*)(?![\w@/:#&+-]|\.[a-z0-9])"
)


def _proper(word: str) -> str | None:
    """How English writes `word` when it is only ever written with a capital, else None."""
    if word[1:2] in ("'", "’"):  # "o'donnell": an Irish or French name, if the rest is one
        rest = _proper(word[2:])
        return f"{word[0].upper()}{word[1]}{rest}" if rest else None
    if word in EXTRA:
        return EXTRA[word]
    return wordlists.proper(word)


# Companies, products, languages, papers and clubs whose name is an ordinary word: never
# lowered as a typo ('Stripe engineer' is someone at Stripe, 'a Rust book' is about the
# language, 'the Rotary lunch' is the club's). Kept small: the ones people work at, use,
# write for or meet at most.
COMPANY_WORDS = frozenset(
    """
    stripe square notion slack zoom apple shell target meta acme amazon block discord
    loom linear ramp plaid gusto mercury chime affirm medium gap boots virgin orange sky visa
    oracle snowflake confluence wise indeed twitter bumble hinge tinder ocado mercy sequoia
    benchmark starling nest kindle harvest
    rust swift dart spark elixir go rails react angular node unity excel teams outlook
    flutter spring
    guardian times economist telegraph mirror observer verge wired
    rotary chamber scouts guides bath
    """.split()
)

# Ordinary words the 2020 lists lack, which start answers ('Bootcamp grad', 'Sous chef').
_MORE_WORDS = frozenset(
    """
    bootcamp bootcamps sous fintech fintechs edtech healthtech proptech insurtech startup
    startups dev devs repo repos infra uni webinar webinars podcast podcasts onboarding
    ecommerce e-commerce makeover meetup meetups upskilling reskilling cofounder cofounders
    """.split()
)


def ordinary(word: str) -> bool:
    """Whether `word` (lower case) is an ordinary English word that cannot be a name: in the
    lists in lower case only ('landscape', 'part-time'), not a name too ('mark', 'rose'), not
    a company ('stripe')."""
    if word in COMPANY_WORDS or always_capitalised(word) or wordlists.also_a_name(word):
        return False
    if word in _MORE_WORDS or wordlists.common(word):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(
        p in _MORE_WORDS or (wordlists.common(p) and not wordlists.also_a_name(p)) for p in parts
    )


def always_capitalised(word: str) -> bool:
    """Whether English always writes `word` (lower case) with a capital: 'christmas', 'leeds'."""
    return bool(word) and _proper(word) is not None


# Ordinary words that are a product's name next to what it is for: 'a zoom call', 'on teams'.
_PRODUCTS = lazyre.compile(
    r"\b(?:(?:teams|slack|meet)(?= (?:call|meeting|chat|huddle)s?\b)|(?<=\bon )teams"
    r"|zoom(?! (?:in|out|into|through|past|ahead|around|by)\b))\b"
)
_TWO_WORD_PRODUCTS = lazyre.compile(r"\bgoogle meet\b", re.I)
_POWER_BI = lazyre.compile(r"\bpower ?bi\b", re.I)
# Ordinary words that are a product where what is around them says so: 'in excel', 'an excel
# sheet', 'our steam page' (not 'to excel at', 'steam the milk').
_CONTEXT_PRODUCTS = lazyre.compile(
    r"(?:(?:(?<=\bin )|(?<=\bon )|(?<=\ban )|(?<=\buse )|(?<=\busing )|(?<=\bvia )"
    r"|(?<=\bwith )|(?<=\binto )|(?<=\bfrom ))excel\b"
    r"|\bexcel(?= (?:sheet|spreadsheet|file|model|workbook|template|dashboard|macro)s?\b)"
    r"|\bsteam(?= (?:wishlist|page|store|sale|release|launch|key)s?\b))"
)


# ASCII punctuation and typographic quotes: what separates the words _LOWER_WORD may match.
# Countries that are also ordinary words ('china', 'turkey', 'japan', 'wales'): places after
# a word that says so ('supply chain in china', 'moving to japan'), not 'a turkey sandwich'.
_PLACE_WORDS = lazyre.compile(
    r"\b((?:in|to|from|across|around|throughout|within|into|outside) )"
    r"(china|japan|turkey|wales|chad)\b(?! (?:sandwich|dinner|plate|cup|set|shop)s?\b)"
)
_PLACE_KEYS = ("china", "japan", "turkey", "wales", "chad")


_SEPARATORS = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~‘’“”", " "))


def _may_capitalise(text: str) -> bool:
    """False only when _LOWER_WORD can find nothing to capitalise in `text`.

    Most answers have no such word, and this costs a draft less than compiling _LOWER_WORD.
    Every word the pattern matches is a whole token here (its edges are never letters or
    digits), or an o'/d' name whose second part is one; text beyond ASCII goes to the pattern.
    """
    for token in text.translate(_SEPARATORS).split():
        if not token.isascii():
            return True
        if "a" <= token[0] <= "z" and token.islower() and _proper(token):
            return True
    return False


_SHOUTED_WORD = lazyre.compile(r"[A-Za-z][A-Za-z'’-]*")  # 'ROLLS-ROYCE' is one word
_PLACE_BEFORE = frozenset(("in", "at", "from", "near"))
_NAME_DOES = frozenset(
    "is was has had and needs wants said says can could will would runs works knows".split()
)
# After 'IT' the department, not the pronoun: 'IT support', 'IT manager'.
_AFTER_IT = frozenset(
    """
    support services service team department dept manager director consultant admin security
    helpdesk contractor contracts systems infrastructure budget sector industry jobs job role
    roles professional professionals guy person lead staff project projects
    """.split()
)


def unshout(text: str) -> str:
    """An answer typed in capitals, in ordinary case where every word is one drafter knows:
    'WE WORKED TOGETHER AT THE NHS IN LEEDS' -> 'we worked together at the NHS in Leeds'. A
    word of up to four letters that is no ordinary word stays as an acronym ('NHS', 'HVAC');
    any other word it does not know ('TESCO') leaves the answer as typed, for fit to ask."""
    if any(c.islower() for c in text):  # most answers: not typed in capitals
        return text
    long = [w for w in _SHOUTED_WORD.findall(text) if len(w) > 2]
    if not long or not all(w.isupper() for w in long):
        return text
    from drafter import wordlists

    if len(long) == 1 and (
        len(long[0]) <= 4
        or not (wordlists.common(long[0].lower()) or wordlists.proper(long[0].lower()))
    ):
        return text  # 'NHS', 'TESCO': one word in capitals may be a name; 'PLUMBER' is not

    def case(word: str, following: str, before: str) -> str | None:
        low = word.lower().replace("’", "'")
        if low == "i" or low.startswith("i'"):
            return "I" + low[1:]
        if low in ("a", "uni"):
            return low
        if "'" in low and wordlists.common(low.split("'")[0]):
            return low  # "HE'S", "DON'T", "WE'VE": a contraction of an ordinary word
        if low == "it" and following.lower() in _AFTER_IT:
            return "IT"  # 'IT support', 'the IT team'; 'it was great' is a pronoun
        if low in EXTRA:
            return EXTRA[low]
        if (known := wordlists.proper(low)) is not None:
            return known
        if len(word) <= 4 and not wordlists.common(low) and not wordlists.proper(low):
            return word  # an acronym: 'NHS', 'HVAC', 'SISK'
        if before.lower() in _PLACE_BEFORE and (wordlists.also_a_name(low) or not following):
            return None  # 'IN READING', '… IN CORK': a place as often as a word
        if (
            not before
            and len(low) > 2
            and following.lower() in _NAME_DOES
            and wordlists.also_a_name(low)
        ):
            return None  # 'MARK IS GREAT': someone doing something, a name as often as a word
        if wordlists.common(low) or low.endswith("'s") and wordlists.common(low[:-2]):
            return low
        if len(word) <= 4:
            return word  # an acronym: 'NHS', 'HVAC'
        return None

    out, pos = [], 0
    tokens = list(_SHOUTED_WORD.finditer(text))
    for i, m in enumerate(tokens):
        new = case(
            m.group(),
            tokens[i + 1].group() if i + 1 < len(tokens) else "",
            tokens[i - 1].group() if i else "",
        )
        if new is None:
            return text
        out.append(text[pos : m.start()] + new)
        pos = m.end()
    out.append(text[pos:])
    # 'ON ELM ST': a street's name and its kind, both with capitals ('on Elm St')
    return _STREET.sub(
        lambda m: f"{m.group(1).capitalize()} {m.group(2).capitalize()}", "".join(out)
    )


_STREET = lazyre.compile(r"(?<![\w'’-])([A-Za-z]+) (ST|RD|AVE|BLVD|LN)(?![\w'’-])")


def proper_case(text: str) -> str:
    """`text` with each lower-case word that English only writes capitalised given its capitals."""
    low = text.lower()
    if "zoom" in low or "teams" in low or "slack" in low or "meet" in low:
        text = _PRODUCTS.sub(lambda m: m.group().capitalize(), text)
        text = _TWO_WORD_PRODUCTS.sub("Google Meet", text)
    if "excel" in text or "steam" in text:
        text = _CONTEXT_PRODUCTS.sub(lambda m: m.group().capitalize(), text)
    if "bi" in low:
        text = _POWER_BI.sub("Power BI", text)
    if any(w in text for w in _PLACE_KEYS):
        text = _PLACE_WORDS.sub(lambda m: m.group(1) + m.group(2).capitalize(), text)
    if any(w in low for w in _HOLIDAY_WORDS):
        text = _HOLIDAYS.sub(_holiday_case, text)
    if any(w in low for w in _PLACE_WORDS_LAST):
        text = _PLACES.sub(_place_case, text)
    if not _may_capitalise(text):
        return text
    return _LOWER_WORD.sub(_capitalise, text)


# 'pm' after a time or a day is the time of day ('3 pm', 'Thursday pm'), not a PM.
_BEFORE_PM = lazyre.compile(
    r"(?:\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today)\s*$", re.I
)


def _capitalise(m: re.Match[str]) -> str:
    word = m.group(1)
    if word == "pm" and _BEFORE_PM.search(m.string, 0, m.start()):
        return word
    if word in _NAME_WHERE_PLACE and not (
        _BEFORE_PLACE.search(m.string[max(0, m.start() - 12) : m.start()])
        or _AFTER_PLACE.match(m.string, m.end())
    ):
        return word  # 'the big reno job'; not 'in reno', 'reno, nevada'
    if word in _OPENS_A_NAME and (after := _NEXT_WORD.match(m.string, m.end())):
        following = after.group(1)
        if following.islower() and not (
            wordlists.common(following) or always_capitalised(following)
        ):
            return word  # 'rio tinto': a name of two words, raised both or neither
    return _proper(word) or word
