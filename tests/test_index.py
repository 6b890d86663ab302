"""The library index: listings read titles from it, only new or changed files are read again,
and a stale entry is never shown, however the file was changed."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner
from terminals import at_once

from drafter import cache, index
from drafter.cli import cli
from drafter.errors import PlaybookError
from drafter.library import Entry, Library, Search
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


def test_an_index_whose_columns_disagree_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    for pid in ("a", "b"):
        write(tmp_path, pid, f"Title {pid}")
    summarize(tmp_path, ["a", "b"], [])
    (kept,) = (cache.folder() / "index").iterdir()
    torn = msgspec.msgpack.decode(pickle.loads(kept.read_bytes()))
    torn[4] = torn[4][:1]  # one title for two files: it decodes, and lines up wrong
    kept.write_bytes(pickle.dumps(msgspec.msgpack.encode(torn)))
    loaded: list[str] = []
    found = summarize(tmp_path, ["a", "b"], loaded)
    assert titles(found) == {"a": "Title a", "b": "Title b"} and loaded == ["a", "b"]


def test_files_listed_in_another_order_or_gone_keep_their_own_entries(tmp_path: Path) -> None:
    for pid in ("a", "b", "c"):
        write(tmp_path, pid, f"Title {pid}")
    summarize(tmp_path, ["a", "b", "c"], [])
    (tmp_path / "playbooks" / "a.yaml").unlink()
    loaded: list[str] = []
    assert titles(summarize(tmp_path, ["c", "b"], loaded)) == {"c": "Title c", "b": "Title b"}
    assert titles(summarize(tmp_path, ["b", "c"], loaded)) == {"b": "Title b", "c": "Title c"}
    assert loaded == []


def test_without_opening_the_folder_an_edit_is_seen_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "supports_dir_fd", set())  # as on Windows: a path a file
    path = write(tmp_path, "p", "Alpha", past=False)
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Alpha"}
    before = path.stat()
    path.write_text(PLAYBOOK.format(title="Omega"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert titles(summarize(tmp_path, ["p"], [])) == {"p": "Omega"}


def test_a_file_dated_past_2262_is_listed_and_read_again_each_time(tmp_path: Path) -> None:
    path = write(tmp_path, "p", "Alpha")
    os.utime(path, (PAST_NS // 10**9, 10**10))  # 2286: more nanoseconds than 64 bits hold
    assert path.stat().st_mtime_ns >= 2**63
    loaded: list[str] = []
    assert titles(summarize(tmp_path, ["p"], loaded)) == {"p": "Alpha"}
    assert titles(summarize(tmp_path, ["p"], loaded)) == {"p": "Alpha"}
    assert loaded == ["p", "p"]  # not kept: there is no stamp to trust it by


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


# Past its time, a listing reads new files' first lines only; later ones check them.
BAD_BELOW = PLAYBOOK.format(title="Bad below") + "fields: [{name: x, prompt: X, type: txt}]\n"


class Clock:
    """Time that passes only while a playbook is validated: a second each."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def listing(lib: Path, ids: list[str], loaded: list[str], seconds: float) -> dict[str, Any]:
    """One listing that may spend `seconds` validating: that many playbooks."""
    library = Library(lib, str(lib))
    clock = Clock()

    def loader(pid: str) -> object:
        loaded.append(pid)
        clock.now += 1
        return load(library.path_of(pid), library)

    found = index.summarize(
        library.playbooks_dir, ids, loader, index.peek, deadline=seconds, clock=clock
    )
    return dict(found)


def test_past_its_time_a_listing_checks_new_files_on_later_runs(tmp_path: Path) -> None:
    ids = ["p0", "p1", "p2", "p3", "z-bad"]
    for pid in ids[:-1]:
        write(tmp_path, pid, f"Title {pid}")
    bad = tmp_path / "playbooks" / "z-bad.yaml"
    bad.write_text(BAD_BELOW, encoding="utf-8")
    os.utime(bad, ns=(PAST_NS, PAST_NS))
    with pytest.raises(PlaybookError) as caught:
        load(bad)
    runs: list[list[str]] = []
    shown = []
    for _ in range(4):
        loaded: list[str] = []
        shown.append(listing(tmp_path, ids, loaded, seconds=2))
        runs.append(loaded)
    assert runs == [["p0", "p1"], ["p2", "p3"], ["z-bad"], []]
    assert all(titles(found)["p3"] == "Title p3" for found in shown)
    # Listed by its title until checked; from then on, reported as loading reports it.
    assert [titles(found).get("z-bad") for found in shown] == ["Bad below"] * 2 + [None] * 2
    for found in shown[2:]:
        error = found["z-bad"]
        assert isinstance(error, PlaybookError) and str(error) == str(caught.value)
        assert (error.line, error.rule) == (caught.value.line, caught.value.rule)


