"""Filters, normalisation and rendering of a whole draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import RenderError
from drafter.filters import a_an, first_name, join_and
from drafter.playbook import parse
from drafter.render import normalise, render


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Dr. Elena Petrova", "Elena"),
        ("Siobhán O'Brien", "Siobhán"),
        ("Jean-Luc Picard", "Jean-Luc"),
        ("D'Arcy Smith", "D'Arcy"),
        ("Prof Dr Hans Müller", "Hans"),
        ("Mr. Ng", "Mr. Ng"),  # a title and one name: "Hi Ng," would be curt
        ("  maria  ", "Maria"),
        ("Dr.", "Dr."),  # a lone honorific is all there is: better than nothing
        ("", ""),
        (None, ""),
        (42, "42"),
        ("José María Aznar", "José María"),  # a known pair of given names
        ("Ms. Zoë Kravitz-Lee", "Zoë"),
        ("Petrova, Elena", "Elena"),
        ("J. Robert Oppenheimer", "Robert"),
        ('Robert "Bob" Smith', "Bob"),
        ("DR. PRIYA SHAH", "Priya"),
    ],
)
def test_first_name(full: object, expected: str) -> None:
    assert first_name(full) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["a", "b", "c"], "a, b and c"),
        (["a", "b"], "a and b"),
        (["a"], "a"),
        ([], ""),
        (["a", "", " ", "b"], "a and b"),
        ("solo", "solo"),
        (None, ""),
    ],
)
def test_join_and(items: object, expected: str) -> None:
    assert join_and(items) == expected


def test_join_and_other_conjunction() -> None:
    assert join_and(["tea", "coffee"], "or") == "tea or coffee"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("engineer", "an engineer"),
        ("designer", "a designer"),
        ("hour-long call", "an hour-long call"),
        ("university friend", "a university friend"),
        ("MBA", "an MBA"),
        ("CTO", "a CTO"),
        ("one-off", "a one-off"),
        ("", ""),
    ],
)
def test_a_an(phrase: str, expected: str) -> None:
    assert a_an(phrase) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hi  Ana ,  thanks .", "Hi Ana, thanks."),
        ("one\n\n\n\ntwo", "one\n\ntwo"),
        ("\n\n  hello  \n\n", "hello"),
        ("trailing   \nspaces\t", "trailing\nspaces"),
        ("I loved your post on hiring..", "I loved your post on hiring."),
        ("Wait...", "Wait..."),
        ("Really?.", "Really?"),
        ("Great!.", "Great!"),
        ("a ,.", "a."),
        ("( aside )", "(aside)"),
        ("Hi Ana , ! ", "Hi Ana!"),
        ("keep\n\nparagraphs\nand lines", "keep\n\nparagraphs\nand lines"),
        ("   indented by a template", "indented by a template"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


PLAYBOOK = """\
title: T
channel: {channel}
subject: "Intro: {{{{ a|first_name }}}} <> {{{{ b|first_name }}}}"
fields:
  - {{name: a, prompt: A?, required: true}}
  - {{name: b, prompt: B?, required: true}}
  - {{name: a_email, prompt: Email?, type: email}}
  - {{name: extra, prompt: Extra?}}
variants:
  - name: v
    text: |
      Hi {{{{ a|first_name }}}} and {{{{ b|first_name }}}},
      {{% if extra %}}
      {{{{ extra }}}}.
      {{% endif %}}

      Best,
      {{{{ me.name|first_name }}}}
  - name: note
    channel: linkedin-note
    text: "{{{{ a }}}} {{{{ 'x' * n }}}}"
