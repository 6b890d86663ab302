"""Running other people's template code: Jinja2's sandbox, bounded in time, size and memory.

Templates and expressions come from shared playbooks, so they run in
`SandboxedEnvironment` with `StrictUndefined`, may only load templates from
their own library, and are stopped if they run too long or write too much.

The time budget (drafter.budget: SIGPROF, CPU time) interrupts Python-level
loops, but not a single C-level operation such as `'x' * 10**9`,
`'{:>999999999}'.format(1)` or a tower of powers; those are refused before they
start (`BoundedSandbox`), and on Linux a cap on the address space turns anything
that still slips through into a MemoryError instead of an exhausted machine.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import inspect
import os
import re
import threading
import types
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import nodes
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from markupsafe import EscapeFormatter, Markup

from drafter import lazyre, marks, yamlio
from drafter.budget import time_budget
from drafter.errors import DrafterError, PlaybookError, RenderError
from drafter.filters import FILTERS
from drafter.library import Library
from drafter.shape import SHAPE_FILTERS, TESTS

if TYPE_CHECKING:
    from drafter.playbook import Playbook

MAX_OUTPUT = 100_000  # characters a single template may produce (and any one string it builds)
TIME_BUDGET = 0.5  # seconds a single render may take
MAX_SIZE_ARG = 10_000  # widths and repeat counts a template may ask for
MAX_INT_BITS = 100_000  # ~30,000 digits: far past any number a message needs
MEMORY_BUDGET = 256 * 1024 * 1024  # bytes of address space a render may add (Linux)
MAX_TEMPLATE_BYTES = 1024 * 1024  # template files: the same limit as YAML files


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _big(value: Any, limit: int) -> bool:
    return _is_int(value) and abs(value) > limit


def _check_size(what: str, size: int) -> None:
    if size > MAX_OUTPUT:
        raise SecurityError(f"{what} would build {size:,} characters (limit {MAX_OUTPUT:,})")


def _joined_size(separator: Any, items: list[Any]) -> int:
    """A lower bound on the length of `separator.join(items)`, without building it."""
    return len(str(separator)) * max(len(items) - 1, 0) + sum(
        len(i) for i in items if isinstance(i, str | bytes)
    )


def _replaced_size(s: Any, old: Any, new: Any, count: Any = None, **_: Any) -> int:
    """The length of `s.replace(old, new, count)`, without building it."""
    s, old, new = str(s), str(old), str(new)
    hits = s.count(old) if old else len(s) + 1
    if _is_int(count) and count >= 0:
        hits = min(hits, count)
    return len(s) + hits * max(len(new) - len(old), 0)


# printf-style conversion specs, for their width and precision: "%(name)-08.3f"
_PRINTF_SPEC = lazyre.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")


def _check_widths(what: str, numbers: list[str]) -> None:
    for digits in numbers:
        # Compare lengths first: int() of a very long digit string is itself refused by Python.
        if digits and (len(digits.lstrip("0")) > 9 or int(digits) > MAX_SIZE_ARG):
            raise SecurityError(
                f"{what}: width {digits[:12]} is too large (limit {MAX_SIZE_ARG:,})"
            )


class _BoundedFormatter(SandboxedFormatter):
    """str.format inside the sandbox, refusing huge widths and precisions such as `{:>999999999}`.

    Fields are resolved first, so a width supplied as an argument (`{:{}}`) is checked too.
    """

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_widths("format", re.findall(r"\d+", format_spec))
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    pass


def _expanded_size(owner: Any, tabsize: Any = 8) -> int:
    tabs: int = owner.count("\t" if isinstance(owner, str) else b"\t")
    return len(owner) + tabs * (tabsize if _is_int(tabsize) and tabsize > 0 else 0)


# Builtin methods of str and bytes whose result can dwarf their input, and its size up front.
# (Methods that take a size, such as center, ljust, zfill or int.to_bytes, are bounded by
# refusing big integer arguments instead.)
_GROWING_METHODS: dict[str, Callable[..., int]] = {
    "join": lambda owner, items=(): _joined_size(owner, list(items)),
    "replace": _replaced_size,
    "expandtabs": _expanded_size,
}


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, plus bounds on everything that can allocate without limit in one step."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict, not Jinja's ChainMap over the environment's:
        every render, macro call and `when` copies them, and copying a ChainMap costs ten
        times more. The environment's globals are set once, in environment(), before any
        template exists, so a snapshot sees the same names."""
        return {**self.globals, **(d or {})}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and (
            _big(right, 64)
            or (
                _is_int(left)
                and _is_int(right)
                and abs(left) > 1
                and left.bit_length() * right > MAX_INT_BITS
            )
        ):
            raise SecurityError("exponent too large")  # 2**64**64**64**64 would take minutes in C
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                # `('x' * 10000) * 10000` is as bad as `'x' * 10**8`: bound the product too.
                if isinstance(seq, str | bytes | list | tuple) and _is_int(count):
                    if abs(count) > MAX_SIZE_ARG or len(seq) * count > MAX_OUTPUT:
                        raise SecurityError("repetition too large")
            if (
                _is_int(left)
                and _is_int(right)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise SecurityError("number too large")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("printf-style '%' formatting is not available in templates")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        # (Double-underscore names as in SandboxedEnvironment.call: kwargs may say `obj=`.)
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(owner, str | bytes | int):
            name = __obj.__name__
            if any(_big(a, MAX_SIZE_ARG) for a in (*args, *kwargs.values())):
                raise SecurityError(f"{name}(): argument too large (limit {MAX_SIZE_ARG:,})")
            if name == "join" and args:
                args = (list(args[0]), *args[1:])  # measured, then joined: a generator runs once
            size = _GROWING_METHODS.get(name)
            if size is not None:
                _check_size(f"{name}()", size(owner, *args, **kwargs))
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """As SandboxedEnvironment's (str.format, format_map, however reached), widths bounded."""
        if super().wrap_str_format(value) is None:
            return None
        template: str = value.__self__
        formatter = (
            _BoundedEscapeFormatter(self, escape=template.escape)
            if isinstance(template, Markup)
            else _BoundedFormatter(self)
        )
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(template)(formatter.vformat(template, (), args[0]))
            return type(template)(formatter.vformat(template, args, kwargs))

        return functools.update_wrapper(wrapper, value)


def _bounded(
    filter_fn: Callable[..., Any], size: Callable[..., int] | None = None
) -> Callable[..., Any]:
    """`filter_fn` refusing numeric arguments over MAX_SIZE_ARG and, given `size` (which sees
    the arguments by name), results that would be longer than MAX_OUTPUT."""
    name = f"'{filter_fn.__name__.removeprefix('sync_').removeprefix('do_')}' filter"
    signature = inspect.signature(filter_fn)
    skip = 2 if hasattr(filter_fn, "jinja_pass_arg") else 1  # the environment or context, the value

    # wraps() keeps `jinja_pass_arg`: without it Jinja would stop passing the environment.
    @functools.wraps(filter_fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if any(_big(a, MAX_SIZE_ARG) for a in (*args[skip:], *kwargs.values())):
            raise SecurityError(f"{name}: argument too large (limit {MAX_SIZE_ARG:,})")
        if size is not None:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            _check_size(name, size(**bound.arguments))
        return filter_fn(*args, **kwargs)

    return wrapper


def _format_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    """The `format` filter (printf-style), refusing huge widths written into the format string."""

    @functools.wraps(original)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_widths(
            "'format' filter", [n for spec in _PRINTF_SPEC.findall(str(value)) for n in spec]
        )
        return original(value, *args, **kwargs)

    return _bounded(wrapper)


def _join_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    """The `join` filter, measuring before joining (`range(10**5)|join('x' * 10**4)`)."""

    @jinja2.pass_eval_context
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: str | int | None = None) -> str:
        items = list(value)
        _check_size("'join' filter", _joined_size(d, items))
        result: str = original(eval_ctx, items, d, attribute)
        return result

    return join


def _indent_size(s: Any, width: Any = 4, **_: Any) -> int:
    text = str(s)
    prefix = width if isinstance(width, str) else " " * (width if _is_int(width) else 0)
    return len(text) + len(prefix) * (text.count("\n") + 1)


def _wordwrap_size(s: Any, width: Any = 79, wrapstring: Any = None, **_: Any) -> int:
    text = str(s)
    lines = len(text) // max(width if _is_int(width) else 1, 1) + text.count("\n") + 1
    return len(text) + len(str(wrapstring or "\n")) * lines


class LibraryLoader(jinja2.FileSystemLoader):
    """Loads templates only from one library's templates/ folder, symlinks included.

    A symlink (to a file or a folder) is followed, but what counts is where it lands: outside
    the folder is "not found". Files are read within MAX_TEMPLATE_BYTES; like FileSystemLoader,
    a file that is not UTF-8 raises UnicodeDecodeError and an unreadable one OSError.
    """

    def __init__(self, root: Path):
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0], *split_template_path(template))  # refuses '..'
        real = path.resolve()
        if not real.is_relative_to(self.root) or not real.is_file():
            raise jinja2.TemplateNotFound(template)
        with real.open("rb") as fh:
            data = fh.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            raise OSError(errno.EFBIG, f"larger than {MAX_TEMPLATE_BYTES // 1024} KiB", str(path))
        # Universal newlines, as FileSystemLoader's text-mode read gives.
        source = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        mtime = real.stat().st_mtime

        def uptodate() -> bool:
            if _many is not None:  # a run of many drafts looks each template up once
                return True
            try:
                return real.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, so a draft need not compile its templates again.

    Jinja2 keys each entry by template name and file and checks the source's hash before
    using it, so an edited template is compiled afresh; the file name carries drafter's and
    Jinja2's versions and ENVIRONMENT_SHAPE, which change what compiled code means. Writes
    are atomic (a temporary file renamed into place), so processes sharing the folder never
    see half an entry. The cache is only an optimisation: a folder that cannot be created or
    written, or an entry that cannot be read, costs a compile and never fails a draft.
    """

    def __init__(self, directory: Path):
        from drafter import __version__

        pattern = f"drafter-{__version__}-jinja2-{jinja2.__version__}-{ENVIRONMENT_SHAPE}-%s.cache"
        super().__init__(str(directory), pattern.replace(os.sep, "_"))

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001  any damage to an entry (truncated, foreign) is a miss
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            from drafter.cache import make_private

            make_private(Path(self.directory))
            super().dump_bytecode(bucket)
        except OSError:  # read-only home, full disk: compile again next time
            pass


# Bump when environment()'s options change what a template compiles to (trim_blocks, ...).
ENVIRONMENT_SHAPE = 1
_base: BoundedSandbox | None = None
_envs: dict[Path | None, jinja2.Environment] = {}
_envs_given: dict[Path, jinja2.Environment] = {}


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
            finalize=marks.finalize,
        )
        _base.filters.update(FILTERS)
        _base.filters.update(SHAPE_FILTERS)
        _base.tests.update(TESTS)
        builtin = dict(_base.filters)
        for name in ("center", "truncate", "batch", "slice", "tojson"):
            _base.filters[name] = _bounded(builtin[name])
        _base.filters["indent"] = _bounded(builtin["indent"], _indent_size)
        _base.filters["wordwrap"] = _bounded(builtin["wordwrap"], _wordwrap_size)
        _base.filters["replace"] = _bounded(builtin["replace"], _replaced_size)
        _base.filters["format"] = _format_filter(builtin["format"])
        _base.filters["join"] = _join_filter(builtin["join"])
        _base.globals.pop("lipsum", None)  # a text generator no message needs
        from drafter import cache

        _base.bytecode_cache = TemplateCache(cache.folder() / "templates")
    if templates_dir is None:
        return _base
    env = _envs_given.get(templates_dir)
    if env is None:  # resolving costs syscalls: once per folder as given, not once per render
        key = templates_dir.resolve()
        env = _envs.get(key)
        if env is None:
            env = _envs[key] = _base.overlay(loader=LibraryLoader(templates_dir))
        _envs_given[templates_dir] = env
    return env


def _address_space() -> int | None:
    """The process's current virtual size in bytes (Linux), or None where unknown."""
    try:
        import resource

        with open("/proc/self/statm", encoding="utf-8") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError, IndexError):
        return None


