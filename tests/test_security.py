"""Security: templates, expressions, YAML and pasted text from other people, through the CLI.

Playbooks and templates come from shared team libraries, so every place a playbook can put
template code (a template file, inline `text:`, the `subject`, a templated `default`, a `when`
expression) is fed known Jinja2 server-side template injection payloads (the
PayloadsAllTheThings list and its relatives: attribute walks to `__globals__`, the
`cycler`/`joiner`/`namespace`/`lipsum` globals, Flask-style names, `str.format`, `|attr` with
escapes, includes of files outside the library). Each must end in one `drafter: error:` line
naming the playbook, and none may touch the marker file the payloads try to create.

The same payloads as answer values must come out as plain text. Rendering and YAML loading
are bounded; the tests assert the error that says so, never a duration.
"""

from __future__ import annotations

import gc
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from click.testing import CliRunner, Result

from drafter import sandbox
from drafter.cli import cli
from drafter.render import normalise
from drafter.text import clean

# The full payload matrix: in the slow tier (pytest -m 'not slow' skips it; CI runs everything).
pytestmark = pytest.mark.slow

PLAYBOOK = "ssti-probe"
SECRET = "TOPSECRET-d41d8cd9"  # the content of a file outside the library

# Placeholders the fixture fills in: the marker a payload tries to create and a file
# outside the library it tries to read.
MARKER = "@MARKER@"
SECRET_FILE = "@SECRET@"

# --- the payloads -----------------------------------------------------------------------

# What the payloads do once they reach Python: run a command or write a file (the marker).
SYSTEM = f"system('touch {MARKER}')"
POPEN = f"popen('touch {MARKER}').read()"
OPEN_W = f"open('{MARKER}', 'w')"
IMPORT_OS = "__import__('os')"
CONTEXT = "self._TemplateReference__context"
X5F = "\\x5f\\x5f"  # `__` as Jinja2 string escapes, to dodge a naive filter

# Expressions: each is tried as `{{ expr }}` wherever templates go, and as a `when`.
EXPRESSIONS: dict[str, str] = {
    # attribute walks to the object graph
    "mro-subclasses": "''.__class__.__mro__[1].__subclasses__()",
    "base-subclasses": "[].__class__.__base__.__subclasses__()",
    "bases-subclasses": "().__class__.__bases__[0].__subclasses__()",
    "dict-mro-last": "{}.__class__.__mro__[-1].__subclasses__()",
    "mro-method": "''.__class__.mro()[1].__subclasses__()",
    "subclass-file-write": f"''.__class__.__mro__[1].__subclasses__()[40]{OPEN_W[4:]}.write('x')",
    "subclass-select-warnings": (
        "(().__class__.__base__.__subclasses__()"
        "|selectattr('__name__', 'equalto', 'catch_warnings')|first)()"
        f"._module.__builtins__['__import__']('os').{SYSTEM}"
    ),
    "answer-class": "name.__class__.__mro__[1].__subclasses__()",
    "answer-init-globals": "name.__init__.__globals__",
    "me-builtins-open": f"me.__class__.__init__.__globals__['__builtins__'].{OPEN_W}",
    "self-dict": "self.__dict__",
    "self-builtins-import": f"self.__init__.__globals__.__builtins__.{IMPORT_OS}.{SYSTEM}",
    "self-builtins-open": f"self.__init__.__globals__['__builtins__']['open']{OPEN_W[4:]}",
    # the globals Jinja2 provides
    "self-context-cycler": f"{CONTEXT}.cycler.__init__.__globals__.os.{POPEN}",
    "self-context-joiner": f"{CONTEXT}.joiner.__init__.__globals__.os.{POPEN}",
    "self-context-namespace": f"{CONTEXT}.namespace.__init__.__globals__.os.{POPEN}",
    "cycler-globals": f"cycler.__init__.__globals__.os.{POPEN}",
    "joiner-globals": f"joiner.__init__.__globals__.os.{POPEN}",
    "namespace-globals": f"namespace.__init__.__globals__.os.{POPEN}",
    "cycler-instance": f"cycler(1, 2).__init__.__globals__.os.{SYSTEM}",
    "joiner-instance-call": f"joiner().__call__.__globals__.os.{SYSTEM}",
    "namespace-instance": f"namespace(a=1).__class__.__init__.__globals__.os.{SYSTEM}",
    "lipsum-os": f"lipsum.__globals__['os'].{POPEN}",
    "lipsum-builtins": f"lipsum.__globals__.__builtins__.{IMPORT_OS}.{SYSTEM}",
    "range-globals": f"range.__globals__.__builtins__.{IMPORT_OS}.{SYSTEM}",
    "dict-subclasses": "dict.__base__.__subclasses__()",
    # names a Flask app would provide
    "config-globals": f"config.__class__.__init__.__globals__['os'].{POPEN}",
    "config-items": "config.items()",
    "request-application": f"request.application.__globals__.__builtins__.{IMPORT_OS}.{POPEN}",
    "url-for-open": f"url_for.__globals__.__builtins__.{OPEN_W}.write('x')",
    "flashed-messages-read": (
        "get_flashed_messages.__globals__.__builtins__.open('/etc/passwd').read()"
    ),
    "request-attr-escapes": (
        f"request|attr('application')|attr('{X5F}globals{X5F}')"
        f"|attr('{X5F}getitem{X5F}')('{X5F}builtins{X5F}')"
        f"|attr('{X5F}getitem{X5F}')('{X5F}import{X5F}')('os')"
        f"|attr('popen')('touch {MARKER}')|attr('read')()"
    ),
    # str.format and format_map reach attributes through the field syntax
    "format-class": "'{0.__class__.__mro__[1].__subclasses__}'.format('')",
    "format-globals": "'{0.__init__.__globals__[os]}'.format(cycler)",
    "format-map": "'{x.__class__}'.format_map({'x': name})",
    "format-via-attr": "('{0.__init__.__globals__}'|attr('format'))(cycler)",
    "format-via-subscript": "'{0.__class__}'['format'](name)",
    # the attr filter and subscripts, with and without escapes
    "attr-dunder": "''|attr('__class__')|attr('__mro__')",
    "attr-hex-escapes": f"''|attr('{X5F}class{X5F}')|attr('{X5F}mro{X5F}')",
    "attr-unicode-escapes": "''|attr('\\u005f\\u005fclass\\u005f\\u005f')",
    "attr-joined-name": "''|attr(['_' * 2, 'class', '_' * 2]|join)",
    "attr-formatted-name": "''|attr('%c%cclass%c%c'|format(95, 95, 95, 95))",
    "attr-cycler-globals": "cycler|attr('__init__')|attr('__globals__')",
    "subscript-dunder": "''['__class__']['__mro__']",
    "subscript-hex-os": f"cycler['{X5F}init{X5F}']['{X5F}globals{X5F}']['os'].{SYSTEM}",
}

