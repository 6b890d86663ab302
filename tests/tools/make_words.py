"""Write drafter/_proper_words.py from SCOWL's word lists (Debian's wamerican and wbritish).

python make_proper_words.py american-english british-english > drafter/_proper_words.py
"""

import sys
from collections import defaultdict

words: set[str] = set()
for path in sys.argv[1:]:
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
print(
    "words that can be a verb, because the lists have a past tense for them ('struggle'). COMMON:"
)
print(
    "every word the lists have in lower case ('landscape', 'apprentices'): a capitalised word that"
)
print("is one reads as a typo mid-sentence, where a word that is not ('Northwind') may be a name.")
print("NAMES_TOO: the words of COMMON the lists also have capitalised, as a name ('mark', 'rose').")
print()
print("SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute")
print("and sell these word lists, the associated scripts, the output created from the scripts, and")
print("its documentation for any purpose is hereby granted without fee, provided that the above")
print("copyright notice appears in all copies and that both that copyright notice and this")
print("permission notice appear in supporting documentation. Kevin Atkinson makes no")
print("representations about the suitability of this array for any purpose. It is provided")
print('"as is" without express or implied warranty.')
print('"""')
print()
print("# One 'key Form' pair a line, found with str.find: no set to build at start-up.")
print(f"PROPER = {chr(10) + body + chr(10)!r}")
print("# Space-separated, found with str.find.")
print(f"VERBS = {' ' + ' '.join(verbs) + ' '!r}")
print("# Space-separated, found with str.find.")
common = sorted(w for w in lower if len(w) > 1 and not w.endswith("'s"))
print(f"COMMON = {' ' + ' '.join(common) + ' '!r}")
names_too = sorted(
    {w.lower() for w in words if w != w.lower() and not w.isupper() and w.lower() in lower}
    - {w for w in lower if w.endswith("'s")}
)
print("# Space-separated, found with str.find.")
print(f"NAMES_TOO = {' ' + ' '.join(names_too) + ' '!r}")
