"""Email drafts: the .eml parsed back equals the draft, no text makes a header, mailto: links
round-trip, the mail client or an .eml, and the To: line only on a terminal."""

from __future__ import annotations

import email
import email.policy
import os
import sys
import webbrowser
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pexpect
import pytest
from click.testing import CliRunner, Result

from drafter import mail, pipeline
from drafter.cli import cli
from drafter.errors import UsageError
from drafter.library import builtin
from drafter.playbook import load
from drafter.render import Draft

ME = {"name": "Ana Ruiz", "email": "ana@example.com"}
HEADERS = {"To", "From", "Subject", "X-Unsent", "MIME-Version", "Content-Type"}
HEADERS_8BIT = HEADERS | {"Content-Transfer-Encoding"}


def parsed(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def body_of(msg: EmailMessage) -> str:
    """The text/plain body as written: line ends back to \\n, without the one set_content adds."""
    content = msg.get_content()
    assert isinstance(content, str)
    assert content.endswith("\r\n")
    return content.replace("\r\n", "\n")[:-1]


def recipients(msg: EmailMessage, header: str = "To") -> list[str]:
    return [a.addr_spec for a in msg[header].addresses] if header in msg else []


def email_draft(body: str = "Hi Kim,\n\nGood to meet you.\nAna", **kw: Any) -> Draft:
    kw.setdefault("subject", "Good to meet you")
    kw.setdefault("to", ["kim@example.com"])
    return Draft("follow-up", "warm", "email", body, **kw)


# --- 1. every built-in email playbook's examples survive the round trip ------------------------


def _email_examples() -> list[Any]:
    lib = builtin()
    cases = []
    for pid in lib.ids():
        pb = load(lib.path_of(pid), lib)
        for variant in pb.spec.variants:
            if (variant.channel or pb.spec.channel) != "email":
                continue
            for name in pb.spec.examples:
                cases.append(
                    pytest.param(pid, variant.name, name, id=f"{pid}-{variant.name}-{name}")
                )
    return cases


EMAIL_EXAMPLES = _email_examples()


def test_the_builtins_have_email_examples_to_walk() -> None:
    pids = {p.values[0] for p in EMAIL_EXAMPLES}
    assert pids >= {"double-intro", "intro-request", "post-meeting-follow-up"}


@pytest.mark.parametrize(("pid", "variant", "example"), EMAIL_EXAMPLES)
def test_eml_of_every_builtin_email_example_parses_back_to_the_draft(
    pid: str, variant: str, example: str
) -> None:
    lib = builtin()
    pb = load(lib.path_of(pid), lib)
    outcome = pipeline.run(pb, pb.spec.examples[example], variant=variant)
    draft = outcome.draft
    me = {**outcome.me, "email": "sender@example.com"}
    msg = parsed(mail.eml_bytes(draft, me))
    assert recipients(msg) == draft.to
    assert recipients(msg, "From") == ["sender@example.com"]
    assert msg["From"].addresses[0].display_name == (outcome.me.get("name") or "")
    assert msg["Subject"] == draft.subject
    assert msg["X-Unsent"] == "1"
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert body_of(msg) == draft.body
    assert set(msg.keys()) <= HEADERS_8BIT


def test_a_builtin_example_with_addresses_has_them_in_to() -> None:
    lib = builtin()
    pb = load(lib.path_of("double-intro"), lib)
    draft = pipeline.run(pb, pb.spec.examples["streaming"]).draft
    msg = parsed(mail.eml_bytes(draft, {}))
    assert recipients(msg) == ["priya@northwind.example", "marco@lumen.example"]
    assert "From" not in msg  # no sender address in the profile: the mail client fills it in


def test_non_ascii_subject_name_body_and_domain() -> None:
    draft = email_draft(
        "Olá Zoë, até já! 👋\nTomás", subject="Café ☕ in Zürich", to=["zoe@bücher.example"]
    )
    msg = parsed(mail.eml_bytes(draft, {"name": "Ana Ruíz", "email": "ana@example.com"}))
    assert msg["Subject"] == "Café ☕ in Zürich"
    assert body_of(msg) == "Olá Zoë, até já! 👋\nTomás"
    assert recipients(msg) == ["zoe@xn--bcher-kva.example"]  # the domain in ASCII (IDNA)
    assert msg["From"].addresses[0].display_name == "Ana Ruíz"
    assert mail.eml_bytes(draft, {}).isascii() is False  # the body is UTF-8, 8bit...
    raw_headers = mail.eml_bytes(draft, {}).split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()  # ...the headers are RFC 2047 encoded


def test_lines_end_in_crlf() -> None:
    data = mail.eml_bytes(email_draft(), ME)
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


# --- 2. header injection --------------------------------------------------------------------

INJECT = "\r\nBcc: spy@evil.example"


@pytest.mark.parametrize(
    ("draft", "me", "subject", "from_name"),
    [
        (email_draft(subject="Hello" + INJECT), {}, "Hello Bcc: spy@evil.example", None),
        (
            email_draft(subject="Hello\nBcc: spy@evil.example"),
            {},
            "Hello Bcc: spy@evil.example",
            None,
        ),
        (email_draft(subject="Hello\rX-Evil: 1"), {}, "Hello X-Evil: 1", None),
        (email_draft(subject="Hello\x00\x1b[2J\x0bthere\x85"), {}, "Hellothere", None),
        (
            email_draft(),
            {"name": "Ana" + INJECT, "email": "ana@example.com"},
            "Good to meet you",
            "Ana Bcc: spy@evil.example",
        ),
        (
            email_draft(),
            {"name": "Ana\n\nbody?", "email": "ana@example.com"},
            "Good to meet you",
            "Ana body?",
        ),
        (email_draft(body="Hi\r\nBcc: spy@evil.example\r\n\r\nmore"), {}, "Good to meet you", None),
    ],
    ids=[
        "crlf-subject",
        "lf-subject",
        "cr-subject",
        "controls-subject",
        "crlf-name",
        "lf-name",
        "crlf-body",
    ],
)
def test_no_text_of_the_draft_creates_a_header(
    draft: Draft, me: dict[str, str], subject: str, from_name: str | None
) -> None:
    msg = parsed(mail.eml_bytes(draft, me))
    assert set(msg.keys()) <= HEADERS_8BIT
    assert "Bcc" not in msg and "X-Evil" not in msg
    assert msg["Subject"] == subject
    assert recipients(msg) == ["kim@example.com"]
    if from_name is None:
        assert "From" not in msg
    else:
        assert [(a.display_name, a.addr_spec) for a in msg["From"].addresses] == [
            (from_name, "ana@example.com")
        ]


@pytest.mark.parametrize(
    "address",
    [
        "kim@example.com" + INJECT,
        "kim@example.com\nBcc: spy@evil.example",
        "kim@example.com, spy@evil.example",
        "Kim <kim@example.com>",
        "kim@example.com\x00",
        "kim example@example.com",
        "kim@",
        "@example.com",
        "",
        "josé@example.com",  # a non-ASCII local part needs SMTPUTF8: refused, not mangled
    ],
)
def test_an_address_that_is_not_one_address_is_refused(address: str) -> None:
    with pytest.raises(mail.AddressError) as to:
        mail.eml_bytes(email_draft(to=[address]), {})
    assert to.value.field == "To"
    assert to.value.exit_code == 2
    assert str(to.value) == f"To: {address!r} is not a single email address"
    assert "\n" not in str(to.value) and "\r" not in str(to.value)
    with pytest.raises(mail.AddressError) as sender:
        mail.eml_bytes(email_draft(), {"email": address or " "})
    assert sender.value.field == "From (me.email)"
    with pytest.raises(mail.AddressError):
        mail.mailto_uri(email_draft(to=[address]))


def test_quoted_local_parts_are_single_addresses() -> None:
    msg = parsed(mail.eml_bytes(email_draft(to=['"kim lee"@example.com']), {}))
    assert recipients(msg) == ['"kim lee"@example.com']


def test_text_that_is_not_utf8_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="body: cannot make an email: the text is not valid"):
        mail.eml_bytes(email_draft("Hi \udcff"), {})


