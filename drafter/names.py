"""People's names: what to call someone in a greeting, and how to write their name in full."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import msgspec

from drafter import lazyre

# Punctuation people type after a name ("Sam Lee." in a form, "sam," from a list).
_TRAILING = " ,;:"
# nameparser's capitaliser turns 'machado' into 'MacHado'; 'Mac' names are spelt both ways
# (MacDonald, Macdonald), so a name typed without case gets the spelling that is never wrong.
_MAC = lazyre.compile(r"\bMac([A-Z])")
# An abbreviated Saint ('jo-ann st. james') is capitalised; nameparser leaves it lower-case.
_SAINT = lazyre.compile(r"\b(st|ste)\.", re.IGNORECASE)
_WORD = lazyre.compile(r"[^\W\d_]+")  # a run of letters

# A nickname in typographic quotes (phones type them: Robert ‘Bob’ Smith) is given the plain
# double quotes nameparser knows; an apostrophe, as in O’Brien, opens no quote and is kept.
_CURLY_QUOTED = lazyre.compile(r"[“‘]([^“”‘’\"]+)[”’](?!\w)")
# Pronouns typed after a name ('Sam Lee (she/her)') look like a nickname to nameparser.
_PRONOUNS = frozenset(
    "she her hers he him his they them theirs ze zir hir xe xem any all pronouns".split()
)


class Name(msgspec.Struct, frozen=True):
    """A person's name, parsed: `greeting` follows 'Hi ', `full` is for sentences and subjects."""

    greeting: str = ""
    full: str = ""
    given: str = ""
    middle: str = ""
    family: str = ""
    title: str = ""
    suffix: str = ""
    nickname: str = ""
    family_first: bool = False  # 'Kim Soo-yeon': written in the order it was typed
    # The typing says which is the family name: 'Zhang, Wei' (a comma), 'ZHANG Wei' (capitals).
    order_known: bool = False


def _is_initial(word: str) -> bool:
    """'J.' or 'J' is an initial: nobody is greeted by one; 'T.J.' is a name people go by."""
    letters = word.rstrip(".")
    return len(letters) == 1 and letters.isalpha()


def _has_case(text: str) -> bool:
    """Whether the text has letters with case (CJK, for one, has none)."""
    return text.lower() != text.upper()


def _fix_case(text: str) -> str:
    """Undo the capitaliser's guesses that are sometimes wrong (see _MAC and _SAINT)."""
    text = _MAC.sub(lambda m: "Mac" + m.group(1).lower(), text)
    return _SAINT.sub(lambda m: m.group(1).capitalize() + ".", text)


def _recase(typed: str, capitalised: str) -> str:
    """A part as capitalised, unless it was typed in mixed case (the 'PhD' of 'JOHN SMITH, PhD')."""
    if typed not in (typed.lower(), typed.upper()):
        return typed
    if "." not in typed:  # nameparser 1.x writes 'phd' as 'Ph.D.': only the case is ours to fix
        capitalised = capitalised.replace(".", "")
    return _fix_case(capitalised)


def _is_pronouns(nickname: str) -> bool:
    """'she/her' or 'they them' is not a name to greet someone by."""
    words = re.split(r"[\s/,]+", nickname.casefold().strip())
    return "/" in nickname or all(w in _PRONOUNS for w in words if w)


def _last_word_is(field: str, word: str) -> bool:
    """Whether `field` ends with `word`, ignoring case."""
    words = field.split()
    return bool(words) and words[-1].casefold() == word.casefold()


