"""Shell completion: what every shell is sent (cleaned), and a bash script that copes with `=`.

Click's own bash script hands drafter bash's COMP_WORDS, which bash splits at every
COMP_WORDBREAKS character, `=` among them: `--set reason=` reaches drafter as `reason`, `=`
(pallets/click#2847). drafter's script sends the command line up to the cursor instead; drafter
splits it as the shell will run it, then cuts each completion down to the part readline replaces
(the text after the last word-break character) and escapes it for the shell. A completion that
ends in `=` (a field name waiting for its value) is marked so that bash adds no space after it;
drafter's zsh script does the same. Its fish script splits a reply line at its first comma only
(click's drops what follows a second one: `topics=design,dev`).

Every item, for every shell, is cleaned with drafter.text.clean: ids, field and choice names and
their help come from playbooks written by strangers and must not drive the terminal or break the
one-item-a-line reply.
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar

from click.shell_completion import (
    BashComplete,
    CompletionItem,
    FishComplete,
    ShellComplete,
    ZshComplete,
    add_completion_class,
    split_arg_string,
)

from drafter.text import clean

# bash's COMP_WORDBREAKS when the shell did not send its own.
DEFAULT_WORDBREAKS = "\"'><=;|&(: \t\n"
# What a word may hold unescaped: shlex.quote's safe characters, plus every letter and digit.
_UNSAFE = re.compile(r"[^\w@%+=:,./-]")
_UNSAFE_IN_DOUBLE_QUOTES = re.compile(r'["$`\\]')

BASH_SOURCE = """\
%(complete_func)s() {
    local IFS=$'\\n' response kind value
    response=$(env COMP_LINE="${COMP_LINE:0:COMP_POINT}" COMP_WORDBREAKS="$COMP_WORDBREAKS" \\
%(complete_var)s=bash_complete "$1")
    COMPREPLY=()
    while IFS=',' read -r kind value; do
        case $kind in
            plain) COMPREPLY+=("$value") ;;
            nospace) COMPREPLY+=("$value"); compopt -o nospace ;;
            file) COMPREPLY=(); compopt -o default; return 0 ;;
            dir) COMPREPLY=(); compopt -o dirnames; return 0 ;;
        esac
    done <<< "$response"
    return 0
}

complete -o nosort -F %(complete_func)s %(prog_name)s
"""

# click's zsh script, plus "nospace" items: added with no suffix, so no space follows `FIELD=`.
ZSH_SOURCE = """\
#compdef %(prog_name)s

%(complete_func)s() {
    local -a completions completions_with_descriptions open open_with_descriptions response
    (( ! $+commands[%(prog_name)s] )) && return 1

    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) \\
%(complete_var)s=zsh_complete %(prog_name)s)}")

    for type key descr in ${response}; do
        if [[ "$type" == "plain" ]]; then
            if [[ "$descr" == "_" ]]; then
                completions+=("$key")
            else
                completions_with_descriptions+=("$key":"$descr")
            fi
        elif [[ "$type" == "nospace" ]]; then
            if [[ "$descr" == "_" ]]; then
                open+=("$key")
            else
                open_with_descriptions+=("$key":"$descr")
            fi
        elif [[ "$type" == "dir" ]]; then
            _path_files -/
        elif [[ "$type" == "file" ]]; then
            _path_files -f
        fi
    done

    if [ -n "$completions_with_descriptions" ]; then
        _describe -V unsorted completions_with_descriptions -U
    fi
    if [ -n "$completions" ]; then
        compadd -U -V unsorted -a completions
    fi
    if [ -n "$open_with_descriptions" ]; then
        _describe -V unsorted open_with_descriptions -U -S ''
    fi
    if [ -n "$open" ]; then
        compadd -U -V unsorted -S '' -a open
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %(complete_func)s "$@"
else
    compdef %(complete_func)s %(prog_name)s
fi
"""

# click's fish script, splitting each line at its first comma only: values may hold commas.
FISH_SOURCE = """\
function %(complete_func)s;
    set -l response (env %(complete_var)s=fish_complete COMP_WORDS=(commandline -cp) \\
COMP_CWORD=(commandline -t) %(prog_name)s);

    for completion in $response;
        set -l metadata (string split -m 1 "," $completion);

        if test $metadata[1] = "dir";
            __fish_complete_directories $metadata[2];
        else if test $metadata[1] = "file";
            __fish_complete_path $metadata[2];
        else if test $metadata[1] = "plain";
            echo $metadata[2];
        end;
    end;
end;

