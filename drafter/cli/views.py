"""What people read: the playbook list, `show`, the check report, the profile, lint's summary.

Pure functions from data to text; the commands decide what to print and where. Nothing
here loads, asks or writes anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click
import msgspec

from drafter import channels
from drafter.text import for_terminal

if TYPE_CHECKING:
    from pathlib import Path

    from drafter import contacts, followups, history
    from drafter.checks import CheckResult
    from drafter.errors import DrafterError
    from drafter.index import Summary
    from drafter.library import Entry
    from drafter.lint import Problem
    from drafter.output import Copied
    from drafter.playbook import Field, Playbook
    from drafter.render import Draft

TABLE_HEADER = ("ID", "CHANNEL", "SOURCE", "TITLE")


# --- warnings and notes ----------------------------------------------------------------------


def warning(message: str) -> str:
    """A warning line, with the message cleaned for the terminal."""
    return f"drafter: warning: {for_terminal(message)}"


def invalid_playbook(entry: Entry, exc: DrafterError) -> str:
    """The warning for a playbook file that does not load, in a listing."""
    return f"drafter: warning: {entry.id} ({entry.library.source}) is invalid: {for_terminal(str(exc))}"


def skipped_playbook(entry: Entry, exc: DrafterError) -> str:
    """The warning for a playbook the guided flow leaves out of its menu."""
    return (
        f"drafter: warning: skipping {entry.id} ({entry.library.source}): {for_terminal(str(exc))}"
    )


def wrote(path: Path) -> str:
    """The note after --output wrote the draft."""
    return f"Wrote {path}"


# What tmux needs before an OSC 52 request from inside it reaches the terminal.
TMUX_CLIPBOARD = "set -g allow-passthrough on` or `set -g set-clipboard on"


def copied(result: Copied) -> str:
    """The note after a copy: "Copied." only when the clipboard was read back and held it."""
    if result.confirmed:
        return "Copied."
    if result.how == "clipboard":
        return (
            "Handed to the clipboard tool, but the clipboard did not read back the same text: "
            "check before you paste."
        )
    sent = "Sent to the terminal's clipboard (OSC 52), which some terminals ignore"
    if result.how == "osc52-tmux":
        return f"{sent}; tmux passes it on only with `{TMUX_CLIPBOARD}`."
    if result.how == "osc52-screen":
        return f"{sent} (through GNU screen)."
    return f"{sent}."


def not_copied(exc: DrafterError) -> str:
    """The note when the guided flow could not reach a clipboard."""
    return f"Not copied: {exc}."


def draft_text(draft: Draft) -> str:
    """The draft as a terminal shows it: an email with known recipients gets a To: line."""
    if draft.channel == "email" and draft.to:
        return f"To: {', '.join(draft.to)}\n{draft.text()}"
    return draft.text()


def saved(path: Path) -> str:
    """The note after the profile was saved."""
    return f"Saved {path}"


# --- list ------------------------------------------------------------------------------------


def playbook_table(loaded: Sequence[tuple[Entry, Summary]]) -> list[str]:
    """The `drafter list` table: id, channel, source (and what overrides it), title."""
    rows = [
        (
            e.id,
            pb.channel,
            e.library.source
            if e.overridden_by is None
            else f"{e.library.source} (overridden by {e.overridden_by.source})",
            pb.title,
        )
        for e, pb in loaded
    ]
    if not rows:
        return ["No playbooks found."]
    return _table(TABLE_HEADER, rows)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns two spaces apart, each as wide as its widest cell; the last one not padded."""
    table = [tuple(header), *rows]
    widths = [max(map(len, column)) for column in zip(*table, strict=True)][:-1]
    # One %-format a line, made once: 5,000 lines of cells padded one by one cost 8 ms.
    line = "  ".join([*(f"%-{width}s" for width in widths), "%s"])
    return [(line % tuple(row)).rstrip() for row in table]