# Lower-case words that belong to names: 'Ludwig van Beethoven', 'Anna de la Cruz'.
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le bin binti al el ter ten af zu y".split()
)
_NOTE = lazyre.compile(r"\s*\(([^()]*)\)")
# Who the person is to someone, typed before their name: not part of it.
_RELATION = lazyre.compile(
    r"^(?:my|our|[\w-]+['’]s)\s+(?:old\s+|former\s+)?(?:friend|neighbou?r|colleague|cousin|boss"
    r"|mentor|sister|brother|partner|husband|wife|son|daughter|contact|classmate|roommate)\s+",
    re.I,
)
# Where someone works, typed after their name: "Kev from PipeDirect", "Ana @ Lumen".
_WHERE_FROM = lazyre.compile(r"\s+(?:from|at|@)\s+\S.*$", re.I)
# Titles that go with a family name ('Mr. Oduya', 'Prof. Wu'): with one name, greet by both.
_SURNAME_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor rev reverend adv rabbi pastor bishop chaplain deacon
    lt lieut lieutenant col colonel capt captain maj major gen general brig brigadier cdr cmdr
    commander adm admiral sgt sergeant cpl corporal
    herr frau señor senor señora senora señorita senorita sra srta monsieur madame mme mlle
    signor signora
    """.split()
)
# Rank and clergy titles among them: the formal greeting keeps them ('Dear Rabbi Feldman',
# 'Dear Lt. Col. Whitaker'); a warm one greets by the given name, as for Dr. and Prof.
# Religious titles that go with the given name, or the religious name ('Sister Mary Clare',
# 'Father Declan', 'Fr. Tom'): what the person is called, in every greeting and in running
# text, like 'Uncle Ravi'. ('Sr.' is not among them: 'Sr. Juan Pérez' is Señor Pérez.)
_RELIGIOUS_GIVEN = frozenset("sister brother father mother fr".split())
# A religious name of two words after Sister or Mother: 'Sister Mary Clare' is no Ms Clare.
_RELIGIOUS_FIRST = frozenset("mary marie maria".split())
# Words that are half of what someone is called: 'Big Steve', 'Little Richard'.
_GOES_BY_BOTH = frozenset("big little lil".split())
# Family words that go with a first name and stay in the greeting ('Uncle Ravi').
_FAMILY_TITLES = frozenset("uncle aunt auntie aunty".split())


def _without_notes(text: str) -> str:
    """A name typed in mixed case keeps only the name: words around it in lower case are notes.

    'my old boss Kevin Doyle' -> 'Kevin Doyle'; 'Kim Nguyen (freelance)' -> 'Kim Nguyen'.
    A capitalised bracket stays: it is a nickname ('Mei Lin Chen (Mei Lin)'). A name typed
    all in lower case has no such signal and is kept whole.
    """
    words = text.lower().split()
    if len(words) > 2 and (words[0] in ("my", "our") or words[0].endswith(("'s", "’s"))):
        text = _RELATION.sub("", text) or text  # "Mum's friend Linda", "my neighbour Gino"
    if "from" in words or "at" in words or "@" in text:
        text = _WHERE_FROM.sub("", text) or text  # "Kev from PipeDirect"
    if text == text.lower() or text == text.upper():
        return text
    text = _NOTE.sub(lambda m: "" if m.group(1) == m.group(1).lower() else m.group(0), text)
    words = text.split()
    while len(words) > 1 and words[0] == words[0].lower() and words[0] not in _PARTICLES:
        words.pop(0)
    return " ".join(words)


# Particles that begin a family name ('Ní Bhriain', 'Mac Giolla', 'bin Talal').
_FAMILY_PARTICLES = frozenset(
    "ní nic ó ua mac mc bin binti bint ibn al el de da di dos das du van von der den la le ter ten"
    " te".split()  # 'Ngaire Te Whata': the Māori 'Te' begins the family name
)
# Generational suffixes stay with a name in running text; credentials (PhD, RN, MD) do not.
_GENERATIONAL = frozenset("jr jr. sr sr. ii iii iv v".split())
# Honorifics typed after a name ('Rajesh Iyer sir', 'Sharma ji'): respect, not a surname. The
# formal greeting says it the English way where it tells a man from a woman: 'Dear Mr Iyer'.
_HONORIFIC_AFTER = {
    "sir": "Mr", "sahib": "Mr", "saheb": "Mr", "saab": "Mr",
    "ma'am": "Ms", "ma’am": "Ms", "maam": "Ms", "madam": "Ms",
    "ji": "",
}  # fmt: skip
# Judges are greeted by office and family name, however warm the message: 'Justice Osei',
# 'Her Honour Judge Mensah' -> 'Judge Mensah'.
_JUDICIAL = frozenset("judge justice honour honor".split())
# Words that qualify a professorship ('Assoc. Prof.'): in a greeting, a professor is a Professor.
_ACADEMIC_RANK = frozenset(
    """assoc associate asst assistant adjunct visiting emeritus emerita clinical distinguished
    research""".split()
)


def _title_key(title: str) -> list[str]:
    return title.lower().replace(".", "").split()


def _addressed_title(title: str) -> str:
    """The title as a greeting says it: 'Assoc. Prof.' -> 'Professor'; others as typed."""
    key = _title_key(title)
    if key and key[-1] in ("prof", "professor") and any(k in _ACADEMIC_RANK for k in key):
        return "Professor"
    return title


def _judicial(title: str, family: str) -> str:
    """'Judge Mensah' for 'Her Honour Judge' and a family name; '' if the title is no judge's."""
    words = title.replace(".", "").split()
    offices = [w for w in words if w.casefold() in ("judge", "justice")]
    if not family or not any(w.casefold() in _JUDICIAL for w in words):
        return ""
    office = offices[-1] if offices else "Judge"  # 'Her Honour Mensah': a judge
    return f"{office[:1].upper()}{office[1:].lower()} {family}"


