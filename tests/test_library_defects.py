"""Library defects: folders that lead out of their library, broken packs, unreadable libraries.

A shared library's `templates/` or `playbooks/` may be a symlink (git commits them); one that
resolves outside the library is refused. A pack that cannot load, or other packages' odd
metadata, must never stop drafter; neither may a library it cannot read.
"""

from __future__ import annotations

import importlib
import os
import pwd
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter import lint as linter
from drafter import pipeline
from drafter import playbook as pbmod
from drafter.cli import cli
from drafter.errors import PlaybookError
from drafter.library import Library, Search

SECRET = "TOPSECRET-5f3a9c"  # the content of a file outside the library
BUILTIN = (
    "draft", "decline-sales-pitch", "--no-input",
    "--set", "recipient_name=Sam Lee", "--set", "offering=lead generation",
)  # fmt: skip
INCLUDE = """{name: v, text: "{% include 'secret.txt' %}"}"""
TEMPLATE = "{name: v, template: secret.txt}"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="drafter")


def one_error(result: Result) -> str:
    """The one `drafter: error:` line (exit 2, no traceback) a refusal must be."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("drafter: error: "), result.stderr
    return lines[0]


def drafts_the_builtin(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert "Sam" in result.stdout and "lead generation" in result.stdout  # the wording may change
    assert "internal error" not in result.stderr


def write_playbook(lib: Path, playbook_id: str, variant: str) -> Path:
    (lib / "playbooks").mkdir(parents=True, exist_ok=True)
    path = lib / "playbooks" / f"{playbook_id}.yaml"
    path.write_text(
        f"title: {playbook_id}\nchannel: linkedin-message\nfields: []\nvariants: [{variant}]\n",
        encoding="utf-8",
    )
    return path


# --- 1. templates/ or playbooks/ leading out of the library -----------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the library, holding a file nobody should be able to include."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture(params=["absolute", "relative"])
def escaping(request: pytest.FixtureRequest, tmp_path: Path, outside: Path) -> Path:
    """A library whose templates/ is a symlink to `outside`, and playbooks that include from it."""
    lib = tmp_path / "lib"
    write_playbook(lib, "include-secret", INCLUDE)
    write_playbook(lib, "template-secret", TEMPLATE)
    target = outside if request.param == "absolute" else Path("..", "outside")
    (lib / "templates").symlink_to(target, target_is_directory=True)
    return lib


@pytest.mark.parametrize("command", ["draft", "show"])
@pytest.mark.parametrize("playbook_id", ["include-secret", "template-secret"])
def test_templates_folder_leading_outside_is_refused(
    escaping: Path, command: str, playbook_id: str
) -> None:
    result = invoke("--library", str(escaping), command, playbook_id)
    line = one_error(result)
    assert SECRET not in result.output
    assert str(escaping / "templates") in line
    assert "outside the library" in line


def test_templates_folder_leading_outside_is_refused_when_named_by_path(escaping: Path) -> None:
    result = invoke("draft", str(escaping / "playbooks" / "include-secret.yaml"))
    assert "outside the library" in one_error(result)
    assert SECRET not in result.output


def test_list_warns_about_each_playbook_of_an_escaping_library(escaping: Path) -> None:
    result = invoke("--library", str(escaping), "list")
    assert result.exit_code == 0, result.output
    assert "decline-sales-pitch" in result.stdout  # the built-ins still list
    warnings = [line for line in result.stderr.splitlines() if "outside the library" in line]
    assert len(warnings) == 2, result.stderr
    assert all(line.startswith("drafter: warning: ") for line in warnings)


def test_rendering_refuses_an_escaping_templates_folder_however_the_playbook_was_loaded(
    escaping: Path,
) -> None:
    """The sandbox checks too: a playbook loaded without Search (the API, authoring) is refused."""
    path = escaping / "playbooks" / "include-secret.yaml"
    for library in (Library(escaping, "api"), None):
        with pytest.raises(PlaybookError, match="outside the library") as caught:
            pipeline.run(pbmod.load(path, library), {})
        assert SECRET not in str(caught.value)


@pytest.mark.parametrize("how", ["id", "path"])
def test_lint_reports_an_escaping_templates_folder(escaping: Path, how: str) -> None:
    ref = "include-secret" if how == "id" else str(escaping / "playbooks" / "include-secret.yaml")
    result = invoke("--library", str(escaping), "lint", ref)
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    assert f"{escaping / 'templates'}:1:1: template-escape: " in result.stdout
    assert "internal-error" not in result.stdout


@pytest.mark.slow  # lints every built-in too
def test_lint_of_everything_reports_the_escape_once(escaping: Path) -> None:
    problems = linter.lint(Search([escaping]), [])
    escapes = [p for p in problems if p.rule == "template-escape"]
    assert [str(p.path) for p in escapes] == [str(escaping / "templates")]


@pytest.fixture
def escaping_playbooks(tmp_path: Path, outside: Path) -> Path:
    """A library whose playbooks/ is a symlink to a folder of playbooks outside it."""
    write_playbook(outside, "elsewhere", "{name: v, text: hello}")
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "playbooks").symlink_to(outside / "playbooks", target_is_directory=True)
    return lib


def test_playbooks_folder_leading_outside_is_refused(escaping_playbooks: Path) -> None:
    line = one_error(invoke("--library", str(escaping_playbooks), "draft", "elsewhere"))
    assert str(escaping_playbooks / "playbooks") in line
    assert "outside the library" in line


def test_lint_reports_an_escaping_playbooks_folder(escaping_playbooks: Path) -> None:
    result = invoke("--library", str(escaping_playbooks), "lint", "elsewhere")
    assert result.exit_code == 1, result.output
    assert f"{escaping_playbooks / 'playbooks'}:1:1: library-error: " in result.stdout


@pytest.mark.parametrize("how", ["id", "path"])
def test_a_playbook_file_leading_outside_is_refused(tmp_path: Path, how: str) -> None:
    """Else a symlink to any file makes it a "playbook" whose error message quotes a line."""
    lib = tmp_path / "lib"
    (lib / "playbooks").mkdir(parents=True)
    secret = tmp_path / "shadow"
    secret.write_text(f"root:{SECRET}:19000:0:99999:7:::\n", encoding="utf-8")
    (lib / "playbooks" / "shadow.yaml").symlink_to(secret)
    ref = "shadow" if how == "id" else str(lib / "playbooks" / "shadow.yaml")
    result = invoke("--library", str(lib), "draft", ref)
    assert "outside the library" in one_error(result)
    assert SECRET not in result.output
    linted = invoke("--library", str(lib), "lint", ref)
    assert linted.exit_code == 1 and SECRET not in linted.output, linted.output
    assert f"{lib / 'playbooks' / 'shadow.yaml'}:1:1: library-error: " in linted.stdout
    listed = invoke("--library", str(lib), "list")
    assert listed.exit_code == 0 and SECRET not in listed.output, listed.output


def test_a_templates_symlink_loop_is_one_error(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write_playbook(lib, "looped", INCLUDE)
    (lib / "templates").symlink_to("templates")
    assert "cannot resolve" in one_error(invoke("--library", str(lib), "draft", "looped"))
    linted = invoke("--library", str(lib), "lint", "looped")
    assert f"{lib}:1:1: library-error: cannot resolve" in linted.stdout, linted.output


@pytest.mark.parametrize("linked", ["templates", "playbooks", "library"])
def test_symlinks_that_stay_inside_the_library_are_fine(tmp_path: Path, linked: str) -> None:
    real = tmp_path / "real"
    (real / "shared" / "templates").mkdir(parents=True)
    (real / "shared" / "templates" / "secret.txt").write_text("Hello from inside", encoding="utf-8")
    if linked == "templates":
        (real / "templates").symlink_to(Path("shared", "templates"), target_is_directory=True)
        write_playbook(real, "inside", INCLUDE)
    else:
        (real / "shared" / "templates").rename(real / "templates")
    if linked == "playbooks":
        write_playbook(real / "shared", "inside", INCLUDE)
        (real / "playbooks").symlink_to(Path("shared", "playbooks"), target_is_directory=True)
    lib = real
    if linked == "library":
        write_playbook(real, "inside", INCLUDE)
        lib = tmp_path / "link"
        lib.symlink_to(real, target_is_directory=True)
    result = invoke("--library", str(lib), "draft", "inside")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Hello from inside"
    linted = invoke("--library", str(lib), "lint", "inside")
    assert " error" not in linted.stdout and linted.exit_code == 0, linted.output


# --- 2. broken packs and other packages' metadata ---------------------------------------


AddDist = Callable[[str, bytes, dict[str, str]], None]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AddDist:
    """A folder on sys.path where a test installs fake distributions (and their modules)."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))

    def add(dist: str, entry_points: bytes, modules: dict[str, str]) -> None:
        info = root / f"{dist}-1.0.dist-info"
        info.mkdir()
        (info / "entry_points.txt").write_bytes(entry_points)
        for module, source in modules.items():
            (root / f"{module}.py").write_text(source, encoding="utf-8")
        importlib.invalidate_caches()

    return add