complete --no-files --command %(prog_name)s --arguments "(%(complete_func)s)";
"""


def cleaned(item: CompletionItem) -> CompletionItem:
    """The item with its value and help cleaned to one line of plain text."""
    help_ = " ".join(clean(item.help).split()) if item.help else None
    return CompletionItem(clean(str(item.value)), type=item.type, help=help_ or None)


def with_option(items: list[CompletionItem], incomplete: str) -> list[CompletionItem]:
    """For `--opt=VAL`, click completes VAL alone; give every shell back the whole word.

    (Zsh and fish replace the whole word with the item: `--variant=` + `warm` must be
    `--variant=warm`, not `warm`.)
    """
    name, sep, _ = incomplete.partition("=")
    if not (sep and name.startswith("-")):
        return items
    return [
        CompletionItem(f"{name}={i.value}", type=i.type, help=i.help) if i.type == "plain" else i
        for i in items
    ]


class _Cleaned(ShellComplete):
    """Items with the `--opt=` they complete, cleaned before any shell sees them."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        items = with_option(super().get_completions(args, incomplete), incomplete)
        return [c for c in map(cleaned, items) if c.value or c.type != "plain"]


class BashCompletion(_Cleaned, BashComplete):
    """bash: the line up to the cursor in, completions cut to what readline replaces out."""

    source_template: ClassVar[str] = BASH_SOURCE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.typed = ""  # the part of the word before readline's word (e.g. `reason=`)
        self.quote = ""  # the quote left open in the word, if any
        self.from_line = False  # False: an older script sent click's COMP_WORDS

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("COMP_LINE")
        if line is None:
            return super().get_completion_args()
        self.from_line = True
        # The "_" stands in for the cursor: a word after a trailing space is "", and a
        # trailing backslash or open quote is kept as bash would.
        words = split_arg_string(line + "_")
        incomplete = words[-1][:-1]
        breaks = os.environ.get("COMP_WORDBREAKS", DEFAULT_WORDBREAKS) + " \t\n"
        start, self.quote = readline_word(line, breaks)
        replaced = split_arg_string(line[start:] + "_")[-1][:-1]
        if incomplete.endswith(replaced):
            self.typed = incomplete[: len(incomplete) - len(replaced)]
        return words[1:-1], incomplete

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if self.from_line:  # readline replaces only what follows `typed`
            items = [
                CompletionItem(i.value[len(self.typed) :], help=i.help) if i.type == "plain" else i
                for i in items
                if i.type != "plain" or i.value.startswith(self.typed)
            ]
        return "\n".join(self.format_completion(i) for i in items)

    def format_completion(self, item: CompletionItem) -> str:
        value = str(item.value)
        if not self.from_line or item.type != "plain":
            return f"{item.type},{value}"
        kind = "nospace" if value.endswith("=") else "plain"
        return f"{kind},{shell_escaped(value, self.quote)}"


class ZshCompletion(_Cleaned, ZshComplete):
    """zsh: click's script, with no space after an item that ends in `=`."""

    source_template: ClassVar[str] = ZSH_SOURCE

    def format_completion(self, item: CompletionItem) -> str:
        if item.type == "plain" and str(item.value).endswith("="):
            item = CompletionItem(item.value, type="nospace", help=item.help)
        return super().format_completion(item)


class FishCompletion(_Cleaned, FishComplete):
    """fish: click's script, with values that may hold commas (fish adds no space after `=`)."""

    source_template: ClassVar[str] = FISH_SOURCE


def readline_word(line: str, breaks: str) -> tuple[int, str]:
    """Where readline's word starts in `line` (as bash completes it), and the quote left open.

    Inside an open quote the word starts after the quote; otherwise after the last unquoted
    word-break character.
    """
    start, quote, quote_start, escaped = 0, "", 0, False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif quote == "'":
            quote = "" if ch == "'" else quote
        elif quote == '"':
            if ch == "\\":
                escaped = True
            elif ch == '"':
                quote = ""
        elif ch == "\\":
            escaped = True
        else:
            if ch in "'\"":
                quote, quote_start = ch, i + 1
            if ch in breaks:
                start = i + 1
    return (quote_start, quote) if quote else (start, "")


def shell_escaped(value: str, quote: str = "") -> str:
    """`value` as it must be typed after `quote` (none, ' or ") for bash to read it back."""
    if quote == "'":
        return value  # nothing can be escaped inside single quotes
    pattern = _UNSAFE_IN_DOUBLE_QUOTES if quote == '"' else _UNSAFE
    return pattern.sub(lambda m: "\\" + m.group(), value)


def register() -> None:
    """Make click use drafter's completion classes for bash, zsh and fish."""
    for cls in (BashCompletion, ZshCompletion, FishCompletion):
        add_completion_class(cls)
