"""Checks on a draft: pure functions from a Draft (and the playbook's rules) to results."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import msgspec

from drafter import channels, lazyre, sandbox, shape
from drafter.playbook import Checks, Field, Frame, Playbook
from drafter.render import Draft, Seam


class CheckResult(msgspec.Struct, frozen=True):
    """One check's verdict; `fix` says what to do about a failure, `field` which answer."""

    id: str
    ok: bool
    message: str
    fix: str = ""
    field: str = ""


_PLACEHOLDERS = [
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template braces"),
    (re.compile(r"\[\s*[A-Z][A-Za-z .'_-]{0,30}\]"), "a bracketed placeholder"),
    (
        re.compile(r"<\s*(?:name|first name|company|insert[^>]*)\s*>", re.I),
        "an angle-bracket placeholder",
    ),
    (re.compile(r"\bNone\b"), "'None'"),
    (re.compile(r"\bTODO\b|\bTBD\b|\bXXX\b"), "a TODO marker"),
]


def length(draft: Draft) -> CheckResult:
    lim = draft.limits
    used = channels.count_chars(draft.body)
    label = channels.LABELS[draft.channel]
    if lim.body is None:
        msg = f"{used:,} characters (no limit for {label})"
        ok = True
    else:
        ok = used <= lim.body
        over = "" if ok else f", {used - lim.body:,} over"
        msg = f"{used:,}/{lim.body:,} characters ({label}{over})"
    if draft.subject is not None and lim.subject is not None:
        sub = channels.count_chars(draft.subject)
        if sub > lim.subject:
            ok = False
            msg += f"; subject {sub:,}/{lim.subject:,} characters, {sub - lim.subject:,} over"
    return CheckResult("length", ok, msg)


def placeholders(draft: Draft) -> CheckResult:
    text = draft.text()
    for pattern, what in _PLACEHOLDERS:
        found = pattern.search(text)
        if found:
            return CheckResult("placeholders", False, f"leftover {what}: {found.group(0)!r}")
    return CheckResult("placeholders", True, "no leftover placeholders")


def words(draft: Draft, rules: Checks) -> CheckResult:
    n = channels.count_words(draft.body)
    if rules.max_words is None:
        return CheckResult("words", True, f"{n} words")
    ok = n <= rules.max_words
    return CheckResult("words", ok, f"{n}/{rules.max_words} words" + ("" if ok else ", too long"))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def mentions(
    draft: Draft,
    rules: Checks,
    answers: Mapping[str, Any],
    shown: Mapping[str, Field] | None = None,
) -> CheckResult:
    """Every answer the playbook says must appear does appear (names by their greeting)."""
    labels = shown or {}
    wanted = [n for n in rules.must_mention if _as_text(answers.get(n))]
    if not wanted:
        return CheckResult("mentions", True, "nothing required")
    # An answer that landed (its mark was seen, even if the template reworded it: "you're
    # both …" for "they're both …") is mentioned; otherwise look for it in the text.
    landed = {seam.field for seam in draft.seams}
    text = "" if landed.issuperset(wanted) else _fold(draft.text())  # folded when searched
    missing = [
        n
        for n in wanted
        if n not in landed and not any(_fold(v) in text for v in _forms(n, answers, labels))
    ]
    named = ", ".join(_label(n, labels) for n in (missing or wanted))
    if missing:
        return CheckResult(
            "mentions",
            False,
            f"does not mention your answer to {named}",
            fix="the template left it out: choose another style, or edit the draft",
            field=missing[0],
        )
    return CheckResult("mentions", True, f"mentions your answers to {named}")


def _forms(name: str, answers: Mapping[str, Any], shown: Mapping[str, Field]) -> list[str]:
    """How an answer can appear: as typed, or (for a name) as its greeting (formal too: 'Dr.
    Shah') or full name."""
    value = _as_text(answers.get(name))
    if name in shown and shown[name].type == "name":
        from drafter.names import formal_greeting, parse

        parsed = parse(value)
        return [value, parsed.greeting, formal_greeting(parsed), parsed.full]
    return [value]


