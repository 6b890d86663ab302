"""The playbook model (msgspec Structs, unknown keys forbidden) and loading YAML into it.

The Structs here are the single source of truth for the format: the loader
validates with them and `json_schema()` derives the editor schema from them.

No `from __future__ import annotations` here: msgspec would resolve every string
annotation of the model on each run's first validation (0.7 ms of start-up).
"""

import functools
import hashlib
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from drafter import cache, lazyre, yamlio
from drafter.errors import PlaybookError

if TYPE_CHECKING:
    from drafter.library import Library

FieldType = Literal[
    "text", "name", "multiline", "choice", "multichoice", "confirm", "email", "url", "number"
]
Expects = Literal["noun", "verb", "clause", "any"]
ChannelName = Literal["linkedin-note", "linkedin-message", "inmail", "email"]
# What a field may take from a contact given with `--to` (drafter/contacts.py: answers_for).
ContactKey = Literal[
    "name", "company", "position", "role", "how_we_met", "email", "linkedin", "detail"
]
CONTACT_KEYS: tuple[str, ...] = ContactKey.__args__  # type: ignore[attr-defined]
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]
CHANNELS: tuple[str, ...] = ChannelName.__args__  # type: ignore[attr-defined]

Identifier = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z][a-z0-9_]*$",
        description="lower-case letters, digits and underscores, starting with a letter",
    ),
]
VariantName = Annotated[
    str,
    msgspec.Meta(pattern=r"^[a-z][a-z0-9_-]*$", description="lower-case, digits, '-' and '_'"),
]
Scalar = str | int | float | bool


class _Model(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    pass


class Choice(_Model, kw_only=True):
    """One option of a choice or multichoice field."""

    value: Annotated[str, msgspec.Meta(min_length=1, description="what templates see")]
    label: str | None = None  # what the prompt shows; defaults to the value

    @property
    def title(self) -> str:
        return self.label or self.value


class Frame(_Model, kw_only=True):
    """The words around a free-text answer in the message, so drafter can make it fit."""

    text: str | None = None  # the words the answer completes, with … where it goes
    drop: list[Annotated[str, msgspec.Meta(min_length=1)]] = []  # leading words it may repeat
    expects: Expects = "noun"  # what the frame needs the answer to start with
    second_person: bool = False  # the answer is about the reader: "your post", not "their"


class Warn(_Model, kw_only=True):
    """A situation the playbook warns about: `when` is true, so the `fit` check fails."""

    when: Annotated[str, msgspec.Meta(min_length=1)]
    message: Annotated[str, msgspec.Meta(min_length=1)]
    fix: str | None = None


class Field(_Model, kw_only=True):
    """A question the playbook asks; its answer is available to templates by `name`."""

    name: Identifier
    prompt: Annotated[str, msgspec.Meta(min_length=1)]
    type: FieldType = "text"
    required: bool = False
    default: Scalar | list[str] | None = None
    choices: list[Choice] = []
    when: str | None = None
    help: str | None = None
    example: str | None = None
    max_length: Annotated[int, msgspec.Meta(ge=1)] | None = None
    pattern: str | None = None
    frame: Frame | None = None
    # Filled from a contact given with --to: which of its keys, and which contact (1: the first).
    from_contact: ContactKey | None = None
    contact: Annotated[int, msgspec.Meta(ge=1, le=9)] = 1
    # The answer is something learned about the person: kept on their contact, dated.
    remember: bool = False

    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices]

    @property
    def default_is_template(self) -> bool:
        return isinstance(self.default, str) and is_template(self.default)

    @property
    def free_text(self) -> bool:
        """Typed by a person and dropped into a sentence: what frames and `fit` are about."""
        return self.type in ("text", "multiline")


def is_template(text: str | None) -> bool:
    """Whether a playbook string is Jinja (rendered over earlier answers) rather than plain."""
    return text is not None and ("{{" in text or "{%" in text)


class Variant(_Model, kw_only=True):
    """One way to write the message: a template file under templates/ or inline text."""

    name: VariantName
    description: str = ""
    template: str | None = None
    text: str | None = None
    channel: ChannelName | None = None


class Checks(_Model, kw_only=True):
    """Extra checks on the draft, beyond the channel's length limit."""

    max_words: Annotated[int, msgspec.Meta(ge=1)] | None = None
    must_mention: list[str] = []
    warn: list[Warn] = []


Interval = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^\s*[1-9][0-9]{0,3}\s*[dwmy]\s*$",
        description="a number and a unit: 10d, 2w, 3m or 1y",
    ),
]