# --- 3. mailto: links -----------------------------------------------------------------------

TRICKY = [
    "Tom & Jerry? #1 at 100% + more = fun",
    "Line one\nLine two\n\nAfter a blank line",
    "Olá Zoë, até já! 👋 €5",
    "a&body=injected&bcc=spy@evil.example",
    "%0D%0A literally, and %20 and %%",
    "tabs\tand / slashes ; colons: commas, 'quotes' \"double\" <angle> [brackets]",
]


@pytest.mark.parametrize("text", TRICKY)
def test_mailto_round_trips_through_urllib(text: str) -> None:
    draft = email_draft(
        text, subject=" ".join(text.split()), to=["kim@example.com", "sam@example.org"]
    )
    uri = mail.mailto_uri(draft)
    assert uri.isascii()
    assert not any(c in uri for c in " \n\r\t#")  # spaces, line breaks and '#' are escaped
    parts = urlsplit(uri)
    assert parts.scheme == "mailto"
    assert parts.fragment == ""
    assert [unquote(a) for a in parts.path.split(",")] == ["kim@example.com", "sam@example.org"]
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert fields == {"subject": [draft.subject], "body": [text.replace("\n", "\r\n")]}


def test_mailto_spells_spaces_and_line_breaks_as_rfc_6068_says() -> None:
    uri = mail.mailto_uri(
        email_draft("Hi Kim,\nsee you & bye", subject="A b", to=["kim@example.com"])
    )
    assert uri == "mailto:kim@example.com?subject=A%20b&body=Hi%20Kim%2C%0D%0Asee%20you%20%26%20bye"