def _label(name: str, shown: Mapping[str, Field]) -> str:
    """A field as people know it: the prompt they answered."""
    field = shown.get(name)
    return f"'{' '.join(field.prompt.split())}'" if field else name


def _as_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return ""  # lists are rendered in template-specific ways; not checked verbatim
    return str(value).strip().rstrip(".!?")


# --- fit: every answer reads naturally where it landed -----------------------------------

# Words after which a noun phrase must follow (a pronoun or a verb there does not read).
_NEEDS_NOUN = frozenset(
    "about of for at on in with from by is are was were into like the a an our my".split()
)
# Words an object follows, and verbs that begin a request rather than a thing.
_TAKES_OBJECT = _NEEDS_NOUN | frozenset("hear know share offer discuss".split())
_REQUEST_VERBS = shape.BARE_VERBS | frozenset("want wanna let's lets".split())
_PREPOSITION_ENDS = frozenset("about of for at on in with from by into like".split())
_NOUN_AFTER = frozenset("i'm enjoyed appreciated know than was".split())
_SUBJECT_ENDS = frozenset("i i'm we you they he she".split())
# A greeting line to two people ("Hi Priya and Marco,"): "you" would not say which of them.
_TO_BOTH = lazyre.compile(r"^\S+ [^,]+ and [^,]+,$")
_HERE_IS = lazyre.compile(r"\b(?:here is|here's|here are|enclosed is|please find)$", re.I)
_LINK = lazyre.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|dev|co|uk|de|fr|pt|es)\b/?", re.I
)


# The answer a failed check asks for when it is the sender's name, not the playbook's fault.
SENDER_NAME = "me.name"
# Messages that must end with the sender's name. Not an invitation note (too short for one),
# nor a LinkedIn message or InMail: LinkedIn shows the sender's name and photo beside every
# message, so one without a sign-off reads as it should.
_SIGNED = frozenset(("email",))


def fit(
    draft: Draft,
    pb: Playbook,
    answers: Mapping[str, Any],
    me: Mapping[str, Any],
    shown: Mapping[str, Field] | None = None,
) -> list[CheckResult]:
    """Each way an answer does not fit its sentence, with the fix; one passing result if none."""
    labels = shown or pb.field_map
    found: dict[tuple[str, str], CheckResult] = {}
    for seam in draft.seams:
        field = pb.field_map.get(seam.field)
        if field is None:
            continue
        # The field as the person saw it: its example rendered over their answers.
        shown_field = labels.get(seam.field, field)
        for kind, message, fix in _seam_problems(seam, shown_field, draft):
            label = _label(seam.field, labels)
            result = CheckResult("fit", False, f"{label}: {message}", fix=fix, field=seam.field)
            found.setdefault((seam.field, kind), result)
    results = list(found.values()) + _name_problems(draft, pb, answers, labels)
    results += _either_reader(draft, pb, answers, labels)
    if draft.channel in _SIGNED and not (me.get("name") or me.get("signature")):
        results.append(
            CheckResult(
                "fit",
                False,
                f"the {channels.LABELS[draft.channel]} has no sign-off: "
                "drafter doesn't know your name",
                fix="add your name to your profile (name), or answer me.name",
                field=SENDER_NAME,
            )
        )
    for i, warn in enumerate(pb.spec.checks.warn):
        where: list[str | int] = ["checks", "warn", i, "when"]
        test = sandbox.compile_expression(pb, warn.when, where)
        hit = bool(test(**{**answers, "me": me}))  # within the expression's budget
        if hit:
            results.append(CheckResult("fit", False, warn.message, fix=warn.fix or ""))
    return results or [CheckResult("fit", True, "every answer fits its sentence")]