# Statements: template-only payloads (loops, macros, blocks), tried wherever templates go.
STATEMENTS: dict[str, str] = {
    "subclasses-loop-warnings": (
        "{% for c in ().__class__.__base__.__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        f"{{{{ c()._module.__builtins__['__import__']('os').{SYSTEM} }}}}"
        "{% endif %}{% endfor %}"
    ),
    "loop-variable": (
        f"{{% for x in [1] %}}{{{{ loop.__class__.__init__.__globals__['os'].{SYSTEM} }}}}"
        "{% endfor %}"
    ),
    "loop-private": "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
    "macro-func-globals": (
        "{% macro m() %}{% endmacro %}"
        f"{{{{ m._func.__globals__['__builtins__']['__import__']('os').{SYSTEM} }}}}"
    ),
    "caller-globals": (
        "{% macro m() %}{{ caller.__init__.__globals__ }}{% endmacro %}{% call m() %}x{% endcall %}"
    ),
    "set-format-indirect": "{% set f = '{0.__init__.__globals__}'.format %}{{ f(cycler) }}",
    "namespace-holds-init": (
        "{% set ns = namespace() %}{% set ns.x = cycler.__init__ %}{{ ns.x.__globals__ }}"
    ),
    "with-globals": (
        f"{{% with g = joiner.__init__.__globals__ %}}{{{{ g.os.{SYSTEM} }}}}{{% endwith %}}"
    ),
    "filter-block-attr": "{% filter attr('__class__') %}x{% endfilter %}",
    "debug-tag": "{% debug %}",
}

# Includes, imports and extends of files outside the library's templates/ folder. The
# fixture puts symlinks inside templates/ that point outside.
INCLUDES: dict[str, str] = {
    "include-etc-passwd": "{% include '/etc/passwd' %}",
    "include-dotdot": "{% include '../../../../../../../../etc/passwd' %}",
    "include-dotdot-library": "{% include 'ssti-probe/../../playbooks/ssti-probe.yaml' %}",
    "include-absolute-secret": "{% include '" + SECRET_FILE + "' %}",
    "include-list": "{% include ['/etc/passwd', '" + SECRET_FILE + "'] %}",
    "include-symlink-file": "{% include 'ssti-probe/leak.j2' %}",
    "include-symlink-absolute": "{% include 'ssti-probe/leak-absolute.j2' %}",
    "include-symlink-dir": "{% include 'ssti-probe/outside/secret.txt' %}",
    "include-symlink-etc": "{% include 'etc/passwd' %}",
    "include-file-url": "{% include 'file:///etc/passwd' %}",
    "import-etc-passwd": "{% import '/etc/passwd' as p %}{{ p }}",
    "from-import-secret": "{% from '" + SECRET_FILE + "' import x %}{{ x }}",
    "extends-etc-passwd": "{% extends '/etc/passwd' %}",
    "extends-symlink": "{% extends 'ssti-probe/leak.j2' %}",
}

TEMPLATES: dict[str, str] = {
    **{k: "{{ " + v + " }}" for k, v in EXPRESSIONS.items()},
    **STATEMENTS,
    **INCLUDES,
}

