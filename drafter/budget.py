"""CPU-time budgets, nested: one per expression inside one per draft, on one profiling timer.

A playbook's templates and expressions each get `sandbox.TIME_BUDGET`; a playbook with many of
them gets `pipeline.DRAFT_BUDGET` in all. Budgets nest as a stack of deadlines in CPU time
(`time.process_time`); the one ITIMER_PROF timer is armed for the nearest of them. When it
fires, the innermost budget whose own deadline has passed raises its own error; leaving a
budget re-arms the timer for what is left of the ones around it. `paused()` stops the clock
for every budget around it (a person typing at a prompt is not the playbook's work).

CPU time, not wall time: a busy or slow machine must never fail an honest draft. Signals
reach only the main thread: elsewhere (a worker thread of a server) budgets do nothing.
While a budget's clock runs, the cyclic garbage collector does not (see `_arm`).
"""

from __future__ import annotations

import gc
import math
import signal
import threading
import time
import types
from collections.abc import Callable
from typing import Any

REPEAT = 0.05  # after the first signal, another every 50 ms until the budget ends
_SOON = 1e-4  # the timer's value for a deadline already passed (zero would disarm it)


class Timeout(BaseException):
    """Raised by the timer inside `budget`. A BaseException, so no `except Exception` in Jinja
    or the standard library (e.g. the `sequence` test) can swallow it and let a loop run on."""

    def __init__(self, budget: Budget):
        super().__init__(f"more than {budget.seconds:g} s of CPU time")
        self.budget = budget


class Budget:
    """A context manager: the code inside may burn `seconds` of CPU time (see `time_budget`)."""

    def __init__(
        self, seconds: float, error: Callable[[], BaseException] | None = None, pause: bool = False
    ):
        self.seconds = seconds
        self.error = error
        self.pause = pause  # a pause shields the budgets below it on the stack
        self.started = 0.0
        self.deadline = math.inf  # in process_time() seconds
        self.active = False

    def __enter__(self) -> Budget:
        usable = (
            hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )
        if not usable or (self.pause and not _stack):
            return self
        self.started = time.process_time()
        self.deadline = math.inf if self.pause else self.started + self.seconds
        if not _stack:
            _install()
        _stack.append(self)
        self.active = True
        _arm()
        return self

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> None:
        if not self.active:
            return
        self.active = False
        _stack.remove(self)
        if self.pause:  # the clock stood still for the budgets this one shielded
            spent = time.process_time() - self.started
            for outer in reversed(_stack):
                if outer.pause:
                    break
                outer.deadline += spent
        if _stack:
            _arm()
        else:
            _uninstall()
        if isinstance(exc, Timeout) and exc.budget is self and self.error is not None:
            raise self.error() from None


def time_budget(seconds: float, error: Callable[[], BaseException] | None = None) -> Budget:
    """Interrupt pure-Python work inside that burns more than `seconds` of CPU (main thread, POSIX).

    When this budget runs out first, `error()` is raised from it (without `error`, the
    Timeout itself); when a budget around it runs out, that one's Timeout passes through.
    After the first signal another comes every 50 ms until the budget ends, so foreign code
    that catches one (with a bare `except`) is interrupted again, and one that lands while a
    finalizer runs, where an exception would be lost, waits for the next.
    """
    return Budget(seconds, error)


def paused() -> Budget:
    """Stop the clock of every budget around this (e.g. while a person answers a prompt).

    Budgets entered inside count as usual, on their own.
    """
    return Budget(math.inf, pause=True)


_stack: list[Budget] = []  # innermost last (main thread only)
_previous: Any = None  # the SIGPROF handler before the outermost budget
_gc_enabled = True  # whether the cyclic garbage collector ran before the outermost budget


def _arm() -> None:
    """Set the timer for the nearest deadline above the innermost pause, or stop it.

    While the clock runs, the cyclic garbage collector does not. It runs wherever an
    allocation happens, even at the bottom of a template's runaway recursion, where its
    callbacks and finalizers cannot be called and CPython prints so; and a Timeout raised
    in a finalizer it runs would be lost (and printed). Templates make next to no cyclic
    garbage; what there is waits for the end of the budget, or a pause.
    """
    deadline = math.inf
    for budget in reversed(_stack):
        if budget.pause:
            break
        deadline = min(deadline, budget.deadline)
    if deadline == math.inf:
        signal.setitimer(signal.ITIMER_PROF, 0)
        if _gc_enabled:
            gc.enable()
    else:
        gc.disable()
        left = max(deadline - time.process_time(), _SOON)
        signal.setitimer(signal.ITIMER_PROF, left, REPEAT)


def _install() -> None:
    global _previous, _gc_enabled
    _previous = signal.signal(signal.SIGPROF, _on_signal)
    _gc_enabled = gc.isenabled()


def _uninstall() -> None:
    # Timer first: a signal still on its way then finds our handler, which ignores it here.
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.signal(signal.SIGPROF, _previous if _previous is not None else signal.SIG_DFL)
    if _gc_enabled:
        gc.enable()


def _in_finalizer(frame: types.FrameType | None) -> bool:
    """Whether a `__del__` is running: an exception raised there is lost ("unraisable")."""
    depth = 0
    while frame is not None and depth < 50:
        if frame.f_code.co_name == "__del__":
            return True
        frame, depth = frame.f_back, depth + 1
    return False


def _on_signal(signum: int, frame: types.FrameType | None) -> None:
    # Never inside the bookkeeping (a Timeout there would leave the stack half-updated) or a
    # finalizer (where it would be lost): the next signal comes 50 ms later.
    if (frame is not None and frame.f_code in _QUIET) or _in_finalizer(frame):
        return
    now = time.process_time()
    for budget in reversed(_stack):
        if budget.pause:
            return
        if now >= budget.deadline:
            raise Timeout(budget)
    if _stack:
        _arm()  # a hair early (the timer and the clock count in different steps): wait on


_QUIET = frozenset(
    f.__code__ for f in (Budget.__enter__, Budget.__exit__, _arm, _install, _uninstall, _on_signal)
)