_HE_OR_SHE = frozenset("he she him her his hers he's she's he'd she'd he'll she'll".split())
_CLAUSE_BREAK = frozenset("and but whether if because so or while".split())


def _either_reader(
    draft: Draft, pb: Playbook, answers: Mapping[str, Any], labels: Mapping[str, Field]
) -> list[CheckResult]:
    """In an email to two people, a he or a she in a clause of its own after both their
    names ('how Matteo's team could use Chiara's library, and whether she'd consult'):
    either reader could be meant. ('Meera keeps saying her analysts …' is Meera's.)"""
    from drafter import names

    if not _TO_BOTH.match(draft.body.split("\n", 1)[0]):
        return []
    people: set[str] = set()
    for f in pb.fields:
        value = answers.get(f.name)
        if f.type == "name" and isinstance(value, str) and value.strip():
            people.update(shape.fold(w) for w in names.parse(value).greeting.split()[:1])
    out: dict[str, CheckResult] = {}
    for seam in draft.seams:
        field = pb.field_map.get(seam.field)
        if field is None or field.frame is None or not field.frame.second_person:
            continue
        if seam.field in out or shape.without_vocative(seam.answer) != seam.answer:
            continue  # 'Marco, I'd love to hear whether she …': she is the other one
        seen: set[str] = set()
        broken = False  # a new clause since the last name
        for token in seam.answer.split():
            key = shape.fold(token.strip(".,;:!?()\"'"))
            if key.removesuffix("'s") in people:
                seen.add(key.removesuffix("'s"))
                broken = token.endswith((",", ";"))
            elif key in _HE_OR_SHE and len(seen) >= 2 and broken:
                out[seam.field] = CheckResult(
                    "fit",
                    False,
                    f"{_label(seam.field, labels)}: '{token.strip('.,;:!?()')}' could mean "
                    "either of them: the email is to both",
                    fix="use the name of the one you mean",
                    field=seam.field,
                )
                break
            else:
                broken = broken or key in _CLAUSE_BREAK or token.endswith((",", ";"))
    return list(out.values())


def _name_problems(
    draft: Draft, pb: Playbook, answers: Mapping[str, Any], labels: Mapping[str, Field]
) -> list[CheckResult]:
    """Greetings drafter had to guess: a whole name of three or more words ('Hi Mei Lin
    Chen,'), or a bracketed word that is where the person works ('Kim Park (Ramp)')."""
    from drafter import names

    out = []
    others = " ".join(str(v) for v in answers.values() if isinstance(v, str))
    for field in pb.fields:
        value = answers.get(field.name)
        if field.type != "name" or not isinstance(value, str) or not value.strip():
            continue
        name = names.parse(value)
        label = _label(field.name, labels)
        words = name.greeting.split()
        if name.title and name.greeting.startswith(f"{name.title} "):
            words = words[len(name.title.split()) :]  # 'Sister Mary Clare': the title is sure
        couple = " and " in f" {name.greeting} " or "&" in name.greeting  # "Lorraine and Bill"
        if (
            not name.nickname
            and not couple
            and len(words) >= 3
            and f"{name.greeting}," in draft.body
        ):
            out.append(
                CheckResult(
                    "fit",
                    False,
                    f"{label}: greets '{name.greeting}' by the whole name: drafter can't tell "
                    "which part is the first name",
                    fix=f"give the name to greet in brackets: '{value.strip()} (first name)'",
                    field=field.name,
                )
            )
        elif (other := names.family_first_doubt(name)) and f"{name.greeting}," in draft.body:
            out.append(
                CheckResult(
                    "fit",
                    False,
                    f"{label}: greets '{name.greeting}', but {name.given} may be the family name "
                    f"('{name.full}' is often written family name first)",
                    fix=f"if so, say whom to greet in brackets: '{value.strip()} ({other})'",
                    field=field.name,
                )
            )
        elif name.nickname and re.search(
            rf"\b(?:at|from|with|for)\s+{re.escape(name.nickname)}\b", others
        ):
            out.append(
                CheckResult(
                    "fit",
                    False,
                    f"{label}: '({name.nickname})' is read as the name to greet, but "
                    f"{name.nickname} looks like where they work",
                    fix=f"leave it out of the name: '{name.full}'",
                    field=field.name,
                )
            )
    return out


