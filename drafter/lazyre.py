"""Regular expressions compiled on first use, not at import: a draft only pays for those it runs.

Start-up matters for a CLI, and the shaping rules hold dozens of patterns most drafts never
reach; compiling them all at import cost about 4 ms of every run.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (re's own name)
    """A pattern that `re.compile`s itself the first time a method of it is used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
