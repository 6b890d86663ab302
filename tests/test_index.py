"""The library index: listings read titles from it, only new or changed files are read again,
and a stale entry is never shown, however the file was changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from terminals import at_once

from drafter import cache, index
from drafter.cli import cli
from drafter.errors import PlaybookError
from drafter.library import Library
from drafter.playbook import load

PLAYBOOK = """\
title: {title}
summary: A note.
group: Replying
channel: email
variants:
  - {{name: a, text: Hi}}
"""
PAST_NS = 1_600_000_000 * 1_000_000_000  # 2020: long before any index written now


def write(lib: Path, pid: str, title: str, past: bool = True) -> Path:
    path = lib / "playbooks" / f"{pid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAYBOOK.format(title=title), encoding="utf-8")
    if past:  # not "racily clean": the index may trust its stamp
        os.utime(path, ns=(PAST_NS, PAST_NS))
    return path


def summarize(lib: Path, ids: list[str], loaded: list[str]) -> dict[str, object]:
    library = Library(lib, str(lib))

    def loader(pid: str) -> object:
        loaded.append(pid)
        return load(library.path_of(pid), library)

    return dict(index.summarize(library.playbooks_dir, ids, loader))


def titles(found: dict[str, object]) -> dict[str, str]:
    return {k: v.title for k, v in found.items() if isinstance(v, index.Summary)}


def test_only_new_or_changed_files_are_read_again(tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path, f"p{i}", f"Title {i}")
    loaded: list[str] = []
    first = summarize(tmp_path, [f"p{i}" for i in range(5)], loaded)
    assert titles(first)["p3"] == "Title 3" and sorted(loaded) == [f"p{i}" for i in range(5)]
    loaded.clear()
    write(tmp_path, "p2", "Changed")
    write(tmp_path, "p5", "New")
    again = summarize(tmp_path, [f"p{i}" for i in range(6)], loaded)
    assert sorted(loaded) == ["p2", "p5"]
    assert titles(again) == {**titles(first), "p2": "Changed", "p5": "New"}


def test_an_edit_in_the_same_tick_with_the_same_size_is_seen(tmp_path: Path) -> None:
    """Written, indexed and rewritten within the index's racy window: the hash decides."""
    path = write(tmp_path, "p", "Alpha", past=False)
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Alpha"}
    before = path.stat()
    path.write_text(PLAYBOOK.format(title="Omega"), encoding="utf-8")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same modification time
    assert path.stat().st_size == before.st_size
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Omega"}


def test_an_old_file_rewritten_with_its_old_time_and_size_is_seen(tmp_path: Path) -> None:
    """Outside the racy window too: the change time (which no one can set) gives it away."""
    path = write(tmp_path, "p", "Alpha")
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Alpha"}
    write(tmp_path, "p", "Omega")  # same size, and its modification time put back
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Omega"}
    assert path.stat().st_mtime_ns == PAST_NS


def test_a_playbook_that_does_not_load_is_reported_from_the_index_too(tmp_path: Path) -> None:
    path = tmp_path / "playbooks" / "bad.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("title: Bad\nchannel: nowhere\nvariants: [{name: a, text: Hi}]\n")
    os.utime(path, ns=(PAST_NS, PAST_NS))
    loaded: list[str] = []
    first = summarize(tmp_path, ["bad"], loaded)["bad"]
    again = summarize(tmp_path, ["bad"], loaded)["bad"]
    assert loaded == ["bad"]  # the second time from the index
    assert isinstance(first, PlaybookError) and isinstance(again, PlaybookError)
    assert str(again) == str(first) and (again.line, again.rule) == (first.line, first.rule)


def test_a_damaged_index_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    write(tmp_path, "p", "Alpha")
    summarize(tmp_path, ["p"], [])
    for kept in (cache.folder() / "index").iterdir():
        kept.write_bytes(b"\x80\x04not an index")
    loaded: list[str] = []
    assert titles(summarize(tmp_path, ["p"], loaded)) == {"p": "Alpha"} and loaded == ["p"]


def test_list_shows_an_edit_made_right_after_listing(drafter_home: Path) -> None:
    lib = drafter_home  # the user library
    write(lib, "mine", "First title", past=False)
    assert "First title" in CliRunner().invoke(cli, ["list"]).stdout
    write(lib, "mine", "Other title", past=False)
    shown = CliRunner().invoke(cli, ["list"]).stdout
    assert "Other title" in shown and "First title" not in shown
    (lib / "playbooks" / "mine.yaml").unlink()
    assert "mine" not in CliRunner().invoke(cli, ["list"]).stdout


@pytest.mark.slow
def test_processes_sharing_an_index_never_break_it(drafter_home: Path) -> None:
    for i in range(30):
        write(drafter_home, f"p{i:02d}", f"Title {i}")
    outputs = at_once(drafter_home, *(["list", "--format", "json"] for _ in range(10)))
    assert all(code == 0 and not err for code, _, err in outputs), outputs
    assert len({out for _, out, _ in outputs}) == 1
    again = CliRunner().invoke(cli, ["list", "--format", "json"]).stdout
    assert again == outputs[0][1]
