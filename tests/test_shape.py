"""The pure text rules of drafter.shape, one table a rule."""

from __future__ import annotations

import pytest

from drafter import shape


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("you sit next to her", "you sit next to her"),
        ("you sit next to her at work.", "you sit next to her at work."),
        ("you mentioned his startup", "you mentioned his startup"),
        ("you're mentoring him", "you're mentoring him"),
        # about the reader, in the third person: still rewritten
        ("he manages the Leeds office", "you manage the Leeds office"),
        ("save her some pain", "save you some pain"),
        (
            "she's been hiring, and her team is growing",
            "you've been hiring, and your team is growing",
        ),
    ],
)
def test_to_you_leaves_someone_else_alone_once_the_reader_is_you(typed: str, expected: str) -> None:
    assert shape.to_you(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("you sit next to her", None),
        ("your trip with him to Lisbon", None),
        ("sat next to her at the luncheon", "her"),
        ("their post on hiring", "their"),
    ],
)
def test_third_person_is_not_the_reader_once_the_reader_is_you(
    typed: str, expected: str | None
) -> None:
    assert shape.third_person(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("not sure if I'm burnt out", ""),
        ("never been in sales before", ""),
        ("unsure what to do next", ""),
        ("so burnt out", ""),
        ("quite new to product", ""),
        ("support lead at Acme", "a "),
        ("engineer", "an "),
    ],
)
def test_article_only_before_a_role(typed: str, expected: str) -> None:
    assert shape.article(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Two years ago", "two years ago"),
        ("Three of us from the bootcamp", "three of us from the bootcamp"),
        ("Ten minutes of your time", "ten minutes of your time"),
        ("One Medical", "One Medical"),  # a name in title case stays
        ("Your article on pricing", "your article on pricing"),
        ("Stripe", "Stripe"),
        # a word English always capitalises stays, whatever follows it
        ("Christmas this year", "Christmas this year"),
        ("Christmas 2023", "Christmas 2023"),
        ("Thanksgiving the year before", "Thanksgiving the year before"),
        ("Christmas party", "Christmas party"),
    ],
)
def test_lower_first_lowers_a_number_word_mid_sentence(typed: str, expected: str) -> None:
    assert shape.lower_first(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I'm free tues 4pm", "I'm free Tuesday 4pm"),
        ("How about next tues or wed?", "How about next Tuesday or Wednesday?"),
        ("thurs works", "Thursday works"),
        ("sat morning", "Saturday morning"),
        ("wed at 3", "Wednesday at 3"),
        ("this sat", "this Saturday"),
        ("sun 10am", "Sunday 10am"),
        ("wed or thurs", "Wednesday or Thursday"),
        ("mon-fri", "Monday-Friday"),
        ("see you tuesday", "see you Tuesday"),
        # also words: left alone where nothing says they are days
        ("we sat next to each other", "we sat next to each other"),
        ("we sat on sun loungers", "we sat on sun loungers"),
        ("sun or rain", "sun or rain"),
        ("they wed in June", "they wed in June"),
        ("c'mon", "c'mon"),
        # typed with a capital, the same rules: one spelling in one message
        ("Next Tues or wed?", "Next Tuesday or Wednesday?"),
        ("Tues or Wed?", "Tuesday or Wednesday?"),
        ("Sat 3pm", "Saturday 3pm"),
        ("Thurs or Fri", "Thursday or Friday"),
        ("Sat next to her at the dinner", "Sat next to her at the dinner"),
        ("Sun Microsystems", "Sun Microsystems"),
        ("SAT prep", "SAT prep"),  # all capitals: something else
        # listed with a day, a day: 'sun morning' says so, and 'sat' is listed with it
        ("sat or sun morning", "Saturday or Sunday morning"),
        ("next sat or sun", "next Saturday or Sunday"),
        ("Friday or sat", "Friday or Saturday"),
        ("sat, sun or mon", "Saturday, Sunday or Monday"),
        ("tues/wed", "Tuesday/Wednesday"),
        ("Mon/Tue next week", "Monday/Tuesday next week"),
        ("his office in Kano, wed", "his office in Kano, Wednesday"),  # a when, at the end
        ("sea, sand, sun", "sea, sand, sun"),
        ("we sat and talked", "we sat and talked"),
        ("sun and sand", "sun and sand"),
    ],
)
def test_short_days_are_spelt_out_where_they_are_days(typed: str, expected: str) -> None:
    assert shape.calendar_case(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # noun phrases
        ("month end close automation", False),
        ("year end close process", False),
        ("the careers service at her university", False),
        ("the tax plan for next year", False),
        # a name's capital is no verb ('Met'); a noun after a possessive is a noun
        ("your daughter starting at Cardiff Met", False),
        ("your lab's plans for spatial transcriptomics", False),
        # clauses
        # a name's words do not push the verb out of reach
        ("the next Copenhagen oncology nursing day is on 3 October", True),
        ("our grant from the Wellcome Trust came through last week", True),
        ("Chris A needs a freelance QS for two jobs", True),  # an initial is the name's
        # a possessive, not 'is': a field of work, 'new' before a noun
        ("Mandy's bookkeeping", False),
        ("L'Oréal's new DTC team", False),
        ("Niall's looking for work", True),
        # a plural noun ending the answer after a preposition is no verb
        ("your eye for case studies", False),
        # a name set off by commas, and 'just' before a past tense
        ("a good friend, Maya Klein, just left Ocado", True),
        ("the one I just sent", False),
        ("Thursday at 9 works for me", True),
        ("your team is hiring two juniors", True),
        ("recruiters skim the top third", True),
        ("our kids go to the same school", True),
        ("bootcamp grads struggle in interviews", True),
        ("the team needs help", True),
        ("my clients want faster reporting", True),
    ],
)
def test_has_verb_early_tells_a_noun_phrase_from_a_clause(typed: str, expected: bool) -> None:
    assert shape.has_verb_early(typed) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("he manages the Leeds office and is free", "you manage the Leeds office and are free"),
        ("she's the CTO and has two kids", "you're the CTO and have two kids"),
        ("she is new, and is hiring", "you are new, and are hiring"),
        # someone else's verb stays
        ("he hired Sam and Sam is great", "you hired Sam and Sam is great"),
        ("he runs the team. Sam and Ana is", "you run the team. Sam and Ana is"),
        ("he handles sales and leads", "you handle sales and leads"),
    ],
)
def test_to_you_agrees_a_second_verb_of_the_same_subject(typed: str, expected: str) -> None:
    assert shape.to_you(typed) == expected