def written(name: Name) -> str:
    """The name as running text and subject lines use it: 'Amara Nwosu, RN' -> 'Amara Nwosu';
    'Mr. Jaylen Brooks' -> 'Jaylen Brooks', but 'Mr. Oduya' keeps the title its one name needs;
    'Frank DeLuca Jr.' keeps 'Jr.'."""
    order = (
        (name.family, name.given) if name.family_first else (name.given, name.middle, name.family)
    )
    plain = " ".join(" ".join(order).split())
    key = _title_key(name.title)
    one = len(plain.split()) == 1
    if name.title and (one or (key and key[0] in _RELIGIOUS_GIVEN)):
        # 'Mr. Oduya', 'Coach Rivera': not a bare surname; 'Father Declan Byrne', 'Sister
        # Mary Clare': the title is part of what they are called
        plain = f"{_addressed_title(name.title)} {plain}"
    elif judge := _judicial(name.title, plain):
        # 'this is Justice Margaret Osei': a judge's office stays, 'Hon.' and 'Her Honour' not
        plain = f"{judge.split()[0]} {plain}"
    plain = plain or name.full
    kept = _GENERATIONAL | (_HONORIFIC_AFTER.keys() if one and not name.title else frozenset())
    # 'Sharma ji' in running text too: one name could be either, and is not said bare
    suffix = " ".join(w for w in name.suffix.replace(",", " ").split() if w.casefold() in kept)
    if suffix and not suffix.endswith(".") and suffix.casefold() in ("jr", "sr"):
        suffix += "."
    return f"{plain} {suffix}".strip()


def formal_greeting(name: Name) -> str:
    """What follows 'Dear ' in a formal message: a title that goes with a family name, then
    that name ('Dr. Priya Shah' -> 'Dr. Shah', 'Prof. Kim Lee' -> 'Prof. Lee'); anyone else
    by their greeting ('Priya Shah' -> 'Priya'); a knight or a dame by title and given name
    ('Sir Paul Smith' -> 'Sir Paul')."""
    key = _title_key(name.title)
    if key and (key[0] in _RELIGIOUS_GIVEN or any(k in _JUDICIAL for k in key)):
        # 'Dear Sister Mary Clare', 'Dear Father Declan'; 'Dear Judge Mensah'
        return name.greeting
    knight = [w for w in name.title.split() if w.casefold() in ("sir", "dame")]
    if knight and name.given:
        # 'Sir Paul', 'Dame Judi'; 'Professor Sir Nigel Ashcombe' too: the salutation
        # Debrett's gives a knight of any other rank is 'Dear Sir Nigel'
        return f"{knight[-1].capitalize()} {name.given}"
    honorific = _HONORIFIC_AFTER.get(name.suffix.casefold())
    if not key and honorific is not None and name.family and not name.family_first:
        # 'Rajesh Iyer sir' -> 'Mr Iyer'; 'Rajesh Iyer ji' says no more than respect: 'Rajesh ji'
        return f"{honorific} {name.family}" if honorific else f"{name.given} {name.suffix}"
    if (
        not key
        or key[-1] not in _SURNAME_TITLES
        or not name.family
        or family_first_doubt(name) is not None  # 'Dr. Chen Jing': which is the family name?
    ):
        if _is_initial(name.given) and name.greeting.endswith(".") and name.family:
            return _plain(name)  # 'Dear R. J. Barrett,', not 'Dear R.J.,'
        return name.greeting
    return f"{_addressed_title(name.title)} {name.family}"  # 'Assoc. Prof.' -> 'Professor'


_PLAIN_WORD = lazyre.compile(r"[^\W\d_][^\W\d_]*(?:[-'][^\W\d_]+)*")