@contextmanager
def _memory_budget(extra: int) -> Iterator[None]:
    """Let the process grow by at most `extra` bytes (Linux, main thread), then MemoryError.

    This is the backstop for what the sandbox's bounds miss: one C-level call (a join, a repr,
    a copy) that the alarm cannot interrupt. RLIMIT_AS is process-wide, hence the main thread only.
    """
    if _many is not None:  # a run of many drafts holds one cap for all of them (see many())
        yield
        return
    found = _new_cap(extra)
    if found is None:
        yield
        return
    import resource

    cap, limit = found
    resource.setrlimit(resource.RLIMIT_AS, (cap, limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limit)


def _new_cap(
    extra: int, limit: tuple[int, int] | None = None
) -> tuple[int, tuple[int, int]] | None:
    """The address-space cap that lets the process grow by `extra` bytes from now, and the
    limit it tightens (`limit`, else RLIMIT_AS as it is); None where the process's size is
    unknown (not Linux, not the main thread) or the limit is already at least as tight."""
    used = _address_space() if threading.current_thread() is threading.main_thread() else None
    if used is None:
        return None
    import resource

    soft, hard = limit if limit is not None else resource.getrlimit(resource.RLIMIT_AS)
    cap = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        return None
    return cap, (soft, hard)


@contextmanager
def _budgets(error: Callable[[], BaseException]) -> Iterator[None]:
    """The time and memory budgets foreign template code runs under; `error()` when its
    time is up (the draft's own budget, around it, raises its own)."""
    if _many is not None:  # each draft of the run has its own budget (pipeline.run's)
        yield
        return
    with _memory_budget(MEMORY_BUDGET), time_budget(TIME_BUDGET, error):
        yield


class _Many:
    """The state of a run of many drafts: its memory cap, and the templates it looked up."""

    def __init__(self) -> None:
        self.limit: tuple[int, int] | None = None  # RLIMIT_AS as it was before the run
        self.templates: dict[tuple[Path, str], jinja2.Template] = {}

    def anchor(self) -> None:
        """Cap the address space at what is in use now plus MEMORY_BUDGET (Linux, main thread)."""
        found = _new_cap(MEMORY_BUDGET, self.limit)
        if found is None:
            return
        import resource

        cap, self.limit = found
        resource.setrlimit(resource.RLIMIT_AS, (cap, self.limit[1]))

    def release(self) -> None:
        if self.limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self.limit)


