"""write_atomic and --output: only regular files, modes that follow the umask, clean failures."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.errors import DrafterError, UsageError
from drafter.output import write_atomic

HELLO = """\
title: Say hello
summary: A short note to say hello.
channel: linkedin-note
fields:
  - {name: recipient_name, prompt: Who are you writing to?, required: true}
variants:
  - {name: warm, text: "Hi {{ recipient_name|first_name }}, good to meet you."}
"""
DRAFT = ["draft", "hello", "--set", "recipient_name=Elena Petrova"]


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "hello.yaml").write_text(HELLO, encoding="utf-8")
    return root


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _symlink(path: Path) -> str:
    (path.parent / "real.txt").write_text("real\n", encoding="utf-8")
    path.symlink_to(path.parent / "real.txt")
    return "is a symbolic link"


def _dangling(path: Path) -> str:
    path.symlink_to(path.parent / "nowhere.txt")
    return "is a symbolic link"


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return "is a FIFO"


def _device(path: Path) -> str:
    # A device of our own (the same as /dev/null), so a broken write_atomic cannot harm the real one.
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot create a device node here")
    return "is a device"


def _socket(path: Path) -> str:
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return "is a socket"


def _folder(path: Path) -> str:
    path.mkdir()
    return "is a directory"


MAKERS = [_symlink, _dangling, _fifo, _device, _socket, _folder]


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets are POSIX")
@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__.strip("_"))
def test_refuses_what_is_not_a_regular_file_even_with_force(
    tmp_path: Path, make: Callable[[Path], str], force: bool
) -> None:
    target = tmp_path / "out.txt"
    what = make(target)
    before = os.lstat(target)
    with pytest.raises(UsageError) as err:
        write_atomic(target, "hello\n", force=force)
    assert str(err.value).startswith(f"{target}: {what}")
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)  # not replaced
    assert after.st_ino == before.st_ino
    assert _leftovers(tmp_path) == []
    if make is _symlink:
        assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "real\n"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_dev_null_and_dev_stdout_are_refused_by_name() -> None:
    # Only without force: the real devices must never be at stake in a test.
    with pytest.raises(UsageError, match="^/dev/null: is a device"):
        write_atomic(Path("/dev/null"), "hello\n")
    if Path("/dev/stdout").is_symlink():
        with pytest.raises(UsageError, match="^/dev/stdout: is a symbolic link"):
            write_atomic(Path("/dev/stdout"), "hello\n")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_output_to_a_device_is_one_line_usage_error(lib: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--library", str(lib), *DRAFT, "--output", "/dev/null"], prog_name="drafter"
    )
    assert result.exit_code == 2, result.output
    assert result.stderr == "drafter: error: /dev/null: is a device, not a regular file\n"
    assert result.stdout == ""


def test_force_replaces_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    write_atomic(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_follows_the_umask(
    tmp_path: Path, umask: Callable[[int], int], mask: int, mode: int
) -> None:
    umask(mask)
    target = tmp_path / "out.txt"
    write_atomic(target, "hello\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: Callable[[int], int]) -> None:
    umask(0o077)
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o664)
    write_atomic(target, "new\n", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_text(encoding="utf-8") == "new\n"


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="only root can give a file to someone else"
)
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    os.chown(target, 4321, 4321)
    write_atomic(target, "new\n", force=True)
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4321)


def test_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "copy.bin"
    write_atomic(target, b"name: Jos\xe9\r\n")
    assert target.read_bytes() == b"name: Jos\xe9\r\n"


def test_text_that_cannot_be_utf8_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "new" / "out.txt"
    with pytest.raises(UsageError, match="cannot write: the text is not valid UTF-8"):
        write_atomic(target, "Jos\udce9\n")
    assert list(tmp_path.iterdir()) == []


def test_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    write_atomic(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"


@pytest.mark.parametrize("under", ["", "sub/deeper"])
def test_a_file_where_a_folder_should_be_is_a_clear_error(tmp_path: Path, under: str) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("a file\n", encoding="utf-8")
    target = blocker / under / "out.txt"
    with pytest.raises(DrafterError) as err:
        write_atomic(target, "hello\n")
    assert str(err.value) == f"{target}: cannot write: {blocker} is not a folder"
    assert err.value.exit_code == 1
    assert blocker.read_text(encoding="utf-8") == "a file\n"


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_a_write_that_fails_for_real_is_one_line_and_leaves_nothing(
    lib: Path, tmp_path: Path
) -> None:
    """A file-size limit (RLIMIT_FSIZE) makes the write fail with EFBIG, as a full disk would."""
    import resource
    import signal

    def limit() -> None:  # in the child: over-size writes fail with EFBIG instead of killing it
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8, 8))

    target = tmp_path / "out" / "drafts" / "note.txt"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "--library",
            str(lib),
            *DRAFT,
            "--output",
            str(target),
            "--no-history",
        ],  # the limit would stop the history's own write too (a warning)
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        preexec_fn=limit,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == f"drafter: error: {target}: cannot write: File too large\n"
    assert proc.stdout == ""
    assert not (tmp_path / "out").exists()  # the folders it made are gone again


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO])
def test_write_errors_are_drafter_errors_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # Tests run as root on one writable disk: a full disk, a read-only mount or a denied
    # permission cannot be made for real here, so the OS reports them through a stand-in.
    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    target = tmp_path / "new" / "out.txt"
    with pytest.raises(DrafterError) as err:
        write_atomic(target, "hello\n")
    assert not isinstance(err.value, UsageError)
    assert err.value.exit_code == 1
    assert str(err.value) == f"{target}: cannot write: {os.strerror(code)}"
    assert not (tmp_path / "new").exists()
    existing = tmp_path / "kept.txt"
    existing.write_text("old\n", encoding="utf-8")
    with pytest.raises(DrafterError):
        write_atomic(existing, "new\n", force=True)
    assert existing.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_failure_keeps_folders_that_were_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As above: ENOSPC cannot be had for real on this machine.
    def fail(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    (tmp_path / "kept").mkdir()
    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(DrafterError):
        write_atomic(tmp_path / "kept" / "new" / "out.txt", "hello\n")
    assert [p.name for p in tmp_path.iterdir()] == ["kept"]
    assert list((tmp_path / "kept").iterdir()) == []
