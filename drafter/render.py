"""The one sandboxed Jinja2 environment, its filters, bounded rendering and normalisation.

Templates and expressions come from other people's playbooks, so they run in
`SandboxedEnvironment` with `StrictUndefined`, may only load templates from
their own library, and are stopped if they run too long or write too much.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from drafter import channels
from drafter.errors import PlaybookError, RenderError

if TYPE_CHECKING:
    from drafter.playbook import Playbook, Variant

MAX_OUTPUT = 100_000  # characters a single template may produce
TIME_BUDGET = 0.5  # seconds a single render may take
MAX_SIZE_ARG = 10_000  # widths and repeat counts a template may ask for

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord",
    "rev", "revd", "fr", "hon", "sr", "sra", "srta", "herr", "frau", "mme", "mlle", "m",
    "dott", "ing", "capt", "col", "gen", "lt", "sgt", "cmdr", "judge", "rabbi", "imam",
}  # fmt: skip


def first_name(full: Any) -> str:
    """The given name: 'Dr. Elena Petrova' -> 'Elena'; keeps accents, apostrophes, hyphens."""
    words = str(full or "").replace(",", " ").split()
    for word in words:
        if word.rstrip(".").lower() in HONORIFICS and len(words) > 1:
            continue
        return word.strip(".\"'()")
    return ""


def join_and(items: Any, conjunction: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'; empty items are dropped."""
    if isinstance(items, str):
        items = [items]
    parts = [str(i).strip() for i in (items or []) if str(i).strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


_AN_EXCEPTIONS = ("hour", "honest", "honor", "honour", "heir", "herb")
_A_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "ubiq", "ute", "uk")


def a_an(phrase: Any) -> str:
    """Prefix the right indefinite article: 'engineer' -> 'an engineer', 'MBA' -> 'an MBA'."""
    text = str(phrase or "").strip()
    if not text:
        return ""
    word = re.split(r"[\s\-]", text, maxsplit=1)[0]
    lower = word.lower()
    if word.isupper() and len(word) > 1 and word.isalpha():  # an acronym, read letter by letter
        article = "an" if word[0] in "AEFHILMNORSX" else "a"
    elif lower.startswith(_AN_EXCEPTIONS):
        article = "an"
    elif lower.startswith(_A_EXCEPTIONS):
        article = "a"
    else:
        article = "an" if lower[:1] in "aeiou" else "a"
    return f"{article} {text}"


FILTERS: dict[str, Callable[..., Any]] = {"first_name": first_name, "join_and": join_and, "a_an": a_an}


class _Timeout(Exception):
    pass


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, plus bounds on operators that can allocate without limit."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _big(right, 64):
            raise SecurityError("exponent too large")
        if operator == "*" and (
            (isinstance(left, str | list | tuple) and _big(right, MAX_SIZE_ARG))
            or (isinstance(right, str | list | tuple) and _big(left, MAX_SIZE_ARG))
        ):
            raise SecurityError("repetition too large")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("printf-style '%' formatting is not available in templates")
        return super().call_binop(context, operator, left, right)


