"""Answers: merging their sources, coercing and validating each field's value, `when` and `default`.

Precedence, lowest first: the profile (for `me`), `--answers`, `--set`, then
prompts for whatever is still missing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from drafter import budget, casing, lazyre, sandbox, shape, yamlio
from drafter.errors import (
    AnswerError,
    DrafterError,
    InputFileError,
    NeedsInputError,
    PlaybookError,
    UsageError,
)
from drafter.playbook import ME_KEYS, Field, Playbook, is_template, suggest
from drafter.profile import EMAIL_RE, validate_me
from drafter.text import clean

# (field, default, answers so far) -> a value already validated by `coerce`
Ask = Callable[[Field, Any, Mapping[str, Any]], Any]

URL_RE = lazyre.compile(r"^(?:https?://)?[^\s/@.]+(?:\.[^\s/@.]+)+(?:[/?#]\S*)?$", re.I)
_TRUE = {"y", "yes", "true", "on", "1"}
_FALSE = {"n", "no", "false", "off", "0"}


def empty(field: Field) -> Any:
    """The value of an optional field left empty (or skipped by `when`)."""
    if field.type == "multichoice":
        return []
    if field.type == "confirm":
        return False
    if field.type == "number":
        return None
    return ""


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def coerce(field: Field, raw: Any) -> Any:
    """Turn a raw answer (string from a prompt or --set, or YAML value) into the field's type.

    Raises AnswerError saying what is wrong. Empty input gives `empty(field)`;
    whether that is allowed is the caller's business (`required`).
    """
    name = field.name
    kind = field.type
    if raw is None:
        return empty(field)
    if kind == "multichoice":
        items = raw if isinstance(raw, list) else [p for p in str(raw).split(",")]
        values: list[str] = []
        for item in items:
            text = clean(str(item)).strip()
            if not text:
                continue
            value = _match_choice(field, text)
            if value not in values:
                values.append(value)
        return values
    if isinstance(raw, list | dict):
        raise AnswerError(name, f"expected a single value, got a {type(raw).__name__}")
    if kind == "confirm":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if word == "":
            return empty(field)
        raise AnswerError(name, f"expected yes or no, got {clean(str(raw))!r}")
    if kind == "number":
        if isinstance(raw, bool):
            raise AnswerError(name, f"expected a number, got {raw!r}")
        if isinstance(raw, int | float):
            return raw
        text = str(raw).strip().replace(",", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise AnswerError(name, f"expected a number, got {clean(str(raw))!r}") from None
        return int(number) if number.is_integer() and "." not in text else number
    text = clean(str(raw), multiline=kind == "multiline").strip()
    if not text:
        return ""
    if kind == "name":
        text = " ".join(text.split()).rstrip(".,;")
    if kind == "text":
        text = _drop_full_stop(text)
    if kind == "choice":
        return _match_choice(field, text)
    if kind == "email" and not EMAIL_RE.match(text):
        raise AnswerError(name, f"{text!r} is not an email address")
    if kind == "url" and not URL_RE.match(text):
        raise AnswerError(name, f"{text!r} is not a web address")
    if field.max_length is not None and len(text) > field.max_length:
        raise AnswerError(name, f"{len(text)} characters, at most {field.max_length} allowed")
    if field.pattern is not None and not _matches(field.pattern, text, name):
        raise AnswerError(name, f"{text!r} does not match the expected format ({field.pattern})")
    return text


# Words whose full stop belongs to them, not to a sentence.
_ABBREVIATIONS = {
    "inc",
    "ltd",
    "co",
    "corp",
    "llc",
    "plc",
    "jr",
    "sr",
    "st",
    "dr",
    "etc",
    "vs",
    "no",
}


def _drop_full_stop(text: str) -> str:
    """'data engineering.' -> 'data engineering': a one-line answer is used mid-sentence.

    Templates add their own punctuation; an answer's own full stop would leave
    'I work in data engineering. and ...'. Ellipses and abbreviations keep theirs.
    """
    if not text.endswith(".") or text.endswith(".."):
        return text
    last = text[:-1].rsplit(None, 1)[-1] if text[:-1].strip() else ""
    if "." in last or last.lower() in _ABBREVIATIONS:
        return text
    return text[:-1].rstrip()


def _matches(pattern: str, text: str, name: str) -> bool:
    """`re.fullmatch` within the render time budget: a shared playbook's pattern may backtrack."""

    def too_long() -> AnswerError:
        return AnswerError(name, "the playbook's pattern took too long to check this answer")

    with budget.time_budget(sandbox.TIME_BUDGET, too_long):
        return re.fullmatch(pattern, text) is not None