class FollowUp(_Model, kw_only=True):
    """A follow-up scheduled with each contact a draft is to, when the draft leaves drafter."""

    after: Interval
    note: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]  # what to do, for `due`
    playbook: str | None = None  # the playbook to suggest then (an id)
    contact: Annotated[int, msgspec.Meta(ge=1, le=9)] | None = None  # whom; None: each


class PlaybookSpec(_Model, kw_only=True):
    """A scenario: the questions to ask and the templates that turn answers into a message."""

    title: Annotated[str, msgspec.Meta(min_length=1)]
    summary: str = ""
    # Where the guided picker lists it ("Reaching out", "Replying", ...); none: "Other".
    group: Annotated[str, msgspec.Meta(min_length=1, max_length=40)] | None = None
    channel: ChannelName
    fields: list[Field] = []
    variants: Annotated[list[Variant], msgspec.Meta(min_length=1)]
    subject: str | None = None
    checks: Checks = msgspec.field(default_factory=Checks)
    follow_up: FollowUp | None = None
    examples: dict[str, dict[str, Any]] = {}


class Me(_Model, kw_only=True):
    """The sender: `me` in templates and the profile file."""

    name: str = ""
    headline: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    signature: str = ""
    linkedin_account: Literal["free", "premium"] = "free"


ME_KEYS: tuple[str, ...] = Me.__struct_fields__


class Playbook(msgspec.Struct, dict=True, eq=False):  # dict=True: room for cached_property
    """A loaded, validated playbook and where it came from."""

    id: str
    path: Path
    spec: PlaybookSpec
    text: str
    library: "Library | None" = None

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def fields(self) -> list[Field]:
        return self.spec.fields

    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.spec.fields}

    def variant(self, name: str | None) -> Variant:
        """The named variant, or the first (the default) when `name` is None."""
        if name is None:
            return self.spec.variants[0]
        for v in self.spec.variants:
            if v.name == name:
                return v
        names = [v.name for v in self.spec.variants]
        raise PlaybookError(
            f"playbook {self.id!r} has no variant {name!r}{suggest(name, names)}; "
            f"variants: {', '.join(names)}"
        )

    def line(self, path: Sequence[yamlio.PathSeg], key: bool = False) -> int | None:
        """The line of a node in this playbook's YAML, for messages."""
        found = yamlio.locate(self.text, path, key)
        return found[0] if found else None

    def error(
        self,
        message: str,
        path: Sequence[yamlio.PathSeg] = (),
        key: bool = False,
        rule: str | None = None,
    ) -> PlaybookError:
        """A PlaybookError about the node at `path`, with its line and column."""
        found = yamlio.locate(self.text, path, key) if path else None
        line, col = found if found else (None, None)
        return PlaybookError(message, self.path, line, col, path, rule)


def suggest(word: str, options: Sequence[str]) -> str:
    """The ' (did you mean ...?)' hint for the closest of `options`, or an empty string."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_AT = lazyre.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_SEG = lazyre.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")


def _parse_path(text: str) -> list[yamlio.PathSeg]:
    segs: list[yamlio.PathSeg] = []
    for name, index in _SEG.findall(text):
        if name:
            segs.append(name)
        elif index != "...":
            segs.append(int(index))
    return segs


def _struct_at(path: Sequence[yamlio.PathSeg]) -> type[msgspec.Struct] | None:
    """The Struct type the model expects at `path` (for "did you mean" on unknown keys)."""
    info: Any = msgspec.inspect.type_info(PlaybookSpec)
    for seg in path:
        while isinstance(info, msgspec.inspect.UnionType | msgspec.inspect.ListType):
            info = info.item_type if isinstance(info, msgspec.inspect.ListType) else info.types[0]
        if isinstance(info, msgspec.inspect.StructType) and isinstance(seg, str):
            match = [f for f in info.fields if f.name == seg]
            if not match:
                return None
            info = match[0].type
        elif isinstance(info, msgspec.inspect.ListType) and isinstance(seg, int):
            info = info.item_type
    while isinstance(info, msgspec.inspect.ListType):
        info = info.item_type
    return info.cls if isinstance(info, msgspec.inspect.StructType) else None


_KINDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _validation_message(raw: str, path: list[yamlio.PathSeg]) -> tuple[str, bool]:
    """Rewrite a msgspec message in the project's words; the bool says 'points at a key'."""
    unknown = re.match(r"Object contains unknown field `(.+)`", raw)
    if unknown:
        key = unknown.group(1)
        cls = _struct_at(path)
        known = list(cls.__struct_fields__) if cls else []
        where = f"{yamlio.describe(path)}: " if path else ""
        return f"{where}unknown key {key!r}{suggest(key, known)}", True
    missing = re.match(r"Object missing required field `(.+)`", raw)
    if missing:
        where = yamlio.describe(path) or "playbook"
        return f"{where}: missing required key {missing.group(1)!r}", False
    where = yamlio.describe(path) or "playbook"
    enum = re.match(r"Invalid enum value (.+)", raw)
    if enum:
        allowed = {
            "type": FIELD_TYPES,
            "channel": CHANNELS,
            "linkedin_account": ("free", "premium"),
            "from_contact": CONTACT_KEYS,
        }
        options = allowed.get(str(path[-1]) if path else "", ())
        hint = f" is not one of {', '.join(options)}" if options else " is not allowed"
        value = enum.group(1)
        return f"{where}: {value}{hint}{suggest(value.strip(chr(39)), options)}", False
    expected = re.match(r"Expected `(.+?)`, got `(.+?)`", raw)
    if expected:
        wanted = " or ".join(
            _KINDS.get(k, k) for k in expected.group(1).split(" | ") if k != "null"
        )
        return (
            f"{where}: expected {wanted}, got {_KINDS.get(expected.group(2), expected.group(2))}",
            False,
        )
    raw = raw.replace("`", "")
    if raw.startswith("Expected str matching regex") and "[dwmy]" in raw:
        raw = "expected a number and a unit: 10d, 2w, 3m or 1y"
    raw = re.sub(r"^Expected str matching regex .*$", "expected a lower-case identifier", raw)
    return f"{where}: {raw[0].lower() + raw[1:] if raw else raw}", False