def _quote(before: str, answer: str) -> str:
    """'… is she leads …': the last words before the seam and the first of the answer."""
    head = " ".join(before.split()[-3:])
    tail = answer.split()
    more = " …" if len(tail) > 4 else ""
    return f"'{head} {' '.join(tail[:4])}{more}'"


def _seam_problems(seam: Seam, field: Field, draft: Draft) -> list[tuple[str, str, str]]:
    """(kind, message, fix) for each way this answer does not fit where it landed."""
    frame = field.frame or Frame()
    out: list[tuple[str, str, str]] = []
    before, answer = seam.before, seam.answer
    if answer.strip() and not any(ch.isalnum() for ch in answer):
        # "?" or an emoji for "Where did you meet?": nothing a sentence can use
        example = f"'{field.example}'" if field.example else "a few words"
        return [
            (
                "words",
                f"'{answer.strip()}' has no words to put in the sentence",
                f"answer in words, e.g. {example}",
            )
        ]
    named = _lower_case_name(answer, field)
    if named:
        what = "a company or place name" if " " not in named else "a name"
        out.append(
            (
                "name",
                f"'{named}': {what} in lower case?",
                "if it is a name, type it as it is written ('Acme', 'KAIST', 'Bay Area')",
            )
        )
    if not before:  # the answer starts its sentence: nothing to join to
        return out
    last = shape.last_word(before)
    first = shape.first_word(answer)
    quoted = _quote(before, answer)
    if last and first == last:
        out.append(
            ("doubled", f"{quoted} says '{first}' twice", f"leave '{first}' out of the answer")
        )
    elif last in _SUBJECT_ENDS and (
        first in shape.SUBJECT_PRONOUNS or first in shape.PRONOUN_CONTRACTIONS
    ):
        out.append(("doubled", f"{quoted} has two subjects", f"start the answer after '{first}'"))
    if _pasted_question(before, answer):
        out.append(
            (
                "question",
                f"{quoted} puts a question inside a sentence",
                "type it as a phrase, e.g. 'how your team runs design critiques'",
            )
        )
    elif not out and (
        (_needs_noun(frame, field, last) and not shape.starts_like_noun(answer))
        or (first == "to" and last in _PREPOSITION_ENDS)  # "about to help me grow …"
        # "about alongside your job you're doing a masters": a sentence, led by a phrase
        or (last in _PREPOSITION_ENDS and first in _LEADS_A_SENTENCE and _subject_soon(answer))
        or (
            field.frame is not None
            and frame.expects == "noun"
            and shape.is_clause(answer)
            and (last in _NEEDS_NOUN or last in _NOUN_AFTER or before.rstrip().endswith(":"))
        )
    ):
        word = answer.split()[0]
        out.append(
            (
                "shape",
                f"{quoted} does not read: the answer starts with '{word}'",
                "start with what it is, e.g. "
                + (f"'{field.example}'" if field.example else "a noun"),
            )
        )
    elif not out and last in _TAKES_OBJECT and first in _REQUEST_VERBS:
        # "I'd be curious to hear want to grab coffee": a request where a thing belongs
        out.append(
            (
                "shape",
                f"{quoted} does not read: the answer starts with '{answer.split()[0]}'",
                "start with what it is, e.g. "
                + (f"'{field.example}'" if field.example else "a noun"),
            )
        )
    elif not out and frame.expects == "verb" and not shape.looks_like_predicate(answer):
        out.append(
            (
                "shape",
                f"{quoted} does not read",
                "start with a verb, e.g. "
                + (f"'{field.example}'" if field.example else "'worked together at Acme'"),
            )
        )
    if frame.second_person:
        pronoun = shape.third_person(answer)
        if pronoun and shape.leading_object(answer) and "you" in before.split():
            # 'you might introduce me to him': the reader is 'you' here; 'him' is nobody named
            out.append(
                (
                    "person",
                    f"'{pronoun}' does not say who: the message names nobody it could mean",
                    "name the person, e.g. 'Marco Rossi, your brother-in-law'",
                )
            )
        elif pronoun:
            out.append(
                (
                    "person",
                    f"'{pronoun}' speaks of the reader in the third person, but the message is to them",
                    "use their names ('Priya needs …'): the email is to both of them"
                    if _TO_BOTH.match(draft.body.split("\n", 1)[0])
                    else f"did you mean '{shape.second_person_of(pronoun, answer)}'?",
                )
            )
    if shape.has_aside(answer):
        aside = answer.split(",", 1)[1].strip()
        out.append(
            (
                "aside",
                f"'…, {' '.join(aside.split()[:4])} …' is a sentence of its own glued on after a comma",
                "leave it out, or make it a sentence in the draft",
            )
        )
    # What lowering cannot do safely: an answer typed in capitals (acronyms look the same).
    shouted = [w for w in shape.words(answer) if len(w) > 2 and w.isalpha()]
    if len(shouted) >= 2 and all(w.isupper() for w in shouted):
        out.append(
            (
                "capital",
                f"{quoted} is in capitals mid-sentence",
                "type it as it should read, keeping capitals only for names and acronyms",
            )
        )
    if (
        _HERE_IS.search(before)
        and not _LINK.search(draft.body)
        and "attach" not in draft.body.lower()
    ):
        out.append(
            (
                "link",
                f"{quoted}, but there is no link and nothing says it is attached",
                "give the link, or say it is attached",
            )
        )
    return out


