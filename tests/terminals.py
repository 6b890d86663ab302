"""What the interactive tests share: a drafter process on a pseudo-terminal (pexpect) and a
screen that prompt_toolkit draws on in-process, which a test can wait on."""

from __future__ import annotations

import base64
import io
import re
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pexpect

OSC52 = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


class Session:
    """One drafter process on a pseudo-terminal, with everything it drew kept for asserts."""

    def __init__(self, command: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            command, args, env=env, cwd=str(cwd), encoding="utf-8", timeout=15, dimensions=(40, 120)
        )
        self.child.logfile_read = self.log

    def answer(self, prompt: str, keys: str) -> None:
        """Wait for `prompt` to be drawn, then type `keys`."""
        self.child.expect_exact(prompt)
        self.child.send(keys)

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def finish(self) -> int:
        """Wait for the process to end; its exit status."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        status = self.child.exitstatus
        assert isinstance(status, int), f"killed by signal {self.child.signalstatus}"
        return status

    @property
    def transcript(self) -> str:
        return self.log.getvalue()

    def copied(self) -> list[str]:
        """Every text sent to the terminal's clipboard (OSC 52), in order."""
        return [base64.b64decode(p).decode("utf-8") for p in OSC52.findall(self.transcript)]


@contextmanager
def spawner(env: dict[str, str], cwd: Path) -> Iterator[Callable[..., Session]]:
    """`spawn(*args)` starts `python -m drafter ARGS` (`shell=` a /bin/sh line instead; keyword
    arguments add to the environment); every session is closed at the end."""
    sessions: list[Session] = []

    def spawn(*args: str, shell: str | None = None, **extra: str) -> Session:
        env.update(extra)
        if shell is not None:
            session = Session("/bin/sh", ["-c", shell], env, cwd)
        else:
            session = Session(sys.executable, ["-m", "drafter", *args], env, cwd)
        sessions.append(session)
        return session

    try:
        yield spawn
    finally:
        for session in sessions:
            session.child.close(force=True)


class Screen(io.StringIO):
    """What the prompts drew, as plain text; a test can wait until something appears."""

    def __init__(self) -> None:
        super().__init__()
        self._changed = threading.Condition()

    def write(self, s: str) -> int:
        with self._changed:
            n = super().write(s)
            self._changed.notify_all()
        return n

    def text(self) -> str:
        """Everything drawn so far, each run of white space (line breaks too) as one space."""
        return " ".join(self.getvalue().split())

    def wait_for(self, text: str, timeout: float = 10.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: text in self.text(), timeout)


INTERACTIVE = (Path(__file__).parent / "fixtures" / "interactive").resolve()


def picker_position(title: str, library: Path = INTERACTIVE) -> int:
    """How many times Down moves the no-argument picker's pointer to `title`: every playbook
    found with `library` on the path, grouped and ordered as the picker lists them (the
    group headings are passed over)."""
    from drafter.cli.guided import picker_groups
    from drafter.index import Summary
    from drafter.library import Search

    loaded = [e.load() for e in Search((library,)).entries() if e.overridden_by is None]
    shown = [Summary(pb.id, pb.title, pb.spec.summary, pb.spec.channel, pb.spec.group)
             for pb in loaded]  # fmt: skip
    titles = [title for _, items in picker_groups(shown) for _, title, _ in items]
    return titles.index(title)


def at_once(home: Path, *commands: Sequence[str]) -> list[tuple[int, str, str]]:
    """Run `python -m drafter ARGS` for each of `commands` at the same time, all with
    DRAFTER_HOME at `home`: each one's exit status, stdout and stderr, in order."""
    import os
    import subprocess

    env = {**os.environ, "DRAFTER_HOME": str(home)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "drafter", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for args in commands
    ]
    return [(p.wait(timeout=120), *p.communicate()) for p in procs]
