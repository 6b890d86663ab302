"""Where answers land: the marks drafter puts around each answer a template prints.

While `marking` is on, every answer printed with {{ … }} (and every text a shape filter
derives from one, see `carry`) is wrapped in private-use characters that carry its field's
index, so render() can see exactly where each answer landed and which words precede it.
Filters and comparisons see the plain value: only output is marked (Jinja's `finalize`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

OPEN, CLOSE, FIELD0 = "\ue000", "\ue001", 0xE100

# id(value) -> (field index, value); the value is kept so that its id cannot be reused.
_marking: ContextVar[dict[int, tuple[int, Any]] | None] = ContextVar("drafter_marks", default=None)


def finalize(value: Any) -> Any:
    """Jinja's finalize: an answer (or text derived from one) comes out marked."""
    marks = _marking.get()
    if marks and isinstance(value, str) and id(value) in marks:
        return f"{OPEN}{chr(FIELD0 + marks[id(value)][0])}{value}{CLOSE}"
    return value


def carry(source: Any, result: str) -> str:
    """Let `result`, derived from the answer `source` by a filter, land marked as that answer."""
    marks = _marking.get()
    if marks and result and id(source) in marks:
        marks[id(result)] = (marks[id(source)][0], result)
    return result


@contextmanager
def marking(answers: Sequence[tuple[int, Any]]) -> Iterator[None]:
    """Mark where these (field index, value) answers are printed while the block runs."""
    token = _marking.set({id(v): (i, v) for i, v in answers if isinstance(v, str) and v})
    try:
        yield
    finally:
        _marking.reset(token)