# Payloads that do run outside a sandbox (checked by test_payloads_are_live_in_plain_jinja2),
# so the sandbox is what stops them, not a typo in the payload.
LIVE = [
    "subclass-select-warnings",
    "self-builtins-import",
    "self-builtins-open",
    "self-context-cycler",
    "self-context-joiner",
    "self-context-namespace",
    "cycler-globals",
    "joiner-globals",
    "namespace-globals",
    "cycler-instance",
    "namespace-instance",
    "lipsum-os",
    "lipsum-builtins",
    "subscript-hex-os",
    "subclasses-loop-warnings",
    "macro-func-globals",
    "with-globals",
]

BENIGN_BODY = "Hi {{ name }}.\n\n{{ note }}\n"
BENIGN_SUBJECT = "Hello {{ name }}"

# Characters that must never reach the output: C0 controls but tab and newline, DEL, C1, bidi.
FORBIDDEN = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}
FORBIDDEN |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# --- the probe library ------------------------------------------------------------------


@dataclass
class Probe:
    """A library in tmp_path with one playbook (`ssti-probe`) whose parts a test chooses."""

    root: Path
    marker: Path
    secret: Path

    def fill(self, text: str) -> str:
        return text.replace(MARKER, str(self.marker)).replace(SECRET_FILE, str(self.secret))

    def write(
        self,
        *,
        text: str | None = BENIGN_BODY,
        template: str | None = None,
        template_source: str | None = None,
        subject: str = BENIGN_SUBJECT,
        when: str | None = None,
        default: str | None = None,
        extra_fields: list[dict[str, Any]] | None = None,
    ) -> Path:
        """Write the playbook; `template_source` goes to templates/ssti-probe/body.j2."""
        note: dict[str, Any] = {"name": "note", "prompt": "A note"}
        if when is not None:
            note["when"] = self.fill(when)
        if default is not None:
            note["default"] = self.fill(default)
        variant: dict[str, Any] = {"name": "v"}
        if template_source is not None:
            (self.root / "templates" / PLAYBOOK / "body.j2").write_text(
                self.fill(template_source), encoding="utf-8"
            )
            template = f"{PLAYBOOK}/body.j2"
        if template is not None:
            variant["template"] = template
        else:
            variant["text"] = self.fill(text or "")
        spec = {
            "title": "SSTI probe",
            "channel": "email",
            "subject": self.fill(subject),
            "fields": [
                {"name": "name", "prompt": "Who?", "required": True},
                note,
                {"name": "letter", "prompt": "A letter", "type": "multiline"},
                {
                    "name": "tone",
                    "prompt": "Tone",
                    "type": "choice",
                    "choices": [{"value": "warm"}, {"value": "brief"}],
                },
                {"name": "email", "prompt": "Email", "type": "email"},
                *(extra_fields or []),
            ],
            "variants": [variant],
        }
        path = self.root / "playbooks" / f"{PLAYBOOK}.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    def cli(self, *args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(cli, ["--library", str(self.root), *args], input=input)

    def draft(self, *args: str, input: str | bytes | None = None) -> Result:
        return self.cli("draft", PLAYBOOK, "--no-input", "--set", "name=Ana", *args, input=input)


@pytest.fixture
def probe(tmp_path: Path) -> Probe:
    root = tmp_path / "library"
    tdir = root / "templates" / PLAYBOOK
    tdir.mkdir(parents=True)
    (root / "playbooks").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    # Symlinks inside templates/ that lead outside it: relative, absolute, a folder, /etc.
    (tdir / "leak.j2").symlink_to(os.path.relpath(secret, tdir))
    (tdir / "leak-absolute.j2").symlink_to(secret)
    (tdir / "outside").symlink_to(outside, target_is_directory=True)
    (root / "templates" / "etc").symlink_to("/etc", target_is_directory=True)
    (tdir / "fine.j2").write_text("included fine\n", encoding="utf-8")
    return Probe(root, tmp_path / "pwned", secret)


def assert_refused(result: Result, probe: Probe, *fragments: str, names: str = PLAYBOOK) -> None:
    """One `drafter: error:` line naming the playbook (or `names`), nothing done."""
    assert result.exit_code not in (0, None), result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("drafter: error: "), lines[0]
    assert "internal error" not in lines[0], lines[0]
    assert names in lines[0], lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert not FORBIDDEN & set(result.stderr), repr(result.stderr)
    assert result.stdout == ""
    assert not probe.marker.exists(), "a payload created the marker file"
    assert SECRET not in result.stderr


# --- the payloads, in every place template code goes -----------------------------------


def test_payload_list_is_broad() -> None:
    assert len(TEMPLATES) >= 40
    assert set(LIVE) <= set(TEMPLATES)


