"""Reading YAML from files other people wrote: safely, within bounds, with line numbers.

Every YAML document drafter reads (playbooks, answer files, the profile) comes
through `load`. It refuses what a safe loader alone would still accept and
choke on: files over 1 MiB, bytes that are not UTF-8, nesting deeper than
`MAX_DEPTH`, and alias expansion ("billion laughs") past `MAX_NODES`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import PlaybookError

# Any error class built as Error(message, source, line).
ErrorType = Callable[[str, Path | str, int | None], Exception]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 50_000

try:  # libyaml when present: several times faster, same safe semantics
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, with every failure to build a value reported as a YAML error.

    SafeConstructor lets plain Python errors escape for scalars it recognises but cannot
    build: `2001-02-30` (ValueError), `!!bool maybe` (KeyError), `!!int ''` (IndexError), an
    integer of 5,000 digits (ValueError), `!!timestamp nope` (AttributeError). Here they become
    ConstructorErrors with a line.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, LookupError, TypeError, ArithmeticError, AttributeError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            value = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else kind
            # A KeyError's text is the value again; Python's advice on int digits is not for users.
            why = "" if isinstance(exc, LookupError) else f": {str(exc).split(';')[0]}"
            problem = f"cannot read {value!r} as {kind}{why}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


PathSeg = str | int


def playbook_error(message: str, source: Path | str, line: int | None) -> PlaybookError:
    """A playbook file that cannot be read as YAML: lint's yaml-syntax rule."""
    return PlaybookError(message, source, line, rule="yaml-syntax")


def read_text(path: Path, error: ErrorType = playbook_error) -> str:
    """Read a file as UTF-8 text, refusing oversized or non-UTF-8 files."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise error("no such file", path, None) from None
    except IsADirectoryError:
        raise error("is a directory, not a file", path, None) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path, None) from None
    return decode(data, path, error)


def decode(data: bytes, source: Path | str, error: ErrorType = playbook_error) -> str:
    """Decode bytes as UTF-8 within the size limit."""
    if len(data) > MAX_BYTES:
        raise error(
            f"file is larger than {MAX_BYTES // 1024} KiB; refusing to read it", source, None
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"not UTF-8 text (byte {exc.start + 1})", source, line) from None
    return text.removeprefix("\ufeff")


def load(text: str, source: Path | str, error: ErrorType = playbook_error) -> Any:
    """Parse one YAML document safely; errors name the source and line."""
    built, value = _guard(text, source, error)
    if built:
        return value
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source, error) from None


def _yaml_error(exc: yaml.YAMLError, source: Path | str, error: ErrorType) -> Exception:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or next(iter(str(exc).splitlines()), "cannot parse")
    line = mark.line + 1 if mark is not None else None
    # PyYAML 6.0.4 stops flow collections nested 1,000 deep in its scanner, before the
    # event walk below reaches our own, lower limit: say what our limit is all the same.
    # (Its text is the only sign PyYAML gives of which problem this is.)
    if "nesting depth" in str(problem):
        return error(f"nesting deeper than {MAX_DEPTH} levels", source, line)
    err = error(f"invalid YAML: {problem}", source, line)
    if isinstance(err, PlaybookError) and mark is not None:
        err.col = mark.column + 1  # for lint and editors
    return err


def _line(event: Any) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None


_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_BUILT = {  # scalar tags built here, as SafeConstructor builds them
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
}


class _GiveUp(Exception):
    """Something the one-pass build leaves to PyYAML's own loader (same result, slower)."""