@pytest.mark.parametrize(
    ("typed", "pronoun", "addressed"),
    [
        ("she's doing her masters in Leeds", "she's", "you're doing your masters in Leeds"),
        # a plural before it cannot be a he or a she: still about the reader
        (
            "these days she's doing her masters in Leeds",
            "she's",
            "these days you're doing your masters in Leeds",
        ),
        (
            "on weekends he suits up for the Sunday league",
            "he",
            "on weekends you suit up for the Sunday league",
        ),
        ("On Saturdays he coaches", "he", "On Saturdays you coach"),
        (
            "as well as work she's doing a masters",
            "she's",
            "as well as work you're doing a masters",
        ),
        # only the reader's pronouns change: 'he' is her brother, 'they' her customers
        ("she told her brother he should apply", "she", "you told your brother he should apply"),
        (
            "customers love her work and they come back",
            "her",
            "customers love your work and they come back",
        ),
        (
            "introduce her to our CEO, he'd be a great guest",
            "her",
            "introduce you to our CEO, he'd be a great guest",
        ),
        # a 'their' no plural before it can mean is the reader's (their firm's) too
        (
            "His time and the offer to introduce us to their CSR team",
            "His",
            "Your time and the offer to introduce us to your CSR team",
        ),
        # a plural can be a they; a name or a word for one person can be anyone
        ("most weekends they run a stall", None, None),
        ("bootcamp grads struggle in their first job", None, None),
        ("Tomás says he is hiring", None, None),
        ("my mentor says she is hiring", None, None),
    ],
)
def test_third_person_reaches_past_plurals_that_cannot_be_the_reader(
    typed: str, pronoun: str | None, addressed: str | None
) -> None:
    found = shape.third_person(typed)
    assert found == pronoun
    if found is not None:
        assert shape.to_you(typed, shape.reader_pronouns(typed)) == addressed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("you're going to Costa Rica", True),
        ("these days you're doing a masters", True),
        ("on Saturdays you suit up", True),
        ("in March you start", True),
        ("next week you start", True),
        # a noun and what someone did with it: not a clause
        ("the week you moved", False),
        ("the trip you're taking", False),
        ("some days are hard", False),
        ("on the board", False),
    ],
)
def test_is_clause_takes_a_time_before_the_subject(typed: str, expected: bool) -> None:
    assert shape.is_clause(typed) is expected


@pytest.mark.parametrize(
    ("pid", "field", "typed", "reads"),
    [
        (
            "catch-up-invite",
            "topic",
            "on weekends he suits up for the Sunday league",
            "I saw that on weekends you suit up for the Sunday league, and I'd love to hear more.",
        ),
        (
            "check-in",
            "detail",
            "these days she's doing her masters in Leeds",
            "you mentioned that these days you're doing your masters in Leeds.",
        ),
        (
            "check-in",
            "detail",
            "christmas this year in Lisbon",
            "you told me about Christmas this year in Lisbon.",
        ),
    ],
)
def test_built_ins_address_the_reader_after_a_time(
    pid: str, field: str, typed: str, reads: str
) -> None:
    from drafter import load_playbook, pipeline

    pb = load_playbook(pid)
    given = {**(pb.spec.examples or {})[next(iter(pb.spec.examples or {}))], field: typed}
    outcome = pipeline.run(pb, given, variant="brief")
    assert reads in outcome.body
    assert all(r.ok for r in outcome.checks), [r for r in outcome.checks if not r.ok]