_many: _Many | None = None
# What _budgets() amounts to in a run of many drafts, without a generator made each time: a
# draft renders several templates and expressions, and the run renders thousands of drafts.
_UNBOUNDED = nullcontext()


@contextmanager
def many() -> Iterator[Callable[[], None]]:
    """Run many drafts of one playbook (drafter batch, lint's examples) at a lower cost each.

    Inside, the memory cap is set once for the whole run, not around each template and
    expression; each template file is looked up once; and templates and expressions are
    timed only by the draft's own budget (pipeline.DRAFT_BUDGET, re-armed for each draft),
    not each by its own. Every other bound (output size, the sandbox's refusals, recursion)
    holds as ever. Yields `renew`, which moves the cap to what is in use now plus
    MEMORY_BUDGET: call it after a draft that failed (a hostile one may have left the heap
    larger) and now and then in a long run, so what the run itself keeps does not eat the
    headroom. Nested, the inner one changes nothing.
    """
    global _many
    if _many is not None:
        yield lambda: None
        return
    state = _many = _Many()
    try:
        state.anchor()
        yield state.anchor
    finally:
        _many = None
        state.release()


def run(template: jinja2.Template, context: Mapping[str, Any], what: str) -> str:
    """Render `template` within the time and size budgets; failures become RenderError."""
    out: list[str] = []
    size = 0

    def too_long() -> RenderError:
        return RenderError(f"{what}: rendering took longer than {TIME_BUDGET:g} s; stopped")

    try:
        with _budgets(too_long) if _many is None else _UNBOUNDED:
            for chunk in template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise RenderError(f"{what}: output passed {MAX_OUTPUT:,} characters; stopped")
                out.append(chunk)
    except MemoryError:
        raise RenderError(f"{what}: rendering ran out of memory; stopped") from None
    except SecurityError as exc:
        raise RenderError(f"{what}: blocked by the sandbox: {exc}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{what}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"{what}: template {exc.name!r} is not in this playbook's library"
        ) from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"{what}: {exc.message or exc}") from None
    except DrafterError:
        raise
    except RecursionError:
        raise RenderError(
            f"{what}: recursion too deep (a macro or include calling itself?); stopped"
        ) from None
    except Exception as exc:
        # The template is other people's code: whatever its runtime errors are (a dict changed
        # while looping over it, a bad int(), a file that is not UTF-8), they are its own, not ours.
        raise RenderError(f"{what}: {type(exc).__name__}: {exc}") from None
    return "".join(out)