# (module source or None for no module at all, what the warning must say)
BROKEN_PACKS = {
    "import-raises": ("raise RuntimeError('pack import boom')\n", "RuntimeError: pack import boom"),
    "no-module": (None, "ModuleNotFoundError"),
    "no-attribute": ("x = 1\n", "AttributeError"),
    "call-raises": ("def library():\n    raise ValueError('no folder')\n", "ValueError: no folder"),
    "missing-folder": (
        "def library():\n    return '/nonexistent/drafter-pack'\n",
        "/nonexistent/drafter-pack: no such folder",
    ),
    "not-a-path": ("library = 42\n", "TypeError"),
    "exits": ("import sys\nsys.exit(3)\n", "SystemExit"),
}


@pytest.mark.parametrize("case", list(BROKEN_PACKS))
def test_a_broken_pack_is_skipped_with_one_reason(site: AddDist, case: str) -> None:
    source, why = BROKEN_PACKS[case]
    module = f"drafter_defect_pack_{uuid.uuid4().hex[:8]}"  # fresh: sys.modules keeps imports
    modules = {module: source} if source is not None else {}
    site("broken-pack", f"[drafter.libraries]\nbroken = {module}:library\n".encode(), modules)
    result = invoke(*BUILTIN)
    drafts_the_builtin(result)
    warned = [
        ln for ln in result.stderr.splitlines() if ln.startswith("drafter: warning: skipping")
    ]
    assert len(warned) == 1 and warned[0].startswith("drafter: warning: skipping pack 'broken': ")
    assert invoke("list").exit_code == 0
    search = Search()
    assert [s.source for s in search.skipped] == ["pack:broken"]
    message = search.skipped[0].message
    assert message.startswith("skipping pack 'broken': ") and why in message, message
    assert "\n" not in message
    assert all(lib.source != "pack:broken" for lib in search.libraries())