def _match_choice(field: Field, text: str) -> str:
    for c in field.choices:
        if text == c.value:
            return c.value
    folded = text.casefold()
    for c in field.choices:
        if folded in (c.value.casefold(), c.title.casefold()):
            return c.value
    values = field.choice_values()
    raise AnswerError(
        field.name, f"{text!r} is not one of {listing(values)}{suggest(text, values)}"
    )


def listing(values: list[str], most: int = 8) -> str:
    """'a, b, c', or the first few and '… and N more': an error line stays readable."""
    if len(values) <= most:
        return ", ".join(values)
    return f"{', '.join(values[:most])} … and {len(values) - most:,} more"


def validate(field: Field, raw: Any) -> Any:
    """`coerce`, then refuse an empty answer to a required field."""
    value = coerce(field, raw)
    if field.required and is_empty(value):
        raise AnswerError(field.name, "an answer is required")
    return value


# --- sources --------------------------------------------------------------------------


def parse_set(items: list[str]) -> dict[str, Any]:
    """`--set FIELD=VALUE` pairs (and `me.KEY=VALUE`) into a nested dict."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--set {item!r}: expected FIELD=VALUE")
        if key.startswith("me."):
            out.setdefault("me", {})[key[3:]] = value
        else:
            out[key] = value
    return out


def read_answers_file(name: str) -> dict[str, Any]:
    """Read `--answers FILE` (or `-` for stdin) as a mapping of field names to values."""
    if name == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None or stdin.closed:
            raise UsageError("--answers -: standard input is closed; give a file instead")
        data = stdin.read(yamlio.MAX_BYTES + 1)
        text = yamlio.decode(data, "<stdin>", InputFileError)
        source: Path | str = "<stdin>"
    else:
        source = Path(name)
        text = yamlio.read_text(source, InputFileError)
    loaded = yamlio.load(text, source, InputFileError)
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UsageError(f"{source}: an answers file is a mapping of field names to answers")
    return {str(k): v for k, v in loaded.items()}


def merge(*sources: Mapping[str, Any]) -> dict[str, Any]:
    """Later sources win; their `me` mappings merge key by key."""
    out: dict[str, Any] = {}
    for src in sources:
        for key, value in src.items():
            if key == "me" and isinstance(value, dict) and isinstance(out.get("me"), dict):
                out["me"] = {**out["me"], **value}
            else:
                out[key] = value
    return out


def split_me(
    pb: Playbook, given: Mapping[str, Any], profile: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate field answers from `me`, rejecting unknown field names."""
    answers = {k: v for k, v in given.items() if k != "me"}
    unknown = [k for k in answers if k not in pb.field_map]
    if unknown:
        names = list(pb.field_map)
        raise UsageError(
            f"playbook {pb.id!r} has no field {unknown[0]!r}{suggest(unknown[0], names)}; "
            f"fields: {', '.join(names) or '(none)'}"
        )
    me_given = given.get("me") or {}
    if not isinstance(me_given, dict):
        raise UsageError(f"'me' must be a mapping of {', '.join(ME_KEYS)}")
    me = validate_me({**profile, **me_given})
    return answers, me


# --- collecting -----------------------------------------------------------------------


def _evaluate(
    pb: Playbook, fn: Callable[..., Any], ctx: Mapping[str, Any], where: list[Any]
) -> Any:
    try:
        return fn(**ctx)  # within the expression's budget (sandbox.compile_expression)
    except PlaybookError:  # already says where
        raise
    except Exception as exc:  # the expression is the playbook author's code
        detail = getattr(exc, "message", None) or str(exc)
        if "is undefined" in detail:
            detail += " (an expression can use only earlier fields and me)"
        raise pb.error(f"{yamlio.describe(where)}: {detail}", where) from None


def asks(pb: Playbook, index: int, values: Mapping[str, Any], me: Mapping[str, Any]) -> bool:
    """Whether field `index` applies given the answers so far (its `when`)."""
    field = pb.fields[index]
    if field.when is None:
        return True
    where: list[str | int] = ["fields", index, "when"]
    fn = sandbox.compile_expression(pb, field.when, where)
    return bool(_evaluate(pb, fn, {**values, "me": me}, where))


def default_for(pb: Playbook, index: int, values: Mapping[str, Any], me: Mapping[str, Any]) -> Any:
    """Field `index`'s default, rendered over earlier answers when it is a template."""
    field = pb.fields[index]
    if field.default is None:
        return None
    if not field.default_is_template:
        return coerce(field, field.default)  # e.g. a one-value multichoice default -> a list
    where: list[str | int] = ["fields", index, "default"]
    template = sandbox.compile_string(pb, str(field.default), where)
    what = f"playbook {pb.id!r}, {yamlio.describe(where)}"
    text = sandbox.run(template, {**values, "me": me}, what)
    text = " ".join(text.split()) if field.type != "multiline" else text.strip()
    if not text:
        return None
    try:
        return coerce(field, text)
    except AnswerError as exc:
        raise pb.error(
            f"{yamlio.describe(where)}: renders to a value that does not fit: {exc}", where
        ) from None