@pytest.mark.parametrize(
    ("answer", "told"),
    [
        ("she was my manager", "Karen was my manager"),
        ("She's my old boss.", "Karen is my old boss."),
        ("he", "he"),  # nothing after the pronoun: nothing to say about Karen
        (":HE:HE", ":HE:HE"),  # the word 'he', but not as a token of its own (was IndexError)
        ("he-man fan", "he-man fan"),
    ],
)
def test_pronoun_to_name_only_for_a_pronoun_of_its_own(answer: str, told: str) -> None:
    assert shape.pronoun_to_name(answer, "Karen") == told


@pytest.mark.parametrize(
    ("answer", "split"),
    [
        ("the SaaStr afterparty, we talked about cold outbound",
         "the SaaStr afterparty. We talked about cold outbound"),
        ("help clean up the field data, I know R pretty well",
         "help clean up the field data. I know R pretty well"),
        ("life coaching, you go to my church", None),  # 'you': often 'she' made second person
        # left as they are (and flagged by fit, but the series)
        ("worked together at Maersk, he was my team lead", None),  # he may be the reader
        ("your kitchen, been following it", None),  # no subject of its own
        ("Victor, we met at PyCon", None),  # a name called out
        ("the dog, you were getting a puppy. so fun", None),  # more than one sentence
        ("you were my manager, you know my work, and you've hired for years", None),
        # a comment on what came before is no sentence ('… at length. I think.')
        ("we spoke at length, I think", None),
        ("we met in 2019, I'd say", None),
        ("we met at the expo, I think it was 2019",
         "we met at the expo. I think it was 2019"),
        # a comma inside a quote is the quoted person's
        ('you said "I love it, it is great"', None),
        ("you said \u201cI love it, it is great\u201d", None),
        ("you said \u201chi\u201d, I said hello there", "you said \u201chi\u201d. I said hello there"),
        # a phone's apostrophe: was neither split nor flagged
        ("worked together at Acme, it\u2019s been ages",
         "worked together at Acme. It\u2019s been ages"),
        # a noun with a clause of its own is an aside to what came before, not a sentence
        ("worked together at Acme, the startup that was acquired by Stripe", None),
        ("the SaaStr afterparty, the talk we saw was great",
         "the SaaStr afterparty. The talk we saw was great"),
        ("we met at Acme, the startup that was founded by Kim was sold",
         "we met at Acme. The startup that was founded by Kim was sold"),
        ("I worked with Sam, my manager who was at Google", None),
        ("we met in 2019, my first year at Acme was hard",
         "we met in 2019. My first year at Acme was hard"),
        # a name and what they are or do stands as a sentence
        ("Kaito needs music, Ollie is amazing at chiptune",
         "Kaito needs music. Ollie is amazing at chiptune"),
        ("I work at Acme, London office", None),
        # a he, she or they a word before it explains; not one a name might (the reader)
        ("the careers service, they do free CV reviews",
         "the careers service. They do free CV reviews"),
        ("ask my old manager, she hires juniors", "ask my old manager. She hires juniors"),
        ("we worked together at Maersk, he was my team lead", None),
        ("at Maersk, my old boss, she hired us both", None),
    ],
)  # fmt: skip
def test_split_aside_makes_a_glued_on_sentence_one_of_its_own(
    answer: str, split: str | None
) -> None:
    assert shape.split_aside(answer) == (split or answer)


def test_a_series_of_clauses_is_no_aside() -> None:
    assert not shape.has_aside("you were my manager, you know my work, and you've hired for years")
    assert not shape.has_aside("I moved to Cork, started at Apple in March and we got a dog")
    assert shape.has_aside("I got made redundant, want to know if they're hiring")
    assert shape.has_aside("an intro to Kim, she'd be perfect, and she's local")


def test_a_noun_with_a_clause_of_its_own_is_no_aside() -> None:
    """'at Acme, the startup that was acquired by Stripe' says more about Acme: fit flagged it
    as a sentence glued on, and split_aside made 'The startup that was … .' of it."""
    assert not shape.has_aside("worked together at Acme, the startup that was acquired by Stripe")
    assert shape.has_aside("we met at the expo, our booth was next to yours")


def test_a_splice_typed_with_a_phones_apostrophe_is_found() -> None:
    assert shape.has_aside("we met at the expo, it\u2019s been ages")
    assert shape.has_aside("we met at the expo, it's been ages")


