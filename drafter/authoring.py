"""Creating and copying playbooks into the user library (`drafter new`, `drafter edit`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from drafter import library as libmod
from drafter.errors import UsageError
from drafter.output import write_atomic
from drafter.playbook import Playbook, json_schema

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SCHEMA_FILE = Path(__file__).resolve().parent / "playbook.schema.json"
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:.*\n?")

STARTER = """\
title: {title}
summary: One line that tells you when to pick this playbook.
channel: linkedin-message
fields:
  - name: recipient_name
    prompt: Who are you writing to?
    required: true
    example: Maria Lopez
  - name: detail
    prompt: What specific thing do you want to mention?
    required: true
    help: a detail that shows this message is for them alone
    example: your talk on onboarding juniors
  - name: ask
    prompt: What are you asking for?
    type: choice
    default: call
    choices:
      - {{value: call, label: A short call}}
      - {{value: none, label: "Nothing, just saying hello"}}
variants:
  - name: warm
    description: Friendly and short.
    text: |
      Hi {{{{ recipient_name|first_name }}}},

      I wanted to say how much I appreciated {{{{ detail }}}}.
      {{% if ask == "call" %}}
      Would you be open to a short call in the next few weeks?
      {{% endif %}}

      {{% if me.name %}}
      {{{{ me.name|first_name }}}}
      {{% endif %}}
checks:
  must_mention: [detail]
examples:
  hello:
    recipient_name: Maria Lopez
    detail: your talk on onboarding juniors
    ask: call
    me: {{name: Ana Ruiz}}
  no-ask:
    recipient_name: Sam Lee
    detail: the checklist you shared
    ask: none
"""


def schema_line() -> str:
    """The first line that points YAML-aware editors at the playbook schema."""
    return f"# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}\n"


def write_schema_file(path: Path = SCHEMA_FILE) -> None:
    """Regenerate the shipped schema file from the model (run after changing playbook.py)."""
    path.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")


def check_id(new_id: str) -> None:
    if not ID_RE.match(new_id):
        raise UsageError(
            f"{new_id!r} is not a valid playbook id: use lower-case letters, digits and '-', "
            "e.g. referral-thanks"
        )


def _escape_repl(text: str) -> str:
    """`text` as a literal inside a re.sub replacement."""
    return text.replace("\\", "\\\\")


def new(new_id: str, source: Playbook | None = None) -> Path:
    """Write a new playbook into the user library; refuses to overwrite. Returns its path."""
    check_id(new_id)
    user = libmod.user()
    target = user.path_of(new_id)
    if target.exists():
        raise UsageError(f"{target}: already exists; edit it with 'drafter edit {new_id}'")
    if source is None:
        title = new_id.replace("-", " ").capitalize()
        body = STARTER.format(title=title)
        write_atomic(target, schema_line() + body)
        return target
    body = _SCHEMA_LINE.sub("", source.text, count=1)
    copies: list[tuple[Path, Path]] = []
    for v in source.spec.variants:
        if v.template is None:
            continue
        src = source.library.templates_dir / v.template if source.library else None
        if src is None or not src.is_file():
            raise UsageError(f"{source.path}: template {v.template!r} not found; cannot copy it")
        new_ref = f"{new_id}/{Path(v.template).name}"
        copies.append((src, user.templates_dir / new_ref))
        pattern = rf"(template:\s*['\"]?){re.escape(v.template)}(['\"]?)"
        body = re.sub(pattern, rf"\g<1>{_escape_repl(new_ref)}\g<2>", body)
    for _, dest in copies:
        if dest.exists():
            raise UsageError(f"{dest}: already exists; refusing to overwrite it")
    for src, dest in copies:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    write_atomic(target, schema_line() + body)
    return target
