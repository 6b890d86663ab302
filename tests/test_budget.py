"""CPU-time budgets: nested ones (an expression's inside the draft's), pauses, and the draft's
own budget through drafter.draft, the CLI and lint.

No test sleeps or asserts a wall-clock duration: work is CPU burned in a loop, and what is
measured is CPU time. Drafts burn a bounded Jinja loop, under budgets lowered to a few times
what one such loop costs on this machine, so the tests stay fast and mean the same on a fast
machine and a slow one.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import drafter
from drafter import budget, pipeline, sandbox
from drafter.cli import cli
from drafter.playbook import Field

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
    """Outer 0.06 s, inner 0.04 s of it: the outer fires 0.06 s in, not 0.06 s after the inner
    ended (restarted), and not never (disabled by the nesting)."""
    start = time.process_time()
    inner_ended = 0.0
    with pytest.raises(Outer), budget.time_budget(0.06, Outer):
        with pytest.raises(Inner), budget.time_budget(0.04, Inner):
            spin()
        inner_ended = cpu_since(start)
        spin()
    assert 0.04 <= inner_ended < 0.06
    assert 0.06 <= cpu_since(start) < 0.09


def test_an_inner_budget_that_ends_in_time_changes_nothing() -> None:
    start = time.process_time()
    with pytest.raises(Outer), budget.time_budget(0.04, Outer):
        with budget.time_budget(5, Inner):
            burn(0.02)
        spin()
    assert 0.04 <= cpu_since(start) < 0.07


def test_without_an_error_the_timeout_itself_is_raised() -> None:
    with pytest.raises(budget.Timeout), budget.time_budget(0.02):
        spin()


def test_after_the_last_budget_nothing_fires_and_the_handler_is_back() -> None:
    before = signal.getsignal(signal.SIGPROF)
    with pytest.raises(Inner), budget.time_budget(5, Outer), budget.time_budget(0.01, Inner):
        spin()
    burn(0.03)  # well past the inner deadline: no Timeout
    assert signal.getsignal(signal.SIGPROF) == before


def test_a_pause_stops_the_clock_of_the_budgets_around_it() -> None:
    start = time.process_time()
    paused_until = 0.0
    with pytest.raises(Outer), budget.time_budget(0.03, Outer):
        with budget.paused():
            burn(0.05)  # more than the whole budget: not counted
        paused_until = cpu_since(start)
        spin()
    assert paused_until >= 0.05
    assert cpu_since(start) - paused_until >= 0.03 - 0.005  # the budget, all of it, after


def test_a_budget_inside_a_pause_counts_on_its_own() -> None:
    with budget.time_budget(0.03, Outer), budget.paused():
        with pytest.raises(Inner), budget.time_budget(0.01, Inner):
            spin()
        burn(0.05)  # the outer budget stands still


def test_no_garbage_collection_at_the_bottom_of_a_runaway_recursion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collection runs wherever an allocation lands, so also at the bottom of a template's
    recursion that is about to fail, where its callbacks and finalizers cannot be called:
    CPython then printed "Exception ignored in ..." before drafter's one-line error. Frequent
    collections, from a range of stack depths, made it certain before the budget kept the
    collector off while template code runs."""
    runaway = [{"name": "plain", "text": "{{ part_0" + "|e" * 3000 + " }}"}]
    path = write_playbook(tmp_path / "library", "deep", "x", variants=runaway)
    pb = drafter.load_playbook(path)
    ignored: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)  # C code: works at any depth

    def at_depth(frames: int) -> None:
        if frames:
            return at_depth(frames - 1)
        with pytest.raises(drafter.PlaybookError, match="nested too deeply"):
            drafter.draft(pb, me={"name": "Ana"})

    before = gc.get_threshold()
    try:
        for threshold in (1, 3):
            gc.set_threshold(threshold)
            for frames in range(3):
                at_depth(frames)
    finally:
        gc.set_threshold(*before)
    assert ignored == []


def test_budgets_do_nothing_outside_the_main_thread() -> None:
    """Signals reach only the main thread: a worker thread's draft is not interrupted."""
    raised: list[BaseException] = []

    def work() -> None:
        try:
            with budget.time_budget(0.01, Inner):
                burn(0.03)
        except BaseException as exc:  # noqa: B036  # the test is that nothing is raised
            raised.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert raised == []


# --- the draft's budget ------------------------------------------------------------------

# 400,000 loop steps: about a hundredth of a second of CPU time.
BURN = "{% for i in range(400) %}{% for j in range(1000) %}{% endfor %}{% endfor %}x"
FIELDS = 8


