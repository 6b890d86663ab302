"""Drafting: a variant's template run over the answers, tidied into a Draft.

The templates run in drafter.sandbox; this module decides what they see
(answers and a cleaned `me`), tidies what they write (`normalise`), and
attaches the channel's limits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from drafter import channels, lazyre, shape
from drafter.marks import CLOSE as MARK_CLOSE
from drafter.marks import FIELD0 as MARK_FIELD0
from drafter.marks import OPEN as MARK_OPEN
from drafter.marks import marking
from drafter.sandbox import compile_string, load_template, run
from drafter.text import clean

if TYPE_CHECKING:
    from drafter.playbook import Playbook, Variant

# --- normalisation ----------------------------------------------------------------------

_SPACES = lazyre.compile(r"[ \t\u00a0]{2,}")
_SPACE_BEFORE_PUNCT = lazyre.compile(r"[ \t]+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = lazyre.compile(r"([(\[])[ \t]+")
# Each rule tidies within a line: the whole text goes through each once (`\s` in them is
# any space but a line break), which gives what going line by line gave.
_DOUBLE_PUNCT = [
    (re.compile(r",[^\S\n]*([.!?;:])"), r"\1"),  # ", ." -> "."
    (re.compile(r"([!?])\."), r"\1"),  # "hiring?." -> "hiring?"
    (re.compile(r"\?{2,}"), "?"),  # an answer's own "?" inside a question frame
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),  # ".." -> "." but keep "..."
    (re.compile(r",{2,}"), ","),
    (re.compile(r";[^\S\n]*\."), "."),
]
_LINE_EDGES = lazyre.compile(r"^[ \t]+|[ \t]+$", re.M)
# What a rule's pattern cannot match without: most drafts need few of the rules, and an `in`
# test costs a small part of a pattern's scan through the text.
_NEEDS: dict[str, tuple[str, ...]] = {
    r"[ \t\u00a0]{2,}": ("  ", "\t", "\u00a0"),
    r"[ \t]+([,.;:!?)\]])": ("\t", " ,", " .", " ;", " :", " !", " ?", " )", " ]"),
    r"([(\[])[ \t]+": ("\t", "( ", "[ "),
    r",[^\S\n]*([.!?;:])": (",",),
    r"([!?])\.": ("!.", "?."),
    r"\?{2,}": ("??",),
    r"(?<!\.)\.\.(?!\.)": ("..",),
    r",{2,}": (",,",),
    r";[^\S\n]*\.": (";",),
}


def _tidy(pattern: re.Pattern[str], repl: str, text: str) -> str:
    needs = _NEEDS.get(pattern.pattern)
    if needs is not None and not any(n in text for n in needs):
        return text
    return pattern.sub(repl, text)


def normalise(text: str) -> str:
    """Tidy rendered text: single spaces, no space before punctuation, at most one blank line."""
    out = _tidy(_SPACES, " ", text.replace("\r\n", "\n"))
    if (
        out[:1] in (" ", "\t")
        or out[-1:] in (" ", "\t")
        or any(n in out for n in ("\t", " \n", "\n "))
    ):
        out = _LINE_EDGES.sub("", out)
    out = _tidy(_SPACE_BEFORE_PUNCT, r"\1", out)
    out = _tidy(_SPACE_AFTER_OPEN, r"\1", out)
    for pattern, repl in _DOUBLE_PUNCT:
        out = _tidy(pattern, repl, out)
    if "\n\n\n" in out:
        out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")


# --- seams: where answers landed ----------------------------------------------------------


class Seam(msgspec.Struct, frozen=True):
    """One place an answer landed: the words of its sentence before it, and the answer."""

    field: str
    before: str  # this sentence's text before the answer ("" when the answer starts it)
    answer: str  # the answer as it reads in the message
    where: str = "body"  # or "subject"


_MARKED = lazyre.compile(f"{MARK_OPEN}(.)(.*?){MARK_CLOSE}", re.S)
# A sentence ends at . ! ? or a line break; not at an initial ("Kim P. needs …").
_SENTENCE_END = lazyre.compile(r"(?:(?<!\b[A-Z])[.!?…]+[\"')\]]*\s+|\n)")
# A closed-class word the frame ends with and the answer starts with again ("open to to").
_SAFE_TO_DEDUPE = shape.CLOSED_CLASS | {"i'm", "i"}


# Words a frame already says that an answer may say again ("I already have … already",
# "If it's useful, I'd be glad to share … if useful"): the frame's word -> the answer's phrase.
_SAID_TWICE = {
    "already": lazyre.compile(r",?\s*\balready\b", re.I),
    "useful": lazyre.compile(
        r",?\s*\bif (?:it's |it is |that's |that would be )?(?:useful|helpful)\b", re.I
    ),
}


def _said_twice(answer: str, before: str) -> str:
    """`answer` without what the words before it in its sentence already said."""
    low = before.lower()
    for word, phrase in _SAID_TWICE.items():
        if re.search(rf"\b{word}\b", low):
            answer = phrase.sub("", answer).strip() or answer
    return answer


def _without_overlap(before: str, answer: str) -> str:
    """'We're both based in' + 'both based in the Bay Area': the answer without the words the
    sentence already ends with (two or more, so a lone 'in' never eats a place name)."""
    said = before.split()
    typed = answer.split()
    most = min(len(said), len(typed) - 1, 6)
    if most < 2:
        return answer
    tail = [shape.fold(w) for w in said[-most:]]
    head = [shape.fold(w) for w in typed[:most]]
    for n in range(most, 1, -1):
        if tail[-n:] == head[:n]:
            return " ".join(typed[n:])
    return answer


# After these, a question is one told of: 'advice on how you …', 'hearing about whether …'.
_TELLS_OF = frozenset(("about", "on"))


def _at_seams(
    text: str, names: list[str], free: set[str], where: str, to_reader: frozenset[str] = frozenset()
) -> tuple[str, list[Seam]]:
    """Text without its answer marks, each answer fitted to its seam; and the seams.
    `to_reader`: the fields whose 'you' is the reader (their frame says `second_person`)."""
    out: list[str] = []
    seams: list[Seam] = []
    pos = 0
    # Where the last sentence end found so far starts: the text before each answer only grows,
    # so the ends before it stay as they were and need not be searched for again.
    sentence = 0
    for m in _MARKED.finditer(text):
        out.append(text[pos : m.start()].replace(MARK_OPEN, "").replace(MARK_CLOSE, ""))
        pos = m.end()
        index = ord(m.group(1)) - MARK_FIELD0
        answer = m.group(2).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        if not 0 <= index < len(names) or names[index] not in free:
            out.append(answer)
            continue
        answer = shape.capitalise_sentences(shape.capital_i(answer))
        so_far = "".join(out)
        ends = list(_SENTENCE_END.finditer(so_far, sentence))
        if ends:
            sentence = ends[-1].start()
        before = so_far[ends[-1].end() :] if ends else so_far
        if before.strip():
            last = shape.last_word(before)
            if last and last in _SAFE_TO_DEDUPE and shape.first_word(answer) == last:
                answer = shape.drop_leading(answer, [last])
            answer = _without_overlap(before, answer)
            answer = shape.lower_first(_said_twice(answer, before))
        elif "\n" not in answer:
            answer = shape.capitalise_first(answer)
        if (
            before.strip()
            and shape.last_word(before) in ("on", "about")
            and answer[:3] in ("if ", "If ")
        ):
            answer = "whether " + answer[3:]  # 'your advice on if I should …': on whether
        if (
            before.strip()
            and shape.last_word(before) in _TELLS_OF
            and shape.is_question(answer)
            and (told := shape.indirect(answer, you=names[index] in to_reader))
        ):
            # 'Could I ask your advice on how do you price it?': the question told of
            answer = told
        if (
            answer.endswith("?")
            and text[m.end() : m.end() + 1] in (".", ",", ";")
            # 'Victor, did the numbers help?': the question after a name and a comma
            # ('I noticed you're a recruiter. Are you hiring?': its last sentence is asked)
            and not shape.is_question(
                (asked := shape.without_vocative(_SENTENCE_END.split(answer)[-1])).rstrip("? ")
            )
            and shape.first_word(asked) not in shape.AUXILIARIES
        ):
            # 'What caught my eye was how you grew the QA community?' + '.': a statement
            answer = answer.rstrip("? ")
        after = text[m.end() : m.end() + 1]
        if (
            after in ("\n", "")
            and (not before.strip() or before.rstrip().endswith(":"))
            and not answer.rstrip().endswith(("?", ".", "!"))
            and shape.is_question(answer)
        ):
            # 'One thing I'd love to ask: how is going your job in Singapore' ends a line: asked
            answer = answer.rstrip() + "?"
        if where == "subject":  # a subject line takes no aside, and no 'lunch!' or 'lunch.'
            answer = answer.rstrip("!. ") if answer.rstrip().endswith(("!", ".")) else answer
        elif answer.endswith("?"):
            pass
        elif after in (".", "!", "\n", ""):
            # 'since we worked together at Maersk, we were on one team.': two sentences
            named = shape.named_before(before)
            answer = shape.split_aside(answer, mid=bool(before.strip()), named=named)
        elif after != ")":
            # 'Could I ask your advice on my severance, I was laid off last week?': an aside
            answer = shape.bracket_aside(answer, named=shape.named_before(before))
        seams.append(Seam(names[index], " ".join(before.split()), answer, where))
        out.append(answer)
    out.append(text[pos:].replace(MARK_OPEN, "").replace(MARK_CLOSE, ""))
    return "".join(out), seams


# --- drafts -----------------------------------------------------------------------------


class Draft(msgspec.Struct):
    """A rendered message, before checks."""

    playbook: str
    variant: str
    channel: str
    body: str
    subject: str | None = None
    to: list[str] = msgspec.field(default_factory=list)
    limits: channels.Limits = msgspec.field(default_factory=lambda: channels.Limits(body=None))
    seams: list[Seam] = msgspec.field(default_factory=list)

    def text(self) -> str:
        """The message as sent: for email, a Subject line, a blank line, the body."""
        if self.subject is not None:
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body


def render(
    pb: Playbook, variant: Variant, answers: Mapping[str, Any], me: Mapping[str, Any]
) -> Draft:
    """Render `variant` of `pb` with validated `answers` and sender `me`."""
    index = pb.spec.variants.index(variant)
    what = f"playbook {pb.id!r}, variant {variant.name!r}"
    if variant.template is not None:
        template = load_template(pb, variant.template, ["variants", index, "template"])
    else:
        template = compile_string(pb, variant.text or "", ["variants", index, "text"])
    # Control and bidi characters never belong in a message: answers are cleaned as they are
    # coerced, but `me` comes from the profile and --set me.KEY, and a shared template can
    # write "\x1b]52;..." itself. Cleaning here covers stdout, --output and --copy alike.
    me = {
        k: clean(v, multiline=k == "signature") if isinstance(v, str) else v for k, v in me.items()
    }
    context = {**answers, "me": me}
    names = [f.name for f in pb.fields]
    free = {f.name for f in pb.fields if f.free_text}
    marked = [(i, answers.get(name)) for i, name in enumerate(names) if name in free]
    with marking(marked):
        raw = run(template, context, what)
    to_reader = frozenset(f.name for f in pb.fields if f.frame and f.frame.second_person)
    raw, seams = _at_seams(raw, names, free, "body", to_reader)
    body = normalise(clean(raw, multiline=True))
    channel = variant.channel or pb.spec.channel
    lim = channels.limits(channel, str(me.get("linkedin_account") or "free"))
    subject = None
    if lim.has_subject and pb.spec.subject:
        sub = compile_string(pb, pb.spec.subject, ["subject"])
        with marking(marked):
            raw = run(sub, context, f"{what}, subject")
        raw, found = _at_seams(raw, names, free, "subject", to_reader)
        seams += found
        subject = " ".join(normalise(clean(raw)).split())
    to = [str(answers[f.name]) for f in pb.fields if f.type == "email" and answers.get(f.name)]
    return Draft(pb.id, variant.name, channel, body, subject, to, lim, seams)