def load(path: Path, library: "Library | None" = None, keep: bool = True) -> "Playbook":
    """Load and validate the playbook at `path`; its id is the file stem.

    A playbook validated before (the same text, the same model and rules) comes from the
    cache: parsing YAML and validating it cost a draft about 2 ms. With `keep` False one
    validated now is not cached (the library index reads thousands, to list them).
    """
    text = yamlio.read_text(path)
    key = _cache_key(text)
    spec = cache.load("playbooks", key) if key else None
    if isinstance(spec, PlaybookSpec):
        return Playbook(id=path.stem, path=path, spec=spec, text=text, library=library)
    pb = parse(text, path, library)
    if key and keep:
        cache.keep("playbooks", key, pb.spec)
    return pb


@functools.cache
def model_stamp() -> str | None:
    """What a validated playbook depends on besides its text: this model and its rules (this
    file and yamlio's, by size and modification time, which a new release or an edit in a
    checkout changes) and the versions of what reads it. None: not cached (no files)."""
    import yaml

    parts = [sys.version, msgspec.__version__, yaml.__version__]
    try:
        for module in (__file__, yamlio.__file__):
            st = os.stat(module)
            parts += [module, str(st.st_size), str(st.st_mtime_ns)]
    except (OSError, TypeError):
        return None
    return "\0".join(parts)


