"""The natural-answer corpus: answers as people type them, rendered with every variant.

tests/corpus/*.yaml holds answer sets written from what people type ("sam lee",
"I'm a data engineer.", "How does your team …?", "their post on …"), not from
what the templates need. Every set, with every variant, must give a draft that is
either sendable (no problem a recipient would notice, `problems()` in
test_builtins) or flagged by a check with a fix: never silently broken.
`benchmarks/corpus.py` reports the shares.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_builtins import LIBRARY, problems

from drafter import pipeline
from drafter.errors import AnswerError
from drafter.names import parse as parse_name
from drafter.playbook import Playbook, load

CORPUS = Path(__file__).parent / "corpus"


@cache
def playbook(pid: str) -> Playbook:
    return load(LIBRARY.path_of(pid), LIBRARY)


def cases() -> list[Any]:
    out = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            given = {**case["answers"], "me": case.get("me") or {}}
            for variant in playbook(path.stem).spec.variants:
                out.append(
                    pytest.param(
                        path.stem,
                        variant.name,
                        given,
                        id=f"{path.stem}/{case['id']}/{variant.name}",
                    )
                )
    return out


def verdict(pid: str, variant: str, given: dict[str, Any]) -> tuple[str, list[str]]:
    """'sendable', 'flagged' or 'broken', and what is wrong."""
    pb = playbook(pid)
    try:
        outcome = pipeline.run(pb, given, variant=variant)
    except AnswerError as exc:  # drafter refuses the answer and says why: flagged
        return "flagged", [str(exc)]
    found = problems(pb, outcome.draft, outcome.answers, outcome.me)
    failed = [f"{r.id}: {r.message}" for r in outcome.checks if not r.ok]
    if failed:
        return "flagged", failed + found
    return ("broken" if found else "sendable"), found


def test_the_corpus_is_large_and_covers_every_builtin() -> None:
    files = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.yaml")}
    assert set(files) == set(LIBRARY.ids())
    assert sum(len(v) for v in files.values()) >= 300
    for pid, items in files.items():
        assert len({c["id"] for c in items}) == len(items), f"{pid}: duplicate ids"


@pytest.mark.slow
@pytest.mark.parametrize(("pid", "variant", "given"), cases())
def test_no_draft_is_silently_broken(pid: str, variant: str, given: dict[str, Any]) -> None:
    kind, found = verdict(pid, variant, given)
    assert kind != "broken", "\n".join(found)


@pytest.mark.parametrize(
    ("typed", "greeting"),
    [
        ("sam lee", "Hi Sam,"),
        ("Petrova, Elena", "Hi Elena,"),
        ("J. Robert Oppenheimer", "Hi Robert,"),
        ("DR. PRIYA SHAH", "Hi Priya,"),
        ('Robert "Bob" Smith', "Hi Bob,"),
        ("Mei Lin Chen (Mei Lin)", "Hi Mei Lin,"),
    ],
)
def test_greetings_use_the_name_people_go_by(typed: str, greeting: str) -> None:
    given = {"recipient_name": typed, "offering": "payroll software", "me": {"name": "ana ruiz"}}
    for variant in ("warm", "brief"):
        body = pipeline.run(playbook("decline-sales-pitch"), given, variant=variant).body
        assert body.startswith(greeting.rstrip(",")), body
        assert body.splitlines()[-1] == "Ana"


def test_same_first_names_stay_unambiguous() -> None:
    given = {
        "person_a_name": "Kim Park",
        "person_a_context": "a paediatrician",
        "person_b_name": "kim nguyen",
        "person_b_context": "a developer",
        "why_connect": "one has the problem and the other the solution",
        "me": {"name": "Ana Ruiz"},
    }
    body = pipeline.run(playbook("double-intro"), given).body
    assert body.startswith("Hi Kim P. and Kim N.,")
    assert "Kim P., this is Kim Nguyen: a developer." in body
    assert "Kim N., this is Kim Park: a paediatrician." in body
    assert parse_name("kim nguyen").full == "Kim Nguyen"