def _big(value: Any, limit: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit


def _bounded(filter_fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if any(_big(a, MAX_SIZE_ARG) for a in (*args[1:], *kwargs.values())):
            raise SecurityError(f"{filter_fn.__name__}: width too large")
        return filter_fn(*args, **kwargs)

    return wrapper


class LibraryLoader(jinja2.FileSystemLoader):
    """Loads templates only from one library's templates/ folder, symlinks included."""

    def __init__(self, root: Path):
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


_base: BoundedSandbox | None = None
_envs: dict[Path | None, jinja2.Environment] = {}


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """The shared sandbox; with `templates_dir`, an overlay loading only from it."""
    global _base
    if _base is None:
        _base = BoundedSandbox(
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
            keep_trailing_newline=False,
        )
        _base.filters.update(FILTERS)
        for name in ("center", "indent", "wordwrap", "truncate", "format"):
            _base.filters[name] = _bounded(_base.filters[name])
        _base.globals.pop("lipsum", None)  # a text generator no message needs
    if templates_dir is None:
        return _base
    key = templates_dir.resolve()
    env = _envs.get(key)
    if env is None:
        env = _envs[key] = _base.overlay(loader=LibraryLoader(templates_dir))
    return env


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work that runs past `seconds` (main thread, POSIX)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(template: jinja2.Template, context: Mapping[str, Any], what: str) -> str:
    """Render `template` within the time and size budgets; failures become RenderError."""
    out: list[str] = []
    size = 0
    try:
        with _time_budget(TIME_BUDGET):
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise RenderError(f"{what}: output passed {MAX_OUTPUT:,} characters; stopped")
                out.append(chunk)
    except _Timeout:
        raise RenderError(f"{what}: rendering took longer than {TIME_BUDGET:g} s; stopped") from None
    except SecurityError as exc:
        raise RenderError(f"{what}: blocked by the sandbox: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{what}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"{what}: template {exc.name!r} is not in this playbook's library") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"{what}: {exc.message or exc}") from None
    except RenderError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        # The template is other people's code: its runtime errors are its own, not ours.
        raise RenderError(f"{what}: {type(exc).__name__}: {exc}") from None
    return "".join(out)


def compile_expression(pb: Playbook, expr: str, where: list[Any]) -> Callable[..., Any]:
    """Compile a `when` expression of `pb`; syntax errors name the file and line."""
    try:
        return environment().compile_expression(expr, undefined_to_none=False)
    except jinja2.TemplateSyntaxError as exc:
        raise pb.error(f"{_describe(where)}: invalid expression: {exc.message}", where) from None


def compile_string(pb: Playbook, source: str, where: list[Any]) -> jinja2.Template:
    """Compile inline template text of `pb` (variant text, subject, default)."""
    env = environment(_templates_dir(pb))
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        line = pb.line(where)
        if line is not None and exc.lineno:
            line += exc.lineno if "\n" in source else 0
        raise PlaybookError(f"{_describe(where)}: template error: {exc.message}", pb.path, line) from None


def load_template(pb: Playbook, ref: str, where: list[Any]) -> jinja2.Template:
    """Load a variant's template file from `pb`'s library."""
    tdir = _templates_dir(pb)
    env = environment(tdir)
    try:
        return env.get_template(ref)
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if exc.name != ref else ref
        raise pb.error(f"{_describe(where)}: template {missing!r} not found in {tdir}", where) from None
    except jinja2.TemplateSyntaxError as exc:
        raise PlaybookError(f"template error: {exc.message}", exc.filename or ref, exc.lineno) from None


def _templates_dir(pb: Playbook) -> Path:
    if pb.library is not None:
        return pb.library.templates_dir
    return pb.path.parent.parent / "templates"


def _describe(where: list[Any]) -> str:
    out = ""
    for seg in where:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


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


@dataclass
class Draft:
    """A rendered message, before checks."""

    playbook: str
    variant: str
    channel: str
    body: str
    subject: str | None = None
    to: list[str] = field(default_factory=list)
    limits: channels.Limits = field(default_factory=lambda: channels.Limits(body=None))

    def text(self) -> str:
        """The message as sent: for email, a Subject line, a blank line, the body."""
        if self.subject is not None:
            return f"Subject: {self.subject}\n\n{self.body}"
        return self.body


def render(pb: Playbook, variant: Variant, answers: Mapping[str, Any], me: Mapping[str, Any]) -> Draft:
    """Render `variant` of `pb` with validated `answers` and sender `me`."""
    index = pb.spec.variants.index(variant)
    what = f"playbook {pb.id!r}, variant {variant.name!r}"
    if variant.template is not None:
        template = load_template(pb, variant.template, ["variants", index, "template"])
    else:
        template = compile_string(pb, variant.text or "", ["variants", index, "text"])
    context = {**answers, "me": dict(me)}
    body = normalise(run(template, context, what))
    channel = variant.channel or pb.spec.channel
    lim = channels.limits(channel, str(me.get("linkedin_account") or "free"))
    subject = None
    if lim.has_subject and pb.spec.subject:
        sub = compile_string(pb, pb.spec.subject, ["subject"])
        subject = " ".join(normalise(run(sub, context, f"{what}, subject")).split())
    to = [
        str(answers[f.name]) for f in pb.fields if f.type == "email" and answers.get(f.name)
    ]
    return Draft(pb.id, variant.name, channel, body, subject, to, lim)


def template_variables(source: str) -> set[str]:
    """Top-level names a template reads (jinja2.meta), for lint."""
    from jinja2 import meta

    ast = environment().parse(source)
    return meta.find_undeclared_variables(ast)


def uses_node(source: str, kind: type[nodes.Node]) -> bool:
    return any(True for _ in environment().parse(source).find_all(kind))