class _Builder:
    """Values built from the event stream the guard walks anyway: one pass, not three.

    Plain documents (mappings, sequences, strings, numbers, booleans, null, dates, anchors
    and aliases) are built here exactly as the safe loader builds them; anything else (merge
    keys, explicit tags, several documents, a value the constructor refuses) gives up, and
    `load` runs PyYAML's loader for the canonical result or error.
    """

    def __init__(self) -> None:
        self.stack: list[Any] = []  # open collections: [container, pending key or _NO_KEY]
        self.anchors: dict[str, Any] = {}
        self.root: Any = None
        self.documents = 0

    @staticmethod
    def _tools() -> Any:
        """A resolver and constructor (their methods read only the node they are given)."""
        global _TOOLS
        if _TOOLS is None:
            _TOOLS = _Loader("")
        return _TOOLS

    def add(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif frame[1] is _NO_KEY:
            try:
                hash(value)
            except TypeError:
                raise _GiveUp from None  # the loader says "found unhashable key", with a line
            frame[1] = value
        else:
            container[frame[1]] = value
            frame[1] = _NO_KEY

    def scalar(self, event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            implicit = event.implicit
            if not implicit[0]:  # quoted or block: a string, as the resolver would say
                tag = _STR
            else:  # plain: a word's type is the same every time (keys, "true", "0.5")
                tag = _RESOLVED.get(event.value)
                if tag is None:
                    tag = self._tools().resolve(yaml.ScalarNode, event.value, implicit)
                    if len(_RESOLVED) < 10_000:
                        _RESOLVED[event.value] = tag
        if tag == _STR:
            value: Any = event.value
        elif tag == _NULL:
            value = None
        elif tag in _BUILT:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
            try:
                value = getattr(self._tools(), _BUILT[tag])(node)
            except Exception:  # noqa: BLE001  the loader's own error, with its line
                raise _GiveUp from None
        else:  # "<<" merges, binary, sets, custom tags
            raise _GiveUp
        if event.anchor:
            self.anchors[event.anchor] = value
        self.add(value)

    def start(self, event: Any) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _MAP if mapping else _SEQ):
            raise _GiveUp
        container: Any = {} if mapping else []
        if event.anchor:
            self.anchors[event.anchor] = container
        self.add(container)
        self.stack.append([container, _NO_KEY])

    def end(self) -> None:
        self.stack.pop()

    def alias(self, event: Any) -> None:
        if event.anchor not in self.anchors:
            raise _GiveUp  # the loader says "found undefined alias"
        self.add(self.anchors[event.anchor])


_NO_KEY = object()
_TOOLS: Any = None
_RESOLVED: dict[str, str] = {}  # a plain scalar's text -> its tag


def _too_many(anchors: dict[str, int]) -> str:
    what = (
        f"aliases expand to more than {MAX_NODES:,} values"
        if anchors
        else f"more than {MAX_NODES:,} values (keys, items and answers)"
    )
    return f"{what}; the limit is {MAX_NODES:,}"


def _guard(text: str, source: Path | str, error: ErrorType) -> tuple[bool, Any]:
    """Walk the event stream once, bounding depth and the size aliases expand to; and build
    the document's value on the way. Returns (True, value), or (False, None) when PyYAML's
    loader must build it (see _Builder).

    A recursive alias (`&a [*a]`) is refused too: the safe loader would build a structure
    that contains itself, and comparing or walking one never ends well.
    """
    anchors: dict[str, int] = {}
    stack: list[list[Any]] = []  # [anchor, node count] per open collection
    build: _Builder | None = _Builder()
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = event.__class__  # the parser's own classes: no subclasses to expect
            if kind is scalar_event:  # most events: first, and without isinstance
                size = 1
                if event.anchor:
                    anchors[event.anchor] = 1
                if build is not None:
                    try:
                        build.scalar(event)
                    except _GiveUp:
                        build = None
                if stack:
                    top = stack[-1]
                    top[1] += 1
                    if top[1] > MAX_NODES:
                        raise error(_too_many(anchors), source, _line(event))
                continue
            if kind in starts:
                if len(stack) >= MAX_DEPTH:
                    line = _line(event)
                    raise error(f"nesting deeper than {MAX_DEPTH} levels", source, line)
                stack.append([event.anchor, 1])
                if build is not None:
                    try:
                        build.start(event)
                    except _GiveUp:
                        build = None
                continue
            if kind in ends:
                anchor, size = stack.pop()
                if anchor:
                    anchors[anchor] = size
                if build is not None:
                    build.end()
            elif kind is alias_event:
                if any(anchor == event.anchor for anchor, _ in stack):
                    line = _line(event)
                    raise error(
                        f"alias *{event.anchor} is inside its own anchor (recursive)", source, line
                    )
                size = anchors.get(event.anchor or "", 1)
                if build is not None:
                    try:
                        build.alias(event)
                    except _GiveUp:
                        build = None
            else:
                if isinstance(event, yaml.DocumentStartEvent) and build is not None:
                    build.documents += 1
                    if build.documents > 1:
                        build = None  # the loader says "expected a single document"
                continue
            if stack:
                stack[-1][1] += size
                if stack[-1][1] > MAX_NODES:
                    raise error(_too_many(anchors), source, _line(event))
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, source, error) from None
    finally:
        loader.dispose()
    if build is None:
        return False, None
    return True, build.root