# After 'at', ordinary words that are no company or place ('at home', 'at scale', 'at ours').
_AT_ORDINARY = frozenset(
    """
    home work school uni university college church temple mosque synagogue gym night noon
    midnight dawn dusk sunrise sunset first last least most once all times length random heart
    best worst large present sea war play rest hand risk cost scale speed pace ease odds peace
    bay stake fault issue leisure liberty will par bootcamp camp ours theirs mine yours hers
    lunchtime breakfast brunch dinner supper tea drinks recess graduation reception weekends
    weekend court trial hospital interview full short face volume retail wholesale birth
    one two three four five six seven eight nine ten
    """.split()
)
# Before 'at', words that make what follows a skill or a thing looked at ('great at it').
_AT_SKILL = frozenset(
    """
    good great amazing brilliant excellent bad better best terrible skilled expert talented
    look looks looking looked laugh laughed aim aimed aiming arrive arrived arriving stare
    staring hint hinted point pointed poke jump jumped glance glanced marvel marvelled
    """.split()
)
_AT_WORD = lazyre.compile(
    r"(?:(?<![\w'’])(\S+)\s+|^)at\s+([a-z][a-z0-9]*)(?![\w@/:-]|\.[a-z0-9]|['’](?!s\b))"
)
_NAME_WORD = lazyre.compile(r"[A-Z0-9][\w'’&.-]*")