def _render_text(
    pb: Playbook, source: str, values: Mapping[str, Any], me: Mapping[str, Any], where: list[Any]
) -> str:
    template = sandbox.compile_string(pb, source, where)
    what = f"playbook {pb.id!r}, {yamlio.describe(where)}"
    return " ".join(sandbox.run(template, {**values, "me": me}, what).split())


def present(pb: Playbook, index: int, values: Mapping[str, Any], me: Mapping[str, Any]) -> Field:
    """Field `index` as the person sees it: prompt, help, example and frame over earlier answers."""
    field = pb.fields[index]
    changes: dict[str, Any] = {}
    for key in ("prompt", "help", "example"):
        source = getattr(field, key)
        if is_template(source):
            changes[key] = _render_text(pb, source, values, me, ["fields", index, key])
    frame = field.frame
    if frame is not None and is_template(frame.text):
        where = ["fields", index, "frame", "text"]
        text = _render_text(pb, str(frame.text), values, me, where)
        changes["frame"] = msgspec.structs.replace(frame, text=text)
    return msgspec.structs.replace(field, **changes) if changes else field


def _known_names(pb: Playbook, values: Mapping[str, Any], me: Mapping[str, Any]) -> dict[str, str]:
    """Lower-cased -> written, for each part of each person's name in this draft."""
    from drafter.names import parse

    people = [str(values.get(f.name) or "") for f in pb.fields if f.type == "name"]
    people.append(str(me.get("name") or ""))
    known: dict[str, str] = {}
    for person in people:
        # Only what looks like a person's name: letters, spaces and the marks names use.
        if not person.strip() or len(person.split()) > 5 or not _NAMELIKE.fullmatch(person):
            continue
        name = parse(person)
        for part in f"{name.greeting} {name.given} {name.family}".split():
            if len(part) > 2 and part[:1].isupper() and part.casefold() not in shape.CLOSED_CLASS:
                known.setdefault(part.casefold(), part)
    return known


_NAMELIKE = re.compile(r"[^\W\d_][\w .,'’\"()“”‘-]*")


def _recase_names(text: str, known: Mapping[str, str]) -> str:
    """Words typed in lower case that are the people's names, written as their names.

    Only where the next word cannot be a family name ('pedro wants …', 'ask pedro.'):
    'alex romero' is somebody else whose name we don't know.
    """
    # Alternating runs: letters, then what separates them.
    tokens = re.findall(r"[^\W\d_]+|[\W\d_]+", text)
    out = []
    at = 0
    for i, tok in enumerate(tokens):
        start, at = at, at + len(tok)
        if tok.islower() and tok in known and not _in_address(text, start, at):
            gap = tokens[i + 1] if i + 1 < len(tokens) else ""
            following = tokens[i + 2] if i + 2 < len(tokens) else ""
            surname_like = (
                gap.strip() == ""
                and following.isalpha()
                and not (
                    following in shape.CLOSED_CLASS
                    or following in shape.FINITE_VERBS
                    or following in shape.AUXILIARIES
                    or following.casefold() in known  # 'maria clara': both are hers
                )
            )
            if not surname_like:
                tok = known[tok]
        out.append(tok)
    return "".join(out)