@pytest.mark.parametrize(
    ("answer", "bracketed"),
    [
        ("negotiating my severance package, I was laid off last week",
         "negotiating my severance package (I was laid off last week)"),
        ("studied architecture at AUB, it was 2012", "studied architecture at AUB (it was 2012)"),
        # left as they are, and flagged: someone who may be the reader, or no subject
        ("we're both in Campinas, I saw he runs the meetup", None),
        ("life coaching, you go to my church", None),
        ("your kitchen, been following it", None),
        ("the dog, I think", None),
        ("my notes (the long ones), I wrote them up", None),  # brackets in brackets
        # the answer's own full stop stays outside the brackets
        ("at Standard Bank, it was 2012.", "at Standard Bank (it was 2012)."),
    ],
)  # fmt: skip
def test_bracket_aside_puts_a_glued_on_sentence_in_brackets_mid_sentence(
    answer: str, bracketed: str | None
) -> None:
    assert shape.bracket_aside(answer) == (bracketed or answer)


def test_an_answer_in_the_middle_of_its_sentence_is_no_name_called_out() -> None:
    """'We both work in wine, I'm a sommelier as well': one word before the comma is a name
    called out only where the answer starts the sentence ('Victor, we met at PyCon')."""
    assert shape.split_aside("Victor, we met at PyCon") == "Victor, we met at PyCon"
    assert shape.split_aside("wine, I'm a sommelier", mid=True) == "wine. I'm a sommelier"


@pytest.mark.parametrize(
    "answer",
    ["two staffing vendors, contracted through 2026", "an L&D program, plus a coach through work"],
)
def test_what_a_thing_is_after_a_comma_is_no_glued_on_sentence(answer: str) -> None:
    assert not shape.has_aside(answer)


@pytest.mark.parametrize(
    ("word", "ing"),
    [("redo", "redoing"), ("make", "making"), ("run", "running"), ("see", "seeing"),
     ("lie", "lying"), ("fix", "fixing"), ("show", "showing"), ("help", "helping"),
     ("automate", "automating"), ("plan", "planning")],
)  # fmt: skip
def test_ing_form(word: str, ing: str) -> None:
    assert shape.ing_form(word) == ing


@pytest.mark.parametrize(
    ("offer", "topic"),
    [
        ("you want to redo our website", "redoing our website"),
        ("they'd like to sell me a CRM", "selling me a CRM"),
        ("to list my house", "listing my house"),
        ("you do ERP implementations", "ERP implementations"),
        # left as typed: no 'to' says the first word is a verb; or no verb after 'to'
        ("email marketing", "email marketing"),
        ("lead generation", "lead generation"),
        ("to our website", "to our website"),
        ("you want us to switch CRMs", "you want us to switch CRMs"),
        ("you do help with hiring", "you do help with hiring"),
    ],
)
def test_offer_as_topic_makes_what_they_would_do_a_topic(offer: str, topic: str) -> None:
    assert shape.offer_as_topic(offer) == topic


@pytest.mark.parametrize(
    ("question", "told", "told_not_you"),
    [
        ("how do you price it?", "how you price it", None),
        ("Would he look at my deck?", "whether he would look at my deck", "="),
        ("can I send her samples", "whether I can send her samples", "="),
        ("are they running a pilot", "whether they are running a pilot", "="),
        ("what do we do next", "what we do next", "="),
        # the verb would have to change ('does she hire' -> 'she hires'): not told
        ("does she hire juniors?", None, None),
        ("did you enjoy it?", None, None),  # a yes/no 'did': not told (see below)
        ("how did you get into UX", "how you got into UX", None),
        ("is it a fit? not sure", None, None),
        ("are he and I ready", None, None),
    ],
)
def test_indirect_tells_of_a_question_in_a_sentence(
    question: str, told: str | None, told_not_you: str | None
) -> None:
    assert shape.indirect(question) == told
    assert shape.indirect(question, you=False) == (told if told_not_you == "=" else told_not_you)


@pytest.mark.parametrize(
    ("answer", "written"),
    [
        ("how do you find time? do you get paid for it?", "how do you find time? Do you get paid for it?"),
        ("an hour on ranking. super generous.", "an hour on ranking. Super generous."),
        # not after an abbreviation, an initial or a version, nor before 'iPhone'
        ("approx. ten people", None),
        ("e.g. the team", None),
        ("it was v2. then v3", None),
        ("wow! iPhone users", None),
    ],
)  # fmt: skip
def test_a_sentence_inside_an_answer_starts_with_a_capital(
    answer: str, written: str | None
) -> None:
    assert shape.capitalise_sentences(answer) == (written or answer)