# What compiling foreign template text can fail with, besides TemplateSyntaxError.
_COMPILE_FAILURES = (
    RecursionError,
    MemoryError,
    SyntaxError,
    UnicodeDecodeError,
    OSError,
)


def _slow_to_compile() -> str:
    return f"took longer than {TIME_BUDGET:g} s to compile"


def _compile_failure(exc: BaseException) -> str:
    """Words for a failure in `_COMPILE_FAILURES`."""
    if isinstance(exc, SyntaxError):  # Python's compiler refusing the code Jinja generated
        return f"does not compile: {exc.msg}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start + 1})"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror}"
    return "nested too deeply or too large to compile"


def compile_expression(pb: Playbook, expr: str, where: list[Any]) -> Callable[..., Any]:
    """Compile a `when` expression of `pb`; syntax errors name the file and line.

    The returned function evaluates within the budgets, and an undefined or unsafe result
    raises there and then rather than later, wherever its truth is tested.
    """

    def slow() -> PlaybookError:
        return pb.error(
            f"{yamlio.describe(where)}: invalid expression: {_slow_to_compile()}", where
        )

    def too_long() -> PlaybookError:
        return pb.error(f"{yamlio.describe(where)}: took too long; stopped", where)

    found = _expressions.get(expr)
    if found is None:
        try:
            with _budgets(slow):
                found = _expression(environment(), expr)
        except jinja2.TemplateSyntaxError as exc:
            raise pb.error(
                f"{yamlio.describe(where)}: invalid expression: {exc.message}", where
            ) from None
        except _COMPILE_FAILURES as exc:
            raise pb.error(
                f"{yamlio.describe(where)}: invalid expression: {_compile_failure(exc)}", where
            ) from None
        if len(_expressions) >= _COMPILED_MAX:
            _expressions.clear()
        _expressions[expr] = found
    expression = found

    def evaluate(**context: Any) -> Any:
        try:
            with _budgets(too_long) if _many is None else _UNBOUNDED:
                value = expression(**context)
                if isinstance(value, jinja2.Undefined):
                    value._fail_with_undefined_error()  # e.g. `name.__class__`: the SecurityError
        except MemoryError:
            raise pb.error(f"{yamlio.describe(where)}: ran out of memory; stopped", where) from None
        return value

    return evaluate


