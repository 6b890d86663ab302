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


# yamlio.head reads a mapping's first keys for listings: whatever it gives must be what
# `load` gives for those keys; None (load it whole) is always allowed, and required below
# where the head alone cannot tell.
@pytest.mark.parametrize("text", DOCUMENTS)
def test_head_gives_what_load_gives_or_nothing(text: str) -> None:
    try:
        whole = safe(text)
    except yaml.YAMLError:  # head need not find it: only wanted values are built
        assert yamlio.head(text, ["x", "absent"]) in (None, {})
        return
    for key in [*(whole if isinstance(whole, dict) else []), "absent"]:
        if not isinstance(key, str) or text.count(f"\n{key}:") + text.startswith(f"{key}:") > 1:
            continue  # `load` keeps a repeated key's last value; head may stop at the first
        got = yamlio.head(text, [key])
        if got is not None:
            assert isinstance(whole, dict)
            assert same(got, {key: whole[key]} if key in whole else {})


HEADS = [
    # (text, keys, what head gives)
    ("title: Hi\nsummary: 'yes'\nchannel: email\n", ["title", "summary"], {"title": "Hi", "summary": "yes"}),
    ("title: Hi\n", ["title", "group"], {"title": "Hi"}),  # read to the end: no group
    ("title: yes\ngroup: 12\ngone: ~\n", ["title", "group", "gone"], {"title": True, "group": 12, "gone": None}),
    ("fields: [{a: 1}, [2, {b: [3]}]]\nanchor: &a {x: 1}\nlater: *a\ntitle: Hi\n", ["title"], {"title": "Hi"}),
    ("summary: >-\n  folded\n  text\ntitle: |\n  Block\n", ["title", "summary"], {"title": "Block\n", "summary": "folded text"}),
    # Past the last wanted key nothing is read: an error there is load's to find.
    ("title: Hi\nchannel: email\nfields: [unclosed\n", ["title", "channel"], {"title": "Hi", "channel": "email"}),
    ("title: Hi\nfields: [unclosed\n", ["title", "channel"], None),  # an error on the way
    ("", ["title"], None),
    ("- title\n", ["title"], None),
    ("just text\n", ["title"], None),
    ("!!map {title: Hi}\n", ["title"], {"title": "Hi"}),
    ("!thing {title: Hi}\n", ["title"], None),
    ("title: [a, b]\n", ["title"], None),  # a wanted value that is a collection
    ("title: *a\n", ["title"], None),
    ("title: !custom Hi\n", ["title"], None),
    ("<<: {title: Merged}\nchannel: email\n", ["title", "channel"], None),
    ("? [complex]\n: key\ntitle: Hi\n", ["title"], None),
    ("title: Hi\n---\ntitle: Again\n", ["title", "group"], None),  # two documents
]  # fmt: skip


@pytest.mark.parametrize(("text", "keys", "expected"), HEADS)
def test_head(text: str, keys: list[str], expected: dict[str, Any] | None) -> None:
    assert yamlio.head(text, keys) == expected


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), trees, max_size=6), st.booleans())
def test_any_mapping_heads_as_pyyaml_reads_it(tree: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    for keys in (["a"], ["b", "c"], list("abcdefgh")):
        got = yamlio.head(text, keys)
        plain = all(not isinstance(tree[k], dict | list) for k in keys if k in tree)
        assert got is None if not plain else same(got, {k: tree[k] for k in keys if k in tree})
