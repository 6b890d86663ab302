"""Lint rules for playbooks (placeholder: being written; see issue 3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from drafter.library import Search


@dataclass(frozen=True)
class Problem:
    path: Path | str
    line: int
    col: int
    rule: str
    severity: Literal["error", "warning"]
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }


def lint(search: Search, refs: Sequence[str]) -> list[Problem]:
    """Every problem in the playbooks named by `refs` (ids or paths), or in all of them."""
    return []