def _initials(word: str) -> bool:
    """'jj', 'AJ', 'KC': two letters said as letters (no vowel to say, or a J after one)."""
    low = word.lower()
    return len(low) == 2 and low.isalpha() and (low[1] == "j" or not set(low) & set("aeiouy"))


def _plain_two_words(text: str) -> Name | None:
    """'Sam Lee' without nameparser: two capitalised words, neither one it treats specially.

    nameparser costs about 4.5 ms to import on every draft; most names need none of it.
    tests/test_names.py checks this path gives what nameparser's does.
    """
    from drafter._name_words import SPECIAL

    parts = text.split(" ")
    if len(parts) != 2:
        return None
    for part in parts:
        if not _PLAIN_WORD.fullmatch(part) or part.casefold() in SPECIAL | _MORE_TITLES_SET:
            return None
        for piece in re.split(r"[-']", part):
            if not (piece[:1].isupper() and piece[1:] == piece[1:].lower()):
                return None
    given, family = parts
    if _family_first(given, family):
        return None
    greeting = text if given.lower() in _GOES_BY_BOTH else given
    return Name(greeting=greeting, full=text, given=given, family=family)


@functools.lru_cache(maxsize=512)
def parse(text: str) -> Name:
    """Parse a name as people type it: 'DR. PRIYA SHAH' -> greeting 'Priya', full 'Dr. Priya Shah'."""
    return _parse(text)


