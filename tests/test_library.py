"""Where playbooks come from: search order, overrides, packs, and the installed wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.errors import NotFoundError
from drafter.library import Library, Search, builtin

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "tests" / "fixtures" / "pack"


def make_library(root: Path, playbook_id: str, title: str) -> Path:
    (root / "playbooks").mkdir(parents=True, exist_ok=True)
    (root / "playbooks" / f"{playbook_id}.yaml").write_text(
        f"title: {title}\nchannel: linkedin-message\nfields: []\n"
        f"variants: [{{name: v, text: 'From {title}'}}]\n",
        encoding="utf-8",
    )
    return root


def drafted(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args], prog_name="drafter")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_search_order_first_match_wins(
    tmp_path: Path, drafter_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opt = make_library(tmp_path / "opt", "p", "option")
    env1 = make_library(tmp_path / "env1", "p", "env1")
    env2 = make_library(tmp_path / "env2", "p", "env2")
    make_library(drafter_home, "p", "user")
    monkeypatch.setenv("DRAFTER_PATH", os.pathsep.join([str(env1), str(env2)]))
    assert drafted("--library", str(opt), "draft", "p") == "From option"
    assert drafted("draft", "p") == "From env1"
    monkeypatch.setenv("DRAFTER_PATH", str(env2))
    assert drafted("draft", "p") == "From env2"
    monkeypatch.delenv("DRAFTER_PATH")
    assert drafted("draft", "p") == "From user"


def test_user_playbook_overrides_a_builtin(drafter_home: Path) -> None:
    some_builtin = builtin().ids()[0]
    make_library(drafter_home, some_builtin, "mine")
    assert drafted("draft", some_builtin) == "From mine"
    entries = [e for e in Search().entries() if e.id == some_builtin]
    assert [
        (e.library.source, e.overridden_by.source if e.overridden_by else None) for e in entries
    ] == [
        ("user", None),
        ("built-in", "user"),
    ]


def test_a_playbook_can_be_given_by_path(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib", "by-path", "path")
    assert drafted("draft", str(lib / "playbooks" / "by-path.yaml")) == "From path"


def test_template_reference_resolves_only_in_its_own_library(tmp_path: Path) -> None:
    a = make_library(tmp_path / "a", "uses-template", "a")
    (a / "playbooks" / "uses-template.yaml").write_text(
        "title: a\nchannel: linkedin-message\nvariants: [{name: v, template: shared/t.j2}]\n",
        encoding="utf-8",
    )
    b = tmp_path / "b"
    (b / "templates" / "shared").mkdir(parents=True)
    (b / "templates" / "shared" / "t.j2").write_text("from b", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--library", str(a), "--library", str(b), "draft", "uses-template"]
    )
    assert result.exit_code == 2
    assert "template 'shared/t.j2' not found in" in result.stderr
    assert str(a / "templates") in result.stderr


def test_symlink_out_of_the_library_is_refused(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib", "sneaky", "x")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (lib / "templates").mkdir()
    (lib / "templates" / "link.j2").symlink_to(secret)
    (lib / "playbooks" / "sneaky.yaml").write_text(
        "title: x\nchannel: linkedin-message\nvariants: [{name: v, template: link.j2}]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--library", str(lib), "draft", "sneaky"])
    assert result.exit_code == 2
    assert "SECRET" not in result.output
    assert "link.j2" in result.stderr


@pytest.mark.parametrize(
    ("linked", "rule"), [("templates", "template-escape"), ("playbooks", "library-error")]
)
def test_a_folder_leading_out_names_its_lint_rule(tmp_path: Path, linked: str, rule: str) -> None:
    """templates/ leading out is about includes; playbooks/ about which files are the library's."""
    lib = make_library(tmp_path / "lib", "x", "x")
    outside = tmp_path / "outside"
    outside.mkdir()
    if linked == "playbooks":
        (lib / "playbooks").rename(outside / "playbooks")
    (lib / linked).symlink_to(outside / linked if linked == "playbooks" else outside)
    error = Library(lib, "shared").escape()
    assert error is not None
    assert (error.path, error.rule) == (lib / linked, rule)


SUGGESTED = "no playbook 'thanks-for-conecting' (did you mean 'thanks-for-connecting'?); "


@pytest.mark.parametrize(
    ("ref", "reason", "message"),
    [
        ("nowhere/x.yaml", "no such playbook file", "nowhere/x.yaml: no such playbook file"),
        (
            "thanks-for-conecting",
            SUGGESTED + "run 'drafter list' to see them",
            SUGGESTED + "run 'drafter list' to see them",
        ),
    ],
)
def test_a_playbook_that_is_not_there_says_why_in_fields(
    ref: str, reason: str, message: str
) -> None:
    """lint reports `reason` at the ref as typed; people read the whole message."""
    with pytest.raises(NotFoundError) as info:
        Search().resolve(ref)
    assert (info.value.reason, str(info.value)) == (reason, message)


@pytest.fixture(scope="module")
def installed_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pip-install the example pack (no deps) into a folder of its own."""
    target = tmp_path_factory.mktemp("pack-site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(PACK)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return target


def run_with_pack(site: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "DRAFTER_HOME": str(home),
    }
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_pip_installed_pack_shows_in_list_and_drafts(
    installed_pack: Path, drafter_home: Path
) -> None:
    listed = run_with_pack(installed_pack, drafter_home, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    entries = {d["id"]: d for d in json.loads(listed.stdout)}
    assert entries["referral-thanks"]["source"] == "pack:example"
    drafted = run_with_pack(
        installed_pack, drafter_home, "draft", "referral-thanks",
        "--set", "recipient_name=Priya Nair", "--set", "outcome=I have a second interview on Friday",
    )  # fmt: skip
    assert drafted.returncode == 0, drafted.stderr
    assert (
        drafted.stdout
        == "Hi Priya,\n\nThank you for the referral. I have a second interview on Friday.\n"
    )


@pytest.mark.slow
def test_user_library_overrides_a_pack(installed_pack: Path, drafter_home: Path) -> None:
    make_library(drafter_home, "referral-thanks", "user copy")
    drafted = run_with_pack(installed_pack, drafter_home, "draft", "referral-thanks")
    assert drafted.stdout.strip() == "From user copy"
    table = run_with_pack(installed_pack, drafter_home, "list").stdout
    assert "pack:example (overridden by user)" in table


@pytest.mark.slow
def test_wheel_ships_the_builtin_library_and_runs_from_elsewhere(tmp_path: Path) -> None:
    """`pip install .` (not editable) must carry playbooks/ and templates/ inside the package."""
    wheels = tmp_path / "wheels"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
         "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (wheel,) = wheels.glob("drafter-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(site)
    source_playbooks = {p.name for p in (ROOT / "playbooks").glob("*.yaml")}
    assert {f"drafter/playbooks/{n}" for n in source_playbooks} <= names
    source_templates = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*.j2")}
    assert {f"drafter/{t}" for t in source_templates} <= names
    assert "drafter/playbook.schema.json" in names
    env = {**os.environ, "PYTHONPATH": str(site), "DRAFTER_HOME": str(tmp_path / "home")}
    listed = subprocess.run(
        [sys.executable, "-m", "drafter", "list", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert {d["id"] for d in data if d["source"] == "built-in"} == {
        Path(n).stem for n in source_playbooks
    }
    assert all(d["path"].startswith(str(site)) for d in data if d["source"] == "built-in")
