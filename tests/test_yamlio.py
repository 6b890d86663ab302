"""yamlio.load builds plain documents in the pass that bounds them: the result must be what
PyYAML's safe loader gives for every document, and the same error for every bad one."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import yamlio
from drafter.errors import PlaybookError


def safe(text: str) -> Any:
    return yaml.load(text, Loader=yamlio._Loader)  # noqa: S506  the safe loader


def same(a: Any, b: Any) -> bool:
    """Equal, NaN included, and of the same types all the way down."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


DOCUMENTS = [
    "",
    "# only a comment\n",
    "---\n",
    "title: Hi\nrequired: true\nmax_length: 0x1F\nratio: 1_000.5\nnone: ~\nwhen: null\n",
    "a: yes\nb: No\nc: on\nd: 'yes'\ne: \"1\"\nf: 1e3\ng: .inf\nh: -.Inf\ni: .nan\nj: 0o17\n",
    "day: 2024-03-15\nat: 2024-03-15T10:20:30Z\nlocal: 2001-12-14 21:59:43.10 -5\n",
    "base: &b {x: 1, y: [a, b]}\nagain: *b\nlist: &l [1, 2]\nsame: *l\ns: &s str\nt: *s\n",
    "fields:\n  - name: a\n    prompt: |\n      Two\n      lines\n  - {name: b, prompt: >-\n      folded text}\n",
    "? plain key\n: value\n'quoted: key': 2\n1: int key\ntrue: bool key\n~: null key\n",
    "dup: 1\ndup: 2\n",
    "x: !!str 123\ny: ! 456\nz: !!int '7'\n",
    "- [nested, [deeper, {k: v}]]\n- {}\n- []\n- ''\n",
    'text: "tab\\there, unicode \\u00e9, emoji 😀"\n',
    # Left to PyYAML's loader (merge keys, tags, complex keys), with its result or error:
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",
    "s: !!set {a, b}\n",
    "b: !!binary aGVsbG8=\n",
    "? [a, b]\n: unhashable\n",
    "x: !custom thing\n",
    "d: 2001-02-30\n",
    "a: 1\n---\nb: 2\n",
    "t: !!timestamp nope\n",
    "o: !!omap [{a: 1}]\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_value_or_the_same_error_as_pyyaml(text: str) -> None:
    try:
        expected = safe(text)
    except yaml.YAMLError as exc:
        wanted = yamlio._yaml_error(exc, "x.yaml", yamlio.playbook_error)
        with pytest.raises(PlaybookError) as caught:
            yamlio.load(text, "x.yaml")
        assert str(caught.value) == str(wanted)
        return
    assert same(yamlio.load(text, "x.yaml"), expected)


def test_aliases_share_one_object_as_pyyaml_makes_them() -> None:
    value = yamlio.load("a: &x [1]\nb: *x\n", "x.yaml")
    assert value["a"] is value["b"]


def test_a_date_is_a_date() -> None:
    assert yamlio.load("d: 2024-02-29\n", "x.yaml") == {"d": datetime.date(2024, 2, 29)}


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=10), st.integers(), st.booleans()), children, max_size=4
        ),
    ),  # fmt: skip
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(trees, st.sampled_from([None, False, True]), st.booleans())
def test_any_document_reads_as_pyyaml_reads_it(
    tree: Any, flow: bool | None, canonical: bool
) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, canonical=canonical, allow_unicode=True)
    assert same(yamlio.load(text, "x.yaml"), safe(text))