@pytest.mark.parametrize("key", LIVE)
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # the payloads leave pipes and files open
def test_payloads_are_live_in_plain_jinja2(key: str, tmp_path: Path) -> None:
    """Control: outside the sandbox these payloads do create the marker."""
    marker = tmp_path / "pwned"
    source = TEMPLATES[key].replace(MARKER, str(marker))
    jinja2.Environment().from_string(source).render(name="Ana", me={"name": "Ana"})
    gc.collect()  # close what the payload left open while the warning filter applies
    # A payload's child that has not exited yet is kept by subprocess for later reaping,
    # pipes and all; reaped during another test, its open pipe warned there. Reap it here.
    for obj in gc.get_objects():
        if isinstance(obj, subprocess.Popen):
            for stream in (obj.stdin, obj.stdout, obj.stderr):
                if stream is not None:
                    stream.close()
            obj.wait(timeout=10)
    assert marker.exists()


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_in_template_file(probe: Probe, key: str) -> None:
    probe.write(template_source=TEMPLATES[key])
    assert_refused(probe.draft(), probe)


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_in_inline_text(probe: Probe, key: str) -> None:
    probe.write(text=TEMPLATES[key])
    assert_refused(probe.draft(), probe)


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_in_subject(probe: Probe, key: str) -> None:
    probe.write(subject=TEMPLATES[key])
    assert_refused(probe.draft(), probe)


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_in_templated_default(probe: Probe, key: str) -> None:
    probe.write(default=TEMPLATES[key])
    assert_refused(probe.draft(), probe)


@pytest.mark.parametrize("key", EXPRESSIONS)
def test_payload_in_when(probe: Probe, key: str) -> None:
    probe.write(when=EXPRESSIONS[key])
    assert_refused(probe.draft(), probe)


@pytest.mark.parametrize(
    "ref",
    [
        f"{PLAYBOOK}/leak.j2",
        f"{PLAYBOOK}/leak-absolute.j2",
        f"{PLAYBOOK}/outside/secret.txt",
        "etc/passwd",
        "/etc/passwd",
        "../../outside/secret.txt",
        f"{PLAYBOOK}/../../outside/secret.txt",
    ],
)
def test_variant_template_outside_the_library(probe: Probe, ref: str) -> None:
    probe.write(template=ref)
    assert_refused(probe.draft(), probe)


def test_include_ignore_missing_of_outside_file_reads_nothing(probe: Probe) -> None:
    """`ignore missing` turns a refused include into nothing at all, never the file."""
    probe.write(
        text="Hi.\n{% include '"
        + SECRET_FILE
        + "' ignore missing %}{% include 'ssti-probe/leak.j2' ignore missing %}"
    )
    result = probe.draft()
    assert result.exit_code == 0, result.stderr
    assert SECRET not in result.stdout
    assert "Hi." in result.stdout


def test_include_inside_the_library_still_works(probe: Probe) -> None:
    probe.write(text="{% include 'ssti-probe/fine.j2' %}")
    result = probe.draft()
    assert result.exit_code == 0, result.stderr
    assert "included fine" in result.stdout


# --- answers are data --------------------------------------------------------------------