def _parse(text: str, fast: bool = True) -> Name:
    """`parse`, uncached; `fast=False` always asks nameparser (for the test that compares)."""
    text = " ".join(text.split()).rstrip(_TRAILING)
    # A trailing full stop would make nameparser read 'Cher.' as a title and keep 'Lee.' as a
    # family name, so the name is parsed without one, given back below where it belongs.
    cleaned = text.rstrip(".").rstrip(_TRAILING)
    if not cleaned:
        return Name()
    dropped_stop = cleaned != text
    cleaned = _without_notes(cleaned)
    if not cleaned:
        return Name()
    cleaned, honorific = _honorific_after(cleaned)
    cleaned, caps_first = _capitals_first(cleaned)
    if fast and not (dropped_stop or honorific or caps_first):
        quick = _plain_two_words(cleaned)
        if quick is not None:
            return quick

    # Imported here, not at the top: only formatting a name should pay for loading nameparser.
    from nameparser import HumanName
    from nameparser.config import CONSTANTS

    CONSTANTS.titles.add(*_MORE_TITLES)  # a set: adding again is nothing

    human = HumanName(_CURLY_QUOTED.sub(r'"\1"', cleaned))
    if human.nickname and _is_pronouns(human.nickname):
        human.nickname = ""
    typed: tuple[str, ...] = (
        human.title,
        human.first,
        human.middle,
        human.last,
        human.suffix,
        human.nickname,
    )
    parts = f"{human.first} {human.middle} {human.last} {human.nickname}"
    # Judged on the name itself, so 'JOHN SMITH, PhD' is still fixed and 'Anna de la Cruz' kept.
    if _has_case(parts) and parts in (parts.lower(), parts.upper()):
        human.capitalize(force=True)
        fixed = (human.title, human.first, human.middle, human.last, human.suffix)
        nickname = human.nickname
        if nickname in (nickname.lower(), nickname.upper()):  # nameparser 1.x leaves it
            # 'jj', 'aj', 'kc': initials ('JJ'); 'al', 'jo', 'bob': a name ('Al')
            nickname = _WORD.sub(
                lambda m: m.group().upper() if _initials(m.group()) else m.group().capitalize(),
                nickname,
            )
        typed = tuple(_recase(old, new) for old, new in zip(typed, (*fixed, nickname), strict=True))
    # nameparser 1.x keeps the spaces inside quotes: '" Bob"'.
    title, given, middle, family, suffix, nickname = (" ".join(p.split()) for p in typed)
    # 'NGUYEN, Linh': a family name in capitals beside a given name that is not.
    if len(family) > 2 and family.isupper() and given and not given.isupper():
        family = re.sub(
            r"\bMc([a-z])",
            lambda m: "Mc" + m.group(1).upper(),
            _WORD.sub(lambda m: m.group().capitalize(), family.lower()),
        )

    if dropped_stop:  # the stop belongs to an abbreviation: 'Jr.', 'Dr.', 'John K.'
        word = cleaned.split()[-1]
        if _last_word_is(suffix, word):
            suffix += "."
        elif _last_word_is(title, word) and not (given or middle or family):
            title += "."
        elif _is_initial(word):
            if _last_word_is(family, word):
                family += "."
            elif _last_word_is(middle, word):
                middle += "."
            elif _last_word_is(given, word):
                given += "."

    # 'Zhang, Wei', 'de la Cruz, Anna': the comma says which is the family name
    order_known = caps_first or (
        "," in cleaned and cleaned.split(",")[0].strip().casefold() == family.casefold() != ""
    )
    family_first = False
    if not nickname and _two_syllable_given(given, middle, family):
        # 'Lim Wei Jie', 'Tan Mei Ling': a family name, then a given name of two syllables.
        given, middle, family, family_first = f"{middle} {family}", "", given, True
    elif not (middle or nickname) and (_family_first(given, family) or caps_first):
        # 'kim soo-yeon', 'Prof. Choi Min-jun': a Korean or Chinese family name, then a
        # hyphenated given name; greeted by the given name, written as typed.
        lost = cleaned in (cleaned.lower(), cleaned.upper())  # typed without capitals to keep
        given, family, family_first = _syllables_case(family) if lost else family, given, True
    words = f"{given} {middle} {family}".split()
    if len(words) == 1:
        # One name and no way to tell which kind ('Mr. Sam', 'Dr Ana'): greet by it.
        given, middle, family = words[0], "", ""
    plain = " ".join(words)
    suffix = f"{suffix} {honorific}".strip()  # 'Rajesh Iyer sir': kept in the full name
    full = " ".join(p for p in (title, plain, suffix) if p)
    middles = middle.split()
    if middles and family and all(m.casefold() in _FAMILY_PARTICLES for m in middles):
        # 'Siobhán Ní Bhriain', 'Ngaire Te Whata': the particle is the family's ('Ms Te Whata')
        family, middle, middles = f"{middle} {family}", "", []

    title_key = _title_key(title)
    if nickname:
        greeting = nickname
    elif judge := _judicial(title, family or plain):
        greeting = judge  # 'Justice Osei', 'Her Honour Judge Patricia Mensah': 'Judge Mensah'
    elif title_key and title_key[0] in _FAMILY_TITLES and given:
        greeting = f"{title} {given}"  # 'Uncle Ravi' is what he is called
    elif title_key and title_key[0] in _RELIGIOUS_GIVEN and given and not nickname:
        # 'Father Declan', 'Sister Anne'; 'Sister Mary Clare' is one religious name
        two = len(words) == 2 and given.casefold() in _RELIGIOUS_FIRST
        greeting = f"{title} {plain if two else given}"
    elif len(words) == 1 and title_key and title_key[0] in _JOB_TITLES:
        # 'Sous Chef Danny', 'Head Nurse Kim': a job, not what they are called; 'Head Teacher
        # Mrs Jones' is still Mrs Jones
        rest = title.split()[2:]
        greeting = " ".join((*rest, plain))
    elif len(words) == 1 and title_key:
        # 'Mr. Oduya', 'Prof. Wu', 'Mr and Mrs Patel': not a bare surname; 'Coach Rivera',
        # 'Father Tom', 'Rabbi Cohen': what they are called (credentials stay out: 'Dr. Kim')
        greeting = f"{_addressed_title(title)} {plain}"  # 'Assoc. Prof. Cheung': 'Professor'
    elif len(words) > 1 and given.lower() in _GOES_BY_BOTH:
        greeting = " ".join(words[:2])  # 'Big Steve', 'Big Al Washington': Big Al
    elif not words:
        greeting = full  # only a title or a suffix ('Dr.'): all there is
    elif len(words) == 1:
        greeting = f"{given} {honorific}".strip()  # 'Sharma ji': either name, so not bare
    elif len(words) == 3 and (called := _vietnamese_called(*words)):
        greeting = called  # 'Nguyen Thi Lan', 'Thi Lan Nguyen': Lan
    elif len(middles) == 1 and _goes_by_two(given, middle, family):
        greeting = f"{given} {middle}"  # 'Maria Clara Santos', 'Mei Lin Chen'
    elif _is_initial(given) or given.casefold() in ("ma.", "mª"):  # 'Ma. Cristina': María
        # 'J. Robert Oppenheimer' goes by Robert; 'J. Smith' gives nothing better than itself.
        # 'R. J. Barrett' goes by R.J., as 'J.P. Morgan-Hill' by J.P.
        initials = [given, *middles] if middles and all(_is_initial(m) for m in middles) else []
        dotted = all(i.endswith(".") for i in initials)
        joined = "".join(i.rstrip(".") + ("." if dotted else "") for i in initials)
        greeting = next((m for m in middles if not _is_initial(m)), joined or plain)
    elif any(not _is_initial(m) for m in middles):
        # 'Mei Lin Chen' may go by Mei Lin: 'Hi Mei,' would be wrong, the whole name is not.
        greeting = plain
    else:
        greeting = given or plain  # nameparser found no given name: all there is
    if family_first:
        plain = f"{family} {given}"
        full = " ".join(p for p in (title, plain, suffix) if p)
        surname_title = title_key and title_key[-1] in _SURNAME_TITLES
        greeting = f"{_addressed_title(title)} {family}" if surname_title else given
    return Name(
        greeting=greeting,
        full=full or nickname,
        given=given,
        middle=middle,
        family=family,
        title=title,
        suffix=suffix,
        nickname=nickname,
        family_first=family_first,
        order_known=order_known,
    )


