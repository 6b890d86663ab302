"""Drafting: a variant's template run over the answers, tidied into a Draft.

The templates run in drafter.sandbox; this module decides what they see
(answers and a cleaned `me`), tidies what they write (`normalise`), and
attaches the channel's limits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from drafter import channels
from drafter.sandbox import compile_string, load_template, run
from drafter.text import clean

if TYPE_CHECKING:
    from drafter.playbook import Playbook, Variant

# --- normalisation ----------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])[ \t]+")
_DOUBLE_PUNCT = [
    (re.compile(r",\s*([.!?;:])"), r"\1"),  # ", ." -> "."
    (re.compile(r"([!?])\."), r"\1"),  # "hiring?." -> "hiring?"
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),  # ".." -> "." but keep "..."
    (re.compile(r",{2,}"), ","),
    (re.compile(r";\s*\."), "."),
]


def normalise(text: str) -> str:
    """Tidy rendered text: single spaces, no space before punctuation, at most one blank line."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = _SPACES.sub(" ", line).strip(" \t")
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
        line = _SPACE_AFTER_OPEN.sub(r"\1", line)
        for pattern, repl in _DOUBLE_PUNCT:
            line = pattern.sub(repl, line)
        lines.append(line)
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")


# --- drafts -----------------------------------------------------------------------------


class Draft(msgspec.Struct):
    """A rendered message, before checks."""

    playbook: str
    variant: str
    channel: str
    body: str
    subject: str | None = None
    to: list[str] = msgspec.field(default_factory=list)
    limits: channels.Limits = msgspec.field(default_factory=lambda: channels.Limits(body=None))

    def text(self) -> str:
        """The message as sent: for email, a Subject line, a blank line, the body."""
        if self.subject is not None:
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body


def render(
    pb: Playbook, variant: Variant, answers: Mapping[str, Any], me: Mapping[str, Any]
) -> Draft:
    """Render `variant` of `pb` with validated `answers` and sender `me`."""
    index = pb.spec.variants.index(variant)
    what = f"playbook {pb.id!r}, variant {variant.name!r}"
    if variant.template is not None:
        template = load_template(pb, variant.template, ["variants", index, "template"])
    else:
        template = compile_string(pb, variant.text or "", ["variants", index, "text"])
    # Control and bidi characters never belong in a message: answers are cleaned as they are
    # coerced, but `me` comes from the profile and --set me.KEY, and a shared template can
    # write "\x1b]52;..." itself. Cleaning here covers stdout, --output and --copy alike.
    me = {
        k: clean(v, multiline=k == "signature") if isinstance(v, str) else v for k, v in me.items()
    }
    context = {**answers, "me": me}
    body = normalise(clean(run(template, context, what), multiline=True))
    channel = variant.channel or pb.spec.channel
    lim = channels.limits(channel, str(me.get("linkedin_account") or "free"))
    subject = None
    if lim.has_subject and pb.spec.subject:
        sub = compile_string(pb, pb.spec.subject, ["subject"])
        subject = " ".join(normalise(clean(run(sub, context, f"{what}, subject"))).split())
    to = [str(answers[f.name]) for f in pb.fields if f.type == "email" and answers.get(f.name)]
    return Draft(pb.id, variant.name, channel, body, subject, to, lim)
