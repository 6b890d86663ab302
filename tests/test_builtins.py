"""Every built-in playbook renders a sendable message: every example, every choice, every sender.

The quality rules here are what a recipient would notice: a greeting without their
name, a sign-off without the sender's, holes where an empty answer was, doubled
punctuation, a dangling "and", a detail the user gave that went missing, a note
over LinkedIn's limit. `problems()` returns them as readable strings so a failure
says what is wrong and in which combination.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from drafter import answers, channels, checks, pipeline
from drafter.filters import first_name, formal_name, full_name
from drafter.library import builtin
from drafter.playbook import Field, Playbook, load
from drafter.render import Draft

LIBRARY = builtin()
IDS = LIBRARY.ids()


@cache
def playbook(pid: str) -> Playbook:
    return load(LIBRARY.path_of(pid), LIBRARY)


# --- the public interface: field names other tools and users' answer files rely on -------

TEXT = "text"
REQUIRED, OPTIONAL = True, False

# id -> (channel, {field: (required, type, choices or None, default)})
PUBLIC: dict[str, tuple[str, dict[str, tuple[bool, str, list[str] | None, Any]]]] = {
    "connection-request": (
        "linkedin-note",
        {
            "recipient_name": (REQUIRED, "name", None, None),
            "reason": (
                REQUIRED,
                "choice",
                [
                    "same_field",
                    "their_company",
                    "their_post",
                    "mutual_connection",
                    "met_at_event",
                    "their_profile",
                    "same_area",
                ],
                None,
            ),
            "reason_detail": (REQUIRED, TEXT, None, None),
            "ask": (OPTIONAL, "choice", ["none", "call", "coffee", "advice"], "none"),
        },
    ),
    "thanks-for-connecting": (
        "linkedin-message",
        {
            "recipient_name": (REQUIRED, "name", None, None),
            "what_caught_my_eye": (REQUIRED, TEXT, None, None),
            "meeting": (OPTIONAL, "choice", ["coffee", "call", "video", "none"], "call"),
            "question": (OPTIONAL, TEXT, None, None),
            "offer": (OPTIONAL, TEXT, None, None),
        },
    ),
    "decline-sales-pitch": (
        "linkedin-message",
        {
            "recipient_name": (REQUIRED, "name", None, None),
            "offering": (REQUIRED, TEXT, None, None),
            "reason": (
                OPTIONAL,
                "choice",
                ["already_have", "no_budget", "not_a_priority", "not_a_fit"],
                "not_a_priority",
            ),
            "door": (OPTIONAL, "choice", ["open", "closed"], "open"),
        },
    ),
    "intro-request": (
        "email",
        {
            "connector_name": (REQUIRED, "name", None, None),
            "target_name": (REQUIRED, "name", None, None),
            "why_target": (REQUIRED, TEXT, None, None),
            "ask": (REQUIRED, TEXT, None, None),
            "target_role": (OPTIONAL, TEXT, None, None),
            "about_me": (OPTIONAL, TEXT, None, None),
            "forwardable": (OPTIONAL, "confirm", None, True),
        },
    ),
    "double-intro": (
        "email",
        {
            "person_a_name": (REQUIRED, "name", None, None),
            "person_a_context": (REQUIRED, TEXT, None, None),
            "person_b_name": (REQUIRED, "name", None, None),
            "person_b_context": (REQUIRED, TEXT, None, None),
            "why_connect": (REQUIRED, TEXT, None, None),
            "person_a_email": (OPTIONAL, "email", None, None),
            "person_b_email": (OPTIONAL, "email", None, None),
        },
    ),
    "post-meeting-follow-up": (
        "email",
        {
            "recipient_name": (REQUIRED, "name", None, None),
            "meeting": (REQUIRED, TEXT, None, None),
            "highlight": (REQUIRED, TEXT, None, None),
            "thanks_for": (OPTIONAL, TEXT, None, None),
            "promised": (OPTIONAL, TEXT, None, None),
            "next_step": (
                OPTIONAL,
                "choice",
                ["none", "meet_again", "stay_in_touch", "send_resource"],
                "stay_in_touch",
            ),
        },
    ),
}

# Whose first name the greeting line must carry.
GREETED = {
    "connection-request": ["recipient_name"],
    "thanks-for-connecting": ["recipient_name"],
    "decline-sales-pitch": ["recipient_name"],
    "intro-request": ["connector_name"],
    "double-intro": ["person_a_name", "person_b_name"],
    "post-meeting-follow-up": ["recipient_name"],
}

# --- realistic answers ---------------------------------------------------------------------
# Long-ish but real: a 25-character name and details up to 60 characters, so the
# connection note is tested where its 200-character limit bites. A value may depend
# on the choices made (the connection note's detail follows its reason).

Value = str | Callable[[Mapping[str, Any]], str]

REASON_DETAIL = {
    "same_field": "developer experience for internal platform teams",
    "their_company": "Northwind Health",
    "their_post": "your post on why junior engineers should own production code",
    "mutual_connection": "Sam Okafor from the Lisbon Python user group",
    "met_at_event": "the PyCon Lisbon sprint on packaging tools last weekend",
    "their_profile": "your move from secondary-school teaching into UX research",
    "same_area": "Porto",
}

REALISTIC: dict[str, dict[str, Value]] = {
    "connection-request": {
        "recipient_name": "Maximilian Fernandez-Ruiz",
        "reason_detail": lambda chosen: REASON_DETAIL[chosen["reason"]],
        "common_ground": "we both mentor new speakers",
        "advice_topic": "moving from teaching into UX research",
    },
    "thanks-for-connecting": {
        "recipient_name": "Dr. Elena Petrova-Sokolova",
        "what_caught_my_eye": "your talk on making checkout flows work with screen readers",
        "question": "how your team decides which accessibility fixes to ship first",
        "offer": "share the notes from the accessibility audit we ran last spring",
    },
    "decline-sales-pitch": {
        "recipient_name": "Jordan Blake",
        "offering": "outsourced lead generation for B2B software companies",
        "reason": "already_have",
        "already_have_what": "an agency we're happy with",
    },
    "intro-request": {
        "connector_name": "Marco Bianchi",
        "target_name": "Priya Shah",
        "target_role": "head of data at Northwind Health",
        "why_target": "Northwind's move from nightly batch jobs to streaming",
        "ask": "a 20-minute call in the next few weeks",
        "about_me": "a data engineer at Lumen, where we're moving our pipelines to streaming",
        "how_we_know": "worked together at Acme for three years",
        "for_them": "I can share what we learned load-testing Kafka",
    },
    "double-intro": {
        "person_a_name": "Dr. Elena Petrova",
        "person_a_context": "a paediatrician sketching a scheduling app for her clinic",
        "person_a_email": "elena@clinic.example",
        "person_b_name": "Jordan Lee",
        "person_b_context": "a freelance developer who builds booking systems for small practices",
        "person_b_email": "jordan@lee.example",
        "why_connect": "Elena has the problem and Jordan has built the solution three times",
        "person_a_how": "we volunteer at the same clinic",
        "person_b_how": "from the Lisbon Python user group",
        "person_a_offers": "tell Jordan what her clinic really needs",
        "person_b_offers": "a working prototype in a week",
    },
    "post-meeting-follow-up": {
        "recipient_name": "Priya Shah",
        "meeting": "the Lisbon data meetup last night",
        "highlight": "how you hire for curiosity rather than credentials",
        "thanks_for": "the advice on my portfolio",
        "promised": "the article on team topologies I mentioned",
        "promised_link": "https://example.com/team-topologies",
    },
}

# More playbooks' entries, one module each (tests/builtin_cases/<id>.py defining ID, PUBLIC,
# GREETED and REALISTIC for that playbook), so each playbook's cases live beside no other's.
for _path in sorted((Path(__file__).parent / "builtin_cases").glob("*.py")):
    _spec = importlib.util.spec_from_file_location(f"builtin_cases.{_path.stem}", _path)
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
    PUBLIC[_module.ID] = _module.PUBLIC
    GREETED[_module.ID] = _module.GREETED
    REALISTIC[_module.ID] = _module.REALISTIC

SENDERS: dict[str, dict[str, str]] = {
    "no-name": {},
    "name": {"name": "Ana Ruiz"},
    "full-profile": {
        "name": "Christopher Olsen",  # a long first name, for the note's budget
        "headline": "Engineering manager",
        "company": "Acme",
        "email": "chris@acme.example",
        "phone": "+44 20 7946 0958",
        "linkedin": "linkedin.com/in/chrisolsen",
    },
    "signature": {
        "name": "Ana Ruiz",
        "signature": "Ana Ruiz\nData engineer, Lumen\n+351 912 345 678",
    },
}

FREE_TEXT = ("text", "name", "multiline", "email", "url")


# --- the pipeline, through the Python API ----------------------------------------------------


def draft_for(
    pb: Playbook, variant: str | None, given: Mapping[str, Any]
) -> tuple[Draft, dict[str, Any], dict[str, Any], list[checks.CheckResult]]:
    """Collect answers without prompting, render and check: what `drafter draft --no-input` does."""
    outcome = pipeline.run(pb, given, variant=variant)
    return outcome.draft, outcome.answers, outcome.me, outcome.checks


# --- the quality rules -------------------------------------------------------------------------

_CONJUNCTION_HOLE = re.compile(
    # Words that cannot end a clause: what is left when an empty answer followed them.
    # (A preposition may end a clause: "a team we're happy with, so …" reads fine.)
    # ("A.J." and "Kim P." are initials, not a dangling "a".)
    # ("M.A." is a degree: an 'A' after a full stop is an initial too.)
    r"(?<!\.)\b(and|or|but|nor|because|the|a|an)\s*([,.;:!?](?![A-Za-z])|$)|\b(about|at|of|for)\s*(\.|$)",
    re.I | re.M,
)
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|\[[^\]\n]*\]|\bNone\b|\bundefined\b|<[a-z ]+>", re.I)
# Within a line: a sign-off "Ray Dominguez" above "Dominguez Trucking LLC" is not a doubled word.
_DOUBLED_WORD = re.compile(r"\b(\w{2,})[ \t]+\1\b", re.I)
_LOWER_AFTER_STOP = re.compile(r"(?<!\b[A-Z])[.!?]\s+[a-z]")  # "Kim P. needs" is an initial


def _verbatim(needle: str) -> str:
    return " ".join(needle.strip().rstrip(".!?").casefold().split())


def problems(
    pb: Playbook, result: Draft, values: Mapping[str, Any], me: Mapping[str, Any]
) -> list[str]:
    """What a recipient would notice is wrong with this draft; [] when it is sendable."""
    found: list[str] = []
    body = result.body
    lines = body.split("\n")

    # Lines that are the sender's own data or a link, not prose: exempt from prose rules.
    verbatim_lines = {str(me.get(k) or "") for k in ("phone", "linkedin", "email")}
    verbatim_lines |= set(str(me.get("signature") or "").split("\n"))
    verbatim_lines |= {
        str(values[f.name]) for f in pb.fields if f.type == "url" and values.get(f.name)
    }
    verbatim_lines.discard("")

    for name in GREETED[pb.id]:
        first = first_name(values[name])
        if first not in lines[0] and formal_name(values[name]) not in lines[0]:  # 'Dr. Shah'
            found.append(f"greeting line {lines[0]!r} lacks {first!r}")

    sender = str(me.get("name") or "")
    if sender:
        own = {first_name(sender), full_name(sender), sender}
        own |= set(str(me.get("signature") or "").split("\n"))
        own.discard("")
        tail = [ln.strip() for ln in lines[-5:]]
        if not any(ln in own or ln.startswith(f"{full_name(sender)}, ") for ln in tail):
            found.append(f"no sign-off with {first_name(sender)!r} in the last lines: {tail!r}")
    for i, line in enumerate(lines):
        # A line ending in a comma is a greeting or a valediction followed by a name.
        if line.endswith(",") and i > 0 and (i + 1 == len(lines) or not lines[i + 1].strip()):
            found.append(f"line {i + 1} {line!r} ends with a comma and nothing follows")

    # The greeting line holds names as typed ("Hi A.J.,"): punctuation rules skip it.
    prose = "\n".join(lines[1:])
    for where, text in (("subject", result.subject or ""), ("body", prose)):
        for pattern, what in (
            ("  ", "a double space"),
            (" ,", "a space before a comma"),
            (" .", "a space before a full stop"),
            (",.", "',.'"),
            ("()", "empty parentheses"),
        ):
            if pattern in text:
                found.append(f"{where}: {what}")
        # "Kim P., …" is an initial and "Crumb & Co., a bakery" an abbreviation, not faults
        if re.search(r"(?<!\bJr)(?<!\bSr)\.:", text):  # "Frank DeLuca Jr.: plant manager"
            found.append(f"{where}: '.:'")
        if re.search(r"(?<![A-Z])(?<!\bCo)(?<!\bInc)(?<!\bLtd)(?<!\bJr)(?<!\bSr)\.,", text):
            found.append(f"{where}: '.,'")
        if re.search(r"(?<!\bJr)(?<!\bSr)\.\?", text):  # "Frank DeLuca Jr.?" is right
            found.append(f"{where}: '.?'")
        if re.search(r"(?<!\.)\.\.(?!\.)", text):
            found.append(f"{where}: '..'")
        typed = [_verbatim(str(v)) for v in values.values() if isinstance(v, str)]
        for m in _CONJUNCTION_HOLE.finditer(text):
            # A hole is the template's; "the customer she is building for." is the answer's own.
            tail = _verbatim(text[max(0, m.start() - 30) : m.end()]).split()[-2:]
            # 'Hi An,': a name typed as an answer ('Nguyễn Văn An'), not a dangling 'an'
            named = (m.group(1) or "")[:1].isupper() and any(
                m.group(1).casefold() in t.split() for t in typed
            )
            if not named and not any(" ".join(tail).rstrip(".,;:!?") in t for t in typed):
                found.append(f"{where}: dangling {m.group(0)!r}")
        for m in _PLACEHOLDER.finditer(text):
            found.append(f"{where}: placeholder {m.group(0)!r}")
        for m in _DOUBLED_WORD.finditer(text):
            found.append(f"{where}: doubled word {m.group(0)!r}")

    for i, line in enumerate(lines):
        if not line or line in verbatim_lines or i == 0:
            continue
        if not (line[0].isupper() or line[0].isdigit()):
            found.append(f"line {i + 1} starts with {line[0]!r}: {line!r}")
        if _LOWER_AFTER_STOP.search(line):
            found.append(f"line {i + 1} has a sentence starting in lower case: {line!r}")

    text = _verbatim(f"{result.subject or ''}\n{body}")
    landed = {seam.field for seam in result.seams}  # there, if reworded ("you're both …")
    for f in pb.fields:
        value = values.get(f.name)
        if not value or f.type not in FREE_TEXT or f.name in landed:
            continue
        if f.type == "email":
            if value not in result.to:
                found.append(f"{f.name} {value!r} is not among the recipients {result.to!r}")
        elif f.name.endswith("_name"):
            if _verbatim(first_name(value)) not in text and (
                _verbatim(formal_name(value)) not in text
            ):
                found.append(f"{f.name}: {first_name(value)!r} is missing")
        elif _verbatim(re.sub(r"^(?i:she|he)('s|'d)?\s+", "", str(value))) not in text:
            # (a "she …" answer about someone reads with their name: "Karen was my manager")
            found.append(f"{f.name} {value!r} is missing")

    limit = result.limits.body  # the sender's own account: 300 for premium notes
    used = channels.count_chars(body)
    if limit is not None and used > limit:
        found.append(f"{used} characters, over the limit of {limit}")
    return found


def failed_checks(results: list[checks.CheckResult]) -> list[str]:
    return [f"check {r.id}: {r.message}" for r in results if not r.ok]


# The helper itself: each fault a template could make is reported.
FAULTY = [
    # (what, a fragment of the expected problem, the body)
    ("no greeting name", "greeting", "Hi,\n\nWe met at the meetup.\n\nBest,\nAna"),
    ("no sign-off name", "sign-off", "Hi Elena,\n\nWe met at the meetup.\n\nBest,"),
    ("dangling and", "dangling", "Hi Elena,\n\nWe met at the meetup and.\n\nBest,\nAna"),
    ("empty answer", "dangling", "Hi Elena,\n\nWe met at the meetup. Thanks for.\n\nBest,\nAna"),
    ("double space", "double space", "Hi Elena,\n\nWe met at  the meetup.\n\nBest,\nAna"),
    (
        "space before comma",
        "space before a comma",
        "Hi Elena,\n\nWe met at the meetup , then.\n\nBest,\nAna",
    ),
    ("double stop", "'..'", "Hi Elena,\n\nWe met at the meetup..\n\nBest,\nAna"),
    ("lower-case line", "starts with", "Hi Elena,\n\nwe met at the meetup.\n\nBest,\nAna"),
    (
        "bracket placeholder",
        "placeholder",
        "Hi Elena,\n\nWe met at the meetup, [Name].\n\nBest,\nAna",
    ),
    ("None", "placeholder", "Hi Elena,\n\nWe met at the meetup with None.\n\nBest,\nAna"),
    ("empty parentheses", "parentheses", "Hi Elena,\n\nWe met at the meetup ().\n\nBest,\nAna"),
    ("lost detail", "missing", "Hi Elena,\n\nWe met.\n\nBest,\nAna"),
    (
        "over the limit",
        "over the",
        "Hi Elena,\n\nWe met at the meetup. " + "Really. " * 30 + "\n\nAna",
    ),
]


@pytest.mark.parametrize(("what", "expected", "body"), FAULTY, ids=[c[0] for c in FAULTY])
def test_quality_rules_catch_faults(what: str, expected: str, body: str) -> None:
    pb = playbook("connection-request")
    values = {
        "recipient_name": "Elena Petrova",
        "reason": "met_at_event",
        "reason_detail": "the meetup",
        "ask": "none",
    }
    fake = Draft(pb.id, "warm", "linkedin-note", body, None, [], channels.limits("linkedin-note"))
    found = problems(pb, fake, values, {"name": "Ana Ruiz"})
    assert any(expected in p for p in found), found


def test_quality_rules_pass_a_good_message() -> None:
    pb = playbook("connection-request")
    values = {
        "recipient_name": "Elena Petrova",
        "reason": "met_at_event",
        "reason_detail": "the meetup",
        "ask": "none",
    }
    body = "Hi Elena,\nIt was good meeting you at the meetup, and I'd like to stay in touch.\nAna"
    fake = Draft(pb.id, "warm", "linkedin-note", body, None, [], channels.limits("linkedin-note"))
    assert problems(pb, fake, values, {"name": "Ana Ruiz"}) == []


# --- 1. examples -----------------------------------------------------------------------------


def _example_cases() -> list[Any]:
    cases = []
    for pid in IDS:
        pb = playbook(pid)
        for variant in pb.spec.variants:
            for name in pb.spec.examples:
                cases.append(
                    pytest.param(pid, variant.name, name, id=f"{pid}-{variant.name}-{name}")
                )
    return cases


@pytest.mark.parametrize(("pid", "variant", "example"), _example_cases())
def test_example_renders_a_sendable_message(pid: str, variant: str, example: str) -> None:
    pb = playbook(pid)
    result, values, me, results = draft_for(pb, variant, pb.spec.examples[example])
    wrong = failed_checks(results) + problems(pb, result, values, me)
    assert not wrong, "\n".join([*wrong, "", result.text()])


# --- 2. exhaustive: every choice, empty and filled, with and without a sender ------------------


def _choice_axes(pb: Playbook) -> list[tuple[str, list[Any]]]:
    axes: list[tuple[str, list[Any]]] = []
    for f in pb.fields:
        if f.type == "choice":
            axes.append((f.name, f.choice_values()))
        elif f.type == "confirm":
            axes.append((f.name, [True, False]))
    return axes


def _answers(pb: Playbook, chosen: Mapping[str, Any], filled: bool) -> dict[str, Any]:
    given: dict[str, Any] = dict(chosen)
    for f in pb.fields:
        if f.type not in FREE_TEXT or not (f.required or filled):
            continue
        value = REALISTIC[pb.id].get(f.name)
        assert value is not None, (
            f"tests/test_builtins.py: add a realistic value for {pb.id}.{f.name}"
        )
        given[f.name] = value(chosen) if callable(value) else value
    return given


def _exhaustive_cases() -> list[Any]:
    cases = []
    for pid in IDS:
        for variant in playbook(pid).spec.variants:
            for filled in (False, True):
                for sender in SENDERS:
                    label = "filled" if filled else "empty"
                    cases.append(
                        pytest.param(
                            pid,
                            variant.name,
                            filled,
                            sender,
                            id=f"{pid}-{variant.name}-{label}-{sender}",
                        )
                    )
    return cases


@pytest.mark.slow
@pytest.mark.parametrize(("pid", "variant", "filled", "sender"), _exhaustive_cases())
def test_every_combination_is_sendable(pid: str, variant: str, filled: bool, sender: str) -> None:
    pb = playbook(pid)
    axes = _choice_axes(pb)
    combos = list(itertools.product(*(values for _, values in axes)))
    assert len(combos) <= 256, (
        f"{pid}: {len(combos)} combinations; cap them before this test slows down"
    )
    report: list[str] = []
    for combo in combos:
        chosen = dict(zip((name for name, _ in axes), combo, strict=True))
        given = {**_answers(pb, chosen, filled), "me": SENDERS[sender]}
        result, values, me, results = draft_for(pb, variant, given)
        expected = _expected_flags(result, values, me)
        flagged = [r.message for r in results if not r.ok]
        for what in expected:
            if not any(what in m for m in flagged):
                report += [f"[{chosen}] not flagged: {what}", result.text(), "-" * 40]
        wrong = [f for f in failed_checks(results) if not any(w in f for w in expected)]
        wrong += problems(pb, result, values, me)
        if wrong:
            label = ", ".join(f"{k}={v}" for k, v in chosen.items()) or "(no choices)"
            report += [f"[{label}]", *(f"  {w}" for w in wrong), "", result.text(), "-" * 40]
    assert not report, "\n".join(report)


def _expected_flags(result: Draft, values: Mapping[str, Any], me: Mapping[str, Any]) -> list[str]:
    """What drafter must say before this draft is sent, by design."""
    out = []
    if result.channel == "email" and not me.get("name"):
        out.append("no sign-off")  # an unsigned email (LinkedIn shows who sent a message)
    if values.get("both_agreed") is False:
        out.append("agreed")  # an introduction neither side has said yes to
    return out


def test_connection_note_fits_the_free_limit_at_its_longest() -> None:
    """A 25-character name, a 60-character detail and a long sender name fit 200 characters."""
    pb = playbook("connection-request")
    detail = "your post on why junior engineers should own production code"
    assert len(detail) == 60
    worst = 0
    for variant in pb.spec.variants:
        for reason, ask in itertools.product(
            pb.field_map["reason"].choice_values(), pb.field_map["ask"].choice_values()
        ):
            given = {
                "recipient_name": "Maximilian Fernandez-Ruiz",
                "reason": reason,
                "reason_detail": detail,
                "ask": ask,
                "me": {"name": "Christopher Olsen"},
            }
            result, *_ = draft_for(pb, variant.name, given)
            worst = max(worst, channels.count_chars(result.body))
    assert worst <= channels.NOTE_FREE, f"longest note is {worst} characters"


@pytest.mark.parametrize("meeting", ["?", "🙂"])
@pytest.mark.parametrize("variant", ["warm", "brief", "formal"])
def test_a_meeting_without_words_still_drafts_and_is_flagged(variant: str, meeting: str) -> None:
    """ "Where and when did you meet?" answered "?": no template error, and fit says why the
    sentence cannot read."""
    given = {
        "recipient_name": "Ana Ruiz",
        "meeting": meeting,
        "highlight": "how your team runs design critiques",
        "me": {"name": "Sam Lee"},
    }
    result, _, _, found = draft_for(playbook("post-meeting-follow-up"), variant, given)
    assert "how your team runs design critiques" in result.body
    failed = [c for c in found if not c.ok]
    assert [c.field for c in failed] == ["meeting"], failed
    assert f"'{meeting}' has no words" in failed[0].message


# --- 3. the examples cover every choice --------------------------------------------------------


@pytest.mark.parametrize("pid", IDS)
def test_examples_cover_every_choice(pid: str) -> None:
    pb = playbook(pid)
    # Choice fields only: a confirm's "no" can be a situation drafter warns about
    # (double-intro's both_agreed), which an example must not be.
    axes = [(n, v) for n, v in _choice_axes(pb) if pb.field_map[n].type == "choice"]
    seen: dict[str, set[Any]] = {name: set() for name, _ in axes}
    for example in pb.spec.examples.values():
        _, values, _, _ = draft_for(pb, None, example)
        for name in seen:
            seen[name].add(values[name])
    missing = {name: sorted(set(all_values) - seen[name], key=str) for name, all_values in axes}
    assert not {k: v for k, v in missing.items() if v}, f"no example uses: {missing}"


def _optional_free_text(pb: Playbook) -> list[Field]:
    return [f for f in pb.fields if not f.required and f.type in FREE_TEXT]


@pytest.mark.parametrize("pid", IDS)
def test_examples_include_empty_full_named_and_anonymous(pid: str) -> None:
    pb = playbook(pid)
    collected = []
    for example in pb.spec.examples.values():
        _, values, me, _ = draft_for(pb, None, example)
        collected.append((values, me))
    optional = _optional_free_text(pb)
    assert any(all(not v[f.name] for f in optional) for v, _ in collected), (
        "no example leaves every optional field empty"
    )
    full = [
        (v, me)
        for v, me in collected
        if all(v[f.name] or not answers.asks(pb, pb.fields.index(f), v, me) for f in optional)
    ]
    assert full, "no example fills every optional field"
    assert any(me["name"] for _, me in collected), "no example has a sender name"
    # an unsigned email or message is flagged by design, not an example; a note has no sign-off
    if pb.spec.channel == "linkedin-note":
        assert any(not me["name"] for _, me in collected), "no example without a sender name"


# --- 4. the shape and public interface of each playbook ----------------------------------------


def test_every_builtin_has_its_cases_and_group() -> None:
    """Each shipped playbook has its public interface, greeting and realistic answers here,
    and a group for the picker."""
    assert set(PUBLIC) == set(IDS) == set(GREETED) == set(REALISTIC)
    assert all(playbook(pid).spec.group for pid in IDS)


@pytest.mark.parametrize("pid", sorted(PUBLIC))
def test_public_interface(pid: str) -> None:
    pb = playbook(pid)
    channel, fields = PUBLIC[pid]
    assert pb.spec.channel == channel
    assert len(pb.spec.variants) >= 2, "needs at least two variants"
    assert all(v.description for v in pb.spec.variants), "every variant needs a description"
    summary = pb.spec.summary.strip()
    assert summary and "\n" not in summary, "needs a one-line summary"
    for name, (required, kind, choices, default) in fields.items():
        assert name in pb.field_map, f"missing public field {name!r}"
        f = pb.field_map[name]
        assert f.required is required, f"{name}: required should be {required}"
        assert f.type == kind, f"{name}: type should be {kind}, not {f.type}"
        if choices is not None:
            assert sorted(f.choice_values()) == sorted(choices), f"{name}: choices"
            assert all(c.label for c in f.choices), f"{name}: every choice needs a menu label"
        if default is not None:
            assert f.default == default, f"{name}: default should be {default!r}"
    extra_required = [f.name for f in pb.fields if f.required and f.name not in fields]
    assert not extra_required, f"extra fields must be optional: {extra_required}"
    no_example = [f.name for f in pb.fields if f.type in FREE_TEXT and not f.example]
    assert not no_example, (
        f"give examples, so users see the shape of answer that fits: {no_example}"
    )
    if channel == "email":
        assert pb.spec.subject, "an email playbook needs a subject"
