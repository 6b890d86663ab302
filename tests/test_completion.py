"""Shell completion: the reply each shell gets (environment-variable protocol), and a real bash.

The real-bash tests source `_DRAFTER_COMPLETE=bash_source drafter` in `bash --norc`, type a
partial command and TAB, and read what bash put on the line.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from click.shell_completion import split_arg_string
from click.testing import CliRunner

from drafter.cli import cli
from drafter.cli.completion import DEFAULT_WORDBREAKS, readline_word, shell_escaped

PICKY = """\
title: Picky
summary: Choices a stranger wrote.
channel: linkedin-note
fields:
  - name: recipient_name
    prompt: Who?
    required: true
  - name: pick
    prompt: "Pick one \\e]0;owned\\a\\nnow"
    type: choice
    choices:
      - {value: with space, label: "Spaced\\tout"}
      - {value: "$(touch pwned)"}
      - {value: "star*"}
      - {value: "two\\nlines"}
      - {value: "esc\\e[31mred"}
  - name: topics
    prompt: Topics?
    type: multichoice
    choices: [{value: data}, {value: design}, {value: dev}]
variants:
  - {name: warm, description: Friendly., text: "Hi {{ recipient_name }}."}
  - {name: brief, text: "Hi."}
"""


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "picky.yaml").write_text(PICKY, encoding="utf-8")
    return root


def reply(shell: str, line: str, **env: str) -> str:
    """drafter's reply to `shell` completing at the end of `line`, as that shell's script asks."""
    words = split_arg_string(line)
    if shell == "bash":
        env = {"COMP_LINE": line, "COMP_WORDBREAKS": DEFAULT_WORDBREAKS, **env}
    elif shell == "zsh":
        at = len(words) if line.endswith(" ") else len(words) - 1
        env = {"COMP_WORDS": line, "COMP_CWORD": str(at), **env}
    else:  # fish: the words so far, and the word under the cursor
        env = {"COMP_WORDS": line, "COMP_CWORD": "" if line.endswith(" ") else words[-1], **env}
    result = CliRunner().invoke(
        cli, [], env={"_DRAFTER_COMPLETE": f"{shell}_complete", **env}, prog_name="drafter"
    )
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip("\n")


def bash_items(line: str) -> list[str]:
    return reply("bash", line).splitlines()


# --- the bash reply: cut to readline's word, escaped, no space after `=` -------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # field names wait for their value: no space after them
        ("drafter draft connection-request --set rec", ["nospace,recipient_name="]),
        ("drafter draft connection-request --set reason_", ["nospace,reason_detail="]),
        # after `=`, readline replaces only what follows it
        (
            "drafter draft connection-request --set reason=their_",
            ["plain,their_company", "plain,their_post", "plain,their_profile"],
        ),
        ("drafter draft connection-request --set ask=n", ["plain,none"]),
        ("drafter draft connection-request --set suggested=", ["plain,yes", "plain,no"]),
        ("drafter draft connection-request --set recipient_name=", []),  # free text
        ("drafter draft connection-request --set nosuchfield=", []),
        # inside an open quote readline's word is the whole quoted text
        ('drafter draft connection-request --set "reason=same_f', ["plain,reason=same_field"]),
        # --opt=VALUE (click#2847)
        ("drafter draft connection-request --variant=b", ["plain,brief"]),
        ("drafter draft connection-request --format=j", ["plain,json"]),
        # the sender's keys, and the one that takes set values
        ("drafter draft connection-request --set me.linkedin_a", ["nospace,me.linkedin_account="]),
        ("drafter draft connection-request --set me.linkedin_account=p", ["plain,premium"]),
        ("drafter profile set hea", ["nospace,headline="]),
        ("drafter profile set name=Ana linkedin_account=", ["plain,free", "plain,premium"]),
        # file names: bash completes them itself
        ("drafter draft connection-request --answers ans", ["file,ans"]),
        ("drafter draft connection-request --output ou", ["file,ou"]),
        ("drafter draft connection-request --output=ou", ["file,ou"]),
        ("drafter draft connection-request -o ", ["file,"]),
    ],
)
def test_bash_reply(line: str, expected: list[str]) -> None:
    assert bash_items(line) == expected


def test_bash_reply_for_every_profile_key() -> None:
    assert bash_items("drafter profile set ") == [
        f"nospace,{k}="
        for k in (
            *("name", "headline", "company", "email", "phone", "linkedin", "signature"),
            "linkedin_account",
        )
    ]


def test_bash_reply_for_a_strangers_choices_is_cleaned_and_escaped(lib: Path) -> None:
    items = bash_items(f"drafter --library {lib} draft picky --set pick=")
    assert items == [
        r"plain,with\ space",
        r"plain,\$\(touch\ pwned\)",
        r"plain,star\*",
        r"plain,two\ lines",
        "plain,escred",
    ]


def test_bash_reply_inside_double_quotes_escapes_only_what_they_interpret(lib: Path) -> None:
    items = bash_items(f'drafter --library {lib} draft picky --set "pick=')
    assert items[:3] == [
        "plain,pick=with space",
        r"plain,pick=\$(touch pwned)",
        "plain,pick=star*",
    ]


def test_bash_reply_completes_multichoice_after_the_last_comma(lib: Path) -> None:
    assert bash_items(f"drafter --library {lib} draft picky --set topics=de") == [
        "plain,design",
        "plain,dev",
    ]
    # readline's word starts after `=`; what was chosen already is not offered again
    assert bash_items(f"drafter --library {lib} draft picky --set topics=design,d") == [
        "plain,design,data",
        "plain,design,dev",
    ]


def test_bash_reply_names_playbooks_from_hostile_file_names_cleanly(lib: Path) -> None:
    (lib / "playbooks" / "q\x1b[2Jone.yaml").write_text(PICKY, encoding="utf-8")
    (lib / "playbooks" / "q\ntwo.yaml").write_text(PICKY, encoding="utf-8")
    assert bash_items(f"drafter --library {lib} draft q") == ["plain,q\\ two", "plain,qone"]


def test_an_older_bash_script_still_gets_completions() -> None:
    """A script saved from click's template sends COMP_WORDS and COMP_CWORD, not COMP_LINE."""
    words = ["drafter", "draft", "connection-request", "--set", "reason=their_c"]
    env = {"COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}
    result = CliRunner().invoke(
        cli, [], env={"_DRAFTER_COMPLETE": "bash_complete", **env}, prog_name="drafter"
    )
    assert result.stdout.splitlines() == ["plain,reason=their_company"]


# --- zsh and fish: the whole word back, cleaned ------------------------------------------


def test_zsh_reply_gives_whole_words_with_their_help() -> None:
    assert reply("zsh", "drafter draft connection-request --set ask=ca") == (
        "plain\nask=call\nA short call"
    )
    assert reply("zsh", "drafter draft connection-request --variant=b") == (
        "plain\n--variant=brief\nOne line after the greeting, for when the reason says it all."
    )


def test_zsh_reply_is_three_clean_lines_an_item_and_field_names_take_no_space(lib: Path) -> None:
    lines = reply("zsh", f"drafter --library {lib} draft picky --set p").split("\n")
    assert lines == ["nospace", "pick=", "Pick one now"]  # added with no space after it
    lines = reply("zsh", f"drafter --library {lib} draft picky --set pick=").split("\n")
    assert len(lines) == 15
    assert lines[:3] == ["plain", "pick=with space", "Spaced out"]
    assert lines[9:12] == ["plain", "pick=two lines", "_"]
    assert lines[12:] == ["plain", "pick=escred", "_"]


def test_fish_reply_is_one_clean_line_an_item(lib: Path) -> None:
    assert reply("fish", "drafter draft connection-request --set rec").split("\n") == [
        "plain,recipient_name=\tWho are you inviting?"
    ]
    assert reply("fish", f"drafter --library {lib} draft picky --set pick=").split("\n") == [
        "plain,pick=with space\tSpaced out",
        "plain,pick=$(touch pwned)",
        "plain,pick=star*",
        "plain,pick=two lines",
        "plain,pick=escred",
    ]
    assert reply("fish", "drafter draft connection-request --answers ") == "file,"


# --- where readline's word starts, and escaping ------------------------------------------


@pytest.mark.parametrize(
    ("line", "start", "quote"),
    [
        ("drafter draft x --set reason=", 29, ""),
        ("drafter draft x --set reason=sa", 29, ""),
        ("drafter draft x --set rec", 22, ""),
        ("drafter draft x ", 16, ""),
        ('drafter --set "reason=sa', 15, '"'),
        ("drafter --set 'a b=c", 15, "'"),
        ("drafter --set a\\=b", 14, ""),  # an escaped `=` does not break the word
        ("drafter --set a\\ b=c", 19, ""),
        ('drafter --set "a=b"=c', 20, ""),
    ],
)
def test_readline_word(line: str, start: int, quote: str) -> None:
    assert readline_word(line, DEFAULT_WORDBREAKS) == (start, quote)


@pytest.mark.parametrize(
    ("value", "quote", "typed"),
    [
        ("same_field", "", "same_field"),
        ("recipient_name=", "", "recipient_name="),
        ("Zoë Ørsted", "", "Zoë\\ Ørsted"),
        ("a;b|c&d", "", "a\\;b\\|c\\&d"),
        ("$(x)`y`", '"', "\\$(x)\\`y\\`"),
        ("it's", "'", "it's"),
    ],
)
def test_shell_escaped(value: str, quote: str, typed: str) -> None:
    assert shell_escaped(value, quote) == typed


# --- a real bash -------------------------------------------------------------------------

PROMPT = "drafter-test$ "
TAB = "\t"
CTRL_C = "\x03"


class Bash:
    """An interactive bash with drafter's completion script sourced."""

    def __init__(self, cwd: Path, home: Path) -> None:
        bash = shutil.which("bash")
        assert bash, "these tests need bash on PATH"
        bin_dir = Path(sys.executable).parent
        assert (bin_dir / "drafter").exists(), f"no drafter script beside {sys.executable}"
        env = {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(cwd),
            "DRAFTER_HOME": str(home),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "dumb",
            "PS1": PROMPT,
            "NO_COLOR": "1",
        }
        self.child = pexpect.spawn(
            bash,
            ["--norc", "--noprofile"],
            env=env,
            cwd=str(cwd),
            encoding="utf-8",
            timeout=10,
            dimensions=(40, 400),
        )
        self.child.expect_exact(PROMPT)
        self.child.sendline('eval "$(_DRAFTER_COMPLETE=bash_source drafter)"')
        self.child.expect_exact(PROMPT)

    def line_after_tab(self, typed: str, expected: str) -> None:
        """Type `typed` and TAB, then a marker: the line must read `expected` right before it."""
        self.child.send(typed + TAB + "@")
        self.child.expect_exact(expected + "@")
        self.clear()

    def listing(self, typed: str) -> list[str]:
        """Type `typed` and TAB TAB: the words bash lists."""
        self.child.send(typed + TAB + TAB)
        self.child.expect_exact(typed)
        self.child.expect_exact(PROMPT + typed)  # bash lists, then draws the line again
        listed = self.child.before
        self.clear()
        assert isinstance(listed, str)
        return listed.replace("\x07", "").split()

    def clear(self) -> None:
        self.child.send(CTRL_C)
        self.child.expect_exact(PROMPT)

    def close(self) -> None:
        self.child.send(CTRL_C)  # whatever a failed test left on the line
        self.child.sendline("exit")
        self.child.expect(pexpect.EOF)


@pytest.fixture
def bash(tmp_path: Path, drafter_home: Path) -> Iterator[Bash]:
    work = tmp_path / "work"
    work.mkdir()
    shell = Bash(work, drafter_home)
    yield shell
    shell.close()


REQUEST = "drafter draft connection-request "


@pytest.mark.slow
def test_bash_completes_a_field_name_without_a_space(bash: Bash) -> None:
    bash.line_after_tab(REQUEST + "--set rec", REQUEST + "--set recipient_name=")
    bash.line_after_tab(REQUEST + "--set me.na", REQUEST + "--set me.name=")
    bash.line_after_tab("drafter profile set linkedin_", "drafter profile set linkedin_account=")


@pytest.mark.slow
def test_bash_completes_choice_values_after_the_equals_sign(bash: Bash) -> None:
    # in the playbook's order (`complete -o nosort`), on one row of a wide terminal
    assert bash.listing(REQUEST + "--set reason=") == [
        "same_field",
        "their_company",
        "their_post",
        "mutual_connection",
        "met_at_event",
        "their_profile",
        "same_area",
    ]
    # one match: the value, then a space for the next option
    bash.line_after_tab(REQUEST + "--set reason=mut", REQUEST + "--set reason=mutual_connection ")
    bash.line_after_tab(REQUEST + "--variant=br", REQUEST + "--variant=brief ")
    bash.line_after_tab(
        "drafter profile set linkedin_account=pr", "drafter profile set linkedin_account=premium "
    )


@pytest.mark.slow
def test_bash_completes_file_names(bash: Bash, tmp_path: Path) -> None:
    (tmp_path / "work" / "answers-for-sam.yaml").write_text("reason: same_field\n", "utf-8")
    (tmp_path / "work" / "drafts").mkdir()
    bash.line_after_tab(REQUEST + "--answers ans", REQUEST + "--answers answers-for-sam.yaml ")
    bash.line_after_tab(REQUEST + "--output dr", REQUEST + "--output drafts/")
    bash.line_after_tab(REQUEST + "-o=dr", REQUEST + "-o=drafts/")


@pytest.mark.slow
def test_bash_types_a_strangers_choices_safely(bash: Bash, lib: Path, tmp_path: Path) -> None:
    typed = f"drafter --library {lib} draft picky --set pick="
    listed = bash.listing(typed)
    assert sorted(listed) == sorted(
        ["with\\", "space", "\\$\\(touch\\", "pwned\\)", "star\\*", "two\\", "lines", "escred"]
    )
    bash.line_after_tab(typed + "wi", typed + "with\\ space ")
    bash.line_after_tab(typed + "\\$", typed + "\\$\\(touch\\ pwned\\) ")
    assert not (tmp_path / "work" / "pwned").exists()


def test_history_ids_complete_with_what_each_draft_was(drafter_home: Path) -> None:
    from drafter import history, pipeline
    from drafter.library import Search

    pb = Search().load("decline-sales-pitch")
    for name in ("Sam Lee", "Kim Park"):
        outcome = pipeline.run(pb, {"recipient_name": name, "offering": "SDRs"}, profile={})
        history.record(pb, outcome, "printed")
    for command in ("drafter again ", "drafter history show ", "drafter history forget 1 "):
        assert reply("zsh", command).split("\n")[1::3] == ["2", "1"], command  # type, id, help
    assert "decline-sales-pitch, Kim Park" in reply("zsh", "drafter again ")
    assert reply("zsh", "drafter history sent 2").split("\n")[1::3] == ["2"]


def test_history_ids_complete_to_nothing_without_a_history(drafter_home: Path) -> None:
    assert reply("zsh", "drafter again ") == ""
    (drafter_home / "history.db").write_bytes(b"not a database")
    assert reply("zsh", "drafter again ") == ""