@pytest.mark.parametrize(
    ("typed", "own", "other", "other_offer", "said", "doubt"),
    [
        # the subject pronoun is the offerer; the other one, unlike it, is the reader
        (
            "she could give him a real-world case study for his talk",
            [],
            [],
            "",
            "give you a real-world case study for your talk",
            "",
        ),
        # the offerer known from how you know him: 'her' is the reader
        (
            "shoot her launch photos at a startup rate",
            ["he shot our menu last year"],
            [],
            "",
            "shoot your launch photos at a startup rate",
            "",
        ),
        # the reader known ('he can …', in turn): 'her' is not the reader
        (
            "share her supplier contacts",
            [],
            [],
            "he can review your deck",
            "share her supplier contacts",
            "",
        ),
        # the reader told by what they offer in turn ('his newsletter' said to her)
        (
            "a second opinion on her lease",
            [],
            ["opening her own practice"],
            "a case study for his newsletter",
            "a second opinion on your lease",
            "",
        ),
        # an object is never the offerer ('intro him to …'), as before
        ("intro him to investors", [], [], "", "intro you to investors", ""),
        ("walk her through the loan options", [], [], "", "walk you through the loan options", ""),
        # nothing says who is who: left as typed, and named as the doubt
        ("a tour of his plant", [], [], "", "a tour of his plant", "his"),
        ("a model he could roll out", [], [], "", "a model he could roll out", "he"),
        (
            "tips, she went through it herself",
            [],
            [],
            "",
            "tips, she went through it herself",
            "she",
        ),
        # 'from her …': what they offer comes from their own
        ("data from her trial sites", [], [], "", "data from her trial sites", ""),
        # the reader is 'you' already: a he after it is someone else
        ("review your deck with his team", [], [], "", "review your deck with his team", ""),
    ],
)
def test_an_offer_said_to_the_other_person_speaks_to_them_only_where_sure(
    typed: str, own: list[str], other: list[str], other_offer: str, said: str, doubt: str
) -> None:
    assert shape.offer_to_reader(typed, own, other, other_offer) == said
    assert shape.offer_doubt(typed, own, other, other_offer) == doubt


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("met her at a conference in Istanbul", "met at a conference in Istanbul"),
        ("first met him through Rotary", "first met through Rotary"),
        ("know her from uni", "know each other from uni"),
        ("have known him for years", "have known each other for years"),
        ("worked with her at Acme", "worked together at Acme"),
        # not the frame's own subject, or not a verb first: unchanged
        ("met her sister at a wedding", "met her sister at a wedding"),
        ("she was my manager", "she was my manager"),
        ("I met her at a conference", "I met her at a conference"),
    ],
)
def test_without_own_object_drops_the_pronoun_the_frame_already_names(
    typed: str, expected: str
) -> None:
    assert shape.without_own_object(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("you were my undergraduate tutor", "Anil was my undergraduate tutor"),
        ("I was your intern", "I was Anil's intern"),
        ("you taught me at uni", "Anil taught me at uni"),
        ("you teach my kids", "Anil teaches my kids"),
        ("we met when you'd just joined Google", "we met when Anil had just joined Google"),
        ("you're my old boss", "Anil is my old boss"),
        ("worked together at Acme", "worked together at Acme"),
    ],
)
def test_you_to_name_tells_the_connector_by_name_in_a_note_to_someone_else(
    typed: str, expected: str
) -> None:
    assert shape.you_to_name(typed, "Anil") == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("their shared interest in climbing gyms", "your shared interest in climbing gyms"),
        ("how they both got into climbing", "how you both got into climbing"),
        # a they something before it can mean, or a he or a she: as typed
        (
            "how Matteo's team could use their rota tool",
            "how Matteo's team could use their rota tool",
        ),
        ("how she scaled her team", "how she scaled her team"),
    ],
)
def test_plural_to_you_speaks_to_both_readers(typed: str, expected: str) -> None:
    assert shape.plural_to_you(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "Sam gave me great feedback on my portfolio",
            "Sam P. gave me great feedback on my portfolio",
        ),
        ("I owe Sam's team a coffee", "I owe Sam P.'s team a coffee"),
        ("feedback from Sam.", "feedback from Sam P."),
        ("Sam Patel and I met", "Sam Patel and I met"),
        ("Samantha said yes", "Samantha said yes"),
    ],
)
def test_first_name_as_tells_two_people_of_one_first_name_apart(typed: str, expected: str) -> None:
    assert shape.first_name_as(typed, "Sam", "Sam P.") == expected
    assert shape.first_name_as(typed, "Sam", "Sam") == typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # 'her' before no noun is an object, and maybe not the reader: as typed
        ("show her round our workshop", "show her round our workshop"),
        ("walk her home after", "walk her home after"),
        # before a noun, the reader's; as an object, 'you'
        ("review her deck", "review your deck"),
        ("introduce her to Sam", "introduce you to Sam"),
    ],
)
def test_to_you_makes_no_your_without_a_noun(typed: str, expected: str) -> None:
    assert shape.to_you(typed, shape.reader_pronouns(typed)) == expected


def test_the_fix_for_an_object_her_is_you() -> None:
    assert shape.second_person_of("her", "show her round our workshop") == "you"
    assert shape.second_person_of("her", "her team's roadmap") == "your"
    assert shape.second_person_of("their") == "your"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("she'd love to help", "Julia would love to help"),
        ("she'd done this before", "Julia had done this before"),
    ],
)
def test_pronoun_to_name_reads_she_d_by_what_follows(typed: str, expected: str) -> None:
    assert shape.pronoun_to_name(typed, "Julia") == expected


