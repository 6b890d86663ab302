"""What lint reports: a Problem (file:line:col, rule, severity, message), and what rules find."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One mistake in a playbook or template, where it is and which rule it breaks."""

    path: Path | str
    line: int
    col: int
    rule: str
    severity: Severity
    message: str

    def format(self) -> str:
        """The FILE:LINE:COL: RULE: MESSAGE line editors and people read."""
        return f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem for --format json."""
        return {
            "path": str(self.path),
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }


class Finding(NamedTuple):
    """What a rule found and where; the runner adds the rule's id and severity."""

    path: Path | str
    at: tuple[int, int]  # line and column, 1-based
    message: str