@pytest.mark.slow  # lints every built-in too
def test_lint_reports_a_broken_pack(site: AddDist) -> None:
    module = f"drafter_defect_pack_{uuid.uuid4().hex[:8]}"
    modules = {module: "raise RuntimeError('boom')\n"}
    site("broken-pack", f"[drafter.libraries]\nbroken = {module}:library\n".encode(), modules)
    problems = linter.lint(Search(), [])
    errors = [p for p in problems if p.rule == "library-error"]
    assert len(errors) == 1 and "RuntimeError: boom" in errors[0].message
    assert not any(p.rule == "internal-error" for p in problems)


# (entry_points.txt contents, whether it is a drafter pack that should be warned about)
METADATA = {
    "other-package-not-utf8": (b"[console_scripts]\ncaf\xe9 = caf\xe9:main\n", False),
    "other-package-mentions-group": (b"[console_scripts]\nx = m:main [drafter.libraries]\n", False),
    "other-package-malformed": (b"this is not an ini file\n", False),
    "pack-not-utf8": (b"[drafter.libraries]\ncaf\xe9 = caf\xe9:library\n", True),
    "pack-malformed": (b"[drafter.libraries]\nno equals sign here\n", True),
}


@pytest.mark.parametrize("case", list(METADATA))
def test_other_packages_metadata_never_breaks_drafter(site: AddDist, case: str) -> None:
    entry_points, is_pack = METADATA[case]
    site("odd-dist", entry_points, {})
    drafts_the_builtin(invoke(*BUILTIN))
    skipped = Search().skipped
    assert len(skipped) == int(is_pack), skipped
    if is_pack:
        assert skipped[0].message.startswith("skipping the packs of ")
        assert "odd-dist-1.0.dist-info" in skipped[0].message


# --- 3. libraries drafter may not read ------------------------------------------------------

# Tests here run as root, whom file modes do not stop: chmod 000 alone denies nothing. So
# while a folder is unreadable, a root test process also drops its effective user to nobody
# (and back), which makes the kernel refuse for real; as any other user, chmod is enough.
# Everything the CLI touches meanwhile must then be open to nobody: see `open_tmp`.


def _nobody() -> int:
    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return 65534