def _lower_case_name(answer: str, field: Field) -> str | None:
    """A company or place typed in lower case, which drafter leaves as typed ('notion' is a
    word too): where someone works or worked ('we worked together at acme'), or a whole
    answer to a question whose example is a name ('Which company?' -> 'notion')."""
    words = answer.split()
    example = (field.example or "").split()
    if (
        field.type != "name"
        and example
        and all(_NAME_WORD.fullmatch(w) for w in example)
        # an example that is a day ('Tuesday') asks for a when, not a name
        and shape.calendar_case(example[0].lower()) == example[0].lower()
        and 0 < len(words) <= 3
        and answer == answer.lower()
        and any(ch.isalpha() for ch in answer)
        and shape.first_word(answer) not in shape.CLOSED_CLASS
        and shape.first_word(answer) not in shape.PRONOUN_CONTRACTIONS
        and not shape.is_nothing(answer)
    ):
        return answer.strip(" .!?,")
    if "at " not in answer:
        return None
    for m in _AT_WORD.finditer(answer):
        before, word = shape.fold(m.group(1) or ""), m.group(2)
        rest = answer[m.end() :].lstrip()
        after = shape.first_word(rest) if rest[:1].isalpha() else ""
        if (
            word in shape.CLOSED_CLASS
            or word in shape.COMMON_WORDS
            or word in _AT_ORDINARY
            or before in _AT_SKILL
            or word.endswith("ing")
            or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
            # 'at big companies', 'at grad school': a word before a noun, not a name
            or (after and after not in shape.CLOSED_CLASS and rest[:1].islower())
        ):
            continue
        return word
    return None


# Prepositions that open a sentence's first phrase ('alongside her job, she …').
_LEADS_A_SENTENCE = frozenset(
    "alongside besides outside after before since during on in at with between apart".split()
)


def _subject_soon(answer: str) -> bool:
    """A subject pronoun within the first few words, after the first: a sentence follows."""
    found = [shape.fold(w) for w in shape.words(answer)[1:7]]
    return any(w in shape.SUBJECT_PRONOUNS or w in shape.PRONOUN_CONTRACTIONS for w in found)


def _pasted_question(before: str, answer: str) -> bool:
    """A question inside a statement: a whole question ("How does …?") anywhere but after
    a colon, or an answer ending in "?" in a sentence that is not itself a question."""
    if before.rstrip().endswith(":"):
        return False
    opener = shape.first_word(before)
    asking = opener in shape.AUXILIARIES or opener in shape.QUESTION_WORDS
    if re.search(r"\?\s+\S", answer):
        # 'about a partnership? something about links', mid-statement; not 'How about
        # mañana? Or Thursday?', a question going on as one
        return not asking
    last = re.split(r"(?<=[.!?])\s+", answer.strip())[-1]
    if last != answer.strip() and last[-1:] == "?" and last[:1].isupper() and "?" not in last[:-1]:
        # '… I noticed you're a recruiter. Are you hiring nurses?': a question of its own
        return False
    if not shape.is_question(answer):
        return False
    found = [shape.fold(w) for w in shape.words(answer)[:2]]
    whole = len(found) == 2 and found[0] in shape.QUESTION_WORDS and found[1] in shape.AUXILIARIES
    return whole or not asking


def _needs_noun(frame: Frame, field: Field, last: str) -> bool:
    """Whether the words before the answer need a noun phrase next ("about …", "is …")."""
    if field.frame is not None and frame.expects != "noun":
        return False
    # A template may choose its frame by the answer's shape ("Priya runs …" rather than
    # "Priya is …"), so what counts is the word the answer actually follows.
    return last in _NEEDS_NOUN or (field.frame is not None and last in _NOUN_AFTER)


def run_all(
    draft: Draft,
    pb: Playbook,
    answers: Mapping[str, Any],
    me: Mapping[str, Any],
    shown: Mapping[str, Field] | None = None,
) -> list[CheckResult]:
    """Every check, in a fixed order: length, placeholders, words, mentions, fit.

    `shown` are the fields as the person saw them (prompts over earlier answers), so
    that messages name each by its question; by default, the playbook's own.
    """
    labels = shown if shown is not None else pb.field_map
    return [
        length(draft),
        placeholders(draft),
        words(draft, pb.spec.checks),
        mentions(draft, pb.spec.checks, answers, labels),
        *fit(draft, pb, answers, me, labels),
    ]