@pytest.mark.parametrize(
    ("why", "a_says", "b_says", "named"),
    [
        ("she needs dbt help and he has time", ["she leads data"], ["he freelances"],
         "Aisha needs dbt help and Oliver has time"),
        # one of them known, and both pronouns: the other is the other
        ("He needs a CFO and she is one", [], ["I know her"], "Aisha needs a CFO and Oliver is one"),
        ("her thesis overlaps with his research", ["I mentor her"], ["he taught me"],
         "Aisha's thesis overlaps with Oliver's research"),
        ("he'd be a great fit", ["he is"], ["she is"], "Aisha would be a great fit"),
        # in doubt: as typed (fit asks for names)
        ("she needs a producer", ["she writes"], [], None),
        ("she needs a producer", [], [], None),
        ("he needs help and she has time", ["he is"], ["he is"], None),
    ],
)  # fmt: skip
def test_pronouns_to_names_names_the_readers_only_where_the_answers_say_who(
    why: str, a_says: list[str], b_says: list[str], named: str | None
) -> None:
    assert shape.pronouns_to_names(why, "Aisha", a_says, "Oliver", b_says) == (named or why)


@pytest.mark.parametrize(
    ("typed", "pronoun"),
    [
        ("their post on hiring", "their"),
        ("she's in your congregation", None),  # 'your' is the reader: 'she' someone else
        ("him, your brother-in-law, the architect", None),
        ("you sit next to her", None),
    ],
)
def test_third_person_is_not_the_reader_in_an_answer_that_says_you(
    typed: str, pronoun: str | None
) -> None:
    assert shape.third_person(typed) == pronoun


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("how do I get my degree recognised in Germany?", "how do you get your degree recognised in Germany?"),
        ("Can I send you my CV?", "Can I send you my CV?"),  # a 'you' too: which is which?
        ("Should we hire our first PM now?", "Should you hire your first PM now?"),
        # not their question: one about the sender, told already
        ("how I moved from sales into product", "how I moved from sales into product"),
        ("if I know anyone at Airbnb", "if I know anyone at Airbnb"),
        ("your move into UX research", "your move into UX research"),
    ],
)  # fmt: skip
def test_asked_to_you_says_the_readers_own_question_back_to_them(typed: str, expected: str) -> None:
    assert shape.asked_to_you(typed) == expected


@pytest.mark.parametrize(
    ("typed", "call", "expected"),
    [
        ("host Ellie at the camp", False, "host you at the camp"),
        ("I hope Ellie enjoyed Iten", True, "I hope you enjoyed Iten, Ellie"),
        ("I hope Ellie is settling in. Moses says hi", True,
         "I hope you are settling in, Ellie. Moses says hi"),
        ("I think Ellie Hart runs the best clinic", True, "I think you run the best clinic, Ellie"),
        ("show Ellie's runners round", False, "show your runners round"),
        # said to her already, or in doubt: as typed
        ("Ellie, I hope the trip went well", True, "Ellie, I hope the trip went well"),
        ("Thanks again Ellie for making the time", True, "Thanks again Ellie for making the time"),
        ("Ellie - good luck with the application!", True, "Ellie - good luck with the application!"),
        ("Ellie and you should talk", True, "Ellie and you should talk"),
        ("Ellie helped Ellie's team", True, "Ellie helped Ellie's team"),
        ("I hope Moses enjoyed Iten", True, "I hope Moses enjoyed Iten"),
    ],
)  # fmt: skip
def test_name_to_you_speaks_to_the_reader_named_in_the_third_person(
    typed: str, call: bool, expected: str
) -> None:
    assert shape.name_to_you(typed, "Ellie Hart", call) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Price & Sons Roofing", True), ("Stripe", True), ("PyCon talk on async", False),
     ("The Lisbon meetup", False), ("your post", False), ("", False)],
)  # fmt: skip
def test_proper_name_is_a_name_that_takes_no_your(typed: str, expected: bool) -> None:
    assert shape.proper_name(typed) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("him", True), ("him, your brother-in-law", True), ("them", True), ("her.", True),
     ("her CTO", False), ("your CTO", False), ("", False)],
)  # fmt: skip
def test_leading_object_is_an_object_pronoun_first(typed: str, expected: bool) -> None:
    assert shape.leading_object(typed) is expected


def test_name_to_you_leaves_a_name_that_is_also_a_word() -> None:
    assert shape.name_to_you("Will send the deck", "Will Smith", True) == "Will send the deck"
    assert shape.name_to_you("Mark the date", "Mark Lee", True) == "Mark the date"