def head(text: str, keys: Collection[str]) -> dict[str, Any] | None:
    """The values of `keys` in a document's top-level mapping, as `load` builds them, read
    only as far as the last of them; None when that cannot be told so cheaply.

    For listings of thousands of files: a playbook's title comes first, and reading a few
    events of it costs a tenth of building and bounding the whole document. None when the
    document is not a mapping, when a top-level key on the way is a collection, an alias, a
    merge (`<<`) or has a tag only PyYAML builds, when a wanted value is not a scalar `load`
    builds the same way, or on any YAML error before the last wanted key. A key missing from the document is missing from the
    result (after a read to the end). This is no check of the document: other values are
    not built, and what follows the last wanted key is not read at all; a YAML error there,
    or a wanted key given again (`load` keeps the last), is for `load` to find.
    """
    want = set(keys)
    found: dict[str, Any] = {}
    loader = _Loader(text)
    scalar, start = yaml.ScalarEvent, (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    try:
        if not isinstance(loader.get_event(), yaml.StreamStartEvent):
            return None  # pragma: no cover - every stream starts so
        if not isinstance(loader.get_event(), yaml.DocumentStartEvent):
            return None  # empty: `load` says what it is
        event = loader.get_event()
        if not isinstance(event, yaml.MappingStartEvent) or event.tag not in (None, "!", _MAP):
            return None
        while want.difference(found):
            event = loader.get_event()
            if isinstance(event, yaml.MappingEndEvent):
                # Read to the end: it must be the only document, as `load` requires.
                ends = (loader.get_event(), loader.get_event())
                if not isinstance(ends[0], yaml.DocumentEndEvent):
                    return None  # pragma: no cover - the parser says so first
                return found if isinstance(ends[1], yaml.StreamEndEvent) else None
            if event.__class__ is not scalar:
                return None  # a collection or an alias as a key: `load` decides
            key = _plain(event)
            value = loader.get_event()
            if key in want:
                if value.__class__ is not scalar:
                    return None
                found[key] = _plain(value)
            elif isinstance(value, start):
                depth = 1
                while depth:
                    skipped = loader.get_event()
                    if isinstance(skipped, start):
                        depth += 1
                    elif isinstance(skipped, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                        depth -= 1
        return found
    except (yaml.YAMLError, _GiveUp):
        return None
    finally:
        loader.dispose()


def _plain(event: Any) -> Any:
    """A scalar event's value as `load` builds it; _GiveUp for what only PyYAML builds."""
    build = _Builder()
    build.scalar(event)
    return build.root


def describe(path: Sequence[PathSeg]) -> str:
    """A YAML path as people write it: ['fields', 2, 'type'] -> 'fields[2].type'."""
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text` (for positions), or None when it does not parse."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def find_node(
    root: yaml.Node | None, path: Sequence[PathSeg], key: bool = False, exact: bool = False
) -> yaml.Node | None:
    """The node at `path` under `root` (its key node with `key`).

    When the path goes further than the document, the nearest parent is
    returned, or None with `exact`.
    """
    node = best = root
    if node is None:
        return None
    for i, seg in enumerate(path):
        child = key_node = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(seg):
                    key_node, child = k, v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(seg, int):
            if 0 <= seg < len(node.value):
                child = node.value[seg]
        if child is None:
            return None if exact else best
        node = child
        best = key_node if (key and i == len(path) - 1 and key_node is not None) else child
    return best


def locate(text: str, path: Sequence[PathSeg], key: bool = False) -> tuple[int, int] | None:
    """Line and column (1-based) of the node at `path` in `text`, or its nearest parent.

    With `key`, a mapping entry's key position is returned instead of its value's.
    """
    node = find_node(compose(text), path, key)
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1