def playbook_list_json(loaded: Sequence[tuple[Entry, Summary]]) -> str:
    """`drafter list --format json`: one object a playbook file."""
    data = [
        {
            "id": e.id,
            "title": pb.title,
            "summary": pb.summary,
            "group": pb.group,
            "channel": pb.channel,
            "source": e.library.source,
            "path": str(e.library.path_of(e.id)),
            "overridden_by": e.overridden_by.source if e.overridden_by else None,
        }
        for e, pb in loaded
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- show ------------------------------------------------------------------------------------


def playbook_json(pb: Playbook, shown: Sequence[Field]) -> str:
    """`drafter show --format json`; `shown` holds each field as a person sees it."""
    data = {
        "id": pb.id,
        "title": pb.title,
        "summary": pb.spec.summary,
        "group": pb.spec.group,
        "channel": pb.spec.channel,
        "fields": [_field_json(f, shown[i]) for i, f in enumerate(pb.fields)],
        "variants": [{"name": v.name, "description": v.description} for v in pb.spec.variants],
        "follow_up": msgspec.to_builtins(pb.spec.follow_up),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _field_json(f: Field, shown: Field) -> dict[str, Any]:
    return {
        "name": f.name,
        "type": f.type,
        "required": f.required,
        "prompt": shown.prompt,
        "prompt_template": f.prompt if f.prompt != shown.prompt else None,
        "help": shown.help,
        "example": shown.example,
        "frame": shown.frame.text if shown.frame is not None else None,
        "when": f.when,
        "default": f.default,
        "choices": [{"value": c.value, "label": c.title} for c in f.choices],
        "from_contact": f.from_contact,
        "contact": f.contact if f.from_contact else None,
        "remember": f.remember,
    }


def playbook_text(pb: Playbook, shown: Sequence[Field]) -> str:
    """`drafter show`: the playbook's channel, fields, variants and how to try it."""
    lines = [*_about(pb), "", "Fields:"]
    for f in shown:
        lines += _field_lines(f)
    lines += ["", "Variants:"]
    for i, v in enumerate(pb.spec.variants):
        default = " (default)" if i == 0 else ""
        lines.append(f"  {v.name}{default}: {v.description}".rstrip(": "))
    plan = pb.spec.follow_up
    if plan is not None:
        suggest = f" ('drafter draft {plan.playbook}')" if plan.playbook else ""
        lines += ["", f"Follow-up, {plan.after} after it leaves drafter: {plan.note}{suggest}"]
    required = [f for f in pb.fields if f.required]
    example = " ".join(f'--set {f.name}="..."' for f in required[:2])
    lines += [
        "",
        f"Try: drafter draft {pb.id}" + (f"  (or --no-input {example})" if example else ""),
    ]
    return "\n".join(lines)


def _about(pb: Playbook) -> list[str]:
    limit = channels.limits(pb.spec.channel).body
    lines = [f"{pb.title} ({pb.id})"]
    if pb.spec.summary:
        lines.append(pb.spec.summary.strip())
    lines.append(
        f"Channel: {channels.LABELS[pb.spec.channel]}"
        + (f", {limit:,} characters" if limit else "")
        + (f", at most {pb.spec.checks.max_words} words" if pb.spec.checks.max_words else "")
    )
    return lines


def _field_lines(f: Field) -> list[str]:
    flags = "required" if f.required else "optional"
    if f.default is not None:
        flags += f", default {_value(f.default)}"
    if f.when:
        flags += f", when {f.when}"
    lines = [f"  {f.name} ({f.type}, {flags}): {f.prompt.strip()}"]
    if f.help:
        lines.append(f"      {f.help.strip()}")
    if f.frame and f.frame.text:
        lines.append(f"      finishes: {f.frame.text.strip()}")
    if f.example:
        lines.append(f"      e.g. {f.example.strip()}")
    if f.from_contact:
        which = "" if f.contact == 1 else f" (--to number {f.contact})"
        lines.append(f"      with --to: the contact's {f.from_contact}{which}")
    if f.remember:
        lines.append("      kept on the contact, dated, when the draft leaves drafter")
    for c in f.choices:
        label = f" - {c.label}" if c.label else ""
        lines.append(f"      {c.value}{label}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return str(value)


# --- the check report ------------------------------------------------------------------------


def check_report(
    results: Sequence[CheckResult], pb: Playbook, variant: str, *, utf8: bool
) -> list[str]:
    """Every check, marked, for a terminal; then the playbook's other styles."""
    good, bad = ("✓", "✗") if utf8 else ("ok", "FAIL")
    lines = [""]
    for r in results:
        mark = click.style(good, fg="green") if r.ok else click.style(bad, fg="red", bold=True)
        lines.append(f"{mark} {r.id}: {r.message}")
        if r.fix and not r.ok:
            lines.append(f"    fix: {r.fix}")
    others = [v.name for v in pb.spec.variants if v.name != variant]
    if others:
        lines.append(click.style(f"Other styles: {', '.join(others)} (--variant NAME)", dim=True))
    return lines


def check_warnings(results: Sequence[CheckResult]) -> list[str]:
    """Only the failed checks, as warnings, for when no one is watching a terminal."""
    lines = []
    for r in results:
        if not r.ok:
            fix = f" (fix: {r.fix})" if r.fix else ""
            lines.append(f"drafter: warning: check {r.id} failed: {r.message}{fix}")
    return lines


# --- profile ---------------------------------------------------------------------------------


def profile_heading(path: Path) -> str:
    """Where the profile lives, and whether it is there yet."""
    return f"# {path}" + ("" if path.exists() else " (not saved yet)")


def profile_lines(me: dict[str, str], settings: dict[str, Any] | None = None) -> list[str]:
    """The profile's keys and values, aligned ('-' for an empty one), then its settings."""
    shown: dict[str, str] = {k: v or "-" for k, v in me.items()}
    for key, value in (settings or {}).items():
        if key == "note_budget":
            shown[key] = (
                "unlimited" if value == -1 else "LinkedIn's" if value is None else str(value)
            )
        else:
            shown[key] = ("on" if value else "off") if key == "history" else str(value).lower()
    width = max(len(k) for k in shown)
    return [f"{key:<{width}}  {for_terminal(value)}" for key, value in shown.items()]


# --- authoring and lint ----------------------------------------------------------------------


def created(playbook_id: str, overrides: str | None) -> list[str]:
    """The notes after `drafter new`: what it overrides, and what to do next."""
    lines = []
    if overrides is not None:
        lines.append(f"Note: {playbook_id} now overrides the {overrides} playbook of the same id.")
    lines.append(
        f"Next: drafter edit {playbook_id}, then drafter lint and drafter draft {playbook_id}"
    )
    return lines


def copied_playbook(source: str, path: Path) -> str:
    """The note when `drafter edit` copies a built-in or pack playbook to the user library."""
    return f"Copied the {source} playbook to {path}"


def problems_text(problems: Sequence[Problem]) -> list[str]:
    """One FILE:LINE:COL: RULE-ID: MESSAGE line a problem."""
    return [p.format() for p in problems]


def problems_json(problems: Sequence[Problem]) -> str:
    """`drafter lint --format json`: one object a problem."""
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


def lint_summary(errors: int, warnings: int) -> str:
    """The last line of `drafter lint`."""
    return (
        f"{errors} error(s), {warnings} warning(s)" if errors or warnings else "No problems found."
    )


def edit_summary(errors: int, warnings: int, path: Path) -> str:
    """The last line of `drafter edit`: the lint of the file just edited."""
    if errors or warnings:
        return f"{errors} error(s), {warnings} warning(s) in {path}"
    return f"{path}: no problems found."


# --- history -----------------------------------------------------------------------------


def _local(stamp: str) -> str:
    """A recorded UTC time as the local 'YYYY-MM-DD HH:MM'."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return for_terminal(stamp)


def _short(text: str, width: int) -> str:
    one = " ".join(for_terminal(text).split())
    return one if len(one) <= width else one[: width - 1] + "…"


def history_table(records: Sequence[history.Record]) -> list[str]:
    """One line a recorded draft: id, when, playbook, to whom, what happened, how it starts."""
    rows = [
        (
            str(r.id),
            _local(r.created),
            _short(r.playbook, 24),
            _short(r.to or "-", 24),
            ",".join(
                a for a in ("printed", "copied", "written", "opened", "sent") if a in r.actions
            ),
            _short(r.text, 40),
        )
        for r in records
    ]
    return _table(("ID", "WHEN", "PLAYBOOK", "TO", "DONE", "TEXT"), rows)


def history_record(r: history.Record) -> list[str]:
    """A recorded draft in full, for `drafter history show`."""
    lines = [
        f"Draft {r.id}: {for_terminal(r.playbook)} ({for_terminal(r.variant)}, {r.channel})",
        f"Made:    {_local(r.created)}",
    ]
    if r.people:
        lines.append(f"People:  {for_terminal(r.to)}")
    for action in ("printed", "copied", "written", "opened", "sent"):
        if action in r.actions:
            lines.append(f"{action.capitalize() + ':':<8} {_local(r.actions[action])}")
    lines += ["", "Answers:"]
    lines += [
        f"  {for_terminal(k)}: {for_terminal(_value(v))}"
        for k, v in r.answers.items()
        if not _blank(v)
    ]
    lines += ["", "Text:"]
    if r.recipients:
        lines.append(f"To: {for_terminal(', '.join(r.recipients))}")
    lines += for_terminal(r.text).splitlines()
    return lines


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def history_empty(filtered: bool) -> str:
    if filtered:
        return "No recorded drafts match."
    return "No drafts recorded yet: a draft is kept here once it is printed, copied or written."


def marked_sent(draft_id: int) -> str:
    return f"Marked draft {draft_id} as sent."


def forgotten(count: int) -> str:
    return f"Deleted {count} draft{'s' if count != 1 else ''} from the history, for good."


def playbook_changed(r: history.Record) -> str:
    return (
        f"playbook {r.playbook!r} has changed since draft {r.id} was made; "
        "the text may differ from the recorded one"
    )


def stale_answers(names: Sequence[str]) -> str:
    return (
        f"answers the playbook no longer takes are left out: {', '.join(names)}; "
        "anything it needs is asked again (or named, without a terminal)"
    )


def not_recorded(exc: DrafterError) -> str:
    return warning(f"not recorded in the history: {exc}")


# --- the review loop -------------------------------------------------------------------------


def review_heading(variant: str, channel: str, edited: bool) -> str:
    """The line above the draft in the review loop: its style, channel, and any hand edit."""
    how = ", edited by hand" if edited else ""
    return click.style(f"── {variant} style, {channels.LABELS[channel]}{how} ──", dim=True)


def review_checks(results: Sequence[CheckResult], *, utf8: bool) -> list[str]:
    """Every check, marked, below the draft in the review loop."""
    good, bad = ("✓", "✗") if utf8 else ("ok", "FAIL")
    lines = []
    for r in results:
        mark = click.style(good, fg="green") if r.ok else click.style(bad, fg="red", bold=True)
        lines.append(f"{mark} {r.id}: {for_terminal(r.message)}")
        if r.fix and not r.ok:
            lines.append(f"    fix: {for_terminal(r.fix)}")
    return lines


def chars_left(used: int, limit: int) -> str:
    """The prompt's bottom toolbar while an answer to a limited message is typed."""
    if used <= limit:
        return f"{limit - used:,} characters left of {limit:,} in the message"
    return f"{used - limit:,} characters over the {limit:,} the message may have"


def style_choice(name: str, chars: int | None, limit: int | None, current: bool) -> str:
    """A style in the loop's style menu, with its length against the channel's limit."""
    if chars is None:
        size = "cannot be drafted with these answers"
    elif limit is None:
        size = f"{chars:,} characters"
    else:
        over = f", {chars - limit:,} over" if chars > limit else ""
        size = f"{chars:,}/{limit:,} characters{over}"
    return f"{name}: {size}" + (" (current)" if current else "")


def answer_choice(prompt: str, value: str) -> str:
    """A field in the loop's answer menu: its question and its answer, shortened."""
    return f"{_shorten(' '.join(prompt.split()), 50)}  [{_shorten(value, 40) or 'empty'}]"


def answer_text(value: Any, titles: dict[str, str] | None = None) -> str:
    """An answer as people read it: a choice by its title, yes/no, lists joined, one line."""
    titles = titles or {}
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(titles.get(str(v), str(v)) for v in value)
    if value is None:
        return ""
    return " ".join(for_terminal(titles.get(str(value), str(value))).split())


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def copy_anyway(failed: Sequence[CheckResult]) -> str:
    """The question before copying a draft that fails checks: which, and why."""
    named = "; ".join(f"{r.id}: {for_terminal(r.message)}" for r in failed)
    return (
        f"The draft fails {'a check' if len(failed) == 1 else 'checks'}: {named}. Copy it anyway?"
    )


def discard_edit() -> str:
    """The question before a change that would re-draft over an edit by hand."""
    return "This drafts the message again and discards your edit by hand. Go on?"


def replace_file(path: Path) -> str:
    """The question before writing over a file."""
    return f"{path} already exists. Replace it?"


def not_done(what: str) -> str:
    """The note when the person said no (or nothing changed): 'Not copied.'."""
    return f"{what}."


# --- contacts ----------------------------------------------------------------------------


def contact_table(found: Sequence[contacts.Contact]) -> list[str]:
    """One line a contact: name, company, position, how you met, tags."""
    rows = [
        (_short(c.name, 28), _short(c.company or "-", 20), _short(c.position or "-", 24),
         _short(" ".join(c.tags) or "-", 20), _short(c.how_we_met or "-", 30))
        for c in found
    ]  # fmt: skip
    return _table(("NAME", "COMPANY", "POSITION", "TAGS", "HOW WE MET"), rows)


def contact_lines(
    c: contacts.Contact,
    touched: Sequence[history.Record],
    cadence: str = "",
    plans: Sequence[followups.Plan] = (),
    logged: Sequence[followups.Touch] = (),
) -> list[str]:
    """A contact in full, for `drafter contacts show`."""
    lines = [
        for_terminal(c.name) + (f" (goes by {for_terminal(c.greeting)})" if c.greeting else "")
    ]
    for label, value in (
        ("Company", c.company), ("Position", c.position), ("How we met", c.how_we_met),
        ("Email", c.email), ("LinkedIn", c.linkedin), ("Connected", c.connected),
        ("Tags", " ".join(c.tags)), ("Keep in touch", cadence),
        ("Snoozed", f"until {c.snoozed_until}" if c.snoozed_until else ""),
    ):  # fmt: skip
        if value:
            lines.append(f"{label + ':':<15}{for_terminal(value)}")
    if c.notes:
        lines += ["", "Notes:"] + [f"  {for_terminal(n)}" for n in c.notes.splitlines()]
    if c.details:
        lines += ["", "Remembered (bring it up next time):"]
        lines += [f"  {_local(d.at)[:10]}  {for_terminal(d.text)}" for d in c.details]
    if plans:
        lines += ["", "Follow-ups:"]
        for p in plans:
            suggest = f" ('drafter draft {p.playbook}')" if p.playbook else ""
            lines.append(f"  {p.due}  {for_terminal(p.note)}{for_terminal(suggest)}")
    if touched:
        lines += ["", "Drafts:"]
        lines += [f"  {r.id}  {_local(r.created)}  {for_terminal(r.playbook)}" for r in touched]
    if logged:
        lines += ["", "In touch:"]
        lines += [f"  {_local(t.at)}  {for_terminal(t.note) or '-'}" for t in logged]
    return lines


def due_table(items: Sequence[followups.Due]) -> list[str]:
    """`drafter due`: whom, since when, why, and the draft to start."""
    rows = []
    for d in items:
        days = f"{abs(d.days)} day{'s' if abs(d.days) != 1 else ''}"
        if d.days > 0:
            when = f"overdue, due {days} ago" if d.overdue else f"due {days} ago"
        elif d.days == 0:
            when = "due today"
        else:
            when = f"in {days}"
        why = d.why + (f"; last time: {d.detail}" if d.detail else "")
        rows.append(
            [for_terminal(d.name), when, for_terminal(d.playbook or "-"), for_terminal(why)]
        )
    return _table(("NAME", "WHEN", "DRAFT", "WHY"), rows)


def offer_thanks_later(c: contacts.Contact) -> str:
    return f"Remind you in a week to thank {for_terminal(c.name)} if they accept?"


def scheduled(c: contacts.Contact, day: str) -> str:
    return f"Follow-up with {for_terminal(c.name)} on {day} (see 'drafter due')."


def nobody_due(hint: bool) -> str:
    if not hint:
        return "Nobody is due."
    return "Nobody is due. Give contacts a cadence with 'drafter contacts cadence NAME 2m'."


def due_line(count: int) -> str:
    """The guided flow's one line, when anyone is due."""
    people = f"{count} {'person is' if count == 1 else 'people are'}"
    return f"{people} due for a follow-up: see 'drafter due'."


def snoozed(c: contacts.Contact, until: str) -> str:
    return f"{for_terminal(c.name)} is not due before {until}."


def marked_done(c: contacts.Contact, closed: int) -> str:
    follow = f"; {closed} follow-up{'s' if closed != 1 else ''} done" if closed else ""
    return f"Noted: in touch with {for_terminal(c.name)} today{follow}."


def touched(c: contacts.Contact) -> str:
    return f"Noted: in touch with {for_terminal(c.name)} today."


def wrote_events(path: Path, count: int) -> str:
    return f"Wrote {count} event{'s' if count != 1 else ''} to {for_terminal(str(path))}."


def cadence_set(target: str, cadence: str | None) -> str:
    if cadence is None:
        return f"{for_terminal(target)}: no cadence."
    return f"{for_terminal(target)}: keep in touch {for_terminal(cadence)}."


def contacts_empty(filtered: bool) -> str:
    if filtered:
        return "No contacts have that tag."
    return "No contacts yet: add one with 'drafter contacts add NAME'."


def contact_added(c: contacts.Contact) -> str:
    return f"Added {for_terminal(c.name)}."


def contact_saved(c: contacts.Contact) -> str:
    return f"Saved {for_terminal(c.name)}."


def contacts_forgotten(people: int, drafts: int) -> str:
    return (
        f"Deleted {people} contact{'s' if people != 1 else ''}, all kept about them"
        f" and {drafts} draft{'s' if drafts != 1 else ''} to them, for good."
    )


def contact_forgotten(c: contacts.Contact, details: int, drafts: int) -> str:
    return (
        f"Deleted {for_terminal(c.name)}, {details} remembered detail{'s' if details != 1 else ''}"
        f" and {drafts} draft{'s' if drafts != 1 else ''} to them, for good."
    )


def imported(added: int, updated: int, same: int, problems: int, hidden: int) -> str:
    """After `contacts import`: what happened to every row."""
    parts = [f"{added:,} added", f"{updated:,} updated", f"{same:,} already there"]
    if problems:
        parts.append(
            f"{problems:,} skipped" + (f" ({hidden:,} not listed above)" if hidden else "")
        )
    return "Imported: " + ", ".join(parts) + "."


# --- LinkedIn's note budget ------------------------------------------------------------------


def notes_left(left: int, budget: int) -> str:
    return f"{left} of {budget} personalised LinkedIn notes left this month."


def invited_before(record: history.Record) -> str:
    sent = record.actions.get("sent", record.created)[:10]
    return warning(
        f"You sent {record.to} a connection note on {sent} (draft {record.id}): "
        "if it is still pending, LinkedIn will not take another."
    )


def contact_summary(contact: contacts.Contact) -> str:
    """One line that tells two contacts of one name apart."""
    parts = [contact.position, contact.company, contact.email, contact.linkedin]
    return " · ".join(p for p in parts if p) or f"added {contact.created[:10]}"


def no_notes_left(budget: int) -> str:
    return (
        f"No personalised notes left this month: all {budget} are sent. What works anyway: "
        "send the invitation without a note, and when they accept, "
        "'drafter draft thanks-for-connecting'."
    )