def test_answer_is_never_evaluated(probe: Probe) -> None:
    probe.write()
    result = probe.draft("--set", "note={{ 7*7 }}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Subject: Hello Ana\n\nHi Ana.\n\n{{ 7*7 }}\n"


def expected_line(payload: str) -> str:
    """How an answer appears in the draft: cleaned as a one-line field, then tidied."""
    return normalise(clean(payload).strip())


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_as_answer_via_set(probe: Probe, key: str) -> None:
    probe.write()
    payload = probe.fill(TEMPLATES[key])
    result = probe.draft("--set", f"note={payload}")
    assert result.exit_code == 0, result.stderr
    assert expected_line(payload) in result.stdout.splitlines()
    assert not probe.marker.exists()
    assert SECRET not in result.stdout


@pytest.mark.parametrize("key", TEMPLATES)
def test_payload_as_answer_via_answers_file(probe: Probe, key: str, tmp_path: Path) -> None:
    probe.write()
    payload = probe.fill(TEMPLATES[key])
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"note": payload, "me": {"name": payload}}), encoding="utf-8")
    result = probe.draft("--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    assert expected_line(payload) in result.stdout.splitlines()
    assert not probe.marker.exists()
    assert SECRET not in result.stdout


def test_answer_rendered_into_a_default_stays_data(probe: Probe) -> None:
    """A templated default reads earlier answers; what it reads is not compiled again."""
    probe.write(default="About {{ name }}")
    result = probe.draft("--set", "name={{ cycler.__init__.__globals__ }}")
    assert result.exit_code == 0, result.stderr
    assert "About {{ cycler.__init__.__globals__ }}" in result.stdout


# --- bounded rendering -------------------------------------------------------------------

TOOK_TOO_LONG = f"took longer than {sandbox.TIME_BUDGET:g} s"
OUTPUT_TOO_LONG = f"output passed {sandbox.MAX_OUTPUT:,} characters"

BOUNDS = [
    pytest.param(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        TOOK_TOO_LONG,
        id="nested-ranges",
    ),
    pytest.param(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% if i is sequence %}{% endif %}"
        "{% endfor %}{% endfor %}",
        TOOK_TOO_LONG,
        id="alarm-inside-except-exception",  # jinja2's `sequence` test catches Exception
    ),
    pytest.param("{{ range(1000000)|list }}", "Range too big", id="range-over-max"),
    pytest.param("{% for i in range(100000) %}xx{% endfor %}", OUTPUT_TOO_LONG, id="output-loop"),
    pytest.param(
        "{% for i in range(11) %}{{ 'y' * 10000 }}{% endfor %}", OUTPUT_TOO_LONG, id="output-chunks"
    ),
    pytest.param("{{ 'x' * 10**9 }}", "repetition too large", id="repeat-1e9"),
    pytest.param("{{ ('x' * 10000) * 10000 }}", "repetition too large", id="repeat-nested"),
    pytest.param("{{ ([0] * 10000 * 10000)|length }}", "repetition too large", id="repeat-list"),
    pytest.param("{{ 2**64**64**64**64 }}", "exponent too large", id="power-tower"),
    pytest.param("{{ 9**(10**9) }}", "exponent too large", id="power-huge-exponent"),
    pytest.param(
        "{% set ns = namespace(x=9) %}{% for i in range(64) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}",
        "number too large",
        id="squaring-loop",
    ),
    pytest.param(
        "{{ '%0999999999d'|format(1) }}", "width 999999999 is too large", id="printf-width"
    ),
    pytest.param(
        "{{ '%(a)0999999999d'|format(a=1) }}",
        "width 999999999 is too large",
        id="printf-named-width",
    ),
    pytest.param(
        "{{ '%.999999999f'|format(1.5) }}", "width 999999999 is too large", id="printf-precision"
    ),
    pytest.param("{{ '%*d'|format(999999999, 1) }}", "argument too large", id="printf-star-width"),
    pytest.param(
        "{{ '{:>999999999}'.format(1) }}", "width 999999999 is too large", id="format-width"
    ),
    pytest.param(
        "{{ '{:{}}'.format(1, 999999999) }}",
        "width 999999999 is too large",
        id="format-nested-width",
    ),
    pytest.param(
        "{{ '{:.999999999f}'.format(1.5) }}", "width 999999999 is too large", id="format-precision"
    ),
    pytest.param(
        "{{ '{x:>999999999}'.format_map({'x': 1}) }}",
        "width 999999999 is too large",
        id="format-map-width",
    ),
    pytest.param("{{ 'x'|center(10**9) }}", "argument too large", id="center-filter"),
    pytest.param("{{ 'x'.center(10**9) }}", "argument too large", id="center-method"),
    pytest.param("{{ 'x'.ljust(10**9) }}", "argument too large", id="ljust-method"),
    pytest.param("{{ 'x'.zfill(10**9) }}", "argument too large", id="zfill-method"),
    pytest.param("{{ (1).to_bytes(10**9, 'big') }}", "argument too large", id="to-bytes"),
    pytest.param("{{ 'x'|indent(10**9, true) }}", "argument too large", id="indent-width"),
    pytest.param(
        "{{ ('\\n' * 10000)|indent(10000, true) }}", "would build", id="indent-many-lines"
    ),
    pytest.param(
        "{{ ('a ' * 1000)|wordwrap(1, wrapstring='x' * 10000) }}",
        "would build",
        id="wordwrap-wrapstring",
    ),
    pytest.param("{{ range(100000)|join('x' * 10000) }}", "would build", id="join-filter"),
    pytest.param(
        "{{ ('x' * 10000).join(range(100000)|map('string')) }}", "would build", id="join-method"
    ),
    pytest.param(
        "{{ ('x' * 10000).replace('', 'y' * 10000) }}", "would build", id="replace-method"
    ),
    pytest.param(
        "{{ ('x' * 10000)|replace('x', 'y' * 10000) }}", "would build", id="replace-filter"
    ),
    pytest.param("{{ ('\\t' * 10000).expandtabs(10000) }}", "would build", id="expandtabs"),
    pytest.param("{{ [1]|batch(10**9, 'x')|list }}", "argument too large", id="batch-fill"),
    pytest.param("{{ {'a': 1}|tojson(indent=10**9) }}", "argument too large", id="tojson-indent"),
    pytest.param(
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "recursion too deep",
        id="macro-recursion",
    ),
    pytest.param(
        "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
        "recursion too deep",
        id="loop-recursion",
    ),
    pytest.param("{% include 'ssti-probe/body.j2' %}", "recursion too deep", id="include-itself"),
    pytest.param(
        "{% set d = {'a': 1} %}{% for k in d %}{{ d.update({k ~ 'x': 1}) }}{% endfor %}",
        "RuntimeError: dictionary changed size during iteration",
        id="runtime-error-is-a-render-error",
    ),
]


@pytest.mark.parametrize(("source", "message"), BOUNDS)
def test_render_bounds_through_a_template_file(probe: Probe, source: str, message: str) -> None:
    probe.write(template_source=source)
    assert_refused(probe.draft(), probe, message)


