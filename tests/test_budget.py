"""CPU-time budgets: nested ones (an expression's inside the draft's) and pauses.

No test sleeps or asserts a wall-clock duration: work is CPU burned in a loop, and what is
measured is CPU time, with budgets of a few hundredths of a second so the tests stay fast.
"""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest
import yaml

import drafter
from drafter import budget, sandbox

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="CPU budgets need POSIX interval timers"
)


class Inner(Exception):
    pass


class Outer(Exception):
    pass


def spin() -> None:
    while True:
        pass


def burn(seconds: float) -> None:
    """Burn `seconds` of CPU time, then return."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def cpu_since(start: float) -> float:
    return time.process_time() - start


# --- nesting -----------------------------------------------------------------------------


def test_the_inner_budget_raises_its_own_error() -> None:
    with pytest.raises(Inner), budget.time_budget(5, Outer), budget.time_budget(0.02, Inner):
        spin()


def test_the_outer_budget_raises_its_own_error_through_an_inner_one() -> None:
    """An inner budget longer than what is left of the outer one does not extend it."""
    start = time.process_time()
    with pytest.raises(Outer), budget.time_budget(0.05, Outer), budget.time_budget(5, Inner):
        spin()
    assert cpu_since(start) < 1


def test_an_outer_timeout_passes_through_code_that_budgets_its_own_work() -> None:
    """The per-expression message is for the expression's own budget, not the draft's."""
    template = sandbox.environment().from_string(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(Outer), budget.time_budget(0.05, Outer):
        sandbox.run(template, {}, "test template")


def test_leaving_an_inner_budget_leaves_the_outer_one_what_it_had_left() -> None:
    """Outer 0.1 s, inner 0.07 s of it: the outer fires 0.1 s in, not 0.1 s after the inner
    ended (restarted), and not never (disabled by the nesting)."""
    start = time.process_time()
    inner_ended = 0.0
    with pytest.raises(Outer), budget.time_budget(0.1, Outer):
        with pytest.raises(Inner), budget.time_budget(0.07, Inner):
            spin()
        inner_ended = cpu_since(start)
        spin()
    assert 0.07 <= inner_ended < 0.1
    assert 0.1 <= cpu_since(start) < 0.15


def test_an_inner_budget_that_ends_in_time_changes_nothing() -> None:
    start = time.process_time()
    with pytest.raises(Outer), budget.time_budget(0.05, Outer):
        with budget.time_budget(5, Inner):
            burn(0.02)
        spin()
    assert 0.05 <= cpu_since(start) < 0.1


def test_without_an_error_the_timeout_itself_is_raised() -> None:
    with pytest.raises(budget.Timeout), budget.time_budget(0.02):
        spin()


def test_after_the_last_budget_nothing_fires_and_the_handler_is_back() -> None:
    before = signal.getsignal(signal.SIGPROF)
    with pytest.raises(Inner), budget.time_budget(5, Outer), budget.time_budget(0.02, Inner):
        spin()
    burn(0.05)  # well past the inner deadline: no Timeout
    assert signal.getsignal(signal.SIGPROF) == before


def test_a_pause_stops_the_clock_of_the_budgets_around_it() -> None:
    start = time.process_time()
    paused_until = 0.0
    with pytest.raises(Outer), budget.time_budget(0.05, Outer):
        with budget.paused():
            burn(0.08)  # more than the whole budget: not counted
        paused_until = cpu_since(start)
        spin()
    assert paused_until >= 0.08
    assert cpu_since(start) - paused_until >= 0.05 - 0.01  # the budget, all of it, after


def test_a_budget_inside_a_pause_counts_on_its_own() -> None:
    with budget.time_budget(0.05, Outer), budget.paused():
        with pytest.raises(Inner), budget.time_budget(0.02, Inner):
            spin()
        burn(0.08)  # the outer budget stands still


def test_budgets_do_nothing_outside_the_main_thread() -> None:
    """Signals reach only the main thread: a worker thread's draft is not interrupted."""
    raised: list[BaseException] = []

    def work() -> None:
        try:
            with budget.time_budget(0.01, Inner):
                burn(0.05)
        except BaseException as exc:  # noqa: B036  # the test is that nothing is raised
            raised.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert raised == []


def test_a_warning_over_its_own_budget_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "TIME_BUDGET", 0.02)
    chain = "range(100000)|map('string')|sort|map('int')|list"
    warn = {"when": f"({chain} + {chain})|sort|length", "message": "Too long."}
    root = tmp_path / "library"
    for sub in ("playbooks", "templates"):
        (root / sub).mkdir(parents=True)
    spec = {
        "title": "Warny",
        "summary": "A warning that runs too long.",
        "channel": "email",
        "subject": "Hello",
        "fields": [{"name": "name", "prompt": "Who?"}],
        "variants": [{"name": "plain", "text": "Hi {{ name }}."}],
        "checks": {"warn": [warn]},
    }
    path = root / "playbooks" / "warny.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    with pytest.raises(drafter.PlaybookError, match=r"checks\.warn\[0\]\.when: took too long"):
        drafter.draft(path, {"name": "Sam"}, me={"name": "Ana"})