@pytest.mark.parametrize(
    ("answer", "bare"),
    [
        ("hospitality", True),
        ("offshore wind", True),
        ("surfing 🏄", True),
        ("old mate", True),
        # a thing of theirs 'your' fits, a name, a clause, or what says 'what about it'
        ("podcast", False),
        ("pycon talk", False),
        ("portfolio", False),
        ("your bakery", False),
        ("Lisbon", False),
        ("you climb", False),
        ("fellow nurse", False),
        ("same school", False),
        ("your work in offshore wind", False),
    ],
)
def test_a_bare_topic_is_a_word_or_two_naming_a_field(answer: str, bare: bool) -> None:
    assert shape.is_bare_topic(answer) is bare


@pytest.mark.parametrize(
    ("before", "named"),
    [
        ("Marcus, this is Travis Boone: ", True),
        ("Aoife can offer ", True),
        ("Mac and I ", True),
        # a greeting's name may be the reader's; no name at all
        ("Hi João Pedro, ", False),
        ("It was good to meet you at ", False),
    ],
)
def test_named_before_finds_the_person_an_answer_is_about(before: str, named: bool) -> None:
    assert shape.named_before(before) is named


def test_a_he_or_she_glued_on_after_a_named_persons_answer_is_theirs() -> None:
    answer = "tips on licensing, she went through it herself"
    assert shape.split_aside(answer, mid=True, named=True) == (
        "tips on licensing. She went through it herself"
    )
    assert shape.split_aside(answer, mid=True) == answer  # may be the reader: fit asks


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        ("I was most impressed by your career in hotels", "your career in hotels"),
        ("I would be very grateful to know how you moved", "how you moved"),
        ("I am most grateful for your kind words", "your kind words"),
        (
            "I would be most grateful as you have co-authored with her",
            "you have co-authored with her",
        ),
        # a request or news said with courtesy stays as typed
        ("I would be most grateful if you could keep me posted", None),
        ("I am most grateful to report that the council agreed", None),
        ("I'm grateful", None),
    ],
)
def test_the_writers_own_courtesy_before_what_they_mean_goes(typed: str, left: str | None) -> None:
    assert shape.without_politeness(typed) == (left or typed)


