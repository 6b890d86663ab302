"""Creating and copying playbooks into the user library (`drafter new`, `drafter edit`)."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

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
    if source.library is None:
        raise UsageError(f"{source.path}: not in a library; cannot copy its templates")
    tdir = source.library.templates_dir
    roots = [v.template for v in source.spec.variants if v.template]
    refs = _template_closure(tdir, roots + _inline_refs(source))
    renamed = {ref: _renamed(ref, new_id) for ref in refs}
    copies = {
        user.templates_dir / new: _rewrite(tdir / old, renamed) for old, new in renamed.items()
    }
    for old, new in renamed.items():
        pattern = rf"(template:\s*['\"]?){re.escape(old)}(['\"]?)"
        body = re.sub(pattern, rf"\g<1>{_escape_repl(new)}\g<2>", body)
        # and inside the playbook's own template strings ({% import "x/_lines.j2" %} in a subject)
        body = re.sub(rf"(['\"]){re.escape(old)}\1", rf"\g<1>{_escape_repl(new)}\g<1>", body)
    for dest in copies:
        if dest.exists():
            raise UsageError(f"{dest}: already exists; refusing to overwrite it")
    for dest, text in copies.items():
        write_atomic(dest, text)
    write_atomic(target, schema_line() + body)
    return target


def _inline_refs(pb: Playbook) -> list[str]:
    """Templates that the playbook's own strings include or import (a subject's macros)."""
    import jinja2
    from jinja2 import nodes

    from drafter.playbook import is_template

    spec = pb.spec
    strings = [spec.subject, *(v.text for v in spec.variants)]
    for f in spec.fields:
        strings += [f.prompt, f.help, f.example, str(f.default or "")]
        if f.frame is not None:
            strings += [f.frame.text, *f.frame.drop]
    env = jinja2.Environment()
    found: list[str] = []
    for text in strings:
        if text is None or not is_template(text):
            continue
        try:
            ast = env.parse(text)
        except jinja2.TemplateError:
            continue  # lint reports it
        for node in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            target = getattr(node, "template", None)
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                found.append(target.value)
    return found


def _renamed(ref: str, new_id: str) -> str:
    """'intro-request/warm.j2' -> 'NEW/warm.j2'; a file at the top gets a folder of its own."""
    parts = PurePosixPath(ref).parts
    return "/".join((new_id, *parts[1:])) if len(parts) > 1 else f"{new_id}/{ref}"


def _template_closure(tdir: Path, refs: list[str]) -> list[str]:
    """`refs` and every template they include, import or extend (constant names only)."""
    import jinja2
    from jinja2 import nodes

    from drafter import sandbox

    env = sandbox.environment(tdir)
    found: list[str] = []
    todo = list(refs)
    while todo:
        ref = todo.pop()
        if ref in found:
            continue
        try:
            source = env.loader.get_source(env, ref)[0]  # type: ignore[union-attr]
            ast = env.parse(source)
        except (jinja2.TemplateError, OSError, UnicodeDecodeError):
            # Missing, outside the library, unreadable or broken: lint says which and where.
            raise UsageError(
                f"template {ref!r} in {tdir} cannot be copied; run drafter lint"
            ) from None
        found.append(ref)
        kinds = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
        for node in ast.find_all(kinds):
            target = getattr(node, "template", None)
            if isinstance(target, nodes.Const) and isinstance(target.value, str):
                todo.append(target.value)
    return sorted(found)


def _rewrite(path: Path, renamed: dict[str, str]) -> str:
    """A template's text with the names of copied templates changed to their copies'."""
    text = path.read_text(encoding="utf-8")
    for old, new in renamed.items():
        text = re.sub(rf"(['\"]){re.escape(old)}\1", rf"\g<1>{_escape_repl(new)}\g<1>", text)
    return text