def test_new_and_changed_files_are_checked_before_ones_left_unchecked(tmp_path: Path) -> None:
    ids = [f"p{i}" for i in range(4)]
    for pid in ids:
        write(tmp_path, pid, f"Title {pid}")
    loaded: list[str] = []
    assert titles(listing(tmp_path, ids, loaded, seconds=0))["p2"] == "Title p2"
    assert loaded == []  # all from their first lines
    write(tmp_path, "p0", "Edited, not yet checked")  # an unchecked file edited: read again
    assert titles(listing(tmp_path, ids, loaded, seconds=0))["p0"] == "Edited, not yet checked"
    write(tmp_path, "p3", "Edited")
    write(tmp_path, "p9", "New")
    found = listing(tmp_path, [*ids, "p9"], loaded, seconds=2)
    assert loaded == ["p3", "p9"] and titles(found)["p3"] == "Edited"
    loaded.clear()
    found = listing(tmp_path, [*ids, "p9"], loaded, seconds=9)
    assert loaded == ["p0", "p1", "p2"] and titles(found)["p0"] == "Edited, not yet checked"


HEADLESS = {  # first lines that cannot stand for the playbook: loaded whole at once
    "wrong-type": "title: 12\nchannel: email\nvariants: [{name: a, text: Hi}]\n",
    "no-title": "channel: email\nvariants: [{name: a, text: Hi}]\n",
    "empty-title": "title: ''\nchannel: email\nvariants: [{name: a, text: Hi}]\n",
    "channel": "title: T\nchannel: fax\nvariants: [{name: a, text: Hi}]\n",
    "group": f"title: T\ngroup: {'g' * 41}\nchannel: email\nvariants: [{{name: a, text: Hi}}]\n",
    "syntax": "title: T\nsummary: [unclosed\nchannel: email\n",
    "merged": "<<: {title: T}\nchannel: email\nvariants: [{name: a, text: Hi}]\n",
    "not-utf8": "title: caf\udce9\nchannel: email\nvariants: [{name: a, text: Hi}]\n",
    "a-list": "- title: T\n",
    "valid-no-group": "title: T\nchannel: email\nvariants: [{name: a, text: Hi}]\n",
}


@pytest.mark.parametrize("pid", sorted(HEADLESS))
def test_what_first_lines_cannot_tell_is_loaded_whole_at_once(tmp_path: Path, pid: str) -> None:
    path = tmp_path / "playbooks" / f"{pid}.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(HEADLESS[pid].encode("utf-8", "surrogateescape"))
    loaded: list[str] = []
    got = listing(tmp_path, [pid], loaded, seconds=0)[pid]
    # Only the plain valid file is told by its first lines (with no group, read to its end).
    assert loaded == ([] if pid == "valid-no-group" else [pid])
    try:
        pb = load(path)
    except PlaybookError as exc:
        assert isinstance(got, PlaybookError) and str(got) == str(exc)
        return
    assert got == index.Summary(pid, pb.title, pb.spec.summary, pb.spec.channel, pb.spec.group)


def test_an_unchecked_playbook_is_still_checked_whole_by_draft_and_lint(
    drafter_home: Path,
) -> None:
    path = drafter_home / "playbooks" / "bad-below.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(BAD_BELOW, encoding="utf-8")
    (entry,) = [e for e in Search().entries() if e.id == "bad-below"]
    (listed,) = index.summaries_of([entry], check_seconds=0)
    assert isinstance(listed, index.Summary)  # not yet checked
    for args in (["draft", "bad-below", "--no-input"], ["lint", "bad-below"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code != 0 and "fields[0].type: 'txt' is not one of" in result.output
    (found,) = index.summaries_of([entry], check_seconds=None)  # no limit: every one, now
    assert isinstance(found, PlaybookError)


def test_a_shared_playbook_leading_out_of_its_library_is_refused_unchecked_too(
    tmp_path: Path,
) -> None:
    outside = write(tmp_path / "elsewhere", "secret", "Outside")
    lib = tmp_path / "shared"
    (lib / "playbooks").mkdir(parents=True)
    (lib / "playbooks" / "link.yaml").symlink_to(outside)
    entry = Entry("link", Library(lib, str(lib)), None)
    (found,) = index.summaries_of([entry], check_seconds=0)
    assert isinstance(found, PlaybookError) and found.rule == "library-error"