@pytest.fixture(scope="module")
def unit() -> float:
    """The CPU time BURN takes here (measured, so the budgets below scale with the machine).

    The least of five runs: measured once while the machine is busy (a shared core makes CPU
    time run slower), a unit would be too long for the later, quicker runs, and eight parts
    could fit a draft's budget of four units."""
    template = sandbox.environment().from_string(BURN)
    template.render()  # warm up
    times = []
    for _ in range(5):
        start = time.process_time()
        template.render()
        times.append(cpu_since(start))
    return max(min(times), 0.005)


def tighten(monkeypatch: pytest.MonkeyPatch, unit: float) -> float:
    """Budgets a few BURNs long: each BURN fits its own budget, FIELDS of them do not fit the
    draft's. Returns the draft's budget."""
    monkeypatch.setattr(sandbox, "TIME_BUDGET", 4 * unit)
    monkeypatch.setattr(pipeline, "DRAFT_BUDGET", FIELDS / 2 * unit)
    return FIELDS / 2 * unit


@pytest.fixture
def tight(monkeypatch: pytest.MonkeyPatch, unit: float) -> float:
    return tighten(monkeypatch, unit)


def write_playbook(root: Path, pid: str, default: str, **more: Any) -> Path:
    """A library with one playbook of FIELDS fields, each with `default` (and `more` keys)."""
    names = [f"part_{i}" for i in range(FIELDS)]
    spec = {
        "title": "Busy",
        "summary": "Many parts, each within its budget.",
        "channel": "email",
        "subject": "Hello",
        "fields": [{"name": n, "prompt": f"Part {n}?", "default": default} for n in names],
        "variants": [{"name": "plain", "text": " ".join("{{ " + n + " }}" for n in names)}],
        "examples": {"defaults": {"me": {"name": "Ana Ruiz"}}},
        **more,
    }
    for sub in ("playbooks", "templates"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    path = root / "playbooks" / f"{pid}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def busy(tmp_path: Path) -> Path:
    return write_playbook(tmp_path / "library", "busy", BURN)


def too_much(seconds: float) -> str:
    return f"drafting took more than {seconds:g} s of CPU time; the playbook does too much work"


def test_many_parts_within_their_budgets_exceed_the_drafts(busy: Path, tight: float) -> None:
    with pytest.raises(drafter.PlaybookError) as caught:
        drafter.draft(busy, me={"name": "Ana"})
    assert str(caught.value) == f"{busy}: {too_much(tight)}"
    assert caught.value.exit_code == 2


def test_the_drafts_budget_through_the_cli(busy: Path, tight: float) -> None:
    result = CliRunner().invoke(
        cli, ["--library", str(busy.parent.parent), "draft", "busy", "--no-input"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"drafter: error: {busy}: {too_much(tight)}\n"


def test_the_drafts_budget_holds_for_lints_examples(busy: Path, tight: float) -> None:
    result = CliRunner().invoke(cli, ["--library", str(busy.parent.parent), "lint", "busy"])
    assert result.exit_code == 1
    assert f"example-fails: example 'defaults': {too_much(tight)}" in result.stdout


def test_one_part_over_its_own_budget_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: float
) -> None:
    """Inside the draft's budget, a part's own budget still names the part."""
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    path = write_playbook(tmp_path / "library", "stuck", loop)
    # The part's budget well inside the draft's: with the two equal (as `tight` makes them),
    # the draft's, started earlier by loading the playbook, could run out first on a busy
    # machine and name the playbook instead of the part.
    monkeypatch.setattr(sandbox, "TIME_BUDGET", 4 * unit)
    monkeypatch.setattr(pipeline, "DRAFT_BUDGET", 16 * unit)
    with pytest.raises(drafter.RenderError, match=r"fields\[0\]\.default: rendering took longer"):
        drafter.draft(path, me={"name": "Ana"})


def test_time_at_a_prompt_is_not_the_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unit: float
) -> None:
    """Prompting (prompt_toolkit drawing, validation) costs CPU; the playbook is not charged."""
    path = write_playbook(tmp_path / "library", "quick", "{{ 'x' }}")
    drafter.draft(path, me={"name": "Ana"})  # warm: imports and compiling are done
    tight = tighten(monkeypatch, unit)

    def ask(field: Field, default: Any, answers: Any) -> Any:
        burn(2 * tight / FIELDS)  # twice the draft's budget, over all the prompts
        return default

    outcome = drafter.draft(path, me={"name": "Ana"}, ask=ask)
    assert outcome.answers == {f"part_{i}": "x" for i in range(FIELDS)}


def test_an_honest_builtin_draft_is_unaffected() -> None:
    answers = {"recipient_name": "Sam Lee", "offering": "outsourced SDRs"}
    outcome = drafter.draft("decline-sales-pitch", answers, me={"name": "Ana Ruiz"})
    assert outcome.text.startswith("Hi Sam,")


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
