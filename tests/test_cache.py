"""What drafter keeps between runs (compiled templates, validated playbooks, where the packs
are): faster, and never wrong, stale or in the way.

The template runs are separate `python -m drafter` processes, as a user's runs are: the
sandbox binds its cache when it is first built, once per process.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter import playbook
from drafter.errors import PlaybookError
from drafter.library import Search

PLAYBOOK = """\
title: Cache probe
channel: linkedin-message
fields:
  - {name: who, prompt: Who?}
  - {name: mood, prompt: Mood?, type: choice, choices: [{value: warm, label: Warm}, {value: cool, label: Cool}], default: warm}
  - {name: extra, prompt: Anything else?, required: false, when: "mood == 'warm'"}
variants:
  - {name: file, template: probe/file.j2}
  - {name: inline, text: "Hello {{ who }}, from the inline text.{% if extra %} {{ extra }}{% endif %}"}
"""
TEMPLATE = "Hi {{ who }}, this is version one.{% if extra %} {{ extra }}{% endif %}\n"


@pytest.fixture
def home(drafter_home: Path) -> Path:
    (drafter_home / "playbooks").mkdir()
    (drafter_home / "playbooks" / "probe.yaml").write_text(PLAYBOOK, encoding="utf-8")
    (drafter_home / "templates" / "probe").mkdir(parents=True)
    (drafter_home / "templates" / "probe" / "file.j2").write_text(TEMPLATE, encoding="utf-8")
    (drafter_home / "profile.yaml").write_text("name: Ana Ruiz\n", encoding="utf-8")
    return drafter_home


def draft(home: Path, variant: str, *more: str) -> str:
    env = {**os.environ, "DRAFTER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", "probe", "--no-input", "--variant", variant,
         "--set", "who=Sam", "--set", "extra=See you soon", *more],
        env=env, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def entries(home: Path) -> list[Path]:
    folder = home / "cache" / "templates"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_second_run_uses_what_the_first_compiled(home: Path) -> None:
    first = draft(home, "file")
    kept = entries(home)
    # The template file and the `when` expression, each kept once; only the owner may read.
    assert len(kept) == 2
    assert stat.S_IMODE((home / "cache" / "templates").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in kept)
    stamps = [path.stat().st_mtime_ns for path in kept]
    assert draft(home, "file") == first
    assert entries(home) == kept  # found, not written again
    assert [path.stat().st_mtime_ns for path in kept] == stamps
    assert "Hi Sam, this is version one. See you soon" in first


def test_inline_text_is_kept_too(home: Path) -> None:
    first = draft(home, "inline")
    assert "Hello Sam, from the inline text. See you soon" in first
    assert len(entries(home)) == 2  # the variant's text and the expression
    assert draft(home, "inline") == first


def test_an_edited_template_is_never_served_stale(home: Path) -> None:
    """Same size, same modification time: only the content says it changed."""
    path = home / "templates" / "probe" / "file.j2"
    assert "version one" in draft(home, "file")
    before = path.stat()
    path.write_text(TEMPLATE.replace("one", "two"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert "Hi Sam, this is version two." in draft(home, "file")


def test_an_edited_expression_is_never_served_stale(home: Path) -> None:
    assert "See you soon" in draft(home, "file")
    playbook = home / "playbooks" / "probe.yaml"
    playbook.write_text(PLAYBOOK.replace("mood == 'warm'", "mood == 'cool'"), encoding="utf-8")
    # `extra` is now asked only when the mood is cool, so the warm draft leaves it out.
    out = draft(home, "file")
    assert "version one." in out and "See you soon" not in out


def test_damaged_entries_are_compiled_again(home: Path) -> None:
    good = draft(home, "file")
    for path in entries(home):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + b"\x00garbage")  # torn, then scribbled on
    assert draft(home, "file") == good
    for path in entries(home):
        path.write_bytes(b"")
    assert draft(home, "file") == good


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(home: Path) -> None:
    (home / "cache").write_text("not a folder", encoding="utf-8")
    assert "Hi Sam, this is version one." in draft(home, "file")
    assert (home / "cache").read_text(encoding="utf-8") == "not a folder"


def test_a_syntax_error_is_reported_the_same_with_a_warm_cache(home: Path) -> None:
    draft(home, "file")
    playbook = home / "playbooks" / "probe.yaml"
    playbook.write_text(PLAYBOOK.replace("mood == 'warm'", "mood == = 'warm'"), encoding="utf-8")
    env = {**os.environ, "DRAFTER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", "draft", "probe", "--no-input", "--set", "who=Sam"],
        env=env, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "invalid expression" in proc.stderr and "probe.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not any("garbage" in str(path) for path in entries(home))


# --- validated playbooks --------------------------------------------------------------------

BUILTIN = Path(__file__).resolve().parent.parent / "playbooks" / "decline-sales-pitch.yaml"


def kept(home: Path, kind: str) -> list[Path]:
    folder = home / "cache" / kind
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_playbook_is_validated_once_and_loads_the_same(drafter_home: Path) -> None:
    first = playbook.load(BUILTIN)
    assert len(kept(drafter_home, "playbooks")) == 1
    again = playbook.load(BUILTIN)
    assert again.spec == first.spec and again.text == first.text and again.id == first.id
    assert again.spec == playbook.parse(BUILTIN.read_text(encoding="utf-8"), BUILTIN).spec


def test_an_edit_is_validated_even_when_the_old_text_was_kept(
    drafter_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "probe.yaml"
    path.write_text(PLAYBOOK.replace("probe/file.j2", "x.j2"), encoding="utf-8")
    assert playbook.load(path).title == "Cache probe"
    stamp = path.stat()
    broken = PLAYBOOK.replace("probe/file.j2", "x.j2").replace("title:", "titel:")
    assert len(broken) == len(PLAYBOOK.replace("probe/file.j2", "x.j2"))
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time
    with pytest.raises(PlaybookError, match="titel"):
        playbook.load(path)


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x80\x04garbage", pickle.dumps({"title": "not a spec"}), pickle.dumps(None)],
    ids=["empty", "torn", "foreign", "none"],
)
def test_a_damaged_or_foreign_entry_is_a_miss(drafter_home: Path, damage: bytes) -> None:
    good = playbook.load(BUILTIN).spec
    (entry,) = kept(drafter_home, "playbooks")
    entry.write_bytes(damage)
    assert playbook.load(BUILTIN).spec == good
    assert entry.read_bytes() != damage  # written again, whole


def test_a_cache_folder_that_cannot_be_made_costs_nothing(drafter_home: Path) -> None:
    (drafter_home / "cache").write_text("a file where the folder would go", encoding="utf-8")
    assert playbook.load(BUILTIN).title
    assert not list(drafter_home.glob("cache*/**"))
    assert not [p for p in drafter_home.iterdir() if p.name.endswith(".tmp")]


# --- where the packs are ------------------------------------------------------------------

HOUR_AGO = time.time_ns() - 3600 * 10**9


def add_pack(site: Path, name: str, lib: Path) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(
        f"[drafter.libraries]\n{name} = {name}_module:LIBRARY\n", encoding="utf-8"
    )
    (site / f"{name}_module.py").write_text(f"LIBRARY = {str(lib)!r}\n", encoding="utf-8")


def packs(search: Search) -> list[str]:
    return [lib.source for lib in search.libraries() if lib.source.startswith("pack:")]


def test_a_pack_installed_after_the_scan_was_kept_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drafter_home: Path
) -> None:
    import configparser  # noqa: F401  the scan imports it once it finds a pack; sys.path goes
    import importlib

    site = tmp_path / "site"
    site.mkdir()
    lib = tmp_path / "lib"
    (lib / "playbooks").mkdir(parents=True)
    # Only this folder, so no other one on sys.path (a checkout made a second ago) is too new.
    monkeypatch.setattr(sys, "path", [str(site)])
    os.utime(site, ns=(HOUR_AGO, HOUR_AGO))
    assert "pack:early" not in packs(Search())
    assert kept(drafter_home, "packs")  # the folder is old enough to trust its time

    add_pack(site, "early", lib)  # installing changes the folder's time: a new key
    importlib.invalidate_caches()
    assert "pack:early" in packs(Search())  # changed seconds ago: scanned, not kept
    os.utime(site, ns=(HOUR_AGO + 10**9, HOUR_AGO + 10**9))
    assert "pack:early" in packs(Search())  # scanned and kept under the new time
    assert "pack:early" in packs(Search())  # and found there

    (site / "early-1.0.dist-info" / "entry_points.txt").unlink()
    (site / "early-1.0.dist-info").rmdir()
    os.utime(site, ns=(HOUR_AGO + 2 * 10**9, HOUR_AGO + 2 * 10**9))
    assert "pack:early" not in packs(Search())  # uninstalled: gone


@pytest.mark.parametrize("foreign", [[1, 2], [("name", "value")], "not a list"])
def test_a_foreign_pack_scan_in_the_cache_is_scanned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drafter_home: Path, foreign: object
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site)])
    os.utime(site, ns=(HOUR_AGO, HOUR_AGO))
    assert packs(Search()) == []
    (entry,) = kept(drafter_home, "packs")
    entry.write_bytes(pickle.dumps(foreign))
    assert packs(Search()) == []  # not a crash: the scan runs again