# Titles nameparser does not know: 'Adv. Kavya Nair' (an advocate, in India and Israel),
# 'Engr. Carlo Reyes' and 'Atty. Jose Cruz' (the Philippines), 'Barr. Chidinma Okafor',
# 'Alhaji Musa Bello' and 'Hajia Amina Sule' (Nigeria), 'Aunty Joan' (a family word).
_MORE_TITLES = (
    "adv", "advocate", "engr", "atty", "barr", "alhaji", "alhaja", "hajia", "hajiya", "aunty",
    # 'Herr Schmidt', 'Señora García', 'Monsieur Dubois': Mr. and Mrs. in other languages
    "herr", "frau", "señor", "senor", "señora", "senora", "señorita", "senorita", "sra", "srta",
    "monsieur", "madame", "mme", "mlle", "signor", "signora",
    # 'Sous Chef Danny Ruiz', 'Head Chef Ana Lima': a kitchen's titles before 'Chef'; a
    # ward's and a wine list's ('Charge Nurse Deborah Kline', 'Master Sommelier David Hart')
    "sous", "head", "charge", "sommelier",
    # 'Justice Margaret Osei', 'Her Honour Judge Patricia Mensah' (nameparser knows 'Judge')
    "justice", "honour", "honor",
)  # fmt: skip
_MORE_TITLES_SET = frozenset(_MORE_TITLES)
# The first word of a job title of two words: 'Sous Chef', 'Head Nurse', 'Head Teacher'.
_JOB_TITLES = frozenset(("sous", "head"))
_KOREAN_FAMILY = frozenset(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im
    han oh seo suh shin sin kwon hwang ahn an song yoo yu hong jeon ko go moon mun yang son bae
    baek heo huh nam noh roh ha kwak sung seong cha joo ju woo min ryu na jin ji chae won
    bang""".split()
)
# Chinese family names in pinyin and Wade-Giles, for the doubt too: a one-syllable given
# name after one ('Wang Wei') cannot be told from a given name and a family name.
_CHINESE_FAMILY = frozenset(
    """chen wang li zhang liu huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye
    cheng wei su lu ding ren shen yao tsai hsu""".split()
)
# The commonest of them, and rarely given names: after a given name that is a rarer family
# name ('Wei Zhang'), the order is the English one.
_TOP_CHINESE_FAMILY = frozenset(
    "wang zhang liu chen yang huang zhao zhou xu sun zhu guo lin gao luo zheng liang".split()
)
# Hokkien, Teochew and Cantonese spellings ('Tan Mei Ling', 'Wong Ka Wai'); some are English
# family names too (Chan, Lam), so they are no ground for doubt on their own.
_SOUTHERN_CHINESE_FAMILY = frozenset(
    """teng tan ng ong goh teo koh chua tay yeo quek toh wong chan cheung leung lau lam tse
    chow yip kwok""".split()
)
# Korean and Chinese family names that come first: with a hyphenated given name after them
# ('Kim Soo-yeon', 'Lee Teng-hui') the order is not in doubt; 'Kim Smith-Jones' is not one.
_EAST_ASIAN_FAMILY = _KOREAN_FAMILY | _CHINESE_FAMILY | _SOUTHERN_CHINESE_FAMILY
# One romanised syllable: up to three consonants, one to three vowels, an optional final.
_SYLLABLE = lazyre.compile(r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|k|l|p|t|r)?")
# One or two of them, as a given name is written run together ('Jisoo', 'Xiaoming').
_SYLLABLES = lazyre.compile(
    r"(?:[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|k|l|p|t|r)?){1,2}"
)


def family_first_doubt(name: Name) -> str | None:
    """The other name to greet when `name` may be written family name first: 'Chen Jing'
    (Chen is a common Chinese family name, Jing a given name), else None. Not when the typing
    settles it ('Zhang, Wei', 'ZHANG Wei'), nor when the last name is by far the likelier
    family name ('Wei Zhang', typed given name first as LinkedIn shows it)."""
    if name.family_first or name.order_known or name.middle or name.nickname:
        return None
    if not (name.given and name.family):
        return None
    given, family = name.given.casefold(), name.family.casefold()
    if given not in _CHINESE_FAMILY:
        return None
    if family in _TOP_CHINESE_FAMILY and given not in _TOP_CHINESE_FAMILY:
        return None
    return name.family if _SYLLABLE.fullmatch(family) else None


# Two given names that are one name, the way people are called: 'Hi Maria Clara,'. Written
# without accents: 'Maria José' and 'María José', 'Ana Lúcia' and 'Ana Lucia' are each one.
_TWO_GIVEN = frozenset(
    " ".join(pair.split())
    for pair in """
    maria clara|joao pedro|victor hugo|andres felipe|juan carlos|juan pablo|juan jose
    |jose luis|luis fernando|maria jose|ana maria|jose maria|maria fernanda|ana paula|ana luisa
    |ana sofia|ana lucia|ana carolina|ana beatriz|ana clara|ana julia|maria eduarda|maria luiza
    |maria luisa|maria julia|maria cecilia|joao paulo|joao vitor|joao victor|joao gabriel
    |luiz felipe|luis felipe|pedro henrique|paulo henrique|carlos eduardo|luiz henrique
    |miguel angel|maria jesus|maria grazia|gian luca|gian marco|gian carlo|pier paolo|pier luigi
    |jean pierre|jean paul|jean luc|jean marc|jean claude|jean francois|jean michel|jean baptiste
    |jean philippe|jean louis|jean yves|marie claire|marie france|marie laure|marie christine
    |marie josee|marie eve|marie anne|anne marie|anne sophie|anne laure|anne claire|marie helene
    |pierre yves|mary kate|mary beth|mary ann|mary anne|mary jane|mary ellen|mary grace
    |mary lou|beth ann|sarah jane|anna maria|rose marie|fatima zahra|fatma zahra|mohamed amine
    |mohammed amine|abdul rahman|abdul karim|abdul aziz|nur aisyah|siti nur|ngoc anh|thu trang
    """.split("|")
)
# A middle name, in English, short enough to pass for a romanised syllable ('Ben Lee Chen').
_ENGLISH_MIDDLE = frozenset(
    "lee ann anne lynn lyn mae may jo ray jay rose jean kay sue beth".split()
)


def _goes_by_two(given: str, middle: str, family: str) -> bool:
    """'Maria Clara Santos', 'Mei Lin Chen', 'Soo Yeon Kim': two given names the person goes
    by together, a known pair or two syllables before an East Asian family name."""
    g, m, f = given.casefold(), middle.casefold(), family.casefold()
    if f"{_unaccented(g)} {_unaccented(m)}".strip() in _TWO_GIVEN:
        return True
    return (
        f in _EAST_ASIAN_FAMILY
        and g not in _EAST_ASIAN_FAMILY
        and m not in _ENGLISH_MIDDLE
        and all(_SYLLABLE.fullmatch(part) for part in (g, m))
    )


# Vietnamese names: a family name, a middle name, and the given name people are called by
# ('Nguyễn Thị Lan' is Lan), in that order or with the family name moved last. Only with
# both a common family name and a common middle name is the order certain enough.
_VN_FAMILY = frozenset(
    """nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly trinh dinh lam
    mai truong""".split()
)
_VN_MIDDLE = frozenset("van thi minh duc ngoc thanh quoc huu xuan hoai thu gia bao dinh".split())


def _unaccented(word: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", word.casefold().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _vietnamese_called(given: str, middle: str, family: str) -> str:
    """The name to greet in a Vietnamese name of three parts, or ''."""
    first, mid, last = (_unaccented(w) for w in (given, middle, family))
    if first in _VN_FAMILY and mid in _VN_MIDDLE and last not in _VN_MIDDLE:
        return family  # 'Nguyen Thi Lan': parsed as given Nguyen, family Lan
    if last in _VN_FAMILY and first in _VN_MIDDLE:
        return middle  # 'Thi Lan Nguyen'
    return ""


def _honorific_after(text: str) -> tuple[str, str]:
    """'Rajesh Iyer sir' -> ('Rajesh Iyer', 'sir'): an honorific after the name is no surname.
    'Ji' is a given name too ('Park Ji'): taken as one only typed lower case or after no
    East Asian family name."""
    words = text.split()
    last = words[-1].casefold() if len(words) > 1 else ""
    if last not in _HONORIFIC_AFTER:
        return text, ""
    rest = words[:-1]
    if last == "ji" and (
        words[-1] != "ji" or any(w.casefold() in _EAST_ASIAN_FAMILY for w in rest)
    ):
        return text, ""
    return " ".join(rest).rstrip(_TRAILING), last.replace("’", "'")


def _capitals_first(text: str) -> tuple[str, bool]:
    """'ZHANG Wei', 'KIM Soo-yeon': an East Asian family name in capitals before a given name
    that is not is written family name first, as many forms ask; -> ('Zhang Wei', True)."""
    words = text.split()
    first, rest = words[0], words[1:]
    if not (
        1 <= len(rest) <= 2
        and len(first) > 1
        and first.isupper()
        and first.casefold() in _EAST_ASIAN_FAMILY
        and all(not w.isupper() for w in rest)
        and all(_SYLLABLES.fullmatch(p.casefold()) for w in rest for p in w.split("-"))
    ):
        return text, False
    return " ".join((first.capitalize(), *rest)), True


def _two_syllable_given(given: str, middle: str, family: str) -> bool:
    if given.casefold() not in _EAST_ASIAN_FAMILY or len(middle.split()) != 1:
        return False
    return all(_SYLLABLE.fullmatch(part.casefold()) for part in (middle, family))


def _family_first(given: str, family: str) -> bool:
    if given.casefold() not in _EAST_ASIAN_FAMILY or family.count("-") != 1:
        return False
    return all(_SYLLABLE.fullmatch(part.casefold()) for part in family.split("-"))


def _syllables_case(given: str) -> str:
    """'Soo-Yeon' (nameparser capitalises every part) -> 'Soo-yeon', as it is written."""
    first, _, second = given.partition("-")
    if second[:1].isupper() and second[1:] == second[1:].lower() and first[:1].isupper():
        return f"{first}-{second.lower()}"
    return given


def _plain(name: Name) -> str:
    """The name without title, suffix or nickname: 'Dr. Kim Park PhD' -> 'Kim Park'."""
    return " ".join(f"{name.given} {name.middle} {name.family}".split())


def _family_initial(family: str) -> str:
    """'Park' -> 'P'; particles are skipped: 'van der Berg' -> 'B'."""
    words = family.split()
    # 'Te Whata', 'Ní Bhriain': the initial of the name, not of its particle
    words = [w for w in words[:-1] if w.casefold() not in _FAMILY_PARTICLES] + words[-1:]
    word = next((w for w in words if w[:1].isupper()), words[-1])
    return next((c for c in word if c.isalpha()), word[0]).upper()


def distinct_greetings(names: Sequence[str]) -> list[str]:
    """Greetings for several people, told apart: ['Kim Park', 'Kim Nguyen'] -> ['Kim P.', 'Kim N.']."""
    parsed = [parse(n) for n in names]
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(parsed):
        if name.greeting:
            groups.setdefault(name.greeting.casefold(), []).append(i)
    greetings = [name.greeting for name in parsed]
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        plains = {i: _plain(parsed[i]) for i in indexes}
        short = {
            i: f"{parsed[i].greeting} {_family_initial(parsed[i].family)}."
            for i in indexes
            if parsed[i].family and parsed[i].greeting != plains[i]
        }
        if len(short) == len(indexes) and len({s.casefold() for s in short.values()}) == len(short):
            for i, s in short.items():
                greetings[i] = s
        else:
            # The whole group by full name, so no one reads as more familiar than another.
            for i in indexes:
                greetings[i] = plains[i] or parsed[i].full
    return greetings