def test_shorthand_spells_out_at_and_leaves_a_cappella() -> None:
    assert shape.expand_shorthand("data scientist @ Spotify") == "data scientist at Spotify"
    assert shape.expand_shorthand("your a designer") == "you're a designer"
    assert shape.expand_shorthand("your a cappella group") == "your a cappella group"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # an ordinary word before lower-case words, or acronyms: lowered
        ("Landscape architect, mostly estates", "landscape architect, mostly estates"),
        ("Superintendent pharmacist", "superintendent pharmacist"),
        ("Sous chef", "sous chef"),
        ("Former ICU nurse moving into sales", "former ICU nurse moving into sales"),
        (
            "Fractional CFO for seed and Series A startups",
            "fractional CFO for seed and Series A startups",
        ),
        ("Lessons learned from the migration", "lessons learned from the migration"),
        ("Bootcamp grad looking for work", "bootcamp grad looking for work"),
        ("Apprentices together at Rolls-Royce", "apprentices together at Rolls-Royce"),
        ("Part-time pharmacist roles", "part-time pharmacist roles"),
        ("Former Stripe engineer", "former Stripe engineer"),  # a company between
        ("Former Lisbon resident", "former Lisbon resident"),  # a place between
        # a name, or a word that may be one: kept
        ("Rolls-Royce engineer", "Rolls-Royce engineer"),
        ("Stripe engineer", "Stripe engineer"),
        ("Square terminal rollout", "Square terminal rollout"),
        ("Notion community event", "Notion community event"),
        ("Slack huddle", "Slack huddle"),
        ("Apple retail", "Apple retail"),
        ("Mark introduced us", "Mark introduced us"),  # a name that is also a word
        ("Northwind data team", "Northwind data team"),  # no English word
        ("Lumen engineer", "Lumen engineer"),
        # followed by a capitalised word: a name or a deliberate title
        ("All Souls College", "All Souls College"),
        ("Sous Chef", "Sous Chef"),
        ("Burger King franchise", "Burger King franchise"),
        ("Landscape Architecture graduate", "Landscape Architecture graduate"),
        ("Former Northwind engineer", "Former Northwind engineer"),
        # closed-class words stay lowered before a name
        ("The Lisbon meetup", "the Lisbon meetup"),
        ("How Northwind moved", "how Northwind moved"),
        ("This Friday", "this Friday"),
        ("Some Stripe folks", "some Stripe folks"),
        # one word alone may be a name: only the lists lower it
        ("Landscape", "Landscape"),
        ("Lunch", "lunch"),
    ],
)
def test_lower_first_lowers_an_ordinary_word_that_no_name_is(typed: str, expected: str) -> None:
    assert shape.lower_first(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("That You're Retiring To Portugal", "that you're retiring to Portugal"),
        ("Your Article On Pricing", "your article on pricing"),
        ("That I'm Moving To Lisbon", "that I'm moving to Lisbon"),
        ("Your Series A Round", "your series A round"),
        ("That You Have A Dog", "that you have a dog"),
        ("My Time At Google", "my time at Google"),
        ("Your Post On LinkedIn About Hiring", "your post on LinkedIn about hiring"),
        ("That You Will Be Back In May", "that you will be back in May"),
        ("That You Met Mark At PyCon", "that you met Mark at PyCon"),
        ("I Run A Bakery", "I run a bakery"),
        # names in title case have no pronoun: kept
        ("Girls Who Code", "Girls Who Code"),
        ("Save The Children", "Save The Children"),
        ("Engineers Without Borders", "Engineers Without Borders"),
        # two words: a deliberate title
        ("Data Engineering", "Data Engineering"),
        # mostly names, not ordinary words: only the first word lowered, as before
        ("Your Northwind Lumen Acme Talk", "your Northwind Lumen Acme Talk"),
    ],
)
def test_lower_first_lowers_a_clause_typed_in_title_case(typed: str, expected: str) -> None:
    assert shape.lower_first(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # a word alone before its verb is a name: 'Mercy' the hospital, 'Harvest' the firm
        ("Mercy has a charge nurse opening", "Mercy has a charge nurse opening"),
        ("Harvest hired me last year", "Harvest hired me last year"),
        # plural, or a participle: ordinary words
        ("Returns are up 30% this year", "returns are up 30% this year"),
        ("Grocery buyers from Kroger will visit", "grocery buyers from Kroger will visit"),
        # a number after it makes a label
        ("Gate 23 at O'Hare", "Gate 23 at O'Hare"),
        # a question keeps its capital
        ("Do you take on interns?", "Do you take on interns?"),
        ("Would you do it again?", "Would you do it again?"),
        # clubs and languages whose names are words; a department named as a role
        ("Rotary lunch today", "Rotary lunch today"),
        ("Rust async book maintainer", "Rust async book maintainer"),
        ("Admissions at Kellogg", "Admissions at Kellogg"),
    ],
)
def test_lower_first_leaves_what_may_be_a_name_or_a_question(typed: str, expected: str) -> None:
    assert shape.lower_first(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("All Souls College", "All Souls College"),
        ("Every Can Counts", "Every Can Counts"),
        ("All Hands meeting", "All Hands meeting"),
        ("All Saints' Day", "All Saints' Day"),
        # before a name English always capitalises, or in sentence case: lowered as before
        ("All Tuesday mornings", "all Tuesday mornings"),
        ("All the Lisbon folks", "all the Lisbon folks"),
        ("That Kitchen Remodel", "that Kitchen Remodel"),
    ],
)
def test_lower_first_keeps_a_determiner_that_opens_a_title_cased_name(
    typed: str, expected: str
) -> None:
    assert shape.lower_first(typed) == expected


@pytest.mark.parametrize(
    ("typed", "article"),
    [
        ("wine list", "the "),
        ("async rewrite of their scheduler", "the "),
        ("seed round", "the "),
        # a plural head, a gerund, a mass noun, a name, a verb, a question: none
        ("reviewers for the async book", ""),
        ("raising a seed round", ""),
        ("data contracts", ""),
        ("growth design", ""),
        ("Lumen's move to streaming", ""),
        ("talk about health benefits", ""),
        ("did you two ever talk about the grant", ""),
    ],
)
def test_definite_gives_a_bare_singular_thing_its_article(typed: str, article: str) -> None:
    assert shape.definite(typed) == article


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("you've hired like 30 PMs", "you've hired about 30 PMs"),
        ("for like 10 years", "for about 10 years"),
        ("I'd like 2 minutes of your time", "I'd like 2 minutes of your time"),  # a verb
        ("I would like 3 names", "I would like 3 names"),
    ],
)
def test_like_before_a_number_is_about(typed: str, said: str) -> None:
    assert shape.without_chatter(typed) == said


@pytest.mark.parametrize(
    ("offer", "own"),
    [
        ("buy you a coffee if you're ever in Leeds", True),
        ("If you need a hand, I'm around", True),
        ("share our deck if useful", False),  # the condition 'If it's useful,' says
        ("share our deck", False),
        ("introduce you to a few CTOs, if helpful", False),
    ],
)
def test_an_offer_with_its_own_if_is_found(offer: str, own: bool) -> None:
    assert shape.own_condition(offer) is own


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("leads the cardiology service", "lead the cardiology service"),
        ("is a nurse", "are a nurse"),
        ("studies law", "study law"),
        ("fixes cars", "fix cars"),
        ("runs the club he founded", "run the club he founded"),  # only the verb is theirs
        ("works at Stripe with his brother", "work at Stripe with his brother"),
    ],
)
def test_as_you_says_what_someone_does_of_you(typed: str, said: str) -> None:
    assert shape.as_you(typed) == said