def _cache_key(text: str) -> str | None:
    stamp = model_stamp()
    if stamp is None:
        return None
    return hashlib.sha256(f"{stamp}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def parse(text: str, path: Path, library: "Library | None" = None) -> "Playbook":
    """Validate playbook YAML `text` (from `path`) into a Playbook; the first problem is raised."""
    pb = parse_model(text, path, library)
    for error in semantic_errors(pb):
        raise error
    return pb


def parse_model(text: str, path: Path, library: "Library | None" = None) -> "Playbook":
    """YAML and the typed model only, without the semantic rules (lint reports those itself)."""
    data = yamlio.load(text, path)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise PlaybookError(
            f"a playbook is a YAML mapping of keys, but this is {kind}", path, 1, 1, rule="schema"
        )
    try:
        spec = msgspec.convert(data, PlaybookSpec, str_keys=True)
    except msgspec.ValidationError as exc:
        match = _AT.match(str(exc))
        assert match is not None
        segs = _parse_path(match.group("path") or "")
        message, at_key = _validation_message(match.group("msg"), segs)
        if at_key:
            key = re.search(r"unknown key '([^']+)'", message)
            segs = [*segs, key.group(1)] if key else segs
        found = yamlio.locate(text, segs, key=at_key)
        line, col = found if found else (None, None)
        raise PlaybookError(message, path, line, col, segs, rule="schema") from None
    return Playbook(id=path.stem, path=path, spec=spec, text=text, library=library)


# What a playbook may hold: far past any real message, short of keeping drafter busy for
# minutes (a 2,000-field playbook did). Choices are bounded by the YAML limit on values.
MAX_FIELDS, MAX_VARIANTS = 200, 50


def semantic_errors(pb: Playbook) -> Iterator[PlaybookError]:
    """The rules a type checker cannot express, each broken one in file order."""
    spec = pb.spec

    def schema(message: str, at: Sequence[yamlio.PathSeg], key: bool = False) -> PlaybookError:
        return pb.error(message, at, key, rule="schema")

    if len(spec.fields) > MAX_FIELDS:
        yield schema(
            f"fields: {len(spec.fields):,} fields, at most {MAX_FIELDS} allowed",
            ["fields"],
            key=True,
        )
        return  # each further rule would walk them all
    if len(spec.variants) > MAX_VARIANTS:
        yield schema(
            f"variants: {len(spec.variants):,} variants, at most {MAX_VARIANTS} allowed",
            ["variants"],
            key=True,
        )
        return
    seen: set[str] = set()
    for i, f in enumerate(spec.fields):
        at: list[yamlio.PathSeg] = ["fields", i]
        if f.name in seen:
            yield schema(f"fields[{i}].name: duplicate field name {f.name!r}", [*at, "name"])
        if f.name == "me":
            yield schema(f"fields[{i}].name: 'me' is reserved for the sender", [*at, "name"])
        seen.add(f.name)
        has_choices = f.type in ("choice", "multichoice")
        if has_choices and not f.choices:
            yield schema(f"fields[{i}] ({f.name}): a {f.type} field needs choices", at)
        if f.choices and not has_choices:
            yield schema(
                f"fields[{i}] ({f.name}): choices are only for choice and multichoice fields",
                [*at, "choices"],
                key=True,
            )
        values = f.choice_values()
        counts = Counter(values)  # linear: a field may have thousands of choices
        dupes = sorted(v for v, n in counts.items() if n > 1)
        if dupes:
            yield schema(
                f"fields[{i}] ({f.name}): duplicate choice {dupes[0]!r}", [*at, "choices"], key=True
            )
        if f.default is not None and not f.default_is_template:
            problem = _literal_default_problem(f)
            if problem:
                yield schema(f"fields[{i}].default: {problem}", [*at, "default"])
        if f.pattern is not None:
            problem = pattern_problem(f.pattern)
            if problem:
                yield schema(f"fields[{i}].pattern: {problem}", [*at, "pattern"])
        if f.frame is not None and not f.free_text:
            yield schema(
                f"fields[{i}] ({f.name}): a frame is only for text and multiline fields",
                [*at, "frame"],
                key=True,
            )
        elif f.frame is not None and f.frame.text is not None and not _has_gap(f.frame.text):
            yield schema(
                f"fields[{i}].frame.text: mark where the answer goes with '…' or '...'",
                [*at, "frame", "text"],
            )
    yield from _contact_errors(pb)
    names: set[str] = set()
    for i, v in enumerate(spec.variants):
        at = ["variants", i]
        if v.name in names:
            yield schema(f"variants[{i}].name: duplicate variant name {v.name!r}", [*at, "name"])
        names.add(v.name)
        if (v.template is None) == (v.text is None):
            yield schema(f"variants[{i}] ({v.name}): give exactly one of 'template' or 'text'", at)
        if v.template is not None:
            problem = template_path_problem(v.template)
            if problem:
                # lint's template rules own these: an empty path is missing, others escape.
                rule = "template-escape" if v.template.strip() else "template-missing"
                where = [*at, "template"]
                yield pb.error(f"variants[{i}].template: {problem}", where, rule=rule)
    for j, name in enumerate(spec.checks.must_mention):
        if name not in seen:
            yield schema(
                f"checks.must_mention[{j}]: no field named {name!r}{suggest(name, list(seen))}",
                ["checks", "must_mention", j],
            )
    for ex_name, answers in spec.examples.items():
        for key in answers:
            if key == "me":
                if not isinstance(answers["me"], dict):
                    yield schema(
                        f"examples.{ex_name}.me: must be a mapping", ["examples", ex_name, "me"]
                    )
                    continue
                for mk in answers["me"]:
                    if mk not in ME_KEYS:
                        yield schema(
                            f"examples.{ex_name}.me: unknown key {mk!r}{suggest(str(mk), ME_KEYS)}",
                            ["examples", ex_name, "me", mk],
                            key=True,
                        )
            elif key not in seen:
                yield schema(
                    f"examples.{ex_name}: no field named {key!r}{suggest(str(key), list(seen))}",
                    ["examples", ex_name, key],
                    key=True,
                )


# What a contact's key can fill: a name, an address, a phrase; never a choice or a number.
_FILLABLE = ("text", "name", "multiline", "email", "url")


def _contact_errors(pb: Playbook) -> Iterator[PlaybookError]:
    """The contact mapping (`from_contact`, `contact`) and `remember` fit their fields."""
    mapped: dict[tuple[str, int], str] = {}
    for i, f in enumerate(pb.spec.fields):
        at: list[yamlio.PathSeg] = ["fields", i]
        if f.from_contact is None:
            if f.contact != 1:
                yield pb.error(
                    f"fields[{i}] ({f.name}): 'contact' says which contact fills the field, "
                    "but there is no 'from_contact'",
                    [*at, "contact"],
                    key=True,
                    rule="schema",
                )
        elif f.type not in _FILLABLE:
            yield pb.error(
                f"fields[{i}] ({f.name}): from_contact fills {', '.join(_FILLABLE)} fields, "
                f"not a {f.type} field",
                [*at, "from_contact"],
                rule="schema",
            )
        elif (f.from_contact, f.contact) in mapped:
            yield pb.error(
                f"fields[{i}] ({f.name}): contact {f.contact}'s {f.from_contact} already fills "
                f"{mapped[(f.from_contact, f.contact)]!r}",
                [*at, "from_contact"],
                rule="schema",
            )
        else:
            mapped[(f.from_contact, f.contact)] = f.name
        if f.remember and not f.free_text:
            yield pb.error(
                f"fields[{i}] ({f.name}): only a text or multiline answer can be remembered",
                [*at, "remember"],
                rule="schema",
            )
    people = sorted({n for _, n in mapped})
    plan = pb.spec.follow_up
    if plan is not None:
        from drafter.cadence import parse_interval
        from drafter.errors import UsageError

        try:
            parse_interval(plan.after)
        except UsageError as exc:
            yield pb.error(f"follow_up.after: {exc}", ["follow_up", "after"], rule="schema")
    if plan is not None and plan.contact is not None and plan.contact not in people:
        yield pb.error(
            f"follow_up.contact: no field takes contact {plan.contact}'s name "
            f"(from_contact: name{'' if plan.contact == 1 else f', contact: {plan.contact}'})",
            ["follow_up", "contact"],
            rule="schema",
        )
    for n in people:
        if ("name", n) not in mapped:
            yield pb.error(
                f"fields: contact {n} fills a field but no field takes its name "
                f"(from_contact: name{'' if n == 1 else f', contact: {n}'})",
                ["fields"],
                key=True,
                rule="schema",
            )
    named = sorted(n for key, n in mapped if key == "name")
    if named and named != list(range(1, named[-1] + 1)):
        yield pb.error(
            f"fields: contacts are numbered 1, 2, … in order, but these are {named}",
            ["fields"],
            key=True,
            rule="schema",
        )


def _has_gap(text: str) -> bool:
    return "…" in text or "..." in text


def _literal_default_problem(f: Field) -> str | None:
    """Why a plain (non-template) default does not fit its field, or None."""
    d = f.default
    values = f.choice_values()
    shown = ", ".join(values[:8]) + (f" … and {len(values) - 8:,} more" if len(values) > 8 else "")
    if f.type == "choice" and d not in values:
        return f"{d!r} is not one of the choices ({shown})"
    if f.type == "multichoice":
        for item in d if isinstance(d, list) else [d]:
            if item not in values:
                return f"{item!r} is not one of the choices ({shown})"
    if f.type == "confirm" and not isinstance(d, bool):
        return "a confirm field's default is true or false"
    if f.type == "number" and (isinstance(d, bool) or not isinstance(d, int | float)):
        return "a number field's default is a number"
    return None


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression, or None."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. FutureWarning for '[[a]': valid, if odd
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"not a valid regular expression: {exc}"
        except (OverflowError, RecursionError):
            return "regular expression too large or too deeply nested"
    return None


def template_path_problem(ref: str) -> str | None:
    """Why a variant's template reference is not a plain path inside the library, or None."""
    if not ref.strip():
        return "empty template path"
    if "\\" in ref or ref.startswith("/") or re.match(r"^[A-Za-z]:", ref):
        return f"{ref!r} must be a relative path under templates/ (no absolute paths)"
    if ".." in PurePosixPath(ref).parts:
        return f"{ref!r} must stay inside the library's templates/ folder (no '..')"
    return None


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the playbook format, from the model itself."""
    schema: dict[str, Any] = msgspec.json.schema(PlaybookSpec)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "drafter playbook",
        "description": "A drafter playbook: the questions to ask and the templates that turn the answers into a message.",
        **schema,
    }