_ADDRESS = lazyre.compile(r"@|/|\w\.\w")


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of an email address or a link ('sam@okafor.example',
    'linkedin.com/in/ana-ruiz'), which keep their case."""
    left = max(text.rfind(c, 0, start) for c in " \t\n") + 1
    after = [i for c in " \t\n" if (i := text.find(c, end)) >= 0]
    return bool(_ADDRESS.search(text, left, min(after, default=len(text))))


def _goes_by(pb: Playbook, values: dict[str, Any]) -> None:
    """'Bob (Robert) Kane' when the other answers call him Bob: the bracket is his formal
    name, not the one to greet; it is dropped so every line says Bob."""
    from drafter.names import parse

    said = " ".join(str(v) for v in values.values() if isinstance(v, str)).casefold()
    for field in pb.fields:
        value = values.get(field.name)
        if field.type != "name" or not isinstance(value, str) or "(" not in value:
            continue
        name = parse(value)
        if not name.nickname or not name.given:
            continue
        others = said.replace(value.casefold(), " ")
        if re.search(rf"\b{re.escape(name.given.casefold())}\b", others) and not re.search(
            rf"\b{re.escape(name.nickname.casefold())}\b", others
        ):
            values[field.name] = re.sub(r"\s*\([^()]*\)", "", value).strip()


def addressed(pb: Playbook) -> list[Field]:
    """The name fields of the people a message is to (the greeting's), not those it mentions.

    Contact 1 (`from_contact: name`, no `contact`) is always one; another contact is one
    when the playbook also takes their address in an `email` field, since the draft goes to
    every such address (double-intro's two people). A name field no contact maps may be
    either, so it counts (a playbook that maps none: all its name fields).
    """
    emailed = {f.contact for f in pb.fields if f.type == "email" and f.from_contact == "email"}
    return [
        f
        for f in pb.fields
        if f.type == "name" and (f.from_contact != "name" or f.contact == 1 or f.contact in emailed)
    ]


def fit(pb: Playbook, values: Mapping[str, Any], me: Mapping[str, Any]) -> dict[str, Any]:
    """Answers with the words their frames already say dropped ("I'm a …" into "I'm …")."""
    out = dict(values)
    _goes_by(pb, out)
    known = _known_names(pb, out, me)
    # A message to one person: 'their post', typed about them, means 'your post'. (An email
    # to two people cannot say which of them 'she' is: fit asks for names there.) A third
    # person the message only mentions ('Sam Okafor', whom you promised to introduce) does
    # not make it a message to two.
    to_one = len(addressed(pb)) == 1
    for i, field in enumerate(pb.fields):
        value = out.get(field.name)
        if not (field.free_text and isinstance(value, str) and value):
            continue
        if known:  # "pedro wants to give a talk" when Pedro Alves is one of the people
            value = _recase_names(value, known)
        value = shape.calendar_case(shape.without_chatter(shape.expand_shorthand(value)))
        value = out[field.name] = casing.proper_case(casing.unshout(value))
        if not field.required and shape.is_nothing(value):
            out[field.name] = ""  # "Nothing really" to an optional question: leave it out
            continue
        if field.frame is None:
            continue
        if field.frame.drop:
            phrases = [
                _render_text(pb, p, out, me, ["fields", i, "frame", "drop", j])
                if is_template(p)
                else p
                for j, p in enumerate(field.frame.drop)
            ]
            value = out[field.name] = shape.drop_leading(value, phrases)
        if field.frame.second_person and to_one and (reader := shape.reader_pronouns(value)):
            if field.frame.text and shape.leading_object(value):
                # 'him' after "you might introduce me to …": the reader is the 'you' already
                said = field.frame.text
                if is_template(said):
                    said = _render_text(pb, said, out, me, ["fields", i, "frame", "text"])
                if "you" in shape.words(said.split("…")[0].casefold()):
                    continue
            out[field.name] = shape.to_you(value, reader)
    return out


def _shown_prompt(
    pb: Playbook, field: Field, values: Mapping[str, Any], me: Mapping[str, Any]
) -> str:
    """A field's prompt as a person would see it (rendered when it uses earlier answers)."""
    try:
        prompt = present(pb, pb.fields.index(field), values, me).prompt
    except DrafterError:  # an expression over answers that are missing: the source will do
        prompt = field.prompt
    return " ".join(prompt.split())


def _earlier(field: Field, defaults: Mapping[str, Any] | None) -> Any:
    """An earlier answer for `field`, if there is one that is still valid."""
    if not defaults or field.name not in defaults or is_empty(defaults[field.name]):
        return None
    try:
        return validate(field, defaults[field.name])
    except UsageError:  # the playbook changed since: its own default applies
        return None


def collect(
    pb: Playbook,
    given: Mapping[str, Any],
    me: Mapping[str, Any],
    ask: Ask | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Every field's value, in order: given answers, else a prompt, else the default.

    `defaults` (earlier answers) take the place of the playbook's default for their fields,
    where they are still valid answers.

    Without `ask` (no terminal), missing required answers raise NeedsInputError
    naming each one with its prompt.
    """
    values: dict[str, Any] = {}
    missing: list[Field] = []
    for i, field in enumerate(pb.fields):
        if not asks(pb, i, values, me):
            values[field.name] = empty(field)
            continue
        if field.name in given and not is_empty(given[field.name]):
            values[field.name] = validate(field, given[field.name])
            continue
        default = _earlier(field, defaults)
        if default is None:
            default = default_for(pb, i, values, me)
        if ask is not None:
            shown = present(pb, i, values, me)
            # A person typing, and the prompt drawing, are no part of the playbook's budget.
            with budget.paused():
                values[field.name] = ask(shown, default, {**values, "me": me})
        elif default is not None:
            values[field.name] = default
        elif field.required:
            missing.append(field)
            values[field.name] = empty(field)
        else:
            values[field.name] = empty(field)
    if missing:
        raise NeedsInputError([(f.name, _shown_prompt(pb, f, values, me)) for f in missing])
    return values