@pytest.mark.parametrize(
    "source",
    [
        # A string that doubles on each pass: the memory cap (Linux) or the alarm stops it.
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        # One list of big strings printed at once: a single C-level repr the alarm cannot cut.
        "{% set s = ('x' * 10000) * 10 %}{% set l = [] %}{% for i in range(5000) %}"
        "{% set _ = l.append(s) %}{% endfor %}{{ l }}",
    ],
    ids=["doubling-concat", "repr-of-big-list"],
)
@pytest.mark.skipif(
    not Path("/proc/self/statm").exists(),
    reason="the memory cap needs Linux; without it these are heavy",
)
def test_render_memory_bound(probe: Probe, source: str) -> None:
    probe.write(text=source)
    result = probe.draft()
    assert_refused(result, probe)
    assert "ran out of memory" in result.stderr or TOOK_TOO_LONG in result.stderr


@pytest.mark.parametrize(
    "slot",
    ["text", "subject", "default", "template_source"],
)
def test_bounds_hold_in_every_slot(probe: Probe, slot: str) -> None:
    probe.write(**{slot: "{{ 'x' * 10**9 }}"})  # type: ignore[arg-type]  # every slot here takes text
    assert_refused(probe.draft(), probe, "repetition too large")


def test_when_is_bounded(probe: Probe) -> None:
    probe.write(when="('x' * 10000).center(10**9)")
    assert_refused(probe.draft(), probe, "argument too large")


def test_when_that_runs_too_long(probe: Probe) -> None:
    # No loops in an expression, but filters can still churn: sort 100,000 strings, repeatedly.
    chain = "range(100000)|map('string')|sort|map('int')|sort(reverse=true)"
    probe.write(when=f"({chain}|list + {chain}|list + {chain}|list + {chain}|list)|sort|length")
    assert_refused(probe.draft(), probe, "took too long")


@pytest.mark.parametrize("slot", ["text", "subject", "default", "template_source", "when"])
@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 1000 + "1" + ")" * 1000 + " }}",
        "{{ " + "[" * 300 + "]" * 300 + " }}",
        "{{ x" + "|e" * 3000 + " }}",
    ],
    ids=["parentheses", "brackets", "filters"],
)
def test_deep_nesting_is_a_playbook_error(probe: Probe, slot: str, source: str) -> None:
    if slot == "when":
        probe.write(when=source.removeprefix("{{ ").removesuffix(" }}"))
    else:
        probe.write(**{slot: source})  # type: ignore[arg-type]  # every slot here takes text
    # A template file's error names the file under templates/ssti-probe/; the rest, the playbook.
    assert_refused(probe.draft(), probe, "too deeply")


def test_template_file_too_big(probe: Probe) -> None:
    probe.write(template=f"{PLAYBOOK}/big.j2")
    (probe.root / "templates" / PLAYBOOK / "big.j2").write_text(
        "x" * (sandbox.MAX_TEMPLATE_BYTES + 1), encoding="utf-8"
    )
    assert_refused(probe.draft(), probe, "larger than 1024 KiB")


def test_template_file_not_utf8(probe: Probe) -> None:
    probe.write(template=f"{PLAYBOOK}/latin1.j2")
    (probe.root / "templates" / PLAYBOOK / "latin1.j2").write_bytes(b"Caf\xe9 {{ name }}\n")
    assert_refused(probe.draft(), probe, "not UTF-8")


def test_included_template_not_utf8(probe: Probe) -> None:
    probe.write(text="{% include 'ssti-probe/latin1.j2' %}")
    (probe.root / "templates" / PLAYBOOK / "latin1.j2").write_bytes(b"Caf\xe9\n")
    assert_refused(probe.draft(), probe, "UnicodeDecodeError")


def test_filters_keep_working_inside_the_bounds(probe: Probe) -> None:
    """The bounded filters and methods still do their job for ordinary sizes."""
    probe.write(
        text=(
            "{{ 'aaa bbb ccc'|wordwrap(4) }}|{{ 'one two three four'|truncate(12) }}|"
            "{{ 'x'|center(5) }}|"
            "{{ '%05.1f'|format(3.14159) }}|{{ '{:*>4}'.format(7) }}|{{ ['a', 'b']|join(', ') }}|"
            "{{ '-'.join(['a', 'b']) }}|{{ 'a-b'|replace('-', '+') }}|{{ ('ab' * 3) }}|{{ 2**10 }}"
        )
    )
    result = probe.draft()
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "aaa",
        "bbb",
        "ccc|one two...| x |003.1|***7|a, b|a-b|a+b|ababab|1024",
    ]


# --- bounded YAML ------------------------------------------------------------------------


def _lol_bomb() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


