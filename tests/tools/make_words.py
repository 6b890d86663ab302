"""Write drafter/_words.py from SCOWL's word lists (Debian's wamerican and wbritish).

python tests/tools/make_words.py american-english british-english > drafter/_words.py
python tests/tools/make_words.py --common american-english british-english > drafter/_common_words.py

(--common writes the lists lower_first alone needs, kept apart so a draft that never asks
about a capitalised word does not load them.)
"""

import sys
from collections import defaultdict

NOTICE = """\
SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute
and sell these word lists, the associated scripts, the output created from the scripts, and
its documentation for any purpose is hereby granted without fee, provided that the above
copyright notice appears in all copies and that both that copyright notice and this
permission notice appear in supporting documentation. Kevin Atkinson makes no
representations about the suitability of this array for any purpose. It is provided
"as is" without express or implied warranty."""
COMMON_ONLY = "--common" in sys.argv
words: set[str] = set()
for path in (a for a in sys.argv[1:] if a != "--common"):
    with open(path, encoding="utf-8") as f:
        words |= {w for w in f.read().split("\n") if w}
# Two-letter keys are mostly state codes and elements ('de', 'co', 'ne'): only these are kept.
TWO_LETTERS = set("ai dc dj hq ip iq ny nz ok pc pm pr qa sf tv uk vp".split())
# Name particles and words the lists capitalise that people write in lower case on purpose.
SKIP = set(
    "com eng ger han hun del dem mac nam wac xes ats neo ito ala ara ora noh tao ute gog pym"
    " ufa tet ibo ila ina iva noe ola qom sui hui hus lon les bic cid che dix tod tut i'd i'm".split()
)
lower = {w for w in words if w == w.lower()}
forms: dict[str, set[str]] = defaultdict(set)
for w in words:
    if w == w.lower() or w.endswith("'s") or len(w) < 2 or w.lower() in lower:
        continue
    if w.lower() in SKIP or (len(w) == 2 and w.lower() not in TWO_LETTERS):
        continue
    forms[w.lower()].add(w)
lines = []
for key in sorted(forms):
    found = forms[key]
    if len(found) > 1:  # "PM"/"Pm", "Sam"/"SAM": a short one is an acronym, a long one a name
        caps = [f for f in found if f.isupper()]
        pick = caps[0] if caps and len(key) <= 2 else sorted(found - set(caps))[0]
    else:
        (pick,) = found
    lines.append(f"{key} {pick}")
body = "\n".join(lines)
if COMMON_ONLY:
    common = sorted(w for w in lower if len(w) > 1 and not w.endswith("'s"))
    common_set = set(common)
    names_too = sorted(
        {w.lower() for w in words if w != w.lower() and not w.isupper() and w.lower() in common_set}
    )
    print('"""Word lists drafter tells ordinary words from names with, made from SCOWL\'s lists.')
    print()
    print("Generated from SCOWL's word lists as Debian ships them (wamerican and wbritish")
    print("2020.12.07) by tests/tools/make_words.py --common. COMMON: every word the lists have")
    print("in lower case ('landscape', 'apprentices'); a capitalised one mid-sentence reads as a")
    print("typo, where a word that is not ('Northwind') may be a name. NAMES_TOO: the words of")
    print("COMMON the lists also have capitalised, as a name ('mark', 'rose', 'apple').")
    print()
    print(NOTICE)
    print('"""')
    print()
    print("# Space-separated and sorted, found with str.find: no set to build at start-up.")
    print(f"COMMON = {' ' + ' '.join(common) + ' '!r}")
    print(f"NAMES_TOO = {' ' + ' '.join(names_too) + ' '!r}")
    sys.exit()
# Words that can be a verb: the lists have a past tense for them ('struggle', 'churn').
plain = {w for w in lower if w.isalpha() and w.isascii() and len(w) > 1}
verbs = sorted(
    w
    for w in plain
    if w + "ed" in plain
    or (w.endswith("e") and w + "d" in plain)
    or w + w[-1] + "ed" in plain
    or (w.endswith("y") and w[:-1] + "ied" in plain)
)
print('"""Word lists drafter reads answers with, made from SCOWL\'s English lists.')
print()
print("Generated from SCOWL's word lists as Debian ships them (wamerican and wbritish 2020.12.07)")
print("by tests/tools/make_words.py. PROPER: words the lists have only capitalised ('Lisbon',")
print("'Monday', 'NASA'), lower-cased -> as written; casing.proper_case restores them. VERBS:")
print("words that can be a verb, because the lists have a past tense for them ('struggle').")
print()
print(NOTICE)
print('"""')
print()
print("# One 'key Form' pair a line, found with str.find: no set to build at start-up.")
print(f"PROPER = {chr(10) + body + chr(10)!r}")
print("# Space-separated, found with str.find.")
print(f"VERBS = {' ' + ' '.join(verbs) + ' '!r}")