"""


def pb(tmp_path: Path, channel: str = "email"):  # type: ignore[no-untyped-def]
    return parse(PLAYBOOK.format(channel=channel), tmp_path / "t.yaml")


ME = {"name": "Ana Ruiz", "linkedin_account": "free"}


def test_render_email_has_subject_body_and_recipients(tmp_path: Path) -> None:
    p = pb(tmp_path)
    d = render(
        p,
        p.variant(None),
        {"a": "Dr. Kim Lee", "b": "Sam Ode", "a_email": "kim@example.com", "extra": ""},
        ME,
    )
    assert d.subject == "Intro: Kim <> Sam"
    assert d.body == "Hi Kim and Sam,\n\nBest,\nAna"
    assert d.to == ["kim@example.com"]
    assert d.text() == "Subject: Intro: Kim <> Sam\n\nHi Kim and Sam,\n\nBest,\nAna"
    assert d.limits.body is None


def test_optional_sentence_appears_only_when_given(tmp_path: Path) -> None:
    p = pb(tmp_path)
    d = render(
        p, p.variant(None), {"a": "Kim", "b": "Sam", "a_email": "", "extra": "We met at PyCon"}, ME
    )
    assert d.body == "Hi Kim and Sam,\nWe met at PyCon.\n\nBest,\nAna"
    assert d.to == []


def test_linkedin_channels_have_no_subject(tmp_path: Path) -> None:
    p = pb(tmp_path, channel="linkedin-message")
    d = render(p, p.variant(None), {"a": "Kim", "b": "Sam", "a_email": "", "extra": ""}, ME)
    assert d.subject is None
    assert d.limits.body == 8000


@pytest.mark.parametrize(("account", "limit"), [("free", 200), ("premium", 300)])
def test_variant_channel_override_and_premium_note_limit(
    tmp_path: Path, account: str, limit: int
) -> None:
    p = pb(tmp_path)
    d = render(
        p,
        p.variant("note"),
        {"a": "Kim", "b": "", "a_email": "", "extra": "", "n": 3},
        {**ME, "linkedin_account": account},
    )
    assert d.channel == "linkedin-note"
    assert d.limits.body == limit
    assert d.subject is None
    assert d.body == "Kim xxx"


def test_undefined_name_is_a_render_error_naming_the_playbook(tmp_path: Path) -> None:
    p = pb(tmp_path)
    with pytest.raises(RenderError, match=r"playbook 't', variant 'note': 'n' is undefined"):
        render(p, p.variant("note"), {"a": "Kim", "b": "", "a_email": "", "extra": ""}, ME)


def test_template_file_is_loaded_from_the_library(tmp_path: Path) -> None:
    from drafter.library import Library

    (tmp_path / "playbooks").mkdir()
    (tmp_path / "templates" / "t").mkdir(parents=True)
    (tmp_path / "templates" / "t" / "v.j2").write_text(
        "{% include 't/part.j2' %} {{ a }}\n", encoding="utf-8"
    )
    (tmp_path / "templates" / "t" / "part.j2").write_text("Hello", encoding="utf-8")
    path = tmp_path / "playbooks" / "t.yaml"
    path.write_text(
        "title: T\nchannel: linkedin-message\nfields: [{name: a, prompt: A?}]\n"
        "variants: [{name: v, template: t/v.j2}]\n",
        encoding="utf-8",
    )
    p = parse(path.read_text(encoding="utf-8"), path, Library(tmp_path, "test"))
    assert render(p, p.variant(None), {"a": "Kim"}, ME).body == "Hello Kim"


def test_invisible_characters_never_reach_a_draft(tmp_path: Path) -> None:
    """A template once hid the sender's phone in Unicode tag characters: invisible on screen,
    present on stdout, in JSON and on the clipboard. Joiners that emoji need survive."""
    from drafter import pipeline
    from drafter.playbook import parse

    hide = "".join(chr(0xE0000 + ord(c)) for c in "555 0100")  # the phone, in tag characters
    text = (
        "title: T\nchannel: email\nvariants:\n  - name: a\n    text: |\n"
        f"      Hi.\u200b {hide}\u2060 Bye \U0001f469\u200d\U0001f4bb.\n"
    )
    pb = parse(text, tmp_path / "hide.yaml")
    body = pipeline.run(pb, {"me": {"name": "Ana", "phone": "555 0100"}}).body
    assert body == "Hi. Bye \U0001f469\u200d\U0001f4bb."


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ("Victor, did the numbers help?", "Victor, did the numbers help?"),
        ("Quick question, are you hiring?", "Quick question, are you hiring?"),
        ("did the numbers help?", "Did the numbers help?"),
        # a statement typed with a question mark is still a statement
        ("We met at PyCon?", "We met at PyCon."),
        ("Victor, we met at PyCon?", "Victor, we met at PyCon."),
    ],
)
def test_a_question_keeps_its_mark_after_a_name(tmp_path: Path, extra: str, line: str) -> None:
    p = pb(tmp_path)
    d = render(p, p.variant(None), {"a": "Kim", "b": "Sam", "a_email": "", "extra": extra}, ME)
    assert d.body.split("\n")[1] == line


def test_a_splice_is_mended_in_the_body_but_not_in_the_subject(tmp_path: Path) -> None:
    """'the PyCon sprint, it was great' ends a sentence in the body, so it becomes two; in a
    subject line two sentences ('… sprint. It was great') read worse than the comma."""
    text = (
        "title: T\nchannel: email\n"
        'subject: "Good to meet you at {{ where }}"\n'
        "fields:\n  - {name: where, prompt: Where?}\n"
        "variants:\n  - name: a\n    text: |\n      It was good to meet you at {{ where }}.\n"
    )
    p = parse(text, tmp_path / "t.yaml")
    d = render(p, p.variant(None), {"where": "the PyCon sprint, it was great"}, ME)
    assert d.body == "It was good to meet you at the PyCon sprint. It was great."
    assert d.subject == "Good to meet you at the PyCon sprint, it was great"