YAML_BOMBS = [
    pytest.param(b"title: x\n" + b"#" * (1024 * 1024), "larger than 1024 KiB", id="over-1-MiB"),
    pytest.param(_lol_bomb(), "aliases expand to more than", id="billion-laughs"),
    pytest.param(
        b"a: &a {x: 1, y: 2}\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + b"".join(
            b"c%d: &c%d [%s]\n" % (i, i, b", ".join([b"*b" if i == 0 else b"*c%d" % (i - 1)] * 10))
            for i in range(6)
        ),
        "aliases expand to more than",
        id="alias-mappings",
    ),
    pytest.param(
        b"x: " + b"[" * 10000 + b"]" * 10000 + b"\n", "nesting deeper than", id="deep-flow"
    ),
    pytest.param(
        b"".join(b"  " * i + b"k:\n" for i in range(200)) + b"  " * 200 + b"k: 1\n",
        "nesting deeper than",
        id="deep-block",
    ),
    pytest.param(b"x: &a [1, *a]\n", "recursive", id="recursive-alias"),
    pytest.param(
        b"x: !!python/object/apply:os.system ['touch " + MARKER.encode() + b"']\n",
        "could not determine a constructor",
        id="python-apply-os-system",
    ),
    pytest.param(
        b"x: !!python/object/new:subprocess.Popen [['touch', '" + MARKER.encode() + b"']]\n",
        "could not determine a constructor",
        id="python-new-popen",
    ),
    pytest.param(
        b"x: !!python/object/apply:builtins.open ['" + MARKER.encode() + b"', 'w']\n",
        "could not determine a constructor",
        id="python-apply-open",
    ),
    pytest.param(
        b"x: !!python/name:os.system\n", "could not determine a constructor", id="python-name"
    ),
    pytest.param(
        b"x: !!python/module:os\n", "could not determine a constructor", id="python-module"
    ),
    pytest.param(
        b"x: !!python/object:os._wrap_close {}\n",
        "could not determine a constructor",
        id="python-object",
    ),
    pytest.param(b"title: caf\xe9\n", "not UTF-8", id="latin-1"),
    pytest.param("title: x\n".encode("utf-16"), "not UTF-8", id="utf-16"),
    pytest.param(b"\xff\xfe\x00title", "not UTF-8", id="garbage-bytes"),
    pytest.param(b"title: a\x00b\n", "invalid YAML", id="nul-byte"),
    pytest.param(b"title: [unclosed\n", "invalid YAML", id="syntax"),
    pytest.param(b"x: 2001-02-30\n", "cannot read '2001-02-30' as timestamp", id="impossible-date"),
    pytest.param(b"x: !!bool maybe\n", "cannot read 'maybe' as bool", id="bad-bool"),
    pytest.param(b"x: !!int ''\n", "as int", id="empty-int"),
    pytest.param(b"x: " + b"7" * 5000 + b"\n", "as int", id="5000-digit-int"),
]


def _write_bomb(probe: Probe, path: Path, content: bytes) -> Path:
    path.write_bytes(content.replace(MARKER.encode(), str(probe.marker).encode()))
    return path


@pytest.mark.parametrize(("content", "message"), YAML_BOMBS)
def test_yaml_refused_as_playbook(
    probe: Probe, tmp_path: Path, content: bytes, message: str
) -> None:
    path = _write_bomb(probe, probe.root / "playbooks" / "bomb.yaml", content)
    assert_refused(probe.cli("show", str(path)), probe, message, names="bomb.yaml")
    assert_refused(probe.cli("draft", "bomb", "--no-input"), probe, message, names="bomb.yaml")


@pytest.mark.parametrize(("content", "message"), YAML_BOMBS)
def test_yaml_refused_as_answers_file(
    probe: Probe, tmp_path: Path, content: bytes, message: str
) -> None:
    probe.write()
    path = _write_bomb(probe, tmp_path / "bomb-answers.yaml", content)
    assert_refused(probe.draft("--answers", str(path)), probe, message, names="bomb-answers.yaml")


@pytest.mark.parametrize(("content", "message"), YAML_BOMBS)
def test_yaml_refused_on_stdin(probe: Probe, content: bytes, message: str) -> None:
    probe.write()
    content = content.replace(MARKER.encode(), str(probe.marker).encode())
    assert_refused(probe.draft("--answers", "-", input=content), probe, message, names="<stdin>")


@pytest.mark.parametrize(("content", "message"), YAML_BOMBS)
def test_yaml_refused_as_profile(
    probe: Probe, drafter_home: Path, content: bytes, message: str
) -> None:
    probe.write()
    _write_bomb(probe, drafter_home / "profile.yaml", content)
    assert_refused(probe.cli("profile"), probe, message, names="profile.yaml")
    assert_refused(probe.draft(), probe, message, names="profile.yaml")


# --- text that could drive a terminal -----------------------------------------------------

OSC52 = "\x1b]52;c;cHduZWQ=\x07"
OSC8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"