# Inline template text compiled once per environment: a templated prompt, frame or subject
# is otherwise compiled again for every draft (and for every example and variant in lint).
_COMPILED_MAX = 512
_compiled: dict[tuple[int, str], jinja2.Template] = {}
_expressions: dict[str, Callable[..., Any]] = {}  # `when` expressions, in the shared environment


def compile_string(pb: Playbook, source: str, where: list[Any]) -> jinja2.Template:
    """Compile inline template text of `pb` (variant text, subject, default)."""
    env = environment(_templates_dir(pb))
    key = (id(env), source)  # environments live as long as the process (see environment())
    cached = _compiled.get(key)
    if cached is not None:
        return cached

    def slow() -> PlaybookError:
        return pb.error(f"{yamlio.describe(where)}: template error: {_slow_to_compile()}", where)

    try:
        with _budgets(slow):  # constant parts are evaluated while compiling: budget them too
            template = _from_string(env, source)
    except jinja2.TemplateSyntaxError as exc:
        line = pb.line(where)
        if line is not None and exc.lineno:
            line += exc.lineno if "\n" in source else 0
        raise PlaybookError(
            f"{yamlio.describe(where)}: template error: {exc.message}", pb.path, line
        ) from None
    except _COMPILE_FAILURES as exc:
        raise pb.error(
            f"{yamlio.describe(where)}: template error: {_compile_failure(exc)}", where
        ) from None
    if len(_compiled) >= _COMPILED_MAX:
        _compiled.clear()
    _compiled[key] = template
    return template


