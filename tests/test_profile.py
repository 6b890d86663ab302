"""The sender profile: concurrent saves, text that is not UTF-8, broken files, DRAFTER_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import cli
from drafter.errors import DrafterError, UsageError
from drafter.profile import load_profile, profile_path, save_profile, validate_me

# Seven keys and one repeat, each set by its own process.
PAIRS = [
    "name=Ana Ruiz",
    "headline=Data engineer",
    "company=Acme",
    "email=ana@example.com",
    "phone=+34 600 000 000",
    "linkedin=https://www.linkedin.com/in/ana",
    "signature=Ana",
    "name=Ana R.",
]

# Each child imports drafter, says it is ready, then blocks on stdin until the parent closes
# the shared pipe: all eight start their read-modify-write together, with no sleeps.
CHILD = """\
import sys
import yaml
from drafter.cli import cli
print("ready", flush=True)
sys.stdin.buffer.read()
cli(["profile", "set", sys.argv[1]], prog_name="drafter")
"""


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "DRAFTER_HOME": str(home), "PYTHONUTF8": "1", "NO_COLOR": "1"}


@pytest.mark.slow  # eight processes at once
def test_concurrent_profile_sets_keep_every_key(tmp_path: Path) -> None:
    home = tmp_path / "home"  # not there yet: the processes race to create it too
    gate_read, gate_write = os.pipe()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, pair],
            stdin=gate_read,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(home),
        )
        for pair in PAIRS
    ]
    os.close(gate_read)
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
    finally:
        os.close(gate_write)  # every child's read returns at once
    outcomes = [proc.communicate(timeout=60) for proc in procs]
    for proc, (_, err) in zip(procs, outcomes, strict=True):
        assert proc.returncode == 0, err
        assert err.decode().startswith("Saved ")
    saved = yaml.safe_load((home / "profile.yaml").read_text(encoding="utf-8"))
    assert saved.pop("name") in {"Ana Ruiz", "Ana R."}
    assert saved == {
        "headline": "Data engineer",
        "company": "Acme",
        "email": "ana@example.com",
        "phone": "+34 600 000 000",
        "linkedin": "https://www.linkedin.com/in/ana",
        "signature": "Ana",
    }
    assert sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp")) == []


def test_a_value_that_is_not_utf8_is_refused_and_nothing_is_written() -> None:
    # How Python hands over argv bytes that are not UTF-8: as lone surrogates.
    with pytest.raises(UsageError) as err:
        save_profile({"name": "Jos\udce9"})
    assert str(err.value) == "name: 'Jos\\xe9' is not valid UTF-8 text"
    assert not profile_path().exists()


@pytest.mark.skipif(os.name != "posix", reason="argv as bytes")
@pytest.mark.slow  # real processes: the byte goes through the operating system's argv
def test_profile_set_with_a_latin1_byte_on_the_command_line(drafter_home: Path) -> None:
    set_it = subprocess.run(
        [sys.executable, "-m", "drafter", "profile", "set", b"name=Jos\xe9"],
        capture_output=True,
        env=_env(drafter_home),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert set_it.returncode == 2, set_it.stderr
    assert set_it.stderr == b"drafter: error: name: 'Jos\\xe9' is not valid UTF-8 text\n"
    assert not (drafter_home / "profile.yaml").exists()
    show = subprocess.run(
        [sys.executable, "-m", "drafter", "profile"],
        capture_output=True,
        env=_env(drafter_home),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert show.returncode == 0, show.stderr


BROKEN = [
    (b"name: [oops\n", "profile.yaml:2: invalid YAML"),
    (b"name: Jos\xe9 Ruiz\n", "profile.yaml:1: not UTF-8 text (byte 10)"),
    (b"- Ana\n", "profile.yaml: 'me' must be a mapping"),
    (b"colour: blue\n", "profile.yaml: unknown profile key 'colour'"),
    (b"name: [Ana, Ruiz]\n", "profile.yaml: name: expected text, got a list"),
    (b"linkedin_account: gold\n", "profile.yaml: linkedin_account: must be 'free' or 'premium'"),
    (b"email: nope\n", "profile.yaml: email: 'nope' is not an email address"),
]


@pytest.mark.parametrize(("content", "problem"), BROKEN)
def test_a_broken_profile_is_named_and_profile_set_repairs_it(
    drafter_home: Path, content: bytes, problem: str
) -> None:
    path = drafter_home / "profile.yaml"
    path.write_bytes(content)
    with pytest.raises(UsageError) as err:
        load_profile()
    assert str(err.value).startswith(f"{drafter_home / problem}")
    saved = save_profile({"company": "Acme"})
    backup = drafter_home / "profile.yaml.broken"
    assert saved.path == path
    assert saved.backup == backup
    assert backup.read_bytes() == content
    assert saved.note == (
        f"{err.value}; started from an empty profile and kept the old file as {backup}"
    )
    assert load_profile()["company"] == "Acme"
    assert load_profile()["name"] == ""


def test_profile_set_on_a_broken_profile_with_bad_values_changes_nothing(
    drafter_home: Path,
) -> None:
    path = drafter_home / "profile.yaml"
    path.write_bytes(b"name: [oops\n")
    with pytest.raises(UsageError, match="not an email address"):
        save_profile({"email": "nope"})
    assert path.read_bytes() == b"name: [oops\n"
    assert not (drafter_home / "profile.yaml.broken").exists()


def test_a_readable_profile_has_no_note(drafter_home: Path) -> None:
    first = save_profile({"name": "Ana Ruiz"})
    second = save_profile({"company": "Acme"})
    assert (first.note, second.note, second.backup) == (None, None, None)
    assert str(second) == str(drafter_home / "profile.yaml")  # prints as its path
    assert load_profile()["name"] == "Ana Ruiz"


NOT_TEXT = [
    ("name: !!binary aGVsbG8=\n", "name: expected text, got binary data"),
    ("name: !!set {Ana, Ruiz}\n", "name: expected text, got a set"),
    ("company: [Acme, Initech]\n", "company: expected text, got a list"),
    ("name: {first: Ana, last: Ruiz}\n", "name: expected text, got a mapping"),
    ("signature: yes\n", "signature: expected text, got true/false"),
]


@pytest.mark.parametrize(("content", "message"), NOT_TEXT)
def test_values_that_are_not_text_are_refused_naming_the_key(
    drafter_home: Path, content: str, message: str
) -> None:
    path = drafter_home / "profile.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_profile()
    assert str(err.value) == f"{path}: {message}"
    shown = CliRunner().invoke(cli, ["profile"], prog_name="drafter")
    assert shown.exit_code == 2
    assert shown.stderr == f"drafter: error: {path}: {message}\n"
    assert shown.stdout == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [(5551234, "5551234"), (1.5, "1.5"), (None, ""), ("  Ana  ", "Ana")],
)
def test_scalars_are_read_as_text(value: object, shown: str) -> None:
    assert validate_me({"phone": value})["phone"] == shown


def test_validate_me_refuses_lone_surrogates() -> None:
    # `me` from --set or an answers file reaches validate_me the same way as the profile.
    with pytest.raises(UsageError, match="^signature: '\\\\ud800 Ana' is not valid UTF-8 text$"):
        validate_me({"signature": "\ud800 Ana"})


def test_drafter_home_that_is_a_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "home.txt"
    not_a_folder.write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_HOME", str(not_a_folder))
    message = f"DRAFTER_HOME ({not_a_folder}) is a file, not a folder"
    with pytest.raises(UsageError) as loading:
        load_profile()
    assert str(loading.value) == message
    with pytest.raises(UsageError) as saving:
        save_profile({"name": "Ana"})
    assert str(saving.value) == message
    assert not_a_folder.read_text(encoding="utf-8") == "mine\n"
    shown = CliRunner().invoke(cli, ["profile", "set", "name=Ana"], prog_name="drafter")
    assert (shown.exit_code, shown.stderr) == (2, f"drafter: error: {message}\n")


def test_drafter_home_under_a_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "home.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_HOME", str(blocker / "drafter"))
    with pytest.raises(DrafterError, match=f"{blocker} is not a folder"):
        save_profile({"name": "Ana"})
    assert blocker.read_text(encoding="utf-8") == "mine\n"


def test_a_symlinked_profile_is_written_through_the_link(
    drafter_home: Path, tmp_path: Path
) -> None:
    # Profiles kept in a dotfiles repository are linked in: saving must not replace the link.
    real = tmp_path / "dotfiles" / "drafter.yaml"
    real.parent.mkdir()
    real.write_text("name: Ana Ruiz\n", encoding="utf-8")
    link = drafter_home / "profile.yaml"
    link.symlink_to(real)
    save_profile({"company": "Acme"})
    assert link.is_symlink()
    assert yaml.safe_load(real.read_text(encoding="utf-8")) == {
        "name": "Ana Ruiz",
        "company": "Acme",
    }


def test_a_profile_that_is_a_folder_is_not_taken_for_broken(drafter_home: Path) -> None:
    (drafter_home / "profile.yaml").mkdir()
    with pytest.raises(UsageError, match="profile.yaml: is a directory, not a file"):
        load_profile()
    with pytest.raises(UsageError, match="profile.yaml: is a directory, not a file"):
        save_profile({"name": "Ana"})
    assert not (drafter_home / "profile.yaml.broken").exists()


def test_the_profile_shows_its_settings(drafter_home: Path) -> None:
    from click.testing import CliRunner

    from drafter.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["profile", "set", "review=false", "note_budget=3"]).exit_code == 0
    shown = runner.invoke(cli, ["profile"]).stdout
    assert "review            false" in shown and "note_budget       3" in shown
    assert "history           on" in shown