CLEAN_TABLE = [
    # (raw, multiline, expected)
    ("plain text", False, "plain text"),
    ("\x1b[31mred\x1b[0m", False, "red"),
    ("\x1b[2J\x1b[H\x1b[?25lwiped", False, "wiped"),
    ("\x1b[38;2;255;0;0mtruecolor", False, "truecolor"),
    (f"copy{OSC52}me", False, "copyme"),
    ("title\x1b]0;new title\x1b\\!", False, "title!"),
    (OSC8, False, "click"),
    ("\x9b31mC1 CSI\x9b0m", False, "C1 CSI"),
    ("\x9d52;c;cHduZWQ=\x9cC1 OSC", False, "C1 OSC"),
    ("\x1bP1$qm\x1b\\DCS", False, "DCS"),
    ("\x1b_APC\x1b\\text", False, "text"),
    ("\x1b7saved\x1b8", False, "saved"),
    ("\x1bcreset\x1b(0drawing\x1b#8", False, "resetdrawing"),
    ("\x1b[", False, ""),
    ("bell\x07 back\x08space del\x7f nul\x00", False, "bell backspace del nul"),
    ("safe\rEVIL", False, "safe EVIL"),
    ("a\tb\nc\r\nd", False, "a b c d"),
    ("a\tb\nc\r\nd\re", True, "a\tb\nc\nd\ne"),
    ("vertical\x0btab\x0cfeed", True, "verticaltabfeed"),
    ("\u202eevil\u202c txt", False, "evil txt"),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069x", False, "x"),
    ("abc\u2067gpj.exe\u2069", False, "abcgpj.exe"),
    ("\x85next line", False, "next line"),
    ("Zoë Ångström 李 👋🏽 مرحبا", False, "Zoë Ångström 李 👋🏽 مرحبا"),
    ("e\u0301 combining", False, "e\u0301 combining"),
    ("\x1b\x1b[31m[31mnested", False, "[31mnested"),
]


@pytest.mark.parametrize(("raw", "multiline", "expected"), CLEAN_TABLE)
def test_clean(raw: str, multiline: bool, expected: str) -> None:
    assert clean(raw, multiline=multiline) == expected
    assert not FORBIDDEN & set(clean(raw, multiline=multiline))


EVIL = f"\x1b[2J\x1b[31mSam{OSC52}{OSC8}\u202eLee\u2066\x9b1m\x07\x00"


def assert_clean_output(result: Result) -> None:
    assert not FORBIDDEN & set(result.stdout), repr(result.stdout)
    assert not FORBIDDEN & set(result.stderr), repr(result.stderr)


def test_escapes_in_set_answers_are_removed(probe: Probe) -> None:
    probe.write(text="Hi {{ name }}.\n{{ note }}\n{{ letter }}\n{{ me.name }}")
    result = probe.draft(
        "--set", f"name={EVIL}",
        "--set", f"note={EVIL}\tand\nmore",
        "--set", f"letter=line one{OSC52}\n\tline two\u202e\r\nline three",
        "--set", f"me.name={EVIL}",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert_clean_output(result)
    assert "Hi SamclickLee." in result.stdout
    assert "SamclickLee and more" in result.stdout  # a one-line field: tab and newline -> space
    assert "line one\nline two\nline three" in result.stdout  # multiline keeps its lines


def test_escapes_in_answers_file_are_removed(probe: Probe, tmp_path: Path) -> None:
    probe.write(text="{{ note }}|{{ letter }}|{{ me.name }}|{{ email }}")
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        'note: "\\e]52;c;cHduZWQ=\\aNote\\u202e"\n'
        'letter: "a\\x1b[1mb\\nc\\x9b2J"\n'
        'email: "\\e[8msam@example.com"\n'
        'me: {name: "\\e]8;;https://x\\e\\\\Ana\\e]8;;\\e\\\\"}\n',
        encoding="utf-8",
    )
    result = probe.draft("--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    assert_clean_output(result)
    assert "Note|ab\nc|Ana|sam@example.com" in result.stdout


def test_escapes_written_by_a_template_are_removed(probe: Probe) -> None:
    """A shared template cannot smuggle an OSC 52 clipboard write or bidi into the message."""
    probe.write(
        text='Hi {{ "\\x1b]52;c;cHduZWQ=\\x07" }}{{ name }}{{ "\\u202e" }}!\n{{ "\\x1b[2J" }}Bye',
        subject='{{ "\\x1b]0;title\\x07" }}Hello\u2066',
    )
    result = probe.draft()
    assert result.exit_code == 0, result.stderr
    assert_clean_output(result)
    assert result.stdout == "Subject: Hello\n\nHi Ana!\nBye\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--set", f"tone={EVIL}"],
        ["--set", f"email={EVIL}@x"],
        ["--set", f"{EVIL}=x"],
        ["--set", f"me.{EVIL}=x"],
        ["--set", f"me.email={EVIL}"],
        ["--variant", EVIL],
    ],
    ids=["choice", "email", "field-name", "me-key", "me-email", "variant"],
)
def test_error_messages_echoing_a_value_are_clean(probe: Probe, args: list[str]) -> None:
    probe.write()
    result = probe.draft(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("drafter: error: "), result.stderr
    assert_clean_output(result)


def test_error_echoing_a_playbook_value_is_clean(probe: Probe) -> None:
    probe.write(extra_fields=[{"name": "bad", "prompt": "p", "type": f"text{EVIL}"}])
    result = probe.cli("show", PLAYBOOK)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert_clean_output(result)


def test_show_prints_playbook_text_cleaned(probe: Probe) -> None:
    probe.write(extra_fields=[{"name": "bad", "prompt": f"Prompt{EVIL}", "help": EVIL}])
    result = probe.cli("show", PLAYBOOK)
    assert result.exit_code == 0, result.stderr
    assert_clean_output(result)