def _cached_template(
    env: jinja2.Environment,
    kind: str,
    source: str,
    compile_: Callable[[], types.CodeType],
) -> jinja2.Template:
    """The template `source` compiles to, its code taken from the bytecode cache (keyed by
    `kind` and a hash of the source) or compiled by `compile_` and kept there."""
    code, cache = None, env.bytecode_cache
    if cache is not None:
        name = kind + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        bucket = cache.get_bucket(env, name, None, source)
        code = bucket.code
        if code is None:
            code = bucket.code = compile_()
            cache.set_bucket(bucket)
    if code is None:
        code = compile_()
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _from_string(env: jinja2.Environment, source: str) -> jinja2.Template:
    """`env.from_string(source)`, through the bytecode cache as file templates go."""
    return _cached_template(env, "", source, lambda: env.compile(source))


def _expression(env: jinja2.Environment, source: str) -> Callable[..., Any]:
    """`env.compile_expression(source, undefined_to_none=False)`, through the bytecode cache.

    The parsing is Jinja2's own compile_expression, step for step; only the compiled code is
    kept, so a run that finds it cached never builds a lexer (ten regular expressions).
    """

    def compile_() -> types.CodeType:
        parser = Parser(env, source, state="variable")
        try:
            expr = parser.parse_expression()
            if not parser.stream.eos:
                raise jinja2.TemplateSyntaxError(
                    "chunk after expression", parser.stream.current.lineno, None, None
                )
            expr.set_environment(env)
        except jinja2.TemplateSyntaxError:
            env.handle_exception(source=source)
        body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
        return env.compile(nodes.Template(body, lineno=1))

    template = _cached_template(env, "expression:", source, compile_)
    return TemplateExpression(template, undefined_to_none=False)


def load_template(pb: Playbook, ref: str, where: list[Any]) -> jinja2.Template:
    """Load a variant's template file from `pb`'s library."""
    tdir = _templates_dir(pb)
    held = _many.templates.get((tdir, ref)) if _many is not None else None
    if held is not None:  # looked up once in a run of many drafts: no stat of its file each time
        return held
    env = environment(tdir)

    def slow() -> PlaybookError:
        return PlaybookError(f"template {ref!r}: {_slow_to_compile()}", tdir / ref)

    try:
        with _budgets(slow):
            template = env.get_template(ref)
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if exc.name != ref else ref
        raise pb.error(
            f"{yamlio.describe(where)}: template {missing!r} not found in {tdir}", where
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise PlaybookError(
            f"template error: {exc.message}", exc.filename or ref, exc.lineno
        ) from None
    except _COMPILE_FAILURES as exc:
        raise PlaybookError(f"template {ref!r}: {_compile_failure(exc)}", tdir / ref) from None
    if _many is not None:
        _many.templates[(tdir, ref)] = template
    return template


def _templates_dir(pb: Playbook) -> Path:
    """`pb`'s library's templates/; PlaybookError when that leads outside the library.

    Search refuses such a library before loading from it; this holds for every other way a
    playbook arrives here (the API, authoring): a templates/ symlinked to /etc would let
    the loader, which keeps to wherever templates/ leads, include any file on the machine.
    """
    library = pb.library
    if library is None:
        root = pb.path.parent.parent
        library = Library(root, str(root))
    root = library.root
    found = _checked.get(root)
    if found is None:  # resolving the library's paths costs syscalls; once is enough
        library.check()
        found = _checked[root] = library.templates_dir  # joined once: every render asks
    return found


_checked: dict[Path, Path] = {}  # a checked library's root -> its templates folder
