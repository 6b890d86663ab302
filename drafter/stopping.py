"""SIGTERM and SIGHUP: unwind drafter (so a prompt restores the terminal), then exit 128+N.

A Python signal handler runs between two bytecodes of whatever the main thread is doing.
Raising there is not enough on its own: when that is a finalizer or a weakref callback
(the garbage collector runs them at any moment), Python prints "Exception ignored" and
carries on, and a prompt would then wait for a terminal that is gone. So the handler also
notes the signal, and while a prompt is up it asks the prompt's event loop to end it with
Stopped (a loop callback, where raising is safe); `check()` raises a noted signal at the
points drafter passes anyway (before and after each prompt, and at the end of a command).
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any

from drafter.errors import Stopped

_noted: int | None = None


def catch() -> dict[int, Any]:
    """Install the handlers (POSIX, main thread); the previous ones, to give back."""
    global _noted
    _noted = None
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _handle)
    return previous


def restore(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def check() -> None:
    """Raise Stopped for a signal that arrived but could not unwind drafter where it landed."""
    if _noted is not None:
        raise Stopped(_noted)


def _handle(signum: int, frame: Any) -> None:
    global _noted
    _noted = signum
    if _end_prompt(signum):
        return
    raise Stopped(signum)


def _end_prompt(signum: int) -> bool:
    """Ask a running prompt to end with Stopped; False when no prompt is up."""
    current = sys.modules.get("prompt_toolkit.application.current")
    app = current.get_app_or_none() if current is not None else None
    loop = getattr(app, "loop", None)
    if app is None or not app.is_running or loop is None:
        return False

    def end() -> None:
        if not app.future.done():
            app.exit(exception=Stopped(signum), style="class:aborting")

    loop.call_soon_threadsafe(end)  # safe from a signal handler: it only writes to a pipe
    return True
