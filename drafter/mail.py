"""Email drafts that leave drafter ready to send: an .eml message, a mailto: link, the mail client.

Built with the standard `email` package (and `webbrowser` to open a link), both imported only
when an email is made: the ordinary draft path never pays for them. drafter never sends
anything; the message is marked `X-Unsent: 1` so mail clients open it as a draft.

No text of the draft can add a header: the subject and names are cleaned to one line without
control characters, addresses must each be one valid address, and the `email` package refuses
CR or LF in any header it writes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import UsageError
from drafter.output import write_atomic
from drafter.text import clean

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

    from drafter.render import Draft

# The longest mailto: URI handed to the system. On Windows the link goes through the shell,
# where URLs are held to INTERNET_MAX_URL_LENGTH (2,083 characters) and longer mailto links
# are cut or refused: 2,000 leaves room. Elsewhere (xdg-open, macOS `open`) a command line
# takes far more, but the mail clients and web-mail handlers behind a link are only known to
# take a few thousand characters: 8,000 stays within what browsers accept in a URL.
# A longer message becomes an .eml instead of a link that loses its end.
MAILTO_LIMIT = 2000 if sys.platform == "win32" else 8000

OPENED = "Opened in your mail client."

# Percent-encode everything in a mailto: field value except RFC 3986's unreserved characters.
# RFC 6068 would allow some delimiters as they are, but "+" reads as a space to clients that
# decode links like web forms, and an encoded character means the same to every client.
_SAFE_IN_VALUE = ""
_SAFE_IN_ADDRESS = "@"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class AddressError(UsageError):
    """An address for a header is not one valid email address: `field` says which header."""

    def __init__(self, field: str, value: str, reason: str = "is not a single email address"):
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {value!r} {reason}")


def _text(value: str, what: str, *, multiline: bool = False) -> str:
    """`value` cleaned (one line unless `multiline`, no control characters), as UTF-8 allows."""
    text = clean(value, multiline=multiline)
    text = text if multiline else text.strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: argv bytes that were not UTF-8
        raise UsageError(f"{what}: cannot make an email: the text is not valid UTF-8") from None
    return text


def _address(field: str, value: str, name: str = "") -> Address:
    """`value` as one Address (its domain in ASCII), with display `name` cleaned to one line."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    spec = value.strip()
    if not spec or _CONTROL.search(spec):
        raise AddressError(field, value)
    try:
        parsed = Address(addr_spec=spec)
        domain = parsed.domain.encode("idna").decode("ascii")  # exämple.com -> xn--exmple-cua.com
        display = _text(name, field)
        return Address(display_name=display, username=parsed.username, domain=domain)
    except (ValueError, IndexError, HeaderParseError, UnicodeError):
        raise AddressError(field, value) from None


def message(draft: Draft, me: Mapping[str, Any]) -> EmailMessage:
    """The draft as an unsent email: To, From (when `me` has an email), Subject, a UTF-8 body."""
    from email import policy
    from email.message import EmailMessage

    msg = EmailMessage(policy=policy.SMTP)
    if draft.to:
        msg["To"] = tuple(_address("To", addr) for addr in draft.to)
    sender = str(me.get("email") or "")
    if sender:
        msg["From"] = _address("From (me.email)", sender, str(me.get("name") or ""))
    if draft.subject is not None:
        msg["Subject"] = _text(draft.subject, "Subject")
    msg["X-Unsent"] = "1"
    msg.set_content(_text(draft.body, "body", multiline=True), charset="utf-8")
    return msg


def eml_bytes(draft: Draft, me: Mapping[str, Any]) -> bytes:
    """The draft as the bytes of an .eml file (RFC 5322, CRLF line ends)."""
    return message(draft, me).as_bytes()


def mailto_uri(draft: Draft) -> str:
    """A mailto: URI (RFC 6068) with the draft's recipients, subject and body, percent-encoded."""
    from urllib.parse import quote

    to = ",".join(quote(_address("To", a).addr_spec, safe=_SAFE_IN_ADDRESS) for a in draft.to)
    fields = []
    if draft.subject is not None:
        fields.append("subject=" + quote(_text(draft.subject, "Subject"), safe=_SAFE_IN_VALUE))
    # RFC 6068 section 5: a line break in the body is written as %0D%0A.
    body = _text(draft.body, "body", multiline=True).replace("\n", "\r\n")
    fields.append("body=" + quote(body, safe=_SAFE_IN_VALUE))
    return f"mailto:{to}?" + "&".join(fields)


def open_in_client(
    draft: Draft,
    me: Mapping[str, Any],
    *,
    opener: Callable[[str], bool] | None = None,
    fallback_dir: Path | None = None,
) -> str:
    """Open the draft in the mail client through mailto:, or write an .eml; the sentence to show.

    `opener` has webbrowser.open's signature (the default); `fallback_dir` is where the .eml
    goes when the link is too long or nothing opened it (the current folder by default).
    """
    uri = mailto_uri(draft)
    data = eml_bytes(draft, me)  # built first, so a bad address fails before anything opens
    if len(uri) > MAILTO_LIMIT:
        path = write_eml(draft, data, fallback_dir)
        return (
            f"The message is too long for a mail link; wrote {path}: open it with your mail client."
        )
    import webbrowser

    chosen = os.environ.get("BROWSER", "").split(os.pathsep)[0].strip()
    if opener is None and not graphical_session():
        if not chosen:
            path = write_eml(draft, data, fallback_dir)
            return (
                "No desktop here to open a mail client in (only a text browser would take the "
                f"link); wrote {path}: open it with your mail client."
            )
        # Only the handler you chose in $BROWSER: none of webbrowser's text browsers after it.
        opener = lambda link: webbrowser.get(chosen).open(link)  # noqa: E731
    try:
        opened = (opener or webbrowser.open)(uri)
    except (OSError, webbrowser.Error):  # a launcher that cannot run: the .eml still works
        opened = False
    if opened:
        return OPENED
    path = write_eml(draft, data, fallback_dir)
    return f"No mail client opened the link; wrote {path}: open it with your mail client."


def graphical_session(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a mail link can reach a desktop mail client: macOS and Windows always; elsewhere
    only with a display (X11 or Wayland). Without one, webbrowser falls back to text browsers
    (www-browser, lynx), which would take over the terminal with a mailto: link."""
    import sys

    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "darwin" or platform.startswith("win"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def write_eml(draft: Draft, data: bytes, folder: Path | None = None) -> Path:
    """Write `data` to a new drafter-PLAYBOOK[-N].eml in `folder` (never over a file); its path."""
    folder = Path(".") if folder is None else folder
    stem = "drafter-" + (_UNSAFE_IN_NAME.sub("-", draft.playbook).strip("-.") or "draft")
    for n in range(1, 1000):
        path = folder / (f"{stem}.eml" if n == 1 else f"{stem}-{n}.eml")
        if os.path.lexists(path):
            continue
        try:
            write_atomic(path, data)
        except UsageError:
            if os.path.lexists(path):  # another process took the name meanwhile
                continue
            raise
        return path
    raise UsageError(f"{folder}: no free name for {stem}.eml (999 are taken)")