@contextmanager
def unreadable(path: Path) -> Iterator[None]:
    """While inside, `path` cannot be read or entered, for real.

    Run the same code once before, while all is readable: nobody may not be able to read
    the standard library (here it lives under /root), so a first import inside would fail.
    """
    mode = path.stat().st_mode
    as_root = os.geteuid() == 0
    path.chmod(0)
    try:
        if as_root:
            try:
                os.seteuid(_nobody())
            except PermissionError:
                pytest.skip("running as root without the right to drop privileges")
        try:
            yield
        finally:
            if as_root:
                os.seteuid(0)
    finally:
        path.chmod(mode)


@pytest.fixture
def open_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary folder anyone may enter (pytest's are private), with DRAFTER_HOME inside."""
    root = Path(tempfile.mkdtemp(prefix="drafter-defects-"))
    root.chmod(0o755)
    (root / "home").mkdir()
    monkeypatch.setenv("DRAFTER_HOME", str(root / "home"))
    yield root
    shutil.rmtree(root)


@pytest.mark.parametrize("given", ["--library", "DRAFTER_PATH"])
@pytest.mark.parametrize("denied", ["library", "playbooks"])
def test_an_unreadable_library_is_skipped_and_builtins_still_draft(
    open_tmp: Path, monkeypatch: pytest.MonkeyPatch, given: str, denied: str
) -> None:
    lib = open_tmp / "lib"
    write_playbook(lib, "mine", "{name: v, text: mine}")
    args = ("--library", str(lib)) if given == "--library" else ()
    if given == "DRAFTER_PATH":
        monkeypatch.setenv("DRAFTER_PATH", str(lib))
    drafts_the_builtin(invoke(*args, *BUILTIN))  # see `unreadable`
    with unreadable(lib if denied == "library" else lib / "playbooks"):
        drafts_the_builtin(invoke(*args, *BUILTIN))
        listed = invoke(*args, "list")
        search = Search([lib] if args else [])
        skipped = search.skipped
        ids = search.ids()
    assert listed.exit_code == 0 and "decline-sales-pitch" in listed.stdout, listed.output
    assert "decline-sales-pitch" in ids and "mine" not in ids
    assert [s.source for s in skipped] == [str(lib)]
    assert "Permission denied" in skipped[0].message


@pytest.mark.slow  # lints every built-in too, twice
def test_lint_reports_an_unreadable_library(open_tmp: Path) -> None:
    lib = open_tmp / "lib"
    write_playbook(lib, "mine", "{name: v, text: mine}")
    linter.lint(Search([lib]), [])  # see `unreadable`
    with unreadable(lib):
        problems = linter.lint(Search([lib]), [])
    errors = [p for p in problems if p.rule == "library-error"]
    assert len(errors) == 1 and "Permission denied" in errors[0].message
    assert str(errors[0].path) == str(lib)


@pytest.mark.parametrize("denied", ["file", "folder"])
def test_an_unreadable_playbook_named_by_path_is_one_error(open_tmp: Path, denied: str) -> None:
    path = write_playbook(open_tmp / "lib", "mine", "{name: v, text: mine}")
    invoke("draft", str(path))  # see `unreadable`
    invoke("lint", str(path))
    with unreadable(path if denied == "file" else path.parent):
        line = one_error(invoke("draft", str(path)))
        lint_result = invoke("lint", str(path))
    assert str(path) in line and "Permission denied" in line
    assert lint_result.exit_code == 1 and "internal-error" not in lint_result.stdout
    assert "Permission denied" in lint_result.stdout


def test_your_own_library_may_link_its_templates_elsewhere(
    drafter_home: Path, tmp_path: Path
) -> None:
    """Dotfiles often link ~/.config/drafter/templates into a repository: that is yours to do."""
    elsewhere = tmp_path / "dotfiles" / "templates" / "mine"
    elsewhere.mkdir(parents=True)
    (elsewhere / "note.j2").write_text("Hi {{ who }}.\n", encoding="utf-8")
    (drafter_home / "templates").symlink_to(tmp_path / "dotfiles" / "templates")
    (drafter_home / "playbooks").mkdir()
    (drafter_home / "playbooks" / "mine.yaml").write_text(
        "title: Mine\nchannel: email\nfields:\n  - {name: who, prompt: Who?}\n"
        "variants:\n  - {name: a, template: mine/note.j2}\n",
        encoding="utf-8",
    )
    result = invoke("draft", "mine", "--no-input", "--set", "who=Sam", "--set", "me.name=Ana")
    assert result.exit_code == 0, result.stderr
    assert "Hi Sam." in result.stdout