def test_mailto_without_recipients_or_subject() -> None:
    draft = Draft("x", "v", "email", "Hi", subject=None, to=[])
    assert mail.mailto_uri(draft) == "mailto:?body=Hi"


# --- 4. opening in the mail client ------------------------------------------------------------


class Opener:
    """webbrowser.open's signature: records the links and answers like a browser launcher."""

    def __init__(self, result: bool | Exception) -> None:
        self.result = result
        self.links: list[str] = []

    def __call__(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.links.append(url)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def test_a_message_that_fits_opens_as_a_mailto_link(tmp_path: Path) -> None:
    draft = email_draft()
    opener = Opener(True)
    said = mail.open_in_client(draft, ME, opener=opener, fallback_dir=tmp_path)
    assert said == "Opened in your mail client."
    assert opener.links == [mail.mailto_uri(draft)]
    assert list(tmp_path.iterdir()) == []


def test_a_message_too_long_for_a_link_becomes_an_eml(tmp_path: Path) -> None:
    draft = email_draft(" ".join(["word"] * (mail.MAILTO_LIMIT // 5)))
    assert len(mail.mailto_uri(draft)) > mail.MAILTO_LIMIT
    opener = Opener(True)
    said = mail.open_in_client(draft, ME, opener=opener, fallback_dir=tmp_path)
    path = tmp_path / "drafter-follow-up.eml"
    assert said == (
        f"The message is too long for a mail link; wrote {path}: open it with your mail client."
    )
    assert opener.links == []  # no truncated link was opened
    msg = parsed(path.read_bytes())
    assert body_of(msg) == draft.body
    assert msg["X-Unsent"] == "1"


@pytest.mark.parametrize(
    "result", [False, webbrowser.Error("could not locate runnable browser"), OSError(2, "gone")]
)
def test_when_nothing_opens_the_link_an_eml_is_written_without_overwriting(
    tmp_path: Path, result: bool | Exception
) -> None:
    draft = email_draft()
    (tmp_path / "drafter-follow-up.eml").write_text("mine", encoding="utf-8")
    said = mail.open_in_client(draft, ME, opener=Opener(result), fallback_dir=tmp_path)
    path = tmp_path / "drafter-follow-up-2.eml"
    assert said == f"No mail client opened the link; wrote {path}: open it with your mail client."
    assert (tmp_path / "drafter-follow-up.eml").read_text(encoding="utf-8") == "mine"
    assert path.read_bytes() == mail.eml_bytes(draft, ME)


def test_a_bad_address_fails_before_anything_opens(tmp_path: Path) -> None:
    opener = Opener(True)
    with pytest.raises(mail.AddressError):
        mail.open_in_client(
            email_draft(to=["a@b.c" + INJECT]), ME, opener=opener, fallback_dir=tmp_path
        )
    assert opener.links == []
    assert list(tmp_path.iterdir()) == []


def test_the_eml_name_is_safe_whatever_the_playbook_id(tmp_path: Path) -> None:
    draft = Draft("../../etc/pass wd", "v", "email", "Hi", subject="S", to=[])
    assert mail.write_eml(draft, b"x", tmp_path) == tmp_path / "drafter-etc-pass-wd.eml"


# --- 5. the CLI -------------------------------------------------------------------------------

MAIL = """\
title: Mail
summary: An email.
channel: email
subject: "Hello {{ name|first_name }}"
fields:
  - {name: name, prompt: Name?, required: true}
  - {name: email, prompt: Email?, type: email}
variants:
  - {name: plain, text: "Hi {{ name|first_name }}.\\n\\nAll the best"}
  - {name: as-note, channel: linkedin-message, text: "Hi {{ name|first_name }}."}
"""

NOTE = """\
title: Note
summary: A note.
channel: linkedin-note
fields:
  - {name: name, prompt: Name?, required: true}
variants:
  - {name: plain, text: "Hi {{ name|first_name }}."}
"""

KIM = ("--set", "name=Kim Lee", "--set", "email=kim@example.com")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "mail.yaml").write_text(MAIL, encoding="utf-8")
    (root / "playbooks" / "note.yaml").write_text(NOTE, encoding="utf-8")
    return root


def run(lib: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["--library", str(lib), "draft", *args], env=env, prog_name="drafter"
    )


def test_format_eml_prints_the_message_bytes(lib: Path) -> None:
    result = run(lib, "mail", *KIM, "--set", "me.email=ana@example.com", "--format", "eml")
    assert result.exit_code == 0, result.output
    msg = parsed(result.stdout_bytes)
    assert recipients(msg) == ["kim@example.com"]
    assert msg["Subject"] == "Hello Kim"
    assert body_of(msg) == "Hi Kim.\n\nAll the best"
    assert result.stdout_bytes.endswith(b"All the best\r\n")  # nothing added after the message
    assert result.stderr.startswith("drafter: warning: check fit failed: the email has no sign-off")


def test_format_eml_with_output_writes_the_file(lib: Path, tmp_path: Path) -> None:
    out = tmp_path / "kim.eml"
    result = run(lib, "mail", *KIM, "--set", "me.name=Ana", "--format", "eml", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\n"
    assert parsed(out.read_bytes())["X-Unsent"] == "1"
    assert body_of(parsed(out.read_bytes())) == "Hi Kim.\n\nAll the best"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("note", "--format", "eml"),
            "--format eml works only with channel email; note is for linkedin-note",
        ),
        (("note", "--open"), "--open works only with channel email; note is for linkedin-note"),
        (
            ("mail", "--variant", "as-note", "--open"),
            "--open works only with channel email; mail is for linkedin-message",
        ),
    ],
)
def test_eml_and_open_on_a_non_email_playbook_are_usage_errors(
    lib: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(lib, *args, "--set", "name=Kim")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"drafter: error: {message}\n"


def test_piped_text_output_is_unchanged_by_known_addresses(lib: Path) -> None:
    result = run(lib, "mail", *KIM)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Subject: Hello Kim\n\nHi Kim.\n\nAll the best\n"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_open_hands_the_link_to_the_browser_setting(lib: Path, tmp_path: Path) -> None:
    """A real `drafter draft --open` process; $BROWSER (webbrowser's first choice) records the link."""
    seen = tmp_path / "seen.txt"
    recorder = tmp_path / "browser"
    recorder.write_text(
        f"#!{sys.executable}\nimport pathlib, sys\n"
        f"pathlib.Path({str(seen)!r}).write_text(sys.argv[1], encoding='utf-8')\n",
        encoding="utf-8",
    )
    recorder.chmod(0o755)
    env = {**os.environ, "BROWSER": str(recorder)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "drafter", "--library", str(lib), "draft", "mail", "--no-input", *KIM, "--open"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=15,
    )
    child.expect_exact("Opened in your mail client.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert seen.read_text(encoding="utf-8") == (
        "mailto:kim@example.com?subject=Hello%20Kim&body=Hi%20Kim.%0D%0A%0D%0AAll%20the%20best"
    )


# --- 6. the To: line, only on a terminal ------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_terminal_shows_to_above_subject(lib: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "drafter", "--library", str(lib), "draft", "mail", "--no-input", *KIM],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=15,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert isinstance(child.before, str)
    assert child.before.startswith(
        "To: kim@example.com\r\nSubject: Hello Kim\r\n\r\nHi Kim.\r\n\r\nAll the best\r\n"
    )


# --- 7. start-up ------------------------------------------------------------------------------

LOADED = (
    "import sys\n"
    "from drafter.cli import cli\n"
    "try:\n"
    "    cli(sys.argv[1:], prog_name='drafter')\n"
    "except SystemExit as exc:\n"
    "    assert not exc.code, exc.code\n"
    "heavy = ('email', 'webbrowser', 'drafter.mail', 'pyperclip')\n"
    "print(' '.join(m for m in heavy if m in sys.modules))\n"
)


@pytest.mark.parametrize(
    ("args", "loaded"),
    [((), ""), (("--format", "eml"), "email drafter.mail")],
    ids=["text", "eml"],
)
def test_an_email_draft_imports_the_email_package_only_for_eml(
    lib: Path, args: tuple[str, ...], loaded: str
) -> None:
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", LOADED, "--library", str(lib), "draft", "mail", "--no-input"]
        + [*KIM, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == loaded


@pytest.mark.parametrize(
    ("env", "platform", "graphical"),
    [({}, "linux", False), ({"DISPLAY": ":0"}, "linux", True),
     ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True), ({}, "darwin", True), ({}, "win32", True)],
)  # fmt: skip
def test_a_mail_link_needs_a_desktop(env: dict[str, str], platform: str, graphical: bool) -> None:
    assert mail.graphical_session(env, platform) is graphical


def test_without_a_desktop_open_writes_an_eml_and_says_why(
    lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No display and no $BROWSER: webbrowser would hand the link to a text browser."""
    from drafter import history

    monkeypatch.chdir(tmp_path)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(var, raising=False)
    result = CliRunner().invoke(
        cli, ["--library", str(lib), "draft", "mail", "--no-input", *KIM, "--open"]
    )
    assert result.exit_code == 0, result.output
    assert "No desktop here to open a mail client in" in result.stderr
    assert (tmp_path / "drafter-mail.eml").is_file()
    assert [set(r.actions) for r in history.find()] == [{"printed", "written"}]
